"""Fixtures for the website tests: the site built once per session, served on 127.0.0.1.

The browser tests use Debian's chromium (``/usr/bin/chromium``) through Playwright, as
tests/ui does: skipped when it is missing, unless ``CI`` is set (then they fail). axe-core
comes from the npm registry (``tests/axe``), installed with ``npm ci`` when missing.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(Path(__file__).parent))

import build_site  # noqa: E402
from tagged_course import write_tagged_course  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
AXE_DIR = ROOT / "tests" / "axe"


def _require(path: Path, what: str) -> None:
    if not path.exists():
        message = f"{path} is missing: {what}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (CI must run the browser tests)", pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The course's website, built from this checkout into a temporary folder."""
    pytest.importorskip("myst_nb", reason="the website needs the [site] extra")
    out = tmp_path_factory.mktemp("site") / "html"
    build_site.build(out)
    return out


@pytest.fixture(scope="session")
def tagged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-lesson course whose notebook uses every tag and both animation forms."""
    pytest.importorskip("myst_nb", reason="the website needs the [site] extra")
    root = write_tagged_course(tmp_path_factory.mktemp("tagged-course"))
    out = tmp_path_factory.mktemp("tagged-site") / "html"
    build_site.build(out, root=root)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator:
    """``serve(folder)`` -> the base URL of a static server on 127.0.0.1 for that folder."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site: Path, serve) -> str:
    return serve(site)


@pytest.fixture(scope="session")
def tagged_site_url(tagged_site: Path, serve) -> str:
    return serve(tagged_site)


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """axe-core's ``axe.min.js``, installed from tests/axe's lock file when missing."""
    script = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        npm = shutil.which("npm")
        if npm is None:
            _require(Path("/usr/bin/npm"), "install node and npm to run axe-core")
        subprocess.run([npm, "ci", "--prefix", str(AXE_DIR)], check=True, capture_output=True)
    return script


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Headless Debian chromium, shared by a module's tests.

    Module-scoped: Playwright's sync API runs one event loop at a time, and the browser tests
    elsewhere (tests/ui) start their own after this module's is stopped.
    """
    _require(CHROMIUM, "apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests" / "ui"))
    from lab_page import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
