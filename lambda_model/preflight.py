"""Preflight: is this machine ready for the course? Run ``python -m lambda_model.preflight``.

It checks the Python version, that ``lambda_model`` imports, that the packages of the
``[lab]`` and ``[aws]`` extras import (with their versions), that JupyterLab's widget
extension is installed, and that a tiny simulation runs (create a function, publish a
version, point an alias at it, invoke through the alias). It prints a PASS/FAIL table and
exits with status 1 when any check fails.

Examples
--------
>>> from lambda_model import preflight
>>> preflight.check_simulation().passed
True
>>> print(preflight.Report([preflight.check_simulation()]).table(show_versions=False))
check            result  detail
tiny simulation  PASS    thumbnailer:PROD ran version 1
all 1 checks passed: you are ready for the course
"""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import json
import platform
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "INSTALL_HINT",
    "MINIMUM_PYTHON",
    "PACKAGES",
    "WIDGET_EXTENSION",
    "Check",
    "Report",
    "check_lambda_model",
    "check_package",
    "check_python",
    "check_simulation",
    "check_widget_extension",
    "main",
    "run",
]

MINIMUM_PYTHON = (3, 11)

#: The packages of the ``[lab]`` extra (which includes ``[aws]``): distribution, import name
#: and minimum version, kept equal to ``pyproject.toml`` by a test.
PACKAGES: tuple[tuple[str, str, str], ...] = (
    ("jupyterlab", "jupyterlab", "4.2"),
    ("ipywidgets", "ipywidgets", "8.1"),
    ("matplotlib", "matplotlib", "3.8"),
    ("networkx", "networkx", "3.2"),
    ("pillow", "PIL", "10"),
    ("awscli", "awscli", "1.46"),
    ("boto3", "boto3", "1.34"),
)

#: Found, not imported: JupyterLab runs in the server process, not in the kernel, and
#: importing it takes about a second; awscli, imported on its own, would make a later
#: ``import botocore`` load the copy it carries (``lambda_model.aws`` imports it safely).
_FIND_ONLY = frozenset({"jupyterlab", "awscli"})

#: JupyterLab's extension for ipywidgets (shipped by the ``jupyterlab_widgets`` package).
WIDGET_EXTENSION = "@jupyter-widgets/jupyterlab-manager"

