"""Blocks -> a feature matrix: what the classifier sees of each block and its neighbours.

Pure and threshold-free: every feature is a number describing the block (length, stopword
share, punctuation, casing, digits, links, markup hints, furniture-lexicon hits), its place in
the page (position, repetition, text mass around it) and the same for its neighbours. The
column order is ``FEATURE_NAMES``; the packaged model records the names it was trained on,
so a mismatch is caught at load time rather than producing silent garbage.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import cache
from itertools import chain
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
    remembered,
    remembered_for_the_page,
    stopwords,
)
from .metadata import byline_names, find_date

_WORD = re.compile(r"\w+")
_TERMINAL = re.compile(r"[.!?\u3002\uff01\uff1f\u2026:;]['\"\u201d\u2019)\]]*$")
_TERMINAL_CHARS = tuple(".!?\u3002\uff01\uff1f\u2026:;")
_CLOSERS = "'\"\u201d\u2019)]"
_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f](?:\s|$)")
_URL = re.compile(r"https?://|www\.\w", re.IGNORECASE)
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|"
          r"juli|oktober|dezember)")
_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    + _MONTH + r"[a-z]*\.?\s+\d{1,2}|\d{1,2}\.?\s+" + _MONTH + "[a-z]*)",
    re.IGNORECASE,
)
# ``_DATE`` in two parts that find a date exactly where it does, faster: the forms that
# start with a digit (the "\b" checked behind the digit, so that the regex engine can skip
# ahead to digits), and the one that starts with a month name, which needs a space and a
# digit after it and, in ASCII text, one of ``_MONTH_HEADS``.
_DIGIT_DATE = re.compile(
    r"\d(?<!\w\d)(?:\d?[./-]\d{1,2}[./-]\d{2,4}|\d{3}-\d{2}-\d{2}|\d?\.?\s+"
    + _MONTH + "[a-z]*)",
    re.IGNORECASE,
)
_MONTH_DATE = re.compile(r"\b" + _MONTH + r"[a-z]*\.?\s+\d{1,2}", re.IGNORECASE)
_SPACE_DIGIT = re.compile(r"\s\d")
#: How every month of ``_MONTH`` that can occur in ASCII text starts, lower-cased.
_MONTH_HEADS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec", "mai", "okt", "dez")
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
MAX_HEAD_CHARS = 50_000

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
#: Where the block stands to the page's prose core (``_prose_core``): columns of the text
#: model only, after ``FEATURE_NAMES``. The HTML model has the DOM for that, and lost 0.008
#: articles shingle F1 out of fold when it read them too (docs/algorithm.md, "Prose core").
CORE_FEATURE_NAMES: tuple[str, ...] = (
    "core_dist_blocks", "core_dist_words", "core_depth", "core_block_share",
    "core_prose_share", "shape_core_share",
)
_COL = {name: i for i, name in enumerate(_BASE)}


@remembered  # every stage and the second look read a block's words again
def head_words(text: str) -> list[str]:
    """The ``\\w+`` words of a block's lower-cased head, its first ``MAX_HEAD_CHARS``
    characters: what ``page_language`` reads of a block (a 10 MB line used to be tokenised
    whole). Callers do not change the list."""
    return _WORD.findall(text[:MAX_HEAD_CHARS].lower())


def lower_words(text: str) -> list[str]:
    """The ``\\w+`` words of ``text.lower()``: ``head_words``' remembered list where the
    text is no longer than its head (the block features, the page type's bag of words and
    the word model read one list per text). Callers do not change the list."""
    return head_words(text) if len(text) <= MAX_HEAD_CHARS else _WORD.findall(text.lower())


def page_language(blocks: Sequence[Block]) -> str | None:
    """The page's language, from the stopwords of its longer blocks."""
    tokens: list[str] = []
    for block in blocks:
        if len(block.text) > 40:
            tokens.extend(head_words(block.text))
            if len(tokens) > _MAX_LANGUAGE_TOKENS:
                break
    return detect_language(tokens)


