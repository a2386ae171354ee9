"""Compare a simulator response with a response AWS recorded.

The recordings were normalised by the recorder: ids, names, hashes and sizes became
placeholders (``<uuid:3>``, ``<function-name:1>``, ``<code-sha256:1>``), dates became
``"date"``, the account became ``111111111111``, the region ``<region>`` and the partition
``<partition>``. A placeholder matches any value, but the same placeholder must match the same
value all through one recorded test, and two numbered placeholders of one kind (``<uuid:2>``,
``<uuid:3>``) must match different values. So a RevisionId that AWS changes between two calls
must change in the simulator too, and one it keeps must be kept.

>>> bindings = Bindings()
>>> differences({"RevisionId": "<uuid:1>"}, {"RevisionId": "r-1"}, bindings)
[]
>>> differences({"RevisionId": "<uuid:2>"}, {"RevisionId": "r-1"}, bindings)
['RevisionId: <uuid:2> matches a value already bound to <uuid:1>']
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

__all__ = ["RECORDED_ACCOUNT", "Bindings", "differences", "normalise"]

#: The account id the recorder wrote in place of the real one.
RECORDED_ACCOUNT = "111111111111"
_FIXED = {"<partition>": "aws"}
# Bare words some recordings hold in place of any value of a key (dates, code hashes).
_MASKS = {"date", "datetime", "code-sha256"}
_NUMBERED = re.compile(r"<[A-Za-z0-9_.-]+:\d+>")
# Kinds whose numbered placeholders are distinct values by nature: RevisionIds and UUIDs. (Two
# recorded code hashes may differ only because the recorder's zip files carry timestamps.)
_DISTINCT = {"<uuid"}
_PLACEHOLDER = re.compile(r"<[A-Za-z0-9_.:()-]+>")


@dataclass
class Bindings:
    """Which simulator value each placeholder of one recorded test stands for."""

    values: dict[str, str] = field(default_factory=dict)
    owners: dict[tuple[str, str], str] = field(default_factory=dict)

    def bind(self, placeholder: str, value: str) -> str | None:
        """Bind ``placeholder`` to ``value``; the reason it cannot, or None."""
        fixed = _FIXED.get(placeholder)
        if fixed is not None:
            return None if value == fixed else f"{placeholder} must be {fixed!r}, not {value!r}"
        if not _NUMBERED.fullmatch(placeholder):
            return None  # an unnumbered placeholder (``<code-size>``) stands for any value
        bound = self.values.get(placeholder)
        if bound is not None:
            return None if bound == value else f"{placeholder} was {bound!r}, now {value!r}"
        kind = placeholder.rsplit(":", 1)[0]
        owner = self.owners.get((kind, value))
        if kind in _DISTINCT and owner is not None and owner != placeholder:
            return f"{placeholder} matches a value already bound to {owner}"
        self.values[placeholder] = value
        self.owners[(kind, value)] = placeholder
        return None


def normalise(value: object, account_id: str) -> object:
    """The simulator's response in the recorder's terms: our account id written as the
    recorded one, dates as ``"date"``, bytes and streams as text."""
    if isinstance(value, dict):
        return {k: normalise(v, account_id) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v, account_id) for v in value]
    if isinstance(value, _dt.datetime):
        return "date"
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        return value.replace(account_id, RECORDED_ACCOUNT)
    return value


def _match_text(recorded: str, actual: str, bindings: Bindings) -> str | None:
    placeholders = _PLACEHOLDER.findall(recorded)
    if not placeholders:
        return None if recorded == actual else f"{recorded!r} != {actual!r}"
    pattern = "".join(
        re.escape(part) if i % 2 == 0 else "(.+?)" for i, part in enumerate(_interleave(recorded))
    )
    found = re.fullmatch(pattern, actual, flags=re.DOTALL)
    if found is None:
        return f"{recorded!r} != {actual!r}"
    for placeholder, value in zip(placeholders, found.groups(), strict=True):
        reason = bindings.bind(placeholder, value)
        if reason:
            return reason
    return None


def _interleave(recorded: str) -> list[str]:
    """``"a<x>b<y>"`` -> ``["a", "<x>", "b", "<y>", ""]``."""
    parts: list[str] = []
    last = 0
    for found in _PLACEHOLDER.finditer(recorded):
        parts += [recorded[last : found.start()], found.group()]
        last = found.end()
    parts.append(recorded[last:])
    return parts


def differences(
    recorded: object,
    actual: object,
    bindings: Bindings,
    path: str = "",
    ignored: frozenset[str] = frozenset(),
) -> list[str]:
    """Every way ``actual`` (already :func:`normalise`\\ d) differs from ``recorded``.

    Keys named in ``ignored`` are skipped on both sides. In ``ResponseMetadata`` only the
    status code is compared (request ids, headers and retries are the transport's).
    """
    where = path or "response"
    if isinstance(recorded, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {actual!r}"]
        found: list[str] = []
        for key in sorted(set(recorded) | set(actual)):
            if key in ignored:
                continue
            sub = f"{path}.{key}" if path else key
            if key == "ResponseMetadata":
                want = recorded.get(key, {}).get("HTTPStatusCode")
                got = actual.get(key, {}).get("HTTPStatusCode")
                if want != got:
                    found.append(f"HTTPStatusCode: {want} != {got}")
            elif key not in actual:
                found.append(f"{sub}: missing (AWS: {recorded[key]!r})")
            elif key not in recorded:
                found.append(f"{sub}: not in AWS's response (ours: {actual[key]!r})")
            else:
                found += differences(recorded[key], actual[key], bindings, sub, ignored)
        return found
    if isinstance(recorded, list):
        if not isinstance(actual, list) or len(actual) != len(recorded):
            return [f"{where}: expected {len(recorded)} items, got {actual!r}"]
        found = []
        for i, (want, got) in enumerate(zip(recorded, actual, strict=True)):
            found += differences(want, got, bindings, f"{path}[{i}]", ignored)
        return found
    if isinstance(recorded, str):
        if recorded in _MASKS and isinstance(actual, str):
            return []
        if isinstance(actual, int | float) and _PLACEHOLDER.fullmatch(recorded):
            actual = str(actual)
        if not isinstance(actual, str):
            return [f"{where}: {recorded!r} != {actual!r}"]
        reason = _match_text(recorded, actual, bindings)
        return [f"{where}: {reason}"] if reason else []
    return [] if recorded == actual else [f"{where}: {recorded!r} != {actual!r}"]
