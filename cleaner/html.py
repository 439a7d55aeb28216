"""HTML -> text, one block per line, for the text pipeline; the only module that touches lxml.

Owns sniffing whether an input is HTML and rendering it the way ``html_text`` does (the
renderer the model knows best): the ``<title>``, then the text of the ``<body>`` with a line
break at every block-level element, scripts, styles and templates dropped. Parsing never
fetches or executes anything (no network, no external entities). The DOM-aware extraction of
a later version will live here too; this one only turns markup into lines.
"""

from __future__ import annotations

import re
from typing import Any

_HTML_START = re.compile(
    r"\A(?:\ufeff)?\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]"
    r"|<meta[\s>]|<title[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_MARKUP = re.compile(r"</?(?:p|div|span|a|br|table|li|ul|h[1-6]|img|section|article)\b[^>]*>",
                     re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd details dialog div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol option p pre section "
    "summary table tbody td tfoot th thead title tr ul".split()
)
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")
_TAG = re.compile(r"<[^<>]{0,10000}>")
_DROP_OPEN = re.compile(r"<(script|style|template)\b", re.IGNORECASE)
_DROP_CLOSE = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
               for name in ("script", "style", "template")}
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def looks_like_html(text: str) -> bool:
    """True for a document that starts like HTML, or a fragment dense with common tags."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    tags = len(_MARKUP.findall(head))
    return tags >= 5 and tags * 40 > len(head)


def html_to_text(markup: str) -> str:
    """Render HTML to text lines: title first, then the body, a line per block element."""
    import lxml.html
    from lxml import etree

    # The markup is decoded already: telling libxml2 it is UTF-8 keeps a <meta charset>
    # from decoding it a second time (Shift-JIS read as UTF-8 bytes came out as garbage and
    # lost text). No network, no DTD loading, no entity expansion: the HTML parser never
    # fetches a DOCTYPE SYSTEM or ENTITY reference.
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True,
                                  remove_pis=True, recover=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"),
                                             parser=parser)
    except (etree.ParserError, ValueError):
        return _strip_tags(markup)
    # libxml2 stops at a fatal error (nesting deeper than 2,048 elements even with
    # huge_tree) and returns the tree so far: the rest of the page would be lost.
    truncated = any(error.level == etree.ErrorLevels.FATAL for error in parser.error_log)
    lines: list[str] = []
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        lines.append(_SPACES.sub(" ", title.text_content()).strip())
    for element in list(root.iter(*_DROP_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    body = root.find(".//body")
    parts: list[str] = []
    _render(body if body is not None else root, parts)
    text = "".join(parts)
    if truncated or not text.strip():
        # libxml2 gave up (pathological nesting) or found nothing: drop the tags instead.
        lines = []
        text = _strip_tags(markup)
    lines.extend(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _strip_tags(markup: str) -> str:
    """The fallback rendering: scripts, styles and templates dropped, every tag a line break.

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
    return _TAG.sub("\n", "".join(kept))


def _render(element: Any, parts: list[str]) -> None:
    """Depth-first text of ``element`` with newlines around block-level elements.

    Iterative, so a 20,000-deep nest of elements cannot exhaust the Python stack."""
    stack: list[tuple[Any, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        block = tag in _BLOCK_TAGS
        if closing:
            if block:
                parts.append("\n")
            if node.tail and node is not element:
                parts.append(node.tail)
            continue
        if block:
            parts.append("\n")
        if tag == "img" and node.get("alt"):
            parts.append(f"\n{node.get('alt')}\n")
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
