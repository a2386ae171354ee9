"""Replays for the function API: create, read, update, delete, name and qualifier validation.

Recordings: ``recordings/lambda_api.json`` (LocalStack's tests/aws/services/lambda_/
test_lambda_api.snapshot.json). The call sequences are ours, written from the recorded names.
"""

from __future__ import annotations

from botocore.exceptions import ParamValidationError

from .harness import ROLE, Session, echo_zip, replay

API = "lambda_api"
FN = "TestLambdaFunction::"


@replay("functions", API, FN + "test_function_lifecycle")
def function_lifecycle(s: Session) -> None:
    s.create_fixture("create_response", "fn-life", MemorySize=256, Timeout=5)
    s.call("get_function_response", s.lam.get_function, FunctionName="fn-life")
    s.call(
        "update_func_conf_response",
        s.lam.update_function_configuration,
        FunctionName="fn-life",
        Runtime="python3.11",
        Description="Changed-Description",
        MemorySize=512,
        Timeout=10,
        Environment={"Variables": {"ENV_A": "a"}},
    )
    s.call("get_function_response_postupdate", s.lam.get_function, FunctionName="fn-life")
    s.call(
        "update_code_response",
        s.lam.update_function_code,
        FunctionName="fn-life",
        ZipFile=_other_package(),
    )
    s.call("get_function_response_postcodeupdate", s.lam.get_function, FunctionName="fn-life")
    s.call("delete_response", s.lam.delete_function, FunctionName="fn-life")
    s.call("delete_postdelete", s.lam.delete_function, FunctionName="fn-life")


def _other_package() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return {'v': 2}\n")
    return buffer.getvalue()


@replay("functions", API, FN + "test_redundant_updates")
def redundant_updates(s: Session) -> None:
    s.create_fixture("create_response", "fn-redundant", Description="Initial description")
    update = {"FunctionName": "fn-redundant", "Description": "1st update description"}
    s.call("first_update_result", s.lam.update_function_configuration, **update)
    s.call("get_fn_config_result", s.lam.get_function_configuration, FunctionName="fn-redundant")
    s.call("get_fn_result", s.lam.get_function, FunctionName="fn-redundant")
    s.call("redundant_update_result", s.lam.update_function_configuration, **update)
    s.call("get_fn_result_after_redundant_update", s.lam.get_function, FunctionName="fn-redundant")


def _qualifier_mismatch(s: Session, operation: str) -> None:
    call = getattr(s.lam, operation)
    name = "some-function"
    s.call("not_match_exception", call, FunctionName=s.arn(name, "1"), Qualifier="$LATEST")
    s.call("match_exception", call, FunctionName=s.arn(name, "$LATEST"), Qualifier="$LATEST")


for _op in ("delete_function", "get_function", "get_function_configuration"):
    replay("functions", API, f"{FN}test_ops_with_arn_qualifier_mismatch[{_op}]", operation=_op)(
        _qualifier_mismatch
    )


def _nonexisting_version(s: Session, operation: str) -> None:
    s.create_fixture(None, "i-exist-v", Description="Initial description")
    s.call(
        "version_not_found_exception",
        getattr(s.lam, operation),
        FunctionName="i-exist-v",
        Qualifier="1221",
    )


for _op in ("get_function", "get_function_configuration"):
    replay("functions", API, f"{FN}test_ops_on_nonexisting_version[{_op}]", operation=_op)(
        _nonexisting_version
    )


@replay("functions", API, FN + "test_delete_on_nonexisting_version")
def delete_on_nonexisting_version(s: Session) -> None:
    s.create_fixture(None, "i-exist-d", Description="Initial description")
    s.call(None, s.lam.delete_function, FunctionName="i-exist-d", Qualifier="1233")
    s.call(None, s.lam.delete_function, FunctionName="i-exist-d", Qualifier="1233")
    s.call(None, s.lam.delete_function, FunctionName="i-exist-d")
    s.call("delete_function_response_non_existent", s.lam.delete_function, FunctionName="i-exist-d")
    s.call(
        "delete_function_response_non_existent_with_qualifier",
        s.lam.delete_function,
        FunctionName="i-exist-d",
        Qualifier="1233",
    )


def _nonexisting_fn(s: Session, operation: str) -> None:
    s.call("not_found_exception", getattr(s.lam, operation), FunctionName="i-dont-exist-x")


for _op in ("delete_function", "get_function", "get_function_configuration"):
    replay("functions", API, f"{FN}test_ops_on_nonexisting_fn[{_op}]", operation=_op)(
        _nonexisting_fn
    )


def _wrong_region(s: Session, operation: str) -> None:
    s.create_fixture(None, "i-exist-r", Description="Initial description")
    s.call(
        "wrong_region_exception",
        getattr(s.lam, operation),
        FunctionName=s.arn("i-exist-r", region="eu-central-1"),
    )


for _op in ("get_function", "get_function_configuration", "delete_function", "invoke"):
    replay("functions", API, f"{FN}test_get_function_wrong_region[{_op}]", operation=_op)(
        _wrong_region
    )


