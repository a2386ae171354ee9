"""The deliberate differences from AWS, in one place, each with its reason.

Anything not declared here that differs from a recorded AWS response is a simulator bug.
"""

from __future__ import annotations

#: Response fields the simulator does not model; they are skipped wherever they appear.
NOT_MODELLED_FIELDS: frozenset[str] = frozenset(
    {
        # The runtime's patch level: an ARN AWS picks per region and date.
        "RuntimeVersionConfig",
    }
)

_SETTLED = (
    "the simulator settles a change before the next call (no waiter needed), so a read made "
    "at once already sees the new version Active and $LATEST Successful; AWS was still "
    "Pending / InProgress"
)

#: (recorded test, response name) -> why the simulator answers differently on purpose.
EXPECTED_DIFFERENCES: dict[tuple[str, str], str] = {
    ("TestLambdaVersions::test_publish_with_update", "get_function_version_result"): _SETTLED,
    ("TestLambdaVersions::test_publish_with_update", "get_function_latest_result"): _SETTLED,
    # Read right after UpdateFunctionCode, without a waiter: AWS was still InProgress (with the
    # update response's RevisionId); the simulator has settled (and moved the RevisionId on).
    ("TestLambdaFunction::test_lambda_code_location_zipfile", "get-function-response-updated"): (
        _SETTLED
    ),
    ("TestLambdaFunction::test_lambda_code_location_s3", "get-function-response-updated"): (
        _SETTLED
    ),
    (
        "TestLambdaAlias::test_notfound_and_invalid_routingconfigs",
        "target_version_exc_version_latest",
    ): (
        'AWS\'s body for this one InvalidParameterValueException omits the "Type": "User" '
        "field every other one carries; the simulator renders error bodies from botocore's "
        "error shape, which declares Type. Code, message and status match."
    ),
    (
        "TestLambdaEventSourceMappings::test_event_source_mapping_exceptions",
        "destination_config_failure",
    ): (
        "DestinationConfig is outside the simulated surface: the kit raises "
        "ParameterNotSimulated (a Python error saying so) rather than guess AWS's checks."
    ),
}
