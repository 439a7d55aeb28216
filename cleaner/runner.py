"""Batch runs: turn command-line inputs into documents and write them where they belong.

This module owns finding inputs (files, directories walked recursively in sorted order,
``-`` for stdin, JSONL files whose every record is one input, WARC and WET files whose every
page record is one input; ``warc`` reads those), isolating failures per input
(an unreadable file, a bad JSONL line, an ``InputError``, a timeout, a crashed worker or an
internal error becomes a ``Failure`` and the run goes on), cleaning them in worker processes
(``batch.run_ordered``: input order kept, at most a few inputs per worker in memory),
skipping inputs whose outputs exist (``--resume``), the optional cross-page boilerplate pass
(``sitewide``), writing outputs (to a stream, into one file, or one file per input under a
directory, atomically and never outside that directory or over an input), and the run's
statistics, progress line and summary. Everything streams: inputs are read one at a time and
JSONL files line by line; only the sitewide pass keeps per-site line-hash counts and spools
the cleaned documents to a temporary file until every page has been counted. It does not
parse arguments (``cli``) or decide how a document looks (``output``).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import pickle
import re
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import IO, Any, Literal, TextIO, cast

from .batch import Failure, run_ordered
from .config import Config
from .document import Document
from .errors import InputError
from .output import OutputOptions, render
from .pipeline import clean
from .warc import (
    GZIP_MAGIC,
    WARC_SUFFIXES,
    PassedOver,
    WarcError,
    WarcPage,
    is_warc,
    peek_head,
    read_warc,
)

#: The input name that means standard input.
STDIN = "-"
#: Suffixes of files read as JSON Lines, one input per record (``.zst`` needs the
#: ``zstandard`` package: ``pip install 'cleaner[zstd]'``).
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst")
#: Suffixes taken off a file of records to name its outputs (``x.warc.wet.gz`` -> ``x``).
_RECORD_SUFFIXES = tuple(sorted({*JSONL_SUFFIXES, *WARC_SUFFIXES, ".warc.wet", ".warc.wet.gz"},
                                key=len, reverse=True))
#: The record fields that hold the page, in order of preference (the "html" one is read
#: as HTML).
TEXT_FIELDS = ("text", "html")
#: Longest file name stem derived from a record id (longer ids are cut and hashed).
MAX_NAME_CHARS = 80
#: Kinds of passed-over WARC records the summary names (the rest are summed up).
MAX_PASSED_OVER_NAMES = 12
#: JSON escapes can take 12 bytes per character (a surrogate pair as two ``\\uXXXX``), so a
#: JSONL line may be this many times ``Config.max_input_chars`` before it is refused unread.
MAX_JSON_BYTES_PER_CHAR = 12


#: What a file holds: one page, JSONL records, or the records of a WARC or WET file.
SourceFormat = Literal["page", "jsonl", "warc"]


@dataclass(frozen=True, slots=True)
class Source:
    """One file to read: a page, stdin, a JSONL file of records, or a WARC or WET file.

    ``parts`` is the path relative to the argument it was found under (just the file name for
    a file argument); outputs under ``-o DIR`` are named from it.
    """

    name: str
    path: Path | None
    parts: tuple[str, ...]
    format: SourceFormat = "page"

    @property
    def records(self) -> bool:
        """The file holds many inputs (JSONL records, WARC page records)."""
        return self.format != "page"


@dataclass(frozen=True, slots=True)
class Item:
    """One input to clean: a whole file, stdin, or one JSONL record."""

    name: str
    source: Source
    data: str | bytes
    #: Identifying fields carried into JSONL output (``id``/``url``, ``line`` or ``path``).
    ident: dict[str, Any] = field(default_factory=dict)
    #: File name stem of this record's own output under ``-o DIR`` (records only).
    key: str = ""
    #: Read it as HTML (a JSONL record's ``html`` field, a WARC record of HTML) or as
    #: text (a WARC record of text) unless told otherwise; None: as ``Config`` says.
    html: bool | None = None


#: How inputs are grouped into sites for the sitewide pass: the host of the record's ``url``
#: field, the directory of a file (the JSONL file of a record), or all inputs as one site.
SiteBy = Literal["host", "dir", "all"]
SITE_BY: tuple[SiteBy, ...] = ("host", "dir", "all")


@dataclass(frozen=True, slots=True)
class RecordFields:
    """Which fields of a JSONL record hold its page, its URL and its id (the command line's
    ``--text-field``, ``--url-field``, ``--id-field``). A dotted name reaches into nested
    objects (``metadata.url``). A record's id names its output under ``-o DIR``, or its
    URL where it has no id; both are carried into JSONL output as ``id`` and ``url``."""

    #: The field of the page, read as ``Config.input_format`` says; None: ``TEXT_FIELDS``.
    text: str | None = None
    url: str = "url"
    id: str = "id"

    def page(self, record: dict[str, Any]) -> tuple[str, Any]:
        """The name and value of the field that holds the record's page (None if absent)."""
        if self.text is not None:
            return self.text, _field(record, self.text)
        for name in TEXT_FIELDS:
            if record.get(name) is not None:
                return name, record[name]
        return TEXT_FIELDS[0], None


