"""S3 events delivered to Lambda: the record, the target resolution, permissions at delivery,
retries and the delivery log (sections 6.2, 6.4, 6.5)."""

from __future__ import annotations

import hashlib

import pytest

from lambda_model import Account, Delivery, ObjectCreated, ObjectRemoved

FN = "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer"
BUCKET = "uploads"
BUCKET_ARN = "arn:aws:s3:::uploads"
S3 = "s3.amazonaws.com"


class Recorder:
    """A handler that remembers every event and answers with the version that ran it."""

    def __init__(self, fail_times: int = 0) -> None:
        self.events: list[tuple[str, dict]] = []
        self.fail_times = fail_times

    def __call__(self, event, context):
        self.events.append((context.function_version, event))
        if len(self.events) <= self.fail_times:
            raise RuntimeError("thumbnail failed")
        return context.function_version


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def account(recorder) -> Account:
    """thumbnailer versions 1 and 2 (same handler), PROD -> 1, bucket ``uploads``."""
    account = Account(seed=11)
    account.create_function("thumbnailer", recorder, publish=True)
    account.update_function_configuration("thumbnailer", description="second")
    account.publish_version("thumbnailer")
    account.create_alias("thumbnailer", "PROD", "1")
    account.create_bucket(BUCKET)
    return account


def grant(account: Account, qualifier: str | None) -> None:
    account.add_permission(
        "thumbnailer",
        f"s3-{qualifier or 'fn'}",
        "lambda:InvokeFunction",
        S3,
        qualifier=qualifier,
        source_arn=BUCKET_ARN,
        source_account="123456789012",
    )


def wire(account: Account, arn: str, events=("s3:ObjectCreated:*",), rules=None, skip=False):
    config = {"Id": "thumbs", "LambdaFunctionArn": arn, "Events": list(events)}
    if rules:
        config["Filter"] = {"Key": {"FilterRules": [{"Name": n, "Value": v} for n, v in rules]}}
    account.put_bucket_notification_configuration(
        BUCKET, {"LambdaFunctionConfigurations": [config]}, skip_destination_validation=skip
    )


@pytest.fixture
def wired(account) -> Account:
    """The bucket notifies ``thumbnailer:PROD`` of every created object, with S3 allowed."""
    grant(account, "PROD")
    wire(account, f"{FN}:PROD")
    return account


# --- the record ----------------------------------------------------------------------------


def test_a_put_delivers_one_record_with_the_s3_event_shape(wired, recorder):
    wired.clock.advance(90.25)
    wired.put_object(BUCKET, "in/red flower.jpg", b"petals")
    ((version, event),) = recorder.events
    assert version == "1"
    (record,) = event["Records"]
    assert set(record) == {
        "eventVersion",
        "eventSource",
        "awsRegion",
        "eventTime",
        "eventName",
        "userIdentity",
        "requestParameters",
        "responseElements",
        "s3",
    }
    assert record["eventVersion"] == "2.1"
    assert record["eventSource"] == "aws:s3"
    assert record["awsRegion"] == "us-east-1"
    assert record["eventTime"] == "2025-01-01T09:01:30.250Z"
    assert record["eventName"] == "ObjectCreated:Put"
    assert record["userIdentity"]["principalId"].startswith("AWS:")
    assert set(record["responseElements"]) == {"x-amz-request-id", "x-amz-id-2"}
    assert record["s3"] == {
        "s3SchemaVersion": "1.0",
        "configurationId": "thumbs",
        "bucket": {
            "name": BUCKET,
            "ownerIdentity": record["s3"]["bucket"]["ownerIdentity"],
            "arn": BUCKET_ARN,
        },
        "object": {
            "key": "in/red+flower.jpg",
            "size": 6,
            "eTag": hashlib.md5(b"petals").hexdigest(),
            "sequencer": record["s3"]["object"]["sequencer"],
        },
    }


def test_the_event_time_is_the_simulated_clock_in_s3_format(wired, recorder):
    wired.put_object(BUCKET, "a.jpg", b"")
    assert recorder.events[0][1]["Records"][0]["eventTime"] == wired.clock.iso()


