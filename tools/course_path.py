"""The 90-minute path's size, from the notebooks' tags and the outline's plan.

    python tools/course_path.py            # a table: code cells and words per notebook, total
    python tools/course_path.py --check    # the same, exit 1 if the path is over its limits
    python tools/course_path.py 00-start-here 04-promote-and-rollback   # any list of notebooks

The 90-minute path is every cell NOT tagged ``deep-dive`` in the notebooks that the section
"A 90-minute workshop" of ``outline.md`` names (``NN-name``). On it:

- *code cells* are the cells a presenter runs;
- *words* are the words of its markdown cells, as a reader meets them: without the targets of
  links and images, HTML tags, and the folded answers of the ``questions`` cell
  (``<details>...</details>``, opened only on demand); code blocks inside markdown count.

The limits (issue 12): at most 60 code cells and about 4,000 words.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
OUTLINE = ROOT / "outline.md"
DEEP_DIVE = "deep-dive"
MAX_CODE_CELLS = 60
MAX_WORDS = 4000
PLAN_HEADING = "## A 90-minute workshop"

_NOTEBOOK_NAME = re.compile(r"\b(\d\d-[a-z0-9]+(?:-[a-z0-9]+)*)\b")
_FOLDED = re.compile(r"<details>.*?</details>", re.DOTALL | re.IGNORECASE)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[A-Za-z0-9$`][\w'’.$:/`-]*")


@dataclass(frozen=True)
class PathSize:
    """One notebook's share of the path."""

    notebook: str
    code_cells: int
    words: int
    deep_dive_cells: int

    def __repr__(self) -> str:
        return f"PathSize({self.notebook}: {self.code_cells} code cells, {self.words} words)"


def words(markdown: str) -> int:
    """Words a reader meets in a markdown cell.

    >>> words("See [the glossary](../docs/glossary.md) <b>now</b>.")
    4
    >>> words("Which ARN? <details><summary>Answer</summary>The alias ARN.</details>")
    2
    """
    text = _FOLDED.sub(" ", markdown)
    text = _LINK_TARGET.sub("]", text)
    text = _TAG.sub(" ", text)
    return len(_WORD.findall(text))


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def size(path: Path) -> PathSize:
    """Code cells and words on the path (cells not tagged ``deep-dive``) of one notebook."""
    nb = nbformat.read(str(path), as_version=4)
    on_path = [cell for cell in nb.cells if DEEP_DIVE not in tags(cell)]
    return PathSize(
        notebook=path.stem,
        code_cells=sum(cell.cell_type == "code" for cell in on_path),
        words=sum(words(cell.source) for cell in on_path if cell.cell_type == "markdown"),
        deep_dive_cells=len(nb.cells) - len(on_path),
    )


def plan_notebooks(outline: Path = OUTLINE, folder: Path = NOTEBOOKS) -> list[str]:
    """The notebooks (stems, in order, once each) that the outline's 90-minute plan names."""
    text = outline.read_text(encoding="utf-8")
    start = text.index(PLAN_HEADING)
    end = text.find("\n## ", start + len(PLAN_HEADING))
    section = text[start : end if end != -1 else len(text)]
    existing = {path.stem for path in folder.glob("*.ipynb")}
    names = [name for name in _NOTEBOOK_NAME.findall(section) if name in existing]
    return list(dict.fromkeys(names))


def path_sizes(names: list[str] | None = None, folder: Path = NOTEBOOKS) -> list[PathSize]:
    names = plan_notebooks(folder=folder) if names is None else names
    return [size(folder / f"{name}.ipynb") for name in names]


def over_limits(sizes: list[PathSize]) -> list[str]:
    """Sentences for every limit the path exceeds (empty when it fits)."""
    code = sum(item.code_cells for item in sizes)
    count = sum(item.words for item in sizes)
    found = []
    if code > MAX_CODE_CELLS:
        found.append(f"{code} code cells on the 90-minute path, more than {MAX_CODE_CELLS}")
    if count > MAX_WORDS:
        found.append(f"{count} words on the 90-minute path, more than {MAX_WORDS}")
    return found


def table(sizes: list[PathSize]) -> str:
    lines = [
        f"{'notebook':<28} {'code cells':>10} {'words':>6} {'deep-dive cells':>16}",
        *(
            f"{item.notebook:<28} {item.code_cells:>10} {item.words:>6} {item.deep_dive_cells:>16}"
            for item in sizes
        ),
        f"{'total':<28} {sum(i.code_cells for i in sizes):>10} "
        f"{sum(i.words for i in sizes):>6} {sum(i.deep_dive_cells for i in sizes):>16}",
        f"{'limits':<28} {MAX_CODE_CELLS:>10} {MAX_WORDS:>6}",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="stems; default: the outline's 90-min plan")
    parser.add_argument("--check", action="store_true", help="exit 1 if over the limits")
    args = parser.parse_args(argv)
    sizes = path_sizes(args.notebooks or None)
    print(table(sizes))
    problems = over_limits(sizes)
    for problem in problems:
        print(problem)
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
