"""Aliases: create (and the order of its errors), get, update, delete, list, weighted routing,
and RevisionIds per alias (rule list section 3)."""

import pytest

from lambda_model import (
    AliasCreated,
    AliasDeleted,
    AliasUpdated,
    InvalidParameterValueException,
    PreconditionFailedException,
    ResourceConflictException,
    ResourceNotFoundException,
    RoutingConfig,
    ValidationException,
)

ARN = "arn:aws:lambda:us-east-1:123456789012:function"
STALE = (
    "The Revision Id provided does not match the latest Revision Id. "
    "Call the GetFunction/GetAlias API to retrieve the latest Revision Id"
)
OTHER_ROLE = "arn:aws:iam::123456789012:role/other-role"
WEIGHT_RULE = (
    "Map value must satisfy constraint: [Member must have value less than or equal to 1.0, "
    "Member must have value greater than or equal to 0.0, Member must not be null]"
)
KEY_RULE = (
    "Map keys must satisfy constraint: [Member must have length less than or equal to 1024, "
    "Member must have length greater than or equal to 1, Member must satisfy regular "
    "expression pattern: [0-9]+]"
)


def routing_error(shown: str, rule: str) -> str:
    return (
        f"1 validation error detected: Value '{shown}' at 'routingConfig.additionalVersionWeights' "
        f"failed to satisfy constraint: {rule}"
    )


def too_long_description(description: str) -> str:
    return (
        f"1 validation error detected: Value '{description}' at 'description' failed to "
        "satisfy constraint: Member must have length less than or equal to 256"
    )


@pytest.fixture
def two_versions(release, function):
    """Function ``f`` with versions 1 and 2 (same role)."""
    release("v1"), release("v2")
    return function


# --- 3.1 CreateAlias -------------------------------------------------------------------------


def test_creating_an_alias_points_it_at_a_version(two_versions):
    alias = two_versions.create_alias("f", "PROD", "1")
    assert (alias.alias_arn, alias.name, alias.function_version) == (f"{ARN}:f:PROD", "PROD", "1")


def test_an_alias_may_point_to_latest(function):
    assert function.create_alias("f", "DEV", "$LATEST").function_version == "$LATEST"


def test_an_alias_description_defaults_to_empty(function):
    assert function.create_alias("f", "DEV", "$LATEST").description == ""


def test_an_alias_renders_in_awss_shape_without_routing(two_versions):
    alias = two_versions.create_alias("f", "PROD", "1", description="live traffic")
    assert alias.to_dict() == {
        "AliasArn": f"{ARN}:f:PROD",
        "Name": "PROD",
        "FunctionVersion": "1",
        "Description": "live traffic",
        "RevisionId": alias.revision_id,
    }


def test_an_alias_with_routing_renders_its_routing_config(two_versions):
    alias = two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.1})
    assert alias.to_dict()["RoutingConfig"] == {"AdditionalVersionWeights": {"2": 0.1}}


def test_an_empty_routing_config_is_accepted_and_yields_none(two_versions):
    alias = two_versions.create_alias(
        "f", "PROD", "1", routing_config={"AdditionalVersionWeights": {}}
    )
    assert alias.routing_config is None
    assert "RoutingConfig" not in alias.to_dict()


def test_creating_an_alias_records_one_event(two_versions):
    two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.25})
    event = two_versions.history[-1]
    assert isinstance(event, AliasCreated)
    assert (event.name, event.function_version, dict(event.weights)) == ("PROD", "1", {"2": 0.25})


def test_a_256_character_alias_description_is_accepted(function):
    alias = function.create_alias("f", "DEV", "$LATEST", description="d" * 256)
    assert alias.description == "d" * 256


def test_an_alias_description_over_256_characters_fails_validation(function, fails):
    description = "d" * 257
    with fails(ValidationException, 400, too_long_description(description)):
        function.create_alias("f", "DEV", "$LATEST", description=description)
    assert function.functions["f"].aliases == {}


# the order of CreateAlias's errors (3.1): name, then function/version, then existing alias,
# then routing


