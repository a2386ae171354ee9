"""The ``Function`` entity: ``$LATEST``, its published versions and its aliases.

A function is identified by its name within an account. ``$LATEST`` is its only mutable
configuration; published versions are frozen :class:`FunctionConfiguration` values keyed by
number, and numbers come from a counter that never goes back.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", "def handler(e, c):\\n    return 1\\n", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> account.functions["f"]
Function(f: versions [1], aliases {PROD -> 1})
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .values import AliasConfiguration, FunctionConfiguration

__all__ = ["Function"]


@dataclass(eq=False)
class Function:
    """A Lambda function. Equality is identity: two functions are never "equal"."""

    name: str
    arn: str
    latest: FunctionConfiguration
    versions: dict[int, FunctionConfiguration] = field(default_factory=dict)
    aliases: dict[str, AliasConfiguration] = field(default_factory=dict)
    #: The number the next published version will get. Never decreases.
    next_version: int = 1
    #: True when an update call succeeded since the last publish (AWS's no-change rule).
    changed_since_publish: bool = True
    #: Invocations and errors per executed version: ``{"3": [invocations, errors]}``.
    metrics: dict[str, list[int]] = field(default_factory=dict)
    #: Resource-based policies by qualifier (``None`` is the unqualified function).
    policies: dict = field(default_factory=dict)
    #: PutFunctionRecursionConfig: ``"Terminate"`` stops a recursive loop, ``"Allow"`` lets it run.
    recursive_loop: str = "Terminate"

    def __repr__(self) -> str:
        versions = list(self.versions)
        aliases = ", ".join(f"{a.name} -> {a.target_text()}" for a in self.sorted_aliases())
        return f"Function({self.name}: versions {versions}, aliases {{{aliases}}})"

    def sorted_aliases(self) -> list[AliasConfiguration]:
        return [self.aliases[name] for name in sorted(self.aliases)]

    def qualified_arn(self, qualifier: str) -> str:
        return f"{self.arn}:{qualifier}"

    def aliases_referencing(self, version: str) -> list[str]:
        """Names of the aliases that point or route to ``version``, sorted."""
        return sorted(
            alias.name
            for alias in self.aliases.values()
            if alias.function_version == version
            or (alias.routing_config and version in alias.routing_config.additional_version_weights)
        )

    def table(self) -> str:
        """A text table of the versions (newest last) and the aliases pointing at them.

        >>> from lambda_model import Account
        >>> account = Account()
        >>> _ = account.create_function("f", "def handler(e, c):\\n    return 1\\n", publish=True)
        >>> _ = account.create_alias("f", "PROD", "1")
        >>> print(account.functions["f"].table())
        function f
        version  code      description  aliases
        $LATEST  nCtoy1Ij
        1        nCtoy1Ij               PROD
        """
        pointers: dict[str, list[str]] = {}
        for alias in self.sorted_aliases():
            for version, weight in alias.weights.items():
                label = alias.name if weight == 1.0 else f"{alias.name} ({weight:.0%})"
                pointers.setdefault(version, []).append(label)
        rows = [("version", "code", "description", "aliases")]
        for config in [self.latest, *self.versions.values()]:
            rows.append(
                (
                    config.version,
                    config.code_sha256[:8],
                    config.description,
                    ", ".join(pointers.get(config.version, [])),
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = [f"function {self.name}"]
        for row in rows:
            cells = [row[i].ljust(widths[i] + 2) for i in range(3)] + [row[3]]
            lines.append("".join(cells).rstrip())
        return "\n".join(lines)
