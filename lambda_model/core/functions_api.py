"""Functions and versions: create, update, get, list, delete, publish.

Rules: ``lambda-semantics.md`` sections 1 and 2. Only ``$LATEST`` is mutable; publishing
snapshots it into a numbered version; numbers are never reused; a publish with no update
call since the last one returns the latest version instead of making a new one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .code import Code, Handler
from .errors import (
    AccessDeniedException,
    InvalidParameterValueException,
    ResourceConflictException,
    ValidationException,
)
from .events import (
    FunctionCodeUpdated,
    FunctionConfigurationUpdated,
    FunctionCreated,
    FunctionDeleted,
    VersionDeleted,
    VersionPublished,
)
from .function import Function
from .identifiers import (
    LATEST,
    FunctionRef,
    check_types,
    constraint,
    is_version_number,
    max_length_rule,
    pattern_rule,
    validation_error,
    version_key,
)
from .runtimes import check_runtime
from .state import AccountState
from .values import NO_ENVIRONMENT, FunctionConfiguration

__all__ = ["FunctionsAPI", "Page"]

ROLE_PATTERN = r"arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+"
_ROLE_RE = re.compile(ROLE_PATTERN)
_ENV_KEY_RE = re.compile(r"[a-zA-Z]([a-zA-Z0-9_])+")
_HANDLER_RE = re.compile(r"[^\s]+")
PAGE_SIZE = 50
PENDING, IN_PROGRESS = "Pending", "InProgress"
#: The service's memory cap (DG: Lambda quotas), below the API model's 32768.
MAX_MEMORY_SIZE = 10240
#: All environment variables together, as compact JSON, may not exceed 4 KB.
ENVIRONMENT_SIZE_LIMIT = 4096
#: Keys Lambda sets itself and refuses in a function's configuration (DG: "Defined runtime
#: environment variables", the reserved ones).
RESERVED_ENVIRONMENT_KEYS = frozenset(
    {
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
        "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
        "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a listing and the marker for the next one (``None`` on the last page)."""

    items: list
    next_marker: str | None = None

    def __repr__(self) -> str:
        more = f", next_marker={self.next_marker!r}" if self.next_marker else ""
        return f"Page({self.items!r}{more})"

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def marker_start(marker: object) -> int:
    """Where a page starts for ``Marker`` (our markers are item offsets). Anything that is not
    a plain ASCII number starts at the beginning; a number beyond any listing gives an empty
    page (never a ``ValueError``).

    >>> marker_start("50"), marker_start(None), marker_start("²"), marker_start("9" * 5000) > 10**9
    (50, 0, 0, True)
    """
    if marker.__class__ is not str or not (marker.isascii() and marker.isdigit()):
        return 0
    return int(marker) if len(marker) <= 18 else 10**18


def _paginate(
    items: list, marker: str | None, max_items: int | None, *, limit: int = PAGE_SIZE
) -> Page:
    """A page of at most ``max_items`` (default 50) and at most ``limit`` items."""
    start = marker_start(marker)
    size = min(max_items or PAGE_SIZE, limit)
    end = start + size
    return Page(items[start:end], str(end) if end < len(items) else None)