def block_features(
    blocks: Sequence[Block],
    language: str | None,
    furniture: Sequence[tuple[str, str] | None] | None = None,
    prose_core: bool = False,
    spare: int = 0,
) -> np.ndarray:
    """The feature matrix, one row per block, columns in ``FEATURE_NAMES`` order, followed
    by ``CORE_FEATURE_NAMES`` with ``prose_core`` (the text model's matrix), then ``spare``
    columns for the caller to fill (left uninitialised: the model's other inputs go there
    rather than into a copy of the whole matrix).

    ``furniture`` holds ``lexicon.match_furniture`` of every block when the caller has it
    already (classify needs it again for the kinds); it is computed here otherwise."""
    n = len(blocks)
    width = len(FEATURE_NAMES) + (len(CORE_FEATURE_NAMES) if prose_core else 0)
    if n == 0:
        return np.zeros((0, width + spare), dtype=np.float32)
    texts = [b.text for b in blocks]
    if furniture is None:
        furniture = [match_furniture(text) for text in texts]
    base = _base_rows(blocks, texts, furniture, language)
    first = _FirstLine(texts[0])
    prose = _prose(base)
    # Each part is cast into its columns of the float32 matrix as it is made: no float64
    # copy of the whole matrix, nor of the neighbour columns (a million-line page). The
    # values are those of casting the joined float64 parts.
    out = np.empty((n, width + spare), dtype=np.float32)
    at = len(_BASE)
    out[:, :at] = base
    at = _neighbours(base, out, at)
    page = _page(blocks, base, first, prose)
    out[:, at:at + page.shape[1]] = page
    at += page.shape[1]
    del page
    if prose_core:
        out[:, at:width] = np.stack(_prose_core(base, prose), axis=1)
    return out


class _FirstLine:
    """The page's first line, which dumps often open with (the page's ``<title>``, that
    usually holds the headline plus the site name): how much of a block it holds."""

    __slots__ = ("folded", "length", "words")

    def __init__(self, text: str) -> None:
        self.folded = _title_key(text)
        self.length = len(self.folded)
        self.words = frozenset(_WORD.findall(self.folded))

    def share(self, block_words: Sequence[str]) -> float:
        """Share of the block's words that occur in the first line."""
        if not block_words:
            return 0.0
        return sum(map(self.words.__contains__, block_words)) / len(block_words)

    def holds(self, text: str) -> bool:
        """The block's whole text occurs in the first line (and is long enough to mean it)."""
        return len(text) >= _MIN_TITLE_CHARS and _title_key(text) in self.folded


# Character classes counted per block over the whole page at once (``_char_counts``), as
# bits of one flag per code point; each is the ``str`` predicate or regex the feature names.
_ALPHA, _DIGIT, _UPPER, _WORDCHAR, _SEPARATOR, _QUOTE, _CJKCHAR = (1 << i for i in range(7))
#: Code points at or above this get their flags one by one (they are rare: emoji, CJK
#: extensions), so that the lookup table stays small.
_TABLE_SIZE = 0x10000


def _flags_of(char: str) -> int:
    """The character class bits of one character, from the predicates the features use."""
    return ((_ALPHA if char.isalpha() else 0) | (_DIGIT if char.isdigit() else 0)
            | (_UPPER if char.isupper() else 0)
            | (_WORDCHAR if _WORD.match(char) else 0)
            | (_SEPARATOR if char in _SEPARATORS else 0) | (_QUOTE if char in _QUOTES else 0)
            | (_CJKCHAR if _CJK.match(char) else 0))


@cache
def _flag_table() -> np.ndarray:
    """``_flags_of`` of every code point below ``_TABLE_SIZE`` (built once, read-only)."""
    table = np.array([_flags_of(chr(code)) for code in range(_TABLE_SIZE)], dtype=np.uint8)
    table.flags.writeable = False
    return table


