"""Train the block word model (``cleaner.words``) and give the text model its columns.

The text block model reads the word model's scores, so its training rows need scores from
a word model that did not see them, or the trees would trust the word model as much as it
trusts itself on its own training rows. ``training.train`` calls ``stacked_word_scores``:
for every fold ``k`` of its K folds (by page, as the trees'), the rows of fold ``k`` are
scored by a word model trained on the other folds (the fold's *outer* model, kept as
``.cache/training/fold-k-of-K-words.npz`` beside the fold's trees), and the trees of fold
``k`` train on scores of their own rows from word models that saw neither fold ``k`` nor
the row's fold (*inner* models), so no label of fold ``k`` reaches the figures of fold
``k``. The final trees train on the outer scores of every row, and the packaged word model
(``cleaner/data/words.npz``) on every row.

The hashed words of every block are cached under ``.cache/training/`` with the feature
matrices, keyed by the same code hash.
"""

from __future__ import annotations

import itertools
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from cleaner.words import (
    WORD_BITS,
    WORD_CLASSES,
    WORD_FEATURE_NAMES,
    WordModel,
    block_word_rows,
    word_features,
)

if TYPE_CHECKING:
    from training.train import PageRows

#: SGD settings: L2 strength and passes over the rows (log loss, one class against the
#: rest). First values tried in the experiment that measured the model; not tuned.
WORD_ALPHA = 2e-6
WORD_EPOCHS = 8

Rows = tuple[np.ndarray, np.ndarray]  # CSR (indptr, indices) of hashed tokens


def _page_rows(text: str) -> Rows:
    from training.labels import page_blocks

    return block_word_rows([b.text for b in page_blocks(text)])


def _concat(parts: list[Rows]) -> Rows:
    indptr, indices, offset = [np.zeros(1, dtype=np.intp)], [], 0
    for ptr, idx in parts:
        indptr.append(ptr[1:] + offset)
        indices.append(idx)
        offset += len(idx)
    return (np.concatenate(indptr),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.intp))


def word_rows(pages: list[PageRows], cache: Path, key: str) -> Rows:
    """The hashed tokens of every block of ``pages`` (rows in the feature matrix's order)."""
    parts: list[Rows] = []
    for (set_name, renderer), group in itertools.groupby(
            pages, key=lambda p: (p.set_name, p.renderer)):
        texts = [p.text for p in group]
        path = cache / f"words-{set_name}-{renderer}-{key}.npz"
        if path.exists():
            with np.load(path) as data:
                parts.append((data["indptr"], data["indices"]))
            continue
        with ProcessPoolExecutor(max_workers=2) as pool:
            rows = _concat(list(pool.map(_page_rows, texts, chunksize=16)))
        np.savez(path, indptr=rows[0], indices=rows[1])
        parts.append(rows)
    rows = _concat(parts)
    if pages and len(rows[0]) - 1 != pages[-1].end:
        raise RuntimeError("the hashed words do not match the feature matrix's rows")
    return rows


def _design(rows: Rows):  # -> scipy.sparse.csr_matrix
    """The rows as the SGD reads them: each token weighs ``1 / sqrt(count)``, as in
    ``WordModel.scores``."""
    from scipy.sparse import csr_matrix

    indptr, indices = rows
    counts = np.diff(indptr)
    values = np.repeat(1.0 / np.sqrt(np.maximum(counts, 1)), counts).astype(np.float32)
    return csr_matrix((values, indices, indptr), shape=(len(counts), 1 << WORD_BITS))


def _fit(design, y: np.ndarray, weights: np.ndarray, selected: np.ndarray) -> WordModel:
    """A word model trained on the ``selected`` rows of the design matrix; its weights are
    rounded to what the packaged file stores (float16), so training scores what the
    runtime will."""
    from sklearn.linear_model import SGDClassifier

    model = SGDClassifier(loss="log_loss", alpha=WORD_ALPHA, max_iter=WORD_EPOCHS, tol=None,
                          random_state=0, n_jobs=2)
    model.fit(design[selected], y[selected], sample_weight=weights[selected])
    if list(model.classes_) != list(range(len(WORD_CLASSES))):
        raise RuntimeError(f"word model classes {model.classes_} lack one of {WORD_CLASSES}")
    return WordModel(weights=model.coef_.T.astype(np.float16).astype(np.float32),
                     bias=model.intercept_.astype(np.float32))


def word_scores(model: WordModel, rows: Rows, chunk: int = 200_000) -> np.ndarray:
    """The model's scores of every row, in chunks of rows (to bound the gathered weights)."""
    indptr, indices = rows
    n = len(indptr) - 1
    parts = [model.scores(indptr[i:min(i + chunk, n) + 1] - indptr[i],
                          indices[indptr[i]:indptr[min(i + chunk, n)]])
             for i in range(0, n, chunk)]
    return np.vstack(parts) if parts else np.zeros((0, len(WORD_CLASSES)), dtype=np.float32)


def word_columns(pages: list[PageRows], scores: np.ndarray) -> np.ndarray:
    """``cleaner.words.word_features`` of every page, from the scores of all rows."""
    if not pages:
        return np.zeros((0, len(WORD_FEATURE_NAMES)), dtype=np.float32)
    return np.vstack([word_features(scores[p.start:p.end]) for p in pages])


class StackedWords(NamedTuple):
    outer: np.ndarray  # every row scored by the word model of the folds it is not in
    fold_models: list[WordModel]  # fold k's outer model (trained on the other folds)
    inner: list[np.ndarray]  # per fold k: the scores its trees train on (fold k's rows 0)
    final: WordModel | None  # trained on every row (the packaged model)


def stacked_word_scores(rows: Rows, y: np.ndarray, weights: np.ndarray,
                        row_fold: np.ndarray, folds: int, final: bool = True) -> StackedWords:
    """Every word model the text model's training needs (the module docstring), fitted on
    one design matrix: the fold models with their outer scores, each fold's inner scores,
    and with ``final`` the model on every row."""
    if folds < 3:
        raise ValueError("the stacked word scores need at least 3 folds")
    design = _design(rows)
    n = len(y)
    outer = np.zeros((n, len(WORD_CLASSES)), dtype=np.float32)
    models = []
    for k in range(folds):
        model = _fit(design, y, weights, row_fold != k)
        outer[row_fold == k] = word_scores(model, rows)[row_fold == k]
        models.append(model)
    inner = [np.zeros((n, len(WORD_CLASSES)), dtype=np.float32) for _ in range(folds)]
    for a, b in itertools.combinations(range(folds), 2):
        held = (row_fold == a) | (row_fold == b)
        scores = word_scores(_fit(design, y, weights, ~held), rows)
        inner[b][row_fold == a] = scores[row_fold == a]
        inner[a][row_fold == b] = scores[row_fold == b]
    every = _fit(design, y, weights, np.ones(n, dtype=bool)) if final else None
    return StackedWords(outer, models, inner, every)
