"""``python -m lambda_model demo``: the story's log, and the files it writes."""

import contextlib
import io
import subprocess
import sys

import pytest
from PIL import Image

from lambda_model.__main__ import main
from lambda_model.demo import story


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Run the command once, at low resolution; keep what it printed and where it wrote."""
    out_dir = tmp_path_factory.mktemp("demo-out")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main(["demo", "--out", str(out_dir), "--dpi", "30"])
    return status, printed.getvalue(), out_dir


def test_the_demo_command_succeeds(demo):
    assert demo[0] == 0


def test_the_demo_writes_the_animation_as_html_and_gif_and_a_final_picture(demo):
    out_dir = demo[2]
    assert sorted(p.name for p in out_dir.iterdir()) == ["final.png", "story.gif", "story.html"]


def test_the_html_animation_plays_every_step_without_python(demo):
    page = (demo[2] / "story.html").read_text()
    assert (page.count("data:image/png;base64"), "<script" in page) == (24, True)


def test_the_gif_has_one_frame_per_step(demo):
    assert Image.open(demo[2] / "story.gif").n_frames == 24


def test_the_final_picture_is_a_png(demo):
    assert Image.open(demo[2] / "final.png").format == "PNG"


def test_the_printed_log_is_the_story_log(demo):
    printed = demo[1].splitlines()
    log = story()[1]
    start = printed.index(log[0])
    assert printed[start : start + len(log)] == log


def test_the_step_log_is_identical_across_runs():
    assert story()[1] == story()[1]


def test_the_log_says_which_version_handled_each_upload():
    uploads = [line.split(" ran ")[1] for line in story()[1] if " ran " in line]
    assert uploads == [
        "version 1: ok",
        *["version 1: ok"] * 3,
        "version 2: ok",
        *["version 1: ok"] * 2,
        "version 2: ok",
        "version 3: error",
        "version 2: ok",
    ]


def test_the_log_names_the_rollback():
    assert " 23. rollback: PROD 3 -> 2" in story()[1]


def test_rendering_reports_its_progress(demo):
    assert "rendering story.gif (24 frames): 5/24 10/24 15/24 20/24 24/24" in demo[1]


def test_the_demo_is_a_subcommand_of_python_m_lambda_model():
    result = subprocess.run(
        [sys.executable, "-m", "lambda_model", "demo", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--out" in result.stdout
