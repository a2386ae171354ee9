"""The error tree: one base class, one leaf per AWS error code.

Every leaf carries the AWS error ``code``, the HTTP ``status`` and the ``message``
exactly as the service sends them, so the boto3 adapter can hand them on unchanged.

Examples
--------
>>> from lambda_model import Account, ResourceNotFoundException
>>> try:
...     Account().get_function("nope")
... except ResourceNotFoundException as err:
...     print(err.code, err.status)
...     print(err.message)
ResourceNotFoundException 404
Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope
"""

from __future__ import annotations

__all__ = [
    "AccessDeniedException",
    "BucketAlreadyOwnedByYou",
    "BucketNotEmpty",
    "InvalidArgument",
    "InvalidBucketName",
    "InvalidMessageContents",
    "InvalidParameterValue",
    "InvalidParameterValueException",
    "InvalidRequestContentException",
    "InvalidURI",
    "KeyTooLongError",
    "LambdaModelError",
    "MalformedXML",
    "NoSuchBucket",
    "NoSuchKey",
    "PolicyLengthExceededException",
    "PreconditionFailedException",
    "RequestTooLargeException",
    "ResourceConflictException",
    "ResourceNotFoundException",
    "S3Error",
    "SQSError",
    "ServiceError",
    "ValidationException",
]


class LambdaModelError(Exception):
    """Root of every error the simulator raises."""


class ServiceError(LambdaModelError):
    """An error the AWS service itself would return: a code, an HTTP status, a message.

    Subclasses fix ``code`` and ``status``; the message is given per raise.
    """

    code: str = "ServiceException"
    status: int = 500
    service: str = "lambda"

    def __init__(self, message: str, **details: str) -> None:
        super().__init__(message)
        self.message = message
        #: Extra fields AWS sends beside the message (S3's ArgumentName/ArgumentValue...).
        self.details = details

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    def __str__(self) -> str:
        # The class is named after the code, so a traceback reads
        # "ResourceConflictException: Alias already exists: ..." with no repetition.
        return self.message


# --- Lambda -------------------------------------------------------------------------------


class AccessDeniedException(ServiceError):
    """The caller may not act on another account's resources (HTTP 403). AWS sends no
    message with it (``Message`` is null), so the message here is only for readers."""

    code, status = "AccessDeniedException", 403


class ValidationException(ServiceError):
    """A server-side pattern, length or range failure (HTTP 400)."""

    code, status = "ValidationException", 400


class InvalidParameterValueException(ServiceError):
    """A parameter is well formed but not acceptable (HTTP 400)."""

    code, status = "InvalidParameterValueException", 400


class ResourceNotFoundException(ServiceError):
    """The function, version, alias, policy or statement does not exist (HTTP 404)."""

    code, status = "ResourceNotFoundException", 404


class ResourceConflictException(ServiceError):
    """The resource exists already, or is in use (HTTP 409)."""

    code, status = "ResourceConflictException", 409


class PreconditionFailedException(ServiceError):
    """A RevisionId given with the call is not the current one (HTTP 412)."""

    code, status = "PreconditionFailedException", 412


class PolicyLengthExceededException(ServiceError):
    """A resource-based policy would exceed 20 KB (HTTP 400)."""

    code, status = "PolicyLengthExceededException", 400


class RequestTooLargeException(ServiceError):
    """An invocation payload is over the limit (HTTP 413)."""

    code, status = "RequestTooLargeException", 413


class InvalidRequestContentException(ServiceError):
    """The request body is not valid JSON (HTTP 400)."""

    code, status = "InvalidRequestContentException", 400


# --- S3 -----------------------------------------------------------------------------------


class S3Error(ServiceError):
    """An error of the S3 API (restXML ``<Error><Code>``)."""

    service = "s3"


class InvalidArgument(S3Error):
    """S3 rejects an argument (HTTP 400); ``details`` name it."""

    code, status = "InvalidArgument", 400


class InvalidURI(S3Error):
    """The request's URI (its object key) cannot be parsed, e.g. text that is not UTF-8."""

    code, status = "InvalidURI", 400


class InvalidBucketName(S3Error):
    """CreateBucket with a name S3 does not allow (HTTP 400)."""

    code, status = "InvalidBucketName", 400


class MalformedXML(S3Error):
    """The configuration does not fit S3's schema (HTTP 400)."""

    code, status = "MalformedXML", 400


class KeyTooLongError(S3Error):
    """An object key over 1,024 bytes of UTF-8 (HTTP 400); ``details`` give both sizes."""

    code, status = "KeyTooLongError", 400


class NoSuchBucket(S3Error):
    """The bucket does not exist (HTTP 404)."""

    code, status = "NoSuchBucket", 404


class NoSuchKey(S3Error):
    """The object does not exist (HTTP 404)."""

    code, status = "NoSuchKey", 404


class BucketAlreadyOwnedByYou(S3Error):
    """CreateBucket on a bucket this account has already (HTTP 409)."""

    code, status = "BucketAlreadyOwnedByYou", 409


class BucketNotEmpty(S3Error):
    """DeleteBucket on a bucket that still holds objects (HTTP 409)."""

    code, status = "BucketNotEmpty", 409


# --- SQS ----------------------------------------------------------------------------------


class SQSError(ServiceError):
    """An error of the SQS API."""

    service = "sqs"


class InvalidMessageContents(SQSError):
    """A message body with characters SQS does not allow (HTTP 400)."""

    code, status = "InvalidMessageContents", 400


class InvalidParameterValue(SQSError):
    """An SQS parameter (a queue name, ...) is not acceptable (HTTP 400)."""

    code, status = "InvalidParameterValue", 400
