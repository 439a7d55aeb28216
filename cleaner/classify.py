"""Labels and reasons for every block: the learned model, clear rules, then revision along the page.

Owns deciding what each block is (title, body, heading, caption, credit, metadata, furniture)
and why. The packaged tree model gives each block class probabilities from its features; a
context revision smooths the body probability with the neighbours' so the body stays one
coherent story; rules from the lexicon decide caption markers and credits, and the kind of
every furniture block. Captions are assembled later (``captions``); this module only labels.

A text page that already reads as clean (an article body, say: ``reads_clean``) is kept
whole, and ``look_again`` is the second look at a body that ``pipeline`` takes until the body
reads as clean, so that cleaning a body again returns it unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from .config import Config
from .document import BODY_LABELS, Block, Kind, Label
from .features import (
    CORE_FEATURE_NAMES,
    DOM_FEATURE_NAMES,
    FEATURE_NAMES,
    PAGE_READ_FEATURE_NAMES,
    TITLE_CANDIDATE_FEATURE_NAMES,
    TITLE_PAGE_TYPE_FEATURE_NAMES,
    TITLE_URL_FEATURE_NAMES,
    block_features,
    dom_features,
    page_language,
    page_read_features,
    title_candidate_features,
    title_url_features,
    url_shares,
    url_slug_words,
)
from .html import HINT_NAMES, Rendering
from .lexicon import (
    is_caption_label,
    is_caption_marker,
    labelled_link,
    labels_text,
    match_furniture,
    opens_with_caption_label,
    split_credit,
)
from .metadata import TITLE_SEPARATOR, first_line_title, one_spaced
from .page_type import likeliest_type, page_type_proba
from .trees import TreeEnsemble
from .words import WORD_FEATURE_NAMES, load_word_model, word_features

#: Model classes, in the order of the model's outputs.
CLASSES = ("other", "body", "title", "caption")
_BODY, _TITLE, _CAPTION = 1, 2, 3
#: Below this title probability, only a Markdown "# " heading or a headline-like first line
#: can be the title. Nearly every page has a title and one block gets the highest
#: probability, so the bar is low: it only rules out pages with no plausible candidate.
MIN_TITLE_PROBABILITY = 0.02
#: Headlines are short; a longer block is never taken as the title.
MAX_TITLE_WORDS = 30
#: A line that ends in a credit of at most this many words, after at least
#: ``MIN_CREDITED_CAPTION_WORDS`` words of its own, is a caption (``_credited_caption``).
MAX_CAPTION_CREDIT_WORDS = 5
MIN_CREDITED_CAPTION_WORDS = 3
_CLOSING = " )]"
#: The title model ranks this many candidates, the likeliest under the block model (the
#: gold title is among the block model's top 8 on 92% of the html_text article pages, its
#: top 15 on 93%; out of fold, 16 instead of 8 took the title model's accuracy over the
#: text renderings from 0.684 to 0.690 on average, session 33's first 8 new columns).
TITLE_CANDIDATES = 16
#: A page where no block reaches ``Config.min_body_probability`` but one reaches this
#: keeps as body the blocks within ``FALLBACK_BODY_SHARE`` of the likeliest one's
#: probability instead of coming out empty. Out of fold on html_text this is neutral
#: (snippet F1 +0.002, shingle and WCXB word F1 unchanged): it is there so that a page
#: with some likely content never yields an empty body.
MIN_FALLBACK_BODY_PROBABILITY = 0.2
FALLBACK_BODY_SHARE = 0.7
#: A body of fewer than ``THIN_BODY_WORDS`` words (a listing's intro, a product's name)
#: also takes in the blocks of at least ``THIN_BODY_PROBABILITY`` that the lexicon does not
#: name, when those hold at least ``THIN_BODY_WORDS`` words: on listing, collection and
#: product pages the items are the content, and the model, which learned mostly from
#: articles, reads them as teasers just under its bar. Out of fold, WCXB word F1 0.8537 ->
#: 0.8604 on HTML (listings 0.608 -> 0.67) and 0.8305 -> 0.8355 on html_text, articles
#: unchanged (docs/algorithm.md, "Thin bodies").
THIN_BODY_WORDS = 50
THIN_BODY_PROBABILITY = 0.15
#: On a page the page-type model calls a listing or a collection (with at least
#: ``MIN_ITEM_PAGE_PROBABILITY``), the blocks of at least ``ITEM_PAGE_PROBABILITY`` that
#: the lexicon does not name are body whatever the body's length: there the teasers are
#: the items. Out of fold, WCXB word F1 0.8604 -> 0.8665 on HTML (collections 0.641 ->
#: 0.684, listings 0.671 -> 0.701) and 0.8355 -> 0.8403 on html_text; articles +0.0002 to
#: +0.0006 (docs/algorithm.md, "Thin bodies").
ITEM_PAGE_TYPES = frozenset({"listing", "collection"})
MIN_ITEM_PAGE_PROBABILITY = 0.5
ITEM_PAGE_PROBABILITY = 0.25
#: A body paragraph this long that the body already holds is a copy (``_drop_repeats``).
MIN_REPEAT_WORDS = 12
#: A body block that holds, word for word, at least this many of the body's other
#: paragraphs (of ``MIN_REPEAT_WORDS`` or more) and at least this share of the rest of the
#: body's words is a second copy of the article (``_drop_copies``): "most of it", not tuned.
MIN_COPIED_PARAGRAPHS = 3
MIN_COPIED_SHARE = 0.5
#: A related header closes the article when at least this share of the body's words lies
#: above it (an inline "Related:" box mid-article does not)...
MIN_BODY_ABOVE_RELATED = 0.7
#: ...and the body blocks under it join its section unless the model is this sure of them.
MAX_TEASER_BODY_PROBABILITY = 0.9
#: Related phrases that expand the text they follow rather than head a list of other
#: articles ("Read more" under a product description or a truncated intro): they stay
#: related furniture but open no section.
EXPANDER_PHRASES = frozenset({"Read more", "Read More »", "Continue reading", "Keep reading",
                              "See more"})
#: Page types whose reader comments are furniture: a comments header closes the article
#: (``_close_sections``); on a forum the replies are the content.
COMMENTED_PAGE_TYPES = frozenset({"article"})
#: A heading is a short body block without sentence punctuation (or marked up as one).
MAX_HEADING_WORDS = 14


@dataclass(frozen=True, slots=True)
class PageLabels:
    blocks: list[Block]
    language: str | None
    page_type: tuple[str, float] | None = None  # (type, probability), see ``page_type``


@dataclass(frozen=True, slots=True)
class PagePrediction:
    """What the model and the lexicon say of every block of one page."""

    proba: np.ndarray  # rows in block order, columns in ``CLASSES`` order
    furniture: list[tuple[str, str] | None]  # lexicon.match_furniture of each block
    language: str | None
    features: np.ndarray  # the block feature matrix the model read


#: Features of the text model (the block features and the word model's columns), and of the
#: HTML model (the block features and the DOM's).
TEXT_FEATURE_NAMES = (*FEATURE_NAMES, *WORD_FEATURE_NAMES)
HTML_FEATURE_NAMES = (*FEATURE_NAMES, *DOM_FEATURE_NAMES)
#: A text model trained with ``training.train --prose-core`` reads the prose core's columns
#: too (docs/algorithm.md, "Prose core"); the runtime gives a model the columns it names.
TEXT_CORE_FEATURE_NAMES = (*FEATURE_NAMES, *CORE_FEATURE_NAMES, *WORD_FEATURE_NAMES)


@cache
def load_model(path: str | None = None, html: bool = False) -> TreeEnsemble:
    """The packaged text model, or HTML model with ``html`` (or the one at ``path``), loaded
    once and checked against the features it will be given."""
    if path is None:
        name = "data/model_html.npz" if html else "data/model.npz"
        with resources.files("cleaner").joinpath(name).open("rb") as handle:
            model = TreeEnsemble.load(handle)
    else:
        model = TreeEnsemble.load(Path(path))
    known = (HTML_FEATURE_NAMES,) if html else (TEXT_FEATURE_NAMES, TEXT_CORE_FEATURE_NAMES)
    if model.feature_names not in known:
        command = "python -m training.train" + (" --renderers html" if html else "")
        raise RuntimeError(
            "the packaged model was trained on other features than cleaner.features computes; "
            f"retrain it with `{command}`"
        )
    if model.class_names != CLASSES:
        raise RuntimeError(f"model classes {model.class_names} != {CLASSES}")
    return model


def reads_prose_core(model: TreeEnsemble) -> bool:
    """Whether a text model reads the prose core's columns (``TEXT_CORE_FEATURE_NAMES``)."""
    return model.feature_names == TEXT_CORE_FEATURE_NAMES


