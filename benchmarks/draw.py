"""How fast the views redraw: the SVG pointer picture beside the matplotlib one it replaced.

A redraw is what a widget or an animation frame does after a step. For the SVG renderer
(``lambda_model.viz``): give out the places from the history, replay the graph
(``to_graph``) and write the SVG text (``draw``). For the reference, the matplotlib renderer
the kit drew with before (kept in ``benchmarks/reference_mpl``): replay, collapse old
versions, draw into the existing axes with a cached layout and render the pixels
(``fig.canvas.draw()``, Agg, 100 dpi). Both run in this process on the same accounts and
print the median (CPU time of this process, so that other programs on the machine do not
inflate it; the wall-clock median beside it), against the targets:

- a function with 20 versions, 3 aliases (one weighted) and 2 buckets (one notifying an
  alias, one a version): SVG redraw at most 100 ms (the old target for matplotlib: 150 ms);
- the same with 500 versions: at most 300 ms;
- ``to_graph`` on 500 versions: at most 5 ms;
- the 40-step comparison animation (``compare(run_churn(5))``, one self-contained SVG) built
  in at most 3 s, beside matplotlib building the same number of frames of one side's
  history and encoding them as its JavaScript player (``to_jshtml``) as the kit did.

Run: python benchmarks/draw.py [--runs 30]
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reference_mpl.animate import animate as mpl_animate
from reference_mpl.draw import draw as mpl_draw
from reference_mpl.layout import Layout, collapse

from lambda_model import Account
from lambda_model.core.churn import run_churn
from lambda_model.viz import compare, draw, to_graph

FUNCTION = "thumbnailer"


def account_with(versions: int) -> Account:
    """``versions`` published versions, aliases PROD (weighted), staging and dev, a bucket
    that notifies PROD and one that notifies version 2."""
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
    account.create_bucket("archive")
    account.add_permission(
        FUNCTION,
        "s3-archive",
        "lambda:InvokeFunction",
        "s3.amazonaws.com",
        qualifier="2",
        source_arn="arn:aws:s3:::archive",
    )
    account.put_bucket_notification_configuration(
        "archive",
        {
            "LambdaFunctionConfigurations": [
                {
                    "LambdaFunctionArn": account.function_arn(FUNCTION, "2"),
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


def mpl_redraw_figures(versions: int, runs: int) -> dict[str, float]:
    """The matplotlib reference: replay, collapse, draw artists, render with Agg."""
    account = account_with(versions)
    layout = Layout.fit([collapse(to_graph(account))])
    fig = mpl_draw(account, layout=layout, dpi=100)
    ax = fig.axes[0]
    fig.canvas.draw()

    def redraw() -> None:
        mpl_draw(account, ax=ax, layout=layout)
        fig.canvas.draw()

    return {
        "redraw": median_ms(redraw, runs),
        "redraw (wall clock)": median_ms(redraw, runs, time.perf_counter),
    }


def svg_redraw_figures(versions: int, runs: int) -> dict[str, float]:
    """The SVG renderer: places from the history, replay, SVG text."""
    account = account_with(versions)
    draw(account)

    def redraw() -> None:
        draw(account)

    return {
        "to_graph": median_ms(lambda: to_graph(account), runs),
        "redraw": median_ms(redraw, runs),
        "redraw (wall clock)": median_ms(redraw, runs, time.perf_counter),
    }


def animation_figures(runs: int) -> dict[str, float]:
    """Seconds to build the comparison animation (SVG) and, for the reference, the same number
    of matplotlib frames of the version-ARN side's history as a ``to_jshtml`` player."""
    report = run_churn(releases=5)
    movie = compare(report)
    frames = len(movie.frames) - 1
    history = report.pinned.account.history
    steps = list(range(len(history) - frames, len(history)))

    def svg() -> None:
        compare(report)

    def mpl() -> None:
        mpl_animate(report.pinned.account, steps=steps, dpi=80).to_jshtml()

    return {
        "steps": frames,
        "svg": median_ms(svg, runs) / 1e3,
        "svg (wall clock)": median_ms(svg, runs, time.perf_counter) / 1e3,
        "svg KB": len(movie.svg) / 1024,
        "matplotlib": median_ms(mpl, 1) / 1e3,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    print(f"median of {runs} runs, milliseconds (CPU time of this process)")
    for versions, target in ((20, 100.0), (500, 300.0)):
        svg = svg_redraw_figures(versions, runs)
        mpl = mpl_redraw_figures(versions, max(runs // 3, 3))
        print(f"{versions:4d} versions, 3 aliases, 2 buckets:")
        print(
            f"     SVG redraw {svg['redraw']:7.1f} ms  (target <= {target:.0f} ms, "
            f"{svg['redraw'] / target:.2f} of the budget; wall clock "
            f"{svg['redraw (wall clock)']:.1f} ms)"
        )
        print(
            f"     matplotlib {mpl['redraw']:7.1f} ms  (wall clock "
            f"{mpl['redraw (wall clock)']:.1f} ms): SVG takes "
            f"{svg['redraw'] / mpl['redraw']:.2f} of its time"
        )
        if versions == 500:
            print(
                f"     to_graph {svg['to_graph']:6.2f} ms  (target <= 5 ms, "
                f"{svg['to_graph'] / 5:.2f} of the budget)"
            )
    movie = animation_figures(max(runs // 6, 3))
    print(
        f"comparison animation, {movie['steps']} steps: SVG {movie['svg']:.2f} s "
        f"(target <= 3 s, {movie['svg'] / 3:.2f} of the budget; wall clock "
        f"{movie['svg (wall clock)']:.2f} s; {movie['svg KB']:.0f} KB), matplotlib frames "
        f"as to_jshtml {movie['matplotlib']:.2f} s"
    )


if __name__ == "__main__":
    main()
