"""Aliases: create, get, update, delete and list, with weighted routing.

Rules: ``lambda-semantics.md`` section 3. An alias points to a numbered version or
``$LATEST``, never to another alias; it may send a share of traffic to one additional version.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .errors import (
    InvalidParameterValueException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from .events import AliasCreated, AliasDeleted, AliasUpdated
from .function import Function
from .functions_api import Page, _paginate
from .identifiers import (
    LATEST,
    FunctionRef,
    check_alias_name,
    check_function_version,
    check_types,
    constraint,
    is_version_number,
    max_length_rule,
    validation_error,
    version_key,
)
from .state import AccountState
from .values import AliasConfiguration, RoutingConfig

__all__ = ["AliasesAPI"]

_WEIGHT_RULE = (
    "Map value must satisfy constraint: [Member must have value less than or equal to 1.0, "
    "Member must have value greater than or equal to 0.0, Member must not be null]"
)
_KEY_RULE = (
    "Map keys must satisfy constraint: [Member must have length less than or equal to 1024, "
    "Member must have length greater than or equal to 1, Member must satisfy regular "
    "expression pattern: [0-9]+]"
)


def _java_map(weights: Mapping[str, object]) -> str:
    """Render a map the way the service's validation messages do: ``{2=0.5}``."""
    return (
        "{"
        + ", ".join(
            f"{k}={float(v) if isinstance(v, int | float) else v}" for k, v in weights.items()
        )
        + "}"
    )


def _routing_of(value: object) -> RoutingConfig | None:
    """``RoutingConfig.of``, refusing what is not a map of weights (ValidationException)."""
    if value is None or isinstance(value, RoutingConfig):
        return value
    check_types((value, "routingConfig", dict))
    weights = value.get("AdditionalVersionWeights", value)
    check_types((weights, "routingConfig.additionalVersionWeights", dict))
    return RoutingConfig(dict(weights))


