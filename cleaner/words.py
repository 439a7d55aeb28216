"""The block word model: what the words of a block say it is, learned, for the block model.

Owns reading a block as hashed words (its lowercase words, its word pairs, its first and
last word: ``block_word_rows``), the packaged linear model over them (``data/words.npz``,
``load_word_model``) and the columns the text block model reads from its scores
(``word_features``: the block's four class scores and the body and other scores of the two
blocks on each side). The hand-made lexicon names furniture in a few languages; this model
learnt which words and pairs mark furniture, body, titles and captions from every dev page
in the five renderings ("share", "reply", "pictured", "cookies", in every language the
data holds). It is trained by ``python -m training.train`` (scikit-learn's SGD, one
class against the rest) and evaluated with NumPy, or by the optional C extension
``cleaner._wordhash`` where it was built (the same scores to the bit). It does not decide
anything itself: the block model weighs its scores with everything else.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import IO

import numpy as np

from .features import lower_words
from .lexicon import MEMO_MAX_CHARS, MEMO_SIZE

try:  # the optional C scores (cleaner/_wordhash.c); the NumPy ones are the same to the bit
    from . import _wordhash as _native
except ImportError:  # pragma: no cover - depends on the build
    _native = None  # type: ignore[assignment]

#: Whether the word model's scores are computed in C (``cleaner._wordhash``).
NATIVE = _native is not None

#: The word model's classes, in the order of the block model's (``classify.CLASSES``).
WORD_CLASSES = ("other", "body", "title", "caption")
#: Hash buckets of the words and word pairs: 2**18 kept collisions rare for the ~2 million
#: distinct words and pairs of the dev pages at a packaged size of about 1.5 MB.
WORD_BITS = 18
#: Words of a block that are read, from its first characters (a 10 MB line says what it
#: is in its first words).
MAX_BLOCK_WORDS = 2000
_MAX_BLOCK_CHARS = 40 * MAX_BLOCK_WORDS
#: Offsets of the neighbours whose body and other scores the block model reads.
_NEIGHBOURS = (-1, -2, 1, 2)

WORD_FEATURE_NAMES: tuple[str, ...] = (
    *(f"w_{c}" for c in WORD_CLASSES),
    *(f"w{'p' if off < 0 else 'n'}{abs(off)}_{c}" for off in _NEIGHBOURS
      for c in WORD_CLASSES[:2]),
)


def block_words(text: str) -> list[str]:
    """The lowercase words of a block that the word model reads (its first
    ``MAX_BLOCK_WORDS``). Shared with ``features.lower_words``' memo: not to be mutated."""
    words = lower_words(text[:_MAX_BLOCK_CHARS])
    return words if len(words) <= MAX_BLOCK_WORDS else words[:MAX_BLOCK_WORDS]


def block_tokens(text: str) -> list[str]:
    """What the word model reads of a block: its lowercase words, its word pairs, and its
    first and last word marked as such (``<nowords>`` for a block without words)."""
    words = block_words(text)
    if not words:
        return ["<nowords>"]
    return [*words, *map(" ".join, zip(words, words[1:], strict=False)),
            f"^{words[0]}", f"${words[-1]}"]


def block_word_rows(texts: Sequence[str], bits: int = WORD_BITS) -> tuple[np.ndarray, np.ndarray]:
    """The hashed tokens of every block as a sparse binary matrix in CSR form:
    ``(indptr, indices)``, each row's buckets sorted and distinct. The hash is CRC-32, the
    same in every process (Python's ``hash`` of a str is not)."""
    mask = (1 << bits) - 1
    tokens = [block_tokens(text) for text in texts]
    # every distinct token of the page hashed once; the rest is lookups in C
    bucket = {token: zlib.crc32(token.encode("utf-8", "surrogatepass")) & mask
              for token in set(chain.from_iterable(tokens))}
    rows = [sorted(set(map(bucket.__getitem__, row))) for row in tokens]
    indptr = np.zeros(len(rows) + 1, dtype=np.intp)
    np.cumsum([len(row) for row in rows], out=indptr[1:])
    indices = np.fromiter(chain.from_iterable(rows), dtype=np.intp, count=int(indptr[-1]))
    return indptr, indices


#: ``WordModel.scores_of`` hashes at most this many block texts at once.
CHUNK_TEXTS = 4096


