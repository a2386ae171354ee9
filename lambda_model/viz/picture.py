"""The pointer picture, as SVG written directly (no matplotlib): one graph at fixed places.

What is drawn (every colour doubled by a second cue, every mark in the legend):

- a function is a frame with its name; a version a circle with its number; ``$LATEST`` a
  dashed grey box; an alias a blue tag (a box with a point) with its name in white;
- an S3 bucket is a purple cylinder, a queue mapping a black slanted box, each in the
  source column on the left; an ARN that does not exist is a dashed vermillion box with ✗;
- an alias's arrow is solid blue; a weighted alias has two, their thickness following the
  weight, each labelled in percent;
- an event source's wire is solid purple with an arrowhead; a wire whose exact ARN lacks
  S3's permission is dashed vermillion and says "✗ no permission";
- what the step CHANGED (configuration) has a dashed orange ring; the path an event FLOWED
  along (an upload delivered) is a dotted sky-blue trail, and the version that ran says
  "✓ ok" (green) or "✗ error" (vermillion, in a square).

Colours are Okabe-Ito's. Every picture carries ``<title>`` and ``<desc>``: the caption and
a sentence per alias and wire saying where it points (and, shown in a notebook, the same
words as the image's ``alt`` text).

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "v1", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> picture = draw(account)
>>> picture
Picture('alias PROD -> 1', 760 x 348 px)
>>> "alias PROD points to version 1" in picture.desc
True
>>> picture.problems()
[]
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from ..core.events import MessagesSent, ObjectCreated, ObjectRemoved
from ..core.identifiers import LATEST
from .places import ALIAS_H, LATEST_W, MARGIN, SOURCE_H, VERSION_R, Places, places_of
from .svg import FONT, Box, Mark, escape, fmt, polyline, problems, text_box, text_width

__all__ = [
    "COLORS",
    "LEGEND",
    "Picture",
    "as_image",
    "draw",
    "render",
    "scene",
    "svg_document",
]

#: Okabe-Ito colours, by meaning.
COLORS = {
    "alias": "#0072B2",  # blue
    "route": "#0072B2",
    "bucket": "#CC79A7",  # reddish purple
    "wire": "#CC79A7",
    "mapping": "#000000",
    "refused": "#D55E00",  # vermillion
    "error": "#D55E00",
    "missing": "#D55E00",
    "ok": "#009E73",  # bluish green
    "changed": "#E69F00",  # orange
    "flowing": "#56B4E9",  # sky blue
    "text": "#1a1a1a",
    "muted": "#555555",
    "frame": "#8c8c8c",
}

#: Legend entries, in order: (mark, words).
LEGEND = {
    "function": "function (frame)",
    "version": "version",
    "latest": "$LATEST (dashed)",
    "alias": "alias",
    "route": "alias points to (thicker = more traffic)",
    "bucket": "S3 bucket",
    "mapping": "queue mapping",
    "wire": "bucket notifies (allowed)",
    "refused": "✗ no permission (dashed)",
    "missing": "✗ ARN that does not exist",
    "changed": "configuration changed (dashed ring)",
    "flowing": "event delivered (dotted trail)",
    "ok": "ok: the version that ran",
    "error": "error: the version that failed",
}

TITLE_SIZE = 17
MIN_WIDTH = 760.0
SMALL = 12
FLOW_EVENTS = (ObjectCreated, ObjectRemoved, MessagesSent)


@dataclass
class Picture:
    """An SVG picture with its text alternative. Shows itself in a notebook as SVG."""

    svg: str
    title: str
    desc: str
    width: float
    height: float
    marks: list[Mark] = field(default_factory=list, repr=False)

    def __repr__(self) -> str:
        return f"Picture({self.title!r}, {self.width:g} x {self.height:g} px)"

    def _repr_html_(self) -> str:
        return as_image(self.svg, self.title, self.desc, self.width)

    def problems(self) -> list[str]:
        """Overlapping labels, labels crossed by a line, anything outside the canvas."""
        return problems(self.marks, self.width, self.height)

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(self.svg, encoding="utf-8")
        return path


def as_image(svg: str, title: str, desc: str, width: float) -> str:
    """``svg`` as an HTML ``<img>`` with a ``data:`` URI and ``alt`` text: what a notebook
    stores. Every front end shows it, even an untrusted notebook in JupyterLab (which does
    not render SVG outputs, but renders sanitized HTML), and an SVG shown as an image still
    plays its CSS and SMIL animations, never runs script and loads nothing."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    alt = escape(f"{title}. {desc}")
    return (
        f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}" width="{fmt(width)}"'
        ' style="max-width:100%;height:auto"/>'
    )


