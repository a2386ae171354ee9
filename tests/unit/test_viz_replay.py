"""Replaying hand-made histories: every event type moves the right pointer."""

import pytest

from lambda_model.core.events import (
    AliasCreated,
    AliasDeleted,
    AliasUpdated,
    BucketCreated,
    BucketDeleted,
    BucketNotificationConfigured,
    Delivery,
    EventSourceMappingCreated,
    EventSourceMappingDeleted,
    EventSourceMappingUpdated,
    FunctionCodeUpdated,
    FunctionCreated,
    FunctionDeleted,
    MessagesSent,
    ObjectCreated,
    ObjectRemoved,
    PermissionAdded,
    PermissionRemoved,
    QueueCreated,
    VersionDeleted,
    VersionPublished,
)
from lambda_model.viz import graph_of, replay

ARN = "arn:aws:lambda:us-east-1:123456789012:function:f"
QUEUE = "arn:aws:sqs:us-east-1:123456789012:jobs"


def created(*versions: str) -> list:
    events = [FunctionCreated(0.0, "f", "python3.12", "index.handler", "role")]
    return events + [VersionPublished(0.0, "f", v) for v in versions]


def notify(bucket: str, *arns: str) -> BucketNotificationConfigured:
    configurations = tuple(
        {"Id": f"c{i}", "LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"]}
        for i, arn in enumerate(arns)
    )
    return BucketNotificationConfigured(0.0, bucket, configurations)


def s3_grant(qualifier: str | None, sid: str = "s3", bucket: str = "photos") -> PermissionAdded:
    return PermissionAdded(
        0.0,
        "f",
        qualifier,
        sid,
        "lambda:InvokeFunction",
        "s3.amazonaws.com",
        source_arn=f"arn:aws:s3:::{bucket}",
    )


def test_a_created_function_has_only_its_latest():
    snapshot = replay(created())
    assert sorted(graph_of(snapshot).nodes) == ["f", "f:$LATEST"]


def test_published_versions_are_kept_by_number_with_their_descriptions():
    events = [*created(), VersionPublished(0.0, "f", "1", "first"), VersionPublished(0.0, "f", "2")]
    assert replay(events).functions["f"].versions == {1: "first", 2: ""}


def test_a_deleted_version_disappears_with_its_policy():
    events = [*created("1", "2"), s3_grant("1"), VersionDeleted(0.0, "f", "1")]
    function = replay(events).functions["f"]
    assert (sorted(function.versions), function.policies) == ([2], {})


def test_an_alias_moving_back_to_a_version_it_pointed_at_is_a_rollback():
    events = [
        *created("1", "2", "3"),
        AliasCreated(0.0, "f", "PROD", "2"),
        AliasUpdated(0.0, "f", "PROD", "3", None, "2", None),
        AliasUpdated(0.0, "f", "PROD", "2", None, "3", None),
    ]
    assert replay(events).caption == "rollback: PROD 3 -> 2"


def test_an_alias_moving_forward_is_captioned_as_the_move():
    events = [
        *created("1", "2"),
        AliasCreated(0.0, "f", "PROD", "1"),
        AliasUpdated(0.0, "f", "PROD", "2", None, "1", None),
    ]
    assert replay(events).caption == "PROD: 1 -> 2"


def test_promoting_a_canary_is_not_a_rollback_though_the_alias_routed_to_it():
    events = [
        *created("1", "2"),
        AliasCreated(0.0, "f", "PROD", "1"),
        AliasUpdated(0.0, "f", "PROD", "1", {"2": 0.1}, "1", None),
        AliasUpdated(0.0, "f", "PROD", "2", None, "1", {"2": 0.1}),
    ]
    assert replay(events).caption == "PROD: 1 (90%) + 2 (10%) -> 2"


def test_a_weighted_alias_splits_its_traffic_between_two_versions():
    events = [*created("1", "2"), AliasCreated(0.0, "f", "PROD", "1", {"2": 0.25})]
    assert replay(events).functions["f"].aliases["PROD"].split == {"1": 0.75, "2": 0.25}


def test_an_alias_keeps_its_lane_when_an_older_alias_is_deleted():
    events = [
        *created("1"),
        AliasCreated(0.0, "f", "A", "1"),
        AliasCreated(0.0, "f", "B", "1"),
        AliasDeleted(0.0, "f", "A"),
    ]
    assert replay(events).functions["f"].aliases["B"].lane == 1


