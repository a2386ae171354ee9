"""The graph of every step of the demo story, exactly; and ``to_graph``'s contract."""

import pytest

from lambda_model import Account
from lambda_model.demo import story
from lambda_model.viz import history_graphs, to_graph

T = "thumbnailer"
ARN = f"arn:aws:lambda:us-east-1:123456789012:function:{T}"
BUCKET = "s3://photos"

# One row per history step of the demo (numbered as in its step log): the published versions,
# where PROD routes (version -> weight), whether the bucket exists and notifies PROD, and
# which version handled the upload of that step.
STORY = [
    # step  versions  PROD routes            bucket  wired  handled
    (1, "", None, False, False, None),  # create function
    (2, "1", None, False, False, None),  # publish 1
    (3, "1", {"1": 1.0}, False, False, None),  # alias PROD -> 1
    (4, "1", {"1": 1.0}, True, False, None),  # create bucket
    (5, "1", {"1": 1.0}, True, False, None),  # grant S3 on PROD
    (6, "1", {"1": 1.0}, True, True, None),  # bucket notifies PROD
    (7, "1", {"1": 1.0}, True, True, ("1", "ok")),  # cat.jpg
    (8, "1", {"1": 1.0}, True, True, None),  # update code
    (9, "12", {"1": 1.0}, True, True, None),  # publish 2
    (10, "12", {"1": 0.9, "2": 0.1}, True, True, None),  # canary
    (11, "12", {"1": 0.9, "2": 0.1}, True, True, ("1", "ok")),  # dog.jpg
    (12, "12", {"1": 0.9, "2": 0.1}, True, True, ("1", "ok")),  # owl.jpg
    (13, "12", {"1": 0.9, "2": 0.1}, True, True, ("1", "ok")),  # fox.jpg
    (14, "12", {"1": 0.9, "2": 0.1}, True, True, ("2", "ok")),  # elk.jpg
    (15, "12", {"1": 0.9, "2": 0.1}, True, True, ("1", "ok")),  # bee.jpg
    (16, "12", {"1": 0.9, "2": 0.1}, True, True, ("1", "ok")),  # yak.jpg
    (17, "12", {"2": 1.0}, True, True, None),  # promote
    (18, "12", {"2": 1.0}, True, True, ("2", "ok")),  # emu.jpg
    (19, "12", {"2": 1.0}, True, True, None),  # update code
    (20, "123", {"2": 1.0}, True, True, None),  # publish 3
    (21, "123", {"3": 1.0}, True, True, None),  # PROD -> 3
    (22, "123", {"3": 1.0}, True, True, ("3", "error")),  # gnu.jpg
    (23, "123", {"2": 1.0}, True, True, None),  # rollback
    (24, "123", {"2": 1.0}, True, True, ("2", "ok")),  # hen.jpg
]


def expected_graph(versions, routes, bucket, wired):
    """Nodes by kind and edges with kind and weight (routes) or authorization (notifies)."""
    nodes = {T: "function", f"{T}:$LATEST": "latest"}
    edges = {(f"{T}:$LATEST", T): ("version_of", None)}
    for v in versions:
        nodes[f"{T}:{v}"] = "version"
        edges[(f"{T}:{v}", T)] = ("version_of", None)
    if routes:
        nodes[f"{T}:PROD"] = "alias"
        for v, weight in routes.items():
            edges[(f"{T}:PROD", f"{T}:{v}")] = ("routes", weight)
    if bucket:
        nodes[BUCKET] = "bucket"
    if wired:
        edges[(BUCKET, f"{T}:PROD")] = ("notifies", True)
    return nodes, edges


def actual_graph(graph):
    nodes = {n: d["kind"] for n, d in graph.nodes(data=True)}
    edges = {
        (u, v): (d["kind"], d.get("weight", d.get("authorized")))
        for u, v, d in graph.edges(data=True)
    }
    return nodes, edges


@pytest.fixture(scope="module")
def account():
    return story()[0]


def test_the_story_has_one_row_per_history_step(account):
    assert len(account.history) == len(STORY)


@pytest.mark.parametrize("row", STORY, ids=[f"step{row[0]}" for row in STORY])
def test_the_graph_of_each_step_of_the_story_is_exact(account, row):
    step, versions, routes, bucket, wired, _ = row
    graph = to_graph(account, step - 1)
    assert actual_graph(graph) == expected_graph(versions, routes, bucket, wired)


@pytest.mark.parametrize("row", STORY, ids=[f"step{row[0]}" for row in STORY])
def test_each_upload_of_the_story_marks_the_version_that_handled_it(account, row):
    step, *_, handled = row
    expected = {} if handled is None else {f"{T}:{handled[0]}": handled[1]}
    assert to_graph(account, step - 1).graph["handled"] == expected


def test_the_rollback_step_highlights_prod_and_its_edge_to_version_2_only(account):
    graph = to_graph(account, 22)
    changed = {n for n, d in graph.nodes(data=True) if d["changed"]}
    changed |= {(u, v) for u, v, d in graph.edges(data=True) if d["changed"]}
    assert changed == {f"{T}:PROD", (f"{T}:PROD", f"{T}:2")}


def test_the_permission_on_prod_is_listed_on_the_alias_node(account):
    assert to_graph(account).nodes[f"{T}:PROD"]["grants"] == ["s3-invoke-prod"]


def test_the_canary_edges_are_labelled_in_percent(account):
    graph = to_graph(account, 9)
    labels = {v: graph.edges[f"{T}:PROD", v]["label"] for v in (f"{T}:1", f"{T}:2")}
    assert labels == {f"{T}:1": "90%", f"{T}:2": "10%"}


def test_nodes_carry_their_arns(account):
    graph = to_graph(account)
    arns = {n: graph.nodes[n]["arn"] for n in (T, f"{T}:2", f"{T}:PROD", BUCKET)}
    assert arns == {
        T: ARN,
        f"{T}:2": f"{ARN}:2",
        f"{T}:PROD": f"{ARN}:PROD",
        BUCKET: "arn:aws:s3:::photos",
    }


def test_the_bucket_edge_keeps_the_exact_arn_and_events_it_was_configured_with(account):
    edge = to_graph(account).edges[BUCKET, f"{T}:PROD"]
    assert (edge["arn"], edge["events"]) == (f"{ARN}:PROD", ["s3:ObjectCreated:*"])


def test_the_graph_now_is_the_graph_after_the_last_step(account):
    assert actual_graph(to_graph(account)) == actual_graph(to_graph(account, len(STORY) - 1))


def test_a_negative_step_counts_from_the_end(account):
    assert to_graph(account, -2).graph["step"] == len(STORY) - 2


def test_a_step_beyond_the_history_is_an_index_error(account):
    with pytest.raises(IndexError):
        to_graph(account, len(STORY))


def test_history_graphs_replays_once_into_the_same_graphs_as_to_graph(account):
    graphs = [actual_graph(g) for g in history_graphs(account)]
    assert graphs == [actual_graph(to_graph(account, i)) for i in range(len(STORY))]


def test_history_graphs_can_pick_steps(account):
    assert [g.graph["step"] for g in history_graphs(account, [3, -1])] == [3, len(STORY) - 1]


def test_the_graph_of_an_empty_account_is_empty():
    assert len(to_graph(Account())) == 0


def test_an_alias_on_latest_routes_to_the_latest_node():
    account = Account()
    account.create_function("f", lambda event, context: 1)
    account.create_alias("f", "DEV", "$LATEST")
    assert list(to_graph(account).successors("f:DEV")) == ["f:$LATEST"]
