"""The Lambda operations a simulated client serves: request parameters in, AWS's reply out.

Each handler takes the account and the caller's parameters (as botocore validated them) and
returns a :class:`Reply` in the shape botocore's parser would produce for AWS's response,
with AWS's status code. The work itself is the core's: these functions only translate.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import json
import logging
import threading
from collections.abc import Callable
from contextlib import contextmanager

from botocore.response import StreamingBody
from botocore.utils import parse_timestamp

from ..core.clock import SimulatedClock
from ..core.errors import InvalidParameterValueException, S3Error
from ..core.identifiers import constraint, validation_error
from .capture import capture_stdout
from .transport import ParameterNotSimulated, Reply, SimulatedOperation, read_blob

__all__ = ["OPERATIONS", "lambda_request_id"]


def lambda_request_id(number: int) -> str:
    """A deterministic request id in Lambda's UUID form, numbered per client (the invocation
    request ids, numbered by the account, look different: ``00000000-...``).

    >>> lambda_request_id(1)
    'c0ffee00-0000-4000-8000-000000000001'
    """
    return f"c0ffee00-0000-4000-8000-{number:012x}"


# --- helpers ------------------------------------------------------------------------------


def _architectures(operation: str, params: dict) -> None:
    """AWS's checks of ``Architectures`` first [LS-snap: test_create_lambda_exceptions], then
    the simulator's limit (x86_64 only)."""
    given = params.get("Architectures", ["x86_64"])
    shown = f"[{', '.join(given)}]"
    if len(given) > 1:
        raise validation_error(
            constraint(shown, "architectures", "Member must have length less than or equal to 1")
        )
    if any(item not in ("x86_64", "arm64") for item in given):
        rule = (
            "Member must satisfy constraint: [Member must satisfy enum value set: "
            "[x86_64, arm64], Member must not be null]"
        )
        raise validation_error(constraint(shown, "architectures", rule))
    if given != ["x86_64"]:
        raise ParameterNotSimulated(operation, "Architectures", "only ['x86_64'] is simulated")


def _package(account, operation: str, code: dict) -> bytes:
    """The deployment package named by ``Code`` (CreateFunction) or by UpdateFunctionCode's
    ``ZipFile`` / ``S3Bucket`` + ``S3Key``."""
    if "ImageUri" in code:
        raise ParameterNotSimulated(operation, "ImageUri", "container images are not simulated")
    if "SourceKMSKeyArn" in code:
        raise ParameterNotSimulated(operation, "SourceKMSKeyArn")
    if "ZipFile" in code:
        return read_blob(code["ZipFile"])
    if "S3Bucket" in code or "S3Key" in code:
        if "S3ObjectVersion" in code:
            raise ParameterNotSimulated(operation, "S3ObjectVersion")
        try:
            stored = account.get_object(code.get("S3Bucket", ""), code.get("S3Key", ""))
        except S3Error as err:
            raise InvalidParameterValueException(
                f"Error occurred while GetObject. S3 Error Code: {err.code}. S3 Error Message: "
                f"{err.message}"
            ) from err
        return stored.body
    raise InvalidParameterValueException("Please provide a source for function code.")


class _Stamps:
    """Stands in for the clock when rendering configurations: ``LastModified`` stamps are a
    pure function of the instant, so they are memoised (formatting dates is slow)."""

    __slots__ = ()
    last_modified = staticmethod(functools.lru_cache(maxsize=4096)(SimulatedClock().last_modified))


_STAMPS = _Stamps()


def _config(account, config) -> dict:
    return config.to_dict(_STAMPS)


def _page(account, page, key: str) -> dict:
    body = {key: [item.to_dict(_STAMPS, listing=True) for item in page.items]}
    if page.next_marker is not None:
        body["NextMarker"] = page.next_marker
    return body


def _environment(params: dict) -> dict | None:
    environment = params.get("Environment")
    if environment is None:
        return None
    return environment.get("Variables", {})


# --- functions ----------------------------------------------------------------------------


