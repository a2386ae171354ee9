"""Click-to-redraw latency of the workshop console, headless, with 20 and with 100 versions.

For each size, builds a function with that many published versions, aliases PROD, BETA
and DEV, a bucket notifying PROD, and a ``Console`` over it, then times each kind of click
from the call of the widget's handler (``button.click()`` or an input's new value) until
the handler returns: the account call, the replay and redraw of the graph (SVG) and the
update of every widget that changed. Prints the median and 90th percentile per action in
CPU time of this process (so that other programs on the machine do not inflate it) with the
wall-clock median beside it, and, for scale, the share of a click spent drawing the graph.
Target (issue 18): Promote's median click-to-redraw <= 100 ms with 20 and with 100 versions.

Run: python benchmarks/console.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from lambda_model import Account
from lambda_model.widgets import Console, publish_new_version

SIZES = (20, 100)
TARGET_MS = 100.0


def build_account(versions: int) -> Account:
    account = Account(seed=0)
    account.create_function("thumbnailer", lambda event, context: "ok", publish=True)
    for _ in range(versions - 1):
        publish_new_version(account, "thumbnailer")
    account.create_alias("thumbnailer", "PROD", str(versions - 1))
    account.create_alias("thumbnailer", "BETA", str(versions))
    account.create_alias("thumbnailer", "DEV", "$LATEST")
    account.create_bucket("photos")
    account.add_permission(
        "thumbnailer",
        "s3",
        "lambda:InvokeFunction",
        "s3.amazonaws.com",
        qualifier="PROD",
        source_arn="arn:aws:s3:::photos",
    )
    arn = account.function_arn("thumbnailer", "PROD")
    account.put_bucket_notification_configuration(
        "photos",
        {
            "LambdaFunctionConfigurations": [
                {"LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"]}
            ]
        },
    )
    return account


WALL: list[float] = []


def timed(action: Callable[[], object]) -> float:
    """CPU milliseconds of ``action`` (its wall-clock milliseconds go to ``WALL``)."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    WALL.append((time.perf_counter() - wall) * 1000)
    return (time.process_time() - cpu) * 1000


def console_clicks(versions: int, rounds: int) -> tuple[dict[str, list[float]], list[float]]:
    """CPU milliseconds per click, by action, and those spent inside the graph's redraws."""
    WALL.clear()
    account = build_account(versions)
    console = Console(account, "thumbnailer")
    console.alias_picker.value = "PROD"
    drawing: list[float] = []
    show = console.graph.show

    def timed_show(*args, **kwargs):
        start = time.process_time()
        try:
            return show(*args, **kwargs)
        finally:
            drawing.append((time.process_time() - start) * 1000)

    console.graph.show = timed_show
    times: dict[str, list[float]] = {
        "Promote": [],
        "Roll back": [],
        "canary weight": [],
        "history step": [],
        "Upload object": [],
    }
    for i in range(rounds):
        console.version_picker.value = str(versions - i % 2)
        times["Promote"].append(timed(console.promote_button.click))
        times["Roll back"].append(timed(console.rollback_button.click))
        console.canary_version.value = console.canary_version.options[0]
        weight = 5 + i % 20

        def move(weight: int = weight) -> None:
            console.canary_weight.value = weight

        times["canary weight"].append(timed(move))
        step = 1 + i % len(account.history)

        def look(step: int = step) -> None:
            console.history_step.value = step

        times["history step"].append(timed(look))
        untimed = len(drawing)
        console.now_button.click()
        del drawing[untimed:]  # back to the present: not a timed click
        console.key_box.value = f"photo-{i}.jpg"
        times["Upload object"].append(timed(console.upload_button.click))
        assert "refused" not in console.message.value, console.message.value
    return times, drawing


def report(versions: int, rounds: int) -> float:
    """Print the table for one size; Promote's median CPU milliseconds."""
    times, drawing = console_clicks(versions, rounds)
    every = [t for series in times.values() for t in series]
    print(f"console click-to-redraw, {versions} versions, {rounds} rounds (CPU ms)")
    print(f"{'action':<16}{'median':>8}{'p90':>8}")
    for action, series in times.items():
        p90 = statistics.quantiles(series, n=10)[-1]
        print(f"{action:<16}{statistics.median(series):>8.1f}{p90:>8.1f}")
    print(f"{'all clicks':<16}{statistics.median(every):>8.1f}")
    print(f"wall-clock median of all clicks: {statistics.median(WALL):.1f} ms")
    share = sum(drawing) / sum(every)
    print(
        f"graph redraw (replay, draw, SVG): median {statistics.median(drawing):.1f} ms; "
        f"{share:.0%} of all click time\n"
    )
    return statistics.median(times["Promote"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()

    promote = {versions: report(versions, args.rounds) for versions in SIZES}
    for versions, median in promote.items():
        verdict = "met" if median <= TARGET_MS else "MISSED"
        print(
            f"Promote click-to-redraw median, {versions:>3} versions: {median:6.1f} ms "
            f"(target <= {TARGET_MS:.0f} ms: {verdict})"
        )


if __name__ == "__main__":
    main()
