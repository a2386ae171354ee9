"""Resource-based policy values: one statement, one policy document, and the ``ArnLike`` test.

A policy belongs to exactly one function, version or alias (``lambda-semantics.md`` section 5).
These values are frozen: adding or removing a statement makes a new :class:`Policy`.

Examples
--------
>>> statement = PolicyStatement(
...     sid="s3",
...     action="lambda:InvokeFunction",
...     principal="s3.amazonaws.com",
...     resource="arn:aws:lambda:us-east-1:123456789012:function:f:PROD",
...     source_arn="arn:aws:s3:::b",
... )
>>> statement
PolicyStatement(s3: s3.amazonaws.com may lambda:InvokeFunction f:PROD if SourceArn ~ arn:aws:s3:::b)
>>> statement.allows_invoke("s3.amazonaws.com", "arn:aws:s3:::b", "123456789012")
True
>>> statement.allows_invoke("s3.amazonaws.com", "arn:aws:s3:::c", "123456789012")
False
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

__all__ = ["Policy", "PolicyStatement", "arn_like"]

POLICY_VERSION = "2012-10-17"
INVOKE_ACTIONS = ("lambda:InvokeFunction", "lambda:*", "*")
_ACCOUNT_RE = re.compile(r"\d{12}")


def _compact(document: object) -> str:
    return json.dumps(document, separators=(",", ":"))


@functools.lru_cache(maxsize=4096)
def _wildcard(pattern: str) -> re.Pattern:
    """The compiled regex of a ``StringLike`` pattern (a pure function: memoised)."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(regex, re.DOTALL)


def _like(pattern: str, value: str) -> bool:
    """``StringLike``: ``*`` matches any run of characters, ``?`` any one character."""
    if pattern == value:
        return True
    return _wildcard(pattern).fullmatch(value) is not None


def arn_like(pattern: str, arn: str) -> bool:
    """IAM's ``ArnLike``: each of the six ``:``-separated parts is matched on its own, with
    ``*`` and ``?`` wildcards (so ``*`` does not run across a ``:`` between the first five).

    >>> arn_like("arn:aws:s3:::b-*", "arn:aws:s3:::b-eu")
    True
    >>> arn_like("arn:aws:s3:::b", "arn:aws:s3:::b-eu")
    False
    >>> arn_like("arn:aws:sqs:*:123456789012:q?", "arn:aws:sqs:us-east-1:123456789012:q1")
    True
    """
    pattern_parts = pattern.split(":", 5)
    arn_parts = arn.split(":", 5)
    if len(pattern_parts) != 6 or len(arn_parts) != 6:
        return _like(pattern, arn)
    return all(_like(p, a) for p, a in zip(pattern_parts, arn_parts, strict=True))


def render_principal(principal: str, partition: str = "aws") -> str | dict[str, str] | None:
    """The ``Principal`` element AWS writes for an AddPermission ``Principal``, or ``None``
    when the service would call it invalid.

    >>> render_principal("s3.amazonaws.com")
    {'Service': 's3.amazonaws.com'}
    >>> render_principal("123456789012")
    {'AWS': 'arn:aws:iam::123456789012:root'}
    >>> render_principal("*")
    '*'
    >>> render_principal("nobody") is None
    True
    """
    if principal == "*":
        return "*"
    if principal.endswith((".amazonaws.com", ".amazon.com", ".amazonaws.com.cn")):
        return {"Service": principal}
    if _ACCOUNT_RE.fullmatch(principal):
        return {"AWS": f"arn:{partition}:iam::{principal}:root"}
    if re.fullmatch(r"arn:aws[a-zA-Z-]*:iam::\d{12}:[^\s]+", principal):
        return {"AWS": principal}
    return None