def test_a_bad_alias_name_is_reported_before_a_missing_function(account, fails):
    message = (
        "1 validation error detected: Value '2024' at 'name' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"
    )
    with fails(ValidationException, 400, message):
        account.create_alias("nope", "2024", "1")


def test_a_missing_function_is_reported_with_the_requested_version(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope:5"):
        account.create_alias("nope", "PROD", "5")


def test_a_missing_function_is_reported_with_latest_when_latest_is_requested(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope:$LATEST"):
        account.create_alias("nope", "PROD", "$LATEST")


def test_a_missing_target_version_is_not_found(function, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:3"):
        function.create_alias("f", "PROD", "3")


def test_a_missing_version_is_reported_before_an_existing_alias(two_versions, fails):
    two_versions.create_alias("f", "PROD", "1")
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:9"):
        two_versions.create_alias("f", "PROD", "9")


def test_creating_an_alias_that_exists_is_a_conflict(two_versions, fails):
    two_versions.create_alias("f", "PROD", "1")
    with fails(ResourceConflictException, 409, f"Alias already exists: {ARN}:f:PROD"):
        two_versions.create_alias("f", "PROD", "2")


def test_an_existing_alias_is_reported_before_a_routing_rule(two_versions, fails):
    two_versions.create_alias("f", "PROD", "1")
    with fails(ResourceConflictException, 409, f"Alias already exists: {ARN}:f:PROD"):
        two_versions.create_alias("f", "PROD", "1", routing_config={"1": 0.5})


def test_a_routing_rule_is_checked_once_the_alias_is_new(two_versions, fails):
    message = "$LATEST is not supported for an alias pointing to more than 1 version"
    with fails(InvalidParameterValueException, 400, message):
        two_versions.create_alias("f", "PROD", "$LATEST", routing_config={"1": 0.5})


# --- 3.2 GetAlias, and GetFunction through an alias ------------------------------------------


def test_getting_an_alias_returns_its_configuration(two_versions):
    created = two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.1})
    assert two_versions.get_alias("f", "PROD") == created


def test_getting_a_missing_alias_says_cannot_find_alias_arn(function, fails):
    with fails(ResourceNotFoundException, 404, f"Cannot find alias arn: {ARN}:f:PROD"):
        function.get_alias("f", "PROD")


def test_getting_an_alias_of_a_missing_function_is_function_not_found(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope"):
        account.get_alias("nope", "PROD")


@pytest.mark.parametrize("operation", ["get_function", "get_function_configuration"])
def test_reading_a_function_through_an_alias_reports_the_alias_arn_and_primary_version(
    two_versions, operation
):
    two_versions.create_alias("f", "PROD", "2", routing_config={"1": 0.5})
    config = getattr(two_versions, operation)("f", "PROD")
    assert (config.function_arn, config.version) == (f"{ARN}:f:PROD", "2")


def test_reading_a_function_through_an_alias_to_latest_reports_latest(function):
    function.create_alias("f", "DEV", "$LATEST")
    config = function.get_function("f:DEV")
    assert (config.function_arn, config.version) == (f"{ARN}:f:DEV", "$LATEST")


# --- 3.3 UpdateAlias -------------------------------------------------------------------------


def test_updating_a_missing_alias_says_alias_not_found(function, fails):
    with fails(ResourceNotFoundException, 404, f"Alias not found: {ARN}:f:PROD"):
        function.update_alias("f", "PROD", function_version="$LATEST")


def test_updating_an_alias_moves_it(two_versions):
    two_versions.create_alias("f", "PROD", "1")
    assert two_versions.update_alias("f", "PROD", function_version="2").function_version == "2"


def test_updating_an_alias_to_a_missing_version_is_not_found(two_versions, fails):
    two_versions.create_alias("f", "PROD", "1")
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:7"):
        two_versions.update_alias("f", "PROD", function_version="7")


def test_updating_an_alias_with_a_stale_revision_id_fails_the_precondition(two_versions, fails):
    stale = two_versions.create_alias("f", "PROD", "1").revision_id
    two_versions.update_alias("f", "PROD", description="moved on")
    with fails(PreconditionFailedException, 412, STALE):
        two_versions.update_alias("f", "PROD", function_version="2", revision_id=stale)
    assert two_versions.get_alias("f", "PROD").function_version == "1"


def test_updating_an_alias_with_its_current_revision_id_succeeds(two_versions):
    current = two_versions.create_alias("f", "PROD", "1").revision_id
    updated = two_versions.update_alias("f", "PROD", function_version="2", revision_id=current)
    assert updated.function_version == "2"


def test_an_update_keeps_the_fields_it_does_not_name(two_versions, release):
    release("v3")
    two_versions.create_alias("f", "PROD", "1", description="live", routing_config={"2": 0.1})
    updated = two_versions.update_alias("f", "PROD", function_version="3")
    assert (updated.description, updated.routing_config) == ("live", RoutingConfig({"2": 0.1}))


def test_a_description_only_update_keeps_the_version_and_routing(two_versions):
    two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.1})
    updated = two_versions.update_alias("f", "PROD", description="now documented")
    assert (updated.function_version, updated.routing_config) == ("1", RoutingConfig({"2": 0.1}))


