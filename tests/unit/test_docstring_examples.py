"""The examples in the core's docstrings are true: each runs as a doctest."""

import doctest
import importlib
import pkgutil

import pytest

import lambda_model.core

CORE_MODULES = sorted(
    f"lambda_model.core.{info.name}" for info in pkgutil.iter_modules(lambda_model.core.__path__)
)


@pytest.mark.parametrize("module_name", CORE_MODULES)
def test_the_docstring_examples_of_each_core_module_hold(module_name):
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
