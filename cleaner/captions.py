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
    """The page's captions, and the positions of the caption and credit blocks that none of
    them holds (a credit line with no caption next to it, one of several credits by one
    caption, a bare "Image caption" marker): the caller lists those as furniture of kind
    attribution, so that no line is lost."""
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
    its captions, and the positions in the run of the blocks that none of them holds (a
    credit no caption takes, a bare marker such as "Image caption" with nothing after it).

    A caption block that holds only a credit (an HTML figure captioned "Photo: AFP") gives
    a caption with empty ``text`` and that credit. A bare label ("Image copyright", "Image
    caption" on a line of its own, as a renderer that puts each inline element on its own
    line leaves a BBC figure) opens no caption: it goes with the block after it, the credit
    or the caption text it labels."""
    out: list[Caption] = []
    used: set[int] = set()
    # the caption being read: its text ("" for a caption block with no text of its own),
    # credit and alt text, and the positions of the blocks it holds
    text: str | None = None
    credit: str | None = None
    alt: str | None = None
    parts: list[int] = []
    pending_credit: str | None = None
    pending_parts: list[int] = []  # the pending credit's block and the labels before it
    labels: list[int] = []  # bare labels waiting for the block they label

    def flush() -> None:
        nonlocal text, credit, alt, parts
        if text or alt or credit:
            out.append(Caption(text=text or alt or "", credit=credit,
                               alt=alt if text else None))
            used.update(parts)
        text = credit = alt = None
        parts = []

    for at, block in enumerate(run):
        body, found_credit = split_credit(block.text)
        labelled, labels = [*labels, at], []  # this block and the bare labels before it
        if block.label is Label.CREDIT:
            found_credit = found_credit or body
            if text and credit is None:
                credit = found_credit
                parts.extend(labelled)
            else:
                if text or alt and credit is not None:
                    flush()
                pending_credit, pending_parts = found_credit, labelled
            continue
        if block.reason == "alt-text":
            if text or alt:  # an alt text after another one is another picture's
                flush()
            alt = body
            parts.extend(labelled)
            continue
        if not body and not found_credit:  # a bare label: it goes with the next block
            labels = labelled
            continue
        if (text == "" and credit and not found_credit and not alt
                and block.reason == "caption-marker"):
            # a caption of a credit alone, then a labelled caption ("Image caption ..."):
            # a BBC figure read from its markup, its credit first; the credit is the
            # labelled caption's
            text = body
            parts.extend(labelled)
            continue
        if text or text is not None and credit:  # a caption of a credit alone is closed too
            flush()
        text = body
        parts.extend(labelled)
        credit = found_credit or pending_credit
        if not found_credit and pending_credit:
            parts.extend(pending_parts)
        pending_credit = None
    if pending_credit and not (text or alt) and out and out[-1].credit is None:
        last = out.pop()
        out.append(Caption(text=last.text, credit=pending_credit, alt=last.alt))
        used.update(pending_parts)
    elif pending_credit and (text or alt) and credit is None:
        credit = pending_credit
        parts.extend(pending_parts)
    flush()
    return out, [at for at in range(len(run)) if at not in used]
