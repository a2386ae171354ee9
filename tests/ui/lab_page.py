"""Drive a notebook in JupyterLab through Playwright: open it, run every cell, find widgets.

Every wait is on an explicit condition with a timeout (the notebook panel attached, the
kernel idle as the server reports it, a widget view with a given text rendered), never
on a fixed sleep, and nothing is decided from screenshots.
"""

from __future__ import annotations

import re
import time
import urllib.error
from dataclasses import dataclass

from lab_server import LabServer
from playwright.sync_api import Locator, Page

__all__ = ["CHROMIUM_ARGS", "NotebookPage"]

#: Chromium flags for a headless run as root in a container, with no network chatter.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
]


@dataclass
class NotebookPage:
    """A notebook open in JupyterLab in a Playwright page."""

    page: Page
    lab: LabServer
    name: str
    timeout: float = 30.0

    def __repr__(self) -> str:
        return f"NotebookPage({self.name} on {self.lab.base_url})"

    def open(self) -> NotebookPage:
        """Load JupyterLab on the notebook and wait until its panel and kernel are ready."""
        self.page.set_default_timeout(self.timeout * 1000)
        self.page.goto(self.lab.url(f"lab/tree/{self.name}"))
        self.page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(state="visible")
        self.wait_for_kernel_idle()
        return self

    def wait_for_kernel_idle(self) -> None:
        """Wait until the server has a kernel for the notebook and reports it idle."""
        deadline = time.monotonic() + self.timeout
        states: list[str] = []
        while time.monotonic() < deadline:
            try:
                states = self.lab.kernel_states()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                # A kernel starting or stopping can make the listing fail for a moment.
                states = []
            if states and all(state == "idle" for state in states):
                return
            self.page.wait_for_timeout(100)
        raise TimeoutError(f"kernel not idle after {self.timeout} s (states: {states})")

    def wait_for_kernel_ready(self) -> None:
        """Wait until the notebook's toolbar shows its kernel connected and idle: by then
        JupyterLab has stored the kernel's ``language_info`` in the notebook's metadata."""
        status = self.page.locator(".jp-NotebookPanel .jp-Notebook-ExecutionIndicator")
        status.first.wait_for(state="attached")
        self.page.wait_for_function(
            """() => {
                const el = document.querySelector(
                    '.jp-NotebookPanel .jp-Notebook-ExecutionIndicator');
                return el && /idle/i.test(el.getAttribute('data-status') || el.title || '');
            }"""
        )

    def menu(self, *path: str) -> None:
        """Open a menu of the menu bar and click an item: ``menu("Run", "Run All Cells")``."""
        top, *items = path
        self.page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
        for item in items:
            self.page.locator(".lm-Menu-itemLabel", has_text=item).first.click()

    def run_all_cells(self) -> None:
        """Run every cell and wait until each code cell shows an execution count.

        The notebook must be stored without execution counts, so that a count on every
        prompt proves this run executed every cell.
        """
        stale = self.page.locator(".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt")
        counted = [text for text in stale.all_inner_texts() if any(c.isdigit() for c in text)]
        assert not counted, f"{self.name} was stored with execution counts: {counted}"
        self.menu("Run", "Run All Cells")
        self.page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll(
                    '.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')];
                return prompts.length > 0 &&
                       prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
            }"""
        )
        self.wait_for_kernel_idle()

    def errors(self) -> list[str]:
        """Texts of error outputs (tracebacks) anywhere in the notebook."""
        return self.page.locator(".jp-OutputArea-output[data-mime-type*='error']").all_inner_texts()

    def widget_button(self, text: str) -> Locator:
        """The rendered ipywidgets button whose visible text is ``text``.

        Matched on the button's text content: an icon (Font Awesome, drawn by CSS) would
        otherwise become part of its accessible name.
        """
        exactly = re.compile(rf"^\s*{re.escape(text)}\s*$")
        buttons = self.page.locator(".jp-OutputArea-output button.widget-button")
        return buttons.filter(has_text=exactly)

    def widget(self, css_class: str) -> Locator:
        """The rendered widget view carrying ``css_class`` (added with ``add_class``)."""
        return self.page.locator(f".jp-OutputArea-output .{css_class}")
