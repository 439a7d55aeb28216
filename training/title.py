"""Train the title model, report title accuracy out of fold, export it.

    python -m training.title [--data ../shared/data] [--folds 3] [--cache-key KEY]
                             [--page-types] [--cut-titles]

The block model judges each block alone; the title model ranks the page's candidate
headlines against each other (``classify.title_candidates``: the likeliest titles under the
block model that read like a headline) and ``classify.pick_title`` takes the one it ranks
first. A candidate is a positive row when its text is the page's gold title
(whitespace-normalised, as the title metric compares). Its features
(``features.title_candidate_features``) come from the fold block models of
``training.train`` that did not train on the page, as they would on a page the shipped block
model never saw: run ``python -m training.train`` and ``--renderers html`` first (their
feature matrices and fold models in ``.cache/training/`` are read here), and for
``--page-types`` ``python -m training.page_type --folds 3`` (the page type's probabilities
become columns, each page's from the fold page-type model that did not train on it; not
the shipped model, docs/algorithm.md). Rows come from every
page of both data sets in the five text renderings and the original HTML; one model serves
both inputs.

Out-of-fold report: each page's title picked with a title model trained on the other folds'
pages, against the block model's likeliest candidate. The fold models go to
``.cache/training/fold-K-of-N-title.npz`` (``benchmarks.quality --oof``), the model on all
rows to ``cleaner/data/title.npz``. Deterministic: fixed seeds, one thread.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from pathlib import Path

import numpy as np

from cleaner.classify import (
    HTML_FEATURE_NAMES,
    address_title_rows,
    caption_reads,
    has_likely_title,
    pick_title,
    revise_body,
    sure_title,
    title_candidates,
    title_url_path,
    with_page_types,
)
from cleaner.config import Config
from cleaner.features import (
    TITLE_CANDIDATE_FEATURE_NAMES,
    TITLE_PAGE_TYPE_FEATURE_NAMES,
    TITLE_URL_FEATURE_NAMES,
    title_candidate_features,
    url_slug_words,
)
from cleaner.lexicon import is_caption_marker, match_furniture
from cleaner.metadata import first_line_title, undecorated
from cleaner.page_type import page_type_proba
from training.export import export_booster, save_checked
from training.labels import page_blocks
from training.train import (
    HTML,
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

#: A ranking objective: each page's candidates are one query, the gold title its one
#: relevant item (out of fold over the text renderings, 0.662 with a binary objective and
#: 0.675 with this one on the same 28 columns, session 33).
PARAMS = {
    **RUNTIME_PARAMS,
    "objective": "lambdarank",
    "lambdarank_truncation_level": 3,
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
}
ROUNDS = 300
CLASS_NAMES = ("title",)
INPUTS = (*RENDERERS, HTML)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _page_rows(task: tuple[str, str | None, np.ndarray, str | None, bool, bool,
                            tuple[np.ndarray, str] | None, bool]) -> dict:
    """A page's candidates: their features and labels, and what the block model alone and
    the runtime pick (given the fold probabilities ``proba``, the page's address ``url``,
    whether ``text`` is an HTML rendering and whether its first line is the ``<title>``
    element; with ``--page-types`` ``page_type_input``, the page's block feature rows and
    the fold page-type model that did not train on it, whose probabilities become the last
    columns, ``classify.with_page_types``). ``address`` holds the same (``x``, ``y``, ``texts``) for
    the title model for pages with an address, where a text page's ``url`` has path words
    (else ``None``: the runtime asks the other model; an HTML page's title is not given the
    address), over that model's candidates (``classify.address_title_rows``).

    ``texts`` holds what the runtime shows when it picks each candidate
    (``metadata.page_title``: the page's first line cut to its headline part, "Penny -
    Stardew Valley Wiki" -> "Penny"), which the out-of-fold report compares with the gold
    title, as the title metric does. A candidate is a positive row when its own text is the
    gold title; with ``--cut-titles`` (``cut_titles``) a page's first line is one when the
    part it shows is."""
    text, gold, proba, url, html, title_line, page_type_input, cut_titles = task
    config = Config()
    blocks = page_blocks(text, config, html=html)
    if not blocks:
        return {"x": np.zeros((0, len(TITLE_CANDIDATE_FEATURE_NAMES)), dtype=np.float32),
                "y": np.zeros(0, dtype=np.int8), "texts": [], "address": None,
                "gated": False, "sure": False, "fallback": None, "gold": gold}
    texts = [b.text for b in blocks]
    # a text page's first line as the runtime shows it without an address
    shown = [undecorated(text) for text in
             (first_line_title(blocks, title_line, url if html else None), *texts[1:])]
    furniture = [match_furniture(t) for t in texts]
    caption_led, credits = caption_reads(texts, [is_caption_marker(t) for t in texts])
    body_p = revise_body(proba, config.context_weight)
    candidates = title_candidates(blocks, proba, furniture, caption_led, credits)
    # the page type as the runtime reads it without an address
    page_types = (None if page_type_input is None
                  else page_type_proba(blocks, page_type_input[0], proba, page_type_input[1]))
    features = title_candidate_features(blocks, proba, body_p, candidates,
                                        config.min_body_probability, html)
    slug = url_slug_words(url) if candidates and not html else frozenset()
    gated = has_likely_title(proba, candidates)
    # The runtime's choice when the title model is not asked (``pick_title`` then does not
    # load it).
    fallback = None if gated else pick_title(blocks, proba, furniture, body_p, config,
                                             caption_led, credits, html=html)

    # --cut-titles: a page's first line is shown as its headline part whenever it is
    # picked (an HTML page's <title> line, "Data Analytics Services and Solutions | Acxiom"
    # -> "Data Analytics Services and Solutions"; a text dump's first line unless the page
    # repeats it whole, ``metadata.headline_on_page``), and is a positive row when that
    # part is the gold title (docs/algorithm.md, "The page type and the <title>'s headline
    # part").
    label_texts = shown if cut_titles else texts

    def rows(at: list[int], x: np.ndarray) -> dict:
        if page_type_input is not None:
            x = with_page_types(x, page_types)
        return {"x": x, "texts": [_normal(shown[i]) for i in at],
                "y": np.array([gold is not None and _normal(label_texts[i]) == gold
                               for i in at], dtype=np.int8)}

    address = None
    if slug:
        address = rows(*address_title_rows(blocks, proba, body_p, candidates,
                                           config.min_body_probability, slug, furniture,
                                           caption_led, credits))
    return {
        **rows(candidates, features),
        "address": address,
        "gated": gated,
        # the runtime takes the block model's likeliest candidate without the title model
        "sure": gated and sure_title(proba, candidates),
        "fallback": _normal(shown[fallback[0]]) if fallback else None,
        "gold": gold,
    }


def collect(data: Path, folds: int, key: str, jobs: int, page_types: bool = False,
            cut_titles: bool = False) -> list[tuple[str, str, int, dict]]:
    """(set, input, fold, rows) of every page (with ``page_types`` the page type read by the
    fold page-type models of ``training.page_type --folds N``, which must be there)."""
    page_type_models = [fold_path(k, folds, "-page-type") for k in range(folds)]
    if page_types and (missing := [str(p) for p in page_type_models if not p.exists()]):
        raise FileNotFoundError(f"{', '.join(missing)} absent: run `python -m "
                                f"training.page_type --folds {folds}` first")
    out = []
    for renderers in (RENDERERS, (HTML,)):
        html = renderers == (HTML,)
        pages, x, _ = build_matrix(data, SETS, renderers, key)
        proba = out_of_fold_proba(pages, x, folds, html, key)
        # an HTML rendering's first line is its <title> where the DOM says so (the hint
        # ``Rendering.opens_with_title`` reads, in the first block's row); a text dump's
        # first line is read as text
        owner_title = HTML_FEATURE_NAMES.index("dom_owner_title")
        title_line = [html and p.end > p.start and bool(x[p.start, owner_title] > 0)
                      for p in pages]
        tasks = [(p.text, _normal(p.record["title"]) if p.record.get("title") else None,
                  proba[p.start:p.end], p.record.get("url"), html, opens,
                  (x[p.start:p.end], str(page_type_models[fold_of(p.record["id"], folds)]))
                  if page_types else None, cut_titles)
                 for p, opens in zip(pages, title_line, strict=True)]
        del x
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            rows = pool.map(_page_rows, tasks, chunksize=16)
        out += [(p.set_name, p.renderer, fold_of(p.record["id"], folds), r)
                for p, r in zip(pages, rows, strict=True)]
        print(f"  {renderers}: {len(pages)} pages", flush=True)
    return out


def _view(page: dict, address: bool) -> dict | None:
    """A page's candidates for the title model, or for the one for pages with an address."""
    return page["address"] if address else page


def fit(pages: list[dict], address: bool = False, page_types: bool = False):
    """The title model over the candidates of ``pages`` (``address``: the model for pages
    with an address, over the pages that have one; ``page_types``: rows with the page
    type's columns)."""
    import lightgbm as lgb

    # a page whose candidates miss its gold title has nothing to rank
    rows = [v for v in (_view(p, address) for p in pages if len(p["y"]))
            if v is not None and v["y"].any()]
    names = TITLE_URL_FEATURE_NAMES if address else TITLE_CANDIDATE_FEATURE_NAMES
    if page_types:
        names = (*names, *TITLE_PAGE_TYPE_FEATURE_NAMES)
    data = lgb.Dataset(np.vstack([r["x"] for r in rows]),
                       label=np.concatenate([r["y"] for r in rows]),
                       group=[len(r["y"]) for r in rows], feature_name=list(names))
    return lgb.train(PARAMS, data, num_boost_round=ROUNDS)


def _pick(model, page: dict, address: bool = False) -> str | None:
    """A page's title under ``model`` (its fallback when the title model is not asked)."""
    view = _view(page, address)
    if not page["gated"] or view is None:
        return page["fallback"]
    if page["sure"]:
        return view["texts"][0]
    return view["texts"][int(np.argmax(model.raw_scores(view["x"])[:, 0]))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cache-key", help="the block models' feature cache to read (default: "
                        "the current code's; see training.train --cache-key)")
    parser.add_argument("--out", type=Path, default=REPO / "cleaner" / "data" / "title.npz")
    parser.add_argument("--no-final", action="store_true")
    parser.add_argument("--page-types", action="store_true",
                        help="the page type's probabilities as columns (needs the fold "
                        "page-type models of `training.page_type --folds K`)")
    parser.add_argument("--cut-titles", action="store_true",
                        help="a page's first line a positive row when the headline part "
                        "it shows is the gold title")
    args = parser.parse_args(argv)
    t0 = time.time()
    pages = collect(args.data, args.folds, args.cache_key or code_key(), args.jobs,
                    args.page_types, args.cut_titles)
    print(f"{len(pages)} pages, {sum(len(r['y']) for *_, r in pages)} candidates "
          f"({sum(r['address'] is not None for *_, r in pages)} pages with address words), "
          f"{time.time() - t0:.0f}s", flush=True)
    picks: dict[int, tuple[str | None, str | None]] = {}  # without, with the address
    for k in range(args.folds):
        train = [r for _, _, f, r in pages if f != k]
        model = export_booster(fit(train, page_types=args.page_types), CLASS_NAMES)
        model.save(fold_path(k, args.folds, "-title"))
        url_model = export_booster(fit(train, True, args.page_types), CLASS_NAMES)
        url_model.save(title_url_path(fold_path(k, args.folds, "-title")))
        for i, (_, _, f, r) in enumerate(pages):
            if f == k:
                alone = _pick(model, r)
                picks[i] = (alone, alone if r["address"] is None else _pick(url_model, r, True))
    print("\nOut-of-fold title accuracy (pages with a gold title): the block model's likeliest "
          "candidate -> the title model's pick, without and with the page's address (HTML "
          "pages are not given it)\n")
    print("| set | input | pages | block model | title model | with the address |\n"
          "|---|---|---|---|---|---|")
    for dataset in SETS:
        for renderer in INPUTS:
            hits = [(r["texts"][0] if r["gated"] else r["fallback"], *picks[i], gold)
                    for i, (s, inp, _, r) in enumerate(pages)
                    if s == dataset and inp == renderer
                    for gold in [r["gold"]] if gold is not None]
            if hits:
                print(f"| {dataset} | {renderer} | {len(hits)} "
                      f"| {np.mean([a == g for a, _, _, g in hits]):.3f} "
                      f"| {np.mean([b == g for _, b, _, g in hits]):.3f} "
                      f"| {np.mean([c == g for _, _, c, g in hits]):.3f} |")
    if not args.no_final:
        rows = [r for *_, r in pages]
        save_checked(fit(rows, page_types=args.page_types), CLASS_NAMES,
                     next(r["x"] for r in rows if len(r["y"])), args.out)
        url_out = title_url_path(args.out)
        save_checked(fit(rows, True, args.page_types), CLASS_NAMES,
                     next(r["address"]["x"] for r in rows if r["address"] is not None), url_out)
        print(f"\nwrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB) and {url_out} "
              f"({url_out.stat().st_size / 1e3:.0f} kB), {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
