"""Silver article bodies: trafilatura run on each articles page's original HTML, cached.

The Trafilatura-benchmark pages of the articles set have no gold body, only a few
``with``/``without`` snippets. ``training.labels`` aligns the page's blocks against the body
that trafilatura extracts from the page's *original HTML* (``html/<id>.html.gz``) instead,
then lets the snippets override it. This module owns computing those bodies (2 worker
processes, about a minute for the ~800 pages) and caching them under
``.cache/training/`` of the repository (gitignored), in one gzip JSONL file whose name holds a
version key: the trafilatura version, the extraction options and ``SILVER_VERSION``. Change
any of them and the cache is recomputed; an old file is simply left unused. It does not
label anything.

Run ``python -m training.silver [DATA_ROOT]`` to fill the cache ahead of time.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import multiprocessing
import os
import sys
from collections.abc import Iterable
from pathlib import Path

#: Bump when the way silver bodies are produced changes (not needed for trafilatura
#: upgrades or option changes: those are part of the key already).
SILVER_VERSION = 1
#: Options passed to ``trafilatura.extract``. Comments are not article body.
EXTRACT_OPTIONS: dict[str, object] = {"include_comments": False}
#: Worker processes (the target machine has 2 cores).
PROCESSES = 2

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE_DIR = REPO_ROOT / ".cache" / "training"


def cache_key() -> str:
    """A short hash of everything that determines the silver bodies."""
    import trafilatura

    spec = json.dumps(
        {"v": SILVER_VERSION, "trafilatura": trafilatura.__version__, "opts": EXTRACT_OPTIONS},
        sort_keys=True,
    )
    return hashlib.sha1(spec.encode()).hexdigest()[:12]


def cache_path(cache_dir: Path = DEFAULT_CACHE_DIR) -> Path:
    return cache_dir / f"silver-articles-{cache_key()}.jsonl.gz"


def extract_silver(html: bytes) -> str | None:
    """Trafilatura's article body for one page's HTML bytes (``None`` if it finds none)."""
    import trafilatura

    try:
        return trafilatura.extract(html, **EXTRACT_OPTIONS)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - a page trafilatura cannot handle has no silver body
        return None


def _extract_file(path: str) -> tuple[str, str | None]:
    doc_id = Path(path).name.removesuffix(".html.gz")
    with gzip.open(path, "rb") as fh:
        html = fh.read()
    return doc_id, extract_silver(html)


def _read_cache(path: Path) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            out[row["id"]] = row["text"]
    return out


def compute_silver(
    html_dir: Path, ids: Iterable[str], processes: int = PROCESSES
) -> dict[str, str | None]:
    """Run trafilatura over ``html_dir/<id>.html.gz`` for every id, in a process pool."""
    paths = [str(html_dir / f"{doc_id}.html.gz") for doc_id in ids]
    if multiprocessing.current_process().daemon:  # inside a pool worker: no children
        processes = 1
    if processes <= 1:
        return dict(map(_extract_file, paths))
    ctx = multiprocessing.get_context("spawn")  # no fork: callers may hold threads
    with ctx.Pool(processes) as pool:
        return dict(pool.imap_unordered(_extract_file, paths, chunksize=4))


def load_silver(
    articles_root: Path, cache_dir: Path = DEFAULT_CACHE_DIR, processes: int = PROCESSES
) -> dict[str, str | None]:
    """Silver bodies of every articles page, ``{id: text or None}``; computed once, cached."""
    path = cache_path(cache_dir)
    if path.exists():
        return _read_cache(path)
    ids = []
    with open(articles_root / "gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            ids.append(json.loads(line)["id"])
    silver = compute_silver(articles_root / "html", ids, processes)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")  # concurrent callers: own file
    with gzip.open(tmp, "wt", encoding="utf-8") as fh:
        for doc_id in ids:
            fh.write(json.dumps({"id": doc_id, "text": silver.get(doc_id)}, ensure_ascii=False))
            fh.write("\n")
    tmp.replace(path)
    return silver


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    data_root = Path(args[0]) if args else REPO_ROOT.parent / "shared" / "data"
    silver = load_silver(data_root / "articles")
    empty = sum(1 for text in silver.values() if not text)
    print(f"{len(silver)} silver bodies ({empty} empty) in {cache_path()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
