"""An article that is not in English in the app: the text is there and searchable, the status line says why there is no analysis."""

from __future__ import annotations

import pytest
from textual.worker import WorkerFailed

from newsview import engine
from newsview.reader import raw_from_text
from newsview.tui.app import NewsViewApp

from language_samples import LONG, article


def _spanish_document():
    return engine.prepare(raw_from_text(article(LONG["es"]), path="tranvia.txt"))


async def test_the_app_shows_the_text_and_says_the_analysis_is_english_only():
    app = NewsViewApp(_spanish_document(), analyser=engine.Analyzer(None))
    async with app.run_test(size=(120, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = app.reader.status_line.text
        assert "Spanish (es)" in status and "English-only" in status
        assert "analysed ·" not in status  # no counts of actors that were never looked for
        assert "El ayuntamiento aprueba" in app.reader.article.visible_text()
        assert app.reader.sidebar_row_ids == []
        assert "English-only" in str(app.reader.actor_list.options[0].prompt)
        # the text is searchable
        await pilot.press("slash", *"tranvía", "enter")
        await pilot.pause()
        assert app.reader.filter_result.spans
        assert "1/" in app.reader.status_line.text


async def test_an_analysis_that_fails_says_so_in_one_safe_line_and_keeps_the_text():
    def failing_analyser(document, **_kwargs):
        raise RuntimeError("pipeline broke on \x1b[31mred\x1b[0m\nsecond line")

    app = NewsViewApp(_spanish_document(), analyser=failing_analyser)
    async with app.run_test(size=(120, 30)) as pilot:
        with pytest.raises(WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        failed = [m for m in messages if m.startswith("Analysis failed")]
        assert failed, messages
        assert "\x1b" not in failed[0] and "\n" not in failed[0]
        assert "pipeline broke on" in failed[0] and "second line" in failed[0]
        assert "El ayuntamiento aprueba" in app.reader.article.visible_text()
