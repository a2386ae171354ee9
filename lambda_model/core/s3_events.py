"""S3 notification configurations and event records: parsing, validation, matching, shape.

Rules: ``lambda-semantics.md`` sections 6.1 to 6.3 and 6.5. This module knows nothing of
functions or permissions; the destination check (does the function exist, may S3 invoke
that exact ARN) lives in ``s3_api``.

Examples
--------
>>> config = parse_notification_configuration(
...     {"LambdaFunctionConfigurations": [{
...         "Id": "thumbs",
...         "LambdaFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f:PROD",
...         "Events": ["s3:ObjectCreated:*"],
...         "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"}]}}}]},
...     new_id=lambda: "generated",
... )
>>> config
NotificationConfiguration([thumbs: s3:ObjectCreated:* in/* -> f:PROD])
>>> config.matching("ObjectCreated:Put", "in/cat.jpg")
(LambdaFunctionConfiguration(thumbs: s3:ObjectCreated:* in/* -> f:PROD),)
>>> config.matching("ObjectCreated:Put", "out/cat.jpg")
()
>>> encode_key("in/red flower@2x.jpg")
'in/red+flower%402x.jpg'
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import InvalidArgument, MalformedXML

__all__ = [
    "EVENT_TYPES",
    "LambdaFunctionConfiguration",
    "NotificationConfiguration",
    "check_overlaps",
    "encode_key",
    "event_matches",
    "event_record",
    "parse_notification_configuration",
]

#: Every event type a notification configuration may name (botocore 1.43's ``Event`` enum).
EVENT_TYPES = (
    "s3:ReducedRedundancyLostObject",
    "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post",
    "s3:ObjectCreated:Copy", "s3:ObjectCreated:CompleteMultipartUpload",
    "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
    "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed",
    "s3:ObjectRestore:Delete",
    "s3:Replication:*", "s3:Replication:OperationFailedReplication",
    "s3:Replication:OperationNotTracked", "s3:Replication:OperationMissedThreshold",
    "s3:Replication:OperationReplicatedAfterThreshold",
    "s3:LifecycleTransition", "s3:IntelligentTiering", "s3:ObjectAcl:Put",
    "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete",
    "s3:LifecycleExpiration:DeleteMarkerCreated",
    "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
    "s3:ObjectAnnotation:*", "s3:ObjectAnnotation:Put", "s3:ObjectAnnotation:Delete",
    "s3:ObjectRetention:Put",
)  # fmt: skip

MALFORMED_XML = (
    "The XML you provided was not well-formed or did not validate against our published schema"
)
_ARN_RE = re.compile(r"arn:[^:]+:[^:]+:[^:]*:[^:]*:.+")


def event_matches(configured: str, event_name: str) -> bool:
    """Does a configured event type (``s3:ObjectCreated:*``) cover an event
    (``ObjectCreated:Put``)?

    >>> event_matches("s3:ObjectCreated:*", "ObjectCreated:Copy")
    True
    >>> event_matches("s3:ObjectCreated:Put", "ObjectCreated:Copy")
    False
    """
    configured = configured.removeprefix("s3:")
    if configured.endswith(":*"):
        return event_name.startswith(configured[:-1])
    return configured == event_name


def _family(event_type: str) -> str:
    return event_type.removeprefix("s3:").split(":", 1)[0]


def events_overlap(a: str, b: str) -> bool:
    """Two configured event types share an event (``X:*`` shares every ``X:Sub``)."""
    if a == b:
        return True
    if _family(a) != _family(b):
        return False
    return a.endswith(":*") or b.endswith(":*")


def encode_key(key: str) -> str:
    """The object key as event records carry it: form-encoded (space is ``+``), ``/`` kept."""
    from urllib.parse import (
        quote_plus,
    )  # imported on first use: keeps ``import lambda_model`` light

    return quote_plus(key, safe="/")


@dataclass(frozen=True, slots=True)
class LambdaFunctionConfiguration:
    """One entry of ``LambdaFunctionConfigurations``: which events, which keys, which ARN."""

    id: str
    lambda_function_arn: str
    events: tuple[str, ...]
    prefix: str | None = None
    suffix: str | None = None
    #: The filter rules in the order given, names normalised to ``Prefix``/``Suffix``.
    filter_rules: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:
        return f"LambdaFunctionConfiguration({self._text()})"

    def _text(self) -> str:
        keys = ""
        if self.prefix is not None or self.suffix is not None:
            keys = f" {self.prefix or ''}*{self.suffix or ''}"
        target = self.lambda_function_arn.split(":function:", 1)[-1]
        return f"{self.id}: {', '.join(self.events)}{keys} -> {target}"

    def matches(self, event_name: str, key: str) -> bool:
        """Does an event (``ObjectCreated:Put``) on ``key`` (raw, unencoded) fire this entry?"""
        if self.prefix is not None and not key.startswith(self.prefix):
            return False
        if self.suffix is not None and not key.endswith(self.suffix):
            return False
        return any(event_matches(e, event_name) for e in self.events)

    def to_dict(self) -> dict:
        """GetBucketNotificationConfiguration's shape for this entry."""
        body: dict = {
            "Id": self.id,
            "LambdaFunctionArn": self.lambda_function_arn,
            "Events": list(self.events),
        }
        if self.filter_rules:
            body["Filter"] = {
                "Key": {"FilterRules": [{"Name": n, "Value": v} for n, v in self.filter_rules]}
            }
        return body


