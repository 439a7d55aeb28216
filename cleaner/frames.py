"""Column batches: one function that cleans a ``text`` column into title, body, captions...

This module owns the tabular face of the cleaner for distributed engines: ``clean_frame``
takes a batch (a pandas DataFrame, a pyarrow Table or RecordBatch, a dict of columns such as
Ray Data's default NumPy batches, or an iterator of any of these) and returns the same kind
of batch with the input columns and the ``OUTPUT_COLUMNS`` added. That one function is what
Dask's ``map_partitions``, Ray Data's ``map_batches`` and Spark's ``mapInPandas`` /
``mapInArrow`` call. A page that cannot be cleaned gets its message in the ``error`` column
and nulls elsewhere; it never fails the batch. pandas and pyarrow are optional dependencies
(``pip install 'cleaner[frames]'``) imported only when such a batch comes in. It does not
clean pages itself (``pipeline``) nor run processes (the engine does).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from .config import Config
from .document import Document
from .errors import InputError
from .pipeline import clean

__all__ = ["OUTPUT_COLUMNS", "SPARK_DDL", "arrow_schema", "clean_frame", "clean_text"]

B = TypeVar("B")

#: The columns ``clean_frame`` adds, in order, with their type (Spark DDL names). Lists are
#: aligned: ``caption_credits[i]`` is the credit of ``captions[i]`` (null when it has none).
#: ``furniture`` is the JSON list of dropped blocks ``{"text", "kind", "reason"}``;
#: ``error`` is null for a cleaned page, else why it could not be cleaned.
OUTPUT_COLUMNS: Mapping[str, str] = {
    "title": "string",
    "body": "string",
    "headings": "array<string>",
    "captions": "array<string>",
    "caption_credits": "array<string>",
    "language": "string",
    "author": "string",
    "date": "string",
    "source_url": "string",
    "page_type": "string",
    "furniture": "string",
    "error": "string",
}
#: ``OUTPUT_COLUMNS`` as a Spark DDL fragment, to append to the input schema's DDL.
SPARK_DDL = ", ".join(f"{name} {kind}" for name, kind in OUTPUT_COLUMNS.items())


def clean_text(value: object, config: Config | None = None, url: object = None
               ) -> dict[str, Any]:
    """One row of ``OUTPUT_COLUMNS`` for one text value (``str`` or ``bytes``); ``url``:
    the page's URL (ignored unless a non-empty string)."""
    row: dict[str, Any] = dict.fromkeys(OUTPUT_COLUMNS)
    if isinstance(value, (bytearray, memoryview)):
        value = bytes(value)
    if not isinstance(value, (str, bytes)):
        row["error"] = "no text" if _is_missing(value) else (
            f"expected str or bytes, got {type(value).__name__}"
        )
        return row
    try:
        doc = clean(value, config, url if isinstance(url, str) and url else None)
    except InputError as exc:
        row["error"] = str(exc)
        return row
    except Exception as exc:  # noqa: BLE001 - one bad page must not fail the partition
        row["error"] = f"internal error ({type(exc).__name__}: {exc}); please report"
        return row
    return _row(doc)


def _row(doc: Document) -> dict[str, Any]:
    meta = doc.metadata
    return {
        "title": doc.title,
        "body": doc.body,
        "headings": doc.headings,
        "captions": [c.text for c in doc.captions],
        "caption_credits": [c.credit for c in doc.captions],
        "language": meta.get("language"),
        "author": meta.get("author"),
        "date": meta.get("date"),
        "source_url": meta.get("source_url"),
        "page_type": meta.get("page_type"),
        "furniture": json.dumps(doc.to_dict(blocks=False)["furniture"], ensure_ascii=False),
        "error": None,
    }


