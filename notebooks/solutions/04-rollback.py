from lambda_model.course import release


def rollback(account, function_name, alias_name, releases):
    """Point alias_name back at the version it pointed at before its last release."""
    moves = [
        r
        for r in releases
        if (r.function_name, r.alias) == (function_name, alias_name)
        and r.previous_version != r.version  # a re-run is not a move
    ]
    release(account, function_name, alias_name, moves[-1].previous_version, releases)
