"""Alarms: a threshold on a version's metric over a window of minutes."""

import pytest

from lambda_model.deploy import Alarm, Metrics

VERSIONS = {"new": "2", "old": "1"}


def _metrics(*minutes: tuple[int, int]) -> Metrics:
    """Version 2's (invocations, errors) minute by minute; version 1 healthy beside it."""
    metrics = Metrics()
    for minute, (invocations, errors) in enumerate(minutes):
        metrics.add(minute, "2", invocations, errors)
        metrics.add(minute, "1", 100, 0)
    return metrics


def test_an_alarm_with_no_datapoint_in_its_window_has_insufficient_data():
    assert Alarm("a").evaluate(Metrics(), VERSIONS, end=1) == ("INSUFFICIENT_DATA", None)


def test_an_error_rate_above_the_threshold_is_alarm_and_at_or_below_is_ok():
    alarm = Alarm("a", threshold=0.05, window=1)
    assert alarm.evaluate(_metrics((100, 6)), VERSIONS, end=1)[0] == "ALARM"
    assert alarm.evaluate(_metrics((100, 5)), VERSIONS, end=1)[0] == "OK"


def test_the_window_pools_the_last_minutes():
    metrics = _metrics((100, 0), (100, 8), (100, 8))
    assert Alarm("a", window=2).evaluate(metrics, VERSIONS, end=2) == ("OK", 0.04)
    assert Alarm("a", window=2).evaluate(metrics, VERSIONS, end=3) == ("ALARM", 0.08)


def test_an_alarm_on_the_old_version_watches_the_version_the_alias_left():
    metrics = _metrics((100, 50))
    assert Alarm("a", version="old").evaluate(metrics, VERSIONS, end=1) == ("OK", 0.0)


def test_an_alarm_on_every_version_pools_the_whole_alias():
    metrics = _metrics((100, 20))
    assert Alarm("a", version="all", threshold=0.05).evaluate(metrics, VERSIONS, end=1) == (
        "ALARM",
        0.1,
    )


def test_an_alarm_can_watch_a_count_with_another_comparison():
    alarm = Alarm(
        "quiet",
        metric_name="Invocations",
        threshold=50,
        comparison_operator="LessThanThreshold",
        window=1,
    )
    assert alarm.evaluate(_metrics((40, 0)), VERSIONS, end=1) == ("ALARM", 40)
    assert alarm.evaluate(_metrics((60, 0)), VERSIONS, end=1) == ("OK", 60)


@pytest.mark.parametrize(
    "options",
    [
        {"metric_name": "Throttles"},
        {"comparison_operator": "Above"},
        {"window": 0},
        {"version": "latest"},
    ],
)
def test_an_alarm_with_an_unknown_setting_is_refused(options):
    with pytest.raises(ValueError):
        Alarm("a", **options)


def test_an_alarm_reads_as_its_rule():
    assert repr(Alarm("errors", threshold=0.05, window=2)) == (
        "Alarm('errors': ErrorRate of the new version > 5% over 2 minutes)"
    )
    assert repr(Alarm("slow", metric_name="Duration", threshold=250, version="3", window=1)) == (
        "Alarm('slow': Duration of version 3 > 250 ms over 1 minute)"
    )