def _char_counts(texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Per block, how many of its characters are letters ("alpha"), digits, upper case,
    word characters ("word_chars"), separators, quotes and CJK, how many ``\\w+`` words it
    has ("words") and how many of those start upper case ("title_words"): what the
    per-character passes of the features count, for the whole page in a few NumPy passes
    over its code points instead of a dozen Python passes per block."""
    joined = "".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    high = codes >= _TABLE_SIZE
    flags = _flag_table()[np.where(high, 0, codes)]
    for at in np.flatnonzero(high).tolist():
        flags[at] = _flags_of(joined[at])
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    starts = np.cumsum(lengths) - lengths
    word = (flags & _WORDCHAR) != 0
    # a word starts at a word character that does not follow one in the same block
    word_start = word.copy()
    word_start[1:] &= ~word[:-1]
    opening = starts[lengths > 0]
    word_start[opening] = word[opening]
    upper = (flags & _UPPER) != 0
    masks = np.stack([(flags & _ALPHA) != 0, (flags & _DIGIT) != 0, upper, word,
                      (flags & _SEPARATOR) != 0, (flags & _QUOTE) != 0,
                      (flags & _CJKCHAR) != 0, word_start, word_start & upper])
    # every mask summed per block in one pass; an empty block holds no characters, so the
    # others' runs are those between the starts of the blocks that are not empty
    counts = np.zeros((len(masks), len(texts)), dtype=np.int64)
    if len(opening):
        counts[:, lengths > 0] = np.add.reduceat(masks, opening, axis=1, dtype=np.int64)
    return dict(zip(("alpha", "digit", "upper", "word_chars", "separator", "quote", "cjk",
                     "words", "title_words"), counts, strict=True))


def _base_rows(
    blocks: Sequence[Block],
    texts: Sequence[str],
    furniture: Sequence[tuple[str, str] | None],
    language: str | None,
) -> np.ndarray:
    """The ``_BASE`` columns of every block."""
    n = len(blocks)
    lang_stop = stopwords().get(language or "", frozenset())
    counts = Counter(texts)
    seen: set[str] = set()
    first_line = _FirstLine(texts[0])
    classes = _char_counts(texts)
    digits = classes["digit"].tolist()
    word_chars = classes["word_chars"].tolist()
    cjks = classes["cjk"].tolist()
    n_words_of = classes["words"].tolist()
    base = np.zeros((n, len(_BASE)), dtype=np.float64)
    rows: list[tuple[float, ...]] = []
    for i, text in enumerate(texts):
        if len(rows) == _ROWS_PER_CHUNK:  # into the matrix now and then: a tuple per row
            base[i - len(rows):i, _ROW_COLUMNS] = rows  # of a huge page holds much memory
            rows = []
        lower, by_chars, values = _own_row(text, n_words_of[i], cjks[i], digits[i] > 0)
        if by_chars:  # CJK: the stopword share counts characters, in any language
            stop_lang = values[2]
        else:
            stop_lang = (sum(map(lang_stop.__contains__, lower)) / (n_words_of[i] or 1)
                         if lang_stop else 0.0)
        first = text not in seen
        seen.add(text)
        rows.append((
            *values,
            stop_lang,
            log1p(counts[text] - 1),
            float(first),
            first_line.share(lower) if i else -1.0,
            # the first line cannot hold more word characters than it has characters (case
            # folding never shortens a text): most blocks are longer than a title
            float(word_chars[i] <= first_line.length and first_line.holds(text)) if i else -1.0,
        ))
    base[n - len(rows):, _ROW_COLUMNS] = rows
    char_total = np.array([len(t) or 1 for t in texts], dtype=np.int64)
    word_total = np.maximum(classes["words"], 1)
    base[:, _COL["mean_word_len"]] = classes["word_chars"] / word_total
    base[:, _COL["upper_share"]] = classes["upper"] / np.maximum(classes["alpha"], 1)
    base[:, _COL["title_case_share"]] = classes["title_words"] / word_total
    base[:, _COL["digit_share"]] = classes["digit"] / char_total
    base[:, _COL["separator_share"]] = classes["separator"] / char_total
    base[:, _COL["quote_share"]] = classes["quote"] / char_total
    base[:, _COL["cjk_share"]] = classes["cjk"] / char_total
    link_chars = np.array([b.link_chars for b in blocks], dtype=np.int64)
    base[:, _COL["link_share"]] = np.minimum(1.0, link_chars / char_total)
    levels = np.array([b.heading_level for b in blocks], dtype=np.float64)
    base[:, _COL["heading"]] = levels > 0
    base[:, _COL["heading_level"]] = levels
    base[:, _COL["list_item"]] = [b.list_item for b in blocks]
    base[:, _COL["image"]] = [b.image for b in blocks]
    base[:, _COL["log_indent"]] = [log1p(b.indent) for b in blocks]
    kind_at = np.fromiter((_KIND_INDEX.get(lex[0], -1) if lex is not None else -1
                           for lex in furniture), dtype=np.int64, count=n)
    for j, k in enumerate(KINDS):
        base[:, _COL[f"lex_{k}"]] = kind_at == j
    return base


#: Rows ``_base_rows`` gathers as tuples before it writes them into its matrix.
_ROWS_PER_CHUNK = 4096

#: Where each furniture kind stands in ``KINDS``.
_KIND_INDEX = {k: j for j, k in enumerate(KINDS)}


#: The ``_BASE`` columns that ``_base_rows`` computes block by block, in its tuple order:
#: ``_own_row``'s, then those that depend on the page as well.
_OWN_COLUMNS = ("log_chars", "log_words", "stop_share_any", "terminal", "sentences_per_word",
                "comma_per_word", "has_url", "date_like", "ends_colon", "caption_marker",
                "marker_inside")
_ROW_COLUMNS = [_COL[name] for name in (
    *_OWN_COLUMNS, "stop_share", "repeat_count", "first_occurrence", "first_line_share",
    "in_first_line",
)]
@remembered  # the stable body reads every body block again; a site's menus recur
def _own_row(text: str, n_words: int, cjk: int, has_digit: bool,
             ) -> tuple[list[str], bool, tuple[float, ...]]:
    """What a block's text alone says (``n_words``, ``cjk``, ``has_digit``: its ``\\w+``
    words, CJK characters and whether it has a digit, from ``_char_counts``): its lower-case
    words, whether its stopword share counts characters (CJK text has no spaces), and its
    ``_OWN_COLUMNS``."""
    chars = len(text) or 1
    nw = n_words or 1
    lower = _lower_words(text)
    any_stop = all_stopwords()
    by_chars = cjk > 0.3 * chars
    if by_chars:  # no spaces: count characters that are stopwords instead
        stop_any = sum(map(any_stop.__contains__, text)) / chars
        n_words = max(n_words, cjk // 2)
    else:
        stop_any = sum(map(any_stop.__contains__, lower)) / nw
    return lower, by_chars, (
        log1p(chars),
        log1p(n_words),
        stop_any,
        float(_terminal(text)),
        len(_SENTENCE_END.findall(text)) / nw,
        text.count(",") / nw,
        float(("://" in text or "w." in text or "W." in text) and bool(_URL.search(text))),
        float(has_digit and _date_like(text)),  # every date form has a digit
        float(text.endswith(":")),
        float(is_caption_marker(text)),
        float(_marker_inside(text)),
    )


def _lower_words(text: str) -> list[str]:
    """``[w.lower() for w in _WORD.findall(text)]``, from one ``lower()`` of the whole text
    where that gives the same words: every character but U+0130 (İ, which lowers to two)
    lowers to one character that is a word character exactly when it was one, and only
    U+03A3 (Σ) lowers by its context (tests/test_features.py checks both): then they are
    ``lower_words``' list."""
    if "\u0130" not in text and "\u03a3" not in text:
        return lower_words(text)
    return [w.lower() for w in _WORD.findall(text)]


