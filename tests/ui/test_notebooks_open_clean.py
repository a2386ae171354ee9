"""Every course notebook opens in JupyterLab unmodified: open it, close it, no save prompt.

JupyterLab normalises a notebook when it opens it (metadata, cell ids, the kernel's
``language_info``...); anything it changes marks the document dirty, so closing the tab
asks to save and autosave writes into the checkout. ``tools/refresh_notebooks.py`` stores
the notebooks in the shape JupyterLab keeps; this test proves it in a real browser.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lab_page import NotebookPage
from playwright.sync_api import expect

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


@pytest.mark.ui
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_the_notebook_opens_and_closes_without_being_modified(jupyterlab, browser_page, path):
    jupyterlab.copy_in(path)
    before = (jupyterlab.root / path.name).read_bytes()
    notebook = NotebookPage(browser_page, jupyterlab, path.name).open()
    notebook.wait_for_kernel_ready()

    tab = browser_page.locator(".jp-mod-current.lm-TabBar-tab", has_text=path.name)
    expect(tab).to_have_count(1)
    assert "jp-mod-dirty" not in (tab.get_attribute("class") or ""), "opened as modified"

    notebook.menu("File", "Close Tab")
    expect(browser_page.locator(".jp-NotebookPanel")).to_have_count(0)
    assert browser_page.locator(".jp-Dialog").count() == 0, "closing asked to save"
    assert (jupyterlab.root / path.name).read_bytes() == before


@pytest.mark.ui
def test_the_course_turns_jupyterlabs_news_pop_up_off(jupyterlab):
    settings = jupyterlab.lab_api("settings/@jupyterlab/apputils-extension:notification")
    assert settings["schema"]["properties"]["fetchNews"]["default"] == "false"
    assert "fetchNews" not in settings["settings"]  # a default, not the user's own setting
