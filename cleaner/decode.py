"""Bytes -> str: byte-order marks, declared charsets, detection; rejects binary data.

This module owns turning what the user handed us into one Python string, and deciding
whether that string is text at all. It does not change the text beyond decoding.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from .config import Config
from .document import without_surrogates
from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([a-zA-Z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
# ISO-8859-1 as declared on the web means windows-1252, Shift_JIS means windows-31j (cp932),
# EUC-KR means cp949 (WHATWG encoding standard: the supersets browsers decode with).
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                "us-ascii": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030",
                "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932",
                "x-sjis": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949"}
# A page whose bytes are not UTF-8 cannot be UTF-16/32 by its own <meta> either (the
# declaration would be unreadable): WHATWG ignores such declarations, and so do we.
_IGNORED_DECLARATIONS = ("utf_16", "utf_32")
# C0 controls other than tab, LF, VT, FF, CR; plus DEL. A text made of many is binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# The Latin code pages besides the Western ones, and the languages they were made for.
_CENTRAL_EUROPEAN = frozenset({"Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian",
                               "Romanian", "Serbian"})
_BALTIC = frozenset({"Lithuanian", "Latvian", "Estonian"})
_CODE_PAGE_LANGUAGES = {"cp1250": _CENTRAL_EUROPEAN, "iso8859_2": _CENTRAL_EUROPEAN,
                        "iso8859_16": _CENTRAL_EUROPEAN, "cp1257": _BALTIC,
                        "iso8859_13": _BALTIC, "iso8859_4": _BALTIC,
                        "cp1254": frozenset({"Turkish"}), "iso8859_9": frozenset({"Turkish"})}
_WESTERN_CODE_PAGES = ("cp1252", "latin_1", "iso8859_15")
#: Detection candidates whose chaos (charset-normalizer's mess ratio) is at most this much
#: above the best one's are compared by how their text reads. On short pages the right
#: code page scored 0.008-0.034 above a wrong one (Italian, Swedish, Finnish samples).
MAX_CHAOS_MARGIN = 0.05
#: Share of control characters above which a string is treated as binary, not text.
MAX_CONTROL_SHARE = 0.05


def decode_bytes(data: bytes, config: Config) -> str:
    """Decode ``data``: BOM, else strict UTF-8, else UTF-8 with a few bad bytes replaced
    (U+FFFD), else the declared charset, else detection."""
    if config.max_input_chars and len(data) > 4 * config.max_input_chars:
        raise InputError(
            f"input of {len(data):,} bytes is over the limit of {4 * config.max_input_chars:,} "
            f"bytes (4 per character of Config.max_input_chars={config.max_input_chars:,})"
        )
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    sample = data[:65536]
    if sample.count(0) > 0.01 * len(sample):
        # NUL bytes without a BOM: UTF-32 or UTF-16 without BOM, or a binary format.
        unicode = _utf32_without_bom(sample) or _utf16_without_bom(sample)
        if unicode is None:
            raise InputError("input looks like binary data, not text")
        return data.decode(unicode, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # CESU-8 (Java's and some databases' UTF-8: a character beyond the BMP as its two
        # UTF-16 surrogates, each encoded alone) or UTF-8 holding a lone surrogate: the
        # pairs are the characters they stand for, a lone one is U+FFFD
        return without_surrogates(data.decode("utf-8", errors="surrogatepass"))
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    if _mostly_utf8(lenient):
        return lenient
    declared = _declared_charset(data[:4096])
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeError, LookupError):  # UnicodeError: codecs such as "undefined"
            pass
    detected = _detect_charset(data)
    if detected:
        return data.decode(detected, errors="replace")
    return lenient


def _mostly_utf8(lenient: str) -> bool:
    """True when UTF-8 decoding found more valid multi-byte characters than bad bytes.

    Text in a legacy 8-bit encoding almost never forms valid UTF-8 sequences (an accented
    letter followed by an ASCII letter is already invalid), while UTF-8 with a stray byte
    (a truncated or spliced page) is mostly valid: decoding it as anything else would turn
    every correct character into mojibake, whereas UTF-8 marks only the bad bytes (U+FFFD)."""
    bad = lenient.count("\ufffd")
    multibyte = len(lenient) - len(lenient.encode("ascii", "ignore")) - bad
    return multibyte > bad


def _detect_charset(data: bytes) -> str | None:
    """charset-normalizer's best guess; among guesses with nearly as little chaos as the
    best one, the one that puts the fewest symbols between two letters, then one made for
    the language charset-normalizer recognised in it.

    charset-normalizer ranks cp1252 above cp1250 for Polish, decoding "zatwierdziła" as
    "zatwierdzi³a": a digit, currency sign or other symbol inside a word means the wrong
    8-bit code page. Where both readings are letters it may rank cp1250 first for Spanish
    ("años" read as "ańos") and cp1252 for Hungarian ("fő" read as "fõ"): the code page
    meant for the language settles it."""
    from charset_normalizer import from_bytes  # lazy: only for non-UTF-8 input

    results = from_bytes(data)
    best = results.best()
    if best is None or not best.encoding:
        return None
    tied = [best, *(m for m in results if m is not best and m.encoding
                    and m.chaos <= best.chaos + MAX_CHAOS_MARGIN)][:8]
    if len(tied) < 2:
        return str(best.encoding)
    sample = data[:65536]
    ranked = []
    for rank, match in enumerate(tied):
        # the code pages that decode these bytes the same way, one made for the language first
        same = [match.encoding, *match.could_be_from_charset]
        meant = [encoding for encoding in same if _made_for(encoding, match.language)]
        encoding = meant[0] if meant else match.encoding
        symbols = _symbols_in_words(sample.decode(encoding, errors="replace"))
        ranked.append((symbols, not meant, rank, encoding))
    return str(min(ranked)[3])


def _made_for(encoding: str, language: str) -> bool:
    """Whether an 8-bit code page was made for a language (charset-normalizer's names)."""
    if encoding in _CODE_PAGE_LANGUAGES:
        return language in _CODE_PAGE_LANGUAGES[encoding]
    return encoding in _WESTERN_CODE_PAGES and not any(
        language in languages for languages in _CODE_PAGE_LANGUAGES.values())


def _symbols_in_words(text: str) -> int:
    """How many non-ASCII symbols, numbers, controls and odd punctuation ("‰", "¿", "§")
    stand between two letters; quotes, dashes and the middle dot may ("l’homme")."""
    count = 0
    for match in _NON_ASCII.finditer(text):
        ch, at = match.group(), match.start()
        if (0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha()
                and not ch.isalpha()):
            category = unicodedata.category(ch)
            if category[0] in "NSC" or (category == "Po" and ch not in "\u00b7\u2026"):
                count += 1
    return count


def check_text(text: str, config: Config) -> str:
    """Reject strings that are over the size limit or that are binary data in disguise."""
    if config.max_input_chars and len(text) > config.max_input_chars:
        raise InputError(
            f"input of {len(text):,} characters is over the limit of {config.max_input_chars:,} "
            "(Config.max_input_chars)"
        )
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise InputError("input looks like binary data, not text (too many control characters)")
    return text


def _utf32_without_bom(sample: bytes) -> str | None:
    """UTF-32 (LE or BE) without a BOM: the high byte of every 4 is NUL and the next one
    nearly always (planes beyond the BMP are rare), the low byte nearly never, and the
    bytes decode. Binary data that has NUL runs fails one of these."""
    quads = len(sample) // 4
    if not quads:
        return None
    nul = [sample[lane:quads * 4:4].count(0) for lane in range(4)]
    for encoding, high, plane, low in (("utf-32-le", 3, 2, 0), ("utf-32-be", 0, 1, 3)):
        if nul[high] == quads and nul[plane] >= 0.9 * quads and nul[low] < 0.05 * quads:
            try:
                sample[:quads * 4].decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _declared_charset(head: bytes) -> str | None:
    match = _DECLARED.search(head)
    if not match:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    name = _WEB_ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec.replace("-", "_").startswith(_IGNORED_DECLARATIONS) else codec


def decode_input(source: str | bytes, config: Config) -> str:
    """The one entry point: any accepted input -> checked text."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return check_text(decode_bytes(bytes(source), config), config)
    if isinstance(source, str):
        return check_text(source, config)
    raise TypeError(f"clean() takes str or bytes, not {type(source).__name__}")
