"""The quality benchmark: run systems over the data sets, score them, gate on floors.

This module owns running and reporting: it feeds every selected rendering of every selected
data set to each system (trafilatura once per set, on the original HTML), isolates per-page
crashes (counted, reported, scored as an empty prediction), times the systems' own calls,
scores with ``benchmarks.metrics`` and prints Markdown tables; ``--floors`` turns it into
the CI quality gate. It defines no metric and no baseline of its own. Run it from the repo
root::

    python -m benchmarks.quality --systems cleaner keep c4 --renderers html_text --worst 5
    python -m benchmarks.quality --systems cleaner --subset 5 --floors benchmarks/floors.json
    python -m benchmarks.quality --systems cleaner trafilatura --renderers html   # HTML in

Floor keys are ``<set>/<input>/<metric>`` for cleaner, or ``<system>/<set>/<input>/<metric>``
for any system (``<input>`` is a renderer name, or ``html`` for the original HTML, which
trafilatura always reads and cleaner reads when ``html`` is among ``--renderers``); metric names
are those of ``metric_values`` (``shingle_f1``, ``snippet_f1``, ``word_f1``,
``word_f1_<page type>``, ``caption_recall``, ``title_acc``, ...). A floor that was not
measured in the run fails the gate too, so a gate cannot pass by not running, and so does
any crash of a gated run (unless ``--allow-crashes``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import metrics
from .baselines import (
    JustextLines,
    c4_line_filter,
    keep_everything,
    trafilatura_html,
    trafilatura_metadata,
)
from .data import DATA_SETS, DataUnavailable, Page, default_data_root, list_renderers, load_pages

__all__ = ["SYSTEMS", "Prediction", "RunResult", "check_floors", "main", "metric_values"]

#: Every system the benchmark knows, in table order.
SYSTEMS = ("cleaner", "keep", "c4", "justext", "trafilatura")
#: Where ``training/train.py`` leaves its fold models and fold assignment.
OOF_DIR = Path(__file__).resolve().parent.parent / ".cache" / "training"
#: Systems that read the original HTML instead of a rendering (run once per data set).
HTML_SYSTEMS = frozenset({"trafilatura"})
#: The ``input`` name of HTML systems in tables, JSON and floor keys.
HTML_INPUT = "html"
#: WCXB page types in the order of its README.
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
DASH = "—"


@dataclass(frozen=True, slots=True)
class Prediction:
    """What a system said about one page.

    ``body`` is ``None`` when the system crashed. ``captions`` holds every predicted caption
    text and credit, or is ``None`` for systems that do not predict captions; ``title`` is
    ``None`` when there is no predicted title. ``seconds`` is the time of the system's own
    call (for trafilatura cache hits: of the original call).
    """

    page_id: str
    body: str | None
    title: str | None = None
    captions: tuple[str, ...] | None = None
    seconds: float = 0.0
    error: str | None = None
    metadata: metrics.Metadata | None = None


# --- systems ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TextSystem:
    """A baseline ``str -> str`` over the rendering; no title, no captions."""

    run: Callable[[str], str]

    def __call__(self, page: Page) -> Prediction:
        start = time.perf_counter()
        try:
            body: str | None = self.run(page.text)
            error = None
        except Exception as exc:  # a crash is a result to count, not to raise
            body, error = None, f"{type(exc).__name__}: {exc}"
        return Prediction(page.id, body, seconds=time.perf_counter() - start, error=error)


@dataclass(frozen=True, slots=True)
class CleanerSystem:
    """``cleaner.clean`` over the rendering: body, title and captions from the Document.

    With ``fold_of_page``, each page is cleaned by the fold model that did not train on it
    (``training/train.py`` leaves them in ``.cache/training/``): out-of-fold figures."""

    fold_of_page: Mapping[str, int] | None = None
    #: How many folds ``fold_of_page`` has (its models are ``OOF_DIR/fold-K-of-N*.npz``).
    folds: int = 0
    #: Clean the page's original HTML (bytes, as a user would pass them) with the HTML model.
    html: bool = False
    #: ``Config.stable_body`` (off: to measure what the stable body costs).
    stable_body: bool = True
    #: Give ``clean`` the page's URL, as a crawl's records carry it.
    urls: bool = False

    def _config(self, page: Page) -> Any:
        import cleaner

        config = cleaner.Config(input_format="html" if self.html else "auto",
                                stable_body=self.stable_body)
        if self.fold_of_page is None:
            return config
        from training.train import fold_config, fold_path

        k = self.fold_of_page[page.id]
        # The text fold models also for HTML input: for pages without a DOM, and the body's
        # second look (``stable_body``).
        try:
            config = fold_config(config, k, self.folds)
        except FileNotFoundError as error:
            raise DataUnavailable(str(error)) from error
        title = fold_path(k, self.folds, "-title")
        if not title.exists():
            raise DataUnavailable(f"{title} is absent: run `python -m training.title`")
        if config.page_type_model_path is None:  # the packaged one trained on this page
            raise DataUnavailable(
                f"{fold_path(k, self.folds, '-page-type')} is absent: run "
                f"`python -m training.page_type --folds {self.folds} --no-final`")
        return config.with_overrides(title_model_path=str(title))

    def __call__(self, page: Page) -> Prediction:
        import cleaner

        config = self._config(page)
        start = time.perf_counter()
        try:
            doc = cleaner.clean(page.load_html() if self.html else page.text, config,
                                url=page.url if self.urls else None)
        except Exception as exc:  # a crash is a result to count, not to raise
            seconds = time.perf_counter() - start
            return Prediction(page.id, None, None, (), seconds, f"{type(exc).__name__}: {exc}")
        seconds = time.perf_counter() - start
        captions = tuple(s for c in doc.captions for s in (c.text, c.credit) if s)
        return Prediction(page.id, doc.body, doc.title, captions, seconds,
                          metadata=metrics.document_metadata(doc.metadata))


@dataclass(frozen=True, slots=True)
class TrafilaturaSystem:
    """trafilatura on the page's original HTML, through the on-disk cache."""

    use_cache: bool = True

    def __call__(self, page: Page) -> Prediction:
        try:
            out = trafilatura_html(page.dataset, page.id, page.load_html, use_cache=self.use_cache)
        except Exception as exc:  # e.g. unreadable HTML file: still one crashed page
            return Prediction(page.id, None, error=f"{type(exc).__name__}: {exc}")
        # ``None`` (nothing extracted) is not a crash: it is scored as an empty body.
        body = None if out.error else (out.text or "")
        meta = trafilatura_metadata(page.dataset, page.id, page.load_html,
                                    use_cache=self.use_cache)
        return Prediction(page.id, body, seconds=out.seconds, error=out.error,
                          # trafilatura names no language (its field stays empty)
                          metadata=metrics.Metadata(meta.get("author"), meta.get("date"),
                                                    fields=frozenset({"author", "date"})))


