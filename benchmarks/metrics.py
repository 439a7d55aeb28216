"""Scoring functions of the benchmark: exact re-implementations of the upstream metrics.

This module owns the arithmetic of scoring, nothing else: pure functions on strings, a
per-page function and an aggregate for each metric, so per-page results can be kept for
worst-page analysis. It does not load data or run systems. Definitions (see the data
READMEs for (a)-(c), which follow the upstream code exactly):

(a) **Scrapinghub shingle metric** (``shingle_page`` / ``shingle_score``): tokens
    ``\\w+`` (case-sensitive), multiset of 4-token shingles (a text of 1-3 tokens is one
    shingle, an empty text none); per page ``tp, fp, fn`` from the multiset comparison,
    divided by their sum; per-page precision ``tp / (tp + fp)`` and recall
    ``tp / (tp + fn)`` (1.0 when ``fp == fn == 0``); precision averaged over pages with
    ``tp + fp > 0``, recall over pages with ``tp + fn > 0``; F1 from the two means.
(b) **Trafilatura snippet metric** (``snippet_page`` / ``snippet_score``): whitespace
    runs collapsed to one space and stripped in body and snippets; a ``with`` snippet
    found (case-sensitive substring) is a tp, else a fn; a ``without`` snippet found is a
    fp, else a tn; a prediction that is not a string (``None``, a crash) finds nothing.
    Counts summed over pages (micro-average), then P, R, accuracy, F1 = 2tp/(2tp+fp+fn),
    each 0.0 on a zero denominator.
(c) **WCXB word metric** (``word_page`` / ``word_score``): tokens ``\\w+`` of the
    lowercased text; per page ``overlap`` = size of the multiset intersection, P =
    overlap / predicted tokens, R = overlap / gold tokens, F1 = 2PR/(P+R) (0.0 when
    P + R = 0). An empty gold body scores 1.0 for an empty prediction and 0.0 otherwise;
    an empty prediction against a non-empty gold body scores 0.0. Mean P, R and F1 over
    pages (F1 is the mean of per-page F1). Snippet rates: per page the share of ``with``
    (``without``) snippets that are a plain lowercase substring of the lowercased
    prediction, 1.0 for a page without such snippets; averaged over pages.
(d) **Caption coverage** (``caption_page`` / ``caption_score``), our own metric. Tokens
    as in (c): ``\\w+`` of the lowercased text, so spacing and punctuation differences
    between renderers do not matter. Gold tokens G: the multiset union of the tokens of
    all gold captions of the page. Predicted tokens P: the multiset union of the tokens of
    every predicted caption's ``text`` and ``credit`` (gold captions include their credit
    lines). ``matched = |G ∩ P|`` (multiset intersection). Page recall = matched / |G|,
    defined on pages whose gold captions have tokens; page precision = matched / |P|,
    defined on pages with predicted caption tokens (so captions predicted on a page
    without gold captions score precision 0.0). Recall and precision are the unweighted
    means of the page values over the pages where each is defined (every page weighs the
    same, as in (a) and (c)); 0.0 where no page qualifies.
(e) **Title accuracy** (``title_page`` / ``title_score``): the predicted title equals the
    gold title after collapsing whitespace runs to one space and stripping
    (case-sensitive; a missing prediction is a miss); the share of hits over the pages
    that have a gold title.

(f) **Metadata accuracy** (``author_page``, ``date_page``, ``language_page``,
    ``page_type_page``), our own metric, each the share of hits over the pages whose gold
    has the field (WCXB annotates author, date and page type; both sets carry a derived
    language). Author: the predicted and gold names are the same set of people
    (``author_names``: split at commas, semicolons, "&" and "and"/"und"/"et"/"y", each name
    case-folded with its punctuation dropped), so "A, B and C" matches "A; B; C" but "A"
    does not. Date: the first ten characters (the ``YYYY-MM-DD`` day) are equal. Language:
    the ISO 639-1 codes are equal. Page type (WCXB's labels: article, forum, product,
    collection, listing, documentation, service): the same type. A missing prediction is a
    miss. Beside them, on WCXB pages without an annotated author, the share where the
    system names one (``author_unannotated_rate``: some are authors the annotators left
    out, many are not).

``score_page`` applies to one page whichever of these its gold supports (WCXB pages: (c);
other pages: (a) with a gold body, (b) with snippets; (d) and (e) for systems that predict
captions and titles, (f) for those that predict metadata), ``summarize`` turns page scores
into flat named figures, and
``score_documents`` does both for ``(gold record, Document)`` pairs.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

__all__ = [
    "CaptionPage",
    "CaptionScore",
    "Gold",
    "Metadata",
    "PRF",
    "PageScores",
    "ShinglePage",
    "SnippetPage",
    "SnippetScore",
    "WordPage",
    "WordScore",
    "author_names",
    "author_page",
    "caption_page",
    "caption_score",
    "date_page",
    "document_metadata",
    "hit_share",
    "language_page",
    "normalize_ws",
    "page_type_page",
    "score_documents",
    "score_page",
    "shingle_page",
    "shingle_score",
    "shingles",
    "snippet_page",
    "snippet_score",
    "summarize",
    "title_page",
    "title_score",
    "word_page",
    "word_score",
    "word_tokens",
]

_TOKEN = re.compile(r"\w+")
_WHITESPACE = re.compile(r"\s+")


def normalize_ws(text: str) -> str:
    """Collapse whitespace runs to one space and strip (``norm`` of the Trafilatura eval)."""
    return _WHITESPACE.sub(" ", text).strip()


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class PRF(NamedTuple):
    """Aggregate precision, recall and F1 with the number of pages they cover."""

    precision: float
    recall: float
    f1: float
    pages: int


# --- (a) Scrapinghub shingle metric -----------------------------------------------------


def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; 1 to n-1 tokens give one shingle, no tokens none."""
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


