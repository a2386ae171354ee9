"""Lambda runtimes: which identifiers exist, which AWS accepts, which it refuses as retired.

The data, not a hand-written guess:

- :data:`KNOWN_RUNTIMES` is the ``Runtime`` enum of botocore's Lambda service model (botocore
  1.44.8): every identifier the API has ever defined. ``tests/unit/test_runtimes.py`` checks it
  against the installed botocore.
- :data:`ACCEPTED_RUNTIMES` is the list AWS itself printed, in its order, when refusing an
  unknown runtime on 2026-01-12 (LocalStack's AWS recording ``test_create_lambda_exceptions``
  ``invalid_runtime_exc``). It still holds runtimes past their end of standard support
  (``python3.8``, ``nodejs16.x``...): AWS's runtime table blocks creating and updating them
  only later, and ``python3.8`` was accepted in an update on 2025-11-25 (recording
  ``test_function_revisions_basic``).
- :data:`RETIRED_RUNTIMES`: the identifiers of the enum that are neither accepted nor newer than
  the recording: all retired before the accepted ones. AWS refuses them with its "no longer
  supported" message, recorded on 2026-01-12 for java8, go1.x, provided, ruby2.7, nodejs14.x,
  python3.7, dotnetcore3.1 and nodejs12.x
  (``test_create_deprecated_function_runtime_with_validation_enabled``); the older ones
  (python2.7, nodejs10.x ...) are assumed to answer alike. The enum's identifiers newer than
  the recording (nodejs26.x, python3.15, the ``.al2023`` Java ones, ruby4.0, custom) get the
  unknown-runtime answer, as they did then.

>>> check_runtime("python3.8")
>>> check_runtime("python2.7")
Traceback (most recent call last):
...
lambda_model.core.errors.InvalidParameterValueException: The runtime parameter of python2.7 is \
no longer supported for creating or updating AWS Lambda functions. We recommend you use a \
supported runtime while creating or updating functions.
"""

from __future__ import annotations

from .errors import InvalidParameterValueException

__all__ = ["ACCEPTED_RUNTIMES", "KNOWN_RUNTIMES", "RETIRED_RUNTIMES", "check_runtime"]

#: botocore's ``Runtime`` enum (botocore 1.44.8), in the model's order.
KNOWN_RUNTIMES: tuple[str, ...] = (
    "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x",
    "nodejs14.x", "nodejs16.x", "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x",
    "java8", "java8.al2", "java11", "java17", "java21", "java25", "python2.7", "python3.6",
    "python3.7", "python3.8", "python3.9", "python3.10", "python3.11", "python3.12",
    "python3.13", "python3.14", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1",
    "dotnetcore3.1", "dotnet6", "dotnet8", "dotnet10", "nodejs4.3-edge", "go1.x", "ruby2.5",
    "ruby2.7", "ruby3.2", "ruby3.3", "ruby3.4", "ruby4.0", "provided", "provided.al2",
    "provided.al2023", "nodejs26.x", "python3.15", "java8.al2023", "java11.al2023",
    "java17.al2023", "custom",
)  # fmt: skip

#: What AWS accepted for CreateFunction/UpdateFunctionConfiguration, in the order of its own
#: error message (recorded 2026-01-12).
ACCEPTED_RUNTIMES: tuple[str, ...] = (
    "nodejs20.x", "python3.14", "provided.al2023", "python3.12", "python3.13", "nodejs24.x",
    "nodejs22.x", "java25", "python3.10", "python3.11", "java21", "ruby3.3", "ruby3.4",
    "ruby3.2", "python3.8", "python3.9", "java17", "nodejs16.x", "dotnet10", "dotnet8",
    "java11", "dotnet6", "nodejs18.x", "provided.al2", "java8.al2",
)  # fmt: skip

#: Runtimes of the enum AWS refuses as no longer supported.
RETIRED_RUNTIMES: frozenset[str] = frozenset(
    {
        "nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x",
        "nodejs12.x", "nodejs14.x", "java8", "python2.7", "python3.6", "python3.7",
        "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "go1.x",
        "ruby2.5", "ruby2.7", "provided",
    }
)  # fmt: skip

_ACCEPTED = frozenset(ACCEPTED_RUNTIMES)


def check_runtime(runtime: str) -> None:
    """Raise AWS's InvalidParameterValueException unless AWS accepts ``runtime``.

    >>> check_runtime("PYTHON3.9")
    Traceback (most recent call last):
    ...
    lambda_model.core.errors.InvalidParameterValueException: Value PYTHON3.9 at 'runtime' ...
    """
    if runtime in _ACCEPTED:
        return
    if runtime in RETIRED_RUNTIMES:
        raise InvalidParameterValueException(
            f"The runtime parameter of {runtime} is no longer supported for creating or updating "
            "AWS Lambda functions. We recommend you use a supported runtime while creating or "
            "updating functions."
        )
    raise InvalidParameterValueException(
        f"Value {runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum "
        f"value set: [{', '.join(ACCEPTED_RUNTIMES)}] or be a valid ARN"
    )
