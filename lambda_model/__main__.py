"""``python -m lambda_model <command>``: the kit's command line.

Each command lives in its own module, which adds its subcommand with ``register(subparsers)``.
"""

from __future__ import annotations

import argparse
import sys

from . import demo

COMMANDS = (demo,)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m lambda_model",
        description="AWS Lambda versions and aliases, simulated and explained.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.register(subparsers)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
