"""The simulated clock: time that moves only when told, and a queue of timed callbacks.

Nothing in the simulator reads wall time. The clock starts at a fixed instant and moves by
:meth:`SimulatedClock.advance` (or :meth:`run_until`, which fires scheduled callbacks in
``(time, priority, counter)`` order, so callbacks due at the same instant always run in the
same order).

Examples
--------
>>> clock = SimulatedClock()
>>> clock.iso()
'2025-01-01T09:00:00.000Z'
>>> fired = []
>>> _ = clock.schedule(60, lambda: fired.append(clock.now))
>>> clock.advance(120)  # one callback fired on the way
1
>>> fired == [clock.start + 60], clock.iso()
(True, '2025-01-01T09:02:00.000Z')
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

__all__ = ["EPOCH_START", "ScheduledCall", "SimulatedClock"]

#: 2025-01-01T09:00:00Z, a Wednesday morning: where every simulated account's clock starts.
EPOCH_START = 1735722000.0


@dataclass(order=True, slots=True)
class ScheduledCall:
    """A callback due at ``time``; ties broken by ``priority`` then insertion ``counter``."""

    time: float
    priority: int
    counter: int
    callback: Callable[[], object] = field(compare=False)
    cancelled: bool = field(default=False, compare=False)

    def __repr__(self) -> str:
        name = getattr(self.callback, "__qualname__", type(self.callback).__name__)
        cancelled = ", cancelled" if self.cancelled else ""
        return f"ScheduledCall(time={self.time}, priority={self.priority}, {name}{cancelled})"

    def cancel(self) -> None:
        """Stop this call from firing."""
        self.cancelled = True


class SimulatedClock:
    """Seconds since the Unix epoch, simulated. Starts at :data:`EPOCH_START`."""

    __slots__ = ("_counter", "_queue", "now", "start")

    def __init__(self, start: float = EPOCH_START) -> None:
        self.start = start
        self.now = start
        self._queue: list[ScheduledCall] = []
        self._counter = 0

    def __repr__(self) -> str:
        pending = sum(1 for call in self._queue if not call.cancelled)
        return f"SimulatedClock({self.iso()}, {pending} scheduled)"

    @property
    def elapsed(self) -> float:
        """Seconds since the clock started."""
        return self.now - self.start

    def schedule(
        self, delay: float, callback: Callable[[], object], priority: int = 0
    ) -> ScheduledCall:
        """Run ``callback`` ``delay`` seconds from now (when the clock gets there)."""
        if delay < 0:
            raise ValueError("cannot schedule in the past")
        self._counter += 1
        call = ScheduledCall(self.now + delay, priority, self._counter, callback)
        heapq.heappush(self._queue, call)
        return call

    def run_until(self, when: float) -> int:
        """Move to ``when``, firing every callback due on the way, in order; return how many."""
        fired = 0
        queue = self._queue
        while queue and queue[0].time <= when:
            call = heapq.heappop(queue)
            if call.cancelled:
                continue
            self.now = max(self.now, call.time)
            call.callback()
            fired += 1
        self.now = max(self.now, when)
        return fired

    def advance(self, seconds: float) -> int:
        """Move forward by ``seconds``, firing what falls due; return how many fired."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        return self.run_until(self.now + seconds)

    def peek(self) -> float:
        """When the next scheduled call falls due (``math.inf`` when none is), as SimPy's
        ``Environment.peek``: lets a caller run the queue one instant at a time."""
        queue = self._queue
        while queue and queue[0].cancelled:
            heapq.heappop(queue)
        return queue[0].time if queue else math.inf

    def run(self) -> int:
        """Fire everything scheduled, moving the clock as far as the last call."""
        fired = 0
        while any(not call.cancelled for call in self._queue):
            fired += self.run_until(self._queue[0].time)
        return fired

    def iso(self, when: float | None = None) -> str:
        """``2025-01-01T09:00:00.000Z``: the S3 event-time format."""
        moment = datetime.fromtimestamp(self.now if when is None else when, UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"

    def last_modified(self, when: float | None = None) -> str:
        """``2025-01-01T09:00:00.000+0000``: Lambda's LastModified format."""
        return self.iso(when)[:-1] + "+0000"
