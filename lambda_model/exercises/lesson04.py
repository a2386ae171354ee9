"""Checks for ``04-promote-and-rollback``: promote along a pipeline, roll back from the history.

Examples
--------
>>> from lambda_model.exercises import check
>>> def promote(account, function_name, from_alias, to_alias):
...     account.update_alias(function_name, to_alias, function_version="1")
>>> print(check("04-promote", promote).message)  # doctest: +NORMALIZE_WHITESPACE
BETA points at version 1, but DEV points at version 3: read from_alias's version with
account.get_alias(function_name, from_alias).function_version.
"""

from __future__ import annotations

from lambda_model import AliasUpdated, ResourceNotFoundException

from . import NotYet, call_answer, exercise, fresh_account, publish_versions

FUNCTION = "resizer"


def _pointers(account, name: str) -> dict[str, str]:
    return {alias.name: alias.function_version for alias in account.list_aliases(name)}


def _has_policy(account, name: str, qualifier: str) -> bool:
    try:
        account.get_policy(name, qualifier=qualifier)
    except ResourceNotFoundException:
        return False
    return True


# --- 04-promote ---------------------------------------------------------------------------


def _promote_step(account, promote, from_alias: str, to_alias: str) -> None:
    """Run one promotion and explain what is wrong with its result, if anything."""
    before = _pointers(account, FUNCTION)
    versions = len(account.list_versions_by_function(FUNCTION))
    call_answer(promote, account, FUNCTION, from_alias, to_alias)
    after = _pointers(account, FUNCTION)
    if len(account.list_versions_by_function(FUNCTION)) != versions:
        raise NotYet(
            "your function published a version: promoting moves an alias to a version that "
            "already exists, it publishes nothing."
        )
    if to_alias not in after:
        raise NotYet(f"{FUNCTION} has no alias {to_alias} any more: move it with update_alias.")
    wanted = before[from_alias]
    if after[to_alias] != wanted:
        if after[to_alias] == before[to_alias]:
            raise NotYet(
                f"{to_alias} still points at version {after[to_alias]}: promoting "
                f"{from_alias} to {to_alias} should move {to_alias} to version {wanted}, the "
                f"one {from_alias} points at."
            )
        raise NotYet(
            f"{to_alias} points at version {after[to_alias]}, but {from_alias} points at "
            f"version {wanted}: read from_alias's version with "
            "account.get_alias(function_name, from_alias).function_version."
        )
    for alias, version in sorted(before.items()):
        if alias != to_alias and after.get(alias) != version:
            raise NotYet(
                f"{alias} moved from version {version} to {after.get(alias)}: promoting "
                f"{from_alias} to {to_alias} moves {to_alias} only."
            )
    if not _has_policy(account, FUNCTION, to_alias):
        raise NotYet(
            f"{to_alias} lost its permission: deleting an alias deletes its resource-based "
            "policy, and creating it again does not bring the policy back. Move the alias "
            "with account.update_alias(function_name, to_alias, function_version=...)."
        )


@exercise("04-promote", answer="promote")
def check_promote(promote) -> str:
    """``promote(account, function_name, from_alias, to_alias)`` moves to_alias to
    from_alias's version, with one UpdateAlias, and nothing else."""
    account = fresh_account()
    publish_versions(account, FUNCTION, 3)
    for alias, version in (("DEV", "3"), ("BETA", "2"), ("PROD", "1")):
        account.create_alias(FUNCTION, alias, version)
        account.add_permission(
            FUNCTION,
            "s3",
            "lambda:InvokeFunction",
            "s3.amazonaws.com",
            qualifier=alias,
            source_arn=f"arn:aws:s3:::photos-{alias.lower()}",
        )
    _promote_step(account, promote, "DEV", "BETA")
    _promote_step(account, promote, "BETA", "PROD")
    ran = account.invoke(FUNCTION, qualifier="PROD").executed_version
    return (
        f"DEV -> BETA, then BETA -> PROD: {FUNCTION}:PROD now runs version {ran}, each alias "
        "kept its permission, and no other alias moved."
    )


# --- 04-rollback --------------------------------------------------------------------------


def _rollback_step(account, rollback, alias: str, wanted: str, reasons: dict[str, str]) -> None:
    """Roll ``alias`` back and explain a wrong result with ``reasons`` (by version reached)."""
    before = _pointers(account, FUNCTION)
    others = _pointers(account, "thumbnailer")
    call_answer(rollback, account, FUNCTION, alias)
    after = _pointers(account, FUNCTION)
    reached = after.get(alias)
    if reached != wanted:
        reason = reasons.get(
            reached,
            f"the last AliasUpdated event of {FUNCTION}'s {alias} in account.history has "
            f"previous_version {wanted}.",
        )
        raise NotYet(f"{alias} points at version {reached}, not {wanted}: {reason}")
    for name, version in sorted(before.items()):
        if name != alias and after.get(name) != version:
            raise NotYet(
                f"{name} moved from {version} to {after.get(name)}: roll back {alias} only."
            )
    if _pointers(account, "thumbnailer") != others:
        raise NotYet(
            "an alias of the function thumbnailer moved: roll back the alias of function_name only."
        )


@exercise("04-rollback", answer="rollback")
def check_rollback(rollback) -> str:
    """``rollback(account, function_name, alias_name)`` points the alias back where it was
    before its last move, as the history records it."""
    account = fresh_account()
    publish_versions(account, FUNCTION, 5)
    publish_versions(account, "thumbnailer", 5)
    account.create_alias(FUNCTION, "PROD", "1")
    account.create_alias(FUNCTION, "BETA", "1")
    account.create_alias(FUNCTION, "DEV", "5")
    account.create_alias("thumbnailer", "PROD", "5")
    for name, alias, version in (
        (FUNCTION, "PROD", "2"),
        (FUNCTION, "BETA", "3"),  # version 3 failed in BETA ...
        (FUNCTION, "BETA", "4"),
        (FUNCTION, "PROD", "4"),  # ... so PROD went from 2 straight to 4
        (FUNCTION, "BETA", "4"),  # a move to where it already was: not a move
        ("thumbnailer", "PROD", "1"),  # the last AliasUpdated of all, on another function
    ):
        account.update_alias(name, alias, function_version=version)
    moves = [
        e
        for e in account.history
        if isinstance(e, AliasUpdated) and (e.function_name, e.name) == (FUNCTION, "PROD")
    ]
    assert moves[-1].previous_version == "2"
    _rollback_step(
        account,
        rollback,
        "PROD",
        "2",
        {
            "4": "PROD has not moved.",
            "3": (
                "3 is the number below 4, but PROD never pointed at 3 (it went from 2 "
                "straight to 4). Read the previous version from the history's AliasUpdated "
                "events."
            ),
            "1": "1 is where PROD started; its last move was from 2 to 4.",
            "5": (
                "5 is where thumbnailer's PROD pointed before its last move: keep only the "
                f"events whose function_name is the function you were given ({FUNCTION})."
            ),
        },
    )
    _rollback_step(
        account,
        rollback,
        "BETA",
        "3",
        {
            "4": (
                "BETA's last AliasUpdated event went from 4 to 4 (the alias did not move); "
                "skip events whose previous_version equals function_version."
            ),
            "1": "1 is where BETA started; its last move was from 3 to 4.",
        },
    )
    return (
        f"{FUNCTION}:PROD went back from 4 to 2 (not 3, which it never ran), and BETA from 4 "
        "to 3; nothing else moved."
    )