@dataclass(frozen=True)
class WordModel:
    """A linear model over ``block_word_rows``: weights (buckets x classes), bias per class.
    A row's tokens weigh ``1 / sqrt(count)`` each, so long and short blocks score alike."""

    weights: np.ndarray  # float32, (2**bits, classes)
    bias: np.ndarray  # float32, (classes,)
    #: Scores of recent short block texts (``scores_of``): the stable body reads every body
    #: block a second time, and a site's menus recur on each of its pages.
    _memo: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    @property
    def bits(self) -> int:
        return int(self.weights.shape[0]).bit_length() - 1

    @classmethod
    def load(cls, file: str | Path | IO[bytes]) -> WordModel:
        with np.load(file, allow_pickle=False) as data:
            classes = tuple(str(c) for c in data["class_names"])
            if classes != WORD_CLASSES:
                raise ValueError(f"word model classes {classes} != {WORD_CLASSES}")
            # row-major: a bucket's class weights side by side, as the lookups read them
            return cls(weights=np.ascontiguousarray(data["weights"], dtype=np.float32),
                       bias=data["bias"].astype(np.float32))

    def save(self, file: str | Path) -> None:
        np.savez_compressed(file, class_names=np.array(WORD_CLASSES),
                            weights=self.weights.astype(np.float16),
                            bias=self.bias.astype(np.float32))

    def scores_of(self, texts: Sequence[str]) -> np.ndarray:
        """``scores`` of ``block_word_rows(texts)``, the same to the bit (a row's score is
        summed from its own buckets alone), with the scores of texts up to
        ``MEMO_MAX_CHARS`` characters remembered (the last ``MEMO_SIZE`` or so)."""
        memo = self._memo
        missing = [i for i, text in enumerate(texts)
                   if len(text) > MEMO_MAX_CHARS or text not in memo]
        # in chunks: a huge page's tokens are not all held at once (a row's score is its own)
        fresh = np.zeros((0, len(self.bias)), dtype=np.float32)
        if missing:
            fresh = np.concatenate([self._fresh_scores([texts[i] for i in
                                                        missing[k:k + CHUNK_TEXTS]])
                                    for k in range(0, len(missing), CHUNK_TEXTS)])
        if len(missing) == len(texts):
            out = fresh
        else:
            out = np.empty((len(texts), len(self.bias)), dtype=np.float32)
            out[missing] = fresh
            known = np.setdiff1d(np.arange(len(texts)), missing, assume_unique=True)
            out[known] = [memo[texts[i]] for i in known.tolist()]
        if len(memo) + len(missing) > MEMO_SIZE:
            memo.clear()  # bounded: start afresh rather than track recency
        for i, row in zip(missing, fresh, strict=True):
            if len(texts[i]) <= MEMO_MAX_CHARS and len(memo) < MEMO_SIZE:
                memo[texts[i]] = row.copy()  # not a view that keeps the page's array
        return out

    def _fresh_scores(self, texts: list[str]) -> np.ndarray:
        """``scores`` of ``block_word_rows(texts)``: in C where it is built (the same to
        the bit, ``cleaner/_wordhash.c``, which reads C-contiguous float32 weights)."""
        if (_native is None or self.weights.dtype != np.float32 or self.bias.dtype != np.float32
                or not (self.weights.flags.c_contiguous and self.bias.flags.c_contiguous)):
            return self.scores(*block_word_rows(texts, self.bits))
        out = np.empty((len(texts), len(self.bias)), dtype=np.float32)
        _native.scores([block_words(text) for text in texts], self.weights, self.bias, out)
        return out

    def scores(self, indptr: np.ndarray, indices: np.ndarray) -> np.ndarray:
        """Class scores (margins) of every row, shape (rows, classes), float32."""
        n = len(indptr) - 1
        if n == 0:
            return np.zeros((0, len(self.bias)), dtype=np.float32)
        counts = np.diff(indptr)
        # every row holds at least one token (``<nowords>``), so no segment is empty
        sums = np.add.reduceat(self.weights[indices], indptr[:-1], axis=0)
        return (sums / np.sqrt(counts)[:, None] + self.bias).astype(np.float32)


@cache
def load_word_model(path: str | None = None) -> WordModel:
    """The packaged word model (or the one at ``path``), loaded once."""
    if path is not None:
        return WordModel.load(Path(path))
    with resources.files("cleaner").joinpath("data/words.npz").open("rb") as handle:
        return WordModel.load(handle)


def word_features(scores: np.ndarray) -> np.ndarray:
    """The block model's columns (``WORD_FEATURE_NAMES``) from one page's word scores: the
    block's own four, then the other and body scores of the blocks 1 and 2 before and after
    (0 past the page's ends)."""
    n = len(scores)
    columns = [scores]
    for offset in _NEIGHBOURS:
        shifted = np.zeros((n, 2), dtype=np.float32)
        if offset < 0 and n > -offset:
            shifted[-offset:] = scores[:offset, :2]
        elif offset > 0 and n > offset:
            shifted[:-offset] = scores[offset:, :2]
        columns.append(shifted)
    return np.hstack(columns).astype(np.float32)
