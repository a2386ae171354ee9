"""Invoke through boto3: status codes, payload stream, ExecutedVersion, function errors,
weighted aliases (rule list section 4)."""

from __future__ import annotations

import base64
import json

import pytest
from boto_helpers import ARN, VERSION_REPORTER, package, shape_errors
from botocore.response import StreamingBody


def test_a_synchronous_invoke_answers_200_with_a_streaming_payload(released, lam):
    response = lam.invoke(FunctionName="thumbnailer", Payload=b"{}")
    assert response["StatusCode"] == 200
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert isinstance(response["Payload"], StreamingBody)
    assert response["Payload"].read() == b'"v2"'
    assert shape_errors(lam, "Invoke", response) == ""


def test_executed_version_names_the_version_an_alias_resolved_to(released, lam):
    response = lam.invoke(FunctionName="thumbnailer", Qualifier="PROD")
    assert response["ExecutedVersion"] == "1"
    assert response["ResponseMetadata"]["HTTPHeaders"]["x-amz-executed-version"] == "1"


def test_an_unqualified_invoke_runs_latest(released, lam):
    assert lam.invoke(FunctionName="thumbnailer")["ExecutedVersion"] == "$LATEST"


def test_the_qualifier_may_be_given_in_the_name(released, lam):
    assert lam.invoke(FunctionName="thumbnailer:PROD")["ExecutedVersion"] == "1"


def test_the_handler_sees_the_arn_the_caller_used_and_the_version_that_ran(make_function, lam):
    make_function(code=VERSION_REPORTER, Publish=True)
    lam.create_alias(FunctionName="thumbnailer", Name="PROD", FunctionVersion="1")
    payload = json.load(lam.invoke(FunctionName="thumbnailer", Qualifier="PROD")["Payload"])
    assert payload == {"version": "1", "arn": f"{ARN}:thumbnailer:PROD"}


def test_an_event_invoke_answers_202_with_an_empty_payload(released, lam):
    response = lam.invoke(FunctionName="thumbnailer", InvocationType="Event")
    assert (response["StatusCode"], response["Payload"].read()) == (202, b"")
    assert "ExecutedVersion" not in response
    assert shape_errors(lam, "Invoke", response) == ""


def test_a_dry_run_answers_204_with_an_empty_payload(released, lam):
    response = lam.invoke(FunctionName="thumbnailer", InvocationType="DryRun")
    assert (response["StatusCode"], response["Payload"].read()) == (204, b"")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_a_handler_exception_is_a_function_error_with_the_runtimes_payload(make_function, lam):
    make_function(code=package("def handler(event, context):\n    raise ValueError('bad')\n"))
    response = lam.invoke(FunctionName="thumbnailer")
    assert (response["StatusCode"], response["FunctionError"]) == (200, "Unhandled")
    payload = json.load(response["Payload"])
    assert (payload["errorType"], payload["errorMessage"]) == ("ValueError", "bad")


def test_a_missing_handler_module_is_a_runtime_import_error(make_function, lam):
    make_function(handler="nowhere.handler")
    response = lam.invoke(FunctionName="thumbnailer")
    assert response["FunctionError"] == "Unhandled"
    assert json.load(response["Payload"])["errorType"] == "Runtime.ImportModuleError"


def test_a_result_that_is_not_json_is_a_marshal_error(make_function, lam):
    make_function(code=package("def handler(event, context):\n    return {1, 2}\n"))
    response = lam.invoke(FunctionName="thumbnailer")
    assert response["FunctionError"] == "Unhandled"
    assert json.load(response["Payload"])["errorType"] == "Runtime.MarshalError"


def test_invoking_a_missing_function_names_latest_in_the_404(lam):
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.invoke(FunctionName="ghost")
    assert excinfo.value.response["Error"]["Message"] == f"Function not found: {ARN}:ghost:$LATEST"


def test_invoking_a_missing_alias_is_not_found(released, lam):
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.invoke(FunctionName="thumbnailer", Qualifier="BETA")
    assert excinfo.value.response["Error"]["Message"] == (
        f"Function not found: {ARN}:thumbnailer:BETA"
    )


def test_invocations_follow_the_alias_when_it_moves(released, lam):
    lam.update_alias(FunctionName="thumbnailer", Name="PROD", FunctionVersion="2")
    response = lam.invoke(FunctionName="thumbnailer", Qualifier="PROD")
    assert (response["ExecutedVersion"], response["Payload"].read()) == ("2", b'"v2"')


def test_a_weighted_alias_sends_about_its_share_to_the_additional_version(released, lam):
    lam.update_alias(
        FunctionName="thumbnailer",
        Name="PROD",
        RoutingConfig={"AdditionalVersionWeights": {"2": 0.25}},
    )
    ran = [
        lam.invoke(FunctionName="thumbnailer", Qualifier="PROD")["ExecutedVersion"]
        for _ in range(2000)
    ]
    assert set(ran) == {"1", "2"}
    assert 0.21 < ran.count("2") / len(ran) < 0.29


def test_log_type_tail_returns_the_functions_printed_output(make_function, lam):
    make_function(code=package("def handler(event, context):\n    print('resizing')\n"))
    response = lam.invoke(FunctionName="thumbnailer", LogType="Tail")
    log = base64.b64decode(response["LogResult"]).decode()
    assert log.startswith("START RequestId: ")
    assert "\nresizing\nEND RequestId: " in log


def test_a_payload_that_is_not_json_is_invalid_request_content(released, lam):
    with pytest.raises(lam.exceptions.InvalidRequestContentException) as excinfo:
        lam.invoke(FunctionName="thumbnailer", Payload=b"not json")
    response = excinfo.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Message"].startswith(
        "Could not parse request body into json: Could not parse payload into json: "
    )


def test_the_request_id_header_matches_the_invocations_request_id(make_function, lam):
    make_function(code=package("def handler(event, context):\n    return context.aws_request_id\n"))
    response = lam.invoke(FunctionName="thumbnailer")
    assert json.load(response["Payload"]) == response["ResponseMetadata"]["RequestId"]


def test_a_synchronous_payload_over_6_mb_is_too_large(released, lam):
    payload = b'"' + b"x" * (6 * 1024 * 1024) + b'"'
    with pytest.raises(lam.exceptions.RequestTooLargeException) as excinfo:
        lam.invoke(FunctionName="thumbnailer", Payload=payload)
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 413


def test_the_log_tail_holds_what_the_handler_logs_in_the_runtime_format():
    # AWS recording test_invocation_with_qualifier log_result (2025-11-24).
    import base64
    import io
    import logging
    import zipfile

    from lambda_model.aws import client

    source = (
        "import logging\n"
        "def handler(event, context):\n"
        "    logging.getLogger().warning('careful')\n"
        "    return 1\n"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", source)
    lam = client("lambda")
    lam.create_function(
        FunctionName="logs",
        Runtime="python3.12",
        Role="arn:aws:iam::123456789012:role/r",
        Handler="index.handler",
        Code={"ZipFile": buffer.getvalue()},
    )
    handlers = list(logging.getLogger().handlers)
    result = lam.invoke(FunctionName="logs", LogType="Tail")
    lines = base64.b64decode(result["LogResult"]).decode().splitlines()
    request_id = lines[0].split()[2]
    assert lines[1] == f"[WARNING]\t2025-01-01T09:00:00.000Z\t{request_id}\tcareful"
    assert logging.getLogger().handlers == handlers
