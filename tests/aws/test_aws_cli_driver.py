"""run_cli: the real AWS CLI (awscli v1), its parsing, output and errors, served by an Account."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from boto_helpers import ROLE, returning

from lambda_model import Account
from lambda_model.aws import CLIResult, client, run_cli
from lambda_model.core.code import Code

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def account() -> Account:
    account = Account()
    account.create_function("thumbnailer", returning("v1"), handler="app.handler", role=ROLE)
    account.publish_version("thumbnailer")
    account.update_function_code("thumbnailer", returning("v2"))
    account.publish_version("thumbnailer")
    account.create_alias("thumbnailer", "PROD", "1")
    return account


def test_the_cli_prints_the_same_json_a_client_returns(account):
    result = run_cli(account, "aws lambda get-alias --function-name thumbnailer --name PROD")
    expected = client("lambda", account).get_alias(FunctionName="thumbnailer", Name="PROD")
    del expected["ResponseMetadata"]
    assert result.exit_status == 0
    assert result.json() == expected
    assert result.stdout.startswith('{\n    "AliasArn": ')


def test_the_aws_prefix_is_optional_and_no_cli_pager_is_accepted(account):
    with_prefix = run_cli(
        account, "aws lambda list-versions-by-function --function-name thumbnailer"
    )
    without = run_cli(account, "lambda list-versions-by-function --function-name thumbnailer "
                      "--no-cli-pager")  # fmt: skip
    assert with_prefix.stdout == without.stdout
    assert [v["Version"] for v in without.json()["Versions"]] == ["$LATEST", "1", "2"]


def test_query_and_output_format_are_the_clis(account):
    text = run_cli(account, "lambda get-alias --function-name thumbnailer --name PROD "
                   "--query FunctionVersion --output text")  # fmt: skip
    assert text.stdout == "1\n"
    table = run_cli(account, "lambda list-aliases --function-name thumbnailer "
                    "--query Aliases[].[Name,FunctionVersion] --output table")  # fmt: skip
    assert table.stdout.splitlines()[1:4] == [
        "| ListAliases |",
        "+-------+-----+",
        "|  PROD |  1  |",
    ]


def test_a_weighted_update_alias_in_the_clis_shorthand_changes_the_account(account):
    result = run_cli(account, "lambda update-alias --function-name thumbnailer --name PROD "
                     "--routing-config AdditionalVersionWeights={2=0.1}")  # fmt: skip
    assert result.ok, result
    assert result.json()["RoutingConfig"] == {"AdditionalVersionWeights": {"2": 0.1}}
    assert dict(
        account.get_alias("thumbnailer", "PROD").routing_config.additional_version_weights
    ) == {"2": 0.1}


def test_a_refused_command_prints_the_clis_error_line_and_changes_nothing(account):
    before = (len(account.history), account.get_alias("thumbnailer", "PROD"))
    result = run_cli(account, "lambda create-alias --function-name thumbnailer --name PROD "
                     "--function-version 2")  # fmt: skip
    assert result.exit_status == 255
    assert result.stdout == ""
    assert result.stderr == (
        "\nAn error occurred (ResourceConflictException) when calling the CreateAlias "
        "operation: Alias already exists: "
        "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer:PROD\n"
    )
    assert (len(account.history), account.get_alias("thumbnailer", "PROD")) == before


def test_a_command_line_the_cli_cannot_parse_shows_its_usage_and_exit_status(account):
    result = run_cli(account, "aws lambda get-alias --function-name thumbnailer")
    assert result.exit_status == 2
    assert result.stderr.endswith("aws: error: the following arguments are required: --name\n")
    assert run_cli(account, "aws lambda no-such-operation").exit_status == 2


def test_an_operation_or_service_the_simulator_lacks_is_refused_not_faked(account):
    layers = run_cli(account, "lambda list-layers")
    assert layers.exit_status == 255
    assert "lambda_model does not simulate lambda ListLayers" in layers.stderr
    tables = run_cli(account, "dynamodb list-tables")
    assert tables.exit_status == 255
    assert "lambda_model simulates the lambda and s3 services, not dynamodb" in tables.stderr
    configure = run_cli(account, "configure set region eu-west-1")
    assert (configure.exit_status, configure.stdout) == (255, "")
    assert "`aws configure` works on your own AWS CLI files, not here" in configure.stderr


def test_another_region_than_the_accounts_is_refused(account):
    result = run_cli(account, "lambda list-functions --region eu-west-1")
    assert result.exit_status == 255
    assert "the simulated account is in us-east-1, not eu-west-1" in result.stderr


def test_fileb_and_file_paths_are_read_from_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code = Code.from_source("def handler(event, context):\n    return 'hi'\n")
    code.to_zip("resizer.zip", handler="index.handler")
    Path("notify.json").write_text(json.dumps({"LambdaFunctionConfigurations": [{
        "LambdaFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:resizer",
        "Events": ["s3:ObjectCreated:*"]}]}))  # fmt: skip
    account = Account()
    commands = [
        f"lambda create-function --function-name resizer --runtime python3.12 --role {ROLE} "
        "--handler index.handler --zip-file fileb://resizer.zip",
        "lambda add-permission --function-name resizer --statement-id s3 "
        "--action lambda:InvokeFunction --principal s3.amazonaws.com",
        "s3api create-bucket --bucket photos",
        "s3api put-bucket-notification-configuration --bucket photos "
        "--notification-configuration file://notify.json",
    ]
    for command in commands:
        assert run_cli(account, command).ok, run_cli(account, command)
    assert account.invoke("resizer").payload == "hi"
    assert account.buckets["photos"].notification.to_dict()["LambdaFunctionConfigurations"]


def test_invoke_saves_each_payload_to_its_outfile(account, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = run_cli(account, "lambda invoke --function-name thumbnailer --qualifier PROD one.json")
    again = run_cli(account, "lambda invoke --function-name thumbnailer --qualifier 2 two.json")
    assert first.json() == {"StatusCode": 200, "ExecutedVersion": "1"}
    assert again.json() == {"StatusCode": 200, "ExecutedVersion": "2"}
    assert (tmp_path / "one.json").read_text() == '"v1"'
    assert (tmp_path / "two.json").read_text() == '"v2"'


def test_running_many_commands_registers_no_more_cli_handlers(account):
    from lambda_model.aws.cli_driver import cli_driver

    emitter = cli_driver().session.get_component("event_emitter")._emitter
    event = "load-cli-arg.lambda.get-alias.name"
    command = "lambda get-alias --function-name thumbnailer --name PROD"
    run_cli(account, command)
    before = len(list(emitter._handlers.prefix_search(event)))
    for _ in range(3):
        run_cli(account, command)
    assert len(list(emitter._handlers.prefix_search(event))) == before


def test_help_names_the_page_of_the_reference_instead_of_opening_a_pager(account):
    result = run_cli(account, "aws lambda update-alias help")
    assert result.exit_status == 0
    assert result.stdout.endswith(
        "https://docs.aws.amazon.com/cli/latest/reference/lambda/update-alias.html\n"
    )
    assert run_cli(account, "aws help").stdout.endswith("/reference/index.html\n")
    assert run_cli(account, "s3api help").stdout.endswith("/reference/s3api/index.html\n")


def test_the_result_reads_like_the_terminal():
    result = CLIResult("aws lambda get-alias --function-name f", "", "\nAn error occurred\n", 255)
    assert repr(result) == (
        "$ aws lambda get-alias --function-name f\nAn error occurred\n(exit status 255)"
    )
    assert not result.ok


ISOLATION = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    socket.socket.connect = socket.socket.connect_ex = refuse
    socket.create_connection = socket.getaddrinfo = refuse

    from lambda_model import Account
    from lambda_model.aws import run_cli

    account = Account()
    for command in [
        "lambda list-functions",
        "s3api create-bucket --bucket photos",
        "s3api get-bucket-notification-configuration --bucket photos",
        "lambda get-function --function-name nothing",
        "lambda get-policy --function-name https://example.com/policy.json",
    ]:
        result = run_cli(account, command)
        print(result.exit_status, result.stdout.replace(chr(10), ""), result.stderr.strip())
    """
)


