"""The course's exercises and their checks.

An exercise has an id ``NN-name``: ``NN`` is the number of the notebook it belongs to. In
notebook ``NN-...ipynb`` it is four cells:

1. a markdown prompt that names the function (or value) to write;
2. a starter cell whose first line is ``# %load solutions/NN-name.py`` (running ``%load``
   there replaces the cell with the solution), then a stub of that function;
3. a check cell, ``check("NN-name", answer)``, which builds a FRESH seeded account, runs the
   answer on it, and says whether it is right and, if not, why;
4. the solution, ``notebooks/solutions/NN-name.py``: plain, self-contained Python that
   defines the same name; the tests run every solution through its check.

The checks live in ``lambda_model/exercises/lessonNN.py`` and register themselves with
:func:`exercise`; :func:`get` imports the right module from the id.

Examples
--------
>>> from lambda_model.exercises import check
>>> def publish_and_alias(account):
...     account.create_alias("greeter", "LIVE", "$LATEST")
>>> result = check("00-first-alias", publish_and_alias)
>>> result.passed
False
>>> print(result.message)
greeter has no published version: call account.publish_version("greeter").
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass

from lambda_model import Account

__all__ = [
    "CheckResult",
    "Exercise",
    "NotYet",
    "all_exercises",
    "call_answer",
    "check",
    "exercise",
    "fresh_account",
    "get",
    "publish_versions",
    "resizer",
]

EXERCISE_ID = re.compile(r"(?P<lesson>\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*")

#: Every account a check builds uses this seed, so checks give the same verdict every time.
SEED = 0

_REGISTRY: dict[str, Exercise] = {}


class NotYet(Exception):
    """Raised by a check with the reason the answer is not right yet."""


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict of a check: shown in the notebook, true when the answer is right."""

    exercise_id: str
    passed: bool
    message: str

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        verdict = "✅ {}: correct." if self.passed else "❌ {}: not yet."
        return f"{verdict.format(self.exercise_id)} {self.message}"


@dataclass(frozen=True, slots=True)
class Exercise:
    """One exercise: its id, the name its answer has, and its verifier.

    ``verify(answer)`` raises :class:`NotYet` with the reason when the answer is wrong and
    returns a sentence saying what the right answer achieved.
    """

    id: str
    answer: str
    verify: Callable[[object], str]

    def __repr__(self) -> str:
        return f"Exercise({self.id}, answer {self.answer!r})"

    def run(self, answer: object) -> CheckResult:
        """Check ``answer``; never raises for a wrong answer."""
        try:
            explanation = self.verify(answer)
        except NotYet as reason:
            return CheckResult(self.id, False, str(reason))
        return CheckResult(self.id, True, explanation)


def exercise(exercise_id: str, *, answer: str) -> Callable[[Callable[[object], str]], Exercise]:
    """Register the decorated verifier as the check of ``exercise_id``."""
    match = EXERCISE_ID.fullmatch(exercise_id)
    if match is None:
        raise ValueError(f"exercise ids look like '02-publish-twice', not {exercise_id!r}")

    def register(verify: Callable[[object], str]) -> Exercise:
        if exercise_id in _REGISTRY:
            raise ValueError(f"exercise {exercise_id} is registered twice")
        registered = Exercise(exercise_id, answer, verify)
        _REGISTRY[exercise_id] = registered
        return registered

    return register


def get(exercise_id: str) -> Exercise:
    """The exercise with this id (imports ``lessonNN`` on first use)."""
    match = EXERCISE_ID.fullmatch(exercise_id)
    if match is not None and exercise_id not in _REGISTRY:
        with contextlib.suppress(ModuleNotFoundError):
            importlib.import_module(f"{__name__}.lesson{match['lesson']}")
    if exercise_id not in _REGISTRY:
        raise KeyError(f"no exercise {exercise_id!r}; known: {sorted(_REGISTRY)}")
    return _REGISTRY[exercise_id]


def all_exercises() -> list[Exercise]:
    """Every exercise of every lesson, sorted by id."""
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("lesson"):
            importlib.import_module(f"{__name__}.{module.name}")
    return [_REGISTRY[key] for key in sorted(_REGISTRY)]


def check(exercise_id: str, answer: object) -> CheckResult:
    """Check an answer in a notebook: ``check("02-publish-twice", publish_twice)``."""
    return get(exercise_id).run(answer)


def fresh_account() -> Account:
    """The account every check starts from: empty, with the checks' fixed seed."""
    return Account(seed=SEED)


def call_answer(answer: object, *args: object) -> object:
    """Call a learner's function; turn any error it raises into a :class:`NotYet`."""
    if not callable(answer):
        raise NotYet(f"expected a function, got {answer!r}")
    try:
        return answer(*args)
    except Exception as exc:
        raise NotYet(f"your function raised {type(exc).__name__}: {exc}") from exc


def resizer(event, context):
    """The function several checks release: it says which version ran."""
    return f"resized by version {context.function_version}"


def publish_versions(account: Account, name: str, count: int) -> None:
    """Create ``name`` (the :func:`resizer` handler) and publish ``count`` versions of it, each
    after an update call, so that every publish makes a new version."""
    account.create_function(name, resizer)
    account.publish_version(name)
    for number in range(2, count + 1):
        account.update_function_configuration(name, description=f"build {number}")
        account.publish_version(name)
