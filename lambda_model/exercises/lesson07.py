"""Checks for ``07-pitfalls``: the grant an alias needs, and a cleanup that deletes only unused
versions.

Examples
--------
>>> from lambda_model.exercises import check
>>> def grant_for_alias(account, function_name, alias_name, bucket):
...     account.add_permission(function_name, "s3", "lambda:InvokeFunction",
...                            "s3.amazonaws.com", source_arn=f"arn:aws:s3:::{bucket}")
>>> print(check("07-grant-for-alias", grant_for_alias).message)  # doctest: +ELLIPSIS
S3 may not invoke resizer:PROD: ...your grant is on the unqualified function...
"""

from __future__ import annotations

from lambda_model import InvalidArgument, ResourceNotFoundException, allows_invoke

from . import NotYet, call_answer, exercise, fresh_account, publish_versions

FUNCTION = "resizer"
S3 = "s3.amazonaws.com"


# --- 07-grant-for-alias -------------------------------------------------------------------


def _where_s3_may_invoke(account, bucket_arn: str) -> list[str]:
    """The ARNs of ``FUNCTION`` (function, versions, aliases) whose policy lets S3 invoke them
    from ``bucket_arn``, for the explanation of a wrong grant."""
    function = account.functions[FUNCTION]
    qualifiers = [None, *(str(v) for v in function.versions), *sorted(function.aliases)]
    return [
        FUNCTION if q is None else f"{FUNCTION}:{q}"
        for q in qualifiers
        if allows_invoke(function, q, S3, bucket_arn, account.account_id)
    ]


def _check_grant(account, grant_for_alias, alias: str, bucket: str) -> None:
    bucket_arn = f"arn:aws:s3:::{bucket}"
    account.create_bucket(bucket)
    try:
        call_answer(grant_for_alias, account, FUNCTION, alias, bucket)
    except NotYet as reason:
        if "already exists" in str(reason):
            raise NotYet(
                f"{reason} Granting for {alias} added a second statement to a policy that "
                "already had it: each alias has its own policy, so pass qualifier=alias_name."
            ) from None
        raise
    function = account.functions[FUNCTION]
    if not allows_invoke(function, alias, S3, bucket_arn, account.account_id):
        elsewhere = _where_s3_may_invoke(account, bucket_arn)
        if FUNCTION in elsewhere:
            why = (
                "your grant is on the unqualified function, and a grant covers calls naming "
                "exactly its own ARN; pass qualifier=alias_name to add_permission."
            )
        elif elsewhere:
            why = (
                f"your grant is on {', '.join(elsewhere)}, not on the alias; pass "
                "qualifier=alias_name to add_permission."
            )
        else:
            why = (
                f"no policy of {FUNCTION} lets {S3} invoke it from {bucket_arn}: the principal "
                f"must be {S3!r}, the action 'lambda:InvokeFunction', and the source ARN the "
                "bucket's."
            )
        raise NotYet(f"S3 may not invoke {FUNCTION}:{alias}: {why}")
    stranger = "arn:aws:s3:::someone-elses-bucket"
    if allows_invoke(function, alias, S3, stranger, "210987654321"):
        raise NotYet(
            f"your grant lets any bucket, even in another account, invoke {FUNCTION}:{alias}: "
            f"pass source_arn='{bucket_arn}' so that only {bucket} may."
        )
    try:
        account.put_bucket_notification_configuration(
            bucket,
            {
                "LambdaFunctionConfigurations": [
                    {
                        "LambdaFunctionArn": account.function_arn(FUNCTION, alias),
                        "Events": ["s3:ObjectCreated:*"],
                    }
                ]
            },
        )
    except InvalidArgument as error:  # pragma: no cover - allows_invoke said yes
        raise NotYet(f"S3 refused the bucket's configuration: {error.message}") from error
    delivery = account.put_object(bucket, "check.jpg", b"pixels").deliveries[0]
    if delivery.outcome != "ok":  # pragma: no cover - the grant was checked above
        raise NotYet(f"an upload to {bucket} was {delivery.outcome}")


@exercise("07-grant-for-alias", answer="grant_for_alias")
def check_grant_for_alias(grant_for_alias) -> str:
    """``grant_for_alias(account, function_name, alias_name, bucket)`` lets exactly that
    bucket invoke exactly that alias."""
    account = fresh_account()
    publish_versions(account, FUNCTION, 2)
    account.create_alias(FUNCTION, "PROD", "1")
    account.create_alias(FUNCTION, "BETA", "2")
    _check_grant(account, grant_for_alias, "PROD", "uploads")
    _check_grant(account, grant_for_alias, "BETA", "test-uploads")
    return (
        "uploads invokes resizer:PROD and test-uploads invokes resizer:BETA: S3 accepted both "
        "configurations, both uploads ran, and no other bucket may use the grants."
    )


# --- 07-safe-cleanup ----------------------------------------------------------------------


def _versions(account, name: str) -> list[int]:
    try:
        page = account.list_versions_by_function(name)
    except ResourceNotFoundException:
        return []
    return [int(c.version) for c in page if c.version != "$LATEST"]


@exercise("07-safe-cleanup", answer="safe_cleanup")
def check_safe_cleanup(safe_cleanup) -> str:
    """``safe_cleanup(account, function_name)`` deletes the versions no alias points or routes
    to, and only those."""
    account = fresh_account()
    publish_versions(account, FUNCTION, 7)
    account.delete_function(FUNCTION, qualifier="2")  # an earlier cleanup left a gap
    account.create_alias(FUNCTION, "PROD", "5")
    account.create_alias(FUNCTION, "BETA", "4", routing_config={"6": 0.1})
    account.create_alias(FUNCTION, "DEV", "$LATEST")
    publish_versions(account, "thumbnailer", 2)
    try:
        call_answer(safe_cleanup, account, FUNCTION)
    except NotYet as reason:
        if "ResourceConflictException" in str(reason):
            raise NotYet(
                f"{str(reason).rstrip('.')}. An alias uses the version it points to "
                "(function_version) and the one it routes a share of traffic to "
                "(routing_config.additional_version_weights)."
            ) from None
        raise
    if FUNCTION not in account.functions:
        raise NotYet(
            f"{FUNCTION} is gone: delete_function without a qualifier deletes the whole "
            "function; pass qualifier=<version> to delete one version."
        )
    left = _versions(account, FUNCTION)
    if _versions(account, "thumbnailer") != [1, 2]:
        raise NotYet("versions of thumbnailer were deleted: clean up function_name only.")
    kept = {4: "BETA points at it", 5: "PROD points at it", 6: "BETA routes 10% to it"}
    missing = [v for v in kept if v not in left]
    if missing:  # pragma: no cover - Lambda refuses these deletes
        raise NotYet(f"version {missing[0]} is gone, but {kept[missing[0]]}.")
    extra = [v for v in left if v not in kept]
    if extra:
        listed = ", ".join(str(v) for v in extra)
        raise NotYet(
            f"version(s) {listed} are still there, but no alias points or routes to them "
            "(PROD -> 5, BETA -> 4 with 10% to 6, DEV -> $LATEST)."
        )
    return (
        f"{FUNCTION} kept versions 4, 5 and 6 (BETA, PROD, BETA's 10%) and lost 1, 3 and 7; "
        "thumbnailer was not touched."
    )
