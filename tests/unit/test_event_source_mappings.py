"""Queues and event source mappings that follow an alias (lambda-semantics.md section 7)."""

from __future__ import annotations

import json

import pytest

from lambda_model import (
    Account,
    EventSourceMappingCreated,
    EventSourceMappingDeleted,
    EventSourceMappingUpdated,
    InvalidParameterValueException,
    MessagesSent,
    QueueCreated,
    ResourceConflictException,
    ResourceNotFoundException,
    ValidationException,
)

FN = "arn:aws:lambda:us-east-1:123456789012:function:worker"
QUEUE = "arn:aws:sqs:us-east-1:123456789012:jobs"


class Worker:
    """Remembers each batch (version, bodies); fails while ``failing`` is set."""

    def __init__(self) -> None:
        self.batches: list[tuple[str, list[str]]] = []
        self.failing = False

    def __call__(self, event, context):
        self.batches.append((context.function_version, [r["body"] for r in event["Records"]]))
        if self.failing:
            raise RuntimeError("worker down")


@pytest.fixture
def worker() -> Worker:
    return Worker()


@pytest.fixture
def account(worker) -> Account:
    """worker versions 1 and 2, PROD -> 1, queue ``jobs``."""
    account = Account(seed=7)
    account.create_function("worker", worker, publish=True)
    account.update_function_configuration("worker", description="second")
    account.publish_version("worker")
    account.create_alias("worker", "PROD", "1")
    account.create_queue("jobs")
    return account


def state(account: Account):
    return len(account.history), dict(account.event_source_mappings)


# --- queues --------------------------------------------------------------------------------


def test_create_queue_returns_the_queue_arn_and_is_idempotent(account):
    assert account.create_queue("jobs") == QUEUE
    assert sum(isinstance(e, QueueCreated) for e in account.history) == 1


def test_a_queue_is_addressed_by_name_arn_or_url(account):
    url = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"
    for address in ("jobs", QUEUE, url):
        account.send_message(address, "hi")
    assert len(account.queues["jobs"].messages) == 3


def test_messages_wait_in_a_queue_without_a_mapping(account, worker):
    result = account.send_messages("jobs", ["a", "b"])
    assert result.deliveries == ()
    assert [m.body for m in account.queues["jobs"].messages] == ["a", "b"]
    assert worker.batches == []


# --- create --------------------------------------------------------------------------------


def test_the_create_response_says_creating_and_the_mapping_is_then_enabled(account):
    created = account.create_event_source_mapping(QUEUE, "worker:PROD")
    assert created.state == "Creating"
    assert account.get_event_source_mapping(created.uuid).state == "Enabled"


def test_a_disabled_mapping_is_created_disabled(account):
    created = account.create_event_source_mapping(QUEUE, "worker", enabled=False)
    assert account.get_event_source_mapping(created.uuid).state == "Disabled"


@pytest.mark.parametrize(
    ("function_name", "function_arn"),
    [
        ("worker", FN),
        (FN, FN),
        ("123456789012:function:worker", FN),
        ("worker:2", f"{FN}:2"),
        (f"{FN}:PROD", f"{FN}:PROD"),
        ("worker:PROD", f"{FN}:PROD"),
    ],
)
def test_the_function_arn_keeps_the_qualifier_given(account, function_name, function_arn):
    created = account.create_event_source_mapping(QUEUE, function_name)
    assert created.function_arn == function_arn
    assert account.get_event_source_mapping(created.uuid).function_arn == function_arn


def test_the_mapping_has_aws_response_shape(account):
    created = account.create_event_source_mapping(QUEUE, "worker:PROD", batch_size=5)
    body = account.get_event_source_mapping(created.uuid).to_dict()
    assert body["UUID"] == created.uuid
    assert body["EventSourceArn"] == QUEUE
    assert body["FunctionArn"] == f"{FN}:PROD"
    assert body["BatchSize"] == 5
    assert body["State"] == "Enabled"
    assert body["EventSourceMappingArn"] == (
        f"arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{created.uuid}"
    )


