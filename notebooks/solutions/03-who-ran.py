def who_ran(event, context):
    """Say which qualifier the caller used (None if none) and which version ran."""
    parts = context.invoked_function_arn.split(":")
    called_as = parts[7] if len(parts) == 8 else None
    return {"called_as": called_as, "ran": context.function_version}
