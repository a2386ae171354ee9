"""The release drill of notebook 08: its production, and the recording its animation shows."""

from __future__ import annotations

import pytest

from lambda_model import ObjectCreated
from lambda_model.course import drill_account, drill_recording

pytest.importorskip("ipywidgets")


def broken_release(event, context):
    s3_object = event["Records"][0]["s3"]["object"]
    return f"{s3_object['contentType']} thumbnail of {s3_object['key']}"


def outcomes(account) -> list[str]:
    """Every upload's delivery, in order (``thumbnailer:PROD ran version 2: error``)."""
    return [
        str(delivery)
        for event in account.history
        if isinstance(event, ObjectCreated)
        for delivery in event.deliveries
    ]


def test_the_drill_starts_with_prod_on_version_one_and_the_release_unpublished():
    account = drill_account(broken_release)
    assert account.get_alias("thumbnailer", "PROD").function_version == "1"
    assert [v.version for v in account.list_versions_by_function("thumbnailer")] == [
        "$LATEST",
        "1",
    ]
    assert (
        account.get_function("thumbnailer").code_sha256
        != account.get_function("thumbnailer", qualifier="1").code_sha256
    )


def test_the_recorded_canary_sends_some_uploads_to_the_broken_version_and_the_rollback_none():
    recording = drill_recording(broken_release)
    seen = outcomes(recording.account)
    assert len(seen) == 11
    failed = [n for n, outcome in enumerate(seen[:10]) if outcome.endswith("version 2: error")]
    assert 1 <= len(failed) <= 4
    assert seen[-1] == "thumbnailer:PROD ran version 1: ok"
    assert recording.account.get_alias("thumbnailer", "PROD").routing_config is None


def test_the_recording_leaves_the_bucket_as_it_found_it():
    before = drill_account(broken_release).get_bucket_notification_configuration("uploads")
    after = drill_recording(broken_release).account.get_bucket_notification_configuration("uploads")
    assert after.to_dict() == before.to_dict()


def test_the_recordings_frames_open_on_the_start_and_show_every_failed_upload():
    recording = drill_recording(broken_release)
    history = recording.account.history
    assert recording.steps[0] == len(drill_account(broken_release).history) - 1
    failed = [
        step
        for step, event in enumerate(history)
        if isinstance(event, ObjectCreated) and event.deliveries[0].outcome != "ok"
    ]
    assert set(failed) <= set(recording.steps)
    assert recording.steps[-1] == len(history) - 1
    assert "PROD: 1 (90%) + 2 (10%) -> 1" in recording.story()


def test_clicking_the_drill_in_the_console_gives_the_recorded_outcomes_upload_for_upload():
    from lambda_model.widgets import Console

    account = drill_account(broken_release)
    console = Console(account, "thumbnailer")
    console.publish_button.click()
    console.canary_weight.value = 10
    for _ in range(10):
        console.upload_button.click()
    console.rollback_button.click()
    console.upload_button.click()
    assert outcomes(account) == outcomes(drill_recording(broken_release).account)
    assert account.get_alias("thumbnailer", "PROD").function_version == "1"
