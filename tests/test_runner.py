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
from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.output import OutputOptions
from cleaner.runner import (
    MAX_NAME_CHARS,
    Failure,
    Item,
    Source,
    clean_item,
    iter_items,
    iter_sources,
    output_parts,
    plan_destination,
    run,
    safe_name,
)

CONFIG = Config()


def _write(path: Path, text: str = "Some words of text.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _jsonl(path: Path, lines: list[object], gz: bool = False) -> Path:
    data = "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines)
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
    assert source == Source(str(path), path, ("page.txt",), records=False)


@pytest.mark.parametrize(
    ("name", "records"),
    [("a.jsonl", True), ("a.JSONL", True), ("a.jsonl.gz", True), ("a.json", False),
     ("a.txt", False), ("a.gz", False)],
)
def test_jsonl_inputs_are_recognised_by_suffix(tmp_path: Path, name: str, records: bool) -> None:
    (source,) = iter_sources([str(tmp_path / name)])
    assert isinstance(source, Source) and source.records is records


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
        "First page.", {"id": "a1"}, "a1", False
    )
    assert third.html and third.ident == {"url": "https://example.com/x"}
    assert seventh.ident == {"line": 7} and seventh.key == "line-7"


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
    results = _items(Source(str(path), path, (path.name,), records=True))
    *good, last = results
    assert good and all(isinstance(r, Item) for r in good)
    assert isinstance(last, Failure) and "cannot read after line" in last.message


def test_not_gzip_at_all_is_one_failure(tmp_path: Path) -> None:
    path = _write(tmp_path / "fake.jsonl.gz", '{"text": "plain"}\n')
    (failure,) = _items(Source(str(path), path, (path.name,), records=True))
    assert isinstance(failure, Failure)


def test_overlong_record_is_skipped_and_the_next_one_read(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "p.jsonl", [{"id": 1, "text": "x" * 5000}, {"id": 2, "text": "ok"}])
    results = _items(Source(str(path), path, (path.name,), records=True),
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
        "cleaner.runner.clean", lambda data, config: seen.append(config.input_format)
    )
    source = Source("p.jsonl", None, ("p.jsonl",), records=True)
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
    ("parts", "records", "key", "fmt", "expected"),
    [
        (("sub", "a.html"), False, "", "text", ("sub", "a.txt")),
        (("a.txt",), False, "", "json", ("a.json",)),
        (("README",), False, "", "markdown", ("README.md",)),
        (("stdin",), False, "", "jsonl", ("stdin.jsonl",)),
        (("d", "pages.jsonl"), True, "id-1", "text", ("d", "pages", "id-1.txt")),
        (("pages.jsonl.gz",), True, "id-1", "json", ("pages", "id-1.json")),
        (("pages.jsonl.gz",), True, "id-1", "jsonl", ("pages.jsonl",)),
        (("pages.jsonl",), True, "id-1", "jsonl", ("pages.jsonl",)),
    ],
)
def test_output_parts(
    parts: tuple[str, ...], records: bool, key: str, fmt: str, expected: tuple[str, ...]
) -> None:
    item = Item("x", Source("x", None, parts, records), "", key=key)
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

    def explode(data: object, config: Config) -> object:
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
