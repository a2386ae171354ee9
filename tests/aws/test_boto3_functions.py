"""Functions through boto3: create, read, update, list and delete (rule list sections 1, 2)."""

from __future__ import annotations

import json

import pytest
from boto_helpers import ARN, ROLE, package, returning, shape_errors
from botocore.exceptions import ClientError


def error(excinfo) -> tuple[str, str, int]:
    response = excinfo.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response["ResponseMetadata"]["HTTPStatusCode"],
    )


def test_create_function_answers_201_with_the_latest_configuration(make_function, lam):
    response = make_function()
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 201
    assert response["FunctionArn"] == f"{ARN}:thumbnailer"
    assert response["Version"] == "$LATEST"
    assert response["State"] == "Pending"
    assert shape_errors(lam, "CreateFunction", response) == ""


def test_the_handler_named_module_dot_function_is_loaded_from_the_zip(make_function, lam):
    code = package("def resize(event, context):\n    return event['size'] // 2\n", "images")
    make_function(code=code, handler="images.resize")
    result = lam.invoke(FunctionName="thumbnailer", Payload=json.dumps({"size": 640}))
    assert json.load(result["Payload"]) == 320


def test_a_zip_package_needs_a_runtime_and_a_handler(lam):
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as excinfo:
        lam.create_function(FunctionName="f", Role=ROLE, Code={"ZipFile": returning(1)})
    assert error(excinfo) == (
        "InvalidParameterValueException",
        "Runtime and Handler are mandatory parameters for functions created with deployment "
        "packages.",
        400,
    )


def test_code_that_is_not_a_zip_is_refused(make_function, lam):
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as excinfo:
        make_function(code=b"not a zip")
    assert "Could not unzip uploaded file" in error(excinfo)[1]


def test_any_well_formed_role_arn_is_accepted(lam):
    role = "arn:aws:iam::210987654321:role/service-role/anything-at-all"
    response = lam.create_function(
        FunctionName="f", Runtime="python3.12", Role=role, Handler="app.handler",
        Code={"ZipFile": returning(1)},
    )  # fmt: skip
    assert response["Role"] == role


def test_a_malformed_role_arn_is_a_validation_exception(lam):
    with pytest.raises(ClientError) as excinfo:
        lam.create_function(
            FunctionName="f", Runtime="python3.12", Role="lambda-role", Handler="app.handler",
            Code={"ZipFile": returning(1)},
        )  # fmt: skip
    assert error(excinfo)[0] == "ValidationException"


def test_a_second_function_with_the_same_name_conflicts(make_function, lam):
    make_function()
    with pytest.raises(lam.exceptions.ResourceConflictException) as excinfo:
        make_function()
    assert error(excinfo) == (
        "ResourceConflictException",
        "Function already exist: thumbnailer",
        409,
    )


def test_a_bare_name_over_64_characters_is_an_invalid_parameter_value(make_function, lam):
    name = "a" * 65
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as excinfo:
        make_function(name=name)
    assert error(excinfo) == (
        "InvalidParameterValueException",
        f"1 validation error detected: Value '{name}' at 'functionName' failed to satisfy "
        "constraint: Member must have length less than or equal to 64",
        400,
    )


def test_a_name_that_breaks_the_pattern_is_a_generic_validation_exception(lam):
    with pytest.raises(ClientError) as excinfo:
        lam.get_function(FunctionName="my-function!")
    code, message, status = error(excinfo)
    assert type(excinfo.value) is ClientError
    assert (code, status) == ("ValidationException", 400)
    assert message.startswith(
        "1 validation error detected: Value 'my-function!' at 'functionName' failed to satisfy "
        "constraint: Member must satisfy regular expression pattern: "
    )


def test_get_function_with_a_too_long_name_is_simply_not_found(lam):
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_function(FunctionName="a" * 65)


def test_get_function_answers_the_configuration_and_a_code_location(make_function, lam):
    make_function()
    response = lam.get_function(FunctionName="thumbnailer")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["Configuration"]["FunctionName"] == "thumbnailer"
    assert response["Code"]["RepositoryType"] == "S3"
    assert response["Code"]["Location"].startswith("https://")
    assert shape_errors(lam, "GetFunction", response) == ""


def test_responses_carry_the_bare_name_even_when_called_by_arn(make_function, lam):
    make_function()
    response = lam.get_function_configuration(FunctionName=f"{ARN}:thumbnailer")
    assert response["FunctionName"] == "thumbnailer"


