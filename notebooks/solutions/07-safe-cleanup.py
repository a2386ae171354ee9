def safe_cleanup(account, function_name):
    """Delete every version of function_name that no alias points or routes to."""
    in_use = set()
    for alias in account.list_aliases(function_name):
        in_use.add(alias.function_version)
        if alias.routing_config:
            in_use.update(alias.routing_config.additional_version_weights)
    for config in account.list_versions_by_function(function_name):
        if config.version != "$LATEST" and config.version not in in_use:
            account.delete_function(function_name, qualifier=config.version)
