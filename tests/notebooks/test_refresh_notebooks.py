"""tools/refresh_notebooks.py: deterministic re-execution, and --check as strict nbval sees it."""

import nbformat
import nbformat.v4 as v4
import pytest
import refresh_notebooks as refresh


def stdout(text):
    return v4.new_output("stream", name="stdout", text=text)


def code(source, *outputs, count=None, tags=(), **metadata):
    cell = v4.new_code_cell(source, execution_count=count, outputs=list(outputs))
    cell.metadata.update(metadata)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def notebook(*cells):
    nb = v4.new_notebook(cells=list(cells))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return nb


# --- without a kernel -------------------------------------------------------------------------


def test_normalising_strips_timings_widget_state_and_the_python_patch_version():
    nb = notebook(code("1", count=7, execution={"iopub.status.busy": "2025-01-01T00:00:00Z"}))
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    refresh.normalise(nb)
    assert "widgets" not in nb.metadata
    assert nb.metadata["language_info"] == {"name": "python"}
    assert nb.cells[0].metadata == {}


def test_normalising_numbers_executed_cells_one_by_one_and_leaves_skipped_cells_unnumbered():
    result = v4.new_output("execute_result", {"text/plain": "2"}, execution_count=9)
    nb = notebook(
        code("1", count=4),
        code("input()", count=5, tags=["nbval-skip"]),
        code("2", result, count=9),
    )
    refresh.normalise(nb)
    assert [cell.execution_count for cell in nb.cells] == [1, None, 2]
    assert nb.cells[2].outputs[0].execution_count == 2


def test_normalising_merges_a_print_the_kernel_flushed_in_pieces():
    figure = v4.new_output("display_data", {"text/plain": "<Figure>"})
    stderr = v4.new_output("stream", name="stderr", text="warning\n")
    nb = notebook(
        code("print('page 1:', [1])", stdout("page 1:"), stdout(" [1]\n"), count=1),
        code("...", stdout("a\n"), figure, stdout("b\n"), stderr, stdout("c\n"), count=2),
    )
    refresh.normalise(nb)
    assert nb.cells[0].outputs == [stdout("page 1: [1]\n")]
    assert nb.cells[1].outputs == [stdout("a\n"), figure, stdout("b\n"), stderr, stdout("c\n")]


def test_a_widget_is_stored_as_its_readable_text_without_a_view_of_a_model_not_stored():
    view = {"version_major": 2, "version_minor": 0, "model_id": "3f2a9c"}
    console = v4.new_output(
        "execute_result",
        {"application/vnd.jupyter.widget-view+json": view, "text/plain": "Console(f: PROD -> 1)"},
        execution_count=1,
    )
    bare = v4.new_output("display_data", {"application/vnd.jupyter.widget-view+json": view})
    nb = notebook(code("console", console, bare, stdout("shown\n"), count=1))
    refresh.normalise(nb)
    assert nb.cells[0].outputs == [
        v4.new_output("execute_result", {"text/plain": "Console(f: PROD -> 1)"}, execution_count=1),
        stdout("shown\n"),
    ]


def test_streams_are_compared_merged_as_nbval_merges_them():
    split = [stdout("a\n"), stdout("b\n")]
    assert refresh.nbval_view(split) == refresh.nbval_view([stdout("a\nb\n")])


def test_pixels_and_widget_ids_are_not_compared_but_their_text_is():
    def figure(png, text):
        return v4.new_output("display_data", {"image/png": png, "text/plain": text})

    assert refresh.nbval_view([figure("AAAA", "<Figure>")]) == refresh.nbval_view(
        [figure("BBBB", "<Figure>")]
    )
    assert refresh.nbval_view([figure("AAAA", "<Figure>")]) != refresh.nbval_view(
        [figure("AAAA", "<Figure 2>")]
    )


def test_a_changed_text_output_is_a_difference_unless_the_cell_is_tagged():
    stored = notebook(
        code("print(1)", stdout("1\n"), count=1),
        code("print(2)", stdout("2\n"), count=2, tags=["nbval-ignore-output"]),
    )
    fresh = notebook(
        code("print(1)", stdout("one\n"), count=1),
        code("print(2)", stdout("two\n"), count=2, tags=["nbval-ignore-output"]),
    )
    (difference,) = refresh.differences(stored, fresh)
    assert difference.startswith("cell 0:")
    assert '-  "1\\n"' in difference and '+  "one\\n"' in difference


def test_sanitize_patterns_come_from_the_pytest_options(tmp_path):
    (tmp_path / "rules.cfg").write_text("regex: \\d+ ms\nreplace: N ms\n")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pytest.ini_options]\naddopts = "--nbval --nbval-sanitize-with rules.cfg"\n'
    )
    patterns = refresh.sanitize_patterns(tmp_path / "pyproject.toml")
    assert patterns == [("\\d+ ms", "N ms")]
    assert refresh.nbval_view([stdout("took 12 ms\n")], patterns) == {"stdout": ["took N ms\n"]}


