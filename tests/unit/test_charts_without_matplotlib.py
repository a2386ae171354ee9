"""Where matplotlib is missing (the in-browser course), a chart prints one line, no traceback.

matplotlib's absence is simulated: ``sys.modules["matplotlib"] = None`` makes every import of
it fail as if it were not installed. The pointer picture and the console need no matplotlib;
they are checked in a fresh interpreter, since this one has already imported matplotlib.
"""

from __future__ import annotations

import doctest
import subprocess
import sys
import textwrap

import pytest

import lambda_model.charts
from lambda_model import Account
from lambda_model.charts import CHARTS_NEED_FULL_INSTALL, ChartUnavailable, has_matplotlib
from lambda_model.deploy import Alarm, Deployment, Traffic, failing, healthy
from lambda_model.deploy.plots import plot_deployment, plot_split

WITHOUT_MATPLOTLIB = "import sys; sys.modules['matplotlib'] = None\n"


@pytest.fixture
def no_matplotlib(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)


@pytest.fixture
def deployment() -> Deployment:
    account = Account(seed=7)
    account.create_function("checkout", healthy("v1"), publish=True)
    account.update_function_code("checkout", failing(0.25, "v2", seed=1), publish=True)
    account.create_alias("checkout", "live", "1")
    deployment = Deployment(
        account,
        "checkout",
        "live",
        "2",
        "Canary10Percent5Minutes",
        traffic=Traffic(rate=20),
        alarms=[Alarm("checkout-errors")],
    )
    return deployment.run(minutes=8)


def run_without_matplotlib(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_MATPLOTLIB + textwrap.dedent(code)],
        capture_output=True,
        text=True,
    )


def test_matplotlib_counts_as_missing_when_it_cannot_be_imported(no_matplotlib):
    assert not has_matplotlib()


def test_a_deployment_chart_without_matplotlib_prints_one_line_and_shows_nothing_more(
    deployment, no_matplotlib, capsys
):
    assert isinstance(deployment.plot(), ChartUnavailable)
    chart = plot_deployment(deployment)
    assert chart._ipython_display_() is None  # a notebook shows nothing more
    assert chart.savefig("deployment.png") == ""
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"plot_deployment: {CHARTS_NEED_FULL_INSTALL}"] * 2


def test_a_deployment_chart_with_matplotlib_is_still_a_figure(deployment):
    figure = plot_deployment(deployment)
    assert [axes.get_ylabel() for axes in figure.axes] == [
        "traffic to version 2",
        "error rate per minute",
    ]


def test_the_observed_split_chart_without_matplotlib_prints_one_line(no_matplotlib, capsys):
    assert isinstance(plot_split({10: [0.1, 0.2]}, 0.1), ChartUnavailable)
    assert capsys.readouterr().out.splitlines() == [f"plot_split: {CHARTS_NEED_FULL_INSTALL}"]


def test_the_observed_split_chart_shows_the_weight_and_one_dot_per_batch():
    figure = plot_split({10: [0.0, 0.2, 0.1], 1000: [0.1, 0.098]}, 0.1)
    (ax,) = figure.axes
    assert sum(len(c.get_offsets()) for c in ax.collections[:-1]) == 5  # the band is last
    assert [line.get_ydata()[0] for line in ax.get_lines()] == [0.1]


def test_the_pointer_picture_and_the_console_need_no_matplotlib():
    result = run_without_matplotlib(
        """
        from lambda_model import Account
        from lambda_model.viz import draw
        from lambda_model.widgets import Console, publish_new_version
        account = Account()
        account.create_function("f", lambda event, context: "ok", publish=True)
        publish_new_version(account, "f")
        account.create_alias("f", "PROD", "1")
        print(draw(account, title="PROD on 1").svg[:4])
        console = Console(account, "f")
        before = console.graph.image.value
        console.version_picker.value = "2"
        console.promote_button.click()
        print(console)
        print(console.graph.image.value != before)
        """
    )
    assert result.returncode == 0, result.stderr
    drawn, console, redrawn = result.stdout.splitlines()
    assert drawn == "<svg"
    assert console.startswith("Console(f: PROD -> 2;")
    assert redrawn == "True"


def test_the_charts_helper_examples_hold():
    result = doctest.testmod(lambda_model.charts, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
