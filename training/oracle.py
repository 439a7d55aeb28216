"""Oracle check of the training labels: score the blocks labelled body as if predicted.

For every data set and renderer, the blocks that ``training.labels`` labels body (class 1),
joined with blank lines, are scored with the metrics exactly as the data READMEs define them:
the scrapinghub shingle F1 and the trafilatura snippet F1 (articles), the WCXB word F1 (wcxb).
A good labelling comes close to what the line split allows (~0.99). Also printed: class
counts, the share of titled pages whose title block was found, the share of gold captions
with a caption block, and the labelling time. This module owns only the check; it is a
script, not part of the library, and shares no code with ``benchmarks/``.

    python -m training.oracle [--data ROOT] [--sets articles wcxb] [--renderers ...]
"""

from __future__ import annotations

import argparse
import multiprocessing
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks import metrics

from .labels import BODY, CAPTION, CLASS_NAMES, RENDERERS, SETS, TITLE, iter_labelled, tokens

# ---- the check ---------------------------------------------------------------------------

def _caption_found(caption: str, cap_blocks: list[list[str]]) -> bool:
    """A gold caption is found when the caption blocks, in page order, hold its tokens, or
    one caption block lies inside it (a renderer that splits the caption). Compared with
    the tokens run together, since renderers glue alt text or numbers to captions."""
    cap = "".join(tokens(caption))
    if cap in "".join("".join(bt) for bt in cap_blocks):
        return True
    return any(len(b) >= 16 and b in cap for b in ("".join(bt) for bt in cap_blocks))


def check(data_root: Path, set_name: str, renderer: str) -> dict[str, Any]:
    """Label one set under one renderer and score the body labels; returns the figures."""
    start = time.perf_counter()
    classes: Counter[int] = Counter()
    scored: list[metrics.PageScores] = []
    titled = titles_found = captions = captions_found = pages = 0
    for record, _text, blocks, labels in iter_labelled(data_root, set_name, renderer):
        pages += 1
        classes.update(labels)
        body = "\n\n".join(b.text for b, c in zip(blocks, labels, strict=True) if c == BODY)
        if record.get("title"):
            titled += 1
            titles_found += TITLE in labels
        cap_blocks = [tokens(b.text) for b, c in zip(blocks, labels, strict=True) if c == CAPTION]
        for cap in record.get("captions") or ():
            captions += 1
            captions_found += _caption_found(cap, cap_blocks)
        scored.append(metrics.score_page(metrics.Gold.from_record(set_name, record), body))
    out: dict[str, Any] = {
        "set": set_name, "renderer": renderer, "pages": pages,
        "seconds": time.perf_counter() - start, "classes": dict(classes),
        "title_rate": titles_found / titled if titled else 0.0,
        "caption_rate": captions_found / captions if captions else 0.0,
    }
    figures = metrics.summarize(scored)
    for name, keys in (("shingle", ("shingle_p", "shingle_r", "shingle_f1")),
                       ("snippet", ("snippet_p", "snippet_r", "snippet_f1")),
                       ("word", ("word_p", "word_r", "word_f1")),
                       ("rates", ("with_rate", "without_rate"))):
        if keys[0] in figures:
            out[name] = tuple(figures[k] for k in keys)
    return out


def _run(args: tuple[Path, str, str]) -> dict[str, Any]:
    return check(*args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parent.parent.parent / "shared" / "data")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    parser.add_argument("--renderers", nargs="+", default=list(RENDERERS), choices=RENDERERS)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    if "articles" in args.sets:  # fill the silver cache once, before the workers need it
        from .silver import load_silver

        load_silver(args.data / "articles")
    jobs = [(args.data, s, r) for s in args.sets for r in args.renderers]
    start = time.perf_counter()
    if args.processes > 1:
        with multiprocessing.get_context("spawn").Pool(args.processes) as pool:
            results = pool.map(_run, jobs, chunksize=1)
    else:
        results = [_run(job) for job in jobs]
    wall = time.perf_counter() - start

    def fmt(prf: tuple[float, ...] | None) -> str:
        return " / ".join(f"{x:.3f}" for x in prf) if prf else "-"

    print("| set | renderer | pages | scrapinghub shingle P/R/F1 | trafilatura snippet P/R/F1 "
          "| wcxb word P/R/F1 | wcxb with / without rate | title found | captions found | s |")
    print("|---|---|---:|---|---|---|---|---:|---:|---:|")
    for r in results:
        rates = fmt(r.get("rates"))
        print(f"| {r['set']} | {r['renderer']} | {r['pages']} | {fmt(r.get('shingle'))} "
              f"| {fmt(r.get('snippet'))} | {fmt(r.get('word'))} | {rates} "
              f"| {r['title_rate']:.3f} | {r['caption_rate']:.3f} | {r['seconds']:.0f} |")
    print()
    print("| set | renderer | " + " | ".join(CLASS_NAMES) + " |")
    print("|---|---|" + "---:|" * len(CLASS_NAMES))
    for r in results:
        counts = " | ".join(str(r["classes"].get(c, 0)) for c in range(len(CLASS_NAMES)))
        print(f"| {r['set']} | {r['renderer']} | {counts} |")
    total = sum(r["seconds"] for r in results)
    print(f"\nlabelling time: {total:.0f} s of work, {wall:.0f} s wall "
          f"({args.processes} processes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
