"""The replay harness: a fresh simulated account per recorded test, a registry of replays,
and the comparison of every response a replay produced with the one AWS recorded.

A replay is our own call sequence for one recorded test. It stores each response under the
name the recording uses; the harness then compares them one by one (see ``compare.py``),
ignoring the fields and responses declared in ``differences.py``.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from botocore.exceptions import ClientError
from botocore.response import StreamingBody

from lambda_model import Account
from lambda_model.aws import client

from .compare import Bindings, differences, normalise
from .differences import EXPECTED_DIFFERENCES, NOT_MODELLED_FIELDS

__all__ = ["REPLAYS", "Outcome", "Replay", "Session", "load_recordings", "replay", "run"]

RECORDINGS = Path(__file__).parent / "recordings"
ROLE = "arn:aws:iam::123456789012:role/lambda-conformance"
ECHO_SOURCE = "def handler(event, context):\n    return event\n"


def echo_zip(module: str = "index") -> bytes:
    """A deployment package whose handler returns its event."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{module}.py", ECHO_SOURCE)
    return buffer.getvalue()


class Session:
    """One recorded test's world: a fresh account, its clients, and the responses so far."""

    def __init__(self) -> None:
        self.account = Account()
        self.lam = client("lambda", self.account)
        self._s3 = None
        self.responses: dict[str, object] = {}

    @property
    def s3(self):
        """The S3 client, made on first use (a botocore client takes a while to build)."""
        if self._s3 is None:
            self._s3 = client("s3", self.account)
        return self._s3

    def unvalidated_lambda(self):
        """A Lambda client without botocore's client-side parameter validation, served by the
        same account (some recorded tests send values botocore would refuse)."""
        import botocore.config

        from lambda_model.aws.client import SERVICES, _served
        from lambda_model.aws.session import CLIENT_CONFIG, offline_session
        from lambda_model.aws.transport import SimulatedService

        config = CLIENT_CONFIG.merge(botocore.config.Config(parameter_validation=False))
        made = offline_session().create_client("lambda", region_name=self.region, config=config)
        operations, request_id = SERVICES["lambda"]
        _served[made] = SimulatedService(made, self.account, operations(), request_id)
        return made

    @property
    def account_id(self) -> str:
        return self.account.account_id

    @property
    def region(self) -> str:
        return self.account.region

    def arn(self, name: str, qualifier: str | None = None, region: str | None = None) -> str:
        arn = f"arn:aws:lambda:{region or self.region}:{self.account_id}:function:{name}"
        return f"{arn}:{qualifier}" if qualifier else arn

    def call(self, key: str | None, operation: Callable, **params) -> dict:
        """Call ``operation``; keep its response (or its error response) under ``key``."""
        try:
            response = operation(**params)
        except ClientError as err:
            response = err.response
        for document in ("Policy", "Statement"):  # the recorder parsed these JSON documents
            if isinstance(response.get(document), str):
                response[document] = json.loads(response[document])
        if isinstance(response.get("Payload"), StreamingBody):
            response["Payload"] = json.loads(response["Payload"].read() or b"null")
        if key is not None:
            self.responses[key] = response
        return response

    def keep(self, key: str, value: object) -> None:
        self.responses[key] = value

    def create(self, key: str | None, name: str, **params) -> dict:
        """CreateFunction as the recorded tests call it directly."""
        params = {
            "FunctionName": name,
            "Handler": "index.handler",
            "Code": {"ZipFile": echo_zip()},
            "PackageType": "Zip",
            "Role": ROLE,
            "Runtime": "python3.12",
            **params,
        }
        return self.call(key, self.lam.create_function, **params)

    def create_fixture(self, key: str | None, name: str, **params) -> dict:
        """CreateFunction as the recorded tests' ``create_lambda_function`` helper calls it
        (handler module ``handler``, a 30 s timeout, an empty environment), its response
        wrapped the way that helper returns it; the function is then waited for."""
        params = {
            "Handler": "handler.handler",
            "Code": {"ZipFile": echo_zip("handler")},
            "Timeout": 30,
            "Environment": {"Variables": {}},
            **params,
        }
        response = self.create(None, name, **params)
        wrapped = {"CreateEventSourceMappingResponse": None, "CreateFunctionResponse": response}
        if key is not None:
            self.responses[key] = wrapped
        return response


@dataclass(frozen=True)
class Replay:
    """Our call sequence for one recorded test."""

    area: str
    recording: str
    test: str
    run: Callable[[Session], None]


#: Every replay, in registration order.
REPLAYS: list[Replay] = []


def replay(area: str, recording: str, *tests: str, **params) -> Callable:
    """Register the decorated ``run(session, **params)`` for each recorded test id."""

    def register(run: Callable) -> Callable:
        for test in tests:
            REPLAYS.append(Replay(area, recording, test, lambda s, run=run: run(s, **params)))
        return run

    return register


def load_recordings(name: str) -> dict:
    """The recorded tests of one recordings file: ``{test id: {response name: response}}``."""
    data = json.loads((RECORDINGS / f"{name}.json").read_text())
    return {test: entry["recorded-content"] for test, entry in data["recordings"].items()}


@dataclass
class Outcome:
    """One recorded response compared: what differs, and the declared reason if any."""

    replay: Replay
    response: str
    problems: list[str] = field(default_factory=list)
    declared: str | None = None

    @property
    def matches(self) -> bool:
        return not self.problems

    @property
    def explained(self) -> bool:
        return bool(self.problems) and self.declared is not None


def run(one: Replay, recordings: dict | None = None) -> list[Outcome]:
    """Replay ``one`` on a fresh account and compare every recorded response."""
    recorded = (recordings or load_recordings(one.recording))[one.test]
    session = Session()
    one.run(session)
    bindings = Bindings()
    outcomes = []
    for name, want in recorded.items():
        outcome = Outcome(one, name)
        if name not in session.responses:
            outcome.problems.append("not replayed")
        else:
            got = normalise(session.responses[name], session.account_id)
            outcome.problems = differences(want, got, bindings, ignored=NOT_MODELLED_FIELDS)
        outcome.declared = EXPECTED_DIFFERENCES.get((one.test, name))
        outcomes.append(outcome)
    return outcomes
