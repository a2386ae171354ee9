from lambda_model.deploy import Alarm


def make_alarms():
    """Roll back if the new version fails more than 5% of its requests, or if it takes more
    than 500 ms per request on average; both over the last 2 minutes."""
    return [
        Alarm("checkout-new-errors", metric_name="ErrorRate", threshold=0.05, version="new"),
        Alarm("checkout-new-duration", metric_name="Duration", threshold=500, version="new"),
    ]