def test_a_partial_arn_names_the_function(make_function, lam):
    make_function()
    response = lam.get_function_configuration(FunctionName="123456789012:function:thumbnailer")
    assert response["FunctionArn"] == f"{ARN}:thumbnailer"


def test_get_function_through_an_alias_shows_the_alias_arn_and_its_version(released, lam):
    response = lam.get_function(FunctionName="thumbnailer", Qualifier="PROD")
    assert response["Configuration"]["FunctionArn"] == f"{ARN}:thumbnailer:PROD"
    assert response["Configuration"]["Version"] == "1"


def test_a_function_in_another_region_is_not_reachable(make_function, lam):
    make_function()
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.get_function(FunctionName="arn:aws:lambda:ap-southeast-1:123456789012:function:x")
    assert error(excinfo)[1] == (
        "Functions from 'ap-southeast-1' are not reachable in this region ('us-east-1')"
    )


def test_a_qualifier_in_the_name_must_match_the_qualifier_parameter(released, lam):
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as excinfo:
        lam.get_function(FunctionName="thumbnailer:PROD", Qualifier="1")
    assert error(excinfo)[1] == (
        "The derived qualifier from the function name does not match the specified qualifier."
    )


def test_latest_is_case_sensitive(make_function, lam):
    make_function()
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.get_function(FunctionName="thumbnailer", Qualifier="$latest")
    assert error(excinfo)[1] == f"Function not found: {ARN}:thumbnailer:$latest"


def test_a_missing_version_is_not_found_naming_the_qualified_arn(make_function, lam):
    make_function()
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.get_function_configuration(FunctionName="thumbnailer", Qualifier="9")
    assert error(excinfo) == (
        "ResourceNotFoundException",
        f"Function not found: {ARN}:thumbnailer:9",
        404,
    )


