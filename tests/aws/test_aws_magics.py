"""%aws and %%aws in IPython: bound with aws.use(account) or %load_ext lambda_model."""

from __future__ import annotations

import pytest
from boto_helpers import ROLE, returning

from lambda_model import Account, aws
from lambda_model.aws.magics import cell_commands

IPython = pytest.importorskip("IPython")


@pytest.fixture(scope="module")
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    return InteractiveShell.instance()


@pytest.fixture
def account() -> Account:
    account = Account()
    account.create_function("thumbnailer", returning("v1"), handler="app.handler", role=ROLE)
    account.publish_version("thumbnailer")
    account.update_function_code("thumbnailer", returning("v2"))
    account.publish_version("thumbnailer")
    return account


def test_use_binds_the_account_and_registers_the_magics(shell, account, capsys):
    aws.use(account)
    shell.run_cell("%aws lambda create-alias --function-name thumbnailer --name PROD "
                   "--function-version 1 --query FunctionVersion")  # fmt: skip
    assert capsys.readouterr().out.endswith(
        "$ aws lambda create-alias --function-name thumbnailer --name PROD --function-version 1 "
        '--query FunctionVersion\n"1"\n'
    )
    assert account.get_alias("thumbnailer", "PROD").function_version == "1"


def test_load_ext_registers_the_magics(shell, account):
    shell.magics_manager.magics["line"].pop("aws", None)
    shell.run_line_magic("load_ext", "lambda_model")
    aws.use(account)
    result = shell.run_line_magic("aws", "lambda list-aliases --function-name thumbnailer")
    assert result.json() == {"Aliases": []}


def test_a_cell_runs_its_commands_in_order_and_stops_at_the_first_failure(shell, account, capsys):
    aws.use(account)
    shell.run_cell_magic(
        "aws",
        "",
        "# promote version 2\n"
        "aws lambda create-alias --function-name thumbnailer --name PROD --function-version 1 \\\n"
        "    --query Name --output text\n"
        "\n"
        "aws lambda create-alias --function-name thumbnailer --name PROD --function-version 2\n"
        "aws lambda delete-alias --function-name thumbnailer --name PROD\n",
    )
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "$ aws lambda create-alias --function-name thumbnailer --name PROD "
        "--function-version 1 --query Name --output text",
        "PROD",
    ]
    assert out[3].startswith("An error occurred (ResourceConflictException)")
    assert out[4:] == ["(exit status 255)", "(stopped: 1 later command not run)"]
    assert account.get_alias("thumbnailer", "PROD").function_version == "1"


def test_without_a_bound_account_the_magic_says_how_to_bind_one(monkeypatch):
    from lambda_model.aws import cli_driver

    monkeypatch.setattr(cli_driver, "_current", [])
    with pytest.raises(RuntimeError, match=r"lambda_model\.aws\.use\(account\)"):
        aws.current_account()


def test_comments_blank_lines_and_continuations_are_read_as_a_shell_would():
    assert cell_commands("  # a\n\nlambda a \\\n  --b c\n#x\nlambda d\n") == [
        "lambda a --b c",
        "lambda d",
    ]


def test_a_quoted_json_document_may_span_lines_as_in_a_shell():
    cell = "s3api put --doc '{\n  # not a comment\n  \"a\": 1}'\nlambda next"
    assert cell_commands(cell) == [
        "s3api put --doc '{\n  # not a comment\n  \"a\": 1}'",
        "lambda next",
    ]
