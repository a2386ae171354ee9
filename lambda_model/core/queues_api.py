"""A simulated SQS queue and the event source mappings that feed it to Lambda.

Rules: ``lambda-semantics.md`` section 7. A mapping keeps the ``FunctionName`` it was given
(a function, version or alias ARN) and resolves an alias per batch, so moving the alias
retargets the mapping at once; a version ARN pins it. Polling uses the function's execution
role: no resource-based permission is needed. Mappings survive deleting the function.

Messages sent to a queue are delivered at once, in batches of the mapping's ``batch_size``.
A batch whose handler fails goes back to the queue (its messages are received again on the
next delivery); a queue with no enabled mapping keeps its messages until one appears.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("worker", lambda event, context: len(event["Records"]),
...                             publish=True)
>>> _ = account.create_alias("worker", "PROD", "1")
>>> queue = account.create_queue("jobs")
>>> queue
'arn:aws:sqs:us-east-1:123456789012:jobs'
>>> mapping = account.create_event_source_mapping(queue, "worker:PROD", batch_size=2)
>>> mapping.state, mapping.function_arn.rsplit(":", 2)[-2:]
('Creating', ['worker', 'PROD'])
>>> account.send_messages(queue, ["a", "b", "c"])
MessagesSent(jobs: 3 message(s) -> [worker:PROD ran version 1: ok; worker:PROD ran version 1: ok])
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from .delivery import OUTCOME_OK, OUTCOME_RECURSION, DeliveryAPI
from .errors import (
    InvalidMessageContents,
    InvalidParameterValue,
    InvalidParameterValueException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from .events import (
    Delivery,
    EventSourceMappingCreated,
    EventSourceMappingDeleted,
    EventSourceMappingUpdated,
    MessagesSent,
    QueueCreated,
)
from .functions_api import Page, marker_start
from .identifiers import (
    LATEST,
    FunctionRef,
    check_required,
    check_types,
    constraint,
    is_version_number,
    validation_error,
    version_key,
)

__all__ = [
    "EventSourceMappingConfiguration",
    "Message",
    "MessagesSentResult",
    "Queue",
    "QueuesAPI",
]

ESM_PAGE_SIZE = 100
EVENT_SOURCE_ARN_PATTERN = (
    r"arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?"
    r":(\d{12})?:(.*)"
)
_QUEUE_NAME_RE = re.compile(r"[a-zA-Z0-9_-]{1,80}")


@dataclass(frozen=True, slots=True)
class Message:
    """One message in a queue."""

    message_id: str
    body: str
    sent: float = field(repr=False)
    receive_count: int = field(default=0, repr=False)

    @property
    def md5_of_body(self) -> str:
        return hashlib.md5(self.body.encode()).hexdigest()


@dataclass(eq=False)
class Queue:
    """A standard SQS queue: its ARN, URL and the messages waiting in it."""

    name: str
    arn: str
    url: str
    messages: deque[Message] = field(default_factory=deque)

    def __repr__(self) -> str:
        return f"Queue({self.name}: {len(self.messages)} waiting)"


@dataclass(frozen=True, slots=True)
class EventSourceMappingConfiguration:
    """An event source mapping, as Create/Get/Update/Delete/ListEventSourceMappings show it.

    ``function_arn`` keeps the qualifier given (an alias ARN stays an alias ARN).
    """

    uuid: str
    event_source_arn: str
    function_arn: str
    batch_size: int = 10
    state: str = "Enabled"
    last_modified: float = field(default=0.0, repr=False)
    last_processing_result: str = field(default="No records processed", repr=False)
    event_source_mapping_arn: str = field(default="", repr=False)

    def __repr__(self) -> str:
        source = self.event_source_arn.rsplit(":", 1)[-1]
        target = self.function_arn.split(":function:", 1)[-1]
        return (
            f"EventSourceMappingConfiguration({self.uuid[:8]}…: {source} -> {target}, {self.state})"
        )

    @property
    def enabled(self) -> bool:
        return self.state in ("Enabled", "Creating", "Enabling", "Updating")

    def to_dict(self) -> dict:
        """AWS's ``EventSourceMappingConfiguration`` shape (``LastModified`` in epoch seconds)."""
        return {
            "UUID": self.uuid,
            "BatchSize": self.batch_size,
            "MaximumBatchingWindowInSeconds": 0,
            "EventSourceArn": self.event_source_arn,
            "FunctionArn": self.function_arn,
            "LastModified": self.last_modified,
            "State": self.state,
            "StateTransitionReason": "USER_INITIATED",
            "FunctionResponseTypes": [],
            "EventSourceMappingArn": self.event_source_mapping_arn,
        }


