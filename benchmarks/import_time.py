"""How long ``import lambda_model`` takes, and that it pulls in no heavy library.

Runs a fresh interpreter several times for ``import lambda_model`` and for an empty program,
and prints the median extra time the import costs (target: at most 100 ms) and any of
networkx, matplotlib, ipywidgets, boto3, botocore found in ``sys.modules`` (target: none).

Run: python benchmarks/import_time.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

HEAVY = ("networkx", "matplotlib", "ipywidgets", "boto3", "botocore")
PROBE = (
    "import sys, time; t = time.perf_counter(); import lambda_model; "
    "print(time.perf_counter() - t); "
    f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
)


def run(code: str) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return time.perf_counter() - start, out.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    inside, wall, empty, heavy = [], [], [], set()
    for _ in range(runs):
        seconds, out = run(PROBE)
        measured, loaded = out.splitlines() + [""] * (2 - len(out.splitlines()))
        inside.append(float(measured))
        wall.append(seconds)
        heavy.update(filter(None, loaded.split(",")))
        empty.append(run("pass")[0])
    print(
        f"import lambda_model (in-process, median of {runs})  "
        f"{statistics.median(inside) * 1e3:.1f} ms"
    )
    print(
        f"interpreter + import  vs  empty interpreter        "
        f"{statistics.median(wall) * 1e3:.1f} ms vs {statistics.median(empty) * 1e3:.1f} ms "
        f"(ratio {statistics.median(wall) / statistics.median(empty):.2f})"
    )
    print(f"heavy modules imported                            {sorted(heavy) or 'none'}")


if __name__ == "__main__":
    main()
