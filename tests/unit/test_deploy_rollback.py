"""Deployments: hooks, alarms and rollback (lambda-semantics.md 10.3), status and timeline."""

import pytest

from lambda_model import Account, ResourceNotFoundException
from lambda_model.deploy import (
    Alarm,
    Deployment,
    DeploymentError,
    Traffic,
    failing,
    healthy,
)


def _account(new_handler=None, seed=7) -> Account:
    account = Account(seed=seed)
    account.create_function("checkout", healthy("v1"), publish=True)
    account.update_function_code("checkout", new_handler or healthy("v2"), publish=True)
    account.create_alias("checkout", "live", "1")
    return account


def _hook(account: Account, name: str, verdict) -> list:
    """A hook function answering ``verdict``; returns the list of events it received."""
    received = []

    def handler(event, context):
        received.append(event)
        return verdict

    account.create_function(name, handler)
    return received


ERRORS = Alarm("checkout-new-errors", threshold=0.05, window=2)


def _deployment(account, config="Canary10Percent5Minutes", **options) -> Deployment:
    options.setdefault("traffic", Traffic(rate=20))
    options.setdefault("alarms", [ERRORS])
    return Deployment(account, "checkout", "live", "2", config, **options)


# --- alarms ---------------------------------------------------------------------------------


def test_an_alarm_entering_alarm_rolls_the_alias_back_to_the_old_version():
    account = _account(failing(0.3, "v2", seed=1))
    _deployment(account).run()
    alias = account.get_alias("checkout", "live")
    assert alias.function_version == "1"
    assert alias.routing_config is None


def test_a_rollback_on_alarm_ends_the_deployment_failed_with_alarm_active():
    account = _account(failing(0.3, "v2", seed=1))
    deployment = _deployment(account).run()
    assert (deployment.status, deployment.error_code) == ("Failed", "ALARM_ACTIVE")
    assert "checkout-new-errors" in deployment.error_message


def test_the_rollback_happens_at_the_first_minute_boundary_after_the_errors():
    account = _account(failing(0.3, "v2", seed=1))
    deployment = _deployment(account).run()
    assert deployment.rollback_offset == 60.0
    assert account.clock.now == deployment.start_time + 60.0


def test_after_a_rollback_no_more_traffic_shifts_happen():
    account = _account(failing(0.3, "v2", seed=1))
    deployment = _deployment(account).run(minutes=10)
    assert deployment.weights == [(0.0, 0.1), (60.0, 0.0)]
    assert account.get_alias("checkout", "live").function_version == "1"


def test_after_a_rollback_the_traffic_watched_on_runs_only_on_the_old_version():
    account = _account(failing(0.3, "v2", seed=1))
    deployment = _deployment(account).run(minutes=4)
    assert deployment.metrics.series("Invocations", "2")[1:] == [None, None, None]
    assert deployment.metrics.series("Invocations", "1")[1:] == [1200, 1200, 1200]


def test_an_alarm_on_a_version_that_gets_no_traffic_stays_insufficient_data():
    account = _account(failing(0.3, "v2", seed=1))
    silent = Alarm("version-9-errors", version="9")
    deployment = _deployment(account, "Canary10Percent5Minutes", alarms=[silent]).run()
    assert deployment.status == "Succeeded"
    assert deployment.alarm_states == {"version-9-errors": "INSUFFICIENT_DATA"}


def test_an_alarm_on_the_old_version_does_not_fire_when_only_the_new_one_fails():
    account = _account(failing(0.3, "v2", seed=1))
    deployment = _deployment(account, alarms=[Alarm("old-errors", version="old")]).run()
    assert deployment.status == "Succeeded"
    assert deployment.alarm_states == {"old-errors": "OK"}


def test_an_error_rate_under_the_threshold_does_not_roll_back():
    account = _account(failing(0.01, "v2", seed=1))
    deployment = _deployment(account, "Linear10PercentEvery1Minute").run()
    assert deployment.status == "Succeeded"
    assert deployment.rollback_offset is None


# --- healthy --------------------------------------------------------------------------------


def test_a_healthy_new_version_is_deployed_without_rollback():
    account = _account()
    deployment = _deployment(account, "Linear10PercentEvery2Minutes").run()
    assert deployment.status == "Succeeded"
    assert not deployment.rolled_back
    assert account.get_alias("checkout", "live").function_version == "2"


def test_a_succeeded_deployment_ends_when_the_alias_moves():
    account = _account()
    deployment = _deployment(account, "Canary10Percent10Minutes").run()
    assert deployment.end_time - deployment.start_time == 600.0
    assert deployment.timeline[-1].lifecycle_event == "End"


def test_during_the_shift_both_versions_serve_traffic_through_the_alias():
    account = _account()
    deployment = _deployment(account, "Canary10Percent5Minutes", traffic=Traffic(100)).run()
    new_share = sum(deployment.metrics.series("Invocations", "2")[:5]) / (5 * 60 * 100)
    assert deployment.metrics.versions == ["1", "2"]
    assert 0.08 < new_share < 0.12


