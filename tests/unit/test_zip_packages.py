"""Deployment packages: a ZIP is read as AWS reads it, and a broken one is refused at upload."""

import io
import zipfile

import pytest

from lambda_model import Account, InvalidParameterValueException

UNZIP_ERROR = "Could not unzip uploaded file. Please check your file, then try to upload again."


def package(**modules: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, source in modules.items():
            archive.writestr(f"{name}.py", source)
    return buffer.getvalue()


def test_a_package_with_several_modules_runs_the_handler_it_names():
    account = Account()
    code = package(
        app="from helper import answer\ndef handler(e, c):\n    return answer()\n",
        helper="def answer():\n    return 42\n",
    )
    account.create_function("f", code, handler="app.handler")
    assert account.invoke("f").payload == 42


@pytest.mark.parametrize(
    "broken",
    [
        b"not a zip at all",
        package(app="x = 1\n")[:-5],  # the end record cut short
        package(app="x = 1\n").replace(b"PK\x01\x02", b"PK\x09\x02"),  # a bad directory entry
    ],
    ids=["not-a-zip", "truncated", "bad-central-directory"],
)
def test_a_package_that_cannot_be_unzipped_is_refused_and_nothing_is_created(broken):
    account = Account()
    with pytest.raises(InvalidParameterValueException) as caught:
        account.create_function("f", broken, handler="app.handler")
    assert caught.value.message == UNZIP_ERROR
    assert account.functions == {} and account.history == []


def test_each_version_imports_its_own_copy_of_a_helper_module():
    account = Account()
    v1 = package(
        app="import helper\ndef handler(e, c):\n    return helper.NAME\n", helper="NAME = 'one'\n"
    )
    v2 = package(
        app="import helper\ndef handler(e, c):\n    return helper.NAME\n", helper="NAME = 'two'\n"
    )
    account.create_function("f", v1, handler="app.handler", publish=True)
    account.update_function_code("f", v2, publish=True)
    assert [account.invoke("f", qualifier=q).payload for q in ("1", "2", "1")] == [
        "one",
        "two",
        "one",
    ]


def test_a_package_may_hold_subpackages_and_relative_imports():
    account = Account()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "app.py", "from lib.text import shout\ndef handler(e, c):\n    return shout(e)\n"
        )
        archive.writestr("lib/__init__.py", "")
        archive.writestr(
            "lib/text.py", "from .marks import BANG\ndef shout(s):\n    return s.upper() + BANG\n"
        )
        archive.writestr("lib/marks.py", "BANG = '!'\n")
    account.create_function("f", buffer.getvalue(), handler="app.handler")
    assert account.invoke("f", "hi").payload == "HI!"


def test_a_module_that_fails_to_import_is_reported_as_runtime_import_module_error():
    account = Account()
    account.create_function(
        "f", package(app="import not_a_module_anywhere\n"), handler="app.handler"
    )
    result = account.invoke("f")
    assert result.function_error == "Unhandled"
    assert result.payload["errorType"] == "Runtime.ImportModuleError"
    assert result.payload["errorMessage"].startswith("Unable to import module 'app': ")
