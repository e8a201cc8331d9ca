"""The library in the app: the list, its sorts and filter, the speakers, opening an article and coming back."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_helpers import ARTICLES, STOCK_QUESTION, FakeAnalyzer, Said, write_article, write_two_interviews
from newsview.tui.library_app import LibraryApp, LibraryReader
from newsview.tui.library_screen import LibrarySetup
from newsview.tui.variants_screen import ComparisonScreen, VariantsScreen

from newsview.cache import ParseCache
from newsview.library import scan

@pytest.fixture
def library(tmp_path: Path):
    """A folder of three analysed articles (in the parse cache), one waiting for analysis and one the analyser fails on."""
    folder = tmp_path / "day"
    folder.mkdir()
    cache = ParseCache(tmp_path / "cache")
    for name, title, body, actors in ARTICLES:
        write_article(folder, name, title, body, actors, cache=cache)
    write_article(folder, "2024-02-20-queued.txt", "Mia Lund says yes", 'Mia Lund said "yes" to the plan.')
    write_article(folder, "2024-02-10-broken.txt", "Broken Bob says yes", 'Broken Bob said "yes" once.')
    analyzer = FakeAnalyzer(cache, fail="Broken Bob")
    files = scan.expand_inputs([str(folder)]).files
    setup = LibrarySetup(tmp_path / "lib.sqlite", files)
    return setup, analyzer


def make_app(library) -> LibraryApp:
    setup, analyzer = library
    return LibraryApp(setup, analyzer=analyzer)  # type: ignore[arg-type]


async def settle(pilot, app: LibraryApp) -> None:
    """Wait for the background sync and analysis to finish and the list to show it."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.library.refresh_rows()
    await pilot.pause()


def titles(app: LibraryApp) -> list[str]:
    rows = app.library.articles
    return [rows.row(i).display_title for i in range(rows.total)]


