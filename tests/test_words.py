"""The block word model: hashed words, scores, the columns the text model reads, stacking."""

from __future__ import annotations

import os
import zlib

import numpy as np
import pytest

import cleaner.words as words
from cleaner.classify import TEXT_FEATURE_NAMES, load_model
from cleaner.words import (
    MAX_BLOCK_WORDS,
    WORD_BITS,
    WORD_CLASSES,
    WORD_FEATURE_NAMES,
    WordModel,
    block_tokens,
    block_word_rows,
    load_word_model,
    word_features,
)


def test_tokens_are_words_pairs_and_ends():
    assert block_tokens("Share this — Article!") == [
        "share", "this", "article", "share this", "this article", "^share", "$article"]


def test_a_block_without_words_has_one_token():
    assert block_tokens("— | »") == ["<nowords>"]


def test_an_enormous_line_is_read_from_its_start():
    tokens = block_tokens("word " * 10_000_000)
    assert len(tokens) == 2 * MAX_BLOCK_WORDS + 1  # words, pairs, the two ends
    assert tokens[-2:] == ["^word", "$word"]


def test_rows_are_crc32_buckets_sorted_and_distinct():
    indptr, indices = block_word_rows(["Share share", "", "Reply"])
    mask = (1 << WORD_BITS) - 1
    expected = [sorted({zlib.crc32(t.encode()) & mask for t in block_tokens(text)})
                for text in ("Share share", "", "Reply")]
    assert indptr.tolist() == [0, len(expected[0]), len(expected[0]) + 1,
                               len(expected[0]) + 1 + len(expected[2])]
    assert indices.tolist() == [b for row in expected for b in row]


def _tiny_model(bits: int = 4) -> WordModel:
    rng = np.random.default_rng(0)
    return WordModel(weights=rng.normal(size=(1 << bits, 4)).astype(np.float32),
                     bias=np.arange(4, dtype=np.float32))


def test_scores_are_the_dense_product():
    model = _tiny_model()
    indptr = np.array([0, 2, 3, 6])
    indices = np.array([1, 5, 0, 2, 3, 15])
    dense = np.zeros((3, 16), dtype=np.float32)
    for row in range(3):
        cols = indices[indptr[row]:indptr[row + 1]]
        dense[row, cols] = 1 / np.sqrt(len(cols))
    expected = dense @ model.weights + model.bias
    assert np.allclose(model.scores(indptr, indices), expected, atol=1e-5)
    assert model.scores(np.array([0]), np.array([], dtype=np.intp)).shape == (0, 4)


