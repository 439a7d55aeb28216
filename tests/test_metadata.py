"""Metadata read off a page: bylines, dates, and what an HTML page declares of itself."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cleaner.document import Block, Label
from cleaner.metadata import (
    byline_names,
    date_line,
    declared_author,
    declared_date,
    extract_metadata,
    find_date,
    post_header,
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("by Jill Barshay August 25, 2025 August 29, 2025", "Jill Barshay"),
        ("By Dr. Vahid Osman - Mar 27, 2024", "Dr. Vahid Osman"),
        ("Written by Moses Kim and Kate Shokurova", "Moses Kim, Kate Shokurova"),
        ("By Jane Doe, John Roe and Max Mustermann", "Jane Doe, John Roe, Max Mustermann"),
        ("Von Anna Müller und Jean-Luc Picard", "Anna Müller, Jean-Luc Picard"),
        ("Posted by Peter Bell on August 21, 2019", "Peter Bell"),
        ("By: Saru Yeknom", "Saru Yeknom"),
        ("by Jim Donnelly | August 24, 2023", "Jim Donnelly"),
        ("By Scott Levine – Updated Sep 9, 2025 at 1:00 PM EST", "Scott Levine"),
        ("By Ludwig van Beethoven", "Ludwig van Beethoven"),
        ("Written by: Colin Gray Colin Gray", "Colin Gray"),
        ("by the way, this is a sentence", None),
        ("by jsteinhardt", None),
        ("Bylines are short", None),
        # "by" glued to the name by a renderer, and the update note glued after it
        ("ByShivya Nath 12th February 2025", "Shivya Nath"),
        ("Written byMadeline Puckette", "Madeline Puckette"),
        ("By:Jane Doe", "Jane Doe"),
        ("ByRhonda Krause UpdatedJanuary 25, 2026", "Rhonda Krause"),
        ("ByteDance ships a new model", None),
        # a role after a name is no second author
        ("By: Jessica Elliott , Contributor", "Jessica Elliott"),
        ("By Claire Wilson, Co-Founder, COO", "Claire Wilson"),
        ("By Brett Cruz, Privacy and Digital Security Expert & Gene Petrino, Home Security "
         "Expert Last Updated on Mar 11, 2026", "Brett Cruz, Gene Petrino"),
        ("By Jane Doe & John Roe", "Jane Doe, John Roe"),
        ("Authors: Aniruddha Roy, Jyoti Patel", "Aniruddha Roy, Jyoti Patel"),
    ],
    ids=lambda v: str(v)[:24],
)
def test_byline_names(text: str, names: str | None) -> None:
    assert byline_names(text) == names


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2025-05-19T22:12:02Z", "2025-05-19"),
        ("2024-03-05", "2024-03-05"),
        ("Thu, 09/25/2025 - 11:38", "2025-09-25"),
        ("25/09/2025", "2025-09-25"),
        ("May 19, 2025", "2025-05-19"),
        ("19.05.2025", "2025-05-19"),
        ("yesterday", None),
        ("", None),
    ],
)
def test_declared_dates_become_iso_days(value: str, date: str | None) -> None:
    assert declared_date(value) == date


def test_find_date_reads_an_iso_datetime_and_ordinal_days() -> None:
    assert find_date("Published 2020-03-11T14:49:33+00:00") == "2020-03-11"
    assert find_date("18th Dec 2025") == "2025-12-18"
    assert find_date("30th March 2025, 16:26 # 1 | Link") == "2025-03-30"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("EcoFlow - 2025/4/29", "2025-04-29"),
        ("Essay - Published: 2025.12.17 | programming", "2025-12-17"),
        ("By Jayesh Shinde | Updated on 19-Dec-2025", "2025-12-19"),
        ("Published on 25.Jun.2019 in Vol 7", "2019-06-25"),
        ("December 19. 2025", "2025-12-19"),
        ("Jul. 11. 2025", "2025-07-11"),
        # a renderer glued the next word or date to the year
        ("Mental Health DECEMBER 22, 2022Updated: JANUARY 02, 2026", "2022-12-22"),
        ("July 4, 2025February 9, 2026", "2025-07-04"),
        ("December 22, 20225", None),
        # a version number, a date in a path, no month 13
        ("Version 2024.1.2", None),
        ("[Tested](/wp-content/uploads/2025/03/6-Best-Candle.jpg)", None),
        ("2025/13/40", None),
    ],
)
def test_find_date_reads_year_first_and_dashed_or_dotted_forms(text: str, date: str | None) -> None:
    assert find_date(text) == date


@pytest.mark.parametrize(
    ("value", "author"),
    [
        ("Jane Doe", "Jane Doe"),
        (", USA TODAY", "USA TODAY"),
        ("https://www.facebook.com/FranShares", None),
        ("www.example.com/authors/jane", None),
        ("page.head.extra.author", None),
        ("1234", None),
        ("", None),
    ],
)
def test_declared_author_is_a_name_or_nothing(value: str, author: str | None) -> None:
    assert declared_author(value) == author


def _page(*lines: tuple[str, Label]) -> tuple[str, list[Block]]:
    source, blocks, at = "", [], 0
    for text, label in lines:
        blocks.append(Block(text, at, at + len(text), label))
        source += text + "\n"
        at = len(source)
    return source, blocks


PROSE = "The council approved the budget on Tuesday after a long debate."


def test_a_byline_and_a_date_become_metadata() -> None:
    source, blocks = _page(("Menu", Label.FURNITURE), ("Budget approved", Label.TITLE),
                           ("By Jane Doe | March 5, 2024", Label.FURNITURE),
                           (PROSE, Label.BODY), (PROSE, Label.BODY))
    out, meta = extract_metadata(source, blocks, "en")
    assert (meta["author"], meta["date"], meta["language"]) == ("Jane Doe", "2024-03-05", "en")
    assert out[2].label is Label.METADATA and out[2].reason == "metadata:author"
    assert out[0].label is Label.FURNITURE and out[3].label is Label.BODY


def test_a_name_under_a_lone_by_line_is_the_author() -> None:
    source, blocks = _page(("Budget approved", Label.TITLE), ("Written by", Label.FURNITURE),
                           ("Jane Doe", Label.FURNITURE), (PROSE, Label.BODY))
    out, meta = extract_metadata(source, blocks, "en")
    assert meta["author"] == "Jane Doe"
    assert out[2].reason == "metadata:author"


def test_a_filter_menu_of_by_lines_is_not_a_byline() -> None:
    source, blocks = _page(("Customer stories", Label.TITLE), ("By Role", Label.FURNITURE),
                           ("By Industry", Label.FURNITURE),
                           ("By Company Size", Label.FURNITURE), (PROSE, Label.BODY))
    out, meta = extract_metadata(source, blocks, "en")
    assert meta["author"] is None
    assert all(b.label is not Label.METADATA for b in out)


def test_body_blocks_are_read_only_as_date_lines() -> None:
    source, blocks = _page(("By Jane Doe", Label.BODY), (PROSE, Label.BODY))
    out, meta = extract_metadata(source, blocks, "en")
    assert meta["author"] is None and out == blocks
    # a byline and date line the model kept under the headline is metadata, not body
    source, blocks = _page(("Budget approved", Label.TITLE),
                           ("By Jane Doe - Mar 27, 2024", Label.HEADING), (PROSE, Label.BODY))
    out, meta = extract_metadata(source, blocks, "en")
    assert (meta["author"], meta["date"]) == ("Jane Doe", "2024-03-27")
    assert out[1].label is Label.METADATA and out[1].reason == "metadata:date"
    # a sentence that holds a date stays in the body
    source, blocks = _page(("Budget approved", Label.TITLE),
                           ("On May 6, 2025, I added a new top performer.", Label.BODY))
    out, meta = extract_metadata(source, blocks, "en")
    assert meta["date"] is None and out == blocks


@pytest.mark.parametrize(("line", "found"), [
    ("Published March 9, 2026", ("2026-03-09", None)),
    ("Published June 23, 2025 10:39AM", ("2025-06-23", None)),
    ("Published on 2021-01-18T19:55", ("2021-01-18", None)),
    ("Mar 27, 2025 5 mins", ("2025-03-27", None)),
    ("By Jayesh Shinde | Updated on 19-Dec-2025", ("2025-12-19", "Jayesh Shinde")),
    ("October 11, 2023 by Autumn Huerter", ("2023-10-11", "Autumn Huerter")),
    ("October 11, 2023 by the way", None),
    ("On May 6, 2025, I added a new top performer", None),
    ("Berlin, 5. Mai 2024", None),
    ("2025-12-19: FashionNova Jenny: Add support for Fedex", None),
])
def test_what_a_date_line_gives(line: str, found: tuple[str, str | None] | None) -> None:
    assert date_line(line) == found


def test_declared_author_comes_first_and_the_shown_date() -> None:
    source, blocks = _page(("Budget approved", Label.TITLE), ("By Role", Label.FURNITURE),
                           ("March 6, 2024", Label.FURNITURE), (PROSE, Label.BODY))
    declared = {"author": "Jane Doe, John Roe", "date": "2024-03-05T10:00:00Z",
                "url": "https://news.example/budget"}
    out, meta = extract_metadata(source, blocks, "en", declared)
    assert meta["author"] == "Jane Doe, John Roe"  # not the filter's "Role"
    assert meta["date"] == "2024-03-06"  # the day the page shows
    assert meta["source_url"] == "https://news.example/budget"
    assert out[1].label is Label.FURNITURE and out[2].reason == "metadata:date"
    # a declared date fills in where the text shows none; a junk declared author does not
    _, meta = extract_metadata(*_page((PROSE, Label.BODY)), "en",
                               {"author": "https://facebook.com/x", "date": "2024-03-05"})
    assert (meta["author"], meta["date"]) == (None, "2024-03-05")


def test_a_byline_that_shows_the_declared_author_is_metadata() -> None:
    source, blocks = _page(("Budget approved", Label.TITLE), ("By Jane Doe", Label.FURNITURE),
                           (PROSE, Label.BODY))
    out, meta = extract_metadata(source, blocks, "en", {"author": "Jane Doe"})
    assert meta["author"] == "Jane Doe" and out[1].reason == "metadata:author"


def test_a_name_alone_next_to_the_date_is_the_author() -> None:
    source, blocks = _page(("Budget approved", Label.TITLE), ("July 5, 2025", Label.FURNITURE),
                           ("Madison Green", Label.FURNITURE), (PROSE, Label.BODY))
    out, meta = extract_metadata(source, blocks, "en")
    assert (meta["author"], meta["date"]) == ("Madison Green", "2025-07-05")
    assert out[2].reason == "metadata:author"


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Tom Talbot October 14, 2025", "Tom Talbot"),
        ("Kristian Larsen July 13, 2025 \u2014 7 minutes read", "Kristian Larsen"),
        ("September 1, 2016 September 8, 2016 Autumn Adams", "Autumn Adams"),
        ("Dec 17, 2025 Julian K. Arni", "Julian K. Arni"),
        ("Last Updated May 2, 2024", None),
        ("Posted On May 2, 2024", None),
        ("Berlin, 5. Mai 2024", None),
        ("Susan December 9, 2024 0 Comments", None),  # one word: a user name, or a label
        ("Matt Eland on Dec. 13, 2025", "Matt Eland"),
    ],
    ids=lambda v: str(v)[:24],
)
def test_a_name_beside_its_date_is_the_author(line: str, author: str | None) -> None:
    source, blocks = _page(("Budget approved", Label.TITLE), (line, Label.FURNITURE),
                           (PROSE, Label.BODY))
    out, meta = extract_metadata(source, blocks, "en")
    assert meta["author"] == author and meta["date"] is not None
    assert out[1].label is Label.METADATA


def test_a_name_beside_a_later_date_is_metadata_of_the_author() -> None:
    source, blocks = _page(("Budget approved", Label.TITLE), ("March 3, 2025", Label.FURNITURE),
                           ("Tom Talbot October 14, 2025", Label.METADATA), (PROSE, Label.BODY))
    blocks[2] = replace(blocks[2], reason="lexicon:metadata")
    out, meta = extract_metadata(source, blocks, "en")
    assert (meta["author"], meta["date"]) == ("Tom Talbot", "2025-03-03")
    assert [b.reason for b in out[1:3]] == ["metadata:date", "metadata:author"]


def test_a_byline_comes_before_a_name_beside_a_date() -> None:
    source, blocks = _page(("Metasploit Wrap-Up 12/12/2025", Label.FURNITURE),
                           ("Weekly Metasploit Wrap-Up", Label.TITLE),
                           ("By Spencer McIntyre", Label.FURNITURE), (PROSE, Label.BODY))
    out, meta = extract_metadata(source, blocks, "en")
    assert (meta["author"], meta["date"]) == ("Spencer McIntyre", "2025-12-12")
    assert out[0].reason == "metadata:date" and out[2].reason == "metadata:author"


def test_a_name_alone_under_an_articles_headline_near_its_date() -> None:
    lines = (("How Machine Learning is Shaping Retail", Label.TITLE),
             ("Chirag Bhardwaj", Label.FURNITURE), ("VP - Technology", Label.FURNITURE),
             ("November 14, 2025", Label.FURNITURE), (PROSE, Label.BODY))
    out, meta = extract_metadata(*_page(*lines), "en", page_type="article")
    assert (meta["author"], meta["date"]) == ("Chirag Bhardwaj", "2025-11-14")
    assert out[1].reason == "metadata:author"
    # on other page types such a line is as often a section's or a product's name
    _, meta = extract_metadata(*_page(*lines), "en", page_type="collection")
    assert meta["author"] is None
    # and far from the date, too
    far = (lines[:3] + tuple((f"Section {k}", Label.FURNITURE) for k in range(3))
           + lines[3:])
    _, meta = extract_metadata(*_page(*far), "en", page_type="article")
    assert (meta["author"], meta["date"]) == (None, "2025-11-14")


def _below_header(line: str) -> tuple[tuple[str, Label], ...]:
    """An article's page: its title, four paragraphs, then ``line`` as furniture."""
    return (("Budget approved", Label.TITLE), *((PROSE, Label.BODY),) * 4,
            (line, Label.FURNITURE))


