"""``Console``: a workshop console bound to one function of an ``Account``.

Publish, promote, roll back, set a canary weight, invoke, upload an object, and watch the
graph and the log answer each click; the history step looks back at any earlier step
(view only). Every button calls the ordinary account API (see :mod:`.actions`); a call the
simulator refuses shows as a one-line message and changes nothing.

Usable by keyboard and screen reader: every control is a native form control with a
label (number inputs rather than ipywidgets sliders, whose handles cannot be given an
accessible name), the status line, the message and the log are live regions, the focus
ring has at least 3:1 contrast, and no icon glyph is part of a button's name. A weight
typed or stepped with the arrow keys in the browser commits once, when it has stayed
unchanged for ``settle_seconds``; set from code, it commits at once.

Examples
--------
>>> from lambda_model import Account
>>> from lambda_model.widgets import Console
>>> account = Account()
>>> _ = account.create_function("thumbnailer", lambda event, context: "ok", publish=True)
>>> _ = account.create_alias("thumbnailer", "PROD", "1")
>>> console = Console(account, "thumbnailer")
>>> console.publish_button.click()
>>> console.promote_button.click()
>>> console
Console(thumbnailer: PROD -> 2; 2 versions; step 6 of 6)
>>> console.promote_button.click()  # already there: nothing changes, nothing is recorded
>>> console
Console(thumbnailer: PROD -> 2; 2 versions; step 6 of 6)
>>> console.rollback_button.click()
>>> console
Console(thumbnailer: PROD -> 1; 2 versions; step 7 of 7)
"""

from __future__ import annotations

import asyncio
import html
from collections import Counter
from collections.abc import Callable

import ipywidgets as widgets

from ..core import Account, AliasConfiguration, Function, LambdaModelError, ServiceError
from ..core.identifiers import LATEST
from ..viz.replay import weights_text
from .actions import (
    ConsoleError,
    Target,
    canary_candidates,
    promote,
    publish_new_version,
    roll_back,
    set_canary,
)
from .activity import ActivityLog
from .graph import GraphView

__all__ = ["Console", "call_later"]

_ERROR_STYLE = "color:#b00020;background:#fdecea;border-left:4px solid #b00020;padding:2px 8px"
_INFO_STYLE = "color:#1b5e20;padding:2px 8px"
_WRAP = "overflow-wrap:anywhere;word-break:break-word;white-space:normal"
INVOCATIONS_PER_CLICK = 10
#: How long a weight typed or stepped in the browser must stay unchanged to be committed.
SETTLE_SECONDS = 0.6
#: Longest text (a key, a caption) shown whole in a message line; longer is cut with "…".
SHOWN_CHARACTERS = 120
_AUTO = {"width": "auto"}

#: Console-scoped CSS: a focus ring of 3:1 or more against the page and the controls
#: (#1565c0: 5.8:1 on white, 3.3:1 on JupyterLab's dark background), button colours
#: whose white text has 4.5:1 or more, and text that wraps inside the console's width.
_CSS = """
.lm-console { max-width: 100%; }
.lm-console :is(button, input, select, textarea, [tabindex]):focus-visible {
  outline: 3px solid #1565c0 !important; outline-offset: 2px !important;
}
.lm-console .widget-button.mod-primary { background-color: #1565c0; color: #fff; }
.lm-console .widget-button.mod-info { background-color: #006b75; color: #fff; }
.lm-console .widget-button.mod-warning { background-color: #b45309; color: #fff; }
.lm-console .widget-html-content { overflow-wrap: anywhere; white-space: normal; }
.lm-console .lm-console-log { align-self: stretch; min-width: 0; }
.lm-console .lm-console-log .widget-html-content { width: 100%; }
"""


