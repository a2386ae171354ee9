"""Checks for ``03-aliases``: a DEV/PROD pair with PROD's own permission, and a handler that
reports which alias it was called through and which version ran.

Examples
--------
>>> from lambda_model.exercises import check
>>> def create_pipeline(account):
...     account.create_alias("orders", "DEV", "$LATEST")
...     account.create_alias("orders", "PROD", "1")
>>> print(check("03-alias-pipeline", create_pipeline).message)  # doctest: +ELLIPSIS
DEV points at $LATEST, which changes with every upload...
"""

from __future__ import annotations

from lambda_model import allows_invoke

from . import NotYet, call_answer, exercise, fresh_account

BUCKET = "orders-inbox"
BUCKET_ARN = f"arn:aws:s3:::{BUCKET}"
S3 = "s3.amazonaws.com"


def _orders(versions: int):
    """A fresh account whose function ``orders`` has ``versions`` published versions."""
    account = fresh_account()
    for number in range(1, versions + 1):
        source = f'def handler(event, context):\n    return "orders release {number}"\n'
        if number == 1:
            account.create_function("orders", source, publish=True)
        else:
            account.update_function_code("orders", source, publish=True)
    return account


def _grant_places(function) -> list[str]:
    """Where S3 has an invoke grant, as ARN suffixes (``orders``, ``orders:1``, ``orders:DEV``)."""
    places = []
    for key in sorted(function.policies, key=lambda k: "" if k is None else k):
        policy = function.policies[key]
        if any(s.principal == S3 for s in policy.statements):
            places.append(function.name if key is None else f"{function.name}:{key}")
    return places


def _check_pipeline(answer, versions: int) -> None:
    account = _orders(versions)
    call_answer(answer, account)
    function = account.functions["orders"]
    for name in ("DEV", "PROD"):
        if name not in function.aliases:
            found = ", ".join(sorted(function.aliases)) or "none"
            raise NotYet(f"orders has no alias {name} (aliases found: {found}).")
    dev, prod = function.aliases["DEV"], function.aliases["PROD"]
    newest = str(versions)
    if dev.function_version == "$LATEST":
        raise NotYet(
            "DEV points at $LATEST, which changes with every upload: testers would never know "
            f"what they test. Point DEV at the newest published version ({newest} here)."
        )
    if dev.function_version != newest:
        raise NotYet(
            f"With {versions} published versions, DEV points at {dev.function_version}, not at "
            f"the newest, {newest}. Look the newest version up (the last item of "
            "list_versions_by_function) instead of writing its number."
        )
    if prod.function_version != "1":
        raise NotYet(f"PROD points at {prod.function_version}, not at version 1.")
    if dev.routing_config or prod.routing_config:
        raise NotYet("No weighted routing here: each alias points at exactly one version.")
    if allows_invoke(function, "PROD", S3, BUCKET_ARN, account.account_id):
        return
    places = _grant_places(function)
    if not places:
        raise NotYet(
            f"S3 may not invoke orders:PROD: add a permission for {S3} with "
            f"qualifier='PROD' and source_arn='{BUCKET_ARN}'."
        )
    if "orders:PROD" in places:
        raise NotYet(
            f"Your grant on orders:PROD does not match calls from {BUCKET_ARN}: check its "
            "action (lambda:InvokeFunction) and its source_arn."
        )
    raise NotYet(
        f"S3's grant is on {', '.join(places)}, and a grant covers calls through exactly that "
        "ARN: the bucket will call orders:PROD, which has no grant. Pass qualifier='PROD' to "
        "add_permission."
    )


@exercise("03-alias-pipeline", answer="create_pipeline")
def alias_pipeline(answer) -> str:
    """``create_pipeline(account)``: DEV on the newest version, PROD on version 1, and S3
    allowed to invoke PROD (and only through PROD's ARN)."""
    _check_pipeline(answer, versions=3)
    _check_pipeline(answer, versions=5)
    return (
        "With 3 versions and with 5, DEV went to the newest and PROD to version 1, and the "
        "bucket orders-inbox may invoke orders:PROD."
    )


def _who_ran_result(account, qualifier: str | None) -> object:
    result = account.invoke("orders", {"order": 42}, qualifier=qualifier)
    if result.function_error:
        raise NotYet(
            f"Invoked as {qualifier or 'the unqualified function'}, your handler raised "
            f"{result.payload['errorType']}: {result.payload['errorMessage']}"
        )
    return result.payload


@exercise("03-who-ran", answer="who_ran")
def who_ran(answer) -> str:
    """``who_ran(event, context)`` is a handler returning ``{"called_as": ..., "ran": ...}``."""
    if not callable(answer):
        call_answer(answer)
    account = fresh_account()
    try:
        account.create_function("orders", answer, publish=True)
    except Exception as exc:
        raise NotYet(f"who_ran cannot be used as a handler: {exc}") from exc
    account.update_function_code("orders", answer, publish=True)
    account.create_alias("orders", "PROD", "1")
    account.create_alias("orders", "DEV", "2")
    cases = [
        ("PROD", {"called_as": "PROD", "ran": "1"}),
        ("DEV", {"called_as": "DEV", "ran": "2"}),
        ("1", {"called_as": "1", "ran": "1"}),
        ("$LATEST", {"called_as": "$LATEST", "ran": "$LATEST"}),
        (None, {"called_as": None, "ran": "$LATEST"}),
    ]
    for qualifier, expected in cases:
        got = _who_ran_result(account, qualifier)
        arn = account.function_arn("orders", qualifier)
        if not isinstance(got, dict):
            raise NotYet(f"Your handler returned {got!r}; return a dict like {expected!r}.")
        if got.get("ran") != expected["ran"]:
            raise NotYet(
                f"Called through {arn}, version {expected['ran']} ran, but your handler said "
                f"ran={got.get('ran')!r}. The version that runs is context.function_version."
            )
        if got.get("called_as") != expected["called_as"]:
            hint = (
                "An unqualified ARN has 7 parts separated by ':'; a qualified one has an "
                "8th, the qualifier."
                if qualifier is None
                else "It is the part after the function name in context.invoked_function_arn."
            )
            raise NotYet(
                f"Called through {arn}, your handler said called_as={got.get('called_as')!r}, "
                f"not {expected['called_as']!r}. {hint}"
            )
    return (
        "Through PROD it said version 1 ran, through DEV version 2, and it told an alias, a "
        "version number, $LATEST and the unqualified ARN apart."
    )
