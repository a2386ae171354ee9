"""Serving a real botocore client's calls in-process, from a simulated ``Account``.

botocore runs its usual pipeline for every call: parameter validation, serialisation,
endpoint resolution. Two event hooks then take the place of the network:

* ``before-parameter-build.<service>.*`` keeps a reference to the caller's parameters in the
  request context (botocore's own handlers may still adjust them in place, as they would for
  a real request);
* ``before-call.<service>.*`` hands those parameters to the simulated operation and returns
  ``(http_response, parsed_body)``. botocore then stops: no HTTP request is ever made.

Successful replies are built directly in the parsed shape (no serialising and re-parsing).
Errors are rendered in the service's wire format (a JSON body with an ``x-amzn-ErrorType``
header for Lambda, an ``<Error>`` XML document for S3) and decoded by botocore's own response
parser, so ``err.response`` is exactly what botocore would make of AWS's reply, and the
exception class is the one ``client.exceptions`` names for the code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any
from xml.sax.saxutils import escape

from botocore.awsrequest import AWSResponse, HeadersDict
from botocore.parsers import create_parser

from ..core.errors import ServiceError

__all__ = [
    "OperationNotSimulated",
    "ParameterNotSimulated",
    "Reply",
    "SimulatedOperation",
    "SimulatedService",
    "read_blob",
]

_PARAMS_KEY = "lambda_model.params"


class OperationNotSimulated(NotImplementedError):
    """The simulator has no model of this operation: it refuses rather than pretend.

    The message names the operation, then lists the ones that are simulated:

    >>> print(OperationNotSimulated("lambda", "ListLayers", ("GetAlias", "Invoke")))
    lambda_model does not simulate lambda ListLayers (the simulated lambda operations are ...)
    """

    def __init__(self, service: str, operation: str, simulated: tuple[str, ...] = ()) -> None:
        listed = ", ".join(simulated) if simulated else "..."
        super().__init__(
            f"lambda_model does not simulate {service} {operation} "
            f"(the simulated {service} operations are {listed})"
        )
        self.service = service
        self.operation = operation


class ParameterNotSimulated(NotImplementedError):
    """The operation is simulated, but not with this parameter (or this value of it)."""

    def __init__(self, operation: str, parameter: str, why: str = "") -> None:
        super().__init__(
            f"lambda_model does not simulate {operation} with {parameter}"
            + (f": {why}" if why else "")
        )
        self.operation = operation
        self.parameter = parameter


@dataclass(slots=True)
class Reply:
    """A simulated response: HTTP status, the body in botocore's parsed shape, extra headers."""

    status: int
    body: dict = field(default_factory=dict)
    headers: Mapping[str, str] | None = None
    request_id: str | None = None

    def __repr__(self) -> str:
        return f"Reply({self.status}, {sorted(self.body)})"


Handler = Callable[[Any, dict], Reply]


