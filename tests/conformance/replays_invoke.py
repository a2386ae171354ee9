"""Replays for invoking by qualifier: $LATEST, versions, aliases, alias ARNs
(recordings: ``recordings/lambda.json``, from LocalStack's test_lambda.snapshot.json)."""

from __future__ import annotations

import io
import re
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


_TWO_HANDLERS = """\
def handler(event, context):
    return {"handler": "handler"}


def handler_two(event, context):
    return {"handler": "handler_two"}
"""


@replay("invoke", REC, VERSIONS + "test_lambda_handler_update")
def lambda_handler_update(s: Session) -> None:
    name = "fn-handler-update"
    lam = s.lam
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", _TWO_HANDLERS)
    s.create_fixture(None, name, Code={"ZipFile": buffer.getvalue()})
    s.call("invoke_result_handler_one", lam.invoke, FunctionName=name)
    s.call(
        "update_function_configuration_result",
        lam.update_function_configuration,
        FunctionName=name,
        Handler="handler.handler_two",
    )
    s.call("get_function_result", lam.get_function, FunctionName=name)
    s.call("invoke_result_handler_two", lam.invoke, FunctionName=name)
    lam.publish_version(FunctionName=name)
    s.call("invoke_result_handler_two_postpublish", lam.invoke, FunctionName=name)


_CONTEXT_SOURCE = """\
import logging

logging.getLogger().setLevel(logging.INFO)


def handler(event, context):
    print("Lambda log message - print function")
    logging.info("Lambda log message - logging module")
    return {
        "event": event,
        "context": {
            "invoked_function_arn": context.invoked_function_arn,
            "function_version": context.function_version,
            "function_name": context.function_name,
            "memory_limit_in_mb": context.memory_limit_in_mb,
            "aws_request_id": context.aws_request_id,
            "log_group_name": context.log_group_name,
            "log_stream_name": context.log_stream_name,
            "client_context": context.client_context,
        },
    }
"""


@replay("invoke", REC, FEATURES + "test_invocation_with_qualifier")
def invocation_with_qualifier(s: Session) -> None:
    import base64

    name = "test_lambda_qualifier"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", _CONTEXT_SOURCE)
    s.s3.create_bucket(Bucket="conformance-code")
    s.s3.put_object(Bucket="conformance-code", Key="test_lambda.zip", Body=buffer.getvalue())
    created = s.create(
        "creation-response",
        name,
        Publish=True,
        Handler="handler.handler",
        Code={"S3Bucket": "conformance-code", "S3Key": "test_lambda.zip"},
        Timeout=10,
    )
    result = s.call(
        "invocation-response",
        s.lam.invoke,
        FunctionName=name,
        Payload=b'{"foo": "bar with \'quotes\\""}',
        Qualifier=created["Version"],
        LogType="Tail",
    )
    lines = base64.b64decode(result.get("LogResult", "")).decode().splitlines()
    # The recorder wrote "date" for each line's timestamp; do the same.
    lines = [re.sub(r"\d{4}-\d\d-\d\dT[\d:.]+Z", "date", x) for x in lines]
    s.keep("log_result", {"log_result": [x for x in lines if not x.startswith("REPORT")]})
