"""The real AWS CLI (``awscli``, version 1), run in-process against a simulated ``Account``.

:func:`run_cli` hands one command line to the AWS CLI's own driver (``awscli.clidriver``):
the CLI parses the options, reads ``file://`` and ``fileb://`` files (relative to the current
directory: a notebook's folder), builds the request with botocore, and formats the reply as
``--output json|text|table`` and ``--query`` say. Only the last step differs from a terminal:
the CLI's clients are served by the account (see :mod:`lambda_model.aws.transport`), so no
request leaves the process.

Nothing is read from the user's configuration: not ``~/.aws/config`` or ``credentials``, not
``~/.aws/cli/alias``, not the ``AWS_*`` environment variables (region, profile, endpoint URL,
output format). The region is the account's; the output format is JSON unless ``--output``
says otherwise; parameter values starting with ``http://`` are taken literally (AWS CLI v2's
behaviour), never fetched. ``--no-cli-pager`` (an AWS CLI v2 option, often in AWS's
documentation) is accepted and ignored: version 1 has no pager. ``aws ... help``, which pages
a manual in a terminal, prints the address of the same page in AWS's online reference.

The exit statuses are version 1's: 0 for success, 255 for an error AWS returned or the
simulator refused (version 2 says 254 for the former), 252 or 2 for a command line the CLI
cannot parse.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("thumbnailer", "def handler(e, c):\\n    return 1\\n")
>>> run_cli(account, "aws lambda publish-version --function-name thumbnailer "
...         "--query Version --output text")
$ aws lambda publish-version --function-name thumbnailer --query Version --output text
1
>>> result = run_cli(account, "lambda get-alias --function-name thumbnailer --name PROD")
>>> result.exit_status
255
>>> print(result.stderr.strip())
An error occurred (ResourceNotFoundException) when calling the GetAlias operation: \
Cannot find alias arn: arn:aws:lambda:us-east-1:123456789012:function:thumbnailer:PROD
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import shlex
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import botocore
import botocore.session
from botocore.configprovider import ConstantProvider

from ..core.account import Account
from .client import SERVICES
from .session import _isolated_config_store
from .transport import SimulatedService

__all__ = ["CLIResult", "cli_driver", "current_account", "run_cli", "use"]

#: How many accounts' clients are kept (the clients refer to their account).
_ACCOUNTS_KEPT = 8

#: awscli options that only AWS CLI version 2 knows; version 1 has no pager to turn off.
_V2_ONLY_FLAGS = frozenset({"--no-cli-pager"})


@dataclass(frozen=True, slots=True)
class CLIResult:
    """What the AWS CLI printed for one command, and its exit status.

    Its ``repr`` is the terminal's view: the command after a ``$`` prompt, then what the CLI
    wrote to standard output and standard error, then the exit status when it is not 0.

    >>> CLIResult("aws lambda list-aliases --function-name f", '{"Aliases": []}\\n', "", 0)
    $ aws lambda list-aliases --function-name f
    {"Aliases": []}
    """

    command: str
    stdout: str
    stderr: str
    exit_status: int

    @property
    def ok(self) -> bool:
        """Whether the command succeeded (exit status 0)."""
        return self.exit_status == 0

    def json(self) -> Any:
        """The output parsed as JSON (for ``--output json``, the default)."""
        return json.loads(self.stdout)

    def __str__(self) -> str:
        lines = [f"$ {self.command}"]
        for text in (self.stdout, self.stderr):
            text = text.strip("\n")
            if text:
                lines.append(text)
        if self.exit_status:
            lines.append(f"(exit status {self.exit_status})")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


class _NotSimulated(NotImplementedError):
    """A whole service the simulator does not have (the CLI prints the message)."""


class _SimulatedCLISession(botocore.session.Session):
    """The CLI's botocore session: private configuration, clients served by ``account``.

    A client is made once per account, service and region, then reused for every later
    command (for the last few accounts used): making a client is most of a command's cost
    in a terminal, and here the commands of one cell would otherwise pay it each time.
    """

    account: Account | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Before botocore's __init__, which registers its handlers through register().
        self._registered: set[tuple] = set()
        #: id(account) -> (account, {(service, region, endpoint): client}), most recent last.
        self._served: dict[int, tuple[Account, dict[tuple, Any]]] = {}
        super().__init__(*args, **kwargs)

    def create_client(self, service_name: str, region_name: str | None = None, *args, **kwargs):
        account = self.account
        if account is None:
            raise RuntimeError("no account to serve the AWS CLI: use run_cli(account, ...)")
        if service_name not in SERVICES:
            raise _NotSimulated(
                f"lambda_model simulates the {' and '.join(sorted(SERVICES))} services, "
                f"not {service_name}"
            )
        region = region_name or account.region
        if region != account.region:
            raise ValueError(
                f"lambda_model: the simulated account is in {account.region}, not {region} "
                f"(leave out --region, or simulate Account(region={region!r}))"
            )
        _, clients = self._served.pop(id(account), (account, {}))
        self._served[id(account)] = (account, clients)
        while len(self._served) > _ACCOUNTS_KEPT:
            del self._served[next(iter(self._served))]
        key = (service_name, region, kwargs.get("endpoint_url"))
        made = clients.get(key)
        if made is None:
            made = clients[key] = super().create_client(service_name, region, *args, **kwargs)
            operations, request_id = SERVICES[service_name]
            SimulatedService(made, account, operations(), request_id)
        return made

    def register(
        self,
        event_name: str,
        handler: Any,
        unique_id: Any = None,
        unique_id_uses_count: bool = False,
    ) -> None:
        """What the CLI registers while it runs a command (a handler saving ``invoke``'s
        payload to its outfile, say) reaches the clients already made, as it would reach a
        client made afterwards in a terminal. A handler registered again (the next command
        with the same option) is not added twice."""
        key = (event_name, handler, unique_id)
        if key in self._registered:
            return
        self._registered.add(key)
        super().register(event_name, handler, unique_id, unique_id_uses_count)
        for _, clients in self._served.values():
            for made in clients.values():
                made.meta.events.register(event_name, handler, unique_id, unique_id_uses_count)

    def get_scoped_config(self) -> dict:
        # No profile, no file; remote parameter files are never fetched.
        return {"cli_follow_urlparam": "false"}

    def set_stream_logger(self, *args: Any, **kwargs: Any) -> None:
        # The CLI calls this on every command; each call would add one more log handler.
        return None


def _import_awscli() -> Any:
    """``awscli.clidriver``, running on the botocore that boto3 uses.

    Recent awscli releases carry a copy of botocore and install an import hook that makes a
    later ``import botocore`` load that copy. botocore is imported first (so the CLI's code
    finds the one already loaded, which serves the simulated clients), and the hook is
    removed again, so nothing imported afterwards changes. The process environment is left
    as it was.
    """
    import botocore.session  # noqa: F401  (the real one, before awscli)

    with contextlib.suppress(ImportError):
        import s3transfer  # noqa: F401

    before = list(sys.meta_path)
    data_path = os.environ.get("AWS_DATA_PATH")
    import awscli.clidriver

    # awscli also appends its data folder to AWS_DATA_PATH, which would reach every botocore
    # session made later in the process; the CLI's session is given that folder directly.
    if data_path is None:
        os.environ.pop("AWS_DATA_PATH", None)
    else:
        os.environ["AWS_DATA_PATH"] = data_path
    sys.meta_path[:] = [
        finder
        for finder in sys.meta_path
        if finder in before or type(finder).__name__ != "TopLevelImportAliasFinder"
    ]
    return awscli.clidriver


@functools.cache
def cli_driver() -> Any:
    """The shared AWS CLI driver (built once: loading its command table is the slow part)."""
    clidriver = _import_awscli()
    import awscli
    from awscli.alias import AliasLoader
    from awscli.plugin import load_plugins

    class _NoAliases(AliasLoader):
        """No ``~/.aws/cli/alias`` file: the commands are AWS's own."""

        def get_aliases(self) -> dict:
            return {}

    class _Driver(clidriver.CLIDriver):
        """A driver that runs many commands: the session is initialised once. (A terminal
        runs one command per process; announcing the session again for every command would
        register the CLI's parameter-file handler once more each time.)"""

        _initialized = False

        def _emit_session_event(self, parsed_args: Any) -> None:
            if not self._initialized:
                self._initialized = True
                super()._emit_session_event(parsed_args)

    session = _SimulatedCLISession(awscli.EnvironmentVariables)
    store = _isolated_config_store()
    data = os.path.join(os.path.dirname(os.path.abspath(awscli.__file__)), "data")
    for name, value in {"data_path": data, "output": "json", "ca_bundle": None}.items():
        store.set_config_provider(name, ConstantProvider(value))
    session.register_component("config_store", store)
    session.set_credentials("simulated", "simulated")
    clidriver._set_user_agent_for_session(session)
    load_plugins({}, event_hooks=session.get_component("event_emitter"))
    driver = _Driver(session=session)
    driver.alias_loader = _NoAliases()
    return driver


