"""Build the course as a static website, offline, from the notebooks' stored outputs.

    python tools/build_site.py --out site-out        # then open site-out/index.html
    python tools/build_site.py --out DIR --lite-url "https://example.org/lite/lab/index.html?path={name}"

The generator is Sphinx with myst-nb and sphinx-book-theme (Jupyter Book 1's stack; see
``tools/site/README.md`` for why), pinned in the ``site`` extra. Nothing is executed: every
page shows the outputs stored in the notebooks. The build stages its sources in a temporary
folder, so the repository is never written to:

- ``index.md``: the home page, from README.md (title, introduction, the course map);
- ``notebooks/NN-*.ipynb``: the lessons in course order, staged by :func:`stage_notebook`;
- ``outline.md`` and ``docs/*.md`` (glossary, cheat sheet, ...) when present;
- ``conf.py`` and ``_site/`` from ``tools/site/`` (the Sphinx extension and the stylesheet).

Notebook tags (the course's conventions) and what the site does with them:

- ``deep-dive``: the run of cells is folded under its ``### Deep dive:`` heading;
- ``hide-input``: the code is folded ("Show helper code"), its output shown;
- ``objectives``: an admonition at the top of the page;
- ``on-aws``: the ``> **On AWS:**`` callout becomes an "On AWS" admonition;
- ``questions``: answers stay folded in their ``<details>``.
"""

from __future__ import annotations

import argparse
import copy
import json
import posixpath
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE_CONFIG = ROOT / "tools" / "site"
LESSON_PATTERN = re.compile(r"^\d\d-.+\.ipynb$")
DEFAULT_LITE_URL = "lite/lab/index.html?path={name}"
BINDER_BADGE = re.compile(r"https://mybinder\.org/v2/gh/([^/\s)]+/[^/\s)]+)/([^?\s)]+)")
DEEP_DIVE_BEGIN = "<!-- site:deep-dive-begin -->"
DEEP_DIVE_END = "<!-- site:deep-dive-end -->"

#: Reprs that say nothing about a picture (matplotlib's, IPython's): never used as alt text.
UNINFORMATIVE_REPR = re.compile(r"^<.*(Figure size|at 0x|IPython\.|object>).*>$", re.S)
EXTERNAL_ASSET = re.compile(
    r"<link\b[^>]*\bhref=[\"']?(?:https?:)?//[^>]*>|<script\b[^>]*\bsrc=[\"']?(?:https?:)?//[^>]*>"
    r"\s*</script>",
    re.I,
)
LINKED_EXTERNAL_IMAGE = re.compile(r"\[!\[([^\]]*)\]\((?:https?:)?//[^)]*\)\]\(([^)]*)\)")
EXTERNAL_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:https?:)?//[^)]*\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
#: An <img> tag with no alt attribute at all (the opening "<img", to add one after it).
IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)", re.I)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml")


@dataclass
class StageReport:
    """What staging changed, for the build's summary."""

    external_assets_removed: list[str] = field(default_factory=list)
    fallback_alts: list[str] = field(default_factory=list)


# --- markdown ------------------------------------------------------------------------------


def local_markdown(text: str) -> str:
    """Markdown with no image from outside the site: a linked badge becomes a text link.

    >>> local_markdown("[![Binder](https://mybinder.org/badge.svg)](https://mybinder.org/v2/x)")
    '[Binder](https://mybinder.org/v2/x)'
    >>> local_markdown("![logo](https://example.org/logo.png) and ![map](map.png)")
    'logo and ![map](map.png)'
    """
    text = LINKED_EXTERNAL_IMAGE.sub(lambda m: f"[{m.group(1)}]({m.group(2)})", text)
    return EXTERNAL_IMAGE.sub(lambda m: m.group(1), text)


def _fence(body: str) -> str:
    longest = max((len(m.group(0)) for m in re.finditer(r"^:{3,}", body, re.M)), default=2)
    return ":" * max(3, longest + 1)


