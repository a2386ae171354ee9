"""The pictures the notebooks store play anywhere: SVG, no script, nothing from the network."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
SVG_NAMESPACE = 'xmlns="http://www.w3.org/2000/svg"'


def outputs(name: str) -> list[dict]:
    notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    return [o for c in notebook["cells"] if c["cell_type"] == "code" for o in c["outputs"]]


def text_of(output: dict) -> str:
    parts = []
    for value in output.get("data", {}).values():
        parts.append("".join(value) if isinstance(value, list) else str(value))
    parts.append("".join(output.get("text", [])))
    return "\n".join(parts)


IMAGE = re.compile(r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"')


def svgs(name: str) -> list[str]:
    """Every SVG a stored output shows: as ``image/svg+xml``, or as an HTML ``<img>`` whose
    source is a ``data:`` URI (then its ``alt`` text must not be empty either)."""
    found = []
    for output in outputs(name):
        data = output.get("data", {})
        value = data.get("image/svg+xml")
        if value is not None:
            found.append("".join(value) if isinstance(value, list) else value)
        html = data.get("text/html", "")
        html = "".join(html) if isinstance(html, list) else html
        for encoded, alt in IMAGE.findall(html):
            assert alt.strip()
            found.append(base64.b64decode(encoded).decode("utf-8"))
    return found


@pytest.mark.parametrize("name", ["01-why-aliases.ipynb", "08-release-drill.ipynb"])
def test_the_stored_animation_is_an_svg_that_plays_without_javascript(name):
    animated = [s for s in svgs(name) if "@keyframes" in s and "<animate " in s]
    assert animated
    for svg in animated:
        assert "<script" not in svg and "javascript:" not in svg


@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")))
def test_no_stored_output_loads_anything_from_the_network(name):
    for output in outputs(name):
        text = text_of(output).replace(SVG_NAMESPACE, "")
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", text), text[:200]
        assert "<script" not in text
        if "image/svg+xml" in output.get("data", {}) or "<svg" in text:
            assert "http://" not in text and "https://" not in text


@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")))
def test_every_stored_picture_has_a_text_alternative(name):
    for svg in svgs(name):
        assert re.search(r"<title[^>]*>[^<]+</title>", svg)
        assert re.search(r"<desc[^>]*>[^<]+</desc>", svg)


def test_notebook_01_weighs_at_most_400_kb():
    assert (NOTEBOOKS / "01-why-aliases.ipynb").stat().st_size <= 400 * 1024