PageSystem = Callable[[Page], Prediction]


def make_system(name: str, dataset_languages: Sequence[str | None], use_cache: bool,
                oof_folds: int = 0, html: bool = False, stable_body: bool = True,
                urls: bool = False) -> PageSystem:
    """The picklable page -> prediction callable of one system for one data set (``html``:
    cleaner reads the original HTML)."""
    if name == "cleaner":
        import cleaner  # noqa: F401 - a broken package fails the run here, not page by page

        if oof_folds:
            folds_file = OOF_DIR / f"folds-{oof_folds}.json"
            if not folds_file.exists():
                raise DataUnavailable(f"{folds_file} is absent: run `python -m training.train`")
            return CleanerSystem(json.loads(folds_file.read_text()), oof_folds, html,
                                 stable_body, urls)
        return CleanerSystem(html=html, stable_body=stable_body, urls=urls)
    if name == "keep":
        return TextSystem(keep_everything)
    if name == "c4":
        return TextSystem(c4_line_filter)
    if name == "justext":
        return TextSystem(JustextLines.for_languages(dataset_languages))
    if name == "trafilatura":
        return TrafilaturaSystem(use_cache)
    raise ValueError(f"unknown system {name!r}; choose from {', '.join(SYSTEMS)}")


def _predict(task: tuple[PageSystem, Page]) -> Prediction:
    system, page = task
    return system(page)