@pytest.mark.parametrize(
    ("key", "encoded"),
    [
        ("testupload/dir1/testfile.txt", "testupload/dir1/testfile.txt"),
        ("dir/red flower.jpg", "dir/red+flower.jpg"),
        ("me@home/a+b.txt", "me%40home/a%2Bb.txt"),
        ("ünï.txt", "%C3%BCn%C3%AF.txt"),
    ],
)
def test_the_key_is_form_encoded_but_keeps_its_slashes(wired, recorder, key, encoded):
    wired.put_object(BUCKET, key, b"x")
    assert recorder.events[-1][1]["Records"][0]["s3"]["object"]["key"] == encoded


def test_the_etag_has_no_quotes_and_the_size_is_an_integer(wired, recorder):
    wired.put_object(BUCKET, "a.jpg", "héllo")
    obj = recorder.events[0][1]["Records"][0]["s3"]["object"]
    assert obj["eTag"] == hashlib.md5("héllo".encode()).hexdigest()
    assert obj["size"] == 6 and isinstance(obj["size"], int)


def test_sequencers_are_hex_and_grow_with_each_event(wired, recorder):
    for key in ("a.jpg", "b.jpg", "a.jpg"):
        wired.put_object(BUCKET, key, b"x")
    sequencers = [e["Records"][0]["s3"]["object"]["sequencer"] for _, e in recorder.events]
    assert all(int(s, 16) >= 0 for s in sequencers)
    assert sequencers == sorted(sequencers) and len(set(sequencers)) == 3


def test_a_copy_emits_object_created_copy(wired, recorder):
    wired.put_object(BUCKET, "a.jpg", b"x")
    result = wired.copy_object(BUCKET, "b.jpg", f"{BUCKET}/a.jpg")
    assert recorder.events[-1][1]["Records"][0]["eventName"] == "ObjectCreated:Copy"
    assert result.event_name == "ObjectCreated:Copy"
    assert wired.get_object(BUCKET, "b.jpg").body == b"x"


def test_a_delete_emits_object_removed_delete_without_size_or_etag(account, recorder):
    grant(account, "PROD")
    wire(account, f"{FN}:PROD", events=["s3:ObjectRemoved:*"])
    account.put_object(BUCKET, "a.jpg", b"x")
    account.delete_object(BUCKET, "a.jpg")
    (record,) = recorder.events[-1][1]["Records"]
    assert record["eventName"] == "ObjectRemoved:Delete"
    assert set(record["s3"]["object"]) == {"key", "sequencer"}


def test_deleting_a_key_that_is_not_there_still_emits_the_event(account, recorder):
    grant(account, "PROD")
    wire(account, f"{FN}:PROD", events=["s3:ObjectRemoved:Delete"])
    result = account.delete_object(BUCKET, "never-was.jpg")
    assert [d.outcome for d in result.deliveries] == ["ok"]


# --- matching ------------------------------------------------------------------------------


def test_a_configured_event_type_without_a_wildcard_matches_only_itself(account, recorder):
    grant(account, "PROD")
    wire(account, f"{FN}:PROD", events=["s3:ObjectCreated:Copy"])
    account.put_object(BUCKET, "a.jpg", b"x")
    assert recorder.events == []
    account.copy_object(BUCKET, "b.jpg", {"Bucket": BUCKET, "Key": "a.jpg"})
    assert len(recorder.events) == 1


def test_object_created_events_do_not_fire_an_object_removed_configuration(account, recorder):
    grant(account, "PROD")
    wire(account, f"{FN}:PROD", events=["s3:ObjectRemoved:*"])
    account.put_object(BUCKET, "a.jpg", b"x")
    assert recorder.events == []


def test_prefix_and_suffix_filters_match_the_raw_key(account, recorder):
    grant(account, "PROD")
    wire(account, f"{FN}:PROD", rules=[("prefix", "in/my photos/"), ("suffix", ".jpg")])
    account.put_object(BUCKET, "in/my photos/cat.jpg", b"x")
    account.put_object(BUCKET, "in/my photos/cat.png", b"x")
    account.put_object(BUCKET, "out/cat.jpg", b"x")
    assert [e["Records"][0]["s3"]["object"]["key"] for _, e in recorder.events] == [
        "in/my+photos/cat.jpg"
    ]


# --- targets -------------------------------------------------------------------------------


