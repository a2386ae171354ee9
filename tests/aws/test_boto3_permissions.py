"""Resource-based permissions through boto3: one policy per function, version and alias
(rule list section 5)."""

from __future__ import annotations

import json

import pytest
from boto_helpers import ARN, returning, shape_errors
from botocore.exceptions import ClientError

S3_GRANT = {
    "StatementId": "s3",
    "Action": "lambda:InvokeFunction",
    "Principal": "s3.amazonaws.com",
    "SourceArn": "arn:aws:s3:::uploads",
}


def failure(excinfo) -> tuple[str, str, int]:
    response = excinfo.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def test_add_permission_answers_201_with_the_statement_as_json(released, lam):
    response = lam.add_permission(FunctionName="thumbnailer", Qualifier="PROD", **S3_GRANT)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 201
    statement = json.loads(response["Statement"])
    assert statement["Resource"] == f"{ARN}:thumbnailer:PROD"
    assert statement["Principal"] == {"Service": "s3.amazonaws.com"}
    assert statement["Condition"] == {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::uploads"}}
    assert shape_errors(lam, "AddPermission", response) == ""


@pytest.mark.parametrize(
    ("qualifier", "resource"),
    [(None, f"{ARN}:thumbnailer"), ("1", f"{ARN}:thumbnailer:1")],
)
def test_the_statement_resource_is_the_exact_arn_granted(released, lam, qualifier, resource):
    extra = {"Qualifier": qualifier} if qualifier else {}
    response = lam.add_permission(FunctionName="thumbnailer", **S3_GRANT, **extra)
    assert json.loads(response["Statement"])["Resource"] == resource


def test_get_policy_answers_the_policy_document_and_its_revision(released, lam):
    lam.add_permission(FunctionName="thumbnailer", Qualifier="PROD", **S3_GRANT)
    response = lam.get_policy(FunctionName="thumbnailer", Qualifier="PROD")
    document = json.loads(response["Policy"])
    assert (document["Version"], document["Id"]) == ("2012-10-17", "default")
    assert [s["Sid"] for s in document["Statement"]] == ["s3"]
    assert response["RevisionId"]
    assert shape_errors(lam, "GetPolicy", response) == ""


def test_a_grant_on_the_alias_is_not_on_the_function_or_the_version_behind_it(released, lam):
    lam.add_permission(FunctionName="thumbnailer", Qualifier="PROD", **S3_GRANT)
    for qualifier in ({}, {"Qualifier": "1"}):
        with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
            lam.get_policy(FunctionName="thumbnailer", **qualifier)
        assert failure(excinfo)[1] == "The resource you requested does not exist."


def test_publishing_a_version_does_not_copy_the_functions_policy(released, lam):
    lam.add_permission(FunctionName="thumbnailer", **S3_GRANT)
    lam.update_function_code(FunctionName="thumbnailer", ZipFile=returning("v3"))
    version = lam.publish_version(FunctionName="thumbnailer")["Version"]
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_policy(FunctionName="thumbnailer", Qualifier=version)


def test_the_same_statement_id_may_sit_in_each_policy_once(released, lam):
    lam.add_permission(FunctionName="thumbnailer", **S3_GRANT)
    lam.add_permission(FunctionName="thumbnailer", Qualifier="PROD", **S3_GRANT)
    with pytest.raises(lam.exceptions.ResourceConflictException) as excinfo:
        lam.add_permission(FunctionName="thumbnailer", Qualifier="PROD", **S3_GRANT)
    assert failure(excinfo) == (
        "ResourceConflictException",
        "The statement id (s3) provided already exists. Please provide a new statement id, or "
        "remove the existing statement.",
        409,
    )


def test_latest_cannot_have_a_policy_of_its_own(released, lam):
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as excinfo:
        lam.add_permission(FunctionName="thumbnailer", Qualifier="$LATEST", **S3_GRANT)
    assert failure(excinfo)[1] == "We currently do not support adding policies for $LATEST."


def test_a_grant_on_a_missing_alias_cannot_find_it(released, lam):
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.add_permission(FunctionName="thumbnailer", Qualifier="BETA", **S3_GRANT)
    assert failure(excinfo)[1] == f"Cannot find alias arn: {ARN}:thumbnailer:BETA"


def test_a_statement_id_outside_the_pattern_is_a_validation_exception(released, lam):
    with pytest.raises(ClientError) as excinfo:
        lam.add_permission(FunctionName="thumbnailer", **{**S3_GRANT, "StatementId": "a.b"})
    code, message, status = failure(excinfo)
    assert (code, status) == ("ValidationException", 400)
    assert "at 'statementId' failed to satisfy constraint" in message


def test_an_invalid_principal_is_refused(released, lam):
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as excinfo:
        lam.add_permission(FunctionName="thumbnailer", **{**S3_GRANT, "Principal": "nobody"})
    assert failure(excinfo)[1] == (
        "The provided principal was invalid. Please check the principal and try again."
    )


def test_a_stale_policy_revision_id_fails_its_precondition(released, lam):
    lam.add_permission(FunctionName="thumbnailer", **S3_GRANT)
    with pytest.raises(lam.exceptions.PreconditionFailedException):
        lam.add_permission(
            FunctionName="thumbnailer", **{**S3_GRANT, "StatementId": "b"}, RevisionId="stale"
        )


def test_remove_permission_answers_204_and_the_last_removal_drops_the_policy(released, lam):
    lam.add_permission(FunctionName="thumbnailer", Qualifier="PROD", **S3_GRANT)
    response = lam.remove_permission(FunctionName="thumbnailer", Qualifier="PROD", StatementId="s3")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_policy(FunctionName="thumbnailer", Qualifier="PROD")


@pytest.mark.parametrize(
    ("setup", "call", "message"),
    [
        (True, {"FunctionName": "thumbnailer", "StatementId": "x"},
         "Statement x is not found in resource policy."),
        (False, {"FunctionName": "thumbnailer", "StatementId": "s3"},
         "No policy is associated with the given resource."),
        (False, {"FunctionName": "ghost", "StatementId": "s3"},
         f"No policy found for: {ARN}:ghost"),
        (False, {"FunctionName": "thumbnailer", "Qualifier": "BETA", "StatementId": "s3"},
         f"Cannot find alias arn: {ARN}:thumbnailer:BETA"),
    ],
    ids=["unknown-sid", "no-policy", "no-function", "no-alias"],
)  # fmt: skip
def test_remove_permission_says_what_is_missing(released, lam, setup, call, message):
    if setup:
        lam.add_permission(FunctionName="thumbnailer", **S3_GRANT)
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.remove_permission(**call)
    assert failure(excinfo)[1:] == (message, 404)
