"""Identifiers: function names in all their forms, qualifiers, alias names and ARNs.

AWS accepts a function as ``my-function``, ``my-function:QUALIFIER``, a partial ARN
``123456789012:function:my-function[:QUALIFIER]`` or a full ARN. This module parses every
form with the service's own patterns and raises the service's own validation messages.

Examples
--------
>>> ref = parse_function_name("arn:aws:lambda:us-east-1:123456789012:function:thumbnailer:PROD")
>>> ref.name, ref.qualifier, ref.region, ref.account_id
('thumbnailer', 'PROD', 'us-east-1', '123456789012')
>>> function_arn("us-east-1", "123456789012", "thumbnailer", "3")
'arn:aws:lambda:us-east-1:123456789012:function:thumbnailer:3'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import InvalidParameterValueException, ValidationException

__all__ = [
    "ALIAS_NAME_PATTERN",
    "FUNCTION_NAME_PATTERN",
    "LATEST",
    "NAMESPACED_FUNCTION_NAME_PATTERN",
    "QUALIFIER_PATTERN",
    "FunctionRef",
    "check_qualifier",
    "check_required",
    "check_types",
    "function_arn",
    "is_version_number",
    "parse_function_name",
    "qualifier_failures",
    "validation_error",
    "version_key",
]

LATEST = "$LATEST"

# The live service patterns (botocore's, plus the ``(eusc-)?`` region prefix AWS reports).
_REGION = r"((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?"
FUNCTION_NAME_PATTERN = (
    r"(arn:(aws[a-zA-Z-]*)?:lambda:)?" + _REGION + r"(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)"
    r"(:(\$LATEST|[a-zA-Z0-9-_]+))?"
)
NAMESPACED_FUNCTION_NAME_PATTERN = (
    r"(arn:(aws[a-zA-Z-]*)?:lambda:)?" + _REGION + r"(\d{12}:)?(function:)?([a-zA-Z0-9-_\.]+)"
    r"(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?"
)
QUALIFIER_PATTERN = r"\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9-_$]+"
ALIAS_NAME_PATTERN = r"(?!^[0-9]+$)([a-zA-Z0-9-_]+)"
FUNCTION_VERSION_PATTERN = r"(\$LATEST(\.PUBLISHED)?|[0-9]+)"

_FUNCTION_NAME_RE = re.compile(FUNCTION_NAME_PATTERN)
_NAMESPACED_RE = re.compile(NAMESPACED_FUNCTION_NAME_PATTERN)
_QUALIFIER_RE = re.compile(QUALIFIER_PATTERN)
_ALIAS_RE = re.compile(ALIAS_NAME_PATTERN)
_FUNCTION_VERSION_RE = re.compile(FUNCTION_VERSION_PATTERN)

# Group numbers in the two function-name patterns.
_G_REGION, _G_ACCOUNT, _G_NAME, _G_QUALIFIER = 3, 9, 11, 13


def validation_error(*failures: str) -> ValidationException:
    """Build AWS's ``N validation error(s) detected: a; b`` exception.

    >>> str(validation_error("Value 'x' at 'name' failed to satisfy constraint: c").message)
    "1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: c"
    """
    n = len(failures)
    noun = "error" if n == 1 else "errors"
    error = ValidationException(f"{n} validation {noun} detected: " + "; ".join(failures))
    #: The failure lines, so that checks of several parameters can be reported together.
    error.failures = failures
    return error


def constraint(value: object, field: str, rule: str) -> str:
    """One failure line of a ValidationException."""
    return f"Value '{value}' at '{field}' failed to satisfy constraint: {rule}"


_TYPE_NAMES = {str: "string", int: "integer", bool: "boolean", float: "double", dict: "map"}


def check_types(*specs: tuple[object, str, type]) -> None:
    """Refuse a parameter of the wrong Python type as the service refuses a wrongly typed
    member: a ValidationException naming the member. ``None`` means "not given" and passes;
    ``bool`` is not an integer here, and an integer is a valid double.

    >>> check_types(("f", "description", str), (None, "timeout", int))
    >>> check_types((["f"], "description", str))
    Traceback (most recent call last):
    ...
    lambda_model.core.errors.ValidationException: 1 validation error detected: ... string
    """
    failures = []
    for value, field, kind in specs:
        if value is None:
            continue
        cls = value.__class__
        if kind is int:
            ok = cls is int
        elif kind is float:
            ok = cls is float or cls is int
        elif kind is dict:
            ok = isinstance(value, Mapping)
        else:
            ok = cls is kind
        if not ok:
            failures.append(
                constraint(value, field, f"Member must be of type {_TYPE_NAMES.get(kind, kind)}")
            )
    if failures:
        raise validation_error(*failures)


def check_required(*specs: tuple[object, str, type]) -> None:
    """As :func:`check_types`, for required members: ``None`` is "must not be null".

    >>> check_required((None, "name", str))
    Traceback (most recent call last):
    ...
    lambda_model.core.errors.ValidationException: 1 validation error detected: ... not be null
    """
    missing = [
        constraint(None, field, "Member must not be null") for v, field, _ in specs if v is None
    ]
    if missing:
        raise validation_error(*missing)
    check_types(*specs)


def pattern_rule(pattern: str) -> str:
    return f"Member must satisfy regular expression pattern: {pattern}"


def max_length_rule(limit: int) -> str:
    return f"Member must have length less than or equal to {limit}"


@dataclass(frozen=True, slots=True)
class FunctionRef:
    """A parsed FunctionName: the bare name, and what the caller wrote around it."""

    name: str
    qualifier: str | None = None
    region: str | None = None
    account_id: str | None = None


_cache: dict[tuple[str, bool], FunctionRef] = {}


def parse_function_name(value: str, *, namespaced: bool = True) -> FunctionRef:
    """Parse any accepted FunctionName form, or raise AWS's ValidationException.

    ``namespaced`` selects the wider ``NamespacedFunctionName`` shape (GetFunction, Invoke,
    DeleteFunction, permissions, event source mappings: 256 characters, ``.`` allowed).

    >>> parse_function_name("thumbnailer:3")
    FunctionRef(name='thumbnailer', qualifier='3', region=None, account_id=None)
    >>> parse_function_name("my-function!")
    Traceback (most recent call last):
    ...
    lambda_model.core.errors.ValidationException: 1 validation error ...
    """
    key = (value, namespaced)
    ref = _cache.get(key)
    if ref is not None:
        return ref
    if namespaced:
        regex, pattern, limit = _NAMESPACED_RE, NAMESPACED_FUNCTION_NAME_PATTERN, 256
    else:
        regex, pattern, limit = _FUNCTION_NAME_RE, FUNCTION_NAME_PATTERN, 140
    failures = []
    if len(value) > limit:
        failures.append(constraint(value, "functionName", max_length_rule(limit)))
    match = regex.fullmatch(value)
    if match is None:
        failures.append(constraint(value, "functionName", pattern_rule(pattern)))
    if failures:
        raise validation_error(*failures)
    region = match.group(_G_REGION)
    account = match.group(_G_ACCOUNT)
    ref = FunctionRef(
        name=match.group(_G_NAME),
        qualifier=match.group(_G_QUALIFIER),
        region=region[:-1] if region else None,
        account_id=account[:-1] if account else None,
    )
    if len(_cache) > 4096:
        _cache.clear()
    _cache[key] = ref
    return ref


def check_qualifier(qualifier: str) -> None:
    """Validate a ``Qualifier`` parameter (length 1–128 and AWS's pattern).

    >>> check_qualifier("PROD")
    >>> check_qualifier("a.b")
    Traceback (most recent call last):
    ...
    lambda_model.core.errors.ValidationException: 1 validation error ...
    """
    failures = qualifier_failures(qualifier)
    if failures:
        raise validation_error(*failures)


def qualifier_failures(qualifier: str) -> list[str]:
    """The constraint lines a ``Qualifier`` value fails (none when it is valid)."""
    failures = []
    if len(qualifier) > 128:
        failures.append(constraint(qualifier, "qualifier", max_length_rule(128)))
    if not _QUALIFIER_RE.fullmatch(qualifier):
        failures.append(constraint(qualifier, "qualifier", pattern_rule(QUALIFIER_PATTERN)))
    return failures


def merge_qualifier(ref: FunctionRef, qualifier: str | None) -> str | None:
    """The effective qualifier: from the name, from ``Qualifier``, and they must agree."""
    if qualifier is not None:
        if qualifier.__class__ is not str:
            check_types((qualifier, "qualifier", str))
        check_qualifier(qualifier)
        if ref.qualifier is not None and ref.qualifier != qualifier:
            raise InvalidParameterValueException(
                "The derived qualifier from the function name does not match the specified "
                "qualifier."
            )
        return qualifier
    return ref.qualifier


_valid_alias_names: set[str] = set()


def check_alias_name(name: str) -> None:
    """Validate an alias ``Name`` (1–128 characters, not all digits, no dots)."""
    if name.__class__ is not str:
        check_required((name, "name", str))
    if name in _valid_alias_names:
        return
    failures = []
    if len(name) > 128:
        failures.append(constraint(name, "name", max_length_rule(128)))
    if not _ALIAS_RE.fullmatch(name):
        failures.append(constraint(name, "name", pattern_rule(ALIAS_NAME_PATTERN)))
    if failures:
        raise validation_error(*failures)
    if len(_valid_alias_names) < 4096:
        _valid_alias_names.add(name)


def check_function_version(version: str, field: str = "functionVersion") -> None:
    """Validate a ``FunctionVersion`` value: ``$LATEST`` or a number, never an alias."""
    if (
        version.__class__ is str
        and _FUNCTION_VERSION_RE.fullmatch(version)
        and len(version) <= 1024
    ):
        return
    check_required((version, field, str))
    failures = []
    if len(version) > 1024:
        failures.append(constraint(version, field, max_length_rule(1024)))
    if not _FUNCTION_VERSION_RE.fullmatch(version):
        failures.append(constraint(version, field, pattern_rule(FUNCTION_VERSION_PATTERN)))
    if failures:
        raise validation_error(*failures)


def is_version_number(qualifier: str) -> bool:
    """True for a published-version qualifier (all digits).

    >>> is_version_number("12"), is_version_number("PROD"), is_version_number("$LATEST")
    (True, False, False)
    """
    return qualifier.isdigit() and qualifier.isascii()  # [0-9]+, without a regex


def version_key(qualifier: str) -> int:
    """The key of a published version in ``Function.versions``: the number of a canonical
    version qualifier (``"12"``), or ``-1`` (never a key) for any other text (``"01"``,
    ``"0"``, digits beyond any counter, ``"²"``). Versions are looked up by their canonical
    text only, so ``"01"`` never names version 1.

    >>> version_key("12"), version_key("01"), version_key("9" * 5000), version_key("PROD")
    (12, -1, -1, -1)
    """
    if (
        qualifier.__class__ is str
        and 0 < len(qualifier) <= 18
        and qualifier.isascii()
        and qualifier.isdigit()
        and qualifier[0] != "0"
    ):
        return int(qualifier)
    return -1


def function_arn(region: str, account_id: str, name: str, qualifier: str | None = None) -> str:
    """Format an unqualified or qualified function ARN.

    >>> function_arn("us-east-1", "123456789012", "f")
    'arn:aws:lambda:us-east-1:123456789012:function:f'
    """
    arn = f"arn:aws:lambda:{region}:{account_id}:function:{name}"
    return arn if qualifier is None else f"{arn}:{qualifier}"
