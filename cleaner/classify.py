"""Labels and reasons for every block: the learned model, clear rules, then revision along the page.

Owns deciding what each block is (title, body, heading, caption, credit, metadata, furniture)
and why. The packaged tree model gives each block class probabilities from its features; a
context revision smooths the body probability with the neighbours' so the body stays one
coherent story; rules from the lexicon decide caption markers and credits, and the kind of
every furniture block. Captions are assembled later (``captions``); this module only labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from .config import Config
from .document import Block, Kind, Label
from .features import FEATURE_NAMES, block_features, page_language
from .lexicon import is_caption_marker, match_furniture, split_credit
from .trees import TreeEnsemble

#: Model classes, in the order of the model's outputs.
CLASSES = ("other", "body", "title", "caption")
_BODY, _TITLE, _CAPTION = 1, 2, 3
#: A heading is a short body block without sentence punctuation (or marked up as one).
MAX_HEADING_WORDS = 14


@dataclass(frozen=True, slots=True)
class PageLabels:
    blocks: list[Block]
    language: str | None


@cache
def load_model(path: str | None = None) -> TreeEnsemble:
    """The packaged model (or the one at ``path``), loaded once, checked against the features."""
    if path is None:
        with resources.files("cleaner").joinpath("data/model.npz").open("rb") as handle:
            model = TreeEnsemble.load(handle)
    else:
        model = TreeEnsemble.load(Path(path))
    if model.feature_names != FEATURE_NAMES:
        raise RuntimeError(
            "the packaged model was trained on other features than cleaner.features computes; "
            "retrain it with `python -m training.train`"
        )
    if model.class_names != CLASSES:
        raise RuntimeError(f"model classes {model.class_names} != {CLASSES}")
    return model


def predict_page(blocks: Sequence[Block], config: Config) -> tuple[np.ndarray, str | None]:
    """Class probabilities per block (rows in block order, columns in ``CLASSES`` order)."""
    language = page_language(blocks)
    features = block_features(blocks, language)
    return load_model(config.model_path).predict_proba(features), language


def revise_body(proba: np.ndarray, weight: float) -> np.ndarray:
    """Smooth the body probability along the page: each block leans towards its neighbours."""
    body = proba[:, _BODY]
    if weight <= 0 or len(body) < 3:
        return body.copy()
    padded = np.concatenate([[body[0]], body, [body[-1]]])
    neighbours = (padded[:-2] + padded[2:]) / 2
    return (1 - weight) * body + weight * neighbours


def classify_blocks(blocks: Sequence[Block], config: Config) -> PageLabels:
    if not blocks:
        return PageLabels([], None)
    proba, language = predict_page(blocks, config)
    return PageLabels(decide_labels(blocks, proba, config), language)


def decide_labels(blocks: Sequence[Block], proba: np.ndarray, config: Config) -> list[Block]:
    """Turn class probabilities into labels, kinds and reasons (also used by training)."""
    body_p = revise_body(proba, config.context_weight)
    title_index = _pick_title(blocks, proba)
    out: list[Block] = []
    section: Kind | None = None  # furniture kind announced by a header such as "Related"
    for i, block in enumerate(blocks):
        p_body = float(body_p[i])
        lex = match_furniture(block.text)
        if i == title_index:
            out.append(replace(block, label=Label.TITLE, reason="model:title",
                               score=float(proba[i, _TITLE])))
            continue
        caption_text, credit = split_credit(block.text)
        if credit is not None and not caption_text:
            out.append(replace(block, label=Label.CREDIT, kind=Kind.ATTRIBUTION,
                               reason="credit-marker", score=p_body))
            continue
        if is_caption_marker(block.text):
            out.append(replace(block, label=Label.CAPTION, reason="caption-marker",
                               score=p_body))
            continue
        if p_body >= config.min_body_probability and proba[i].argmax() != _CAPTION:
            label = Label.HEADING if _is_heading(block) else Label.BODY
            out.append(replace(block, label=label, reason="model:body", score=p_body))
            section = None
            continue
        if proba[i].argmax() == _CAPTION:
            out.append(replace(block, label=Label.CAPTION, reason="model:caption",
                               score=p_body))
            continue
        if lex is not None:
            kind = Kind(lex[0])
            if kind in (Kind.RELATED, Kind.COMMENTS):
                section = kind
            reason = f"lexicon:{kind.value}"
        elif section is not None:
            kind, reason = section, f"section:{section.value}"
        else:
            kind, reason = _positional_kind(block, i, body_p, config), "model:furniture"
        label = Label.METADATA if kind is Kind.METADATA else Label.FURNITURE
        out.append(replace(block, label=label, kind=kind, reason=reason, score=p_body))
    return _mark_alt_text(out)


def _pick_title(blocks: Sequence[Block], proba: np.ndarray) -> int | None:
    best = int(np.argmax(proba[:, _TITLE]))
    if proba[best, _TITLE] >= 0.2:
        return best
    for i, block in enumerate(blocks):
        if block.heading_level == 1:
            return i
    return None


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


def _positional_kind(block: Block, index: int, body_p: np.ndarray, config: Config) -> Kind:
    """Kind of an unnamed furniture block: before the body it is navigation, else other."""
    first_body = np.flatnonzero(body_p >= config.min_body_probability)
    if len(first_body) and index < first_body[0] and len(block.text.split()) <= 6:
        return Kind.NAVIGATION
    if block.link_chars and block.link_chars >= 0.5 * len(block.text):
        return Kind.NAVIGATION
    return Kind.OTHER


def _mark_alt_text(blocks: list[Block]) -> list[Block]:
    """Text glued onto a credit marker in one raw line ("...2018.Image copyright AFP") is the
    image's alt text, whatever the model thought of it."""
    for i in range(len(blocks) - 1):
        if blocks[i + 1].label is Label.CREDIT and blocks[i].end == blocks[i + 1].start:
            blocks[i] = replace(blocks[i], label=Label.CAPTION, kind=None, reason="alt-text")
    return blocks
