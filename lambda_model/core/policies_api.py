"""Resource-based permissions: add permission, remove permission, get policy, by qualifier.

Rules: ``lambda-semantics.md`` section 5. The function (no qualifier), each version and each
alias has its own policy; a grant covers calls naming exactly that ARN. Publishing a version
does not copy the function's policy. ``$LATEST`` has no policy of its own: calls naming
``fn:$LATEST`` are judged by the unqualified function's policy.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "ok", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> account.add_permission(
...     "f", "s3", "lambda:InvokeFunction", "s3.amazonaws.com",
...     qualifier="PROD", source_arn="arn:aws:s3:::uploads",
... ).json
'{"Sid":"s3","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:f:PROD","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:s3:::uploads"}}}'
>>> function = account.functions["f"]
>>> allows_invoke(function, "PROD", "s3.amazonaws.com", "arn:aws:s3:::uploads", "123456789012")
True
>>> allows_invoke(function, "1", "s3.amazonaws.com", "arn:aws:s3:::uploads", "123456789012")
False
"""

from __future__ import annotations

import re

from .errors import (
    InvalidParameterValueException,
    PolicyLengthExceededException,
    ResourceConflictException,
    ResourceNotFoundException,
)
from .events import PermissionAdded, PermissionRemoved
from .function import Function
from .identifiers import (
    LATEST,
    FunctionRef,
    check_required,
    constraint,
    is_version_number,
    max_length_rule,
    pattern_rule,
    validation_error,
    version_key,
)
from .policies import Policy, PolicyStatement, render_principal
from .state import AccountState

__all__ = ["POLICY_SIZE_LIMIT", "PoliciesAPI", "allows_invoke", "policy_key"]

#: A resource-based policy may hold at most 20 KB (section 9).
POLICY_SIZE_LIMIT = 20480

STATEMENT_ID_PATTERN = r"([a-zA-Z0-9-_]+)"
REMOVE_STATEMENT_ID_PATTERN = r"([a-zA-Z0-9-_.]+)"
ACTION_PATTERN = r"(lambda:[*]|lambda:[a-zA-Z]+|[*])"
PRINCIPAL_PATTERN = r"[^\s]+"
SOURCE_ACCOUNT_PATTERN = r"\d{12}"
PRINCIPAL_ORG_ID_PATTERN = r"o-[a-z0-9]{10,32}"
EVENT_SOURCE_TOKEN_PATTERN = r"[a-zA-Z0-9._\-]+"
ARN_PATTERN = (
    r"arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\-])+:((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?"
    r":(\d{12})?:(.*)"
)
_AUTH_TYPES = ("NONE", "AWS_IAM")


def policy_key(qualifier: str | None) -> str | None:
    """Where a qualifier's policy lives in ``Function.policies``: ``$LATEST`` shares the
    unqualified function's policy (key ``None``)."""
    return None if qualifier in (None, LATEST) else qualifier


def allows_invoke(
    function: Function,
    qualifier: str | None,
    principal_service: str,
    source_arn: str | None,
    source_account: str | None,
) -> bool:
    """Does the policy on exactly ``function[:qualifier]`` let a service invoke that ARN?

    Only the policy of the ARN being called counts: a grant on the unqualified function does
    not cover ``fn:PROD`` or ``fn:3``, and a grant on alias ``PROD`` does not cover the
    version behind it (section 5.1).
    """
    policy = function.policies.get(policy_key(qualifier))
    return policy is not None and policy.allows_invoke(
        principal_service, source_arn, source_account
    )


def _check_field(
    failures: list[str],
    value: str | None,
    field: str,
    pattern: str,
    max_length: int,
    min_length: int = 0,
) -> None:
    if value is None:
        return
    if value.__class__ is not str:
        failures.append(constraint(value, field, "Member must be of type string"))
        return
    if len(value) < min_length:
        failures.append(
            constraint(
                value, field, f"Member must have length greater than or equal to {min_length}"
            )
        )
    if len(value) > max_length:
        failures.append(constraint(value, field, max_length_rule(max_length)))
    if not re.fullmatch(pattern, value):
        failures.append(constraint(value, field, pattern_rule(pattern)))


