"""Replays for event sources: S3 bucket notifications to Lambda and SQS event source mappings
to a function, a version or an alias, by name or ARN (recordings: ``recordings/lambda_api.json``
and ``recordings/s3_notifications_lambda.json``)."""

from __future__ import annotations

from lambda_model.aws import ParameterNotSimulated

from .harness import Session, replay

API = "lambda_api"
ESM = "TestLambdaEventSourceMappings::"
S3 = "s3_notifications_lambda"


@replay("s3", S3, "TestS3NotificationsToLambda::test_invalid_lambda_arn")
def invalid_lambda_arn(s: Session) -> None:
    s.s3.create_bucket(Bucket="conformance-bucket")
    config = {"LambdaFunctionConfigurations": [{"Id": "id123", "Events": ["s3:ObjectCreated:*"]}]}
    put = s.s3.put_bucket_notification_configuration
    target = config["LambdaFunctionConfigurations"][0]
    target["LambdaFunctionArn"] = "invalid-queue"
    for key, skip in (("invalid_not_skip", False), ("invalid_skip", True)):
        s.call(
            key,
            put,
            Bucket="conformance-bucket",
            NotificationConfiguration=config,
            SkipDestinationValidation=skip,
        )
    target["LambdaFunctionArn"] = s.arn("my-lambda")
    s.call(
        "lambda-does-not-exist", put, Bucket="conformance-bucket", NotificationConfiguration=config
    )
    s.call(
        None,
        put,
        Bucket="conformance-bucket",
        NotificationConfiguration=config,
        SkipDestinationValidation=True,
    )
    s.call(
        "skip_destination_validation",
        s.s3.get_bucket_notification_configuration,
        Bucket="conformance-bucket",
    )


@replay("esm", API, ESM + "test_function_name_variations")
def function_name_variations(s: Session) -> None:
    name = "lambda_func-esm"
    queue_arn = _queue_arn(s, "esm-queue")
    s.create_fixture(None, name)
    lam = s.lam
    version = lam.publish_version(FunctionName=name)
    alias = lam.create_alias(FunctionName=name, FunctionVersion=version["Version"], Name="myalias")
    latest = lam.get_function(FunctionName=name)["Configuration"]["FunctionArn"]
    for scope, tested in (
        ("name_only", name),
        ("partial_arn_latest", f"{name}:$LATEST"),
        ("partial_arn_version", f"{name}:{version['Version']}"),
        ("partial_arn_alias", f"{name}:{alias['Name']}"),
        ("full_arn_latest", latest),
        ("full_arn_version", version["FunctionArn"]),
        ("full_arn_alias", alias["AliasArn"]),
    ):
        made = s.call(
            f"{scope}_create_esm",
            lam.create_event_source_mapping,
            FunctionName=tested,
            EventSourceArn=queue_arn,
        )
        lam.delete_event_source_mapping(UUID=made["UUID"])


def _queue_arn(s: Session, name: str) -> str:
    s.account.create_queue(name)
    return f"arn:aws:sqs:{s.region}:{s.account_id}:{name}"


@replay("esm", API, ESM + "test_event_source_mapping_exceptions")
def event_source_mapping_exceptions(s: Session) -> None:
    lam = s.lam
    unknown = "c0ffee00-dead-4bad-8bad-000000000042"
    s.call("get_unknown_uuid", lam.get_event_source_mapping, UUID=unknown)
    s.call("delete_unknown_uuid", lam.delete_event_source_mapping, UUID=unknown)
    s.call("update_unknown_uuid", lam.update_event_source_mapping, UUID=unknown, Enabled=False)
    queue = f"arn:aws:sqs:{s.region}:111111111111:somequeue"
    s.call(
        "create_no_event_source_arn", lam.create_event_source_mapping, FunctionName="doesnotexist"
    )
    s.call(
        "create_unknown_params",
        lam.create_event_source_mapping,
        FunctionName="doesnotexist",
        EventSourceArn=queue,
    )
    try:
        s.call(
            "destination_config_failure",
            lam.create_event_source_mapping,
            FunctionName="doesnotexist",
            EventSourceArn=queue,
            DestinationConfig={"OnSuccess": {"Destination": queue + "-other"}},
        )
    except ParameterNotSimulated as err:
        s.keep("destination_config_failure", {"not simulated": str(err)})


ESM_SQS = "esm_sqs"
SQS = "TestSQSEventSourceMapping::"


@replay("esm", ESM_SQS, SQS + "test_duplicate_event_source_mappings")
def duplicate_event_source_mappings(s: Session) -> None:
    queue_arn = _queue_arn(s, "esm-dup-queue")
    s.create_fixture(None, "lambda_func-dup-1")
    create = s.lam.create_event_source_mapping
    s.call("create", create, FunctionName="lambda_func-dup-1", EventSourceArn=queue_arn)
    s.call("error", create, FunctionName="lambda_func-dup-1", EventSourceArn=queue_arn)
    s.create_fixture(None, "lambda_func-dup-2")
    s.call(None, create, FunctionName="lambda_func-dup-2", EventSourceArn=queue_arn)


@replay("esm", ESM_SQS, SQS + "test_event_source_mapping_default_batch_size")
def event_source_mapping_default_batch_size(s: Session) -> None:
    name = "lambda_func-batch"
    first = _queue_arn(s, "queue-batch-1")
    s.create_fixture(None, name)
    made = s.call(
        "create-event-source-mapping",
        s.lam.create_event_source_mapping,
        EventSourceArn=first,
        FunctionName=name,
    )
    s.call(
        "invalid-update-event-source-mapping",
        s.lam.update_event_source_mapping,
        UUID=made["UUID"],
        FunctionName=name,
        BatchSize=11,
    )
    second = _queue_arn(s, "queue-batch-2")
    s.call(
        "invalid-create-event-source-mapping",
        s.lam.create_event_source_mapping,
        EventSourceArn=second,
        FunctionName=name,
        BatchSize=11,
    )