class ShinglePage(NamedTuple):
    """One page under metric (a): ``tp, fp, fn`` divided by their sum (all 0 if empty)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """Page precision, ``None`` where it does not enter the mean (``tp + fp == 0``)."""
        if self.tp + self.fp <= 0:
            return None
        return 1.0 if self.fp == self.fn == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """Page recall, ``None`` where it does not enter the mean (``tp + fn == 0``)."""
        if self.tp + self.fn <= 0:
            return None
        return 1.0 if self.fp == self.fn == 0 else self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        """Page F1 ``2tp / (2tp + fp + fn)`` (for ranking pages only; not in the score)."""
        den = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / den if den else None


def shingle_page(gold: str | None, pred: str | None) -> ShinglePage:
    """Normalised ``tp, fp, fn`` of one page under the Scrapinghub shingle metric."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    total = tp + fp + fn
    if not total:
        return ShinglePage(0.0, 0.0, 0.0)
    return ShinglePage(tp / total, fp / total, fn / total)


def shingle_score(pages: Iterable[ShinglePage]) -> PRF:
    """Mean precision, mean recall and the F1 of those means (metric (a))."""
    pages = list(pages)
    precisions = [p for p in (page.precision for page in pages) if p is not None]
    recalls = [r for r in (page.recall for page in pages) if r is not None]
    mean_p, mean_r = _mean(precisions), _mean(recalls)
    return PRF(mean_p, mean_r, _f1(mean_p, mean_r), len(pages))


# --- (b) Trafilatura snippet metric -----------------------------------------------------


class SnippetPage(NamedTuple):
    """One page under metric (b): snippet counts."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def accuracy(self) -> float | None:
        """Share of snippets judged right on this page (for ranking pages only)."""
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else None


class SnippetScore(NamedTuple):
    """Micro-averaged scores of metric (b), with the summed counts."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int
    tp: int
    fp: int
    fn: int
    tn: int


def snippet_page(
    pred: str | None, with_snippets: Sequence[str], without_snippets: Sequence[str]
) -> SnippetPage:
    """Snippet counts for one page; a non-string prediction finds no snippet."""
    if isinstance(pred, str):
        res = normalize_ws(pred)
        tp = sum(normalize_ws(s) in res for s in with_snippets)
        fp = sum(normalize_ws(s) in res for s in without_snippets)
    else:
        tp = fp = 0
    return SnippetPage(tp, fp, len(with_snippets) - tp, len(without_snippets) - fp)


def snippet_score(pages: Iterable[SnippetPage]) -> SnippetScore:
    """Micro-averaged precision, recall, F1 and accuracy over pages (metric (b))."""
    pages = list(pages)
    tp = sum(p.tp for p in pages)
    fp = sum(p.fp for p in pages)
    fn = sum(p.fn for p in pages)
    tn = sum(p.tn for p in pages)
    return SnippetScore(
        precision=_ratio(tp, tp + fp),
        recall=_ratio(tp, tp + fn),
        f1=_ratio(2 * tp, 2 * tp + fp + fn),
        accuracy=_ratio(tp + tn, tp + fp + fn + tn),
        pages=len(pages),
        tp=tp,
        fp=fp,
        fn=fn,
        tn=tn,
    )


