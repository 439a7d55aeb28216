"""Export a trained LightGBM booster to cleaner's NumPy tree format (cleaner/trees.py)."""

from __future__ import annotations

from typing import Any

import numpy as np

from cleaner.trees import TreeEnsemble


def export_booster(booster: Any, class_names: tuple[str, ...]) -> TreeEnsemble:
    dump = booster.dump_model()
    feature_names = tuple(dump["feature_names"])
    n_classes = max(1, int(dump.get("num_class", 1)))
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    tree_class: list[int] = []
    max_depth = 0

    def add(node: dict[str, Any], depth: int) -> int:
        nonlocal max_depth
        index = len(feature)
        feature.append(-1)
        threshold.append(np.inf)
        left.append(index)
        right.append(index)
        value.append(0.0)
        if "leaf_value" in node:
            value[index] = float(node["leaf_value"])
            max_depth = max(max_depth, depth)
            return index
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')!r}")
        feature[index] = int(node["split_feature"])
        threshold[index] = float(node["threshold"])
        left[index] = add(node["left_child"], depth + 1)
        right[index] = add(node["right_child"], depth + 1)
        return index

    for i, tree in enumerate(dump["tree_info"]):
        roots.append(add(tree["tree_structure"], 0))
        tree_class.append(i % n_classes)
    return TreeEnsemble(
        feature_names=feature_names,
        class_names=class_names,
        feature=np.array(feature, dtype=np.int32),
        threshold=np.array(threshold, dtype=np.float64),
        left=np.array(left, dtype=np.int32),
        right=np.array(right, dtype=np.int32),
        value=np.array(value, dtype=np.float64),
        roots=np.array(roots, dtype=np.int32),
        tree_class=np.array(tree_class, dtype=np.int32),
        max_depth=max_depth,
    )
