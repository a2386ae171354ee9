"""Bucket notification configurations: shape, normalisation and validation (section 6.1-6.3)."""

from __future__ import annotations

import pytest

from lambda_model import (
    Account,
    BucketNotificationConfigured,
    InvalidArgument,
    MalformedXML,
    NoSuchBucket,
)

FN = "arn:aws:lambda:us-east-1:123456789012:function:thumbnailer"
BUCKET = "uploads"
BUCKET_ARN = "arn:aws:s3:::uploads"
S3 = "s3.amazonaws.com"
UNABLE = "Unable to validate the following destination configurations"


@pytest.fixture
def account() -> Account:
    """thumbnailer v1 and v2, PROD -> 1, bucket ``uploads``; no grants yet."""
    account = Account(seed=5)
    account.create_function("thumbnailer", lambda event, context: "v1", publish=True)
    account.update_function_code("thumbnailer", lambda event, context: "v2", publish=True)
    account.create_alias("thumbnailer", "PROD", "1")
    account.create_bucket(BUCKET)
    return account


def grant(account: Account, qualifier: str | None, source_arn: str = BUCKET_ARN) -> None:
    account.add_permission(
        "thumbnailer",
        f"s3-{qualifier or 'fn'}",
        "lambda:InvokeFunction",
        S3,
        qualifier=qualifier,
        source_arn=source_arn,
        source_account="123456789012",
    )


def entry(arn: str = f"{FN}:PROD", events=("s3:ObjectCreated:*",), rules=None, **extra) -> dict:
    body = {"LambdaFunctionArn": arn, "Events": list(events), **extra}
    if rules is not None:
        body["Filter"] = {"Key": {"FilterRules": [{"Name": n, "Value": v} for n, v in rules]}}
    return body


def put(account: Account, *entries: dict, skip: bool = False):
    return account.put_bucket_notification_configuration(
        BUCKET, {"LambdaFunctionConfigurations": list(entries)}, skip_destination_validation=skip
    )


def stored(account: Account) -> dict:
    return account.get_bucket_notification_configuration(BUCKET).to_dict()


def state(account: Account):
    return len(account.history), stored(account)


def assert_unable(caught, *arns: str) -> None:
    error = caught.value
    assert (error.code, error.status, error.message) == ("InvalidArgument", 400, UNABLE)
    expected = {}
    for n, arn in enumerate(arns, 1):
        expected[f"ArgumentName{n}"] = f"{arn}, null"
        expected[f"ArgumentValue{n}"] = f"Not authorized to invoke function [{arn}]"
    assert error.details == expected


# --- shape ---------------------------------------------------------------------------------


def test_a_bucket_starts_with_an_empty_configuration(account):
    assert stored(account) == {}


def test_get_returns_what_was_put_with_the_id_given(account):
    grant(account, "PROD")
    put(account, entry(Id="thumbs", rules=[("Prefix", "in/"), ("Suffix", ".jpg")]))
    assert stored(account) == {
        "LambdaFunctionConfigurations": [
            {
                "Id": "thumbs",
                "LambdaFunctionArn": f"{FN}:PROD",
                "Events": ["s3:ObjectCreated:*"],
                "Filter": {
                    "Key": {
                        "FilterRules": [
                            {"Name": "Prefix", "Value": "in/"},
                            {"Name": "Suffix", "Value": ".jpg"},
                        ]
                    }
                },
            }
        ]
    }


def test_an_entry_without_an_id_gets_one(account):
    grant(account, "PROD")
    put(account, entry())
    (config,) = stored(account)["LambdaFunctionConfigurations"]
    assert isinstance(config["Id"], str) and config["Id"]


def test_assigned_ids_are_the_same_for_the_same_seed(account):
    twin = Account(seed=5)
    twin.create_function("thumbnailer", lambda event, context: "v1", publish=True)
    twin.update_function_code("thumbnailer", lambda event, context: "v2", publish=True)
    twin.create_alias("thumbnailer", "PROD", "1")
    twin.create_bucket(BUCKET)
    for each in (account, twin):
        grant(each, "PROD")
        put(each, entry())
    assert stored(account) == stored(twin)


def test_a_refused_put_does_not_use_up_an_id(account):
    twin = Account(seed=5)
    twin.create_function("thumbnailer", lambda event, context: "v1", publish=True)
    twin.update_function_code("thumbnailer", lambda event, context: "v2", publish=True)
    twin.create_alias("thumbnailer", "PROD", "1")
    twin.create_bucket(BUCKET)
    with pytest.raises(InvalidArgument):
        put(account, entry())
    for each in (account, twin):
        grant(each, "PROD")
        put(each, entry())
    assert stored(account) == stored(twin)


def test_assigned_ids_differ_between_entries(account):
    put(account, entry(rules=[("prefix", "a/")]), entry(rules=[("prefix", "b/")]), skip=True)
    ids = [c["Id"] for c in stored(account)["LambdaFunctionConfigurations"]]
    assert len(set(ids)) == 2


