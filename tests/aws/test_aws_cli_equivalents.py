"""The AWS CLI equivalents of history events: replayed through the real AWS CLI (awscli's own
argument parsing, file reading and request building) into a fresh account, they rebuild the
same account."""

from __future__ import annotations

import shlex

import pytest
from boto_helpers import ROLE, returning
from cli_replay import recording_packages, replay, sha256, snapshot

from lambda_model import Account
from lambda_model.aws import cli_command, cli_commands
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
    with recording_packages():
        account = Account()
        story(account)
    return account


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """The commands read ``fileb://thumbnailer.zip`` from the current directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_story_makes_every_kind_of_history_event(history):
    kinds = {type(e).__name__ for e in history.history}
    # TrafficElided is the placeholder of old traffic in a long history, not a call's event.
    expected = set(events.__all__) - {"Event", "Delivery", "TrafficElided"}
    assert expected - kinds == set()


def test_every_command_is_one_shell_line_that_splits_cleanly(history):
    for command in cli_commands(history):
        assert "\n" not in command
        assert shlex.join(shlex.split(command)).startswith("aws ")


def test_the_real_aws_cli_replays_the_commands_into_the_same_account(history, in_tmp):
    replayed = replay(history)
    assert snapshot(replayed, packaged=False) == snapshot(history, packaged=True)


def test_text_with_quotes_and_spaces_survives_the_shell_and_the_cli(history, in_tmp):
    replayed = replay(history)
    second = replayed.functions["thumbnailer"].versions[2]
    assert second.description == "second"
    assert replayed.functions["thumbnailer"].latest.description == 'it\'s "fast"'
    assert dict(second.environment) == {"SIZE": "64"}
    assert sorted(replayed.buckets["uploads"].objects) == ["in/my cat's photo.jpg"]


def test_a_replayed_package_has_the_digest_of_the_package_the_kit_wrote(history, in_tmp):
    replayed = replay(history)
    assert replayed.functions["thumbnailer"].versions[1].code_sha256 == sha256(PACKAGES[0])


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


def test_a_bucket_outside_us_east_1_names_its_region():
    (command,) = cli_commands(
        type("History", (), {"history": [events.BucketCreated(0.0, "b")], "region": "eu-west-1"})
    )
    assert command.endswith("--create-bucket-configuration LocationConstraint=eu-west-1")


def test_an_account_outside_us_east_1_is_replayed_in_its_region(in_tmp):
    with recording_packages():
        account = Account(region="eu-west-1")
        account.create_bucket("photos")
        account.create_function("resizer", "def handler(e, c):\n    return 1\n", publish=True)
    replayed = replay(account)
    assert replayed.region == "eu-west-1"
    assert snapshot(replayed, packaged=False) == snapshot(account, packaged=True)
    assert (
        replayed.functions["resizer"]
        .versions[1]
        .function_arn.startswith("arn:aws:lambda:eu-west-1:")
    )


def test_an_event_of_an_unknown_kind_has_no_equivalent():
    with pytest.raises(TypeError, match="no AWS CLI equivalent"):
        cli_command(events.Event(0.0))
