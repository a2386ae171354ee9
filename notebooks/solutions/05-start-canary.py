def start_canary(account, function_name, alias_name, new_version, weight):
    """Keep the alias on its version; send `weight` of its traffic to `new_version`."""
    account.update_alias(function_name, alias_name, routing_config={new_version: weight})
