"""Packaged vocabularies and model weights, loaded once and read-only.

Rules live here as data (phrases, markers, stoplists) with the tiny loaders and regex
builders that make them usable; the code that decides what a block *is* lives in the stage
modules. Kinds are named by their ``Kind`` values (plain strings) so that this module
imports nothing from the package. Nothing here is mutable after load: loaders are cached
with ``functools.cache`` and return frozen objects.

Furniture phrases
-----------------
``FURNITURE_PHRASES`` maps a kind to the phrases that mark a *short* block (a line of at
most ``MAX_FURNITURE_WORDS`` words) as that kind of site furniture. Matching is
case-insensitive, ignores leading bullets/arrows/icons, and treats any run of whitespace in
a phrase as any run of whitespace in the text. A phrase matches in one of two ways:

* a plain phrase ("Home", "Related articles") must be the whole block, give or take a
  *tail* of non-letters (punctuation, arrows, counts: "Comments (12)", "Next »") or a
  label separator followed by anything (":", "|", "»", "›", ">", "/": "Tags: politics",
  "Home » News", "Login / Register");
* a phrase ending in "…", or a label ending in a colon ("Tags:", "Photo:"), is an
  *opener*: the block may go on with anything after it ("Your email address will not be
  published…", "Posted on…", "Photo: Reuters").

A closing "?", "!" or "." of a plain phrase is optional ("Was this page helpful").

``FURNITURE_PATTERNS`` adds, per kind, a few regexes for shapes that are not fixed
phrases (comment headers "Jane says:", bylines "By Jane Doe", dates, "3 min read",
counts "12 Comments"). Both are anchored at the start of the block.

Blocks longer than ``MAX_FURNITURE_WORDS`` only match *openers*: any opener of the cookie
and legal kinds ("This website uses cookies…", "© 2024…"), and openers of at least
``MIN_LONG_OPENER_WORDS`` words of the other kinds ("This site uses Akismet to reduce
spam…", "Your email address will not be published…"), which are distinctive at any
length. Those notices can run long, while an article sentence that merely starts with
"Home" or "Share" is long enough to be let go.

A related phrase used as a label before a headline ("Read more: <headline>") marks a link
to another article (``labels_text``); ``labelled_link`` finds such links also where the
headline makes the line too long for ``match_furniture`` (up to
``MAX_LABELLED_LINK_WORDS`` words).

Precedence: ``match_furniture`` tries the kinds in ``FURNITURE_PRECEDENCE`` order (cookie,
legal, comments, newsletter, share, advert, attribution, metadata, related, navigation,
other) and keeps the *longest* match (a listed phrase counts with its own length, a
pattern with the text it covered), so "Copyright: Reuters" is attribution (the longer
"Copyright:") rather than legal ("Copyright"); between equally long matches the earlier
kind wins. The
generic kinds (navigation, other) come last because their words ("Home", "Search",
"Close") are the most likely to appear inside the more specific notices.

Speed: the regexes are large case-insensitive alternations, so their parts only run on
blocks that pass cheap tests first (a phrase needs its first word as the block's first
word; each of ``FURNITURE_PATTERNS`` has a gate in ``_PATTERN_GATES``, to keep in step).
The tests only skip what cannot match: results are those of the regexes alone.

How the vocabulary was checked: on the dev pages (``html_text`` renderings, blocks from
``segment_text`` + ``normalize_blocks``), 0.3% of the blocks that ``match_furniture`` fires
on in the article set occur in a gold body or "with" snippet (WCXB article pages: 4.5%,
mostly one-word blocks such as "Facebook" that also occur inside body sentences; listing,
forum and service pages keep teaser dates, bylines and calls to action in their gold
bodies). Phrases that misfired across several sites ("FAQ", "See also", "Pricing",
"Discussion", "Sold out") were dropped.

Languages: every kind has phrases in en, de, fr, it, pl and nl, most in es and pt as well;
the cookie, legal, comments, newsletter, share, related and navigation kinds also in ru,
uk, sv, da, no, fi, hu, cs, tr, id and ro, their common buttons and headers. The dev data
holds few pages in those: in all five renderings of both sets they match 668 blocks, none in
a gold body or snippet once Danish "Del" (share) was dropped (it matched Spanish "del", a
rendered ``<del>``); 475 of them are German "Menü", which only Hungarian listed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache, lru_cache, wraps
from importlib import resources
from inspect import signature
from typing import Any, Concatenate, NamedTuple, ParamSpec, TypeVar, cast

#: A function of a block's text wrapped in ``remembered`` keeps its answers for this many
#: recent texts of at most ``MEMO_MAX_CHARS`` characters: the stable body reads every body
#: block a second time, and a site's menus and footers recur on each of its pages.
MEMO_SIZE = 1 << 12
MEMO_MAX_CHARS = 1000

_Args = ParamSpec("_Args")
_R = TypeVar("_R")


def remembered(
    func: Callable[Concatenate[str, _Args], _R],
) -> Callable[Concatenate[str, _Args], _R]:
    """``func`` (pure, its first argument a block's text) remembering its answers for short
    texts (``MEMO_SIZE``, ``MEMO_MAX_CHARS``); used for the furniture lexicon, the credit split,
    the text fixes, a block's own feature columns (``features._own_row``) and the words of
    its head (``features.head_words``, ``features.lower_words``)."""
    return _remember(func, MEMO_SIZE)


#: Room for a page's blocks: what ``remembered_for_the_page`` keeps.
PAGE_MEMO_SIZE = 1 << 10


def remembered_for_the_page(
    func: Callable[Concatenate[str, _Args], _R],
) -> Callable[Concatenate[str, _Args], _R]:
    """``remembered`` with room for about one page's blocks (``PAGE_MEMO_SIZE``): for
    answers that only the page's own second look reads again, and that are big (sets and
    lists of words: a worker held 2-4 MB more for each such memo of ``MEMO_SIZE``)."""
    return _remember(func, PAGE_MEMO_SIZE)


def _remember(
    func: Callable[Concatenate[str, _Args], _R], size: int,
) -> Callable[Concatenate[str, _Args], _R]:
    plain: Callable[..., Any] = func
    cached: Callable[..., Any] = lru_cache(maxsize=size)(func)

    # Arguments are passed by position (no ``**kwargs`` to pack on every call), and a
    # function of the text alone gets a wrapper of one argument: the wrapper runs for every
    # block at every stage, and its own cost was a few percent of a page's.
    def one(text: str) -> Any:
        return cached(text) if len(text) <= MEMO_MAX_CHARS else plain(text)

    def several(text: str, *args: Any) -> Any:
        return cached(text, *args) if len(text) <= MEMO_MAX_CHARS else plain(text, *args)

    call = one if len(signature(func).parameters) == 1 else several
    return cast(Callable[Concatenate[str, _Args], _R], wraps(func)(call))


# ---------------------------------------------------------------------------------------
# Cheap prefilters
# ---------------------------------------------------------------------------------------
# The vocabularies below compile to large case-insensitive alternations, which cost tens of
# microseconds per block. Most blocks cannot match them, and that is cheap to tell from
# their words: a phrase can only match a block whose first word is the phrase's first word
# (see ``_phrase_gate``), a caption marker or credit only a line that holds the marker's or
# agency's first word somewhere. The prefilters only skip regexes that cannot match, so
# the results are exactly those of the regexes alone (tests/test_lexicon.py compares them).

_WORD = re.compile(r"\w+")
#: Characters that ``re.IGNORECASE`` treats as the same letter although ``str.lower`` keeps
#: them apart (dotless i, long s, the Greek and Cyrillic variant forms; from CPython's
#: ``re._casefix``): each is mapped to the letter it matches.
_FOLD_TABLE = str.maketrans(
    "\u0131\u017f\u00b5\u1fbe\u1fd3\u1fe3\u03d0\u03f5\u03d1\u03f0\u03d6\u03f1\u03c2\u03d5"
    "\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\ua64b\u1e9b\ufb05",
    "is\u03bc\u03b9\u0390\u03b0\u03b2\u03b5\u03b8\u03ba\u03c0\u03c1\u03c3\u03c6"
    "\u0432\u0434\u043e\u0441\u0442\u0442\u044a\u0463\u1c88\u1e61\ufb06",
)
_FOLD_NEEDED = re.compile("[" + "".join(chr(c) for c in _FOLD_TABLE) + "]")


def _fold(text: str) -> str:
    """``text`` lowercased so that two strings fold alike exactly when ``re.IGNORECASE``
    matches one against the other letter by letter. Keeps the length, so positions and
    word boundaries carry over."""
    folded = text.lower()
    if text.isascii():
        return folded
    if "\u0130" in text:  # "İ": str.lower gives "i" plus a combining dot, re gives "i"
        folded = text.replace("\u0130", "i").lower()
    if _FOLD_NEEDED.search(folded):
        folded = folded.translate(_FOLD_TABLE)
    return folded


def _first_word(literal: str) -> tuple[str, bool] | None:
    """The folded first word (``\\w`` run) of a literal and whether it ends the literal,
    or None when the literal has no word character."""
    found = _WORD.search(literal)
    if found is None:
        return None
    return _fold(found.group()), found.end() == len(literal)


def _words_of(literals: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The folded first words of ``literals``; each must have a word character."""
    words = set()
    for literal in literals:
        key = _first_word(literal)
        if key is None:
            raise ValueError(f"no word character to prefilter on: {literal!r}")
        words.add(key[0])
    return frozenset(words)

# ---------------------------------------------------------------------------------------
# Caption and credit markers
# ---------------------------------------------------------------------------------------

#: Caption and credit markers that renderers glue onto the end of the previous sentence.
CAPTION_MARKERS = (
    "Image caption", "Image copyright", "Media caption", "Photo caption",
    "Getty Images", "Photo:", "Photograph:", "Picture:", "Credit:", "Image:",
    "Foto:", "Bild:", "Fotos:", "Bildquelle:", "Quelle:", "Copyright:",
)
#: The markers that ``GLUED_MARKER`` splits on: BBC-style labels that carry no colon.
GLUED_MARKERS = CAPTION_MARKERS[:4]
#: A marker glued to a sentence end: "2018.Image copyright" (no space after the stop).
GLUED_MARKER = re.compile(
    r"(?<=[.!?\u201d\"')\]])(?=(?:" + "|".join(re.escape(m) for m in GLUED_MARKERS) + r"))"
)

#: Labels that introduce the caption text itself ("Image caption Troops in Kabul").
CAPTION_TEXT_MARKERS = (
    "Image caption", "Media caption", "Photo caption", "Video caption", "Caption:",
    "Bildunterschrift:", "Bildtext:", "Légende :", "Pie de foto:", "Leyenda:", "Legenda:",
    "Didascalia:", "Podpis:", "Bijschrift:",
)
#: Labels that introduce a credit ("Photo: Reuters"). A colon may have a space before it
#: (French typography). Word labels without a colon only count at the start of the line,
#: after an opening bracket or separator, or when written with a capital letter.
CREDIT_MARKERS = (
    # en
    "Image copyright", "Photo copyright", "Copyright:", "Photo:", "Photos:", "Photograph:",
    "Photography:", "Picture:", "Pictures:", "Image:", "Images:", "Credit:", "Credits:",
    "Image credit:", "Image credit", "Photo credit:", "Photo credit", "Picture credit:",
    "Photo by", "Photograph by", "Photos by", "Picture by", "Image by", "Illustration:",
    "Illustration by", "Graphic:", "Source:", "Image source:", "Photo courtesy of",
    "Image courtesy of", "Courtesy of", "Courtesy:", "Credit...", "Credit…", "Photo via",
    "Image via", "Photographer:", "Foto by",
    # de
    "Foto:", "Fotos:", "Bild:", "Bilder:", "Bildquelle:", "Bildnachweis:", "Quelle:",
    "Fotoquelle:", "Foto von", "Fotograf:", "Grafik:", "Abbildung:", "Copyright Foto:",
    # es / pt / it
    "Foto de", "Fotos de", "Imagen:", "Fuente:", "Crédito:", "Créditos:", "Fonte:",
    "Foto di", "Fotografia:",
    # fr
    "Crédit photo :", "Crédits photo :", "Crédit :", "Crédits :", "Photo :", "Photos :",
    "Illustration :", "Source :",
    # pl / nl
    "Źródło:", "Zdjęcie:", "Fot.", "Fotografia:", "Beeld:", "Bron:", "Foto's:",
    # symbol
    "\u00a9",
)

#: News agencies and picture libraries that stand alone as a credit.
PICTURE_AGENCIES = (
    "Getty Images", "Getty", "AFP", "Reuters", "AP", "AP Photo", "Associated Press", "dpa",
    "EPA", "EPA-EFE", "EFE", "ANSA", "ANP", "PAP", "Keystone", "KEYSTONE", "picture alliance",
    "picture-alliance", "imago", "IMAGO", "imago images", "Shutterstock", "iStock",
    "iStockphoto", "Unsplash", "Pixabay", "Pexels", "Alamy", "PA", "PA Wire", "PA Media",
    "Xinhua", "Europa Press", "Agência Brasil", "Bloomberg", "NurPhoto", "SOPA Images",
    "Wikimedia Commons", "Wikipedia", "APA", "Belga", "TT", "NTB", "Ritzau", "Lehtikuva",
    "Anadolu", "Sipa", "GettyImages", "Hans Lucas", "Abaca", "Bestimage", "Panoramic",
    # no agency: the picture is free ("... / domena publiczna")
    "Public domain", "Domena publiczna", "Dominio público", "Domaine public", "Gemeinfrei",
    "Pubblico dominio", "Publiek domein",
)


def _colon_flexible(marker: str) -> str:
    """Regex for a marker, where a trailing colon may have spaces before it."""
    if marker.endswith(":"):
        return re.escape(marker[:-1].rstrip()) + r"\s*:"
    return re.escape(marker)


def _alternation(markers: tuple[str, ...] | list[str]) -> str:
    ordered = sorted(set(markers), key=len, reverse=True)
    return "|".join(_colon_flexible(m) for m in ordered)


#: Picture libraries distinctive enough to split off even without a separator.
DISTINCTIVE_AGENCIES = (
    "Getty Images", "GettyImages", "Shutterstock", "iStockphoto", "picture alliance",
    "imago images", "AFP via Getty Images",
)
_COLON_CREDIT = [m for m in CREDIT_MARKERS
                 if m.endswith((":", ".", "…")) and m != "\u00a9"]
_WORD_CREDIT = [m for m in CREDIT_MARKERS if m not in _COLON_CREDIT and m != "\u00a9"]
_AGENCY = _alternation(PICTURE_AGENCIES)

#: Within the (at most four) words before a "/": a lower-case word, a sentence's stop and a
#: capital glued on ("Kabul.John"), where a caption's last sentence meets the name after it.
#: Initials ("J.R. Smith", "A.Smith") have a capital before the stop.
_GLUED_STOP_IN_NAME = (r"(?:[^\s()\[\]/]+\s+){0,3}[^\s()\[\]/]*"
                       r"(?-i:[a-z\u00df-\u00f6\u00f8-\u00ff]{2}[.!?][A-Z\u00c0-\u00d6\u00d8-\u00de])")

