"""The course's contents manager serves a notebook as JupyterLab will keep it, and saves it
as the repository stores it."""

import asyncio
import json
import platform
import re
from pathlib import Path

import nbformat
import pytest

pytest.importorskip("jupyter_server")

from lambda_model.jupyter_contents import NotebookContentsManager

ROOT = Path(__file__).resolve().parents[2]


def test_the_docstring_examples_hold():
    import doctest

    from lambda_model import jupyter_contents

    result = doctest.testmod(jupyter_contents)
    assert result.attempted > 0
    assert result.failed == 0


def stored_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    nbformat.write(nb, path)
    return path


def test_a_notebook_is_served_with_the_python_version_the_kernel_will_report(tmp_path):
    stored_notebook(tmp_path / "lesson.ipynb")
    manager = NotebookContentsManager(root_dir=str(tmp_path))
    model = asyncio.run(manager.get("lesson.ipynb"))
    language = model["content"]["metadata"]["language_info"]
    assert language == {
        "name": "python",
        "pygments_lexer": "ipython3",
        "version": platform.python_version(),
    }


def test_a_saved_notebook_is_stored_without_the_python_version(tmp_path):
    path = stored_notebook(tmp_path / "lesson.ipynb")
    before = path.read_text()
    manager = NotebookContentsManager(root_dir=str(tmp_path))
    model = asyncio.run(manager.get("lesson.ipynb"))
    asyncio.run(manager.save(model, "lesson.ipynb"))
    saved = json.loads(path.read_text())
    assert "version" not in saved["metadata"]["language_info"]
    assert json.loads(before)["metadata"] == saved["metadata"]


def test_the_server_configuration_the_package_installs_enables_this_extension():
    config = ROOT / "jupyter-config" / "jupyter_server_config.d" / "lambda-model.json"
    extensions = json.loads(config.read_text())["ServerApp"]["jpserver_extensions"]
    assert extensions == {"lambda_model.jupyter_contents": True}


def test_linking_the_extension_makes_it_the_contents_manager_unless_another_is_configured():
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

    from lambda_model import jupyter_contents

    class Server:
        contents_manager_class = AsyncLargeFileManager

    default, custom = Server(), Server()
    custom.contents_manager_class = object
    jupyter_contents._link_jupyter_server_extension(default)
    jupyter_contents._link_jupyter_server_extension(custom)
    assert default.contents_manager_class is NotebookContentsManager
    assert custom.contents_manager_class is object


def test_the_package_installs_the_course_jupyter_configuration():
    import tomllib

    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "data-files"
    ]
    installed = {
        f"{folder}/{Path(name).name}" for folder, names in data_files.items() for name in names
    }
    assert installed == {
        "etc/jupyter/jupyter_server_config.d/lambda-model.json",
        "etc/jupyter/labconfig/default_setting_overrides.d/lambda-model.json",
    }
    for names in data_files.values():
        assert all((ROOT / name).is_file() for name in names)


def test_the_labs_news_pop_up_is_off_in_the_settings_the_package_installs():
    path = ROOT / "jupyter-config" / "labconfig" / "default_setting_overrides.d"
    overrides = json.loads((path / "lambda-model.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


def command_after(marker: str, text: str) -> str:
    return re.search(rf"{re.escape(marker)}\n```\n(.+)\n", text)[1]


def test_the_course_command_and_binder_install_the_kit_with_its_jupyter_settings():
    # An editable install (pip install -e) leaves the data files out: the course's
    # JupyterLab would show the news pop-up and open notebooks as modified.
    course = command_after("<!-- course-command -->", (ROOT / "README.md").read_text())
    assert course.startswith('python -m pip install ".[lab]" && jupyter lab ')
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert re.search(r"^python -m pip install --no-deps --no-cache-dir \.$", post_build, re.M)
