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
from .language import detect_language
from .lexicon import FURNITURE_PHRASES, all_stopwords, is_caption_marker, match_furniture, stopwords

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
_SEPARATORS = re.compile(r"[|\u00b7\u2022\u00bb\u203a>/]")
_QUOTES = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

KINDS = tuple(FURNITURE_PHRASES)

# Per-block features, in column order.
_BASE = (
    "log_chars", "log_words", "mean_word_len", "stop_share", "stop_share_any", "terminal",
    "sentences_per_word", "comma_per_word", "upper_share", "title_case_share", "digit_share",
    "link_share", "heading", "heading_level", "list_item", "image", "log_indent", "has_url",
    "date_like", "separator_share", "quote_share", "cjk_share", "ends_colon", "caption_marker",
    "repeat_count", "first_occurrence", *(f"lex_{k}" for k in KINDS),
)
# Neighbour features: the same quantities for blocks at these offsets.
_NEIGHBOUR_BASE = (
    "log_words", "stop_share", "terminal", "link_share", "heading", "list_item",
    "title_case_share", "caption_marker", "lex_comments", "lex_related",
)
_OFFSETS = (-3, -2, -1, 1, 2, 3)
# Page-level and positional features.
_PAGE = (
    "rel_position", "log_index", "log_index_from_end", "rel_char_position", "words_before_share",
    "prose_before_share", "prose_after_share", "win3_prose", "win10_prose", "win3_stop",
    "win10_words", "page_log_blocks", "page_log_words", "page_link_share", "page_markdown",
    "dist_longest", "len_vs_median", "comments_before", "related_before",
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
            tokens.extend(_WORD.findall(block.text.lower()))
            if len(tokens) > 3000:
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
    for i, block in enumerate(blocks):
        base[i] = _base_row(block, furniture[i], lang_stop, any_stop, counts, seen)
    return np.hstack([base, _neighbours(base), _page(blocks, base)]).astype(np.float32)


def _base_row(
    block: Block,
    lex: tuple[str, str] | None,
    lang_stop: frozenset[str],
    any_stop: frozenset[str],
    counts: Counter[str],
    seen: set[str],
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
        sum(map(str.isdigit, text)) / chars,
        min(1.0, block.link_chars / chars),
        float(block.heading_level > 0),
        float(block.heading_level),
        float(block.list_item),
        float(block.image),
        log1p(block.indent),
        float(bool(_URL.search(text))),
        float(bool(_DATE.search(text))),
        len(_SEPARATORS.findall(text)) / chars,
        len(_QUOTES.findall(text)) / chars,
        cjk / chars,
        float(text.endswith(":")),
        float(is_caption_marker(text)),
        log1p(counts[text] - 1),
        float(first),
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


def _page(blocks: Sequence[Block], base: np.ndarray) -> np.ndarray:
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
        ],
        axis=1,
    )
