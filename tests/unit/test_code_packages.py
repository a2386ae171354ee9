"""Deployment packages: a ZIP is checked once per distinct content, and bad ones are refused."""

import io
import zipfile

import pytest

from lambda_model import Code, InvalidParameterValueException


def _zip(source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", source)
    return buffer.getvalue()


def test_redeploying_the_same_package_gives_equal_code_with_its_own_loaded_handlers():
    data = _zip("def handler(event, context):\n    return 1\n")
    first, again = Code.from_zip(data), Code.from_zip(bytes(data))
    assert first == again
    assert first is not again
    assert again.entry_point("app.handler")({}, None) == 1


def test_bytes_that_are_not_a_zip_are_refused_every_time():
    for _ in range(2):
        with pytest.raises(InvalidParameterValueException, match="Could not unzip"):
            Code.from_zip(b"not a zip at all")
