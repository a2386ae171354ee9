"""Helpers the course's notebooks call, so that their cells show only what the learner reads.

- :func:`release` is the deploy step of a release pipeline: it writes down where the alias
  pointed, then moves it. Its list of :class:`Release` records is the pipeline's release
  record, which is where a rollback finds its target on AWS (AWS keeps no alias history; the
  simulator's ``account.history`` is only a way to check).
- :func:`allow_bucket` and :func:`notify` wire an S3 bucket to a function: AddPermission for
  S3, and the bucket's notification configuration.

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
"""

from __future__ import annotations

from dataclasses import dataclass

from .core.account import Account

__all__ = ["Release", "allow_bucket", "notify", "release"]


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
