"""The course notebooks' lint: the rules nbval cannot see.

A cleared notebook passes nbval while checking nothing, a notebook run out of order stores
outputs nobody can reproduce, and a stored ``at 0x7f...`` fails on the next machine. Each
``*_problems`` function takes a notebook (as read by ``nbformat``) and returns a list of
sentences, empty when the rule holds. ``lint_notebook`` runs them all.

Run ``python tools/notebook_lint.py`` (from the repository root) to lint ``notebooks/``.

Examples
--------
>>> import nbformat.v4 as v4
>>> nb = v4.new_notebook(cells=[v4.new_code_cell("1 + 1")])
>>> nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
>>> execution_problems(nb)
['cell 0 was never executed (run tools/refresh_notebooks.py)']
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"

KERNEL_NAME = "python3"
OPENING = ("Overview", "Prerequisites", "Time to learn")
CLOSING = ("Summary", "What's next", "Resources")
IGNORE_OUTPUT = "nbval-ignore-output"
SKIP = "nbval-skip"
#: Outputs nbval cannot compare stably (pixels, animations, live widgets): tag those cells.
UNSTABLE_MIME = (
    "image/png",
    "image/jpeg",
    "image/svg+xml",
    "application/vnd.jupyter.widget-view+json",
)
UNSTABLE_HTML = ("<script", "<img")
LOAD = re.compile(r"^# ?%load (?P<target>\S+)\s*$", re.MULTILINE)
SOLUTION_NAME = re.compile(r"(?P<lesson>\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*\.py")
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.+?)\s*#*\s*$", re.MULTILINE)
MINUTES = re.compile(r"(?P<minutes>\d+)\s*minutes")
NBVAL_COMMENT = re.compile(r"^\s*#\s*NBVAL_[A-Z_]+", re.MULTILINE)
AWS_DOCS = "https://docs.aws.amazon.com/"
#: A path into the package's source, as a full traceback shows it (use ``%xmode Minimal``).
PACKAGE_PATH = re.compile(r"[/\\]lambda_model[/\\]\S*\.py")

# --- the teaching conventions (COMMON.md "Notebook tag conventions", kit guide 4c) ---------
OBJECTIVES = "objectives"
QUESTIONS = "questions"
DEEP_DIVE = "deep-dive"
ON_AWS = "on-aws"
HIDE_INPUT = "hide-input"
OBJECTIVES_LEAD = "After this notebook you can"
DEEP_DIVE_HEADING = "### Deep dive:"
ON_AWS_LEAD = "> **On AWS:**"
ANSWER = re.compile(r"<details>\s*<summary>Answer</summary>.+?</details>", re.DOTALL)
LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+\S", re.MULTILINE)
#: What only the simulator has, as a code cell uses it, and the word its ``on-aws`` callout
#: must name: ``{what: (pattern in code, word in the callout)}``. Updates that finish at
#: once have no call to detect; callouts about them are written by hand.
SIMULATOR_ONLY = {
    "account.history": (re.compile(r"\.history\b"), "history"),
    "the delivery log": (re.compile(r"\bdelivery_log\b"), "delivery"),
    "the simulated clock": (re.compile(r"\.clock\b|\.advance\(|\.run_until\("), "clock"),
}
#: Lessons still being given their objectives, questions, deep dives and ``on-aws``
#: callouts (on a branch of their own). The teaching rules skip them until they carry an
#: ``objectives`` or ``questions`` tag. Every lesson carries them now: keep it empty.
NOT_YET_TAGGED: frozenset[str] = frozenset()


def read(path: Path | str) -> nbformat.NotebookNode:
    return nbformat.read(str(path), as_version=4)


def course_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The course notebooks: ``notebooks/*.ipynb`` (not the solutions, not checkpoints)."""
    return sorted(folder.glob("*.ipynb"))


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _code_cells(nb) -> Iterator[tuple[int, dict]]:
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            yield index, cell


def output_text(output) -> str:
    """Every piece of text an output shows: streams, text data, errors."""
    parts = []
    if output.get("output_type") == "stream":
        parts.append(output.get("text", ""))
    for mime, value in output.get("data", {}).items():
        if mime.startswith("text/") or mime.endswith("json"):
            parts.append(value if isinstance(value, str) else str(value))
    if output.get("output_type") == "error":
        parts.append(f"{output.get('ename', '')}: {output.get('evalue', '')}")
        parts.extend(output.get("traceback", []))
    return "\n".join(parts)


