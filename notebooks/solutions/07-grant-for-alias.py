def grant_for_alias(account, function_name, alias_name, bucket):
    """Let the S3 bucket `bucket` invoke function_name:alias_name."""
    account.add_permission(
        function_name,
        statement_id="s3",
        action="lambda:InvokeFunction",
        principal="s3.amazonaws.com",
        qualifier=alias_name,  # the grant is on the alias ARN, the one S3 will call
        source_arn=f"arn:aws:s3:::{bucket}",
    )
