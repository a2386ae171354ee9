"""Checks for ``05-weighted-aliases``: start a canary on an alias, and finish one.

Examples
--------
>>> from lambda_model.exercises import check
>>> def start_canary(account, function_name, alias_name, new_version, weight):
...     account.update_alias(function_name, alias_name, function_version=new_version)
>>> print(check("05-start-canary", start_canary).message)  # doctest: +ELLIPSIS
live now points at version 2 for all of its traffic: that is a full release, not a canary...
"""

from __future__ import annotations

from lambda_model import InvalidParameterValueException

from . import NotYet, call_answer, exercise, fresh_account


def _checkout(versions: int, alias_version: str, routing: dict | None = None):
    """A fresh account: ``checkout`` with ``versions`` versions and alias ``live``."""
    account = fresh_account()
    for number in range(1, versions + 1):
        source = f'def handler(event, context):\n    return "checkout release {number}"\n'
        if number == 1:
            account.create_function("checkout", source, publish=True)
        else:
            account.update_function_code("checkout", source, publish=True)
    account.create_alias("checkout", "live", alias_version, routing_config=routing)
    return account


def _shares(alias) -> str:
    return alias.target_text() if alias.routing_config else f"{alias.function_version} (100%)"


def _check_start(answer, versions: int, primary: str, new: str, weight: float) -> None:
    account = _checkout(versions, primary)
    call_answer(answer, account, "checkout", "live", new, weight)
    alias = account.functions["checkout"].aliases["live"]
    extra = dict(alias.routing_config.additional_version_weights) if alias.routing_config else {}
    if alias.function_version == new and not extra:
        raise NotYet(
            f"live now points at version {new} for all of its traffic: that is a full "
            "release, not a canary. Keep function_version as it is and send the new version "
            "its share with routing_config={new_version: weight}."
        )
    if alias.function_version != primary:
        raise NotYet(
            f"live's primary version is now {alias.function_version}; during a canary it must "
            f"stay {primary}, the version that serves most of the traffic."
        )
    if not extra:
        raise NotYet(
            f"live still sends everything to version {primary}: give it "
            f"routing_config={{'{new}': {weight}}}."
        )
    if new not in extra:
        raise NotYet(f"live routes to {sorted(extra)}, not to the new version {new}.")
    if abs(extra[new] - weight) > 1e-9:
        hint = (
            " The weight is the share of the ADDITIONAL version; the primary gets the rest."
            if abs(extra[new] - (1 - weight)) < 1e-9
            else ""
        )
        raise NotYet(
            f"live sends {extra[new]:.0%} to version {new}, not {weight:.0%}.{hint}"
            f" live is now {_shares(alias)}."
        )


@exercise("05-start-canary", answer="start_canary")
def start_canary(answer) -> str:
    """``start_canary(account, function_name, alias_name, new_version, weight)`` keeps the
    alias on its version and sends ``weight`` of its traffic to ``new_version``."""
    _check_start(answer, versions=2, primary="1", new="2", weight=0.1)
    _check_start(answer, versions=4, primary="3", new="4", weight=0.25)
    return (
        "live kept its version and sent 10% to version 2; in a second account, 3 (75%) + "
        "4 (25%). The callers of live changed nothing."
    )


def _check_finish(answer, versions: int, primary: str, new: str, weight: float) -> None:
    account = _checkout(versions, primary, {new: weight})
    try:
        call_answer(answer, account, "checkout", "live")
    except NotYet as reason:
        error = reason.__cause__
        if isinstance(error, InvalidParameterValueException) and "already included" in str(error):
            raise NotYet(
                f"{reason} Moving live to version {new} while its weights still send traffic "
                f"to {new} is refused: pass function_version='{new}' and routing_config={{}} "
                "in the same update_alias call."
            ) from error
        raise
    alias = account.functions["checkout"].aliases["live"]
    if alias.function_version == primary and alias.routing_config:
        shares = alias.routing_config.additional_version_weights
        if shares.get(new) == 1.0:
            raise NotYet(
                f"live sends 100% to version {new}, but its FunctionVersion is still "
                f"{primary}: ListAliases(FunctionVersion='{new}') will not find it, and "
                f"version {primary} cannot be deleted while live still names it. Set "
                f"function_version='{new}' and clear the weights."
            )
        raise NotYet(
            f"live is still a canary: {_shares(alias)}. Move it to version {new} and clear "
            "its weights, in one update_alias call."
        )
    if alias.function_version == primary:
        raise NotYet(
            f"You cleared the weights but left live on version {primary}: that is a rollback, "
            f"not a promotion. Move it to version {new} as well."
        )
    if alias.function_version != new:
        raise NotYet(
            f"live points at version {alias.function_version}, not at the canary's version "
            f"{new}. Read the new version from the alias's routing_config instead of writing it."
        )
    if alias.routing_config:
        raise NotYet(f"live points at {new} but still routes: {_shares(alias)}.")


@exercise("05-finish-canary", answer="finish_canary")
def finish_canary(answer) -> str:
    """``finish_canary(account, function_name, alias_name)`` moves the alias to the version
    its routing sends traffic to, and clears the weights, in one call."""
    _check_finish(answer, versions=2, primary="1", new="2", weight=0.5)
    _check_finish(answer, versions=5, primary="4", new="5", weight=0.1)
    return (
        "live went from 1 (50%) + 2 (50%) to 2, and in a second account from 4 (90%) + "
        "5 (10%) to 5, each with its weights cleared."
    )