def _load_packaged(file: str, path: str | None, feature_names: tuple[str, ...],
                   command: str, or_names: tuple[str, ...] | None = None) -> TreeEnsemble:
    """The tree model packaged as ``data/<file>`` (or the one at ``path``), checked against
    the features it will be given (``feature_names``, or ``or_names`` where the runtime
    gives a model either)."""
    if path is None:
        with resources.files("cleaner").joinpath(f"data/{file}").open("rb") as handle:
            model = TreeEnsemble.load(handle)
    else:
        model = TreeEnsemble.load(Path(path))
    if model.feature_names not in (feature_names, or_names):
        raise RuntimeError(f"the packaged model {file} was trained on other features than "
                           f"cleaner.features computes; retrain it with `{command}`")
    return model


@cache
def load_clean_page_model(path: str | None = None) -> TreeEnsemble:
    """The packaged clean-page model (or the one at ``path``): the probability that a
    page is already clean text, from ``features.page_read_features``."""
    return _load_packaged("clean_page.npz", path, PAGE_READ_FEATURE_NAMES,
                          "python -m training.clean_page")


@cache
def load_title_model(path: str | None = None) -> TreeEnsemble:
    """The packaged title model (or the one at ``path``): a score that ranks a page's
    candidate headlines, the title highest, from ``features.title_candidate_features``
    (and the page type's probabilities, for a model trained with them: ``with_page_types``)."""
    return _load_packaged("title.npz", path, TITLE_CANDIDATE_FEATURE_NAMES,
                          "python -m training.title",
                          (*TITLE_CANDIDATE_FEATURE_NAMES, *TITLE_PAGE_TYPE_FEATURE_NAMES))


def title_url_path(title_model: Path) -> Path:
    """Where the title model for pages with an address is kept, beside the title model at
    ``title_model``: ``<stem>-url.npz``."""
    return title_model.with_name(f"{title_model.stem}-url.npz")


@cache
def load_title_url_model(path: str | None = None) -> TreeEnsemble:
    """The title model for text pages whose address is known, packaged or beside the
    title model at ``path`` (``title_url_path``): it reads
    ``features.TITLE_URL_FEATURE_NAMES`` (and the page type's, as ``load_title_model``)."""
    return _load_packaged("title-url.npz", None if path is None
                          else str(title_url_path(Path(path))), TITLE_URL_FEATURE_NAMES,
                          "python -m training.title",
                          (*TITLE_URL_FEATURE_NAMES, *TITLE_PAGE_TYPE_FEATURE_NAMES))


def reads_page_types(model: TreeEnsemble) -> bool:
    """Whether a title model reads the page type's probabilities (``with_page_types``)."""
    return model.feature_names[-len(TITLE_PAGE_TYPE_FEATURE_NAMES):] == (
        TITLE_PAGE_TYPE_FEATURE_NAMES)


def with_page_types(rows: np.ndarray, page_types: np.ndarray | None) -> np.ndarray:
    """A title model's ``rows`` with the page type's probabilities (``PAGE_TYPES``' order;
    zeros where unknown) as the last columns of each (``training.title --page-types``)."""
    types = (np.zeros(len(TITLE_PAGE_TYPE_FEATURE_NAMES), dtype=np.float32)
             if page_types is None else np.asarray(page_types, dtype=np.float32))
    return np.hstack([rows, np.tile(types, (len(rows), 1))])


