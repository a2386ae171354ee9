"""Helpers for the boto3 tests: deployment packages and output-shape checks."""

from __future__ import annotations

import io
import zipfile

from botocore.validate import ParamValidator

ROLE = "arn:aws:iam::123456789012:role/lambda-role"
ARN = "arn:aws:lambda:us-east-1:123456789012:function"


def package(source: str, module: str = "app") -> bytes:
    """A deployment package: a ZIP holding one Python module."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{module}.py", source)
    return buffer.getvalue()


def returning(value: object) -> bytes:
    """A package whose ``app.handler`` returns ``value``."""
    return package(f"def handler(event, context):\n    return {value!r}\n")


VERSION_REPORTER = package(
    "def handler(event, context):\n"
    "    return {'version': context.function_version, 'arn': context.invoked_function_arn}\n"
)


def shape_errors(lambda_or_s3, operation: str, response: dict) -> str:
    """botocore's report of how ``response`` departs from the operation's output shape
    (empty when it fits). ResponseMetadata is botocore's own addition, so it is left out."""
    model = lambda_or_s3.meta.service_model.operation_model(operation)
    body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    if model.output_shape is None:
        return "" if not body else f"unexpected body {body}"
    return ParamValidator().validate(body, model.output_shape).generate_report()
