"""The console's graph: the account drawn by :mod:`lambda_model.viz` into a PNG ``Image``.

One matplotlib ``Figure`` is made once and reused (no pyplot, no figure manager, nothing
leaks); each redraw clears its axes, draws the requested history step and encodes a PNG.
"""

from __future__ import annotations

import io

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..core import Account

__all__ = ["GraphView"]


def _draw(account: Account, ax, step: int) -> None:
    """Draw the account as it was after ``step`` history events, last change highlighted.

    Interim drawing until :func:`lambda_model.viz.draw` is available: the captions of the
    steps up to ``step``, the last one highlighted.
    """
    ax.set_axis_off()
    events = account.history[:step]
    shown = events[-8:]
    first = len(events) - len(shown)
    for row, event in enumerate(shown):
        last = row == len(shown) - 1
        ax.text(
            0.01,
            0.95 - row * 0.11,
            f"{first + row + 1:>3}  {event}",
            family="monospace",
            weight="bold" if last else "normal",
            color="#d62728" if last else "#333333",
            transform=ax.transAxes,
            va="top",
        )


class GraphView:
    """A PNG image of the account's graph at a given step.

    Parameters
    ----------
    width, height : float
        Figure size in inches.
    dpi : int
        Resolution of the PNG (the image is shown at its pixel size).
    """

    def __init__(self, width: float = 9.0, height: float = 4.0, dpi: int = 80) -> None:
        self.figure = Figure(figsize=(width, height), dpi=dpi)
        self.ax = self.figure.add_axes((0, 0, 1, 1))
        self.image = widgets.Image(format="png")
        self.image.add_class("lm-console-graph")
        #: The step drawn last (``None`` before the first draw).
        self.step: int | None = None
        self.draws = 0

    def __repr__(self) -> str:
        return f"GraphView(step {self.step}, {self.draws} draws)"

    def show(self, account: Account, step: int) -> None:
        """Draw ``account`` at ``step`` and put the PNG into the image widget."""
        self.ax.clear()
        _draw(account, self.ax, step)
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png")
        self.image.value = buffer.getvalue()
        self.step = step
        self.draws += 1