def create_function(account, p: dict) -> Reply:
    if p.get("PackageType", "Zip") != "Zip":
        raise ParameterNotSimulated("CreateFunction", "PackageType", "only Zip is simulated")
    _architectures("CreateFunction", p)
    if "Runtime" not in p or "Handler" not in p:
        raise InvalidParameterValueException(
            "Runtime and Handler are mandatory parameters for functions created with "
            "deployment packages."
        )
    config = account.create_function(
        p["FunctionName"],
        _package(account, "CreateFunction", p["Code"]),
        handler=p["Handler"],
        runtime=p["Runtime"],
        role=p["Role"],
        memory_size=p.get("MemorySize", 128),
        timeout=p.get("Timeout", 3),
        environment=_environment(p),
        description=p.get("Description", ""),
        publish=p.get("Publish", False),
    )
    return Reply(201, _config(account, config))


def update_function_code(account, p: dict) -> Reply:
    _architectures("UpdateFunctionCode", p)
    if p.get("DryRun"):
        raise ParameterNotSimulated("UpdateFunctionCode", "DryRun")
    config = account.update_function_code(
        p["FunctionName"],
        _package(account, "UpdateFunctionCode", p),
        publish=p.get("Publish", False),
        revision_id=p.get("RevisionId"),
    )
    return Reply(200, _config(account, config))


def update_function_configuration(account, p: dict) -> Reply:
    config = account.update_function_configuration(
        p["FunctionName"],
        handler=p.get("Handler"),
        runtime=p.get("Runtime"),
        role=p.get("Role"),
        memory_size=p.get("MemorySize"),
        timeout=p.get("Timeout"),
        environment=_environment(p),
        description=p.get("Description"),
        revision_id=p.get("RevisionId"),
    )
    return Reply(200, _config(account, config))


def _code_location(account, config) -> dict:
    """GetFunction's ``Code``: where AWS would let you download the package from (a stub URL
    in AWS's form; nothing is served there)."""
    digest = hashlib.sha256(f"{config.function_arn}:{config.code_sha256}".encode()).hexdigest()
    snapshot = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    region = account.region
    return {
        "RepositoryType": "S3",
        "Location": (
            f"https://awslambda-{region}-tasks.s3.{region}.amazonaws.com/snapshots/"
            f"{account.account_id}/{config.function_name}-{snapshot}"
            "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=600"
        ),
    }


def get_function(account, p: dict) -> Reply:
    config = account.get_function(p["FunctionName"], p.get("Qualifier"))
    return Reply(
        200, {"Configuration": _config(account, config), "Code": _code_location(account, config)}
    )


def get_function_configuration(account, p: dict) -> Reply:
    config = account.get_function_configuration(p["FunctionName"], p.get("Qualifier"))
    return Reply(200, _config(account, config))


def list_functions(account, p: dict) -> Reply:
    page = account.list_functions(
        function_version=p.get("FunctionVersion"),
        marker=p.get("Marker"),
        max_items=p.get("MaxItems"),
    )
    return Reply(200, _page(account, page, "Functions"))


def delete_function(account, p: dict) -> Reply:
    account.delete_function(p["FunctionName"], p.get("Qualifier"))
    return Reply(204)


# --- versions -----------------------------------------------------------------------------


def publish_version(account, p: dict) -> Reply:
    if "PublishTo" in p:
        raise ParameterNotSimulated("PublishVersion", "PublishTo", "Managed Instances")
    config = account.publish_version(
        p["FunctionName"],
        code_sha256=p.get("CodeSha256"),
        description=p.get("Description"),
        revision_id=p.get("RevisionId"),
    )
    return Reply(201, _config(account, config))


def list_versions_by_function(account, p: dict) -> Reply:
    page = account.list_versions_by_function(
        p["FunctionName"], marker=p.get("Marker"), max_items=p.get("MaxItems")
    )
    return Reply(200, _page(account, page, "Versions"))


# --- aliases ------------------------------------------------------------------------------


def create_alias(account, p: dict) -> Reply:
    alias = account.create_alias(
        p["FunctionName"],
        p["Name"],
        p["FunctionVersion"],
        description=p.get("Description", ""),
        routing_config=p.get("RoutingConfig"),
    )
    return Reply(201, alias.to_dict())


def get_alias(account, p: dict) -> Reply:
    return Reply(200, account.get_alias(p["FunctionName"], p["Name"]).to_dict())


