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
