"""Sphinx extension for the course website: the parts of a lesson page the notebook tags ask for.

``tools/build_site.py`` stages each notebook first (see ``stage_notebook`` there): it puts a
marker before and after every run of cells tagged ``deep-dive``, turns ``objectives`` and
``on-aws`` cells into admonitions, and records each output image's text alternative in the
cell's metadata (``site.alts``). This extension then, on every page read:

- folds each deep dive into a ``<details class="deep-dive">`` under its ``### Deep dive:``
  heading (the heading stays, so the page outline and anchors keep it);
- moves the objectives to the top of the page, under the title and the launch bar;
- adds the launch bar to each lesson: Binder (JupyterLab on that notebook) and JupyterLite;
- gives every image of a cell output its text alternative.

No script is involved: folds are HTML ``<details>`` elements.
"""

from __future__ import annotations

import html
import posixpath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

DEEP_DIVE_BEGIN = "site:deep-dive-begin"
DEEP_DIVE_END = "site:deep-dive-end"


class deep_dive_fold(nodes.General, nodes.Element):
    """A folded deep dive: ``<details class="deep-dive">`` in HTML."""


def visit_deep_dive_fold(translator: Any, node: deep_dive_fold) -> None:
    translator.body.append(
        '<details class="deep-dive"><summary><span class="deep-dive-badge">Deep dive</span> '
        "optional: the 90-minute path skips it. Show it</summary>"
        '<div class="deep-dive-body">'
    )


def depart_deep_dive_fold(translator: Any, node: deep_dive_fold) -> None:
    translator.body.append("</div></details>")


def _marker(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.raw) and name in node.astext()


def _top_child(ancestor: nodes.Element, node: nodes.Node) -> nodes.Node | None:
    """The child of ``ancestor`` that contains ``node``, or None if it is not inside."""
    while node is not None and node.parent is not ancestor:
        node = node.parent
    return node


def fold_deep_dives(doctree: nodes.document) -> int:
    """Fold every marked deep dive; return how many were folded."""
    begins = [n for n in doctree.findall(nodes.raw) if _marker(n, DEEP_DIVE_BEGIN)]
    ends = [n for n in doctree.findall(nodes.raw) if _marker(n, DEEP_DIVE_END)]
    folded = 0
    for begin, end in zip(begins, ends, strict=False):
        section = begin.next_node(nodes.section, descend=True, siblings=True, ascend=True)
        title = section.next_node(nodes.title) if section is not None else None
        if title is not None and title.astext().lower().startswith("deep dive"):
            body = section.children[1:]
            inner = _top_child(section, end)
            if inner is not None:
                body = section.children[1 : section.index(inner) + 1]
            section["classes"].append("deep-dive")
        elif begin.parent is end.parent:
            parent = begin.parent
            body = parent.children[parent.index(begin) + 1 : parent.index(end)]
            section = None
        else:
            logger.warning("deep dive without a '### Deep dive:' heading left unfolded")
            continue
        fold = deep_dive_fold()
        container = section if section is not None else begin.parent
        position = container.index(body[0]) if body else len(container.children)
        for child in list(body):
            container.remove(child)
            fold.append(child)
        container.insert(position, fold)
        folded += 1
    for marker in begins + ends:
        marker.parent.remove(marker)
    return folded


def move_objectives_to_top(doctree: nodes.document, after: int) -> bool:
    """Put the first ``objectives`` admonition right after the title (and launch bar)."""
    top = doctree.next_node(nodes.section)
    objectives = next(
        (n for n in doctree.findall(nodes.Element) if "objectives" in n.get("classes", [])),
        None,
    )
    if top is None or objectives is None:
        return False
    objectives.parent.remove(objectives)
    top.insert(after, objectives)
    return True


def launch_bar(docname: str, binder_url: str, lite_url: str) -> nodes.raw:
    """The lesson's "Launch" links: Binder (JupyterLab) and the in-browser JupyterLite."""
    notebook = posixpath.basename(docname) + ".ipynb"
    path = docname + ".ipynb"
    links = []
    if binder_url:
        href = binder_url.format(path=path, name=notebook)
        links.append(
            f'<a class="launch-button launch-binder" href="{html.escape(href)}">'
            'Launch on Binder <span class="launch-note">(JupyterLab)</span></a>'
        )
    if lite_url:
        href = lite_url.format(path=path, name=notebook)
        if "://" not in href and not href.startswith("/"):
            depth = docname.count("/")
            href = "../" * depth + href
        links.append(
            f'<a class="launch-button launch-lite" href="{html.escape(href)}">'
            'Launch in your browser <span class="launch-note">(JupyterLite)</span></a>'
        )
    text = (
        '<nav class="launch-bar" aria-label="Run this notebook">'
        '<span class="launch-label">Run this notebook:</span> ' + " ".join(links) + "</nav>"
    )
    return nodes.raw("", text, format="html")


def give_images_their_alt(doctree: nodes.document, docname: str) -> list[str]:
    """Set each cell output image's alt from ``cell_metadata['site']['alts']``."""
    missing = []
    for cell in doctree.findall(nodes.container):
        metadata = cell.get("cell_metadata") or {}
        alts = list((metadata.get("site") or {}).get("alts", []))
        for image in cell.findall(nodes.image):
            if not image.get("alt") and alts:
                image["alt"] = alts.pop(0)
    for image in doctree.findall(nodes.image):
        if not image.get("alt"):
            missing.append(image.get("uri", "?"))
    return missing


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    fold_deep_dives(doctree)
    position = 1
    if docname in app.config.site_lessons:
        top = doctree.next_node(nodes.section)
        if top is not None:
            top.insert(1, launch_bar(docname, app.config.site_binder_url, app.config.site_lite_url))
            position = 2
    move_objectives_to_top(doctree, position)
    for uri in give_images_their_alt(doctree, docname):
        logger.warning(f"{docname}: image without a text alternative: {uri}")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("site_binder_url", "", "html")
    app.add_config_value("site_lite_url", "", "html")
    app.add_config_value("site_lessons", [], "html")
    app.add_node(deep_dive_fold, html=(visit_deep_dive_fold, depart_deep_dive_fold))
    app.connect("doctree-read", on_doctree_read)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
