"""The AWS CLI command that does on AWS what each history event did in the simulator.

For the notebooks' "now do it on AWS" cells: every command is a single shell line, quoted with
:func:`shlex.quote` where needed, using the CLI's shorthand syntax where AWS's own
documentation does (``--routing-config AdditionalVersionWeights={"4"=0.1}``) and JSON for
larger structures. ARNs keep the simulated account id (``123456789012``): put your own in.
Code is uploaded from ``<function>.zip`` (``Code.to_zip`` writes one) and objects from a
local file named after the key. The tests replay these commands through the real AWS CLI
(:func:`lambda_model.aws.run_cli`) and compare the rebuilt account with the original.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("thumbnailer", "def handler(e, c):\\n    return 1\\n")
>>> _ = account.publish_version("thumbnailer")
>>> _ = account.create_alias("thumbnailer", "PROD", "1")
>>> for command in cli_commands(account)[1:]:
...     print(command)
aws lambda publish-version --function-name thumbnailer
aws lambda create-alias --function-name thumbnailer --name PROD --function-version 1
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Iterable, Mapping
from shlex import quote

from ..core import events as ev

__all__ = ["cli_command", "cli_commands"]


def _command(service: str, operation: str, *options: tuple[str, object]) -> str:
    """``aws SERVICE OPERATION --option value ...``; ``None`` values are left out, ``True`` is a
    bare flag, ``False`` its ``--no-`` form."""
    parts = ["aws", service, operation]
    for option, value in options:
        if value is None:
            continue
        if value is True:
            parts.append(f"--{option}")
        elif value is False:
            parts.append(f"--no-{option}")
        else:
            parts.extend((f"--{option}", value if isinstance(value, _Raw) else quote(str(value))))
    return " ".join(parts)


class _Raw(str):
    """An argument already quoted for the shell."""


def _json(value: object) -> _Raw:
    return _Raw(quote(json.dumps(value, separators=(",", ":"))))


def _routing(weights: Mapping[str, float] | None, previous: Mapping[str, float] | None):
    """``--routing-config`` in the CLI shorthand AWS's documentation uses; an explicit empty
    map when weights were cleared; nothing when there were none before or after."""
    if weights:
        items = ",".join(f'"{version}"={weight!r}' for version, weight in weights.items())
        # After the shell removes the double quotes the CLI reads {4=0.1}: version "4".
        return _Raw(f"AdditionalVersionWeights={{{items}}}")
    if previous:
        return _json({"AdditionalVersionWeights": {}})
    return None


def _queue_url(queue_arn: str) -> str:
    _, _, _, region, account_id, name = queue_arn.split(":", 5)
    return f"https://sqs.{region}.amazonaws.com/{account_id}/{name}"


_CONFIG_OPTIONS = {
    "handler": "handler",
    "runtime": "runtime",
    "role": "role",
    "memory_size": "memory-size",
    "timeout": "timeout",
    "description": "description",
}


def _function_created(e: ev.FunctionCreated, region: str) -> list[str]:
    return [
        _command(
            "lambda",
            "create-function",
            ("function-name", e.function_name),
            ("runtime", e.runtime),
            ("handler", e.handler),
            ("role", e.role),
            ("zip-file", f"fileb://{e.function_name}.zip"),
            ("description", e.description or None),
        )
    ]


def _code_updated(e: ev.FunctionCodeUpdated, region: str) -> list[str]:
    return [
        _command(
            "lambda",
            "update-function-code",
            ("function-name", e.function_name),
            ("zip-file", f"fileb://{e.function_name}.zip"),
        )
    ]


def _configuration_updated(e: ev.FunctionConfigurationUpdated, region: str) -> list[str]:
    options: list[tuple[str, object]] = [("function-name", e.function_name)]
    for key in sorted(e.changes):
        value = e.changes[key]
        if key == "environment":
            options.append(("environment", _json({"Variables": dict(value)})))
        else:
            options.append((_CONFIG_OPTIONS[key], value))
    return [_command("lambda", "update-function-configuration", *options)]


def _function_deleted(e: ev.FunctionDeleted, region: str) -> list[str]:
    return [_command("lambda", "delete-function", ("function-name", e.function_name))]


def _recursion_configured(e: ev.FunctionRecursionConfigured, region: str) -> list[str]:
    return [
        _command(
            "lambda",
            "put-function-recursion-config",
            ("function-name", e.function_name),
            ("recursive-loop", e.recursive_loop),
        )
    ]


def _version_published(e: ev.VersionPublished, region: str) -> list[str]:
    return [
        _command(
            "lambda",
            "publish-version",
            ("function-name", e.function_name),
            ("description", e.description or None),
        )
    ]


def _version_deleted(e: ev.VersionDeleted, region: str) -> list[str]:
    return [
        _command(
            "lambda",
            "delete-function",
            ("function-name", e.function_name),
            ("qualifier", e.version),
        )
    ]


def _alias_created(e: ev.AliasCreated, region: str) -> list[str]:
    return [
        _command(
            "lambda",
            "create-alias",
            ("function-name", e.function_name),
            ("name", e.name),
            ("function-version", e.function_version),
            ("description", e.description or None),
            ("routing-config", _routing(e.weights, None)),
        )
    ]


def _alias_updated(e: ev.AliasUpdated, region: str) -> list[str]:
    return [
        _command(
            "lambda",
            "update-alias",
            ("function-name", e.function_name),
            ("name", e.name),
            ("function-version", e.function_version),
            ("description", e.description),
            ("routing-config", _routing(e.weights, e.previous_weights)),
        )
    ]


def _alias_deleted(e: ev.AliasDeleted, region: str) -> list[str]:
    return [
        _command("lambda", "delete-alias", ("function-name", e.function_name), ("name", e.name))
    ]


def _permission_added(e: ev.PermissionAdded, region: str) -> list[str]:
    return [
        _command(
            "lambda",
            "add-permission",
            ("function-name", e.function_name),
            ("qualifier", e.qualifier),
            ("statement-id", e.statement_id),
            ("action", e.action),
            ("principal", e.principal),
            ("source-arn", e.source_arn),
            ("source-account", e.source_account),
        )
    ]


def _permission_removed(e: ev.PermissionRemoved, region: str) -> list[str]:
    return [
        _command(
            "lambda",
            "remove-permission",
            ("function-name", e.function_name),
            ("qualifier", e.qualifier),
            ("statement-id", e.statement_id),
        )
    ]


def _bucket_created(e: ev.BucketCreated, region: str) -> list[str]:
    location = None if region == "us-east-1" else _Raw(f"LocationConstraint={quote(region)}")
    return [
        _command(
            "s3api",
            "create-bucket",
            ("bucket", e.bucket),
            ("create-bucket-configuration", location),
        )
    ]


def _bucket_deleted(e: ev.BucketDeleted, region: str) -> list[str]:
    return [_command("s3api", "delete-bucket", ("bucket", e.bucket))]


def _notification_configured(e: ev.BucketNotificationConfigured, region: str) -> list[str]:
    configuration = {"LambdaFunctionConfigurations": [dict(c) for c in e.lambda_configurations]}
    return [
        _command(
            "s3api",
            "put-bucket-notification-configuration",
            ("bucket", e.bucket),
            ("notification-configuration", _json(configuration)),
        )
    ]


def _object_created(e: ev.ObjectCreated, region: str) -> list[str]:
    source = e.copy_source
    if source is not None:
        return [
            _command(
                "s3api",
                "copy-object",
                ("copy-source", source),
                ("bucket", e.bucket),
                ("key", e.key),
            )
        ]
    return [
        _command(
            "s3api",
            "put-object",
            ("bucket", e.bucket),
            ("key", e.key),
            ("body", posixpath.basename(e.key) or "object"),
        )
    ]


def _object_removed(e: ev.ObjectRemoved, region: str) -> list[str]:
    return [_command("s3api", "delete-object", ("bucket", e.bucket), ("key", e.key))]


def _queue_created(e: ev.QueueCreated, region: str) -> list[str]:
    return [_command("sqs", "create-queue", ("queue-name", e.queue_arn.rsplit(":", 1)[-1]))]


def _mapping_created(e: ev.EventSourceMappingCreated, region: str) -> list[str]:
    return [
        _command(
            "lambda",
            "create-event-source-mapping",
            ("function-name", e.function_arn),
            ("event-source-arn", e.event_source_arn),
            ("batch-size", e.batch_size),
            ("enabled", e.enabled),
        )
    ]


def _mapping_updated(e: ev.EventSourceMappingUpdated, region: str) -> list[str]:
    return [
        _command(
            "lambda",
            "update-event-source-mapping",
            ("uuid", e.uuid),
            ("function-name", e.function_arn),
            ("batch-size", e.batch_size),
            ("enabled", e.enabled),
        )
    ]


def _mapping_deleted(e: ev.EventSourceMappingDeleted, region: str) -> list[str]:
    return [_command("lambda", "delete-event-source-mapping", ("uuid", e.uuid))]


def _messages_sent(e: ev.MessagesSent, region: str) -> list[str]:
    """One ``send-message`` for a single message; ``send-message-batch`` (at most 10 entries
    a call, as SQS allows) for several sent together."""
    if len(e.bodies) != e.count:
        raise ValueError(f"{e!r} does not record the bodies of its {e.count} message(s)")
    url = _queue_url(e.queue_arn)
    if e.count == 1:
        return [_command("sqs", "send-message", ("queue-url", url), ("message-body", e.bodies[0]))]
    commands = []
    for start in range(0, e.count, 10):
        entries = [
            {"Id": str(n), "MessageBody": body}
            for n, body in enumerate(e.bodies[start : start + 10], start + 1)
        ]
        commands.append(
            _command("sqs", "send-message-batch", ("queue-url", url), ("entries", _json(entries)))
        )
    return commands


_WRITERS: dict[type, Callable[..., list[str]]] = {
    ev.FunctionCreated: _function_created,
    ev.FunctionCodeUpdated: _code_updated,
    ev.FunctionConfigurationUpdated: _configuration_updated,
    ev.FunctionDeleted: _function_deleted,
    ev.VersionPublished: _version_published,
    ev.VersionDeleted: _version_deleted,
    ev.AliasCreated: _alias_created,
    ev.AliasUpdated: _alias_updated,
    ev.AliasDeleted: _alias_deleted,
    ev.PermissionAdded: _permission_added,
    ev.PermissionRemoved: _permission_removed,
    ev.BucketCreated: _bucket_created,
    ev.BucketDeleted: _bucket_deleted,
    ev.BucketNotificationConfigured: _notification_configured,
    ev.ObjectCreated: _object_created,
    ev.ObjectRemoved: _object_removed,
    ev.QueueCreated: _queue_created,
    ev.EventSourceMappingCreated: _mapping_created,
    ev.EventSourceMappingUpdated: _mapping_updated,
    ev.EventSourceMappingDeleted: _mapping_deleted,
    ev.MessagesSent: _messages_sent,
    ev.FunctionRecursionConfigured: _recursion_configured,
    ev.TrafficElided: lambda e, region: [],
}


def cli_command(event: ev.Event, *, region: str = "us-east-1") -> str:
    """The AWS CLI command(s) equivalent to one history event, one per line.

    >>> from lambda_model import AliasUpdated
    >>> print(cli_command(AliasUpdated(0.0, "thumbnailer", "PROD", "3", {"4": 0.1}, "3", None)))
    aws lambda update-alias --function-name thumbnailer --name PROD --function-version 3 \
--routing-config AdditionalVersionWeights={"4"=0.1}
    """
    writer = _WRITERS.get(type(event))
    if writer is None:
        raise TypeError(f"no AWS CLI equivalent is known for {type(event).__name__}")
    return "\n".join(writer(event, region))


def cli_commands(account_or_events: object) -> list[str]:
    """The AWS CLI commands replaying an account's history (or a list of events), in order."""
    history: Iterable[ev.Event] = getattr(account_or_events, "history", account_or_events)
    region = getattr(account_or_events, "region", "us-east-1")
    commands: list[str] = []
    for event in history:
        writer = _WRITERS.get(type(event))
        if writer is None:
            raise TypeError(f"no AWS CLI equivalent is known for {type(event).__name__}")
        commands.extend(writer(event, region))
    return commands
