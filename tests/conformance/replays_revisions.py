"""Replays for RevisionIds and more permission sequences (``recordings/lambda_api.json``)."""

from __future__ import annotations

from .harness import Session, echo_zip, replay

API = "lambda_api"
REV = "TestLambdaRevisions::"
PERM = "TestLambdaPermissions::"
INVOKE = "lambda:InvokeFunction"
BUCKET_ARN = "arn:aws:s3:::test-bucket"


@replay("revisions", API, REV + "test_function_revisions_basic")
def function_revisions_basic(s: Session) -> None:
    name = "fn-rev-basic"
    s.create_fixture(
        "create_function_response_rev1", name, Handler="index.handler", Code={"ZipFile": echo_zip()}
    )
    rev2 = s.call("get_function_response_rev2", s.lam.get_function, FunctionName=name)
    rev2 = rev2["Configuration"]["RevisionId"]
    code = s.lam.update_function_code
    s.call(
        "update_function_revision_exception",
        code,
        FunctionName=name,
        ZipFile=echo_zip(),
        RevisionId="wrong",
    )
    s.call(
        "update_function_code_response_rev3",
        code,
        FunctionName=name,
        ZipFile=echo_zip(),
        RevisionId=rev2,
    )
    rev4 = s.call("get_function_response_rev4", s.lam.get_function, FunctionName=name)
    rev4 = rev4["Configuration"]["RevisionId"]
    config = s.lam.update_function_configuration
    s.call(
        "update_function_configuration_revision_exception",
        config,
        FunctionName=name,
        Runtime="python3.8",
        RevisionId="wrong",
    )
    s.call(
        "update_function_configuration_response_rev5",
        config,
        FunctionName=name,
        Runtime="python3.8",
        RevisionId=rev4,
    )
    s.call("get_function_response_rev6", s.lam.get_function, FunctionName=name)


@replay("revisions", API, REV + "test_function_revisions_version_and_alias")
def function_revisions_version_and_alias(s: Session) -> None:
    name = "fn-rev-alias"
    lam = s.lam
    s.create_fixture("create_function_response_rev1", name)
    rev2 = s.call("get_function_active_rev2", lam.get_function, FunctionName=name)
    rev2 = rev2["Configuration"]["RevisionId"]
    s.call(
        "publish_version_revision_exception",
        lam.publish_version,
        FunctionName=name,
        RevisionId="wrong",
    )
    version = s.call(
        "publish_version_response_rev_v1", lam.publish_version, FunctionName=name, RevisionId=rev2
    )["Version"]
    s.call(
        "get_function_published_version_rev_v2",
        lam.get_function,
        FunctionName=name,
        Qualifier=version,
    )
    s.call("get_function_latest_rev3", lam.get_function, FunctionName=name)
    alias = s.call(
        "create_alias_response_rev_a1",
        lam.create_alias,
        FunctionName=name,
        Name="revision_alias",
        FunctionVersion=version,
    )
    s.call("get_function_latest_rev4", lam.get_function, FunctionName=name)
    s.call(
        "get_function_published_version_rev_v3",
        lam.get_function,
        FunctionName=name,
        Qualifier=version,
    )
    s.call(
        "update_alias_revision_exception",
        lam.update_alias,
        FunctionName=name,
        Name="revision_alias",
        RevisionId="wrong",
    )
    s.call(
        "update_alias_response_rev_a2",
        lam.update_alias,
        FunctionName=name,
        Name="revision_alias",
        Description="something changed",
        RevisionId=alias["RevisionId"],
    )


@replay("revisions", API, REV + "test_function_revisions_permissions")
def function_revisions_permissions(s: Session) -> None:
    s.create_fixture(None, "fn-rev-perm")
    s.call(
        "add_permission_revision_exception",
        s.lam.add_permission,
        FunctionName="fn-rev-perm",
        StatementId="s3",
        Action=INVOKE,
        Principal="s3.amazonaws.com",
        RevisionId="wrong",
    )


