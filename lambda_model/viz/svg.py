"""SVG by hand: escaped text, text metrics, boxes and the marks a picture is made of.

Standard library only (no matplotlib): a picture is a list of :class:`Mark` objects, each
with the SVG it writes and the boxes (for text) or segments (for lines) it occupies, so that
a picture can check itself for overlapping labels, labels crossed by an edge and anything
outside the canvas (:func:`problems`).

Text widths are estimated per character for a sans-serif face (wide characters such as
CJK count a full em), on the generous side, so that a box computed here holds the text a
browser draws.

Examples
--------
>>> escape('<PROD & "beta">')
'&lt;PROD &amp; &quot;beta&quot;&gt;'
>>> text_width("PROD", 13) > text_width("prod", 13)
True
>>> Box(0, 0, 10, 10).overlaps(Box(5, 5, 10, 10)), Box(0, 0, 10, 10).overlaps(Box(10, 0, 5, 5))
(True, False)
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "FONT",
    "Box",
    "Mark",
    "escape",
    "problems",
    "segment_hits_box",
    "text_box",
    "text_width",
]

#: The font stack every picture uses (the browser picks what it has; any Unicode works).
FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"

_NARROW = set("iljI.,:;|!'()[]{}ft `")
_WIDE = set("mwMW@%")


def escape(value: str) -> str:
    """``value`` safe inside SVG text and attribute values."""
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _char_em(char: str) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.05
    if char in _NARROW:
        return 0.4
    if char in _WIDE:
        return 1.0
    if char == " ":
        return 0.34
    if char.isupper() or char == "$":
        return 0.76
    if char.isdigit():
        return 0.66
    return 0.64


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width in px of ``text`` at font size ``size`` (an upper estimate)."""
    width = sum(_char_em(c) for c in text) * size
    return width * (1.1 if bold else 1.0)


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle: top-left corner, width and height (px)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def overlaps(self, other: Box) -> bool:
        """True if the two boxes share some area (touching edges do not count)."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def inside(self, width: float, height: float) -> bool:
        return self.x >= 0 and self.y >= 0 and self.right <= width and self.bottom <= height

    def grown(self, by: float) -> Box:
        return Box(self.x - by, self.y - by, self.w + 2 * by, self.h + 2 * by)


def text_box(x: float, y: float, text: str, size: float, anchor: str = "middle", bold=False):
    """The box of ``text`` drawn with its baseline at ``y`` and anchored at ``x``."""
    width = text_width(text, size, bold)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - size * 0.95, width, size * 1.25)


Segment = tuple[tuple[float, float], tuple[float, float]]


def segment_hits_box(segment: Segment, box: Box) -> bool:
    """True if the line segment passes through the inside of ``box`` (Liang-Barsky)."""
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - box.x), (dx, box.right - x0), (-dy, y0 - box.y), (dy, box.bottom - y0)):
        if p == 0:
            if q <= 0:
                return False
            continue
        r = q / p
        if p < 0:
            t0 = max(t0, r)
        else:
            t1 = min(t1, r)
        if t0 >= t1:
            return False
    return t1 - t0 > 1e-6


@dataclass(slots=True)
class Mark:
    """One thing drawn: its SVG, the text boxes it puts on the canvas and the line segments
    it draws. ``owner`` names what it belongs to (a text may sit on its own edge)."""

    svg: str
    boxes: list[Box] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    owner: str = ""
    #: Boxes of shapes (not text): nothing may be drawn outside the canvas either.
    shapes: list[Box] = field(default_factory=list)
    #: For an alias's arrow, ``route:<alias>:<version>`` (the animation moves these).
    key: str = ""
    #: For an alias's arrow: (x1, y1, x2, y2, stroke width, weight).
    line: tuple[float, ...] = ()


def problems(marks: Sequence[Mark], width: float, height: float) -> list[str]:
    """What makes a picture hard to read: text boxes that overlap, a text box crossed by
    another owner's line, and any box outside the ``width`` x ``height`` canvas."""
    found: list[str] = []
    labelled = [(m, b, t) for m in marks for b, t in zip(m.boxes, m.texts, strict=True)]
    for i, (m1, b1, t1) in enumerate(labelled):
        if not b1.inside(width, height):
            found.append(f"text {t1!r} is outside the {width:g} x {height:g} canvas")
        for m2, b2, t2 in labelled[i + 1 :]:
            if m1 is not m2 and b1.overlaps(b2):
                found.append(f"texts {t1!r} and {t2!r} overlap")
        for m2 in marks:
            if m2.owner and m2.owner == m1.owner:
                continue
            if any(segment_hits_box(s, b1) for s in m2.segments):
                found.append(f"text {t1!r} is crossed by a line of {m2.owner or 'the picture'}")
    for mark in marks:
        for box in mark.shapes:
            if not box.inside(width, height):
                found.append(f"a shape of {mark.owner!r} is outside the canvas")
    return found


def polyline(points: Iterable[tuple[float, float]]) -> list[Segment]:
    pts = list(points)
    return [(a, b) for a, b in itertools.pairwise(pts)]


def fmt(value: float) -> str:
    """A coordinate, short: ``12``, ``12.5``."""
    if math.isclose(value, round(value)):
        return str(round(value))
    return f"{value:.1f}"
