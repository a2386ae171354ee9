"""Replaying an account's history through the real AWS CLI, and comparing two accounts.

``recording_packages()`` notes the code each function had when every ``FunctionCreated`` and
``FunctionCodeUpdated`` event was recorded (the events name the code only by its digest);
``replay(account)`` then runs ``cli_commands`` for each event through ``run_cli`` into a fresh
account, writing ``<function>.zip`` (with ``Code.to_zip``) just before the command that
uploads it (and an object's file before its ``put-object``), in the current directory, as
a learner would.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import json
import posixpath
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path

from lambda_model import Account
from lambda_model.aws import cli_command, run_cli
from lambda_model.core import events
from lambda_model.core.state import AccountState

#: id(event) -> (local file name, what it holds) for events whose command reads a file.
_FILES: dict[int, tuple[str, Callable[[], bytes]]] = {}
#: Every account that recorded an event while recording.
ACCOUNTS: list[Account] = []


@contextlib.contextmanager
def recording_packages() -> Iterator[list[Account]]:
    """Within the block, remember each uploaded package and every account that changed."""
    original = AccountState._record
    ACCOUNTS.clear()

    def record(self, event):
        original(self, event)
        if isinstance(event, events.FunctionCreated | events.FunctionCodeUpdated):
            latest = self.functions[event.function_name].latest
            package = functools.partial(latest.code.to_zip, handler=latest.handler)
            _FILES[id(event)] = (f"{event.function_name}.zip", package)
        elif isinstance(event, events.ObjectCreated) and event.copy_source is None:
            body = self.buckets[event.bucket].objects[event.key].body
            _FILES[id(event)] = (posixpath.basename(event.key), lambda: body)
        if not any(account is self for account in ACCOUNTS):
            ACCOUNTS.append(self)

    AccountState._record = record
    try:
        yield ACCOUNTS
    finally:
        AccountState._record = original


def sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def _sqs(replayed: Account, argv: list[str]) -> None:
    """SQS is not served to the CLI (the simulator has queues, not an SQS endpoint): its
    commands are applied through the core."""
    options = dict(zip(argv[3::2], argv[4::2], strict=True))
    if argv[2] == "create-queue":
        replayed.create_queue(options["--queue-name"])
    elif argv[2] == "send-message":
        replayed.send_message(options["--queue-url"], options["--message-body"])
    else:
        entries = json.loads(options["--entries"])
        replayed.send_messages(options["--queue-url"], [e["MessageBody"] for e in entries])


def replay(account: Account, replayed: Account | None = None) -> Account:
    """Run the CLI equivalent of every event of ``account`` into ``replayed``; every command
    must succeed. Returns ``replayed``."""
    replayed = Account(account.account_id, account.region) if replayed is None else replayed
    uuids: dict[str, str] = {}
    for event in account.history:
        local = _FILES.get(id(event))
        if local is not None:
            name, content = local
            Path(name).write_bytes(content())
        for command in cli_command(event, region=account.region).splitlines():
            for old, new in uuids.items():
                command = command.replace(old, new)
            argv = shlex.split(command)
            if argv[1] == "sqs":
                _sqs(replayed, argv)
                continue
            result = run_cli(replayed, command)
            assert result.ok, f"{result}"
            if isinstance(event, events.EventSourceMappingCreated):
                uuids[event.uuid] = result.json()["UUID"]
    return replayed


def snapshot(account: Account, *, packaged: bool) -> dict:
    """What the replay must rebuild: functions (versions with their code and configuration,
    aliases and routing, policies), buckets (objects, notification configurations), event
    source mappings. ``packaged``: compare code by the digest of its ``to_zip`` package (the
    original account), not its own digest (the replayed one, whose code came as ZIPs)."""

    def code(config) -> str:
        if not packaged:
            return config.code_sha256
        return sha256(config.code.to_zip(handler=config.handler))

    def version(v) -> tuple:
        return (
            v.version, code(v), v.description, v.runtime, v.handler, v.timeout, v.memory_size,
            dict(v.environment or {}),
        )  # fmt: skip

    return {
        "functions": {
            name: (
                [version(v) for v in f.versions.values()],
                version(f.latest),
                [a.to_dict() | {"RevisionId": ""} for a in f.sorted_aliases()],
                {q: p.json for q, p in f.policies.items()},
            )
            for name, f in account.functions.items()
        },
        "buckets": {
            name: (sorted(b.objects), b.notification.to_dict())
            for name, b in account.buckets.items()
        },
        "mappings": [
            (m.event_source_arn, m.function_arn, m.batch_size, m.enabled)
            for m in account.event_source_mappings.values()
        ],
    }
