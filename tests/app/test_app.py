"""The app driven like a user would: keys in, screen and state out (Pilot, headless)."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from textual.color import Color
from textual.worker import WorkerFailed

from newsview.themes import builtin_themes
from newsview.tui.app import NewsViewApp
from newsview.tui.bindings import KEYS, VARIANTS
from newsview.tui.help import HelpScreen
from newsview.widgets.actor_sidebar import ActorList
from newsview.widgets.article_view import ArticleView
from newsview.widgets.filter_bar import FilterBar

from factories import TITLE, analysed_document, analyser_of, document_from_file, long_document, plain_document

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def analyse_with(fixture_doc):
    """An analyser that returns the hand-built analysis of whatever it is given."""
    return analyser_of(lambda doc: fixture_doc)


async def settle(app, pilot):
    try:
        await app.workers.wait_for_complete()
    except WorkerFailed:
        pass  # the app reports the failure itself; tests look at what it shows
    await pilot.pause()


def segment_style(view: ArticleView, needle: str):
    """The Rich style the pane drew the first visible ``needle`` with."""
    for y in range(view.scrollable_content_region.height):
        strip = view.render_line(y)
        for seg in strip:
            if needle in seg.text:
                return seg.style
    raise AssertionError(f"{needle!r} is not on screen")


async def test_text_shows_before_analysis_finishes():
    gate = threading.Event()
    analysed = analysed_document()

    def slow(doc):
        gate.wait(10)
        return analysed

    app = NewsViewApp(plain_document(), analyser=analyser_of(slow))
    async with app.run_test(size=(100, 12)) as pilot:
        try:
            await pilot.pause()
            assert TITLE in app.reader.article.visible_text()
            assert "Mayor Ana Costa said" in app.reader.article.visible_text()
            assert "analysing" in app.reader.status_line.text
            assert app.reader.sidebar_row_ids == []
            await pilot.press("j")  # keys work while the analyser runs
            assert app.reader.article.scroll_offset.y == 1
            assert TITLE not in app.reader.article.visible_text()
        finally:
            gate.set()
        await settle(app, pilot)
        assert app.reader.document is analysed
        assert "analysed · 4 actors · 6 quotes · 8 entities" in app.reader.status_line.text
        assert app.reader.sidebar_row_ids == ["actor:a1", "actor:a3", "actor:a2", "actor:a4", "actor:__unattributed__"]


async def test_analyser_failure_keeps_the_reader():
    def broken(doc):
        raise RuntimeError("model [missing] on disk")

    app = NewsViewApp(long_document(analysed=False), analyser=analyser_of(broken))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.reader.engine_state == "failed"
        assert "analysis failed" in app.reader.status_line.text
        assert any("model [missing] on disk" in n.message for n in app._notifications)
        assert "analysis failed" in str(app.reader.actor_list.options[0].prompt)
        await pilot.press("G")
        assert app.reader.article.scroll_offset.y == app.reader.article.max_scroll_y > 0
        await pilot.press("slash", *"paragraph 7", "enter")
        assert app.reader.filter_result.spans


async def test_filter_by_actor_name_narrows_sidebar_and_enter_jumps():
    app = NewsViewApp(plain_document(), analyser=analyse_with(analysed_document()))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, FilterBar)
        await pilot.press(*"reyes")
        assert app.reader.sidebar_row_ids == ["actor:a3", "quote:q4", "quote:q5"]
        assert "filter: reyes" in app.reader.status_line.text
        await pilot.press("enter")
        assert isinstance(app.focused, ArticleView)
        assert app.reader.current == app.reader.filter_result.spans[0]
        assert app.reader.document.text[slice(*app.reader.current)] == "Reyes"
        assert "1/1" in app.reader.status_line.text


async def test_filter_by_type_and_escape_clears():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"type:place")
        assert app.reader.sidebar_row_ids == ["actor:a4"]
        # the match is drawn differently from an unmatched place name would be
        assert segment_style(app.reader.article, "Lisbon").bgcolor is not None
        await pilot.press("escape")
        assert app.reader.filter_bar.value == ""
        assert isinstance(app.focused, ArticleView)
        assert len(app.reader.sidebar_row_ids) == 5


async def test_n_and_N_step_through_matches():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"type:date", "enter")
        text = app.reader.document.text
        assert text[slice(*app.reader.current)] == "Tuesday"
        await pilot.press("n")
        assert text[slice(*app.reader.current)] == "May"
        await pilot.press("n")  # wraps
        assert text[slice(*app.reader.current)] == "Tuesday"
        await pilot.press("N")
        assert text[slice(*app.reader.current)] == "May"
        assert "2/2" in app.reader.status_line.text


async def test_selecting_an_actor_highlights_mentions_and_n_walks_them():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        before = segment_style(app.reader.article, "she")
        await pilot.press("tab")
        assert isinstance(app.focused, ActorList)
        await pilot.press("enter")  # first row: Ana Costa
        assert app.reader.selected_actor == "a1"
        assert segment_style(app.reader.article, "she") != before
        assert app.reader.sidebar_row_ids[:4] == ["actor:a1", "quote:q1", "quote:q2", "quote:q3"]
        await pilot.press("escape")  # back to the text
        assert isinstance(app.focused, ArticleView)
        await pilot.press("n")
        assert app.reader.current is not None
        await pilot.press("escape", "escape")  # clear the match, then the selection
        assert app.reader.current is None and app.reader.selected_actor is None


async def test_choosing_a_quote_in_the_sidebar_scrolls_the_text_to_it():
    doc = long_document(300)
    app = NewsViewApp(doc)
    async with app.run_test(size=(100, 24)) as pilot:
        assert "the last word is mine" not in app.reader.article.visible_text()
        await pilot.press("tab", "l")  # focus the sidebar, open Ana Costa's quotes
        assert app.reader.sidebar_row_ids == ["actor:a1", "quote:q1"]
        await pilot.press("j", "enter")
        assert "the last word is mine" in app.reader.article.visible_text()
        assert isinstance(app.focused, ActorList)


async def test_bracket_keys_step_through_quotes():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        ids = []
        for _ in range(7):
            await pilot.press("right_square_bracket")
            ids.append(app.reader.actor_list.highlighted_option.id)
        assert ids == ["quote:q1", "quote:q2", "quote:q3", "quote:q4", "quote:q5", "quote:q6", "quote:q1"]
        await pilot.press("left_square_bracket")
        assert app.reader.document.text[slice(*app.reader.current)].startswith("Nobody asked")


async def test_reader_keys_scroll_like_less():
    app = NewsViewApp(long_document(300))
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.reader.article
        await pilot.press("G")
        assert view.scroll_offset.y == view.max_scroll_y
        await pilot.press("g")
        assert view.scroll_offset.y == 0
        await pilot.press("space")
        page = view.scroll_offset.y
        assert page >= 15
        await pilot.press("b")
        assert view.scroll_offset.y == 0
        await pilot.press("j", "j", "k")
        assert view.scroll_offset.y == 1


async def test_keymap_rebinds_by_id_and_help_follows():
    app = NewsViewApp(long_document(100))
    async with app.run_test(size=(100, 30)) as pilot:
        app.set_keymap({"reader.down": "e", "newsview.sidebar": "ctrl+b"})
        await pilot.press("e")
        assert app.reader.article.scroll_offset.y == 1
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        assert "Line down" in text and "Toggle" not in text
        down_row = next(line for line in text.splitlines() if "Line down" in line)
        assert "e" in down_row.split("Line down")[0] and "j" not in down_row
        sidebar_row = next(line for line in text.splitlines() if line.strip().endswith("Sidebar"))
        assert "^b" in sidebar_row or "ctrl+b" in sidebar_row
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_lists_every_described_binding():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        text = app.screen.text
        # the variants' keys need other articles: without them help leaves them out (tests/app/test_variants_app.py)
        variant_keys = {k.id for k in KEYS if k.group == VARIANTS}
        for cls in (NewsViewApp, ArticleView, ActorList, FilterBar):
            for binding in cls.BINDINGS:
                if binding.id in variant_keys:
                    assert (binding.tooltip or binding.description) not in text
                    continue
                assert (binding.tooltip or binding.description) in text, binding.description
        assert "speaker:NAME" in text
        await pilot.press("question_mark")
        assert not isinstance(app.screen, HelpScreen)


async def test_sidebar_toggle_and_narrow_terminal():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.reader.sidebar.display
        await pilot.press("tab")
        assert isinstance(app.focused, ActorList)
        await pilot.press("s")
        assert not app.reader.sidebar.display
        assert isinstance(app.focused, ArticleView)  # focus left the hidden pane
        await pilot.press("s")
        assert app.reader.sidebar.display
        await pilot.resize_terminal(60, 20)
        await pilot.press("s")  # hide again
        await pilot.press("s")  # and show: at 60 columns it shares the width
        assert app.reader.sidebar.display and app.reader.sidebar.outer_size.width == 30


async def test_sidebar_hides_itself_when_narrow():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert not app.reader.sidebar.display
        await pilot.press("s")
        assert app.reader.sidebar.display


async def test_a_narrow_terminal_has_no_sidebar_from_the_first_frame(monkeypatch):
    """The sidebar does not show for a moment before the terminal's width hides it."""
    from newsview.tui.reader_screen import ReaderScreen

    shown_at_mount: list[bool] = []
    mount = ReaderScreen.on_mount

    def spy(reader: ReaderScreen) -> None:
        shown_at_mount.append(reader.sidebar.display)
        mount(reader)

    monkeypatch.setattr(ReaderScreen, "on_mount", spy)
    for width, shown in ((60, False), (100, True)):
        app = NewsViewApp(analysed_document())
        async with app.run_test(size=(width, 20)) as pilot:
            await pilot.pause()
            assert shown_at_mount[-1] is shown and app.reader.sidebar.display is shown


