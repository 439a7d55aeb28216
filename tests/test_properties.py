"""Properties of clean() over arbitrary input: it never crashes, never loses, never varies.

Hypothesis feeds arbitrary ``str`` and ``bytes`` and page-like text built from lines (prose
in several languages, caption and credit markers, bylines, URLs, Markdown, HTML fragments,
blank lines, CR/CRLF/LS line ends, NBSP and zero-width spaces). For every input ``clean()``
returns a Document or raises ``cleaner.InputError`` (never anything else); the blocks cover
every visible character of ``Document.source`` exactly once, in order; the result is the
same on every run and in every process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cleaner
from cleaner import Config, Document, InputError
from cleaner.decode import MAX_CONTROL_SHARE
from cleaner.lexicon import split_credit

PROPERTY_SETTINGS = settings(max_examples=100, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])
TEXT = Config(input_format="text")
#: Characters that may stand outside every block besides whitespace: the invisible ones
#: ``segment`` strips from line edges.
INVISIBLE = frozenset("\u00a0\u200b\ufeff\u3000")


# -- page-like text ---------------------------------------------------------------------

WORDS = {
    "en": "the council voted on Tuesday to build four new protected cycle lanes through centre "
          "after two years of consultation with residents and shop owners work is expected "
          "begin in spring".split(),
    "de": "der Stadtrat hat am Dienstag beschlossen vier neue Radwege durch die Innenstadt zu "
          "bauen Anwohner und Geschäftsleute wurden befragt Frühjahr Behörde".split(),
    "fr": "les élus ont voté mardi soir pour la création de quatre pistes cyclables dans le "
          "centre-ville après deux années de concertation avec riverains".split(),
    "ja": "市議会は 火曜日 住民や商店主との 協議を経て 自転車レーンを 新設することを "
          "可決した".split(),
}
MARKERS = [
    "Image caption", "Image copyright AFP", "Image copyright Getty Images", "Media caption",
    "Photo: Reuters", "(Photo by Jane Doe/AFP via Getty Images)", "Share on Facebook",
    "Home | News | Sport", "By Jane Doe", "Published: Jan 29, 2025", "Leave a comment",
    "Your email address will not be published. Required fields are marked *",
    "\u00a9 2024 Example News. All rights reserved.", "Related articles", "12 Comments",
    "This website uses cookies to improve your experience.", "Image caption Troops in Kabul",
    "View the original article: http://www.bbc.co.uk/news/world-asia-42664019",
]
FRAGMENTS = [
    "<p>", "</p>", "<div class='x'>", "</div>", "<br/>", "<a href='/news'>News</a>",
    "<img src='a.jpg' alt='A protest'>", "&amp;", "&nbsp;", "&#8217;", "<script>var x=1;</script>",
    "<!-- comment -->", "# Heading", "## Subheading", "* item", "1. first", "**bold**",
    "_emphasis_", "\\[escaped\\]", "[a link](http://example.com/a)",
    "![an image](http://example.com/i.jpg \"title\")", "[![alt](i.png)](http://x.y)",
    "caf\u00c3\u00a9 cr\u00c3\u00a8me", "http://www.example.com/news/story-123?x=1&y=2",
    "* \u2022 nested item", "+ - nested item", "* * *", "&amp;amp;", "&amp;lt;b&amp;gt;",
    "*   * [a nested link](http://example.com/b)",
]
EDGES = ["", "", " ", "  ", "\t", "\u00a0", "\u200b", "\ufeff", "\u3000"]
LINE_ENDS = ["\n", "\n", "\n", "\r\n", "\r", "\u2028", "\n\n"]
# Arbitrary short text, but no control characters (those may make a page "binary").
NOISE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = WORDS[draw(st.sampled_from(sorted(WORDS)))]
    chosen = draw(st.lists(st.sampled_from(words), min_size=1, max_size=30))
    sentence = " ".join(chosen)
    return sentence[:1].upper() + sentence[1:] + draw(st.sampled_from([".", ".", "!", "?", ""]))


def _glue(sentence: str, marker: str) -> str:
    return sentence + marker  # "...2018.Image copyright AFP": a marker glued to a sentence


LINE = st.one_of(
    sentences(),
    st.builds(lambda a, b: f"{a} {b}", sentences(), sentences()),
    st.sampled_from(MARKERS),
    st.builds(_glue, sentences(), st.sampled_from(MARKERS[:4])),
    st.sampled_from(FRAGMENTS),
    st.builds(lambda a, b: f"{a}{b}", st.sampled_from(FRAGMENTS), sentences()),
    st.just(""),
    NOISE,
)
DECORATED_LINE = st.builds(lambda lead, line, tail: lead + line + tail,
                           st.sampled_from(EDGES), LINE, st.sampled_from(EDGES))


@st.composite
def pages(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.tuples(DECORATED_LINE, st.sampled_from(LINE_ENDS)), max_size=40))
    return "".join(line + end for line, end in lines)


# -- what every Document must satisfy --------------------------------------------------


def assert_lossless(doc: Document) -> None:
    """Blocks are ordered, disjoint spans of ``doc.source``, each with something visible in
    it, that together hold every visible character of the source: what no block covers is
    whitespace or an invisible character."""
    source = doc.source
    covered = [False] * len(source)
    previous_end = 0
    for block in doc.blocks:
        assert previous_end <= block.start < block.end <= len(source), block
        raw = source[block.start:block.end]
        assert _words(raw), block
        assert raw[0] not in " \t" and raw[-1] not in " \t", block
        covered[block.start:block.end] = [True] * (block.end - block.start)
        previous_end = block.end
    lost = "".join(ch for ch, seen in zip(source, covered, strict=True) if not seen)
    assert all(ch.isspace() or ch in INVISIBLE for ch in lost), repr(lost[:80])
    # the same check as tests/test_pipeline.py, in words: no word lost, none duplicated
    joined = "".join(source[b.start:b.end] for b in doc.blocks)
    assert _words(joined) == _words(source)


def _words(text: str) -> str:
    return "".join(ch for ch in text if not (ch.isspace() or ch in INVISIBLE))


def assert_well_formed(doc: Document) -> None:
    assert isinstance(doc, Document)
    assert_lossless(doc)
    assert all(isinstance(b.label, cleaner.Label) and b.reason for b in doc.blocks)
    assert doc.body == "\n\n".join(b.text for b in doc.blocks
                                   if b.label in (cleaner.Label.BODY, cleaner.Label.HEADING)
                                   and b.text)
    json.loads(doc.to_json())  # serialisable, whatever the text
    assert_every_block_listed(doc)


def assert_every_block_listed(doc: Document) -> None:
    """Each block is in one place of ``to_dict(blocks=False)``: the title, the body, a
    caption (text, credit or alt text), a field of the metadata, or the furniture list."""
    label = cleaner.Label
    furniture = sum(b.label is label.FURNITURE for b in doc.blocks)
    assert len(doc.to_dict(blocks=False)["furniture"]) == furniture
    in_captions = " ".join(f"{c.text} {c.credit or ''} {c.alt or ''}" for c in doc.captions)
    for block in doc.blocks:
        if block.label is label.METADATA:
            assert block.reason.startswith("metadata:"), block  # it filled a field
        elif block.label in (label.CAPTION, label.CREDIT):
            assert _words(split_credit(block.text)[0])[:20] in _words(in_captions) \
                or (split_credit(block.text)[1] or "") in in_captions, block


def _control_share(text: str) -> float:
    sample = text[:65536]
    controls = sum(ch in "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15"
                   "\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f" for ch in sample)
    return controls / len(sample) if sample else 0.0


# -- never crash -------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(pages())
def test_page_like_text_always_gives_a_lossless_document(text: str) -> None:
    assert_well_formed(cleaner.clean(text))


@PROPERTY_SETTINGS
@given(pages())
def test_page_like_text_as_text_keeps_the_source_verbatim(text: str) -> None:
    doc = cleaner.clean(text, TEXT)
    assert doc.source == text
    assert_well_formed(doc)


@PROPERTY_SETTINGS
@given(pages())
def test_page_like_text_read_as_html_never_crashes(text: str) -> None:
    assert_well_formed(cleaner.clean(text, Config(input_format="html")))


@PROPERTY_SETTINGS
@given(st.text())
def test_any_string_gives_a_document_or_input_error(text: str) -> None:
    try:
        doc = cleaner.clean(text)
    except InputError:
        # refused only as binary data (the size limit is far away)
        assert _control_share(text) > MAX_CONTROL_SHARE
        return
    assert_well_formed(doc)


@PROPERTY_SETTINGS
@given(st.binary())
def test_any_bytes_give_a_document_or_input_error(data: bytes) -> None:
    try:
        doc = cleaner.clean(data)
    except InputError as error:
        assert isinstance(error, ValueError) and str(error)
        return
    assert_well_formed(doc)


@PROPERTY_SETTINGS
@given(pages().map(lambda page: page.encode("utf-8")))
def test_page_like_utf8_bytes_decode_to_the_same_text(data: bytes) -> None:
    doc = cleaner.clean(data, TEXT)
    text = data.decode("utf-8")
    assert doc.source == text.removeprefix("\ufeff")  # a leading BOM is not text
    assert_well_formed(doc)


@PROPERTY_SETTINGS
@given(pages(), st.sampled_from(["utf-16", "utf-32", "utf-8-sig"]))
def test_page_like_text_with_a_bom_decodes_to_the_same_text(text: str, encoding: str) -> None:
    doc = cleaner.clean(text.encode(encoding), TEXT)  # the codec writes its own BOM
    assert doc.source == text
    assert_well_formed(doc)


# -- deterministic -----------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(pages())
def test_output_is_deterministic(text: str) -> None:
    assert cleaner.clean(text).to_dict() == cleaner.clean(text).to_dict()


DETERMINISM_PAGE = (
    "Home | News | Sport\n"
    "Council approves new cycle lanes for the city centre\n"
    "By Jane Doe\n"
    "Published: Jan 29, 2025\n"
    "Cyclists on the ring road on January 5, 2024.Image copyright AFP\n"
    "Image caption Cyclists have asked for protected lanes for years\n"
    "The city council voted on Tuesday to build four new protected cycle lanes through the "
    "centre, after two years of consultation with residents and shop owners.\n"
    "Work is expected to begin in the spring and to last about eighteen months, the council "
    "said in a statement published after the vote.\n"
    "Der Stadtrat hat am Dienstag beschlossen, vier neue Radwege zu bauen.\n"
    "Related articles\n"
    "Share on Facebook\n"
    "\u00a9 2024 Example News. All rights reserved.\n"
)


def test_output_is_the_same_in_processes_with_different_hash_seeds() -> None:
    """Set and dict order vary with PYTHONHASHSEED; the Document must not."""
    script = textwrap.dedent("""
        import sys, cleaner
        print(cleaner.clean(sys.stdin.read()).to_json())
    """)
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", script], input=DETERMINISM_PAGE,
                                capture_output=True, text=True, env=env, check=True,
                                timeout=120)
        outputs.add(result.stdout)
    outputs.add(cleaner.clean(DETERMINISM_PAGE).to_json() + "\n")
    assert len(outputs) == 1


# -- idempotent (owned by classify/pipeline) ---------------------------------------------


@PROPERTY_SETTINGS
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), LINE), min_size=1, max_size=4))
@example(["* * *", "* \u2022 nested item"])  # five list markers: more than MAX_FIX_ROUNDS
@example(["Models \u00b6\u00b6 \u00b6\u00b6\u00b6", "\u00b6"])  # permalink marks, more than rounds
def test_fixing_a_fixed_text_changes_nothing(parts: list[str]) -> None:
    from cleaner.normalize import clean_text

    fixed, _ = clean_text(" ".join(parts), Config())
    assert clean_text(fixed, Config()) == (fixed, ())


@PROPERTY_SETTINGS
@given(pages())
def test_cleaning_the_body_again_returns_the_same_body(text: str) -> None:
    """By default (``Config.stable_body``). The documented exception: a body that starts
    like HTML ("<script>..." kept as text) is read as HTML when cleaned again under
    "auto"; cleaned again as text, it comes back unchanged."""
    from cleaner.html import looks_like_html

    body = cleaner.clean(text).body
    assert cleaner.clean(body, TEXT if looks_like_html(body) else None).body == body


@PROPERTY_SETTINGS
@given(pages())
def test_the_body_of_a_page_read_as_html_cleaned_again_as_text_is_unchanged(text: str) -> None:
    """A body found in HTML is text: cleaned again as text it comes back unchanged (the
    documented exception is cleaning it again *as HTML*)."""
    body = cleaner.clean(text, Config(input_format="html")).body
    assert cleaner.clean(body, TEXT).body == body


@PROPERTY_SETTINGS
@given(st.binary(max_size=2000))
def test_cleaning_the_body_of_bytes_again_returns_the_same_body(data: bytes) -> None:
    try:
        body = cleaner.clean(data).body
    except cleaner.InputError:
        return
    assert cleaner.clean(body).body == body
