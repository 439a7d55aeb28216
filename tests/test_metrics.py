"""Tests of ``benchmarks.metrics`` against hand-computed values and the READMEs' reference code.

Also: the floor check of the quality gate, and (when the benchmark data is present next to
the repo) that the loader yields every page with ids in ``gold.jsonl`` order.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks import metrics as m
from benchmarks.data import REPO_ROOT, load_pages
from benchmarks.quality import check_floors

# --- reference code, copied from the data READMEs ---------------------------------------

_TOK = re.compile(r"\w+")


def _ref_shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    t = _TOK.findall(text or "")
    return Counter(tuple(t[i : i + n]) for i in range(max(1, len(t) - n + 1)) if t[i : i + n])


def _ref_tp_fp_fn(gold: str, pred: str) -> tuple[float, float, float]:
    g, p = _ref_shingles(gold), _ref_shingles(pred)
    tp = sum(min(g[k], p[k]) for k in g.keys() | p.keys())
    fp = sum(max(0, p[k] - g[k]) for k in g.keys() | p.keys())
    fn = sum(max(0, g[k] - p[k]) for k in g.keys() | p.keys())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _ref_word_prf(pred: str, gold: str) -> tuple[float, float, float]:
    p = re.findall(r"\w+", pred.lower()) if pred else []
    g = re.findall(r"\w+", gold.lower()) if gold else []
    if not g:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(p) & Counter(g)).values())
    prec, rec = overlap / len(p), overlap / len(g)
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


_WORDS = st.lists(st.sampled_from(["a", "b", "c", "Á", "é", "d", ".", "don’t", "\n"]), max_size=14)


@given(_WORDS, _WORDS)
def test_shingle_page_matches_reference(gold: list[str], pred: list[str]) -> None:
    g, p = " ".join(gold), " ".join(pred)
    assert tuple(m.shingle_page(g, p)) == pytest.approx(_ref_tp_fp_fn(g, p))


@given(_WORDS, _WORDS)
def test_word_page_matches_reference(gold: list[str], pred: list[str]) -> None:
    g, p = " ".join(gold), " ".join(pred)
    assert tuple(m.word_page(p, g))[:3] == pytest.approx(_ref_word_prf(p, g))


# --- (a) shingles -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {}),
        ("... !", {}),
        ("one", {("one",): 1}),
        ("one two three", {("one", "two", "three"): 1}),
        ("a b c d", {("a", "b", "c", "d"): 1}),
        (
            "a b c d a b c d",
            {
                ("a", "b", "c", "d"): 2,
                ("b", "c", "d", "a"): 1,
                ("c", "d", "a", "b"): 1,
                ("d", "a", "b", "c"): 1,
            },
        ),
        ("Straße, über-all!", {("Straße", "über", "all"): 1}),
    ],
    ids=[
        "empty",
        "punctuation-only",
        "one-token",
        "three-tokens",
        "four-tokens",
        "repeat",
        "unicode",
    ],
)
def test_shingles(text: str, expected: dict[tuple[str, ...], int]) -> None:
    assert m.shingles(text) == Counter(expected)


@pytest.mark.parametrize(
    ("gold", "pred", "triple", "precision", "recall"),
    [
        ("a b c d e", "a b c d", (0.5, 0.0, 0.5), 1.0, 0.5),
        ("a b", "a b", (1.0, 0.0, 0.0), 1.0, 1.0),
        ("a b c d", "", (0.0, 0.0, 1.0), None, 0.0),
        ("", "", (0.0, 0.0, 0.0), None, None),
        ("", "a b c d", (0.0, 1.0, 0.0), 0.0, None),
        ("a b c d", "a b c d a b c d", (0.2, 0.8, 0.0), 0.2, 1.0),
        ("A b c d", "a b c d", (0.0, 0.5, 0.5), 0.0, 0.0),
    ],
    ids=[
        "prefix",
        "short-equal",
        "empty-pred",
        "both-empty",
        "empty-gold",
        "multiset",
        "case-sensitive",
    ],
)
def test_shingle_page(
    gold: str,
    pred: str,
    triple: tuple[float, float, float],
    precision: float | None,
    recall: float | None,
) -> None:
    page = m.shingle_page(gold, pred)
    assert tuple(page) == pytest.approx(triple)
    assert page.precision == (None if precision is None else pytest.approx(precision))
    assert page.recall == (None if recall is None else pytest.approx(recall))


def test_shingle_score_is_f1_of_means() -> None:
    pages = [
        m.shingle_page("a b c d e", "a b c d"),  # P 1.0, R 0.5
        m.shingle_page("a b c d", ""),  # recall 0.0, no precision
        m.shingle_page("", ""),  # in neither mean
    ]
    score = m.shingle_score(pages)
    assert score.precision == pytest.approx(1.0)
    assert score.recall == pytest.approx(0.25)
    assert score.f1 == pytest.approx(2 * 1.0 * 0.25 / 1.25)
    assert score.pages == 3
    assert m.shingle_score([]) == m.PRF(0.0, 0.0, 0.0, 0)


# --- (b) snippets -----------------------------------------------------------------------


def test_snippet_page_counts() -> None:
    pred = "Hello   world.\nFoo bar and more"
    page = m.snippet_page(pred, ["Hello world.", "missing"], ["Foo \n bar", "baz"])
    assert page == m.SnippetPage(tp=1, fp=1, fn=1, tn=1)
    assert page.accuracy == pytest.approx(0.5)


def test_snippet_page_is_case_sensitive() -> None:
    assert m.snippet_page("Hello World", ["hello world"], []) == m.SnippetPage(0, 0, 1, 0)


@pytest.mark.parametrize("pred", [None, ""], ids=["crash", "empty"])
def test_snippet_page_without_output_finds_nothing(pred: str | None) -> None:
    assert m.snippet_page(pred, ["a", "b"], ["c"]) == m.SnippetPage(tp=0, fp=0, fn=2, tn=1)


def test_snippet_score_is_micro_averaged() -> None:
    score = m.snippet_score([m.SnippetPage(1, 1, 1, 1), m.SnippetPage(2, 0, 0, 3)])
    assert (score.tp, score.fp, score.fn, score.tn) == (3, 1, 1, 4)
    assert score.precision == pytest.approx(0.75)
    assert score.recall == pytest.approx(0.75)
    assert score.f1 == pytest.approx(6 / 8)
    assert score.accuracy == pytest.approx(7 / 9)


def test_snippet_score_zero_denominators() -> None:
    score = m.snippet_score([m.SnippetPage(0, 0, 0, 2)])
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)
    assert score.accuracy == 1.0
    assert m.snippet_score([]).accuracy == 0.0


# --- (c) WCXB words ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ("the cat", "The cat sat.", (1.0, 2 / 3, 0.8)),
        ("I don’t know", "I don't know", (1.0, 1.0, 1.0)),
        ("sat cat the", "The cat sat.", (1.0, 1.0, 1.0)),
        ("the the the", "the cat", (1 / 3, 1 / 2, 0.4)),
        ("", "", (1.0, 1.0, 1.0)),
        ("— !", "", (1.0, 1.0, 1.0)),
        ("menu", "", (0.0, 0.0, 0.0)),
        ("", "gold text", (0.0, 0.0, 0.0)),
        (None, "gold text", (0.0, 0.0, 0.0)),
        ("dog", "cat", (0.0, 0.0, 0.0)),
    ],
    ids=[
        "partial",
        "quotes",
        "order",
        "multiset",
        "both-empty",
        "no-tokens-vs-empty",
        "pred-vs-empty-gold",
        "empty-pred",
        "no-pred",
        "disjoint",
    ],
)
def test_word_page(pred: str | None, gold: str, expected: tuple[float, float, float]) -> None:
    assert tuple(m.word_page(pred, gold))[:3] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pred", "snippets", "rate"),
    [
        ("the cat sat", ["Cat sat"], 1.0),
        ("the cat sat", [], 1.0),
        ("the cat  sat", ["cat sat", "the cat"], 0.5),
        ("a homeowner", ["Home"], 1.0),
        (None, ["x"], 0.0),
    ],
    ids=["lowercase", "no-snippets", "no-whitespace-norm", "plain-substring", "no-pred"],
)
def test_word_page_snippet_rates(pred: str | None, snippets: list[str], rate: float) -> None:
    page = m.word_page(pred, "gold", snippets, snippets)
    assert page.with_rate == pytest.approx(rate)
    assert page.without_rate == pytest.approx(rate)


def test_word_score_means_per_page_f1() -> None:
    pages = [m.word_page("the cat", "the cat sat down"), m.word_page("", "x")]
    score = m.word_score(pages)
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.25)
    assert score.f1 == pytest.approx((2 / 3) / 2)  # not 2PR/(P+R) of the means (1/3)
    assert score.pages == 2


# --- (d) captions -----------------------------------------------------------------------


def test_caption_page_coverage() -> None:
    gold = ["A dog runs. Photo: Reuters", "Second caption here"]
    page = m.caption_page(gold, ["A dog runs.", "Photo: Reuters"])
    assert page == m.CaptionPage(gold_tokens=8, pred_tokens=5, matched=5)
    assert page.recall == pytest.approx(5 / 8)
    assert page.precision == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("gold", "pred", "recall", "precision"),
    [
        (["the the"], ["The"], 0.5, 1.0),
        (["the"], ["the the"], 1.0, 0.5),
        ([], ["a stray caption"], None, 0.0),
        (["a caption"], [], 0.0, None),
        (["a caption"], [None, "caption"], 0.5, 1.0),
        ([], [], None, None),
    ],
    ids=["multiset-gold", "multiset-pred", "no-gold", "no-pred", "none-credit", "neither"],
)
def test_caption_page_edges(
    gold: list[str], pred: list[str | None], recall: float | None, precision: float | None
) -> None:
    page = m.caption_page(gold, pred)
    assert page.recall == (None if recall is None else pytest.approx(recall))
    assert page.precision == (None if precision is None else pytest.approx(precision))


def test_caption_score_means_over_qualifying_pages() -> None:
    pages = [
        m.CaptionPage(gold_tokens=4, pred_tokens=2, matched=2),  # R 0.5, P 1.0
        m.CaptionPage(gold_tokens=2, pred_tokens=0, matched=0),  # R 0.0
        m.CaptionPage(gold_tokens=0, pred_tokens=4, matched=0),  # P 0.0
        m.CaptionPage(gold_tokens=0, pred_tokens=0, matched=0),  # neither
    ]
    assert m.caption_score(pages) == m.CaptionScore(0.25, 0.5, 2, 2)
    assert m.caption_score([]) == m.CaptionScore(0.0, 0.0, 0, 0)


# --- (e) titles -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "pred", "hit"),
    [
        ("Hello  World", " Hello World\n", True),
        ("Hello World", "hello world", False),
        ("Hello World", None, False),
        ("Hello World", "Hello World - Site", False),
        (None, "Anything", None),
    ],
    ids=["whitespace", "case", "missing", "suffix", "no-gold"],
)
def test_title_page(gold: str | None, pred: str | None, hit: bool | None) -> None:
    assert m.title_page(gold, pred) is hit


def test_title_score() -> None:
    assert m.title_score([True, False, None, True]) == (pytest.approx(2 / 3), 3)
    assert m.title_score([None]) == (0.0, 0)


# --- (f) metadata accuracy ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "pred", "hit"),
    [
        ("Jane Doe", "jane  doe", True),
        ("Danielle DeSiato, Donna Enzmann, and Natalie Nguyen",
         "Danielle DeSiato; Donna Enzmann; Natalie Nguyen", True),
        ("Maria & Katerina", "Katerina and Maria", True),
        ("Dylan Bailey, MS, RD", "Dylan Bailey", False),
        ("Jane Doe", "Jane Doe, John Roe", False),
        ("Jane Doe", None, False),
        ("Jane Doe", "", False),
        (None, "Jane Doe", None),
    ],
    ids=["case-space", "list-forms", "ampersand-order", "credentials", "extra-name",
         "missing", "empty", "no-gold"],
)
def test_author_page(gold: str | None, pred: str | None, hit: bool | None) -> None:
    assert m.author_page(gold, pred) is hit


def test_author_names_split_people_not_words() -> None:
    assert m.author_names("Anna Müller und Jean-Luc Picard") == {"anna müller", "jean luc picard"}
    assert m.author_names("Andrew") == {"andrew"}
    assert m.author_names(" , ") == frozenset()


@pytest.mark.parametrize(
    ("gold", "pred", "hit"),
    [
        ("2025-09-04", "2025-09-04", True),
        ("2025-09-04", "2025-09-04T10:00:00+02:00", True),
        ("2025-09-04", "2025-09-05", False),
        ("2025-09-04", "Thu, 09/04/2025", False),
        ("2025-09-04", None, False),
        (None, "2025-09-04", None),
    ],
    ids=["same-day", "datetime", "other-day", "not-iso", "missing", "no-gold"],
)
def test_date_page(gold: str | None, pred: str | None, hit: bool | None) -> None:
    assert m.date_page(gold, pred) is hit


def test_language_page_and_summary() -> None:
    assert m.language_page("de", "de") is True
    assert m.language_page("de", "DE") is True
    assert m.language_page("de", None) is False
    assert m.language_page(None, "de") is None
    gold = m.Gold("wcxb", "a b", metadata=m.Metadata("Jane Doe", "2025-01-02", "en"))
    hit = m.score_page(gold, "a b", metadata=m.Metadata("Jane Doe", "2025-01-03", "en"))
    assert (hit.author, hit.date, hit.language) == (True, False, True)
    no_gold = m.score_page(m.Gold("wcxb", "a b"), "a b", metadata=m.Metadata("X", None, "en"))
    assert (no_gold.author, no_gold.date, no_gold.language) == (None, None, None)
    assert no_gold.author_unannotated is True and hit.author_unannotated is None
    figures = m.summarize([hit, no_gold])
    assert (figures["author_acc"], figures["date_acc"], figures["language_acc"]) == (1, 0, 1)
    assert figures["author_unannotated_rate"] == 1
    # a system that predicts no metadata, or not a field of it, is not judged on it
    assert "author_acc" not in m.summarize([m.score_page(gold, "a b")])
    partial = m.score_page(gold, "a b",
                           metadata=m.Metadata("Jane Doe", fields=frozenset({"author"})))
    assert (partial.author, partial.date, partial.language) == (True, None, None)


def test_page_type_page_and_summary() -> None:
    assert m.page_type_page("forum", "forum") is True
    assert m.page_type_page("forum", "article") is False
    assert m.page_type_page("forum", None) is False
    assert m.page_type_page(None, "article") is None  # the articles set has no label
    gold = m.Gold("wcxb", "a b", metadata=m.Metadata(page_type="listing"))
    right = m.score_page(gold, "a b", metadata=m.Metadata(page_type="listing"))
    wrong = m.score_page(gold, "a b", metadata=m.Metadata(page_type="article"))
    assert (right.page_type, wrong.page_type) == (True, False)
    assert m.summarize([right, wrong, right, right])["page_type_acc"] == 0.75
    assert m.document_metadata({"page_type": "forum"}).page_type == "forum"
    record = {"body": "a b", "page_type": "service"}
    assert m.Gold.from_record("wcxb", record).metadata.page_type == "service"


# --- one page, all metrics -------------------------------------------------------------


def test_score_page_picks_metrics_from_gold() -> None:
    shub = m.Gold("articles", "a b c d e", title="T")
    traf = m.Gold("articles", None, ("a b",), ("menu",), ("Photo: x y",), "T")
    wcxb = m.Gold("wcxb", "a b", ("a",), ("menu",))
    assert m.score_page(shub, "a b c d") == m.PageScores(
        shingle=m.shingle_page("a b c d e", "a b c d")
    )
    traf_scores = m.score_page(traf, "a b menu", "T", ["Photo: x", None])
    assert traf_scores.shingle is None and traf_scores.word is None
    assert traf_scores.snippet == m.SnippetPage(tp=1, fp=1, fn=0, tn=0)
    assert traf_scores.caption == m.CaptionPage(gold_tokens=3, pred_tokens=2, matched=2)
    assert traf_scores.title is True
    wcxb_scores = m.score_page(wcxb, "a b")
    assert wcxb_scores.word == m.word_page("a b", "a b", ("a",), ("menu",))
    assert (wcxb_scores.shingle, wcxb_scores.snippet, wcxb_scores.caption) == (None, None, None)


def test_summarize_names_and_absent_groups() -> None:
    pages = [
        m.score_page(m.Gold("articles", "a b c d e"), "a b c d"),
        m.score_page(m.Gold("articles", None, ("x",), ()), "x y"),
    ]
    figures = m.summarize(pages)
    assert set(figures) == {
        "shingle_p", "shingle_r", "shingle_f1",
        "snippet_p", "snippet_r", "snippet_f1", "snippet_acc",
    }  # fmt: skip
    assert figures["shingle_f1"] == pytest.approx(2 / 3)
    assert figures["snippet_f1"] == pytest.approx(1.0)


def test_score_documents_reads_records_and_documents() -> None:
    from dataclasses import dataclass

    @dataclass
    class Cap:
        text: str
        credit: str | None = None

    @dataclass
    class Doc:
        body: str
        title: str | None
        captions: tuple[Cap, ...]
        metadata: dict[str, str | None]

    record = {"body": "the cat sat", "with": [], "without": [], "captions": ["A cat. Foto: dpa"],
              "title": "Cats", "author": "Jane Doe", "date": "2024-05-06",
              "lang": "en"}  # fmt: skip
    doc = Doc("the cat", "Cats", (Cap("A cat.", "Foto: dpa"),),
              {"author": "Jane Doe", "date": None, "language": "en"})
    figures = m.score_documents("wcxb", [(record, doc)])
    assert figures["word_f1"] == pytest.approx(0.8)
    assert figures["caption_recall"] == pytest.approx(1.0)
    assert figures["title_acc"] == pytest.approx(1.0)
    assert (figures["author_acc"], figures["date_acc"], figures["language_acc"]) == (1, 0, 1)


# --- quality gate -----------------------------------------------------------------------


def test_check_floors() -> None:
    figures = {
        "cleaner/articles/html_text/shingle_f1": 0.80,
        "cleaner/wcxb/html_text/word_f1": 0.70,
        "c4/wcxb/html_text/word_f1": 0.73,
    }
    floors = {
        "articles/html_text/shingle_f1": 0.85,
        "wcxb/html_text/word_f1": 0.70,
        "c4/wcxb/html_text/word_f1": 0.70,
        "articles/html_text/title_acc": 0.5,
    }
    failures = check_floors(floors, figures)
    assert len(failures) == 2
    assert failures[0].startswith("articles/html_text/shingle_f1: 0.8000 < floor 0.850")
    assert "title_acc: not measured" in failures[1]


def test_check_floors_fails_on_crashes_of_gated_runs() -> None:
    figures = {
        "cleaner/wcxb/html_text/word_f1": 0.9,
        "cleaner/wcxb/html_text/crashes": 2.0,
        "c4/wcxb/html_text/crashes": 5.0,
    }
    floors = {"wcxb/html_text/word_f1": 0.5}
    assert check_floors(floors, figures) == ["cleaner/wcxb/html_text: crashed on 2 pages"]
    assert check_floors(floors, figures, allow_crashes=True) == []


# --- the data loader (needs the benchmark data next to the repo) ------------------------

DATA_ROOT = (REPO_ROOT.parent / "shared" / "data").resolve()


@pytest.mark.skipif(
    not (DATA_ROOT / "articles" / "gold.jsonl").is_file()
    or not (DATA_ROOT / "wcxb" / "gold.jsonl").is_file(),
    reason=f"benchmark data not found at {DATA_ROOT} (expected ../shared/data next to the repo)",
)
@pytest.mark.parametrize(("dataset", "count"), [("articles", 799), ("wcxb", 1358)])
def test_loader_yields_every_page(dataset: str, count: int) -> None:
    gold_ids = [p.id for p in load_pages(dataset, None, DATA_ROOT)]
    pages = load_pages(dataset, "html_text", DATA_ROOT)
    assert len(pages) == count
    assert [p.id for p in pages] == gold_ids
    assert len(set(gold_ids)) == count
    assert all(p.dataset == dataset and p.text for p in pages[:20])
    assert isinstance(pages[0].html_path, Path) and pages[0].load_html().strip()
    assert [p.id for p in load_pages(dataset, "html_text", DATA_ROOT, subset=5)] == gold_ids[::5]
