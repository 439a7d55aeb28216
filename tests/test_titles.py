"""The title: candidates from the block model, ranked by the title model."""

from __future__ import annotations

import numpy as np
import pytest

import cleaner
from cleaner.classify import TITLE_CANDIDATES, caption_reads, pick_title, title_candidates
from cleaner.config import Config
from cleaner.features import TITLE_CANDIDATE_FEATURE_NAMES, title_candidate_features
from cleaner.lexicon import is_caption_marker, match_furniture
from cleaner.normalize import normalize_blocks
from cleaner.segment import segment_text
from cleaner.trees import TreeEnsemble

PAGE = """Why the river towns flooded again | The Daily Ledger
Home
Why the river towns flooded again
The river rose four metres overnight and broke through the old levee near the mill.
Residents said the warning came too late for most of them to move their cars.
The levee in numbers
"""
_COLUMN = {name: i for i, name in enumerate(TITLE_CANDIDATE_FEATURE_NAMES)}


def _page(text: str = PAGE):
    blocks = normalize_blocks(segment_text(text), Config())
    texts = [b.text for b in blocks]
    furniture = [match_furniture(t) for t in texts]
    caption_led, credits = caption_reads(texts, [is_caption_marker(t) for t in texts])
    # The block model's view, made up: the <title> line is the likeliest title.
    proba = np.array([[0.5, 0.0, 0.5, 0.0], [0.9, 0.1, 0.0, 0.0], [0.6, 0.1, 0.3, 0.0],
                      [0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.9, 0.0, 0.1, 0.0]])
    return blocks, proba, furniture, caption_led, credits


def test_candidates_read_like_headlines_likeliest_first() -> None:
    blocks, proba, furniture, caption_led, credits = _page()
    # "Home" is navigation (lexicon); the sentences end with a stop.
    assert title_candidates(blocks, proba, furniture, caption_led, credits) == [0, 2, 5]
    many = normalize_blocks(segment_text("\n".join(f"Heading number {i}" for i in range(20))),
                            Config())
    proba = np.tile([0.0, 0.0, 1.0, 0.0], (20, 1))
    # equally likely titles: the first ones of the page
    assert title_candidates(many, proba, [None] * 20, [False] * 20,
                            [("", None)] * 20) == list(range(TITLE_CANDIDATES))


def test_candidate_features_relate_the_candidates() -> None:
    blocks, proba, *_ = _page()
    rows = title_candidate_features(blocks, proba, proba[:, 1], [0, 2, 5], 0.5)
    assert rows.shape == (3, len(TITLE_CANDIDATE_FEATURE_NAMES))
    first, headline, popular = rows

    def col(row: np.ndarray, name: str) -> float:
        return float(row[_COLUMN[name]])

    assert col(first, "is_first_line") == 1 and col(headline, "is_first_line") == 0
    # "Headline | Site" holds the headline; the headline is in the first line and held by it.
    assert col(first, "holds_candidate") == 1 and col(first, "has_separator") == 1
    assert col(headline, "held_by_candidate") == 1 and col(headline, "in_first_line") == 1
    assert col(headline, "first_line_word_share") == 1
    assert col(popular, "held_by_candidate") == 0 and col(popular, "in_first_line") == 0
    assert [col(r, "rank") for r in rows] == [0, 1, 2]
    assert col(first, "title_p_margin") == np.float32(0.5 - 0.3)
    assert col(headline, "to_first_body") == np.float32((3 - 2) / 6)
    assert col(headline, "next_body_p") == 1


