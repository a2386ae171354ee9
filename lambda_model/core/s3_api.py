"""S3: buckets, objects, and bucket notifications that invoke Lambda.

Rules: ``lambda-semantics.md`` section 6. A PUT of the notification configuration replaces
it whole and is validated completely first (section 6.3). Putting, copying and deleting an
object emit ``ObjectCreated:Put``, ``ObjectCreated:Copy`` and ``ObjectRemoved:Delete``; every
matching entry invokes its ARN asynchronously within the same call: an alias is resolved at
delivery, weighted routing draws per event, and the permission on that exact ARN is checked
at delivery (a refused delivery runs nothing and is logged ``refused: no permission``).

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("thumbnailer", lambda event, context: "ok", publish=True)
>>> _ = account.create_alias("thumbnailer", "PROD", "1")
>>> account.create_bucket("uploads")
Bucket(uploads: 0 objects, notifies [])
>>> _ = account.add_permission(
...     "thumbnailer", "s3", "lambda:InvokeFunction", "s3.amazonaws.com",
...     qualifier="PROD", source_arn="arn:aws:s3:::uploads",
... )
>>> account.put_bucket_notification_configuration("uploads", {
...     "LambdaFunctionConfigurations": [{
...         "Id": "thumbs",
...         "LambdaFunctionArn": account.function_arn("thumbnailer", "PROD"),
...         "Events": ["s3:ObjectCreated:*"]}]})
NotificationConfiguration([thumbs: s3:ObjectCreated:* -> thumbnailer:PROD])
>>> account.put_object("uploads", "cat.jpg", b"meow")
WriteResult(ObjectCreated:Put s3://uploads/cat.jpg -> [thumbnailer:PROD ran version 1: ok])
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .delivery import DeliveryAPI
from .errors import (
    BucketAlreadyOwnedByYou,
    BucketNotEmpty,
    InvalidArgument,
    InvalidBucketName,
    InvalidURI,
    KeyTooLongError,
    NoSuchBucket,
    NoSuchKey,
    ServiceError,
)
from .events import (
    BucketCreated,
    BucketDeleted,
    BucketNotificationConfigured,
    Delivery,
    ObjectCreated,
    ObjectRemoved,
)
from .identifiers import LATEST, is_version_number, version_key
from .policies_api import allows_invoke
from .s3_events import (
    NotificationConfiguration,
    event_record,
    parse_notification_configuration,
)

__all__ = ["S3API", "Bucket", "ListObjectsV2Result", "S3Object", "WriteResult"]

S3_PRINCIPAL = "s3.amazonaws.com"
DEFAULT_CONTENT_TYPE = "binary/octet-stream"
_BUCKET_NAME_RE = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
#: The longest object key S3 stores, in bytes of UTF-8.
MAX_KEY_BYTES = 1024


def check_key_length(encoded: bytes) -> None:
    """Refuse a key longer than 1,024 bytes of UTF-8, as S3 does (``KeyTooLongError``).

    The limit counts bytes, not characters: 342 CJK characters (3 bytes each) are too long.

    >>> check_key_length(_check_key("a" * 1024))
    >>> check_key_length(_check_key("猫" * 342))
    Traceback (most recent call last):
    ...
    lambda_model.core.errors.KeyTooLongError: Your key is too long.
    """
    if len(encoded) > MAX_KEY_BYTES:
        raise KeyTooLongError(
            "Your key is too long.", Size=str(len(encoded)), MaxSizeAllowed=str(MAX_KEY_BYTES)
        )


_IP_ADDRESS_RE = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}")
#: Prefixes and suffixes S3 keeps for itself (S3 UG: general purpose bucket naming rules).
_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")


def valid_bucket_name(name: object) -> bool:
    """S3's naming rules for a general purpose bucket.

    >>> [valid_bucket_name(n) for n in ("uploads", "192.168.5.4", "xn--bucket", "a-s3alias")]
    [True, False, False, False]
    """
    return (
        name.__class__ is str
        and _BUCKET_NAME_RE.fullmatch(name) is not None
        and ".." not in name
        and not _IP_ADDRESS_RE.fullmatch(name)
        and not name.startswith(_RESERVED_PREFIXES)
        and not name.endswith(_RESERVED_SUFFIXES)
    )


def _check_key(key: object) -> bytes:
    """An object key is text S3 can carry: a string that encodes as UTF-8; its UTF-8 bytes."""
    if key.__class__ is not str:
        raise InvalidArgument("Object key must be a string", ArgumentName="key")
    try:
        return key.encode()
    except UnicodeEncodeError:
        raise InvalidURI("Couldn't parse the specified URI.") from None


@dataclass(frozen=True, slots=True)
class S3Object:
    """A stored object: its key, bytes, ETag (MD5 hex, no quotes) and time of writing."""

    key: str
    body: bytes = field(repr=False)
    etag: str
    last_modified: float = field(repr=False)
    content_type: str = field(default=DEFAULT_CONTENT_TYPE, repr=False)

    def __repr__(self) -> str:
        return f"S3Object({self.key!r}, {self.size} bytes, etag={self.etag[:8]}…)"

    @property
    def size(self) -> int:
        return len(self.body)

    def to_dict(self, iso: str = "") -> dict:
        """A ``Contents`` item of ListObjectsV2 (``iso`` is the LastModified text)."""
        return {
            "Key": self.key,
            "LastModified": iso,
            "ETag": f'"{self.etag}"',
            "Size": self.size,
            "StorageClass": "STANDARD",
        }


@dataclass(eq=False)
class Bucket:
    """A bucket: its objects by key and its notification configuration."""

    name: str
    created: float
    objects: dict[str, S3Object] = field(default_factory=dict)
    notification: NotificationConfiguration = field(default_factory=NotificationConfiguration)

    @property
    def arn(self) -> str:
        return f"arn:aws:s3:::{self.name}"

    def __repr__(self) -> str:
        targets = ", ".join(
            c.lambda_function_arn.split(":function:", 1)[-1]
            for c in self.notification.lambda_function_configurations
        )
        return f"Bucket({self.name}: {len(self.objects)} objects, notifies [{targets}])"


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What PutObject, CopyObject and DeleteObject did, and where their event went.

    ``deliveries`` has one :class:`Delivery` per notification entry the event matched.
    """

    bucket: str
    key: str
    event_name: str
    etag: str | None = None
    size: int | None = None
    last_modified: float = field(default=0.0, repr=False)
    deliveries: tuple[Delivery, ...] = ()

    def __repr__(self) -> str:
        handled = "; ".join(str(d) for d in self.deliveries)
        return f"WriteResult({self.event_name} s3://{self.bucket}/{self.key} -> [{handled}])"

    def to_dict(self) -> dict:
        """PutObject's response shape (``{"ETag": '"…"'}``); ``{}`` for a delete."""
        return {"ETag": f'"{self.etag}"'} if self.etag is not None else {}


