"""HTML -> text lines with DOM hints; the only module that touches lxml.

Owns sniffing whether an input is HTML and rendering it to one line per block element, the
way ``html_text`` does (the ``<title>`` first, then the ``<body>``; scripts, styles and
templates dropped; headings marked ``#`` as in Markdown), together with what the DOM says of
every line: the element that holds it, the landmarks and class/id words of its ancestors,
how much of it is link text, how much of the page's text its containers hold, and the
page's declared title, author, date, URL and language (meta tags, JSON-LD) with the text of
its byline element; and, where the page neither shows nor declares a date, htmldate's guess
from its markup (``guess_date``). It makes no judgements: ``features`` turns the hints into
numbers and ``classify`` decides. Parsing never fetches or executes anything (no network, no
external entities).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from typing import Any

import numpy as np

from .document import without_surrogates

#: How an HTML document opens, after any comments (``_opening``).
_HTML_START = re.compile(
    r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>]"
    r"|<(?:script|style|link)[\s>]|<br\s*/?>",  # code first; a server's "<br />" warning
    re.IGNORECASE,
)
_MARKUP = re.compile(r"</?(?:p|div|span|a|br|table|li|ul|h[1-6]|img|section|article)\b[^>]*>",
                     re.IGNORECASE)
#: Elements that cut a line. Table cells do not: a row is one line, as in html_text (a
#: standings table came out one number per line); block elements inside a cell still cut.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol option p pre section "
    "summary table tbody tfoot thead title tr ul".split()
)
#: Never rendered. ``<noscript>`` is: forums such as Discourse serve their posts to crawlers
#: there, and a hint marks it.
_DROP_TAGS = ("script", "style", "template", "svg", "iframe", "object", "head")
_TAG = re.compile(r"<(?:/?([A-Za-z][A-Za-z0-9]{0,20}))?[^<>]{0,10000}>")
#: Inline elements: the fallback rendering does not cut a line at them.
_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small span strong sub "
    "sup time tt u var wbr".split()
)
_DROP_OPEN = re.compile(r"<(script|style|template)\b", re.IGNORECASE)
_DROP_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
               for name in ("script", "style", "template")}
_SPACES = re.compile(r"[ \t\r\n\f\v]+")

#: Landmarks: an element (or its ARIA role) that puts everything inside it in one region.
LANDMARKS = ("nav", "header", "footer", "aside", "form", "article", "main", "figure", "list",
             "table", "link", "control", "heading", "quote", "pre", "figcaption", "address",
             "dialog", "noscript")
_LANDMARK_OF_TAG = {
    "nav": "nav", "header": "header", "footer": "footer", "aside": "aside", "form": "form",
    "article": "article", "main": "main", "figure": "figure", "ul": "list", "ol": "list",
    "dl": "list", "table": "table", "a": "link", "button": "control", "select": "control",
    "option": "control", "label": "control", "input": "control", "textarea": "control",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
    "h6": "heading", "blockquote": "quote", "pre": "pre", "code": "pre",
    "figcaption": "figcaption", "address": "address", "time": "address", "dialog": "dialog",
    "noscript": "noscript",
}
_LANDMARK_OF_ROLE = {
    "navigation": "nav", "menubar": "nav", "menu": "nav", "banner": "header",
    "contentinfo": "footer", "complementary": "aside", "search": "form", "form": "form",
    "main": "main", "article": "article", "dialog": "dialog", "alertdialog": "dialog",
    "button": "control", "heading": "heading", "figure": "figure", "list": "list",
}
#: Words of class, id, role and itemprop attributes, by what they usually wrap. Matched
#: inside each lower-cased name (``post-body``, ``commentList``, ``site_footer``); short
#: words only at a word's edge ("rail" is not "detail", "tag" not "stage").
VOCABULARY = {
    "content": r"article|content|entry|post-?body|story|(?<![a-z])main|(?<![a-z])text(?![a-z])"
               r"|body|prose|markdown|blog",
    "nav": r"nav|menu|breadcrumb|topbar|masthead|toolbar|skip|crumb",
    "footer": r"footer|copyright|colophon|bottom|legal",
    "sidebar": r"sidebar|side-bar|widget|(?<![a-z])rail|aside|secondary",
    "comment": r"comment|disqus|reply|respond|discussion|replies",
    "related": r"related|recommend|more-|teaser|read-?next|also|popular|trending|latest|feed",
    "share": r"share|social|sharing|facebook|twitter|whatsapp|follow|(?<![a-z])print",
    "cookie": r"cookie|consent|gdpr|privacy",
    "advert": r"(?<![a-z])ads?(?![a-z])|advert|sponsor|promo|banner|dfp|outbrain|taboola",
    "newsletter": r"newsletter|subscri|signup|sign-up|mailing|optin",
    "caption": r"caption",
    "media": r"credit|photo|image|img|media|gallery|figure|thumb|video|player",
    "meta": r"author|byline|(?<![a-z])meta(?![a-z])|(?<![a-z])date|time|publish|posted"
            r"|(?<![a-z])info(?![a-z])",
    "title": r"title|headline|heading",
    "tags": r"(?<![a-z])tags?(?![a-z])|categor|topic|label|keyword",
    "pagination": r"paginat|pager|paging|next|prev",
    "modal": r"modal|popup|overlay|dialog|lightbox|hidden|visually|sr-only|screen-reader",
    "product": r"price|product|cart|buy|offer|rating|review|stock",
    "code": r"highlight|code|syntax|docs?(?![a-z])|(?<![a-z])api(?![a-z])",
}
#: The words of ``VOCABULARY`` without their lookarounds.
_BARE_WORDS = [re.sub(r"\(\?<?[!=][^)]*\)", "", word)
               for words in VOCABULARY.values() for word in words.split("|")]
assert all(word[:1].isalpha() for word in _BARE_WORDS), "every word opens with a letter"
#: The kinds' words, each kind a named group. It opens with a look at the letters words
#: start with, which lets the regex engine pass over most places at once (it reads the
#: same matches; on the dev pages' 64,000 class names, a quarter faster).
_VOCABULARY = re.compile(
    f"(?=[{''.join(sorted({word[0] for word in _BARE_WORDS}))}])(?:"
    + "|".join(f"(?P<{kind}>{words})" for kind, words in VOCABULARY.items()) + ")")


def _literals(words: list[str]) -> set[str]:
    """The literal strings that start the matches of ``words``: a trailing optional letter
    left out ("ads?" -> "ad"), an optional hyphen both ways ("post-?body"), and of two
    literals one of which starts the other only the shorter (each match of a word starts
    with one of them, and one of them starts only where a word may match)."""
    found: set[str] = set()
    for word in words:
        word = re.sub(r"(\w)\?$", "", word)
        head, optional, tail = word.partition("-?")
        found |= {head + tail, head + "-" + tail} if optional else {word}
    assert all(re.fullmatch(r"[a-z-]+", word) for word in found), "literal words only"
    return {w for w in found if not any(o != w and w.startswith(o) for o in found)}


def _trie_pattern(literals: set[str]) -> str:
    """A regex of ``literals`` (none of which starts another) as a trie: the regex engine
    follows one branch per letter instead of trying every word, and it matches exactly
    the literals."""
    trie: dict[str, dict] = {}
    for word in literals:
        node = trie
        for char in word:
            node = node.setdefault(char, {})

    def branch(node: dict[str, dict]) -> str:
        parts = [re.escape(char) + branch(child) for char, child in sorted(node.items())]
        return "" if not parts else parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"

    return branch(trie) or "(?!)"


#: Where a ``_VOCABULARY`` match can start: the places where one of its words' literals
#: starts (``_literals``), found several times faster (a trie, no lookarounds or groups).
#: Only there does ``_LineRenderer._vocab`` try the full pattern, which finds the same
#: matches as scanning every place (on the dev pages' 64,000 class names, 3 times faster).
_ANY_VOCABULARY = re.compile(_trie_pattern(_literals(_BARE_WORDS)))
#: The bracketed parts of a utility-class name: Tailwind's arbitrary values and variants
#: (``max-w-[var(--content-width)]``, ``[&_figcaption]:mt-xs`` styles the element's
#: figcaptions, not the element itself).
_BRACKETED = re.compile(r"\[[^\]]*\]?")
_VOCAB_BIT = {kind: 1 << i for i, kind in enumerate(VOCABULARY)}
_LANDMARK_BIT = {name: 1 << i for i, name in enumerate(LANDMARKS)}
#: Landmarks that set a region of the page apart from its content.
_REGION_BITS = sum(_LANDMARK_BIT[name] for name in ("nav", "header", "footer", "aside", "form",
                                                     "dialog"))
_CELL_TAGS = frozenset({"td", "th"})
#: The landmark bit a tag or an ARIA role sets, and the level of a heading tag.
_TAG_LANDMARK_BITS = {tag: _LANDMARK_BIT[mark] for tag, mark in _LANDMARK_OF_TAG.items()}
_ROLE_LANDMARK_BITS = {role: _LANDMARK_BIT[mark] for role, mark in _LANDMARK_OF_ROLE.items()}
_HEADING_LEVEL = {f"h{level}": level for level in range(1, 7)}
#: Tags that mean something to the hints even without attributes (landmarks, headings,
#: cells, images); any other inline element without attributes passes its parent's frame on.
_MARKED_TAGS = frozenset({*_LANDMARK_OF_TAG, "h1", "h2", "h3", "h4", "h5", "h6", *_CELL_TAGS,
                          "img"})
#: The element that holds a line, by its tag (a table row's cells are one line: "cell").
OWNER_TAGS = ("p", "div", "li", "cell", "heading", "quote", "pre", "caption", "term", "title",
              "alt", "other")
_OWNER_OF_TAG = {
    "p": "p", "div": "div", "section": "div", "article": "div", "main": "div", "body": "div",
    "li": "li", "tr": "cell", "h1": "heading", "h2": "heading",
    "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "blockquote": "quote", "pre": "pre", "figcaption": "caption", "caption": "caption",
    "dt": "term", "dd": "term", "title": "title",
}
_OWNER_INDEX = {name: i for i, name in enumerate(OWNER_TAGS)}
#: How many block-level ancestors of a line are measured (share of the page's text inside).
CONTAINER_LEVELS = 5
#: A line of at least this many characters counts as prose for the container shares.
_PROSE_CHARS = 80

#: Per-line hints, in column order (what ``features`` reads).
HINT_NAMES: tuple[str, ...] = (
    *(f"owner_{name}" for name in OWNER_TAGS),
    "heading_level",
    *(f"in_{name}" for name in LANDMARKS),
    *(f"class_{kind}" for kind in VOCABULARY),
    *(f"own_class_{kind}" for kind in VOCABULARY),
    *(f"near_class_{kind}" for kind in VOCABULARY),
    "link_share", "log_depth", "hidden", "log_template_lines", "log_template_elements",
    "log_container_lines", "template_prose_share", "region_prose_share",
    *(f"container{level}_{what}" for level in range(1, CONTAINER_LEVELS + 1)
      for what in ("text_share", "prose_share", "link_share")),
    "in_main_container", "before_main_container", "after_main_container",
    "main_container_prose_share",
)
_TITLE_OWNER = HINT_NAMES.index("owner_title")


@dataclass(frozen=True, slots=True)
class Rendering:
    """The text of a page's HTML and what the DOM says of each of its lines.

    ``text`` holds the lines joined by newlines; ``line_starts[i]`` is the offset of line
    ``i`` in it and ``hints[i]`` its row of ``HINT_NAMES``. ``meta`` holds what the page
    declares of itself: ``title`` (JSON-LD headline, og:title or twitter:title), ``author``,
    ``date``, ``url`` (canonical or og:url), ``language`` (``<html lang>``), when present."""

    text: str
    line_starts: np.ndarray
    hints: np.ndarray
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def has_dom(self) -> bool:
        return len(self.line_starts) > 0

    @property
    def opens_with_title(self) -> bool:
        """Whether the first line is the page's ``<title>`` element."""
        return self.has_dom and bool(self.hints[0, _TITLE_OWNER] > 0)

    def lines_of(self, starts: np.ndarray) -> np.ndarray:
        """The line each text offset in ``starts`` falls on (a block's line: its start)."""
        return np.clip(np.searchsorted(self.line_starts, starts, side="right") - 1, 0, None)