def predict_page(
    blocks: Sequence[Block], config: Config, rendering: Rendering | None = None
) -> PagePrediction:
    """Class probabilities and lexicon hits per block; with the ``rendering`` of an HTML
    page, the HTML model reads the DOM features as well."""
    language = page_language(blocks)
    furniture = [match_furniture(b.text) for b in blocks]
    # The model's other columns (the DOM's, or the word model's) fill spare columns of the
    # feature matrix: no joined copy of it (a million-line page).
    if rendering is not None and rendering.has_dom:
        model = load_model(config.html_model_path, html=True)
        matrix = block_features(blocks, language, furniture, spare=len(DOM_FEATURE_NAMES))
        width = matrix.shape[1] - len(DOM_FEATURE_NAMES)
        dom_features(blocks, rendering, out=matrix[:, width:])
    else:
        model = load_model(config.model_path)
        word_model = load_word_model(config.word_model_path)
        other = word_features(word_model.scores_of([b.text for b in blocks]))
        matrix = block_features(blocks, language, furniture,
                                prose_core=reads_prose_core(model), spare=other.shape[1])
        width = matrix.shape[1] - other.shape[1]
        matrix[:, width:] = other
        del other
    proba = model.predict_proba(matrix)
    return PagePrediction(proba, furniture, language, matrix[:, :width])


def revise_body(proba: np.ndarray, weight: float) -> np.ndarray:
    """Smooth the body probability along the page: each block leans towards its neighbours."""
    body = proba[:, _BODY]
    if weight <= 0 or len(body) < 3:
        return body.copy()
    padded = np.concatenate([[body[0]], body, [body[-1]]])
    neighbours = (padded[:-2] + padded[2:]) / 2
    return (1 - weight) * body + weight * neighbours


def classify_blocks(
    blocks: Sequence[Block], config: Config, rendering: Rendering | None = None,
    url: str | None = None,
) -> PageLabels:
    """Labels for a page's blocks; ``url``: the page's URL, when known (it helps read the
    page's type, ``page_type.page_type_proba``, and a text page's title, ``pick_title``)."""
    if not blocks:
        return PageLabels([], None)
    prediction = predict_page(blocks, config, rendering)
    page_types = page_type_proba(blocks, prediction.features, prediction.proba,
                                 config.page_type_model_path, url)
    page_type = likeliest_type(page_types)
    dom = rendering if rendering is not None and rendering.has_dom else None
    # The address is read for the title of a text page only: on HTML, where the <h1> and
    # the <title> are there to be read, it cost title accuracy (docs/algorithm.md).
    labelled = _decide(blocks, prediction, config,
                       page_type is not None and page_type[0] in COMMENTED_PAGE_TYPES,
                       page_type is not None and page_type[0] in ITEM_PAGE_TYPES
                       and page_type[1] >= MIN_ITEM_PAGE_PROBABILITY,
                       url if dom is None else None, html=dom is not None,
                       page_types=page_types,
                       title_line=dom is not None and dom.opens_with_title)
    if dom is not None:
        labelled = _dom_structure(_figure_credits(labelled, dom), dom)
    if (config.stable_body and dom is None
            and reads_clean(blocks, labelled, prediction, config)):
        labelled = _keep_whole(labelled, prediction)
    return PageLabels(labelled, prediction.language, page_type)


#: Hints that put a line in a figure or its caption: inside ``<figure>``, ``<figcaption>``
#: or ``<caption>``, or an element whose class words say caption.
_FIGURE_HINTS = [HINT_NAMES.index(name) for name in (
    "owner_caption", "in_figure", "in_figcaption", "class_caption", "near_class_caption")]


#: The hints of a line inside a heading (``<h1>``-``<h6>`` or ARIA role ``heading``) and of
#: a line whose element is an ``<li>``.
_IN_HEADING = HINT_NAMES.index("in_heading")
_OWNER_LI = HINT_NAMES.index("owner_li")


def _hints_of(labelled: Sequence[Block], at: Sequence[int], rendering: Rendering) -> np.ndarray:
    """The DOM hints (``html.HINT_NAMES``) of the lines blocks ``at`` come from."""
    starts = np.array([labelled[i].start for i in at], dtype=np.int64)
    return rendering.hints[rendering.lines_of(starts)]


def _figure_credits(labelled: list[Block], rendering: Rendering) -> list[Block]:
    """A credit line that the page puts in a figure or its caption ("Photo credit: X" as
    the ``<figcaption>``) is that figure's caption: a caption whose text is its credit
    (``captions`` splits the credit off). Out of fold on the dev pages' HTML, caption
    recall rose from 0.832 / 0.816 to 0.912 / 0.895 (articles / WCXB) and precision stayed
    at 0.684 / 0.608; on every 2nd page, ``<figcaption>`` and ``<caption>`` alone took
    recall to 0.881 / 0.893 where this took it to 0.925 / 0.905. Bodies are unchanged: a
    credit is never body."""
    at = [i for i, b in enumerate(labelled) if b.label is Label.CREDIT]
    if not at:
        return labelled
    in_figure = np.any(_hints_of(labelled, at, rendering)[:, _FIGURE_HINTS] > 0, axis=1).tolist()
    out = list(labelled)
    for i, inside in zip(at, in_figure, strict=True):
        if inside:
            out[i] = out[i].relabel(Label.CAPTION, "dom:figure-credit", None, out[i].score)
    return out


def _dom_structure(labelled: list[Block], rendering: Rendering) -> list[Block]:
    """On a page read from its markup, the markup says which body lines are headings and
    which list items. Headings: the lines of ``<h1>``-``<h6>`` (rendered as "#" lines:
    ``Block.heading_level``) and of elements with ARIA role ``heading``, whatever their
    wording. A body line of any other element is a paragraph however short: a list item
    ("Lightweight"), a spec line (``<p>Price: $175</p>``), a table row, which the guess that
    text input needs (``_is_heading``: short, capitalised, no closing stop) calls headings.
    List items: the other body lines of an ``<li>`` (``Block.list_item``, which Markdown
    output writes as ``- item``; the rendering, as html_text's, marks no bullets)."""
    at = [i for i, b in enumerate(labelled) if b.label in BODY_LABELS and not b.heading_level]
    if not at:
        return labelled
    hints = _hints_of(labelled, at, rendering)
    marked = (hints[:, _IN_HEADING] > 0).tolist()
    in_item = (hints[:, _OWNER_LI] > 0).tolist()
    out = list(labelled)
    for i, heading, item in zip(at, marked, in_item, strict=True):
        label = Label.HEADING if heading else Label.BODY
        if out[i].label is not label:
            out[i] = out[i].relabel(label, out[i].reason)
        if item and not heading and not out[i].list_item:
            out[i] = replace(out[i], list_item=True)
    return out


