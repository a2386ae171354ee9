"""Invoke: qualifier resolution, 404 texts, status codes, ExecutedVersion, the context, function
errors, weighted draws, per-version counters and the bounded invocation log (rule list
section 4)."""

import io
import random
import re
import zipfile

import pytest

from lambda_model import (
    Account,
    InvalidParameterValueException,
    InvalidRequestContentException,
    RequestTooLargeException,
    ResourceNotFoundException,
    ValidationException,
)

ARN = "arn:aws:lambda:us-east-1:123456789012:function"


def context_handler(event, context):
    return {
        "invoked_function_arn": context.invoked_function_arn,
        "function_version": context.function_version,
        "function_name": context.function_name,
        "aws_request_id": context.aws_request_id,
        "memory_limit_in_mb": context.memory_limit_in_mb,
    }


def failing_handler(event, context):
    raise ValueError("bad thumbnail")


@pytest.fixture
def traffic(release, function):
    """``f`` with versions 1 ("v1") and 2 ("v2") and alias ``live`` -> 1, 10% to 2."""
    release("v1"), release("v2")
    function.create_alias("f", "live", "1", routing_config={"2": 0.1})
    return function


@pytest.fixture
def context_function(account):
    """``c`` whose handler returns its context; version 1 published, alias ``PROD`` -> 1."""
    account.create_function("c", context_handler, memory_size=256, publish=True)
    account.create_alias("c", "PROD", "1")
    return account


# --- resolving the qualifier -----------------------------------------------------------------


def test_invoking_without_a_qualifier_runs_latest(release, function):
    release("v1")
    function.update_function_code("f", "def handler(e, c):\n    return 'latest'\n")
    result = function.invoke("f")
    assert (result.payload, result.executed_version) == ("latest", "$LATEST")


def test_invoking_latest_explicitly_runs_latest(function):
    assert function.invoke("f", qualifier="$LATEST").executed_version == "$LATEST"


def test_invoking_a_version_runs_that_versions_own_handler(release, function):
    release("v1"), release("v2")
    result = function.invoke("f", qualifier="1")
    assert (result.payload, result.executed_version) == ("v1", "1")


def test_invoking_an_alias_runs_the_version_it_points_to(release, function):
    release("v1"), release("v2")
    function.create_alias("f", "PROD", "1")
    result = function.invoke("f:PROD")
    assert (result.payload, result.executed_version) == ("v1", "1")


@pytest.mark.parametrize(
    ("name", "qualifier"),
    [
        ("f:PROD", None),
        ("f", "PROD"),
        (f"{ARN}:f:PROD", None),
        ("123456789012:function:f:PROD", None),
    ],
)
def test_every_way_of_naming_an_alias_reaches_it(release, function, name, qualifier):
    release("v1")
    function.create_alias("f", "PROD", "1")
    assert function.invoke(name, qualifier=qualifier).executed_version == "1"


def test_after_an_alias_moves_invocations_follow_it(release, function):
    release("v1"), release("v2")
    function.create_alias("f", "PROD", "1")
    function.update_alias("f", "PROD", function_version="2")
    result = function.invoke("f:PROD")
    assert (result.payload, result.executed_version) == ("v2", "2")


def test_an_alias_to_latest_runs_the_current_latest_code(source, function):
    function.create_alias("f", "DEV", "$LATEST")
    function.update_function_code("f", source("fresh"))
    result = function.invoke("f:DEV")
    assert (result.payload, result.executed_version) == ("fresh", "$LATEST")


# --- 404 texts -------------------------------------------------------------------------------


