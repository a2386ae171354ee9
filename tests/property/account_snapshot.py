"""``snapshot(account)``: everything an ``Account`` holds, as a comparable value.

Two snapshots are equal exactly when nothing observable changed: every function (its identity,
``$LATEST``, its versions and aliases in order, ``next_version``, ``changed_since_publish``,
metrics, policies), the history, both seeded generators, the request counter, the clock and its
queue, the invocation log, and any other attribute an account gains later (walked generically).
Pure caches are left out on purpose: ``Account._refs`` (parsed names) and ``Code._loaded``
(compiled handlers).

>>> from lambda_model import Account
>>> account = Account()
>>> before = snapshot(account)
>>> _ = account.create_function("f", "def handler(e, c):\\n    return 1\\n")
>>> snapshot(account) == before
False
"""

from __future__ import annotations

import dataclasses
import random
import types
from collections import deque
from collections.abc import Mapping

from lambda_model import Account, Code, FunctionConfiguration
from lambda_model.core.function import Function

#: Attributes that are caches, not state: a failed call may fill them.
CACHES = frozenset({"_refs", "_lock"})
_PRIMITIVES = (str, bytes, int, float, bool, type(None))


def freeze(value: object, _seen: frozenset[int] = frozenset()) -> object:
    """A hashable, comparable rendering of ``value``, walking containers and objects."""
    if isinstance(value, _PRIMITIVES):
        return value
    if id(value) in _seen:
        return ("cycle", type(value).__name__)
    seen = _seen | {id(value)}
    if isinstance(value, random.Random):
        return ("Random", value.getstate())
    if isinstance(value, Code):
        return ("Code", value.kind, value.code_sha256, value.data, id(value.function))
    if isinstance(value, FunctionConfiguration):
        return ("FunctionConfiguration", freeze(_fields(value), seen))
    if isinstance(value, Mapping | types.MappingProxyType):
        return (
            type(value).__name__,
            tuple((freeze(k, seen), freeze(v, seen)) for k, v in value.items()),
        )
    if isinstance(value, list | tuple | deque):
        extra = (value.maxlen,) if isinstance(value, deque) else ()
        return (type(value).__name__, *extra, tuple(freeze(v, seen) for v in value))
    if isinstance(value, set | frozenset):
        return (type(value).__name__, tuple(sorted(repr(freeze(v, seen)) for v in value)))
    if isinstance(value, types.FunctionType | types.MethodType | types.BuiltinFunctionType):
        return ("callable", id(value))
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, freeze(_fields(value), seen))
    slots = [s for cls in type(value).__mro__ for s in getattr(cls, "__slots__", ())]
    state = {s: getattr(value, s) for s in slots if hasattr(value, s)}
    state.update(getattr(value, "__dict__", {}))
    return (type(value).__name__, freeze(state, seen))


def _fields(value: object) -> dict:
    return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}


def function_snapshot(function: Function) -> dict:
    return {
        "identity": id(function),
        "name": function.name,
        "arn": function.arn,
        "latest": freeze(function.latest),
        "versions": freeze(function.versions),
        "aliases": freeze(function.aliases),
        "next_version": function.next_version,
        "changed_since_publish": function.changed_since_publish,
        "metrics": freeze(function.metrics),
        "policies": freeze(function.policies),
        "everything else": freeze(
            {
                k: v
                for k, v in vars(function).items()
                if k
                not in {
                    "name",
                    "arn",
                    "latest",
                    "versions",
                    "aliases",
                    "next_version",
                    "changed_since_publish",
                    "metrics",
                    "policies",
                }
            }
        ),
    }


def snapshot(account: Account) -> dict:
    """Everything observable in ``account``, as a comparable dict."""
    named = {
        "functions",
        "history",
        "random",
        "_ids",
        "_request_counter",
        "clock",
        "invocation_log",
    }
    return {
        "function order": list(account.functions),
        "functions": {name: function_snapshot(f) for name, f in account.functions.items()},
        "history length": len(account.history),
        "history": tuple(freeze(event) for event in account.history),
        "traffic generator": account.random.getstate(),
        "id generator": account._ids.getstate(),
        "request counter": account._request_counter,
        "clock": freeze(account.clock),
        "invocation log": freeze(account.invocation_log),
        "attribute names": sorted(vars(account)),
        "everything else": freeze(
            {k: v for k, v in vars(account).items() if k not in named and k not in CACHES}
        ),
    }


def differences(before: dict, after: dict) -> list[str]:
    """The top-level keys (and function names) whose values differ, for readable failures."""
    keys = sorted(set(before) | set(after))
    out = [k for k in keys if k != "functions" and before.get(k) != after.get(k)]
    fb, fa = before.get("functions", {}), after.get("functions", {})
    for name in sorted(set(fb) | set(fa)):
        if fb.get(name) != fa.get(name):
            parts = sorted(set(fb.get(name, {})) | set(fa.get(name, {})))
            changed = [p for p in parts if fb.get(name, {}).get(p) != fa.get(name, {}).get(p)]
            out.append(f"functions[{name!r}]: {', '.join(changed)}")
    return out


def machine_settings(*, ci_examples: int, dev_examples: int):
    """Hypothesis settings for a state machine: derandomized and bounded in CI (the default),
    random and longer when ``LAMBDA_MODEL_HYPOTHESIS_PROFILE`` ends in ``dev``."""
    import os

    from hypothesis import HealthCheck, settings

    common = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
    if os.environ.get("LAMBDA_MODEL_HYPOTHESIS_PROFILE", "").endswith("dev"):
        return settings(max_examples=dev_examples, stateful_step_count=80, **common)
    return settings(
        max_examples=ci_examples,
        stateful_step_count=50,
        derandomize=True,
        database=None,
        **common,
    )