def _field(record: dict[str, Any], name: str) -> Any:
    """``record[name]``, where a dotted name goes into nested objects; None if absent."""
    value: Any = record
    for part in name.split(".") if name not in record else (name,):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How a run goes about its inputs (the command line's ``--jobs``, ``--timeout``...)."""

    #: Worker processes; 0 is one per CPU, 1 cleans in this process.
    jobs: int = 1
    #: Seconds one input may take before it fails as ``timeout``; None for no limit. With
    #: ``jobs=1`` it is enforced only in the main thread on POSIX (``batch.time_limit``).
    timeout: float | None = None
    #: Skip inputs whose output exists already (``-o DIR`` only): rerun an interrupted batch.
    resume: bool = False
    #: Run the cross-page boilerplate pass, grouping pages into sites as this says.
    sitewide: SiteBy | None = None
    #: The fields of JSONL records that hold the page, its URL and its id.
    fields: RecordFields = field(default_factory=RecordFields)
    #: What standard input (``-``) holds: one page, JSONL records, or a WARC or WET stream
    #: (the command line's ``--stdin-format``). Compressed records are recognised by their
    #: first bytes: gzip, and zstd with the ``zstandard`` package.
    stdin: SourceFormat = "page"


@dataclass(slots=True)
class RunStats:
    """What a run did: inputs cleaned, failed and skipped; blocks by label, kind and
    reason; failures by reason (``batch.FailureReason``). The first ``MAX_LISTED_FAILURES``
    failures are kept for the summary."""

    cleaned: int = 0
    failed: int = 0
    skipped: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    failure_reasons: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    #: Records of WARC files that are not pages, by what they are (not inputs: not counted
    #: in ``done``).
    passed_over: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)
    #: Results held back for the sitewide pass (counted before anything is written).
    held: int = 0

    @property
    def ok(self) -> bool:
        return self.failed == 0

    @property
    def done(self) -> int:
        return self.cleaned + self.failed + self.skipped

    def count_document(self, doc: Document) -> None:
        self.cleaned += 1
        for block in doc.blocks:
            self.labels[block.label.value] += 1
            self.reasons[block.reason] += 1
            if block.kind is not None:
                self.kinds[block.kind.value] += 1

    def count_failure(self, failure: Failure) -> None:
        self.failed += 1
        self.failure_reasons[failure.reason] += 1
        if len(self.failures) < MAX_LISTED_FAILURES:
            self.failures.append(failure)


#: Failures listed by name in the summary; the rest are counted.
MAX_LISTED_FAILURES = 20


@dataclass(frozen=True, slots=True)
class Destination:
    """Where output goes: stdout, one file, or one file per input under a directory."""

    kind: Literal["stdout", "file", "dir"]
    path: Path | None = None
    #: Resolved input files and directories: outputs never land on or inside them.
    input_files: frozenset[Path] = frozenset()
    input_dirs: tuple[Path, ...] = ()


class OutputError(Exception):
    """An output for one input could not be written; that input fails, the run goes on."""


# Markers threaded through the ordered map in input order, never sent to workers.
@dataclass(frozen=True, slots=True)
class _EndOfSource:
    source: Source


@dataclass(frozen=True, slots=True)
class _Skipped:
    name: str


@dataclass(frozen=True, slots=True)
class _Task:
    """What a worker needs to clean one input: its data, whether it came as HTML or as text
    (``Item.html``), and its URL when its record names one."""

    data: str | bytes
    html: bool | None
    url: str | None = None


# --- finding inputs ----------------------------------------------------------------------


def plan_destination(paths: Sequence[str], output: str | None) -> Destination:
    """Decide where output goes; raise ValueError if ``output`` is, or is inside, an input.

    ``output`` is a directory when it exists as one or ends with a path separator, stdout
    when None or ``-``, and otherwise one file that receives everything.
    """
    files, dirs = set(), []
    for arg in paths:
        if arg == STDIN:
            continue
        try:
            resolved = Path(arg).resolve()
        except (OSError, RuntimeError):  # a symlink loop: reading it will fail on its own
            continue
        if resolved.is_dir():
            dirs.append(resolved)
        else:
            files.add(resolved)
    if output is None or output == STDIN:
        return Destination("stdout", input_files=frozenset(files), input_dirs=tuple(dirs))
    path = Path(output)
    is_dir = path.is_dir() or output.endswith(("/", os.sep))
    resolved = path.resolve()
    if resolved in files or resolved in dirs:
        raise ValueError(f"output {output!r} is also an input")
    for top in dirs:
        if resolved.is_relative_to(top):
            raise ValueError(f"output {output!r} is inside the input directory {str(top)!r}")
    if is_dir and path.exists() and not path.is_dir():
        raise ValueError(f"output {output!r} exists and is not a directory")
    if not is_dir and path.exists() and not path.is_file():
        raise ValueError(f"output {output!r} exists and is not a regular file")
    return Destination(
        "dir" if is_dir else "file", path, input_files=frozenset(files), input_dirs=tuple(dirs)
    )


