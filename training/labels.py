"""Training labels: one class per block of every dev page, from the gold data.

This module owns turning the two dev data sets (``articles``, ``wcxb``; see their READMEs)
into per-block classes for the blocks that ``normalize_blocks(segment_text(text), Config())``
produces: ``FURNITURE`` 0, ``BODY`` 1 (article body incl. subheadings; for wcxb the gold main
content), ``TITLE`` 2 (the headline line), ``CAPTION`` 3 (an image caption or its credit
line). It reads the gzip JSONL files itself and depends on nothing in ``benchmarks/``; it
does not train or score anything (``training.oracle`` scores the labels).

The rules, in the order ``label_blocks`` applies them:

1. **Tokens.** ``\\w+`` runs of the lower-cased text with accents folded (NFKD, combining
   marks dropped), so that html2text's ASCII transliteration (``fur`` for ``für``) and the
   gold's straightened quotes still match. Snippets keep their case (the snippet metric is
   case-sensitive).
2. **Captions** (class 3) are decided first. Every occurrence of a gold caption's token
   sequence in the page's token stream (all blocks concatenated, so a caption split over
   two lines is found too) marks its tokens; a block with at least ``CAPTION_COVER`` of its
   tokens marked is a caption. A renderer that interleaves markup can break the sequence,
   so a block of at least 3 tokens whose token sequence lies inside a caption's is a caption
   as well. A short credit line (``Foto: dpa``, ``Image copyright AFP``, ``©`` ...) right
   before or after a caption block is a caption too. Caption blocks are cut out of the body
   alignment (a sentence that is both caption and body is aligned to its body copy), and a
   caption stays class 3 even where a wcxb gold body contains its text (see the oracle: it
   costs ~0.003 word F1; the classes stay consistent across pages and corpora, and the
   pipeline's ``captions_in_body`` switch exists for corpora that want captions in the body).
3. **Body** (class 1), against a reference body: the gold ``body`` (scrapinghub, wcxb) or
   the silver body (trafilatura pages; ``training.silver``). Page and reference are both
   turned into one token stream each (blocks / lines concatenated), and into 4-token
   shingles. ``difflib.SequenceMatcher`` aligns the two shingle sequences *in order*
   (longest common runs first), so of two copies of a sentence the one that continues the
   surrounding body wins and a teaser copy is left out; shingles spanning a block boundary
   take part, so a short subheading or list item between two body blocks is matched too.
   A second, order-free pass then consumes what is left of the reference's shingle multiset
   in page order (body paragraphs that the page shows in another order than the gold).
   A page token is covered when a matched shingle contains it; a block is body when at least
   ``BODY_COVER`` of its tokens are covered. A block still unmatched with fewer than 4 tokens
   is body when its token sequence equals a whole reference line not yet used (headings,
   list items, prices on their own gold line) and it lies between the first and last body
   block.
4. **Title** (class 2): the block whose text equals the whitespace-normalised gold title
   (else whose folded tokens equal the title's); of several, the last one before the first
   body block (a breadcrumb or ``<title>`` copy tends to come first), else the first one.
   Failing that, the block with the best token F1 against the title, if at least
   ``TITLE_MIN_F1``. The title is class 2 even when the gold body contains it (wcxb bodies
   often start with it; scrapinghub bodies never include it): it is a separate output.
5. **Snippets** (trafilatura pages only, on top of the silver body): a ``with`` snippet's
   occurrence (case-sensitive tokens, may span blocks) makes every furniture or caption block
   it touches body, unless one occurrence is already wholly in body blocks; a ``without``
   snippet's occurrence turns a body block that holds it to furniture, unless that block also
   holds a ``with`` snippet (of a snippet spanning blocks, the blocks wholly inside it go).
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from cleaner.config import Config
from cleaner.document import Block
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
        return cls(vocab, tuple(ids), lines)


@dataclass(frozen=True, slots=True)
class PageGold:
    """Everything about one page's gold that labelling needs, independent of the renderer."""

    reference: Reference | None
    title: str | None
    captions: tuple[tuple[str, ...], ...]
    with_snippets: tuple[tuple[str, ...], ...]
    without_snippets: tuple[tuple[str, ...], ...]

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
            with_snippets=_snippet_tokens(record.get("with")) if use_snippets else (),
            without_snippets=_snippet_tokens(record.get("without")) if use_snippets else (),
        )


