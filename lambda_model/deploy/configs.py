"""Deployment configurations as data: how fast traffic moves from the old version to the new.

The predefined configurations are CodeDeploy's ``CodeDeployDefault.Lambda<Name>``
(``lambda-semantics.md`` section 10.2); custom ones are built from a percentage and an interval
in whole minutes, as ``TimeBasedCanary`` and ``TimeBasedLinear`` in CodeDeploy's API.

A schedule is the list of traffic shifts: at each offset (seconds after traffic starts) the
new version's weight. A weight below 1 is an ``update_alias`` with
``AdditionalVersionWeights``; the last shift, weight 1, moves the alias to the new version and
clears the weights (section 10.3).

Shifts happen at the *start* of each increment (CodeDeploy: "the percentage of traffic that is
shifted at the start of each increment"), so ``Linear10PercentEvery10Minutes`` shifts at
minutes 0, 10, ..., 90 and carries all traffic from minute 90. (SAM's guide rounds this to
"complete traffic shifting in 100 minutes": ten 10-minute increments.)

Examples
--------
>>> Canary10Percent5Minutes.schedule()
(TrafficShift(+0:00, 10%), TrafficShift(+5:00, 100%))
>>> [f"{shift.weight:.0%}" for shift in Linear10PercentEvery1Minute.schedule()][:3]
['10%', '20%', '30%']
>>> TimeBasedLinear(25, 2)
TimeBasedLinear('Linear25PercentEvery2Minutes')
>>> TimeBasedLinear(25, 2).weight_at(3 * 60)
0.5
>>> AllAtOnce.schedule()
(TrafficShift(+0:00, 100%),)
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "PREDEFINED",
    "AllAtOnce",
    "AllAtOnceConfig",
    "Canary10Percent5Minutes",
    "Canary10Percent10Minutes",
    "Canary10Percent15Minutes",
    "Canary10Percent30Minutes",
    "DeploymentConfig",
    "Linear10PercentEvery1Minute",
    "Linear10PercentEvery2Minutes",
    "Linear10PercentEvery3Minutes",
    "Linear10PercentEvery10Minutes",
    "TimeBasedCanary",
    "TimeBasedLinear",
    "TrafficShift",
    "deployment_config",
]


def _minutes_text(seconds: float) -> str:
    """``+5:00`` for 300 seconds; ``+1:05:00`` past the hour."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"+{hours}:{minutes:02d}:{secs:02d}" if hours else f"+{minutes}:{secs:02d}"


@dataclass(frozen=True, slots=True)
class TrafficShift:
    """One step of a schedule: ``offset`` seconds after traffic starts, the new version's
    ``weight`` (1.0 means the alias moves to the new version, weights cleared)."""

    offset: float
    weight: float

    def __repr__(self) -> str:
        return f"TrafficShift({_minutes_text(self.offset)}, {self.weight:.0%})"

    @property
    def completes(self) -> bool:
        """True for the last shift: the alias moves to the new version."""
        return self.weight >= 1.0


@dataclass(frozen=True)
class DeploymentConfig:
    """Base of every configuration: a ``name`` and a :meth:`schedule`."""

    name: str = field(default="", compare=False, kw_only=True)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    @property
    def deployment_config_name(self) -> str:
        """CodeDeploy's name, ``CodeDeployDefault.Lambda<Name>`` for the predefined ones."""
        if PREDEFINED.get(self.name) == self:
            return f"CodeDeployDefault.Lambda{self.name}"
        return self.name

    def schedule(self) -> tuple[TrafficShift, ...]:
        """The traffic shifts, in order; the last one has weight 1."""
        raise NotImplementedError

    @property
    def duration(self) -> float:
        """Seconds from the first shift to the last (when the alias moves to the new version)."""
        return self.schedule()[-1].offset

    def weight_at(self, offset: float) -> float:
        """The new version's weight ``offset`` seconds after traffic starts (0 before)."""
        weight = 0.0
        for shift in self.schedule():
            if shift.offset > offset:
                break
            weight = shift.weight
        return weight

    def to_dict(self) -> dict:
        """CodeDeploy's ``TrafficRoutingConfig`` shape."""
        raise NotImplementedError


def _check(percentage: int, interval: int, kind: str, upper: int) -> None:
    if not (isinstance(percentage, int) and 1 <= percentage <= upper):
        raise ValueError(f"{kind} percentage must be a whole number from 1 to {upper}")
    if not (isinstance(interval, int) and interval >= 1):
        raise ValueError(f"{kind} interval must be a whole number of minutes, at least 1")


