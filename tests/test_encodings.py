"""Bytes in any common encoding come out as the right text, or with visible U+FFFD marks.

Each case encodes a few lines of real-looking prose and checks that ``Document.source``
(the decoded input) holds every line exactly; mojibake in the text is repaired in the
blocks (ftfy), and a ``<meta charset>`` never makes the HTML reader decode a second time.
"""

from __future__ import annotations

import codecs

import pytest

import cleaner
from cleaner import Config

SAMPLES = {
    "en": ("Council approves new cycle lanes for the city centre\n"
           "The city council voted on Tuesday to build four new protected cycle lanes through "
           "the centre, after two years of consultation with residents and shop owners.\n"
           "Work is expected to begin in the spring and to last about eighteen months, the "
           "council said in a statement published after the vote.\n"),
    "fr": ("Le conseil municipal approuve de nouvelles pistes cyclables\n"
           "Les élus ont voté mardi soir pour la création de quatre pistes cyclables protégées "
           "dans le centre-ville, après deux années de concertation avec les riverains.\n"
           "Les travaux débuteront au printemps et dureront environ dix-huit mois, a précisé "
           "la mairie dans un communiqué publié après le vote.\n"),
    "de": ("Stadtrat beschließt neue Radwege für die Innenstadt\n"
           "Der Stadtrat hat am Dienstag beschlossen, vier neue geschützte Radwege durch die "
           "Innenstadt zu bauen. Zuvor waren Anwohner und Geschäftsleute zwei Jahre lang "
           "befragt worden.\n"
           "Die Arbeiten sollen im Frühjahr beginnen und etwa achtzehn Monate dauern, teilte "
           "die Behörde in einer Erklärung mit.\n"),
    "es": ("El ayuntamiento aprueba nuevos carriles bici en el centro\n"
           "Los concejales votaron el martes a favor de construir cuatro carriles bici "
           "protegidos en el centro, tras dos años de consultas con vecinos y comerciantes.\n"
           "Las obras comenzarán en primavera y durarán unos dieciocho meses, según informó "
           "el consistorio en un comunicado.\n"),
    "pl": ("Rada miasta zatwierdziła nowe drogi rowerowe w centrum\n"
           "Radni zagłosowali we wtorek za budową czterech nowych, chronionych dróg rowerowych "
           "przez centrum miasta, po dwóch latach konsultacji z mieszkańcami i właścicielami "
           "sklepów.\n"
           "Prace mają się rozpocząć wiosną i potrwać około osiemnastu miesięcy, poinformował "
           "urząd w oświadczeniu.\n"),
    "cs": ("Zastupitelé schválili nové cyklostezky v centru města\n"
           "Městští zastupitelé v úterý odhlasovali výstavbu čtyř nových chráněných "
           "cyklostezek přes centrum, po dvou letech jednání s obyvateli a majiteli obchodů.\n"
           "Práce by měly začít na jaře a potrvat přibližně osmnáct měsíců, uvedl úřad.\n"),
    "zh": ("市议会批准在市中心修建新的自行车道\n"
           "市议会星期二投票决定，在市中心修建四条新的受保护自行车道。此前，市政府与居民和商户进行了"
           "两年的协商。\n"
           "工程预计将于明年春天开工，工期约为十八个月。市政府在投票后发表的声明中说，新车道将使骑车"
           "出行更加安全。\n"),
    "ja": ("市議会、中心部に新しい自転車レーンを承認\n"
           "市議会は火曜日、住民や商店主との二年間にわたる協議を経て、中心部に保護された自転車レーン"
           "を四本新設することを可決した。\n"
           "工事は春に始まり、約十八か月続く見通しだと市は投票後に発表した声明で明らかにした。\n"),
    "it": ("Il consiglio comunale approva nuove piste ciclabili in centro\n"
           "Il consiglio comunale ha approvato martedì la costruzione di quattro nuove piste "
           "ciclabili protette nel centro, dopo due anni di consultazioni con i residenti.\n"
           "I lavori inizieranno in primavera e dureranno circa diciotto mesi, ha precisato "
           "il comune. Perché è così importante? Più sicurezza per chi va in bici.\n"),
    "sv": ("Kommunen bygger nya cykelbanor i centrum\n"
           "Kommunfullmäktige röstade på tisdagen för att bygga fyra nya skyddade cykelbanor "
           "genom centrum, efter två års samråd med boende och butiksägare.\n"
           "Arbetet väntas börja till våren och pågå i ungefär arton månader.\n"),
    "fi": ("Kaupunki rakentaa uusia pyöräteitä keskustaan\n"
           "Kaupunginvaltuusto päätti tiistaina rakentaa neljä uutta suojattua pyörätietä "
           "keskustan läpi kahden vuoden neuvottelujen jälkeen.\n"
           "Työt alkavat keväällä ja kestävät noin kahdeksantoista kuukautta.\n"),
    "hu": ("Új kerékpárutak épülnek a belvárosban\n"
           "A fővárosi közgyűlés kedden megszavazta, hogy négy új, védett kerékpárút épüljön "
           "a belvárosban, miután két évig egyeztettek a lakókkal és a boltosokkal.\n"
           "A munkálatok tavasszal kezdődnek, és nagyjából tizennyolc hónapig tartanak.\n"),
    "tr": ("Belediye şehir merkezinde yeni bisiklet yollarını onayladı\n"
           "Belediye meclisi salı günü şehir merkezinde dört yeni korumalı bisiklet yolu "
           "yapılmasını onayladı. Çalışmaların ilkbaharda başlaması bekleniyor.\n"
           "İşlerin yaklaşık on sekiz ay sürmesi öngörülüyor, belediye açıklamasında söyledi.\n"),
    "ru": ("Городской совет одобрил новые велодорожки в центре\n"
           "Во вторник депутаты проголосовали за строительство четырёх защищённых велодорожек "
           "в центре города после двух лет консультаций с жителями.\n"
           "Работы начнутся весной и продлятся около восемнадцати месяцев, сообщила мэрия.\n"),
}