# --- (c) WCXB word metric ---------------------------------------------------------------


def word_tokens(text: str | None) -> list[str]:
    """``\\w+`` tokens of the lowercased text (metrics (c) and (d))."""
    return _TOKEN.findall(text.lower()) if text else []


def _snippet_rate(low_pred: str, snippets: Sequence[str]) -> float:
    if not snippets:
        return 1.0
    return sum(s.lower() in low_pred for s in snippets) / len(snippets)


class WordPage(NamedTuple):
    """One page under metric (c): bag-of-words P/R/F1 and the two snippet rates."""

    precision: float
    recall: float
    f1: float
    with_rate: float
    without_rate: float


class WordScore(NamedTuple):
    """Means over pages of metric (c); ``f1`` is the mean of per-page F1."""

    precision: float
    recall: float
    f1: float
    with_rate: float
    without_rate: float
    pages: int


def word_page(
    pred: str | None,
    gold: str | None,
    with_snippets: Sequence[str] = (),
    without_snippets: Sequence[str] = (),
) -> WordPage:
    """Bag-of-words P/R/F1 of one page, with the edge cases of the WCXB evaluation."""
    p, g = word_tokens(pred), word_tokens(gold)
    if not g:
        prec = rec = f1 = 1.0 if not p else 0.0
    elif not p:
        prec = rec = f1 = 0.0
    else:
        overlap = sum((Counter(p) & Counter(g)).values())
        prec, rec = overlap / len(p), overlap / len(g)
        f1 = _f1(prec, rec)
    low = (pred or "").lower()
    return WordPage(
        prec, rec, f1, _snippet_rate(low, with_snippets), _snippet_rate(low, without_snippets)
    )


def word_score(pages: Iterable[WordPage]) -> WordScore:
    """Unweighted means over pages of metric (c)."""
    pages = list(pages)
    return WordScore(
        precision=_mean([p.precision for p in pages]),
        recall=_mean([p.recall for p in pages]),
        f1=_mean([p.f1 for p in pages]),
        with_rate=_mean([p.with_rate for p in pages]),
        without_rate=_mean([p.without_rate for p in pages]),
        pages=len(pages),
    )


# --- (d) caption coverage ---------------------------------------------------------------


class CaptionPage(NamedTuple):
    """Token counts of one page under metric (d)."""

    gold_tokens: int
    pred_tokens: int
    matched: int

    @property
    def recall(self) -> float | None:
        """Share of gold caption tokens covered; ``None`` without gold caption tokens."""
        return self.matched / self.gold_tokens if self.gold_tokens else None

    @property
    def precision(self) -> float | None:
        """Share of predicted caption tokens in gold; ``None`` without predicted tokens."""
        return self.matched / self.pred_tokens if self.pred_tokens else None


class CaptionScore(NamedTuple):
    """Mean page recall and precision of metric (d), with the pages each covers."""

    recall: float
    precision: float
    recall_pages: int
    precision_pages: int


def caption_page(gold: Iterable[str], pred: Iterable[str | None]) -> CaptionPage:
    """Token coverage of one page's gold captions by its predicted caption strings.

    ``pred`` holds every predicted caption text and credit (``None`` entries are skipped).
    """
    g: Counter[str] = Counter()
    for gold_caption in gold:
        g.update(word_tokens(gold_caption))
    p: Counter[str] = Counter()
    for pred_caption in pred:
        p.update(word_tokens(pred_caption))
    return CaptionPage(sum(g.values()), sum(p.values()), sum((g & p).values()))


def caption_score(pages: Iterable[CaptionPage]) -> CaptionScore:
    """Mean recall over pages with gold captions, mean precision over pages with predicted."""
    pages = list(pages)
    recalls = [r for r in (p.recall for p in pages) if r is not None]
    precisions = [q for q in (p.precision for p in pages) if q is not None]
    return CaptionScore(_mean(recalls), _mean(precisions), len(recalls), len(precisions))


# --- (e) title exact match --------------------------------------------------------------


