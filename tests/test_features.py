"""features: the matrix layout and what the section and title features say of small pages."""

from __future__ import annotations

import re

import numpy as np
import pytest

from cleaner import features
from cleaner.config import Config
from cleaner.features import CORE_FEATURE_NAMES, FEATURE_NAMES, block_features
from cleaner.lexicon import CAPTION_TEXT_MARKERS, GLUED_MARKERS
from cleaner.normalize import normalize_blocks
from cleaner.segment import segment_text


def features_of(text: str) -> tuple[list[str], np.ndarray]:
    blocks = normalize_blocks(segment_text(text), Config())
    return [b.text for b in blocks], block_features(blocks, "en", prose_core=True)


TEXT_NAMES = (*FEATURE_NAMES, *CORE_FEATURE_NAMES)


def column(matrix: np.ndarray, name: str) -> list[float]:
    return [round(float(v), 3) for v in matrix[:, TEXT_NAMES.index(name)]]


def test_matrix_shape_and_names() -> None:
    texts, x = features_of("One line.\nAnother line here.\n")
    assert x.shape == (2, len(TEXT_NAMES))
    assert x.dtype == np.float32
    assert len(set(TEXT_NAMES)) == len(TEXT_NAMES)
    assert np.isfinite(x).all()
    blocks = normalize_blocks(segment_text("One line.\n"), Config())
    assert block_features(blocks, "en").shape == (1, len(FEATURE_NAMES))  # the HTML model's
    assert block_features([], "en").shape == (0, len(FEATURE_NAMES))
    assert block_features([], "en", prose_core=True).shape == (0, len(TEXT_NAMES))
    # spare columns for the model's other inputs, after the same features
    blocks = normalize_blocks(segment_text("One line.\nAnother line here.\n"), Config())
    spared = block_features(blocks, "en", prose_core=True, spare=3)
    assert spared.shape == (2, len(TEXT_NAMES) + 3)
    assert np.array_equal(spared[:, :len(TEXT_NAMES)], x)
    assert block_features([], "en", spare=3).shape == (0, len(FEATURE_NAMES) + 3)


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



PROSE = ("The council voted on Tuesday to build four new cycle lanes through the centre of "
         "the city after a long consultation with residents.")


def test_where_a_block_stands_to_the_prose_core() -> None:
    # menu, two prose runs split by more than five other blocks; the longer is the core
    menu = "Home\nNews\nSport\n"
    short_run = PROSE + "\n"
    teasers = "".join(f"Teaser headline number {i}\n" for i in range(6))
    long_run = (PROSE + "\n") * 3 + "Leave a comment\n" + (PROSE + "\n") * 2
    texts, x = features_of(menu + short_run + teasers + long_run + "Privacy policy\n")
    dist = column(x, "core_dist_blocks")
    core = [i for i, d in enumerate(dist) if d == 0.0]
    assert core == list(range(10, 16))  # the long run, with the line inside it
    assert all(d < 0 for d in dist[:10]) and dist[-1] > 0
    assert dist[0] < dist[9]  # farther above, more negative
    words = column(x, "core_dist_words")
    assert words[9] == 0.0 and words[8] < 0  # no words between the last teaser and the core
    depth = column(x, "core_depth")
    assert depth[10] == 0.0 and depth[15] == 1.0 and depth[0] == -1.0
    assert column(x, "core_block_share")[0] == round(6 / 17, 3)
    assert column(x, "core_prose_share")[0] == round(5 / 6, 3)
    shape = column(x, "shape_core_share")
    assert shape[3] == round(5 / 6, 3)  # the short run's paragraph has 5 look-alikes in the core
    # teasers: of the 7 short unended lines, only "Leave a comment" lies inside the core
    assert shape[4] == round(1 / 7, 3)


def test_a_page_without_prose_has_no_core() -> None:
    texts, x = features_of("Home\nNews\nSport\n")
    assert column(x, "core_depth") == [-1.0] * 3
    assert column(x, "core_prose_share") == [0.0] * 3
