"""Cross-page boilerplate: blocks that repeat across one site's pages become furniture.

This module owns the second look at pages that were cleaned one by one: pages are grouped by
site (the host of their URL), every body block is reduced to a normalised hash (case folded,
digits as ``0``, punctuation and spacing dropped, as CCNet does for its line hashes), the
hashes are counted once per page, and a body or heading block whose hash is on at least
``SitewideRules.min_pages`` pages and at least ``min_share`` of its site's pages is relabelled
furniture with the reason ``site:repeated``. The Document is then rebuilt with
``pipeline.assemble_document``, so captions, metadata and the title are derived the same way
as for a fresh page. It does not clean pages (``pipeline``) or read inputs (``runner``).

Counting and relabelling are separate (``SiteCounts.add`` then ``mark_repeated``), so a batch
can count in one pass and relabel in a second, and counts from shards can be merged.

Text that legitimately repeats is guarded four ways (``SitewideRules``): a block must be on
a share of the site's pages, not just on two of many; a page's own repeats count once, so a
phrase used twice on one page is no evidence; a long paragraph standing alone between unique
body blocks (a quote or background paragraph reused by a related story) needs more pages
than a short line or a run of boilerplate; a heading that introduces unique body text is kept
(``Parameters``, ``Specifications`` on every page of a documentation or shop site). And a
page that would lose nearly all of its body is left alone: it is a copy of another page, not
a template, and relabelling would empty both copies.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from .document import BODY_LABELS, Block, Document, Kind, Label
from .lexicon import match_furniture
from .metadata import site_of
from .pipeline import assemble_document

__all__ = [
    "DEFAULT_RULES",
    "REASON",
    "SiteCounts",
    "SitewideRules",
    "block_key",
    "mark_repeated",
    "remove_site_boilerplate",
    "site_of",
]

#: The reason given to blocks relabelled here.
REASON = "site:repeated"
#: A relabelled block of at most this many words that is not a sentence is navigation.
MAX_NAVIGATION_WORDS = 8


@dataclass(frozen=True, slots=True)
class SitewideRules:
    """When a repeated block counts as site boilerplate. Every field is a threshold; the
    defaults were chosen on the dev data with ``python -m benchmarks.sitewide --oof 3``."""

    #: A block must be on at least this many pages of its site. 2 is the least that means
    #: "repeats"; most sites of the dev data have two or three pages there, so 3 would leave
    #: them alone (WCXB word F1 +0.002 instead of +0.011 on those pages).
    min_pages: int = 2
    #: ... and on at least this share of the site's pages in the batch. Templates (menus,
    #: footers, newsletter boxes) are on nearly every page; a sentence reused by a few
    #: articles of a big site is not. 0.8 halved the gain on the dev data.
    min_share: float = 0.5
    #: Blocks of at least this many words are long. A long block standing alone between
    #: unique body blocks (a quote or background paragraph reused by a related story) needs
    #: more evidence: it must be on at least ``min_long_pages`` pages.
    min_long_words: int = 25
    #: The pages a long, isolated block must be on (see ``min_long_words``).
    min_long_pages: int = 4
    #: A page whose repeated blocks hold at least this share of its body words is left as it
    #: is: it is most likely a copy of another page of the batch (one article under two URLs,
    #: with and without a trailing slash; a versioned and a "current" docs URL), and
    #: relabelling would empty every copy. Every page of the dev data over 0.9 was such a
    #: copy (four pairs, WCXB word F1 0.89-0.97 -> 0.0-0.06 without this guard), or a
    #: script-rendered page with no text worth keeping.
    max_page_share: float = 0.9


DEFAULT_RULES = SitewideRules()

_DIGIT = re.compile(r"\d")
_NOT_WORD = re.compile(r"[\W_]+")


def block_key(text: str) -> int | None:
    """A 64-bit hash of a block's normalised text, or None if nothing is left after
    normalising (punctuation only). Stable across processes and machines."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    normal = _NOT_WORD.sub(" ", _DIGIT.sub("0", folded)).strip()
    if not normal:
        return None
    return int.from_bytes(hashlib.blake2b(normal.encode("utf-8"), digest_size=8).digest(),
                          "little")


@dataclass(slots=True)
class SiteCounts:
    """How many pages of each site each block hash is on, and how many pages each site has.

    Memory: one entry per distinct (site, hash) pair of body and heading blocks.
    """

    pages: Counter[str] = field(default_factory=Counter)
    keys: dict[str, Counter[int]] = field(default_factory=dict)

    def add(self, site: str, doc: Document) -> None:
        """Count one page of ``site`` (each hash once, however often the page repeats it)."""
        self.pages[site] += 1
        counter = self.keys.setdefault(site, Counter())
        counter.update(_page_keys(doc))

    def merge(self, other: SiteCounts) -> None:
        """Add the counts of ``other`` (a shard counted elsewhere)."""
        self.pages.update(other.pages)
        for site, counter in other.keys.items():
            self.keys.setdefault(site, Counter()).update(counter)

    def repeated(self, site: str, rules: SitewideRules = DEFAULT_RULES) -> dict[int, int]:
        """The hashes of ``site`` that count as boilerplate under ``rules``, each with the
        number of pages it is on."""
        pages = self.pages.get(site, 0)
        least = max(rules.min_pages, 2, rules.min_share * pages)
        if pages < least:
            return {}
        return {k: n for k, n in self.keys.get(site, Counter()).items() if n >= least}


