"""S3 through boto3: buckets, objects, listings (rule list section 6, S3 errors of section 8)."""

from __future__ import annotations

import datetime
import hashlib

import pytest
from boto_helpers import shape_errors
from botocore.exceptions import ClientError


def failure(excinfo) -> tuple[str, str, int]:
    response = excinfo.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def test_create_bucket_answers_its_location(s3):
    response = s3.create_bucket(Bucket="uploads")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["Location"] == "/uploads"
    assert shape_errors(s3, "CreateBucket", response) == ""


def test_creating_a_bucket_you_own_again_in_us_east_1_answers_200(s3, uploads):
    # S3's BucketAlreadyOwnedByYou doc: us-east-1 answers 200 OK (legacy compatibility).
    response = s3.create_bucket(Bucket="uploads")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["Location"] == "/uploads"


def test_creating_a_bucket_you_own_again_elsewhere_is_a_conflict():
    from lambda_model import Account
    from lambda_model.aws import client

    s3 = client("s3", Account(region="eu-west-1"))
    where = {"LocationConstraint": "eu-west-1"}
    s3.create_bucket(Bucket="uploads", CreateBucketConfiguration=where)
    with pytest.raises(s3.exceptions.BucketAlreadyOwnedByYou) as excinfo:
        s3.create_bucket(Bucket="uploads", CreateBucketConfiguration=where)
    assert failure(excinfo)[::2] == ("BucketAlreadyOwnedByYou", 409)
    assert excinfo.value.response["Error"]["BucketName"] == "uploads"


def test_a_bucket_name_s3_does_not_allow_is_invalid(s3):
    with pytest.raises(ClientError) as excinfo:
        s3.create_bucket(Bucket="ab")
    assert failure(excinfo) == ("InvalidBucketName", "The specified bucket is not valid.", 400)


def test_delete_bucket_answers_204(s3, uploads):
    assert s3.delete_bucket(Bucket="uploads")["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_a_bucket_that_holds_objects_cannot_be_deleted(s3, uploads):
    s3.put_object(Bucket="uploads", Key="a", Body=b"x")
    with pytest.raises(ClientError) as excinfo:
        s3.delete_bucket(Bucket="uploads")
    assert failure(excinfo)[::2] == ("BucketNotEmpty", 409)


def test_a_missing_bucket_is_no_such_bucket(s3):
    with pytest.raises(s3.exceptions.NoSuchBucket) as excinfo:
        s3.put_object(Bucket="nowhere", Key="a", Body=b"x")
    assert failure(excinfo) == ("NoSuchBucket", "The specified bucket does not exist", 404)


def test_put_object_answers_the_quoted_md5_etag(s3, uploads):
    response = s3.put_object(Bucket="uploads", Key="cat.jpg", Body=b"meow")
    assert response["ETag"] == f'"{hashlib.md5(b"meow").hexdigest()}"'
    assert shape_errors(s3, "PutObject", response) == ""


def test_get_object_streams_the_body_back_with_its_metadata(s3, uploads):
    s3.put_object(Bucket="uploads", Key="cat.jpg", Body=b"meow", ContentType="image/jpeg")
    response = s3.get_object(Bucket="uploads", Key="cat.jpg")
    assert response["Body"].read() == b"meow"
    assert (response["ContentLength"], response["ContentType"]) == (4, "image/jpeg")
    assert isinstance(response["LastModified"], datetime.datetime)
    assert shape_errors(s3, "GetObject", response) == ""


def test_get_object_of_a_missing_key_is_no_such_key(s3, uploads):
    with pytest.raises(s3.exceptions.NoSuchKey) as excinfo:
        s3.get_object(Bucket="uploads", Key="dog.jpg")
    assert failure(excinfo) == ("NoSuchKey", "The specified key does not exist.", 404)
    assert excinfo.value.response["Error"]["Key"] == "dog.jpg"


def test_put_object_with_a_key_over_1024_bytes_is_key_too_long(s3, uploads):
    with pytest.raises(ClientError) as excinfo:
        s3.put_object(Bucket="uploads", Key="k" * 1025, Body=b"meow")
    assert failure(excinfo) == ("KeyTooLongError", "Your key is too long.", 400)
    error = excinfo.value.response["Error"]
    assert (error["Size"], error["MaxSizeAllowed"]) == ("1025", "1024")


def test_copy_object_to_a_key_over_1024_bytes_is_key_too_long(s3, uploads):
    s3.put_object(Bucket="uploads", Key="cat.jpg", Body=b"meow")
    with pytest.raises(ClientError) as excinfo:
        s3.copy_object(Bucket="uploads", Key="猫" * 342, CopySource="uploads/cat.jpg")
    assert failure(excinfo) == ("KeyTooLongError", "Your key is too long.", 400)
    assert [o["Key"] for o in s3.list_objects_v2(Bucket="uploads")["Contents"]] == ["cat.jpg"]


def test_delete_object_answers_204_even_for_a_missing_key(s3, uploads):
    response = s3.delete_object(Bucket="uploads", Key="never-there")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_copy_object_copies_the_bytes_and_etag(s3, uploads):
    etag = s3.put_object(Bucket="uploads", Key="in/a.jpg", Body=b"meow")["ETag"]
    response = s3.copy_object(
        Bucket="uploads", Key="out/a.jpg", CopySource={"Bucket": "uploads", "Key": "in/a.jpg"}
    )
    assert response["CopyObjectResult"]["ETag"] == etag
    assert shape_errors(s3, "CopyObject", response) == ""
    assert s3.get_object(Bucket="uploads", Key="out/a.jpg")["Body"].read() == b"meow"


def test_keys_with_spaces_and_plus_signs_list_back_unchanged(s3, uploads):
    keys = ["in/a b.jpg", "in/a+b.jpg", "in/caf\u00e9.jpg"]
    for key in keys:
        s3.put_object(Bucket="uploads", Key=key, Body=b"x")
    response = s3.list_objects_v2(Bucket="uploads")
    assert sorted(item["Key"] for item in response["Contents"]) == sorted(keys)
    assert response["KeyCount"] == 3
    assert shape_errors(s3, "ListObjectsV2", response) == ""


def test_a_delimiter_groups_keys_into_common_prefixes(s3, uploads):
    for key in ("in/a.jpg", "in/b.jpg", "out/c.jpg", "top.txt"):
        s3.put_object(Bucket="uploads", Key=key, Body=b"x")
    response = s3.list_objects_v2(Bucket="uploads", Delimiter="/")
    assert [p["Prefix"] for p in response["CommonPrefixes"]] == ["in/", "out/"]
    assert [item["Key"] for item in response["Contents"]] == ["top.txt"]


def test_the_list_objects_v2_paginator_walks_every_key(s3, uploads):
    for n in range(7):
        s3.put_object(Bucket="uploads", Key=f"k{n}", Body=b"x")
    paginator = s3.get_paginator("list_objects_v2")
    pages = list(paginator.paginate(Bucket="uploads", PaginationConfig={"PageSize": 3}))
    assert [len(page["Contents"]) for page in pages] == [3, 3, 1]
    assert [item["Key"] for page in pages for item in page["Contents"]] == [
        f"k{n}" for n in range(7)
    ]
