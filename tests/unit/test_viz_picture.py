"""The SVG pointer picture: fixed places, a swinging arrow, legible text, text alternatives."""

from __future__ import annotations

import math
import re

import pytest

from lambda_model import Account
from lambda_model.core.churn import run_churn
from lambda_model.demo import story
from lambda_model.viz import (
    COLORS,
    LEGEND,
    animate,
    compare,
    compare_summary,
    draw,
    positions,
    still,
    to_graph,
)
from lambda_model.viz.svg import Box, problems, segment_hits_box, text_box

FUNCTION = "thumbnailer"


@pytest.fixture(scope="module")
def demo_account():
    return story()[0]


@pytest.fixture(scope="module")
def churn():
    return run_churn(releases=5)


def busy_account(versions: int = 20) -> Account:
    """``versions`` versions, aliases PROD (weighted), staging and dev, and two buckets: one
    notifying PROD, one notifying a version ARN."""
    account = Account(seed=1)
    account.create_function(FUNCTION, "def handler(event, context):\n    return 0\n")
    for n in range(1, versions + 1):
        account.update_function_code(
            FUNCTION, f"def handler(event, context):\n    return {n}\n", publish=True
        )
    account.create_alias(FUNCTION, "PROD", "3", routing_config={"4": 0.2})
    account.create_alias(FUNCTION, "staging", str(versions - 1))
    account.create_alias(FUNCTION, "dev", str(versions))
    for bucket, qualifier in (("photos", "PROD"), ("archive-of-old-photos", "7")):
        account.create_bucket(bucket)
        account.add_permission(
            FUNCTION,
            f"s3-{bucket}",
            "lambda:InvokeFunction",
            "s3.amazonaws.com",
            qualifier=qualifier,
            source_arn=f"arn:aws:s3:::{bucket}",
        )
        account.put_bucket_notification_configuration(
            bucket,
            {
                "LambdaFunctionConfigurations": [
                    {
                        "LambdaFunctionArn": account.function_arn(FUNCTION, qualifier),
                        "Events": ["s3:ObjectCreated:*"],
                    }
                ]
            },
        )
    account.put_object("photos", "cat.jpg", b"cat")
    return account


# --- places ------------------------------------------------------------------------------


def assert_places_never_move(account):
    final = positions(account)
    seen: dict[str, tuple[float, float]] = {}
    for step in range(len(account.history)):
        for node, place in positions(account, step).items():
            assert seen.setdefault(node, place) == place, (step, node)
    assert {n: p for n, p in seen.items() if n in final} == final
    return seen


def test_every_node_of_the_demo_story_keeps_its_place_at_every_step(demo_account):
    seen = assert_places_never_move(demo_account)
    assert {"thumbnailer", "thumbnailer:PROD", "thumbnailer:1", "s3://photos"} <= set(seen)


@pytest.mark.parametrize("side", ["pinned", "alias"])
def test_every_node_of_the_churn_story_keeps_its_place_at_every_step(churn, side):
    seen = assert_places_never_move(getattr(churn, side).account)
    assert {"thumbnailer:PROD", "thumbnailer:6"} <= set(seen)


def test_every_graph_node_gets_a_place(demo_account):
    for step in range(len(demo_account.history)):
        assert set(positions(demo_account, step)) == set(to_graph(demo_account, step).nodes)


def test_versions_sit_in_number_order_on_one_row_below_the_aliases(demo_account):
    place = positions(demo_account)
    xs = [place[f"thumbnailer:{n}"][0] for n in (1, 2, 3)]
    assert xs == sorted(xs) and len({place[f"thumbnailer:{n}"][1] for n in (1, 2, 3)}) == 1
    assert place["thumbnailer:PROD"][1] < place["thumbnailer:1"][1]


def test_event_sources_share_one_column_left_of_the_functions():
    place = positions(busy_account())
    buckets = [place["s3://photos"], place["s3://archive-of-old-photos"]]
    assert buckets[0][0] == buckets[1][0] < place["thumbnailer:PROD"][0]
    assert buckets[0][1] < buckets[1][1]


