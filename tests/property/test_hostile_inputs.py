"""A hostile fuzz over every public operation, through the core and through boto3.

Every call must end in an answer or in a service error carrying AWS's code (through boto3:
botocore's ClientError, or its own client-side ParamValidationError), never in another
exception; a failed core call must change nothing; and no alias may ever point or route to a
missing version.
"""

from __future__ import annotations

import math

from account_snapshot import snapshot
from botocore.exceptions import ClientError, ParamValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lambda_model import Account, ServiceError
from lambda_model.aws import client

HOSTILE_TEXT = st.one_of(
    st.sampled_from(
        ["f", "f:PROD", "f:1", "f:01", "PROD", "1", "01", "0", "$LATEST", "²", "9" * 5000,
         "\ud800", "", " ", "a" * 300, "arn:aws:lambda:us-east-1:123456789012:function:f:2",
         "uploads", "jobs", "Terminate", "Allow", "ALL"]
    ),
    st.text(max_size=12),
)  # fmt: skip
HOSTILE_NUMBER = st.one_of(
    st.integers(-(10**30), 10**30), st.floats(allow_nan=True), st.just(math.inf), st.booleans()
)
NESTED = st.recursive(
    st.none() | st.integers() | HOSTILE_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(HOSTILE_TEXT, inner, max_size=3),
    max_leaves=8,
)
DEEP = st.integers(1, 1500).map(lambda depth: ("[" * depth + "]" * depth).encode())
HOSTILE = st.one_of(HOSTILE_TEXT, HOSTILE_NUMBER, NESTED, DEEP, st.none())


def fresh_account() -> Account:
    account = Account(seed=1)
    account.create_function("f", lambda event, context: event, publish=True)
    account.update_function_code("f", lambda event, context: [event], publish=True)
    account.create_alias("f", "PROD", "1", routing_config={"2": 0.5})
    account.create_bucket("uploads")
    account.create_queue("jobs")
    return account


def keyed(key: object, value: object) -> dict:
    """``{key: value}``, with an unhashable hostile key given as its text."""
    try:
        return {key: value}
    except TypeError:
        return {str(key): value}


CORE_CALLS = {
    "create_function": lambda a, x, y: a.create_function(x, lambda e, c: 1, description=y),
    "create_function_memory": lambda a, x, y: a.create_function("g", "x", memory_size=x),
    "create_function_env": lambda a, x, y: a.create_function("g", "x", environment=keyed(x, y)),
    "update_function_code": lambda a, x, y: a.update_function_code(x, y),
    "update_function_configuration": lambda a, x, y: a.update_function_configuration(
        x, description=y
    ),
    "update_function_timeout": lambda a, x, y: a.update_function_configuration("f", timeout=x),
    "get_function": lambda a, x, y: a.get_function(x, y),
    "list_functions": lambda a, x, y: a.list_functions(marker=x, max_items=y),
    "delete_function": lambda a, x, y: a.delete_function(x, y),
    "publish_version": lambda a, x, y: a.publish_version(x, description=y),
    "list_versions_by_function": lambda a, x, y: a.list_versions_by_function(x, marker=y),
    "create_alias": lambda a, x, y: a.create_alias("f", x, y),
    "create_alias_routing": lambda a, x, y: a.create_alias(
        "f", "BETA", "2", routing_config=keyed(x, y)
    ),
    "get_alias": lambda a, x, y: a.get_alias(x, y),
    "update_alias": lambda a, x, y: a.update_alias(
        "f", "PROD", function_version=x, routing_config=y
    ),
    "delete_alias": lambda a, x, y: a.delete_alias(x, y),
    "list_aliases": lambda a, x, y: a.list_aliases("f", function_version=x, marker=y),
    "invoke": lambda a, x, y: a.invoke("f:PROD", y, qualifier=x),
    "invoke_type": lambda a, x, y: a.invoke("f", y, invocation_type=x),
    "add_permission": lambda a, x, y: a.add_permission("f", x, "lambda:InvokeFunction", y),
    "remove_permission": lambda a, x, y: a.remove_permission("f", x, qualifier=y),
    "get_policy": lambda a, x, y: a.get_policy(x, qualifier=y),
    "create_bucket": lambda a, x, y: a.create_bucket(x),
    "put_object": lambda a, x, y: a.put_object("uploads", x, y),
    "get_object": lambda a, x, y: a.get_object(x, y),
    "copy_object": lambda a, x, y: a.copy_object("uploads", x, y),
    "delete_object": lambda a, x, y: a.delete_object(x, y),
    "list_objects_v2": lambda a, x, y: a.list_objects_v2("uploads", prefix=x, max_keys=y),
    "put_notification": lambda a, x, y: a.put_bucket_notification_configuration(
        "uploads", {"LambdaFunctionConfigurations": [{"LambdaFunctionArn": x, "Events": y}]}
    ),
    "send_message": lambda a, x, y: a.send_message("jobs", x),
    "create_queue": lambda a, x, y: a.create_queue(x),
    "create_event_source_mapping": lambda a, x, y: a.create_event_source_mapping(
        a.queues["jobs"].arn, x, batch_size=y
    ),
    "list_event_source_mappings": lambda a, x, y: a.list_event_source_mappings(
        function_name=x, marker=y
    ),
    "get_event_source_mapping": lambda a, x, y: a.get_event_source_mapping(x),
    "put_function_recursion_config": lambda a, x, y: a.put_function_recursion_config(x, y),
    "get_function_recursion_config": lambda a, x, y: a.get_function_recursion_config(x),
}


