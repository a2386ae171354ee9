"""The core: the simulated account and its values, standard library only."""

from .account import Account
from .clock import SimulatedClock
from .code import Code
from .errors import *  # noqa: F403
from .errors import __all__ as _errors
from .events import *  # noqa: F403
from .events import __all__ as _events
from .function import Function
from .functions_api import Page
from .invoke import InvocationRecord, InvocationResult, LambdaContext
from .values import AliasConfiguration, FunctionConfiguration, RoutingConfig

__all__ = [
    "Account",
    "AliasConfiguration",
    "Code",
    "Function",
    "FunctionConfiguration",
    "InvocationRecord",
    "InvocationResult",
    "LambdaContext",
    "Page",
    "RoutingConfig",
    "SimulatedClock",
    *_errors,
    *_events,
]
