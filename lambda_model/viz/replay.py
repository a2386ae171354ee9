"""Replay: rebuild the account's pointers from its history, one frozen event at a time.

The views never read the live ``Account``: they replay ``account.history`` (the frozen events
of ``core/events.py``) into a small :class:`Snapshot`. Replaying the first ``k + 1`` events
gives the account as it was after step ``k``, which is what a drawing of an earlier moment,
or a frame of the animation, needs. Standard library only.

:func:`replay` is pure: the same events give the same snapshot, and nothing outside the
snapshot it builds is touched. :meth:`Snapshot.apply` advances one snapshot by one event and
says which nodes and edges the event touched, so the drawing can highlight them.

Examples
--------
>>> from lambda_model.core.events import AliasCreated, AliasUpdated, FunctionCreated
>>> from lambda_model.core.events import VersionPublished
>>> events = [
...     FunctionCreated(0.0, "f", "python3.12", "index.handler", "role"),
...     VersionPublished(0.0, "f", "1"),
...     VersionPublished(0.0, "f", "2"),
...     AliasCreated(0.0, "f", "PROD", "1"),
...     AliasUpdated(0.0, "f", "PROD", "2", None, "1", None),
...     AliasUpdated(0.0, "f", "PROD", "1", None, "2", None),
... ]
>>> snapshot = replay(events)
>>> snapshot.functions["f"]
FunctionView(f: versions [1, 2], aliases {PROD -> 1})
>>> snapshot.caption
'rollback: PROD 2 -> 1'
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..core.events import (
    AliasCreated,
    AliasDeleted,
    AliasUpdated,
    BucketCreated,
    BucketDeleted,
    BucketNotificationConfigured,
    Delivery,
    Event,
    EventSourceMappingCreated,
    EventSourceMappingDeleted,
    EventSourceMappingUpdated,
    FunctionCodeUpdated,
    FunctionConfigurationUpdated,
    FunctionCreated,
    FunctionDeleted,
    MessagesSent,
    ObjectCreated,
    ObjectRemoved,
    PermissionAdded,
    PermissionRemoved,
    QueueCreated,
    VersionDeleted,
    VersionPublished,
)
from ..core.identifiers import LATEST, parse_function_name
from ..core.state import DEFAULT_ACCOUNT_ID, DEFAULT_REGION

__all__ = [
    "AliasView",
    "BucketView",
    "FunctionView",
    "MappingView",
    "Snapshot",
    "Target",
    "replay",
    "weights_text",
]

S3_PRINCIPALS = ("s3.amazonaws.com", "*")


def weights_text(version: str, weights: Mapping[str, float] | None) -> str:
    """``3``, or ``3 (90%) + 4 (10%)`` for a weighted alias.

    >>> weights_text("3", {"4": 0.1})
    '3 (90%) + 4 (10%)'
    """
    if not weights:
        return version
    primary = 1 - sum(weights.values())
    return " + ".join(
        [f"{version} ({primary:.0%})"] + [f"{v} ({w:.0%})" for v, w in weights.items()]
    )


def node_id(function_name: str, qualifier: str | None = None) -> str:
    """The graph node of a function (``f``), its ``$LATEST`` (``f:$LATEST``), a version
    (``f:3``) or an alias (``f:PROD``)."""
    return function_name if qualifier is None else f"{function_name}:{qualifier}"


def bucket_node(bucket: str) -> str:
    return f"s3://{bucket}"


def mapping_node(uuid: str) -> str:
    return f"mapping:{uuid}"


@dataclass(frozen=True, slots=True)
class Target:
    """Where an event source's ARN points: a node id, and whether that node exists here.

    An unqualified function ARN targets ``$LATEST``.
    """

    node: str
    function_name: str
    qualifier: str
    local: bool = True


@dataclass(slots=True)
class AliasView:
    name: str
    function_version: str
    weights: dict[str, float] | None
    lane: int
    description: str = ""
    #: Every primary version this alias has pointed at, oldest first (for rollbacks).
    primaries: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"AliasView({self.name} -> {weights_text(self.function_version, self.weights)})"

    @property
    def split(self) -> dict[str, float]:
        """Every version this alias sends traffic to, with its share (summing to 1)."""
        extra = dict(self.weights or {})
        return {self.function_version: 1.0 - sum(extra.values()), **extra}


@dataclass(slots=True)
class FunctionView:
    name: str
    lane: int
    #: Published versions by number, with their descriptions.
    versions: dict[int, str] = field(default_factory=dict)
    aliases: dict[str, AliasView] = field(default_factory=dict)
    #: Resource-based policy statements by qualifier (``None``: the unqualified function).
    policies: dict[str | None, dict[str, PermissionAdded]] = field(default_factory=dict)
    description: str = ""

    def __repr__(self) -> str:
        aliases = ", ".join(
            f"{a.name} -> {weights_text(a.function_version, a.weights)}"
            for a in sorted(self.aliases.values(), key=lambda a: a.name)
        )
        return f"FunctionView({self.name}: versions {sorted(self.versions)}, aliases {{{aliases}}})"

    def has(self, qualifier: str) -> bool:
        """True if ``qualifier`` (``$LATEST``, a version number or an alias) exists."""
        if qualifier == LATEST:
            return True
        if qualifier.isdigit():
            return int(qualifier) in self.versions
        return qualifier in self.aliases

    def free_lane(self) -> int:
        used = {alias.lane for alias in self.aliases.values()}
        return next(lane for lane in range(len(used) + 1) if lane not in used)


@dataclass(slots=True)
class BucketView:
    name: str
    lane: int
    lambda_configurations: tuple[Mapping[str, object], ...] = ()
    keys: set[str] = field(default_factory=set)

    def __repr__(self) -> str:
        return f"BucketView({self.name}, {len(self.lambda_configurations)} notifications)"

    @property
    def arn(self) -> str:
        return f"arn:aws:s3:::{self.name}"


@dataclass(slots=True)
class MappingView:
    uuid: str
    event_source_arn: str
    function_arn: str
    lane: int
    batch_size: int = 10
    enabled: bool = True

    def __repr__(self) -> str:
        return f"MappingView({self.queue} -> {self.function_arn.split(':function:')[-1]})"

    @property
    def queue(self) -> str:
        return self.event_source_arn.rsplit(":", 1)[-1]


@dataclass
class Snapshot:
    """The account's pointers after some step of its history.

    ``step`` is the index of the last event applied (``-1``: none yet), ``event`` that event,
    ``caption`` its one-line story and ``touched`` the node ids and ``(source, target)`` edges it
    changed. ``handled`` maps the version nodes that ran for the last upload or message batch to
    their outcome (``"ok"``, ``"error"``), and a target that refused a delivery to that outcome
    (``"refused: no permission"``...).
    """

    account_id: str = DEFAULT_ACCOUNT_ID
    region: str = DEFAULT_REGION
    functions: dict[str, FunctionView] = field(default_factory=dict)
    buckets: dict[str, BucketView] = field(default_factory=dict)
    queues: dict[str, str] = field(default_factory=dict)
    mappings: dict[str, MappingView] = field(default_factory=dict)
    step: int = -1
    event: Event | None = None
    caption: str = ""
    touched: set = field(default_factory=set)
    handled: dict[str, str] = field(default_factory=dict)
    deliveries: tuple[Delivery, ...] = ()
    #: Lanes ever given to functions and event sources (they are never reused).
    _function_lanes: int = 0

    def __repr__(self) -> str:
        return (
            f"Snapshot(step {self.step}, {len(self.functions)} functions, "
            f"{len(self.buckets)} buckets, {len(self.mappings)} mappings)"
        )

    # --- ARNs -----------------------------------------------------------------------------

    def function_arn(self, name: str, qualifier: str | None = None) -> str:
        arn = f"arn:aws:lambda:{self.region}:{self.account_id}:function:{name}"
        return arn if qualifier is None else f"{arn}:{qualifier}"

    def target(self, arn: str) -> Target:
        """The node an event source ARN (or a function name in any accepted form) targets."""
        try:
            ref = parse_function_name(arn)
        except Exception:
            return Target(arn, "", "", local=False)
        foreign = (ref.region not in (None, self.region)) or (
            ref.account_id not in (None, self.account_id)
        )
        qualifier = ref.qualifier or LATEST
        if foreign:
            return Target(arn, ref.name, qualifier, local=False)
        return Target(node_id(ref.name, qualifier), ref.name, qualifier)

    def exists(self, target: Target) -> bool:
        function = self.functions.get(target.function_name)
        return target.local and function is not None and function.has(target.qualifier)

    def authorized(self, target: Target, bucket: BucketView) -> bool:
        """True if the exact target ARN's policy lets S3 invoke it from ``bucket``."""
        function = self.functions.get(target.function_name)
        if function is None or not target.local:
            return False
        qualifier = None if target.qualifier == LATEST else target.qualifier
        for statement in function.policies.get(qualifier, {}).values():
            if statement.principal not in S3_PRINCIPALS:
                continue
            if statement.action not in ("lambda:InvokeFunction", "lambda:*"):
                continue
            if statement.source_arn and not fnmatch.fnmatchcase(bucket.arn, statement.source_arn):
                continue
            if statement.source_account and statement.source_account != self.account_id:
                continue
            return True
        return False

    def _source_lanes(self) -> set[int]:
        return {b.lane for b in self.buckets.values()} | {m.lane for m in self.mappings.values()}

    def _free_source_lane(self) -> int:
        used = self._source_lanes()
        return next(lane for lane in range(len(used) + 1) if lane not in used)

    # --- the reducer ----------------------------------------------------------------------

    def apply(self, event: Event) -> Snapshot:
        """Advance by one event; set ``caption``, ``touched`` and ``handled``. Returns self."""
        self.step += 1
        self.event = event
        self.caption = str(event)
        self.touched = set()
        self.handled = {}
        self.deliveries = ()
        handler = _HANDLERS.get(type(event))
        if handler is not None:
            handler(self, event)
        return self

    def _function_of(self, name: str) -> FunctionView:
        function = self.functions.get(name)
        if function is None:  # a history that starts mid-way: make the function up
            function = self.functions[name] = FunctionView(name, self._function_lanes)
            self._function_lanes += 1
        return function

    def _touch_alias(self, function: FunctionView, alias: AliasView) -> None:
        alias_node = node_id(function.name, alias.name)
        self.touched.add(alias_node)
        for version in alias.split:
            self.touched.add((alias_node, node_id(function.name, version)))

    def _deliver(self, source: str, deliveries: tuple[Delivery, ...]) -> None:
        """Touch the path each delivery took: source -> target ARN -> the version that ran."""
        self.deliveries = deliveries
        self.touched.add(source)
        for delivery in deliveries:
            target = self.target(delivery.target_arn)
            self.touched.add((source, target.node))
            self.touched.add(target.node)
            if delivery.executed_version is None:  # refused, or stopped: nothing ran
                self.handled[target.node] = delivery.outcome
                continue
            ran = node_id(target.function_name, delivery.executed_version)
            self.handled[ran] = delivery.outcome
            self.touched.add(ran)
            if ran != target.node:
                self.touched.add((target.node, ran))