class FunctionsAPI(AccountState):
    """Create, update, read and delete functions; publish and list versions."""

    # --- validation -----------------------------------------------------------------------

    def _check_settings(
        self,
        *,
        runtime: str | None = None,
        role: str | None = None,
        handler: str | None = None,
        memory_size: int | None = None,
        timeout: int | None = None,
        description: str | None = None,
        environment: Mapping[str, str] | None = None,
    ) -> None:
        check_types(
            (runtime, "runtime", str),
            (role, "role", str),
            (handler, "handler", str),
            (memory_size, "memorySize", int),
            (timeout, "timeout", int),
            (description, "description", str),
            (environment, "environment.variables", dict),
        )
        failures = []
        if role is not None and not _ROLE_RE.fullmatch(role):
            failures.append(constraint(role, "role", pattern_rule(ROLE_PATTERN)))
        if handler is not None:
            if len(handler) > 128:
                failures.append(constraint(handler, "handler", max_length_rule(128)))
            if not _HANDLER_RE.fullmatch(handler):
                failures.append(constraint(handler, "handler", pattern_rule(r"[^\s]+")))
        if memory_size is not None:
            if memory_size < 128:
                rule = "Member must have value greater than or equal to 128"
                failures.append(constraint(memory_size, "memorySize", rule))
            elif memory_size > 32768:
                rule = "Member must have value less than or equal to 32768"
                failures.append(constraint(memory_size, "memorySize", rule))
        if timeout is not None:
            if timeout < 1:
                rule = "Member must have value greater than or equal to 1"
                failures.append(constraint(timeout, "timeout", rule))
            elif timeout > 900:
                rule = "Member must have value less than or equal to 900"
                failures.append(constraint(timeout, "timeout", rule))
        if description is not None and len(description) > 256:
            failures.append(constraint(description, "description", max_length_rule(256)))
        if failures:
            raise validation_error(*failures)
        if memory_size is not None and memory_size > MAX_MEMORY_SIZE:
            # The API model allows 32768; the service caps at 10240 (DG: Lambda quotas).
            raise ValidationException(
                "'MemorySize' value failed to satisfy constraint: Member must have value less "
                f"than or equal to {MAX_MEMORY_SIZE}"
            )
        if runtime is not None:
            # After the pattern checks, as AWS orders them [LS-snap: test_create_lambda_exceptions].
            check_runtime(runtime)
        if environment is not None:
            self._check_environment(environment)

    @staticmethod
    def _check_environment(environment: Mapping[str, str]) -> None:
        """Keys by AWS's pattern, string values, no reserved key, at most 4 KB in all."""
        for key, value in environment.items():
            if (
                key.__class__ is not str
                or not _ENV_KEY_RE.fullmatch(key)
                or value.__class__ is not str
            ):
                raise validation_error(
                    constraint(
                        "[" + ", ".join(sorted(map(str, environment))) + "]",
                        "environment.variables",
                        "Map keys must satisfy constraint: [Member must satisfy regular "
                        "expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]",
                    )
                )
        reserved = [key for key in environment if key in RESERVED_ENVIRONMENT_KEYS]
        if reserved:
            raise InvalidParameterValueException(
                "Lambda was unable to configure your environment variables because the "
                "environment variables you have provided contains reserved keys that are "
                "currently not supported for modification. Reserved keys used in this request: "
                + ", ".join(reserved)
            )
        try:
            measured = json.dumps(dict(environment), separators=(",", ":"), ensure_ascii=False)
            size = len(measured.encode())
        except UnicodeEncodeError:
            raise validation_error(
                constraint("***", "environment.variables", "Member must be valid UTF-8")
            ) from None
        if size > ENVIRONMENT_SIZE_LIMIT:
            raise InvalidParameterValueException(
                "Lambda was unable to configure your environment variables because the "
                "environment variables you have provided exceeded the 4KB limit. String "
                f"measured: {measured}"
            )

    def _latest_only(self, ref: FunctionRef, qualifier: str | None = None) -> None:
        """Updates apply to ``$LATEST`` only."""
        q = qualifier if qualifier is not None else ref.qualifier
        if q is not None and q != LATEST:
            raise InvalidParameterValueException(
                "Current operation does not support versions other than $LATEST"
            )

    # --- create ---------------------------------------------------------------------------

    def create_function(
        self,
        function_name: str,
        code: Code | Handler | str | bytes,
        *,
        handler: str = "index.handler",
        runtime: str = "python3.12",
        role: str | None = None,
        memory_size: int = 128,
        timeout: int = 3,
        environment: Mapping[str, str] | None = None,
        description: str = "",
        publish: bool = False,
    ) -> FunctionConfiguration:
        """Create a function. ``code`` is a callable, Python source or ZIP bytes.

        With ``publish=True`` version 1 is published at once; the response reports
        ``Version "1"`` with the unqualified ARN, as AWS does.

        >>> from lambda_model import Account
        >>> account = Account()
        >>> account.create_function("thumbnailer", lambda event, context: "v1")
        FunctionConfiguration(thumbnailer:$LATEST, code=..., description='')
        """
        check_types((publish, "publish", bool))
        ref = self._ref(function_name, namespaced=False)
        self._latest_only(ref)
        other_partition = function_name.startswith("arn:") and not function_name.startswith(
            "arn:aws:"
        )
        if (ref.account_id is not None and ref.account_id != self.account_id) or other_partition:
            # Creating in another account (or partition) is refused with a bare 403 [LS-snap:
            # test_function_arns function_arn_other_account_exc].
            raise AccessDeniedException(f"cannot create {function_name} from {self.account_id}")
        if len(ref.name) > 64:
            raise InvalidParameterValueException(
                "1 validation error detected: "
                + constraint(ref.name, "functionName", max_length_rule(64))
            )
        role = role if role is not None else f"arn:aws:iam::{self.account_id}:role/lambda-role"
        self._check_settings(
            runtime=runtime,
            role=role,
            handler=handler,
            memory_size=memory_size,
            timeout=timeout,
            description=description,
            environment=environment,
        )
        if ref.name in self.functions:
            raise ResourceConflictException(f"Function already exist: {ref.name}")
        code_value = Code.of(code)
        # --- apply
        arn = self.function_arn(ref.name)
        created = FunctionConfiguration(
            function_name=ref.name,
            function_arn=arn,
            version=LATEST,
            code=code_value,
            handler=handler,
            runtime=runtime,
            role=role,
            description=description,
            memory_size=memory_size,
            timeout=timeout,
            environment=NO_ENVIRONMENT
            if environment is None
            else MappingProxyType(dict(environment)),
            revision_id=self._new_uuid(),
            last_modified=self.clock.now,
            state="Pending",
            last_update_status="Successful",
        )
        function = Function(name=ref.name, arn=arn, latest=created)
        self.functions[ref.name] = function
        # The function becomes Active (at once, or after update_delay); that is a new
        # RevisionId (section 2.5).
        self._settle(function, state="Active")
        self._record(FunctionCreated(self.clock.now, ref.name, runtime, handler, role, description))
        if publish:
            # The response is the created function reported as version 1: its RevisionId is the
            # create response's, while the version keeps its own [LS-snap:
            # test_publish_version_on_create].
            version = self._publish(function, None)
            return version.evolve(
                function_arn=arn, state="Pending", revision_id=created.revision_id
            )
        return created

    # --- update ---------------------------------------------------------------------------

    def update_function_code(
        self,
        function_name: str,
        code: Code | Handler | str | bytes,
        *,
        publish: bool = False,
        revision_id: str | None = None,
    ) -> FunctionConfiguration:
        """Replace ``$LATEST``'s code. With ``publish=True``, also publish and return the version.

        >>> from lambda_model import Account
        >>> account = Account()
        >>> _ = account.create_function("f", lambda event, context: "v1")
        >>> account.update_function_code("f", lambda event, context: "v2", publish=True).version
        '1'
        """
        self._lock.acquire()  # taken here, not by the generic wrapper: a hot path
        try:
            if publish.__class__ is not bool or (
                revision_id is not None and revision_id.__class__ is not str
            ):
                check_types((publish, "publish", bool), (revision_id, "revisionId", str))
            ref = self._ref(function_name, namespaced=False)
            self._latest_only(ref)
            function = self._function(ref)
            latest = function.latest
            if latest.state == PENDING or latest.last_update_status == IN_PROGRESS:
                self._refuse_while_busy(function)
            self._check_revision(revision_id, function.latest.revision_id)
            code_value = Code.of(code)
            # --- apply
            response = self._update_latest(function, code=code_value)
            self._record(FunctionCodeUpdated(self.clock.now, function.name, code_value.code_sha256))
            if publish:
                # The new version reports Pending here, unlike PublishVersion's response (2.3).
                return self._publish(function, None).evolve(state="Pending")
            return response
        finally:
            self._lock.release()

    def update_function_configuration(
        self,
        function_name: str,
        *,
        handler: str | None = None,
        runtime: str | None = None,
        role: str | None = None,
        memory_size: int | None = None,
        timeout: int | None = None,
        environment: Mapping[str, str] | None = None,
        description: str | None = None,
        revision_id: str | None = None,
    ) -> FunctionConfiguration:
        """Change ``$LATEST``'s configuration; omitted settings keep their values.

        Any successful call counts as a change for the next publish, even one that sets
        every value to what it already was (section 2.3).
        """
        ref = self._ref(function_name, namespaced=False)
        self._latest_only(ref)
        changes = {
            key: value
            for key, value in (
                ("handler", handler),
                ("runtime", runtime),
                ("role", role),
                ("memory_size", memory_size),
                ("timeout", timeout),
                ("description", description),
            )
            if value is not None
        }
        check_types((revision_id, "revisionId", str))
        self._check_settings(environment=environment, **changes)
        function = self._function(ref)
        latest = function.latest
        if latest.state == PENDING or latest.last_update_status == IN_PROGRESS:
            self._refuse_while_busy(function)
        self._check_revision(revision_id, function.latest.revision_id)
        if environment is not None:
            changes["environment"] = MappingProxyType(dict(environment))
        # --- apply
        response = self._update_latest(function, **changes)
        shown = {k: (dict(v) if k == "environment" else v) for k, v in changes.items()}
        self._record(FunctionConfigurationUpdated(self.clock.now, function.name, shown))
        return response

    def _update_latest(self, function: Function, **changes: object) -> FunctionConfiguration:
        """Apply an update to ``$LATEST``: the response shows it InProgress; it completes at
        once with a further RevisionId, as on AWS (section 2.5)."""
        response = function.latest.evolve(
            revision_id=self._new_uuid(),
            last_modified=self.clock.now,
            last_update_status="InProgress",
            **changes,
        )
        function.changed_since_publish = True
        if self.update_delay:
            function.latest = response
            self._settle(function, last_update_status="Successful")
        else:
            function.latest = response.evolve(
                revision_id=self._new_uuid(), last_update_status="Successful"
            )
        return response

    def _settle(self, function: Function, **settled: str) -> None:
        """Finish a create or an update of ``$LATEST``: at once, or ``update_delay`` simulated
        seconds later (then the function is Pending / InProgress meanwhile)."""
        if not self.update_delay:
            function.latest = function.latest.evolve(revision_id=self._new_uuid(), **settled)
            return

        def finish() -> None:
            if self.functions.get(function.name) is function:
                function.latest = function.latest.evolve(revision_id=self._new_uuid(), **settled)

        self.clock.schedule(self.update_delay, finish)

    @staticmethod
    def _refuse_while_busy(function: Function) -> None:
        """While a create or an update is in progress, AWS refuses publishes and updates."""
        raise ResourceConflictException(
            "The operation cannot be performed at this time. An update is in progress for "
            f"resource: {function.arn}"
        )

    # --- read -----------------------------------------------------------------------------

    def get_function(
        self, function_name: str, qualifier: str | None = None
    ) -> FunctionConfiguration:
        """The configuration of ``$LATEST``, a version, or the version an alias points to.

        With an alias qualifier, ``function_arn`` is the alias ARN and ``version`` the
        alias's primary version (section 3.2).
        """
        self._lock.acquire()  # taken here, not by the generic wrapper: a hot path
        try:
            ref, qualifier = self._resolve(function_name, qualifier)
            function = self._function(ref, qualifier)
            if qualifier is None:
                return function.latest
            if qualifier == LATEST:
                # Asked for by name, $LATEST reports its qualified ARN [LS-snap:
                # test_publish_version_on_create get_function_latest_result].
                return function.latest.evolve(function_arn=f"{function.arn}:{LATEST}")
            if is_version_number(qualifier):
                version = function.versions.get(version_key(qualifier))
                if version is None:
                    raise self._not_found(ref, qualifier)
                return version
            alias = function.aliases.get(qualifier)
            if alias is None:
                raise self._not_found(ref, qualifier)
            if alias.function_version == LATEST:
                target = function.latest
            else:
                target = function.versions[int(alias.function_version)]
            return target.evolve(function_arn=alias.alias_arn)
        finally:
            self._lock.release()

    get_function_configuration = get_function

    def list_functions(
        self,
        *,
        function_version: str | None = None,
        marker: str | None = None,
        max_items: int | None = None,
    ) -> Page:
        """Every function's ``$LATEST`` by name, plus versions with ``function_version="ALL"``."""
        self._check_max_items(max_items)
        check_types((function_version, "functionVersion", str), (marker, "marker", str))
        if function_version not in (None, "ALL"):
            raise validation_error(
                constraint(
                    function_version, "functionVersion", "Member must satisfy enum value set: [ALL]"
                )
            )
        items = []
        for name in sorted(self.functions):
            function = self.functions[name]
            if function_version == "ALL":
                # Listed among versions, $LATEST carries its qualified ARN [LS-snap:
                # test_list_functions list_all].
                items.append(function.latest.evolve(function_arn=f"{function.arn}:{LATEST}"))
                items.extend(function.versions.values())
            else:
                items.append(function.latest)
        return _paginate(items, marker, max_items)

    # --- delete ---------------------------------------------------------------------------

    def delete_function(self, function_name: str, qualifier: str | None = None) -> None:
        """Delete the function (all versions and aliases), or one unaliased version.

        Event source mappings survive. Deleting ``$LATEST`` or an alias is refused; a version
        an alias points or routes to is refused; a missing version is a no-op (section 2.7).
        """
        ref, qualifier = self._resolve(function_name, qualifier)
        if qualifier == LATEST:
            raise InvalidParameterValueException(
                "$LATEST version cannot be deleted without deleting the function."
            )
        if qualifier is not None and "$" in qualifier:
            # Not an alias name (aliases have no "$"): AWS looks the function up, and a missing
            # one is a 404 [LS-snap: lowercase_latest_qualifier-delete_function].
            self._function(ref)
            raise self._not_found(ref, qualifier)
        if qualifier is not None and not is_version_number(qualifier):
            raise InvalidParameterValueException("Deletion of aliases is not currently supported.")
        function = self._function(ref)
        if qualifier is None:
            del self.functions[function.name]
            self._record(FunctionDeleted(self.clock.now, function.name))
            return
        number = version_key(qualifier)
        if number not in function.versions:
            return
        users = function.aliases_referencing(str(number))
        if users:
            raise ResourceConflictException(
                "Unable to delete version because the following aliases reference it: "
                f"[{', '.join(users)}]"
            )
        del function.versions[number]
        if number == function.next_version - 1:
            # The version cut from the current $LATEST is gone: the next publish makes a new
            # number (the counter never goes back) rather than return an older version.
            function.changed_since_publish = True
        function.policies.pop(str(number), None)
        self._record(VersionDeleted(self.clock.now, function.name, str(number)))

    # --- versions -------------------------------------------------------------------------

    def publish_version(
        self,
        function_name: str,
        *,
        code_sha256: str | None = None,
        description: str | None = None,
        revision_id: str | None = None,
    ) -> FunctionConfiguration:
        """Snapshot ``$LATEST`` as the next numbered version.

        With no update call since the last publish, no new version is made: the latest
        version comes back unchanged (its original description; ``description`` ignored).

        >>> from lambda_model import Account
        >>> account = Account()
        >>> _ = account.create_function("f", lambda event, context: "v1")
        >>> account.publish_version("f").version, account.publish_version("f").version
        ('1', '1')
        """
        self._lock.acquire()  # taken here, not by the generic wrapper: a hot path
        try:
            if not (
                (code_sha256 is None or code_sha256.__class__ is str)
                and (description is None or description.__class__ is str)
                and (revision_id is None or revision_id.__class__ is str)
            ):
                check_types(
                    (code_sha256, "codeSha256", str),
                    (description, "description", str),
                    (revision_id, "revisionId", str),
                )
            ref = self._ref(function_name, namespaced=False)
            self._latest_only(ref)
            function = self._function(ref)
            latest = function.latest
            if latest.state == PENDING or latest.last_update_status == IN_PROGRESS:
                self._refuse_while_busy(function)
            if description is not None and len(description) > 256:
                raise validation_error(constraint(description, "description", max_length_rule(256)))
            self._check_revision(revision_id, function.latest.revision_id)
            if code_sha256 is not None and code_sha256 != function.latest.code_sha256:
                raise InvalidParameterValueException(
                    f"CodeSHA256 ({code_sha256}) is different from current CodeSHA256 in "
                    f"$LATEST ({function.latest.code_sha256}). Please try again with the "
                    "CodeSHA256 in $LATEST."
                )
            if not function.changed_since_publish and function.versions:
                return function.versions[next(reversed(function.versions))]
            version = self._publish(function, description)
            # AWS answers State Active here (every recording, 2022-2025; section 2.3); with an
            # update delay the new version is Pending until it is ready.
            return version.evolve(state="Pending") if self.update_delay else version
        finally:
            self._lock.release()

    def _publish(self, function: Function, description: str | None) -> FunctionConfiguration:
        number = function.next_version
        latest = function.latest
        version = latest.evolve(
            function_arn=f"{function.arn}:{number}",
            version=str(number),
            description=latest.description if description is None else description,
            revision_id=self._new_uuid(),
            state="Active",
            last_update_status="Successful",
        )
        if self.update_delay:
            # The new version is Pending until it is ready (published_version_active waits).
            function.versions[number] = version.evolve(state="Pending")

            def ready() -> None:
                if function.versions.get(number) is not None:
                    function.versions[number] = function.versions[number].evolve(state="Active")

            self.clock.schedule(self.update_delay, ready)
        else:
            function.versions[number] = version
        function.next_version = number + 1
        function.changed_since_publish = False
        function.latest = latest.evolve(revision_id=self._new_uuid())
        self._record(
            VersionPublished(self.clock.now, function.name, str(number), version.description)
        )
        return version

    def list_versions_by_function(
        self, function_name: str, *, marker: str | None = None, max_items: int | None = None
    ) -> Page:
        """``$LATEST`` first, then versions in ascending order; at most 50 per page."""
        self._check_max_items(max_items)
        check_types((marker, "marker", str))
        ref = self._ref(function_name, namespaced=True)
        function = self._function(ref)
        latest = function.latest.evolve(function_arn=f"{function.arn}:{LATEST}")
        return _paginate([latest, *function.versions.values()], marker, max_items)
