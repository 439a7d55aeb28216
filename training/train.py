"""Train the block classifier, report out-of-fold quality, export the packaged model.

    python -m training.train [--data ../shared/data] [--folds 3] [--out cleaner/data/model.npz]
    python -m training.train --renderers html      # the HTML model, cleaner/data/model_html.npz

1. Every page of both data sets, in every renderer, is segmented and normalised exactly as
   ``cleaner.clean`` does, featurised with ``cleaner.features`` and labelled by aligning its
   blocks with the gold (``training.labels``). The renderer ``html`` stands for the pages'
   original HTML, rendered by ``cleaner.html`` with DOM features: it trains the HTML model,
   on its own (it cannot be mixed with the text renderers). Feature matrices are cached under
   ``.cache/training/`` keyed by the code that produces them.
2. K folds by page (a page's five renderings share one fold, folds from a hash of the page
   id): a LightGBM model per fold predicts the pages it did not see, and those out-of-fold
   probabilities go through ``cleaner.classify.decide_labels`` - the runtime decision - to give
   the out-of-fold figures printed at the end.
3. A final model on all pages is exported with ``training.export`` to NumPy arrays; fold
   models are kept in ``.cache/training/`` for ``python -m benchmarks.quality --oof``.

Deterministic: fixed seeds, deterministic LightGBM, sorted inputs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
import zlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import cleaner
from cleaner.classify import (
    CLASSES,
    HTML_FEATURE_NAMES,
    TEXT_CORE_FEATURE_NAMES,
    TEXT_FEATURE_NAMES,
    decide_labels,
)
from cleaner.config import Config
from cleaner.features import (
    CORE_FEATURE_NAMES,
    FEATURE_NAMES,
    block_features,
    dom_features,
    page_language,
)
from cleaner.trees import TreeEnsemble
from cleaner.words import WordModel
from training.words import word_rows

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".cache" / "training"
RENDERERS = ("html_text", "inscriptis", "html2text", "bs4", "resiliparse")
#: The "renderer" of the HTML model: the original HTML, rendered with DOM features.
HTML = "html"
SETS = ("articles", "wcxb")
#: LightGBM settings every model of the repo trains with: reproducible and single-threaded.
#: One thread: with OpenMP threads competing for a busy 2-core machine, LightGBM ran 30x
#: slower with 2 threads than with 1 (measured).
RUNTIME_PARAMS = {
    "num_threads": 1,
    "seed": 13,
    "deterministic": True,
    "force_col_wise": True,
    "verbose": -1,
}
PARAMS = {
    **RUNTIME_PARAMS,
    "objective": "multiclass",
    "num_class": len(CLASSES),
    "learning_rate": 0.1,
    "num_leaves": 48,
    # Depth bounds the runtime: the NumPy evaluator descends all trees max_depth times.
    "max_depth": 10,
    "max_bin": 63,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.7,
    "bagging_fraction": 0.7,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
}
#: The HTML model's settings where they differ: the DOM makes the task easier, and the
#: smaller model scored the same out of fold (3 folds, 100 rounds of depth-8 trees with 32
#: leaves: 0.950 / 0.935 / 0.846 against 0.946 / 0.938 / 0.849 for 200 rounds of depth 10
#: with 48) at a quarter of the runtime cost, which HTML pages, at ~290 blocks, feel most.
HTML_PARAMS = {**PARAMS, "max_depth": 8, "num_leaves": 32}
HTML_ROUNDS = 120
#: Share of furniture rows kept for training (reweighted to stand for the rest): furniture
#: is 75% of all blocks and mostly easy, and this keeps a full training run under 15 min.
FURNITURE_SAMPLE = 0.35


@dataclass
class PageRows:
    set_name: str
    renderer: str
    record: dict
    text: str
    start: int  # first row of this page in the matrix
    end: int


def code_key() -> str:
    """Hash of everything that shapes the feature matrix; changes invalidate the cache."""
    digest = hashlib.sha256()
    package = Path(cleaner.__file__).parent
    for path in sorted([*package.glob("*.py"), *package.glob("data/*.json"),
                        REPO / "training" / "labels.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _featurise(job: tuple[str, str, str]) -> tuple[str, str, list, np.ndarray, np.ndarray]:
    from training.labels import iter_labelled, load_renderings

    data_root, set_name, renderer = job
    renderings = load_renderings(data_root, set_name) if renderer == HTML else None
    texts = {k: r.text for k, r in renderings.items()} if renderings is not None else None
    names = feature_names(renderer)
    records, xs, ys = [], [], []
    for record, text, blocks, labels in iter_labelled(Path(data_root), set_name, renderer,
                                                      texts=texts):
        features = block_features(blocks, page_language(blocks), prose_core=renderings is None)
        if renderings is not None:
            features = np.hstack([features, dom_features(blocks, renderings[record["id"]])])
        records.append((record, text, len(blocks)))
        xs.append(features)
        ys.append(np.asarray(labels, dtype=np.int8))
    empty = np.zeros((0, len(names)), dtype=np.float32)
    x = np.vstack(xs) if xs else empty
    y = np.concatenate(ys) if ys else np.zeros(0, dtype=np.int8)
    return set_name, renderer, records, x, y


def feature_names(renderer: str) -> tuple[str, ...]:
    """The columns of a renderer's feature matrix (the text matrix holds the prose core's,
    which a model trained without ``--prose-core`` leaves out; the HTML model adds the
    DOM's)."""
    return HTML_FEATURE_NAMES if renderer == HTML else (*FEATURE_NAMES, *CORE_FEATURE_NAMES)


