"""The checks of 04-promote-and-rollback reject the usual wrong answers, each with its reason."""

import doctest
from pathlib import Path

import lambda_model.exercises.lesson04 as lesson04
from lambda_model.course import release
from lambda_model.exercises import check


def test_the_docstring_examples_of_lesson04_hold():
    result = doctest.testmod(lesson04)
    assert result.attempted > 0
    assert result.failed == 0


def test_a_promotion_by_delete_and_create_is_told_the_alias_lost_its_permission():
    def promote(account, function_name, from_alias, to_alias):
        version = account.get_alias(function_name, from_alias).function_version
        account.delete_alias(function_name, to_alias)
        account.create_alias(function_name, to_alias, version)

    result = check("04-promote", promote)
    assert not result
    assert "BETA lost its permission" in result.message


def test_a_promotion_that_also_moves_the_source_alias_is_told_to_move_one_alias():
    def promote(account, function_name, from_alias, to_alias):
        version = account.get_alias(function_name, from_alias).function_version
        account.update_alias(function_name, to_alias, function_version=version)
        account.update_alias(function_name, from_alias, function_version="1")

    result = check("04-promote", promote)
    assert not result
    assert result.message == "DEV moved from version 3 to 1: promoting DEV to BETA moves BETA only."


def test_a_promotion_that_publishes_is_told_it_publishes_nothing():
    def promote(account, function_name, from_alias, to_alias):
        version = account.publish_version(function_name).version
        account.update_function_configuration(function_name, description="again")
        account.publish_version(function_name)
        account.update_alias(function_name, to_alias, function_version=version)

    result = check("04-promote", promote)
    assert not result
    assert "it publishes nothing" in result.message


def rollback_by(select, record=True):
    """A rollback to the previous_version of the last release ``select`` keeps."""

    def rollback(account, function_name, alias_name, releases):
        moves = [r for r in releases if select(r, function_name, alias_name)]
        target = moves[-1].previous_version
        if record:
            release(account, function_name, alias_name, target, releases)
        else:
            account.update_alias(function_name, alias_name, function_version=target)

    return rollback


def is_move_of(r, function_name, alias_name):
    same = (r.function_name, r.alias) == (function_name, alias_name)
    return same and r.previous_version != r.version


def test_the_right_rollback_passes():
    assert check("04-rollback", rollback_by(is_move_of))


def test_a_rollback_to_the_number_below_is_told_prod_never_ran_it():
    def rollback(account, function_name, alias_name, releases):
        current = account.get_alias(function_name, alias_name).function_version
        release(account, function_name, alias_name, str(int(current) - 1), releases)

    result = check("04-rollback", rollback)
    assert not result
    assert "PROD never pointed at 3" in result.message


def test_a_rollback_that_reads_another_functions_alias_is_told_to_filter_by_function():
    result = check("04-rollback", rollback_by(lambda r, f, a: r.alias == a))
    assert not result
    assert "keep only the releases whose function_name" in result.message


def test_a_rollback_that_counts_a_re_run_is_told_to_skip_it():
    result = check("04-rollback", rollback_by(lambda r, f, a: (r.function_name, r.alias) == (f, a)))
    assert not result
    assert "skip releases whose previous_version equals version" in result.message


def test_a_rollback_that_does_not_write_the_release_record_is_told_to_record_it():
    result = check("04-rollback", rollback_by(is_move_of, record=False))
    assert not result
    assert "the release record does not say so" in result.message


def test_a_rollback_in_two_steps_is_caught_by_the_history():
    def rollback(account, function_name, alias_name, releases):
        target = [r for r in releases if is_move_of(r, function_name, alias_name)][-1]
        account.update_alias(function_name, alias_name, function_version="3")
        release(account, function_name, alias_name, target.previous_version, releases)

    result = check("04-rollback", rollback)
    assert not result
    assert result.message.endswith(
        "PROD moved 2 times (4 -> 3 -> 2): a rollback is one UpdateAlias, straight back to "
        "the previous version."
    )


def test_the_release_step_04_shows_is_the_one_the_checks_use():
    import inspect

    import nbformat

    from lambda_model import course

    path = Path(__file__).resolve().parents[2] / "notebooks" / "04-promote-and-rollback.ipynb"
    cell = next(c for c in nbformat.read(path, 4).cells if "def release(" in c.source)
    shown = cell.source[cell.source.index("def release(") :].split("\n\n\n")[0]
    assert shown.strip() == inspect.getsource(course.release).strip()
