"""Re-execute the course notebooks in place, deterministically.

    python tools/refresh_notebooks.py                 # every notebooks/*.ipynb
    python tools/refresh_notebooks.py notebooks/03-aliases.ipynb
    python tools/refresh_notebooks.py --check         # write nothing; fail if outputs would change

Each notebook runs top to bottom in a fresh ``python3`` kernel (nbclient) with ``notebooks/``
as the working directory, as nbval runs it. Then, so that two refreshes give the same bytes:

- no per-cell timing metadata (``execution``), execution counts 1, 2, 3... in cell order;
- adjacent pieces of one stream merged (where the kernel cut a ``print`` depends on timing);
- no widget state in the notebook metadata (``widgets``), no Python version in
  ``language_info``, the kernelspec set to ``python3``. JupyterLab writes the kernel's
  version there when it opens a notebook, which would mark every stored notebook modified;
  the course's contents manager (``lambda_model/jupyter_contents.py``, installed with the
  package) serves each notebook with this machine's version filled in and saves it without,
  so the stored notebooks stay the same on every machine and open unmodified;
- figures are PNG (the inline default); SVG would be stable too (``notebooks/matplotlibrc``
  and ``SOURCE_DATE_EPOCH``), but an animation's HTML (``to_jshtml``) holds a random id, so
  figure and animation cells are tagged ``nbval-ignore-output``;
- a widget is stored as its ``text/plain`` fallback (its repr), without its
  ``application/vnd.jupyter.widget-view+json`` view: the widget state is not stored, so
  JupyterLab would show "Error displaying widget: model not found" until the cell is re-run,
  and the view's random model id would change the file on every refresh. The repr reads well
  on GitHub and nbviewer too; re-running the cell brings the live widget back;
- cells tagged ``nbval-skip`` are not run and keep no outputs; cells tagged
  ``raises-exception`` may raise; outputs of cells tagged ``nbval-ignore-output`` are stored
  as produced (figures, animations) but for widget views, as above.

``--check`` compares what strict nbval compares (the outputs of every cell not tagged
``nbval-ignore-output`` or ``nbval-skip``, without images, metadata, tracebacks and execution
counts) between the stored notebook and a fresh run, prints the differences, and exits 1 if
there are any. It is stricter than nbval in one way: a cell stored without outputs is
compared too.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import difflib
import json
import os
import re
import shlex
import time
import tomllib
from collections import defaultdict
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
IGNORE_OUTPUT = "nbval-ignore-output"
SKIP = "nbval-skip"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: What nbval leaves out of its comparison (nbval.plugin.IPyNbFile.skip_compare).
NBVAL_UNCOMPARED = frozenset(
    {
        "metadata",
        "traceback",
        "prompt_number",
        "output_type",
        "name",
        "execution_count",
        "application/vnd.jupyter.widget-view+json",
        "image/png",
        "image/jpeg",
    }
)


def course_notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def _tags(cell) -> list[str]:
    return list(cell.metadata.get("tags", []))


def prepare_kernel_environment() -> None:
    """What every kernel inherits: ``lambda_model`` imported from this checkout, whatever else
    is installed; and a fixed ``SOURCE_DATE_EPOCH``, so that a figure saved as SVG carries no
    wall-clock date (``notebooks/matplotlibrc`` fixes its element ids with ``svg.hashsalt``)."""
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")


def warm_matplotlib() -> None:
    """Build matplotlib's font cache here, so no kernel prints "building the font cache"."""
    with contextlib.suppress(ImportError):
        import matplotlib.font_manager  # noqa: F401


def execute(nb: nbformat.NotebookNode, timeout: int, cwd: Path) -> nbformat.NotebookNode:
    """Run a copy of ``nb`` top to bottom in a fresh kernel and return it, normalised."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.cell_type == "code" and SKIP in _tags(cell):
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
        store_widget_state=False,
        skip_cells_with_tag=SKIP,
    )
    client.execute()
    return normalise(nb)


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Strip what differs between runs and machines; number the executed cells 1, 2, 3..."""
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    language = nb.metadata.get("language_info")
    if language:
        language.pop("version", None)
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        if SKIP in _tags(cell) or cell.execution_count is None:
            cell.execution_count = None
            continue
        count += 1
        cell.execution_count = count
        cell.outputs = merge_adjacent_streams(without_widget_views(cell.outputs))
        stable_animation_ids(cell.outputs, count)
        for output in cell.outputs:
            if output.output_type == "execute_result":
                output.execution_count = count
    return nb


_ANIMATION_ID = re.compile(r"_anim_img([0-9a-f]{32})")


def stable_animation_ids(outputs: list, cell_number: int) -> None:
    """matplotlib's ``to_jshtml`` names its HTML elements with a random ``uuid4``: give each
    animation an id from its cell's number instead, so a refresh rewrites nothing that did
    not change."""
    for output in outputs:
        html = output.get("data", {}).get("text/html")
        if html is None:
            continue
        text = "".join(html) if isinstance(html, list) else html
        for n, random_id in enumerate(dict.fromkeys(_ANIMATION_ID.findall(text))):
            text = text.replace(random_id, f"{cell_number:016x}{n:016x}")
        output["data"]["text/html"] = text


