"""Hardening (issue 13) through boto3: Tail logs, exits, nesting, threads, recursion config,
limits, and botocore's waiters in simulated time."""

from __future__ import annotations

import base64
import io
import json
import sys
import threading
import time

import pytest
from boto_helpers import ROLE, returning

from lambda_model import Account
from lambda_model.aws import client


def payload_of(response) -> object:
    return json.loads(response["Payload"].read())


def test_log_type_tail_through_an_alias_answers_with_the_log(released, lam):
    response = lam.invoke(FunctionName="thumbnailer:PROD", LogType="Tail")
    assert response["StatusCode"] == 200
    assert "Version: 1" in base64.b64decode(response["LogResult"]).decode()


def test_log_type_tail_when_the_handler_deleted_its_own_function(account, lam):
    account.create_function("f", lambda event, context: account.delete_function("f") or "gone")
    response = lam.invoke(FunctionName="f", LogType="Tail")
    assert payload_of(response) == "gone"
    assert "END RequestId:" in base64.b64decode(response["LogResult"]).decode()


def test_a_handler_that_calls_sys_exit_answers_200_runtime_exit_error(account, lam):
    # LS-snap test_lambda_handler_exit (recorded 2025-11-24): 200, FunctionError Unhandled.
    account.create_function("f", lambda event, context: sys.exit(0))
    response = lam.invoke(FunctionName="f")
    assert (response["StatusCode"], response["FunctionError"]) == (200, "Unhandled")
    error = payload_of(response)
    assert error["errorType"] == "Runtime.ExitError"
    assert error["errorMessage"].endswith("Error: Runtime exited without providing a reason")


def test_a_handler_returning_a_value_nested_1000_deep_is_a_marshal_error(account, lam):
    def handler(event, context):
        value: list = []
        for _ in range(1000):
            value = [value]
        return value

    account.create_function("f", handler)
    response = lam.invoke(FunctionName="f")
    assert response["FunctionError"] == "Unhandled"
    assert payload_of(response)["errorType"] == "Runtime.MarshalError"


def test_a_payload_nested_1000_deep_is_invalid_request_content(released, lam):
    with pytest.raises(lam.exceptions.InvalidRequestContentException):
        lam.invoke(FunctionName="thumbnailer", Payload=b"[" * 1000 + b"]" * 1000)


def test_a_response_over_6_mb_is_function_response_size_too_large(account, lam):
    # LS-snap test_lambda_too_large_response (recorded 2025-11-24).
    account.create_function("f", lambda event, context: "x" * (6 * 1024 * 1024 + 200))
    response = lam.invoke(FunctionName="f")
    assert response["FunctionError"] == "Unhandled"
    assert payload_of(response)["errorType"] == "Function.ResponseSizeTooLarge"


def test_tail_captures_only_the_invoking_threads_output_and_restores_stdout(
    account, lam, monkeypatch
):
    monkeypatch.setattr(sys, "stdout", io.StringIO())

    def handler(event, context):
        for _ in range(50):
            print("from the handler")
        return "ok"

    account.create_function("f", handler)
    stdout = sys.stdout
    stop = threading.Event()

    def chatter() -> None:
        while not stop.is_set():
            print("other thread")

    def tail() -> None:
        for _ in range(100):
            log = base64.b64decode(lam.invoke(FunctionName="f", LogType="Tail")["LogResult"])
            logs.append(log.decode())

    logs: list[str] = []
    others = [threading.Thread(target=chatter)]
    tails = [threading.Thread(target=tail) for _ in range(3)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    try:
        for t in others + tails:
            t.start()
        for t in tails:
            t.join()
    finally:
        stop.set()
        others[0].join()
        sys.setswitchinterval(interval)
    assert sys.stdout is stdout
    assert len(logs) == 300
    assert all("from the handler" in log and "other thread" not in log for log in logs)


def test_recursion_config_through_boto3(account, lam):
    account.create_function("f", lambda event, context: None)
    assert lam.get_function_recursion_config(FunctionName="f")["RecursiveLoop"] == "Terminate"
    response = lam.put_function_recursion_config(FunctionName="f", RecursiveLoop="Allow")
    assert response["RecursiveLoop"] == "Allow"
    assert lam.get_function_recursion_config(FunctionName="f")["RecursiveLoop"] == "Allow"
    with pytest.raises(lam.exceptions.ClientError) as caught:
        lam.put_function_recursion_config(FunctionName="f", RecursiveLoop="InvalidValue")
    assert caught.value.response["Error"]["Code"] == "ValidationException"


def test_reserved_environment_keys_through_boto3(lam):
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as caught:
        lam.create_function(
            FunctionName="f", Runtime="python3.12", Role=ROLE, Handler="app.handler",
            Code={"ZipFile": returning("v1")},
            Environment={"Variables": {"AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"}},
        )  # fmt: skip
    assert caught.value.response["Error"]["Message"].endswith(
        "Reserved keys used in this request: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY"
    )


# --- updates take time; botocore's waiters wait in simulated time --------------------------


@pytest.fixture
def slow_lam():
    return client("lambda", Account(update_delay=30))


def create(lam) -> None:
    lam.create_function(
        FunctionName="f", Runtime="python3.12", Role=ROLE, Handler="app.handler",
        Code={"ZipFile": returning("v1")},
    )  # fmt: skip


def test_publishing_right_after_an_update_is_a_conflict_with_aws_message(slow_lam):
    create(slow_lam)
    with pytest.raises(slow_lam.exceptions.ResourceConflictException) as caught:
        slow_lam.publish_version(FunctionName="f")
    assert caught.value.response["Error"]["Message"] == (
        "The operation cannot be performed at this time. An update is in progress for "
        "resource: arn:aws:lambda:us-east-1:123456789012:function:f"
    )
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == 409


def test_botocore_waiters_advance_the_simulated_clock_instead_of_sleeping(slow_lam):
    from lambda_model.aws import account_of

    account = account_of(slow_lam)
    create(slow_lam)
    assert slow_lam.get_function(FunctionName="f")["Configuration"]["State"] == "Pending"
    started = time.perf_counter()
    slow_lam.get_waiter("function_active_v2").wait(FunctionName="f")
    assert slow_lam.get_function(FunctionName="f")["Configuration"]["State"] == "Active"
    slow_lam.update_function_code(FunctionName="f", ZipFile=returning("v2"))
    status = slow_lam.get_function(FunctionName="f")["Configuration"]["LastUpdateStatus"]
    assert status == "InProgress"
    slow_lam.get_waiter("function_updated_v2").wait(FunctionName="f")
    version = slow_lam.publish_version(FunctionName="f")["Version"]
    slow_lam.get_waiter("published_version_active").wait(FunctionName="f", Qualifier=version)
    state = slow_lam.get_function(FunctionName="f", Qualifier=version)["Configuration"]["State"]
    assert state == "Active"
    assert time.perf_counter() - started < 5  # no wall-clock sleeping
    assert account.clock.elapsed >= 90  # three 30-second updates, waited in simulated time


def test_a_waiter_still_gives_up_after_its_max_attempts(slow_lam):
    from botocore.exceptions import WaiterError

    create(slow_lam)
    with pytest.raises(WaiterError):
        slow_lam.get_waiter("function_active_v2").wait(
            FunctionName="f", WaiterConfig={"Delay": 1, "MaxAttempts": 3}
        )
