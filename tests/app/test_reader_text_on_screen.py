"""Every word of the article is on screen: nothing is cut off the end of a wrapped line."""

from __future__ import annotations

import pytest
from newsview.tui.app import NewsViewApp
from newsview.widgets.article_view import ArticleView
from reader_screen_text import bare_document, every_pane_line, shown_characters
from rich.cells import get_character_cell_size

from newsview.model import Actor, Mention, Quote
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


FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"  # 👨‍👩‍👧‍👦, one emoji for Rich


def drawn_as_measured(strip) -> bool:
    """The strip is as wide as a terminal drawing it code point by code point would make it.

    Rich measures an emoji joined by zero-width joiners as one two-column emoji;
    tmux, xterm and VTE draw every emoji of it, so the rest of such a line (and
    the separator beside the pane) moves right."""
    return strip.cell_length == sum(get_character_cell_size(c) for c in strip.text)


async def test_a_family_emoji_does_not_shift_the_columns():
    text = (f"Family day\n\nThe {FAMILY} of Anna Berg said \u201cwe are proud\u201d.\n\n"
            f"\u201cOur {FAMILY} is proud,\u201d said Anna Berg.\n")
    doc = bare_document(text)
    who = (text.index("Anna Berg"), text.index("Anna Berg") + len("Anna Berg"))
    quote_at = text.index("\u201cOur") + 1
    quote_text = text[quote_at:text.index(",\u201d")]
    quote = Quote(id="q1", start=quote_at, end=quote_at + len(quote_text), text=quote_text, kind="direct",
                  speaker="a1", cue="said", confidence=0.9, spans=((quote_at, quote_at + len(quote_text)),))
    doc = doc.with_analysis(entities=(), actors=(Actor("a1", f"Anna {FAMILY} Berg", "PERSON", (), (who,), ("q1",)),),
                            quotes=(quote,), mentions=(Mention(*who, "a1"),))
    app = NewsViewApp(doc)
    async with app.run_test(size=(100, 24)) as pilot:
        reader = app.screen
        await pilot.press("tab", "l")  # the sidebar, the actor opened to its quote
        await pilot.pause()
        article_lines = [reader.article.render_line(y) for y in range(10)]
        sidebar_lines = [reader.actor_list.render_line(y) for y in range(4)]
        drawn = "".join(s.text for s in article_lines + sidebar_lines)
        assert drawn.count("\U0001f466") == 4  # the family in the text twice, the name, the quote
        assert all(drawn_as_measured(s) for s in article_lines + sidebar_lines)


def test_only_the_joiners_of_emoji_sequences_are_undone():
    hindi = "\u0915\u094d\u200d\u0937"  # a half form that needs its joiner
    shown = display_safe(f"{FAMILY} {hindi}")
    assert len(shown) == len(f"{FAMILY} {hindi}")  # offsets into the article still line up
    assert "\u200d" not in shown[:len(FAMILY)] and shown.endswith(hindi)


@pytest.mark.parametrize("columns", [20, 41])
async def test_a_long_run_of_emoji_with_variation_selectors_folds_without_losing_any(columns):
    """❤️ is two cells to Rich but ❤ alone is one: a word too long for the line is folded by
    what each piece measures, so no piece is wider than the pane and cut."""
    hearts = "\u2764\ufe0f" * 60
    text = f"Readers replied {hearts} within the hour.\n"
    app = NewsViewApp(bare_document(text))
    async with app.run_test(size=(columns, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert shown_characters(view) == "".join(text.split())
