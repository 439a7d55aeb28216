"""The batch runner: finding inputs, reading JSONL, naming and writing outputs safely.

These tests look at structure (which inputs, which names, which failures), never at how
well the classifier labelled anything.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import stat
import time
from collections import Counter
from pathlib import Path

import pytest

import cleaner
from cleaner.config import Config
from cleaner.output import OutputOptions
from cleaner.runner import (
    MAX_NAME_CHARS,
    BatchOptions,
    Failure,
    Item,
    Progress,
    RecordFields,
    RunStats,
    Source,
    SourceFormat,
    clean_item,
    item_url,
    iter_items,
    iter_sources,
    output_parts,
    plan_destination,
    progress_line,
    run,
    safe_name,
    summary_lines,
)

CONFIG = Config()


def _write(path: Path, text: str = "Some words of text.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _jsonl(path: Path, lines: list[object], gz: bool = False) -> Path:
    data = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    if gz:
        path.write_bytes(gzip.compress(data.encode("utf-8")))
    else:
        path.write_text(data, encoding="utf-8")
    return path


def _items(source: Source, config: Config = CONFIG) -> list[Item | Failure]:
    return list(iter_items(source, config))


# --- finding inputs ----------------------------------------------------------------------


def test_directory_walk_is_recursive_sorted_files_only_and_skips_hidden(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.txt", "a/b/c.txt", "c.html", ".hidden.txt", ".git/x.txt",
                "a/.cache/y.txt"]:
        _write(tmp_path / rel)
    (tmp_path / "empty").mkdir()
    sources = list(iter_sources([str(tmp_path)]))
    assert all(isinstance(s, Source) for s in sources)
    assert [s.parts for s in sources if isinstance(s, Source)] == [
        ("a", "b", "c.txt"), ("a", "z.txt"), ("b.txt",), ("c.html",)
    ]
    first = sources[0]
    assert isinstance(first, Source)
    assert first.name == os.path.join(str(tmp_path), "a", "b", "c.txt")


def test_file_argument_is_named_by_its_file_name(tmp_path: Path) -> None:
    path = _write(tmp_path / "deep" / "page.txt")
    (source,) = iter_sources([str(path)])
    assert source == Source(str(path), path, ("page.txt",), "page")


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.jsonl", "jsonl"), ("a.JSONL", "jsonl"), ("a.jsonl.gz", "jsonl"), ("a.json", "page"),
     ("a.txt", "page"), ("a.gz", "page"), ("CC-MAIN-1.warc.wet.gz", "warc"),
     ("a.warc.gz", "warc"), ("a.WARC", "warc"), ("a.wet", "warc"), ("a.wat", "page"),
     ("a.jsonl.zst", "jsonl")],
)
def test_record_files_are_recognised_by_suffix(tmp_path: Path, name: str, kind: str) -> None:
    (source,) = iter_sources([str(tmp_path / name)])
    assert isinstance(source, Source) and source.format == kind
    assert source.records is (kind != "page")


def test_stdin_is_one_source() -> None:
    assert list(iter_sources(["-"])) == [Source("-", None, ("stdin",))]


def test_missing_file_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    (source,) = iter_sources([str(tmp_path / "nope.txt")])
    assert isinstance(source, Source)
    (failure,) = _items(source)
    assert isinstance(failure, Failure)
    assert failure.input == str(tmp_path / "nope.txt")
    assert "No such file" in failure.message


def test_stdin_is_read_as_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"caf\xc3\xa9 au lait\n")))
    (item,) = _items(Source("-", None, ("stdin",)))
    assert isinstance(item, Item)
    assert item.data == b"caf\xc3\xa9 au lait\n"
    assert item.ident == {}


def test_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", "x" * 1000)
    (failure,) = _items(Source("big.txt", path, ("big.txt",)), Config(max_input_chars=100))
    assert isinstance(failure, Failure) and "size limit" in failure.message


# --- JSONL records -----------------------------------------------------------------------


@pytest.mark.parametrize("gz", [False, True], ids=["jsonl", "jsonl.gz"])
def test_jsonl_records_each_become_an_input_or_a_failure(tmp_path: Path, gz: bool) -> None:
    path = _jsonl(tmp_path / ("pages.jsonl.gz" if gz else "pages.jsonl"), [
        {"id": "a1", "text": "First page."},
        "this is not json",
        {"url": "https://example.com/x", "html": "<p>Second page.</p>"},
        "",
        {"id": 7, "title": "no text field"},
        ["not", "an", "object"],
        {"text": "Third page, no id."},
        {"id": "a4", "text": None, "html": 5},
    ], gz=gz)
    (source,) = iter_sources([str(path)])
    assert isinstance(source, Source)
    results = _items(source)
    summary = [(type(r).__name__, r.name if isinstance(r, Item) else r.input) for r in results]
    name = str(path)
    assert summary == [
        ("Item", f"{name}:1 (a1)"),
        ("Failure", f"{name}:2"),
        ("Item", f"{name}:3 (https://example.com/x)"),
        ("Failure", f"{name}:5 (7)"),
        ("Failure", f"{name}:6"),
        ("Item", f"{name}:7"),
        ("Failure", f"{name}:8 (a4)"),
    ]
    first, third, seventh = (r for r in results if isinstance(r, Item))
    assert (first.data, first.ident, first.key, first.html) == (
        "First page.", {"id": "a1"}, "a1", None
    )
    assert third.html and third.ident == {"url": "https://example.com/x"}
    assert seventh.ident == {"line": 7} and seventh.key == "line-7"


def test_record_fields_name_the_page_url_and_id_nested_or_not(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "cc.jsonl", [
        {"doc_id": "d1", "raw_content": "<p>A page.</p>", "text": "not this one",
         "metadata": {"url": "https://example.com/a", "lang": "en"}},
        {"doc_id": "d2", "metadata": {"url": 5}, "raw_content": "Second."},
        {"doc_id": "d3", "metadata": "not an object", "text": "no raw_content"},
        {"metadata.url": "https://example.com/dotted", "raw_content": "A literal dotted key."},
    ])
    (source,) = iter_sources([str(path)])
    assert isinstance(source, Source)
    fields = RecordFields(text="raw_content", url="metadata.url", id="doc_id")
    first, second, third, fourth = iter_items(source, CONFIG, fields)
    assert isinstance(first, Item) and isinstance(second, Item) and isinstance(fourth, Item)
    assert (first.data, first.ident, first.key, first.html) == (
        "<p>A page.</p>", {"id": "d1", "url": "https://example.com/a"}, "d1", None)
    assert item_url(first) == "https://example.com/a"
    assert second.ident == {"id": "d2", "url": 5} and item_url(second) is None  # not text
    assert isinstance(third, Failure) and 'no "raw_content" string field' in third.message
    assert item_url(fourth) == "https://example.com/dotted"


def _zst_records(n: int, frames: int = 1) -> bytes:
    """``n`` JSONL records compressed with zstd, cut into ``frames`` frames."""
    zstandard = pytest.importorskip("zstandard", reason="the zstd extra is not installed")
    lines = [json.dumps({"id": f"z{i}", "text": f"Page {i} " * 40}) + "\n" for i in range(n)]
    step = -(-n // frames)
    return b"".join(zstandard.ZstdCompressor().compress("".join(lines[i:i + step]).encode())
                    for i in range(0, n, step))


@pytest.mark.parametrize("frames", [1, 3])
def test_zstd_jsonl_is_read_frame_after_frame(tmp_path: Path, frames: int) -> None:
    (path := tmp_path / "p.jsonl.zst").write_bytes(_zst_records(300, frames))
    (source,) = iter_sources([str(path)])
    assert isinstance(source, Source) and source.format == "jsonl"
    items = _items(source)
    assert [i.key for i in items if isinstance(i, Item)] == [f"z{i}" for i in range(300)]


def test_a_zstd_file_that_breaks_off_or_is_not_zstd_is_a_failure(tmp_path: Path) -> None:
    data = _zst_records(300)
    (cut := tmp_path / "cut.jsonl.zst").write_bytes(data[:len(data) // 2])
    (*items, failure) = _items(Source(str(cut), cut, (cut.name,), "jsonl"))
    assert all(isinstance(i, Item) for i in items)  # the records before the break
    assert isinstance(failure, Failure) and failure.reason == "read"
    assert "the zstd stream breaks off" in failure.message
    (bad := tmp_path / "bad.jsonl.zst").write_text('{"id": 1, "text": "plain"}\n')
    (failure,) = _items(Source(str(bad), bad, (bad.name,), "jsonl"))
    assert isinstance(failure, Failure) and "not a zstd stream" in failure.message


def test_bytes_after_the_last_zstd_frame_keep_every_record_before_them(
        tmp_path: Path) -> None:
    """The decompressor's output for the chunk that held the bad bytes was thrown away
    with it: up to 64 kB of whole records before them were lost."""
    (path := tmp_path / "p.jsonl.zst").write_bytes(_zst_records(3000) + b"garbage")
    (*items, failure) = _items(Source(str(path), path, (path.name,), "jsonl"))
    assert [i.key for i in items if isinstance(i, Item)] == [f"z{i}" for i in range(3000)]
    assert isinstance(failure, Failure) and "not a zstd stream" in failure.message


def test_zstd_without_its_package_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "zstandard", None)  # import zstandard raises
    (path := tmp_path / "p.jsonl.zst").write_bytes(b"\x28\xb5\x2f\xfd")
    (failure,) = _items(Source(str(path), path, (path.name,), "jsonl"))
    assert isinstance(failure, Failure) and "pip install 'cleaner[zstd]'" in failure.message


def test_jsonl_is_read_lazily(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "p.jsonl", [{"id": i, "text": f"page {i}"} for i in range(1000)])
    (source,) = iter_sources([str(path)])
    assert isinstance(source, Source)
    items = iter_items(source, CONFIG)
    first = next(items)
    assert isinstance(first, Item) and first.ident == {"id": 0}


def test_truncated_gzip_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    records = [{"id": i, "text": f"page number {i} " * 20} for i in range(200)]
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    results = _items(Source(str(path), path, (path.name,), "jsonl"))
    *good, last = results
    assert good and all(isinstance(r, Item) for r in good)
    assert isinstance(last, Failure) and "cannot read after line" in last.message


def test_not_gzip_at_all_is_one_failure(tmp_path: Path) -> None:
    path = _write(tmp_path / "fake.jsonl.gz", '{"text": "plain"}\n')
    (failure,) = _items(Source(str(path), path, (path.name,), "jsonl"))
    assert isinstance(failure, Failure)


def test_a_reader_failing_unforeseen_ends_its_file_not_the_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A library's error on a malformed file, or a bug in a reader, is that file's read
    failure: what it yielded before stands, and the next file is cleaned."""
    import cleaner.runner as runner

    first = _jsonl(tmp_path / "in" / "a.jsonl", [{"text": "One page of text."}] * 3)
    _write(tmp_path / "in" / "b.txt")
    read_records = runner._iter_records

    def breaks_after_one(source: Source, config: Config, fields: RecordFields
                         ) -> object:
        records = read_records(source, config, fields)
        yield next(records)
        raise KeyError("a field no reader expected")

    monkeypatch.setattr(runner, "_iter_records", breaks_after_one)
    items = _items(Source(str(first), first, (first.name,), "jsonl"))
    assert [type(item).__name__ for item in items] == ["Item", "Failure"]
    assert isinstance(items[1], Failure) and items[1].reason == "read"
    assert "reading stopped unexpectedly (KeyError" in items[1].message
    cleaned, failures = _run([str(tmp_path / "in")], f"{tmp_path / 'out'}/",
                             OutputOptions(format="jsonl"))
    assert cleaned == 2  # a.jsonl's first record, and b.txt
    assert [(Path(f.input).name, f.reason) for f in failures] == [("a.jsonl", "read")]