def test_from_24_versions_the_ones_nothing_pointed_at_fold_into_one_box_that_stays_put():
    account = busy_account(30)
    seen = assert_places_never_move(account)
    shown = sorted(int(n.split(":")[1]) for n in seen if n.split(":")[-1].isdigit())
    assert shown == [3, 4, 7, 23, 24, 25, 26, 27, 28, 29, 30]
    picture = draw(account)
    assert "19 older" in {t for m in picture.marks for t in m.texts}
    assert "19 older versions of thumbnailer are folded into one box." in picture.desc
    assert picture.problems() == []


def test_aliases_have_their_own_row_in_creation_order():
    place = positions(busy_account())
    aliases = [place[f"{FUNCTION}:{a}"] for a in ("PROD", "staging", "dev")]
    assert len({y for _, y in aliases}) == 1 and [x for x, _ in aliases] == sorted(
        x for x, _ in aliases
    )


# --- the arrow swings --------------------------------------------------------------------


def promotion_frames(movie, caption):
    index = next(i for i, f in enumerate(movie.frames) if f.caption == caption)
    return index - 1, index


@pytest.mark.parametrize(
    "caption", ["PROD: 1 (90%) + 2 (10%) -> 2", "PROD: 2 -> 3", "rollback: PROD 3 -> 2"]
)
def test_between_a_promotions_frames_the_arrow_travels_and_ends_at_the_new_version(
    demo_account, caption
):
    movie = animate(demo_account)
    before, after = promotion_frames(movie, caption)
    path = movie.arrow_path("thumbnailer:PROD")
    old, new = path[before], path[after]
    assert old != new
    place = positions(demo_account)
    version = caption.rsplit(" ", 1)[-1]
    assert new == pytest.approx(place[f"thumbnailer:{version}"][0])
    states = movie.states("thumbnailer:PROD", samples=8)
    per_frame = len(states) // (len(movie.frames) * 2 - 1) or 1
    travel = states[(2 * after - 1) * per_frame : (2 * after) * per_frame + 1]
    between = [x for x in travel if min(old, new) < x < max(old, new)]
    assert between, travel
    assert travel[-1] == pytest.approx(new)


def test_the_animation_moves_the_arrow_with_smil_and_nothing_else_moves(demo_account):
    svg = animate(demo_account).svg
    moving = re.findall(r'<animate attributeName="([a-z0-9-]+)"', svg)
    assert "x2" in moving and set(moving) <= {"x2", "y2", "stroke-width", "opacity"}
    assert 'data-alias="thumbnailer:PROD"' in svg


def test_the_animation_opens_on_a_titled_setting_frame(demo_account):
    movie = animate(demo_account, title="Promote and roll back")
    opening = movie.frames[0]
    assert opening.caption == "Promote and roll back"
    assert "alias PROD points to version 1" in opening.desc
    assert "photos notifies" in opening.desc


def test_a_weighted_alias_has_two_arrows_thick_by_weight_and_labelled_in_percent():
    picture = draw(busy_account())
    arrows = [m for m in picture.marks if m.key == "route:thumbnailer:PROD"]
    widths = sorted((m.line[5], m.line[4]) for m in arrows)
    assert [w for w, _ in widths] == [pytest.approx(0.2), pytest.approx(0.8)]
    assert widths[0][1] < widths[1][1]
    texts = {t for m in picture.marks for t in m.texts}
    assert {"80%", "20%"} <= texts


# --- changed, flowing, error -------------------------------------------------------------


def ring_colours(picture, node_owner):
    svg = "".join(m.svg for m in picture.marks if m.owner == node_owner)
    return {c for c in (COLORS["changed"], COLORS["flowing"]) if c in svg}


def test_an_upload_marks_the_bucket_as_flowing_not_as_changed(demo_account):
    upload = next(
        i for i, e in enumerate(demo_account.history) if type(e).__name__ == "ObjectCreated"
    )
    assert ring_colours(draw(demo_account, upload), "node:s3://photos") == {COLORS["flowing"]}


def test_a_notification_edit_marks_the_bucket_as_changed(demo_account):
    edit = next(
        i
        for i, e in enumerate(demo_account.history)
        if type(e).__name__ == "BucketNotificationConfigured"
    )
    assert ring_colours(draw(demo_account, edit), "node:s3://photos") == {COLORS["changed"]}


