"""The examples in the console's docstrings are true: each runs as a doctest."""

import doctest
import importlib
import pkgutil

import pytest

import lambda_model.widgets

WIDGET_MODULES = sorted(
    f"lambda_model.widgets.{info.name}"
    for info in pkgutil.iter_modules(lambda_model.widgets.__path__)
)


@pytest.mark.parametrize("module_name", ["lambda_model.widgets", *WIDGET_MODULES])
def test_the_docstring_examples_of_each_widgets_module_hold(module_name):
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