def _date_like(text: str) -> bool:
    """``_DATE`` finds a date in ``text`` (tested as its two parts, see ``_DIGIT_DATE``)."""
    if _DIGIT_DATE.search(text) is not None:
        return True
    if _SPACE_DIGIT.search(text) is None:
        return False
    if text.isascii():  # re.IGNORECASE matches ASCII letters only with their own case pair
        folded = text.lower()
        if not any(head in folded for head in _MONTH_HEADS):
            return False
    return _MONTH_DATE.search(text) is not None


def _terminal(text: str) -> bool:
    """``_TERMINAL`` matches ``text``: it ends with sentence punctuation and closers. The
    two character sets are disjoint, so stripping the closers off the end finds it."""
    if text.endswith("\n"):  # "$" matches before a final newline as well
        return _TERMINAL.search(text) is not None
    return text.rstrip(_CLOSERS).endswith(_TERMINAL_CHARS)


def _marker_inside(text: str) -> bool:
    """``_INNER_MARKER`` finds a marker after some text. Every marker holds "caption",
    "copyright" or a colon, so a block with none of them is passed over without the regex."""
    if ":" not in text and "caption" not in text and "copyright" not in text:
        return False
    return _INNER_MARKER.search(text) is not None


def _shift(column: np.ndarray, offset: int, fill: float,
           out: np.ndarray | None = None) -> np.ndarray:
    """``column`` moved up (``offset`` > 0: each row gets the value ``offset`` rows below)
    or down, ``fill`` where there is none; written into ``out`` when given."""
    if out is None:
        out = np.empty_like(column)
    out[:] = fill
    if offset > 0 and offset < len(column):
        out[:-offset] = column[offset:]
    elif offset < 0 and -offset < len(column):
        out[-offset:] = column[:offset]
    return out


def _neighbours(base: np.ndarray, out: np.ndarray, at: int) -> int:
    """The neighbour columns, written into ``out`` from column ``at`` on; returns where
    they end."""
    cols = [_COL[name] for name in _NEIGHBOUR_BASE]
    for off in _OFFSETS:
        for c in cols:
            _shift(base[:, c], off, -1.0, out[:, at])
            at += 1
    return at


def _window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    padded = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    idx = np.arange(n)
    lo, hi = np.maximum(0, idx - radius), np.minimum(n, idx + radius + 1)
    return (padded[hi] - padded[lo]) / (hi - lo)


