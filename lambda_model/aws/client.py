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
    _wait_on_the_simulated_clock(made, account)
    return made


def _wait_on_the_simulated_clock(made: Any, account: Account) -> None:
    """Make the client's waiters (``function_active_v2``, ``function_updated_v2``,
    ``published_version_active``, ...) wait in simulated time.

    botocore's own waiter runs unchanged (its acceptors, its ``MaxAttempts``, its errors); only
    its pause between two polls is taken from the simulated clock: each poll after the first
    advances the account's clock by the waiter's ``Delay``, and the wall-clock sleep is 0.
    """
    original = made.get_waiter

    def get_waiter(waiter_name: str):
        waiter = original(waiter_name)
        poll = waiter._operation_method
        wait = waiter.wait

        def wait_in_simulated_time(**kwargs):
            config = dict(kwargs.pop("WaiterConfig", None) or {})
            delay = config.get("Delay", waiter.config.delay)
            polls = 0

            def poll_after_a_simulated_delay(**params):
                nonlocal polls
                if polls:
                    with account._lock:
                        account.clock.advance(delay)
                polls += 1
                return poll(**params)

            waiter._operation_method = poll_after_a_simulated_delay
            try:
                return wait(WaiterConfig={**config, "Delay": 0}, **kwargs)
            finally:
                waiter._operation_method = poll

        wait_in_simulated_time.__doc__ = wait.__doc__
        waiter.wait = wait_in_simulated_time
        return waiter

    get_waiter.__doc__ = original.__doc__
    made.get_waiter = get_waiter


def account_of(simulated_client: Any) -> Account:
    """The account a client made by :func:`client` is served by.

    >>> from lambda_model.aws import client
    >>> account_of(client("lambda"))
    Account(123456789012 us-east-1, 0 functions, 0 events)
    """
    return _served[simulated_client].account
