"""The checks of 02-versions reject the usual wrong answers, each with its reason."""

import doctest

import lambda_model.exercises.lesson02 as lesson02
from lambda_model import PreconditionFailedException
from lambda_model.exercises import check


def test_the_docstring_examples_of_lesson02_hold():
    result = doctest.testmod(lesson02, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_code_sha256_is_the_base64_sha256_lambda_reports():
    from lambda_model import Account

    config = Account().create_function("f", lesson02.RESIZER_V1)
    assert lesson02.code_sha256(lesson02.RESIZER_V1) == config.code_sha256


def test_uploading_identical_code_without_publishing_is_called_a_hidden_change():
    def publish_if_changed(account, function_name, source):
        account.update_function_code(function_name, source)
        return "1"

    result = check("02-publish-if-changed", publish_if_changed)
    assert not result
    assert "uploaded it anyway" in result.message


def test_comparing_with_every_version_instead_of_the_newest_is_caught():
    def publish_if_changed(account, function_name, source):
        import base64
        import hashlib

        sha = base64.b64encode(hashlib.sha256(source.encode()).digest()).decode()
        for version in account.list_versions_by_function(function_name).items[1:]:
            if version.code_sha256 == sha:
                return version.version
        account.update_function_code(function_name, source)
        return account.publish_version(function_name).version

    result = check("02-publish-if-changed", publish_if_changed)
    assert not result
    assert "NEWEST" in result.message


def test_a_blind_publish_is_told_it_published_untested_code():
    def safe_publish(account, function_name, tested):
        return account.publish_version(function_name).version

    result = check("02-safe-publish", safe_publish)
    assert not result
    assert "code nobody tested" in result.message


def test_a_code_hash_alone_is_told_it_misses_a_configuration_change():
    def safe_publish(account, function_name, tested):
        try:
            return account.publish_version(function_name, code_sha256=tested.code_sha256).version
        except Exception:
            return None

    result = check("02-safe-publish", safe_publish)
    assert not result
    assert "revision_id=tested.revision_id" in result.message


def test_letting_the_refusal_escape_is_told_to_catch_it():
    def safe_publish(account, function_name, tested):
        return account.publish_version(
            function_name, code_sha256=tested.code_sha256, revision_id=tested.revision_id
        ).version

    result = check("02-safe-publish", safe_publish)
    assert not result
    assert result.message.startswith("Lambda refused the publish")
    assert PreconditionFailedException.code in result.message or "InvalidParameterValue" in (
        result.message
    )