async def test_the_sidebar_rows_fit_it_from_the_first_frame(monkeypatch):
    """The first frame draws the rows the sidebar keeps (cut to its width), not rows for another
    width that wrap and are redrawn a moment later."""
    first: list[list[tuple[str | None, str]]] = []
    draw = ActorList.render_lines

    def spy(actor_list: ActorList, crop):
        lines = draw(actor_list, crop)
        if not first:
            first.append([(o.id, str(o.prompt)) for o in actor_list.options])
        return lines

    monkeypatch.setattr(ActorList, "render_lines", spy)
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        settled = [(o.id, str(o.prompt)) for o in app.reader.actor_list.options]
        assert first and first[0] == settled
        assert any(option_id.startswith("actor:") for option_id, _ in settled)


async def test_theme_switch_recolours_entities_at_once():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "newsview-dark"
        dark = segment_style(app.reader.article, "Tom Reyes").color
        assert dark.triplet.hex.lower() == builtin_themes()["newsview-dark"].variables["nv-person"]
        await pilot.press("t")
        assert app.theme == "newsview-light"
        light = segment_style(app.reader.article, "Tom Reyes").color
        assert light.triplet.hex.lower() == builtin_themes()["newsview-light"].variables["nv-person"]
        app.theme = "newsview-ansi"
        await pilot.pause()
        ansi = segment_style(app.reader.article, "Tom Reyes").color
        assert ansi.number == Color.parse(builtin_themes()["newsview-ansi"].variables["nv-person"]).ansi
        app.theme = "dracula"  # a Textual theme still shows entity colours
        await pilot.pause()
        assert segment_style(app.reader.article, "Tom Reyes").color is not None