def update_alias(account, p: dict) -> Reply:
    alias = account.update_alias(
        p["FunctionName"],
        p["Name"],
        function_version=p.get("FunctionVersion"),
        description=p.get("Description"),
        routing_config=p.get("RoutingConfig"),
        revision_id=p.get("RevisionId"),
    )
    return Reply(200, alias.to_dict())


def delete_alias(account, p: dict) -> Reply:
    account.delete_alias(p["FunctionName"], p["Name"])
    return Reply(204)


def list_aliases(account, p: dict) -> Reply:
    page = account.list_aliases(
        p["FunctionName"],
        function_version=p.get("FunctionVersion"),
        marker=p.get("Marker"),
        max_items=p.get("MaxItems"),
    )
    body = {"Aliases": [alias.to_dict() for alias in page.items]}
    if page.next_marker is not None:
        body["NextMarker"] = page.next_marker
    return Reply(200, body)


# --- invoke -------------------------------------------------------------------------------


def _marshal(result, request_id: str) -> tuple[bytes, str | None]:
    """The response payload as the Python runtime serialises it."""
    if result.function_error:
        return json.dumps(result.payload).encode(), result.function_error
    try:
        return json.dumps(result.payload).encode(), None
    except (TypeError, ValueError, RecursionError) as exc:
        error = {
            "errorMessage": f"Unable to marshal response: {exc}",
            "errorType": "Runtime.MarshalError",
            "requestId": request_id,
            "stackTrace": [],
        }
        return json.dumps(error).encode(), "Unhandled"


def _log_tail(result, printed: str, memory_size: int, error: dict | None) -> str:
    """The last 4 KB of the invocation's log, base64-encoded, as ``LogType="Tail"`` returns."""
    rid = result.request_id
    lines = [f"START RequestId: {rid} Version: {result.executed_version}\n", printed]
    if error is not None:
        lines.append(f"[ERROR] {error.get('errorType')}: {error.get('errorMessage')}\n")
    lines.append(f"END RequestId: {rid}\n")
    lines.append(
        f"REPORT RequestId: {rid}\tDuration: 0.00 ms\tBilled Duration: 1 ms\t"
        f"Memory Size: {memory_size} MB\t\n"
    )
    log = "".join(lines).encode()[-4096:]
    return base64.b64encode(log).decode()


_REQUEST_ID_MARK = "\x00request-id\x00"


class _RuntimeLogHandler(logging.Handler):
    """What AWS's Python runtime installs on the root logger: each record becomes a log line
    ``[LEVEL]\t<time>\t<request id>\t<message>`` [LS-snap: test_invocation_with_qualifier
    log_result]. The request id is filled in once the invocation has one."""

    def __init__(self, out: io.StringIO, stamp: str) -> None:
        super().__init__()
        self.out, self.stamp = out, stamp
        self.thread = threading.get_ident()  # only the invoking thread's records

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        message = record.getMessage()
        self.out.write(f"[{record.levelname}]\t{self.stamp}\t{_REQUEST_ID_MARK}\t{message}\n")


@contextmanager
def _captured_logs(account):
    """Capture what the handler prints and logs, as the runtime sends both to the log; only
    this thread's output (other threads print and log as usual)."""
    with capture_stdout() as printed:
        handler = _RuntimeLogHandler(printed, account.clock.iso())
        root = logging.getLogger()
        root.addHandler(handler)
        try:
            yield printed
        finally:
            root.removeHandler(handler)