#: The README's course command installs everything the course needs.
INSTALL_HINT = 'python -m pip install ".[lab]"'


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome of one check.

    ``found`` is what this machine has (a version, a path): it differs between machines.
    ``detail`` is the same everywhere: what was verified, or how to fix a failure.
    """

    name: str
    passed: bool
    detail: str = ""
    found: str = ""

    def __repr__(self) -> str:
        result = "PASS" if self.passed else "FAIL"
        return f"Check({self.name}: {result})"


@dataclass(frozen=True, slots=True)
class Report:
    """All the checks, rendered as a table by :meth:`table`."""

    checks: Sequence[Check]

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [check for check in self.checks if not check.passed]

    def __repr__(self) -> str:
        return f"Report({len(self.checks)} checks, {len(self.failures)} failed)"

    def table(self, *, show_versions: bool = True) -> str:
        """The PASS/FAIL table. ``show_versions=False`` leaves out what differs by machine."""
        rows = [("check", "result", "detail")]
        for check in self.checks:
            found = check.found if show_versions else ""
            detail = "; ".join(text for text in (found, check.detail) if text)
            rows.append((check.name, "PASS" if check.passed else "FAIL", detail))
        widths = [max(len(row[i]) for row in rows) for i in range(2)]
        lines = []
        for name, result, detail in rows:
            line = f"{name.ljust(widths[0])}  {result.ljust(widths[1])}  {detail}"
            lines.append(line.rstrip())
        if self.passed:
            lines.append(f"all {len(self.checks)} checks passed: you are ready for the course")
        else:
            lines.append(
                f"{len(self.failures)} of {len(self.checks)} checks failed: "
                "fix the FAIL lines above, then run the preflight again"
            )
        return "\n".join(lines)


def _version_tuple(text: str) -> tuple[int, ...]:
    """The leading numeric release of a version string: ``"3.11.2rc1"`` -> ``(3, 11, 2)``."""
    numbers = []
    for part in text.split("."):
        digits = ""
        for char in part:
            if not char.isdigit():
                break
            digits += char
        if not digits:
            break
        numbers.append(int(digits))
        if len(digits) != len(part):
            break
    return tuple(numbers)


def _at_least(version: str, minimum: str) -> bool:
    return _version_tuple(version) >= _version_tuple(minimum)


def check_python(version_info: Sequence[int] | None = None) -> Check:
    """Python must be 3.11 or newer."""
    info = tuple(sys.version_info[:3] if version_info is None else version_info)
    needed = ".".join(map(str, MINIMUM_PYTHON))
    found = ".".join(map(str, info))
    name = f"Python >= {needed}"
    if info[:2] >= MINIMUM_PYTHON:
        return Check(name, True, found=found)
    return Check(name, False, f"install Python {needed} or newer", found)


def check_lambda_model() -> Check:
    """The kit itself imports."""
    try:
        module = importlib.import_module("lambda_model")
    except Exception as exc:  # a broken install can raise anything
        return Check("lambda_model imports", False, f"{type(exc).__name__}: {exc}; {INSTALL_HINT}")
    return Check("lambda_model imports", True, found=module.__version__)


def _package_folder() -> str:
    spec = importlib.util.find_spec("lambda_model")
    return str(Path(spec.origin).parent) if spec and spec.origin else "nowhere"


def check_package(distribution: str, module: str, minimum: str) -> Check:
    """A package of the ``[lab]`` extra imports and is at least ``minimum``."""
    name = f"{distribution} >= {minimum}"
    hint = INSTALL_HINT
    try:
        if module in _FIND_ONLY:
            if importlib.util.find_spec(module) is None:
                raise ImportError(module)
        else:
            importlib.import_module(module)
        version = importlib.metadata.version(distribution)
    except ImportError:
        return Check(name, False, f"missing: {hint}")
    except importlib.metadata.PackageNotFoundError:
        return Check(name, False, f"imports but is not installed as {distribution}: {hint}")
    except Exception as exc:
        return Check(name, False, f"{type(exc).__name__} on import: {hint}")
    if not _at_least(version, minimum):
        return Check(name, False, f"too old: {hint}", version)
    return Check(name, True, found=version)


def _labextension_dirs() -> list[Path]:
    try:
        from jupyter_core.paths import jupyter_path
    except ImportError:
        return [Path(sys.prefix, "share", "jupyter", "labextensions")]
    return [Path(path) for path in jupyter_path("labextensions")]


def check_widget_extension(search_path: Sequence[Path] | None = None) -> Check:
    """JupyterLab's widget manager extension is installed, so widgets render."""
    name = "widget extension"
    for directory in _labextension_dirs() if search_path is None else search_path:
        package_json = Path(directory, *WIDGET_EXTENSION.split("/"), "package.json")
        if package_json.is_file():
            try:
                version = json.loads(package_json.read_text(encoding="utf-8"))["version"]
            except (OSError, ValueError, KeyError):
                version = "unknown version"
            return Check(name, True, "widgets can render", f"{WIDGET_EXTENSION} {version}")
    return Check(
        name, False, f"{WIDGET_EXTENSION} not found: python -m pip install jupyterlab_widgets"
    )


def _handler(event, context):
    return {"version": context.function_version}


def check_simulation() -> Check:
    """A tiny simulation: create a function, publish, alias it, invoke through the alias."""
    name = "tiny simulation"
    try:
        from lambda_model import Account

        account = Account(seed=0)
        account.create_function("thumbnailer", _handler)
        version = account.publish_version("thumbnailer").version
        account.create_alias("thumbnailer", "PROD", version)
        result = account.invoke("thumbnailer", {}, qualifier="PROD")
    except Exception as exc:
        return Check(name, False, f"{type(exc).__name__}: {exc}")
    if result.status_code != 200 or result.executed_version != version:
        return Check(name, False, f"unexpected result {result!r}")
    return Check(name, True, f"thumbnailer:PROD ran version {result.executed_version}")


def run(checks: Sequence[Callable[[], Check]] | None = None) -> Report:
    """Run every check (or the given ones) and return the :class:`Report`."""
    if checks is None:
        checks = [
            check_python,
            check_lambda_model,
            *[lambda p=package: check_package(*p) for package in PACKAGES],
            check_widget_extension,
            check_simulation,
        ]
    return Report([check() for check in checks])


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table (with versions unless ``--no-versions``); 0 when all pass, else 1."""
    args = list(sys.argv[1:] if argv is None else argv)
    show_versions = "--no-versions" not in args
    report = run()
    if show_versions:
        print(f"lambda-model preflight: Python {platform.python_version()} at {sys.executable}")
        print(f"lambda_model from {_package_folder()}")
    print(report.table(show_versions=show_versions))
    return 0 if report.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