# The per-block passes the page-wide shortcuts in ``features`` stand in for, spelt as the
# features were first written; the shortcuts must give the same numbers to the last bit.
TRICKY = [
    "", "Plain ASCII words, 12 of them.", "Ünïcödé Straße ÉTÉ", "日本語のテキストです。",
    "emoji \U0001f600 and \U0001d400\U0001d401 math letters", "lone \ud800 surrogate",
    "ſ K İ ı \u00b2\u0663 digits", "under_score snake_case __x__", "a|b\u00b7c\u2022d \u00bb e/f>g",
    "\u201cquoted\u201d \u00abguillemets\u00bb \"plain\"", "Ⅻ roman ⅻ", "x" * 300,
]


@pytest.mark.parametrize("texts", [TRICKY, [*TRICKY[1:], "", ""], ["", ""], ["x"]])
def test_character_counts_match_the_string_predicates(texts: list[str]) -> None:
    classes = features._char_counts(texts)
    for i, text in enumerate(texts):
        words = re.findall(r"\w+", text)
        assert classes["alpha"][i] == sum(map(str.isalpha, text))
        assert classes["digit"][i] == sum(map(str.isdigit, text))
        assert classes["upper"][i] == sum(map(str.isupper, text))
        assert classes["word_chars"][i] == sum(map(len, words))
        assert classes["words"][i] == len(words)
        assert classes["title_words"][i] == sum(map(str.isupper, [w[0] for w in words]))
        assert classes["separator"][i] == sum(map(text.count, features._SEPARATORS))
        assert classes["quote"][i] == sum(map(text.count, features._QUOTES))
        assert classes["cjk"][i] == len(features._CJK.findall(text))


@pytest.mark.parametrize("text", [
    *TRICKY, "12 Jan 2020", "on jan. 3", "\u017fep 12", "Oktober 3", "OKT 3", "märz 3",
    "1.2.2020", "x1.2.2020", "2020-01-02", "a2020-01-02", "12\u00a0dec", "3 decades",
    "no date 5", "ends.", "ends.)", "ends.\u201d", "ends.\n", "ends:", "ends;'\"",
    "ends\u2026\u2019", "mid. dle",
    "Tampon tax Image copyright AFP", "x Caption: y", "Image caption only", "x L\u00e9gende : y",
])
def test_shortcuts_agree_with_the_regexes(text: str) -> None:
    digits = any(map(str.isdigit, text))
    assert (digits and features._date_like(text)) == (features._DATE.search(text) is not None)
    assert features._terminal(text) == (features._TERMINAL.search(text) is not None)
    assert features._marker_inside(text) == (features._INNER_MARKER.search(text) is not None)


def test_every_inner_marker_holds_what_its_shortcut_looks_for() -> None:
    for marker in (*GLUED_MARKERS, *CAPTION_TEXT_MARKERS):
        assert ":" in marker or "caption" in marker or "copyright" in marker


def test_lower_words_are_the_words_lowered() -> None:
    """``_lower_words`` lowers the whole text at once only where that finds the same words
    as lowering each word: its claim about every code point, then texts that take the slow
    way (İ, Σ) and the fast one."""
    import sys

    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        lowered = char.lower()
        assert len(lowered) == 1 or code == 0x130, hex(code)
        assert len(lowered) > 1 or bool(word.match(char)) == bool(word.match(lowered)), hex(code)
    for text in (*TRICKY, "İstanbul'da ÇOK", "ΟΔΟΣ'Α ΟΔΟΣ.", "Straße GROß Ǆemal", "ǅ x ǈ"):
        assert features._lower_words(text) == [w.lower() for w in re.findall(r"\w+", text)]


def test_remembered_rows_are_the_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text-only columns ``_base_rows`` remembers (``_own_row``) give the matrix that
    computing them afresh gives, in another page's order and language too."""
    text = "\n".join([*TRICKY[1:], "Das ist der Text, den wir lesen.", "Share on Facebook",
                      "12 Jan 2020: Photo: AFP", "Image caption Troops in Kabul",
                      "日本語の文です。"])
    blocks = normalize_blocks(segment_text(text), Config())
    pages = [(blocks, "en"), (blocks, "en"), (blocks[::-1], "de")]
    warm = [block_features(page, language) for page, language in pages]
    monkeypatch.setattr(features, "_own_row", features._own_row.__wrapped__)  # no memo
    for (page, language), matrix in zip(pages, warm, strict=True):
        np.testing.assert_array_equal(block_features(page, language), matrix)