def test_a_record_nested_too_deep_fails_alone(tmp_path: Path) -> None:
    deep = '{"text": "x", "m": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = _jsonl(tmp_path / "p.jsonl", [{"id": 1, "text": "one"}, deep, {"id": 2, "text": "two"}])
    first, failure, last = _items(Source(str(path), path, (path.name,), "jsonl"))
    assert isinstance(failure, Failure) and failure.reason == "input"
    assert "nested too deep" in failure.message
    assert isinstance(first, Item) and isinstance(last, Item) and last.ident == {"id": 2}


def test_overlong_record_is_skipped_and_the_next_one_read(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "p.jsonl", [{"id": 1, "text": "x" * 5000}, {"id": 2, "text": "ok"}])
    results = _items(Source(str(path), path, (path.name,), "jsonl"),
                     Config(max_input_chars=100))
    assert [type(r).__name__ for r in results] == ["Failure", "Item"]
    assert isinstance(results[1], Item) and results[1].ident == {"id": 2}


def test_input_error_from_clean_becomes_a_failure() -> None:
    source = Source("bin", None, ("bin",))
    result = clean_item(Item("bin", source, bytes(range(256)) * 10), CONFIG)
    assert isinstance(result, Failure) and result.input == "bin"


def test_html_records_are_read_as_html_unless_the_user_chose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[str] = []
    monkeypatch.setattr(
        "cleaner.runner.clean", lambda data, config, url=None: seen.append(config.input_format)
    )
    source = Source("p.jsonl", None, ("p.jsonl",), "jsonl")
    clean_item(Item("p", source, "<p>x</p>", html=True), CONFIG)
    clean_item(Item("p", source, "<p>x</p>", html=True), Config(input_format="text"))
    clean_item(Item("p", source, "x"), CONFIG)
    assert seen == ["html", "text", "auto"]


