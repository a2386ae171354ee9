"""The checks of 06-gradual-deployments reject the usual wrong answers, each with its reason."""

import doctest

import lambda_model.exercises.lesson06 as lesson06
from lambda_model.deploy import PREDEFINED, Alarm
from lambda_model.exercises import check


def test_the_docstring_examples_of_lesson06_hold():
    result = doctest.testmod(lesson06, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_quickest_safe_configurations_are_the_canaries_then_none():
    assert [getattr(lesson06.quickest(w), "name", None) for w in (0, 1, 5, 7, 12, 20, 45)] == [
        "AllAtOnce",
        "Canary10Percent5Minutes",
        "Canary10Percent5Minutes",
        "Canary10Percent10Minutes",
        "Canary10Percent15Minutes",
        "Canary10Percent30Minutes",
        None,
    ]


def test_a_linear_configuration_for_one_minute_of_watching_is_told_a_canary_is_quicker():
    def pick_config(watch_minutes):
        return "AllAtOnce" if watch_minutes == 0 else "Linear10PercentEvery1Minute"

    result = check("06-pick-config", pick_config)
    assert not result
    assert "takes 9 minutes to finish" in result.message
    assert "Canary10Percent5Minutes is safe enough too and finishes in 5 minutes" in result.message


def test_a_configuration_that_shifts_too_soon_is_told_how_long_it_stays_low():
    def pick_config(watch_minutes):
        if watch_minutes < 5:
            return lesson06.quickest(watch_minutes)
        return PREDEFINED["Linear10PercentEvery2Minutes"]

    result = check("06-pick-config", pick_config)
    assert not result
    assert "With watch_minutes=5" in result.message
    assert "already sends 20% to the new version after 2 minutes" in result.message


def test_a_configuration_when_none_is_safe_enough_is_told_to_return_none():
    def pick_config(watch_minutes):
        return lesson06.quickest(watch_minutes) or PREDEFINED["Canary10Percent30Minutes"]

    result = check("06-pick-config", pick_config)
    assert not result
    assert "no predefined configuration keeps the new version at 10% or less for 45" in (
        result.message
    )
    assert "return None" in result.message


def test_an_error_alarm_on_every_version_is_told_the_canary_dilutes_the_errors():
    def make_alarms():
        return [
            Alarm("errors", version="all"),
            Alarm("slow", metric_name="Duration", threshold=500),
        ]

    result = check("06-alarm", make_alarms)
    assert not result
    assert "fails 20% of its requests went to 100%" in result.message
    assert "diluted ten times" in result.message


def test_an_error_alarm_alone_is_told_a_slow_version_never_fails():
    result = check("06-alarm", lambda: [Alarm("errors")])
    assert not result
    assert "900-1500 ms per request went to 100%" in result.message
    assert 'metric_name="Duration"' in result.message


def test_a_threshold_under_the_normal_error_rate_is_called_a_false_alarm():
    def make_alarms():
        return [
            Alarm("errors", threshold=0.001),
            Alarm("slow", metric_name="Duration", threshold=500),
        ]

    result = check("06-alarm", make_alarms)
    assert not result
    assert "A healthy release" in result.message
    assert "false alarm" in result.message


def test_two_alarms_with_one_name_are_refused_with_the_reason():
    result = check("06-alarm", lambda: [Alarm("a"), Alarm("a", metric_name="Duration")])
    assert not result
    assert "alarm names must be unique" in result.message
