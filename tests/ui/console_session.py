"""A console in a notebook, in JupyterLab, with a probe that reads the account directly.

The notebook shows a :class:`~lambda_model.widgets.Console` and, below it, a probe: an
HTML widget that, after every refresh of the console, shows what the status line should
say, computed from the account itself (not from the console). A test compares the two
in the page after each interaction.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
from lab_page import NotebookPage
from playwright.sync_api import Page

__all__ = ["SETTLE_SECONDS", "ConsoleSession", "write_console_notebook"]

#: The console's settle time for weights changed in the browser (short, to keep tests fast).
SETTLE_SECONDS = 0.25

SETUP = """\
import html

import ipywidgets as widgets

from lambda_model import Account
from lambda_model.widgets import Console

account = Account(seed=18)
account.create_function("thumbnailer", lambda event, context: "ok", publish=True)
for description in ("second", "third"):
    account.update_function_configuration("thumbnailer", description=description)
    account.publish_version("thumbnailer")
account.create_alias("thumbnailer", "PROD", "1")
account.create_bucket("photos")
account.add_permission(
    "thumbnailer", "s3", "lambda:InvokeFunction", "s3.amazonaws.com",
    qualifier="PROD", source_arn="arn:aws:s3:::photos",
)
account.put_bucket_notification_configuration("photos", {"LambdaFunctionConfigurations": [
    {"LambdaFunctionArn": account.function_arn("thumbnailer", "PROD"),
     "Events": ["s3:ObjectCreated:*"]}]})"""

SHOW = f"""\
console = Console(account, "thumbnailer", settle_seconds={SETTLE_SECONDS})
probe = widgets.HTML().add_class("lm-probe")


def refresh_and_probe(refresh=console.refresh):
    refresh()
    function = account.functions["thumbnailer"]
    aliases = [f"{{a.name}} -> {{a.target_text()}}" for a in function.sorted_aliases()]
    count = len(function.versions)
    versions = f"{{count}} published version{{'' if count == 1 else 's'}}"
    probe.value = html.escape(" · ".join(aliases or ["no aliases yet"]) + " · " + versions)


console.refresh = refresh_and_probe
refresh_and_probe()
widgets.VBox([console, probe])"""


def write_console_notebook(path: Path) -> Path:
    """A two-cell notebook: the account, then the console and its probe."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    notebook.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell(SHOW)]
    nbformat.write(notebook, path)
    return path


class ConsoleSession:
    """The console of a notebook page: its parts, and waits on the kernel."""

    def __init__(self, notebook: NotebookPage) -> None:
        self.notebook = notebook
        self.page: Page = notebook.page
        self.js_errors: list[str] = []
        self.page.on("pageerror", lambda error: self.js_errors.append(f"uncaught: {error}"))
        self.page.on(
            "console",
            lambda message: (
                message.type == "error" and self.js_errors.append(f"console.error: {message.text}")
            ),
        )

    def __repr__(self) -> str:
        return f"ConsoleSession({self.notebook.name})"

    def part(self, css_class: str):
        return self.notebook.widget(css_class).first

    def text(self, css_class: str) -> str:
        return " ".join(self.part(css_class).inner_text().split())

    def wait(self, pause: float = 0.1) -> None:
        """Let the browser send what it has, then wait until the kernel is idle."""
        self.page.wait_for_timeout(pause * 1000)
        self.notebook.wait_for_kernel_idle()

    def wait_for_agreement(self, timeout: float = 10) -> None:
        """Wait until the status line says what the probe computed from the account
        (a status looking back at an earlier step is not compared)."""
        self.page.wait_for_function(
            """() => {
                const fold = s => s.replace(/\\s+/g, ' ').trim();
                const status = document.querySelector('.lm-console-status');
                const probe = document.querySelector('.lm-probe');
                if (!status || !probe) return false;
                const said = fold(status.innerText);
                return said.startsWith('at step') || said === fold(probe.innerText);
            }""",
            timeout=timeout * 1000,
        )

    def status_and_probe(self) -> tuple[str, str]:
        return self.text("lm-console-status"), self.text("lm-probe")

    def overflowing_log_cells(self) -> list[str]:
        """Log cells (and the message, caption, status) whose right edge is outside the
        console's width."""
        return self.page.evaluate(
            """() => {
                const box = document.querySelector('.lm-console').getBoundingClientRect();
                const parts = document.querySelectorAll(
                    '.lm-console .lm-log th, .lm-console .lm-log td, ' +
                    '.lm-console-message div, .lm-console-caption div, .lm-console-status div');
                return [...parts]
                    .filter(part => part.getBoundingClientRect().right > box.right + 0.5)
                    .map(part => `${part.tagName} ${part.textContent.slice(0, 60)}: ` +
                                 `right ${part.getBoundingClientRect().right} > ${box.right}`);
            }"""
        )

    def stderr_and_tracebacks(self) -> list[str]:
        """Error outputs, and any output that prints a traceback."""
        outputs = self.page.locator(".jp-OutputArea-output").all_inner_texts()
        return self.notebook.errors() + [text for text in outputs if "Traceback" in text]

    def log_console_entries(self) -> list[str]:
        """The entries of JupyterLab's log console for this notebook (opened here)."""
        self.notebook.menu("View", "Show Log Console")
        panel = self.page.locator(".jp-LogConsolePanel")
        panel.wait_for(state="visible")
        time.sleep(0.2)
        return panel.locator(".jp-OutputArea-output").all_inner_texts()
