"""Fixed places: where every function, version, alias and event source sits, for a whole story.

Places are given out from the whole history at once, in order of creation, and never taken
back, so a node has one place in every frame of an animation and at every step of the
console's history slider. Nothing moves when an alias is promoted or rolled back: only its
arrow swings from one version to another.

- Event sources (S3 buckets, queue mappings) form a column on the left, one slot each, in the
  order they were first seen.
- Each function has a frame (a band). Inside it, its aliases form a row, each in its own slot
  (in creation order); below them its ``$LATEST`` and its versions form a row, versions in
  number order. An ARN an event source names that does not exist (``missing``) takes a slot
  at the end of the alias row.
- Between the source column and the frames runs a gutter: each source has its own track
  there, and its own channel above the alias row (for wires to aliases) and below the
  version row (for wires to versions), so wires never cross a label.
- From ``FOLD_FROM`` versions on, the versions that no alias and no event source ever
  pointed at (but the newest ``KEEP_NEWEST``) are folded into one node at the start of the
  row (``<function>:…``), decided from the whole history so that it too stays put.

All lengths are pixels of a picture about 1000-1250 px wide, drawn 1:1 at a 1280 px page.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "v1", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> _ = account.update_function_code("f", lambda event, context: "v2", publish=True)
>>> _ = account.update_alias("f", "PROD", function_version="2")
>>> before, after = positions(account, step=2), positions(account)
>>> before["f:PROD"] == after["f:PROD"] and before["f:1"] == after["f:1"]
True
>>> sorted(after)
['f', 'f:$LATEST', 'f:1', 'f:2', 'f:PROD']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.events import Event
from ..core.identifiers import LATEST
from ..core.state import DEFAULT_ACCOUNT_ID, DEFAULT_REGION
from .replay import Snapshot, bucket_node, mapping_node, node_id
from .svg import text_width

__all__ = ["Band", "Places", "SourcePlace", "positions"]

MARGIN = 16
TOP = 64  # below the title
FONT = 13  # every label of a node
SOURCE_H = 40
SOURCE_STEP = 58
GUTTER_STEP = 10
CHANNEL = 24
ALIAS_H = 30
ARROW_ZONE = 84
VERSION_R = 15
VERSION_STEP = 40
LATEST_W = 78
OUTCOME_ZONE = 30
FRAME_PAD = 18
FRAME_LABEL = 30
BAND_GAP = 20
#: From this many versions on, versions nothing ever pointed at (but the newest
#: ``KEEP_NEWEST``) are folded into one node, so the picture stays at page width.
FOLD_FROM = 24
KEEP_NEWEST = 8
FOLDED = "…"
FOLD_W = 96


@dataclass
class SourcePlace:
    """One event source's box, its track in the gutter and its kind (``bucket``/``mapping``)."""

    node: str
    kind: str
    label: str
    slot: int
    x: float
    y: float
    w: float
    track: float


@dataclass
class Band:
    """One function's frame and rows."""

    function: str
    x: float
    y: float
    w: float
    h: float
    alias_y: float
    version_y: float
    #: Source slot -> the y of its channel above the aliases / below the versions.
    top_channels: dict[int, float] = field(default_factory=dict)
    bottom_channels: dict[int, float] = field(default_factory=dict)