#: A credit inside a caption line. Groups: ``caption`` (text before the credit, may be
#: empty), ``marker`` (the label, may be absent for a bare agency credit after a stop or
#: separator) and ``credit``. The credit may sit in brackets: "(Photo by Jane Doe/Getty
#: Images)". Colon labels count anywhere after a space; word labels ("Photo by",
#: "Image copyright", "©") only at the start, after a bracket, stop or separator, or when
#: capitalised.
CREDIT_PATTERN = re.compile(
    # The caption never ends inside a run of separators: from there the run's start was
    # tried already with the same candidates for the rest, and a long run ("- - - -") made
    # the match quadratic.
    r"^(?P<caption>.*?)(?<![\s|•·\u2013\u2014-])[\s|•·\u2013\u2014-]*"
    r"(?P<open>[(\[]\s*)?"
    r"(?:"
    r"(?P<marker>\u00a9"
    r"|(?:(?<=^)|(?<=[\s(\[]))(?:" + _alternation(_COLON_CREDIT) + r")"
    r"|(?:(?<=^)|(?<=[(\[|•·\u2013\u2014.!?:;,])|(?<=[.!?:;,]\s)|(?<=\s)(?-i:(?=[A-Z])))"
    r"(?:" + _alternation(_WORD_CREDIT) + r")(?!\w)"
    r")[\s\u00a9]*"
    r"(?P<credit>(?(open)[^()\[\]]*?|.*?))"
    r"|(?P<agency>(?:(?<=^)|(?<=[.!?|•·\u2013\u2014(\[]\s)|(?<=[(\[])"
    r"|(?<=[^\W_][.!?])(?-i:(?=[A-Z])))"
    # a photographer's name before the agency, which holds no glued sentence end: in
    # "Troops in Kabul.John Smith / Reuters" the name starts after "Kabul."
    r"(?:(?!" + _GLUED_STOP_IN_NAME + r")"
    r"[^\s()\[\]]+(?:\s+[^\s()\[\]]+){0,3}\s*/\s*|(?:[^\s()\[\]]+\s+){1,5}v[ií]a\s+)?"
    r"(?:" + _AGENCY + r")(?:\s*/\s*[^()\[\]/]{1,40}?)?(?:\s+(?:file|archive|archiv))?"
    r"|(?:(?<=/)|(?<=/\s))(?:" + _AGENCY + r")(?:\s+(?:file|archive|archiv))?"
    r"|(?<=\s)(?:" + _alternation(DISTINCTIVE_AGENCIES) + r"))"
    r")"
    r"(?(open)\s*[)\]]|)\s*$",
    re.IGNORECASE | re.DOTALL,
)
#: Where a caption label ends: where a word does, or where a capital letter glued onto it
#: starts the caption ("Media captionDrone footage shows ...": a renderer that joins the
#: BBC's label span to the text after it). "Photo captions should be short" has none.
_CAPTION_LABEL_END = r"(?:(?!\w)|(?=(?-i:[A-Z\u00c0-\u00d6\u00d8-\u00de])))"
_CAPTION_TEXT_MARKER = re.compile(
    r"(?:^|(?<=[\s.!?)]))(?:" + _alternation(CAPTION_TEXT_MARKERS) + r")"
    + _CAPTION_LABEL_END + r"\s*",
    re.IGNORECASE,
)
_BARE_MARKER = re.compile(
    r"^[\s(\[]*(?:"
    + _alternation([m for m in (*CAPTION_MARKERS, *CAPTION_TEXT_MARKERS, *CREDIT_MARKERS)
                    if m not in PICTURE_AGENCIES])
    + r")[\s:)\]]*$",
    re.IGNORECASE,
)
_EDGE_PUNCT = " \t|/\u2013\u2014-\u2022\u00b7,;:"

# Prefilters (see "Cheap prefilters"). Every marker and agency is preceded in the regexes
# above by a non-word character or the start and followed by a non-word character or the
# end, so its first word is a whole word of the text; "©" is the one marker without a word.
#: First words of the labels ``_BARE_MARKER`` accepts; it needs one as the block's first word.
_BARE_MARKER_WORDS = _words_of(
    [m for m in (*CAPTION_MARKERS, *CAPTION_TEXT_MARKERS, *CREDIT_MARKERS)
     if m not in PICTURE_AGENCIES and m != "\u00a9"]
)
#: Every label and agency ``split_credit`` looks for ("©" aside).
_CREDIT_LITERALS = tuple(dict.fromkeys(
    m for m in (*CAPTION_TEXT_MARKERS, *CREDIT_MARKERS, *PICTURE_AGENCIES, *DISTINCTIVE_AGENCIES)
    if m != "\u00a9"))
#: Their first words; a line needs one of them before any of them can be in it.
_CREDIT_WORDS = _words_of(_CREDIT_LITERALS)


@cache
def _credit_literals_pattern(word: str) -> re.Pattern[str]:
    """The labels and agencies whose first word is ``word``, spelt as the regexes above
    spell them, to search a line for."""
    literals = [m for m in _CREDIT_LITERALS if _words_of([m]) == {word}]
    return re.compile("|".join(_colon_flexible(m) for m in literals), re.IGNORECASE)


def _may_hold_credit(text: str) -> bool:
    """False when ``text`` holds no label or agency (nor "©"), so that ``split_credit``
    finds neither a caption label nor a credit: a cheap look at its words first."""
    if "\u00a9" in text:
        return True
    words = _CREDIT_WORDS.intersection(_WORD.findall(_fold(text)))
    return any(_credit_literals_pattern(word).search(text) for word in words)


def opens_with_caption_label(text: str) -> bool:
    """True when ``text`` starts with a caption's label and goes on after it ("Image caption
    Troops in Kabul", "Media captionDrone footage ..."): the rest is the caption."""
    found = _CAPTION_TEXT_MARKER.match(text)
    return found is not None and found.end() < len(text)


def is_caption_label(text: str) -> bool:
    """True when ``text`` is nothing but a label of a caption's text ("Image caption",
    "Caption:", "Bildunterschrift:"; not a credit's, "Image copyright"): on a line of its
    own, the line after it is the caption (a renderer that puts each inline element on a
    line of its own leaves a BBC figure so)."""
    return is_caption_marker(text) and _CAPTION_TEXT_MARKER.search(text) is not None


def is_caption_marker(text: str) -> bool:
    """True when ``text`` is nothing but a caption or credit label ("Image caption",
    "Photo:", "Image copyright"), as renderers leave them on a line of their own."""
    if not text:
        return False
    if "\u00a9" not in text:
        first = _WORD.search(text)
        if first is None or _fold(first.group()) not in _BARE_MARKER_WORDS:
            return False
    return _BARE_MARKER.match(text) is not None


@remembered
def split_credit(text: str) -> tuple[str, str | None]:
    """Split a caption line into (caption text without markers, credit or None).

    "Image copyright AFP" -> ("", "AFP"); "Floods in Kerala. Photo: Reuters" ->
    ("Floods in Kerala.", "Reuters"); "(Photo by Jane Doe/Getty Images)" ->
    ("", "Jane Doe/Getty Images"); "Image caption Troops in Kabul" -> ("Troops in Kabul",
    None). BBC-style lines that carry both ("Image copyright Getty Images Image caption
    Troops in Kabul") are split at the caption label first.
    """
    if not _may_hold_credit(text):
        return text.strip(), None  # one piece, no credit
    texts: list[str] = []
    credits: list[str] = []
    pieces = _CAPTION_TEXT_MARKER.split(text)
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        caption, credit = _split_one(piece)
        if caption:
            texts.append(caption)
        if credit:
            credits.append(credit)
    return " ".join(texts), ("; ".join(credits) if credits else None)


def _split_one(piece: str) -> tuple[str, str | None]:
    match = CREDIT_PATTERN.match(piece)
    if match is None:
        return piece, None
    caption = match.group("caption").strip(_EDGE_PUNCT)
    credit = match.group("credit") if match.group("marker") else match.group("agency")
    credit = (credit or "").strip(_EDGE_PUNCT + ".")
    if match.group("marker") and not credit:
        return caption, None  # a bare label: "Image copyright"
    return caption, credit or None


# ---------------------------------------------------------------------------------------
# Stoplists
# ---------------------------------------------------------------------------------------

#: Languages whose stoplist holds single characters for a character-level ratio (no
#: spaces between words in zh/ja; Korean particles are glued to the word before).
CHARACTER_LANGUAGES = frozenset({"zh", "ja", "ko"})


@cache
def stopwords() -> dict[str, frozenset[str]]:
    """Stoplists by ISO 639-1 code, lowercase, from ``data/stopwords.json``.

    For ``CHARACTER_LANGUAGES`` the entries are single characters. See
    ``data/README.md`` for provenance. The dict is shared: do not mutate it.
    """
    raw = resources.files("cleaner").joinpath("data/stopwords.json").read_text("utf-8")
    data: dict[str, list[str]] = json.loads(raw)
    return {lang: frozenset(words) for lang, words in data.items()}


@cache
def all_stopwords() -> frozenset[str]:
    """Every stopword of every language (the character sets of zh/ja/ko included)."""
    return frozenset().union(*stopwords().values())


# ---------------------------------------------------------------------------------------
# Furniture vocabularies
# ---------------------------------------------------------------------------------------

#: Blocks longer than this (in whitespace-separated words) only match cookie/legal openers.
MAX_FURNITURE_WORDS = 12
#: Kinds whose openers may match a block of any length.
LONG_FURNITURE_KINDS = frozenset({"cookie", "legal"})
#: Openers of other kinds with at least this many words also match blocks of any length.
MIN_LONG_OPENER_WORDS = 4
#: Order in which kinds are tried; see the module docstring.
FURNITURE_PRECEDENCE = (
    "cookie", "legal", "comments", "newsletter", "share", "advert", "attribution",
    "metadata", "related", "navigation", "other",
)

