"""The console's actions as plain account calls: publish, promote, roll back, canary."""

from __future__ import annotations

import pytest

from lambda_model import Account, InvalidParameterValueException, ResourceNotFoundException
from lambda_model.widgets import (
    RollbackUnavailable,
    Target,
    canary_candidates,
    previous_target,
    promote,
    publish_new_version,
    roll_back,
    set_canary,
    targets,
)


@pytest.fixture
def account() -> Account:
    """Function ``f`` with versions 1 and 2 and alias PROD -> 1."""
    account = Account()
    account.create_function("f", lambda event, context: "ok", publish=True)
    publish_new_version(account, "f")
    account.create_alias("f", "PROD", "1")
    return account


def test_publishing_a_new_version_changes_its_description_so_a_new_number_is_made(account):
    published = publish_new_version(account, "f")
    assert (published.version, published.description) == ("3", "release 3")
    assert sorted(account.functions["f"].versions) == [1, 2, 3]


def test_promoting_points_the_alias_at_the_version_with_all_traffic(account):
    set_canary(account, "f", "PROD", "2", 10)
    promoted = promote(account, "f", "PROD", "2")
    assert promoted.function_version == "2"
    assert promoted.routing_config is None


def test_promoting_to_a_missing_alias_creates_it(account):
    promote(account, "f", "BETA", "2")
    assert account.get_alias("f", "BETA").function_version == "2"


def test_an_alias_that_never_moved_has_no_previous_target(account):
    assert previous_target(account, "f", "PROD") is None


def test_the_previous_target_is_read_from_the_last_alias_update(account):
    set_canary(account, "f", "PROD", "2", 25)
    promote(account, "f", "PROD", "2")
    assert previous_target(account, "f", "PROD") == Target("1", {"2": 0.25})


def test_the_previous_target_ignores_other_aliases(account):
    promote(account, "f", "PROD", "2")
    account.create_alias("f", "BETA", "1")
    assert previous_target(account, "f", "PROD") == Target("1")


def test_rolling_back_restores_the_previous_primary_and_weights(account):
    set_canary(account, "f", "PROD", "2", 25)
    promote(account, "f", "PROD", "2")
    rolled = roll_back(account, "f", "PROD")
    assert rolled.weights == {"1": 0.75, "2": 0.25}


def test_rolling_back_twice_returns_to_where_the_first_rollback_started(account):
    promote(account, "f", "PROD", "2")
    roll_back(account, "f", "PROD")
    assert roll_back(account, "f", "PROD").function_version == "2"


def test_rolling_back_an_alias_that_never_moved_is_refused_and_changes_nothing(account):
    events = len(account.history)
    with pytest.raises(
        RollbackUnavailable, match="PROD has had no other target since it was created"
    ):
        roll_back(account, "f", "PROD")
    assert len(account.history) == events


def test_rolling_back_a_missing_alias_is_the_services_not_found(account):
    with pytest.raises(
        ResourceNotFoundException, match=r"Cannot find alias arn: .*:function:f:NOPE"
    ):
        roll_back(account, "f", "NOPE")


def test_a_canary_weight_is_a_percentage_of_the_alias_traffic(account):
    assert set_canary(account, "f", "PROD", "2", 10).weights == {"1": 0.9, "2": 0.1}


def test_a_canary_of_zero_percent_clears_the_routing(account):
    set_canary(account, "f", "PROD", "2", 10)
    assert set_canary(account, "f", "PROD", "2", 0).routing_config is None


def test_a_canary_on_the_primary_version_is_refused_by_the_routing_rules(account):
    with pytest.raises(InvalidParameterValueException, match="already included"):
        set_canary(account, "f", "PROD", "1", 10)


def test_promoting_an_alias_to_its_present_target_records_nothing(account):
    events = len(account.history)
    assert promote(account, "f", "PROD", "1").function_version == "1"
    assert len(account.history) == events


def test_promoting_to_the_present_primary_with_a_canary_clears_the_canary(account):
    set_canary(account, "f", "PROD", "2", 10)
    assert promote(account, "f", "PROD", "1").routing_config is None


def test_setting_the_canary_weight_the_alias_has_records_nothing(account):
    set_canary(account, "f", "PROD", "2", 10)
    events = len(account.history)
    set_canary(account, "f", "PROD", "2", 10)
    assert len(account.history) == events


def test_the_targets_of_an_alias_fold_updates_that_left_it_where_it_was(account):
    account.update_alias("f", "PROD", function_version="1")  # same target, from outside
    account.update_alias("f", "PROD", description="same place")
    set_canary(account, "f", "PROD", "2", 10)
    assert targets(account, "f", "PROD") == [Target("1"), Target("1", {"2": 0.1})]


def test_roll_back_skips_updates_that_did_not_move_the_alias(account):
    promote(account, "f", "PROD", "2")
    account.update_alias("f", "PROD", function_version="2")  # an X -> X made outside
    assert roll_back(account, "f", "PROD").function_version == "1"


def test_an_alias_with_only_same_target_updates_cannot_be_rolled_back(account):
    account.update_alias("f", "PROD", function_version="1")
    with pytest.raises(RollbackUnavailable):
        roll_back(account, "f", "PROD")


def test_a_re_created_alias_rolls_back_only_within_its_new_life(account):
    promote(account, "f", "PROD", "2")
    account.delete_alias("f", "PROD")
    account.create_alias("f", "PROD", "2")
    assert previous_target(account, "f", "PROD") is None


def test_the_canary_candidates_are_the_versions_other_than_the_primary_newest_first(account):
    publish_new_version(account, "f")
    assert canary_candidates(account, "f", "PROD") == ["3", "2"]


def test_an_alias_on_latest_or_missing_has_no_canary_candidates(account):
    account.create_alias("f", "DEV", "$LATEST")
    assert canary_candidates(account, "f", "DEV") == []
    assert canary_candidates(account, "f", "NOPE") == []