def iter_sources(paths: Sequence[str], stdin: SourceFormat = "page"
                 ) -> Iterator[Source | Failure]:
    """Every file named by ``paths`` in order; directories walked sorted, hidden ones skipped.
    ``stdin``: what ``-`` holds (``BatchOptions.stdin``)."""
    for arg in paths:
        if arg == STDIN:
            yield Source(STDIN, None, ("stdin",), stdin)
            continue
        path = Path(arg)
        if path.is_dir():
            yield from _walk(arg)
        else:
            yield Source(arg, path, (path.name,), source_format(path.name))


def _walk(top: str) -> Iterator[Source | Failure]:
    """Files under ``top`` depth-first in sorted name order; a stack, not recursion."""
    stack: list[tuple[tuple[str, ...], Iterator[os.DirEntry[str]]]] = []
    listing = _list_dir(top, ())
    if isinstance(listing, Failure):
        yield listing
        return
    stack.append(((), listing))
    while stack:
        parts, entries = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        child = (*parts, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            is_file = not is_dir and entry.is_file()
        except OSError as exc:  # a symbolic link that loops (ELOOP), a vanished entry
            yield Failure(os.path.join(top, *child), _os_message(exc), "read")
            continue
        if is_dir:
            listing = _list_dir(top, child)
            if isinstance(listing, Failure):
                yield listing
            else:
                stack.append((child, listing))
        elif is_file:
            yield Source(
                os.path.join(top, *child), Path(entry.path), child, source_format(entry.name)
            )
        elif entry.is_symlink() and not os.path.exists(entry.path):
            yield Failure(os.path.join(top, *child), "broken symbolic link", "read")


def _list_dir(top: str, parts: tuple[str, ...]) -> Iterator[os.DirEntry[str]] | Failure:
    path = os.path.join(top, *parts)
    try:
        with os.scandir(path) as it:
            return iter(sorted(it, key=lambda e: e.name))
    except OSError as exc:
        return Failure(path, _os_message(exc), "read")


def source_format(name: str) -> SourceFormat:
    """What a file holds, by its name: JSONL records, WARC/WET records, or one page."""
    if name.lower().endswith(JSONL_SUFFIXES):
        return "jsonl"
    return "warc" if is_warc(name) else "page"


# --- reading inputs ----------------------------------------------------------------------


def iter_items(source: Source, config: Config, fields: RecordFields | None = None
               ) -> Iterator[Item | Failure | PassedOver]:
    """The inputs in ``source``: the whole file, one per JSONL record (``fields`` say where
    its page, URL and id are), or one per page record of a WARC file (its other records
    passed over).

    Reading errors are failures of the input they concern; should reading fail in a way
    no reader foresaw (a library's error on a malformed file, a bug), the file ends there
    with a ``read`` failure that says so, and the run goes on with the next file."""
    try:
        yield from _items(source, config, fields)
    except Exception as exc:  # noqa: BLE001 - one unreadable file must not end the run
        yield Failure(source.name, f"reading stopped unexpectedly ({type(exc).__name__}: "
                      f"{exc})", "read")


def _items(source: Source, config: Config, fields: RecordFields | None
           ) -> Iterator[Item | Failure | PassedOver]:
    if source.path is None and sys.stdin is None:  # the process started with stdin closed
        yield Failure(source.name, "standard input is closed", "read")
        return
    if source.format == "warc":
        yield from _iter_warc(source, config)
        return
    if source.records:
        yield from _iter_records(source, config, fields or RecordFields())
        return
    limit = _byte_limit(config)
    try:
        if source.path is None:
            stream = _stdin()
            data = stream.read(limit + 1) if limit else stream.read()
        else:
            with source.path.open("rb") as fh:
                data = fh.read(limit + 1) if limit else fh.read()
    except OSError as exc:
        yield Failure(source.name, _os_message(exc), "read")
        return
    if limit and len(data) > limit:
        yield Failure(source.name, "input is over the size limit (Config.max_input_chars)",
                      "input")
        return
    ident = {} if source.path is None else {"path": _printable(source.name)}
    yield Item(source.name, source, data, ident)


def _iter_records(source: Source, config: Config, fields: RecordFields
                  ) -> Iterator[Item | Failure]:
    limit = config.max_input_chars * MAX_JSON_BYTES_PER_CHAR
    try:
        fh = (_open_records(source.path) if source.path is not None
              else _open_stream_records(_stdin()))
    except OSError as exc:
        yield Failure(source.name, _os_message(exc), "read")
        return
    except ImportError:
        yield Failure(source.name, "reading .zst files needs the zstandard package: "
                      "pip install 'cleaner[zstd]'", "read")
        return
    with fh:
        lines = _numbered_lines(fh, limit)
        lineno = 0
        while True:
            try:
                numbered = next(lines, None)
            except (OSError, EOFError, zlib.error) as exc:
                yield Failure(source.name, f"cannot read after line {lineno}: {_os_message(exc)}",
                              "read")
                return
            if numbered is None:
                return
            lineno, line = numbered
            if line is not None and not line.strip():
                continue
            yield _record_item(source, lineno, line, fields)


def _open_records(path: Path) -> IO[bytes]:
    """A JSONL file opened for reading, decompressed as its suffix says."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    if name.endswith(".zst"):
        raw = _Unzstd(path.open("rb"))
        return cast(IO[bytes], io.BufferedReader(raw, buffer_size=1 << 16))
    return path.open("rb")


#: The first bytes of a zstd frame.
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def _stdin() -> IO[bytes]:
    """Standard input as bytes (``_items`` has checked that it is open)."""
    return cast(IO[bytes], getattr(sys.stdin, "buffer", sys.stdin))


def _open_stream_records(stream: IO[bytes]) -> IO[bytes]:
    """JSONL records from a stream that has no name to tell its compression (standard
    input), decompressed as its first bytes say. Closing what this returns leaves
    ``stream`` open."""
    head, stream = peek_head(stream, len(_ZSTD_MAGIC))
    if head.startswith(GZIP_MAGIC):
        return cast(IO[bytes], gzip.GzipFile(fileobj=stream, mode="rb"))
    if head == _ZSTD_MAGIC:
        return cast(IO[bytes], io.BufferedReader(_Unzstd(stream, owned=False),
                                                 buffer_size=1 << 16))
    return cast(IO[bytes], _Unclosed(stream))


class _Unclosed:
    """A stream that closing leaves open (standard input); everything else goes to it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def close(self) -> None:
        pass

    def __enter__(self) -> _Unclosed:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


class _Unzstd(io.RawIOBase):
    """A zstd stream read as its decompressed bytes, frame after frame; where the last frame
    breaks off (a truncated download) reading raises ``OSError`` rather than ending as if
    the file were whole, which is what a plain zstd stream reader does. ``owned``: closing
    this closes ``fh`` too."""

    def __init__(self, fh: IO[bytes], owned: bool = True) -> None:
        import zstandard

        self._error = zstandard.ZstdError
        self._new = zstandard.ZstdDecompressor().decompressobj
        self._fh = fh
        self._owned = owned
        self._frame = self._new()
        self._in_frame = False
        self._out = b""
        self._at = 0
        self._broken: str | None = None  # raised once what came before it has been read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while self._at >= len(self._out):
            if self._broken is not None:
                raise OSError(self._broken)
            chunk = self._fh.read(1 << 16)
            if not chunk:
                if self._in_frame:
                    raise OSError("the zstd stream breaks off")
                return 0
            self._out, self._at = self._decompress(chunk), 0
        n = min(len(buffer), len(self._out) - self._at)
        buffer[:n] = self._out[self._at:self._at + n]
        self._at += n
        return n

    def _decompress(self, data: bytes) -> bytes:
        """The output of ``data``; where the stream turns out corrupt (or trailing bytes
        are not zstd), the output before that point, and the stream is broken from there."""
        out = []
        try:
            while data:
                if self._frame.eof:
                    self._frame = self._new()
                out.append(self._frame.decompress(data))
                self._in_frame = not self._frame.eof
                data = self._frame.unused_data if self._frame.eof else b""
        except self._error as exc:
            self._broken = f"not a zstd stream, or a corrupt one ({exc})"
        return b"".join(out)

    def close(self) -> None:
        if self._owned:
            self._fh.close()
        super().close()


def _iter_warc(source: Source, config: Config) -> Iterator[Item | Failure | PassedOver]:
    if source.path is None:
        fh = cast(IO[bytes], _Unclosed(_stdin()))
    else:
        try:
            fh = source.path.open("rb")
        except OSError as exc:
            yield Failure(source.name, _os_message(exc), "read")
            return
    with fh:
        records = read_warc(fh, _byte_limit(config))
        while True:
            try:
                record = next(records, None)
            except WarcError as exc:
                yield Failure(source.name, str(exc), "read")
                return
            if record is None:
                return
            yield record if isinstance(record, PassedOver) else _warc_item(source, record)


def _warc_item(source: Source, page: WarcPage) -> Item | Failure:
    name = f"{source.name}:{page.number}" + (f" ({page.url})" if page.url else "")
    if page.data is None:
        return Failure(name, f"record {page.problem}", "input")
    ident = {key: value for key, value in (("id", page.record_id), ("url", page.url)) if value}
    uuid = page.record_id.strip("<>").removeprefix("urn:uuid:")
    key = safe_name(uuid) if uuid else f"record-{page.number}"
    return Item(name, source, page.data, ident or {"record": page.number}, key=key,
                html=page.html)


def _numbered_lines(fh: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)``; a line longer than ``limit`` bytes is skipped unread as None."""
    lineno = 0
    while True:
        line = fh.readline(limit + 1) if limit else fh.readline()
        if not line:
            return
        lineno += 1
        if limit and len(line) > limit:
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield lineno, None
        else:
            yield lineno, line


def _record_item(source: Source, lineno: int, line: bytes | None, fields: RecordFields
                 ) -> Item | Failure:
    name = f"{source.name}:{lineno}"
    if line is None:
        return Failure(name, "record is over the size limit (Config.max_input_chars)", "input")
    try:
        record = json.loads(line)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        return Failure(name, f"not a JSON record: {exc}", "input")
    except RecursionError:  # arrays or objects nested deeper than Python's parser goes
        return Failure(name, "not a JSON record this reader can take: nested too deep",
                       "input")
    if not isinstance(record, dict):
        return Failure(name, f"not a JSON object but {type(record).__name__}", "input")
    ident = {}
    for key, path in (("id", fields.id), ("url", fields.url)):
        value = _field(record, path)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            ident[key] = value
    label = next(iter(ident.values()), None)
    if label is not None:
        name = f"{name} ({label})"
    text_field, data = fields.page(record)
    if not isinstance(data, str):
        wanted = f'"{fields.text}"' if fields.text is not None else '"text" or "html"'
        return Failure(name, f"record has no {wanted} string field", "input")
    key = safe_name(str(label)) if label is not None else f"line-{lineno}"
    html = True if fields.text is None and text_field == "html" else None
    return Item(name, source, data, ident or {"line": lineno}, key=key, html=html)


def item_url(item: Item) -> str | None:
    """The URL a record names (a JSONL record's "url" field, a WARC record's target URI),
    handed to ``clean``."""
    url = item.ident.get("url")
    return url if isinstance(url, str) else None


def clean_item(item: Item, config: Config) -> Document | Failure:
    """``clean()`` one input; an InputError becomes a Failure, and so does any other
    exception (reported as an internal error), so that one page never stops a batch."""
    result = _clean_task(config, _Task(item.data, item.html, item_url(item)))
    return replace(result, input=item.name) if isinstance(result, Failure) else result


def _clean_task(config: Config, task: _Task) -> Document | Failure:
    """What a worker runs for one input (``Failure.input`` is filled in by the caller)."""
    if task.html is not None and config.input_format == "auto":
        config = config.with_overrides(input_format="html" if task.html else "text")
    try:
        return clean(task.data, config, task.url)
    except InputError as exc:
        return Failure("", str(exc), "input")
    except Exception as exc:  # noqa: BLE001 - a bug on one page must not lose the batch
        return Failure("", f"internal error ({type(exc).__name__}: {exc}); please report",
                       "error")


def _warm_up(config: Config) -> None:
    """Load the model and word lists in a worker before its first timed input."""
    _clean_task(config, _Task("Warm-up text for a worker process.", None))


def _byte_limit(config: Config) -> int:
    # decode_bytes refuses more than 4 bytes per allowed character; read one byte more.
    return 4 * config.max_input_chars


# --- naming outputs ----------------------------------------------------------------------

_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(value: str) -> str:
    """A file name stem from an arbitrary id: no separators, no leading dot, bounded length.

    Names that had to be changed get a short hash of the original, so that ids differing only
    in unsafe characters (``a/b``, ``a?b``) still get different names.
    """
    name = _UNSAFE_NAME.sub("_", value).strip("._-")[:MAX_NAME_CHARS]
    if name and name == value:
        return name
    digest = hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{name}-{digest}" if name else digest


def output_parts(item: Item, options: OutputOptions) -> tuple[str, ...]:
    """The path, relative to ``-o DIR``, of the file ``item`` is written to.

    A file keeps its relative path with the format's extension instead of its own; a JSONL
    file becomes one ``.jsonl`` file in JSONL format, else a directory of one file per record.
    """
    return _source_parts(item.source, item.key, options)


def _source_parts(source: Source, key: str, options: OutputOptions) -> tuple[str, ...]:
    *folders, filename = source.parts
    stem = _strip_suffix(filename, source.records)
    if source.records and not options.line_per_document:
        return (*folders, stem, key + options.extension)
    return (*folders, stem + options.extension)


def _strip_suffix(filename: str, records: bool) -> str:
    if records:
        for suffix in _RECORD_SUFFIXES:
            if filename.lower().endswith(suffix) and len(filename) > len(suffix):
                return filename[: -len(suffix)]
    stem, _ = os.path.splitext(filename)
    return stem or filename


# --- writing outputs ---------------------------------------------------------------------


class _StreamSink:
    """Every document into one stream: stdout, or a temp file that replaces ``-o FILE``."""

    def __init__(self, stream: TextIO, options: OutputOptions, headers: bool) -> None:
        self._stream = stream
        self._options = options
        self._headers = headers
        self._first = True

    def write(self, item: Item, doc: Document) -> None:
        text = render(doc, self._options, item.ident)
        separate = not self._first and self._options.format in ("text", "markdown")
        if self._options.explain and self._headers:
            text = f"==> {_printable(item.name)} <==\n{text}"
            separate = not self._first
        if separate:
            text = "\n" + text
        self._stream.write(text)
        self._first = False

    def end_source(self, source: Source) -> None:
        pass

    def close(self) -> None:
        self._stream.flush()

    def abort(self) -> None:
        pass


class _FileSink(_StreamSink):
    """``-o FILE``: a stream into a temp file next to it, moved into place at the end."""

    def __init__(self, path: Path, options: OutputOptions, headers: bool) -> None:
        try:
            self._temp = _AtomicFile(path)
        except OSError as exc:  # its directory is missing or not writable: name the output
            raise OSError(f"cannot write {str(path)!r}: {_os_message(exc)}") from exc
        super().__init__(self._temp.stream, options, headers)

    def close(self) -> None:
        self._temp.commit()

    def abort(self) -> None:
        self._temp.discard()


class _DirSink:
    """``-o DIR``: one file per input (one per JSONL file in JSONL format), each atomic."""

    def __init__(self, destination: Destination, options: OutputOptions) -> None:
        assert destination.path is not None
        self._root = destination.path.resolve()
        self._destination = destination
        self._options = options
        # 64-bit digests of the outputs written so far (not the paths: a run may write
        # millions), to refuse a second input that maps onto the same output.
        self._claimed: set[int] = set()
        self._open: dict[str, _AtomicFile] = {}  # by source name: JSONL files being written

    def write(self, item: Item, doc: Document) -> None:
        text = render(doc, self._options, item.ident)
        shared = self._options.line_per_document and item.source.records
        if shared and item.source.name in self._open:
            atomic = self._open[item.source.name]
            try:
                atomic.stream.write(text)
            except OSError as exc:
                raise OutputError(f"cannot write {str(atomic.path)!r}: {_os_message(exc)}") from exc
            return
        target = self._target(output_parts(item, self._options))
        claim = _digest(str(target))
        if claim in self._claimed:
            raise OutputError(
                f"output {str(target)!r} was already written for an earlier input of this run"
            )
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic = _AtomicFile(target)
        except OSError as exc:
            raise OutputError(f"cannot write {str(target)!r}: {_os_message(exc)}") from exc
        self._claimed.add(claim)
        try:
            atomic.stream.write(text)
            if shared:
                self._open[item.source.name] = atomic
                return
            atomic.commit()
        except OSError as exc:
            atomic.discard()
            raise OutputError(f"cannot write {str(target)!r}: {_os_message(exc)}") from exc

    def end_source(self, source: Source) -> None:
        atomic = self._open.pop(source.name, None)
        if atomic is None:
            return
        try:
            atomic.commit()
        except OSError as exc:
            atomic.discard()
            raise OutputError(f"cannot write {str(atomic.path)!r}: {_os_message(exc)}") from exc

    def close(self) -> None:
        pass

    def abort(self) -> None:
        for atomic in self._open.values():
            atomic.discard()
        self._open.clear()

    def exists(self, parts: tuple[str, ...]) -> bool:
        """Whether the output at ``parts`` was written already (by an earlier run)."""
        try:
            return self._target(parts).is_file()
        except (OutputError, OSError):
            return False

    def sweep(self) -> int:
        """Delete the temp files an earlier, killed run left under the output directory
        (``--resume`` only: the directory is then known to be this tool's)."""
        removed = 0
        for folder, _dirs, files in os.walk(self._root):
            for name in files:
                if _TEMP_NAME.match(name):
                    try:
                        os.unlink(os.path.join(folder, name))
                        removed += 1
                    except OSError:
                        pass
        return removed

    def _target(self, parts: tuple[str, ...]) -> Path:
        """The resolved output path; refuse one outside ``-o DIR`` or on or in an input."""
        if any(p in ("", ".", "..") or "/" in p or os.sep in p for p in parts):
            raise OutputError(f"unsafe output name {'/'.join(parts)!r}")
        target = (self._root.joinpath(*parts[:-1])).resolve() / parts[-1]
        if not target.is_relative_to(self._root):
            raise OutputError(f"output {str(target)!r} would be outside {str(self._root)!r}")
        if target in self._destination.input_files or any(
            target.is_relative_to(top) for top in self._destination.input_dirs
        ):
            raise OutputError(f"output {str(target)!r} would overwrite or sit among the inputs")
        return target


#: The names ``_AtomicFile`` gives its temp files (``mkstemp``: 8 random characters).
_TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
#: The bytes of the target's name that a temp file's name keeps: with "." before it and
#: ".XXXXXXXX.tmp" after it, a temp name stays under the usual 255-byte limit of a name.
_TEMP_NAME_BYTES = 200


def _temp_prefix(name: str) -> str:
    """``.NAME.``, the target's name cut to ``_TEMP_NAME_BYTES`` bytes (at a character)."""
    kept = name.encode("utf-8", "surrogateescape")[:_TEMP_NAME_BYTES]
    return f".{kept.decode('utf-8', 'ignore') or 'output'}."


def _digest(text: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=8).digest(), "little"
    )


class _AtomicFile:
    """A temp file in the target's directory that ``commit`` renames over the target."""

    def __init__(self, path: Path) -> None:
        self.path = path
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path.name),
                                    suffix=".tmp")
        self._temp = Path(temp)
        self.stream: TextIO = open(  # closed by commit or discard
            fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n"
        )

    def commit(self) -> None:
        self.stream.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self._temp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual mode
        os.replace(self._temp, self.path)

    def discard(self) -> None:
        self.stream.close()
        self._temp.unlink(missing_ok=True)


