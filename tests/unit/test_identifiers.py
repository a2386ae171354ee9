"""Identifiers: every FunctionName form, qualifiers, alias names and ARNs (rule list section 1)."""

import pytest

from lambda_model import (
    InvalidParameterValueException,
    ResourceNotFoundException,
    ValidationException,
)
from lambda_model.core.identifiers import (
    ALIAS_NAME_PATTERN,
    FUNCTION_NAME_PATTERN,
    NAMESPACED_FUNCTION_NAME_PATTERN,
    QUALIFIER_PATTERN,
    function_arn,
)

ARN = "arn:aws:lambda:us-east-1:123456789012:function"
FUNCTION_VERSION_PATTERN = r"(\$LATEST(\.PUBLISHED)?|[0-9]+)"


def one_error(value: str, field: str, rule: str) -> str:
    return (
        f"1 validation error detected: Value '{value}' at '{field}' "
        f"failed to satisfy constraint: {rule}"
    )


def pattern(p: str) -> str:
    return f"Member must satisfy regular expression pattern: {p}"


def at_most(n: int) -> str:
    return f"Member must have length less than or equal to {n}"


# --- 1.1 the accepted forms of FunctionName ------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "f",
        "123456789012:function:f",
        f"{ARN}:f",
    ],
    ids=["bare name", "partial ARN", "full ARN"],
)
def test_every_unqualified_form_of_a_function_name_reaches_latest(function, name):
    assert function.get_function(name).version == "$LATEST"


@pytest.mark.parametrize(
    "name",
    ["f:1", "123456789012:function:f:1", f"{ARN}:f:1"],
    ids=["name:qualifier", "partial ARN", "full ARN"],
)
def test_every_qualified_form_of_a_function_name_reaches_the_version(release, function, name):
    release("v1")
    assert function.get_function(name).function_arn == f"{ARN}:f:1"


def test_a_response_carries_the_bare_name_when_the_request_used_an_arn(function):
    assert function.get_function(f"{ARN}:f").function_name == "f"


def test_creating_a_function_by_its_arn_creates_it_under_its_bare_name(account):
    created = account.create_function(f"{ARN}:thumbnailer", "x = 1\n")
    assert (created.function_name, sorted(account.functions)) == ("thumbnailer", ["thumbnailer"])


def test_creating_a_function_with_a_64_character_name_succeeds(account):
    name = "a" * 64
    assert account.create_function(name, "x = 1\n").function_name == name


def test_creating_a_function_with_a_65_character_name_is_an_invalid_parameter_value(account, fails):
    name = "a" * 65
    with fails(InvalidParameterValueException, 400, one_error(name, "functionName", at_most(64))):
        account.create_function(name, "x = 1\n")


@pytest.mark.parametrize("operation", ["get_function", "delete_function"])
def test_reading_or_deleting_a_65_character_name_is_simply_not_found(account, fails, operation):
    name = "a" * 65
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:{name}"):
        getattr(account, operation)(name)


def test_invoking_a_65_character_name_is_simply_not_found(account, fails):
    name = "a" * 65
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:{name}:$LATEST"):
        account.invoke(name)


def test_a_140_character_name_passes_the_function_name_shape(account, fails):
    name = "a" * 140
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:{name}"):
        account.publish_version(name)


def test_a_141_character_name_fails_the_function_name_shape(account, fails):
    name = "a" * 141
    with fails(ValidationException, 400, one_error(name, "functionName", at_most(140))):
        account.publish_version(name)


def test_a_256_character_name_passes_the_namespaced_shape(account, fails):
    name = "a" * 256
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:{name}"):
        account.get_function(name)


def test_a_257_character_name_fails_the_namespaced_shape(account, fails):
    name = "a" * 257
    with fails(ValidationException, 400, one_error(name, "functionName", at_most(256))):
        account.get_function(name)


def test_a_name_both_too_long_and_malformed_reports_two_validation_errors(account, fails):
    name = "a!" * 129
    message = (
        f"2 validation errors detected: Value '{name}' at 'functionName' failed to satisfy "
        f"constraint: {at_most(256)}; Value '{name}' at 'functionName' failed to satisfy "
        f"constraint: {pattern(NAMESPACED_FUNCTION_NAME_PATTERN)}"
    )
    with fails(ValidationException, 400, message):
        account.get_function(name)


