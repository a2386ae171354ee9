"""Draw the graph with matplotlib: one colour and one shape per node kind, fixed positions.

What the last step changed has a gold halo; the version that ran for the last upload or
message batch has a green halo (red if it failed). A weighted alias's two edges are labelled
with their share in percent. A bucket edge whose exact target lacks S3's invoke grant is
dashed red.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "v1", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> draw(account)  # doctest: +ELLIPSIS
<Figure size ... with 1 Axes>
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import matplotlib.pyplot as plt
import networkx as nx
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from lambda_model.viz.graph import to_graph

from .layout import COLLAPSE_FROM, KEEP_NEWEST, Layout, collapse

__all__ = ["KIND_STYLES", "KindStyle", "draw", "draw_graph", "new_figure"]


@dataclass(frozen=True)
class KindStyle:
    """How one node kind looks: marker shape, fill colour, and its name in the legend."""

    shape: str
    color: str
    legend: str
    size: float = 1.0  # relative to a version's marker


KIND_STYLES = {
    "function": KindStyle("D", "#4d4d4d", "function", 1.0),
    "latest": KindStyle("h", "#8e6bbf", "$LATEST", 1.15),
    "version": KindStyle("o", "#3b75af", "version", 1.0),
    "collapsed": KindStyle("8", "#b8c4d0", "older versions", 1.0),
    "alias": KindStyle("v", "#3a9a5b", "alias", 1.0),
    "bucket": KindStyle("s", "#e08a2c", "S3 bucket", 1.0),
    "mapping": KindStyle(">", "#c2477f", "queue mapping", 1.0),
    "missing": KindStyle("X", "#c0392b", "missing target", 0.8),
}
EDGE_COLORS = {
    "routes": "#3a9a5b",
    "version_of": "#c9ced6",
    "notifies": "#e08a2c",
    "maps": "#c2477f",
}
#: Event source edges bend slightly; one to a node on a version row arches over the row, so
#: it never seems to run through the versions on its way (matplotlib's arc3: a negative
#: ``rad`` bends a rightward edge upwards).
SOURCE_CURVE = "arc3,rad=0.12"
SOURCE_CURVE_TO_ROW = "arc3,rad=-0.22"
ROW_KINDS = ("version", "latest", "collapsed")
CHANGED = "#f5c518"
TITLE_SIZE = 11.5
OUTCOME_COLORS = {"ok": "#2ecc71", "error": "#e74c3c"}
REFUSED = "#c0392b"

# Page geometry: margins in points, for a two-line title above and the legend below.
_SIDE_PT, _TITLE_PT, _LEGEND_PT = 6.0, 42.0, 30.0


def _text(value: str) -> str:
    """Escape ``$`` so matplotlib never reads ``$LATEST`` as mathematics."""
    return value.replace("$", r"\$")


def new_figure(layout: Layout, *, figsize=None, dpi: float | None = None) -> Figure:
    """A figure sized for ``layout`` at notebook width, with fixed margins (no tight_layout).

    It is made with pyplot (so notebooks know how to show it) and closed at once (so pyplot
    neither shows it twice nor keeps it alive); it keeps an Agg canvas, so ``fig.canvas.draw()``
    renders and repeated ``savefig`` calls reuse one renderer.
    """
    if figsize is None:
        xspan = layout.xlim[1] - layout.xlim[0]
        yspan = layout.ylim[1] - layout.ylim[0]
        width = min(max(0.72 * xspan, 7.5), 10.0)
        height = min(max(0.72 * yspan + 1.2, 3.2), 9.0)
        figsize = (width, height)
    fig = plt.figure(figsize=figsize, dpi=dpi)
    plt.close(fig)
    FigureCanvasAgg(fig)
    width_pt, height_pt = figsize[0] * 72, figsize[1] * 72
    fig.subplots_adjust(
        left=_SIDE_PT / width_pt,
        right=1 - _SIDE_PT / width_pt,
        bottom=_LEGEND_PT / height_pt,
        top=1 - _TITLE_PT / height_pt,
    )
    return fig


def draw(
    account,
    ax: Axes | None = None,
    step: int | None = None,
    *,
    layout: Layout | None = None,
    collapse_from: int = COLLAPSE_FROM,
    keep: int = KEEP_NEWEST,
    title: str | None = None,
    legend: bool = True,
    figsize=None,
    dpi: float | None = None,
) -> Figure:
    """Draw ``account`` now, or after history step ``step``; returns the figure.

    ``account`` may also be a graph from :func:`to_graph`. With ``ax``, draws into it (clearing
    it first: the fast way to redraw). ``layout`` fixes the positions (see :class:`Layout`);
    by default it is fitted to this one graph. ``title`` defaults to the last step's caption.
    """
    graph = account if isinstance(account, nx.DiGraph) else to_graph(account, step)
    view = collapse(graph, collapse_from, keep)
    if layout is None:
        layout = Layout.fit([view])
    if ax is None:
        ax = new_figure(layout, figsize=figsize, dpi=dpi).add_subplot()
    draw_graph(view, ax, layout, title=title, legend=legend)
    return ax.figure


def _reset(ax: Axes) -> None:
    """Empty the axes for a new drawing. Removing the previous drawing's artists is much
    cheaper than ``ax.clear()``, which rebuilds the (hidden) axis machinery."""
    if getattr(ax, "_lambda_model_drawn", False):
        for artist in [*ax.collections, *ax.patches, *ax.texts, *ax.lines]:
            artist.remove()
        legend = ax.get_legend()
        if legend is not None:
            legend.remove()
        ax.set_title("", loc="left")
        ax.set_title("", loc="right")
    else:
        ax.clear()
        ax.set_axis_off()
        ax._lambda_model_drawn = True


def _axes_points(ax: Axes) -> tuple[float, float]:
    """The axes' width and height in points."""
    box = ax.get_position()
    fig = ax.figure
    return box.width * fig.get_figwidth() * 72, box.height * fig.get_figheight() * 72


