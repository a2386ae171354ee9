"""A stateful test over random sequences of valid and invalid calls on one ``Account``.

After every step it checks the invariants of the rule list (sections 2 and 3):

- version numbers strictly increase and are never reused (not even after a delete);
- every alias targets an existing version or ``$LATEST``, routing targets included;
- a published version never changes;
- a failed call (any ``ServiceError``) leaves the whole account as it was, history included.

Targets (versions, aliases, routing) are drawn mostly from what exists at that step, and
sometimes from what does not, so that both the valid and the invalid paths are walked.

Settings (``account_snapshot.machine_settings``): derandomized by default, so every run checks
the same sequences; random and longer when ``LAMBDA_MODEL_HYPOTHESIS_PROFILE`` ends in ``dev``.
"""

from __future__ import annotations

import dataclasses

from account_snapshot import differences, machine_settings, snapshot
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from lambda_model import Account, FunctionConfiguration, ServiceError

LATEST = "$LATEST"
ROLES = ("arn:aws:iam::123456789012:role/a", "arn:aws:iam::123456789012:role/b")
CODES = (
    "def handler(event, context):\n    return 'a'\n",
    "def handler(event, context):\n    return 'b'\n",
    "def handler(event, context):\n    raise ValueError('boom')\n",
    b"not a zip",  # refused: InvalidParameterValueException
)


FUNCTION_NAMES = ("f", "g", "h")
BAD_FUNCTION_NAMES = ("bad name!", "a" * 65, "arn:aws:lambda:eu-west-1:123456789012:function:f")
ALIAS_NAMES = ("PROD", "DEV", "2024-01-02", "STAGING", "BLUE", "GREEN", "CANARY", "v2")
BAD_ALIAS_NAMES = ("2024", "a.b", "A" * 129)
BAD_VERSIONS = ("PROD", "$latest", "$LATEST.PUBLISHED")
BAD_ROUTINGS = (  # the missing versions at both ends: Hypothesis favours the ends of a list
    {"99": 0.2},
    {"1": 1.5},
    {"1": -0.1},
    {LATEST: 0.5},
    {"1": 0.1, "2": 0.1},
    {"PROD": 0.2},
    {"98": 0.5},
)
WEIGHTS = (0.1, 0.0, 0.5, 1.0, 0.1)
TOO_LONG = "x" * 257
#: Hypothesis favours the first and last elements of a list: keep "valid" at both ends.
#: ``f`` exists from the start, ``g`` only once a step creates it.
EXISTING_FIRST = ("f", "g", "f")
VALIDITY = st.sampled_from((True, False, True, True))