#: Phrases per kind; a trailing "…" makes a phrase an opener (see the module docstring).
FURNITURE_PHRASES: dict[str, tuple[str, ...]] = {
    "cookie": (
        # en
        "We use cookies…", "We use cookies and similar technologies…",
        "This website uses cookies…", "This site uses cookies…", "Our website uses cookies…",
        "Our site uses cookies…", "This website stores cookies…", "This site stores cookies…",
        "This website uses cookies to improve your experience…", "We and our partners…",
        "We value your privacy…", "By continuing to browse…", "By continuing to use…",
        "By using this website, you agree…", "By using this site, you agree…",
        "By using our website…", "By using our site…", "By clicking “Accept…",
        "By clicking \"Accept…", "By clicking Accept…", "By clicking “Allow…",
        "Cookie settings", "Cookies settings", "Cookie preferences", "Cookie policy",
        "Cookies policy", "Cookie notice", "Cookie consent", "Cookie declaration",
        "Cookie banner", "Cookies", "Cookie", "Manage cookies", "Manage cookie preferences",
        "Manage consent", "Manage consent preferences", "Manage preferences",
        "Manage options", "Accept all", "Accept all cookies", "Accept cookies",
        "Accept & close", "Accept and close", "Accept and continue", "Reject all",
        "Reject all cookies", "Allow all", "Allow all cookies", "Allow cookies",
        "Allow selection", "Deny", "Decline all", "Only necessary cookies",
        "Use necessary cookies only", "Necessary cookies…", "Strictly necessary cookies…",
        "Functional cookies…", "Performance cookies…", "Analytics cookies…",
        "Marketing cookies…", "Targeting cookies…", "Privacy preference center",
        "Privacy preferences", "Your privacy choices", "Save preferences",
        "Confirm my choices", "I accept cookies",
        # de
        "Diese Website verwendet Cookies…", "Diese Webseite verwendet Cookies…",
        "Diese Seite verwendet Cookies…", "Diese Website nutzt Cookies…",
        "Diese Webseite nutzt Cookies…", "Unsere Website verwendet Cookies…",
        "Unsere Webseite verwendet Cookies…", "Wir verwenden Cookies…",
        "Wir nutzen Cookies…", "Wir setzen Cookies ein…", "Wir benötigen Ihre Zustimmung…",
        "Um unsere Webseite für Sie optimal zu gestalten…",
        "Mit der Nutzung dieser Website…", "Wenn Sie die Website weiter nutzen…",
        "Durch die weitere Nutzung der Seite…", "Cookie-Einstellungen",
        "Cookie Einstellungen", "Cookie-Richtlinie", "Cookie-Hinweis", "Cookie-Banner",
        "Alle akzeptieren", "Alle Cookies akzeptieren", "Alle ablehnen",
        "Cookies akzeptieren", "Cookies zulassen", "Alle zulassen", "Auswahl erlauben",
        "Auswahl bestätigen", "Einstellungen speichern", "Nur notwendige Cookies…",
        "Nur essenzielle Cookies akzeptieren", "Notwendige Cookies…",
        "Essenzielle Cookies…", "Datenschutzeinstellungen", "Privatsphäre-Einstellungen",
        "Individuelle Datenschutzeinstellungen",
        # es / pt
        "Utilizamos cookies…", "Usamos cookies…", "Este sitio web utiliza cookies…",
        "Este sitio utiliza cookies…", "Este sitio web usa cookies…",
        "Esta web utiliza cookies…", "Esta página web utiliza cookies…",
        "Esta página utiliza cookies…", "Si continúa navegando…", "Si continúas navegando…",
        "Aceptar cookies", "Aceptar todas", "Aceptar todo", "Aceptar todas las cookies",
        "Rechazar todas", "Rechazar", "Configurar cookies", "Configuración de cookies",
        "Política de cookies", "Este site utiliza cookies…", "Este site usa cookies…",
        "Este website utiliza cookies…", "Nós usamos cookies…", "Aceitar cookies",
        "Aceitar todos", "Aceitar tudo", "Rejeitar todos", "Configurações de cookies",
        "Definições de cookies", "Ao continuar a navegar…", "Ao continuar navegando…",
        # fr
        "Nous utilisons des cookies…", "Ce site utilise des cookies…",
        "Ce site web utilise des cookies…", "Ce site internet utilise des cookies…",
        "Notre site utilise des cookies…", "En poursuivant votre navigation…",
        "En continuant à naviguer…", "En continuant votre navigation…",
        "Accepter les cookies", "Tout accepter", "Accepter et fermer", "Accepter et continuer",
        "Tout refuser", "Continuer sans accepter", "Paramétrer les cookies",
        "Paramétrer mes choix", "Gestion des cookies", "Gérer les cookies",
        "Paramètres des cookies", "Politique de cookies", "Politique relative aux cookies",
        "Politique d'utilisation des cookies",
        # it
        "Questo sito utilizza cookie…", "Questo sito utilizza i cookie…",
        "Questo sito usa cookie…", "Questo sito web utilizza cookie…",
        "Questo sito web utilizza i cookie…", "Utilizziamo i cookie…", "Utilizziamo cookie…",
        "Accetta tutti", "Accetta tutto", "Accetta i cookie", "Rifiuta tutti",
        "Impostazioni cookie", "Gestisci i cookie", "Informativa sui cookie",
        # pl
        "Ta strona używa plików cookie…", "Ta strona używa ciasteczek…",
        "Ta strona korzysta z plików cookie…", "Ta strona wykorzystuje pliki cookie…",
        "Używamy plików cookie…", "Korzystamy z plików cookie…", "Strona używa cookies…",
        "Akceptuję wszystkie", "Zaakceptuj wszystkie", "Akceptuj wszystkie",
        "Odrzuć wszystkie", "Ustawienia cookies", "Ustawienia plików cookie",
        "Polityka cookies", "Polityka plików cookies",
        # nl
        "Deze website maakt gebruik van cookies…", "Deze website gebruikt cookies…",
        "Deze site maakt gebruik van cookies…", "Deze site gebruikt cookies…",
        "Wij gebruiken cookies…", "We gebruiken cookies…", "Wij maken gebruik van cookies…",
        "Alle cookies accepteren", "Alles accepteren", "Cookies accepteren",
        "Alles weigeren", "Cookie-instellingen", "Cookie instellingen", "Cookiebeleid",
        "Cookieverklaring",
        # ru
        "Мы используем файлы cookie…", "Этот сайт использует файлы cookie…",
        "Сайт использует файлы cookie…", "Настройки cookie",
        # uk
        "Ми використовуємо файли cookie…", "Цей сайт використовує файли cookie…",
        # sv
        "Vi använder cookies…", "Den här webbplatsen använder cookies…",
        "Denna webbplats använder cookies…", "Godkänn alla cookies", "Acceptera alla cookies",
        "Cookie-inställningar",
        # da
        "Vi bruger cookies…", "Denne hjemmeside bruger cookies…", "Accepter alle cookies",
        "Cookieindstillinger",
        # no
        "Vi bruker informasjonskapsler…", "Vi bruker cookies…",
        "Denne nettsiden bruker informasjonskapsler…",
        # fi
        "Käytämme evästeitä…", "Tämä sivusto käyttää evästeitä…", "Sivustomme käyttää evästeitä…",
        "Hyväksy kaikki evästeet", "Evästeasetukset", "Evästeet",
        # hu
        "Ez a weboldal sütiket használ…", "Sütiket használunk…", "A weboldal sütiket használ…",
        "Süti beállítások", "Sütibeállítások",
        # cs
        "Tento web používá soubory cookie…", "Používáme soubory cookie…",
        "Tyto stránky používají cookies…", "Nastavení cookies",
        # tr
        "Bu web sitesi çerezler kullanır…", "Çerezler kullanıyoruz…",
        "Sitemizde çerezler kullanılmaktadır…", "Çerez politikası", "Tüm çerezleri kabul et",
        # id
        "Kami menggunakan cookie…", "Situs ini menggunakan cookie…",
        # ro
        "Acest site folosește cookie-uri…", "Folosim cookie-uri…", "Politica de cookie-uri",
    ),
    "legal": (
        # en
        "All rights reserved…", "All Rights Reserved…", "Copyright ©…", "Copyright (c)…",
        "Copyright", "© Copyright…", "Privacy Policy", "Privacy", "Privacy notice",
        "Privacy statement", "Privacy & Cookies", "Privacy and Cookies",
        "Privacy & Cookie Policy", "Privacy and Cookie Policy", "Privacy Center",
        "Privacy Settings", "Terms of Use", "Terms of Service", "Terms and Conditions",
        "Terms & Conditions", "Terms of Sale", "Conditions of Use", "Terms",
        "Terms & Privacy", "Terms and Privacy", "Legal", "Legal notice", "Legal information",
        "Imprint", "Disclaimer", "Accessibility", "Accessibility statement",
        "Accessibility Policy", "Do not sell my personal information",
        "Do Not Sell or Share My Personal Information", "Do not share my personal information",
        "Your California Privacy Rights", "California Privacy Notice",
        "Notice at Collection", "Modern Slavery Statement", "Code of Conduct",
        "Community guidelines", "Editorial guidelines", "Corrections policy",
        "Ethics policy", "Advertising disclosure", "Affiliate disclosure",
        "Responsible disclosure", "Copyright policy", "DMCA", "Trademarks",
        "Registered in England…", "Company registration number…",
        "An official website of the United States government",
        # de
        "Alle Rechte vorbehalten…", "Impressum", "Datenschutz", "Datenschutzerklärung",
        "Datenschutzhinweise", "Datenschutzrichtlinie", "Datenschutzinformationen",
        "Hinweise zum Datenschutz", "AGB", "AGBs", "Allgemeine Geschäftsbedingungen",
        "Nutzungsbedingungen", "Rechtliche Hinweise", "Rechtliches", "Haftungsausschluss",
        "Barrierefreiheit", "Erklärung zur Barrierefreiheit", "Widerrufsrecht",
        "Widerrufsbelehrung", "Versand & Zahlung", "Versand und Zahlung",
        "Zahlung & Versand", "Teilnahmebedingungen", "Urheberrecht", "Netiquette",
        "Hinweisgebersystem", "Verantwortlich für den Inhalt…", "Verantwortlich i.S.d.…",
        "Inhaltlich verantwortlich…",
        # es
        "Todos los derechos reservados…", "Aviso legal", "Política de privacidad",
        "Política de privacidad y cookies", "Términos y condiciones",
        "Términos de uso", "Condiciones de uso", "Condiciones generales", "Privacidad",
        "Protección de datos", "Accesibilidad", "Información legal",
        # pt
        "Todos os direitos reservados…", "Política de privacidade",
        "Termos de uso", "Termos de utilização", "Termos e condições", "Privacidade",
        "Aviso de privacidade", "Proteção de dados", "Acessibilidade",
        # fr
        "Tous droits réservés…", "Mentions légales", "Politique de confidentialité",
        "Confidentialité", "Données personnelles", "Protection des données",
        "Conditions générales d'utilisation", "Conditions générales de vente",
        "Conditions générales", "Conditions d'utilisation", "CGU", "CGV",
        "Accessibilité", "Accessibilité : partiellement conforme", "Informations légales",
        # it
        "Tutti i diritti riservati…", "Informativa sulla privacy", "Informativa privacy",
        "Note legali", "Termini e condizioni", "Termini di utilizzo",
        "Condizioni d'uso", "Condizioni generali di vendita", "Accessibilità",
        "Partita IVA…", "P.IVA…", "P. IVA…", "P.Iva…",
        # pl
        "Wszelkie prawa zastrzeżone…", "Polityka prywatności", "Regulamin",
        "Regulamin serwisu", "Nota prawna", "Ochrona danych osobowych", "Dostępność",
        "Deklaracja dostępności", "RODO",
        # nl
        "Alle rechten voorbehouden…", "Privacyverklaring", "Privacybeleid", "Privacy",
        "Algemene voorwaarden", "Gebruiksvoorwaarden", "Disclaimer", "Toegankelijkheid",
        "Colofon",
        # ru
        "Все права защищены…", "Политика конфиденциальности", "Пользовательское соглашение",
        "Условия использования",
        # uk
        "Усі права захищені…", "Всі права захищені…", "Політика конфіденційності",
        # sv
        "Alla rättigheter förbehållna…", "Integritetspolicy", "Personuppgiftspolicy",
        "Användarvillkor",
        # da
        "Alle rettigheder forbeholdes…", "Privatlivspolitik", "Cookiepolitik",
        # no
        "Alle rettigheter reservert…", "Personvernerklæring",
        # fi
        "Kaikki oikeudet pidätetään…", "Tietosuojaseloste", "Tietosuojakäytäntö", "Käyttöehdot",
        # hu
        "Minden jog fenntartva…", "Adatvédelmi nyilatkozat", "Adatkezelési tájékoztató",
        "Felhasználási feltételek", "Impresszum",
        # cs
        "Všechna práva vyhrazena…", "Zásady ochrany osobních údajů", "Ochrana osobních údajů",
        "Podmínky použití",
        # tr
        "Tüm hakları saklıdır…", "Gizlilik politikası", "Kullanım koşulları",
        # id
        "Hak cipta dilindungi undang-undang…", "Kebijakan privasi", "Syarat dan ketentuan",
        "Pedoman media siber",
        # ro
        "Toate drepturile rezervate…", "Politica de confidențialitate", "Termeni și condiții",
    ),
    "comments": (
        # en
        "Comments", "Comment", "Leave a comment", "Leave a Reply", "Leave a reply…",
        "Leave a Reply Cancel reply", "Cancel reply", "Reply", "Replies", "Reply ↓",
        "Responses", "Post comment", "Post a comment", "Post Comment", "Add comment",
        "Add a comment", "Add a comment…", "Write a comment", "Write a comment…",
        "Submit comment", "Submit a comment", "Show comments", "View comments",
        "Hide comments", "Load comments", "Load more comments", "View all comments",
        "See all comments", "Read comments", "Comments are closed…", "Comments closed",
        "Commenting is closed…", "Comments for this article are closed…",
        "Join the discussion…", "Join the conversation…",
        "Discussion about this post", "Be the first to comment…",
        "No comments yet…", "There are no comments yet…",
        "Your email address will not be published…",
        "Your email will not be published…", "Required fields are marked…",
        "Save my name, email, and website in this browser…",
        "Notify me of follow-up comments…", "Notify me of new comments…",
        "Notify me of new posts…", "Notify me of new replies…",
        "This site uses Akismet to reduce spam…", "You must be logged in to post a comment…",
        "Log in to reply", "Log in to comment", "Sign in to comment",
        "Login to post comments", "Log in or register to post comments",
        "Create an account or sign in to comment", "Click here to cancel reply",
        "Reply with quote", "Quote", "Newest first", "Oldest first", "Sort by newest",
        "Most voted", "Top comments", "Recent comments", "Latest comments",
        # de
        "Kommentare", "Kommentar", "Kommentar verfassen", "Kommentar schreiben",
        "Kommentar hinzufügen", "Kommentar abschicken", "Kommentar absenden",
        "Kommentar senden", "Kommentieren", "Schreibe einen Kommentar…",
        "Schreiben Sie einen Kommentar…", "Hinterlasse einen Kommentar…",
        "Hinterlassen Sie einen Kommentar…", "Einen Kommentar hinterlassen",
        "Einen Kommentar schreiben", "Antworten", "Antwort", "Antwort abbrechen",
        "Auf Kommentar antworten", "Kommentare anzeigen", "Kommentare ausblenden",
        "Alle Kommentare anzeigen", "Alle Kommentare", "Kommentare lesen",
        "Die Kommentarfunktion ist geschlossen…", "Kommentare sind geschlossen…",
        "Die Kommentare sind geschlossen…", "Kommentare geschlossen",
        "Deine E-Mail-Adresse wird nicht veröffentlicht…",
        "Ihre E-Mail-Adresse wird nicht veröffentlicht…",
        "Deine E-Mail Adresse wird nicht veröffentlicht…",
        "Erforderliche Felder sind mit…", "Pflichtfelder sind mit…",
        "Diese Website verwendet Akismet…", "Diese Seite verwendet Akismet…",
        "Benachrichtige mich über nachfolgende Kommentare…",
        "Benachrichtige mich über neue Beiträge…",
        "Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser speichern…",
        "Neueste Kommentare", "Letzte Kommentare", "Aktuelle Kommentare",
        "Zitieren", "Diskutieren Sie mit…", "Diskutiere mit…",
        "Sei der Erste, der einen Kommentar schreibt…", "Noch keine Kommentare…",
        "Kommentar melden",
        # es
        "Comentarios", "Comentario", "Deja un comentario…", "Dejar un comentario",
        "Deja una respuesta…", "Responder", "Cancelar respuesta", "Publicar comentario",
        "Enviar comentario", "Añadir comentario", "Ver comentarios",
        "Tu dirección de correo electrónico no será publicada…",
        "Su dirección de correo electrónico no será publicada…",
        "Los campos obligatorios están marcados…", "Este sitio usa Akismet…",
        "Los comentarios están cerrados…", "Comentarios cerrados",
        # pt
        "Comentários", "Comentário", "Deixe um comentário…", "Deixe uma resposta…",
        "Deixe o seu comentário…", "Cancelar resposta", "Publicar comentário",
        "Enviar comentário", "Ver comentários", "O seu endereço de email não será publicado…",
        "O seu endereço de e-mail não será publicado…",
        "Seu endereço de e-mail não será publicado…",
        "Seu endereço de email não será publicado…",
        "Campos obrigatórios são marcados…", "Os comentários estão encerrados…",
        # fr
        "Commentaires", "Commentaire", "Laisser un commentaire…",
        "Laisser une réponse…", "Répondre", "Annuler la réponse", "Ajouter un commentaire",
        "Écrire un commentaire", "Publier le commentaire", "Voir les commentaires",
        "Afficher les commentaires", "Réagir", "Réagissez…",
        "Votre adresse e-mail ne sera pas publiée…",
        "Votre adresse de messagerie ne sera pas publiée…",
        "Votre adresse email ne sera pas publiée…",
        "Les champs obligatoires sont indiqués…", "Ce site utilise Akismet…",
        "Les commentaires sont fermés…", "Soyez le premier à commenter…",
        # it
        "Commenti", "Commento", "Lascia un commento…", "Lascia una risposta…", "Rispondi",
        "Annulla risposta", "Pubblica il commento", "Invia commento", "Mostra commenti",
        "Il tuo indirizzo email non sarà pubblicato…",
        "Il tuo indirizzo e-mail non sarà pubblicato…",
        "I campi obbligatori sono contrassegnati…", "Questo sito usa Akismet…",
        "I commenti sono chiusi…",
        # pl
        "Komentarze", "Komentarz", "Dodaj komentarz…", "Zostaw komentarz…",
        "Skomentuj", "Odpowiedz", "Anuluj pisanie odpowiedzi", "Opublikuj komentarz",
        "Pokaż komentarze", "Twój adres e-mail nie zostanie opublikowany…",
        "Twój adres email nie zostanie opublikowany…", "Wymagane pola są oznaczone…",
        "Komentarze są wyłączone…", "Ta witryna wykorzystuje Akismet…",
        # nl
        "Reacties", "Reactie", "Geef een reactie…", "Laat een reactie achter…",
        "Plaats een reactie…", "Reageer", "Reageren", "Beantwoorden",
        "Reactie annuleren", "Reactie plaatsen", "Je e-mailadres wordt niet gepubliceerd…",
        "Uw e-mailadres wordt niet gepubliceerd…", "Vereiste velden zijn gemarkeerd…",
        "Deze site gebruikt Akismet…", "Reageren is niet meer mogelijk…",
        # ru
        "Комментарии", "Оставить комментарий", "Оставьте комментарий…", "Добавить комментарий",
        "Написать комментарий", "Ответить", "Ваш адрес email не будет опубликован…",
        # uk
        "Коментарі", "Залишити коментар", "Додати коментар", "Відповісти",
        # sv
        "Kommentarer", "Kommentera", "Lämna en kommentar", "Skriv en kommentar", "Svara",
        "Din e-postadress kommer inte publiceras…",
        # da
        "Efterlad en kommentar", "Din e-mailadresse vil ikke blive publiceret…",
        # no
        "Legg igjen en kommentar", "Din e-postadresse vil ikke bli publisert…",
        # fi
        "Kommentit", "Kommentoi", "Jätä kommentti", "Kirjoita kommentti", "Vastaa",
        "Sähköpostiosoitettasi ei julkaista…",
        # hu
        "Hozzászólások", "Hozzászólás", "Szólj hozzá!", "Hozzászólás írása", "Válasz",
        "Az e-mail címed nem kerül nyilvánosságra…",
        # cs
        "Komentáře", "Přidat komentář", "Napsat komentář", "Odpovědět",
        "Vaše e-mailová adresa nebude zveřejněna…",
        # tr
        "Yorumlar", "Yorum yap", "Yorum yaz", "Bir yorum yazın…", "Yanıtla", "Cevapla",
        "E-posta adresiniz yayınlanmayacak…",
        # id
        "Komentar", "Tinggalkan komentar", "Tinggalkan balasan", "Tulis komentar", "Balas",
        "Alamat email Anda tidak akan dipublikasikan…",
        # ro
        "Comentarii", "Lasă un comentariu", "Adaugă un comentariu", "Răspunde",
        "Adresa ta de email nu va fi publicată…",
    ),
    "newsletter": (
        # en
        "Subscribe", "Subscribe now", "Subscribe today", "Subscribe here",
        "Subscribe to our newsletter…", "Subscribe to the newsletter…",
        "Subscribe to our mailing list…", "Subscribe to our blog…", "Subscribe for free",
        "Subscribe via email…", "Subscribe via RSS", "Subscribe to newsletter",
        "Subscribe to updates", "Sign up for our newsletter…", "Sign up for the newsletter…",
        "Sign up to our newsletter…", "Sign up for our newsletters…",
        "Sign up for email updates…", "Sign up for updates…", "Sign up to receive…",
        "Sign up to get…", "Sign up for free newsletters…", "Newsletter", "Newsletters",
        "Newsletter sign up", "Newsletter sign-up", "Newsletter signup", "Email newsletter",
        "Our newsletter", "Get our newsletter…", "Get the newsletter…",
        "Join our newsletter…", "Join our mailing list…", "Join our email list…",
        "Join the newsletter…", "Join our community…", "Get the latest…",
        "Stay up to date…", "Stay in the loop…", "Stay informed…", "Stay connected…",
        "Stay updated…", "Never miss a story…", "Never miss a post…",
        "Don't miss a thing…", "Enter your email…", "Enter your email address…",
        "Enter email address", "Your email address", "Email address", "Email Address*",
        "Type your email…", "Get the best of…", "Delivered to your inbox…",
        "Thanks for signing up…", "Thank you for subscribing…", "I agree to receive…",
        "You can unsubscribe at any time…", "Unsubscribe at any time…",
        "By subscribing, you agree…", "By signing up, you agree…", "RSS", "RSS feed",
        "RSS Feeds", "Subscribe to RSS…",
        # de
        "Newsletter abonnieren", "Jetzt Newsletter abonnieren", "Zum Newsletter anmelden",
        "Zum Newsletter", "Newsletter bestellen", "Newsletter-Anmeldung",
        "Newsletter Anmeldung", "Redaktions-Newsletter", "Unser Newsletter…",
        "Abonniere unseren Newsletter…", "Abonnieren Sie unseren Newsletter…",
        "Melden Sie sich für unseren Newsletter an…", "Melde dich für unseren Newsletter an…",
        "Melden Sie sich jetzt…", "Melde dich jetzt…", "Mit unserem Newsletter…",
        "Mit dem Newsletter…", "Bleiben Sie auf dem Laufenden…",
        "Bleib auf dem Laufenden…", "Immer auf dem Laufenden…", "Abonnieren",
        "Jetzt abonnieren", "Kostenlos abonnieren", "Jetzt anmelden", "Hier anmelden",
        "Gib deine E-Mail-Adresse ein…", "Geben Sie Ihre E-Mail-Adresse ein…",
        "E-Mail-Adresse eingeben", "Ihre E-Mail-Adresse", "Deine E-Mail-Adresse",
        "E-Mail-Adresse", "E-Mail Adresse", "Trage deine Daten unten ein…",
        "Die wichtigsten News…", "Abmeldung jederzeit möglich…",
        "Sie können sich jederzeit abmelden…",
        # es
        "Suscríbete", "Suscríbase", "Suscribirse", "Suscríbete a nuestro boletín…",
        "Suscríbete a nuestra newsletter…", "Suscríbete al boletín…",
        "Suscríbase para…", "Suscríbete ahora", "Boletín", "Boletines",
        "Boletín de noticias", "Recibe nuestro boletín…", "Recibe nuestra newsletter…",
        "Apúntate a nuestra newsletter…", "Introduce tu correo electrónico…",
        "Correo electrónico",
        # pt
        "Assine", "Assine já", "Assine nossa newsletter…", "Assine a nossa newsletter…",
        "Inscreva-se…", "Inscreva-se na nossa newsletter…", "Receba nossa newsletter…",
        "Receba as notícias…", "Cadastre-se…", "Subscreva a nossa newsletter…",
        "Subscrever", "Digite seu e-mail…",
        # fr
        "S'abonner", "S’abonner", "Abonnez-vous", "Abonnez-vous à notre newsletter…",
        "Abonnez-vous à la newsletter…", "Inscrivez-vous à notre newsletter…",
        "Inscrivez-vous à la newsletter…", "Inscription à la newsletter",
        "Recevez notre newsletter…", "Recevez nos newsletters…",
        "Pour rester informé…", "Restez informé…", "Lettre d'information",
        "Votre adresse e-mail", "Votre adresse email", "Je m'abonne", "Je m’abonne",
        # it
        "Iscriviti", "Iscriviti alla newsletter…", "Iscriviti alla nostra newsletter…",
        "Abbonati", "Abbonati ora", "Ricevi la newsletter…", "Resta aggiornato…",
        "Il tuo indirizzo email",
        # pl
        "Subskrybuj", "Zapisz się", "Zapisz się do newslettera…", "Zapisz się na newsletter…",
        "Zamów newsletter…", "Bądź na bieżąco…", "Twój adres e-mail", "Adres e-mail",
        # nl
        "Nieuwsbrief", "Schrijf je in voor onze nieuwsbrief…",
        "Schrijf je in voor de nieuwsbrief…", "Meld je aan voor onze nieuwsbrief…",
        "Meld je aan voor de nieuwsbrief…", "Aanmelden nieuwsbrief", "Abonneer",
        "Abonneren", "Inschrijven", "Blijf op de hoogte…",
        # ru
        "Подписаться", "Подписаться на рассылку", "Подпишитесь на рассылку…",
        "Подпишитесь на нашу рассылку…",
        # uk
        "Підписатися", "Підпишіться на розсилку…",
        # sv
        "Prenumerera", "Prenumerera på vårt nyhetsbrev…", "Nyhetsbrev",
        "Anmäl dig till vårt nyhetsbrev…",
        # da
        "Tilmeld dig vores nyhedsbrev…", "Tilmeld dig nyhedsbrevet…", "Nyhedsbrev",
        # no
        "Meld deg på nyhetsbrevet…", "Meld deg på vårt nyhetsbrev…",
        # fi
        "Tilaa uutiskirje", "Tilaa uutiskirjeemme…", "Uutiskirje",
        # hu
        "Feliratkozás", "Iratkozz fel hírlevelünkre…", "Iratkozzon fel hírlevelünkre…", "Hírlevél",
        "Feliratkozás hírlevélre",
        # cs
        "Odebírat novinky", "Přihlaste se k odběru…", "Přihlaste se k odběru newsletteru…",
        # tr
        "Abone ol", "Bültenimize abone olun…", "E-bülten",
        # id
        "Berlangganan", "Berlangganan newsletter…",
        # ro
        "Abonează-te", "Abonează-te la newsletter…",
    ),
    "share": (
        # en
        "Share", "Share this", "Share this:", "Share this article", "Share this post",
        "Share this story", "Share this page", "Share this content", "Share article",
        "Share post", "Share story", "Share page", "Share on Facebook", "Share on Twitter",
        "Share on X", "Share on LinkedIn", "Share on WhatsApp", "Share on Pinterest",
        "Share on Reddit", "Share on Email", "Share via Email", "Share via…",
        "Share on…", "Share to…", "Share with…", "Share using…", "Sharing is caring…",
        "Like it? Share it!", "Like this:", "Like this", "Like Loading...",
        "Click to share on…", "Click to email…", "Click to print…", "Opens in new window",
        "Tweet", "Tweet this", "Pin", "Pin it", "Email", "E-mail", "Print", "Print this page",
        "Print article", "Copy link", "Copy URL", "Link copied", "Facebook", "Twitter",
        "LinkedIn", "WhatsApp", "Pinterest", "Reddit", "Telegram", "Tumblr", "Flipboard",
        "Pocket", "Messenger", "Xing", "Mastodon", "Bluesky", "Threads", "Instagram",
        "YouTube", "TikTok", "Snapchat", "VK", "Follow us…", "Follow us on…", "Follow",
        "Connect with us…", "Find us on Facebook…", "Like us on Facebook…",
        # de
        "Teilen", "Teilen:", "Jetzt teilen", "Artikel teilen", "Beitrag teilen",
        "Seite teilen", "Diese Seite teilen", "Diesen Artikel teilen",
        "Diesen Beitrag teilen", "Inhalt teilen", "Teile diesen Beitrag…",
        "Teilen Sie dies mit:", "Teile dies mit:", "Teilen mit:", "Teilen auf…",
        "Auf Facebook teilen", "Auf Twitter teilen", "Per E-Mail teilen",
        "Per E-Mail versenden", "Per Mail teilen", "Link kopieren", "URL kopieren",
        "URL zum Kopieren", "Drucken", "Artikel drucken", "Seite drucken", "Merken",
        "Klicken, um…", "Klicke, um…", "Folgen Sie uns…", "Folge uns…", "Folgen",
        "Gefällt mir", "Gefällt mir Wird geladen …", "Dir hat der Artikel gefallen?…",
        "Sei der Erste, dem dies gefällt…",
        # es
        "Compartir", "Compartir en Facebook", "Compartir en Twitter", "Compartir en…",
        "Comparte…", "Compartir artículo", "Compartir esta noticia", "Imprimir",
        "Copiar enlace", "Síguenos…", "Siguenos…",
        # pt
        "Compartilhar", "Compartilhe…", "Partilhar", "Partilhe…",
        "Compartilhar no Facebook", "Copiar link", "Siga-nos…", "Siga nos…",
        # fr
        "Partager", "Partager :", "Partager cet article", "Partager sur Facebook",
        "Partager sur Twitter", "Partager sur…", "Partagez…", "Envoyer par e-mail",
        "Imprimer", "Copier le lien", "Suivez-nous…", "Suivez nous…",
        # it
        "Condividi", "Condividi su Facebook", "Condividi su…", "Condividi l'articolo",
        "Stampa", "Copia link", "Seguici…",
        # pl
        "Udostępnij", "Udostępnij na Facebooku", "Udostępnij…", "Podziel się…",
        "Drukuj", "Kopiuj link", "Obserwuj nas…",
        # nl
        "Delen", "Deel", "Deel dit artikel", "Deel dit bericht", "Deel via…", "Deel op…",
        "Printen", "Link kopiëren", "Volg ons…",
        # ru
        "Поделиться", "Поделиться в…", "Поделитесь с друзьями…",
        # uk
        "Поділитися",
        # sv
        "Dela", "Dela artikeln", "Dela på Facebook", "Skriv ut",
        # da
        "Del artiklen", "Del på Facebook",
        # no
        "Del artikkelen",
        # fi
        "Jaa", "Jaa artikkeli", "Jaa Facebookissa", "Tulosta",
        # hu
        "Megosztás", "Megosztom", "Nyomtatás",
        # cs
        "Sdílet", "Sdílet na Facebooku",
        # tr
        "Paylaş", "Facebook'ta paylaş", "Twitter'da paylaş", "Yazdır",
        # id
        "Bagikan", "Bagikan artikel ini", "Bagikan ke…",
        # ro
        "Distribuie", "Distribuie pe Facebook",
    ),
    "advert": (
        # en
        "Advertisement", "Advertisements", "Advertising", "Ad",
        "Ads", "Sponsored", "Sponsored content", "Sponsored by…", "Sponsored post",
        "Sponsored links", "Paid content", "Paid post", "Paid partnership…",
        "Promoted", "Promoted content", "Promoted stories", "Promotion",
        "Partner content", "In partnership with…", "Presented by…", "Brought to you by…",
        "Story continues below advertisement", "Article continues below advertisement",
        "Story continues below", "Article continues below", "Continue reading below",
        "Advertisement - Continue reading below", "Advertisement - scroll to continue…",
        "Skip advert", "Skip ad", "Ad Feedback", "Report this ad", "Remove ads",
        "Advertise", "Advertise with us", "Advertise here", "AdChoices", "Ad choices",
        "This post contains affiliate links…", "This article contains affiliate links…",
        "This page contains affiliate links…", "This post may contain affiliate links…",
        "As an Amazon Associate…", "We may earn a commission…",
        "We may earn commission…", "We earn a commission…",
        "Products are chosen independently…", "When you buy through links…",
        "If you buy something through…", "Affiliate link", "Affiliate links",
        # de
        "Anzeige", "Anzeigen", "Werbung", "Werbung:", "Werbeanzeige", "Sponsored Post",
        "Gesponsert", "Gesponserter Inhalt", "Bezahlte Partnerschaft…",
        "In Kooperation mit…", "Präsentiert von…", "Unterstützt von…",
        "Weiterlesen nach der Anzeige", "Artikel wird nach der Anzeige fortgesetzt",
        "Lesen Sie nach der Anzeige weiter", "Affiliate-Link", "Affiliate-Links",
        "Werbefrei lesen…", "Mediadaten", "Werben", "Werben bei uns", "Werben auf…",
        "*Affiliate…", "Dieser Artikel enthält Affiliate-Links…",
        "Dieser Beitrag enthält Affiliate-Links…", "Provisionslinks…",
        # es / pt
        "Publicidad", "Publicidade", "Anuncio", "Anúncio", "Patrocinado",
        "Contenido patrocinado", "Conteúdo patrocinado", "Contenido de marca",
        "Continúa leyendo…", "Continua depois da publicidade", "Anúncios",
        # fr
        "Publicité", "Pub", "Sponsorisé", "Contenu sponsorisé", "Contenu partenaire",
        "Article sponsorisé", "En partenariat avec…", "Suite après la publicité",
        "La suite après cette publicité", "L'article continue après la publicité",
        # it
        "Pubblicità", "Sponsorizzato", "Contenuto sponsorizzato", "Annuncio",
        "Contenuto a pagamento",
        # pl
        "Reklama", "Reklamy", "Artykuł sponsorowany", "Materiał sponsorowany",
        "Materiał partnera", "Materiał promocyjny", "Sponsorowane",
        # nl
        "Advertentie", "Advertenties", "Gesponsord", "Gesponsorde inhoud",
        "In samenwerking met…",
    ),
    "attribution": (
        # en
        "Image copyright…", "Photo copyright…", "Copyright:", "Photo:", "Photos:", "Photograph:",
        "Picture:", "Image:", "Credit:", "Credits:", "Image credit…", "Photo credit…",
        "Picture credit…", "Photo by…", "Photos by…", "Photograph by…", "Picture by…",
        "Image by…", "Illustration by…", "Illustration:", "Graphic:", "Source:",
        "Source", "Sources", "Image source…", "Photo courtesy of…",
        "Image courtesy of…", "Courtesy of…", "Courtesy:", "©…",
        "AP Photo…", "Getty Images", "Getty", "AFP", "Reuters", "AP", "Associated Press",
        "EPA", "EPA-EFE", "EFE", "ANSA", "ANP", "PAP", "Keystone", "picture alliance",
        "picture-alliance", "imago", "imago images", "Shutterstock", "iStock",
        "iStockphoto", "Unsplash", "Pixabay", "Pexels", "Alamy", "PA", "PA Wire",
        "PA Media", "Xinhua", "Europa Press", "Bloomberg", "Wikimedia Commons",
        "Reuters/…", "AFP/…", "dpa/…", "EPA/…", "AP/…",
        # de
        "Foto:", "Fotos:", "Bild:", "Bilder:", "Bildquelle…", "Bildnachweis…",
        "Bildrechte…", "Quelle:", "Quellen:", "Quelle", "Fotoquelle…", "Foto von…",
        "Fotograf:", "Grafik:", "Abbildung:", "Copyright Foto…", "Titelbild…", "dpa",
        "dpa-infocom", "dpa-AFX", "KNA", "epd", "APA", "SDA", "Keystone-SDA",
        # es / pt / it
        "Foto de…", "Fotos de…", "Imagen:", "Fuente:", "Fuentes:", "Crédito:",
        "Créditos:", "Fonte:", "Fontes:", "Foto di…", "Fotografia:", "Agência Brasil",
        "Europa Press", "Agencia EFE",
        # fr
        "Crédit photo…", "Crédits photo…", "Crédit :", "Crédits :", "Photo :", "Photos :",
        "Illustration :", "Source :", "Sources :",
        # pl / nl
        "Źródło:", "Źródło", "Zdjęcie:", "Fot.…", "Beeld:", "Bron:", "Bronnen:",
        "Foto's:",
    ),
    "metadata": (
        # en
        "View the original article…", "View original article", "Originally published…",
        "This article was originally published…", "This article originally appeared…",
        "This story was originally published…", "This post was originally published…",
        "A version of this article…", "Posted on…", "Posted by…", "Posted in…",
        "Published on…", "Published", "Published by…", "Updated", "Last updated…",
        "Last modified…", "Updated on…", "Written by…", "Author:", "Authors:", "Author",
        "By:", "Filed under…", "Filed Under:", "Tagged…", "Tagged with…", "Tags",
        "Tags:", "Topics:", "Topics", "Topic:", "Category:", "Categories:",
        "Categories", "Category", "Keywords:", "Reading time…", "Read time…",
        "About the author", "About the Author…", "Editor's note…", "Contributors:",
        "Edited by…", "Reporting by…", "Additional reporting by…", "Writing by…",
        "Editing by…", "Compiled by…", "Our Standards:…",
        # de
        "Veröffentlicht am…", "Veröffentlicht", "Veröffentlicht von…", "Aktualisiert am…",
        "Aktualisiert", "Zuletzt aktualisiert…", "Zuletzt geändert…", "Erstellt am…",
        "Erstellt von…", "Geschrieben von…", "Verfasst von…", "Ein Beitrag von…",
        "Autor:", "Autorin:", "Autoren:", "Von:", "Text:", "Redaktion:",
        "Dieser Eintrag wurde veröffentlicht…", "Dieser Beitrag wurde veröffentlicht…",
        "Dieser Beitrag wurde…", "Dieser Artikel wurde…", "Kategorie:", "Kategorien:",
        "Kategorie", "Kategorien", "Schlagwörter…", "Schlagworte…", "Schlagwort:",
        "Stichwörter…", "Stichworte…", "Themen:", "Thema:", "Tags zum Artikel…",
        "Lesezeit…", "Über den Autor", "Über die Autorin", "Über die Autoren",
        "Zum Autor", "Zur Autorin", "Mehr vom Autor", "Mehr von…",
        # es
        "Publicado el…", "Publicado por…", "Publicado en…", "Publicado",
        "Actualizado el…", "Actualizado", "Última actualización…", "Escrito por…",
        "Etiquetas:", "Etiquetas", "Categoría:", "Categorías:", "Categorías", "Temas:",
        "Sobre el autor", "Tiempo de lectura…",
        # pt
        "Publicado em…", "Atualizado em…", "Atualizado", "Escrito por…", "Categoria:",
        "Categorias:", "Sobre o autor", "Tempo de leitura…",
        # fr
        "Publié le…", "Publié", "Publié par…", "Publié dans…", "Mis à jour le…",
        "Mis à jour", "Modifié le…", "Écrit par…", "Rédigé par…", "Auteur :",
        "Catégorie :", "Catégories :", "Étiquettes :", "Mots-clés :", "Mots clés :",
        "Thèmes :", "À propos de l'auteur", "À propos de l’auteur", "Temps de lecture…",
        "Lecture :…",
        # it
        "Pubblicato il…", "Pubblicato da…", "Pubblicato in…", "Aggiornato il…",
        "Aggiornato", "Scritto da…", "Autore:", "Categoria:", "Categorie:", "Argomenti:",
        "Sull'autore", "Tempo di lettura…",
        # pl
        "Opublikowano…", "Opublikowany…", "Aktualizacja:", "Zaktualizowano…", "Autor",
        "Autor:", "Tagi:", "Tagi", "Kategoria:", "Kategorie:", "Tematy:",
        "O autorze", "Czas czytania…",
        # nl
        "Gepubliceerd op…", "Gepubliceerd", "Bijgewerkt op…", "Bijgewerkt",
        "Geplaatst op…", "Geplaatst in…", "Geschreven door…", "Auteur:", "Categorie:",
        "Categorieën:", "Trefwoorden:", "Onderwerpen:", "Over de auteur", "Leestijd…",
    ),
    "related": (
        # en
        "Related", "Related articles", "Related posts", "Related stories", "Related content",
        "Related topics", "Related coverage", "Related reading", "Related news",
        "Related links", "Related videos", "Related products", "Related searches",
        "Related items", "Related questions", "Related guides", "Read more", "Read More »",
        "Read next", "Read this next", "Read also", "Also read", "Read more about…",
        "Continue reading…", "Keep reading", "Read the full story…", "Read full article",
        "Read the full article…", "Read article", "Full story", "See more",
        "You may also like", "You might also like", "You may also be interested in…",
        "You might be interested in…", "You may like", "You might like",
        "You may have missed", "More like this", "More from…", "More stories…",
        "More news", "More articles", "More posts", "More videos", "More on this story",
        "More on this topic", "More in…", "More to explore", "Explore more",
        "Recommended", "Recommended for you", "Recommended articles", "Recommended stories",
        "Recommended reading", "Recommended videos", "Most read", "Most popular",
        "Most viewed", "Most shared", "Most recent", "Popular", "Popular posts",
        "Popular articles", "Popular stories", "Popular now", "Trending", "Trending now",
        "Trending stories", "Trending topics", "Trending searches", "Popular searches",
        "Top stories", "Top articles",
        "Latest news", "Latest articles", "Latest posts", "Latest stories", "Latest",
        "Recent posts", "Recent articles", "Recent stories", "Editor's picks",
        "Editors' picks", "Editor’s picks", "Don't miss", "Don’t miss", "Must read",
        "In the same category…", "Other articles", "Other stories", "Similar articles",
        "Similar posts", "Similar threads", "What to read next", "Up next", "Up next:",
        "Next up", "Further reading", "Also on…", "Also in…",
        "Want more?", "Ready for more?", "Watch next", "Related video…",
        "Recently viewed", "Recently viewed products", "Recently viewed items",
        "Frequently bought together", "Customers also bought", "Customers also viewed",
        "Customers who bought this item also bought", "People who viewed this item also viewed",
        "Similar items", "Similar products", "Explore related items", "Seller's other items",
        "Seller’s other items", "Compare similar items",
        # de
        "Ähnliche Beiträge", "Ähnliche Artikel", "Ähnliche Themen", "Ähnliche Nachrichten",
        "Verwandte Artikel", "Verwandte Beiträge", "Verwandte Themen",
        "Das könnte Sie auch interessieren", "Das könnte dich auch interessieren",
        "Das könnte Sie auch interessieren…", "Das könnte dich auch interessieren…",
        "Das könnte Sie auch", "Das könnte Dich auch", "Das könnte Ihnen auch gefallen",
        "Das könnte dir auch gefallen", "Dies könnte Sie auch interessieren",
        "Auch interessant", "Auch interessant:…", "Ebenfalls interessant",
        "Lesen Sie auch…", "Lesen Sie dazu auch…", "Lesen Sie mehr…", "Lies auch…",
        "Lies auch:…", "Siehe auch…", "Mehr zum Thema…", "Mehr zu diesem Thema",
        "Mehr aus dem Ressort", "Mehr aus…", "Mehr Artikel", "Mehr Nachrichten",
        "Mehr News", "Weitere Artikel", "Weitere Beiträge", "Weitere Nachrichten",
        "Weitere News", "Weitere Themen", "Weitere Informationen", "Weiterführende Links",
        "Weiterführende Informationen", "Weiterlesen", "Weiter lesen", "Mehr lesen",
        "Mehr erfahren", "Zum Artikel", "Zum Beitrag", "Neueste Beiträge", "Neueste Artikel",
        "Neueste Nachrichten", "Neue Beiträge", "Aktuelle Beiträge", "Aktuelle Artikel",
        "Aktuelle News", "Aktuelle Nachrichten", "Aktuelles", "Aktuell", "Meistgelesen",
        "Meistgelesene Artikel", "Meist gelesen", "Am meisten gelesen", "Meistgesehen",
        "Beliebte Beiträge", "Beliebte Artikel", "Beliebt", "Top-Themen", "Top Themen",
        "Top-Artikel", "Schon gelesen?", "Empfehlungen", "Unsere Empfehlungen",
        "Empfohlene Artikel", "Redaktionsempfehlungen", "Auch lesenswert",
        "Nicht verpassen", "Passend zum Thema", "Zum Thema", "Vielleicht auch interessant",
        "Ebenfalls lesenswert", "Mehr dazu…", "Hintergrund", "Verwandte Links",
        # es
        "Artículos relacionados", "Noticias relacionadas", "Entradas relacionadas",
        "Publicaciones relacionadas", "Relacionado", "Relacionados", "Te puede interesar",
        "También te puede interesar", "Te podría interesar", "Quizás te interese",
        "Puede interesarte", "Lee también…", "Lea también…", "Leer más", "Seguir leyendo",
        "Sigue leyendo", "Lo más leído", "Lo más visto", "Más leídas", "Más noticias",
        "Últimas noticias", "Lo último", "Te recomendamos", "Recomendado",
        "Otras noticias", "Más información…", "Ver más", "Le puede interesar",
        "Les puede interesar", "Puede interesarle", "Puedes ver", "Lee más", "Lea más",
        # pt
        "Artigos relacionados", "Notícias relacionadas", "Posts relacionados",
        "Relacionados", "Leia também…", "Leia mais", "Leia mais:…", "Veja também…",
        "Saiba mais", "Mais lidas", "Mais lidos", "Mais notícias", "Últimas notícias",
        "Você também pode gostar", "Você pode gostar", "Continue lendo", "Recomendados",
        # fr
        "À lire aussi…", "A lire aussi…", "Lire aussi…", "À lire également…",
        "Lire la suite", "Lire plus", "En savoir plus", "Voir aussi…", "Vous aimerez aussi",
        "Vous aimerez aussi…", "Vous aimerez peut-être…", "Vous pourriez aussi aimer",
        "Sur le même sujet", "Sur le même thème", "Dans la même rubrique",
        "Articles similaires", "Articles liés", "Articles connexes", "Les plus lus",
        "Les plus populaires", "À voir aussi", "A voir aussi", "À découvrir",
        "À la une", "Dernières actualités", "Derniers articles", "Nos recommandations",
        "Ces articles peuvent vous intéresser", "Ne manquez pas",
        # it
        "Articoli correlati", "Notizie correlate", "Post correlati", "Leggi anche…",
        "Leggi di più", "Leggi tutto", "Continua a leggere", "Potrebbe interessarti…",
        "Ti potrebbe interessare", "Potrebbero interessarti", "I più letti",
        "Più letti", "Ultime notizie", "Altre notizie", "Da non perdere",
        # pl
        "Podobne artykuły", "Powiązane artykuły", "Powiązane", "Podobne wpisy",
        "Czytaj także…", "Czytaj też…", "Czytaj również…", "Zobacz także…",
        "Zobacz też…", "Zobacz również…", "Czytaj więcej", "Czytaj dalej",
        "Najczęściej czytane", "Najpopularniejsze", "Najnowsze", "Najnowsze wpisy",
        "Polecane", "Polecamy", "Może cię zainteresować", "Więcej artykułów",
        "Przeczytaj też", "Przeczytaj także", "Sprawdź też", "Sprawdź także",
        "Dowiedz się więcej",
        # nl
        "Gerelateerde artikelen", "Gerelateerde berichten", "Gerelateerd",
        "Lees ook…", "Lees meer", "Lees verder", "Meest gelezen", "Populair",
        "Meer nieuws", "Laatste nieuws", "Dit vind je misschien ook leuk",
        "Misschien ook interessant", "Aanbevolen",
        # ru
        "Читайте также…", "Смотрите также…", "Похожие статьи", "Похожие новости", "Читать далее",
        "Читать дальше", "Подробнее", "Самое читаемое", "Популярное", "Последние новости",
        "Другие новости", "Новости по теме", "Материалы по теме", "Вам может быть интересно",
        "Рекомендуем",
        # uk
        "Читайте також…", "Дивіться також…", "Схожі статті", "Схожі новини", "Читати далі",
        "Детальніше", "Популярне", "Останні новини", "Новини за темою", "Інші новини",
        # sv
        "Läs också…", "Läs även…", "Läs mer", "Relaterade artiklar", "Mest läst", "Mest lästa",
        "Senaste nytt", "Fler nyheter", "Du kanske också gillar",
        # da
        "Læs også…", "Læs mere", "Relaterede artikler", "Mest læste", "Seneste nyt",
        "Flere nyheder",
        # no
        "Les også…", "Les mer", "Relaterte artikler", "Mest lest", "Siste nytt", "Flere nyheter",
        # fi
        "Lue myös…", "Lue lisää", "Aiheeseen liittyvät", "Aiheeseen liittyvää", "Luetuimmat",
        "Luetuimmat uutiset", "Uusimmat", "Tuoreimmat", "Katso myös…",
        # hu
        "Olvasd el ezt is…", "Ezt is ajánljuk…", "Kapcsolódó cikkek", "Kapcsolódó",
        "Legolvasottabb", "Legfrissebb", "Friss hírek", "Tovább", "Bővebben",
        # cs
        "Čtěte také…", "Přečtěte si také…", "Související články", "Související", "Nejčtenější",
        "Nejnovější", "Další články", "Číst dále", "Mohlo by vás zajímat",
        # tr
        "Bunlar da ilginizi çekebilir", "İlginizi çekebilir", "İlgili haberler", "İlgili yazılar",
        "Devamını oku", "Haberin devamı…", "En çok okunanlar", "Diğer haberler", "Benzer haberler",
        # id
        "Baca juga…", "Baca selengkapnya", "Selengkapnya", "Berita terkait", "Artikel terkait",
        "Terpopuler", "Berita terbaru", "Berita lainnya",
        # ro
        "Citește și…", "Citeste si…", "Articole similare", "Articole asemănătoare",
        "Știri similare", "Cele mai citite", "Ultimele știri", "Citește mai mult",
    ),
    "navigation": (
        # en
        "Home", "Homepage", "Home page", "Start", "Main page", "Front page", "Menu",
        "Main menu", "Open menu", "Close menu", "Toggle menu", "Toggle navigation",
        "Open navigation", "Open navigation menu", "Navigation", "Main navigation",
        "Navigation menu", "Primary navigation", "Site navigation", "Mobile menu",
        "Skip to content", "Skip to main content", "Skip to navigation", "Skip to footer",
        "Skip to search", "Skip navigation", "Skip to the content", "Jump to content",
        "Jump to navigation", "Jump to", "Go to content", "Go to main content",
        "Search", "Search for:", "Search this site", "Search the site",
        "Search for…", "Site search", "Advanced search", "Quick search",
        "Search results", "Login", "Log in", "Log In / Register", "Sign in", "Sign In",
        "Sign up", "Sign up or log in", "Register", "Register now", "Join", "Join now",
        "Log out", "Logout", "Sign out", "My account", "Account", "Your account",
        "Create account", "Create an account", "Create free account", "Member login",
        "Forgot password?", "Forgot your password?", "Existing user? Sign in",
        "You are not logged in.", "Next", "Previous", "Prev", "Next post", "Previous post",
        "Next article", "Previous article", "Next story", "Previous story",
        "Next page", "Previous page", "Next topic", "Previous topic", "Older posts",
        "Newer posts", "Older entries", "Newer entries", "Back", "Go back",
        "Back to top", "Back to Top ↑", "Back to blog", "Back to home", "Back to homepage",
        "Back to news", "Back to overview", "Back to list", "Return to top",
        "Return to home", "Go to top", "To top", "Scroll to top", "Top", "Sitemap",
        "Site map", "Site index", "Contact", "Contact us", "Contact Us", "Get in touch",
        "About", "About us", "About Us", "Who we are", "Our team", "Careers", "Jobs",
        "Press", "Press room", "Newsroom", "Help", "Help center", "Help Centre",
        "Support", "Customer service", "Customer Service", "Customer care",
        "Blog", "Archive", "Archives", "Categories", "Sections", "Topics A-Z", "A-Z",
        "Quick links", "Useful links", "Links", "Resources", "Explore", "Discover",
        "Table of contents", "Contents", "On this page", "In this article",
        "In this section", "Jump to section", "Close", "Open", "Expand", "Collapse",
        "Show more", "Show less", "Load more", "Load more posts", "View all", "View more",
        "See all", "More", "All", "All news", "All articles", "Breadcrumb", "You are here:…",
        "You are here…", "Language", "Select language", "English", "Deutsch", "Español",
        "Français", "Italiano", "Polski", "Português", "Nederlands", "Edition",
        "International", "Subscribe / Log in", "Apps", "Download the app", "Open in app",
        "Get the app", "Podcasts", "Videos", "Photos", "Newsroom", "Dashboard",
        "Weather", "Horoscopes", "Games", "Puzzles", "Crossword", "Solutions", "Products",
        "Industries", "Documentation", "Docs", "Community", "Portfolio", "Magazine",
        "Company", "Company info", "Partners", "Investors", "Investor relations", "Events",
        "Work with us", "Work with me", "Join our team", "Find a store", "Store locator",
        "Find a dealer", "Help & contact", "Help & Contact", "Sign up for free", "Sign up free",
        "Sign up now", "Login or create account", "Login / Join", "Sign in or register",
        "Ask question", "Ask a question", "Create thread", "New thread", "New topic",
        "Post reply", "Search forums", "Forums", "Forum", "Board index", "Unanswered topics",
        "Active topics", "Members", "What's new", "What’s new", "Hot network questions",
        "Featured on Meta", "Random article", "Current events", "About Wikipedia",
        "Blogroll", "Posts", "Articles", "Keyboard shortcuts", "Download for Windows",
        "Download for Mac", "Download for macOS", "Download for Linux",
        "Learn how to contribute", "Contribute", "View as Markdown", "View source",
        "View page source", "Create child page", "About this site", "Release notes",
        "Status", "Sort by", "Sort by:", "Sort", "Filter", "Filters",
        "Filter by…", "Filter and sort", "Filter & sort", "Sort and filter", "Sort & filter",
        "Refine by", "Clear all", "Apply filters", "Reset filters",
        # de
        "Startseite", "Zur Startseite", "Zurück zur Startseite", "Zur Übersicht",
        "Zurück zur Übersicht", "Übersicht", "Menü", "Hauptmenü", "Menü öffnen",
        "Menü schließen", "Navigation öffnen", "Hauptnavigation", "Zum Inhalt springen",
        "Zum Hauptinhalt springen", "Zum Inhalt", "Zum Hauptinhalt", "Direkt zum Inhalt",
        "Springe zum Inhalt", "Springe zur Navigation", "Zur Navigation",
        "Zur Hauptnavigation", "Zum Seitenende", "Zur Suche", "Inhalt", "Suche",
        "Suchen", "Suche öffnen", "Suchbegriff eingeben", "Suchbegriff", "Suchen nach:",
        "Suche nach:", "Erweiterte Suche", "Anmelden", "Abmelden", "Einloggen", "Login",
        "Registrieren", "Jetzt registrieren", "Mein Konto", "Mein Profil", "Konto",
        "Kundenkonto", "Passwort vergessen?", "Weiter", "Zurück", "Vor", "Nächste",
        "Vorherige", "Nächster Beitrag", "Vorheriger Beitrag", "Nächster Artikel",
        "Vorheriger Artikel", "Nächste Seite", "Vorherige Seite", "Ältere Beiträge",
        "Neuere Beiträge", "Nach oben", "Nach oben scrollen", "Zum Seitenanfang",
        "Seitenanfang", "Zurück nach oben", "Kontakt", "Kontaktformular", "Über uns",
        "Wir über uns", "Das sind wir", "Team", "Karriere", "Presse", "Hilfe", "Service",
        "Sie sind hier:…", "Sie befinden sich hier:…", "Du bist hier:…",
        "Inhaltsverzeichnis", "Alle anzeigen", "Mehr anzeigen", "Weniger anzeigen",
        "Mehr laden", "Alle Artikel", "Alle Beiträge", "Alle News", "Schließen", "Öffnen",
        "Sprache", "Sprache wählen", "Archiv", "Blogarchiv", "Mediathek", "Themen",
        "Beiträge", "Artikel", "Sortieren nach", "Sortieren", "Filtern", "Filter zurücksetzen",
        "Leistungen", "Unsere Leistungen", "Produkte", "Preise", "Jobs & Karriere",
        "Standorte", "Filialen", "Händler finden",
        # es
        "Inicio", "Portada", "Página principal", "Menú", "Menú principal", "Buscar",
        "Búsqueda", "Iniciar sesión", "Acceder", "Entrar", "Registrarse",
        "Regístrate", "Cerrar sesión", "Mi cuenta", "Siguiente", "Anterior",
        "Entrada anterior", "Entrada siguiente", "Artículo anterior", "Artículo siguiente",
        "Volver arriba", "Ir arriba", "Volver", "Ir al contenido", "Saltar al contenido",
        "Ir al contenido principal", "Contacto", "Contáctanos", "Quiénes somos",
        "Sobre nosotros", "Mapa del sitio", "Cerrar", "Ver todo", "Ver todos",
        "Cargar más", "Usted está aquí:…", "Estás aquí:…",
        # pt
        "Início", "Página inicial", "Pesquisar", "Pesquisa", "Entrar", "Sair",
        "Minha conta", "Próximo", "Próxima", "Anterior", "Voltar", "Voltar ao topo",
        "Ir para o conteúdo", "Pular para o conteúdo", "Saltar para o conteúdo",
        "Contato", "Contactos", "Fale conosco", "Sobre nós", "Quem somos", "Fechar",
        "Ver tudo", "Carregar mais", "Mapa do site",
        # fr
        "Accueil", "Retour à l'accueil", "Rechercher", "Recherche",
        "Se connecter", "Connexion", "S'inscrire", "S’inscrire", "Inscription",
        "Déconnexion", "Mon compte", "Suivant", "Précédent", "Article suivant",
        "Article précédent", "Page suivante", "Page précédente", "Retour en haut",
        "Haut de page", "Retour", "Aller au contenu", "Aller au contenu principal",
        "Passer au contenu", "Contact", "Contactez-nous", "Nous contacter",
        "Qui sommes-nous", "Qui sommes-nous ?", "À propos", "A propos", "Plan du site",
        "Fermer", "Voir tout", "Voir plus", "Tout voir", "Charger plus",
        "Vous êtes ici :…", "Sommaire", "Rubriques", "Filtres", "Trier par",
        # it
        "Home page", "Cerca", "Ricerca", "Accedi", "Registrati", "Esci", "Il mio account",
        "Successivo", "Precedente", "Articolo successivo", "Articolo precedente",
        "Torna su", "Torna all'inizio", "Torna alla home", "Vai al contenuto",
        "Salta al contenuto", "Contatti", "Contattaci", "Chi siamo", "Mappa del sito",
        "Chiudi", "Vedi tutti", "Mostra tutto", "Carica altri", "Sei qui:…",
        # pl
        "Strona główna", "Szukaj", "Wyszukaj", "Wyszukiwarka",
        "Zaloguj się", "Zaloguj", "Zarejestruj się", "Wyloguj", "Moje konto",
        "Następny", "Następna", "Poprzedni", "Poprzednia", "Dalej", "Wstecz", "Powrót",
        "Przejdź do treści", "Przejdź do menu", "Do góry", "Na górę", "Kontakt", "O nas",
        "Mapa strony", "Zamknij", "Zobacz wszystkie", "Pokaż więcej", "Więcej",
        "Jesteś tutaj:…",
        # nl
        "Zoeken", "Zoek", "Inloggen", "Uitloggen", "Registreren", "Mijn account",
        "Volgende", "Vorige", "Volgend artikel", "Vorig artikel", "Terug",
        "Terug naar boven", "Naar boven", "Ga naar inhoud", "Ga direct naar inhoud",
        "Direct naar inhoud", "Naar de inhoud", "Over ons", "Sluiten", "Bekijk alles",
        "Meer laden", "Je bent hier:…", "U bent hier:…",
        # ru
        "Главная", "Главная страница", "Меню", "Поиск", "Войти", "Регистрация",
        # uk
        "Головна", "Головна сторінка", "Пошук", "Увійти",
        # sv
        "Startsida", "Meny", "Sök", "Logga in",
        # da
        "Forside", "Søg", "Log ind",
        # no
        "Søk", "Logg inn",
        # fi
        "Etusivu", "Valikko", "Haku", "Hae", "Kirjaudu sisään",
        # hu
        "Főoldal", "Kezdőlap", "Keresés", "Bejelentkezés", "Belépés",
        # cs
        "Domů", "Hlavní stránka", "Hledat", "Vyhledávání", "Přihlásit se", "Přihlášení",
        # tr
        "Ana sayfa", "Anasayfa", "Giriş yap", "Üye ol",
        # id
        "Beranda", "Cari", "Masuk",
        # ro
        "Acasă", "Meniu", "Caută", "Autentificare",
    ),
    "other": (
        # e-commerce and calls to action
        "Add to cart", "Add to bag", "Add to basket", "Add to wishlist", "Add to list",
        "Add to favorites", "Add to favourites", "Buy now", "Buy it now", "Shop now",
        "Shop all", "Order now", "Checkout", "View cart", "Cart", "Shopping cart",
        "Your cart is empty", "Wishlist", "Track order", "Track your order", "Free shipping…",
        "Out of stock", "In stock", "Select a size", "Select size", "Size guide",
        "Write a review", "Be the first to review…", "New arrivals", "Bestsellers",
        "Best sellers", "Returns & exchanges…", "Financing options", "Compare",
        "Quick view", "Quick shop", "Choose options", "Select options", "Notify me",
        "Submit", "Send", "Reset", "Cancel", "OK", "Got it", "Dismiss", "Accept",
        "Submit correction", "Request changes", "Improve this question", "Improve this answer",
        "Share improve this answer", "Follow this question", "Reaction score", "Reactions:",
        "Joined", "Joined:", "Messages:", "Likes:", "Points:",
        "Free delivery…", "Learn more", "Find out more", "Get started", "Get started for free",
        "Get started today", "Start free trial", "Start your free trial", "Free trial",
        "Try for free", "Try it free", "Request a demo", "Request demo", "Book a demo",
        "Get a demo", "Schedule a demo", "Request a quote", "Get a quote",
        "Get a free quote", "Contact sales", "Talk to sales", "Book now", "Book a call",
        "Book an appointment", "Make an appointment", "Apply now", "Donate", "Donate now",
        "Download", "Download now", "Install", "Loading",
        "Please wait…", "Click to expand...", "Click here…", "Click here to…",
        "Was this page helpful?", "Was this article helpful?", "Was this helpful?",
        "Edit this page", "Edit on GitHub", "Report an issue", "Send feedback",
        "Give feedback", "Feedback", "Report", "Report abuse", "Upvote", "Downvote",
        "Helpful", "Not helpful", "JavaScript is disabled…",
        "Please enable JavaScript…", "You need to enable JavaScript…",
        "Your browser does not support…", "Your browser doesn't support…",
        "This video is not available…", "Media playback is unsupported on your device",
        "Media playback is not supported on this device", "Video player is loading…",
        "Watch video", "Play video", "Video", "Audio", "Listen", "Listen to this article",
        "Listen to article", "Play", "Pause", "Mute", "Gallery", "View gallery",
        "Enlarge", "Enlarge image", "Zoom", "Fullscreen", "Expand image", "Open image",
        "Image", "Photo", "Caption", "Translate", "Powered by", "Proudly powered by…",
        "Powered by WordPress…", "Powered by Discourse…", "Powered by Ghost…",
        "Powered by Blogger…", "Powered by Squarespace…", "Powered by Shopify…",
        "Powered by Wix…", "Powered by Jekyll…", "Powered by Hugo…", "Powered by Drupal…",
        "Powered by Nikola…", "Powered by vBulletin…", "Powered by phpBB…",
        "Powered by XenForo…", "Powered by Invision…", "Powered by Substack…",
        "Powered by MkDocs…", "Powered by Sphinx…", "Powered by Read the Docs…",
        "Bloggen auf WordPress.com…", "Erstellt mit…", "Betrieben mit WordPress…",
        "Theme by…", "Website by…", "Made with ❤…", "Copy", "Copied!",
        # de
        "In den Warenkorb", "Zum Warenkorb", "Warenkorb", "Jetzt kaufen", "Kaufen",
        "Jetzt bestellen", "Bestellen", "Zur Kasse", "Wunschliste", "Merkliste",
        "Auf die Merkliste", "Versandkostenfrei…", "Kostenloser Versand…",
        "Jetzt spenden", "Spenden", "Hier klicken…", "Wird geladen", "Lädt",
        "Bitte warten…", "Bitte aktivieren Sie JavaScript…", "Video abspielen",
        "Artikel anhören", "Vorlesen", "Bildergalerie", "Galerie", "Bild vergrößern",
        "Vergrößern", "Vollbild", "Zur Galerie", "War dieser Artikel hilfreich?",
        "Fehler melden", "Feedback geben", "Übersetzen", "Mehr Infos", "Jetzt informieren",
        "Jetzt entdecken", "Jetzt testen", "Kostenlos testen", "Termin vereinbaren",
        "Angebot anfordern", "Jetzt bewerben", "Gutschein sichern", "Mitglied werden",
        "Nicht vorrätig", "Auf Lager", "Lieferzeit…", "Bewertung schreiben",
        "Abschicken", "Absenden", "Senden", "Abbrechen",
        # es / pt / fr / it / pl / nl
        "Añadir al carrito", "Añadir a la cesta", "Comprar", "Comprar ahora", "Cargando",
        "Adicionar ao carrinho", "Comprar agora", "Carregando", "Ajouter au panier",
        "Acheter", "Panier", "Chargement", "Aggiungi al carrello", "Acquista", "Carrello",
        "Caricamento",
        "Dodaj do koszyka", "Kup teraz", "Koszyk", "Ładowanie", "In winkelwagen",
        "Winkelwagen", "Bestellen", "Laden",
    ),
}