def test_a_failed_upload_is_marked_by_a_cross_and_the_word_error(demo_account):
    failed = next(
        i
        for i, e in enumerate(demo_account.history)
        if type(e).__name__ == "ObjectCreated" and e.deliveries[0].outcome != "ok"
    )
    picture = draw(demo_account, failed)
    assert "✗ error" in {t for m in picture.marks for t in m.texts}
    square = [m.svg for m in picture.marks if m.owner == "outcome:thumbnailer:3"]
    assert any(s.startswith("<rect") and COLORS["error"] in s for s in square)
    assert "The last event at version 3: error." in picture.desc


def test_a_wire_without_permission_is_dashed_and_says_so():
    account = Account()
    account.create_function("f", lambda event, context: "ok", publish=True)
    account.create_alias("f", "PROD", "1")
    account.create_bucket("photos")
    account.add_permission("f", "s3", "lambda:InvokeFunction", "s3.amazonaws.com", qualifier="PROD")
    arn = account.function_arn("f", "PROD")
    account.put_bucket_notification_configuration(
        "photos",
        {
            "LambdaFunctionConfigurations": [
                {"LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:*"]}
            ]
        },
    )
    account.remove_permission("f", "s3", qualifier="PROD")
    picture = draw(account)
    wire = next(m for m in picture.marks if m.owner == "wire:s3://photos" and m.segments)
    assert "stroke-dasharray" in wire.svg and COLORS["refused"] in wire.svg
    assert "✗ no permission" in {t for m in picture.marks for t in m.texts}
    assert "no permission" in picture.desc
    assert picture.problems() == []


# --- legibility --------------------------------------------------------------------------


def font_sizes(svg: str) -> list[float]:
    return [float(s) for s in re.findall(r'<text [^>]*font-size="([0-9.]+)"', svg)]


def test_the_geometry_helpers_see_overlaps_and_crossings():
    assert text_box(0, 20, "PROD", 13).overlaps(text_box(10, 22, "BETA", 13))
    assert segment_hits_box(((0, 0), (100, 100)), Box(40, 40, 10, 10))
    assert not segment_hits_box(((0, 0), (100, 0)), Box(40, 40, 10, 10))


def test_the_legibility_check_finds_overlapping_and_clipped_labels():
    from lambda_model.viz.picture import label

    marks = [label(10, 20, "PROD", 13, owner="a"), label(14, 22, "BETA", 13, owner="b")]
    marks.append(label(95, 20, "clipped", 13, "start", owner="c"))
    found = problems(marks, 100, 100)
    assert any("overlap" in p for p in found) and any("outside" in p for p in found)


def test_every_step_of_the_demo_story_is_legible(demo_account):
    movie = animate(demo_account)
    for frame in movie.frames:
        assert problems(frame.marks, movie.width, movie.height) == [], frame.caption


def test_every_frame_of_the_comparison_is_legible(churn):
    movie = compare(churn)
    for frame in movie.frames:
        assert problems(frame.marks, movie.width, movie.height) == [], frame.caption
    assert compare_summary(churn).problems() == []


def test_a_20_version_function_with_3_aliases_and_2_buckets_is_legible():
    picture = draw(busy_account(20))
    assert picture.problems() == []
    assert picture.width <= 1280


def test_no_text_is_smaller_than_12_px_and_no_picture_wider_than_a_1280_px_page(
    demo_account, churn
):
    for svg, width in (
        (draw(busy_account(20)).svg, None),
        (animate(demo_account).svg, None),
        (compare(churn).svg, None),
    ):
        assert min(font_sizes(svg)) >= 12
        width = float(re.search(r'<svg [^>]*width="([0-9.]+)"', svg).group(1))
        assert width <= 1280


def test_the_legend_explains_every_mark_the_picture_uses(demo_account):
    for step in range(len(demo_account.history)):
        picture = draw(demo_account, step)
        used = {
            k for k, words in LEGEND.items() if words in {t for m in picture.marks for t in m.texts}
        }
        svg = picture.svg
        if 'stroke-dasharray="7 4"' in svg:
            assert "changed" in used
        if COLORS["flowing"] in svg:
            assert "flowing" in used
        if "marker-end" in svg:
            assert "route" in used or "wire" in used


