"""Injected faults: versions that fail a fraction of the time, or on given inputs."""

import pytest

from lambda_model import Account
from lambda_model.deploy import InjectedError, failing, failing_on, healthy


def _errors(account: Account, qualifier: str, count: int) -> int:
    return sum(account.invoke(f"f:{qualifier}").function_error is not None for _ in range(count))


def test_a_failing_handler_fails_about_its_fraction_of_requests():
    account = Account(seed=1)
    account.create_function("f", failing(0.2, seed=4), publish=True)
    assert 1800 < _errors(account, "1", 10_000) < 2200


def test_a_handler_failing_none_or_all_of_the_time_is_exact():
    account = Account(seed=1)
    account.create_function("f", failing(0.0), publish=True)
    account.update_function_code("f", failing(1.0), publish=True)
    assert (_errors(account, "1", 200), _errors(account, "2", 200)) == (0, 200)


def test_the_same_account_seed_fails_the_same_requests_even_with_the_handler_reused():
    handler = failing(0.3, seed=9)

    def outcomes():
        account = Account(seed=2)
        account.create_function("f", handler, publish=True)
        return [account.invoke("f:1").function_error for _ in range(200)]

    assert outcomes() == outcomes()


def test_the_handler_seed_picks_which_requests_fail():
    def outcomes(seed):
        account = Account(seed=2)
        account.create_function("f", failing(0.3, seed=seed), publish=True)
        return [account.invoke("f:1").function_error for _ in range(200)]

    assert outcomes(1) != outcomes(2)


def test_an_injected_failure_is_an_unhandled_function_error_named_injected_error():
    account = Account(seed=1)
    account.create_function("f", failing(1.0), publish=True)
    result = account.invoke("f:1")
    assert result.status_code == 200
    assert result.function_error == "Unhandled"
    assert result.payload["errorType"] == "InjectedError"


def test_a_handler_fails_on_the_listed_inputs_only():
    handler = failing_on([{"order": 13}, "poison"], "v2")
    assert handler({"order": 12}, None) == "v2"
    for event in ({"order": 13}, "poison"):
        with pytest.raises(InjectedError):
            handler(event, None)


def test_a_handler_fails_on_the_inputs_a_predicate_picks():
    handler = failing_on(lambda event: event > 3)
    assert handler(3, None) == "ok"
    with pytest.raises(InjectedError, match="input 4"):
        handler(4, None)


def test_a_duration_range_is_drawn_per_request_within_its_bounds():
    account = Account(seed=1)
    account.create_function("f", healthy("v1", duration_ms=(10, 30)), publish=True)
    durations = [account.invoke("f:1").payload["duration_ms"] for _ in range(100)]
    assert all(10 <= d <= 30 for d in durations)
    assert len(set(durations)) > 50


def test_differently_configured_handlers_have_different_code_sha256():
    account = Account(seed=1)
    first = account.create_function("f", failing(0.1, "v2"), publish=True).code_sha256
    second = account.update_function_code("f", failing(0.2, "v2"), publish=True).code_sha256
    assert first != second


def test_identically_configured_handlers_have_the_same_code_sha256():
    account = Account(seed=1)
    first = account.create_function("f", healthy("v1"), publish=True).code_sha256
    assert account.update_function_code("f", healthy("v1")).code_sha256 == first


def test_an_error_rate_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="error_rate"):
        failing(1.5)


def test_a_handler_reads_as_its_configuration():
    assert repr(healthy("v1")) == "SimulatedHandler('v1')"
    assert repr(failing(0.25, "v2", seed=3)) == "SimulatedHandler('v2', error_rate=0.25, seed=3)"
    assert repr(failing_on([1, 2])) == "SimulatedHandler('ok', fail_on=(1, 2))"
