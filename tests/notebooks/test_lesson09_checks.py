"""The check of 09-from-simulator-to-aws rejects the usual wrong answers, each with its reason."""

import doctest

import lambda_model.exercises.lesson09 as lesson09
from lambda_model.exercises import check


def test_the_docstring_examples_of_lesson09_hold():
    result = doctest.testmod(lesson09, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def every_alias(lam, name):
    pages = lam.get_paginator("list_aliases").paginate(FunctionName=name)
    return [alias for page in pages for alias in page["Aliases"]]


def every_version(lam, name):
    pages = lam.get_paginator("list_versions_by_function").paginate(FunctionName=name)
    return [version["Version"] for page in pages for version in page["Versions"]]


def test_an_answer_that_forgets_the_canary_weights_is_told_the_version_is_in_use():
    def unused_versions(lam, name):
        used = {alias["FunctionVersion"] for alias in every_alias(lam, name)}
        return [v for v in every_version(lam, name) if v not in used]

    result = check("09-unused-versions", unused_versions)
    assert not result
    assert "Version 60 is in your answer, but PROD sends it 10%" in result.message


def test_an_answer_that_keeps_latest_is_told_it_is_not_a_published_version():
    result = check("09-unused-versions", lambda lam, name: ["$LATEST", "1"])
    assert not result
    assert "$LATEST is in your answer" in result.message


def test_an_answer_out_of_number_order_is_told_to_sort_by_number():
    def unused_versions(lam, name):
        return sorted(lesson09_expected())  # string order: "1", "10", "11", ..., "2"

    result = check("09-unused-versions", unused_versions)
    assert not result
    assert "not in number order" in result.message


def lesson09_expected():
    used = {"3", "58", "59", "60"}
    return [str(n) for n in range(1, lesson09.VERSIONS + 1) if str(n) not in used]
