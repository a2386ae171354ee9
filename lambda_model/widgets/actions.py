"""What the console's buttons do, as plain calls on an ``Account`` (no widgets here).

Each action is one or two ordinary API calls, so a learner can read here what a click
does and type the same calls against AWS. Errors are the simulator's own
(:class:`~lambda_model.ServiceError` subclasses); the console turns them into messages.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "ok", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> publish_new_version(account, "f").version
'2'
>>> promote(account, "f", "PROD", "2")
AliasConfiguration(PROD -> 2)
>>> previous_target(account, "f", "PROD")
Target(1)
>>> roll_back(account, "f", "PROD")
AliasConfiguration(PROD -> 1)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..core import (
    Account,
    AliasConfiguration,
    AliasCreated,
    AliasDeleted,
    AliasUpdated,
    FunctionConfiguration,
    LambdaModelError,
    ResourceNotFoundException,
)

__all__ = [
    "ConsoleError",
    "RollbackUnavailable",
    "Target",
    "previous_target",
    "promote",
    "publish_new_version",
    "roll_back",
    "set_canary",
]


@dataclass(frozen=True)
class Target:
    """Where an alias points: a primary version and any additional version's weight."""

    function_version: str
    weights: Mapping[str, float] = field(default_factory=dict)

    def __repr__(self) -> str:
        extra = "".join(f", {v} at {w:.0%}" for v, w in self.weights.items())
        return f"Target({self.function_version}{extra})"


def publish_new_version(account: Account, function_name: str) -> FunctionConfiguration:
    """Edit ``$LATEST``'s description to ``release N`` and publish it as version N.

    The edit is what makes this version differ from the previous one: without a change
    since the last publish, PublishVersion would return the existing version.
    """
    function = account.functions.get(function_name)
    description = f"release {function.next_version if function else 1}"
    account.update_function_configuration(function_name, description=description)
    return account.publish_version(function_name, description=description)


def promote(account: Account, function_name: str, alias: str, version: str) -> AliasConfiguration:
    """Point ``alias`` at ``version`` with all of its traffic (any canary weight cleared).

    The alias is created when it does not exist yet.
    """
    try:
        account.get_alias(function_name, alias)
    except ResourceNotFoundException:
        return account.create_alias(function_name, alias, version)
    return account.update_alias(function_name, alias, function_version=version, routing_config={})


def previous_target(account: Account, function_name: str, alias: str) -> Target | None:
    """Where ``alias`` pointed before its last update, read from the account's history.

    ``None`` when the alias has not moved since it was created (nothing to roll back to).
    """
    for event in reversed(account.history):
        if getattr(event, "function_name", None) != function_name:
            continue
        if getattr(event, "name", None) != alias:
            continue
        if isinstance(event, AliasUpdated):
            return Target(event.previous_version, dict(event.previous_weights or {}))
        if isinstance(event, AliasCreated | AliasDeleted):
            return None
    return None


def roll_back(account: Account, function_name: str, alias: str) -> AliasConfiguration:
    """Point ``alias`` back where it was before its last update (primary and weights).

    Rolling back twice returns to where the first rollback started, like an undo that
    is itself recorded. Raises :class:`RollbackUnavailable` when the alias never moved.
    """
    account.get_alias(function_name, alias)
    target = previous_target(account, function_name, alias)
    if target is None:
        raise RollbackUnavailable(f"{alias} has not moved since it was created")
    return account.update_alias(
        function_name,
        alias,
        function_version=target.function_version,
        routing_config=dict(target.weights),
    )


def set_canary(
    account: Account, function_name: str, alias: str, version: str, percent: int
) -> AliasConfiguration:
    """Send ``percent`` % of ``alias``'s traffic to the additional ``version`` (0 clears it).

    The routing rules are the simulator's: one additional version, a numbered primary,
    not the primary itself, same execution role.
    """
    routing = {version: percent / 100} if percent else {}
    return account.update_alias(function_name, alias, routing_config=routing)


class ConsoleError(LambdaModelError):
    """A request the console cannot make (a condition of the console, not an AWS error)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RollbackUnavailable(ConsoleError):
    """The alias has no earlier target in the history."""
