"""History events: one frozen record per successful mutation, appended to ``account.history``.

Each event carries the simulated ``time`` and what the call did, enough to replay the
account's pointers at any earlier step (the views do) and to write the equivalent AWS CLI
command (the adapters do). ``str(event)`` is a one-line caption.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", "def handler(e, c):\\n    return 1\\n", publish=True)
>>> [str(e) for e in account.history]
['create function f', 'publish f version 1']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = [
    "AliasCreated",
    "AliasDeleted",
    "AliasUpdated",
    "Event",
    "FunctionCodeUpdated",
    "FunctionConfigurationUpdated",
    "FunctionCreated",
    "FunctionDeleted",
    "VersionDeleted",
    "VersionPublished",
]


def _weights_text(version: str, weights: Mapping[str, float] | None) -> str:
    if not weights:
        return version
    extra = sum(weights.values())
    parts = [f"{version} ({1 - extra:.0%})"] + [f"{v} ({w:.0%})" for v, w in weights.items()]
    return " + ".join(parts)


@dataclass(frozen=True, slots=True)
class Event:
    """Base of every history event."""

    time: float = field(repr=False)


@dataclass(frozen=True, slots=True)
class FunctionCreated(Event):
    function_name: str
    runtime: str
    handler: str
    role: str
    description: str = ""

    def __str__(self) -> str:
        return f"create function {self.function_name}"


@dataclass(frozen=True, slots=True)
class FunctionCodeUpdated(Event):
    function_name: str
    code_sha256: str

    def __str__(self) -> str:
        return f"update {self.function_name} code ({self.code_sha256[:8]}…)"


@dataclass(frozen=True, slots=True)
class FunctionConfigurationUpdated(Event):
    function_name: str
    changes: Mapping[str, object]

    def __str__(self) -> str:
        keys = ", ".join(sorted(self.changes))
        return f"update {self.function_name} configuration ({keys})"


@dataclass(frozen=True, slots=True)
class FunctionDeleted(Event):
    function_name: str

    def __str__(self) -> str:
        return f"delete function {self.function_name}"


@dataclass(frozen=True, slots=True)
class VersionPublished(Event):
    function_name: str
    version: str
    description: str = ""

    def __str__(self) -> str:
        return f"publish {self.function_name} version {self.version}"


@dataclass(frozen=True, slots=True)
class VersionDeleted(Event):
    function_name: str
    version: str

    def __str__(self) -> str:
        return f"delete {self.function_name} version {self.version}"


@dataclass(frozen=True, slots=True)
class AliasCreated(Event):
    function_name: str
    name: str
    function_version: str
    weights: Mapping[str, float] | None = None
    description: str = ""

    def __str__(self) -> str:
        return f"alias {self.name} -> {_weights_text(self.function_version, self.weights)}"


@dataclass(frozen=True, slots=True)
class AliasUpdated(Event):
    """An alias moved (or its routing or description changed). ``previous_*`` is where it was."""

    function_name: str
    name: str
    function_version: str
    weights: Mapping[str, float] | None
    previous_version: str
    previous_weights: Mapping[str, float] | None
    description: str | None = None

    def __str__(self) -> str:
        before = _weights_text(self.previous_version, self.previous_weights)
        after = _weights_text(self.function_version, self.weights)
        return f"{self.name}: {before} -> {after}"


@dataclass(frozen=True, slots=True)
class AliasDeleted(Event):
    function_name: str
    name: str

    def __str__(self) -> str:
        return f"delete alias {self.name}"
