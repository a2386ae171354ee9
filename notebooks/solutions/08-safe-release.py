from lambda_model.deploy import Alarm, Deployment, Traffic


def safe_release(account, handler):
    """Publish handler as a new version of thumbnailer, then deploy it to PROD as a canary
    behind an alarm on the new version's error rate: the deployment promotes it, or the alarm
    rolls it back."""
    account.update_function_code("thumbnailer", handler)
    version = account.publish_version("thumbnailer", description="safe release")
    deployment = Deployment(
        account,
        "thumbnailer",
        "PROD",
        version.version,
        "Canary10Percent5Minutes",
        traffic=Traffic(rate=10),
        alarms=[Alarm("thumbnailer-new-errors", metric_name="ErrorRate", threshold=0.05)],
    )
    return deployment.run()