# --- the scene of one graph --------------------------------------------------------------


@dataclass
class Scene:
    """The marks of one graph, and what it used (for the legend and the text alternative)."""

    marks: list[Mark] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    sentences: list[str] = field(default_factory=list)

    def add(self, mark: Mark, *used: str) -> Mark:
        self.marks.append(mark)
        self.used.update(used)
        return mark

    def obstacles(self) -> tuple[list[Box], list]:
        boxes = [b for m in self.marks for b in m.boxes]
        boxes += [b for m in self.marks if not m.owner.startswith("frame:") for b in m.shapes]
        segments = [(s, m.owner) for m in self.marks for s in m.segments]
        return boxes, segments

    def place(
        self,
        text: str,
        candidates: Sequence[tuple[float, float, str]],
        *,
        owner: str,
        color: str,
        size: float = SMALL,
        bold: bool = True,
        width: float = 1e9,
        height: float = 1e9,
        used: Sequence[str] = (),
    ) -> Mark:
        """Write ``text`` at the first candidate (x, baseline y, anchor) that overlaps no
        text, shape or other owner's line; the first candidate if none is free."""
        from .svg import segment_hits_box

        boxes, segments = self.obstacles()
        chosen = candidates[0]
        for x, y, anchor in candidates:
            box = text_box(x, y, text, size, anchor, bold)
            if not box.inside(width, height):
                continue
            if any(box.overlaps(b) for b in boxes):
                continue
            if any(o != owner and segment_hits_box(s, box) for s, o in segments):
                continue
            chosen = (x, y, anchor)
            break
        x, y, anchor = chosen
        return self.add(label(x, y, text, size, anchor, bold, color, owner), *used)


def label(x, y, text, size, anchor="middle", bold=False, color=COLORS["text"], owner=""):
    """A text. A leading ✓ or ✗ keeps ``color``; the words after it are written dark, so
    they read well on white (Okabe-Ito's green and vermillion are light for small text)."""
    weight = ' font-weight="bold"' if bold else ""
    body = escape(text)
    fill = color
    if text[:2] in ("✓ ", "✗ ") and color != COLORS["text"]:
        body = f'<tspan fill="{color}">{text[0]}</tspan>{escape(text[1:])}'
        fill = COLORS["text"]
    svg = (
        f'<text x="{fmt(x)}" y="{fmt(y)}" font-size="{fmt(size)}" text-anchor="{anchor}"'
        f'{weight} fill="{fill}">{body}</text>'
    )
    return Mark(svg, [text_box(x, y, text, size, anchor, bold)], [text], owner=owner)


def _is_flow(graph: nx.DiGraph) -> bool:
    return isinstance(graph.graph.get("event"), FLOW_EVENTS)


def _version_words(numbers: list[int]) -> str:
    if not numbers:
        return "no versions"
    if len(numbers) == 1:
        return f"version {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"versions {numbers[0]}-{numbers[-1]}"
    return "versions " + ", ".join(map(str, numbers))


def _target_words(graph: nx.DiGraph, node: str) -> str:
    data = graph.nodes[node]
    kind = data.get("kind")
    if kind == "version":
        return f"version {data['label']}"
    if kind == "alias":
        return f"alias {data['label']}"
    if kind == "latest":
        return "$LATEST"
    return f"{data.get('label', node)}, which does not exist"