async def test_theme_argument_and_unknown_theme():
    app = NewsViewApp(analysed_document(), theme="newsview-contrast")
    async with app.run_test(size=(80, 24)):
        assert app.theme == "newsview-contrast"
    app = NewsViewApp(analysed_document(), theme="no-such-theme")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "newsview-dark"
        assert any("no-such-theme" in n.message for n in app._notifications)


async def test_quit_with_q_but_not_while_typing():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "q")
        assert app.reader.filter_bar.value == "q" and app.is_running
        await pilot.press("escape", "q")
        await pilot.pause()
        assert not app.is_running


async def test_tiny_sizes_and_resizes_do_not_crash():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(120, 40)) as pilot:
        for size in [(80, 24), (40, 10), (20, 6), (5, 3), (1, 1), (100, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("s", "G", "right_square_bracket", "tab", "j", "enter", "s")
        await pilot.resize_terminal(20, 6)
        await pilot.press("s")
        await pilot.pause()
        assert app.is_running


async def test_hostile_text_is_shown_literally_and_clicking_does_nothing():
    app = NewsViewApp(document_from_file(SAMPLES / "hostile.txt"))
    async with app.run_test(size=(120, 40)) as pilot:
        shown = app.reader.article.visible_text()
        assert "[bold]should not be bold[/bold]" in shown
        assert "[@click=app.quit]this link[/]" in shown
        assert "[$accent]accent?[/]" in shown
        line = next(y for y, t in enumerate(shown.splitlines()) if "[@click=app.quit]" in t)
        col = shown.splitlines()[line].index("[@click=app.quit]")
        region = app.reader.article.content_region
        await pilot.click(offset=(region.x + col + 5, region.y + line))
        await pilot.pause()
        assert app.is_running
        await pilot.press("slash", *"[/foo]", "enter")  # a hostile query is just text
        assert app.is_running


async def test_hostile_names_in_sidebar_and_palette_stay_literal():
    from newsview.model import Actor, Mention, Quote

    base = plain_document()
    text = base.text
    doc = base.with_analysis(
        actors=(Actor("a1", "[@click=app.quit]Mallory[/]", "PERSON", (), ((0, 7),), ("q1",)),),
        quotes=(Quote("q1", 0, 20, "[bold]x[/bold] [/foo]", "direct", "a1", confidence=0.5),),
        mentions=(Mention(0, 7, "a1"),),
    )
    app = NewsViewApp(doc)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", "l")
        rows = [str(o.prompt) for o in app.reader.actor_list.options]
        assert "[@click=app.quit]Mallory[/]" in rows[0]
        assert "[bold]x[/bold] [/foo]" in rows[1]
        await pilot.click("#actors", offset=(8, 0))
        await pilot.pause()
        assert app.is_running and app.reader.selected_actor == "a1"
        await pilot.press("ctrl+p", *"mallory")
        await pilot.pause()
        await pilot.press("escape")
        assert app.is_running
    assert text  # the document itself was not touched


async def test_mouse_flag_reaches_run(monkeypatch):
    seen = {}

    def fake_run(self, *args, **kwargs):
        seen.update(kwargs)

    monkeypatch.setattr("textual.app.App.run", fake_run)
    NewsViewApp(analysed_document(), mouse=False).run()
    assert seen["mouse"] is False


@pytest.mark.skipif(not (SAMPLES / "wikinews-2019-01-14-gdansk-mayor-stabbed.txt").exists(), reason="sample missing")
async def test_real_engine_on_a_sample(nlp):
    from newsview import engine
    from newsview.reader import read_article

    doc = engine.prepare(read_article(SAMPLES / "wikinews-2019-01-14-gdansk-mayor-stabbed.txt"))
    app = NewsViewApp(doc, analyser=analyser_of(lambda d: engine.analyze(d, nlp)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.reader.engine_state == "done"
        assert app.reader.document.actors and app.reader.document.quotes
        assert "Gdańsk" in app.reader.article.visible_text()
        await pilot.press("slash", *"speaker:tusk", "enter")
        tusk_quotes = [app.reader.document.quote(q) for q in app.reader.filter_result.quote_ids]
        assert tusk_quotes and all(app.reader.document.actor(q.speaker).name.endswith("Tusk") for q in tusk_quotes)
        first = min(tusk_quotes, key=lambda q: q.start)
        assert app.reader.current == (first.start, first.end)
        assert app.reader.document.text[slice(*app.reader.current)] in app.reader.article.visible_text().replace("\n", " ") or \
            app.reader.document.text[first.start:first.start + 20] in app.reader.article.visible_text().replace("\n", " ")


async def test_entity_types_differ_without_colour():
    """Under NO_COLOR (or colour blindness) the text style alone tells the types apart."""
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)):
        looks = {}
        for needle, family in [("Tom Reyes", "person"), ("Harbour Council", "org"),
                               ("Lisbon", "place"), ("Tuesday", "date"), ("7", "other")]:
            style = segment_style(app.reader.article, needle)
            looks[family] = (bool(style.bold), bool(style.underline), bool(style.italic))
        assert len(set(looks.values())) == 5
        assert (False, False, False) not in looks.values()


async def test_no_color_is_respected(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        style = segment_style(app.reader.article, "Tom Reyes")
        assert style.bold  # the type still shows


async def test_filter_with_no_actor_says_so():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"type:date")
        assert app.reader.sidebar_row_ids == []
        assert "No actor matches" in str(app.reader.actor_list.options[0].prompt)
        assert "2 matches" in app.reader.status_line.text


def test_every_binding_has_an_id():
    from newsview.tui.help import HelpScreen as Help

    for cls in (NewsViewApp, ArticleView, ActorList, FilterBar, Help):
        for binding in cls.BINDINGS:
            assert binding.id, f"{cls.__name__}: {binding.key}"


async def test_command_palette_selects_an_actor():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p", *"actor: reyes")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.selected_actor == "a3"


async def test_title_outside_the_text_still_heads_the_page():
    from dataclasses import replace

    doc = plain_document()
    doc = replace(doc, meta=replace(doc.meta, title="A headline kept apart", title_span=None))
    app = NewsViewApp(doc)
    async with app.run_test(size=(100, 30)):
        lines = app.reader.article.visible_text().splitlines()
        assert lines[0] == "A headline kept apart"
        assert lines[1].startswith("By Jane Doe")


async def test_resize_keeps_the_reading_position():
    app = NewsViewApp(long_document(300))
    async with app.run_test(size=(120, 30)) as pilot:
        for _ in range(5):
            await pilot.press("space")
        anchor = app.reader.article.top_offset
        assert anchor > 0
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        view = app.reader.article
        # lines wrap differently now, but the text that was at the top still is
        assert view.scroll_offset.y > 0
        assert view.line_of_offset(anchor) == view.scroll_offset.y


async def test_copy_the_current_quote():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("y")
        assert app.clipboard == ""  # nothing chosen yet: nothing copied
        await pilot.press("right_square_bracket", "y")
        assert app.clipboard == "will protect every home on the front."
        assert app.reader.actor_list.highlighted_option.id == "quote:q1"  # ] put the sidebar cursor there
        await pilot.press("tab", "j", "y")  # the sidebar cursor on Ana Costa's second quote
        assert app.clipboard == "the work would start in May"


async def test_long_articles_filter_after_a_pause_in_typing():
    app = NewsViewApp(long_document(100))
    app.LIVE_FILTER_CHARS = 100  # treat this one as long
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"costa")
        assert not app.reader.filter_state.active  # not yet
        for _ in range(100):  # then once typing pauses (however busy the machine is)
            if app.reader.filter_state.active:
                break
            await pilot.pause(0.05)
        assert app.reader.filter_state.words == ("costa",)
        await pilot.press("backspace", "enter")  # Enter filters at once
        assert app.reader.filter_state.words == ("cost",) and app.reader.current is not None


async def test_quitting_during_a_long_analysis_stops_it():
    started, stopped = threading.Event(), threading.Event()

    def endless(doc, *, progress=None, cancelled=None):
        started.set()
        while not cancelled():  # like the engine: checked between pieces of text
            started.wait(0.01)
        stopped.set()
        raise RuntimeError("cancelled")

    app = NewsViewApp(plain_document(), analyser=endless)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await asyncio.to_thread(started.wait, 5)
        assert "analysing" in app.reader.status_line.text
        await pilot.press("q")
    assert not app.is_running
    assert await asyncio.to_thread(stopped.wait, 5)  # the analyser was told to stop
    app.reader.analysis_run.thread.join(5)
    assert not app.reader.analysis_running


async def test_highlights_fill_in_while_a_long_analysis_runs():
    gate = threading.Event()
    analysed = analysed_document()
    costa = next(e for e in analysed.entities if e.text == "Ana Costa")

    def progressive(doc, *, progress=None, cancelled=None):
        progress(replace(doc, entities=(costa,)), 0.37)
        gate.wait(10)
        return analysed

    app = NewsViewApp(plain_document(), analyser=progressive)
    async with app.run_test(size=(100, 12)) as pilot:
        try:
            for _ in range(100):
                if "37%" in app.reader.status_line.text:
                    break
                await pilot.pause(0.02)
            assert "analysing… 37%" in app.reader.status_line.text
            await pilot.pause()
            # the entities found so far are drawn; actors and quotes wait for the whole analysis
            assert segment_style(app.reader.article, "Ana Costa").bold
            assert not segment_style(app.reader.article, "Harbour Council").bold
            assert app.reader.sidebar_row_ids == []
        finally:
            gate.set()
        await settle(app, pilot)
        assert "analysed · 4 actors" in app.reader.status_line.text
        assert "%" not in app.reader.status_line.text
        assert segment_style(app.reader.article, "Harbour Council").bold
        assert app.reader.sidebar_row_ids[0] == "actor:a1"


def styles_of(view: ArticleView, needle: str) -> list:
    """The Rich style of each visible segment holding ``needle``, top to bottom."""
    found = []
    for y in range(view.scrollable_content_region.height):
        found += [seg.style for seg in view.render_line(y) if needle in seg.text]
    return found


async def test_the_current_match_moves_and_leaves_no_mark_behind():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"wall", "enter")
        await pilot.pause()
        first, second = styles_of(app.reader.article, "wall")
        assert first.underline and not second.underline  # Enter went to the first match
        await pilot.press("n")
        await pilot.pause()
        first, second = styles_of(app.reader.article, "wall")
        assert second.underline and not first.underline
        await pilot.press("N")
        await pilot.pause()
        first, second = styles_of(app.reader.article, "wall")
        assert first.underline and not second.underline