def admonition(title: str, css_class: str, body: str) -> str:
    """A MyST admonition with a CSS class.

    >>> print(admonition("On AWS", "on-aws", "Use CloudTrail."))
    :::{admonition} On AWS
    :class: on-aws
    <BLANKLINE>
    Use CloudTrail.
    :::
    """
    fence = _fence(body)
    return f"{fence}{{admonition}} {title}\n:class: {css_class}\n\n{body.strip()}\n{fence}"


def on_aws_callouts(text: str) -> str:
    """Turn each ``> **On AWS:** ...`` block quote into an "On AWS" admonition.

    >>> print(on_aws_callouts("Before.\\n\\n> **On AWS:** use\\n> CloudTrail.\\n\\nAfter."))
    Before.
    <BLANKLINE>
    :::{admonition} On AWS
    :class: on-aws
    <BLANKLINE>
    use
    CloudTrail.
    :::
    <BLANKLINE>
    After.
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if re.match(r"^>\s*\*\*On AWS:?\*\*:?", lines[i]):
            quote = []
            while i < len(lines) and lines[i].startswith(">"):
                quote.append(re.sub(r"^>\s?", "", lines[i]))
                i += 1
            quote[0] = re.sub(r"^\*\*On AWS:?\*\*:?\s*", "", quote[0])
            out.append(admonition("On AWS", "on-aws", "\n".join(quote)))
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _split_heading(text: str) -> tuple[str | None, str]:
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    match = HEADING.match(first)
    if match:
        return match.group(2), rest
    return None, stripped


def _has_heading(text: str) -> bool:
    in_fence = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        elif not in_fence and HEADING.match(line):
            return True
    return False


def objectives_box(text: str) -> str:
    """The ``objectives`` cell as an admonition titled by its heading (if it has one).

    >>> print(objectives_box("## Objectives\\n\\nAfter this notebook you can:\\n- publish"))
    :::{admonition} Objectives
    :class: objectives
    <BLANKLINE>
    After this notebook you can:
    - publish
    :::
    """
    title, body = _split_heading(text)
    if _has_heading(body):  # an admonition cannot hold headings: leave the cell as it is
        return text
    return admonition(title or "Objectives", "objectives", body)


# --- notebooks -----------------------------------------------------------------------------


def _source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def svg_title(svg: str) -> str | None:
    """The text alternative an SVG carries: its ``aria-label`` or ``<title>`` (+ ``<desc>``).

    >>> svg_title('<svg><title>PROD: 1 -> 2</title><desc>The arrow moves.</desc></svg>')
    'PROD: 1 -> 2. The arrow moves.'
    """
    label = re.search(r"<svg\b[^>]*\baria-label=\"([^\"]+)\"", svg)
    if label:
        return label.group(1).strip()
    parts = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m.group(1))).strip().rstrip(".")
        for tag in ("title", "desc")
        if (m := re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}>", svg, re.S))
    ]
    text = ". ".join(p for p in parts if p)
    return (text + "." if len(parts) > 1 else text) or None


def output_alt(output: dict, mime: str) -> str | None:
    """An image output's own text alternative, if it has one.

    From its metadata (``alt``), from an SVG's title, or from a ``text/plain`` that describes
    it (not a bare repr such as ``<Figure size 600x335 with 1 Axes>``).
    """
    metadata = output.get("metadata") or {}
    per_mime = metadata.get(mime)
    for candidate in (
        (per_mime or {}).get("alt") if isinstance(per_mime, dict) else None,
        metadata.get("alt"),
    ):
        if candidate:
            return str(candidate)
    data = output.get("data") or {}
    if mime == "image/svg+xml":
        title = svg_title(_text(data[mime]))
        if title:
            return title
    plain = _text(data.get("text/plain", "")).strip()
    if plain and not UNINFORMATIVE_REPR.match(plain) and len(plain) < 1000:
        return plain
    return None


def stage_notebook(
    notebook: dict,
    report: StageReport | None = None,
    links: Callable[[str], str] | None = None,
) -> dict:
    """A copy of ``notebook`` ready for the site (the tags turned into what a reader sees).

    - deep-dive runs get begin/end marker cells (``lambda_site`` folds between them);
    - ``objectives`` and ``on-aws`` cells become admonitions; external images become text;
    - HTML outputs lose references to assets outside the site (a CDN stylesheet, a script);
      the rest of the HTML (inline SVG, CSS and SMIL animation) is kept as it is;
    - stored widget views are dropped for their text fallback;
    - each image output's text alternative goes to the cell's ``metadata.site.alts``;
    - ``links``, if given, rewrites the links of each markdown cell.
    """
    report = report if report is not None else StageReport()
    nb = copy.deepcopy(notebook)
    cells: list[dict] = []
    section = None
    in_deep_dive = False
    for cell in nb.get("cells", []):
        tags = set(cell.get("metadata", {}).get("tags", []))
        deep = "deep-dive" in tags
        if deep and in_deep_dive and _starts_deep_dive(cell):  # the next deep dive, at once
            cells.append(_marker_cell(DEEP_DIVE_END, len(cells)))
            cells.append(_marker_cell(DEEP_DIVE_BEGIN, len(cells)))
        elif deep and not in_deep_dive:
            cells.append(_marker_cell(DEEP_DIVE_BEGIN, len(cells)))
        elif in_deep_dive and not deep:
            cells.append(_marker_cell(DEEP_DIVE_END, len(cells)))
        in_deep_dive = deep
        if cell["cell_type"] == "markdown":
            text = local_markdown(_source(cell))
            if links is not None:
                text = links(text)
            for line in text.split("\n"):
                if HEADING.match(line):
                    section = HEADING.match(line).group(2)
            if "objectives" in tags:
                text = objectives_box(text)
            if "on-aws" in tags and "**On AWS" not in text and not _has_heading(text):
                text = admonition("On AWS", "on-aws", text)
            cell["source"] = on_aws_callouts(text)
        elif cell["cell_type"] == "code":
            # JupyterLab's own fold (cell metadata) counts as the tag.
            jupyter = cell.get("metadata", {}).get("jupyter", {})
            for hidden, tag in (("source_hidden", "hide-input"), ("outputs_hidden", "hide-output")):
                if jupyter.get(hidden) and tag not in tags:
                    cell["metadata"].setdefault("tags", []).append(tag)
            _stage_outputs(cell, section, report)
        cells.append(cell)
    if in_deep_dive:
        cells.append(_marker_cell(DEEP_DIVE_END, len(cells)))
    if nb.get("nbformat_minor", 5) < 5:  # no cell ids before nbformat 4.5
        for cell in cells:
            cell.pop("id", None)
    nb["cells"] = cells
    nb.get("metadata", {}).pop("widgets", None)
    return nb


def _starts_deep_dive(cell: dict) -> bool:
    """Whether a cell opens a deep dive: a markdown cell headed ``Deep dive: ...``."""
    if cell["cell_type"] != "markdown":
        return False
    title, _ = _split_heading(_source(cell))
    return bool(title) and title.lower().startswith("deep dive")


def _marker_cell(text: str, number: int) -> dict:
    """A markdown cell holding a marker (with an id, as nbformat 4.5 wants one)."""
    kind = "begin" if "begin" in text else "end"
    return {
        "cell_type": "markdown",
        "id": f"site-deep-dive-{kind}-{number}",
        "metadata": {},
        "source": text,
    }


def fallback_alt(kind: str, section: str | None) -> str:
    """The text alternative of a picture whose output carries none of its own.

    >>> fallback_alt("Chart", "Routing rules")[:61]
    'Chart drawn by the code above, in the section “Routing rules”'
    """
    where = f"the section “{section}”" if section else "this lesson"
    return f"{kind} drawn by the code above, in {where}; the text around it says what it shows."


def _stage_outputs(cell: dict, section: str | None, report: StageReport) -> None:
    alts = []
    for output in cell.get("outputs", []):
        data = output.get("data")
        if not data:
            continue
        if WIDGET_VIEW in data and "text/plain" in data:
            del data[WIDGET_VIEW]
        if "text/html" in data:
            html = _text(data["text/html"])
            removed = EXTERNAL_ASSET.findall(html)
            if removed:
                report.external_assets_removed.extend(removed)
                html = EXTERNAL_ASSET.sub("", html)
            if IMG_WITHOUT_ALT.search(html):
                attribute = f' alt="{escape(fallback_alt("Picture", section))}"'
                html = IMG_WITHOUT_ALT.sub(lambda m, a=attribute: m.group(0) + a, html)
                report.fallback_alts.append(f"{section}")
            data["text/html"] = html
            continue  # the HTML is what the page shows
        mime = next((m for m in IMAGE_TYPES if m in data), None)
        if mime:
            alt = output_alt(output, mime)
            if alt is None:
                alt = fallback_alt("Chart", section)
                report.fallback_alts.append(f"{section}")
            alts.append(alt)
    if alts:
        cell.setdefault("metadata", {}).setdefault("site", {})["alts"] = alts


# --- home page and the whole site ----------------------------------------------------------


@dataclass
class Course:
    """What the site is built from, read from the repository."""

    root: Path
    title: str
    intro: str
    course_map: str
    repository: str  # owner/name
    branch: str
    lessons: list[Path]
    pages: list[Path]  # outline.md, docs/*.md

    @classmethod
    def read(cls, root: Path) -> Course:
        readme = (root / "README.md").read_text(encoding="utf-8")
        badge = BINDER_BADGE.search(readme)
        repository, branch = (badge.group(1), badge.group(2)) if badge else ("", "HEAD")
        title, body = _split_heading(readme)
        marker = body.find("<!-- test-command -->")
        if marker >= 0:
            # The introduction runs to the test command (home_introduction keeps what
            # precedes the heading that leads to it): the course command is on the home page.
            intro = body[: marker + len("<!-- test-command -->")]
        else:
            intro, _, _ = body.partition("\n## ")
        course_map = _section(readme, "The course")
        lessons = sorted(
            p for p in (root / "notebooks").glob("*.ipynb") if LESSON_PATTERN.match(p.name)
        )
        pages = [p for p in [root / "outline.md"] if p.exists()]
        pages += sorted(p for p in (root / "docs").glob("*.md") if p.name.lower() != "readme.md")
        return cls(
            root,
            title or "The course",
            intro.strip(),
            course_map,
            repository,
            branch,
            lessons,
            pages,
        )


def _section(markdown: str, title: str) -> str:
    """The body of the ``## title`` section of a markdown text (empty if absent)."""
    match = re.search(rf"^## {re.escape(title)}\s*\n(.*?)(?=^## |\Z)", markdown, re.M | re.S)
    return match.group(1).strip() if match else ""


