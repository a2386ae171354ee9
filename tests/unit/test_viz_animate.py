"""The animated history: one captioned frame per step, exported to HTML and GIF."""

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.animation import AbstractMovieWriter, FuncAnimation, PillowWriter
from PIL import Image

from lambda_model import Account
from lambda_model.demo import story
from lambda_model.viz import Layout, animate, captions, collapse, history_graphs

DPI = 30


@pytest.fixture(scope="module")
def account():
    return story()[0]


def test_there_is_one_caption_per_history_step(account):
    assert len(captions(account)) == len(account.history)


def test_an_alias_move_is_captioned_with_its_versions(account):
    assert captions(account)[20] == "PROD: 2 -> 3"


def test_an_alias_moving_back_is_captioned_as_a_rollback(account):
    assert captions(account)[22] == "rollback: PROD 3 -> 2"


def test_animate_can_pick_a_few_steps_and_plays_them_in_html(account):
    anim = animate(account, steps=[0, 9, 22], dpi=DPI)
    html = anim.to_jshtml()
    assert (isinstance(anim, FuncAnimation), html.count("data:image/png;base64")) == (True, 3)


def test_the_animation_exports_to_a_gif(account, tmp_path):
    path = tmp_path / "story.gif"
    animate(account, steps=[2, 9, 16, 22], dpi=DPI).save(path, writer=PillowWriter(fps=2))
    assert Image.open(path).n_frames == 4


class TitleRecorder(AbstractMovieWriter):
    """A movie writer that keeps each frame's titles (unwrapped) instead of its pixels."""

    def __init__(self):
        super().__init__(fps=1)
        self.titles = []

    def setup(self, fig, outfile, dpi=None):
        super().setup(fig, outfile, dpi)

    def grab_frame(self, **savefig_kwargs):
        ax = self.fig.axes[0]
        caption = ax.get_title(loc="left").replace("\n", " ")
        self.titles.append((caption, ax.get_title(loc="right")))

    def finish(self):
        pass


def test_there_is_one_frame_per_step_titled_with_its_caption_and_place(account, tmp_path):
    recorder = TitleRecorder()
    animate(account, dpi=DPI).save(tmp_path / "titles", writer=recorder)
    expected = [(c, f"step {i + 1}/24") for i, c in enumerate(captions(account))]
    assert recorder.titles == expected


def test_a_frame_of_a_few_steps_keeps_its_place_in_the_whole_history(account, tmp_path):
    recorder = TitleRecorder()
    animate(account, steps=[20, 22], dpi=DPI).save(tmp_path / "titles", writer=recorder)
    assert recorder.titles == [
        ("PROD: 2 -> 3", "step 21/24"),
        ("rollback: PROD 3 -> 2", "step 23/24"),
    ]


def test_progress_is_reported_for_each_frame(account):
    seen = []
    animate(
        account, steps=[0, 1, 2], dpi=DPI, on_frame=lambda i, n: seen.append((i, n))
    ).to_jshtml()
    assert sorted(set(seen)) == [(0, 3), (1, 3), (2, 3)]


def test_every_frame_shares_one_layout_so_only_the_moved_alias_moves(account):
    views = [collapse(g) for g in history_graphs(account)]
    layout = Layout.fit(views)
    before, after = layout.positions(views[21]), layout.positions(views[22])
    moved = {node for node in before if before[node] != after[node]}
    assert moved == {"thumbnailer:PROD"}


def test_latest_keeps_its_place_in_every_frame(account):
    views = [collapse(g) for g in history_graphs(account)]
    layout = Layout.fit(views)
    assert {layout.positions(v)["thumbnailer:$LATEST"] for v in views} == {(4.0, 0.0)}


def test_an_account_without_history_cannot_be_animated():
    with pytest.raises(ValueError, match="no history"):
        animate(Account())


def test_in_a_notebook_the_animation_shows_itself_as_its_html_player(account):
    anim = animate(account, steps=[0, 1], dpi=DPI)
    assert (repr(anim), "<script" in anim._repr_html_()) == (
        "HistoryAnimation(2 frames, 1500 ms apart)",
        True,
    )
