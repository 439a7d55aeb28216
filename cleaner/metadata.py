"""Metadata found in the text: source URL, byline, date, language, and the title's headline.

Owns reading the fields a page shows about itself ("View the original article: URL",
"By Jane Doe", "Published: Jan 29, 2025") out of the blocks that are not body, and labelling
those blocks as metadata with the field as the reason; and, for an HTML page, weighing what
the page declares of itself (JSON-LD, meta tags: ``html.Rendering.meta``) against what its
text shows. Dates come out as ISO days (``YYYY-MM-DD``), authors as the names alone, several
joined by ", ". The title is the block the decision labelled title; when that is the
page's ``<title>`` line ("Headline | Site"), its headline part (``page_title``). It never
touches body blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from .document import Block, Kind, Label
from .lexicon import match_furniture

_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]")
_SOURCE_CUE = re.compile(
    r"(original article|originally (?:published|appeared)|source|quelle|fuente|via|"
    r"read (?:more|the full story) at|canonical|permalink|url)\W{0,5}$",
    re.IGNORECASE,
)
#: What opens a byline: "By", "Written by:", "Posted by", "Von", "Autor:", ...
_BYLINE_PREFIX = (r"(?:(?:written|posted|story|words)\s+)?"
                  r"(?:by:?|von|par|por|di|door|av|autor(?:in)?:|authors?:|text:)")
_BYLINE = re.compile(
    _BYLINE_PREFIX + r"\s+(?P<name>[^\W\d_][\w.'\u2019-]*(?:\s+[^\W\d_][\w.'\u2019-]*){0,4})",
    re.IGNORECASE,
)
#: The words of a byline that are not its names: its opening and what joins the names.
_BYLINE_WORDS = frozenset({
    "written", "posted", "story", "words", "by", "von", "par", "por", "di", "door", "av",
    "autor", "autorin", "author", "text", "and", "und", "et", "y",
})
#: A block that is a byline's opening alone ("By", "Written by:"): the name is the next block.
_BYLINE_ALONE = re.compile(_BYLINE_PREFIX + r"\s*", re.IGNORECASE)
#: A forum thread's opener ("Thread starter felixen", "Started by Chris Hall"): user names
#: need no capital letter.
_STARTER = re.compile(r"(?:discussion\s+in\s+'[^']{1,60}'\s+)?"  # XenForo's
                      r"(?:(?:thread\s+starter|started\s+by|original\s+poster)\s*:?\s+)+"
                      r"(?P<user>[^\s,|]+(?:\s[^\s,|\d]+){0,2})"
                      r"(?:,\s+[^|]{3,20}?\d{4}\.?)?\s*", re.IGNORECASE)
#: "by" glued to the name that follows it: "by:" to anything, "by" to a capitalised word (a
#: renderer's "ByShivya Nath", "Written byMadeline Puckette"; not "ByteDance").
_GLUED_BY = re.compile(r"\b(?i:by)(?::(?=\S)|(?=[A-Z][a-z]))")
#: A byline after a date in the same line ("September 1, 2023 By Emily Norwood").
_BYLINE_AFTER = re.compile(r"[\s|\u00b7\u2022,\u2013\u2014-](?=by\s)", re.IGNORECASE)
#: Where a byline's names end: a separator, a digit, a date or update note after them.
_BYLINE_STOP = re.compile(
    r"\s*(?:\||\u00b7|\u2022| - | \u2013 | \u2014 |\u2014|\(|\d|:|"
    r"\b(?:published|updated|posted|last|reviewed|edited|on\s+\w+\s+\d)\b|"
    r"\b(?:published|updated|posted|reviewed|edited)(?=(?-i:[A-Z]))|"  # "UpdatedJanuary 25"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|"
    r"april|june|july|august|september|october|november|december)\.?\s+\d)",
    re.IGNORECASE,
)
#: Between two names of a byline: "A, B and C", "A & B", "A und B".
_NAME_JOINER = re.compile(r"\s*,\s*(?:(?:and|und|et|y)\s+)?|\s+(?:and|und|et|y|&)\s+",
                          re.IGNORECASE)
#: One name of a byline: one to four words, the first capitalised.
_NAME = re.compile(r"[^\W\d_][\w.'\u2019-]*(?:\s+[^\W\d_][\w.'\u2019-]*){0,3}")
#: A "By ..." line of a filter menu has at most this many words ("By Company Size").
MAX_MENU_WORDS = 4
#: Lower-case words inside names ("Ludwig van Beethoven", "Jean de La Fontaine").
_NAME_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "di", "du", "del", "la",
                             "le", "bin", "al", "ter", "ten", "zu", "dos", "das"})
#: A byline names at most this many people.
MAX_BYLINE_NAMES = 8
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
_ISO = re.compile(r"\b(20\d\d|19\d\d)-(\d\d)-(\d\d)(?!\d)")  # also before "T10:00"
_DMY_NUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b")
#: "09/25/2025": month first (the US form), day first where the first number cannot be a
#: month ("25/09/2025").
_SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
#: "2025/4/29", "2025.12.17": the year first, then month and day (two digits each between
#: dots: "2024.1.2" is rather a version; not in a path: "/uploads/2025/03/6-Best...").
_YMD = re.compile(
    r"(?<![/\w])((?:19|20)\d\d)(?:/(\d{1,2})/(\d{1,2})|\.(\d\d)\.(\d\d))(?![\w./-])")
#: "March 9, 2026", "Jul. 11. 2025", "December 19th 2025".
_MDY = re.compile(
    r"\b([A-Za-zäéû]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?[,.]?\s+((?:19|20)\d\d)(?![\d])")
#: "9 March 2026", "19-Dec-2025", "25.Jun.2019".
_DMY = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\.?\s+|[.-])([A-Za-zäéû]{3,9})(?:\.?,?\s+|\.|-)"
    r"((?:19|20)\d\d)(?![\d])")
#: Only short blocks can be a byline or a date line.
MAX_METADATA_WORDS = 24


def find_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD`` (numeric and month-name forms)."""
    found = _date_span(text)
    return found[2] if found else None


