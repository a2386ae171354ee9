"""Fixtures for the browser tests: Chromium (Debian's package), a private JupyterLab, axe-core.

Without ``/usr/bin/chromium`` (or without ``npm``, for axe-core) the tests are skipped on a
workstation but FAIL when the environment variable ``CI`` is set: CI must run them
(``.ci/run`` installs chromium).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from lab_page import CHROMIUM_ARGS
from lab_server import LabServer, require_chromium

CHROMIUM = Path("/usr/bin/chromium")
REPO_ROOT = Path(__file__).resolve().parents[2]
#: axe-core, pinned in tests/axe/package.json and its package-lock.json.
AXE_DIR = REPO_ROOT / "tests" / "axe"


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    """Debian's chromium; skipped when missing, unless ``CI`` is set (then a failure)."""
    return require_chromium(CHROMIUM, os.environ)


@pytest.fixture(scope="module")
def jupyterlab(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path
) -> Iterator[LabServer]:
    """A JupyterLab server on 127.0.0.1 serving a temporary root, stopped at teardown.

    Kernels import ``lambda_model`` from this checkout (``PYTHONPATH``), whatever is
    installed in the environment; the server reads the course's Jupyter configuration
    (``jupyter-config/``) as an installed package provides it.
    """
    lab = LabServer(
        tmp_path_factory.mktemp("jupyterlab"),
        pythonpath=REPO_ROOT,
        config_path=REPO_ROOT / "jupyter-config",
    )
    try:
        lab.start()
        yield lab
    finally:
        lab.stop()


@pytest.fixture
def browser_page(chromium_path: Path):
    """A fresh headless Chromium page (1280x1000)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            yield page
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The source of axe-core's ``axe.min.js``, installed with ``npm ci`` when missing."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not (AXE_DIR / "node_modules").exists():
        npm = shutil.which("npm")
        if npm is None:
            message = "npm is missing: it installs axe-core for the accessibility check"
            if os.environ.get("CI"):
                pytest.fail(message, pytrace=False)
            pytest.skip(message)
        subprocess.run(
            [npm, "ci", "--prefix", str(AXE_DIR), "--no-audit", "--no-fund"],
            check=True,
            timeout=300,
            stdout=subprocess.DEVNULL,
        )
    return script.read_text(encoding="utf-8")
