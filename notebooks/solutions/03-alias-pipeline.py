def create_pipeline(account):
    """DEV on the newest version, PROD on version 1, and S3 allowed to invoke PROD."""
    page = account.list_versions_by_function("orders")
    while page.next_marker:
        page = account.list_versions_by_function("orders", marker=page.next_marker)
    newest = page.items[-1].version
    account.create_alias("orders", "DEV", newest, description="what the testers use")
    account.create_alias("orders", "PROD", "1", description="what customers use")
    account.add_permission(
        "orders",
        "s3-orders-inbox",
        "lambda:InvokeFunction",
        "s3.amazonaws.com",
        qualifier="PROD",
        source_arn="arn:aws:s3:::orders-inbox",
    )
