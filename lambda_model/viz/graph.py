"""The account's pointers as a ``networkx.DiGraph``: a pure function of a history snapshot.

Nodes (attribute ``kind``):

=============  =====================  ==========================================
kind           node id                what it is
=============  =====================  ==========================================
``function``   ``thumbnailer``        the function itself
``latest``     ``thumbnailer:$LATEST``  its mutable ``$LATEST``
``version``    ``thumbnailer:3``      a published version
``alias``      ``thumbnailer:PROD``   an alias
``bucket``     ``s3://photos``        an S3 bucket (an event source)
``mapping``    ``mapping:<uuid>``     a queue's event source mapping
``missing``    ``thumbnailer:OLD``    an ARN an event source names that does not exist
=============  =====================  ==========================================

Edges (attribute ``kind``): ``routes`` alias -> version (``weight``: its share of traffic; a
weighted alias has two), ``version_of`` version or ``$LATEST`` -> function, ``notifies`` bucket
-> the ARN it targets (``authorized``: whether that exact ARN's policy lets S3 invoke it),
``maps`` mapping -> the ARN it targets. An unqualified ARN targets ``$LATEST``.

Every node and edge has ``kind``, ``label`` and ``changed`` (touched by the last step); nodes of
the account have ``arn``. The graph's own attributes hold ``step``, ``caption``, ``event``,
``handled`` (version node -> outcome, for the last delivery) and the account's id and region.

Examples
--------
>>> from lambda_model import Account
>>> account = Account()
>>> _ = account.create_function("f", lambda event, context: "v1", publish=True)
>>> _ = account.create_alias("f", "PROD", "1")
>>> graph = to_graph(account)
>>> sorted(graph.nodes)
['f', 'f:$LATEST', 'f:1', 'f:PROD']
>>> graph.edges["f:PROD", "f:1"]["weight"]
1.0
>>> to_graph(account, step=1).graph["caption"]
'publish f version 1'
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import networkx as nx

from ..core.events import Event
from ..core.identifiers import LATEST
from .replay import Snapshot, Target, bucket_node, mapping_node, node_id, replay

__all__ = ["graph_of", "history_graphs", "to_graph"]


def _events(account) -> Sequence[Event]:
    return account.history


def to_graph(account, step: int | None = None) -> nx.DiGraph:
    """The graph of ``account`` now, or just after history step ``step`` (0-based; negative
    counts from the end, as for a list)."""
    events = _events(account)
    if step is not None:
        if not -len(events) <= step < len(events):
            raise IndexError(f"step {step} is outside the history (0..{len(events) - 1})")
        events = events[: step % len(events) + 1]
    return graph_of(replay(events, account_id=account.account_id, region=account.region))


def history_graphs(account, steps: Sequence[int] | None = None) -> Iterator[nx.DiGraph]:
    """The graph after each history step (or only after ``steps``), replaying the history once."""
    snapshot = Snapshot(account.account_id, account.region)
    wanted = None if steps is None else {s % max(len(account.history), 1) for s in steps}
    for index, event in enumerate(list(account.history)):
        snapshot.apply(event)
        if wanted is None or index in wanted:
            yield graph_of(snapshot)


def _weight_label(weight: float) -> str:
    return f"{weight:.0%}"


def graph_of(snapshot: Snapshot) -> nx.DiGraph:
    """Build the graph of one snapshot (see the module docstring for its shape)."""
    graph = nx.DiGraph(
        account_id=snapshot.account_id,
        region=snapshot.region,
        step=snapshot.step,
        caption=snapshot.caption,
        event=snapshot.event,
        handled=dict(snapshot.handled),
    )
    touched = snapshot.touched
    nodes: list[tuple[str, dict]] = []
    edges: list[tuple[str, str, dict]] = []

    for function in snapshot.functions.values():
        name = function.name
        arn = snapshot.function_arn(name)
        attrs = _node("function", name, arn, name in touched, function=name, lane=function.lane)
        attrs["grants"] = _grants(function, None)
        nodes.append((name, attrs))
        latest = node_id(name, LATEST)
        nodes.append(
            (latest, _node("latest", LATEST, arn, latest in touched, function=name, version=LATEST))
        )
        edges.append((latest, name, _edge("version_of", "", (latest, name) in touched)))
        for number in sorted(function.versions):
            version = str(number)
            vid = node_id(name, version)
            attrs = _node(
                "version",
                version,
                snapshot.function_arn(name, version),
                vid in touched,
                function=name,
                version=version,
                number=number,
                description=function.versions[number],
            )
            attrs["grants"] = _grants(function, version)
            nodes.append((vid, attrs))
            edges.append((vid, name, _edge("version_of", "", (vid, name) in touched)))
        for alias in function.aliases.values():
            aid = node_id(name, alias.name)
            attrs = _node(
                "alias",
                alias.name,
                snapshot.function_arn(name, alias.name),
                aid in touched,
                function=name,
                function_version=alias.function_version,
                weights=dict(alias.weights or {}),
                lane=alias.lane,
                description=alias.description,
            )
            attrs["grants"] = _grants(function, alias.name)
            nodes.append((aid, attrs))
            split = alias.split
            for version, weight in split.items():
                vid = node_id(name, version)
                label = _weight_label(weight) if len(split) > 1 else ""
                edges.append(
                    (aid, vid, _edge("routes", label, (aid, vid) in touched, weight=weight))
                )
    graph.add_nodes_from(nodes)

    missing: dict[str, Target] = {}

    def target_of(arn: str) -> Target:
        target = snapshot.target(arn)
        if not snapshot.exists(target):
            missing[target.node] = target
        return target

    for bucket in snapshot.buckets.values():
        bid = bucket_node(bucket.name)
        graph.add_node(
            bid,
            **_node(
                "bucket",
                bucket.name,
                bucket.arn,
                bid in touched,
                lane=bucket.lane,
                objects=len(bucket.keys),
            ),
        )
        notifies: dict[str, dict] = {}
        for configuration in bucket.lambda_configurations:
            arn = str(configuration["LambdaFunctionArn"])
            target = target_of(arn)
            data = notifies.get(target.node)
            if data is None:  # two configurations naming one target make one edge
                data = notifies[target.node] = _edge(
                    "notifies",
                    "",
                    (bid, target.node) in touched,
                    arn=arn,
                    events=[],
                    configuration_ids=[],
                    authorized=snapshot.authorized(target, bucket),
                )
            data["events"].extend(configuration.get("Events", ()))
            data["configuration_ids"].append(str(configuration.get("Id", "")))
        edges.extend((bid, target, data) for target, data in notifies.items())
    for mapping in snapshot.mappings.values():
        mid = mapping_node(mapping.uuid)
        graph.add_node(
            mid,
            **_node(
                "mapping",
                mapping.queue,
                mapping.event_source_arn,
                mid in touched,
                uuid=mapping.uuid,
                queue_arn=mapping.event_source_arn,
                lane=mapping.lane,
                batch_size=mapping.batch_size,
                enabled=mapping.enabled,
            ),
        )
        target = target_of(mapping.function_arn)
        edges.append(
            (
                mid,
                target.node,
                _edge("maps", "", (mid, target.node) in touched, arn=mapping.function_arn),
            )
        )
    for nid, target in missing.items():
        if target.local:
            qualifier = None if target.qualifier == LATEST else target.qualifier
            label, arn = nid, snapshot.function_arn(target.function_name, qualifier)
        else:
            label, arn = nid.split(":function:")[-1], nid
        graph.add_node(
            nid, **_node("missing", label, arn, nid in touched, function=target.function_name)
        )
    graph.add_edges_from(edges)
    return graph


def _node(kind: str, label: str, arn: str, changed: bool, **extra) -> dict:
    return {"kind": kind, "label": label, "arn": arn, "changed": changed, **extra}


def _edge(kind: str, label: str, changed: bool, **extra) -> dict:
    return {"kind": kind, "label": label, "changed": changed, **extra}


def _grants(function, qualifier: str | None) -> list[str]:
    """The statement ids of the policy on the function (``None``), a version or an alias."""
    return sorted(function.policies.get(qualifier, {}))
