"""``clean_frame`` over pandas, Arrow, dicts of columns and iterators, and under Dask.

Skipped when the optional dependencies are missing: ``pip install '.[frames]'`` for pandas
and pyarrow, ``pip install '.[dask]'`` for the Dask test (CI installs both).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner
from cleaner.frames import OUTPUT_COLUMNS, SPARK_DDL, arrow_schema, clean_frame, clean_text

pd = pytest.importorskip("pandas", reason="needs pandas: pip install 'cleaner[frames]'")
pa = pytest.importorskip("pyarrow", reason="needs pyarrow: pip install 'cleaner[frames]'")

PAGE = """\
Pakistan suspends intelligence sharing with the US
Home News Sport Weather
The defence minister announced on Thursday that intelligence sharing was suspended.
Image caption Protesters in Karachi on Friday
Relations between the two countries have been strained since the New Year.
Share this page
"""
TEXTS = [PAGE, PAGE.replace("Thursday", "Monday"), None, "A short page of plain words.\n",
         b"\x00\x01\x02" * 200]


def _expected(text: object) -> dict[str, object]:
    return clean_text(text)


def _check_rows(rows: list[dict[str, object]], texts: list[object]) -> None:
    assert len(rows) == len(texts)
    for row, text in zip(rows, texts, strict=True):
        expected = _expected(text)
        for name in OUTPUT_COLUMNS:
            got = row[name]
            if hasattr(got, "tolist"):
                got = got.tolist()
            assert got == expected[name], (name, text)


def test_clean_text_row() -> None:
    row = clean_text(PAGE)
    doc = cleaner.clean(PAGE)
    assert list(row) == list(OUTPUT_COLUMNS)
    assert (row["title"], row["body"], row["headings"]) == (doc.title, doc.body, doc.headings)
    assert row["captions"] == [c.text for c in doc.captions]
    assert row["caption_credits"] == [c.credit for c in doc.captions]
    assert json.loads(row["furniture"]) == doc.to_dict()["furniture"]
    assert row["language"] == doc.metadata["language"] and row["error"] is None
    assert clean_text(None)["error"] == "no text"
    assert clean_text(float("nan"))["error"] == "no text"
    assert clean_text(3)["error"] == "expected str or bytes, got int"
    binary = clean_text(b"\x00\x01" * 300)
    assert "binary" in binary["error"] and binary["body"] is None


def test_pandas_in_pandas_out() -> None:
    frame = pd.DataFrame({"id": [f"p{i}" for i in range(len(TEXTS))], "text": TEXTS,
                          "title": ["old"] * len(TEXTS)}, index=range(10, 10 + len(TEXTS)))
    out = clean_frame(frame)
    assert isinstance(out, pd.DataFrame)
    assert list(out.columns) == ["id", "text", *OUTPUT_COLUMNS]
    assert list(out.index) == list(frame.index)
    assert out["id"].tolist() == frame["id"].tolist()
    assert all(out[name].dtype == object for name in OUTPUT_COLUMNS)
    _check_rows(out.to_dict("records"), TEXTS)
    assert out["error"].isna().tolist() == [True, True, False, True, False]


def test_empty_frame_gives_the_typed_empty_output() -> None:
    out = clean_frame(pd.DataFrame({"text": pd.Series([], dtype=object), "n": []}))
    assert list(out.columns) == ["text", "n", *OUTPUT_COLUMNS] and len(out) == 0


def test_another_text_column_and_a_missing_one() -> None:
    frame = pd.DataFrame({"html": ["<html><body><p>Hello there, reader.</p></body></html>"]})
    assert clean_frame(frame, text_column="html")["error"].tolist() == [None]
    with pytest.raises(KeyError, match="no 'text' column"):
        clean_frame(frame)


@pytest.mark.parametrize("kind", ["table", "batch"])
def test_arrow_in_arrow_out(kind: str) -> None:
    texts = [t if not isinstance(t, bytes) else None for t in TEXTS]
    table = pa.table({"id": list(range(len(texts))), "text": pa.array(texts, type=pa.string())})
    batch = table if kind == "table" else table.to_batches()[0]
    out = clean_frame(batch)
    assert type(out) is type(batch)
    assert out.schema.names == ["id", "text", *OUTPUT_COLUMNS]
    assert out.schema.field("headings").type == pa.list_(pa.string())
    assert out.column("id").to_pylist() == list(range(len(texts)))
    rows = out.to_pylist() if kind == "table" else pa.Table.from_batches([out]).to_pylist()
    _check_rows(rows, texts)


def _chunked_strings(monkeypatch: pytest.MonkeyPatch) -> None:
    """``pa.array`` makes string columns as it does for more than 2 GiB of text: a
    ChunkedArray, here of one row per chunk (the real size takes gigabytes of memory)."""
    real = pa.array

    def array(values: object, *args: object, **kwargs: object) -> object:
        made = real(values, *args, **kwargs)
        if kwargs.get("type") == pa.string() and len(made) > 1:
            return pa.chunked_array([made.slice(i, 1) for i in range(len(made))])
        return made

    monkeypatch.setattr(pa, "array", array)


def test_a_record_batch_whose_output_outgrows_one_is_split_in_an_iterator(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    texts = [PAGE, "A short page of plain words.\n", PAGE.replace("Thursday", "Monday")]
    batch = pa.record_batch({"id": [1, 2, 3], "text": pa.array(texts, type=pa.string())})
    whole = clean_frame(batch)
    _chunked_strings(monkeypatch)
    # Spark's mapInArrow: an iterator in, any number of batches out, the rows in order
    out = list(clean_frame(iter([batch])))
    assert [b.num_rows for b in out] == [1, 1, 1]
    assert all(b.schema == whole.schema for b in out)
    assert pa.Table.from_batches(out).to_pylist() == pa.Table.from_batches([whole]).to_pylist()
    # one RecordBatch in, one out: it cannot hold that much, which the error says
    with pytest.raises(ValueError, match="more than a RecordBatch can"):
        clean_frame(batch)
    # a Table holds chunked columns
    table = clean_frame(pa.Table.from_batches([batch]))
    assert table.to_pylist() == pa.Table.from_batches([whole]).to_pylist()


def test_an_empty_record_batch_gives_an_empty_one() -> None:
    batch = pa.record_batch({"text": pa.array([], type=pa.string())})
    out = clean_frame(batch)
    assert isinstance(out, pa.RecordBatch) and out.num_rows == 0
    assert out.schema.names == ["text", *OUTPUT_COLUMNS]
    assert [b.num_rows for b in clean_frame(iter([batch]))] == [0]


def test_dict_of_columns_like_ray_numpy_batches() -> None:
    import numpy as np

    batch = {"text": np.array([PAGE, "Another page of words.\n"], dtype=object),
             "n": np.array([1, 2])}
    out = clean_frame(batch)
    assert list(out) == ["text", "n", *OUTPUT_COLUMNS]
    assert out["n"].tolist() == [1, 2]
    assert out["headings"].dtype == object and isinstance(out["headings"][0], list)
    _check_rows([{k: out[k][i] for k in OUTPUT_COLUMNS} for i in range(2)], list(batch["text"]))


def test_iterator_of_frames_like_spark_map_in_pandas() -> None:
    frames = [pd.DataFrame({"text": [PAGE]}), pd.DataFrame({"text": ["More words here.\n"]})]
    out = list(clean_frame(iter(frames)))
    assert [len(f) for f in out] == [1, 1]
    assert out[0]["body"].tolist() == [cleaner.clean(PAGE).body]
    assert SPARK_DDL.startswith("title string, body string, headings array<string>")


def test_a_crashing_page_fills_error_and_the_rest_of_the_partition_is_cleaned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cleaner import frames

    real = frames.clean

    def flaky(text: str | bytes, config: cleaner.Config | None = None,
              url: str | None = None) -> cleaner.Document:
        if text == "boom":
            raise RuntimeError("bad page")
        return real(text, config)

    monkeypatch.setattr(frames, "clean", flaky)
    out = clean_frame(pd.DataFrame({"text": [PAGE, "boom", PAGE]}))
    assert out["error"].tolist() == [None, "internal error (RuntimeError: bad page); "
                                     "please report", None]
    assert out["body"].tolist()[0] == out["body"].tolist()[2] != ""


def test_unsupported_batch_type() -> None:
    with pytest.raises(TypeError, match="pandas DataFrame"):
        clean_frame(["a list"])  # type: ignore[type-var]


def test_dask_map_partitions_on_a_local_cluster(tmp_path: Path) -> None:
    dd = pytest.importorskip("dask.dataframe", reason="needs dask: pip install 'cleaner[dask]'")
    distributed = pytest.importorskip("dask.distributed",
                                      reason="needs distributed: pip install 'cleaner[dask]'")
    texts = [PAGE.replace("Thursday", day) for day in ("Monday", "Tuesday", "Friday")] * 3
    frame = pd.DataFrame({"id": range(len(texts)), "text": texts})
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        ddf = dd.from_pandas(frame, npartitions=3)
        result = ddf.map_partitions(clean_frame, meta=clean_frame(ddf._meta))
        assert list(result.columns) == ["id", "text", *OUTPUT_COLUMNS]
        out = result.compute().sort_values("id")
        # the README's way to Parquet: the schema given (the meta's object columns hold
        # placeholders that pyarrow cannot convert)
        result.to_parquet(tmp_path / "clean", schema=pa.schema(
            [("id", pa.int64()), ("text", pa.string()), *arrow_schema()]))
        written = dd.read_parquet(tmp_path / "clean").compute().sort_values("id")
    assert written["body"].tolist() == out["body"].tolist()
    assert out["id"].tolist() == list(range(len(texts)))
    assert out["body"].tolist() == [cleaner.clean(t).body for t in texts]
    assert out["title"].tolist() == [cleaner.clean(t).title for t in texts]
    assert out["error"].isna().all()


def test_a_url_column_reaches_clean() -> None:
    url = "https://news.example.com/world/2024/05/pakistan-suspends-sharing"
    frame = pd.DataFrame({"text": [PAGE, PAGE], "url": [url, None]})
    out = clean_frame(frame)
    with_url = cleaner.clean(PAGE, url=url)
    assert out["source_url"].tolist() == [url, None]
    assert out["page_type"].tolist() == [with_url.metadata["page_type"],
                                         cleaner.clean(PAGE).metadata["page_type"]]
    assert out["body"].tolist()[0] == with_url.body
    renamed = clean_frame(frame.rename(columns={"url": "link"}), url_column="link")
    assert renamed["source_url"].tolist() == [url, None]
    assert clean_frame({"text": [PAGE], "url": [url]})["source_url"].tolist() == [url]
    arrow = clean_frame(pa.Table.from_pandas(frame))
    assert arrow.column("source_url").to_pylist() == [url, None]


def test_duplicate_column_names_are_kept_once_or_refused_for_the_text() -> None:
    """pandas selected a duplicated name once per occurrence (x, x became x, x, x, x), and
    Arrow raised KeyError on any duplicated name; a duplicated text column raised an
    AttributeError."""
    frame = pd.DataFrame([[PAGE, 1, 2]], columns=["text", "x", "x"])
    out = clean_frame(frame)
    assert list(out.columns) == ["text", "x", "x", *OUTPUT_COLUMNS]
    assert out.iloc[0, 1:3].tolist() == [1, 2]
    table = pa.Table.from_arrays([pa.array([PAGE]), pa.array([1]), pa.array([2])],
                                 names=["text", "x", "x"])
    assert clean_frame(table).schema.names == ["text", "x", "x", *OUTPUT_COLUMNS]
    with pytest.raises(ValueError, match="'text' column appears 2 times"):
        clean_frame(pd.DataFrame([[PAGE, PAGE]], columns=["text", "text"]))


def test_one_page_in_place_of_a_column_is_refused() -> None:
    with pytest.raises(TypeError, match="not a list of pages"):
        clean_frame({"text": PAGE})
