"""Train the page-type model, report its out-of-fold accuracy, export it.

    python -m training.page_type [--data ../shared/data] [--folds 5] [--cache-key KEY]

Every page of both data sets in every renderer is one row. Two models, stacked: a logistic
regression over the page's hashed bag of words (scikit-learn, exported as a weight matrix),
whose out-of-fold probabilities join ``cleaner.page_type``'s summary of the blocks, block
features (the matrices cached by ``training.train``, built first when missing) and block
probabilities (out of fold: each page's from the fold block models of ``training.train``
that did not train on it, which must be there) as the input of small gradient-boosted
trees. Labels: the WCXB page type, and "article" for the pages of the
articles set (weighted down, so they do not drown the six other types). Folds by page, as in
``training.train``; the out-of-fold accuracy against the WCXB labels is printed per renderer
with the confusion matrix, and the fold models are left in ``.cache/training/``
(``fold-K-of-N-page-type.npz`` and its ``_words.npz``, which ``training.train.fold_config``
hands to ``benchmarks.quality --oof N``); then a model on all pages is written to
``cleaner/data/page_type.npz``. Deterministic (fixed seeds, one thread).

With ``--url`` it trains the model for pages whose URL is known instead, stacked the same
way: a logistic regression over the URL's hashed words (``cleaner.page_type.url_words``,
the page record's ``url``), whose out-of-fold probabilities join the rows above, and trees
over both (``fold-K-of-N-page-type_url.npz``, ``cleaner/data/page_type_url.npz``, each with
its ``_words.npz``). The page-type model itself is left as it is.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from cleaner.config import Config
from cleaner.normalize import normalize_blocks
from cleaner.page_type import (
    PAGE_FEATURE_NAMES,
    PAGE_TYPES,
    URL_BUCKETS,
    URL_PAGE_FEATURE_NAMES,
    WORD_BUCKETS,
    bag_of_words,
    page_type_features,
    page_type_url_path,
    page_type_words_path,
    url_bag,
)
from cleaner.segment import segment_text
from training.export import save_checked
from training.train import (
    CACHE,
    RENDERERS,
    REPO,
    RUNTIME_PARAMS,
    SETS,
    build_matrix,
    code_key,
    fold_of,
    fold_path,
    out_of_fold_proba,
)

PARAMS = {
    **RUNTIME_PARAMS,
    "objective": "multiclass",
    "num_class": len(PAGE_TYPES),
    "learning_rate": 0.05,
    "num_leaves": 15,
    "max_depth": 6,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
}
ROUNDS = 300
#: Inverse regularisation of the word model (scikit-learn's C).
WORDS_C = 4.0
#: Weight of an articles-set page (all of them articles) against a WCXB page.
ARTICLES_WEIGHT = 0.3
#: The folds of ``training.train``'s block models, whose out-of-fold probabilities the rows
#: summarise.
BLOCK_FOLDS = 3


def page_inputs(data: Path, key: str):
    """Pages, bags of words (sparse), block summaries (word-model columns left 0), labels;
    cached under the feature-matrix key."""
    from scipy import sparse

    pages, x, _ = build_matrix(data, SETS, RENDERERS, key)
    cache = CACHE / f"page-type-{key}-{len(PAGE_FEATURE_NAMES)}.npz"
    words_cache = CACHE / f"page-type-words-{key}.npz"
    if cache.exists() and words_cache.exists():
        with np.load(cache) as stored:
            return pages, sparse.load_npz(words_cache), stored["rows"], stored["labels"]
    block_proba = out_of_fold_proba(pages, x, BLOCK_FOLDS, False, key)
    config = Config()
    words = np.zeros((len(pages), WORD_BUCKETS), dtype=np.float32)
    rows = np.zeros((len(pages), len(PAGE_FEATURE_NAMES)), dtype=np.float32)
    labels = np.zeros(len(pages), dtype=np.int32)
    no_words = np.zeros(len(PAGE_TYPES))
    for i, page in enumerate(pages):
        blocks = normalize_blocks(segment_text(page.text), config)
        words[i] = bag_of_words(blocks)
        rows[i] = page_type_features(blocks, x[page.start:page.end], no_words,
                                     block_proba[page.start:page.end])[0]
        kind = page.record.get("page_type") if page.set_name == "wcxb" else "article"
        labels[i] = PAGE_TYPES.index(kind or "article")
    sparse_words = sparse.csr_matrix(words)
    sparse.save_npz(words_cache, sparse_words)
    np.savez(cache, rows=rows, labels=labels)
    return pages, sparse_words, rows, labels


def page_rows(data: Path, key: str, folds: int):
    """Pages, their feature rows (word-model probabilities out of fold), labels, the fold
    word models and the word model on all pages."""
    pages, words, rows, labels = page_inputs(data, key)
    weight = np.array([ARTICLES_WEIGHT if p.set_name == "articles" else 1.0 for p in pages])
    fold = np.array([fold_of(p.record["id"], folds) for p in pages])
    word_oof = np.zeros((len(pages), len(PAGE_TYPES)))
    fold_words = []
    for k in range(folds):
        train = fold != k
        fold_words.append(fit_words(words[train], labels[train], weight[train]))
        word_oof[~train] = fold_words[k].predict_proba(words[~train])
    word_model = fit_words(words, labels, weight)
    rows = rows.copy()
    rows[:, :len(PAGE_TYPES)] = word_oof  # the word model's columns come first
    return pages, rows, labels, weight, fold, word_oof, fold_words, word_model


def fit_words(x: np.ndarray, y: np.ndarray, w: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=WORDS_C, max_iter=300)
    return model.fit(x, y, sample_weight=w)


def export_words(model, path: Path, buckets: int = WORD_BUCKETS) -> None:
    weights = np.zeros((len(PAGE_TYPES), buckets), dtype=np.float32)
    bias = np.zeros(len(PAGE_TYPES), dtype=np.float32)
    weights[model.classes_] = model.coef_
    bias[model.classes_] = model.intercept_
    np.savez_compressed(path, weights=weights, bias=bias)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray,
        names: tuple[str, ...] = PAGE_FEATURE_NAMES):
    import lightgbm as lgb

    data = lgb.Dataset(x, label=y, weight=w, feature_name=list(names))
    return lgb.train(PARAMS, data, num_boost_round=ROUNDS)


def url_rows(pages, x: np.ndarray, y: np.ndarray, w: np.ndarray, fold: np.ndarray,
             folds: int):
    """The rows of the model for pages with a known URL: the page rows and the URL word
    model's probabilities, out of fold; with the fold URL word models and the one on all
    pages."""
    from scipy import sparse

    bags = sparse.csr_matrix(np.stack([url_bag(p.record.get("url") or "") for p in pages]))
    url_oof = np.zeros((len(pages), len(PAGE_TYPES)))
    fold_urls = []
    for k in range(folds):
        train = fold != k
        fold_urls.append(fit_words(bags[train], y[train], w[train]))
        url_oof[~train] = _proba(fold_urls[k], bags[~train])
    print(f"URL word model alone, out of fold, WCXB: "
          f"{np.mean(url_oof.argmax(axis=1)[_wcxb(pages)] == y[_wcxb(pages)]):.3f}")
    return np.hstack([x, url_oof]), fold_urls, fit_words(bags, y, w)


def _proba(model, x) -> np.ndarray:
    """A fitted scikit-learn classifier's probabilities over every page type (a type it
    never saw gets 0)."""
    out = np.zeros((x.shape[0], len(PAGE_TYPES)))
    out[:, model.classes_] = model.predict_proba(x)
    return out


def _wcxb(pages) -> np.ndarray:
    return np.array([p.set_name == "wcxb" for p in pages])


def report(pages, y: np.ndarray, oof: np.ndarray) -> None:
    """Out-of-fold accuracy per renderer against the WCXB labels, and the confusion."""
    guess = oof.argmax(axis=1)
    wcxb = _wcxb(pages)
    print("\nOut-of-fold page-type accuracy against the WCXB labels:\n")
    print("| renderer | pages | accuracy |\n|---|---|---|")
    for renderer in RENDERERS:
        sel = wcxb & np.array([p.renderer == renderer for p in pages])
        print(f"| {renderer} | {sel.sum()} | {np.mean(guess[sel] == y[sel]):.3f} |")
    arts = ~wcxb
    print(f"\narticles set (all articles): {np.mean(guess[arts] == y[arts]):.3f} called article")
    sel = wcxb & np.array([p.renderer == "html_text" for p in pages])
    print("\nConfusion (html_text, rows gold, columns predicted):\n")
    print("| gold \\ predicted | " + " | ".join(PAGE_TYPES) + " |")
    print("|---|" + "---|" * len(PAGE_TYPES))
    for a, name in enumerate(PAGE_TYPES):
        counts = [int(np.sum((y[sel] == a) & (guess[sel] == b))) for b in range(len(PAGE_TYPES))]
        print(f"| {name} | " + " | ".join(map(str, counts)) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache-key", help="feature matrices cached under this key")
    parser.add_argument("--out", type=Path, default=REPO / "cleaner" / "data" / "page_type.npz")
    parser.add_argument("--no-final", action="store_true")
    parser.add_argument("--url", action="store_true",
                        help="train the model for pages whose URL is known instead")
    args = parser.parse_args(argv)
    t0 = time.time()
    key = args.cache_key or code_key()
    pages, x, y, w, fold, word_oof, fold_words, word_model = page_rows(args.data, key,
                                                                        args.folds)
    print(f"{len(pages)} page renderings, {time.time() - t0:.0f}s", flush=True)
    names, out = PAGE_FEATURE_NAMES, args.out
    if args.url:
        x, fold_urls, url_model = url_rows(pages, x, y, w, fold, args.folds)
        names, out = URL_PAGE_FEATURE_NAMES, page_type_url_path(args.out)
    oof = np.zeros((len(pages), len(PAGE_TYPES)))
    for k in range(args.folds):
        train = fold != k
        path = fold_path(k, args.folds, "-page-type")
        if args.url:
            path = page_type_url_path(path)
            export_words(fold_urls[k], page_type_words_path(path), URL_BUCKETS)
        else:
            export_words(fold_words[k], page_type_words_path(path))
        model = save_checked(fit(x[train], y[train], w[train], names), PAGE_TYPES,
                             x[train][:500], path)
        oof[~train] = model.predict_proba(x[~train])
    wcxb_rows = _wcxb(pages)
    print(f"word model alone, out of fold, WCXB: "
          f"{np.mean(word_oof.argmax(axis=1)[wcxb_rows] == y[wcxb_rows]):.3f}")
    report(pages, y, oof)
    if not args.no_final:
        save_checked(fit(x, y, w, names), PAGE_TYPES, x[:500], out)
        if args.url:
            export_words(url_model, page_type_words_path(out), URL_BUCKETS)
        else:
            export_words(word_model, page_type_words_path(out))
        print(f"\nwrote {out} ({out.stat().st_size / 1e3:.0f} kB), {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
