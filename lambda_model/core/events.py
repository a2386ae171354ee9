"""History events: one frozen record per successful mutation, appended to ``account.history``.

Each event carries the simulated ``time`` and what the call did, enough to replay the
account's pointers at any earlier step (the views do) and to write the equivalent AWS CLI
command (the adapters do). ``str(event)`` is a one-line caption.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", "def handler(e, c):\\n    return 1\\n", publish=True)
>>> [str(e) for e in account.history]
['create function f', 'publish f version 1']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "AliasCreated",
    "AliasDeleted",
    "AliasUpdated",
    "BucketCreated",
    "BucketDeleted",
    "BucketNotificationConfigured",
    "Delivery",
    "Event",
    "EventSourceMappingCreated",
    "EventSourceMappingDeleted",
    "EventSourceMappingUpdated",
    "FunctionCodeUpdated",
    "FunctionConfigurationUpdated",
    "FunctionCreated",
    "FunctionDeleted",
    "FunctionRecursionConfigured",
    "MessagesSent",
    "ObjectCreated",
    "ObjectRemoved",
    "PermissionAdded",
    "PermissionRemoved",
    "QueueCreated",
    "TrafficElided",
    "VersionDeleted",
    "VersionPublished",
]


def _weights_text(version: str, weights: Mapping[str, float] | None) -> str:
    if not weights:
        return version
    extra = sum(weights.values())
    parts = [f"{version} ({1 - extra:.0%})"] + [f"{v} ({w:.0%})" for v, w in weights.items()]
    return " + ".join(parts)


@dataclass(frozen=True)
class Event:
    """Base of every history event."""

    time: float = field(repr=False)


@dataclass(frozen=True)
class FunctionCreated(Event):
    function_name: str
    runtime: str
    handler: str
    role: str
    description: str = ""

    def __str__(self) -> str:
        return f"create function {self.function_name}"


@dataclass(frozen=True)
class FunctionCodeUpdated(Event):
    function_name: str
    code_sha256: str

    def __str__(self) -> str:
        return f"update {self.function_name} code ({self.code_sha256[:8]}…)"


@dataclass(frozen=True)
class FunctionConfigurationUpdated(Event):
    function_name: str
    changes: Mapping[str, object]

    def __str__(self) -> str:
        keys = ", ".join(sorted(self.changes))
        return f"update {self.function_name} configuration ({keys})"


@dataclass(frozen=True)
class FunctionDeleted(Event):
    function_name: str

    def __str__(self) -> str:
        return f"delete function {self.function_name}"


@dataclass(frozen=True)
class VersionPublished(Event):
    function_name: str
    version: str
    description: str = ""

    def __str__(self) -> str:
        return f"publish {self.function_name} version {self.version}"


@dataclass(frozen=True)
class VersionDeleted(Event):
    function_name: str
    version: str

    def __str__(self) -> str:
        return f"delete {self.function_name} version {self.version}"


@dataclass(frozen=True)
class AliasCreated(Event):
    function_name: str
    name: str
    function_version: str
    weights: Mapping[str, float] | None = None
    description: str = ""

    def __str__(self) -> str:
        return f"alias {self.name} -> {_weights_text(self.function_version, self.weights)}"


@dataclass(frozen=True)
class AliasUpdated(Event):
    """An alias moved (or its routing or description changed). ``previous_*`` is where it was."""

    function_name: str
    name: str
    function_version: str
    weights: Mapping[str, float] | None
    previous_version: str
    previous_weights: Mapping[str, float] | None
    description: str | None = None

    def __str__(self) -> str:
        before = _weights_text(self.previous_version, self.previous_weights)
        after = _weights_text(self.function_version, self.weights)
        return f"{self.name}: {before} -> {after}"


@dataclass(frozen=True)
class AliasDeleted(Event):
    function_name: str
    name: str

    def __str__(self) -> str:
        return f"delete alias {self.name}"


# --- permissions (resource-based policies) ------------------------------------------------


@dataclass(frozen=True)
class PermissionAdded(Event):
    """A statement added to the policy of the function (``qualifier=None``), a version or an
    alias."""

    function_name: str
    qualifier: str | None
    statement_id: str
    action: str
    principal: str
    source_arn: str | None = None
    source_account: str | None = None

    def __str__(self) -> str:
        on = self.function_name + (f":{self.qualifier}" if self.qualifier else "")
        return f"allow {self.principal} to invoke {on} ({self.statement_id})"


@dataclass(frozen=True)
class PermissionRemoved(Event):
    function_name: str
    qualifier: str | None
    statement_id: str

    def __str__(self) -> str:
        on = self.function_name + (f":{self.qualifier}" if self.qualifier else "")
        return f"remove permission {self.statement_id} from {on}"


# --- S3 -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BucketCreated(Event):
    bucket: str

    def __str__(self) -> str:
        return f"create bucket {self.bucket}"


@dataclass(frozen=True)
class BucketDeleted(Event):
    bucket: str

    def __str__(self) -> str:
        return f"delete bucket {self.bucket}"


@dataclass(frozen=True)
class BucketNotificationConfigured(Event):
    """A PUT of the bucket's notification configuration (it replaces the whole configuration).

    ``lambda_configurations`` holds AWS-shaped dicts, as GetBucketNotificationConfiguration
    returns them: ``{"Id", "LambdaFunctionArn", "Events", ["Filter"]}``.
    """

    bucket: str
    lambda_configurations: tuple[Mapping[str, object], ...]

    def __str__(self) -> str:
        targets = ", ".join(
            c["LambdaFunctionArn"].split(":function:")[-1] for c in self.lambda_configurations
        )
        return f"bucket {self.bucket} notifies [{targets}]"


@dataclass(frozen=True)
class Delivery:
    """One event handed to one target: which ARN, which version ran, what came of it.

    ``outcome`` is ``"ok"``, ``"error"`` (after the retries) or ``"refused: no permission"``;
    also ``"refused: function not found"`` (the ARN names no function, version or alias now)
    and ``"stopped: recursive loop"`` (a handler kept writing back into its own source).
    ``attempts`` counts handler runs: 0 when nothing ran.
    """

    target_arn: str
    executed_version: str | None
    outcome: str
    attempts: int = 1
    configuration_id: str = ""

    def __str__(self) -> str:
        target = self.target_arn.split(":function:")[-1]
        ran = f" ran version {self.executed_version}" if self.executed_version else ""
        return f"{target}{ran}: {self.outcome}"


@dataclass(frozen=True)
class ObjectCreated(Event):
    """PutObject or CopyObject; ``event_name`` is ``ObjectCreated:Put`` or ``:Copy``.

    ``copy_source`` (``"bucket/key"``) names where a copy came from.
    """

    bucket: str
    key: str
    size: int
    event_name: str
    deliveries: tuple[Delivery, ...] = ()
    copy_source: str | None = None

    def __str__(self) -> str:
        handled = "; ".join(str(d) for d in self.deliveries) or "no notification"
        return f"upload s3://{self.bucket}/{self.key} -> {handled}"


@dataclass(frozen=True)
class ObjectRemoved(Event):
    bucket: str
    key: str
    event_name: str
    deliveries: tuple[Delivery, ...] = ()

    def __str__(self) -> str:
        handled = "; ".join(str(d) for d in self.deliveries) or "no notification"
        return f"delete s3://{self.bucket}/{self.key} -> {handled}"


# --- queues and event source mappings -----------------------------------------------------


@dataclass(frozen=True)
class QueueCreated(Event):
    queue_arn: str

    def __str__(self) -> str:
        return f"create queue {self.queue_arn.rsplit(':', 1)[-1]}"


@dataclass(frozen=True)
class EventSourceMappingCreated(Event):
    uuid: str
    event_source_arn: str
    function_arn: str
    batch_size: int = 10
    enabled: bool = True

    def __str__(self) -> str:
        source = self.event_source_arn.rsplit(":", 1)[-1]
        return f"map queue {source} -> {self.function_arn.split(':function:')[-1]}"


@dataclass(frozen=True)
class EventSourceMappingUpdated(Event):
    uuid: str
    function_arn: str
    previous_function_arn: str
    batch_size: int = 10
    enabled: bool = True

    def __str__(self) -> str:
        before = self.previous_function_arn.split(":function:")[-1]
        after = self.function_arn.split(":function:")[-1]
        return f"remap {self.uuid[:8]}: {before} -> {after}"


@dataclass(frozen=True)
class EventSourceMappingDeleted(Event):
    uuid: str

    def __str__(self) -> str:
        return f"delete mapping {self.uuid[:8]}"


@dataclass(frozen=True)
class MessagesSent(Event):
    """Messages sent to a queue (``bodies``), and the batches its mappings delivered."""

    queue_arn: str
    count: int
    deliveries: tuple[Delivery, ...] = ()
    bodies: tuple[str, ...] = ()

    def __str__(self) -> str:
        handled = "; ".join(str(d) for d in self.deliveries) or "no mapping"
        return f"send {self.count} message(s) to {self.queue_arn.rsplit(':', 1)[-1]} -> {handled}"


@dataclass(frozen=True)
class FunctionRecursionConfigured(Event):
    """PutFunctionRecursionConfig: ``Terminate`` (the default) or ``Allow`` recursive loops."""

    function_name: str
    recursive_loop: str

    def __str__(self) -> str:
        return f"recursive loops of {self.function_name}: {self.recursive_loop}"


@dataclass(frozen=True)
class TrafficElided(Event):
    """Stands in for an old traffic event (an object written or deleted, messages sent) once
    the history holds more than ``Account.traffic_history_limit`` of them: configuration
    events are always kept whole, and history indices never move."""

    def __str__(self) -> str:
        return "(older traffic, not kept)"


#: The one placeholder every elided traffic event becomes (one shared object: 8 bytes a slot).
TRAFFIC_ELIDED = TrafficElided(0.0)
