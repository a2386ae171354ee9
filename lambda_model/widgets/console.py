"""``Console``: a workshop console bound to one function of an ``Account``.

Publish, promote, roll back, shift canary traffic, invoke, upload an object, and watch the
graph and the log answer each click; a history slider looks back at any earlier step
(view only). Every button calls the ordinary account API (see :mod:`.actions`); a call the
simulator refuses shows as a one-line message and changes nothing.

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
>>> console.rollback_button.click()
>>> console
Console(thumbnailer: PROD -> 1; 2 versions; step 7 of 7)
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable

import ipywidgets as widgets

from ..core import Account, AliasConfiguration, Function, LambdaModelError, ServiceError
from ..core.identifiers import LATEST
from ..viz.replay import weights_text
from .actions import ConsoleError, promote, publish_new_version, roll_back, set_canary
from .activity import ActivityLog
from .graph import GraphView

__all__ = ["Console"]

_ERROR_STYLE = "color:#b00020;background:#fdecea;border-left:4px solid #b00020;padding:2px 8px"
_INFO_STYLE = "color:#1b5e20;padding:2px 8px"
INVOCATIONS_PER_CLICK = 10
_AUTO = {"width": "auto"}


def _wide(description: str, **kwargs) -> dict:
    return {"description": description, "style": {"description_width": "initial"}, **kwargs}


class Console(widgets.VBox):
    """An ipywidgets console for the versions and aliases of ``function_name``.

    Parameters
    ----------
    account : Account
        The simulated account; the console reads and changes it through its public API.
    function_name : str
        The function whose versions and aliases the console shows.
    log_size : int
        How many rows the log keeps.
    """

    def __init__(self, account: Account, function_name: str, *, log_size: int = 10) -> None:
        account.get_function(function_name)  # a missing function fails here, as on AWS
        super().__init__()
        self.account = account
        self.function_name = function_name
        self.activity = ActivityLog(account, function_name, size=log_size)
        self._syncing = False
        #: The history step shown, or ``None`` to follow the present.
        self._viewing: int | None = None
        #: The key each part was last drawn with: a part is redrawn only when its key changes.
        self._drawn: dict[str, object] = {}

        self.title = widgets.HTML(
            f"<b>Lambda console</b> · function <code>{html.escape(function_name)}</code>"
        )
        self.status = widgets.HTML().add_class("lm-console-status")
        self.message = widgets.HTML().add_class("lm-console-message")

        self.publish_button = widgets.Button(
            description="Publish new version", button_style="info", icon="upload", layout=_AUTO
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
        self.canary_version = widgets.Dropdown(
            **_wide("Canary version"), layout=widgets.Layout(width="190px")
        )
        self.canary_weight = widgets.IntSlider(
            min=0, max=100, step=1, continuous_update=False, **_wide("weight %")
        )
        self.invoke_button = widgets.Button(
            description=f"Invoke ×{INVOCATIONS_PER_CLICK}", layout=_AUTO
        )
        self.bucket_picker = widgets.Dropdown(
            **_wide("Bucket"), layout=widgets.Layout(width="220px")
        )
        self.key_box = widgets.Text(value="cat.jpg", **_wide("Key"))
        self.upload_button = widgets.Button(description="Upload object", icon="file", layout=_AUTO)

        self.graph = GraphView()
        self.history_slider = widgets.IntSlider(
            min=1, continuous_update=False, **_wide("History step")
        )
        self.history_slider.layout.width = "420px"
        self.now_button = widgets.Button(description="Now", layout=widgets.Layout(width="70px"))
        self.history_caption = widgets.HTML().add_class("lm-console-caption")
        self.log_view = widgets.HTML().add_class("lm-console-log")

        self.children = [
            self.title,
            self.status,
            widgets.HBox([self.publish_button, self.invoke_button]),
            widgets.HBox(
                [self.alias_picker, self.version_picker, self.promote_button, self.rollback_button]
            ),
            widgets.HBox([self.canary_version, self.canary_weight]),
            widgets.HBox([self.bucket_picker, self.key_box, self.upload_button]),
            self.message,
            self.graph.image,
            widgets.HBox([self.history_slider, self.now_button]),
            self.history_caption,
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
        self.alias_picker.observe(self._on_alias_picked, names="value")
        self.history_slider.observe(self._on_history_step, names="value")

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
        """The history step on view (the present unless the history slider looks back)."""
        return len(self.account.history) if self._viewing is None else self._viewing

    def __repr__(self) -> str:
        function = self._function()
        aliases = ", ".join(f"{a.name} -> {a.target_text()}" for a in function.sorted_aliases())
        count = len(function.versions)
        versions = f"{count} version{'' if count == 1 else 's'}"
        return (
            f"Console({self.function_name}: {aliases or 'no aliases'}; "
            f"{versions}; step {self.step} of {len(self.account.history)})"
        )

    # --- actions ------------------------------------------------------------------------

    def _act(self, what: str, operation: Callable[[], str]) -> None:
        """Run one action; show its outcome; on a refusal show why and change nothing."""
        try:
            note = operation()
        except LambdaModelError as err:
            self._say(f"{what} refused: {_describe(err)}", error=True)
        else:
            self._viewing = None
            if isinstance(note, Trouble):
                self._say(note, error=True)
            else:
                self._say(note)
        self.refresh()

    def _say(self, text: str, *, error: bool = False) -> None:
        style = _ERROR_STYLE if error else _INFO_STYLE
        self.message.value = f"<div style='{style}'>{html.escape(text)}</div>"

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
        updated = promote(self.account, self.function_name, alias, version)
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
            raise ConsoleError("publish a second version first")
        updated = set_canary(self.account, self.function_name, alias, version, percent)
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
        note = f"uploaded s3://{bucket}/{key}: {handled}"
        # The upload happened either way; a refused or failed delivery is shown as trouble.
        return Trouble(note) if any(d.outcome != "ok" for d in result.deliveries) else note

    # --- observers ----------------------------------------------------------------------

    def _on_canary_weight(self, change: dict) -> None:
        if not self._syncing:
            self._act("Canary", lambda: self._canary(change["new"]))

    def _on_alias_picked(self, change: dict) -> None:
        if not self._syncing:
            self.refresh()

    def _on_history_step(self, change: dict) -> None:
        if not self._syncing:
            last = len(self.account.history)
            self.view(None if change["new"] >= last else change["new"])

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
                self.canary_version.options = numbers
                self.canary_version.value = numbers[0] if numbers else None
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

    def _refresh_canary(self) -> None:
        alias = self._alias()
        routing = alias.routing_config if alias else None
        if routing:
            ((version, weight),) = routing.additional_version_weights.items()
            self.canary_version.value = version
            self.canary_weight.value = round(weight * 100)
        else:
            self.canary_weight.value = 0
        self.canary_weight.disabled = alias is None
        self.rollback_button.disabled = alias is None

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
            f"<div>{when}{pointers or '<i>no aliases yet</i>'} "
            f"<span style='color:#666'>· {versions} published versions</span></div>"
        )

    def _refresh_log(self) -> None:
        self.activity.sync()
        if self._changed("log", self.activity.revision):
            self.log_view.value = self.activity.to_html()

    def _refresh_history(self) -> None:
        last = len(self.account.history)
        step = self.step
        if not self._changed("history", (last, step)):
            return
        self.history_slider.max = last
        self.history_slider.value = step
        caption = f"step {step} of {last}: {self.graph.snapshot.caption}"
        looking_back = " <b>(looking back; the buttons act on the present)</b>"
        self.history_caption.value = html.escape(caption) + (
            looking_back if self._viewing is not None else ""
        )

    def _refresh_graph(self) -> None:
        if self._changed("graph", (len(self.account.history), self.step)):
            self.graph.show(self.account, self.step)


class Trouble(str):
    """A note about an action that succeeded but went wrong downstream (shown in red)."""


def _describe(err: LambdaModelError) -> str:
    """One line: the AWS error code and message (``ResourceNotFoundException: ...``)."""
    if isinstance(err, ServiceError):
        return f"{err.code}: {err.message}"
    return str(getattr(err, "message", err))
