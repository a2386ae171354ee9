"""lambda_model: a small, exact simulator of AWS Lambda versions, aliases and their event sources.

>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("thumbnailer", lambda event, context: "v1", publish=True)
>>> account.create_alias("thumbnailer", "PROD", "1")
AliasConfiguration(PROD -> 1)

The core (this package's top level) uses the standard library only. The adapters
(``lambda_model.aws``), the views (``lambda_model.viz``, ``lambda_model.widgets``) and the
deployments (``lambda_model.deploy``) are imported on demand.
"""

from . import core as _core
from .core import *  # noqa: F403

__all__ = [*_core.__all__, *_core._LAZY]
__version__ = "0.1.0"


def __getattr__(name: str):
    # Course helpers (the churn scenario) load on first use, not with the package.
    if name in _core._LAZY:
        return getattr(_core, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_ipython_extension(ipython) -> None:
    """``%load_ext lambda_model``: the ``%aws`` and ``%%aws`` magics (see
    :mod:`lambda_model.aws.magics`); bind their account with ``lambda_model.aws.use(account)``."""
    from .aws.magics import load_ipython_extension as load

    load(ipython)
