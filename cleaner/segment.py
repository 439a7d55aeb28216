"""Raw text -> blocks with offsets. Makes no judgements about content.

A block is a non-blank line, stripped of surrounding whitespace, or part of a line where a
known caption/credit marker was glued onto the previous sentence ("...2018.Image copyright
AFP"). Markup that a renderer left in (Markdown headings, list bullets, links, images) is
recorded as hints on the block; the text itself is cleaned later by ``normalize``.
"""

from __future__ import annotations

import re

from .document import Block
from .lexicon import GLUED_MARKER

# Line separators: LF, CR, CRLF, and the Unicode line/paragraph separators.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x85\u2028\u2029]+")
_EDGE_SPACE = " \t\u00a0\u200b\ufeff\u3000"
_HEADING = re.compile(r"(#{1,6})[ \t]")
_BULLET = re.compile(r"(?:[*+\-\u2022\u25cf\u25aa\u2013]|\d{1,3}[.)])[ \t]")
_MD_LINK = re.compile(
    r"!?\[([^\]\n]{0,2000})\]\([^)\s]{0,2000}(?:[ \t]+\"[^\"\n]{0,500}\")?[ \t]*\)"
)
_MD_IMAGE = re.compile(r"!\[[^\]\n]{0,2000}\]\(")


def segment_text(source: str) -> list[Block]:
    """Split ``source`` into blocks; ``source[b.start:b.end]`` is each block's raw text."""
    blocks: list[Block] = []
    for match in _LINE.finditer(source):
        line = match.group()
        stripped = line.strip(_EDGE_SPACE)
        if not stripped or stripped.isspace():
            continue
        indent = len(line) - len(line.lstrip(_EDGE_SPACE))
        start = match.start() + indent
        for piece_start, piece in _split_glued(stripped):
            blocks.append(_make_block(piece, start + piece_start, indent))
    return blocks


def _split_glued(line: str) -> list[tuple[int, str]]:
    """Split a line where a caption/credit marker is glued to the previous sentence."""
    cuts = [m.start() for m in GLUED_MARKER.finditer(line)]
    if not cuts:
        return [(0, line)]
    pieces, last = [], 0
    for cut in [*cuts, len(line)]:
        piece = line[last:cut]
        stripped = piece.rstrip()
        if stripped:
            pieces.append((last, stripped))
        last = cut
    return pieces


def _make_block(raw: str, start: int, indent: int) -> Block:
    heading = _HEADING.match(raw)
    body = raw[heading.end():] if heading else raw
    bullet = _BULLET.match(body)
    link_chars = 0
    if "](" in raw:
        link_chars = sum(len(m.group(1)) for m in _MD_LINK.finditer(raw))
    return Block(
        text=raw,
        start=start,
        end=start + len(raw),
        heading_level=len(heading.group(1)) if heading else 0,
        list_item=bullet is not None,
        link_chars=link_chars,
        image=bool(_MD_IMAGE.search(raw)),
        indent=indent,
    )