def _page_title(path: Path) -> str:
    title, _ = _split_heading(path.read_text(encoding="utf-8"))
    return title or path.stem


BADGE_LINE = re.compile(r"^\s*(\[!\[[^\]]*\]\([^)]*\)\]\([^)]*\)\s*)+$", re.M)


def home_introduction(intro: str) -> str:
    r"""The README's introduction for the home page: no badges, no test instructions.

    The home page has its own launch buttons, and a reader needs the commands that open the
    course, not the ones that test the kit: the introduction stops at the section (or the
    paragraph) that leads to the README's ``<!-- test-command -->``. Its headings start at
    level 2, under the page's title.

    >>> print(home_introduction(
    ...     "[![B](b.svg)](x)\n\nA course.\n\n### Open it\n\n```\nopen\n```\n\n"
    ...     "### Test it\n\n<!-- test-command -->\n```\npytest\n```"
    ... ))
    A course.
    <BLANKLINE>
    ## Open it
    <BLANKLINE>
    ```
    open
    ```
    """
    intro = BADGE_LINE.sub("", intro).strip()
    marker = intro.find("<!-- test-command -->")
    if marker >= 0:
        before = intro[:marker].rstrip()
        course = max(before.find("<!-- course-command -->"), 0)
        headings = [m.start() for m in re.finditer(r"^#{2,6} ", before, re.M)]
        if headings and headings[-1] > course:
            intro = before[: headings[-1]]
        else:
            intro = before[: before.rfind("\n\n") + 1]
    intro = re.sub(r"\n*<!--[^>]*-->\n*", "\n\n", intro).strip()
    levels = [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", intro, re.M)]
    if levels and min(levels) != 2:
        shift = 2 - min(levels)
        intro = re.sub(
            r"^(#{1,6}) ", lambda m: "#" * (len(m.group(1)) + shift) + " ", intro, flags=re.M
        )
    return intro


MARKDOWN_LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def localise_links(text: str, source: str, course: Course) -> str:
    """Links between repository files, made to work on the site.

    ``source`` is the markdown's path in the repository. A link to README.md goes to the home
    page; a link to a file the site does not hold (code, solutions) goes to it on GitHub; links
    to lessons, pages and files under ``docs/`` stay as they are (Sphinx resolves them).
    """
    base = posixpath.dirname(source)
    staged = {f"notebooks/{p.name}" for p in course.lessons}
    staged |= {p.relative_to(course.root).as_posix() for p in course.pages}

    def rewrite(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target, re.I):
            return match.group(0)
        path, _, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(base, path))
        if resolved == "README.md":
            new = posixpath.relpath("index.md", base or ".")
        elif resolved in staged or resolved.startswith("docs/") or resolved.startswith(".."):
            return match.group(0)
        elif (course.root / resolved).exists() and course.repository:
            new = f"https://github.com/{course.repository}/blob/{course.branch}/{resolved}"
        else:
            return match.group(0)
        return match.group(1) + new + (f"#{fragment}" if fragment else "") + match.group(3)

    return MARKDOWN_LINK.sub(rewrite, text)


