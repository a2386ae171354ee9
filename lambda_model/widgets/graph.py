"""The console's graph: the account drawn by :mod:`lambda_model.viz` into an SVG ``Image``.

One matplotlib figure is made once and reused (viz's ``new_figure``: closed to pyplot).
Each redraw replays the history up to the requested step, draws it with the last change
highlighted, and writes it as SVG: vector, crisp at any zoom, and about half the time of a
PNG of the same figure, which needs rasterising and compressing. Positions come from a
layout fitted to the present (and to the step on view, when looking back), so a click that
only moves an alias moves only that alias.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "ok", publish=True)
>>> view = GraphView()
>>> view.show(account, 1).caption
'create function f'
>>> bytes(view.image.value[:5])
b'<?xml'
"""

from __future__ import annotations

import html
import io

import ipywidgets as widgets

from ..charts import CHARTS_NEED_FULL_INSTALL
from ..core import Account
from ..viz import Layout, Snapshot, collapse, draw, graph_of, new_figure, replay

__all__ = ["GraphView"]

FIGSIZE = (9.6, 4.4)
DPI = 80


class GraphView:
    """An SVG image of the account's graph after a given number of history steps."""

    def __init__(self) -> None:
        #: Without matplotlib (the in-browser course) no picture: one line in its place.
        self.figure = None if new_figure is None else new_figure(Layout(), figsize=FIGSIZE, dpi=DPI)
        self.ax = None if self.figure is None else self.figure.add_subplot()
        if self.figure is None:
            self.image = widgets.HTML(
                f"<p>The picture: {html.escape(CHARTS_NEED_FULL_INSTALL)}</p>"
            )
        else:
            self.image = widgets.Image(format="svg+xml")
        self.image.add_class("lm-console-graph")
        #: The step drawn last (``None`` before the first draw) and its snapshot.
        self.step: int | None = None
        self.snapshot: Snapshot | None = None
        self.draws = 0
        self._present: tuple[int, object] | None = None  # (history length, drawn view)

    def __repr__(self) -> str:
        return f"GraphView(step {self.step}, {self.draws} draws)"

    def show(self, account: Account, step: int) -> Snapshot:
        """Draw ``account`` as it was after its first ``step`` history events; the snapshot."""
        history = account.history
        snapshot = replay(history[:step], account_id=account.account_id, region=account.region)
        view = collapse(graph_of(snapshot))
        if step == len(history):
            self._present = (step, view)
            layout = Layout.fit([view])
        else:
            if self._present is None or self._present[0] != len(history):
                now = replay(history, account_id=account.account_id, region=account.region)
                self._present = (len(history), collapse(graph_of(now)))
            layout = Layout.fit([self._present[1], view])
        if self.figure is None:
            self.step, self.snapshot = step, snapshot
            return snapshot
        draw(view, ax=self.ax, layout=layout)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="svg")
        self.image.value = buffer.getvalue()
        self.step, self.snapshot = step, snapshot
        self.draws += 1
        return snapshot