@replay("functions", API, FN + "test_function_arns")
def function_arns(s: Session) -> None:
    s.create_fixture("create-function-arn-response", s.arn("test-function-arn-1"))
    s.create_fixture(
        "create-function-partial-arn-response", f"{s.account_id}:function:test-partial-arn-2"
    )
    s.create("invalid_function_name_exc", "invalid:function:name")
    s.create("long_function_name_exc", "a" * 65)
    prefix = f"arn:aws:lambda:{s.region}:{s.account_id}:function:"
    s.create("long_function_arn_exc", prefix + "a" * (140 - len(prefix) + 1))
    s.create(
        "function_arn_other_region_exc",
        f"arn:aws:lambda:ap-southeast-1:{s.account_id}:function:test-function-arn-3",
    )
    s.create(
        "function_arn_other_account_exc",
        f"arn:aws:lambda:{s.region}:210987654321:function:test-function-arn-4",
    )


#: The recorded validation cases: id -> the parameters (account and region filled in).
VALIDATION_CASES = {
    "invalid_characters_in_function_name": {"FunctionName": "my-function!"},
    "function_name_is_single_invalid": {"FunctionName": "*"},
    "invalid_characters_in_qualifier": {"FunctionName": "my-function", "Qualifier": "invalid!"},
    "qualifier_too_long": {"FunctionName": "my-function", "Qualifier": "a" * 129},
    "invalid_account_id_in_partial_arn": {"FunctionName": "invalid-account:function:my-function"},
    "invalid_region_in_arn": {
        "FunctionName": "arn:aws:lambda:invalid-region:{account}:function:my-function"
    },
    "non_lambda_arn": {
        "FunctionName": "arn:aws:ec2:{region}:{account}:instance:i-1234567890abcdef0"
    },
    "function_name_too_long": {"FunctionName": "a" * 65},
    "function_name_too_long_and_invalid_region": {
        "FunctionName": "arn:aws:lambda:invalid-region:{account}:function:my-function" + "a" * 170
    },
    "full_arn_and_qualifier_too_long_and_invalid_region": {
        "FunctionName": "arn:aws:lambda:invalid-region:{account}:function:my-function-" + "a" * 170,
        "Qualifier": "a" * 129,
    },
    "full_arn_with_multiple_qualifiers": {
        "FunctionName": "arn:aws:lambda:{region}:{account}:function:my-function:1:2"
    },
    "incomplete_arn": {"FunctionName": "arn:aws:lambda:{region}:{account}:function"},
    "partial_arn_with_extra_qualifier": {"FunctionName": "function:my-function:$LATEST:extra"},
    "latest_version_with_additional_qualifier": {
        "FunctionName": "arn:aws:lambda:{region}:{account}:function:my-function:$LATEST",
        "Qualifier": "1",
    },
    "lowercase_latest_qualifier": {
        "FunctionName": "arn:aws:lambda:{region}:{account}:function:my-function",
        "Qualifier": "$latest",
    },
    "missing_region_in_arn": {"FunctionName": "arn:aws:lambda::{account}:function:my-function"},
    "missing_account_id_in_arn": {"FunctionName": "arn:aws:lambda:{region}::function:my-function"},
    "misspelled_latest_in_arn": {
        "FunctionName": "arn:aws:lambda:{region}:{account}:function:my-function:$LATES"
    },
}


def _summary(error: dict) -> dict:
    """The recorded tests keep validation errors as their sorted constraint lines."""
    import re

    found = re.findall(
        r"(Value '.*?' at '.*?' failed to satisfy constraint: .+?(?=;|$))", error["Message"]
    )
    if found:
        return {"Code": error["Code"], "Errors": sorted(found), "Count": len(found)}
    return {"Code": error["Code"], "Message": error["Message"]}


def _validation(s: Session, case: str, operation: str) -> None:
    params = {
        k: v.format(account=s.account_id, region=s.region)
        for k, v in VALIDATION_CASES[case].items()
    }
    if operation == "create_function":
        name = params["FunctionName"]
        if "Qualifier" in params:
            name = f"{name}:{params['Qualifier']}"
        response = s.create(None, name)
    else:
        response = s.call(None, getattr(s.lam, operation), **params)
    if "Error" in response:
        s.keep(f"{operation}_exception", _summary(response["Error"]))


for _case in VALIDATION_CASES:
    for _op in ("get_function", "delete_function", "invoke", "create_function"):
        replay(
            "validation",
            API,
            f"{FN}test_function_name_and_qualifier_validation[{_case}-{_op}]",
            case=_case,
            operation=_op,
        )(_validation)


