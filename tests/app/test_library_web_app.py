"""Web pages in the library app: listed at once while they are fetched, failures as rows, opened in the reader.

A local server on 127.0.0.1 (tests/webserver.py), started and stopped here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from library_helpers import PageAnalyzer, write_article
from newsview.tui.library_app import LibraryApp, LibraryReader
from newsview.tui.library_screen import LibrarySetup

from newsview.cache import ParseCache
from newsview.library import scan
from newsview.review.fileformat import locate

CANONICAL = "https://courier.example/2025/03/harbour-ferry-returns"


@pytest.fixture
def web_library(local_site, tmp_path: Path, monkeypatch):
    """Two good pages (one held back until the test lets it through), a 404 and a local file."""
    monkeypatch.setenv("NEWSVIEW_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NEWSVIEW_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NEWSVIEW_TIMEOUT", "5")
    folder = tmp_path / "day"
    folder.mkdir()
    local = write_article(folder, "2024-03-01-local.txt", "Local council meets", 'Ana Costa said "we meet on Monday".')
    members = [local_site.url("/gated/ferry"), local_site.url("/latin1"), local_site.url("/missing"), str(local)]
    files = scan.expand_inputs(members).files
    analyzer = PageAnalyzer(ParseCache(tmp_path / "parses"))
    return LibrarySetup(tmp_path / "lib.sqlite", files), analyzer, members


def rows_by_path(app: LibraryApp) -> dict[str, object]:
    rows = app.library.articles
    return {rows.row(i).path: rows.row(i) for i in range(rows.total)}


async def wait_for(pilot, app: LibraryApp, ready) -> None:
    """Let the worker go on until ``ready()`` holds (or give up after many frames)."""
    for _ in range(200):
        await pilot.pause(0.05)
        app.library.refresh_rows()
        if ready():
            return


async def settle(pilot, app: LibraryApp) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.library.refresh_rows()
    await pilot.pause()


async def test_pages_are_listed_at_once_fetched_in_the_background_and_opened_in_the_reader(local_site, web_library):
    setup, analyzer, (ferry, cafe, missing, local) = web_library
    app = LibraryApp(setup, analyzer=analyzer)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        # the held-back page: a row at once, its address for a title, fetching
        await wait_for(pilot, app, lambda: ferry in rows_by_path(app))
        row = rows_by_path(app)[ferry]
        assert row.state == "fetching" and row.display_title == ferry  # type: ignore[attr-defined]
        local_site.gate.set()
        await settle(pilot, app)
        rows = rows_by_path(app)
        assert set(rows) == {ferry, cafe, missing, local}
        states = {path: r.state for path, r in rows.items()}  # type: ignore[attr-defined]
        assert states == {ferry: "done", cafe: "done", missing: "failed", local: "done"}
        assert rows[missing].reason == "HTTP 404 Not Found"  # type: ignore[attr-defined]
        assert rows[ferry].display_title == "Harbour ferry returns after two winters"  # type: ignore[attr-defined]
        assert "1 failed" in str(app.library.query_one("#library-status").render())
        # the failure's reason is on the row and on the detail line under the list
        order = [app.library.articles.row(i).path for i in range(app.library.articles.total)]
        app.library.articles.move_to(order.index(missing))
        await pilot.pause()
        assert "failed: HTTP 404 Not Found" in str(app.library.query_one("#library-detail").render())
        # the page opens in the reader, its review where `newsview URL` keeps it
        app.library.articles.move_to(order.index(ferry))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, LibraryReader) and "ferry Gull sailed again" in reader.document.text
        assert reader.review_session.article_path == CANONICAL
        await pilot.press("right_square_bracket", "a")  # accept the first quote
        await pilot.pause()
        expected, _ = locate(CANONICAL, reader.document.source.sha256)
        assert expected.is_file()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.screen is app.library and app.library.articles.current.path == ferry


async def opened_once_then_offline(local_site, setup: LibrarySetup, analyzer, ferry: str) -> None:
    """Open the library with every page fetched, then take the site away."""
    local_site.gate.set()
    app = LibraryApp(setup, analyzer=analyzer)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert rows_by_path(app)[ferry].state == "done"  # type: ignore[attr-defined]
    local_site.stop()


async def test_the_library_reopens_offline_from_the_page_cache(local_site, web_library):
    setup, analyzer, (ferry, cafe, missing, local) = web_library
    await opened_once_then_offline(local_site, setup, analyzer, ferry)
    again = LibraryApp(LibrarySetup(setup.index_path, setup.files), analyzer=analyzer)  # type: ignore[arg-type]
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot, again)
        rows = rows_by_path(again)
        assert {p: r.state for p, r in rows.items()} == {  # type: ignore[attr-defined]
            ferry: "done", cafe: "done", missing: "failed", local: "done"}
        assert rows[missing].reason == "connection refused"  # type: ignore[attr-defined]
        order = [again.library.articles.row(i).path for i in range(again.library.articles.total)]
        again.library.articles.move_to(order.index(cafe))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, LibraryReader) and "café on the quay" in again.screen.document.text


async def test_what_has_arrived_is_analysed_while_a_page_is_still_downloading(local_site, web_library):
    setup, analyzer, (ferry, cafe, missing, local) = web_library
    app = LibraryApp(setup, analyzer=analyzer)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, app, lambda: getattr(rows_by_path(app).get(local), "state", None) == "done")
        rows = rows_by_path(app)
        # the local article is analysed and shown with its quote while the first page is held back
        assert rows[local].state == "done" and rows[local].quotes == 1  # type: ignore[attr-defined]
        assert rows[ferry].state == "fetching"  # type: ignore[attr-defined]
        assert "reading articles" in str(app.library.query_one("#library-status").render())
        local_site.gate.set()
        await settle(pilot, app)
        assert rows_by_path(app)[ferry].state == "done"  # type: ignore[attr-defined]


async def test_refresh_offline_keeps_the_pages_fetched_before_and_says_so(local_site, web_library):
    setup, analyzer, (ferry, cafe, missing, local) = web_library
    await opened_once_then_offline(local_site, setup, analyzer, ferry)
    again = LibraryApp(LibrarySetup(setup.index_path, setup.files, refresh=True), analyzer=analyzer)  # type: ignore[arg-type]
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot, again)
        rows = rows_by_path(again)
        assert {p: r.state for p, r in rows.items()} == {  # type: ignore[attr-defined]
            ferry: "done", cafe: "done", missing: "failed", local: "done"}
        said = [n.message for n in again._notifications]
        assert "2 pages could not be fetched again: each keeps the copy fetched before" in said
    # one page alone: which, why and from when
    one = LibraryApp(LibrarySetup(setup.index_path, (ferry,), refresh=True), analyzer=analyzer)  # type: ignore[arg-type]
    async with one.run_test(size=(80, 24)) as pilot:
        await settle(pilot, one)
        (notice,) = [n.message for n in one._notifications]
        assert notice.startswith(f"{ferry}: could not fetch it again (connection refused); kept the copy fetched 20")