def test_mapping_uuids_come_from_the_seed(worker):
    uuids = []
    for _ in range(2):
        account = Account(seed=42)
        account.create_function("worker", worker, publish=True)
        account.create_queue("jobs")
        uuids.append(account.create_event_source_mapping(QUEUE, "worker").uuid)
    assert uuids[0] == uuids[1]


def test_creating_appends_one_history_event(account):
    created = account.create_event_source_mapping(QUEUE, "worker:PROD", batch_size=3)
    assert account.history[-1] == EventSourceMappingCreated(
        account.history[-1].time, created.uuid, QUEUE, f"{FN}:PROD", 3, True
    )


def test_a_duplicate_mapping_is_a_conflict(account):
    first = account.create_event_source_mapping(QUEUE, "worker:PROD")
    before = state(account)
    with pytest.raises(ResourceConflictException) as caught:
        account.create_event_source_mapping(QUEUE, "worker:PROD")
    assert (caught.value.code, caught.value.status) == ("ResourceConflictException", 409)
    # AWS recording test_duplicate_event_source_mappings error (2025-11-25).
    assert caught.value.message == (
        f'An event source mapping with SQS arn (" {QUEUE} ") and function (" worker:PROD ") '
        f"already exists. Please update or delete the existing mapping with UUID {first.uuid}"
    )
    assert state(account) == before


def test_mappings_of_one_queue_to_different_qualifiers_may_coexist(account):
    account.create_event_source_mapping(QUEUE, "worker:PROD")
    account.create_event_source_mapping(QUEUE, "worker:2")
    assert len(account.event_source_mappings) == 2


def test_a_mapping_to_a_missing_function_is_refused_as_aws_words_it(account):
    # AWS recording test_event_source_mapping_exceptions create_unknown_params (2025-11-27).
    before = state(account)
    with pytest.raises(InvalidParameterValueException) as caught:
        account.create_event_source_mapping(QUEUE, "ghost")
    assert (caught.value.code, caught.value.status) == ("InvalidParameterValueException", 400)
    assert caught.value.message == "Function does not exist"
    assert state(account) == before


