"""The ``Account``: the aggregate root that owns every function, the clock and the history.

Examples
--------
>>> from lambda_model import Account
>>> account = Account(seed=7)
>>> account
Account(123456789012 us-east-1, 0 functions, 0 events)
>>> _ = account.create_function("thumbnailer", lambda event, context: "v1", publish=True)
>>> _ = account.create_alias("thumbnailer", "PROD", "1")
>>> account.invoke("thumbnailer:PROD").executed_version
'1'
"""

from __future__ import annotations

import functools

from .aliases_api import AliasesAPI
from .functions_api import FunctionsAPI
from .invoke import InvokeAPI
from .policies_api import PoliciesAPI
from .queues_api import QueuesAPI
from .s3_api import S3API

__all__ = ["Account"]


class Account(FunctionsAPI, AliasesAPI, InvokeAPI, PoliciesAPI, S3API, QueuesAPI):
    """A simulated AWS account in one region.

    Parameters
    ----------
    account_id : str
        Twelve digits; ``"123456789012"`` by default.
    region : str
        ``"us-east-1"`` by default. ARNs naming another region are not reachable.
    seed : int
        Seeds the traffic generator (weighted routing) and the id generator (RevisionIds):
        the same seed gives the same outputs, byte for byte.
    """

    def __repr__(self) -> str:
        return (
            f"Account({self.account_id} {self.region}, {len(self.functions)} functions, "
            f"{len(self.history)} events)"
        )

    def table(self, function_name: str) -> str:
        """A text table of a function's versions and aliases (see :meth:`Function.table`)."""
        ref = self._ref(function_name, namespaced=True)
        return self._function(ref).table()


def _atomic(method):
    """The method, run under the account's lock: threads see each call whole."""

    @functools.wraps(method)
    def atomic(self, *args, **kwargs):
        lock = self._lock
        lock.acquire()  # (cheaper than a with statement)
        try:
            return method(self, *args, **kwargs)
        finally:
            lock.release()

    return atomic


#: Hot paths that take the lock inline (a generic wrapper costs a call and packs arguments);
#: ``function_arn`` is a pure function of the name.
_LOCKS_ITSELF = frozenset(
    {
        "function_arn",
        "invoke",
        "update_function_code",
        "publish_version",
        "get_function",
        "get_function_configuration",
        "update_alias",
        "get_alias",
    }
)

# Every public operation takes the account's lock (two threads publishing at once get two
# numbers; a reader never sees half an update).
for _name in dir(Account):
    _member = Account.__dict__.get(_name) or getattr(Account, _name)
    if _name not in _LOCKS_ITSELF and not _name.startswith("_") and hasattr(_member, "__code__"):
        setattr(Account, _name, _atomic(_member))
del _name, _member
