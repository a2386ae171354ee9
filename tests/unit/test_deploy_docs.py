"""The deployments package: its examples run, and importing it stays light."""

import doctest
import importlib
import subprocess
import sys

import pytest

MODULES = [
    "lambda_model.deploy",
    "lambda_model.deploy.alarms",
    "lambda_model.deploy.configs",
    "lambda_model.deploy.deployment",
    "lambda_model.deploy.faults",
    "lambda_model.deploy.metrics",
    "lambda_model.deploy.traffic",
    "lambda_model.deploy.plots",
]


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_in_the_docstrings_hold(name):
    if name.endswith("plots"):
        pytest.importorskip("matplotlib")
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_importing_the_deployments_does_not_import_matplotlib():
    code = "import sys, lambda_model.deploy; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