def test_an_articles_author_box_below_the_header_is_the_author() -> None:
    lines = (("Budget approved", Label.TITLE), (PROSE, Label.BODY), (PROSE, Label.BODY),
             (PROSE, Label.BODY), (PROSE, Label.BODY), ("Share this", Label.FURNITURE),
             ("Written by Autumn Huerter", Label.METADATA), ("Related posts", Label.FURNITURE),
             ("By Someone Else", Label.FURNITURE))
    out, meta = extract_metadata(*_page(*lines), "en", page_type="article")
    assert meta["author"] == "Autumn Huerter"  # the first one, not a teaser's below it
    assert out[6].reason == "metadata:author" and out[8].label is Label.FURNITURE
    # only under an article: a shop's reviews and a forum's posts are signed too
    _, meta = extract_metadata(*_page(*lines), "en", page_type="product")
    assert meta["author"] is None


@pytest.mark.parametrize(("line", "author"), [
    ("Posted by David at December 16, 2025 11:15 AM", "David"),
    ("By Scott Kasun", "Scott Kasun"),
    ("By Role", None),  # a filter menu's, and one word without "Written by"
    ("By Category By Manufacturer", None),
    ("By CategoryBy Manufacturer", None),  # the same menu from the markup
    ("By Sponsored by StackCommerce", None),
])
def test_what_a_byline_below_the_header_gives(line: str, author: str | None) -> None:
    lines = _below_header(line)
    _, meta = extract_metadata(*_page(*lines), "en", page_type="article")
    assert meta["author"] == author