@dataclass
class Places:
    """Every node's place (its centre) and the geometry around it. Build with :meth:`fit`."""

    nodes: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: Node -> its width (aliases, $LATEST, sources, missing), for drawing.
    widths: dict[str, float] = field(default_factory=dict)
    sources: dict[str, SourcePlace] = field(default_factory=dict)
    #: Function -> how many of its versions are folded into one ``<function>:…`` node.
    folded: dict[str, int] = field(default_factory=dict)
    bands: dict[str, Band] = field(default_factory=dict)
    width: float = 400.0
    height: float = 200.0

    def __repr__(self) -> str:
        return (
            f"Places({len(self.nodes)} nodes, {len(self.bands)} functions, "
            f"{len(self.sources)} sources, {self.width:g} x {self.height:g} px)"
        )

    def __getitem__(self, node: str) -> tuple[float, float]:
        return self.nodes[node]

    @classmethod
    def fit(
        cls,
        events: Iterable[Event],
        *,
        account_id=None,
        region=None,
        latest: bool = True,
        both_channels: bool = False,
    ) -> Places:
        """The places of everything ``events`` ever create."""
        snapshot = Snapshot(account_id or DEFAULT_ACCOUNT_ID, region or DEFAULT_REGION)
        functions: dict[str, dict] = {}  # name -> {"aliases": [...], "versions": max, ...}
        sources: dict[str, tuple[str, str]] = {}  # node -> (kind, label), first-seen order
        missing: dict[str, str] = {}  # missing node -> function ("" if foreign)
        wires_top: dict[str, set[str]] = {}  # function -> sources wired to its alias row
        wires_bottom: dict[str, set[str]] = {}

        def function(name: str) -> dict:
            return functions.setdefault(name, {"aliases": [], "versions": 0, "used": set()})

        for event in events:
            snapshot.apply(event)
            for name, view in snapshot.functions.items():
                entry = function(name)
                if view.versions:
                    entry["versions"] = max(entry["versions"], max(view.versions))
                for alias in sorted(view.aliases.values(), key=lambda a: a.lane):
                    if alias.name not in entry["aliases"]:
                        entry["aliases"].append(alias.name)
                    entry["used"].update(v for v in alias.split if v.isdigit())
            wired: list[tuple[str, str]] = []
            for bucket in snapshot.buckets.values():
                sources.setdefault(bucket_node(bucket.name), ("bucket", bucket.name))
                for configuration in bucket.lambda_configurations:
                    wired.append(
                        (bucket_node(bucket.name), str(configuration["LambdaFunctionArn"]))
                    )
            for mapping in snapshot.mappings.values():
                sources.setdefault(mapping_node(mapping.uuid), ("mapping", mapping.queue))
                wired.append((mapping_node(mapping.uuid), mapping.function_arn))
            for source, arn in wired:
                target = snapshot.target(arn)
                name = target.function_name if target.local else ""
                exists = snapshot.exists(target)
                if not exists:
                    missing.setdefault(target.node, name)
                if name:
                    function(name)
                    if target.qualifier.isdigit():
                        function(name)["used"].add(target.qualifier)
                row = "bottom" if exists and _is_version(target.qualifier) else "top"
                (wires_bottom if row == "bottom" else wires_top).setdefault(name, set()).add(source)
        if both_channels:  # every source a channel above and below (pictures that line up)
            for name in functions:
                for wires in (wires_top, wires_bottom):
                    wires.setdefault(name, set()).update(sources)
        return cls._build(functions, sources, missing, wires_top, wires_bottom, latest)

    @classmethod
    def _build(cls, functions, sources, missing, wires_top, wires_bottom, latest) -> Places:
        places = cls()
        slots = {node: i for i, node in enumerate(sources)}
        source_w = max(
            [120.0] + [text_width(label, FONT, True) + 30 for _, label in sources.values()]
        )
        gutter_x = MARGIN + source_w + 16
        x0 = gutter_x + len(sources) * GUTTER_STEP + 12 if sources else MARGIN
        for node, (kind, label) in sources.items():
            slot = slots[node]
            y = TOP + 10 + SOURCE_H / 2 + slot * SOURCE_STEP
            places.sources[node] = SourcePlace(
                node,
                kind,
                label,
                slot,
                MARGIN + source_w / 2,
                y,
                source_w,
                gutter_x + slot * GUTTER_STEP,
            )
            places.nodes[node] = (MARGIN + source_w / 2, y)
            places.widths[node] = source_w
        foreign = [n for n, f in missing.items() if not f]
        if foreign and "" not in functions:
            functions = {**functions, "": {"aliases": [], "versions": 0, "used": set()}}
        y = TOP
        right = x0
        for name, entry in functions.items():
            band_missing = [n for n, f in missing.items() if f == name]
            top = sorted(slots[s] for s in wires_top.get(name, ()) if s in slots)
            bottom = sorted(slots[s] for s in wires_bottom.get(name, ()) if s in slots)
            band = Band(name, x0, y, 0, 0, 0, 0)
            cursor = y + FRAME_LABEL
            for slot in top:
                band.top_channels[slot] = cursor + CHANNEL / 2
                cursor += CHANNEL
            band.alias_y = cursor + 8 + ALIAS_H / 2
            band.version_y = band.alias_y + ALIAS_H / 2 + ARROW_ZONE + VERSION_R
            cursor = band.version_y + VERSION_R + OUTCOME_ZONE
            for slot in bottom:
                band.bottom_channels[slot] = cursor + CHANNEL / 2
                cursor += CHANNEL
            band.h = cursor + 6 - y
            inner = x0 + FRAME_PAD
            # Aliases (and missing targets) in their slots.
            labels = [(node_id(name, a), a, "alias") for a in entry["aliases"]] + [
                (n, missing_label(n), "missing") for n in band_missing
            ]
            alias_w = max([90.0] + [text_width(t, FONT, True) + 30 for _, t, _ in labels])
            for i, (node, _label, _kind) in enumerate(labels):
                places.nodes[node] = (inner + alias_w / 2 + i * (alias_w + 14), band.alias_y)
                places.widths[node] = alias_w
            alias_right = inner + len(labels) * (alias_w + 14)
            if name:
                places.nodes[name] = (inner, y + 18)
                first = inner + VERSION_STEP / 2
                if latest:
                    node = node_id(name, LATEST)
                    places.nodes[node] = (inner + LATEST_W / 2, band.version_y)
                    places.widths[node] = LATEST_W
                    first += LATEST_W + 14
                shown = _shown_versions(entry["versions"], entry["used"])
                folded = entry["versions"] - len(shown)
                if folded:
                    node = node_id(name, FOLDED)
                    places.nodes[node] = (first - VERSION_STEP / 2 + FOLD_W / 2, band.version_y)
                    places.widths[node] = FOLD_W
                    places.folded[name] = folded
                    first += FOLD_W + 8
                for slot, number in enumerate(shown):
                    places.nodes[node_id(name, str(number))] = (
                        first + slot * VERSION_STEP,
                        band.version_y,
                    )
                version_right = first + len(shown) * VERSION_STEP
                label_right = inner + text_width(name, 14, True) + 10
            else:
                version_right = label_right = inner
            band.w = max(alias_right, version_right, label_right) + FRAME_PAD - x0
            places.bands[name] = band
            right = max(right, x0 + band.w)
            y += band.h + BAND_GAP
        bottom = max([y - BAND_GAP] + [s.y + SOURCE_H / 2 for s in places.sources.values()])
        places.width = right + MARGIN
        places.height = bottom + 8
        return places

    def at(self, nodes: Iterable[str]) -> dict[str, tuple[float, float]]:
        """The places of ``nodes`` (those without a place are left out)."""
        return {n: self.nodes[n] for n in nodes if n in self.nodes}