def _page(blocks: Sequence[Block], base: np.ndarray, first: _FirstLine,
          prose_of: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    n = len(blocks)
    idx = np.arange(n, dtype=np.float64)
    log_words = base[:, _COL["log_words"]]
    words, prose, prose_words = prose_of
    chars = np.array([len(b.text) for b in blocks], dtype=np.float64)
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


#: Prose blocks with at most this many other blocks between them belong to one run.
_MAX_CORE_GAP = 5


def _prose(base: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per block: its words, whether it is prose (ten words or more, with stopwords, few
    links) and its prose words."""
    words = np.expm1(base[:, _COL["log_words"]])
    prose = ((words >= 10) & (base[:, _COL["stop_share"]] + base[:, _COL["stop_share_any"]] > 0.3)
             & (base[:, _COL["link_share"]] < 0.5)).astype(np.float64)
    return words, prose, prose * words


def _core_span(prose: np.ndarray, prose_words: np.ndarray) -> tuple[int, int, float] | None:
    """The prose core's first and last block and its prose words; ``None`` without prose."""
    at = np.flatnonzero(prose)
    if len(at) == 0:
        return None
    run = np.concatenate([[0], np.cumsum(np.diff(at) > _MAX_CORE_GAP + 1)])
    run_words = np.bincount(run, weights=prose_words[at])
    core = int(np.argmax(run_words))
    members = at[run == core]
    return int(members[0]), int(members[-1]), float(run_words[core])


def _prose_core(base: np.ndarray,
                prose_of: tuple[np.ndarray, np.ndarray, np.ndarray]) -> list[np.ndarray]:
    """Where each block stands to the page's prose core: the run of prose blocks (chained
    across at most ``_MAX_CORE_GAP`` other blocks) that holds the most prose words. The
    article body mostly lies in it; teasers, menus and comments around it.

    Columns: signed distance to the core in blocks and in words (log, negative above it, 0
    inside), relative depth inside it (-1 outside), the core's share of the page's blocks
    and of its prose words, and the share of the blocks shaped like this one (length, end,
    list item, heading, links) that lie inside the core: a teaser line whose look-alikes
    all sit outside the core is furniture even when it stands next to it. ``prose_of`` is
    ``_prose(base)``."""
    words, prose, prose_words = prose_of
    n = len(prose)
    span = _core_span(prose, prose_words)
    if span is None:
        zeros = np.zeros(n)
        return [zeros, zeros, np.full(n, -1.0), zeros, zeros, zeros]
    start, end, core_words = span
    idx = np.arange(n)
    blocks_off = np.where(idx < start, idx - start, np.where(idx > end, idx - end, 0))
    before = np.cumsum(words) - words  # words above each block
    words_off = np.where(idx < start, -(before[start] - before - words),
                         np.where(idx > end, before - before[end] - words[end], 0.0))
    inside = (idx >= start) & (idx <= end)
    depth = np.where(inside, (idx - start) / max(1, end - start), -1.0)
    shape = (np.minimum(np.rint(base[:, _COL["log_words"]] * 2), 15).astype(np.int64) * 16
             + (base[:, _COL["terminal"]] > 0) * 8 + (base[:, _COL["list_item"]] > 0) * 4
             + (base[:, _COL["heading"]] > 0) * 2 + (base[:, _COL["link_share"]] >= 0.5))
    _, shape_id = np.unique(shape, return_inverse=True)
    shape_share = (np.bincount(shape_id, weights=inside) / np.bincount(shape_id))[shape_id]
    return [
        np.sign(blocks_off) * np.log1p(np.abs(blocks_off)),
        np.sign(words_off) * np.log1p(np.abs(words_off)),
        depth,
        np.full(n, (end - start + 1) / n),
        np.full(n, core_words / (prose_words.sum() or 1.0)),
        shape_share,
    ]


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


def dom_features(blocks: Sequence[Block], rendering: Rendering,
                 out: np.ndarray | None = None) -> np.ndarray:
    """What the DOM says of each block (columns in ``DOM_FEATURE_NAMES`` order): the hints of
    the line it comes from (``html.HINT_NAMES``), some of the neighbouring lines', and how
    much of it the page's declared title (og:title, JSON-LD headline) holds. Written into
    ``out`` (float32, one row per block) when given: the model's matrix, not a copy."""
    n = len(blocks)
    if out is None:
        out = np.empty((n, len(DOM_FEATURE_NAMES)), dtype=np.float32)
    if not rendering.has_dom:  # markup libxml2 could not read: rendered without a DOM
        out[:] = -1.0
        return out
    line = rendering.lines_of(np.array([b.start for b in blocks], dtype=np.int64))
    # float32 as the rendering holds them, written into the float32 output column by column
    # (the values of a float64 detour, without its copies of the whole matrix)
    hints = out[:, :rendering.hints.shape[1]]
    np.take(rendering.hints, line, axis=0, out=hints)
    at = hints.shape[1]
    for off in (-1, 1):
        for name in _NEIGHBOUR_HINTS:
            _shift(hints[:, _HINT_COL[name]], off, -1.0, out=out[:, at])
            at += 1
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
    for column in (title_equal, title_share, same_owner):
        out[:, at] = column
        at += 1
    assert at == out.shape[1], (at, out.shape)
    return out


#: What the clean-page model (``classify.reads_clean``) sees of a whole page: its size, and
#: how the block model's body probabilities and the furniture lexicon spread over its blocks.
PAGE_READ_FEATURE_NAMES: tuple[str, ...] = (
    "blocks", "log_words", "mean_words", "short_share",
    "p_mean", "p_min", "p_q02", "p_q05", "p_q10", "p_q25", "p_q50",
    "low_share", "below_02_share", "below_005_share", "low_word_share", "below_02_word_share",
    "lexicon_share", "p_first", "p_last", "low_run", "low_run_share", "p_word_mean",
    "low_blocks",
)
#: Quantiles of the body probability in ``PAGE_READ_FEATURE_NAMES``.
_READ_QUANTILES = (0.02, 0.05, 0.1, 0.25, 0.5)


def page_read_features(
    blocks: Sequence[Block],
    body_probability: np.ndarray,
    furniture: Sequence[tuple[str, str] | None],
) -> np.ndarray:
    """One row of ``PAGE_READ_FEATURE_NAMES`` for a (non-empty) page."""
    p = np.asarray(body_probability, dtype=np.float64)
    words = np.array([max(1, len(b.text.split())) for b in blocks], dtype=np.float64)
    low = p < 0.5
    run = longest = 0
    for is_low in low.tolist():
        run = run + 1 if is_low else 0
        longest = max(longest, run)
    total = words.sum()
    return np.array([
        len(blocks), log1p(total), words.mean(), (words < 4).mean(),
        p.mean(), p.min(), *np.quantile(p, _READ_QUANTILES),
        low.mean(), (p < 0.2).mean(), (p < 0.05).mean(),
        (words * low).sum() / total, (words * (p < 0.2)).sum() / total,
        sum(lex is not None for lex in furniture) / len(blocks), p[0], p[-1],
        longest, longest / len(blocks), (p * words).sum() / total, int(low.sum()),
    ], dtype=np.float32)[None, :]


#: Columns of ``title_candidate_features``: how a candidate headline compares with the other
#: candidates of its page (the block model judges each block alone).
TITLE_CANDIDATE_FEATURE_NAMES: tuple[str, ...] = (
    "title_p", "log_title_p_ratio", "rank", "title_p_margin", "position", "is_first_line",
    "words", "log_chars", "in_first_line", "first_line_word_share", "holds_candidate",
    "held_by_candidate", "has_separator", "repeats", "body_p", "next_body_p", "caption_p",
    "other_p", "to_first_body", "heading_level", "candidates", "first_line_title_p",
    "upper_share", "previous_body_p", "body_word_share", "content_words", "ends_exclaiming",
    "digit_share",
    # where it stands among the candidates and next to the page's byline and date lines
    "domain_like", "has_date", "metadata_below", "metadata_above", "next_is_candidate",
    "previous_is_candidate", "words_of_longest", "longer_candidates", "lead_word_share",
    "capitalised_share", "ends_colon", "from_top", "inside_others",
    # the block model that gave the probabilities: the HTML model's are surer
    "html_input",
)
#: Columns a title model trained with ``training.title --page-types`` reads after those of
#: ``title_candidate_features`` (and of ``title_url_features``): the page type's
#: probabilities, ``page_type.PAGE_TYPES``' order (a service or listing page's title is
#: often its <title>'s headline part, an article's its own headline line).
TITLE_PAGE_TYPE_FEATURE_NAMES: tuple[str, ...] = (
    "type_article", "type_forum", "type_product", "type_collection", "type_listing",
    "type_documentation", "type_service",
)
#: Columns of ``title_url_features``, after those of ``title_candidate_features``: what the
#: page's address says of each candidate (the title model for pages with an address).
TITLE_URL_FEATURE_NAMES: tuple[str, ...] = (
    *TITLE_CANDIDATE_FEATURE_NAMES, "url_word_share", "url_slug_share", "url_below_best",
)
#: The words that carry a headline's topic (4 letters and more).
_CONTENT_WORD = re.compile(r"\w{4,}")
#: A separator between a headline and the site's name in a <title> ("Headline | Site").
_TITLE_SEPARATOR = re.compile(r"\s[-|\u2013\u2014\u00b7:\u00bb/]\s|\s[|\u00b7]|[|\u00b7]\s")
#: A shorter candidate counts as held by a longer one that has it when it is at least this
#: share of the longer one's characters ("Headline" in "Headline | Site").
_HELD_SHARE = 0.3


@remembered_for_the_page  # every look at a page reads every block's again
def _title_key(text: str) -> str:
    """A block's text as candidate titles compare it: spaces collapsed, case folded."""
    return " ".join(text.split()).casefold()


@remembered_for_the_page
def _content_words(text: str) -> frozenset[str]:
    """The distinct ``_CONTENT_WORD`` words of a block's case-folded text."""
    return frozenset(_CONTENT_WORD.findall(text.casefold()))


#: The words of a URL's path that say nothing of the page's headline.
_URL_STOP_WORDS = frozenset({"html", "htm", "php", "asp", "aspx", "jsp", "shtml", "index",
                             "www", "amp"})
#: How German, Scandinavian and other letters are often spelt in an address ("ü" as "ue").
_URL_SPELLING = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae",
                               "ø": "oe", "å": "aa"})


