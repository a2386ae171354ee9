"""Event source mappings through boto3: they keep the qualifier given, an alias is resolved
per batch, and they survive the function (rule list section 7)."""

from __future__ import annotations

import pytest
from boto_helpers import ARN, shape_errors

PROD = f"{ARN}:thumbnailer:PROD"


@pytest.fixture
def jobs(account) -> str:
    """An SQS queue in the account (queues are made through the core: no SQS client)."""
    return account.create_queue("jobs")


def test_create_answers_202_creating_and_keeps_the_alias_arn(released, lam, jobs):
    response = lam.create_event_source_mapping(EventSourceArn=jobs, FunctionName=PROD)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert (response["State"], response["FunctionArn"]) == ("Creating", PROD)
    assert shape_errors(lam, "CreateEventSourceMapping", response) == ""


def test_get_shows_the_mapping_enabled(released, lam, jobs):
    uuid = lam.create_event_source_mapping(EventSourceArn=jobs, FunctionName=PROD)["UUID"]
    response = lam.get_event_source_mapping(UUID=uuid)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["State"] == "Enabled"
    assert shape_errors(lam, "GetEventSourceMapping", response) == ""


def test_update_answers_202_and_repoints_the_mapping(released, lam, jobs):
    uuid = lam.create_event_source_mapping(EventSourceArn=jobs, FunctionName=PROD)["UUID"]
    response = lam.update_event_source_mapping(UUID=uuid, FunctionName="thumbnailer:2")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 202
    assert (response["State"], response["FunctionArn"]) == ("Updating", f"{ARN}:thumbnailer:2")
    assert shape_errors(lam, "UpdateEventSourceMapping", response) == ""


def test_delete_answers_202_deleting_and_the_mapping_is_gone(released, lam, jobs):
    uuid = lam.create_event_source_mapping(EventSourceArn=jobs, FunctionName=PROD)["UUID"]
    response = lam.delete_event_source_mapping(UUID=uuid)
    assert (response["ResponseMetadata"]["HTTPStatusCode"], response["State"]) == (
        202,
        "Deleting",
    )
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_event_source_mapping(UUID=uuid)


def test_a_second_mapping_of_the_same_source_and_target_conflicts(released, lam, jobs):
    lam.create_event_source_mapping(EventSourceArn=jobs, FunctionName=PROD)
    with pytest.raises(lam.exceptions.ResourceConflictException):
        lam.create_event_source_mapping(EventSourceArn=jobs, FunctionName=PROD)


def test_list_filters_by_function_and_pages(released, lam, account):
    queues = [account.create_queue(f"q{n}") for n in range(3)]
    for queue in queues:
        lam.create_event_source_mapping(EventSourceArn=queue, FunctionName=PROD)
    response = lam.list_event_source_mappings(FunctionName="thumbnailer")
    assert [m["EventSourceArn"] for m in response["EventSourceMappings"]] == queues
    assert shape_errors(lam, "ListEventSourceMappings", response) == ""
    pages = lam.get_paginator("list_event_source_mappings").paginate(
        PaginationConfig={"PageSize": 2}
    )
    assert [len(page["EventSourceMappings"]) for page in pages] == [2, 1]


def test_a_mapping_survives_deleting_its_function(released, lam, jobs):
    uuid = lam.create_event_source_mapping(EventSourceArn=jobs, FunctionName=PROD)["UUID"]
    lam.delete_function(FunctionName="thumbnailer")
    assert lam.get_event_source_mapping(UUID=uuid)["State"] == "Enabled"


def test_messages_follow_the_alias_when_it_moves(released, lam, jobs, account):
    lam.create_event_source_mapping(EventSourceArn=jobs, FunctionName=PROD)
    first = account.send_messages(jobs, ["a"])
    lam.update_alias(FunctionName="thumbnailer", Name="PROD", FunctionVersion="2")
    second = account.send_messages(jobs, ["b"])
    ran = [d.executed_version for d in (*first.deliveries, *second.deliveries)]
    assert ran == ["1", "2"]


def test_a_mapping_without_an_event_source_is_unrecognized():
    # AWS recording test_event_source_mapping_exceptions create_no_event_source_arn (2025-11-27).
    from botocore.exceptions import ClientError

    from lambda_model.aws import client

    lam = client("lambda")
    try:
        lam.create_event_source_mapping(FunctionName="doesnotexist")
    except ClientError as err:
        assert err.response["Error"] == {
            "Code": "InvalidParameterValueException",
            "Message": "Unrecognized event source.",
        }
    else:
        raise AssertionError("a mapping without an event source was accepted")
