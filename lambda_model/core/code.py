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
import builtins
import contextlib
import hashlib
import io
import marshal
import os
import struct
import types
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import InvalidParameterValueException

__all__ = ["Code", "Handler"]

Handler = Callable[[object, object], object]


#: SHA-256 digests (base64) of packages already checked to be valid ZIP files.
_VALID_ZIP_DIGESTS: set[str] = set()


_EOCD = struct.Struct("<4s4H2LH")  # end of central directory record
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # central directory file header


def _is_readable_zip(data: bytes) -> bool:
    """Whether ``data`` is a ZIP whose directory can be read: the end record, then every
    central-directory entry, signature by signature (what ``zipfile.ZipFile`` reads on open,
    without building its objects). ZIP64 archives are handed to :mod:`zipfile` itself.

    >>> _is_readable_zip(b"not a zip"), _is_readable_zip(_EMPTY_ZIP)
    (False, True)
    """
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if end < 0 or end + _EOCD.size > len(data):
        return False
    _, disk, _, _, entries, size, offset, _ = _EOCD.unpack_from(data, end)
    if entries == 0xFFFF or offset == 0xFFFFFFFF or disk:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                archive.namelist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile):
            return False
        return True
    if offset + size > end:
        return False
    position = offset
    for _ in range(entries):
        if position + _CENTRAL.size > end:
            return False
        fields = _CENTRAL.unpack_from(data, position)
        if fields[0] != b"PK\x01\x02":
            return False
        position += _CENTRAL.size + fields[12] + fields[13] + fields[14]
    return position <= end


_EMPTY_ZIP = b"PK\x05\x06" + bytes(18)


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
            try:
                code.encode()
            except UnicodeEncodeError:
                raise InvalidParameterValueException(
                    "Could not unzip uploaded file. Please check your file, then try to upload "
                    "again."
                ) from None
            return cls.from_source(code)
        if isinstance(code, bytes | bytearray):
            return cls.from_zip(bytes(code))
        if callable(code):
            return cls.from_callable(code)
        raise InvalidParameterValueException("Please provide a source for function code.")

    @classmethod
    def from_callable(cls, function: Handler) -> Code:
        """Wrap a Python function ``handler(event, context)``."""
        try:
            # A callable object (an instance with ``__call__``) has the source of its class.
            source_of = function if hasattr(function, "__code__") else type(function)
            import inspect  # only for callables: keeps `import lambda_model` light

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
            if not _is_readable_zip(data):
                raise InvalidParameterValueException(
                    "Could not unzip uploaded file. Please check your file, then try to upload "
                    "again."
                )
            if len(_VALID_ZIP_DIGESTS) < 4096:
                _VALID_ZIP_DIGESTS.add(digest)
        return cls(data, "zip", digest)

    def to_zip(self, path: str | os.PathLike[str] | None = None, *, handler: str = "index.handler"):
        """The deployment package holding this code, as ZIP bytes; also written to ``path``
        when given (for ``aws lambda create-function --zip-file fileb://path``).

        A ZIP package is itself. Source becomes the module ``handler`` names
        (``index.handler`` -> ``index.py``). A function defined with ``def`` becomes a module
        holding its source, with ``handler``'s name bound to it (a callable object: its
        class's source and the object rebuilt from its ``repr``); it runs elsewhere only if it
        needs nothing else from where it was defined. Entries carry a fixed date, so the same
        code always makes the same bytes (and the same ``CodeSha256``).

        >>> package = Code.from_source("def handler(e, c):\\n    return 1\\n").to_zip()
        >>> Code.from_zip(package).entry_point("index.handler")({}, None)
        1
        """
        if self.kind == "zip":
            data = self.data
        else:
            module, _, name = handler.rpartition(".")
            source = self.data.decode() if self.kind == "source" else _callable_source(self, name)
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                entry = zipfile.ZipInfo(f"{module.replace('.', '/')}.py", (1980, 1, 1, 0, 0, 0))
                entry.external_attr = 0o644 << 16
                archive.writestr(entry, source)
            data = buffer.getvalue()
        if path is not None:
            with open(path, "wb") as file:
                file.write(data)
        return data

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
            sources = {module_name: (f"{module_name}.py", self.data.decode())}
        else:
            sources = _package_sources(self.data)
        if module_name not in sources:
            raise _ImportModuleError(
                f"Unable to import module '{module_name}': No module named '{module_name}'"
            )
        try:
            module = _Package(sources).load(module_name)
        except Exception as exc:
            raise _ImportModuleError(f"Unable to import module '{module_name}': {exc}") from exc
        function = getattr(module, function_name, None)
        if not callable(function):
            raise _ImportModuleError(f"Handler '{function_name}' missing on module '{module_name}'")
        return function  # type: ignore[return-value]