def model_names(renderer: str, prose_core: bool = False) -> tuple[str, ...]:
    """The columns a renderer's block model reads: the text model adds the word model's
    (``training.words``) to the feature matrix, with or without the prose core's."""
    if renderer == HTML:
        return HTML_FEATURE_NAMES
    return TEXT_CORE_FEATURE_NAMES if prose_core else TEXT_FEATURE_NAMES


def model_columns(x: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
    """The columns of a text feature matrix that a model reading ``names`` takes: without
    the prose core's for a model trained without ``--prose-core``."""
    return x[:, :len(FEATURE_NAMES)] if names == TEXT_FEATURE_NAMES else x


def fold_path(k: int, folds: int, suffix: str = "") -> Path:
    """Where fold ``k``'s model of a kind is kept: "" the text trees, "-words" their word
    model, "-html" the HTML trees, "-title", "-clean", "-page-type"."""
    return CACHE / f"fold-{k}-of-{folds}{suffix}.npz"


def fold_config(config: Config, k: int, folds: int) -> Config:
    """``config`` with fold ``k``'s block models (text trees and their word model, HTML
    trees) in place of the packaged ones, its page-type model where ``python -m
    training.page_type --folds K`` left one, and with ``stable_body`` its clean-page model
    (``python -m training.clean_page`` trains it on these block models)."""
    config = config.with_overrides(model_path=str(fold_path(k, folds)),
                                   word_model_path=str(fold_path(k, folds, "-words")),
                                   html_model_path=str(fold_path(k, folds, "-html")))
    page_type = fold_path(k, folds, "-page-type")
    if page_type.exists():
        config = config.with_overrides(page_type_model_path=str(page_type))
    if not config.stable_body:
        return config
    clean_page = fold_path(k, folds, "-clean")
    if not clean_page.exists():
        raise FileNotFoundError(f"{clean_page} is absent: run `python -m training.clean_page` "
                                "(or clean with stable_body=False)")
    return config.with_overrides(clean_page_model_path=str(clean_page))


def out_of_fold_proba(pages: list[PageRows], x: np.ndarray, folds: int, html: bool,
                      key: str) -> np.ndarray:
    """Every page's block probabilities from the fold block models that did not train on it
    (text pages: with the fold's word model)."""
    from training.words import word_columns, word_scores

    page_fold = np.array([fold_of(p.record["id"], folds) for p in pages])
    row_fold = np.repeat(page_fold, [p.end - p.start for p in pages])
    rows = None if html else word_rows(pages, CACHE, key)
    proba = np.zeros((len(x), len(CLASSES)))
    for k in range(folds):
        held = row_fold == k
        model = TreeEnsemble.load(fold_path(k, folds, "-html" if html else ""))
        if rows is None:
            proba[held] = model.predict_proba(x[held])
            continue
        x_held = model_columns(x[held], model.feature_names)
        scores = word_scores(WordModel.load(fold_path(k, folds, "-words")), rows)
        columns = word_columns([p for p, f in zip(pages, page_fold, strict=True) if f == k],
                               scores)
        proba[held] = model.predict_proba(np.hstack([x_held, columns]))
    return proba


def build_matrix(data_root: Path, sets: tuple[str, ...], renderers: tuple[str, ...],
                 key: str | None = None):
    key = key or code_key()
    jobs, results = [], {}
    for set_name in sets:
        for renderer in renderers:
            cache = CACHE / f"matrix-{set_name}-{renderer}-{key}.npz"
            meta = cache.with_suffix(".json")
            if cache.exists() and meta.exists():
                with np.load(cache) as data:
                    results[(set_name, renderer)] = (json.loads(meta.read_text()),
                                                     data["x"], data["y"])
            else:
                jobs.append((str(data_root), set_name, renderer))
    if jobs:
        CACHE.mkdir(parents=True, exist_ok=True)
        with ProcessPoolExecutor(max_workers=2) as pool:
            for set_name, renderer, records, x, y in pool.map(_featurise, jobs):
                cache = CACHE / f"matrix-{set_name}-{renderer}-{key}.npz"
                np.savez(cache, x=x, y=y)
                cache.with_suffix(".json").write_text(json.dumps(records))
                results[(set_name, renderer)] = (records, x, y)
    pages: list[PageRows] = []
    xs, ys = [], []
    row = 0
    for set_name in sets:
        for renderer in renderers:
            records, x, y = results[(set_name, renderer)]
            for record, text, n in records:
                pages.append(PageRows(set_name, renderer, record, text, row, row + n))
                row += n
            xs.append(x)
            ys.append(y)
    return pages, np.vstack(xs), np.concatenate(ys)


def fold_of(page_id: str, folds: int) -> int:
    return zlib.crc32(page_id.encode()) % folds


def row_weights(pages: list[PageRows], n_rows: int) -> np.ndarray:
    """Every page weighs about the same whatever its length (the metrics average pages)."""
    weights = np.ones(n_rows, dtype=np.float32)
    for page in pages:
        n = page.end - page.start
        if n:
            weights[page.start:page.end] = 1.0 / np.sqrt(n)
    return weights * (n_rows / weights.sum())


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, rounds: int,
        names: tuple[str, ...] = TEXT_FEATURE_NAMES, overrides: dict | None = None,
        furniture_sample: float = FURNITURE_SAMPLE):
    """LightGBM on the rows (a share ``furniture_sample`` of the furniture rows, see
    ``FURNITURE_SAMPLE``) with the settings of the model ``names`` belongs to,
    ``overrides`` (``--param``) on top."""
    import lightgbm as lgb

    params = {**(HTML_PARAMS if names == HTML_FEATURE_NAMES else PARAMS), **(overrides or {})}

    rng = np.random.default_rng(7)
    keep = (y != 0) | (rng.random(len(y)) < furniture_sample)
    w = np.where(y == 0, w / furniture_sample, w)
    data = lgb.Dataset(x[keep], label=y[keep], weight=w[keep], feature_name=list(names),
                       free_raw_data=True)
    return lgb.train(params, data, num_boost_round=rounds)