@pytest.mark.parametrize(("line", "date"), [
    ("Friday, December 19, 2025", "2025-12-19"),
    ("Published On: 15 August 2025", "2025-08-15"),
    ("09/25/2025", "2025-09-25"),
    ("Published June 23, 2025 10:39AM", "2025-06-23"),  # a publishing cue, then its time
    ("June 19, 2025 at 1:45 am", None),  # a comment's
    ("Last updated on June 2, 2025", "2025-06-02"),  # an update's, where nothing else dates
    ("Happy September 17, 2025", None),
])
def test_a_date_line_below_an_articles_header(line: str, date: str | None) -> None:
    lines = _below_header(line)
    out, meta = extract_metadata(*_page(*lines), "en", page_type="article")
    assert meta["date"] == date
    assert (out[5].label is Label.METADATA) == (date is not None)
    # only under an article, and only where nothing above dates it
    _, meta = extract_metadata(*_page(*lines), "en", page_type="listing")
    assert meta["date"] is None
    dated = lines[:1] + (("March 5, 2024", Label.FURNITURE),) + lines[1:]
    _, meta = extract_metadata(*_page(*dated), "en", page_type="article")
    assert meta["date"] == "2024-03-05"


def test_a_publication_date_comes_before_an_updates() -> None:
    # in the header: the update's line first, the publication's after it
    source, blocks = _page(("Budget approved", Label.TITLE),
                           ("Last Updated: August 5, 2025", Label.FURNITURE),
                           ("March 17, 2024", Label.FURNITURE), (PROSE, Label.BODY))
    out, meta = extract_metadata(source, blocks, "en")
    assert meta["date"] == "2024-03-17"
    assert out[2].reason == "metadata:date" and out[1].reason == "metadata:updated"
    assert out[1].label is Label.FURNITURE
    # the update's date where nothing else dates the page, or the page's declared date
    source, blocks = _page(("Budget approved", Label.TITLE),
                           ("Last Updated: August 5, 2025", Label.FURNITURE), (PROSE, Label.BODY))
    _, meta = extract_metadata(source, blocks, "en")
    assert meta["date"] == "2025-08-05"
    _, meta = extract_metadata(source, blocks, "en", {"date": "2024-03-17T10:00:00Z"})
    assert meta["date"] == "2024-03-17"
    # a later declared date is no publication before the update
    _, meta = extract_metadata(source, blocks, "en", {"date": "2025-09-01"})
    assert meta["date"] == "2025-08-05"