def scene(graph: nx.DiGraph, places: Places, dx: float = 0.0, dy: float = 0.0) -> Scene:
    """The marks of ``graph`` at ``places`` (shifted by ``dx``, ``dy``)."""
    out = Scene()
    flow = _is_flow(graph)
    handled = graph.graph.get("handled", {})

    def at(node: str) -> tuple[float, float]:
        x, y = places.nodes[node]
        return x + dx, y + dy

    nodes = {n: d for n, d in graph.nodes(data=True) if n in places.nodes}
    marked: dict[str, str] = {}  # node -> "changed" or "flowing"
    for node, data in nodes.items():
        if data.get("changed") and data.get("kind") != "function":
            marked[node] = "flowing" if flow else "changed"

    # Function frames.
    for name, band in places.bands.items():
        if name and name not in nodes:
            continue
        if not name and not any(d.get("kind") == "missing" for d in nodes.values()):
            continue
        x, y = band.x + dx, band.y + dy
        title = name or "other accounts or regions"
        out.add(
            Mark(
                f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(band.w)}" height="{fmt(band.h)}"'
                f' rx="10" fill="#f7f7f7" stroke="{COLORS["frame"]}" stroke-width="1.5"/>',
                shapes=[Box(x, y, band.w, band.h)],
                owner=f"frame:{name}",
            ),
            "function",
        )
        out.add(label(x + 18, y + 20, title, 14, "start", True, COLORS["text"], f"frame:{name}"))
        versions = sorted(
            d["number"]
            for d in nodes.values()
            if d.get("kind") == "version" and d.get("function") == name
        )
        if name:
            out.sentences.append(f"Function {name} has {_version_words(versions)}.")

    # Lines first (so labels can be placed clear of them): alias arrows, then wires.
    routes = [(u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] == "routes"]
    for alias, version, data in routes:
        if alias not in nodes or version not in nodes:
            continue
        x1, y1 = at(alias)
        x2, y2 = at(version)
        start = (x1, y1 + ALIAS_H / 2 + 6)
        end = (x2, y2 - _top_offset(nodes[version]) - 3)
        weight = float(data.get("weight", 1.0))
        width = 1.5 + 4.5 * weight
        if data.get("changed"):
            trail = "flowing" if flow else "changed"
            out.add(Mark(_underlay(start, end, trail), owner=f"trail:{alias}"), trail)
        out.add(
            Mark(
                f'<line x1="{fmt(start[0])}" y1="{fmt(start[1])}" x2="{fmt(end[0])}"'
                f' y2="{fmt(end[1])}" stroke="{COLORS["route"]}" stroke-width="{fmt(width)}"'
                f' marker-end="url(#{{ID}}-route)"/>',
                segments=[(start, end)],
                owner=f"route:{alias}:{version}",
                key=f"route:{alias}",
                line=(*start, *end, width, weight),
            ),
            "route",
        )

    wires = [(u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] in ("notifies", "maps")]
    refused_wires = []
    for source, target, data in wires:
        if source not in nodes or target not in nodes or source not in places.sources:
            continue
        place = places.sources[source]
        tx, ty = at(target)
        band = places.bands.get(nodes[target].get("function", ""))
        if band is None:
            continue
        sx, sy = place.x + dx + place.w / 2, place.y + dy
        gx = place.track + dx
        kind = nodes[target].get("kind")
        if kind in ("version", "latest") and place.slot in band.bottom_channels:
            cy = band.bottom_channels[place.slot] + dy
            ty_end = ty + _top_offset(nodes[target]) + 3
        else:
            cy = band.top_channels.get(place.slot, band.y + 30) + dy
            ty_end = ty - ALIAS_H / 2 - 3
        points = [(sx, sy), (gx, sy), (gx, cy), (tx, cy), (tx, ty_end)]
        allowed = data.get("authorized", True) or data["kind"] == "maps"
        color = COLORS["wire"] if allowed else COLORS["refused"]
        if data["kind"] == "maps":
            color = COLORS["mapping"]
        dash = "" if allowed else ' stroke-dasharray="7 5"'
        marker = (
            "wire"
            if allowed and data["kind"] == "notifies"
            else ("refused" if not allowed else "map")
        )
        d = "M" + " L".join(f"{fmt(x)} {fmt(y)}" for x, y in points)
        under = ""
        if data.get("changed"):
            under = _underlay_path(d, "flowing" if flow else "changed")
            out.used.add("flowing" if flow else "changed")
        out.add(
            Mark(
                under + f'<path d="{d}" fill="none" stroke="{color}" stroke-width="2.5"{dash}'
                f' stroke-linejoin="round" marker-end="url(#{{ID}}-{marker})"/>',
                segments=polyline(points),
                owner=f"wire:{source}",
            ),
            "wire" if allowed else "refused",
        )
        if not allowed:
            refused_wires.append((source, points))
        verb = "notifies" if data["kind"] == "notifies" else "sends its messages to"
        what = "bucket" if data["kind"] == "notifies" else "queue mapping"
        permission = "" if allowed else " (no permission: S3 cannot invoke it)"
        out.sentences.append(
            f"The {what} {nodes[source]['label']} {verb} "
            f"{nodes[target].get('function', '')} {_target_words(graph, target)}{permission}."
        )

    # Folded versions.
    for name, count in places.folded.items():
        fold = f"{name}:…"
        if name in nodes and fold in places.nodes:
            x, y = at(fold)
            out.add(_folded(fold, x, y, places.widths[fold], count), "version")
            out.sentences.append(f"{count} older versions of {name} are folded into one box.")

    # Shapes.
    for node, data in nodes.items():
        kind = data.get("kind")
        x, y = at(node)
        ring = marked.get(node)
        if kind == "version":
            out.add(_version(node, x, y, data["label"], ring), "version", *([ring] if ring else []))
        elif kind == "latest":
            out.add(
                _latest(node, x, y, places.widths.get(node, LATEST_W), ring),
                "latest",
                *([ring] if ring else []),
            )
        elif kind == "alias":
            out.add(
                _alias(node, x, y, places.widths[node], data["label"], ring),
                "alias",
                *([ring] if ring else []),
            )
            split = {v: float(w) for _, v, w in graph.out_edges(node, data="weight")}
            if len(split) == 1:
                (target,) = split
                out.sentences.append(
                    f"In {data['function']}, alias {data['label']} points to "
                    f"{_target_words(graph, target)}."
                )
            else:
                parts = " and ".join(
                    f"{w:.0%} to {_target_words(graph, v)}" for v, w in split.items()
                )
                out.sentences.append(f"In {data['function']}, alias {data['label']} sends {parts}.")
        elif kind in ("bucket", "mapping"):
            place = places.sources.get(node)
            if place is not None:
                out.add(
                    _source(node, kind, x, y, place.w, data["label"], ring),
                    kind,
                    *([ring] if ring else []),
                )
        elif kind == "missing":
            out.add(_missing(node, x, y, places.widths.get(node, 120), data["label"]), "missing")

    # Labels placed clear of everything: weights, outcomes, refusals.
    for alias, version, data in routes:
        if alias not in nodes or version not in nodes or not data.get("label"):
            continue
        (x1, y1), (x2, y2) = at(alias), at(version)
        start = (x1, y1 + ALIAS_H / 2 + 6)
        end = (x2, y2 - VERSION_R - 3)
        candidates = []
        for t in (0.5, 0.35, 0.65, 0.22, 0.8, 0.12, 0.9):
            px = start[0] + (end[0] - start[0]) * t
            py = start[1] + (end[1] - start[1]) * t + SMALL * 0.35
            for gap in (8, 26, 44):
                candidates += [(px + gap, py, "start"), (px - gap, py, "end")]
        owner = f"route:{alias}:{version}"
        out.place(
            data["label"],
            candidates,
            owner=owner,
            color=COLORS["route"],
            width=places.width + dx,
            height=places.height + dy,
        )
    for node, outcome in sorted(handled.items()):
        if node not in nodes:
            continue
        x, y = at(node)
        below = y + _top_offset(nodes[node]) + 8 + SMALL
        if outcome != "ok":  # an error is a shape too: a square around what failed
            half = _top_offset(nodes[node]) + 4
            out.add(
                Mark(
                    f'<rect x="{fmt(x - half)}" y="{fmt(y - half)}" width="{fmt(2 * half)}"'
                    f' height="{fmt(2 * half)}" fill="none" stroke="{COLORS["error"]}"'
                    ' stroke-width="2.5"/>',
                    owner=f"outcome:{node}",
                )
            )
        if outcome == "ok":
            text, color, used = "✓ ok", COLORS["ok"], "ok"
        elif outcome.startswith("refused"):
            text, color, used = "✗ refused", COLORS["refused"], "error"
        else:
            text, color, used = "✗ error", COLORS["error"], "error"
        candidates = [
            (x, below, "middle"),
            (x + 6, below, "start"),
            (x - 6, below, "end"),
            (x, below + 14, "middle"),
            (x + 22, y + 4, "start"),
        ]
        out.place(
            text,
            candidates,
            owner=f"outcome:{node}",
            color=color,
            width=places.width + dx,
            height=places.height + dy,
            used=[used],
        )
        if outcome == "ok":
            out.sentences.append(f"The last event ran {_target_words(graph, node)}: ok.")
        else:
            out.sentences.append(f"The last event at {_target_words(graph, node)}: {outcome}.")
    for source, points in refused_wires:
        (gx, _), (tx, cy) = points[2], points[3]
        candidates = []
        for t in (0.5, 0.3, 0.7, 0.15, 0.85):
            px = gx + (tx - gx) * t
            candidates += [(px, cy - 5, "middle"), (px, cy + SMALL + 4, "middle")]
        out.place(
            "✗ no permission",
            candidates,
            owner=f"wire:{source}",
            color=COLORS["refused"],
            width=places.width + dx,
            height=places.height + dy,
        )
    return out


