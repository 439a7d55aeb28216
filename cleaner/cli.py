"""The ``cleaner`` command: argument parsing and exit codes over ``runner`` and ``output``.

This module owns the command line only: it turns arguments into a Config, output options,
batch options and a destination, reports failed inputs, the progress line and the summary on
stderr and picks the exit status (0 when every input was cleaned, 1 otherwise, 2 for usage
errors). It imports nothing heavy, so that ``cleaner --help`` stays fast; the work happens in
``runner``.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import sys
from collections.abc import Callable

from . import __version__

_FORMATS = ("text", "json", "markdown", "jsonl")  # output.FORMATS, without importing it
_SITE_BY = ("host", "dir", "all")  # runner.SITE_BY, without importing it
_STDIN_FORMATS = ("page", "jsonl", "warc")  # runner.SourceFormat, without importing it
#: Default per-input time limit of the command line, in seconds.
DEFAULT_TIMEOUT = 120.0
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

_EPILOG = """\
inputs: files; directories (walked recursively in sorted order, hidden entries skipped);
'-' for stdin (one page; with --stdin-format jsonl or warc, records as the files below hold
them, gzip or zstd compression recognised); .jsonl, .jsonl.gz and .jsonl.zst files, where
every line is a record with a "text" (or "html") field and is cleaned as one input, named
by its "id" or "url" field or line number (--text-field, --url-field, --id-field name other
fields);
crawl archives (.warc, .warc.gz, .wet, .wet.gz such as Common Crawl's .warc.wet.gz), where
every page record is one input with its URL (WET text; HTML or text responses with an HTTP
2xx status) and the other records are passed over and counted in the summary.

output: without -o, everything goes to stdout. -o DIR (an existing directory, or a path
ending in '/') writes one file per input, named from its path under the argument with the
format's extension; a JSONL or WARC input gives one .jsonl file in jsonl format, else one
file per record named from its id. Any other -o names one file that receives everything.

batches: -j N cleans in N worker processes (outputs keep the input order); an input that
takes longer than --timeout seconds, crashes its worker or cannot be read is reported and
skipped, and the run goes on. --resume (with -o DIR) skips inputs whose output exists, so an
interrupted run can simply be started again. A run of more than one input ends with a
summary on stderr (counts by label, kind, reason and failures); on a terminal, a progress
line shows while it runs. -q silences these stderr lines (the exit status remains).

cross-page boilerplate: --sitewide groups the pages into sites (--site-by host: the host of
each JSONL or WARC record's URL; dir: the directory of each file, or each JSONL or WARC file; all:
everything is one site) and relabels as furniture the body blocks that repeat on at least
half of a site's pages (reason "site:repeated"). Outputs are then written after every input
has been cleaned; the cleaned pages wait in a temporary file.

exit status: 0 when every input was cleaned; 1 when any failed (one line per failed input
on stderr, everything else still written); 2 for usage errors."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Turn the raw text dump of a scraped web page into clean article text.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="input file, directory or '-'")
    view = parser.add_mutually_exclusive_group()
    view.add_argument(
        "-f", "--format", choices=_FORMATS, default="text", help="output format (default: text)"
    )
    view.add_argument(
        "--explain",
        action="store_true",
        help="show every block with its label, kind and the reason for it",
    )
    parser.add_argument("-o", "--output", metavar="OUT", help="output directory or file")
    parser.add_argument(
        "--keep-source", action="store_true",
        help="json and jsonl: add the decoded input as \"source\", so that "
        "cleaner.Document.from_dict can rebuild each document",
    )
    parser.add_argument(
        "--input",
        choices=("auto", "text", "html"),
        default="auto",
        help="how to read inputs: sniff (default), plain text or HTML",
    )
    parser.add_argument(
        "--stable-body", action=argparse.BooleanOptionalAction, default=True,
        help="look at each body again until it reads as clean, so that cleaning it again "
        "returns it unchanged (default: on; --no-stable-body is faster)",
    )
    parser.add_argument(
        "--item-bodies", action=argparse.BooleanOptionalAction, default=True,
        help="take the items of a listing, collection or product grid as its body "
        "(default: on; --no-item-bodies keeps them as furniture, for articles alone)",
    )
    parser.add_argument(
        "-j", "--jobs", type=_count, default=1, metavar="N",
        help="worker processes (default 1; 0: one per CPU)",
    )
    parser.add_argument(
        "--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help=f"give up on an input after this long (default {DEFAULT_TIMEOUT:g}; 0: no limit)",
    )
    parser.add_argument(
        "--resume", action="store_true",
        help="skip inputs whose output exists already (needs -o DIR)",
    )
    parser.add_argument(
        "--sitewide", action="store_true",
        help="relabel blocks that repeat across a site's pages as furniture",
    )
    parser.add_argument(
        "--site-by", choices=_SITE_BY, default="host",
        help="how --sitewide groups pages into sites (default: host of the record's url)",
    )
    parser.add_argument(
        "--stdin-format", choices=_STDIN_FORMATS, default="page",
        help="what '-' reads from stdin: one page (default), JSONL records, or a WARC or WET "
        "stream (gzipped or not)",
    )
    parser.add_argument(
        "--url", metavar="URL",
        help="where the page was fetched from (one file or '-'; JSONL and WARC records "
        "give their own): it helps name the page type and is the source URL",
    )
    records = parser.add_argument_group(
        "JSONL records", "which fields hold the page, its URL and its id (a dotted name "
        "reaches into nested objects: metadata.url)")
    records.add_argument(
        "--text-field", metavar="NAME",
        help="the page's field, read as --input says (default: \"text\", else \"html\" "
        "read as HTML)",
    )
    records.add_argument("--url-field", metavar="NAME", default="url",
                         help="the URL's field (default: url)")
    records.add_argument("--id-field", metavar="NAME", default="id",
                         help="the id's field, which names outputs (default: id)")
    parser.add_argument(
        "-q", "--quiet", action="store_true",
        help="no failure lines, progress line or summary on stderr",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)

    # Imported here, not at the top, so that --help and --version never load the pipeline.
    from .config import Config
    from .output import OutputOptions
    from .runner import (
        STDIN,
        BatchOptions,
        Failure,
        Progress,
        RecordFields,
        plan_destination,
        run,
        source_format,
        summary_lines,
    )

    try:
        destination = plan_destination(args.paths, args.output)
    except ValueError as exc:
        parser.error(str(exc))
    if args.resume and destination.kind != "dir":
        parser.error("--resume needs an output directory (-o DIR)")
    if args.stdin_format != "page" and STDIN not in args.paths:
        parser.error("--stdin-format says what '-' holds: name '-' among the inputs")
    one_page = (args.stdin_format == "page" if args.paths[0] == STDIN
                else not os.path.isdir(args.paths[0]) and source_format(args.paths[0]) == "page")
    if args.url is not None and (len(args.paths) != 1 or not one_page):
        parser.error("--url names the page of one file or of '-' (JSONL and WARC records "
                     "give their own URL)")
    if args.keep_source and (args.explain or args.format not in ("json", "jsonl")):
        parser.error("--keep-source adds the input to JSON: it needs -f json or -f jsonl")
    if args.resume and args.sitewide:
        parser.error("--resume cannot be combined with --sitewide: repeats are counted over "
                     "the pages of one run")
    batch = BatchOptions(
        jobs=args.jobs,
        timeout=args.timeout or None,
        resume=args.resume,
        sitewide=args.site_by if args.sitewide else None,
        fields=RecordFields(args.text_field, args.url_field, args.id_field),
        stdin=args.stdin_format,
    )
    to_terminal = destination.kind == "stdout" and _isatty(sys.stdout)
    width = None
    if args.explain and destination.kind == "stdout" and (to_terminal or "COLUMNS" in os.environ):
        width = shutil.get_terminal_size().columns
    options = OutputOptions(
        format=args.format,
        explain=args.explain,
        width=width,
        colour=args.explain and to_terminal and not os.environ.get("NO_COLOR"),
        source=args.keep_source,
    )
    config = Config().with_overrides(input_format=args.input,
                                      stable_body=args.stable_body,
                                      item_bodies=args.item_bodies)

    progress = None
    if not args.quiet and _isatty(sys.stderr):
        progress = Progress(sys.stderr, width=shutil.get_terminal_size().columns)

    def show(line: str) -> None:
        if not args.quiet:
            if progress is not None:
                progress.clear()
            print(f"cleaner: {_one_line(line)}", file=sys.stderr)

    def report(failure: Failure) -> None:
        show(f"{failure.input}: {failure.message}")

    # Text from scraped pages can hold lone surrogates; never let them kill the run.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    # The package's warnings (a WARC record whose length is wrong) are reported as the
    # failures are, and not at all with --quiet.
    notices = logging.NullHandler() if args.quiet else _Notices(show)
    package_log = logging.getLogger("cleaner")
    package_log.addHandler(notices)
    try:
        stats = run(
            args.paths, config, options, destination, stdout=sys.stdout, on_failure=report,
            batch=batch, on_progress=progress.update if progress is not None else None,
            url=args.url,
        )
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        return 1
    except KeyboardInterrupt:
        return 130
    except (OSError, RuntimeError) as exc:  # RuntimeError: worker processes cannot start
        print(f"cleaner: error: {_one_line(str(exc))}", file=sys.stderr)
        return 1
    finally:
        package_log.removeHandler(notices)
        if progress is not None:
            progress.close()
    if not args.quiet and stats.done > 1:
        for line in summary_lines(stats):
            print(_one_line(line), file=sys.stderr)
    return 0 if stats.ok else 1


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    from .batch import MAX_TIMEOUT_SECONDS, check_timeout

    try:
        check_timeout(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be 0 (no limit) to {MAX_TIMEOUT_SECONDS:g} seconds, not {text}") from None
    return value


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class _Notices(logging.Handler):
    """Warnings of the package's loggers, each handed to ``show`` as one message."""

    def __init__(self, show: Callable[[str], None]) -> None:
        super().__init__(logging.WARNING)
        self.show = show

    def emit(self, record: logging.LogRecord) -> None:
        self.show(record.getMessage())


def _one_line(text: str) -> str:
    """``text`` with control characters escaped, so each report stays one line."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def _silence_stdout() -> None:
    # The reader went away (``cleaner ... | head``): point stdout at /dev/null so that the
    # interpreter's final flush does not raise again.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
