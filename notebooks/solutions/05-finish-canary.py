def finish_canary(account, function_name, alias_name):
    """Move the alias to the version it routes to, and clear the weights: one call."""
    alias = account.get_alias(function_name, alias_name)
    (new_version,) = alias.routing_config.additional_version_weights
    account.update_alias(function_name, alias_name, function_version=new_version, routing_config={})