def _date_span(text: str) -> tuple[int, int, str] | None:
    """(start, end, ISO day) of the first date in ``text``, or None."""
    candidates: list[tuple[int, int, str]] = []
    if m := _ISO.search(text):
        candidates.append((m.start(), m.end(), f"{m[1]}-{m[2]}-{m[3]}"))
    if m := _DMY_NUM.search(text):
        candidates.append((m.start(), m.end(), _iso(m[3], m[2], m[1])))
    if m := _SLASHED.search(text):
        month, day = (m[2], m[1]) if int(m[1]) > 12 else (m[1], m[2])
        candidates.append((m.start(), m.end(), _iso(m[3], month, day)))
    if m := _YMD.search(text):
        candidates.append((m.start(), m.end(), _iso(m[1], m[2] or m[4], m[3] or m[5])))
    if (m := _MDY.search(text)) and m[1].lower() in _MONTHS:
        candidates.append((m.start(), m.end(), _iso(m[3], str(_MONTHS[m[1].lower()]), m[2])))
    if (m := _DMY.search(text)) and m[2].lower() in _MONTHS:
        candidates.append((m.start(), m.end(), _iso(m[3], str(_MONTHS[m[2].lower()]), m[1])))
    valid = [c for c in candidates if c[2]]
    return min(valid) if valid else None


#: What may follow the date of a post's header: a time, "at", the post's number.
_POST_TAIL = re.compile(r"[\s,\u00b7|]*(?:at\s+)?(?:\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]m)?)?"
                        r"\s*#?\d{0,4}\s*", re.IGNORECASE)
#: Words before a date that say what the date is, not who wrote: "Published May 2, 2024".
_DATE_CUES = frozenset({
    "published", "updated", "update", "posted", "on", "date", "start", "started", "last",
    "edited", "reviewed",
    "asked", "answered", "modified", "created", "am", "le", "vom", "by", "von", "de",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
    "tue", "wed", "thu", "fri", "sat", "sun", "montag", "dienstag", "mittwoch", "donnerstag",
    "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
    "domingo", "today", "yesterday", "heute", "gestern",
})


def post_header(text: str) -> tuple[str, str] | None:
    """(user, ISO day) of a forum post's header line: a user name of one or two words,
    then the date, then at most a time and the post's number ("DaleJack September 5,
    2024, 11:15pm 1", "Pepper Pot Jun 7, 2017 at 8:28 pm", "longshot · 03/03/2026 19:44")."""
    if len(text) > 120 or (span := _date_span(text)) is None:
        return None
    start, end, day = span
    if "," in text[:start]:  # a dateline ("Berlin, 5. Mai 2024"), not a user name
        return None
    user = text[:start].strip(" \u00b7|\u2022-\u2013\u2014")
    words = [w.strip(",.:") for w in user.split()]
    if not 1 <= len(words) <= 2 or user.endswith(":") or any(
            w.casefold() in _DATE_CUES or w.casefold() in _MONTHS for w in words):
        return None  # "Datum: ...", "Nov. 3, 2024"
    if not any(char.isalpha() for char in user) or _POST_TAIL.fullmatch(text[end:]) is None:
        return None
    return user, day


def date_line(text: str) -> tuple[str, str | None] | None:
    """(ISO day, byline names or None) of a line that is a date and nothing else but the
    words that say what it is, a byline before it and a time, post number, reading time or
    comment count after it ("Published March 9, 2026", "By Dr. Vahid Osman - Mar 27, 2024",
    "Published June 23, 2025 10:39AM"); None for a sentence that holds a date ("On May 6,
    2025, I added ...") or a dateline ("Berlin, 5. Mai 2024")."""
    if len(text.split()) > MAX_METADATA_WORDS or (span := _date_span(text)) is None:
        return None
    start, end, day = span
    after = _ISO_TIME.sub("", text[end:], count=1)
    tail = after.strip(_DATED_SEPARATORS)
    names = None
    if tail and _POST_TAIL.fullmatch(after) is None and not _DATED_NOTE.fullmatch(tail):
        # "October 11, 2023 by Autumn Huerter"
        if (names := byline_names(tail)) is None or not _only_byline(tail, names):
            return None
    before = text[:start]
    if all(word in _DATE_CUES for word in _words(before)):
        return day, names
    if names is None and (names := byline_names(before)) is not None \
            and _only_byline(before, names):
        return day, names
    return None


#: The time after an ISO date: "2021-01-18T19:55", "2020-03-11T14:49:33+00:00".
_ISO_TIME = re.compile(r"^T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?")