def test_a_publishing_date_below_the_header_comes_before_an_update() -> None:
    lines = _below_header("Last updated on June 2, 2025") + (
        ("Published March 9, 2025", Label.HEADING),)
    out, meta = extract_metadata(*_page(*lines), "en", page_type="article")
    assert meta["date"] == "2025-03-09"
    assert out[-1].label is Label.METADATA and out[5].label is Label.FURNITURE


@pytest.mark.parametrize("line", ["GET IT", "The Day Before", "Read More", "Home",
                                  "Cleaning Industry Trends Today", "Share on X 2",
                                  "Author Jane Doe", "Last Updated"])
def test_what_is_not_a_name_alone(line: str) -> None:
    source, blocks = _page(("Budget approved", Label.TITLE), ("July 5, 2025", Label.FURNITURE),
                           (line, Label.FURNITURE), (PROSE, Label.BODY))
    out, meta = extract_metadata(source, blocks, "en")
    assert meta["author"] is None and out[2].label is Label.FURNITURE


def test_filter_menu_lines_far_apart_are_still_a_menu() -> None:
    lines = [("Customer stories", Label.TITLE), ("By Role", Label.FURNITURE)]
    lines += [(f"Option {k}", Label.FURNITURE) for k in range(6)]
    lines += [("By Industry", Label.FURNITURE), (PROSE, Label.BODY)]
    _, meta = extract_metadata(*_page(*lines), "en")
    assert meta["author"] is None


