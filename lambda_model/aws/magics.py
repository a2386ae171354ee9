"""``%aws`` and ``%%aws``: AWS CLI commands in a notebook cell, run against the bound account.

Bind the notebook's account once; this also registers the magics::

    from lambda_model import Account, aws
    account = aws.use(Account())

(``%load_ext lambda_model`` registers them too; ``aws.use(account)`` is still needed to say
which account they act on.) Then:

* ``%aws lambda get-alias --function-name f --name PROD`` runs one command and shows what
  the CLI printed (the value is a :class:`~lambda_model.aws.cli_driver.CLIResult`, so
  ``result = %aws ...`` keeps it);
* a ``%%aws`` cell holds one command per line, each with or without its ``aws`` prefix;
  blank lines and ``#`` comments are skipped, a line ending in ``\\`` continues on the next,
  and a quoted string may span lines, as in a shell. Each command is shown after a ``$``
  prompt with its output. Like a shell script under ``set -e``, the cell stops at the first
  command that fails: its error and exit status are shown, and the commands after it are
  listed as not run.
"""

from __future__ import annotations

import shlex
from typing import Any

from .cli_driver import CLIResult, current_account, run_cli

__all__ = ["aws_cell", "aws_line", "cell_commands", "load_ipython_extension", "register_magics"]


def _open_quote(text: str) -> bool:
    """Whether ``text`` ends inside a quoted string (the shell would read on)."""
    try:
        shlex.split(text)
    except ValueError as err:
        return "quotation" in str(err)
    return False


def cell_commands(cell: str) -> list[str]:
    r"""The commands of a ``%%aws`` cell, read as a shell reads lines: blank lines and ``#``
    comments skipped; a line ending in ``\`` continues on the next (joined with one space);
    a quoted string (a JSON document, say) may span lines.

    >>> cell_commands("# promote\naws lambda update-alias \\\n    --name PROD\n\nlambda x")
    ['aws lambda update-alias --name PROD', 'lambda x']
    >>> cell_commands("s3api put --doc '{\n  \"a\": 1}'")
    ['s3api put --doc \'{\n  "a": 1}\'']
    """
    commands, pending, quoted = [], "", False
    for line in cell.splitlines():
        if quoted:
            text = f"{pending}\n{line}"
        else:
            stripped = line.strip()
            if not pending and (not stripped or stripped.startswith("#")):
                continue
            text = f"{pending} {stripped}".strip()
        pending, quoted = "", False
        if _open_quote(text):
            pending, quoted = text, True
        elif text.endswith("\\"):
            pending = text[:-1].rstrip()
        else:
            commands.append(text)
    if pending:
        commands.append(pending)
    return commands


def aws_line(line: str) -> CLIResult:
    """``%aws <command>``: run one command against the bound account."""
    return run_cli(current_account(), line)


def aws_cell(line: str, cell: str) -> None:
    """``%%aws``: run the cell's commands in order, stopping at the first failure."""
    account = current_account()
    commands = cell_commands(cell)
    if line.strip():
        commands.insert(0, line.strip())
    for n, command in enumerate(commands):
        result = run_cli(account, command)
        print(result)
        if not result.ok:
            rest = len(commands) - n - 1
            if rest:
                print(f"(stopped: {rest} later command{'s' if rest > 1 else ''} not run)")
            return


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext lambda_model``: register ``%aws`` and ``%%aws``."""
    ipython.register_magic_function(aws_line, "line", "aws")
    ipython.register_magic_function(aws_cell, "cell", "aws")


def register_magics() -> bool:
    """Register the magics in the running IPython, if there is one; say whether there was."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    ipython = get_ipython()
    if ipython is None:
        return False
    load_ipython_extension(ipython)
    return True
