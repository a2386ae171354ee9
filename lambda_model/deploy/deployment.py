"""A gradual deployment of a new version behind an alias, run on the account's simulated clock.

It does what CodeDeploy does for a Lambda deployment group (``lambda-semantics.md`` 10.3):

1. ``BeforeAllowTraffic``: the optional pre-traffic hook, a function in the account, is invoked
   with ``{"DeploymentId", "LifecycleEventHookExecutionId"}``. It reports its verdict by
   returning ``"Succeeded"`` or ``"Failed"`` (or ``{"status": ...}``): the simulator's stand-in
   for ``codedeploy:PutLifecycleEventHookExecutionStatus``. Anything else, or a function error,
   counts as ``Failed``.
2. ``AllowTraffic``: ``update_alias(FunctionVersion=old, RoutingConfig={new: w})`` for each
   step of the configuration's schedule; at 100%, ``update_alias(FunctionVersion=new,
   RoutingConfig={})``.
3. ``AfterAllowTraffic``: the optional post-traffic hook, same contract.

Meanwhile the traffic model sends requests through the alias with ``account.invoke`` (each
request runs the version the weights draw, from ``account.random``), its metrics are counted
per version and per minute, and the alarms are evaluated at every minute boundary. An alarm
entering ``ALARM``, or a hook that fails, rolls back at once: the alias goes back to the old
version with its weights cleared, and the deployment ends ``Failed``.

Everything is scheduled on ``account.clock``, whose queue runs callbacks in
``(time, priority, counter)`` order. At one instant: alarms first (they judge the minute that
just ended), then the lifecycle step, then that second's traffic (which sees the new weights).

Examples
--------
>>> from lambda_model import Account
>>> from lambda_model.deploy import Alarm, Deployment, Traffic, failing, healthy
>>> account = Account(seed=7)
>>> _ = account.create_function("checkout", healthy("v1"), publish=True)
>>> _ = account.update_function_code("checkout", failing(0.25, "v2", seed=1), publish=True)
>>> _ = account.create_alias("checkout", "live", "1")
>>> deployment = Deployment(
...     account, "checkout", "live", "2", "Canary10Percent5Minutes",
...     traffic=Traffic(rate=20), alarms=[Alarm("checkout-errors", threshold=0.05)],
... ).run()
>>> deployment.status, deployment.error_code, deployment.rollback_offset
('Failed', 'ALARM_ACTIVE', 60.0)
>>> account.get_alias("checkout", "live")
AliasConfiguration(live -> 1)
>>> print(deployment.table())
minute  weight v2  v1 calls  v1 errors  v2 calls  v2 errors
     0        10%      1070          0       130         33
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.account import Account
from ..core.errors import LambdaModelError
from .alarms import ALARM, INSUFFICIENT_DATA, Alarm
from .configs import DeploymentConfig, _minutes_text, deployment_config
from .metrics import Metrics
from .traffic import Traffic

__all__ = [
    "CREATED",
    "FAILED",
    "IN_PROGRESS",
    "SUCCEEDED",
    "Deployment",
    "DeploymentError",
    "TimelineEntry",
]

CREATED, IN_PROGRESS, SUCCEEDED, FAILED = "Created", "InProgress", "Succeeded", "Failed"

# Same-instant order on the clock's queue: judge the minute that ended, then move the alias,
# then send that second's requests.
_ALARMS, _LIFECYCLE, _TRAFFIC = 0, 1, 2


class DeploymentError(LambdaModelError, ValueError):
    """A deployment that cannot start (the alias is already shifting, the version is current...)."""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of a deployment's timeline: when, which lifecycle event, what happened."""

    time: float
    offset: float
    lifecycle_event: str
    detail: str

    def __str__(self) -> str:
        return f"{_minutes_text(self.offset):>8}  {self.lifecycle_event:<18}  {self.detail}"

    def __repr__(self) -> str:
        return f"TimelineEntry({_minutes_text(self.offset)} {self.lifecycle_event}: {self.detail})"


