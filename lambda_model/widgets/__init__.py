"""``lambda_model.widgets``: an ipywidgets console bound to an ``Account``.

ipywidgets (and networkx, through the graph) are imported here and only here; the core
stays importable in a bare Python. The graph is the SVG pointer picture of
:mod:`lambda_model.viz` (no matplotlib).

>>> from lambda_model import Account
>>> from lambda_model.widgets import Console
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "ok", publish=True)
>>> Console(account, "f")
Console(f: no aliases; 1 version; step 2 of 2)
"""

from .actions import (
    ConsoleError,
    RollbackUnavailable,
    Target,
    canary_candidates,
    previous_target,
    promote,
    publish_new_version,
    roll_back,
    set_canary,
    targets,
)
from .activity import ActivityLog, LogRow
from .console import Console
from .graph import GraphView, scrubber

__all__ = [
    "ActivityLog",
    "Console",
    "ConsoleError",
    "GraphView",
    "LogRow",
    "RollbackUnavailable",
    "Target",
    "canary_candidates",
    "previous_target",
    "promote",
    "publish_new_version",
    "roll_back",
    "scrubber",
    "set_canary",
    "targets",
]
