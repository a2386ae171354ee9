"""Invoke: resolve the qualifier, pick the version (weighted aliases draw once per call), run
that version's own handler, and count what happened.

Rules: ``lambda-semantics.md`` section 4.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: context.function_version, publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> result = account.invoke("f:PROD")
>>> result.status_code, result.payload, result.executed_version
(200, '1', '1')
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import NamedTuple

from .code import _ImportModuleError
from .errors import InvalidRequestContentException, RequestTooLargeException
from .identifiers import (
    LATEST,
    is_version_number,
    merge_qualifier,
    validation_error,
    version_key,
)
from .state import AccountState
from .values import FunctionConfiguration

__all__ = ["InvocationRecord", "InvocationResult", "InvokeAPI", "LambdaContext"]

INVOCATION_TYPES = ("RequestResponse", "Event", "DryRun")
SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024
ASYNC_PAYLOAD_LIMIT = 1024 * 1024
#: Delays before the two retries of a failed asynchronous invocation (section 4).
ASYNC_RETRY_DELAYS = (60.0, 120.0)
#: Invocations one chain of events may make before recursive loop detection stops it.
RECURSION_LIMIT = 16


class LambdaContext:
    """The ``context`` object a handler receives, with the attributes of AWS's Python runtime."""

    __slots__ = (
        "_request_number",
        "_timeout",
        "client_context",
        "function_name",
        "function_version",
        "identity",
        "invoked_function_arn",
        "memory_limit_in_mb",
    )

    def __init__(self, config: FunctionConfiguration, invoked_arn: str, request_number: int):
        self.function_name = config.function_name
        self.function_version = config.version
        self.invoked_function_arn = invoked_arn
        # A string, as AWS's Python runtime gives it (read from the environment) [LS-snap:
        # test_invocation_with_qualifier invocation-response].
        self.memory_limit_in_mb = str(config.memory_size)
        #: Mobile-SDK client context and Cognito identity: None for other callers, as on AWS.
        self.client_context = None
        self.identity = None
        self._timeout = config.timeout
        self._request_number = request_number

    @property
    def aws_request_id(self) -> str:
        """Deterministic: the account's request counter, formatted like a UUID."""
        return _request_id(self._request_number)

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return f"2025/01/01/[{self.function_version}]{self._request_number:032x}"

    def get_remaining_time_in_millis(self) -> int:
        """Simulated handlers take no time: the whole timeout remains."""
        return self._timeout * 1000

    def __repr__(self) -> str:
        return (
            f"LambdaContext(function_version={self.function_version!r}, "
            f"invoked_function_arn={self.invoked_function_arn!r})"
        )


#: The largest response a synchronous invocation may return, in bytes (AWS's message names it).
RESPONSE_SIZE_LIMIT = 6 * 1024 * 1024 + 100
_SMALL_RESULTS = frozenset({int, float, bool, type(None)})


def _too_large(result: object) -> bool:
    """Would ``result``, serialised as the runtime does, exceed the response limit?"""
    if result.__class__ in (str, bytes, bytearray):
        return len(result) > RESPONSE_SIZE_LIMIT - 2
    try:
        return len(json.dumps(result, default=str)) > RESPONSE_SIZE_LIMIT
    except (TypeError, ValueError, RecursionError):
        return False  # not serialisable: the boto3 adapter reports Runtime.MarshalError


def _exit_reason(exc: BaseException) -> str:
    """How Lambda reports a runtime that ended during the handler (recorded messages)."""
    if isinstance(exc, SystemExit):
        code = exc.code
        if code is None or code == 0:
            return "Runtime exited without providing a reason"
        return f"Runtime exited with error: exit status {code if isinstance(code, int) else 1}"
    if isinstance(exc, KeyboardInterrupt):
        return "Runtime exited with error: signal: interrupt"
    return "Runtime exited with error: exit status 1"


def _request_id(number: int) -> str:
    h = f"{number:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@dataclass(slots=True)
class InvocationResult:
    """What Invoke returns: status, payload, the version that ran, and any function error."""

    status_code: int
    payload: object
    executed_version: str | None
    function_error: str | None = None
    request_number: int = 0
    #: The memory size of the version that ran (what a ``LogType="Tail"`` REPORT line shows).
    memory_size: int = 128

    @property
    def request_id(self) -> str:
        return _request_id(self.request_number)

    def __repr__(self) -> str:
        error = f", function_error={self.function_error!r}" if self.function_error else ""
        return (
            f"InvocationResult(status_code={self.status_code}, payload={self.payload!r}, "
            f"executed_version={self.executed_version!r}{error})"
        )