def read_blob(value: object) -> bytes:
    """A blob parameter (``ZipFile``, ``Payload``, ``Body``) as bytes, in whichever form
    botocore accepted it: bytes, bytearray, str or a readable file-like object."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    if isinstance(value, str):
        return value.encode()
    read = getattr(value, "read", None)
    if read is not None:
        data = read()
        return data.encode() if isinstance(data, str) else bytes(data)
    raise TypeError(f"cannot read a blob from {value!r}")


@dataclass(frozen=True, slots=True)
class SimulatedOperation:
    """One simulated operation: its handler and the request parameters it understands.

    A parameter outside ``accepts`` fails loudly with :class:`ParameterNotSimulated` rather
    than being ignored.
    """

    handler: Handler
    accepts: frozenset[str]

    def __repr__(self) -> str:
        return f"SimulatedOperation({self.handler.__name__}, accepts {sorted(self.accepts)})"


class _Wire:
    """How one protocol frames replies: headers, request ids, and error documents."""

    protocol = ""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.protocol})"

    def headers(self, request_id: str, date: str) -> dict[str, str]:
        raise NotImplementedError

    def error_headers(self, err: ServiceError) -> dict[str, str]:
        raise NotImplementedError

    def error_body(self, err: ServiceError, request_id: str, shape: Any = None) -> bytes:
        raise NotImplementedError


class _RestJson(_Wire):
    """Lambda: ``x-amzn-RequestId``; errors as ``x-amzn-ErrorType`` + ``{"Type", "message"}``."""

    protocol = "rest-json"

    def headers(self, request_id: str, date: str) -> dict[str, str]:
        return {
            "date": date,
            "content-type": "application/json",
            "connection": "keep-alive",
            "x-amzn-requestid": request_id,
        }

    def error_headers(self, err: ServiceError) -> dict[str, str]:
        return {"x-amzn-errortype": err.code}

    def error_body(self, err: ServiceError, request_id: str, shape: Any = None) -> bytes:
        """Lambda's error body names its fields as the error's shape does: ``"Type": "User"``
        and ``"message"`` for most, ``"Message"`` for ResourceNotFoundException; the
        unmodelled ValidationException sends ``"message"`` alone."""
        if err.code == "AccessDeniedException":
            return b'{"Message": null}'  # AWS's 403 carries no message
        members = shape.members if shape is not None else {}
        body: dict[str, object] = {"Type": "User"} if "Type" in members else {}
        body["Message" if "Message" in members else "message"] = err.message
        body.update(err.details)
        return json.dumps(body).encode()


class _RestXml(_Wire):
    """S3: ``x-amz-request-id`` and ``x-amz-id-2``; errors as an ``<Error>`` document."""

    protocol = "rest-xml"

    def headers(self, request_id: str, date: str) -> dict[str, str]:
        return {
            "x-amz-id-2": _host_id(request_id),
            "x-amz-request-id": request_id,
            "date": date,
            "server": "AmazonS3",
        }

    def error_headers(self, err: ServiceError) -> dict[str, str]:
        return {"content-type": "application/xml", "transfer-encoding": "chunked"}

    def error_body(self, err: ServiceError, request_id: str, shape: Any = None) -> bytes:
        fields = {"Code": err.code, "Message": err.message, **err.details}
        inner = "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in fields.items())
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<Error>{inner}<RequestId>{request_id}</RequestId>"
            f"<HostId>{_host_id(request_id)}</HostId></Error>"
        ).encode()


class SimulatedHTTPResponse(AWSResponse):
    """The HTTP response botocore sees: status, headers (built on first access: nothing in the
    Lambda pipeline reads them, and building them per call is measurable), and, for errors,
    the body as AWS would send it. Successful replies are never serialised, so they have no
    wire body to read."""

    def __init__(self, url: str, status_code: int, headers: dict, body: bytes | None = None):
        self.url = url
        self.status_code = status_code
        self.raw = None
        self._header_items = headers
        self._headers: HeadersDict | None = None
        self._content = body

    @property
    def headers(self) -> HeadersDict:
        if self._headers is None:
            self._headers = HeadersDict(self._header_items)
        return self._headers

    @headers.setter
    def headers(self, value) -> None:
        self._headers = HeadersDict(value)

    @property
    def content(self) -> bytes:
        if self._content is None:
            raise NotImplementedError(
                "a simulated success response has no wire body: read the parsed response"
            )
        return self._content

    def __repr__(self) -> str:
        return f"<SimulatedHTTPResponse [{self.status_code}]>"


def _host_id(request_id: str) -> str:
    return hashlib.sha256(request_id.encode()).hexdigest()[:56]


_WIRES: dict[str, _Wire] = {"rest-json": _RestJson(), "rest-xml": _RestXml()}


def _status_code_member(model: Any) -> str | None:
    """The output member botocore's parser takes from the HTTP status line (Invoke's and
    DeleteFunction's ``StatusCode``), if the operation has one."""
    shape = model.output_shape
    if shape is None:
        return None
    for name, member in shape.members.items():
        if member.serialization.get("location") == "statusCode":
            return name
    return None