TEXT = Config(input_format="text")


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


def _html_page(lang: str, head: str) -> str:
    """The sample of ``lang`` as an HTML page, one ``<p>`` per line, after ``head``."""
    return (f"<html><head>{head}</head><body><p>"
            + SAMPLES[lang].replace("\n", "</p><p>") + "</p></body></html>")


def assert_in_source(doc: cleaner.Document, lang: str) -> None:
    for line in _lines(SAMPLES[lang]):
        assert line in doc.source


def assert_decoded(data: bytes, original: str) -> cleaner.Document:
    doc = cleaner.clean(data, TEXT)
    assert "\ufffd" not in doc.source
    for line in _lines(original):
        assert line in doc.source
    assert [b.text for b in doc.blocks] == _lines(original)  # nothing for the fixes to repair
    return doc


@pytest.mark.parametrize(
    ("lang", "encoding"),
    [("en", "utf-8"), ("fr", "utf-8"), ("ja", "utf-8"), ("ru", "utf-8"),
     ("en", "cp1252"), ("fr", "cp1252"), ("de", "cp1252"), ("es", "cp1252"),
     ("fr", "latin-1"), ("de", "latin-1"), ("es", "latin-1"),
     ("it", "cp1252"), ("sv", "cp1252"), ("fi", "cp1252"), ("fi", "latin-1"),
     ("pl", "cp1250"), ("cs", "cp1250"), ("hu", "cp1250"), ("pl", "iso-8859-2"),
     ("tr", "cp1254"),
     ("zh", "gb2312"), ("zh", "gb18030"), ("ja", "shift_jis"), ("ja", "euc-jp"),
     ("ru", "cp1251"), ("ru", "koi8-r")],
)
def test_legacy_and_utf8_bytes_without_a_bom_are_detected(lang: str, encoding: str) -> None:
    assert_decoded(SAMPLES[lang].encode(encoding), SAMPLES[lang])