def test_update_function_code_changes_only_latest(released, lam):
    response = lam.update_function_code(FunctionName="thumbnailer", ZipFile=returning("v3"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert response["LastUpdateStatus"] == "InProgress"
    assert shape_errors(lam, "UpdateFunctionCode", response) == ""
    latest = lam.invoke(FunctionName="thumbnailer")
    first = lam.invoke(FunctionName="thumbnailer", Qualifier="1")
    assert (json.load(latest["Payload"]), json.load(first["Payload"])) == ("v3", "v1")


def test_update_function_configuration_keeps_what_it_does_not_name(make_function, lam):
    make_function(MemorySize=256, Description="resizes images")
    response = lam.update_function_configuration(
        FunctionName="thumbnailer", Timeout=30, Environment={"Variables": {"SIZE": "64"}}
    )
    assert (response["MemorySize"], response["Description"], response["Timeout"]) == (
        256,
        "resizes images",
        30,
    )
    assert response["Environment"] == {"Variables": {"SIZE": "64"}}
    assert shape_errors(lam, "UpdateFunctionConfiguration", response) == ""


def test_a_published_version_cannot_be_updated(released, lam):
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as excinfo:
        lam.update_function_configuration(FunctionName="thumbnailer:1", Timeout=9)
    assert error(excinfo)[1] == "Current operation does not support versions other than $LATEST"


def test_update_with_a_stale_revision_id_fails_its_precondition(make_function, lam):
    make_function()
    with pytest.raises(lam.exceptions.PreconditionFailedException) as excinfo:
        lam.update_function_code(
            FunctionName="thumbnailer", ZipFile=returning(2), RevisionId="stale"
        )
    assert error(excinfo) == (
        "PreconditionFailedException",
        "The Revision Id provided does not match the latest Revision Id. Call the "
        "GetFunction/GetAlias API to retrieve the latest Revision Id",
        412,
    )


def test_list_functions_lists_latest_of_each_function_by_name(make_function, lam):
    make_function(name="b")
    make_function(name="a")
    response = lam.list_functions()
    assert [f["FunctionName"] for f in response["Functions"]] == ["a", "b"]
    assert shape_errors(lam, "ListFunctions", response) == ""


def test_list_functions_pages_through_the_paginator(make_function, lam):
    for n in range(7):
        make_function(name=f"f{n}")
    pages = list(lam.get_paginator("list_functions").paginate(PaginationConfig={"PageSize": 3}))
    assert [len(page["Functions"]) for page in pages] == [3, 3, 1]


def test_delete_function_answers_204_and_removes_everything(released, lam):
    response = lam.delete_function(FunctionName="thumbnailer")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        lam.get_alias(FunctionName="thumbnailer", Name="PROD")


def test_deleting_latest_alone_is_refused(make_function, lam):
    make_function()
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as excinfo:
        lam.delete_function(FunctionName="thumbnailer", Qualifier="$LATEST")
    assert error(excinfo)[1] == "$LATEST version cannot be deleted without deleting the function."


def test_delete_function_does_not_delete_aliases(released, lam):
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as excinfo:
        lam.delete_function(FunctionName="thumbnailer", Qualifier="PROD")
    assert error(excinfo)[1] == "Deletion of aliases is not currently supported."


def test_a_version_an_alias_points_to_cannot_be_deleted(released, lam):
    with pytest.raises(lam.exceptions.ResourceConflictException) as excinfo:
        lam.delete_function(FunctionName="thumbnailer", Qualifier="1")
    assert error(excinfo) == (
        "ResourceConflictException",
        "Unable to delete version because the following aliases reference it: [PROD]",
        409,
    )


def test_deleting_a_version_that_does_not_exist_is_a_no_op(released, lam):
    response = lam.delete_function(FunctionName="thumbnailer", Qualifier="42")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_deleting_a_missing_function_is_not_found(lam):
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.delete_function(FunctionName="ghost")
    assert error(excinfo)[1] == f"Function not found: {ARN}:ghost"


def test_code_can_come_from_a_bucket_of_the_same_account(lam, s3):
    s3.create_bucket(Bucket="builds")
    s3.put_object(Bucket="builds", Key="thumbnailer.zip", Body=returning("from s3"))
    lam.create_function(
        FunctionName="thumbnailer", Runtime="python3.12", Role=ROLE, Handler="app.handler",
        Code={"S3Bucket": "builds", "S3Key": "thumbnailer.zip"},
    )  # fmt: skip
    assert json.load(lam.invoke(FunctionName="thumbnailer")["Payload"]) == "from s3"


def test_code_from_a_missing_object_is_an_invalid_parameter_value(lam, s3):
    s3.create_bucket(Bucket="builds")
    with pytest.raises(lam.exceptions.InvalidParameterValueException) as excinfo:
        lam.update_function_code(FunctionName="thumbnailer", S3Bucket="builds", S3Key="nope.zip")
    assert error(excinfo)[1] == (
        "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The "
        "specified key does not exist."
    )


def test_a_not_found_carries_the_fields_its_error_shape_names(lam):
    with pytest.raises(lam.exceptions.ResourceNotFoundException) as excinfo:
        lam.get_function(FunctionName="ghost")
    response = excinfo.value.response
    assert response["Type"] == "User"
    assert response["Message"] == response["Error"]["Message"]


def test_create_function_in_another_account_is_a_bare_403():
    # AWS recording test_function_arns function_arn_other_account_exc (2025-11-25).
    import io
    import zipfile

    from botocore.exceptions import ClientError

    from lambda_model.aws import client

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", "def handler(e, c):\n    return e\n")
    lam = client("lambda")
    try:
        lam.create_function(
            FunctionName="arn:aws:lambda:us-east-1:210987654321:function:theirs",
            Runtime="python3.12",
            Role="arn:aws:iam::123456789012:role/r",
            Handler="index.handler",
            Code={"ZipFile": buffer.getvalue()},
        )
    except ClientError as err:
        assert err.response["Error"] == {"Code": "AccessDeniedException", "Message": None}
        assert err.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    else:
        raise AssertionError("created a function in another account")
    assert lam.list_functions()["Functions"] == []


def test_architectures_are_checked_as_aws_checks_them():
    # AWS recording test_create_lambda_exceptions multiple_architectures/uppercase_architecture.
    from botocore.exceptions import ClientError

    from lambda_model.aws import client

    lam = client("lambda")
    common = {
        "FunctionName": "f",
        "Runtime": "python3.12",
        "Role": "arn:aws:iam::123456789012:role/r",
        "Handler": "index.handler",
        "Code": {"ZipFile": b"PK\x05\x06" + b"\x00" * 18},
    }
    messages = []
    for architectures in (["x86_64", "arm64"], ["X86_64"]):
        try:
            lam.create_function(Architectures=architectures, **common)
        except ClientError as err:
            messages.append(err.response["Error"]["Message"])
    assert messages == [
        "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed to "
        "satisfy constraint: Member must have length less than or equal to 1",
        "1 validation error detected: Value '[X86_64]' at 'architectures' failed to satisfy "
        "constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
        "[x86_64, arm64], Member must not be null]",
    ]