def _node_size(ax: Axes, layout: Layout) -> tuple[float, float]:
    """Marker area (points²) and label font size so that neighbours never touch."""
    width_pt, height_pt = _axes_points(ax)
    per_x = width_pt / (layout.xlim[1] - layout.xlim[0])
    per_y = height_pt / (layout.ylim[1] - layout.ylim[0])
    diameter = min(26.0, 0.62 * per_x, 0.55 * per_y)
    return diameter**2, max(min(9.5, 0.42 * diameter), 5.0)


def draw_graph(
    view: nx.DiGraph,
    ax: Axes,
    layout: Layout,
    *,
    title: str | None = None,
    corner: str = "",
    legend: bool = True,
) -> None:
    """Draw a (collapsed) graph into ``ax`` at ``layout``'s fixed positions.

    ``title`` (the last step's caption by default) goes top left, ``corner`` top right.
    """
    _reset(ax)
    ax.set_xlim(*layout.xlim)
    ax.set_ylim(*layout.ylim)
    pos = layout.positions(view)
    size, font = _node_size(ax, layout)

    by_kind: dict[str, list[str]] = {}
    for node, data in view.nodes(data=True):
        by_kind.setdefault(data.get("kind", "missing"), []).append(node)
    handled = view.graph.get("handled", {})

    # Halos under what changed and under the version that ran.
    halo_nodes = [n for n, d in view.nodes(data=True) if d.get("changed") and n not in handled]
    if halo_nodes:
        nx.draw_networkx_nodes(
            view,
            pos,
            nodelist=halo_nodes,
            node_size=size * 2.3,
            node_color=CHANGED,
            alpha=0.55,
            linewidths=0,
            ax=ax,
        ).set_gid("changed")
    ran = [n for n in handled if n in pos]
    if ran:
        nx.draw_networkx_nodes(
            view,
            pos,
            nodelist=ran,
            node_size=size * 2.6,
            alpha=0.75,
            linewidths=0,
            ax=ax,
            node_color=[OUTCOME_COLORS.get(handled[n], OUTCOME_COLORS["error"]) for n in ran],
        ).set_gid("handled")

    _draw_edges(view, pos, ax, size, font)

    for kind in layout.kinds:
        nodes = by_kind.get(kind)
        if not nodes:
            continue
        style = KIND_STYLES[kind]
        nx.draw_networkx_nodes(
            view,
            pos,
            nodelist=nodes,
            node_shape=style.shape,
            node_color=style.color,
            node_size=size * style.size,
            edgecolors="white",
            linewidths=1.0,
            ax=ax,
            label=style.legend,
        ).set_gid(kind)
    _draw_labels(view, pos, ax, by_kind, size, font)

    caption = view.graph.get("caption", "") if title is None else title
    if corner:
        ax.set_title(_text(corner), fontsize=9, loc="right", color="#777")
    if caption:
        chars = int(_axes_points(ax)[0] / (TITLE_SIZE * 0.6)) - len(corner) - 2
        wrapped = textwrap.fill(caption, max(chars, 20), break_on_hyphens=False)
        ax.set_title(
            _text(wrapped), fontsize=TITLE_SIZE, loc="left", fontweight="bold", color="#222"
        )
    if legend and layout.kinds:
        handles = [
            Line2D(
                [],
                [],
                linestyle="",
                marker=KIND_STYLES[k].shape,
                markersize=8,
                markerfacecolor=KIND_STYLES[k].color,
                markeredgecolor="white",
                label=_text(KIND_STYLES[k].legend),
            )
            for k in layout.kinds
        ]
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=len(handles),
            frameon=False,
            fontsize=8,
            handletextpad=0.3,
            columnspacing=1.2,
        )


