"""Blocks -> a feature matrix: what the classifier sees of each block and its neighbours.

Pure and threshold-free: every feature is a number describing the block (length, stopword
share, punctuation, casing, digits, links, markup hints, furniture-lexicon hits), its place in
the page (position, repetition, text mass around it) and the same for its neighbours. The
column order is ``FEATURE_NAMES``; the packaged model records the names it was trained on,
so a mismatch is caught at load time rather than producing silent garbage.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from math import log1p

import numpy as np

from .document import Block
from .html import HINT_NAMES, Rendering
from .language import detect_language
from .lexicon import (
    CAPTION_TEXT_MARKERS,
    FURNITURE_PHRASES,
    GLUED_MARKERS,
    all_stopwords,
    is_caption_marker,
    match_furniture,
    stopwords,
)

_WORD = re.compile(r"\w+")
_TERMINAL = re.compile(r"[.!?\u3002\uff01\uff1f\u2026:;]['\"\u201d\u2019)\]]*$")
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f](?:\s|$)")
_URL = re.compile(r"https?://|www\.\w", re.IGNORECASE)
_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|"
    r"oktober|dezember)[a-z]*\.?\s+\d{1,2}|\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember)[a-z]*)",
    re.IGNORECASE,
)
_SEPARATORS = "|\u00b7\u2022\u00bb\u203a>/"
_QUOTES = "\"\u201c\u201d\u201e\u00ab\u00bb"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
#: A caption or credit label inside a block, after some text: teaser cards and galleries
#: rendered onto one line ("Tampon tax scrapped Image copyright AFP Image caption ...").
_INNER_MARKER = re.compile(
    r"(?<=\S)\s*(?:" + "|".join(re.escape(m) for m in (*GLUED_MARKERS, *CAPTION_TEXT_MARKERS))
    + ")"
)
#: Blocks of at most this many words count as section headers ("Related", "Comments").
_MAX_HEADER_WORDS = 12
#: Shortest block (in characters) compared with the first line for the title features.
_MIN_TITLE_CHARS = 12

KINDS = tuple(FURNITURE_PHRASES)
#: The language is guessed from about this many words of the page's longer blocks...
_MAX_LANGUAGE_TOKENS = 3000
#: ...read from at most this many characters of each (longer than any dev-page line).
_MAX_LANGUAGE_CHARS = 50_000

# Per-block features, in column order.
_BASE = (
    "log_chars", "log_words", "mean_word_len", "stop_share", "stop_share_any", "terminal",
    "sentences_per_word", "comma_per_word", "upper_share", "title_case_share", "digit_share",
    "link_share", "heading", "heading_level", "list_item", "image", "log_indent", "has_url",
    "date_like", "separator_share", "quote_share", "cjk_share", "ends_colon", "caption_marker",
    "repeat_count", "first_occurrence", "marker_inside", "first_line_share", "in_first_line",
    *(f"lex_{k}" for k in KINDS),
)
# Neighbour features: the same quantities for blocks at these offsets.
_NEIGHBOUR_BASE = (
    "log_words", "stop_share", "terminal", "link_share", "heading", "list_item",
    "title_case_share", "caption_marker", "lex_comments", "lex_related", "marker_inside",
)
_OFFSETS = (-3, -2, -1, 1, 2, 3)
# Page-level and positional features.
_PAGE = (
    "rel_position", "log_index", "log_index_from_end", "rel_char_position", "words_before_share",
    "prose_before_share", "prose_after_share", "win3_prose", "win10_prose", "win3_stop",
    "win10_words", "page_log_blocks", "page_log_words", "page_link_share", "page_markdown",
    "dist_longest", "len_vs_median", "comments_before", "related_before",
    "since_related", "prose_since_related", "since_comments", "prose_since_comments",
    "metadata_before", "similar_run", "first_line_has_later",
)

FEATURE_NAMES: tuple[str, ...] = (
    *_BASE,
    *(f"{name}@{off:+d}" for off in _OFFSETS for name in _NEIGHBOUR_BASE),
    *_PAGE,
)
_COL = {name: i for i, name in enumerate(_BASE)}


def page_language(blocks: Sequence[Block]) -> str | None:
    """The page's language, from the stopwords of its longer blocks."""
    tokens: list[str] = []
    for block in blocks:
        if len(block.text) > 40:
            # a block's head is enough (a 10 MB line used to be tokenised whole)
            tokens.extend(_WORD.findall(block.text[:_MAX_LANGUAGE_CHARS].lower()))
            if len(tokens) > _MAX_LANGUAGE_TOKENS:
                break
    return detect_language(tokens)


