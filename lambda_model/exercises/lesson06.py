"""Checks for ``06-gradual-deployments``: choosing a deployment configuration, and alarms that
catch a bad version without stopping a good one.

Examples
--------
>>> from lambda_model.exercises import check
>>> print(check("06-pick-config", lambda watch_minutes: "AllAtOnce").message)
With watch_minutes=0 you returned AllAtOnce: right. With watch_minutes=1 you returned \
AllAtOnce, which sends 100% of the traffic to the new version at once: the alarms get no \
time at all with only a few users on it.
"""

from __future__ import annotations

from lambda_model.deploy import (
    PREDEFINED,
    Alarm,
    Canary10Percent5Minutes,
    Deployment,
    DeploymentConfig,
    Traffic,
    deployment_config,
    failing,
    healthy,
)

from . import NotYet, call_answer, exercise, fresh_account

#: The share of traffic the exercise calls "few users".
FEW = 0.10

#: The ``watch_minutes`` the check asks about, in this order.
WATCH_MINUTES = (0, 1, 5, 7, 12, 20, 45)


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    return f"{minutes:g} minute" + ("" if minutes == 1 else "s")


def low_exposure_minutes(config: DeploymentConfig) -> float:
    """Minutes the new version stays at 10% of the traffic or less, from the start."""
    return next(shift.offset for shift in config.schedule() if shift.weight > FEW) / 60


def quickest(watch_minutes: float) -> DeploymentConfig | None:
    """The reference answer: the predefined configuration that ends soonest among those that
    keep the new version at 10% or less for at least ``watch_minutes``."""
    fits = [c for c in PREDEFINED.values() if low_exposure_minutes(c) >= watch_minutes]
    return min(fits, key=lambda config: config.duration, default=None)


def _as_config(value: object) -> DeploymentConfig | None:
    if value is None:
        return None
    try:
        return deployment_config(value)  # a configuration, or its name
    except (ValueError, TypeError, AttributeError) as err:
        raise NotYet(
            f"Return one of the predefined configurations (from PREDEFINED) or None, not {value!r}"
        ) from err


@exercise("06-pick-config", answer="pick_config")
def pick_config(answer) -> str:
    """``pick_config(watch_minutes)``: the quickest predefined configuration that keeps the
    new version at 10% or less for at least ``watch_minutes`` minutes, or None."""
    right = []
    for watch in WATCH_MINUTES:
        got = _as_config(call_answer(answer, watch))
        want = quickest(watch)
        if got == want:
            right.append(f"With watch_minutes={watch} you returned {got.name if got else None}")
            continue
        done = f"{'; '.join(right)}: right. " if right else ""
        prefix = f"{done}With watch_minutes={watch} you returned {got.name if got else None}"
        if want is None:
            longest = max(PREDEFINED.values(), key=low_exposure_minutes)
            raise NotYet(
                f"{prefix}, but no predefined configuration keeps the new version at 10% or "
                f"less for {watch} minutes (the longest is {longest.name}, "
                f"{_minutes(low_exposure_minutes(longest) * 60)}): return None."
            )
        if got is None and watch == 0:
            raise NotYet(f"{prefix}, but with no time to watch asked for, {want.name} fits.")
        if got is None:
            raise NotYet(
                f"{prefix}, but {want.name} fits: it keeps the new version at 10% or less for "
                f"{_minutes(low_exposure_minutes(want) * 60)} and finishes in "
                f"{_minutes(want.duration)}."
            )
        exposure = low_exposure_minutes(got)
        if exposure < watch:
            first = next(shift for shift in got.schedule() if shift.weight > FEW)
            if first.offset == 0:
                why = f"sends {first.weight:.0%} of the traffic to the new version at once"
            else:
                why = (
                    f"already sends {first.weight:.0%} to the new version after "
                    f"{_minutes(first.offset)}"
                )
            raise NotYet(
                f"{prefix}, which {why}: the alarms get "
                f"{'no time at all' if exposure == 0 else _minutes(exposure * 60)} "
                "with only a few users on it."
            )
        raise NotYet(
            f"{prefix}: it is safe enough, but it takes {_minutes(got.duration)} to finish, "
            f"and {want.name} is safe enough too and finishes in {_minutes(want.duration)}. "
            "Pick the quickest."
        )
    return (
        "Every answer was the quickest safe configuration: "
        + ", ".join(
            f"{watch} min -> {config.name if config else None}"
            for watch, config in ((watch, quickest(watch)) for watch in WATCH_MINUTES)
        )
        + "."
    )