BOMS = {
    "utf-8-sig": lambda text: text.encode("utf-8-sig"),
    "utf-16-le": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-32-le": lambda text: codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
    "utf-32-be": lambda text: codecs.BOM_UTF32_BE + text.encode("utf-32-be"),
}


@pytest.mark.parametrize("bom", sorted(BOMS))
@pytest.mark.parametrize("lang", ["en", "pl", "zh", "ja"])
def test_unicode_with_a_bom(bom: str, lang: str) -> None:
    doc = assert_decoded(BOMS[bom](SAMPLES[lang]), SAMPLES[lang])
    assert doc.source == SAMPLES[lang]  # the BOM is not part of the text


@pytest.mark.parametrize("lang", ["en", "de"])
def test_utf16_without_a_bom(lang: str) -> None:
    assert_decoded(SAMPLES[lang].encode("utf-16-le"), SAMPLES[lang])


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("lang", ["en", "de", "zh", "ja"])
def test_utf32_without_a_bom(lang: str, encoding: str) -> None:
    text = SAMPLES[lang].rstrip("\n") + "\nA line beyond the BMP: \U0001f600.\n"
    assert_decoded(text.encode(encoding), text)


def test_cesu8_surrogate_pairs_are_the_characters_they_stand_for() -> None:
    """CESU-8 (Java's modified UTF-8) writes a character beyond the BMP as its two UTF-16
    surrogates, three bytes each: they decode to that character, not to six U+FFFD, and
    the rest of the text is not read as cp1252."""
    text = SAMPLES["fr"] + " \U0001f600 fin"
    cesu8 = "".join(
        char.encode("utf-16-be").decode("utf-16-be", "surrogatepass") if ord(char) < 0x10000
        else "".join(chr(0xD800 + ((ord(char) - 0x10000) >> 10))
                     + chr(0xDC00 + ((ord(char) - 0x10000) & 0x3FF)))
        for char in text).encode("utf-8", "surrogatepass")
    assert b"\xed\xa0\xbd\xed\xb8\x80" in cesu8
    doc = cleaner.clean(cesu8, TEXT)
    assert doc.source == text


@pytest.mark.parametrize("lang", ["fr", "de", "pl", "ja", "ru"])
@pytest.mark.parametrize("damage", [b"\xff", b"\xc3", b"\xe9", b"\x80\x81", b"\xed\xa0\x80"],
                         ids=["ff", "lone-lead", "latin1-e-acute", "continuations", "surrogate"])
def test_invalid_utf8_is_marked_not_misread(lang: str, damage: bytes) -> None:
    """UTF-8 with a stray byte stays UTF-8: the bad bytes become U+FFFD, the rest is exact
    (read as any 8-bit code page, every accented letter would turn into mojibake)."""
    first, rest = SAMPLES[lang].split("\n", 1)
    data = first.encode("utf-8") + b" " + damage + b"\n" + rest.encode("utf-8")
    doc = cleaner.clean(data, TEXT)
    assert "\ufffd" in doc.source
    for line in _lines(SAMPLES[lang]):
        assert line in doc.source


def test_declared_charset_is_used() -> None:
    page = _html_page("pl", '<meta charset="windows-1250"><title>Radni</title>')
    assert_in_source(cleaner.clean(page.encode("cp1250")), "pl")


@pytest.mark.parametrize(
    ("lang", "charset", "codec"),
    [("ja", "shift_jis", "shift_jis"), ("zh", "gb2312", "gb2312"),
     ("pl", "iso-8859-2", "iso-8859-2"), ("fr", "iso-8859-1", "latin-1"),
     ("fr", "utf-8", "utf-8"), ("ru", "windows-1251", "cp1251")],
)
def test_html_with_a_meta_charset_is_decoded_once(lang: str, charset: str, codec: str) -> None:
    """The HTML reader gets text, not bytes: a <meta charset> must not decode it again."""
    page = "<!DOCTYPE html>" + _html_page(
        lang, f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        "<title>T</title>")
    for source in (page, page.encode(codec)):
        doc = cleaner.clean(source)
        assert doc.metadata["input_format"] == "html"
        assert_in_source(doc, lang)


