"""Config: every threshold and switch of the pipeline in one frozen, documented object.

Options travel through the pipeline as one ``Config``; stages read the fields they need and
never take option lists of their own. ``Config.with_overrides(**kw)`` is the one place where
keyword overrides are folded in.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any, Literal

InputFormat = Literal["auto", "text", "html"]


@dataclass(frozen=True, slots=True)
class Config:
    #: "auto" sniffs HTML markup at the start of the input; "text"/"html" force the reader.
    input_format: InputFormat = "auto"
    #: Inputs longer than this (in characters after decoding, or bytes before) raise
    #: ``InputError`` instead of being cleaned. 0 disables the limit.
    max_input_chars: int = 50_000_000
    #: Repair mojibake and other encoding damage with ftfy (non-ASCII blocks only).
    fix_encoding: bool = True
    #: Decode HTML entities such as ``&amp;`` and ``&#8217;`` left in the text.
    unescape_entities: bool = True
    #: Strip Markdown link/image/emphasis syntax (html2text-style dumps) from block text;
    #: the raw text stays reachable through each block's span.
    strip_markdown: bool = True
    #: A block whose (smoothed) body probability reaches this is body. Out of fold on the
    #: html_text dev pages, 0.4 and 0.6 traded precision for recall without a better F1 on all
    #: three metrics (docs/algorithm.md), so the plain 0.5 stays.
    min_body_probability: float = 0.5
    #: A block whose caption probability reaches this is a caption (captions are rare, so
    #: the model's probabilities for them stay low; 0.15 had the best out-of-fold caption
    #: F1 of 0.15, 0.3, 0.45 on the html_text dev pages).
    min_caption_probability: float = 0.15
    #: Weight of the neighbours' probabilities in the context revision along the page
    #: (0 = every block decided on its own). Out of fold on the html_text dev pages, 0.3 scored
    #: slightly below 0 on all three body metrics: the neighbour features already carry the
    #: context, so the revision is off by default.
    context_weight: float = 0.0
    #: Keep the body stable: a text page that already reads as clean is kept whole, and the
    #: body found is looked at again, as a page of its own, until it reads as clean, so that
    #: ``clean(doc.body).body == doc.body`` (``classify.reads_clean``,
    #: ``pipeline.settle_body``). On by default since session 9: out of fold it costs no
    #: quality on text and a little on HTML (html_text 0.915 / 0.896 / 0.832 -> 0.916 /
    #: 0.897 / 0.831, HTML 0.958 / 0.941 / 0.856 -> 0.958 / 0.939 / 0.855: articles shingle /
    #: snippet F1, WCXB word F1). Off is faster: it skips the second look at every body
    #: (18.2 against 15.1 docs/s on text in session 9; README, "Guarantees").
    stable_body: bool = True
    #: Take the items of a listing, collection or product grid as its body (WCXB counts
    #: them as the page's content): a body under 50 words takes in the blocks of at least
    #: 0.15 body probability that the lexicon does not name, and on a page typed a listing
    #: or a collection the blocks of at least 0.25 are body (reasons ``model:body-thin``,
    #: ``model:body-items``; ``classify.THIN_BODY_WORDS``). Out of fold on HTML, WCXB word
    #: F1 0.8537 -> 0.8665 with them, articles unchanged. Off for a corpus of articles
    #: alone: a listing's teasers stay furniture.
    item_bodies: bool = True
    #: A page reads as clean when the clean-page model gives it at least this probability.
    #: Out of fold, 0.5 calls 95% of first-look bodies clean, 1-7% of whole pages and 7% of
    #: short crops of pages (a body and a few lines around it; session 8's models). With
    #: session 6's block models, on html_text, 0.3 scored about the same (snippet F1 0.882
    #: against 0.881) but called 11% of the crops clean; 0.9 lost more (0.871).
    min_clean_page_probability: float = 0.5
    #: ...or when no block's body probability is below this (the first value tried; not
    #: tuned).
    min_clean_block_probability: float = 0.1
    #: Path of a tree model (``.npz`` from ``training/train.py``) to use instead of the
    #: packaged one; for experiments and out-of-fold evaluation.
    model_path: str | None = None
    #: The same for the word model the text model reads (``words.npz``, ``cleaner.words``);
    #: it goes with the text model it was trained with.
    word_model_path: str | None = None
    #: The same for the HTML model (text and DOM features), used for HTML input.
    html_model_path: str | None = None
    #: The same for the clean-page model (``training/clean_page.py``).
    clean_page_model_path: str | None = None
    #: The same for the title model (``training/title.py``); the title model for text pages
    #: whose address is known is read from the file beside it named ``<stem>-url.npz``.
    title_model_path: str | None = None
    #: The same for the page-type trees (``training/page_type.py``); their word weights are
    #: read from the file beside it named ``<stem>_words.npz``.
    page_type_model_path: str | None = None

    def __post_init__(self) -> None:
        """Check every field's type and range, so that a wrong value fails here, once,
        rather than deep inside ``clean()`` on every page of a batch."""
        if self.input_format not in ("auto", "text", "html"):  # a typo would read as text
            raise ValueError(f"input_format must be 'auto', 'text' or 'html', not "
                             f"{self.input_format!r}")
        for item in fields(self):
            value = getattr(self, item.name)
            if item.type == "bool" and not isinstance(value, bool):
                raise TypeError(f"{item.name} must be True or False, not {value!r}")
            if item.type == "int" and (isinstance(value, bool) or not isinstance(value, int)
                                       or value < 0):
                raise ValueError(f"{item.name} must be a whole number, 0 or more, not "
                                 f"{value!r}")
            if item.type == "float" and (isinstance(value, bool)
                                         or not isinstance(value, (int, float))
                                         or not 0 <= value <= 1):  # NaN fails too
                raise ValueError(f"{item.name} must be a number from 0 to 1, not {value!r}")
            if item.type == "str | None" and value is not None and not isinstance(value, str):
                raise TypeError(f"{item.name} must be a path (str) or None, not {value!r}")

    def with_overrides(self, **overrides: Any) -> Config:
        known = {f.name for f in fields(self)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise TypeError(f"unknown Config field(s): {', '.join(unknown)}")
        return replace(self, **overrides)


DEFAULT_CONFIG = Config()
