"""The AWS CLI equivalents of history events: real operations, real options, valid values,
and, replayed against a fresh account, the same end state."""

from __future__ import annotations

import shlex
from collections.abc import Iterator

import pytest
from boto_helpers import ROLE, returning
from botocore import xform_name
from botocore.validate import ParamValidator
from cli_parsing import parse_command

from lambda_model import Account
from lambda_model.aws import cli_command, cli_commands, client
from lambda_model.aws.session import offline_session
from lambda_model.core import events

PACKAGES = [returning(f"v{n}") for n in range(1, 6)]
PROD = "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer:PROD"


def story(account: Account) -> None:
    """Every kind of history event, made through the core."""
    account.create_function(
        "thumbnailer", PACKAGES[0], handler="app.handler", role=ROLE, description="resize"
    )
    account.publish_version("thumbnailer")
    account.update_function_code("thumbnailer", PACKAGES[1])
    account.update_function_configuration(
        "thumbnailer", timeout=30, environment={"SIZE": "64"}, description='it\'s "fast"'
    )
    account.publish_version("thumbnailer", description="second")
    account.update_function_code("thumbnailer", PACKAGES[2])
    account.publish_version("thumbnailer")
    account.create_alias("thumbnailer", "PROD", "1", description="live traffic")
    account.create_alias("thumbnailer", "CANARY", "2", routing_config={"3": 0.25})
    account.update_alias("thumbnailer", "PROD", routing_config={"2": 0.1})
    account.update_alias("thumbnailer", "PROD", function_version="2", routing_config={})
    account.delete_alias("thumbnailer", "CANARY")
    account.delete_function("thumbnailer", "3")
    account.put_function_recursion_config("thumbnailer", "Allow")
    account.add_permission(
        "thumbnailer", "s3", "lambda:InvokeFunction", "s3.amazonaws.com",
        qualifier="PROD", source_arn="arn:aws:s3:::uploads", source_account="123456789012",
    )  # fmt: skip
    account.add_permission("thumbnailer", "tmp", "lambda:InvokeFunction", "events.amazonaws.com")
    account.remove_permission("thumbnailer", "tmp")
    account.create_bucket("uploads")
    account.create_bucket("scratch")
    account.put_bucket_notification_configuration(
        "uploads",
        {
            "LambdaFunctionConfigurations": [
                {
                    "Id": "thumbs",
                    "LambdaFunctionArn": PROD,
                    "Events": ["s3:ObjectCreated:*"],
                    "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"}]}},
                }
            ]
        },
    )
    account.put_object("uploads", "in/my cat's photo.jpg", b"meow")
    account.copy_object("uploads", "out/copy.jpg", "uploads/in/my cat's photo.jpg")
    account.delete_object("uploads", "out/copy.jpg")
    account.delete_bucket("scratch")
    queue = account.create_queue("jobs")
    uuid = account.create_event_source_mapping(queue, "thumbnailer:PROD", batch_size=5).uuid
    account.send_messages(queue, ["first job", 'second "job"'])
    account.update_event_source_mapping(uuid, function_name="thumbnailer:2", enabled=False)
    account.delete_event_source_mapping(uuid)
    account.create_function("scrap", PACKAGES[3], handler="app.handler", role=ROLE)
    account.delete_function("scrap")


@pytest.fixture(scope="module")
def history() -> Account:
    account = Account()
    story(account)
    return account


def local_files() -> Iterator[tuple[str, bytes]]:
    """What the user's local files hold, in the order the commands read them."""
    yield from [("thumbnailer.zip", p) for p in PACKAGES[:3]]


def test_the_story_makes_every_kind_of_history_event(history):
    kinds = {type(e).__name__ for e in history.history}
    # TrafficElided is the placeholder of old traffic in a long history, not a call's event.
    expected = set(events.__all__) - {"Event", "Delivery", "TrafficElided"}
    assert expected - kinds == set()


def test_every_command_names_a_real_operation_with_valid_parameters(history):
    for command in cli_commands(history):
        service, operation, params = parse_command(command, lambda name: b"PK")
        shape = offline_session().get_service_model(service).operation_model(operation)
        report = ParamValidator().validate(params, shape.input_shape).generate_report()
        assert report == "", command


