"""Handlers whose source inspect cannot find (defined by exec, in a REPL or ``python -``)."""

from lambda_model import Code


def _handlers_without_source():
    namespace = {}
    exec(
        "def first(event, context):\n    return 'v1'\n"
        "def second(event, context):\n    return 'v2'\n",
        namespace,
    )
    return namespace["first"], namespace["second"]


def test_two_handlers_without_source_that_differ_only_in_a_constant_have_different_hashes():
    first, second = _handlers_without_source()
    assert Code.from_callable(first).code_sha256 != Code.from_callable(second).code_sha256


def test_a_handler_without_source_hashes_the_same_every_time():
    first, _ = _handlers_without_source()
    again, _ = _handlers_without_source()
    assert Code.from_callable(first).code_sha256 == Code.from_callable(again).code_sha256