@pytest.mark.parametrize("charset", ["undefined", "punycode", "base64", "rot13"])
def test_a_declared_codec_that_is_no_text_encoding_is_passed_over(charset: str) -> None:
    """``codecs.lookup`` knows these names, but decoding with them raises a bare
    ``UnicodeError`` ("undefined") or ``LookupError``: the bytes are read as undeclared."""
    page = _html_page("fr", f'<meta charset="{charset}">')
    assert_in_source(cleaner.clean(page.encode("cp1252")), "fr")


def test_a_utf16_declaration_on_8bit_bytes_is_ignored() -> None:
    page = _html_page("fr", '<meta charset="utf-16">')
    assert_in_source(cleaner.clean(page.encode("cp1252")), "fr")


@pytest.mark.parametrize("lang", ["fr", "de", "es", "pl"])
def test_mojibake_is_repaired_in_the_blocks(lang: str) -> None:
    """UTF-8 that was read as cp1252 upstream ("Ã©" for "é"): the source keeps what was
    given, each block's text is repaired and says so."""
    original = SAMPLES[lang]
    mojibake = original.encode("utf-8").decode("cp1252", errors="replace")
    assert mojibake != original
    for source in (mojibake, mojibake.encode("utf-8")):
        doc = cleaner.clean(source, TEXT)
        assert doc.source == mojibake
        assert [b.text for b in doc.blocks] == _lines(original)
        assert all("encoding" in b.fixes for b in doc.blocks if not b.text.isascii())


def test_mojibake_repair_reaches_the_body() -> None:
    doc = cleaner.clean(SAMPLES["fr"].encode("utf-8").decode("cp1252"))
    assert "Les \u00e9lus ont vot\u00e9 mardi soir pour la cr\u00e9ation" in doc.body
    assert "\u00c3" not in doc.body




#: Characters each of ftfy's fixes (or its NFC step) changes, and some it leaves alone.
_FTFY_CHARACTERS = [chr(c) for c in (
    *range(0x20), *range(0x7f, 0xa0), *range(0x2066, 0x2070), 0xfeff, 0xfff9, 0xfffa,
    0xfffb, 0xfffc, 0xfffd, 0xd83d, 0xdca9, 0x0301, 0x00a0, 0x00ad, 0x2028, 0x0130, 0x3000)]


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_fix_encoding_gives_what_ftfy_gives(lang: str) -> None:
    """``normalize.fix_encoding`` passes text that ftfy would leave unchanged without
    calling it: on clean text, mojibake, and text with each character ftfy's fixes touch
    (controls, C1, surrogates, a combining accent that NFC composes, a terminal escape),
    its answer is ftfy's own. (ASCII text never goes to ftfy: the ``invisible`` fix turns
    its controls into spaces.)"""
    import ftfy

    from cleaner.normalize import fix_encoding

    def ftfy_fix(text: str) -> str:
        return ftfy.fix_text(text, unescape_html=False, fix_line_breaks=False,
                             normalization="NFC", uncurl_quotes=False,
                             fix_latin_ligatures=False, fix_character_width=False)

    line = SAMPLES[lang].splitlines()[1]
    texts = [line, line.encode("utf-8").decode("cp1252", errors="replace"),
             line.encode("utf-8").decode("latin-1"), "\x1b[36mblue\x1b[0m caf\u00e9"]
    texts += [line[:20] + char + line[20:] for char in _FTFY_CHARACTERS]
    texts += ["e" + char + "\u00e9" for char in _FTFY_CHARACTERS]
    texts = [text for text in texts if not text.isascii()]
    for text in texts:
        assert fix_encoding(text) == ftfy_fix(text), repr(text)
    assert sum(fix_encoding(text) != text for text in texts) >= len(_FTFY_CHARACTERS) // 2

