"""Loading the benchmark data sets: gold records, text renderings and original HTML.

This module owns the on-disk layout described in the data READMEs (``gold.jsonl``,
``text/<renderer>.jsonl.gz``, ``html/<id>.html.gz`` under ``<root>/<set>``) and turns it
into ``Page`` records. It checks that a rendering lists the same ids in the same order as
``gold.jsonl`` and fails loudly when it does not. It does not score anything and never
copies data: the data stay where they are (by default ``../shared/data`` next to the repo,
overridable with ``CLEANER_BENCHMARK_DATA`` or an explicit root).
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "DATA_ENV_VAR",
    "DATA_SETS",
    "REPO_ROOT",
    "DataUnavailable",
    "Page",
    "data_set_dir",
    "default_data_root",
    "list_renderers",
    "load_pages",
    "iter_pages",
]

#: The repository root (the parent of the ``benchmarks`` package).
REPO_ROOT = Path(__file__).resolve().parent.parent
#: Environment variable that overrides the default data root.
DATA_ENV_VAR = "CLEANER_BENCHMARK_DATA"
#: The data sets this package knows how to score.
DATA_SETS = ("articles", "wcxb")


class DataUnavailable(FileNotFoundError):
    """The benchmark data (or a part of it) is not where it was looked for."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a data set: its gold labels and one text rendering of it.

    ``body`` is ``None`` where the source has no gold body (Trafilatura pages); ``with_`` /
    ``without`` are the snippets that must / must not occur in the body. ``text`` is the
    rendering (``""`` when the page was loaded without one). ``page_type``, ``author`` and
    ``date`` are ``None`` outside WCXB (and where WCXB has none). ``url`` is the address
    the page was fetched from.
    """

    id: str
    dataset: str
    source: str
    lang: str | None
    page_type: str | None
    body: str | None
    with_: tuple[str, ...]
    without: tuple[str, ...]
    captions: tuple[str, ...]
    title: str | None
    text: str
    html_path: Path
    author: str | None = None
    date: str | None = None
    url: str | None = None

    def load_html(self) -> bytes:
        """The original HTML bytes of the page (not decoded)."""
        with gzip.open(self.html_path, "rb") as fh:
            return fh.read()


def default_data_root() -> Path:
    """``$CLEANER_BENCHMARK_DATA`` if set, else ``../shared/data`` relative to the repo root."""
    env = os.environ.get(DATA_ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    return (REPO_ROOT.parent / "shared" / "data").resolve()


def data_set_dir(dataset: str, root: Path | str | None = None) -> Path:
    """The directory of one data set; raises ``DataUnavailable`` with a hint if absent."""
    base = Path(root) if root is not None else default_data_root()
    directory = base / dataset
    if not (directory / "gold.jsonl").is_file():
        raise DataUnavailable(
            f"benchmark data set {dataset!r} not found: no {directory / 'gold.jsonl'}. "
            f"Pass --data DIR or set {DATA_ENV_VAR} to the folder holding "
            f"{', '.join(DATA_SETS)}."
        )
    return directory


def list_renderers(dataset: str, root: Path | str | None = None) -> list[str]:
    """Names of the text renderings available for a data set, sorted."""
    text_dir = data_set_dir(dataset, root) / "text"
    return sorted(p.name.removesuffix(".jsonl.gz") for p in text_dir.glob("*.jsonl.gz"))


def _read_gold(directory: Path) -> list[dict[str, Any]]:
    with open(directory / "gold.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _iter_rendering(directory: Path, renderer: str) -> Iterator[dict[str, Any]]:
    path = directory / "text" / f"{renderer}.jsonl.gz"
    if not path.is_file():
        raise DataUnavailable(f"no rendering {renderer!r} for {directory.name}: {path} missing")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _page(record: dict[str, Any], dataset: str, directory: Path, text: str) -> Page:
    return Page(
        id=record["id"],
        dataset=dataset,
        source=record["source"],
        lang=record.get("lang"),
        page_type=record.get("page_type"),
        body=record.get("body"),
        with_=tuple(record.get("with") or ()),
        without=tuple(record.get("without") or ()),
        captions=tuple(record.get("captions") or ()),
        title=record.get("title"),
        text=text,
        html_path=directory / "html" / f"{record['id']}.html.gz",
        author=record.get("author"),
        date=record.get("date"),
        url=record.get("url"),
    )


def iter_pages(
    dataset: str, renderer: str | None, root: Path | str | None = None
) -> Iterator[Page]:
    """Stream the pages of a data set with one rendering (``None``: gold only, ``text=""``).

    The rendering is zipped with ``gold.jsonl`` by order; a differing id or count raises
    ``ValueError``.
    """
    directory = data_set_dir(dataset, root)
    gold = _read_gold(directory)
    if renderer is None:
        for record in gold:
            yield _page(record, dataset, directory, "")
        return
    renderings = _iter_rendering(directory, renderer)
    for line_no, record in enumerate(gold, start=1):
        rendered = next(renderings, None)
        if rendered is None:
            raise ValueError(
                f"{dataset}/{renderer}: {line_no - 1} renderings for {len(gold)} gold records"
            )
        if rendered["id"] != record["id"]:
            raise ValueError(
                f"{dataset}/{renderer}: line {line_no} has id {rendered['id']!r}, "
                f"gold.jsonl has {record['id']!r}"
            )
        yield _page(record, dataset, directory, rendered["text"] or "")
    if next(renderings, None) is not None:
        raise ValueError(f"{dataset}/{renderer}: more renderings than {len(gold)} gold records")


def load_pages(
    dataset: str,
    renderer: str | None,
    root: Path | str | None = None,
    *,
    subset: int = 1,
    limit: int | None = None,
) -> list[Page]:
    """All pages of a data set with one rendering, as a list.

    ``subset=K`` keeps every K-th page (pages 0, K, 2K, ...), then ``limit`` the first N:
    both deterministic, so a quick run always sees the same pages.
    """
    if subset < 1:
        raise ValueError("subset must be >= 1")
    pages = list(iter_pages(dataset, renderer, root))[::subset]
    return pages if limit is None else pages[:limit]
