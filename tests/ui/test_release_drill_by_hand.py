"""Notebook 08 as an attendee does it: run it, then click the drill its steps describe.

The notebook clicks nothing itself; a person follows its five steps in the console. This
runs the stored notebook in JupyterLab in Chromium, does exactly what the steps say, and
checks that the console answers as the steps say it will, upload for upload as in the
recording the notebook shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from lab_page import NotebookPage
from playwright.sync_api import expect

from lambda_model import ObjectCreated
from lambda_model.widgets.console import SETTLE_SECONDS

pytestmark = pytest.mark.ui

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "08-release-drill.ipynb"


def cleared(path: Path) -> Path:
    """The notebook without outputs or execution counts (as a learner's first run finds it)."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(notebook, path)
    return path


def recorded_outcomes() -> list[str]:
    """What each upload of the recorded drill ran (``ran version 2: error``)."""
    from lambda_model.course import drill_recording

    namespace: dict = {}
    source = next(
        c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.get("id") == "production"
    )
    exec(source.split("\naccount = ")[0], namespace)  # the notebook's make_thumbnail_v2
    account = drill_recording(namespace["make_thumbnail_v2"]).account
    return [
        f"ran version {d.executed_version}: {d.outcome}"
        for event in account.history
        if isinstance(event, ObjectCreated)
        for d in event.deliveries
    ]


def test_the_drill_clicked_by_hand_answers_as_the_steps_and_the_recording_say(
    jupyterlab, browser_page, tmp_path
):
    jupyterlab.copy_in(cleared(tmp_path / "08-release-drill.ipynb"))
    notebook = NotebookPage(browser_page, jupyterlab, "08-release-drill.ipynb", timeout=60).open()
    notebook.run_all_cells()
    message = notebook.widget("lm-console-message")
    status = notebook.widget("lm-console-status")
    expect(status).to_contain_text("PROD -> 1")

    caption = notebook.widget("lm-console-caption")

    def click(name: str) -> str:
        """Click a button that records a step; wait for the step to appear; the message."""
        before = caption.inner_text()
        notebook.widget_button(name).click()
        expect(caption).not_to_have_text(before)
        notebook.wait_for_kernel_idle()
        return " ".join(message.inner_text().split())

    # Step 1: publish the release.
    assert click("Publish new version") == "published version 2 (release 2)"
    expect(status).to_contain_text("PROD -> 1")

    # Step 2: canary it at 10%: type 10 in Canary weight (%), press Enter.
    weight = notebook.widget("lm-console-canary-weight").locator("input")
    weight.fill("10")
    weight.press("Enter")
    browser_page.wait_for_timeout((SETTLE_SECONDS + 0.4) * 1000)
    notebook.wait_for_kernel_idle()
    expect(message).to_have_text("PROD now sends 1 (90%) + 2 (10%)")

    # Step 3: ten uploads; step 4: roll back, and upload once more.
    said = [click("Upload object") for _ in range(10)]
    assert click("Roll back") == "rolled PROD back: 1 (90%) + 2 (10%) -> 1"
    said.append(click("Upload object"))
    ran = [re.search(r"ran version \d+: \w+", line)[0] for line in said]
    assert ran == recorded_outcomes()
    assert "ran version 2: error" in ran[:10] and ran[-1] == "ran version 1: ok"

    # Step 5: the log keeps the changes; the bucket cell still names the alias.
    log = notebook.widget("lm-console-log")
    expect(log).to_contain_text("publish thumbnailer version 2")
    expect(log).to_contain_text("PROD: 1 (90%) + 2 (10%) -> 1")
    assert notebook.errors() == []