def invoke(account, p: dict) -> Reply:
    if "ClientContext" in p:
        raise ParameterNotSimulated("Invoke", "ClientContext")
    payload = read_blob(p["Payload"]) if "Payload" in p else b""
    invocation_type = p.get("InvocationType", "RequestResponse")
    tail = p.get("LogType", "None") == "Tail" and invocation_type == "RequestResponse"
    if tail:
        with _captured_logs(account) as printed:
            result = account.invoke(
                p["FunctionName"],
                payload,
                qualifier=p.get("Qualifier"),
                invocation_type=invocation_type,
            )
    else:
        result = account.invoke(
            p["FunctionName"],
            payload,
            qualifier=p.get("Qualifier"),
            invocation_type=invocation_type,
        )
    status = result.status_code
    request_id = result.request_id if result.request_number else None
    if status != 200:
        body = {"StatusCode": status, "Payload": StreamingBody(io.BytesIO(b""), 0)}
        return Reply(status, body, {"content-length": "0"}, request_id)
    data, function_error = _marshal(result, result.request_id)
    headers = {
        "content-length": str(len(data)),
        "x-amz-executed-version": result.executed_version,
    }
    body = {
        "StatusCode": 200,
        "ExecutedVersion": result.executed_version,
        "Payload": StreamingBody(io.BytesIO(data), len(data)),
    }
    if function_error:
        body["FunctionError"] = function_error
        headers["x-amz-function-error"] = function_error
    if tail:
        error = json.loads(data) if function_error else None
        body["LogResult"] = headers["x-amz-log-result"] = _log_tail(
            result,
            printed.getvalue().replace(_REQUEST_ID_MARK, result.request_id),
            result.memory_size,
            error,
        )
    return Reply(200, body, headers, result.request_id)


# --- permissions (resource-based policies) ------------------------------------------------


def add_permission(account, p: dict) -> Reply:
    statement = account.add_permission(
        p["FunctionName"],
        p["StatementId"],
        p["Action"],
        p["Principal"],
        qualifier=p.get("Qualifier"),
        source_arn=p.get("SourceArn"),
        source_account=p.get("SourceAccount"),
        principal_org_id=p.get("PrincipalOrgID"),
        function_url_auth_type=p.get("FunctionUrlAuthType"),
        event_source_token=p.get("EventSourceToken"),
        revision_id=p.get("RevisionId"),
    )
    return Reply(201, statement.to_dict())


def remove_permission(account, p: dict) -> Reply:
    account.remove_permission(
        p["FunctionName"],
        p["StatementId"],
        qualifier=p.get("Qualifier"),
        revision_id=p.get("RevisionId"),
    )
    return Reply(204)


def get_policy(account, p: dict) -> Reply:
    policy = account.get_policy(p["FunctionName"], qualifier=p.get("Qualifier"))
    return Reply(200, policy.to_dict())


# --- event source mappings ----------------------------------------------------------------


def _mapping(mapping) -> dict:
    """A mapping in botocore's parsed shape: ``LastModified`` (epoch seconds on the wire)
    becomes the datetime botocore's timestamp parser makes of it."""
    body = mapping.to_dict()
    body["LastModified"] = parse_timestamp(body["LastModified"])
    return body


def create_event_source_mapping(account, p: dict) -> Reply:
    if "EventSourceArn" not in p:
        # AWS's answer [LS-snap: test_event_source_mapping_exceptions create_no_event_source_arn].
        raise InvalidParameterValueException("Unrecognized event source.")
    mapping = account.create_event_source_mapping(
        p["EventSourceArn"],
        p["FunctionName"],
        batch_size=p.get("BatchSize", 10),
        enabled=p.get("Enabled", True),
    )
    return Reply(202, _mapping(mapping))


def get_event_source_mapping(account, p: dict) -> Reply:
    return Reply(200, _mapping(account.get_event_source_mapping(p["UUID"])))


def update_event_source_mapping(account, p: dict) -> Reply:
    mapping = account.update_event_source_mapping(
        p["UUID"],
        function_name=p.get("FunctionName"),
        batch_size=p.get("BatchSize"),
        enabled=p.get("Enabled"),
    )
    return Reply(202, _mapping(mapping))


def delete_event_source_mapping(account, p: dict) -> Reply:
    return Reply(202, _mapping(account.delete_event_source_mapping(p["UUID"])))


def list_event_source_mappings(account, p: dict) -> Reply:
    page = account.list_event_source_mappings(
        event_source_arn=p.get("EventSourceArn"),
        function_name=p.get("FunctionName"),
        marker=p.get("Marker"),
        max_items=p.get("MaxItems"),
    )
    body = {"EventSourceMappings": [_mapping(m) for m in page.items]}
    if page.next_marker is not None:
        body["NextMarker"] = page.next_marker
    return Reply(200, body)


# --- recursive loop detection -------------------------------------------------------------


