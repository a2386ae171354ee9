"""The simulated clients are genuine botocore clients, offline, isolated and loud about gaps."""

from __future__ import annotations

import pathlib
import socket
import subprocess
import sys

import botocore.client
import pytest
from boto_helpers import ROLE, returning
from botocore.exceptions import ClientError, ParamValidationError

from lambda_model import Account
from lambda_model.aws import (
    OperationNotSimulated,
    ParameterNotSimulated,
    account_of,
    client,
)
from lambda_model.aws.session import offline_session

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_lambda_client_is_a_genuine_botocore_client(lam):
    assert isinstance(lam, botocore.client.BaseClient)
    assert lam.meta.service_model.service_name == "lambda"
    assert lam.meta.region_name == "us-east-1"


def test_the_s3_client_is_a_genuine_botocore_client():
    s3 = client("s3")
    assert isinstance(s3, botocore.client.BaseClient)
    assert s3.meta.service_model.service_name == "s3"


def test_only_lambda_and_s3_are_simulated():
    with pytest.raises(ValueError, match="'sqs'"):
        client("sqs")


def test_no_account_means_a_fresh_account_each_time():
    first, second = client("lambda"), client("lambda")
    first.create_function(
        FunctionName="f", Runtime="python3.12", Role=ROLE, Handler="app.handler",
        Code={"ZipFile": returning(1)},
    )  # fmt: skip
    assert second.list_functions()["Functions"] == []
    assert account_of(first) is not account_of(second)


def test_clients_given_the_same_account_share_its_state(account):
    writer, reader = client("lambda", account), client("lambda", account)
    writer.create_function(
        FunctionName="f", Runtime="python3.12", Role=ROLE, Handler="app.handler",
        Code={"ZipFile": returning(1)},
    )  # fmt: skip
    assert [f["FunctionName"] for f in reader.list_functions()["Functions"]] == ["f"]
    assert "f" in account.functions


def test_the_client_serves_the_accounts_region():
    account = Account(region="eu-west-1")
    assert client("lambda", account).meta.region_name == "eu-west-1"


def test_no_network_connection_is_ever_opened(monkeypatch, make_function, lam):
    def refuse(*args, **kwargs):
        raise AssertionError("the simulated client tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    offline = client("lambda")
    make_function()
    lam.publish_version(FunctionName="thumbnailer")
    lam.create_alias(FunctionName="thumbnailer", Name="PROD", FunctionVersion="1")
    lam.invoke(FunctionName="thumbnailer", Qualifier="PROD")
    with pytest.raises(lam.exceptions.ResourceNotFoundException):
        offline.get_function(FunctionName="thumbnailer")
    s3 = client("s3")
    s3.create_bucket(Bucket="uploads")
    s3.put_object(Bucket="uploads", Key="a.txt", Body=b"x")
    assert s3.get_object(Bucket="uploads", Key="a.txt")["Body"].read() == b"x"
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket="uploads", Key="b.txt")


def test_the_users_aws_environment_and_files_are_never_consulted(monkeypatch, tmp_path):
    broken = tmp_path / "config"
    broken.write_text("this is [not an ini file\n")
    for name, value in {
        "AWS_PROFILE": "no-such-profile",
        "AWS_DEFAULT_PROFILE": "no-such-profile",
        "AWS_CONFIG_FILE": str(broken),
        "AWS_SHARED_CREDENTIALS_FILE": str(broken),
        "AWS_DEFAULT_REGION": "ap-southeast-2",
        "AWS_ENDPOINT_URL": "http://localhost:1",
        "AWS_MAX_ATTEMPTS": "not-a-number",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
    offline_session.cache_clear()
    try:
        lam = client("lambda")
        assert lam.meta.region_name == "us-east-1"
        assert lam.list_functions()["Functions"] == []
    finally:
        offline_session.cache_clear()


def test_an_operation_that_is_not_simulated_fails_loudly_naming_it(lam):
    with pytest.raises(OperationNotSimulated, match="lambda ListLayers"):
        lam.list_layers()


def test_an_s3_operation_that_is_not_simulated_fails_loudly_naming_it():
    with pytest.raises(OperationNotSimulated, match="s3 HeadObject"):
        client("s3").head_object(Bucket="uploads", Key="a.txt")


def test_a_parameter_that_is_not_simulated_fails_loudly_naming_it(lam):
    with pytest.raises(ParameterNotSimulated, match="CreateFunction with Layers"):
        lam.create_function(
            FunctionName="f", Runtime="python3.12", Role=ROLE, Handler="app.handler",
            Code={"ZipFile": returning(1)}, Layers=["arn:aws:lambda:us-east-1:1:layer:x:1"],
        )  # fmt: skip


def test_botocores_own_parameter_validation_runs_before_the_simulator(lam, account):
    with pytest.raises(ParamValidationError, match="Missing required parameter"):
        lam.create_alias(FunctionName="thumbnailer", Name="PROD")
    with pytest.raises(ParamValidationError, match="Invalid type for parameter MemorySize"):
        lam.update_function_configuration(FunctionName="thumbnailer", MemorySize="big")
    assert account.history == []


def test_a_failed_call_raises_a_client_error_and_changes_nothing(lam, make_function, account):
    make_function()
    before = len(account.history)
    with pytest.raises(ClientError):
        lam.create_alias(FunctionName="thumbnailer", Name="PROD", FunctionVersion="7")
    assert len(account.history) == before


def test_account_of_gives_back_the_serving_account(account, lam):
    assert account_of(lam) is account


def test_the_core_never_imports_botocore():
    code = "import sys, lambda_model; print(sorted(m for m in sys.modules if 'boto' in m))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"


def test_botocores_waiters_work_against_the_simulator(make_function, lam):
    make_function()
    lam.get_waiter("function_active_v2").wait(FunctionName="thumbnailer")
    version = lam.publish_version(FunctionName="thumbnailer")["Version"]
    lam.get_waiter("published_version_active").wait(FunctionName="thumbnailer", Qualifier=version)
    lam.get_waiter("function_updated_v2").wait(FunctionName="thumbnailer")