# --- one handler per event type ----------------------------------------------------------


def _function_created(s: Snapshot, e: FunctionCreated) -> None:
    s.functions[e.function_name] = FunctionView(
        e.function_name, s._function_lanes, description=e.description
    )
    s._function_lanes += 1
    latest = node_id(e.function_name, LATEST)
    s.touched |= {e.function_name, latest, (latest, e.function_name)}


def _latest_changed(s: Snapshot, e: FunctionCodeUpdated | FunctionConfigurationUpdated) -> None:
    s._function_of(e.function_name)
    s.touched.add(node_id(e.function_name, LATEST))


def _function_deleted(s: Snapshot, e: FunctionDeleted) -> None:
    s.functions.pop(e.function_name, None)


def _version_published(s: Snapshot, e: VersionPublished) -> None:
    s._function_of(e.function_name).versions[int(e.version)] = e.description
    version = node_id(e.function_name, e.version)
    s.touched |= {version, (version, e.function_name)}


def _version_deleted(s: Snapshot, e: VersionDeleted) -> None:
    function = s._function_of(e.function_name)
    function.versions.pop(int(e.version), None)
    function.policies.pop(e.version, None)


def _alias_created(s: Snapshot, e: AliasCreated) -> None:
    function = s._function_of(e.function_name)
    weights = dict(e.weights) if e.weights else None
    lane = function.free_lane()
    alias = AliasView(
        e.name, e.function_version, weights, lane, e.description, [e.function_version]
    )
    function.aliases[e.name] = alias
    s._touch_alias(function, alias)


