"""binder/ builds the course on mybinder.org, and the README's badge opens 00-start-here."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / "binder"


def pinned():
    lines = BINDER.joinpath("requirements.txt").read_text().splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def test_every_binder_requirement_is_pinned_to_an_exact_version_from_an_index():
    for line in pinned():
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][A-Za-z0-9_.+\-]*", line), line


def test_the_binder_pins_cover_every_package_of_the_lab_and_aws_extras():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]
    needed = {
        canonicalize_name(Requirement(text).name)
        for text in extras["lab"] + extras["aws"]
        if not text.startswith("lambda-model")
    }
    names = {canonicalize_name(line.split("==")[0]) for line in pinned()}
    assert needed <= names
    assert {"ipykernel", "jupyterlab-widgets", "botocore"} <= names
    assert "lambda-model" not in names


def test_binder_runs_python_3_11():
    assert BINDER.joinpath("runtime.txt").read_text().strip() == "python-3.11"


def test_post_build_stops_on_error_and_installs_the_kit_without_touching_the_pins():
    script = BINDER.joinpath("postBuild").read_text()
    assert script.startswith("#!/usr/bin/env bash\n")
    assert "\nset -euo pipefail\n" in script
    assert re.search(r"^python -m pip install --no-deps .*\.$", script, re.M)


def test_the_readme_badge_opens_00_start_here_in_jupyterlab():
    readme = (ROOT / "README.md").read_text()
    (link,) = re.findall(r"\(https://mybinder\.org/v2/gh/[^)]+\)", readme)
    assert link.endswith("?urlpath=lab/tree/notebooks/00-start-here.ipynb)")
    assert (ROOT / "notebooks" / "00-start-here.ipynb").is_file()