def _only_byline(text: str, names: str) -> bool:
    """Whether ``text`` holds nothing but a byline of ``names`` and the cues of a date."""
    named = set(_words(names))
    return all(word in _DATE_CUES or word in named or word in _BYLINE_WORDS
               for word in _words(text))


def _words(text: str) -> list[str]:
    """The case-folded words of ``text``, its punctuation dropped ("Updated:" -> "updated")."""
    return _NOT_ALNUM.sub(" ", text).casefold().split()


def _iso(year: str, month: str, day: str) -> str:
    y, mo, d = int(year), int(month), int(day)
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else ""


def declared_date(value: str) -> str | None:
    """A date as a page declares it (``2025-05-19T22:12:02Z``, ``Thu, 09/25/2025 - 11:38``,
    ``May 19, 2025``) as an ISO day, or None when it holds none."""
    return find_date(value[:200])


def declared_author(value: str) -> str | None:
    """An author as a page declares it, or None when it is not a name: a link (a profile
    URL in ``article:author``), a template's unfilled placeholder
    (``page.head.extra.author``), no letters at all."""
    value = " ".join(value.split()).strip(" ,;:|-\u2013\u2014\u00b7")[:200]
    if not any(char.isalpha() for char in value) or "://" in value or "www." in value:
        return None
    if " " not in value and value.count(".") >= 2:
        return None
    return value


#: On an article page, a name alone (``_name_alone``) on one of this many lines under the
#: title is the author when the date line is at most ``NAME_NEAR_DATE`` blocks from it (a
#: byline without "By": "Chirag Bhardwaj" / "VP - Technology" / "November 14, 2025"). On
#: WCXB's html_text pages: 22 more authors right, 1 wrong; on other page types, and without
#: the date nearby, such lines are as often a section's or a product's name ("Light
#: Roast", "Select Page").
NAME_UNDER_TITLE = 2
NAME_NEAR_DATE = 3
#: A byline signed "Written by" / "Posted by": under an article, its author's box.
_SIGNED = re.compile(r"(?:written|posted)\s+by\b", re.IGNORECASE)
#: A second "By" in a byline's names, alone or glued to the word before it: a filter
#: menu's "By Category By Manufacturer" ("CategoryBy Manufacturer" from the markup).
_MENU_BY = re.compile(r"By(?:\s|$)")


def extract_metadata(
    source: str,
    blocks: Sequence[Block],
    language: str | None,
    declared: Mapping[str, str] | None = None,
    page_type: str | None = None,
) -> tuple[list[Block], dict[str, Any]]:
    """Read source URL, author and date from non-body blocks; label those blocks metadata
    (reason ``metadata:<field>``), and the metadata blocks that fill no field furniture.

    ``declared``: what an HTML page says of itself (``html.Rendering.meta``). Its author
    comes first (JSON-LD and meta tags name the article's authors, where the text can
    hold a filter menu's "By Role" or one name of several); its date and URL fill what the
    text does not show (the date a page shows is the one its readers, and the WCXB
    annotators, take: where the two differ, the shown one is more often right). On every
    3rd WCXB page (the pages these choices were made on), authors right 110 -> 119 of 217
    with the declared one first, dates 180 -> 186 of 226 with the shown one first.

    An HTML page's byline element (``declared["byline"]``, ``html._byline_element``) names
    the author where the page declares none and its text shows no byline.

    ``page_type``: on a page called a forum, the first post's header ("DaleJack September
    5, 2024, 11:15pm") names the thread's author and date (``post_header``), else its
    first poster does (``_first_poster``); elsewhere such a line is too often a label and
    a date ("Datum: 12.03.2024", "Video May 2"). On other pages a date line that the model
    kept in the header's body ("Published March 9, 2026", ``date_line``) is read and
    becomes metadata; an update's date gives way to a publication date
    (``_before_the_update``)."""
    meta: dict[str, Any] = {"source_url": None, "author": None, "date": None,
                            "language": language}
    if declared:
        meta["author"] = declared_author(declared.get("author") or "")
    out = list(blocks)
    header_end = _header_end(out)
    menus = _byline_menus(out, header_end)
    forum = page_type == "forum"
    date_at = None
    for i, block in enumerate(out):
        if block.label not in (Label.FURNITURE, Label.METADATA):
            # a forum post's header the model kept with its post: read, not relabelled
            if forum and meta["author"] is None and i < header_end \
                    and (post := post_header(block.text)):
                meta["author"] = post[0]
                meta["date"] = meta["date"] or post[1]
            elif forum and meta["author"] is None and (starter := _STARTER.fullmatch(block.text)):
                meta["author"] = starter["user"]
                meta["date"] = meta["date"] or find_date(block.text)
            elif forum and meta["date"] is None and i < header_end \
                    and (line := date_line(block.text)):
                meta["date"] = line[0]  # "Start date Jul 18, 2024", kept with the post
            elif not forum and meta["date"] is None and i < header_end and i not in menus \
                    and (line := date_line(block.text)):
                # a date line the model kept with the article ("Published March 9, 2026",
                # "By Dr. Vahid Osman - Mar 27, 2024"): metadata, not body
                meta["date"], names = line
                if names and meta["author"] is None:
                    meta["author"] = names
                out[i] = _gives(block, "date")
                date_at = i
            continue
        raw = source[block.start:block.end]
        previous = out[i - 1].text if i else ""
        had_date = meta["date"] is not None
        field = _read_field(raw, block.text, previous, meta,
                            header=i < header_end and i not in menus, forum=forum)
        if field:
            out[i] = _gives(block, field)
        if not had_date and meta["date"] is not None:
            date_at = i
    if date_at is not None and _is_update(out[date_at].text):
        date_at = _before_the_update(out, header_end, menus, date_at, meta, declared)
    if meta["author"] is None and declared and declared.get("byline"):
        # the page's byline element ("<span class="author-name">By Jane Doe</span>")
        byline = _GLUED_BY.sub(r"\g<0> ", declared["byline"])  # "Posted by:Jane Doe"
        meta["author"] = byline_names(byline) or _whole_names(byline)
    if meta["author"] is None and forum and (poster := _first_poster(out)):
        j, meta["author"], badge = poster
        if out[j].label is Label.FURNITURE:
            out[j] = _gives(out[j], "author")
        if not badge:  # the date above a starter's badge can be a later answer's
            meta["date"] = meta["date"] or _post_date(out, j)
    if meta["author"] is None and (
            found := _author_without_byline(out, header_end, menus, date_at, page_type)):
        j, meta["author"] = found
        out[j] = _gives(out[j], "author")
    if declared:
        if meta["date"] is None:
            meta["date"] = declared_date(declared.get("date") or "")
        if meta["source_url"] is None and declared.get("url"):
            meta["source_url"] = declared["url"]
    if meta["date"] is None and page_type == "article" and (
            (late := _late_date(out, header_end)) is not None
            or (late := _late_date(out, header_end, _LATE_DATE_CUES | _UPDATED)) is not None):
        j, meta["date"] = late
        out[j] = _gives(out[j], "date")
    for i, block in enumerate(out):
        # a metadata line that fills no field (a second byline, a comment's date) would be
        # in no part of the output: it is furniture of kind metadata
        if block.label is Label.METADATA and not block.reason.startswith("metadata:"):
            out[i] = block.relabel(Label.FURNITURE, block.reason, Kind.METADATA)
    return out, meta