def iter_predictions(
    pages: list[PageRows], proba: np.ndarray, config: Config, folds: int,
    x: np.ndarray | None = None,
) -> Iterator[tuple[PageRows, cleaner.Document]]:
    """Out-of-fold Documents: the runtime decision applied to given probabilities, with the
    fold title model that did not train on the page (``training.title``) where there is one;
    given the feature matrix ``x``, a fold title model that reads the page type
    (``training.title --page-types``) is given it, read by the fold page-type model that
    did not train on the page (``training.page_type --folds K``)."""
    from cleaner.classify import load_title_model, reads_page_types
    from cleaner.page_type import page_type_proba
    from cleaner.pipeline import assemble_document
    from training.labels import page_blocks

    title_models = [fold_path(k, folds, "-title") for k in range(folds)]
    configs = [config.with_overrides(title_model_path=str(path)) if path.exists() else config
               for path in title_models]
    page_type_models = [fold_path(k, folds, "-page-type") for k in range(folds)]
    # the page type is read only for a title model that reads it
    read_types = [x is not None and title.exists() and page_type.exists()
                  and reads_page_types(load_title_model(str(title)))
                  for title, page_type in zip(title_models, page_type_models, strict=True)]
    for page in pages:
        fold = fold_of(page.record["id"], folds)
        page_config = configs[fold]
        blocks = page_blocks(page.text, page_config, html=page.renderer == HTML)
        page_proba = proba[page.start:page.end]
        page_types = (page_type_proba(blocks, x[page.start:page.end], page_proba,
                                      str(page_type_models[fold]))
                      if x is not None and read_types[fold] else None)
        labelled = (decide_labels(blocks, page_proba, page_config, html=page.renderer == HTML,
                                  page_types=page_types) if blocks else [])
        yield page, assemble_document(page.text, labelled, None)