def test_no_user_configuration_or_environment_is_read_and_no_socket_is_opened(tmp_path):
    home = tmp_path / "home"
    (home / ".aws" / "cli").mkdir(parents=True)
    (home / ".aws" / "config").write_text(
        "[default]\nregion = eu-west-2\noutput = table\nendpoint_url = http://127.0.0.1:9\n"
        "[profile junk]\nregion = ap-south-1\n"
    )
    (home / ".aws" / "credentials").write_text("[default]\naws_access_key_id = AKIAJUNK\n")
    (home / ".aws" / "cli" / "alias").write_text("[toplevel]\nlambda = s3api\n")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "PYTHONPATH": str(ROOT),
        "AWS_PROFILE": "no-such-profile",
        "AWS_DEFAULT_REGION": "ap-southeast-2",
        "AWS_REGION": "ap-southeast-2",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        "AWS_DEFAULT_OUTPUT": "text",
        "AWS_CONFIG_FILE": str(home / ".aws" / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / ".aws" / "credentials"),
        "AWS_ACCESS_KEY_ID": "junk",
        "AWS_SECRET_ACCESS_KEY": "junk",
        "AWS_CA_BUNDLE": "/no/such/bundle.pem",
        "AWS_DATA_PATH": "/no/such/data",
    }
    done = subprocess.run(
        [sys.executable, "-c", ISOLATION], env=env, capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    assert lines[0] == '0 {    "Functions": []} '
    assert lines[1].startswith('0 {    "Location": "/photos"}')
    assert lines[2] == "0  "
    assert lines[3].startswith("255  An error occurred (ResourceNotFoundException)")
    assert "us-east-1:123456789012:function:nothing" in lines[3]
    # An https:// value is sent as it is (AWS CLI v2's rule), never fetched.
    assert lines[4].startswith("255  An error occurred (ValidationException) when calling the")
    assert "https://example.com/policy.json" in lines[4]


def test_the_cli_runs_on_the_botocore_boto3_uses_and_leaves_imports_alone(account):
    import awscli.clidriver
    import botocore.session

    run_cli(account, "lambda list-functions")
    assert awscli.clidriver.botocore is botocore
    assert awscli.clidriver.botocore.session.Session is botocore.session.Session
    assert not [f for f in sys.meta_path if type(f).__name__ == "TopLevelImportAliasFinder"]


def test_importing_the_cli_leaves_the_process_environment_as_it_was():
    script = (
        "import os; before = dict(os.environ)\n"
        "from lambda_model import Account\n"
        "from lambda_model.aws import run_cli\n"
        "assert run_cli(Account(), 'lambda list-functions').ok\n"
        "print(dict(os.environ) == before)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "AWS_DATA_PATH"} | {"PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.stdout == "True\n", done.stderr
