"""What a learner sees: a readable repr for every object (never ``at 0x``), and the text table
of a function's versions and aliases."""

import dataclasses
import io
import zipfile
from collections import deque

import pytest

from lambda_model import (
    Account,
    Code,
    Delivery,
    InvalidParameterValueException,
    ResourceNotFoundException,
    ServiceError,
)
from lambda_model.core.identifiers import parse_function_name

ARN = "arn:aws:lambda:us-east-1:123456789012:function"


def handler_with_context(event, context):
    event.append(context)
    return "seen"


@pytest.fixture
def busy(source):
    """An account that has done a bit of everything the core offers."""
    account = Account(seed=1)
    account.create_function("thumbnailer", source("v1"), publish=True, description="resize")
    account.update_function_code("thumbnailer", source("v2"), publish=True)
    account.update_function_configuration("thumbnailer", environment={"STAGE": "prod"})
    account.publish_version("thumbnailer", description="crop fix")
    account.update_function_code("thumbnailer", source("v4"))
    account.create_alias("thumbnailer", "PROD", "1", routing_config={"2": 0.1})
    account.create_alias("thumbnailer", "STAGING", "3")
    account.create_alias("thumbnailer", "DEV", "$LATEST")
    account.update_alias("thumbnailer", "STAGING", description="next")
    account.create_alias("thumbnailer", "OLD", "$LATEST")
    account.delete_alias("thumbnailer", "OLD")
    account.create_function("spy", handler_with_context)
    account.create_function("bad", lambda event, context: 1 / 0)
    account.create_function("gone", source("x"), publish=True)
    account.delete_function("gone", "1")
    account.delete_function("gone")
    for _ in range(5):
        account.invoke("thumbnailer:PROD", source="s3")
    account.invoke("bad")
    account.invoke("bad", invocation_type="Event")
    account.clock.schedule(30, lambda: None)
    return account


def lambda_model_objects(root):
    """Every object of a lambda_model class reachable from ``root`` (containers walked)."""
    seen, stack, found = set(), [root], []
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, str | bytes | int | float | bool | type(None)):
            continue
        seen.add(id(obj))
        if type(obj).__module__.startswith("lambda_model"):
            found.append(obj)
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, list | tuple | set | frozenset | deque):
            stack.extend(obj)
        elif hasattr(obj, "items") and callable(obj.items):  # mappingproxy
            stack.extend(v for kv in obj.items() for v in kv)
        if dataclasses.is_dataclass(obj):
            stack.extend(getattr(obj, f.name) for f in dataclasses.fields(obj))
        if hasattr(obj, "__dict__") and type(obj).__module__.startswith("lambda_model"):
            stack.extend(vars(obj).values())
        for slot in getattr(type(obj), "__slots__", ()):
            if type(obj).__module__.startswith("lambda_model") and hasattr(obj, slot):
                stack.append(getattr(obj, slot))
    return found


def test_no_object_reachable_from_an_account_shows_a_memory_address(busy):
    objects = lambda_model_objects(busy)
    assert len({type(o).__name__ for o in objects}) >= 10
    for obj in objects:
        assert " at 0x" not in repr(obj), repr(obj)


def test_a_scheduled_call_shows_when_and_what_without_a_memory_address():
    def shift_traffic():
        pass

    call = Account().clock.schedule(5, shift_traffic)
    call.cancel()
    assert repr(call) == (
        "ScheduledCall(time=1735722005.0, priority=0, "
        "test_a_scheduled_call_shows_when_and_what_without_a_memory_address.<locals>."
        "shift_traffic, cancelled)"
    )


def test_the_account_repr_counts_functions_and_events(busy):
    assert repr(busy) == "Account(123456789012 us-east-1, 3 functions, 19 events)"


def test_the_function_repr_lists_versions_and_aliases(busy):
    assert repr(busy.functions["thumbnailer"]) == (
        "Function(thumbnailer: versions [1, 2, 3], "
        "aliases {DEV -> $LATEST, PROD -> 1 (90%) + 2 (10%), STAGING -> 3})"
    )


def test_an_alias_repr_shows_its_target_and_weights(busy):
    assert (
        repr(busy.get_alias("thumbnailer", "PROD"))
        == "AliasConfiguration(PROD -> 1 (90%) + 2 (10%))"
    )


def test_a_configuration_repr_names_the_function_version_and_code(busy):
    config = busy.get_function("thumbnailer", "3")
    assert repr(config) == (
        f"FunctionConfiguration(thumbnailer:3, code={config.code_sha256[:8]}…, "
        "description='crop fix')"
    )