class AliasesAPI(AccountState):
    """Alias operations."""

    def _alias_ref(self, function_name: str) -> FunctionRef:
        ref = self._ref(function_name, namespaced=False)
        if ref.qualifier is not None and ref.qualifier != LATEST:
            raise InvalidParameterValueException(
                "Current operation does not support versions other than $LATEST"
            )
        return ref

    def _check_version_exists(self, ref: FunctionRef, version: str) -> Function:
        function = self._function(ref, version)
        if version != LATEST and (
            not is_version_number(version) or version_key(version) not in function.versions
        ):
            raise self._not_found(ref, version)
        return function

    @staticmethod
    def _check_description(description: str | None) -> None:
        """An alias ``Description`` has 0 to 256 characters (section 1.4)."""
        if description is None:
            return
        if description.__class__ is not str:
            check_types((description, "description", str))
        if len(description) > 256:
            raise validation_error(constraint(description, "description", max_length_rule(256)))

    @staticmethod
    def _check_routing_shape(routing: RoutingConfig | None) -> None:
        """The schema checks of section 3.5 (ValidationException), made before any lookup."""
        if not routing:
            return
        weights = routing.additional_version_weights
        if any(
            not (isinstance(k, str) and 0 < len(k) <= 1024 and is_version_number(k))
            for k in weights
        ):
            raise validation_error(
                f"Value '{_java_map(weights)}' at 'routingConfig.additionalVersionWeights' "
                f"failed to satisfy constraint: {_KEY_RULE}"
            )
        if any(
            not isinstance(w, int | float) or math.isnan(w) or not 0.0 <= w <= 1.0
            for w in weights.values()
        ):
            raise validation_error(
                f"Value '{_java_map(weights)}' at 'routingConfig.additionalVersionWeights' "
                f"failed to satisfy constraint: {_WEIGHT_RULE}"
            )

    def _check_routing(
        self, ref: FunctionRef, function: Function, primary: str, routing: RoutingConfig | None
    ) -> RoutingConfig | None:
        """The service rules of section 3.5. Returns ``None`` for an empty routing config."""
        if not routing:
            return None
        weights = routing.additional_version_weights
        if len(weights) > 1:
            raise InvalidParameterValueException(
                "Number of items in AdditionalVersionWeights cannot be greater than 1"
            )
        (extra,) = weights
        if primary == LATEST:
            raise InvalidParameterValueException(
                "$LATEST is not supported for an alias pointing to more than 1 version"
            )
        if extra == primary:
            raise InvalidParameterValueException(
                f"Invalid function version {extra}. Function version {extra} is already included "
                "in routing configuration."
            )
        if version_key(extra) not in function.versions:
            raise self._not_found(ref, extra)
        if function.versions[int(extra)].role != function.versions[int(primary)].role:
            raise InvalidParameterValueException(
                "Specified versions must be associated with the same execution role"
            )
        return RoutingConfig({extra: float(weights[extra])})

    # --- operations -----------------------------------------------------------------------

    def create_alias(
        self,
        function_name: str,
        name: str,
        function_version: str,
        *,
        description: str = "",
        routing_config: RoutingConfig | Mapping | None = None,
    ) -> AliasConfiguration:
        """Create alias ``name`` pointing at ``function_version``.

        >>> from lambda_model import Account
        >>> account = Account()
        >>> _ = account.create_function("f", lambda event, context: "v1", publish=True)
        >>> account.create_alias("f", "PROD", "1")
        AliasConfiguration(PROD -> 1)
        """
        check_alias_name(name)
        check_function_version(function_version)
        self._check_description(description)
        requested = _routing_of(routing_config)
        self._check_routing_shape(requested)
        ref = self._alias_ref(function_name)
        function = self._check_version_exists(ref, function_version)
        if name in function.aliases:
            raise ResourceConflictException(f"Alias already exists: {function.qualified_arn(name)}")
        routing = self._check_routing(ref, function, function_version, requested)
        alias = AliasConfiguration(
            alias_arn=function.qualified_arn(name),
            name=name,
            function_version=function_version,
            description=description,
            routing_config=routing,
            revision_id=self._new_uuid(),
        )
        function.aliases[name] = alias
        weights = dict(routing.additional_version_weights) if routing else None
        self._record(
            AliasCreated(
                self.clock.now, function.name, name, function_version, weights, description
            )
        )
        return alias

    def _existing_alias(
        self, function_name: str, name: str, wording: str
    ) -> tuple[FunctionRef, Function, AliasConfiguration]:
        ref = self._alias_ref(function_name)
        function = self._function(ref)
        alias = function.aliases.get(name)
        if alias is None:
            raise ResourceNotFoundException(f"{wording}: {function.qualified_arn(name)}")
        return ref, function, alias

    def get_alias(self, function_name: str, name: str) -> AliasConfiguration:
        """The alias ``name`` of the function; 404 ``Cannot find alias arn: …`` if missing."""
        # No lock: one read of a frozen value is atomic (and this is a hot path).
        check_alias_name(name)
        return self._existing_alias(function_name, name, "Cannot find alias arn")[2]

    def update_alias(
        self,
        function_name: str,
        name: str,
        *,
        function_version: str | None = None,
        description: str | None = None,
        routing_config: RoutingConfig | Mapping | None = None,
        revision_id: str | None = None,
    ) -> AliasConfiguration:
        """Move an alias, change its routing or description. Omitted fields keep their values;
        ``routing_config={}`` (or ``{"AdditionalVersionWeights": {}}``) clears the routing.

        >>> from lambda_model import Account
        >>> account = Account()
        >>> _ = account.create_function("f", lambda event, context: "v1", publish=True)
        >>> _ = account.update_function_code("f", lambda event, context: "v2", publish=True)
        >>> _ = account.create_alias("f", "PROD", "1")
        >>> account.update_alias("f", "PROD", routing_config={"2": 0.1})
        AliasConfiguration(PROD -> 1 (90%) + 2 (10%))
        """
        self._lock.acquire()  # taken here, not by the generic wrapper: a hot path
        try:
            check_alias_name(name)
            if function_version is not None:
                check_function_version(function_version)
            self._check_description(description)
            if revision_id is not None and revision_id.__class__ is not str:
                check_types((revision_id, "revisionId", str))
            new_routing = _routing_of(routing_config)
            self._check_routing_shape(new_routing)
            ref, function, alias = self._existing_alias(function_name, name, "Alias not found")
            self._check_revision(revision_id, alias.revision_id)
            primary = alias.function_version if function_version is None else function_version
            if (
                function_version is not None
                and function_version != LATEST
                and version_key(function_version) not in function.versions
            ):
                raise self._not_found(ref, function_version)
            routing = alias.routing_config if routing_config is None else new_routing
            routing = self._check_routing(ref, function, primary, routing)
            updated = AliasConfiguration(
                alias_arn=alias.alias_arn,
                name=name,
                function_version=primary,
                description=alias.description if description is None else description,
                routing_config=routing,
                revision_id=self._new_uuid(),
            )
            function.aliases[name] = updated
            before = alias.routing_config
            self._record(
                AliasUpdated(
                    self.clock.now,
                    function.name,
                    name,
                    primary,
                    dict(routing.additional_version_weights) if routing else None,
                    alias.function_version,
                    dict(before.additional_version_weights) if before else None,
                    description,
                )
            )
            return updated
        finally:
            self._lock.release()

    def delete_alias(self, function_name: str, name: str) -> None:
        """Delete an alias (and its resource policy). Deleting a missing alias is a no-op."""
        check_alias_name(name)
        ref = self._alias_ref(function_name)
        function = self._function(ref)
        if name not in function.aliases:
            return
        del function.aliases[name]
        function.policies.pop(name, None)
        self._record(AliasDeleted(self.clock.now, function.name, name))

    def list_aliases(
        self,
        function_name: str,
        *,
        function_version: str | None = None,
        marker: str | None = None,
        max_items: int | None = None,
    ) -> Page:
        """The function's aliases by name; with ``function_version``, those whose primary
        version it is (an alias that only routes to it is not listed)."""
        self._check_max_items(max_items)
        check_types((marker, "marker", str))
        if function_version is not None:
            check_function_version(function_version)
        ref = self._alias_ref(function_name)
        function = self._function(ref)
        aliases = [
            alias
            for alias in function.sorted_aliases()
            if function_version is None or alias.function_version == function_version
        ]
        return _paginate(aliases, marker, max_items, limit=10000)  # section 9: MaxItems <= 10000
