"""Views: the account's pointers as a graph, a drawing and an animated history.

networkx and matplotlib are imported here (``pip install lambda-model[lab]``), never by the
core: ``import lambda_model`` stays fast and works in a bare Python.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from lambda_model import Account
>>> from lambda_model.viz import animate, draw, to_graph
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "v1", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> sorted(to_graph(account).edges)
[('f:$LATEST', 'f'), ('f:1', 'f'), ('f:PROD', 'f:1')]
"""

from .graph import graph_of, history_graphs, to_graph
from .layout import Layout, collapse
from .replay import Snapshot, replay

try:
    from .animate import HistoryAnimation, animate, captions
    from .draw import KIND_STYLES, draw, draw_graph, new_figure
except ImportError as error:  # no matplotlib (the in-browser course): one line, no traceback
    from ..charts import is_missing_matplotlib, without_charts

    if not is_missing_matplotlib(error):
        raise
    KIND_STYLES, HistoryAnimation, new_figure = {}, None, None
    draw, draw_graph, animate = map(without_charts, ["draw", "draw_graph", "animate"])

    def captions(account) -> list[str]:
        """The one-line caption of every history step (as :func:`.animate.captions`)."""
        snapshot = Snapshot(account.account_id, account.region)
        return [snapshot.apply(event).caption for event in account.history]


__all__ = [
    "KIND_STYLES",
    "HistoryAnimation",
    "Layout",
    "Snapshot",
    "animate",
    "captions",
    "collapse",
    "draw",
    "draw_graph",
    "graph_of",
    "history_graphs",
    "new_figure",
    "replay",
    "to_graph",
]