def test_each_traffic_shift_is_one_update_alias_in_the_account_history():
    account = _account()
    before = len(account.history)
    _deployment(account, "Linear10PercentEvery1Minute").run()
    updates = account.history[before:]
    assert [type(event).__name__ for event in updates] == ["AliasUpdated"] * 10
    assert updates[-1].function_version == "2"
    assert updates[-1].weights is None


# --- hooks ----------------------------------------------------------------------------------


def test_the_pre_traffic_hook_receives_the_deployment_id_and_an_execution_id():
    account = _account()
    received = _hook(account, "CodeDeployHook_pre", "Succeeded")
    deployment = _deployment(account, pre_traffic_hook="CodeDeployHook_pre").run()
    (event,) = received
    assert set(event) == {"DeploymentId", "LifecycleEventHookExecutionId"}
    assert event["DeploymentId"] == deployment.deployment_id


def test_a_failed_pre_traffic_hook_fails_the_deployment_before_any_traffic_shift():
    account = _account()
    _hook(account, "CodeDeployHook_pre", {"status": "Failed"})
    deployment = _deployment(account, pre_traffic_hook="CodeDeployHook_pre").run()
    assert (deployment.status, deployment.error_code) == ("Failed", "HOOK_EXECUTION_FAILURE")
    assert deployment.weights == []
    assert account.get_alias("checkout", "live").function_version == "1"


def test_a_failed_pre_traffic_hook_leaves_the_alias_untouched():
    account = _account()
    _hook(account, "CodeDeployHook_pre", "Failed")
    revision = account.get_alias("checkout", "live").revision_id
    _deployment(account, pre_traffic_hook="CodeDeployHook_pre").run()
    assert account.get_alias("checkout", "live").revision_id == revision


def test_a_failed_post_traffic_hook_rolls_the_alias_back_after_the_shift():
    account = _account()
    _hook(account, "CodeDeployHook_post", "Failed")
    deployment = _deployment(account, post_traffic_hook="CodeDeployHook_post").run()
    assert (deployment.status, deployment.error_code) == ("Failed", "HOOK_EXECUTION_FAILURE")
    assert deployment.rollback_offset == 300.0
    assert account.get_alias("checkout", "live").function_version == "1"


def test_a_hook_that_raises_counts_as_failed():
    account = _account()

    def broken(event, context):
        raise RuntimeError("smoke test failed")

    account.create_function("CodeDeployHook_pre", broken)
    deployment = _deployment(account, pre_traffic_hook="CodeDeployHook_pre").run()
    assert deployment.error_code == "HOOK_EXECUTION_FAILURE"
    assert "smoke test failed" in deployment.error_message


def test_a_hook_that_reports_nothing_counts_as_failed():
    account = _account()
    _hook(account, "CodeDeployHook_pre", None)
    deployment = _deployment(account, pre_traffic_hook="CodeDeployHook_pre").run()
    assert deployment.status == "Failed"


def test_a_missing_hook_function_fails_the_deployment():
    account = _account()
    deployment = _deployment(account, pre_traffic_hook="CodeDeployHook_missing").run()
    assert deployment.error_code == "HOOK_EXECUTION_FAILURE"
    assert "ResourceNotFoundException" in deployment.error_message


def test_both_hooks_succeeding_let_the_deployment_succeed():
    account = _account()
    pre = _hook(account, "CodeDeployHook_pre", "Succeeded")
    post = _hook(account, "CodeDeployHook_post", {"status": "Succeeded"})
    deployment = _deployment(
        account, pre_traffic_hook="CodeDeployHook_pre", post_traffic_hook="CodeDeployHook_post"
    ).run()
    assert deployment.status == "Succeeded"
    assert pre[0]["LifecycleEventHookExecutionId"] != post[0]["LifecycleEventHookExecutionId"]


def test_all_at_once_still_runs_both_hooks():
    account = _account()
    pre = _hook(account, "CodeDeployHook_pre", "Succeeded")
    post = _hook(account, "CodeDeployHook_post", "Succeeded")
    _deployment(
        account,
        "AllAtOnce",
        pre_traffic_hook="CodeDeployHook_pre",
        post_traffic_hook="CodeDeployHook_post",
    ).run()
    assert (len(pre), len(post)) == (1, 1)


# --- starting -------------------------------------------------------------------------------


def test_a_deployment_to_the_version_the_alias_already_points_at_is_refused():
    account = _account()
    with pytest.raises(DeploymentError, match="already points at version 1"):
        Deployment(account, "checkout", "live", "1", "AllAtOnce")


def test_a_deployment_while_the_alias_is_already_splitting_traffic_is_refused():
    account = _account()
    account.update_alias("checkout", "live", routing_config={"2": 0.5})
    with pytest.raises(DeploymentError, match="already splitting traffic"):
        Deployment(account, "checkout", "live", "2", "AllAtOnce")


