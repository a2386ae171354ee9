"""Replays for invoking by qualifier: $LATEST, versions, aliases, alias ARNs
(recordings: ``recordings/lambda.json``, from LocalStack's test_lambda.snapshot.json)."""

from __future__ import annotations

import io
import zipfile

from .harness import Session, replay

REC = "lambda"
FEATURES = "TestLambdaFeatures::"
VERSIONS = "TestLambdaVersions::"
ALIASES = "TestLambdaAliases::"

_VERSION_SOURCE = """\
def handler(event, context):
    return {
        "version_id": VERSION_ID,
        "invoked_arn": context.invoked_function_arn,
        "version_from_ctx": context.function_version,
    }
"""


def version_zip(version_id: str) -> bytes:
    """A package whose handler reports its own label and what the context says."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", f"VERSION_ID = {version_id!r}\n" + _VERSION_SOURCE)
    return buffer.getvalue()


def _create(s: Session, key: str, name: str, version_id: str, **params) -> dict:
    return s.create(
        key,
        name,
        Handler="handler.handler",
        Code={"ZipFile": version_zip(version_id)},
        Description="No version :(",
        **params,
    )


@replay("invoke", REC, FEATURES + "test_invoke_exceptions")
def invoke_exceptions(s: Session) -> None:
    s.call("invoke_function_doesnotexist", s.lam.invoke, FunctionName="doesnotexist")


@replay("invoke", REC, VERSIONS + "test_lambda_versions_with_code_changes")
def versions_with_code_changes(s: Session) -> None:
    name = "fn-code-changes"
    lam = s.lam
    _create(s, "create_response", name, "version1")
    first = s.call(
        "first_publish_response",
        lam.publish_version,
        FunctionName=name,
        Description="First version description :)",
    )["Version"]
    s.call(
        "update_lambda_response",
        lam.update_function_code,
        FunctionName=name,
        ZipFile=version_zip("version2"),
    )
    s.call("invocation_result_latest", lam.invoke, FunctionName=name, Payload=b"{}")
    s.call("invocation_result_v1", lam.invoke, FunctionName=name, Qualifier=first, Payload=b"{}")
    second = s.call(
        "second_publish_response",
        lam.publish_version,
        FunctionName=name,
        Description="Second version description :)",
    )["Version"]
    s.call("invocation_result_v2", lam.invoke, FunctionName=name, Qualifier=second, Payload=b"{}")
    third = s.call(
        "update_lambda_response_with_publish",
        lam.update_function_code,
        FunctionName=name,
        ZipFile=version_zip("version3"),
        Publish=True,
    )["Version"]
    s.call("invocation_result_v3", lam.invoke, FunctionName=name, Qualifier=third, Payload=b"{}")
    s.call("invocation_result_latest_end", lam.invoke, FunctionName=name, Payload=b"{}")
    s.call(
        "invocation_result_v2_end", lam.invoke, FunctionName=name, Qualifier=second, Payload=b"{}"
    )
    s.call(
        "invocation_result_v1_end", lam.invoke, FunctionName=name, Qualifier=first, Payload=b"{}"
    )


@replay("invoke", REC, ALIASES + "test_lambda_alias_moving")
def lambda_alias_moving(s: Session) -> None:
    name = "fn-alias-moving"
    lam = s.lam
    _create(s, "create_response", name, "version1")
    first = lam.publish_version(FunctionName=name, Description="First version description :)")
    alias = s.call(
        "create_alias_response",
        lam.create_alias,
        FunctionName=name,
        FunctionVersion=first["Version"],
        Name="alias1",
    )
    by_alias = {"FunctionName": name, "Qualifier": "alias1", "Payload": b"{}"}
    s.call("invocation_result_qualifier_v1", lam.invoke, **by_alias)
    s.call(
        "invocation_result_qualifier_v1_arn",
        lam.invoke,
        FunctionName=alias["AliasArn"],
        Payload=b"{}",
    )
    s.call(
        "update_lambda_response",
        lam.update_function_code,
        FunctionName=name,
        ZipFile=version_zip("version2"),
    )
    s.call("invocation_result_qualifier_v1_after_update", lam.invoke, **by_alias)
    second = s.call(
        "second_publish_response",
        lam.publish_version,
        FunctionName=name,
        Description="Second version description :)",
    )
    s.call("invocation_result_qualifier_v1_after_publish", lam.invoke, **by_alias)
    s.call(
        "update_alias_response",
        lam.update_alias,
        FunctionName=name,
        Name="alias1",
        FunctionVersion=second["Version"],
    )
    s.call("invocation_result_qualifier_v2", lam.invoke, **by_alias)
    s.call(
        "invocation_exc_not_existent",
        lam.invoke,
        FunctionName=name,
        Qualifier="non-existent-alias",
        Payload=b"{}",
    )


@replay("invoke", REC, ALIASES + "test_alias_routingconfig")
def alias_routingconfig(s: Session) -> None:
    name = "fn-alias-routing"
    lam = s.lam
    created = _create(s, None, name, "version1", Publish=True)
    lam.update_function_code(FunctionName=name, ZipFile=version_zip("version2"))
    second = lam.publish_version(FunctionName=name, Description="Second version description :)")
    alias = s.call(
        "create_alias_response",
        lam.create_alias,
        FunctionName=name,
        FunctionVersion=created["Version"],
        Name="alias1",
        RoutingConfig={"AdditionalVersionWeights": {second["Version"]: 0.5}},
    )
    hit = set()
    for _ in range(20):  # as recorded: both versions are reached within 20 invocations
        result = lam.invoke(FunctionName=name, Qualifier=alias["Name"], Payload=b"{}")
        hit.add(result["ExecutedVersion"])
    if hit != {"1", "2"}:
        s.keep("create_alias_response", {"routing reached only": sorted(hit)})
