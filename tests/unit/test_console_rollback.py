"""Roll back over random sequences of console actions (a property test, kernel side).

The definition under test (``actions.previous_target``): with ``T0, ..., Tn`` the
alias's sequence of distinct committed targets, Roll back goes to ``T(n-1)``. The test
keeps its own record of the targets it saw after each action, independent of the history,
and checks, whatever came before (promotes, double-clicks, canaries typed in the browser or
set from code, rollbacks, invocations, publishes), that:

- Roll back lands on the last target the alias had that differs from the present one
  (or is refused, changing nothing, when there is none);
- the console never records an ``X -> X`` alias update.

Derandomized (the same sequences every run) and bounded, like ``tests/property``; the graph
is not drawn (a stub replays the history only), since only the account matters here.
"""

from __future__ import annotations

from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from manual_schedule import ManualSchedule

from lambda_model import Account, AliasUpdated
from lambda_model.viz import replay
from lambda_model.widgets import Console, GraphView, Target, publish_new_version


def replay_only(self, account, step):
    """GraphView.show without drawing: the snapshot the console reads its caption from."""
    self.step, self.snapshot = step, replay(account.history[:step])
    return self.snapshot


ACTIONS = st.one_of(
    st.tuples(st.just("promote"), st.sampled_from(["1", "2", "3"])),
    st.tuples(st.just("double-click promote"), st.sampled_from(["1", "2", "3"])),
    st.tuples(st.just("canary from code"), st.integers(0, 4), st.sampled_from([0, 5, 10, 50])),
    st.tuples(st.just("canary by keyboard"), st.integers(0, 4), st.integers(1, 6)),
    st.tuples(st.just("roll back")),
    st.tuples(st.just("double-click roll back")),
    st.tuples(st.just("invoke")),
    st.tuples(st.just("publish")),
)


def target(account: Account) -> Target:
    return Target.of(account.get_alias("f", "PROD"))


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(ACTIONS, min_size=1, max_size=14))
def test_roll_back_always_lands_on_the_last_different_target(actions):
    account = Account(seed=5)
    account.create_function("f", lambda event, context: "ok", publish=True)
    publish_new_version(account, "f")
    publish_new_version(account, "f")
    account.create_alias("f", "PROD", "1")
    schedule = ManualSchedule()
    with mock.patch.object(GraphView, "show", replay_only):
        console = Console(account, "f", schedule=schedule)
        seen = [target(account)]  # the distinct targets, as this test saw them

        def note() -> None:
            if target(account) != seen[-1]:
                seen.append(target(account))

        for action, *args in actions:
            if action in ("roll back", "double-click roll back"):
                for _ in range(2 if action.startswith("double") else 1):
                    expected = seen[-2] if len(seen) >= 2 else seen[-1]
                    console.rollback_button.click()
                    assert target(account) == expected, (actions, seen)
                    note()
                continue
            if action in ("promote", "double-click promote"):
                if args[0] not in console.version_picker.options:
                    continue
                console.version_picker.value = args[0]
                console.promote_button.click()
                if action.startswith("double"):
                    console.promote_button.click()
            elif action.startswith("canary"):
                options = console.canary_version.options
                if not options:
                    continue
                console.canary_version.value = options[args[0] % len(options)]
                note()  # picking a version while a weight is set moves that weight to it
                if action == "canary from code":
                    console.canary_weight.value = args[1]
                else:
                    for _ in range(args[1]):
                        weight = console.canary_weight
                        weight.set_state({"value": min(weight.value + 1, 100)})
                    schedule.settle()
            elif action == "invoke":
                console.invoke_button.click()
            elif action == "publish":
                console.publish_button.click()
            note()

    for event in account.history:
        if isinstance(event, AliasUpdated):
            before = Target(event.previous_version, dict(event.previous_weights or {}))
            after = Target(event.function_version, dict(event.weights or {}))
            assert before != after, f"an X -> X event was recorded: {event}"