def run_system(system: PageSystem, pages: Sequence[Page], jobs: int = 1) -> list[Prediction]:
    """Predictions for ``pages`` in order, in ``jobs`` processes."""
    tasks = ((system, page) for page in pages)
    if jobs <= 1:
        return [_predict(t) for t in tasks]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return list(pool.imap(_predict, tasks, chunksize=4))


# --- scoring ----------------------------------------------------------------------------


@dataclass
class RunResult:
    """One system on one input of one data set: per-page scores, time and crashes.

    ``titles`` keeps (predicted, gold) titles for the worst-page listing of systems that
    predict titles.
    """

    system: str
    input: str
    dataset: str
    seconds: float
    crashes: dict[str, str]
    scores: dict[str, metrics.PageScores]
    page_types: dict[str, str] = field(default_factory=dict)
    titles: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return len(self.scores)

    @property
    def predicts_fields(self) -> bool:
        """Whether the system predicts captions and titles (cleaner) or only a body."""
        return any(s.caption is not None for s in self.scores.values())

    def per_page(self, name: str) -> dict[str, Any]:
        """One metric's page results (``shingle``, ``word``, ...) where it applies."""
        pairs = ((i, getattr(s, name)) for i, s in self.scores.items())
        return {i: value for i, value in pairs if value is not None}


def _gold(page: Page) -> metrics.Gold:
    return metrics.Gold(
        page.dataset, page.body, page.with_, page.without, page.captions, page.title,
        metrics.Metadata(page.author, page.date, page.lang, page.page_type),
    )


def score_run(
    system: str, input_name: str, pages: Sequence[Page], predictions: Sequence[Prediction]
) -> RunResult:
    """Score one run page by page; which metrics apply depends on each page's gold."""
    result = RunResult(
        system=system,
        input=input_name,
        dataset=pages[0].dataset if pages else "",
        seconds=sum(p.seconds for p in predictions),
        crashes={p.page_id: p.error for p in predictions if p.error is not None},
        scores={},
    )
    for page, pred in zip(pages, predictions, strict=True):
        if page.id != pred.page_id:
            raise RuntimeError(f"prediction for {pred.page_id} scored against {page.id}")
        result.scores[page.id] = metrics.score_page(
            _gold(page), pred.body, pred.title, pred.captions, pred.metadata
        )
        if page.page_type is not None:
            result.page_types[page.id] = page.page_type
        result.languages[page.id] = page.lang or "unknown"
        if pred.captions is not None:
            result.titles[page.id] = (pred.title, page.title)
    return result


def _by_page_type(result: RunResult) -> dict[str, metrics.WordScore]:
    by_type: dict[str, list[metrics.WordPage]] = {}
    for page_id, page in result.per_page("word").items():
        by_type.setdefault(result.page_types.get(page_id, "unknown"), []).append(page)
    return {t: metrics.word_score(pages) for t, pages in sorted(by_type.items())}


def metric_values(result: RunResult) -> dict[str, float]:
    """Flat named figures of one run (the names used by floors and ``--json``):
    those of ``metrics.summarize``, ``word_f1_<page type>`` and ``crashes``."""
    out = metrics.summarize(result.scores.values())
    for page_type, score in _by_page_type(result).items():
        out[f"word_f1_{page_type}"] = score.f1
    out["crashes"] = float(len(result.crashes))
    return out


# --- floors -----------------------------------------------------------------------------


def _floor_key(result: RunResult, metric: str) -> str:
    return f"{result.system}/{result.dataset}/{result.input}/{metric}"


def measured_figures(results: Sequence[RunResult]) -> dict[str, float]:
    """Every figure of the run under its full floor key ``system/set/input/metric``."""
    return {_floor_key(r, name): value for r in results for name, value in metric_values(r).items()}


