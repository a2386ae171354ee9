"""A function's code may be any callable, including an object with ``__call__``."""

from __future__ import annotations

from lambda_model import Account, Code


class Greeter:
    def __call__(self, event, context):
        return f"hello from {context.function_version}"


def test_a_callable_object_can_be_the_code_of_a_function():
    account = Account()
    account.create_function("greeter", Greeter(), publish=True)
    assert account.invoke("greeter:1").payload == "hello from 1"


def test_two_instances_of_the_same_class_have_the_same_code_sha256():
    assert Code.of(Greeter()).code_sha256 == Code.of(Greeter()).code_sha256


class Reply:
    """A configured handler: its repr carries its settings."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, event, context):
        return self.text

    def __repr__(self) -> str:
        return f"Reply({self.text!r})"


def test_instances_whose_own_repr_differs_have_different_code_sha256():
    assert Code.of(Reply("v1")).code_sha256 != Code.of(Reply("v2")).code_sha256
    assert Code.of(Reply("v1")).code_sha256 == Code.of(Reply("v1")).code_sha256
