"""Traffic through the alias during a deployment, and the per-version, per-minute metrics."""

import pytest

from lambda_model import Account
from lambda_model.deploy import Deployment, Metrics, Traffic, failing_on, healthy


def _account(new_handler=None, seed=7) -> Account:
    account = Account(seed=seed)
    account.create_function("checkout", healthy("v1"), publish=True)
    account.update_function_code("checkout", new_handler or healthy("v2"), publish=True)
    account.create_alias("checkout", "live", "1")
    return account


def _arrivals(traffic: Traffic, seconds: int) -> list[int]:
    count = traffic.arrivals()
    return [count(second) for second in range(seconds)]


def test_a_whole_rate_sends_exactly_that_many_requests_each_second():
    assert _arrivals(Traffic(rate=7), 5) == [7, 7, 7, 7, 7]


def test_a_fractional_rate_spreads_requests_evenly():
    assert _arrivals(Traffic(rate=0.25), 8) == [0, 0, 0, 1, 0, 0, 0, 1]


def test_poisson_arrivals_are_seeded():
    assert _arrivals(Traffic(10, poisson=True, seed=3), 60) == _arrivals(
        Traffic(10, poisson=True, seed=3), 60
    )
    assert _arrivals(Traffic(10, poisson=True, seed=3), 60) != _arrivals(
        Traffic(10, poisson=True, seed=4), 60
    )


def test_poisson_arrivals_average_the_rate():
    arrivals = _arrivals(Traffic(100, poisson=True, seed=1), 2000)
    assert 99 < sum(arrivals) / len(arrivals) < 101
    assert len(set(arrivals)) > 10


def test_a_rate_table_holds_each_rate_from_its_minute_on():
    traffic = Traffic(rate={0: 1, 2: 5})
    assert [traffic.rate_at(minute) for minute in (0, 1.5, 2, 10)] == [1, 1, 5, 5]
    assert _arrivals(traffic, 180)[::60] == [1, 1, 5]


def test_a_rate_table_must_start_at_minute_zero():
    with pytest.raises(ValueError, match="minute 0"):
        Traffic(rate={1: 5})


def test_a_rate_can_be_a_function_of_the_minute():
    traffic = Traffic(rate=lambda minute: 2 if minute < 1 else 4)
    assert sum(_arrivals(traffic, 120)) == 60 * 2 + 60 * 4


def test_the_traffic_runs_through_the_alias_and_counts_each_minute_per_version():
    account = _account()
    deployment = Deployment(
        account, "checkout", "live", "2", "Canary10Percent5Minutes", traffic=Traffic(rate=10)
    ).run()
    metrics = deployment.metrics
    assert metrics.minutes == 5
    assert [
        a + b
        for a, b in zip(
            metrics.series("Invocations", "1"), metrics.series("Invocations", "2"), strict=True
        )
    ] == [600] * 5
    assert deployment.invocations == 3000


def test_requests_in_the_second_of_a_shift_already_see_the_new_weights():
    account = _account()
    deployment = Deployment(
        account, "checkout", "live", "2", "AllAtOnce", traffic=Traffic(rate=50)
    ).run(minutes=1)
    assert deployment.metrics.versions == ["2"]


def test_the_weighted_draw_comes_from_the_account_generator():
    def shares(seed):
        account = _account(seed=seed)
        deployment = Deployment(
            account, "checkout", "live", "2", "Canary10Percent5Minutes", traffic=Traffic(20)
        ).run()
        return deployment.metrics.series("Invocations", "2")

    assert shares(1) == shares(1)
    assert shares(1) != shares(2)


def test_watching_on_after_the_end_keeps_the_traffic_flowing_on_the_new_version():
    account = _account()
    deployment = Deployment(
        account, "checkout", "live", "2", "AllAtOnce", traffic=Traffic(rate=10)
    ).run(minutes=3)
    assert deployment.status == "Succeeded"
    assert deployment.metrics.series("Invocations", "2") == [600, 600, 600]
    assert account.clock.now == deployment.start_time + 180


