"""Captions and credits: turn labelled caption/credit blocks into ``Caption`` records.

Owns grouping each run of caption, credit and alt-text blocks into captions, stripping
markers ("Image caption") and splitting credits off ("Image copyright AFP" -> credit "AFP").
It does not decide which blocks are captions; ``classify`` does.
"""

from __future__ import annotations

from collections.abc import Sequence

from .document import Block, Caption, Label
from .lexicon import split_credit

_CAPTION_LABELS = (Label.CAPTION, Label.CREDIT)


def collect_captions(blocks: Sequence[Block]) -> list[Caption]:
    captions: list[Caption] = []
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and block.label in _CAPTION_LABELS:
            run.append(block)
            continue
        if run:
            captions.extend(_captions_of_run(run))
            run = []
    return captions


def _captions_of_run(run: Sequence[Block]) -> list[Caption]:
    """A run such as [alt text, credit, caption] or [caption, credit, caption, credit].

    A caption block that holds only a credit (an HTML figure captioned "Photo: AFP") gives
    a caption with empty ``text`` and that credit."""
    out: list[Caption] = []
    text: str | None = None
    credit: str | None = None
    alt: str | None = None
    pending_credit: str | None = None

    def flush() -> None:
        nonlocal text, credit, alt
        if text or alt or credit:
            out.append(Caption(text=text or alt or "", credit=credit,
                               alt=alt if text else None))
        text = credit = alt = None

    for block in run:
        body, found_credit = split_credit(block.text)
        if block.label is Label.CREDIT:
            found_credit = found_credit or body
            if text and credit is None:
                credit = found_credit
            else:
                if text or alt and credit is not None:
                    flush()
                pending_credit = found_credit
            continue
        if block.reason == "alt-text":
            if text:
                flush()
            alt = body
            continue
        if text:
            flush()
        text = body
        credit = found_credit or pending_credit
        pending_credit = None
    if pending_credit and not (text or alt) and out and out[-1].credit is None:
        last = out.pop()
        out.append(Caption(text=last.text, credit=pending_credit, alt=last.alt))
    elif pending_credit and (text or alt) and credit is None:
        credit = pending_credit
    flush()
    return out
