"""The comparison, side by side: a bucket wired to a VERSION ARN against one wired to the
PROD ALIAS ARN, through the same releases and a rollback
(:func:`~lambda_model.core.churn.run_churn`).

Each side counts what it has cost so far: bucket configuration edits, permission changes and
events that reached a stale version. On the version-ARN side every release and the rollback
re-wire the bucket (an edit of its configuration, ringed as "changed", plus a permission);
on the alias side the bucket's wire never moves: only PROD's arrow swings.

Examples
--------
>>> from lambda_model.core.churn import run_churn
>>> report = run_churn(releases=2)
>>> movie = compare(report)
>>> movie.frames[0].caption
'Version ARN or alias ARN: 2 releases and a rollback'
>>> for sentence in movie.frames[-1].desc.split(". "):  # doctest: +NORMALIZE_WHITESPACE
...     if "side" in sentence:
...         print(sentence)
Version-ARN side: bucket configuration edits 3, permission changes 2, events that reached a
stale version 3
Alias side: bucket configuration edits 0, permission changes 0, events that reached a stale
version 0
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.churn import ChurnCase, ChurnReport
from ..core.events import (
    BucketNotificationConfigured,
    Event,
    FunctionCodeUpdated,
    ObjectCreated,
    PermissionAdded,
    PermissionRemoved,
)
from .graph import graph_of
from .motion import Animation, Frame, _calm, compose
from .picture import (
    COLORS,
    Picture,
    _without_latest,
    label,
    legend_marks,
    scene,
    svg_document,
    title_marks,
)
from .places import MARGIN, TOP, places_of
from .replay import Snapshot
from .svg import Mark, text_width

__all__ = ["Counters", "compare", "compare_summary", "comparison_frames", "comparison_log"]

PANEL_DY = 50  # room for each panel's heading and "this step" line
COUNTERS_H = 74
SIDES = ("A", "B")
HEADINGS = {
    "A": "A. bucket → version ARN ({function}:N)",
    "B": "B. bucket → alias ARN ({function}:PROD)",
}


@dataclass(frozen=True)
class Counters:
    """What one wiring has cost so far (after its set-up)."""

    edits: int = 0
    permissions: int = 0
    stale: int = 0

    def lines(self) -> list[str]:
        return [
            f"bucket configuration edits: {self.edits}",
            f"permission changes: {self.permissions}",
            f"events that reached a stale version: {self.stale}",
        ]

    def words(self) -> str:
        return (
            f"bucket configuration edits {self.edits}, permission changes {self.permissions}, "
            f"events that reached a stale version {self.stale}"
        )


def _key(event: Event) -> tuple:
    return (
        type(event).__name__,
        getattr(event, "key", None),
        getattr(event, "version", None),
        getattr(event, "function_version", None),
    )


def _setup_end(case: ChurnCase) -> int:
    return next(i for i, e in enumerate(case.account.history) if isinstance(e, ObjectCreated))


@dataclass(frozen=True)
class Moment:
    """One frame of the comparison: the history step shown on each side (``None``: the
    title frame) and whether the alias side did anything at this step."""

    pinned: int
    alias: int
    alias_moved: bool


def comparison_frames(report: ChurnReport) -> list[Moment]:
    """The frames: the pinned side's steps after its set-up (code updates folded into their
    publish), each beside the alias side's matching step (held when it has nothing to do)."""
    pinned = report.pinned.account.history
    alias = report.alias.account.history
    i, j = _setup_end(report.pinned), _setup_end(report.alias)
    moments = []
    last_j = j - 1
    while i < len(pinned):
        event = pinned[i]
        moved = j < len(alias) and _key(alias[j]) == _key(event)
        if moved:
            last_j = j
            j += 1
        if not isinstance(event, FunctionCodeUpdated):
            moments.append(Moment(i, last_j, moved))
        i += 1
    return moments


def _counters(case: ChurnCase, step: int) -> Counters:
    history = case.account.history
    start = _setup_end(case)
    done = history[start : step + 1]
    keys = {e.key for e in history[: step + 1] if isinstance(e, ObjectCreated)}
    return Counters(
        sum(isinstance(e, BucketNotificationConfigured) for e in done),
        sum(isinstance(e, PermissionAdded | PermissionRemoved) for e in done),
        sum(1 for u in case.uploads if u.stale and u.key in keys),
    )


def _graphs(case: ChurnCase, steps: list[int]) -> dict[int, object]:
    wanted = set(steps)
    snapshot = Snapshot(case.account.account_id, case.account.region)
    out = {}
    for index, event in enumerate(case.account.history):
        snapshot.apply(event)
        if index in wanted:
            out[index] = _without_latest(graph_of(snapshot))
    return out