def test_a_new_alias_takes_the_lowest_free_lane():
    events = [
        *created("1"),
        AliasCreated(0.0, "f", "A", "1"),
        AliasCreated(0.0, "f", "B", "1"),
        AliasDeleted(0.0, "f", "A"),
        AliasCreated(0.0, "f", "C", "1"),
    ]
    assert replay(events).functions["f"].aliases["C"].lane == 0


def test_a_deleted_alias_takes_its_policy_with_it():
    events = [*created("1"), AliasCreated(0.0, "f", "PROD", "1"), s3_grant("PROD")]
    events.append(AliasDeleted(0.0, "f", "PROD"))
    assert replay(events).functions["f"].policies == {}


def test_a_code_update_touches_latest():
    events = [*created(), FunctionCodeUpdated(0.0, "f", "abcdefgh")]
    assert replay(events).touched == {"f:$LATEST"}


def test_a_deleted_function_leaves_its_bucket_notifying_a_missing_target():
    events = [
        *created("1"),
        AliasCreated(0.0, "f", "PROD", "1"),
        BucketCreated(0.0, "photos"),
        notify("photos", ARN + ":PROD"),
        FunctionDeleted(0.0, "f"),
    ]
    graph = graph_of(replay(events))
    assert (sorted(graph.nodes), graph.nodes["f:PROD"]["kind"]) == (
        ["f:PROD", "s3://photos"],
        "missing",
    )


def test_a_bucket_notifying_the_unqualified_arn_targets_latest():
    events = [*created(), BucketCreated(0.0, "photos"), notify("photos", ARN)]
    assert list(graph_of(replay(events)).successors("s3://photos")) == ["f:$LATEST"]


def test_a_bucket_edge_is_authorized_by_a_grant_on_that_exact_arn():
    events = [
        *created("1"),
        AliasCreated(0.0, "f", "PROD", "1"),
        BucketCreated(0.0, "photos"),
        s3_grant("PROD"),
        notify("photos", ARN + ":PROD"),
    ]
    assert graph_of(replay(events)).edges["s3://photos", "f:PROD"]["authorized"] is True


def test_a_grant_on_the_version_does_not_authorize_a_bucket_notifying_the_alias():
    events = [
        *created("1"),
        AliasCreated(0.0, "f", "PROD", "1"),
        BucketCreated(0.0, "photos"),
        s3_grant("1"),
        notify("photos", ARN + ":PROD"),
    ]
    assert graph_of(replay(events)).edges["s3://photos", "f:PROD"]["authorized"] is False


def test_a_grant_for_another_bucket_does_not_authorize_this_one():
    events = [
        *created("1"),
        BucketCreated(0.0, "photos"),
        s3_grant(None, bucket="other"),
        notify("photos", ARN),
    ]
    assert graph_of(replay(events)).edges["s3://photos", "f:$LATEST"]["authorized"] is False


def test_removing_the_grant_unauthorizes_the_bucket_edge_and_highlights_it():
    events = [
        *created("1"),
        AliasCreated(0.0, "f", "PROD", "1"),
        BucketCreated(0.0, "photos"),
        s3_grant("PROD"),
        notify("photos", ARN + ":PROD"),
        PermissionRemoved(0.0, "f", "PROD", "s3"),
    ]
    edge = graph_of(replay(events)).edges["s3://photos", "f:PROD"]
    assert (edge["authorized"], edge["changed"]) == (False, True)


def test_a_notification_put_replaces_the_previous_targets():
    events = [
        *created("1", "2"),
        BucketCreated(0.0, "photos"),
        notify("photos", ARN + ":1"),
        notify("photos", ARN + ":2"),
    ]
    assert list(graph_of(replay(events)).successors("s3://photos")) == ["f:2"]


def test_two_configurations_naming_one_target_make_one_edge_with_both_ids():
    events = [*created("1"), BucketCreated(0.0, "photos"), notify("photos", ARN + ":1", ARN + ":1")]
    edge = graph_of(replay(events)).edges["s3://photos", "f:1"]
    assert edge["configuration_ids"] == ["c0", "c1"]


