"""Page type from the text alone: article, forum, product, collection, listing, documentation
or service.

Owns the page-level features - a linear model's reading of the page's words (hashed bag of
words), summaries of the block feature matrix (how long, wordy, linked, listed, alike the
blocks are), a few cues of the page's wording (prices, reply counters, code, pagination) and
what the block model made of the page (how much of it is body, in how many runs, how long
its longest run is) - and the packaged page-type model that reads them; and, for a page
whose URL is known, a second model that also reads a linear model's reading of the URL's
words (``/product/``, ``/t/<thread>/3275``, ``/collections/``). It does not label blocks
(``classify``); ``Document.metadata["page_type"]`` carries its answer.
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from .document import Block
from .features import FEATURE_NAMES, lower_words
from .trees import TreeEnsemble

#: The page types, in the order of the model's outputs (the WCXB data's types).
PAGE_TYPES = (
    "article", "forum", "product", "collection", "listing", "documentation", "service",
)

#: Block features averaged over the page (and over its words, for the prose-like ones).
_AVERAGED = (
    "log_words", "stop_share_any", "terminal", "sentences_per_word", "comma_per_word",
    "upper_share", "title_case_share", "digit_share", "link_share", "heading", "list_item",
    "image", "has_url", "date_like", "separator_share", "quote_share", "ends_colon",
    "caption_marker", "repeat_count", "marker_inside", "similar_run",
    "lex_comments", "lex_share", "lex_related", "lex_navigation", "lex_metadata",
    "lex_advert", "lex_newsletter", "lex_legal", "lex_other",
)
_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}

#: Cues of the wording, each the share of blocks that show it (repeats are bounded so that
#: a huge line of digits or spaces costs linear time).
_CUES: dict[str, re.Pattern[str]] = {
    "price": re.compile(r"[$€£¥₹]\s?\d|\d[\d.,]{0,12}\s?(?:€|\$|£|EUR|USD|GBP|CHF|zł|Kč|руб)"),
    "rating": re.compile(r"\b\d(?:[.,]\d)?\s*(?:/|out of|von|sur|de)\s*5\b|★|☆", re.IGNORECASE),
    "cart": re.compile(
        r"\b(?:add to (?:cart|basket|bag|wishlist)|in den warenkorb|ajouter au panier|"
        r"in stock|out of stock|auf lager|sku|free shipping|versandkostenfrei)\b",
        re.IGNORECASE),
    "forum": re.compile(
        r"^(?:re:|reply|replies|quote|posts?:|joined:?|registered:?|member since|"
        r"#\d+$|\d+ (?:replies|posts|antworten|beiträge|réponses))",
        re.IGNORECASE),
    "ago": re.compile(r"\b\d+\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago\b|"
                      r"\bvor\s+\d+\s+(?:minuten|stunden|tagen|wochen|monaten|jahren)\b",
                      re.IGNORECASE),
    "question": re.compile(r"\?\s*$"),
    "code": re.compile(r"[{};]\s*$|\w\(\)|=>|::|</?\w+>|^\s*(?:\$|>>>|#include|import |def )"),
    "pagination": re.compile(
        r"^(?:page \d+ of \d+|showing \d+|\d+\s*[-–]\s*\d+ of \d+|next page|previous page|"
        r"load more|show more|seite \d+|weitere laden|«|»|next ›|‹ prev)", re.IGNORECASE),
    "docs": re.compile(
        r"^(?:table of contents|on this page|contents|edit on github|edit this page|"
        r"parameters|returns|example|syntax|see also|inhaltsverzeichnis)\b", re.IGNORECASE),
    "service": re.compile(
        r"\b(?:contact us|get a quote|book (?:now|an? )|request a|free consultation|"
        r"call us|our services|kontakt|termin vereinbaren|angebot anfordern)\b"
        r"|\+?\d[\d ().-]{8,16}\d", re.IGNORECASE),
}
#: The two halves of the "service" cue (its calls to action, a phone number), each found
#: where the whole regex finds one of them; the number without its optional "+", which
#: lets the regex engine skip ahead to the digits.
_SERVICE_WORDS, _SERVICE_NUMBER = (
    re.compile(part, re.IGNORECASE) for part in _CUES["service"].pattern.split("|\\+?"))

#: Each cue as parts: it is found in a block where one of its parts' regexes is, and a part
#: only runs on the blocks that hold what every match of its regex holds: one of some
#: strings (looked for in the block's ``_fold`` for the case-insensitive regexes), and/or a
#: digit (``str.isdigit``, which every ``\\d`` match is): with "and" a block needs both,
#: with "or" either, with None the strings alone. Cues not named here run on every block.
#: So the counts are those of the regexes alone, on fewer blocks.
_CUE_PARTS: dict[str, tuple[tuple[str | None, tuple[str, ...], bool, re.Pattern[str]], ...]] = {
    # (digit: "and" | "or" | None, strings, folded?, regex)
    "price": (("and", ("$", "€", "£", "¥", "₹", "EUR", "USD", "GBP", "CHF", "zł", "Kč", "руб"),
               False, _CUES["price"]),),
    "rating": ((None, ("5", "\u2605", "\u2606"), False, _CUES["rating"]),),
    "cart": ((None, ("add to ", "in den warenkorb", "ajouter au panier", "in stock",
                     "out of stock", "auf lager", "sku", "free shipping",
                     "versandkostenfrei"), True, _CUES["cart"]),),
    "ago": (("and", ("ago", "vor"), True, _CUES["ago"]),),
    "code": ((None, ("{", "}", ";", "()", "=>", "::", "<", "$", ">>>", "#include",
                     "import ", "def "), False, _CUES["code"]),),
    "service": (
        (None, ("contact us", "get a quote", "book ", "request a", "free consultation",
                "call us", "our services", "kontakt", "termin vereinbaren",
                "angebot anfordern"), True, _SERVICE_WORDS),
        ("or", (), False, _SERVICE_NUMBER),
    ),
}
#: The non-ASCII characters that ``re.IGNORECASE`` matches with an ASCII letter (found by
#: trying every code point against ``[a-z]``), mapped to it.
_ASCII_FOLDS_OF = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_ASCII_FOLDS = str.maketrans(_ASCII_FOLDS_OF)


def _fold(text: str) -> str:
    """``text`` lower-cased so that a case-insensitive match of a lower-case ASCII string
    in it is a plain substring of the result."""
    if text.isascii():
        return text.lower()
    if any(char in text for char in _ASCII_FOLDS_OF):
        text = text.translate(_ASCII_FOLDS)
    return text.lower()


def cue_counts(blocks: Sequence[Block], has_digit: np.ndarray) -> list[int]:
    """How many of ``blocks`` each of ``_CUES`` finds something in, in ``_CUES`` order
    (``has_digit``: which blocks hold a digit). See ``_CUE_PARTS``."""
    texts = [b.text for b in blocks]
    digit_at = set(np.flatnonzero(has_digit).tolist())
    holding = _Holding(texts)
    counts = []
    for name, pattern in _CUES.items():
        parts = _CUE_PARTS.get(name)
        if parts is None:
            counts.append(len(list(filter(None, map(pattern.search, texts)))))
            continue
        found: set[int] = set()
        for digit, strings, fold, regex in parts:
            candidates = holding.any_of(strings, fold)
            if digit == "and":
                candidates &= digit_at
            elif digit == "or":
                candidates |= digit_at
            found.update(i for i in candidates - found if regex.search(texts[i]))
        counts.append(len(found))
    return counts


class _Holding:
    """Which blocks hold one of some strings, from one search over the page's text."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.joined: dict[bool, tuple[str, list[int]]] = {}

    def _page(self, fold: bool) -> tuple[str, list[int]]:
        """The blocks joined by newlines (folded or not) and where each starts."""
        if fold not in self.joined:
            raw = "\n".join(self.texts)
            joined = _fold(raw) if fold else raw
            pieces: Sequence[str] = self.texts
            if len(joined) != len(raw):  # a character folded to several: fold one by one
                pieces = [_fold(text) for text in self.texts]
                joined = "\n".join(pieces)
            starts = list(accumulate((len(p) + 1 for p in pieces[:-1]), initial=0))
            self.joined[fold] = (joined, starts)
        return self.joined[fold]

    def any_of(self, strings: tuple[str, ...], fold: bool) -> set[int]:
        """The blocks that hold one of ``strings``. None of them holds a newline, so an
        occurrence in the joined text lies inside one block; after the first in a block,
        the search for that string goes on from the next block (``str.find``: about half
        the time of one regex alternation of them all)."""
        joined, starts = self._page(fold)
        found: set[int] = set()
        last = len(starts) - 1
        for string in strings:
            at = joined.find(string)
            while at >= 0:
                i = bisect_right(starts, at) - 1
                found.add(i)
                if i == last:
                    break
                at = joined.find(string, starts[i + 1])
        return found


