"""Speed of a gradual deployment under load.

A ``Linear10PercentEvery10Minutes`` deployment at 100 requests per simulated second, watched for
100 simulated minutes: 600,000 invocations through the alias, each on the version the weights
draw, counted per version and per minute, with an alarm evaluated every minute. The shift
itself completes at minute 90 (shifts at the start of each 10-minute increment); the last ten
minutes run all traffic on the new version. Prints the wall time (target: at most 3 s), and,
for scale, the same number of bare ``account.invoke`` calls through a weighted alias.

    python benchmarks/deploy.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's lambda_model

from lambda_model import Account
from lambda_model.deploy import (
    Alarm,
    Deployment,
    Linear10PercentEvery10Minutes,
    Traffic,
    healthy,
)

RATE = 100  # requests per simulated second
MINUTES = 100


def _account() -> Account:
    account = Account(seed=1)
    account.create_function("checkout", healthy("v1"), publish=True)
    account.update_function_code("checkout", healthy("v2"), publish=True)
    account.create_alias("checkout", "live", "1")
    return account


def deployment_run(stub: bool = False) -> tuple[float, Deployment]:
    """Time the deployment; with ``stub``, ``account.invoke`` answers a fixed result at once,
    which leaves the deployment layer's own cost (traffic loop, tallies, clock, alarms)."""
    account = _account()
    if stub:
        answer = account.invoke("checkout:1")
        account.invoke = lambda name, payload=None: answer
    deployment = Deployment(
        account,
        "checkout",
        "live",
        "2",
        Linear10PercentEvery10Minutes,
        traffic=Traffic(rate=RATE),
        alarms=[Alarm("checkout-new-errors", threshold=0.05, window=2)],
    )
    started = time.perf_counter()
    deployment.run(minutes=MINUTES)
    return time.perf_counter() - started, deployment


def bare_invokes(count: int) -> float:
    account = _account()
    account.update_alias("checkout", "live", routing_config={"2": 0.5})
    invoke = account.invoke
    started = time.perf_counter()
    for _ in range(count):
        invoke("checkout:live")
    return time.perf_counter() - started


def main(repeat: int = 3) -> None:
    runs = [deployment_run() for _ in range(repeat)]
    times = sorted(seconds for seconds, _ in runs)
    seconds, deployment = min(runs, key=lambda run: run[0])
    count = deployment.invocations
    print(deployment)
    print(
        f"{deployment.config.name}, {RATE} requests/s for {MINUTES} simulated minutes: "
        f"{count:,} invocations in {seconds:.2f} s wall time, best of {repeat} "
        f"(all: {', '.join(f'{t:.2f}' for t in times)} s; {count / seconds:,.0f}/s; "
        "target <= 3 s)"
    )
    bare = bare_invokes(count)
    print(
        f"the same number of bare account.invoke calls through a weighted alias: {bare:.2f} s; "
        f"deployment / bare = {seconds / bare:.2f}"
    )
    layer, _ = deployment_run(stub=True)
    print(
        f"the deployment layer alone (account.invoke stubbed): {layer:.2f} s, "
        f"{layer / count * 1e9:.0f} ns per request"
    )


if __name__ == "__main__":
    main()
