"""The ``cleaner`` command, called in-process through ``main([...])``, plus one smoke test of
the installed console script.

These tests check structure, names, counts and exit codes, never classifier quality: the
words of all blocks must be the words of the input, whatever labels the blocks got.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleaner
from cleaner.cli import main

PAGE = """\
Pakistan suspends intelligence sharing with the US

Home News Sport Weather

The defence minister announced on Thursday that intelligence sharing was suspended.

Relations between the two countries have been strained since the New Year.

Share this page
"""
OTHER_PAGE = "A second page with a single paragraph of text in it.\n"


def _write(path: Path, text: str = PAGE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _jsonl(path: Path, lines: list[object]) -> Path:
    data = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data.encode("utf-8")))
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _block_words(document: dict[str, object]) -> list[str]:
    blocks = document["blocks"]
    assert isinstance(blocks, list)
    return " ".join(b["text"] for b in blocks).split()


def _split_summary(err: str) -> tuple[list[str], list[str]]:
    """stderr as (failure lines, summary lines): the summary starts at "cleaner: summary:"."""
    lines = err.splitlines()
    at = next((i for i, line in enumerate(lines) if line.startswith("cleaner: summary:")),
              len(lines))
    return lines[:at], lines[at:]


def _stderr_lines(capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str]]:
    """stdout and the failure lines on stderr (without the end-of-run summary)."""
    captured = capsys.readouterr()
    return captured.out, _split_summary(captured.err)[0]


# --- one input ---------------------------------------------------------------------------


def test_json_output_parses_and_keeps_every_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _write(tmp_path / "page.txt")
    assert main([str(page), "--format", "json"]) == 0
    out, err = _stderr_lines(capsys)
    assert err == []
    document = json.loads(out)
    assert {"body", "title", "captions", "furniture", "blocks"} <= set(document)
    assert len(document["blocks"]) == 5
    assert _block_words(document) == PAGE.split()
    for block in document["blocks"]:
        start, end = block["span"]
        assert PAGE[start:end].split() == block["text"].split()


def test_text_output_is_the_title_and_body(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _write(tmp_path / "page.txt")
    assert main([str(page), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert main([str(page)]) == 0
    expected = "\n\n".join(p for p in (document["title"], document["body"]) if p)
    assert capsys.readouterr().out == (expected + "\n" if expected else "")


def test_markdown_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _write(tmp_path / "page.txt")
    assert main([str(page), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out == "" or out.endswith("\n")


def test_explain_shows_every_block(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    page = _write(tmp_path / "page.txt")
    assert main([str(page), "--format", "json"]) == 0
    blocks = json.loads(capsys.readouterr().out)["blocks"]
    assert main([str(page), "--explain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(blocks) == 5
    for line, block in zip(lines, blocks, strict=True):
        columns, text = line.split(" | ", 1)
        assert [c.strip() for c in columns.split(" · ")] == [
            block["label"], block["kind"] or "", block["reason"]
        ]
        assert text == block["text"]
        assert "\x1b" not in line


def test_explain_is_cut_to_columns_when_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    page = _write(tmp_path / "page.txt")
    assert main([str(page), "--explain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    assert all(len(line) <= 50 for line in lines)
    assert any(line.endswith("…") for line in lines)


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_explain_colour_only_on_a_terminal_without_no_color(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    no_color: str | None,
    coloured: bool,
) -> None:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    page = _write(tmp_path / "page.txt")
    assert main([str(page), "--explain"]) == 0
    assert ("\x1b[" in capsys.readouterr().out) is coloured


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode("utf-8"))))
    assert main(["-", "--format", "json"]) == 0
    assert _block_words(json.loads(capsys.readouterr().out)) == PAGE.split()


def test_input_format_reaches_the_pipeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner.pipeline import clean

    seen = []

    def spy(data: str | bytes, config: cleaner.Config, url: str | None = None
            ) -> cleaner.Document:
        seen.append(config.input_format)
        return clean(data, config.with_overrides(input_format="auto"))

    monkeypatch.setattr("cleaner.runner.clean", spy)
    page = _write(tmp_path / "page.txt")
    assert main([str(page), "--input", "text"]) == 0
    assert seen == ["text"]


def test_a_printed_body_cleaned_again_prints_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The stable body is the default: the body printed, cleaned again, prints unchanged."""
    assert main([str(_write(tmp_path / "page.txt"))]) == 0
    body = capsys.readouterr().out
    assert body.strip()
    assert main([str(_write(tmp_path / "body.txt", body))]) == 0
    assert capsys.readouterr().out == body


