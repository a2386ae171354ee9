"""Click-to-redraw latency of the workshop console, headless.

Builds a function with 20 published versions, aliases PROD, BETA and DEV, and a
``Console`` over it, then times each kind of click from the call of the widget's handler
(``button.click()`` or a slider's new value) until the handler returns, which includes the
account call, the redraw of the graph PNG and the update of every widget that changed.
Prints the median and 90th percentile per action, and, for scale, the median of the same
account calls made directly (no console) in the same process and the ratio between them.
Target (issue 6): median click-to-redraw <= 150 ms with 20 versions.

Run: python benchmarks/console.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from lambda_model import Account
from lambda_model.widgets import Console, publish_new_version

VERSIONS = 20
TARGET_MS = 150.0


def build_account() -> Account:
    account = Account(seed=0)
    account.create_function("thumbnailer", lambda event, context: "ok", publish=True)
    for _ in range(VERSIONS - 1):
        publish_new_version(account, "thumbnailer")
    account.create_alias("thumbnailer", "PROD", str(VERSIONS - 1))
    account.create_alias("thumbnailer", "BETA", str(VERSIONS))
    account.create_alias("thumbnailer", "DEV", "$LATEST")
    return account


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def console_clicks(rounds: int) -> dict[str, list[float]]:
    account = build_account()
    console = Console(account, "thumbnailer")
    console.alias_picker.value = "PROD"
    times: dict[str, list[float]] = {
        "Promote": [],
        "Roll back": [],
        "canary slider": [],
        "history slider": [],
    }
    for i in range(rounds):
        console.version_picker.value = str(VERSIONS - i % 2)
        times["Promote"].append(timed(console.promote_button.click))
        times["Roll back"].append(timed(console.rollback_button.click))
        primary = account.get_alias("thumbnailer", "PROD").function_version
        console.canary_version.value = str(VERSIONS) if primary != str(VERSIONS) else "1"
        weight = 5 + i % 20

        def move(weight: int = weight) -> None:
            console.canary_weight.value = weight

        times["canary slider"].append(timed(move))
        step = 1 + i % len(account.history)

        def look(step: int = step) -> None:
            console.history_slider.value = step

        times["history slider"].append(timed(look))
        console.now_button.click()
        assert "refused" not in console.message.value, console.message.value
    return times


def direct_calls(rounds: int) -> list[float]:
    """The same alias moves through the account API alone (the work a click cannot avoid)."""
    account = build_account()
    times = []
    for i in range(rounds):
        version = str(VERSIONS - i % 2)
        times.append(
            timed(
                lambda version=version: account.update_alias(
                    "thumbnailer", "PROD", function_version=version, routing_config={}
                )
            )
        )
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()

    times = console_clicks(args.rounds)
    reference = statistics.median(direct_calls(args.rounds))
    every = [t for series in times.values() for t in series]
    print(f"console click-to-redraw, {VERSIONS} versions, {args.rounds} rounds")
    print(f"{'action':<16}{'median ms':>10}{'p90 ms':>9}")
    for action, series in times.items():
        p90 = statistics.quantiles(series, n=10)[-1]
        print(f"{action:<16}{statistics.median(series):>10.1f}{p90:>9.1f}")
    median = statistics.median(every)
    verdict = "met" if median <= TARGET_MS else "MISSED"
    print(f"{'all clicks':<16}{median:>10.1f}   target <= {TARGET_MS:.0f} ms: {verdict}")
    print(
        f"reference: the same alias move through the account API alone, median "
        f"{reference:.3f} ms; a click costs {median / reference:.0f}x that (the redraw)"
    )


if __name__ == "__main__":
    main()