@pytest.mark.parametrize("empty", [{"AdditionalVersionWeights": {}}, {}, RoutingConfig({})])
def test_an_empty_routing_config_clears_the_routing(two_versions, empty):
    two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.1})
    assert two_versions.update_alias("f", "PROD", routing_config=empty).routing_config is None


def test_an_alias_description_update_over_256_characters_fails_validation(function, fails):
    function.create_alias("f", "DEV", "$LATEST")
    description = "d" * 257
    with fails(ValidationException, 400, too_long_description(description)):
        function.update_alias("f", "DEV", description=description)
    assert function.get_alias("f", "DEV").description == ""


def test_moving_onto_the_routed_version_without_clearing_the_weights_is_refused(
    two_versions, fails
):
    two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.5})
    message = (
        "Invalid function version 2. Function version 2 is already included in routing "
        "configuration."
    )
    with fails(InvalidParameterValueException, 400, message):
        two_versions.update_alias("f", "PROD", function_version="2")


def test_finishing_a_shift_sets_the_new_version_and_clears_the_weights(two_versions):
    two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.5})
    done = two_versions.update_alias("f", "PROD", function_version="2", routing_config={})
    assert (done.function_version, done.routing_config) == ("2", None)


def test_updating_an_alias_records_where_it_was_and_where_it_went(two_versions):
    two_versions.create_alias("f", "PROD", "1")
    two_versions.update_alias("f", "PROD", function_version="1", routing_config={"2": 0.1})
    event = two_versions.history[-1]
    assert isinstance(event, AliasUpdated)
    assert (event.previous_version, event.previous_weights) == ("1", None)
    assert (event.function_version, dict(event.weights)) == ("1", {"2": 0.1})


# --- 3.4 DeleteAlias and ListAliases ---------------------------------------------------------


def test_deleting_an_alias_removes_it(function, fails):
    function.create_alias("f", "DEV", "$LATEST")
    function.delete_alias("f", "DEV")
    with fails(ResourceNotFoundException, 404, f"Cannot find alias arn: {ARN}:f:DEV"):
        function.get_alias("f", "DEV")


def test_deleting_an_alias_records_one_event(function):
    function.create_alias("f", "DEV", "$LATEST")
    function.delete_alias("f", "DEV")
    assert isinstance(function.history[-1], AliasDeleted)
    assert len(function.history) == 3


def test_deleting_a_missing_alias_is_a_no_op(function):
    before = list(function.history)
    assert function.delete_alias("f", "DEV") is None
    assert function.history == before


def test_deleting_an_alias_drops_its_resource_policy(function):
    """Inferred for AWS (rule list 3.4): the alias's own policy goes with it."""
    function.create_alias("f", "DEV", "$LATEST")
    policies = function.functions["f"].policies
    policies["DEV"] = {"Statement": []}
    policies[None] = {"Statement": []}
    function.delete_alias("f", "DEV")
    assert list(policies) == [None]