def _snippet_tokens(snippets: Sequence[str] | None) -> tuple[tuple[str, ...], ...]:
    out = (tuple(_TOKEN.findall(fold_keep_case(s))) for s in snippets or ())
    return tuple(t for t in out if t)


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
        out = []
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
    vocab = ref.vocab
    page_ids = [vocab.get(tuple(toks[k:k + SHINGLE]), -1) for k in range(len(toks) - SHINGLE + 1)]
    matched = [False] * len(page_ids)
    left = Counter(ref.shingle_ids)
    if ref.shingle_ids and page_ids:
        sm = SequenceMatcher(None, page_ids, ref.shingle_ids, autojunk=False)
        for i, _j, size in sm.get_matching_blocks():
            for k in range(i, i + size):
                matched[k] = True
                left[page_ids[k]] -= 1
        for k, sid in enumerate(page_ids):  # order-free second pass over what is left
            if not matched[k] and sid >= 0 and left[sid] > 0:
                matched[k] = True
                left[sid] -= 1
    covered = [False] * len(toks)
    for k, hit in enumerate(matched):
        if hit:
            covered[k:k + SHINGLE] = [True] * SHINGLE
    hits = [0] * n_blocks
    for k, hit in enumerate(covered):
        if hit and stream.owner[k] >= 0:
            hits[stream.owner[k]] += 1
    return [hits[i] / block_len[i] if block_len[i] else 0.0 for i in range(n_blocks)]


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
            (len(sq) >= MIN_SQUEEZED_CHARS and sq in c) or (c in sq and len(c) >= CAPTION_COVER * len(sq))
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


def _apply_snippets(
    labels: list[int], blocks: Sequence[Block], gold: PageGold
) -> None:
    if not gold.with_snippets and not gold.without_snippets:
        return
    case_tokens = [_TOKEN.findall(fold_keep_case(b.text)) for b in blocks]
    stream = _Stream.build(case_tokens)
    protected: set[int] = set()
    for snippet in gold.with_snippets:
        spans = [sorted(set(stream.owner[k:k + len(snippet)])) for k in stream.find(snippet)]
        if not spans:
            continue
        if any(all(labels[i] == BODY for i in span) for span in spans):
            protected.update(next(s for s in spans if all(labels[i] == BODY for i in s)))
            continue
        # the first occurrence that does not run through the title block, if any
        span = next((s for s in spans if all(labels[i] != TITLE for i in s)), spans[0])
        for i in span:
            if labels[i] in (FURNITURE, CAPTION):
                labels[i] = BODY
        protected.update(span)
    for snippet in gold.without_snippets:
        for k in stream.find(snippet):
            span = sorted(set(stream.owner[k:k + len(snippet)]))
            if len(span) > 1:  # spans blocks: drop the ones wholly inside the snippet
                inner = [i for i in span if len(case_tokens[i]) <= len(snippet)
                         and stream.owner[k] != i != stream.owner[k + len(snippet) - 1]]
                span = inner or [min(span, key=lambda i: len(case_tokens[i]))]
            for i in span:
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
                if (labels[i] == FURNITURE and not is_caption[i] and 0 < block_len[i] <= LINE_MAX_TOKENS
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


def page_blocks(text: str, config: Config | None = None) -> list[Block]:
    """The blocks the labels refer to: ``normalize_blocks(segment_text(text), config)``."""
    return normalize_blocks(segment_text(text), config or Config())


def iter_labelled(
    data_root: Path | str, set_name: str, renderer: str,
    silver: dict[str, str | None] | None = None,
) -> Iterator[tuple[dict[str, Any], str, list[Block], list[int]]]:
    """Yield ``(record, text, blocks, labels)`` for every page of one set and renderer.

    For ``articles`` the silver bodies are loaded (computed and cached on first use) unless
    given as ``silver``.
    """
    if set_name not in SETS:
        raise ValueError(f"unknown data set {set_name!r}; expected one of {SETS}")
    root = Path(data_root)
    records = load_records(root, set_name)
    texts = load_texts(root, set_name, renderer)
    if silver is None and any(r.get("body") is None for r in records):
        from .silver import load_silver

        silver = load_silver(root / set_name)
    for record in records:
        text = texts.get(record["id"], "")
        blocks = page_blocks(text)
        silver_body = (silver or {}).get(record["id"]) if record.get("body") is None else None
        yield record, text, blocks, label_page(blocks, record, silver_body)