@contextlib.contextmanager
def _terminal(argv: list[str]) -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """Capture what the CLI prints, with ``sys.argv`` as a shell would set it (the CLI's
    usage messages name the program from it)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    saved = sys.argv
    sys.argv = ["aws", *argv]
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            yield stdout, stderr
    finally:
        sys.argv = saved


def run_cli(account: Account, command: str | Sequence[str]) -> CLIResult:
    """Run one AWS CLI command line against ``account``; the leading ``aws`` is optional.

    ``command`` is split as a POSIX shell would (quotes, backslashes), or given already split.
    A command AWS would refuse prints the CLI's own error line, returns its exit status, and
    changes nothing in the account.

    >>> from lambda_model import Account
    >>> run_cli(Account(), "lambda list-functions --output text")
    $ aws lambda list-functions --output text
    """
    argv = shlex.split(command) if isinstance(command, str) else list(command)
    shown = (command if isinstance(command, str) else shlex.join(argv)).strip()
    if argv[:1] == ["aws"]:
        argv = argv[1:]
    else:
        shown = f"aws {shown}"
    argv = [arg for arg in argv if arg not in _V2_ONLY_FLAGS]
    if argv[-1:] == ["help"]:
        return CLIResult(shown, _help_link(argv[:-1]), "", 0)
    if argv[:1] in (["configure"], ["history"]):
        refused = f"lambda_model: `aws {argv[0]}` works on your own AWS CLI files, not here\n"
        return CLIResult(shown, "", refused, 255)
    driver = cli_driver()
    driver.session.account = account
    with _terminal(argv) as (stdout, stderr):
        try:
            status = driver.main(argv) or 0
        except SystemExit as exit_:
            code = exit_.code
            status = code if isinstance(code, int) else (0 if code is None else 1)
        finally:
            driver.session.account = None
    return CLIResult(shown, stdout.getvalue(), stderr.getvalue(), status)


def _help_link(words: list[str]) -> str:
    """Where the help ``aws ... help`` would page through is published (a terminal runs a
    pager for it; a notebook cell cannot).

    >>> print(_help_link(["lambda", "update-alias"]), end="")
    The AWS CLI's help for `aws lambda update-alias`: \
https://docs.aws.amazon.com/cli/latest/reference/lambda/update-alias.html
    """
    words = [word for word in words if not word.startswith("-")][:2]
    page = "/".join(words) + (".html" if len(words) == 2 else "/index.html" if words else "")
    return (
        f"The AWS CLI's help for `{' '.join(['aws', *words])}`: "
        f"https://docs.aws.amazon.com/cli/latest/reference/{page or 'index.html'}\n"
    )


_current: list[Account] = []


def use(account: Account) -> Account:
    """Bind ``account`` to the ``%aws`` and ``%%aws`` magics (and register them in IPython).

    >>> from lambda_model import Account
    >>> from lambda_model import aws
    >>> account = aws.use(Account())
    >>> aws.current_account() is account
    True
    """
    _current[:] = [account]
    from .magics import register_magics

    register_magics()
    return account


def current_account() -> Account:
    """The account bound by :func:`use`."""
    if not _current:
        raise RuntimeError("no account is bound to %aws: run `lambda_model.aws.use(account)` first")
    return _current[0]
