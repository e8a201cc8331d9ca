"""The library in the app: the list, its sorts and filter, the speakers, opening an article and coming back."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_helpers import FakeAnalyzer, Said, write_article
from newsview.tui.library_app import LibraryApp
from newsview.tui.library_screen import LibrarySetup

from newsview.cache import ParseCache
from newsview.library import scan

ARTICLES = [
    # (file, title, body, actors)
    ("2024-03-01-budget.txt", "Budget vote delayed",
     'Ana Costa said "the budget waits for spring" in the capital. A senior official said "nothing is settled".',
     [Said("Ana Costa", quotes=("the budget waits for spring",)),
      Said("A senior official", kind="NOMINAL", quotes=("nothing is settled",), confidence=0.5)]),
    ("2024-03-02-harbour.txt", "Harbour reopens",
     'Tom Reyes said "ships are back" at the harbour. Ana Costa said "a good day for the port".',
     [Said("Tom Reyes", quotes=("ships are back",)), Said("Ana Costa", quotes=("a good day for the port",))]),
    ("2024-03-03-rain.txt", "Rain floods the valley",
     'Lia Moss said "the river rose overnight" near the old mill. Ana Costa said "help is on the way".',
     [Said("Lia Moss", quotes=("the river rose overnight",)), Said("Ana Costa", quotes=("help is on the way",))]),
]


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
