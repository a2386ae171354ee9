"""The console's log: changes, invocations and S3 deliveries, newest first, as an HTML table.

The log follows an account incrementally: :meth:`ActivityLog.sync` reads only the history
events and invocation records that appeared since its previous call, so its cost does not
grow with the account's age. The invocations one sync reads (one console action) are
grouped by (target, version that ran, outcome): one click adds at most one row per
version and outcome, with a count, and further identical invocations with nothing else in
between add to those rows. Configuration changes are pinned: traffic (invocations and S3
deliveries) never pushes a change out of the log, and ``show_traffic = False`` hides it.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "ok", publish=True)
>>> log = ActivityLog(account, "f")
>>> _ = account.create_alias("f", "PROD", "1")
>>> _ = account.invoke("f:PROD"), account.invoke("f:PROD")
>>> log.sync()
True
>>> log.rows
[LogRow(step 3, change: alias PROD -> 1), LogRow(step 3, invoke: f:PROD -> version 1, ok x2)]
"""

from __future__ import annotations

import html
from collections import deque
from dataclasses import dataclass, replace

from ..core import Account, Event, InvocationRecord

__all__ = ["ActivityLog", "LogRow"]

#: Column titles and widths: the table never grows wider than its container; a long
#: value is cut with an ellipsis and shown whole on hover (``title``).
_COLUMNS = (
    ("step", "3.5em"),
    ("kind", "5.5em"),
    ("what", "auto"),
    ("ran", "3em"),
    ("outcome", "9.5em"),
)
_CELL = "padding:0 6px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap"


@dataclass(frozen=True)
class LogRow:
    """One line of the log.

    ``step`` is the number of history events at the time; ``kind`` is ``change``,
    ``invoke`` or ``S3``; ``version`` is the version that ran (empty for a change).
    """

    step: int
    kind: str
    what: str
    version: str = ""
    outcome: str = ""
    count: int = 1

    def __repr__(self) -> str:
        ran = f" -> version {self.version}" if self.version else ""
        outcome = f", {self.outcome}" if self.outcome else ""
        times = f" x{self.count}" if self.count > 1 else ""
        return f"LogRow(step {self.step}, {self.kind}: {self.what}{ran}{outcome}{times})"

    @property
    def is_traffic(self) -> bool:
        """Invocations and S3 deliveries are traffic; everything else is a change."""
        return self.kind != "change"


def _concerns(event: Event, function_name: str) -> bool:
    """Events about another function are left out; S3 and queue events are kept."""
    return getattr(event, "function_name", function_name) == function_name


def _event_rows(event: Event, step: int) -> list[LogRow]:
    deliveries = getattr(event, "deliveries", None)
    if deliveries is None:
        return [LogRow(step, "change", str(event))]
    what = str(event).split(" -> ", 1)[0]
    if not deliveries:
        return [LogRow(step, "S3", what, outcome="no notification")]
    return [
        LogRow(
            step,
            "S3",
            f"{what} -> {d.target_arn.split(':function:')[-1]}",
            d.executed_version or "",
            d.outcome,
        )
        for d in deliveries
    ]


def _invocation_row(record: InvocationRecord, step: int) -> LogRow:
    target = record.invoked_arn.split(":function:")[-1]
    source = f" ({record.source})" if record.source else ""
    outcome = "ok" if record.ok else "error"
    if record.attempts > 1:
        outcome += f" after {record.attempts} attempts"
    return LogRow(step, "invoke", f"{target}{source}", record.executed_version, outcome)


def _grouped(rows: list[LogRow]) -> list[LogRow]:
    """Rows with equal (step, kind, what, version, outcome) folded into one with a count,
    in the order each group first appears."""
    groups: dict[LogRow, LogRow] = {}
    for row in rows:
        key = replace(row, count=1)
        found = groups.get(key)
        groups[key] = row if found is None else replace(found, count=found.count + row.count)
    return list(groups.values())


