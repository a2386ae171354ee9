"""Two small core additions the deployments layer relies on."""

import math

from lambda_model import Account, SimulatedClock


class _Reply:
    """A callable object (no source of its own): its repr tells configurations apart."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, event, context):
        return self.text

    def __repr__(self) -> str:
        return f"_Reply({self.text!r})"


def test_a_callable_object_can_be_the_code_of_a_function():
    account = Account()
    account.create_function("f", _Reply("v1"), publish=True)
    assert account.invoke("f:1").payload == "v1"


def test_callable_objects_with_different_reprs_publish_different_versions():
    account = Account()
    account.create_function("f", _Reply("v1"), publish=True)
    account.update_function_code("f", _Reply("v2"), publish=True)
    assert [account.invoke(f"f:{n}").payload for n in (1, 2)] == ["v1", "v2"]


def test_peek_tells_when_the_next_scheduled_call_falls_due():
    clock = SimulatedClock()
    clock.schedule(30, lambda: None)
    assert clock.peek() == clock.start + 30


def test_peek_skips_cancelled_calls_and_is_infinite_when_nothing_is_scheduled():
    clock = SimulatedClock()
    clock.schedule(30, lambda: None).cancel()
    assert clock.peek() == math.inf
