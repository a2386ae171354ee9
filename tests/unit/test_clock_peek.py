"""SimulatedClock.peek: when the next scheduled call falls due (as SimPy's Environment.peek)."""

import math

from lambda_model import SimulatedClock


def test_peek_tells_when_the_next_scheduled_call_falls_due():
    clock = SimulatedClock()
    clock.schedule(30, lambda: None)
    clock.schedule(10, lambda: None)
    assert clock.peek() == clock.start + 10


def test_peek_skips_cancelled_calls_and_is_infinite_when_nothing_is_scheduled():
    clock = SimulatedClock()
    clock.schedule(30, lambda: None).cancel()
    assert clock.peek() == math.inf


def test_peek_does_not_move_the_clock():
    clock = SimulatedClock()
    clock.schedule(30, lambda: None)
    clock.peek()
    assert clock.now == clock.start