def _callable_source(code: Code, name: str) -> str:
    """A module binding ``name`` to the callable: a ``def`` function's own source, or for a
    callable object, its class's source and the object rebuilt from its ``repr``."""
    import inspect
    import textwrap

    function = code.function
    defined = getattr(function, "__name__", None)
    if defined is not None and defined != "<lambda>" and hasattr(function, "__code__"):
        source = textwrap.dedent(inspect.getsource(function))
        return source if defined == name else f"{source}\n\n{name} = {defined}\n"
    kind = type(function)
    if defined is None and kind.__repr__ is not object.__repr__:
        with contextlib.suppress(OSError, TypeError):
            source = textwrap.dedent(inspect.getsource(kind))
            return f"{source}\n\n{name} = {function!r}\n"
    raise ValueError(
        f"cannot package {function!r}: it has no source of its own (a lambda, or code defined "
        "where Python keeps no source); write it with `def`, or pass source text or a ZIP"
    )


def _package_sources(data: bytes) -> dict[str, tuple[str, str]]:
    """The Python modules of a ZIP: ``{"pkg.mod": ("pkg/mod.py", source)}``; a package's
    ``pkg/__init__.py`` is module ``pkg``."""
    sources = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for path in archive.namelist():
            if path.endswith(".py"):
                name = path[:-3].replace("/", ".").removesuffix(".__init__")
                sources[name] = (path, archive.read(path).decode())
    return sources


class _Package:
    """The modules of one deployment package, imported into their own namespace.

    Each version's code gets its own :class:`_Package`, so version 1's ``helper`` module and
    version 2's never meet (nothing goes into ``sys.modules``). ``import`` statements inside
    the package find its own modules first, then the standard library.
    """

    def __init__(self, sources: dict[str, tuple[str, str]]) -> None:
        self.sources = sources
        self.modules: dict[str, types.ModuleType] = {}
        self.builtins = dict(vars(builtins))
        self.builtins["__import__"] = self._import

    def load(self, name: str) -> types.ModuleType:
        module = self.modules.get(name)
        if module is not None:
            return module
        parent, _, leaf = name.rpartition(".")
        parent_module = self.load(parent) if parent else None
        path, source = self.sources[name]
        module = types.ModuleType(name)
        is_package = path.endswith("__init__.py")
        module.__dict__.update(
            __builtins__=self.builtins,
            __file__=path,
            __package__=name if is_package else parent,
        )
        if is_package:
            module.__path__ = []  # type: ignore[attr-defined]
        self.modules[name] = module
        if parent_module is not None:
            setattr(parent_module, leaf, module)
        exec(compile(source, path, "exec"), module.__dict__)
        return module

    def _import(self, name, globals=None, locals=None, fromlist=(), level=0):
        if level:
            base = (globals or {}).get("__package__") or ""
            for _ in range(level - 1):
                base = base.rpartition(".")[0]
            name = f"{base}.{name}" if name else base
        top = name.partition(".")[0]
        if name not in self.sources and top not in self.sources:
            return builtins.__import__(name, globals, locals, fromlist, 0)
        module = self.load(name)
        if fromlist:
            for item in fromlist:
                if f"{name}.{item}" in self.sources:
                    self.load(f"{name}.{item}")
            return module
        return self.modules[top] if level == 0 else module


class _ImportModuleError(Exception):
    """Raised at invoke time when the handler cannot be loaded (``Runtime.ImportModuleError``)."""
