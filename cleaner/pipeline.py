"""clean(): the one place that wires the stages together.

str|bytes -> decode -> segment -> normalize -> classify (features, model, rules, revision)
-> captions -> metadata -> Document. No stage reaches back into an earlier one.
"""

from __future__ import annotations

from .captions import collect_captions
from .config import DEFAULT_CONFIG, Config
from .decode import decode_input
from .document import Document, Label
from .normalize import normalize_blocks
from .segment import segment_text


def clean(source: str | bytes, config: Config | None = None) -> Document:
    """Clean one page dump (text, str or bytes) into a Document."""
    config = config or DEFAULT_CONFIG
    text = decode_input(source, config)
    blocks = normalize_blocks(segment_text(text), config)
    from .classify import classify_blocks  # lazy: pulls in NumPy and the model
    from .metadata import extract_metadata

    page = classify_blocks(blocks, config)
    captions = collect_captions(page.blocks)
    labelled, metadata = extract_metadata(text, page.blocks, page.language)
    title = next((b.text for b in labelled if b.label is Label.TITLE), None)
    return Document(source=text, blocks=tuple(labelled), title=title,
                    captions=tuple(captions), metadata=metadata)