@dataclass(frozen=True, slots=True)
class NotificationConfiguration:
    """A bucket's whole notification configuration (only Lambda destinations are simulated)."""

    lambda_function_configurations: tuple[LambdaFunctionConfiguration, ...] = ()

    def __repr__(self) -> str:
        entries = "; ".join(c._text() for c in self.lambda_function_configurations)
        return f"NotificationConfiguration([{entries}])"

    def __bool__(self) -> bool:
        return bool(self.lambda_function_configurations)

    def with_ids(self, new_id: Callable[[], str]) -> NotificationConfiguration:
        """The same configuration, each entry without an ``Id`` given one from ``new_id``."""
        return NotificationConfiguration(
            tuple(
                c if c.id else dataclasses.replace(c, id=new_id())
                for c in self.lambda_function_configurations
            )
        )

    def matching(self, event_name: str, key: str) -> tuple[LambdaFunctionConfiguration, ...]:
        """The entries an event on ``key`` fires, in configuration order."""
        return tuple(c for c in self.lambda_function_configurations if c.matches(event_name, key))

    def to_dict(self) -> dict:
        """GetBucketNotificationConfiguration's response (``{}`` when nothing is configured)."""
        if not self.lambda_function_configurations:
            return {}
        return {
            "LambdaFunctionConfigurations": [
                c.to_dict() for c in self.lambda_function_configurations
            ]
        }


def _parse_entry(entry: object, new_id: Callable[[], str] | None) -> LambdaFunctionConfiguration:
    if not isinstance(entry, Mapping):
        raise MalformedXML(MALFORMED_XML)
    arn = entry.get("LambdaFunctionArn")
    events = entry.get("Events")
    if not isinstance(arn, str) or not arn:
        raise MalformedXML(MALFORMED_XML)
    if isinstance(events, str) or not events or not all(isinstance(e, str) for e in events):
        raise MalformedXML(MALFORMED_XML)
    rules = []
    filter_ = entry.get("Filter") or {}
    key_filter = filter_.get("Key") or {} if isinstance(filter_, Mapping) else None
    if key_filter is None or not isinstance(key_filter, Mapping):
        raise MalformedXML(MALFORMED_XML)
    for rule in key_filter.get("FilterRules") or ():
        if not isinstance(rule, Mapping):
            raise MalformedXML(MALFORMED_XML)
        name, value = rule.get("Name"), rule.get("Value")
        if not isinstance(name, str) or not isinstance(value, str):
            raise MalformedXML(MALFORMED_XML)
        rules.append((name, value))
    for event in events:
        if event not in EVENT_TYPES:
            raise InvalidArgument("The event is not supported for notifications")
    prefix = suffix = None
    normalised = []
    for name, value in rules:
        lowered = name.lower()
        if lowered not in ("prefix", "suffix"):
            raise InvalidArgument(
                "filter rule name must be either prefix or suffix",
                ArgumentName="FilterRule.Name",
                ArgumentValue=name,
            )
        if (prefix if lowered == "prefix" else suffix) is not None:
            raise InvalidArgument(
                f"Cannot specify more than one {lowered} rule in a filter.",
                ArgumentName="FilterRule.Name",
                ArgumentValue=name,
            )
        if lowered == "prefix":
            prefix = value
        else:
            suffix = value
        normalised.append((lowered.capitalize(), value))
    if not _ARN_RE.fullmatch(arn):
        raise InvalidArgument(
            "The ARN could not be parsed", ArgumentName="CloudFunction", ArgumentValue=arn
        )
    config_id = entry.get("Id")
    if config_id is not None and not isinstance(config_id, str):
        raise MalformedXML(MALFORMED_XML)
    return LambdaFunctionConfiguration(
        id=config_id or (new_id() if new_id is not None else ""),
        lambda_function_arn=arn,
        events=tuple(events),
        prefix=prefix,
        suffix=suffix,
        filter_rules=tuple(normalised),
    )