# --- naming outputs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["../../etc/x", "/etc/passwd", "..", ".", "", ".hidden", "a/../../b", "C:\\Windows\\x",
     "https://example.com/a?b=c", "x" * 500, "\x00nul", "名前/で"],
    ids=repr,
)
def test_safe_name_cannot_leave_the_directory(value: str) -> None:
    name = safe_name(value)
    assert name and "/" not in name and "\\" not in name and "\x00" not in name
    assert not name.startswith(".")
    assert name not in (".", "..")
    assert len(name) <= MAX_NAME_CHARS + 11


def test_safe_name_keeps_safe_ids_and_separates_unsafe_ones() -> None:
    assert safe_name("page-12_a.b") == "page-12_a.b"
    assert safe_name("a/b") != safe_name("a?b")
    assert safe_name("a/b") != safe_name("a_b")
    assert safe_name("x" * 500) != safe_name("x" * 501)


@pytest.mark.parametrize(
    ("parts", "kind", "key", "fmt", "expected"),
    [
        (("sub", "a.html"), "page", "", "text", ("sub", "a.txt")),
        (("a.txt",), "page", "", "json", ("a.json",)),
        (("README",), "page", "", "markdown", ("README.md",)),
        (("stdin",), "page", "", "jsonl", ("stdin.jsonl",)),
        (("d", "pages.jsonl"), "jsonl", "id-1", "text", ("d", "pages", "id-1.txt")),
        (("pages.jsonl.gz",), "jsonl", "id-1", "json", ("pages", "id-1.json")),
        (("pages.jsonl.gz",), "jsonl", "id-1", "jsonl", ("pages.jsonl",)),
        (("pages.jsonl",), "jsonl", "id-1", "jsonl", ("pages.jsonl",)),
        (("CC-1.warc.wet.gz",), "warc", "u-1", "jsonl", ("CC-1.jsonl",)),
        (("shard.jsonl.zst",), "jsonl", "id-1", "text", ("shard", "id-1.txt")),
        (("CC-1.warc.gz",), "warc", "u-1", "text", ("CC-1", "u-1.txt")),
        (("a.wet",), "warc", "u-1", "json", ("a", "u-1.json")),
    ],
)
def test_output_parts(
    parts: tuple[str, ...], kind: SourceFormat, key: str, fmt: str, expected: tuple[str, ...]
) -> None:
    item = Item("x", Source("x", None, parts, kind), "", key=key)
    assert output_parts(item, OutputOptions(format=fmt)) == expected  # type: ignore[arg-type]


