"""``python -m lambda_model demo``: a bucket wired to a version ARN or to the alias, compared.

The demo first runs the comparison (:func:`lambda_model.core.churn.run_churn`): the same
releases and a rollback with a bucket wired to a version ARN (re-wired at each release) and
a bucket wired to the PROD alias ARN (never touched), and prints its step log and what each
wiring cost. Then it tells one story through the alias:

The story: create a function, publish version 1, point alias ``PROD`` at it, wire a bucket
to ``PROD``, publish version 2, send it 10% of ``PROD``'s traffic (a canary), promote it,
publish a bad version 3, roll back. Every upload says which version handled it. The step log
is deterministic (a seeded account, a simulated clock), so it is the same on every run.

Then it writes into ``--out`` (default ``./demo-out``): ``comparison.svg`` (the comparison's
animation, opening on a title frame), ``summary.svg`` (its last frame with both sides'
counters), ``story.svg`` (the story's animation) and ``demo.html`` (all of them and the step
logs). The animations are SVG animated with CSS and SMIL: they play in any browser, with no
script and no network.

Examples
--------
>>> account, log = story()
>>> print(log[0])
# thumbnailer makes thumbnails of uploaded photos. Version 1 goes live behind alias PROD.
>>> account.get_alias("thumbnailer", "PROD")
AliasConfiguration(PROD -> 2)
"""

from __future__ import annotations

import argparse
import html
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .core import Account

__all__ = ["DemoOutputs", "register", "run", "story"]

FUNCTION = "thumbnailer"
BUCKET = "photos"
SEED = 7

CODE = {
    "v1": (
        "def handler(event, context):\n"
        "    key = event['Records'][0]['s3']['object']['key']\n"
        "    return {'thumbnail': 'thumbs/' + key, 'size': 128}\n"
    ),
    "v2": (
        "def handler(event, context):\n"
        "    key = event['Records'][0]['s3']['object']['key']\n"
        "    return {'thumbnail': 'thumbs/' + key, 'size': 256, 'format': 'webp'}\n"
    ),
    "v3": (
        "def handler(event, context):\n"
        "    key = event['Records'][0]['s3']['object']['key']\n"
        "    raise MemoryError('thumbnail buffer too small for ' + key)\n"
    ),
}


class _Log:
    """Collects the story's lines: narration (``# ...``) and one numbered line per step."""

    def __init__(self, account: Account, echo: Callable[[str], None] | None) -> None:
        from .viz.replay import Snapshot

        self.account = account
        self.lines: list[str] = []
        self._snapshot = Snapshot(account.account_id, account.region)
        self._echo = echo

    def _emit(self, line: str) -> None:
        self.lines.append(line)
        if self._echo is not None:
            self._echo(line)

    def say(self, text: str) -> None:
        if self.lines:
            self._emit("")
        self._emit(f"# {text}")

    def steps(self) -> None:
        """Log every history event not logged yet, with its step number and caption."""
        for event in self.account.history[self._snapshot.step + 1 :]:
            self._snapshot.apply(event)
            self._emit(f"{self._snapshot.step + 1:3d}. {self._snapshot.caption}")


def story(echo: Callable[[str], None] | None = None) -> tuple[Account, list[str]]:
    """Play the story on a fresh seeded account; return it and the step log."""
    account = Account(seed=SEED)
    log = _Log(account, echo)
    prod = account.function_arn(FUNCTION, "PROD")

    log.say(
        f"{FUNCTION} makes thumbnails of uploaded photos. Version 1 goes live behind alias PROD."
    )
    account.create_function(FUNCTION, CODE["v1"], description="thumbnails of uploaded photos")
    account.publish_version(FUNCTION, description="128 px thumbnails")
    account.create_alias(FUNCTION, "PROD", "1", description="what the bucket invokes")
    log.steps()

    log.say("The photos bucket notifies the ALIAS ARN, never a version ARN: S3 may invoke PROD.")
    account.create_bucket(BUCKET)
    account.add_permission(
        FUNCTION,
        "s3-invoke-prod",
        "lambda:InvokeFunction",
        "s3.amazonaws.com",
        qualifier="PROD",
        source_arn=f"arn:aws:s3:::{BUCKET}",
        source_account=account.account_id,
    )
    account.put_bucket_notification_configuration(
        BUCKET,
        {
            "LambdaFunctionConfigurations": [
                {"Id": "thumbnails", "LambdaFunctionArn": prod, "Events": ["s3:ObjectCreated:*"]}
            ]
        },
    )
    account.put_object(BUCKET, "cat.jpg", b"cat")
    log.steps()

    log.say("Version 2 makes sharper thumbnails. Canary: PROD sends it 10% of the uploads.")
    account.update_function_code(FUNCTION, CODE["v2"])
    account.publish_version(FUNCTION, description="256 px webp thumbnails")
    account.update_alias(FUNCTION, "PROD", routing_config={"2": 0.1})
    for name in ("dog", "owl", "fox", "elk", "bee", "yak"):
        account.put_object(BUCKET, f"{name}.jpg", name.encode())
    log.steps()

    log.say("The canary is healthy: promote. One UpdateAlias call; the bucket is not touched.")
    account.update_alias(FUNCTION, "PROD", function_version="2", routing_config={})
    account.put_object(BUCKET, "emu.jpg", b"emu")
    log.steps()

    log.say("Version 3 goes straight to PROD, without a canary. It fails on every upload.")
    account.update_function_code(FUNCTION, CODE["v3"])
    account.publish_version(FUNCTION, description="smaller memory footprint")
    account.update_alias(FUNCTION, "PROD", function_version="3")
    account.put_object(BUCKET, "gnu.jpg", b"gnu")
    log.steps()

    log.say("Roll back: point PROD at version 2 again. Uploads work at once.")
    account.update_alias(FUNCTION, "PROD", function_version="2")
    account.put_object(BUCKET, "hen.jpg", b"hen")
    log.steps()
    return account, log.lines