def test_an_upload_marks_the_path_to_the_version_that_ran():
    events = [
        *created("1", "2"),
        AliasCreated(0.0, "f", "PROD", "1", {"2": 0.1}),
        BucketCreated(0.0, "photos"),
        notify("photos", ARN + ":PROD"),
        ObjectCreated(
            0.0,
            "photos",
            "cat.jpg",
            3,
            "ObjectCreated:Put",
            (Delivery(ARN + ":PROD", "2", "ok"),),
        ),
    ]
    snapshot = replay(events)
    assert (snapshot.handled, snapshot.touched) == (
        {"f:2": "ok"},
        {"s3://photos", ("s3://photos", "f:PROD"), "f:PROD", "f:2", ("f:PROD", "f:2")},
    )


def test_a_bucket_counts_its_objects():
    events = [
        BucketCreated(0.0, "photos"),
        ObjectCreated(0.0, "photos", "a", 1, "ObjectCreated:Put"),
        ObjectCreated(0.0, "photos", "b", 1, "ObjectCreated:Put"),
        ObjectRemoved(0.0, "photos", "a", "ObjectRemoved:Delete"),
    ]
    assert graph_of(replay(events)).nodes["s3://photos"]["objects"] == 1


def test_a_deleted_bucket_frees_its_lane_for_the_next_source():
    events = [
        BucketCreated(0.0, "a"),
        BucketCreated(0.0, "b"),
        BucketDeleted(0.0, "a"),
        BucketCreated(0.0, "c"),
    ]
    lanes = {name: bucket.lane for name, bucket in replay(events).buckets.items()}
    assert lanes == {"b": 1, "c": 0}


def test_a_queue_mapping_points_at_its_function_arn_and_can_be_remapped():
    events = [
        *created("1", "2"),
        QueueCreated(0.0, QUEUE),
        EventSourceMappingCreated(0.0, "u-1", QUEUE, ARN + ":1"),
        EventSourceMappingUpdated(0.0, "u-1", ARN + ":2", ARN + ":1", batch_size=5),
    ]
    graph = graph_of(replay(events))
    assert (list(graph.successors("mapping:u-1")), graph.nodes["mapping:u-1"]["batch_size"]) == (
        ["f:2"],
        5,
    )


def test_a_queue_mapping_is_labelled_with_its_queue_name():
    events = [*created(), QueueCreated(0.0, QUEUE), EventSourceMappingCreated(0.0, "u", QUEUE, ARN)]
    assert graph_of(replay(events)).nodes["mapping:u"]["label"] == "jobs"


def test_a_deleted_mapping_disappears():
    events = [
        *created(),
        EventSourceMappingCreated(0.0, "u-1", QUEUE, ARN),
        EventSourceMappingDeleted(0.0, "u-1"),
    ]
    assert "mapping:u-1" not in graph_of(replay(events))


def test_messages_sent_mark_the_mapping_and_the_version_that_ran():
    events = [
        *created("1"),
        AliasCreated(0.0, "f", "PROD", "1"),
        EventSourceMappingCreated(0.0, "u-1", QUEUE, ARN + ":PROD"),
        MessagesSent(0.0, QUEUE, 2, (Delivery(ARN + ":PROD", "1", "error", 3),)),
    ]
    snapshot = replay(events)
    assert (snapshot.handled, "mapping:u-1" in snapshot.touched) == ({"f:1": "error"}, True)


def test_an_arn_of_another_account_is_a_missing_node_named_by_its_arn():
    other = "arn:aws:lambda:us-east-1:210987654321:function:g"
    events = [BucketCreated(0.0, "photos"), notify("photos", other)]
    graph = graph_of(replay(events))
    assert (graph.nodes[other]["kind"], graph.nodes[other]["label"]) == ("missing", "g")


@pytest.mark.parametrize("step", [0, 1, 2])
def test_the_step_counts_the_events_applied_from_zero(step):
    assert replay(created("1", "2")[: step + 1]).step == step


def test_a_refused_upload_marks_the_target_that_refused_it():
    events = [
        *created("1"),
        AliasCreated(0.0, "f", "PROD", "1"),
        BucketCreated(0.0, "photos"),
        notify("photos", ARN + ":PROD"),
        ObjectCreated(
            0.0,
            "photos",
            "cat.jpg",
            3,
            "ObjectCreated:Put",
            (Delivery(ARN + ":PROD", None, "refused: no permission", 0),),
        ),
    ]
    assert replay(events).handled == {"f:PROD": "refused: no permission"}
