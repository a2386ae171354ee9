"""The views stay out of the core, and their docstring examples hold."""

import doctest
import importlib
import subprocess
import sys

import pytest

VIEW_MODULES = [
    "lambda_model.viz",
    "lambda_model.viz.replay",
    "lambda_model.viz.graph",
    "lambda_model.viz.svg",
    "lambda_model.viz.places",
    "lambda_model.viz.picture",
    "lambda_model.viz.motion",
    "lambda_model.viz.compare",
    "lambda_model.widgets.graph",
    "lambda_model.demo",
]


def loaded_after(statement: str) -> set[str]:
    probe = (
        f"import sys; {statement}; "
        "print(','.join(m for m in ('networkx', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(filter(None, out.stdout.strip().split(",")))


def test_importing_lambda_model_imports_neither_networkx_nor_matplotlib():
    assert loaded_after("import lambda_model") == set()


def test_the_command_line_imports_neither_until_a_command_runs():
    assert loaded_after("import lambda_model.__main__") == set()


def test_the_pointer_picture_draws_animates_and_compares_without_matplotlib():
    statement = (
        "from lambda_model.demo import story; from lambda_model.core.churn import run_churn; "
        "from lambda_model.viz import animate, compare, draw; account = story()[0]; "
        "draw(account); animate(account); compare(run_churn(releases=2))"
    )
    assert loaded_after(statement) == {"networkx"}


def test_the_consoles_graph_needs_no_matplotlib():
    statement = (
        "from lambda_model.demo import story; from lambda_model.widgets import Console; "
        "Console(story()[0], 'thumbnailer')"
    )
    assert "matplotlib" not in loaded_after(statement)


@pytest.mark.parametrize("module_name", VIEW_MODULES)
def test_the_docstring_examples_of_each_view_module_hold(module_name):
    module = importlib.import_module(module_name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