def _plural(minutes: int) -> str:
    return f"{minutes}Minute" if minutes == 1 else f"{minutes}Minutes"


@dataclass(frozen=True, repr=False)
class TimeBasedCanary(DeploymentConfig):
    """``percentage`` of traffic at once, the rest ``interval`` minutes later.

    >>> TimeBasedCanary(20, 3).schedule()
    (TrafficShift(+0:00, 20%), TrafficShift(+3:00, 100%))
    """

    percentage: int = 10
    interval: int = 5

    def __post_init__(self) -> None:
        _check(self.percentage, self.interval, "canary", 99)
        if not self.name:
            name = f"Canary{self.percentage}Percent{_plural(self.interval)}"
            object.__setattr__(self, "name", name)

    def schedule(self) -> tuple[TrafficShift, ...]:
        return (TrafficShift(0.0, self.percentage / 100), TrafficShift(self.interval * 60.0, 1.0))

    def to_dict(self) -> dict:
        return {
            "type": "TimeBasedCanary",
            "timeBasedCanary": {
                "canaryPercentage": self.percentage,
                "canaryInterval": self.interval,
            },
        }


@dataclass(frozen=True, repr=False)
class TimeBasedLinear(DeploymentConfig):
    """``percentage`` more traffic every ``interval`` minutes, starting at once, until all.

    >>> TimeBasedLinear(30, 2).schedule()[-2:]
    (TrafficShift(+4:00, 90%), TrafficShift(+6:00, 100%))
    """

    percentage: int = 10
    interval: int = 1

    def __post_init__(self) -> None:
        _check(self.percentage, self.interval, "linear", 100)
        if not self.name:
            name = f"Linear{self.percentage}PercentEvery{_plural(self.interval)}"
            object.__setattr__(self, "name", name)

    def schedule(self) -> tuple[TrafficShift, ...]:
        steps = -(-100 // self.percentage)  # ceil: the last step may be smaller
        return tuple(
            TrafficShift(step * self.interval * 60.0, min(100, (step + 1) * self.percentage) / 100)
            for step in range(steps)
        )

    def to_dict(self) -> dict:
        return {
            "type": "TimeBasedLinear",
            "timeBasedLinear": {
                "linearPercentage": self.percentage,
                "linearInterval": self.interval,
            },
        }


@dataclass(frozen=True, repr=False)
class AllAtOnceConfig(DeploymentConfig):
    """All traffic at once (the hooks still run)."""

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", "AllAtOnce")

    def schedule(self) -> tuple[TrafficShift, ...]:
        return (TrafficShift(0.0, 1.0),)

    def to_dict(self) -> dict:
        return {"type": "AllAtOnce"}


Canary10Percent5Minutes = TimeBasedCanary(10, 5)
Canary10Percent10Minutes = TimeBasedCanary(10, 10)
Canary10Percent15Minutes = TimeBasedCanary(10, 15)
Canary10Percent30Minutes = TimeBasedCanary(10, 30)
Linear10PercentEvery1Minute = TimeBasedLinear(10, 1)
Linear10PercentEvery2Minutes = TimeBasedLinear(10, 2)
Linear10PercentEvery3Minutes = TimeBasedLinear(10, 3)
Linear10PercentEvery10Minutes = TimeBasedLinear(10, 10)
AllAtOnce = AllAtOnceConfig()

#: The predefined configurations by SAM ``DeploymentPreference.Type`` name.
PREDEFINED: dict[str, DeploymentConfig] = {
    config.name: config
    for config in (
        Canary10Percent5Minutes,
        Canary10Percent10Minutes,
        Canary10Percent15Minutes,
        Canary10Percent30Minutes,
        Linear10PercentEvery1Minute,
        Linear10PercentEvery2Minutes,
        Linear10PercentEvery3Minutes,
        Linear10PercentEvery10Minutes,
        AllAtOnce,
    )
}


def deployment_config(name: str | DeploymentConfig) -> DeploymentConfig:
    """A configuration from its SAM ``Type`` (``Canary10Percent5Minutes``) or CodeDeploy name
    (``CodeDeployDefault.LambdaCanary10Percent5Minutes``).

    >>> deployment_config("CodeDeployDefault.LambdaLinear10PercentEvery3Minutes")
    TimeBasedLinear('Linear10PercentEvery3Minutes')
    """
    if isinstance(name, DeploymentConfig):
        return name
    key = name.removeprefix("CodeDeployDefault.Lambda")
    try:
        return PREDEFINED[key]
    except KeyError:
        known = ", ".join(PREDEFINED)
        raise ValueError(f"unknown deployment configuration {name!r}; known: {known}") from None
