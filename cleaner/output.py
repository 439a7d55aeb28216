"""Document -> str: the plain-text, JSON, Markdown and JSONL formats and the ``--explain`` view.

This module owns how a cleaned Document is shown: pure functions from a Document (plus the
identifying fields of its input, for JSONL) to a string. It does not read inputs, choose file
names or write anything; that is ``runner``'s job. Every rendered document ends with exactly
one newline, or is empty when there is nothing to show.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .document import BODY_LABELS, Block, Caption, Document, Label

OutputFormat = Literal["text", "json", "markdown", "jsonl"]

#: The formats ``render`` knows, in the order the CLI offers them.
FORMATS: tuple[OutputFormat, ...] = ("text", "json", "markdown", "jsonl")

#: File extension per format, for outputs written into a directory.
EXTENSIONS: Mapping[str, str] = {
    "text": ".txt",
    "json": ".json",
    "markdown": ".md",
    "jsonl": ".jsonl",
}
#: File extension of the ``--explain`` view.
EXPLAIN_EXTENSION = ".explain.txt"


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """How documents are rendered: one format, or the explain view."""

    #: One of ``FORMATS``; ignored when ``explain`` is set.
    format: OutputFormat = "text"
    #: Show the explain view (every block with its label, kind and reason) instead.
    explain: bool = False
    #: Truncate explain lines to this many terminal columns; None never truncates.
    width: int | None = None
    #: Colour the explain view with ANSI escapes.
    colour: bool = False
    #: JSON and JSONL: add the decoded input as ``source``, so that ``Document.from_dict``
    #: can rebuild the document.
    source: bool = False

    @property
    def extension(self) -> str:
        return EXPLAIN_EXTENSION if self.explain else EXTENSIONS[self.format]

    @property
    def line_per_document(self) -> bool:
        """True when each document is one line (JSONL): many documents share one file."""
        return not self.explain and self.format == "jsonl"


def render(doc: Document, options: OutputOptions, ident: Mapping[str, Any] | None = None) -> str:
    """Render ``doc`` as ``options`` ask; ``ident`` (input id/url/path) goes into JSONL only."""
    if options.explain:
        return render_explain(doc, width=options.width, colour=options.colour)
    if options.format == "text":
        return render_text(doc)
    if options.format == "json":
        return render_json(doc, source=options.source)
    if options.format == "markdown":
        return render_markdown(doc)
    if options.format == "jsonl":
        return render_jsonl(doc, ident, source=options.source)
    raise ValueError(f"unknown output format {options.format!r}")


# --- text, JSON, JSONL -------------------------------------------------------------------


def render_text(doc: Document) -> str:
    """The title, a blank line, then the body (paragraphs separated by blank lines)."""
    parts = [part for part in (doc.title, doc.body) if part]
    return "\n\n".join(parts) + "\n" if parts else ""


def render_json(doc: Document, *, source: bool = False) -> str:
    """``Document.to_json`` with every block (and the input, with ``source``), indented for
    reading."""
    return doc.to_json(source=source, indent=2) + "\n"


def render_jsonl(
    doc: Document, ident: Mapping[str, Any] | None = None, *, source: bool = False
) -> str:
    """One line: the identifying fields of the input (``id``, ``url``...) then the document
    (and the input as ``source``, with ``source``)."""
    record: dict[str, Any] = dict(ident or {})
    for key, value in doc.to_dict(source=source).items():
        record.setdefault(key, value)
    return json.dumps(record, ensure_ascii=False) + "\n"


# --- Markdown ----------------------------------------------------------------------------

# Line starts that Markdown would read as structure rather than as paragraph text: ATX
# headings, block quotes, bullets, thematic breaks, code fences, raw HTML.
_MD_BLOCK_START = re.compile(
    r"(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|(?:[-*_]\s*){3,}$|`{3}|~{3}|<|=+\s*$)"
)
_MD_ORDERED = re.compile(r"(\d{1,9})([.)])(?=\s|$)")
#: A "<" that Markdown may read as the start of raw HTML (a tag, comment or declaration):
#: page text such as ``<img src=x onerror=...>`` must stay text where the Markdown is shown.
_MD_HTML_OPEN = re.compile(r"<(?=[A-Za-z/!?])")


def render_markdown(doc: Document) -> str:
    """``# title``, the body with subheadings as ``## heading`` and list items as ``- item``
    (a run of them one list), then captions as a list."""
    parts: list[str] = []
    if doc.title:
        parts.append("# " + _md_heading(doc.title))
    in_list = False
    for block in doc.blocks:
        if block.label not in BODY_LABELS or not block.text:
            continue
        if block.label is Label.HEADING:
            parts.append("## " + _md_heading(block.text))
        elif block.list_item:
            item = "- " + _md_paragraph(block.text)
            if in_list:
                parts[-1] += "\n" + item
            else:
                parts.append(item)
        else:
            parts.append(_md_paragraph(block.text))
        in_list = block.list_item and block.label is not Label.HEADING
    if doc.captions:
        parts.append("\n".join(_md_caption(c) for c in doc.captions))
    return "\n\n".join(parts) + "\n" if parts else ""


def _md_paragraph(text: str) -> str:
    """Escape a line start that Markdown would otherwise read as a heading, list, rule...,
    and raw HTML anywhere in the line."""
    text = _md_inline(text)
    ordered = _MD_ORDERED.match(text)
    if ordered:
        return f"{ordered.group(1)}\\{text[ordered.end(1):]}"
    if _MD_BLOCK_START.match(text):
        return "\\" + text
    return text


def _md_inline(text: str) -> str:
    """``text`` with each "<" that could open raw HTML escaped."""
    return _MD_HTML_OPEN.sub(r"\\<", text) if "<" in text else text


def _md_heading(text: str) -> str:
    # A trailing run of "#" would be read as the heading's closing sequence.
    text = _md_inline(text)
    return text[:-1] + "\\#" if text.endswith("#") else text


def _md_caption(caption: Caption) -> str:
    text = _md_paragraph(caption.text) if caption.text else ""
    if caption.credit:
        credit = _md_inline(caption.credit)
        text = f"{text} — {credit}" if text else credit
    return f"- {text}"


# --- the explain view --------------------------------------------------------------------

_RESET = "\x1b[0m"
_DIM = "2"
#: ANSI SGR codes per label: article text stands out, furniture recedes.
_LABEL_COLOURS: Mapping[Label, str] = {
    Label.TITLE: "1;36",
    Label.BODY: "32",
    Label.HEADING: "1;32",
    Label.CAPTION: "33",
    Label.CREDIT: "33",
    Label.METADATA: "35",
    Label.FURNITURE: "2",
}
# Control characters (C0, DEL, C1) must not reach a terminal: they could move the cursor or
# inject escape sequences from the scraped page. Nor the bidirectional embeddings, overrides
# and isolates: a page's text could make the audit view show it in another order than it
# is (right-to-left words keep their order without them: it comes from their letters).
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ELLIPSIS = "…"


def render_explain(doc: Document, *, width: int | None = None, colour: bool = False) -> str:
    """Every block in order, one per line: ``label · kind · reason | text``.

    Lines are cut to ``width`` terminal columns (wide characters count two) with an ellipsis;
    ``colour`` adds ANSI escapes, which do not count towards the width.
    """
    return "".join(explain_line(b, width=width, colour=colour) + "\n" for b in doc.blocks)


def explain_line(block: Block, *, width: int | None = None, colour: bool = False) -> str:
    """One block of the explain view, without the newline."""
    label = f"{block.label.value:<9}"
    kind = f"{block.kind.value if block.kind else '':<14}"
    reason = f"{block.reason:<10}"
    text = _CONTROL.sub("\ufffd", block.text.replace("\t", " "))
    if width is not None:
        fixed = len(label) + len(kind) + 9  # with the " · ", " · ", " | "
        if len(reason) > width - fixed - 2:  # keep two columns for the text
            reason = _fit(reason, max(width - fixed - 2, 1))
        text = _fit(text, max(width - fixed - len(reason), 1))
    if not colour:
        return f"{label} · {kind} · {reason} | {text}"
    label_sgr = _LABEL_COLOURS.get(block.label, "0")
    text_sgr = _DIM if block.label is Label.FURNITURE else ""
    return (
        f"{_sgr(label_sgr, label)}{_sgr(_DIM, f' · {kind} · {reason} |')} "
        f"{_sgr(text_sgr, text) if text_sgr else text}"
    )


def _sgr(code: str, text: str) -> str:
    return f"\x1b[{code}m{text}{_RESET}"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide characters 2, combining marks 0."""
    return sum(_char_width(ch) for ch in text)


def _char_width(ch: str) -> int:
    if ch.isascii():
        return 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _fit(text: str, columns: int) -> str:
    """``text`` cut to at most ``columns`` display columns, ending in an ellipsis if cut."""
    if len(text) <= columns and text.isascii():
        return text
    if display_width(text) <= columns:
        return text
    used, end = 0, 0
    while used + _char_width(text[end]) <= columns - 1:  # keep a column for the ellipsis
        used += _char_width(text[end])
        end += 1
    return text[:end] + _ELLIPSIS