def _url_word(word: str) -> str:
    """A case-folded word as an address spells it: accents dropped ("é" as "e")."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def url_slug_words(url: str | None) -> frozenset[str]:
    """The words of a page address's path ("/2019/11/new-suvs-highlight-la-show.html" ->
    new, suvs, highlight, la, show): a news or blog address usually spells the headline
    out. Numbers and file endings are left out; an address with fewer than two such words
    has none (``frozenset()``)."""
    if not url:
        return frozenset()
    from urllib.parse import unquote, urlsplit

    try:
        path = unquote(urlsplit(url.strip()).path)
    except ValueError:
        return frozenset()
    words = frozenset(w for w in (_url_word(w) for w in _WORD.findall(path.casefold()))
                      if w not in _URL_STOP_WORDS and not w.isdigit() and len(w) > 1)
    return words if len(words) >= 2 else frozenset()


def _url_form(word: str, slug: frozenset[str]) -> str | None:
    """How a case-folded word appears among an address's path words ``slug``, if it does."""
    if word.isascii():  # most words: as they are
        return word if word in slug else None
    return next((form for form in (_url_word(word), word.translate(_URL_SPELLING))
                 if form in slug), None)


def url_shares(text: str, slug: frozenset[str]) -> tuple[float, float]:
    """The share of a candidate's words that the address's path has, and the share of the
    path's words that the candidate has (a word matches as ``_url_word`` spells it, or with
    "ü" as "ue" and the like)."""
    words = _WORD.findall(text.casefold())
    if not words or not slug:
        return 0.0, 0.0
    matched = [_url_form(w, slug) for w in words]
    found = {form for form in matched if form is not None}
    return (len(words) - matched.count(None)) / len(words), len(found) / len(slug)


