"""Fixtures for the JupyterLite tests: the site built once per session, served, in Chromium.

The build needs Python >= 3.12 and npm (see ``tools/build_lite.py``). Without them, or without
``/usr/bin/chromium``, the tests are skipped with the reason on a workstation, and FAIL
when the environment variable ``CI`` is set: CI must run them.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO_ROOT / "tools"))

import build_lite  # noqa: E402
from lite_site import BLOCK_OUTSIDE_LOOPBACK, NetworkLog, StaticServer  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")


def skip_or_fail(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must run the JupyterLite tests)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def lite_build(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The site built from this checkout into a temporary folder (the download cache reused)."""
    try:
        build_lite.find_build_python()
    except build_lite.BuildError as missing:
        skip_or_fail(str(missing))
    if shutil.which("npm") is None:
        skip_or_fail("npm is missing (the build fetches the Pyodide runtime with it)")
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    summary = build_lite.build(tmp_path_factory.mktemp("lite") / "site")
    print(
        f"\nJupyterLite site: {summary['bytes'] / 1e6:.1f} MB without source maps, "
        f"built in {summary['seconds']:.0f} s"
    )
    return summary


@pytest.fixture(scope="session")
def lite_server(lite_build: dict) -> Iterator[StaticServer]:
    """The built site served on 127.0.0.1."""
    with StaticServer(Path(lite_build["out"])) as server:
        yield server


@pytest.fixture
def lite_page(lite_server: StaticServer):
    """A fresh headless Chromium page that reaches nothing but 127.0.0.1; its network log."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=BLOCK_OUTSIDE_LOOPBACK
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            log = NetworkLog().attach(page)
            page.started = time.monotonic()
            yield page, log
        finally:
            browser.close()
