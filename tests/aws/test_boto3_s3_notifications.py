"""S3 bucket notifications to Lambda through boto3: destination validation on the exact ARN,
filter rules, overlaps, and delivery through an alias (rule list sections 5.4 and 6)."""

from __future__ import annotations

import pytest
from boto_helpers import ARN

PROD = f"{ARN}:thumbnailer:PROD"
GRANT = {
    "StatementId": "s3",
    "Action": "lambda:InvokeFunction",
    "Principal": "s3.amazonaws.com",
    "SourceArn": "arn:aws:s3:::uploads",
}


def notify(target: str, *, events=("s3:ObjectCreated:*",), **filter_rules) -> dict:
    entry: dict = {"LambdaFunctionArn": target, "Events": list(events)}
    if filter_rules:
        rules = [{"Name": name, "Value": value} for name, value in filter_rules.items()]
        entry["Filter"] = {"Key": {"FilterRules": rules}}
    return {"LambdaFunctionConfigurations": [entry]}


def invalid_argument(excinfo) -> dict:
    response = excinfo.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return response["Error"]


def test_a_destination_without_a_grant_cannot_be_validated(released, s3, uploads):
    with pytest.raises(s3.exceptions.ClientError) as excinfo:
        s3.put_bucket_notification_configuration(
            Bucket="uploads", NotificationConfiguration=notify(PROD)
        )
    assert invalid_argument(excinfo) == {
        "Code": "InvalidArgument",
        "Message": "Unable to validate the following destination configurations",
        "ArgumentName1": f"{PROD}, null",
        "ArgumentValue1": f"Not authorized to invoke function [{PROD}]",
    }


def test_a_grant_on_the_function_does_not_validate_the_alias_arn(released, lam, s3, uploads):
    lam.add_permission(FunctionName="thumbnailer", **GRANT)
    with pytest.raises(s3.exceptions.ClientError) as excinfo:
        s3.put_bucket_notification_configuration(
            Bucket="uploads", NotificationConfiguration=notify(PROD)
        )
    assert invalid_argument(excinfo)["Code"] == "InvalidArgument"


def test_a_grant_on_the_alias_validates_the_alias_arn(released, lam, s3, uploads):
    lam.add_permission(FunctionName="thumbnailer", Qualifier="PROD", **GRANT)
    response = s3.put_bucket_notification_configuration(
        Bucket="uploads", NotificationConfiguration=notify(PROD)
    )
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_skip_destination_validation_stores_the_configuration_as_given(released, s3, uploads):
    s3.put_bucket_notification_configuration(
        Bucket="uploads", NotificationConfiguration=notify(PROD), SkipDestinationValidation=True
    )
    stored = s3.get_bucket_notification_configuration(Bucket="uploads")
    assert [c["LambdaFunctionArn"] for c in stored["LambdaFunctionConfigurations"]] == [PROD]


def test_an_arn_that_cannot_be_parsed_is_refused_even_unvalidated(released, s3, uploads):
    with pytest.raises(s3.exceptions.ClientError) as excinfo:
        s3.put_bucket_notification_configuration(
            Bucket="uploads",
            NotificationConfiguration=notify("invalid-queue"),
            SkipDestinationValidation=True,
        )
    assert invalid_argument(excinfo) == {
        "Code": "InvalidArgument",
        "Message": "The ARN could not be parsed",
        "ArgumentName": "CloudFunction",
        "ArgumentValue": "invalid-queue",
    }


def test_a_filter_rule_name_must_be_prefix_or_suffix(released, s3, uploads):
    with pytest.raises(s3.exceptions.ClientError) as excinfo:
        s3.put_bucket_notification_configuration(
            Bucket="uploads",
            NotificationConfiguration=notify(PROD, middle="x"),
            SkipDestinationValidation=True,
        )
    error = invalid_argument(excinfo)
    assert error["Message"] == "filter rule name must be either prefix or suffix"
    assert (error["ArgumentName"], error["ArgumentValue"]) == ("FilterRule.Name", "middle")


def test_filter_rule_names_come_back_capitalised(released, lam, s3, uploads):
    lam.add_permission(FunctionName="thumbnailer", Qualifier="PROD", **GRANT)
    s3.put_bucket_notification_configuration(
        Bucket="uploads", NotificationConfiguration=notify(PROD, prefix="in/", SUFFIX=".jpg")
    )
    stored = s3.get_bucket_notification_configuration(Bucket="uploads")
    rules = stored["LambdaFunctionConfigurations"][0]["Filter"]["Key"]["FilterRules"]
    assert rules == [{"Name": "Prefix", "Value": "in/"}, {"Name": "Suffix", "Value": ".jpg"}]


def test_two_entries_sharing_an_event_type_without_filters_overlap(released, s3, uploads):
    entries = notify(PROD)["LambdaFunctionConfigurations"] * 2
    with pytest.raises(s3.exceptions.ClientError) as excinfo:
        s3.put_bucket_notification_configuration(
            Bucket="uploads",
            NotificationConfiguration={"LambdaFunctionConfigurations": entries},
            SkipDestinationValidation=True,
        )
    assert invalid_argument(excinfo)["Message"] == (
        "Configurations overlap. Configurations on the same bucket cannot share a common event "
        "type."
    )


def test_an_empty_configuration_turns_notifications_off(released, lam, s3, uploads):
    lam.add_permission(FunctionName="thumbnailer", Qualifier="PROD", **GRANT)
    s3.put_bucket_notification_configuration(
        Bucket="uploads", NotificationConfiguration=notify(PROD)
    )
    s3.put_bucket_notification_configuration(Bucket="uploads", NotificationConfiguration={})
    stored = s3.get_bucket_notification_configuration(Bucket="uploads")
    assert "LambdaFunctionConfigurations" not in stored


def test_an_upload_runs_the_version_the_alias_points_to_at_delivery(
    released, lam, s3, uploads, account
):
    lam.add_permission(FunctionName="thumbnailer", Qualifier="PROD", **GRANT)
    s3.put_bucket_notification_configuration(
        Bucket="uploads", NotificationConfiguration=notify(PROD)
    )
    s3.put_object(Bucket="uploads", Key="a.jpg", Body=b"x")
    lam.update_alias(FunctionName="thumbnailer", Name="PROD", FunctionVersion="2")
    s3.put_object(Bucket="uploads", Key="b.jpg", Body=b"x")
    uploads_seen = [e for e in account.history if type(e).__name__ == "ObjectCreated"]
    assert [d.executed_version for e in uploads_seen for d in e.deliveries] == ["1", "2"]


def test_a_bucket_wired_to_a_version_arn_stays_on_that_version(released, lam, s3, uploads, account):
    version_arn = f"{ARN}:thumbnailer:1"
    lam.add_permission(FunctionName="thumbnailer", Qualifier="1", **GRANT)
    s3.put_bucket_notification_configuration(
        Bucket="uploads", NotificationConfiguration=notify(version_arn)
    )
    lam.update_alias(FunctionName="thumbnailer", Name="PROD", FunctionVersion="2")
    s3.put_object(Bucket="uploads", Key="a.jpg", Body=b"x")
    delivery = account.history[-1].deliveries[0]
    assert (delivery.target_arn, delivery.executed_version) == (version_arn, "1")
