"""The console in Chromium as a workshop uses it: axe-core, the keyboard, random hands.

- axe-core (pinned in ``tests/axe``) over the console's DOM: no serious or critical
  violation.
- Keyboard only: Tab to each control, Enter and Space on buttons, arrow keys on the canary
  weight; the status line follows the account, and a run of arrow keys is one alias update.
- A seeded random run of at least 60 interactions (clicks, double-clicks, odd text with long
  and CJK keys, selections, arrow keys on the number inputs) in under 90 s: after each one,
  no traceback in the outputs, the status line agrees with the account, the log's columns
  stay inside the console; at the end, no JavaScript error and nothing in JupyterLab's log
  console.
"""

from __future__ import annotations

import random
import re
import time

import pytest
from console_session import SETTLE_SECONDS, ConsoleSession, write_console_notebook
from lab_page import NotebookPage
from playwright.sync_api import expect

pytestmark = pytest.mark.ui


@pytest.fixture
def session(jupyterlab, browser_page, tmp_path) -> ConsoleSession:
    jupyterlab.copy_in(write_console_notebook(tmp_path / "console.ipynb"))
    notebook = NotebookPage(browser_page, jupyterlab, "console.ipynb")
    session = ConsoleSession(notebook)  # listening for JavaScript errors from the start
    notebook.open()
    notebook.run_all_cells()
    session.part("lm-console-status").wait_for()
    session.wait_for_agreement()
    return session


# --- axe-core ----------------------------------------------------------------------------

AXE_RUN = """async () => {
    const result = await axe.run(document.querySelector('.lm-console'),
                                 {resultTypes: ['violations']});
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => ({html: n.html.slice(0, 160), target: n.target.join(' ')})),
    }));
}"""


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_axe_core_finds_no_serious_or_critical_violation_in_the_console(session, axe_source):
    page = session.page
    # Something in every part: a split, traffic, a refused upload, a message, a long key.
    session.part("lm-console-canary-weight").locator("input").fill("20")
    session.part("lm-console-canary-weight").locator("input").press("Tab")
    session.notebook.widget_button("Invoke ×10").click()
    session.part("lm-console-key").locator("input").fill("写真/" + "k" * 1100)
    session.notebook.widget_button("Upload object").click()
    session.wait(SETTLE_SECONDS + 0.2)
    session.wait_for_agreement()
    expect(session.part("lm-console-message")).to_contain_text("KeyTooLongError")

    page.add_script_tag(content=axe_source)
    found = serious(page.evaluate(AXE_RUN))
    graph_only = found and all(
        "lm-console-graph" in node["html"] for v in found for node in v["nodes"]
    )
    if graph_only and page.locator("img.lm-console-graph").count():
        pytest.xfail(
            "the graph is still an <img> without a text alternative: it gets one with the "
            f"inline-SVG graph (role='img' with <title>/<desc>): {found}"
        )
    assert found == [], found


# --- keyboard only -------------------------------------------------------------------------