async def test_the_app_keeps_its_long_lived_objects_out_of_garbage_collection(samples_dir):
    """Once the article is on screen, full collections (tens of ms with spaCy loaded) skip the app and its document."""
    import gc

    from newsview import engine
    from newsview.reader import read_article

    doc = engine.prepare(read_article(str(samples_dir / "wikinews-2019-01-14-gdansk-mayor-stabbed.txt")))
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    app = NewsViewApp(doc)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() > 10_000


async def test_a_document_without_paragraph_offsets_is_split_at_its_blank_lines():
    doc = replace(plain_document(), paragraphs=())
    app = NewsViewApp(doc)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = app.reader.article.visible_text()
        assert "Mayor Ana Costa said" in shown and "Opposition leader Tom Reyes" in shown


async def test_keys_typed_straight_after_slash_go_to_the_filter():
    """A fast typist, or a terminal over SSH, sends keys in bursts: the letters after / are the filter's."""
    from textual import events

    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        theme = app.theme
        # all queued before the first is handled; "t" (next theme), "y" (copy) and "r" (reassign) are also keys
        for key, char in [("slash", "/"), *((c, c) for c in "type:person")]:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        await pilot.pause()
        assert app.reader.filter_bar.value == "type:person"
        assert app.theme == theme
        await pilot.press("enter", "j")
        assert isinstance(app.focused, ArticleView)
        assert app.reader.filter_bar.value == "type:person"


async def test_escape_in_the_text_clears_an_applied_filter():
    """Enter applies the filter and moves to the text; Esc there clears it, as the README says."""
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        reader = app.screen
        unfiltered = segment_style(reader.article, "Reyes")
        await pilot.press("slash", *"Reyes", "enter")
        assert segment_style(reader.article, "Reyes") != unfiltered  # the match is drawn as one
        assert reader.focused is reader.article
        assert reader.filter_state.active and len(reader.sidebar_row_ids) < 5
        await pilot.press("escape")
        assert reader.filter_bar.value == ""
        assert not reader.filter_state.active
        assert len(reader.sidebar_row_ids) == 5
        assert reader.current is None
        assert segment_style(reader.article, "Reyes") == unfiltered  # no match drawn any more
        assert reader.focused is reader.article