@pytest.mark.parametrize("name", ["prefix", "PREFIX", "Prefix", "pReFiX"])
def test_filter_rule_names_are_case_insensitive_and_come_back_capitalised(account, name):
    put(account, entry(rules=[(name, "in/")]), skip=True)
    (config,) = stored(account)["LambdaFunctionConfigurations"]
    assert config["Filter"]["Key"]["FilterRules"] == [{"Name": "Prefix", "Value": "in/"}]


def test_a_put_replaces_the_whole_configuration(account):
    put(
        account,
        entry(Id="a", rules=[("prefix", "a/")]),
        entry(Id="b", rules=[("prefix", "b/")]),
        skip=True,
    )
    put(account, entry(Id="c"), skip=True)
    assert [c["Id"] for c in stored(account)["LambdaFunctionConfigurations"]] == ["c"]


def test_an_empty_configuration_turns_notifications_off(account):
    put(account, entry(), skip=True)
    account.put_bucket_notification_configuration(BUCKET, {})
    assert stored(account) == {}


def test_a_put_appends_one_history_event_with_the_stored_entries(account):
    put(account, entry(Id="thumbs"), skip=True)
    event = account.history[-1]
    assert isinstance(event, BucketNotificationConfigured)
    assert event.bucket == BUCKET
    assert list(event.lambda_configurations) == stored(account)["LambdaFunctionConfigurations"]


def test_the_configuration_of_a_missing_bucket_cannot_be_put(account):
    with pytest.raises(NoSuchBucket) as caught:
        account.put_bucket_notification_configuration("nope", {})
    assert (caught.value.code, caught.value.status) == ("NoSuchBucket", 404)
    assert caught.value.message == "The specified bucket does not exist"
    assert caught.value.details == {"BucketName": "nope"}


def test_the_configuration_of_a_missing_bucket_cannot_be_read(account):
    with pytest.raises(NoSuchBucket):
        account.get_bucket_notification_configuration("nope")


# --- destination validation ----------------------------------------------------------------


@pytest.mark.parametrize("qualifier", [None, "1", "PROD"])
def test_a_grant_on_exactly_the_configured_arn_validates(account, qualifier):
    grant(account, qualifier)
    arn = FN if qualifier is None else f"{FN}:{qualifier}"
    put(account, entry(arn))
    assert stored(account)["LambdaFunctionConfigurations"][0]["LambdaFunctionArn"] == arn


def test_a_destination_without_any_grant_cannot_be_validated(account):
    before = state(account)
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry(f"{FN}:PROD"))
    assert_unable(caught, f"{FN}:PROD")
    assert state(account) == before


def test_a_grant_on_the_unqualified_function_does_not_validate_the_alias_arn(account):
    grant(account, None)
    before = state(account)
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry(f"{FN}:PROD"))
    assert_unable(caught, f"{FN}:PROD")
    assert state(account) == before


def test_a_grant_on_the_alias_does_not_validate_the_version_behind_it(account):
    grant(account, "PROD")
    before = state(account)
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry(f"{FN}:1"))
    assert_unable(caught, f"{FN}:1")
    assert state(account) == before


def test_a_grant_on_the_alias_does_not_validate_the_unqualified_function(account):
    grant(account, "PROD")
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry(FN))
    assert_unable(caught, FN)


def test_a_grant_for_another_bucket_does_not_validate(account):
    grant(account, "PROD", source_arn="arn:aws:s3:::elsewhere")
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry(f"{FN}:PROD"))
    assert_unable(caught, f"{FN}:PROD")


def test_a_missing_function_cannot_be_validated(account):
    arn = "arn:aws:lambda:us-east-1:123456789012:function:ghost"
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry(arn))
    assert_unable(caught, arn)


def test_a_missing_alias_cannot_be_validated(account):
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry(f"{FN}:BETA"))
    assert_unable(caught, f"{FN}:BETA")


def test_a_function_in_another_region_cannot_be_validated(account):
    grant(account, "PROD")
    arn = "arn:aws:lambda:eu-west-1:123456789012:function:thumbnailer:PROD"
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry(arn))
    assert_unable(caught, arn)


def test_every_unreachable_destination_is_listed_and_nothing_is_stored(account):
    grant(account, "PROD")
    put(account, entry(Id="before"), skip=True)
    before = state(account)
    with pytest.raises(InvalidArgument) as caught:
        put(
            account,
            entry(f"{FN}:PROD", rules=[("prefix", "a/")]),
            entry(f"{FN}:1", rules=[("prefix", "b/")]),
            entry(FN, rules=[("prefix", "c/")]),
        )
    assert_unable(caught, f"{FN}:1", FN)
    assert state(account) == before


def test_skip_destination_validation_stores_an_unreachable_destination(account):
    put(account, entry(f"{FN}:BETA"), skip=True)
    assert stored(account)["LambdaFunctionConfigurations"][0]["LambdaFunctionArn"] == f"{FN}:BETA"


def test_an_unparseable_arn_is_refused_even_when_validation_is_skipped(account):
    before = state(account)
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry("invalid-queue"), skip=True)
    error = caught.value
    assert (error.code, error.status) == ("InvalidArgument", 400)
    assert error.message == "The ARN could not be parsed"
    assert error.details == {"ArgumentName": "CloudFunction", "ArgumentValue": "invalid-queue"}
    assert state(account) == before