# --- 06-alarm ---------------------------------------------------------------------------------

#: The releases the alarm check deploys, each as a canary from version 1 (1% errors, 100-300 ms).
RELEASES = {
    "A healthy release (1% errors, 100-300 ms, like version 1)": (
        failing(0.01, "v2", seed=2, duration_ms=(100, 300)),
        False,
    ),
    "A release that fails 20% of its requests": (
        failing(0.20, "v2", seed=2, duration_ms=(100, 300)),
        True,
    ),
    "A release that never fails but takes 900-1500 ms per request": (
        healthy("v2", duration_ms=(900, 1500), seed=2),
        True,
    ),
}


def _canary(alarms: list[Alarm], handler) -> Deployment:
    """A Canary10Percent5Minutes of ``handler`` behind checkout:PROD, 20 requests a second."""
    account = fresh_account()
    account.create_function(
        "checkout", failing(0.01, "v1", seed=1, duration_ms=(100, 300)), publish=True
    )
    account.create_alias("checkout", "PROD", "1")
    account.update_function_code("checkout", handler, publish=True)
    return Deployment(
        account,
        "checkout",
        "PROD",
        "2",
        Canary10Percent5Minutes,
        traffic=Traffic(rate=20),
        alarms=alarms,
    ).run()


def _hints(alarms: list[Alarm]) -> str:
    hints = []
    on_errors = [alarm for alarm in alarms if alarm.metric_name in ("Errors", "ErrorRate")]
    if not on_errors:
        hints.append('No alarm watches errors: add one on metric_name="ErrorRate".')
    elif all(alarm.version in ("all", "old", "1") for alarm in on_errors):
        hints.append(
            "Your error alarms watch the old version or every version: during the canary only "
            "10% of the requests reach the new version, so its errors are diluted ten times "
            'among the others. Watch version="new".'
        )
    if not any(alarm.metric_name == "Duration" for alarm in alarms):
        hints.append(
            'A version that never fails raises no error alarm: add one on metric_name="Duration" '
            "(milliseconds)."
        )
    return (" " + " ".join(hints)) if hints else ""


@exercise("06-alarm", answer="make_alarms")
def alarm(make_alarms) -> str:
    """``make_alarms()``: a list of alarms that roll back a failing or a slow canary and let
    a healthy one through."""
    alarms = call_answer(make_alarms)
    if isinstance(alarms, Alarm):
        alarms = [alarms]
    if not isinstance(alarms, list | tuple) or not all(isinstance(a, Alarm) for a in alarms):
        raise NotYet(f"make_alarms() should return a list of Alarm objects, not {alarms!r}")
    if not alarms:
        raise NotYet("make_alarms() returned no alarm: with none, nothing can stop a bad release.")
    alarms = list(alarms)
    try:
        outcomes = {name: _canary(alarms, handler) for name, (handler, _bad) in RELEASES.items()}
    except ValueError as err:  # two alarms with one name
        raise NotYet(str(err)) from err
    for name, (_handler, bad) in RELEASES.items():
        deployment = outcomes[name]
        if bad and not deployment.rolled_back:
            raise NotYet(
                f"{name} went to 100%: none of your alarms entered ALARM during the canary."
                + _hints(alarms)
            )
        if not bad and deployment.rolled_back:
            raise NotYet(
                f"{name} was rolled back: {deployment.error_message}. That is a false alarm: "
                "the threshold must sit above what a healthy version does."
            )
    failing_one, slow_one = (outcomes[name] for name, (_h, bad) in RELEASES.items() if bad)
    return (
        "The healthy release reached 100%; the failing release was rolled back after "
        f"{_minutes(failing_one.rollback_offset)}, the slow one after "
        f"{_minutes(slow_one.rollback_offset)}."
    )