def test_invoking_a_missing_function_names_latest_in_the_arn(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope:$LATEST"):
        account.invoke("nope")


def test_invoking_a_missing_function_through_an_alias_names_the_alias(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope:PROD"):
        account.invoke("nope:PROD")


def test_invoking_a_missing_version_names_the_version(function, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:4"):
        function.invoke("f", qualifier="4")


def test_invoking_a_missing_alias_names_the_alias(function, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:PROD"):
        function.invoke("f:PROD")


def test_invoking_a_deleted_version_is_not_found(release, function, fails):
    release("v1"), release("v2")
    function.delete_function("f", "1")
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:1"):
        function.invoke("f:1")


# --- status codes, payload and ExecutedVersion -----------------------------------------------


def test_a_synchronous_invoke_returns_200_the_payload_and_the_executed_version(release, function):
    release("v1")
    result = function.invoke("f:1")
    assert (result.status_code, result.payload, result.executed_version) == (200, "v1", "1")
    assert result.function_error is None


def test_an_event_invoke_returns_202_with_no_payload_and_no_executed_version(function):
    result = function.invoke("f", invocation_type="Event")
    assert (result.status_code, result.payload, result.executed_version) == (202, None, None)


def test_an_event_invoke_still_runs_the_handler(function):
    function.invoke("f", invocation_type="Event")
    assert function.functions["f"].metrics == {"$LATEST": [1, 0]}


def test_a_dry_run_returns_204_with_no_payload(function):
    result = function.invoke("f", invocation_type="DryRun")
    assert (result.status_code, result.payload, result.executed_version) == (204, None, None)


def test_a_dry_run_runs_nothing(function):
    function.invoke("f", invocation_type="DryRun")
    assert function.functions["f"].metrics == {}
    assert list(function.invocation_log) == []


def test_a_dry_run_of_a_missing_function_is_not_found(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope:$LATEST"):
        account.invoke("nope", invocation_type="DryRun")


def test_an_unknown_invocation_type_fails_validation(function, fails):
    message = (
        "1 validation error detected: Value 'Sync' at 'invocationType' failed to satisfy "
        "constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]"
    )
    with fails(ValidationException, 400, message):
        function.invoke("f", invocation_type="Sync")


def test_executed_version_through_an_alias_is_a_number_never_the_alias_name(release, function):
    release("v1")
    function.create_alias("f", "PROD", "1")
    assert function.invoke("f", qualifier="PROD").executed_version == "1"


def test_the_event_reaches_the_handler(account):
    account.create_function("echo", lambda event, context: event)
    assert account.invoke("echo", {"key": "in/a b.txt"}).payload == {"key": "in/a b.txt"}


def test_a_json_body_in_bytes_is_parsed_into_the_event(account):
    account.create_function("echo", lambda event, context: event)
    assert account.invoke("echo", b'{"n": 1}').payload == {"n": 1}


def test_a_string_payload_is_itself_the_event(account):
    account.create_function("echo", lambda event, context: event)
    assert account.invoke("echo", '{"n": 1}').payload == '{"n": 1}'


def test_an_empty_body_is_no_event(account):
    account.create_function("echo", lambda event, context: event)
    assert account.invoke("echo", b"").payload is None


def test_a_body_that_is_not_json_is_invalid_request_content(function, fails):
    message = (
        "Could not parse request body into json: Could not parse payload into json: "
        "Expecting value: line 1 column 1 (char 0)"
    )
    with fails(InvalidRequestContentException, 400, message):
        function.invoke("f", b"not json")


def test_a_synchronous_payload_over_6_mb_is_too_large(function, fails):
    message = "Request must be smaller than 6291456 bytes for the InvokeFunction operation"
    with fails(RequestTooLargeException, 413, message):
        function.invoke("f", b"x" * (6 * 1024 * 1024 + 1))


def test_an_asynchronous_payload_over_1_mb_is_too_large(function, fails):
    """The 2023 guide says 256 KB, the current model 1 MB (rule list 4); we follow the model."""
    message = "Request must be smaller than 1048576 bytes for the InvokeFunction operation"
    with fails(RequestTooLargeException, 413, message):
        function.invoke("f", b"x" * (1024 * 1024 + 1), invocation_type="Event")


# --- the context -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "qualifier", "arn"),
    [
        ("c", None, f"{ARN}:c"),
        (f"{ARN}:c", None, f"{ARN}:c"),
        ("c", "$LATEST", f"{ARN}:c:$LATEST"),
        ("c:1", None, f"{ARN}:c:1"),
        ("c", "PROD", f"{ARN}:c:PROD"),
        (f"{ARN}:c:PROD", None, f"{ARN}:c:PROD"),
    ],
)
def test_invoked_function_arn_is_the_arn_the_caller_used(context_function, name, qualifier, arn):
    payload = context_function.invoke(name, qualifier=qualifier).payload
    assert payload["invoked_function_arn"] == arn


def test_the_context_function_version_is_the_version_that_ran(context_function):
    assert context_function.invoke("c:PROD").payload["function_version"] == "1"


def test_the_context_names_the_function_and_its_memory(context_function):
    payload = context_function.invoke(f"{ARN}:c:PROD").payload
    # A string, as AWS's Python runtime gives it (recording test_invocation_with_qualifier).
    assert (payload["function_name"], payload["memory_limit_in_mb"]) == ("c", "256")


def test_request_ids_look_like_uuids_and_differ_per_invocation(context_function):
    ids = [context_function.invoke("c").payload["aws_request_id"] for _ in range(3)]
    assert all(
        re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", i)
        for i in ids
    )
    assert len(set(ids)) == 3


def test_request_ids_are_the_same_in_two_runs_of_the_same_calls():
    def run() -> list[str]:
        account = Account(seed=3)
        account.create_function("c", context_handler)
        return [account.invoke("c").payload["aws_request_id"] for _ in range(3)]

    assert run() == run()


def test_the_result_carries_the_request_id_the_handler_saw(context_function):
    result = context_function.invoke("c")
    assert result.request_id == result.payload["aws_request_id"]


# --- function errors -------------------------------------------------------------------------


def test_a_handler_that_raises_gives_200_and_an_unhandled_function_error(account):
    account.create_function("bad", failing_handler)
    result = account.invoke("bad")
    assert (result.status_code, result.function_error, result.executed_version) == (
        200,
        "Unhandled",
        "$LATEST",
    )


def test_the_error_payload_names_the_error_and_the_request(account):
    account.create_function("bad", failing_handler)
    result = account.invoke("bad")
    assert result.payload == {
        "errorMessage": "bad thumbnail",
        "errorType": "ValueError",
        "requestId": result.request_id,
        "stackTrace": [],
    }


def test_a_handler_missing_from_its_module_is_an_import_module_error(account):
    account.create_function("f", "x = 1\n", handler="index.handler")
    result = account.invoke("f")
    assert result.function_error == "Unhandled"
    assert result.payload["errorType"] == "Runtime.ImportModuleError"
    assert result.payload["errorMessage"] == "Handler 'handler' missing on module 'index'"


def test_a_module_missing_from_the_zip_is_an_import_module_error(source, account):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", source("v1"))
    account.create_function("f", buffer.getvalue(), handler="app.handler")
    message = "Unable to import module 'app': No module named 'app'"
    assert account.invoke("f").payload["errorMessage"] == message


def test_a_failed_event_invocation_is_tried_three_times(account):
    """AWS retries a failed asynchronous invocation twice, after 1 and 2 minutes (rule list 4),
    on the simulated clock."""
    account.create_function("bad", failing_handler)
    account.invoke("bad", invocation_type="Event")
    assert account.functions["bad"].metrics == {"$LATEST": [1, 1]}
    account.clock.advance(60)
    assert account.functions["bad"].metrics == {"$LATEST": [2, 2]}
    account.clock.advance(120)
    assert account.functions["bad"].metrics == {"$LATEST": [3, 3]}
    assert account.invocation_log[-1].attempts == 3


def test_a_failed_synchronous_invocation_is_not_retried(account):
    account.create_function("bad", failing_handler)
    account.invoke("bad")
    assert account.functions["bad"].metrics == {"$LATEST": [1, 1]}


# --- weighted aliases ------------------------------------------------------------------------


def test_a_weighted_alias_draws_once_per_invocation_from_the_seeded_generator(traffic):
    executed = [traffic.invoke("f:live").executed_version for _ in range(200)]
    reference = random.Random(0)
    expected = ["2" if reference.random() < 0.1 else "1" for _ in range(200)]
    assert executed == expected
    assert traffic.random.getstate() == reference.getstate()


def test_an_alias_without_weights_draws_nothing(release, function):
    release("v1")
    function.create_alias("f", "PROD", "1")
    before = function.random.getstate()
    function.invoke("f:PROD")
    assert function.random.getstate() == before


def test_the_same_seed_gives_the_same_traffic_split(source):
    def run(seed: int) -> list[str]:
        account = Account(seed=seed)
        account.create_function("f", source("v1"), publish=True)
        account.update_function_code("f", source("v2"), publish=True)
        account.create_alias("f", "live", "1", routing_config={"2": 0.5})
        return [account.invoke("f:live").executed_version for _ in range(50)]

    assert run(11) == run(11)
    assert run(11) != run(12)


def test_the_additional_version_gets_about_its_weight(traffic):
    executed = [traffic.invoke("f:live").executed_version for _ in range(20000)]
    assert executed.count("2") / len(executed) == pytest.approx(0.1, abs=0.01)


def test_each_version_runs_its_own_handler_under_a_weighted_alias(traffic):
    results = {
        (r.executed_version, r.payload) for r in (traffic.invoke("f:live") for _ in range(100))
    }
    assert results == {("1", "v1"), ("2", "v2")}


def test_a_weight_of_zero_never_sends_traffic_to_the_additional_version(release, function):
    release("v1"), release("v2")
    function.create_alias("f", "live", "1", routing_config={"2": 0.0})
    assert {function.invoke("f:live").executed_version for _ in range(200)} == {"1"}


# --- counters and the invocation log ---------------------------------------------------------


def test_invocations_are_counted_per_executed_version(traffic):
    for _ in range(100):
        traffic.invoke("f:live")
    traffic.invoke("f")
    metrics = traffic.functions["f"].metrics
    assert metrics["1"][0] + metrics["2"][0] == 100
    assert metrics["$LATEST"] == [1, 0]


def test_errors_are_counted_against_the_version_that_failed(account):
    account.create_function("f", "def handler(e, c):\n    return 1\n", publish=True)
    account.update_function_code("f", failing_handler, publish=True)
    account.invoke("f:1"), account.invoke("f:2"), account.invoke("f:2")
    assert account.functions["f"].metrics == {"1": [1, 0], "2": [2, 2]}


def test_the_invocation_log_records_who_was_called_and_what_ran(release, function):
    release("v1")
    function.create_alias("f", "PROD", "1")
    function.invoke("f:PROD", source="s3")
    record = function.invocation_log[-1]
    assert (record.invoked_arn, record.executed_version, record.ok, record.source) == (
        f"{ARN}:f:PROD",
        "1",
        True,
        "s3",
    )


def test_the_invocation_log_keeps_only_the_most_recent_invocations(source):
    account = Account(invocation_log_size=3)
    account.create_function("f", lambda event, context: event)
    for n in range(5):
        account.invoke("f", {"n": n})
    assert len(account.invocation_log) == 3
    assert account.functions["f"].metrics == {"$LATEST": [5, 0]}


def test_the_invocation_log_is_bounded_by_default(function):
    for _ in range(1000):
        function.invoke("f")
    assert len(function.invocation_log) == function.invocation_log.maxlen == 500


def test_invoking_appends_nothing_to_history(traffic):
    before = list(traffic.history)
    traffic.invoke("f:live")
    assert traffic.history == before


def test_a_refused_invocation_counts_nothing(function):
    with pytest.raises(InvalidParameterValueException):
        function.invoke("f:1", qualifier="2")
    assert function.functions["f"].metrics == {}


def test_a_dry_run_through_a_weighted_alias_draws_nothing_from_the_traffic_generator():
    account = Account(seed=3)
    account.create_function("f", lambda event, context: 1, publish=True)
    account.update_function_code("f", lambda event, context: 2, publish=True)
    account.create_alias("f", "PROD", "1", routing_config={"2": 0.5})
    before = account.random.getstate()
    assert account.invoke("f:PROD", invocation_type="DryRun").status_code == 204
    assert account.random.getstate() == before
