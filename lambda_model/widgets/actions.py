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
>>> promote(account, "f", "PROD", "2")  # already there: no call, no event
AliasConfiguration(PROD -> 2)
>>> targets(account, "f", "PROD")
[Target(1), Target(2)]
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
    "canary_candidates",
    "previous_target",
    "promote",
    "publish_new_version",
    "roll_back",
    "set_canary",
    "targets",
]


@dataclass(frozen=True)
class Target:
    """Where an alias points: a primary version and any additional version's weight.

    Two targets are equal when both the primary and the weights are equal; the alias's
    description is not part of its target.
    """

    function_version: str
    weights: Mapping[str, float] = field(default_factory=dict)

    def __repr__(self) -> str:
        extra = "".join(f", {v} at {w:.0%}" for v, w in self.weights.items())
        return f"Target({self.function_version}{extra})"

    @classmethod
    def of(cls, alias: AliasConfiguration) -> Target:
        """The target of an alias configuration."""
        routing = alias.routing_config
        return cls(
            alias.function_version, dict(routing.additional_version_weights if routing else {})
        )


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

    The alias is created when it does not exist yet. Promoting an alias to the target it
    has already (``version`` with no canary) makes no call: nothing changes, nothing is
    recorded, and the alias is returned as it is.
    """
    try:
        current = account.get_alias(function_name, alias)
    except ResourceNotFoundException:
        return account.create_alias(function_name, alias, version)
    if Target.of(current) == Target(version):
        return current
    return account.update_alias(function_name, alias, function_version=version, routing_config={})


def targets(account: Account, function_name: str, alias: str) -> list[Target]:
    """The alias's committed targets, oldest first, with repeats folded.

    The sequence starts at the alias's latest creation (a deleted and re-created alias
    starts afresh) and takes the target after each of its updates; an update that left
    the target as it was (a description change, or an update to the same target made
    outside the console) adds nothing, so no two neighbours are equal. Empty when the
    alias does not exist.
    """
    sequence: list[Target] = []
    for event in account.history:
        if getattr(event, "function_name", None) != function_name:
            continue
        if getattr(event, "name", None) != alias:
            continue
        if isinstance(event, AliasCreated):
            sequence = [Target(event.function_version, dict(event.weights or {}))]
        elif isinstance(event, AliasDeleted):
            sequence = []
        elif isinstance(event, AliasUpdated):
            target = Target(event.function_version, dict(event.weights or {}))
            if not sequence or sequence[-1] != target:
                sequence.append(target)
    return sequence


def previous_target(account: Account, function_name: str, alias: str) -> Target | None:
    """Where Roll back takes ``alias``: the last target it had that differs from its present one.

    Precisely: with ``T0, T1, ..., Tn`` the alias's sequence of distinct committed targets
    (see :func:`targets`; ``Tn`` is the present one), the previous target is ``T(n-1)``.
    Neighbours in that sequence always differ, so rolling back always moves the alias,
    and a Promote to the present target (which records nothing) never becomes a step to
    go back to. ``None`` when the alias has had only one target since it was created.
    """
    sequence = targets(account, function_name, alias)
    return sequence[-2] if len(sequence) >= 2 else None


def roll_back(account: Account, function_name: str, alias: str) -> AliasConfiguration:
    """Point ``alias`` back at its previous different target (primary and weights).

    The rollback is itself an update, so it extends the sequence of targets: rolling back
    twice returns to where the first rollback started, like an undo that is itself
    recorded. Raises :class:`RollbackUnavailable` when the alias has had only one target.
    """
    account.get_alias(function_name, alias)
    target = previous_target(account, function_name, alias)
    if target is None:
        raise RollbackUnavailable(f"{alias} has had no other target since it was created")
    return account.update_alias(
        function_name,
        alias,
        function_version=target.function_version,
        routing_config=dict(target.weights),
    )


def canary_candidates(account: Account, function_name: str, alias: str) -> list[str]:
    """The versions that can take a canary share of ``alias``'s traffic, newest first.

    Every published version except the alias's primary; none when the alias does not
    exist or points to ``$LATEST`` (weighted routing needs a numbered primary).
    """
    function = account.functions.get(function_name)
    current = function.aliases.get(alias) if function else None
    if current is None or not current.function_version.isdigit():
        return []
    return [
        str(number)
        for number in sorted(function.versions, reverse=True)
        if str(number) != current.function_version
    ]


def set_canary(
    account: Account, function_name: str, alias: str, version: str, percent: int
) -> AliasConfiguration:
    """Send ``percent`` % of ``alias``'s traffic to the additional ``version`` (0 clears it).

    The routing rules are the simulator's: one additional version, a numbered primary,
    not the primary itself, same execution role. A weight the alias has already makes no
    call (nothing changes, nothing is recorded).
    """
    routing = {version: percent / 100} if percent else {}
    current = account.get_alias(function_name, alias)
    if Target.of(current) == Target(current.function_version, routing):
        return current
    return account.update_alias(function_name, alias, routing_config=routing)


class ConsoleError(LambdaModelError):
    """A request the console cannot make (a condition of the console, not an AWS error)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RollbackUnavailable(ConsoleError):
    """The alias has had no other target since it was created."""