def _param(text: str) -> tuple[str, int | float | str]:
    """``KEY=VALUE`` of ``--param``, the value as an int or a float where it reads as one."""
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    for kind in (int, float):
        try:
            return key, kind(value)
        except ValueError:
            pass
    return key, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--sets", nargs="+", default=list(SETS))
    parser.add_argument("--renderers", nargs="+", default=list(RENDERERS))
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--rounds", type=int, help="boosting rounds (default: 200; "
                        f"{HTML_ROUNDS} for the HTML model)")
    parser.add_argument("--out", type=Path, help="where the final model goes (default: "
                        "cleaner/data/model.npz, or model_html.npz for --renderers html)")
    parser.add_argument("--no-final", action="store_true", help="only the out-of-fold report")
    parser.add_argument("--report-only", action="store_true",
                        help="no training: score the fold models already in .cache/training")
    parser.add_argument("--cache-key", help="reuse the feature cache written under this key "
                        "(only when the features and labels code did not change since)")
    parser.add_argument("--prose-core", action="store_true", help="the text model reads the "
                        "prose core's columns too (docs/algorithm.md, \"Prose core\")")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        type=_param, help="a LightGBM setting over the model's own (repeatable; "
                        "for ablations, e.g. --param min_data_in_leaf=100)")
    parser.add_argument("--tag", help="keep the fold models as fold-K-of-N<kind>-TAG.npz, "
                        "beside rather than over the ones `benchmarks.quality --oof` reads")
    parser.add_argument("--seeds", nargs="+", type=int, default=[RUNTIME_PARAMS["seed"]],
                        help="LightGBM seeds: with several, each model is the average of one "
                        "model per seed (docs/algorithm.md, \"Seeds\"; default: %(default)s)")
    parser.add_argument("--furniture-sample", type=float, default=FURNITURE_SAMPLE,
                        help="share of the furniture rows each model trains on, reweighted "
                        "to stand for the rest (default: %(default)s)")
    args = parser.parse_args(argv)
    overrides = dict(args.param)
    if not 0 < args.furniture_sample <= 1:
        parser.error("--furniture-sample is a share: more than 0, at most 1")

    from training.export import average, checked_export
    from training.words import stacked_word_scores, word_columns

    html = HTML in args.renderers
    if html and len(args.renderers) > 1:
        parser.error("the html renderer trains the HTML model on its own")
    if not html and args.folds < 3:
        parser.error("the text model's stacked word scores need --folds 3 or more")
    if html and args.prose_core:
        parser.error("--prose-core is an option of the text model")
    if args.tag and args.report_only:
        parser.error("--report-only scores the untagged fold models: leave --tag out")
    if args.tag and not args.no_final and args.out is None:
        parser.error("--tag is for ablations: add --no-final, or --out for the final model")
    names = model_names(HTML if html else RENDERERS[0], args.prose_core)
    tag = f"-{args.tag}" if args.tag else ""
    suffix = ("-html" if html else "") + tag
    out = args.out or REPO / "cleaner" / "data" / ("model_html.npz" if html else "model.npz")
    words_out = out.with_name("words.npz" if args.out is None else f"{out.stem}-words.npz")
    rounds = args.rounds or (HTML_ROUNDS if html else 200)
    if "seed" in overrides and len(args.seeds) > 1:
        parser.error("--param seed=N trains one seed: leave it out with --seeds")
    seeds = [overrides.pop("seed")] if "seed" in overrides else args.seeds

    def train_model(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> TreeEnsemble:
        """The average of one model per seed on these rows, each checked against LightGBM."""
        return average([checked_export(fit(x, y, w, rounds, names, {"seed": seed, **overrides},
                                           args.furniture_sample),
                                       CLASSES, x[:2000]) for seed in seeds])

    t0 = time.time()
    key = args.cache_key or code_key()
    pages, x, y = build_matrix(args.data, tuple(args.sets), tuple(args.renderers), key)
    print(f"{len(pages)} pages, {len(y):,} blocks, classes {np.bincount(y).tolist()}, "
          f"{time.time() - t0:.0f}s", flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    page_fold = np.array([fold_of(p.record["id"], args.folds) for p in pages])
    (CACHE / f"folds-{args.folds}.json").write_text(
        json.dumps({p.record["id"]: int(f) for p, f in zip(pages, page_fold, strict=True)}))
    if args.report_only:
        report(pages, out_of_fold_proba(pages, x, args.folds, html, key), Config(), args.folds,
               x)
        return 0
    x = model_columns(x, names)
    weights = row_weights(pages, len(y))
    row_fold = np.repeat(page_fold, [p.end - p.start for p in pages])
    if not html:  # the word model's stacked scores (training.words), then its columns
        words = stacked_word_scores(word_rows(pages, CACHE, key), y, weights, row_fold,
                                    args.folds, final=not args.no_final)
        for k, word_model in enumerate(words.fold_models):
            word_model.save(fold_path(k, args.folds, "-words" + tag))
        outer_columns = word_columns(pages, words.outer)
        print(f"word models: {time.time() - t0:.0f}s", flush=True)
    oof = np.zeros((len(y), len(CLASSES)))
    for k in range(args.folds):
        train = row_fold != k
        x_train, x_held = x[train], x[~train]
        if not html:
            x_train = np.hstack([x_train, word_columns(pages, words.inner[k])[train]])
            x_held = np.hstack([x_held, outer_columns[~train]])
        model = train_model(x_train, y[train], weights[train])
        model.save(fold_path(k, args.folds, suffix))
        oof[~train] = model.predict_proba(x_held)
        del x_train, x_held
        print(f"fold {k}: {time.time() - t0:.0f}s", flush=True)
    report(pages, oof, Config(), args.folds, x)
    if not args.no_final:
        if not html:
            x = np.hstack([x, outer_columns])
            assert words.final is not None
            words.final.save(words_out)
            print(f"wrote {words_out} ({words_out.stat().st_size / 1e6:.2f} MB)")
        train_model(x, y, weights).save(out)
        print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB), "
              f"{time.time() - t0:.0f}s")
    return 0


def report(pages: list[PageRows], oof: np.ndarray, config: Config, folds: int,
           x: np.ndarray | None = None) -> None:
    from benchmarks.metrics import score_documents

    by_input: dict[tuple[str, str], list] = {}
    for page, doc in iter_predictions(pages, oof, config, folds, x):
        by_input.setdefault((page.set_name, page.renderer), []).append((page.record, doc))
    print("\nOut-of-fold figures (pages scored by models that did not train on them):\n")
    if not (CACHE / f"fold-0-of-{folds}-title.npz").exists():
        print("(titles picked by the packaged title model, which trained on these pages: run "
              "`python -m training.title` and then this with --report-only for out-of-fold "
              "titles)\n")
    columns = ("shingle_p", "shingle_r", "shingle_f1", "snippet_p", "snippet_r", "snippet_f1",
               "word_p", "word_r", "word_f1", "caption_recall", "caption_precision", "title_acc")
    print("| set | renderer | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for (set_name, renderer), items in sorted(by_input.items()):
        scores = score_documents(set_name, items)
        cells = [f"{scores[c]:.3f}" if c in scores else "—" for c in columns]
        print(f"| {set_name} | {renderer} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
