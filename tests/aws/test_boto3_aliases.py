"""Aliases through boto3: create, get, update, delete, list, and weighted routing
(rule list section 3)."""

from __future__ import annotations

import pytest
from boto_helpers import ARN, shape_errors
from botocore.exceptions import ClientError

PROD = f"{ARN}:thumbnailer:PROD"


def failure(excinfo) -> tuple[str, str, int]:
    response = excinfo.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def test_create_alias_answers_201_with_the_alias_configuration(released, lam):
    response = lam.create_alias(FunctionName="thumbnailer", Name="BETA", FunctionVersion="2")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert response["AliasArn"] == f"{ARN}:thumbnailer:BETA"
    assert (response["FunctionVersion"], response["Description"]) == ("2", "")
    assert "RoutingConfig" not in response
    assert shape_errors(lam, "CreateAlias", response) == ""


def test_an_alias_that_exists_already_conflicts(released, lam):
    with pytest.raises(lam.exceptions.ResourceConflictException) as excinfo:
        lam.create_alias(FunctionName="thumbnailer", Name="PROD", FunctionVersion="2")
    assert failure(excinfo) == (
        "ResourceConflictException",
        f"Alias already exists: {PROD}",
        409,
    )


def test_the_conflict_carries_lambdas_modelled_error_fields(released, lam):
    with pytest.raises(lam.exceptions.ResourceConflictException) as excinfo:
        lam.create_alias(FunctionName="thumbnailer", Name="PROD", FunctionVersion="2")
    assert excinfo.value.response["Type"] == "User"
    assert excinfo.value.response["message"] == f"Alias already exists: {PROD}"


def test_an_all_digit_alias_name_is_a_validation_exception(released, lam):
    with pytest.raises(ClientError) as excinfo:
        lam.create_alias(FunctionName="thumbnailer", Name="2024", FunctionVersion="1")
    assert failure(excinfo) == (
        "ValidationException",
        "1 validation error detected: Value '2024' at 'name' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
        400,
    )


def test_an_alias_name_may_start_with_digits(released, lam):
    lam.create_alias(FunctionName="thumbnailer", Name="2024-01-02", FunctionVersion="1")


def test_an_alias_cannot_point_to_another_alias(released, lam):
    with pytest.raises(ClientError) as excinfo:
        lam.create_alias(FunctionName="thumbnailer", Name="LIVE", FunctionVersion="PROD")
    assert failure(excinfo)[0] == "ValidationException"


def test_an_alias_to_a_missing_version_is_not_found(released, lam):
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.create_alias(FunctionName="thumbnailer", Name="BETA", FunctionVersion="7")
    assert failure(excinfo)[1] == f"Function not found: {ARN}:thumbnailer:7"


def test_get_alias_answers_200(released, lam):
    response = lam.get_alias(FunctionName="thumbnailer", Name="PROD")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["FunctionVersion"] == "1"
    assert shape_errors(lam, "GetAlias", response) == ""


def test_get_alias_of_a_missing_alias_cannot_find_it(released, lam):
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.get_alias(FunctionName="thumbnailer", Name="BETA")
    assert failure(excinfo)[1] == f"Cannot find alias arn: {ARN}:thumbnailer:BETA"


def test_update_alias_of_a_missing_alias_words_it_differently(released, lam):
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.update_alias(FunctionName="thumbnailer", Name="BETA", FunctionVersion="2")
    assert failure(excinfo)[1] == f"Alias not found: {ARN}:thumbnailer:BETA"


def test_update_alias_moves_it_and_issues_a_new_revision_id(released, lam):
    before = lam.get_alias(FunctionName="thumbnailer", Name="PROD")
    response = lam.update_alias(FunctionName="thumbnailer", Name="PROD", FunctionVersion="2")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["FunctionVersion"] == "2"
    assert response["RevisionId"] != before["RevisionId"]
    assert shape_errors(lam, "UpdateAlias", response) == ""


def test_update_alias_with_a_stale_revision_id_fails_its_precondition(released, lam):
    with pytest.raises(lam.exceptions.PreconditionFailedException):
        lam.update_alias(
            FunctionName="thumbnailer", Name="PROD", FunctionVersion="2", RevisionId="stale"
        )


