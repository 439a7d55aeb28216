"""Golden pages: whole documents through ``cleaner.clean``, expectations kept as data files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import cleaner

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(GOLDEN.glob("*.json"))


def _load(path: Path) -> tuple[dict, str]:
    case = json.loads(path.read_text(encoding="utf-8"))
    if "input_text" in case:
        return case, case["input_text"]
    source = (path.parent / case["input_path"]).resolve()
    if not source.exists():
        pytest.skip(f"{source} is absent (the shared examples are not checked out here)")
    return case, source.read_text(encoding="utf-8")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(params=CASES, ids=[p.stem for p in CASES])
def golden(request: pytest.FixtureRequest) -> tuple[dict, cleaner.Document]:
    """A case and its Document; a case's ``known_failures`` run as strict xfails."""
    case, text = _load(request.param)
    reason = case.get("known_failures", {}).get(request.node.originalname)
    if reason:
        request.node.add_marker(pytest.mark.xfail(strict=True, reason=reason))
    return case, cleaner.clean(text)


def test_title(golden: tuple[dict, cleaner.Document]) -> None:
    case, doc = golden
    assert doc.title == case["title"]


def test_body_extent(golden: tuple[dict, cleaner.Document]) -> None:
    case, doc = golden
    assert doc.body.startswith(case["body_starts"])
    assert doc.body.endswith(case["body_ends"])


def test_headings(golden: tuple[dict, cleaner.Document]) -> None:
    case, doc = golden
    assert doc.headings == case["headings"]


def test_with_and_without(golden: tuple[dict, cleaner.Document]) -> None:
    case, doc = golden
    body = _norm(doc.body)
    missing = [s for s in case["with"] if _norm(s) not in body]
    leaked = [s for s in case["without"] if _norm(s) in body]
    assert not missing and not leaked, (missing, leaked)


def test_captions(golden: tuple[dict, cleaner.Document]) -> None:
    case, doc = golden
    got = [{"text": c.text, "credit": c.credit} for c in doc.captions]
    assert got == case["captions"]


def test_furniture_kinds(golden: tuple[dict, cleaner.Document]) -> None:
    case, doc = golden
    for prefix, kind in case["kinds"].items():
        blocks = [b for b in doc.blocks if b.text.startswith(prefix)]
        assert blocks, f"no block starts with {prefix!r}"
        assert all(b.kind is not None and b.kind.value == kind for b in blocks), [
            (b.text[:40], b.label.value, b.kind, b.reason) for b in blocks
        ]


def test_metadata(golden: tuple[dict, cleaner.Document]) -> None:
    case, doc = golden
    for key, value in case["metadata"].items():
        assert doc.metadata.get(key) == value, key
