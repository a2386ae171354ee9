"""What a chart does where matplotlib is missing: one line, not a traceback.

matplotlib draws the deployment charts (the pointer picture needs none). Where it is
missing, as in the course's in-browser JupyterLite build (Pyodide has matplotlib only on its
CDN), a notebook keeps its stored figure, and a chart cell run again prints
:data:`CHARTS_NEED_FULL_INSTALL` instead of failing.

Examples
--------
>>> stand_in = without_charts("draw")
>>> stand_in("anything", title="ignored")  # doctest: +ELLIPSIS
draw: charts need the full install (matplotlib); ...
ChartUnavailable(draw)
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from typing import TypeVar

__all__ = [
    "CHARTS_NEED_FULL_INSTALL",
    "ChartUnavailable",
    "has_matplotlib",
    "is_missing_matplotlib",
    "needs_matplotlib",
    "without_charts",
]

CHARTS_NEED_FULL_INSTALL = (
    "charts need the full install (matplotlib); the figure stored in the notebook shows "
    'this cell\'s chart, and python -m pip install -e ".[lab]" draws it on your machine.'
)

F = TypeVar("F", bound=Callable[..., object])


def has_matplotlib() -> bool:
    """Whether matplotlib can be imported here."""
    try:
        return importlib.util.find_spec("matplotlib") is not None
    except (ImportError, ValueError):
        return False


def is_missing_matplotlib(error: ImportError) -> bool:
    """Whether an import failed because matplotlib (or one of its modules) is missing."""
    name = getattr(error, "name", None) or ""
    return name == "matplotlib" or name.startswith("matplotlib.")


class ChartUnavailable:
    """What a chart call gives where matplotlib is missing; it said so in one line already.

    A notebook shows nothing more for it (``_ipython_display_``), and the figure's methods
    a cell may call next (``to_jshtml()``, ``savefig(...)``) do nothing and return ``""``.

    >>> chart = ChartUnavailable("animate")
    >>> chart
    ChartUnavailable(animate)
    >>> chart.to_jshtml()
    ''
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"ChartUnavailable({self.name})"

    def _ipython_display_(self) -> None:
        """Nothing to show: the line was printed when the chart was asked for."""

    def __getattr__(self, attribute: str) -> Callable[..., str]:
        if attribute.startswith("_"):
            raise AttributeError(attribute)
        return lambda *args, **kwargs: ""


def without_charts(name: str) -> Callable[..., ChartUnavailable]:
    """A stand-in for the drawing function ``name``: it prints the one line."""

    def stand_in(*args: object, **kwargs: object) -> ChartUnavailable:
        print(f"{name}: {CHARTS_NEED_FULL_INSTALL}")
        return ChartUnavailable(name)

    stand_in.__name__ = stand_in.__qualname__ = name
    stand_in.__doc__ = f"``{name}`` needs matplotlib, missing here: prints one line saying so."
    return stand_in


def needs_matplotlib(function: F) -> F:
    """``function`` where matplotlib is installed; its one-line stand-in where it is not."""
    stand_in = without_charts(function.__name__)

    @functools.wraps(function)
    def chart(*args: object, **kwargs: object) -> object:
        if not has_matplotlib():
            return stand_in(*args, **kwargs)
        return function(*args, **kwargs)

    return chart  # type: ignore[return-value]