def test_a_deployment_of_a_version_that_does_not_exist_is_refused_with_aws_404():
    account = _account()
    with pytest.raises(ResourceNotFoundException):
        Deployment(account, "checkout", "live", "9", "AllAtOnce")


def test_a_deployment_of_latest_is_refused_as_codedeploy_deploys_published_versions():
    account = _account()
    with pytest.raises(DeploymentError, match="published version number"):
        Deployment(account, "checkout", "live", "$LATEST", "AllAtOnce")


def test_two_alarms_with_one_name_are_refused():
    with pytest.raises(DeploymentError, match="unique"):
        _deployment(_account(), alarms=[Alarm("a"), Alarm("a", version="old")])


def test_a_refused_deployment_changes_nothing():
    account = _account()
    history = list(account.history)
    with pytest.raises(ResourceNotFoundException):
        Deployment(account, "checkout", "missing", "2", "AllAtOnce")
    assert account.history == history


def test_a_shift_the_alias_rules_refuse_fails_the_deployment_with_the_core_message():
    account = Account(seed=1)
    account.create_function(
        "checkout", healthy("v1"), publish=True, role="arn:aws:iam::123456789012:role/a"
    )
    account.update_function_configuration("checkout", role="arn:aws:iam::123456789012:role/b")
    account.update_function_code("checkout", healthy("v2"), publish=True)
    account.create_alias("checkout", "live", "1")
    deployment = Deployment(account, "checkout", "live", "2", "Canary10Percent5Minutes").run()
    assert deployment.error_code == "INVALID_LAMBDA_CONFIGURATION"
    assert "same execution role" in deployment.error_message


def test_a_gradual_shift_from_an_alias_on_latest_fails_as_lambda_refuses_the_weights():
    account = _account()
    account.update_alias("checkout", "live", function_version="$LATEST")
    deployment = Deployment(account, "checkout", "live", "2", "Canary10Percent5Minutes").run()
    assert deployment.error_code == "INVALID_LAMBDA_CONFIGURATION"
    assert "$LATEST is not supported" in deployment.error_message
    assert account.get_alias("checkout", "live").function_version == "$LATEST"


def test_nothing_happens_until_the_clock_moves():
    account = _account()
    deployment = _deployment(account).start()
    assert deployment.status == "InProgress"
    assert account.get_alias("checkout", "live").routing_config is None


def test_advancing_the_account_clock_drives_a_started_deployment():
    account = _account()
    deployment = _deployment(account).start()
    account.clock.advance(5 * 60)
    assert deployment.status == "Succeeded"


def test_a_deployment_cannot_start_twice():
    account = _account()
    deployment = _deployment(account).run()
    with pytest.raises(DeploymentError, match="already Succeeded"):
        deployment.start()


# --- determinism and reading ----------------------------------------------------------------


def _timeline(seed: int) -> list[str]:
    """The timeline's lines (without the header, which names the seeded deployment id)."""
    account = _account(failing(0.08, "v2", seed=3), seed=seed)
    deployment = _deployment(account, "Linear10PercentEvery1Minute", traffic=Traffic(50))
    return [str(entry) for entry in deployment.run().timeline]


def test_the_same_seed_gives_the_same_timeline():
    assert _timeline(seed=11) == _timeline(seed=11)


def test_another_seed_draws_other_requests_and_so_gives_another_timeline():
    assert _timeline(seed=11) != _timeline(seed=12)


def test_deployment_ids_look_like_codedeploys_and_come_from_the_seed():
    first = _deployment(_account(seed=5)).deployment_id
    again = _deployment(_account(seed=5)).deployment_id
    other = _deployment(_account(seed=6)).deployment_id
    assert first == again != other
    assert first.startswith("d-") and len(first) == 11 and first[2:].isalnum()


def test_the_timeline_tells_the_story_of_a_rollback_in_order():
    account = _account(failing(0.3, "v2", seed=1))
    deployment = _deployment(account).run()
    assert [entry.lifecycle_event for entry in deployment.timeline] == [
        "Start",
        "AllowTraffic",
        "Alarm",
        "Rollback",
        "End",
    ]
    text = deployment.timeline_text()
    assert "INSUFFICIENT_DATA -> ALARM" in text
    assert "alias back on version 1" in text


def test_a_deployment_reads_as_its_id_alias_versions_configuration_and_outcome():
    account = _account(failing(0.3, "v2", seed=1))
    deployment = _deployment(account).run()
    assert repr(deployment) == (
        f"Deployment({deployment.deployment_id}: checkout:live 1 -> 2, "
        "Canary10Percent5Minutes, Failed (ALARM_ACTIVE) at +1:00)"
    )
    assert "at 0x" not in repr(deployment.timeline[0])
