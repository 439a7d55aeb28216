"""Bytes -> str: byte-order marks, declared charsets, detection; rejects binary data.

This module owns turning what the user handed us into one Python string, and deciding
whether that string is text at all. It does not change the text beyond decoding.
"""

from __future__ import annotations

import codecs
import re

from .config import Config
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
# ISO-8859-1 as declared on the web means windows-1252 (WHATWG encoding standard).
_WEB_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
                "us-ascii": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030"}
# C0 controls other than tab, LF, VT, FF, CR; plus DEL. A text made of many is binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: Share of control characters above which a string is treated as binary, not text.
MAX_CONTROL_SHARE = 0.05


def decode_bytes(data: bytes, config: Config) -> str:
    """Decode ``data``: BOM, else strict UTF-8, else declared charset, else detection."""
    if config.max_input_chars and len(data) > 4 * config.max_input_chars:
        raise InputError(f"input of {len(data):,} bytes is over the size limit")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    sample = data[:65536]
    if sample.count(0) > 0.01 * len(sample):
        # NUL bytes without a BOM: UTF-16 without BOM, or a binary format.
        utf16 = _utf16_without_bom(sample)
        if utf16 is None:
            raise InputError("input looks like binary data, not text")
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data[:4096])
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes  # lazy: only for non-UTF-8 input

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("utf-8", errors="replace")


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
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_input(source: str | bytes, config: Config) -> str:
    """The one entry point: any accepted input -> checked text."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return check_text(decode_bytes(bytes(source), config), config)
    if isinstance(source, str):
        return check_text(source, config)
    raise TypeError(f"clean() takes str or bytes, not {type(source).__name__}")