_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs"
    "|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|sonnabend"
    "|mo|di|mi|do|fr|sa|so|lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi"
    "|mercredi|jeudi|vendredi|samedi|dimanche|lunedì|martedì|mercoledì|giovedì|venerdì"
    "|sabato|domenica|segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira"
    "|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|maandag|dinsdag|woensdag"
    "|donderdag|vrijdag|zaterdag|zondag"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januar|jänner|februar|märz|mai|juni"
    "|juli|oktober|dezember|okt|dez|enero|febrero|marzo|abril|mayo|junio|julio|agosto"
    "|septiembre|setiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|juin"
    "|juillet|août|septembre|octobre|novembre|décembre|gennaio|febbraio|aprile|maggio"
    "|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho"
    "|setembro|outubro|novembro|dezembro|stycznia|lutego|marca|kwietnia|maja|czerwca"
    "|lipca|sierpnia|września|października|listopada|grudnia|styczeń|luty|marzec"
    "|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień"
    "|januari|februari|maart|mei|augustus|oktober"
)
_DATE = (
    r"(?:(?:" + _WEEKDAYS + r")\.?,?\s+)?"
    r"(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}[./-]\d{1,2}[./-]\d{1,2}"
    r"|\d{1,2}(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?(?:" + _MONTHS + r")\.?,?(?:\s+(?:de\s+)?\d{4})?"
    r"|(?:" + _MONTHS + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?"
    r"|(?:" + _MONTHS + r")\s+\d{4})"
)
_TIME = (
    r"(?:\s*(?:,|at|um|à|a las|às|alle|o|om|-|–|\|)?\s*\d{1,2}[:.h]\d{2}"
    r"(?:\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h))?(?:\s*[A-Z]{2,4})?)?"
)
# A name: capitalised words (case-sensitive inside the case-insensitive patterns).
_CAP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞĪŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŸŹŻŽ"
# The words that join names ("Jane Doe and John Roe") are whole words and never names
# themselves: with "and" allowed inside a name ("JandJand…") or "E" both a name and a
# joiner, a byline that failed to match backtracked exponentially (a 100-character line
# took seconds, each "Jand" doubling the time).
_JOINER = r"(?:and|und|et|y|e|i|en)(?![\w'’.-])"
_NAME = r"(?!" + _JOINER + r")(?-i:[" + _CAP + r"][\w'’.-]*)"
_NAMES = _NAME + r"(?:\s+(?:(?-i:van|von|de|der|den|da|di|du|del|la|le)\s+)?" + _NAME + r"){0,3}"
_COUNT_WORDS = (
    "comments?|responses?|replies|reactions?|kommentare?|antworten|reaktionen"
    "|commentaires?|réponses|comentarios?|comentários?|respuestas|respostas|commenti|commento"
    "|risposte|komentarz(?:e|y)?|odpowiedzi|reacties?"
)

