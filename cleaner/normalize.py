"""Text cleaning: small pure ``str -> str`` fixes, each named so every change is explained.

``normalize_blocks`` applies the fixes to every block's text and records in ``Block.fixes``
which of them changed it; offsets keep pointing at the raw input. This module does not
decide what a block is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import replace

from .config import Config
from .document import Block

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_MD_IMAGE = re.compile(r"!\[([^\]\n]{0,2000})\]\([^)\n]{0,2000}\)")
_MD_LINK = re.compile(r"\[([^\]\n]{0,2000})\]\([^)\s]{0,2000}(?:[ \t]+\"[^\"\n]{0,500}\")?[ \t]*\)")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+")
_MD_BULLET = re.compile(r"^(?:[*+\u2022\u25cf\u25aa]|-(?!-))[ \t]+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_EMPHASIS = re.compile(r"\*\*|__(?=\w)|(?<=\w)__")
# Single-marker emphasis, _word_ or *word*: only at word edges, so snake_case survives.
_MD_EMPHASIS_ONE = re.compile(r"(?<![\w*])([_*])(?=[^\s_*])([^\n]{1,500}?)(?<=[^\s_*])\1(?![\w*])")
# Invisible characters: zero-width space/joiner marks, BOM, word joiner, soft hyphen.
_INVISIBLE = re.compile(r"[\u200b\u200e\u200f\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")


def fix_encoding(text: str) -> str:
    """Repair mojibake (UTF-8 read as cp1252 and the like) with ftfy."""
    if text.isascii():
        return text
    import ftfy  # lazy: heavy import, and most blocks never need it

    return ftfy.fix_text(
        text, unescape_html=False, fix_line_breaks=False, normalization="NFC",
        uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False,
    )


def unescape_entities(text: str) -> str:
    """Decode HTML entities that a renderer left in the text."""
    return html.unescape(text) if _ENTITY.search(text) else text


def strip_markdown(text: str) -> str:
    """Remove Markdown syntax (links, images, headings, bullets, escapes, bold)."""
    if "](" in text:
        text = _MD_IMAGE.sub(r"\1", text)
        text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_BULLET.sub("", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub("", text)
    if "_" in text or "*" in text:
        text = _MD_EMPHASIS_ONE.sub(r"\2", text)
    return text


def remove_invisible(text: str) -> str:
    """Drop zero-width characters, soft hyphens and stray control characters."""
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub(" ", text)


def normalize_spaces(text: str) -> str:
    """Collapse runs of spaces, tabs and Unicode spaces (NBSP, ...) to one space."""
    return _SPACES.sub(" ", text).strip()


def fixes_for(config: Config) -> tuple[tuple[str, Callable[[str], str]], ...]:
    """The ordered fixes that ``config`` switches on, each with the name recorded."""
    steps: list[tuple[str, Callable[[str], str]]] = []
    if config.fix_encoding:
        steps.append(("encoding", fix_encoding))
    if config.unescape_entities:
        steps.append(("entities", unescape_entities))
    if config.strip_markdown:
        steps.append(("markdown", strip_markdown))
    steps.append(("invisible", remove_invisible))
    steps.append(("whitespace", normalize_spaces))
    return tuple(steps)


def clean_text(text: str, config: Config) -> tuple[str, tuple[str, ...]]:
    """Apply every enabled fix; return the cleaned text and the names of fixes that acted."""
    applied = []
    for name, fix in fixes_for(config):
        fixed = fix(text)
        if fixed != text:
            applied.append(name)
            text = fixed
    return text, tuple(applied)


def normalize_blocks(blocks: list[Block], config: Config) -> list[Block]:
    out = []
    for block in blocks:
        text, applied = clean_text(block.text, config)
        out.append(replace(block, text=text, fixes=applied) if applied else block)
    return out
