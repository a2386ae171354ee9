"""Plots of a deployment: the new version's weight over time (as it happened, and as planned),
the error rate per minute of each version with the alarm threshold, and the rollback moment.

matplotlib is imported when a plot is drawn, not when :mod:`lambda_model.deploy` is. The
figure is a plain :class:`matplotlib.figure.Figure` (no pyplot state): a notebook shows it when
it is the cell's value, ``fig.savefig("deployment.png")`` writes it. Where matplotlib is
missing (the in-browser course), each plot prints one line saying charts need the full install
(:mod:`lambda_model.charts`) and returns ``None``.

Examples
--------
>>> from lambda_model import Account
>>> from lambda_model.deploy import Alarm, Deployment, Traffic, failing, healthy
>>> account = Account(seed=7)
>>> _ = account.create_function("checkout", healthy("v1"), publish=True)
>>> _ = account.update_function_code("checkout", failing(0.25, "v2", seed=1), publish=True)
>>> _ = account.create_alias("checkout", "live", "1")
>>> deployment = Deployment(account, "checkout", "live", "2", "Canary10Percent5Minutes",
...                         traffic=Traffic(rate=20), alarms=[Alarm("checkout-errors")])
>>> figure = plot_deployment(deployment.run(minutes=8))
>>> [axes.get_ylabel() for axes in figure.axes]
['traffic to version 2', 'error rate per minute']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..charts import needs_matplotlib
from .configs import _minutes_text
from .deployment import FAILED, Deployment

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_deployment", "plot_error_rate", "plot_split", "plot_weight"]

NEW_COLOUR = "#d62728"  # the version being deployed
OLD_COLOUR = "#7f7f7f"  # the version the alias pointed at before
PLANNED_COLOUR = "#1f77b4"
ROLLBACK_COLOUR = "#111111"


def _span(deployment: Deployment) -> float:
    """Minutes the plot covers: what was observed, and at least the planned schedule."""
    observed = deployment.metrics.minutes
    if deployment.start_time is not None:
        now = deployment.account.clock.now
        observed = max(observed, (now - deployment.start_time) / 60.0)
    planned = deployment.config.duration / 60.0 + 1.0
    return max(observed, planned, 1.0)


def _mark_rollback(deployment: Deployment, ax: Axes, *, label: bool) -> None:
    if deployment.rollback_offset is None:
        _mark_failure(deployment, ax, label=label)
        return
    minute = deployment.rollback_offset / 60.0
    ax.axvspan(minute, _span(deployment), color=ROLLBACK_COLOUR, alpha=0.05, linewidth=0)
    ax.axvline(
        minute,
        color=ROLLBACK_COLOUR,
        linewidth=1.5,
        linestyle="-",
        label=f"rollback at {_minutes_text(deployment.rollback_offset)}",
        gid="rollback",
    )
    if label:
        ax.annotate(
            f"rollback {_minutes_text(deployment.rollback_offset)} ({deployment.error_code}):\n"
            f"alias {deployment.alias} back on version {deployment.original_version}",
            xy=(minute, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(6, -6),
            textcoords="offset points",
            va="top",
            fontsize=9,
            color=ROLLBACK_COLOUR,
        )


def _mark_failure(deployment: Deployment, ax: Axes, *, label: bool) -> None:
    """A deployment that failed before the alias moved (a failed pre-traffic hook)."""
    if deployment.status != FAILED or deployment.end_time is None:
        return
    offset = deployment.end_time - deployment.start_time
    ax.axvline(
        offset / 60.0,
        color=ROLLBACK_COLOUR,
        linewidth=1.5,
        linestyle="--",
        label=f"failed at {_minutes_text(offset)}",
        gid="failure",
    )
    if label:
        ax.annotate(
            f"failed {_minutes_text(offset)} ({deployment.error_code}):\n"
            f"alias {deployment.alias} never left version {deployment.original_version}",
            xy=(offset / 60.0, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(6, -6),
            textcoords="offset points",
            va="top",
            fontsize=9,
            color=ROLLBACK_COLOUR,
        )


@needs_matplotlib
def plot_weight(deployment: Deployment, ax: Axes) -> Axes:
    """The new version's share of the alias's traffic: as it happened (solid, with a marker at
    each ``update_alias``) and as the configuration planned it (dashed)."""
    from matplotlib.ticker import PercentFormatter

    span = _span(deployment)
    planned = deployment.config.schedule()
    ax.step(
        [0.0] + [shift.offset / 60.0 for shift in planned] + [span],
        [0.0] + [shift.weight for shift in planned] + [planned[-1].weight],
        where="post",
        color=PLANNED_COLOUR,
        linestyle="--",
        linewidth=1.2,
        alpha=0.6,
        label=f"planned: {deployment.config.name}",
        gid="planned-weight",
    )
    changes = deployment.weights
    if changes:
        xs = [0.0] + [offset / 60.0 for offset, _ in changes]
        ys = [0.0] + [weight for _, weight in changes]
        end = (deployment.account.clock.now - deployment.start_time) / 60.0
        ax.step(
            [*xs, max(end, xs[-1])],
            [*ys, ys[-1]],
            where="post",
            color=NEW_COLOUR,
            linewidth=2.2,
            label=f"actual weight of version {deployment.target_version}",
            gid="weight",
        )
        ax.plot(
            xs[1:],
            ys[1:],
            linestyle="none",
            marker="o",
            markersize=5,
            color=NEW_COLOUR,
            label="update_alias",
            gid="alias-updates",
        )
    _mark_rollback(deployment, ax, label=True)
    ax.set_xlim(-0.01 * span, span)
    ax.set_ylim(-0.04, 1.08)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_ylabel(f"traffic to version {deployment.target_version}")
    ax.grid(True, alpha=0.25)
    ax.legend(loc="center right", fontsize=8, frameon=False)
    return ax


@needs_matplotlib
def plot_error_rate(deployment: Deployment, ax: Axes) -> Axes:
    """Errors / invocations per minute for the old and the new version (a step per minute,
    a dot in its middle), each ErrorRate alarm's threshold, and the rollback."""
    from matplotlib.ticker import PercentFormatter

    metrics = deployment.metrics
    highest = 0.0
    for version, colour, role in (
        (deployment.original_version, OLD_COLOUR, "old"),
        (deployment.target_version, NEW_COLOUR, "new"),
    ):
        rates = metrics.series("ErrorRate", version)
        if not any(rate is not None for rate in rates):
            continue
        values = [float("nan") if rate is None else rate for rate in rates]
        highest = max([highest, *(rate for rate in rates if rate is not None)])
        ax.step(
            [*range(len(values)), len(values)],
            [*values, values[-1]],
            where="post",
            color=colour,
            linewidth=2.0 if role == "new" else 1.4,
            label=f"version {version} ({role})",
            gid=f"error-rate-{role}",
        )
        ax.plot(
            [minute + 0.5 for minute in range(len(values))],
            values,
            linestyle="none",
            marker="o",
            markersize=4,
            color=colour,
        )
    for alarm in deployment.alarms:
        if alarm.metric_name != "ErrorRate":
            continue
        highest = max(highest, alarm.threshold)
        ax.axhline(
            alarm.threshold,
            color="#ff7f0e",
            linestyle=":",
            linewidth=1.6,
            label=f"alarm {alarm.name}: > {alarm.threshold:.0%} over {alarm.window} min",
            gid=f"threshold-{alarm.name}",
        )
    versions = {"new": deployment.target_version, "old": deployment.original_version}
    by_name = {alarm.name: alarm for alarm in deployment.alarms}
    for offset, name, state, value in deployment.alarm_history:
        alarm = by_name[name]
        if state != "ALARM" or value is None or alarm.metric_name != "ErrorRate":
            continue
        ax.plot(
            [offset / 60.0],
            [value],
            linestyle="none",
            marker="X",
            markersize=10,
            color="#ff7f0e",
            markeredgecolor=ROLLBACK_COLOUR,
            label=f"{name} in ALARM: {alarm.describe(value, versions).split(' = ')[1]}",
            gid=f"alarm-{name}",
        )
    _mark_rollback(deployment, ax, label=False)
    span = _span(deployment)
    ax.set_xlim(-0.01 * span, span)
    top = max(highest * 1.75, 0.01)  # room above the highest line for the legend
    ax.set_ylim(-0.03 * top, top)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0 if top >= 0.05 else 1))
    ax.set_ylabel("error rate per minute")
    ax.set_xlabel("minutes since the deployment started")
    ax.grid(True, alpha=0.25)
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    return ax


