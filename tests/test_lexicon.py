"""Rule tables for the packaged vocabularies: stoplists, furniture phrases, credits, language."""

from __future__ import annotations

import re
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import lexicon
from cleaner.document import Kind
from cleaner.language import detect_language, stopword_share
from cleaner.lexicon import (
    FURNITURE_PATTERNS,
    FURNITURE_PHRASES,
    FURNITURE_PRECEDENCE,
    GLUED_MARKER,
    all_stopwords,
    furniture_pattern,
    is_caption_label,
    is_caption_marker,
    match_furniture,
    split_credit,
    stopwords,
)

LANGUAGES = (
    "en de es fr pl pt it ru zh ko id fi ar hu ja et nl sv da no cs tr".split()
)

# --- stoplists ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_stoplist_loaded(lang: str) -> None:
    words = stopwords()[lang]
    assert isinstance(words, frozenset)
    assert len(words) >= (30 if lang in lexicon.CHARACTER_LANGUAGES else 100)
    assert all(w == w.lower() and w.strip() == w and w for w in words)


@pytest.mark.parametrize("lang", sorted(lexicon.CHARACTER_LANGUAGES))
def test_cjk_stoplists_are_single_characters(lang: str) -> None:
    assert all(len(ch) == 1 for ch in stopwords()[lang])


def test_stoplists_cached_and_unioned() -> None:
    assert stopwords() is stopwords()
    union = all_stopwords()
    assert {"the", "und", "que", "的"} <= union
    assert len(union) >= max(len(v) for v in stopwords().values())


# --- furniture phrases -------------------------------------------------------------------

