"""The browser-test harness itself: when it skips, when it fails, how it starts JupyterLab.

These run without a browser or a server."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lab_server import LabServer, require_chromium


def test_a_missing_chromium_skips_the_browser_tests_on_a_workstation(tmp_path):
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium"):
        require_chromium(tmp_path / "chromium", {})


def test_a_missing_chromium_fails_the_browser_tests_in_ci(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser tests"):
        require_chromium(tmp_path / "chromium", {"CI": "true"})


def test_a_present_chromium_is_used(tmp_path):
    browser = tmp_path / "chromium"
    browser.touch()
    assert require_chromium(browser, {"CI": "1"}) == browser


def test_jupyterlab_runs_with_the_tests_interpreter_on_localhost_with_a_token(tmp_path):
    lab = LabServer(tmp_path)
    command = lab.command()
    assert command[:4] == [sys.executable, "-m", "jupyter", "lab"]
    assert "--ServerApp.ip=127.0.0.1" in command
    assert f"--ServerApp.token={lab.token}" in command
    assert "--allow-root" in command
    assert len(lab.token) == 32


def test_jupyterlab_keeps_its_settings_and_workspaces_in_the_temporary_directory(tmp_path):
    command = LabServer(tmp_path).command()
    assert f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}" in command
    assert f"--LabApp.user_settings_dir={tmp_path / 'settings'}" in command
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in command


def test_each_server_gets_its_own_random_token(tmp_path):
    first, second = LabServer(tmp_path / "a"), LabServer(tmp_path / "b")
    assert first.token != second.token


def test_stopping_a_server_that_never_started_does_nothing(tmp_path):
    lab = LabServer(Path(tmp_path))
    lab.stop()
    assert repr(lab).endswith("stopped)")
