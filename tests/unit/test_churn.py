"""The churn scenario: every figure comes from the simulation, so it moves with K."""

from __future__ import annotations

import pytest

from lambda_model import run_churn
from lambda_model.core.events import BucketNotificationConfigured


@pytest.fixture(scope="module")
def report():
    return run_churn(releases=5)


@pytest.mark.parametrize("releases", [1, 2, 5, 8])
def test_a_bucket_pinned_to_a_version_is_edited_once_per_release_and_once_for_the_rollback(
    releases,
):
    assert run_churn(releases=releases).pinned.notification_changes == releases + 1


@pytest.mark.parametrize("releases", [1, 5])
def test_a_bucket_wired_to_the_alias_is_never_edited(releases):
    assert run_churn(releases=releases).alias.notification_changes == 0


def test_the_pinned_bucket_needs_a_new_grant_for_every_release(report):
    assert report.pinned.permission_changes == 5
    assert report.alias.permission_changes == 0


def test_both_wirings_move_the_alias_once_per_release_and_once_for_the_rollback(report):
    assert report.pinned.alias_moves == report.alias.alias_moves == 6


def test_every_event_through_the_alias_reaches_the_intended_version(report):
    assert report.alias.stale == ()
    assert report.alias.on_intended == len(report.alias.uploads)


def test_the_pinned_bucket_sends_each_window_to_the_previous_version(report):
    stale = report.pinned.stale
    assert [u.key for u in stale] == [
        "r1-window-1.jpg",
        "r2-window-1.jpg",
        "r3-window-1.jpg",
        "r4-window-1.jpg",
        "r5-window-1.jpg",
        "rollback-window-1.jpg",
    ]
    assert [(u.intended_version, u.executed_version) for u in stale] == [
        ("2", "1"),
        ("3", "2"),
        ("4", "3"),
        ("5", "4"),
        ("6", "5"),
        ("5", "6"),
    ]


def test_stale_events_grow_with_the_uploads_in_each_window():
    assert len(run_churn(releases=3, uploads_per_step=3).pinned.stale) == 3 * 4


def test_uploads_between_publishing_and_promoting_are_meant_for_the_live_version(report):
    published = [u for u in report.alias.uploads if u.phase == "published, not yet promoted"]
    assert [(u.intended_version, u.executed_version) for u in published] == [
        ("1", "1"),
        ("2", "2"),
        ("3", "3"),
        ("4", "4"),
        ("5", "5"),
    ]


def test_the_stale_versions_are_the_versions_that_really_ran(report):
    log = {entry.key: entry.executed_version for entry in report.pinned.account.delivery_log}
    assert all(log[u.key] == u.executed_version for u in report.pinned.uploads)


def test_the_rollback_touches_the_alias_and_the_pinned_bucket(report):
    assert report.pinned.rollback_touched == (
        "PROD: 6 -> 5",
        "bucket uploads-pinned notifies [thumbnailer:5]",
    )
    assert report.alias.rollback_touched == ("PROD: 6 -> 5",)


def test_the_notification_changes_are_the_bucket_events_in_the_history(report):
    history = report.pinned.account.history
    puts = [e for e in history if isinstance(e, BucketNotificationConfigured)]
    assert len(puts) == 1 + report.pinned.notification_changes


def test_the_pinned_bucket_ends_on_the_rollback_version_and_the_alias_bucket_never_moved(report):
    assert report.pinned.target_arns[-1].endswith(":thumbnailer:5")
    assert [a.rsplit(":", 1)[-1] for a in report.alias.target_arns] == ["PROD"]


def test_the_table_shows_the_figures_of_the_run(report):
    table = report.table()
    assert table == str(report)
    assert (
        "bucket notification changes                           6                         0" in table
    )
    assert (
        "went to a stale version                             6                         0" in table
    )
    assert "rollback-window-1.jpg  intended 5, ran 6" in table


def test_the_same_arguments_give_the_same_report():
    assert run_churn(releases=3).table() == run_churn(releases=3).table()


def test_the_scenario_needs_at_least_one_release():
    with pytest.raises(ValueError, match="at least one release"):
        run_churn(releases=0)