@dataclass(frozen=True, slots=True)
class PolicyStatement:
    """One ``Allow`` statement of a function's, version's or alias's resource-based policy."""

    sid: str
    action: str
    principal: str
    resource: str
    source_arn: str | None = None
    source_account: str | None = None
    principal_org_id: str | None = None
    function_url_auth_type: str | None = None
    event_source_token: str | None = None

    def __repr__(self) -> str:
        target = self.resource.split(":function:", 1)[-1]
        conditions = []
        if self.source_arn is not None:
            conditions.append(f"SourceArn ~ {self.source_arn}")
        if self.source_account is not None:
            conditions.append(f"SourceAccount = {self.source_account}")
        if self.principal_org_id is not None:
            conditions.append(f"PrincipalOrgID = {self.principal_org_id}")
        if self.function_url_auth_type is not None:
            conditions.append(f"FunctionUrlAuthType = {self.function_url_auth_type}")
        if self.event_source_token is not None:
            conditions.append(f"EventSourceToken = {self.event_source_token}")
        when = f" if {' and '.join(conditions)}" if conditions else ""
        return f"PolicyStatement({self.sid}: {self.principal} may {self.action} {target}{when})"

    @property
    def condition(self) -> dict[str, dict[str, str]]:
        """The ``Condition`` block, in the order AWS writes it."""
        condition: dict[str, dict[str, str]] = {}
        equals: dict[str, str] = {}
        if self.function_url_auth_type is not None:
            equals["lambda:FunctionUrlAuthType"] = self.function_url_auth_type
        if self.principal_org_id is not None:
            equals["aws:PrincipalOrgID"] = self.principal_org_id
        if self.source_account is not None:
            equals["AWS:SourceAccount"] = self.source_account
        if self.event_source_token is not None:
            equals["lambda:EventSourceToken"] = self.event_source_token
        if equals:
            condition["StringEquals"] = equals
        if self.source_arn is not None:
            condition["ArnLike"] = {"AWS:SourceArn": self.source_arn}
        return condition

    def document(self) -> dict:
        """The statement as a policy document holds it (``Sid``, ``Effect``, ``Principal`` ...)."""
        body: dict = {
            "Sid": self.sid,
            "Effect": "Allow",
            "Principal": render_principal(self.principal),
            "Action": self.action,
            "Resource": self.resource,
        }
        condition = self.condition
        if condition:
            body["Condition"] = condition
        return body

    @property
    def json(self) -> str:
        """The statement as the JSON string AddPermission returns in ``Statement``."""
        return _compact(self.document())

    def to_dict(self) -> dict:
        """AddPermission's response: ``{"Statement": "<json>"}``."""
        return {"Statement": self.json}

    def allows_invoke(
        self, service: str, source_arn: str | None, source_account: str | None
    ) -> bool:
        """True when this statement lets AWS service ``service`` (``s3.amazonaws.com``) call
        ``lambda:InvokeFunction`` from ``source_arn`` owned by ``source_account``.

        Conditions a service call cannot satisfy (an organisation, a function URL auth type,
        an event source token) make the statement not apply.
        """
        if self.action not in INVOKE_ACTIONS:
            return False
        if self.principal not in (service, "*"):
            return False
        if (
            self.principal_org_id is not None
            or self.function_url_auth_type is not None
            or self.event_source_token is not None
        ):
            return False
        if self.source_arn is not None and (
            source_arn is None or not arn_like(self.source_arn, source_arn)
        ):
            return False
        return self.source_account is None or self.source_account == source_account


@dataclass(frozen=True, slots=True)
class Policy:
    """The resource-based policy of one function, version or alias, and its RevisionId."""

    statements: tuple[PolicyStatement, ...]
    revision_id: str

    def __repr__(self) -> str:
        sids = ", ".join(s.sid for s in self.statements)
        return f"Policy([{sids}])"

    def __len__(self) -> int:
        return len(self.statements)

    def statement(self, sid: str) -> PolicyStatement | None:
        for statement in self.statements:
            if statement.sid == sid:
                return statement
        return None

    def document(self) -> dict:
        return {
            "Version": POLICY_VERSION,
            "Id": "default",
            "Statement": [s.document() for s in self.statements],
        }

    @property
    def json(self) -> str:
        """The policy as the JSON string GetPolicy returns in ``Policy``."""
        return _compact(self.document())

    def to_dict(self) -> dict:
        """GetPolicy's response: ``{"Policy": "<json>", "RevisionId": ...}``."""
        return {"Policy": self.json, "RevisionId": self.revision_id}

    def allows_invoke(
        self, service: str, source_arn: str | None, source_account: str | None
    ) -> bool:
        return any(s.allows_invoke(service, source_arn, source_account) for s in self.statements)