@dataclass(frozen=True, slots=True)
class ListObjectsV2Result:
    """One page of ListObjectsV2."""

    name: str
    prefix: str
    contents: tuple[S3Object, ...]
    common_prefixes: tuple[str, ...] = ()
    is_truncated: bool = False
    next_continuation_token: str | None = None
    max_keys: int = 1000
    delimiter: str | None = None

    def __repr__(self) -> str:
        keys = [o.key for o in self.contents]
        more = ", truncated" if self.is_truncated else ""
        return f"ListObjectsV2Result({keys!r}{more})"

    def __iter__(self):
        return iter(self.contents)

    def __len__(self) -> int:
        return len(self.contents)

    @property
    def key_count(self) -> int:
        return len(self.contents) + len(self.common_prefixes)

    def to_dict(self, iso=lambda when: "") -> dict:
        body: dict = {
            "IsTruncated": self.is_truncated,
            "Name": self.name,
            "Prefix": self.prefix,
            "MaxKeys": self.max_keys,
            "KeyCount": self.key_count,
        }
        if self.contents:
            body["Contents"] = [o.to_dict(iso(o.last_modified)) for o in self.contents]
        if self.delimiter is not None:
            body["Delimiter"] = self.delimiter
        if self.common_prefixes:
            body["CommonPrefixes"] = [{"Prefix": p} for p in self.common_prefixes]
        if self.next_continuation_token is not None:
            body["NextContinuationToken"] = self.next_continuation_token
        return body


