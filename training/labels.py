"""Training labels: one class per block of every dev page, from the gold data.

This module owns turning the two dev data sets (``articles``, ``wcxb``; see their READMEs)
into per-block classes for the blocks that ``normalize_blocks(segment_text(text), Config())``
produces: ``FURNITURE`` 0, ``BODY`` 1 (article body incl. subheadings; for wcxb the gold main
content), ``TITLE`` 2 (the headline line), ``CAPTION`` 3 (an image caption or its credit
line). It reads the gzip JSONL files itself and depends on nothing in ``benchmarks/``; it
does not train or score anything (``training.oracle`` scores the labels).

The rules, in the order ``label_blocks`` applies them (figures: ``python -m training.oracle``):

1. **Tokens.** Runs of letters and digits (``[^\\W_]+``: html2text's ``_emphasis_`` marks
   must not stick to words) of the lower-cased text with accents folded (NFKD, combining
   marks dropped), so html2text's ASCII transliteration (``uber`` for ``über``) still
   matches. Snippets are matched with their case kept (their metric is case-sensitive).
2. **Captions** (class 3) come first. Every occurrence of a gold caption's token sequence in
   the page's token stream (all blocks concatenated, so a caption split over two lines is
   found) marks its tokens; a block with ``CAPTION_COVER`` of its tokens marked is a
   caption, and so is an image block (html2text ``![alt](src)caption``) holding a whole
   caption. Failing that, the tokens are compared run together (``1of4Grass`` for ``1 of 4
   Grass``, alt text glued on): a block of at least ``MIN_SQUEEZED_CHARS`` inside a caption,
   or holding one that makes up ``CAPTION_COVER`` of it (any share for an image block). A
   short credit line (``Foto: dpa``, ``© Reuters`` ...) next to a caption block is a caption
   too. Caption blocks are cut out of the body alignment, so a sentence that is both
   caption and body is aligned to its body copy. A caption stays class 3 where a wcxb gold
   body holds it as well (69 of the 246 wcxb pages with captions): the class then means
   the same on every page and corpus, and a later ``captions_in_body`` switch could serve
   the corpora that want captions in the body. Measured cost: wcxb word F1 of the oracle
   -0.001 (html_text); scrapinghub bodies leave captions out anyway.
3. **Body** (class 1), against a reference body: the gold ``body`` (scrapinghub, wcxb) or
   the silver body (trafilatura pages; ``training.silver``). Both sides become one token
   stream (blocks / lines concatenated) and 4-token shingles. First
   ``difflib.SequenceMatcher`` aligns the two shingle sequences *in order* (longest common
   runs first), so of two copies of a sentence the one that continues the surrounding body
   wins and a teaser or pull-quote copy is left out; shingles spanning block boundaries
   take part, so a short subheading or list item between two body blocks is matched too.
   Then, between consecutive anchors, tokens are aligned one by one (runs of at least
   ``GAP_MIN_RUN``; for lists and tables whose rendering puts a word between every gold
   line). Last, an order-free pass consumes what is left of the reference's shingles in
   page order (paragraphs the page shows in another order). A block is body when at least
   ``BODY_COVER`` of its tokens are covered. A block still unmatched with at most
   ``LINE_MAX_TOKENS`` tokens between the first and last body block is body when its tokens
   equal a whole reference line not yet used, with or without a leading list number
   (headings, list items, prices on their own gold line). Against plain multiset matching
   in page order, the ordered alignment gains +0.001 shingle F1 (precision: duplicates),
   the gap alignment +0.001 to +0.004 wcxb word F1, the line rule +0.0016.
4. **Title** (class 2): the block whose text equals the whitespace-normalised gold title
   (else whose folded tokens equal the title's); failing that the best block by token F1
   if at least ``TITLE_MIN_F1``, or ``TITLE_MIN_CONTAINED_F1`` where one holds the other
   whole. Of several equally good blocks, the last one before the first body block (a
   breadcrumb or ``<title>`` copy tends to come first), else the first one. The title is
   class 2 even when the gold body holds it (346 of 1,337 wcxb bodies contain the title,
   111 start with it; 1 of 123 scrapinghub bodies contains it): it is a separate output.
   Measured cost: wcxb word F1 of the oracle -0.001 (html_text).
5. **Snippets** (trafilatura pages only, over the silver body, which alone scores 0.962
   shingle F1 on the scrapinghub pages): snippets are found as the metric finds them (a
   substring of the blocks' normalised texts joined by spaces), else by case-kept tokens
   whose first and last may be word pieces. Unless some occurrence of a ``with`` snippet
   already lies in body blocks, its first occurrence that avoids the title block turns the
   furniture and caption blocks it touches into body. A ``without`` snippet turns the body
   block holding it into furniture (of one spanning blocks, the blocks wholly inside it,
   else the shortest), except blocks that hold a ``with`` snippet. wcxb snippets are not
   used: its gold body rules.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from cleaner.config import Config
from cleaner.document import Block
from cleaner.html import Rendering
from cleaner.normalize import normalize_blocks
from cleaner.segment import segment_text

FURNITURE, BODY, TITLE, CAPTION = 0, 1, 2, 3
CLASS_NAMES = ("furniture", "body", "title", "caption")
RENDERERS = ("html_text", "inscriptis", "html2text", "bs4", "resiliparse")
SETS = ("articles", "wcxb")

#: Shingle length (the scrapinghub metric's).
SHINGLE = 4
#: Share of a block's tokens that aligned reference shingles must cover for it to be body.
#: Tuned on the oracle (0.3-0.6 all within 0.002 F1; 0.5 best on average).
BODY_COVER = 0.5
#: Align the shingle sequences in order first (off: only the order-free multiset pass).
ORDERED_ALIGN = True
#: Align tokens one by one between shingle anchors (lists with extra words per item).
GAP_ALIGN = True
#: Shortest run of tokens that a gap alignment accepts.
GAP_MIN_RUN = 2
#: A page gap longer than this many times the gold gap (plus the slack) is trimmed.
GAP_PAGE_FACTOR = 4
GAP_PAGE_SLACK = 16
#: Longest block (tokens) that the whole-line rule can make body.
LINE_MAX_TOKENS = SHINGLE - 1
#: The whole-line rule only applies between the first and the last body block.
LINE_WITHIN_BODY = True
#: Share of a block's tokens inside a gold caption occurrence for it to be a caption.
CAPTION_COVER = 0.6
#: Shortest block (characters of its tokens run together) that counts as a caption by
#: lying inside one; shorter pieces (a name, a date) occur in captions by chance.
MIN_SQUEEZED_CHARS = 16
#: Minimum token F1 between a block and the gold title for a fuzzy title match.
TITLE_MIN_F1 = 0.8
#: ... or at least this much when one holds the other as a whole ("Beginner's Guide to SEO"
#: for the title "Beginner's Guide to SEO (Search Engine Optimization)").
TITLE_MIN_CONTAINED_F1 = 0.6
#: Longest block (tokens) that can be a credit line next to a caption.
MAX_CREDIT_TOKENS = 12

#: Word characters without ``_`` (html2text's ``_emphasis_`` markers must not stick to words).
_TOKEN = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
#: Credit lines: a marker at the start, or a photo agency / copyright sign anywhere.
_CREDIT = re.compile(
    r"^\W*(?:(?:image|media|photo|picture)\s+(?:caption|copyright|credit)|photo(?:graph)?s?"
    r"|pictures?|images?|fotos?|bild(?:er|quelle)?|credits?|source|quelle|copyright|crédit"
    r"|zdjęcie|fot|getty images)\b"
    + r"|©|\(c\)|\bcopyright\b|\bgetty\b|\breuters\b|\bafp\b|\bdpa\b|\bap photo\b"
    + r"|\bshutterstock\b|\bistock|\bimago\b|\bepa\b|\bkeystone\b|\bunsplash\b",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"^\s*(?:[-*\u2022]\s+)?\(?\d{1,3}[.)](?=\s)")
#: Never matches a token: cuts the page token stream around excluded blocks.
_CUT = "\x00"


def fold(text: str) -> str:
    """Lower-case and drop accents, so that transliterated renderings still match."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold_keep_case(text: str) -> str:
    """Drop accents, keep the case (for snippets)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokens(text: str) -> list[str]:
    """Match tokens: ``\\w+`` runs (without ``_``) of the folded text."""
    return _TOKEN.findall(fold(text))


def unnumbered(text: str) -> str:
    """A line without its leading ordered-list number (``6. Match curve ends.``): gold bodies
    write list numbers that most renderings do not show."""
    return _ORDINAL.sub("", text, count=1)


# --------------------------------------------------------------------------------------
# Reference texts (gold or silver body), prepared once per page


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference body prepared for alignment: shingle ids in order, and its lines."""

    tokens: tuple[str, ...]
    vocab: dict[tuple[str, ...], int]
    shingle_ids: tuple[int, ...]
    lines: Counter[tuple[str, ...]]

    @classmethod
    def from_text(cls, text: str) -> Reference:
        toks: list[str] = []
        lines: Counter[tuple[str, ...]] = Counter()
        for line in text.splitlines():
            line_tokens = tokens(line)
            if line_tokens:
                toks.extend(line_tokens)
                lines[tuple(line_tokens)] += 1
                bare = unnumbered(line)
                if bare != line and (bare_tokens := tokens(bare)):
                    lines[tuple(bare_tokens)] += 1
        vocab: dict[tuple[str, ...], int] = {}
        ids = []
        for k in range(len(toks) - SHINGLE + 1):
            ids.append(vocab.setdefault(tuple(toks[k:k + SHINGLE]), len(vocab)))
        return cls(tuple(toks), vocab, tuple(ids), lines)


