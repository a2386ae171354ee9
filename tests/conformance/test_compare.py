"""The comparison itself can fail: each way a response may differ from AWS's is caught."""

from __future__ import annotations

from .compare import Bindings, differences, normalise

RECORDED = {
    "FunctionArn": "arn:<partition>:lambda:<region>:111111111111:function:<function-name:1>:1",
    "RevisionId": "<uuid:1>",
    "CodeSize": "<code-size>",
    "LastModified": "date",
    "State": "Active",
    "ResponseMetadata": {"HTTPHeaders": {}, "HTTPStatusCode": 201},
}


def ours(**changes):
    response = {
        "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f:1",
        "RevisionId": "r-1",
        "CodeSize": 160,
        "LastModified": "2025-01-01T09:00:00.000+0000",
        "State": "Active",
        "ResponseMetadata": {"HTTPStatusCode": 201, "RequestId": "x"},
        **changes,
    }
    return normalise(response, "123456789012")


def test_a_response_like_aws_matches():
    assert differences(RECORDED, ours(), Bindings()) == []


def test_a_different_value_a_missing_field_and_an_extra_field_are_each_caught():
    response = ours(State="Pending", Extra=1)
    del response["RevisionId"]
    found = differences(RECORDED, response, Bindings())
    assert [line.split(":")[0] for line in found] == ["Extra", "RevisionId", "State"]


def test_a_status_code_and_an_arn_qualifier_are_compared():
    found = differences(
        RECORDED,
        ours(
            FunctionArn="arn:aws:lambda:us-east-1:123456789012:function:f",
            ResponseMetadata={"HTTPStatusCode": 200},
        ),
        Bindings(),
    )
    assert len(found) == 2


def test_a_revision_id_aws_changed_must_change_and_one_it_kept_must_be_kept():
    bindings = Bindings()
    assert differences({"R": "<uuid:1>"}, {"R": "a"}, bindings) == []
    assert differences({"R": "<uuid:2>"}, {"R": "a"}, bindings) != []  # AWS changed it
    assert differences({"R": "<uuid:1>"}, {"R": "b"}, bindings) != []  # AWS kept it
