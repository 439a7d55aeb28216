"""Cross-page boilerplate: the metrics with and without the sitewide pass.

Two measurements, both printed as a table of figures before -> after:

1. **Dev pages whose site repeats.** The pages of ``articles`` and ``wcxb`` whose URL's site
   (``cleaner.sitewide.site_of``: host without ``www.``, archived copies by their original
   host) has at least two pages in the set, cleaned one by one, then grouped by site and
   passed through ``remove_site_boilerplate``. With ``--oof K`` each page is cleaned by the
   fold model that did not train on it (as ``benchmarks.quality --oof``); the shipped model
   was trained on these pages, so in-sample figures leave little for the pass to fix.
2. **A synthetic multi-page site.** ``--site-pages`` articles (gold bodies of the
   Scrapinghub pages) each wrapped in the same template: a menu, a newsletter box, a
   "support us" appeal and an "about us" footer written as prose (the boilerplate a
   page-by-page model keeps), a comment form; plus text that repeats legitimately and must
   stay (a stock sentence on a third of the pages, a long quote standing alone in the body of
   a few pages). Scored with the shingle metric against the article alone, and by counting
   template lines left in the body and legitimate lines lost.

Usage: ``python -m benchmarks.sitewide [--oof 3] [--renderer html_text] [--site-pages 40]``.
Runtime: about a minute per renderer on one core (some 360 pages plus the synthetic site).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cleaner
from cleaner.sitewide import (
    DEFAULT_RULES,
    REASON,
    SitewideRules,
    remove_site_boilerplate,
    site_of,
)

from . import metrics
from .data import DATA_SETS, DataUnavailable, data_set_dir, default_data_root, iter_pages

OOF_DIR = Path(__file__).resolve().parent.parent / ".cache" / "training"
#: Figures shown per data set, in this order.
FIGURES = {
    "articles": ("shingle_p", "shingle_r", "shingle_f1", "snippet_p", "snippet_r", "snippet_f1"),
    "wcxb": ("word_p", "word_r", "word_f1", "without_rate", "with_rate"),
    "synthetic": ("shingle_p", "shingle_r", "shingle_f1"),
}


@dataclass(frozen=True, slots=True)
class Cleaned:
    """One page: its gold record, its site and the Document cleaned on its own."""

    record: Mapping[str, Any]
    site: str
    doc: cleaner.Document


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _configs(oof: int) -> Callable[[str], cleaner.Config | None]:
    """The Config a page is cleaned with: the packaged models (``None``), or with ``oof``
    the block models (and the stable body's clean-page model) of the fold that did not train
    on the page."""
    if not oof:
        return lambda page_id: None
    folds = OOF_DIR / f"folds-{oof}.json"
    if not folds.is_file():
        raise DataUnavailable(f"{folds} is absent: run `python -m training.train --folds {oof}`")
    from training.train import fold_config

    fold_of = json.loads(folds.read_text())
    try:  # one Config per fold, made up front: a missing fold model stops the run here
        configs = [fold_config(cleaner.Config(), k, oof) for k in range(oof)]
    except FileNotFoundError as error:
        raise DataUnavailable(str(error)) from error
    return lambda page_id: configs[fold_of[page_id]]


def repeated_site_pages(
    dataset: str, renderer: str, root: Path | None, oof: int
) -> list[Cleaned]:
    """Every page of ``dataset`` whose site has two or more pages, cleaned on its own."""
    directory = data_set_dir(dataset, root)
    with open(directory / "gold.jsonl", encoding="utf-8") as fh:
        records = {r["id"]: r for r in map(json.loads, fh) if r}
    sites = {pid: site_of(r.get("url")) for pid, r in records.items()}
    per_site = Counter(s for s in sites.values() if s)
    config_of = _configs(oof)
    out = []
    for page in iter_pages(dataset, renderer, root):
        site = sites.get(page.id)
        if not site or per_site[site] < 2:
            continue
        out.append(Cleaned(records[page.id], site, cleaner.clean(page.text, config_of(page.id))))
    return out


# --- the synthetic site ------------------------------------------------------------------

_HEADER = [
    "The Riverside Courier",
    "Home",
    "Local News",
    "Business",
    "Opinion",
    "Sport",
    "Subscribe",
]
_NEWSLETTER = (
    "Get the best of the Courier in your inbox every morning: sign up for our free daily "
    "newsletter and never miss a story that matters to your neighbourhood."
)
_APPEAL = (
    "Independent local journalism needs your support. Our reporters cover the council, the "
    "courts and the schools so that you know what is happening where you live, and every "
    "subscription helps us keep doing that work."
)
_ABOUT = (
    "The Riverside Courier has served the towns of the river valley since 1891 and is owned "
    "by the Courier Trust, an independent charity that reinvests all of its income in "
    "journalism."
)
_FOOTER = [
    "Leave a comment",
    "Your email address will not be published. Required fields are marked *",
    "Comment",
    "Name *",
    "Post Comment",
    _ABOUT,
    "Contact us | Advertise | Privacy policy | Terms of use",
    "© 2024 The Riverside Courier. All rights reserved.",
]
#: Repeats legitimately: a stock sentence on a third of the pages (under ``min_share``).
_STOCK = "The council did not respond to a request for comment before publication."
#: Repeats legitimately: a long quote reused as its own paragraph inside a few articles.
_QUOTE = (
    '"We were told for years that the bridge would be repaired before the winter floods, '
    'and every year the same promise was made again at the same meeting by the same people," '
    "said one resident who has lived on the river for forty years."
)


def synthetic_site(
    bodies: Sequence[str], seed: int = 1
) -> list[tuple[str, str, list[str]]]:
    """``(page text, gold body, legitimate repeated lines in the gold)`` per article."""
    rng = random.Random(seed)
    pages = []
    for n, body in enumerate(bodies):
        paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
        legit = []
        if n % 3 == 0:
            paragraphs.append(_STOCK)
            legit.append(_STOCK)
        if n % 4 == 1 and len(paragraphs) > 3:
            paragraphs.insert(len(paragraphs) // 2, _QUOTE)
            legit.append(_QUOTE)
        gold = "\n\n".join(paragraphs)
        middle = list(paragraphs)
        middle.insert(min(len(middle), 2 + rng.randrange(3)), _NEWSLETTER)
        lines = [*_HEADER, f"Story {n + 1} of the week", *middle, _APPEAL, *_FOOTER]
        pages.append(("\n".join(lines) + "\n", gold, legit))
    return pages


_TEMPLATE = {" ".join(line.split()) for line in [*_HEADER, _NEWSLETTER, _APPEAL, *_FOOTER]}


def _body_lines(doc: cleaner.Document) -> list[str]:
    return [" ".join(part.split()) for part in doc.body.split("\n\n")]


def synthetic_report(
    articles: Sequence[tuple[str, str]], rules: SitewideRules, oof: int
) -> dict[str, dict[str, float]]:
    """Figures before and after the pass on the synthetic site built from ``articles``
    (``(page id, gold body)``; the id picks the fold model with ``oof``)."""
    pages = synthetic_site([body for _, body in articles])
    config_of = _configs(oof)
    docs = [cleaner.clean(text, config_of(page_id))
            for (page_id, _), (text, _, _) in zip(articles, pages, strict=True)]
    after = remove_site_boilerplate((("courier.example", d) for d in docs), rules)
    report = {}
    for name, run in (("before", docs), ("after", after)):
        figures = metrics.summarize(
            metrics.score_page(metrics.Gold("articles", gold), d.body)
            for (_, gold, _), d in zip(pages, run, strict=True)
        )
        kept = sum(line in _TEMPLATE for d in run for line in _body_lines(d))
        lost = sum(
            " ".join(legit.split()) not in _body_lines(d)
            for (_, _, legits), d in zip(pages, run, strict=True)
            for legit in legits
        )
        legit_total = sum(len(legits) for _, _, legits in pages)
        report[name] = {**figures, "template_lines_in_body": float(kept),
                        "legit_repeats_lost": float(lost), "legit_repeats": float(legit_total)}
    return report


# --- report ------------------------------------------------------------------------------


def score(dataset: str, pairs: Iterable[tuple[Mapping[str, Any], cleaner.Document]]) -> dict[
    str, float
]:
    return metrics.score_documents(dataset, pairs)


def relabelled(docs: Iterable[cleaner.Document]) -> tuple[int, int]:
    """Blocks relabelled by the pass and their words."""
    blocks = [b for d in docs for b in d.blocks if b.reason == REASON]
    return len(blocks), sum(len(b.text.split()) for b in blocks)


def _rows(name: str, before: Mapping[str, float], after: Mapping[str, float],
          figures: Sequence[str]) -> list[str]:
    return [f"| {name} | {f} | {before[f]:.3f} | {after[f]:.3f} | {after[f] - before[f]:+.3f} |"
            for f in figures if f in before and f in after]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sitewide", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=None, help="data root (default: "
                        f"{default_data_root()})")
    parser.add_argument("--renderer", default="html_text")
    parser.add_argument("--oof", type=int, default=0, metavar="K",
                        help="clean each dev page with the fold model that did not train on it")
    parser.add_argument("--site-pages", type=int, default=40, metavar="N",
                        help="pages of the synthetic site (default 40)")
    parser.add_argument("--min-pages", type=int, default=DEFAULT_RULES.min_pages)
    parser.add_argument("--min-share", type=float, default=DEFAULT_RULES.min_share)
    parser.add_argument("--min-long-words", type=int, default=DEFAULT_RULES.min_long_words)
    args = parser.parse_args(argv)
    rules = SitewideRules(min_pages=args.min_pages, min_share=args.min_share,
                          min_long_words=args.min_long_words)
    start = time.perf_counter()
    lines = [f"sitewide pass, {rules}, renderer {args.renderer}, "
             f"{'out-of-fold ' + str(args.oof) + ' folds' if args.oof else 'shipped model'}",
             "", "| pages | figure | before | after | change |", "|---|---|---:|---:|---:|"]
    articles: list[tuple[str, str]] = []
    notes: list[str] = []
    for dataset in DATA_SETS:
        try:
            cleaned = repeated_site_pages(dataset, args.renderer, args.data, args.oof)
        except DataUnavailable as exc:
            _log(f"skipped {dataset}: {exc}")
            continue
        _log(f"{dataset}: {len(cleaned)} pages cleaned ({time.perf_counter() - start:.0f} s)")
        after = remove_site_boilerplate(((c.site, c.doc) for c in cleaned), rules)
        before_scores = score(dataset, ((c.record, c.doc) for c in cleaned))
        after_scores = score(dataset, ((c.record, d) for c, d in zip(cleaned, after,
                                                                        strict=True)))
        blocks, words = relabelled(after)
        sites = len({c.site for c in cleaned})
        changed = sum(a is not c.doc for c, a in zip(cleaned, after, strict=True))
        notes.append(f"{dataset}: {len(cleaned)} pages of {sites} sites; {changed} pages "
                     f"changed, {blocks} blocks ({words} words) relabelled")
        lines += _rows(f"{dataset} ({len(cleaned)})", before_scores, after_scores,
                       FIGURES[dataset])
    try:
        directory = data_set_dir("articles", args.data)
        with open(directory / "gold.jsonl", encoding="utf-8") as fh:
            articles = [(r["id"], r["body"]) for r in map(json.loads, fh) if r.get("body")]
    except DataUnavailable as exc:
        _log(f"skipped the synthetic site: {exc}")
    articles = articles[: args.site_pages]
    if articles:
        synthetic = synthetic_report(articles, rules, args.oof)
        before, after_s = synthetic["before"], synthetic["after"]
        lines += _rows(f"synthetic ({len(articles)})", before, after_s, FIGURES["synthetic"])
        notes.append(
            f"synthetic site: template lines left in the body "
            f"{before['template_lines_in_body']:.0f} → {after_s['template_lines_in_body']:.0f}; "
            f"legitimate repeats lost "
            f"{before['legit_repeats_lost']:.0f} → {after_s['legit_repeats_lost']:.0f} of "
            f"{after_s['legit_repeats']:.0f}"
        )
    lines += ["", *notes, f"{time.perf_counter() - start:.0f} s"]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