def headings(nb) -> list[tuple[int, str]]:
    """``(cell index, heading text)`` for every markdown heading, in order."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        source = re.sub(r"```.*?```", "", cell.source, flags=re.DOTALL)
        found.extend((index, match["text"]) for match in HEADING.finditer(source))
    return found


def _normal(text: str) -> str:
    return text.replace("\u2019", "'").replace("*", "").strip().lower()


def _section_index(nb, name: str) -> int | None:
    """Position (in heading order) of the first heading that starts with ``name``."""
    for position, (_cell, text) in enumerate(headings(nb)):
        if _normal(text).startswith(_normal(name)):
            return position
    return None


def _section_text(nb, name: str) -> str:
    """The markdown from the heading ``name`` up to the next heading of the same or a higher
    level (or the end of the notebook)."""
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    lines = text.splitlines()
    start, level = None, 0
    for number, line in enumerate(lines):
        match = HEADING.match(line)
        if not match:
            continue
        if start is not None and len(match["level"]) <= level:
            return "\n".join(lines[start:number])
        if start is None and _normal(match["text"]).startswith(_normal(name)):
            start, level = number, len(match["level"])
    return "" if start is None else "\n".join(lines[start:])


def kernel_problems(nb) -> list[str]:
    name = nb.metadata.get("kernelspec", {}).get("name")
    if name != KERNEL_NAME:
        return [f"kernelspec name is {name!r}, not {KERNEL_NAME!r}"]
    return []


def execution_problems(nb) -> list[str]:
    """Every code cell executed (unless tagged nbval-skip), counts 1, 2, 3..., no timings."""
    problems = []
    expected = 1
    for index, cell in _code_cells(nb):
        if "execution" in cell.metadata:
            problems.append(f"cell {index} stores timing metadata (run tools/refresh_notebooks.py)")
        if SKIP in tags(cell):
            continue
        count = cell.get("execution_count")
        if count is None:
            problems.append(f"cell {index} was never executed (run tools/refresh_notebooks.py)")
            continue
        if count != expected:
            problems.append(
                f"cell {index} has execution count {count}, expected {expected}: "
                "run the notebook top to bottom (tools/refresh_notebooks.py)"
            )
        expected = count + 1
    return problems


def section_problems(nb) -> list[str]:
    """The Pythia opening and closing sections, as headings, in order."""
    problems = []
    positions = {}
    for name in OPENING + CLOSING:
        position = _section_index(nb, name)
        if position is None:
            problems.append(f"no heading {name!r}")
        else:
            positions[name] = position
    order = [name for name in OPENING + CLOSING if name in positions]
    for before, after in itertools.pairwise(order):
        if positions[before] > positions[after]:
            problems.append(f"heading {before!r} comes after {after!r}")
    if "Time to learn" in positions and not MINUTES.search(_section_text(nb, "Time to learn")):
        problems.append("the 'Time to learn' section does not say how many minutes")
    if "Resources" in positions and AWS_DOCS not in _section_text(nb, "Resources"):
        problems.append(f"the 'Resources' section links to no page under {AWS_DOCS}")
    return problems


def time_to_learn(nb) -> int | None:
    """The minutes the 'Time to learn' section announces."""
    match = MINUTES.search(_section_text(nb, "Time to learn"))
    return int(match["minutes"]) if match else None


def load_targets(nb) -> list[str]:
    """Every ``# %load`` target of the notebook's code cells, in order."""
    return [
        match["target"] for _index, cell in _code_cells(nb) for match in LOAD.finditer(cell.source)
    ]


def load_problems(nb, folder: Path = NOTEBOOKS) -> list[str]:
    """Every ``# %load solutions/NN-name.py`` names a file that exists."""
    problems = []
    for target in load_targets(nb):
        if not target.startswith("solutions/") or not SOLUTION_NAME.fullmatch(target[10:]):
            problems.append(f"%load target {target} is not solutions/NN-name.py")
        elif not (folder / target).is_file():
            problems.append(f"%load target {target} does not exist")
    return problems


