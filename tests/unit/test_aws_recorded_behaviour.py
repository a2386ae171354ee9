"""Behaviours fixed to follow AWS's recorded responses (LocalStack's snapshot files of real AWS
runs, see tests/conformance/recordings/); each test names the recording it follows."""

from __future__ import annotations

import pytest

from lambda_model import Account
from lambda_model.core.errors import (
    InvalidParameterValueException,
    ResourceNotFoundException,
    ValidationException,
)
from lambda_model.core.runtimes import ACCEPTED_RUNTIMES, check_runtime

ARN = "arn:aws:lambda:us-east-1:123456789012:function"


def handler(event, context):
    return event


@pytest.fixture
def account() -> Account:
    account = Account()
    account.create_function("f", handler)
    return account


# test_version_lifecycle first_publish_response
def test_publish_version_answers_active(account):
    assert account.publish_version("f").state == "Active"


# test_publish_with_update update_function_code_result
def test_update_code_with_publish_answers_the_new_version_pending(account):
    assert account.update_function_code("f", lambda e, c: 2, publish=True).state == "Pending"


# test_publish_version_on_create create_response / get_function_version_result
def test_create_with_publish_gives_version_1_a_revision_of_its_own():
    account = Account()
    created = account.create_function("g", handler, publish=True)
    assert created.version == "1"
    assert account.get_function("g", "1").revision_id != created.revision_id


# test_publish_version_on_create get_function_latest_result
def test_get_function_with_qualifier_latest_reports_the_qualified_arn(account):
    assert account.get_function("f", "$LATEST").function_arn == f"{ARN}:f:$LATEST"
    assert account.get_function("f").function_arn == f"{ARN}:f"


# test_list_functions list_all / list_default
def test_list_functions_all_reports_latest_with_its_qualified_arn(account):
    account.publish_version("f")
    arns = [c.function_arn for c in account.list_functions(function_version="ALL")]
    assert arns == [f"{ARN}:f:$LATEST", f"{ARN}:f:1"]
    assert [c.function_arn for c in account.list_functions()] == [f"{ARN}:f"]


# test_ops_with_arn_qualifier_mismatch match_exception; lowercase_latest_qualifier-get_function
@pytest.mark.parametrize("qualifier", ["$LATEST", "$latest"])
def test_not_found_for_a_missing_function_keeps_the_qualifier(qualifier):
    with pytest.raises(ResourceNotFoundException) as err:
        Account().get_function("some-function", qualifier)
    assert err.value.message == f"Function not found: {ARN}:some-function:{qualifier}"


# lowercase_latest_qualifier-delete_function
def test_delete_with_a_dollar_qualifier_on_a_missing_function_is_not_found():
    with pytest.raises(ResourceNotFoundException) as err:
        Account().delete_function("my-function", "$latest")
    assert err.value.message == f"Function not found: {ARN}:my-function"


# full_arn_and_qualifier_too_long_and_invalid_region-get_function
def test_an_invalid_name_and_an_overlong_qualifier_are_reported_together():
    name = "arn:aws:lambda:invalid-region:123456789012:function:my-function-" + "a" * 170
    with pytest.raises(ValidationException) as err:
        Account().get_function(name, "a" * 129)
    assert err.value.message.startswith("2 validation errors detected: Value 'aaa")
    assert "at 'qualifier' failed" in err.value.message
    assert "at 'functionName' failed" in err.value.message


# test_redundant_updates create_response: an empty environment given is reported
def test_an_empty_environment_given_is_reported_and_none_given_is_omitted():
    account = Account()
    given = account.create_function("e", handler, environment={}).to_dict()
    omitted = account.create_function("o", handler).to_dict()
    assert given["Environment"] == {"Variables": {}}
    assert "Environment" not in omitted


# test_publish_version_on_create create_response; test_redundant_updates first_update_result
def test_pending_and_in_progress_report_their_reasons():
    account = Account()
    created = account.create_function("r", handler).to_dict()
    assert (created["State"], created["StateReason"], created["StateReasonCode"]) == (
        "Pending",
        "The function is being created.",
        "Creating",
    )
    assert "LastUpdateStatus" not in created
    updated = account.update_function_configuration("r", description="x").to_dict()
    assert updated["LastUpdateStatus"] == "InProgress"
    assert updated["LastUpdateStatusReasonCode"] == "Creating"