async def test_the_library_lists_every_article_and_analyses_the_rest_in_the_background(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert titles(app) == ["Rain floods the valley", "Harbour reopens", "Budget vote delayed",
                               "Mia Lund says yes", "Broken Bob says yes"]
        rows = {r: app.library.articles.row(i) for i, r in enumerate(titles(app))}
        assert rows["Mia Lund says yes"].state == "done" and rows["Mia Lund says yes"].quotes == 1
        broken = rows["Broken Bob says yes"]
        assert broken.state == "failed" and "the parser tripped" in (broken.reason or "")
        assert "1 failed" in str(app.library.query_one("#library-status").render())


async def test_sorting_cycles_through_the_sorts_and_the_status_line_names_it(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("o")  # title
        assert titles(app)[:3] == ["Broken Bob says yes", "Budget vote delayed", "Harbour reopens"]
        assert "sort: title" in str(app.library.query_one("#library-status").render())
        await pilot.press("o")  # most quotes first
        first = app.library.articles.row(0)
        assert first.quotes == 2
        await pilot.press("o", "o", "o")  # least confident, then failed first
        assert "failed first" in str(app.library.query_one("#library-status").render())
        assert titles(app)[0] == "Broken Bob says yes"
        await pilot.press("O")  # reversed: the failed one last
        assert titles(app)[-1] == "Broken Bob says yes"


async def test_the_filter_narrows_the_list_with_source_title_and_phrase_terms(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash")
        assert app.focused is app.library.filter_bar
        await pilot.press(*"title:harbour")
        assert titles(app) == ["Harbour reopens"]
        app.library.filter_bar.value = '"river rose overnight"'  # a phrase: every article's text
        await pilot.pause()
        assert titles(app) == ["Rain floods the valley"]
        app.library.filter_bar.value = "@costa"
        await pilot.pause()
        assert titles(app) == ["Rain floods the valley", "Harbour reopens", "Budget vote delayed"]
        await pilot.press("escape")  # clears, back to the list
        assert len(titles(app)) == 5 and app.focused is app.library.articles


async def test_enter_opens_the_article_and_escape_comes_back_to_the_same_row(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("j", "j")
        assert app.library.articles.current.display_title == "Budget vote delayed"
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, LibraryReader) and reader.document.meta.title == "Budget vote delayed"
        assert [a.name for a in reader.document.actors] == ["Ana Costa", "A senior official"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.library and app.library.articles.current.display_title == "Budget vote delayed"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("q")  # q in the reader: back to the library, not out of the app
        await pilot.pause()
        assert app.screen is app.library and app.is_running
        assert app.library.articles.cursor == 2


async def test_next_and_previous_article_follow_the_list(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.document.meta.title == "Rain floods the valley"
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert isinstance(app.screen, LibraryReader) and app.screen.document.meta.title == "Harbour reopens"
        await pilot.press("right_curly_bracket", "left_curly_bracket", "left_curly_bracket")
        await pilot.pause()
        assert app.screen.document.meta.title == "Rain floods the valley"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.library and app.library.articles.cursor == 0
        assert len(app.screen_stack) == 1


async def test_speakers_view_lists_a_speaker_once_and_opens_an_article_at_their_quote(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("tab")
        assert app.library.view == "speakers"
        rows = app.library.speakers
        names = [rows.row(i).name for i in range(rows.total)]
        assert names[0] == "Ana Costa" and names.count("Ana Costa") == 1
        assert rows.row(0).quoted_articles == 3 and rows.row(0).quotes == 3
        await pilot.press("enter")
        quotes = app.library.speaker_quotes
        assert app.library.view == "quotes" and quotes.total == 3
        assert [quotes.row(i).quote.text for i in range(3)] == [
            "the budget waits for spring", "a good day for the port", "help is on the way"]
        await pilot.press("j", "enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, LibraryReader) and reader.document.meta.title == "Harbour reopens"
        quote = reader.document.quote(reader.current_quote or "")
        assert quote is not None and quote.text == "a good day for the port"
        await pilot.press("escape", "escape")  # the place, then back to the list of quotes
        await pilot.pause()
        assert app.screen is app.library and app.library.view == "quotes" and quotes.cursor == 1
        await pilot.press("escape")
        assert app.library.view == "speakers"


async def test_the_sources_view_and_the_article_line_say_who_is_quoted(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("j", "j")  # Budget vote delayed: one named and one unnamed source
        detail = str(app.library.query_one("#library-detail").render())
        assert "1 named" in detail and "1 unnamed" in detail and "first: Ana Costa" in detail
        await pilot.press("tab", "tab")
        assert app.library.view == "sources"
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.library.query_one("#sources-text").render())
        assert "Articles quoting an unnamed source: 1 of 4" in text
        assert "Ana Costa" in text


async def test_help_and_palette_list_the_library_keys(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(app.screen.text.split())
        assert "Next view: Articles, Speakers, Sources" in text and "the next article of the library's list" in text
        assert "Library lists" in text and "Open" in text
        await pilot.press("escape")
        from newsview.tui.library_app import LibraryCommands

        labels = [label for label, _help, _cmd in LibraryCommands(app.screen)._entries()]
        assert "Library: next sort" in labels and "Library: sort articles by least confident" in labels


async def test_keys_typed_straight_after_slash_go_to_the_filter(library):
    from textual import events

    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        # as a fast typist or a terminal sends them: all queued before the first is handled
        for key, char in [("slash", "/"), ("t", "t"), ("i", "i"), ("t", "t"), ("l", "l"), ("e", "e"),
                          ("colon", ":"), ("r", "r"), ("a", "a"), ("i", "i"), ("n", "n")]:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        assert app.library.filter_bar.value == "title:rain"
        assert titles(app) == ["Rain floods the valley"]


async def test_the_speakers_filter_keeps_the_speakers_named(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("tab", "slash", *"lia")
        rows = app.library.speakers
        assert [rows.row(i).name for i in range(rows.total)] == ["Lia Moss"]
        await pilot.press("escape")
        assert app.library.view == "speakers" and rows.total == 5


async def test_the_palette_in_an_articles_reader_lists_its_actors_and_the_library_keys(library):
    from newsview.tui.commands import ActorCommands

    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryReader)
        actors = [label for label, _help, _cmd in ActorCommands(app.screen)._entries()]
        assert sorted(actors) == ["Actor: Ana Costa", "Actor: Lia Moss"]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"next article", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, LibraryReader) and app.screen.document.meta.title == "Harbour reopens"


async def test_a_review_made_in_the_reader_shows_in_the_list(library):
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("right_square_bracket", "a")  # accept the first quote
        await pilot.pause()
        assert app.screen.review_session.progress_text().startswith("1/")
        await pilot.press("escape", "escape")
        await settle(pilot, app)
        row = app.library.articles.current
        assert row.display_title == "Rain floods the valley" and row.progress == "1/2"


def folder_app(folder: Path, cache: ParseCache, tmp_path: Path) -> LibraryApp:
    """The library app on a folder whose analyses are in ``cache``."""
    setup = LibrarySetup(tmp_path / "lib.sqlite", scan.expand_inputs([str(folder)]).files)
    return LibraryApp(setup, analyzer=FakeAnalyzer(cache))  # type: ignore[arg-type]


async def variants_rows(pilot, app: LibraryApp) -> list[str]:
    """Once the library is synced, V: the Variants view's rows as shown."""
    await settle(pilot, app)
    await pilot.press("V")
    await settle(pilot, app)
    assert isinstance(app.screen, VariantsScreen)
    return [str(o.prompt) for o in app.screen.variants_list.options]


async def test_the_variants_of_the_librarys_quotes_open_their_articles_and_come_back(tmp_path: Path):
    folder = tmp_path / "news"
    folder.mkdir()
    cache = ParseCache(tmp_path / "cache")
    said = "the new sea wall will protect every single home and shop on the front"
    write_article(folder, "2024-04-01-wall.txt", "Wall approved", f'Ana Costa said "{said}" on Monday.',
                  [Said("Ana Costa", quotes=(said,))], cache=cache)
    cut = "the new sea wall will protect every single home and shop"  # too long for a shared talking point
    write_article(folder, "2024-04-02-row.txt", "Wall row", f'Tom Reyes said "{cut}" at the meeting.',
                  [Said("Tom Reyes", quotes=(cut,))], cache=cache)
    app = folder_app(folder, cache, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        rows = await variants_rows(pilot, app)
        assert len(rows) == 1 and rows[0].startswith("≠ conflicting") and "Ana Costa / Tom Reyes" in rows[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        version = str(app.screen.versions.get_option("version:1").prompt)
        assert version.startswith("2. Wall row") and "[-on the front-]" in version  # the index's title
        await pilot.press("j", "enter")
        await pilot.pause()
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, LibraryReader) and reader.document.meta.title == "Wall row"
        assert reader.current_quote == "q1"
        assert "≠ conflicting" in str(reader.actor_list.get_option("quote:q1").prompt)  # the sidebar's mark
        await pilot.press("escape", "escape")  # the place, then back to the comparison it was opened from
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        await pilot.press("escape", "escape")
        assert app.screen is app.library


async def test_the_variants_view_shows_a_recurring_answer_but_not_the_interviewers_stock_question(tmp_path: Path):
    """V compares what the guests said; the question the publication asks in every interview is no statement."""
    folder = tmp_path / "interviews"
    folder.mkdir()
    cache = ParseCache(tmp_path / "cache")
    write_two_interviews(folder, cache)
    app = folder_app(folder, cache, tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        rows = await variants_rows(pilot, app)
        assert len(rows) == 1 and "Ana Costa / Tom Reyes" in rows[0], rows
        assert not any(STOCK_QUESTION[:30] in row for row in rows)