def _panel_texts(side, x, y, width, heading, now, counters: Counters, bottom) -> list[Mark]:
    marks = [
        label(
            x, y, _fit(heading, 15, width, True), 15, "start", True, COLORS["text"], f"panel:{side}"
        )
    ]
    marks.append(
        label(x, y + 22, _fit(now, 13, width), 13, "start", False, COLORS["muted"], f"panel:{side}")
    )
    for n, line in enumerate(counters.lines()):
        marks.append(
            label(
                x, bottom + 22 + 20 * n, line, 13, "start", True, COLORS["text"], f"counters:{side}"
            )
        )
    return marks


def _fit(text: str, size: float, width: float, bold: bool = False) -> str:
    while text_width(text, size, bold) > width and len(text) > 4:
        text = text[:-2] + "…"
    return text


def _moment_marks(report, moment, places, graphs, calm=False, summary=""):
    marks, used, sentences = [], set(), []
    cases = (report.pinned, report.alias)
    steps = (moment.pinned, moment.alias)
    shift = 0.0
    bottom = max(p.height for p in places) + PANEL_DY
    for side, case, place, step in zip(SIDES, cases, places, steps, strict=True):
        graph = graphs[side][step]
        if calm or (side == "B" and not moment.alias_moved):
            graph = _calm(graph)
        content = scene(graph, place, dx=shift, dy=PANEL_DY)
        for mark in content.marks:
            if mark.key:
                mark.key = f"route:{side}/" + mark.key[6:]
        used |= content.used
        counters = _counters(case, step)
        function = case.account.history[0].function_name
        if summary:
            alias = case.account.get_alias(function, "PROD").function_version
            now = f"{summary}: PROD -> {alias}, the bucket -> {_target(graph)}"
        elif calm:
            now = "set up: the bucket is wired and S3 may invoke its target"
        elif side == "B" and not moment.alias_moved:
            now = "this step: nothing to do (the bucket still notifies PROD)"
        else:
            now = "this step: " + str(graph.graph.get("caption", ""))
        heading = HEADINGS[side].format(function=function)
        width = place.width - 2 * MARGIN
        marks += content.marks
        marks += _panel_texts(side, shift + MARGIN, TOP + 14, width, heading, now, counters, bottom)
        name = "Version-ARN side" if side == "A" else "Alias side"
        sentences.append(f"{name}: {counters.words()}. " + " ".join(content.sentences))
        shift += place.width + 8
    return marks, used, " ".join(sentences), bottom


def compare(report: ChurnReport | None = None, *, interval: float = 1.3) -> Animation:
    """The two wirings side by side through the releases and the rollback, one animated SVG
    opening on a title frame; each side keeps its counters."""
    if report is None:
        from ..core.churn import run_churn

        report = run_churn()
    moments = comparison_frames(report)
    places = (
        places_of(report.pinned.account, latest=False, both_channels=True),
        places_of(report.alias.account, latest=False, both_channels=True),
    )
    start = Moment(_setup_end(report.pinned) - 1, _setup_end(report.alias) - 1, False)
    graphs = {
        "A": _graphs(report.pinned, [start.pinned] + [m.pinned for m in moments]),
        "B": _graphs(report.alias, [start.alias] + [m.alias for m in moments]),
    }
    width = places[0].width + 8 + places[1].width
    per_frame = [_moment_marks(report, start, places, graphs, calm=True)]
    per_frame += [_moment_marks(report, m, places, graphs) for m in moments]
    used = set().union(*(u for _, u, _, _ in per_frame))
    bottom = per_frame[0][3]
    legend, legend_h = legend_marks(used, bottom + COUNTERS_H, width)
    height = bottom + COUNTERS_H + legend_h + 4
    title = f"Version ARN or alias ARN: {report.releases} releases and a rollback"
    subtitle = "Same function, same releases. A: the bucket names a version. B: it names PROD."
    frames = []
    marks, _, words, _ = per_frame[0]
    frames.append(
        Frame(
            title_marks(title, f"{len(moments)} steps", width, subtitle) + marks + legend,
            max(3.5, 2.5 * interval),
            title,
            words,
        )
    )
    pinned_captions = _captions(report.pinned)
    for n, (moment, (marks, _, words, _)) in enumerate(zip(moments, per_frame[1:], strict=True)):
        caption = _moment_caption(report, moment, pinned_captions)
        corner = f"step {n + 1} of {len(moments)}"
        hold = interval * (3 if n == len(moments) - 1 else 1)
        frames.append(
            Frame(title_marks(caption, corner, width) + marks + legend, hold, caption, words)
        )
    end = frames[-1].desc
    desc = (
        f"An animation in {len(frames)} frames comparing two wirings of an S3 bucket to "
        f"{report.pinned.account.history[0].function_name} through {report.releases} releases "
        f"and a rollback. A: the bucket notifies a version ARN and is re-wired (its "
        f"configuration edited, a permission added) at every release and at the rollback. "
        f"B: the bucket notifies the PROD alias ARN and is never edited; only PROD's arrow "
        f"moves. At the end: {end}"
    )
    svg = compose(frames, width, height, title, desc)
    return Animation(svg, title, desc, width, height, frames, sum(f.hold for f in frames))


