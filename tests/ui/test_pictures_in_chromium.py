"""The pointer pictures in a real browser: text boxes measured by Chromium (``getBBox``), and
notebook 01's stored animation playing in JupyterLab without running the notebook."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lab_page import NotebookPage

from lambda_model.core.churn import run_churn
from lambda_model.demo import story
from lambda_model.viz import animate, compare, compare_summary, draw, still

REPO_ROOT = Path(__file__).resolve().parents[2]

#: For each <text>: its box in the SVG's coordinates and its height on screen.
MEASURE = """svg => {
    const view = svg.viewBox.baseVal;
    const scale = svg.getBoundingClientRect().width / view.width;
    return [...svg.querySelectorAll('text')].map(t => {
        const b = t.getBBox();
        return {text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height,
                size: parseFloat(getComputedStyle(t).fontSize) * scale,
                width: view.width, height: view.height};
    });
}"""


def overlapping(boxes: list[dict], slack: float = 0.5) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                a["x"] + slack < b["x"] + b["w"]
                and b["x"] + slack < a["x"] + a["w"]
                and a["y"] + slack < b["y"] + b["h"]
                and b["y"] + slack < a["y"] + a["h"]
            ):
                found.append((a["text"], b["text"]))
    return found


def pictures():
    account = story()[0]
    yield "demo story, now", draw(account)
    movie = animate(account)
    for index in range(0, len(movie.frames), 3):
        yield f"demo story frame {index}", still(movie, index)
    report = run_churn(releases=5)
    comparison = compare(report)
    for index in range(0, len(comparison.frames), 4):
        yield f"comparison frame {index}", still(comparison, index)
    yield "comparison summary", compare_summary(report)
    sys.path.insert(0, str(REPO_ROOT / "tests" / "unit"))
    from test_viz_picture import busy_account

    yield "20 versions, 3 aliases, 2 buckets", draw(busy_account(20))


@pytest.mark.ui
def test_chromium_measures_no_overlapping_text_and_nothing_outside_the_canvas(browser_page):
    problems = []
    for name, picture in pictures():
        browser_page.set_content("<html><body style='margin:0'>" + picture.svg + "</body></html>")
        boxes = browser_page.eval_on_selector("svg", MEASURE)
        assert boxes, name
        for pair in overlapping(boxes):
            problems.append(f"{name}: {pair[0]!r} overlaps {pair[1]!r}")
        for box in boxes:
            inside = (
                box["x"] >= 0
                and box["y"] >= 0
                and box["x"] + box["w"] <= box["width"]
                and box["y"] + box["h"] <= box["height"]
            )
            if not inside:
                problems.append(f"{name}: {box['text']!r} is outside the canvas")
            if box["size"] < 11:
                problems.append(f"{name}: {box['text']!r} is {box['size']:.1f} px")
    assert problems == []


@pytest.mark.ui
def test_notebook_01_shows_its_stored_animation_moving_without_being_run(jupyterlab, browser_page):
    jupyterlab.copy_in(REPO_ROOT / "notebooks" / "01-why-aliases.ipynb")
    notebook = NotebookPage(browser_page, jupyterlab, "01-why-aliases.ipynb").open()
    image = browser_page.locator(
        ".jp-OutputArea-output img[src^='data:image/svg+xml;base64,']"
    ).first
    image.scroll_into_view_if_needed()
    browser_page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.get_attribute("alt").startswith("Version ARN or alias ARN")
    box = image.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 300
    first = image.screenshot()
    browser_page.wait_for_timeout(2500)
    second = image.screenshot()
    assert first != second
    assert notebook.errors() == []
