"""The check of 08-release-drill rejects the usual wrong answers, each with its reason."""

import doctest

import lambda_model.exercises.lesson08 as lesson08
from lambda_model.deploy import Alarm, Deployment, Traffic
from lambda_model.exercises import check


def test_the_docstring_examples_of_lesson08_hold():
    result = doctest.testmod(lesson08, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def deploy(account, handler, **options):
    account.update_function_code("thumbnailer", handler)
    version = account.publish_version("thumbnailer")
    return Deployment(
        account, "thumbnailer", "PROD", version.version, "Canary10Percent5Minutes", **options
    )


def test_a_publish_without_the_new_code_is_told_to_update_latest_first():
    result = check(
        "08-safe-release", lambda account, handler: account.publish_version("thumbnailer")
    )
    assert not result
    assert "still has only version 1: update its code with the handler" in result.message


def test_a_release_straight_to_100_percent_is_told_it_had_no_canary():
    def safe_release(account, handler):
        account.update_function_code("thumbnailer", handler)
        version = account.publish_version("thumbnailer")
        account.update_alias("thumbnailer", "PROD", function_version=version.version)

    result = check("08-safe-release", safe_release)
    assert not result
    assert "a release without a canary" in result.message


def test_a_canary_without_an_alarm_is_told_it_has_none():
    result = check(
        "08-safe-release",
        lambda account, handler: deploy(account, handler, traffic=Traffic(rate=10)).run(),
    )
    assert not result
    assert "fails 30% of its requests, PROD ended on version 2" in result.message
    assert "Your Deployment has no alarm" in result.message


def test_a_canary_without_traffic_is_told_its_alarm_had_no_data():
    result = check(
        "08-safe-release",
        lambda account, handler: deploy(account, handler, alarms=[Alarm("errors")]).run(),
    )
    assert not result
    assert "the alarm had no data" in result.message


def test_a_deployment_never_run_is_told_to_run_it():
    def safe_release(account, handler):
        options = {"traffic": Traffic(rate=10), "alarms": [Alarm("errors")]}
        return deploy(account, handler, **options).start()

    result = check("08-safe-release", safe_release)
    assert not result
    assert "call its run()" in result.message


def test_a_too_tolerant_alarm_is_told_to_lower_its_threshold():
    def safe_release(account, handler):
        options = {"traffic": Traffic(rate=10), "alarms": [Alarm("errors", threshold=0.5)]}
        return deploy(account, handler, **options).run()

    result = check("08-safe-release", safe_release)
    assert not result
    assert "never entered ALARM" in result.message
