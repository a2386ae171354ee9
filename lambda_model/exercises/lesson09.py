"""Checks for ``09-from-simulator-to-aws``: boto3 calls, answered by the simulator.

Examples
--------
>>> from lambda_model.exercises import check
>>> def unused_versions(lam, name):
...     page = lam.list_versions_by_function(FunctionName=name)
...     used = {a["FunctionVersion"] for a in lam.list_aliases(FunctionName=name)["Aliases"]}
...     return [v["Version"] for v in page["Versions"] if v["Version"] not in used]
>>> print(check("09-unused-versions", unused_versions).message)
Versions 50, 51, ..., 57 are missing. ListVersionsByFunction returns at most 50 versions per \
page: use lam.get_paginator('list_versions_by_function').
"""

from __future__ import annotations

from . import NotYet, call_answer, exercise, fresh_account

#: How many versions the function of 09-unused-versions has: more than one page (50).
VERSIONS = 60


def _release(number: int) -> str:
    """The source of release ``number``: a handler that returns that number."""
    return f"def handler(event, context):\n    return {number}\n"


def _numbers(versions: list[str]) -> str:
    """``"50, 51, ..., 57"``: a short list of version numbers."""
    if len(versions) > 4:
        return f"{versions[0]}, {versions[1]}, ..., {versions[-1]}"
    return ", ".join(versions)


@exercise("09-unused-versions", answer="unused_versions")
def unused_versions(answer) -> str:
    """``unused_versions(lam, function_name)``: the published versions no alias uses, found
    with boto3 (paginators for both listings)."""
    from lambda_model.aws import client

    account = fresh_account()
    account.create_function("thumbnailer", _release(1), publish=True)
    for number in range(2, VERSIONS + 1):
        account.update_function_code("thumbnailer", _release(number), publish=True)
    account.create_alias("thumbnailer", "LEGACY", "3")
    account.create_alias("thumbnailer", "BETA", "59")
    account.create_alias("thumbnailer", "PROD", "58", routing_config={"60": 0.1})
    account.create_alias("thumbnailer", "DEV", "$LATEST")
    used = {"3": "LEGACY points at it", "58": "PROD points at it", "59": "BETA points at it"}
    used["60"] = "PROD sends it 10% of its traffic (RoutingConfig)"
    expected = [str(n) for n in range(1, VERSIONS + 1) if str(n) not in used]

    lam = client("lambda", account)
    got = call_answer(answer, lam, "thumbnailer")
    if got is None or isinstance(got, str | bytes | dict):
        raise NotYet(f"Return a list of version numbers, like ['1', '2'], not {got!r}")
    got = [str(version) for version in got]
    if "$LATEST" in got:
        raise NotYet("$LATEST is in your answer, but it is not a published version: leave it out.")
    for version, why in used.items():
        if version in got:
            raise NotYet(f"Version {version} is in your answer, but {why}.")
    missing = [version for version in expected if version not in got]
    if not got:
        raise NotYet(
            f"Your answer is empty, but {len(expected)} of thumbnailer's {VERSIONS} versions "
            f"are unused ({_numbers(expected)})."
        )
    if missing:
        if all(int(version) >= 50 for version in missing):
            raise NotYet(
                f"Versions {_numbers(missing)} are missing. ListVersionsByFunction returns at "
                "most 50 versions per page: use lam.get_paginator('list_versions_by_function')."
            )
        raise NotYet(f"Versions {_numbers(missing)} are unused too, and missing from your answer.")
    extra = sorted(set(got) - set(expected), key=lambda v: (len(v), v))
    if extra:
        raise NotYet(f"Thumbnailer has no version {_numbers(extra)}.")
    if got != sorted(got, key=int):
        raise NotYet("The right versions, but not in number order: sort them with key=int.")
    return (
        f"{len(expected)} of thumbnailer's {VERSIONS} versions are unused: every one but 3 "
        "(LEGACY), 58 (PROD), 59 (BETA) and 60 (PROD's canary)."
    )
