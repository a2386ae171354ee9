"""The examples in the adapters' docstrings are true: each runs as a doctest."""

import doctest
import importlib
import pkgutil

import pytest

import lambda_model.aws

AWS_MODULES = sorted(
    f"lambda_model.aws.{info.name}" for info in pkgutil.iter_modules(lambda_model.aws.__path__)
)


@pytest.mark.parametrize("module_name", ["lambda_model.aws", *AWS_MODULES])
def test_the_docstring_examples_of_each_adapter_module_hold(module_name):
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
