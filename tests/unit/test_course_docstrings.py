"""The examples in the docstrings of the preflight and the exercises hold."""

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module_name", ["lambda_model.preflight", "lambda_model.exercises", "lambda_model.course"]
)
def test_the_docstring_examples_hold(module_name):
    result = doctest.testmod(importlib.import_module(module_name))
    assert result.attempted > 0
    assert result.failed == 0
