"""The core: the simulated account and its values, standard library only."""

from .account import Account
from .clock import SimulatedClock
from .code import Code
from .delivery import DeliveryLogEntry
from .errors import *  # noqa: F403
from .errors import __all__ as _errors
from .events import *  # noqa: F403
from .events import __all__ as _events
from .function import Function
from .functions_api import Page
from .invoke import InvocationRecord, InvocationResult, LambdaContext
from .policies import Policy, PolicyStatement, arn_like
from .policies_api import allows_invoke
from .queues_api import EventSourceMappingConfiguration, Message, MessagesSentResult, Queue
from .s3_api import Bucket, ListObjectsV2Result, S3Object, WriteResult
from .s3_events import LambdaFunctionConfiguration, NotificationConfiguration, encode_key
from .values import AliasConfiguration, FunctionConfiguration, RoutingConfig

__all__ = [
    "Account",
    "AliasConfiguration",
    "Bucket",
    "Code",
    "DeliveryLogEntry",
    "EventSourceMappingConfiguration",
    "Function",
    "FunctionConfiguration",
    "InvocationRecord",
    "InvocationResult",
    "LambdaContext",
    "LambdaFunctionConfiguration",
    "ListObjectsV2Result",
    "Message",
    "MessagesSentResult",
    "NotificationConfiguration",
    "Page",
    "Policy",
    "PolicyStatement",
    "Queue",
    "RoutingConfig",
    "S3Object",
    "SimulatedClock",
    "WriteResult",
    "allows_invoke",
    "arn_like",
    "encode_key",
    *_errors,
    *_events,
]


#: Exported but loaded on first use (not by star-imports), to keep ``import lambda_model`` light.
_LAZY = ("ChurnCase", "ChurnReport", "ChurnUpload", "run_churn")


def __getattr__(name: str):
    # The churn scenario is a course helper: imported on first use, not with the package.
    if name in _LAZY:
        from . import churn

        return getattr(churn, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
