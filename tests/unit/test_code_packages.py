"""Code.to_zip: the deployment package a learner uploads with ``fileb://``."""

import io
import zipfile

import pytest

from lambda_model.core.code import Code

SOURCE = "def handler(event, context):\n    return 'v1'\n"


def greet(event, context):
    return f"hello {event['name']}"


def test_a_zip_package_is_written_as_it_is(tmp_path):
    package = Code.from_source(SOURCE).to_zip()
    assert Code.from_zip(package).to_zip(tmp_path / "f.zip") == package
    assert (tmp_path / "f.zip").read_bytes() == package


def test_source_becomes_the_module_the_handler_names():
    package = Code.from_source(SOURCE).to_zip(handler="app.handler")
    assert zipfile.ZipFile(io.BytesIO(package)).namelist() == ["app.py"]
    assert Code.from_zip(package).entry_point("app.handler")({}, None) == "v1"


def test_the_same_code_always_makes_the_same_bytes():
    assert Code.from_source(SOURCE).to_zip() == Code.from_source(SOURCE).to_zip()


def test_a_def_function_is_packaged_under_the_handlers_name():
    package = Code.from_callable(greet).to_zip(handler="index.handler")
    assert Code.from_zip(package).entry_point("index.handler")({"name": "Ada"}, None) == (
        "hello Ada"
    )


def test_a_lambda_cannot_be_packaged():
    with pytest.raises(ValueError, match="no source of its own"):
        Code.from_callable(lambda event, context: 1).to_zip()