def _top_offset(data: dict) -> float:
    return VERSION_R if data.get("kind") == "version" else 14.0


def _ring(kind: str) -> str:
    if kind == "changed":
        return f'fill="none" stroke="{COLORS["changed"]}" stroke-width="3.5" stroke-dasharray="7 4"'
    return (
        f'fill="none" stroke="{COLORS["flowing"]}" stroke-width="4" stroke-dasharray="1 5"'
        ' stroke-linecap="round"'
    )


def _underlay(start, end, kind: str) -> str:
    (x1, y1), (x2, y2) = start, end
    return (
        f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(x2)}" y2="{fmt(y2)}" ' + _trail(kind) + "/>"
    )


def _underlay_path(d: str, kind: str) -> str:
    return f'<path d="{d}" fill="none" stroke-linejoin="round" ' + _trail(kind) + "/>"


def _trail(kind: str) -> str:
    if kind == "changed":
        return (
            f'stroke="{COLORS["changed"]}" stroke-width="9" stroke-opacity="0.55"'
            ' stroke-dasharray="10 6"'
        )
    return (
        f'stroke="{COLORS["flowing"]}" stroke-width="9" stroke-dasharray="0.1 12"'
        ' stroke-linecap="round"'
    )


def _version(node, x, y, text, ring) -> Mark:
    r = VERSION_R
    svg = ""
    if ring:
        svg += f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{r + 6}" {_ring(ring)}/>'
    svg += (
        f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="{r}" fill="#ffffff" stroke="{COLORS["text"]}"'
        f' stroke-width="1.8"/>'
    )
    bold = len(text) < 3  # three digits and more fit the circle in regular weight
    mark = label(
        x, y + 4.5, text, 13 if bold else 12, "middle", bold, COLORS["text"], f"node:{node}"
    )
    return Mark(
        svg + mark.svg,
        mark.boxes,
        mark.texts,
        owner=f"node:{node}",
        shapes=[Box(x - r - 7, y - r - 7, 2 * r + 14, 2 * r + 14)],
    )


