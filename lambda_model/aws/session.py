"""A private, offline botocore session: dummy credentials, a fixed region, no outside config.

The simulated clients must behave the same on every machine, so this session never consults
the user's environment variables (``AWS_PROFILE``, ``AWS_ENDPOINT_URL``, ``AWS_DEFAULT_REGION``
...) or their ``~/.aws`` files. Every configuration variable botocore knows is pinned to its
built-in default, the config and credentials file paths are unset, and the credentials are
dummies: no call ever leaves the process, so no real credentials are needed.

Examples
--------
>>> session = offline_session()
>>> session.get_config_variable("config_file") is None
True
>>> session.get_credentials().access_key
'simulated'
"""

from __future__ import annotations

import functools

import botocore.config
import botocore.session
from botocore.configprovider import (
    BOTOCORE_DEFAUT_SESSION_VARIABLES,
    ConfigValueStore,
    ConstantProvider,
)

__all__ = ["CLIENT_CONFIG", "offline_session"]

#: Pinned values: no profile, no files, no configured endpoints, AWS's standard behaviour.
_PINNED = {
    "profile": None,
    "config_file": None,
    "credentials_file": None,
    "ignore_configured_endpoint_urls": True,
    "endpoint_url": None,
    "region": "us-east-1",
    "defaults_mode": "legacy",
    "retry_mode": "standard",
    "max_attempts": 1,
}

#: The client configuration: one attempt (nothing to retry in-process), configured endpoint
#: URLs ignored.
CLIENT_CONFIG = botocore.config.Config(
    retries={"total_max_attempts": 1, "mode": "standard"},
    ignore_configured_endpoint_urls=True,
    parameter_validation=True,
)


def _isolated_config_store() -> ConfigValueStore:
    """Every known variable fixed to its built-in default: nothing read from env or files."""
    mapping = {
        name: ConstantProvider(spec[2]) for name, spec in BOTOCORE_DEFAUT_SESSION_VARIABLES.items()
    }
    mapping.update({name: ConstantProvider(value) for name, value in _PINNED.items()})
    return ConfigValueStore(mapping=mapping)


@functools.cache
def offline_session() -> botocore.session.Session:
    """The shared private session (created once: loading service models is the slow part).

    Clients made from it each get their own copy of its event emitter, so handlers registered
    on one client never reach another.
    """
    session = botocore.session.Session()
    session.register_component("config_store", _isolated_config_store())
    session.set_credentials("simulated", "simulated")
    return session
