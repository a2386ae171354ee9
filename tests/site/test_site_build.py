"""The course website as files: every lesson a page, links and images sound, nothing remote."""

from __future__ import annotations

import doctest
import json
import os
import re
from pathlib import Path

import build_site
import pytest
from html_pages import is_external, read_page, read_site, resolve

ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if re.match(r"\d\d-", p.name))
#: Built by the JupyterLite work and placed beside the site by the Pages workflow.
LITE_PREFIX = "lite/"


@pytest.fixture(scope="module")
def pages(site: Path):
    return read_site(site)


def test_the_staging_functions_do_what_their_examples_say():
    result = doctest.testmod(build_site)
    assert result.attempted > 0
    assert result.failed == 0


def test_every_notebook_has_its_page(site: Path):
    assert LESSONS, "no lesson notebooks found"
    missing = [p.name for p in LESSONS if not (site / "notebooks" / f"{p.stem}.html").exists()]
    assert missing == []


def test_the_home_page_lists_the_lessons_in_course_order(site: Path):
    home = read_page(site / "index.html")
    order = list(
        dict.fromkeys(
            m.group(1)
            for href in home.links
            if (m := re.match(r"notebooks/(\d\d-[^/#]+)\.html", href))
        )
    )
    assert order == [p.stem for p in LESSONS]


def test_the_outline_and_the_reference_pages_are_on_the_site(site: Path):
    expected = [ROOT / "outline.md", *sorted((ROOT / "docs").glob("*.md"))]
    for source in (p for p in expected if p.exists()):
        relative = source.relative_to(ROOT).with_suffix(".html")
        assert (site / relative).exists(), relative
        assert relative.as_posix() in read_page(site / "index.html").links


def broken_links(site: Path, pages) -> list[str]:
    """Every link or asset of the site's pages to a missing file or anchor."""
    broken = []
    for path, page in pages.items():
        for url in page.links + [src for _, src in page.assets]:
            if is_external(url) or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            relative_to_root = os.path.relpath((path.parent / url).resolve(), site.resolve())
            if relative_to_root.startswith(LITE_PREFIX):
                continue  # the JupyterLite build is placed beside the site when published
            target, fragment = resolve(path, url)
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {url} (no such file)")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else read_page(target).ids
                if fragment not in ids:
                    broken.append(f"{path.relative_to(site)}: {url} (no such anchor)")
    return broken


def test_no_internal_link_or_anchor_is_broken(site: Path, pages):
    assert broken_links(site, pages) == []


def test_every_image_a_page_shows_exists(site: Path, pages):
    images = [(path, img.get("src") or "") for path, page in pages.items() for img in page.images]
    assert images, "the site shows no image at all"
    missing = [
        f"{p.relative_to(site)}: {src}"
        for p, src in images
        if not src.startswith("data:") and not resolve(p, src)[0].exists()
    ]
    assert missing == []


def test_no_page_or_stylesheet_loads_anything_from_outside_the_site(site: Path, pages):
    remote = [
        f"{p.relative_to(site)}: <{tag}> {url}"
        for p, page in pages.items()
        for tag, url in page.assets
        if is_external(url)
    ]
    for css in site.rglob("*.css"):
        for url in re.findall(
            r"(?:url\(|@import\s+)[\"']?((?:https?:)?//[^\"')\s]+)", css.read_text()
        ):
            remote.append(f"{css.relative_to(site)}: {url}")
    assert remote == []


def test_every_image_has_a_text_alternative(site: Path, pages):
    without = [
        f"{p.relative_to(site)}: {img.get('src')}"
        for p, page in pages.items()
        for img in page.images
        if not (img.get("alt") or "").strip()
    ]
    assert without == []


def test_headings_go_down_one_level_at_a_time(site: Path, pages):
    jumps = []
    for path, page in pages.items():
        if not page.headings:
            continue
        if page.headings[0] != 1 or page.headings.count(1) != 1:
            jumps.append(f"{path.relative_to(site)}: starts {page.headings[:3]}")
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            if after > before + 1:
                jumps.append(f"{path.relative_to(site)}: h{before} then h{after}")
    assert jumps == []


