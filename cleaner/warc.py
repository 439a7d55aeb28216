"""WARC and WET files: the web pages a crawl archive holds, one record each.

This module owns reading crawl archives (``.warc``, ``.warc.gz``, Common Crawl's
``.warc.wet.gz``; warcio does the parsing, gzip members and HTTP chunking included) into
pages: a WET ``conversion`` record is a page of text, a ``response`` record with an HTTP 2xx
status and an HTML or plain-text payload is a page of HTML or text, and so is a
``resource`` record of those types. Every other record (``warcinfo``, ``request``,
``metadata``, ``revisit``, images, PDFs, redirects, errors) is passed over and named, so a
run can say what it did not clean. A page keeps its ``WARC-Target-URI`` (its URL, which
helps name the page type) and ``WARC-Record-ID``. An HTML payload whose HTTP header declares
a charset that decodes it is handed on as text, else as bytes for ``decode`` to read. It does
not clean anything (``pipeline``) or decide where outputs go (``runner``).
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

#: File name endings read as crawl archives, one input per page record.
WARC_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz")
#: Payload media types that are pages: HTML ones, then plain text.
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
#: Charset labels that browsers read as windows-1252 (WHATWG Encoding), not as Latin-1.
_AS_CP1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii",
                        "ascii", "windows-1252", "cp1252", "x-cp1252"})
#: Bytes decompressed at a time from a gzipped archive.
_CHUNK = 1 << 16
_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_log = logging.getLogger(__name__)


class WarcError(ValueError):
    """The file is not a WARC file, or it breaks off (a truncated or corrupt gzip member)."""


@dataclass(frozen=True, slots=True)
class WarcPage:
    """A page record of a crawl archive."""

    #: The record's position in the file, from 1 (every record counts).
    number: int
    #: ``WARC-Record-ID`` (``<urn:uuid:...>``), or "" when the record has none.
    record_id: str
    #: ``WARC-Target-URI``: where the page was fetched from.
    url: str | None
    #: The payload: text, or bytes when its charset is not declared or does not decode it;
    #: None when it could not be had (``problem`` says why).
    data: str | bytes | None
    #: The payload is HTML (else plain text).
    html: bool
    #: Why ``data`` is None: over the reader's ``max_bytes``, or a payload that cannot be
    #: read (a corrupt content encoding).
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class PassedOver:
    """A record that is not a page, and what it is (``request``, ``response image/jpeg``,
    ``response HTTP 301``)."""

    number: int
    what: str


def is_warc(name: str) -> bool:
    """Whether a file name says crawl archive (``WARC_SUFFIXES``)."""
    return name.lower().endswith(WARC_SUFFIXES)


def read_warc(source: str | Path | IO[bytes], max_bytes: int = 0
              ) -> Iterator[WarcPage | PassedOver]:
    """The records of a WARC or WET file (a path, or a binary file object), gzipped or not,
    as pages and passed-over records, in file order. ``max_bytes``: a payload longer than
    this is not read (its page's ``data`` is None); 0 for no limit. Raises ``WarcError``
    where the file is not a WARC file or breaks off; the records before it have been
    yielded. warcio is imported on first use."""
    if isinstance(source, (str, Path)):
        with open(source, "rb") as fh:
            yield from read_warc(fh, max_bytes)
        return
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    done = 0  # records read whole
    stream = _ungzipped(source)
    archive = ArchiveIterator(stream)
    archive.INC_RECORD = _LoggedNotice(getattr(source, "name", None))
    records = iter(archive)
    last: Any = None  # the last record read
    while True:
        try:
            record = next(records, None)
            # warcio has now read the rest of the last record (a passed-over one's payload
            # was not read before): a stream still short of its Content-Length ended early
            if last is not None and _unread(last):
                raise OSError(f"the file ends inside record {done}")
            if record is None:
                # warcio takes a file that ends inside a record's headers for its end
                if _position(stream) > archive.offset:
                    raise OSError(f"the file ends inside the headers of record {done + 1}")
                return
            _check_headers(record, done + 1)
            last = record
            page = _read_record(record, done + 1, max_bytes)
        except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
            raise WarcError(f"cannot read {_where(done)}: {_first_line(exc)}") from exc
        except Exception as exc:  # noqa: BLE001 - see below
            # warcio parses a malformed record as far as it goes and then fails on what is
            # missing (a response record cut inside its WARC headers, without its
            # WARC-Target-URI, raises AttributeError): the file is broken there
            raise WarcError(f"cannot read {_where(done)}: malformed or truncated record "
                            f"({type(exc).__name__}: {_first_line(exc)})") from exc
        done += 1
        yield page


class _LoggedNotice:
    """warcio's notice of a record not followed by the blank line that ends it (its
    Content-Length is wrong, and its payload may be cut short), logged as a warning of
    ``cleaner.warc`` instead of written to stderr: a user's logging (or ``--quiet``) decides
    whether it shows. warcio formats ``ArchiveIterator.INC_RECORD`` and writes the result,
    here nothing."""

    def __init__(self, name: str | None) -> None:
        self.name = name

    def format(self, offset: Any, line: Any) -> str:
        where = f"{self.name}: " if isinstance(self.name, str) else ""
        _log.warning("%sbyte %s: a WARC record is not followed by the blank line that ends "
                     "it (its Content-Length may be wrong, its payload cut short): %.80r",
                     where, offset, line)
        return ""


def _check_headers(record: Any, number: int) -> None:
    """Raise where the ``number``-th record's headers show that the file is no WARC file,
    or that it is cut off inside them."""
    if number == 1 and record.format != "warc" and record.rec_type != "arc_header":
        # warcio reads what is not WARC as an old ARC file (a page's first line for an ARC
        # header line), but an ARC file opens with its filedesc record
        raise ValueError("not a WARC file (nor ARC): it does not open with a WARC/1.x record")
    # every WARC record declares its length: without one, warcio read the headers of a
    # record that the file cuts off before their end
    length = record.rec_headers.get_header("Content-Length") or ""
    if record.format == "warc" and not length.strip().isdigit():
        raise OSError(f"record {number} has no Content-Length (cut off or malformed)")


def _unread(record: Any) -> int:
    """How many bytes of a record's payload, as its Content-Length declares it, are left
    after it was read to its end: more than 0 when the file ends inside the record."""
    return int(getattr(record.raw_stream, "limit", 0) or 0)


def _position(stream: Any) -> int:
    """How far a stream has been read, or -1 when it cannot tell (a pipe; warcio's own
    gzip reading of one, whose breaks the gzip stream shows anyway)."""
    try:
        return int(stream.tell())
    except (AttributeError, OSError, ValueError):
        return -1


def _where(done: int) -> str:
    """Where reading stopped, ``done`` records read whole."""
    return f"after record {done}" if done else "its first record"


def _first_line(exc: BaseException) -> str:
    """An exception's message, its first line (warcio's hold the record's headers after)."""
    message = str(exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


def _read_record(record: Any, number: int, max_bytes: int) -> WarcPage | PassedOver:
    kind = _page_kind(record)
    if isinstance(kind, str):
        return PassedOver(number, kind)
    html, charset = kind
    headers = record.rec_headers
    record_id = headers.get_header("WARC-Record-ID") or ""
    url = headers.get_header("WARC-Target-URI")
    stream = record.content_stream()
    try:
        payload = stream.read(max_bytes + 1) if max_bytes else stream.read()
    except (zlib.error, EOFError, OSError, ValueError) as exc:  # a bad Content-Encoding
        return WarcPage(number, record_id, url, None, html,
                        f"payload cannot be read ({type(exc).__name__}: {exc})")
    if max_bytes and len(payload) > max_bytes:
        return WarcPage(number, record_id, url, None, html, "over the size limit")
    if _unread(record):  # the file ends inside the record
        raise OSError(f"the file ends inside record {number}")
    data = _decoded(payload, charset) if charset is not None else payload
    return WarcPage(number, record_id, url, data, html)


def _page_kind(record: Any) -> tuple[bool, str | None] | str:
    """Whether a record is a page of HTML (True) or of text (False), with the charset it
    declares; or, for any other record, what it is."""
    kind = record.rec_type or "unknown"
    if kind == "conversion":  # WET: the page's text, in UTF-8
        return False, "utf-8"
    if kind == "resource":  # the payload as it was fetched, typed by the WARC header
        content_type = record.rec_headers.get_header("Content-Type") or ""
    elif kind == "response":
        http = record.http_headers
        if http is None:
            return "response without HTTP headers"
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return f"response HTTP {status or '?'}"
        content_type = http.get_header("Content-Type") or ""
    else:
        return kind
    media = content_type.split(";")[0].strip().lower()
    if media not in HTML_TYPES and media not in TEXT_TYPES:
        return f"{kind} {media or 'of no media type'}"
    found = _CHARSET.search(content_type)
    return media in HTML_TYPES, found.group(1).lower() if found else None


def _ungzipped(fh: IO[bytes]) -> IO[bytes] | _Gunzip:
    """``fh``, read through gzip when it starts with gzip's magic bytes: a WARC gzipped
    whole (``gzip x.warc``) reads like one gzipped record by record, which warcio alone
    refuses."""
    start, fh = peek_head(fh, len(GZIP_MAGIC))
    return _Gunzip(fh) if start == GZIP_MAGIC else fh


#: The first bytes of a gzip stream.
GZIP_MAGIC = b"\x1f\x8b"


def peek_head(stream: IO[bytes], size: int) -> tuple[bytes, IO[bytes]]:
    """The first bytes of ``stream`` (up to ``size``; from a pipe, what its first read
    gives) without consuming them, and the stream to read from then: ``stream`` itself
    when it can be rewound or peeked at, else a buffered reader over it; ``b""`` for a
    stream that offers none of these (warcio then reads it as it is)."""
    seekable = getattr(stream, "seekable", None)
    if seekable is not None and seekable():
        head = stream.read(size)
        stream.seek(-len(head), io.SEEK_CUR)
        return head, stream
    if getattr(stream, "peek", None) is None:
        if not hasattr(stream, "readinto"):
            return b"", stream
        stream = cast(IO[bytes], io.BufferedReader(cast(io.RawIOBase, stream)))
    return bytes(stream.peek(size)[:size]), stream  # type: ignore[attr-defined]


class _Gunzip:
    """A gzip stream (one member or many) read for warcio, member by member. Where a member
    breaks off or is corrupt, or what follows the last member is not gzip, what came before
    is read, then an ``OSError`` (warcio takes an ``EOFError`` for the end of the file, and
    ``gzip.GzipFile`` lost the chunk it was decompressing: up to 64 kB of whole records)."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self._member = zlib.decompressobj(wbits=31)  # 31: a gzip header and trailer
        self._pending = b""  # decompressed, not read yet
        self._position = 0  # decompressed bytes read
        self._ended = False
        self._broken: str | None = None

    def read(self, size: int = -1) -> bytes:
        chunks: list[bytes] = []
        wanted = size if size >= 0 else -1
        while wanted:
            if not self._pending:
                self._inflate()
                if not self._pending:
                    break
            piece = self._pending if wanted < 0 else self._pending[:wanted]
            self._pending = self._pending[len(piece):]
            chunks.append(piece)
            self._position += len(piece)
            wanted = wanted - len(piece) if wanted > 0 else -1
        if not chunks and self._broken is not None:
            raise OSError(self._broken)
        return b"".join(chunks)

    def tell(self) -> int:
        return self._position

    def _inflate(self) -> None:
        """Decompress until some output is pending, the stream has ended, or it broke."""
        while not self._pending and not self._ended and self._broken is None:
            if self._member.eof:
                data = self._next_member()
                if data is None:
                    return
            else:
                data = self._member.unconsumed_tail or self._fh.read(_CHUNK)
                if not data:
                    self._broken = "the gzip stream breaks off inside a member"
                    return
            try:
                self._pending = self._member.decompress(data, _CHUNK)
            except zlib.error as exc:
                self._broken = f"a gzip member is corrupt ({exc})"

    def _next_member(self) -> bytes | None:
        """The start of the member after the one that ended, with a fresh decompressor; None
        at the end of the stream (trailing NUL padding allowed) or where what follows is
        not gzip (then the stream is broken)."""
        data = self._member.unused_data
        while len(data) < 2:
            more = self._fh.read(_CHUNK)
            if not more:
                break
            data += more
        if not data.strip(b"\0"):
            rest = self._fh.read(_CHUNK)
            while rest and not rest.strip(b"\0"):
                rest = self._fh.read(_CHUNK)
            if not rest:
                self._ended = True
                return None
            data = rest
        if not data.startswith(b"\x1f\x8b"):
            self._broken = "what follows the last gzip member is not gzip"
            return None
        self._member = zlib.decompressobj(wbits=31)
        return data


def _decoded(payload: bytes, charset: str) -> str | bytes:
    """The payload as text in its declared charset, or the bytes themselves when the label
    is unknown or does not decode them (``decode`` then reads them as any bytes)."""
    label = "cp1252" if charset in _AS_CP1252 else charset
    try:
        codecs.lookup(label)
        return payload.decode(label)
    except (LookupError, UnicodeError):  # UnicodeError: "undefined", "punycode", ...
        return payload