def widget_state_problems(nb) -> list[str]:
    if "widgets" in nb.metadata:
        return ["notebook metadata stores widget state (run tools/refresh_notebooks.py)"]
    return []


def output_problems(nb, local_paths: tuple[str, ...] = (str(ROOT), "site-packages")) -> list[str]:
    """No memory address, no path of this machine, in any stored output.

    A cell that teaches an error shows it without a traceback through the package's files
    when the notebook runs ``%xmode Minimal`` first."""
    problems = []
    for index, cell in _code_cells(nb):
        text = "\n".join(output_text(output) for output in cell.get("outputs", []))
        if " at 0x" in text:
            problems.append(f"cell {index} shows a memory address (' at 0x'): give it a __repr__")
        for path in local_paths:
            if path in text:
                problems.append(f"cell {index} shows a path of this machine ({path})")
        if PACKAGE_PATH.search(text):
            problems.append(
                f"cell {index} shows a traceback through lambda_model's files: "
                "run %xmode Minimal at the top of the notebook"
            )
    return problems


def tag_problems(nb) -> list[str]:
    """Cells are tagged, not commented; unstable outputs are tagged nbval-ignore-output."""
    problems = []
    for index, cell in _code_cells(nb):
        if NBVAL_COMMENT.search(cell.source):
            problems.append(f"cell {index} uses an # NBVAL_ comment: use a cell tag instead")
        if IGNORE_OUTPUT in tags(cell) or SKIP in tags(cell):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            unstable = [mime for mime in UNSTABLE_MIME if mime in data]
            html = data.get("text/html", "")
            html = html if isinstance(html, str) else "".join(html)
            if any(marker in html for marker in UNSTABLE_HTML):
                unstable.append("text/html with a script or image")
            if unstable:
                problems.append(
                    f"cell {index} shows {', '.join(unstable)} but is not tagged {IGNORE_OUTPUT}"
                )
                break
    return problems


def _tagged(nb, tag: str) -> list[tuple[int, dict]]:
    return [(index, cell) for index, cell in enumerate(nb.cells) if tag in tags(cell)]


def objectives_problems(nb) -> list[str]:
    """One markdown cell tagged ``objectives``: "After this notebook you can", 2-4 items."""
    found = _tagged(nb, OBJECTIVES)
    if len(found) != 1:
        return [f"{len(found)} cells tagged {OBJECTIVES!r}, expected 1"]
    index, cell = found[0]
    problems = []
    if cell.cell_type != "markdown" or OBJECTIVES_LEAD not in cell.source:
        problems.append(f"cell {index} ({OBJECTIVES}) does not say {OBJECTIVES_LEAD!r}")
    items = len(LIST_ITEM.findall(cell.source))
    if not 2 <= items <= 4:
        problems.append(f"cell {index} ({OBJECTIVES}) lists {items} objectives, not 2 to 4")
    return problems


def questions_problems(nb) -> list[str]:
    """One markdown cell tagged ``questions`` after the objectives: 2-4 questions, each with
    its answer folded in ``<details><summary>Answer</summary>...</details>``."""
    found = _tagged(nb, QUESTIONS)
    if len(found) != 1:
        return [f"{len(found)} cells tagged {QUESTIONS!r}, expected 1"]
    index, cell = found[0]
    problems = []
    answers = len(ANSWER.findall(cell.source))
    if cell.cell_type != "markdown" or not 2 <= answers <= 4:
        problems.append(
            f"cell {index} ({QUESTIONS}) has {answers} folded answers, not 2 to 4 "
            "(<details><summary>Answer</summary>...</details>)"
        )
    if cell.source.count("<details>") != answers:
        problems.append(f"cell {index} ({QUESTIONS}) has a <details> without an Answer summary")
    objectives = _tagged(nb, OBJECTIVES)
    if objectives and objectives[0][0] > index:
        problems.append(f"cell {index} ({QUESTIONS}) comes before the objectives")
    return problems


def deep_dive_problems(nb) -> list[str]:
    """Each run of ``deep-dive`` cells starts with a markdown heading ``### Deep dive: ...``."""
    problems = []
    previous = False
    for index, cell in enumerate(nb.cells):
        inside = DEEP_DIVE in tags(cell)
        if inside and not previous:
            first = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
            if cell.cell_type != "markdown" or not first.startswith(DEEP_DIVE_HEADING):
                problems.append(
                    f"cell {index} starts a deep dive without a {DEEP_DIVE_HEADING!r} heading"
                )
        previous = inside
    return problems