@pytest.mark.parametrize(
    ("text", "post"),
    [
        ("DaleJack September 5, 2024, 11:15pm 1", ("DaleJack", "2024-09-05")),
        ("Pepper Pot Jun 7, 2017 at 8:28 pm", ("Pepper Pot", "2017-06-07")),
        ("longshot · 03/03/2026 19:44", ("longshot", "2026-03-03")),
        ("Published May 2, 2024", None),
        ("Datum: 12.03.2024", None),
        ("Berlin, 5. Mai 2024", None),
        ("Friday, December 19, 2025", None),
        ("Nov. 3, 2024", None),
        ("Home 2024-01-02 Sale", None),
    ],
    ids=lambda v: str(v)[:20],
)
def test_post_header(text: str, post: tuple[str, str] | None) -> None:
    assert post_header(text) == post


def test_forum_threads_name_their_starter() -> None:
    lines = (("Messages in iCloud", Label.TITLE), ("Thread starter felixen", Label.FURNITURE),
             ("Start date Jul 9, 2022", Label.FURNITURE), (PROSE, Label.BODY))
    _, meta = extract_metadata(*_page(*lines), "en")
    assert (meta["author"], meta["date"]) == ("felixen", "2022-07-09")
    # XenForo's line under the title, also where the model kept it, and a label doubled
    lines = (("Messages in iCloud", Label.TITLE),
             ("Thread starter Thread starter boobaloobie", Label.BODY), (PROSE, Label.BODY))
    out, meta = extract_metadata(*_page(*lines), "en", page_type="forum")
    assert meta["author"] == "boobaloobie" and out[1].label is Label.BODY
    lines = (("Messages in iCloud", Label.TITLE),
             ("Discussion in ' Social Networks ' started by AjayJunkies, May 11, 2024.",
              Label.FURNITURE), (PROSE, Label.BODY))
    _, meta = extract_metadata(*_page(*lines), "en")
    assert (meta["author"], meta["date"]) == ("AjayJunkies", "2024-05-11")
    # a post's header the model kept as body is read on forum pages only, and stays body
    lines = (("Is changing the MSRV a breaking change?", Label.TITLE),
             ("sorairolake February 20, 2026, 4:55pm 1", Label.BODY), (PROSE, Label.BODY))
    out, meta = extract_metadata(*_page(*lines), "en", page_type="forum")
    assert (meta["author"], meta["date"]) == ("sorairolake", "2026-02-20")
    assert out[1].label is Label.BODY
    _, meta = extract_metadata(*_page(*lines), "en", page_type="article")
    assert meta["author"] is None