class Deployment:
    """Shift an alias from its current version to ``target_version`` as ``config`` says.

    Parameters
    ----------
    account : Account
        The account whose function, alias, clock and random generator are used.
    function_name, alias : str
        The function and the alias to move.
    target_version : str
        The published version to deploy.
    config : DeploymentConfig or str
        A configuration (``Canary10Percent5Minutes``, ``TimeBasedLinear(20, 2)``...) or its name.
    traffic : Traffic, optional
        Requests sent through the alias while the deployment runs.
    alarms : iterable of Alarm
        Any of them entering ``ALARM`` rolls the deployment back.
    pre_traffic_hook, post_traffic_hook : str, optional
        Names (or ARNs) of the hook functions in the account. (On AWS, CodeDeploy's default
        service role may only invoke functions named ``CodeDeployHook_*``; not enforced here.)
    """

    def __init__(
        self,
        account: Account,
        function_name: str,
        alias: str,
        target_version: str,
        config: DeploymentConfig | str,
        *,
        traffic: Traffic | None = None,
        alarms: Iterable[Alarm] = (),
        pre_traffic_hook: str | None = None,
        post_traffic_hook: str | None = None,
    ) -> None:
        config = deployment_config(config)
        target_version = str(target_version)
        if not target_version.isdigit():
            raise DeploymentError(
                f"target_version must be a published version number, not {target_version!r}"
            )
        alarms = tuple(alarms)
        names = [alarm.name for alarm in alarms]
        if len(set(names)) != len(names):
            raise DeploymentError(f"alarm names must be unique, not {names}")
        current = account.get_alias(function_name, alias)
        account.get_function(function_name, target_version)
        if current.routing_config:
            raise DeploymentError(
                f"alias {alias} is already splitting traffic ({current.target_text()}): "
                "finish or roll back that shift first"
            )
        if current.function_version == target_version:
            raise DeploymentError(f"alias {alias} already points at version {target_version}")
        self.account = account
        self.function_name = current.alias_arn.split(":")[6]
        self.alias = alias
        self.target_version = target_version
        self.original_version = current.function_version
        self.config = config
        self.traffic = traffic
        self.alarms = alarms
        self.pre_traffic_hook = pre_traffic_hook
        self.post_traffic_hook = post_traffic_hook
        #: CodeDeploy's deployment id, from the account's seeded id generator.
        self.deployment_id = "d-" + account._new_uuid().replace("-", "")[:9].upper()
        self.status = CREATED
        #: ``ErrorInformation``: ``ALARM_ACTIVE``, ``HOOK_EXECUTION_FAILURE``... once Failed.
        self.error_code: str | None = None
        self.error_message: str | None = None
        self.timeline: list[TimelineEntry] = []
        self.metrics = Metrics()
        #: The new version's weight after each change: ``[(offset seconds, weight), ...]``.
        self.weights: list[tuple[float, float]] = []
        #: Each alarm's state by name, and ``[(offset, name, state, value)]`` for each change.
        self.alarm_states = {alarm.name: INSUFFICIENT_DATA for alarm in self.alarms}
        self.alarm_history: list[tuple[float, str, str, float | None]] = []
        #: Offset (seconds after start) of the rollback, if there was one.
        self.rollback_offset: float | None = None
        self.start_time: float | None = None
        self.end_time: float | None = None
        self._versions = {"new": target_version, "old": self.original_version}
        self._qualified = f"{self.function_name}:{alias}"
        self._step = 0
        self._pending_step = None
        self._pending_alarms = None
        self._pending_traffic = None
        self._observe_until = -math.inf
        self._second = 0
        self._arrivals = None
        self._requests = 0

    # --- reading ---------------------------------------------------------------------------

    def __repr__(self) -> str:
        state = self.status
        if self.status == FAILED:
            state += f" ({self.error_code})"
        if self.end_time is not None and self.start_time is not None:
            state += f" at {_minutes_text(self.end_time - self.start_time)}"
        return (
            f"Deployment({self.deployment_id}: {self._qualified} {self.original_version} -> "
            f"{self.target_version}, {self.config.name}, {state})"
        )

    @property
    def finished(self) -> bool:
        return self.status in (SUCCEEDED, FAILED)

    @property
    def rolled_back(self) -> bool:
        return self.rollback_offset is not None

    @property
    def invocations(self) -> int:
        """Requests the traffic model has sent so far."""
        return self._requests

    def timeline_text(self) -> str:
        """The header and every timeline entry, one per line."""
        lines = [repr(self)]
        lines += [str(entry) for entry in self.timeline]
        return "\n".join(lines)

    def table(self) -> str:
        """The per-minute metrics, each row led by the new version's weight as the minute began."""
        rows = self.metrics.table().splitlines()
        if not rows:
            return ""
        label = f"weight v{self.target_version}"
        width = len(label)
        out = []
        for index, row in enumerate(rows):
            minute, rest = row[:6], row[6:]
            cell = label if index == 0 else f"{self.weight_at((index - 1) * 60.0):.0%}"
            out.append(f"{minute}  {cell.rjust(width)}{rest}")
        return "\n".join(out)

    def weight_at(self, offset: float) -> float:
        """The new version's weight ``offset`` seconds after the start, as it really was."""
        weight = 0.0
        for at, value in self.weights:
            if at > offset:
                break
            weight = value
        return weight

    def plot(self, **options):
        """The weight and error-rate figure (:func:`lambda_model.deploy.plots.plot_deployment`;
        imports matplotlib)."""
        from .plots import plot_deployment

        return plot_deployment(self, **options)

    # --- running ---------------------------------------------------------------------------

    def start(self) -> Deployment:
        """Put the deployment on the clock's queue, starting now. Nothing runs until the clock
        moves (:meth:`run`, or ``account.clock.advance``)."""
        if self.status != CREATED:
            raise DeploymentError(f"deployment {self.deployment_id} is already {self.status}")
        clock = self.account.clock
        self.start_time = clock.now
        self.status = IN_PROGRESS
        self._note(
            "Start",
            f"{self.config.deployment_config_name}: alias {self.alias} from version "
            f"{self.original_version} to {self.target_version}",
        )
        self._pending_step = clock.schedule(0, self._before_allow_traffic, _LIFECYCLE)
        if self.alarms:
            self._pending_alarms = clock.schedule(60, self._evaluate_alarms, _ALARMS)
        if self.traffic is not None:
            self._arrivals = self.traffic.arrivals()
            self._pending_traffic = clock.schedule(0, self._send_second, _TRAFFIC)
        return self

    def run(self, minutes: float | None = None) -> Deployment:
        """Start if needed, then run the clock until the deployment ends. With ``minutes``, run
        until that many minutes after the start instead, the traffic flowing on after the end
        (to watch the aftermath). Returns the deployment."""
        if self.status == CREATED:
            self.start()
        clock = self.account.clock
        if minutes is not None:
            end = self.start_time + minutes * 60.0
            self._observe_until = max(self._observe_until, end)
            self._resume_traffic()
            clock.run_until(end)
            return self
        while not self.finished:
            due = clock.peek()
            if due == math.inf:
                break
            clock.run_until(due)
        return self

    # --- lifecycle -------------------------------------------------------------------------

    def _before_allow_traffic(self) -> None:
        self._pending_step = None
        if self.pre_traffic_hook is not None and not self._hook(
            "BeforeAllowTraffic", self.pre_traffic_hook
        ):
            return
        self._allow_traffic()

    def _allow_traffic(self) -> None:
        self._pending_step = None
        schedule = self.config.schedule()
        shift = schedule[self._step]
        account = self.account
        try:
            if shift.completes:
                alias = account.update_alias(
                    self.function_name,
                    self.alias,
                    function_version=self.target_version,
                    routing_config={},
                )
            else:
                alias = account.update_alias(
                    self.function_name,
                    self.alias,
                    routing_config={self.target_version: shift.weight},
                )
        except LambdaModelError as err:
            self._fail("INVALID_LAMBDA_CONFIGURATION", f"update_alias failed: {err}")
            return
        self.weights.append((self._offset, shift.weight))
        self._note(
            "AllowTraffic", f"{shift.weight:.0%} to version {self.target_version}: {alias!r}"
        )
        if shift.completes:
            self._after_allow_traffic()
            return
        self._step += 1
        delay = schedule[self._step].offset - shift.offset
        self._pending_step = account.clock.schedule(delay, self._allow_traffic, _LIFECYCLE)

    def _after_allow_traffic(self) -> None:
        if self.post_traffic_hook is not None and not self._hook(
            "AfterAllowTraffic", self.post_traffic_hook
        ):
            return
        self._end(SUCCEEDED)
        self._note("End", f"Succeeded: alias {self.alias} -> {self.target_version}")

    def _hook(self, lifecycle_event: str, function_name: str) -> bool:
        """Invoke a hook; True when it reported Succeeded. A failure rolls back."""
        execution_id = self.account._new_uuid()
        event = {"DeploymentId": self.deployment_id, "LifecycleEventHookExecutionId": execution_id}
        try:
            result = self.account.invoke(function_name, event, source=self.deployment_id)
        except LambdaModelError as err:
            status, reason = "Failed", f"{type(err).__name__}: {err}"
        else:
            status, reason = _hook_status(result)
        self._note(lifecycle_event, f"hook {function_name} -> {status}{reason}")
        if status != "Succeeded":
            self._fail(
                "HOOK_EXECUTION_FAILURE",
                f"{lifecycle_event} hook {function_name} reported {status}{reason}",
            )
            return False
        return True

    def _evaluate_alarms(self) -> None:
        self._pending_alarms = None
        if self.finished:
            return
        end = round(self._offset / 60.0)
        breached = None
        for alarm in self.alarms:
            state, value = alarm.evaluate(self.metrics, self._versions, end)
            before = self.alarm_states[alarm.name]
            if state == before:
                continue
            self.alarm_states[alarm.name] = state
            self.alarm_history.append((self._offset, alarm.name, state, value))
            reason = alarm.describe(value, self._versions)
            self._note("Alarm", f"{alarm.name}: {before} -> {state} ({reason})")
            if state == ALARM and breached is None:
                breached = (alarm, reason)
        if breached is not None:
            alarm, reason = breached
            self._fail("ALARM_ACTIVE", f"alarm {alarm.name} is in ALARM: {reason}")
            return
        self._pending_alarms = self.account.clock.schedule(60, self._evaluate_alarms, _ALARMS)

    def _fail(self, error_code: str, message: str) -> None:
        """Roll back at once (alias to the old version, weights cleared) and end Failed."""
        account = self.account
        alias = account.get_alias(self.function_name, self.alias)
        if alias.function_version != self.original_version or alias.routing_config:
            alias = account.update_alias(
                self.function_name,
                self.alias,
                function_version=self.original_version,
                routing_config={},
            )
            self.weights.append((self._offset, 0.0))
            self.rollback_offset = self._offset
            self._note("Rollback", f"alias back on version {self.original_version}: {alias!r}")
        else:
            self._note("Rollback", f"nothing to undo: {alias!r} never moved")
        self.error_code, self.error_message = error_code, message
        self._end(FAILED)
        self._note("End", f"Failed ({error_code})")

    def _end(self, status: str) -> None:
        self.status = status
        self.end_time = self.account.clock.now
        for call in (self._pending_step, self._pending_alarms):
            if call is not None:
                call.cancel()
        self._pending_step = self._pending_alarms = None

    # --- traffic ---------------------------------------------------------------------------

    def _resume_traffic(self) -> None:
        """After the end, keep (or restart) the traffic until ``_observe_until``."""
        if self.traffic is None or self._pending_traffic is not None:
            return
        clock = self.account.clock
        second = max(self._second, math.ceil(clock.now - self.start_time))
        if self.start_time + second >= self._observe_until:
            return
        self._second = second
        delay = self.start_time + second - clock.now
        self._pending_traffic = clock.schedule(delay, self._send_second, _TRAFFIC)

    def _send_second(self) -> None:
        """Send one simulated second's requests through the alias and tally them per version."""
        clock = self.account.clock
        if self.finished and clock.now >= self._observe_until:
            self._pending_traffic = None
            return
        second = self._second
        count = self._arrivals(second)
        if count:
            self._send(count, second // 60)
        self._second = second + 1
        self._pending_traffic = clock.schedule(1.0, self._send_second, _TRAFFIC)

    def _send(self, count: int, minute: int) -> None:
        invoke = self.account.invoke
        target = self._qualified
        payload = self.traffic.payload
        first = self._requests
        self._requests = first + count
        tally: dict[str, list] = {}
        get = tally.get
        if callable(payload):
            results = [invoke(target, payload(number)) for number in range(first, first + count)]
        else:
            results = [invoke(target, payload) for _ in range(count)]
        for result in results:
            counts = get(result.executed_version)
            if counts is None:
                counts = tally[result.executed_version] = [0, 0, 0.0, 0]
            counts[0] += 1
            if result.function_error is not None:
                counts[1] += 1
            elif result.payload.__class__ is dict:
                duration = result.payload.get("duration_ms")
                if duration is not None:
                    counts[2] += duration
                    counts[3] += 1
        add = self.metrics.add
        for version, (invocations, errors, duration_sum, duration_count) in tally.items():
            add(minute, version, invocations, errors, duration_sum, duration_count)

    # --- helpers ---------------------------------------------------------------------------

    @property
    def _offset(self) -> float:
        return self.account.clock.now - self.start_time

    def _note(self, lifecycle_event: str, detail: str) -> None:
        now = self.account.clock.now
        self.timeline.append(TimelineEntry(now, now - self.start_time, lifecycle_event, detail))


def _hook_status(result) -> tuple[str, str]:
    """(status, reason) from a hook's invocation result."""
    if result.function_error is not None:
        body = result.payload if isinstance(result.payload, dict) else {}
        return "Failed", f" ({body.get('errorType')}: {body.get('errorMessage')})"
    payload = result.payload
    if isinstance(payload, dict):
        payload = payload.get("status", payload.get("Status"))
    if payload in ("Succeeded", "Failed"):
        return payload, ""
    return "Failed", f" (returned {result.payload!r}, not Succeeded or Failed)"
