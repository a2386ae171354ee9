"""Versions: numbering, the no-change rule, descriptions, CodeSha256, the RevisionId and
CodeSha256 preconditions, the publish shortcuts, listing, and deleting one version (rule list
sections 2.2 to 2.7)."""

import base64
import hashlib
import inspect
import io
import zipfile

import pytest

from lambda_model import (
    InvalidParameterValueException,
    PreconditionFailedException,
    ResourceConflictException,
    ResourceNotFoundException,
    ValidationException,
    VersionDeleted,
    VersionPublished,
)

ARN = "arn:aws:lambda:us-east-1:123456789012:function"
STALE = (
    "The Revision Id provided does not match the latest Revision Id. "
    "Call the GetFunction/GetAlias API to retrieve the latest Revision Id"
)


def b64_sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def too_long_description(description: str) -> str:
    return (
        f"1 validation error detected: Value '{description}' at 'description' failed to "
        "satisfy constraint: Member must have length less than or equal to 256"
    )


def versions(account, name="f") -> list[str]:
    return [c.version for c in account.list_versions_by_function(name)]


# --- 2.2 numbering ---------------------------------------------------------------------------


def test_versions_are_numbered_from_one(release):
    assert [release("v1"), release("v2"), release("v3")] == ["1", "2", "3"]


def test_a_deleted_version_number_is_never_reused(release, function):
    release("v1"), release("v2"), release("v3")
    function.delete_function("f", "2")
    assert release("v4") == "4"
    assert versions(function) == ["$LATEST", "1", "3", "4"]


def test_deleting_the_newest_version_does_not_free_its_number(release, function):
    release("v1"), release("v2")
    function.delete_function("f", "2")
    assert release("v3") == "3"


def test_a_function_deleted_and_created_again_starts_at_version_one(source, release, function):
    """Inferred in the rule list (2.2): a new function has a new counter."""
    release("v1"), release("v2")
    function.delete_function("f")
    function.create_function("f", source("again"))
    assert function.publish_version("f").version == "1"


# --- 2.3 the no-change rule: a call, not a content diff --------------------------------------


def test_the_first_publish_of_a_function_creates_version_one(function):
    assert function.publish_version("f").version == "1"


def test_publishing_without_an_update_returns_the_existing_version(function):
    first = function.publish_version("f")
    again = function.publish_version("f")
    assert (again.version, again.revision_id) == (first.version, first.revision_id)


def test_a_no_change_publish_keeps_the_original_description_and_ignores_the_new_one(function):
    function.publish_version("f", description="first release")
    again = function.publish_version("f", description="ignored")
    assert again.description == "first release"
    assert function.get_function("f", "1").description == "first release"


def test_a_no_change_publish_consumes_no_number(source, function):
    function.publish_version("f")
    function.publish_version("f")
    function.update_function_code("f", source("v2"))
    assert function.publish_version("f").version == "2"


def test_a_no_change_publish_appends_nothing_to_history(function):
    function.publish_version("f")
    before = list(function.history)
    function.publish_version("f")
    assert function.history == before


def test_a_configuration_only_change_publishes_a_new_version(function):
    function.publish_version("f")
    function.update_function_configuration("f", description="now documented")
    assert function.publish_version("f").version == "2"


def test_updating_to_identical_code_still_counts_as_a_change(source, function):
    function.publish_version("f")
    function.update_function_code("f", source("v0"))  # byte-identical to what is there
    assert function.publish_version("f").version == "2"


def test_an_identical_configuration_update_still_counts_as_a_change(function):
    function.publish_version("f")
    function.update_function_configuration("f", timeout=function.get_function("f").timeout)
    assert function.publish_version("f").version == "2"


def test_update_code_with_publish_and_identical_code_creates_a_new_version(source, function):
    function.publish_version("f")
    assert function.update_function_code("f", source("v0"), publish=True).version == "2"


def test_an_update_made_before_the_first_publish_does_not_count_after_it(source, function):
    function.update_function_code("f", source("v1"))
    function.publish_version("f")
    assert function.publish_version("f").version == "1"
    assert versions(function) == ["$LATEST", "1"]


# --- 2.3 descriptions ------------------------------------------------------------------------