@dataclass(frozen=True, slots=True)
class PageGold:
    """Everything about one page's gold that labelling needs, independent of the renderer."""

    reference: Reference | None
    title: str | None
    captions: tuple[tuple[str, ...], ...]
    with_snippets: tuple[str, ...]
    without_snippets: tuple[str, ...]

    @classmethod
    def from_record(cls, record: dict[str, Any], silver_body: str | None = None) -> PageGold:
        body = record.get("body")
        use_snippets = body is None  # trafilatura pages: silver body + snippet overrides
        if body is None:
            body = silver_body or ""
        captions = tuple(t for t in (tuple(tokens(c)) for c in record.get("captions") or ()) if t)
        title = record.get("title")
        return cls(
            reference=Reference.from_text(body),
            title=_SPACE.sub(" ", title).strip() if title else None,
            captions=captions,
            with_snippets=tuple(record.get("with") or ()) if use_snippets else (),
            without_snippets=tuple(record.get("without") or ()) if use_snippets else (),
        )


# --------------------------------------------------------------------------------------
# The page side


@dataclass(slots=True)
class _Stream:
    """Blocks' tokens concatenated; ``owner[k]`` is the block of token ``k`` (-1 for a cut)."""

    tokens: list[str]
    owner: list[int]

    @classmethod
    def build(cls, block_tokens: Sequence[Sequence[str]], skip: Sequence[bool] = ()) -> _Stream:
        toks: list[str] = []
        owner: list[int] = []
        for i, bt in enumerate(block_tokens):
            if skip and skip[i]:
                if toks and toks[-1] != _CUT:
                    toks.append(_CUT)
                    owner.append(-1)
                continue
            toks.extend(bt)
            owner.extend([i] * len(bt))
        return cls(toks, owner)

    def find(self, needle: Sequence[str]) -> list[int]:
        """Start positions of every occurrence of ``needle`` in the stream."""
        n, first, hay = len(needle), needle[0], self.tokens
        out: list[int] = []
        start = 0
        needle = list(needle)
        while True:
            try:
                k = hay.index(first, start)
            except ValueError:
                return out
            if hay[k:k + n] == needle:
                out.append(k)
            start = k + 1