def test_watching_longer_later_resumes_the_traffic_where_it_stopped():
    account = _account()
    deployment = Deployment(
        account, "checkout", "live", "2", "AllAtOnce", traffic=Traffic(rate=10)
    ).run(minutes=1)
    deployment.run(minutes=2)
    assert deployment.metrics.series("Invocations", "2") == [600, 600]


def test_a_payload_function_numbers_the_requests_and_errors_follow_the_inputs():
    account = _account(failing_on(lambda event: event["order"] % 10 == 0, "v2"))
    deployment = Deployment(
        account,
        "checkout",
        "live",
        "2",
        "AllAtOnce",
        traffic=Traffic(rate=10, payload=lambda number: {"order": number}),
    ).run(minutes=1)
    assert deployment.metrics.value("Errors", "2", 0, 1) == 60


def test_reported_durations_are_averaged_per_version_and_minute():
    account = Account(seed=1)
    account.create_function("checkout", healthy("v1", duration_ms=20), publish=True)
    account.update_function_code("checkout", healthy("v2", duration_ms=80), publish=True)
    account.create_alias("checkout", "live", "1")
    deployment = Deployment(
        account, "checkout", "live", "2", "Canary10Percent5Minutes", traffic=Traffic(rate=20)
    ).run()
    metrics = deployment.metrics
    assert metrics.series("Duration", "1") == [20.0] * 5
    assert metrics.series("Duration", "2") == [80.0] * 5
    assert 20 < metrics.value("Duration", None, 0, 5) < 80


def test_a_version_that_reports_no_duration_has_no_duration_datapoint():
    metrics = Metrics()
    metrics.add(0, "1", invocations=10)
    assert metrics.value("Duration", "1", 0, 1) is None


def test_metrics_sum_counts_and_average_rates_over_a_window():
    metrics = Metrics()
    metrics.add(0, "2", invocations=10, errors=5)
    metrics.add(2, "2", invocations=30, errors=3)
    assert metrics.series("Invocations", "2") == [10, None, 30]
    assert metrics.value("Errors", "2", 0, 3) == 8
    assert metrics.value("ErrorRate", "2", 0, 3) == 0.2
    assert metrics.value("ErrorRate", "2", 1, 2) is None


def test_an_unknown_metric_is_refused():
    with pytest.raises(ValueError, match="metric_name"):
        Metrics().value("Throttles", None, 0, 1)


def test_the_traffic_is_logged_as_alias_invocations():
    account = _account()
    Deployment(account, "checkout", "live", "2", "AllAtOnce", traffic=Traffic(rate=1)).run(
        minutes=1
    )
    record = account.invocation_log[-1]
    assert record.invoked_arn.endswith(":function:checkout:live")
    assert record.executed_version == "2"


def test_traffic_reads_as_its_rate():
    assert repr(Traffic(100)) == "Traffic(100 requests/s)"
    assert repr(Traffic({0: 5, 10: 50}, poisson=True, seed=2)) == (
        "Traffic({0: 5, 10: 50} requests/s, poisson, seed=2)"
    )


def test_the_deployment_table_shows_the_weight_each_minute_began_with():
    account = _account()
    deployment = Deployment(
        account, "checkout", "live", "2", "Linear10PercentEvery1Minute", traffic=Traffic(10)
    ).run(minutes=11)
    rows = deployment.table().splitlines()
    assert rows[0].split() == [
        "minute",
        "weight",
        "v2",
        "v1",
        "calls",
        "v1",
        "errors",
        "v2",
        "calls",
        "v2",
        "errors",
    ]
    assert [row.split()[1] for row in rows[1:]] == [
        "10%",
        "20%",
        "30%",
        "40%",
        "50%",
        "60%",
        "70%",
        "80%",
        "90%",
        "100%",
        "100%",
    ]