def test_a_version_description_defaults_to_latests_description(function):
    function.update_function_configuration("f", description="thumbnails v1")
    assert function.publish_version("f").description == "thumbnails v1"


def test_a_publish_description_overrides_it_for_that_version_only(function):
    function.update_function_configuration("f", description="on latest")
    function.publish_version("f", description="release notes")
    assert function.get_function("f", "1").description == "release notes"
    assert function.get_function("f").description == "on latest"


def test_a_256_character_publish_description_is_accepted(function):
    assert function.publish_version("f", description="d" * 256).description == "d" * 256


def test_a_publish_description_over_256_characters_fails_validation(function, fails):
    description = "d" * 257
    with fails(ValidationException, 400, too_long_description(description)):
        function.publish_version("f", description=description)


def test_a_function_description_over_256_characters_fails_validation(source, account, fails):
    description = "d" * 257
    with fails(ValidationException, 400, too_long_description(description)):
        account.create_function("f", source("v0"), description=description)


def test_a_configuration_description_over_256_characters_fails_validation(function, fails):
    description = "d" * 257
    with fails(ValidationException, 400, too_long_description(description)):
        function.update_function_configuration("f", description=description)


# --- 2.3 CodeSha256 --------------------------------------------------------------------------


def test_code_sha256_is_the_base64_sha256_of_the_source_bytes(source, account):
    text = source("v1")
    created = account.create_function("f", text)
    assert created.code_sha256 == b64_sha256(text.encode())


def test_code_sha256_of_a_zip_is_the_base64_sha256_of_the_zip_bytes(source, account):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", source("v1"))
    data = buffer.getvalue()
    assert account.create_function("f", data).code_sha256 == b64_sha256(data)


def test_code_sha256_of_a_callable_is_the_base64_sha256_of_its_source_text(account):
    def handler(event, context):
        return "v1"

    expected = b64_sha256(inspect.getsource(handler).encode())
    assert account.create_function("f", handler).code_sha256 == expected


def test_code_size_is_the_number_of_code_bytes(source, account):
    text = source("v1")
    assert account.create_function("f", text).code_size == len(text.encode())


def test_a_version_carries_the_code_sha256_of_latest_when_published(source, release, function):
    release("v1")
    assert function.get_function("f", "1").code_sha256 == b64_sha256(source("v1").encode())


# --- 2.3 preconditions -----------------------------------------------------------------------


def test_publishing_with_a_stale_revision_id_fails_the_precondition(source, function, fails):
    stale = function.get_function("f").revision_id
    function.update_function_code("f", source("v1"))
    with fails(PreconditionFailedException, 412, STALE):
        function.publish_version("f", revision_id=stale)


def test_publishing_with_the_current_revision_id_succeeds(function):
    current = function.get_function("f").revision_id
    assert function.publish_version("f", revision_id=current).version == "1"


def test_publishing_with_a_different_code_sha256_is_an_invalid_parameter_value(function, fails):
    current = function.get_function("f").code_sha256
    message = (
        f"CodeSHA256 (wrong) is different from current CodeSHA256 in $LATEST ({current}). "
        "Please try again with the CodeSHA256 in $LATEST."
    )
    with fails(InvalidParameterValueException, 400, message):
        function.publish_version("f", code_sha256="wrong")


def test_publishing_with_the_current_code_sha256_succeeds(function):
    current = function.get_function("f").code_sha256
    assert function.publish_version("f", code_sha256=current).version == "1"


def test_the_revision_id_is_checked_before_the_code_sha256(function, fails):
    with fails(PreconditionFailedException, 412, STALE):
        function.publish_version("f", code_sha256="wrong", revision_id="stale")


def test_a_failed_precondition_publishes_nothing(function):
    with pytest.raises(PreconditionFailedException):
        function.publish_version("f", revision_id="stale")
    assert versions(function) == ["$LATEST"]
    assert function.publish_version("f").version == "1"


# --- 2.3 the response ------------------------------------------------------------------------


def test_a_new_version_reports_its_arn_its_number_and_active(function):
    # AWS recordings test_version_lifecycle first_publish_response (2025-11-25): State Active.
    published = function.publish_version("f")
    assert (published.function_arn, published.version, published.state) == (
        f"{ARN}:f:1",
        "1",
        "Active",
    )