def _alias_updated(s: Snapshot, e: AliasUpdated) -> None:
    function = s._function_of(e.function_name)
    alias = function.aliases.get(e.name)
    if alias is None:
        alias = AliasView(e.name, e.previous_version, None, function.free_lane())
        function.aliases[e.name] = alias
    moved = e.function_version != e.previous_version
    if moved and e.function_version in alias.primaries:
        before = weights_text(e.previous_version, e.previous_weights)
        after = weights_text(e.function_version, e.weights)
        s.caption = f"rollback: {e.name} {before} -> {after}"
    alias.function_version = e.function_version
    alias.weights = dict(e.weights) if e.weights else None
    if e.description is not None:
        alias.description = e.description
    if moved:
        alias.primaries.append(e.function_version)
    s._touch_alias(function, alias)


def _alias_deleted(s: Snapshot, e: AliasDeleted) -> None:
    function = s._function_of(e.function_name)
    function.aliases.pop(e.name, None)
    function.policies.pop(e.name, None)


def _touch_grant(s: Snapshot, function_name: str, qualifier: str | None) -> None:
    """Touch the node holding the policy and the bucket edges whose authorization it decides."""
    node = node_id(function_name, qualifier)
    s.touched.add(node)
    target_node = node_id(function_name, qualifier or LATEST)
    for bucket in s.buckets.values():
        for configuration in bucket.lambda_configurations:
            if s.target(str(configuration["LambdaFunctionArn"])).node == target_node:
                s.touched.add((bucket_node(bucket.name), target_node))


