"""Serve a built JupyterLite site on 127.0.0.1 and drive its notebooks in Chromium.

The browser reaches nothing but 127.0.0.1: every other host fails to resolve (Chromium's
host resolver rules) and every request to another host is aborted and recorded (Playwright
routing), so a site that needed a CDN would fail here. Every failed request (aborted, or
answered with an HTTP error) is recorded too.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlparse

from playwright.sync_api import Locator, Page, Request, Route

__all__ = ["BLOCK_OUTSIDE_LOOPBACK", "LiteNotebook", "NetworkLog", "StaticServer"]

#: Chromium flags: headless as root in a container, and no host resolves but 127.0.0.1.
BLOCK_OUTSIDE_LOOPBACK = [
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
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".ipynb": "application/json",
        ".whl": "application/zip",
        ".zip": "application/zip",
    }

    def log_message(self, format: str, *args: object) -> None:
        pass


class StaticServer:
    """A folder served over HTTP on 127.0.0.1 (a free port), in a background thread."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        handler = functools.partial(_Handler, directory=str(self.root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __repr__(self) -> str:
        return f"StaticServer({self.root} on {self.base_url})"

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class NetworkLog:
    """What a page asked for outside 127.0.0.1, and which of its requests failed."""

    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> NetworkLog:
        page.context.route("**/*", self._route)
        page.context.on("requestfailed", self._failed)
        page.context.on("response", self._response)
        return self

    def _route(self, route: Route) -> None:
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort("blockedbyclient")

    def _failed(self, request: Request) -> None:
        self.failed.append(f"{request.url} ({request.failure})")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url} (HTTP {response.status})")


@dataclass
class LiteNotebook:
    """A course notebook open in the JupyterLite site."""

    page: Page
    base_url: str
    name: str
    timeout: float = 120.0

    def __repr__(self) -> str:
        return f"LiteNotebook({self.name})"

    def open(self) -> LiteNotebook:
        """Load the lab on the notebook and wait until its cells are shown."""
        self.page.set_default_timeout(self.timeout * 1000)
        self.page.goto(f"{self.base_url}lab/index.html?path={self.name}")
        self.page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(state="visible")
        return self

    def menu(self, *path: str) -> None:
        """Click through the menu bar: ``menu("Run", "Run All Cells")``."""
        top, *items = path
        self.page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
        for item in items:
            self.page.locator(".lm-Menu-itemLabel", has_text=item).first.click()

    def code_cells(self):
        return self.page.locator(".jp-NotebookPanel .jp-CodeCell")

    def clear_outputs(self) -> None:
        self.menu("Edit", "Clear Outputs of All Cells")
        self.page.wait_for_function(
            """() => document.querySelectorAll(
                '.jp-NotebookPanel .jp-CodeCell .jp-OutputArea-output').length === 0"""
        )

    def run_all(self) -> None:
        """Run every cell (each prompt shows ``[*]`` until its cell has run)."""
        self.menu("Run", "Run All Cells")

    def wait_until_all_ran(self) -> None:
        """Wait until no cell is queued and every code cell shows an execution count.

        Run All stops at a cell that raises: the cells after it lose their ``[*]`` and
        show no count, so this returns then too and the caller sees the unrun cells.
        """
        self.page.wait_for_function(
            """() => {
                const prompts = [...document.querySelectorAll(
                    '.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')];
                return prompts.length > 0 &&
                       !prompts.some(p => p.textContent.includes('*'));
            }"""
        )

    def unrun_cells(self) -> list[int]:
        """Indexes of the code cells that show no execution count."""
        prompts = self.page.locator(
            ".jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt"
        ).all_text_contents()
        return [i for i, text in enumerate(prompts) if not re.search(r"\[\d+\]", text)]

    def run_cell(self, index: int) -> None:
        """Run code cell ``index`` alone (Shift+Enter) and wait until it shows a count.

        Counts are cleared with the outputs (:meth:`clear_outputs`), so a count proves a run.
        """
        cell = self.code_cells().nth(index)
        cell.locator(".jp-InputArea-prompt").click()
        self.page.keyboard.press("Shift+Enter")
        self.page.wait_for_function(
            """prompt => /\\[\\d+\\]/.test(prompt.textContent)
                         && !prompt.textContent.includes('*')""",
            arg=cell.locator(".jp-InputArea-prompt").element_handle(),
        )

    def insert_cell_below(self, index: int, code: str) -> int:
        """Type ``code`` into a new code cell below code cell ``index``, run it; its index."""
        self.code_cells().nth(index).locator(".jp-InputArea-prompt").click()
        self.page.keyboard.press("Escape")
        self.page.keyboard.press("b")
        self.page.keyboard.press("Enter")
        self.page.keyboard.insert_text(code)
        self.page.keyboard.press("Escape")
        new = index + 1
        self.page.wait_for_function(
            "([cell, code]) => cell.textContent.includes(code)",
            arg=[self.code_cells().nth(new).element_handle(), code.splitlines()[0]],
        )
        self.run_cell(new)
        return new

    def widget(self, css_class: str) -> Locator:
        """The rendered widget view carrying ``css_class`` (added with ``add_class``)."""
        return self.page.locator(f".jp-OutputArea-output .{css_class}")

    def widget_button(self, text: str) -> Locator:
        """The rendered ipywidgets button whose visible text is ``text``."""
        exactly = re.compile(rf"^\s*{re.escape(text)}\s*$")
        buttons = self.page.locator(".jp-OutputArea-output button.widget-button")
        return buttons.filter(has_text=exactly)

    def wait_for_output(self, index: int) -> float:
        """Wait until code cell ``index`` has an output; the time it took, in seconds."""
        start = time.monotonic()
        self.code_cells().nth(index).locator(".jp-OutputArea-output").first.wait_for()
        return time.monotonic() - start

    def outputs(self, index: int) -> str:
        """The text of code cell ``index``'s outputs."""
        return "\n".join(
            self.code_cells().nth(index).locator(".jp-OutputArea-output").all_text_contents()
        )

    def all_outputs(self) -> list[str]:
        return [self.outputs(i) for i in range(self.code_cells().count())]

    def errors(self) -> list[str]:
        """Texts of error outputs (tracebacks) anywhere in the notebook."""
        return self.page.locator(
            ".jp-OutputArea-output[data-mime-type*='error']"
        ).all_text_contents()


def squash(text: str) -> str:
    """Whitespace collapsed, for comparing rendered text with stored text."""
    return re.sub(r"\s+", " ", text).strip()
