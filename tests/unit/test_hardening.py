"""Hardening (issue 13): hostile inputs end in AWS's errors, loops stop, limits hold.

Each test names the source of the behaviour it checks (the AWS recording, page or report).
"""

from __future__ import annotations

import json
import sys
import threading

import pytest

from lambda_model import (
    Account,
    InvalidParameterValueException,
    ResourceConflictException,
    ResourceNotFoundException,
    ServiceError,
    ValidationException,
)

ROLE = "arn:aws:iam::123456789012:role/lambda-role"


@pytest.fixture
def released() -> Account:
    account = Account()
    account.create_function("f", lambda event, context: 1, publish=True)
    account.update_function_code("f", lambda event, context: 2, publish=True)
    return account


# --- canonical version numbers ----------------------------------------------------------


def test_an_alias_to_a_non_canonical_version_number_is_refused_as_not_found(released):
    with pytest.raises(ResourceNotFoundException) as caught:
        released.create_alias("f", "PROD", "01")
    assert caught.value.message.endswith(":function:f:01")
    assert "PROD" not in released.functions["f"].aliases


def test_a_non_canonical_routing_key_cannot_route_an_alias_to_its_own_version(released):
    with pytest.raises(ResourceNotFoundException):
        released.create_alias("f", "BETA", "2", routing_config={"01": 0.5})


def test_a_version_an_alias_uses_cannot_be_deleted_and_the_alias_keeps_working(released):
    released.create_alias("f", "PROD", "1")
    with pytest.raises(ResourceConflictException):
        released.delete_function("f", "1")
    assert released.invoke("f:PROD").executed_version == "1"


def test_a_non_canonical_version_names_no_version_anywhere(released):
    for call in (
        lambda: released.get_function("f", "01"),
        lambda: released.invoke("f", qualifier="01"),
    ):
        with pytest.raises(ResourceNotFoundException):
            call()


# --- markers and routing keys -----------------------------------------------------------


@pytest.mark.parametrize("marker", ["²", "9" * 5000, "-1", "1.5"])
def test_a_hostile_marker_gives_a_page_not_a_crash(released, marker):
    queue = released.create_queue("jobs")
    released.create_event_source_mapping(queue, "f")
    for listing in (
        released.list_functions(marker=marker),
        released.list_versions_by_function("f", marker=marker),
        released.list_aliases("f", marker=marker),
        released.list_event_source_mappings(marker=marker),
    ):
        assert isinstance(listing.items, list)


@pytest.mark.parametrize("digits", [1025, 4300, 5000])
def test_a_routing_key_longer_than_its_schema_is_a_validation_error(released, digits):
    # The key's schema (botocore AdditionalVersion): length 1-1024, pattern [0-9]+.
    with pytest.raises(ValidationException) as caught:
        released.create_alias("f", "X", "1", routing_config={"9" * digits: 0.5})
    assert "Member must have length less than or equal to 1024" in caught.value.message


# --- deep nesting -----------------------------------------------------------------------


def test_a_payload_nested_1000_deep_is_invalid_request_content(released):
    before = len(released.invocation_log)
    with pytest.raises(ServiceError) as caught:
        released.invoke("f", ("[" * 1000 + "]" * 1000).encode())
    assert caught.value.code == "InvalidRequestContentException"
    assert len(released.invocation_log) == before


# --- a handler that ends its runtime ----------------------------------------------------


@pytest.mark.parametrize(
    ("raised", "reason"),
    [
        # LS-snap test_lambda_handler_exit (sys.exit(0), recorded 2025-11-24).
        (SystemExit(0), "Runtime exited without providing a reason"),
        (SystemExit(3), "Runtime exited with error: exit status 3"),
        (KeyboardInterrupt(), "Runtime exited with error: signal: interrupt"),
        (GeneratorExit(), "Runtime exited with error: exit status 1"),
    ],
)
def test_a_handler_that_exits_answers_200_with_runtime_exit_error(raised, reason):
    account = Account()

    def handler(event, context):
        raise raised

    account.create_function("f", handler)
    result = account.invoke("f")
    assert (result.status_code, result.function_error) == (200, "Unhandled")
    assert result.payload["errorType"] == "Runtime.ExitError"
    assert result.payload["errorMessage"].endswith(f"Error: {reason}")