@dataclass(frozen=True)
class DemoOutputs:
    """The files the demo wrote, and its step logs."""

    comparison: Path
    summary: Path
    page: Path
    story: Path
    log: tuple[str, ...]

    def __repr__(self) -> str:
        names = (self.comparison, self.summary, self.page, self.story)
        return f"DemoOutputs({', '.join(p.name for p in names)})"


def _page(comparison: str, summary: str, story_svg: str, lines: list[str]) -> str:
    steps = html.escape("\n".join(lines))
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        "<title>lambda-model demo: a version ARN or the PROD alias ARN</title></head>\n"
        "<body style='font-family: sans-serif; max-width: 1160px; margin: auto'>\n"
        "<h1>Wire the bucket to a version ARN, or to the PROD alias ARN?</h1>\n"
        f"{comparison}\n<h2>What each wiring cost</h2>\n{summary}\n"
        f"<h2>Promote and roll back through an alias</h2>\n{story_svg}\n"
        f"<h2>Step log</h2>\n<pre>{steps}</pre>\n</body></html>\n"
    )


def run(
    out_dir: str | Path = "demo-out",
    *,
    releases: int = 5,
    interval: float = 1.3,
    out: TextIO | None = None,
) -> DemoOutputs:
    """Tell the comparison on ``out`` (stdout by default), then write its animation (an SVG
    that plays in any browser, no script, no network), the summary picture with the
    counters, the alias story's animation, and a page with all three and the step logs."""
    out = sys.stdout if out is None else out

    def echo(line: str) -> None:
        print(line, file=out, flush=True)

    from .core.churn import run_churn
    from .viz import animate, compare, compare_summary, comparison_log

    echo("lambda-model demo: a bucket wired to a version ARN, or to the PROD alias ARN\n")
    report = run_churn(releases=releases)
    lines = comparison_log(report)
    for line in lines:
        echo(line)
    echo("")
    echo(report.table())
    echo("")
    echo("The same idea told as one story: promote and roll back through an alias\n")
    account, story_log = story(echo)

    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    paths = DemoOutputs(
        directory / "comparison.svg",
        directory / "summary.svg",
        directory / "demo.html",
        directory / "story.svg",
        tuple([*lines, "", *story_log]),
    )
    movie = compare(report, interval=interval)
    summary = compare_summary(report)
    story_movie = animate(
        account, title="Promote and roll back through an alias: the bucket is never edited"
    )
    movie.save(paths.comparison)
    summary.save(paths.summary)
    story_movie.save(paths.story)
    paths.page.write_text(
        _page(movie.svg, summary.svg, story_movie.svg, list(paths.log)), encoding="utf-8"
    )
    echo("")
    echo(f"wrote {paths.comparison}, {paths.summary}, {paths.story} and {paths.page}")
    return paths


def _command(args: argparse.Namespace) -> int:
    run(args.out, releases=args.releases)
    return 0


def register(subparsers) -> None:
    """Add the ``demo`` subcommand to ``python -m lambda_model``."""
    parser = subparsers.add_parser(
        "demo",
        help="compare a version-ARN wiring with an alias wiring, and write the animations",
        description=__doc__.splitlines()[0],
    )
    parser.add_argument(
        "--out",
        default="demo-out",
        help="directory for comparison.svg, summary.svg, story.svg and demo.html",
    )
    parser.add_argument(
        "--releases", type=int, default=5, help="releases before the rollback (default 5)"
    )
    parser.set_defaults(func=_command)
