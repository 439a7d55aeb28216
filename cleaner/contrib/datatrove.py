"""A datatrove pipeline step: document text in, cleaned article text out.

This module owns the adapter to datatrove (``pip install 'cleaner[datatrove]'``): each
datatrove ``Document``'s text (raw page text or HTML, as a reader or an extractor left it) is
cleaned; the body becomes the document's text and the rest goes into its metadata (see
``CleanerStep``). Dropped documents and every block's label, kind and reason are counted in
the step's stats, as datatrove filters count their reasons. A page that cannot be cleaned,
or takes longer than ``timeout``, is dropped and counted, never raised. It does not read or
write data: datatrove's readers and writers do.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

try:
    from datatrove.data import Document as DatatroveDocument
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.logging import logger
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "cleaner.contrib.datatrove needs datatrove: pip install 'cleaner[datatrove]'"
    ) from exc

from ..batch import Failure, call_isolated, check_timeout
from ..config import Config
from ..document import Document
from ..errors import InputError
from ..pipeline import clean

__all__ = ["CleanerStep"]


class CleanerStep(PipelineStep):  # type: ignore[misc]  # datatrove ships no type hints
    """Clean every document; its text becomes the article body.

    Metadata added to each document kept:

    - ``title`` (str or None), ``headings`` (list of str);
    - ``captions``: list of ``{"text", "credit", "alt"}``;
    - ``furniture``: list of ``{"text", "kind", "reason"}``, every block dropped and why;
    - ``labels``: blocks per label, e.g. ``{"body": 12, "furniture": 40, "title": 1}``;
    - ``language``, ``author``, ``date``, ``source_url``, ``page_type`` where found, unless
      an earlier step set the key already (a language filter's ``language`` is kept);

    A document whose metadata names its ``url`` (as datatrove's WARC reader does) is
    cleaned with it (``cleaner.clean``'s ``url``: its page type reads the URL too).
    - ``blocks`` (every block with label, kind, reason, score and span) with
      ``keep_blocks=True``.

    Dropped (not forwarded): documents that cannot be cleaned (``failed_input`` for binary
    or oversized text, ``failed_timeout``, ``failed_error`` for a bug) and, unless
    ``keep_empty``, documents whose body is empty (``dropped_empty_body``). Stats per
    document: ``label_<label>``, ``kind_<kind>`` and ``reason_<reason>`` block counts.

    ``timeout`` (seconds, None for none) uses ``SIGALRM``, so it applies where datatrove runs
    the step in a process's main thread (``LocalPipelineExecutor`` does); elsewhere the step
    runs without a time limit.
    """

    name = "🧹 cleaner"
    type = "🛢 - EXTRAC"

    def __init__(
        self,
        config: Config | None = None,
        *,
        timeout: float | None = 60.0,
        keep_empty: bool = False,
        keep_blocks: bool = False,
    ) -> None:
        super().__init__()
        check_timeout(timeout)
        self.config = config or Config()
        self.timeout = timeout
        self.keep_empty = keep_empty
        self.keep_blocks = keep_blocks

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> DocumentsPipeline:
        if data is None:
            return
        for document in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                result = call_isolated(self._clean, document, self.timeout)
            if isinstance(result, Failure):
                self.stat_update(StatHints.dropped, f"failed_{result.reason}")
                logger.warning(f"cleaner dropped document {document.id!r}: {result.message}")
                continue
            self._count(result)
            if not result.body and not self.keep_empty:
                self.stat_update(StatHints.dropped, "dropped_empty_body")
                continue
            self.annotate(document, result)
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(document)
            yield document

    def _clean(self, document: DatatroveDocument) -> Document:
        """``clean`` the document's text, with the URL its metadata names (WARC readers
        put it under "url")."""
        if not isinstance(document.text, (str, bytes)):  # an input's fault, not a bug
            raise InputError(f"document text is {type(document.text).__name__}, not str")
        if document.metadata is None:
            document.metadata = {}
        url = document.metadata.get("url")
        return clean(document.text, self.config, url if isinstance(url, str) and url else None)

    def annotate(self, document: DatatroveDocument, doc: Document) -> None:
        """Put the cleaned ``doc`` into the datatrove ``document`` (text and metadata)."""
        document.text = doc.body
        meta: dict[str, Any] = document.metadata
        meta["title"] = doc.title
        meta["headings"] = doc.headings
        meta["captions"] = [c.to_dict() for c in doc.captions]
        meta["furniture"] = doc.to_dict(blocks=False)["furniture"]
        meta["labels"] = dict(Counter(b.label.value for b in doc.blocks))
        for key in ("language", "author", "date", "source_url", "page_type"):
            if doc.metadata.get(key) is not None:
                meta.setdefault(key, doc.metadata[key])
        if self.keep_blocks:
            meta["blocks"] = [b.to_dict() for b in doc.blocks]

    def _count(self, doc: Document) -> None:
        counts: Counter[str] = Counter()
        for block in doc.blocks:
            counts[f"label_{block.label.value}"] += 1
            counts[f"reason_{block.reason}"] += 1
            if block.kind is not None:
                counts[f"kind_{block.kind.value}"] += 1
        for name, value in sorted(counts.items()):
            self.stat_update(name, value=value)
