"""Screenshots of the library's views at 80×24 and 120×40, in a dark and an ANSI theme.

Regenerate after an intended change with ``pytest tests/app/test_library_snapshots.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from library_helpers import FakeAnalyzer, write_article
from library_helpers import ARTICLES

from newsview.cache import ParseCache
from newsview.library import scan
from newsview.tui.library_app import LibraryApp
from newsview.tui.library_screen import LibrarySetup


def library_app(tmp_path: Path, theme: str) -> LibraryApp:
    folder = tmp_path / "day"
    folder.mkdir()
    cache = ParseCache(tmp_path / "cache")
    for name, title, body, actors in ARTICLES:
        write_article(folder, name, title, body, actors, cache=cache)
    write_article(folder, "2024-02-10-broken.txt", "Broken Bob says yes", 'Broken Bob said "yes" once.')
    setup = LibrarySetup(tmp_path / "lib.sqlite", scan.expand_inputs([str(folder)]).files)
    return LibraryApp(setup, analyzer=FakeAnalyzer(cache, fail="Broken Bob"), theme=theme)  # type: ignore[arg-type]


async def settle(pilot) -> None:
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    app.library.refresh_rows()
    await pilot.pause()


@pytest.mark.parametrize("theme", ["newsview-dark", "newsview-ansi"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_articles_view(snap_compare, tmp_path, theme, size):
    assert snap_compare(library_app(tmp_path, theme), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("theme", ["newsview-dark", "newsview-ansi"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_speakers_view(snap_compare, tmp_path, theme, size):
    async def to_speakers(pilot) -> None:
        await settle(pilot)
        await pilot.press("tab")
        await pilot.pause()

    assert snap_compare(library_app(tmp_path, theme), terminal_size=size, run_before=to_speakers)


def test_speaker_quotes(snap_compare, tmp_path):
    async def to_quotes(pilot) -> None:
        await settle(pilot)
        await pilot.press("tab", "enter")
        await pilot.pause()

    assert snap_compare(library_app(tmp_path, "newsview-dark"), terminal_size=(80, 24), run_before=to_quotes)
