"""WARC and WET files: ``cleaner.warc.read_warc`` and the command line over crawl archives.

The archives are written here with warcio's own writer (gzipped record by record as crawls
are, uncompressed, and gzipped whole), so the tests need no data files.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner.cli import main
from cleaner.warc import PassedOver, WarcError, WarcPage, read_warc

ARTICLE = (
    "<html><head><title>Market news</title></head><body><nav>Home | News | Sport</nav>"
    "<article><h1>The market square reopens</h1><p>Café owners in the town said on Monday "
    "that the new road would bring more visitors to the old market square.</p></article>"
    "</body></html>"
)
WET_TEXT = (
    "Menu\n<b>not markup</b> but the text of a page\nThe town council met on Tuesday evening "
    "to discuss the plans for the new library building.\n"
)


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str,
              status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                  http_headers=http))


def _archive(path: Path, *, gz: bool = True, whole_gzip: bool = False) -> Path:
    """warcinfo, an HTML page, an image, a redirect, a latin-1 page, a WET page, a request."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz and not whole_gzip)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
    _response(writer, "https://example.com/news/market", ARTICLE.encode(),
              "text/html; charset=utf-8")
    _response(writer, "https://example.com/a.jpg", b"\xff\xd8\xff\xe0", "image/jpeg")
    _response(writer, "https://example.com/old", b"<html>moved</html>", "text/html",
              "301 Moved Permanently")
    _response(writer, "https://example.com/fr", ARTICLE.replace("Café", "Caf\u00e9 ‘x’")
              .encode("cp1252"), "text/html; charset=ISO-8859-1")
    writer.write_record(writer.create_warc_record(
        "https://example.com/wet", "conversion", payload=io.BytesIO(WET_TEXT.encode()),
        warc_content_type="text/plain"))
    writer.write_record(writer.create_warc_record(
        "https://example.com/q", "request", payload=io.BytesIO(b"GET /q HTTP/1.1\r\n\r\n"),
        warc_content_type="application/http; msgtype=request"))
    data = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data) if whole_gzip else data)
    return path


@pytest.mark.parametrize(("gz", "whole"), [(True, False), (False, False), (True, True)],
                         ids=["per-record-gzip", "plain", "whole-file-gzip"])
def test_pages_and_passed_over_records_in_file_order(tmp_path: Path, gz: bool,
                                                     whole: bool) -> None:
    records = list(read_warc(_archive(tmp_path / "a.warc.gz", gz=gz, whole_gzip=whole)))
    assert [r.number for r in records] == list(range(1, 8))
    assert [r.what for r in records if isinstance(r, PassedOver)] == [
        "warcinfo", "response image/jpeg", "response HTTP 301", "request"]
    pages = [r for r in records if isinstance(r, WarcPage)]
    assert [(p.url, p.html) for p in pages] == [
        ("https://example.com/news/market", True), ("https://example.com/fr", True),
        ("https://example.com/wet", False)]
    assert all(p.record_id.startswith("<urn:uuid:") and p.problem is None for p in pages)
    assert pages[0].data == ARTICLE
    # the HTTP header's ISO-8859-1 is read as browsers read it, windows-1252
    assert isinstance(pages[1].data, str) and "Caf\u00e9 ‘x’" in pages[1].data
    assert pages[2].data == WET_TEXT


