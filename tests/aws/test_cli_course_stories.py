"""Every story the course tells, replayed by the real AWS CLI from ``cli_commands``: the
demo, the churn scenario (both wirings), and every exercise's solution run through its check.
Each account the story changed is rebuilt command by command in a fresh account, and the two
must hold the same functions, versions, aliases, routing, policies, buckets, notification
configurations and event source mappings."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from cli_replay import recording_packages, replay, snapshot

from lambda_model import run_churn
from lambda_model.demo import story as demo_story
from lambda_model.exercises import get

SOLUTIONS = sorted((Path(__file__).resolve().parents[2] / "notebooks" / "solutions").glob("*.py"))


def solution_story(path: Path) -> None:
    exercise = get(path.stem)
    namespace = runpy.run_path(str(path), run_name=f"solution_{path.stem}")
    assert exercise.run(namespace[exercise.answer]).passed


#: Exercises whose answer is a value, not something done to an account.
NO_ACCOUNT = {"06-pick-config"}

STORIES = {
    "demo": lambda: demo_story(),
    "churn": lambda: run_churn(3),
    **{
        path.stem: (lambda path=path: solution_story(path))
        for path in SOLUTIONS
        if path.stem not in NO_ACCOUNT
    },
}


@pytest.mark.parametrize("name", list(STORIES))
def test_the_real_aws_cli_rebuilds_every_account_of_the_story(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with recording_packages() as accounts:
        STORIES[name]()
    accounts = list(accounts)
    assert accounts, f"the {name} story changed no account"
    for account in accounts:
        replayed = replay(account)
        assert snapshot(replayed, packaged=False) == snapshot(account, packaged=True)
