"""A tiny runtime for gradient-boosted trees exported from LightGBM.

Owns evaluating a packaged tree ensemble on a feature matrix with NumPy only, so the runtime
needs neither LightGBM nor scikit-learn. The format (written by ``training/export.py``) is an
``.npz`` of flat node arrays: every tree's nodes live in one array; a node's right child sits
right after its left child, so one step is ``node = left[node] + (x > threshold[node])``; a
leaf points to itself with an infinite threshold. All trees descend in lockstep for
``max_depth`` vectorised steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np

#: Rows evaluated at once: the descent holds a few (rows x trees) arrays.
CHUNK_ROWS = 2048


@dataclass(frozen=True)
class TreeEnsemble:
    feature_names: tuple[str, ...]
    class_names: tuple[str, ...]
    feature: np.ndarray  # int32 per node (0 at leaves)
    threshold: np.ndarray  # float32 per node, rounded down from LightGBM's double; +inf at leaves
    left: np.ndarray  # int32 per node: the left child (right child = left + 1); leaf: itself
    value: np.ndarray  # float64 per node (leaf output; 0 elsewhere)
    roots: np.ndarray  # int32 per tree
    tree_class: np.ndarray  # int32 per tree: the class whose score the tree adds to
    max_depth: int

    @classmethod
    def load(cls, file: str | Path | IO[bytes]) -> TreeEnsemble:
        with np.load(file, allow_pickle=False) as data:
            return cls(
                feature_names=tuple(str(x) for x in data["feature_names"]),
                class_names=tuple(str(x) for x in data["class_names"]),
                feature=data["feature"].astype(np.int32),
                threshold=data["threshold"].astype(np.float32),
                left=data["left"].astype(np.int32),
                value=data["value"].astype(np.float64),
                roots=data["roots"].astype(np.int32),
                tree_class=data["tree_class"].astype(np.int32),
                max_depth=int(data["max_depth"]),
            )

    def save(self, file: str | Path) -> None:
        np.savez_compressed(
            file,
            feature_names=np.array(self.feature_names),
            class_names=np.array(self.class_names),
            feature=self.feature.astype(np.int16 if len(self.feature_names) < 32000 else np.int32),
            threshold=self.threshold.astype(np.float32),
            left=self.left,
            value=self.value.astype(np.float32),
            roots=self.roots,
            tree_class=self.tree_class.astype(np.int16),
            max_depth=np.array(self.max_depth),
        )

    def raw_scores(self, features: np.ndarray) -> np.ndarray:
        """Summed tree outputs, shape (rows, classes); rows go in chunks to bound memory."""
        n = features.shape[0]
        if n <= CHUNK_ROWS:
            return self._raw_scores(features)
        return np.vstack([self._raw_scores(features[i:i + CHUNK_ROWS])
                          for i in range(0, n, CHUNK_ROWS)])

    def _raw_scores(self, features: np.ndarray) -> np.ndarray:
        n = features.shape[0]
        n_classes = len(self.class_names)
        if n == 0:
            return np.zeros((0, n_classes))
        x = np.ascontiguousarray(features, dtype=np.float32)
        flat = x.ravel()
        offsets = (np.arange(n, dtype=np.int32) * x.shape[1])[:, None]
        node = np.broadcast_to(self.roots, (n, len(self.roots))).copy()
        for _ in range(self.max_depth):
            values = flat[offsets + self.feature[node]]
            node = self.left[node] + (values > self.threshold[node])
        leaf_values = self.value[node]
        scores = np.zeros((n, n_classes))
        for k in range(n_classes):
            scores[:, k] = leaf_values[:, self.tree_class == k].sum(axis=1)
        return scores

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities (softmax over the raw scores), shape (rows, classes)."""
        scores = self.raw_scores(features)
        if len(self.class_names) == 1:
            return 1.0 / (1.0 + np.exp(-scores))
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)
