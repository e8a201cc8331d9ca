"""The one-line footer: the keys that work where the focus is, as the user set them."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.widgets import Static

from newsview.tui.app import NewsViewApp
from newsview.widgets.filter_bar import FilterBar
from newsview.widgets.key_footer import KeyFooter

from factories import analysed_document


def footer_text(app) -> str:
    return app.query_one(KeyFooter).render_line(0).text


async def test_footer_follows_the_focus_to_the_filter_bar_and_back():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        reading = footer_text(app)
        assert " q Quit " in reading and " / Filter " in reading and " ] Next quote " in reading
        assert "Next match" not in reading, "bindings with show=False stay out of the footer"
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, FilterBar)
        filtering = footer_text(app)
        assert "Jump to the first match" in filtering and "Clear filter, back to the text" in filtering
        assert " / Filter " not in filtering, "keys the filter bar types are not offered as commands"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.focused, FilterBar)
        assert footer_text(app) == reading


async def test_remapped_key_is_shown_as_remapped():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        app.set_keymap({"newsview.filter": "ctrl+f"})
        await pilot.pause()
        text = footer_text(app)
        assert " ^f Filter " in text and " / Filter " not in text
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.focused, FilterBar)


async def test_narrow_terminal_drops_whole_keys():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        wide = footer_text(app).rstrip()
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        narrow = footer_text(app)
        assert len(narrow) == 40
        shown = narrow.rstrip()
        assert shown and wide.startswith(shown), "the first keys, each whole, in the same order"
        assert len(shown) < len(wide)
        footer = app.query_one(KeyFooter)
        footer.styles.width = 6
        await pilot.pause()
        assert footer_text(app) == " q Qu…", "not even one key fits: it is cut with an ellipsis"


class MarkupBindings(App):
    BINDINGS = [
        Binding("b", "bell", "[bold]Bold[/bold] [@click=app.quit]x[/]", id="test.bell"),
        Binding("h", "bell", "Hidden", show=False),
    ]

    def compose(self):
        yield Static("text")
        yield KeyFooter()


async def test_descriptions_are_plain_text_never_markup():
    app = MarkupBindings()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        strip = app.query_one(KeyFooter).render_line(0)
        assert "[bold]Bold[/bold] [@click=app.quit]x[/]" in strip.text
        assert "Hidden" not in strip.text
        description = next(seg for seg in strip if "Bold" in seg.text)
        assert not description.style.bold and not description.style.meta


async def test_clicking_a_key_runs_it():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        x = footer_text(app).index(" / Filter ")
        await pilot.click(KeyFooter, offset=(x + 1, 0))
        await pilot.pause()
        assert isinstance(app.focused, FilterBar)