@replay("validation", API, FN + "test_create_lambda_exceptions")
def create_lambda_exceptions(s: Session) -> None:
    s.create("invalid_role_arn_exc", "invalid-function-x", Role="r1")
    s.create("invalid_runtime_exc", "invalid-function-x", Runtime="non-existent-runtime")
    s.create("uppercase_runtime_exc", "invalid-function-x", Runtime="PYTHON3.9")
    try:
        s.lam.create_function(
            FunctionName="invalid-function-x",
            Handler="index.handler",
            Code={"ZipFile": echo_zip()},
            Role=ROLE,
            Runtime="python3.12",
            Architectures=[],
        )
    except ParamValidationError as err:  # botocore refuses it before sending
        s.keep("empty_architectures", str(err))
    s.create("multiple_architectures", "invalid-function-x", Architectures=["x86_64", "arm64"])
    s.create("uppercase_architecture", "invalid-function-x", Architectures=["X86_64"])
    s.create(
        "invalid_zip_exc",
        "invalid-function-x",
        Code={"ZipFile": b"this is not a zipfile, just a random string"},
        Runtime="python3.9",
    )


@replay("validation", API, FN + "test_update_lambda_exceptions")
def update_lambda_exceptions(s: Session) -> None:
    s.create(None, "invalid-function-u")
    update = s.lam.update_function_configuration
    s.call("invalid_role_arn_exc", update, FunctionName="invalid-function-u", Role="r1")
    s.call(
        "invalid_runtime_exc",
        update,
        FunctionName="invalid-function-u",
        Runtime="non-existent-runtime",
    )
    s.call("uppercase_runtime_exc", update, FunctionName="invalid-function-u", Runtime="PYTHON3.9")


@replay("functions", API, FN + "test_list_functions")
def list_functions(s: Session) -> None:
    s.create_fixture("create_response_1", "list-fn-1", Publish=True)
    s.create_fixture("create_response_2", "list-fn-2")
    s.call(
        "list_functions_invalid_functionversion", s.lam.list_functions, FunctionVersion="invalid"
    )
    pages = s.lam.get_paginator("list_functions")
    every = pages.paginate(FunctionVersion="ALL", PaginationConfig={"PageSize": 1})
    default = pages.paginate(PaginationConfig={"PageSize": 1})
    for key, result in (("list_all", every), ("list_default", default)):
        functions = sorted(result.build_full_result()["Functions"], key=lambda f: f["FunctionArn"])
        s.keep(key, {"Functions": functions})


@replay("validation", API, FN + "test_invalid_invoke")
def invalid_invoke(s: Session) -> None:
    s.call(
        "invoke_function_name_pattern_exc",
        s.lam.invoke,
        FunctionName=f"arn:aws:lambda:{s.region}:123400000000@function:myfn",
        Payload=b"{}",
    )


@replay("functions", API, FN + "test_lambda_code_location_zipfile")
def lambda_code_location_zipfile(s: Session) -> None:
    name = "code-function-zip"
    s.create("create-response-zip-file", name)
    s.call("get-function-response", s.lam.get_function, FunctionName=name)
    s.call(
        "update-function-response",
        s.lam.update_function_code,
        FunctionName=name,
        ZipFile=_other_package(),
    )
    s.call("get-function-response-updated", s.lam.get_function, FunctionName=name)


def _code_bucket(s: Session) -> str:
    s.s3.create_bucket(Bucket="conformance-code")
    s.s3.put_object(Bucket="conformance-code", Key="code/code-function.zip", Body=echo_zip())
    return "conformance-code"


@replay("functions", API, FN + "test_lambda_code_location_s3")
def lambda_code_location_s3(s: Session) -> None:
    name = "code-function-s3"
    bucket = _code_bucket(s)
    s.create(
        "create_response_s3", name, Code={"S3Bucket": bucket, "S3Key": "code/code-function.zip"}
    )
    s.call("get-function-response", s.lam.get_function, FunctionName=name)
    s.s3.put_object(Bucket=bucket, Key="code/code-function.zip", Body=_other_package())
    s.call(
        "update-function-response",
        s.lam.update_function_code,
        FunctionName=name,
        S3Bucket=bucket,
        S3Key="code/code-function.zip",
    )
    s.call("get-function-response-updated", s.lam.get_function, FunctionName=name)


@replay("validation", API, FN + "test_lambda_code_location_s3_errors")
def lambda_code_location_s3_errors(s: Session) -> None:
    name = "code-function-s3-errors"
    bucket = _code_bucket(s)
    key = "code/code-function.zip"
    s.create(
        "create-error-wrong-bucket",
        name,
        Code={"S3Bucket": "some-random-non-existent-bucket-x", "S3Key": key},
    )
    s.create("create-error-wrong-key", name, Code={"S3Bucket": bucket, "S3Key": "non/existent.zip"})
    s.create(None, name, Code={"S3Bucket": bucket, "S3Key": key})
    code = s.lam.update_function_code
    s.call(
        "update-error-wrong-bucket",
        code,
        FunctionName=name,
        S3Bucket="some-random-non-existent-bucket-x",
        S3Key=key,
    )
    s.call(
        "update-error-wrong-key", code, FunctionName=name, S3Bucket=bucket, S3Key="non/existent.zip"
    )