def test_a_handler_calling_sys_exit_during_s3_delivery_is_a_logged_error():
    account = Account()
    account.create_function("f", lambda event, context: sys.exit(1))
    account.create_bucket("uploads")
    account.add_permission(
        "f", "s3", "lambda:InvokeFunction", "s3.amazonaws.com", source_arn="arn:aws:s3:::uploads"
    )
    account.put_bucket_notification_configuration(
        "uploads",
        {
            "LambdaFunctionConfigurations": [
                {"LambdaFunctionArn": account.function_arn("f"), "Events": ["s3:ObjectCreated:*"]}
            ]
        },
    )
    result = account.put_object("uploads", "a.txt", b"x")
    assert result.deliveries[0].outcome == "error"
    assert account.get_object("uploads", "a.txt").body == b"x"


# --- threads ----------------------------------------------------------------------------


def test_publishes_from_many_threads_get_distinct_numbers():
    account = Account()
    account.create_function("f", lambda event, context: 0)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def release(n: int) -> None:
        try:
            for i in range(25):
                # Update and publish in one call: each call must get a number of its own.
                code = f"def handler(event, context):\n    return {n * 100 + i}\n"
                numbers.append(account.update_function_code("f", code, publish=True).version)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=release, args=(n,)) for n in range(4)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert sorted(map(int, numbers)) == list(range(1, 101))


# --- inputs of the wrong kind -----------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda a: a.create_function("g", lambda e, c: 1, description=["f"]),
        lambda a: a.create_function("g", lambda e, c: 1, memory_size="128"),
        lambda a: a.create_function("g", lambda e, c: 1, timeout=True),
        lambda a: a.update_function_configuration("f", description=5),
        lambda a: a.publish_version("f", description=["x"]),
        lambda a: a.create_alias("f", ["PROD"], "1"),
        lambda a: a.create_alias("f", "PROD", 1),
        lambda a: a.create_alias("f", "PROD", "1", routing_config=[("2", 0.5)]),
        lambda a: a.get_function(5),
        lambda a: a.invoke("f", qualifier=1),
        lambda a: a.list_functions(max_items="5"),
        lambda a: a.create_event_source_mapping(a.create_queue("jobs"), "f", batch_size=1.5),
        lambda a: a.create_event_source_mapping(a.create_queue("jobs"), "f", enabled="yes"),
        lambda a: a.add_permission("f", 5, "lambda:InvokeFunction", "s3.amazonaws.com"),
        lambda a: a.put_function_recursion_config("f", "Sometimes"),
    ],
)
def test_a_parameter_of_the_wrong_type_is_a_service_error_and_changes_nothing(released, call):
    before = len(released.history)
    with pytest.raises(ServiceError):
        call(released)
    assert len(released.history) == before + ("jobs" in released.queues)


def test_a_lone_surrogate_object_key_is_refused_before_anything_is_stored():
    account = Account()
    account.create_bucket("uploads")
    with pytest.raises(ServiceError) as caught:
        account.put_object("uploads", "\ud800", b"x")
    assert caught.value.code == "InvalidURI"
    assert account.buckets["uploads"].objects == {}


def test_an_integer_object_key_is_refused():
    account = Account()
    account.create_bucket("uploads")
    with pytest.raises(ServiceError):
        account.put_object("uploads", 5, b"x")
    assert account.buckets["uploads"].objects == {}


def test_a_lone_surrogate_message_body_is_refused_and_no_message_is_lost():
    account = Account()
    queue = account.create_queue("jobs")
    with pytest.raises(ServiceError) as caught:
        account.send_message(queue, "\ud800")
    assert caught.value.code == "InvalidMessageContents"
    assert account._message_counter == 0
    ids = account.send_messages(queue, ["ok"]).message_ids
    assert len(ids) == 1 and len(account.queues["jobs"].messages) == 1


# --- loops ------------------------------------------------------------------------------


