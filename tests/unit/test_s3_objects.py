"""Buckets and objects: the S3 operations the course uses, and their errors."""

from __future__ import annotations

import hashlib

import pytest

from lambda_model import (
    Account,
    BucketAlreadyOwnedByYou,
    BucketCreated,
    BucketDeleted,
    BucketNotEmpty,
    InvalidBucketName,
    KeyTooLongError,
    NoSuchBucket,
    NoSuchKey,
)


@pytest.fixture
def account() -> Account:
    account = Account()
    account.create_bucket("uploads")
    return account


def test_creating_a_bucket_appends_one_event(account):
    assert account.history[-1] == BucketCreated(account.history[-1].time, "uploads")
    assert account.buckets["uploads"].arn == "arn:aws:s3:::uploads"


def test_creating_a_bucket_you_own_again_in_us_east_1_answers_200_and_changes_nothing(account):
    # S3's BucketAlreadyOwnedByYou doc: us-east-1 answers 200 OK for legacy compatibility.
    before = account.buckets["uploads"]
    assert account.create_bucket("uploads") is before
    assert len(account.history) == 1


def test_creating_a_bucket_twice_outside_us_east_1_is_a_conflict():
    account = Account(region="eu-west-1")
    account.create_bucket("uploads")
    with pytest.raises(BucketAlreadyOwnedByYou) as caught:
        account.create_bucket("uploads")
    assert (caught.value.code, caught.value.status) == ("BucketAlreadyOwnedByYou", 409)
    assert caught.value.message == (
        "Your previous request to create the named bucket succeeded and you already own it."
    )
    assert caught.value.details == {"BucketName": "uploads"}
    assert len(account.history) == 1


@pytest.mark.parametrize("name", ["ab", "Uploads", "-uploads", "up_loads", "a" * 64, "up..loads"])
def test_a_bucket_name_s3_does_not_allow_is_invalid(account, name):
    with pytest.raises(InvalidBucketName) as caught:
        account.create_bucket(name)
    assert (caught.value.code, caught.value.status) == ("InvalidBucketName", 400)
    assert caught.value.message == "The specified bucket is not valid."
    assert name not in account.buckets


def test_a_put_object_stores_the_bytes_and_an_md5_etag(account):
    result = account.put_object("uploads", "a.txt", b"hello")
    stored = account.get_object("uploads", "a.txt")
    assert stored.body == b"hello"
    assert stored.etag == hashlib.md5(b"hello").hexdigest()
    assert result.to_dict() == {"ETag": f'"{stored.etag}"'}


def test_a_text_body_is_stored_as_utf8(account):
    account.put_object("uploads", "a.txt", "héllo")
    assert account.get_object("uploads", "a.txt").body == "héllo".encode()


def test_a_missing_key_is_no_such_key(account):
    with pytest.raises(NoSuchKey) as caught:
        account.get_object("uploads", "nope")
    assert (caught.value.code, caught.value.status) == ("NoSuchKey", 404)
    assert caught.value.message == "The specified key does not exist."
    assert caught.value.details == {"Key": "nope"}


def test_an_object_in_a_missing_bucket_is_no_such_bucket(account):
    with pytest.raises(NoSuchBucket) as caught:
        account.put_object("nope", "a.txt", b"")
    assert (caught.value.code, caught.value.status) == ("NoSuchBucket", 404)
    assert caught.value.message == "The specified bucket does not exist"
    assert len(account.history) == 1


def test_copying_a_missing_object_is_no_such_key_and_writes_nothing(account):
    with pytest.raises(NoSuchKey):
        account.copy_object("uploads", "b.txt", "uploads/a.txt")
    assert account.buckets["uploads"].objects == {}


def test_a_copy_keeps_the_body_and_etag(account):
    account.put_object("uploads", "a.txt", b"hello")
    account.copy_object("uploads", "b.txt", {"Bucket": "uploads", "Key": "a.txt"})
    assert (
        account.get_object("uploads", "b.txt").etag == account.get_object("uploads", "a.txt").etag
    )


