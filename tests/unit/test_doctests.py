"""The examples in the core's docstrings are doctests: they must print what they show."""

import doctest
import importlib
import pkgutil

import pytest

import lambda_model.core

MODULES = sorted(
    f"lambda_model.core.{info.name}" for info in pkgutil.iter_modules(lambda_model.core.__path__)
)


@pytest.mark.parametrize("module_name", ["lambda_model", "lambda_model.core", *MODULES])
def test_the_examples_in_a_core_module_print_what_they_show(module_name):
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
