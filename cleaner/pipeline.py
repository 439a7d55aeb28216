"""clean(): the one place that wires the stages together.

str|bytes -> decode -> (HTML -> text) -> segment -> normalize -> classify (features, model,
rules, revision) -> captions -> metadata -> Document. No stage reaches back into an earlier one.
"""

from __future__ import annotations

from collections.abc import Sequence

from .captions import collect_captions
from .config import DEFAULT_CONFIG, Config
from .decode import decode_input
from .document import BODY_LABELS, Block, Document, Kind, Label, without_surrogates
from .errors import InputError
from .normalize import normalize_blocks
from .segment import segment_text

#: Pages whose markup is searched for a date when they show and declare none. On every 3rd
#: WCXB page, of the other types' pages without one, htmldate dated 2 right of 4 with a
#: gold date and 56 of 145 without one (copyright years and the like), and the search
#: costs about 12 ms a page.
DATED_PAGE_TYPES = frozenset({"article", "forum"})


def clean(source: str | bytes, config: Config | None = None, url: str | None = None) -> Document:
    """Clean one page dump (text or HTML, str or bytes) into a Document.

    For HTML input, ``Document.source`` is the text rendering of the page and block spans
    point into it. ``url``: where the page was fetched from, when known (a crawl record's
    URL). The page type is then read from the URL's words too, and the URL is the
    document's ``source_url`` unless the text shows one. An HTML page's declared URL
    (canonical, og:url) serves when no ``url`` is given."""
    config = config or DEFAULT_CONFIG
    if url is not None and not isinstance(url, str):
        raise TypeError(f"clean()'s url is a str, not {type(url).__name__}")
    if url is not None:
        url = without_surrogates(url.strip()) or None  # a blank url is no url
    text = decode_input(source, config)
    input_format = config.input_format
    if input_format == "auto":
        from .html import looks_like_html

        input_format = "html" if looks_like_html(text) else "text"
    rendering = None
    if input_format == "html":
        from .html import render_html

        markup = text
        rendering = render_html(markup)
        text = rendering.text
    blocks = normalize_blocks(segment_text(text, join_fragments=rendering is None), config)
    from .classify import classify_blocks  # lazy: pulls in NumPy and the model

    declared = dict(rendering.meta) if rendering is not None else {}
    if url:
        declared["url"] = url
    page = classify_blocks(blocks, config, rendering, declared.get("url"))
    labelled = settle_body(page.blocks, config) if config.stable_body else page.blocks
    document = assemble_document(text, labelled, page.language, input_format,
                                 page.page_type, declared or None,
                                 rendering is not None and rendering.opens_with_title)
    if (rendering is not None and document.metadata["date"] is None
            and document.metadata.get("page_type") in DATED_PAGE_TYPES):
        from .html import guess_date

        document.metadata["date"] = guess_date(markup)  # shown nowhere, declared nowhere
    return document


#: A body of n blocks drops n // this many (at least one) at its first look that does not
#: read clean (``settle_body``). Every look reads the whole body, so a huge body that
#: dropped one block at a time took many looks: a page of 100,000 short lines took 9 second
#: looks (73 s), 3 with this (28 s). The bodies of the dev pages (at most 727 blocks) drop
#: one, as before.
BODY_BLOCKS_PER_FIRST_DROP = 1024


def settle_body(labelled: Sequence[Block], config: Config) -> list[Block]:
    """Look at the body again, as a text page of its own, until it reads as clean.

    Each look that does not read clean drops the blocks it is surest are not body: one the
    first time (one per ``BODY_BLOCKS_PER_FIRST_DROP`` blocks of a huge body), then twice
    as many each time (a long body settles in few looks, a short one loses no more than it
    must); they leave the body with reason ``second-look:...``. Every such look drops at
    least one block, so this ends; the body it leaves reads as clean, so cleaning that body
    again keeps it whole: ``clean(doc.body).body == doc.body``."""
    from .classify import look_again

    blocks = list(labelled)
    count = 0  # blocks to drop at this look, if it does not read clean
    while True:
        at = [i for i, b in enumerate(blocks) if b.label in BODY_LABELS and b.text]
        if not at:
            return blocks
        count = count * 2 if count else max(1, len(at) // BODY_BLOCKS_PER_FIRST_DROP)
        body = Document.join_body(blocks[i].text for i in at)
        try:
            again = normalize_blocks(segment_text(decode_input(body, config)), config)
        except InputError:
            return blocks
        if [b.text for b in again] != [blocks[i].text for i in at]:
            return blocks  # the body does not read back as its blocks: nothing to compare
        second = look_again(again, config)
        if second is None:
            return blocks
        for i, drop, block in zip(at, second.drops(count), second.blocks, strict=True):
            if drop:
                kind = block.kind or Kind.OTHER
                label = Label.METADATA if kind is Kind.METADATA else Label.FURNITURE
                blocks[i] = blocks[i].relabel(label, f"second-look:{block.reason}", kind,
                                              block.score)


def assemble_document(
    text: str,
    labelled: Sequence[Block],
    language: str | None,
    input_format: str = "text",
    page_type: tuple[str, float] | None = None,
    declared: dict[str, str] | None = None,
    title_line: bool = False,
) -> Document:
    """Labelled blocks -> Document: captions, metadata and title (training uses it too).

    ``declared``: what an HTML page says of itself (``html.Rendering.meta``); its author
    comes before the text's, its date and URL fill what the text does not show
    (``metadata.extract_metadata``). ``title_line``: the first line is the page's
    ``<title>`` element (``metadata.page_title``)."""
    from .metadata import extract_metadata, page_title

    captions, lone = collect_captions(labelled)
    if lone:  # credit and caption lines no caption holds: furniture, so they are listed
        labelled = list(labelled)
        for i in lone:
            labelled[i] = labelled[i].relabel(Label.FURNITURE, labelled[i].reason,
                                              Kind.ATTRIBUTION)
    blocks, metadata = extract_metadata(text, labelled, language, declared,
                                        page_type[0] if page_type else None)
    for key, value in metadata.items():  # read from the raw text: no lone surrogates out
        if isinstance(value, str):
            metadata[key] = without_surrogates(value)
    metadata["input_format"] = input_format
    if page_type is not None:
        metadata["page_type"] = page_type[0]
        metadata["page_type_probability"] = round(page_type[1], 3)
    title = page_title(blocks, title_line, metadata["source_url"])
    return Document(source=text, blocks=tuple(blocks), title=title,
                    captions=tuple(captions), metadata=metadata)
