"""Cross-page boilerplate: sites, block keys, counting, relabelling and its guards.

The documents are built by hand (every block labelled as a page-by-page model might have
left it) so that these tests see the pass alone, not the classifier.
"""

from __future__ import annotations

import json

import pytest

import cleaner
from cleaner import Kind, Label
from cleaner.document import Block, Document
from cleaner.pipeline import assemble_document
from cleaner.sitewide import (
    REASON,
    SiteCounts,
    SitewideRules,
    block_key,
    mark_repeated,
    remove_site_boilerplate,
    site_of,
)

_WORDS = ("river bridge market school harbour library station orchard museum ferry mill "
          "chapel quarry meadow canal tower garden forest valley island").split()


def page(lines: list[tuple[str, Label]]) -> Document:
    """A Document whose blocks are ``lines`` with the given labels."""
    text = "\n".join(t for t, _ in lines) + "\n"
    blocks, start = [], 0
    for line, label in lines:
        reason = "model:title" if label is Label.TITLE else (
            "model:furniture" if label is Label.FURNITURE else "model:body")
        blocks.append(Block(line, start, start + len(line), label=label, reason=reason,
                            kind=Kind.OTHER if label is Label.FURNITURE else None))
        start += len(line) + 1
    return assemble_document(text, blocks, "en")


def unique(n: int, k: int = 0) -> str:
    """Paragraph ``k`` of page ``n``, found on no other page (``n``, ``k`` < 20; words, not
    numbers, since block keys read every digit as 0)."""
    return (f"The {_WORDS[n]} story was told in the {_WORDS[k]} part of the paper, and "
            f"people talked about it.")


MENU = "Home News Sport Culture Contact"
NEWSLETTER = "Sign up for our newsletter and get the best stories every morning."
ABOUT = ("The Courier has covered the valley since 1891 and is owned by a charitable trust "
         "that reinvests all of its income in local reporting for the towns of the valley.")


def site_page(n: int, *extra: tuple[str, Label]) -> Document:
    return page([("Courier", Label.TITLE), (MENU, Label.BODY), (unique(n), Label.BODY),
                 (NEWSLETTER, Label.BODY), (unique(n, 1), Label.BODY), *extra,
                 (ABOUT, Label.BODY)])


def relabelled(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.reason == REASON]


# --- sites and keys ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "site"),
    [("https://www.Example.com:8080/a?b=c", "example.com"),
     ("http://news.example.co.uk/x", "news.example.co.uk"),
     ("example.org/path", "example.org"),
     ("http://web.archive.org/web/20191110/https://www.bbc.co.uk/news/x", "bbc.co.uk"),
     # an archived copy of an archived copy, 3,000 deep (it used to recurse per level)
     ("http://web.archive.org/web/1/" * 3000 + "example.com/", "example.com"),
     ("http://web.archive.org/about", "web.archive.org"),
     ("https://EXAMPLE.com./", "example.com"),
     ("", None), (None, None), ("not a url", None), ("https:///path-only", None)],
)
def test_site_of(url: str | None, site: str | None) -> None:
    assert site_of(url) == site


def test_block_key_normalises_case_digits_punctuation_and_spacing() -> None:
    assert block_key("© 2024 The Courier. All rights reserved!") == block_key(
        "© 2025  the courier — all RIGHTS reserved")
    assert block_key("Page 1 of 3") == block_key("Page 2 of 9")
    assert block_key("Home") != block_key("Homes")
    assert block_key("— · —") is None
    assert isinstance(block_key("x"), int) and block_key("x") == block_key("X")


def test_site_counts_count_a_block_once_per_page_and_merge() -> None:
    a = page([(MENU, Label.BODY), (MENU, Label.BODY), (unique(1), Label.BODY),
              ("Footer text here", Label.FURNITURE)])
    b = page([(MENU, Label.BODY), (unique(2), Label.BODY)])
    counts, other = SiteCounts(), SiteCounts()
    counts.add("s", a)
    other.add("s", b)
    other.add("t", b)
    counts.merge(other)
    assert counts.pages == {"s": 2, "t": 1}
    assert counts.keys["s"][block_key(MENU)] == 2  # type: ignore[index]
    assert block_key("Footer text here") not in counts.keys["s"]  # only body blocks count
    assert counts.repeated("s") == {block_key(MENU): 2}
    assert counts.repeated("t") == {}  # one page cannot repeat
    assert counts.repeated("nowhere") == {}


# --- relabelling -------------------------------------------------------------------------


def test_template_blocks_become_furniture_and_the_rest_is_untouched() -> None:
    docs = [site_page(n) for n in range(6)]
    after = remove_site_boilerplate(("courier", d) for d in docs)
    for before, doc in zip(docs, after, strict=True):
        assert relabelled(doc) == [MENU, NEWSLETTER, ABOUT]
        assert doc.body == before.body.replace(MENU + "\n\n", "").replace(
            "\n\n" + NEWSLETTER, "").replace("\n\n" + ABOUT, "")
        assert [b.span for b in doc.blocks] == [b.span for b in before.blocks]
        assert doc.source == before.source and doc.title == "Courier"
        kinds = {b.text: b.kind for b in doc.blocks if b.reason == REASON}
        assert kinds[MENU] is Kind.NAVIGATION
        assert kinds[NEWSLETTER] is Kind.NEWSLETTER
        assert all(b.label is Label.FURNITURE for b in doc.blocks if b.reason == REASON)


def test_pages_without_a_site_and_sites_without_repeats_come_back_as_they_were() -> None:
    lonely = site_page(1)
    other = [page([(unique(n), Label.BODY), (unique(n, 1), Label.BODY)]) for n in range(3)]
    after = remove_site_boilerplate([(None, lonely), *(("other", d) for d in other)])
    assert after[0] is lonely
    assert all(a is b for a, b in zip(after[1:], other, strict=True))


