"""The history as an animation: one frame per step, each with its caption.

Every frame is drawn with one :class:`~lambda_model.viz.layout.Layout` fitted to all of them,
so only what a step changed moves. The result is a
:class:`matplotlib.animation.FuncAnimation`: ``anim.to_jshtml()`` gives HTML that plays in a
static page (GitHub, nbviewer) without a kernel, and
``anim.save("story.gif", writer=PillowWriter(fps=1))`` writes a GIF.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "v1", publish=True)
>>> _ = account.update_function_code("f", lambda event, context: "v2", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> _ = account.update_alias("f", "PROD", function_version="2")
>>> _ = account.update_alias("f", "PROD", function_version="1")
>>> captions(account)[-2:]
['PROD: 1 -> 2', 'rollback: PROD 2 -> 1']
>>> anim = animate(account, dpi=30)
>>> "<script" in anim.to_jshtml()
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matplotlib.animation import FuncAnimation

from lambda_model.viz.graph import history_graphs
from lambda_model.viz.replay import Snapshot

from .draw import draw_graph, new_figure
from .layout import COLLAPSE_FROM, KEEP_NEWEST, Layout, collapse

__all__ = ["HistoryAnimation", "animate", "captions", "frame_corner"]


def captions(account) -> list[str]:
    """The one-line caption of every history step ("PROD: 3 -> 4", "rollback: PROD 4 -> 3")."""
    snapshot = Snapshot(account.account_id, account.region)
    return [snapshot.apply(event).caption for event in account.history]


def frame_corner(step: int, total: int) -> str:
    """``step 4/12``: the frame's place in the history (steps counted from 1)."""
    return f"step {step + 1}/{total}"


class HistoryAnimation(FuncAnimation):
    """A :class:`~matplotlib.animation.FuncAnimation` of an account's history that shows
    itself in a notebook as its ``to_jshtml()`` player (so it plays on nbviewer too)."""

    def __init__(self, fig, func, frames: int, *, interval: int) -> None:
        super().__init__(
            fig, func, frames=frames, init_func=lambda: [], interval=interval, repeat=True
        )
        self.frames = frames

    def __repr__(self) -> str:
        return f"HistoryAnimation({self.frames} frames, {self._interval} ms apart)"

    def _repr_html_(self) -> str:
        return self.to_jshtml()


def animate(
    account,
    *,
    steps: Sequence[int] | None = None,
    interval: int = 1500,
    collapse_from: int = COLLAPSE_FROM,
    keep: int = KEEP_NEWEST,
    figsize=None,
    dpi: float | None = None,
    on_frame: Callable[[int, int], None] | None = None,
) -> HistoryAnimation:
    """One frame per history step (or per step in ``steps``), ``interval`` ms apart.

    ``on_frame(i, n)`` is called as frame ``i`` of ``n`` is drawn (to show progress while an
    export renders every frame).
    """
    total = len(account.history)
    if total == 0:
        raise ValueError("the account has no history to animate")
    indices = list(range(total)) if steps is None else sorted({s % total for s in steps})
    views = [collapse(g, collapse_from, keep) for g in history_graphs(account, indices)]
    layout = Layout.fit(views)
    fig = new_figure(layout, figsize=figsize, dpi=dpi)
    ax = fig.add_subplot()

    def update(i: int):
        if on_frame is not None:
            on_frame(i, len(views))
        view = views[i]
        draw_graph(view, ax, layout, corner=frame_corner(view.graph["step"], total))
        return []

    return HistoryAnimation(fig, update, len(views), interval=interval)