def test_a_mapping_to_a_missing_alias_is_not_found(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.create_event_source_mapping(QUEUE, "worker:BETA")
    assert caught.value.message == f"Function not found: {FN}:BETA"


def test_a_mapping_to_a_missing_version_is_not_found(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.create_event_source_mapping(QUEUE, "worker:9")
    assert caught.value.message == f"Function not found: {FN}:9"


def test_a_mapping_from_a_missing_queue_is_invalid(account):
    before = state(account)
    with pytest.raises(InvalidParameterValueException) as caught:
        account.create_event_source_mapping("arn:aws:sqs:us-east-1:123456789012:nope", "worker")
    assert caught.value.message == (
        "Error occurred while ReceiveMessage. SQS Error Code: "
        "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does "
        "not exist for this wsdl version."
    )
    assert state(account) == before


def test_a_batch_size_of_zero_fails_validation(account):
    with pytest.raises(ValidationException) as caught:
        account.create_event_source_mapping(QUEUE, "worker", batch_size=0)
    assert caught.value.message == (
        "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1"
    )


def test_a_batch_size_over_ten_needs_a_batching_window(account):
    with pytest.raises(InvalidParameterValueException) as caught:
        account.create_event_source_mapping(QUEUE, "worker", batch_size=11)
    assert caught.value.message == (
        "Maximum batch window in seconds must be greater than 0 if maximum batch size is "
        "greater than 10"
    )


# --- delivery ------------------------------------------------------------------------------


def test_messages_are_delivered_at_once_in_batches(account, worker):
    account.create_event_source_mapping(QUEUE, "worker:PROD", batch_size=2)
    result = account.send_messages("jobs", ["a", "b", "c"])
    assert worker.batches == [("1", ["a", "b"]), ("1", ["c"])]
    assert [d.outcome for d in result.deliveries] == ["ok", "ok"]
    assert not account.queues["jobs"].messages


def test_a_batch_carries_sqs_records(account, worker):
    seen = []
    account.create_function("spy", lambda event, context: seen.append(event), publish=True)
    account.create_event_source_mapping(QUEUE, "spy")
    account.send_message("jobs", json.dumps({"job": 1}))
    (record,) = seen[0]["Records"]
    assert record["eventSource"] == "aws:sqs"
    assert record["eventSourceARN"] == QUEUE
    assert record["awsRegion"] == "us-east-1"
    assert json.loads(record["body"]) == {"job": 1}
    assert record["attributes"]["ApproximateReceiveCount"] == "1"


def test_a_mapping_on_the_alias_follows_the_alias_at_once(account, worker):
    account.create_event_source_mapping(QUEUE, "worker:PROD")
    account.send_message("jobs", "before")
    account.update_alias("worker", "PROD", function_version="2")
    account.send_message("jobs", "after")
    assert worker.batches == [("1", ["before"]), ("2", ["after"])]


def test_a_mapping_on_a_version_arn_stays_on_that_version(account, worker):
    account.create_event_source_mapping(QUEUE, "worker:1")
    account.update_alias("worker", "PROD", function_version="2")
    account.send_message("jobs", "job")
    assert worker.batches == [("1", ["job"])]


def test_a_weighted_alias_routes_each_batch_on_its_own_draw(account, worker):
    account.create_event_source_mapping(QUEUE, "worker:PROD", batch_size=1)
    account.update_alias("worker", "PROD", routing_config={"2": 0.5})
    account.send_messages("jobs", [str(n) for n in range(40)])
    assert {version for version, _ in worker.batches} == {"1", "2"}


def test_no_resource_policy_is_needed_for_a_mapping(account, worker):
    assert account.functions["worker"].policies == {}
    account.create_event_source_mapping(QUEUE, "worker:PROD")
    account.send_message("jobs", "job")
    assert worker.batches == [("1", ["job"])]


def test_a_new_mapping_picks_up_the_messages_already_waiting(account, worker):
    account.send_messages("jobs", ["a", "b"])
    account.create_event_source_mapping(QUEUE, "worker:PROD")
    assert worker.batches == [("1", ["a", "b"])]


def test_a_failed_batch_goes_back_to_the_queue_and_is_received_again(account, worker):
    account.create_event_source_mapping(QUEUE, "worker:PROD")
    worker.failing = True
    result = account.send_message("jobs", "job")
    assert [d.outcome for d in result.deliveries] == ["error"]
    assert [m.body for m in account.queues["jobs"].messages] == ["job"]
    worker.failing = False
    account.send_message("jobs", "next")
    assert worker.batches[-1] == ("1", ["job", "next"])
    assert not account.queues["jobs"].messages


def test_sending_appends_messages_sent_with_its_deliveries(account):
    account.create_event_source_mapping(QUEUE, "worker:PROD")
    result = account.send_messages("jobs", ["a", "b"])
    assert account.history[-1] == MessagesSent(
        account.history[-1].time, QUEUE, 2, result.deliveries, ("a", "b")
    )


def test_each_batch_is_logged_with_the_version_that_ran(account):
    mapping = account.create_event_source_mapping(QUEUE, "worker:PROD", batch_size=1)
    account.send_messages("jobs", ["a", "b"])
    entries = list(account.delivery_log)
    assert [(e.event_source, e.target_arn, e.executed_version, e.outcome) for e in entries] == [
        ("aws:sqs", f"{FN}:PROD", "1", "ok"),
        ("aws:sqs", f"{FN}:PROD", "1", "ok"),
    ]
    assert entries[0].configuration_id == mapping.uuid


# --- get, list, update, delete --------------------------------------------------------------


def test_getting_a_missing_mapping_is_not_found(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.get_event_source_mapping("00000000-0000-0000-0000-000000000000")
    assert (caught.value.code, caught.value.status) == ("ResourceNotFoundException", 404)
    assert caught.value.message == "The resource you requested does not exist."


def test_listing_filters_by_event_source(account):
    account.create_queue("other")
    mine = account.create_event_source_mapping(QUEUE, "worker")
    account.create_event_source_mapping("arn:aws:sqs:us-east-1:123456789012:other", "worker")
    listed = account.list_event_source_mappings(event_source_arn=QUEUE)
    assert [m.uuid for m in listed] == [mine.uuid]


def test_listing_by_function_name_includes_every_qualifier_of_the_function(account):
    created = [
        account.create_event_source_mapping(QUEUE, name).uuid
        for name in ("worker", "worker:PROD", "worker:2")
    ]
    assert [m.uuid for m in account.list_event_source_mappings(function_name="worker")] == created
    assert [m.uuid for m in account.list_event_source_mappings(function_name=FN)] == created


def test_listing_by_a_qualified_name_lists_exactly_that_arn(account):
    account.create_event_source_mapping(QUEUE, "worker")
    prod = account.create_event_source_mapping(QUEUE, "worker:PROD")
    listed = account.list_event_source_mappings(function_name=f"{FN}:PROD")
    assert [m.uuid for m in listed] == [prod.uuid]


def test_listing_pages_by_one_hundred(account):
    for n in range(101):
        account.create_queue(f"q{n}")
        account.create_event_source_mapping(f"arn:aws:sqs:us-east-1:123456789012:q{n}", "worker")
    first = account.list_event_source_mappings()
    assert len(first) == 100 and first.next_marker is not None
    second = account.list_event_source_mappings(marker=first.next_marker)
    assert len(second) == 1 and second.next_marker is None


def test_updating_the_function_moves_a_pinned_mapping(account, worker):
    mapping = account.create_event_source_mapping(QUEUE, "worker:1")
    updated = account.update_event_source_mapping(mapping.uuid, function_name="worker:2")
    assert updated.state == "Updating"
    assert updated.function_arn == f"{FN}:2"
    account.send_message("jobs", "job")
    assert worker.batches == [("2", ["job"])]
    assert account.history[-2] == EventSourceMappingUpdated(
        account.history[-2].time, mapping.uuid, f"{FN}:2", f"{FN}:1", 10, True
    )


def test_disabling_a_mapping_keeps_messages_until_it_is_enabled_again(account, worker):
    mapping = account.create_event_source_mapping(QUEUE, "worker:PROD")
    account.update_event_source_mapping(mapping.uuid, enabled=False)
    account.send_message("jobs", "job")
    assert worker.batches == []
    account.update_event_source_mapping(mapping.uuid, enabled=True)
    assert worker.batches == [("1", ["job"])]


def test_updating_to_a_missing_function_changes_nothing(account):
    mapping = account.create_event_source_mapping(QUEUE, "worker:1")
    before = state(account)
    with pytest.raises(ResourceNotFoundException):
        account.update_event_source_mapping(mapping.uuid, function_name="worker:BETA")
    assert state(account) == before


def test_updating_a_missing_mapping_is_not_found(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.update_event_source_mapping("nope", batch_size=5)
    assert caught.value.message == "The resource you requested does not exist."


def test_deleting_a_mapping_answers_deleting_and_forgets_it(account):
    mapping = account.create_event_source_mapping(QUEUE, "worker")
    deleted = account.delete_event_source_mapping(mapping.uuid)
    assert deleted.state == "Deleting"
    assert account.history[-1] == EventSourceMappingDeleted(account.history[-1].time, mapping.uuid)
    with pytest.raises(ResourceNotFoundException):
        account.get_event_source_mapping(mapping.uuid)


def test_deleting_a_missing_mapping_is_not_found(account):
    with pytest.raises(ResourceNotFoundException) as caught:
        account.delete_event_source_mapping("nope")
    assert caught.value.message == "The resource you requested does not exist."


# --- deleting the function -----------------------------------------------------------------


def test_a_mapping_survives_deleting_its_function(account):
    mapping = account.create_event_source_mapping(QUEUE, "worker:PROD")
    account.delete_function("worker")
    assert account.get_event_source_mapping(mapping.uuid).state == "Enabled"


def test_messages_for_a_deleted_function_wait_in_the_queue(account, worker):
    account.create_event_source_mapping(QUEUE, "worker")
    account.delete_function("worker")
    result = account.send_message("jobs", "job")
    assert [d.outcome for d in result.deliveries] == ["refused: function not found"]
    assert [m.body for m in account.queues["jobs"].messages] == ["job"]
    account.create_function("worker", worker)
    account.send_message("jobs", "next")
    assert worker.batches == [("$LATEST", ["job", "next"])]
