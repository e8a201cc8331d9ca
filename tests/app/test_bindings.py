"""One table of keys: a key remapped in the user's keymap is the key every part of the reader shows and obeys."""

from __future__ import annotations

from factories import analysed_document
from newsview.tui.app import NewsViewApp
from newsview.tui.bindings import KEYS, binding_ids
from newsview.tui.help import HelpScreen
from newsview.widgets.key_footer import KeyFooter
from textual.command import CommandList, CommandPalette


def footer_text(app: NewsViewApp) -> str:
    return app.query_one(KeyFooter).render_line(0).text


async def palette_help(pilot, query: str) -> list[str]:
    """The command palette's entries for ``query``, as shown (label and help)."""
    app = pilot.app
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    results = app.screen.query_one(CommandList)
    for _ in range(100):
        await pilot.pause(0.02)
        if results.option_count:
            break
    shown = [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]
    await pilot.press("escape")
    return shown


async def test_a_remapped_review_key_is_shown_and_obeyed_everywhere(tmp_path):
    app = NewsViewApp(analysed_document(), review_file=str(tmp_path / "story.review.json"))
    app.set_keymap({"review.accept": "ctrl+y"})  # as `newsview --keymap FILE` does, before the app runs
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        footer = footer_text(app)
        assert " ^y Accept " in footer and " a Accept " not in footer

        shown = await palette_help(pilot, "accept the quote")
        accept = next(line for line in shown if "Review: accept the quote" in line)
        assert "key ^y" in accept and "key a" not in accept

        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        row = next(line for line in app.screen.text.splitlines() if "Accept the quote and its speaker" in line)
        assert row.split("Accept the quote")[0].strip() == "^y"
        await pilot.press("escape")

        await pilot.press("right_square_bracket", "a")  # the old key no longer accepts
        assert app.reader.review_view.quote("q1").verdict is None
        await pilot.press("ctrl+y")
        assert app.reader.review_view.quote("q1").verdict == "accepted"
        assert "1/6 reviewed" in app.reader.status_line.text


async def test_the_palette_names_each_review_key_as_bound():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(120, 30)) as pilot:
        shown = await palette_help(pilot, "Review")
        assert any("Review: next unreviewed quote" in line and "key ." in line for line in shown)
        assert any("Review: redo" in line and "key U" in line for line in shown)


async def test_a_palette_key_from_a_keymap_file_is_not_read_as_markup():
    app = NewsViewApp(analysed_document())
    app.set_keymap({"review.undo": "left_square_bracket"})
    async with app.run_test(size=(120, 30)) as pilot:
        shown = await palette_help(pilot, "Review: undo")
        assert any("Review: undo" in line and "key [" in line for line in shown)


def test_every_key_of_the_table_is_a_keymap_id_once():
    ids = [k.id for k in KEYS]
    assert len(ids) == len(set(ids))
    assert set(ids) <= binding_ids()
    assert {"reader.down", "reject.speaker", "help.close"} <= binding_ids()  # panes' and dialogs' keys too


async def test_review_hints_name_the_remapped_keys(tmp_path):
    app = NewsViewApp(analysed_document(), review_file=str(tmp_path / "story.review.json"))
    app.set_keymap({"review.accept": "A", "review.undo": "ctrl+z", "newsview.next_quote": "ctrl+n"})
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("A")
        assert "ctrl+n" not in (hint := list(app._notifications)[-1].message) and "^n goes to the next quote" in hint
        await pilot.press("ctrl+n", "A", "A")
        assert list(app._notifications)[-1].message == "Already accepted (^z undoes, x rejects)."


async def test_a_review_command_chosen_in_the_palette_acts_on_the_current_quote(tmp_path):
    app = NewsViewApp(analysed_document(), review_file=str(tmp_path / "story.review.json"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("right_square_bracket", "ctrl+p", *"accept the quote")
        for _ in range(100):
            await pilot.pause(0.02)
            if app.screen.query_one(CommandList).option_count:
                break
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.review_view.quote("q1").verdict == "accepted"