def look_again(blocks: Sequence[Block], config: Config) -> SecondLook | None:
    """The second look at a body, read as a text page of its own: ``None`` when it reads as
    clean, else what a first look says of its blocks (see ``SecondLook.drops``)."""
    if not blocks:
        return None
    prediction = predict_page(blocks, config)
    if _every_block_likely_body(prediction, config) and not any(prediction.furniture):
        return None  # reads as clean, and the lexicon names no block: all kept whole
    labelled = _decide(blocks, prediction, config)
    if reads_clean(blocks, labelled, prediction, config):
        labelled = _keep_whole(labelled, prediction)
        if all(b.label in BODY_LABELS for b in labelled):
            return None
    return SecondLook(labelled, prediction.proba[:, _BODY].tolist())


@dataclass(frozen=True, slots=True)
class SecondLook:
    """A look at a body that does not read as clean: its blocks as a first look labels
    them, and their body probabilities."""

    blocks: list[Block]
    body_probability: list[float]

    def drops(self, count: int) -> list[bool]:
        """Which blocks leave the body: of those the look does not call body or heading
        (there is at least one, or the body would read as clean), the ``count`` least
        likely to be body. (Ranking them by the first look's probability instead, which saw
        the whole page, lost more: out of fold on HTML snippet F1 0.934 -> 0.932.)"""
        candidates = [i for i, b in enumerate(self.blocks) if b.label not in BODY_LABELS]
        candidates.sort(key=lambda i: (self.body_probability[i], i))
        dropped = set(candidates[:max(1, count)])
        return [i in dropped for i in range(len(self.blocks))]


def reads_clean(
    blocks: Sequence[Block], labelled: Sequence[Block], prediction: PagePrediction,
    config: Config,
) -> bool:
    """Whether a text page already reads as clean text, to be kept whole: its first look
    keeps every block as body, or no block's body probability is below
    ``Config.min_clean_block_probability``, or the clean-page model gives the page at least
    ``Config.min_clean_page_probability``."""
    if all(b.label in BODY_LABELS for b in labelled):
        return True
    if _every_block_likely_body(prediction, config):
        return True
    model = load_clean_page_model(config.clean_page_model_path)
    return (float(model.predict_proba(read_page(blocks, prediction))[0, 0])
            >= config.min_clean_page_probability)


def _every_block_likely_body(prediction: PagePrediction, config: Config) -> bool:
    """No block's body probability is below ``Config.min_clean_block_probability``."""
    return float(prediction.proba[:, _BODY].min()) >= config.min_clean_block_probability


def read_page(blocks: Sequence[Block], prediction: PagePrediction) -> np.ndarray:
    """What the clean-page model reads of a page (one row; training reads pages here too)."""
    return page_read_features(blocks, prediction.proba[:, _BODY], prediction.furniture)


def _decide(blocks: Sequence[Block], prediction: PagePrediction, config: Config,
            close_comments: bool = False, item_page: bool = False,
            url: str | None = None, html: bool = False,
            page_types: np.ndarray | None = None, title_line: bool = False) -> list[Block]:
    markers = prediction.features[:, _CAPTION_MARKER_COLUMN] > 0
    return decide_labels(blocks, prediction.proba, config, prediction.furniture,
                         markers.tolist(), close_comments, item_page, url, html, page_types,
                         title_line)


def _keep_whole(labelled: Sequence[Block], prediction: PagePrediction) -> list[Block]:
    """Every block as body (or heading): the page reads as clean already. Except what the
    model found not body and the furniture lexicon names by its wording ("Sign up for our
    newsletter", "© 2024 ... All rights reserved", a byline): that stays furniture (or
    metadata), and the body without it is looked at again (``pipeline.settle_body``)."""
    body = prediction.proba[:, _BODY].tolist()
    return [b if b.label in BODY_LABELS or (b.label in _NAMED_LABELS and named is not None)
            else b.relabel(_body_label(b), "page:clean", None, body[i])
            for i, (b, named) in enumerate(zip(labelled, prediction.furniture, strict=True))]


#: What a block the furniture lexicon names is labelled when the model found it not body.
_NAMED_LABELS = frozenset({Label.FURNITURE, Label.METADATA})


#: The block feature that is ``lexicon.is_caption_marker`` of the block (1 or 0).
_CAPTION_MARKER_COLUMN = FEATURE_NAMES.index("caption_marker")