def check_floors(
    floors: dict[str, float], figures: dict[str, float], *, allow_crashes: bool = False
) -> list[str]:
    """One message per floor not met (below it, or not measured in this run).

    Unless ``allow_crashes``, every run that a floor refers to must also be free of crashes:
    a crash is scored as an empty prediction, which low floors would let through.
    """
    failures = []
    gated_runs = set()
    for key, floor in sorted(floors.items()):
        full = key if key.count("/") == 3 else f"cleaner/{key}"
        gated_runs.add(full.rsplit("/", 1)[0])
        if full not in figures:
            failures.append(f"{key}: not measured in this run (floor {floor:.3f})")
        elif figures[full] < floor:
            failures.append(f"{key}: {figures[full]:.4f} < floor {floor:.3f}")
    if not allow_crashes:
        for run_key in sorted(gated_runs):
            crashes = figures.get(f"{run_key}/crashes", 0.0)
            if crashes:
                failures.append(f"{run_key}: crashed on {crashes:.0f} pages")
    return failures


# --- report -----------------------------------------------------------------------------


def _fmt(*values: float | None) -> str:
    if any(v is None for v in values):
        return DASH
    return " / ".join(f"{v:.3f}" for v in values if v is not None)


def _rows(results: Sequence[RunResult]) -> Iterator[tuple[str, str, list[RunResult]]]:
    seen: dict[tuple[str, str], list[RunResult]] = {}
    for r in results:
        seen.setdefault((r.system, r.input), []).append(r)
    for (system, input_name), group in seen.items():
        yield system, input_name, group


