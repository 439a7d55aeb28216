"""Raw text -> blocks with offsets. Makes no judgements about content.

A block is a non-blank line, stripped of surrounding whitespace, or part of a line where a
known caption/credit marker was glued onto the previous sentence ("...2018.Image copyright
AFP"), or (text input) the lines that are pieces of one sentence, as renderers that break
at every link or emphasis write them: joined into one block with the fix ``joined``
(``_join_fragments``). Markup that a renderer left in (Markdown headings, list bullets,
links, images) is recorded as hints on the block; the text itself is cleaned later by
``normalize``.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from typing import NamedTuple

from .document import Block, Label, new_block
from .lexicon import GLUED_MARKER, GLUED_MARKERS

# Line separators: LF, CR, CRLF, and the Unicode line/paragraph separators.
_LINE = re.compile(r"[^\n\r\x0b\x0c\x85\u2028\u2029]+")
_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")
_EDGE_SPACE = " \t\u00a0\u200b\ufeff\u3000"
_HEADING = re.compile(r"(#{1,6})[ \t]")
_BULLET = re.compile(r"(?:[*+\-\u2022\u25cf\u25aa\u2013]|\d{1,3}[.)])[ \t]")
# Markdown links, as the model knows them (see ``markdown_links``).
MAX_LINK_TEXT_CHARS = 2000
MAX_LINK_URL_CHARS = 2000
_BRACKET_END = re.compile(r"[\]\n]")
_LINK_MIDDLE = re.compile(r"\](?=\()")
#: Where the URL of a link ends, and what must follow there: an optional title, then ")".
LINK_URL_END = re.compile(r"[)\s]")
LINK_TAIL = re.compile(r"(?:[ \t]+\"[^\"\n]{0,500}\")?[ \t]*\)")


#: The fix a block of joined lines lists (``Block.fixes``): its text is its lines', joined
#: with a space (or nothing before a comma or stop) where the input broke the line.
JOINED = ("joined",)


class _Line(NamedTuple):
    start: int
    end: int
    text: str  # stripped; pieces of a paragraph joined with a space or nothing
    indent: int
    after_blank: bool  # a blank line (or the start of the text) comes before it
    joined: bool


def segment_text(source: str, join_fragments: bool = True) -> list[Block]:
    """Split ``source`` into blocks; ``source[b.start:b.end]`` is each block's raw text (a
    joined block spans its lines and the line breaks between them). ``join_fragments``
    is off for the lines of an HTML rendering, which are whole elements already."""
    lines: list[_Line] = []
    previous_end = 0
    for match in _LINE.finditer(source):
        raw = match.group()
        stripped = raw.strip(_EDGE_SPACE)
        if not stripped or stripped.isspace():
            continue
        indent = len(raw) - len(raw.lstrip(_EDGE_SPACE))
        start = match.start() + indent
        blank = join_fragments and (  # only the join reads it
            not lines or (match.start() - previous_end > 1  # one "\n" between: no gap
                          and len(_BREAK.findall(source, previous_end, match.start())) > 1))
        lines.append(_Line(start, start + len(stripped), stripped, indent, blank, False))
        previous_end = match.end()
    if join_fragments:
        joined = _join_fragments(lines)
        if len(lines) - len(joined) >= _SURE_JOINS:  # a page broken at its inline elements
            joined = _join_fragments(lines, lower_case=True)
        lines = joined
    blocks: list[Block] = []
    for line in lines:
        if line.joined:
            blocks.append(_make_block(line.text, line.start, line.indent, line.end, JOINED))
            continue
        for piece_start, piece in _split_glued(line.text):
            blocks.append(_make_block(piece, line.start + piece_start, line.indent))
    return blocks


#: A line that goes on with the sentence of the line before it: one that starts with a
#: comma, a closing stop or a closing bracket ("titled" / "Aspects" / ". Beth Meacham ...").
_GOES_ON = re.compile(r"[,;:.!?)\]\u2026]")
#: How a line that closes its sentence ends (before closing quotes and brackets).
_ENDS = tuple(".!?:;\u2026")
_CLOSERS = "\"'\u201d\u2019\u00bb)]*_"
#: A line that ends with one of these is followed without a space ("(" / "Spezifisch").
_OPENERS = tuple("([{\u201e\u201c\u00ab")
#: A line of at most this many words between a line of at least ``_INLINE_AFTER_WORDS``
#: words and a line that goes on with their sentence is an inline element of that sentence.
_INLINE_WORDS = 6
_INLINE_AFTER_WORDS = 4


#: A page where at least this many lines join without the lower-case rule was broken at its
#: inline elements: there a line that starts in lower case goes on with a sentence too.
_SURE_JOINS = 3


def _join_fragments(lines: list[_Line], lower_case: bool = False) -> list[_Line]:
    """Join the lines that are pieces of one paragraph. Renderers that break the text at
    every inline element (BeautifulSoup's ``get_text("\\n")``) cut a sentence at each link
    or emphasis; a line joins the one before it when no blank line separates them, that line
    does not end its sentence, and this one goes on with it (``_GOES_ON``; with
    ``lower_case``, also a line that starts in lower case after at least
    ``_INLINE_AFTER_WORDS`` words) or is a short inline element followed by such a line.
    Linear in the lines, however many join."""
    groups: list[list[_Line]] = []
    words = 0  # in the last group
    for i, line in enumerate(lines):
        text = line.text
        if groups and not line.after_blank:
            group = groups[-1]
            after = lines[i + 1] if i + 1 < len(lines) else None
            if ((_GOES_ON.match(text)
                 or (lower_case and text[0].islower() and words >= _INLINE_AFTER_WORDS)
                 or (after is not None and not after.after_blank
                     and (_GOES_ON.match(after.text) or (lower_case and after.text[0].islower()))
                     and len(text.split()) <= _INLINE_WORDS and words >= _INLINE_AFTER_WORDS))
                    and not group[-1].text.rstrip(_CLOSERS).endswith(_ENDS)
                    and not _has_glued_marker(text)
                    and (len(group) > 1 or not _has_glued_marker(group[0].text))):
                group.append(line)
                # the words of the joined text: a piece glued on without a space (",
                # and") goes on with the last word before it
                words += len(text.split()) - (not _spaced(group[-2].text, text))
                continue
        groups.append([line])
        words = len(text.split())
    return [group[0] if len(group) == 1 else _joined(group) for group in groups]


def _spaced(before: str, piece: str) -> bool:
    """Whether a space goes between two joined pieces: not before a comma or stop, nor
    after an opening bracket."""
    return piece[0].isalnum() and not before.endswith(_OPENERS)


def _has_glued_marker(text: str) -> bool:
    return any(marker in text for marker in GLUED_MARKERS)


def _joined(group: list[_Line]) -> _Line:
    """One line of the pieces of a sentence: a space where the input broke the line, none
    before a comma or stop or after an opening bracket."""
    parts = [group[0].text]
    for before, piece in itertools.pairwise(group):
        if _spaced(before.text, piece.text):
            parts.append(" ")
        parts.append(piece.text)
    return group[0]._replace(end=group[-1].end, text="".join(parts), joined=True)


def _split_glued(line: str) -> list[tuple[int, str]]:
    """Split a line where a caption/credit marker is glued to the previous sentence."""
    if not _has_glued_marker(line):  # what every cut looks ahead at
        return [(0, line)]
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


def _make_block(raw: str, start: int, indent: int, end: int | None = None,
                fixes: tuple[str, ...] = ()) -> Block:
    heading = _HEADING.match(raw)
    body = raw[heading.end():] if heading else raw
    bullet = _BULLET.match(body)
    links = markdown_links(raw) if "](" in raw else []
    return new_block(
        raw, start, start + len(raw) if end is None else end, Label.FURNITURE, None, "", None,
        fixes,
        heading_level=len(heading.group(1)) if heading else 0,
        list_item=bullet is not None,
        link_chars=sum(text_end - text_start for _, _, text_start, text_end in links),
        image="![" in raw and _has_markdown_image(raw),
        indent=indent,
    )


def markdown_links(
    text: str, *, image: bool = False, url_end: re.Pattern[str] = LINK_URL_END,
    tail: re.Pattern[str] = LINK_TAIL,
) -> list[tuple[int, int, int, int]]:
    r"""Markdown links in ``text`` as (start, end, text start, text end), in linear time.

    The result is exactly what ``re.finditer`` gives for ``\[([^\]\n]{0,2000})\]\(``, a URL
    of at most 2,000 characters that are not ``url_end``, then ``tail``; with ``image``,
    only "![alt](...)" counts and a match starts at the "!". Such a regex rescans up to
    2,000 characters after every "[" and took seconds on a line of "[a](" repeated: here
    each "](" is visited once, the "[" it closes is the first one after the "]" or newline
    before it (bisection), and what follows each URL end is matched once. A link that
    starts inside an earlier one is skipped; "[![alt](img)](url)" is the link " ![alt" up
    to "img)", as the regex has it.
    """
    bracket_ends = [m.start() for m in _BRACKET_END.finditer(text)]
    url_ends = [m.start() for m in url_end.finditer(text)]
    tails: dict[int, int | None] = {}
    links: list[tuple[int, int, int, int]] = []
    resume = 0
    for closing in _LINK_MIDDLE.finditer(text):
        close = closing.start()
        # The "[" must come after the "]" or newline before this "]", within reach, and
        # not inside the previous link; the leftmost such "[" (or "![") opens the link.
        at = bisect_left(bracket_ends, close)
        earliest = max(bracket_ends[at - 1] + 1 if at else 0, close - 1 - MAX_LINK_TEXT_CHARS)
        if image:
            bang = text.find("![", max(earliest - 1, resume), close)
            start, opening = bang, bang + 1
        else:
            start = opening = text.find("[", max(earliest, resume), close)
        if start < 0:
            continue
        url = close + 2
        at = bisect_left(url_ends, url)
        stop = url_ends[at] if at < len(url_ends) else len(text)
        if stop - url > MAX_LINK_URL_CHARS:
            continue
        if stop not in tails:
            found = tail.match(text, stop)
            tails[stop] = found.end() if found else None
        end = tails[stop]
        if end is not None:
            links.append((start, end, opening + 1, close))
            resume = end
    return links


def _has_markdown_image(raw: str) -> bool:
    """True when a "![" is closed by "](" at most ``MAX_LINK_TEXT_CHARS`` on (no "]" or
    newline between). Every "![" before the same "]" shares it, so each is looked at once."""
    opening = raw.find("![")
    while opening >= 0:
        close = _BRACKET_END.search(raw, opening + 2)
        if close is None:
            return False
        end = close.start()
        if (close.group() == "]" and raw.startswith("(", end + 1)
                and raw.find("![", max(opening, end - 2 - MAX_LINK_TEXT_CHARS), end) >= 0):
            return True
        opening = raw.find("![", end)
    return False