def test_candidate_features_read_the_headline_s_neighbours() -> None:
    text = ("Ledger.com\nOpinion\nWhy the river towns flooded again\n"
            "By Jane Doe | March 3, 2024\n"
            "The river rose four metres overnight and broke the old levee near the towns.\n"
            "Residents said the warning came too late for most of them to move their cars.\n"
            "3. Why the river towns flooded again")
    blocks = normalize_blocks(segment_text(text), Config())
    assert len(blocks) == 7
    proba = np.array([[0.6, 0.0, 0.4, 0.0], [0.7, 0.0, 0.3, 0.0], [0.5, 0.0, 0.5, 0.0],
                      [1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0],
                      [0.9, 0.0, 0.1, 0.0]])
    headline, site, section = (dict(zip(TITLE_CANDIDATE_FEATURE_NAMES, r.tolist(), strict=True))
                               for r in title_candidate_features(blocks, proba, proba[:, 1],
                                                                 [2, 0, 1], 0.5))
    assert site["domain_like"] == 1 and headline["domain_like"] == 0
    # the byline and date line right under the headline, none within reach above it
    assert headline["metadata_below"] == 1 and headline["metadata_above"] == 0
    assert site["metadata_below"] == 3 and section["metadata_below"] == 2
    # a section name over the headline: the next block is a candidate too
    assert section["next_is_candidate"] == 1 and headline["previous_is_candidate"] == 1
    assert site["previous_is_candidate"] == 0
    assert headline["words_of_longest"] == 1 and section["words_of_longest"] == pytest.approx(1 / 6)
    assert section["longer_candidates"] == 1 and headline["longer_candidates"] == 0
    # "river" and "towns" recur in the lead, "flooded" and "again" do not
    assert headline["lead_word_share"] == pytest.approx(2 / 4)
    assert headline["capitalised_share"] == pytest.approx(1 / 6)
    assert [site["from_top"], section["from_top"], headline["from_top"]] == [-2, -1, 0]
    # the numbered teaser below holds the headline
    assert headline["inside_others"] == 1 and section["inside_others"] == 0
    assert headline["has_date"] == 0 and headline["ends_colon"] == 0


def test_an_address_that_spells_the_headline_out() -> None:
    from cleaner.features import TITLE_URL_FEATURE_NAMES, title_url_features, url_slug_words

    assert url_slug_words("https://www.example.com/2019/11/19/river-towns-flooded.html") == {
        "river", "towns", "flooded"}
    # percent-encoded and accented words as an address spells them
    assert url_slug_words("https://example.de/m%C3%BCnchen-gr%C3%BCne-stadt/") == {
        "munchen", "grune", "stadt"}
    # no path words to speak of: no address words at all
    for url in (None, "", "https://example.com/", "https://example.com/node/12345",
                "https://example.com/index.php?id=7", "http://[::1"):
        assert url_slug_words(url) == frozenset()

    blocks, proba, *_ = _page()
    slug = url_slug_words("https://ledger.example/news/2024/why-river-towns-flooded-again")
    rows = title_url_features(blocks, [0, 2, 5], slug)
    assert rows.shape == (3, len(TITLE_URL_FEATURE_NAMES) - len(TITLE_CANDIDATE_FEATURE_NAMES))
    first, headline, popular = (dict(zip(TITLE_URL_FEATURE_NAMES[-3:], r.tolist(),
                                         strict=True)) for r in rows)
    # five of the headline's six words are in the path, and five of the path's six words
    # ("news" is not) in the headline
    assert headline["url_word_share"] == pytest.approx(5 / 6)
    assert headline["url_slug_share"] == pytest.approx(5 / 6)
    assert headline["url_below_best"] == 0
    # the <title> line has the site's words too; the subheading none of the path's words
    assert first["url_word_share"] == pytest.approx(5 / 9)
    assert first["url_slug_share"] == pytest.approx(5 / 6)
    assert first["url_below_best"] == pytest.approx(25 / 36 - 25 / 54)
    assert popular["url_word_share"] == popular["url_slug_share"] == 0


def test_german_letters_match_an_address_that_spells_them_out() -> None:
    from cleaner.features import url_shares, url_slug_words

    slug = url_slug_words("https://example.de/2024/gruene-muenchen-strasse")
    assert url_shares("Grüne München Straße", slug) == (1.0, 1.0)


def test_the_address_brings_in_a_headline_the_block_model_did_not_rank() -> None:
    from cleaner.classify import address_candidates
    from cleaner.features import url_slug_words

    blocks, proba, furniture, caption_led, credits = _page()

    def extended(url: str, candidates: list[int]) -> list[int]:
        return address_candidates(blocks, candidates, url_slug_words(url), furniture,
                                  caption_led, credits)

    assert extended("https://ledger.example/the-levee-in-numbers", [0, 2]) == [0, 2, 5]
    # already a candidate; a sentence (not headline-like); too few of its words in the path
    assert extended("https://ledger.example/the-levee-in-numbers", [0, 5]) == [0, 5]
    assert extended("https://ledger.example/residents-said-the-warning-came-too-late-for-"
                    "most-of-them-to-move-their-cars", [0, 2]) == [0, 2]
    assert extended("https://ledger.example/levee-repairs", [0, 2]) == [0, 2]


def _stump(feature: str, low: float, high: float,
           names: tuple[str, ...] = TITLE_CANDIDATE_FEATURE_NAMES) -> TreeEnsemble:
    """A one-split title model: score ``low`` when ``feature`` <= 0.5, else ``high``."""
    return TreeEnsemble(
        feature_names=names, class_names=("title",),
        feature=np.array([names.index(feature), 0, 0], dtype=np.int32),
        threshold=np.array([0.5, np.inf, np.inf], dtype=np.float32),
        left=np.array([1, 1, 2], dtype=np.int32), value=np.array([0.0, low, high]),
        roots=np.array([0], dtype=np.int32), tree_class=np.array([0], dtype=np.int32),
        max_depth=1)