def _align_body(
    stream: _Stream, ref: Reference, n_blocks: int, block_len: Sequence[int]
) -> list[float]:
    """Per block, the share of its tokens covered by reference shingles (see rule 3)."""
    toks = stream.tokens
    gold = ref.tokens
    vocab = ref.vocab
    page_ids = [vocab.get(tuple(toks[k:k + SHINGLE]), -1) for k in range(len(toks) - SHINGLE + 1)]
    covered = [False] * len(toks)
    gold_covered = [False] * len(gold)
    if ORDERED_ALIGN and ref.shingle_ids and page_ids:
        sm = SequenceMatcher(None, page_ids, ref.shingle_ids, autojunk=False)
        anchors = [m for m in sm.get_matching_blocks() if m.size]
        for i, j, size in anchors:
            covered[i:i + size + SHINGLE - 1] = [True] * (size + SHINGLE - 1)
            gold_covered[j:j + size + SHINGLE - 1] = [True] * (size + SHINGLE - 1)
    else:
        anchors = []
    if GAP_ALIGN:
        _align_gaps(toks, gold, anchors, covered, gold_covered)
    if ref.shingle_ids and page_ids:
        # order-free second pass: reference shingles not yet used, in page order
        left = Counter(
            sid for k, sid in enumerate(ref.shingle_ids)
            if not all(gold_covered[k:k + SHINGLE])
        )
        for k, sid in enumerate(page_ids):
            if sid >= 0 and left[sid] > 0 and not all(covered[k:k + SHINGLE]):
                covered[k:k + SHINGLE] = [True] * SHINGLE
                left[sid] -= 1
    hits = [0] * n_blocks
    for k, hit in enumerate(covered):
        if hit and stream.owner[k] >= 0:
            hits[stream.owner[k]] += 1
    return [hits[i] / block_len[i] if block_len[i] else 0.0 for i in range(n_blocks)]


