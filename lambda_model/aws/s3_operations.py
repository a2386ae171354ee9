"""The S3 operations a simulated client serves: buckets, objects and notification
configurations, answered in botocore's parsed shapes with S3's status codes.

Timestamps are produced by botocore's own timestamp parser from the text S3 would send, so
``LastModified`` values are the same ``datetime`` objects a real call gives.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from email.utils import formatdate
from urllib.parse import quote_plus, unquote

from botocore.response import StreamingBody
from botocore.utils import parse_timestamp

from .transport import ParameterNotSimulated, Reply, SimulatedOperation, read_blob

__all__ = ["OPERATIONS"]

_SSE = {"ServerSideEncryption": "AES256"}


def _timestamp(account, when: float):
    """In XML bodies S3 sends ``2025-01-01T09:00:00.000Z``: what botocore makes of it."""
    return parse_timestamp(account.clock.iso(when))


def _http_date(when: float) -> str:
    """The ``Last-Modified`` header form: ``Wed, 01 Jan 2025 09:00:00 GMT``."""
    return formatdate(when, usegmt=True)


# --- buckets ------------------------------------------------------------------------------


def create_bucket(account, p: dict) -> Reply:
    bucket = p["Bucket"]
    constraint = (p.get("CreateBucketConfiguration") or {}).get("LocationConstraint")
    if constraint is not None and (constraint != account.region or account.region == "us-east-1"):
        raise ParameterNotSimulated(
            "CreateBucket",
            "CreateBucketConfiguration",
            f"a bucket is made in the account's region ({account.region})",
        )
    if account.region != "us-east-1" and constraint is None:
        raise ParameterNotSimulated(
            "CreateBucket",
            "no CreateBucketConfiguration",
            f"outside us-east-1 S3 needs LocationConstraint={account.region}",
        )
    account.create_bucket(bucket)
    location = (
        f"/{bucket}" if account.region == "us-east-1" else f"http://{bucket}.s3.amazonaws.com/"
    )
    return Reply(200, {"Location": location}, {"location": location})


def delete_bucket(account, p: dict) -> Reply:
    account.delete_bucket(p["Bucket"])
    return Reply(204)


# --- objects ------------------------------------------------------------------------------


def put_object(account, p: dict) -> Reply:
    body = read_blob(p["Body"]) if "Body" in p else b""
    if "ContentType" in p:
        result = account.put_object(p["Bucket"], p["Key"], body, content_type=p["ContentType"])
    else:
        result = account.put_object(p["Bucket"], p["Key"], body)
    etag = f'"{result.etag}"'
    return Reply(200, {"ETag": etag, **_SSE}, {"etag": etag})


def get_object(account, p: dict) -> Reply:
    stored = account.get_object(p["Bucket"], p["Key"])
    etag = f'"{stored.etag}"'
    last_modified = _http_date(stored.last_modified)
    body = {
        "AcceptRanges": "bytes",
        "LastModified": parse_timestamp(last_modified),
        "ContentLength": stored.size,
        "ETag": etag,
        "ContentType": stored.content_type,
        **_SSE,
        "Metadata": {},
        "Body": StreamingBody(io.BytesIO(stored.body), stored.size),
    }
    headers = {
        "etag": etag,
        "last-modified": last_modified,
        "content-length": str(stored.size),
        "content-type": stored.content_type,
        "accept-ranges": "bytes",
        "x-amz-server-side-encryption": "AES256",
    }
    return Reply(200, body, headers)


def delete_object(account, p: dict) -> Reply:
    account.delete_object(p["Bucket"], p["Key"])
    return Reply(204)


def _copy_source(value: str) -> str:
    """botocore has already turned ``{"Bucket", "Key"}`` into ``bucket/key`` (URL-quoted)."""
    if "?versionId=" in value:
        raise ParameterNotSimulated("CopyObject", "CopySource versionId")
    return unquote(value)


def copy_object(account, p: dict) -> Reply:
    result = account.copy_object(p["Bucket"], p["Key"], _copy_source(p["CopySource"]))
    body = {
        "CopyObjectResult": {
            "ETag": f'"{result.etag}"',
            "LastModified": _timestamp(account, result.last_modified),
        },
        **_SSE,
    }
    return Reply(200, body)


def list_objects_v2(account, p: dict) -> Reply:
    if p.get("FetchOwner"):
        raise ParameterNotSimulated("ListObjectsV2", "FetchOwner")
    result = account.list_objects_v2(
        p["Bucket"],
        prefix=p.get("Prefix", ""),
        delimiter=p.get("Delimiter"),
        max_keys=p.get("MaxKeys", 1000),
        continuation_token=p.get("ContinuationToken"),
        start_after=p.get("StartAfter"),
    )
    body = result.to_dict(lambda when: _timestamp(account, when))
    for echoed in ("ContinuationToken", "StartAfter"):
        if echoed in p:
            body[echoed] = p[echoed]
    if p.get("EncodingType") == "url":
        # S3 URL-encodes names in the reply; botocore decodes them again when it asked for it.
        body["EncodingType"] = "url"
        for name in ("Prefix", "Delimiter", "StartAfter"):
            if name in body:
                body[name] = quote_plus(body[name], safe="/")
        for item in body.get("Contents", ()):
            item["Key"] = quote_plus(item["Key"], safe="/")
        for item in body.get("CommonPrefixes", ()):
            item["Prefix"] = quote_plus(item["Prefix"], safe="/")
    return Reply(200, body)


# --- notifications ------------------------------------------------------------------------


def put_bucket_notification_configuration(account, p: dict) -> Reply:
    configuration = p["NotificationConfiguration"]
    if "EventBridgeConfiguration" in configuration:
        raise ParameterNotSimulated(
            "PutBucketNotificationConfiguration", "EventBridgeConfiguration"
        )
    account.put_bucket_notification_configuration(
        p["Bucket"],
        configuration,
        skip_destination_validation=p.get("SkipDestinationValidation", False),
    )
    return Reply(200)


def get_bucket_notification_configuration(account, p: dict) -> Reply:
    return Reply(200, account.get_bucket_notification_configuration(p["Bucket"]).to_dict())


# --- the table ----------------------------------------------------------------------------


def _op(handler: Callable, *accepts: str) -> SimulatedOperation:
    # ExpectedBucketOwner is accepted everywhere: the simulated account owns every bucket.
    return SimulatedOperation(handler, frozenset((*accepts, "ExpectedBucketOwner")))


#: Every simulated S3 operation and the request parameters it understands.
OPERATIONS: dict[str, SimulatedOperation] = {
    "CreateBucket": _op(create_bucket, "Bucket", "CreateBucketConfiguration"),
    "DeleteBucket": _op(delete_bucket, "Bucket"),
    "PutObject": _op(put_object, "Bucket", "Key", "Body", "ContentType", "ChecksumAlgorithm"),
    "GetObject": _op(get_object, "Bucket", "Key", "ChecksumMode"),
    "DeleteObject": _op(delete_object, "Bucket", "Key"),
    "CopyObject": _op(copy_object, "Bucket", "Key", "CopySource"),
    "ListObjectsV2": _op(
        list_objects_v2,
        "Bucket", "Prefix", "Delimiter", "MaxKeys", "ContinuationToken", "StartAfter",
        "EncodingType", "FetchOwner",
    ),
    "PutBucketNotificationConfiguration": _op(
        put_bucket_notification_configuration,
        "Bucket", "NotificationConfiguration", "SkipDestinationValidation",
    ),
    "GetBucketNotificationConfiguration": _op(get_bucket_notification_configuration, "Bucket"),
}  # fmt: skip