def _prefixes_overlap(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _suffixes_overlap(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.endswith(b) or b.endswith(a)


def check_overlaps(configurations: tuple[LambdaFunctionConfiguration, ...]) -> None:
    """Refuse two entries that could both fire for one event (section 6.3).

    Entries sharing an event type whose key ranges meet are refused: with suffix rules
    involved the service calls it ambiguous, otherwise an overlap.
    """
    for i, first in enumerate(configurations):
        for second in configurations[i + 1 :]:
            shared = next(
                ((a, b) for a in first.events for b in second.events if events_overlap(a, b)),
                None,
            )
            if shared is None:
                continue
            if not (
                _prefixes_overlap(first.prefix, second.prefix)
                and _suffixes_overlap(first.suffix, second.suffix)
            ):
                continue
            if first.suffix is not None or second.suffix is not None:
                raise InvalidArgument(
                    "Configuration is ambiguously defined. Cannot have overlapping suffixes in two "
                    "rules if the prefixes are overlapping for the same event type."
                )
            raise InvalidArgument(
                "Configurations overlap. Configurations on the same bucket cannot share a common "
                "event type.",
                ArgumentName="Event",
                ArgumentValue=f"{shared[0]}, {shared[1]}",
            )


def parse_notification_configuration(
    value: Mapping | NotificationConfiguration | None, new_id: Callable[[], str] | None = None
) -> NotificationConfiguration:
    """Parse AWS's ``NotificationConfiguration`` shape and apply every check that needs no
    lookup: the schema (MalformedXML), event types, filter rule names, ARN syntax, overlaps.

    ``new_id`` supplies an ``Id`` for each entry given without one (without it such entries
    keep ``Id=""``; see :meth:`NotificationConfiguration.with_ids`).
    """
    if isinstance(value, NotificationConfiguration):
        value = value.to_dict()
    if value is None or not isinstance(value, Mapping):
        raise MalformedXML(MALFORMED_XML)
    for other in ("TopicConfigurations", "QueueConfigurations"):
        if value.get(other):
            raise NotImplementedError(f"{other}: only LambdaFunctionConfigurations are simulated")
    entries = value.get("LambdaFunctionConfigurations") or ()
    if isinstance(entries, Mapping | str):
        raise MalformedXML(MALFORMED_XML)
    try:
        configurations = tuple(_parse_entry(entry, new_id) for entry in entries)
    except (TypeError, AttributeError, KeyError, ValueError) as exc:
        # A value of the wrong kind somewhere in the document: it does not fit S3's schema.
        raise MalformedXML(MALFORMED_XML) from exc
    check_overlaps(configurations)
    return NotificationConfiguration(configurations)


def event_record(
    *,
    region: str,
    event_time: str,
    event_name: str,
    bucket: str,
    key: str,
    size: int | None,
    etag: str | None,
    sequencer: str,
    configuration_id: str,
    principal_id: str,
    owner_id: str,
    request_id: str,
    host_id: str,
    source_ip: str = "127.0.0.1",
) -> dict:
    """One S3 event record, in the shape of section 6.5 (``eventVersion`` 2.1).

    ``size`` and ``eTag`` are left out when ``None`` (S3 omits them on ``ObjectRemoved``).
    """
    obj: dict = {"key": encode_key(key)}
    if size is not None:
        obj["size"] = size
    if etag is not None:
        obj["eTag"] = etag
    obj["sequencer"] = sequencer
    return {
        "eventVersion": "2.1",
        "eventSource": "aws:s3",
        "awsRegion": region,
        "eventTime": event_time,
        "eventName": event_name,
        "userIdentity": {"principalId": principal_id},
        "requestParameters": {"sourceIPAddress": source_ip},
        "responseElements": {"x-amz-request-id": request_id, "x-amz-id-2": host_id},
        "s3": {
            "s3SchemaVersion": "1.0",
            "configurationId": configuration_id,
            "bucket": {
                "name": bucket,
                "ownerIdentity": {"principalId": owner_id},
                "arn": f"arn:aws:s3:::{bucket}",
            },
            "object": obj,
        },
    }