def _char_codes(item: tuple) -> tuple[set[int], bool] | None:
    """The code points one item of a parsed regex matches, and whether it may match
    nothing (``x?``); ``None`` when it is not one character of a known set (``\\w``, ``.``,
    a negated set, an anchor: items the claim below does not lean on)."""
    from re import _constants as sre  # type: ignore[attr-defined]

    op, arg = item
    if op is sre.LITERAL:
        return {arg}, False
    if op is sre.IN:
        codes: set[int] = set()
        for kind, value in arg:
            if kind is sre.LITERAL:
                codes.add(value)
            elif kind is sre.RANGE:
                codes.update(range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY
                return None
        return codes, False
    if op is sre.MAX_REPEAT and arg[0] == 0:
        return None if len(arg[2]) != 1 else (set(), True)
    return None


def test_mojibake_prefilter_holds_every_pattern_of_ftfy() -> None:
    """``normalize._MAYBE_MOJIBAKE`` finds something in every text ``ftfy.badness.is_bad``
    calls bad, read off ftfy's pattern itself: each of its alternatives has two adjacent
    characters that can only be non-ASCII, or one that can only be a C1 control, Â, Ã, Œ
    or œ. (An ftfy release that adds a pattern of another shape fails here.)"""
    import re
    from itertools import pairwise

    from ftfy.badness import BADNESS_RE

    from cleaner.normalize import _MAYBE_MOJIBAKE

    special = {*range(0x80, 0xa0), 0xc2, 0xc3, 0x152, 0x153}
    parsed = re._parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)  # type: ignore[attr-defined]
    [(op, (_, alternatives))] = parsed.data
    assert op is re._constants.BRANCH and len(alternatives) > 30  # type: ignore[attr-defined]
    for alternative in alternatives:
        items = [_char_codes(item) for item in alternative]
        non_ascii = [item is not None and not item[1] and min(item[0]) >= 0x80
                     for item in items]
        held = (any(a and b for a, b in pairwise(non_ascii))
                or any(item is not None and not item[1] and item[0] <= special
                       for item in items))
        assert held, alternative
    for code in special:
        assert _MAYBE_MOJIBAKE.search("a" + chr(code) + " ")
    assert _MAYBE_MOJIBAKE.search("\u00e9\u2019") and not _MAYBE_MOJIBAKE.search("caf\u00e9 \u2019")


def test_repaired_text_is_not_repaired_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stable body reads every body block's repaired text a second time: that text is
    its own answer (no fix named), and ftfy does not run on it again."""
    import ftfy

    from cleaner.document import Block
    from cleaner.normalize import normalize_blocks

    original = SAMPLES["de"].splitlines()[0] + " (second look)"
    mojibake = original.encode("utf-8").decode("cp1252")
    [fixed] = normalize_blocks([Block(mojibake, 0, len(mojibake))], TEXT)
    assert (fixed.text, fixed.fixes) == (original, ("encoding",))
    calls = []
    fix_text = ftfy.fix_text
    monkeypatch.setattr(ftfy, "fix_text", lambda *a, **k: calls.append(a) or fix_text(*a, **k))
    again = Block(fixed.text, 0, len(fixed.text))
    assert normalize_blocks([again], TEXT) == [again]
    assert calls == []

@pytest.mark.parametrize(
    "data",
    [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_BE + b"\x00",
     b"\xff\xfe\x00\x00a", b"\x80" * 10, b"<meta charset=base64>\xff\xfe\xfd",
     b"<?xml version='1.0' encoding='rot13'?><p>\xe9t\xe9</p>",
     b"<meta charset='x-no-such-charset'>caf\xe9"],
    ids=["empty", "utf8-bom-only", "utf16-bom-only", "utf32-bom-only", "odd-utf16",
         "utf32-truncated", "c1-bytes", "declared-base64", "declared-rot13", "declared-unknown"],
)
def test_odd_bytes_never_crash(data: bytes) -> None:
    doc = cleaner.clean(data)
    assert isinstance(doc.source, str)
