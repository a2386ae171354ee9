"""A scheduler for the console's tests: browser-side weight changes wait until ``settle()``.

The console commits a canary weight typed or arrowed in the browser once the weight has been
still for a moment (``Console(schedule=...)``); with this scheduler that moment is when the
test says so.

>>> ran = []
>>> schedule = ManualSchedule()
>>> cancel = schedule(0.6, lambda: ran.append("settled"))
>>> schedule.settle()
>>> ran
['settled']
"""

from __future__ import annotations


class ManualSchedule:
    """``schedule(delay, callback) -> cancel``; the callbacks run at ``settle()``."""

    def __init__(self) -> None:
        self.waiting: list[list] = []

    def __call__(self, delay, callback):
        entry = [callback]
        self.waiting.append(entry)
        return entry.clear

    def settle(self) -> None:
        waiting, self.waiting = self.waiting, []
        for entry in waiting:
            for callback in entry:
                callback()
