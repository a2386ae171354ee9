"""Function code: a Python callable, Python source, or a ZIP of Python modules.

A :class:`Code` value is immutable. Its ``code_sha256`` is the base64-encoded SHA-256 of
the code bytes, as on AWS (for a callable, the bytes of its source text). The handler is
compiled lazily, on the first invocation, and then cached.

Examples
--------
>>> code = Code.from_source("def handler(event, context):\\n    return 'v1'\\n")
>>> code.code_size, code.code_sha256[:12]
(45, '811oNamb+wr+')
>>> code.entry_point("index.handler")({}, None)
'v1'
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import io
import marshal
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import InvalidParameterValueException

__all__ = ["Code", "Handler"]

Handler = Callable[[object, object], object]


#: SHA-256 digests (base64) of packages already checked to be valid ZIP files.
_VALID_ZIP_DIGESTS: set[str] = set()


def _sha256_b64(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


@dataclass(frozen=True, eq=False)
class Code:
    """Immutable function code. Build it with :meth:`from_callable`, :meth:`from_source`,
    :meth:`from_zip`, or let :meth:`of` pick from whatever the caller passed."""

    data: bytes = field(repr=False)
    kind: str  # "callable", "source" or "zip"
    code_sha256: str
    function: Handler | None = field(default=None, repr=False)
    _loaded: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def code_size(self) -> int:
        """Size of the code in bytes (``CodeSize``)."""
        return len(self.data)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Code) and other.code_sha256 == self.code_sha256

    def __hash__(self) -> int:
        return hash(self.code_sha256)

    @classmethod
    def of(cls, code: Code | Handler | str | bytes) -> Code:
        """A :class:`Code` from a callable, Python source (``str``) or ZIP bytes."""
        if isinstance(code, Code):
            return code
        if isinstance(code, str):
            return cls.from_source(code)
        if isinstance(code, bytes | bytearray):
            return cls.from_zip(bytes(code))
        if callable(code):
            return cls.from_callable(code)
        raise TypeError(f"code must be a callable, Python source or ZIP bytes, not {code!r}")

    @classmethod
    def from_callable(cls, function: Handler) -> Code:
        """Wrap a Python function ``handler(event, context)``."""
        try:
            # A callable object (an instance with ``__call__``) has the source of its class.
            source_of = function if hasattr(function, "__code__") else type(function)
            data = inspect.getsource(source_of).encode()
            if source_of is not function and type(function).__repr__ is not object.__repr__:
                # ... and its own repr, when it has one: a configured handler's settings.
                data += repr(function).encode()
        except (OSError, TypeError):
            # No source (defined in exec'd text or a REPL): the whole code object, constants
            # included, so that two different handlers never share a CodeSha256.
            code = getattr(function, "__code__", None)
            data = marshal.dumps(code) if code is not None else type(function).__qualname__.encode()
        return cls(data, "callable", _sha256_b64(data), function)

    @classmethod
    def from_source(cls, source: str) -> Code:
        """Python source of the module named by the handler (``index.py`` for ``index.handler``)."""
        data = source.encode()
        return cls(data, "source", _sha256_b64(data))

    @classmethod
    def from_zip(cls, data: bytes) -> Code:
        """A deployment package: a ZIP holding Python modules.

        A package whose digest was already found to be a valid ZIP is not opened again
        (redeploying a build is common; the digest identifies the bytes).
        """
        digest = _sha256_b64(data)
        if digest not in _VALID_ZIP_DIGESTS:
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    archive.namelist()
            except zipfile.BadZipFile as exc:
                raise InvalidParameterValueException(
                    "Could not unzip uploaded file. Please check your file, then try to upload "
                    "again."
                ) from exc
            if len(_VALID_ZIP_DIGESTS) < 4096:
                _VALID_ZIP_DIGESTS.add(digest)
        return cls(data, "zip", digest)

    def entry_point(self, handler: str) -> Handler:
        """The callable that ``handler`` (``module.function``) names in this code."""
        loaded = self._loaded.get(handler)
        if loaded is None:
            loaded = self._load(handler)
            self._loaded[handler] = loaded
        return loaded

    def _load(self, handler: str) -> Handler:
        if self.function is not None:
            return self.function
        module_name, _, function_name = handler.rpartition(".")
        if self.kind == "source":
            modules = {module_name: self.data.decode()}
        else:
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                modules = {
                    name[:-3].replace("/", "."): archive.read(name).decode()
                    for name in archive.namelist()
                    if name.endswith(".py")
                }
        if module_name not in modules:
            raise _ImportModuleError(
                f"Unable to import module '{module_name}': No module named '{module_name}'"
            )
        namespace: dict[str, object] = {"__name__": module_name}
        exec(compile(modules[module_name], f"{module_name}.py", "exec"), namespace)
        function = namespace.get(function_name)
        if not callable(function):
            raise _ImportModuleError(f"Handler '{function_name}' missing on module '{module_name}'")
        return function  # type: ignore[return-value]


class _ImportModuleError(Exception):
    """Raised at invoke time when the handler cannot be loaded (``Runtime.ImportModuleError``)."""
