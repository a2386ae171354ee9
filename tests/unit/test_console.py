"""The console, headless: click its buttons, move its sliders, read what it displays."""

from __future__ import annotations

import html
import re

import pytest

from lambda_model import Account, ResourceNotFoundException
from lambda_model.widgets import Console


def text(markup: str) -> str:
    """The text an HTML widget displays (tags dropped, entities decoded, spaces folded)."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


@pytest.fixture
def account() -> Account:
    """Function ``thumbnailer`` with versions 1 and 2, alias PROD -> 1."""
    account = Account(seed=3)
    account.create_function("thumbnailer", lambda event, context: "ok", publish=True)
    account.update_function_configuration("thumbnailer", description="second")
    account.publish_version("thumbnailer")
    account.create_alias("thumbnailer", "PROD", "1")
    return account


@pytest.fixture
def console(account: Account) -> Console:
    return Console(account, "thumbnailer")


# --- what it shows at first --------------------------------------------------------------


def test_the_console_shows_where_each_alias_points(console):
    assert "PROD -> 1" in text(console.status.value)


def test_the_version_picker_offers_the_published_versions_newest_first(console):
    assert console.version_picker.options == ("2", "1", "$LATEST")
    assert console.version_picker.value == "2"


def test_the_alias_picker_starts_on_prod(console):
    assert console.alias_picker.value == "PROD"


def test_a_console_for_a_missing_function_is_refused_by_the_service(account):
    with pytest.raises(ResourceNotFoundException):
        Console(account, "nope")


def test_the_console_repr_names_the_function_its_aliases_and_the_step(console):
    assert repr(console) == "Console(thumbnailer: PROD -> 1; 2 versions; step 5 of 5)"


# --- publish -----------------------------------------------------------------------------


def test_publish_makes_a_new_version_and_selects_it(console, account):
    console.publish_button.click()
    assert sorted(account.functions["thumbnailer"].versions) == [1, 2, 3]
    assert console.version_picker.value == "3"
    assert text(console.message.value) == "published version 3 (release 3)"


def test_each_publish_makes_a_version_that_differs_from_the_previous(console, account):
    console.publish_button.click()
    console.publish_button.click()
    versions = account.functions["thumbnailer"].versions
    assert versions[3].description != versions[4].description


# --- promote and roll back -----------------------------------------------------------------


def test_promote_points_the_alias_at_the_picked_version(console, account):
    console.version_picker.value = "2"
    console.promote_button.click()
    assert account.get_alias("thumbnailer", "PROD").function_version == "2"
    assert "PROD -> 2" in text(console.status.value)
    assert text(console.message.value) == "PROD now points to 2"


def test_promote_to_an_alias_typed_in_the_picker_creates_it(console, account):
    console.alias_picker.value = "BETA"
    console.promote_button.click()
    assert account.get_alias("thumbnailer", "BETA").function_version == "2"
    assert "BETA" in console.alias_picker.options


def test_roll_back_returns_the_alias_to_its_previous_target(console, account):
    console.promote_button.click()
    console.rollback_button.click()
    assert account.get_alias("thumbnailer", "PROD").function_version == "1"
    assert "PROD -> 1" in text(console.status.value)
    assert text(console.message.value) == "rolled PROD back: 2 -> 1"


def test_roll_back_of_an_alias_that_never_moved_shows_why_and_changes_nothing(console, account):
    events = len(account.history)
    console.rollback_button.click()
    assert len(account.history) == events
    assert (
        text(console.message.value) == "Roll back refused: PROD has not moved since it was created"
    )


def test_promote_with_an_invalid_alias_name_shows_the_validation_error(console, account):
    events = len(account.history)
    console.alias_picker.value = "bad name!"
    console.promote_button.click()
    assert len(account.history) == events
    message = text(console.message.value)
    assert message.startswith("Promote refused: ValidationException: 1 validation error detected")
    assert "Traceback" not in console.message.value


def test_promote_with_no_alias_name_asks_for_one(console, account):
    console.alias_picker.value = ""
    console.promote_button.click()
    assert text(console.message.value) == "Promote refused: type or pick an alias name first"


# --- canary ------------------------------------------------------------------------------


def test_the_canary_slider_sends_a_share_of_traffic_to_the_additional_version(console, account):
    console.canary_version.value = "2"
    console.canary_weight.value = 10
    assert account.get_alias("thumbnailer", "PROD").weights == {"1": 0.9, "2": 0.1}
    assert "PROD -> 1 (90%) + 2 (10%)" in text(console.status.value)


def test_the_canary_slider_at_zero_clears_the_routing(console, account):
    console.canary_version.value = "2"
    console.canary_weight.value = 10
    console.canary_weight.value = 0
    assert account.get_alias("thumbnailer", "PROD").routing_config is None


def test_a_canary_on_the_primary_version_is_refused_and_the_slider_springs_back(console, account):
    events = len(account.history)
    console.canary_version.value = "1"
    console.canary_weight.value = 30
    assert len(account.history) == events
    assert console.canary_weight.value == 0
    assert text(console.message.value) == (
        "Canary refused: InvalidParameterValueException: Invalid function version 1. "
        "Function version 1 is already included in routing configuration."
    )


def test_a_canary_on_an_alias_to_latest_is_refused_by_the_routing_rules(console, account):
    console.alias_picker.value = "DEV"
    console.version_picker.value = "$LATEST"
    console.promote_button.click()
    console.canary_version.value = "2"
    console.canary_weight.value = 20
    assert account.get_alias("thumbnailer", "DEV").routing_config is None
    assert "$LATEST is not supported for an alias pointing to more than 1 version" in text(
        console.message.value
    )


def test_picking_an_alias_shows_its_canary_weight(console, account):
    account.create_alias("thumbnailer", "BETA", "1", routing_config={"2": 0.4})
    console.refresh()
    console.alias_picker.value = "BETA"
    assert (console.canary_version.value, console.canary_weight.value) == ("2", 40)
    console.alias_picker.value = "PROD"
    assert console.canary_weight.value == 0


def test_promote_clears_the_canary_and_the_slider_follows(console, account):
    console.canary_version.value = "2"
    console.canary_weight.value = 10
    console.promote_button.click()
    assert console.canary_weight.value == 0
    assert account.get_alias("thumbnailer", "PROD").routing_config is None


# --- invoke and the log ------------------------------------------------------------------


def test_invoke_reports_which_versions_answered(console, account):
    console.canary_version.value = "2"
    console.canary_weight.value = 50
    console.invoke_button.click()
    ran = [r.executed_version for r in account.invocation_log]
    expected = ", ".join(f"version {v} ×{ran.count(v)}" for v in sorted(set(ran)))
    assert text(console.message.value) == f"10 requests to PROD: {expected}"


def test_the_log_starts_empty(console):
    assert text(console.log_view.value) == "No activity yet."


def test_the_log_shows_a_row_for_each_promotion_and_rollback(console):
    console.promote_button.click()
    console.rollback_button.click()
    rows = text(console.log_view.value)
    assert "6 change PROD: 1 -> 2" in rows
    assert "7 change PROD: 2 -> 1" in rows
    assert rows.index("PROD: 2 -> 1") < rows.index("PROD: 1 -> 2"), "newest first"


def test_the_log_folds_identical_invocations_into_one_row_with_a_count(console):
    console.invoke_button.click()
    assert "invoke thumbnailer:PROD (console) ×10 1 ok" in text(console.log_view.value)


def test_the_log_keeps_only_the_most_recent_rows(account):
    console = Console(account, "thumbnailer", log_size=3)
    for version in ("2", "1", "2", "1"):
        console.version_picker.value = version
        console.promote_button.click()
    assert len(console.activity.rows) == 3
    assert text(console.log_view.value).count("change") == 3


def test_changes_made_outside_the_console_appear_on_the_next_refresh(console, account):
    account.update_alias("thumbnailer", "PROD", function_version="2")
    console.refresh()
    assert "PROD -> 2" in text(console.status.value)
    assert "PROD: 1 -> 2" in text(console.log_view.value)


# --- history -----------------------------------------------------------------------------


def test_the_history_slider_looks_back_without_changing_the_account(console, account):
    console.promote_button.click()
    events = list(account.history)
    console.history_slider.value = 3
    assert account.history == events
    assert console.graph.step == 3
    assert text(console.history_caption.value).startswith(
        "step 3 of 6: update thumbnailer configuration"
    )
    assert "looking back" in text(console.history_caption.value)


def test_now_returns_the_view_to_the_present(console):
    console.history_slider.value = 2
    console.now_button.click()
    assert (console.step, console.graph.step, console.history_slider.value) == (5, 5, 5)


def test_an_action_while_looking_back_acts_on_the_present_and_shows_it(console, account):
    console.history_slider.value = 2
    console.promote_button.click()
    assert account.get_alias("thumbnailer", "PROD").function_version == "2"
    assert console.history_slider.value == console.history_slider.max == 6
    assert console.graph.step == 6


def test_the_history_slider_follows_each_new_step(console):
    console.publish_button.click()
    assert (console.history_slider.max, console.history_slider.value) == (7, 7)


def test_the_caption_names_the_last_step(console):
    console.promote_button.click()
    assert text(console.history_caption.value) == "step 6 of 6: PROD: 1 -> 2"


# --- redraw only what changed --------------------------------------------------------------


def test_each_change_redraws_the_graph_once(console):
    before = console.graph.draws
    console.promote_button.click()
    assert console.graph.draws == before + 1


def test_a_refused_action_does_not_redraw_the_graph(console):
    before = console.graph.draws
    console.rollback_button.click()
    assert console.graph.draws == before


def test_invoking_or_picking_an_alias_does_not_redraw_the_graph_or_the_status(console):
    before, status = console.graph.draws, console.status.value
    console.invoke_button.click()
    console.alias_picker.value = "BETA"
    assert console.graph.draws == before
    assert console.status.value is status


def test_a_change_that_adds_no_log_row_leaves_the_log_untouched(console):
    log = console.log_view.value
    console.alias_picker.value = "PROD"
    console.refresh()
    assert console.log_view.value is log


def test_history_events_already_recorded_are_read_once(console, account):
    console.promote_button.click()
    rows = list(console.activity.rows)
    console.refresh()
    console.refresh()
    assert list(console.activity.rows) == rows


def test_looking_back_shows_where_the_aliases_pointed_at_that_step(console):
    console.promote_button.click()
    console.history_slider.value = 5
    assert text(console.status.value).startswith("at step 5: PROD -> 1")
    console.now_button.click()
    assert text(console.status.value).startswith("PROD -> 2")


def test_looking_back_before_an_alias_existed_shows_none(console):
    console.history_slider.value = 2
    assert text(console.status.value).startswith("at step 2: no aliases yet")


def test_the_graph_is_inline_svg_labelled_for_screen_readers_and_changes_with_each_click(
    console,
):
    before = console.graph.image.value
    console.promote_button.click()
    after = console.graph.image.value
    assert after.startswith('<div role="img" aria-label="') and "<svg" in after
    assert "<title" in after and "<desc" in after
    assert after.count('role="img"') == 1
    assert after != before


def test_the_graph_highlights_the_change_of_the_step_on_view(console):
    console.promote_button.click()
    assert console.graph.snapshot.caption == "PROD: 1 -> 2"
    console.history_slider.value = 5
    assert console.graph.snapshot.caption == "alias PROD -> 1"
