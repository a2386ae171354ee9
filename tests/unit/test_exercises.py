"""The exercise framework: ids, registration, verdicts and the learner's errors."""

import pytest

from lambda_model import exercises
from lambda_model.exercises import CheckResult, NotYet, call_answer, check, exercise, get


def test_an_exercise_id_must_start_with_its_notebook_number():
    with pytest.raises(ValueError, match="exercise ids look like"):
        exercise("publish-twice", answer="publish_twice")


def test_an_exercise_cannot_be_registered_twice():
    get("00-first-alias")
    with pytest.raises(ValueError, match="registered twice"):
        exercise("00-first-alias", answer="x")(lambda answer: "ok")


def test_an_unknown_exercise_names_the_known_ones():
    with pytest.raises(KeyError, match="00-first-alias"):
        get("99-no-such-exercise")


def test_get_finds_an_exercise_by_importing_its_lesson_module():
    assert get("00-first-alias").answer == "publish_and_alias"


def test_a_right_answer_is_shown_as_correct_with_what_it_achieved():
    def publish_and_alias(account):
        account.create_alias("greeter", "LIVE", account.publish_version("greeter").version)

    result = check("00-first-alias", publish_and_alias)
    assert result.passed
    assert repr(result) == (
        "✅ 00-first-alias: correct. greeter:LIVE runs version 1: 'hello from version 1'."
    )


def test_an_alias_on_latest_is_not_yet_right_and_the_check_says_why():
    def publish_and_alias(account):
        account.publish_version("greeter")
        account.create_alias("greeter", "LIVE", "$LATEST")

    result = check("00-first-alias", publish_and_alias)
    assert not result
    assert result.message.startswith("LIVE points at $LATEST, not at version 1.")


def test_an_answer_that_raises_is_reported_with_its_error():
    def publish_and_alias(account):
        account.create_alias("greeter", "LIVE", "7")

    result = check("00-first-alias", publish_and_alias)
    assert result.message.startswith("your function raised ResourceNotFoundException")


def test_an_answer_that_is_not_a_function_is_reported():
    with pytest.raises(NotYet, match="expected a function, got 3"):
        call_answer(3)


def test_checks_start_from_a_fresh_account_every_time():
    accounts = []
    check("00-first-alias", accounts.append)
    check("00-first-alias", accounts.append)
    assert accounts[0] is not accounts[1]
    assert [list(a.functions) for a in accounts] == [["greeter"], ["greeter"]]


def test_a_failed_check_reads_as_not_yet():
    assert repr(CheckResult("02-x", False, "why")) == "❌ 02-x: not yet. why"


def test_all_exercises_are_sorted_by_id():
    ids = [item.id for item in exercises.all_exercises()]
    assert ids == sorted(ids)
    assert "00-first-alias" in ids
