"""Per-version, per-minute metrics of the traffic sent through an alias, as CloudWatch keeps
them for Lambda (``Invocations``, ``Errors`` and ``Duration`` by ``ExecutedVersion``), plus
``ErrorRate`` (errors / invocations, the metric-math alarms usually watch).

Minute ``m`` covers the seconds ``[60 m, 60 m + 60)`` after traffic started. Counts are plain
integers in plain lists: the traffic loop adds one second's tally at a time.

Examples
--------
>>> metrics = Metrics()
>>> metrics.add(0, "1", invocations=540, errors=0)
>>> metrics.add(0, "2", invocations=60, errors=12)
>>> metrics.add(1, "2", invocations=60, errors=3)
>>> metrics
Metrics(2 minutes, versions ['1', '2'])
>>> metrics.series("ErrorRate", "2")
[0.2, 0.05]
>>> metrics.value("ErrorRate", "2", 0, 2)
0.125
>>> print(metrics.table())
minute  v1 calls  v1 errors  v2 calls  v2 errors
     0       540          0        60         12
     1         0          0        60          3
"""

from __future__ import annotations

__all__ = ["METRIC_NAMES", "Metrics"]

#: What an alarm can watch.
METRIC_NAMES = ("Invocations", "Errors", "ErrorRate", "Duration")

_INVOCATIONS, _ERRORS, _DURATION_SUM, _DURATION_COUNT = range(4)


class Metrics:
    """Invocations, errors and reported durations, per executed version and per minute."""

    __slots__ = ("_series",)

    def __init__(self) -> None:
        # version -> [invocations per minute, errors, duration sums (ms), duration counts]
        self._series: dict[str, list[list]] = {}

    def __repr__(self) -> str:
        return f"Metrics({self.minutes} minutes, versions {self.versions})"

    @property
    def versions(self) -> list[str]:
        """The versions that served requests, in number order."""
        return sorted(self._series, key=lambda v: (len(v), v))

    @property
    def minutes(self) -> int:
        """How many minutes have data (the last minute may be partial)."""
        return max((len(series[0]) for series in self._series.values()), default=0)

    def add(
        self,
        minute: int,
        version: str,
        invocations: int,
        errors: int = 0,
        duration_sum: float = 0.0,
        duration_count: int = 0,
    ) -> None:
        """Count requests served by ``version`` during ``minute``."""
        series = self._series.get(version)
        if series is None:
            series = self._series[version] = [[], [], [], []]
        missing = minute + 1 - len(series[0])
        if missing > 0:
            for values, zero in zip(series, (0, 0, 0.0, 0), strict=True):
                values.extend([zero] * missing)
        series[_INVOCATIONS][minute] += invocations
        series[_ERRORS][minute] += errors
        series[_DURATION_SUM][minute] += duration_sum
        series[_DURATION_COUNT][minute] += duration_count

    def _sums(self, versions: list[str], first: int, last: int) -> tuple[int, int, float, int]:
        totals = [0, 0, 0.0, 0]
        for version in versions:
            series = self._series.get(version)
            if series is None:
                continue
            for index in range(4):
                totals[index] += sum(series[index][max(first, 0) : last])
        return totals[0], totals[1], totals[2], totals[3]

    def value(self, metric_name: str, version: str | None, first: int, last: int) -> float | None:
        """``metric_name`` for ``version`` (``None``: every version) over minutes
        ``[first, last)``: a sum for counts, a mean for ``ErrorRate`` and ``Duration``;
        ``None`` when there is no datapoint (no invocation, or no reported duration)."""
        if metric_name not in METRIC_NAMES:
            raise ValueError(f"metric_name must be one of {METRIC_NAMES}, not {metric_name!r}")
        versions = self.versions if version is None else [version]
        invocations, errors, duration_sum, duration_count = self._sums(versions, first, last)
        if metric_name == "Duration":
            return duration_sum / duration_count if duration_count else None
        if not invocations:
            return None
        if metric_name == "Invocations":
            return invocations
        if metric_name == "Errors":
            return errors
        return errors / invocations

    def series(self, metric_name: str, version: str | None = None) -> list[float | None]:
        """``metric_name`` minute by minute (``None`` where there is no datapoint)."""
        return [
            self.value(metric_name, version, minute, minute + 1) for minute in range(self.minutes)
        ]

    def table(self) -> str:
        """A text table: one row per minute, calls and errors per version."""
        versions = self.versions
        header = ["minute"]
        for version in versions:
            header += [f"v{version} calls", f"v{version} errors"]
        rows = [header]
        for minute in range(self.minutes):
            row = [str(minute)]
            for version in versions:
                series = self._series[version]
                inside = minute < len(series[0])
                row += [
                    str(series[_INVOCATIONS][minute] if inside else 0),
                    str(series[_ERRORS][minute] if inside else 0),
                ]
            rows.append(row)
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        return "\n".join(
            "  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True))
            for row in rows
        )