FURNITURE_CASES = [
    # (text, kind) — kind None means "must not match"
    ("Leave a Reply", "comments"),
    ("Leave a Reply Cancel reply", "comments"),
    ("Your email address will not be published. Required fields are marked *", "comments"),
    ("This site uses Akismet to reduce spam. Learn how your comment data is processed.",
     "comments"),
    ("Kommentar verfassen", "comments"),
    ("Die Kommentarfunktion ist geschlossen.", "comments"),
    ("Antworten", "comments"),
    ("Reply ↓", "comments"),
    ("12 Comments", "comments"),
    ("Jane Doe says:", "comments"),
    ("Peter sagt:", "comments"),
    ("Share this:", "share"),
    ("Share on Facebook (Opens in new window)", "share"),
    ("Tweet", "share"),
    ("Teilen", "share"),
    ("Compartir", "share"),
    ("Partager", "share"),
    ("WhatsApp", "share"),
    ("E-Mail", "share"),
    ("Subscribe", "newsletter"),
    ("Sign up for our newsletter to get the latest news", "newsletter"),
    ("Newsletter abonnieren", "newsletter"),
    ("We use cookies", "cookie"),
    ("Accept all", "cookie"),
    ("Cookie settings", "cookie"),
    ("Diese Website verwendet Cookies, um Ihnen das beste Erlebnis zu bieten.", "cookie"),
    ("This website uses cookies to improve your experience. We'll assume you're ok with "
     "this, but you can opt-out if you wish. By continuing to browse the site you agree "
     "to our use of cookies. Accept Read More", "cookie"),
    ("All rights reserved.", "legal"),
    ("© 2020 Valve Corporation. All rights reserved.", "legal"),
    ("Privacy Policy", "legal"),
    ("Privacy Policy | Terms of Use | Contact", "legal"),
    ("Impressum", "legal"),
    ("Datenschutz", "legal"),
    ("AGB", "legal"),
    ("Mentions légales", "legal"),
    ("Aviso legal", "legal"),
    ("Advertisement", "advert"),
    ("ADVERTISEMENT - CONTINUE READING BELOW", "advert"),
    ("Anzeige", "advert"),
    ("Publicité", "advert"),
    ("Werbung", "advert"),
    ("Related articles", "related"),
    ("Read more »", "related"),
    ("You may also like", "related"),
    ("More from CNN", "related"),
    ("Ähnliche Beiträge", "related"),
    ("Das könnte Sie auch interessieren:", "related"),
    ("Lesen Sie auch: Die Bahn streicht Verbindungen", "related"),
    ("Mehr zum Thema", "related"),
    ("Artículos relacionados", "related"),
    ("À lire aussi", "related"),
    ("Home", "navigation"),
    ("Home » News » Politics", "navigation"),
    ("Skip to content", "navigation"),
    ("Menu", "navigation"),
    ("Login / Register", "navigation"),
    ("Next »", "navigation"),
    ("Back to top ↑", "navigation"),
    ("Startseite", "navigation"),
    ("Zum Inhalt springen", "navigation"),
    ("Page 2 of 5", "navigation"),
    ("Image copyright AFP", "attribution"),
    ("Photo: Reuters", "attribution"),
    ("Foto: dpa", "attribution"),
    ("Getty Images", "attribution"),
    ("Quelle: dpa", "attribution"),
    ("Copyright: Reuters", "attribution"),
    ("View the original article", "metadata"),
    ("Posted on March 3, 2020 by admin", "metadata"),
    ("By Jane Doe", "metadata"),
    ("By Jane Doe and John Smith, Reuters", "metadata"),
    ("By Jane Doe, March 3, 2020", "metadata"),
    ("Von Max Mustermann", "metadata"),
    ("Tags: politics, economy", "metadata"),
    ("Filed under: Technology", "metadata"),
    ("Kategorie: News", "metadata"),
    ("Updated: 5 March 2021 10:32", "metadata"),
    ("Nov 18, 2019 at 9:24 pm ET • 2 min read", "metadata"),
    ("Add to cart", "other"),
    ("Loading...", "other"),
    # negatives: article sentences that open with a furniture word
    ("Home prices rose 5% last year, the report said.", None),
    ("Share prices fell sharply after the announcement on Monday.", None),
    ("Read the instructions carefully before you start.", None),
    ("Search engines changed how people find news.", None),
    ("Next year the council will vote on the plan again.", None),
    ("By 2030 the city wants to plant a million trees.", None),
    ("By Monday, the company had recalled every unit.", None),
    ("Published in 2015, the book became an instant bestseller.", None),
    ("Comments from the minister drew sharp criticism.", None),
    ("Tweets by the president moved markets again on Friday.", None),
    ("Home is where the heart is, as the old saying goes.", None),
    ("Startseite und Suchfunktion wurden komplett überarbeitet, heißt es.", None),
    ("Werbung für Zigaretten ist in Deutschland weitgehend verboten.", None),
    ("Related research suggests the effect is small.", None),
    ("Reuters reported that the deal was close to completion on Tuesday.", None),
    ("Copyright infringement claims rose sharply last year, according to a report "
     "published by the trade body on Tuesday.", None),
    ("Cookies are small text files that websites store on your computer, and they "
     "have been around since the early days of the web.", None),
    ("Subscribers will get the new feature first, the company said.", None),
    ("Le puede interesar: JEP abrirá tres nuevos macrocasos", "related"),
    ("Dowiedz się więcej: Kto jak głosował?", "related"),
    ("Puedes ver el video completo en nuestra web.", None),
    # languages beyond the first eight (session 11)
    ("Читайте также: Правительство утвердило новый бюджет", "related"),
    ("Материалы по теме", "related"),
    ("Оставить комментарий", "comments"),
    ("Baca juga: Jokowi resmikan jalan tol baru", "related"),
    ("Tinggalkan Balasan", "comments"),
    ("Lue myös: Hallitus esittää uutta lakia", "related"),
    ("Tämä sivusto käyttää evästeitä parantaakseen käyttökokemusta. Lue lisää.", "cookie"),
    ("Läs också: Regeringen föreslår ny lag", "related"),
    ("Minden jog fenntartva. © 2021 Index.hu", "legal"),
    ("Tüm hakları saklıdır.", "legal"),
    ("Čtěte také: Vláda schválila rozpočet", "related"),
    ("Citește și: Guvernul a aprobat bugetul", "related"),
    ("Del", None),  # Spanish "del" on its own line (an HTML <del> rendered as text)
    ("Читайте также статью о том, как правительство утвердило новый бюджет страны на "
     "следующий год и что это значит для жителей", None),
]


