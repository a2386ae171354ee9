"""AWS CLI commands through ``run_cli`` beside the same operations through ``client(...)``.

Builds a function with three published versions and an alias PROD, then, in one run:

* the first command (which builds the CLI driver and loads its command table), timed once;
* ``get-alias`` and a weighted ``update-alias`` as commands per second through ``run_cli``
  and as calls per second through a boto3 client, and their ratio;
* a notebook cell of 20 commands (a promotion with a canary, read back), as ``%%aws`` runs
  it: the median of several rounds against the 1 s target.

Targets (issue 17): a cell of 20 commands under 1 s; ratio no worse than 64x.

Run: python benchmarks/cli.py [--seconds 2]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from lambda_model import Account
from lambda_model.aws import client, run_cli

FUNCTION = "thumbnailer"
CELL_TARGET_S = 1.0
RATIO_TARGET = 64.0


def build_account() -> Account:
    account = Account(seed=0)
    for release in range(1, 4):
        source = f"def handler(event, context):\n    return 'release {release}'\n"
        if release == 1:
            account.create_function(FUNCTION, source)
        else:
            account.update_function_code(FUNCTION, source)
        account.publish_version(FUNCTION)
    account.create_alias(FUNCTION, "PROD", "1")
    return account


def rate(action: Callable[[int], object], seconds: float) -> float:
    """Calls per second of ``action(n)`` over about ``seconds``."""
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds or done < 5:
        action(done)
        done += 1
    return done / elapsed


def cell() -> list[str]:
    """20 commands a learner might put in one %%aws cell."""
    f = f"--function-name {FUNCTION}"
    canary = "AdditionalVersionWeights={2=0.1}"
    commands = [
        f"aws lambda get-alias {f} --name PROD",
        f"aws lambda update-alias {f} --name PROD --routing-config {canary}",
        f"aws lambda get-alias {f} --name PROD --query RoutingConfig",
        f"aws lambda update-alias {f} --name PROD --function-version 2 "
        "--routing-config AdditionalVersionWeights={}",
        f"aws lambda list-aliases {f} --output table",
        f"aws lambda list-versions-by-function {f} --query Versions[].Version --output text",
        f"aws lambda update-alias {f} --name PROD --function-version 1",
    ]
    # Ends as it starts (PROD on version 1, no weights), so the cell can run again.
    return commands[1:] + commands * 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="per measurement")
    args = parser.parse_args(argv)

    account = build_account()
    start = time.perf_counter()
    first = run_cli(account, f"lambda get-alias --function-name {FUNCTION} --name PROD")
    assert first.ok, first
    print(f"first command (builds the CLI driver): {time.perf_counter() - start:.2f} s")

    lam = client("lambda", account)
    weights = [{"AdditionalVersionWeights": {"2": 0.1}}, {"AdditionalVersionWeights": {}}]
    shorthand = ["AdditionalVersionWeights={2=0.1}", "AdditionalVersionWeights={}"]
    runs = {
        "get-alias": (
            lambda n: run_cli(account, f"lambda get-alias --function-name {FUNCTION} --name PROD"),
            lambda n: lam.get_alias(FunctionName=FUNCTION, Name="PROD"),
        ),
        "update-alias (weighted)": (
            lambda n: run_cli(
                account,
                f"lambda update-alias --function-name {FUNCTION} --name PROD "
                f"--routing-config {shorthand[n % 2]}",
            ),
            lambda n: lam.update_alias(
                FunctionName=FUNCTION, Name="PROD", RoutingConfig=weights[n % 2]
            ),
        ),
    }
    print(f"{'operation':<26}{'run_cli /s':>12}{'client /s':>12}{'ratio':>9}")
    ratios = []
    for name, (by_cli, by_client) in runs.items():
        cli_rate, client_rate = rate(by_cli, args.seconds), rate(by_client, args.seconds)
        ratios.append(client_rate / cli_rate)
        print(f"{name:<26}{cli_rate:>12.0f}{client_rate:>12.0f}{ratios[-1]:>8.0f}x")

    commands = cell()
    rounds = []
    for _ in range(7):
        start = time.perf_counter()
        for command in commands:
            result = run_cli(account, command)
            assert result.ok, result
        rounds.append(time.perf_counter() - start)
    median = statistics.median(rounds)
    print(
        f"a cell of {len(commands)} commands: median {median:.2f} s "
        f"(target < {CELL_TARGET_S:.0f} s: {'met' if median < CELL_TARGET_S else 'NOT met'}); "
        f"worst ratio {max(ratios):.0f}x "
        f"(target <= {RATIO_TARGET:.0f}x: {'met' if max(ratios) <= RATIO_TARGET else 'NOT met'})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