def _source_curve(view: nx.DiGraph, target: str) -> str:
    """The connection style of an event source's edge to ``target``."""
    return SOURCE_CURVE_TO_ROW if view.nodes[target].get("kind") in ROW_KINDS else SOURCE_CURVE


def _by_curve(view: nx.DiGraph, edges: list) -> dict[str, list]:
    """Event source edges grouped by their connection style."""
    groups: dict[str, list] = {}
    for u, v in edges:
        groups.setdefault(_source_curve(view, v), []).append((u, v))
    return groups


def _draw_edges(view: nx.DiGraph, pos, ax: Axes, size: float, font: float) -> None:
    by_kind: dict[str, list] = {}
    for u, v, data in view.edges(data=True):
        by_kind.setdefault(data["kind"], []).append((u, v, data))
    margin = size**0.5 / 2 + 2

    changed = [
        (u, v)
        for u, v, d in view.edges(data=True)
        if d.get("changed") and d["kind"] != "version_of"
    ]
    straight = [(u, v) for u, v in changed if view.edges[u, v]["kind"] == "routes"]
    curved = [(u, v) for u, v in changed if (u, v) not in straight]
    groups = [(straight, "arc3"), *((e, s) for s, e in _by_curve(view, curved).items())]
    for edgelist, style in groups:
        if edgelist:
            nx.draw_networkx_edges(
                view,
                pos,
                edgelist=edgelist,
                width=7,
                edge_color=CHANGED,
                alpha=0.55,
                arrows=True,
                arrowstyle="-",
                connectionstyle=style,
                ax=ax,
                min_source_margin=margin * 0.6,
                min_target_margin=margin * 0.6,
            )

    version_of = by_kind.get("version_of", [])
    if version_of:
        nx.draw_networkx_edges(
            view,
            pos,
            edgelist=[(u, v) for u, v, _ in version_of],
            arrows=False,
            width=0.8,
            edge_color=EDGE_COLORS["version_of"],
            ax=ax,
        )

    routes = by_kind.get("routes", [])
    if routes:
        nx.draw_networkx_edges(
            view,
            pos,
            edgelist=[(u, v) for u, v, _ in routes],
            arrows=True,
            arrowsize=14,
            width=[1.2 + 2.3 * d["weight"] for _, _, d in routes],
            edge_color=EDGE_COLORS["routes"],
            min_source_margin=margin * 0.8,
            min_target_margin=margin,
            ax=ax,
        )
        labels = {(u, v): d["label"] for u, v, d in routes if d["label"]}
        if labels:
            nx.draw_networkx_edge_labels(
                view,
                pos,
                edge_labels=labels,
                label_pos=0.55,
                font_size=font,
                font_color=EDGE_COLORS["routes"],
                font_weight="bold",
                ax=ax,
                rotate=False,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
            )

    for kind in ("notifies", "maps"):
        edges = by_kind.get(kind, [])
        if not edges:
            continue
        ok = [(u, v) for u, v, d in edges if d.get("authorized", True)]
        refused = [(u, v) for u, v, d in edges if not d.get("authorized", True)]
        for group, color, line in ((ok, EDGE_COLORS[kind], "solid"), (refused, REFUSED, "--")):
            for curve, edgelist in _by_curve(view, group).items():
                nx.draw_networkx_edges(
                    view,
                    pos,
                    edgelist=edgelist,
                    arrows=True,
                    arrowsize=14,
                    width=1.8,
                    edge_color=color,
                    style=line,
                    connectionstyle=curve,
                    min_source_margin=margin,
                    min_target_margin=margin,
                    ax=ax,
                )
        for curve, edgelist in _by_curve(view, refused).items():
            nx.draw_networkx_edge_labels(
                view,
                pos,
                edge_labels={e: "no permission" for e in edgelist},
                font_size=font * 0.9,
                font_color=REFUSED,
                ax=ax,
                rotate=False,
                connectionstyle=curve,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
            )