@pytest.mark.parametrize(
    ("text", "kind"), FURNITURE_CASES, ids=[t[:40] for t, _ in FURNITURE_CASES]
)
def test_match_furniture(text: str, kind: str | None) -> None:
    found = match_furniture(text)
    assert (found[0] if found else None) == kind, found


def test_match_returns_listed_phrase() -> None:
    assert match_furniture("SHARE THIS:") == ("share", "Share this:")
    assert match_furniture("» Read more") == ("related", "Read more")
    assert match_furniture("Kommentare (12)") == ("comments", "Kommentare")
    assert match_furniture("") is None


def test_long_blocks_only_match_cookie_and_legal() -> None:
    long_nav = "Home " + "word " * 20
    assert match_furniture(long_nav.strip()) is None
    long_notice = "We use cookies to personalise content and ads. " * 3
    assert match_furniture(long_notice.strip()) == ("cookie", "We use cookies")


def test_vocabularies_cover_kinds() -> None:
    kinds = {k.value for k in Kind}
    assert set(FURNITURE_PHRASES) <= kinds
    assert set(FURNITURE_PATTERNS) <= kinds
    assert set(FURNITURE_PRECEDENCE) == set(FURNITURE_PHRASES)
    for kind, phrases in FURNITURE_PHRASES.items():
        assert len(phrases) >= 30, kind
        assert all(p == p.strip() and p for p in phrases), kind


@pytest.mark.parametrize("kind", FURNITURE_PRECEDENCE)
def test_furniture_pattern_compiled_once(kind: str) -> None:
    pattern = furniture_pattern(kind)
    assert isinstance(pattern, re.Pattern)
    assert furniture_pattern(kind) is pattern


def test_unknown_kind_raises() -> None:
    with pytest.raises(KeyError):
        furniture_pattern("nonsense")


# --- captions and credits ----------------------------------------------------------------

CREDIT_CASES = [
    ("Image copyright AFP", "", "AFP"),
    ("Photo: Reuters", "", "Reuters"),
    ("Foto: dpa", "", "dpa"),
    ("(Photo by John Smith/Getty Images)", "", "John Smith/Getty Images"),
    ("Flood waters in the town. (Photo by John Smith/Getty Images)",
     "Flood waters in the town.", "John Smith/Getty Images"),
    ("Credit: NASA/JPL-Caltech", "", "NASA/JPL-Caltech"),
    ("© Jane Doe", "", "Jane Doe"),
    ("Bild: Keystone", "", "Keystone"),
    ("Image caption Troops in Kabul", "Troops in Kabul", None),
    ("Image copyright Getty Images Image caption Troops in Kabul", "Troops in Kabul",
     "Getty Images"),
    ("Protesters gathered on Sunday. Photo: Reuters", "Protesters gathered on Sunday.",
     "Reuters"),
    ("The harbour at dawn Image copyright Getty Images", "The harbour at dawn",
     "Getty Images"),
    ("Smoke rises over the city. AFP via Getty Images", "Smoke rises over the city.",
     "AFP via Getty Images"),
    ("Ein Polizist vor dem Gebäude. Foto: dpa/Bernd Weißbrod",
     "Ein Polizist vor dem Gebäude.", "dpa/Bernd Weißbrod"),
    ("Le président à Paris. © AFP", "Le président à Paris.", "AFP"),
    ("Crédit photo : Jean Dupont", "", "Jean Dupont"),
    ("Police at the scene (AP Photo/Matt Rourke)", "Police at the scene",
     "AP Photo/Matt Rourke"),
    ("Die Kanzlerin in Berlin (Bild: Keystone)", "Die Kanzlerin in Berlin", "Keystone"),
    ("Trump spoke in Louisiana. Credit... Doug Mills/The New York Times",
     "Trump spoke in Louisiana.", "Doug Mills/The New York Times"),
    ("Foto: © Burkard Meyer", "", "Burkard Meyer"),
    ("Foto: Jure Makovec (OC Ljubno)", "", "Jure Makovec (OC Ljubno)"),
    ("Getty Images", "", "Getty Images"),
    ("Image copyright", "", None),
    ("Media captionDrone footage shows mass burials", "Drone footage shows mass burials", None),
    # a photographer's credit glued to the caption's last stop (NBC pages, their renderings)
    ("Pilates is the most-booked workout in 2024.Mikolette / Getty Images",
     "Pilates is the most-booked workout in 2024.", "Mikolette / Getty Images"),
    ("Rep. Ilhan Omar speaks at the Capitol on July 25, 2019.J. Scott Applewhite / AP file",
     "Rep. Ilhan Omar speaks at the Capitol on July 25, 2019.", "J. Scott Applewhite / AP file"),
    ("The U.S.Reuters office", "The U.S.Reuters office", None),
    # ... also after a caption short enough to pass for the name: the name starts at the
    # glued stop, not at the line's start; initials stay in the name
    ("Troops in Kabul.John Smith / Reuters", "Troops in Kabul.", "John Smith / Reuters"),
    ("Un soldat à Kaboul.Jean Dupont / AFP", "Un soldat à Kaboul.", "Jean Dupont / AFP"),
    ("J.R. Smith / Reuters", "", "J.R. Smith / Reuters"),
    ("A.Smith / AFP", "", "A.Smith / AFP"),
    # a free picture's credit
    ("Angus Barbieri mając 27 lat /domena publiczna", "Angus Barbieri mając 27 lat",
     "domena publiczna"),
    ("Surviving Herero after flight through desert (public domain)",
     "Surviving Herero after flight through desert", "public domain"),
    ("The text passed into the public domain in 1950.",
     "The text passed into the public domain in 1950.", None),
    # negatives: no credit in ordinary text
    ("Image captioned by the author", "Image captioned by the author", None),
    ("A photo by the river at dusk", "A photo by the river at dusk", None),
    ("Copyright laws changed in 2019.", "Copyright laws changed in 2019.", None),
    ("Marchers (left) in London", "Marchers (left) in London", None),
]


