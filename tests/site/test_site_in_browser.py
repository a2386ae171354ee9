"""The course website in Chromium, served on 127.0.0.1, with every other request blocked.

Pages must load with no failed request, no console error and nothing from outside the site;
animations move; search works offline; folds open on click; axe-core finds no serious or
critical accessibility violation.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb") if re.match(r"\d\d-", p.name))
#: The home page and three lessons: the animated story, one with charts, the capstone.
PAGES = ["index.html"] + [
    f"notebooks/{stem}.html" for stem in LESSONS if stem[:2] in ("01", "05", "08")
]
#: Marks every SVG output that is animated (SMIL elements, or CSS animation in it or around
#: it; for an SVG shown as <img>, in its file) with ``data-animated-output``; returns the marks.
ANIMATED_SVG_JS = """async () => {
  const out = [];
  const smilOrCss = /<(animate|animateTransform|animateMotion|set)\\b|@keyframes|animation\\s*:/;
  document.querySelectorAll('.cell_output svg').forEach((svg, i) => {
    const css = [svg, ...svg.querySelectorAll('*')].some(
      e => getComputedStyle(e).animationName !== 'none');
    if (css || smilOrCss.test(svg.outerHTML)) {
      svg.setAttribute('data-animated-output', String(i)); out.push(String(i));
    }
  });
  const images = [...document.querySelectorAll(
    '.cell_output img[src$=".svg"], .cell_output img[src^="data:image/svg+xml"]')];
  for (const [i, img] of images.entries()) {
    const text = await (await fetch(img.src)).text();
    if (smilOrCss.test(text)) {
      img.setAttribute('data-animated-output', 'img' + i); out.push('img' + i);
    }
  }
  return out;
}"""
#: The longest an animation may hold still before it must have moved (the stored animations
#: hold each frame for about 1.5 s and their first frame somewhat longer).
MOVE_WITHIN_S = 8.0


@dataclass
class Visit:
    """A page opened with every request that is not to 127.0.0.1 blocked and counted."""

    page: object
    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser):
    contexts = []

    def open_page(url: str, width: int = 1280) -> Visit:
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        seen = Visit(page)

        def route(request_route):
            host = urlsplit(request_route.request.url).hostname
            if request_route.request.url.startswith("data:") or host == "127.0.0.1":
                request_route.continue_()
            else:
                seen.blocked.append(request_route.request.url)
                request_route.abort()

        context.route("**/*", route)
        page.on("requestfailed", lambda r: seen.failed.append(f"{r.url} {r.failure}"))
        page.on(
            "response",
            lambda r: r.status >= 400 and seen.failed.append(f"{r.url} HTTP {r.status}"),
        )
        page.on("console", lambda m: m.type == "error" and seen.errors.append(m.text))
        page.on("pageerror", lambda e: seen.errors.append(str(e)))
        page.goto(url, wait_until="networkidle")
        return seen

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_a_page_loads_everything_from_the_site_without_an_error(site_url, visit, path):
    seen = visit(site_url + path)
    assert seen.page.locator("article h1").count() == 1
    assert seen.blocked == []
    assert seen.failed == []
    assert seen.errors == []


def _assert_moves(page, selector: str) -> None:
    """Screenshots of the element, 0.25 s apart, must differ within MOVE_WITHIN_S."""
    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    first = element.screenshot(animations="allow")
    for _ in range(int(MOVE_WITHIN_S / 0.25)):
        page.wait_for_timeout(250)
        if element.screenshot(animations="allow") != first:
            return
    raise AssertionError(f"{selector} did not move in {MOVE_WITHIN_S} s")


def test_animated_svg_outputs_are_on_the_page_and_move(tagged_site_url, visit):
    seen = visit(tagged_site_url + "notebooks/00-tagged.html")
    found = seen.page.evaluate(ANIMATED_SVG_JS)
    assert len(found) == 2  # the inline CSS-animated SVG and the SMIL <img>
    for marker in found:
        _assert_moves(seen.page, f'[data-animated-output="{marker}"]')
    assert seen.blocked == [] and seen.errors == []


def test_the_animation_in_01_is_present_and_moves(site_url, visit):
    lesson = next(stem for stem in LESSONS if stem.startswith("01-"))
    seen = visit(site_url + f"notebooks/{lesson}.html")
    found = seen.page.evaluate(ANIMATED_SVG_JS)
    if not found:
        # Before the animations are stored as SVG, 01 holds matplotlib's JavaScript player.
        assert seen.page.locator("article .animation img[id^='_anim_img']").count() == 1, (
            "01 has no animation: neither an animated SVG output nor matplotlib's player"
        )
        pytest.skip(
            "01 stores no animated SVG output yet (its animation is matplotlib's JavaScript "
            "player); test_animated_svg_outputs_are_on_the_page_and_move covers the SVG form"
        )
    for marker in found:
        _assert_moves(seen.page, f'[data-animated-output="{marker}"]')


def _lessons_using(word: str) -> set[str]:
    using = set()
    for stem in LESSONS:
        notebook = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
        prose = " ".join(
            "".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown"
        )
        if re.search(rf"\b{word}\b", prose, re.I):
            using.add(stem)
    return using


def test_searching_for_alias_finds_the_lessons_that_use_it(site_url, visit):
    seen = visit(site_url + "search.html?q=alias")
    results = seen.page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    seen.page.wait_for_function(
        "() => !document.querySelector('#search-results .search-summary')"
        "  ?.textContent.includes('Searching')",
        timeout=15_000,
    )
    found = {
        m.group(1)
        for href in results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        if (m := re.search(r"notebooks/(\d\d-[^/.#?]+)\.html", href))
    }
    expected = _lessons_using("alias")
    assert expected, "no lesson mentions an alias?"
    assert expected <= found
    assert seen.blocked == [] and seen.errors == []


def test_a_folded_answer_opens_on_click(site_url, visit):
    for path in PAGES[1:]:
        seen = visit(site_url + path)
        # An answer inside a folded deep dive is hidden until the deep dive opens.
        answer = seen.page.locator("article details:has(> summary:text-is('Answer')):visible").first
        if answer.count():
            break
    else:
        pytest.fail("no page among the visited lessons has a folded answer")
    assert answer.get_attribute("open") is None
    body = answer.locator(":scope > :not(summary)").first
    assert not body.is_visible()
    answer.locator("summary").click()
    assert answer.get_attribute("open") is not None
    assert body.is_visible()


def test_a_deep_dive_opens_on_click(tagged_site_url, visit):
    seen = visit(tagged_site_url + "notebooks/00-tagged.html")
    fold = seen.page.locator("details.deep-dive").first
    assert not seen.page.get_by_text("deep output").is_visible()
    fold.locator("summary").click()
    assert seen.page.get_by_text("deep output").is_visible()


@pytest.mark.parametrize("path", PAGES)
def test_images_have_alt_text_and_headings_go_in_order(site_url, visit, path):
    page = visit(site_url + path).page
    assert page.evaluate("() => [...document.images].filter(i => !i.alt.trim()).length") == 0
    levels = page.evaluate(
        "() => [...document.querySelectorAll('article h1,article h2,article h3,article h4,"
        "article h5,article h6')].map(h => Number(h.tagName[1]))"
    )
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


#: matplotlib's JavaScript animation player (``to_jshtml``), stored in lessons until the
#: animations are stored as SVG: its frame slider has no label. Its ids start with ``_anim``.
JS_PLAYER = re.compile(r"^#_anim|^\.anim-")


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_or_critical_violation(site_url, visit, axe_script, path, width):
    page = visit(site_url + path, width=width).page
    page.add_script_tag(path=str(axe_script))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".flatMap(v => v.nodes.map(n => ({id: v.id, impact: v.impact, target: n.target})))"
    )
    in_player = [v for v in violations if JS_PLAYER.match(v["target"][0])]
    assert [v for v in violations if v not in in_player] == []
    if in_player:
        pytest.xfail(f"matplotlib's JavaScript animation player in a stored output: {in_player}")
