"""The checks of 03-aliases reject the usual wrong answers, each with its reason."""

import doctest

import lambda_model.exercises.lesson03 as lesson03
from lambda_model.exercises import check


def test_the_docstring_examples_of_lesson03_hold():
    result = doctest.testmod(lesson03, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_a_hard_coded_newest_version_fails_on_an_account_with_more_versions():
    def create_pipeline(account):
        account.create_alias("orders", "DEV", "3")
        account.create_alias("orders", "PROD", "1")
        account.add_permission(
            "orders", "s3", "lambda:InvokeFunction", "s3.amazonaws.com",
            qualifier="PROD", source_arn="arn:aws:s3:::orders-inbox",
        )  # fmt: skip

    result = check("03-alias-pipeline", create_pipeline)
    assert not result
    assert "not at the newest, 5" in result.message


def test_a_grant_on_the_unqualified_function_is_told_it_does_not_cover_prod():
    def create_pipeline(account):
        newest = account.list_versions_by_function("orders").items[-1].version
        account.create_alias("orders", "DEV", newest)
        account.create_alias("orders", "PROD", "1")
        account.add_permission(
            "orders", "s3", "lambda:InvokeFunction", "s3.amazonaws.com",
            source_arn="arn:aws:s3:::orders-inbox",
        )  # fmt: skip

    result = check("03-alias-pipeline", create_pipeline)
    assert not result
    assert "S3's grant is on orders," in result.message
    assert "qualifier='PROD'" in result.message


def test_a_grant_on_the_version_behind_prod_is_told_it_does_not_cover_prod():
    def create_pipeline(account):
        newest = account.list_versions_by_function("orders").items[-1].version
        account.create_alias("orders", "DEV", newest)
        account.create_alias("orders", "PROD", "1")
        account.add_permission(
            "orders", "s3", "lambda:InvokeFunction", "s3.amazonaws.com",
            qualifier="1", source_arn="arn:aws:s3:::orders-inbox",
        )  # fmt: skip

    result = check("03-alias-pipeline", create_pipeline)
    assert not result
    assert "S3's grant is on orders:1" in result.message


def test_a_handler_that_reports_the_alias_as_the_version_is_told_where_the_version_is():
    def who_ran(event, context):
        return {"called_as": "PROD", "ran": context.invoked_function_arn.split(":")[-1]}

    result = check("03-who-ran", who_ran)
    assert not result
    assert "context.function_version" in result.message


def test_a_handler_that_takes_the_last_arn_part_is_told_about_unqualified_arns():
    def who_ran(event, context):
        return {
            "called_as": context.invoked_function_arn.split(":")[-1],
            "ran": context.function_version,
        }

    result = check("03-who-ran", who_ran)
    assert not result
    assert "An unqualified ARN has 7 parts" in result.message


def test_a_handler_that_raises_is_shown_its_error():
    def who_ran(event, context):
        return {"called_as": event["alias"], "ran": context.function_version}

    result = check("03-who-ran", who_ran)
    assert not result
    assert "your handler raised KeyError" in result.message