def test_an_invocation_result_repr_shows_status_payload_and_version(busy):
    assert repr(busy.invoke("thumbnailer:1")) == (
        "InvocationResult(status_code=200, payload='v1', executed_version='1')"
    )


def test_a_failed_invocation_repr_shows_the_function_error(busy):
    assert repr(busy.invoke("bad")).endswith(", function_error='Unhandled')")


def test_an_invocation_record_repr_reads_as_a_log_line(busy):
    assert repr(busy.invocation_log[0]).startswith("InvocationRecord(thumbnailer:PROD -> ")


def test_the_context_repr_shows_the_version_and_invoked_arn(busy):
    seen = []
    busy.invoke("spy", seen)
    assert repr(seen[0]) == (
        f"LambdaContext(function_version='$LATEST', invoked_function_arn='{ARN}:spy')"
    )


@pytest.mark.parametrize("kind", ["callable", "source", "zip"])
def test_a_code_repr_shows_its_kind_and_sha(kind, source):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", source("z"))
    code = {
        "callable": lambda: Code.of(lambda event, context: 1),
        "source": lambda: Code.of(source("s")),
        "zip": lambda: Code.of(buffer.getvalue()),
    }[kind]()
    assert repr(code) == f"Code(kind={kind!r}, code_sha256={code.code_sha256!r})"


def test_an_error_repr_shows_its_class_and_message():
    error = ResourceNotFoundException("Function not found: x")
    assert repr(error) == "ResourceNotFoundException('Function not found: x')"


def test_an_error_reads_as_its_message_and_carries_code_and_status():
    error = InvalidParameterValueException("nope")
    assert (str(error), error.code, error.status) == ("nope", "InvalidParameterValueException", 400)


def test_every_error_class_repr_is_readable():
    import lambda_model

    for name in lambda_model.__all__:
        cls = getattr(lambda_model, name)
        if isinstance(cls, type) and issubclass(cls, ServiceError):
            assert repr(cls("m")) == f"{name}('m')"


def test_a_page_repr_shows_its_items_and_marker(busy):
    page = busy.list_versions_by_function("thumbnailer", max_items=1)
    assert repr(page) == f"Page([{busy.get_function('thumbnailer')!r}], next_marker='1')"


def test_a_function_ref_repr_is_readable():
    assert repr(parse_function_name(f"{ARN}:f:PROD")) == (
        "FunctionRef(name='f', qualifier='PROD', region='us-east-1', account_id='123456789012')"
    )


def test_history_events_read_as_captions(busy):
    assert [str(e) for e in busy.history[:4]] == [
        "create function thumbnailer",
        "publish thumbnailer version 1",
        f"update thumbnailer code ({busy.get_function('thumbnailer', '2').code_sha256[:8]}…)",
        "publish thumbnailer version 2",
    ]


def test_a_delivery_repr_is_readable():
    delivery = Delivery(f"{ARN}:f:PROD", "3", "ok")
    assert " at 0x" not in repr(delivery)
    assert str(delivery) == "f:PROD ran version 3: ok"


# --- the function text table -----------------------------------------------------------------


def test_the_function_table_lists_versions_with_code_descriptions_and_aliases(busy):
    sha = {
        v: busy.get_function("thumbnailer", v).code_sha256[:8] for v in ("$LATEST", "1", "2", "3")
    }
    assert busy.table("thumbnailer") == "\n".join(
        [
            "function thumbnailer",
            "version  code      description  aliases",
            f"$LATEST  {sha['$LATEST']}  resize       DEV",
            f"1        {sha['1']}  resize       PROD (90%)",
            f"2        {sha['2']}  resize       PROD (10%)",
            f"3        {sha['3']}  crop fix     STAGING",
        ]
    )


def test_the_table_of_a_function_without_versions_has_only_latest(source):
    account = Account()
    account.create_function("f", source("v0"))
    lines = account.table("f").splitlines()
    assert lines[:2] == ["function f", "version  code      description  aliases"]
    assert len(lines) == 3 and lines[2].startswith("$LATEST  ")


def test_the_table_lists_every_alias_on_a_shared_version(source):
    account = Account()
    account.create_function("f", source("v1"), publish=True)
    account.create_alias("f", "B", "1")
    account.create_alias("f", "A", "1")
    assert account.table("f").splitlines()[-1].endswith("  A, B")


def test_the_table_accepts_any_function_name_form(busy):
    assert busy.table(f"{ARN}:thumbnailer") == busy.table("thumbnailer")


def test_the_table_of_a_missing_function_is_not_found(busy):
    with pytest.raises(ResourceNotFoundException):
        busy.table("nope")
