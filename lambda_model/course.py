"""Helpers the course's notebooks call, so that their cells show only what the learner reads.

- :func:`release` is the deploy step of a release pipeline: it writes down where the alias
  pointed, then moves it. Its list of :class:`Release` records is the pipeline's release
  record, which is where a rollback finds its target on AWS (AWS keeps no alias history; the
  simulator's ``account.history`` is only a way to check).
- :func:`allow_bucket` and :func:`notify` wire an S3 bucket to a function: AddPermission for
  S3, and the bucket's notification configuration; :func:`upload` puts the same object in
  several buckets, to compare where each one's event went.
- :func:`drill_account` is the release drill's production (notebook 08), and
  :func:`drill_recording` plays the drill on a fresh one, with the calls the console's
  buttons make, for an animation to show what the attendee's clicks will do.

>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("thumbnailer", lambda event, context: "ok", publish=True)
>>> _ = account.update_function_configuration("thumbnailer", description="two")
>>> _ = account.publish_version("thumbnailer")
>>> _ = account.create_alias("thumbnailer", "PROD", "1")
>>> releases = []
>>> release(account, "thumbnailer", "PROD", "2", releases)
Release(thumbnailer:PROD 1 -> 2)
>>> releases[-1].previous_version
'1'
>>> _ = account.create_bucket("photos")
>>> _ = allow_bucket(account, "photos", "thumbnailer", qualifier="PROD")
>>> notify(account, "photos", account.function_arn("thumbnailer", "PROD"))
NotificationConfiguration([make-thumbnails: s3:ObjectCreated:* -> thumbnailer:PROD])
>>> upload(account, "cat.jpg", ["photos"])
[WriteResult(ObjectCreated:Put s3://photos/cat.jpg -> [thumbnailer:PROD ran version 2: ok])]
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .core.account import Account
from .core.events import AliasUpdated, ObjectCreated, VersionPublished

__all__ = [
    "DrillRecording",
    "Release",
    "allow_bucket",
    "drill_account",
    "drill_recording",
    "make_thumbnail",
    "notify",
    "release",
    "upload",
]


@dataclass(frozen=True)
class Release:
    """One line of a pipeline's release record: ``alias`` of ``function_name`` moved from
    ``previous_version`` to ``version``."""

    function_name: str
    alias: str
    previous_version: str
    version: str

    def __repr__(self) -> str:
        return (
            f"Release({self.function_name}:{self.alias} {self.previous_version} -> {self.version})"
        )


def release(account, function_name, alias, version, releases):
    """The pipeline's deploy step: note where the alias points, move it, keep the record."""
    previous = account.get_alias(function_name, alias).function_version
    account.update_alias(function_name, alias, function_version=version)
    record = Release(function_name, alias, previous, version)
    releases.append(record)
    return record


def allow_bucket(
    account: Account, bucket: str, function_name: str, qualifier: str | None = None
) -> object:
    """AddPermission: S3 may invoke ``function_name[:qualifier]`` for events from ``bucket``
    (the grant covers that one ARN; the function itself when ``qualifier`` is None)."""
    return account.add_permission(
        function_name,
        statement_id="s3",
        action="lambda:InvokeFunction",
        principal="s3.amazonaws.com",
        qualifier=qualifier,
        source_arn=f"arn:aws:s3:::{bucket}",
    )


def notify(account: Account, bucket: str, function_arn: str, id: str = "make-thumbnails") -> object:
    """PutBucketNotificationConfiguration: every new object in ``bucket`` invokes
    ``function_arn``."""
    entry = {"Id": id, "LambdaFunctionArn": function_arn, "Events": ["s3:ObjectCreated:*"]}
    return account.put_bucket_notification_configuration(
        bucket, {"LambdaFunctionConfigurations": [entry]}
    )


def upload(account: Account, key: str, buckets, body: bytes = b"...image bytes...") -> list:
    """PutObject of the same object in each of ``buckets``; each result says which ARN the
    bucket's event invoked and which version ran."""
    return [account.put_object(bucket, key, body) for bucket in buckets]


# --- the release drill (notebook 08) ---------------------------------------------------------

DRILL_FUNCTION = "thumbnailer"
DRILL_BUCKET = "uploads"
#: What the console's Upload button writes.
UPLOADED = b"uploaded from the console"


def make_thumbnail(event, context):
    """Version 1 of the drill's thumbnailer: names a thumbnail after the uploaded object."""
    key = event["Records"][0]["s3"]["object"]["key"]
    return f"thumbnail of {key}"