class AccountMachine(RuleBasedStateMachine):
    """Random calls on an account, with a model of what must never happen.

    Each call is drawn valid or invalid first; an invalid call gets exactly one argument
    drawn from the bad choices (a valid call can still fail for the state it meets: an alias
    that exists, a stale RevisionId, a version an alias references...).
    """

    @initialize(seed=st.integers(0, 3))
    def open_account(self, seed: int) -> None:
        self.account = Account(seed=seed)
        #: Our own copies of every published version still expected to exist, per function.
        self.published: dict[str, dict[int, tuple[FunctionConfiguration, dict]]] = {}
        #: The highest number ever issued to the current incarnation of each function.
        self.high_water: dict[str, int] = {}
        # Start from a function with two versions and two aliases (one weighted), so that
        # alias updates, routing and the delete conflicts are walked from the first step.
        self.account.create_function("f", CODES[0], role=ROLES[0], publish=True)
        self.published["f"], self.high_water["f"] = {}, 0
        self.remember("f", 1)
        second = self.account.update_function_code("f", CODES[1], publish=True)
        self.remember("f", int(second.version))
        self.account.create_alias("f", "PROD", "1")
        self.account.create_alias("f", "LIVE", "1", routing_config={"2": 0.1})
        self.history_length = len(self.account.history)

    # --- the calling convention: a failed call must change nothing ------------------------

    def call(self, operation: str, *args, **kwargs):
        before = snapshot(self.account)
        history = list(self.account.history)
        try:
            result = getattr(self.account, operation)(*args, **kwargs)
        except ServiceError as error:
            after = snapshot(self.account)
            changed = ", ".join(differences(before, after))
            assert after == before, f"{operation} failed with {error!r} but changed {changed}"
            assert self.account.history == history
            event(f"{operation}: {error.code}")
            return "failed"
        event(f"{operation}: ok")
        return result

    # --- drawing arguments ----------------------------------------------------------------

    @staticmethod
    def corrupted(data, valid: bool, fields: tuple[str, ...]) -> str | None:
        """Which argument to spoil: none for a valid call, one of ``fields`` otherwise."""
        return None if valid else data.draw(st.sampled_from(fields), label="corrupt")

    @staticmethod
    def pick(data, field: str, corrupt: str | None, good, bad=()):
        options = tuple(bad) if corrupt == field and bad else tuple(good)
        return data.draw(st.sampled_from(options), label=field)

    def versions_of(self, name: str) -> tuple[str, ...]:
        function = self.account.functions.get(name.split(":")[0])
        return tuple(str(n) for n in function.versions) if function else ()

    def aliases_of(self, name: str) -> tuple[str, ...]:
        function = self.account.functions.get(name)
        return tuple(sorted(function.aliases)) if function else ()

    def routings_for(self, name: str, primary: str | None) -> tuple:
        """Routing configs that respect the shape rules for ``primary``."""
        out: list = [None, None, {}, {"AdditionalVersionWeights": {}}]
        if primary != LATEST:
            for version in self.versions_of(name):
                if version != primary:
                    out += [{version: w} for w in WEIGHTS]
        return tuple(out)

    def revision(self, choice: str, name: str) -> str | None:
        function = self.account.functions.get(name.split(":")[0])
        if choice == "none":
            return None
        if choice == "current" and function is not None:
            return function.latest.revision_id
        return "stale-revision-id"

    def alias_revision(self, choice: str, name: str, alias: str) -> str | None:
        function = self.account.functions.get(name)
        if choice == "none":
            return None
        if choice == "current" and function is not None and alias in function.aliases:
            return function.aliases[alias].revision_id
        return "stale-revision-id"

    # --- the model of versions ------------------------------------------------------------

    def remember(self, name: str, number: int) -> None:
        """A new version was issued: it must be above every number issued before."""
        assert number > self.high_water.get(name, 0), (name, number, self.high_water)
        self.high_water[name] = number
        config = self.account.functions[name].versions[number]
        self.published.setdefault(name, {})[number] = (
            dataclasses.replace(config),
            config.to_dict(),
        )

    def check_publish_result(self, name: str, result: FunctionConfiguration) -> None:
        number = int(result.version)
        if number in self.published.get(name, {}):
            # the no-change rule: the latest existing version comes back
            assert number == max(self.account.functions[name].versions)
            event("publish: no change")
        else:
            self.remember(name, number)

    # --- functions ------------------------------------------------------------------------

    @rule(data=st.data(), valid=VALIDITY, role=st.sampled_from(ROLES), publish=st.booleans())
    def create_function(self, data, valid, role, publish):
        corrupt = self.corrupted(data, valid, ("name", "code"))
        name = self.pick(data, "name", corrupt, FUNCTION_NAMES, BAD_FUNCTION_NAMES)
        code = self.pick(data, "code", corrupt, CODES[:3], CODES[3:])
        result = self.call("create_function", name, code, role=role, publish=publish)
        if result != "failed":
            self.published[name] = {}
            self.high_water[name] = 0
            if publish:
                assert result.version == "1"
                self.remember(name, 1)

    @rule(data=st.data(), valid=VALIDITY, publish=st.booleans())
    def update_function_code(self, data, valid, publish):
        corrupt = self.corrupted(data, valid, ("name", "code", "revision"))
        name = self.pick(data, "name", corrupt, ("f", "g", "f:$LATEST", "f"), ("f:1", "nope"))
        code = self.pick(data, "code", corrupt, CODES[:3], CODES[3:])
        revision = self.pick(data, "revision", corrupt, ("none", "current"), ("stale",))
        result = self.call(
            "update_function_code",
            name,
            code,
            publish=publish,
            revision_id=self.revision(revision, name),
        )
        if result != "failed" and publish:
            self.remember(name.split(":")[0], int(result.version))

    @rule(data=st.data(), valid=VALIDITY, role=st.sampled_from((None, *ROLES)))
    def update_function_configuration(self, data, valid, role):
        corrupt = self.corrupted(data, valid, ("name", "description", "timeout", "revision"))
        name = self.pick(data, "name", corrupt, ("f", "g", "f:$LATEST", "f"), ("f:1", "nope"))
        description = self.pick(data, "description", corrupt, (None, "", "new"), (TOO_LONG,))
        timeout = self.pick(data, "timeout", corrupt, (None, 3, 30), (0, 901))
        revision = self.pick(data, "revision", corrupt, ("none", "current"), ("stale",))
        self.call(
            "update_function_configuration",
            name,
            description=description,
            role=role,
            timeout=timeout,
            revision_id=self.revision(revision, name),
        )

    @rule(data=st.data(), valid=VALIDITY)
    def publish_version(self, data, valid):
        corrupt = self.corrupted(data, valid, ("name", "code_sha", "revision", "description"))
        name = self.pick(data, "name", corrupt, EXISTING_FIRST, ("f:1", "nope"))
        code_sha = self.pick(data, "code_sha", corrupt, ("none", "current"), ("wrong",))
        revision = self.pick(data, "revision", corrupt, ("none", "current"), ("stale",))
        description = self.pick(data, "description", corrupt, (None, "", "notes"), (TOO_LONG,))
        function = self.account.functions.get(name)
        sha = None
        if code_sha == "current" and function is not None:
            sha = function.latest.code_sha256
        elif code_sha == "wrong":
            sha = "wrong-sha"
        unchanged = (
            function is not None and not function.changed_since_publish and bool(function.versions)
        )
        before = snapshot(self.account)
        result = self.call(
            "publish_version",
            name,
            code_sha256=sha,
            description=description,
            revision_id=self.revision(revision, name),
        )
        if result != "failed":
            self.check_publish_result(name, result)
            if unchanged:
                assert snapshot(self.account) == before, "a no-change publish changed the account"

    @rule(data=st.data(), valid=VALIDITY)
    def delete_version(self, data, valid):
        corrupt = self.corrupted(data, valid, ("name", "qualifier"))
        name = self.pick(data, "name", corrupt, EXISTING_FIRST, ("nope",))
        good = (*self.versions_of(name), "99")  # a missing number is a no-op, not an error
        qualifier = self.pick(data, "qualifier", corrupt, good, (LATEST, "PROD"))
        function = self.account.functions.get(name)
        missing = (
            function is not None and qualifier.isdigit() and int(qualifier) not in function.versions
        )
        before = snapshot(self.account)
        result = self.call("delete_function", name, qualifier)
        if result != "failed":
            self.published.get(name, {}).pop(int(qualifier), None)
            if missing:
                assert snapshot(self.account) == before, "deleting a missing version changed state"

    @rule(
        name=st.sampled_from(("g", "f", "nope", "g")),
        really=st.sampled_from((False, False, False, True, False, False)),
    )
    def delete_function(self, name, really):
        if not really:  # whole-function deletes are rare, so that histories grow
            return
        if self.call("delete_function", name) != "failed":
            self.published.pop(name, None)
            self.high_water.pop(name, None)

    # --- aliases --------------------------------------------------------------------------

    @rule(data=st.data(), valid=VALIDITY)
    def create_alias(self, data, valid):
        fields = ("name", "alias", "version", "routing", "description")
        corrupt = self.corrupted(data, valid, fields)
        name = self.pick(data, "name", corrupt, EXISTING_FIRST, ("nope", "f:1"))
        taken = self.aliases_of(name)
        free = tuple(a for a in ALIAS_NAMES if a not in taken) or ALIAS_NAMES
        alias = self.pick(data, "alias", corrupt, free, (*BAD_ALIAS_NAMES, *taken))
        versions = (*self.versions_of(name), LATEST)
        version = self.pick(data, "version", corrupt, versions, (*BAD_VERSIONS, "99"))
        routing = self.pick(
            data, "routing", corrupt, self.routings_for(name, version), BAD_ROUTINGS
        )
        description = self.pick(data, "description", corrupt, ("", "live"), (TOO_LONG,))
        self.call(
            "create_alias", name, alias, version, routing_config=routing, description=description
        )

    @rule(data=st.data(), valid=VALIDITY)
    def update_alias(self, data, valid):
        fields = ("name", "alias", "version", "routing", "description", "revision")
        corrupt = self.corrupted(data, valid, fields)
        name = self.pick(data, "name", corrupt, EXISTING_FIRST, ("nope",))
        alias = self.pick(data, "alias", corrupt, self.aliases_of(name) or ("MISSING",), ("2024",))
        versions = (None, *self.versions_of(name), LATEST)
        version = self.pick(data, "version", corrupt, versions, (*BAD_VERSIONS, "99"))
        function = self.account.functions.get(name)
        current = function.aliases.get(alias) if function else None
        primary = version or (current.function_version if current else None)
        good_routings = (*self.routings_for(name, primary), None, None)
        routing = self.pick(data, "routing", corrupt, good_routings, BAD_ROUTINGS)
        description = self.pick(data, "description", corrupt, (None, "", "live"), (TOO_LONG,))
        revision = self.pick(data, "revision", corrupt, ("none", "current"), ("stale",))
        self.call(
            "update_alias",
            name,
            alias,
            function_version=version,
            routing_config=routing,
            description=description,
            revision_id=self.alias_revision(revision, name, alias),
        )

    @rule(data=st.data(), valid=VALIDITY)
    def delete_alias(self, data, valid):
        corrupt = self.corrupted(data, valid, ("name", "alias"))
        name = self.pick(data, "name", corrupt, EXISTING_FIRST, ("nope",))
        good = (*self.aliases_of(name), "MISSING")  # a missing alias is a no-op, not an error
        alias = self.pick(data, "alias", corrupt, good, ("2024",))
        self.call("delete_alias", name, alias)

    # --- invoke ---------------------------------------------------------------------------

    @rule(data=st.data(), valid=VALIDITY, suffix=st.booleans())
    def invoke(self, data, valid, suffix):
        corrupt = self.corrupted(data, valid, ("name", "qualifier", "type", "payload"))
        name = self.pick(data, "name", corrupt, EXISTING_FIRST, ("nope",))
        qualifiers = (None, LATEST, *self.versions_of(name), *self.aliases_of(name))
        qualifier = self.pick(data, "qualifier", corrupt, qualifiers, ("99", "MISSING", "$latest"))
        kind = self.pick(data, "type", corrupt, ("RequestResponse", "Event", "DryRun"), ("Sync",))
        payload = self.pick(data, "payload", corrupt, (None, {"n": 1}, b'{"n": 1}'), (b"{bad",))
        if suffix and qualifier is not None:
            name, qualifier = f"{name}:{qualifier}", None
        result = self.call("invoke", name, payload, qualifier=qualifier, invocation_type=kind)
        if result != "failed" and kind == "RequestResponse":
            assert result.executed_version == LATEST or result.executed_version.isdigit()

    # --- invariants -----------------------------------------------------------------------

    @invariant()
    def version_numbers_increase_and_are_never_reused(self):
        for name, function in self.account.functions.items():
            numbers = list(function.versions)
            assert numbers == sorted(set(numbers)), numbers
            assert all(n < function.next_version for n in numbers)
            assert function.next_version == self.high_water.get(name, 0) + 1

    @invariant()
    def the_versions_that_exist_are_exactly_those_published_and_not_deleted(self):
        for name, function in self.account.functions.items():
            assert sorted(function.versions) == sorted(self.published.get(name, {}))

    @invariant()
    def published_versions_never_change(self):
        for name, copies in self.published.items():
            for number, (copy, shown) in copies.items():
                stored = self.account.functions[name].versions[number]
                assert stored == copy
                assert stored.to_dict() == shown

    @invariant()
    def no_alias_dangles(self):
        for function in self.account.functions.values():
            for alias in function.aliases.values():
                primary = alias.function_version
                assert primary == LATEST or int(primary) in function.versions, alias
                routing = alias.routing_config
                weights = routing.additional_version_weights if routing else {}
                assert len(weights) <= 1
                for version, weight in weights.items():
                    assert primary != LATEST
                    assert version != primary
                    assert int(version) in function.versions, alias
                    assert 0.0 <= weight <= 1.0

    @invariant()
    def history_only_grows(self):
        assert len(self.account.history) >= self.history_length
        self.history_length = len(self.account.history)


AccountMachine.TestCase.settings = machine_settings(ci_examples=100, dev_examples=1000)
TestAccountMachine = AccountMachine.TestCase
