"""Frozen values: a function's configuration (of ``$LATEST`` or of a published version), an
alias's configuration and its routing. Each renders to AWS's response shape with ``to_dict``.

Examples
--------
>>> RoutingConfig.of({"AdditionalVersionWeights": {"2": 0.1}})
RoutingConfig({'2': 0.1})
>>> RoutingConfig.of({"2": 0.1}).to_dict()
{'AdditionalVersionWeights': {'2': 0.1}}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

from .clock import SimulatedClock
from .code import Code

__all__ = ["NO_ENVIRONMENT", "AliasConfiguration", "FunctionConfiguration", "RoutingConfig"]

#: The environment of a function created without one (AWS then omits ``Environment``).
NO_ENVIRONMENT: Mapping[str, str] = MappingProxyType({})
_EMPTY = NO_ENVIRONMENT


@dataclass(frozen=True, slots=True)
class RoutingConfig:
    """``AdditionalVersionWeights``: the share of invocations each extra version receives."""

    additional_version_weights: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, value: RoutingConfig | Mapping | None) -> RoutingConfig | None:
        """Accept AWS's shape, a bare ``{version: weight}`` map, or a RoutingConfig."""
        if value is None or isinstance(value, RoutingConfig):
            return value
        weights = value.get("AdditionalVersionWeights", value)
        return cls(dict(weights))

    def __repr__(self) -> str:
        return f"RoutingConfig({dict(self.additional_version_weights)!r})"

    def __bool__(self) -> bool:
        return bool(self.additional_version_weights)

    def to_dict(self) -> dict:
        return {"AdditionalVersionWeights": dict(self.additional_version_weights)}


@dataclass(frozen=True)
class FunctionConfiguration:
    """The configuration of ``$LATEST`` or of one published version (``version``)."""

    function_name: str
    function_arn: str
    version: str
    code: Code = field(repr=False)
    handler: str
    runtime: str
    role: str
    description: str
    memory_size: int
    timeout: int
    environment: Mapping[str, str] = field(repr=False, default_factory=lambda: _EMPTY)
    revision_id: str = field(repr=False, default="")
    last_modified: float = field(repr=False, default=0.0)
    state: str = field(repr=False, default="Active")
    last_update_status: str = field(repr=False, default="Successful")

    def __repr__(self) -> str:
        return (
            f"FunctionConfiguration({self.function_name}:{self.version}, "
            f"code={self.code_sha256[:8]}…, description={self.description!r})"
        )

    @property
    def code_sha256(self) -> str:
        return self.code.code_sha256

    @property
    def code_size(self) -> int:
        return self.code.code_size

    def evolve(self, **changes: object) -> FunctionConfiguration:
        """A copy with ``changes`` applied: ``dataclasses.replace``, several times faster.

        >>> from lambda_model import Account
        >>> config = Account().create_function("f", lambda event, context: 1)
        >>> config.evolve(description="new").description
        'new'
        """
        # A frozen dataclass keeps its fields in __dict__: copying that dict is the fast path.
        unknown = changes.keys() - _CONFIG_INDEX.keys()
        if unknown:
            raise TypeError(f"unknown fields: {sorted(unknown)}")
        new = object.__new__(FunctionConfiguration)
        state = new.__dict__
        state.update(self.__dict__)
        state.update(changes)
        return new

    def to_dict(self, clock: SimulatedClock | None = None, *, listing: bool = False) -> dict:
        """AWS's ``FunctionConfiguration`` shape. List items omit the state fields."""
        stamp = (clock or SimulatedClock()).last_modified(self.last_modified)
        body = {
            "FunctionName": self.function_name,
            "FunctionArn": self.function_arn,
            "Runtime": self.runtime,
            "Role": self.role,
            "Handler": self.handler,
            "CodeSize": self.code_size,
            "Description": self.description,
            "Timeout": self.timeout,
            "MemorySize": self.memory_size,
            "LastModified": stamp,
            "CodeSha256": self.code_sha256,
            "Version": self.version,
            "TracingConfig": {"Mode": "PassThrough"},
            "RevisionId": self.revision_id,
            "PackageType": "Zip",
            "Architectures": ["x86_64"],
            "EphemeralStorage": {"Size": 512},
            "SnapStart": {"ApplyOn": "None", "OptimizationStatus": "Off"},
            "LoggingConfig": {
                "LogFormat": "Text",
                "LogGroup": f"/aws/lambda/{self.function_name}",
            },
        }
        if self.environment or self.environment is not _EMPTY:
            # Given at all (even empty), the environment is reported [LS-snap:
            # test_redundant_updates create_response].
            body["Environment"] = {"Variables": dict(self.environment)}
        if not listing:
            body["State"] = self.state
            if self.state == "Pending":
                # While Pending, AWS gives the reason and no LastUpdateStatus yet [LS-snap:
                # test_publish_version_on_create create_response].
                body["StateReason"] = "The function is being created."
                body["StateReasonCode"] = "Creating"
            else:
                body["LastUpdateStatus"] = self.last_update_status
            if self.last_update_status == "InProgress":
                # AWS's wording for every update in progress [LS-snap: test_redundant_updates].
                body["LastUpdateStatusReason"] = "The function is being created."
                body["LastUpdateStatusReasonCode"] = "Creating"
        return body


_CONFIG_INDEX = {f.name: i for i, f in enumerate(fields(FunctionConfiguration))}


@dataclass(frozen=True, slots=True)
class AliasConfiguration:
    """An alias: a named pointer to a version, optionally splitting traffic with one more."""

    alias_arn: str
    name: str
    function_version: str
    description: str = ""
    routing_config: RoutingConfig | None = None
    revision_id: str = field(default="", repr=False)

    def __repr__(self) -> str:
        return f"AliasConfiguration({self.name} -> {self.target_text()})"

    @property
    def weights(self) -> dict[str, float]:
        """Every version this alias sends traffic to, with its share (summing to 1)."""
        extra = dict(self.routing_config.additional_version_weights) if self.routing_config else {}
        primary = 1.0 - sum(extra.values())
        return {self.function_version: primary, **extra}

    def target_text(self) -> str:
        """``3`` or ``3 (90%) + 4 (10%)``."""
        if not self.routing_config:
            return self.function_version
        return " + ".join(f"{v} ({w:.0%})" for v, w in self.weights.items())

    def to_dict(self) -> dict:
        body = {
            "AliasArn": self.alias_arn,
            "Name": self.name,
            "FunctionVersion": self.function_version,
            "Description": self.description,
            "RevisionId": self.revision_id,
        }
        if self.routing_config:
            body["RoutingConfig"] = self.routing_config.to_dict()
        return body
