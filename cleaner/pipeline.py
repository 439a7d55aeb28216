"""clean(): the one place that wires the stages together.

str|bytes -> decode -> (HTML -> text) -> segment -> normalize -> classify -> captions ->
metadata -> Document. No stage reaches back into an earlier one.
"""

from __future__ import annotations

from .config import DEFAULT_CONFIG, Config
from .decode import decode_input
from .document import Document, Label
from .normalize import normalize_blocks
from .segment import segment_text


def clean(source: str | bytes, config: Config | None = None) -> Document:
    """Clean one page dump (text or HTML, str or bytes) into a Document."""
    config = config or DEFAULT_CONFIG
    text = decode_input(source, config)
    blocks = normalize_blocks(segment_text(text), config)
    from dataclasses import replace
    blocks = [replace(b, label=Label.BODY, reason="placeholder") for b in blocks]
    return Document(source=text, blocks=tuple(blocks))