def focused_name(page) -> str:
    """The accessible name of the focused element, as its label or text gives it."""
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            if (e.labels && e.labels.length) return e.labels[0].textContent.trim();
            return (e.getAttribute('aria-label') || e.textContent || '').trim();
        }"""
    )


def tab_to(page, name: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_name(page) == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_the_console_can_be_used_by_keyboard_alone(session):
    page = session.page
    session.part("lm-console-status").click()  # start inside the console's output

    tab_to(page, "Promote")
    page.keyboard.press("Enter")
    session.wait()
    expect(session.part("lm-console-status")).to_contain_text("PROD -> 3")
    page.keyboard.press("Enter")  # a second press changes nothing and records nothing
    session.wait()
    expect(session.part("lm-console-message")).to_have_text(
        "PROD already points to 3: nothing to change"
    )

    tab_to(page, "Roll back")
    page.keyboard.press("Space")
    session.wait()
    expect(session.part("lm-console-status")).to_contain_text("PROD -> 1 ·")

    tab_to(page, "Canary weight (%)")
    for _ in range(5):
        page.keyboard.press("ArrowUp")
    session.wait(SETTLE_SECONDS + 0.3)
    session.wait_for_agreement()
    expect(session.part("lm-console-status")).to_contain_text("PROD -> 1 (95%) + 2 (5%)")
    log = session.text("lm-console-log")
    assert len(re.findall(r"change PROD:", log)) == 3, f"five presses, one update: {log}"

    tab_to(page, "Roll back")
    page.keyboard.press("Enter")
    session.wait()
    expect(session.part("lm-console-status")).to_contain_text("PROD -> 1 ·")
    assert session.js_errors == []


# --- random hands ----------------------------------------------------------------------------

ALIASES = ["PROD", "BETA", "DEV", "", "  PROD  ", "bad name!", "猫の別名", "A" * 200, "<b>x</b>"]
KEYS = [
    "cat.jpg",
    "写真/猫.jpg",
    "k" * 2000,
    "🐱" * 300,
    "a b+c%20&<i>.jpg",
    "é" * 600,
    " ",
    "dir/" * 200,
]
BUTTONS = ["Publish new version", "Invoke ×10", "Promote", "Roll back", "Upload object", "Now"]
INTERACTIONS = 64


class RandomHands:
    """Seeded random interactions with the console, each one described for the record."""

    def __init__(self, session: ConsoleSession, seed: int) -> None:
        self.session = session
        self.page = session.page
        self.random = random.Random(seed)

    def __repr__(self) -> str:
        return f"RandomHands({self.session!r})"

    def input(self, css_class: str):
        return self.session.part(css_class).locator("input, select").first

    def button(self, name: str):
        """The button, or None when it is disabled (a person cannot press it)."""
        button = self.session.notebook.widget_button(name).first
        return None if button.is_disabled() else button

    def click(self) -> str:
        name = self.random.choice(BUTTONS)
        if button := self.button(name):
            button.click()
        return f"click {name}"

    def double_click(self) -> str:
        name = self.random.choice(["Promote", "Roll back", "Invoke ×10"])
        if button := self.button(name):
            button.dblclick()
        return f"double-click {name}"

    def type_alias(self) -> str:
        text = self.random.choice(ALIASES)
        self.input("lm-console-alias").fill(text)
        return f"alias {text[:20]!r}"

    def type_key(self) -> str:
        text = self.random.choice(KEYS)
        self.input("lm-console-key").fill(text)
        self.button("Upload object").click()
        return f"upload key {text[:20]!r} ({len(text.encode())} bytes)"

    def pick(self, css_class: str) -> str:
        select = self.input(css_class)
        count = select.locator("option").count()
        if count == 0 or select.is_disabled():
            return f"{css_class}: nothing to pick"
        index = self.random.randrange(count)
        select.select_option(index=index)
        return f"{css_class}: option {index}"

    def arrows(self, css_class: str) -> str:
        field = self.input(css_class)
        if field.is_disabled():
            return f"{css_class}: disabled"
        field.focus()
        key = self.random.choice(["ArrowUp", "ArrowDown"])
        presses = self.random.randint(1, 6)
        for _ in range(presses):
            self.page.keyboard.press(key)
        self.session.wait(SETTLE_SECONDS + 0.15)
        return f"{css_class}: {key} x{presses}"

    def type_weight(self) -> str:
        field = self.input("lm-console-canary-weight")
        if field.is_disabled():
            return "weight: disabled"
        value = self.random.choice(["0", "10", "50", "100", "101", "-5", "3"])
        field.fill(value)
        field.press("Tab")
        self.session.wait(SETTLE_SECONDS + 0.15)
        return f"weight typed {value}"

    def toggle_traffic(self) -> str:
        self.input("lm-console-show-traffic").click()
        return "toggle show traffic"

    def step(self) -> str:
        action = self.random.choices(
            [
                self.click,
                self.double_click,
                self.type_alias,
                self.type_key,
                lambda: self.pick("lm-console-version"),
                lambda: self.pick("lm-console-canary-version"),
                lambda: self.arrows("lm-console-canary-weight"),
                self.type_weight,
                lambda: self.arrows("lm-console-history-step"),
                self.toggle_traffic,
            ],
            weights=[6, 2, 2, 2, 2, 1, 2, 1, 1, 1],
        )[0]
        return action()


def test_a_seeded_random_run_keeps_the_console_consistent(session):
    hands = RandomHands(session, seed=18)
    done: list[str] = []
    started = time.monotonic()
    for _ in range(INTERACTIONS):
        done.append(hands.step())
        session.wait()
        trail = "; ".join(done[-6:])
        try:
            session.wait_for_agreement()
        except Exception as error:  # the status line never agreed with the account
            status, probe = session.status_and_probe()
            raise AssertionError(
                f"status {status!r} != account {probe!r} after: {trail}"
            ) from error
        assert session.stderr_and_tracebacks() == [], trail
        assert session.overflowing_log_cells() == [], trail
    elapsed = time.monotonic() - started

    assert session.js_errors == [], session.js_errors
    assert session.log_console_entries() == []
    assert elapsed < 90, f"{INTERACTIONS} interactions took {elapsed:.0f} s"
    print(f"\n{INTERACTIONS} interactions in {elapsed:.1f} s")