@pytest.mark.parametrize(
    ("line", "caption", "credit"), CREDIT_CASES, ids=[c[0][:40] for c in CREDIT_CASES]
)
def test_split_credit(line: str, caption: str, credit: str | None) -> None:
    assert split_credit(line) == (caption, credit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Image caption", True),
        ("Media caption", True),
        ("Image copyright", True),
        ("Photo:", True),
        ("Bildunterschrift:", True),
        ("Reuters", False),
        ("Getty Images", False),
        ("Photo: Reuters", False),
        ("", False),
    ],
)
def test_is_caption_marker(text: str, expected: bool) -> None:
    assert is_caption_marker(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Image caption", True), ("Media caption", True), ("Caption:", True),
     ("Bildunterschrift:", True), ("Image copyright", False), ("Photo:", False),
     ("Image caption Troops in Kabul", False), ("", False)],
)
def test_is_caption_label(text: str, expected: bool) -> None:
    """A caption's label alone, not a credit's: the line after it is the caption."""
    assert is_caption_label(text) is expected


def test_glued_marker_still_splits() -> None:
    line = "He spoke in 2018.Image copyright AFP"
    assert [m.start() for m in GLUED_MARKER.finditer(line)] == [line.index("Image")]


# --- prefilters: the cheap tests in front of the regexes must not change any result ------

_ALL_CHARS = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
_VOCABULARY = [
    *(p for phrases in FURNITURE_PHRASES.values() for p in phrases),
    *lexicon.CAPTION_MARKERS, *lexicon.CAPTION_TEXT_MARKERS, *lexicon.CREDIT_MARKERS,
    *lexicon.PICTURE_AGENCIES, *lexicon.DISTINCTIVE_AGENCIES,
    *(p for patterns in FURNITURE_PATTERNS.values() for p in patterns),
]


def test_fold_keeps_length_and_word_characters() -> None:
    folded = lexicon._fold(_ALL_CHARS)
    assert len(folded) == len(_ALL_CHARS)
    spans = [m.span() for m in lexicon._WORD.finditer(_ALL_CHARS)]
    assert spans == [m.span() for m in lexicon._WORD.finditer(folded)]