def call_later(delay: float, callback: Callable[[], None]) -> Callable[[], None]:
    """Run ``callback`` after ``delay`` seconds on the running event loop; a cancel function.

    In a kernel, widget messages from the browser are handled on the kernel's asyncio
    loop, so the callback runs there, between messages. Without a running loop (plain
    Python) there is nothing to wait on: the callback runs now.

    >>> ran = []
    >>> cancel = call_later(0.5, lambda: ran.append(1))
    >>> ran
    [1]
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        callback()
        return lambda: None
    return loop.call_later(delay, callback).cancel


class _FromBrowser:
    """Mixin: ``from_browser`` is true while a change sent by the browser is applied."""

    from_browser = False

    def set_state(self, sync_data: dict) -> None:
        self.from_browser = True
        try:
            super().set_state(sync_data)  # type: ignore[misc]
        finally:
            self.from_browser = False


class WeightInput(_FromBrowser, widgets.BoundedIntText):
    """A percentage input (0 to 100) that knows whether a change came from the browser."""


class VersionChoice(_FromBrowser, widgets.Dropdown):
    """A version dropdown that knows whether a change came from the browser."""


def _wide(description: str, **kwargs) -> dict:
    return {"description": description, "style": {"description_width": "initial"}, **kwargs}


def _clip(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """``text``, or its first ``limit`` characters and an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Console(widgets.VBox):
    """An ipywidgets console for the versions and aliases of ``function_name``.

    Parameters
    ----------
    account : Account
        The simulated account; the console reads and changes it through its public API.
    function_name : str
        The function whose versions and aliases the console shows.
    log_size : int
        How many rows the log shows.
    settle_seconds : float
        How long a canary weight changed in the browser must stay unchanged before it is
        committed (one alias update for a run of arrow-key presses).
    schedule : callable, optional
        ``schedule(delay, callback) -> cancel``; :func:`call_later` by default.
    """

    def __init__(
        self,
        account: Account,
        function_name: str,
        *,
        log_size: int = 10,
        settle_seconds: float = SETTLE_SECONDS,
        schedule: Callable[[float, Callable[[], None]], Callable[[], None]] = call_later,
    ) -> None:
        account.get_function(function_name)  # a missing function fails here, as on AWS
        super().__init__()
        self.account = account
        self.function_name = function_name
        self.activity = ActivityLog(account, function_name, size=log_size)
        self.settle_seconds = settle_seconds
        self._schedule = schedule
        self._syncing = False
        #: The history step shown, or ``None`` to follow the present.
        self._viewing: int | None = None
        #: The key each part was last drawn with: a part is redrawn only when its key changes.
        self._drawn: dict[str, object] = {}
        #: A canary change made in the browser, waiting to settle, and its timer's cancel.
        self._pending: Callable[[], None] | None = None
        self._ticket = 0

        self.title = widgets.HTML(
            f"<style>{_CSS}</style><b>Lambda console</b> · function "
            f"<code>{html.escape(function_name)}</code>"
        )
        self.status = widgets.HTML().add_class("lm-console-status")
        self.message = widgets.HTML("<div role='status' aria-live='polite'></div>").add_class(
            "lm-console-message"
        )

        self.publish_button = widgets.Button(
            description="Publish new version", button_style="info", layout=_AUTO
        )
        self.alias_picker = widgets.Combobox(
            ensure_option=False, placeholder="alias name", **_wide("Alias")
        )
        self.alias_picker.layout.width = "190px"
        self.version_picker = widgets.Dropdown(
            **_wide("Version"), layout=widgets.Layout(width="150px")
        )
        self.promote_button = widgets.Button(description="Promote", button_style="primary")
        self.rollback_button = widgets.Button(description="Roll back", button_style="warning")
        self.canary_version = VersionChoice(
            **_wide("Canary version"), layout=widgets.Layout(width="190px")
        )
        self.canary_weight = WeightInput(
            min=0,
            max=100,
            step=1,
            continuous_update=False,
            **_wide("Canary weight (%)"),
            layout=widgets.Layout(width="210px"),
        )
        self.canary_note = widgets.HTML().add_class("lm-console-canary-note")
        self.invoke_button = widgets.Button(
            description=f"Invoke ×{INVOCATIONS_PER_CLICK}", layout=_AUTO
        )
        self.bucket_picker = widgets.Dropdown(
            **_wide("Bucket"), layout=widgets.Layout(width="220px")
        )
        self.key_box = widgets.Text(value="cat.jpg", **_wide("Key"))
        self.upload_button = widgets.Button(description="Upload object", layout=_AUTO)

        self.graph = GraphView()
        self.history_step = widgets.BoundedIntText(
            min=1,
            continuous_update=False,
            **_wide("History step"),
            layout=widgets.Layout(width="180px"),
        )
        self.now_button = widgets.Button(description="Now", layout=widgets.Layout(width="70px"))
        self.history_caption = widgets.HTML().add_class("lm-console-caption")
        self.show_traffic = widgets.Checkbox(
            value=True, indent=False, description="Show traffic in the log", layout=_AUTO
        )
        self.log_view = widgets.HTML().add_class("lm-console-log")

        for control, css_class in (
            (self.alias_picker, "lm-console-alias"),
            (self.version_picker, "lm-console-version"),
            (self.canary_version, "lm-console-canary-version"),
            (self.canary_weight, "lm-console-canary-weight"),
            (self.bucket_picker, "lm-console-bucket"),
            (self.key_box, "lm-console-key"),
            (self.history_step, "lm-console-history-step"),
            (self.show_traffic, "lm-console-show-traffic"),
        ):
            control.add_class(css_class)
        row = {"flex_flow": "row wrap", "align_items": "center"}
        self.children = [
            self.title,
            self.status,
            widgets.HBox([self.publish_button, self.invoke_button], layout=row),
            widgets.HBox(
                [self.alias_picker, self.version_picker, self.promote_button, self.rollback_button],
                layout=row,
            ),
            widgets.HBox([self.canary_version, self.canary_weight, self.canary_note], layout=row),
            widgets.HBox([self.bucket_picker, self.key_box, self.upload_button], layout=row),
            self.message,
            self.graph.image,
            widgets.HBox([self.history_step, self.now_button], layout=row),
            self.history_caption,
            self.show_traffic,
            self.log_view,
        ]
        self.add_class("lm-console")

        self.publish_button.on_click(lambda _: self._act("Publish", self._publish))
        self.promote_button.on_click(lambda _: self._act("Promote", self._promote))
        self.rollback_button.on_click(lambda _: self._act("Roll back", self._roll_back))
        self.invoke_button.on_click(lambda _: self._act("Invoke", self._invoke))
        self.upload_button.on_click(lambda _: self._act("Upload", self._upload))
        self.now_button.on_click(lambda _: self.view(None))
        self.canary_weight.observe(self._on_canary_weight, names="value")
        self.canary_version.observe(self._on_canary_version, names="value")
        self.alias_picker.observe(self._on_alias_picked, names="value")
        self.history_step.observe(self._on_history_step, names="value")
        self.show_traffic.observe(self._on_show_traffic, names="value")

        aliases = sorted(self._function().aliases)
        self.alias_picker.value = "PROD" if "PROD" in aliases or not aliases else aliases[0]
        self.refresh()

    # --- reading the account ------------------------------------------------------------

    def _function(self) -> Function:
        return self.account.functions[self.function_name]

    def _alias(self) -> AliasConfiguration | None:
        return self._function().aliases.get(self.alias_picker.value.strip())

    @property
    def step(self) -> int:
        """The history step on view (the present unless the history step looks back)."""
        return len(self.account.history) if self._viewing is None else self._viewing

    def __repr__(self) -> str:
        function = self._function()
        aliases = ", ".join(f"{a.name} -> {a.target_text()}" for a in function.sorted_aliases())
        return (
            f"Console({self.function_name}: {aliases or 'no aliases'}; "
            f"{_versions(len(function.versions))}; step {self.step} of {len(self.account.history)})"
        )

    # --- actions ------------------------------------------------------------------------

    def _act(self, what: str, operation: Callable[[], str]) -> None:
        """Run one action; show its outcome; on a refusal show why and change nothing.

        A canary weight still settling is committed first: the console acts on what it
        shows.
        """
        if what != "Canary":
            self.settle()
        try:
            note = operation()
        except LambdaModelError as err:
            self._say(f"{what} refused: {_describe(err)}", error=True)
            if what == "Canary":
                self._drawn.pop("canary", None)  # the weight springs back to the alias's
        else:
            self._viewing = None
            self._say(note, error=isinstance(note, Trouble))
        self.refresh()

    def _say(self, text: str, *, error: bool = False) -> None:
        """Show one line in the message live region (errors as an alert)."""
        style = _ERROR_STYLE if error else _INFO_STYLE
        role = "role='alert'" if error else "role='status' aria-live='polite'"
        self.message.value = f"<div {role} style='{style};{_WRAP}'>{html.escape(text)}</div>"

    def _picked_alias(self) -> str:
        name = self.alias_picker.value.strip()
        if not name:
            raise ConsoleError("type or pick an alias name first")
        return name

    def _publish(self) -> str:
        version = publish_new_version(self.account, self.function_name)
        self._refresh_choices(select=version.version)
        return f"published version {version.version} ({version.description})"

    def _promote(self) -> str:
        alias = self._picked_alias()
        version = self.version_picker.value
        if version is None:
            raise ConsoleError("publish a version first")
        before = self._alias()
        updated = promote(self.account, self.function_name, alias, version)
        if before is not None and updated is before:
            return f"{alias} already points to {updated.target_text()}: nothing to change"
        return f"{alias} now points to {updated.target_text()}"

    def _roll_back(self) -> str:
        alias = self._picked_alias()
        before = self._alias().target_text() if self._alias() else ""
        updated = roll_back(self.account, self.function_name, alias)
        return f"rolled {alias} back: {before} -> {updated.target_text()}"

    def _canary(self, percent: int) -> str:
        alias = self._picked_alias()
        version = self.canary_version.value
        if version is None:
            raise ConsoleError(self._no_canary_reason() or "publish a second version first")
        before = self._alias()
        updated = set_canary(self.account, self.function_name, alias, version, percent)
        if updated is before:
            return f"{alias} already sends {updated.target_text()}: nothing to change"
        return f"{alias} now sends {updated.target_text()}"

    def _invoke(self) -> str:
        alias = self._picked_alias()
        ran: Counter[str] = Counter()
        errors = 0
        for _ in range(INVOCATIONS_PER_CLICK):
            result = self.account.invoke(
                self.function_name, {"source": "console"}, qualifier=alias, source="console"
            )
            ran[result.executed_version] += 1
            errors += result.function_error is not None
        spread = ", ".join(f"version {v} ×{n}" for v, n in sorted(ran.items()))
        failed = f"; {errors} failed" if errors else ""
        return f"{INVOCATIONS_PER_CLICK} requests to {alias}: {spread}{failed}"

    def _upload(self) -> str:
        bucket = self.bucket_picker.value
        if not bucket:
            raise ConsoleError("this account has no S3 bucket")
        key = self.key_box.value.strip()
        if not key:
            raise ConsoleError("type an object key first")
        result = self.account.put_object(bucket, key, b"uploaded from the console")
        handled = "; ".join(str(d) for d in result.deliveries) or "no notification matched"
        note = f"uploaded s3://{bucket}/{_clip(key)}: {handled}"
        # The upload happened either way; a refused or failed delivery is shown as trouble.
        return Trouble(note) if any(d.outcome != "ok" for d in result.deliveries) else note

    # --- the canary weight: committed once it settles -----------------------------------

    def settle(self) -> None:
        """Commit a canary change from the browser that is still waiting to settle."""
        if self._pending is not None:
            cancel, self._pending = self._pending, None
            cancel()
            self._ticket += 1
            self._commit_canary()

    def _settled(self, ticket: int) -> None:
        """The timer's callback: commit unless cancelled or committed already.

        It runs outside any widget message, so an unexpected error is shown the way
        ipywidgets shows one from a callback (JupyterLab's log console), not lost.
        """
        if ticket != self._ticket:
            return
        self._ticket += 1
        self._pending = None
        try:
            self._commit_canary()
        except Exception:
            _show_traceback()

    def _commit_canary(self) -> None:
        self._act("Canary", lambda: self._canary(self.canary_weight.value))

    def _canary_changed(self, from_browser: bool) -> None:
        """Commit now (a change from code) or once the browser's changes stop coming."""
        if self._pending is not None:
            self._pending()
            self._pending = None
        self._ticket += 1
        if not from_browser:
            self._commit_canary()
            return
        ticket = self._ticket
        cancel = self._schedule(self.settle_seconds, lambda: self._settled(ticket))
        if ticket == self._ticket:  # still waiting (a scheduler may run it at once)
            self._pending = cancel

    def _on_canary_weight(self, change: dict) -> None:
        if not self._syncing:
            self._canary_changed(self.canary_weight.from_browser)

    def _on_canary_version(self, change: dict) -> None:
        """Picking another canary version while a weight is set moves that weight to it."""
        if not self._syncing and self.canary_weight.value and change["new"] is not None:
            self._canary_changed(self.canary_version.from_browser)

    # --- observers ----------------------------------------------------------------------

    def _on_alias_picked(self, change: dict) -> None:
        if not self._syncing:
            self.settle()
            self.refresh()

    def _on_history_step(self, change: dict) -> None:
        if not self._syncing:
            last = len(self.account.history)
            self.view(None if change["new"] >= last else change["new"])

    def _on_show_traffic(self, change: dict) -> None:
        self.activity.show_traffic = change["new"]
        self.refresh()

    def view(self, step: int | None) -> None:
        """Look at the account as it was after ``step`` events (``None``: the present).

        Viewing changes nothing in the account; the buttons always act on the present.
        """
        if step is not None and not 1 <= step <= len(self.account.history):
            raise ValueError(f"step must be between 1 and {len(self.account.history)}")
        self._viewing = None if step == len(self.account.history) else step
        self.refresh()

    # --- drawing ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Bring every part up to date with the account, redrawing only what changed."""
        self._syncing = True
        try:
            self._refresh_choices()
            self._refresh_buckets()
            self._refresh_canary()
            if self._viewing is None:
                # The present's status needs no drawing: it reaches the page (and a screen
                # reader) before the graph is redrawn.
                self._refresh_status()
                self._refresh_log()
            self._refresh_graph()
            self._refresh_status()
            self._refresh_log()
            self._refresh_history()
        finally:
            self._syncing = False

    def _changed(self, part: str, key: object) -> bool:
        if self._drawn.get(part, object()) == key:
            return False
        self._drawn[part] = key
        return True

    def _refresh_choices(self, select: str | None = None) -> None:
        function = self._function()
        aliases = tuple(sorted(function.aliases))
        if self._changed("aliases", aliases):
            self.alias_picker.options = aliases
        numbers = tuple(str(n) for n in sorted(function.versions, reverse=True))
        if self._changed("versions", numbers) or select is not None:
            newest = select or (numbers[0] if numbers else LATEST)
            was_syncing, self._syncing = self._syncing, True
            try:
                self.version_picker.options = (*numbers, LATEST)
                self.version_picker.value = newest
            finally:
                self._syncing = was_syncing

    def _refresh_buckets(self) -> None:
        buckets = tuple(sorted(self.account.buckets))
        if not self._changed("buckets", buckets):
            return
        was_syncing, self._syncing = self._syncing, True
        try:
            current = self.bucket_picker.value
            self.bucket_picker.options = buckets
            notifying = [b for b in buckets if self._notifies_us(b)]
            if current in buckets:
                self.bucket_picker.value = current
            elif buckets:
                self.bucket_picker.value = (notifying or buckets)[0]
        finally:
            self._syncing = was_syncing

    def _notifies_us(self, bucket: str) -> bool:
        """Whether the bucket's notifications name this function (any qualifier)."""
        arn = self._function().arn
        return any(
            target == arn or target.startswith(f"{arn}:")
            for target in self.account.notification_targets(bucket)
        )

    def _no_canary_reason(self) -> str:
        """Why no version can take a canary share of the picked alias ('' when one can)."""
        name = self.alias_picker.value.strip()
        alias = self._alias()
        if not name:
            return "Pick an alias to set a canary."
        if alias is None:
            return f"{_clip(name, 40)} does not exist yet: Promote creates it."
        if not alias.function_version.isdigit():
            return f"{name} points to $LATEST: a canary needs a numbered version as primary."
        if canary_candidates(self.account, self.function_name, name):
            return ""
        return f"No canary possible: {name}'s version {alias.function_version} is the only one."

    def _refresh_canary(self) -> None:
        """Offer the versions that can be a canary for the picked alias; keep the user's
        pick across redraws; show the alias's weight; say in one line when none can."""
        name = self.alias_picker.value.strip()
        alias = self._alias()
        candidates = tuple(canary_candidates(self.account, self.function_name, name))
        target = Target.of(alias) if alias else None
        self.rollback_button.disabled = alias is None
        if not self._changed("canary", (name, target, candidates)):
            return
        routed = list(target.weights.items()) if target else []
        picked = self.canary_version.value
        if routed:
            picked = routed[0][0]
        elif picked not in candidates:
            picked = candidates[0] if candidates else None
        self.canary_version.options = candidates
        self.canary_version.value = picked
        self.canary_weight.value = round(routed[0][1] * 100) if routed else 0
        self.canary_version.disabled = self.canary_weight.disabled = not candidates
        reason = self._no_canary_reason()
        self.canary_note.value = (
            f"<span style='color:#555;{_WRAP}'>{html.escape(reason)}</span>" if reason else ""
        )

    def _targets(self) -> tuple[tuple[tuple[str, str], ...], int]:
        """The alias targets and the number of versions, now or at the step on view."""
        if self._viewing is None:
            function = self._function()
            targets = tuple((a.name, a.target_text()) for a in function.sorted_aliases())
            return targets, len(function.versions)
        past = self.graph.snapshot.functions.get(self.function_name)
        if past is None:
            return (), 0
        targets = tuple(
            (name, weights_text(alias.function_version, alias.weights))
            for name, alias in sorted(past.aliases.items())
        )
        return targets, len(past.versions)

    def _refresh_status(self) -> None:
        targets, versions = self._targets()
        if not self._changed("status", (targets, versions, self._viewing)):
            return
        pointers = " · ".join(
            f"<span class='lm-alias'><b>{html.escape(name)}</b> -&gt; {html.escape(target)}</span>"
            for name, target in targets
        )
        when = f"<b>at step {self._viewing}:</b> " if self._viewing is not None else ""
        self.status.value = (
            f"<div role='status' aria-live='polite' style='{_WRAP}'>{when}"
            f"{pointers or '<i>no aliases yet</i>'} "
            f"<span style='color:#595959'>· {_versions(versions, 'published ')}</span></div>"
        )

    def _refresh_log(self) -> None:
        self.activity.sync()
        if self._changed("log", self.activity.revision):
            self.log_view.value = (
                "<div role='log' aria-live='polite' aria-label='Activity log' "
                f"style='width:100%;overflow:hidden'>{self.activity.to_html()}</div>"
            )

    def _refresh_history(self) -> None:
        last = len(self.account.history)
        step = self.step
        if not self._changed("history", (last, step)):
            return
        self.history_step.max = last
        self.history_step.value = step
        caption = f"step {step} of {last}: {self.graph.snapshot.caption}"
        looking_back = " <b>(looking back; the buttons act on the present)</b>"
        self.history_caption.value = (
            f"<div style='{_WRAP}' title='{html.escape(caption, quote=True)}'>"
            + html.escape(_clip(caption))
            + (looking_back if self._viewing is not None else "")
            + "</div>"
        )

    def _refresh_graph(self) -> None:
        if self._changed("graph", (len(self.account.history), self.step)):
            self.graph.show(self.account, self.step)


class Trouble(str):
    """A note about an action that succeeded but went wrong downstream (shown in red)."""


def _show_traceback() -> None:
    """Show the exception being handled as IPython shows one; re-raise outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        raise
    shell = get_ipython()
    if shell is None:
        raise
    shell.showtraceback()


def _versions(count: int, adjective: str = "") -> str:
    """``1 published version``, ``2 published versions``."""
    return f"{count} {adjective}version{'' if count == 1 else 's'}"


def _describe(err: LambdaModelError) -> str:
    """One line: the AWS error code and message (``ResourceNotFoundException: ...``)."""
    if isinstance(err, ServiceError):
        return f"{err.code}: {err.message}"
    return str(getattr(err, "message", err))
