"""features: the matrix layout and what the section and title features say of small pages."""

from __future__ import annotations

import numpy as np
import pytest

from cleaner.config import Config
from cleaner.features import FEATURE_NAMES, block_features
from cleaner.normalize import normalize_blocks
from cleaner.segment import segment_text


def features_of(text: str) -> tuple[list[str], np.ndarray]:
    blocks = normalize_blocks(segment_text(text), Config())
    return [b.text for b in blocks], block_features(blocks, "en")


def column(matrix: np.ndarray, name: str) -> list[float]:
    return [round(float(v), 3) for v in matrix[:, FEATURE_NAMES.index(name)]]


def test_matrix_shape_and_names() -> None:
    texts, x = features_of("One line.\nAnother line here.\n")
    assert x.shape == (2, len(FEATURE_NAMES))
    assert x.dtype == np.float32
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)
    assert np.isfinite(x).all()
    assert block_features([], "en").shape == (0, len(FEATURE_NAMES))


def test_title_line_holding_the_headline() -> None:
    texts, x = features_of(
        "Council approves cycle lanes | Example News\n"
        "Home\n"
        "Council approves cycle lanes\n"
        "The council voted on Tuesday to build four new cycle lanes through the centre.\n"
    )
    assert column(x, "in_first_line") == [-1.0, 0.0, 1.0, 0.0]
    assert column(x, "first_line_has_later") == [1.0] * 4
    share = column(x, "first_line_share")
    assert share[2] == 1.0 and share[3] < 0.5


def test_distance_to_a_related_header() -> None:
    texts, x = features_of(
        "The council voted on Tuesday to build four new cycle lanes through the centre of "
        "the city after a long consultation.\n"
        "Related posts\n"
        "Ten mistakes I made with my first focaccia\n"
        "Why rye flour behaves so differently\n"
    )
    since = column(x, "since_related")
    assert since[:2] == [-1.0, -1.0]  # no related header above
    assert 0 < since[2] < since[3]
    prose = column(x, "prose_since_related")
    assert prose[2] == 0.0  # nothing between the header and the first teaser


@pytest.mark.parametrize(
    ("text", "inside"),
    [("Tampon tax scrapped Image copyright AFP Image caption The tax was 12%", 1.0),
     ("Image caption Protesters in Karachi", 0.0),
     ("An ordinary sentence about images and captions.", 0.0)],
    ids=["teaser-card", "marker-at-start", "no-marker"],
)
def test_caption_marker_inside_a_block(text: str, inside: float) -> None:
    _, x = features_of(text + "\n")
    assert column(x, "marker_inside") == [inside]


def test_runs_of_alike_blocks() -> None:
    texts, x = features_of("Home\nNews\nSport\nWeather\n"
                           "A much longer sentence that ends with a full stop and is prose.\n")
    run = column(x, "similar_run")
    assert run[0] > 0 and run[1] >= run[0]
    assert run[4] == 0.0