class SimulatedService:
    """The in-process endpoint of one client: its account and its operation table.

    ``operations`` maps botocore operation names (``"CreateAlias"``) to
    :class:`SimulatedOperation`. Built once per service and shared by every client of it.
    """

    def __init__(
        self,
        client: Any,
        account: Any,
        operations: Mapping[str, SimulatedOperation],
        request_id: Callable[[int], str],
    ) -> None:
        self.client = client
        self.account = account
        self.operations = operations
        service_model = client.meta.service_model
        self.service_name = service_model.service_name
        self.wire = _WIRES[service_model.protocol]
        self._parser = create_parser(service_model.protocol)
        self._request_id = request_id
        self._requests = 0
        #: Per operation, the output member botocore fills from the HTTP status (or None).
        self._status_members: dict[str, str | None] = {}
        self._date_for = -1.0
        self._date = ""
        service_id = service_model.service_id.hyphenize()
        events = client.meta.events
        events.register(f"before-parameter-build.{service_id}.*", self._capture)
        # Last, so botocore's own before-call handlers still see the request as usual.
        events.register_last(f"before-call.{service_id}.*", self._serve)

    def __repr__(self) -> str:
        return f"SimulatedService({self.service_name}, {self.account!r})"

    # --- hooks ----------------------------------------------------------------------------

    @staticmethod
    def _capture(params: dict, context: dict, **kwargs: object) -> None:
        context[_PARAMS_KEY] = params

    def _serve(self, model: Any, params: dict, context: dict, **kwargs: object):
        name = model.name
        operation = self.operations.get(name)
        if operation is None:
            raise OperationNotSimulated(self.service_name, name, tuple(sorted(self.operations)))
        request = context.pop(_PARAMS_KEY)
        unknown = request.keys() - operation.accepts
        if unknown:
            raise ParameterNotSimulated(name, ", ".join(sorted(unknown)))
        try:
            reply = operation.handler(self.account, request)
        except ServiceError as err:
            return self._error(err, model, params.get("url", ""))
        status_member = self._status_members.get(name, "")
        if status_member == "":
            status_member = self._status_members[name] = _status_code_member(model)
        if status_member is not None:
            reply.body[status_member] = reply.status
        return self._success(reply, params.get("url", ""))

    # --- replies --------------------------------------------------------------------------

    def next_request_id(self) -> str:
        self._requests += 1
        return self._request_id(self._requests)

    def _date_header(self) -> str:
        now = self.account.clock.now
        if now != self._date_for:
            self._date_for = now
            self._date = formatdate(now, usegmt=True)
        return self._date

    def _success(self, reply: Reply, url: str) -> tuple[SimulatedHTTPResponse, dict]:
        request_id = reply.request_id or self.next_request_id()
        headers = self.wire.headers(request_id, self._date_header())
        if reply.headers:
            headers.update(reply.headers)
        http = SimulatedHTTPResponse(url, reply.status, headers)
        body = reply.body
        body["ResponseMetadata"] = {
            "RequestId": request_id,
            "HTTPStatusCode": reply.status,
            "HTTPHeaders": headers,
            "RetryAttempts": 0,
        }
        if "x-amz-id-2" in headers:
            body["ResponseMetadata"]["HostId"] = headers["x-amz-id-2"]
        return http, body

    def _error(self, err: ServiceError, model: Any, url: str) -> tuple[SimulatedHTTPResponse, dict]:
        """Render the error as AWS sends it and let botocore's parser decode it."""
        request_id = self.next_request_id()
        headers = self.wire.headers(request_id, self._date_header())
        headers.update(self.wire.error_headers(err))
        error_shape = model.service_model.shape_for_error_code(err.code)
        body = self.wire.error_body(err, request_id, error_shape)
        headers["content-length"] = str(len(body))
        http = SimulatedHTTPResponse(url, err.status, headers, body)
        response = {
            "status_code": err.status,
            "headers": http.headers,
            "body": body,
            "context": {"operation_name": model.name},
        }
        parsed = self._parser.parse(response, model.output_shape)
        # What botocore's endpoint adds for a modelled error: the error shape's own fields.
        if error_shape is not None:
            parsed.update(self._parser.parse(response, error_shape))
        parsed["ResponseMetadata"]["RetryAttempts"] = 0
        return http, parsed
