"""Checks for ``04-promote-and-rollback``: promote along a pipeline, roll back from the
pipeline's release record (the simulator's history checks what really happened).

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

from ..course import Release, release
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


def _moves_of(account, alias: str, since: int) -> list[AliasUpdated]:
    """The real moves of FUNCTION's ``alias`` in ``account.history`` after event ``since``."""
    return [
        event
        for event in list(account.history)[since:]
        if isinstance(event, AliasUpdated)
        and (event.function_name, event.name) == (FUNCTION, alias)
        and event.previous_version != event.function_version
    ]


def _rollback_step(
    account, rollback, releases: list, alias: str, wanted: str, reasons: dict[str, str]
) -> None:
    """Roll ``alias`` back; explain a wrong result with ``reasons`` (by version reached). The
    simulator's history checks what happened; the release record must say it too."""
    before = _pointers(account, FUNCTION)
    others = _pointers(account, "thumbnailer")
    since = len(account.history)
    recorded = len(releases)
    call_answer(rollback, account, FUNCTION, alias, releases)
    after = _pointers(account, FUNCTION)
    reached = after.get(alias)
    if reached != wanted:
        reason = reasons.get(
            reached,
            f"the last release of {FUNCTION}'s {alias} in the release record has "
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
    moves = _moves_of(account, alias, since)
    if len(moves) != 1:
        path = " -> ".join([moves[0].previous_version, *(m.function_version for m in moves)])
        raise NotYet(
            f"{alias} moved {len(moves)} times ({path}): a rollback is one UpdateAlias, "
            "straight back to the previous version."
        )
    new = releases[recorded:]
    if [(r.function_name, r.alias, r.previous_version, r.version) for r in new] != [
        (FUNCTION, alias, before[alias], wanted)
    ]:
        raise NotYet(
            f"{alias} is back on version {wanted}, but the release record does not say so: "
            "move the alias with release(account, function_name, alias_name, version, "
            "releases), so that the record stays true for the next rollback."
        )


@exercise("04-rollback", answer="rollback")
def check_rollback(rollback) -> str:
    """``rollback(account, function_name, alias_name, releases)`` points the alias back where
    it was before its last release, as the pipeline's release record says, and records it."""
    account = fresh_account()
    publish_versions(account, FUNCTION, 5)
    publish_versions(account, "thumbnailer", 5)
    account.create_alias(FUNCTION, "PROD", "1")
    account.create_alias(FUNCTION, "BETA", "1")
    account.create_alias(FUNCTION, "DEV", "5")
    account.create_alias("thumbnailer", "PROD", "5")
    releases: list[Release] = []
    for name, alias, version in (
        (FUNCTION, "PROD", "2"),
        (FUNCTION, "BETA", "3"),  # version 3 failed in BETA ...
        (FUNCTION, "BETA", "4"),
        (FUNCTION, "PROD", "4"),  # ... so PROD went from 2 straight to 4
        (FUNCTION, "BETA", "4"),  # a re-run: recorded, but not a move
        ("thumbnailer", "PROD", "1"),  # the last release of all, on another function
    ):
        release(account, name, alias, version, releases)
    _rollback_step(
        account,
        rollback,
        releases,
        "PROD",
        "2",
        {
            "4": "PROD has not moved.",
            "3": (
                "3 is the number below 4, but PROD never pointed at 3 (it went from 2 "
                "straight to 4). Read the previous version from the release record."
            ),
            "1": "1 is where PROD started; its last release moved it from 2 to 4.",
            "5": (
                "5 is where thumbnailer's PROD pointed before its last release: keep only the "
                f"releases whose function_name is the function you were given ({FUNCTION})."
            ),
        },
    )
    _rollback_step(
        account,
        rollback,
        releases,
        "BETA",
        "3",
        {
            "4": (
                "BETA's last release went from 4 to 4 (a re-run: the alias did not move); "
                "skip releases whose previous_version equals version."
            ),
            "1": "1 is where BETA started; its last move was from 3 to 4.",
        },
    )
    return (
        f"{FUNCTION}:PROD went back from 4 to 2 (not 3, which it never ran), and BETA from 4 "
        "to 3, one UpdateAlias each, both written in the release record; nothing else moved."
    )
