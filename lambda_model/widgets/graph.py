"""The console's graph: the account drawn by :mod:`lambda_model.viz` as inline SVG.

Each redraw replays the history up to the requested step and writes the pointer picture
(the same renderer as the notebooks and the demo) into an ``ipywidgets.HTML`` as inline SVG,
inside a ``role="img"`` element whose ``aria-label`` is the picture's text alternative (the
SVG carries it as ``<title>``/``<desc>`` too), so screen readers read it and any Unicode in
names renders. Places come from the whole history, so looking back with the history slider
moves nothing but the alias arrows.

:func:`scrubber` is the same picture with a slider, to step through a story by hand where a
kernel runs (the stored, kernel-free version is :func:`lambda_model.viz.animate`).

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "ok", publish=True)
>>> view = GraphView()
>>> view.show(account, 1).caption
'create function f'
>>> view.image.value.startswith('<div role="img" aria-label="create function f.')
True
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets
import networkx as nx

from ..core import Account
from ..viz import Picture, Snapshot, graph_of, places_of, render, replay

__all__ = ["GraphView", "scrubber", "svg_html"]


def svg_html(picture: Picture) -> str:
    """``picture`` as HTML: inline SVG in a ``role="img"`` box labelled with its text
    alternative (the one role: the SVG inside is its picture), scaled down to fit its
    container, and out of reach of MathJax (``$``)."""
    label = html.escape(f"{picture.title}. {picture.desc}", quote=True)
    svg = re.sub(r' role="img" aria-labelledby="[^"]*"', "", picture.svg, count=1)
    svg = svg.replace("<svg ", '<svg style="max-width:100%;height:auto" ', 1)
    return (
        f'<div role="img" aria-label="{label}" class="lm-graph tex2jax_ignore mathjax_ignore">'
        f"{svg}</div>"
    )


class GraphView:
    """The pointer picture of an account after a given number of history steps."""

    def __init__(self) -> None:
        self.image = widgets.HTML()
        self.image.add_class("lm-console-graph")
        #: The step drawn last (``None`` before the first draw), its snapshot and picture.
        self.step: int | None = None
        self.snapshot: Snapshot | None = None
        self.picture: Picture | None = None
        self.draws = 0
        self._places: tuple[int, object] | None = None  # (history length, places)

    def __repr__(self) -> str:
        return f"GraphView(step {self.step}, {self.draws} draws)"

    def show(self, account: Account, step: int) -> Snapshot:
        """Draw ``account`` as it was after its first ``step`` history events; the snapshot."""
        history = account.history
        snapshot = replay(history[:step], account_id=account.account_id, region=account.region)
        if self._places is None or self._places[0] != len(history):
            self._places = (len(history), places_of(account))
        graph = graph_of(snapshot) if step else nx.DiGraph(caption="", handled={})
        corner = f"step {step} of {len(history)}"
        self.picture = render(graph, self._places[1], corner=corner)
        self.image.value = svg_html(self.picture)
        self.step, self.snapshot = step, snapshot
        self.draws += 1
        return snapshot


def scrubber(account: Account, step: int | None = None) -> widgets.VBox:
    """A slider over ``account``'s history and its picture at the chosen step."""
    total = len(account.history)
    view = GraphView()
    slider = widgets.IntSlider(
        value=total if step is None else step,
        min=1,
        max=max(total, 1),
        description="step",
        continuous_update=True,
        layout=widgets.Layout(width="60%"),
    )

    def redraw(change=None) -> None:
        view.show(account, slider.value)

    slider.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([slider, view.image])
    box.view = view  # type: ignore[attr-defined]
    return box