def test_deleting_an_object_removes_it(account):
    account.put_object("uploads", "a.txt", b"hello")
    account.delete_object("uploads", "a.txt")
    with pytest.raises(NoSuchKey):
        account.get_object("uploads", "a.txt")


def test_a_bucket_with_objects_cannot_be_deleted(account):
    account.put_object("uploads", "a.txt", b"")
    with pytest.raises(BucketNotEmpty) as caught:
        account.delete_bucket("uploads")
    assert (caught.value.code, caught.value.status) == ("BucketNotEmpty", 409)
    assert caught.value.message == "The bucket you tried to delete is not empty"
    assert "uploads" in account.buckets


def test_an_empty_bucket_is_deleted_with_one_event(account):
    account.delete_bucket("uploads")
    assert account.buckets == {}
    assert account.history[-1] == BucketDeleted(account.history[-1].time, "uploads")


def test_deleting_a_missing_bucket_is_no_such_bucket(account):
    with pytest.raises(NoSuchBucket):
        account.delete_bucket("nope")


def test_listing_returns_keys_in_order_under_a_prefix(account):
    for key in ("b/2", "a", "b/1", "c"):
        account.put_object("uploads", key, b"")
    assert [o.key for o in account.list_objects_v2("uploads")] == ["a", "b/1", "b/2", "c"]
    assert [o.key for o in account.list_objects_v2("uploads", prefix="b/")] == ["b/1", "b/2"]


def test_listing_with_a_delimiter_groups_folders(account):
    for key in ("in/a", "in/b", "out/c", "top"):
        account.put_object("uploads", key, b"")
    listing = account.list_objects_v2("uploads", delimiter="/")
    assert [o.key for o in listing] == ["top"]
    assert listing.common_prefixes == ("in/", "out/")
    assert listing.key_count == 3


def test_listing_pages_with_a_continuation_token(account):
    for n in range(5):
        account.put_object("uploads", f"k{n}", b"")
    first = account.list_objects_v2("uploads", max_keys=2)
    assert [o.key for o in first] == ["k0", "k1"] and first.is_truncated
    second = account.list_objects_v2(
        "uploads", max_keys=2, continuation_token=first.next_continuation_token
    )
    assert [o.key for o in second] == ["k2", "k3"]
    body = second.to_dict()
    assert body["KeyCount"] == 2 and body["IsTruncated"] is True
    assert body["Contents"][0]["ETag"] == f'"{hashlib.md5(b"").hexdigest()}"'


def test_a_key_of_1024_bytes_is_stored(account):
    account.put_object("uploads", "k" * 1024, b"x")
    assert "k" * 1024 in account.buckets["uploads"].objects


def test_a_key_over_1024_bytes_is_refused_as_s3_refuses_it_and_nothing_is_written(account):
    events = len(account.history)
    with pytest.raises(KeyTooLongError) as caught:
        account.put_object("uploads", "k" * 1025, b"x")
    assert (caught.value.code, caught.value.status) == ("KeyTooLongError", 400)
    assert caught.value.message == "Your key is too long."
    assert caught.value.details == {"Size": "1025", "MaxSizeAllowed": "1024"}
    assert account.buckets["uploads"].objects == {}
    assert len(account.history) == events


def test_the_key_limit_counts_utf8_bytes_not_characters(account):
    account.put_object("uploads", "猫" * 341, b"x")  # 1,023 bytes
    with pytest.raises(KeyTooLongError) as caught:
        account.put_object("uploads", "猫" * 342, b"x")  # 1,026 bytes
    assert caught.value.details["Size"] == "1026"


def test_a_copy_to_a_key_over_1024_bytes_is_refused_and_writes_nothing(account):
    account.put_object("uploads", "a.txt", b"hello")
    events = len(account.history)
    with pytest.raises(KeyTooLongError):
        account.copy_object("uploads", "b" * 2000, "uploads/a.txt")
    assert sorted(account.buckets["uploads"].objects) == ["a.txt"]
    assert len(account.history) == events