def no_alias_dangles(account: Account) -> None:
    for function in account.functions.values():
        for alias in function.aliases.values():
            for version in alias.weights:
                assert version == "$LATEST" or int(version) in function.versions, alias


@settings(
    max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
@given(
    calls=st.lists(
        st.tuples(st.sampled_from(sorted(CORE_CALLS)), HOSTILE, HOSTILE), min_size=1, max_size=4
    )
)
def test_hostile_core_calls_end_in_an_answer_or_a_service_error_that_changes_nothing(calls):
    account = fresh_account()
    for name, x, y in calls:
        before = snapshot(account)
        try:
            CORE_CALLS[name](account, x, y)
        except ServiceError as err:
            assert err.code and err.status >= 400, (name, err)
            assert snapshot(account) == before, (name, x, y, err)
        no_alias_dangles(account)


BOTO_CALLS = {
    "CreateAlias": lambda lam, x, y: lam.create_alias(
        FunctionName="f", Name=x, FunctionVersion=y
    ),
    "CreateAliasRouting": lambda lam, x, y: lam.create_alias(
        FunctionName="f", Name="BETA", FunctionVersion="2",
        RoutingConfig={"AdditionalVersionWeights": keyed(x, y)},
    ),
    "GetFunction": lambda lam, x, y: lam.get_function(FunctionName=x, Qualifier=y),
    "ListFunctions": lambda lam, x, y: lam.list_functions(Marker=x, MaxItems=y),
    "ListVersionsByFunction": lambda lam, x, y: lam.list_versions_by_function(
        FunctionName="f", Marker=x
    ),
    "ListAliases": lambda lam, x, y: lam.list_aliases(FunctionName="f", Marker=x),
    "DeleteFunction": lambda lam, x, y: lam.delete_function(FunctionName=x, Qualifier=y),
    "PublishVersion": lambda lam, x, y: lam.publish_version(FunctionName=x, Description=y),
    "Invoke": lambda lam, x, y: lam.invoke(FunctionName="f:PROD", Payload=y, LogType="Tail"),
    "InvokeQualifier": lambda lam, x, y: lam.invoke(FunctionName="f", Qualifier=x),
    "UpdateAlias": lambda lam, x, y: lam.update_alias(
        FunctionName="f", Name="PROD", FunctionVersion=x
    ),
    "PutFunctionRecursionConfig": lambda lam, x, y: lam.put_function_recursion_config(
        FunctionName=x, RecursiveLoop=y
    ),
    "GetFunctionRecursionConfig": lambda lam, x, y: lam.get_function_recursion_config(
        FunctionName=x
    ),
    "ListEventSourceMappings": lambda lam, x, y: lam.list_event_source_mappings(Marker=x),
}  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
@given(
    calls=st.lists(
        st.tuples(st.sampled_from(sorted(BOTO_CALLS)), HOSTILE, HOSTILE), min_size=1, max_size=3
    )
)
def test_hostile_boto3_calls_end_in_an_answer_or_an_aws_error(calls):
    account = fresh_account()
    lam = client("lambda", account)
    for name, x, y in calls:
        try:
            BOTO_CALLS[name](lam, x, y)
        except ClientError as err:
            assert err.response["Error"]["Code"], name
            assert err.response["ResponseMetadata"]["HTTPStatusCode"] >= 400
        except (ParamValidationError, UnicodeEncodeError):
            # Refused by botocore itself while building the request (a wrong type, or text
            # that cannot be sent, such as a lone surrogate), exactly as against AWS.
            pass
        no_alias_dangles(account)