class InvocationRecord(NamedTuple):
    """One line of the bounded invocation log (a named tuple: cheap on the hot path)."""

    time: float
    function_name: str
    invoked_arn: str
    executed_version: str
    invocation_type: str
    ok: bool
    attempts: int = 1
    source: str | None = None

    def __repr__(self) -> str:
        outcome = "ok" if self.ok else "error"
        source = f" from {self.source}" if self.source else ""
        return (
            f"InvocationRecord({self.invoked_arn.rsplit(':function:', 1)[-1]} -> "
            f"{self.executed_version}, {outcome}{source})"
        )


class InvokeAPI(AccountState):
    """Invocation."""

    def _target(
        self, function_name: str, qualifier: str | None
    ) -> tuple[object, FunctionConfiguration, str, str | None, float]:
        """Resolve the function, the alias (if any), and the version to run."""
        # The hot path of every invocation: _resolve and _function, inlined.
        ref = self._refs.get((function_name, True))
        if ref is None:
            # Not seen before: the full parse, which reports an invalid name and an invalid
            # qualifier together, as AWS does.
            ref, qualifier = self._resolve(function_name, qualifier)
        elif qualifier is None:
            qualifier = ref.qualifier
        else:
            qualifier = merge_qualifier(ref, qualifier)
        function = self.functions.get(ref.name)
        if function is None or ref.account_id is not None:
            function = self._function(ref, qualifier if qualifier is not None else LATEST)
        if qualifier is None:
            return function, function.latest, function.arn, None, 0.0
        invoked_arn = f"{function.arn}:{qualifier}"
        if qualifier == LATEST:
            return function, function.latest, invoked_arn, None, 0.0
        if is_version_number(qualifier):
            config = function.versions.get(version_key(qualifier))
            if config is None:
                raise self._not_found(ref, qualifier)
            return function, config, invoked_arn, None, 0.0
        alias = function.aliases.get(qualifier)
        if alias is None:
            raise self._not_found(ref, qualifier)
        primary = (
            function.latest
            if alias.function_version == LATEST
            else function.versions[int(alias.function_version)]
        )
        return function, primary, invoked_arn, alias.name, 0.0

    def invoke(
        self,
        function_name: str,
        payload: object = None,
        *,
        qualifier: str | None = None,
        invocation_type: str = "RequestResponse",
        source: str | None = None,
    ) -> InvocationResult:
        """Invoke a function, version or alias.

        ``payload`` is the event (a JSON-like value; ``bytes`` are parsed as a JSON document).
        ``RequestResponse`` runs now and returns
        200; ``Event`` runs now, retries a failure twice, and returns 202 without a payload;
        ``DryRun`` checks the target and returns 204. ``source`` labels the caller in the log.
        """
        self._lock.acquire()  # inline (not the generic wrapper): this is the hot path
        try:
            if invocation_type not in INVOCATION_TYPES:
                raise validation_error(
                    f"Value '{invocation_type}' at 'invocationType' failed to satisfy constraint: "
                    f"Member must satisfy enum value set: [Event, RequestResponse, DryRun]"
                )
            function, config, invoked_arn, alias_name, _ = self._target(function_name, qualifier)
            if payload.__class__ is bytes:
                # Bytes are the wire form: a JSON document, as a boto3 caller sends it.
                limit = (
                    SYNC_PAYLOAD_LIMIT
                    if invocation_type == "RequestResponse"
                    else ASYNC_PAYLOAD_LIMIT
                )
                if len(payload) > limit:
                    raise RequestTooLargeException(
                        f"Request must be smaller than {limit} bytes for the InvokeFunction "
                        "operation"
                    )
                if payload:
                    try:
                        payload = json.loads(payload)
                    except (ValueError, RecursionError) as exc:
                        raise InvalidRequestContentException(
                            "Could not parse request body into json: Could not parse payload into "
                            f"json: {exc}"
                        ) from exc
                else:
                    payload = None
            if invocation_type == "DryRun":  # checks the target; draws nothing, runs nothing
                return InvocationResult(204, None, None)
            if alias_name is not None:
                routing = function.aliases[alias_name].routing_config
                if routing:
                    ((extra, weight),) = routing.additional_version_weights.items()
                    if self.random.random() < weight:
                        config = function.versions[int(extra)]
            ok, result, request_number = self._run(function, config, invoked_arn, payload)
            self.invocation_log.append(
                InvocationRecord(
                    self.clock.now,
                    function.name,
                    invoked_arn,
                    config.version,
                    invocation_type,
                    ok,
                    1,
                    source,
                )
            )
            if invocation_type == "Event":
                if not ok:  # retried later, on the simulated clock (section 4)
                    self._retry_later(function, config, invoked_arn, payload, source, None, 2)
                return InvocationResult(202, None, None, None, request_number)
            if ok and result.__class__ not in _SMALL_RESULTS and _too_large(result):
                ok = False
                result = {
                    "errorMessage": "Response payload size exceeded maximum allowed payload size "
                    f"({RESPONSE_SIZE_LIMIT} bytes).",
                    "errorType": "Function.ResponseSizeTooLarge",
                }
            return InvocationResult(
                200,
                result,
                config.version,
                None if ok else "Unhandled",
                request_number,
                config.memory_size,
            )
        finally:
            self._lock.release()

    def _route(self, function, config: FunctionConfiguration, alias_name: str | None):
        """The version an alias call runs: a weighted alias draws once per call (section 4).

        (``invoke`` inlines the same draw to keep its hot path short.)
        """
        if alias_name is not None:
            routing = function.aliases[alias_name].routing_config
            if routing:
                ((extra, weight),) = routing.additional_version_weights.items()
                if self.random.random() < weight:
                    return function.versions[int(extra)]
        return config

    def _invoke_event(
        self,
        function,
        config: FunctionConfiguration,
        invoked_arn: str,
        alias_name: str | None,
        payload: object,
        source: str | None,
        on_retry=None,
    ) -> InvocationRecord:
        """An asynchronous (``Event``) invocation on behalf of an event source, already
        resolved by :meth:`_target`: route, run once, log it, and return the log record (it
        names the version that ran). With ``on_retry``, a failure is retried on the simulated
        clock, about 1 minute and then 2 minutes later (section 4); ``on_retry(record)`` is
        told of each retry. Without it (a polled queue), a failed batch goes back to its queue.
        """
        config = self._route(function, config, alias_name)
        chain = self._chain  # type: ignore[attr-defined]
        if chain is not None:
            chain[0] += 1
        ok = self._run(function, config, invoked_arn, payload)[0]
        record = InvocationRecord(
            self.clock.now, function.name, invoked_arn, config.version, "Event", ok, 1, source
        )
        self.invocation_log.append(record)
        if not ok and on_retry is not None:
            self._retry_later(function, config, invoked_arn, payload, source, chain, 2, on_retry)
        return record

    def _retry_later(
        self,
        function,
        config: FunctionConfiguration,
        invoked_arn: str,
        payload: object,
        source: str | None,
        chain: list[int] | None,
        attempt: int,
        on_retry=None,
    ) -> None:
        """Schedule attempt number ``attempt`` (2 or 3) of a failed asynchronous invocation.

        The retry runs the same version with the same event, unless the function was deleted
        meanwhile or loop detection has stopped its chain (then the event is dropped).
        """

        def retry() -> None:
            if self.functions.get(function.name) is not function:
                return
            if chain is not None:
                if chain[0] >= RECURSION_LIMIT and function.recursive_loop == "Terminate":
                    return
                chain[0] += 1
            outer = self._chain  # type: ignore[attr-defined]
            self._chain = chain
            try:
                ok = self._run(function, config, invoked_arn, payload)[0]
            finally:
                self._chain = outer
            record = InvocationRecord(
                self.clock.now,
                function.name,
                invoked_arn,
                config.version,
                "Event",
                ok,
                attempt,
                source,
            )
            self.invocation_log.append(record)
            if on_retry is not None:
                on_retry(record)
            if not ok and attempt <= len(ASYNC_RETRY_DELAYS):
                self._retry_later(
                    function, config, invoked_arn, payload, source, chain, attempt + 1, on_retry
                )

        self.clock.schedule(ASYNC_RETRY_DELAYS[attempt - 2], retry)

    def _run(self, function, config: FunctionConfiguration, invoked_arn: str, payload: object):
        """Run the handler once; count it; return (ok, payload or error payload, request number)."""
        self._request_counter += 1
        number = self._request_counter
        counts = function.metrics.get(config.version)
        if counts is None:
            counts = function.metrics[config.version] = [0, 0]
        counts[0] += 1
        try:
            entry = config.code.entry_point(config.handler)
            return True, entry(payload, LambdaContext(config, invoked_arn, number)), number
        except _ImportModuleError as exc:
            counts[1] += 1
            return (
                False,
                {
                    "errorMessage": str(exc),
                    "errorType": "Runtime.ImportModuleError",
                    "requestId": _request_id(number),
                    "stackTrace": [],
                },
                number,
            )
        except Exception as exc:
            counts[1] += 1
            return (
                False,
                {
                    "errorMessage": str(exc),
                    "errorType": type(exc).__name__,
                    "requestId": _request_id(number),
                    "stackTrace": [],
                },
                number,
            )
        except BaseException as exc:
            # The runtime process ends; Lambda answers 200 with Runtime.ExitError.
            counts[1] += 1
            return (
                False,
                {
                    "errorType": "Runtime.ExitError",
                    "errorMessage": f"RequestId: {_request_id(number)} Error: {_exit_reason(exc)}",
                },
                number,
            )