class PoliciesAPI(AccountState):
    """AddPermission, RemovePermission and GetPolicy."""

    def _policy_target(self, function: Function, ref: FunctionRef, qualifier: str | None) -> str:
        """The exact ARN a qualifier names; 404 if its alias or version is missing."""
        if qualifier is None:
            return function.arn
        if qualifier == LATEST:
            return function.qualified_arn(LATEST)
        if is_version_number(qualifier):
            if version_key(qualifier) not in function.versions:
                raise self._not_found(ref, qualifier)
        elif "$" in qualifier:
            # Not an alias name: AWS answers as for a missing version [LS-snap:
            # test_permission_exceptions add_permission_fn_qualifier_valid_doesnotexist].
            raise self._not_found(ref, qualifier)
        elif qualifier not in function.aliases:
            raise ResourceNotFoundException(
                f"Cannot find alias arn: {function.qualified_arn(qualifier)}"
            )
        return function.qualified_arn(qualifier)

    def _check_policy_revision(
        self,
        given: str | None,
        policy: Policy | None,
        qualifier: str | None,
        function: Function | None = None,
    ) -> None:
        """A RevisionId given with a policy change must be the policy's; before the first
        statement, the target's own RevisionId (the alias's, the version's or ``$LATEST``'s)
        is accepted. The message names GetPolicy [LS-snap: test_lambda_permission_fn_versioning
        add_permission_alias_revision_exception, test_function_revisions_permissions, 2025]."""
        if given is None:
            return
        if policy is not None:
            current = policy.revision_id
        elif function is not None:
            current = self._target_revision(function, qualifier)
        else:
            current = ""
        self._check_revision(given, current, "GetPolicy")

    @staticmethod
    def _target_revision(function: Function, qualifier: str | None) -> str:
        if qualifier is None or qualifier == LATEST:
            return function.latest.revision_id
        if is_version_number(qualifier):
            return function.versions[int(qualifier)].revision_id
        return function.aliases[qualifier].revision_id

    def add_permission(
        self,
        function_name: str,
        statement_id: str,
        action: str,
        principal: str,
        *,
        qualifier: str | None = None,
        source_arn: str | None = None,
        source_account: str | None = None,
        principal_org_id: str | None = None,
        function_url_auth_type: str | None = None,
        event_source_token: str | None = None,
        revision_id: str | None = None,
    ) -> PolicyStatement:
        """Add a statement to the policy of the function, or of one version or alias.

        ``principal`` is a service (``s3.amazonaws.com``), an account id, an IAM ARN or ``*``.
        The statement's ``Resource`` is the exact ARN: with ``qualifier="PROD"`` only calls
        through ``fn:PROD`` are allowed. Returns the statement; ``.json`` is AWS's
        ``Statement`` string and ``.to_dict()`` the whole response.
        """
        check_required((statement_id, "statementId", str))
        failures: list[str] = []
        check_required(
            (statement_id, "statementId", str),
            (action, "action", str),
            (principal, "principal", str),
        )
        _check_field(failures, statement_id, "statementId", STATEMENT_ID_PATTERN, 100, 1)
        _check_field(failures, action, "action", ACTION_PATTERN, 10000)
        _check_field(failures, principal, "principal", PRINCIPAL_PATTERN, 2048)
        _check_field(failures, source_arn, "sourceArn", ARN_PATTERN, 10000)
        _check_field(failures, source_account, "sourceAccount", SOURCE_ACCOUNT_PATTERN, 12)
        _check_field(failures, principal_org_id, "principalOrgID", PRINCIPAL_ORG_ID_PATTERN, 34, 12)
        _check_field(
            failures, event_source_token, "eventSourceToken", EVENT_SOURCE_TOKEN_PATTERN, 256
        )
        if function_url_auth_type is not None and function_url_auth_type not in _AUTH_TYPES:
            failures.append(
                constraint(
                    function_url_auth_type,
                    "functionUrlAuthType",
                    "Member must satisfy enum value set: [NONE, AWS_IAM]",
                )
            )
        if failures:
            raise validation_error(*failures)
        ref, qualifier = self._resolve(function_name, qualifier)
        if qualifier == LATEST:
            raise InvalidParameterValueException(
                "We currently do not support adding policies for $LATEST."
            )
        function = self._function(ref)
        resource = self._policy_target(function, ref, qualifier)
        key = policy_key(qualifier)
        policy = function.policies.get(key)
        self._check_policy_revision(revision_id, policy, qualifier, function)
        if policy is not None and policy.statement(statement_id) is not None:
            raise ResourceConflictException(
                f"The statement id ({statement_id}) provided already exists. Please provide a new "
                "statement id, or remove the existing statement."
            )
        if render_principal(principal) is None:
            raise InvalidParameterValueException(
                "The provided principal was invalid. Please check the principal and try again."
            )
        statement = PolicyStatement(
            sid=statement_id,
            action=action,
            principal=principal,
            resource=resource,
            source_arn=source_arn,
            source_account=source_account,
            principal_org_id=principal_org_id,
            function_url_auth_type=function_url_auth_type,
            event_source_token=event_source_token,
        )
        statements = (*(policy.statements if policy else ()), statement)
        size = len(Policy(statements, "").json)
        if size > POLICY_SIZE_LIMIT:
            raise PolicyLengthExceededException(
                f"The final policy size ({size}) is bigger than the limit ({POLICY_SIZE_LIMIT})."
            )
        # --- apply
        function.policies[key] = Policy(statements, self._new_uuid())
        self._record(
            PermissionAdded(
                self.clock.now,
                function.name,
                key,
                statement_id,
                action,
                principal,
                source_arn,
                source_account,
            )
        )
        return statement

    def remove_permission(
        self,
        function_name: str,
        statement_id: str,
        *,
        qualifier: str | None = None,
        revision_id: str | None = None,
    ) -> None:
        """Remove statement ``statement_id`` from the policy of the function, version or alias.

        Removing the last statement removes the policy (GetPolicy then answers 404).
        """
        failures: list[str] = []
        _check_field(failures, statement_id, "statementId", REMOVE_STATEMENT_ID_PATTERN, 100, 1)
        if failures:
            raise validation_error(*failures)
        ref, qualifier = self._resolve(function_name, qualifier)
        function = self.functions.get(ref.name)
        if function is None or (ref.account_id not in (None, self.account_id)):
            arn = self.function_arn(ref.name)
            raise ResourceNotFoundException(f"No policy found for: {arn}")
        self._policy_target(function, ref, qualifier)
        key = policy_key(qualifier)
        policy = function.policies.get(key)
        if policy is None:
            raise ResourceNotFoundException("No policy is associated with the given resource.")
        if policy.statement(statement_id) is None:
            raise ResourceNotFoundException(
                f"Statement {statement_id} is not found in resource policy."
            )
        self._check_policy_revision(revision_id, policy, qualifier)
        # --- apply
        remaining = tuple(s for s in policy.statements if s.sid != statement_id)
        if remaining:
            function.policies[key] = Policy(remaining, self._new_uuid())
        else:
            del function.policies[key]
        self._record(PermissionRemoved(self.clock.now, function.name, key, statement_id))

    def get_policy(self, function_name: str, *, qualifier: str | None = None) -> Policy:
        """The policy of the function, or of one version or alias (404 when there is none).

        ``.json`` is AWS's ``Policy`` string; ``.to_dict()`` gives ``{"Policy", "RevisionId"}``.
        """
        ref, qualifier = self._resolve(function_name, qualifier)
        function = self.functions.get(ref.name)
        policy = None
        if function is not None and ref.account_id in (None, self.account_id):
            policy = function.policies.get(policy_key(qualifier))
        if policy is None:
            raise ResourceNotFoundException("The resource you requested does not exist.")
        return policy