def test_remembered_scores_are_the_scores_to_the_bit(monkeypatch):
    import cleaner.words as words

    monkeypatch.setattr(words, "MEMO_SIZE", 6)  # small, so the memo is emptied on the way
    monkeypatch.setattr(words, "CHUNK_TEXTS", 3)  # and pages hashed in several chunks
    model = load_word_model()
    model._memo.clear()
    long = "word " * (words.MEMO_MAX_CHARS // 4)  # never remembered
    pages = [["Share this", "The council met on Tuesday.", "Share this", long],
             ["Share this", "Read more", long, "The council met on Tuesday."],
             ["Cookies", "A", "B", "C", "D", "E", "F", "Share this"], []]
    for texts in pages:
        expected = model.scores(*block_word_rows(texts, model.bits))
        got = model.scores_of(texts)
        assert got.dtype == np.float32 and np.array_equal(got, expected)
        assert len(model._memo) <= 6 and long not in model._memo
    model._memo.clear()


def test_the_c_scores_are_built_where_required() -> None:
    # CI sets this: there the C accelerator must have been compiled by `pip install`.
    if not os.environ.get("CLEANER_REQUIRE_NATIVE"):
        pytest.skip("CLEANER_REQUIRE_NATIVE is not set")
    assert words.NATIVE


def test_the_c_scores_are_the_numpy_scores_to_the_bit(monkeypatch):
    if not words.NATIVE:
        pytest.skip("cleaner._wordhash is not built (no C compiler at install time)")
    rng = np.random.default_rng(3)
    # weights of very different sizes, so that the order of the additions shows in the bits
    weights = (rng.normal(size=(1 << 10, 4)) * 10.0 ** rng.integers(-4, 4, size=(1 << 10, 1)))
    model = WordModel(weights=np.ascontiguousarray(weights, dtype=np.float32),
                      bias=rng.normal(size=4).astype(np.float32))
    vocabulary = ["share", "the", "Köln", "日本語", "x\ud800y", "a_b", "42", "ǅemal", "ß"]
    vocabulary += [f"w{i}" for i in range(400)]  # rows of over 128 distinct buckets too
    texts = ["", "—", "Share", "x\ud800y z\udfff", "Straße in Köln, 日本語の文章"]
    texts += [" ".join(rng.choice(vocabulary, size=n)) for n in (3, 7, 8, 9, 64, 65, 200, 900)]
    texts.append("word " * (MAX_BLOCK_WORDS + 10))  # read from its start
    with_c = model._fresh_scores(texts)
    monkeypatch.setattr(words, "_native", None)
    with_numpy = model._fresh_scores(texts)
    assert with_c.dtype == with_numpy.dtype == np.float32
    assert np.array_equal(with_c.view(np.uint32), with_numpy.view(np.uint32))


def test_a_model_the_c_scores_cannot_read_takes_the_numpy_path():
    model = _tiny_model()
    column_major = WordModel(weights=np.asfortranarray(model.weights), bias=model.bias)
    wider = WordModel(weights=model.weights.astype(np.float64), bias=model.bias)
    texts = ["Share this", "Read more about it"]
    expected = model.scores(*block_word_rows(texts, model.bits))
    assert np.array_equal(column_major._fresh_scores(texts), expected)
    assert np.allclose(wider._fresh_scores(texts), expected)


def test_save_and_load_keep_the_model_to_float16(tmp_path):
    model = _tiny_model()
    model.save(tmp_path / "w.npz")
    loaded = WordModel.load(tmp_path / "w.npz")
    assert loaded.bits == 4
    assert np.array_equal(loaded.weights, model.weights.astype(np.float16).astype(np.float32))
    assert np.array_equal(loaded.bias, model.bias)


def test_word_features_read_two_neighbours_each_side():
    scores = np.arange(20, dtype=np.float32).reshape(5, 4)  # row i: 4i .. 4i+3
    columns = word_features(scores)
    assert columns.shape == (5, len(WORD_FEATURE_NAMES))
    named = dict(zip(WORD_FEATURE_NAMES, columns.T, strict=True))
    assert named["w_body"].tolist() == [1, 5, 9, 13, 17]
    assert named["wp1_body"].tolist() == [0, 1, 5, 9, 13]  # the block before; 0 at the start
    assert named["wp2_other"].tolist() == [0, 0, 0, 4, 8]
    assert named["wn1_other"].tolist() == [4, 8, 12, 16, 0]
    assert named["wn2_body"].tolist() == [9, 13, 17, 0, 0]
    for n in (0, 1, 2):
        assert word_features(scores[:n]).shape == (n, len(WORD_FEATURE_NAMES))


def test_the_packaged_models_go_together():
    model = load_word_model()
    assert model.bits == WORD_BITS
    assert load_model().feature_names == TEXT_FEATURE_NAMES
    indptr, indices = block_word_rows(["Share this article on Facebook",
                                       "The minister said on Tuesday that the talks would go on."])
    scores = model.scores(indptr, indices)
    assert scores.shape == (2, len(WORD_CLASSES))
    other, body = WORD_CLASSES.index("other"), WORD_CLASSES.index("body")
    assert scores[0, other] > scores[0, body]  # a share line reads as furniture
    assert scores[1, body] > scores[1, other]  # a sentence of news reads as body


def test_stacked_scores_never_see_their_own_fold():
    """Every row holds a token of its own and a random label: a model that trained on a row
    knows its label, one that did not cannot. The outer scores of a fold's rows and the
    inner scores its trees train on must all come from models that never saw the row."""
    pytest.importorskip("sklearn", reason="training needs scikit-learn: pip install '.[dev]'")
    from training.words import stacked_word_scores

    n, folds = 600, 3
    rng = np.random.default_rng(1)
    y = rng.integers(0, 4, size=n)
    indptr = np.arange(n + 1, dtype=np.intp)
    indices = np.arange(n, dtype=np.intp)  # row i: bucket i only
    row_fold = np.arange(n) % folds
    outer, models, inner, final = stacked_word_scores((indptr, indices), y, np.ones(n),
                                                      row_fold, folds, final=False)
    assert final is None
    trained = models[0].scores(indptr, indices)  # trained on folds 1 and 2
    seen = row_fold != 0
    assert (trained[seen].argmax(1) == y[seen]).mean() > 0.9  # it memorised its rows
    assert (outer.argmax(1) == y).mean() < 0.5  # nobody memorised the rows it scores
    for k in range(folds):
        assert not inner[k][row_fold == k].any()  # fold k's rows are not training rows
        rows = row_fold != k
        assert (inner[k][rows].argmax(1) == y[rows]).mean() < 0.5
