"""The checks of 04-promote-and-rollback reject the usual wrong answers, each with its reason."""

import doctest

import lambda_model.exercises.lesson04 as lesson04
from lambda_model import AliasUpdated
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


def rollback_by(select):
    """A rollback to the previous_version of the last AliasUpdated event ``select`` keeps."""

    def rollback(account, function_name, alias_name):
        moves = [
            e
            for e in account.history
            if isinstance(e, AliasUpdated) and select(e, function_name, alias_name)
        ]
        account.update_alias(function_name, alias_name, function_version=moves[-1].previous_version)

    return rollback


def test_a_rollback_to_the_number_below_is_told_prod_never_ran_it():
    def rollback(account, function_name, alias_name):
        current = account.get_alias(function_name, alias_name).function_version
        account.update_alias(function_name, alias_name, function_version=str(int(current) - 1))

    result = check("04-rollback", rollback)
    assert not result
    assert "PROD never pointed at 3" in result.message


def test_a_rollback_that_reads_another_functions_alias_is_told_to_filter_by_function():
    result = check("04-rollback", rollback_by(lambda e, f, a: e.name == a))
    assert not result
    assert "keep only the events whose function_name" in result.message


def test_a_rollback_that_counts_a_non_move_is_told_to_skip_it():
    result = check("04-rollback", rollback_by(lambda e, f, a: (e.function_name, e.name) == (f, a)))
    assert not result
    assert "skip events whose previous_version equals function_version" in result.message
