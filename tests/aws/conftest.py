"""Fixtures for the boto3 tests: an account and the simulated clients serving it."""

from __future__ import annotations

import pytest
from boto_helpers import ROLE, returning

from lambda_model import Account
from lambda_model.aws import client


@pytest.fixture
def account() -> Account:
    return Account()


@pytest.fixture
def lam(account):
    """A Lambda client served by ``account``."""
    return client("lambda", account)


@pytest.fixture
def make_function(lam):
    """Create a function through boto3; returns the CreateFunction response."""

    def make(name="thumbnailer", code=None, handler="app.handler", **extra):
        return lam.create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=ROLE,
            Handler=handler,
            Code={"ZipFile": code if code is not None else returning("v1")},
            **extra,
        )

    return make


@pytest.fixture
def released(lam, make_function):
    """``thumbnailer`` with versions 1 and 2 published and alias PROD -> 1."""
    make_function(code=returning("v1"))
    lam.publish_version(FunctionName="thumbnailer")
    lam.update_function_code(FunctionName="thumbnailer", ZipFile=returning("v2"))
    lam.publish_version(FunctionName="thumbnailer")
    lam.create_alias(FunctionName="thumbnailer", Name="PROD", FunctionVersion="1")
    return "thumbnailer"


@pytest.fixture
def s3(account):
    """An S3 client served by the same ``account`` as ``lam``."""
    return client("s3", account)


@pytest.fixture
def uploads(s3):
    """An empty bucket ``uploads``."""
    s3.create_bucket(Bucket="uploads")
    return "uploads"