def _align_gaps(
    toks: Sequence[str], gold: Sequence[str], anchors: Sequence[tuple[int, int, int]],
    covered: list[bool], gold_covered: list[bool],
) -> None:
    """Token-level alignment between consecutive shingle anchors (rule 3, gaps).

    Lists and tables whose rendering puts a word between every gold line ("Automation
    Anywhere Logo", "Compare") share no 4-shingle with the gold; between two anchors (or
    before the first / after the last) the tokens are aligned one by one, in order. A page
    gap far longer than the gold gap is trimmed to the part next to the anchor.
    """
    bounds = [(0, 0, 0, 0)]
    for i, j, size in anchors:
        bounds.append((i, j, i + size + SHINGLE - 1, j + size + SHINGLE - 1))
    bounds.append((len(toks), len(gold), len(toks), len(gold)))
    for (_, _, a0, b0), (a1, b1, _, _) in zip(bounds, bounds[1:], strict=False):
        if a1 <= a0 or b1 <= b0:
            continue
        limit = GAP_PAGE_FACTOR * (b1 - b0) + GAP_PAGE_SLACK
        if a1 - a0 <= limit:
            where = list(range(a0, a1))
        elif a0 == 0 and a1 < len(toks):  # before the first anchor: keep its end
            where = list(range(a1 - limit, a1))
        elif a1 == len(toks) and a0 > 0:  # after the last anchor: keep its start
            where = list(range(a0, a0 + limit))
        else:  # between two anchors: keep the parts next to each of them
            half = limit // 2
            where = [*range(a0, a0 + half), *range(a1 - half, a1)]
        sm = SequenceMatcher(None, [toks[k] for k in where], gold[b0:b1], autojunk=False)
        for i, j, size in sm.get_matching_blocks():
            if size >= GAP_MIN_RUN:
                for k in where[i:i + size]:
                    covered[k] = True
                gold_covered[b0 + j:b0 + j + size] = [True] * size