def decide_labels(
    blocks: Sequence[Block],
    proba: np.ndarray,
    config: Config,
    furniture: Sequence[tuple[str, str] | None] | None = None,
    markers: Sequence[bool] | None = None,
    close_comments: bool = False,
    item_page: bool = False,
    url: str | None = None,
    html: bool = False,
    page_types: np.ndarray | None = None,
    title_line: bool = False,
) -> list[Block]:
    """Turn class probabilities into labels, kinds and reasons (also used by training).

    ``furniture``: ``match_furniture`` of every block, if the caller has it; ``markers``:
    ``is_caption_marker`` of every block, likewise (the block features hold it);
    ``close_comments``: the page is an article (``_close_sections``); ``item_page``: a
    listing or collection, whose teasers are its items (``ITEM_PAGE_PROBABILITY``);
    ``url``: the page's address, when known (``pick_title``); ``html``: ``proba`` is the
    HTML model's (``pick_title``); ``page_types``: the page type's probabilities, when known
    (``pick_title``, ``named_by_title_line``); ``title_line``: an HTML page's first block is
    its ``<title>`` element (``named_by_title_line``)."""
    texts = [b.text for b in blocks]
    if furniture is None:
        furniture = [match_furniture(text) for text in texts]
    if markers is None:
        markers = [is_caption_marker(text) for text in texts]
    caption_led, credits = caption_reads(texts, markers)
    body_p = revise_body(proba, config.context_weight)
    title = named_by_title_line(
        blocks, pick_title(blocks, proba, furniture, body_p, config, caption_led, credits,
                           url, html, page_types),
        body_p, config, page_types, html, title_line, url)
    min_body, body_reason = config.min_body_probability, "model:body"
    likeliest = float(body_p.max()) if len(body_p) else 0.0
    if MIN_FALLBACK_BODY_PROBABILITY <= likeliest < min_body:
        # No block is likely body (product grids, listings, short forum threads): rather
        # than an empty body, keep the blocks that come close to the likeliest one.
        min_body, body_reason = likeliest * FALLBACK_BODY_SHARE, "model:body-fallback"
    body_ps = body_p.tolist()
    # below min_body, blocks the lexicon does not name are body from thin_min on
    thin_min, low_reason = min_body, "model:body-thin"
    if config.item_bodies:
        thin_min = _thin_body_floor(texts, body_ps, min_body, furniture)
        if item_page and ITEM_PAGE_PROBABILITY < thin_min:
            thin_min, low_reason = ITEM_PAGE_PROBABILITY, "model:body-items"
    model_captions = (proba[:, _CAPTION] >= config.min_caption_probability).tolist()
    out: list[Block] = []
    for i, block in enumerate(blocks):
        p_body = body_ps[i]
        if title is not None and i == title[0]:
            out.append(block.relabel(Label.TITLE, title[1], score=float(proba[i, _TITLE])))
            continue
        caption_text, credit = credits[i]
        if credit is not None and not caption_text:
            if _is_legal(furniture[i]):  # "© 2021 Site. All rights reserved."
                out.append(block.relabel(Label.FURNITURE, "lexicon:legal", Kind.LEGAL, p_body))
            else:
                out.append(block.relabel(Label.CREDIT, "credit-marker", Kind.ATTRIBUTION,
                                         p_body))
        elif caption_led[i]:
            out.append(block.relabel(Label.CAPTION, "caption-marker", score=p_body))
        elif model_captions[i]:
            out.append(block.relabel(Label.CAPTION, "model:caption", score=p_body))
        elif p_body >= min_body or (p_body >= thin_min and furniture[i] is None):
            if credit is not None and _credited_caption(block.text, caption_text, credit) \
                    and not _is_legal(furniture[i]):
                out.append(block.relabel(Label.CAPTION, "credit-suffix", score=p_body))
            elif _labelled_teaser(block.text, furniture[i]):
                out.append(block.relabel(Label.FURNITURE, "lexicon:related", Kind.RELATED,
                                         p_body))
            else:
                out.append(block.relabel(_body_label(block), body_reason if p_body >= min_body
                                         else low_reason, score=p_body))
        else:
            out.append(block.relabel(Label.FURNITURE, "model:furniture", score=p_body))
    out = _captioned_after_credit(out, markers, body_ps, min_body, body_reason)
    out = _close_sections(out, body_p, furniture, close_comments)
    return _mark_alt_text(_assign_kinds(_drop_copies(_drop_repeats(out)), furniture))


def _captioned_after_credit(blocks: list[Block], markers: Sequence[bool],
                            body_ps: Sequence[float], min_body: float,
                            body_reason: str) -> list[Block]:
    """A figure laid out as the BBC's, its credit first and its caption labelled after it
    ("Image copyright AFP", "Image caption Troops in Kabul"), has that caption: the line
    above the credit is not it. So a line there that the model reads as a caption but also
    as likely body keeps its body reading (the README example's paragraph above its second
    figure: caption probability 0.23, body 0.71). On the dev pages, the line above each of
    the 4 such figures is a body paragraph in all five renderings; the picture's alt text,
    where a dump keeps it, is glued to the credit ("...2018.Image copyright AFP",
    ``_mark_alt_text``)."""
    for i in range(len(blocks) - 2):
        if blocks[i].reason != "model:caption" or body_ps[i] < min_body:
            continue
        j = i + 1
        while j < len(blocks) and markers[j] and blocks[j].label is Label.CAPTION:
            j += 1  # a bare label on a line of its own ("Image copyright", then "AFP")
        if j >= len(blocks) or blocks[j].label is not Label.CREDIT:
            continue
        j += 1
        while j < len(blocks) and markers[j]:
            j += 1  # "Image caption" on a line of its own
        if j < len(blocks) and blocks[j].reason == "caption-marker":
            blocks[i] = blocks[i].relabel(_body_label(blocks[i]), body_reason,
                                          score=body_ps[i])
    return blocks


def _drop_repeats(blocks: list[Block]) -> list[Block]:
    """A body paragraph of at least ``MIN_REPEAT_WORDS`` words that the body already holds
    word for word is a copy (a responsive page's mobile and desktop versions of the
    article, a box repeating a paragraph): it leaves the body (``repeat``). Out of fold,
    WCXB word F1 0.8404 -> 0.8416 on html_text (73 pages up, 42 down) and 0.8670 -> 0.8691
    on HTML (89 up, 56 down); articles shingle F1 on HTML 0.9618 -> 0.9604 (a meal plan
    that repeats its dishes)."""
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        if block.label not in (Label.BODY, Label.HEADING):
            continue
        if len(block.text.split()) < MIN_REPEAT_WORDS:
            continue
        if block.text in seen:
            blocks[i] = block.relabel(Label.FURNITURE, "repeat", Kind.OTHER, block.score)
        else:
            seen.add(block.text)
    return blocks


