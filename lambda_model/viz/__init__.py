"""Views: the account's pointers as a graph, a picture and an animated story.

The pointer picture is SVG written directly (no matplotlib), so it also runs where only
pure-Python packages exist. networkx is imported here (``pip install lambda-model[lab]``),
never by the core: ``import lambda_model`` stays fast and works in a bare Python.

- :func:`to_graph`: the account (now, or after a history step) as a ``networkx.DiGraph``;
- :func:`positions`: where each node of that graph sits, fixed for the whole story;
- :func:`draw`: a :class:`Picture` (SVG with its text alternative);
- :func:`animate`: an :class:`Animation`, one self-contained animated SVG that plays
  without JavaScript, a kernel or a network;
- :func:`compare`: the version-ARN wiring and the PROD-alias wiring side by side.

Examples
--------
>>> from lambda_model import Account
>>> from lambda_model.viz import draw, positions, to_graph
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "v1", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> sorted(to_graph(account).edges)
[('f:$LATEST', 'f'), ('f:1', 'f'), ('f:PROD', 'f:1')]
>>> positions(account)["f:PROD"] == positions(account, step=2)["f:PROD"]
True
>>> draw(account).svg.startswith("<svg")
True
"""

from .compare import compare, compare_summary, comparison_frames, comparison_log
from .graph import graph_of, history_graphs, to_graph
from .motion import Animation, animate, captions, still
from .picture import COLORS, LEGEND, Picture, draw, render
from .places import Places, places_of, positions
from .replay import Snapshot, replay

__all__ = [
    "COLORS",
    "LEGEND",
    "Animation",
    "Picture",
    "Places",
    "Snapshot",
    "animate",
    "captions",
    "compare",
    "compare_summary",
    "comparison_frames",
    "comparison_log",
    "draw",
    "graph_of",
    "history_graphs",
    "places_of",
    "positions",
    "render",
    "replay",
    "still",
    "to_graph",
]