# --- the run ---------------------------------------------------------------------------


def run(
    paths: Sequence[str],
    config: Config,
    options: OutputOptions,
    destination: Destination,
    *,
    stdout: TextIO,
    on_failure: Callable[[Failure], None],
    batch: BatchOptions | None = None,
    on_progress: Callable[[RunStats], None] | None = None,
    url: str | None = None,
) -> RunStats:
    """Clean every input in ``paths`` and write it to ``destination``; ``url``: the page's
    URL for inputs that are not JSONL records (whose own "url" field serves).

    Each failed input is passed to ``on_failure`` as it happens and the run goes on;
    ``on_progress`` is called after every input. Outputs are written in input order whatever
    ``batch.jobs`` is. Errors writing to stdout or ``-o FILE`` are not per input; they
    propagate as OSError. ``batch.resume`` needs a ``dir`` destination (ValueError otherwise).
    """
    batch = batch or BatchOptions()
    if batch.resume and destination.kind != "dir":
        raise ValueError("resuming needs an output directory (-o DIR)")
    headers = len(paths) > 1 or any(
        batch.stdin != "page" if p == STDIN else os.path.isdir(p) or source_format(p) != "page"
        for p in paths
    )
    sink: _StreamSink | _DirSink
    if destination.kind == "dir":
        sink = _DirSink(destination, options)
    elif destination.kind == "file":
        assert destination.path is not None
        sink = _FileSink(destination.path, options, headers)
    else:
        sink = _StreamSink(stdout, options, headers)
    stats = RunStats()

    def fail(failure: Failure) -> None:
        stats.count_failure(failure)
        on_failure(failure)

    results: Iterator[tuple[_Key, Document | Failure | None]] | None = None
    try:
        resume = sink if batch.resume and isinstance(sink, _DirSink) else None
        if resume is not None:
            resume.sweep()
        tasks = _tasks(paths, config, options, resume, url, batch.fields, batch.stdin)
        results = run_ordered(
            partial(_clean_task, config), tasks, jobs=batch.jobs, timeout=batch.timeout,
            initializer=partial(_warm_up, config),
        )
        if batch.sitewide is not None:
            results = _sitewide(results, batch.sitewide, stats, on_progress)
        for key, result in results:
            if isinstance(key, _EndOfSource):
                try:
                    sink.end_source(key.source)
                except OutputError as exc:
                    fail(Failure(key.source.name, str(exc), "output"))
                continue
            if isinstance(key, PassedOver):
                stats.passed_over[key.what] += 1
                continue
            if isinstance(key, _Skipped):
                stats.skipped += 1
            elif isinstance(key, Failure):
                fail(key)
            elif isinstance(result, Failure):
                fail(replace(result, input=key.name))
            else:
                assert isinstance(result, Document)
                try:
                    sink.write(key, result)
                except OutputError as exc:
                    fail(Failure(key.name, str(exc), "output"))
                else:
                    stats.count_document(result)
            if on_progress is not None:
                on_progress(stats)
        sink.close()
    except BaseException:
        sink.abort()
        raise
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops the worker processes at once if the run ended early
    return stats