MALFORMED_NAMES = [
    "my-function!",
    "*",
    "arn:aws:lambda::123456789012:function:x",
    f"{ARN}:x:1:2",
    f"{ARN}:x:$LATES",
    "invalid-account:function:x",
    "arn:aws:ec2:us-east-1:123456789012:instance/i-0123",
]


@pytest.mark.parametrize("name", MALFORMED_NAMES)
def test_a_malformed_name_fails_the_namespaced_pattern(account, fails, name):
    message = one_error(name, "functionName", pattern(NAMESPACED_FUNCTION_NAME_PATTERN))
    with fails(ValidationException, 400, message):
        account.get_function(name)


@pytest.mark.parametrize("name", MALFORMED_NAMES)
def test_a_malformed_name_fails_the_function_name_pattern(account, fails, name):
    with fails(
        ValidationException, 400, one_error(name, "functionName", pattern(FUNCTION_NAME_PATTERN))
    ):
        account.publish_version(name)


def test_the_live_pattern_carries_the_eusc_region_prefix():
    assert "((eusc-)?[a-z]{2}" in FUNCTION_NAME_PATTERN
    assert "((eusc-)?[a-z]{2}" in NAMESPACED_FUNCTION_NAME_PATTERN


def test_a_dot_is_allowed_in_a_namespaced_name_but_not_in_a_function_name(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f.v2"):
        account.get_function("f.v2")
    with fails(
        ValidationException, 400, one_error("f.v2", "functionName", pattern(FUNCTION_NAME_PATTERN))
    ):
        account.publish_version("f.v2")


def test_an_arn_without_a_function_name_names_a_function_called_function(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:function"):
        account.get_function("arn:aws:lambda:us-east-1:123456789012:function")


@pytest.mark.parametrize(
    "operation", ["get_function", "invoke", "delete_function", "publish_version"]
)
def test_an_arn_from_another_region_is_not_reachable(function, fails, operation):
    message = "Functions from 'ap-southeast-1' are not reachable in this region ('us-east-1')"
    with fails(ResourceNotFoundException, 404, message):
        getattr(function, operation)("arn:aws:lambda:ap-southeast-1:123456789012:function:f")


def test_an_arn_from_another_region_cannot_create_a_function(account, fails):
    message = "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')"
    with fails(ResourceNotFoundException, 404, message):
        account.create_function("arn:aws:lambda:eu-west-1:123456789012:function:f", "x = 1\n")
    assert account.functions == {}


def test_an_arn_from_another_account_does_not_reach_this_accounts_function(function, fails):
    """Not in the rule list: a one-account simulator reports the other account's function as
    not found, naming the ARN the caller gave."""
    other = "arn:aws:lambda:us-east-1:111111111111:function:f"
    with fails(ResourceNotFoundException, 404, f"Function not found: {other}"):
        function.get_function(other)


# --- 1.2 Qualifier ---------------------------------------------------------------------------


def test_a_128_character_qualifier_passes_validation(function, fails):
    qualifier = "q" * 128
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:{qualifier}"):
        function.get_function("f", qualifier)


def test_a_qualifier_over_128_characters_fails_validation(function, fails):
    qualifier = "q" * 129
    with fails(ValidationException, 400, one_error(qualifier, "qualifier", at_most(128))):
        function.get_function("f", qualifier)


@pytest.mark.parametrize("qualifier", ["a.b", "1.5", "PROD!"])
def test_a_qualifier_with_bad_characters_fails_the_qualifier_pattern(function, fails, qualifier):
    with fails(
        ValidationException, 400, one_error(qualifier, "qualifier", pattern(QUALIFIER_PATTERN))
    ):
        function.get_function("f", qualifier)


def test_lowercase_latest_is_not_latest(function, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:$latest"):
        function.get_function("f", "$latest")


def test_lowercase_latest_cannot_be_invoked(function, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:$latest"):
        function.invoke("f", qualifier="$latest")


MISMATCH = "The derived qualifier from the function name does not match the specified qualifier."


@pytest.mark.parametrize("operation", ["get_function", "delete_function"])
def test_a_name_qualifier_that_differs_from_the_qualifier_parameter_is_refused(
    release, function, fails, operation
):
    release("v1")
    with fails(InvalidParameterValueException, 400, MISMATCH):
        getattr(function, operation)("f:1", "$LATEST")


def test_invoking_with_a_name_qualifier_that_differs_from_the_qualifier_parameter_is_refused(
    release, function, fails
):
    release("v1")
    with fails(InvalidParameterValueException, 400, MISMATCH):
        function.invoke(f"{ARN}:f:1", qualifier="2")


def test_the_same_qualifier_in_the_name_and_the_parameter_is_accepted(release, function):
    release("v1")
    assert function.get_function("f:1", "1").version == "1"


# --- 1.3 ARN formats -------------------------------------------------------------------------


def test_a_function_arn_is_unqualified():
    assert function_arn("us-east-1", "123456789012", "f") == f"{ARN}:f"


@pytest.mark.parametrize("qualifier", ["1", "$LATEST", "PROD"])
def test_a_qualified_arn_appends_the_version_latest_or_alias(qualifier):
    assert function_arn("us-east-1", "123456789012", "f", qualifier) == f"{ARN}:f:{qualifier}"


def test_a_created_function_reports_its_unqualified_arn(function):
    assert function.get_function("f").function_arn == f"{ARN}:f"


def test_a_published_version_reports_its_version_arn(release, function):
    release("v1")
    assert function.get_function("f", "1").function_arn == f"{ARN}:f:1"


def test_an_alias_arn_is_the_function_arn_and_the_alias_name(function):
    assert function.create_alias("f", "PROD", "$LATEST").alias_arn == f"{ARN}:f:PROD"


def test_the_account_formats_arns_in_its_own_region_and_account():
    from lambda_model import Account

    account = Account(account_id="210987654321", region="eu-west-1")
    assert account.function_arn("f", "2") == "arn:aws:lambda:eu-west-1:210987654321:function:f:2"


# --- 1.4 alias names and FunctionVersion ------------------------------------------------------


def test_an_all_digit_alias_name_fails_the_alias_pattern(function, fails):
    message = (
        "1 validation error detected: Value '2024' at 'name' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)"
    )
    with fails(ValidationException, 400, message):
        function.create_alias("f", "2024", "$LATEST")


def test_an_alias_name_may_start_with_digits(function):
    assert function.create_alias("f", "2024-01-02", "$LATEST").name == "2024-01-02"


def test_an_alias_name_may_not_contain_a_dot(function, fails):
    with fails(ValidationException, 400, one_error("a.b", "name", pattern(ALIAS_NAME_PATTERN))):
        function.create_alias("f", "a.b", "$LATEST")


def test_a_128_character_alias_name_is_accepted(function):
    assert function.create_alias("f", "A" * 128, "$LATEST").name == "A" * 128


def test_a_129_character_alias_name_fails_validation(function, fails):
    name = "A" * 129
    with fails(ValidationException, 400, one_error(name, "name", at_most(128))):
        function.create_alias("f", name, "$LATEST")


def test_an_alias_cannot_point_to_another_alias(function, fails):
    function.create_alias("f", "PROD", "$LATEST")
    message = one_error("PROD", "functionVersion", pattern(FUNCTION_VERSION_PATTERN))
    with fails(ValidationException, 400, message):
        function.create_alias("f", "STAGING", "PROD")


def test_an_alias_cannot_be_moved_to_another_alias(function, fails):
    function.create_alias("f", "PROD", "$LATEST")
    function.create_alias("f", "STAGING", "$LATEST")
    message = one_error("PROD", "functionVersion", pattern(FUNCTION_VERSION_PATTERN))
    with fails(ValidationException, 400, message):
        function.update_alias("f", "STAGING", function_version="PROD")


def test_the_list_aliases_filter_takes_a_version_not_an_alias(function, fails):
    message = one_error("PROD", "functionVersion", pattern(FUNCTION_VERSION_PATTERN))
    with fails(ValidationException, 400, message):
        function.list_aliases("f", function_version="PROD")


def test_a_function_version_over_1024_characters_fails_validation(function, fails):
    version = "1" * 1025
    with fails(ValidationException, 400, one_error(version, "functionVersion", at_most(1024))):
        function.create_alias("f", "PROD", version)


def test_a_65_character_name_inside_an_arn_cannot_be_created(account, fails):
    name = "a" * 65
    with fails(InvalidParameterValueException, 400, one_error(name, "functionName", at_most(64))):
        account.create_function(f"{ARN}:{name}", "x = 1\n")
