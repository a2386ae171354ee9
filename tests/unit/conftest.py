"""Tiny factories for the unit tests of the core.

- ``account``: a fresh ``Account()`` (account 123456789012, us-east-1, seed 0).
- ``source(value)``: Python source of a handler returning ``value`` (distinct code, distinct
  CodeSha256, for every distinct value).
- ``function``: the account with function ``f`` created (``$LATEST`` returns ``"v0"``).
- ``release(value)``: update ``f``'s code to return ``value`` and publish; the version number.
- ``fails(error_class, status, message)``: a context manager asserting the call raises exactly
  that class, with that AWS code (the class's name), HTTP status and message.
"""

from __future__ import annotations

import contextlib

import pytest

from lambda_model import Account, ServiceError


def source(value: object) -> str:
    """Handler source returning ``value``."""
    return f"def handler(event, context):\n    return {value!r}\n"


@pytest.fixture(name="source")
def source_fixture():
    """The ``source`` factory, for tests that build code themselves."""
    return source


@pytest.fixture
def account() -> Account:
    return Account()


@pytest.fixture
def function(account: Account) -> Account:
    account.create_function("f", source("v0"))
    return account


@pytest.fixture
def release(function: Account):
    def release(value: object, *, name: str = "f", **publish_args) -> str:
        function.update_function_code(name, source(value))
        return function.publish_version(name, **publish_args).version

    return release


@pytest.fixture
def fails():
    @contextlib.contextmanager
    def fails(error_class: type[ServiceError], status: int, message: str):
        with pytest.raises(ServiceError) as excinfo:
            yield excinfo
        error = excinfo.value
        assert type(error) is error_class, f"{type(error).__name__}: {error.message}"
        assert error.code == error_class.__name__
        assert error.status == status
        assert error.message == message

    return fails