def test_the_title_model_picks_among_the_candidates(tmp_path) -> None:
    blocks, proba, furniture, caption_led, credits = _page()
    for feature, expected in (("held_by_candidate", 2), ("is_first_line", 0)):
        path = tmp_path / f"{feature}.npz"
        _stump(feature, -2.0, 2.0).save(path)
        config = Config(title_model_path=str(path))
        assert pick_title(blocks, proba, furniture, proba[:, 1], config, caption_led,
                          credits) == (expected, "model:title")

    # A page with an address that has path words goes to the title model beside it, which
    # reads the address: here it takes the subheading the path spells out.
    from cleaner.classify import title_url_path
    from cleaner.features import TITLE_URL_FEATURE_NAMES

    path = tmp_path / "title.npz"
    _stump("is_first_line", -2.0, 2.0).save(path)
    _stump("url_word_share", -2.0, 2.0, TITLE_URL_FEATURE_NAMES).save(title_url_path(path))
    config = Config(title_model_path=str(path))
    for url, expected in (("https://ledger.example/the-levee-in-numbers", 5),
                          ("https://ledger.example/12345", 0), (None, 0)):
        assert pick_title(blocks, proba, furniture, proba[:, 1], config, caption_led,
                          credits, url) == (expected, "model:title")


def test_a_block_model_sure_of_its_title_needs_no_title_model(tmp_path) -> None:
    blocks, proba, furniture, caption_led, credits = _page()
    path = tmp_path / "title.npz"
    _stump("is_first_line", -2.0, 2.0).save(path)  # this title model takes the first line
    config = Config(title_model_path=str(path))
    proba[2] = [0.02, 0.0, 0.98, 0.0]  # the headline: sure, well ahead of the <title> line
    assert pick_title(blocks, proba, furniture, proba[:, 1], config, caption_led,
                      credits) == (2, "model:title")
    proba[0, 2] = 0.8  # the <title> line close behind: the title model decides
    assert pick_title(blocks, proba, furniture, proba[:, 1], config, caption_led,
                      credits) == (0, "model:title")


def test_no_likely_title_falls_back_to_markup_then_the_first_line() -> None:
    blocks, proba, furniture, caption_led, credits = _page()
    proba[:, 2] = 0.0  # no block is a likely title
    assert pick_title(blocks, proba, furniture, proba[:, 1], Config(), caption_led,
                      credits) == (0, "first-line")
    marked = normalize_blocks(segment_text("Menu line\n# The headline\n" + PAGE), Config())
    zeros = np.zeros((len(marked), 4))
    zeros[:, 0] = 1.0
    texts = [b.text for b in marked]
    led, credit = caption_reads(texts, [is_caption_marker(t) for t in texts])
    assert pick_title(marked, zeros, [match_furniture(t) for t in texts], zeros[:, 1],
                      Config(), led, credit) == (1, "markup:title")


def test_the_shipped_model_takes_the_headline_over_the_title_line() -> None:
    doc = cleaner.clean(PAGE)
    assert doc.title == "Why the river towns flooded again"
    assert doc.blocks[0].label is not cleaner.Label.TITLE


def test_a_title_line_loses_the_site_name_after_its_headline() -> None:
    from cleaner.metadata import headline_of

    assert headline_of("Business Text Messaging | Twilio") == "Business Text Messaging"
    assert headline_of("Why is my build slow? - Help - Example Forum") == "Why is my build slow?"
    assert headline_of("Quickstart \u2014 Flask Documentation (3.1.x)") == "Quickstart"
    # the site's own name first, as the URL's host says: the rest is the headline
    assert headline_of("Render | The cloud for builders",
                       "https://www.render.com/") == "The cloud for builders"
    assert headline_of("Render | The cloud for builders", "https://example.org/") == "Render"
    # a headline that holds a separator, as the page's own headline line shows it
    title = "Hund vertreibt Einbrecher \u2013 Zeugenaufruf | Polizei Musterstadt"
    assert headline_of(title) == "Hund vertreibt Einbrecher"
    assert headline_of(title, lines=["Hund vertreibt Einbrecher \u2013 Zeugenaufruf",
                                     "Ein Hund hat ..."]) == (
        "Hund vertreibt Einbrecher \u2013 Zeugenaufruf")
    # a line that repeats the first part only leaves the first part
    assert headline_of(title, lines=["Hund vertreibt Einbrecher"]) == "Hund vertreibt Einbrecher"
    # no separator between spaces: the title is whole
    for title in ("Freshdesk: AI-powered platform for modern customer service",
                  "Birdbuddy : Shop", "A well-known e-mail client", "| Site"):
        assert headline_of(title) == title


