"""Delivery from event sources (S3 notifications, queue mappings) to Lambda, and its log.

An event source hands an event to a target ARN (a function, a version or an alias). The
alias is resolved when the event is delivered, and weighted routing draws per delivery. A
push source (S3) must be allowed by the resource-based policy on exactly that ARN; a polled
source (a queue mapping) uses the function's execution role and needs no grant.

Every delivery is logged in ``account.delivery_log`` (bounded, newest last).

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "ok", publish=True)
>>> _ = account.create_bucket("uploads")
>>> _ = account.put_bucket_notification_configuration(
...     "uploads",
...     {"LambdaFunctionConfigurations": [{
...         "LambdaFunctionArn": account.function_arn("f", "1"),
...         "Events": ["s3:ObjectCreated:*"]}]},
...     skip_destination_validation=True,
... )
>>> _ = account.put_object("uploads", "a.jpg", b"...")
>>> account.delivery_log[-1]
DeliveryLogEntry(ObjectCreated:Put s3://uploads/a.jpg -> f:1: refused: no permission)
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from .errors import InvalidParameterValueException, ServiceError
from .events import Delivery, FunctionRecursionConfigured
from .identifiers import check_types, constraint, validation_error
from .policies_api import allows_invoke
from .state import AccountState

__all__ = [
    "OUTCOME_ERROR",
    "OUTCOME_NOT_FOUND",
    "OUTCOME_OK",
    "OUTCOME_RECURSION",
    "OUTCOME_REFUSED",
    "DeliveryAPI",
    "DeliveryLogEntry",
]

OUTCOME_OK = "ok"
OUTCOME_ERROR = "error"
OUTCOME_REFUSED = "refused: no permission"
OUTCOME_NOT_FOUND = "refused: function not found"
OUTCOME_RECURSION = "stopped: recursive loop"
#: Invocations one chain of events may make (a handler writing back into the bucket or queue
#: that triggered it) before Lambda's recursive loop detection stops it: "after approximately
#: 16 invocations" (DG: Use Lambda recursive loop detection to prevent infinite loops).
MAX_DELIVERY_DEPTH = 16  # = invoke.RECURSION_LIMIT
RECURSIVE_LOOP_VALUES = ("Terminate", "Allow")


@dataclass(frozen=True, slots=True)
class DeliveryLogEntry:
    """One line of ``account.delivery_log``: which event went to which ARN, and what came of it.

    ``executed_version`` is ``None`` when nothing ran (refused, function missing).
    ``attempts`` is the attempt this entry reports: 1 at delivery; a failed S3 delivery is
    retried on the simulated clock (about 1 and then 2 minutes later), each retry logged.
    """

    time: float
    event_source: str  # "aws:s3" or "aws:sqs"
    source_arn: str
    event_name: str  # "ObjectCreated:Put", ..., or "ReceiveMessage" for a queue batch
    target_arn: str
    executed_version: str | None
    outcome: str
    attempts: int = 1
    configuration_id: str = ""
    key: str | None = None
    records: int = 1

    def __repr__(self) -> str:
        target = self.target_arn.split(":function:", 1)[-1]
        ran = f" ran {self.executed_version}" if self.executed_version else ""
        if self.event_source == "aws:s3":
            bucket = self.source_arn.rsplit(":", 1)[-1]
            what = f"{self.event_name} s3://{bucket}/{self.key}"
        else:
            what = f"{self.records} message(s) from {self.source_arn.rsplit(':', 1)[-1]}"
        return f"DeliveryLogEntry({what} -> {target}{ran}: {self.outcome})"

    @property
    def delivery(self) -> Delivery:
        """The same facts as the history's :class:`Delivery` value."""
        return Delivery(
            self.target_arn,
            self.executed_version,
            self.outcome,
            self.attempts,
            self.configuration_id,
        )


