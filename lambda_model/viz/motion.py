"""Animations as ONE self-contained SVG: plays anywhere, with no JavaScript and no network.

Every frame is drawn at the same fixed places. What does not change between frames is
written once; each piece is shown during its frames by a CSS animation (``step-end``
keyframes on ``opacity``). An alias's arrow is one SVG line per alias whose end point,
thickness and opacity are animated with SMIL (``<animate>``): when the alias is promoted
or rolled back, the arrow TRAVELS from the old version to the new one (``TRAVEL`` seconds),
then holds. The first frame is a title frame showing the setting.

A notebook stores it as an HTML ``<img>`` whose source is the SVG itself (a ``data:`` URI):
an SVG shown as an image plays its CSS and SMIL animations (neither needs script) and loads
nothing, and every front end shows such an image, even an untrusted notebook in JupyterLab.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "v1", publish=True)
>>> _ = account.update_function_code("f", lambda event, context: "v2", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> _ = account.update_alias("f", "PROD", function_version="2")
>>> _ = account.update_alias("f", "PROD", function_version="1")
>>> captions(account)[-2:]
['PROD: 1 -> 2', 'rollback: PROD 2 -> 1']
>>> movie = animate(account)
>>> movie
Animation('the story of f', 3 frames, 8.8 s, 5 KB)
>>> "<script" in movie.svg, "http://" in movie.svg.replace("http://www.w3.org/2000/svg", "")
(False, False)
>>> [round(x) for x in movie.arrow_path("f:PROD")]  # the arrow's end, frame by frame
[146, 186, 146]
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from .graph import history_graphs
from .picture import (
    COLORS,
    MIN_WIDTH,
    Picture,
    as_image,
    legend_marks,
    render,
    scene,
    svg_document,
    title_marks,
)
from .places import Places, places_of
from .replay import Snapshot
from .svg import Mark, fmt

__all__ = [
    "TRAVEL",
    "Animation",
    "Frame",
    "animate",
    "captions",
    "compose",
    "setting_step",
    "still",
]

#: Seconds an arrow takes to travel from one version to another.
TRAVEL = 0.7


def captions(account) -> list[str]:
    """The one-line caption of every history step ("PROD: 3 -> 4", "rollback: PROD 4 -> 3")."""
    snapshot = Snapshot(account.account_id, account.region)
    return [snapshot.apply(event).caption for event in account.history]


@dataclass
class Frame:
    """One frame: its marks (title, picture, legend), how long it holds, and its words."""

    marks: list[Mark]
    hold: float
    caption: str
    desc: str = ""


@dataclass
class Animation:
    """A self-contained animated SVG and its text alternative; shows itself as SVG."""

    svg: str
    title: str
    desc: str
    width: float
    height: float
    frames: list[Frame] = field(repr=False, default_factory=list)
    duration: float = 0.0

    def __repr__(self) -> str:
        return (
            f"Animation({self.title!r}, {len(self.frames)} frames, {self.duration:g} s, "
            f"{len(self.svg) // 1024} KB)"
        )

    def _repr_html_(self) -> str:
        return as_image(self.svg, self.title, self.desc, self.width)

    def save(self, path):
        from pathlib import Path

        path = Path(path)
        path.write_text(self.svg, encoding="utf-8")
        return path

    def arrow_path(self, alias: str, slot: int = 0) -> list[float]:
        """Where the arrow of ``alias`` (a node id) ends (its x), frame by frame: the primary
        arrow (``slot=0``) or a weighted alias's second one (``slot=1``); NaN when absent."""
        out = []
        for frame in self.frames:
            lines = _arrows(frame.marks).get((f"route:{alias}", slot))
            out.append(lines[2] if lines else float("nan"))
        return out

    def states(self, alias: str, samples: int = 4, slot: int = 0) -> list[float]:
        """The x of the arrow's end at ``samples`` moments of each travel and hold (what the
        SMIL animation interpolates), for checking that it travels."""
        times, values = self._timeline(alias, slot)
        out = []
        for t0, t1 in itertools.pairwise(times):
            for k in range(samples):
                t = t0 + (t1 - t0) * k / samples
                out.append(_interpolate(times, values, t))
        return out

    def _timeline(self, alias, slot):
        lines = [_arrows(f.marks).get((f"route:{alias}", slot)) for f in self.frames]
        xs = _filled([ln[2] if ln else None for ln in lines])
        return _key_times([f.hold for f in self.frames], xs)


def _interpolate(times, values, t):
    for (t0, v0), (t1, v1) in zip(
        zip(times, values, strict=False), zip(times[1:], values[1:], strict=False), strict=False
    ):
        if t0 <= t <= t1:
            return v0 if t1 == t0 else v0 + (v1 - v0) * (t - t0) / (t1 - t0)
    return values[-1]