_Key = Item | Failure | _Skipped | PassedOver | _EndOfSource


def _tasks(
    paths: Sequence[str], config: Config, options: OutputOptions, resume: _DirSink | None,
    url: str | None = None, fields: RecordFields | None = None, stdin: SourceFormat = "page",
) -> Iterator[tuple[_Key, _Task | None]]:
    """Every input in order as ``(key, task)``; markers and skipped inputs get no task.
    ``url`` goes with the inputs that are not records; ``fields``: where JSONL records
    hold their page, URL and id; ``stdin``: what ``-`` holds."""
    for source in iter_sources(paths, stdin):
        if isinstance(source, Failure):
            yield source, None
            continue
        whole = not source.records or options.line_per_document
        if resume is not None and whole and resume.exists(_source_parts(source, "", options)):
            yield _Skipped(source.name), None
            continue
        for item in iter_items(source, config, fields):
            if isinstance(item, (Failure, PassedOver)):
                yield item, None
            elif resume is not None and not whole and resume.exists(output_parts(item, options)):
                yield _Skipped(item.name), None
            else:
                yield item, _Task(item.data, item.html,
                                  item_url(item) if source.records else url)
        yield _EndOfSource(source), None


def site_key(item: Item, site_by: SiteBy) -> str | None:
    """The site an input belongs to for the sitewide pass, or None (left alone)."""
    from .sitewide import site_of

    if site_by == "all":
        return "*"
    if site_by == "dir":
        if item.source.records:
            return item.source.name
        return os.path.dirname(item.source.name) or "."
    url = item_url(item)
    return site_of(url) if url is not None else None


