"""Language guess from stopword hits, and the stopword share of a piece of text.

This module owns the cheap language signal the classifier and ``metadata["language"]`` use:
one pass over the tokens with dict lookups into the packaged stoplists
(``lexicon.stopwords``), plus a script check for Chinese, Japanese and Korean, whose text
has no spaces between words (or glues particles onto words) and is measured per
character. It does not tokenize (callers pass tokens: lower-case ``\\w+`` words for
``detect_language``, e.g. ``text.split()`` for ``stopword_share``) and makes no decision
about blocks; thresholds are module constants, documented where set.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from .lexicon import CHARACTER_LANGUAGES, stopwords

#: At least this many stopword hits for the best language before we name it: one hit
#: ("a", "de") says nothing, two in a short sentence usually do.
MIN_STOPWORD_HITS = 2
#: ...and at least this share of the tokens must be its stopwords (running prose sits at
#: 0.3-0.6, Finnish and other agglutinative languages lower; navigation and product names
#: near 0). Tuned on the dev gold bodies against their ``lang`` tags: 0.15 agreed on
#: 2057/2132 pages, 0.10 on 2077/2132, 0.08 on 2079/2132 with more wrong calls.
MIN_STOPWORD_SHARE = 0.1
#: CJK characters must make up at least this share of the letters to call zh/ja/ko.
MIN_CJK_SHARE = 0.3
#: Kana among the CJK characters above this share means Japanese (Chinese has none,
#: Japanese prose rarely falls below ~30%).
MIN_KANA_SHARE = 0.1

_STRIP = "\"'«»„“”‘’‚‹›()[]{}<>.,;:!?¡¿…-–—/\\|*#"


@cache
def _word_languages() -> dict[str, tuple[str, ...]]:
    """Stopword -> the languages (with word stoplists) that list it."""
    index: dict[str, list[str]] = {}
    for lang, words in stopwords().items():
        if lang in CHARACTER_LANGUAGES:
            continue
        for word in words:
            index.setdefault(word, []).append(lang)
    return {word: tuple(langs) for word, langs in index.items()}


def _script(ch: str) -> str | None:
    """'han', 'kana' or 'hangul' for a CJK character, else None."""
    code = ord(ch)
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return "han"
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9D:
        return "kana"
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    return None


def detect_language(tokens: list[str]) -> str | None:
    """The ISO 639-1 code of the best-supported language, or None if the evidence is thin.

    ``tokens``: lower-case words, as ``\\w+`` finds them in lower-cased text (no edge
    punctuation to strip). One pass: each token is looked up in the stopword index; a hit
    counts 1 for the language's hit count and ``1/n`` towards its score, where ``n`` is how
    many languages list the word (so "de" weighs little, "und" a lot). Non-ASCII tokens are
    also scanned for CJK scripts; text that is mostly CJK is called by script (kana -> ja,
    hangul -> ko, han only -> zh).
    """
    if not tokens:
        return None
    index = _word_languages()
    hits: Counter[str] = Counter()
    score: dict[str, float] = {}
    letters = han = kana = hangul = 0
    # Each distinct token once, weighted by how often it occurs (pages repeat their words).
    for token, count in Counter(tokens).items():
        if not token.isascii():
            for ch in token:
                if ch.isalpha():
                    letters += count
                    script = _script(ch)
                    if script == "han":
                        han += count
                    elif script == "kana":
                        kana += count
                    elif script == "hangul":
                        hangul += count
        else:
            letters += count * (len(token) if token.isalpha() else sum(map(str.isalpha, token)))
        langs = index.get(token)
        if langs:
            weight = count / len(langs)
            for lang in langs:
                hits[lang] += count
                score[lang] = score.get(lang, 0.0) + weight
    cjk = han + kana + hangul
    if letters and cjk >= MIN_CJK_SHARE * letters:
        if hangul >= han + kana:
            return "ko"
        return "ja" if kana >= MIN_KANA_SHARE * cjk else "zh"
    if not score:
        return None
    best = max(score, key=lambda lang: (score[lang], hits[lang]))
    if hits[best] < MIN_STOPWORD_HITS or hits[best] < MIN_STOPWORD_SHARE * len(tokens):
        return None
    return best


def stopword_share(tokens: list[str], lang: str) -> float:
    """Share of ``tokens`` that are stopwords of ``lang`` (0.0 for an unknown language).

    For zh/ja/ko (``CHARACTER_LANGUAGES``) the share is per character: stoplist
    characters over CJK characters, since those tokens are whole phrases or sentences.
    """
    words = stopwords().get(lang)
    if not words or not tokens:
        return 0.0
    if lang in CHARACTER_LANGUAGES:
        total = hits = 0
        for token in tokens:
            for ch in token:
                if _script(ch) is not None:
                    total += 1
                    hits += ch in words
        return hits / total if total else 0.0
    return sum(token.lower().strip(_STRIP) in words for token in tokens) / len(tokens)
