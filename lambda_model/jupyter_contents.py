"""The course's JupyterLab opens a stored notebook without marking it modified.

When JupyterLab connects a notebook to its kernel it writes the kernel's ``language_info``
into the notebook's metadata, Python's full version included (``"3.11.7"``). A stored
notebook that carries no version, or another machine's, is then *modified* the moment it
opens: closing it asks to save, and autosave writes into the checkout. The stored notebooks
leave the version out (``tools/refresh_notebooks.py``), because it differs from one machine
to the next; this contents manager fills it in, as the kernel will report it, when the server
hands a notebook to JupyterLab, and leaves it out again when JupyterLab saves one.

The package installs ``etc/jupyter/jupyter_server_config.d/lambda-model.json``, which enables
this module as a Jupyter Server extension; linked before the server builds its contents
manager, it makes ``NotebookContentsManager`` the server's contents manager (unless the
server is configured with another one). It assumes the kernel is the server's own Python (the
``python3`` kernel of the environment the course is installed in); with another kernel
JupyterLab still updates the version, as it would without this class.

>>> from lambda_model.jupyter_contents import with_kernel_version, without_kernel_version
>>> nb = {"metadata": {"language_info": {"name": "python"}}}
>>> with_kernel_version(nb, "3.11.7")["metadata"]["language_info"]
{'name': 'python', 'version': '3.11.7'}
>>> without_kernel_version(nb)["metadata"]["language_info"]
{'name': 'python'}
"""

from __future__ import annotations

import platform
from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

__all__ = ["NotebookContentsManager", "with_kernel_version", "without_kernel_version"]


def with_kernel_version(notebook: dict[str, Any], version: str) -> dict[str, Any]:
    """``notebook`` with ``metadata.language_info.version`` set, if it has Python's
    ``language_info`` and no version yet (a version already stored is kept)."""
    language = notebook.get("metadata", {}).get("language_info")
    if isinstance(language, dict) and language.get("name") == "python":
        language.setdefault("version", version)
    return notebook


def without_kernel_version(notebook: dict[str, Any]) -> dict[str, Any]:
    """``notebook`` without ``metadata.language_info.version``."""
    language = notebook.get("metadata", {}).get("language_info")
    if isinstance(language, dict):
        language.pop("version", None)
    return notebook


class NotebookContentsManager(AsyncLargeFileManager):
    """Jupyter Server's default contents manager, but a notebook is served with this
    Python's version in its ``language_info`` and saved without it."""

    async def get(self, path, content=True, type=None, format=None, require_hash=False):
        model = await super().get(
            path, content=content, type=type, format=format, require_hash=require_hash
        )
        if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
            with_kernel_version(model["content"], platform.python_version())
        return model

    async def save(self, model, path=""):
        if model.get("type") == "notebook" and isinstance(model.get("content"), dict):
            without_kernel_version(model["content"])
        return await super().save(model, path)


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "lambda_model.jupyter_contents"}]


def _link_jupyter_server_extension(serverapp) -> None:
    """Make this module's contents manager the server's, if the server uses the default."""
    if serverapp.contents_manager_class is AsyncLargeFileManager:
        serverapp.contents_manager_class = NotebookContentsManager


def _load_jupyter_server_extension(serverapp) -> None:
    """Nothing to add once the server runs: the contents manager does the work."""