class ActivityLog:
    """The recent activity of one function: at most ``size`` rows on show.

    The newest ``size`` changes are always kept; traffic rows fill the rest.
    """

    def __init__(self, account: Account, function_name: str, size: int = 10) -> None:
        self.account = account
        self.function_name = function_name
        self.size = size
        # (sequence number, row): the sequence orders changes and traffic in one log.
        self._changes: deque[tuple[int, LogRow]] = deque(maxlen=size)
        self._traffic: deque[tuple[int, LogRow]] = deque(maxlen=size)
        self._sequence = 0
        self._show_traffic = True
        self._seen_events = len(account.history)
        # The newest record already shown; the deque is bounded, so identity, not position.
        self._last_record: InvocationRecord | None = (
            account.invocation_log[-1] if account.invocation_log else None
        )
        #: Increases whenever what the log shows changes: a cheap key for redrawing.
        self.revision = 0

    def __repr__(self) -> str:
        return f"ActivityLog({self.function_name}, {len(self.rows)} rows)"

    @property
    def show_traffic(self) -> bool:
        """Whether :meth:`to_html` shows invocations and S3 deliveries (changes always)."""
        return self._show_traffic

    @show_traffic.setter
    def show_traffic(self, value: bool) -> None:
        if bool(value) != self._show_traffic:
            self._show_traffic = bool(value)
            self.revision += 1

    @property
    def rows(self) -> list[LogRow]:
        """The rows on show, oldest first: every kept change, and the newest traffic rows
        that fit in ``size``."""
        room = max(0, self.size - len(self._changes))
        traffic = list(self._traffic)[-room:] if room else []
        merged = sorted([*self._changes, *traffic], key=lambda item: item[0])
        return [row for _, row in merged]

    def _new_records(self) -> list[InvocationRecord]:
        fresh: list[InvocationRecord] = []
        for record in reversed(self.account.invocation_log):
            if record is self._last_record:
                break
            fresh.append(record)
        fresh.reverse()
        return fresh

    def _add(self, row: LogRow) -> None:
        self._sequence += 1
        (self._traffic if row.is_traffic else self._changes).append((self._sequence, row))

    def _add_invocations(self, row: LogRow) -> None:
        """Add a group of invocations to an equal row of the same step that nothing has
        followed but traffic; otherwise add it as a new row."""
        last_change = self._changes[-1][0] if self._changes else 0
        for index in range(len(self._traffic) - 1, -1, -1):
            sequence, kept = self._traffic[index]
            if sequence < last_change or kept.step != row.step:
                break
            if replace(kept, count=1) == replace(row, count=1):
                self._traffic[index] = (sequence, replace(kept, count=kept.count + row.count))
                return
        self._add(row)

    def sync(self) -> bool:
        """Read what happened since the last call. True when rows were added."""
        history = self.account.history
        added = False
        for index in range(self._seen_events, len(history)):
            event = history[index]
            if _concerns(event, self.function_name):
                for row in _event_rows(event, index + 1):
                    self._add(row)
                    added = True
        self._seen_events = len(history)
        records = self._new_records()
        if records:
            self._last_record = records[-1]
        invocations = [
            _invocation_row(record, len(history))
            for record in records
            # A delivery from an event source (aws:s3, aws:sqs) is shown by its event's row.
            if record.function_name == self.function_name
            and not (record.source or "").startswith("aws:")
        ]
        for row in _grouped(invocations):
            self._add_invocations(row)
            added = True
        if added:
            self.revision += 1
        return added

    def to_html(self) -> str:
        """An HTML table of the rows on show, newest first, never wider than its container."""
        rows = [row for row in self.rows if self._show_traffic or not row.is_traffic]
        if not rows:
            empty = "No activity yet." if self._show_traffic or not self.rows else "No changes yet."
            return f"<div class='lm-log-empty'><i>{empty}</i></div>"
        columns = "".join(
            f"<col style='width:{width}'>" if width != "auto" else "<col>" for _, width in _COLUMNS
        )
        head = "".join(
            f"<th scope='col' style='text-align:left;{_CELL}'>{title}</th>" for title, _ in _COLUMNS
        )
        body = []
        for row in reversed(rows):
            outcome = row.outcome + (f" ×{row.count}" if row.count > 1 else "")
            cells = (str(row.step), row.kind, row.what, row.version, outcome)
            colour = "#b00020" if row.outcome.startswith(("error", "refused")) else "inherit"
            body.append(
                f"<tr style='color:{colour}'>"
                + "".join(
                    f"<td style='{_CELL}' title='{html.escape(cell, quote=True)}'>"
                    f"{html.escape(cell)}</td>"
                    for cell in cells
                )
                + "</tr>"
            )
        return (
            "<table class='lm-log' style='border-collapse:collapse;font-size:90%;"
            "table-layout:fixed;width:100%'>"
            "<caption style='position:absolute;left:-9999px'>Activity log, newest first</caption>"
            f"<colgroup>{columns}</colgroup>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