def _wired_bucket(account: Account, handler) -> None:
    account.create_function("f", handler)
    account.create_bucket("loop-bucket")
    account.add_permission(
        "f", "s3", "lambda:InvokeFunction", "s3.amazonaws.com",
        source_arn="arn:aws:s3:::loop-bucket",
    )  # fmt: skip
    account.put_bucket_notification_configuration(
        "loop-bucket",
        {
            "LambdaFunctionConfigurations": [
                {"LambdaFunctionArn": account.function_arn("f"), "Events": ["s3:ObjectCreated:*"]}
            ]
        },
    )


def test_an_s3_write_back_loop_whose_handler_fails_stops_after_about_16_invocations():
    # DG: Lambda recursive loop detection stops a loop after approximately 16 invocations.
    account = Account()
    runs = []

    def handler(event, context):
        runs.append(1)
        account.put_object("loop-bucket", f"k{len(runs)}", b"x")
        raise RuntimeError("boom")

    _wired_bucket(account, handler)
    account.put_object("loop-bucket", "start", b"x")
    assert 14 <= len(runs) <= 18
    assert any(entry.outcome == "stopped: recursive loop" for entry in account.delivery_log)


def test_an_sqs_write_back_loop_returns_and_drops_the_looping_message():
    account = Account()
    queue = account.create_queue("jobs")
    runs = []

    def handler(event, context):
        runs.append(1)
        account.send_message(queue, "again")

    account.create_function("g", handler)
    account.create_event_source_mapping(queue, "g")
    account.send_message(queue, "go")
    assert 14 <= len(runs) <= 18
    assert len(account.queues["jobs"].messages) == 0


def test_recursion_config_is_terminate_by_default_and_allow_lets_a_loop_run_on():
    account = Account()
    runs = []

    def handler(event, context):
        runs.append(1)
        if len(runs) < 40:
            account.put_object("loop-bucket", f"k{len(runs)}", b"x")

    _wired_bucket(account, handler)
    assert account.get_function_recursion_config("f") == "Terminate"
    assert account.put_function_recursion_config("f", "Allow") == "Allow"
    account.put_object("loop-bucket", "start", b"x")
    assert len(runs) == 40


def test_an_unknown_recursive_loop_value_is_aws_validation_error():
    # LS-snap test_put_function_recursion_config_invalid_value (recorded).
    account = Account()
    account.create_function("f", lambda e, c: 1)
    with pytest.raises(ValidationException) as caught:
        account.put_function_recursion_config("f", "InvalidValue")
    assert caught.value.message == (
        "1 validation error detected: Value 'InvalidValue' at 'recursiveLoop' failed to satisfy "
        "constraint: Member must satisfy enum value set: [Terminate, Allow]"
    )


# --- limits -----------------------------------------------------------------------------


def test_a_response_over_6_mb_is_function_response_size_too_large():
    # LS-snap test_lambda_too_large_response (recorded 2025-11-24).
    account = Account()
    account.create_function("f", lambda event, context: "x" * (6 * 1024 * 1024 + 200))
    result = account.invoke("f")
    assert (result.status_code, result.function_error) == (200, "Unhandled")
    assert result.payload == {
        "errorMessage": "Response payload size exceeded maximum allowed payload size "
        "(6291556 bytes).",
        "errorType": "Function.ResponseSizeTooLarge",
    }


def test_reserved_environment_keys_are_refused():
    # AWS's message, as reported in GH:mattermost/mattermost-cloud-monitoring#264 and others.
    account = Account()
    with pytest.raises(InvalidParameterValueException) as caught:
        account.create_function("f", lambda e, c: 1, environment={"AWS_REGION": "x"})
    assert caught.value.message.endswith("Reserved keys used in this request: AWS_REGION")
    assert "f" not in account.functions


def test_environment_over_4_kb_is_refused_with_the_string_measured():
    # LS-snap test_large_environment_fails_multiple_keys (recorded 2025-11-25).
    account = Account()
    environment = {"SMALL_VAR": "ok", "LARGE_VAR": "x" * 4096}
    with pytest.raises(InvalidParameterValueException) as caught:
        account.create_function("f", lambda e, c: 1, environment=environment)
    assert caught.value.message == (
        "Lambda was unable to configure your environment variables because the environment "
        "variables you have provided exceeded the 4KB limit. String measured: "
        + json.dumps(environment, separators=(",", ":"))
    )