def test_only_a_title_from_the_title_element_is_cut_and_its_block_keeps_the_line() -> None:
    from cleaner.document import Label
    from cleaner.pipeline import assemble_document

    text = ("Flood warnings - Local News | Example Times\n\n"
            "The river rose four metres overnight and broke the old levee near the mill.\n\n"
            "Flood warnings - what we know")
    blocks = normalize_blocks(segment_text(text), Config())

    def labelled(*labels: Label) -> list:
        return [b.relabel(lab, "test") for b, lab in zip(blocks, labels, strict=True)]

    doc = assemble_document(text, labelled(Label.TITLE, Label.BODY, Label.BODY), "en",
                            title_line=True)
    assert doc.title == "Flood warnings"
    assert doc.blocks[0].text == "Flood warnings - Local News | Example Times"
    # a headline further down is the page's own: kept whole
    doc = assemble_document(text, labelled(Label.FURNITURE, Label.BODY, Label.TITLE), "en",
                            title_line=True)
    assert doc.title == "Flood warnings - what we know"
    # a text dump's first line may be the <title> line or a headline: cut as a <title>
    # when no part of it recurs as a line of the page, kept whole when the page repeats it
    doc = assemble_document(text, labelled(Label.TITLE, Label.BODY, Label.BODY), "en")
    assert doc.title == "Flood warnings"
    assert doc.blocks[0].text == "Flood warnings - Local News | Example Times"
    again = text + "\n\nFlood warnings - Local News | Example Times"
    blocks = normalize_blocks(segment_text(again), Config())
    doc = assemble_document(again, labelled(Label.TITLE, Label.BODY, Label.BODY,
                                            Label.FURNITURE), "en")
    assert doc.title == "Flood warnings - Local News | Example Times"


def test_a_rendering_knows_whether_it_opens_with_the_title_element() -> None:
    from cleaner.html import render_html

    body = "<body><h1>Flood warnings</h1><p>The river rose four metres overnight.</p></body>"
    assert render_html(f"<html><head><title>Flood | Times</title></head>{body}</html>"
                       ).opens_with_title
    assert not render_html(f"<html>{body}</html>").opens_with_title


def test_a_text_dump_s_first_line_is_cut_to_the_headline_the_page_repeats() -> None:
    from cleaner.metadata import headline_on_page

    lines = ["Home", "Flood warnings: what we know", "The river rose four metres."]
    assert headline_on_page("Flood warnings: what we know | Example Times",
                            lines) == "Flood warnings: what we know"
    assert headline_on_page("Example Times - Flood warnings: what we know",
                            lines) == "Flood warnings: what we know"
    # a leading part before a trailing one: the site's name is often a line too (its logo)
    assert headline_on_page("Pods | Kubernetes", ["Kubernetes", "Docs", "Pods",
                                                  "Pods are the smallest units."]) == "Pods"
    # the page repeats it whole: the first line is the headline itself
    assert headline_on_page("Zero Waste - A Beginner's Guide",
                            [*lines, "Zero Waste - A Beginner's Guide"]) == (
        "Zero Waste - A Beginner's Guide")
    # no part of it recurs: its headline part, as of an HTML page's <title>
    assert headline_on_page("Online Tuition and Financing | Liberty University",
                            lines) == "Online Tuition and Financing"
    assert headline_on_page("Render | The cloud for builders", lines,
                            "https://render.com/") == "The cloud for builders"
    assert headline_on_page("Flood warnings", lines) == "Flood warnings"


def test_the_address_reaches_the_title_of_a_text_page_not_of_an_html_page(monkeypatch) -> None:
    import cleaner.classify as classify

    seen: list[str | None] = []
    pick = classify.pick_title

    def spy(*args, **kwargs):
        seen.append(args[7] if len(args) > 7 else kwargs.get("url"))
        return pick(*args, **kwargs)

    monkeypatch.setattr(classify, "pick_title", spy)
    url = "https://ledger.example/news/why-river-towns-flooded-again"
    cleaner.clean(PAGE, url=url)
    assert seen and seen[0] == url
    assert all(u is None for u in seen[1:])  # a second look at the body reads no address
    seen.clear()
    html = ("<html><head><title>Why the river towns flooded again | Ledger</title></head>"
            "<body><h1>Why the river towns flooded again</h1><p>The river rose four metres "
            "overnight and broke through the old levee near the mill.</p></body></html>")
    doc = cleaner.clean(html, url=url)
    assert doc.metadata["input_format"] == "html" and seen and seen[0] is None


