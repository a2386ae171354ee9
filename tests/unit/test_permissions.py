"""Resource-based policies by qualifier (lambda-semantics.md section 5)."""

from __future__ import annotations

import json

import pytest

from lambda_model import (
    Account,
    InvalidParameterValueException,
    PermissionAdded,
    PermissionRemoved,
    PolicyLengthExceededException,
    PreconditionFailedException,
    ResourceConflictException,
    ResourceNotFoundException,
    ValidationException,
    allows_invoke,
)

ARN = "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer"
BUCKET_ARN = "arn:aws:s3:::uploads"
S3 = "s3.amazonaws.com"
INVOKE = "lambda:InvokeFunction"


@pytest.fixture
def account() -> Account:
    """thumbnailer with versions 1 and 2, alias PROD -> 1."""
    account = Account(seed=3)
    account.create_function("thumbnailer", lambda event, context: "v1", publish=True)
    account.update_function_code("thumbnailer", lambda event, context: "v2", publish=True)
    account.create_alias("thumbnailer", "PROD", "1")
    return account


def grant(account: Account, qualifier: str | None = None, sid: str = "s3", **kwargs):
    kwargs.setdefault("source_arn", BUCKET_ARN)
    return account.add_permission("thumbnailer", sid, INVOKE, S3, qualifier=qualifier, **kwargs)


def snapshot(account: Account):
    function = account.functions["thumbnailer"]
    return len(account.history), dict(function.policies)


# --- statement shape -----------------------------------------------------------------------


def test_the_statement_names_the_service_the_conditions_and_the_exact_alias_arn(account):
    statement = grant(account, "PROD", source_account="123456789012")
    assert json.loads(statement.json) == {
        "Sid": "s3",
        "Effect": "Allow",
        "Principal": {"Service": S3},
        "Action": INVOKE,
        "Resource": f"{ARN}:PROD",
        "Condition": {
            "StringEquals": {"AWS:SourceAccount": "123456789012"},
            "ArnLike": {"AWS:SourceArn": BUCKET_ARN},
        },
    }


def test_add_permission_returns_the_statement_as_a_json_string_in_the_response(account):
    statement = grant(account)
    assert statement.to_dict() == {"Statement": statement.json}
    assert isinstance(statement.to_dict()["Statement"], str)


@pytest.mark.parametrize(
    ("qualifier", "resource"),
    [(None, ARN), ("2", f"{ARN}:2"), ("PROD", f"{ARN}:PROD")],
)
def test_the_statement_resource_is_the_arn_the_qualifier_names(account, qualifier, resource):
    assert json.loads(grant(account, qualifier).json)["Resource"] == resource


def test_a_qualifier_in_the_function_name_scopes_the_grant_like_the_qualifier_parameter(account):
    statement = account.add_permission("thumbnailer:PROD", "s3", INVOKE, S3)
    assert statement.resource == f"{ARN}:PROD"
    assert "PROD" in account.functions["thumbnailer"].policies


@pytest.mark.parametrize(
    ("principal", "rendered"),
    [
        ("123456789012", {"AWS": "arn:aws:iam::123456789012:root"}),
        (
            "arn:aws:iam::123456789012:role/deployer",
            {"AWS": "arn:aws:iam::123456789012:role/deployer"},
        ),
        ("*", "*"),
        ("events.amazonaws.com", {"Service": "events.amazonaws.com"}),
    ],
)
def test_an_account_an_iam_arn_a_star_or_a_service_principal_is_rendered_as_aws_does(
    account, principal, rendered
):
    statement = account.add_permission("thumbnailer", "p", INVOKE, principal)
    assert json.loads(statement.json)["Principal"] == rendered


def test_the_other_conditions_go_under_string_equals_with_their_own_keys(account):
    statement = account.add_permission(
        "thumbnailer",
        "url",
        "lambda:InvokeFunctionUrl",
        "*",
        principal_org_id="o-abcdefghij",
        function_url_auth_type="NONE",
    )
    assert json.loads(statement.json)["Condition"] == {
        "StringEquals": {
            "lambda:FunctionUrlAuthType": "NONE",
            "aws:PrincipalOrgID": "o-abcdefghij",
        }
    }


def test_a_statement_without_conditions_has_no_condition_block(account):
    statement = account.add_permission("thumbnailer", "any", INVOKE, "123456789012")
    assert "Condition" not in json.loads(statement.json)


# --- get policy ----------------------------------------------------------------------------


