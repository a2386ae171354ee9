"""Every replayed AWS-recorded response matches, or differs only as ``differences.py`` declares."""

from __future__ import annotations

import functools

import pytest

from .catalogue import REPLAYS
from .harness import Replay
from .harness import run as _run


@functools.cache
def run(one: Replay):
    """Each replay runs once per test session; the checks below share its outcomes."""
    return _run(one)


@pytest.mark.parametrize("one", REPLAYS, ids=[f"{r.area}:{r.test}" for r in REPLAYS])
def test_the_simulator_answers_as_aws_recorded(one):
    outcomes = run(one)
    unexplained = [
        f"{o.response}: " + "; ".join(o.problems) for o in outcomes if o.problems and not o.declared
    ]
    assert not unexplained, "\n".join(unexplained)


def test_every_declared_difference_is_still_a_difference():
    """A declared difference that now matches must be removed from the declaration."""
    from .differences import EXPECTED_DIFFERENCES

    stale = []
    for one in REPLAYS:
        for outcome in run(one):
            if outcome.declared and outcome.matches:
                stale.append((one.test, outcome.response))
    assert set(stale) == set(), stale
    declared_tests = {test for test, _ in EXPECTED_DIFFERENCES}
    assert declared_tests <= {r.test for r in REPLAYS}


def test_the_readme_shows_the_current_figures():
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    shown = re.search(r"\| \*\*All\*\* \| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \| \*\*(\d+) ", readme)
    assert shown, "README's conformance table has no All row"
    outcomes = [o for one in REPLAYS for o in run(one)]
    measured = (len(REPLAYS), len(outcomes), sum(o.matches for o in outcomes))
    assert tuple(int(n) for n in shown.groups()) == measured
