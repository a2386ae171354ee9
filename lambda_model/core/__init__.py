"""The core: the simulated account and its values, standard library only."""

from .account import Account
from .churn import ChurnCase, ChurnReport, ChurnUpload, run_churn
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
    "ChurnCase",
    "ChurnReport",
    "ChurnUpload",
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
    "run_churn",
    *_errors,
    *_events,
]