def _is_update(text: str) -> bool:
    """Whether the date of a line is an update's ("Last Updated: August 5, 2025")."""
    found = _date_span(text)
    return found is not None and not _UPDATED.isdisjoint(
        _words(text[:found[0]]))


def _before_the_update(blocks: list[Block], header_end: int, menus: set[int], date_at: int,
                       meta: dict[str, Any], declared: Mapping[str, str] | None) -> int:
    """Where the page's date comes from when the line that gave it is an update's: the
    article's publication comes first, from an earlier date in another line of the header
    (not an update's, not a member's details), else from the earlier date an HTML page
    declares (``datePublished``). Returns the index of the line that gives the date
    (``date_at`` itself where the update's line still does, or the declared date)."""
    shown = meta["date"]
    for k in range(min(header_end, len(blocks))):
        text = blocks[k].text
        if k == date_at or k in menus or len(text.split()) > MAX_METADATA_WORDS \
                or blocks[k].label not in (Label.FURNITURE, Label.METADATA) \
                or _is_update(text) or _MEMBER_INFO.match(text):
            continue
        if (day := find_date(text)) is not None and day < shown:
            meta["date"] = day
            if blocks[date_at].reason == "metadata:date":
                blocks[date_at] = blocks[date_at].relabel(
                    Label.FURNITURE, "metadata:updated", Kind.METADATA)
            blocks[k] = _gives(blocks[k], "date")
            return k
    if (day := declared_date((declared or {}).get("date") or "")) and day < shown:
        meta["date"] = day  # the page's declared publication ("datePublished")
    return date_at


def _gives(block: Block, field: str) -> Block:
    """``block`` as the metadata line that gave ``field``; a line that gave a field already
    keeps its reason (the date's line that also names the author stays the date's)."""
    if block.reason.startswith("metadata:"):
        return block
    return replace(block, label=Label.METADATA, kind=Kind.METADATA, reason=f"metadata:{field}")


def _unkept_below(blocks: Sequence[Block], header_end: int) -> Iterator[tuple[int, str]]:
    """(index, text) of the blocks below the header that the model did not keep: what may
    be an article's author box or date line."""
    for j in range(header_end, len(blocks)):
        if blocks[j].label in (Label.FURNITURE, Label.METADATA):
            yield j, blocks[j].text


def _author_without_byline(blocks: Sequence[Block], header_end: int, menus: set[int],
                           date_at: int | None, page_type: str | None) -> tuple[int, str] | None:
    """(block index, name) of an author that no byline names, from the weaker signs in
    turn: a name alone next to the date line ("July 5, 2025" / "Madison Green"); a name
    alone beside a date in the header ("Tom Talbot October 14, 2025": read after the
    bylines, since such a line can be a section's above one, "Metasploit Wrap-Up
    12/12/2025"); on an article, a name alone under the headline near its date ("Chirag
    Bhardwaj" / "VP - Technology" / "November 14, 2025", ``NAME_UNDER_TITLE``); on an
    article, the first byline below the header (the author's box after the article:
    "Written by Autumn Huerter", ``_late_byline``)."""
    def alone(j: int) -> str | None:
        in_page = 0 <= j < len(blocks) and blocks[j].label is Label.FURNITURE
        return _name_alone(blocks[j].text) if in_page else None

    if date_at is not None:
        for j in (date_at + 1, date_at - 1):
            if name := alone(j):
                return j, name
    for i, block in enumerate(blocks[:header_end]):
        if block.label in (Label.FURNITURE, Label.METADATA) and i not in menus \
                and len(block.text.split()) <= MAX_METADATA_WORDS \
                and (name := _dated_name(block.text)):
            return i, name
    if page_type != "article":
        return None
    title = next((i for i, b in enumerate(blocks) if b.label is Label.TITLE), None)
    if date_at is not None and title is not None:
        for j in range(title + 1, title + 1 + NAME_UNDER_TITLE):
            if abs(j - date_at) <= NAME_NEAR_DATE and (name := alone(j)):
                return j, name
    return next(((j, names) for j, text in _unkept_below(blocks, header_end)
                 if (names := _late_byline(text))), None)