def main_table(results: Sequence[RunResult]) -> str:
    """The Markdown summary: one row per system and input, data sets side by side.

    Caption and title figures pool the pages of every selected data set (each page weighs
    the same); per-set figures are in ``captions_table`` and the JSON.
    """
    lines = [
        "| system | input | articles shingle P / R / F1 | articles snippet P / R / F1 "
        "| WCXB word P / R / F1 | caption R / P | title acc | docs/s | crashes |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for system, input_name, group in _rows(results):
        f = metrics.summarize(s for r in group for s in r.scores.values())
        pages = sum(r.pages for r in group)
        seconds = sum(r.seconds for r in group)
        cells = [
            system,
            input_name,
            _fmt(*(f.get(f"shingle_{k}") for k in ("p", "r", "f1"))),
            _fmt(*(f.get(f"snippet_{k}") for k in ("p", "r", "f1"))),
            _fmt(*(f.get(f"word_{k}") for k in ("p", "r", "f1"))),
            _fmt(f.get("caption_recall"), f.get("caption_precision")),
            _fmt(f.get("title_acc")),
            f"{pages / seconds:,.0f}" if seconds > 0 else DASH,
            str(sum(len(r.crashes) for r in group)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def captions_table(results: Sequence[RunResult]) -> str:
    """Caption and title figures per data set, for the systems that predict them."""
    lines = [
        "| system | input | set | caption R / P | pages with gold / predicted captions "
        "| title acc | pages with gold title |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if not r.predicts_fields:
            continue
        c = metrics.caption_score(r.per_page("caption").values())
        acc, titled = metrics.title_score(r.per_page("title").values())
        lines.append(
            f"| {r.system} | {r.input} | {r.dataset} | {_fmt(c.recall, c.precision)} "
            f"| {c.recall_pages} / {c.precision_pages} | {acc:.3f} | {titled} |"
        )
    return "\n".join(lines) if len(lines) > 2 else ""


def metadata_table(results: Sequence[RunResult]) -> str:
    """Metadata accuracy per data set (metric (f)), for the systems that predict it: the
    share of the pages with a gold author, date or language that got it right, and the
    share of WCXB pages without an annotated author where the system names one."""
    lines = [
        "| system | input | set | author acc (pages) | date acc (pages) "
        "| language acc (pages) | page type acc (pages) "
        "| an author where none is annotated (pages) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        cells = []
        for name in ("author", "date", "language", "page_type", "author_unannotated"):
            acc, judged = metrics.hit_share(getattr(p, name) for p in r.scores.values())
            cells.append(f"{acc:.3f} ({judged})" if judged else DASH)
        if any(cell != DASH for cell in cells):
            lines.append(f"| {r.system} | {r.input} | {r.dataset} | " + " | ".join(cells) + " |")
    return "\n".join(lines) if len(lines) > 2 else ""


def page_type_table(results: Sequence[RunResult]) -> str:
    """WCXB word F1 per page type, one row per system and input."""
    wcxb = [r for r in results if r.per_page("word")]
    if not wcxb:
        return ""
    counts: dict[str, int] = {}
    for page_type in wcxb[0].page_types.values():
        counts[page_type] = counts.get(page_type, 0) + 1
    types = [t for t in PAGE_TYPES if t in counts] + sorted(set(counts) - set(PAGE_TYPES))
    lines = [
        "| system | input | " + " | ".join(f"{t} ({counts[t]})" for t in types) + " |",
        "|---|---|" + "---|" * len(types),
    ]
    for r in wcxb:
        by_type = _by_page_type(r)
        cells = [_fmt(by_type[t].f1) if t in by_type else DASH for t in types]
        lines.append(f"| {r.system} | {r.input} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


#: Languages with fewer pages than this in a set are pooled as "other" in the language table.
MIN_LANGUAGE_PAGES = 10


def language_table(results: Sequence[RunResult]) -> str:
    """Body figures per language (the gold ``lang``), languages with at least
    ``MIN_LANGUAGE_PAGES`` pages in a set; the rest pooled as "other"."""
    lines = [
        "| system | input | set | language (pages) | shingle F1 | snippet F1 | word F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        counts: dict[str, int] = {}
        for page_id in r.scores:
            lang = r.languages.get(page_id, "unknown")
            counts[lang] = counts.get(lang, 0) + 1
        groups: dict[str, list[metrics.PageScores]] = {}
        for page_id, score in r.scores.items():
            lang = r.languages.get(page_id, "unknown")
            key = lang if counts[lang] >= MIN_LANGUAGE_PAGES else "other"
            groups.setdefault(key, []).append(score)
        for lang, scores in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            f = metrics.summarize(scores)
            cells = [_fmt(f[k]) if k in f else DASH
                     for k in ("shingle_f1", "snippet_f1", "word_f1")]
            lines.append(f"| {r.system} | {r.input} | {r.dataset} | {lang} ({len(scores)}) | "
                         + " | ".join(cells) + " |")
    return "\n".join(lines) if len(lines) > 2 else ""


def _short(text: str | None, width: int = 60) -> str:
    if text is None:
        return "None"
    text = metrics.normalize_ws(text)
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def worst_pages(result: RunResult, n: int) -> str:
    """The ``n`` lowest-scoring pages of one run per metric, with id and score."""
    shingle: dict[str, metrics.ShinglePage] = result.per_page("shingle")
    snippet: dict[str, metrics.SnippetPage] = result.per_page("snippet")
    word: dict[str, metrics.WordPage] = result.per_page("word")
    caption: dict[str, metrics.CaptionPage] = result.per_page("caption")
    title: dict[str, bool] = result.per_page("title")
    ranked: dict[str, list[tuple[float, str, str]]] = {
        "shingle F1 (page: 2tp / (2tp + fp + fn))": [
            (p.f1, i, "") for i, p in shingle.items() if p.f1 is not None
        ],
        "snippet accuracy (page)": [
            (p.accuracy, i, f"with missed {p.fn}/{p.tp + p.fn}, without kept {p.fp}/{p.fp + p.tn}")
            for i, p in snippet.items()
            if p.accuracy is not None
        ],
        "WCXB word F1": [
            (p.f1, i, f"{result.page_types.get(i)}, P {p.precision:.3f} R {p.recall:.3f}")
            for i, p in word.items()
        ],
        "caption recall": [
            (p.recall, i, f"{p.matched}/{p.gold_tokens} gold tokens")
            for i, p in caption.items()
            if p.recall is not None
        ],
        "title (misses)": [
            (0.0, i, f"got {_short(result.titles[i][0])}, gold {_short(result.titles[i][1])}")
            for i, hit in title.items()
            if not hit
        ],
    }
    out = [f"### Worst pages: {result.system} on {result.dataset}/{result.input}"]
    for name, rows in ranked.items():
        if not rows:
            continue
        rows.sort(key=lambda row: (row[0], row[1]))
        out.append(f"\n{name}:\n")
        out += [f"- `{i}` {score:.3f} {detail}".rstrip() for score, i, detail in rows[:n]]
    if result.crashes:
        out.append("\ncrashes:\n")
        out += [f"- `{i}` {error}" for i, error in sorted(result.crashes.items())[:n]]
    return "\n".join(out)


def _page_json(scores: metrics.PageScores) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if scores.shingle is not None:
        s = scores.shingle
        out |= {"shingle_p": s.precision, "shingle_r": s.recall, "shingle_f1": s.f1}
    if scores.snippet is not None:
        out["snippet"] = scores.snippet._asdict()
    if scores.word is not None:
        out["word"] = scores.word._asdict()
    if scores.caption is not None:
        c = scores.caption
        out |= {"caption_recall": c.recall, "caption_precision": c.precision}
    for name in ("title", "author", "date", "language", "page_type"):
        if getattr(scores, name) is not None:
            out[name] = getattr(scores, name)
    return out


def to_json(results: Sequence[RunResult], args: argparse.Namespace) -> dict[str, Any]:
    """Everything measured, with per-page scores, for ``--json``."""
    return {
        "args": vars(args),
        "results": [
            {
                "system": r.system,
                "input": r.input,
                "dataset": r.dataset,
                "pages": r.pages,
                "seconds": r.seconds,
                "docs_per_s": r.pages / r.seconds if r.seconds > 0 else None,
                "metrics": metric_values(r),
                "crashes": r.crashes,
                "per_page": {i: _page_json(s) for i, s in r.scores.items()},
            }
            for r in results
        ],
    }


# --- command line -----------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.quality",
        description="Score cleaner and baselines on the benchmark data; gate on floors.",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help=f"data root holding {', '.join(DATA_SETS)} (default: ../shared/data next to the repo)",
    )
    parser.add_argument("--sets", nargs="+", choices=DATA_SETS, default=list(DATA_SETS))
    parser.add_argument(
        "--oof", type=int, default=0, metavar="K",
        help="out-of-fold: clean each page with the fold model (of K folds from "
        "`python -m training.train --folds K`) that did not train on it",
    )
    parser.add_argument(
        "--stable-body", action=argparse.BooleanOptionalAction, default=True,
        help="cleaner with Config(stable_body=...) (default: on, as the library; "
        "--no-stable-body measures what it costs)",
    )
    parser.add_argument(
        "--urls", action="store_true",
        help="give cleaner each page's URL, as a crawl's records carry it (the page type is "
        "then read from the URL's words too)",
    )
    parser.add_argument(
        "--renderers",
        nargs="+",
        default=["html_text"],
        help="text renderings to feed the text systems (default: html_text); `html` feeds "
        "cleaner the original HTML",
    )
    parser.add_argument("--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS))
    parser.add_argument(
        "--subset",
        type=int,
        default=1,
        metavar="K",
        help="keep every K-th page (deterministic; for a quick gate)",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        metavar="N",
        help="keep the first N pages of each set (after --subset)",
    )
    parser.add_argument(
        "--worst",
        type=int,
        default=0,
        metavar="N",
        help="list the N worst pages of cleaner per metric",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=None,
        metavar="OUT",
        help="write every figure and per-page score to OUT",
    )
    parser.add_argument(
        "--floors",
        type=Path,
        default=None,
        metavar="FILE",
        help="JSON of minimum figures; exit 1 if any is not met",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes (docs/s stays per process)",
    )
    parser.add_argument(
        "--allow-crashes",
        action="store_true",
        help="do not fail the --floors gate on pages where a gated system crashed",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="run trafilatura afresh instead of reading .cache/benchmarks",
    )
    return parser


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> list[RunResult]:
    """Run every selected system on every selected input of every selected set."""
    results: list[RunResult] = []
    text_systems = [s for s in args.systems if s not in HTML_SYSTEMS]
    html_systems = [s for s in args.systems if s in HTML_SYSTEMS]
    for dataset in args.sets:
        available = list_renderers(dataset, args.data)
        renderers = [r for r in args.renderers if r != HTML_INPUT]
        cleaner_on_html = HTML_INPUT in args.renderers and "cleaner" in args.systems
        missing = [r for r in renderers if r not in available]
        if missing and text_systems:
            raise DataUnavailable(
                f"{dataset}: no rendering {', '.join(missing)} (available: {', '.join(available)})"
            )
        gold_only = load_pages(dataset, None, args.data)
        languages = sorted({p.lang for p in gold_only if p.lang})
        inputs = [(r, r) for r in renderers] if text_systems else []
        if html_systems or cleaner_on_html:
            inputs.append((None, HTML_INPUT))
        for renderer, input_name in inputs:
            pages = load_pages(dataset, renderer, args.data, subset=args.subset, limit=args.limit)
            names = text_systems if renderer is not None else [
                *(["cleaner"] if cleaner_on_html else []), *html_systems]
            for name in names:
                system = make_system(name, languages, use_cache=not args.no_cache,
                                     oof_folds=args.oof, html=renderer is None,
                                     stable_body=args.stable_body, urls=args.urls)
                start = time.perf_counter()
                predictions = run_system(system, pages, args.jobs)
                result = score_run(name, input_name, pages, predictions)
                results.append(result)
                _log(
                    f"{name:12} {dataset}/{input_name:12} {len(pages):5} pages "
                    f"in {time.perf_counter() - start:7.1f} s "
                    f"(system calls {result.seconds:7.1f} s), {len(result.crashes)} crashes"
                )
    return results


def report(results: Sequence[RunResult], args: argparse.Namespace) -> str:
    """The Markdown report: summary, captions and titles, page types, crashes, worst pages."""
    root = args.data or default_data_root()
    sample = f", one page in {args.subset}" if args.subset > 1 else ""
    sample += f", first {args.limit} pages" if args.limit else ""
    parts = [
        f"## Quality benchmark ({root}{sample})",
        main_table(results),
        "docs/s: pages / seconds spent in the system's own calls (data loading excluded;"
        " trafilatura from its cache reports the original call times).",
    ]
    for title, table in (
        ("Captions and titles per set", captions_table(results)),
        ("Metadata per set", metadata_table(results)),
        ("WCXB word F1 by page type", page_type_table(results)),
        ("Body figures by language", language_table(results)),
    ):
        if table:
            parts.append(f"### {title}\n\n{table}")
    crashed = [r for r in results if r.crashes]
    if crashed:
        lines = ["### Crashes", ""]
        for r in crashed:
            page_id, error = min(r.crashes.items())
            lines.append(
                f"- {r.system} on {r.dataset}/{r.input}: {len(r.crashes)} pages "
                f"(first: `{page_id}` {error})"
            )
        parts.append("\n".join(lines))
    if args.worst:
        parts += [worst_pages(r, args.worst) for r in results if r.system == "cleaner"]
    return "\n\n".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.subset < 1 or args.jobs < 1 or (args.limit is not None and args.limit < 1):
        _log("error: --subset, --jobs and --limit take positive integers")
        return 2
    floors: dict[str, float] = {}
    if args.floors is not None:
        try:
            raw = json.loads(args.floors.read_text(encoding="utf-8"))
            floors = {str(k): float(v) for k, v in raw.items()}
        except (OSError, ValueError, AttributeError, TypeError) as exc:
            _log(f"error: cannot read floors from {args.floors}: {exc}")
            return 2
    try:
        results = run(args)
    except DataUnavailable as exc:
        _log(f"error: {exc}")
        return 2
    print(report(results, args))
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(to_json(results, args), default=str, indent=1))
    if floors:
        failures = check_floors(floors, measured_figures(results), allow_crashes=args.allow_crashes)
        if failures:
            _log(
                f"\nQUALITY GATE FAILED ({args.floors}, {len(floors)} floors): "
                f"{len(failures)} problems"
            )
            for failure in failures:
                _log(f"  {failure}")
            return 1
        _log(f"\nquality gate passed: {len(floors)} floors met ({args.floors})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
