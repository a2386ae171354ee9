"""Adapters to AWS's own tools: real boto3 clients and the real AWS CLI (``run_cli``, the
``%aws`` magics) served by a simulated ``Account``, and the AWS CLI command equivalent to
each history event.

This is the only part of ``lambda_model`` that imports boto3/botocore (and awscli, on the
first ``run_cli``).

>>> from lambda_model import Account
>>> from lambda_model.aws import client
>>> account = Account()
>>> s3, lambda_client = client("s3", account), client("lambda", account)
"""

from .cli import cli_command, cli_commands
from .cli_driver import CLIResult, current_account, run_cli, use
from .client import account_of, client
from .transport import OperationNotSimulated, ParameterNotSimulated

__all__ = [
    "CLIResult",
    "OperationNotSimulated",
    "ParameterNotSimulated",
    "account_of",
    "cli_command",
    "cli_commands",
    "client",
    "current_account",
    "run_cli",
    "use",
]