def test_fold_agrees_with_ignorecase_on_the_vocabulary() -> None:
    """Two characters fold alike when re.IGNORECASE matches one to the other, and
    neither is a word character without the other (so first words line up)."""
    chars = sorted(set("".join(_VOCABULARY)))
    twins = re.compile("[" + "".join(re.escape(c) for c in chars) + "]", re.IGNORECASE)
    alike = {c: re.compile(re.escape(c), re.IGNORECASE) for c in chars}
    for twin in {m.group() for m in twins.finditer(_ALL_CHARS)}:
        for char in chars:
            if alike[char].fullmatch(twin):
                assert lexicon._fold(twin) == lexicon._fold(char), (twin, char)
                assert bool(re.match(r"\w", twin)) == bool(re.match(r"\w", char)), (twin, char)


def test_pattern_gates_in_step_with_patterns() -> None:
    assert set(lexicon._PATTERN_GATES) == set(FURNITURE_PATTERNS)
    for kind, patterns in FURNITURE_PATTERNS.items():
        assert len(lexicon._PATTERN_GATES[kind]) == len(patterns), kind


def _reference_furniture(text: str) -> tuple[str, str] | None:
    """match_furniture as the plain regexes give it, without prefilters."""
    text = text.strip()
    if not text:
        return None
    short = len(text.split()) <= lexicon.MAX_FURNITURE_WORDS
    best: tuple[int, str, str] | None = None
    for kind in FURNITURE_PRECEDENCE:
        pattern = furniture_pattern(kind) if short else lexicon._long_pattern(kind)
        match = pattern.match(text)
        if match is None:
            continue
        lookup = lexicon._phrase_lookup(kind)
        matched = match.group("phrase")
        found = lexicon._prefix_pattern(lookup.ordered).match(matched)
        phrase = matched.strip()
        if found is not None:
            end = found.end()
            if end == len(matched) or not (matched[end].isalnum()
                                           and found.group()[-1:].isalnum()):
                phrase = lookup.listed.get(lexicon._normal(found.group()), found.group())
        if best is None or len(phrase) > best[0]:
            best = (len(phrase), kind, phrase)
    return None if best is None else (best[1], best[2])


def _reference_split_credit(text: str) -> tuple[str, str | None]:
    texts: list[str] = []
    credits: list[str] = []
    for piece in lexicon._CAPTION_TEXT_MARKER.split(text):
        if piece.strip():
            caption, credit = lexicon._split_one(piece.strip())
            texts += [caption] * bool(caption)
            credits += [credit] * bool(credit)
    return " ".join(texts), ("; ".join(credits) if credits else None)


_LEADS = ["", "• ", "» ", "(", "( ", "© ", "“", "[", " (", "-- ", "12 "]
_TAILS = ["", ".", "?", " (12)", " »", ": more", " | Section", "2", "_x", "s", "-Mail", "…",
          " and then a sentence that runs on well past the twelve words a short block has"]


def _variants(literal: str, seed: int = 0) -> list[str]:
    """The literal as is, and in a few of many spellings, leads and tails (which ones
    turns with ``seed``, so that a vocabulary covers them all)."""
    core = literal.removesuffix("…")
    forms = [core.upper(), core.lower(), core.replace(" ", "\n  "), core.replace("i", "\u0131"),
             core.replace("s", "\u017f"), core.replace("I", "\u0130"), core.replace("k", "\u212a")]
    picks = [(forms[(seed + i) % len(forms)], _LEADS[(seed + 3 * i) % len(_LEADS)],
              _TAILS[(seed + 5 * i) % len(_TAILS)]) for i in range(3)]
    return [core, *(lead + form + tail for form, lead, tail in picks)]


_SHAPES = [text for text, _ in FURNITURE_CASES] + [line for line, _, _ in CREDIT_CASES] + [
    "3 Antworten auf „Titel“", "2 thoughts on “Hello”", "@jane says:", "Reply to Jane",
    "120 shares", "Par Jean Dupont | Le 3 mars", "Date12.03.2021", "Stand:12.03.2021",
    "Lesezeit5 Minuten", "Mittwoch, 3. März 2021, 10:32 Uhr", "3rd March 2020", "2020-03-03",
    "Seite 1 von 3", "Startseite > Sport", "(c) 2020 Foo", "Copyright2020 Bar", "©2020",
    "• © 2024 Acme. All rights reserved.", "x" * 140 + " All rights reserved",
    "John Smith/AFP via Getty Images", "Jane Doe via Reuters", "Copied2", "$12.99", "",
]


