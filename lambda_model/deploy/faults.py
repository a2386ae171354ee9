"""Handlers with injected faults: a version that fails a given fraction of the time, or on
given inputs, and (optionally) reports how long it took.

Each builder returns a callable object ``handler(event, context)`` with a readable ``repr``;
the repr goes into the function's ``CodeSha256`` (with the class's source), so two differently
configured handlers have different ``CodeSha256`` values.

Which requests fail is decided by a hash of ``seed`` and the request id, not by a shared
generator: the same account with the same seed fails the same requests, however often a cell
is run and whichever handler object is reused.

A handler reports a duration by returning a dict with a ``"duration_ms"`` entry; the
deployment's metrics average it per version and per minute.

Examples
--------
>>> from lambda_model import Account
>>> account = Account(seed=1)
>>> _ = account.create_function("checkout", healthy("v1"), publish=True)
>>> _ = account.update_function_code("checkout", failing(0.5, "v2", seed=3), publish=True)
>>> results = [account.invoke("checkout:2") for _ in range(1000)]
>>> sum(r.function_error is not None for r in results)
475
>>> results[0].payload  # doctest: +ELLIPSIS
{'errorMessage': 'injected failure (50% of requests)', 'errorType': 'InjectedError', ...}
>>> try:
...     failing_on([{"order": 13}])({"order": 13}, None)
... except InjectedError as err:
...     print(err)
injected failure on input {'order': 13}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

__all__ = ["InjectedError", "SimulatedHandler", "failing", "failing_on", "healthy"]

_MASK = (1 << 64) - 1


class InjectedError(Exception):
    """The exception a faulty handler raises (``errorType`` ``InjectedError``)."""


def _unit(seed: int, number: int) -> float:
    """A uniform number in [0, 1) from ``seed`` and ``number`` (splitmix64 finaliser)."""
    z = (number * 0x9E3779B97F4A7C15 + seed * 0xD1B54A32D192ED03 + 1) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return (z ^ (z >> 31)) / 18446744073709551616.0


def _request_number(context: object, fallback: list[int]) -> int:
    """The request id as a number (deterministic in the simulator); a local count without one."""
    request_id = getattr(context, "aws_request_id", None)
    if request_id is None:
        fallback[0] += 1
        return fallback[0]
    return int(request_id.replace("-", ""), 16)


@dataclass(frozen=True, eq=False)
class SimulatedHandler:
    """``handler(event, context)``: returns ``body`` (with ``duration_ms`` if given), or raises
    :class:`InjectedError` for a seeded ``error_rate`` of requests and for the events that
    ``fail_on`` lists (or, when it is a callable, the events it returns True for)."""

    body: object = "ok"
    error_rate: float = 0.0
    fail_on: tuple | Callable[[object], bool] = ()
    duration_ms: float | tuple[float, float] | None = None
    seed: int = 0
    _count: list[int] = field(default_factory=lambda: [0], repr=False)

    def __post_init__(self) -> None:
        if not 0.0 <= self.error_rate <= 1.0:
            raise ValueError(f"error_rate must be within [0, 1], not {self.error_rate!r}")
        if not callable(self.fail_on):
            object.__setattr__(self, "fail_on", tuple(self.fail_on))

    def __call__(self, event: object, context: object) -> object:
        if self.fail_on and (
            self.fail_on(event) if callable(self.fail_on) else event in self.fail_on
        ):
            raise InjectedError(f"injected failure on input {event!r}")
        number = -1
        if self.error_rate:
            number = _request_number(context, self._count)
            if _unit(self.seed, number) < self.error_rate:
                raise InjectedError(f"injected failure ({self.error_rate:.0%} of requests)")
        duration = self.duration_ms
        if duration is None:
            return self.body
        if isinstance(duration, tuple):
            if number < 0:
                number = _request_number(context, self._count)
            low, high = duration
            duration = round(low + (high - low) * _unit(self.seed + 1, number), 1)
        return {"body": self.body, "duration_ms": duration}

    def __repr__(self) -> str:
        parts = [repr(self.body)]
        if self.error_rate:
            parts.append(f"error_rate={self.error_rate!r}")
        if self.fail_on:
            fail_on = self.fail_on
            text = getattr(fail_on, "__qualname__", None) if callable(fail_on) else None
            parts.append(f"fail_on={text}" if text else f"fail_on={fail_on!r}")
        if self.duration_ms is not None:
            parts.append(f"duration_ms={self.duration_ms!r}")
        if self.error_rate or isinstance(self.duration_ms, tuple):
            parts.append(f"seed={self.seed}")
        return f"SimulatedHandler({', '.join(parts)})"


def healthy(
    body: object = "ok", *, duration_ms: float | tuple[float, float] | None = None, seed: int = 0
) -> SimulatedHandler:
    """A handler that always answers ``body``; ``duration_ms`` (a number, or a ``(low, high)``
    range drawn per request) is reported with it.

    >>> healthy("v1")({}, None), healthy("v1", duration_ms=12)({}, None)
    ('v1', {'body': 'v1', 'duration_ms': 12})
    """
    return SimulatedHandler(body, duration_ms=duration_ms, seed=seed)


def failing(
    fraction: float,
    body: object = "ok",
    *,
    seed: int = 0,
    duration_ms: float | tuple[float, float] | None = None,
) -> SimulatedHandler:
    """A handler that fails ``fraction`` of its requests (which ones: seeded by ``seed``)."""
    return SimulatedHandler(body, error_rate=fraction, duration_ms=duration_ms, seed=seed)


def failing_on(
    inputs: Iterable[object] | Callable[[object], bool],
    body: object = "ok",
    *,
    duration_ms: float | tuple[float, float] | None = None,
) -> SimulatedHandler:
    """A handler that fails on the given events (or those a predicate picks), and only those.

    >>> handler = failing_on(lambda event: event["order"] % 7 == 0, "v2")
    >>> handler
    SimulatedHandler('v2', fail_on=<lambda>)
    >>> handler({"order": 8}, None)
    'v2'
    """
    fail_on = inputs if callable(inputs) else tuple(inputs)
    return SimulatedHandler(body, fail_on=fail_on, duration_ms=duration_ms)