def test_explain_outputs_have_their_own_extension() -> None:
    item = Item("x", Source("x", None, ("a.txt",)), "")
    assert output_parts(item, OutputOptions(explain=True)) == ("a.explain.txt",)


# --- destinations ------------------------------------------------------------------------


def test_destination_kinds(tmp_path: Path) -> None:
    page = _write(tmp_path / "in.txt")
    (tmp_path / "existing").mkdir()
    assert plan_destination([str(page)], None).kind == "stdout"
    assert plan_destination([str(page)], "-").kind == "stdout"
    assert plan_destination([str(page)], str(tmp_path / "existing")).kind == "dir"
    assert plan_destination([str(page)], str(tmp_path / "new") + "/").kind == "dir"
    assert plan_destination([str(page)], str(tmp_path / "out.txt")).kind == "file"


@pytest.mark.parametrize(
    "output", ["in.txt", "./in.txt", "pages", "pages/", "pages/sub", "pages/out.txt"]
)
def test_destination_on_or_inside_an_input_is_refused(tmp_path: Path, output: str) -> None:
    _write(tmp_path / "in.txt")
    _write(tmp_path / "pages" / "a.txt")
    (tmp_path / "pages" / "sub").mkdir()
    with pytest.raises(ValueError, match="input"):
        plan_destination(
            [str(tmp_path / "in.txt"), str(tmp_path / "pages")], str(tmp_path / output)
        )


