"""The tree runtime against hand-built trees and, when LightGBM is there, LightGBM; its C
descent (``cleaner._descend``, where built) and its NumPy descent against the plain loop."""

from __future__ import annotations

import os

import numpy as np
import pytest

from cleaner import trees
from cleaner.trees import CHUNK_ROWS, DESCENT_ROWS, TreeEnsemble


@pytest.fixture(params=["native", "numpy"])
def descent(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with the C descent (skipped where it is not built) and with NumPy's."""
    if request.param == "native":
        if not trees.NATIVE:
            pytest.skip("cleaner._descend is not built (no C compiler at install time)")
    else:
        monkeypatch.setattr(trees, "_native", None)
    return str(request.param)


def test_the_c_descent_is_built_where_required() -> None:
    # CI sets this: there the C accelerator must have been compiled by `pip install`.
    if not os.environ.get("CLEANER_REQUIRE_NATIVE"):
        pytest.skip("CLEANER_REQUIRE_NATIVE is not set")
    assert trees.NATIVE


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


def test_raw_scores_follow_the_splits(descent: str) -> None:
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


def _plain_raw_scores(model: TreeEnsemble, x: np.ndarray) -> np.ndarray:
    """The runtime as first written: every (row, tree) pair for ``max_depth`` steps, no
    packing, in chunks of ``CHUNK_ROWS`` rows."""
    if len(x) > CHUNK_ROWS:
        return np.vstack([_plain_raw_scores(model, x[i:i + CHUNK_ROWS])
                          for i in range(0, len(x), CHUNK_ROWS)])
    x = np.ascontiguousarray(x, dtype=np.float32)
    n = x.shape[0]
    flat = x.ravel()
    offsets = (np.arange(n, dtype=np.int32) * x.shape[1])[:, None]
    node = np.broadcast_to(model.roots, (n, len(model.roots))).copy()
    for _ in range(model.max_depth):
        values = flat[offsets + model.feature[node]]
        node = model.left[node] + (values > model.threshold[node])
    leaf_values = model.value[node]
    scores = np.zeros((n, len(model.class_names)))
    for k in range(len(model.class_names)):
        scores[:, k] = leaf_values[:, model.tree_class == k].sum(axis=1)
    return scores


def _random_model(rng: np.random.Generator, n_trees: int, depth: int, n_features: int,
                  n_classes: int) -> TreeEnsemble:
    """Random trees in the runtime's layout (right child after left, leaves loop)."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    value: list[float] = []

    def new_nodes(count: int) -> int:
        at = len(feature)
        feature.extend([0] * count)
        threshold.extend([np.inf] * count)
        left.extend(range(at, at + count))
        value.extend([0.0] * count)
        return at

    def grow(at: int, level: int) -> None:
        if level < depth and rng.random() < 0.8:
            children = new_nodes(2)
            feature[at] = int(rng.integers(n_features))
            threshold[at] = float(np.float32(rng.normal()))
            left[at] = children
            grow(children, level + 1)
            grow(children + 1, level + 1)
        else:
            value[at] = float(rng.normal())

    roots = []
    for _ in range(n_trees):
        roots.append(new_nodes(1))
        grow(roots[-1], 0)
    return TreeEnsemble(
        feature_names=tuple(f"f{i}" for i in range(n_features)),
        class_names=tuple(f"c{k}" for k in range(n_classes)),
        feature=np.array(feature, dtype=np.int32),
        threshold=np.array(threshold, dtype=np.float32),
        left=np.array(left, dtype=np.int32),
        value=np.array(value),
        roots=np.array(roots, dtype=np.int32),
        tree_class=(np.arange(n_trees) % n_classes).astype(np.int32),
        max_depth=depth,
    )


def test_an_average_of_models_scores_their_mean(descent: str) -> None:
    from training.export import average

    rng = np.random.default_rng(5)
    models = [_random_model(rng, n_trees=int(rng.integers(4, 30)), depth=int(rng.integers(2, 9)),
                            n_features=12, n_classes=4) for _ in range(3)]
    mean = average(models)
    assert len(mean.roots) == sum(len(m.roots) for m in models)
    assert mean.max_depth == max(m.max_depth for m in models)
    x = rng.normal(size=(300, 12))
    expected = np.mean([m.raw_scores(x) for m in models], axis=0)
    assert np.allclose(mean.raw_scores(x), expected, rtol=0, atol=1e-12)
    assert np.array_equal(average(models[:1]).raw_scores(x), models[0].raw_scores(x))


def test_only_models_over_the_same_features_average() -> None:
    from training.export import average

    rng = np.random.default_rng(6)
    one = _random_model(rng, n_trees=4, depth=3, n_features=5, n_classes=2)
    other = _random_model(rng, n_trees=4, depth=3, n_features=6, n_classes=2)
    with pytest.raises(ValueError, match="same features"):
        average([one, other])


@pytest.mark.parametrize("seed", range(6))
def test_packed_descent_equals_the_plain_loop_bit_for_bit(seed: int, descent: str) -> None:
    rng = np.random.default_rng(seed)
    model = _random_model(rng, n_trees=int(rng.integers(1, 40)), depth=int(rng.integers(1, 11)),
                          n_features=int(rng.integers(1, 200)), n_classes=int(rng.integers(1, 5)))
    for rows in (0, 1, 2, 7, DESCENT_ROWS, DESCENT_ROWS + 1, 3 * DESCENT_ROWS + 5,
                 CHUNK_ROWS + 1, 2 * CHUNK_ROWS + 2):
        x = rng.normal(size=(rows, len(model.feature_names)))
        x[rng.random(x.shape) < 0.02] = np.nan
        assert np.array_equal(model.raw_scores(x), _plain_raw_scores(model, x))


def test_packaged_models_equal_the_plain_loop_bit_for_bit(descent: str) -> None:
    from cleaner.classify import load_model, load_title_model
    from cleaner.page_type import load_page_type_model

    rng = np.random.default_rng(0)
    for model in (load_model(), load_page_type_model()[1], load_title_model()):
        scale = rng.choice([0.1, 1.0, 10.0, 1000.0], size=(300, 1))
        x = rng.normal(size=(300, len(model.feature_names))) * scale
        assert np.array_equal(model.raw_scores(x), _plain_raw_scores(model, x))


def test_the_c_descent_rejects_what_it_cannot_read() -> None:
    if not trees.NATIVE:
        pytest.skip("cleaner._descend is not built")
    from cleaner import _descend

    model = _stump_model()
    layout = model._layout
    x = np.zeros((3, 2), dtype=np.float32)
    out = np.empty((3, 2), dtype=np.int64)
    _descend.leaves(layout.packed, layout.feature_bits, layout.roots, x, 2, 1, out)
    assert out.tolist() == [[1, 4]] * 3
    with pytest.raises(TypeError, match="x"):  # float64 rows: the caller converts them
        _descend.leaves(layout.packed, layout.feature_bits, layout.roots, x.astype(float), 2,
                        1, out)
    with pytest.raises(ValueError, match="rows"):  # out of the wrong shape
        _descend.leaves(layout.packed, layout.feature_bits, layout.roots, x, 2, 1, out[:2])
    with pytest.raises(ValueError, match="outside"):  # a feature the rows do not have
        _descend.leaves(layout.packed, layout.feature_bits, layout.roots, x[:, :1].copy(), 1,
                        1, out)
    broken = layout.packed.copy()
    broken[0] = np.int64(1_000_000) << (32 + layout.feature_bits)  # a child past the end
    with pytest.raises(ValueError, match="outside"):
        _descend.leaves(broken, layout.feature_bits, layout.roots, x, 2, 1, out)
    with pytest.raises(ValueError, match="outside"):  # a root past the end
        _descend.leaves(layout.packed, layout.feature_bits, layout.roots + 100, x, 2, 1, out)
    # the last node pointing to itself with a finite threshold: its right child would be
    # past the end (the nodes are checked before the descent, reached or not)
    last = len(layout.packed) - 1
    finite = layout.packed.copy()
    finite[last] = ((np.int64(last) << (32 + layout.feature_bits))
                    | np.int64(np.float32(0.5).view(np.uint32)))
    with pytest.raises(ValueError, match="outside"):
        _descend.leaves(finite, layout.feature_bits, layout.roots, x, 2, 1, out)
    finite[last] = (np.int64(last) << (32 + layout.feature_bits)
                    | np.int64(np.float32(np.inf).view(np.uint32)))  # a leaf: fine
    _descend.leaves(finite, layout.feature_bits, layout.roots, x, 2, 1, out)
    # A read-only model is checked on its first call only; one that has become writable
    # since is checked again (a read-only one that never passed is not trusted either).
    assert not layout.packed.flags.writeable and not layout.roots.flags.writeable
    model_nodes = layout.packed.copy()
    model_nodes.flags.writeable = False
    _descend.leaves(model_nodes, layout.feature_bits, layout.roots, x, 2, 1, out)
    model_nodes.flags.writeable = True
    model_nodes[0] = np.int64(1_000_000) << (32 + layout.feature_bits)
    with pytest.raises(ValueError, match="outside"):
        _descend.leaves(model_nodes, layout.feature_bits, layout.roots, x, 2, 1, out)
    broken.flags.writeable = False
    with pytest.raises(ValueError, match="outside"):
        _descend.leaves(broken, layout.feature_bits, layout.roots, x, 2, 1, out)


def test_the_c_sums_reject_what_they_cannot_read() -> None:
    if not trees.NATIVE:
        pytest.skip("cleaner._descend is not built")
    from cleaner import _descend

    values = np.array([0.0, 1.0, -1.0, 0.0, -0.5, 0.5])
    leaves = np.array([[1, 4], [2, 5]], dtype=np.int64)
    classes = np.array([0, 1], dtype=np.int64)
    out = np.empty((2, 2))
    _descend.sums(leaves, values, classes, 2, out)
    assert out.tolist() == [[1.0, -0.5], [-1.0, 0.5]]
    with pytest.raises(ValueError, match="out of range"):  # a leaf past the values
        _descend.sums(leaves + 10, values, classes, 2, out)
    with pytest.raises(ValueError, match="out of range"):  # a class past the columns
        _descend.sums(leaves, values, classes + 1, 2, out)
    with pytest.raises(ValueError, match="rows x"):  # out of the wrong shape
        _descend.sums(leaves, values, classes, 2, np.empty((3, 2)))
    with pytest.raises(TypeError, match="values"):  # float32 values: the caller converts
        _descend.sums(leaves, values.astype(np.float32), classes, 2, out)
