"""The notebook lint: the course notebooks follow it, and each rule catches what it names."""

import re
from pathlib import Path

import nbformat.v4 as v4
import notebook_lint as lint
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = lint.course_notebooks()
RULES = [
    lint.kernel_problems,
    lint.execution_problems,
    lint.section_problems,
    lint.load_problems,
    lint.widget_state_problems,
    lint.output_problems,
    lint.tag_problems,
]


# --- the course notebooks ---------------------------------------------------------------------


def test_the_course_has_notebooks_to_lint():
    assert "00-start-here.ipynb" in [path.name for path in NOTEBOOKS]


@pytest.mark.parametrize("rule", RULES, ids=[rule.__name__ for rule in RULES])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_the_course_notebook_follows_the_rule(path, rule):
    assert rule(lint.read(path)) == []


def test_every_solution_is_named_for_and_loaded_by_its_notebook():
    assert lint.solution_problems() == []


def test_the_outline_gives_each_notebook_the_minutes_its_time_to_learn_announces():
    outline = (ROOT / "outline.md").read_text()
    for path in NOTEBOOKS:
        row = re.search(rf"^\| *\[?{re.escape(path.stem)}\b.*?\| *(\d+) *\|", outline, re.M)
        assert row, f"outline.md has no timing row for {path.stem}"
        assert int(row[1]) == lint.time_to_learn(lint.read(path)), path.stem


def minutes_by_notebook(markdown):
    """``{"01-why-aliases": 15, ...}`` from a table whose rows start with a notebook link and
    end with its minutes."""
    rows = re.findall(r"^\| *\[(\d\d-[a-z0-9-]+)\].*\| *(\d+) *\|$", markdown, re.M)
    return {name: int(minutes) for name, minutes in rows}


def test_the_course_map_in_00_and_the_outline_agree_on_every_notebook_and_its_minutes():
    start = lint.read(lint.NOTEBOOKS / "00-start-here.ipynb")
    course_map = "\n".join(cell.source for cell in start.cells if cell.cell_type == "markdown")
    in_outline = minutes_by_notebook((ROOT / "outline.md").read_text())
    assert len(in_outline) == 10
    assert minutes_by_notebook(course_map) == in_outline


# --- the rules, on small synthetic notebooks --------------------------------------------------

SECTIONS = """
# A lesson
## Overview
## Prerequisites
## Time to learn
15 minutes
## The lesson
## Summary
### What's next
## Resources and references
- [Aliases](https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html)
"""