def test_deleting_an_alias_frees_its_version_for_deletion(two_versions):
    two_versions.create_alias("f", "PROD", "1")
    two_versions.delete_alias("f", "PROD")
    two_versions.delete_function("f", "1")
    assert list(two_versions.functions["f"].versions) == [2]


def test_listing_aliases_gives_every_alias_by_name(two_versions):
    for name, version in (("STAGING", "2"), ("PROD", "1"), ("DEV", "$LATEST")):
        two_versions.create_alias("f", name, version)
    assert [a.name for a in two_versions.list_aliases("f")] == ["DEV", "PROD", "STAGING"]


def test_the_function_version_filter_matches_the_primary_version(two_versions):
    two_versions.create_alias("f", "PROD", "1")
    two_versions.create_alias("f", "STAGING", "2")
    listed = two_versions.list_aliases("f", function_version="2")
    assert [a.name for a in listed] == ["STAGING"]


def test_an_alias_that_only_routes_to_a_version_is_not_listed_for_it(two_versions):
    two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.5})
    assert list(two_versions.list_aliases("f", function_version="2")) == []


def test_listing_aliases_of_a_missing_function_is_not_found(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope"):
        account.list_aliases("nope")


@pytest.mark.parametrize(
    ("max_items", "rule"),
    [
        (0, "Member must have value greater than or equal to 1"),
        (10001, "Member must have value less than or equal to 10000"),
    ],
)
def test_list_aliases_max_items_outside_1_to_10000_fails_validation(
    function, fails, max_items, rule
):
    message = (
        f"1 validation error detected: Value '{max_items}' at 'maxItems' failed to satisfy "
        f"constraint: {rule}"
    )
    with fails(ValidationException, 400, message):
        function.list_aliases("f", max_items=max_items)


# --- 3.5 RoutingConfig -----------------------------------------------------------------------


def test_a_weighted_alias_sends_a_share_to_one_additional_version(two_versions):
    alias = two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.1})
    assert alias.weights == {"1": pytest.approx(0.9), "2": 0.1}


def test_aws_routing_shape_and_a_bare_map_mean_the_same(two_versions):
    a = two_versions.create_alias("f", "A", "1", routing_config={"2": 0.1})
    b = two_versions.create_alias(
        "f", "B", "1", routing_config={"AdditionalVersionWeights": {"2": 0.1}}
    )
    assert a.routing_config == b.routing_config


def test_more_than_one_additional_version_is_refused(release, two_versions, fails):
    release("v3")
    message = "Number of items in AdditionalVersionWeights cannot be greater than 1"
    with fails(InvalidParameterValueException, 400, message):
        two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.1, "3": 0.1})


@pytest.mark.parametrize(
    ("weight", "shown"), [(2, "{2=2.0}"), (1.5, "{2=1.5}"), (-0.5, "{2=-0.5}")]
)
def test_a_weight_outside_zero_to_one_fails_validation(two_versions, fails, weight, shown):
    with fails(ValidationException, 400, routing_error(shown, WEIGHT_RULE)):
        two_versions.create_alias("f", "PROD", "1", routing_config={"2": weight})


def test_a_weight_of_zero_is_accepted(two_versions):
    alias = two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.0})
    assert alias.routing_config == RoutingConfig({"2": 0.0})


def test_a_weight_of_exactly_one_is_accepted(two_versions):
    """Unverified on AWS (rule list 3.5): the service model allows 1.0, LocalStack rejects it.
    The simulator follows the model."""
    alias = two_versions.create_alias("f", "PROD", "1", routing_config={"2": 1.0})
    assert alias.weights == {"1": 0.0, "2": 1.0}


def test_routing_to_the_primary_version_itself_is_refused(two_versions, fails):
    message = (
        "Invalid function version 1. Function version 1 is already included in routing "
        "configuration."
    )
    with fails(InvalidParameterValueException, 400, message):
        two_versions.create_alias("f", "PROD", "1", routing_config={"1": 0.5})


