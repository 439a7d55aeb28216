"""Metadata found in the text: source URL, byline, date, language.

Owns reading the fields a page shows about itself ("View the original article: URL",
"By Jane Doe", "Published: Jan 29, 2025") out of the blocks that are not body, and labelling
those blocks as metadata with the field as the reason. It never touches body blocks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .document import Block, Kind, Label

_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]")
_SOURCE_CUE = re.compile(
    r"(original article|originally (?:published|appeared)|source|quelle|fuente|via|"
    r"read (?:more|the full story) at|canonical|permalink|url)\W{0,5}$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:written\s+)?(?:by|von|par|por|di|door|av|autor(?:in)?:|author:|text:)\s+"
    r"(?P<name>[^\W\d_][\w.'\u2019-]*(?:\s+[^\W\d_][\w.'\u2019-]*){0,4})",
    re.IGNORECASE,
)
_BYLINE_STOP = re.compile(
    r"\s*(?:\||\u00b7|,|\u2022| - | \u2013 |published|updated|posted|on\s+\w+\s+\d|\d)",
    re.IGNORECASE,
)
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("jan", "january", "januar", "janvier", "enero"), ("feb", "february", "februar"),
         ("mar", "march", "märz", "mars", "marzo"), ("apr", "april", "avril", "abril"),
         ("may", "mai", "mayo"), ("jun", "june", "juni", "juin", "junio"),
         ("jul", "july", "juli", "juillet", "julio"), ("aug", "august", "août", "agosto"),
         ("sep", "sept", "september", "septembre", "septiembre"),
         ("oct", "october", "oktober", "octobre", "octubre"),
         ("nov", "november", "novembre", "noviembre"),
         ("dec", "december", "dezember", "décembre", "diciembre")]
    )
    for m in names
}
_ISO = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)\b")
_DMY_NUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b")
_MDY = re.compile(r"\b([A-Za-zäéû]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
_DMY = re.compile(r"\b(\d{1,2})\.?\s+([A-Za-zäéû]{3,9})\.?,?\s+((?:19|20)\d\d)\b")
#: Only short blocks can be a byline or a date line.
MAX_METADATA_WORDS = 16


def find_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD`` (numeric and month-name forms)."""
    candidates: list[tuple[int, str]] = []
    if m := _ISO.search(text):
        candidates.append((m.start(), f"{m[1]}-{m[2]}-{m[3]}"))
    if m := _DMY_NUM.search(text):
        candidates.append((m.start(), _iso(m[3], m[2], m[1])))
    if (m := _MDY.search(text)) and m[1].lower() in _MONTHS:
        candidates.append((m.start(), _iso(m[3], str(_MONTHS[m[1].lower()]), m[2])))
    if (m := _DMY.search(text)) and m[2].lower() in _MONTHS:
        candidates.append((m.start(), _iso(m[3], str(_MONTHS[m[2].lower()]), m[1])))
    valid = [(pos, iso) for pos, iso in candidates if iso]
    return min(valid)[1] if valid else None


def _iso(year: str, month: str, day: str) -> str:
    y, mo, d = int(year), int(month), int(day)
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""


def extract_metadata(
    source: str, blocks: Sequence[Block], language: str | None
) -> tuple[list[Block], dict[str, Any]]:
    """Read source URL, author and date from non-body blocks; label those blocks metadata."""
    meta: dict[str, Any] = {"source_url": None, "author": None, "date": None,
                            "language": language}
    out = list(blocks)
    body_at = [i for i, b in enumerate(out) if b.label in (Label.BODY, Label.HEADING)]
    # Bylines and dates stand near the top of the article (before or just inside its body).
    header_end = body_at[0] + 3 if body_at else len(out)
    for i, block in enumerate(out):
        if block.label not in (Label.FURNITURE, Label.METADATA):
            continue
        raw = source[block.start:block.end]
        previous = out[i - 1].text if i else ""
        field = _read_field(raw, block.text, previous, meta, header=i < header_end)
        if field:
            out[i] = replace(block, label=Label.METADATA, kind=Kind.METADATA,
                             reason=f"metadata:{field}")
    return out, meta


def _read_field(
    raw: str, text: str, previous: str, meta: dict[str, Any], *, header: bool
) -> str | None:
    if meta["source_url"] is None and (url := _URL.search(raw)):
        before = raw[: url.start()]
        if _SOURCE_CUE.search(before) or (
            not before.strip(" :-\u2013[(*") and _SOURCE_CUE.search(previous)
        ):
            meta["source_url"] = url.group()
            return "source_url"
    if not header or len(text.split()) > MAX_METADATA_WORDS:
        return None
    found = None
    if meta["author"] is None and (m := _BYLINE.match(text)):
        name = _BYLINE_STOP.split(m["name"], maxsplit=1)[0].strip()
        if name and name[0].isupper():
            meta["author"] = name
            found = "author"
    if meta["date"] is None and (date := find_date(text)):
        meta["date"] = date
        found = found or "date"
    return found