def _token(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode()


def _untoken(token: str) -> str:
    try:
        return base64.urlsafe_b64decode(token.encode()).decode()
    except ValueError as exc:
        raise InvalidArgument(
            "The continuation token provided is incorrect",
            ArgumentName="continuation-token",
            ArgumentValue=token,
        ) from exc


class S3API(DeliveryAPI):
    """Buckets, objects, and notification configurations."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: Buckets by name.
        self.buckets: dict[str, Bucket] = {}
        self._s3_requests = 0

    # --- helpers --------------------------------------------------------------------------

    def _bucket(self, name: str) -> Bucket:
        bucket = self.buckets.get(name) if name.__class__ is str else None
        if bucket is None:
            raise NoSuchBucket("The specified bucket does not exist", BucketName=name)
        return bucket

    def _configuration_id(self) -> str:
        """S3 names an entry given without ``Id`` with a base64 text; ours is seeded."""
        return base64.b64encode(self._new_uuid().encode()).decode().rstrip("=")

    def _destination_reachable(self, arn: str, bucket: Bucket) -> bool:
        """Does ``arn`` name an existing function, version or alias in this account and
        region, whose own policy lets S3 invoke it from ``bucket``?"""
        try:
            ref, qualifier = self._resolve(arn, None)
        except ServiceError:
            return False
        if ref.region not in (None, self.region) or ref.account_id not in (None, self.account_id):
            return False
        function = self.functions.get(ref.name)
        if function is None:
            return False
        if qualifier is not None and qualifier != LATEST:
            if is_version_number(qualifier):
                if version_key(qualifier) not in function.versions:
                    return False
            elif qualifier not in function.aliases:
                return False
        return allows_invoke(function, qualifier, S3_PRINCIPAL, bucket.arn, self.account_id)

    def _identity(self) -> tuple[str, str]:
        digest = hashlib.sha256(f"{self.account_id}".encode()).hexdigest().upper()
        return f"AWS:AIDA{digest[:17]}", f"A{digest[17:30]}"

    def _emit(
        self,
        bucket: Bucket,
        event_name: str,
        key: str,
        size: int | None,
        etag: str | None,
    ) -> tuple[Delivery, ...]:
        """Deliver one event to every matching notification entry; return the deliveries."""
        self._s3_requests += 1
        matching = bucket.notification.matching(event_name, key)
        if not matching:
            return ()
        number = self._s3_requests
        request_id = f"{number:016X}"
        host_id = base64.b64encode(hashlib.sha256(request_id.encode()).digest()).decode()
        principal_id, owner_id = self._identity()
        deliveries = []
        for configuration in matching:
            record = event_record(
                region=self.region,
                event_time=self.clock.iso(),
                event_name=event_name,
                bucket=bucket.name,
                key=key,
                size=size,
                etag=etag,
                sequencer=f"{number:018X}",
                configuration_id=configuration.id,
                principal_id=principal_id,
                owner_id=owner_id,
                request_id=request_id,
                host_id=host_id,
            )
            entry = self._deliver(
                configuration.lambda_function_arn,
                {"Records": [record]},
                event_source="aws:s3",
                source_arn=bucket.arn,
                event_name=event_name,
                principal_service=S3_PRINCIPAL,
                configuration_id=configuration.id,
                key=key,
            )
            deliveries.append(entry.delivery)
        return tuple(deliveries)

    # --- buckets --------------------------------------------------------------------------

    def create_bucket(self, bucket: str) -> Bucket:
        """Create an empty bucket with no notification configuration.

        Creating a bucket you already own answers 200 in us-east-1 (S3's legacy behaviour; the
        bucket is left as it is) and ``BucketAlreadyOwnedByYou`` in every other region.
        """
        if not valid_bucket_name(bucket):
            raise InvalidBucketName("The specified bucket is not valid.", BucketName=str(bucket))
        existing = self.buckets.get(bucket)
        if existing is not None and self.region == "us-east-1":
            return existing
        if existing is not None:
            raise BucketAlreadyOwnedByYou(
                "Your previous request to create the named bucket succeeded and you already "
                "own it.",
                BucketName=bucket,
            )
        created = Bucket(bucket, self.clock.now)
        self.buckets[bucket] = created
        self._record(BucketCreated(self.clock.now, bucket))
        return created

    def delete_bucket(self, bucket: str) -> None:
        """Delete an empty bucket (its notification configuration goes with it)."""
        found = self._bucket(bucket)
        if found.objects:
            raise BucketNotEmpty("The bucket you tried to delete is not empty", BucketName=bucket)
        del self.buckets[bucket]
        self._record(BucketDeleted(self.clock.now, bucket))

    def list_buckets(self) -> list[Bucket]:
        """Every bucket, by name."""
        return [self.buckets[name] for name in sorted(self.buckets)]

    # --- notification configuration -------------------------------------------------------

    def put_bucket_notification_configuration(
        self,
        bucket: str,
        notification_configuration: Mapping | NotificationConfiguration,
        *,
        skip_destination_validation: bool = False,
    ) -> NotificationConfiguration:
        """Replace the bucket's whole notification configuration, or change nothing.

        Each ``LambdaFunctionArn`` (unqualified, version or alias ARN) must name an existing
        function, version or alias whose own policy lets ``s3.amazonaws.com`` invoke it from
        this bucket, unless ``skip_destination_validation``. An empty configuration turns
        notifications off. Returns the stored configuration (what GET returns).
        """
        found = self._bucket(bucket)
        configuration = parse_notification_configuration(notification_configuration)
        if not skip_destination_validation:
            unreachable = []
            for entry in configuration.lambda_function_configurations:
                arn = entry.lambda_function_arn
                if arn not in unreachable and not self._destination_reachable(arn, found):
                    unreachable.append(arn)
            if unreachable:
                details = {}
                for n, arn in enumerate(unreachable, 1):
                    details[f"ArgumentName{n}"] = f"{arn}, null"
                    details[f"ArgumentValue{n}"] = f"Not authorized to invoke function [{arn}]"
                raise InvalidArgument(
                    "Unable to validate the following destination configurations", **details
                )
        # --- apply (ids are drawn only now, so a refused PUT leaves the id generator alone)
        configuration = configuration.with_ids(self._configuration_id)
        found.notification = configuration
        self._record(
            BucketNotificationConfigured(
                self.clock.now,
                bucket,
                tuple(c.to_dict() for c in configuration.lambda_function_configurations),
            )
        )
        return configuration

    def get_bucket_notification_configuration(self, bucket: str) -> NotificationConfiguration:
        """The stored configuration; ``.to_dict()`` gives AWS's response shape."""
        return self._bucket(bucket).notification

    # --- objects --------------------------------------------------------------------------

    def put_object(
        self,
        bucket: str,
        key: str,
        body: bytes | str = b"",
        *,
        content_type: str = DEFAULT_CONTENT_TYPE,
    ) -> WriteResult:
        """Store an object and emit ``ObjectCreated:Put`` to the matching entries.

        A key over 1,024 bytes of UTF-8 is refused with ``KeyTooLongError`` (HTTP 400).
        """
        found = self._bucket(bucket)
        check_key_length(_check_key(key))
        if body.__class__ is str:
            try:
                data = body.encode()
            except UnicodeEncodeError:
                raise InvalidArgument(
                    "Body must be bytes or UTF-8 text", ArgumentName="Body"
                ) from None
        elif isinstance(body, bytes | bytearray | memoryview):
            data = bytes(body)
        else:
            raise InvalidArgument("Body must be bytes or UTF-8 text", ArgumentName="Body")
        if content_type.__class__ is not str:
            raise InvalidArgument("Content-Type must be a string", ArgumentName="Content-Type")
        etag = hashlib.md5(data).hexdigest()
        stored = S3Object(key, data, etag, self.clock.now, content_type)
        found.objects[key] = stored
        return self._created(found, stored, "ObjectCreated:Put")

    def copy_object(
        self,
        bucket: str,
        key: str,
        copy_source: str | Mapping[str, str],
    ) -> WriteResult:
        """Copy ``copy_source`` (``"bucket/key"`` or ``{"Bucket", "Key"}``) to ``bucket/key``
        and emit ``ObjectCreated:Copy``."""
        if isinstance(copy_source, Mapping):
            source_bucket, source_key = copy_source.get("Bucket"), copy_source.get("Key")
        elif copy_source.__class__ is str:
            source_bucket, _, source_key = copy_source.lstrip("/").partition("/")
        else:
            raise InvalidArgument("Invalid copy source", ArgumentName="x-amz-copy-source")
        target = self._bucket(bucket)
        encoded = _check_key(key)
        _check_key(source_key)
        check_key_length(encoded)
        source = self._object(source_bucket, source_key)
        stored = S3Object(key, source.body, source.etag, self.clock.now, source.content_type)
        target.objects[key] = stored
        return self._created(target, stored, "ObjectCreated:Copy", f"{source_bucket}/{source_key}")

    def _created(
        self, bucket: Bucket, stored: S3Object, event_name: str, copy_source: str | None = None
    ) -> WriteResult:
        deliveries = self._emit(bucket, event_name, stored.key, stored.size, stored.etag)
        self._record(
            ObjectCreated(
                self.clock.now,
                bucket.name,
                stored.key,
                stored.size,
                event_name,
                deliveries,
                copy_source,
            )
        )
        return WriteResult(
            bucket.name,
            stored.key,
            event_name,
            stored.etag,
            stored.size,
            stored.last_modified,
            deliveries,
        )

    def _object(self, bucket: str, key: str) -> S3Object:
        found = self._bucket(bucket).objects.get(key) if key.__class__ is str else None
        if found is None:
            raise NoSuchKey("The specified key does not exist.", Key=key)
        return found

    def get_object(self, bucket: str, key: str) -> S3Object:
        """The stored object (``.body`` holds its bytes)."""
        return self._object(bucket, key)

    head_object = get_object

    def delete_object(self, bucket: str, key: str) -> WriteResult:
        """Delete an object and emit ``ObjectRemoved:Delete`` (also for a key that was not
        there: the delete succeeds either way). The record carries no size or eTag."""
        found = self._bucket(bucket)
        _check_key(key)
        found.objects.pop(key, None)
        event_name = "ObjectRemoved:Delete"
        deliveries = self._emit(found, event_name, key, None, None)
        self._record(ObjectRemoved(self.clock.now, bucket, key, event_name, deliveries))
        return WriteResult(bucket, key, event_name, deliveries=deliveries)

    def list_objects_v2(
        self,
        bucket: str,
        *,
        prefix: str = "",
        delimiter: str | None = None,
        max_keys: int = 1000,
        continuation_token: str | None = None,
        start_after: str | None = None,
    ) -> ListObjectsV2Result:
        """Keys in UTF-8 order, at most ``max_keys`` (1000) per page, with folders
        (``common_prefixes``) when a ``delimiter`` is given."""
        found = self._bucket(bucket)
        for value, name in (
            (prefix, "prefix"),
            (delimiter, "delimiter"),
            (continuation_token, "continuation-token"),
            (start_after, "start-after"),
        ):
            if value is not None and value.__class__ is not str:
                raise InvalidArgument(f"Invalid {name}", ArgumentName=name)
        if max_keys.__class__ is not int:
            raise InvalidArgument(
                "Provided max-keys not an integer or within integer range",
                ArgumentName="max-keys",
                ArgumentValue=str(max_keys),
            )
        after = _untoken(continuation_token) if continuation_token else start_after
        contents: list[S3Object] = []
        prefixes: list[str] = []
        limit = max(0, min(max_keys, 1000))
        truncated = False
        last = None
        for key in sorted(found.objects):
            if not key.startswith(prefix) or (after is not None and key <= after):
                continue
            folder = None
            if delimiter:
                cut = key.find(delimiter, len(prefix))
                if cut >= 0:
                    folder = key[: cut + len(delimiter)]
            if folder is not None and prefixes and prefixes[-1] == folder:
                continue
            if len(contents) + len(prefixes) >= limit:
                truncated = True
                break
            if folder is not None:
                prefixes.append(folder)
                last = folder + "\U0010ffff"
            else:
                contents.append(found.objects[key])
                last = key
        return ListObjectsV2Result(
            name=bucket,
            prefix=prefix,
            contents=tuple(contents),
            common_prefixes=tuple(prefixes),
            is_truncated=truncated,
            next_continuation_token=_token(last) if truncated and last is not None else None,
            max_keys=max_keys,
            delimiter=delimiter,
        )

    # --- convenience for the course -------------------------------------------------------

    def notification_targets(self, bucket: str) -> list[str]:
        """The ARNs the bucket's notification entries name, in order."""
        return [
            c.lambda_function_arn
            for c in self._bucket(bucket).notification.lambda_function_configurations
        ]