def test_every_command_is_one_shell_line_that_splits_cleanly(history):
    for command in cli_commands(history):
        assert "\n" not in command
        assert shlex.join(shlex.split(command)).startswith("aws ")


def test_replaying_the_commands_rebuilds_the_same_account(history):
    replayed = Account()
    lam, s3 = client("lambda", replayed), client("s3", replayed)
    files = {"thumbnailer.zip": iter(PACKAGES), "scrap.zip": iter(PACKAGES[3:])}
    contents = {"my cat's photo.jpg": b"meow"}
    uuids: dict[str, str] = {}

    def read_file(name: str) -> bytes:
        return next(files[name]) if name in files else contents[name]

    for event in history.history:
        for command in cli_command(event).splitlines():
            for old, new in uuids.items():
                command = command.replace(old, new)
            service, operation, params = parse_command(command, read_file)
            if service == "sqs":
                if operation == "CreateQueue":
                    replayed.create_queue(params["QueueName"])
                elif operation == "SendMessageBatch":
                    bodies = [entry["MessageBody"] for entry in params["Entries"]]
                    replayed.send_messages(params["QueueUrl"], bodies)
                else:
                    replayed.send_message(params["QueueUrl"], params["MessageBody"])
                continue
            made = lam if service == "lambda" else s3
            response = getattr(made, xform_name(operation))(**params)
            if operation == "CreateEventSourceMapping":
                uuids[event.uuid] = response["UUID"]

    assert snapshot(replayed) == snapshot(history)


def snapshot(account: Account) -> dict:
    return {
        "functions": {
            name: (
                [(v.version, v.code_sha256, v.description, v.timeout) for v in f.versions.values()],
                [a.to_dict() | {"RevisionId": ""} for a in f.sorted_aliases()],
                {q: p.json for q, p in f.policies.items()},
            )
            for name, f in account.functions.items()
        },
        "buckets": {
            name: (sorted(b.objects), b.notification.to_dict())
            for name, b in account.buckets.items()
        },
        "mappings": [
            (m.event_source_arn, m.function_arn, m.batch_size)
            for m in account.event_source_mappings.values()
        ],
        "invocations": [(r.invoked_arn, r.executed_version) for r in account.invocation_log],
    }


def test_update_alias_is_written_as_the_aws_documentation_writes_it():
    event = events.AliasUpdated(0.0, "thumbnailer", "PROD", "3", None, "2", None)
    assert cli_command(event) == (
        "aws lambda update-alias --function-name thumbnailer --name PROD --function-version 3"
    )


def test_weights_use_the_clis_shorthand():
    event = events.AliasUpdated(0.0, "thumbnailer", "PROD", "3", {"4": 0.1}, "3", None)
    assert cli_command(event).endswith('--routing-config AdditionalVersionWeights={"4"=0.1}')


def test_clearing_the_weights_sends_an_empty_weight_map():
    event = events.AliasUpdated(0.0, "thumbnailer", "PROD", "4", None, "3", {"4": 0.1})
    assert cli_command(event).endswith("--routing-config '{\"AdditionalVersionWeights\":{}}'")


def test_text_with_quotes_and_spaces_survives_the_shell(history):
    (command,) = [c for c in cli_commands(history) if "update-function-configuration" in c]
    _, _, params = parse_command(command, lambda name: b"")
    assert params["Description"] == 'it\'s "fast"'
    assert params["Environment"] == {"Variables": {"SIZE": "64"}}


def test_a_bucket_outside_us_east_1_names_its_region():
    (command,) = cli_commands(
        type("History", (), {"history": [events.BucketCreated(0.0, "b")], "region": "eu-west-1"})
    )
    assert command.endswith("--create-bucket-configuration LocationConstraint=eu-west-1")


def test_an_event_of_an_unknown_kind_has_no_equivalent():
    with pytest.raises(TypeError, match="no AWS CLI equivalent"):
        cli_command(events.Event(0.0))