def block_features(
    blocks: Sequence[Block],
    language: str | None,
    furniture: Sequence[tuple[str, str] | None] | None = None,
) -> np.ndarray:
    """The feature matrix, one row per block, columns in ``FEATURE_NAMES`` order.

    ``furniture`` holds ``lexicon.match_furniture`` of every block when the caller has it
    already (classify needs it again for the kinds); it is computed here otherwise."""
    n = len(blocks)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
    lang_stop = stopwords().get(language or "", frozenset())
    any_stop = all_stopwords()
    counts = Counter(b.text for b in blocks)
    seen: set[str] = set()
    base = np.zeros((n, len(_BASE)), dtype=np.float64)
    if furniture is None:
        furniture = [match_furniture(b.text) for b in blocks]
    first = _FirstLine(blocks[0].text)
    for i, block in enumerate(blocks):
        base[i] = _base_row(block, furniture[i], lang_stop, any_stop, counts, seen,
                            first if i else None)
    return np.hstack([base, _neighbours(base), _page(blocks, base, first)]).astype(np.float32)


class _FirstLine:
    """The page's first line, which dumps often open with (the page's ``<title>``, that
    usually holds the headline plus the site name): how much of a block it holds."""

    __slots__ = ("folded", "words")

    def __init__(self, text: str) -> None:
        self.folded = " ".join(text.casefold().split())
        self.words = frozenset(_WORD.findall(self.folded))

    def share(self, lower_words: Sequence[str]) -> float:
        """Share of the block's words that occur in the first line."""
        if not lower_words:
            return 0.0
        return sum(map(self.words.__contains__, lower_words)) / len(lower_words)

    def holds(self, text: str) -> bool:
        """The block's whole text occurs in the first line (and is long enough to mean it)."""
        return len(text) >= _MIN_TITLE_CHARS and " ".join(text.casefold().split()) in self.folded