def test_a_charset_that_does_not_decode_the_payload_leaves_bytes(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    _response(writer, "https://example.com/a", "<p>café</p>".encode("cp1252"),
              "text/html; charset=utf-8")
    _response(writer, "https://example.com/b", b"<p>cafe</p>", "text/html; charset=no-such")
    (path := tmp_path / "a.warc.gz").write_bytes(buffer.getvalue())
    first, second = read_warc(path)
    assert isinstance(first, WarcPage) and first.data == "<p>café</p>".encode("cp1252")
    assert isinstance(second, WarcPage) and second.data == b"<p>cafe</p>"


def test_a_payload_over_the_limit_is_not_read(tmp_path: Path) -> None:
    records = list(read_warc(_archive(tmp_path / "a.warc.gz"), max_bytes=200))
    pages = [r for r in records if isinstance(r, WarcPage)]
    assert [p.problem for p in pages] == ["over the size limit"] * 2 + [None]
    assert pages[0].data is None and pages[2].data == WET_TEXT


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_a_file_that_breaks_off_yields_what_came_before(tmp_path: Path, gz: bool) -> None:
    path = _archive(tmp_path / "a.warc", gz=gz)
    data = path.read_bytes()
    # gzip: into the last record's gzip member; plain: inside the WET page's text
    path.write_bytes(data[:-150] if gz else data[:data.index(b"library building")])
    seen = []
    with pytest.raises(WarcError, match="cannot read after record"):
        for record in read_warc(path):
            seen.append(record.number)
    assert seen == ([1, 2, 3, 4, 5, 6] if gz else [1, 2, 3, 4, 5])


def test_every_cut_of_a_plain_warc_is_reported_unless_the_records_are_whole(
        tmp_path: Path) -> None:
    """An uncompressed archive cut anywhere: inside a record's WARC headers (warcio then
    made a record of the headers so far, or took the cut for the end of the file, or
    failed on a missing WARC-Target-URI), inside a passed-over record's payload (which is
    never read) or a page's. Only a cut that leaves every record's payload whole (in the
    blank lines between records) reads without an error."""
    data = _archive(tmp_path / "a.warc", gz=False).read_bytes()
    starts = [at for at in range(len(data)) if data.startswith(b"WARC/1.", at)]
    # a record's payload ends before the two CRLFs that close it
    whole_after = [(end - 4, end) for end in [*starts[1:], len(data)]]
    for cut in range(starts[1], len(data)):
        path = tmp_path / "cut.warc"
        path.write_bytes(data[:cut])
        try:
            numbers = [record.number for record in read_warc(path)]
        except WarcError as exc:
            assert str(exc).startswith("cannot read after record"), (cut, str(exc))
            continue
        assert any(low <= cut <= high for low, high in whole_after), (cut, numbers)
        assert len(numbers) == sum(cut >= low for low, _ in whole_after)


def test_a_record_cut_inside_its_headers_is_reported_from_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _archive(tmp_path / "a.warc", gz=False).read_bytes()
    # inside the HTML page's WARC headers, before its WARC-Target-URI: warcio itself
    # fails there with an AttributeError
    second = data.index(b"WARC/1.", 1)
    (path := tmp_path / "cut.warc").write_bytes(data[:second + 40])
    assert main([str(path), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "cut.warc: cannot read after record 1: malformed or truncated record" in err


def _wrong_length(tmp_path: Path) -> Path:
    """The plain archive with the HTML page's Content-Length 7 bytes short: its payload
    loses "</html>", which stands where the blank line after the record belongs."""
    data = _archive(tmp_path / "a.warc", gz=False).read_bytes()
    header = data.index(b"Content-Length: ", data.index(b"https://example.com/news/market"))
    end = data.index(b"\r\n", header)
    length = int(data[header + 16:end])
    path = tmp_path / "short.warc"
    path.write_bytes(data[:header + 16] + str(length - 7).encode() + data[end:])
    return path


def test_a_record_longer_than_its_length_is_a_logged_warning(
        tmp_path: Path, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str]) -> None:
    """warcio writes its notice of a wrong Content-Length to stderr itself; here it is a
    warning of the ``cleaner.warc`` logger, which names the file, and the records read on."""
    path = _wrong_length(tmp_path)
    with caplog.at_level("WARNING", logger="cleaner.warc"):
        records = list(read_warc(path))
    assert [r.url for r in records if isinstance(r, WarcPage)] == [
        "https://example.com/news/market", "https://example.com/fr", "https://example.com/wet"]
    [warning] = [r for r in caplog.records if r.name == "cleaner.warc"]
    assert str(path) in warning.getMessage() and "Content-Length" in warning.getMessage()
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("quiet", [False, True])
def test_the_command_line_reports_a_wrong_length_unless_quiet(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], quiet: bool) -> None:
    path = _wrong_length(tmp_path)
    assert main([str(path), "-f", "jsonl", *(["-q"] if quiet else [])]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 3
    if quiet:
        assert err == ""
    else:
        [line] = [line for line in err.splitlines() if "Content-Length" in line]
        assert line.startswith(f"cleaner: {path}: byte ")

def test_a_corrupt_gzip_member_or_trailing_bytes_keep_the_records_before_them(
        tmp_path: Path) -> None:
    """``gzip.GzipFile`` threw away the chunk it was decompressing with the error: up to
    64 kB of whole records before a corrupt member, or before bytes that are not gzip
    after the last member (a small archive lost every record)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(40):
        _response(writer, f"https://example.com/{i}", ARTICLE.encode(), "text/html")
    data = buffer.getvalue()
    (path := tmp_path / "a.warc.gz").write_bytes(data + b"not gzip at all")
    numbers = []
    with pytest.raises(WarcError, match="after record 40: what follows the last gzip"):
        numbers.extend(record.number for record in read_warc(path))
    assert numbers == list(range(1, 41))
    # a CRC that does not match in the 31st member: the 30 before it are read
    members = [at for at in range(len(data)) if data.startswith(b"\x1f\x8b\x08", at)]
    end = members[31]  # the 31st member ends where the 32nd starts; its CRC-32 is 8 from it
    path.write_bytes(data[:end - 8] + bytes(b ^ 0xFF for b in data[end - 8:end - 4])
                     + data[end - 4:])
    numbers.clear()
    with pytest.raises(WarcError, match="corrupt"):
        for record in read_warc(path):
            numbers.append(record.number)
            assert isinstance(record, WarcPage)
            if record.problem:  # the corrupt member's own record: its payload is not whole
                assert record.number == 31 and record.data is None
    assert numbers[:30] == list(range(1, 31))


def test_an_http_charset_that_is_no_text_encoding_fails_no_record(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for charset in ("utf-8", "undefined", "punycode", "utf-8"):
        _response(writer, f"https://example.com/{charset}", "<p>café</p>".encode("cp1252"),
                  f"text/html; charset={charset}")
    (path := tmp_path / "a.warc.gz").write_bytes(buffer.getvalue())
    records = list(read_warc(path))
    assert [r.data for r in records if isinstance(r, WarcPage)] == \
        ["<p>café</p>".encode("cp1252")] * 4  # undecoded: left to ``decode``


def test_a_file_that_is_not_a_warc_is_refused(tmp_path: Path) -> None:
    (path := tmp_path / "a.warc").write_text("just some text\n")
    with pytest.raises(WarcError, match="its first record"):
        list(read_warc(path))


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_a_page_named_as_an_archive_is_refused(tmp_path: Path, gz: bool) -> None:
    """warcio reads what is not WARC as an ARC file, a page's first line for a record's
    header: one "response" record came out, passed over, and the run said nothing."""
    data = ARTICLE.encode() + b"\n"
    (path := tmp_path / "page.warc.gz").write_bytes(gzip.compress(data) if gz else data)
    with pytest.raises(WarcError, match="its first record: not a WARC file"):
        list(read_warc(path))


def test_read_warc_takes_a_stream_that_cannot_seek(tmp_path: Path) -> None:
    data = _archive(tmp_path / "a.warc.gz").read_bytes()

    class Pipe(io.RawIOBase):  # a pipe: read, no seek
        def __init__(self) -> None:
            self.data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
            chunk = self.data.read(len(buffer))
            buffer[:len(chunk)] = chunk
            return len(chunk)

    urls = [r.url for r in read_warc(io.BufferedReader(Pipe())) if isinstance(r, WarcPage)]
    assert urls == ["https://example.com/news/market", "https://example.com/fr",
                    "https://example.com/wet"]


# --- the command line --------------------------------------------------------------------


def test_cli_cleans_every_page_record_with_its_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _archive(tmp_path / "CC-MAIN-1.warc.wet.gz")
    assert main([str(path), "-f", "jsonl"]) == 0
    out, err = capsys.readouterr()
    documents = [json.loads(line) for line in out.splitlines()]
    assert [d["url"] for d in documents] == [
        "https://example.com/news/market", "https://example.com/fr", "https://example.com/wet"]
    assert all(d["id"].startswith("<urn:uuid:") for d in documents)
    assert [d["metadata"]["source_url"] for d in documents] == [d["url"] for d in documents]
    assert [d["metadata"]["input_format"] for d in documents] == ["html", "html", "text"]
    # a WET page is text even where a line looks like markup
    assert " ".join(b["text"] for b in documents[2]["blocks"]).split() == WET_TEXT.split()
    assert "WARC records passed over (not pages): " in err
    for what in ("warcinfo 1", "request 1", "response image/jpeg 1", "response HTTP 301 1"):
        assert what in err


def test_cli_writes_one_file_per_archive_or_per_record(tmp_path: Path) -> None:
    path = _archive(tmp_path / "in" / "x.warc.gz")
    out = tmp_path / "out"
    out.mkdir()
    assert main([str(path), "-f", "jsonl", "-o", str(out), "-q"]) == 0
    assert [p.name for p in out.iterdir()] == ["x.jsonl"]
    assert len((out / "x.jsonl").read_text().splitlines()) == 3
    per_record = tmp_path / "per-record"
    per_record.mkdir()
    assert main([str(path), "-o", str(per_record), "-q"]) == 0
    names = sorted(p.name for p in (per_record / "x").iterdir())
    assert len(names) == 3 and all(n.endswith(".txt") and "urn" not in n for n in names)
    # a second run with --resume finds every record's output and cleans nothing again
    assert main([str(path), "-o", str(per_record), "--resume", "-q"]) == 0


def test_cli_reports_a_broken_archive_and_keeps_its_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _archive(tmp_path / "x.warc.gz")
    path.write_bytes(path.read_bytes()[:-150])
    other = _archive(tmp_path / "y.warc.gz")
    assert main([str(path), str(other), "-f", "jsonl"]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 6  # three pages from each; the break is after them
    assert "x.warc.gz: cannot read after record" in err


@pytest.mark.parametrize(("gz", "whole"), [(True, False), (False, False), (True, True)],
                         ids=["per-record-gzip", "plain", "whole-file-gzip"])
def test_cli_reads_an_archive_piped_to_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    gz: bool, whole: bool,
) -> None:
    path = _archive(tmp_path / "x.warc.gz", gz=gz, whole_gzip=whole)
    assert main([str(path), "-f", "jsonl"]) == 0
    from_file = capsys.readouterr().out

    class Pipe(io.RawIOBase):  # what a shell pipe gives: no seeking
        def __init__(self) -> None:
            self.data = io.BytesIO(path.read_bytes())

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
            chunk = self.data.read(min(len(buffer), 1000))
            buffer[:len(chunk)] = chunk
            return len(chunk)

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(Pipe())))
    assert main(["-", "--stdin-format", "warc", "-f", "jsonl"]) == 0
    out, err = capsys.readouterr()
    assert out == from_file
    assert [json.loads(line)["url"] for line in out.splitlines()] == [
        "https://example.com/news/market", "https://example.com/fr", "https://example.com/wet"]
    assert "WARC records passed over (not pages): " in err


def test_cli_refuses_url_for_an_archive(tmp_path: Path) -> None:
    path = _archive(tmp_path / "x.warc.gz")
    with pytest.raises(SystemExit) as exit_info:
        main([str(path), "--url", "https://example.com/"])
    assert exit_info.value.code == 2


def test_cli_sitewide_groups_warc_pages_by_the_host_of_their_url(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    appeal = ("Our journalism is funded by readers like you, and every contribution, big or "
              "small, keeps the reporting on this website free for everybody to read.")
    stories = [
        "The council voted on Tuesday to rebuild the old bridge over the river next spring.",
        "Farmers in the valley said the dry summer had cut the harvest by nearly a third.",
        "The town library will open on Sundays from March, the mayor announced yesterday.",
        "A new bus line will link the station with the hospital and the university campus.",
    ]
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i, story in enumerate(stories):
        text = f"Local news {i}\n{story} {story}\n{appeal}\n"
        writer.write_record(writer.create_warc_record(
            f"https://news.example.org/story/{i}", "conversion",
            payload=io.BytesIO(text.encode()), warc_content_type="text/plain"))
    (path := tmp_path / "site.warc.wet.gz").write_bytes(buffer.getvalue())

    def appeal_blocks(*options: str) -> list[tuple[str, str]]:
        assert main([str(path), "-f", "jsonl", "-q", *options]) == 0
        documents = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        return [(b["label"], b["reason"]) for d in documents for b in d["blocks"]
                if b["text"] == appeal]

    alone = appeal_blocks()
    together = appeal_blocks("--sitewide")
    assert len(alone) == len(together) == 4
    kept = [i for i, (label, _) in enumerate(alone) if label == "body"]
    assert kept, "the model alone keeps the appeal as body on some page"
    assert all(together[i] == ("furniture", "site:repeated") for i in kept)
    assert all(label != "body" for label, _ in together)