def _draw_labels(view: nx.DiGraph, pos, ax: Axes, by_kind, size: float, font: float) -> None:
    radius = size**0.5 / 2  # points
    # Offsets in data units from the marker's centre, computed from points.
    width_pt, height_pt = _axes_points(ax)
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    unit_x, unit_y = (x1 - x0) / width_pt, (y1 - y0) / height_pt  # data units per point
    below = (radius + font * 0.9) * unit_y
    above = (radius + font * 0.8) * unit_y

    def shifted(nodes, dx=0.0, dy=0.0):
        return {n: (pos[n][0] + dx, pos[n][1] + dy) for n in nodes}

    def text(nodes, where, **kwargs):
        labels = {n: _text(view.nodes[n]["label"]) for n in nodes}
        nx.draw_networkx_labels(view, where, labels=labels, ax=ax, **kwargs)

    inside = by_kind.get("version", []) + by_kind.get("collapsed", [])
    if inside:
        text(inside, pos, font_size=font, font_color="white", font_weight="bold")
    collapsed = by_kind.get("collapsed", [])
    if collapsed:
        counts = {n: f"{view.nodes[n]['count']} older" for n in collapsed}
        nx.draw_networkx_labels(
            view,
            shifted(collapsed, dy=-below),
            labels=counts,
            font_size=font * 0.85,
            font_color="#5a6570",
            ax=ax,
        )
    # A policy is written beside the name of what it sits on (centred below a version).
    policies: dict[str, tuple[dict, dict]] = {"left": ({}, {}), "center": ({}, {})}
    for kind, dy in (("function", -below), ("version", -below), ("alias", above)):
        for n in by_kind.get(kind, []):
            grants = view.nodes[n].get("grants")
            if not grants:
                continue
            if kind == "version":
                where, dx = "center", 0.0
            else:
                where, dx = "left", (len(view.nodes[n]["label"]) * font * 0.34 + 4) * unit_x
            policies[where][0][n] = (pos[n][0] + dx, pos[n][1] + dy)
            policies[where][1][n] = _text("policy: " + ", ".join(grants))
    for where, (where_pos, labels) in policies.items():
        if labels:
            nx.draw_networkx_labels(
                view,
                where_pos,
                labels=labels,
                font_size=font * 0.8,
                font_color="#666",
                horizontalalignment=where,
                ax=ax,
            )
    for kind, dy, weight, color in (
        ("latest", above, "normal", KIND_STYLES["latest"].color),
        ("function", -below, "bold", KIND_STYLES["function"].color),
        ("alias", above, "bold", KIND_STYLES["alias"].color),
        ("bucket", above, "bold", KIND_STYLES["bucket"].color),
        ("mapping", above, "bold", KIND_STYLES["mapping"].color),
        ("missing", -below, "normal", KIND_STYLES["missing"].color),
    ):
        nodes = by_kind.get(kind)
        if nodes:
            text(
                nodes,
                shifted(nodes, dy=dy),
                font_size=font,
                font_weight=weight,
                font_color=color,
            )
