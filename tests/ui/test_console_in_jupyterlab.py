"""The console in JupyterLab, in Chromium: run the notebook, click Promote, then Roll back."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from lab_page import NotebookPage
from playwright.sync_api import expect

SETUP = """\
from lambda_model import Account
from lambda_model.widgets import Console

account = Account(seed=1)
account.create_function("thumbnailer", lambda event, context: "ok", publish=True)
account.update_function_configuration("thumbnailer", description="second")
account.publish_version("thumbnailer")
account.create_alias("thumbnailer", "PROD", "1")"""

SHOW = """\
console = Console(account, "thumbnailer")
console"""


def write_notebook(path: Path) -> Path:
    """A two-cell notebook that shows a console over function ``thumbnailer``."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    notebook.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell(SHOW)]
    nbformat.write(notebook, path)
    return path


@pytest.mark.ui
def test_promote_then_roll_back_change_the_displayed_target_and_the_log(
    jupyterlab, browser_page, tmp_path
):
    jupyterlab.copy_in(write_notebook(tmp_path / "console.ipynb"))
    notebook = NotebookPage(browser_page, jupyterlab, "console.ipynb").open()
    notebook.run_all_cells()

    status = notebook.widget("lm-console-status")
    log = notebook.widget("lm-console-log")
    graph = notebook.widget("lm-console-graph")
    expect(status).to_contain_text("PROD -> 1")
    expect(log).to_contain_text("No activity yet.")
    picture = graph.locator("div[role=img]")
    expect(picture).to_have_attribute("aria-label", re.compile("alias PROD points to version 1"))
    expect(picture.locator("svg title")).to_have_count(1)
    drawn = picture.inner_html()

    notebook.widget_button("Promote").click()
    expect(status).to_contain_text("PROD -> 2")
    expect(log).to_contain_text("PROD: 1 -> 2")
    expect(picture).to_have_attribute("aria-label", re.compile("alias PROD points to version 2"))
    assert picture.inner_html() != drawn

    notebook.widget_button("Roll back").click()
    expect(status).to_contain_text("PROD -> 1")
    expect(log).to_contain_text("PROD: 2 -> 1")
    expect(notebook.widget("lm-console-message")).to_have_text("rolled PROD back: 2 -> 1")

    assert notebook.errors() == []
