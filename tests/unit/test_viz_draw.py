"""Drawing: a figure per step, one shape and colour per kind, fixed positions, collapsing."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.path import Path as MplPath

from lambda_model import Account
from lambda_model.core.events import (
    AliasCreated,
    BucketCreated,
    BucketNotificationConfigured,
    EventSourceMappingCreated,
    FunctionCreated,
    PermissionAdded,
    VersionPublished,
)
from lambda_model.demo import story
from lambda_model.viz import KIND_STYLES, collapse, draw, graph_of, replay, to_graph
from lambda_model.viz.draw import EDGE_COLORS

ARN = "arn:aws:lambda:us-east-1:123456789012:function:f"
QUEUE = "arn:aws:sqs:us-east-1:123456789012:jobs"
DPI = 40


@pytest.fixture(scope="module")
def account():
    return story()[0]


def every_kind():
    """A graph with every node kind: 25 versions (so some collapse), an alias, a bucket
    notifying a missing alias, and a queue mapping."""
    events = [FunctionCreated(0.0, "f", "python3.12", "index.handler", "role")]
    events += [VersionPublished(0.0, "f", str(n)) for n in range(1, 26)]
    events += [
        AliasCreated(0.0, "f", "PROD", "3"),
        BucketCreated(0.0, "photos"),
        BucketNotificationConfigured(
            0.0, "photos", ({"Id": "a", "LambdaFunctionArn": ARN + ":GONE", "Events": []},)
        ),
        EventSourceMappingCreated(0.0, "u-1", QUEUE, ARN + ":PROD"),
    ]
    return graph_of(replay(events))


def collections(fig):
    """The node collections of the drawing, by kind (their gid)."""
    return {c.get_gid(): c for c in fig.axes[0].collections if c.get_gid()}


def node_positions(fig):
    """Every drawn marker position, by kind, as sorted tuples."""
    return {
        gid: sorted(map(tuple, np.round(c.get_offsets(), 9)))
        for gid, c in collections(fig).items()
        if gid in KIND_STYLES
    }


def texts(fig):
    return [t.get_text() for t in fig.axes[0].texts]


def test_every_step_of_the_story_draws_a_figure_titled_with_its_caption(account):
    titles = []
    for i in range(24):
        fig = draw(account, step=i, dpi=DPI)
        fig.canvas.draw()
        titles.append(fig.axes[0].get_title(loc="left"))
    assert (len(titles), titles[-2:]) == (
        24,
        [
            "rollback: PROD 3 -> 2",
            "upload s3://photos/hen.jpg -> thumbnailer:PROD ran version 2: ok",
        ],
    )


def test_each_node_kind_is_drawn_with_its_own_shape_and_colour():
    fig = draw(every_kind(), dpi=DPI)
    drawn = {kind: to_rgba(c.get_facecolor()[0]) for kind, c in collections(fig).items()}
    expected = {kind: to_rgba(style.color) for kind, style in KIND_STYLES.items()}
    assert {k: v for k, v in drawn.items() if k in KIND_STYLES} == expected


def test_the_node_kinds_have_distinct_shapes_and_colours():
    shapes = {style.shape for style in KIND_STYLES.values()}
    colours = {style.color for style in KIND_STYLES.values()}
    assert len(shapes) == len(colours) == len(KIND_STYLES)


def test_the_legend_names_each_kind_present():
    fig = draw(every_kind(), dpi=DPI)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == [
        "function",
        r"\$LATEST",
        "version",
        "older versions",
        "alias",
        "S3 bucket",
        "queue mapping",
        "missing target",
    ]


def test_only_the_alias_that_moved_moves_when_it_rolls_back(account):
    before = node_positions(draw(account, step=21, dpi=DPI))
    after = node_positions(draw(account, step=22, dpi=DPI))
    moved = {kind for kind in before if before[kind] != after[kind]}
    assert moved == {"alias"}


def test_a_canary_places_the_alias_between_its_versions_nearer_the_main_one(account):
    x = dict(
        zip(["v1", "v2"], sorted(node_positions(draw(account, step=9))["version"]), strict=True)
    )
    ((alias_x, _),) = node_positions(draw(account, step=9))["alias"]
    assert x["v1"][0] < alias_x < (x["v1"][0] + x["v2"][0]) / 2


def test_the_weighted_split_is_written_in_percent(account):
    assert {"90%", "10%"} <= set(texts(draw(account, step=9, dpi=DPI)))


def test_latest_is_written_literally_never_as_mathematics(account):
    fig = draw(account, dpi=DPI, title="$LATEST -> $LATEST")
    fig.canvas.draw()
    assert (fig.axes[0].get_title(loc="left"), r"\$LATEST" in texts(fig)) == (
        r"\$LATEST -> \$LATEST",
        True,
    )


def test_what_the_last_step_changed_has_a_halo(account):
    halo = collections(draw(account, step=22, dpi=DPI))["changed"]
    assert len(halo.get_offsets()) == 1  # PROD


def test_the_version_that_failed_an_upload_has_a_red_halo(account):
    fig = draw(account, step=21, dpi=DPI)
    ran = collections(fig)["handled"]
    version_3 = max(node_positions(fig)["version"])
    assert (tuple(ran.get_offsets()[0]), to_rgba(ran.get_facecolor()[0])[:3]) == (
        version_3,
        to_rgba("#e74c3c")[:3],
    )


def test_redrawing_into_the_same_axes_replaces_the_drawing(account):
    fig = draw(account, step=5, dpi=DPI)
    count = len(fig.axes[0].get_children())
    draw(account, ax=fig.axes[0], step=5)
    assert len(fig.axes[0].get_children()) == count


def test_a_bucket_edge_without_permission_is_marked_no_permission():
    assert "no permission" in texts(draw(every_kind(), dpi=DPI))


def pinned_to_version_3():
    """A bucket notifying version 3 directly, with versions 1 and 2 before it on the row."""
    events = [FunctionCreated(0.0, "f", "python3.12", "index.handler", "role")]
    events += [VersionPublished(0.0, "f", str(n)) for n in (1, 2, 3)]
    events += [
        PermissionAdded(0.0, "f", "3", "s3", "lambda:InvokeFunction", "s3.amazonaws.com"),
        BucketCreated(0.0, "photos"),
        BucketNotificationConfigured(
            0.0, "photos", ({"Id": "a", "LambdaFunctionArn": ARN + ":3", "Events": []},)
        ),
    ]
    return graph_of(replay(events))


def test_a_bucket_edge_to_a_version_arches_over_the_versions_before_it():
    fig = draw(pinned_to_version_3(), dpi=DPI)
    orange = to_rgba(EDGE_COLORS["notifies"])
    (edge,) = [p for p in fig.axes[0].patches if to_rgba(p.get_edgecolor()) == orange]
    segments = edge.get_path().iter_bezier()
    arc = next(segment for segment, code in segments if code == MplPath.CURVE3)  # not the head
    points = arc(np.linspace(0, 1, 201))
    row = {x: y for x, y in node_positions(fig)["version"]}
    for x in (1.0, 2.0):  # versions 1 and 2
        ys = [py for px, py in points if abs(px - x) < 0.1]
        assert ys and min(ys) > row[x] + 0.3, (x, ys)


def test_the_policy_is_written_beside_the_alias_it_sits_on(account):
    assert "policy: s3-invoke-prod" in texts(draw(account, dpi=DPI))


def test_old_versions_nothing_points_to_collapse_into_one_node_from_20_versions():
    view = collapse(every_kind())
    versions = sorted(d["number"] for _, d in view.nodes(data=True) if d["kind"] == "version")
    assert (versions, view.nodes["f:..."]["count"]) == ([3, *range(18, 26)], 16)


def test_19_versions_do_not_collapse():
    account = Account()
    account.create_function("f", "def handler(e, c):\n    return 0\n")
    for n in range(19):
        account.update_function_code("f", f"def handler(e, c):\n    return {n}\n", publish=True)
    assert "f:..." not in collapse(to_graph(account))


def test_the_collapsed_node_says_how_many_versions_it_holds():
    assert "16 older" in texts(draw(every_kind(), dpi=DPI))


def test_draw_accepts_a_graph():
    assert isinstance(draw(every_kind(), dpi=DPI), Figure)
