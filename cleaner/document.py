"""The data model that flows out of the pipeline: labels, kinds, blocks, captions, Document.

This module owns the vocabulary of results (what a block *is* and why) and the lossless
record of the input. It makes no judgements and imports nothing heavy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import Enum
from operator import attrgetter
from types import EllipsisType
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (from undecodable bytes, a broken JSON escape) as
    one U+FFFD and each surrogate pair as the character it stands for: text that UTF-8,
    JSON consumers and Arrow can take."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


class Label(str, Enum):
    """What a block is, as far as the article is concerned."""

    TITLE = "title"
    BODY = "body"
    HEADING = "heading"
    CAPTION = "caption"
    CREDIT = "credit"
    METADATA = "metadata"
    FURNITURE = "furniture"

    def __str__(self) -> str:
        return self.value


class Kind(str, Enum):
    """The sort of site furniture (or metadata) a dropped block belongs to."""

    NAVIGATION = "navigation"
    RELATED = "related"
    COMMENTS = "comments"
    SHARE = "share"
    NEWSLETTER = "newsletter"
    ADVERT = "advert"
    LEGAL = "legal"
    COOKIE = "cookie"
    ATTRIBUTION = "attribution"
    METADATA = "metadata"
    OTHER = "other"

    def __str__(self) -> str:
        return self.value


#: Labels whose blocks make up ``Document.body``.
BODY_LABELS = frozenset({Label.BODY, Label.HEADING})


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the input (a line, part of a line split at a glued marker, or lines
    that are pieces of one sentence, joined: ``segment``).

    ``start``/``end`` are character offsets into ``Document.source``; ``source[start:end]``
    is the raw block as it appeared, ``text`` the cleaned version. ``fixes`` names the text
    repairs that turned one into the other. ``reason`` is a short code saying which rule or
    signal decided the label; ``score`` is the model's body probability where a model ran.
    """

    text: str
    start: int
    end: int
    label: Label = Label.FURNITURE
    kind: Kind | None = None
    reason: str = ""
    score: float | None = None
    fixes: tuple[str, ...] = ()
    heading_level: int = 0
    list_item: bool = False
    link_chars: int = 0
    image: bool = False
    indent: int = 0

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def __reduce__(self) -> tuple[type[Block], tuple[Any, ...]]:
        """Pickle as the constructor's arguments: a third of the default's cost (Documents
        travel between ``clean_many``'s worker processes and the caller by pickle)."""
        return (Block, _block_fields(self))

    def relabel(
        self,
        label: Label,
        reason: str,
        kind: Kind | None | EllipsisType = ...,
        score: float | None | EllipsisType = ...,
    ) -> Block:
        """A copy with a new label and reason, and a new kind and score where given (``...``
        keeps them): ``dataclasses.replace`` for the one change every stage makes, at a
        fraction of its cost (it runs for every block of every page)."""
        return new_block(
            self.text, self.start, self.end, label,
            self.kind if isinstance(kind, EllipsisType) else kind, reason,
            self.score if isinstance(score, EllipsisType) else score, self.fixes,
            self.heading_level, self.list_item, self.link_chars, self.image, self.indent,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "label": self.label.value,
            "kind": self.kind.value if self.kind else None,
            "reason": self.reason,
            "score": None if self.score is None else round(self.score, 4),
            "span": [self.start, self.end],
            "fixes": list(self.fixes),
            "heading_level": self.heading_level,
            "list_item": self.list_item,
            "link_chars": self.link_chars,
            "image": self.image,
            "indent": self.indent,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Block:
        """The Block that ``to_dict`` gave ``data`` (its score rounded to 4 places)."""
        start, end = data["span"]
        kind = data.get("kind")
        score = data.get("score")
        return new_block(
            str(data["text"]), int(start), int(end), Label(data["label"]),
            None if kind is None else Kind(kind), str(data.get("reason", "")),
            None if score is None else float(score), tuple(data.get("fixes", ())),
            int(data.get("heading_level", 0)), bool(data.get("list_item", False)),
            int(data.get("link_chars", 0)), bool(data.get("image", False)),
            int(data.get("indent", 0)),
        )


#: Every field of a Block, in the constructor's order.
_block_fields = attrgetter(*(f.name for f in fields(Block)))
(_set_text, _set_start, _set_end, _set_label, _set_kind, _set_reason, _set_score, _set_fixes,
 _set_heading_level, _set_list_item, _set_link_chars, _set_image, _set_indent) = (
    Block.__dict__[f.name].__set__ for f in fields(Block))


def new_block(text: str, start: int, end: int, label: Label, kind: Kind | None, reason: str,
              score: float | None, fixes: tuple[str, ...], heading_level: int,
              list_item: bool, link_chars: int, image: bool, indent: int) -> Block:
    """``Block(...)`` with every field given, in half its time: the frozen dataclass's
    ``__init__`` sets each field through ``object.__setattr__``, this sets the slots
    directly (a Block is made for every line at every stage; tests/test_pipeline.py checks
    that both make the same Block)."""
    block = object.__new__(Block)
    _set_text(block, text)
    _set_start(block, start)
    _set_end(block, end)
    _set_label(block, label)
    _set_kind(block, kind)
    _set_reason(block, reason)
    _set_score(block, score)
    _set_fixes(block, fixes)
    _set_heading_level(block, heading_level)
    _set_list_item(block, list_item)
    _set_link_chars(block, link_chars)
    _set_image(block, image)
    _set_indent(block, indent)
    return block


@dataclass(frozen=True, slots=True)
class Caption:
    """An image caption: its text without markers, the credit split off, any alt text."""

    text: str
    credit: str | None = None
    alt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "credit": self.credit, "alt": self.alt}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Caption:
        return cls(str(data["text"]), data.get("credit"), data.get("alt"))