#: A forum member's details under the user name of a post ("Join Date: Mar 2016",
#: "Joined: Sun Dec 17, 2023 11:18 am", "Registered: 2024-01-27", "Posts: 2").
_MEMBER_INFO = re.compile(r"(?:join(?:ed)?(?:\s+date)?|registered|member\s+since|posts|"
                          r"messages|reputation)\s*:", re.IGNORECASE)
#: A post's user name with the thread starter's badge: "Ejp55230 Discussion starter".
_STARTER_BADGE = re.compile(r"(?P<user>\S+(?:\s\S+)?)\s+(?:discussion|thread)\s+starter",
                            re.IGNORECASE)
#: The most words and characters of a forum user's name.
MAX_USER_WORDS, MAX_USER_CHARS = 2, 32


def _first_poster(blocks: Sequence[Block]) -> tuple[int, str, bool] | None:
    """(block index, user, whether by the badge) of a forum thread's first post's author:
    the first line of at most two words (not a date, a label or lexicon wording) whose
    member's details follow within two lines ("microfast" / "Registered User" / "Join
    Date: Mar 2016"), or that carries the starter's badge ("Ejp55230 Discussion
    starter")."""
    for j, block in enumerate(blocks):
        text = _USER_STATUS.sub("", block.text.strip(_MARKUP))
        if badge := _STARTER_BADGE.fullmatch(text):
            text = badge["user"]
            return j, " ".join(word for word in text.split() if word.strip(_MARKUP + ".")), True
        words = text.casefold().split()
        if not 1 <= len(words) <= MAX_USER_WORDS or not 3 <= len(text) <= MAX_USER_CHARS \
                or not any(char.isalpha() for char in text) \
                or (_NOT_NAMES | _MEMBER_RANKS) & set(words) \
                or _MEMBER_INFO.match(text) or find_date(text) \
                or match_furniture(text) is not None:
            continue
        if any(_MEMBER_INFO.match(blocks[k].text.lstrip(_MARKUP))
               for k in range(j + 1, min(j + 3, len(blocks)))):
            return j, text, False
    return None


def _post_date(blocks: Sequence[Block], poster: int) -> str | None:
    """The date of the post whose user name is block ``poster``: the nearest short line
    with a date at most three lines above it (a post's header: "#1 2025-11-01 15:14:37",
    "30th March 2025, 16:26 # 1 | Link"), not a member's details ("Joined: ..."). Below
    the name the first date is as often a later post's."""
    for k in range(poster - 1, poster - 4, -1):
        if 0 <= k and len(blocks[k].text.split()) <= MAX_METADATA_WORDS \
                and not _MEMBER_INFO.match(blocks[k].text.lstrip(_MARKUP)) \
                and (day := find_date(blocks[k].text)):
            return day
    return None


#: Words of a forum member's rank, which stands between the name and the details.
_MEMBER_RANKS = frozenset({"registered", "member", "user", "moderator", "administrator",
                           "admin", "guest", "avatar"})
#: Markdown around a rendered user name ("__JosephF__"), and a status after it.
_MARKUP = " \t_*[]#>"
_USER_STATUS = re.compile(r"\s+(?:offline|online)$", re.IGNORECASE)


def _late_byline(text: str) -> str | None:
    """The names of a byline below an article's header: a short line, no filter menu ("By
    Category By Manufacturer", ``_MENU_BY``), and a one-word name only where the line is signed
    ("Written by Melissa"; not "By Role")."""
    if len(text.split()) > MAX_METADATA_WORDS or (names := byline_names(text)) is None:
        return None
    if _MENU_BY.search(names):
        return None
    if any(len(name.split()) < 2 for name in names.split(", ")) and not _SIGNED.match(text):
        return None
    return names


#: What may stand before the date of a date line below an article: its weekday and a
#: publishing cue ("Published on", "Posted on"; not an update's, which dates the page
#: rather than the article).
_LATE_DATE_CUES = frozenset({
    "published", "posted", "on", "date", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday",
})


#: The cues of an update's date ("Last updated: November 13, 2025"): on a page that shows
#: no other date, the one its readers see.
_UPDATED = frozenset({"updated", "update", "last", "modified", "page", "edited", "reviewed"})