@needs_matplotlib
def plot_deployment(deployment: Deployment, *, figsize: tuple[float, float] = (9, 6)) -> Figure:
    """Both panels, one above the other on a shared time axis, titled with the outcome."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=figsize, layout="constrained")
    weight_ax, error_ax = figure.subplots(2, 1, sharex=True, height_ratios=[1, 1])
    plot_weight(deployment, weight_ax)
    plot_error_rate(deployment, error_ax)
    outcome = deployment.status
    if deployment.status == FAILED:
        outcome += f" ({deployment.error_code})"
        outcome += ", rolled back" if deployment.rolled_back else ", alias never moved"
    figure.suptitle(
        f"{deployment.deployment_id}: {deployment.function_name}:{deployment.alias} "
        f"{deployment.original_version} \u2192 {deployment.target_version}, "
        f"{deployment.config.name}\n{outcome}",
        fontsize=11,
    )
    return figure


#: Okabe-Ito colours of the observed-split chart: vermillion dots (one per batch), the blue
#: weight and its expected range.
SPLIT_DOT_COLOUR = "#D55E00"
SPLIT_WEIGHT_COLOUR = "#0072B2"


@needs_matplotlib
def plot_split(
    observed: Mapping[int, Sequence[float]],
    weight: float,
    *,
    title: str = "",
    figsize: tuple[float, float] = (8, 3.8),
) -> Figure:
    """The share a weighted alias's additional version served, one dot per batch, against
    the configured ``weight`` and the range where about 95% of batches are expected (the
    weight plus or minus 1.96 standard deviations of a share, ``sqrt(w(1-w)/n)``).

    ``observed`` maps a batch size to the shares measured in batches of that size.

    >>> figure = plot_split({10: [0.0, 0.2], 1000: [0.1, 0.098]}, 0.1, title="a 90/10 split")
    >>> figure.axes[0].get_xlabel(), figure.axes[0].get_title(loc="left")
    ('invocations per batch', 'a 90/10 split')
    """
    from matplotlib.figure import Figure
    from matplotlib.ticker import PercentFormatter

    figure = Figure(figsize=figsize, dpi=80, layout="constrained")
    ax = figure.subplots()
    sizes = sorted(observed)
    for size in sizes:
        shares = observed[size]
        # Spread a size's dots a little sideways, so equal shares do not hide each other.
        middle = (len(shares) - 1) / 2
        spread = [size * 1.12 ** ((i - middle) / len(shares)) for i in range(len(shares))]
        ax.scatter(spread, shares, s=18, alpha=0.5, color=SPLIT_DOT_COLOUR, marker="o")
    band = [1.96 * (weight * (1 - weight) / size) ** 0.5 for size in sizes]
    ax.fill_between(
        sizes,
        [max(weight - b, 0) for b in band],
        [weight + b for b in band],
        color=SPLIT_WEIGHT_COLOUR,
        alpha=0.15,
        label="expected 95% range",
    )
    ax.axhline(
        weight, color=SPLIT_WEIGHT_COLOUR, linewidth=1.5, label=f"configured weight ({weight:.0%})"
    )
    ax.set_xscale("log")
    ax.set_xticks(sizes, [f"{size:,}" for size in sizes])
    ax.minorticks_off()
    ax.set_xlabel("invocations per batch")
    ax.set_ylabel("share served by the additional version")
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    if title:
        ax.set_title(title, loc="left")
    ax.legend(loc="upper right", frameon=False)
    return figure
