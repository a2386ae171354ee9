"""The checks of 07-pitfalls reject the usual wrong answers, each with its reason."""

import doctest

import lambda_model.exercises.lesson07 as lesson07
from lambda_model.exercises import check


def test_the_docstring_examples_of_lesson07_hold():
    result = doctest.testmod(lesson07, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def grant(qualifier=lambda account, function_name, alias: alias, source=True):
    """A grant_for_alias whose qualifier and source ARN are chosen by the test."""

    def grant_for_alias(account, function_name, alias_name, bucket):
        account.add_permission(
            function_name,
            "s3",
            "lambda:InvokeFunction",
            "s3.amazonaws.com",
            qualifier=qualifier(account, function_name, alias_name),
            source_arn=f"arn:aws:s3:::{bucket}" if source else None,
        )

    return grant_for_alias


def test_a_grant_on_the_function_is_told_it_covers_only_its_own_arn():
    result = check("07-grant-for-alias", grant(qualifier=lambda account, f, alias: None))
    assert not result
    assert "your grant is on the unqualified function" in result.message


def test_a_grant_on_the_version_behind_the_alias_is_told_it_is_not_the_alias():
    def version(account, function_name, alias):
        return account.get_alias(function_name, alias).function_version

    result = check("07-grant-for-alias", grant(qualifier=version))
    assert not result
    assert "your grant is on resizer:1, not on the alias" in result.message


def test_a_grant_without_a_source_arn_is_told_any_bucket_could_use_it():
    result = check("07-grant-for-alias", grant(source=False))
    assert not result
    assert "lets any bucket, even in another account" in result.message


def test_a_grant_always_on_prod_is_told_each_alias_has_its_own_policy():
    result = check("07-grant-for-alias", grant(qualifier=lambda account, f, alias: "PROD"))
    assert not result
    assert "each alias has its own policy" in result.message


def cleanup(keep):
    """A safe_cleanup that deletes every version of function_name except those ``keep`` names."""

    def safe_cleanup(account, function_name):
        kept = keep(account, function_name)
        for config in account.list_versions_by_function(function_name):
            if config.version != "$LATEST" and config.version not in kept:
                account.delete_function(function_name, qualifier=config.version)

    return safe_cleanup


def test_a_cleanup_blind_to_routing_is_told_an_alias_uses_the_version_it_routes_to():
    def pointed_at(account, function_name):
        return {alias.function_version for alias in account.list_aliases(function_name)}

    result = check("07-safe-cleanup", cleanup(pointed_at))
    assert not result
    assert "reference it: [BETA]" in result.message
    assert "routing_config.additional_version_weights" in result.message


def test_a_cleanup_that_leaves_unused_versions_names_them():
    result = check("07-safe-cleanup", cleanup(lambda account, f: {"1", "3", "4", "5", "6", "7"}))
    assert not result
    assert result.message.startswith("version(s) 1, 3, 7 are still there")


def test_a_cleanup_that_deletes_the_whole_function_is_told_to_pass_a_qualifier():
    def safe_cleanup(account, function_name):
        account.delete_function(function_name)

    result = check("07-safe-cleanup", safe_cleanup)
    assert not result
    assert "pass qualifier=<version>" in result.message