@replay("permissions", API, PERM + "test_add_lambda_permission_fields")
def add_lambda_permission_fields(s: Session) -> None:
    name = "lambda_func-fields"
    add = s.lam.add_permission
    s.create_fixture(None, name)
    account = s.account_id
    s.call(
        "add_permission_principal_wildcard",
        add,
        FunctionName=name,
        Action=INVOKE,
        StatementId="wilcard",
        Principal="*",
        SourceAccount=account,
    )
    s.call(
        "add_permission_principal_service",
        add,
        FunctionName=name,
        Action=INVOKE,
        StatementId="lambda",
        Principal="lambda.amazonaws.com",
        SourceAccount=account,
    )
    s.call(
        "add_permission_principal_account",
        add,
        FunctionName=name,
        Action=INVOKE,
        StatementId="account-id",
        Principal=account,
    )
    s.call(
        "add_permission_principal_arn",
        add,
        FunctionName=name,
        Action=INVOKE,
        StatementId="user-arn",
        Principal=f"arn:aws:iam::{account}:user/conformance",
        SourceAccount=account,
    )
    s.call(
        "add_permission_optional_fields",
        add,
        FunctionName=name,
        StatementId="urlPermission",
        Action="lambda:InvokeFunctionUrl",
        Principal="*",
        SourceArn=BUCKET_ARN,
        SourceAccount=account,
        PrincipalOrgID="o-1234567890",
        FunctionUrlAuthType="NONE",
    )
    s.call(
        "add_permission_alexa_skill",
        add,
        FunctionName=name,
        StatementId="alexaSkill",
        Action=INVOKE,
        Principal="*",
        EventSourceToken="amzn1.ask.skill.xxxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
    )


@replay("permissions", API, PERM + "test_remove_multi_permissions")
def remove_multi_permissions(s: Session) -> None:
    name = "lambda_func-multi"
    lam = s.lam
    s.create_fixture(None, name)
    s.call(
        "add_permission_1",
        lam.add_permission,
        FunctionName=name,
        Action=INVOKE,
        StatementId="s3",
        Principal="s3.amazonaws.com",
    )
    s.call(
        "add_permission_2",
        lam.add_permission,
        FunctionName=name,
        Action=INVOKE,
        StatementId="sqs",
        Principal="sqs.amazonaws.com",
        SourceArn=BUCKET_ARN,
    )
    s.call("policy_after_2_add", lam.get_policy, FunctionName=name)
    s.call(
        "remove_permission_exception_nonexisting_sid",
        lam.remove_permission,
        FunctionName=name,
        StatementId="non-existent",
    )
    s.call(None, lam.remove_permission, FunctionName=name, StatementId="sqs")
    s.call("policy_after_removal", lam.get_policy, FunctionName=name)
    policy = s.call("policy_after_removal_attempt", lam.get_policy, FunctionName=name)
    s.call(
        None,
        lam.remove_permission,
        FunctionName=name,
        StatementId="s3",
        RevisionId=policy["RevisionId"],
    )
    s.call("get_policy_exception_removed_all", lam.get_policy, FunctionName=name)


@replay("permissions", API, PERM + "test_create_multiple_lambda_permissions")
def create_multiple_lambda_permissions(s: Session) -> None:
    name = "test-function-multi"
    lam = s.lam
    s.create_fixture(None, name)
    s.call(
        "add_permission_response_1",
        lam.add_permission,
        FunctionName=name,
        Action=INVOKE,
        StatementId="logs",
        Principal="logs.amazonaws.com",
    )
    s.call(
        "add_permission_response_2",
        lam.add_permission,
        FunctionName=name,
        Action=INVOKE,
        StatementId="kinesis",
        Principal="kinesis.amazonaws.com",
    )
    s.call("policy_after_2_add", lam.get_policy, FunctionName=name)