def _is_missing(value: object) -> bool:
    """None, NaN, or pandas' ``NA`` / ``NaT`` (checked by name: pandas is optional)."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def _columns(texts: list[Any], config: Config | None, urls: list[Any] | None = None
             ) -> dict[str, list[Any]]:
    rows = [clean_text(text, config, url)
            for text, url in zip(texts, urls or [None] * len(texts), strict=True)]
    return {name: [row[name] for row in rows] for name in OUTPUT_COLUMNS}


def arrow_schema() -> Any:
    """``OUTPUT_COLUMNS`` as a ``pyarrow.Schema``."""
    import pyarrow as pa

    types = {"string": pa.string(), "array<string>": pa.list_(pa.string())}
    return pa.schema([(name, types[kind]) for name, kind in OUTPUT_COLUMNS.items()])


def clean_frame(batch: B, config: Config | None = None, *, text_column: str = "text",
                url_column: str = "url") -> B:
    """Clean the ``text_column`` of a batch; return the same kind of batch with the input
    columns and ``OUTPUT_COLUMNS`` (an input column of the same name is replaced). Where
    the batch has a ``url_column``, each page's URL there goes to ``clean`` (``url``).

    ``batch`` is a pandas DataFrame, a pyarrow Table or RecordBatch, a mapping of column
    name to values (Ray Data's NumPy batches; returned as a dict of NumPy arrays), or an
    iterator of these (Spark's ``mapInPandas`` / ``mapInArrow``; returned as an iterator).
    An empty DataFrame gives the empty output frame, so ``clean_frame(ddf._meta)`` is the
    ``meta`` Dask asks for. In pandas, every output column has ``object`` dtype.
    """
    kind = type(batch).__module__.split(".")[0]
    columns = (text_column, url_column)
    if kind == "pandas":
        return _clean_pandas(batch, config, *columns)  # type: ignore[no-any-return]
    if kind == "pyarrow":
        return _clean_arrow(batch, config, *columns)  # type: ignore[no-any-return]
    if isinstance(batch, Mapping):
        return _clean_mapping(batch, config, *columns)  # type: ignore[return-value]
    if isinstance(batch, Iterator):
        return _clean_iterator(batch, config, *columns)  # type: ignore[return-value]
    raise TypeError(
        "clean_frame takes a pandas DataFrame, a pyarrow Table or RecordBatch, a mapping of "
        f"columns or an iterator of these, not {type(batch).__name__}"
    )


def _check_column(names: Any, text_column: str, url_column: str | None = None) -> None:
    names = list(names)
    if text_column not in names:
        raise KeyError(f"no {text_column!r} column (columns: {', '.join(map(str, names))})")
    for name in (text_column, url_column):
        if name is not None and names.count(name) > 1:
            raise ValueError(f"the {name!r} column appears {names.count(name)} times: which "
                             "one to read is not clear")


def _clean_pandas(frame: Any, config: Config | None, text_column: str, url_column: str
                  ) -> Any:
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"clean_frame takes a DataFrame, not a {type(frame).__name__}")
    _check_column(frame.columns, text_column, url_column)
    urls = frame[url_column].tolist() if url_column in frame.columns else None
    columns = _columns(frame[text_column].tolist(), config, urls)
    added = {name: pd.Series(values, index=frame.index, dtype=object)
             for name, values in columns.items()}
    # by position: a label that names several columns (duplicate names) keeps them once
    kept = frame.iloc[:, [i for i, c in enumerate(frame.columns) if c not in added]]
    return pd.concat([kept, pd.DataFrame(added, index=frame.index)], axis=1)


def _clean_iterator(batches: Iterator[Any], config: Config | None, text_column: str,
                    url_column: str) -> Iterator[Any]:
    """``clean_frame`` of each batch in turn; an Arrow RecordBatch whose output does not fit
    one RecordBatch comes out as several (``_arrow_batches``)."""
    for batch in batches:
        if type(batch).__module__.split(".")[0] == "pyarrow" and _is_record_batch(batch):
            yield from _arrow_batches(batch, config, text_column, url_column)
        else:
            yield clean_frame(batch, config, text_column=text_column, url_column=url_column)


def _is_record_batch(batch: Any) -> bool:
    import pyarrow as pa

    return isinstance(batch, pa.RecordBatch)


def _clean_arrow(batch: Any, config: Config | None, text_column: str, url_column: str
                 ) -> Any:
    import pyarrow as pa

    if not isinstance(batch, (pa.Table, pa.RecordBatch)):
        raise TypeError(f"clean_frame takes a Table or RecordBatch, not {type(batch).__name__}")
    table = _arrow_table(batch, config, text_column, url_column)
    if isinstance(batch, pa.Table):
        return table
    batches = _record_batches(table)
    if len(batches) != 1:
        raise ValueError(
            f"the cleaned columns of this RecordBatch of {batch.num_rows} rows hold more than "
            "a RecordBatch can (2 GiB of text in one string column): pass it as a Table, in "
            "an iterator of batches (as Spark's mapInArrow does: it is then split), or in "
            "smaller batches")
    return batches[0]


def _arrow_batches(batch: Any, config: Config | None, text_column: str, url_column: str
                   ) -> list[Any]:
    """A RecordBatch cleaned: one RecordBatch, or several in order where a column of the
    output holds more than 2 GiB of text (an Arrow string column's offsets are 32-bit, so
    ``pa.array`` then makes a ChunkedArray, which one RecordBatch cannot hold)."""
    return _record_batches(_arrow_table(batch, config, text_column, url_column))


def _record_batches(table: Any) -> list[Any]:
    """A Table's RecordBatches, split where its columns' chunks end; one empty batch for an
    empty Table (``to_batches`` gives none)."""
    import pyarrow as pa

    return table.to_batches() or [pa.RecordBatch.from_pylist([], schema=table.schema)]


def _arrow_table(batch: Any, config: Config | None, text_column: str, url_column: str
                 ) -> Any:
    """The Table of a Table's or a RecordBatch's input columns and ``OUTPUT_COLUMNS``."""
    import pyarrow as pa

    _check_column(batch.schema.names, text_column, url_column)
    urls = (batch.column(url_column).to_pylist() if url_column in batch.schema.names
            else None)
    columns = _columns(batch.column(text_column).to_pylist(), config, urls)
    schema = arrow_schema()
    # by position: a name that several columns share (Arrow allows it) keeps them all
    kept = [i for i, name in enumerate(batch.schema.names) if name not in columns]
    arrays = [batch.column(i) for i in kept]
    arrays += [pa.array(columns[f.name], type=f.type) for f in schema]
    fields = [batch.schema.field(i) for i in kept] + list(schema)
    out_schema = pa.schema(fields, metadata=batch.schema.metadata)
    return pa.Table.from_arrays(arrays, schema=out_schema)


def _clean_mapping(
    batch: Mapping[str, Any], config: Config | None, text_column: str, url_column: str
) -> dict[str, Any]:
    import numpy as np

    _check_column(list(batch), text_column)
    if isinstance(batch[text_column], (str, bytes)):  # not a column: its characters were pages
        raise TypeError(f"the {text_column!r} column is one str or bytes, not a list of pages")
    urls = list(batch[url_column]) if url_column in batch else None
    columns = _columns(list(batch[text_column]), config, urls)
    out = {name: values for name, values in batch.items() if name not in columns}
    for name, values in columns.items():
        array = np.empty(len(values), dtype=object)
        for i, value in enumerate(values):  # one by one: lists must stay list objects
            array[i] = value
        out[name] = array
    return out