#: Regexes per kind for shapes that are not fixed phrases. Anchored at the block start;
#: they must cover the whole block (a trailing ``$`` is added).
FURNITURE_PATTERNS: dict[str, tuple[str, ...]] = {
    "comments": (
        # "12 Comments", "1 Kommentar", "3 Antworten auf „Titel“"
        r"\d+\s+(?:" + _COUNT_WORDS + r")\b.{0,80}",
        # "One response to …", "One thought on “…”", "2 thoughts on “…”"
        r"(?:one|\d+)\s+(?:thoughts?|responses?)\s+(?:on|to)\b.{0,120}",
        # comment header: "Jane Doe says:", "admin sagt:", "Marie dit :"
        r"[\w@.'’-]+(?:\s+[\w@.'’-]+){0,3}\s+(?:says|said|sagt|schreibt|schrieb|meint"
        r"|dice|dijo|dit|diz|disse|scrive|napisał|napisała|zegt|schreef|wrote|writes)\s*:",
        # "Antworten auf …"/"Reply to …" headers in forums
        r"(?:reply|antwort|répondre|responder|rispondi|odpowiedz)\s+(?:to|auf|à|a)\s+.{1,80}",
    ),
    "share": (
        r"\d+\s*(?:shares?|likes?|mal geteilt|partages|compartidos?)",
    ),
    "metadata": (
        # bylines: "By Jane Doe", "von Max Mustermann, dpa", "Par Jean Dupont | Le 3 mars"
        r"(?:by|von|par|por|di|door|przez|av|af)\s+" + _NAMES
        + r"(?:\s*(?:,|&|(?<![\w'’.-])" + _JOINER + r")\s*" + _NAMES + r")*"
        r"(?:\s*,\s*" + _DATE + _TIME + r")?(?:\s*[|•·–—]\s*.{0,80})?",
        # "Published 3 March 2020", "Updated: Mar 5, 2021 10:32 am ET", "Stand: 12.03.2021"
        r"(?:published|updated|posted|last updated|last modified|created|modified|date"
        r"|veröffentlicht|aktualisiert|erstellt|geändert|stand|datum|publicado|actualizado"
        r"|atualizado|publié|mis à jour|modifié|pubblicato|aggiornato|opublikowano"
        r"|zaktualizowano|aktualizacja|gepubliceerd|bijgewerkt|geplaatst)"
        r"(?:\s+(?:on|am|el|em|le|il|op|at|um|dnia|in))?\s*:?\s*" + _DATE + _TIME + r".{0,60}",
        # a date on its own, optionally with a time and a reading time / author
        _DATE + _TIME + r"(?:\s*[|•·—]\s*.{0,60})?",
        # "5 min read", "3 Min. Lesezeit", "Lesedauer: 4 Minuten", "Temps de lecture : 2 min"
        r"\d+\s*(?:min(?:ute)?s?\.?|minuten|minutos|minuti|minut)\s*"
        r"(?:read|lesezeit|lesedauer|de lectura|de leitura|de lecture|di lettura|czytania"
        r"|leestijd|leestijd)\b.{0,60}",
        r"(?:lesezeit|lesedauer|reading time|read time|temps de lecture|tiempo de lectura"
        r"|tempo de leitura|tempo di lettura|czas czytania|leestijd)\s*:?\s*(?:ca\.\s*)?\d+.{0,30}",
    ),
    "navigation": (
        # "Page 2 of 5", "Seite 1 von 3", "Página 1 de 4"
        r"(?:page|seite|página|pagina|strona)\s+\d+\s+(?:of|von|de|sur|di|z|van)\s+\d+.{0,40}",
        # breadcrumbs: "Home » News » Politics", "Startseite > Sport"
        r"(?:home|startseite|inicio|início|accueil|strona główna)\s*[»>›/|]\s*.{1,200}",
    ),
    "attribution": (
        # a credit that ends in an agency: "John Smith/AFP via Getty Images"
        r"(?:[^\s/]+\s+){0,4}[^\s/]*\s*(?:/|\bvia\s+)\s*(?:" + _AGENCY + r")(?:\s*/\s*.{1,40})?",
    ),
    "legal": (
        r".{0,150}?\b(?:all rights reserved|alle rechte vorbehalten|tous droits réservés"
        r"|todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati"
        r"|wszelkie prawa zastrzeżone|alle rechten voorbehouden|some rights reserved)\b.{0,300}",
        r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}|\d{4}\s*[-–]\s*\d{4})\b.{0,400}",
    ),
}