def _sitewide(
    results: Iterable[tuple[_Key, Document | Failure | None]],
    site_by: SiteBy,
    stats: RunStats,
    on_progress: Callable[[RunStats], None] | None,
) -> Iterator[tuple[_Key, Document | Failure | None]]:
    """The sitewide pass over a run: count every page's block hashes per site while the
    results are spooled to a temp file (without their input data; ``stats.held`` counts
    them), then replay them with each page's site boilerplate relabelled."""
    from .sitewide import SiteCounts, mark_repeated

    counts = SiteCounts()
    with tempfile.TemporaryFile(prefix="cleaner-sitewide-") as spool:
        for key, result in results:
            site = None
            if isinstance(key, Item):
                key = replace(key, data=b"")
                if isinstance(result, Document):
                    site = site_key(key, site_by)
                    if site is not None:
                        counts.add(site, result)
            pickle.dump((key, site, result), spool, protocol=pickle.HIGHEST_PROTOCOL)
            if not isinstance(key, (_EndOfSource, PassedOver)):
                stats.held += 1
                if on_progress is not None:
                    on_progress(stats)
        spool.seek(0)
        repeated: dict[str, dict[int, int]] = {}
        while True:
            try:
                key, site, result = pickle.load(spool)
            except EOFError:
                return
            if site is not None and isinstance(result, Document):
                if site not in repeated:
                    repeated[site] = counts.repeated(site)
                result = mark_repeated(result, repeated[site])
            yield key, result


