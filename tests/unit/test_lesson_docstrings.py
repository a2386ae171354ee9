"""The examples in the docstrings of every lesson's exercise checks hold."""

import doctest
import importlib
import pkgutil

import pytest

import lambda_model.exercises as exercises

LESSONS = sorted(
    f"{exercises.__name__}.{module.name}"
    for module in pkgutil.iter_modules(exercises.__path__)
    if module.name.startswith("lesson")
)


@pytest.mark.parametrize("module_name", LESSONS)
def test_the_lesson_checks_docstring_examples_hold(module_name):
    result = doctest.testmod(importlib.import_module(module_name))
    assert result.failed == 0