def _arrows(marks: Sequence[Mark]) -> dict[tuple[str, int], tuple[float, ...]]:
    """The alias arrows among ``marks``, by (key, slot): the heavier (or only) one is slot 0."""
    by_key: dict[str, list[tuple[float, ...]]] = {}
    for mark in marks:
        if mark.key:
            by_key.setdefault(mark.key, []).append(mark.line)
    out = {}
    for key, lines in by_key.items():
        lines.sort(key=lambda ln: (-ln[5], ln[2]))
        for slot, line in enumerate(lines[:2]):
            out[(key, slot)] = line
    return out


def _filled(values: list):
    """Fill gaps (``None``) with the nearest value before, else after."""
    out = list(values)
    last = None
    for i, v in enumerate(out):
        if v is None:
            out[i] = last
        else:
            last = v
    nxt = None
    for i in range(len(out) - 1, -1, -1):
        if out[i] is None:
            out[i] = nxt
        else:
            nxt = out[i]
    return [0.0 if v is None else v for v in out]


def _key_times(holds: Sequence[float], values: Sequence[float]):
    """(times in seconds, values): each frame's value is reached TRAVEL s after it starts
    (linearly from the previous one), then held."""
    times, out = [0.0], [values[0]]
    t = 0.0
    for i, hold in enumerate(holds):
        if i > 0:
            times += [t, t + min(TRAVEL, hold / 2)]
            out += [values[i - 1], values[i]]
        t += hold
    times.append(t)
    out.append(values[-1])
    return times, out


def compose(frames: Sequence[Frame], width: float, height: float, title: str, desc: str):
    """One animated SVG from ``frames`` (all drawn at the same places)."""
    total = sum(f.hold for f in frames)
    starts = []
    t = 0.0
    for frame in frames:
        starts.append(t)
        t += frame.hold
    # Static pieces, written once, shown during their frames.
    seen: dict[str, set[int]] = {}
    order: list[str] = []
    for i, frame in enumerate(frames):
        for mark in frame.marks:
            if mark.key:
                continue
            if mark.svg not in seen:
                seen[mark.svg] = set()
                order.append(mark.svg)
            seen[mark.svg].add(i)
    groups: dict[frozenset, list[str]] = {}
    for svg in order:
        groups.setdefault(frozenset(seen[svg]), []).append(svg)
    css = []
    body = []
    last = len(frames) - 1
    for k, (shown, svgs) in enumerate(groups.items()):
        if len(shown) == len(frames):
            body.append("".join(svgs))
            continue
        keys = []
        previous = None
        for i in range(len(frames)):
            value = 1 if i in shown else 0
            if value != previous:
                keys.append(f"{100 * starts[i] / total:.3f}%{{opacity:{value}}}")
                previous = value
        keys.append(f"100%{{opacity:{1 if last in shown else 0}}}")
        css.append(
            f".v{k}{{opacity:{1 if last in shown else 0};"
            f"animation:{{ID}}k{k} {fmt(total)}s step-end infinite}}"
            f"@keyframes {{ID}}k{k}{{{''.join(keys)}}}"
        )
        body.append(f'<g class="v{k}">' + "".join(svgs) + "</g>")
    # The arrows: one line per alias and slot, its end travelling with SMIL.
    arrows = [_arrows(f.marks) for f in frames]
    slots = sorted({key for a in arrows for key in a})
    holds = [f.hold for f in frames]
    for key, slot in slots:
        lines = [a.get((key, slot)) for a in arrows]
        first = next(ln for ln in lines if ln)
        x1, y1 = first[0], first[1]
        anim = []
        for index, name in ((2, "x2"), (3, "y2"), (4, "stroke-width")):
            values = _filled([ln[index] if ln else None for ln in lines])
            if len(set(values)) > 1:
                anim.append(_smil(name, holds, values, total))
        opacity = [1.0 if ln else 0.0 for ln in lines]
        if len(set(opacity)) > 1:
            anim.append(_smil("opacity", holds, opacity, total))
        end = lines[-1] or first
        body.append(
            f'<line x1="{fmt(x1)}" y1="{fmt(y1)}" x2="{fmt(end[2])}" y2="{fmt(end[3])}"'
            f' stroke="{COLORS["route"]}" stroke-width="{fmt(end[4])}"'
            f' opacity="{1 if lines[-1] else 0}" marker-end="url(#{{ID}}-route)"'
            f' data-alias="{key[6:]}">' + "".join(anim) + "</line>"
        )
    style = "".join(css)
    return svg_document("".join(body), width, height, title, desc, style)