def without_widget_views(outputs: list) -> list:
    """Each widget output reduced to its other MIME types (``text/plain``, the widget's repr);
    an output left with no data at all is dropped."""
    kept = []
    for output in outputs:
        data = output.get("data")
        if data is not None and WIDGET_VIEW in data:
            del data[WIDGET_VIEW]
            if not data:
                continue
        kept.append(output)
    return kept


def merge_adjacent_streams(outputs: list) -> list:
    """One output per run of same-named stream pieces: the kernel flushes ``stdout`` on a
    timer, so where one ``print`` is cut in two varies from run to run."""
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.output_type == "stream"
            and previous is not None
            and previous.output_type == "stream"
            and previous.name == output.name
        ):
            previous.text += output.text
        else:
            merged.append(output)
    return merged


def sanitize_patterns(pyproject: Path = ROOT / "pyproject.toml") -> list[tuple[str, str]]:
    """The regexes of ``--nbval-sanitize-with`` in pytest's addopts, if any (none today)."""
    options = tomllib.loads(pyproject.read_text())["tool"]["pytest"]["ini_options"]
    words = shlex.split(options.get("addopts", ""))
    for index, word in enumerate(words):
        if word.startswith("--nbval-sanitize-with"):
            name = word.partition("=")[2] or words[index + 1]
            text = (pyproject.parent / name).read_text()
            return re.findall(r"^regex: (.*)$\n^replace: (.*)$", text, flags=re.MULTILINE)
    return []


def nbval_view(outputs: list, patterns: list[tuple[str, str]] = ()) -> dict[str, list]:
    """The outputs as strict nbval compares them: streams merged by name, then every key
    (and every MIME type of ``data``) that nbval does not skip, sanitized."""
    from nbval.plugin import coalesce_streams, transform_streams_for_comparison

    def clean(value):
        if not isinstance(value, str):
            return value
        for regex, replacement in patterns:
            value = re.sub(regex, replacement, value)
        return value

    view: dict[str, list] = defaultdict(list)
    merged = transform_streams_for_comparison(coalesce_streams(copy.deepcopy(outputs)))
    for output in merged:
        for key, value in output.items():
            if key in NBVAL_UNCOMPARED:
                continue
            if key == "data":
                for mime, data in value.items():
                    if mime not in NBVAL_UNCOMPARED:
                        view[mime].append(clean(data))
            else:
                view[key].append(clean(value))
    return dict(view)


def differences(stored, fresh, patterns: list[tuple[str, str]] = ()) -> list[str]:
    """A readable diff for every checked cell whose nbval view changed."""
    found = []
    if len(stored.cells) != len(fresh.cells):
        return [f"the notebook has {len(stored.cells)} cells, the run {len(fresh.cells)}"]
    for index, (old, new) in enumerate(zip(stored.cells, fresh.cells, strict=True)):
        if old.cell_type != "code" or {IGNORE_OUTPUT, SKIP} & set(_tags(old)):
            continue
        before = nbval_view(old.outputs, patterns)
        after = nbval_view(new.outputs, patterns)
        if before != after:
            diff = difflib.unified_diff(
                json.dumps(before, indent=1, sort_keys=True).splitlines(),
                json.dumps(after, indent=1, sort_keys=True).splitlines(),
                "stored",
                "fresh run",
                lineterm="",
            )
            found.append(f"cell {index}:\n" + "\n".join(f"    {line}" for line in diff))
    return found


def refresh(path: Path, *, check: bool, timeout: int) -> bool:
    """Refresh (or check) one notebook, print one progress line; False on failure."""
    started = time.perf_counter()
    stored = nbformat.read(str(path), as_version=4)
    try:
        fresh = execute(stored, timeout, path.parent)
    except CellExecutionError as error:
        print(f"{path.name}: FAILED, a cell raised\n{error}", flush=True)
        return False
    seconds = time.perf_counter() - started
    cells = sum(cell.cell_type == "code" for cell in fresh.cells)
    if check:
        found = differences(stored, fresh, sanitize_patterns())
        verdict = "outputs unchanged" if not found else f"{len(found)} cells would change"
        print(f"{path.name}: {cells} code cells in {seconds:.1f} s, {verdict}", flush=True)
        for difference in found:
            print(difference)
        return not found
    text = nbformat.writes(fresh) + "\n"
    changed = text != path.read_text(encoding="utf-8")
    if changed:
        path.write_text(text, encoding="utf-8")
    verdict = "written" if changed else "unchanged"
    print(f"{path.name}: {cells} code cells in {seconds:.1f} s, {verdict}", flush=True)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--check", action="store_true", help="fail if any output would change")
    parser.add_argument("--timeout", type=int, default=120, help="seconds per cell (120)")
    args = parser.parse_args(argv)
    paths = [path.resolve() for path in args.notebooks] or course_notebooks()
    prepare_kernel_environment()
    warm_matplotlib()
    ok = True
    for number, path in enumerate(paths, 1):
        print(f"[{number}/{len(paths)}] ", end="", flush=True)
        ok &= refresh(path, check=args.check, timeout=args.timeout)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
