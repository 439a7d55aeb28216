"""Reference systems the cleaner is measured against: text in, article body out.

This module owns the baselines and nothing about scoring or data layout: keeping the whole
rendering, the C4 line filter, jusText run over the lines of the rendering, and trafilatura
2.x run on the original HTML (with an on-disk cache of its outputs, since it is slow). Each
text baseline is a picklable callable ``str -> str`` so a process pool can run it.

C4 line filter (``c4_line_filter``): the line-level rules of the C4 clean-up as the paper
states them (Raffel et al. 2020, sec. 2.2): strip each line; keep it only if it ends in a
terminal punctuation mark (``.``, ``!``, ``?``) or an end quotation mark (ASCII ``"`` or
``”``), has at least 3 whitespace-separated words, and contains (case-insensitively)
neither ``javascript``, ``lorem ipsum``, nor a policy phrase of TFDS ``c4_utils``
(``terms of use``, ``privacy policy``, ``cookie policy``, ``uses cookies``, ``use of
cookies``, ``use cookies``). Left out: the TFDS code's extra rule dropping lines that end
in ``...`` and its missing ``”`` (that variant scores 0.797 / 0.779 instead of 0.829 / 0.785
on articles html_text, shingle / snippet F1); its page-level drops (``lorem ipsum`` or
``{`` anywhere, fewer than 5 sentences, bad words), Wikipedia citation removal and
corpus-wide deduplication of three-sentence spans, which make no sense for a body
extractor. A ``lorem ipsum`` line is dropped like a ``javascript`` line.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .data import REPO_ROOT

__all__ = [
    "CACHE_DIR",
    "JUSTEXT_LANGUAGES",
    "JustextLines",
    "TrafilaturaOutput",
    "c4_line_filter",
    "keep_everything",
    "trafilatura_html",
    "trafilatura_metadata",
    "trafilatura_version",
]

#: Where slow baselines keep their outputs (gitignored through ``.cache/``).
CACHE_DIR = REPO_ROOT / ".cache" / "benchmarks"


def keep_everything(text: str) -> str:
    """The whole rendering as the body: the floor any cleaner has to beat."""
    return text


# --- C4 ---------------------------------------------------------------------------------

_C4_END_MARKS = (".", "?", "!", '"', "\u201d")
_C4_MIN_WORDS_PER_LINE = 3
_C4_BANNED_SUBSTRINGS = (
    "javascript",
    "lorem ipsum",
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)


def _c4_keeps(line: str) -> bool:
    if not line.endswith(_C4_END_MARKS):
        return False
    if len(line.split()) < _C4_MIN_WORDS_PER_LINE:
        return False
    lower = line.lower()
    return not any(s in lower for s in _C4_BANNED_SUBSTRINGS)


def c4_line_filter(text: str) -> str:
    """The lines of ``text`` that pass the C4 line rules (module docstring), stripped."""
    return "\n".join(line for line in (raw.strip() for raw in text.splitlines()) if _c4_keeps(line))


# --- jusText ----------------------------------------------------------------------------

#: ISO 639-1 codes (as in the ``lang`` field of the data) -> jusText stoplist names.
#: Languages without a jusText stoplist (zh, ja) are absent.
JUSTEXT_LANGUAGES: dict[str, str] = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "ga": "Irish", "gl": "Galician", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic",
    "it": "Italian", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "ms": "Malay",
    "nb": "Norwegian_Bokmal", "nl": "Dutch", "nn": "Norwegian_Nynorsk",
    "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish",
    "sw": "Swahili", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
}  # fmt: skip


@cache
def _stoplist(name: str) -> frozenset[str]:
    """A jusText stoplist, loaded once per process (read-only packaged data)."""
    import justext

    return frozenset(justext.get_stoplist(name))


@dataclass(frozen=True, slots=True)
class JustextLines:
    """jusText over the lines of a rendering: each non-empty line becomes one ``<p>``.

    The stoplist is chosen per page among ``stoplists`` (those of the languages present
    in the data set) as the one with the most stopword hits among the page's lowercased
    whitespace-separated words; jusText runs with its default parameters, and the texts of
    its non-boilerplate paragraphs, one per line, are the body.
    """

    stoplists: tuple[str, ...]

    @classmethod
    def for_languages(cls, languages: Iterable[str | None]) -> JustextLines:
        """Candidate stoplists for the given ISO codes (English if none has one)."""
        names = sorted({JUSTEXT_LANGUAGES[c] for c in languages if c in JUSTEXT_LANGUAGES})
        return cls(tuple(names) or ("English",))

    def choose_stoplist(self, text: str) -> str:
        words = text.lower().split()
        return max(self.stoplists, key=lambda name: sum(w in _stoplist(name) for w in words))

    def __call__(self, text: str) -> str:
        import justext

        lines = [line.strip() for line in text.splitlines()]
        paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines if line)
        if not paragraphs:
            return ""
        page = f"<html><body>\n{paragraphs}</body></html>"
        stoplist = _stoplist(self.choose_stoplist(text))
        kept = justext.justext(page, stoplist)
        return "\n".join(p.text for p in kept if not p.is_boilerplate)


# --- trafilatura on HTML ----------------------------------------------------------------


def trafilatura_version() -> str:
    import trafilatura

    return str(trafilatura.__version__)


@dataclass(frozen=True, slots=True)
class TrafilaturaOutput:
    """Trafilatura's output for one page: text (``None`` if it gave none), time, error."""

    text: str | None
    seconds: float
    error: str | None = None
    cached: bool = False


