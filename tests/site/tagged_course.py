"""A tiny course whose one notebook uses every tag the site honours, and both animation forms.

The real notebooks change as the course grows; this one pins down what each tag must turn
into on a page, whatever the real notebooks hold today.
"""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat.v4 as v4

#: An SVG animated with SMIL (an <img> on the page, as myst-nb stores image/svg+xml).
SMIL_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80">
<title>Smil arrow</title><desc>An arrow that swings from version 1 to version 2.</desc>
<rect width="240" height="80" fill="#fff"/>
<circle cx="20" cy="40" r="15" fill="#0072B2">
<animate attributeName="cx" values="20;220;20" dur="1.2s" repeatCount="indefinite"/>
</circle></svg>"""

#: An SVG animated with CSS, inline in an HTML output (embedded in the page as it is).
CSS_SVG_HTML = """<div class="pointer-picture">
<style>@keyframes swing { from { transform: translateX(0); } to { transform: translateX(180px); } }
.css-dot { animation: swing 1s linear infinite alternate; }</style>
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Css arrow moving" width="240"
 height="80" viewBox="0 0 240 80"><rect width="240" height="80" fill="#fff"/>
<circle class="css-dot" cx="20" cy="40" r="15" fill="#D55E00"/></svg></div>"""

PNG_1PX = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e5273ea90000000049454e44ae426082"
    )
).decode()


def _cell(kind: str, source: str, *tags: str, outputs=None):
    cell = v4.new_markdown_cell(source) if kind == "md" else v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    if outputs is not None:
        cell.outputs = outputs
        cell.execution_count = 1
    return cell


def tagged_notebook():
    display = v4.new_output
    cells = [
        _cell("md", "# Tagged lesson\n\nThe introduction."),
        _cell("md", "## Overview\n\nWhat this lesson covers."),
        _cell(
            "md",
            "## Objectives\n\nAfter this notebook you can:\n\n- fold a deep dive\n- hide helpers",
            "objectives",
        ),
        _cell(
            "code",
            "def helper_plumbing():\n    return 'plumbing'",
            "hide-input",
            outputs=[display("stream", name="stdout", text="helper output shown\n")],
        ),
        _cell(
            "code",
            "def folded_in_jupyterlab():\n    pass",
            outputs=[display("stream", name="stdout", text="folded cell output\n")],
        ),
        _cell("md", "## Main path\n\nThe lesson itself, about an alias."),
        _cell("md", "### Deep dive: the inner workings\n\nDeep prose.", "deep-dive"),
        _cell(
            "code",
            "print('deep')",
            "deep-dive",
            outputs=[display("stream", name="stdout", text="deep output\n")],
        ),
        _cell("md", "### Deep dive: a second one, right after\n\nSecond prose.", "deep-dive"),
        _cell(
            "md",
            "Back on the main path after the deep dive. The [README](../README.md) says how "
            "to install; [the solution](solutions/00-tagged.py) is a file of the repository.",
        ),
        _cell("md", "> **On AWS:** use CloudTrail LookupEvents instead of the history.", "on-aws"),
        _cell(
            "code",
            "smil_picture()",
            outputs=[
                display("display_data", data={"image/svg+xml": SMIL_SVG, "text/plain": "<SVG>"})
            ],
        ),
        _cell(
            "code",
            "css_picture()",
            outputs=[
                display(
                    "display_data",
                    data={
                        "text/html": '<link rel="stylesheet" href="https://cdn.example.org/x.css">'
                        + CSS_SVG_HTML,
                        "text/plain": "<HTML>",
                    },
                )
            ],
        ),
        _cell(
            "code",
            "chart()",
            outputs=[
                display(
                    "display_data",
                    data={"image/png": PNG_1PX, "text/plain": "<Figure size 1x1 with 1 Axes>"},
                    metadata={"image/png": {"alt": "A one-pixel chart"}},
                )
            ],
        ),
        _cell(
            "md",
            "## Questions\n\n1. Why an alias?\n\n<details>\n<summary>Answer</summary>\n\n"
            "Because the event source never changes.\n\n</details>",
            "questions",
        ),
    ]
    cells[4].metadata["jupyter"] = {"source_hidden": True}  # folded in JupyterLab, no tag
    nb = v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def write_tagged_course(root: Path) -> Path:
    """Write README.md, outline.md, docs/glossary.md and notebooks/00-tagged.ipynb under root."""
    import nbformat

    (root / "notebooks").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "README.md").write_text(
        "# Tagged course\n\n"
        "[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/"
        "example/tagged/main?urlpath=lab/tree/notebooks/00-tagged.ipynb)\n\n"
        "A course to test the site.\n\n## The course\n\n"
        "| Notebook | What |\n| --- | --- |\n| [00-tagged](notebooks/00-tagged.ipynb) | Tags |\n",
        encoding="utf-8",
    )
    (root / "outline.md").write_text("# Instructor outline\n\nTimings.\n", encoding="utf-8")
    (root / "docs" / "glossary.md").write_text(
        "# Glossary\n\n## Alias\n\nA name that points at a version. Print the "
        "[cheat sheet](cheatsheet.pdf).\n",
        encoding="utf-8",
    )
    (root / "docs" / "cheatsheet.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (root / "notebooks" / "solutions").mkdir()
    (root / "notebooks" / "solutions" / "00-tagged.py").write_text("answer = 42\n")
    nbformat.write(tagged_notebook(), root / "notebooks" / "00-tagged.ipynb")
    return root
