"""The deployment figure: what it shows (lines, markers, labels), not its pixels."""

import pytest

pytest.importorskip("matplotlib")

from lambda_model import Account
from lambda_model.deploy import Alarm, Deployment, Traffic, failing, healthy
from lambda_model.deploy.plots import plot_deployment


def _deployment(new_handler, config="Canary10Percent5Minutes", minutes=8) -> Deployment:
    account = Account(seed=7)
    account.create_function("checkout", healthy("v1"), publish=True)
    account.update_function_code("checkout", new_handler, publish=True)
    account.create_alias("checkout", "live", "1")
    deployment = Deployment(
        account,
        "checkout",
        "live",
        "2",
        config,
        traffic=Traffic(rate=20),
        alarms=[Alarm("checkout-errors", threshold=0.05, window=2)],
    )
    return deployment.run(minutes=minutes)


@pytest.fixture(scope="module")
def rolled_back():
    deployment = _deployment(failing(0.25, "v2", seed=1))
    return deployment, plot_deployment(deployment)


def _by_gid(axes, gid):
    return [artist for artist in axes.get_children() if artist.get_gid() == gid]


def test_the_figure_has_a_weight_panel_above_an_error_rate_panel(rolled_back):
    _, figure = rolled_back
    assert [axes.get_ylabel() for axes in figure.axes] == [
        "traffic to version 2",
        "error rate per minute",
    ]


def test_the_weight_line_rises_to_the_canary_then_drops_to_zero_at_the_rollback(rolled_back):
    _, figure = rolled_back
    (line,) = _by_gid(figure.axes[0], "weight")
    xs, ys = line.get_data()
    assert list(ys[:3]) == [0.0, 0.1, 0.0]
    assert list(xs[1:3]) == [0.0, 1.0]


def test_the_planned_schedule_is_drawn_beside_the_actual_weight(rolled_back):
    _, figure = rolled_back
    (planned,) = _by_gid(figure.axes[0], "planned-weight")
    assert max(planned.get_data()[1]) == 1.0
    assert planned.get_linestyle() == "--"


def test_each_update_alias_is_a_marker_on_the_weight_line(rolled_back):
    deployment, figure = rolled_back
    (markers,) = _by_gid(figure.axes[0], "alias-updates")
    assert markers.get_marker() == "o"
    assert list(zip(*markers.get_data(), strict=True)) == [
        (offset / 60, weight) for offset, weight in deployment.weights
    ]


def test_the_rollback_moment_is_marked_on_both_panels(rolled_back):
    _, figure = rolled_back
    for axes in figure.axes:
        (line,) = _by_gid(axes, "rollback")
        assert list(line.get_xdata()) == [1.0, 1.0]
        assert line.get_label() == "rollback at +1:00"


def test_the_rollback_is_explained_in_words(rolled_back):
    _, figure = rolled_back
    texts = [text.get_text() for text in figure.axes[0].texts]
    assert texts == ["rollback +1:00 (ALARM_ACTIVE):\nalias live back on version 1"]
    assert "Failed (ALARM_ACTIVE), rolled back" in figure.get_suptitle()


def test_the_alarm_threshold_is_a_horizontal_line_at_its_value(rolled_back):
    _, figure = rolled_back
    (threshold,) = _by_gid(figure.axes[1], "threshold-checkout-errors")
    assert list(threshold.get_ydata()) == [0.05, 0.05]


def test_the_new_versions_error_rate_is_drawn_until_the_rollback(rolled_back):
    deployment, figure = rolled_back
    (line,) = _by_gid(figure.axes[1], "error-rate-new")
    ys = line.get_data()[1]
    assert ys[0] == pytest.approx(deployment.metrics.value("ErrorRate", "2", 0, 1))
    assert ys[0] > 0.05


def test_the_old_versions_error_rate_is_drawn_for_every_minute_watched(rolled_back):
    _, figure = rolled_back
    (line,) = _by_gid(figure.axes[1], "error-rate-old")
    assert list(line.get_data()[1]) == [0.0] * 9


def test_the_moment_the_alarm_fired_is_marked_with_its_value(rolled_back):
    _, figure = rolled_back
    (marker,) = _by_gid(figure.axes[1], "alarm-checkout-errors")
    assert list(marker.get_xdata()) == [1.0]
    assert "in ALARM" in marker.get_label()


def test_a_healthy_deployment_has_no_rollback_mark():
    deployment = _deployment(healthy("v2"), "Linear10PercentEvery1Minute", minutes=10)
    figure = plot_deployment(deployment)
    assert deployment.status == "Succeeded"
    assert all(not _by_gid(axes, "rollback") for axes in figure.axes)
    (line,) = _by_gid(figure.axes[0], "weight")
    assert line.get_data()[1][-1] == 1.0


def test_the_deployment_plots_itself():
    deployment = _deployment(healthy("v2"), "AllAtOnce", minutes=1)
    assert deployment.plot().axes[0].get_ylabel() == "traffic to version 2"


def test_a_failed_pre_traffic_hook_is_marked_as_a_failure_not_a_rollback():
    account = Account(seed=3)
    account.create_function("checkout", healthy("v1"), publish=True)
    account.update_function_code("checkout", healthy("v2"), publish=True)
    account.create_alias("checkout", "live", "1")
    account.create_function("CodeDeployHook_pre", lambda event, context: "Failed")
    deployment = Deployment(
        account,
        "checkout",
        "live",
        "2",
        "Canary10Percent5Minutes",
        pre_traffic_hook="CodeDeployHook_pre",
        traffic=Traffic(rate=10),
    ).run(minutes=3)
    figure = plot_deployment(deployment)
    for axes in figure.axes:
        assert not _by_gid(axes, "rollback")
        (line,) = _by_gid(axes, "failure")
        assert list(line.get_xdata()) == [0.0, 0.0]
    assert not _by_gid(figure.axes[0], "weight")
    assert "alias never moved" in figure.get_suptitle()
