"""The churn scenario: K releases and one rollback, with a bucket wired (a) to a version ARN
and (b) to the PROD alias ARN, uploading objects throughout.

Both wirings run the same release plan in their own seeded account, step for step:

1. publish version N (uploads now are meant for the live version, N-1);
2. promote: move alias ``PROD`` to N (N is now the intended version);
3. the window: uploads before the pinned bucket is re-pointed;
4. wiring (a) only: grant S3 on ``fn:N`` and re-point the bucket to ``fn:N``;
5. steady uploads.

The rollback moves ``PROD`` back to the previous version, with the same window, and wiring
(a) re-points its bucket once more. Every number in the report is read back from the
simulation: the history events each account recorded and the version each upload ran.

Examples
--------
>>> report = run_churn(releases=2, uploads_per_step=1)
>>> report.pinned.notification_changes, report.alias.notification_changes
(3, 0)
>>> [u.key for u in report.pinned.stale]
['r1-window-1.jpg', 'r2-window-1.jpg', 'rollback-window-1.jpg']
>>> report.alias.stale
()
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .account import Account
from .events import (
    AliasUpdated,
    BucketNotificationConfigured,
    Event,
    MessagesSent,
    ObjectCreated,
    ObjectRemoved,
    PermissionAdded,
    PermissionRemoved,
)

__all__ = ["ChurnCase", "ChurnReport", "ChurnUpload", "run_churn"]

PHASE_STEADY = "steady"
PHASE_PUBLISHED = "published, not yet promoted"
PHASE_WINDOW = "promoted, bucket not yet re-pointed"
PHASE_ROLLBACK_WINDOW = "rolled back, bucket not yet re-pointed"

WIRING_VERSION = "version ARN"
WIRING_ALIAS = "PROD alias ARN"


@dataclass(frozen=True, slots=True)
class ChurnUpload:
    """One object put during the scenario, the version meant to handle it, and the one that did.

    ``intended_version`` is the version the release plan had made live (PROD's target) when
    the object was uploaded.
    """

    key: str
    phase: str
    intended_version: str
    executed_version: str | None
    outcome: str

    @property
    def stale(self) -> bool:
        """Handled by another version than the live one (or by none)."""
        return self.executed_version != self.intended_version

    def __repr__(self) -> str:
        ran = self.executed_version or "nothing"
        return f"ChurnUpload({self.key}: intended {self.intended_version}, ran {ran})"


@dataclass(frozen=True)
class ChurnCase:
    """What one wiring needed and what its events met, over the whole scenario."""

    wiring: str
    bucket: str
    target_arns: tuple[str, ...]
    notification_changes: int
    permission_changes: int
    alias_moves: int
    uploads: tuple[ChurnUpload, ...]
    rollback_touched: tuple[str, ...]
    account: Account = field(repr=False, compare=False)

    @property
    def on_intended(self) -> int:
        """Uploads handled by the intended version."""
        return sum(1 for u in self.uploads if not u.stale)

    @property
    def stale(self) -> tuple[ChurnUpload, ...]:
        """Uploads handled by another version than the live one."""
        return tuple(u for u in self.uploads if u.stale)

    def __repr__(self) -> str:
        return (
            f"ChurnCase(bucket -> {self.wiring}: {self.notification_changes} notification "
            f"changes, {self.on_intended}/{len(self.uploads)} events on the intended version)"
        )


@dataclass(frozen=True)
class ChurnReport:
    """The two wirings side by side. ``str(report)`` (or ``report.table()``) prints them."""

    releases: int
    uploads_per_step: int
    pinned: ChurnCase
    alias: ChurnCase

    def __repr__(self) -> str:
        return (
            f"ChurnReport({self.releases} releases + 1 rollback: bucket notification changes "
            f"{self.pinned.notification_changes} (version ARN) vs "
            f"{self.alias.notification_changes} (alias ARN))"
        )

    def __str__(self) -> str:
        return self.table()

    def table(self) -> str:
        """A readable text table of the figures, then the stale events and what the rollback
        touched, for each wiring."""
        cases = (self.pinned, self.alias)
        rows = [
            ("", *(f"bucket -> {c.wiring}" for c in cases)),
            ("bucket notification changes", *(str(c.notification_changes) for c in cases)),
            ("permission changes", *(str(c.permission_changes) for c in cases)),
            ("alias moves", *(str(c.alias_moves) for c in cases)),
            ("object events delivered", *(str(len(c.uploads)) for c in cases)),
            ("  reached the intended version", *(str(c.on_intended) for c in cases)),
            ("  went to a stale version", *(str(len(c.stale)) for c in cases)),
            ("changes made by the rollback", *(str(len(c.rollback_touched)) for c in cases)),
        ]
        first = max(len(r[0]) for r in rows) + 2
        widths = [max(len(r[i]) for r in rows) + 2 for i in (1, 2)]
        lines = [
            f"Churn over {self.releases} releases and 1 rollback, after the initial wiring "
            f"({self.uploads_per_step} upload(s) per step)"
        ]
        for row in rows:
            lines.append(
                (row[0].ljust(first) + row[1].rjust(widths[0]) + row[2].rjust(widths[1])).rstrip()
            )
        for case in cases:
            lines.append("")
            lines.append(f"bucket -> {case.wiring}:")
            if case.stale:
                lines.append("  stale events:")
                key_width = max(len(u.key) for u in case.stale)
                for upload in case.stale:
                    lines.append(
                        f"    {upload.key.ljust(key_width)}  intended {upload.intended_version}, "
                        f"ran {upload.executed_version or 'nothing'} ({upload.phase})"
                    )
            else:
                lines.append("  stale events: none")
            lines.append("  the rollback touched:")
            lines.extend(f"    {caption}" for caption in case.rollback_touched)
        return "\n".join(lines)


def _code(release: int) -> str:
    return f"def handler(event, context):\n    return 'release {release}'\n"


def _is_change(event: Event) -> bool:
    """History events that change configuration (not object traffic)."""
    return not isinstance(event, ObjectCreated | ObjectRemoved | MessagesSent)


def _run_case(
    wiring: str, releases: int, uploads_per_step: int, seed: int, function_name: str
) -> ChurnCase:
    account = Account(seed=seed)
    bucket = "uploads-pinned" if wiring == WIRING_VERSION else "uploads-alias"
    bucket_arn = f"arn:aws:s3:::{bucket}"
    uploads: list[ChurnUpload] = []
    targets: list[str] = []

    def grant(qualifier: str) -> None:
        account.add_permission(
            function_name,
            f"s3-invoke-{qualifier}",
            "lambda:InvokeFunction",
            "s3.amazonaws.com",
            qualifier=qualifier,
            source_arn=bucket_arn,
            source_account=account.account_id,
        )

    def wire(qualifier: str) -> None:
        arn = account.function_arn(function_name, qualifier)
        account.put_bucket_notification_configuration(
            bucket,
            {
                "LambdaFunctionConfigurations": [
                    {"Id": "thumbnails", "LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"]}
                ]
            },
        )
        targets.append(arn)

    def upload(label: str, phase: str, intended: str) -> None:
        for i in range(1, uploads_per_step + 1):
            key = f"{label}-{i}.jpg"
            result = account.put_object(bucket, key, f"{key} pixels".encode())
            delivery = result.deliveries[0]
            uploads.append(
                ChurnUpload(key, phase, intended, delivery.executed_version, delivery.outcome)
            )
            account.clock.advance(1)

    # --- setup: version 1 live behind PROD, the bucket wired and allowed
    account.create_function(function_name, _code(1), publish=True)
    account.create_alias(function_name, "PROD", "1")
    account.create_bucket(bucket)
    wiring_qualifier = "1" if wiring == WIRING_VERSION else "PROD"
    grant(wiring_qualifier)
    wire(wiring_qualifier)
    setup_end = len(account.history)
    live = "1"
    upload("r0-steady", PHASE_STEADY, live)

    def promote(version: str, label: str, window_phase: str) -> None:
        account.update_alias(function_name, "PROD", function_version=version)
        upload(f"{label}-window", window_phase, version)
        if wiring == WIRING_VERSION:
            if account.functions[function_name].policies.get(version) is None:
                grant(version)
            wire(version)
        upload(f"{label}-steady", PHASE_STEADY, version)

    for release in range(1, releases + 1):
        version = account.update_function_code(
            function_name, _code(release + 1), publish=True
        ).version
        upload(f"r{release}-published", PHASE_PUBLISHED, live)
        promote(version, f"r{release}", PHASE_WINDOW)
        live = version

    rollback_start = len(account.history)
    previous = str(int(live) - 1)
    promote(previous, "rollback", PHASE_ROLLBACK_WINDOW)
    rollback_events = [e for e in account.history[rollback_start:] if _is_change(e)]
    changes = account.history[setup_end:]
    return ChurnCase(
        wiring=wiring,
        bucket=bucket,
        target_arns=tuple(targets),
        notification_changes=sum(isinstance(e, BucketNotificationConfigured) for e in changes),
        permission_changes=sum(isinstance(e, PermissionAdded | PermissionRemoved) for e in changes),
        alias_moves=sum(isinstance(e, AliasUpdated) for e in changes),
        uploads=tuple(uploads),
        rollback_touched=tuple(str(e) for e in rollback_events),
        account=account,
    )


def run_churn(
    releases: int = 5,
    *,
    uploads_per_step: int = 1,
    seed: int = 0,
    function_name: str = "thumbnailer",
) -> ChurnReport:
    """Run ``releases`` releases and one rollback under both wirings; report what each took.

    ``uploads_per_step`` objects are uploaded after each publish, in each window and after
    each re-pointing. Same arguments, same report, byte for byte.
    """
    if releases < 1:
        raise ValueError("the scenario needs at least one release (the rollback goes back one)")
    if uploads_per_step < 1:
        raise ValueError("uploads_per_step must be at least 1")
    pinned = _run_case(WIRING_VERSION, releases, uploads_per_step, seed, function_name)
    alias = _run_case(WIRING_ALIAS, releases, uploads_per_step, seed, function_name)
    return ChurnReport(releases, uploads_per_step, pinned, alias)
