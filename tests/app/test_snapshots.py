"""Screenshots of the app at common sizes and themes, compared with the committed SVGs.

Regenerate after an intended change with ``pytest tests/app/test_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsview.tui.app import NewsViewApp

from factories import analysed_document

HOSTILE = Path(__file__).resolve().parents[2] / "samples" / "hostile.txt"


def hostile_document():
    from newsview import engine
    from newsview.reader import read_article

    return engine.prepare(read_article(HOSTILE))


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("theme", ["newsview-dark", "newsview-ansi"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_reader(snap_compare, theme, size):
    app = NewsViewApp(analysed_document(), theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("theme", ["newsview-dark", "newsview-ansi"])
def test_actor_selected_and_quotes_open(snap_compare, theme):
    app = NewsViewApp(analysed_document(), theme=theme)
    assert snap_compare(app, terminal_size=(120, 40), press=["tab", "enter"], run_before=settle)


@pytest.mark.parametrize("theme", ["newsview-dark", "newsview-ansi"])
def test_filter_with_current_match(snap_compare, theme):
    app = NewsViewApp(analysed_document(), theme=theme)
    assert snap_compare(app, terminal_size=(80, 24), press=["slash", *"type:date", "enter", "n"],
                        run_before=settle)


@pytest.mark.parametrize("theme", ["newsview-dark", "newsview-ansi"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_hostile_sample(snap_compare, theme, size):
    app = NewsViewApp(hostile_document(), theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_narrow_terminal_hides_sidebar(snap_compare):
    assert snap_compare(NewsViewApp(analysed_document()), terminal_size=(60, 20), run_before=settle)


def test_help_screen(snap_compare):
    assert snap_compare(NewsViewApp(analysed_document()), terminal_size=(100, 40), press=["question_mark"],
                        run_before=settle)


@pytest.mark.parametrize("theme", ["newsview-light", "newsview-contrast"])
def test_other_themes(snap_compare, theme):
    app = NewsViewApp(analysed_document(), theme=theme)
    assert snap_compare(app, terminal_size=(100, 30), press=["tab", "enter"], run_before=settle)


def test_review_verdicts_and_evidence(snap_compare, tmp_path):
    """Accepted, rejected and reassigned quotes in the sidebar; the noted one's evidence below."""
    app = NewsViewApp(analysed_document(), review_file=str(tmp_path / "story.review.json"))
    keys = ["right_square_bracket", "a", "right_square_bracket", "x", "s",
            "right_square_bracket", "r", *"reyes", "enter", "c", *"[b]checked[/b]", "enter"]
    assert snap_compare(app, terminal_size=(80, 24), press=keys, run_before=settle)


@pytest.mark.parametrize("theme", ["newsview-dark", "newsview-ansi"])
def test_footer_while_typing_a_filter(snap_compare, theme):
    """The footer shows the filter bar's keys while it has the focus; narrow, the keys that fit."""
    app = NewsViewApp(analysed_document(), theme=theme)
    assert snap_compare(app, terminal_size=(60, 16), press=["slash", *"Cos"], run_before=settle)
