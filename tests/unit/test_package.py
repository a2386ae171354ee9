"""``import lambda_model`` stays light: the core uses the standard library only."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import lambda_model

HEAVY = ("networkx", "matplotlib", "ipywidgets", "boto3", "botocore")
ROOT = Path(lambda_model.__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def modules_after_import() -> set[str]:
    script = "import sys, json, lambda_model; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(out.stdout))


@pytest.mark.parametrize("heavy", HEAVY)
def test_importing_lambda_model_imports_no_heavy_library(modules_after_import, heavy):
    loaded = {m for m in modules_after_import if m == heavy or m.startswith(heavy + ".")}
    assert loaded == set()


def test_the_subprocess_imported_this_checkout(modules_after_import):
    assert "lambda_model.core.account" in modules_after_import


def test_the_core_imports_only_the_standard_library():
    stdlib = sys.stdlib_module_names
    for path in sorted((ROOT / "lambda_model" / "core").glob("*.py")):
        for line in path.read_text().splitlines():
            words = line.split()
            if len(words) >= 2 and words[0] in ("import", "from") and not line.startswith(" "):
                top = words[1].split(".")[0]
                assert top == "" or top in stdlib or top == "__future__", f"{path.name}: {line}"