def _page_keys(doc: Document) -> set[int]:
    keys = (block_key(b.text) for b in doc.blocks if b.label in BODY_LABELS)
    return {k for k in keys if k is not None}


def mark_repeated(
    doc: Document, repeated: Mapping[int, int], rules: SitewideRules = DEFAULT_RULES
) -> Document:
    """``doc`` with its repeated body and heading blocks relabelled furniture (``REASON``).

    ``repeated`` is ``SiteCounts.repeated(site)`` for the page's site (hash -> pages). Returns
    ``doc`` itself when nothing changes. The kind of a relabelled block comes from its wording
    where the furniture lexicon knows it, else ``navigation`` for link-heavy blocks and a few
    words that are not a sentence, else ``other``.
    """
    if not repeated:
        return doc
    blocks = doc.blocks
    pages = [repeated.get(block_key(b.text) or 0, 0) if b.label in BODY_LABELS else 0
             for b in blocks]
    hit = [n > 0 for n in pages]
    drop = [i for i, n in enumerate(pages) if n and not _kept(blocks, hit, i, n, rules)]
    body_words = sum(len(b.text.split()) for b in blocks if b.label in BODY_LABELS)
    dropped_words = sum(len(blocks[i].text.split()) for i in drop)
    if body_words and dropped_words >= rules.max_page_share * body_words:
        drop = []
    if not drop:
        return doc
    relabelled = list(blocks)
    for i in drop:
        relabelled[i] = replace(blocks[i], label=Label.FURNITURE, kind=_kind_of(blocks[i]),
                                reason=REASON)
    rebuilt = assemble_document(doc.source, relabelled, doc.metadata.get("language"),
                                doc.metadata.get("input_format") or "text")
    metadata = {**doc.metadata, **rebuilt.metadata}
    return replace(rebuilt, metadata=metadata)


def _kept(
    blocks: Sequence[Block], hit: Sequence[bool], i: int, pages: int, rules: SitewideRules
) -> bool:
    """Guards for text that repeats legitimately (see the module docstring)."""
    before = _neighbour(blocks, i, -1)
    after = _neighbour(blocks, i, 1)

    def unique_body(j: int | None) -> bool:
        return j is not None and blocks[j].label in BODY_LABELS and not hit[j]

    block = blocks[i]
    if block.label is Label.HEADING and unique_body(after):
        return True
    long = len(block.text.split()) >= rules.min_long_words
    alone = unique_body(before) and unique_body(after)
    return long and alone and pages < rules.min_long_pages


def _neighbour(blocks: Sequence[Block], i: int, step: int) -> int | None:
    """The nearest block before (``step=-1``) or after (``1``) ``i`` that has text."""
    j = i + step
    while 0 <= j < len(blocks):
        if blocks[j].text.strip():
            return j
        j += step
    return None


def _kind_of(block: Block) -> Kind:
    lex = match_furniture(block.text)
    if lex is not None:
        kind = Kind(lex[0])
        if kind is not Kind.METADATA:
            return kind
    text = block.text.strip()
    if block.link_chars and block.link_chars >= len(text) / 2:
        return Kind.NAVIGATION
    # A few words and no sentence: a menu line ("Home News Sport"), a section name, a button.
    if len(text.split()) <= MAX_NAVIGATION_WORDS and not text.endswith((".", "!", "?", ":")):
        return Kind.NAVIGATION
    return Kind.OTHER


def remove_site_boilerplate(
    pages: Iterable[tuple[str | None, Document]], rules: SitewideRules = DEFAULT_RULES
) -> list[Document]:
    """Relabel the site boilerplate of a group of cleaned pages held in memory.

    ``pages`` are ``(site, document)`` pairs; ``site`` is usually ``site_of(url)``, and pages
    whose site is None are returned unchanged. Returns the documents in the same order. For
    batches too large for memory, count with ``SiteCounts`` in one pass and call
    ``mark_repeated`` in a second.
    """
    listed = list(pages)
    counts = SiteCounts()
    for site, doc in listed:
        if site is not None:
            counts.add(site, doc)
    repeated = {site: counts.repeated(site, rules) for site in counts.pages}
    return [doc if site is None else mark_repeated(doc, repeated[site], rules)
            for site, doc in listed]