def title_page(gold: str | None, pred: str | None) -> bool | None:
    """Whether the predicted title matches the gold one; ``None`` without a gold title."""
    if gold is None:
        return None
    return pred is not None and normalize_ws(pred) == normalize_ws(gold)


def title_score(pages: Iterable[bool | None]) -> tuple[float, int]:
    """Share of title hits over the pages with a gold title, and the number of such pages."""
    return hit_share(pages)


def hit_share(pages: Iterable[bool | None]) -> tuple[float, int]:
    """Share of hits over the judged pages (``None``: not judged), and how many were judged
    (metrics (e) and (f))."""
    judged = [hit for hit in pages if hit is not None]
    return _mean([float(hit) for hit in judged]), len(judged)


# --- (f) metadata accuracy ---------------------------------------------------------------

_NAME_SEPARATORS = re.compile(
    r"\s*(?:[,;&/]\s*(?:(?:and|und|et|y)\s+)?|\s(?:and|und|et|y)\s)\s*", re.IGNORECASE)


def author_names(text: str) -> frozenset[str]:
    """The people an author field names: split at commas, semicolons, "&", "/" and the
    words "and", "und", "et", "y"; each name case-folded, its punctuation dropped."""
    names = (" ".join(_TOKEN.findall(name.casefold())) for name in _NAME_SEPARATORS.split(text))
    return frozenset(name for name in names if name)


def author_page(gold: str | None, pred: str | None) -> bool | None:
    """Whether the predicted author names the gold people; ``None`` without a gold author."""
    if not gold:
        return None
    return bool(pred) and author_names(pred or "") == author_names(gold)


def date_page(gold: str | None, pred: str | None) -> bool | None:
    """Whether the predicted date is the gold day (first ten characters, ``YYYY-MM-DD``);
    ``None`` without a gold date."""
    if not gold:
        return None
    return bool(pred) and (pred or "").strip()[:10] == gold.strip()[:10]


def language_page(gold: str | None, pred: str | None) -> bool | None:
    """Whether the predicted ISO 639-1 language is the gold one; ``None`` without one."""
    if not gold:
        return None
    return bool(pred) and (pred or "").lower() == gold.lower()


def page_type_page(gold: str | None, pred: str | None) -> bool | None:
    """Whether the predicted page type is the gold one; ``None`` without one."""
    if not gold:
        return None
    return pred == gold


class Metadata(NamedTuple):
    """A system's metadata for one page (``None`` where it found nothing); ``fields`` are
    the ones the system predicts at all (the others are not judged)."""

    author: str | None = None
    date: str | None = None
    language: str | None = None
    page_type: str | None = None
    fields: frozenset[str] = frozenset({"author", "date", "language", "page_type"})


# --- one page, all metrics --------------------------------------------------------------


class Gold(NamedTuple):
    """The gold labels of one page that the metrics read (fields of ``gold.jsonl``)."""

    dataset: str
    body: str | None
    with_: tuple[str, ...] = ()
    without: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    title: str | None = None
    metadata: Metadata = Metadata()

    @classmethod
    def from_record(cls, dataset: str, record: Mapping[str, Any]) -> Gold:
        return cls(
            dataset,
            record.get("body"),
            tuple(record.get("with") or ()),
            tuple(record.get("without") or ()),
            tuple(record.get("captions") or ()),
            record.get("title"),
            Metadata(record.get("author"), record.get("date"), record.get("lang"),
                     record.get("page_type")),
        )


class PageScores(NamedTuple):
    """Every metric that applies to one page; ``None`` where a metric does not apply.

    ``caption`` is ``None`` only for systems that predict no captions (nor titles); ``title``
    is ``None`` for those and on pages without a gold title.
    """

    shingle: ShinglePage | None = None
    snippet: SnippetPage | None = None
    word: WordPage | None = None
    caption: CaptionPage | None = None
    title: bool | None = None
    author: bool | None = None
    date: bool | None = None
    language: bool | None = None
    page_type: bool | None = None
    author_unannotated: bool | None = None