@pytest.mark.parametrize(("flags", "field", "value"), [
    ([], "stable_body", True), (["--stable-body"], "stable_body", True),
    (["--no-stable-body"], "stable_body", False),
    ([], "item_bodies", True), (["--no-item-bodies"], "item_bodies", False),
])
def test_config_switches_reach_the_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: list[str], field: str,
    value: bool,
) -> None:
    from cleaner.pipeline import clean

    seen = []

    def spy(data: str | bytes, config: cleaner.Config, url: str | None = None
            ) -> cleaner.Document:
        seen.append(getattr(config, field))
        return clean(data, config)

    monkeypatch.setattr("cleaner.runner.clean", spy)
    assert main([str(_write(tmp_path / "page.txt")), "-q", *flags]) == 0
    assert seen == [value]


# --- many inputs -------------------------------------------------------------------------


def test_directory_into_an_output_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "in" / "b.html")
    _write(tmp_path / "in" / "a" / "one.txt", OTHER_PAGE)
    _write(tmp_path / "in" / ".hidden.txt")
    _write(tmp_path / "in" / "README")
    out = tmp_path / "out"
    assert main([str(tmp_path / "in"), "-o", f"{out}/", "--format", "json"]) == 0
    assert _stderr_lines(capsys) == ("", [])
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert written == ["README.json", "a/one.json", "b.json"]
    assert _block_words(json.loads((out / "a" / "one.json").read_text())) == OTHER_PAGE.split()


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("text", ".txt"), ("json", ".json"), ("markdown", ".md"),
                        ("jsonl", ".jsonl")]
)
def test_output_extension_follows_the_format(
    tmp_path: Path, fmt: str, suffix: str
) -> None:
    page = _write(tmp_path / "page.html")
    out = tmp_path / "out"
    out.mkdir()
    assert main([str(page), "-o", str(out), "--format", fmt]) == 0
    assert [p.name for p in out.iterdir()] == ["page" + suffix]


