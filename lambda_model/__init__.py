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

from .core import *  # noqa: F403
from .core import __all__ as __all__

__version__ = "0.1.0"
