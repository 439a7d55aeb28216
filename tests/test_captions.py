"""Grouping labelled caption and credit blocks into ``Caption`` records."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.captions import collect_captions
from cleaner.document import Block, Caption, Kind, Label

C, R, B = Label.CAPTION, Label.CREDIT, Label.BODY


def _blocks(*pairs: tuple[Label, str]) -> list[Block]:
    return [Block(text, 0, len(text), label) for label, text in pairs]


@pytest.mark.parametrize(("pairs", "expected"), [
    pytest.param([(C, "A harbour at dawn"), (R, "Photo: AFP")],
                 [Caption("A harbour at dawn", "AFP")], id="credit-after-caption"),
    pytest.param([(R, "Image copyright Reuters"), (C, "Image caption Crowds gathered")],
                 [Caption("Crowds gathered", "Reuters")], id="credit-before-caption"),
    pytest.param([(C, "Photo credit: Jane Roe")], [Caption("", "Jane Roe")],
                 id="caption-that-is-a-credit"),
    pytest.param([(B, "Body text."), (R, "Photo: AFP"), (B, "More body text.")], [],
                 id="a-lone-credit-line-is-no-caption"),
])
def test_captions_of_runs(pairs: list[tuple[Label, str]], expected: list[Caption]) -> None:
    captions, lone = collect_captions(_blocks(*pairs))
    assert captions == expected
    assert lone == ([1] if pairs[0][0] is B else [])


A = Label.CAPTION  # an alt text is a caption block with reason "alt-text"


def _alt(text: str) -> Block:
    return Block(text, 0, len(text), A, reason="alt-text")


@pytest.mark.parametrize(("blocks", "expected", "lone"), [
    pytest.param(_blocks((R, "Image copyright AFP"), (R, "Image copyright Reuters"),
                         (R, "Image copyright Getty Images")), [], [0, 1, 2],
                 id="credits-alone"),
    pytest.param(_blocks((R, "Image copyright AFP"), (R, "Image copyright Reuters"),
                         (C, "Image caption Protesters marched")),
                 [Caption("Protesters marched", "Reuters")], [0],
                 id="two-credits-then-a-caption"),
    pytest.param(_blocks((C, "Image caption Protesters marched"), (R, "Image copyright AFP"),
                         (R, "Image copyright Reuters")),
                 [Caption("Protesters marched", "AFP")], [2],
                 id="a-caption-then-two-credits"),
    pytest.param([_alt("A crowd in the square"), _alt("A harbour at dawn")],
                 [Caption("A crowd in the square"), Caption("A harbour at dawn")], [],
                 id="two-alt-texts"),
    pytest.param(_blocks((C, "Photo credit: Jane Roe"), (C, "A harbour at dawn"),
                         (R, "Photo: AFP")),
                 [Caption("", "Jane Roe"), Caption("A harbour at dawn", "AFP")], [],
                 id="a-caption-of-a-credit-alone-keeps-it"),
    pytest.param(_blocks((C, "Image caption")), [], [0], id="a-bare-marker"),
    pytest.param(_blocks((C, "Image caption"), (C, "Image caption Crowds gathered")),
                 [Caption("Crowds gathered")], [], id="a-bare-marker-then-its-caption"),
    pytest.param(_blocks((C, "Image copyright"), (R, "Getty Images"), (C, "Image caption"),
                         (C, "Crowds gathered"), (C, "Image copyright"), (R, "Reuters"),
                         (C, "Image caption"), (C, "Police at the gate")),
                 [Caption("Crowds gathered", "Getty Images"),
                  Caption("Police at the gate", "Reuters")], [],
                 id="figures-whose-labels-are-lines-of-their-own"),
    pytest.param([Block("Image copyright Getty Images", 0, 28, C, reason="dom:figure-credit"),
                  Block("Image caption Crowds gathered", 0, 29, C, reason="caption-marker"),
                  Block("Photo credit: Jane Roe", 0, 22, C, reason="dom:figure-credit"),
                  Block("A harbour at dawn", 0, 17, C, reason="model:caption")],
                 [Caption("Crowds gathered", "Getty Images"), Caption("", "Jane Roe"),
                  Caption("A harbour at dawn")], [],
                 id="a-figure-credit-then-a-labelled-caption-is-its-credit"),
    pytest.param(_blocks((C, "A harbour at dawn"), (C, "Image copyright"), (R, "AFP")),
                 [Caption("A harbour at dawn", "AFP")], [],
                 id="a-caption-then-its-credit-under-a-bare-label"),
])
def test_no_caption_or_credit_line_is_dropped(
        blocks: list[Block], expected: list[Caption], lone: list[int]) -> None:
    """Each credit a caption does not hold is named (the Document lists it as furniture of
    kind attribution), and an alt text is never overwritten by the next one: before, all
    of these lost lines from every output but the block list."""
    assert collect_captions(blocks) == (expected, lone)


def test_a_lone_credit_is_listed_as_attribution_furniture() -> None:
    prose = ("The minister said on Monday that the government would raise taxes next year, "
             "according to officials who spoke to reporters.")
    doc = cleaner.clean(f"Why taxes rise\n{prose}\nImage copyright AFP\n"
                        f"Image copyright Reuters\nImage caption Protesters marched\n{prose}")
    assert doc.captions == (Caption("Protesters marched", "Reuters"),)
    (afp,) = [b for b in doc.furniture if "AFP" in b.text]
    assert afp.kind is Kind.ATTRIBUTION
    assert {"text": "Image copyright AFP", "kind": "attribution",
            "reason": afp.reason} in doc.to_dict(blocks=False)["furniture"]


def test_a_caption_label_on_a_line_of_its_own_labels_the_next_line() -> None:
    """A renderer that puts each inline element on a line of its own (bs4's text of a BBC
    page) leaves a figure as four lines: the caption came out as a caption without its
    credit, or stayed in the body as a heading, and the credit as a caption of its own."""
    prose = ("The minister said on Monday that the government would raise taxes next year, "
             "according to officials who spoke to reporters.")
    doc = cleaner.clean(f"Why taxes rise\n{prose}\nImage copyright\nGetty Images\n"
                        f"Image caption\nProtesters marched through the capital\n{prose}")
    assert doc.captions == (Caption("Protesters marched through the capital", "Getty Images"),)
    assert "Protesters" not in doc.body and "Image" not in doc.body


_FIGURE_PAGE = """<!doctype html><html><head><title>A walk by the harbour</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>A walk by the harbour</h1>
<p>The harbour wakes up slowly in winter, and the first boats leave long before the cafes
open their shutters for the people who work along the water.</p>
<figure><img src="a.jpg" alt=""><figcaption>Photo credit: Jane Roe</figcaption></figure>
<p>By noon the fish market is quiet again, and the gulls have the quay to themselves until
the evening ferry brings the commuters back from the city across the bay.</p>
<p>Photo: Agency</p>
</article><footer>© 2024 Harbour News. All rights reserved.</footer></body></html>"""


def test_a_credit_in_a_figure_is_its_caption() -> None:
    doc = cleaner.clean(_FIGURE_PAGE)
    assert Caption("", "Jane Roe") in doc.captions
    figure = next(b for b in doc.blocks if "Jane Roe" in b.text)
    assert (figure.label, figure.reason) == (Label.CAPTION, "dom:figure-credit")
    loose = next(b for b in doc.blocks if b.text == "Photo: Agency")
    # outside any figure, and no caption by it: a credit line listed as furniture
    assert (loose.label, loose.kind) == (Label.FURNITURE, Kind.ATTRIBUTION)
    assert "Jane Roe" not in doc.body and "Agency" not in doc.body


#: A paragraph of article prose for the lines under test to follow.
_PROSE = "The river rose four metres overnight and broke the old levee."


def _decide(*lines: str) -> list[Block]:
    """``decide_labels`` of text lines that the block model (made up here) reads as body."""
    import numpy as np

    from cleaner.classify import decide_labels
    from cleaner.config import Config
    from cleaner.normalize import normalize_blocks
    from cleaner.segment import segment_text

    blocks = normalize_blocks(segment_text("\n".join(lines)), Config())
    proba = np.tile([0.1, 0.9, 0.0, 0.0], (len(blocks), 1))
    return decide_labels(blocks, proba, Config())


@pytest.mark.parametrize("line", [
    "Residents wade through the flooded street on Tuesday. (Photo: AFP)",
    "Praca w magazynie, zdjęcie ilustracyjne / Źródło: Pixabay",
    "China has warned it will take control (Image: GETTY )",
])
def test_a_body_line_that_ends_in_a_short_credit_is_a_caption(line: str) -> None:
    labelled = _decide(_PROSE, line)
    assert [(b.label, b.reason) for b in labelled][1] == (C, "credit-suffix")
    (caption,), _ = collect_captions(labelled)
    assert caption.credit and caption.text and caption.credit not in caption.text


@pytest.mark.parametrize(("line", "caption"), [
    ("Image caption Troops in Kabul", True),
    ("Media captionDrone footage shows mass burials", True),  # the label glued to a capital
    ("Photo captions should say who is in the picture and where.", False),  # a word
    ("Image captioned by the author", False),
])
def test_a_caption_label_starts_a_caption_where_it_ends_as_a_word(line: str,
                                                                   caption: bool) -> None:
    assert (_decide(_PROSE, line)[1].label is C) is caption


@pytest.mark.parametrize("line", [
    # The credit is long: a source line of a chart or a citation, not a photo credit.
    "Poor mental health days in the past month. Source: Centers for Disease Control and "
    "Prevention surveillance system",
    # Too few words of its own to be a caption.
    "Copyright (Photo: AFP)",
])
def test_other_body_lines_with_credit_words_stay_body(line: str) -> None:
    labelled = _decide(_PROSE, line)
    assert labelled[1].label in (B, Label.HEADING)


@pytest.mark.parametrize("line", [
    "Read more: Alibaba poised to launch record-breaking listing",
    "[ Read more: A Guide to Small Business Accounting ]",
    "Czytaj też: Czy grozi nam wojna atomowa?",
])
def test_a_labelled_link_to_another_article_is_related_furniture(line: str) -> None:
    labelled = _decide(_PROSE, line)
    assert (labelled[1].label, labelled[1].kind) == (Label.FURNITURE, cleaner.Kind.RELATED)
    assert labelled[1].reason == "lexicon:related"


def _decide_with(lines: list[tuple[str, float]], close_comments: bool = False,
                 item_page: bool = False, item_bodies: bool = True) -> list[Block]:
    """``decide_labels`` of text lines with the body probability given for each
    (``close_comments``: the page is an article, whose reader comments are furniture;
    ``item_page``: a listing or collection)."""
    import numpy as np

    from cleaner.classify import decide_labels
    from cleaner.config import Config
    from cleaner.normalize import normalize_blocks
    from cleaner.segment import segment_text

    blocks = normalize_blocks(segment_text("\n".join(text for text, _ in lines)), Config())
    proba = np.array([[1 - p, p, 0.0, 0.0] for _, p in lines])
    return decide_labels(blocks, proba, Config(item_bodies=item_bodies),
                         close_comments=close_comments, item_page=item_page)


def _decide_read(lines: list[tuple[str, float, float]]) -> list[Block]:
    """``decide_labels`` of text lines with the body and caption probabilities given."""
    import numpy as np

    from cleaner.classify import decide_labels
    from cleaner.config import Config
    from cleaner.normalize import normalize_blocks
    from cleaner.segment import segment_text

    blocks = normalize_blocks(segment_text("\n".join(text for text, _, _ in lines)), Config())
    proba = np.array([[1 - p - c, p, 0.0, c] for _, p, c in lines])
    return decide_labels(blocks, proba, Config())


_ABOVE = "And during the 1980s, the two countries co-operated closely in the Afghan war."


@pytest.mark.parametrize(("lines", "label", "reason"), [
    # BBC order: the credit, then the labelled caption; the paragraph above is body
    pytest.param([(_PROSE, 0.9, 0.0), (_ABOVE, 0.71, 0.23), ("Image copyright AFP", 0.0, 0.0),
                  ("Image caption The border remains a hotbed", 0.1, 0.5)],
                 B, "model:body", id="above-a-credit-and-its-labelled-caption"),
    pytest.param([(_PROSE, 0.9, 0.0), (_ABOVE, 0.71, 0.23), ("Image copyright", 0.0, 0.0),
                  ("AFP", 0.0, 0.0), ("Image caption", 0.0, 0.0),
                  ("The border remains a hotbed", 0.1, 0.5)],
                 B, "model:body", id="the-same-with-labels-on-lines-of-their-own"),
    # the model does not find it likely body: a caption as before
    pytest.param([(_PROSE, 0.9, 0.0), (_ABOVE, 0.3, 0.6), ("Image copyright AFP", 0.0, 0.0),
                  ("Image caption The border remains a hotbed", 0.1, 0.5)],
                 C, "model:caption", id="unlikely-body"),
    # a caption, then its credit, and no labelled caption after it: the caption's own
    pytest.param([(_PROSE, 0.9, 0.0), (_ABOVE, 0.71, 0.23), ("Photo: AFP", 0.0, 0.0),
                  (_PROSE, 0.9, 0.0)],
                 C, "model:caption", id="caption-then-credit"),
])
def test_the_line_above_a_bbc_style_figure_is_not_its_caption(
        lines: list[tuple[str, float, float]], label: Label, reason: str) -> None:
    labelled = _decide_read(lines)
    assert (labelled[1].label, labelled[1].reason) == (label, reason)


_ARTICLE = [(f"Paragraph {n} of the story, which the model reads as body without doubt.", 0.95)
            for n in range(8)]
#: Prose the model is fairly but not fully sure of (below MAX_TEASER_BODY_PROBABILITY).
_UNSURE = [("The fleet then sails on to the Indian Ocean, where the exercises begin.", 0.8),
           ("Analysts expect the tour to cost far more than the navy has admitted.", 0.8)]


def test_a_related_header_after_the_article_closes_it() -> None:
    labelled = _decide_with([*_ARTICLE, ("Related stories", 0.1), *_UNSURE])
    assert [b.reason for b in labelled[-2:]] == ["section:related"] * 2


def test_a_comments_header_after_an_article_closes_it() -> None:
    """Under an article, reader comments are furniture of kind comments, however much they
    read like prose; on a forum (no ``close_comments``) the replies stay the content."""
    page = [*_ARTICLE, ("Leave a comment", 0.1), *_UNSURE]
    labelled = _decide_with(page, close_comments=True)
    assert [(b.label, b.kind, b.reason) for b in labelled[-2:]] == [
        (Label.FURNITURE, cleaner.Kind.COMMENTS, "section:comments")] * 2
    assert all(b.label is B for b in labelled[:len(_ARTICLE)])
    assert [b.label for b in _decide_with(page)[-2:]] == [B, B]
    # a comment count above most of the article ("12 comments" by the byline) closes nothing
    top = _decide_with([*_ARTICLE[:2], ("12 comments", 0.1), *_ARTICLE[2:], *_UNSURE],
                       close_comments=True)
    assert all(b.label is B for i, b in enumerate(top) if i != 2)


@pytest.mark.parametrize("expander", ["Read more", "Continue reading...", "See more"])
def test_an_expander_after_the_text_closes_nothing(expander: str) -> None:
    # "Read more" under a product description or a shortened intro opens the rest of the
    # same text, not a list of other articles: it stays related furniture, and what follows
    # is still read on its own.
    labelled = _decide_with([*_ARTICLE, (expander, 0.1), *_UNSURE])
    assert (labelled[-3].label, labelled[-3].reason) == (Label.FURNITURE, "lexicon:related")
    assert [b.label for b in labelled[-2:]] == [B, B]


def test_a_labelled_link_inside_the_article_does_not_close_it() -> None:
    # "Read also: <headline>" is one link set into the text, not the header of a list of
    # them: the paragraphs after it are still the article (out of fold on html_text,
    # WCXB word F1 0.8306 -> 0.8311, Polish snippet F1 0.805 -> 0.821).
    labelled = _decide_with([*_ARTICLE, ("Czytaj też: Czy grozi nam wojna atomowa?", 0.1),
                             *_UNSURE])
    assert labelled[-3].reason == "lexicon:related"
    assert [b.label for b in labelled[-2:]] == [B, B]


def test_a_labelled_link_too_long_for_the_lexicon_is_related_furniture() -> None:
    line = ("Dowiedz się więcej: Kto jak głosował ws. unijnych funduszy? Jeden z polityków "
            "Ziobry wyłamał się")
    labelled = _decide_with([*_ARTICLE[:4], (line, 0.9), *_ARTICLE[4:]])
    assert (labelled[4].label, labelled[4].kind, labelled[4].reason) == (
        Label.FURNITURE, cleaner.Kind.RELATED, "lexicon:related")
    assert all(b.label is B for i, b in enumerate(labelled) if i != 4)


def test_a_related_label_alone_or_inside_a_sentence_is_left_to_the_model() -> None:
    # The header itself is no teaser line; nor is a sentence that mentions reading more.
    labelled = _decide(_PROSE,
                       "Related posts", "You can read more: the council publishes it all.")
    assert labelled[1].label in (B, Label.HEADING)
    assert labelled[2].label is B


#: A listing page's items as the model reads them: under its body bar, over the menus.
_ITEMS = [(f"Item {n}: a short summary of the story that the listing links to here.", 0.25)
          for n in range(6)]


def test_a_thin_body_takes_in_the_items_just_under_the_bar() -> None:
    # The listing's intro alone reaches the bar; its items come close, the menu does not,
    # and a line the furniture lexicon names stays furniture.
    page = [("Home", 0.02), ("Latest stories from the newsroom.", 0.8), *_ITEMS,
            ("Sign up for our newsletter", 0.3)]
    labelled = _decide_with(page)
    assert labelled[0].label is Label.FURNITURE
    assert labelled[1].reason == "model:body"
    assert [(b.label, b.reason) for b in labelled[2:-1]] == [(B, "model:body-thin")] * 6
    assert labelled[-1].label is Label.FURNITURE


def test_a_body_of_fifty_words_or_thin_items_stays_as_it_is() -> None:
    # 50 words of body already: the blocks under the bar stay furniture.
    labelled = _decide_with([*_ARTICLE, *_ITEMS])
    assert all(b.label is Label.FURNITURE for b in labelled[len(_ARTICLE):])
    # Under 50 words of likely blocks to add (image numbers, a link or two): not a listing,
    # and the short body stays alone.
    labelled = _decide_with([("Latest stories from the newsroom.", 0.8),
                             ("55500002", 0.2), ("Collaboration April 2018 II", 0.25)])
    assert [b.label for b in labelled[1:]] == [Label.FURNITURE] * 2


def test_on_a_listing_page_the_items_under_the_bar_are_body_however_long_the_body() -> None:
    # 50 words of intro already, so no thin body; the page-type model's listing makes the
    # items content all the same (reason model:body-items), but not the menu.
    page = [("Home", 0.02), *_ARTICLE, *[(text, 0.3) for text, _ in _ITEMS]]
    labelled = _decide_with(page, item_page=True)
    assert labelled[0].label is Label.FURNITURE
    assert [(b.label, b.reason) for b in labelled[-len(_ITEMS):]] == [
        (B, "model:body-items")] * len(_ITEMS)
    assert all(b.label is Label.FURNITURE for b in _decide_with(page)[-len(_ITEMS):])


def test_without_item_bodies_the_items_stay_furniture() -> None:
    thin = [("Home", 0.02), ("Latest stories from the newsroom.", 0.8), *_ITEMS]
    listing = [("Home", 0.02), *_ARTICLE, *[(text, 0.3) for text, _ in _ITEMS]]
    assert [b.label for b in _decide_with(thin, item_bodies=False)[2:]] == (
        [Label.FURNITURE] * len(_ITEMS))
    assert [b.label for b in _decide_with(listing, item_page=True,
                                          item_bodies=False)[-len(_ITEMS):]] == (
        [Label.FURNITURE] * len(_ITEMS))



def test_a_paragraph_the_body_already_holds_is_a_repeat() -> None:
    # A responsive page's second copy of the article leaves the body; a short line that
    # recurs ("Read more", a one-word heading) is not judged by this rule.
    paragraph = ("Rescue teams reached the last village cut off by the flood on Tuesday "
                 "night, after two days of clearing roads.")
    labels = _decide("Floods", paragraph, _PROSE, "Floods", paragraph, _PROSE)
    assert [(b.label, b.reason) for b in labels][3:] == [
        (Label.HEADING, "model:body"), (Label.FURNITURE, "repeat"),
        (Label.BODY, "model:body"),
    ]
    assert labels[4].kind is Kind.OTHER
    assert [b.label for b in labels[:3]] == [Label.HEADING, Label.BODY, Label.BODY]


_STORY = [
    "Rescue teams reached the last village cut off by the flood on Tuesday night, after two "
    "days of clearing roads.",
    "The river rose four metres overnight and broke the old levee that had held since the "
    "great flood of 1953.",
    "Officials said the water would take a week to recede and asked residents to stay away "
    "from the riverbanks until then.",
]


def test_a_block_that_holds_the_rest_of_the_body_is_a_copy() -> None:
    # A "republish this story" box: the article's HTML as one line of text. It leaves the
    # body; the paragraphs it holds stay.
    embed = "<h1>Floods</h1> " + " ".join(f"<p class=\"story\">{p}</p>" for p in _STORY)
    labels = _decide("Floods", *_STORY, "Republish this story", embed)
    assert [(b.label, b.reason) for b in labels[1:4]] == [(Label.BODY, "model:body")] * 3
    assert (labels[-1].label, labels[-1].reason, labels[-1].kind) == (
        Label.FURNITURE, "copy", Kind.OTHER)


def test_a_long_paragraph_that_quotes_fewer_paragraphs_is_no_copy() -> None:
    # It holds two paragraphs word for word, not three; and a summary that holds three of
    # ten paragraphs holds too little of the rest of the body.
    summary = " ".join(_STORY[:2]) + " More follows below."
    labels = _decide(*_STORY, summary)
    assert labels[-1].label is Label.BODY
    others = [f"Paragraph {i} of the story goes on about the flood and the long work of "
              f"the rescue teams in the valley." for i in range(7)]
    labels = _decide(*_STORY, *others, " ".join(_STORY))
    assert labels[-1].label is Label.BODY