def _drop_copies(blocks: list[Block]) -> list[Block]:
    """A body block that holds most of the rest of the body word for word is a second copy
    of the article in one line: a "republish this story" box's embed code (the article's
    HTML as text), a print version, a feed summary holding the whole text. It leaves the
    body (``copy``, kind other). Words are compared with tags and punctuation left out.
    Out of fold on html_text, three WCXB pages held one (word F1 0.53 -> 0.89, 0.51 ->
    0.77, 0.63 -> 0.95) and two articles pages; none on the pages' HTML."""
    at = [i for i, b in enumerate(blocks) if b.label in (Label.BODY, Label.HEADING)]
    words = {i: len(blocks[i].text.split()) for i in at}
    total = sum(words.values())
    # a copy holds at least MIN_COPIED_SHARE of the words outside it: few blocks can
    candidates = [i for i in at if words[i] >= MIN_COPIED_SHARE * (total - words[i])
                  and words[i] >= MIN_COPIED_PARAGRAPHS * MIN_REPEAT_WORDS]
    if not candidates:
        return blocks
    paragraphs = {i: _word_run(blocks[i].text) for i in at if words[i] >= MIN_REPEAT_WORDS}
    for i in candidates:  # each is one of the paragraphs (MIN_COPIED_PARAGRAPHS of them long)
        held = [j for j, run in paragraphs.items() if j != i and run in paragraphs[i]]
        if (len(held) >= MIN_COPIED_PARAGRAPHS
                and sum(words[j] for j in held) >= MIN_COPIED_SHARE * (total - words[i])):
            blocks[i] = blocks[i].relabel(Label.FURNITURE, "copy", Kind.OTHER, blocks[i].score)
    return blocks


_TAG_TEXT = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_WORD_CHARS = re.compile(r"\w+")


def _word_run(text: str) -> str:
    """A block's words, lower-cased and space-separated with a space at each end, tags
    (``<p class="byline">``) left out: one block's run inside another's is a copy of it."""
    return " " + " ".join(_WORD_CHARS.findall(_TAG_TEXT.sub(" ", text).lower())) + " "


def _thin_body_floor(texts: Sequence[str], body_ps: Sequence[float], min_body: float,
                     furniture: Sequence[tuple[str, str] | None]) -> float:
    """The body probability from which a block not named by the lexicon is body: ``min_body``,
    or ``THIN_BODY_PROBABILITY`` when the blocks that reach ``min_body`` hold fewer than
    ``THIN_BODY_WORDS`` words and those it would add hold at least as many."""
    if min_body <= THIN_BODY_PROBABILITY:
        return min_body
    words = added = 0
    for text, p_body, named in zip(texts, body_ps, furniture, strict=True):
        if p_body >= min_body:
            words += len(text.split())
            if words >= THIN_BODY_WORDS:
                return min_body
        elif p_body >= THIN_BODY_PROBABILITY and named is None:
            added += len(text.split())
    return THIN_BODY_PROBABILITY if added >= THIN_BODY_WORDS else min_body


def _credited_caption(text: str, caption_text: str, credit: str) -> bool:
    """Whether a line ends in a short credit after a few words of its own ("Protesters in
    Lahore. (Photo: AFP)", "... / Source: Pixabay"): the model reads such a line as prose,
    but the body never ends a paragraph with a photo credit; it is a picture's caption.
    Out of fold on html_text, of the lines the model kept as body that read so, 137 of 173
    are gold captions (articles and WCXB)."""
    return (len(credit.split()) <= MAX_CAPTION_CREDIT_WORDS
            and len(caption_text.split()) >= MIN_CREDITED_CAPTION_WORDS
            and text.rstrip(_CLOSING).endswith(credit.rstrip(_CLOSING)))


def _labelled_teaser(text: str, furniture: tuple[str, str] | None) -> bool:
    """Whether a line is a link to another article under a related-links label ("Read more:
    ...", "Czytaj też: ...", "[Related: ...]"): the model reads the headline after the label
    as part of the article it interrupts."""
    if furniture is None:  # too long for the lexicon, perhaps: "Read more: <long headline>"
        return labelled_link(text)
    return furniture[0] == Kind.RELATED.value and labels_text(text, furniture[1])


def caption_reads(
    texts: Sequence[str], markers: Sequence[bool]
) -> tuple[list[bool], list[tuple[str, str | None]]]:
    """What the lexicon says of each block, looked up once for the title and the labels:
    whether it starts with a caption marker or label, or follows a caption label alone on
    its line ("Image caption", then the caption: how a renderer that puts each inline
    element on a line of its own leaves a BBC figure; 6 of 6 such lines in the dev pages'
    renderings are gold captions), and ``split_credit`` of it."""
    caption_led = [marker or opens_with_caption_label(text)
                   for marker, text in zip(markers, texts, strict=True)]
    for i in range(1, len(texts)):
        if markers[i - 1] and not markers[i] and is_caption_label(texts[i - 1]):
            caption_led[i] = True
    return caption_led, [split_credit(text) for text in texts]


def _is_legal(furniture: tuple[str, str] | None) -> bool:
    """Whether the lexicon reads a block as a legal notice: "© 2021 Site. All rights
    reserved." opens like an image credit ("© AFP") but is the site's copyright line."""
    return furniture is not None and furniture[0] == Kind.LEGAL.value


def _close_sections(
    blocks: list[Block], body_p: np.ndarray, furniture: Sequence[tuple[str, str] | None],
    close_comments: bool = False,
) -> list[Block]:
    """Teasers under a "Related"/"More stories" header after the article are related links,
    even when they read like prose: once at least ``MIN_BODY_ABOVE_RELATED`` of the body's
    words lie above such a header, the body blocks below it that the model is not sure of
    (below ``MAX_TEASER_BODY_PROBABILITY``) join its section. A link set into the text under
    a label ("Read also: <headline>", ``lexicon.labels_text``) is no such header: the
    article goes on after it (out of fold, html_text: WCXB word F1 0.8306 -> 0.8311, Polish
    snippet F1 0.805 -> 0.821; 24 pages gained, 4 lost a little). With ``close_comments``
    (an article page), a comments header ("Leave a comment", "[ 167 comments ]") closes
    the article the same way: reader comments read like prose too."""
    words = [len(b.text.split()) if b.label in (Label.BODY, Label.HEADING) else 0
             for b in blocks]
    total = sum(words)
    if not total:
        return blocks
    above = 0
    section: Kind | None = None
    for i, block in enumerate(blocks):
        lex = furniture[i]
        if (block.label is Label.FURNITURE and lex is not None
                and ((lex[0] == "related" and lex[1] not in EXPANDER_PHRASES
                      and not labels_text(block.text, lex[1]))
                     or (lex[0] == "comments" and close_comments))
                and above >= MIN_BODY_ABOVE_RELATED * total):
            section = Kind(lex[0])
        elif section is not None and words[i]:
            if body_p[i] >= MAX_TEASER_BODY_PROBABILITY:
                section = None
            else:
                blocks[i] = block.relabel(Label.FURNITURE, f"section:{section.value}", section)
        above += words[i]
    return blocks