def test_each_lesson_links_to_binder_jupyterlab_on_that_notebook(site: Path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    slug = re.search(r"mybinder\.org/v2/gh/([^/]+/[^/]+)/", readme).group(1)
    for lesson in LESSONS:
        page = read_page(site / "notebooks" / f"{lesson.stem}.html")
        assert any(
            href.startswith(f"https://mybinder.org/v2/gh/{slug}/")
            and href.endswith(f"urlpath=lab/tree/notebooks/{lesson.name}")
            for href in page.links
        ), lesson.name
        assert f"../lite/lab/index.html?path={lesson.name}" in page.links


def test_the_download_button_gives_the_notebook_itself(site: Path):
    for lesson in LESSONS:
        assert (site / "_sources" / "notebooks" / lesson.name).read_bytes() == lesson.read_bytes()


# --- the tags, on a one-lesson course that uses them all -----------------------------------


@pytest.fixture(scope="module")
def tagged_html(tagged_site: Path) -> str:
    return (tagged_site / "notebooks" / "00-tagged.html").read_text(encoding="utf-8")


def _article(html: str) -> str:
    return html[html.index('<article class="bd-article">') : html.index("</article>")]


def test_a_deep_dive_is_folded_under_its_heading_and_ends_with_its_last_cell(tagged_html):
    article = _article(tagged_html)
    fold = re.search(r'<details class="deep-dive">(.*?)</details>', article, re.S)
    assert fold is not None
    assert "Deep prose." in fold.group(1) and "deep output" in fold.group(1)
    assert "Back on the main path" not in fold.group(1)
    heading = article.index(["Deep dive: the inner workings", "h3>"][0])
    assert heading < article.index('<details class="deep-dive">')
    assert "site:deep-dive" not in article


def test_two_deep_dives_in_a_row_are_folded_each_under_its_heading(tagged_html):
    article = _article(tagged_html)
    folds = re.findall(r'<details class="deep-dive">(.*?)</details>', article, re.S)
    assert len(folds) == 2
    assert "Second prose." in folds[1] and "Second prose." not in folds[0]
    second = article.index("Deep dive: a second one, right after")
    assert article.index("Second prose.") > second > article.index("deep output")


def test_helper_code_is_folded_and_its_output_shown(tagged_html):
    article = _article(tagged_html)
    cell = article[article.index("tag_hide-input") :]
    folded = cell[: cell.index("</details>")]
    assert "helper_plumbing" in folded
    assert "helper output shown" in cell[cell.index("</details>") :]


def _cell_holding(article: str, text: str) -> str:
    """The HTML of the notebook cell (myst-nb's ``<div class="cell ...">``) holding text."""
    return next(chunk for chunk in article.split('<div class="cell ')[1:] if text in chunk)


def test_code_folded_in_jupyterlab_is_folded_on_the_site_too(tagged_html):
    cell = _cell_holding(_article(tagged_html), "folded_in_jupyterlab")
    assert cell.startswith("tag_hide-input")
    assert cell.index("<details") < cell.index("folded_in_jupyterlab") < cell.index("</details>")
    assert "folded cell output" in cell[cell.index("</details>") :]


def test_the_objectives_open_the_page_under_the_title_and_the_launch_bar(tagged_html):
    article = _article(tagged_html)
    order = [
        article.index(s)
        for s in (
            "<h1>",
            "launch-bar",
            "objectives admonition",
            "The introduction.",
            "fold a deep dive",
        )
    ]
    assert order[:4] == sorted(order[:4])


def test_an_on_aws_callout_is_an_admonition(tagged_html):
    box = re.search(r'<div class="on-aws admonition">(.*?)</div>', tagged_html, re.S)
    assert box is not None and "CloudTrail LookupEvents" in box.group(1)
    assert "<blockquote>" not in _article(tagged_html)


def test_animations_are_embedded_as_they_are_stored(tagged_site: Path, tagged_html):
    article = _article(tagged_html)
    assert "@keyframes swing" in article and 'class="css-dot"' in article
    svg_src = re.search(r'<img alt="Smil arrow[^"]*" src="([^"]+\.svg)"', article).group(1)
    stored = (tagged_site / "notebooks" / svg_src).resolve().read_text(encoding="utf-8")
    assert '<animate attributeName="cx"' in stored


def test_an_output_loses_only_its_references_to_assets_outside_the_site(tagged_html):
    assert "cdn.example.org" not in tagged_html
    assert 'class="pointer-picture"' in tagged_html


def test_images_take_their_text_alternative_from_their_output(tagged_html):
    assert 'alt="A one-pixel chart"' in tagged_html
    assert 'alt="Smil arrow. An arrow that swings from version 1 to version 2."' in tagged_html


def test_answers_stay_folded(tagged_html):
    assert re.search(r"<details>\s*<summary>Answer</summary>", tagged_html)


def test_the_launch_buttons_follow_the_readme_badge_and_the_lite_setting(tagged_site: Path):
    page = read_page(tagged_site / "notebooks" / "00-tagged.html")
    assert (
        "https://mybinder.org/v2/gh/example/tagged/main?urlpath=lab/tree/notebooks/00-tagged.ipynb"
        in page.links
    )
    assert "../lite/lab/index.html?path=00-tagged.ipynb" in page.links


def test_a_notebook_without_deep_dives_is_staged_unchanged_but_for_its_outputs():
    notebook = json.loads(LESSONS[0].read_text(encoding="utf-8"))
    staged = build_site.stage_notebook(notebook)
    tagged = [c for c in notebook["cells"] if "deep-dive" in c.get("metadata", {}).get("tags", [])]
    markers = [c for c in staged["cells"] if "site:deep-dive" in build_site._source(c)]
    assert len(staged["cells"]) - len(notebook["cells"]) == len(markers)
    assert bool(markers) == bool(tagged)


def test_links_to_the_readme_and_to_repository_files_work_on_the_site(tagged_site: Path):
    page = read_page(tagged_site / "notebooks" / "00-tagged.html")
    assert "../index.html" in page.links
    assert "https://github.com/example/tagged/blob/main/notebooks/solutions/00-tagged.py" in (
        page.links
    )
    glossary = read_page(tagged_site / "docs" / "glossary.html")
    pdf = next(href for href in glossary.links if href.endswith("cheatsheet.pdf"))
    assert (tagged_site / "docs" / pdf).resolve().read_bytes().startswith(b"%PDF")
    assert broken_links(tagged_site, read_site(tagged_site)) == []


def test_the_home_page_introduction_stops_before_the_test_instructions(site: Path):
    home = re.sub(r"<[^>]+>", "", (site / "index.html").read_text(encoding="utf-8"))
    assert "jupyter lab notebooks/" in home
    assert "python -m pytest" not in home


def test_every_page_names_a_favicon_of_the_site(site: Path, pages):
    """Else a browser asks for /favicon.ico, and its 404 is an error in the console."""
    without = [
        p.relative_to(site)
        for p, page in pages.items()
        if not any(tag == "link" and "favicon" in url for tag, url in page.assets)
    ]
    assert without == []


def _deep_dives(notebook: Path) -> int:
    """How many deep dives a notebook has: cells tagged deep-dive headed "Deep dive"."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(
        1
        for c in cells
        if "deep-dive" in c.get("metadata", {}).get("tags", []) and build_site._starts_deep_dive(c)
    )


def test_every_deep_dive_of_every_lesson_is_folded(site: Path):
    for lesson in LESSONS:
        html = (site / "notebooks" / f"{lesson.stem}.html").read_text(encoding="utf-8")
        assert html.count('<details class="deep-dive">') == _deep_dives(lesson), lesson.name
