"""Checks for ``08-release-drill``: a release that canaries behind an alarm, then promotes or
rolls back by itself.

Examples
--------
>>> from lambda_model.exercises import check
>>> def safe_release(account, handler):
...     account.update_function_code("thumbnailer", handler)
...     version = account.publish_version("thumbnailer")
...     account.update_alias("thumbnailer", "PROD", function_version=version.version)
>>> print(check("08-safe-release", safe_release).message)
PROD jumped straight to version 2 with all its traffic: that is a release without a canary. \
Deploy it with lambda_model.deploy.Deployment and a canary configuration.
"""

from __future__ import annotations

from lambda_model.core.events import AliasUpdated
from lambda_model.deploy import Deployment, failing, healthy

from . import NotYet, call_answer, exercise, fresh_account

#: The two releases the check hands to ``safe_release``: (what it is, handler, is it broken).
RELEASES = (
    ("a healthy release", healthy("v2"), False),
    ("a release that fails 30% of its requests", failing(0.30, "v2", seed=8), True),
)


def _drill(answer, handler):
    """A fresh account with thumbnailer version 1 behind PROD; run the answer on it."""
    account = fresh_account()
    account.create_function("thumbnailer", healthy("v1"), publish=True)
    account.create_alias("thumbnailer", "PROD", "1")
    returned = call_answer(answer, account, handler)
    return account, returned


def _alias_moves(account) -> list[AliasUpdated]:
    return [e for e in account.history if isinstance(e, AliasUpdated) and e.name == "PROD"]


def _why_not_caught(account, returned) -> str:
    """The likeliest reason a broken release reached 100%."""
    if isinstance(returned, Deployment):
        if not returned.alarms:
            return " Your Deployment has no alarm: give it alarms=[Alarm(...)]."
        if returned.traffic is None:
            return (
                " No request went through PROD during the canary, so the alarm had no data: "
                "give the Deployment traffic=Traffic(rate=10)."
            )
        watched = ", ".join(repr(alarm) for alarm in returned.alarms)
        return (
            f" Your alarms ({watched}) never entered ALARM: watch the new version's ErrorRate, "
            "with a threshold well under 30%."
        )
    return (
        " Was there an alarm on the new version's error rate, and traffic for it to measure? "
        "(Return the Deployment and this check can tell you more.)"
    )


@exercise("08-safe-release", answer="safe_release")
def safe_release(answer) -> str:
    """``safe_release(account, handler)``: publish ``handler`` as a new version of thumbnailer
    and deploy it to PROD as a canary behind an alarm, which promotes it or rolls it back."""
    outcomes = []
    for what, handler, broken in RELEASES:
        account, returned = _drill(answer, handler)
        function = account.functions["thumbnailer"]
        if len(function.versions) < 2:
            raise NotYet(
                f"With {what}, thumbnailer still has only version 1: update its code with the "
                "handler, then publish a version."
            )
        new = str(max(function.versions))
        if function.versions[int(new)].code_sha256 == function.versions[1].code_sha256:
            raise NotYet(f"Version {new} has version 1's code: update $LATEST with the handler.")
        moves = _alias_moves(account)
        if not moves and isinstance(returned, Deployment) and not returned.finished:
            raise NotYet(
                f"Your deployment is {returned.status}, and nothing happens until the simulated "
                "clock moves: call its run()."
            )
        if not moves:
            raise NotYet(f"With {what}, PROD never moved: deploy version {new} to it.")
        first = moves[0]
        if not first.weights or first.weights.get(new, 0) >= 1:
            raise NotYet(
                f"PROD jumped straight to version {new} with all its traffic: that is a release "
                "without a canary. Deploy it with lambda_model.deploy.Deployment and a canary "
                "configuration."
            )
        alias = account.get_alias("thumbnailer", "PROD")
        if alias.routing_config:
            raise NotYet(
                f"With {what}, PROD is still splitting its traffic ({alias.target_text()}): "
                "call the deployment's run(), which moves the clock until it ends."
            )
        if broken and alias.function_version != "1":
            raise NotYet(
                f"With {what}, PROD ended on version {alias.function_version}: the broken "
                "release was not rolled back." + _why_not_caught(account, returned)
            )
        if not broken and alias.function_version != new:
            why = ""
            if isinstance(returned, Deployment) and returned.error_message:
                why = f" The deployment failed: {returned.error_message}."
            raise NotYet(
                f"With {what}, PROD ended on version {alias.function_version}, not on the "
                f"new version {new}.{why} A healthy release must reach 100%."
            )
        outcomes.append(alias.function_version)
    return (
        f"The healthy release went through a canary to PROD -> {outcomes[0]}; the broken one "
        f"was rolled back to PROD -> {outcomes[1]} by the alarm."
    )