def notebook(*cells, sections=SECTIONS):
    """A notebook that follows every rule, with the given cells after its opening."""
    nb = v4.new_notebook(cells=[v4.new_markdown_cell(sections), *cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return nb


def executed(source, count, *outputs, tags=()):
    cell = v4.new_code_cell(source, execution_count=count, outputs=list(outputs))
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def stdout(text):
    return v4.new_output("stream", name="stdout", text=text)


def test_a_notebook_that_follows_every_rule_has_no_problem(tmp_path):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "02-first.py").write_text("def answer(account):\n    pass\n")
    nb = notebook(
        executed("print('hi')", 1, stdout("hi\n")),
        executed("# %load solutions/02-first.py\ndef answer(account):\n    ...", 2),
        v4.new_code_cell("input()", metadata={"tags": ["nbval-skip"]}),
        executed("1 / 0", 3, tags=["raises-exception"]),
    )
    problems = [problem for rule in RULES[:3] + RULES[4:] for problem in rule(nb)]
    assert problems + lint.load_problems(nb, tmp_path) == []


def test_a_kernel_other_than_python3_is_a_problem():
    nb = notebook()
    nb.metadata["kernelspec"]["name"] = "python"
    assert lint.kernel_problems(nb) == ["kernelspec name is 'python', not 'python3'"]


def test_a_code_cell_that_was_never_run_is_a_problem():
    nb = notebook(executed("1", 1), v4.new_code_cell("2"))
    assert lint.execution_problems(nb) == [
        "cell 2 was never executed (run tools/refresh_notebooks.py)"
    ]


def test_a_cell_tagged_nbval_skip_may_stay_unrun():
    nb = notebook(v4.new_code_cell("input()", metadata={"tags": ["nbval-skip"]}))
    assert lint.execution_problems(nb) == []


def test_cells_run_out_of_order_are_a_problem():
    nb = notebook(executed("1", 1), executed("2", 3))
    (problem,) = lint.execution_problems(nb)
    assert problem.startswith("cell 2 has execution count 3, expected 2")


def test_stored_cell_timings_are_a_problem():
    cell = executed("1", 1)
    cell.metadata["execution"] = {"iopub.execute_input": "2025-01-01T00:00:00Z"}
    assert lint.execution_problems(notebook(cell)) == [
        "cell 1 stores timing metadata (run tools/refresh_notebooks.py)"
    ]


@pytest.mark.parametrize("section", lint.OPENING + lint.CLOSING)
def test_a_missing_opening_or_closing_section_is_a_problem(section):
    heading = re.compile(rf"^#+ {re.escape(section)}.*$", re.M)
    nb = notebook(sections=heading.sub("## Something else", SECTIONS))
    assert f"no heading {section!r}" in lint.section_problems(nb)


def test_a_closing_section_before_an_opening_one_is_a_problem():
    sections = SECTIONS.replace("## Summary\n", "").replace(
        "## Overview", "## Summary\n## Overview"
    )
    assert lint.section_problems(notebook(sections=sections)) == [
        "heading 'Time to learn' comes after 'Summary'"
    ]


def test_a_time_to_learn_without_minutes_is_a_problem():
    nb = notebook(sections=SECTIONS.replace("15 minutes", "a while"))
    assert lint.section_problems(nb) == [
        "the 'Time to learn' section does not say how many minutes"
    ]
    assert lint.time_to_learn(notebook()) == 15


def test_resources_without_an_aws_documentation_link_are_a_problem():
    nb = notebook(sections=SECTIONS.replace("https://docs.aws.amazon.com", "https://example.com"))
    assert lint.section_problems(nb) == [
        "the 'Resources' section links to no page under https://docs.aws.amazon.com/"
    ]


def test_a_heading_inside_a_code_block_does_not_count():
    sections = SECTIONS.replace("## Overview", "```\n## Overview\n```")
    assert "no heading 'Overview'" in lint.section_problems(notebook(sections=sections))


def test_a_load_target_that_does_not_exist_is_a_problem(tmp_path):
    nb = notebook(executed("# %load solutions/02-missing.py\n", 1))
    assert lint.load_problems(nb, tmp_path) == [
        "%load target solutions/02-missing.py does not exist"
    ]


def test_a_load_target_outside_solutions_is_a_problem(tmp_path):
    nb = notebook(executed("# %load answers.py\n", 1))
    assert lint.load_problems(nb, tmp_path) == [
        "%load target answers.py is not solutions/NN-name.py"
    ]


def test_stored_widget_state_is_a_problem():
    nb = notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    assert lint.widget_state_problems(nb) == [
        "notebook metadata stores widget state (run tools/refresh_notebooks.py)"
    ]


def test_an_output_showing_a_memory_address_is_a_problem():
    result = v4.new_output(
        "execute_result", {"text/plain": "<Account object at 0x7f3a2c1d>"}, execution_count=1
    )
    (problem,) = lint.output_problems(notebook(executed("account", 1, result)))
    assert problem.startswith("cell 1 shows a memory address")


def test_an_output_showing_a_path_of_this_machine_is_a_problem():
    error = v4.new_output(
        "error",
        ename="KeyError",
        evalue="'x'",
        traceback=[f"FileNotFoundError: {ROOT}/notebooks/data.csv"],
    )
    nb = notebook(executed("{}['x']", 1, error, tags=["raises-exception"]))
    assert lint.output_problems(nb) == [f"cell 1 shows a path of this machine ({ROOT})"]


def test_a_traceback_through_the_package_files_is_a_problem_wherever_it_was_made():
    error = v4.new_output(
        "error",
        ename="ResourceNotFoundException",
        evalue="Function not found",
        traceback=["File /home/someone/lambda-model/lambda_model/core/state.py:97, in _function"],
    )
    nb = notebook(executed("account.get_function('nope')", 1, error, tags=["raises-exception"]))
    (problem,) = lint.output_problems(nb)
    assert problem.endswith("run %xmode Minimal at the top of the notebook")


def test_a_minimal_error_report_is_not_a_problem():
    error = v4.new_output(
        "error",
        ename="ResourceNotFoundException",
        evalue="Function not found",
        traceback=["ResourceNotFoundException: Function not found"],
    )
    nb = notebook(executed("account.get_function('nope')", 1, error, tags=["raises-exception"]))
    assert lint.output_problems(nb) == []


def test_an_nbval_comment_instead_of_a_tag_is_a_problem():
    nb = notebook(executed("# NBVAL_IGNORE_OUTPUT\nprint(1)", 1, stdout("1\n")))
    assert lint.tag_problems(nb) == ["cell 1 uses an # NBVAL_ comment: use a cell tag instead"]


def test_a_figure_in_a_cell_not_tagged_nbval_ignore_output_is_a_problem():
    figure = v4.new_output("display_data", {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})
    nb = notebook(executed("draw()", 1, figure))
    assert lint.tag_problems(nb) == ["cell 1 shows image/png but is not tagged nbval-ignore-output"]
    assert (
        lint.tag_problems(notebook(executed("draw()", 1, figure, tags=["nbval-ignore-output"])))
        == []
    )


def test_an_animation_in_a_cell_not_tagged_nbval_ignore_output_is_a_problem():
    animation = v4.new_output("display_data", {"text/html": "<div id='a'></div><script>x</script>"})
    (problem,) = lint.tag_problems(notebook(executed("animate()", 1, animation)))
    assert "text/html with a script or image" in problem


def test_a_solution_no_notebook_loads_is_a_problem(tmp_path):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "03-lonely.py").write_text("")
    assert lint.solution_problems(tmp_path) == [
        "solutions/03-lonely.py is not %load-ed by a notebook 03-*"
    ]


def test_a_solution_loaded_by_another_lessons_notebook_is_a_problem(tmp_path):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "03-lonely.py").write_text("")
    lint.nbformat.write(
        notebook(executed("# %load solutions/03-lonely.py\n", 1)), tmp_path / "04-other.ipynb"
    )
    assert lint.solution_problems(tmp_path) == [
        "solutions/03-lonely.py is not %load-ed by a notebook 03-*"
    ]


def test_a_solution_not_named_nn_name_is_a_problem(tmp_path):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "answer_3.py").write_text("")
    assert lint.solution_problems(tmp_path) == ["solutions/answer_3.py is not named NN-name.py"]


def test_the_lint_command_exits_1_on_a_broken_notebook(tmp_path, capsys):
    path = tmp_path / "05-broken.ipynb"
    lint.nbformat.write(notebook(v4.new_code_cell("1")), path)
    assert lint.main([str(path)]) == 1
    assert "cell 1 was never executed" in capsys.readouterr().out
