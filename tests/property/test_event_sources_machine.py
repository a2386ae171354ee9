"""A stateful test of the event-source side of ``Account``: S3 notifications, resource-based
permissions and queue event source mappings, over random sequences of valid and invalid calls.

After every step it checks the invariants of the rule list (sections 5, 6 and 7):

- a failed call (any ``ServiceError``) leaves the whole account as it was, history included;
- every S3 delivery went to exactly the ARN the bucket's configuration named when the object
  was written, and the version that ran is the one that ARN resolved to at that moment (for a
  weighted alias, one of its two versions);
- a delivery that ran was allowed by a grant for ``s3.amazonaws.com`` on that exact ARN,
  re-derived here from GetPolicy; a delivery refused for lack of one ran nothing (no
  invocation counted, nothing logged);
- a bucket's notification configuration changes only through
  ``put_bucket_notification_configuration`` (moving an alias never touches it);
- event source mappings keep the ``FunctionArn`` they were given (an alias ARN stays an alias
  ARN), follow the alias per batch, and survive ``delete_function``.

Expectations are computed from a plain-data view of the account taken just before each call
(see :class:`View`), never from the simulator's own resolution code.

Settings (``account_snapshot.machine_settings``): derandomized by default, so every run checks
the same sequences; random and longer when ``LAMBDA_MODEL_HYPOTHESIS_PROFILE`` ends in ``dev``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from fnmatch import fnmatchcase

from account_snapshot import differences, machine_settings, snapshot
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from lambda_model import Account, ResourceNotFoundException, ServiceError

ACCOUNT_ID = "123456789012"
REGION = "us-east-1"
LATEST = "$LATEST"
S3 = "s3.amazonaws.com"
INVOKE_ACTIONS = ("lambda:InvokeFunction", "lambda:*", "*")
LOG_SIZE = 100_000  # large enough that no delivery or invocation drops out during a run

OK, ERROR = "ok", "error"
REFUSED, NOT_FOUND = "refused: no permission", "refused: function not found"

CODES = (
    "def handler(event, context):\n    return 'a'\n",
    "def handler(event, context):\n    return 'b'\n",
    "def handler(event, context):\n    raise ValueError('boom')\n",
)
#: Hypothesis favours the first and last elements of a list: keep "valid" at both ends.
EXISTING_FIRST = ("f", "g", "f")
VALIDITY = st.sampled_from((True, False, True, True))
ALIAS_NAMES = ("PROD", "LIVE", "BETA")
WEIGHTS = (0.5, 0.0, 1.0, 0.5)

BUCKETS = ("uploads", "photos")
KEYS = ("in/cat.jpg", "in/raw/dog.png", "out/a b.png", "notes.txt", "in/raw/x.jpg")
SOURCE_ARNS = (
    "arn:aws:s3:::uploads",
    "arn:aws:s3:::photos",
    None,
    "arn:aws:s3:::upl*",
    "arn:aws:s3:::elsewhere",
    "arn:aws:s3:::uploads",
)
EVENT_SETS = (
    ("s3:ObjectCreated:*",),
    ("s3:ObjectCreated:Put",),
    ("s3:ObjectCreated:Copy",),
    ("s3:ObjectRemoved:*",),
    ("s3:ObjectCreated:Put", "s3:ObjectRemoved:Delete"),
    ("s3:ObjectCreated:*",),
)
FILTERS = (
    (),
    (("prefix", "in/"),),
    (("Prefix", "in/raw/"),),
    (("suffix", ".jpg"),),
    (("SUFFIX", "jpg"),),
    (("prefix", "out/"), ("suffix", ".png")),
    (("prefix", "in/"), ("Suffix", ".png")),
    (),
)
BAD_FILTERS = ((("contains", "x"),), (("Prefixes", "in/"),))
#: Not parseable as ARNs: refused even with SkipDestinationValidation.
BAD_ARNS = ("invalid-queue", "arn:aws:lambda", "f:PROD")
#: Parseable, but no function is there: refused unless validation is skipped.
FOREIGN_ARN = f"arn:aws:lambda:eu-west-1:{ACCOUNT_ID}:function:f"


def function_arn(name: str, qualifier: str | None = None) -> str:
    arn = f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{name}"
    return arn if qualifier is None else f"{arn}:{qualifier}"


def queue_arn(name: str) -> str:
    return f"arn:aws:sqs:{REGION}:{ACCOUNT_ID}:{name}"


def split_arn(arn: str) -> tuple[str, str | None] | None:
    """(function name, qualifier) for a Lambda ARN of this account and region, else None."""
    parts = arn.split(":")
    if len(parts) not in (7, 8) or parts[:6] != [
        "arn",
        "aws",
        "lambda",
        REGION,
        ACCOUNT_ID,
        "function",
    ]:
        return None
    return parts[6], (parts[7] if len(parts) == 8 else None)


# --- a plain-data view of the account, taken before each call ------------------------------


@dataclass(frozen=True)
class FunctionView:
    identity: int
    #: Version ("$LATEST", "1", ...) -> does its code raise?
    raises: dict[str, bool]
    #: Alias -> the versions it may run (its primary, and the routed one if any).
    aliases: dict[str, frozenset[str]]
    #: Policy key (None for the function, else a version or alias) -> its statements.
    policies: dict[str | None, list[dict]]
    #: Version -> invocations counted so far.
    invocations: dict[str, int]


@dataclass(frozen=True)
class View:
    functions: dict[str, FunctionView]
    #: Bucket -> its notification entries as GetBucketNotificationConfiguration shows them.
    notifications: dict[str, list[dict]]
    delivery_log_length: int
    invocation_log_length: int

    def resolve(self, arn: str) -> frozenset[str] | None:
        """The versions a call naming ``arn`` may run, or None when nothing is there."""
        parsed = split_arn(arn)
        if parsed is None or parsed[0] not in self.functions:
            return None
        name, qualifier = parsed
        function = self.functions[name]
        if qualifier in (None, LATEST):
            return frozenset({LATEST})
        if qualifier.isdigit():
            return frozenset({qualifier}) if qualifier in function.raises else None
        return function.aliases.get(qualifier)

    def permitted(self, arn: str, source_arn: str) -> bool:
        """Does a statement on exactly ``arn`` let S3 invoke it from ``source_arn``?"""
        parsed = split_arn(arn)
        if parsed is None or parsed[0] not in self.functions:
            return False
        name, qualifier = parsed
        key = None if qualifier in (None, LATEST) else qualifier
        for statement in self.functions[name].policies.get(key, ()):
            if (
                statement["Effect"] != "Allow"
                or statement["Action"] not in INVOKE_ACTIONS
                or statement["Resource"] != function_arn(name, key)
                or statement["Principal"] not in ({"Service": S3}, "*")
            ):
                continue
            if all(
                condition_holds(test, field, value, source_arn)
                for test, pairs in statement.get("Condition", {}).items()
                for field, value in pairs.items()
            ):
                return True
        return False


def condition_holds(test: str, field: str, value: str, source_arn: str) -> bool:
    if (test, field) == ("ArnLike", "AWS:SourceArn"):
        return fnmatchcase(source_arn, value)
    if (test, field) == ("StringEquals", "AWS:SourceAccount"):
        return value == ACCOUNT_ID
    return False  # a condition an S3 call cannot satisfy


def entry_matches(entry: dict, event_name: str, key: str) -> bool:
    """Does an event (``ObjectCreated:Put``) on ``key`` fire a configuration entry?"""
    for rule_ in entry.get("Filter", {}).get("Key", {}).get("FilterRules", ()):
        if rule_["Name"] == "Prefix" and not key.startswith(rule_["Value"]):
            return False
        if rule_["Name"] == "Suffix" and not key.endswith(rule_["Value"]):
            return False
    for configured in entry["Events"]:
        configured = configured.removeprefix("s3:")
        if configured == event_name or (
            configured.endswith(":*") and event_name.startswith(configured[:-1])
        ):
            return True
    return False


def take_view(account: Account, notifications: dict[str, list[dict]]) -> View:
    functions = {}
    for name, function in account.functions.items():
        raises = {str(n): b"raise" in c.code.data for n, c in function.versions.items()}
        raises[LATEST] = b"raise" in function.latest.code.data
        aliases = {}
        for alias in function.aliases.values():
            routing = alias.routing_config
            extra = tuple(routing.additional_version_weights) if routing else ()
            aliases[alias.name] = frozenset({alias.function_version, *extra})
        policies = {}
        for key in (None, *raises, *aliases):
            if key == LATEST:
                continue
            try:
                document = account.get_policy(name, qualifier=key).json
            except ResourceNotFoundException:
                continue
            policies[key] = json.loads(document)["Statement"]
        invocations = {version: counts[0] for version, counts in function.metrics.items()}
        functions[name] = FunctionView(id(function), raises, aliases, policies, invocations)
    return View(
        functions,
        {bucket: list(entries) for bucket, entries in notifications.items()},
        len(account.delivery_log),
        len(account.invocation_log),
    )


class EventSourcesMachine(RuleBasedStateMachine):
    """Random calls on the event-source side of an account, with a model of what S3, the
    policies and the mappings must do.

    The model holds only what the calls said: each bucket's notification entries and each
    mapping's FunctionArn. Everything else is read from a :class:`View` taken before a call.
    """

    @initialize(seed=st.integers(0, 3))
    def open_account(self, seed: int) -> None:
        account = Account(seed=seed, invocation_log_size=LOG_SIZE, delivery_log_size=LOG_SIZE)
        self.account = account
        # f has versions 1 and 2; PROD -> 1; LIVE -> 1 with half the traffic on 2.
        # g has version 1 and PROD -> 1.
        account.create_function("f", CODES[0], publish=True)
        account.update_function_code("f", CODES[1], publish=True)
        account.create_alias("f", "PROD", "1")
        account.create_alias("f", "LIVE", "1", routing_config={"2": 0.5})
        account.create_function("g", CODES[1], publish=True)
        account.create_alias("g", "PROD", "1")
        for bucket in BUCKETS:
            account.create_bucket(bucket)
        self.grant("f", "s3-prod", "PROD", "arn:aws:s3:::uploads")
        self.grant("f", "s3-any", None, None)
        self.grant("f", "s3-v1", "1", "arn:aws:s3:::photos")
        self.grant("f", "s3-live", "LIVE", "arn:aws:s3:::upl*")
        account.put_bucket_notification_configuration(
            "uploads",
            {
                "LambdaFunctionConfigurations": [
                    {
                        "Id": "thumbs",
                        "LambdaFunctionArn": function_arn("f", "PROD"),
                        "Events": ["s3:ObjectCreated:*"],
                    },
                    {
                        "Id": "cleanup",
                        "LambdaFunctionArn": function_arn("f", "LIVE"),
                        "Events": ["s3:ObjectRemoved:*"],
                    },
                ]
            },
        )
        account.put_bucket_notification_configuration(
            "photos",
            {
                "LambdaFunctionConfigurations": [
                    {
                        "Id": "incoming",
                        "LambdaFunctionArn": function_arn("f"),
                        "Events": ["s3:ObjectCreated:Put"],
                        "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"}]}},
                    },
                    {
                        "Id": "gone",
                        "LambdaFunctionArn": function_arn("f", "1"),
                        "Events": ["s3:ObjectRemoved:*"],
                    },
                    {  # stored without validation: nothing lets S3 invoke f:2
                        "Id": "copies",
                        "LambdaFunctionArn": function_arn("f", "2"),
                        "Events": ["s3:ObjectCreated:Copy"],
                    },
                ]
            },
            skip_destination_validation=True,
        )
        jobs = account.create_queue("jobs")
        tasks = account.create_queue("tasks")
        live = account.create_event_source_mapping(jobs, "f:LIVE", batch_size=2)
        prod = account.create_event_source_mapping(tasks, function_arn("g", "PROD"))
        #: Bucket -> the notification entries the last successful PUT asked for.
        self.notifications = {
            bucket: account.get_bucket_notification_configuration(bucket)
            .to_dict()
            .get("LambdaFunctionConfigurations", [])
            for bucket in BUCKETS
        }
        #: Mapping UUID -> the FunctionArn it was given.
        self.mappings = {live.uuid: function_arn("f", "LIVE"), prod.uuid: function_arn("g", "PROD")}
        self.pending: tuple[View, tuple[str, str, str] | None] | None = None
        #: Target ARN -> the versions it resolved to when a configuration last named it
        #: (only for statistics: how often an alias moved under a wired bucket).
        self.resolved_when_configured = {
            entry["LambdaFunctionArn"]: take_view(account, {}).resolve(entry["LambdaFunctionArn"])
            for entries in self.notifications.values()
            for entry in entries
        }
        self.history_length = len(account.history)

    def grant(self, name: str, sid: str, qualifier: str | None, source: str | None) -> None:
        self.account.add_permission(
            name, sid, "lambda:InvokeFunction", S3, qualifier=qualifier, source_arn=source
        )

    # --- the calling convention -----------------------------------------------------------

    def call(self, operation: str, *args, s3_event: tuple[str, str, str] | None = None, **kw):
        """Call ``operation``; a failure must change nothing. On success the deliveries it
        made are checked (by an invariant, after the rule has updated the model) against the
        view taken now. ``s3_event`` is (bucket, event name, key) for object writes."""
        view = take_view(self.account, self.notifications)
        before = snapshot(self.account)
        history = list(self.account.history)
        try:
            result = getattr(self.account, operation)(*args, **kw)
        except ServiceError as error:
            after = snapshot(self.account)
            changed = ", ".join(differences(before, after))
            assert after == before, f"{operation} failed with {error!r} but changed {changed}"
            assert self.account.history == history
            event(f"{operation}: {error.code}")
            self.last_error = error
            return "failed"
        event(f"{operation}: ok")
        self.pending = (view, s3_event)
        return result

    # --- drawing arguments ----------------------------------------------------------------

    @staticmethod
    def corrupted(data, valid: bool, fields: tuple[str, ...]) -> str | None:
        return None if valid else data.draw(st.sampled_from(fields), label="corrupt")

    @staticmethod
    def pick(data, field: str, corrupt: str | None, good, bad=()):
        options = tuple(bad) if corrupt == field and bad else tuple(good)
        return data.draw(st.sampled_from(options), label=field)

    def versions_of(self, name: str) -> tuple[str, ...]:
        function = self.account.functions.get(name)
        return tuple(str(n) for n in function.versions) if function else ()

    def aliases_of(self, name: str) -> tuple[str, ...]:
        function = self.account.functions.get(name)
        return tuple(sorted(function.aliases)) if function else ()

    def qualifiers_of(self, name: str) -> tuple[str, ...]:
        return (*self.aliases_of(name), *self.versions_of(name))

    def draw_target(self, data, label: str, bucket: str) -> tuple[str, str | None]:
        """A function and qualifier: often one S3 may invoke from ``bucket`` now, else any,
        existing or not (missing version, alias or function)."""
        if data.draw(st.booleans(), label=f"{label} granted"):
            view = take_view(self.account, self.notifications)
            granted = [
                (name, qualifier)
                for name in sorted(self.account.functions)
                for qualifier in (None, *self.qualifiers_of(name))
                if view.permitted(function_arn(name, qualifier), f"arn:aws:s3:::{bucket}")
            ]
            if granted:
                return data.draw(st.sampled_from(granted), label=f"{label} target")
        name = data.draw(st.sampled_from(("f", "g", "nope", "f", "f")), label=f"{label} function")
        qualifiers = (*self.qualifiers_of(name), None, LATEST, "99", "GHOST", "PROD")
        qualifier = data.draw(st.sampled_from(qualifiers), label=f"{label} qualifier")
        return name, qualifier

    def policy_revision(self, choice: str, name: str, qualifier: str | None) -> str | None:
        if choice == "none":
            return None
        if choice == "current":
            try:
                return self.account.get_policy(name, qualifier=qualifier).revision_id
            except ServiceError:
                return None
        return "stale-revision-id"

    # --- functions, versions, aliases -----------------------------------------------------

    @rule(data=st.data(), valid=VALIDITY, code=st.sampled_from(CODES))
    def publish(self, data, valid, code):
        corrupt = self.corrupted(data, valid, ("name", "revision"))
        name = self.pick(data, "name", corrupt, EXISTING_FIRST, ("nope",))
        revision = self.pick(data, "revision", corrupt, ("none", "current"), ("stale",))
        function = self.account.functions.get(name)
        revision_id = None
        if revision == "current" and function is not None:
            revision_id = function.latest.revision_id
        elif revision == "stale":
            revision_id = "stale-revision-id"
        self.call("update_function_code", name, code, publish=True, revision_id=revision_id)

    @rule(data=st.data(), valid=VALIDITY)
    def update_alias(self, data, valid):
        corrupt = self.corrupted(data, valid, ("alias", "version", "revision"))
        name = data.draw(st.sampled_from(EXISTING_FIRST), label="name")
        function = self.account.functions.get(name)
        aliases = tuple(function.aliases) if function else ()  # in creation order: PROD first
        alias = self.pick(data, "alias", corrupt, aliases or ("PROD",), ("GHOST",))
        current = function.aliases[alias].function_version if alias in aliases else None
        others = [v for v in (*self.versions_of(name), LATEST) if v != current]
        versions = (*reversed(others), *(() if current is None else (current,)))  # move first
        version = self.pick(data, "version", corrupt, versions, ("99",))
        routings: list = [None, None]
        if version != LATEST:
            routings += [{v: w} for v in self.versions_of(name) if v != version for w in WEIGHTS]
        routing = data.draw(st.sampled_from(routings), label="routing")
        revision = self.pick(data, "revision", corrupt, ("none", "current"), ("stale",))
        revision_id = None
        if revision == "stale":
            revision_id = "stale-revision-id"
        elif revision == "current" and function is not None and alias in function.aliases:
            revision_id = function.aliases[alias].revision_id
        self.call(
            "update_alias",
            name,
            alias,
            function_version=version,
            routing_config=routing,
            revision_id=revision_id,
        )

    @rule(data=st.data())
    def create_alias(self, data):
        name = data.draw(st.sampled_from(EXISTING_FIRST), label="name")
        alias = data.draw(st.sampled_from(ALIAS_NAMES), label="alias")  # taken ones fail
        version = data.draw(st.sampled_from((*self.versions_of(name), LATEST)), label="version")
        self.call("create_alias", name, alias, version)

    @rule(data=st.data(), really=st.sampled_from((False, False, True)))
    def delete_alias(self, data, really):
        if not really:
            return
        name = data.draw(st.sampled_from(EXISTING_FIRST), label="name")
        alias = data.draw(st.sampled_from((*self.aliases_of(name), "GHOST")), label="alias")
        self.call("delete_alias", name, alias)

    @rule(name=st.sampled_from(("g", "f", "g")), code=st.sampled_from(CODES))
    def create_function(self, name, code):
        self.call("create_function", name, code, publish=True)  # fails while it exists

    @rule(
        data=st.data(),
        really=st.sampled_from((False, False, True, False, False)),
        whole=st.booleans(),
    )
    def delete_function(self, data, really, whole):
        if not really:  # deletes are rare, so that histories grow
            return
        name = data.draw(st.sampled_from(("g", "nope", "f", "g")), label="name")
        if whole:
            self.call("delete_function", name)
        else:
            version = data.draw(st.sampled_from((*self.versions_of(name), "99")), label="version")
            self.call("delete_function", name, version)

    # --- permissions ----------------------------------------------------------------------

    @rule(
        data=st.data(),
        valid=VALIDITY,
        source_arn=st.sampled_from(SOURCE_ARNS),
        source_account=st.sampled_from((None, ACCOUNT_ID, "000000000000", None)),
        action=st.sampled_from(("lambda:InvokeFunction", "lambda:*", "lambda:GetFunction")),
        in_name=st.booleans(),
    )
    def add_permission(self, data, valid, source_arn, source_account, action, in_name):
        fields = ("name", "qualifier", "sid", "principal", "revision", "mismatch")
        corrupt = self.corrupted(data, valid, fields)
        name = self.pick(data, "name", corrupt, EXISTING_FIRST, ("nope",))
        qualifiers = (None, *self.qualifiers_of(name), None)
        qualifier = self.pick(data, "qualifier", corrupt, qualifiers, (LATEST, "99", "GHOST"))
        sid = self.pick(data, "sid", corrupt, ("s3", "s3-b", "grant", "s3"), ("bad.sid",))
        principals = (S3, S3, "sns.amazonaws.com", ACCOUNT_ID, "*", S3)
        principal = self.pick(data, "principal", corrupt, principals, ("nobody",))
        revision = self.pick(data, "revision", corrupt, ("none", "current"), ("stale",))
        revision_id = self.policy_revision(revision, name, qualifier)
        function_name = name
        if corrupt == "mismatch":  # the name's qualifier and the Qualifier disagree
            function_name, qualifier = f"{name}:PROD", "1"
        elif in_name and qualifier is not None:
            function_name, qualifier = f"{name}:{qualifier}", None
        self.call(
            "add_permission",
            function_name,
            sid,
            action,
            principal,
            qualifier=qualifier,
            source_arn=source_arn,
            source_account=source_account,
            revision_id=revision_id,
        )

    @rule(data=st.data(), valid=VALIDITY)
    def remove_permission(self, data, valid):
        corrupt = self.corrupted(data, valid, ("name", "qualifier", "sid", "revision"))
        name = self.pick(data, "name", corrupt, EXISTING_FIRST, ("nope",))
        qualifiers = (None, *self.qualifiers_of(name), None)
        qualifier = self.pick(data, "qualifier", corrupt, qualifiers, ("99", "GHOST"))
        try:
            sids = tuple(
                s.sid for s in self.account.get_policy(name, qualifier=qualifier).statements
            )
        except ServiceError:
            sids = ()
        sid = self.pick(data, "sid", corrupt, sids or ("s3",), ("ghost",))
        revision = self.pick(data, "revision", corrupt, ("none", "current"), ("stale",))
        revision_id = self.policy_revision(revision, name, qualifier)
        self.call("remove_permission", name, sid, qualifier=qualifier, revision_id=revision_id)

    # --- buckets and their notification configuration -------------------------------------

    @rule(name=st.sampled_from((*BUCKETS, "Bad_Name", "photos")))
    def create_bucket(self, name):
        if self.call("create_bucket", name) != "failed":
            # Creating a bucket you own again answers 200 in us-east-1 and keeps it as it is.
            self.notifications.setdefault(name, [])

    @rule(
        name=st.sampled_from((*BUCKETS, "missing-bucket", "photos")),
        really=st.sampled_from((False, True, False)),
    )
    def delete_bucket(self, name, really):
        if not really:  # an empty bucket goes at once: keep them around
            return
        if self.call("delete_bucket", name) != "failed":
            del self.notifications[name]

    @rule(
        data=st.data(),
        valid=VALIDITY,
        count=st.sampled_from((1, 2, 0, 1)),
        skip=st.sampled_from((False, True, False)),
    )
    def put_bucket_notification_configuration(self, data, valid, count, skip):
        corrupt = self.corrupted(data, valid, ("bucket", "arn", "events", "filter"))
        bucket = self.pick(data, "bucket", corrupt, BUCKETS, ("missing-bucket",))
        entries = []
        for n in range(count):
            name, qualifier = self.draw_target(data, f"entry {n}", bucket)
            arn = function_arn(name, qualifier)
            if data.draw(st.sampled_from((False,) * 7 + (True,)), label="foreign"):
                arn = FOREIGN_ARN
            if corrupt == "arn" and n == 0:
                arn = data.draw(st.sampled_from(BAD_ARNS), label="bad arn")
            events = self.pick(data, "events", corrupt, EVENT_SETS, (("s3:ObjectCreated:Nope",),))
            rules = self.pick(data, "filter", corrupt, FILTERS, BAD_FILTERS)
            entry: dict = {"LambdaFunctionArn": arn, "Events": list(events)}
            if data.draw(st.booleans(), label="named"):
                entry["Id"] = f"entry-{n}"
            if rules:
                entry["Filter"] = {
                    "Key": {"FilterRules": [{"Name": k, "Value": v} for k, v in rules]}
                }
            entries.append(entry)
        view = take_view(self.account, self.notifications)
        result = self.call(
            "put_bucket_notification_configuration",
            bucket,
            {"LambdaFunctionConfigurations": entries},
            skip_destination_validation=skip,
        )
        arns = [e["LambdaFunctionArn"] for e in entries]
        reachable = [
            view.resolve(a) is not None and view.permitted(a, f"arn:aws:s3:::{bucket}")
            for a in arns
        ]
        if result == "failed":
            if "Unable to validate" in self.last_error.message:
                assert not skip and not all(reachable), (arns, reachable)
            return
        if not skip:  # validation passed: a grant on exactly each ARN lets S3 invoke it
            assert all(reachable), (arns, reachable)
        stored = result.to_dict().get("LambdaFunctionConfigurations", [])
        assert [e["LambdaFunctionArn"] for e in stored] == arns, (stored, arns)
        expected = []
        for given, kept in zip(entries, stored, strict=True):
            assert kept["Id"] and kept["Id"] == given.get("Id", kept["Id"])
            shown = {"Id": kept["Id"], "LambdaFunctionArn": given["LambdaFunctionArn"]}
            shown["Events"] = given["Events"]
            if "Filter" in given:
                rules = given["Filter"]["Key"]["FilterRules"]
                shown["Filter"] = {
                    "Key": {
                        "FilterRules": [
                            {"Name": r["Name"].lower().capitalize(), "Value": r["Value"]}
                            for r in rules
                        ]
                    }
                }
            expected.append(shown)
        assert stored == expected, (stored, expected)
        self.notifications[bucket] = expected
        for arn in arns:
            self.resolved_when_configured[arn] = view.resolve(arn)
        event(f"configured {len(entries)} entries{' (skip validation)' if skip else ''}")

    # --- objects --------------------------------------------------------------------------

    @rule(data=st.data(), valid=VALIDITY, key=st.sampled_from(KEYS))
    def put_object(self, data, valid, key):
        bucket = self.pick(data, "bucket", None if valid else "bucket", BUCKETS, ("ghost",))
        s3_event = (bucket, "ObjectCreated:Put", key)
        self.call("put_object", bucket, key, b"data", s3_event=s3_event)

    @rule(data=st.data(), valid=VALIDITY, key=st.sampled_from(KEYS))
    def copy_object(self, data, valid, key):
        corrupt = self.corrupted(data, valid, ("bucket", "source"))
        bucket = self.pick(data, "bucket", corrupt, BUCKETS, ("ghost",))
        sources = tuple(
            f"{b}/{k}" for b, found in sorted(self.account.buckets.items()) for k in found.objects
        )
        source = self.pick(data, "source", corrupt, sources or ("uploads/none",), ("uploads/x",))
        s3_event = (bucket, "ObjectCreated:Copy", key)
        self.call("copy_object", bucket, key, source, s3_event=s3_event)

    @rule(data=st.data(), valid=VALIDITY, key=st.sampled_from(KEYS))
    def delete_object(self, data, valid, key):
        bucket = self.pick(data, "bucket", None if valid else "bucket", BUCKETS, ("ghost",))
        s3_event = (bucket, "ObjectRemoved:Delete", key)
        self.call("delete_object", bucket, key, s3_event=s3_event)

    # --- queues and event source mappings -------------------------------------------------

    @rule(name=st.sampled_from(("jobs", "tasks")))
    def create_queue(self, name):
        self.call("create_queue", name)

    @rule(data=st.data(), valid=VALIDITY, body=st.sampled_from(("a", "b")))
    def send_message(self, data, valid, body):
        queues = [(q.name, q.arn, q.url) for q in self.account.queues.values()]
        good = tuple(form for forms in queues for form in forms)
        queue = self.pick(data, "queue", None if valid else "queue", good, ("ghost",))
        self.call("send_message", queue, body)

    def draw_mapping_target(self, data, corrupt: str | None) -> tuple[str, str]:
        """A FunctionName for a mapping, in one of its accepted forms, and the ARN that
        names the same function, version or alias."""
        name = self.pick(data, "function", corrupt, EXISTING_FIRST, ("nope",))
        qualifiers = (None, LATEST, *self.qualifiers_of(name), None)
        qualifier = self.pick(data, "function", corrupt, qualifiers, ("99", "GHOST"))
        arn = function_arn(name, qualifier)
        short = name if qualifier is None else f"{name}:{qualifier}"
        partial = arn.split(":", 4)[-1]
        form = data.draw(st.sampled_from((short, arn, partial, short)), label="form")
        return form, arn

    @rule(
        data=st.data(),
        valid=VALIDITY,
        enabled=st.sampled_from((True, False, True)),
    )
    def create_event_source_mapping(self, data, valid, enabled):
        corrupt = self.corrupted(data, valid, ("queue", "function", "batch"))
        existing = tuple(q.arn for q in self.account.queues.values())
        queue = self.pick(data, "queue", corrupt, existing, (queue_arn("ghost"), "not-an-arn"))
        function_name, arn = self.draw_mapping_target(data, corrupt)
        batch = self.pick(data, "batch", corrupt, (1, 2, 10), (0, 11))
        result = self.call(
            "create_event_source_mapping", queue, function_name, batch_size=batch, enabled=enabled
        )
        if result != "failed":
            assert result.function_arn == arn, (function_name, result.function_arn)
            self.mappings[result.uuid] = arn

    @rule(data=st.data(), valid=VALIDITY, enabled=st.sampled_from((None, True, False)))
    def update_event_source_mapping(self, data, valid, enabled):
        corrupt = self.corrupted(data, valid, ("uuid", "function", "batch"))
        uuid = self.pick(data, "uuid", corrupt, tuple(self.mappings) or ("gone",), ("gone",))
        retarget = data.draw(st.booleans(), label="retarget") or corrupt == "function"
        function_name = arn = None
        if retarget:
            function_name, arn = self.draw_mapping_target(data, corrupt)
        batch = self.pick(data, "batch", corrupt, (None, 1, 3), (0, 11))
        result = self.call(
            "update_event_source_mapping",
            uuid,
            function_name=function_name,
            batch_size=batch,
            enabled=enabled,
        )
        if result != "failed" and arn is not None:
            assert result.function_arn == arn, (function_name, result.function_arn)
            self.mappings[uuid] = arn

    @rule(data=st.data(), valid=VALIDITY, really=st.sampled_from((False, True, False)))
    def delete_event_source_mapping(self, data, valid, really):
        if not really:  # rare, so that mappings live through alias moves and deletes
            return
        good = tuple(self.mappings) or ("gone",)
        uuid = self.pick(data, "uuid", None if valid else "uuid", good, ("gone",))
        if self.call("delete_event_source_mapping", uuid) != "failed":
            del self.mappings[uuid]

    # --- invariants -----------------------------------------------------------------------

    @invariant()
    def deliveries_went_where_the_state_before_the_call_said(self):
        if self.pending is None:
            return
        view, s3_event = self.pending
        self.pending = None
        new = list(self.account.delivery_log)[view.delivery_log_length :]
        s3 = [e for e in new if e.event_source == "aws:s3"]
        if s3_event is None:
            assert not s3, s3
        else:
            bucket, event_name, key = s3_event
            expected = [
                (entry["LambdaFunctionArn"], entry["Id"])
                for entry in view.notifications[bucket]
                if entry_matches(entry, event_name, key)
            ]
            delivered = [(e.target_arn, e.configuration_id) for e in s3]
            assert delivered == expected, (s3_event, delivered, expected)
            assert all((e.event_name, e.key) == (event_name, key) for e in s3)
            assert self.account.history[-1].deliveries == tuple(e.delivery for e in s3)
        ran: Counter = Counter()
        for entry in new:
            versions = view.resolve(entry.target_arn)
            if entry.event_source == "aws:s3":
                assert entry.source_arn == f"arn:aws:s3:::{s3_event[0]}"
                allowed = versions is not None and view.permitted(
                    entry.target_arn, entry.source_arn
                )
                if versions != self.resolved_when_configured.get(entry.target_arn, versions):
                    event("aws:s3 delivery after its target moved")
            else:
                assert entry.target_arn == self.mappings[entry.configuration_id], entry
                allowed = True  # a mapping polls with the execution role: no grant needed
            if versions is None:
                assert (entry.outcome, entry.executed_version, entry.attempts) == (
                    NOT_FOUND,
                    None,
                    0,
                ), entry
            elif not allowed:
                assert (entry.outcome, entry.executed_version, entry.attempts) == (
                    REFUSED,
                    None,
                    0,
                ), entry
            else:
                assert entry.executed_version in versions, (entry, versions)
                name = split_arn(entry.target_arn)[0]
                fails = view.functions[name].raises[entry.executed_version]
                # A failed delivery's retries wait on the simulated clock (not advanced here).
                assert (entry.outcome, entry.attempts) == ((ERROR, 1) if fails else (OK, 1))
                ran[name, entry.executed_version] += entry.attempts
                qualifier = split_arn(entry.target_arn)[1]
                kind = "function" if qualifier in (None, LATEST) else "alias"
                kind = "version" if qualifier and qualifier.isdigit() else kind
                event(f"{entry.event_source} ran via {kind}")
            event(f"{entry.event_source} delivery: {entry.outcome}")
        # Only deliveries that ran were counted, each run once per attempt.
        for name, before in view.functions.items():
            function = self.account.functions.get(name)
            if function is None or id(function) != before.identity:
                continue
            for version in set(before.invocations) | set(function.metrics):
                counted = function.metrics.get(version, [0])[0] - before.invocations.get(version, 0)
                assert counted == ran[name, version], (name, version, counted, ran)
        runs = sum(1 for e in new if e.executed_version is not None)
        assert len(self.account.invocation_log) - view.invocation_log_length == runs

    @invariant()
    def notification_configurations_change_only_through_put(self):
        assert sorted(self.account.buckets) == sorted(self.notifications)
        for name, bucket in self.account.buckets.items():
            shown = bucket.notification.to_dict().get("LambdaFunctionConfigurations", [])
            assert shown == self.notifications[name], name

    @invariant()
    def mappings_keep_the_function_arn_they_were_given(self):
        held = {u: m.function_arn for u, m in self.account.event_source_mappings.items()}
        assert held == self.mappings, (held, self.mappings)

    @invariant()
    def every_statement_names_exactly_the_arn_of_its_policy(self):
        for name, function in self.account.functions.items():
            for key, policy in function.policies.items():
                assert key != LATEST
                assert all(s.resource == function_arn(name, key) for s in policy.statements)

    @invariant()
    def history_only_grows(self):
        assert len(self.account.history) >= self.history_length
        self.history_length = len(self.account.history)


EventSourcesMachine.TestCase.settings = machine_settings(ci_examples=130, dev_examples=500)
TestEventSourcesMachine = EventSourcesMachine.TestCase