@dataclass(frozen=True, slots=True)
class Document:
    """The result of cleaning one page. Every block of ``source`` is in ``blocks``."""

    source: str
    blocks: tuple[Block, ...]
    title: str | None = None
    captions: tuple[Caption, ...] = ()
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def body(self) -> str:
        """The article text: paragraphs and subheadings separated by one blank line."""
        return self.join_body(b.text for b in self.blocks if b.label in BODY_LABELS and b.text)

    @staticmethod
    def join_body(texts: Iterable[str]) -> str:
        """The body's text from its blocks' texts."""
        return "\n\n".join(texts)

    @property
    def furniture(self) -> list[Block]:
        return [b for b in self.blocks if b.label is Label.FURNITURE]

    @property
    def headings(self) -> list[str]:
        return [b.text for b in self.blocks if b.label is Label.HEADING]

    def to_dict(self, *, blocks: bool = True, source: bool = False) -> dict[str, Any]:
        """Plain data: title, body, captions, metadata, the furniture, then every block
        (``blocks``) and the decoded input (``source``). With both, ``from_dict`` rebuilds
        the Document."""
        out: dict[str, Any] = {
            "title": self.title,
            "body": self.body,
            "captions": [c.to_dict() for c in self.captions],
            "metadata": dict(self.metadata),
            "furniture": [
                {"text": b.text, "kind": b.kind.value if b.kind else None, "reason": b.reason}
                for b in self.furniture
            ],
        }
        if blocks:
            out["blocks"] = [b.to_dict() for b in self.blocks]
        if source:
            out["source"] = self.source
        return out

    def to_json(
        self, *, blocks: bool = True, source: bool = False, indent: int | None = None
    ) -> str:
        return json.dumps(
            self.to_dict(blocks=blocks, source=source), ensure_ascii=False, indent=indent
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """The Document that ``to_dict(source=True)`` (or ``--format json --keep-source``)
        gave ``data``: to relabel, render or compare documents stored as JSON. The body and
        furniture are read from the blocks; ``ValueError`` if ``blocks`` or ``source`` is
        missing, a block or caption lacks a field (a block: or has an unknown label or kind,
        or a span that does not fit the source)."""
        missing = [key for key in ("blocks", "source") if key not in data]
        if missing:
            raise ValueError(
                f"a Document needs {' and '.join(repr(m) for m in missing)}: write it with "
                "to_dict(source=True) or the CLI's --keep-source"
            )
        source = str(data["source"])
        blocks: list[Block] = []
        for i, item in enumerate(data["blocks"]):
            try:
                block = Block.from_dict(item)
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"block {i} is not a Block's to_dict(): {exc!r}") from exc
            previous = blocks[-1].end if blocks else 0
            if not previous <= block.start <= block.end <= len(source):
                raise ValueError(
                    f"block span {list(block.span)} does not fit a source of "
                    f"{len(source)} characters after offset {previous}"
                )
            blocks.append(block)
        try:
            captions = tuple(Caption.from_dict(c) for c in data.get("captions", ()))
        except (KeyError, TypeError) as exc:
            raise ValueError(f"a caption is not a Caption's to_dict(): {exc!r}") from exc
        return cls(
            source=source,
            blocks=tuple(blocks),
            title=data.get("title"),
            captions=captions,
            metadata=dict(data.get("metadata") or {}),
        )
