def promote(account, function_name, from_alias, to_alias):
    """Point to_alias at the version from_alias points at."""
    version = account.get_alias(function_name, from_alias).function_version
    account.update_alias(function_name, to_alias, function_version=version)
