"""Fixed positions: nothing random, and nothing moves but the pointer that moved.

Each function gets a horizontal band. Its versions sit on one row in number order with
``$LATEST`` at the end; the function itself sits below ``$LATEST`` (out of the way of the
event sources, which come from the left); each alias has its own
lane above the row and sits above the version it points to (a weighted alias sits between its
two versions, nearer the one with more traffic). Event sources (buckets, queue mappings) form
a column on the left, one lane each. Lanes are handed out when a thing is created and are never
taken back while it lives, so an alias moving changes only that alias's ``x``.

A :class:`Layout` is fitted to every graph that will be drawn with it (all the frames of an
animation), so the axes, the bands and ``$LATEST``'s slot stay put from frame to frame.

From ``collapse_from`` versions on, :func:`collapse` replaces the old versions nothing points to
by one ``...`` node (kind ``collapsed``), keeping the newest ``keep`` versions.

Examples
--------
>>> from lambda_model import Account
>>> from lambda_model.viz import to_graph
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "v1", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> graph = to_graph(account)
>>> layout = Layout.fit([graph])
>>> pos = layout.positions(graph)
>>> pos["f:1"], pos["f:$LATEST"], pos["f:PROD"]
((1.0, 0.0), (2.0, 0.0), (1.0, 1.0))
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

__all__ = ["COLLAPSE_FROM", "KEEP_NEWEST", "Layout", "collapse"]

#: From this many published versions on, old versions nothing points to are collapsed.
COLLAPSE_FROM = 20
#: How many of the newest versions stay visible when a function is collapsed.
KEEP_NEWEST = 8

ALIAS_GAP = 0.8  # between alias lanes
ALIAS_STAGGER = 0.45  # sideways, between alias lanes
SOURCE_X = -1.8  # the event source column
SOURCE_GAP = 1.0  # between event source lanes
FUNCTION_DROP = 1.0  # the function node sits this far below its version row
BAND_GAP = 1.5  # between two functions' bands
MISSING_GAP = 0.7


def collapse(
    graph: nx.DiGraph, collapse_from: int = COLLAPSE_FROM, keep: int = KEEP_NEWEST
) -> nx.DiGraph:
    """The graph to draw: for each function with at least ``collapse_from`` versions, the old
    versions that nothing points to become one ``<function>:...`` node. Returns ``graph``
    itself when nothing collapses."""
    versions: dict[str, list[tuple[int, str]]] = {}
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "version":
            versions.setdefault(data["function"], []).append((data["number"], node))
    hidden: dict[str, list[tuple[int, str]]] = {}
    for function, numbered in versions.items():
        if len(numbered) < collapse_from:
            continue
        numbered.sort()
        old = numbered[: max(len(numbered) - keep, 0)]
        gone = [(n, v) for n, v in old if not any(True for _ in graph.predecessors(v))]
        if gone:
            hidden[function] = gone
    if not hidden:
        return graph
    drop = {v for gone in hidden.values() for _, v in gone}
    view = nx.DiGraph(**graph.graph)
    view.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if n not in drop)
    view.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if u not in drop)
    handled = dict(graph.graph.get("handled", {}))
    for function, gone in hidden.items():
        node = f"{function}:..."
        changed = any(graph.nodes[v]["changed"] for _, v in gone)
        view.add_node(
            node,
            kind="collapsed",
            label="...",
            arn="",
            changed=changed,
            function=function,
            count=len(gone),
            versions=[n for n, _ in gone],
        )
        view.add_edge(node, function, kind="version_of", label="", changed=False)
        for _, v in gone:
            if v in handled:
                handled[node] = handled.pop(v)
    view.graph["handled"] = handled
    return view


@dataclass
class Layout:
    """Geometry shared by every drawing fitted with it. Build it with :meth:`fit`."""

    #: Per function (by name): the y of its version row.
    rows: dict[str, float] = field(default_factory=dict)
    #: Per function: the x slot of ``$LATEST`` (after the most versions ever shown).
    latest_slot: dict[str, int] = field(default_factory=dict)
    #: Per function: the number of alias lanes.
    alias_lanes: dict[str, int] = field(default_factory=dict)
    source_top: float = 1.0
    missing_x: float = 3.0
    xlim: tuple[float, float] = (-3.0, 3.0)
    ylim: tuple[float, float] = (-2.0, 2.0)
    #: The node kinds present in any fitted graph, in legend order.
    kinds: tuple[str, ...] = ()

    def __repr__(self) -> str:
        functions = ", ".join(f"{f} @ y={y:g}" for f, y in self.rows.items())
        return f"Layout({functions}; x {self.xlim[0]:g}..{self.xlim[1]:g})"

    @classmethod
    def fit(cls, graphs: Iterable[nx.DiGraph]) -> Layout:
        """A layout that fits every graph in ``graphs`` (drawn as they are: collapse first)."""
        order: dict[str, int] = {}
        slots: dict[str, int] = {}
        lanes: dict[str, int] = {}
        source_lanes = 0
        has_sources = False
        missing = 0
        kinds: set[str] = set()
        for graph in graphs:
            counts: dict[str, int] = {}
            graph_missing = 0
            for _node, data in graph.nodes(data=True):
                kind = data.get("kind", "missing")
                kinds.add(kind)
                if kind == "function":
                    order.setdefault(data["function"], data["lane"])
                    counts.setdefault(data["function"], 0)
                elif kind in ("version", "collapsed"):
                    counts[data["function"]] = counts.get(data["function"], 0) + 1
                elif kind == "alias":
                    function = data["function"]
                    lanes[function] = max(lanes.get(function, 1), data["lane"] + 1)
                elif kind in ("bucket", "mapping"):
                    has_sources = True
                    source_lanes = max(source_lanes, data["lane"] + 1)
                elif kind == "missing":
                    graph_missing += 1
            missing = max(missing, graph_missing)
            for function, count in counts.items():
                slots[function] = max(slots.get(function, 1), count + 1)
        layout = cls()
        top = None  # of the first band
        cursor = 0.0  # the top of the next band
        y = 0.0
        for function in sorted(order, key=lambda f: (order[f], f)):
            n_lanes = lanes.get(function, 1)
            above = 1.0 + (n_lanes - 1) * ALIAS_GAP
            if top is None:
                top, y = above, 0.0
            else:
                y = cursor - above
            layout.rows[function] = y
            layout.alias_lanes[function] = n_lanes
            layout.latest_slot[function] = slots.get(function, 1)
            cursor = y - FUNCTION_DROP - BAND_GAP
        top = 1.0 if top is None else top
        bottom = y - FUNCTION_DROP
        layout.source_top = top
        if has_sources:
            bottom = min(bottom, top - (source_lanes - 1) * SOURCE_GAP)
        right = max(layout.latest_slot.values(), default=1)
        layout.missing_x = right + 1.2
        if missing:
            right = layout.missing_x
            bottom = min(bottom, top - (missing - 1) * MISSING_GAP)
        left = SOURCE_X - 0.9 if has_sources else -0.9
        layout.xlim = (left, right + 0.8)
        layout.ylim = (bottom - 0.75, top + 0.6)
        layout.kinds = tuple(k for k in KIND_ORDER if k in kinds)
        return layout

    def positions(self, graph: nx.DiGraph) -> dict[str, tuple[float, float]]:
        """Where each node of ``graph`` goes (``graph`` as drawn: collapse it first)."""
        pos: dict[str, tuple[float, float]] = {}
        rows: dict[str, list[tuple[int, str]]] = {}
        aliases = []
        missing = []
        for node, data in graph.nodes(data=True):
            kind = data.get("kind", "missing")
            if kind == "version":
                rows.setdefault(data["function"], []).append((data["number"], node))
            elif kind == "collapsed":
                rows.setdefault(data["function"], []).append((-1, node))
            elif kind == "alias":
                aliases.append((node, data))
            elif kind == "function":
                y = self.rows.get(node, 0.0)
                pos[node] = (float(self.latest_slot.get(node, 1)), y - FUNCTION_DROP)
            elif kind == "latest":
                function = data["function"]
                pos[node] = (float(self.latest_slot.get(function, 1)), self.rows.get(function, 0.0))
            elif kind in ("bucket", "mapping"):
                pos[node] = (SOURCE_X, self.source_top - data["lane"] * SOURCE_GAP)
            else:
                missing.append(node)
        for function, numbered in rows.items():
            y = self.rows.get(function, 0.0)
            numbered.sort()
            for slot, (_, node) in enumerate(numbered, start=1):
                pos[node] = (float(slot), y)
        for node, data in aliases:
            function = data["function"]
            xs = []
            for _, target, edge in graph.out_edges(node, data=True):
                if target in pos:
                    xs.append((pos[target][0], edge.get("weight", 1.0)))
            total = sum(w for _, w in xs) or 1.0
            x = sum(x * w for x, w in xs) / total if xs else 0.0
            # A fixed sideways offset per lane, so that an upper alias's arrow passes beside
            # a lower alias pointing at the same version.
            n_lanes = self.alias_lanes.get(function, 1)
            x += (data["lane"] - (n_lanes - 1) / 2) * ALIAS_STAGGER
            y = self.rows.get(function, 0.0) + 1.0 + data["lane"] * ALIAS_GAP
            pos[node] = (x, y)
        for index, node in enumerate(sorted(missing)):
            pos[node] = (self.missing_x, self.source_top - index * MISSING_GAP)
        return pos


KIND_ORDER = (
    "function",
    "latest",
    "version",
    "collapsed",
    "alias",
    "bucket",
    "mapping",
    "missing",
)
