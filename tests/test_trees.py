"""The NumPy tree runtime against hand-built trees and, when LightGBM is there, LightGBM."""

from __future__ import annotations

import numpy as np
import pytest

from cleaner.trees import TreeEnsemble


def _stump_model() -> TreeEnsemble:
    # One tree per class; class 0: x0 <= 0.5 ? 1.0 : -1.0 ; class 1: x1 <= 2 ? -0.5 : 0.5.
    # Node layout: a split's right child sits right after its left child; leaves loop.
    inf = np.inf
    return TreeEnsemble(
        feature_names=("a", "b"),
        class_names=("no", "yes"),
        feature=np.array([0, 0, 0, 1, 0, 0], dtype=np.int32),
        threshold=np.array([0.5, inf, inf, 2.0, inf, inf], dtype=np.float32),
        left=np.array([1, 1, 2, 4, 4, 5], dtype=np.int32),
        value=np.array([0.0, 1.0, -1.0, 0.0, -0.5, 0.5]),
        roots=np.array([0, 3], dtype=np.int32),
        tree_class=np.array([0, 1], dtype=np.int32),
        max_depth=1,
    )


def test_raw_scores_follow_the_splits() -> None:
    x = np.array([[0.0, 0.0], [1.0, 3.0], [0.5, 2.0]])
    scores = _stump_model().raw_scores(x)
    assert scores.tolist() == [[1.0, -0.5], [-1.0, 0.5], [1.0, -0.5]]
    proba = _stump_model().predict_proba(x)
    assert np.allclose(proba.sum(axis=1), 1.0)


def test_save_and_load(tmp_path) -> None:
    path = tmp_path / "m.npz"
    _stump_model().save(path)
    loaded = TreeEnsemble.load(path)
    x = np.random.default_rng(0).random((50, 2)) * 4
    assert np.allclose(loaded.predict_proba(x), _stump_model().predict_proba(x))


def test_matches_lightgbm() -> None:
    lgb = pytest.importorskip("lightgbm", reason="lightgbm is a training-only dependency")
    from training.export import export_booster

    rng = np.random.default_rng(1)
    x = rng.random((600, 4)).astype(np.float32)
    y = (x[:, 0] + x[:, 1] > 1).astype(int) + (x[:, 2] > 0.8).astype(int)
    params = {"objective": "multiclass", "num_class": 3, "verbose": -1, "num_threads": 1,
              "num_leaves": 7, "min_data_in_leaf": 5}
    booster = lgb.train(params, lgb.Dataset(x, label=y), num_boost_round=20)
    model = export_booster(booster, ("a", "b", "c"))
    assert np.allclose(model.predict_proba(x), booster.predict(x), atol=1e-6)
