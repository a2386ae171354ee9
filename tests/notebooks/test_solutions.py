"""Every solution in notebooks/solutions/ passes its exercise's check, on a fresh account.

A solution ``notebooks/solutions/NN-name.py`` is plain, self-contained Python defining the
name its exercise asks for (``Exercise.answer``); the exercise is found from the file name.
"""

import runpy
from pathlib import Path

import pytest

from lambda_model.exercises import all_exercises, get

SOLUTIONS = sorted((Path(__file__).resolve().parents[2] / "notebooks" / "solutions").glob("*.py"))
EXERCISES = all_exercises()


def test_there_are_solutions_to_test():
    assert SOLUTIONS


@pytest.mark.parametrize("path", SOLUTIONS, ids=[path.stem for path in SOLUTIONS])
def test_the_solution_passes_its_exercise_check(path):
    exercise = get(path.stem)
    namespace = runpy.run_path(str(path), run_name=f"solution_{path.stem}")
    assert exercise.answer in namespace, f"{path.name} does not define {exercise.answer}"
    result = exercise.run(namespace[exercise.answer])
    assert result.passed, result.message


@pytest.mark.parametrize("exercise", EXERCISES, ids=[exercise.id for exercise in EXERCISES])
def test_the_check_rejects_an_answer_that_does_nothing(exercise):
    result = exercise.run(lambda *args, **kwargs: None)
    assert not result.passed
    assert result.message


def test_every_exercise_has_a_solution_and_every_solution_an_exercise():
    assert [exercise.id for exercise in EXERCISES] == [path.stem for path in SOLUTIONS]