_OPENER = "…"
# Leading decoration before a phrase: bullets, arrows, icons, brackets, quotes.
_LEAD = r"^[^\w©(]*?\(?\s*"
# What may follow a plain phrase: non-letters only, or a label separator and anything.
_LABEL_SEPARATORS = ":|»›>/"
_TAIL = r"(?:[^\w]|\d|_)*(?:[" + _LABEL_SEPARATORS + r"]\s*.*)?$"
_SEP = re.compile(r"\s+")
# Where the lazy part of ``_LEAD`` must stop.
_LEAD_STOP = re.compile(r"[\w©(]")


def _phrase_core(phrase: str) -> str:
    """The text a phrase's regex spells out: opener mark dropped, and the closing "?", "!"
    and "." of a plain phrase too (the tail accepts them)."""
    core = phrase.removesuffix(_OPENER).strip()
    if not _is_opener(phrase):
        core = core.rstrip("?!.") or core
    return core


def _phrase_regex(phrase: str) -> str:
    """Regex for one phrase (see ``_phrase_core``); spaces match any run of whitespace."""
    return r"\s+".join(_colon_flexible(part) if part.endswith(":") else re.escape(part)
                       for part in _SEP.split(_phrase_core(phrase)))


def _normal(text: str) -> str:
    return _SEP.sub(" ", text).strip().casefold()