def _permission_added(s: Snapshot, e: PermissionAdded) -> None:
    s._function_of(e.function_name).policies.setdefault(e.qualifier, {})[e.statement_id] = e
    _touch_grant(s, e.function_name, e.qualifier)


def _permission_removed(s: Snapshot, e: PermissionRemoved) -> None:
    policies = s._function_of(e.function_name).policies
    statements = policies.get(e.qualifier, {})
    statements.pop(e.statement_id, None)
    if not statements:
        policies.pop(e.qualifier, None)
    _touch_grant(s, e.function_name, e.qualifier)


def _bucket_created(s: Snapshot, e: BucketCreated) -> None:
    s.buckets[e.bucket] = BucketView(e.bucket, s._free_source_lane())
    s.touched.add(bucket_node(e.bucket))


def _bucket_of(s: Snapshot, name: str) -> BucketView:
    bucket = s.buckets.get(name)
    if bucket is None:
        bucket = s.buckets[name] = BucketView(name, s._free_source_lane())
    return bucket


def _bucket_deleted(s: Snapshot, e: BucketDeleted) -> None:
    s.buckets.pop(e.bucket, None)


def _notification_configured(s: Snapshot, e: BucketNotificationConfigured) -> None:
    bucket = _bucket_of(s, e.bucket)
    bucket.lambda_configurations = tuple(e.lambda_configurations)
    source = bucket_node(e.bucket)
    s.touched.add(source)
    for configuration in bucket.lambda_configurations:
        target = s.target(str(configuration["LambdaFunctionArn"]))
        s.touched.add((source, target.node))