def _late_date(blocks: Sequence[Block], header_end: int,
               cues: frozenset[str] = _LATE_DATE_CUES) -> tuple[int, str] | None:
    """(block index, ISO day) of the first line below an article's header that is a date
    alone, after at most its weekday and a publishing cue ("Friday, December 19, 2025",
    "Published On: 15 August 2025"; not a comment's "June 19, 2025 at 1:45 am"). A line the
    model kept in the body is one only with a publishing cue ("Published March 9, 2026")."""
    for j in range(header_end, len(blocks)):
        text, kept = blocks[j].text, blocks[j].label in (Label.BODY, Label.HEADING)
        if not kept and blocks[j].label not in (Label.FURNITURE, Label.METADATA):
            continue
        if len(text.split()) > MAX_METADATA_WORDS or (found := _date_span(text)) is None:
            continue
        before = _words(text[:found[0]])
        published = not _PUBLISHED.isdisjoint(before) and date_line(text) is not None
        if all(word in cues for word in before) \
                and (published or not kept and not _NOT_ALNUM.sub("", text[found[1]:])):
            return j, found[2]
    return None


#: The cues that say a date is the article's publication, after which its time may follow
#: ("Published June 23, 2025 10:39AM"; a comment's date and time stand alone).
_PUBLISHED = frozenset({"published", "posted"})


#: A body block of at least this many words starts the article's prose.
MIN_PROSE_WORDS = 20


def _header_end(blocks: Sequence[Block]) -> int:
    """Where the article's header ends: bylines and dates stand above its prose or just
    inside it, and under its headline, so three blocks after its first prose block (a body
    block of ``MIN_PROSE_WORDS`` words or more; a short body block before it, a standfirst
    or a stray menu line taken as body, does not end the header; else its first body
    block) or after the block under its title, whichever comes later."""
    body_at = [i for i, b in enumerate(blocks) if b.label in (Label.BODY, Label.HEADING)]
    if not body_at:
        return len(blocks)
    prose = next((i for i in body_at if blocks[i].label is Label.BODY
                  and len(blocks[i].text.split()) >= MIN_PROSE_WORDS), body_at[0])
    title = next((i for i, b in enumerate(blocks) if b.label is Label.TITLE), -1)
    return max(prose, title + 1) + 3


def byline_names(text: str) -> str | None:
    """The names a byline gives, joined by ", " ("By Jane Doe and John Roe | Updated ..." ->
    "Jane Doe, John Roe"), or None when the block is not a byline: every name must start
    with a capital letter."""
    text = _GLUED_BY.sub(r"\g<0> ", text)
    m = _BYLINE.match(text)
    if m is None:
        return None
    rest = _BYLINE_STOP.split(text[m.start("name"):], maxsplit=1)[0].strip(" ,;")
    # a role after a name is no second author: "By Jessica Elliott, Contributor", "By Brett
    # Cruz, Privacy and Digital Security Expert & Gene Petrino, Home Security Expert"
    first, *others = _ROLE_SEPARATOR.split(rest)
    rest = ", ".join([first, *(part for part in others
                               if _ROLE_WORDS.isdisjoint(_words(part)))])
    names: list[str] = []
    for part in _NAME_JOINER.split(rest)[:MAX_BYLINE_NAMES + 1]:
        words = part.split()
        # a name ends at a lower-case word that is not a particle ("by Jane Doe on Friday")
        cut = next((k for k, w in enumerate(words) if w[0].islower()
                    and w.casefold() not in _NAME_PARTICLES), len(words))
        name = _NAME.fullmatch(" ".join(words[:cut]))
        if name is None or not words[0][0].isupper():
            break
        half = len(words) // 2  # "Colin Gray Colin Gray": a name rendered twice
        names.append(" ".join(words[:half]) if cut == len(words) and len(words) % 2 == 0
                     and words[:half] == words[half:] else name.group())
        if cut < len(words):
            break
    if not names or len(names) > MAX_BYLINE_NAMES:
        return None
    return ", ".join(names)


#: Words of a role that a byline may give after a name ("By Justin C. Meserole, Trial
#: Attorney", "Jessica Elliott, Contributor"): such a part is no second author.
_ROLE_WORDS = frozenset({
    "contributor", "contributing", "editor", "editors", "writer", "reporter", "correspondent",
    "columnist", "journalist", "expert", "attorney", "lawyer", "director", "manager",
    "analyst", "founder", "cofounder", "officer", "professor", "specialist", "consultant",
    "staff", "producer", "photographer", "editor-in-chief", "ceo", "president", "chief",
    "senior", "head", "lead", "coordinator", "strategist", "researcher", "scientist",
    "engineer", "developer", "designer", "associate", "assistant", "intern", "student",
    "coo", "cfo", "cto", "cmo", "vp",
})
#: Where a byline's parts that may be a role split: commas, semicolons, "&" between parts.
_ROLE_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+&\s+(?=\S+(?:\s+\S+)?\s*,)")


def _whole_names(text: str) -> str | None:
    """The names a line under a lone "By" gives, when the whole line is names ("Jane Doe and
    John Roe"; not a search form's "By:" over "Search Advanced search...")."""
    names = byline_names(f"By {text}")
    if names is None:
        return None
    words = [w for part in _NAME_JOINER.split(text) for w in part.split()]
    return names if len(words) == sum(len(n.split()) for n in names.split(", ")) else None


#: Words that make a line no name: a date's cues ("Last Updated"), an author's label
#: ("Author Jane Doe"); not the particles of names ("de", "von").
_NOT_NAMES = (_DATE_CUES - _NAME_PARTICLES) | {"author", "autor", "auteur", "autore"}


