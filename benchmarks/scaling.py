"""How clean() scales with input size: time per character must stay flat.

``python -m benchmarks.scaling`` cleans one real-looking page repeated 1x, 4x and 16x and
prints the time and the time per character of each, relative to 1x (a ratio near 1 is
linear; a regex that backtracks shows up as a ratio that grows with the size). The page is
the first ``articles`` page of ``../shared/data`` (html_text rendering) of at least 5,000
characters when the data are there, else ``../shared/examples/bbc-pakistan.txt``, else a
synthetic page; ``--page FILE`` picks one. ``--large`` adds a million short lines and one
10 MB line, ``--adversarial`` the 1 MB hostile lines that tests/test_limits.py guards
(``adversarial_lines``; minutes in all).

Timings are wall clock in one process on whatever else the machine is doing: compare the
ratios, not the absolute numbers, across machines.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import cleaner

from .data import REPO_ROOT, DataUnavailable, iter_pages

#: The page is repeated this many times by default.
DEFAULT_REPEATS = (1, 4, 16)
#: Pages shorter than this are skipped when picking one from the data.
MIN_PAGE_CHARS = 5000
EXAMPLE_PAGE = REPO_ROOT.parent / "shared" / "examples" / "bbc-pakistan.txt"

SYNTHETIC_PAGE = """Home | News | Sport | Weather | Culture
Council approves new cycle lanes for the city centre
By Jane Doe
Published: 29 January 2025
Cyclists on the ring road on January 5, 2024.Image copyright AFP
Image caption Cyclists have asked for protected lanes for years
The city council voted on Tuesday to build four new protected cycle lanes through the centre, \
after two years of consultation with residents and shop owners.
Work is expected to begin in the spring and to last about eighteen months, the council said in \
a statement published after the vote.
Opponents had argued that the lanes would take space from delivery vans and hurt the shops on \
the high street, but a survey found that most shop owners supported the plan.
The new lanes will be separated from traffic by a low kerb and will connect the railway station \
with the university and the hospital.
## What happens next
A public meeting will be held next month to discuss the detailed design of each lane.
Residents can also send their comments by email until the end of February.
Related articles
* [Bus fares to rise in April](https://example.com/news/bus-fares)
* [New bridge opens to pedestrians](https://example.com/news/bridge)
Share on Facebook
Share on Twitter
Leave a comment
Your email address will not be published. Required fields are marked *
\u00a9 2025 Example News. All rights reserved.
This website uses cookies to improve your experience.
"""


def repeat_to(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def adversarial_lines(size: int = 1_000_000) -> dict[str, str]:
    """Single lines of about ``size`` characters that made regexes backtrack (or could):
    long runs of one character, Markdown brackets, URLs, emphasis markers, separators after
    a credit, credit lines, bylines, CJK without spaces. tests/test_limits.py guards them."""
    return {
        "spaces": "a" + " " * size + "b",
        "dots": repeat_to(".", size),
        "digits": repeat_to("1", size),
        "letters-no-spaces": repeat_to("a", size),
        "less-than": repeat_to("<", size),
        "open-brackets-then-link": repeat_to("[", size) + "](x)",
        "image-openers": repeat_to("![", size),
        "link-openers": repeat_to("[a](", size),
        "urls": repeat_to("http://example.com/a?b=c ", size),
        "one-long-url": "http://" + repeat_to("a/", size),
        "emphasis-openers": repeat_to("*a ", size),
        "separator-run-after-agency": "AFP x " + repeat_to("- ", size),
        "credit-lines": repeat_to("x. AFP ", size),
        "byline-words": repeat_to("By Jand", size),
        "cjk-no-spaces": repeat_to("市議会は火曜日に可決した", size),
    }


def pick_page(path: str | None) -> tuple[str, str]:
    """(name, text) of the page to repeat."""
    if path:
        return path, Path(path).read_text(encoding="utf-8", errors="replace")
    try:
        for page in iter_pages("articles", "html_text"):
            if len(page.text) >= MIN_PAGE_CHARS:
                return f"articles/{page.id[:12]} (html_text)", page.text
    except (DataUnavailable, OSError, ValueError):
        pass
    if EXAMPLE_PAGE.is_file():
        return str(EXAMPLE_PAGE.name), EXAMPLE_PAGE.read_text(encoding="utf-8")
    return "synthetic page", SYNTHETIC_PAGE


def time_clean(text: str, runs: int) -> tuple[float, int]:
    """Best wall-clock seconds of ``runs`` cleanings, and the number of blocks."""
    best = float("inf")
    blocks = 0
    for _ in range(runs):
        start = time.perf_counter()
        doc = cleaner.clean(text)
        best = min(best, time.perf_counter() - start)
        blocks = len(doc.blocks)
    return best, blocks


def peak_memory_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scaling_table(page: str, repeats: tuple[int, ...], runs: int) -> None:
    print(f"{'repeat':>6} {'chars':>10} {'blocks':>7} {'seconds':>9} {'us/char':>8} "
          f"{'ratio':>6}")
    base: float | None = None
    for repeat in repeats:
        text = "\n".join([page] * repeat)
        seconds, blocks = time_clean(text, runs if repeat <= 4 else 1)
        per_char = seconds / max(len(text), 1) * 1e6
        base = base or per_char
        print(f"{repeat:>5}x {len(text):>10,} {blocks:>7,} {seconds:>9.3f} {per_char:>8.3f} "
              f"{per_char / base:>6.2f}", flush=True)


def large_inputs() -> None:
    lines = "".join(f"Item {i} of the list\n" if i % 4 else "Share on Facebook\n"
                    for i in range(1_000_000))
    sentence = ("The city council voted on Tuesday to build four new protected cycle lanes "
                "through the centre, after two years of consultation with residents. ")
    long_line = repeat_to(sentence, 10_000_000)
    for name, text in (("1,000,000 short lines", lines), ("one 10 MB line", long_line)):
        seconds, blocks = time_clean(text, 1)
        print(f"{name:>22}: {len(text):>11,} chars {blocks:>9,} blocks {seconds:>8.1f} s "
              f"{seconds / len(text) * 1e6:>7.3f} us/char  peak memory {peak_memory_mb():,.0f} MB",
              flush=True)


def hostile_lines() -> None:
    for name, text in adversarial_lines().items():
        seconds, _ = time_clean(text, 1)
        print(f"{name:>28}: {len(text):>9,} chars {seconds:>7.2f} s", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scaling", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page", help="a text file to repeat instead of a data set page")
    parser.add_argument("--repeats", type=int, nargs="+", default=list(DEFAULT_REPEATS))
    parser.add_argument("--runs", type=int, default=3, help="best of N runs (up to 4x)")
    parser.add_argument("--large", action="store_true",
                        help="also a million short lines and one 10 MB line (minutes)")
    parser.add_argument("--adversarial", action="store_true",
                        help="also the 1 MB hostile lines that tests/test_limits.py guards")
    args = parser.parse_args(argv)

    name, page = pick_page(args.page)
    cleaner.clean(page)  # warm up: imports, model load
    print(f"page: {name}, {len(page):,} characters")
    scaling_table(page, tuple(args.repeats), args.runs)
    if args.large:
        large_inputs()
    if args.adversarial:
        hostile_lines()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
