"""HTML -> lines with DOM hints (cleaner.html) and the DOM features built on them."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.config import Config
from cleaner.features import DOM_FEATURE_NAMES, dom_features
from cleaner.html import HINT_NAMES, looks_like_html, render_html
from cleaner.normalize import normalize_blocks
from cleaner.segment import segment_text

PROSE = ("The council approved the budget on Tuesday after a long debate about the new "
         "library, which residents had asked for since the old one closed in 2015.")
PAGE = f"""<!doctype html>
<html lang="en-GB"><head><title>Budget approved | Town News</title>
<meta property="og:title" content="Budget approved">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example/budget">
<script type="application/ld+json">{{"@graph": [{{"headline": "Budget approved at last",
 "author": [{{"name": "J. Doe"}}], "datePublished": "2024-03-05"}}]}}</script>
<style>p {{ color: red }}</style></head>
<body>
<nav class="main-menu"><ul><li><a href="/">Home</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<main><article class="post-body">
<h1>Budget approved</h1>
<p>{PROSE}</p>
<p>{PROSE} <a href="/more">Read the council minutes</a>.</p>
<figure><img src="a.jpg" alt="The new library"><figcaption>The site in May</figcaption></figure>
</article>
<aside class="related-stories"><h2>Related</h2>
<p class="teaser"><a href="/x">Another story</a></p></aside>
</main>
<div id="cookie-banner" hidden>We use cookies.</div>
<footer class="site-footer"><p>Copyright 2024</p></footer>
<script>document.write("never rendered")</script>
</body></html>"""


def hint(rendering, line: str, name: str) -> float:
    lines = rendering.text.split("\n")
    return float(rendering.hints[lines.index(line), HINT_NAMES.index(name)])


@pytest.fixture(scope="module")
def page():
    return render_html(PAGE)


def test_lines_title_first_headings_marked_scripts_dropped(page) -> None:
    lines = page.text.split("\n")
    assert lines[0] == "Budget approved | Town News"
    assert "# Budget approved" in lines and "## Related" in lines
    assert "The new library" in lines and "The site in May" in lines
    assert "never rendered" not in page.text and "color" not in page.text
    assert page.hints.shape == (len(lines), len(HINT_NAMES))
    assert [page.text[s:].split("\n")[0] for s in page.line_starts] == lines


@pytest.mark.parametrize(
    ("line", "name", "value"),
    [
        ("Home", "in_nav", 1.0),
        ("Home", "class_nav", 1.0),
        ("Home", "own_class_nav", 0.0),  # the class is the <nav>'s, not the <li>'s
        ("Copyright 2024", "own_class_footer", 0.0),
        ("Home", "link_share", 1.0),
        ("Home", "owner_li", 1.0),
        (PROSE, "in_article", 1.0),
        (PROSE, "in_main", 1.0),
        (PROSE, "class_content", 1.0),
        (PROSE, "owner_p", 1.0),
        (PROSE, "in_nav", 0.0),
        (PROSE, "link_share", 0.0),
        ("# Budget approved", "heading_level", 1.0),
        ("The new library", "owner_alt", 1.0),
        ("The site in May", "owner_caption", 1.0),
        ("The site in May", "in_figure", 1.0),
        ("Another story", "in_aside", 1.0),
        ("Another story", "class_related", 1.0),
        ("Another story", "own_class_related", 1.0),
        ("We use cookies.", "hidden", 1.0),
        ("We use cookies.", "class_cookie", 1.0),
        ("Copyright 2024", "in_footer", 1.0),
        ("Copyright 2024", "class_footer", 1.0),
        ("Budget approved | Town News", "owner_title", 1.0),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_hints(page, line: str, name: str, value: float) -> None:
    assert hint(page, line, name) == value


def test_link_share_and_container_shares(page) -> None:
    linked = f"{PROSE} Read the council minutes."
    assert 0.1 < hint(page, linked, "link_share") < 0.3
    # the article holds most of the page's prose; the nav's list item holds none of it
    assert hint(page, PROSE, "container2_prose_share") > 0.9
    assert hint(page, "Home", "container1_prose_share") == 0.0
    assert hint(page, "Home", "container2_link_share") == 1.0


def test_main_container(page) -> None:
    assert hint(page, PROSE, "in_main_container") == 1.0
    assert hint(page, "Home", "before_main_container") == 1.0
    assert hint(page, "Copyright 2024", "after_main_container") == 1.0
    assert hint(page, "Copyright 2024", "in_main_container") == 0.0
    assert hint(page, "Home", "main_container_prose_share") == 1.0  # the article's two paragraphs


def test_repeated_templates(page) -> None:
    # the two menu items share a path of tags and classes; each is one element of one line
    assert hint(page, "Home", "log_template_lines") == pytest.approx(np.log1p(2))
    assert hint(page, "Home", "log_template_elements") == pytest.approx(np.log1p(2))
    assert hint(page, "Home", "log_container_lines") == pytest.approx(np.log1p(1))
    # the two paragraphs of the article share theirs; the headline stands alone
    assert hint(page, PROSE, "log_template_lines") == pytest.approx(np.log1p(2))
    assert hint(page, "# Budget approved", "log_template_lines") == pytest.approx(np.log1p(1))


def test_declared_metadata_prefers_json_ld(page) -> None:
    assert page.meta == {"title": "Budget approved at last", "author": "J. Doe",
                         "date": "2024-03-05", "url": "https://news.example/budget",
                         "language": "en-GB"}


@pytest.mark.parametrize(
    "markup",
    ['<html><head><script type="application/ld+json">{broken</script>'
     '<meta property="og:title" content="Fine"></head><body><p>x</p></body></html>',
     '<html><head><script type="application/ld+json">[1, "a", null, {"@graph": 3}]</script>'
     '<meta property="og:title" content="Fine"></head><body><p>x</p></body></html>'],
    ids=["malformed", "odd-shapes"],
)
def test_bad_json_ld_is_skipped(markup: str) -> None:
    assert render_html(markup).meta["title"] == "Fine"


def test_unparsable_or_empty_body_falls_back_to_tag_stripping() -> None:
    rendering = render_html("<html><body></body></html>")
    assert rendering.text == "" and not rendering.has_dom
    deep = "<div>" * 5000 + "deep text" + "</div>" * 5000
    rendering = render_html(deep)
    assert "deep text" in rendering.text and not rendering.has_dom


def test_what_follows_an_early_body_end_is_still_the_page() -> None:
    # A theme's header template closes body and html before the article, as a browser
    # reads it: the article is in the body (libxml2 alone drops it).
    markup = ("<html><body><header><nav><a href='/'>Home</a></nav></header></body></html>\n"
              "<main><h1>Six types of outsourcing</h1><p>When defined in the simplest way, "
              "HR is about people.</p></main></BODY></html >")
    lines = render_html(markup).text.splitlines()
    assert lines == ["Home", "# Six types of outsourcing",
                     "When defined in the simplest way, HR is about people."]


def test_dom_features_follow_blocks_to_their_lines(page) -> None:
    blocks = normalize_blocks(segment_text(page.text), Config())
    x = dom_features(blocks, page)
    assert x.shape == (len(blocks), len(DOM_FEATURE_NAMES))
    col = {name: i for i, name in enumerate(DOM_FEATURE_NAMES)}
    texts = [b.text for b in blocks]
    home = texts.index("Home")
    assert x[home, col["dom_in_nav"]] == 1.0
    assert x[home + 1, col["dom_in_link@-1"]] == 1.0  # "Sport" sees "Home" above it
    headline = texts.index("Budget approved")  # the "#" mark is normalised away
    assert x[headline, col["dom_heading_level"]] == 1.0
    assert x[headline, col["dom_declared_title_share"]] == 1.0
    assert x[headline, col["dom_declared_title"]] == 0.0  # og:title lost to the JSON-LD one
    without = dom_features(blocks, render_html("<div>" * 5000))
    assert np.all(without == -1.0)


def test_json_ld_nested_too_deep_is_passed_over() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    page = (f'<html><head><script type="application/ld+json">{deep}</script>'
            f'<meta property="og:title" content="Declared"></head><body><p>{PROSE}</p>'
            "</body></html>")
    assert render_html(page).meta["title"] == "Declared"


def test_a_tag_with_too_many_attributes_is_cut_not_parsed_for_minutes() -> None:
    """libxml2 takes time quadratic in a tag's attributes (60,000: about 10 s, in C, where
    the per-page time limit cannot stop it in-process): a tag keeps its first 1,000."""
    from cleaner.html import MAX_TAG_ATTRIBUTES, _trim_long_tags

    many = " ".join(f'a{i}="1"' for i in range(60_000))
    page = f"<html><body><p>Before.</p><div {many}>Inside.</div><p>After.</p></body></html>"
    trimmed = _trim_long_tags(page)
    assert trimmed.count("=") == MAX_TAG_ATTRIBUTES
    assert render_html(page).text.split("\n") == ["Before.", "Inside.", "After."]
    # a long tag of few attributes (an image inlined as a data URI) is left whole
    image = '<img src="data:image/png;base64,' + "A" * 50_000 + '" alt="A harbour at dawn">'
    assert _trim_long_tags(image) == image


def test_sniffing() -> None:
    assert looks_like_html(PAGE)
    assert not looks_like_html("Budget approved\n" + PROSE)
    # comments before the document's first tag are passed over, each to its first "-->"
    assert looks_like_html("\ufeff <!-- build 7 -->\n<!---->\n<!DOCTYPE html><p>x</p>")
    assert not looks_like_html("<!-- a --> Budget approved <!-- b --> <html>")
    assert not looks_like_html("<!-- a comment that never ends <html>")
    # 13 of the 2,157 dev pages opened so and were read as text under "auto"
    assert looks_like_html('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC '
                           '"-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd"><html><body>x')
    assert looks_like_html("<style>" + "body { margin: 0 } " * 300 + "</style><p>x</p>")
    assert looks_like_html("<script>var a = 1;</script>\n<div>x</div>")
    assert looks_like_html("<br />\n<b>Warning</b>: Undefined variable $x in <b>/srv/a.php"
                           "</b> on line <b>3</b><br />\n<!DOCTYPE html>\n<html lang=de>")


def test_sniffing_many_comments_takes_no_time() -> None:
    r"""A regex with ``(?:<!--.*?-->\s*)*`` took time exponential in the comments: forty
    empty comments before some text held ``clean()`` for days."""
    import time

    start = time.perf_counter()
    assert not looks_like_html("<!---->" * 5000 + "Hello world.")
    assert looks_like_html("<!---->" * 500 + "<html><body>x</body></html>")
    assert time.perf_counter() - start < 5  # linear: milliseconds; the regex: never ends


def test_clean_reads_html_with_the_html_model() -> None:
    import cleaner

    doc = cleaner.clean(PAGE.encode("utf-8"))
    assert doc.metadata["input_format"] == "html"
    assert PROSE in doc.body
    assert "Home" not in doc.body.split("\n") and "Copyright 2024" not in doc.body
    assert "never rendered" not in doc.source
    assert doc.metadata["source_url"] == "https://news.example/budget"  # declared only
    # every line of the rendering is in exactly one block
    assert "".join(b.text for b in doc.blocks).replace(" ", "") == \
        "".join(line.lstrip("# ") for line in doc.source.split("\n")).replace(" ", "")


def test_the_body_of_an_html_page_cleaned_again_is_unchanged() -> None:
    """The stable body (the default) holds for HTML input: the body is text, sniffed as
    such when it is cleaned again."""
    import cleaner

    body = cleaner.clean(PAGE.encode("utf-8")).body
    assert PROSE in body
    again = cleaner.clean(body)
    assert again.metadata["input_format"] == "text"
    assert again.body == body


def test_a_table_row_is_one_line_and_regions_count_their_prose() -> None:
    long = " ".join(["word"] * 30)
    rendering = render_html(
        "<html><body><table><tr><td>Team</td><td>5</td><td>17</td></tr>"
        "<tr><td><p>a</p><p>b</p></td></tr></table>"
        f"<footer class='site-info'><p>{long}</p></footer><div class='detail'><p>{long}</p></div>"
        "</body></html>")
    assert rendering.text.split("\n")[:3] == ["Team 5 17", "a", "b"]
    footer, body = rendering.text.split("\n")[3:]
    row = {name: rendering.hints[3, i] for i, name in enumerate(HINT_NAMES)}
    assert row["region_prose_share"] == 0.5 and row["template_prose_share"] == 0.5
    assert row["near_class_meta"] == 1.0  # "site-info"
    row = {name: rendering.hints[4, i] for i, name in enumerate(HINT_NAMES)}
    assert row["region_prose_share"] == 0.0  # outside any region
    assert row["class_sidebar"] == 0.0  # "detail" holds "rail" inside a word


# -- arbitrary DOMs: never a crash, never a lost word ------------------------------------

TAGS = ["div", "p", "span", "a", "table", "tr", "td", "th", "ul", "li", "nav", "footer",
        "header", "aside", "noscript", "dialog", "figure", "figcaption", "img", "h1", "h3",
        "strong", "br", "section", "article", "main", "form", "button", "pre", "code",
        "template", "script", "style", "svg"]
ATTRIBUTES = st.sampled_from([
    "", " class='comment-list'", " class='detail rail tags'", " id='main'", " role='navigation'",
    " hidden", " aria-hidden='true'", " style='display: none'", " class=''", " alt='A photo'",
    " class='" + " ".join(f"x{i}" for i in range(300)) + "'", " role='ROLE'", " itemprop='x'",
])
WORDS_HTML = st.sampled_from(["Budget", "approved", "&amp;", "\u00a0", "Ünïcödé", "東京",
                              "a b c", "   ", "\u200b", "<", ">", "'\"", PROSE[:60]])


@st.composite
def doms(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 5 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            inner = draw(doms(depth + 1))
            parts.append(f"<{tag}{draw(ATTRIBUTES)}>{inner}</{tag}>")
        else:
            parts.append(draw(WORDS_HTML))
    return "".join(parts)


JSON_LD = st.sampled_from([
    "", '<script type="application/ld+json">{"headline": ["x"], "author": 3}</script>',
    '<script type="application/ld+json">{"@graph": {"@graph": [{"headline": null}]}}</script>',
    '<script type="application/ld+json">[[[[]]]]</script>',
    '<meta property="og:title"><meta name="author" content="">',
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doms(), JSON_LD)
def test_any_dom_gives_a_lossless_document(body: str, head: str) -> None:
    import cleaner

    markup = f"<!doctype html><html><head><title>T</title>{head}</head><body>{body}</body></html>"
    doc = cleaner.clean(markup, cleaner.Config(input_format="html"))
    source, end = doc.source, 0
    for block in doc.blocks:  # ordered, disjoint spans that hold every visible character
        assert end <= block.start < block.end <= len(source)
        end = block.end
    visible = "".join(source.split()).replace("\u200b", "")
    assert "".join("".join(source[b.start:b.end] for b in doc.blocks).split()).replace(
        "\u200b", "") == visible
    doc.to_json()
    rendering = render_html(markup)
    assert rendering.text == doc.source
    assert rendering.hints.shape == (len(rendering.line_starts), len(HINT_NAMES))
    assert np.isfinite(rendering.hints).all()


def test_json_ld_names_every_author() -> None:
    page = render_html('<html><head><script type="application/ld+json">{"headline": "H", '
                       '"author": [{"name": "Jane Doe"}, {"name": "John Roe"}, "Max Mustermann"]}'
                       '</script></head><body><p>x</p></body></html>')
    assert page.meta["author"] == "Jane Doe, John Roe, Max Mustermann"


def test_guess_date_reads_the_markup_and_never_fetches(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.html import guess_date

    htmldate_utils = pytest.importorskip("htmldate.utils")

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("htmldate tried to fetch a URL")

    monkeypatch.setattr(htmldate_utils, "fetch_url", no_network)
    page = ('<html><head><meta property="og:type" content="article"></head><body>'
            '<article><time datetime="2024-03-05T10:00">5 March</time><p>x</p></article>'
            '</body></html>')
    assert guess_date(page) == "2024-03-05"
    assert guess_date("https://news.example/2024/03/05/budget") in (None, "2024-03-05")
    assert guess_date("") is None


def test_an_html_page_without_a_date_in_its_text_gets_the_markups() -> None:
    import cleaner

    page = (f'<html><head><title>Budget</title></head><body><article><h1>Budget</h1>'
            f'<time datetime="2024-03-05">Tuesday</time><p>{PROSE}</p><p>{PROSE}</p>'
            f'</article></body></html>')
    assert cleaner.clean(page).metadata["date"] == "2024-03-05"


def test_the_byline_element_names_the_author_when_nothing_else_does() -> None:
    import cleaner

    page = ('<html><head><title>Budget</title></head><body><article><h1>Budget approved</h1>'
            '<div class="post-meta"><span class="author-name">Posted by:Jane Doe</span></div>'
            f'<p>{PROSE}</p><p>{PROSE}</p></article></body></html>')
    assert render_html(page).meta["byline"] == "Posted by:Jane Doe"
    assert cleaner.clean(page).metadata["author"] == "Jane Doe"
    # "authorize" is not an author word, and a long text is not a byline
    page = ('<html><body><div class="authorize-form">Jane Doe</div>'
            '<div class="byline">' + "word " * 12 + f'</div><p>{PROSE}</p></body></html>')
    assert "byline" not in render_html(page).meta


def test_class_words_read_the_same_from_a_warm_memo_and_the_memo_is_bounded() -> None:
    """The class names matched on one page are remembered for the next (``_VOCAB_MEMO``):
    a page reads the same whether they were seen before or not, and the memo is cleared
    when it is full."""
    from cleaner import html

    page = ('<html><body><nav class="site-nav menu">Home About</nav><article class="entry '
            'post-body"><p class="lead">' + PROSE + '</p></article><footer id="colophon" '
            'class="footer">Copyright</footer></body></html>')
    html._VOCAB_MEMO.clear()
    cold = render_html(page)
    assert html._VOCAB_MEMO  # it remembers what the page named
    warm = render_html(page)
    assert cold.text == warm.text and np.array_equal(cold.hints, warm.hints)
    for i in range(html.VOCAB_MEMO_SIZE + 1):
        html._VOCAB_MEMO[f"name-{i}"] = 0
    again = render_html(page)
    assert len(html._VOCAB_MEMO) < 100 and np.array_equal(again.hints, cold.hints)

def test_an_svg_left_open_does_not_swallow_the_rest_of_the_page() -> None:
    """libxml2 nests what follows an unclosed ``<svg>`` inside it; a browser leaves the SVG
    at the first HTML block or phrase tag. The page's text after it is rendered, in order,
    and the icon's own text (its ``<title>``) is not, nor taken for the page's title."""
    second = "The second paragraph came after an icon that the page never closed."
    third = "A third paragraph, nested deeper, which a browser shows after the second."
    page = (f'<html><body><h1>The story</h1><p>{PROSE}</p><svg viewBox="0 0 9 9">'
            f'<path d="M0 0L9 9"><title>share icon</title><p>{second}</p><div><p>{third}'
            '</p></div></body></html>')
    rendering = render_html(page)
    assert rendering.text.splitlines() == ["# The story", PROSE, second, third]
    # an SVG whose <desc> or <foreignObject> holds HTML is a picture: dropped whole
    for holder in ("desc", "foreignObject"):
        picture = (f"<html><body><p>{PROSE}</p><svg><g><{holder}><p>A label of the chart."
                   f"</p></{holder}></g></svg><p>{second}</p></body></html>")
        assert render_html(picture).text.splitlines() == [PROSE, second]

def test_bracketed_utility_classes_name_nothing() -> None:
    # Tailwind's "[&_figcaption]:mt-xs" styles the element's figcaptions and
    # "max-w-[var(--footer-width)]" is an arbitrary value: neither makes the paragraphs
    # inside a caption or a footer; the plain "caption" class after them still counts.
    paragraph = "Embedding model inference often struggles with short requests."
    rendering = render_html(
        '<html><body><div class="[&_figcaption]:mt-xs lg:[&_figure]:my-xl '
        f'max-w-[var(--footer-width)]"><p>{paragraph}</p>'
        '<p class="caption">A chart of latency.</p></div></body></html>')
    for name in ("class_caption", "class_media", "class_footer"):
        assert hint(rendering, paragraph, name) == 0.0
    assert hint(rendering, "A chart of latency.", "class_caption") == 1.0


@pytest.mark.parametrize("value", [
    "readnext read-next", "ads4 x4ad ad-slot", "post-body postbody posted", "metadata meta",
    "sidebar-ads side-bar", "text-muted context main-nav domain", "docs doc-nav docstring",
    "entry-content menu-item-4567 comment-reply-link", "[&_figcaption]:mt-2 caption-text",
    "x-main", "api-ref rapid", "tags tag-cloud stag", "info infobox", "nothing-here 123",
    # candidate places where the full pattern fails (lookarounds) before one where it holds
    "readvert shadow-metadata reprint-print badge-ads-box tagsmeta-date xapi-api",
])
def test_class_words_read_as_the_plain_alternation_reads_them(value: str) -> None:
    """The renderer's class-word search (the full pattern tried only where one of the
    words' literals starts) names the kinds the kinds' plain alternation of named groups
    names, scanned from the start of each name."""
    import re

    from cleaner import html

    plain = re.compile("|".join(f"(?P<{kind}>{words})"
                                for kind, words in html.VOCABULARY.items()))
    expected = 0
    for name in value.lower().split():
        words = html._BRACKETED.sub("", name)
        for match in plain.finditer(words):
            expected |= html._VOCAB_BIT[match.lastgroup or ""]
    html._VOCAB_MEMO.clear()
    assert html._LineRenderer()._vocab(value) == expected


_HEADINGS_PAGE = """<!doctype html><html><head><title>Hammocks, tested</title></head><body>
<article><h1>Hammocks, tested</h1>
<p>We slept a night in each of nine hammocks in the woods of the midwest, and people from
five foot five to five foot eleven told us how they felt by the morning.</p>
<h2>Warbonnet Blackbird</h2>
<p>Price: $175</p>
<ul><li>Lightweight</li><li>Ample gear storage</li></ul>
<div role="heading" aria-level="3">Our verdict</div>
<div role="heading" aria-level="3">What we would change, and why.</div>
<p>The Blackbird is the lightest hammock we tested and the best balance of weight and
comfort, with room to stretch out and a shelf for the night's gear.</p>
</article></body></html>"""


def test_on_an_html_page_the_markup_names_the_headings() -> None:
    """Short capitalised lines without a stop are headings in text (a guess); in HTML a
    heading element or ARIA role is, and a list item or spec line stays a paragraph."""
    from cleaner.classify import _dom_structure
    from cleaner.document import Label

    rendering = render_html(_HEADINGS_PAGE)
    blocks = normalize_blocks(segment_text(rendering.text), Config())
    # every line a heading, as the text guess might call them
    guessed = [b.relabel(Label.HEADING, "model:body") for b in blocks]
    labels = {b.text: b.label for b in _dom_structure(guessed, rendering)}
    assert labels["Warbonnet Blackbird"] is Label.HEADING  # <h2>
    assert labels["Our verdict"] is Label.HEADING  # role="heading"
    for line in ("Price: $175", "Lightweight", "Ample gear storage"):
        assert labels[line] is Label.BODY, line
    # a marked-up heading is one even where the guess would not say so (a closing stop)
    paragraphs = [b.relabel(Label.BODY, "model:body") for b in blocks]
    labels = {b.text: b.label for b in _dom_structure(paragraphs, rendering)}
    assert labels["What we would change, and why."] is Label.HEADING
    assert labels["Price: $175"] is Label.BODY
    # the body lines of an <li> are list items, the others not
    items = {b.text for b in _dom_structure(paragraphs, rendering) if b.list_item}
    assert items == {"Lightweight", "Ample gear storage"}
    # lines outside the body are not touched
    assert _dom_structure([b.relabel(Label.FURNITURE, "x") for b in blocks], rendering) == \
        [b.relabel(Label.FURNITURE, "x") for b in blocks]


def test_clean_labels_no_list_item_of_an_html_page_a_heading() -> None:
    import cleaner
    from cleaner.document import Label
    from cleaner.output import render_markdown

    doc = cleaner.clean(_HEADINGS_PAGE)
    labels = {b.text: b.label for b in doc.blocks}
    assert labels["Warbonnet Blackbird"] is Label.HEADING
    for line in ("Price: $175", "Lightweight", "Ample gear storage"):  # kept, as paragraphs
        assert labels[line] is Label.BODY, line
    markdown = render_markdown(doc)
    assert "## Warbonnet Blackbird" in markdown
    assert "## Price" not in markdown and "## Lightweight" not in markdown
    assert "Price: $175\n\n- Lightweight\n- Ample gear storage\n\n" in markdown  # one list
