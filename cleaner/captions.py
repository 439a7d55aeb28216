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


def collect_captions(blocks: Sequence[Block]) -> tuple[list[Caption], list[int]]:
    """The page's captions, and the positions of the credit blocks that none of them holds
    (a credit line with no caption next to it, or one of several credits by one caption):
    the caller lists those as furniture of kind attribution, so that no line is lost."""
    captions: list[Caption] = []
    lone: list[int] = []
    run: list[int] = []
    for i, block in enumerate([*blocks, None]):
        if block is not None and block.label in _CAPTION_LABELS:
            run.append(i)
            continue
        if run:
            found, unused = _captions_of_run([blocks[j] for j in run])
            captions.extend(found)
            lone.extend(run[k] for k in unused)
            run = []
    return captions, lone


def _captions_of_run(run: Sequence[Block]) -> tuple[list[Caption], list[int]]:
    """A run such as [alt text, credit, caption] or [caption, credit, caption, credit]:
    its captions, and the positions in the run of the credit blocks none of them holds.

    A caption block that holds only a credit (an HTML figure captioned "Photo: AFP") gives
    a caption with empty ``text`` and that credit."""
    out: list[Caption] = []
    used: set[int] = set()
    credits: list[int] = []
    text: str | None = None
    credit: str | None = None
    alt: str | None = None
    pending_credit: str | None = None
    pending_at = -1

    def flush() -> None:
        nonlocal text, credit, alt
        if text or alt or credit:
            out.append(Caption(text=text or alt or "", credit=credit,
                               alt=alt if text else None))
        text = credit = alt = None

    for at, block in enumerate(run):
        body, found_credit = split_credit(block.text)
        if block.label is Label.CREDIT:
            credits.append(at)
            found_credit = found_credit or body
            if text and credit is None:
                credit = found_credit
                used.add(at)
            else:
                if text or alt and credit is not None:
                    flush()
                pending_credit, pending_at = found_credit, at
            continue
        if block.reason == "alt-text":
            if text or alt:  # an alt text after another one is another picture's
                flush()
            alt = body
            continue
        if text:
            flush()
        text = body
        credit = found_credit or pending_credit
        if not found_credit and pending_credit:
            used.add(pending_at)
        pending_credit = None
    if pending_credit and not (text or alt) and out and out[-1].credit is None:
        last = out.pop()
        out.append(Caption(text=last.text, credit=pending_credit, alt=last.alt))
        used.add(pending_at)
    elif pending_credit and (text or alt) and credit is None:
        credit = pending_credit
        used.add(pending_at)
    flush()
    return out, [at for at in credits if at not in used]
