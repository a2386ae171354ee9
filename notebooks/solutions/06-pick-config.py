from lambda_model.deploy import PREDEFINED


def pick_config(watch_minutes):
    """The quickest predefined configuration that keeps the new version at 10% of the traffic
    or less for at least ``watch_minutes`` minutes (None if none does)."""

    def minutes_at_10_percent_or_less(config):
        first_big_shift = next(shift for shift in config.schedule() if shift.weight > 0.10)
        return first_big_shift.offset / 60

    safe = [
        config
        for config in PREDEFINED.values()
        if minutes_at_10_percent_or_less(config) >= watch_minutes
    ]
    return min(safe, key=lambda config: config.duration, default=None)