# test_function_revisions_basic: python3.8 accepted in an update on 2025-11-25
def test_python38_is_accepted_as_aws_accepts_it(account):
    assert account.update_function_configuration("f", runtime="python3.8").runtime == "python3.8"


# test_create_deprecated_function_runtime_with_validation_enabled (message for retired runtimes)
def test_python27_is_refused_with_aws_no_longer_supported_message():
    with pytest.raises(InvalidParameterValueException) as err:
        Account().create_function("old", handler, runtime="python2.7")
    assert err.value.message == (
        "The runtime parameter of python2.7 is no longer supported for creating or updating "
        "AWS Lambda functions. We recommend you use a supported runtime while creating or "
        "updating functions."
    )


# test_create_lambda_exceptions invalid_runtime_exc / test_update_lambda_exceptions
def test_an_unknown_runtime_lists_what_aws_accepts():
    with pytest.raises(InvalidParameterValueException) as err:
        check_runtime("PYTHON3.9")
    assert err.value.message == (
        "Value PYTHON3.9 at 'runtime' failed to satisfy constraint: Member must satisfy enum "
        f"value set: [{', '.join(ACCEPTED_RUNTIMES)}] or be a valid ARN"
    )


def test_runtimes_follow_botocores_runtime_enum():
    botocore = pytest.importorskip("botocore.session")
    from lambda_model.core.runtimes import KNOWN_RUNTIMES, RETIRED_RUNTIMES

    model = botocore.get_session().get_service_model("lambda")
    enum = set(model.shape_for("Runtime").enum)
    assert set(KNOWN_RUNTIMES) <= enum, "a runtime here is not in botocore's Runtime enum"
    assert set(ACCEPTED_RUNTIMES) <= set(KNOWN_RUNTIMES)
    assert set(KNOWN_RUNTIMES) >= RETIRED_RUNTIMES
    assert not RETIRED_RUNTIMES & set(ACCEPTED_RUNTIMES)


# test_function_arns function_arn_other_account_exc
@pytest.mark.parametrize(
    "name",
    [
        "arn:aws:lambda:us-east-1:210987654321:function:theirs",
        "210987654321:function:theirs",
        "arn:aws-cn:lambda:us-east-1:123456789012:function:theirs",
    ],
)
def test_creating_in_another_account_or_partition_is_access_denied_and_creates_nothing(name):
    from lambda_model.core.errors import AccessDeniedException

    account = Account()
    with pytest.raises(AccessDeniedException):
        account.create_function(name, handler)
    assert account.functions == {}


# test_permission_exceptions add_permission_fn_qualifier_valid_doesnotexist
def test_add_permission_with_a_dollar_qualifier_is_function_not_found(account):
    with pytest.raises(ResourceNotFoundException) as err:
        account.add_permission(
            "f", "s3", "lambda:InvokeFunction", "s3.amazonaws.com", qualifier="a-$-b"
        )
    assert err.value.message == f"Function not found: {ARN}:f:a-$-b"


# test_lambda_permission_fn_versioning: alias RevisionId accepted before its first statement;
# a wrong one names GetPolicy (2025 wording)
def test_add_permission_on_a_new_alias_policy_accepts_the_alias_revision(account):
    from lambda_model.core.errors import PreconditionFailedException

    account.publish_version("f")
    alias = account.create_alias("f", "live", "1")
    with pytest.raises(PreconditionFailedException) as err:
        account.add_permission(
            "f",
            "s3",
            "lambda:InvokeFunction",
            "s3.amazonaws.com",
            qualifier="live",
            revision_id="wrong",
        )
    assert err.value.message.endswith("Call the GetPolicy API to retrieve the latest Revision Id")
    account.add_permission(
        "f",
        "s3",
        "lambda:InvokeFunction",
        "s3.amazonaws.com",
        qualifier="live",
        revision_id=alias.revision_id,
    )
    assert account.get_policy("f:live") is not None