def _object_created(s: Snapshot, e: ObjectCreated) -> None:
    _bucket_of(s, e.bucket).keys.add(e.key)
    s._deliver(bucket_node(e.bucket), e.deliveries)


def _object_removed(s: Snapshot, e: ObjectRemoved) -> None:
    _bucket_of(s, e.bucket).keys.discard(e.key)
    s._deliver(bucket_node(e.bucket), e.deliveries)


def _queue_created(s: Snapshot, e: QueueCreated) -> None:
    s.queues[e.queue_arn] = e.queue_arn.rsplit(":", 1)[-1]


def _mapping_created(s: Snapshot, e: EventSourceMappingCreated) -> None:
    lane = s._free_source_lane()
    s.mappings[e.uuid] = MappingView(
        e.uuid, e.event_source_arn, e.function_arn, lane, e.batch_size, e.enabled
    )
    source = mapping_node(e.uuid)
    s.touched |= {source, (source, s.target(e.function_arn).node)}


def _mapping_updated(s: Snapshot, e: EventSourceMappingUpdated) -> None:
    mapping = s.mappings.get(e.uuid)
    if mapping is None:  # a history that starts mid-way
        lane = s._free_source_lane()
        mapping = s.mappings[e.uuid] = MappingView(e.uuid, "", e.function_arn, lane)
    mapping.function_arn = e.function_arn
    mapping.batch_size = e.batch_size
    mapping.enabled = e.enabled
    source = mapping_node(e.uuid)
    s.touched |= {source, (source, s.target(e.function_arn).node)}


def _mapping_deleted(s: Snapshot, e: EventSourceMappingDeleted) -> None:
    s.mappings.pop(e.uuid, None)


def _messages_sent(s: Snapshot, e: MessagesSent) -> None:
    mappings = sorted(
        (m for m in s.mappings.values() if m.event_source_arn == e.queue_arn), key=lambda m: m.lane
    )
    by_target = {s.target(m.function_arn).node: mapping_node(m.uuid) for m in reversed(mappings)}
    s.deliveries = e.deliveries
    for delivery in e.deliveries:
        source = by_target.get(s.target(delivery.target_arn).node)
        if source is None and mappings:
            source = mapping_node(mappings[0].uuid)
        if source is not None:
            s._deliver(source, (delivery,))
    s.deliveries = e.deliveries


_HANDLERS = {
    FunctionCreated: _function_created,
    FunctionCodeUpdated: _latest_changed,
    FunctionConfigurationUpdated: _latest_changed,
    FunctionDeleted: _function_deleted,
    VersionPublished: _version_published,
    VersionDeleted: _version_deleted,
    AliasCreated: _alias_created,
    AliasUpdated: _alias_updated,
    AliasDeleted: _alias_deleted,
    PermissionAdded: _permission_added,
    PermissionRemoved: _permission_removed,
    BucketCreated: _bucket_created,
    BucketDeleted: _bucket_deleted,
    BucketNotificationConfigured: _notification_configured,
    ObjectCreated: _object_created,
    ObjectRemoved: _object_removed,
    QueueCreated: _queue_created,
    EventSourceMappingCreated: _mapping_created,
    EventSourceMappingUpdated: _mapping_updated,
    EventSourceMappingDeleted: _mapping_deleted,
    MessagesSent: _messages_sent,
}


def replay(
    events: Iterable[Event],
    *,
    account_id: str = DEFAULT_ACCOUNT_ID,
    region: str = DEFAULT_REGION,
) -> Snapshot:
    """The snapshot after applying ``events`` in order, from an empty account."""
    snapshot = Snapshot(account_id, region)
    for event in events:
        snapshot.apply(event)
    return snapshot
