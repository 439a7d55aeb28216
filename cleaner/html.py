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
_DROP_BLOCKS = re.compile(r"<(script|style|template)\b.{0,1000000}?</\1\s*>", re.I | re.S)
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

    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  recover=True, huge_tree=True)
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8", "surrogatepass"),
                                             parser=parser)
    except (etree.ParserError, ValueError):
        return ""
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
    if not text.strip():
        # libxml2 gives up on pathological nesting: fall back to dropping the tags.
        text = _TAG.sub("\n", _DROP_BLOCKS.sub("", markup))
    lines.extend(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


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
