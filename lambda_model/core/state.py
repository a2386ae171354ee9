"""The account's state and the helpers every operation shares.

Operations live in mixins (``functions_api``, ``aliases_api``, ``invoke`` ...) over this one
state object. Each public operation follows the same path: validate everything first, then
apply, then append exactly one event per mutation to ``history``. A call that raises has
changed nothing, because nothing is written before the last check.
"""

from __future__ import annotations

import random
import threading
from collections import deque

from .clock import SimulatedClock
from .errors import PreconditionFailedException, ResourceNotFoundException, ValidationException
from .events import TRAFFIC_ELIDED, Event, MessagesSent, ObjectCreated, ObjectRemoved
from .function import Function
from .identifiers import (
    FunctionRef,
    check_required,
    check_types,
    constraint,
    function_arn,
    merge_qualifier,
    parse_function_name,
    qualifier_failures,
    validation_error,
)

__all__ = ["AccountState"]

#: The history events that are traffic rather than configuration.
TRAFFIC_EVENTS = frozenset({ObjectCreated, ObjectRemoved, MessagesSent})

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"


class AccountState:
    """State shared by every operation: functions, clock, randomness, ids and history."""

    def __init__(
        self,
        account_id: str = DEFAULT_ACCOUNT_ID,
        region: str = DEFAULT_REGION,
        seed: int = 0,
        *,
        invocation_log_size: int = 500,
        update_delay: float = 0.0,
        traffic_history_limit: int = 10_000,
    ) -> None:
        if not (len(account_id) == 12 and account_id.isdigit()):
            raise ValueError(f"account_id must be 12 digits, not {account_id!r}")
        #: One lock makes every public operation atomic: threads may share an account.
        #: Re-entrant, because a handler may call the account it runs in.
        self._lock = threading.RLock()
        if not (isinstance(update_delay, int | float) and 0 <= update_delay < float("inf")):
            raise ValueError(f"update_delay must be a number of seconds >= 0, not {update_delay!r}")
        #: Simulated seconds a create or an update keeps the function Pending / InProgress
        #: (0: instant). Meanwhile PublishVersion and further updates are refused, as on AWS.
        self.update_delay = float(update_delay)
        #: How many traffic events (objects written, messages sent) the history keeps whole;
        #: older ones become :data:`~lambda_model.core.events.TRAFFIC_ELIDED`.
        self.traffic_history_limit = traffic_history_limit
        self._traffic_indices: deque[int] = deque()
        self.account_id = account_id
        self.region = region
        self.seed = seed
        #: The simulated clock: nothing reads wall time.
        self.clock = SimulatedClock()
        #: The seeded generator for traffic: weighted routing draws from it.
        self.random = random.Random(seed)
        # Ids (RevisionIds, request ids...) come from their own seeded generator, so adding an
        # invocation to a notebook does not change the RevisionIds printed after it.
        self._ids = random.Random(f"lambda-model-ids-{seed}")
        self._request_counter = 0
        # Parsed FunctionNames that passed every check (a pure cache: not part of the state).
        self._refs: dict[tuple[str, bool], FunctionRef] = {}
        #: One frozen event per successful mutation, oldest first.
        self.history: list[Event] = []
        #: Functions by name.
        self.functions: dict[str, Function] = {}
        #: The most recent invocations (bounded), newest last.
        self.invocation_log: deque = deque(maxlen=invocation_log_size)

    # --- ids ------------------------------------------------------------------------------

    def _new_uuid(self) -> str:
        h = self._ids.randbytes(16).hex()
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    def _record(self, event: Event) -> None:
        self.history.append(event)
        if event.__class__ in TRAFFIC_EVENTS:
            # Traffic is bounded; configuration history is kept whole, indices never move.
            indices = self._traffic_indices
            indices.append(len(self.history) - 1)
            if len(indices) > self.traffic_history_limit:
                self.history[indices.popleft()] = TRAFFIC_ELIDED

    # --- ARNs and lookups -----------------------------------------------------------------

    def function_arn(self, name: str, qualifier: str | None = None) -> str:
        """The ARN of function ``name`` in this account, optionally qualified."""
        return function_arn(self.region, self.account_id, name, qualifier)

    def _ref(self, function_name: str, *, namespaced: bool) -> FunctionRef:
        """Parse a FunctionName and check that any region or account in it is ours."""
        if function_name.__class__ is not str:
            check_required((function_name, "functionName", str))
        ref = self._refs.get((function_name, namespaced))
        if ref is not None:
            return ref
        if not function_name:
            raise validation_error(
                constraint("", "functionName", "Member must have length greater than or equal to 1")
            )
        ref = parse_function_name(function_name, namespaced=namespaced)
        if ref.region is not None and ref.region != self.region:
            raise ResourceNotFoundException(
                f"Functions from '{ref.region}' are not reachable in this region ('{self.region}')"
            )
        if len(self._refs) > 4096:
            self._refs.clear()
        self._refs[function_name, namespaced] = ref
        return ref

    def _not_found(
        self, ref: FunctionRef, qualifier: str | None = None
    ) -> ResourceNotFoundException:
        account = ref.account_id or self.account_id
        arn = function_arn(self.region, account, ref.name, qualifier)
        return ResourceNotFoundException(f"Function not found: {arn}")

    def _function(self, ref: FunctionRef, qualifier: str | None = None) -> Function:
        """The function a reference names, or AWS's 404 (naming ``qualifier`` if given)."""
        function = self.functions.get(ref.name)
        if function is None or (ref.account_id is not None and ref.account_id != self.account_id):
            raise self._not_found(ref, qualifier)
        return function

    def _resolve(
        self, function_name: str, qualifier: str | None, *, namespaced: bool = True
    ) -> tuple[FunctionRef, str | None]:
        """Parse the name and merge its qualifier with ``qualifier`` (they must agree).

        An invalid name and an invalid ``qualifier`` are reported together, as AWS does
        (``2 validation errors detected: ...``).
        """
        try:
            ref = self._ref(function_name, namespaced=namespaced)
        except ValidationException as err:
            extra = qualifier_failures(qualifier) if isinstance(qualifier, str) else []
            if extra and getattr(err, "failures", None):
                raise validation_error(*extra, *err.failures) from None
            raise
        return ref, merge_qualifier(ref, qualifier)

    @staticmethod
    def _check_revision(given: str | None, current: str, api: str = "GetFunction/GetAlias") -> None:
        if given is not None and given != current:
            raise PreconditionFailedException(
                "The Revision Id provided does not match the latest Revision Id. "
                f"Call the {api} API to retrieve the latest Revision Id"
            )

    @staticmethod
    def _check_max_items(max_items: int | None, limit: int = 10000) -> None:
        if max_items is None:
            return
        check_types((max_items, "maxItems", int))
        if max_items < 1:
            raise validation_error(
                constraint(
                    max_items, "maxItems", "Member must have value greater than or equal to 1"
                )
            )
        if max_items > limit:
            raise validation_error(
                constraint(
                    max_items, "maxItems", f"Member must have value less than or equal to {limit}"
                )
            )
