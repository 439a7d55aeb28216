"""Export a trained LightGBM booster to cleaner's NumPy tree format (cleaner/trees.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from cleaner.trees import TreeEnsemble


def _round_down_f32(threshold: float) -> np.float32:
    """The largest float32 <= threshold: for float32 inputs, x <= t iff x <= this."""
    low = np.float32(threshold)
    if float(low) > threshold:
        low = np.nextafter(low, np.float32(-np.inf))
    return low


#: LightGBM objectives whose model gives a score to rank by, not a probability.
RANKING_OBJECTIVES = frozenset({"lambdarank", "rank_xendcg"})


def save_checked(booster: Any, class_names: tuple[str, ...], sample: np.ndarray,
                 out: Path) -> TreeEnsemble:
    """Export ``booster``, check that it predicts ``sample`` as LightGBM does, save it."""
    model = checked_export(booster, class_names, sample)
    model.save(out)
    return model


def checked_export(booster: Any, class_names: tuple[str, ...],
                   sample: np.ndarray) -> TreeEnsemble:
    """Export ``booster`` and check that it predicts ``sample`` as LightGBM does (a ranking
    model's raw scores, which are all it gives; any other model's probabilities)."""
    model = export_booster(booster, class_names)
    if getattr(booster, "params", {}).get("objective") in RANKING_OBJECTIVES:
        got = model.raw_scores(sample)
        expected = np.asarray(booster.predict(sample, raw_score=True))
    else:
        got = model.predict_proba(sample)
        expected = np.asarray(booster.predict(sample))
    assert np.allclose(expected.reshape(len(sample), -1), got.reshape(len(sample), -1),
                       atol=1e-4), "export mismatch"
    return model


def average(models: Sequence[TreeEnsemble]) -> TreeEnsemble:
    """One ensemble whose raw scores are the mean of ``models``' (same features and classes):
    their trees side by side, each leaf value divided by their number. The runtime reads it
    as any other model; it costs the sum of their trees."""
    first = models[0]
    if any(m.feature_names != first.feature_names or m.class_names != first.class_names
           for m in models):
        raise ValueError("only models over the same features and classes can be averaged")
    offsets = np.cumsum([0] + [len(m.left) for m in models[:-1]]).tolist()
    nodes = list(zip(models, offsets, strict=True))
    return TreeEnsemble(
        feature_names=first.feature_names,
        class_names=first.class_names,
        feature=np.concatenate([m.feature for m in models]),
        threshold=np.concatenate([m.threshold for m in models]),
        left=np.concatenate([m.left + at for m, at in nodes]).astype(np.int32),
        value=np.concatenate([m.value for m in models]) / len(models),
        roots=np.concatenate([m.roots + at for m, at in nodes]).astype(np.int32),
        tree_class=np.concatenate([m.tree_class for m in models]),
        max_depth=max(m.max_depth for m in models),
    )


def export_booster(booster: Any, class_names: tuple[str, ...]) -> TreeEnsemble:
    dump = booster.dump_model()
    feature_names = tuple(dump["feature_names"])
    n_classes = max(1, int(dump.get("num_class", 1)))
    feature: list[int] = []
    threshold: list[np.float32] = []
    left: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    tree_class: list[int] = []
    max_depth = 0

    def new_node() -> int:
        feature.append(0)
        threshold.append(np.float32(np.inf))
        left.append(len(left))
        value.append(0.0)
        return len(feature) - 1

    def fill(index: int, node: dict[str, Any], depth: int) -> None:
        """Write ``node`` at ``index``; its two children get adjacent slots."""
        nonlocal max_depth
        if "leaf_value" in node:
            value[index] = float(node["leaf_value"])
            max_depth = max(max_depth, depth)
            return
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')!r}")
        feature[index] = int(node["split_feature"])
        threshold[index] = _round_down_f32(float(node["threshold"]))
        first = new_node()
        new_node()
        left[index] = first
        fill(first, node["left_child"], depth + 1)
        fill(first + 1, node["right_child"], depth + 1)

    for i, tree in enumerate(dump["tree_info"]):
        root = new_node()
        fill(root, tree["tree_structure"], 0)
        roots.append(root)
        tree_class.append(i % n_classes)
    return TreeEnsemble(
        feature_names=feature_names,
        class_names=class_names,
        feature=np.array(feature, dtype=np.int32),
        threshold=np.array(threshold, dtype=np.float32),
        left=np.array(left, dtype=np.int32),
        value=np.array(value, dtype=np.float64),
        roots=np.array(roots, dtype=np.int32),
        tree_class=np.array(tree_class, dtype=np.int32),
        max_depth=max_depth,
    )
