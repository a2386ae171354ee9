"""Functions: create, update code and configuration, read, list and delete (rule list sections
1.1, 2.1, 2.5 and 2.7), and the RevisionId lifecycle of ``$LATEST``."""

import io
import zipfile

import pytest

from lambda_model import (
    FunctionCodeUpdated,
    FunctionConfigurationUpdated,
    FunctionCreated,
    FunctionDeleted,
    InvalidParameterValueException,
    PreconditionFailedException,
    ResourceConflictException,
    ResourceNotFoundException,
)

ARN = "arn:aws:lambda:us-east-1:123456789012:function"
STALE = (
    "The Revision Id provided does not match the latest Revision Id. "
    "Call the GetFunction/GetAlias API to retrieve the latest Revision Id"
)
LATEST_ONLY = "Current operation does not support versions other than $LATEST"


def zipped(modules: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in modules.items():
            archive.writestr(name, text)
    return buffer.getvalue()


# --- create ----------------------------------------------------------------------------------


def test_a_function_can_be_created_from_a_python_callable(account):
    account.create_function("f", lambda event, context: event["n"] + 1)
    assert account.invoke("f", {"n": 1}).payload == 2


def test_a_function_can_be_created_from_python_source_defining_the_handler(source, account):
    account.create_function("f", source("from source"))
    assert account.invoke("f").payload == "from source"


def test_a_function_can_be_created_from_a_zip_of_python_modules(source, account):
    account.create_function("f", zipped({"app.py": source("zipped")}), handler="app.handler")
    assert account.invoke("f").payload == "zipped"


def test_bytes_that_are_not_a_zip_are_refused(account, fails):
    message = "Could not unzip uploaded file. Please check your file, then try to upload again."
    with fails(InvalidParameterValueException, 400, message):
        account.create_function("f", b"not a zip")
    assert account.functions == {}


def test_creating_a_function_that_exists_is_a_conflict(source, function, fails):
    with fails(ResourceConflictException, 409, "Function already exist: f"):
        function.create_function("f", source("again"))


def test_a_new_function_has_latest_and_no_versions(function):
    assert [c.version for c in function.list_versions_by_function("f")] == ["$LATEST"]


def test_creating_a_function_records_one_event(source, account):
    account.create_function("f", source("v0"), description="first")
    (event,) = account.history
    assert isinstance(event, FunctionCreated)
    assert (event.function_name, event.description) == ("f", "first")


def test_the_create_response_is_pending_and_the_function_then_becomes_active(source, account):
    created = account.create_function("f", source("v0"))
    assert (created.state, account.get_function("f").state) == ("Pending", "Active")


def test_latest_gets_a_new_revision_id_when_it_becomes_active(source, account):
    created = account.create_function("f", source("v0"))
    assert account.get_function("f").revision_id != created.revision_id


# --- update ----------------------------------------------------------------------------------


def test_updating_the_code_changes_what_latest_runs(source, function):
    function.update_function_code("f", source("v1"))
    assert function.invoke("f").payload == "v1"


def test_an_update_response_is_in_progress_and_the_update_then_completes(source, function):
    response = function.update_function_code("f", source("v1"))
    assert response.last_update_status == "InProgress"
    assert function.get_function("f").last_update_status == "Successful"


def test_an_update_issues_a_revision_id_in_its_response_and_another_when_it_completes(
    source, function
):
    before = function.get_function("f").revision_id
    response = function.update_function_code("f", source("v1"))
    after = function.get_function("f").revision_id
    assert len({before, response.revision_id, after}) == 3


def test_a_configuration_update_keeps_the_settings_it_does_not_name(function):
    function.update_function_configuration("f", memory_size=256)
    function.update_function_configuration("f", timeout=30)
    latest = function.get_function("f")
    assert (latest.memory_size, latest.timeout, latest.handler) == (256, 30, "index.handler")


def test_a_configuration_update_issues_new_revision_ids(function):
    before = function.get_function("f").revision_id
    response = function.update_function_configuration("f", description="new")
    assert len({before, response.revision_id, function.get_function("f").revision_id}) == 3


def test_each_update_records_one_event(source, function):
    function.update_function_code("f", source("v1"))
    function.update_function_configuration("f", timeout=10)
    assert [type(e) for e in function.history[1:]] == [
        FunctionCodeUpdated,
        FunctionConfigurationUpdated,
    ]


@pytest.mark.parametrize("name", ["f:1", f"{ARN}:f:PROD"])
def test_updating_the_code_of_anything_but_latest_is_refused(
    source, release, function, fails, name
):
    """The trigger conditions of this AWS message are unverified (rule list 2.1): the safe
    choice, refusing any qualifier but ``$LATEST``, is what the simulator does."""
    release("v1")
    with fails(InvalidParameterValueException, 400, LATEST_ONLY):
        function.update_function_code(name, source("v2"))


def test_updating_the_configuration_of_a_version_is_refused(release, function, fails):
    """Trigger conditions unverified on AWS (rule list 2.1); only ``$LATEST`` is mutable."""
    release("v1")
    with fails(InvalidParameterValueException, 400, LATEST_ONLY):
        function.update_function_configuration("f:1", description="changed")


def test_updating_latest_by_its_qualified_name_is_allowed(source, function):
    function.update_function_code("f:$LATEST", source("v1"))
    assert function.invoke("f").payload == "v1"


def test_updating_a_missing_function_is_not_found(source, account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope"):
        account.update_function_code("nope", source("v1"))


def test_updating_code_with_a_stale_revision_id_fails_the_precondition(source, function, fails):
    stale = function.get_function("f").revision_id
    function.update_function_configuration("f", timeout=5)
    with fails(PreconditionFailedException, 412, STALE):
        function.update_function_code("f", source("v1"), revision_id=stale)


def test_updating_code_with_the_current_revision_id_succeeds(source, function):
    current = function.get_function("f").revision_id
    function.update_function_code("f", source("v1"), revision_id=current)
    assert function.invoke("f").payload == "v1"


def test_updating_configuration_with_a_stale_revision_id_fails_the_precondition(
    source, function, fails
):
    stale = function.get_function("f").revision_id
    function.update_function_code("f", source("v1"))
    with fails(PreconditionFailedException, 412, STALE):
        function.update_function_configuration("f", timeout=5, revision_id=stale)


# --- a published version is frozen ----------------------------------------------------------


def test_a_version_keeps_its_code_after_latest_is_updated(source, release, function):
    release("v1")
    function.update_function_code("f", source("v2"))
    assert function.invoke("f", qualifier="1").payload == "v1"


def test_a_version_keeps_its_configuration_after_latest_is_updated(release, function):
    release("v1")
    before = function.get_function("f", "1")
    function.update_function_configuration(
        "f", memory_size=1024, timeout=60, environment={"STAGE": "prod"}, description="new"
    )
    assert function.get_function("f", "1") == before


def test_publishing_snapshots_the_version_specific_configuration(function):
    function.update_function_configuration(
        "f",
        handler="index.handler",
        runtime="python3.11",
        role="arn:aws:iam::123456789012:role/other",
        memory_size=512,
        timeout=20,
        environment={"STAGE": "prod"},
    )
    version = function.get_function("f", function.publish_version("f").version)
    assert (version.runtime, version.role, version.memory_size, version.timeout) == (
        "python3.11",
        "arn:aws:iam::123456789012:role/other",
        512,
        20,
    )
    assert dict(version.environment) == {"STAGE": "prod"}


# --- read ------------------------------------------------------------------------------------


def test_reading_a_missing_function_is_not_found_with_its_unqualified_arn(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope"):
        account.get_function("nope")


def test_reading_a_missing_version_is_not_found_with_its_version_arn(function, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:7"):
        function.get_function("f", "7")


def test_reading_a_missing_alias_through_get_function_is_not_found_with_its_arn(function, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f:PROD"):
        function.get_function("f:PROD")


def test_get_function_configuration_answers_like_get_function(release, function):
    release("v1")
    assert function.get_function_configuration("f", "1") == function.get_function("f", "1")


def test_list_functions_gives_latest_of_every_function_by_name(source, account):
    for name in ("b", "a"):
        account.create_function(name, source(name), publish=True)
    assert [(c.function_name, c.version) for c in account.list_functions()] == [
        ("a", "$LATEST"),
        ("b", "$LATEST"),
    ]


def test_list_functions_with_all_includes_every_version(source, account):
    account.create_function("a", source("a"), publish=True)
    listed = account.list_functions(function_version="ALL")
    assert [c.version for c in listed] == ["$LATEST", "1"]


# --- delete the whole function ---------------------------------------------------------------


def test_deleting_a_function_removes_it_with_its_versions_and_aliases(release, function, fails):
    release("v1")
    function.create_alias("f", "PROD", "1")
    function.delete_function("f")
    assert function.functions == {}
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:f"):
        function.get_alias("f", "PROD")


def test_deleting_a_function_records_one_event(function):
    function.delete_function("f")
    assert isinstance(function.history[-1], FunctionDeleted)
    assert len(function.history) == 2


def test_deleting_a_function_by_its_arn_deletes_it(function):
    function.delete_function(f"{ARN}:f")
    assert function.functions == {}


def test_deleting_a_missing_function_is_not_found(account, fails):
    with fails(ResourceNotFoundException, 404, f"Function not found: {ARN}:nope"):
        account.delete_function("nope")
