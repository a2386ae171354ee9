"""Checks for ``00-start-here``: a warm-up that shows how every exercise works."""

from __future__ import annotations

from . import NotYet, call_answer, exercise, fresh_account


def greeter(event, context):
    """The function the warm-up starts from: it says which version ran."""
    return f"hello from version {context.function_version}"


@exercise("00-first-alias", answer="publish_and_alias")
def first_alias(publish_and_alias) -> str:
    """``publish_and_alias(account)`` publishes greeter's first version and aliases it LIVE."""
    account = fresh_account()
    account.create_function("greeter", greeter)
    call_answer(publish_and_alias, account)
    function = account.functions["greeter"]
    if not function.versions:
        raise NotYet('greeter has no published version: call account.publish_version("greeter").')
    live = function.aliases.get("LIVE")
    if live is None:
        aliases = sorted(function.aliases)
        found = f" (found {', '.join(aliases)})" if aliases else ""
        raise NotYet(
            f'greeter has no alias LIVE{found}: create it with account.create_alias("greeter", '
            '"LIVE", "1").'
        )
    if live.function_version != "1":
        raise NotYet(
            f"LIVE points at {live.function_version}, not at version 1. An alias on $LATEST "
            "follows every code change; point it at the published version instead."
        )
    result = account.invoke("greeter", qualifier="LIVE")
    return f"greeter:LIVE runs version {result.executed_version}: {result.payload!r}."