def _base_row(
    block: Block,
    lex: tuple[str, str] | None,
    lang_stop: frozenset[str],
    any_stop: frozenset[str],
    counts: Counter[str],
    seen: set[str],
    first_line: _FirstLine | None,
) -> list[float]:
    text = block.text
    chars = len(text) or 1
    words = _WORD.findall(text)
    n_words = len(words)
    lower = [w.lower() for w in words]
    nw = n_words or 1
    letters = sum(map(str.isalpha, text)) or 1
    cjk = len(_CJK.findall(text)) if not text.isascii() else 0
    stop_lang = sum(map(lang_stop.__contains__, lower)) / nw if lang_stop else 0.0
    stop_any = sum(map(any_stop.__contains__, lower)) / nw
    if cjk > 0.3 * chars:  # no spaces: count characters that are stopwords instead
        stop_lang = stop_any = sum(map(any_stop.__contains__, text)) / chars
        n_words = max(n_words, cjk // 2)
    first = text not in seen
    seen.add(text)
    digits = sum(map(str.isdigit, text))
    return [
        log1p(chars),
        log1p(n_words),
        sum(map(len, words)) / nw,
        stop_lang,
        stop_any,
        float(bool(_TERMINAL.search(text))),
        len(_SENTENCE_END.findall(text)) / nw,
        text.count(",") / nw,
        sum(map(str.isupper, text)) / letters,
        sum(map(str.isupper, [w[0] for w in words])) / nw,
        digits / chars,
        min(1.0, block.link_chars / chars),
        float(block.heading_level > 0),
        float(block.heading_level),
        float(block.list_item),
        float(block.image),
        log1p(block.indent),
        float(("://" in text or "w." in text or "W." in text) and bool(_URL.search(text))),
        float(digits > 0 and bool(_DATE.search(text))),  # every date form has a digit
        sum(map(text.count, _SEPARATORS)) / chars,
        sum(map(text.count, _QUOTES)) / chars,
        cjk / chars,
        float(text.endswith(":")),
        float(is_caption_marker(text)),
        log1p(counts[text] - 1),
        float(first),
        float(_INNER_MARKER.search(text) is not None),
        first_line.share(lower) if first_line is not None else -1.0,
        float(first_line.holds(text)) if first_line is not None else -1.0,
        *(float(lex is not None and lex[0] == k) for k in KINDS),
    ]


def _shift(column: np.ndarray, offset: int, fill: float) -> np.ndarray:
    out = np.full_like(column, fill)
    if offset > 0 and offset < len(column):
        out[:-offset] = column[offset:]
    elif offset < 0 and -offset < len(column):
        out[-offset:] = column[:offset]
    return out


def _neighbours(base: np.ndarray) -> np.ndarray:
    cols = [_COL[name] for name in _NEIGHBOUR_BASE]
    parts = [_shift(base[:, c], off, -1.0) for off in _OFFSETS for c in cols]
    return np.stack(parts, axis=1)


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    padded = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    idx = np.arange(n)
    lo, hi = np.maximum(0, idx - radius), np.minimum(n, idx + radius + 1)
    return (padded[hi] - padded[lo]) / (hi - lo)


def _page(blocks: Sequence[Block], base: np.ndarray, first: _FirstLine) -> np.ndarray:
    n = len(blocks)
    idx = np.arange(n, dtype=np.float64)
    log_words = base[:, _COL["log_words"]]
    words = np.expm1(log_words)
    chars = np.array([len(b.text) for b in blocks], dtype=np.float64)
    prose = ((words >= 10) & (base[:, _COL["stop_share"]] + base[:, _COL["stop_share_any"]] > 0.3)
             & (base[:, _COL["link_share"]] < 0.5)).astype(np.float64)
    prose_words = prose * words
    total_prose = prose_words.sum() or 1.0
    cum_prose = np.cumsum(prose_words) - prose_words
    cum_words = np.cumsum(words) - words
    cum_chars = np.cumsum(chars) - chars
    total_words = words.sum() or 1.0
    link_share = base[:, _COL["link_share"]]
    longest = int(np.argmax(words))
    median = float(np.median(words)) or 1.0
    comments = base[:, _COL["lex_comments"]]
    related = base[:, _COL["lex_related"]]
    since_related, prose_since_related = _since(related, prose_words)
    since_comments, prose_since_comments = _since(comments, prose_words)
    metadata = base[:, _COL["lex_metadata"]]
    return np.stack(
        [
            idx / max(1, n - 1),
            np.log1p(idx),
            np.log1p(n - 1 - idx),
            cum_chars / (chars.sum() or 1.0),
            cum_words / total_words,
            cum_prose / total_prose,
            (total_prose - cum_prose - prose_words) / total_prose,
            _window_mean(prose, 3),
            _window_mean(prose, 10),
            _window_mean(base[:, _COL["stop_share"]], 3),
            _window_mean(log_words, 10),
            np.full(n, np.log1p(n)),
            np.full(n, np.log1p(total_words)),
            np.full(n, float((link_share * chars).sum() / (chars.sum() or 1.0))),
            np.full(n, float(sum(b.link_chars > 0 for b in blocks) / n)),
            (idx - longest) / max(1, n),
            np.log1p(words) - np.log1p(median),
            np.minimum(1.0, np.cumsum(comments) - comments),
            np.minimum(1.0, np.cumsum(related) - related),
            since_related,
            prose_since_related,
            since_comments,
            prose_since_comments,
            np.log1p(np.cumsum(metadata) - metadata) / 3,
            _similar_run(log_words, base[:, _COL["terminal"]]),
            np.full(n, _first_line_has_later(blocks, first)),
        ],
        axis=1,
    )


def _since(headers: np.ndarray, prose_words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per block: blocks since the last header of a kind above it (log), and prose words
    between that header and the block (log); -1 for blocks with no such header above.
    A teaser list right under "Related" is close to it with no prose in between."""
    n = len(headers)
    since = np.full(n, -1.0)
    prose = np.full(n, -1.0)
    last = -1
    words_since = 0.0
    for i in range(n):
        if last >= 0:
            since[i] = log1p(i - last)
            prose[i] = log1p(words_since)
        if headers[i]:
            last, words_since = i, 0.0
        elif last >= 0:
            words_since += prose_words[i]
    return since, prose


#: Two blocks are alike in shape when their log word counts differ by less than this.
_SIMILAR_LOG_WORDS = 0.5
#: How far the run of alike blocks is followed each way.
_MAX_RUN = 8


def _similar_run(log_words: np.ndarray, terminal: np.ndarray) -> np.ndarray:
    """Per block, how many blocks next to it (up to ``_MAX_RUN`` each way, log) are alike in
    shape - about as long, ending alike: lists, teaser grids and menus come in such runs."""
    n = len(log_words)
    alike = (np.abs(np.diff(log_words)) < _SIMILAR_LOG_WORDS) & (np.diff(terminal) == 0)
    run = np.zeros(n)
    left = 0
    for i in range(1, n):  # alike neighbours to the left, capped
        left = min(_MAX_RUN, left + 1) if alike[i - 1] else 0
        run[i] = left
    right = 0
    for i in range(n - 2, -1, -1):
        right = min(_MAX_RUN, right + 1) if alike[i] else 0
        run[i] += right
    return np.log1p(run)


def _first_line_has_later(blocks: Sequence[Block], first: _FirstLine) -> float:
    """1 when the first line holds a later block of the page's top (the headline inside a
    ``<title>`` line such as "Headline | Site"): then the first line is not the title."""
    return float(any(first.holds(b.text) for b in blocks[1:40] if b.text != blocks[0].text))


# --- DOM features (HTML input) -------------------------------------------------------------

#: Hints of the neighbouring lines the HTML model sees as well, at offsets -1 and +1.
_NEIGHBOUR_HINTS = ("link_share", "own_class_nav", "class_comment", "class_related",
                    "container1_prose_share", "owner_p", "owner_li", "in_link")
_HINT_COL = {name: i for i, name in enumerate(HINT_NAMES)}
DOM_FEATURE_NAMES: tuple[str, ...] = (
    *(f"dom_{name}" for name in HINT_NAMES),
    *(f"dom_{name}@{off:+d}" for off in (-1, 1) for name in _NEIGHBOUR_HINTS),
    "dom_declared_title", "dom_declared_title_share", "dom_same_owner_prev",
)


def dom_features(blocks: Sequence[Block], rendering: Rendering) -> np.ndarray:
    """What the DOM says of each block (columns in ``DOM_FEATURE_NAMES`` order): the hints of
    the line it comes from (``html.HINT_NAMES``), some of the neighbouring lines', and how
    much of it the page's declared title (og:title, JSON-LD headline) holds."""
    n = len(blocks)
    if not rendering.has_dom:  # markup libxml2 could not read: rendered without a DOM
        return np.full((n, len(DOM_FEATURE_NAMES)), -1.0, dtype=np.float32)
    starts = np.array([b.start for b in blocks], dtype=np.int64)
    line = np.clip(np.searchsorted(rendering.line_starts, starts, side="right") - 1, 0, None)
    hints = rendering.hints[line].astype(np.float64)
    neighbours = [
        _shift(hints[:, _HINT_COL[name]], off, -1.0)
        for off in (-1, 1) for name in _NEIGHBOUR_HINTS
    ]
    declared = _FirstLine(rendering.meta.get("title", ""))
    title_equal = np.zeros(n)
    title_share = np.zeros(n)
    if declared.folded:
        for i, block in enumerate(blocks[:200]):  # the headline stands near the top
            folded = " ".join(block.text.casefold().split())
            title_equal[i] = float(folded == declared.folded)
            title_share[i] = declared.share(_WORD.findall(folded))
    same_owner = np.zeros(n)
    same_owner[1:] = (line[1:] == line[:-1]).astype(np.float64)  # a line split at a marker
    return np.column_stack([hints, *neighbours, title_equal, title_share, same_owner]).astype(
        np.float32)