def test_destination_that_is_a_file_but_named_as_a_directory(tmp_path: Path) -> None:
    _write(tmp_path / "taken")
    with pytest.raises(ValueError, match="not a directory"):
        plan_destination(["-"], str(tmp_path / "taken") + "/")


# --- runs --------------------------------------------------------------------------------


def _run(paths: list[str], output: str | None, options: OutputOptions) -> tuple[int, list[Failure]]:
    failures: list[Failure] = []
    stats = run(paths, CONFIG, options, plan_destination(paths, output),
                stdout=io.StringIO(), on_failure=failures.append)
    return stats.cleaned, failures


def test_an_input_with_a_name_near_the_length_limit_is_written(tmp_path: Path) -> None:
    """The temp file's name adds 14 characters to the output's: for a 248-character name
    it went over the 255-byte limit of a file name, and the write failed."""
    name = "a" * 248 + ".txt"
    _write(tmp_path / "in" / name)
    out = tmp_path / "out"
    cleaned, failures = _run([str(tmp_path / "in")], str(out) + "/", OutputOptions())
    assert (cleaned, failures) == (1, [])
    assert [p.name for p in out.iterdir()] == [name]


def test_run_into_a_directory_writes_atomically_with_normal_permissions(tmp_path: Path) -> None:
    _write(tmp_path / "in" / "a.txt")
    _write(tmp_path / "in" / "sub" / "b.txt")
    out = tmp_path / "out"
    cleaned, failures = _run([str(tmp_path / "in")], str(out) + "/", OutputOptions())
    assert (cleaned, failures) == (2, [])
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        "a.txt", "sub", "sub/b.txt"
    ]
    mode = stat.S_IMODE((out / "a.txt").stat().st_mode)
    assert mode & 0o044, "outputs are readable like any file, not 0600 temp files"


def test_duplicate_output_names_fail_instead_of_overwriting(tmp_path: Path) -> None:
    _write(tmp_path / "x" / "page.txt", "first words")
    _write(tmp_path / "y" / "page.txt", "second words")
    _write(tmp_path / "y" / "page.html", "third words")
    out = tmp_path / "out"
    cleaned, failures = _run([str(tmp_path / "x"), str(tmp_path / "y")], f"{out}/",
                             OutputOptions(format="json"))
    assert cleaned == 1
    assert [f.input for f in failures] == [
        str(tmp_path / "y" / "page.html"), str(tmp_path / "y" / "page.txt")
    ]
    assert all("already written" in f.message for f in failures)
    blocks = json.loads((out / "page.json").read_text())["blocks"]
    assert [b["text"] for b in blocks] == ["first words"]


def test_an_input_directory_inside_the_output_is_never_written_into(tmp_path: Path) -> None:
    out = tmp_path / "out"
    original = "nested input words"
    _write(out / "p" / "p" / "x.txt", "inner words")
    _write(out / "p" / "x.txt", original)
    cleaned, failures = _run([str(out / "p")], str(out), OutputOptions())
    assert (out / "p" / "x.txt").read_text() == original
    assert any("among the inputs" in f.message for f in failures)


def test_aborted_run_leaves_no_temp_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _jsonl(tmp_path / "p.jsonl", [{"id": i, "text": f"page {i}"} for i in range(5)])
    out = tmp_path / "out"
    calls = 0

    def explode(data: object, config: Config, url: str | None = None) -> object:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        from cleaner.pipeline import clean

        return clean(data, config)  # type: ignore[arg-type]

    monkeypatch.setattr("cleaner.runner.clean", explode)
    with pytest.raises(KeyboardInterrupt):
        _run([str(path)], f"{out}/", OutputOptions(format="jsonl"))
    assert list(out.iterdir()) == []


def test_run_into_one_file_is_atomic(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "alpha words")
    _write(tmp_path / "b.txt", "beta words")
    target = tmp_path / "all.jsonl"
    target.write_text("old contents\n")
    cleaned, failures = _run([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
                             str(target), OutputOptions(format="jsonl"))
    assert (cleaned, failures) == (2, [])
    records = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r["path"] for r in records] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- batches: workers, timeouts, resume, stats -------------------------------------------


