"""Gradual deployments on the simulated clock: canary, linear and all-at-once traffic shifting
behind an alias, with traffic, injected faults, alarms and automatic rollback.

Rules: ``lambda-semantics.md`` section 10. This package imports the core only; the plots
(:mod:`lambda_model.deploy.plots`) import matplotlib when they are called.

>>> from lambda_model import Account
>>> from lambda_model.deploy import Alarm, Deployment, Traffic, failing, healthy
>>> account = Account(seed=3)
>>> _ = account.create_function("checkout", healthy("v1"), publish=True)
>>> _ = account.update_function_code("checkout", healthy("v2"), publish=True)
>>> _ = account.create_alias("checkout", "live", "1")
>>> Deployment(account, "checkout", "live", "2", "Linear10PercentEvery1Minute",
...            traffic=Traffic(rate=5), alarms=[Alarm("errors")]).run()
Deployment(d-...: checkout:live 1 -> 2, Linear10PercentEvery1Minute, Succeeded at +9:00)
"""

from .alarms import ALARM, INSUFFICIENT_DATA, OK, Alarm
from .configs import (
    PREDEFINED,
    AllAtOnce,
    AllAtOnceConfig,
    Canary10Percent5Minutes,
    Canary10Percent10Minutes,
    Canary10Percent15Minutes,
    Canary10Percent30Minutes,
    DeploymentConfig,
    Linear10PercentEvery1Minute,
    Linear10PercentEvery2Minutes,
    Linear10PercentEvery3Minutes,
    Linear10PercentEvery10Minutes,
    TimeBasedCanary,
    TimeBasedLinear,
    TrafficShift,
    deployment_config,
)
from .deployment import (
    CREATED,
    FAILED,
    IN_PROGRESS,
    SUCCEEDED,
    Deployment,
    DeploymentError,
    TimelineEntry,
)
from .faults import InjectedError, SimulatedHandler, failing, failing_on, healthy
from .metrics import METRIC_NAMES, Metrics
from .traffic import Traffic

__all__ = [
    "ALARM",
    "CREATED",
    "FAILED",
    "INSUFFICIENT_DATA",
    "IN_PROGRESS",
    "METRIC_NAMES",
    "OK",
    "PREDEFINED",
    "SUCCEEDED",
    "Alarm",
    "AllAtOnce",
    "AllAtOnceConfig",
    "Canary10Percent5Minutes",
    "Canary10Percent10Minutes",
    "Canary10Percent15Minutes",
    "Canary10Percent30Minutes",
    "Deployment",
    "DeploymentConfig",
    "DeploymentError",
    "InjectedError",
    "Linear10PercentEvery1Minute",
    "Linear10PercentEvery2Minutes",
    "Linear10PercentEvery3Minutes",
    "Linear10PercentEvery10Minutes",
    "Metrics",
    "SimulatedHandler",
    "TimeBasedCanary",
    "TimeBasedLinear",
    "TimelineEntry",
    "Traffic",
    "TrafficShift",
    "deployment_config",
    "failing",
    "failing_on",
    "healthy",
]