def test_memory_above_10240_is_refused():
    # DG: Lambda quotas (128 MB to 10,240 MB); message form from public reports.
    account = Account()
    with pytest.raises(ValidationException) as caught:
        account.create_function("f", lambda e, c: 1, memory_size=10241)
    assert caught.value.message == (
        "'MemorySize' value failed to satisfy constraint: Member must have value less than or "
        "equal to 10240"
    )
    account.create_function("f", lambda e, c: 1, memory_size=10240)


@pytest.mark.parametrize("name", ["192.168.5.4", "xn--bucket", "my-bucket-s3alias", "b--ol-s3"])
def test_bucket_names_s3_keeps_for_itself_are_invalid(name):
    # S3 UG: general purpose bucket naming rules.
    account = Account()
    with pytest.raises(ServiceError) as caught:
        account.create_bucket(name)
    assert caught.value.code == "InvalidBucketName"


# --- PublishVersion after the newest version was deleted ---------------------------------


def test_publishing_after_the_newest_version_was_deleted_makes_a_new_number(released):
    # With no update since version 2 was cut, deleting 2 leaves no version of $LATEST's code:
    # AWS publishes again, and numbers are never reused ("AWS keeps an internal counter ...
    # the next published version will be +1 larger", GH:DataBiosphere/azul#6259; API
    # PublishVersion: a version is skipped only if nothing changed since the last version).
    released.delete_function("f", "2")
    version = released.publish_version("f")
    assert version.version == "3"
    assert version.code_sha256 == released.get_function("f").code_sha256


# --- updates take time (opt-in) ----------------------------------------------------------


def test_by_default_updates_are_instant():
    account = Account()
    account.create_function("f", lambda e, c: 1)
    account.update_function_code("f", lambda e, c: 2)
    assert account.publish_version("f").version == "1"


def test_with_an_update_delay_publishing_during_an_update_is_a_conflict():
    # DG: Lambda function states; the message as recorded (LS-snap concurrent code updates).
    account = Account(update_delay=10)
    account.create_function("f", lambda e, c: 1)
    assert account.get_function("f").state == "Pending"
    with pytest.raises(ResourceConflictException) as caught:
        account.publish_version("f")
    assert caught.value.message == (
        "The operation cannot be performed at this time. An update is in progress for "
        "resource: arn:aws:lambda:us-east-1:123456789012:function:f"
    )
    account.clock.advance(10)
    assert account.get_function("f").state == "Active"
    account.update_function_code("f", lambda e, c: 2)
    assert account.get_function("f").last_update_status == "InProgress"
    for call in (
        lambda: account.update_function_code("f", lambda e, c: 3),
        lambda: account.update_function_configuration("f", description="x"),
        lambda: account.publish_version("f"),
    ):
        with pytest.raises(ResourceConflictException):
            call()
    account.clock.advance(10)
    assert account.get_function("f").last_update_status == "Successful"
    assert account.publish_version("f").version == "1"


# --- memory: traffic history bounded, configuration history whole -------------------------


def test_old_traffic_events_are_elided_and_configuration_events_kept_whole():
    account = Account(traffic_history_limit=5)
    account.create_function("f", lambda event, context: "ok", publish=True)
    account.create_bucket("uploads")
    configuration = list(account.history)
    for n in range(20):
        account.put_object("uploads", f"k{n % 3}", b"x")
    account.create_alias("f", "PROD", "1")
    history = account.history
    assert history[: len(configuration)] == configuration
    assert len(history) == len(configuration) + 21
    kept = [e for e in history if type(e).__name__ == "ObjectCreated"]
    assert [e.key for e in kept] == ["k0", "k1", "k2", "k0", "k1"]  # the 5 newest, whole
    assert str(history[len(configuration)]) == "(older traffic, not kept)"
    assert type(history[-1]).__name__ == "AliasCreated"
