"""A seeded traffic model: how many requests arrive in each simulated second, and what they send.

``rate`` is requests per simulated second: a number, a ``{minute: rate}`` table (each rate
holds from its minute on), or a function of the minutes since traffic started. Arrivals are
even by default (a rate of 2.5 gives 2, 3, 2, 3, ... requests), or Poisson-distributed with
``poisson=True``, drawn from a generator seeded by ``seed``. Which version serves each
request is not decided here: the alias's weights decide, drawn from ``account.random``.

Examples
--------
>>> traffic = Traffic(rate=2.5)
>>> traffic
Traffic(2.5 requests/s)
>>> arrivals = traffic.arrivals()
>>> [arrivals(second) for second in range(6)]
[2, 3, 2, 3, 2, 3]
>>> busy = Traffic(rate={0: 10, 5: 50}, poisson=True, seed=4)
>>> busy
Traffic({0: 10, 5: 50} requests/s, poisson, seed=4)
>>> busy.rate_at(6.0)
50
>>> arrivals = busy.arrivals()
>>> [arrivals(second) for second in range(5)]
[12, 12, 9, 4, 9]
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = ["Traffic"]

#: Poisson draws are made in chunks of at most this mean (the product method stays exact).
_POISSON_CHUNK = 30.0


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count with this mean (Knuth's product method, in chunks)."""
    count = 0
    while mean > 0:
        chunk = min(mean, _POISSON_CHUNK)
        mean -= chunk
        limit = math.exp(-chunk)
        product = rng.random()
        while product > limit:
            count += 1
            product *= rng.random()
    return count


@dataclass(frozen=True)
class Traffic:
    """Requests per simulated second through the alias, and the event each one sends.

    ``payload`` is the event: a value sent with every request, or a function of the request's
    number (0, 1, 2, ... from the start of traffic).
    """

    rate: float | Mapping[float, float] | Callable[[float], float] = 10.0
    poisson: bool = False
    seed: int = 0
    payload: object = None

    def __post_init__(self) -> None:
        rate = self.rate
        if isinstance(rate, Mapping):
            if not rate or min(rate) != 0:
                raise ValueError("a rate table needs an entry for minute 0")
            object.__setattr__(self, "rate", dict(sorted(rate.items())))
        elif not callable(rate) and not (isinstance(rate, int | float) and rate >= 0):
            raise ValueError(f"rate must be requests per second (>= 0), not {rate!r}")

    def __repr__(self) -> str:
        rate = self.rate
        text = (getattr(rate, "__qualname__", None) or repr(rate)) if callable(rate) else repr(rate)
        parts = [f"{text} requests/s"]
        if self.poisson:
            parts += ["poisson", f"seed={self.seed}"]
        if self.payload is not None:
            payload = self.payload
            name = getattr(payload, "__qualname__", None) if callable(payload) else None
            parts.append(f"payload={name}" if name else f"payload={payload!r}")
        return f"Traffic({', '.join(parts)})"

    def rate_at(self, minute: float) -> float:
        """Requests per second ``minute`` minutes after traffic starts."""
        rate = self.rate
        if isinstance(rate, dict):
            starts = list(rate)
            return rate[starts[bisect.bisect_right(starts, minute) - 1]]
        if callable(rate):
            return rate(minute)
        return rate

    def arrivals(self) -> Callable[[int], int]:
        """A fresh counter of arrivals: ``count(second)`` for seconds 0, 1, 2, ... in order."""
        rng = random.Random(f"lambda-model-traffic-{self.seed}")
        carry = [0.0]
        constant = self.rate if isinstance(self.rate, int | float) else None
        rate_at = self.rate_at
        poisson = self.poisson

        def count(second: int) -> int:
            rate = constant if constant is not None else rate_at(second / 60.0)
            if poisson:
                return _poisson(rng, rate)
            due = carry[0] + rate
            whole = int(due + 1e-9)
            carry[0] = due - whole
            return whole

        return count