# --- with a kernel ----------------------------------------------------------------------------


@pytest.fixture
def stale_notebook(tmp_path):
    """A notebook run out of order, with timings, widget state and an unrun cell."""
    nb = notebook(
        code(
            "print('hello')",
            stdout("stale\n"),
            count=12,
            execution={"iopub.status.busy": "2025-01-01T00:00:00Z"},
        ),
        code("1 / 0", count=3, tags=["raises-exception"]),
        code("input()", stdout("typed by a human\n"), count=4, tags=["nbval-skip"]),
        code("import os\nos.getcwd()"),
    )
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    path = tmp_path / "01-lesson.ipynb"
    nbformat.write(nb, path)
    return path


def test_refreshing_runs_the_notebook_top_to_bottom_and_stores_it_deterministically(
    stale_notebook, capsys
):
    assert refresh.refresh(stale_notebook, check=False, timeout=60)
    first = stale_notebook.read_bytes()
    nb = nbformat.read(stale_notebook, as_version=4)
    assert [cell.execution_count for cell in nb.cells] == [1, 2, None, 3]
    assert nb.cells[0].outputs == [stdout("hello\n")]
    assert nb.cells[1].outputs[0].ename == "ZeroDivisionError"
    assert nb.cells[2].outputs == []
    assert nb.cells[3].outputs[0].data["text/plain"] == repr(str(stale_notebook.parent))
    assert "widgets" not in nb.metadata
    assert all("execution" not in cell.metadata for cell in nb.cells)

    assert refresh.refresh(stale_notebook, check=False, timeout=60)
    assert stale_notebook.read_bytes() == first
    assert "01-lesson.ipynb: 4 code cells in" in capsys.readouterr().out


def test_check_mode_fails_without_writing_when_a_stored_output_would_change(stale_notebook, capsys):
    before = stale_notebook.read_bytes()
    assert not refresh.refresh(stale_notebook, check=True, timeout=60)
    assert stale_notebook.read_bytes() == before
    out = capsys.readouterr().out
    assert "cells would change" in out
    assert '-  "stale\\n"' in out


def test_check_mode_passes_a_freshly_refreshed_notebook(stale_notebook):
    assert refresh.refresh(stale_notebook, check=False, timeout=60)
    assert refresh.refresh(stale_notebook, check=True, timeout=60)


def test_a_cell_that_raises_without_the_raises_exception_tag_fails_the_refresh(tmp_path, capsys):
    path = tmp_path / "02-broken.ipynb"
    nbformat.write(notebook(code("1 / 0")), path)
    before = path.read_bytes()
    assert not refresh.refresh(path, check=False, timeout=60)
    assert path.read_bytes() == before
    assert "02-broken.ipynb: FAILED, a cell raised" in capsys.readouterr().out


def test_a_figure_saved_as_svg_in_the_notebooks_settings_is_the_same_on_every_run(monkeypatch):
    matplotlib = pytest.importorskip("matplotlib")
    import io

    from matplotlib.figure import Figure

    settings = matplotlib.rc_params_from_file(
        str(refresh.NOTEBOOKS / "matplotlibrc"), use_default_template=False
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")

    def svg():
        with matplotlib.rc_context(settings):
            figure = Figure()
            figure.subplots().plot([1, 2], [3, 4])
            buffer = io.StringIO()
            figure.savefig(buffer, format="svg")
            return buffer.getvalue()

    assert svg() == svg()


def test_a_refreshed_widget_keeps_its_repr_and_the_same_bytes_on_every_refresh(tmp_path):
    pytest.importorskip("ipywidgets")
    path = tmp_path / "08-widget.ipynb"
    shown = "import ipywidgets\nipywidgets.IntSlider(value=3, description='weight')"
    nbformat.write(notebook(code(shown, tags=["nbval-ignore-output"])), path)
    assert refresh.refresh(path, check=False, timeout=60)
    first = path.read_bytes()
    (output,) = nbformat.read(path, as_version=4).cells[0].outputs
    assert list(output.data) == ["text/plain"]
    assert output.data["text/plain"].startswith("IntSlider(value=3")
    assert refresh.refresh(path, check=False, timeout=60)
    assert path.read_bytes() == first


def test_an_animation_gets_the_same_element_ids_on_every_refresh():
    def animation(random_id):
        html = f'<img id="_anim_img{random_id}">\n<input id="_anim_slider{random_id}">\n'
        return [v4.new_output("display_data", data={"text/html": html})]

    first, second = animation("2eecf64f8b9944e29736dc2a84848751"), animation("8" * 32)
    refresh.stable_animation_ids(first, 7)
    refresh.stable_animation_ids(second, 7)
    assert first[0]["data"]["text/html"] == second[0]["data"]["text/html"]
    assert "2eecf64f" not in first[0]["data"]["text/html"]
    assert first[0]["data"]["text/html"].count("0000000000000007") == 2
