"""Every simulated operation answers in botocore's output shape, with AWS's status code.

One scenario calls every simulated Lambda and S3 operation; an ``after-call`` hook on the
clients records what botocore returned for each, and each record is checked against the
operation's output shape in the service model.
"""

from __future__ import annotations

import json

import pytest
from boto_helpers import ARN, ROLE, returning, shape_errors

from lambda_model import Account
from lambda_model.aws import client
from lambda_model.aws.lambda_operations import OPERATIONS as LAMBDA_OPERATIONS
from lambda_model.aws.s3_operations import OPERATIONS as S3_OPERATIONS

#: Where AWS's status code differs from the one the botocore model declares (or the model
#: declares none, as for most of S3): DeleteFunction answers 204 [rule list 2.7].
STATUS = {("lambda", "DeleteFunction"): 204}


def run_scenario() -> list[tuple[str, str, int, dict]]:
    account = Account()
    lam, s3 = client("lambda", account), client("s3", account)
    seen: list[tuple[str, str, int, dict]] = []
    for made in (lam, s3):
        service = made.meta.service_model.service_name

        def record(http_response, parsed, model, service=service, **kwargs):
            seen.append((service, model.name, http_response.status_code, parsed))

        made.meta.events.register("after-call.*.*", record)

    lam.create_function(
        FunctionName="f", Runtime="python3.12", Role=ROLE, Handler="app.handler",
        Code={"ZipFile": returning(1)}, Environment={"Variables": {"SIZE": "64"}},
    )  # fmt: skip
    lam.update_function_code(FunctionName="f", ZipFile=returning(2))
    lam.update_function_configuration(FunctionName="f", Timeout=10)
    lam.get_function(FunctionName="f")
    lam.get_function_configuration(FunctionName="f")
    lam.list_functions()
    lam.publish_version(FunctionName="f")
    lam.publish_version(FunctionName="f")
    lam.list_versions_by_function(FunctionName="f")
    lam.create_alias(FunctionName="f", Name="PROD", FunctionVersion="1")
    lam.update_function_code(FunctionName="f", ZipFile=returning(3), Publish=True)
    lam.update_alias(
        FunctionName="f", Name="PROD", RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}}
    )
    lam.get_alias(FunctionName="f", Name="PROD")
    lam.list_aliases(FunctionName="f")
    lam.invoke(FunctionName="f", Qualifier="PROD", Payload=b"{}", LogType="Tail")
    lam.invoke(FunctionName="f", InvocationType="Event")
    lam.invoke(FunctionName="f", InvocationType="DryRun")
    lam.add_permission(
        FunctionName="f", Qualifier="PROD", StatementId="s3", Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com", SourceArn="arn:aws:s3:::uploads",
    )  # fmt: skip
    lam.get_policy(FunctionName="f", Qualifier="PROD")
    queue = account.create_queue("jobs")
    uuid = lam.create_event_source_mapping(EventSourceArn=queue, FunctionName="f:PROD")["UUID"]
    lam.get_event_source_mapping(UUID=uuid)
    lam.update_event_source_mapping(UUID=uuid, BatchSize=5)
    lam.list_event_source_mappings()
    lam.delete_event_source_mapping(UUID=uuid)
    s3.create_bucket(Bucket="uploads")
    s3.put_bucket_notification_configuration(
        Bucket="uploads",
        NotificationConfiguration={
            "LambdaFunctionConfigurations": [
                {"LambdaFunctionArn": f"{ARN}:f:PROD", "Events": ["s3:ObjectCreated:*"]}
            ]
        },
    )
    s3.get_bucket_notification_configuration(Bucket="uploads")
    s3.put_object(Bucket="uploads", Key="in/a b.txt", Body=b"hello")
    s3.get_object(Bucket="uploads", Key="in/a b.txt")
    s3.copy_object(Bucket="uploads", Key="out.txt", CopySource="uploads/in/a b.txt")
    s3.list_objects_v2(Bucket="uploads", Delimiter="/")
    s3.delete_object(Bucket="uploads", Key="out.txt")
    s3.delete_object(Bucket="uploads", Key="in/a b.txt")
    s3.delete_bucket(Bucket="uploads")
    lam.put_function_recursion_config(FunctionName="f", RecursiveLoop="Allow")
    lam.get_function_recursion_config(FunctionName="f")
    lam.remove_permission(FunctionName="f", Qualifier="PROD", StatementId="s3")
    lam.delete_alias(FunctionName="f", Name="PROD")
    lam.delete_function(FunctionName="f", Qualifier="3")
    lam.delete_function(FunctionName="f")
    return seen


SEEN = run_scenario()
CLIENTS = {"lambda": client("lambda"), "s3": client("s3")}


def test_the_scenario_calls_every_simulated_operation():
    called = {(service, name) for service, name, _, _ in SEEN}
    simulated = {("lambda", name) for name in LAMBDA_OPERATIONS} | {
        ("s3", name) for name in S3_OPERATIONS
    }
    assert simulated - called == set()


def test_every_simulated_operation_exists_in_the_botocore_model():
    for service, operations in (("lambda", LAMBDA_OPERATIONS), ("s3", S3_OPERATIONS)):
        names = set(CLIENTS[service].meta.service_model.operation_names)
        assert set(operations) - names == set()


@pytest.mark.parametrize(
    ("service", "operation", "status", "response"),
    SEEN,
    ids=[f"{service}-{name}-{n}" for n, (service, name, _, _) in enumerate(SEEN)],
)
def test_each_response_fits_the_output_shape(service, operation, status, response):
    assert shape_errors(CLIENTS[service], operation, response) == ""


@pytest.mark.parametrize(
    ("service", "operation", "status", "response"),
    [record for record in SEEN if record[1] != "Invoke"],
    ids=[f"{s}-{name}-{n}" for n, (s, name, _, _) in enumerate(SEEN) if name != "Invoke"],
)
def test_each_status_code_is_the_one_aws_sends(service, operation, status, response):
    declared = CLIENTS[service].meta.service_model.operation_model(operation).http
    expected = STATUS.get((service, operation), declared.get("responseCode", 200))
    assert status == expected
    assert response["ResponseMetadata"]["HTTPStatusCode"] == expected


def test_invoke_answers_200_202_and_204_by_invocation_type():
    statuses = [status for _, name, status, _ in SEEN if name == "Invoke"]
    assert statuses == [200, 202, 204]


def test_operations_that_answer_a_status_code_member_carry_it():
    deleted = [r for _, name, _, r in SEEN if name == "DeleteFunction"]
    assert [r["StatusCode"] for r in deleted] == [204, 204]


def test_the_shape_check_itself_reports_a_response_that_does_not_fit():
    wrong = {"FunctionName": 7, "NotAField": "x"}
    report = shape_errors(CLIENTS["lambda"], "GetFunctionConfiguration", wrong)
    assert "FunctionName" in report
    assert "NotAField" in report


def test_the_statement_returned_is_valid_json():
    (statement,) = [r["Statement"] for _, name, _, r in SEEN if name == "AddPermission"]
    assert json.loads(statement)["Sid"] == "s3"