def home_page(course: Course, lite_url: str) -> str:
    """``index.md``: the course's title, introduction, launch links and course map."""
    intro = localise_links(local_markdown(home_introduction(course.intro)), "README.md", course)
    lines = [f"# {course.title}", "", intro, ""]
    first = course.lessons[0].name if course.lessons else None
    if first:
        # Raw HTML links: a relative JupyterLite URL is not a page Sphinx should resolve.
        links = [f'<a href="notebooks/{first[:-6]}.html">{first[:-6]}</a>']
        if course.repository:
            href = binder_url(course).format(path="notebooks/" + first, name=first)
            links.append(
                f'<a class="launch-button launch-binder" href="{href}">Launch on Binder</a>'
            )
        if lite_url:
            href = lite_url.format(path="notebooks/" + first, name=first)
            links.append(
                f'<a class="launch-button launch-lite" href="{href}">Launch in your browser</a>'
            )
        lines += ['<p class="launch-bar">Start here: ' + " ".join(links) + "</p>", ""]
    lines += ["## The course map", ""]
    if course.course_map:
        lines.append(localise_links(local_markdown(course.course_map), "README.md", course))
    else:
        lines += [f"1. [{_notebook_title(p)}](notebooks/{p.name})" for p in course.lessons]
    if course.pages:
        lines += ["", "## Also on this site", ""]
        lines += [
            f"- [{_page_title(p)}]({p.relative_to(course.root).as_posix()})" for p in course.pages
        ]
    lines += ["", "```{toctree}", ":hidden:", ":caption: Lessons", ""]
    lines += [f"notebooks/{p.stem}" for p in course.lessons]
    lines += ["```", ""]
    if course.pages:
        lines += ["```{toctree}", ":hidden:", ":caption: Reference", ""]
        lines += [p.relative_to(course.root).with_suffix("").as_posix() for p in course.pages]
        lines += ["```", ""]
    return "\n".join(lines)


