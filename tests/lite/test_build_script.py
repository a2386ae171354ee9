"""tools/build_lite.py's own parts, without building: finding a Python, slimming botocore."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import build_lite
import pytest


def test_without_a_python_312_the_build_says_which_version_it_needs_and_how_to_point_at_one(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(build_lite.sys, "executable", str(tmp_path / "no-python"))
    environ = {"PATH": str(tmp_path), "PYENV_ROOT": str(tmp_path / "pyenv")}
    with pytest.raises(build_lite.BuildError) as missing:
        build_lite.find_build_python(environ)
    message = str(missing.value)
    assert "needs Python >= 3.12" in message
    assert build_lite.PYTHON_ENV_VAR in message


def test_the_variable_names_the_python_to_use(tmp_path, monkeypatch):
    if sys.version_info < build_lite.MINIMUM_PYTHON:
        pytest.skip("this interpreter is older than the build needs")
    environ = {build_lite.PYTHON_ENV_VAR: sys.executable, "PATH": str(tmp_path)}
    assert build_lite.find_build_python(environ) == sys.executable


def test_a_python_older_than_312_named_by_the_variable_is_refused(tmp_path):
    old = tmp_path / "python3.11"
    old.write_text("#!/bin/sh\necho 3 11\n")
    old.chmod(0o755)
    environ = {build_lite.PYTHON_ENV_VAR: str(old), "PATH": str(tmp_path)}
    with pytest.raises(build_lite.BuildError, match=r"python3.11 \(3.11\)"):
        build_lite.find_build_python(environ)


def test_a_slim_botocore_keeps_the_code_and_only_the_named_services(tmp_path):
    wheel = tmp_path / "botocore-1.0-py3-none-any.whl"
    members = {
        "botocore/client.py": "code",
        "botocore/data/endpoints.json": "{}",
        "botocore/data/s3/2006-03-01/service-2.json.gz": "s3",
        "botocore/data/ec2/2016-11-15/service-2.json.gz": "ec2",
    }
    record = "".join(f"{name},sha256=x,1\n" for name in members)
    with zipfile.ZipFile(wheel, "w") as zout:
        for name, text in members.items():
            zout.writestr(name, text)
        zout.writestr("botocore-1.0.dist-info/RECORD", record)
    slim = build_lite.slim_wheel(
        wheel, tmp_path / "slim" / wheel.name, build_lite.botocore_keep(["s3"])
    )
    with zipfile.ZipFile(slim) as zin:
        names = set(zin.namelist())
        record_names = {
            line.split(",")[0] for line in zin.read(names_record(names)).decode().split()
        }
    assert "botocore/data/ec2/2016-11-15/service-2.json.gz" not in names
    assert {"botocore/client.py", "botocore/data/endpoints.json"} <= names
    assert "botocore/data/s3/2006-03-01/service-2.json.gz" in names
    assert record_names == names


def names_record(names: set[str]) -> str:
    return next(name for name in names if name.endswith("/RECORD"))


def test_the_browser_gets_binders_pins_but_not_the_server_side_ones():
    pins = build_lite.parse_pins(Path(build_lite.BINDER_PINS).read_text())
    constraints = build_lite.browser_constraints(pins).splitlines()
    assert f"boto3=={pins['boto3']}" in constraints
    assert not [line for line in constraints if line.startswith("ipykernel==")]


def test_the_build_scripts_examples_hold():
    import doctest

    result = doctest.testmod(build_lite)
    assert result.attempted > 0
    assert result.failed == 0
