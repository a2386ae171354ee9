"""Reading an AWS CLI command line back into an operation and its parameters, the way the
CLI maps them: ``aws <service> <operation-in-kebab-case> --member-in-kebab-case value``.

Values are read by the member's shape: scalars as text, numbers, ``--flag``/``--no-flag``
booleans, ``fileb://`` blobs, JSON documents, and the CLI's shorthand (``Key=value`` and
``Key={k=v,...}``) for structures and maps.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable

from botocore import xform_name

from lambda_model.aws.session import offline_session

SERVICES = {"lambda": "lambda", "s3api": "s3", "sqs": "sqs"}

#: Options the AWS CLI adds beside the model's (awscli's ``customizations``): create-function
#: takes ``--zip-file fileb://...`` and puts it in ``Code.ZipFile``.
CUSTOM_OPTIONS = {("CreateFunction", "zip-file"): ("Code", "ZipFile")}


def _split_top_level(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for n, char in enumerate(text):
        if char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:n])
            start = n + 1
    parts.append(text[start:])
    return [p for p in parts if p]


def _shorthand(text: str, shape) -> object:
    if shape.type_name == "structure":
        result = {}
        for part in _split_top_level(text):
            key, _, value = part.partition("=")
            result[key] = _shorthand(value, shape.members[key])
        return result
    if shape.type_name == "map":
        assert text.startswith("{") and text.endswith("}"), text
        result = {}
        for part in _split_top_level(text[1:-1]):
            key, _, value = part.partition("=")
            result[key] = _shorthand(value, shape.value)
        return result
    return _scalar(text, shape)


def _scalar(text: str, shape) -> object:
    if shape.type_name in ("integer", "long"):
        return int(text)
    if shape.type_name in ("float", "double"):
        return float(text)
    return text


def parse_command(command: str, read_file: Callable[[str], bytes]):
    """``(service, operation, params)`` for one ``aws ...`` command line."""
    argv = shlex.split(command)
    assert argv[:1] == ["aws"], command
    service = SERVICES[argv[1]]
    model = offline_session().get_service_model(service)
    operations = {xform_name(name, "-"): name for name in model.operation_names}
    operation = operations[argv[2]]
    input_shape = model.operation_model(operation).input_shape
    members = {xform_name(name, "-"): name for name in input_shape.members}
    params: dict = {}
    rest = argv[3:]
    while rest:
        option = rest.pop(0)
        assert option.startswith("--"), (command, option)
        name = option[2:]
        if name.startswith("no-") and name not in members:
            member = members[name[3:]]
            assert input_shape.members[member].type_name == "boolean"
            params[member] = False
            continue
        custom = CUSTOM_OPTIONS.get((operation, name))
        if custom is not None:
            outer, inner = custom
            params.setdefault(outer, {})[inner] = read_file(rest.pop(0).removeprefix("fileb://"))
            continue
        member = members[name]
        shape = input_shape.members[member]
        if shape.type_name == "boolean":
            params[member] = True
            continue
        value = rest.pop(0)
        if shape.type_name == "blob":
            params[member] = read_file(value.removeprefix("fileb://"))
        elif shape.type_name in ("structure", "map", "list"):
            params[member] = json.loads(value) if value[:1] in "{[" else _shorthand(value, shape)
        else:
            params[member] = _scalar(value, shape)
    return service, operation, params
