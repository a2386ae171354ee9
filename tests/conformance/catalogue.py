"""Every replay, by area: importing this module registers them all in ``harness.REPLAYS``."""

from . import replays_functions, replays_permissions, replays_versions  # noqa: F401
from .harness import REPLAYS

__all__ = ["REPLAYS"]