def _smil(attribute: str, holds, values, total) -> str:
    times, out = _key_times(holds, values)
    key_times = ";".join(f"{t / total:.4f}" for t in times)
    text = ";".join(fmt(v) if attribute != "opacity" else f"{v:g}" for v in out)
    return (
        f'<animate attributeName="{attribute}" dur="{fmt(total)}s" repeatCount="indefinite"'
        f' calcMode="linear" keyTimes="{key_times}" values="{text}"/>'
    )


def _calm(graph: nx.DiGraph) -> nx.DiGraph:
    """The graph with nothing marked as changed or delivered (for a title frame)."""
    calm = graph.copy()
    for _, data in calm.nodes(data=True):
        data["changed"] = False
    for _, _, data in calm.edges(data=True):
        data["changed"] = False
    calm.graph["handled"] = {}
    calm.graph["event"] = None
    return calm


def setting(graph: nx.DiGraph) -> str:
    """One line naming what is on stage: functions, versions, aliases, event sources."""
    picture = scene(_calm(graph), Places())
    return " ".join(picture.sentences)


def setting_step(account) -> int:
    """The step after which the stage is set: the first at which an event source is wired
    and an alias exists (else the first alias, else step 0)."""
    snapshot = Snapshot(account.account_id, account.region)
    first_alias = None
    for index, event in enumerate(account.history):
        snapshot.apply(event)
        has_alias = any(f.aliases for f in snapshot.functions.values())
        wired = snapshot.mappings or any(b.lambda_configurations for b in snapshot.buckets.values())
        if has_alias and first_alias is None:
            first_alias = index
        if has_alias and wired:
            return index
    return first_alias or 0


def animate(
    account,
    *,
    steps: Sequence[int] | None = None,
    interval: float = 1.6,
    title: str | None = None,
    latest: bool = True,
) -> Animation:
    """The history as one animated SVG, opening on a title frame that shows the setting.

    The title frame shows the account after the first of ``steps`` (by default, after the
    set-up: see :func:`setting_step`); one frame follows for each later step. ``interval``
    is how long each step holds (seconds); an alias that moved travels first, then holds.
    """
    from .picture import _without_latest

    total = len(account.history)
    if total == 0:
        raise ValueError("the account has no history to animate")
    if steps is None:
        indices = list(range(setting_step(account), total))
    else:
        indices = sorted({s % total for s in steps})
    places = places_of(account, latest=latest)
    graphs = list(history_graphs(account, indices))
    start, indices, graphs = graphs[0], indices[1:], graphs[1:]
    if not latest:
        graphs = [_without_latest(g) for g in graphs]
    functions = sorted(n for n, d in start.nodes(data=True) if d.get("kind") == "function")
    title = title or f"the story of {', '.join(functions) or 'the account'}"
    frames = []
    width = max(places.width, MIN_WIDTH)
    used: set[str] = set()
    scenes = []
    for graph in graphs:
        content = scene(graph, places)
        used |= content.used
        scenes.append(content)
    opening = scene(_calm(start), places)
    used |= opening.used
    legend, legend_h = legend_marks(used, places.height, width)
    height = places.height + legend_h + 4
    setting_words = " ".join(opening.sentences)
    frames.append(
        Frame(
            title_marks(title, f"{len(indices)} steps", width, setting_words)
            + opening.marks
            + legend,
            max(3.0, 2 * interval),
            title,
            setting_words,
        )
    )
    for n, (index, graph, content) in enumerate(zip(indices, graphs, scenes, strict=True)):
        caption = graph.graph.get("caption", "")
        hold = interval * (2.5 if n == len(indices) - 1 else 1)
        frames.append(
            Frame(
                title_marks(caption, f"step {index + 1} of {total}", width)
                + content.marks
                + legend,
                hold,
                caption,
                " ".join(content.sentences),
            )
        )
    desc = (
        f"An animation in {len(frames)} frames. It opens on the setting: {setting_words} "
        + " ".join(
            f"Step {i + 1}: {captions_line}."
            for i, captions_line in (
                (index, g.graph.get("caption", ""))
                for index, g in zip(indices, graphs, strict=True)
            )
        )
        + f" At the end: {frames[-1].desc}"
    )
    svg = compose(frames, width, height, title, desc)
    return Animation(svg, title, desc, width, height, frames, sum(f.hold for f in frames))


def still(animation: Animation, frame: int = -1) -> Picture:
    """One frame of ``animation`` as a still picture."""
    chosen = animation.frames[frame]
    body = "".join(m.svg for m in chosen.marks)
    svg = svg_document(body, animation.width, animation.height, chosen.caption, chosen.desc)
    return Picture(
        svg, chosen.caption, chosen.desc, animation.width, animation.height, chosen.marks
    )


_ = render
