"""How fast the views redraw.

A redraw is what a widget or an animation frame does after a step: replay the history into a
graph (``to_graph``), collapse old versions, draw into the existing axes with a cached layout,
and render the pixels (``fig.canvas.draw()``, Agg, 100 dpi, notebook width). Prints the median
of each part and of the whole (CPU time of this process, so that other programs on the machine
do not inflate it; the wall-clock median of the whole is printed beside it), against the
targets:

- a function with 20 versions, 3 aliases (one weighted) and a bucket notifying an alias:
  redraw at most 150 ms;
- the same with 500 versions: redraw at most 300 ms;
- ``to_graph`` on 500 versions: at most 5 ms.

Run: python benchmarks/draw.py [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from lambda_model import Account
from lambda_model.viz import Layout, collapse, draw, to_graph

FUNCTION = "thumbnailer"


def account_with(versions: int) -> Account:
    """``versions`` published versions, aliases PROD (weighted), staging and dev, and a bucket
    that notifies PROD."""
    account = Account(seed=1)
    account.create_function(FUNCTION, "def handler(event, context):\n    return 0\n")
    for n in range(1, versions + 1):
        account.update_function_code(
            FUNCTION, f"def handler(event, context):\n    return {n}\n", publish=True
        )
    account.create_alias(FUNCTION, "PROD", "3", routing_config={"4": 0.2})
    account.create_alias(FUNCTION, "staging", str(versions - 1))
    account.create_alias(FUNCTION, "dev", str(versions))
    account.create_bucket("photos")
    account.add_permission(
        FUNCTION,
        "s3",
        "lambda:InvokeFunction",
        "s3.amazonaws.com",
        qualifier="PROD",
        source_arn="arn:aws:s3:::photos",
    )
    account.put_bucket_notification_configuration(
        "photos",
        {
            "LambdaFunctionConfigurations": [
                {
                    "LambdaFunctionArn": account.function_arn(FUNCTION, "PROD"),
                    "Events": ["s3:ObjectCreated:*"],
                }
            ]
        },
    )
    return account


def median_ms(action, runs: int, clock=time.process_time) -> float:
    """Median milliseconds of ``action``, by CPU time of this process (steady when other
    programs share the machine) unless ``clock`` says otherwise."""
    times = []
    for _ in range(runs):
        start = clock()
        action()
        times.append(clock() - start)
    return statistics.median(times) * 1e3


def redraw_figures(versions: int, runs: int) -> dict[str, float]:
    account = account_with(versions)
    layout = Layout.fit([collapse(to_graph(account))])
    fig = draw(account, layout=layout, dpi=100)
    ax = fig.axes[0]
    fig.canvas.draw()
    graph = to_graph(account)
    view = collapse(graph)

    def redraw() -> None:
        draw(account, ax=ax, layout=layout)
        fig.canvas.draw()

    return {
        "to_graph": median_ms(lambda: to_graph(account), runs),
        "collapse": median_ms(lambda: collapse(graph), runs),
        "draw artists": median_ms(lambda: draw(view, ax=ax, layout=layout), runs),
        "render (Agg)": median_ms(fig.canvas.draw, runs),
        "redraw": median_ms(redraw, runs),
        "redraw (wall clock)": median_ms(redraw, runs, time.perf_counter),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    print(f"median of {runs} runs, milliseconds")
    for versions, target in ((20, 150.0), (500, 300.0)):
        figures = redraw_figures(versions, runs)
        parts = "  ".join(f"{k} {v:.1f}" for k, v in figures.items() if not k.startswith("redraw"))
        print(f"{versions:4d} versions, 3 aliases, 1 bucket:  {parts}")
        print(
            f"     redraw {figures['redraw']:6.1f} ms  (target <= {target:.0f} ms, "
            f"{figures['redraw'] / target:.2f} of the budget; wall clock "
            f"{figures['redraw (wall clock)']:.1f} ms)"
        )
        if versions == 500:
            print(
                f"     to_graph {figures['to_graph']:6.2f} ms  (target <= 5 ms, "
                f"{figures['to_graph'] / 5:.2f} of the budget)"
            )


if __name__ == "__main__":
    main()
