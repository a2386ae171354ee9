"""An invocation payload that is not JSON is refused as AWS refuses it."""

import pytest

from lambda_model import Account, InvalidRequestContentException


def test_a_payload_that_is_not_json_is_invalid_request_content():
    account = Account()
    account.create_function("f", lambda event, context: 1)
    with pytest.raises(InvalidRequestContentException) as excinfo:
        account.invoke("f", b"not json")
    assert excinfo.value.status == 400
    assert excinfo.value.message.startswith(
        "Could not parse request body into json: Could not parse payload into json: "
    )
