"""A tiny runtime for gradient-boosted trees exported from LightGBM.

Owns evaluating a packaged tree ensemble on a feature matrix with NumPy only, so the runtime
needs neither LightGBM nor scikit-learn. The format (written by ``training/export.py``) is an
``.npz`` of flat node arrays: every tree's nodes live in one array; a node's right child sits
right after its left child, so one step is ``node = left[node] + (x > threshold[node])``; a
leaf points to itself with an infinite threshold. All trees descend in lockstep for
``max_depth`` vectorised steps.

Speed: the descent is a handful of NumPy gathers per step over every (row, tree) pair, so
it is bound by memory traffic. Four things keep that down: each node's threshold, feature
and left child are packed into one int64 (``_Layout``), so a step gathers once from the
nodes and once from the rows; indices are ``intp`` (NumPy converts any other index dtype
on every gather); rows descend in chunks of ``DESCENT_ROWS`` so a step's arrays stay in the
CPU cache; and after the steps in ``COMPACT_AT_STEPS`` the pairs that reached a leaf leave
the descent. The scores are those of the plain loop to the last bit: the same float32
comparisons pick the same leaves, whose values are summed by the same expression over the
same chunks of ``CHUNK_ROWS``.

Where the optional C accelerator ``cleaner._descend`` is built (``setup.py``; a C compiler at
install time), it does the descent instead: the same packed nodes, the same float32
comparisons, so the same leaves, about four times as fast; and it sums their values in the
order NumPy does, so the scores are the same to the bit. ``NATIVE`` says whether it is in
use.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO, NamedTuple

import numpy as np

try:  # the optional C descent (cleaner/_descend.c); the NumPy one picks the same leaves
    from . import _descend as _native
except ImportError:  # not built: no C compiler when the package was installed
    _native = None  # type: ignore[assignment]

#: Whether the descent runs in C (``cleaner._descend``) rather than in NumPy.
NATIVE = _native is not None

#: Rows evaluated at once: the leaf values of (rows x trees) are held for the sums.
CHUNK_ROWS = 2048
#: Rows that descend at once: a step holds a few (rows x trees) arrays, and at 128 rows
#: and 800 trees each stays in the CPU cache (on the dev pages 128 ran about 1.5 times as
#: fast as 2048).
DESCENT_ROWS = 128
#: After these steps the (row, tree) pairs already at a leaf leave the descent (on the dev
#: pages about a quarter of them by step 4, half by step 7); compacting costs a pass, so
#: only twice.
COMPACT_AT_STEPS = frozenset({4, 7})
#: The packed node's high half holds ``left << feature_bits | feature`` in 31 bits.
_MAX_PACKED = 1 << 31
#: Which float32 of a packed node (viewed as two) is its threshold: the low half.
_THRESHOLD_HALF = 0 if sys.byteorder == "little" else 1


class _Layout(NamedTuple):
    """The nodes as the descent reads them, derived once from the node arrays."""

    packed: np.ndarray  # int64 per node: float32 threshold bits | (left << bits | feature) << 32
    feature_bits: int  # how many low bits of the high half hold the feature
    is_leaf: np.ndarray  # bool per node
    roots: np.ndarray  # intp per tree


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

    @cached_property
    def _layout(self) -> _Layout:
        """The packed nodes (see the module docstring); derived on first use and kept with
        the (read-only) model."""
        n_nodes = len(self.left)
        feature = np.asarray(self.feature, dtype=np.int64)
        left = np.asarray(self.left, dtype=np.int64)
        bits = max(1, int(feature.max(initial=0)).bit_length())
        if n_nodes and (int(left.max()) << bits | (1 << bits) - 1) >= _MAX_PACKED:
            raise ValueError(f"{n_nodes} nodes on {len(self.feature_names)} features do not "
                             f"fit the packed node layout")
        high = (left << bits) | feature
        low = np.asarray(self.threshold, dtype=np.float32).view(np.uint32).astype(np.int64)
        packed, roots = (high << 32) | low, np.array(self.roots, dtype=np.intp)
        for array in (packed, roots):  # the C descent checks a read-only model once
            array.flags.writeable = False
        return _Layout(
            packed=packed,
            feature_bits=bits,
            is_leaf=left == np.arange(n_nodes),
            roots=roots,
        )

    @cached_property
    def _sum_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """``value`` and ``tree_class`` as the C sums read them (float64, int64)."""
        return (np.ascontiguousarray(self.value, dtype=np.float64),
                np.ascontiguousarray(self.tree_class, dtype=np.int64))

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
        if _native is not None:
            layout = self._layout
            node = np.empty((n, len(self.roots)), dtype=np.int64)
            _native.leaves(layout.packed, layout.feature_bits,
                           layout.roots.astype(np.int64, copy=False), x, x.shape[1],
                           self.max_depth, node)
        else:
            node = np.concatenate([self._leaves(x[i:i + DESCENT_ROWS])
                                   for i in range(0, n, DESCENT_ROWS)])
        # Summed exactly as the plain loop summed them: NumPy adds up a boolean-masked
        # selection of one row pairwise but of several rows in tree order, so the chunks
        # (and the expression) stay as they were for scores equal to the last bit. The C
        # sums add in tree order: they serve from two rows on.
        if _native is not None and n > 1:
            scores = np.empty((n, n_classes))
            _native.sums(node, *self._sum_arrays, n_classes, scores)
            return scores
        leaf_values = self.value[node]
        scores = np.zeros((n, n_classes))
        for k in range(n_classes):
            scores[:, k] = leaf_values[:, self.tree_class == k].sum(axis=1)
        return scores

    def _leaves(self, x: np.ndarray) -> np.ndarray:
        """The leaf every tree reaches for every row of ``x`` (C-contiguous float32), shape
        (rows, trees): the packed descent of the module docstring."""
        layout = self._layout
        n, n_trees = x.shape[0], len(self.roots)
        flat = x.ravel()
        # One entry per (row, tree) pair, row-major: where the row's features start, and
        # the node the pair has reached.
        row_start = np.repeat(np.arange(n, dtype=np.intp) * x.shape[1], n_trees)
        active = np.tile(layout.roots, n)  # the node each pair still descending is at
        node = active  # the node of every pair, once some are dropped from ``active``
        at: np.ndarray | None = None  # where the pairs of ``active`` sit in ``node``
        packed, bits = layout.packed, layout.feature_bits
        feature_mask = (1 << bits) - 1
        for step in range(self.max_depth):
            if step in COMPACT_AT_STEPS:  # pairs at a leaf stay there: drop them
                if at is None:
                    node = active
                    at = np.flatnonzero(~layout.is_leaf[active])
                    active, row_start = active[at], row_start[at]
                else:
                    node[at] = active
                    descending = ~layout.is_leaf[active]
                    at, active = at[descending], active[descending]
                    row_start = row_start[descending]
            nodes = packed[active]
            high = nodes >> 32
            values = flat[row_start + (high & feature_mask)]
            active = (high >> bits) + (values > nodes.view(np.float32)[_THRESHOLD_HALF::2])
        if at is None:
            node = active
        else:
            node[at] = active
        return node.reshape(n, n_trees)

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities (softmax over the raw scores), shape (rows, classes)."""
        scores = self.raw_scores(features)
        if len(self.class_names) == 1:
            return 1.0 / (1.0 + np.exp(-scores))
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)
