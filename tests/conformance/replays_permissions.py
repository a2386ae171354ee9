"""Replays for resource-based policies (recordings: ``recordings/lambda_api.json``)."""

from __future__ import annotations

from .harness import Session, replay

API = "lambda_api"
PERM = "TestLambdaPermissions::"
BUCKET_ARN = "arn:aws:s3:::test-bucket"
S3 = {"Action": "lambda:InvokeFunction", "Principal": "s3.amazonaws.com", "SourceArn": BUCKET_ARN}


@replay("permissions", API, PERM + "test_permission_exceptions")
def permission_exceptions(s: Session) -> None:
    name = "lambda_func-exc"
    s.create_fixture(None, name)
    add, remove, policy = s.lam.add_permission, s.lam.remove_permission, s.lam.get_policy
    s.call(
        "add_permission_invalid_statement_id",
        add,
        FunctionName=name,
        Action="lambda:InvokeFunction",
        StatementId="example.com",
        Principal="s3.amazonaws.com",
    )
    s.call(
        "add_permission_fn_qualifier_mismatch",
        add,
        FunctionName=f"{name}:alias-not-42",
        StatementId="s3",
        Qualifier="42",
        **S3,
    )
    s.call(
        "add_permission_fn_qualifier_latest",
        add,
        FunctionName=f"{name}:$LATEST",
        StatementId="s3",
        Qualifier="$LATEST",
        **S3,
    )
    s.call(
        "add_permission_principal_invalid",
        add,
        FunctionName=name,
        Action="lambda:InvokeFunction",
        StatementId="lambda",
        Principal="invalid.nonaws.com",
        SourceAccount=s.account_id,
    )
    s.call("get_policy_fn_doesnotexist", policy, FunctionName="doesnotexist")
    s.call("get_policy_fn_version_doesnotexist", policy, FunctionName=name, Qualifier="77")
    s.call(
        "add_permission_fn_doesnotexist", add, FunctionName="doesnotexist", StatementId="s3", **S3
    )
    s.call("remove_permission_policy_doesnotexist", remove, FunctionName=name, StatementId="s3")
    s.call(
        "add_permission_fn_alias_doesnotexist",
        add,
        FunctionName=f"{name}:alias-doesnotexist",
        StatementId="s3",
        **S3,
    )
    for key, qualifier in (
        ("add_permission_fn_version_doesnotexist", "42"),
        ("add_permission_fn_qualifier_invalid", "invalid-qualifier-with-?-char"),
        ("add_permission_fn_qualifier_valid_doesnotexist", "valid-with-$-but-doesnotexist"),
    ):
        s.call(key, add, FunctionName=name, StatementId="s3", Qualifier=qualifier, **S3)
    s.call(None, add, FunctionName=name, StatementId="s3", **S3)
    s.call(
        "add_permission_conflicting_statement_id", add, FunctionName=name, StatementId="s3", **S3
    )
    s.call(
        "remove_permission_fn_doesnotexist", remove, FunctionName="doesnotexist", StatementId="s3"
    )
    s.call(
        "remove_permission_fn_alias_doesnotexist",
        remove,
        FunctionName=name,
        StatementId="s3",
        Qualifier="alias-doesnotexist",
    )


@replay("permissions", API, PERM + "test_add_lambda_permission_aws")
def add_lambda_permission_aws(s: Session) -> None:
    s.create_fixture("create_lambda", "lambda_func-aws")
    s.call(
        "add_permission",
        s.lam.add_permission,
        FunctionName="lambda_func-aws",
        StatementId="s3",
        **S3,
    )
    s.call("get_policy", s.lam.get_policy, FunctionName="lambda_func-aws")


@replay("permissions", API, PERM + "test_lambda_permission_fn_versioning")
def lambda_permission_fn_versioning(s: Session) -> None:
    name = "lambda_func-ver"
    lam = s.lam
    s.create_fixture(None, name)
    s.call("add_permission", lam.add_permission, FunctionName=name, StatementId="s3", **S3)
    s.call("get_policy", lam.get_policy, FunctionName=name)
    version = s.call("publish_version_result", lam.publish_version, FunctionName=name)["Version"]
    s.call("get_function_result_after_publishing", lam.get_function, FunctionName=name)
    s.call("get_policy_after_publishing_latest", lam.get_policy, FunctionName=name)
    s.call(
        "get_policy_after_publishing_new_version",
        lam.get_policy,
        FunctionName=name,
        Qualifier=version,
    )
    s.call(
        None,
        lam.add_permission,
        FunctionName=f"{name}:{version}",
        StatementId="s3",
        Qualifier=version,
        **S3,
    )
    s.call("get_policy_version", lam.get_policy, FunctionName=name, Qualifier=version)
    alias = s.call(
        "create_alias_response",
        lam.create_alias,
        FunctionName=name,
        Name="permission-alias",
        FunctionVersion=version,
    )
    s.call("get_alias", lam.get_alias, FunctionName=name, Name="permission-alias")
    s.call(
        "add_permission_alias_revision_exception",
        lam.add_permission,
        FunctionName=name,
        StatementId="s3",
        Qualifier="permission-alias",
        RevisionId="wrong",
        **S3,
    )
    s.call(
        None,
        lam.add_permission,
        FunctionName=f"{name}:permission-alias",
        StatementId="s3",
        Qualifier="permission-alias",
        RevisionId=alias["RevisionId"],
        **S3,
    )
    s.call("get_policy_alias", lam.get_policy, FunctionName=name, Qualifier="permission-alias")
    policy = s.call("get_policy_after_adding_to_new_version", lam.get_policy, FunctionName=name)
    s.call(
        None,
        lam.add_permission,
        FunctionName=name,
        StatementId="s3_2",
        RevisionId=policy["RevisionId"],
        **S3,
    )
    s.call("get_policy_after_adding_2", lam.get_policy, FunctionName=name)