def test_a_sentence_on_a_few_of_many_pages_stays() -> None:
    stock = "The council did not respond to a request for comment before publication."
    docs = [site_page(n, *([(stock, Label.BODY)] if n < 3 else [])) for n in range(10)]
    after = remove_site_boilerplate(("courier", d) for d in docs)
    assert all(stock in d.body for d in after[:3])
    assert all(relabelled(d) == [MENU, NEWSLETTER, ABOUT] for d in after)


@pytest.mark.parametrize(("pages_with_quote", "dropped"), [(3, False), (5, True)])
def test_a_long_paragraph_alone_in_the_body_needs_more_pages(
    pages_with_quote: int, dropped: bool
) -> None:
    quote = ('"We were told for years that the bridge would be repaired before the floods, '
             'and every year the same promise was made again by the same people at the same '
             'meeting," said one resident.')
    rules = SitewideRules()
    assert len(quote.split()) >= rules.min_long_words
    docs = [site_page(n, (quote, Label.BODY), (unique(n, 2), Label.BODY))
            if n < pages_with_quote else site_page(n) for n in range(6)]
    after = remove_site_boilerplate(("courier", d) for d in docs)
    assert (quote not in after[0].body) is dropped
    # The same paragraph in a run of boilerplate goes either way.
    in_a_run = [site_page(n, (NEWSLETTER + " Now.", Label.BODY), (quote, Label.BODY))
                if n < pages_with_quote else site_page(n) for n in range(6)]
    assert quote not in remove_site_boilerplate(("c", d) for d in in_a_run)[0].body


def test_a_heading_over_unique_text_stays() -> None:
    docs = [page([("Parameters", Label.HEADING), (unique(n), Label.BODY),
                  ("Related pages", Label.HEADING), (MENU, Label.BODY)]) for n in range(4)]
    after = remove_site_boilerplate(("docs", d) for d in docs)
    for doc in after:
        assert doc.headings == ["Parameters"]
        assert relabelled(doc) == ["Related pages", MENU]


def test_two_copies_of_one_page_are_left_alone() -> None:
    article = [(unique(1, k), Label.BODY) for k in range(5)]
    copy_a = page([(MENU, Label.BODY), *article])
    copy_b = page([(MENU, Label.BODY), *article])
    after = remove_site_boilerplate([("s", copy_a), ("s", copy_b)])
    assert after[0] is copy_a and after[1] is copy_b
    # With other pages of the site around, the menu still goes and the article stays.
    others = [page([(MENU, Label.BODY), (unique(n), Label.BODY)]) for n in range(5, 9)]
    after = remove_site_boilerplate(("s", d) for d in [copy_a, copy_b, *others])
    assert relabelled(after[0]) == [MENU]
    assert all(text in after[0].body for text, _ in article)


def test_thresholds_are_read_from_the_rules() -> None:
    docs = [site_page(n) if n < 2 else page([(unique(n), Label.BODY),
                                              (unique(n, 1), Label.BODY)]) for n in range(6)]
    # Template on 2 of 6 pages: under the default share of one half...
    assert all(relabelled(d) == [] for d in remove_site_boilerplate(("s", d) for d in docs))
    # ...over a share of one quarter.
    loose = SitewideRules(min_share=0.25)
    assert relabelled(remove_site_boilerplate((("s", d) for d in docs), loose)[0]) == [
        MENU, NEWSLETTER, ABOUT
    ]
    strict = SitewideRules(min_share=0.25, min_pages=3)
    assert relabelled(remove_site_boilerplate((("s", d) for d in docs), strict)[0]) == []


def test_mark_repeated_on_real_cleaned_pages_keeps_the_partition() -> None:
    texts = [f"Courier\n{MENU}\n{unique(n)}\n{unique(n, 1)}\n{NEWSLETTER}\n" for n in range(4)]
    docs = [cleaner.clean(t) for t in texts]
    counts = SiteCounts()
    for doc in docs:
        counts.add("c", doc)
    for doc in docs:
        out = mark_repeated(doc, counts.repeated("c"))
        assert [(b.text, b.span) for b in out.blocks] == [(b.text, b.span) for b in doc.blocks]
        assert all(b.label is Label.FURNITURE for b in out.blocks if b.reason == REASON)
        assert out.metadata["language"] == doc.metadata["language"]


def test_documents_read_back_from_json_are_relabelled_as_the_originals() -> None:
    """A crawl cleaned to JSONL (``--keep-source``) can get its cross-page pass later."""
    links = ("More from the valley: [the bridge reopens after repairs in the spring](/a) "
             "and [a new ferry timetable for the summer months](/b)")
    texts = [f"Courier\n{unique(n)}\n{unique(n, 1)}\n{links}\n{unique(n, 2)}\n{ABOUT}\n"
             for n in range(6)]
    docs = [cleaner.clean(t) for t in texts]
    stored = [Document.from_dict(json.loads(d.to_json(source=True))) for d in docs]
    first = remove_site_boilerplate(("c", d) for d in docs)
    again = remove_site_boilerplate(("c", d) for d in stored)
    # the kind of a repeated line of links comes from its link characters
    assert [(b.kind, b.text[:10]) for b in first[0].blocks if b.reason == REASON] == [
        (Kind.NAVIGATION, "More from "), (Kind.OTHER, "The Courie")]
    assert [[(b.label, b.kind, b.reason) for b in d.blocks] for d in again] == [
        [(b.label, b.kind, b.reason) for b in d.blocks] for d in first]