def looks_like_html(text: str) -> bool:
    """True for a document that starts like HTML, or a fragment dense with common tags."""
    head = text[:4096]
    if _HTML_START.match(_opening(head)):
        return True
    tags = len(_MARKUP.findall(head))
    return tags >= 5 and tags * 40 > len(head)


def _opening(head: str) -> str:
    r"""``head`` from its first character that is not a byte order mark, whitespace or part
    of a comment (a comment ends at its first ``-->``) or of an XML declaration. A loop,
    not a regex: the regex ``(?:<!--.*?-->\s*)*`` took time exponential in the number of
    comments ("<!---->" forty times held ``clean()`` for days)."""
    head = head.removeprefix("\ufeff").lstrip()
    while head.startswith(("<!--", "<?")):  # comments, and an XML declaration (XHTML)
        comment = head.startswith("<!--")
        end = head.find("-->" if comment else "?>", 4 if comment else 2)
        if end < 0:
            return ""
        head = head[end + (3 if comment else 2):].lstrip()
    return head


def render_html(markup: str) -> Rendering:
    """Parse ``markup`` and render its lines with their DOM hints (see ``Rendering``)."""
    from lxml import etree

    # The markup is decoded already: telling libxml2 it is UTF-8 keeps a <meta charset>
    # from decoding it a second time (Shift-JIS read as UTF-8 bytes came out as garbage and
    # lost text). No network, no DTD loading, no entity expansion: the HTML parser never
    # fetches a DOCTYPE SYSTEM or ENTITY reference. The plain ``etree`` parser, not
    # ``lxml.html``'s: its element classes are looked up in Python for every element.
    parser = etree.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                              remove_pis=True, recover=True, huge_tree=True,
                              collect_ids=False)  # no table of id attributes: unused
    try:
        root = etree.fromstring(_utf8(_trim_long_tags(_EARLY_END.sub("", markup))), parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return _plain(_strip_tags(markup))
    # libxml2 stops at a fatal error (nesting deeper than 2,048 elements even with
    # huge_tree) and returns the tree so far: the rest of the page would be lost.
    truncated = any(error.level == etree.ErrorLevels.FATAL for error in parser.error_log)
    if root is None or truncated:
        return _plain(_strip_tags(markup))
    meta = _declared(root)
    renderer = _LineRenderer()
    # the page's <title>, not an SVG icon's (an inline SVG's <title> names the picture)
    title = next((t for t in root.iter("title")
                  if next(t.iterancestors("svg"), None) is None), None)
    if title is not None:
        title_text = "".join(title.itertext())
        if title_text.strip():
            renderer.add_line(title_text, _TITLE_FRAME)
    for svg in list(root.iter("svg")):
        _close_svg(svg)
    for element in list(root.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            _drop(element)
    body = root.find(".//body")
    before = len(renderer.lines)
    renderer.render(body if body is not None else root)
    if len(renderer.lines) == before:  # nothing in the body: drop the tags instead
        return _plain(_strip_tags(markup))
    return renderer.finish(meta)


#: ``</body>`` and ``</html>``: a browser's HTML5 parser goes on putting what follows them into
#: the body (a theme whose header template closes the page before the article), libxml2
#: drops it. Without these end tags it reads such pages as a browser does, and others as
#: before. On the dev pages 5 of 2,157 read more text (one article 2,112 -> 10,833 chars).
_EARLY_END = re.compile(r"</\s*(?:body|html)\s*>", re.IGNORECASE)

#: A start tag keeps at most this many attributes. libxml2's HTML parser checks each new
#: attribute against those before it, in time quadratic in their number, and a C call
#: cannot be interrupted by the per-page time limit in-process: one tag of 20,000
#: attributes took 1.2 s, of 60,000 about 10 s, and a 50 MB tag would take a day.
MAX_TAG_ATTRIBUTES = 1000
#: Only start tags at least this long can hold that many attributes (``_trim_long_tags``
#: looks at no other; on every 8th dev page, 10 of 270 have one: SVG paths, data URIs,
#: JSON in an attribute, all under the cap).
_LONG_TAG = re.compile(rf"<[A-Za-z][^<>]{{{3 * MAX_TAG_ATTRIBUTES},}}")
_ATTRIBUTE = re.compile(r"""\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")


def _utf8(markup: str) -> bytes:
    """The markup as UTF-8 for libxml2, each lone surrogate as one U+FFFD (passed through
    as bytes, libxml2 read three bad bytes: three U+FFFD)."""
    try:
        return markup.encode("utf-8")
    except UnicodeEncodeError:
        return without_surrogates(markup).encode("utf-8")


def _trim_long_tags(markup: str) -> str:
    """``markup`` with every start tag cut to its first ``MAX_TAG_ATTRIBUTES`` attributes
    (about 0.45 ms on a 240 kB page, which has no such tag)."""
    return _LONG_TAG.sub(_trimmed_tag, markup)


def _trimmed_tag(match: re.Match[str]) -> str:
    tag = match.group()
    name = re.match(r"<[^\s/>]+", tag)
    assert name is not None  # _LONG_TAG starts with "<" and a letter
    attributes = _ATTRIBUTE.finditer(tag, name.end())
    kept = [attribute.group() for attribute in islice(attributes, MAX_TAG_ATTRIBUTES + 1)]
    if len(kept) <= MAX_TAG_ATTRIBUTES:
        return tag
    return name.group() + "".join(kept[:MAX_TAG_ATTRIBUTES])


#: HTML start tags that end an ``<svg>`` a page left open: a browser's parser leaves the
#: SVG at them (the HTML standard's "breakout" tags of foreign content), libxml2 nests the
#: rest of the page inside it, and dropping the SVG would drop that too.
_SVG_BREAKOUT_TAGS = (
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 hr i img "
    "li listing menu nobr ol p pre ruby s small span strong strike sub sup table tt u ul "
    "var".split())
#: SVG elements that may hold HTML of their own (an infographic's ``<desc>``, a
#: ``<foreignObject>``): HTML inside them is the picture's, not the page's.
_SVG_HTML_HOLDERS = frozenset({"desc", "title", "foreignobject", "text"})


def _close_svg(svg: Any) -> None:
    """Where an ``<svg>`` holds a breakout tag (``_SVG_BREAKOUT_TAGS``) outside an element
    that may hold HTML, the page left it open: move that element and all that follows it in
    the SVG out to after the SVG, in order, as a browser would have put them."""
    first = next((element for element in svg.iter(*_SVG_BREAKOUT_TAGS)
                  if not any(isinstance(up.tag, str) and up.tag in _SVG_HTML_HOLDERS
                             for up in _ancestors_below(element, svg))), None)
    if first is None:
        return
    moved = [first]
    node = first
    while node is not svg:  # what follows, level by level upwards: the siblings after
        moved += node.itersiblings()
        node = node.getparent()
    anchor = svg
    for element in moved:  # lxml moves an element's tail with it
        anchor.addnext(element)
        anchor = element


def _ancestors_below(element: Any, top: Any) -> Iterator[Any]:
    """The ancestors of ``element`` below ``top``, nearest first."""
    for up in element.iterancestors():
        if up is top:
            return
        yield up


def _drop(element: Any) -> None:
    """Remove an element and what it holds, keeping its tail (``lxml.html``'s ``drop_tree``)."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + element.tail
        else:
            previous.tail = (previous.tail or "") + element.tail
    parent.remove(element)


def _plain(text: str) -> Rendering:
    """A rendering without DOM hints (the fallback when the markup could not be parsed)."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return Rendering("\n".join(line for line in lines if line), np.zeros(0, dtype=np.int64),
                     np.zeros((0, len(HINT_NAMES)), dtype=np.float32))


def _strip_tags(markup: str) -> str:
    """The fallback rendering: scripts, styles and templates dropped, every tag but the inline
    ones (``<a>``, ``<strong>``, ``<span>``, ...) a line break.

    An unclosed ``<script>`` runs to the end of the page, as it does in a browser. Linear:
    the searches for closing tags cover disjoint stretches of the markup (a lazy
    ``<script>.*?</script>`` regex was quadratic on a page of unclosed ``<script>`` tags)."""
    kept: list[str] = []
    position = 0
    for opening in _DROP_OPEN.finditer(markup):
        if opening.start() < position:
            continue
        kept.append(markup[position:opening.start()])
        closing = _DROP_CLOSE[opening.group(1).lower()].search(markup, opening.end())
        position = len(markup) if closing is None else closing.end()
        if closing is None:
            break
    kept.append(markup[position:])
    return _TAG.sub(_tag_break, "".join(kept))


def _tag_break(match: re.Match[str]) -> str:
    name = match.group(1)
    return "" if name and name.lower() in _INLINE_TAGS else "\n"


class _Frame:
    """What an element passes down to the text inside it (shared by siblings; never changed
    once made, but for the cached ``plain_child``)."""

    __slots__ = ("_plain", "containers", "depth", "heading", "hidden", "landmarks", "near_vocab",
                 "owner", "own_vocab", "region", "template", "vocab")

    def __init__(self, landmarks: int, vocab: int, own_vocab: int, owner: str, heading: int,
                 depth: int, hidden: bool, containers: tuple[int, ...], template: int,
                 near_vocab: int = 0, region: int = 0) -> None:
        self.landmarks = landmarks
        self.vocab = vocab
        self.own_vocab = own_vocab
        self.owner = owner
        self.heading = heading
        self.depth = depth
        self.hidden = hidden
        self.containers = containers  # ids of the nearest block-level ancestors, nearest first
        # the path of block tags and classes from the root: repeated cards, posts and list
        # items share it
        self.template = template
        self.near_vocab = near_vocab  # the class words of the nearest ancestor that has some
        self.region = region  # id of the nearest nav/header/footer/aside/form/dialog, or 0
        self._plain: _Frame | None = None

    def plain_child(self) -> _Frame:
        """The frame of an inline element with no attributes and no meaning of its own
        (``<b>``, ``<span>``): this one, one level deeper; made once and shared."""
        if self._plain is None:
            self._plain = self.variant(self.owner, self.heading, self.depth + 1)
        return self._plain

    def variant(self, owner: str, heading: int, depth: int) -> _Frame:
        """This frame with another owner, heading level and depth."""
        return _Frame(self.landmarks, self.vocab, self.own_vocab, owner, heading, depth,
                      self.hidden, self.containers, self.template, self.near_vocab,
                      self.region)


_TITLE_FRAME = _Frame(0, 0, 0, "title", 0, 0, False, (), 0)
_ALT_OWNER = "alt"
_LINK_BIT = _LANDMARK_BIT["link"]


#: Attribute values and class names already matched against ``VOCABULARY``, and the kinds
#: they name, kept across pages (a site's pages share their class names, and so do many
#: sites: "container", "row", "entry-content"), up to this many (a page may add more
#: before it is cleared).
VOCAB_MEMO_SIZE = 1 << 15
_VOCAB_MEMO: dict[str, int] = {}


class _LineRenderer:
    """Walks the body depth-first, cutting a line at every block element, and keeps for each
    line the frame of its first text and the characters of it that are link text."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.frames: list[_Frame] = []
        self.link_chars: list[int] = []
        self._pieces: list[str] = []
        self._frame: _Frame | None = None
        self._link = 0
        self._next_id = 0
        if len(_VOCAB_MEMO) > VOCAB_MEMO_SIZE:
            _VOCAB_MEMO.clear()  # bounded: start afresh rather than track recency

    def add_line(self, text: str, frame: _Frame, link_chars: int = 0) -> None:
        # ``_SPACES`` changes nothing in a text of single spaces only (most lines): skipped
        if ("  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text
                or "\v" in text):
            text = _SPACES.sub(" ", text)
        line = text.strip()
        if line:
            if frame.heading:
                line = "#" * frame.heading + " " + line
            self.lines.append(line)
            self.frames.append(frame)
            self.link_chars.append(link_chars)

    def _text(self, text: str | None, frame: _Frame) -> None:
        if not text:
            return
        if self._frame is None and not text.isspace():
            self._frame = frame
        self._pieces.append(text)
        if frame.landmarks & _LINK_BIT:
            self._link += len(text.strip())

    def _cut(self) -> None:
        if self._pieces:  # else there is no frame or link text either
            if self._frame is not None:
                self.add_line("".join(self._pieces), self._frame, self._link)
            self._pieces, self._frame, self._link = [], None, 0

    def _vocab(self, value: str) -> int:
        """The ``VOCABULARY`` kinds named by one attribute value (class, id, role, itemprop),
        matched name by name (utility-class lists such as Tailwind's are long, but their
        names repeat across the page and across a site's pages, so each distinct name is
        matched once while ``_VOCAB_MEMO`` holds it).
        Bracketed parts of a name are left out (``_BRACKETED``): they are arbitrary values
        or selectors of other elements, not words for this one."""
        found = 0
        cache = _VOCAB_MEMO
        for name in value.lower().split():
            named = cache.get(name)
            if named is None:
                named = 0
                words = _BRACKETED.sub("", name) if "[" in name else name
                # The full pattern where a word can start, as finditer would find its
                # matches (lookbehinds still see what stands before ``at``).
                start = _ANY_VOCABULARY.search(words)
                while start is not None:
                    at = start.start()
                    match = _VOCABULARY.match(words, at)
                    if match is not None:
                        named |= _VOCAB_BIT[match.lastgroup or ""]
                    start = _ANY_VOCABULARY.search(words, match.end() if match else at + 1)
                cache[name] = named
            found |= named
        cache[value] = found  # whole values repeat too (class lists)
        return found

    def _enter(self, node: Any, tag: str, parent: _Frame, block: bool) -> _Frame:
        landmarks = parent.landmarks | _TAG_LANDMARK_BITS.get(tag, 0)
        vocab, hidden, class_ = 0, parent.hidden, None
        pairs = node.items()  # the attributes, read from libxml2 once
        if pairs:
            attributes = dict(pairs)
            get = attributes.get
            class_, role = get("class"), get("role")
            if role:
                landmarks |= _ROLE_LANDMARK_BITS.get(role.lower(), 0)
            cache = _VOCAB_MEMO
            for value in (class_, get("id"), role, get("itemprop")):
                if value:
                    found = cache.get(value)
                    vocab |= self._vocab(value) if found is None else found
            hidden = hidden or "hidden" in attributes or get("aria-hidden") == "true" \
                or "display:none" in get("style", "").replace(" ", "")
        heading = _HEADING_LEVEL.get(tag) or parent.heading
        region = parent.region
        if block:
            self._next_id += 1
            containers = (self._next_id, *parent.containers[:CONTAINER_LEVELS - 1])
            owner = _OWNER_OF_TAG.get(tag, "other")
            own_vocab = vocab
            template = hash((parent.template, tag, class_))
            if landmarks & _REGION_BITS != parent.landmarks & _REGION_BITS:
                region = self._next_id
        else:
            containers, owner, own_vocab = parent.containers, parent.owner, parent.own_vocab | vocab
            template = parent.template
        return _Frame(landmarks, parent.vocab | vocab, own_vocab, owner, heading,
                      parent.depth + 1, hidden, containers, template,
                      vocab or parent.near_vocab, region)

    def render(self, element: Any) -> None:
        """Depth-first text of ``element`` with a line cut around every block element.

        ``lxml.etree.iterwalk`` walks the tree without recursion, so a 20,000-deep nest of
        elements cannot exhaust the Python stack; the frames of the open elements are a
        stack of their own."""
        from lxml import etree

        # the root frame is the page's own: frames cache their plain child
        frames = [_Frame(0, 0, 0, "other", 0, 0, False, (), 0)]
        push, pop = frames.append, frames.pop
        add_text, cut, enter = self._text, self._cut, self._enter
        for event, node in etree.iterwalk(element, events=("start", "end")):
            tag = node.tag  # lower case from the HTML parser; not a str for other nodes
            if tag.__class__ is not str:
                tag = ""
            if event == "end":
                pop()
                if tag in _BLOCK_TAGS:
                    cut()
                if node is not element:
                    tail = node.tail
                    if tail:
                        add_text(tail, frames[-1])
                continue
            parent = frames[-1]
            block = tag in _BLOCK_TAGS
            if not block and tag not in _MARKED_TAGS and not len(node.attrib):
                frame = parent.plain_child()  # an unmarked inline element: nothing to add
            else:
                frame = enter(node, tag, parent, block)
            push(frame)
            if block:
                cut()
            elif tag in _CELL_TAGS:
                add_text(" ", frame)  # cells of a row, apart
            elif tag == "img":
                alt = node.get("alt")
                if alt:
                    cut()
                    self.add_line(alt, frame.variant(_ALT_OWNER, 0, frame.depth))
            text = node.text
            if text:
                add_text(text, frame)
        cut()

    def finish(self, meta: dict[str, str]) -> Rendering:
        """The lines joined, their offsets, and their hints as a matrix (``HINT_NAMES``)."""
        text = "\n".join(self.lines)
        n = len(self.lines)
        starts = np.zeros(n, dtype=np.int64)
        if n > 1:
            starts[1:] = np.cumsum([len(line) + 1 for line in self.lines[:-1]])
        frames = self.frames
        chars = np.array([len(line) for line in self.lines], dtype=np.float64)
        links = np.array(self.link_chars, dtype=np.float64)
        owner = np.array([_OWNER_INDEX[f.owner] for f in frames])
        landmarks = np.array([f.landmarks for f in frames], dtype=np.int64)
        vocab = np.array([f.vocab for f in frames], dtype=np.int64)
        own_vocab = np.array([f.own_vocab for f in frames], dtype=np.int64)
        near_vocab = np.array([f.near_vocab for f in frames], dtype=np.int64)
        hidden = np.array([f.hidden for f in frames], dtype=bool)
        # prose: long lines a reader sees (hidden dialogs and drawers do not count)
        prose = np.where((chars >= _PROSE_CHARS) & ~hidden, chars, 0.0)

        def parts() -> Iterator[np.ndarray]:
            """The hints' columns, part by part in ``HINT_NAMES`` order."""
            yield np.eye(len(OWNER_TAGS))[owner]
            yield np.array([f.heading for f in frames], dtype=np.float64)
            yield _bits(landmarks, len(LANDMARKS))
            yield _bits(vocab, len(VOCABULARY))
            yield _bits(own_vocab, len(VOCABULARY))
            yield _bits(near_vocab, len(VOCABULARY))
            yield np.minimum(1.0, links / np.maximum(chars, 1.0))
            yield np.log1p([f.depth for f in frames])
            yield hidden.astype(np.float64)
            yield self._repetition()
            yield self._prose_shares(prose)
            yield self._containers(chars, prose, links)

        # each part made when its turn comes and cast into its float32 columns: no float64
        # copy of the whole matrix (a page of 300,000 lines peaked 400 MB higher with one)
        hints = np.empty((n, len(HINT_NAMES)), dtype=np.float32)
        at = 0
        for part in parts():
            values = part.reshape(n, -1)
            hints[:, at:at + values.shape[1]] = values
            at += values.shape[1]
        assert at == len(HINT_NAMES), (at, len(HINT_NAMES))
        return Rendering(text, starts, hints, meta)

    def _repetition(self) -> np.ndarray:
        """Per line (log): how many lines and how many elements share its element's template
        (teaser cards, comments, forum posts, list items repeat one), and how many lines its
        element holds."""
        lines_of: dict[int, int] = {}
        elements_of: dict[int, set[int]] = {}
        in_container: dict[int, int] = {}
        for frame in self.frames:
            lines_of[frame.template] = lines_of.get(frame.template, 0) + 1
            nearest = frame.containers[0] if frame.containers else 0
            elements_of.setdefault(frame.template, set()).add(nearest)
            in_container[nearest] = in_container.get(nearest, 0) + 1
        return np.log1p([
            (lines_of[f.template], len(elements_of[f.template]),
             in_container[f.containers[0] if f.containers else 0])
            for f in self.frames
        ])

    def _prose_shares(self, prose: np.ndarray) -> np.ndarray:
        """Per line: the share of the page's prose in the lines that share its template (a
        teaser grid repeats one with little prose, an article's paragraphs one with most of
        it), and in its region (nav, header, footer, aside, form, dialog; 0 outside any)."""
        total = prose.sum() or 1.0
        out = np.zeros((len(self.frames), 2))
        for column, key in enumerate(("template", "region")):
            sums: dict[int, float] = {}
            values = [getattr(f, key) for f in self.frames]
            for value, amount in zip(values, prose, strict=True):
                sums[value] = sums.get(value, 0.0) + amount
            out[:, column] = [sums[v] / total for v in values]
        regions = np.array([f.region for f in self.frames])
        out[regions == 0, 1] = 0.0
        return out

    def _containers(self, chars: np.ndarray, prose: np.ndarray, links: np.ndarray) -> np.ndarray:
        """Per line and block-level ancestor (nearest first): the share of the page's text
        and of its prose inside that ancestor, and the ancestor's link share."""
        total, total_prose = chars.sum() or 1.0, prose.sum() or 1.0
        n = len(self.frames)
        ids = np.zeros((n, CONTAINER_LEVELS), dtype=np.int64)  # 0: no such ancestor
        for i, frame in enumerate(self.frames):
            ids[i, :len(frame.containers)] = frame.containers
        size = self._next_id + 1
        # an ancestor holds every line that has it among its nearest ones, at any level
        flat_ids = ids.ravel()
        inside, inside_prose, inside_links = (
            np.bincount(flat_ids, weights=np.repeat(weights, CONTAINER_LEVELS), minlength=size)
            for weights in (chars, prose, links))
        out = np.empty((n, CONTAINER_LEVELS * 3 + 4))
        out[:, CONTAINER_LEVELS * 3:] = _main_container(ids, inside, inside_prose, total_prose)
        for level in range(CONTAINER_LEVELS):
            column = ids[:, level]
            known = column > 0
            out[:, 3 * level] = np.where(known, inside[column] / total, 1.0)
            out[:, 3 * level + 1] = np.where(known, inside_prose[column] / total_prose, 1.0)
            out[:, 3 * level + 2] = np.where(
                known, inside_links[column] / np.maximum(inside[column], 1.0),
                links.sum() / total)
        return out


def _main_container(ids: np.ndarray, inside: np.ndarray, inside_prose: np.ndarray,
                    total_prose: float) -> np.ndarray:
    """Per line, where it stands to the page's main container - the ancestor with the most
    prose weighted by its prose density, as readability-style extractors pick it: inside it,
    before its first line, after its last (comments and teasers follow an article), and the
    share of the page's prose it holds."""
    n = len(ids)
    out = np.zeros((n, 4))
    score = inside_prose * inside_prose / np.maximum(inside, 1.0)
    score[0] = 0.0  # "no ancestor"
    main = int(np.argmax(score))
    if score[main] <= 0:
        return out
    inside_main = (ids == main).any(axis=1)
    rows = np.flatnonzero(inside_main)
    index = np.arange(n)
    out[:, 0] = inside_main
    out[:, 1] = index < rows[0]
    out[:, 2] = index > rows[-1]
    out[:, 3] = inside_prose[main] / total_prose
    return out


def _bits(values: np.ndarray, width: int) -> np.ndarray:
    """Bit masks -> 0/1 columns, lowest bit first."""
    return ((values[:, None] >> np.arange(width)) & 1).astype(np.float64)


def _declared(root: Any) -> dict[str, str]:
    """What the page declares of itself in meta tags, JSON-LD and ``<html lang>``."""
    found: dict[str, str] = {}

    def put(key: str, value: Any) -> None:
        if isinstance(value, str) and value.strip() and key not in found:
            found[key] = _SPACES.sub(" ", value).strip()[:1000]

    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text[:1_000_000])
        except (ValueError, RecursionError):  # RecursionError: arrays nested 100,000 deep
            continue
        for item in _json_ld_items(data):
            put("title", item.get("headline"))
            authors = item.get("author")
            names = [a.get("name") if isinstance(a, dict) else a
                     for a in (authors if isinstance(authors, list) else [authors])[:20]]
            put("author", ", ".join(n.strip() for n in names if isinstance(n, str) and n.strip()))
            put("date", item.get("datePublished"))
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or "").lower()
        value = element.get("content")
        if key in ("og:title", "twitter:title"):
            put("title", value)
        elif key in ("author", "article:author", "dc.creator"):
            put("author", value)
        elif key in ("article:published_time", "date", "dc.date", "pubdate"):
            put("date", value)
        elif key == "og:url":
            put("url", value)
    for element in root.iter("link"):
        if (element.get("rel") or "").lower() == "canonical":
            put("url", element.get("href"))
    put("language", root.get("lang"))
    put("byline", _byline_element(root))
    return found


#: Class, id or itemprop words of an element that shows the author ("author-name", "byline").
_AUTHOR_WORDS = re.compile(r"(?:^|[\s_-])(?:author|byline|by-line)(?:[\s_-]|name|$)",
                           re.IGNORECASE)
#: An author element's text has at most this many words ("By Jane Doe").
MAX_BYLINE_ELEMENT_WORDS = 6
#: Elements whose attributes name an author that ``_byline_element`` looks at, at most.
MAX_BYLINE_CANDIDATES = 100


def _byline_element(root: Any) -> str | None:
    """The text of the first element that shows the page's author (``rel="author"``, an
    ``author`` or ``byline`` class, id or itemprop word), when it is short: what a reader
    sees as the byline, for pages that declare no author and whose text shows no "By".
    At most ``MAX_BYLINE_CANDIDATES`` elements are looked at."""
    candidates = 0
    for element in root.iter():
        # a cheap pre-filter ("uthor", "yline": either case of the first letter), then the
        # class words themselves (a Python walk: libxml2's XPath ``contains`` over every
        # element took twice as long; ``element.get`` costs less than its ``attrib`` proxy)
        get = element.get
        class_, id_, itemprop = get("class") or "", get("id") or "", get("itemprop") or ""
        rel = get("rel") == "author"
        if not (rel or "uthor" in class_ or "yline" in class_ or "uthor" in id_
                or "uthor" in itemprop):
            continue
        candidates += 1
        if candidates > MAX_BYLINE_CANDIDATES:
            return None
        if not isinstance(element.tag, str) or element.tag in ("meta", "link", "script"):
            continue
        if not rel and not _AUTHOR_WORDS.search(f"{class_} {id_} {itemprop}"):
            continue
        text = " ".join("".join(element.itertext()).split())
        if text and len(text.split()) <= MAX_BYLINE_ELEMENT_WORDS:
            return text
    return None


#: The markup htmldate reads for a date (its quick search looks at the head and the
#: elements that carry dates; a huge page's tail adds nothing but time).
MAX_DATE_MARKUP_CHARS = 2_000_000
_ISO_DAY = re.compile(r"(?:19|20)\d\d-\d\d-\d\d")


def guess_date(markup: str) -> str | None:
    """The publication date htmldate finds in a page's markup (its quick search, original
    date rather than last update) as ``YYYY-MM-DD``, or None. For pages whose text shows no
    date and whose meta tags and JSON-LD declare none: on every 3rd WCXB page (26 such pages
    with a gold date) it found one on 25, right on 15. The markup goes in as bytes: htmldate
    would download a string that looks like a URL."""
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate comes with trafilatura
        return None
    _quiet_htmldate()
    try:
        found = find_date(markup[:MAX_DATE_MARKUP_CHARS].encode("utf-8", "replace"),
                          extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001 - no date rather than a failed page
        return None
    return found if isinstance(found, str) and _ISO_DAY.fullmatch(found) else None


@cache
def _quiet_htmldate() -> None:
    """htmldate logs what it makes of odd markup; a library's messages go to the caller's
    logging set-up, not to stderr by default (a NullHandler, as libraries do)."""
    logging.getLogger("htmldate").addHandler(logging.NullHandler())


def _json_ld_items(data: Any) -> list[dict[str, Any]]:
    """The objects of a JSON-LD document that describe the page (``@graph`` flattened)."""
    items: list[dict[str, Any]] = []
    stack = [data]
    while stack and len(items) < 50:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value[:50])
        elif isinstance(value, dict):
            if "@graph" in value:
                stack.append(value["@graph"])
            if "headline" in value or "datePublished" in value:
                items.append(value)
    return items