@pytest.mark.parametrize(("lines", "author"), [
    # vBulletin: the name, the rank, the details
    (("Print view", "7 posts \u2022 Page 1 of 1", "microfast", "Registered User",
      "Join Date: Mar 2016"), "microfast"),
    # phpBB: a label above the name, then the details
    (("Topic Author", "changingtimes", "Posts: 524", "Joined: Mon Jul 24, 2017 9:28 am"),
     "changingtimes"),
    # FluxBB, rendered as Markdown: the post's number and date are no name
    (("#1 2024-08-03 10:59:47", "__archuser38013__", "Member", "Registered: 2024-01-27"),
     "archuser38013"),
    (("E", "Ejp55230 __ Discussion starter", "3 posts \u00b7 Joined 2024"), "Ejp55230"),
    # no member's details: no author
    (("Print view", "microfast", "Registered User", "Reply"), None),
])
def test_a_forum_threads_first_poster_is_its_author(
        lines: tuple[str, ...], author: str | None) -> None:
    page = (("Turning off all LEDs", Label.TITLE),
            *((line, Label.FURNITURE) for line in lines), (PROSE, Label.BODY))
    out, meta = extract_metadata(*_page(*page), "en", page_type="forum")
    assert meta["author"] == author
    assert any(b.reason == "metadata:author" for b in out) == (author is not None)
    # on other pages such lines are no byline
    _, meta = extract_metadata(*_page(*page), "en", page_type="article")
    assert meta["author"] is None


def test_a_forum_threads_date_is_its_first_posts() -> None:
    # the post's header above its user, not the member's join date below it
    lines = (("Turning off all LEDs", Label.TITLE), ("#1 2025-11-01 15:14:37", Label.BODY),
             ("chunix64", Label.FURNITURE), ("Member", Label.FURNITURE),
             ("Registered: 2024-01-27", Label.FURNITURE), (PROSE, Label.BODY))
    _, meta = extract_metadata(*_page(*lines), "en", page_type="forum")
    assert (meta["author"], meta["date"]) == ("chunix64", "2025-11-01")
    # a member's details date no page, also where they lead
    lines = (("Turning off all LEDs", Label.TITLE), ("Topic Author", Label.FURNITURE),
             ("changingtimes", Label.FURNITURE), ("Posts: 524", Label.FURNITURE),
             ("Joined: Mon Jul 24, 2017 9:28 am", Label.FURNITURE), (PROSE, Label.BODY))
    _, meta = extract_metadata(*_page(*lines), "en", page_type="forum")
    assert (meta["author"], meta["date"]) == ("changingtimes", None)
    # a thread's start date that the model kept with the post
    lines = (("Turning off all LEDs", Label.TITLE),
             ("Start date Start date Jul 18, 2024", Label.BODY), (PROSE, Label.BODY))
    out, meta = extract_metadata(*_page(*lines), "en", page_type="forum")
    assert meta["date"] == "2024-07-18" and out[1].label is Label.BODY


def test_a_search_forms_by_label_is_not_a_byline() -> None:
    lines = (("Forum", Label.TITLE), ("By:", Label.FURNITURE),
             ("Search Advanced search…", Label.FURNITURE), (PROSE, Label.BODY))
    _, meta = extract_metadata(*_page(*lines), "en")
    assert meta["author"] is None