def title_candidate_features(
    blocks: Sequence[Block],
    proba: np.ndarray,
    body_probability: np.ndarray,
    candidates: Sequence[int],
    min_body_probability: float,
    html: bool = False,
) -> np.ndarray:
    """One row of ``TITLE_CANDIDATE_FEATURE_NAMES`` per candidate title block.

    ``proba`` holds the block model's (other, body, title, caption) probabilities (the HTML
    model's when ``html``); ``candidates`` are block indices, likeliest title first."""
    n = len(blocks)
    texts = [_title_key(blocks[i].text) for i in candidates]
    first = _title_key(blocks[0].text) if n else ""
    first_words = set(first.split())
    keys = [_title_key(b.text) for b in blocks]
    counts = Counter(keys)
    page_text = "\n".join(keys)
    body_at = np.flatnonzero(body_probability >= min_body_probability)
    first_body = int(body_at[0]) if len(body_at) else n
    word_counts = [len(text.split()) for text in texts]
    title = proba[:, 2]
    top = float(title[candidates[0]]) if len(candidates) else 0.0
    # In how many likely body blocks each content word occurs: a headline's words recur in
    # its article.
    in_body = Counter(chain.from_iterable(map(_content_words,
                                              [blocks[i].text for i in body_at.tolist()])))
    rows = []
    for rank, i in enumerate(candidates):
        text = texts[rank]
        words = text.split()
        after = float(title[candidates[rank + 1]]) if rank + 1 < len(candidates) else 0.0
        holds = any(other and other != text and other in text
                    and len(other) >= _HELD_SHARE * len(text) for other in texts)
        held = any(other != text and text in other for other in texts)
        raw = blocks[i].text
        letters = [c for c in raw if c.isalpha()]
        content = _content_words(raw)
        own = 1 if body_probability[i] >= min_body_probability else 0
        elsewhere = sum(in_body[w] > own for w in content)
        rows.append((
            title[i], np.log((title[i] + 1e-6) / (top + 1e-6)), rank, title[i] - after,
            i / n, i == 0, len(words), log1p(len(text)), i != 0 and text in first,
            sum(w in first_words for w in words) / max(1, len(words)), holds, held,
            _TITLE_SEPARATOR.search(raw) is not None, counts[text],
            body_probability[i], body_probability[i + 1:i + 4].max() if i + 1 < n else 0.0,
            proba[i, 3], proba[i, 0], (first_body - i) / n, blocks[i].heading_level,
            len(candidates), title[0],
            sum(c.isupper() for c in letters) / len(letters) if letters else 0.0,
            body_probability[i - 1] if i > 0 else 0.0,
            elsewhere / len(content) if content else 0.0, len(content),
            raw.endswith(("?", "!")), sum(c.isdigit() for c in raw) / max(1, len(raw)),
            *_among_candidates(blocks, rank, candidates, word_counts, body_at, page_text,
                               counts), html,
        ))
    return np.array(rows, dtype=np.float32).reshape(len(rows),
                                                    len(TITLE_CANDIDATE_FEATURE_NAMES))