def test_the_alias_is_resolved_when_the_event_is_delivered(wired, recorder):
    wired.put_object(BUCKET, "a.jpg", b"x")
    wired.update_alias("thumbnailer", "PROD", function_version="2")
    result = wired.put_object(BUCKET, "b.jpg", b"x")
    assert [v for v, _ in recorder.events] == ["1", "2"]
    assert result.deliveries[0].executed_version == "2"


def test_a_weighted_alias_routes_each_event_on_its_own_draw(wired, recorder):
    wired.update_alias("thumbnailer", "PROD", routing_config={"2": 0.5})
    for n in range(60):
        wired.put_object(BUCKET, f"{n}.jpg", b"x")
    versions = [v for v, _ in recorder.events]
    assert set(versions) == {"1", "2"}
    assert [e.executed_version for e in wired.delivery_log] == versions


def test_a_version_arn_keeps_delivering_to_that_version_after_the_alias_moves(account, recorder):
    grant(account, "1")
    wire(account, f"{FN}:1")
    account.update_alias("thumbnailer", "PROD", function_version="2")
    account.put_object(BUCKET, "a.jpg", b"x")
    assert [v for v, _ in recorder.events] == ["1"]


def test_the_handler_sees_the_arn_the_bucket_named(wired):
    seen = []
    wired.create_function(
        "spy", lambda event, context: seen.append(context.invoked_function_arn), publish=True
    )
    wired.create_alias("spy", "PROD", "1")
    wired.add_permission(
        "spy", "s3", "lambda:InvokeFunction", S3, qualifier="PROD", source_arn=BUCKET_ARN
    )
    spy = wired.function_arn("spy", "PROD")
    wire(wired, spy)
    wired.put_object(BUCKET, "a.jpg", b"x")
    assert seen == [spy]


# --- permission at delivery ----------------------------------------------------------------


def test_a_delivery_whose_grant_was_removed_is_refused_and_runs_nothing(wired, recorder):
    wired.remove_permission("thumbnailer", "s3-PROD", qualifier="PROD")
    invocations = len(wired.invocation_log)
    result = wired.put_object(BUCKET, "a.jpg", b"x")
    assert recorder.events == []
    assert len(wired.invocation_log) == invocations
    assert wired.functions["thumbnailer"].metrics == {}
    assert result.deliveries == (
        Delivery(f"{FN}:PROD", None, "refused: no permission", 0, "thumbs"),
    )


def test_a_refused_delivery_is_logged_as_refused(wired):
    wired.remove_permission("thumbnailer", "s3-PROD", qualifier="PROD")
    wired.put_object(BUCKET, "a.jpg", b"x")
    entry = wired.delivery_log[-1]
    assert (entry.event_name, entry.key, entry.target_arn) == (
        "ObjectCreated:Put",
        "a.jpg",
        f"{FN}:PROD",
    )
    assert entry.executed_version is None
    assert entry.outcome == "refused: no permission"


def test_the_object_is_stored_even_when_the_delivery_is_refused(wired):
    wired.remove_permission("thumbnailer", "s3-PROD", qualifier="PROD")
    wired.put_object(BUCKET, "a.jpg", b"x")
    assert wired.get_object(BUCKET, "a.jpg").body == b"x"


def test_a_grant_on_the_unqualified_function_does_not_let_s3_invoke_the_alias(account, recorder):
    grant(account, None)
    wire(account, f"{FN}:PROD", skip=True)
    result = account.put_object(BUCKET, "a.jpg", b"x")
    assert recorder.events == []
    assert result.deliveries[0].outcome == "refused: no permission"


def test_a_grant_on_the_alias_does_not_let_s3_invoke_the_version_behind_it(account, recorder):
    grant(account, "PROD")
    wire(account, f"{FN}:1", skip=True)
    result = account.put_object(BUCKET, "a.jpg", b"x")
    assert recorder.events == []
    assert result.deliveries[0].outcome == "refused: no permission"


def test_a_grant_on_the_unqualified_function_lets_s3_invoke_the_unqualified_arn(account, recorder):
    grant(account, None)
    wire(account, FN)
    result = account.put_object(BUCKET, "a.jpg", b"x")
    assert result.deliveries[0].executed_version == "$LATEST"