def _label_regex(phrase: str) -> str:
    """Regex for ``phrase`` used as a label: the phrase and a label separator, unless it ends
    in one itself ("Tags:", "Read More »")."""
    if _phrase_core(phrase)[-1:] in _LABEL_SEPARATORS:
        return _phrase_regex(phrase)
    return _phrase_regex(phrase) + r"\s*[" + _LABEL_SEPARATORS + "]"


def labels_text(text: str, phrase: str) -> bool:
    """Whether ``text`` opens with ``phrase`` used as a label, followed by text of its own:
    "Read more: Floods in Kerala" for "Read more" (``match_furniture`` also matches the
    phrase alone)."""
    return re.match(_LEAD + _label_regex(phrase) + r"\s*\w", text, re.IGNORECASE) is not None


#: A link set into the text under a related label ("Read more: <headline>") runs to at most
#: this many words: a label of a few words and a headline. Longer lines that open so are
#: prose ("Next up: blueprints. No, not the kind architects use, ...").
MAX_LABELLED_LINK_WORDS = 20


@cache
def _labelled_link_pattern() -> tuple[frozenset[str], re.Pattern[str]]:
    """``labels_text`` for every related phrase at once; and the phrases' first words, to
    skip the regex for the blocks that cannot match."""
    phrases = sorted(FURNITURE_PHRASES["related"], key=len, reverse=True)
    regex = re.compile(_LEAD + "(?:" + "|".join(map(_label_regex, phrases)) + r")\s*\w",
                       re.IGNORECASE)
    return _words_of([_phrase_core(p) for p in phrases]), regex


def labelled_link(text: str) -> bool:
    """Whether ``text`` is a link to another article under a related label, "Read more:
    <headline>", also where it is too long for ``match_furniture`` (over
    ``MAX_FURNITURE_WORDS`` words, up to ``MAX_LABELLED_LINK_WORDS``)."""
    first_words, regex = _labelled_link_pattern()
    first = _WORD.search(text, 0, 80)  # a label starts near the line's start
    return (first is not None and _fold(first.group()) in first_words
            and len(text.split(maxsplit=MAX_LABELLED_LINK_WORDS)) <= MAX_LABELLED_LINK_WORDS
            and regex.match(text) is not None)


def _is_opener(phrase: str) -> bool:
    """Openers: marked with "…", or labels ending in a colon ("Tags:", "Photo:")."""
    return phrase.endswith(_OPENER) or phrase.endswith(":")


def _group(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: len(p.removesuffix(_OPENER)), reverse=True)
    return "|".join(_phrase_regex(p) for p in ordered)


def _word_end(phrase: str) -> bool:
    """Phrases that end in a letter or digit must not run on into a longer word."""
    return phrase.removesuffix(_OPENER).strip()[-1:].isalnum()


def _kind_members(kind: str, *, openers_only: bool) -> tuple[list[str], list[str], list[str]]:
    """The openers, plain phrases and patterns of ``kind`` that may match a short block,
    or with ``openers_only`` a long one."""
    phrases = FURNITURE_PHRASES[kind]
    openers = [p for p in phrases if _is_opener(p)]
    if openers_only and kind not in LONG_FURNITURE_KINDS:
        openers = [p for p in openers if len(p.split()) >= MIN_LONG_OPENER_WORDS]
    plain = [] if openers_only else [p for p in phrases if not _is_opener(p)]
    patterns = ([] if openers_only and kind not in LONG_FURNITURE_KINDS
                else list(FURNITURE_PATTERNS.get(kind, ())))
    return openers, plain, patterns


def _alternatives_source(openers: list[str], plain: list[str], patterns: list[str]) -> str:
    """Regex alternatives for phrases and patterns, each running to the end of the block."""
    alternatives = []
    for group, bounded in ((openers, True), (openers, False), (plain, True), (plain, False)):
        members = [p for p in group if _word_end(p) == bounded]
        if not members:
            continue
        end = (r"(?!\w)" if bounded else "") + (r".*$" if group is openers else _TAIL)
        alternatives.append(r"(?:" + _group(members) + r")" + end)
    alternatives += [r"(?:" + p + r")\s*$" for p in patterns]
    return "|".join(alternatives) if alternatives else r"(?!)"


def _kind_source(kind: str, *, openers_only: bool) -> str:
    source = _alternatives_source(*_kind_members(kind, openers_only=openers_only))
    if source == r"(?!)":
        return source
    return _LEAD + r"(?P<phrase>" + source + r")"


@cache
def furniture_pattern(kind: str) -> re.Pattern[str]:
    """One compiled regex for ``kind``: a block that consists of, or opens with, one of
    its phrases (``FURNITURE_PHRASES``) or matches one of its ``FURNITURE_PATTERNS``.

    Group ``phrase`` holds the matched text from the phrase on. Raises ``KeyError`` for
    an unknown kind.
    """
    return re.compile(_kind_source(kind, openers_only=False), re.IGNORECASE | re.DOTALL)


@cache
def _long_pattern(kind: str) -> re.Pattern[str]:
    """The openers (and, for cookie/legal, patterns) that may match a long block."""
    return re.compile(_kind_source(kind, openers_only=True), re.IGNORECASE | re.DOTALL)


class _Lookup(NamedTuple):
    """The listed phrases of a kind, to find the one a match starts with.

    ``by_first_word`` maps a folded first word to the positions in ``ordered`` of the
    phrases that open with it; ``by_word_start`` does the same for phrases of one word,
    which may match the start of a longer word; ``without_word`` holds the phrases without
    a word character.
    """

    listed: dict[str, str]  # normalised phrase -> phrase as listed
    spelt: dict[str, str]  # the same, from each listed spelling (saves normalising)
    ordered: tuple[str, ...]  # listed phrases in the order they are tried: longest first
    by_first_word: dict[str, tuple[int, ...]]
    by_word_start: dict[str, tuple[int, ...]]
    without_word: tuple[int, ...]


@cache
def _phrase_lookup(kind: str) -> _Lookup:
    """Which listed phrase of ``kind`` a match starts with (see ``_listed_phrase``)."""
    listed: dict[str, str] = {}
    for phrase in FURNITURE_PHRASES[kind]:
        plain = phrase.removesuffix(_OPENER).strip()
        listed.setdefault(_normal(plain), plain)
    ordered = tuple(sorted(set(listed.values()), key=len, reverse=True))
    by_word: dict[str, list[int]] = {}
    by_start: dict[str, list[int]] = {}
    without: list[int] = []
    for i, phrase in enumerate(ordered):
        key = _first_word(_phrase_core(phrase))
        if key is None:
            without.append(i)
        else:
            (by_start if key[1] else by_word).setdefault(key[0], []).append(i)
    return _Lookup(listed, {p: listed[_normal(p)] for p in ordered}, ordered,
                   {k: tuple(v) for k, v in by_word.items()},
                   {k: tuple(v) for k, v in by_start.items()}, tuple(without))


@cache
def _prefix_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Phrases (in the order given) as a regex for the start of a match."""
    return re.compile("|".join(_phrase_regex(p) for p in phrases) or r"(?!)", re.IGNORECASE)


class _Gate(NamedTuple):
    """What a block needs before one phrase or pattern can match it: any one of these."""

    first_words: frozenset[str] = frozenset()  # its first word, folded, is one of these
    first_prefixes: tuple[str, ...] = ()  # its first word, folded, starts with one of these
    digit_first: bool = False  # its first word starts with a digit
    contains: tuple[str, ...] = ()  # its folded text holds one of these ("" always does)
    within: int | None = None  # ... among the first ``within`` characters from its first word
    max_chars: int | None = None  # ... and it has at most this many from its first word on
    lead: str = ""  # one of these characters comes before its first word
    last: str = ""  # it ends with one of these characters
    # The phrase or pattern opens with a word character, so it can only start at the
    # block's first word (the lead holds none); False for those that may start earlier.
    opens_with_word: bool = True
    # Not a test: the most characters the pattern can match, where its shape bounds it.
    longest_match: int | None = None


def _first_words(*alternations: str) -> frozenset[str]:
    """The folded first words of the items of ``|``-separated word lists."""
    return frozenset(key[0] for alternation in alternations for item in alternation.split("|")
                     if (key := _first_word(item)))


def _opening_words(pattern: str) -> frozenset[str]:
    """The folded first words of the word list ``(?:a|b c|d)`` that ``pattern`` opens with."""
    words = pattern[len("(?:"):pattern.find(")")] if pattern.startswith("(?:") else ""
    if not words or not re.fullmatch(r"[\w |]+", words):
        raise ValueError(f"pattern does not open with a word list: {pattern[:40]!r}")
    return _first_words(words)


def _notice_gate(pattern: str) -> _Gate:
    """The gate of a pattern ``.{0,m}?\\b(?:a b|c d)\\b.{0,n}``: a phrase of its list that
    starts at most ``m`` characters in and is followed by at most ``n``. The search is for
    each phrase's longest word, which is quicker to look for than the phrase."""
    shape = re.fullmatch(r"\.\{0,(\d+)\}\?\\b\(\?:([\w |]+)\)\\b\.\{0,(\d+)\}", pattern)
    if shape is None:
        raise ValueError(f"not a notice pattern: {pattern[:40]!r}")
    phrases = shape.group(2).split("|")
    longest = max(map(len, phrases))
    before, after = int(shape.group(1)), int(shape.group(3))
    needles = dict.fromkeys(_fold(max(p.split(" "), key=len)) for p in phrases)
    return _Gate(contains=tuple(needles), within=before + longest,
                 max_chars=before + longest + after, opens_with_word=False,
                 longest_match=before + longest + after)


_P = FURNITURE_PATTERNS
#: One gate per ``FURNITURE_PATTERNS`` entry, in the same order; keep the two in step (the
#: patterns of a kind whose gates are out of step are always tried). A pattern that opens
#: with a word list needs one of its words first in the block (or a word that starts with
#: one, where the list may be followed by a word character: "Stand:12.3.", "Date12.03.");
#: one that opens with a number needs a digit there; the others need a word or sign.
_PATTERN_GATES: dict[str, tuple[_Gate, ...]] = {
    "comments": (
        _Gate(digit_first=True),  # "12 Comments"
        _Gate(first_words=_first_words("one"), digit_first=True),  # "One response to"
        _Gate(last=":", opens_with_word=False),  # "Jane Doe says:", "@jane says:"
        _Gate(first_words=_opening_words(_P["comments"][3])),  # "Reply to Jane"
    ),
    "share": (_Gate(digit_first=True),),  # "120 shares"
    "metadata": (
        _Gate(first_words=_opening_words(_P["metadata"][0])),  # "By Jane Doe"
        _Gate(first_prefixes=tuple(sorted(_opening_words(_P["metadata"][1])))),  # "Updated:"
        _Gate(first_words=_first_words(_WEEKDAYS, _MONTHS), digit_first=True),  # a date
        _Gate(digit_first=True),  # "5 min read"
        _Gate(first_prefixes=tuple(sorted(_opening_words(_P["metadata"][4])))),  # "Lesezeit"
    ),
    "navigation": (
        _Gate(first_words=_opening_words(_P["navigation"][0])),  # "Page 2 of 5"
        _Gate(first_words=_opening_words(_P["navigation"][1])),  # "Home » News"
    ),
    "attribution": (  # "Jane Doe/AFP via Getty Images"
        _Gate(contains=("/", "via"), opens_with_word=False),
    ),
    "legal": (
        _notice_gate(_P["legal"][0]),  # "© 2024 Acme Ltd. All rights reserved."
        _Gate(first_prefixes=("copyright",), lead="\u00a9(",  # "© 2024 ...", "(c) 2024"
              opens_with_word=False),
    ),
}


