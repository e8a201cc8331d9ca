"""The Variants view in the app, driven like a user would: the list, a comparison, an article at its quote, back."""

from __future__ import annotations

from newsview.tui.app import NewsViewApp
from newsview.tui.bindings import help_sections
from newsview.tui.commands import ActorCommands, ReviewCommands
from newsview.tui.reader_screen import ReaderScreen
from newsview.tui.variants_screen import ComparisonScreen, VariantsScreen, VersionReader
from newsview.variants import Change, find_variants, quotes_of_document
from newsview.widgets.variants_list import (
    ADDED_STYLE,
    DROPPED_STYLE,
    REPLACED_STYLE,
    Excerpt,
    VariantsList,
    marked_text,
)

from factories import STATEMENT, analysed_document, quoting_article, variant_articles

HOSTILE = " [bold red]x[/] [@click=app.quit]y[/]"


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def option_texts(option_list) -> list[str]:
    return [str(option.prompt) for option in option_list.options]


def styles_of(content, needle: str) -> list[str]:
    """The styles of the spans that cover ``needle`` in ``content``."""
    at = content.plain.index(needle)
    return [str(s.style) for s in content.spans if s.start <= at < s.end]


async def test_list_then_comparison_then_the_article_at_the_quote_and_back():
    docs = variant_articles()
    app = NewsViewApp(docs[0], library_context=docs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        assert isinstance(app.screen, VariantsScreen)
        rows = option_texts(app.screen.variants_list)
        assert len(rows) == 1
        # the flag is a symbol and a word, then the speakers, the article count and the first words
        assert rows[0].startswith("≠ conflicting") and "3 articles" in rows[0]
        assert "Ana Costa / Tom Reyes" in rows[0] and "We cannot wait" in rows[0]

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        versions = option_texts(app.screen.versions)
        assert [v.splitlines()[0] for v in versions] == [
            "1. Council backs the sea wall", "2. Sea wall row in the harbour", "3. Storm fears on the front"]
        assert "reference (most words)" in versions[0] and "Tom Reyes · ✂ shorter" in versions[1]
        assert "~ altered" in versions[2] and "[-next-] last storm" in versions[2]
        assert "[-wall-]" in versions[1]  # the words the cut version lacks, where they would be

        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, VersionReader) and reader.article_name == "b.txt"
        quote = reader.document.quote("q1")
        assert quote is not None and reader.current == (quote.start, quote.end)
        assert reader.actor_list.highlighted_row().key == "q1"  # the sidebar shows the quote too

        await pilot.press("escape")
        assert isinstance(app.screen, ComparisonScreen)
        assert app.screen.versions.highlighted == 1  # back on the version it opened
        await pilot.press("escape")
        assert isinstance(app.screen, VariantsScreen)
        await pilot.press("escape")
        assert app.screen is app.reader


