"""Training labels (training/labels.py): alignment rules on small synthetic pages, the silver
cache, and one check on the dev data when ../shared/data is there."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from training.labels import (
    BODY,
    CAPTION,
    FURNITURE,
    TITLE,
    label_page,
    load_records,
    load_texts,
    page_blocks,
    tokens,
)

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"

P1 = "The council approved the new budget on Tuesday after a long and heated debate."
P2 = "Critics said the plan would raise taxes for families across the whole region."
P3 = "The mayor defended the decision and promised a review of spending next spring."


def record(body: str | None, **kw: object) -> dict:
    out: dict = {"id": "x", "body": body, "title": None, "captions": [], "with": [],
                 "without": []}
    out.update(kw)
    return out


def labelled(text: str, rec: dict, silver: str | None = None) -> dict[str, int]:
    blocks = page_blocks(text)
    labels = label_page(blocks, rec, silver)
    assert len(labels) == len(blocks)
    return {b.text: c for b, c in zip(blocks, labels, strict=True)}


def lines(*parts: str) -> str:
    return "\n".join(parts) + "\n"


def test_body_blocks_follow_the_gold_body() -> None:
    text = lines("Home", "News", "Sport", P1, P2, P3, "Related stories", "Contact us")
    got = labelled(text, record("\n\n".join([P1, P2, P3])))
    assert [got[p] for p in (P1, P2, P3)] == [BODY] * 3
    assert got["Home"] == got["Related stories"] == got["Contact us"] == FURNITURE


def test_teaser_copy_of_a_body_sentence_is_not_body() -> None:
    # the lead paragraph also appears as a teaser above the article: only the copy that
    # continues the body run is body
    text = lines("Top stories", P1, "Read more", "Menu", P1, P2, P3, "Footer")
    blocks = page_blocks(text)
    labels = label_page(blocks, record("\n\n".join([P1, P2, P3])))
    assert [c for b, c in zip(blocks, labels, strict=True) if b.text == P1] == [FURNITURE, BODY]


def test_short_subheading_between_body_blocks_is_body() -> None:
    text = lines("Budget", "Politics", P1, "Budget", P2, "Politics")
    blocks = page_blocks(text)
    labels = label_page(blocks, record(f"{P1}\n\nBudget\n\n{P2}"))
    assert labels == [FURNITURE, FURNITURE, BODY, BODY, BODY, FURNITURE]


def test_ordered_alignment_keeps_the_copy_inside_the_body_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from training import labels

    monkeypatch.setattr(labels, "GAP_ALIGN", False)  # the shingle alignment on its own
    text = lines("Top stories", P1, "Read more", "Menu", P1, P2, P3, "Footer")
    blocks = page_blocks(text)
    got = label_page(blocks, record("\n\n".join([P1, P2, P3])))
    assert got == [FURNITURE, FURNITURE, FURNITURE, FURNITURE, BODY, BODY, BODY, FURNITURE]


def test_list_with_extra_words_per_item_is_aligned_token_by_token() -> None:
    # no 4-token shingle of the list survives the words the page adds to every item
    gold = f"{P1}\n\nGoogle Gemini 9.1\nOpen Claude 8.3\nMeta Llama 7.5\n\n{P2}"
    items = [("Google Gemini", "9.1"), ("Open Claude", "8.3"), ("Meta Llama", "7.5")]
    page = [P1, "Rank"]
    for name, score in items:
        page += [name, "Compare", score, "Review"]
    labels = label_page(page_blocks(lines(*page, P2)), record(gold))
    assert labels == [BODY, FURNITURE, *[BODY, FURNITURE, BODY, FURNITURE] * 3, BODY]


def test_isolated_heading_matches_a_whole_gold_line() -> None:
    noise_a = " ".join(f"alpha{i}" for i in range(20))
    noise_b = " ".join(f"beta{i}" for i in range(20))
    text = lines("Budget 2024", P1, noise_a, "Budget 2024", noise_b, P2)
    labels = label_page(page_blocks(text), record(f"{P1}\n\nBudget 2024\n\n{P2}"))
    # the copy above the body is outside the body's span: only the one inside is body
    assert labels == [FURNITURE, BODY, FURNITURE, BODY, FURNITURE, BODY]


def test_list_items_match_numbered_gold_lines() -> None:
    # the gold numbers its list; the rendering shows the items alone, split by an ad
    gold = f"{P1}\n\n1. Match curve ends.\n2. Create solid pipes.\n\n{P2}"
    text = lines("Nav", P1, "Match curve ends.", "Advertisement", "Create solid pipes.", P2)
    got = labelled(text, record(gold))
    assert got["Match curve ends."] == got["Create solid pipes."] == BODY
    assert got["Advertisement"] == FURNITURE


def test_accents_are_folded_for_transliterating_renderers() -> None:
    gold = "Die Regierung hat über die neuen Regeln für Fahrräder in der Stadt entschieden."
    text = lines("Menü", "Die Regierung hat uber die neuen Regeln fur Fahrrader in der Stadt "
                 "entschieden.")
    assert list(labelled(text, record(gold)).values()) == [FURNITURE, BODY]


def test_title_is_its_own_class_even_inside_the_gold_body() -> None:
    title = "Council passes budget"
    text = lines("Home", f"Home > News > {title}", title, "By Jane Doe", P1, P2)
    blocks = page_blocks(text)
    labels = label_page(blocks, record(f"{title}\n\n{P1}\n\n{P2}", title=title))
    assert labels[2] == TITLE and labels.count(TITLE) == 1
    assert labels[4:] == [BODY, BODY]


def test_title_copy_nearest_the_body_wins() -> None:
    title = "Council passes budget"
    text = lines(title, "Home", "News", title, P1, P2)
    labels = label_page(page_blocks(text), record(f"{P1}\n\n{P2}", title=title))
    assert labels[:4] == [FURNITURE, FURNITURE, FURNITURE, TITLE]


def test_fuzzy_title_match_needs_a_high_overlap() -> None:
    title = "Beginner's Guide to SEO (Search Engine Optimization)"
    text = lines("Guide", "Beginner's Guide to SEO", P1)
    assert label_page(page_blocks(text), record(P1, title=title))[1] == TITLE
    text = lines("Guide", "Our guide", P1)
    assert TITLE not in label_page(page_blocks(text), record(P1, title=title))


def test_caption_and_its_credit_line() -> None:
    caption = "Protesters gather outside the town hall on Tuesday evening."
    text = lines("Nav", P1, caption, "Photo: Reuters", P2, "Photo: Archive")
    got = labelled(text, record(f"{P1}\n\n{P2}", captions=[caption]))
    assert got[caption] == got["Photo: Reuters"] == CAPTION
    assert got["Photo: Archive"] == FURNITURE  # a credit with no caption next to it
    assert got[P1] == got[P2] == BODY


def test_caption_stays_caption_when_the_gold_body_holds_it() -> None:
    caption = "Protesters gather outside the town hall on Tuesday evening."
    text = lines(P1, caption, P2)
    labels = label_page(page_blocks(text), record(f"{P1}\n\n{caption}\n\n{P2}",
                                                  captions=[caption]))
    assert labels == [BODY, CAPTION, BODY]


def test_caption_split_or_glued_differently() -> None:
    caption = "1 of 4 A shopper looks at extension cords in the hardware store"
    # html2text: image alt text glued to the caption; another renderer: "1of4A"
    text = lines(P1, "![cords](a.jpg)Extension cords1 of 4 A shopper looks at extension cords "
                 "in the hardware store", "1of4A shopper looks at extension cords in the "
                 "hardware store", P2)
    labels = label_page(page_blocks(text), record(f"{P1}\n\n{P2}", captions=[caption]))
    assert labels == [BODY, CAPTION, CAPTION, BODY]


def test_snippets_override_the_silver_body() -> None:
    comment = "Great article, thanks for sharing all of this with us today!"
    extra = "Extra paragraph the extractor missed but the annotator wants."
    text = lines("Menu", P1, extra, P2, comment, "Imprint")
    rec = record(None, **{"with": ["the annotator wants"], "without": ["thanks for sharing"]})
    got = labelled(text, rec, silver=f"{P1}\n{P2}\n{comment}")
    assert got[P1] == got[P2] == got[extra] == BODY
    assert got[comment] == FURNITURE


def test_snippet_cut_inside_words_is_found() -> None:
    text = lines("Menu", "Angaben gemäß § 5 TMG", "Impressum")
    rec = record(None, **{"with": ["ngaben gemäß § 5 TM"], "without": []})
    assert labelled(text, rec, silver="")["Angaben gemäß § 5 TMG"] == BODY


def test_empty_gold_body_gives_no_body() -> None:
    text = lines("Shop", "Filters", "Price", "Sort by")
    assert set(label_page(page_blocks(text), record(""))) == {FURNITURE}


def test_tokens_fold_case_accents_and_underscores() -> None:
    assert tokens("Über _Alien_ don’t") == ["uber", "alien", "don", "t"]


def test_silver_bodies_are_computed_and_cached(tmp_path: Path) -> None:
    from training import silver

    root = tmp_path / "articles"
    (root / "html").mkdir(parents=True)
    paragraphs = "".join(f"<p>{p} {p}</p>" for p in (P1, P2, P3))
    html = (f"<html><body><nav>Home</nav><article><h1>Budget</h1>{paragraphs}</article>"
            "</body></html>")
    with gzip.open(root / "html" / "a1.html.gz", "wb") as fh:
        fh.write(html.encode())
    (root / "gold.jsonl").write_text(json.dumps({"id": "a1"}) + "\n")
    cache = tmp_path / "cache"
    got = silver.load_silver(root, cache_dir=cache, processes=1)
    assert P2 in (got["a1"] or "")
    assert silver.cache_path(cache).exists()
    (root / "html" / "a1.html.gz").unlink()  # second call reads the cache only
    assert silver.load_silver(root, cache_dir=cache, processes=1) == got


@pytest.mark.skipif(not (DATA / "articles").is_dir() or not (DATA / "wcxb").is_dir(),
                    reason="dev data ../shared/data is absent (checked only where it exists)")
def test_oracle_on_a_few_dev_pages() -> None:
    from benchmarks.metrics import shingle_page, shingle_score, word_page
    from training.silver import extract_silver

    def body_of(text: str, rec: dict, silver: str | None = None) -> str:
        blocks = page_blocks(text)
        labels = label_page(blocks, rec, silver)
        return "\n\n".join(b.text for b, c in zip(blocks, labels, strict=True) if c == BODY)

    articles = load_records(DATA, "articles")
    texts = load_texts(DATA, "articles", "html_text")
    gold_pages = [r for r in articles if r["body"] is not None][:10]
    pages = [shingle_page(r["body"], body_of(texts[r["id"]], r)) for r in gold_pages]
    assert shingle_score(pages).f1 > 0.95

    snippet_page = next(r for r in articles if r["body"] is None)
    with gzip.open(DATA / "articles" / "html" / f"{snippet_page['id']}.html.gz", "rb") as fh:
        silver = extract_silver(fh.read())
    body = body_of(texts[snippet_page["id"]], snippet_page, silver)
    found = [w for w in snippet_page["with"] if " ".join(w.split()) in " ".join(body.split())]
    assert len(found) >= len(snippet_page["with"]) - 1

    wcxb = load_records(DATA, "wcxb")[:10]
    wtexts = load_texts(DATA, "wcxb", "html_text")
    scores = [word_page(body_of(wtexts[r["id"]], r), r["body"]).f1 for r in wcxb]
    assert sum(scores) / len(scores) > 0.9


def _title_rows(text: str, gold: str, title_p: dict[int, float], html: bool = False,
                title_line: bool = False, cut_titles: bool = False) -> dict:
    """``training.title._page_rows`` on ``text`` with made-up block probabilities: each
    block furniture, but for ``title_p`` (block index -> title probability)."""
    import numpy as np

    from training.title import _page_rows

    n = len(page_blocks(text, html=html))
    proba = np.tile(np.array([0.9, 0.1, 0.0, 0.0], dtype=np.float32), (n, 1))
    for i, p in title_p.items():
        proba[i] = (1.0 - p, 0.0, p, 0.0)
    return _page_rows((text, gold, proba, None, html, title_line, None, cut_titles))


def test_title_candidates_read_as_the_runtime_shows_them() -> None:
    """The title report compares what the runtime shows: a first line cut to its headline
    part ("Penny - Stardew Valley Wiki" -> "Penny", the part the page repeats). The labels
    stay the candidates' own texts: the headline line is the positive row."""
    text = lines("Penny - Stardew Valley Wiki", "Villagers", "Penny", P1, P2)
    rows = _title_rows(text, "Penny", {0: 0.8, 2: 0.6})
    # likeliest first: the first line, the headline line, then the other short line
    assert rows["texts"] == ["Penny", "Penny", "Villagers"]
    assert rows["y"].tolist() == [0, 1, 0]
    # a first line whose parts the page does not repeat is shown cut as a <title> is,
    # one that the page repeats whole is shown whole
    other = _title_rows(lines("Penny - Stardew Valley Wiki", "Villagers", P1, P2), "Penny",
                        {0: 0.8})
    assert other["texts"] == ["Penny", "Villagers"]
    assert other["y"].tolist() == [0, 0]
    again = _title_rows(lines("Penny - Stardew Valley Wiki", "Villagers", P1,
                              "Penny - Stardew Valley Wiki", P2), "Penny", {0: 0.8})
    assert again["texts"][0] == "Penny - Stardew Valley Wiki"
    # a title is shown without a leading decoration
    marked = _title_rows(lines("Villagers", "[> Penny", P1, P2), "Penny", {1: 0.8})
    assert marked["texts"][0] == "Penny" and marked["y"].tolist()[0] == 0