class DeliveryAPI(AccountState):
    """Shared by the S3 and queue mixins: deliver one event to one target ARN, and log it.

    Relies on ``InvokeAPI._target`` and ``InvokeAPI._invoke_event`` (both on ``Account``).
    """

    def __init__(self, *args, delivery_log_size: int = 500, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: The most recent event-source deliveries (bounded), newest last.
        self.delivery_log: deque[DeliveryLogEntry] = deque(maxlen=delivery_log_size)
        #: Invocations so far in the chain of events being delivered (``None`` outside one).
        self._chain: list[int] | None = None

    def _deliver(
        self,
        target_arn: str,
        payload: object,
        *,
        event_source: str,
        source_arn: str,
        event_name: str,
        principal_service: str | None,
        configuration_id: str = "",
        key: str | None = None,
        records: int = 1,
    ) -> DeliveryLogEntry:
        """Deliver ``payload`` to ``target_arn`` as an asynchronous invocation.

        With ``principal_service`` set (a push source), the policy on exactly that ARN must
        allow the service from ``source_arn`` in this account, or nothing runs.
        """
        executed: str | None = None
        attempts = 0
        outer = self._chain
        chain = [0] if outer is None else outer  # a top-level event starts a new chain
        try:
            function, config, invoked_arn, alias_name, _ = self._target(target_arn, None)  # type: ignore[attr-defined]
        except ServiceError:
            outcome = OUTCOME_NOT_FOUND
        else:
            qualifier = invoked_arn[len(function.arn) + 1 :] or None
            if principal_service is not None and not allows_invoke(
                function, qualifier, principal_service, source_arn, self.account_id
            ):
                outcome = OUTCOME_REFUSED
            elif chain[0] >= MAX_DELIVERY_DEPTH and function.recursive_loop == "Terminate":
                # RecursiveInvocationException: the event is dropped, nothing runs.
                outcome = OUTCOME_RECURSION
            else:
                on_retry = None
                if principal_service is not None:  # a push source: Lambda retries later

                    def on_retry(retried) -> None:
                        self.delivery_log.append(
                            DeliveryLogEntry(
                                self.clock.now,
                                event_source,
                                source_arn,
                                event_name,
                                target_arn,
                                retried.executed_version,
                                OUTCOME_OK if retried.ok else OUTCOME_ERROR,
                                retried.attempts,
                                configuration_id,
                                key,
                                records,
                            )
                        )

                self._chain = chain
                try:
                    record = self._invoke_event(  # type: ignore[attr-defined]
                        function, config, invoked_arn, alias_name, payload, event_source, on_retry
                    )
                finally:
                    self._chain = outer
                executed, attempts = record.executed_version, record.attempts
                outcome = OUTCOME_OK if record.ok else OUTCOME_ERROR
        entry = DeliveryLogEntry(
            self.clock.now,
            event_source,
            source_arn,
            event_name,
            target_arn,
            executed,
            outcome,
            attempts,
            configuration_id,
            key,
            records,
        )
        self.delivery_log.append(entry)
        return entry

    # --- recursive loop detection (PutFunctionRecursionConfig) ------------------------------

    def put_function_recursion_config(self, function_name: str, recursive_loop: str) -> str:
        """``"Terminate"`` (the default) stops a loop of events through this function after
        about 16 invocations; ``"Allow"`` lets it run. Returns the value set.

        >>> from lambda_model import Account
        >>> account = Account()
        >>> _ = account.create_function("f", lambda event, context: None)
        >>> account.put_function_recursion_config("f", "Allow")
        'Allow'
        """
        check_types((recursive_loop, "recursiveLoop", str))
        if recursive_loop not in RECURSIVE_LOOP_VALUES:
            raise validation_error(
                constraint(
                    recursive_loop,
                    "recursiveLoop",
                    "Member must satisfy enum value set: [Terminate, Allow]",
                )
            )
        ref = self._ref(function_name, namespaced=False)
        if ref.qualifier is not None:
            raise InvalidParameterValueException(
                "Current operation does not support versions other than $LATEST"
            )
        function = self._function(ref)
        function.recursive_loop = recursive_loop
        self._record(FunctionRecursionConfigured(self.clock.now, function.name, recursive_loop))
        return recursive_loop

    def get_function_recursion_config(self, function_name: str) -> str:
        """The function's ``RecursiveLoop`` setting: ``"Terminate"`` unless set otherwise."""
        ref = self._ref(function_name, namespaced=False)
        return self._function(ref).recursive_loop
