"""Build the course as a JupyterLite site: a folder of static files that runs offline.

    python tools/build_lite.py --out DIR            # DIR/lab/index.html?path=00-start-here.ipynb

The site runs Python in each visitor's browser (Pyodide). Everything it needs is in DIR:
the Pyodide runtime (from the npm package ``pyodide``), the kit's own wheel built from this
checkout, every pure-Python package the course imports (networkx, ipywidgets, boto3 and their
dependencies, locked with the Pyodide lock add-on), and the course notebooks with their stored
outputs at the root of the contents. Nothing is fetched from a CDN at run time, and
``%pip install`` finds the bundled packages without reaching PyPI. matplotlib (and numpy)
exist for Pyodide only on its CDN, so the site has none: charts print one line saying they
need the full install.

The build itself needs, on the building machine only:

- **Python 3.12 or newer** (the Pyodide lock add-on of jupyterlite-pyodide-kernel needs it).
  This script may run on 3.11; it finds a suitable interpreter in ``$LAMBDA_MODEL_LITE_PYTHON``,
  then the running one, then ``python3.13``/``python3.12`` on ``PATH``, then pyenv's
  ``~/.pyenv/versions/3.1x.*``, and says so clearly when there is none.
- ``npm`` (for the ``pyodide`` package) and access to PyPI and the npm registry. Both are
  cached in ``~/.cache/lambda-model/lite-build`` (or ``$LAMBDA_MODEL_LITE_CACHE``): a second
  build downloads nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO_ROOT / "notebooks"
BINDER_PINS = REPO_ROOT / "binder" / "requirements.txt"

#: The oldest Python the Pyodide lock add-on runs on.
MINIMUM_PYTHON = (3, 12)
PYTHON_ENV_VAR = "LAMBDA_MODEL_LITE_PYTHON"
CACHE_ENV_VAR = "LAMBDA_MODEL_LITE_CACHE"

#: jupyterlite-core and jupyterlite-pyodide-kernel, same version (0.8.6 builds offline).
JUPYTERLITE_VERSION = "0.8.6"
#: The Pyodide runtime the kernel of that version expects (its ``PYODIDE_VERSION``).
PYODIDE_VERSION = "314.0.6"
#: The build tools, pinned; jupyterlab_widgets brings the widget manager into the site.
BUILD_REQUIREMENTS = (
    f"jupyterlite-core[contents]=={JUPYTERLITE_VERSION}",
    f"jupyterlite-pyodide-kernel[lock]=={JUPYTERLITE_VERSION}",
    "pyodide-lock[uv]==0.2.1",
    "uv==0.13.9",
)
#: What the course imports in the browser (the kit's own wheel comes from this checkout);
#: versions, of these and of their dependencies, come from ``binder/requirements.txt``.
COURSE_PACKAGES = ("networkx", "ipywidgets", "boto3")
#: What the kernel loads besides its own wheels, at the versions the Pyodide lock names.
KERNEL_PACKAGES = ("micropip",)
#: Pins of binder/requirements.txt not applied in the browser: the kernel brings its own
#: ``ipykernel`` (a shim), and these never run there.
NOT_IN_BROWSER = frozenset({"ipykernel", "jupyterlab", "notebook", "jupyter-server"})
#: The botocore service models the course's clients use (lambda and s3; sqs and sts are
#: small and let a learner try a first call beyond them). The full botocore wheel is ~17 MB.
BOTOCORE_SERVICES = ("lambda", "s3", "sqs", "sts")

DEFAULT_NOTEBOOK = "00-start-here.ipynb"


class BuildError(RuntimeError):
    """The site cannot be built here; the message says what is missing."""


# --- finding a Python for the build -------------------------------------------------------


def python_version(executable: str | os.PathLike[str]) -> tuple[int, int] | None:
    """``(major, minor)`` of a Python executable, or ``None`` when it does not run."""
    try:
        out = subprocess.run(
            [str(executable), "-c", "import sys; print(*sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    major, minor = out.split()
    return int(major), int(minor)


def candidate_pythons(environ: Mapping[str, str] | None = None) -> list[str]:
    """Where a Python for the build may be, in the order they are tried."""
    environ = os.environ if environ is None else environ
    found: list[str] = []
    if environ.get(PYTHON_ENV_VAR):
        found.append(environ[PYTHON_ENV_VAR])
    found.append(sys.executable)
    for name in ("python3.13", "python3.12", "python3.14"):
        path = shutil.which(name, path=environ.get("PATH"))
        if path:
            found.append(path)
    pyenv_root = Path(environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    versions = sorted(
        (pyenv_root / "versions").glob("3.1[2-9]*/bin/python3"),
        key=lambda p: [int(n) for n in re.findall(r"\d+", p.parts[-3])],
        reverse=True,
    )
    found.extend(str(p) for p in versions)
    return found


def find_build_python(environ: Mapping[str, str] | None = None) -> str:
    """The first candidate Python that is at least :data:`MINIMUM_PYTHON`."""
    environ = os.environ if environ is None else environ
    tried = []
    for candidate in candidate_pythons(environ):
        version = python_version(candidate)
        tried.append(f"{candidate} ({'.'.join(map(str, version)) if version else 'does not run'})")
        if version and version >= MINIMUM_PYTHON:
            return candidate
        if candidate == environ.get(PYTHON_ENV_VAR):
            break
    needed = ".".join(map(str, MINIMUM_PYTHON))
    raise BuildError(
        f"The JupyterLite build needs Python >= {needed} (for the Pyodide lock add-on) and "
        f"found none. Tried: {'; '.join(tried)}. Install Python {needed} or newer (for "
        f"example `pyenv install {needed}`) or set {PYTHON_ENV_VAR}=/path/to/python{needed}."
    )


# --- the cached build environment ---------------------------------------------------------


def cache_root(environ: Mapping[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    if environ.get(CACHE_ENV_VAR):
        return Path(environ[CACHE_ENV_VAR])
    base = Path(environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "lambda-model" / "lite-build"


def run(cmd: Sequence[str | os.PathLike[str]], **kwargs) -> subprocess.CompletedProcess:
    print("+", " ".join(map(str, cmd)), flush=True)
    return subprocess.run([str(c) for c in cmd], check=True, **kwargs)


def parse_pins(text: str) -> dict[str, str]:
    """``name==version`` lines (comments ignored) by canonical name.

    >>> parse_pins("# pins\\nBoto3==1.0\\npython_dateutil==2.9\\n")
    {'boto3': '1.0', 'python-dateutil': '2.9'}
    """
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[canonical(name)] = version.strip()
    return pins


def canonical(name: str) -> str:
    """A distribution name in PEP 503 form.

    >>> canonical("jupyterlab_widgets")
    'jupyterlab-widgets'
    """
    return re.sub(r"[-_.]+", "-", name).lower()


def build_venv(cache: Path, python: str, pins: Mapping[str, str]) -> Path:
    """A virtual environment with the pinned build tools (made once, then reused)."""
    requirements = [*BUILD_REQUIREMENTS, f"jupyterlab_widgets=={pins['jupyterlab-widgets']}"]
    key = hashlib.sha256("\n".join([python, *requirements]).encode()).hexdigest()[:12]
    venv = cache / f"venv-{key}"
    stamp = venv / "lambda-model-lite.ok"
    if stamp.exists():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    run([python, "-m", "venv", venv])
    run([venv / "bin" / "python", "-m", "pip", "install", "-q", *requirements])
    expected = subprocess.run(
        [
            venv / "bin" / "python",
            "-c",
            "from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION as v; print(v)",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if expected != PYODIDE_VERSION:
        raise BuildError(
            f"jupyterlite-pyodide-kernel {JUPYTERLITE_VERSION} expects Pyodide {expected}, "
            f"this script pins {PYODIDE_VERSION}: change PYODIDE_VERSION to match."
        )
    stamp.write_text("\n".join(requirements) + "\n")
    return venv


def pyodide_runtime(cache: Path) -> Path:
    """The npm package ``pyodide`` (runtime, standard library, lock file), installed once."""
    prefix = cache / f"npm-pyodide-{PYODIDE_VERSION}"
    package = prefix / "node_modules" / "pyodide"
    if (package / "pyodide.asm.wasm").exists():
        return package
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError("The JupyterLite build needs npm (for the npm package pyodide).")
    prefix.mkdir(parents=True, exist_ok=True)
    run(
        [
            npm,
            "install",
            "--no-save",
            "--no-audit",
            "--no-fund",
            "--prefix",
            prefix,
            f"pyodide@{PYODIDE_VERSION}",
        ]
    )
    return package


# --- staging the site's sources -----------------------------------------------------------


def stage_pyodide(package: Path, static: Path) -> dict[str, str]:
    """Copy the runtime without source maps; its lock emptied. The versions it named.

    The npm package's lock names ~350 packages whose wheels live only on Pyodide's CDN;
    emptied, every package the site needs is solved from PyPI and served from the site
    (the kernel's own needs, such as micropip, at the versions this Pyodide was tested with).
    """
    target = static / "pyodide"
    target.mkdir(parents=True)
    for path in package.iterdir():
        if path.is_file() and not path.name.endswith(".map"):
            shutil.copy2(path, target / path.name)
    lock_path = target / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    versions = {canonical(p["name"]): p["version"] for p in lock["packages"].values()}
    lock["packages"] = {}
    lock_path.write_text(json.dumps(lock, indent=1))
    return versions


def slim_wheel(source: Path, target: Path, keep: Iterable[str]) -> Path:
    """A copy of a wheel without the members not kept; RECORD rewritten to match."""
    keep = tuple(keep)
    with zipfile.ZipFile(source) as zin:
        names = [n for n in zin.namelist() if not n.endswith("/")]
        kept = [n for n in names if any(re.fullmatch(k, n) for k in keep)]
        record = next(n for n in names if n.endswith(".dist-info/RECORD"))
        lines = zin.read(record).decode().splitlines()
        kept_set = set(kept)
        lines = [line for line in lines if line.split(",", 1)[0] in kept_set]
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
            for name in kept:
                if name != record:
                    zout.writestr(zin.getinfo(name), zin.read(name))
            zout.writestr(zin.getinfo(record), "\n".join([*lines, f"{record},,"]) + "\n")
    return target


def botocore_keep(services: Iterable[str]) -> list[str]:
    """Member patterns of a slim botocore: code, shared data, the named services' models.

    >>> import re
    >>> keep = botocore_keep(["s3"])
    >>> [any(re.fullmatch(k, n) for k in keep) for n in
    ...  ["botocore/client.py", "botocore/data/endpoints.json",
    ...   "botocore/data/s3/2006-03-01/service-2.json.gz",
    ...   "botocore/data/ec2/2016-11-15/service-2.json.gz"]]
    [True, True, True, False]
    """
    services_re = "|".join(re.escape(s) for s in services)
    return [
        r"(?!botocore/data/).*",
        r"botocore/data/[^/]+",
        rf"botocore/data/({services_re})/.*",
    ]


def stage_wheels(venv: Path, cache: Path, wheels: Path, pins: Mapping[str, str]) -> None:
    """The kit's wheel from this checkout, and botocore with only the course's services."""
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, REPO_ROOT])
    version = pins["botocore"]
    downloads = cache / "wheels"
    found = sorted(downloads.glob(f"botocore-{version}-*.whl"))
    if not found:
        run(
            [
                python,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                "--only-binary=:all:",
                "--dest",
                downloads,
                f"botocore=={version}",
            ]
        )
        found = sorted(downloads.glob(f"botocore-{version}-*.whl"))
    slim_wheel(found[0], wheels / found[0].name, botocore_keep(BOTOCORE_SERVICES))
    # The kernel's own widgetsnbextension (a stub): the real one is JavaScript for the
    # classic notebook, 2 MB the browser would download and never use.
    shims = venv / "share/jupyter/labextensions/@jupyterlite/pyodide-kernel-extension/static/pypi"
    for shim in shims.glob("widgetsnbextension-4.*-py3-none-any.whl"):
        shutil.copy2(shim, wheels / shim.name)


def stage_contents(files: Path) -> list[str]:
    """The course notebooks (with their stored outputs) at the root, and what they load."""
    files.mkdir(parents=True)
    notebooks = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    for name in notebooks:
        shutil.copy2(NOTEBOOKS / name, files / name)
    for extra in ("solutions",):
        if (NOTEBOOKS / extra).is_dir():
            shutil.copytree(
                NOTEBOOKS / extra, files / extra, ignore=shutil.ignore_patterns("__pycache__")
            )
    return notebooks


def browser_constraints(pins: Mapping[str, str]) -> str:
    """binder's pins as constraints for the dependencies in the browser (as on Binder)."""
    lines = [f"{name}=={version}" for name, version in sorted(pins.items())]
    return "\n".join(line for line in lines if line.split("==")[0] not in NOT_IN_BROWSER) + "\n"


def lite_config(pins: Mapping[str, str], pyodide_versions: Mapping[str, str]) -> dict:
    """The build's configuration: the lab app only, the course's packages pinned."""
    specs = [f"{name}=={pins[name]}" for name in COURSE_PACKAGES]
    specs += [f"{name}=={pyodide_versions[name]}" for name in KERNEL_PACKAGES]
    return {
        "LiteBuildConfig": {
            "apps": ["lab"],
            "contents": ["files"],
            "no_sourcemaps": True,
            "no_unused_shared_packages": True,
        },
        "PyodideLockAddon": {
            "enabled": True,
            "wheels": ["wheels"],
            "specs": specs,
            "constraints": ["-r constraints.txt"],
            # The kit declares no dependencies (its extras are not solved in the lock):
            # importing lambda_model in a cell loads what its views and clients import.
            "patches": {"packages": {"lambda-model": {"depends": list(COURSE_PACKAGES)}}},
            # Every notebook imports the kit first: fetch it while the kernel starts.
            "prefetch_extra": ["lambda-model"],
        },
    }


def patch_site_config(out: Path) -> None:
    """No PyPI fallback for ``%pip install``; JupyterLab opens the first notebook."""
    path = out / "jupyter-lite.json"
    config = json.loads(path.read_text())
    data = config["jupyter-config-data"]
    kernel = data["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    kernel["disablePyPIFallback"] = True
    path.write_text(json.dumps(config, indent=2) + "\n")


def check_site(out: Path) -> None:
    """The site's configuration names nothing outside itself."""
    config = (out / "jupyter-lite.json").read_text()
    lock = (out / "static" / "pyodide-lock" / "pyodide-lock.json").read_text()
    remote = sorted(set(re.findall(r'"(https?://[^"]+)"', config + lock)))
    if remote:
        raise BuildError(f"the site would fetch from outside itself: {remote}")


def folder_size(path: Path, *, exclude_suffix: str = ".map") -> int:
    """Bytes of the files under ``path``, source maps excluded."""
    return sum(
        p.stat().st_size for p in path.rglob("*") if p.is_file() and p.suffix != exclude_suffix
    )


def build(out: Path, *, environ: Mapping[str, str] | None = None) -> dict:
    """Build the site into ``out``; a summary (size in bytes, seconds, notebooks)."""
    start = time.monotonic()
    environ = os.environ if environ is None else environ
    python = find_build_python(environ)
    cache = cache_root(environ)
    cache.mkdir(parents=True, exist_ok=True)
    pins = parse_pins(BINDER_PINS.read_text())
    venv = build_venv(cache, python, pins)
    package = pyodide_runtime(cache)
    out = out.resolve()
    if out.exists():
        if any(out.iterdir()) and not (out / "jupyter-lite.json").exists():
            raise BuildError(f"{out} exists, is not empty and is not a JupyterLite site")
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory(prefix="lite-stage-") as tmp:
        stage = Path(tmp)
        pyodide_versions = stage_pyodide(package, stage / "static")
        stage_wheels(venv, cache, stage / "wheels", pins)
        notebooks = stage_contents(stage / "files")
        (stage / "constraints.txt").write_text(browser_constraints(pins))
        (stage / "jupyter_lite_config.json").write_text(
            json.dumps(lite_config(pins, pyodide_versions), indent=2)
        )
        env = {**os.environ, "UV_CACHE_DIR": str(cache / "uv")}
        log = cache / "last-build.log"
        with log.open("w") as log_file:
            try:
                run(
                    [
                        venv / "bin" / "jupyter-lite",
                        "build",
                        "--lite-dir",
                        stage,
                        "--output-dir",
                        out,
                    ],
                    cwd=stage,
                    env=env,
                    stdout=log_file,
                    stderr=subprocess.STDOUT,
                )
            except subprocess.CalledProcessError:
                print("\n".join(log.read_text().splitlines()[-60:]), file=sys.stderr)
                raise
        print(f"  (the build's log: {log})")
    patch_site_config(out)
    check_site(out)
    return {
        "out": str(out),
        "bytes": folder_size(out),
        "seconds": round(time.monotonic() - start, 1),
        "notebooks": notebooks,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder to build the site in")
    args = parser.parse_args(argv)
    try:
        summary = build(args.out)
    except BuildError as exc:
        print(f"build_lite: {exc}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:
        print(f"build_lite: a build step failed: {exc}", file=sys.stderr)
        return 1
    print(
        f"built {summary['out']}: {summary['bytes'] / 1e6:.1f} MB without source maps, "
        f"{len(summary['notebooks'])} notebooks, {summary['seconds']:.0f} s; "
        f"open lab/index.html?path={DEFAULT_NOTEBOOK}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