def test_get_policy_returns_the_whole_document_and_its_revision_id(account):
    first = grant(account, "PROD", sid="one")
    second = grant(account, "PROD", sid="two")
    policy = account.get_policy("thumbnailer", qualifier="PROD")
    assert json.loads(policy.json) == {
        "Version": "2012-10-17",
        "Id": "default",
        "Statement": [first.document(), second.document()],
    }
    assert policy.to_dict() == {"Policy": policy.json, "RevisionId": policy.revision_id}


def test_each_change_to_a_policy_issues_a_new_revision_id(account):
    grant(account, sid="one")
    first = account.get_policy("thumbnailer").revision_id
    grant(account, sid="two")
    second = account.get_policy("thumbnailer").revision_id
    account.remove_permission("thumbnailer", "one")
    third = account.get_policy("thumbnailer").revision_id
    assert len({first, second, third}) == 3


def test_the_function_its_versions_and_its_aliases_each_have_their_own_policy(account):
    grant(account, None, sid="fn")
    grant(account, "1", sid="v1")
    grant(account, "PROD", sid="prod")
    sids = {
        q: [
            s["Sid"]
            for s in json.loads(account.get_policy("thumbnailer", qualifier=q).json)["Statement"]
        ]
        for q in (None, "1", "PROD")
    }
    assert sids == {None: ["fn"], "1": ["v1"], "PROD": ["prod"]}


def test_the_same_statement_id_may_exist_on_the_function_a_version_and_an_alias(account):
    for qualifier in (None, "1", "PROD"):
        grant(account, qualifier, sid="s3")
    assert len(account.functions["thumbnailer"].policies) == 3


def test_publishing_a_version_does_not_copy_the_function_policy(account):
    grant(account)
    account.update_function_code("thumbnailer", lambda event, context: "v3")
    version = account.publish_version("thumbnailer").version
    with pytest.raises(ResourceNotFoundException) as caught:
        account.get_policy("thumbnailer", qualifier=version)
    assert caught.value.code == "ResourceNotFoundException"
    assert caught.value.status == 404
    assert caught.value.message == "The resource you requested does not exist."