def test_a_delivery_to_a_deleted_function_runs_nothing(wired, recorder):
    wired.delete_function("thumbnailer")
    result = wired.put_object(BUCKET, "a.jpg", b"x")
    assert recorder.events == []
    assert result.deliveries[0].outcome == "refused: function not found"


# --- retries -------------------------------------------------------------------------------


def test_a_failing_handler_is_retried_twice_on_the_simulated_clock():
    """DG: Asynchronous invocation: retried twice, about 1 minute and then 2 minutes later."""
    recorder = Recorder(fail_times=99)
    account = Account()
    account.create_function("thumbnailer", recorder, publish=True)
    account.create_alias("thumbnailer", "PROD", "1")
    account.create_bucket(BUCKET)
    grant(account, "PROD")
    wire(account, f"{FN}:PROD")
    result = account.put_object(BUCKET, "a.jpg", b"x")
    (delivery,) = result.deliveries
    assert (delivery.outcome, delivery.attempts, delivery.executed_version) == ("error", 1, "1")
    runs = []
    for seconds in (59, 1, 119, 1, 1000):
        account.clock.advance(seconds)
        runs.append(len(recorder.events))
    assert runs == [1, 2, 2, 3, 3]
    assert account.functions["thumbnailer"].metrics["1"] == [3, 3]
    last = account.delivery_log[-1]
    assert (last.outcome, last.attempts, last.executed_version) == ("error", 3, "1")


def test_a_handler_that_recovers_on_the_retry_succeeds():
    recorder = Recorder(fail_times=1)
    account = Account()
    account.create_function("thumbnailer", recorder, publish=True)
    account.create_bucket(BUCKET)
    grant(account, "1")
    wire(account, f"{FN}:1")
    (delivery,) = account.put_object(BUCKET, "a.jpg", b"x").deliveries
    assert (delivery.outcome, delivery.attempts) == ("error", 1)
    account.clock.advance(60)
    assert (account.delivery_log[-1].outcome, account.delivery_log[-1].attempts) == ("ok", 2)
    assert account.invocation_log[-1].attempts == 2


def test_a_delivery_is_an_event_invocation_in_the_invocation_log(wired):
    wired.put_object(BUCKET, "a.jpg", b"x")
    record = wired.invocation_log[-1]
    assert (record.invocation_type, record.invoked_arn, record.source) == (
        "Event",
        f"{FN}:PROD",
        "aws:s3",
    )


def test_a_handler_writing_back_into_its_bucket_is_stopped():
    account = Account()

    def handler(event, context):
        key = event["Records"][0]["s3"]["object"]["key"]
        account.put_object(BUCKET, key + "x", b"again")

    account.create_function("thumbnailer", handler, publish=True)
    account.create_bucket(BUCKET)
    grant(account, "1")
    wire(account, f"{FN}:1")
    account.put_object(BUCKET, "a", b"x")
    outcomes = [e.outcome for e in account.delivery_log]
    assert outcomes.count("stopped: recursive loop") == 1
    assert len(account.buckets[BUCKET].objects) == 17


# --- history -------------------------------------------------------------------------------


def test_a_put_appends_object_created_with_its_deliveries(wired):
    result = wired.put_object(BUCKET, "a.jpg", b"abc")
    event = wired.history[-1]
    assert event == ObjectCreated(
        event.time, BUCKET, "a.jpg", 3, "ObjectCreated:Put", result.deliveries
    )
    assert str(event) == "upload s3://uploads/a.jpg -> thumbnailer:PROD ran version 1: ok"


def test_a_delete_appends_object_removed(wired):
    wired.delete_object(BUCKET, "a.jpg")
    event = wired.history[-1]
    assert event == ObjectRemoved(event.time, BUCKET, "a.jpg", "ObjectRemoved:Delete", ())


def test_the_delivery_log_is_bounded():
    account = Account()
    account.delivery_log = type(account.delivery_log)(maxlen=3)
    account.create_function("thumbnailer", lambda e, c: None, publish=True)
    account.create_bucket(BUCKET)
    grant(account, "1")
    wire(account, f"{FN}:1")
    for n in range(5):
        account.put_object(BUCKET, f"{n}", b"")
    assert [e.key for e in account.delivery_log] == ["2", "3", "4"]
