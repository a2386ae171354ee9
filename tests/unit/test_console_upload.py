"""The console's "Upload object": which version handled the S3 event, and when none did."""

from __future__ import annotations

import html
import re

import pytest

from lambda_model import Account
from lambda_model.widgets import Console


def text(markup: str) -> str:
    """The text an HTML widget displays (tags dropped, entities decoded, spaces folded)."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def wire(account: Account, bucket: str, qualifier: str, *, grant: bool = True) -> None:
    """Bucket ``bucket`` notifies ``thumbnailer:<qualifier>`` of every created object."""
    account.create_bucket(bucket)
    if grant:
        account.add_permission(
            "thumbnailer",
            f"s3-{bucket}",
            "lambda:InvokeFunction",
            "s3.amazonaws.com",
            qualifier=qualifier,
            source_arn=f"arn:aws:s3:::{bucket}",
        )
    account.put_bucket_notification_configuration(
        bucket,
        {
            "LambdaFunctionConfigurations": [
                {
                    "LambdaFunctionArn": account.function_arn("thumbnailer", qualifier),
                    "Events": ["s3:ObjectCreated:*"],
                }
            ]
        },
        skip_destination_validation=not grant,
    )


@pytest.fixture
def account() -> Account:
    """``thumbnailer`` versions 1 and 2, PROD -> 1, bucket ``photos`` notifying PROD."""
    account = Account(seed=5)
    account.create_function("thumbnailer", lambda event, context: "ok", publish=True)
    account.update_function_configuration("thumbnailer", description="second")
    account.publish_version("thumbnailer")
    account.create_alias("thumbnailer", "PROD", "1")
    wire(account, "photos", "PROD")
    return account


@pytest.fixture
def console(account: Account) -> Console:
    return Console(account, "thumbnailer")


def test_upload_shows_which_version_handled_the_s3_event(console, account):
    console.key_box.value = "cat.jpg"
    console.upload_button.click()
    assert "cat.jpg" in account.buckets["photos"].objects
    assert text(console.message.value) == (
        "uploaded s3://photos/cat.jpg: thumbnailer:PROD ran version 1: ok"
    )


def test_after_a_promotion_the_new_version_handles_the_upload(console):
    console.promote_button.click()
    console.upload_button.click()
    assert text(console.message.value).endswith("thumbnailer:PROD ran version 2: ok")


def test_the_log_shows_the_upload_once_with_the_version_that_ran(console):
    console.key_box.value = "dog.jpg"
    console.upload_button.click()
    rows = text(console.log_view.value)
    assert "S3 upload s3://photos/dog.jpg -> thumbnailer:PROD 1 ok" in rows
    assert "invoke" not in rows, "the delivery's invocation is not listed a second time"


def test_an_upload_refused_for_a_missing_permission_is_shown_as_trouble(account):
    wire(account, "scans", "2", grant=False)
    console = Console(account, "thumbnailer")
    console.bucket_picker.value = "scans"
    console.upload_button.click()
    assert text(console.message.value) == (
        "uploaded s3://scans/cat.jpg: thumbnailer:2: refused: no permission"
    )
    assert "#b00020" in console.message.value
    assert account.functions["thumbnailer"].metrics.get("2") is None, "nothing ran"
    assert "refused: no permission" in text(console.log_view.value)


def test_the_bucket_picker_prefers_a_bucket_that_notifies_the_function(account):
    account.create_bucket("archive")
    console = Console(account, "thumbnailer")
    assert console.bucket_picker.options == ("archive", "photos")
    assert console.bucket_picker.value == "photos"


def test_a_bucket_created_later_is_offered_after_a_refresh(console, account):
    account.create_bucket("zebra")
    console.refresh()
    assert console.bucket_picker.options == ("photos", "zebra")
    assert console.bucket_picker.value == "photos"


def test_upload_without_a_bucket_says_so_and_changes_nothing():
    account = Account()
    account.create_function("thumbnailer", lambda event, context: "ok", publish=True)
    console = Console(account, "thumbnailer")
    events = len(account.history)
    console.upload_button.click()
    assert len(account.history) == events
    assert text(console.message.value) == "Upload refused: this account has no S3 bucket"


def test_upload_with_an_empty_key_asks_for_one(console, account):
    events = len(account.history)
    console.key_box.value = "  "
    console.upload_button.click()
    assert len(account.history) == events
    assert text(console.message.value) == "Upload refused: type an object key first"


def test_an_upload_that_matches_no_notification_says_so(console, account):
    account.create_bucket("quiet")
    console.refresh()
    console.bucket_picker.value = "quiet"
    console.upload_button.click()
    assert text(console.message.value) == "uploaded s3://quiet/cat.jpg: no notification matched"
