"""Deployment configurations: each predefined schedule exact, minute by minute, on paper and on
the alias itself (lambda-semantics.md 10.2 and 10.3)."""

import pytest

from lambda_model import Account
from lambda_model.deploy import (
    PREDEFINED,
    AllAtOnce,
    Canary10Percent5Minutes,
    Canary10Percent10Minutes,
    Canary10Percent15Minutes,
    Canary10Percent30Minutes,
    Deployment,
    Linear10PercentEvery1Minute,
    Linear10PercentEvery2Minutes,
    Linear10PercentEvery3Minutes,
    Linear10PercentEvery10Minutes,
    TimeBasedCanary,
    TimeBasedLinear,
    deployment_config,
    healthy,
)


def _linear(every: int) -> list[float]:
    """10%, 20%, ... 90%, each held ``every`` minutes, then 100%."""
    weights = []
    for tenth in range(1, 10):
        weights += [tenth / 10] * every
    return [*weights, 1.0]


#: The new version's weight during each simulated minute, until the alias has moved.
EXPECTED = {
    "Canary10Percent5Minutes": [0.1, 0.1, 0.1, 0.1, 0.1, 1.0],
    "Canary10Percent10Minutes": [0.1] * 10 + [1.0],
    "Canary10Percent15Minutes": [0.1] * 15 + [1.0],
    "Canary10Percent30Minutes": [0.1] * 30 + [1.0],
    "Linear10PercentEvery1Minute": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
    "Linear10PercentEvery2Minutes": _linear(2),
    "Linear10PercentEvery3Minutes": _linear(3),
    "Linear10PercentEvery10Minutes": _linear(10),
    "AllAtOnce": [1.0],
}


def test_the_predefined_configurations_are_the_nine_sam_types():
    assert list(PREDEFINED) == list(EXPECTED)


@pytest.mark.parametrize("name", EXPECTED)
def test_each_predefined_schedule_gives_the_documented_weight_at_every_minute(name):
    config = PREDEFINED[name]
    minutes = len(EXPECTED[name])
    assert [config.weight_at(minute * 60) for minute in range(minutes)] == EXPECTED[name]


@pytest.mark.parametrize("name", EXPECTED)
def test_each_predefined_schedule_ends_with_the_alias_moved(name):
    schedule = PREDEFINED[name].schedule()
    assert schedule[-1].weight == 1.0
    assert schedule[-1].offset == (len(EXPECTED[name]) - 1) * 60
    assert all(shift.weight < 1.0 for shift in schedule[:-1])


def _weight_of(account: Account, version: str) -> float:
    alias = account.get_alias("checkout", "live")
    return alias.weights.get(version, 0.0)


@pytest.mark.parametrize("name", EXPECTED)
def test_a_deployment_sets_the_alias_weights_of_the_schedule_at_every_simulated_minute(name):
    account = Account(seed=1)
    account.create_function("checkout", healthy("v1"), publish=True)
    account.update_function_code("checkout", healthy("v2"), publish=True)
    account.create_alias("checkout", "live", "1")
    deployment = Deployment(account, "checkout", "live", "2", name).start()
    seen = []
    for minute in range(len(EXPECTED[name])):
        account.clock.run_until(deployment.start_time + minute * 60)
        seen.append(_weight_of(account, "2"))
    assert seen == EXPECTED[name]
    assert deployment.status == "Succeeded"


def test_the_alias_holds_a_single_additional_version_weight_while_shifting():
    account = Account(seed=1)
    account.create_function("checkout", healthy("v1"), publish=True)
    account.update_function_code("checkout", healthy("v2"), publish=True)
    account.create_alias("checkout", "live", "1")
    Deployment(account, "checkout", "live", "2", Canary10Percent5Minutes).start()
    account.clock.advance(60)
    alias = account.get_alias("checkout", "live")
    assert alias.to_dict()["FunctionVersion"] == "1"
    assert alias.to_dict()["RoutingConfig"] == {"AdditionalVersionWeights": {"2": 0.1}}


def test_at_one_hundred_percent_the_alias_points_at_the_new_version_without_routing():
    account = Account(seed=1)
    account.create_function("checkout", healthy("v1"), publish=True)
    account.update_function_code("checkout", healthy("v2"), publish=True)
    account.create_alias("checkout", "live", "1")
    Deployment(account, "checkout", "live", "2", Canary10Percent5Minutes).run()
    body = account.get_alias("checkout", "live").to_dict()
    assert body["FunctionVersion"] == "2"
    assert "RoutingConfig" not in body


def test_a_custom_canary_shifts_its_percentage_then_the_rest_after_its_interval():
    config = TimeBasedCanary(25, 3)
    assert config.name == "Canary25Percent3Minutes"
    assert [config.weight_at(minute * 60) for minute in range(5)] == [0.25, 0.25, 0.25, 1.0, 1.0]


def test_a_custom_linear_whose_percentage_does_not_divide_100_ends_with_a_smaller_step():
    config = TimeBasedLinear(30, 2)
    assert [(shift.offset, shift.weight) for shift in config.schedule()] == [
        (0.0, 0.3),
        (120.0, 0.6),
        (240.0, 0.9),
        (360.0, 1.0),
    ]


def test_a_custom_configuration_equal_to_a_predefined_one_is_equal():
    assert TimeBasedLinear(10, 1) == Linear10PercentEvery1Minute
    assert TimeBasedCanary(10, 30) == Canary10Percent30Minutes


@pytest.mark.parametrize(
    ("make", "args"),
    [
        (TimeBasedCanary, (0, 5)),
        (TimeBasedCanary, (100, 5)),
        (TimeBasedLinear, (10, 0)),
        (TimeBasedLinear, (101, 1)),
        (TimeBasedLinear, (12.5, 1)),
    ],
)
def test_a_configuration_outside_codedeploys_ranges_is_refused(make, args):
    with pytest.raises(ValueError):
        make(*args)


def test_a_predefined_configuration_has_codedeploys_default_name():
    assert Canary10Percent15Minutes.deployment_config_name == (
        "CodeDeployDefault.LambdaCanary10Percent15Minutes"
    )
    assert TimeBasedCanary(20, 15).deployment_config_name == "Canary20Percent15Minutes"


def test_configurations_render_as_codedeploys_traffic_routing_config():
    assert Linear10PercentEvery2Minutes.to_dict() == {
        "type": "TimeBasedLinear",
        "timeBasedLinear": {"linearPercentage": 10, "linearInterval": 2},
    }
    assert Canary10Percent10Minutes.to_dict() == {
        "type": "TimeBasedCanary",
        "timeBasedCanary": {"canaryPercentage": 10, "canaryInterval": 10},
    }
    assert AllAtOnce.to_dict() == {"type": "AllAtOnce"}


def test_a_configuration_is_found_by_its_sam_type_or_its_codedeploy_name():
    assert deployment_config("Linear10PercentEvery3Minutes") is Linear10PercentEvery3Minutes
    assert (
        deployment_config("CodeDeployDefault.LambdaLinear10PercentEvery10Minutes")
        is Linear10PercentEvery10Minutes
    )


def test_an_unknown_configuration_name_is_refused_with_the_known_names():
    with pytest.raises(ValueError, match="Canary10Percent5Minutes"):
        deployment_config("Canary50Percent1Minute")


def test_a_configuration_reads_as_its_name():
    assert repr(Canary10Percent5Minutes) == "TimeBasedCanary('Canary10Percent5Minutes')"
    assert repr(Canary10Percent5Minutes.schedule()[1]) == "TrafficShift(+5:00, 100%)"