def _latest(node, x, y, w, ring) -> Mark:
    h = 28
    svg = ""
    if ring:
        svg += (
            f'<rect x="{fmt(x - w / 2 - 5)}" y="{fmt(y - h / 2 - 5)}" width="{fmt(w + 10)}"'
            f' height="{h + 10}" rx="8" {_ring(ring)}/>'
        )
    svg += (
        f'<rect x="{fmt(x - w / 2)}" y="{fmt(y - h / 2)}" width="{fmt(w)}" height="{h}" rx="6"'
        f' fill="#ffffff" stroke="{COLORS["muted"]}" stroke-width="1.5" stroke-dasharray="4 3"/>'
    )
    mark = label(x, y + 4.5, LATEST, 12, "middle", False, COLORS["text"], f"node:{node}")
    return Mark(
        svg + mark.svg,
        mark.boxes,
        mark.texts,
        owner=f"node:{node}",
        shapes=[Box(x - w / 2 - 6, y - h / 2 - 6, w + 12, h + 12)],
    )


def _alias(node, x, y, w, text, ring) -> Mark:
    h = ALIAS_H
    top, bottom = y - h / 2, y + h / 2
    left, right = x - w / 2, x + w / 2
    points = [
        (left, top),
        (right, top),
        (right, bottom),
        (x + 7, bottom),
        (x, bottom + 6),
        (x - 7, bottom),
        (left, bottom),
    ]
    svg = ""
    if ring:
        svg += (
            f'<rect x="{fmt(left - 5)}" y="{fmt(top - 5)}" width="{fmt(w + 10)}"'
            f' height="{fmt(h + 12)}" rx="8" {_ring(ring)}/>'
        )
    pts = " ".join(f"{fmt(a)},{fmt(b)}" for a, b in points)
    svg += f'<polygon points="{pts}" fill="{COLORS["alias"]}" stroke="#ffffff" stroke-width="1"/>'
    mark = label(x, y + 5, text, 13, "middle", True, "#ffffff", f"node:{node}")
    return Mark(
        svg + mark.svg,
        mark.boxes,
        mark.texts,
        owner=f"node:{node}",
        shapes=[Box(left - 6, top - 6, w + 12, h + 14)],
    )