def drill_account(new_handler: Callable | None = None, *, seed: int = 15) -> Account:
    """The release drill's production, before the drill.

    ``thumbnailer`` version 1 (:func:`make_thumbnail`) is behind the alias ``PROD``; S3 may
    invoke ``thumbnailer:PROD`` for the bucket ``uploads``, whose notification names that
    alias ARN. ``new_handler``, when given, is the next release's code, in ``$LATEST`` and
    not published yet.

    >>> account = drill_account()
    >>> account.get_alias("thumbnailer", "PROD")
    AliasConfiguration(PROD -> 1)
    >>> account.put_object("uploads", "cat.jpg", b"meow")
    WriteResult(ObjectCreated:Put s3://uploads/cat.jpg -> [thumbnailer:PROD ran version 1: ok])
    """
    account = Account(seed=seed)
    account.create_function(DRILL_FUNCTION, make_thumbnail, publish=True)
    account.create_alias(DRILL_FUNCTION, "PROD", "1")
    account.create_bucket(DRILL_BUCKET)
    allow_bucket(account, DRILL_BUCKET, DRILL_FUNCTION, qualifier="PROD")
    notify(account, DRILL_BUCKET, account.function_arn(DRILL_FUNCTION, "PROD"), id="thumbnails")
    if new_handler is not None:
        account.update_function_code(DRILL_FUNCTION, new_handler)
    return account


@dataclass
class DrillRecording:
    """The drill played on its own account: ``steps`` are the history steps worth a frame
    (the first is the starting state), for :func:`lambda_model.viz.animate`."""

    account: Account
    steps: list[int] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"DrillRecording({DRILL_FUNCTION}, {len(self.steps) - 1} steps shown)"

    def story(self) -> str:
        """One line per frame: its history step and caption."""
        from .viz import captions

        said = captions(self.account)
        return "\n".join(f"{step + 1:>3}  {said[step]}" for step in self.steps)


def drill_recording(
    new_handler: Callable, *, weight: int = 10, uploads: int = 10, seed: int = 15
) -> DrillRecording:
    """The drill, clicked through on a fresh :func:`drill_account` with the calls the
    console's buttons make: **Publish new version**; the canary's **weight %** set to
    ``weight`` for the new version; **Upload object** (``cat.jpg``) ``uploads`` times;
    **Roll back**; one more **Upload object**.

    The same clicks on a console bound to ``drill_account(new_handler, seed=seed)`` give the
    same outcomes, upload for upload (the account's seed decides the canary's picks).

    >>> def broken(event, context):
    ...     raise KeyError("contentType")
    >>> recording = drill_recording(broken)
    >>> recording.account.get_alias("thumbnailer", "PROD")
    AliasConfiguration(PROD -> 1)
    >>> print(recording.story())  # doctest: +ELLIPSIS
      7  update thumbnailer code (...)
      9  publish thumbnailer version 2
     10  PROD: 1 -> 1 (90%) + 2 (10%)
     11  upload s3://uploads/cat.jpg -> thumbnailer:PROD ran version 1: ok
    ...
     21  PROD: 1 (90%) + 2 (10%) -> 1
     22  upload s3://uploads/cat.jpg -> thumbnailer:PROD ran version 1: ok
    """
    from .widgets.actions import publish_new_version, roll_back, set_canary

    account = drill_account(new_handler, seed=seed)
    start = len(account.history) - 1
    version = publish_new_version(account, DRILL_FUNCTION).version
    set_canary(account, DRILL_FUNCTION, "PROD", version, weight)
    for _ in range(uploads):
        account.put_object(DRILL_BUCKET, "cat.jpg", UPLOADED)
    roll_back(account, DRILL_FUNCTION, "PROD")
    account.put_object(DRILL_BUCKET, "cat.jpg", UPLOADED)
    return DrillRecording(account, [start, *_worth_a_frame(account, start + 1)])


def _worth_a_frame(account: Account, since: int) -> list[int]:
    """The drill's steps to show: every publication and alias move, the first upload, each
    upload that did not end ok, and the last upload."""
    uploads = [
        step
        for step in range(since, len(account.history))
        if isinstance(account.history[step], ObjectCreated)
    ]
    shown = {uploads[0], uploads[-1]} if uploads else set()
    for step in range(since, len(account.history)):
        event = account.history[step]
        moved = isinstance(event, VersionPublished | AliasUpdated)
        failed = isinstance(event, ObjectCreated) and any(
            delivery.outcome != "ok" for delivery in event.deliveries
        )
        if moved or failed:
            shown.add(step)
    return sorted(shown)
