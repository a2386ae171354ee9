"""``client("lambda")`` and ``client("s3")``: genuine boto3 clients served by an ``Account``.

Examples
--------
>>> from lambda_model import Account
>>> from lambda_model.aws import client
>>> account = Account()
>>> lambda_client = client("lambda", account)
>>> type(lambda_client).__name__
'Lambda'
>>> lambda_client.list_functions()["Functions"]
[]
>>> try:
...     lambda_client.get_alias(FunctionName="thumbnailer", Name="PROD")
... except lambda_client.exceptions.ResourceNotFoundException as err:
...     print(err.response["Error"]["Message"])
Function not found: arn:aws:lambda:us-east-1:123456789012:function:thumbnailer
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import Any

from ..core.account import Account
from .lambda_operations import OPERATIONS as LAMBDA_OPERATIONS
from .lambda_operations import lambda_request_id
from .session import CLIENT_CONFIG, offline_session
from .transport import SimulatedOperation, SimulatedService

__all__ = ["SERVICES", "account_of", "client"]


def _s3_request_id(number: int) -> str:
    """S3's request-id form: 16 upper-case hex digits."""
    return f"{0x5A17C0DE00000000 + number:016X}"


def _s3_operations() -> Mapping[str, SimulatedOperation]:
    from .s3_operations import OPERATIONS

    return OPERATIONS


#: The simulated services: name -> (operation table factory, request-id format).
SERVICES: dict[str, tuple[Callable[[], Mapping[str, SimulatedOperation]], Callable]] = {
    "lambda": (lambda: LAMBDA_OPERATIONS, lambda_request_id),
    "s3": (_s3_operations, _s3_request_id),
}

_served: weakref.WeakKeyDictionary[Any, SimulatedService] = weakref.WeakKeyDictionary()


def client(service_name: str, account: Account | None = None) -> Any:
    """A real boto3 (botocore) client for ``"lambda"`` or ``"s3"``, served by ``account``.

    botocore validates parameters and builds the request as usual; the call is then answered
    in-process by the simulated account, and no network connection is ever opened. Errors
    arrive as botocore's own exception classes (``client.exceptions.ResourceConflictException``
    ...), with AWS's codes, messages and HTTP status codes. ``account=None`` makes a fresh
    ``Account()``; pass the same account to several clients to share state.
    """
    if service_name not in SERVICES:
        raise ValueError(f"lambda_model simulates {sorted(SERVICES)}, not {service_name!r}")
    account = Account() if account is None else account
    operations, request_id = SERVICES[service_name]
    made = offline_session().create_client(
        service_name, region_name=account.region, config=CLIENT_CONFIG
    )
    _served[made] = SimulatedService(made, account, operations(), request_id)
    return made


def account_of(simulated_client: Any) -> Account:
    """The account a client made by :func:`client` is served by.

    >>> from lambda_model.aws import client
    >>> account_of(client("lambda"))
    Account(123456789012 us-east-1, 0 functions, 0 events)
    """
    return _served[simulated_client].account