@pytest.mark.parametrize("kind", FURNITURE_PRECEDENCE)
def test_match_furniture_same_as_plain_regexes(kind: str) -> None:
    for seed, phrase in enumerate(FURNITURE_PHRASES[kind]):
        for text in _variants(phrase, seed):
            assert match_furniture(text) == _reference_furniture(text), text


def test_patterns_same_as_plain_regexes() -> None:
    for seed, shape in enumerate(_SHAPES * 4):
        for text in _variants(shape, seed):
            assert match_furniture(text) == _reference_furniture(text), text


def test_credits_and_markers_same_as_plain_regexes() -> None:
    markers = [*lexicon.CAPTION_MARKERS, *lexicon.CAPTION_TEXT_MARKERS,
               *lexicon.CREDIT_MARKERS, *lexicon.PICTURE_AGENCIES,
               *lexicon.DISTINCTIVE_AGENCIES]
    lines = [f"{lead}{marker}{tail}" for marker in markers
             for lead in ("", "Floods in Kerala. ", "(", "Troops / ")
             for tail in ("", " Reuters", ")", ": Jane Doe/AFP")]
    for seed, text in enumerate([*lines, *_SHAPES]):
        for variant in _variants(text, seed):
            assert split_credit(variant) == _reference_split_credit(variant), variant
            assert is_caption_marker(variant) is bool(
                variant and lexicon._BARE_MARKER.match(variant)), variant


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(
    ["Home", "Share", "this:", "©", "2020", "12", "March", "By", "Jane", "Doe", "/", "AFP",
     "via", "Getty", "Images", "Photo:", "All", "rights", "reserved", "(c)", "•", "(", ")",
     "Comments", "says:", "Image", "caption", "\u0131", "\u017f", "\u0130", "read", "…",
     "Copyright", "Tags:", ">", "|", "Reply", "to", "min", "Lesezeit:", "—", "\n"]),
    max_size=16))
def test_random_blocks_same_as_plain_regexes(words: list[str]) -> None:
    for text in (" ".join(words), "".join(words)):
        assert match_furniture(text) == _reference_furniture(text)
        assert split_credit(text) == _reference_split_credit(text)
        assert is_caption_marker(text) is bool(text and lexicon._BARE_MARKER.match(text))

# --- long leads ----------------------------------------------------------------------------

_LEAD_PIECES = ["- ", "• ", " ", "-", "( ", "(", "» ", "| ", "…", "\u00a0", " (", "*", "→ ", "\t"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_LEAD_PIECES), min_size=30, max_size=120),
       st.sampled_from(_SHAPES + ["x" * 20 + " All rights reserved", "(Copyright) 2020",
                                  "© Copyright Foo", "Jane Doe says:", "x via AFP"]),
       st.sampled_from(["", " x", ".", " ©", " (c) 2020", "-"]))
def test_long_leads_same_as_plain_regexes(lead: list[str], shape: str, tail: str) -> None:
    # a lead with more than MAX_LEAD_ENDS_TRIED places to end is searched, not tried
    text = "".join(lead) + shape + tail
    assert match_furniture(text) == _reference_furniture(text), text


def test_long_lead_is_searched_in_linear_time() -> None:
    # Tried place by place, a 1 MB lead before a notice took about 13 s: each place ran
    # the notice regex over up to 150 characters.
    for tail in ("All rights reserved", "© 2024 Acme", "Jane says:", "x/AFP"):
        text = "- " * 500_000 + tail
        start = time.perf_counter()
        match_furniture(text)
        assert time.perf_counter() - start < 5.0, tail


# --- language ----------------------------------------------------------------------------