def _source(node, kind, x, y, w, text, ring) -> Mark:
    h = SOURCE_H
    left, top = x - w / 2, y - h / 2
    svg = ""
    if ring:
        svg += (
            f'<rect x="{fmt(left - 5)}" y="{fmt(top - 5)}" width="{fmt(w + 10)}"'
            f' height="{fmt(h + 10)}" rx="9" {_ring(ring)}/>'
        )
    if kind == "bucket":
        ry = 6
        svg += (
            f'<path d="M{fmt(left)} {fmt(top + ry)} v{fmt(h - 2 * ry)} a{fmt(w / 2)} {ry} 0 0 0'
            f' {fmt(w)} 0 v{fmt(-(h - 2 * ry))}" fill="#ffffff" stroke="{COLORS["bucket"]}"'
            f' stroke-width="3"/>'
            f'<ellipse cx="{fmt(x)}" cy="{fmt(top + ry)}" rx="{fmt(w / 2)}" ry="{ry}"'
            f' fill="#ffffff" stroke="{COLORS["bucket"]}" stroke-width="3"/>'
        )
        mark = label(x, y + 9, text, 13, "middle", True, COLORS["text"], f"node:{node}")
    else:
        s = 8
        svg += (
            f'<polygon points="{fmt(left + s)},{fmt(top)} {fmt(left + w)},{fmt(top)}'
            f' {fmt(left + w - s)},{fmt(top + h)} {fmt(left)},{fmt(top + h)}" fill="#ffffff"'
            f' stroke="{COLORS["mapping"]}" stroke-width="2.5"/>'
        )
        mark = label(x, y + 5, text, 13, "middle", True, COLORS["text"], f"node:{node}")
    return Mark(
        svg + mark.svg,
        mark.boxes,
        mark.texts,
        owner=f"node:{node}",
        shapes=[Box(left - 6, top - 6, w + 12, h + 12)],
    )


def _folded(node, x, y, w, count) -> Mark:
    h = 28
    svg = (
        f'<rect x="{fmt(x - w / 2)}" y="{fmt(y - h / 2)}" width="{fmt(w)}" height="{h}" rx="14"'
        f' fill="#ffffff" stroke="{COLORS["muted"]}" stroke-width="1.5"/>'
    )
    mark = label(x, y + 4.5, f"{count} older", 12, "middle", False, COLORS["text"], f"node:{node}")
    return Mark(
        svg + mark.svg,
        mark.boxes,
        mark.texts,
        owner=f"node:{node}",
        shapes=[Box(x - w / 2, y - h / 2, w, h)],
    )


def _missing(node, x, y, w, text) -> Mark:
    from .places import missing_label

    h = ALIAS_H
    svg = (
        f'<rect x="{fmt(x - w / 2)}" y="{fmt(y - h / 2)}" width="{fmt(w)}" height="{h}" rx="4"'
        f' fill="#ffffff" stroke="{COLORS["missing"]}" stroke-width="2" stroke-dasharray="5 3"/>'
    )
    mark = label(
        x, y + 5, missing_label(node), 13, "middle", True, COLORS["missing"], f"node:{node}"
    )
    return Mark(
        svg + mark.svg,
        mark.boxes,
        mark.texts,
        owner=f"node:{node}",
        shapes=[Box(x - w / 2, y - h / 2, w, h)],
    )


# --- the document: title, legend, defs ---------------------------------------------------


