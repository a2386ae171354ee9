"""Versions through boto3: publish, the no-change rule, preconditions, numbering, listing
(rule list section 2)."""

from __future__ import annotations

import pytest
from boto_helpers import ARN, returning, shape_errors


def test_publish_version_answers_201_with_the_new_version(make_function, lam):
    make_function()
    response = lam.publish_version(FunctionName="thumbnailer", Description="first")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert (response["Version"], response["FunctionArn"]) == ("1", f"{ARN}:thumbnailer:1")
    assert response["Description"] == "first"
    assert shape_errors(lam, "PublishVersion", response) == ""


def test_publishing_with_no_update_since_returns_the_latest_version(make_function, lam):
    make_function()
    first = lam.publish_version(FunctionName="thumbnailer", Description="first")
    again = lam.publish_version(FunctionName="thumbnailer", Description="ignored")
    assert again["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert (again["Version"], again["Description"]) == ("1", "first")
    assert again["RevisionId"] == first["RevisionId"]


def test_any_update_call_counts_as_a_change_even_with_identical_code(make_function, lam):
    code = returning("same")
    make_function(code=code)
    lam.publish_version(FunctionName="thumbnailer")
    lam.update_function_code(FunctionName="thumbnailer", ZipFile=code)
    assert lam.publish_version(FunctionName="thumbnailer")["Version"] == "2"


def test_a_stale_revision_id_fails_publish_with_412(make_function, lam):
    make_function()
    with pytest.raises(lam.exceptions.PreconditionFailedException) as excinfo:
        lam.publish_version(FunctionName="thumbnailer", RevisionId="stale")
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 412


def test_a_wrong_code_sha256_is_an_invalid_parameter_value_not_a_precondition(make_function, lam):
    latest = make_function()["CodeSha256"]
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as excinfo:
        lam.publish_version(FunctionName="thumbnailer", CodeSha256="abc")
    assert excinfo.value.response["Error"]["Message"] == (
        f"CodeSHA256 (abc) is different from current CodeSHA256 in $LATEST ({latest}). "
        "Please try again with the CodeSHA256 in $LATEST."
    )


def test_create_function_with_publish_reports_version_1_under_the_unqualified_arn(
    make_function,
):
    response = make_function(Publish=True)
    assert (response["Version"], response["FunctionArn"]) == ("1", f"{ARN}:thumbnailer")


def test_update_code_with_publish_answers_the_new_versions_configuration(released, lam):
    response = lam.update_function_code(
        FunctionName="thumbnailer", ZipFile=returning("v3"), Publish=True
    )
    assert (response["Version"], response["FunctionArn"]) == ("3", f"{ARN}:thumbnailer:3")


def test_version_numbers_are_never_reused_after_a_deletion(released, lam):
    lam.delete_function(FunctionName="thumbnailer", Qualifier="2")
    lam.update_function_code(FunctionName="thumbnailer", ZipFile=returning("v3"))
    assert lam.publish_version(FunctionName="thumbnailer")["Version"] == "3"


def test_a_version_keeps_its_code_after_latest_moves_on(released, lam):
    before = lam.get_function(FunctionName="thumbnailer", Qualifier="1")["Configuration"]
    lam.update_function_code(FunctionName="thumbnailer", ZipFile=returning("v9"))
    after = lam.get_function(FunctionName="thumbnailer", Qualifier="1")["Configuration"]
    assert after["CodeSha256"] == before["CodeSha256"]
    assert after["RevisionId"] == before["RevisionId"]


def test_versions_are_listed_latest_first_then_in_number_order(released, lam):
    response = lam.list_versions_by_function(FunctionName="thumbnailer")
    assert [v["Version"] for v in response["Versions"]] == ["$LATEST", "1", "2"]
    assert response["Versions"][0]["FunctionArn"] == f"{ARN}:thumbnailer:$LATEST"
    assert "NextMarker" not in response
    assert shape_errors(lam, "ListVersionsByFunction", response) == ""


def test_listed_versions_omit_the_state_fields(released, lam):
    listed = lam.list_versions_by_function(FunctionName="thumbnailer")["Versions"]
    assert not any({"State", "LastUpdateStatus"} & item.keys() for item in listed)


def test_the_paginator_gets_at_most_50_versions_a_page(make_function, lam):
    make_function()
    for n in range(120):
        lam.update_function_code(FunctionName="thumbnailer", ZipFile=returning(n))
        lam.publish_version(FunctionName="thumbnailer")
    paginator = lam.get_paginator("list_versions_by_function")
    pages = list(paginator.paginate(FunctionName="thumbnailer"))
    assert [len(page["Versions"]) for page in pages] == [50, 50, 21]
    versions = [v["Version"] for page in pages for v in page["Versions"]]
    assert versions == ["$LATEST", *map(str, range(1, 121))]


def test_max_items_cannot_raise_the_page_size_above_50(make_function, lam):
    make_function()
    for n in range(60):
        lam.update_function_code(FunctionName="thumbnailer", ZipFile=returning(n))
        lam.publish_version(FunctionName="thumbnailer")
    page = lam.list_versions_by_function(FunctionName="thumbnailer", MaxItems=1000)
    assert len(page["Versions"]) == 50
    assert "NextMarker" in page


def test_listing_the_versions_of_a_missing_function_is_not_found(lam):
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.list_versions_by_function(FunctionName="ghost")