# --- text alternatives -------------------------------------------------------------------


def title_and_desc(svg: str) -> tuple[str, str]:
    title = re.search(r"<title[^>]*>(.*?)</title>", svg, re.S).group(1)
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    return title, desc


def test_in_a_notebook_a_picture_is_an_image_of_itself_with_alt_text(demo_account):
    import base64

    movie = animate(demo_account)
    html = movie._repr_html_()
    source = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    assert base64.b64decode(source).decode() == movie.svg
    assert 'alt="the story of thumbnailer. An animation in' in html


def test_every_picture_says_in_words_where_each_alias_points(demo_account, churn):
    pictures = [draw(demo_account, step) for step in range(len(demo_account.history))]
    pictures += [animate(demo_account), compare(churn), compare_summary(churn)]
    pictures += [still(compare(churn), 5), draw(busy_account())]
    for picture in pictures:
        title, desc = title_and_desc(picture.svg)
        assert title.strip() and desc.strip()
        assert 'role="img"' in picture.svg and "aria-labelledby" in picture.svg
    _, desc = title_and_desc(draw(busy_account()).svg)
    assert "alias PROD sends 80% to version 3 and 20% to version 4" in desc
    assert "alias staging points to version 19" in desc
    assert "archive-of-old-photos notifies thumbnailer version 7" in desc


def test_titles_are_escaped_and_any_unicode_is_kept_as_text():
    account = Account()
    account.create_function("f", lambda event, context: "ok", publish=True)
    account.create_alias("f", "PROD", "1")
    picture = draw(account, title="リリース <b>&</b>: PROD → 1")
    assert ">リリース &lt;b&gt;&amp;&lt;/b&gt;: PROD → 1</text>" in picture.svg
    assert "<b>" not in picture.svg and picture.problems() == []


# --- colour -------------------------------------------------------------------------------

# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
MACHADO = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def simulate(hex_colour: str, kind: str) -> tuple[float, float, float]:
    rgb = [_linear(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5)]
    return tuple(_gamma(sum(m * c for m, c in zip(row, rgb, strict=True))) for row in MACHADO[kind])


def lab(rgb) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def ciede2000(lab1, lab2) -> float:
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    cm = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(cm**7 / (cm**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = h2p - h1p
    if c1p * c2p == 0:
        dh = 0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    dH = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lm, cmp_ = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hm = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hm = (h1p + h2p) / 2
    else:
        hm = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hm - 30))
        + 0.24 * math.cos(math.radians(2 * hm))
        + 0.32 * math.cos(math.radians(3 * hm + 6))
        - 0.20 * math.cos(math.radians(4 * hm - 63))
    )
    sl = 1 + 0.015 * (lm - 50) ** 2 / math.sqrt(20 + (lm - 50) ** 2)
    sc = 1 + 0.045 * cmp_
    sh = 1 + 0.015 * cmp_ * t
    rt = (
        -2
        * math.sqrt(cmp_**7 / (cmp_**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((hm - 275) / 25) ** 2))))
    )
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dH / sh) ** 2 + rt * (dc / sc) * (dH / sh))


def test_ciede2000_matches_a_published_pair():
    # Sharma, Wu and Dalal (2005), test pair 1: 2.0425.
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)


#: Colours that carry different meanings and can meet in one picture.
PAIRS = [
    ("changed", "flowing"),
    ("ok", "error"),
    ("changed", "error"),
    ("changed", "ok"),
    ("alias", "bucket"),
    ("route", "wire"),
    ("wire", "refused"),
    ("flowing", "route"),
    ("flowing", "ok"),
    ("bucket", "refused"),
]
#: A CIEDE2000 difference of 10 or more is told apart at a glance (2.3 is the just-noticeable
#: difference); every pair is also doubled by shape, dash or word.
DISTINCT = 10.0


@pytest.mark.parametrize("kind", ["deuteranopia", "protanopia"])
@pytest.mark.parametrize("pair", PAIRS, ids="-".join)
def test_colours_of_different_meanings_stay_apart_for_colour_blind_readers(pair, kind):
    first, second = (lab(simulate(COLORS[name], kind)) for name in pair)
    assert ciede2000(first, second) >= DISTINCT