async def test_speakers_read_without_confidence_are_shown_but_not_flagged_conflicting():
    """The engine was unsure who said the cut version: the list and the comparison say the speakers
    differ and the attribution is unsure, show the confidence, and raise no 'conflicting' flag."""
    docs = variant_articles(reyes_confidence=0.6)
    app = NewsViewApp(docs[0], library_context=docs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        (row,) = option_texts(app.screen.variants_list)
        assert row.startswith("~ altered") and "conflicting" not in row
        assert "speakers differ (attribution unsure)" in row and "Ana Costa / Tom Reyes" in row
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        title = str(app.screen.query_one("#comparison-title").render())
        assert "speakers differ (attribution unsure)" in title and "conflicting" not in title
        versions = option_texts(app.screen.versions)
        assert "Tom Reyes (attribution 0.60) · ✂ shorter" in versions[1]
        assert "attribution" not in versions[0].splitlines()[1]  # a sure speaker shows no number


async def test_the_sidebar_marks_quotes_found_elsewhere_and_v_compares_them():
    docs = variant_articles()
    app = NewsViewApp(docs[2], library_context=docs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter", "down")
        await pilot.pause()
        row = app.reader.actor_list.highlighted_option
        assert row is not None and row.id == "quote:q1"
        text = str(row.prompt)
        # a symbol before the quote and the flag in words: never colour alone
        assert text.lstrip().startswith("≠ “We cannot") and "≠ conflicting" in text
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        assert app.screen.versions.highlighted == 2  # on this article's own version
        await pilot.press("escape")
        assert app.screen is app.reader


async def test_a_single_article_without_context_is_unchanged():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.variants is None and not [w for w in app.workers if w.group == "variants"]
        await pilot.press("tab", "enter", "down")
        await pilot.press("v", "V")
        await pilot.pause()
        assert app.screen is app.reader  # the keys are not there
        titles = [title for title, _ in help_sections(app, {})]
        assert not any("several articles" in t or "Variants" in t for t in titles)
        provider = ReviewCommands(app.screen)
        assert not [label for label, _, _ in provider._entries() if label.startswith("Variants")]
        assert "≠" not in "".join(option_texts(app.reader.actor_list))


async def test_with_context_the_palette_and_help_offer_the_variants():
    docs = variant_articles()
    app = NewsViewApp(docs[0], library_context=docs)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        labels = [label for label, _, _ in ReviewCommands(app.screen)._entries()]
        assert "Variants: quotes found in several articles" in labels
        sections = dict(help_sections(app, {}))
        assert ("V", "Every statement quoted in several articles, most suspicious first") in sections[
            "Quotes in several articles"]
        assert ("⏎", "Open the article at the quote") in sections["Versions of a quote"]
        await pilot.press("V")
        await settle(pilot)
        # on the Variants view the reader's commands are not offered: they would act on a hidden article
        assert not list(ReviewCommands(app.screen)._entries()) and not list(ActorCommands(app.screen)._entries())


async def test_hostile_text_in_a_quote_is_shown_literally():
    docs = variant_articles(HOSTILE)
    app = NewsViewApp(docs[1], library_context=docs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        shown = "".join(option_texts(app.screen.versions))
        assert "[bold red]x[/] [@click=app.quit]y[/]" in shown
        await pilot.click("#versions")  # a click on the text is no link
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ComparisonScreen)


def test_changed_words_are_marked_by_style_not_colour_alone():
    text = "We cannot wait for the last big storm to reach the harbour"
    changes = (
        Change("replace", "next", "last big", (0, 0), (22, 30), 22),
        Change("cut-end", "wall", "", (0, 0), None, 58),
    )
    content = marked_text(Excerpt(text, 0), changes)
    assert content.plain == "We cannot wait for the [-next-] last big storm to reach the harbour [-wall-]"
    assert any("bold" in s and "underline" in s for s in styles_of(content, "last big"))
    assert any("strike" in s for s in styles_of(content, "[-next-]"))
    assert styles_of(content, "[-wall-]") == [DROPPED_STYLE]
    added = marked_text(Excerpt("so we cannot wait", 100), (Change("insert", "", "so", None, (100, 102), 100),))
    assert styles_of(added, "so") == [ADDED_STYLE] and REPLACED_STYLE != ADDED_STYLE


async def test_the_cursor_stays_on_its_cluster_when_the_clusters_are_found_again():
    said = "Nobody asked the fishermen what the harbour wall would do to the boats"
    docs = [*variant_articles(),
            quoting_article("d.txt", "Fishermen", f"A skipper, Rui Alves, said: \u201c{said}.\u201d", said, "Rui Alves"),
            quoting_article("e.txt", "Boats", f"\u201c{said},\u201d Rui Alves said.", said, "Rui Alves")]

    def run():
        return find_variants([q for d in docs for q in quotes_of_document(d)])

    from textual.app import App

    class Host(App[None]):
        def compose(self):
            yield VariantsList(id="variants")

    async with Host().run_test(size=(80, 24)) as pilot:
        lst = pilot.app.query_one(VariantsList)
        first = run()
        assert len(first) == 2
        lst.show(first)
        lst.highlighted = 1
        chosen = lst.current_cluster
        assert chosen is not None
        lst.show(list(reversed(run())))  # a new run, listed in another order
        assert lst.current_cluster is not None and lst.current_cluster.id == chosen.id
        assert lst.highlighted == 0


def test_snapshot_of_a_comparison_at_80x24(snap_compare):
    docs = variant_articles()

    async def open_comparison(pilot) -> None:
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(NewsViewApp(docs[0], library_context=docs), terminal_size=(80, 24),
                        run_before=open_comparison)


async def test_a_reader_without_the_other_articles_documents_still_marks_from_a_provider():
    docs = variant_articles()
    clusters = find_variants([q for d in docs for q in quotes_of_document(d)])
    app = NewsViewApp(docs[0], library_context=lambda: clusters)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        assert app.reader.variant_marks() == {"q1": ("≠", "conflicting", "bold $text-error")}
        await pilot.press("V")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        # a provider gives no article texts: the versions are still shown, the changes listed in words
        assert STATEMENT in "".join(option_texts(app.screen.versions))


async def test_a_reassigned_speaker_is_compared_again(tmp_path):
    docs = variant_articles()
    app = NewsViewApp(docs[1], library_context=docs, review_file=str(tmp_path / "b.review.json"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.reader.variant_marks()["q1"][1] == "conflicting"
        await pilot.press("right_square_bracket", "r", *"Ana Costa", "enter")  # Tom Reyes's words are hers
        await settle(pilot)
        assert app.reader.document.quote("q1") is not None
        # no two speakers any more: the mark now says how the words differ
        assert app.reader.variant_marks()["q1"][1] == "altered"
        assert "~ altered" in str(app.reader.actor_list.get_option("quote:q1").prompt)