def _phrase_gate(phrase: str) -> _Gate:
    """A phrase's first word is the block's first word: the lead before the phrase holds
    no word character, and after the word comes whitespace or punctuation, or (a phrase of
    one word) the end of the phrase. Only there, when the phrase need not end a word, may
    the block's word run on ("Copied2" for "Copied!"). A phrase without a word ("©…")
    needs its first part somewhere in the block."""
    core = _phrase_core(phrase)
    key = _first_word(core)
    if key is None:
        return _Gate(contains=(_fold(_SEP.split(core)[0].removesuffix(":")),),
                     opens_with_word=False)
    word, ends_core = key
    opens_with_word = _WORD.match(core) is not None
    if ends_core and not _word_end(phrase):
        return _Gate(first_prefixes=(word,), opens_with_word=opens_with_word)
    return _Gate(first_words=frozenset({word}), opens_with_word=opens_with_word)


class _Alternative(NamedTuple):
    """One or more alternatives of a kind's regex."""

    kind: str
    source: str  # the regex, without the lead
    opens_with_word: bool  # can only start at the block's first word
    # The most characters the regex can match, where its shape bounds it (a notice
    # pattern, see ``_notice_gate``), else None. It runs to the block's end, so in a
    # block that does not end in whitespace it can only start this close to the end.
    longest_match: int | None = None


class _Index(NamedTuple):
    """The alternatives of every kind's regex (short or long blocks), by their gates."""

    by_first_word: dict[str, tuple[_Alternative, ...]]
    by_first_prefix: tuple[tuple[str, _Alternative], ...]
    by_digit_first: tuple[_Alternative, ...]
    by_substring: tuple[tuple[str, int | None, int | None, _Alternative], ...]
    #               (needle, within, max_chars, alternative)
    by_lead: tuple[tuple[str, _Alternative], ...]
    by_last: tuple[tuple[str, _Alternative], ...]
    last_chars: str
    prefix_head: int  # the length of the shortest prefix above
    prefix_heads: frozenset[str]  # the prefixes above cut to that length
    any_substring: re.Pattern[str]  # finds any needle above in folded text
    window: int | None  # the folded text the needles need: None all, else from the word on
    reach: int | None  # no needle helps a block with more characters from its first word on


@cache
def _index(short: bool) -> _Index:
    """The gated alternatives of ``furniture_pattern`` (short blocks) or ``_long_pattern``;
    the phrases of a kind that share a first word are joined into one alternative."""
    by_word: dict[str, dict[tuple[str, bool], list[str]]] = {}
    prefixes: list[tuple[str, _Alternative]] = []
    digit_first: list[_Alternative] = []
    substrings: list[tuple[str, int | None, int | None, _Alternative]] = []
    lead: list[tuple[str, _Alternative]] = []
    last: list[tuple[str, _Alternative]] = []
    for kind in FURNITURE_PRECEDENCE:
        openers, plain, patterns = _kind_members(kind, openers_only=not short)
        pattern_gates = _PATTERN_GATES.get(kind, ())
        if len(pattern_gates) != len(FURNITURE_PATTERNS.get(kind, ())):
            pattern_gates = ()
        gated: list[tuple[_Gate, list[str], list[str], list[str]]] = []
        gated += [(_phrase_gate(p), [p], [], []) for p in openers]
        gated += [(_phrase_gate(p), [], [p], []) for p in plain]
        gated += [(pattern_gates[i] if pattern_gates
                   else _Gate(contains=("",), opens_with_word=False), [], [], [p])
                  for i, p in enumerate(patterns)]
        for gate, *members in gated:
            alt = _Alternative(kind, _alternatives_source(*members), gate.opens_with_word,
                               gate.longest_match)
            for word in gate.first_words:
                by_word.setdefault(word, {}).setdefault(
                    (kind, gate.opens_with_word), []).append(alt.source)
            prefixes += [(prefix, alt) for prefix in gate.first_prefixes]
            substrings += [(needle, gate.within, gate.max_chars, alt) for needle in gate.contains]
            lead += [(char, alt) for char in gate.lead]
            last += [(char, alt) for char in gate.last]
            if gate.digit_first:
                digit_first.append(alt)
    head = min((len(prefix) for prefix, _ in prefixes), default=1)
    return _Index(
        {word: tuple(_Alternative(kind, "|".join(sources), opens)
                     for (kind, opens), sources in alts.items())
         for word, alts in by_word.items()},
        tuple(prefixes), tuple(digit_first), tuple(substrings), tuple(lead), tuple(last),
        "".join(sorted({char for char, _ in last})),
        head, frozenset(prefix[:head] for prefix, _ in prefixes),
        re.compile("|".join(sorted({re.escape(needle) for needle, _, _, _ in substrings}))
                   or "(?!)"),
        _largest([within for _, within, _, _ in substrings]),
        _largest([most for _, _, most, _ in substrings]),
    )


def _largest(limits: list[int | None]) -> int | None:
    """The largest of some limits; None when one of them is None (no limit) or none given."""
    bounded = [limit for limit in limits if limit is not None]
    return max(bounded) if bounded and len(bounded) == len(limits) else None


@cache
def _alternatives_pattern(source: str) -> re.Pattern[str]:
    """A compiled alternative of ``_index``, matched where the lead ends."""
    return re.compile(source, re.IGNORECASE | re.DOTALL)


def compile_patterns() -> int:
    """Compile every furniture alternative now instead of on first use; returns how many.

    For a process that forks workers (``cleaner._preload``): they then start with all of them
    compiled, as a long-running process ends up. About 0.7 s."""
    sources: set[str] = set()
    for short in (True, False):
        index = _index(short)
        sources.update(alt.source for alts in index.by_first_word.values() for alt in alts)
        sources.update(alt.source for _, alt in index.by_first_prefix)
        sources.update(alt.source for alt in index.by_digit_first)
        sources.update(alt.source for *_, alt in index.by_substring)
        sources.update(alt.source for _, alt in (*index.by_lead, *index.by_last))
    for source in sources:
        _alternatives_pattern(source)
    return len(sources)


def _candidates(text: str, first: re.Match[str] | None, index: _Index) -> list[_Alternative]:
    """The alternatives whose gates ``text`` (stripped, non-empty) passes: a superset of
    those that match it."""
    if first is None:
        word, start = "", len(text)
    else:
        word, start = first.group(), first.start()
        word = word.lower() if word.isascii() else _fold(word)
    found = [*index.by_first_word.get(word, ())]
    if word[:index.prefix_head] in index.prefix_heads:
        found += [alt for prefix, alt in index.by_first_prefix if word.startswith(prefix)]
    if word[:1].isdecimal():  # what \d matches
        found += index.by_digit_first
    if index.reach is None or len(text) - start <= index.reach:
        window = text if index.window is None else text[:start + index.window]
        folded = window.lower() if window.isascii() else _fold(window)
        if index.any_substring.search(folded):
            found += [alt for needle, within, most, alt in index.by_substring
                      if (most is None or len(text) - start <= most)
                      and needle in (folded if within is None else folded[:start + within])]
    if start:
        found += [alt for char, alt in index.by_lead if char in text[:start]]
    if text[-1] in index.last_chars:
        found += [alt for char, alt in index.by_last if text[-1] == char]
    return found


def _lead_ends(text: str) -> list[int]:
    """Where ``_LEAD`` may end in ``text``, in the order the regex tries them: the lazy run
    of decoration grows one character at a time up to the first word character, "©" or
    "("; then an optional "(" (tried first) and the whitespace after, longest first."""
    stop = _LEAD_STOP.search(text)
    ends: list[int] = []
    for lazy in range((stop.start() if stop is not None else len(text)) + 1):
        for start in (lazy + 1, lazy) if text[lazy:lazy + 1] == "(" else (lazy,):
            end = start
            while end < len(text) and text[end].isspace():
                end += 1
            ends += range(end, start - 1, -1)
    return ends


#: A lead with more places to end than this is searched (``_matched_after_long_lead``)
#: rather than tried place by place.
MAX_LEAD_ENDS_TRIED = 64


def _last_lead_end(text: str) -> int:
    """The last place ``_lead_ends`` lists: it lists every place from 0 up to this one."""
    stop = _LEAD_STOP.search(text)
    lazy = stop.start() if stop is not None else len(text)
    return _whitespace_end(text, lazy + 1 if text[lazy:lazy + 1] == "(" else lazy)


def _whitespace_end(text: str, start: int) -> int:
    """The end of the run of whitespace that starts at ``start`` (``start`` if none)."""
    end = start
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def _lead_run_end(text: str, position: int) -> int:
    """The first place ``_lead_ends`` lists after reaching ``position`` for the first time.

    Each step of the lazy run lists the places it newly reaches as one descending run
    (down from the end of the whitespace after it, or after its "("), and the runs come in
    ascending order; this is the top of the run that holds ``position``."""
    run = position
    while run > 0 and text[run - 1].isspace():
        run -= 1
    lazy = run - 1 if run > 0 and text[run - 1] == "(" else run
    return _whitespace_end(text, lazy + 1 if text[lazy:lazy + 1] == "(" else lazy)


def _matched_after_long_lead(
    text: str, first: re.Match[str] | None, found: list[_Alternative], last: int
) -> dict[str, str]:
    """``_matched_kinds`` for a block whose lead may end at each of the places 0 to
    ``last`` (many of them), with the same result.

    Trying every place costs a regex attempt each (seconds on a line of 1 MB of "- - -"
    before "All rights reserved"). Here each regex is searched once, from the first place
    it can match at (near the end for one with a ``longest_match``); the earliest place
    any regex of the kind matches at lies in one run of ``_lead_ends`` (see
    ``_lead_run_end``), and the first place of that run in the order listed at which one
    matches is the place the tries would have found.
    """
    word_start = first.start() if first is not None and first.start() <= last else -1
    bounded = not text[-1].isspace()  # else "\s*$" may match more than ``longest_match``
    matched: dict[str, str] = {}
    for kind in dict.fromkeys(alt.kind for alt in found):
        at_word = [_alternatives_pattern(alt.source) for alt in found
                   if alt.kind == kind and alt.opens_with_word]
        anywhere = [(_alternatives_pattern(alt.source), alt.longest_match) for alt in found
                    if alt.kind == kind and not alt.opens_with_word]
        hits = []
        for pattern, longest in anywhere:
            found_at = pattern.search(
                text, max(0, len(text) - longest) if bounded and longest is not None else 0)
            if found_at is not None and found_at.start() <= last:
                hits.append(found_at.start())
        if word_start >= 0 and any(pattern.match(text, word_start) for pattern in at_word):
            hits.append(word_start)
        if not hits:
            continue
        earliest = min(hits)
        for end in range(_lead_run_end(text, earliest), earliest - 1, -1):
            if (any(pattern.match(text, end) for pattern, _ in anywhere)
                    or end == word_start and any(pattern.match(text, end) for pattern in at_word)):
                matched[kind] = text[end:]
                break
    return matched


def _matched_kinds(text: str, short: bool) -> dict[str, str]:
    """Kind -> matched text (group ``phrase``) for every kind whose regex matches ``text``
    (stripped, non-empty), trying only the alternatives that passed their gates.

    Every alternative runs to the end of the block, so which one matches does not matter:
    the group is the block from the first place the lead may end at which any does. When
    the block opens with a word, the lead can only be empty.
    """
    first = _WORD.search(text)
    found = _candidates(text, first, _index(short))
    matched: dict[str, str] = {}
    if not found:
        return matched
    if first is not None and first.start() == 0:
        for alt in found:
            if alt.kind not in matched and _alternatives_pattern(alt.source).match(text):
                matched[alt.kind] = text
        return matched
    last = _last_lead_end(text)
    if last >= MAX_LEAD_ENDS_TRIED:
        return _matched_after_long_lead(text, first, found, last)
    ends = _lead_ends(text)
    word_start = first.start() if first is not None and first.start() in ends else -1
    for kind in dict.fromkeys(alt.kind for alt in found):
        at_word = [_alternatives_pattern(alt.source) for alt in found
                   if alt.kind == kind and alt.opens_with_word]
        anywhere = [_alternatives_pattern(alt.source) for alt in found
                    if alt.kind == kind and not alt.opens_with_word]
        # without alternatives that may start early, only the first word can start a match
        tries = ends if anywhere else [word_start] * (bool(at_word) and word_start >= 0)
        for end in tries:
            if (any(pattern.match(text, end) for pattern in anywhere)
                    or end == word_start and any(pattern.match(text, end) for pattern in at_word)):
                matched[kind] = text[end:]
                break
    return matched


@remembered
def match_furniture(text: str) -> tuple[str, str] | None:
    """(kind, matched phrase) when a block is site furniture by its wording, else None.

    Blocks over ``MAX_FURNITURE_WORDS`` words only match openers (see the module
    docstring). Kinds are tried in
    ``FURNITURE_PRECEDENCE`` order and the longest match wins (ties: earlier kind). The
    phrase is returned as listed in ``FURNITURE_PHRASES`` when one matched, else the
    matched text of a ``FURNITURE_PATTERNS`` entry (a byline, a date, a count).
    """
    text = text.strip()
    if not text:
        return None
    # n words take at least 2n - 1 characters
    short = (len(text) < 2 * MAX_FURNITURE_WORDS + 1
             or len(text.split(maxsplit=MAX_FURNITURE_WORDS)) <= MAX_FURNITURE_WORDS)
    matched = _matched_kinds(text, short)
    if not matched:
        return None
    best: tuple[int, str, str] | None = None
    for kind in FURNITURE_PRECEDENCE:
        if kind not in matched:
            continue
        phrase = _listed_phrase(kind, matched[kind])
        if best is None or len(phrase) > best[0]:
            best = (len(phrase), kind, phrase)
    return None if best is None else (best[1], best[2])


def _listed_phrase(kind: str, matched: str) -> str:
    """The listed phrase a match starts with, or the matched text (pattern matches).

    The phrases are tried longest first and the first that matches the start of
    ``matched`` counts, unless it stops inside a word. Only the phrases whose first word
    is the first word of ``matched`` (or, for a one-word phrase, starts it) can match, so
    only those are tried, in the same order.
    """
    lookup = _phrase_lookup(kind)
    first = _WORD.search(matched)
    word = _fold(first.group()) if first is not None else ""
    if word in lookup.by_first_word or word in lookup.by_word_start:
        prefix = _vocabulary_prefix_pattern(kind, word)
    else:
        prefix = _prefix_pattern(_phrases_for(lookup, word))
    found = prefix.match(matched)
    if found is not None:
        end = found.end()
        if end == len(matched) or not (matched[end].isalnum() and found.group()[-1:].isalnum()):
            phrase = found.group()
            return lookup.spelt.get(phrase) or lookup.listed.get(_normal(phrase), phrase)
    return matched.strip()


def _phrases_for(lookup: _Lookup, word: str) -> tuple[str, ...]:
    """The listed phrases that can start a match whose first word (folded) is ``word``."""
    keep = [*lookup.by_first_word.get(word, ()), *lookup.without_word]
    for end in range(1, len(word) + 1):
        keep += lookup.by_word_start.get(word[:end], ())
    return tuple(lookup.ordered[i] for i in sorted(keep))


@cache
def _vocabulary_prefix_pattern(kind: str, word: str) -> re.Pattern[str]:
    """``_prefix_pattern`` for a first word of the vocabulary (a bounded set)."""
    return _prefix_pattern(_phrases_for(_phrase_lookup(kind), word))