def test_directory_to_stdout_in_jsonl_names_each_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "in" / "b.txt")
    _write(tmp_path / "in" / "a.txt", OTHER_PAGE)
    assert main([str(tmp_path / "in"), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["a.txt", "b.txt"]
    assert [_block_words(r) for r in records] == [OTHER_PAGE.split(), PAGE.split()]


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_keep_source_lets_documents_be_rebuilt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    path = _write(tmp_path / "page.txt")
    assert main([str(path), "--format", fmt, "--keep-source"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["source"] == PAGE
    doc = cleaner.Document.from_dict(record)
    expected = cleaner.clean(PAGE)
    assert (doc.body, doc.title, doc.metadata) == (expected.body, expected.title,
                                                   expected.metadata)
    assert [(b.span, b.label, b.reason) for b in doc.blocks] == [
        (b.span, b.label, b.reason) for b in expected.blocks]
    assert main([str(path), "--format", fmt]) == 0
    assert "source" not in json.loads(capsys.readouterr().out)


def test_everything_into_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _write(tmp_path / "a.txt")
    b = _write(tmp_path / "b.txt", OTHER_PAGE)
    target = tmp_path / "all.jsonl"
    assert main([str(a), str(b), "-o", str(target), "--format", "jsonl"]) == 0
    assert _stderr_lines(capsys) == ("", [])
    assert len(target.read_text().splitlines()) == 2


@pytest.mark.parametrize("name", ["pages.jsonl", "pages.jsonl.gz"])
def test_jsonl_good_and_bad_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = _jsonl(tmp_path / name, [
        {"id": "p1", "text": PAGE},
        "{not json",
        {"id": "p3", "body": "no text field"},
        {"url": "https://example.com/4", "text": OTHER_PAGE},
        {"text": OTHER_PAGE},
    ])
    assert main([str(path), "--format", "jsonl"]) == 1
    out, err = _stderr_lines(capsys)
    assert len(err) == 2
    assert err[0].startswith(f"cleaner: {path}:2: not a JSON record: ")
    assert err[1] == f"cleaner: {path}:3 (p3): record has no \"text\" or \"html\" string field"
    records = [json.loads(line) for line in out.splitlines()]
    assert [r.get("id") for r in records] == ["p1", None, None]
    assert records[1]["url"] == "https://example.com/4"
    # the record's URL reaches clean(): the page shows none, so it is the source URL
    assert records[1]["metadata"]["source_url"] == "https://example.com/4"
    assert records[2]["metadata"]["source_url"] is None
    assert records[2]["line"] == 5
    assert [_block_words(r) for r in records] == [
        PAGE.split(), OTHER_PAGE.split(), OTHER_PAGE.split()
    ]


class _Pipe(io.RawIOBase):
    """What a shell pipe gives a process: bytes read in order, no seeking."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        chunk = self._data.read(min(len(buffer), 1000))  # a pipe hands over some at a time
        buffer[:len(chunk)] = chunk
        return len(chunk)


def _stdin_of(monkeypatch: pytest.MonkeyPatch, data: bytes, pipe: bool = True) -> None:
    """``data`` as standard input: through a pipe (as a shell gives it), or a file."""
    raw = io.BufferedReader(_Pipe(data)) if pipe else io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw))  # type: ignore[arg-type]


STDIN_RECORDS = [{"id": "p1", "text": PAGE}, "{not json",
                 {"url": "https://example.com/2", "html": f"<p>{OTHER_PAGE}</p>"}]


@pytest.mark.parametrize("compression", ["none", "gzip", "zstd"])
@pytest.mark.parametrize("pipe", [True, False], ids=["pipe", "file"])
def test_stdin_jsonl_records_read_as_a_jsonl_file_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    compression: str, pipe: bool,
) -> None:
    path = _jsonl(tmp_path / "pages.jsonl", STDIN_RECORDS)
    assert main([str(path), "-f", "jsonl"]) == 1
    from_file, _ = capsys.readouterr()
    data = path.read_bytes()
    if compression == "gzip":
        data = gzip.compress(data)
    elif compression == "zstd":
        zstandard = pytest.importorskip("zstandard", reason="the zstd extra is not installed")
        data = zstandard.ZstdCompressor().compress(data)
    _stdin_of(monkeypatch, data, pipe)
    assert main(["-", "--stdin-format", "jsonl", "-f", "jsonl"]) == 1
    out, err = _stderr_lines(capsys)
    assert out == from_file  # every record the same: ids, URLs, the html field as HTML
    assert err[0].startswith("cleaner: -:2: not a JSON record: ")
    records = [json.loads(line) for line in out.splitlines()]
    assert [(r.get("id"), r.get("url")) for r in records] == [
        ("p1", None), (None, "https://example.com/2")]
    assert [r["metadata"]["input_format"] for r in records] == ["text", "html"]
    assert _block_words(records[0]) == PAGE.split()


def test_stdin_records_into_a_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin_of(monkeypatch, "".join(json.dumps({"id": f"r{i}", "text": OTHER_PAGE}) + "\n"
                                   for i in range(3)).encode())
    out = tmp_path / "out"
    assert main(["-", "--stdin-format", "jsonl", "-o", f"{out}/", "-q"]) == 0
    assert sorted(p.name for p in (out / "stdin").iterdir()) == ["r0.txt", "r1.txt", "r2.txt"]
    assert (out / "stdin" / "r1.txt").read_text().split() == OTHER_PAGE.split()


def test_stdin_format_needs_stdin_among_the_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _write(tmp_path / "page.txt")
    # records on stdin give their own URLs, as a JSONL file's do
    for argv in ([str(page), "--stdin-format", "jsonl"],
                 ["-", "--stdin-format", "jsonl", "--url", "https://example.com/"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    capsys.readouterr()
    # a page on stdin takes --url as before
    _stdin_of(monkeypatch, PAGE.encode())
    assert main(["-", "--stdin-format", "page", "--url", "https://example.com/a",
                 "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["metadata"]["source_url"] \
        == "https://example.com/a"


@pytest.mark.parametrize("stdin_format", ["jsonl", "warc"])
def test_stdin_records_closed_is_a_read_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stdin_format: str
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert main(["-", "--stdin-format", stdin_format]) == 1
    assert "-: standard input is closed" in capsys.readouterr().err


def test_record_fields_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(tmp_path / "redpajama.jsonl", [
        {"raw_content": PAGE, "meta": {"url": "https://example.com/a", "id": "r-1"}},
        {"text": OTHER_PAGE, "meta": {"id": "r-2"}},
    ])
    assert main([str(path), "-f", "jsonl", "--text-field", "raw_content",
                 "--url-field", "meta.url", "--id-field", "meta.id"]) == 1
    out, err = _stderr_lines(capsys)
    assert err == [f'cleaner: {path}:2 (r-2): record has no "raw_content" string field']
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert (record["id"], record["url"]) == ("r-1", "https://example.com/a")
    assert record["metadata"]["source_url"] == "https://example.com/a"
    assert _block_words(record) == PAGE.split()


def test_jsonl_into_a_directory_is_one_jsonl_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _jsonl(tmp_path / "in" / "pages.jsonl.gz",
                  [{"id": i, "text": OTHER_PAGE} for i in range(3)] + ["bad"])
    out = tmp_path / "out"
    assert main([str(path), "-o", f"{out}/", "--format", "jsonl"]) == 1
    assert [p.name for p in out.iterdir()] == ["pages.jsonl"]
    assert [json.loads(line)["id"] for line in (out / "pages.jsonl").read_text().splitlines()] \
        == [0, 1, 2]
    assert len(_stderr_lines(capsys)[1]) == 1


def test_jsonl_ids_cannot_escape_the_output_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = ["../../etc/x", "/etc/passwd", "..", ".", "", "a/../../b", "..\\..\\win", "ok-id"]
    path = _jsonl(tmp_path / "in" / "pages.jsonl",
                  [{"id": i, "text": OTHER_PAGE} for i in ids])
    out = tmp_path / "work" / "out"
    out.mkdir(parents=True)
    assert main([str(path), "-o", str(out), "--format", "text"]) == 0
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    written = sorted(p for p in files if p != path)
    assert len(written) == len(ids)
    for file in written:
        assert file.parent == out / "pages"
        assert not file.name.startswith(".")
        assert file.suffix == ".txt"
    assert out / "pages" / "ok-id.txt" in written


def test_output_equal_to_an_input_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _write(tmp_path / "page.txt")
    with pytest.raises(SystemExit) as exit_info:
        main([str(page), "-o", str(page)])
    assert exit_info.value.code == 2
    assert "is also an input" in capsys.readouterr().err
    assert page.read_text() == PAGE


def test_output_inside_an_input_directory_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "in" / "page.txt")
    with pytest.raises(SystemExit) as exit_info:
        main([str(tmp_path / "in"), "-o", str(tmp_path / "in" / "out") + "/"])
    assert exit_info.value.code == 2
    assert not (tmp_path / "in" / "out").exists()


# --- failures and exit codes -------------------------------------------------------------


def test_failed_inputs_exit_1_and_the_rest_is_still_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path / "in" / "good.txt")
    (tmp_path / "in" / "binary.bin").write_bytes(bytes(range(256)) * 20)
    missing = tmp_path / "missing.txt"
    out = tmp_path / "out"
    assert main([str(missing), str(tmp_path / "in"), "-o", f"{out}/"]) == 1
    stdout, err = _stderr_lines(capsys)
    assert stdout == ""
    assert len(err) == 2
    assert err[0].startswith(f"cleaner: {missing}: ")
    assert err[1].startswith(f"cleaner: {tmp_path / 'in' / 'binary.bin'}: ")
    assert [p.name for p in out.iterdir()] == ["good.txt"]
    assert good.read_text() == PAGE


def test_quiet_reports_nothing_but_still_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "missing.txt"), "--quiet"]) == 1
    assert capsys.readouterr() == ("", "")


def test_failure_lines_stay_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _jsonl(tmp_path / "p.jsonl", [{"id": "two\nlines\x1b[31m", "text": 3}])
    assert main([str(path)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert "\\n" in line and "\x1b" not in line


def test_unwritable_output_file_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _write(tmp_path / "page.txt")
    assert main([str(page), "-o", str(tmp_path / "no" / "such" / "dir" / "out.txt")]) == 1
    assert capsys.readouterr().err.startswith("cleaner: error: ")


@pytest.mark.parametrize(
    "argv",
    [[], ["x", "--format", "pdf"], ["x", "--input", "xml"], ["x", "--explain", "--format", "json"],
     ["x", "--no-such-option"]],
    ids=["no-path", "bad-format", "bad-input", "explain-and-format", "unknown-option"],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.startswith("usage: cleaner")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out == f"cleaner {cleaner.__version__}\n"


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from cleaner.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('numpy', 'ftfy', 'lxml', 'trafilatura', 'charset_normalizer')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, check=True)
    assert "usage: cleaner" in result.stdout
    assert result.stderr.strip() == "[]"


# --- the installed command ---------------------------------------------------------------


def test_installed_console_script(tmp_path: Path) -> None:
    path = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    command = shutil.which("cleaner", path=path)
    if command is None:
        pytest.skip("the cleaner console script is not installed")
    page = _write(tmp_path / "page.txt")
    result = subprocess.run([command, str(page), "--format", "json"], capture_output=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    assert _block_words(json.loads(result.stdout)) == PAGE.split()
    missing = subprocess.run([command, str(tmp_path / "missing.txt")], capture_output=True,
                             timeout=120)
    assert missing.returncode == 1
    assert missing.stderr.decode().startswith("cleaner: ")


# --- batches -----------------------------------------------------------------------------


def _site(tmp_path: Path, pages: int = 5, records: int = 4) -> Path:
    for i in range(pages):
        _write(tmp_path / "in" / f"p{i}.txt", PAGE.replace("Thursday", f"day {i}"))
    _jsonl(tmp_path / "in" / "records.jsonl",
           [{"id": f"r{i}", "text": OTHER_PAGE + f"Record {i}.\n"} for i in range(records)])
    return tmp_path / "in"


def test_jobs_2_gives_the_same_output_as_jobs_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _site(tmp_path)
    assert main([str(folder), "-f", "jsonl", "-q"]) == 0
    one = capsys.readouterr().out
    assert main([str(folder), "-f", "jsonl", "-q", "--jobs", "2"]) == 0
    assert capsys.readouterr().out == one
    assert len(one.splitlines()) == 9


def test_summary_counts_inputs_blocks_and_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _site(tmp_path, pages=2, records=1)
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 20)
    assert main([str(folder), "-o", str(tmp_path / "out") + "/"]) == 1
    failures, summary = _split_summary(capsys.readouterr().err)
    assert len(failures) == 1 and "binary.bin" in failures[0]
    assert summary[0].startswith("cleaner: summary: 4 inputs in ")
    assert summary[0].endswith(": 3 cleaned, 1 failed, 0 skipped (output exists)")
    titles = [line.split(":")[0].strip() for line in summary[1:]]
    assert titles[:4] == ["blocks by label", "blocks by kind", "blocks by reason",
                          "failures by reason"]
    assert "  failures by reason: input 1" in summary
    assert summary[-1].startswith(f"    {folder / 'binary.bin'}: ")


def test_no_summary_for_one_input_or_with_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _write(tmp_path / "page.txt")
    assert main([str(page)]) == 0
    assert capsys.readouterr().err == ""
    assert main([str(_site(tmp_path)), "-q"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(("tty", "quiet", "shown"),
                         [(True, False, True), (True, True, False), (False, False, False)])
def test_progress_line_only_on_a_terminal_and_not_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    tty: bool, quiet: bool, shown: bool,
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    folder = _site(tmp_path)
    assert main([str(folder), "-o", str(tmp_path / "out") + "/", *(["-q"] if quiet else [])]) == 0
    err = capsys.readouterr().err
    assert ("\r" in err and "done (" in err) is shown
    if shown:
        assert err.split("cleaner: summary:")[0].endswith("\r\x1b[K")  # cleared before it


def test_timeout_reports_the_page_and_the_rest_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner.pipeline import clean

    def slow(data: str | bytes, config: cleaner.Config, url: str | None = None
             ) -> cleaner.Document:
        if b"Record 2." in (data if isinstance(data, bytes) else data.encode()):
            time.sleep(30)
        return clean(data, config)

    monkeypatch.setattr("cleaner.runner.clean", slow)
    folder = _site(tmp_path)
    out = tmp_path / "out"
    assert main([str(folder), "-o", f"{out}/", "--timeout", "0.5"]) == 1
    failures, _ = _split_summary(capsys.readouterr().err)
    assert failures == [f"cleaner: {folder / 'records.jsonl'}:3 (r2): "
                        "took longer than 0.5 s (timeout)"]
    assert len([p for p in out.rglob("*") if p.is_file()]) == 8


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--resume"], "--resume needs an output directory"),
     (["--resume", "-o", "OUT/", "--sitewide"], "cannot be combined"),
     (["--jobs", "-1"], "must be 0 or more"),
     (["--jobs", "two"], "not a whole number"),
     (["--timeout", "soon"], "not a number of seconds"),
     (["--timeout", "-3"], "must be 0 (no limit) to 1e+06 seconds"),
     (["--timeout", "2200000"], "must be 0 (no limit) to 1e+06 seconds"),
     (["--timeout", "nan"], "must be 0 (no limit) to 1e+06 seconds"),
     (["--sitewide", "--site-by", "planet"], "invalid choice"),
     (["--keep-source"], "needs -f json or -f jsonl"),
     (["--keep-source", "--explain"], "needs -f json or -f jsonl")],
    ids=["resume-no-dir", "resume-sitewide", "negative-jobs", "word-jobs", "word-timeout",
         "negative-timeout", "huge-timeout", "nan-timeout", "bad-site-by", "keep-source-text",
         "keep-source-explain"],
)
def test_batch_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    page = _write(tmp_path / "page.txt")
    argv = [a.replace("OUT", str(tmp_path / "out")) for a in argv]
    with pytest.raises(SystemExit) as exit_info:
        main([str(page), *argv])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_sitewide_relabels_a_sites_repeated_blocks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = ["Valley Courier: news from every town along the river, every single day.",
                "Our reporters are paid by readers like you, so please consider subscribing."]
    topics = ["bridge", "market", "school", "harbour", "library", "orchard"]
    records = [{"url": f"https://courier.example/{t}", "text": "\n".join(
        [template[0], f"The {t} was the talk of the town all week long, people said.",
         f"Everyone had an opinion about the {t} and what should happen to it next.",
         template[1]])} for t in topics]
    path = _jsonl(tmp_path / "site.jsonl", records)
    assert main([str(path), "-f", "jsonl", "-q"]) == 0
    alone = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main([str(path), "-f", "jsonl", "-q", "--sitewide"]) == 0
    together = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["url"] for d in together] == [r["url"] for r in records]
    for before, after in zip(alone, together, strict=True):
        for line in template:
            assert line not in after["body"]
        repeated = [f for f in after["furniture"] if f["reason"] == "site:repeated"]
        assert {f["text"] for f in repeated} == {t for t in template if t in before["body"]}
        assert "talk of the town" in after["body"]


# --- a batch killed midway, then resumed -------------------------------------------------


def test_a_killed_batch_resumes_without_duplicates_or_partial_outputs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    for i in range(60):
        _write(folder / f"page-{i:02d}.txt", PAGE.replace("Thursday", f"day {i}"))
    _jsonl(folder / "records.jsonl",
           [{"id": f"r{i}", "text": OTHER_PAGE + f"Record {i}.\n"} for i in range(30)])
    _jsonl(folder / "all.jsonl",
           [{"id": f"a{i}", "text": OTHER_PAGE + f"Line {i}.\n"} for i in range(30)])
    command = [sys.executable, "-c", "from cleaner.cli import main; raise SystemExit(main())"]
    reference = tmp_path / "reference"
    subprocess.run([*command, str(folder), "-o", f"{reference}/", "-f", "json", "-q"],
                   check=True, timeout=300)
    out = tmp_path / "out"
    run = [*command, str(folder), "-o", f"{out}/", "-f", "json", "-q", "--jobs", "2"]
    killed = subprocess.Popen(run)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and killed.poll() is None:
        if out.is_dir() and sum(1 for _ in out.rglob("*.json")) >= 20:
            break
        time.sleep(0.02)
    was_running = killed.poll() is None
    killed.kill()
    killed.wait(30)
    written = sum(1 for _ in out.rglob("*.json")) if out.is_dir() else 0
    if was_running:  # killed midway: the rerun really has work left to do
        assert written < 120
    out.mkdir(exist_ok=True)
    (out / ".page-59.json.abcd1234.tmp").write_text('{"half": ')  # what a kill can leave
    resumed = subprocess.run([*run[:-3], "--resume"], capture_output=True, text=True,
                             timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    # Every output present after the kill was complete: exactly those are skipped.
    assert f"cleaned, 0 failed, {written} skipped (output exists)" in resumed.stderr

    def tree(root: Path) -> dict[str, str]:
        return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*")
                if p.is_file()}

    assert tree(out) == tree(reference)
    assert len(tree(out)) == 60 + 30 + 30
    assert [p for p in out.rglob(".*")] == []


def test_url_names_one_pages_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _write(tmp_path / "page.txt")
    url = "https://news.example.com/world/2024/05/floods"
    assert main([str(page), "--url", url, "-f", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["metadata"]["source_url"] == url
    expected = cleaner.clean(page.read_bytes(), url=url)
    assert document["metadata"]["page_type"] == expected.metadata["page_type"]
    records = _jsonl(tmp_path / "pages.jsonl", [{"text": PAGE}])
    for paths in ([str(page), str(page)], [str(tmp_path)], [str(records)]):
        with pytest.raises(SystemExit):
            main([*paths, "--url", url])
        assert "--url names the page of one file" in capsys.readouterr().err


def test_an_output_file_in_a_missing_directory_names_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (page := tmp_path / "a.txt").write_text("Some words of a page.\n")
    target = tmp_path / "missing" / "out.txt"
    assert main([str(page), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write {str(target)!r}: No such file or directory" in err
    assert ".tmp" not in err  # not the temp file's name


def test_stdin_closed_is_a_read_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # how Python starts with file descriptor 0 closed
    assert main(["-"]) == 1
    assert "-: standard input is closed" in capsys.readouterr().err
