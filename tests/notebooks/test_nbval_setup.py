"""Strict nbval runs over the course notebooks, and only over them."""

import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import nbformat
import nbformat.v4 as v4

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]


def pytest_run(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_pytest_runs_nbval_strictly_in_the_current_environment_with_a_cell_timeout():
    addopts = shlex.split(OPTIONS["addopts"])
    assert "--nbval" in addopts
    assert "--nbval-lax" not in addopts
    assert "--nbval-current-env" in addopts
    assert any(option.startswith("--nbval-cell-timeout=") for option in addopts)
    assert "notebooks" in OPTIONS["testpaths"]


def test_pytest_collects_every_course_notebook_and_nothing_in_solutions():
    completed = pytest_run("--collect-only", "notebooks")
    collected = {line.split("::")[0] for line in completed.stdout.splitlines() if "::" in line}
    course = {f"notebooks/{path.name}" for path in (ROOT / "notebooks").glob("*.ipynb")}
    assert collected == course, completed.stdout + completed.stderr


def test_strict_nbval_fails_a_notebook_whose_stored_output_is_not_what_it_prints(tmp_path):
    for name, stored in (("right", "hello\n"), ("wrong", "goodbye\n")):
        cell = v4.new_code_cell(
            "print('hello')",
            execution_count=1,
            outputs=[v4.new_output("stream", name="stdout", text=stored)],
        )
        nb = v4.new_notebook(cells=[cell])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nbformat.write(nb, tmp_path / f"{name}.ipynb")
    completed = pytest_run(
        "-c", str(ROOT / "pyproject.toml"), "--rootdir", ".", "-rA", ".", cwd=tmp_path
    )
    summary = completed.stdout
    assert "PASSED right.ipynb::Cell 0" in summary, summary + completed.stderr
    assert "FAILED wrong.ipynb::Cell 0" in summary, summary + completed.stderr
