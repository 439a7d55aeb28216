"""Train the clean-page model, report how it separates pages from bodies out of fold, export it.

    python -m training.clean_page [--data ../shared/data] [--folds 3] [--jobs 2]

The model says whether a text page already reads as clean text, so that cleaning a body again
keeps it whole (``Config.stable_body``, issue #6). Its rows: every page of both data sets, in
the five renderings and as the text cleaner renders from its HTML, is a page that is *not*
clean, and so is a crop of it: the first look's body with a few of the blocks before and
after it (0 to ``MAX_CROP_EDGE`` each, drawn per page), where the crop holds a block the first
look is sure is not body (body probability under 0.1), as a short page dump would; the body
the first look finds (``stable_body`` off) is a page that is clean. Each row's
features (``features.page_read_features``) come from the fold block models of
``training.train`` that did not train on the page, as they would on a page the shipped model
never saw; run ``python -m training.train`` and ``--renderers html`` first. The fold models of
this model go to ``.cache/training/fold-K-of-N-clean.npz`` (for ``benchmarks.quality --oof``),
the model on all rows to ``cleaner/data/clean_page.npz``. Deterministic (fixed seeds, one
thread); the rows are cached in ``.cache/training/clean-page-rows-N.npz`` (``--reuse-rows``).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import time
import zlib
from pathlib import Path

import numpy as np

import cleaner
from cleaner.classify import predict_page, read_page
from cleaner.document import BODY_LABELS
from cleaner.features import PAGE_READ_FEATURE_NAMES
from cleaner.normalize import normalize_blocks
from cleaner.segment import segment_text
from training.export import export_booster, save_checked
from training.train import (
    CACHE,
    HTML,
    RENDERERS,
    REPO,
    RUNTIME_PARAMS,
    SETS,
    fold_config,
    fold_of,
)

PARAMS = {
    **RUNTIME_PARAMS,
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
}
ROUNDS = 200
CLASS_NAMES = ("clean",)
#: A crop keeps up to this many blocks on each side of the first look's body.
MAX_CROP_EDGE = 4
#: A crop is a page that is not clean only if it holds a block the first look gives a body
#: probability under this.
MAX_CROP_FURNITURE_PROBABILITY = 0.1


def crop(doc: cleaner.Document, page_id: str) -> str | None:
    """The first look's body and a few blocks on each side of it, as raw text (a short page
    dump); ``None`` when no block of it is sure furniture."""
    at = [i for i, b in enumerate(doc.blocks) if b.label in BODY_LABELS]
    if not at:
        return None
    rng = random.Random(zlib.crc32(page_id.encode()))
    first = max(0, at[0] - rng.randint(0, MAX_CROP_EDGE))
    last = min(len(doc.blocks) - 1, at[-1] + rng.randint(0, MAX_CROP_EDGE))
    blocks = doc.blocks[first:last + 1]
    if not any(b.label not in BODY_LABELS and b.score is not None
               and b.score < MAX_CROP_FURNITURE_PROBABILITY for b in blocks):
        return None
    return doc.source[blocks[0].start:blocks[-1].end]


def read_features(text: str, config: cleaner.Config) -> np.ndarray | None:
    """``classify.read_page`` of a text page under the text model of ``config``."""
    blocks = normalize_blocks(segment_text(text), config)
    if not blocks:
        return None
    return read_page(blocks, predict_page(blocks, config))[0]


Row = tuple[str, str, int, int, np.ndarray, bool]


def _rows(task: tuple[str, str, object, int]) -> list[Row]:
    """(set, input, fold, label, features, is a crop) of one page, a crop of it and its
    first look's body."""
    dataset, renderer, page, folds = task
    k = fold_of(page.id, folds)  # type: ignore[attr-defined]
    text = fold_config(cleaner.Config(input_format="text", stable_body=False), k, folds)
    if renderer == HTML:
        config = text.with_overrides(input_format="html")
        doc = cleaner.clean(page.load_html(), config)  # type: ignore[attr-defined]
    else:
        doc = cleaner.clean(page.text, text)  # type: ignore[attr-defined]
    out = []
    page_crop = crop(doc, page.id)  # type: ignore[attr-defined]
    for label, source, is_crop in ((0, doc.source, False), (0, page_crop, True),
                                   (1, doc.body, False)):
        features = read_features(source, text) if source else None
        if features is not None:
            out.append((dataset, renderer, k, label, features, is_crop))
    return out


def collect(data: Path, folds: int, jobs: int) -> dict[str, np.ndarray]:
    from benchmarks.data import load_pages

    tasks = [(dataset, renderer, page, folds)
             for dataset in SETS for renderer in (*RENDERERS, HTML)
             for page in load_pages(dataset, None if renderer == HTML else renderer, data)]
    rows: list[Row] = []
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for i, result in enumerate(pool.imap(_rows, tasks, chunksize=8)):
            rows += result
            if i % 2000 == 0:
                print(f"  {i} / {len(tasks)} pages", flush=True)
    return {
        "dataset": np.array([r[0] for r in rows]),
        "input": np.array([r[1] for r in rows]),
        "fold": np.array([r[2] for r in rows]),
        "label": np.array([r[3] for r in rows]),
        "crop": np.array([r[5] for r in rows]),
        "x": np.array([r[4] for r in rows], dtype=np.float32),
    }


def fit(x: np.ndarray, y: np.ndarray):
    import lightgbm as lgb

    return lgb.train(PARAMS, lgb.Dataset(x, label=y, feature_name=list(PAGE_READ_FEATURE_NAMES)),
                     num_boost_round=ROUNDS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--reuse-rows", action="store_true",
                        help="reuse the rows cached by the last run (same fold block models)")
    parser.add_argument("--out", type=Path, default=REPO / "cleaner" / "data" / "clean_page.npz")
    parser.add_argument("--no-final", action="store_true")
    args = parser.parse_args(argv)
    t0 = time.time()
    cached = CACHE / f"clean-page-rows-{args.folds}.npz"
    if args.reuse_rows and cached.exists():
        with np.load(cached) as data:
            rows = {name: data[name] for name in data.files}
    else:
        rows = collect(args.data, args.folds, args.jobs)
        np.savez_compressed(cached, **rows)  # type: ignore[arg-type]
    x, y, fold = rows["x"], rows["label"], rows["fold"]
    print(f"{len(y)} rows ({int(y.sum())} bodies), {time.time() - t0:.0f}s", flush=True)
    oof = np.zeros(len(y))
    for k in range(args.folds):
        train = fold != k
        model = export_booster(fit(x[train], y[train]), CLASS_NAMES)
        model.save(CACHE / f"fold-{k}-of-{args.folds}-clean.npz")
        oof[~train] = model.predict_proba(x[~train])[:, 0]
    threshold = cleaner.Config().min_clean_page_probability
    print(f"\nOut of fold, share called clean at {threshold} (pages should not be, bodies "
          "should):\n")
    print("| set | input | pages | bodies |\n|---|---|---|---|")
    for dataset in SETS:
        for renderer in (*RENDERERS, HTML):
            sel = (rows["dataset"] == dataset) & (rows["input"] == renderer)
            called = oof[sel] >= threshold
            print(f"| {dataset} | {renderer} | {called[y[sel] == 0].mean():.3f} "
                  f"| {called[y[sel] == 1].mean():.3f} |")
    crops = rows["crop"]
    print(f"\ncrops called clean: {np.mean(oof[crops] >= threshold):.3f} of {crops.sum()}")
    if not args.no_final:
        save_checked(fit(x, y), CLASS_NAMES, x[:500], args.out)
        print(f"\nwrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB), "
              f"{time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
