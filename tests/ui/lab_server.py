"""A JupyterLab server for browser tests: private, quiet, offline, and always stopped.

The server runs with the tests' own interpreter (``sys.executable -m jupyter lab``) on
127.0.0.1, a free port and a random token, in a temporary root directory. Its settings,
workspaces, runtime files and page config live in that temporary directory too, so a test
run neither reads nor writes the user's JupyterLab state; ``config_path`` adds a folder of
Jupyter configuration to read (the repository's ``jupyter-config/``, which the package
installs into an environment). The news/update announcements
plugin is disabled and update checks are off: nothing reaches the network.

``stop()`` asks the server to shut down (which shuts its kernels down), then terminates
whatever is left of the processes it started, by process id.

Example (not run here: it needs JupyterLab)::

    with LabServer(tmp_path, pythonpath=repo_root) as lab:
        lab.copy_in(notebook_path)
        url = lab.url("lab/tree/console.ipynb")
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

import psutil
import pytest

__all__ = ["LabServer", "LabServerError", "require_chromium"]

#: Frontend plugins that would fetch news or pop up notifications over the notebook.
DISABLED_PLUGINS = ("@jupyterlab/apputils-extension:announcements",)


class LabServerError(RuntimeError):
    """The server did not start (the message ends with the tail of its log)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LabServer:
    """One JupyterLab server process serving ``base / "root"``."""

    def __init__(
        self,
        base: Path,
        *,
        pythonpath: Path | None = None,
        config_path: Path | None = None,
        start_timeout: float = 60,
    ):
        self.base = Path(base)
        self.config_path = config_path
        self.root = self.base / "root"
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.pythonpath = pythonpath
        self.start_timeout = start_timeout
        self.log_path = self.base / "jupyterlab.log"
        self.process: subprocess.Popen | None = None

    def __repr__(self) -> str:
        state = "running" if self.process and self.process.poll() is None else "stopped"
        return f"LabServer(http://127.0.0.1:{self.port}/, {state})"

    # --- addresses ----------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str) -> str:
        """A browser URL for ``path`` carrying the token (JupyterLab then sets its cookie)."""
        return f"{self.base_url}{path}?token={self.token}&reset"

    def api(self, path: str, method: str = "GET", timeout: float = 5) -> object:
        """Call the REST API with the token; the decoded JSON answer (or None)."""
        request = urllib.request.Request(
            f"{self.base_url}api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
            data=b"" if method == "POST" else None,
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def lab_api(self, path: str, timeout: float = 5) -> object:
        """GET JupyterLab's own REST API (``lab/api/...``, e.g. settings) with the token."""
        request = urllib.request.Request(
            f"{self.base_url}lab/api/{path}", headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    # --- files --------------------------------------------------------------------------

    def copy_in(self, path: Path, name: str | None = None) -> Path:
        """Copy a file (a notebook) into the server's root directory."""
        target = self.root / (name or Path(path).name)
        shutil.copyfile(path, target)
        return target

    # --- lifecycle ----------------------------------------------------------------------

    def _environment(self) -> dict[str, str]:
        env = dict(os.environ)
        config = self.base / "config"
        env.update(
            JUPYTER_CONFIG_DIR=str(config),
            JUPYTER_DATA_DIR=str(self.base / "data"),
            JUPYTER_RUNTIME_DIR=str(self.base / "runtime"),
            JUPYTER_PLATFORM_DIRS="1",
            IPYTHONDIR=str(self.base / "ipython"),
            PYTHONUNBUFFERED="1",
        )
        if self.config_path is not None:  # the course's own Jupyter settings
            env["JUPYTER_CONFIG_PATH"] = str(self.config_path)
        if self.pythonpath is not None:
            paths = [str(self.pythonpath), env.get("PYTHONPATH", "")]
            env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
        return env

    def _write_page_config(self) -> None:
        labconfig = self.base / "config" / "labconfig"
        labconfig.mkdir(parents=True, exist_ok=True)
        disabled = dict.fromkeys(DISABLED_PLUGINS, True)
        (labconfig / "page_config.json").write_text(json.dumps({"disabledExtensions": disabled}))

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.news_url=",
            f"--LabApp.workspaces_dir={self.base / 'workspaces'}",
            f"--LabApp.user_settings_dir={self.base / 'settings'}",
        ]

    def start(self) -> LabServer:
        """Start the server and wait until ``/api/status`` answers."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._write_page_config()
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            self.command(),
            cwd=self.root,
            env=self._environment(),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LabServerError(
                    f"JupyterLab exited with {self.process.returncode}.\n" + self.log_tail()
                )
            try:
                self.api("status", timeout=2)
                return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        raise LabServerError(
            f"JupyterLab did not answer in {self.start_timeout} s.\n" + self.log_tail()
        )

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server's log (for failure messages)."""
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def kernel_states(self) -> list[str]:
        """``execution_state`` of every running kernel (``"idle"``, ``"busy"``, ...)."""
        return [kernel["execution_state"] for kernel in self.api("kernels")]

    def stop(self, timeout: float = 10) -> None:
        """Shut the server and its kernels down; kill by pid whatever outlives the timeout."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        try:
            # Process objects, not bare pids: psutil checks a process is the same one
            # (pid and creation time) before signalling it.
            started = psutil.Process(process.pid).children(recursive=True)
        except psutil.Error:
            started = []
        with contextlib.suppress(OSError):  # URLError, refused, timed out: it may be gone
            self.api("shutdown", method="POST", timeout=timeout)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        _end(started)

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _end(processes: list[psutil.Process]) -> None:
    """Terminate, then kill, those of the given processes still alive (kernels)."""
    alive = []
    for process in processes:
        try:
            process.terminate()
            alive.append(process)
        except psutil.Error:
            continue
    _, still = psutil.wait_procs(alive, timeout=5)
    for process in still:
        try:
            process.kill()
        except psutil.Error:
            continue


def require_chromium(path: Path, environ: Mapping[str, str]) -> Path:
    """``path`` if it exists; else skip the test, or fail it when ``CI`` is set."""
    if not path.exists():
        message = f"{path} is missing: apt-get install -y chromium"
        if environ.get("CI"):
            pytest.fail(f"{message} (CI must run the browser tests)", pytrace=False)
        pytest.skip(message)
    return path
