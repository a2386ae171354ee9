"""Every replay, by area: importing this module registers them all in ``harness.REPLAYS``."""

from . import (  # noqa: F401
    replays_event_sources,
    replays_functions,
    replays_invoke,
    replays_permissions,
    replays_revisions,
    replays_versions,
)
from .harness import REPLAYS

__all__ = ["REPLAYS"]
