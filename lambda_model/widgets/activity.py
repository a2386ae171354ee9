"""The console's log: changes, invocations and S3 deliveries, newest first, as an HTML table.

The log follows an account incrementally: :meth:`ActivityLog.sync` reads only the history
events and invocation records that appeared since its previous call, so its cost does not
grow with the account's age. Consecutive identical invocations fold into one row with a
count.

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
>>> list(log.rows)
[LogRow(step 3, change: alias PROD -> 1), LogRow(step 3, invoke: f:PROD -> version 1, ok x2)]
"""

from __future__ import annotations

import html
from collections import deque
from dataclasses import dataclass, replace

from ..core import Account, Event, InvocationRecord

__all__ = ["ActivityLog", "LogRow"]


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


class ActivityLog:
    """The recent activity of one function, kept as at most ``size`` rows."""

    def __init__(self, account: Account, function_name: str, size: int = 10) -> None:
        self.account = account
        self.function_name = function_name
        self.rows: deque[LogRow] = deque(maxlen=size)
        self._seen_events = len(account.history)
        # The newest record already shown; the deque is bounded, so identity, not position.
        self._last_record: InvocationRecord | None = (
            account.invocation_log[-1] if account.invocation_log else None
        )
        #: Increases whenever rows change: a cheap key for "redraw only what changed".
        self.revision = 0

    def __repr__(self) -> str:
        return f"ActivityLog({self.function_name}, {len(self.rows)} rows)"

    def _new_records(self) -> list[InvocationRecord]:
        fresh: list[InvocationRecord] = []
        for record in reversed(self.account.invocation_log):
            if record is self._last_record:
                break
            fresh.append(record)
        fresh.reverse()
        return fresh

    def _append(self, row: LogRow) -> None:
        last = self.rows[-1] if self.rows else None
        if (
            last is not None
            and row.kind == "invoke"
            and replace(last, count=1, step=row.step) == row
        ):
            self.rows[-1] = replace(last, count=last.count + 1, step=row.step)
        else:
            self.rows.append(row)

    def sync(self) -> bool:
        """Read what happened since the last call. True when rows were added."""
        history = self.account.history
        added = False
        for index in range(self._seen_events, len(history)):
            event = history[index]
            if _concerns(event, self.function_name):
                for row in _event_rows(event, index + 1):
                    self._append(row)
                    added = True
        self._seen_events = len(history)
        records = self._new_records()
        if records:
            self._last_record = records[-1]
        for record in records:
            # A delivery from an event source (aws:s3, aws:sqs) is shown by its event's row.
            from_event_source = (record.source or "").startswith("aws:")
            if record.function_name == self.function_name and not from_event_source:
                self._append(_invocation_row(record, len(history)))
                added = True
        if added:
            self.revision += 1
        return added

    def to_html(self) -> str:
        """An HTML table of the rows, newest first."""
        if not self.rows:
            return "<div class='lm-log-empty'><i>No activity yet.</i></div>"
        head = "".join(
            f"<th style='text-align:left;padding:0 8px'>{h}</th>"
            for h in ("step", "kind", "what", "ran", "outcome")
        )
        body = []
        for row in reversed(self.rows):
            what = html.escape(row.what) + (f" <b>×{row.count}</b>" if row.count > 1 else "")
            cells = (
                str(row.step),
                row.kind,
                what,
                html.escape(row.version),
                html.escape(row.outcome),
            )
            colour = "#b00020" if row.outcome.startswith(("error", "refused")) else "inherit"
            body.append(
                f"<tr style='color:{colour}'>"
                + "".join(f"<td style='padding:0 8px'>{c}</td>" for c in cells)
                + "</tr>"
            )
        return (
            "<table class='lm-log' style='border-collapse:collapse;font-size:90%'>"
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
        )