def _shown_versions(count: int, used: set[str]) -> list[int]:
    """The versions that get a place: all of them, or, from ``FOLD_FROM`` versions on, those
    an alias or an event source ever pointed at and the newest ``KEEP_NEWEST``."""
    if count < FOLD_FROM:
        return list(range(1, count + 1))
    keep = {int(v) for v in used if v.isdigit()} | set(range(count - KEEP_NEWEST + 1, count + 1))
    return sorted(v for v in keep if 1 <= v <= count)


def _is_version(qualifier: str) -> bool:
    return qualifier == LATEST or qualifier.isdigit()


def missing_label(node: str) -> str:
    """How a missing target is written: ``✗ f:OLD``."""
    return "✗ " + node.split(":function:")[-1]


def places_of(account, *, latest: bool = True, both_channels: bool = False) -> Places:
    """The fixed places of everything ``account``'s history ever created."""
    return Places.fit(
        account.history,
        account_id=account.account_id,
        region=account.region,
        latest=latest,
        both_channels=both_channels,
    )


def positions(account, step: int | None = None) -> dict[str, tuple[float, float]]:
    """Where each node of ``to_graph(account, step)`` sits: its fixed place for the story."""
    from .graph import to_graph

    return places_of(account).at(to_graph(account, step).nodes)