def test_weights_on_an_alias_to_latest_are_refused(two_versions, fails):
    two_versions.create_alias("f", "DEV", "$LATEST")
    message = "$LATEST is not supported for an alias pointing to more than 1 version"
    with fails(InvalidParameterValueException, 400, message):
        two_versions.update_alias("f", "DEV", routing_config={"2": 0.5})


@pytest.mark.parametrize(("key", "shown"), [("$LATEST", "{$LATEST=0.5}"), ("PROD", "{PROD=0.5}")])
def test_a_routing_key_that_is_not_a_version_number_fails_validation(
    two_versions, fails, key, shown
):
    with fails(ValidationException, 400, routing_error(shown, KEY_RULE)):
        two_versions.create_alias("f", "PROD", "1", routing_config={key: 0.5})


def test_routing_to_a_missing_version_is_not_found(two_versions, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:10"):
        two_versions.create_alias("f", "PROD", "1", routing_config={"10": 0.5})


def test_routing_between_versions_with_different_roles_is_refused(release, two_versions, fails):
    two_versions.update_function_configuration("f", role=OTHER_ROLE)
    release("v3")
    message = "Specified versions must be associated with the same execution role"
    with fails(InvalidParameterValueException, 400, message):
        two_versions.create_alias("f", "PROD", "2", routing_config={"3": 0.5})


def test_moving_the_primary_to_a_version_with_another_role_is_refused(release, two_versions, fails):
    two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.5})
    two_versions.update_function_configuration("f", role=OTHER_ROLE)
    release("v3")
    message = "Specified versions must be associated with the same execution role"
    with fails(InvalidParameterValueException, 400, message):
        two_versions.update_alias("f", "PROD", function_version="3")


def test_a_refused_routing_update_leaves_the_alias_as_it_was(two_versions):
    before = two_versions.create_alias("f", "PROD", "1", routing_config={"2": 0.1})
    with pytest.raises(InvalidParameterValueException):
        two_versions.update_alias("f", "PROD", routing_config={"1": 0.5})
    assert two_versions.get_alias("f", "PROD") == before


# --- 3.6 RevisionId per alias ----------------------------------------------------------------


def test_each_alias_has_its_own_revision_id(function):
    a = function.create_alias("f", "A", "$LATEST")
    b = function.create_alias("f", "B", "$LATEST")
    assert a.revision_id and b.revision_id and a.revision_id != b.revision_id


def test_get_alias_and_list_aliases_return_the_alias_revision_id(function):
    created = function.create_alias("f", "A", "$LATEST")
    listed = function.list_aliases("f").items[0]
    assert function.get_alias("f", "A").revision_id == listed.revision_id == created.revision_id


def test_every_alias_update_issues_a_new_revision_id(function):
    seen = {function.create_alias("f", "A", "$LATEST").revision_id}
    for _ in range(3):
        seen.add(function.update_alias("f", "A").revision_id)
    assert len(seen) == 4


def test_creating_an_alias_changes_no_function_revision_id(release, function):
    release("v1")
    latest, version = function.get_function("f"), function.get_function("f", "1")
    function.create_alias("f", "PROD", "1")
    assert function.get_function("f").revision_id == latest.revision_id
    assert function.get_function("f", "1").revision_id == version.revision_id


def test_updating_the_function_leaves_alias_revision_ids_alone(source, function):
    alias = function.create_alias("f", "DEV", "$LATEST")
    function.update_function_code("f", source("v1"))
    function.publish_version("f")
    assert function.get_alias("f", "DEV").revision_id == alias.revision_id


def test_list_aliases_returns_up_to_max_items_aliases_in_one_page_beyond_fifty():
    from lambda_model import Account

    account = Account()
    account.create_function("f", lambda event, context: 1, publish=True)
    for n in range(60):
        account.create_alias("f", f"alias-{n:02d}", "1")
    assert len(account.list_aliases("f", max_items=60)) == 60
    assert len(account.list_aliases("f")) == 50
