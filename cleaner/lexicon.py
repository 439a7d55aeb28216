"""Packaged vocabularies and model weights, loaded once and read-only.

Rules live here as data (phrases, markers, stoplists); the code that applies them lives in
the stage modules. Nothing here is mutable after load.
"""

from __future__ import annotations

import re

#: Caption and credit markers that renderers glue onto the end of the previous sentence.
CAPTION_MARKERS = (
    "Image caption", "Image copyright", "Media caption", "Photo caption",
    "Getty Images", "Photo:", "Photograph:", "Picture:", "Credit:", "Image:",
    "Foto:", "Bild:", "Fotos:", "Bildquelle:", "Quelle:", "Copyright:",
)
#: A marker glued to a sentence end: "2018.Image copyright" (no space after the stop).
GLUED_MARKER = re.compile(
    r"(?<=[.!?\u201d\"')\]])(?=(?:" + "|".join(re.escape(m) for m in CAPTION_MARKERS[:4]) + r"))"
)