def compare_summary(report: ChurnReport | None = None) -> Picture:
    """The end of the comparison as a still picture, with both sides' counters."""
    if report is None:
        from ..core.churn import run_churn

        report = run_churn()
    places = (
        places_of(report.pinned.account, latest=False, both_channels=True),
        places_of(report.alias.account, latest=False, both_channels=True),
    )
    end = Moment(
        len(report.pinned.account.history) - 1, len(report.alias.account.history) - 1, True
    )
    graphs = {"A": _graphs(report.pinned, [end.pinned]), "B": _graphs(report.alias, [end.alias])}
    marks, used, words, bottom = _moment_marks(
        report, end, places, graphs, calm=True, summary="at the end"
    )
    width = places[0].width + 8 + places[1].width
    legend, legend_h = legend_marks(used, bottom + COUNTERS_H, width)
    height = bottom + COUNTERS_H + legend_h + 4
    title = f"After {report.releases} releases and a rollback: what each wiring cost"
    marks = title_marks(title, "", width) + marks + legend
    body = "".join(m.svg for m in marks)
    svg = svg_document(body, width, height, title, words)
    return Picture(svg, title, words, width, height, marks)


def _target(graph) -> str:
    for _u, v, data in graph.edges(data=True):
        if data.get("kind") == "notifies":
            return (
                graph.nodes[v].get("label", v)
                if graph.nodes[v].get("kind") != "version"
                else (f"version {graph.nodes[v]['label']}")
            )
    return "nothing"


def _moment_caption(report: ChurnReport, moment: Moment, pinned_captions: list[str]) -> str:
    """The frame's title: an upload says which version each side ran (and which was stale);
    any other step is the version-ARN side's caption."""
    event = report.pinned.account.history[moment.pinned]
    if not isinstance(event, ObjectCreated) or not moment.alias_moved:
        return pinned_captions[moment.pinned]
    ran = []
    for side, case in zip(SIDES, (report.pinned, report.alias), strict=True):
        upload = next(u for u in case.uploads if u.key == event.key)
        stale = f" (stale: PROD is on {upload.intended_version})" if upload.stale else ""
        ran.append(f"{side} ran version {upload.executed_version}{stale}")
    return f"upload {event.key}: " + ", ".join(ran)


def _captions(case: ChurnCase) -> list[str]:
    snapshot = Snapshot(case.account.account_id, case.account.region)
    return [snapshot.apply(e).caption for e in case.account.history]


def comparison_log(report: ChurnReport) -> list[str]:
    """The comparison's step log: each step on the version-ARN side (A), then what the alias
    side (B) did: which version its upload ran, or nothing when only A had to re-wire. An
    upload that reached a stale version says so.

    >>> from lambda_model.core.churn import run_churn
    >>> print("\\n".join(comparison_log(run_churn(releases=1))[6:11]))
      4. PROD: 1 -> 2
      5. upload s3://uploads-pinned/r1-window-1.jpg -> thumbnailer:1 ran version 1: ok  [stale]
           B: ran version 2: ok
      6. allow s3.amazonaws.com to invoke thumbnailer:2 (s3-invoke-2)
           B: nothing to do
    """
    lines = ["step  A: bucket -> version ARN;  B: bucket -> PROD alias ARN"]
    a, b = _captions(report.pinned), _captions(report.alias)
    stale = {
        side: {u.key for u in case.stale}
        for side, case in zip(SIDES, (report.pinned, report.alias), strict=True)
    }
    pinned, alias = report.pinned.account.history, report.alias.account.history
    for n, moment in enumerate(comparison_frames(report), start=1):
        event = pinned[moment.pinned]
        mark = "  [stale]" if getattr(event, "key", None) in stale["A"] else ""
        lines.append(f"{n:3d}. {a[moment.pinned]}{mark}")
        if not moment.alias_moved:
            lines.append("       B: nothing to do")
        elif isinstance(alias[moment.alias], ObjectCreated):
            ran = b[moment.alias].split(" ran ")[-1]
            mark = "  [stale]" if alias[moment.alias].key in stale["B"] else ""
            lines.append(f"       B: ran {ran}{mark}")
    return lines