# --- schema and filters --------------------------------------------------------------------


def test_a_filter_rule_name_other_than_prefix_or_suffix_is_refused(account):
    before = state(account)
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry(rules=[("middle", "x")]), skip=True)
    error = caught.value
    assert (error.code, error.status) == ("InvalidArgument", 400)
    assert error.message == "filter rule name must be either prefix or suffix"
    assert error.details == {"ArgumentName": "FilterRule.Name", "ArgumentValue": "middle"}
    assert state(account) == before


def test_two_prefix_rules_in_one_filter_are_refused(account):
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry(rules=[("prefix", "a/"), ("Prefix", "b/")]), skip=True)
    assert caught.value.message == "Cannot specify more than one prefix rule in a filter."


@pytest.mark.parametrize("rule", [{"Name": "prefix"}, {"Value": "in/"}])
def test_a_filter_rule_without_a_name_or_a_value_is_malformed(account, rule):
    config = entry()
    config["Filter"] = {"Key": {"FilterRules": [rule]}}
    before = state(account)
    with pytest.raises(MalformedXML) as caught:
        put(account, config, skip=True)
    assert (caught.value.code, caught.value.status) == ("MalformedXML", 400)
    assert caught.value.message == (
        "The XML you provided was not well-formed or did not validate against our published schema"
    )
    assert state(account) == before


@pytest.mark.parametrize("missing", ["LambdaFunctionArn", "Events"])
def test_an_entry_without_its_arn_or_events_is_malformed(account, missing):
    config = entry()
    del config[missing]
    with pytest.raises(MalformedXML):
        put(account, config, skip=True)


def test_an_unknown_event_type_is_refused(account):
    with pytest.raises(InvalidArgument) as caught:
        put(account, entry(events=["s3:ObjectCreated:Upload"]), skip=True)
    assert caught.value.message == "The event is not supported for notifications"


# --- overlaps ------------------------------------------------------------------------------


def test_two_unfiltered_entries_sharing_an_event_type_overlap(account):
    before = state(account)
    with pytest.raises(InvalidArgument) as caught:
        put(
            account,
            entry(events=["s3:ObjectRemoved:*"]),
            entry(FN, events=["s3:ObjectRemoved:*"]),
            skip=True,
        )
    error = caught.value
    assert error.message == (
        "Configurations overlap. Configurations on the same bucket cannot share a common "
        "event type."
    )
    assert error.details == {
        "ArgumentName": "Event",
        "ArgumentValue": "s3:ObjectRemoved:*, s3:ObjectRemoved:*",
    }
    assert state(account) == before


def test_a_wildcard_and_one_of_its_events_share_an_event_type(account):
    with pytest.raises(InvalidArgument) as caught:
        put(
            account,
            entry(events=["s3:ObjectCreated:*"]),
            entry(FN, events=["s3:ObjectCreated:Put"]),
            skip=True,
        )
    assert caught.value.details["ArgumentValue"] == "s3:ObjectCreated:*, s3:ObjectCreated:Put"


def test_nested_prefixes_for_the_same_event_overlap(account):
    with pytest.raises(InvalidArgument) as caught:
        put(
            account,
            entry(rules=[("prefix", "in/")]),
            entry(FN, rules=[("prefix", "in/raw/")]),
            skip=True,
        )
    assert caught.value.message.startswith("Configurations overlap.")


def test_overlapping_suffixes_under_overlapping_prefixes_are_ambiguous(account):
    before = state(account)
    with pytest.raises(InvalidArgument) as caught:
        put(
            account,
            entry(rules=[("suffix", "jpg")]),
            entry(FN, rules=[("suffix", ".jpg")]),
            skip=True,
        )
    assert (caught.value.code, caught.value.status) == ("InvalidArgument", 400)
    assert caught.value.message == (
        "Configuration is ambiguously defined. Cannot have overlapping suffixes in two rules if "
        "the prefixes are overlapping for the same event type."
    )
    assert state(account) == before


def test_overlapping_prefixes_are_allowed_when_the_suffixes_do_not_overlap(account):
    put(
        account,
        entry(rules=[("prefix", "in/"), ("suffix", ".jpg")]),
        entry(FN, rules=[("prefix", "in/"), ("suffix", ".png")]),
        skip=True,
    )
    assert len(stored(account)["LambdaFunctionConfigurations"]) == 2


def test_entries_for_different_event_types_never_conflict(account):
    put(
        account,
        entry(events=["s3:ObjectCreated:*"]),
        entry(FN, events=["s3:ObjectRemoved:*"]),
        skip=True,
    )
    assert len(stored(account)["LambdaFunctionConfigurations"]) == 2


def test_disjoint_prefixes_for_the_same_event_do_not_overlap(account):
    put(
        account,
        entry(rules=[("prefix", "images/")]),
        entry(FN, rules=[("prefix", "videos/")]),
        skip=True,
    )
    assert len(stored(account)["LambdaFunctionConfigurations"]) == 2
