"""The console, headless: click its buttons, move its sliders, read what it displays."""

from __future__ import annotations

import html
import re
import sys

import ipywidgets as widgets
import pytest
from manual_schedule import ManualSchedule

from lambda_model import Account, AliasUpdated, ResourceNotFoundException
from lambda_model.widgets import Console, publish_new_version


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
        text(console.message.value)
        == "Roll back refused: PROD has had no other target since it was created"
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


def test_the_canary_picker_does_not_offer_the_alias_primary(console):
    assert console.canary_version.options == ("2",)


def test_a_canary_refused_by_the_service_shows_why_and_the_weight_springs_back(console, account):
    account.update_function_configuration("thumbnailer", role="arn:aws:iam::123456789012:role/b")
    account.publish_version("thumbnailer")
    console.refresh()
    events = len(account.history)
    console.canary_version.value = "3"
    console.canary_weight.value = 30
    assert len(account.history) == events
    assert console.canary_weight.value == 0
    assert text(console.message.value).startswith("Canary refused: InvalidParameterValueException")


def test_an_alias_to_latest_offers_no_canary_and_says_why_in_one_line(console):
    console.alias_picker.value = "DEV"
    console.version_picker.value = "$LATEST"
    console.promote_button.click()
    assert console.canary_version.options == ()
    assert console.canary_version.disabled and console.canary_weight.disabled
    assert text(console.canary_note.value) == (
        "DEV points to $LATEST: a canary needs a numbered version as primary."
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
    assert "invoke thumbnailer:PROD (console) 1 ok ×10" in text(console.log_view.value)


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


def test_the_history_step_looks_back_without_changing_the_account(console, account):
    console.promote_button.click()
    events = list(account.history)
    console.history_step.value = 3
    assert account.history == events
    assert console.graph.step == 3
    assert text(console.history_caption.value).startswith(
        "step 3 of 6: update thumbnailer configuration"
    )
    assert "looking back" in text(console.history_caption.value)


def test_now_returns_the_view_to_the_present(console):
    console.history_step.value = 2
    console.now_button.click()
    assert (console.step, console.graph.step, console.history_step.value) == (5, 5, 5)


def test_an_action_while_looking_back_acts_on_the_present_and_shows_it(console, account):
    console.history_step.value = 2
    console.promote_button.click()
    assert account.get_alias("thumbnailer", "PROD").function_version == "2"
    assert console.history_step.value == console.history_step.max == 6
    assert console.graph.step == 6


def test_the_history_step_follows_each_new_step(console):
    console.publish_button.click()
    assert (console.history_step.max, console.history_step.value) == (7, 7)


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
    console.history_step.value = 5
    assert text(console.status.value).startswith("at step 5: PROD -> 1")
    console.now_button.click()
    assert text(console.status.value).startswith("PROD -> 2")


def test_looking_back_before_an_alias_existed_shows_none(console):
    console.history_step.value = 2
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
    console.history_step.value = 5
    assert console.graph.snapshot.caption == "alias PROD -> 1"


# --- Promote to the present target, double clicks, Roll back ------------------------------


def test_promoting_to_the_present_target_records_nothing_and_says_so(console, account):
    console.version_picker.value = "1"
    events = len(account.history)
    console.promote_button.click()
    assert len(account.history) == events
    assert text(console.message.value) == "PROD already points to 1: nothing to change"


def test_a_double_click_on_promote_moves_the_alias_once(console, account):
    console.promote_button.click()
    console.promote_button.click()
    updates = [e for e in account.history if isinstance(e, AliasUpdated)]
    assert [str(e) for e in updates] == ["PROD: 1 -> 2"]


def test_roll_back_after_a_double_click_on_promote_goes_back(console, account):
    console.promote_button.click()
    console.promote_button.click()
    console.rollback_button.click()
    assert account.get_alias("thumbnailer", "PROD").function_version == "1"


# --- canary weights from the browser: one update when the weight settles -------------------


@pytest.fixture
def schedule() -> ManualSchedule:
    return ManualSchedule()


@pytest.fixture
def live(account, schedule) -> Console:
    """A console whose browser-side changes wait for ``schedule.settle()``."""
    return Console(account, "thumbnailer", schedule=schedule)


def press_arrow_up(widget, times: int) -> None:
    """What the browser sends for each ArrowUp on a number input: one new value each."""
    for _ in range(times):
        widget.set_state({"value": widget.value + 1})


def test_arrow_key_presses_on_the_weight_commit_once_when_the_weight_settles(
    live, account, schedule
):
    events = len(account.history)
    press_arrow_up(live.canary_weight, 5)
    assert len(account.history) == events, "nothing committed while the keys are pressed"
    schedule.settle()
    assert len(account.history) == events + 1
    assert account.get_alias("thumbnailer", "PROD").weights == {"1": 0.95, "2": 0.05}


def test_roll_back_after_a_keyboard_canary_undoes_the_whole_canary(live, account, schedule):
    press_arrow_up(live.canary_weight, 5)
    schedule.settle()
    live.rollback_button.click()
    assert account.get_alias("thumbnailer", "PROD").routing_config is None


def test_a_weight_still_settling_is_committed_before_the_next_click(live, account, schedule):
    press_arrow_up(live.canary_weight, 3)
    live.invoke_button.click()
    assert account.get_alias("thumbnailer", "PROD").weights == {"1": 0.97, "2": 0.03}
    schedule.settle()  # the timer was cancelled: no second commit
    assert sum(isinstance(e, AliasUpdated) for e in account.history) == 1


def test_a_weight_set_from_code_commits_at_once(live, account):
    live.canary_weight.value = 10
    assert account.get_alias("thumbnailer", "PROD").weights == {"1": 0.9, "2": 0.1}


def test_picking_another_canary_version_moves_the_weight_to_it(account):
    publish_new_version(account, "thumbnailer")
    console = Console(account, "thumbnailer")
    console.canary_version.value = "2"
    console.canary_weight.value = 10
    console.canary_version.value = "3"
    assert account.get_alias("thumbnailer", "PROD").weights == {"1": 0.9, "3": 0.1}


# --- the canary picker -------------------------------------------------------------------


def test_the_canary_picker_keeps_the_users_choice_across_redraws(account):
    publish_new_version(account, "thumbnailer")
    console = Console(account, "thumbnailer")
    assert console.canary_version.options == ("3", "2")
    console.canary_version.value = "2"
    console.invoke_button.click()
    console.publish_button.click()
    assert console.canary_version.value == "2"


def test_the_canary_picker_follows_the_alias_when_it_moves(console):
    console.promote_button.click()
    assert console.canary_version.options == ("1",)


def test_a_new_alias_name_explains_why_no_canary_is_offered(console):
    console.alias_picker.value = "BETA"
    assert console.canary_version.options == ()
    assert text(console.canary_note.value) == "BETA does not exist yet: Promote creates it."


def test_an_alias_with_a_canary_shows_its_canary_version_in_the_picker(account):
    publish_new_version(account, "thumbnailer")
    account.update_alias("thumbnailer", "PROD", routing_config={"2": 0.2})
    console = Console(account, "thumbnailer")
    assert (console.canary_version.value, console.canary_weight.value) == ("2", 20)


# --- the log -------------------------------------------------------------------------------


def test_one_invoke_click_on_a_split_alias_adds_at_most_one_row_per_version_and_outcome(
    console,
):
    console.canary_weight.value = 50
    before = len(console.activity.rows)
    console.invoke_button.click()
    added = console.activity.rows[before:]
    assert sorted(row.version for row in added) == ["1", "2"]
    assert sum(row.count for row in added) == 10


def test_repeated_invoke_clicks_add_to_the_same_rows(console):
    console.canary_weight.value = 50
    console.invoke_button.click()
    rows = len(console.activity.rows)
    console.invoke_button.click()
    console.invoke_button.click()
    assert len(console.activity.rows) == rows
    assert sum(r.count for r in console.activity.rows if r.kind == "invoke") == 30


def test_traffic_never_pushes_a_configuration_change_out_of_the_log(account):
    console = Console(account, "thumbnailer", log_size=3)
    console.promote_button.click()
    for number in range(6):
        account.invoke("thumbnailer", {}, qualifier=str(1 + number % 2))
        console.refresh()
    rows = console.activity.rows
    assert len(rows) == 3
    assert [r.what for r in rows if r.kind == "change"] == ["PROD: 1 -> 2"]


def test_hiding_traffic_leaves_only_the_changes_in_the_log(console):
    console.promote_button.click()
    console.invoke_button.click()
    console.show_traffic.value = False
    shown = text(console.log_view.value)
    assert "PROD: 1 -> 2" in shown
    assert "invoke" not in shown
    console.show_traffic.value = True
    assert "invoke" in text(console.log_view.value)


def test_a_long_value_in_the_log_is_cut_with_its_whole_text_on_hover(console, account):
    account.create_bucket("photos")
    key = "k" * 1000
    console.refresh()
    console.key_box.value = key
    console.upload_button.click()
    log = console.log_view.value
    assert "table-layout:fixed;width:100%" in log
    assert "text-overflow:ellipsis" in log
    assert f"title='upload s3://photos/{key}'" in log


# --- long and unusual input ------------------------------------------------------------------


def test_a_key_over_1024_bytes_is_refused_with_the_s3_error(console, account):
    account.create_bucket("photos")
    console.refresh()
    console.key_box.value = "猫" * 342
    console.upload_button.click()
    assert text(console.message.value) == "Upload refused: KeyTooLongError: Your key is too long."
    assert account.buckets["photos"].objects == {}


def test_a_long_key_is_cut_in_the_message_line(console, account):
    account.create_bucket("photos")
    console.refresh()
    console.key_box.value = "k" * 1000
    console.upload_button.click()
    message = text(console.message.value)
    assert message.startswith("uploaded s3://photos/kkk")
    assert "…" in message and len(message) < 250


def test_the_status_line_says_1_published_version_in_the_singular(account):
    account.create_function("single", lambda event, context: "ok", publish=True)
    console = Console(account, "single")
    assert text(console.status.value).endswith("· 1 published version")


# --- accessibility ---------------------------------------------------------------------------


def controls(console: Console) -> list:
    """Every control of the console, in order."""
    found, stack = [], list(console.children)
    while stack:
        widget = stack.pop(0)
        if isinstance(widget, widgets.Box):
            stack[:0] = list(widget.children)
        elif not isinstance(widget, widgets.HTML | widgets.Image):
            found.append(widget)
    return found


def test_every_control_has_a_name_and_no_icon(console):
    for control in controls(console):
        assert control.description.strip(), control
        assert getattr(control, "icon", "") == "", control


def test_the_console_has_no_slider_whose_handle_would_have_no_accessible_name(console):
    assert not any(isinstance(c, widgets.IntSlider) for c in controls(console))


def test_status_message_and_log_are_live_regions(console):
    console.invoke_button.click()
    assert "role='status' aria-live='polite'" in console.status.value
    assert "role='status' aria-live='polite'" in console.message.value
    assert "role='log'" in console.log_view.value
    console.rollback_button.click()
    assert "role='alert'" in console.message.value


def test_the_console_styles_a_focus_ring_of_3px(console):
    assert "outline: 3px solid #1565c0" in console.title.value


def test_an_unexpected_error_when_a_weight_settles_is_not_swallowed(live, schedule, monkeypatch):
    def broken(percent):
        raise RuntimeError("broken")

    monkeypatch.setattr(live, "_canary", broken)
    # Outside IPython (another test may have started an InteractiveShell in this process).
    monkeypatch.setattr("IPython.get_ipython", lambda: None)
    press_arrow_up(live.canary_weight, 1)
    with pytest.raises(RuntimeError, match="broken"):
        schedule.settle()


def test_inside_ipython_an_error_when_a_weight_settles_is_shown_as_a_traceback(
    live, schedule, monkeypatch
):
    shown = []

    class Shell:
        def showtraceback(self):
            shown.append(sys.exc_info()[1])

    def broken(percent):
        raise RuntimeError("broken")

    monkeypatch.setattr(live, "_canary", broken)
    monkeypatch.setattr("IPython.get_ipython", Shell)
    press_arrow_up(live.canary_weight, 1)
    schedule.settle()
    assert [str(error) for error in shown] == ["broken"]


def test_the_status_line_is_updated_before_the_graph_is_redrawn(console, monkeypatch):
    seen = []
    show = console.graph.show

    def recording_show(account, step):
        seen.append(text(console.status.value))
        return show(account, step)

    monkeypatch.setattr(console.graph, "show", recording_show)
    console.promote_button.click()
    assert seen and seen[0].startswith("PROD -> 2")