#: What the block model made of the page, summarised (``_body_summary``): the body is the
#: blocks it gives a body probability of at least 0.5.
_BODY_SUMMARY = (
    "share", "word_share", "log_blocks", "log_runs", "longest_run_share",
    "log_longest_run_words", "heading_share", "list_share", "link_share", "median_words",
    "prose_share", "log_words", "start",
)

#: Hashed word buckets of the bag of words the linear word model reads.
WORD_BUCKETS = 1 << 14
#: Words of a page that go into its bag of words (the top of the page says what it is).
MAX_PAGE_WORDS = 5000

PAGE_FEATURE_NAMES: tuple[str, ...] = (
    *(f"words_{t}" for t in PAGE_TYPES),
    *(f"mean_{n}" for n in _AVERAGED),
    *(f"wmean_{n}" for n in _AVERAGED),
    *(f"cue_{n}" for n in _CUES),
    "log_blocks", "log_words", "log_prose_blocks", "prose_share", "max_log_words",
    "p50_log_words", "p90_log_words", "long_block_word_share", "link_block_share",
    "page_markdown",
    *(f"body_{n}" for n in _BODY_SUMMARY),
    "max_title_proba", "mean_caption_proba",
)
#: The features of the page-type model for pages whose URL is known: the page's, then what
#: a linear model over the URL's words (``url_words``) makes of it.
URL_PAGE_FEATURE_NAMES: tuple[str, ...] = (
    *PAGE_FEATURE_NAMES, *(f"url_{t}" for t in PAGE_TYPES))