@dataclass(frozen=True, slots=True)
class MessagesSentResult:
    """What SendMessage(Batch) did: message ids, and the batches delivered meanwhile."""

    queue_arn: str
    message_ids: tuple[str, ...]
    deliveries: tuple[Delivery, ...] = ()

    def __repr__(self) -> str:
        handled = "; ".join(str(d) for d in self.deliveries)
        name = self.queue_arn.rsplit(":", 1)[-1]
        return f"MessagesSent({name}: {len(self.message_ids)} message(s) -> [{handled}])"


class QueuesAPI(DeliveryAPI):
    """Queues (CreateQueue, SendMessage, SendMessageBatch) and event source mappings."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: Queues by name.
        self.queues: dict[str, Queue] = {}
        #: Event source mappings by UUID, in creation order.
        self.event_source_mappings: dict[str, EventSourceMappingConfiguration] = {}
        self._message_counter = 0
        self._mapping_cursor = 0

    # --- queues ---------------------------------------------------------------------------

    def create_queue(self, queue_name: str) -> str:
        """Create a standard queue (idempotent for an existing name); return its ARN."""
        if queue_name.__class__ is not str or not _QUEUE_NAME_RE.fullmatch(queue_name):
            raise InvalidParameterValue(
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in "
                "length (FIFO queues are not simulated)"
            )
        queue = self.queues.get(queue_name)
        if queue is not None:
            return queue.arn
        arn = f"arn:aws:sqs:{self.region}:{self.account_id}:{queue_name}"
        url = f"https://sqs.{self.region}.amazonaws.com/{self.account_id}/{queue_name}"
        self.queues[queue_name] = Queue(queue_name, arn, url)
        self._record(QueueCreated(self.clock.now, arn))
        return arn

    def _queue(self, queue: str) -> Queue:
        """A queue by name, ARN or URL."""
        if queue.__class__ is not str:
            raise ResourceNotFoundException(f"The specified queue does not exist: {queue}")
        name = queue.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
        found = self.queues.get(name)
        if found is None or queue not in (found.name, found.arn, found.url):
            raise ResourceNotFoundException(f"The specified queue does not exist: {queue}")
        return found

    def send_message(self, queue: str, body: str) -> MessagesSentResult:
        """Send one message (``queue`` is a name, ARN or URL); deliver what can be delivered."""
        return self.send_messages(queue, [body])

    def send_messages(self, queue: str, bodies: Iterable[str]) -> MessagesSentResult:
        """Send messages; the queue's enabled mappings receive them at once, in batches."""
        found = self._queue(queue)
        bodies = [bodies] if bodies.__class__ is str else list(bodies)
        for body in bodies:
            if body.__class__ is not str or not _sqs_text(body):
                raise InvalidMessageContents(
                    "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | "
                    "#x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF"
                )
        ids = []
        for body in bodies:
            self._message_counter += 1
            message_id = _message_id(self._message_counter)
            found.messages.append(Message(message_id, body, self.clock.now))
            ids.append(message_id)
        deliveries = self._drain(found)
        self._record(MessagesSent(self.clock.now, found.arn, len(ids), deliveries, tuple(bodies)))
        return MessagesSentResult(found.arn, tuple(ids), deliveries)

    def _drain(self, queue: Queue) -> tuple[Delivery, ...]:
        """Deliver every waiting message once, in batches, to the queue's enabled mappings
        (round robin when there are several). Failed batches go back to the queue."""
        mappings = [
            m
            for m in self.event_source_mappings.values()
            if m.event_source_arn == queue.arn and m.enabled
        ]
        if not mappings or not queue.messages:
            return ()
        deliveries = []
        returned: list[Message] = []
        while queue.messages:
            mapping = mappings[self._mapping_cursor % len(mappings)]
            self._mapping_cursor += 1
            batch = []
            while queue.messages and len(batch) < mapping.batch_size:
                message = queue.messages.popleft()
                batch.append(
                    Message(
                        message.message_id, message.body, message.sent, message.receive_count + 1
                    )
                )
            entry = self._deliver(
                mapping.function_arn,
                {"Records": [self._sqs_record(queue, m) for m in batch]},
                event_source="aws:sqs",
                source_arn=queue.arn,
                event_name="ReceiveMessage",
                principal_service=None,
                configuration_id=mapping.uuid,
                records=len(batch),
            )
            deliveries.append(entry.delivery)
            if entry.outcome not in (OUTCOME_OK, OUTCOME_RECURSION):
                returned.extend(batch)  # a failed batch waits; a looping one is dropped
        queue.messages.extend(returned)
        return tuple(deliveries)

    def _sqs_record(self, queue: Queue, message: Message) -> dict:
        sent = str(int(message.sent * 1000))
        return {
            "messageId": message.message_id,
            "receiptHandle": f"{message.message_id}#{message.receive_count}",
            "body": message.body,
            "attributes": {
                "ApproximateReceiveCount": str(message.receive_count),
                "SentTimestamp": sent,
                "SenderId": self.account_id,
                "ApproximateFirstReceiveTimestamp": str(int(self.clock.now * 1000)),
            },
            "messageAttributes": {},
            "md5OfBody": message.md5_of_body,
            "eventSource": "aws:sqs",
            "eventSourceARN": queue.arn,
            "awsRegion": self.region,
        }

    # --- event source mappings -------------------------------------------------------------

    def _mapping_target(
        self, function_name: str, *, creating: bool = False
    ) -> tuple[FunctionRef, str]:
        """Check the function (and its version or alias) exists; return the full ARN with
        the qualifier given."""
        ref, qualifier = self._resolve(function_name, None)
        if creating and ref.name not in self.functions:
            # CreateEventSourceMapping's own wording [LS-snap:
            # test_event_source_mapping_exceptions create_unknown_params, 2025-11-27].
            raise InvalidParameterValueException("Function does not exist")
        function = self._function(ref, qualifier)
        if qualifier is not None and qualifier != LATEST:
            missing = (
                version_key(qualifier) not in function.versions
                if is_version_number(qualifier)
                else qualifier not in function.aliases
            )
            if missing:
                raise self._not_found(ref, qualifier)
        return ref, self.function_arn(function.name, qualifier)

    def _existing_mapping(self, uuid: str) -> EventSourceMappingConfiguration:
        mapping = self.event_source_mappings.get(uuid) if uuid.__class__ is str else None
        if mapping is None:
            raise ResourceNotFoundException("The resource you requested does not exist.")
        return mapping

    @staticmethod
    def _check_batch_size(batch_size: int) -> None:
        check_required((batch_size, "batchSize", int))
        if batch_size < 1:
            raise validation_error(
                constraint(
                    batch_size, "batchSize", "Member must have value greater than or equal to 1"
                )
            )
        if batch_size > 10000:
            raise validation_error(
                constraint(
                    batch_size, "batchSize", "Member must have value less than or equal to 10000"
                )
            )
        if batch_size > 10:
            raise InvalidParameterValueException(
                "Maximum batch window in seconds must be greater than 0 if maximum batch size is "
                "greater than 10"
            )

    def create_event_source_mapping(
        self,
        event_source_arn: str,
        function_name: str,
        batch_size: int = 10,
        enabled: bool = True,
    ) -> EventSourceMappingConfiguration:
        """Map a queue to a function, version or alias (name, ARN, partial ARN or qualified).

        The response says ``Creating``; the mapping is ``Enabled`` (or ``Disabled``) at once
        after, and starts with any messages already waiting.
        """
        check_types((event_source_arn, "eventSourceArn", str), (enabled, "enabled", bool))
        batch_size = 10 if batch_size is None else batch_size  # optional: 10 for SQS
        if not re.fullmatch(EVENT_SOURCE_ARN_PATTERN, event_source_arn):
            raise validation_error(
                constraint(
                    event_source_arn,
                    "eventSourceArn",
                    f"Member must satisfy regular expression pattern: {EVENT_SOURCE_ARN_PATTERN}",
                )
            )
        self._check_batch_size(batch_size)
        _, function_arn = self._mapping_target(function_name, creating=True)
        queue = next((q for q in self.queues.values() if q.arn == event_source_arn), None)
        if queue is None:
            raise InvalidParameterValueException(
                "Error occurred while ReceiveMessage. SQS Error Code: "
                "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified "
                "queue does not exist for this wsdl version."
            )
        for existing in self.event_source_mappings.values():
            if (
                existing.event_source_arn == event_source_arn
                and existing.function_arn == function_arn
            ):
                # AWS's wording for SQS [LS-snap: test_duplicate_event_source_mappings].
                raise ResourceConflictException(
                    f'An event source mapping with SQS arn (" {event_source_arn} ") and function '
                    f'(" {function_name} ") already exists. Please update or delete the existing '
                    f"mapping with UUID {existing.uuid}"
                )
        # --- apply
        uuid = self._new_uuid()
        mapping = EventSourceMappingConfiguration(
            uuid=uuid,
            event_source_arn=event_source_arn,
            function_arn=function_arn,
            batch_size=batch_size,
            state="Enabled" if enabled else "Disabled",
            last_modified=self.clock.now,
            event_source_mapping_arn=(
                f"arn:aws:lambda:{self.region}:{self.account_id}:event-source-mapping:{uuid}"
            ),
        )
        self.event_source_mappings[uuid] = mapping
        self._record(
            EventSourceMappingCreated(
                self.clock.now, uuid, event_source_arn, function_arn, batch_size, enabled
            )
        )
        response = _replace(mapping, state="Creating")
        if enabled and queue.messages:
            self._drain(queue)
        return response

    def get_event_source_mapping(self, uuid: str) -> EventSourceMappingConfiguration:
        """The mapping, or 404 ``The resource you requested does not exist.``."""
        return self._existing_mapping(uuid)

    def list_event_source_mappings(
        self,
        *,
        event_source_arn: str | None = None,
        function_name: str | None = None,
        marker: str | None = None,
        max_items: int | None = None,
    ) -> Page:
        """Mappings in creation order, at most 100 per page, optionally for one source
        and/or one function. An unqualified ``function_name`` lists the mappings of every
        qualifier of that function; a qualified one lists those of exactly that ARN."""
        self._check_max_items(max_items)
        check_types((event_source_arn, "eventSourceArn", str), (marker, "marker", str))
        wanted_arn = wanted_prefix = None
        if function_name is not None:
            ref, qualifier = self._resolve(function_name, None)
            if qualifier is None:
                wanted_prefix = self.function_arn(ref.name)
            else:
                wanted_arn = self.function_arn(ref.name, qualifier)
        items = [
            m
            for m in self.event_source_mappings.values()
            if (event_source_arn is None or m.event_source_arn == event_source_arn)
            and (wanted_arn is None or m.function_arn == wanted_arn)
            and (
                wanted_prefix is None
                or m.function_arn == wanted_prefix
                or m.function_arn.startswith(wanted_prefix + ":")
            )
        ]
        start = marker_start(marker)
        end = start + min(max_items or ESM_PAGE_SIZE, ESM_PAGE_SIZE)
        return Page(items[start:end], str(end) if end < len(items) else None)

    def update_event_source_mapping(
        self,
        uuid: str,
        *,
        function_name: str | None = None,
        batch_size: int | None = None,
        enabled: bool | None = None,
    ) -> EventSourceMappingConfiguration:
        """Point the mapping elsewhere, change its batch size, or enable/disable it.

        The response says ``Updating``; the change holds at once after.
        """
        check_types((enabled, "enabled", bool))
        if batch_size is not None:
            self._check_batch_size(batch_size)
        mapping = self._existing_mapping(uuid)
        function_arn = mapping.function_arn
        if function_name is not None:
            _, function_arn = self._mapping_target(function_name)
        state = mapping.state
        if enabled is not None:
            state = "Enabled" if enabled else "Disabled"
        updated = _replace(
            mapping,
            function_arn=function_arn,
            batch_size=mapping.batch_size if batch_size is None else batch_size,
            state=state,
            last_modified=self.clock.now,
        )
        # --- apply
        self.event_source_mappings[uuid] = updated
        self._record(
            EventSourceMappingUpdated(
                self.clock.now,
                uuid,
                function_arn,
                mapping.function_arn,
                updated.batch_size,
                state == "Enabled",
            )
        )
        response = _replace(updated, state="Updating")
        queue = next((q for q in self.queues.values() if q.arn == updated.event_source_arn), None)
        if queue is not None and updated.enabled and queue.messages:
            self._drain(queue)
        return response

    def delete_event_source_mapping(self, uuid: str) -> EventSourceMappingConfiguration:
        """Delete the mapping; the response says ``Deleting``."""
        mapping = self._existing_mapping(uuid)
        del self.event_source_mappings[uuid]
        self._record(EventSourceMappingDeleted(self.clock.now, uuid))
        return _replace(mapping, state="Deleting")


def _replace(
    mapping: EventSourceMappingConfiguration, **changes
) -> EventSourceMappingConfiguration:
    return dataclasses.replace(mapping, **changes)


_SQS_TEXT_RE = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


def _sqs_text(body: str) -> bool:
    """Only the characters SQS allows in a message (no lone surrogates, no control codes)."""
    return _SQS_TEXT_RE.fullmatch(body) is not None


def _message_id(number: int) -> str:
    h = hashlib.sha256(f"message-{number}".encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"