def test_a_title_loses_a_leading_decoration_but_not_an_opening_quote() -> None:
    from cleaner.metadata import undecorated

    assert undecorated("[> Jens Weber") == "Jens Weber"
    assert undecorated("...: Tach auch!") == "Tach auch!"
    assert undecorated("\u2014 JSON encoder and decoder") == "JSON encoder and decoder"
    assert undecorated("\u00bb Jens Weber") == "Jens Weber"
    # what the mark opens is closed later: a quote, a bracket
    assert undecorated("\u00ab Les privatisations \u00bb") == "\u00ab Les privatisations \u00bb"
    assert undecorated("( 16 Videos )") == "( 16 Videos )"
    # no space after the mark, a digit in it, nothing after it: no decoration
    for title in ("\u00bbfrag.jetzt\u00ab", "[Vocabulary]", "#1 Rated", "- - -",
                  "\u201eZentrum am Berg\u201c offiziell er\u00f6ffnet"):
        assert undecorated(title) == title


def test_the_document_title_is_shown_without_its_decoration() -> None:
    from cleaner.document import Label
    from cleaner.pipeline import assemble_document

    text = ("Projekte\n\n[> Jens Weber\n\n"
            "Jens Weber, geboren 1977 in Erfurt, arbeitet als Webentwickler in Weimar.")
    blocks = normalize_blocks(segment_text(text), Config())
    labels = (Label.FURNITURE, Label.TITLE, Label.BODY)
    doc = assemble_document(text, [b.relabel(lab, "test") for b, lab in
                                   zip(blocks, labels, strict=True)], "de")
    assert doc.title == "Jens Weber"
    assert doc.blocks[1].text == "[> Jens Weber"  # the block keeps the line


SERVICE = """Data Analytics Services and Solutions | Acxiom
Home
Data analytics solutions
We turn raw customer data into decisions that marketing teams can act on every week.
Our analysts build the models and dashboards with your own team, not for it.
Talk to an expert
"""


def _typed(name: str) -> np.ndarray:
    from cleaner.page_type import PAGE_TYPES

    return np.array([1.0 if t == name else 0.0 for t in PAGE_TYPES])


def test_a_service_page_is_named_by_its_title_line() -> None:
    from cleaner.classify import named_by_title_line

    blocks, proba, furniture, caption_led, credits = _page(SERVICE)
    body_p = proba[:, 1]
    h1 = (2, "model:title")  # the title model's pick: the <h1>

    def named(page_type: str, pick=h1, page=blocks, **kw) -> tuple[int, str] | None:
        return named_by_title_line(page, pick, body_p, Config(), _typed(page_type), **kw)

    assert named("article") == h1
    assert named("service") == (0, "page-type:title")
    assert named("service", pick=None) == (0, "page-type:title")
    # an HTML page only where its first line is the <title> element
    assert named("service", html=True) == h1
    assert named("service", html=True, title_line=True) == (0, "page-type:title")
    # the pick already shows the <title>'s headline: it stays
    same = _page(SERVICE.replace("Data analytics solutions",
                                 "Data Analytics Services and Solutions"))[0]
    assert named("service", page=same) == h1
    # a first line without a separator is no <title> line
    assert named("service", page=_page(SERVICE.replace(" | Acxiom", ""))[0]) == h1
    # a first line the block model keeps as body is no <title> line either
    body_p = np.array([0.9, *proba[1:, 1]])
    assert named("service") == h1


def test_a_service_page_s_document_shows_its_title_line_s_headline() -> None:
    from cleaner.classify import decide_labels

    blocks, proba, furniture, caption_led, credits = _page(SERVICE)
    proba[0] = [0.8, 0.0, 0.2, 0.0]
    proba[2] = [0.1, 0.0, 0.9, 0.0]  # the block model is sure of the <h1>
    labelled = decide_labels(blocks, proba, Config(), page_types=_typed("service"))
    assert labelled[0].label is cleaner.Label.TITLE
    assert labelled[0].reason == "page-type:title"
    assert labelled[2].label is not cleaner.Label.TITLE
    labelled = decide_labels(blocks, proba, Config(), page_types=_typed("article"))
    assert labelled[2].label is cleaner.Label.TITLE