def legend_marks(used: set[str], y: float, width: float) -> tuple[list[Mark], float]:
    """The legend for the marks in ``used``, wrapped to ``width``; its marks and height."""
    marks: list[Mark] = []
    x = MARGIN
    line = 0
    for key, words in LEGEND.items():
        if key not in used:
            continue
        w = 30 + text_width(words, SMALL) + 18
        if x + w > width - MARGIN and x > MARGIN:
            x, line = MARGIN, line + 1
        cy = y + 14 + line * 24
        glyph = _legend_glyph(key, x + 12, cy - 4)
        text = label(x + 30, cy, words, SMALL, "start", False, COLORS["text"], "legend")
        marks.append(Mark(glyph + text.svg, text.boxes, text.texts, owner="legend"))
        x += w
    height = (line + 1) * 24 + 6 if marks else 0
    return marks, height


def _el(tag: str, text: str = "", **attrs) -> str:
    """One SVG element; ``stroke_width=2`` is written ``stroke-width="2"``."""
    parts = " ".join(
        f'{k.rstrip("_").replace("_", "-")}="{fmt(v) if isinstance(v, float) else v}"'
        for k, v in attrs.items()
    )
    return f"<{tag} {parts}>{text}</{tag}>" if text else f"<{tag} {parts}/>"


def _legend_glyph(key: str, x: float, y: float) -> str:
    c = COLORS
    white = "#ffffff"
    if key == "function":
        return _el(
            "rect",
            x=x - 11,
            y=y - 8,
            width=22,
            height=16,
            rx=4,
            fill="#f7f7f7",
            stroke=c["frame"],
            stroke_width=1.5,
        )
    if key == "version":
        return _el("circle", cx=x, cy=y, r=8, fill=white, stroke=c["text"], stroke_width=1.8)
    if key == "latest":
        return _el(
            "rect",
            x=x - 11,
            y=y - 7,
            width=22,
            height=14,
            rx=3,
            fill=white,
            stroke=c["muted"],
            stroke_width=1.5,
            stroke_dasharray="4 3",
        )
    if key == "alias":
        pts = [(-11, -8), (11, -8), (11, 4), (4, 4), (0, 9), (-4, 4), (-11, 4)]
        points = " ".join(f"{fmt(x + a)},{fmt(y + b)}" for a, b in pts)
        return _el("polygon", points=points, fill=c["alias"])
    if key in ("route", "wire", "refused"):
        dash = {"stroke_dasharray": "5 3"} if key == "refused" else {}
        return _el(
            "line",
            x1=x - 12,
            y1=y,
            x2=x + 9,
            y2=y,
            stroke=c[key],
            stroke_width=4.0 if key == "route" else 2.5,
            marker_end=f"url(#{{ID}}-{key})",
            **dash,
        )
    if key == "bucket":
        return _el(
            "path",
            d=f"M{fmt(x - 10)} {fmt(y - 5)} v10 a10 3 0 0 0 20 0 v-10",
            fill=white,
            stroke=c["bucket"],
            stroke_width=2.5,
        ) + _el(
            "ellipse", cx=x, cy=y - 5, rx=10, ry=3, fill=white, stroke=c["bucket"], stroke_width=2.5
        )
    if key == "mapping":
        pts = [(-6, -7), (11, -7), (6, 7), (-11, 7)]
        points = " ".join(f"{fmt(x + a)},{fmt(y + b)}" for a, b in pts)
        return _el("polygon", points=points, fill=white, stroke=c["mapping"], stroke_width=2)
    if key == "missing":
        return _el(
            "rect",
            x=x - 11,
            y=y - 7,
            width=22,
            height=14,
            rx=2,
            fill=white,
            stroke=c["missing"],
            stroke_width=2,
            stroke_dasharray="4 2",
        )
    if key == "changed":
        return f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="8" {_ring("changed")}/>'
    if key == "flowing":
        return f'<line x1="{fmt(x - 12)}" y1="{fmt(y)}" x2="{fmt(x + 12)}" y2="{fmt(y)}" ' + (
            _trail("flowing") + "/>"
        )
    if key == "ok":
        return _el(
            "text",
            "✓",
            x=x,
            y=y + 5,
            font_size=15,
            font_weight="bold",
            text_anchor="middle",
            fill=c["ok"],
        )
    return _el(
        "rect",
        x=x - 8,
        y=y - 8,
        width=16,
        height=16,
        fill="none",
        stroke=c["error"],
        stroke_width=2,
    ) + _el(
        "text",
        "✗",
        x=x,
        y=y + 5,
        font_size=14,
        font_weight="bold",
        text_anchor="middle",
        fill=c["error"],
    )