def put_function_recursion_config(account, p: dict) -> Reply:
    value = account.put_function_recursion_config(p["FunctionName"], p["RecursiveLoop"])
    return Reply(200, {"RecursiveLoop": value})


def get_function_recursion_config(account, p: dict) -> Reply:
    return Reply(200, {"RecursiveLoop": account.get_function_recursion_config(p["FunctionName"])})


# --- the table ----------------------------------------------------------------------------


def _op(handler: Callable, *accepts: str) -> SimulatedOperation:
    return SimulatedOperation(handler, frozenset(accepts))


#: Every simulated Lambda operation and the request parameters it understands.
OPERATIONS: dict[str, SimulatedOperation] = {
    "CreateFunction": _op(
        create_function,
        "FunctionName", "Runtime", "Role", "Handler", "Code", "Description", "Timeout",
        "MemorySize", "Publish", "Environment", "PackageType", "Architectures",
    ),
    "UpdateFunctionCode": _op(
        update_function_code,
        "FunctionName", "ZipFile", "S3Bucket", "S3Key", "S3ObjectVersion", "ImageUri",
        "Publish", "DryRun", "RevisionId", "Architectures", "SourceKMSKeyArn",
    ),
    "UpdateFunctionConfiguration": _op(
        update_function_configuration,
        "FunctionName", "Role", "Handler", "Description", "Timeout", "MemorySize",
        "Environment", "Runtime", "RevisionId",
    ),
    "GetFunction": _op(get_function, "FunctionName", "Qualifier"),
    "GetFunctionConfiguration": _op(get_function_configuration, "FunctionName", "Qualifier"),
    "ListFunctions": _op(list_functions, "FunctionVersion", "Marker", "MaxItems"),
    "DeleteFunction": _op(delete_function, "FunctionName", "Qualifier"),
    "PublishVersion": _op(
        publish_version, "FunctionName", "CodeSha256", "Description", "RevisionId", "PublishTo"
    ),
    "ListVersionsByFunction": _op(list_versions_by_function, "FunctionName", "Marker", "MaxItems"),
    "CreateAlias": _op(
        create_alias, "FunctionName", "Name", "FunctionVersion", "Description", "RoutingConfig"
    ),
    "GetAlias": _op(get_alias, "FunctionName", "Name"),
    "UpdateAlias": _op(
        update_alias,
        "FunctionName", "Name", "FunctionVersion", "Description", "RoutingConfig", "RevisionId",
    ),
    "DeleteAlias": _op(delete_alias, "FunctionName", "Name"),
    "ListAliases": _op(list_aliases, "FunctionName", "FunctionVersion", "Marker", "MaxItems"),
    "Invoke": _op(
        invoke, "FunctionName", "InvocationType", "LogType", "ClientContext", "Payload", "Qualifier"
    ),
    "AddPermission": _op(
        add_permission,
        "FunctionName", "StatementId", "Action", "Principal", "SourceArn", "SourceAccount",
        "EventSourceToken", "Qualifier", "RevisionId", "PrincipalOrgID", "FunctionUrlAuthType",
    ),
    "RemovePermission": _op(
        remove_permission, "FunctionName", "StatementId", "Qualifier", "RevisionId"
    ),
    "GetPolicy": _op(get_policy, "FunctionName", "Qualifier"),
    "CreateEventSourceMapping": _op(
        create_event_source_mapping, "EventSourceArn", "FunctionName", "Enabled", "BatchSize"
    ),
    "GetEventSourceMapping": _op(get_event_source_mapping, "UUID"),
    "UpdateEventSourceMapping": _op(
        update_event_source_mapping, "UUID", "FunctionName", "Enabled", "BatchSize"
    ),
    "DeleteEventSourceMapping": _op(delete_event_source_mapping, "UUID"),
    "PutFunctionRecursionConfig": _op(
        put_function_recursion_config, "FunctionName", "RecursiveLoop"
    ),
    "GetFunctionRecursionConfig": _op(get_function_recursion_config, "FunctionName"),
    "ListEventSourceMappings": _op(
        list_event_source_mappings, "EventSourceArn", "FunctionName", "Marker", "MaxItems"
    ),
}  # fmt: skip
