from lambda_model import AliasUpdated


def rollback(account, function_name, alias_name):
    """Point alias_name back at the version it pointed at before its last move."""
    moves = [
        event
        for event in account.history
        if isinstance(event, AliasUpdated)
        and event.function_name == function_name
        and event.name == alias_name
        and event.previous_version != event.function_version  # a real move
    ]
    previous = moves[-1].previous_version
    account.update_alias(function_name, alias_name, function_version=previous)
