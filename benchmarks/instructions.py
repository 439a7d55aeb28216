"""Instructions executed per page, counted by valgrind's callgrind: a speed measure that does
not move with the machine's load.

    python -m benchmarks.instructions [--data ../shared/data] [--subset 72] [--systems ...]

Wall-clock rates on a shared virtual machine move by 10-20% between runs of the same code
(``benchmarks.speed``), more than most speed changes are worth. Instruction counts hardly
move (two runs of the same code, one with a fixed hash seed and one without, read within
0.3%), so two versions of the code or two systems compare well below that noise: run it
from each checkout (each imports its own ``cleaner``; build its C descent in place first,
``python setup.py build_ext --inplace``). They are a
proxy: an instruction of NumPy's or libxml2's C code takes less time than one of the Python
interpreter's, so a ratio of counts is not a ratio of docs/s.

Each system cleans every ``--subset``-th page of both data sets (html_text for text, the
original HTML otherwise) in a child process under ``valgrind --tool=callgrind``, after a
warm-up pass over other pages (``--subset // 2`` on), so that models, lazily compiled
patterns and memos are as a long run over other pages has them. A second child does the
same without the measured pass; the difference is what cleaning the pages cost. One
system takes 5-10 minutes at the default subset (31 pages); the systems run one after the
other. Needs valgrind on the PATH (it is not a Python package).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence

from .data import REPO_ROOT, default_data_root, load_pages

#: What each system does with a page: cleaner on the text or on the HTML, trafilatura on
#: the HTML (as ``benchmarks.speed`` runs them).
SYSTEMS = ("cleaner-text", "cleaner-html", "trafilatura")
_COLLECTED = re.compile(r"Collected : (\d+)")


def _pages(system: str, subset: int, offset: int, root: str | None) -> list[str | bytes]:
    pages = [page for dataset in ("articles", "wcxb")
             for page in load_pages(dataset, "html_text", root)[offset::subset]]
    if system == "cleaner-text":
        return [page.text for page in pages]
    return [page.load_html() for page in pages]


def run_child(system: str, subset: int, measure: bool, root: str | None) -> None:
    """The child's work: warm up on other pages, load the measured pages, clean them when
    ``measure``."""
    if system == "trafilatura":
        import trafilatura

        def run(page: str | bytes) -> object:
            return trafilatura.extract(page, include_comments=False)
    else:
        import cleaner
        from cleaner.lexicon import compile_patterns

        compile_patterns()  # all of them, as a long run and the workers' forkserver have them

        def run(page: str | bytes) -> object:
            return cleaner.clean(page)
    for page in _pages(system, subset, subset // 2, root):
        run(page)
    measured = _pages(system, subset, 0, root)  # loaded in both children
    if measure:
        for page in measured:
            run(page)


def count(system: str, subset: int, measure: bool, root: str | None) -> int:
    """Instructions of one child under callgrind."""
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
           "-m", "benchmarks.instructions", "--child", system, "--subset", str(subset)]
    if measure:
        cmd.append("--measure")
    if root is not None:
        cmd += ["--data", root]
    # a fixed hash seed: set and dict orders, and so the count, do not vary with it
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=os.pathsep.join(
        filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"callgrind run of {system} failed: {done.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None, help="data root (default: ../shared/data)")
    parser.add_argument("--subset", type=int, default=72,
                        help="every N-th page of each set (default: 72, 31 pages)")
    parser.add_argument("--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS))
    parser.add_argument("--child", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.subset < 2:
        parser.error("--subset must be 2 or more (the warm-up reads other pages)")
    if args.child:
        run_child(args.child, args.subset, args.measure, args.data)
        return 0
    if shutil.which("valgrind") is None:
        print("benchmarks.instructions: valgrind is not installed", file=sys.stderr)
        return 1
    root = args.data or str(default_data_root())
    pages = len(_pages("cleaner-text", args.subset, 0, root))
    print(f"## Instructions per page ({pages} pages: one in {args.subset} of both sets; "
          f"callgrind; Python {sys.version.split()[0]})\n")
    print("| system | input | instructions per page (millions) |")
    print("|---|---|---|")
    per_page: dict[str, float] = {}
    for system in args.systems:
        cleaning = (count(system, args.subset, True, root)
                    - count(system, args.subset, False, root))
        per_page[system] = cleaning / pages / 1e6
        source = "text (html_text)" if system == "cleaner-text" else "original HTML"
        print(f"| {system} | {source} | {per_page[system]:.1f} |", flush=True)
    if "trafilatura" in per_page:
        print()
        for system in ("cleaner-text", "cleaner-html"):
            if system in per_page:
                print(f"trafilatura's instructions per page / {system}'s: "
                      f"{per_page['trafilatura'] / per_page[system]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