def on_aws_problems(nb) -> list[str]:
    """Every ``on-aws`` cell is a callout starting ``> **On AWS:**``, and every simulator-only
    tool a code cell uses is named by one of them."""
    problems = []
    callouts = []
    for index, cell in _tagged(nb, ON_AWS):
        if cell.cell_type != "markdown" or not cell.source.lstrip().startswith(ON_AWS_LEAD):
            problems.append(f"cell {index} ({ON_AWS}) does not start {ON_AWS_LEAD!r}")
        callouts.append(cell.source.lower())
    code = "\n".join(cell.source for _index, cell in _code_cells(nb))
    for what, (pattern, word) in SIMULATOR_ONLY.items():
        if pattern.search(code) and not any(word in text for text in callouts):
            problems.append(
                f"uses {what} but no {ON_AWS!r} callout ({ON_AWS_LEAD} ...) mentions {word!r}"
            )
    return problems


def hide_input_problems(nb) -> list[str]:
    """A ``hide-input`` code cell is also collapsed in JupyterLab (``source_hidden``)."""
    return [
        f"cell {index} is tagged {HIDE_INPUT} but its source is not hidden in JupyterLab "
        '(metadata "jupyter": {"source_hidden": true})'
        for index, cell in _tagged(nb, HIDE_INPUT)
        if not cell.metadata.get("jupyter", {}).get("source_hidden")
    ]


TEACHING_RULES = (
    objectives_problems,
    questions_problems,
    deep_dive_problems,
    on_aws_problems,
    hide_input_problems,
)


def follows_teaching_rules(path: Path, nb=None) -> bool:
    """Whether the teaching rules apply: the lesson is not in ``NOT_YET_TAGGED``, or it
    already carries an ``objectives`` or ``questions`` tag."""
    nb = read(path) if nb is None else nb
    return path.name[:2] not in NOT_YET_TAGGED or bool(
        _tagged(nb, OBJECTIVES) or _tagged(nb, QUESTIONS)
    )


def lint_notebook(path: Path, folder: Path | None = None) -> list[str]:
    """Every rule, for one notebook file."""
    nb = read(path)
    folder = path.parent if folder is None else folder
    teaching = [
        problem
        for rule in (TEACHING_RULES if follows_teaching_rules(path, nb) else ())
        for problem in rule(nb)
    ]
    return [
        *teaching,
        *kernel_problems(nb),
        *execution_problems(nb),
        *section_problems(nb),
        *load_problems(nb, folder),
        *widget_state_problems(nb),
        *output_problems(nb),
        *tag_problems(nb),
    ]


def solution_problems(folder: Path = NOTEBOOKS) -> list[str]:
    """Every solution is named ``NN-name.py`` and is loaded by notebook ``NN-*.ipynb``."""
    loaded: dict[str, set[str]] = {}
    for path in course_notebooks(folder):
        for target in load_targets(read(path)):
            loaded.setdefault(target, set()).add(path.name[:2])
    problems = []
    for solution in sorted((folder / "solutions").glob("*")):
        if solution.suffix != ".py":
            if solution.name != "__pycache__":
                problems.append(f"solutions/{solution.name} is not a .py file")
            continue
        if not SOLUTION_NAME.fullmatch(solution.name):
            problems.append(f"solutions/{solution.name} is not named NN-name.py")
            continue
        lessons = loaded.get(f"solutions/{solution.name}", set())
        if solution.name[:2] not in lessons:
            problems.append(
                f"solutions/{solution.name} is not %load-ed by a notebook {solution.name[:2]}-*"
            )
    return problems


def main(argv: list[str] | None = None) -> int:
    paths = [Path(arg) for arg in (argv or [])] or course_notebooks()
    failed = False
    for path in paths:
        problems = lint_notebook(path)
        failed |= bool(problems)
        print(f"{path}: {'ok' if not problems else f'{len(problems)} problems'}")
        for problem in problems:
            print(f"  - {problem}")
    problems = solution_problems()
    for problem in problems:
        print(f"solutions: {problem}")
    return 1 if failed or problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