LANGUAGE_CASES = [
    ("en", "The government said on Monday that it would raise taxes for the first time."),
    ("de", "Die Regierung hat am Montag angekündigt, dass die Steuern steigen werden."),
    ("fr", "Le gouvernement a annoncé lundi que les impôts augmenteront cette année."),
    ("es", "El gobierno anunció el lunes que los impuestos subirán por primera vez."),
    ("pl", "Rząd zapowiedział w poniedziałek, że podatki wzrosną po raz pierwszy."),
    ("pt", "O governo anunciou na segunda-feira que os impostos vão subir este ano."),
    ("it", "Il governo ha annunciato lunedì che le tasse aumenteranno per la prima volta."),
    ("ru", "Правительство заявило в понедельник, что налоги вырастут впервые за десять лет."),
    ("zh", "政府周一表示，这是十年来第一次提高税收。"),
    ("ja", "政府は月曜日に、十年ぶりに税金を引き上げると発表した。"),
    ("ko", "정부는 월요일에 10년 만에 처음으로 세금을 인상한다고 발표했다."),
    ("nl", "De regering heeft maandag aangekondigd dat de belastingen omhoog gaan."),
]


@pytest.mark.parametrize(("lang", "sentence"), LANGUAGE_CASES, ids=[c[0] for c in LANGUAGE_CASES])
def test_detect_language(lang: str, sentence: str) -> None:
    # the words as ``features.page_language`` passes them
    assert detect_language(re.findall(r"\w+", sentence.lower())) == lang


@pytest.mark.parametrize(
    "tokens", [[], ["berlin", "münchen", "hamburg"], ["iphone", "15", "pro", "max"]],
    ids=["empty", "places", "product"],
)
def test_detect_language_needs_evidence(tokens: list[str]) -> None:
    assert detect_language(tokens) is None


def test_stopword_share() -> None:
    tokens = "the cat sat on the mat".split()
    assert stopword_share(tokens, "en") == pytest.approx(3 / 6)
    assert stopword_share(tokens, "xx") == 0.0
    assert stopword_share([], "en") == 0.0
    assert 0.2 < stopword_share(["政府周一表示，这是十年来第一次提高税收。"], "zh") < 0.8



def test_compile_patterns_compiles_every_alternative_a_block_can_reach() -> None:
    count = lexicon.compile_patterns()
    assert count > 1000
    compiled = lexicon._alternatives_pattern.cache_info()
    for line in ["Share this article on Facebook", "Leave a comment", "© 2024 Example Ltd.",
                 "Sign up for our newsletter", "Read more: the best of the week",
                 "This site uses Akismet to reduce spam.", "Image copyright AFP",
                 "Posted 3 hours ago", "12 comments", "Cookies help us deliver our services"]:
        lexicon.match_furniture(line)
    assert lexicon._alternatives_pattern.cache_info().misses == compiled.misses


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("Read more: Floods in Kerala", "Read more", True),
    ("[ Read more: A guide to accounting ]", "Read more", True),
    ("Leia mais: Enchentes em Kerala", "Leia mais:…", True),
    ("Read More » Apple unveils a new iPhone", "Read More »", True),  # ends in a separator
    ("Read more", "Read more", False),  # the phrase alone labels nothing
    ("You can read more: the council publishes it all.", "Read more", False),
])
def test_labels_text(text: str, phrase: str, expected: bool) -> None:
    from cleaner.lexicon import labels_text

    assert labels_text(text, phrase) is expected


@pytest.mark.parametrize(("text", "expected"), [
    # too long for match_furniture (over 12 words), still a labelled link
    ("Dowiedz się więcej: Kto jak głosował ws. unijnych funduszy? Jeden z polityków Ziobry "
     "wyłamał się", True),
    ("[ Read more: Starting a Business? How to Set Up Your Accounting Right From Day One ]",
     True),
    ("Weiterlesen » Korallensterben stoppen – 10 Dinge, die jeder zum Erhalt tun kann", True),
    ("LEE MÁS | Kenji Fujimori: exministro niega que haya negociado obras", True),
    ("Read more", False),  # the label alone
    ("Read more about the council and its plans for the new harbour wall this winter", False),
    ("Next up: blueprints. No, not the kind architects use, but wireframes: rough sketches "
     "that map out where the headlines, buttons and images will sit on a page", False),
    ("The river rose four metres overnight: read more in our live blog", False),
])
def test_labelled_link(text: str, expected: bool) -> None:
    assert lexicon.labelled_link(text) is expected