def test_a_version_keeps_its_revision_id_when_it_becomes_active(function):
    published = function.publish_version("f")
    stored = function.get_function("f", "1")
    assert (stored.state, stored.revision_id) == ("Active", published.revision_id)


def test_publishing_gives_latest_a_new_revision_id(function):
    before = function.get_function("f").revision_id
    function.publish_version("f")
    assert function.get_function("f").revision_id != before


def test_publishing_records_one_event(function):
    function.publish_version("f", description="notes")
    event = function.history[-1]
    assert isinstance(event, VersionPublished)
    assert (event.function_name, event.version, event.description) == ("f", "1", "notes")
    assert len(function.history) == 2


def test_publishing_a_missing_function_is_not_found(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope"):
        account.publish_version("nope")


def test_publishing_a_version_qualified_name_is_refused(release, function, fails):
    """Unverified on AWS (rule list 2.3; moto refuses it): the safe choice is to refuse."""
    release("v1")
    message = "Current operation does not support versions other than $LATEST"
    with fails(InvalidParameterValueException, 400, message):
        function.publish_version("f:1")


# --- 2.4 publish shortcuts -------------------------------------------------------------------


def test_create_with_publish_reports_version_one_with_the_unqualified_arn(source, account):
    created = account.create_function("f", source("v1"), publish=True)
    assert (created.version, created.function_arn) == ("1", f"{ARN}:f")


def test_create_with_publish_stores_version_one(source, account):
    account.create_function("f", source("v1"), publish=True)
    assert account.get_function("f", "1").function_arn == f"{ARN}:f:1"


def test_update_code_with_publish_reports_the_new_version(source, release, function):
    release("v1")
    published = function.update_function_code("f", source("v2"), publish=True)
    assert (published.function_arn, published.version) == (f"{ARN}:f:2", "2")


def test_update_code_with_publish_reports_the_new_version_pending(source, function):
    published = function.update_function_code("f", source("v1"), publish=True)
    assert published.state == "Pending"
    assert function.get_function("f", "1").state == "Active"


# --- 2.6 listing -----------------------------------------------------------------------------


def test_listing_versions_gives_latest_first_then_ascending_numbers(release, function):
    for n in range(1, 13):
        release(f"v{n}")
    assert versions(function) == ["$LATEST", *[str(n) for n in range(1, 13)]]


def test_the_listed_latest_carries_the_latest_qualified_arn(function):
    (latest,) = function.list_versions_by_function("f")
    assert (latest.function_arn, latest.version) == (f"{ARN}:f:$LATEST", "$LATEST")


def test_listed_versions_carry_their_version_arns(release, function):
    release("v1")
    assert function.list_versions_by_function("f").items[1].function_arn == f"{ARN}:f:1"


@pytest.fixture
def sixty_versions(release, function):
    for n in range(1, 61):
        release(f"v{n}")
    return function


def test_listing_versions_gives_at_most_50_per_page_and_a_marker(sixty_versions):
    page = sixty_versions.list_versions_by_function("f")
    assert len(page) == 50
    assert page.next_marker is not None


def test_the_next_page_follows_the_marker_and_the_last_page_has_no_marker(sixty_versions):
    first = sixty_versions.list_versions_by_function("f")
    second = sixty_versions.list_versions_by_function("f", marker=first.next_marker)
    assert [c.version for c in second] == [str(n) for n in range(50, 61)]
    assert second.next_marker is None


def test_max_items_above_50_still_gives_50(sixty_versions):
    assert len(sixty_versions.list_versions_by_function("f", max_items=10000)) == 50


def test_max_items_below_50_shortens_the_page(sixty_versions):
    page = sixty_versions.list_versions_by_function("f", max_items=3)
    assert [c.version for c in page] == ["$LATEST", "1", "2"]


@pytest.mark.parametrize(
    ("max_items", "rule"),
    [
        (0, "Member must have value greater than or equal to 1"),
        (10001, "Member must have value less than or equal to 10000"),
    ],
)
def test_max_items_outside_1_to_10000_fails_validation(function, fails, max_items, rule):
    message = (
        f"1 validation error detected: Value '{max_items}' at 'maxItems' failed to satisfy "
        f"constraint: {rule}"
    )
    with fails(ValidationException, 400, message):
        function.list_versions_by_function("f", max_items=max_items)


def test_listed_versions_omit_the_state_fields(release, function):
    release("v1")
    for item in function.list_versions_by_function("f"):
        shown = item.to_dict(listing=True)
        assert not {k for k in shown if k.startswith(("State", "LastUpdateStatus"))}
        assert "RuntimeVersionConfig" not in shown


def test_a_single_version_shows_its_state_fields(release, function):
    release("v1")
    shown = function.get_function("f", "1").to_dict()
    assert (shown["State"], shown["LastUpdateStatus"]) == ("Active", "Successful")


def test_listing_versions_of_a_missing_function_is_not_found(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope"):
        account.list_versions_by_function("nope")


# --- 2.7 deleting one version ----------------------------------------------------------------


def test_deleting_an_unaliased_version_removes_it(release, function):
    release("v1"), release("v2")
    function.delete_function("f", "1")
    assert versions(function) == ["$LATEST", "2"]


def test_deleting_a_version_records_one_event(release, function):
    release("v1")
    function.delete_function("f", "1")
    event = function.history[-1]
    assert isinstance(event, VersionDeleted)
    assert (event.function_name, event.version) == ("f", "1")


def test_a_version_can_be_deleted_through_its_qualified_name(release, function):
    release("v1")
    function.delete_function(f"{ARN}:f:1")
    assert versions(function) == ["$LATEST"]


def test_deleting_a_version_an_alias_points_to_is_a_conflict(release, function, fails):
    release("v1")
    function.create_alias("f", "live", "1")
    message = "Unable to delete version because the following aliases reference it: [live]"
    with fails(ResourceConflictException, 409, message):
        function.delete_function("f", "1")
    assert versions(function) == ["$LATEST", "1"]


def test_the_conflict_names_every_alias_that_references_the_version(release, function, fails):
    release("v1")
    function.create_alias("f", "b", "1")
    function.create_alias("f", "a", "1")
    message = "Unable to delete version because the following aliases reference it: [a, b]"
    with fails(ResourceConflictException, 409, message):
        function.delete_function("f", "1")


def test_deleting_a_version_an_alias_only_routes_to_is_a_conflict(release, function, fails):
    """Unverified on AWS (rule list 2.7): blocking it is the safe choice, and what we do."""
    release("v1"), release("v2")
    function.create_alias("f", "live", "1", routing_config={"2": 0.1})
    message = "Unable to delete version because the following aliases reference it: [live]"
    with fails(ResourceConflictException, 409, message):
        function.delete_function("f", "2")


def test_deleting_a_missing_version_is_a_no_op(release, function):
    release("v1")
    before = list(function.history)
    assert function.delete_function("f", "9") is None
    assert function.history == before
    assert versions(function) == ["$LATEST", "1"]


def test_deleting_latest_is_refused(function, fails):
    message = "$LATEST version cannot be deleted without deleting the function."
    with fails(InvalidParameterValueException, 400, message):
        function.delete_function("f", "$LATEST")


@pytest.mark.parametrize("alias_exists", [True, False], ids=["existing alias", "missing alias"])
def test_deleting_by_an_alias_qualifier_is_refused(function, fails, alias_exists):
    if alias_exists:
        function.create_alias("f", "PROD", "$LATEST")
    with fails(
        InvalidParameterValueException, 400, "Deletion of aliases is not currently supported."
    ):
        function.delete_function("f", "PROD")
    assert ("PROD" in function.functions["f"].aliases) is alias_exists


def test_deleting_a_version_of_a_missing_function_is_not_found_unqualified(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope"):
        account.delete_function("nope", "1")


# --- 2.1 what is not snapshotted: resource policies are per qualifier -------------------------


def test_publishing_does_not_copy_the_functions_policy_to_the_version(function):
    """Rule list 2.1 and 5.1: each qualifier has its own policy; a new version starts with none."""
    policies = function.functions["f"].policies
    policies[None] = {"Statement": [{"Sid": "s3"}]}
    function.publish_version("f")
    assert list(policies) == [None]


def test_deleting_a_version_drops_its_own_policy(release, function):
    release("v1")
    policies = function.functions["f"].policies
    policies["1"], policies[None] = {"Statement": []}, {"Statement": []}
    function.delete_function("f", "1")
    assert list(policies) == [None]
