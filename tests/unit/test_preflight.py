"""The preflight an attendee runs before a workshop: ``python -m lambda_model.preflight``."""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from lambda_model import preflight
from lambda_model.preflight import Check, Report

ROOT = Path(__file__).resolve().parents[2]


def test_python_3_10_fails_the_preflight():
    check = preflight.check_python((3, 10, 14))
    assert not check.passed
    assert "3.11" in check.detail


def test_python_3_11_passes_the_preflight():
    assert preflight.check_python((3, 11, 0)).passed


def test_a_missing_package_fails_and_says_how_to_install_it():
    check = preflight.check_package("no-such-dist", "no_such_module_for_preflight", "1.0")
    assert not check.passed
    assert check.detail == 'missing: python -m pip install ".[lab]"'


def test_a_package_older_than_the_minimum_fails():
    check = preflight.check_package("pytest", "pytest", "999.0")
    assert not check.passed
    assert check.detail.startswith("too old")


def test_an_installed_package_passes_and_reports_its_version():
    check = preflight.check_package("pytest", "pytest", "7.0")
    assert check.passed
    assert re.fullmatch(r"\d+\.\d+.*", check.found)


def test_versions_compare_by_their_numeric_release():
    assert preflight._version_tuple("3.11.2rc1") == (3, 11, 2)
    assert preflight._at_least("10.0.1", "10")
    assert not preflight._at_least("3.9", "3.10")


def test_the_widget_extension_is_found_in_a_labextensions_folder(tmp_path):
    folder = tmp_path / "@jupyter-widgets" / "jupyterlab-manager"
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"version": "5.0.99"}))
    check = preflight.check_widget_extension([tmp_path])
    assert check.passed
    assert check.found == "@jupyter-widgets/jupyterlab-manager 5.0.99"


def test_a_missing_widget_extension_fails(tmp_path):
    check = preflight.check_widget_extension([tmp_path])
    assert not check.passed
    assert "jupyterlab_widgets" in check.detail


def test_the_tiny_simulation_invokes_version_1_through_the_alias():
    check = preflight.check_simulation()
    assert check.passed, check.detail
    assert check.detail == "thumbnailer:PROD ran version 1"


def test_the_lab_extra_installs_the_aws_extra_so_the_course_command_is_enough():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    assert "lambda-model[aws]" in extras["lab"]


def test_the_minimum_versions_are_those_of_the_lab_and_aws_extras():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    declared = {
        requirement.split(">=")[0].lower(): requirement.split(">=")[1]
        for requirement in extras["lab"] + extras["aws"]
        if not requirement.startswith("lambda-model")
    }
    checked = {dist: minimum for dist, _module, minimum in preflight.PACKAGES}
    assert checked == declared


def test_the_table_without_versions_is_the_same_on_every_machine():
    here = Report([Check("numpy >= 1", True, found="2.4.6"), Check("sim", True, "ran 1")])
    there = Report([Check("numpy >= 1", True, found="1.26.0"), Check("sim", True, "ran 1")])
    assert here.table(show_versions=False) == there.table(show_versions=False)
    assert here.table() != there.table()


def test_a_failed_check_shows_fail_and_its_fix_even_without_versions():
    report = Report([Check("Python >= 3.11", False, "install Python 3.11 or newer", "3.10.1")])
    table = report.table(show_versions=False)
    assert "FAIL    install Python 3.11 or newer" in table
    assert "3.10.1" not in table
    assert "1 of 1 checks failed" in table


def test_main_exits_with_1_when_a_check_fails(monkeypatch, capsys):
    monkeypatch.setattr(preflight, "run", lambda: Report([Check("broken", False, "fix it")]))
    assert preflight.main([]) == 1
    assert "broken  FAIL    fix it" in capsys.readouterr().out


def test_main_exits_with_0_when_every_check_passes(monkeypatch, capsys):
    monkeypatch.setattr(preflight, "run", lambda: Report([Check("fine", True)]))
    assert preflight.main(["--no-versions"]) == 0
    assert capsys.readouterr().out.endswith("ready for the course\n")


def test_the_preflight_runs_as_a_module_and_passes_in_the_test_environment():
    completed = subprocess.run(
        [sys.executable, "-m", "lambda_model.preflight"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "all 11 checks passed" in completed.stdout