#: A host name or an address in a candidate: a site's name ("FINANZCHECK.de") or a link,
#: not a headline.
_DOMAIN_LIKE = re.compile(
    r"https?://|www\.|\b[\w-]+\.(?:com|de|org|net|fr|pl|es|it|co|uk|io|info|ch|at|nl|ru|br|"
    r"in|gov|edu)\b", re.IGNORECASE)
#: How far (in blocks) a candidate looks for a byline or a date line below and above it.
_METADATA_REACH = 3
#: How many likely body blocks after a candidate make its lead.
_LEAD_BLOCKS = 3
#: ``from_top`` is clipped to this many blocks either way.
_FROM_TOP_CLIP = 20
#: A candidate this short (characters) is not looked for inside other blocks.
_MIN_INSIDE_CHARS = 8


@remembered  # the candidates of a page share neighbours, and each look reads them again
def _metadata_line(text: str) -> bool:
    """A short block that holds a date or is a byline: what a headline usually stands next
    to."""
    return len(text) < 200 and (find_date(text) is not None or byline_names(text) is not None)


def _among_candidates(
    blocks: Sequence[Block], rank: int, candidates: Sequence[int], word_counts: Sequence[int],
    body_at: np.ndarray, page_text: str, counts: Counter[str],
) -> tuple[float, ...]:
    """The last 13 columns of a candidate's row: whether it holds an address or a date, how
    many blocks below and above it the nearest byline or date line stands (0: none within
    ``_METADATA_REACH``), whether the blocks next to it are candidates too (a kicker over
    its headline), its words against the wordiest candidate's and how many candidates are
    wordier, the share of its content words in the lead (the ``_LEAD_BLOCKS`` likely body
    blocks after it: a headline's words recur there), the share of its words capitalised,
    whether it ends in a colon, how many blocks it stands from the likeliest candidate, and
    how often longer blocks hold it (a breadcrumb, a numbered teaser of the same story).
    ``word_counts``: the words of each candidate."""
    n = len(blocks)
    i = candidates[rank]
    raw = blocks[i].text
    below = next((j - i for j in range(i + 1, min(n, i + 1 + _METADATA_REACH))
                  if _metadata_line(blocks[j].text)), 0)
    above = next((i - j for j in range(i - 1, max(-1, i - 1 - _METADATA_REACH), -1)
                  if _metadata_line(blocks[j].text)), 0)
    own = word_counts[rank]
    content = _content_words(raw)
    start = int(np.searchsorted(body_at, i, side="right"))
    lead: set[str] = set()
    for j in body_at[start:start + _LEAD_BLOCKS].tolist():
        lead |= _content_words(blocks[j].text)
    tokens = raw.split()
    key = _title_key(raw)
    inside = (page_text.count(key) - counts[key]) if len(key) >= _MIN_INSIDE_CHARS else 0
    return (
        _DOMAIN_LIKE.search(raw) is not None, find_date(raw) is not None, below, above,
        (i + 1) in candidates, (i - 1) in candidates, own / max(1, max(word_counts)),
        sum(w > own for w in word_counts), len(content & lead) / len(content) if content else 0.0,
        sum(t[:1].isupper() for t in tokens) / max(1, len(tokens)), raw.rstrip().endswith(":"),
        max(-_FROM_TOP_CLIP, min(_FROM_TOP_CLIP, i - candidates[0])), inside,
    )


def title_url_features(blocks: Sequence[Block], candidates: Sequence[int],
                       slug: frozenset[str]) -> np.ndarray:
    """The last columns of ``TITLE_URL_FEATURE_NAMES``, one row per candidate: the share of
    its words in the address's path words ``slug`` (``url_slug_words``), the share of those
    it has, and how far the product of the two stays below the best candidate's."""
    shares = np.array([url_shares(blocks[i].text, slug) for i in candidates],
                      dtype=np.float64).reshape(len(candidates), 2)
    both = shares[:, 0] * shares[:, 1]
    best = both.max() if len(both) else 0.0
    return np.column_stack([shares, best - both]).astype(np.float32)
