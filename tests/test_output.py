"""Output formats: text, JSON, Markdown, JSONL records and the explain view.

Documents are built by hand here, so these tests do not depend on the classifier.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.document import Block, Caption, Document, Kind, Label
from cleaner.output import (
    EXPLAIN_EXTENSION,
    EXTENSIONS,
    FORMATS,
    OutputOptions,
    display_width,
    explain_line,
    render,
    render_explain,
    render_json,
    render_jsonl,
    render_markdown,
    render_text,
)

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _document() -> Document:
    lines = [
        ("Pakistan suspends intelligence sharing", Label.TITLE, None, "title"),
        ("Home | News | Sport", Label.FURNITURE, Kind.NAVIGATION, "nav-words"),
        ("The minister made the announcement on Thursday.", Label.BODY, None, "model"),
        ("What happens next", Label.HEADING, None, "heading"),
        ("Officials said the suspension is temporary.", Label.BODY, None, "model"),
        ("Protesters in Lahore", Label.CAPTION, None, "caption-marker"),
        ("AFP", Label.CREDIT, None, "credit-marker"),
        ("Share this page", Label.FURNITURE, Kind.SHARE, "share-words"),
    ]
    source = "\n".join(text for text, *_ in lines)
    blocks, offset = [], 0
    for text, label, kind, reason in lines:
        blocks.append(Block(text, offset, offset + len(text), label, kind, reason, score=0.9))
        offset += len(text) + 1
    return Document(
        source=source,
        blocks=tuple(blocks),
        title="Pakistan suspends intelligence sharing",
        captions=(Caption("Protesters in Lahore", credit="AFP"),),
        metadata={"language": "en"},
    )


def _plain_document(*texts: str) -> Document:
    blocks, offset = [], 0
    for text in texts:
        blocks.append(Block(text, offset, offset + len(text), Label.BODY, reason="model"))
        offset += len(text) + 1
    return Document(source="\n".join(texts), blocks=tuple(blocks))


# --- text, JSON, JSONL -------------------------------------------------------------------


def test_text_is_title_blank_line_body() -> None:
    assert render_text(_document()) == (
        "Pakistan suspends intelligence sharing\n\n"
        "The minister made the announcement on Thursday.\n\n"
        "What happens next\n\n"
        "Officials said the suspension is temporary.\n"
    )


def test_text_without_title_is_the_body() -> None:
    assert render_text(_plain_document("One.", "Two.")) == "One.\n\nTwo.\n"


def test_text_of_an_empty_document_is_empty() -> None:
    assert render_text(Document(source="", blocks=())) == ""


def test_json_is_document_to_json_with_every_block() -> None:
    doc = _document()
    data = json.loads(render_json(doc))
    assert data == json.loads(doc.to_json())
    assert {"title", "body", "captions", "furniture", "blocks", "metadata"} <= set(data)
    assert len(data["blocks"]) == len(doc.blocks)
    assert [f["kind"] for f in data["furniture"]] == ["navigation", "share"]


def test_jsonl_is_one_line_with_the_id_first() -> None:
    line = render_jsonl(_document(), {"id": "page-7"})
    assert line.endswith("\n") and line.count("\n") == 1
    record = json.loads(line)
    assert next(iter(record)) == "id"
    assert record["id"] == "page-7"
    assert record["body"] == _document().body
    assert len(record["blocks"]) == len(_document().blocks)


def test_jsonl_without_ident_has_no_id() -> None:
    assert "id" not in json.loads(render_jsonl(_document()))


def test_jsonl_keeps_newlines_inside_strings() -> None:
    line = render_jsonl(_plain_document("a\u2028b", "c"), {"id": 1})
    assert line.count("\n") == 1
    assert json.loads(line)["id"] == 1


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_has_title_headings_body_and_captions_with_credits() -> None:
    assert render_markdown(_document()) == (
        "# Pakistan suspends intelligence sharing\n\n"
        "The minister made the announcement on Thursday.\n\n"
        "## What happens next\n\n"
        "Officials said the suspension is temporary.\n\n"
        "- Protesters in Lahore — AFP\n"
    )


def test_markdown_caption_without_credit_or_text() -> None:
    doc = Document(
        source="", blocks=(), captions=(Caption("A view of the river"), Caption("", "Reuters"))
    )
    assert render_markdown(doc) == "- A view of the river\n- Reuters\n"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Plain text.", "Plain text."),
        ("# not a heading", "\\# not a heading"),
        ("#hashtag stays", "#hashtag stays"),
        ("> not a quote", "\\> not a quote"),
        ("- not a list", "\\- not a list"),
        ("* not a list", "\\* not a list"),
        ("1. not a list", "1\\. not a list"),
        ("2018) was a year", "2018\\) was a year"),
        ("2018 was a year", "2018 was a year"),
        ("---", "\\---"),
        ("```", "\\```"),
        ("<div>", "\\<div>"),
        ("-5 degrees", "-5 degrees"),
        # raw HTML anywhere in a line stays text where the Markdown is shown
        ("A photo <img src=x onerror=alert(1)>", "A photo \\<img src=x onerror=alert(1)>"),
        ("Comments <!-- x --> and </b>", "Comments \\<!-- x --> and \\</b>"),
        ("if a < b and c<5", "if a < b and c<5"),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_markdown_escapes_paragraph_starts(paragraph: str, expected: str) -> None:
    assert render_markdown(_plain_document(paragraph)) == expected + "\n"


def test_markdown_writes_a_run_of_list_items_as_one_list() -> None:
    lines = [("What we liked:", False), ("Light", True), ("1. Roomy", True),
             ("It rained.", False), ("Cheap", True)]
    blocks, offset = [], 0
    for text, item in lines:
        blocks.append(Block(text, offset, offset + len(text), Label.BODY, list_item=item))
        offset += len(text) + 1
    doc = Document(source="\n".join(t for t, _ in lines), blocks=tuple(blocks))
    assert render_markdown(doc) == (
        "What we liked:\n\n- Light\n- 1\\. Roomy\n\nIt rained.\n\n- Cheap\n"
    )


def test_markdown_heading_with_trailing_hash() -> None:
    doc = Document(source="", blocks=(), title="Vote for C#")
    assert render_markdown(doc) == "# Vote for C\\#\n"


# --- the explain view --------------------------------------------------------------------


def test_explain_has_every_block_in_order_with_label_kind_reason() -> None:
    doc = _document()
    lines = render_explain(doc).splitlines()
    assert len(lines) == len(doc.blocks)
    for line, block in zip(lines, doc.blocks, strict=True):
        columns = [c.strip() for c in line.split(" | ", 1)[0].split(" · ")]
        assert columns == [block.label.value, block.kind.value if block.kind else "", block.reason]
        assert line.endswith(" | " + block.text)


def test_explain_line_layout() -> None:
    block = Block("Some text.", 0, 10, Label.BODY, reason="model")
    assert explain_line(block) == "body      ·                · model      | Some text."
    nav = Block("Home", 0, 4, Label.FURNITURE, Kind.NAVIGATION, "nav-words")
    assert explain_line(nav) == "furniture · navigation     · nav-words  | Home"


def test_explain_truncates_to_width_with_ellipsis() -> None:
    block = Block("word " * 50, 0, 250, Label.BODY, reason="model")
    line = explain_line(block, width=60)
    assert display_width(line) == 60
    assert line.endswith("…")
    assert explain_line(block, width=None).endswith("word ")


def test_explain_counts_wide_characters_twice() -> None:
    block = Block("巴基斯坦暂停与美国共享情报" * 5, 0, 65, Label.BODY, reason="model")
    line = explain_line(block, width=70)
    assert display_width(line) <= 70
    assert line.endswith("…")


def test_explain_has_no_colour_unless_asked() -> None:
    doc = _document()
    assert "\x1b" not in render_explain(doc, width=80)
    coloured = render_explain(doc, width=80, colour=True)
    assert "\x1b[" in coloured
    assert _ANSI.sub("", coloured) == render_explain(doc, width=80)


def test_explain_keeps_control_characters_off_the_terminal() -> None:
    block = Block("evil\x1b[2Jtext\rmore\ttab", 0, 20, Label.BODY, reason="model")
    line = explain_line(block)
    assert "\x1b" not in line and "\r" not in line and "\t" not in line
    assert line.endswith("evil\ufffd[2Jtext\ufffdmore tab")
    # a right-to-left override would show the rest of the line reversed ("Trojan source")
    block = Block("total: 100 \u202e 000,1 \u2066x\u2069", 0, 20, Label.BODY, reason="model")
    assert explain_line(block).endswith("total: 100 \ufffd 000,1 \ufffdx\ufffd")


@given(st.text(min_size=1, max_size=200), st.integers(min_value=45, max_value=200))
def test_explain_line_never_exceeds_width(text: str, width: int) -> None:
    block = Block(text, 0, len(text), Label.FURNITURE, Kind.NAVIGATION, "rule")
    line = explain_line(block, width=width)
    assert display_width(line) <= width
    assert "\n" not in line


# --- dispatch ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_render_dispatches_on_format(fmt: str) -> None:
    doc = _document()
    expected = {
        "text": render_text(doc),
        "json": render_json(doc),
        "markdown": render_markdown(doc),
        "jsonl": render_jsonl(doc, {"id": 1}),
    }[fmt]
    assert render(doc, OutputOptions(format=fmt), {"id": 1}) == expected  # type: ignore[arg-type]
    assert OutputOptions(format=fmt).extension == EXTENSIONS[fmt]  # type: ignore[arg-type]


def test_render_explain_wins_over_format() -> None:
    options = OutputOptions(format="json", explain=True)
    assert render(_document(), options) == render_explain(_document())
    assert options.extension == EXPLAIN_EXTENSION
    assert not options.line_per_document