def _assign_kinds(
    blocks: list[Block], furniture: Sequence[tuple[str, str] | None]
) -> list[Block]:
    """The kind of every furniture block: its own wording (lexicon), else the section it
    stands in (after a "Related" or "Leave a comment" header), else its place on the page.
    Teaser headers above the article ("Latest news") are navigation, not related links.
    A block's reason stays what made it furniture, but for the lexicon's wording: a block
    the model dropped in a comments section reads ``model:furniture``, kind comments, and
    ``section:<kind>`` is left to the blocks the section itself took from the body
    (``_close_sections``)."""
    body_at = [i for i, b in enumerate(blocks) if b.label in (Label.BODY, Label.HEADING)]
    first_body = body_at[0] if body_at else len(blocks)
    section: Kind | None = None
    for i, block in enumerate(blocks):
        if block.label is not Label.FURNITURE:
            if block.label in (Label.BODY, Label.HEADING):
                section = None
            continue
        lex = furniture[i]
        if lex is not None or block.kind is not None:
            # the lexicon's kind, or the one the decision gave ("Read more: <a headline too
            # long for the lexicon>", a related section)
            kind, reason = (_LEXICON_KINDS[lex[0]] if lex is not None
                            else (block.kind, block.reason))
            if kind is Kind.RELATED and i < first_body:
                kind = Kind.NAVIGATION
            if kind in (Kind.RELATED, Kind.COMMENTS):
                section = kind
        elif section is not None:  # the kind from the section, the reason still the model's
            kind, reason = section, block.reason
        elif i < first_body or (block.link_chars and block.link_chars >= len(block.text) / 2):
            kind, reason = Kind.NAVIGATION, block.reason
        else:
            kind, reason = Kind.OTHER, block.reason
        label = Label.METADATA if kind is Kind.METADATA else Label.FURNITURE
        blocks[i] = block.relabel(label, reason, kind)
    return blocks


#: A lexicon kind's name -> its ``Kind`` and the reason a block of that wording gets.
_LEXICON_KINDS = {kind.value: (kind, f"lexicon:{kind.value}") for kind in Kind}


def _headline_like(i: int, blocks: Sequence[Block],
                   furniture: Sequence[tuple[str, str] | None], caption_led: Sequence[bool],
                   credits: Sequence[tuple[str, str | None]]) -> bool:
    """At most ``MAX_TITLE_WORDS`` words, no closing stop, no furniture phrase, caption
    marker or credit."""
    text = blocks[i].text
    return (0 < len(text.split()) <= MAX_TITLE_WORDS and not text.endswith(".")
            and furniture[i] is None and not caption_led[i] and credits[i][1] is None)


def title_candidates(
    blocks: Sequence[Block],
    proba: np.ndarray,
    furniture: Sequence[tuple[str, str] | None],
    caption_led: Sequence[bool],
    credits: Sequence[tuple[str, str | None]],
) -> list[int]:
    """The ``TITLE_CANDIDATES`` headline-like blocks that are the likeliest titles under the
    block model, likeliest first."""
    # likeliest first, page order among equals (a stable sort), and only as many blocks
    # looked at as it takes to find the candidates
    ranked: list[int] = []
    for i in np.argsort(-proba[:, _TITLE], kind="stable").tolist():
        if _headline_like(i, blocks, furniture, caption_led, credits):
            ranked.append(i)
            if len(ranked) == TITLE_CANDIDATES:
                break
    return ranked


#: A headline-like block that the page's address spells out this well (the share of its
#: words in the address's path times the share of the path's words in it) joins the
#: candidates of the title model for pages with an address.
MIN_ADDRESS_MATCH = 0.5


def address_candidates(
    blocks: Sequence[Block],
    candidates: Sequence[int],
    slug: frozenset[str],
    furniture: Sequence[tuple[str, str] | None],
    caption_led: Sequence[bool],
    credits: Sequence[tuple[str, str | None]],
) -> list[int]:
    """``candidates`` and, last, the headline-like block the address's path words ``slug``
    match best, when the block model did not rank it among them and it matches at least
    ``MIN_ADDRESS_MATCH``: a headline the block model missed."""
    best, best_match = -1, MIN_ADDRESS_MATCH
    for i, block in enumerate(blocks):
        if i in candidates or not _headline_like(i, blocks, furniture, caption_led, credits):
            continue
        words, path = url_shares(block.text, slug)
        if words * path >= best_match:
            best, best_match = i, words * path
    return [*candidates, best] if best >= 0 else list(candidates)


def address_title_rows(
    blocks: Sequence[Block],
    proba: np.ndarray,
    body_p: np.ndarray,
    candidates: Sequence[int],
    min_body_probability: float,
    slug: frozenset[str],
    furniture: Sequence[tuple[str, str] | None],
    caption_led: Sequence[bool],
    credits: Sequence[tuple[str, str | None]],
) -> tuple[list[int], np.ndarray]:
    """What the title model for pages with an address ranks: its candidates
    (``address_candidates``) and their rows of ``features.TITLE_URL_FEATURE_NAMES``, given
    the address's path words ``slug`` (training reads pages here too)."""
    at = address_candidates(blocks, candidates, slug, furniture, caption_led, credits)
    return at, np.hstack([title_candidate_features(blocks, proba, body_p, at,
                                                   min_body_probability),
                          title_url_features(blocks, at, slug)])