def test_an_html_title_line_is_shown_cut_at_its_first_separator() -> None:
    """An HTML rendering whose first line is the ``<title>`` element shows its first part
    (``metadata.headline_of``), whether the page repeats it or not."""
    text = lines("Business Text Messaging | Twilio", "Products", P1, P2)
    cut = _title_rows(text, "Business Text Messaging", {0: 0.8}, html=True, title_line=True)
    assert cut["texts"][0] == "Business Text Messaging"
    # repeated whole by the page: a <title> line is still cut, any other first line not
    again = lines("Business Text Messaging | Twilio", "Products", P1,
                  "Business Text Messaging | Twilio", P2)
    assert _title_rows(again, "Business Text Messaging", {0: 0.8}, html=True,
                       title_line=True)["texts"][0] == "Business Text Messaging"
    whole = _title_rows(again, "Business Text Messaging", {0: 0.8}, html=True)
    assert whole["texts"][0] == "Business Text Messaging | Twilio"
    assert cut["y"][0] == whole["y"][0] == 0
    # training.title --cut-titles: the line is a positive row when the part it shows is the
    # gold title
    assert _title_rows(text, "Business Text Messaging", {0: 0.8}, html=True, title_line=True,
                       cut_titles=True)["y"][0] == 1
    penny = lines("Penny - Stardew Valley Wiki", "Villagers", "Penny", P1, P2)
    rows = _title_rows(penny, "Penny", {0: 0.8, 2: 0.6}, cut_titles=True)
    assert rows["texts"][0] == "Penny" and rows["y"].tolist() == [1, 1, 0]
