"""Checks for ``02-versions``: publish only what changed, and publish only what you tested.

Examples
--------
>>> from lambda_model.exercises import check
>>> def publish_if_changed(account, function_name, source):
...     account.update_function_code(function_name, source)
...     return account.publish_version(function_name).version
>>> print(check("02-publish-if-changed", publish_if_changed).message)  # doctest: +ELLIPSIS
Given the code of version 1 again, your function published version 2, a copy of version 1...
"""

from __future__ import annotations

import base64
import hashlib

from lambda_model import (
    FunctionCodeUpdated,
    InvalidParameterValueException,
    PreconditionFailedException,
)

from . import NotYet, call_answer, exercise, fresh_account

RESIZER_V1 = 'def handler(event, context):\n    return "resized to 100 px"\n'
RESIZER_V2 = 'def handler(event, context):\n    return "resized to 200 px"\n'
UNTESTED = 'def handler(event, context):\n    return "resized to 300 px (untested)"\n'


def code_sha256(source: str) -> str:
    """What Lambda reports as ``CodeSha256`` for this source: base64 of its SHA-256."""
    return base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()


def _versions(account, name: str) -> list[str]:
    return [str(number) for number in account.functions[name].versions]


def _uploads(account) -> int:
    return sum(isinstance(event, FunctionCodeUpdated) for event in account.history)


@exercise("02-publish-if-changed", answer="publish_if_changed")
def publish_if_changed(answer) -> str:
    """``publish_if_changed(account, function_name, source)`` uploads and publishes ``source``
    only when it differs from the newest version's code; returns the version that holds it."""
    account = fresh_account()
    account.create_function("resizer", RESIZER_V1, publish=True)

    uploads = _uploads(account)
    returned = call_answer(answer, account, "resizer", RESIZER_V1)
    if _versions(account, "resizer") != ["1"]:
        raise NotYet(
            "Given the code of version 1 again, your function published version "
            f"{_versions(account, 'resizer')[-1]}, a copy of version 1: Lambda makes a new "
            "version after any UpdateFunctionCode call, even with identical code. Compare "
            "the code's SHA-256 (base64) with the newest version's code_sha256 first, and "
            "upload nothing when they are equal."
        )
    if _uploads(account) != uploads:
        raise NotYet(
            "Given the code of version 1 again, your function uploaded it anyway "
            "(update_function_code). It published nothing, but the upload counts as a change: "
            "the next publish_version would make a copy of version 1. Compare the hashes "
            "before uploading."
        )
    if returned != "1":
        raise NotYet(
            f"Given the code of version 1 again, your function returned {returned!r}: return "
            "the number of the version that already holds this code, the string '1'."
        )

    returned = call_answer(answer, account, "resizer", RESIZER_V2)
    versions = _versions(account, "resizer")
    if versions != ["1", "2"]:
        raise NotYet(
            f"Given new code, your function left the versions at {versions}: upload it with "
            "update_function_code, then publish_version, so that version 2 holds it."
        )
    if account.get_function("resizer", "2").code_sha256 != code_sha256(RESIZER_V2):
        raise NotYet("Version 2 does not hold the new code: upload the source you were given.")
    if returned != "2":
        raise NotYet(f"Given new code, your function returned {returned!r}, not the new '2'.")

    returned = call_answer(answer, account, "resizer", RESIZER_V2)
    if _versions(account, "resizer") != ["1", "2"] or returned != "2":
        raise NotYet(
            "Given version 2's code a second time, your function should publish nothing and "
            f"return '2'; the versions are now {_versions(account, 'resizer')} and it "
            f"returned {returned!r}."
        )

    returned = call_answer(answer, account, "resizer", RESIZER_V1)
    if _versions(account, "resizer") != ["1", "2", "3"] or returned != "3":
        raise NotYet(
            "Given version 1's code after version 2, your function should publish version 3 "
            "(compare with the NEWEST version, not with every version): the versions are "
            f"{_versions(account, 'resizer')} and it returned {returned!r}."
        )
    return (
        "Same code twice made no version; new code made version 2; going back to the old "
        "code made version 3. No duplicate version, and no upload that would make one."
    )


def _safe_publish_outcome(answer, account, tested):
    """Run the answer; a refusal it lets escape is a NotYet that says to catch it."""
    try:
        return answer(account, "resizer", tested)
    except (PreconditionFailedException, InvalidParameterValueException) as refused:
        raise NotYet(
            f"Lambda refused the publish ({refused.code}), which is right, but your function "
            "let the error escape: catch it and return None."
        ) from refused
    except Exception as exc:
        raise NotYet(f"your function raised {type(exc).__name__}: {exc}") from exc


@exercise("02-safe-publish", answer="safe_publish")
def safe_publish(answer) -> str:
    """``safe_publish(account, function_name, tested)`` publishes ``$LATEST`` only if it is
    still exactly the configuration ``tested`` (code and settings); else returns None."""
    if not callable(answer):
        call_answer(answer)

    # 1. Nobody touched $LATEST since the test: publish it.
    account = fresh_account()
    account.create_function("resizer", RESIZER_V1)
    tested = account.get_function("resizer")
    returned = _safe_publish_outcome(answer, account, tested)
    if _versions(account, "resizer") != ["1"]:
        raise NotYet(
            "Nobody changed $LATEST after your test, so version 1 should be published; "
            f"the versions are {_versions(account, 'resizer')}."
        )
    if returned != "1":
        raise NotYet(f"Your function published version 1 but returned {returned!r}, not '1'.")

    # 2. A teammate uploaded new code after the test.
    account = fresh_account()
    account.create_function("resizer", RESIZER_V1)
    tested = account.get_function("resizer")
    account.update_function_code("resizer", UNTESTED)
    returned = _safe_publish_outcome(answer, account, tested)
    if _versions(account, "resizer"):
        raise NotYet(
            "A teammate uploaded new code after your test, and your function published it as "
            "version 1: code nobody tested. Pass code_sha256=tested.code_sha256 (or "
            "revision_id=tested.revision_id) to publish_version so that Lambda refuses."
        )
    if returned is not None:
        raise NotYet(f"When Lambda refuses, return None, not {returned!r}.")

    # 3. A teammate changed only a setting: the code hash still matches.
    account = fresh_account()
    account.create_function("resizer", RESIZER_V1)
    tested = account.get_function("resizer")
    account.update_function_configuration("resizer", environment={"SIZE": "300"})
    returned = _safe_publish_outcome(answer, account, tested)
    if _versions(account, "resizer"):
        raise NotYet(
            "A teammate changed an environment variable after your test (the code is the "
            "same), and your function published it. The CodeSha256 precondition cannot see a "
            "configuration change; the RevisionId one can: pass "
            "revision_id=tested.revision_id too."
        )
    if returned is not None:
        raise NotYet(f"When Lambda refuses, return None, not {returned!r}.")
    return (
        "Your publish went through when $LATEST was what you tested, and Lambda refused it "
        "after a code change (CodeSha256) and after a configuration change (RevisionId)."
    )
