from lambda_model import InvalidParameterValueException, PreconditionFailedException


def safe_publish(account, function_name, tested):
    """Publish $LATEST only if it is still exactly what `tested` describes; else None."""
    try:
        version = account.publish_version(
            function_name, code_sha256=tested.code_sha256, revision_id=tested.revision_id
        )
    except (PreconditionFailedException, InvalidParameterValueException):
        return None
    return version.version
