"""Alarms: a threshold on a metric of one version, over a window of whole minutes.

An alarm is evaluated at every minute boundary while a deployment runs, over the last
``window`` minutes (fewer at the very start). Its state is CloudWatch's: ``OK``, ``ALARM``, or
``INSUFFICIENT_DATA`` when the version served no request in the window (missing data is not
breaching). A deployment that sees one of its alarms enter ``ALARM`` rolls back at once.

``version`` names whose metric: ``"new"`` (the version being deployed), ``"old"`` (the one the
alias pointed at before), ``"all"`` (every request through the alias), or a version number.

Examples
--------
>>> from lambda_model.deploy.metrics import Metrics
>>> alarm = Alarm("checkout-new-errors", threshold=0.05, window=2)
>>> alarm
Alarm('checkout-new-errors': ErrorRate of the new version > 5% over 2 minutes)
>>> metrics = Metrics()
>>> metrics.add(0, "2", invocations=60, errors=1)
>>> metrics.add(1, "2", invocations=60, errors=9)
>>> alarm.evaluate(metrics, {"new": "2", "old": "1"}, end=1)
('OK', 0.016666666666666666)
>>> alarm.evaluate(metrics, {"new": "2", "old": "1"}, end=2)
('ALARM', 0.08333333333333333)
>>> alarm.describe(0.0833, {"new": "2", "old": "1"})
'ErrorRate of version 2 over 2 minutes = 8.3%, threshold > 5%'
"""

from __future__ import annotations

from dataclasses import dataclass

from .metrics import METRIC_NAMES, Metrics

__all__ = ["ALARM", "COMPARISON_OPERATORS", "INSUFFICIENT_DATA", "OK", "Alarm"]

OK = "OK"
ALARM = "ALARM"
INSUFFICIENT_DATA = "INSUFFICIENT_DATA"

#: CloudWatch's comparison operators, with the symbol used in captions.
COMPARISON_OPERATORS = {
    "GreaterThanThreshold": (">", float.__gt__),
    "GreaterThanOrEqualToThreshold": (">=", float.__ge__),
    "LessThanThreshold": ("<", float.__lt__),
    "LessThanOrEqualToThreshold": ("<=", float.__le__),
}

_ROLES = {"new": "the new version", "old": "the old version", "all": "every version"}


@dataclass(frozen=True)
class Alarm:
    """``metric_name`` of ``version`` compared with ``threshold`` over ``window`` minutes."""

    name: str
    metric_name: str = "ErrorRate"
    threshold: float = 0.05
    version: str = "new"
    window: int = 2
    comparison_operator: str = "GreaterThanThreshold"

    def __post_init__(self) -> None:
        if self.metric_name not in METRIC_NAMES:
            raise ValueError(f"metric_name must be one of {METRIC_NAMES}, not {self.metric_name!r}")
        if self.comparison_operator not in COMPARISON_OPERATORS:
            raise ValueError(
                f"comparison_operator must be one of {list(COMPARISON_OPERATORS)}, "
                f"not {self.comparison_operator!r}"
            )
        if not (isinstance(self.window, int) and self.window >= 1):
            raise ValueError("window must be a whole number of minutes, at least 1")
        if self.version not in _ROLES and not str(self.version).isdigit():
            raise ValueError(
                f"version must be 'new', 'old', 'all' or a number, not {self.version!r}"
            )

    def __repr__(self) -> str:
        whose = _ROLES.get(self.version, f"version {self.version}")
        return (
            f"Alarm({self.name!r}: {self.metric_name} of {whose} {self._symbol} "
            f"{self._format(self.threshold)} over {self._window_text})"
        )

    @property
    def _symbol(self) -> str:
        return COMPARISON_OPERATORS[self.comparison_operator][0]

    @property
    def _window_text(self) -> str:
        return "1 minute" if self.window == 1 else f"{self.window} minutes"

    def _format(self, value: float) -> str:
        if self.metric_name == "ErrorRate":
            return f"{value:.1%}".replace(".0%", "%")
        if self.metric_name == "Duration":
            return f"{value:g} ms"
        return f"{value:g}"

    def resolve(self, versions: dict[str, str]) -> str | None:
        """The version number this alarm watches (``None``: every version)."""
        if self.version == "all":
            return None
        return versions.get(self.version, self.version)

    def evaluate(
        self, metrics: Metrics, versions: dict[str, str], end: int
    ) -> tuple[str, float | None]:
        """The state and the metric's value over minutes ``[end - window, end)``."""
        value = metrics.value(self.metric_name, self.resolve(versions), end - self.window, end)
        if value is None:
            return INSUFFICIENT_DATA, None
        breaching = COMPARISON_OPERATORS[self.comparison_operator][1](float(value), self.threshold)
        return (ALARM if breaching else OK), value

    def describe(self, value: float | None, versions: dict[str, str] | None = None) -> str:
        """Why the alarm is in its state: the value it saw, and its threshold."""
        version = self.resolve(versions or {})
        whose = "every version" if version is None else f"version {version}"
        if value is None:
            return f"no {self.metric_name} datapoint for {whose} over {self._window_text}"
        return (
            f"{self.metric_name} of {whose} over {self._window_text} = {self._format(value)}, "
            f"threshold {self._symbol} {self._format(self.threshold)}"
        )