# --- progress and summary ----------------------------------------------------------------


class Progress:
    """One status line on a terminal, rewritten in place at most every ``interval`` s.

    ``clear()`` before printing anything else to the same stream; ``close()`` at the end.
    """

    def __init__(self, stream: TextIO, *, interval: float = 0.2, width: int = 80) -> None:
        self._stream = stream
        self._interval = interval
        self._width = max(width - 1, 10)
        self._last = 0.0
        self._shown = False

    def update(self, stats: RunStats, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last < self._interval:
            return
        self._last = now
        self._stream.write("\r" + progress_line(stats, now)[: self._width] + "\x1b[K")
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False

    def close(self) -> None:
        self.clear()


def progress_line(stats: RunStats, now: float | None = None) -> str:
    """``cleaner: 1,234 done (1,200 cleaned, 30 failed, 4 skipped) · 45.1/s · 0:27``."""
    elapsed = (now if now is not None else time.monotonic()) - stats.started
    minutes, seconds = divmod(int(elapsed), 60)
    if stats.held > stats.done:  # the sitewide pass is still counting
        rate = stats.held / elapsed if elapsed > 0 else 0.0
        return (f"cleaner: {stats.held:,} done, counting repeats for --sitewide · "
                f"{rate:,.1f}/s · {minutes}:{seconds:02d}")
    rate = (stats.cleaned + stats.failed) / elapsed if elapsed > 0 else 0.0
    parts = [f"{stats.cleaned:,} cleaned", f"{stats.failed:,} failed"]
    if stats.skipped:
        parts.append(f"{stats.skipped:,} skipped")
    return (f"cleaner: {stats.done:,} done ({', '.join(parts)}) · {rate:,.1f}/s · "
            f"{minutes}:{seconds:02d}")


def summary_lines(stats: RunStats) -> list[str]:
    """The end-of-run summary: inputs, blocks by label, furniture by kind, blocks by
    reason, failures by reason and the first failures (one per line)."""
    elapsed = time.monotonic() - stats.started
    lines = [
        f"cleaner: summary: {stats.done:,} inputs in {elapsed:,.1f} s: {stats.cleaned:,} "
        f"cleaned, {stats.failed:,} failed, {stats.skipped:,} skipped (output exists)"
    ]
    for title, counter in (("blocks by label", stats.labels), ("blocks by kind", stats.kinds),
                           ("blocks by reason", stats.reasons),
                           ("failures by reason", stats.failure_reasons)):
        if counter:
            counts = ", ".join(f"{name} {n:,}" for name, n in _by_count(counter))
            lines.append(f"  {title}: {counts}")
    if stats.passed_over:
        # media types are open-ended: the most frequent, then the rest summed up
        counted = _by_count(stats.passed_over)
        counts = ", ".join(f"{name} {n:,}" for name, n in counted[:MAX_PASSED_OVER_NAMES])
        if len(counted) > MAX_PASSED_OVER_NAMES:
            rest = counted[MAX_PASSED_OVER_NAMES:]
            counts += f", {len(rest):,} other kinds {sum(n for _, n in rest):,}"
        lines.append(f"  WARC records passed over (not pages): {counts}")
    if stats.failures:
        lines.append("  failed inputs:")
        lines += [f"    {f.input}: {f.message}" for f in stats.failures]
        if stats.failed > len(stats.failures):
            lines.append(f"    ... and {stats.failed - len(stats.failures):,} more (listed above)")
    return lines


def _by_count(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _os_message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _printable(name: str) -> str:
    """``name`` with undecodable file-name bytes (surrogate escapes) shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
