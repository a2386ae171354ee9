"""``python -m lambda_model demo``: the story's log, and the files it writes."""

import contextlib
import io
import subprocess
import sys

import pytest

from lambda_model.__main__ import main
from lambda_model.core.churn import run_churn
from lambda_model.demo import story
from lambda_model.viz import comparison_log


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """Run the command once, at low resolution; keep what it printed and where it wrote."""
    out_dir = tmp_path_factory.mktemp("demo-out")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main(["demo", "--out", str(out_dir)])
    return status, printed.getvalue(), out_dir


def test_the_demo_command_succeeds(demo):
    assert demo[0] == 0


def test_the_demo_writes_the_comparison_its_summary_the_story_and_a_page(demo):
    out_dir = demo[2]
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "comparison.svg",
        "demo.html",
        "story.svg",
        "summary.svg",
    ]


def test_the_animations_play_without_script_or_network(demo):
    for name in ("comparison.svg", "story.svg", "demo.html"):
        text = (demo[2] / name).read_text()
        assert "<script" not in text and "@keyframes" in text and "<animate " in text
        assert "https://" not in text
        assert "http://" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_the_comparison_opens_on_a_title_frame(demo):
    svg = (demo[2] / "comparison.svg").read_text()
    assert "<title" in svg and "Version ARN or alias ARN: 5 releases and a rollback" in svg


def test_the_summary_shows_both_sides_counters(demo):
    svg = (demo[2] / "summary.svg").read_text()
    assert svg.count("bucket configuration edits: ") == 2
    assert "bucket configuration edits: 6" in svg and "bucket configuration edits: 0" in svg


def test_the_printed_log_is_the_comparison_log_then_the_story_log(demo):
    printed = demo[1].splitlines()
    log = comparison_log(run_churn(releases=5))
    start = printed.index(log[0])
    assert printed[start : start + len(log)] == log


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


def test_the_demo_is_a_subcommand_of_python_m_lambda_model():
    result = subprocess.run(
        [sys.executable, "-m", "lambda_model", "demo", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--out" in result.stdout
