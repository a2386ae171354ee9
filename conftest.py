"""Pytest set-up for the course notebooks, which strict nbval runs (see pyproject's addopts)."""

import contextlib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent

#: Solutions are plain Python that tests/notebooks/test_solutions.py runs through their checks;
#: pytest must never collect them on their own.
collect_ignore_glob = ["notebooks/solutions/*"]


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    """Prepare the environment the notebook kernels inherit, before any of them starts.

    - Kernels import ``lambda_model`` from this checkout, even when the environment holds a
      copy installed from elsewhere.
    - matplotlib's font cache is built here: on a fresh machine, the first kernel to import
      matplotlib would otherwise print "Matplotlib is building the font cache" on stderr, an
      output strict nbval does not expect.
    """
    if not session.config.getoption("nbval", default=False):
        return
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    os.environ["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    with contextlib.suppress(ImportError):
        import matplotlib.font_manager  # noqa: F401
