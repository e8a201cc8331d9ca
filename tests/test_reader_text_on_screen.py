"""Every word of the article is on screen: nothing is cut off the end of a wrapped line."""

from __future__ import annotations

import pytest
from newsview.tui.app import NewsViewApp
from newsview.widgets.article_view import ArticleView
from reader_screen_text import bare_document, every_pane_line, shown_characters

from newsview.safe_text import display_safe

#: bidi isolates that Rich measures as zero cells but the pane draws as one U+FFFD each
BIDI_LINE = ("The minister told reporters that he would " + "\u2066\u2069" * 10
             + " NOT resign from the cabinet this week, aides said.")


@pytest.mark.parametrize("columns", [40, 80, 160])
async def test_words_next_to_bidi_controls_stay_on_screen(columns):
    text = f"{BIDI_LINE}\n\nA second paragraph.\n"
    app = NewsViewApp(bare_document(text))
    async with app.run_test(size=(columns, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        lines = every_pane_line(view)
        words = " ".join(lines).split()
        for word in display_safe(BIDI_LINE).split():
            assert word in words, f"{word!r} is missing at {columns} columns: {lines}"
        assert shown_characters(view) == "".join(display_safe(text).split())
        assert "\ufffd" * 20 in "".join(lines)  # the controls are shown, as the README says
