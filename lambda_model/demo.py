"""``python -m lambda_model demo``: promotion and rollback through an alias, told and drawn.

The story: create a function, publish version 1, point alias ``PROD`` at it, wire a bucket
to ``PROD``, publish version 2, send it 10% of ``PROD``'s traffic (a canary), promote it,
publish a bad version 3, roll back. Every upload says which version handled it. The step log
is deterministic (a seeded account, a simulated clock), so it is the same on every run.

Then it writes into ``--out`` (default ``./demo-out``): ``story.html`` (the animation, which
plays in any browser without Python), ``story.gif`` and ``final.png``.

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
    """The files the demo wrote, and its step log."""

    html: Path
    gif: Path
    png: Path
    log: tuple[str, ...]

    def __repr__(self) -> str:
        return f"DemoOutputs({self.html.name}, {self.gif.name}, {self.png.name})"


def _progress(label: str, out: TextIO) -> Callable[[int, int], None]:
    """Print ``rendering story.gif: 5/24 10/24 ... 24/24`` as the frames are drawn."""
    seen: set[int] = set()

    def report(i: int, n: int) -> None:
        if i in seen:
            return
        if not seen:
            print(f"rendering {label} ({n} frames):", end="", file=out, flush=True)
        seen.add(i)
        if (i + 1) % 5 == 0 or i + 1 == n:
            print(f" {i + 1}/{n}", end="\n" if i + 1 == n else "", file=out, flush=True)

    return report


def _page(animation_html: str, log: list[str]) -> str:
    steps = html.escape("\n".join(log))
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        "<title>lambda-model demo: promote and roll back through an alias</title></head>\n"
        "<body style='font-family: sans-serif; max-width: 1000px; margin: auto'>\n"
        "<h1>Promote and roll back through an alias</h1>\n"
        f"{animation_html}\n<h2>Step log</h2>\n<pre>{steps}</pre>\n</body></html>\n"
    )


def run(
    out_dir: str | Path = "demo-out",
    *,
    dpi: float = 100,
    interval: int = 1500,
    out: TextIO | None = None,
) -> DemoOutputs:
    """Tell the story on ``out`` (stdout by default), then write the animation and picture."""
    out = sys.stdout if out is None else out

    def echo(line: str) -> None:
        print(line, file=out, flush=True)

    echo("lambda-model demo: promote and roll back through an alias\n")
    account, log = story(echo)

    from matplotlib.animation import PillowWriter

    from .viz import animate, draw

    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    paths = DemoOutputs(
        directory / "story.html", directory / "story.gif", directory / "final.png", tuple(log)
    )
    echo("")
    anim = animate(account, interval=interval, dpi=dpi, on_frame=_progress(paths.html.name, out))
    paths.html.write_text(_page(anim.to_jshtml(), log), encoding="utf-8")
    anim.save(
        paths.gif,
        writer=PillowWriter(fps=1000 / interval),
        dpi=dpi,
        progress_callback=_progress(paths.gif.name, out),
    )
    draw(account, dpi=dpi).savefig(paths.png, dpi=dpi)
    echo(f"wrote {paths.html}, {paths.gif} and {paths.png}")
    return paths


def _command(args: argparse.Namespace) -> int:
    import matplotlib

    matplotlib.use("Agg")  # a command line never opens a window
    run(args.out, dpi=args.dpi)
    return 0


def register(subparsers) -> None:
    """Add the ``demo`` subcommand to ``python -m lambda_model``."""
    parser = subparsers.add_parser(
        "demo",
        help="tell the promotion and rollback story and write its animation",
        description=__doc__.splitlines()[0],
    )
    parser.add_argument(
        "--out", default="demo-out", help="directory for story.html, story.gif, final.png"
    )
    parser.add_argument("--dpi", type=float, default=100, help="resolution of the pictures")
    parser.set_defaults(func=_command)