def _pages(folder: Path, n: int) -> list[Path]:
    return [
        _write(folder / f"page-{i:03d}.txt",
               f"Headline number {i}\nHome | News\nThe body of page {i} has a sentence or two "
               f"of ordinary prose in it.\n")
        for i in range(n)
    ]


def _run_batch(
    paths: list[str], output: str | None, options: OutputOptions, batch: BatchOptions,
    stdout: io.StringIO | None = None,
) -> tuple[RunStats, list[Failure]]:
    failures: list[Failure] = []
    stats = run(paths, CONFIG, options, plan_destination(paths, output),
                stdout=stdout or io.StringIO(), on_failure=failures.append, batch=batch)
    return stats, failures


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_two_workers_write_the_same_outputs_in_the_same_order(tmp_path: Path) -> None:
    _pages(tmp_path / "in", 8)
    records = _jsonl(tmp_path / "in" / "z.jsonl",
                     [{"id": f"r{i}", "text": f"Record {i} words of text."} for i in range(6)])
    one, two = io.StringIO(), io.StringIO()
    _run_batch([str(tmp_path / "in")], None, OutputOptions(format="jsonl"), BatchOptions(), one)
    stats, failures = _run_batch([str(tmp_path / "in")], None, OutputOptions(format="jsonl"),
                                 BatchOptions(jobs=2), two)
    assert (stats.cleaned, failures) == (14, [])
    assert two.getvalue() == one.getvalue()
    assert [json.loads(line).get("id") for line in two.getvalue().splitlines()][-6:] == [
        f"r{i}" for i in range(6)
    ]
    assert records.exists()


def test_a_page_over_the_time_limit_fails_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner.pipeline import clean

    def slow(data: str | bytes, config: Config, url: str | None = None) -> object:
        if b"pathological" in (data if isinstance(data, bytes) else data.encode()):
            time.sleep(30)
        return clean(data, config)

    monkeypatch.setattr("cleaner.runner.clean", slow)
    pages = _pages(tmp_path / "in", 3)
    _write(tmp_path / "in" / "page-001.txt", "A pathological page.\n")
    start = time.monotonic()
    stats, failures = _run_batch([str(tmp_path / "in")], str(tmp_path / "out") + "/",
                                 OutputOptions(), BatchOptions(timeout=0.5))
    assert time.monotonic() - start < 15
    assert stats.cleaned == 2
    assert failures == [Failure(str(pages[1]), "took longer than 0.5 s (timeout)", "timeout")]
    assert sorted(_tree(tmp_path / "out")) == ["page-000.txt", "page-002.txt"]


