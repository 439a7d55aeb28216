"""Text cleaning: small pure ``str -> str`` fixes, each named so every change is explained.

``normalize_blocks`` applies the fixes to every block's text and records in ``Block.fixes``
which of them changed it; offsets keep pointing at the raw input. This module does not
decide what a block is.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from types import ModuleType

from .config import Config
from .document import Block
from .lexicon import MEMO_MAX_CHARS, MEMO_SIZE, remembered
from .segment import markdown_links

_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
# Markdown images and links are found by ``segment.markdown_links`` (linear time): an image
# is "![alt](url)" with no newline or ")" in the URL, a link "[text](url "title")".
_IMAGE_URL_END = re.compile(r"[)\n]")
_IMAGE_TAIL = re.compile(r"\)")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+")
#: Every list marker at the line's start at once ("* • item", "*   *   *"): nested markers
#: do not wait for another round of fixes (``MAX_FIX_ROUNDS``), however deep.
_MD_BULLET = re.compile(r"^(?:(?:[*+\u2022\u25cf\u25aa]|-(?!-))[ \t]+)+")
#: What a line that ``_MD_BULLET`` matches starts with.
_BULLET_CHARS = ("*", "+", "\u2022", "\u25cf", "\u25aa", "-")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_EMPHASIS = re.compile(r"\*\*|__(?=\w)|(?<=\w)__")
# Single-marker emphasis, _word_ or *word*: only at word edges, so snake_case survives.
# An opening marker follows a non-word character and precedes neither a space nor a marker;
# the closing one is the first of the same marker after it that follows neither a space
# nor a marker and precedes a non-word character, at most ``MAX_EMPHASIS_CHARS`` on, on
# the same line (see ``strip_emphasis``).
_EMPHASIS_OPEN = re.compile(r"(?<![\w*])[_*](?=[^\s_*])")
_EMPHASIS_CLOSE = re.compile(r"(?<=[^\s_*])[_*](?![\w*])")
MAX_EMPHASIS_CHARS = 500
# Invisible characters: zero-width space/joiner marks, BOM, word joiner, soft hyphen.
_INVISIBLE = re.compile(r"[\u200b\u200e\u200f\u2060\ufeff\u00ad]")
# Control characters, and line breaks left inside a block (an entity such as "&#10;" or
# "&#8232;" once unescaped): a block is one line of the body, as ``segment`` reads it.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\x85\u2028\u2029]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
#: The permalink marks that Sphinx and MkDocs put after every heading ("Quickstart¶"), at
#: the end of a block, after its text (a space before each at most).
_PERMALINK = re.compile(r"(?<=\S)(?:[ \t\u00a0]?\u00b6)+\s*$")


#: What ftfy's other fixes (those ``fix_encoding`` leaves on) change: C1 controls,
#: surrogates, the escape that opens a terminal sequence, and the control characters
#: ``ftfy.fixes.remove_control_chars`` documents (ASCII controls but for tab, line feed, form
#: feed and carriage return; U+206A-U+206F, U+FEFF, U+FFF9-U+FFFC).
_FTFY_FIXES = re.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u206a-\u206f\ufeff\ufff9-\ufffc\ud800-\udfff]")


#: Where ``ftfy.badness.is_bad`` can find mojibake at all: each of its patterns holds two
#: non-ASCII characters side by side, or a C1 control, or one of Â, Ã, Œ, œ (``Â `` and
#: ``œ.`` are its only patterns with a lone non-ASCII character). Text with none of these
#: is not bad, and most non-ASCII lines (accented letters between ASCII ones) are such
#: text: this search costs a tenth of ``is_bad``'s (tests/test_encodings.py checks the
#: claim against ftfy's pattern, character by character).
_MAYBE_MOJIBAKE = re.compile("[^\x00-\x7f]{2}|[\x80-\x9f\u00c2\u00c3\u0152\u0153]")


def fix_encoding(text: str) -> str:
    """Repair mojibake (UTF-8 read as cp1252 and the like) with ftfy.

    Text that ftfy would leave as it is passes without ``ftfy.fix_text``'s set-up: text in
    Unicode's composed form (NFC) with no character its fixes change (``_FTFY_FIXES``) that
    does not look like mojibake (``ftfy.badness.is_bad``, the test ftfy's own encoding fix
    starts with). Of the non-ASCII lines of every 3rd dev page in three renderings, 95% pass
    so, and every line comes out as ``ftfy.fix_text`` gives it."""
    if text.isascii():
        return text
    if (_FTFY_FIXES.search(text) is None and unicodedata.is_normalized("NFC", text)
            and (_MAYBE_MOJIBAKE.search(text) is None or not _ftfy().badness.is_bad(text))):
        return text
    return _ftfy().fix_text(
        text, unescape_html=False, fix_line_breaks=False, normalization="NFC",
        uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False,
    )


@cache
def _ftfy() -> ModuleType:
    """ftfy, imported on first use (a heavy import, and most blocks never need it)."""
    import ftfy
    import ftfy.badness

    return ftfy


def unescape_entities(text: str) -> str:
    """Decode HTML entities that a renderer left in the text."""
    return html.unescape(text) if _ENTITY.search(text) else text


def strip_markdown(text: str) -> str:
    """Remove Markdown syntax (links, images, headings, bullets, escapes, bold)."""
    if "](" in text:
        text = _keep_link_text(text, markdown_links(
            text, image=True, url_end=_IMAGE_URL_END, tail=_IMAGE_TAIL))
        text = _keep_link_text(text, markdown_links(text))
    if text.startswith("#"):
        text = _MD_HEADING.sub("", text)
    if text.startswith(_BULLET_CHARS):
        text = _MD_BULLET.sub("", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub("", text)
    if "_" in text or "*" in text:
        text = strip_emphasis(text)
    return text


def _keep_link_text(text: str, links: list[tuple[int, int, int, int]]) -> str:
    """Replace each link (start, end, text start, text end) by its text."""
    pieces: list[str] = []
    last = 0
    for start, end, text_start, text_end in links:
        pieces += (text[last:start], text[text_start:text_end])
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def strip_emphasis(text: str) -> str:
    r"""Remove single-marker emphasis: "_word_" -> "word", "*a phrase*" -> "a phrase".

    Each opening marker is paired with the first closing marker of its kind after it
    (bisection over the closers found in one pass), as the lazy regex
    ``(?<![\w*])([_*])(?=[^\s_*])([^\n]{1,500}?)(?<=[^\s_*])\1(?![\w*])`` did with
    ``sub`` — but that regex looked up to 500 characters ahead of every opener and took
    seconds on a line of "*a " repeated."""
    closers: dict[str, list[int]] = {"_": [], "*": []}
    for match in _EMPHASIS_CLOSE.finditer(text):
        closers[match.group()].append(match.start())
    newlines = [match.start() for match in re.finditer("\n", text)]
    pieces: list[str] = []
    last = 0
    for match in _EMPHASIS_OPEN.finditer(text):
        opening = match.start()
        if opening < last:
            continue
        marks = closers[match.group()]
        at = bisect_left(marks, opening + 2)
        if at == len(marks) or marks[at] - opening - 1 > MAX_EMPHASIS_CHARS:
            continue
        closing = marks[at]
        line_end = bisect_left(newlines, opening)
        if line_end < len(newlines) and newlines[line_end] < closing:
            continue
        pieces += (text[last:opening], text[opening + 1:closing])
        last = closing + 1
    pieces.append(text[last:])
    return "".join(pieces)


def remove_invisible(text: str) -> str:
    """Drop zero-width characters and soft hyphens; control characters and line breaks
    inside the block become spaces."""
    if not text.isascii():  # every invisible character is outside ASCII
        text = _INVISIBLE.sub("", text)
    return _CONTROL.sub(" ", text)


def remove_permalink(text: str) -> str:
    """Drop a heading's permalink mark: "Models¶" -> "Models". On the dev renderings, 381
    lines of 16 pages (documentation mostly) end in one, and no gold title or snippet has
    it."""
    if "\u00b6" not in text:
        return text
    return _PERMALINK.sub("", text)


def normalize_spaces(text: str) -> str:
    """Collapse runs of spaces, tabs and Unicode spaces (NBSP, ...) to one space."""
    if text.isascii() and "\t" not in text and "  " not in text:  # no run to collapse
        return text.strip()
    return _SPACES.sub(" ", text).strip()


#: The ordered fixes of a Config, each with its name (``fixes_for``).
_Steps = tuple[tuple[str, Callable[[str], str]], ...]


def fixes_for(config: Config) -> _Steps:
    """The ordered fixes that ``config`` switches on, each with the name recorded."""
    steps: list[tuple[str, Callable[[str], str]]] = []
    if config.fix_encoding:
        steps.append(("encoding", fix_encoding))
    if config.unescape_entities:
        steps.append(("entities", unescape_entities))
    if config.strip_markdown:
        steps.append(("markdown", strip_markdown))
    steps.append(("invisible", remove_invisible))
    steps.append(("permalink", remove_permalink))
    steps.append(("whitespace", normalize_spaces))
    return tuple(steps)


def clean_text(text: str, config: Config) -> tuple[str, tuple[str, ...]]:
    """Apply every enabled fix; return the cleaned text and the names of fixes that acted."""
    fixed, applied, _ = _apply(text, fixes_for(config))
    return fixed, applied


#: The fixes run again on a text they changed, until it stays as it is (at most this many
#: rounds), so that fixing a fixed text changes nothing: a bullet under a Markdown bullet
#: ("* • Unify ...") loses both, an entity escaped twice ("&amp;amp;") is unescaped twice.
#: A body cleaned again then reads back as the same blocks (the stable body needs that).
MAX_FIX_ROUNDS = 4


def _apply(text: str, steps: _Steps) -> tuple[str, tuple[str, ...], bool]:
    """``clean_text`` with the fixes looked up already (once per page, not per block), and
    whether the text came out settled: a last round of the fixes changed nothing."""
    applied: list[str] = []
    for _ in range(MAX_FIX_ROUNDS):
        changed = False
        for name, fix in steps:
            fixed = fix(text)
            if fixed != text:
                if name not in applied:
                    applied.append(name)
                text, changed = fixed, True
        if not changed:
            return text, tuple(applied), True
    return text, tuple(applied), False


#: ``_apply`` for the blocks: the fixes are pure, so their answers for recent short texts
#: are kept (``lexicon.remembered``).
_remembered = remembered(_apply)
#: Per set of fixes, recent short texts that came out of them settled (``_apply``): their
#: own answer, with no fix to name. The stable body reads every body block's fixed text a
#: second time, and the fixes (ftfy above all) need not run on it again.
_SETTLED: dict[_Steps, set[str]] = {}


def normalize_blocks(blocks: list[Block], config: Config) -> list[Block]:
    steps = fixes_for(config)
    settled = _SETTLED.setdefault(steps, set())
    out = []
    for block in blocks:
        if block.text in settled:
            out.append(block)
            continue
        text, applied, is_settled = _remembered(block.text, steps)
        if not applied:
            out.append(block)
            continue
        out.append(replace(block, text=text, fixes=block.fixes + applied))
        if is_settled and len(text) <= MEMO_MAX_CHARS:
            if len(settled) >= MEMO_SIZE:
                settled.clear()
            settled.add(text)
    return out