def _caption_blocks(
    block_tokens: Sequence[Sequence[str]], blocks: Sequence[Block], captions: Sequence[tuple]
) -> list[bool]:
    n = len(block_tokens)
    is_caption = [False] * n
    if not captions:
        return is_caption
    stream = _Stream.build(block_tokens)
    covered = [0] * n
    whole = [False] * n  # a whole caption occurrence lies inside the block
    for cap in captions:
        for k in stream.find(cap):
            owners = stream.owner[k:k + len(cap)]
            for owner in owners:
                covered[owner] += 1
            if owners[0] == owners[-1]:
                whole[owners[0]] = True
    squeezed = ["".join(c) for c in captions]
    for i, bt in enumerate(block_tokens):
        if not bt:
            continue
        if covered[i] >= CAPTION_COVER * len(bt) or (whole[i] and blocks[i].image):
            is_caption[i] = True
            continue
        # glued or split differently ("1of4Grass" for "1 of 4 Grass"): compare without spaces
        sq = "".join(bt)
        is_caption[i] = any(
            (len(sq) >= MIN_SQUEEZED_CHARS and sq in c)
            or (c in sq and (blocks[i].image or len(c) >= CAPTION_COVER * len(sq)))
            for c in squeezed
        )
    # credit lines right next to a caption block
    for i in range(n):
        if is_caption[i] or not block_tokens[i] or len(block_tokens[i]) > MAX_CREDIT_TOKENS:
            continue
        near = (i > 0 and is_caption[i - 1]) or (i + 1 < n and is_caption[i + 1])
        if near and _CREDIT.search(blocks[i].text):
            is_caption[i] = True
    return is_caption


def _find_title(
    blocks: Sequence[Block], block_tokens: Sequence[Sequence[str]], title: str,
    first_body: int | None,
) -> int | None:
    title_tokens = tokens(title)
    if not title_tokens:
        return None
    exact = [i for i, b in enumerate(blocks) if b.text == title]
    if not exact:
        exact = [i for i, bt in enumerate(block_tokens) if bt == title_tokens]
    if not exact:
        title_counts = Counter(title_tokens)
        size = len(title_tokens)
        joined = " " + " ".join(title_tokens) + " "
        scored = []
        for i, bt in enumerate(block_tokens):
            if not bt or len(bt) > 2 * size or 2 * len(bt) < size:
                continue
            f1 = 2 * sum((Counter(bt) & title_counts).values()) / (len(bt) + size)
            if f1 < TITLE_MIN_F1:
                b = " " + " ".join(bt) + " "
                if f1 < TITLE_MIN_CONTAINED_F1 or (b not in joined and joined not in b):
                    continue
            scored.append((round(f1, 6), i))
        if not scored:
            return None
        best = max(f1 for f1, _ in scored)
        exact = [i for f1, i in scored if f1 == best]
    if first_body is not None:
        before = [i for i in exact if i < first_body]
        if before:
            return before[-1]
    return exact[0]