def _notebook_title(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell["cell_type"] == "markdown":
            title, _ = _split_heading(_source(cell))
            if title:
                return title
    return path.stem


def binder_url(course: Course) -> str:
    """Binder's JupyterLab on one notebook: a template with ``{path}`` (repository-relative)."""
    if not course.repository:
        return ""
    return (
        f"https://mybinder.org/v2/gh/{course.repository}/{course.branch}?urlpath=lab/tree/{{path}}"
    )


def stage(course: Course, src: Path, lite_url: str) -> StageReport:
    """Write the Sphinx source folder ``src`` for ``course``."""
    report = StageReport()
    shutil.copy(SITE_CONFIG / "conf.py", src / "conf.py")
    shutil.copytree(
        SITE_CONFIG, src / "_site", ignore=shutil.ignore_patterns("conf.py", "__pycache__", "*.md")
    )
    settings = {
        "title": re.sub(r"[*`]", "", course.title),
        "author": course.repository.split("/")[0] if course.repository else "",
        "copyright": course.repository.split("/")[0] if course.repository else "",
        "repository_url": f"https://github.com/{course.repository}" if course.repository else "",
        "branch": course.branch,
        "binder_url": binder_url(course),
        "lite_url": lite_url,
        "lessons": [f"notebooks/{p.stem}" for p in course.lessons],
    }
    (src / "site_settings.json").write_text(json.dumps(settings, indent=1), encoding="utf-8")
    (src / "index.md").write_text(home_page(course, lite_url), encoding="utf-8")
    (src / "notebooks").mkdir()
    for path in course.lessons:
        source = f"notebooks/{path.name}"
        staged = stage_notebook(
            json.loads(path.read_text(encoding="utf-8")),
            report,
            links=lambda text, source=source: localise_links(text, source, course),
        )
        (src / "notebooks" / path.name).write_text(json.dumps(staged), encoding="utf-8")
    if (course.root / "docs").is_dir():  # files the pages link to (a PDF of the cheat sheet)
        shutil.copytree(
            course.root / "docs",
            src / "docs",
            ignore=shutil.ignore_patterns("*.md", "*.ipynb", "*.rst", "*.txt"),
            dirs_exist_ok=True,
        )
    for path in course.pages:
        source = path.relative_to(course.root).as_posix()
        text = local_markdown(path.read_text(encoding="utf-8"))
        target = src / source
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(on_aws_callouts(localise_links(text, source, course)), encoding="utf-8")
    return report


def build(
    out: Path, lite_url: str = DEFAULT_LITE_URL, root: Path = ROOT, quiet: bool = True
) -> StageReport:
    """Build the site into ``out`` (replaced if it exists); raise if Sphinx fails."""
    from sphinx.cmd.build import build_main

    course = Course.read(root)
    out = out.resolve()
    with tempfile.TemporaryDirectory(prefix="site-src-") as tmp:
        src = Path(tmp)
        report = stage(course, src, lite_url)
        if out.exists():
            shutil.rmtree(out)
        args = ["-b", "html", "-E", "-d", str(src / "_doctrees"), str(src), str(out)]
        if quiet:
            args.insert(0, "-q")
        status = build_main(args)
        if status:
            raise SystemExit(f"sphinx-build failed with status {status}")
    (out / ".buildinfo").unlink(missing_ok=True)
    for source_map in out.glob("_static/**/*.map"):  # for debugging the theme only: 3.5 MB
        source_map.unlink()
    for path in course.lessons:  # "Download .ipynb" gives the notebook itself, not its staging
        shutil.copy(path, out / "_sources" / "notebooks" / path.name)
    (out / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages: serve _static/ as is
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="folder to build into (replaced)")
    parser.add_argument(
        "--lite-url",
        default=DEFAULT_LITE_URL,
        help="JupyterLite URL for a notebook; {name} is its file name, {path} its path in the "
        "repository; a relative URL is relative to the site's root (default: %(default)s; "
        "empty: no JupyterLite button)",
    )
    parser.add_argument("--verbose", action="store_true", help="show Sphinx's progress")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    report = build(args.out, args.lite_url, quiet=not args.verbose)
    for asset in report.external_assets_removed:
        print(f"removed a reference to an asset outside the site: {asset[:100]}", file=sys.stderr)
    if report.fallback_alts:
        print(
            f"{len(report.fallback_alts)} image(s) have no text alternative of their own; "
            "a generic one was used",
            file=sys.stderr,
        )
    print(f"built {args.out / 'index.html'} in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
