"""The datatrove step, run by datatrove's own executor from JSONL to JSONL.

Skipped without datatrove (``pip install '.[datatrove]'``; CI installs it).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import cleaner

pytest.importorskip("datatrove", reason="needs datatrove: pip install 'cleaner[datatrove]'")

from datatrove.data import Document as DatatroveDocument  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner.contrib.datatrove import CleanerStep  # noqa: E402

PAGE = """\
Pakistan suspends intelligence sharing with the US
Home News Sport Weather
The defence minister announced on Thursday that intelligence sharing was suspended.
Image caption Protesters in Karachi on Friday
Relations between the two countries have been strained since the New Year.
Share this page
"""


def _records(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    records = [
        {"id": "good", "text": PAGE, "url": "https://example.com/a"},
        {"id": "other", "text": PAGE.replace("Thursday", "Monday"), "language": "xx"},
        {"id": "binary", "text": "\x00\x01\x02\x03" * 300},
        {"id": "nothing", "text": "Share this page\nHome\n"},
    ]
    with gzip.open(folder / "pages.jsonl.gz", "wt", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record) + "\n")
    return folder


def _total(stat: int | dict[str, float]) -> float:
    """A stat's total as datatrove's stats.json writes it (a bare count, or a summary)."""
    return stat if isinstance(stat, int) else stat["total"]


def test_local_executor_from_jsonl_to_jsonl(tmp_path: Path) -> None:
    folder = _records(tmp_path)
    out, logs = tmp_path / "out", tmp_path / "logs"
    executor = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(folder)), CleanerStep(), JsonlWriter(str(out))],
        tasks=1, workers=1, logging_dir=str(logs),
    )
    executor.run()
    (written,) = list(out.glob("*.jsonl.gz"))
    with gzip.open(written, "rt", encoding="utf-8") as fh:
        docs = {d["id"]: d for d in map(json.loads, fh)}
    expected = cleaner.clean(PAGE)
    assert expected.body
    assert sorted(docs) == ["good", "other"]
    good = docs["good"]
    assert good["text"] == expected.body
    meta = good["metadata"]
    assert meta["title"] == expected.title
    assert meta["captions"] == [c.to_dict() for c in expected.captions]
    assert meta["furniture"] == expected.to_dict()["furniture"]
    assert meta["labels"] == {
        label: sum(b.label.value == label for b in expected.blocks)
        for label in {b.label.value for b in expected.blocks}
    }
    assert meta["url"] == "https://example.com/a"  # the reader's metadata stays
    assert docs["other"]["metadata"]["language"] == "xx"  # an earlier step's value is kept

    stats = json.loads((logs / "stats.json").read_text())
    step = next(s for s in stats if s["name"].startswith("🛢 - EXTRAC: 🧹 cleaner"))["stats"]
    assert step["total"] == 4 and step["forwarded"] == 2 and step["dropped"] == 2
    assert step["failed_input"] == 1 and step["dropped_empty_body"] == 1
    assert _total(step["label_body"]) == sum(
        sum(b.label.value == "body" for b in cleaner.clean(t).blocks)
        for t in (PAGE, PAGE.replace("Thursday", "Monday"), "Share this page\nHome\n")
    )
    assert any(key.startswith("reason_model:") for key in step)


def test_step_on_its_own_with_blocks_and_empty_bodies_kept() -> None:
    step = CleanerStep(keep_empty=True, keep_blocks=True, timeout=None)
    docs = [DatatroveDocument(text=PAGE, id="a"), DatatroveDocument(text="Home\n", id="b")]
    out = list(step.run(iter(docs)))
    assert [d.id for d in out] == ["a", "b"]
    assert out[0].metadata["blocks"] == [b.to_dict() for b in cleaner.clean(PAGE).blocks]
    assert step.stats["forwarded"].total == 2


def test_a_slow_page_is_dropped_as_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from cleaner.contrib import datatrove as adapter

    real = adapter.clean

    def slow(text: str | bytes, config: cleaner.Config | None = None,
             url: str | None = None) -> cleaner.Document:
        if text == "slow":
            time.sleep(30)
        return real(text, config)

    monkeypatch.setattr(adapter, "clean", slow)
    step = CleanerStep(timeout=0.5)
    out = list(step.run(iter([DatatroveDocument(text="slow", id="s"),
                              DatatroveDocument(text=PAGE, id="p")])))
    assert [d.id for d in out] == ["p"]
    assert step.stats["failed_timeout"].total == 1


def test_a_documents_url_reaches_clean() -> None:
    url = "https://news.example.com/world/2024/05/pakistan-suspends-sharing"
    step = CleanerStep(timeout=None)
    (out,) = step.run(iter([DatatroveDocument(text=PAGE, id="a", metadata={"url": url})]))
    expected = cleaner.clean(PAGE, url=url)
    assert out.text == expected.body
    assert out.metadata["source_url"] == url
    assert out.metadata["page_type"] == expected.metadata["page_type"]
    assert out.metadata["url"] == url


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), -5.0])
def test_a_timeout_out_of_range_is_refused_when_the_step_is_made(timeout: float) -> None:
    with pytest.raises(ValueError, match="timeout must be"):
        CleanerStep(timeout=timeout)


def test_a_document_without_text_or_metadata_is_an_input_failure() -> None:
    """text None or a number was counted as a bug ("failed_error"), and metadata None
    raised inside the step."""
    step = CleanerStep(timeout=None)
    no_text = DatatroveDocument(text="", id="n")
    no_text.text = None  # as a reader that found no text field leaves it
    no_meta = DatatroveDocument(text=PAGE, id="m")
    no_meta.metadata = None  # type: ignore[assignment]
    out = list(step.run(iter([no_text, DatatroveDocument(text=5, id="five"), no_meta])))  # type: ignore[arg-type]
    assert [d.id for d in out] == ["m"]
    assert out[0].text == cleaner.clean(PAGE).body
    assert step.stats["failed_input"].total == 2
    assert "failed_error" not in step.stats.stats  # (Stats has no __contains__)
