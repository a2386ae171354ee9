def publish_and_alias(account):
    """Publish greeter's first version, then point the alias LIVE at it."""
    version = account.publish_version("greeter")
    account.create_alias("greeter", "LIVE", version.version)