#: A candidate the block model gives at least this title probability, and at least
#: ``SURE_TITLE_MARGIN`` more than the next candidate, is the title without the title
#: model: out of fold (session 33) a neutral rule (text renderings 0.6916 -> 0.6918 on
#: average, HTML 0.883 / 0.746 -> 0.883 / 0.747), kept because it holds the in-sample
#: title floor of the CI gate, where the shipped block model knows the pages.
SURE_TITLE_PROBABILITY = 0.95
SURE_TITLE_MARGIN = 0.3


def sure_title(proba: np.ndarray, candidates: Sequence[int]) -> bool:
    """Whether the block model is sure enough of its likeliest candidate to skip the title
    model (``SURE_TITLE_PROBABILITY``)."""
    top = float(proba[candidates[0], _TITLE])
    after = float(proba[candidates[1], _TITLE]) if len(candidates) > 1 else 0.0
    return top >= SURE_TITLE_PROBABILITY and top - after >= SURE_TITLE_MARGIN


def has_likely_title(proba: np.ndarray, candidates: Sequence[int]) -> bool:
    """Whether the likeliest candidate is a likely enough title for the title model to rank
    the candidates (else ``pick_title`` falls back to markup and the first line)."""
    return bool(candidates) and proba[candidates[0], _TITLE] >= MIN_TITLE_PROBABILITY


def pick_title(
    blocks: Sequence[Block],
    proba: np.ndarray,
    furniture: Sequence[tuple[str, str] | None],
    body_p: np.ndarray,
    config: Config,
    caption_led: Sequence[bool],
    credits: Sequence[tuple[str, str | None]],
    url: str | None = None,
    html: bool = False,
    page_types: np.ndarray | None = None,
) -> tuple[int, str] | None:
    """The title block and the reason: when some headline-like block is a likely enough
    title under the block model, the candidate the title model ranks first; failing that, a
    Markdown "# " heading above the body, else the first line if it reads like a headline
    (page dumps often open with the page's <title>). ``caption_led`` and ``credits`` say of
    each block whether it starts with a caption marker and what ``split_credit`` finds;
    ``url``: the page's address, when known. An address whose path has words
    (``features.url_slug_words``; a news address often spells the headline out) sends the
    candidates to the title model for pages with an address (``load_title_url_model``).
    ``html``: ``proba`` is the HTML model's (a column of the title model); ``page_types``:
    the page type's probabilities, for a title model that reads them (``reads_page_types``)."""
    body_at = np.flatnonzero(body_p >= config.min_body_probability)
    end = int(body_at[0]) + 1 if len(body_at) else len(blocks)
    candidates = title_candidates(blocks, proba, furniture, caption_led, credits)
    if has_likely_title(proba, candidates):
        if sure_title(proba, candidates):
            return candidates[0], "model:title"
        slug = url_slug_words(url)
        if slug:
            candidates, features = address_title_rows(
                blocks, proba, body_p, candidates, config.min_body_probability, slug,
                furniture, caption_led, credits)
            model = load_title_url_model(config.title_model_path)
        else:
            features = title_candidate_features(blocks, proba, body_p, candidates,
                                                config.min_body_probability, html)
            model = load_title_model(config.title_model_path)
        if reads_page_types(model):
            features = with_page_types(features, page_types)
        score = model.raw_scores(features)[:, 0]  # a ranking model's scores
        return candidates[int(np.argmax(score))], "model:title"
    for i in range(end):
        if blocks[i].heading_level == 1:
            return i, "markup:title"
    if end > 1 and _headline_like(0, blocks, furniture, caption_led, credits):
        return 0, "first-line"
    return None


#: Page types whose title is the headline part of their ``<title>`` line rather than a
#: headline on the page: a service page is named by its ``<title>`` ("Data Analytics
#: Services and Solutions | Acxiom") over its ``<h1>`` ("Data analytics solutions"), as
#: WCXB's annotators read them (docs/algorithm.md, section 5).
TITLE_NAMED_PAGE_TYPES = frozenset({"service"})


def named_by_title_line(
    blocks: Sequence[Block], pick: tuple[int, str] | None, body_p: np.ndarray,
    config: Config, page_types: np.ndarray | None, html: bool = False,
    title_line: bool = False, url: str | None = None,
) -> tuple[int, str] | None:
    """``pick_title``'s pick, or on a page whose type is named by its ``<title>`` line
    (``TITLE_NAMED_PAGE_TYPES``: a service page) that line, reason ``page-type:title``:
    when the page opens with it (an HTML page's ``title_line``; a text dump's first line
    with a separator, "Headline | Site", not likely body) and the pick shows another
    headline than it does (``metadata.first_line_title``)."""
    page_type = likeliest_type(page_types)
    if (page_type is None or page_type[0] not in TITLE_NAMED_PAGE_TYPES or len(blocks) < 2
            or (html and not title_line) or (pick is not None and pick[0] == 0)
            or body_p[0] >= config.min_body_probability
            or TITLE_SEPARATOR.search(blocks[0].text) is None):
        return pick
    shown = one_spaced(first_line_title(blocks, title_line, url))
    if pick is not None and one_spaced(blocks[pick[0]].text) == shown:
        return pick
    return 0, "page-type:title"


def _body_label(block: Block) -> Label:
    """A block kept in the body is a heading or a body paragraph."""
    return Label.HEADING if _is_heading(block) else Label.BODY


def _is_heading(block: Block) -> bool:
    if block.heading_level:
        return True
    text = block.text
    words = text.split()
    return (
        0 < len(words) <= MAX_HEADING_WORDS
        and not text.endswith((".", ",", ";", ":", "!", "\u2026", '."', ".\u201d"))
        and not block.list_item
        and text[:1].isupper()
    )


def _mark_alt_text(blocks: list[Block]) -> list[Block]:
    """Text glued onto a credit marker in one raw line ("...2018.Image copyright AFP") is the
    image's alt text, whatever the model thought of it."""
    for i in range(len(blocks) - 1):
        if blocks[i + 1].label is Label.CREDIT and blocks[i].end == blocks[i + 1].start:
            blocks[i] = blocks[i].relabel(Label.CAPTION, "alt-text", None)
    return blocks