def test_an_unreadable_file_among_many_is_reported_by_path_and_the_rest_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = _pages(tmp_path / "in", 150)
    bad = pages[77]
    real_open = Path.open

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if self == bad:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", guarded)
    (tmp_path / "in" / "corrupt.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "in" / "dangling.txt")
    os.symlink(tmp_path / "in" / "loop-b", tmp_path / "in" / "loop-a")  # a loop: ELOOP
    os.symlink(tmp_path / "in" / "loop-a", tmp_path / "in" / "loop-b")
    stats, failures = _run_batch([str(tmp_path / "in")], str(tmp_path / "out") + "/",
                                 OutputOptions(), BatchOptions(jobs=2))
    assert stats.cleaned == 149
    assert {(f.input, f.reason) for f in failures} == {
        (str(tmp_path / "in" / "corrupt.jsonl.gz"), "read"),
        (str(tmp_path / "in" / "dangling.txt"), "read"),
        (str(tmp_path / "in" / "loop-a"), "read"),
        (str(tmp_path / "in" / "loop-b"), "read"),
        (str(bad), "read"),
    }
    assert "Permission denied" in next(f.message for f in failures if f.input == str(bad))
    assert len(_tree(tmp_path / "out")) == 149
    assert stats.failure_reasons == {"read": 5}


def test_resume_skips_finished_outputs_and_redoes_the_rest(tmp_path: Path) -> None:
    _pages(tmp_path / "in", 6)
    _jsonl(tmp_path / "in" / "records.jsonl",
           [{"id": f"r{i}", "text": f"Record {i} words of text."} for i in range(4)])
    out = tmp_path / "out"
    full, _ = _run_batch([str(tmp_path / "in")], f"{out}/", OutputOptions(), BatchOptions())
    assert full.cleaned == 10
    expected = _tree(out)
    # An interrupted run: two outputs missing, one record missing, temp files left behind.
    (out / "page-002.txt").unlink()
    (out / "page-005.txt").unlink()
    (out / "records" / "r3.txt").unlink()
    (out / ".page-002.txt.abc12345.tmp").write_text("half a page")
    (out / "records" / ".r3.txt.zz_99xyz.tmp").write_text("half")
    (out / "keep.tmp").write_text("not one of ours")
    again, failures = _run_batch([str(tmp_path / "in")], f"{out}/", OutputOptions(),
                                 BatchOptions(resume=True, jobs=2))
    assert failures == []
    assert (again.cleaned, again.skipped) == (3, 7)
    assert _tree(out) == {**expected, "keep.tmp": "not one of ours"}


def test_resume_treats_a_jsonl_output_file_as_one_unit(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "in" / "p.jsonl",
                  [{"id": i, "text": f"Record {i} words."} for i in range(5)])
    out = tmp_path / "out"
    _run_batch([str(path)], f"{out}/", OutputOptions(format="jsonl"), BatchOptions())
    lines = (out / "p.jsonl").read_text().splitlines()
    again, _ = _run_batch([str(path)], f"{out}/", OutputOptions(format="jsonl"),
                          BatchOptions(resume=True))
    assert (again.cleaned, again.skipped) == (0, 1)
    assert (out / "p.jsonl").read_text().splitlines() == lines
    assert len({json.loads(line)["id"] for line in lines}) == 5


def test_resume_needs_an_output_directory(tmp_path: Path) -> None:
    page = _write(tmp_path / "a.txt")
    with pytest.raises(ValueError, match="output directory"):
        _run_batch([str(page)], None, OutputOptions(), BatchOptions(resume=True))


def test_stats_count_blocks_by_label_kind_and_reason(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "in", 3)
    stats, _ = _run_batch([str(tmp_path / "in")], None, OutputOptions(), BatchOptions())
    docs = [cleaner.clean(p.read_bytes()) for p in pages]
    blocks = [b for d in docs for b in d.blocks]
    assert stats.labels == Counter(b.label.value for b in blocks)
    assert stats.reasons == Counter(b.reason for b in blocks)
    assert stats.kinds == Counter(b.kind.value for b in blocks if b.kind)
    assert sum(stats.labels.values()) == len(blocks)


def test_summary_and_progress_lines() -> None:
    stats = RunStats(started=time.monotonic() - 65)
    stats.count_document(cleaner.clean("Title line here\nShare on Facebook\n"))
    stats.count_failure(Failure("a.txt", "broken", "read"))
    stats.skipped = 2
    line = progress_line(stats)
    assert line.startswith("cleaner: 4 done (1 cleaned, 1 failed, 2 skipped) · ")
    assert line.endswith(" · 1:05")
    summary = summary_lines(stats)
    assert summary[0].startswith("cleaner: summary: 4 inputs in 6")
    assert summary[0].endswith("1 cleaned, 1 failed, 2 skipped (output exists)")
    assert any(s.startswith("  blocks by label: ") for s in summary)
    assert "  failures by reason: read 1" in summary
    assert summary[-2:] == ["  failed inputs:", "    a.txt: broken"]
    stats.held = 10  # the sitewide pass holds results back until it has counted them all
    assert progress_line(stats).startswith("cleaner: 10 done, counting repeats for --sitewide")


def test_progress_rewrites_one_line_and_clears_it() -> None:
    stream = io.StringIO()
    progress = Progress(stream, interval=0, width=40)
    stats = RunStats()
    progress.update(stats)
    stats.cleaned = 1
    progress.update(stats)
    progress.close()
    text = stream.getvalue()
    assert text.count("\r") == 3 and "\n" not in text
    assert text.endswith("\r\x1b[K")
    assert all(len(part.removesuffix("\x1b[K")) <= 39 for part in text.split("\r"))


# --- the sitewide pass in a run ----------------------------------------------------------

TEMPLATE_TOP = ["Courier Weekly", "Everything about the valley, every single week of the year."]
TEMPLATE_END = ["Sign up for our newsletter and get the week's stories every Friday morning.",
                "Copyright notices and the small print of the Courier Weekly apply here."]


_TOPICS = ["river", "bridge", "market", "school", "harbour", "library", "station", "orchard",
           "museum", "ferry", "mill", "chapel", "quarry", "meadow", "canal", "tower"]


def _site_page(i: int) -> str:
    """A page of the template around a headline and paragraphs of its own (numbers would
    not do: block hashes read every digit as 0)."""
    topic = _TOPICS[i % len(_TOPICS)]
    body = [f"The {topic} and the {other} were what the people of the valley talked about."
            for other in _TOPICS[(i + 3) % len(_TOPICS):][:2 + i % 2]]
    return "\n".join([*TEMPLATE_TOP, f"Everything we know about the {topic}", *body,
                      *TEMPLATE_END])


@pytest.mark.parametrize("site_by", ["host", "all"])
def test_sitewide_pass_relabels_what_repeats_across_a_site(tmp_path: Path, site_by: str) -> None:
    records = [{"url": f"https://www.courier.example/story/{i}", "text": _site_page(i)}
               for i in range(6)]
    records.append({"url": "https://other.example/x", "text": _site_page(99)})
    path = _jsonl(tmp_path / "site.jsonl", records)
    out = io.StringIO()
    stats, failures = _run_batch([str(path)], None, OutputOptions(format="jsonl"),
                                 BatchOptions(sitewide=site_by), out)  # type: ignore[arg-type]
    assert failures == [] and stats.cleaned == 7
    docs = [json.loads(line) for line in out.getvalue().splitlines()]
    plain = [cleaner.clean(r["text"]) for r in records]
    for doc, alone in zip(docs, plain, strict=True):
        assert [b["text"] for b in doc["blocks"]] == [b.text for b in alone.blocks]
        for block, before in zip(doc["blocks"], alone.blocks, strict=True):
            if block["reason"] == "site:repeated":
                assert before.label.value in ("body", "heading")
                assert block["label"] == "furniture" and block["kind"]
                assert block["text"] in TEMPLATE_TOP + TEMPLATE_END
    relabelled = [sum(b["reason"] == "site:repeated" for b in d["blocks"]) for d in docs]
    kept_template = [sum(b.text in TEMPLATE_TOP + TEMPLATE_END for b in d.blocks
                         if b.label.value in ("body", "heading")) for d in plain]
    assert relabelled[:6] == kept_template[:6]
    assert relabelled[6] == (kept_template[6] if site_by == "all" else 0)
    assert stats.reasons["site:repeated"] == sum(relabelled)
    for doc in docs:
        assert "talked about" in doc["body"]


# --- outputs stay inside -o DIR and off the inputs ---------------------------------------


def test_a_symlink_in_the_output_directory_cannot_lead_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(outside, out / "sub")
    _write(tmp_path / "in" / "sub" / "page.txt")
    _write(tmp_path / "in" / "other.txt")
    stats, failures = _run_batch([str(tmp_path / "in")], str(out), OutputOptions(),
                                 BatchOptions())
    assert list(outside.iterdir()) == []
    assert [(f.input, f.reason) for f in failures] == [
        (str(tmp_path / "in" / "sub" / "page.txt"), "output")
    ]
    assert "outside" in failures[0].message
    assert stats.cleaned == 1 and (out / "other.txt").is_file()


def test_an_input_inside_the_output_directory_is_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "out"
    page = _write(out / "page.txt", "original words of the input")
    stats, failures = _run_batch([str(page)], str(out), OutputOptions(), BatchOptions())
    assert page.read_text() == "original words of the input"
    assert stats.cleaned == 0 and failures[0].reason == "output"
    assert "overwrite" in failures[0].message


@pytest.mark.parametrize("ident", ["../../x", "/etc/passwd", "..", "a/../../b", "\x00", "."])
def test_record_ids_stay_inside_the_output_directory(
    tmp_path: Path, ident: str
) -> None:
    path = _jsonl(tmp_path / "in" / "p.jsonl", [{"id": ident, "text": "Some words."}])
    out = tmp_path / "a" / "b" / "out"
    stats, failures = _run_batch([str(path)], f"{out}/", OutputOptions(), BatchOptions())
    assert (stats.cleaned, failures) == (1, [])
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != path]
    assert len(written) == 1 and written[0].parent == out / "p"