class _SnippetIndex:
    """Finds snippets in a page the way the snippet metric does (a substring of the blocks'
    whitespace-normalised texts joined by spaces), falling back to case-sensitive folded
    tokens whose first and last may be word pieces (for renderers that space or spell the
    text differently)."""

    def __init__(self, blocks: Sequence[Block]) -> None:
        texts = [_SPACE.sub(" ", b.text).strip() for b in blocks]
        self.joined = " ".join(texts)
        self.starts, self.ends = [], []
        pos = 0
        for t in texts:
            self.starts.append(pos)
            self.ends.append(pos + len(t))
            pos += len(t) + 1
        self.block_tokens = [_TOKEN.findall(fold_keep_case(t)) for t in texts]
        self.stream = _Stream.build(self.block_tokens)
        self.first_token: dict[int, int] = {}
        for k, owner in enumerate(self.stream.owner):
            self.first_token.setdefault(owner, k)

    def find(self, snippet: str) -> list[tuple[list[int], list[int]]]:
        """Per occurrence: the blocks it touches and the blocks wholly inside it."""
        out = []
        needle = _SPACE.sub(" ", snippet).strip()
        p = self.joined.find(needle) if needle else -1
        while p >= 0:
            q = p + len(needle)
            lo = bisect_right(self.ends, p - 1)  # first block ending at or after p
            hi = bisect_left(self.starts, q)  # blocks starting before q
            touched = list(range(lo, hi))
            inside = [i for i in touched if self.starts[i] >= p and self.ends[i] <= q]
            if touched:
                out.append((touched, inside))
            p = self.joined.find(needle, p + 1)
        if out:
            return out
        toks = _TOKEN.findall(fold_keep_case(snippet))
        if not toks:
            return out
        stream, owner = self.stream.tokens, self.stream.owner
        core = toks[1:-1] if len(toks) >= 3 else toks
        for k in self.stream.find(core) if core else ():
            first, last = k, k + len(core) - 1
            if len(toks) >= 3:
                if k == 0 or last + 1 >= len(stream):
                    continue
                if not (stream[k - 1].endswith(toks[0]) and stream[last + 1].startswith(toks[-1])):
                    continue
                first, last = k - 1, last + 1
            touched = sorted(set(owner[first:last + 1]))
            inside = [i for i in touched if self.first_token[i] >= first
                      and self.first_token[i] + len(self.block_tokens[i]) - 1 <= last]
            out.append((touched, inside))
        return out


def _apply_snippets(labels: list[int], blocks: Sequence[Block], gold: PageGold) -> None:
    if not gold.with_snippets and not gold.without_snippets:
        return
    index = _SnippetIndex(blocks)
    protected: set[int] = set()
    for snippet in gold.with_snippets:
        found = [touched for touched, _inside in index.find(snippet)]
        if not found:
            continue
        done = next((span for span in found if all(labels[i] == BODY for i in span)), None)
        if done is None:
            # the first occurrence that does not run through the title block, if any
            done = next((s for s in found if all(labels[i] != TITLE for i in s)), found[0])
            for i in done:
                if labels[i] in (FURNITURE, CAPTION):
                    labels[i] = BODY
        protected.update(done)
    for snippet in gold.without_snippets:
        for touched, inside in index.find(snippet):
            # spanning blocks: drop those wholly inside it, else the shortest one
            drop = touched if len(touched) == 1 else (
                inside or [min(touched, key=lambda i: len(index.block_tokens[i]))])
            for i in drop:
                if labels[i] == BODY and i not in protected:
                    labels[i] = FURNITURE


def label_blocks(blocks: Sequence[Block], gold: PageGold) -> list[int]:
    """Classes for ``blocks`` of one page, given its prepared gold (rules in the docstring)."""
    n = len(blocks)
    block_tokens = [tokens(b.text) for b in blocks]
    block_len = [len(bt) for bt in block_tokens]
    labels = [FURNITURE] * n
    is_caption = _caption_blocks(block_tokens, blocks, gold.captions)

    ref = gold.reference
    if ref is not None and (ref.shingle_ids or ref.lines):
        stream = _Stream.build(block_tokens, is_caption)
        cover = _align_body(stream, ref, n, block_len)
        for i in range(n):
            if not is_caption[i] and block_len[i] and cover[i] >= BODY_COVER:
                labels[i] = BODY
        body_idx = [i for i in range(n) if labels[i] == BODY]
        if body_idx and ref.lines:
            lo, hi = (body_idx[0], body_idx[-1]) if LINE_WITHIN_BODY else (0, n - 1)
            lines_left = Counter(ref.lines)
            for i in body_idx:
                lines_left[tuple(block_tokens[i])] -= 1
            for i in range(lo, hi + 1):
                key = tuple(block_tokens[i])
                if (labels[i] == FURNITURE and not is_caption[i]
                        and 0 < block_len[i] <= LINE_MAX_TOKENS
                        and cover[i] < BODY_COVER and lines_left[key] > 0):
                    labels[i] = BODY
                    lines_left[key] -= 1

    for i in range(n):
        if is_caption[i]:
            labels[i] = CAPTION
    if gold.title:
        first_body = next((i for i in range(n) if labels[i] == BODY), None)
        t = _find_title(blocks, block_tokens, gold.title, first_body)
        if t is not None:
            labels[t] = TITLE
    _apply_snippets(labels, blocks, gold)
    return labels


