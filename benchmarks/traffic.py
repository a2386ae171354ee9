"""Invocation throughput through a weighted alias, and the split it produces.

Invokes ``f:PROD`` (90% version 1, 10% version 2, trivial handler) N times through the core
API and prints invocations per second, the peak memory growth, and the observed share on the
additional version. For scale, it also times a reference loop in the same process that does
only the irreducible work (one seeded draw and one handler call per request) and prints the
ratio. Targets (issue 2): >= 200,000 invocations/s, <= 50 MB growth, share within 0.3
percentage points of 10%.

Run: python benchmarks/traffic.py [--invocations 1000000]
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import time
import tracemalloc

from lambda_model import Account


def build_account() -> Account:
    account = Account(seed=0)
    account.create_function("f", lambda event, context: 1, publish=True)
    account.update_function_code("f", lambda event, context: 2, publish=True)
    account.create_alias("f", "PROD", "1", routing_config={"2": 0.1})
    return account


def simulated(n: int) -> tuple[float, float]:
    account = build_account()
    invoke = account.invoke
    gc.collect()
    start = time.perf_counter()
    for _ in range(n):
        invoke("f:PROD")
    seconds = time.perf_counter() - start
    metrics = account.functions["f"].metrics
    return seconds, metrics["2"][0] / n


def reference(n: int) -> float:
    """The floor: a seeded draw and a handler call per request, nothing else."""
    draw = random.Random(0).random

    def primary(event, context):
        return 1

    def additional(event, context):
        return 2

    start = time.perf_counter()
    for _ in range(n):
        (additional if draw() < 0.1 else primary)(None, None)
    return time.perf_counter() - start


def memory_growth_mb(n: int) -> float:
    account = build_account()
    invoke = account.invoke
    gc.collect()
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    for _ in range(n):
        invoke("f:PROD")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - baseline) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invocations", type=int, default=1_000_000)
    n = parser.parse_args().invocations
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds, share = simulated(n)
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    floor = reference(n)
    growth = memory_growth_mb(n)
    rate = n / seconds
    print(f"invocations                 {n:,}")
    print(f"lambda_model invoke         {rate:,.0f} invocations/s  ({seconds:.2f} s)")
    print(f"reference loop              {n / floor:,.0f} iterations/s  ({floor:.2f} s)")
    print(f"ratio (simulator / floor)   {seconds / floor:.1f}x the irreducible cost")
    print(
        f"peak memory growth          {growth:.2f} MB (tracemalloc), "
        f"max RSS +{(rss_after - rss_before) / 1024:.1f} MB"
    )
    print(
        f"share on version 2          {share:.4%} (target 10% +/- 0.3 points: "
        f"{'ok' if abs(share - 0.1) <= 0.003 else 'OUT OF RANGE'})"
    )
    print(f"target >= 200,000/s         {'met' if rate >= 200_000 else 'NOT MET'}")


if __name__ == "__main__":
    main()