#: Hash buckets of a URL's words (a few per URL; the dev pages hold about 6,000 distinct).
URL_BUCKETS = 1 << 14
#: A URL longer than this is read from its start.
MAX_URL_CHARS = 2000
_URL_WORD = re.compile(r"[a-z0-9]+")
_QUERY_KEY = re.compile(r"(?:^|[&;])([a-z_][a-z0-9_-]*)=")
#: A block of at least this many words counts as prose for the page summaries.
_PROSE_WORDS = 20
#: Blocks whose wording cues are looked at (the rest of a huge page adds nothing).
_MAX_CUE_BLOCKS = 2000


def bag_of_words(blocks: Sequence[Block]) -> np.ndarray:
    """The page's words hashed into ``WORD_BUCKETS`` buckets: log counts, unit length."""
    words: list[str] = []
    for block in blocks:
        words += lower_words(block.text)
        if len(words) >= MAX_PAGE_WORDS:
            break
    # each distinct word hashed once: the counts are those of hashing every occurrence
    counts = Counter(words[:MAX_PAGE_WORDS])
    buckets = np.fromiter((zlib.crc32(w.encode()) & (WORD_BUCKETS - 1) for w in counts),
                          dtype=np.int64, count=len(counts))
    totals = np.bincount(buckets, minlength=WORD_BUCKETS,
                         weights=np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
    vector = np.log1p(totals).astype(np.float32)  # whole numbers, as exact as integers
    norm = float(np.sqrt(vector @ vector))
    return vector / norm if norm else vector


def url_words(url: str) -> list[str]:
    """What the page-type model reads of a page's URL: the words of its path (``p:``),
    the names of its query's fields (``q:``), its first path segment with digits as 0
    (``first:``), the path's depth, and whether the last segment carries a long number (an
    item's id: ``/itm/404928375058``, ``/dp/B0D1XD1ZV3`` does not). The host is left out:
    it names the site, not the kind of page. A URL without a scheme reads as
    ``metadata.site_of`` reads it (``www.example.com/docs``); one with a space is none."""
    url = url.strip()[:MAX_URL_CHARS].lower()
    if not url or any(c.isspace() for c in url):
        return []
    try:
        parts = urlsplit(url if "://" in url or url.startswith("/") else "//" + url)
    except ValueError:  # a malformed host ("http://[x/")
        return []
    segments = [part for part in parts.path.split("/") if part]
    words = [f"p:{w}" for w in _URL_WORD.findall(parts.path) if not w.isdigit()]
    words += [f"q:{key}" for key in _QUERY_KEY.findall(parts.query)]
    words.append(f"depth:{min(len(segments), 6)}")
    if segments:
        words.append("first:" + re.sub(r"\d+", "0", segments[0]))
        words.append("last:number" if re.search(r"\d{4,}", segments[-1]) else "last:words")
    else:
        words.append("root")
    return words


def url_bag(url: str) -> np.ndarray:
    """``url_words`` hashed into ``URL_BUCKETS`` buckets, each present word 1, unit length."""
    vector = np.zeros(URL_BUCKETS, dtype=np.float32)
    for word in set(url_words(url)):
        vector[zlib.crc32(word.encode()) & (URL_BUCKETS - 1)] = 1.0
    norm = float(np.sqrt(vector @ vector))
    return vector / norm if norm else vector


@dataclass(frozen=True)
class WordModel:
    """A multinomial logistic regression over ``bag_of_words``: weights (types x buckets)."""

    weights: np.ndarray
    bias: np.ndarray

    def predict_proba(self, words: np.ndarray) -> np.ndarray:
        scores = words @ self.weights.T + self.bias
        scores -= scores.max(axis=-1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=-1, keepdims=True)


def page_type_features(
    blocks: Sequence[Block], features: np.ndarray, word_proba: np.ndarray,
    block_proba: np.ndarray,
) -> np.ndarray:
    """One row of ``PAGE_FEATURE_NAMES`` for the page, from its blocks, block features, the
    word model's probabilities and the block model's (``block_proba``: a row per block, the
    columns of ``classify.CLASSES``: other, body, title, caption)."""
    out = np.zeros((1, len(PAGE_FEATURE_NAMES)), dtype=np.float32)
    n = len(blocks)
    if n == 0:
        return out
    cols = [_COLUMN[name] for name in _AVERAGED]
    summary = features[:, cols].astype(np.float64)
    log_words = features[:, _COLUMN["log_words"]].astype(np.float64)
    words = np.expm1(log_words)
    weights = words / (words.sum() or 1.0)
    prose = words >= _PROSE_WORDS
    cue_blocks = blocks[:_MAX_CUE_BLOCKS]
    has_digit = features[:len(cue_blocks), _COLUMN["digit_share"]] > 0
    cues = [count / len(cue_blocks) for count in cue_counts(cue_blocks, has_digit)]
    link_blocks = float(np.mean(features[:, _COLUMN["link_share"]] > 0.5))
    out[0] = [
        *word_proba,
        *summary.mean(axis=0),
        *(weights @ summary),
        *cues,
        np.log1p(n),
        np.log1p(words.sum()),
        np.log1p(prose.sum()),
        prose.mean(),
        log_words.max(),
        *np.percentile(log_words, [50, 90]),
        float(words[prose].sum() / (words.sum() or 1.0)),
        link_blocks,
        float(features[0, _COLUMN["page_markdown"]]),
        *_body_summary(block_proba, features, words),
    ]
    return out


def _body_summary(block_proba: np.ndarray, features: np.ndarray,
                  words: np.ndarray) -> list[float]:
    """What the block model made of the page (``PAGE_FEATURE_NAMES``' ``body_*``, then the
    highest title and the mean caption probability): an article's body is mostly one long
    run of prose, a listing's or a shop's many short runs of items."""
    n = len(block_proba)
    body = block_proba[:, 1] >= 0.5
    at = np.flatnonzero(body)
    total = float(words.sum()) or 1.0
    tail = [float(block_proba[:, 2].max()), float(block_proba[:, 3].mean())]
    if not len(at):  # no body: its share, nothing in between, and it starts at the end
        middle = [0.0] * (len(_BODY_SUMMARY) - 2)
        return [float(block_proba[:, 1].mean()), *middle, 1.0, *tail]
    body_words = words[at]
    # runs of consecutive body blocks: where the index jumps, a run starts
    starts = np.flatnonzero(np.diff(at, prepend=-2) > 1)
    run_words = np.add.reduceat(body_words, starts)
    longest = float(run_words.max())
    body_total = float(body_words.sum()) or 1.0
    return [
        float(block_proba[:, 1].mean()),
        float(body_words.sum()) / total,
        float(np.log1p(len(at))),
        float(np.log1p(len(starts))),
        longest / body_total,
        float(np.log1p(longest)),
        float(np.mean(features[at, _COLUMN["heading"]] > 0)),
        float(np.mean(features[at, _COLUMN["list_item"]] > 0)),
        float(features[at, _COLUMN["link_share"]].mean()),
        float(np.median(body_words)),
        float(np.mean(body_words >= _PROSE_WORDS)),
        float(np.log1p(body_words.sum())),
        float(at[0] / n),
        *tail,
    ]


def page_type_words_path(trees: Path) -> Path:
    """Where the word weights of the page-type trees at ``trees`` are kept: beside them, as
    ``<stem>_words.npz`` (the packaged ``page_type.npz`` and ``page_type_words.npz``)."""
    return trees.with_name(f"{trees.stem}_words.npz")


@cache
def load_page_type_model(path: str | None = None) -> tuple[WordModel, TreeEnsemble]:
    """The packaged page-type models (words, then trees), or the trees at ``path`` with the
    word weights beside them (``page_type_words_path``), loaded once."""
    trees_file = None if path is None else Path(path)
    return _load_models("page_type", trees_file, PAGE_FEATURE_NAMES, WORD_BUCKETS, "")


def page_type_url_path(trees: Path) -> Path:
    """Where the trees for pages with a known URL are kept, beside the page-type trees at
    ``trees``: ``<stem>_url.npz``, with its URL word weights in ``<stem>_url_words.npz``."""
    return trees.with_name(f"{trees.stem}_url.npz")


@cache
def load_page_type_url_model(path: str | None = None) -> tuple[WordModel, TreeEnsemble]:
    """The page-type models for pages whose URL is known (URL words, then trees), packaged
    or beside the page-type trees at ``path`` (``page_type_url_path``), loaded once."""
    trees_file = None if path is None else page_type_url_path(Path(path))
    return _load_models("page_type_url", trees_file, URL_PAGE_FEATURE_NAMES, URL_BUCKETS,
                        " --url")


def _load_models(packaged: str, trees_file: Path | None, names: tuple[str, ...],
                 buckets: int, option: str) -> tuple[WordModel, TreeEnsemble]:
    """A linear word model and the trees stacked on it: the packaged ``<packaged>.npz``
    and ``<packaged>_words.npz``, or ``trees_file`` and the words beside it; checked
    against the features and buckets the runtime gives them (``option``: how
    ``training.page_type`` is told to train them)."""
    if trees_file is None:
        folder = resources.files("cleaner").joinpath("data")
        words_file, trees_at = (folder.joinpath(f"{packaged}{end}.npz") for end in ("_words", ""))
    else:
        words_file, trees_at = page_type_words_path(trees_file), trees_file
    with words_file.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
        words = WordModel(data["weights"].astype(np.float32), data["bias"].astype(np.float32))
    with trees_at.open("rb") as handle:
        trees = TreeEnsemble.load(handle)
    if (trees.feature_names != names or trees.class_names != PAGE_TYPES
            or words.weights.shape != (len(PAGE_TYPES), buckets)):
        raise RuntimeError(
            f"the packaged {packaged.replace('_', ' ')} model does not match cleaner.page_type;"
            f" retrain it with `python -m training.page_type{option}`"
        )
    return words, trees


def likeliest_type(proba: np.ndarray | None) -> tuple[str, float] | None:
    """The likeliest page type of ``page_type_proba``'s probabilities and its probability."""
    if proba is None:
        return None
    best = int(np.argmax(proba))
    return PAGE_TYPES[best], float(proba[best])


def page_type_proba(
    blocks: Sequence[Block], features: np.ndarray, block_proba: np.ndarray,
    model_path: str | None = None, url: str | None = None,
) -> np.ndarray | None:
    """The probability of each page type (``PAGE_TYPES``' order), or None for an empty
    page; ``features``: the block feature matrix; ``block_proba``: the block model's
    probabilities; ``model_path``: ``Config.page_type_model_path``. With the page's ``url``
    (one ``url_words`` reads), the model for pages with a known URL decides."""
    if not blocks:
        return None
    words, trees = load_page_type_model(model_path)
    word_proba = words.predict_proba(bag_of_words(blocks))
    row = page_type_features(blocks, features, word_proba, block_proba)
    bag = url_bag(url) if url else None
    if bag is not None and bag.any():  # the URL has words to read
        url_model, url_trees = load_page_type_url_model(model_path)
        url_proba = url_model.predict_proba(bag)
        proba = url_trees.predict_proba(np.hstack([row, url_proba[None, :]]))[0]
    else:
        proba = trees.predict_proba(row)[0]
    return proba
