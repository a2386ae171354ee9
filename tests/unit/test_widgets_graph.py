"""The console's graph and the history scrubber: the SVG pointer picture in an HTML widget."""

from lambda_model.demo import story
from lambda_model.viz import positions
from lambda_model.widgets import GraphView, scrubber


def test_looking_back_draws_the_nodes_at_their_places_for_the_whole_story():
    account = story()[0]
    view = GraphView()
    view.show(account, 10)
    early = view.picture
    view.show(account, len(account.history))
    assert early.svg != view.picture.svg
    place = positions(account)["thumbnailer:PROD"]
    assert f'x="{round(place[0])}" y="{round(place[1]) + 5}"' in early.svg
    assert f'x="{round(place[0])}" y="{round(place[1]) + 5}"' in view.picture.svg


def test_the_graph_is_labelled_with_where_each_alias_points():
    account = story()[0]
    view = GraphView()
    view.show(account, len(account.history))
    assert 'aria-label="upload s3://photos/hen.jpg' in view.image.value
    assert "alias PROD points to version 2" in view.image.value


def test_the_scrubber_redraws_the_picture_at_the_chosen_step():
    account = story()[0]
    box = scrubber(account)
    slider, image = box.children
    assert slider.max == len(account.history) and slider.value == slider.max
    slider.value = 10  # the first 10 steps: up to the canary
    assert image.value.startswith('<div role="img" aria-label="PROD: 1 -&gt; 1 (90%) + 2 (10%).')
    assert box.view.step == 10
