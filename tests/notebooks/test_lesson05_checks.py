"""The checks of 05-weighted-aliases reject the usual wrong answers, each with its reason."""

import doctest

import lambda_model.exercises.lesson05 as lesson05
from lambda_model.exercises import check


def test_the_docstring_examples_of_lesson05_hold():
    result = doctest.testmod(lesson05, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_a_canary_with_the_weights_swapped_is_told_whose_share_the_weight_is():
    def start_canary(account, function_name, alias_name, new_version, weight):
        account.update_alias(function_name, alias_name, routing_config={new_version: 1 - weight})

    result = check("05-start-canary", start_canary)
    assert not result
    assert "share of the ADDITIONAL version" in result.message


def test_a_canary_with_a_hard_coded_version_fails_on_the_second_account():
    def start_canary(account, function_name, alias_name, new_version, weight):
        account.update_alias(function_name, alias_name, routing_config={"2": 0.1})

    result = check("05-start-canary", start_canary)
    assert not result
    assert "not to the new version 4" in result.message


def test_finishing_without_clearing_the_weights_is_told_to_do_both_in_one_call():
    def finish_canary(account, function_name, alias_name):
        account.update_alias(function_name, alias_name, function_version="2")

    result = check("05-finish-canary", finish_canary)
    assert not result
    assert "already included in routing configuration" in result.message
    assert "in the same update_alias call" in result.message


def test_finishing_with_a_weight_of_one_is_told_the_alias_still_names_the_old_version():
    def finish_canary(account, function_name, alias_name):
        alias = account.get_alias(function_name, alias_name)
        (new,) = alias.routing_config.additional_version_weights
        account.update_alias(function_name, alias_name, routing_config={new: 1.0})

    result = check("05-finish-canary", finish_canary)
    assert not result
    assert "its FunctionVersion is still 1" in result.message


def test_clearing_the_weights_alone_is_called_a_rollback():
    def finish_canary(account, function_name, alias_name):
        account.update_alias(function_name, alias_name, routing_config={})

    result = check("05-finish-canary", finish_canary)
    assert not result
    assert "that is a rollback" in result.message