def score_page(
    gold: Gold,
    body: str | None,
    title: str | None = None,
    captions: Sequence[str | None] | None = None,
    metadata: Metadata | None = None,
) -> PageScores:
    """Score one prediction (``body`` ``None``: crashed) with every metric its gold supports.

    ``captions`` holds every predicted caption text and credit, or ``None`` for a system
    that predicts neither captions nor titles; ``metadata`` is ``None`` for a system that
    predicts no metadata.
    """
    wcxb = gold.dataset == "wcxb"
    has_snippets = not wcxb and bool(gold.with_ or gold.without)
    predicts = captions is not None
    return PageScores(
        shingle=shingle_page(gold.body, body) if not wcxb and gold.body is not None else None,
        snippet=snippet_page(body, gold.with_, gold.without) if has_snippets else None,
        word=word_page(body, gold.body, gold.with_, gold.without) if wcxb else None,
        caption=caption_page(gold.captions, captions) if captions is not None else None,
        title=title_page(gold.title, title) if predicts else None,
        author=_judge(author_page, "author", gold.metadata, metadata),
        date=_judge(date_page, "date", gold.metadata, metadata),
        language=_judge(language_page, "language", gold.metadata, metadata),
        page_type=_judge(page_type_page, "page_type", gold.metadata, metadata),
        author_unannotated=(bool(metadata.author) if metadata and "author" in metadata.fields
                            and wcxb and not gold.metadata.author else None),
    )


def _judge(
    page: Callable[[str | None, str | None], bool | None], name: str, gold: Metadata,
    predicted: Metadata | None,
) -> bool | None:
    """``page`` of one metadata field, or ``None`` for a system that does not predict it."""
    if predicted is None or name not in predicted.fields:
        return None
    return page(getattr(gold, name), getattr(predicted, name))


def summarize(pages: Iterable[PageScores]) -> dict[str, float]:
    """Flat named figures over pages: ``shingle_p/r/f1``, ``snippet_p/r/f1/acc``,
    ``word_p/r/f1``, ``with_rate``, ``without_rate``, ``caption_recall/precision`` and
    ``title_acc``, ``author_acc``, ``date_acc``, ``language_acc``, ``page_type_acc`` and
    ``author_unannotated_rate``; a group of figures is absent when no page supports it."""
    pages = list(pages)
    out: dict[str, float] = {}
    shingle = [p.shingle for p in pages if p.shingle is not None]
    if shingle:
        a = shingle_score(shingle)
        out |= {"shingle_p": a.precision, "shingle_r": a.recall, "shingle_f1": a.f1}
    snippet = [p.snippet for p in pages if p.snippet is not None]
    if snippet:
        b = snippet_score(snippet)
        out |= {
            "snippet_p": b.precision,
            "snippet_r": b.recall,
            "snippet_f1": b.f1,
            "snippet_acc": b.accuracy,
        }
    word = [p.word for p in pages if p.word is not None]
    if word:
        c = word_score(word)
        out |= {
            "word_p": c.precision,
            "word_r": c.recall,
            "word_f1": c.f1,
            "with_rate": c.with_rate,
            "without_rate": c.without_rate,
        }
    caption = [p.caption for p in pages if p.caption is not None]
    if caption:
        d = caption_score(caption)
        out |= {"caption_recall": d.recall, "caption_precision": d.precision}
        out["title_acc"] = title_score(p.title for p in pages)[0]
    for name in ("author", "date", "language", "page_type"):
        hits, judged = hit_share(getattr(p, name) for p in pages)
        if judged:
            out[f"{name}_acc"] = hits
    given, judged = hit_share(p.author_unannotated for p in pages)
    if judged:
        out["author_unannotated_rate"] = given
    return out


class _CaptionLike(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def credit(self) -> str | None: ...


class _DocumentLike(Protocol):
    @property
    def body(self) -> str: ...

    @property
    def title(self) -> str | None: ...

    @property
    def captions(self) -> Sequence[_CaptionLike]: ...

    @property
    def metadata(self) -> Mapping[str, Any]: ...


def score_documents(
    dataset: str, items: Iterable[tuple[Mapping[str, Any], _DocumentLike]]
) -> dict[str, float]:
    """``summarize`` over ``(gold.jsonl record, cleaner Document)`` pairs of one data set."""
    return summarize(
        score_page(
            Gold.from_record(dataset, record),
            doc.body,
            doc.title,
            [s for c in doc.captions for s in (c.text, c.credit)],
            document_metadata(doc.metadata),
        )
        for record, doc in items
    )


def document_metadata(metadata: Mapping[str, Any]) -> Metadata:
    """The fields (f) scores, out of a cleaner ``Document.metadata``."""
    return Metadata(metadata.get("author"), metadata.get("date"), metadata.get("language"),
                    metadata.get("page_type"))