def test_a_weighted_alias_shows_its_routing_config(released, lam):
    response = lam.update_alias(
        FunctionName="thumbnailer",
        Name="PROD",
        RoutingConfig={"AdditionalVersionWeights": {"2": 0.1}},
    )
    assert response["RoutingConfig"] == {"AdditionalVersionWeights": {"2": 0.1}}


def test_an_empty_weight_map_clears_the_routing(released, lam):
    lam.update_alias(
        FunctionName="thumbnailer",
        Name="PROD",
        RoutingConfig={"AdditionalVersionWeights": {"2": 0.1}},
    )
    response = lam.update_alias(
        FunctionName="thumbnailer", Name="PROD", RoutingConfig={"AdditionalVersionWeights": {}}
    )
    assert "RoutingConfig" not in response


@pytest.mark.parametrize(
    ("primary", "weights", "code", "message"),
    [
        (
            "1",
            {"2": 0.1, "3": 0.1},
            "InvalidParameterValueException",
            "Number of items in AdditionalVersionWeights cannot be greater than 1",
        ),
        (
            "1",
            {"2": 2.0},
            "ValidationException",
            "1 validation error detected: Value '{2=2.0}' at "
            "'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value "
            "must satisfy constraint: [Member must have value less than or equal to 1.0, Member "
            "must have value greater than or equal to 0.0, Member must not be null]",
        ),
        (
            "1",
            {"1": 0.5},
            "InvalidParameterValueException",
            "Invalid function version 1. Function version 1 is already included in routing "
            "configuration.",
        ),
        (
            "$LATEST",
            {"2": 0.5},
            "InvalidParameterValueException",
            "$LATEST is not supported for an alias pointing to more than 1 version",
        ),
        (
            "1",
            {"$LATEST": 0.5},
            "ValidationException",
            "1 validation error detected: Value '{$LATEST=0.5}' at "
            "'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys "
            "must satisfy constraint: [Member must have length less than or equal to 1024, "
            "Member must have length greater than or equal to 1, Member must satisfy regular "
            "expression pattern: [0-9]+]",
        ),
        (
            "1",
            {"10": 0.5},
            "ResourceNotFoundException",
            f"Function not found: {ARN}:thumbnailer:10",
        ),
    ],
    ids=["two-extra", "weight-over-1", "same-version", "latest-primary", "latest-key", "missing"],
)
def test_the_routing_rules_refuse_bad_configs(released, lam, primary, weights, code, message):
    with pytest.raises(ClientError) as excinfo:
        lam.create_alias(
            FunctionName="thumbnailer",
            Name="CANARY",
            FunctionVersion=primary,
            RoutingConfig={"AdditionalVersionWeights": weights},
        )
    assert failure(excinfo)[:2] == (code, message)


def test_delete_alias_answers_204_and_deleting_again_is_a_no_op(released, lam):
    first = lam.delete_alias(FunctionName="thumbnailer", Name="PROD")
    again = lam.delete_alias(FunctionName="thumbnailer", Name="PROD")
    assert first["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert again["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_list_aliases_filters_on_the_primary_version_only(released, lam):
    lam.create_alias(
        FunctionName="thumbnailer",
        Name="CANARY",
        FunctionVersion="2",
        RoutingConfig={"AdditionalVersionWeights": {"1": 0.5}},
    )
    response = lam.list_aliases(FunctionName="thumbnailer", FunctionVersion="1")
    assert [a["Name"] for a in response["Aliases"]] == ["PROD"]
    assert shape_errors(lam, "ListAliases", response) == ""


def test_the_list_aliases_paginator_walks_every_alias(released, lam):
    for n in range(12):
        lam.create_alias(FunctionName="thumbnailer", Name=f"A{n:02}", FunctionVersion="1")
    paginator = lam.get_paginator("list_aliases")
    pages = list(paginator.paginate(FunctionName="thumbnailer", PaginationConfig={"PageSize": 5}))
    assert [len(page["Aliases"]) for page in pages] == [5, 5, 3]


def test_listing_the_aliases_of_a_missing_function_is_not_found(lam):
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.list_aliases(FunctionName="ghost")
    assert failure(excinfo)[1] == f"Function not found: {ARN}:ghost"