def _defs() -> str:
    def head(name, color):
        return (
            f'<marker id="{{ID}}-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11"'
            f' markerHeight="11" markerUnits="userSpaceOnUse" orient="auto">'
            f'<path d="M0 0 L10 5 L0 10 z" fill="{color}"/></marker>'
        )

    return (
        "<defs>"
        + head("route", COLORS["route"])
        + head("wire", COLORS["wire"])
        + head("refused", COLORS["refused"])
        + head("map", COLORS["mapping"])
        + "</defs>"
    )


def title_marks(title: str, corner: str, width: float, subtitle: str = "") -> list[Mark]:
    """The title (wrapped to the width left by ``corner``) and the corner text."""
    marks = []
    room = width - 2 * MARGIN - (text_width(corner, 13) + 20 if corner else 0)
    lines = _wrap(title, TITLE_SIZE, room, 1 if subtitle else 2)
    for i, line in enumerate(lines):
        marks.append(
            label(MARGIN, 28 + 22 * i, line, TITLE_SIZE, "start", True, COLORS["text"], "title")
        )
    if subtitle:
        sub = subtitle
        while text_width(sub, 13) > width - 2 * MARGIN:
            sub = sub[:-4] + "…"
        marks.append(label(MARGIN, 50, sub, 13, "start", False, COLORS["muted"], "title"))
    if corner:
        marks.append(label(width - MARGIN, 28, corner, 13, "end", False, COLORS["muted"], "corner"))
    return marks


def _wrap(text: str, size: float, room: float, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``room`` px (the last one shortened)."""
    out: list[str] = []
    words = text.split(" ")
    while words and len(out) < lines:
        line = words.pop(0)
        while words and text_width(line + " " + words[0], size, True) <= room:
            line += " " + words.pop(0)
        out.append(line)
    if words or (out and text_width(out[-1], size, True) > room):
        last = (out[-1] + " " + " ".join(words)).strip() if out else ""
        while last and text_width(last + "…", size, True) > room:
            last = last[:-1]
        out[-1] = last + "…"
    return out


def svg_document(
    body: str, width: float, height: float, title: str, desc: str, style: str = ""
) -> str:
    """A standalone SVG: ``<title>``, ``<desc>``, arrowheads, ``body``. Ids are unique to the
    content (so two pictures inlined in one page never share one)."""
    ident = "lm" + hashlib.sha1((title + desc + body).encode()).hexdigest()[:8]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{fmt(width)}" height="{fmt(height)}"'
        f' viewBox="0 0 {fmt(width)} {fmt(height)}" role="img"'
        f' aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
    )
    css = f"<style>{style}</style>" if style else ""
    content = css + _defs() + '<rect width="100%" height="100%" fill="#ffffff"/>' + body
    return head + content.replace("{ID}", ident) + "</svg>"


def render(
    graph: nx.DiGraph,
    places: Places,
    *,
    title: str | None = None,
    corner: str = "",
    subtitle: str = "",
) -> Picture:
    """The picture of one graph at fixed ``places``."""
    caption = graph.graph.get("caption", "") if title is None else title
    content = scene(graph, places)
    width = max(places.width, MIN_WIDTH)
    legend, legend_h = legend_marks(content.used, places.height, width)
    height = places.height + legend_h + 4
    marks = title_marks(caption, corner, width, subtitle) + content.marks + legend
    desc = " ".join(content.sentences) or "An empty account."
    body = "".join(m.svg for m in marks)
    svg = svg_document(body, width, height, caption or "the account's pointers", desc)
    return Picture(svg, caption, desc, width, height, marks)


def draw(account, step: int | None = None, *, title: str | None = None, latest: bool = True):
    """The picture of ``account`` now, or just after history step ``step``, at the places
    the whole history gives it (so pictures of two steps line up)."""
    from .graph import to_graph

    places = places_of(account, latest=latest)
    graph = to_graph(account, step)
    if not latest:
        graph = _without_latest(graph)
    return render(graph, places, title=title)


def _without_latest(graph: nx.DiGraph) -> nx.DiGraph:
    keep = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("kind") != "latest"
        or (
            any(True for _ in graph.predecessors(n))
            and any(graph.edges[p, n]["kind"] != "version_of" for p in graph.predecessors(n))
        )
    ]
    return graph.subgraph(keep)
