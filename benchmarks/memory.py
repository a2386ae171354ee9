"""Memory: 1,000,000 put_object calls on one bucket wired to a function.

The traffic history is bounded (``Account.traffic_history_limit`` whole events; older ones
become one shared placeholder), the delivery and invocation logs are bounded, and the
configuration history is kept whole. Keys cycle over 1,000 names (objects are overwritten),
so what grows is only what the simulator records per call. Target (issue 13): under +100 MB.

Run: python benchmarks/memory.py [--calls 1000000]
"""

from __future__ import annotations

import argparse
import gc
import resource
import time

from lambda_model import Account


def rss_mb() -> float:
    """The process's current resident set size, in MB (Linux /proc)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1_000_000)
    calls = parser.parse_args().calls
    account = Account(seed=0)
    account.create_function("thumbnailer", lambda event, context: "ok", publish=True)
    account.create_alias("thumbnailer", "PROD", "1")
    account.create_bucket("uploads")
    account.add_permission(
        "thumbnailer", "s3", "lambda:InvokeFunction", "s3.amazonaws.com",
        qualifier="PROD", source_arn="arn:aws:s3:::uploads",
    )  # fmt: skip
    account.put_bucket_notification_configuration(
        "uploads",
        {
            "LambdaFunctionConfigurations": [
                {
                    "LambdaFunctionArn": account.function_arn("thumbnailer", "PROD"),
                    "Events": ["s3:ObjectCreated:*"],
                }
            ]
        },
    )
    configuration_events = len(account.history)
    gc.collect()
    before = rss_mb()
    start = time.perf_counter()
    put = account.put_object
    for n in range(calls):
        put("uploads", f"photos/{n % 1000}.jpg", b"jpeg bytes")
    seconds = time.perf_counter() - start
    gc.collect()
    growth = rss_mb() - before
    kept = sum(1 for e in account.history[:configuration_events])
    print(f"put_object calls            {calls:,}")
    print(f"time                        {seconds:.2f} s ({calls / seconds:,.0f} calls/s)")
    print(
        f"RSS growth                  {growth:+.1f} MB (target < +100 MB: "
        f"{'met' if growth < 100 else 'NOT met'})"
    )
    print(
        f"history length              {len(account.history):,} "
        f"({account.traffic_history_limit:,} traffic events kept whole)"
    )
    print(f"configuration events kept   {kept} of {configuration_events}")
    print(f"handler runs counted        {account.functions['thumbnailer'].metrics['1'][0]:,}")


if __name__ == "__main__":
    main()