def label_page(
    blocks: Sequence[Block], record: dict[str, Any], silver_body: str | None = None
) -> list[int]:
    """Classes (0 furniture, 1 body, 2 title, 3 caption) for the blocks of one gold record."""
    return label_blocks(blocks, PageGold.from_record(record, silver_body))


# --------------------------------------------------------------------------------------
# Data loading (the dev data layout of shared/data/<set>/)


def load_records(data_root: Path | str, set_name: str) -> list[dict[str, Any]]:
    """The gold records of ``<data_root>/<set_name>/gold.jsonl``, in file order."""
    with open(Path(data_root) / set_name / "gold.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_texts(data_root: Path | str, set_name: str, renderer: str) -> dict[str, str]:
    """``{id: text}`` of one renderer's rendering of a data set."""
    path = Path(data_root) / set_name / "text" / f"{renderer}.jsonl.gz"
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out[row["id"]] = row["text"] or ""
    return out


def page_blocks(text: str, config: Config | None = None, html: bool = False) -> list[Block]:
    """The blocks the labels refer to, as ``cleaner.clean`` makes them: ``normalize_blocks(
    segment_text(text), config)``, for ``html`` the lines of an HTML rendering, unjoined."""
    return normalize_blocks(segment_text(text, join_fragments=not html), config or Config())


def load_renderings(data_root: Path | str, set_name: str) -> dict[str, Rendering]:
    """``{id: rendering}`` of every page's original HTML, read as ``cleaner.clean`` reads HTML
    (decoded from bytes, rendered by ``cleaner.html.render_html``)."""
    from cleaner.decode import decode_input
    from cleaner.html import render_html

    directory = Path(data_root) / set_name / "html"
    out = {}
    for record in load_records(data_root, set_name):
        path = directory / f"{record['id']}.html.gz"
        markup = gzip.decompress(path.read_bytes()) if path.exists() else b""
        out[record["id"]] = render_html(decode_input(markup, Config()) if markup else "")
    return out


def iter_labelled(
    data_root: Path | str, set_name: str, renderer: str,
    silver: dict[str, str | None] | None = None,
    texts: dict[str, str] | None = None,
) -> Iterator[tuple[dict[str, Any], str, list[Block], list[int]]]:
    """Yield ``(record, text, blocks, labels)`` for every page of one set and renderer.

    For ``articles`` the silver bodies are loaded (computed and cached on first use) unless
    given as ``silver``. ``texts`` replaces the renderer's texts (``{id: text}``), e.g. the
    texts of ``load_renderings`` (the renderer ``html``: their lines are not joined).
    """
    if set_name not in SETS:
        raise ValueError(f"unknown data set {set_name!r}; expected one of {SETS}")
    root = Path(data_root)
    records = load_records(root, set_name)
    if texts is None:
        texts = load_texts(root, set_name, renderer)
    if silver is None and any(r.get("body") is None for r in records):
        from .silver import load_silver

        silver = load_silver(root / set_name)
    for record in records:
        text = texts.get(record["id"], "")
        blocks = page_blocks(text, html=renderer == "html")
        silver_body = (silver or {}).get(record["id"]) if record.get("body") is None else None
        yield record, text, blocks, label_page(blocks, record, silver_body)