def _name_alone(text: str) -> str | None:
    """A line that is a person's name and nothing else: two or three words, each starting
    with a capital letter (or a particle: "van", "de") and none in capitals throughout
    ("GET IT"; an initial is no such word: "Julian K. Arni"), letters, dots, apostrophes
    and hyphens only, not opening with "The" (a title: "The Day Before"), no date's cue or
    author's label among them ("Last Updated", "Author Jane Doe", ``_NOT_NAMES``) and no
    wording the furniture lexicon knows ("Read More")."""
    words = text.split()
    if not 2 <= len(words) <= 3 or _NAME.fullmatch(text.strip()) is None:
        return None
    if any(not (w[0].isupper() or w.casefold() in _NAME_PARTICLES)
           or (len(w.rstrip(".")) > 1 and w.isupper()) or w.casefold() in _NOT_NAMES
           for w in words) or words[0] == "The":
        return None
    return " ".join(words) if match_furniture(text) is None else None


#: What may stand beside a name and a date in one line and is neither: a reading time, a
#: comment count ("Kristian Larsen July 13, 2025 — 7 minutes read", "Susan December 9,
#: 2024 0 Comments").
_DATED_NOTE = re.compile(r"\d+\s*(?:min(?:ute)?s?\.?(?:\s+read(?:ing)?(?:\s+time)?)?|"
                         r"comments?|responses?|replies)", re.IGNORECASE)
_DATED_SEPARATORS = " \t,;:|/\u00b7\u2022\u22c5\u2013\u2014-"


#: A date's cue after a name, before the date: "Matt Eland on Dec. 13, 2025".
_CUE_AFTER = re.compile(r"\s+(?:on|published|posted|updated)\W*$", re.IGNORECASE)


def _dated_name(text: str) -> str | None:
    """The name of a line that shows a person's name alone beside its dates ("Tom Talbot
    October 14, 2025", "September 1, 2016 September 8, 2016 Autumn Adams"), with at most a
    reading time or comment count besides (``_DATED_NOTE``); None for any other line ("Last
    Updated May 2, 2024", "Berlin, 5. Mai 2024")."""
    pieces, rest = [], text
    while (span := _date_span(rest)) is not None:
        pieces.append(rest[:span[0]])
        rest = rest[span[1]:]
    if not pieces:
        return None
    pieces.append(rest)
    kept = [_CUE_AFTER.sub("", piece.strip(_DATED_SEPARATORS)) for piece in pieces]
    kept = [piece for piece in kept if piece and not _DATED_NOTE.fullmatch(piece)]
    return _name_alone(kept[0]) if len(kept) == 1 else None


def _byline_menus(blocks: Sequence[Block], header_end: int) -> set[int]:
    """The short "By ..." lines of a filter menu ("By Role", "By Industry", "By Company
    Size", each over its list of options): in the header, two or more lines of at most
    ``MAX_MENU_WORDS`` words without a digit that name different things. A byline names
    the same people each time it is shown, and usually goes with a date or separator."""
    at = [i for i in range(min(header_end, len(blocks)))
          if blocks[i].label in (Label.FURNITURE, Label.METADATA)
          and _BYLINE.match(blocks[i].text)
          and len(blocks[i].text.split()) <= MAX_MENU_WORDS
          and not any(char.isdigit() for char in blocks[i].text)]
    names = {byline_names(blocks[i].text) for i in at}
    return set(at) if len(names) >= 2 else set()


def _read_field(
    raw: str, text: str, previous: str, meta: dict[str, Any], *, header: bool,
    forum: bool = False,
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
    # A block gives a field when the field is still empty, or shows the declared author.
    found = None
    # a member's details ("Joined: Mon Jul 24, 2017") do not date the page
    date = None if _MEMBER_INFO.match(text) else find_date(text)
    names = byline_names(text)
    if names is None and (starter := _STARTER.fullmatch(text)):
        names = starter["user"]
    if names is None and forum and (post := post_header(text)):
        names = post[0]
    if names is None and _BYLINE_ALONE.fullmatch(previous.strip()):
        names = _whole_names(text)  # "Written by" / "Jane Doe" on two lines
    if names is None and date and (after := _BYLINE_AFTER.search(text)):
        names = byline_names(text[after.end():])  # "September 1, 2023 By Emily Norwood"
    if names and (meta["author"] is None or names.casefold() == meta["author"].casefold()):
        meta["author"] = names
        found = "author"
    if meta["date"] is None and date:
        meta["date"] = date
        found = found or "date"
    return found


#: What parts a page's ``<title>`` line: "Headline | Site", "Question - Category - Forum",
#: "Product – Shop" (a separator between spaces; a colon is not one: "Freshdesk: AI-powered
#: platform for ...", "Birdbuddy : Shop" are whole titles).
TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-\u2013\u2014\u00b7\u00bb]|//)\s+")
_NOT_ALNUM = re.compile(r"[\W_]+")


def one_spaced(text: str) -> str:
    """``text`` with every run of whitespace one space, stripped: lines compared as shown."""
    return " ".join(text.split())