def test_get_policy_of_a_function_without_statements_is_not_found(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.get_policy("thumbnailer")
    assert caught.value.message == "The resource you requested does not exist."


def test_get_policy_of_a_missing_function_is_not_found(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.get_policy("nope")
    assert (caught.value.code, caught.value.status) == ("ResourceNotFoundException", 404)
    assert caught.value.message == "The resource you requested does not exist."


def test_get_policy_of_a_missing_version_is_not_found(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.get_policy("thumbnailer", qualifier="42")
    assert caught.value.message == "The resource you requested does not exist."


def test_deleting_an_alias_drops_its_policy(account):
    grant(account, "PROD")
    account.delete_alias("thumbnailer", "PROD")
    account.create_alias("thumbnailer", "PROD", "1")
    with pytest.raises(ResourceNotFoundException):
        account.get_policy("thumbnailer", qualifier="PROD")


# --- add permission errors -----------------------------------------------------------------


def test_a_policy_on_latest_is_refused(account):
    before = snapshot(account)
    with pytest.raises(InvalidParameterValueException) as caught:
        grant(account, "$LATEST")
    assert (caught.value.code, caught.value.status) == ("InvalidParameterValueException", 400)
    assert caught.value.message == "We currently do not support adding policies for $LATEST."
    assert snapshot(account) == before


def test_a_qualifier_that_contradicts_the_name_is_refused(account):
    before = snapshot(account)
    with pytest.raises(InvalidParameterValueException) as caught:
        account.add_permission("thumbnailer:PROD", "s3", INVOKE, S3, qualifier="1")
    assert caught.value.message == (
        "The derived qualifier from the function name does not match the specified qualifier."
    )
    assert snapshot(account) == before


def test_a_grant_on_a_missing_alias_is_not_found(account):
    before = snapshot(account)
    with pytest.raises(ResourceNotFoundException) as caught:
        grant(account, "BETA")
    assert (caught.value.code, caught.value.status) == ("ResourceNotFoundException", 404)
    assert caught.value.message == f"Cannot find alias arn: {ARN}:BETA"
    assert snapshot(account) == before


def test_a_grant_on_a_missing_version_is_not_found(account):
    before = snapshot(account)
    with pytest.raises(ResourceNotFoundException) as caught:
        grant(account, "42")
    assert caught.value.message == f"Function not found: {ARN}:42"
    assert snapshot(account) == before


def test_a_grant_on_a_missing_function_is_not_found(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.add_permission("nope", "s3", INVOKE, S3)
    assert caught.value.message == (
        "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope"
    )


def test_a_duplicate_statement_id_in_the_same_policy_is_a_conflict(account):
    grant(account, "PROD")
    before = snapshot(account)
    with pytest.raises(ResourceConflictException) as caught:
        grant(account, "PROD")
    assert (caught.value.code, caught.value.status) == ("ResourceConflictException", 409)
    assert caught.value.message == (
        "The statement id (s3) provided already exists. Please provide a new statement id, "
        "or remove the existing statement."
    )
    assert snapshot(account) == before


def test_a_statement_id_outside_the_pattern_fails_validation(account):
    before = snapshot(account)
    with pytest.raises(ValidationException) as caught:
        grant(account, sid="example.com")
    assert (caught.value.code, caught.value.status) == ("ValidationException", 400)
    assert caught.value.message == (
        "1 validation error detected: Value 'example.com' at 'statementId' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)"
    )
    assert snapshot(account) == before


def test_an_action_outside_the_pattern_fails_validation(account):
    with pytest.raises(ValidationException) as caught:
        account.add_permission("thumbnailer", "s3", "s3:GetObject", S3)
    assert caught.value.message == (
        "1 validation error detected: Value 's3:GetObject' at 'action' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: "
        "(lambda:[*]|lambda:[a-zA-Z]+|[*])"
    )


def test_a_source_account_that_is_not_twelve_digits_fails_validation(account):
    with pytest.raises(ValidationException) as caught:
        grant(account, source_account="12345")
    assert caught.value.message == (
        "1 validation error detected: Value '12345' at 'sourceAccount' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: \\d{12}"
    )


def test_an_unknown_principal_is_invalid(account):
    before = snapshot(account)
    with pytest.raises(InvalidParameterValueException) as caught:
        account.add_permission("thumbnailer", "s3", INVOKE, "bucket-owner")
    assert caught.value.message == (
        "The provided principal was invalid. Please check the principal and try again."
    )
    assert snapshot(account) == before


def test_a_stale_revision_id_on_the_function_policy_fails_the_precondition(account):
    grant(account, sid="one")
    before = snapshot(account)
    with pytest.raises(PreconditionFailedException) as caught:
        grant(account, sid="two", revision_id="not-the-current-one")
    assert (caught.value.code, caught.value.status) == ("PreconditionFailedException", 412)
    assert caught.value.message == (
        "The Revision Id provided does not match the latest Revision Id. "
        # AWS's 2025 wording for policies [recording test_function_revisions_permissions].
        "Call the GetPolicy API to retrieve the latest Revision Id"
    )
    assert snapshot(account) == before


def test_a_stale_revision_id_on_an_alias_policy_points_to_get_policy(account):
    grant(account, "PROD", sid="one")
    with pytest.raises(PreconditionFailedException) as caught:
        grant(account, "PROD", sid="two", revision_id="not-the-current-one")
    assert caught.value.message == (
        "The Revision Id provided does not match the latest Revision Id. "
        "Call the GetPolicy API to retrieve the latest Revision Id"
    )


def test_the_current_revision_id_lets_the_grant_through(account):
    grant(account, "PROD", sid="one")
    current = account.get_policy("thumbnailer", qualifier="PROD").revision_id
    grant(account, "PROD", sid="two", revision_id=current)
    assert len(account.get_policy("thumbnailer", qualifier="PROD")) == 2


def test_a_policy_over_twenty_kilobytes_is_refused(account):
    long_arn = "arn:aws:s3:::" + "b" * 900
    error = None
    for n in range(100):
        before = snapshot(account)
        try:
            grant(account, sid=f"s{n}", source_arn=long_arn)
        except PolicyLengthExceededException as exc:
            error = exc
            break
    assert error is not None
    size = (
        len(account.get_policy("thumbnailer").json)
        + len(account.get_policy("thumbnailer").statements[0].json.replace("s0", f"s{n}"))
        + 1
    )
    assert (error.code, error.status) == ("PolicyLengthExceededException", 400)
    assert error.message == f"The final policy size ({size}) is bigger than the limit (20480)."
    assert size > 20480
    assert snapshot(account) == before


# --- remove permission ---------------------------------------------------------------------


def test_removing_the_last_statement_removes_the_policy(account):
    grant(account, "PROD")
    account.remove_permission("thumbnailer", "s3", qualifier="PROD")
    with pytest.raises(ResourceNotFoundException):
        account.get_policy("thumbnailer", qualifier="PROD")


def test_remove_permission_touches_only_the_policy_the_qualifier_names(account):
    grant(account, None)
    grant(account, "PROD")
    account.remove_permission("thumbnailer", "s3", qualifier="PROD")
    assert account.get_policy("thumbnailer").statements[0].sid == "s3"


def test_removing_an_unknown_statement_is_not_found(account):
    grant(account, "PROD")
    before = snapshot(account)
    with pytest.raises(ResourceNotFoundException) as caught:
        account.remove_permission("thumbnailer", "other", qualifier="PROD")
    assert (caught.value.code, caught.value.status) == ("ResourceNotFoundException", 404)
    assert caught.value.message == "Statement other is not found in resource policy."
    assert snapshot(account) == before


def test_removing_from_a_resource_without_a_policy_is_not_found(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.remove_permission("thumbnailer", "s3", qualifier="1")
    assert caught.value.message == "No policy is associated with the given resource."


def test_removing_from_a_missing_function_names_the_function(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.remove_permission("nope", "s3")
    assert caught.value.message == (
        "No policy found for: arn:aws:lambda:us-east-1:123456789012:function:nope"
    )


def test_removing_from_a_missing_alias_is_not_found(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.remove_permission("thumbnailer", "s3", qualifier="BETA")
    assert caught.value.message == f"Cannot find alias arn: {ARN}:BETA"


def test_removing_with_a_stale_revision_id_fails_the_precondition(account):
    grant(account)
    before = snapshot(account)
    with pytest.raises(PreconditionFailedException) as caught:
        account.remove_permission("thumbnailer", "s3", revision_id="stale")
    assert caught.value.status == 412
    assert caught.value.message == (
        "The Revision Id provided does not match the latest Revision Id. "
        # AWS's 2025 wording for policies [recording test_function_revisions_permissions].
        "Call the GetPolicy API to retrieve the latest Revision Id"
    )
    assert snapshot(account) == before


def test_a_statement_id_with_a_dot_is_valid_for_removal_but_not_for_adding(account):
    with pytest.raises(ResourceNotFoundException):
        account.remove_permission("thumbnailer", "a.b")
    with pytest.raises(ValidationException):
        account.remove_permission("thumbnailer", "a b")


# --- history -------------------------------------------------------------------------------


def test_adding_and_removing_a_permission_each_append_one_event(account):
    grant(account, "PROD", source_account="123456789012")
    account.remove_permission("thumbnailer", "s3", qualifier="PROD")
    added, removed = account.history[-2:]
    assert added == PermissionAdded(
        added.time, "thumbnailer", "PROD", "s3", INVOKE, S3, BUCKET_ARN, "123456789012"
    )
    assert removed == PermissionRemoved(removed.time, "thumbnailer", "PROD", "s3")


# --- who may invoke what -------------------------------------------------------------------


def _may_s3_invoke(account: Account, qualifier: str | None, source_arn: str = BUCKET_ARN):
    function = account.functions["thumbnailer"]
    return allows_invoke(function, qualifier, S3, source_arn, "123456789012")


def test_a_grant_on_the_alias_allows_calls_through_the_alias(account):
    grant(account, "PROD")
    assert _may_s3_invoke(account, "PROD")


def test_a_grant_on_the_unqualified_function_does_not_cover_the_alias(account):
    grant(account, None)
    assert _may_s3_invoke(account, None)
    assert not _may_s3_invoke(account, "PROD")


def test_a_grant_on_the_unqualified_function_does_not_cover_a_version(account):
    grant(account, None)
    assert not _may_s3_invoke(account, "1")


def test_a_grant_on_the_alias_does_not_cover_the_version_behind_it(account):
    grant(account, "PROD")
    assert not _may_s3_invoke(account, "1")
    assert not _may_s3_invoke(account, None)


def test_a_grant_on_the_unqualified_function_covers_calls_naming_latest(account):
    grant(account, None)
    assert _may_s3_invoke(account, "$LATEST")


def test_the_source_arn_condition_matches_with_wildcards(account):
    grant(account, "PROD", source_arn="arn:aws:s3:::uploads-*")
    assert _may_s3_invoke(account, "PROD", "arn:aws:s3:::uploads-eu")
    assert not _may_s3_invoke(account, "PROD", "arn:aws:s3:::downloads")


def test_a_grant_for_another_bucket_does_not_allow_this_one(account):
    grant(account, "PROD", source_arn="arn:aws:s3:::other")
    assert not _may_s3_invoke(account, "PROD")


def test_a_grant_for_another_source_account_does_not_allow_this_one(account):
    grant(account, "PROD", source_account="210987654321")
    assert not _may_s3_invoke(account, "PROD")


def test_a_grant_to_another_service_does_not_allow_s3(account):
    account.add_permission("thumbnailer", "sns", INVOKE, "sns.amazonaws.com", qualifier="PROD")
    assert not _may_s3_invoke(account, "PROD")


def test_a_grant_of_another_action_does_not_allow_invoking(account):
    account.add_permission("thumbnailer", "get", "lambda:GetFunction", S3, qualifier="PROD")
    assert not _may_s3_invoke(account, "PROD")