def _cache_path(dataset: str, page_id: str, version: str) -> Path:
    return CACHE_DIR / f"trafilatura-{version}" / dataset / f"{page_id}.json"


def trafilatura_html(
    dataset: str,
    page_id: str,
    load_html: Callable[[], bytes],
    *,
    use_cache: bool = True,
) -> TrafilaturaOutput:
    """``trafilatura.extract(html, include_comments=False)`` (text output), cached on disk.

    The cache key is data set + page id + trafilatura version; an entry stores the text,
    the seconds the original call took (so throughput stays meaningful on cache hits) and
    the error if the call raised. ``load_html`` is only called on a cache miss.
    """
    version = trafilatura_version()
    path = _cache_path(dataset, page_id, version)
    if use_cache and path.is_file():
        entry = json.loads(path.read_text(encoding="utf-8"))
        return TrafilaturaOutput(entry["text"], entry["seconds"], entry["error"], cached=True)

    import trafilatura

    raw = load_html()
    text: str | None = None
    error: str | None = None
    start = time.perf_counter()
    try:
        text = trafilatura.extract(raw, include_comments=False)
    except Exception as exc:  # a crash is a result to record, not to raise
        error = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - start
    if use_cache:
        _write_atomic(path, {"text": text, "seconds": seconds, "error": error})
    return TrafilaturaOutput(text, seconds, error)


def trafilatura_metadata(
    dataset: str,
    page_id: str,
    load_html: Callable[[], bytes],
    *,
    use_cache: bool = True,
) -> dict[str, str | None]:
    """``trafilatura.metadata.extract_metadata`` of the page's HTML: its ``author`` and
    ``date`` (``None`` where it found none, or where it raised), cached on disk beside
    ``trafilatura_html``'s entries."""
    path = _cache_path(dataset, page_id, trafilatura_version()).with_suffix(".meta.json")
    if use_cache and path.is_file():
        return dict(json.loads(path.read_text(encoding="utf-8")))
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html as parse_html

    found: dict[str, str | None] = {"author": None, "date": None}
    try:
        tree = parse_html(load_html())
        if tree is not None:
            meta = extract_metadata(tree)
            found = {"author": meta.author, "date": meta.date}
    except Exception:  # noqa: BLE001 - nothing found, as for a page without metadata
        pass
    if use_cache:
        _write_atomic(path, dict(found))
    return found


def _write_atomic(path: Path, entry: dict[str, object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(entry, fh, ensure_ascii=False)
    os.replace(tmp, path)