#: A title's leading mark that only decorates it: a run of marks, no letter or digit,
#: before a space ("[> Jens Weber", "...: Tach auch!", "— JSON encoder and decoder").
_DECORATION = re.compile(r"[^\w\s]+\s+(?=\w)")
#: Marks that open what a later mark closes: such a run is kept when the title closes it
#: ("« Les privatisations ... »", "( 16 Videos )").
_CLOSERS = {"(": ")", "[": "]", "{": "}", "«": "»", "»": "«",
            "„": "“”", "“": "”", "‘": "’", '"': '"',
            "'": "'", "‹": "›", "›": "‹", "¿": "?", "¡": "!"}


def undecorated(title: str) -> str:
    """A title without a leading decoration (``_DECORATION``), unless what it opens is
    closed later ("« Les privatisations sont au profit d’intérêts privés »")."""
    mark = _DECORATION.match(title)
    if mark is None:
        return title
    rest = title[mark.end():]
    if any(closer in rest for char in mark.group() for closer in _CLOSERS.get(char, "")):
        return title
    return rest


def page_title(blocks: Sequence[Block], title_line: bool = False,
               url: str | None = None) -> str | None:
    """``Document.title``: the block labelled title; when that is the first line, the
    page's ``<title>`` line, its headline part (``title_line``: the first line is the
    ``<title>`` element, ``headline_of``; else ``headline_on_page``); without a leading
    decoration (``undecorated``: "[> Jens Weber" -> "Jens Weber")."""
    title = next((b.text for b in blocks if b.label is Label.TITLE), None)
    if title is not None and blocks[0].label is Label.TITLE:  # "Headline | Site"
        title = first_line_title(blocks, title_line, url)
    return None if title is None else undecorated(title)


def first_line_title(blocks: Sequence[Block], title_line: bool = False,
                     url: str | None = None) -> str:
    """The title a page shows when its first line is the title block (``page_title``)."""
    first = blocks[0].text
    if title_line:
        return headline_of(first, url, [b.text for b in blocks[1:]])
    return headline_on_page(first, [b.text for b in blocks[1:]], url)


def headline_of(title: str, url: str | None = None, lines: Sequence[str] = ()) -> str:
    """The headline of a title taken from the page's first line, the ``<title>`` line: its
    first part, where the rest names the site or a section ("Business Text Messaging |
    Twilio" -> "Business Text Messaging"); the rest, when the first part is the site's own
    name, as the URL's host says ("Render | The cloud for builders" on render.com). A
    headline that holds a separator itself ("Hund vertreibt Einbrecher – Zeugenaufruf |
    Site") is the longest leading part, cut at a later separator, that the page repeats as
    one of its ``lines`` (its ``<h1>``)."""
    cuts = list(TITLE_SEPARATOR.finditer(title))
    if not cuts or not title[:cuts[0].start()].strip():
        return title
    head = title[:cuts[0].start()]
    if url and (host := _host_name(url)) and _NOT_ALNUM.sub("", head.lower()) == host:
        return title[cuts[0].end():]
    if len(cuts) > 1 and lines:
        shown = {one_spaced(line) for line in lines}
        for cut in reversed(cuts[1:]):
            if one_spaced(title[:cut.start()]) in shown:
                return title[:cut.start()]
    return head


def headline_on_page(title: str, texts: Sequence[str], url: str | None = None) -> str:
    """The headline of a text dump's first line, when that line is a ``<title>`` line: the
    longest leading part of it, cut at a separator, that is a line of the page as well
    (the headline the page repeats above its article: "Pods | Kubernetes" -> "Pods",
    though the logo says "Kubernetes"); else the longest such trailing part ("Example
    Times - Flood warnings"); the line whole when the page repeats it whole (a first line
    may be the headline itself: "Zero Waste - A Beginner's Guide"); else its headline part
    as an HTML page's ``<title>`` gives it (``headline_of``: "Online Tuition and Financing
    | Liberty University" -> "Online Tuition and Financing"; docs/algorithm.md, section
    5)."""
    cuts = list(TITLE_SEPARATOR.finditer(title))
    if not cuts:
        return title
    lines = {one_spaced(text) for text in texts}
    for parts in ([title[:m.start()] for m in cuts], [title[m.end():] for m in cuts]):
        for part in sorted(parts, key=len, reverse=True):
            if one_spaced(part) in lines:
                return part
    if one_spaced(title) in lines:
        return title
    return headline_of(title, url)


def _host_name(url: str) -> str | None:
    """The site's name in a URL's host: "techcrunch" for https://www.techcrunch.com/x."""
    labels = (site_of(url) or "").split(".")
    if len(labels) < 2:
        return None
    return _NOT_ALNUM.sub("", labels[-2]) or None


_ARCHIVE = re.compile(r"^/web/[^/]+/(?P<url>.+)$")


def site_of(url: str | None) -> str | None:
    """The site a URL belongs to: its host, lowercased, without ``www.`` and port.

    Archived copies (``web.archive.org/web/<time>/<url>``) belong to the archived URL's site.
    None for a missing or host-less URL.
    """
    if not isinstance(url, str):
        return None
    while url:  # an archived copy of an archived copy ...: one level per round
        try:
            parts = urlsplit(url.strip() if "://" in url else "//" + url.strip())
            host = parts.hostname
        except ValueError:
            return None
        if not host or any(ch.isspace() for ch in host):
            return None
        host = host.rstrip(".")
        archived = _ARCHIVE.match(parts.path) if host == "web.archive.org" else None
        if archived is None:
            return host.removeprefix("www.") or None
        url = archived["url"]
    return None
