"""Reviewing quotes from the keyboard: verdicts, speakers, notes, actor fixes, triage, saving."""

from __future__ import annotations

import json
import os

import pytest

from newsview.review.actions import Accept
from newsview.review.errors import ReviewError
from newsview.review.store import ReviewStore
from newsview.tui.app import NewsViewApp
from newsview.tui.dialogs import ActorPicker, RejectReason, TextPrompt
from newsview.widgets.actor_sidebar import ActorList

from factories import TEXT, analysed_document


@pytest.fixture
def review_file(tmp_path):
    return str(tmp_path / "story.review.json")


def review_app(review_file: str, **kwargs) -> NewsViewApp:
    return NewsViewApp(analysed_document(), review_file=review_file, **kwargs)


def row_text(app: NewsViewApp, row_id: str) -> str:
    return str(app.reader.actor_list.get_option(row_id).prompt)


def last_notification(app: NewsViewApp):
    return list(app._notifications)[-1]


def panel(app: NewsViewApp) -> str:
    """The evidence panel's text with its wrapping and column padding undone."""
    return " ".join(app.reader.review_panel.text.split())


def verdict(app: NewsViewApp, quote_id: str):
    rq = app.reader.review_view.quote(quote_id)
    return rq.verdict, rq.reason


async def test_accept_reject_reassign_and_note_are_saved_and_come_back(review_file):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "0/6 reviewed" in app.reader.status_line.text
        await pilot.press("right_square_bracket", "a")  # q1, Ana Costa
        assert verdict(app, "q1") == ("accepted", None)
        assert "1/6 reviewed" in app.reader.status_line.text
        assert "accepted “will protect" in app.reader.status_line.text
        assert row_text(app, "quote:q1").lstrip().startswith("✓") and "accepted" in row_text(app, "quote:q1")

        await pilot.press("right_square_bracket", "x")  # q2: asks why
        assert isinstance(app.screen, RejectReason)
        await pilot.press("s")
        assert verdict(app, "q2") == ("rejected", "wrong_speaker")
        assert row_text(app, "quote:q2").lstrip().startswith("✗")
        assert "rejected: wrong speaker" in panel(app)

        await pilot.press("right_square_bracket", "r")  # q3 to an existing actor, found fuzzily
        assert isinstance(app.screen, ActorPicker)
        await pilot.press(*"reyes", "enter")
        assert app.reader.document.quote("q3").speaker == "a3"
        assert app.reader.actor_list.reveal_quote("q3")
        ids = app.reader.sidebar_row_ids
        assert ids.index("quote:q3") > ids.index("actor:a3")  # under its new speaker
        assert row_text(app, "quote:q3").lstrip().startswith("→")
        assert "Speaker → Tom Reyes Engine Ana Costa" in panel(app)

        await pilot.press("right_square_bracket", "r", *"Maria Silva", "enter")  # q4 to a new actor
        assert app.reader.document.quote("q4").speaker == "new:maria silva"
        assert app.reader.document.actor("new:maria silva").name == "Maria Silva"

        await pilot.press("right_square_bracket", "c")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Per the minutes", "enter")
        assert app.reader.review_view.quote("q5").note == "Per the minutes"
        assert "Note Per the minutes" in panel(app)
        assert "4/6 reviewed" in app.reader.status_line.text  # a note alone is not a verdict

    again = review_app(review_file)  # a new instance on the same article and file
    async with again.run_test(size=(100, 30)) as pilot:
        assert "4/6 reviewed" in again.reader.status_line.text
        assert verdict(again, "q1") == ("accepted", None)
        assert verdict(again, "q2") == ("rejected", "wrong_speaker")
        assert again.reader.document.quote("q3").speaker == "a3"
        assert again.reader.document.quote("q4").speaker == "new:maria silva"
        assert again.reader.review_view.quote("q5").note == "Per the minutes"
        await pilot.press(*["right_square_bracket"] * 5)
        assert "Per the minutes" in panel(again)


async def test_undo_and_redo(review_file):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("u")  # nothing yet: says so, saves nothing
        assert "Nothing to undo" in last_notification(app).message
        await pilot.press("right_square_bracket", "a", "x", "q")
        assert verdict(app, "q1") == ("rejected", "wrong_quote")
        await pilot.press("u")
        assert verdict(app, "q1") == ("accepted", None)
        assert "undo: rejected" in app.reader.status_line.text
        await pilot.press("u")
        assert verdict(app, "q1") == (None, None)
        await pilot.press("U")
        assert verdict(app, "q1") == ("accepted", None)
    again = review_app(review_file)
    async with again.run_test(size=(100, 30)) as pilot:
        assert verdict(again, "q1") == ("accepted", None)
        await pilot.press("U")  # the redo stack survived the restart
        assert verdict(again, "q1") == ("rejected", "wrong_quote")


async def test_reassign_back_to_the_engine_speaker(review_file):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "r", *"reyes", "enter")
        assert app.reader.document.quote("q1").speaker == "a3"
        await pilot.press("r")
        options = [str(o.prompt) for o in app.screen.options.options]
        assert options[-1] == "↺ back to the engine's speaker: Ana Costa"
        await pilot.press("up", "enter")  # up from the first row wraps round to the last
        assert app.reader.document.quote("q1").speaker == "a1"
        assert not app.reader.review_view.quote("q1").reassigned


async def test_merge_and_rename_actors(review_file):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", "j")  # the sidebar, on Tom Reyes
        assert app.reader.actor_list.highlighted_row().key == "a3"
        await pilot.press("m")
        assert isinstance(app.screen, ActorPicker)
        await pilot.press(*"costa", "enter")
        assert "actor:a3" not in app.reader.sidebar_row_ids
        costa = app.reader.document.actor("a1")
        assert "Tom Reyes" in costa.aliases and len(costa.quotes) == 5
        assert "merged" in row_text(app, "actor:a1")
        assert "merged Tom Reyes into Ana Costa" in app.reader.status_line.text

        await pilot.press("R")  # on Ana Costa now
        assert isinstance(app.screen, TextPrompt) and app.screen.value == "Ana Costa"
        await pilot.press("ctrl+u", *"Mayor Costa", "enter")
        assert app.reader.document.actor("a1").name == "Mayor Costa"
        assert "renamed" in row_text(app, "actor:a1")
        await pilot.press("u")
        assert app.reader.document.actor("a1").name == "Ana Costa"
        await pilot.press("U")
    again = review_app(review_file)
    async with again.run_test(size=(100, 30)):
        assert again.reader.document.actor("a1").name == "Mayor Costa"
        assert again.reader.document.actor("a3") is None
        assert again.reader.sidebar_row_ids[0] == "actor:a1"


async def test_next_unreviewed_in_order_and_least_confident_first(review_file):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("full_stop", "a")
        assert verdict(app, "q1")[0] == "accepted"
        await pilot.press("full_stop")
        assert app.reader.current_quote == "q2"
        await pilot.press("greater_than_sign")  # the least confident unreviewed: the unattributed one
        assert app.reader.current_quote == "q6"
        assert app.reader.actor_list.highlighted_option.id == "quote:q6"
        await pilot.press("a", "greater_than_sign")
        assert app.reader.current_quote == "q5"  # 0.58


async def test_filter_by_review_state_and_confidence(review_file):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "a", "right_square_bracket", "x", "x")
        await pilot.press("slash", *"reviewed:no")
        assert app.reader.filter_result.quote_ids == ("q3", "q4", "q5", "q6")
        assert "quote:q1" not in app.reader.sidebar_row_ids
        # the other queries go straight into the bar (typing each key costs test time, not coverage)
        for query, kept in [
            ("verdict:accepted", ("q1",)),
            ("verdict:rejected", ("q2",)),
            ("conf<0.6", ("q5", "q6")),
            ("conf<0.9 @reyes reviewed:no", ("q4", "q5")),
        ]:
            app.reader.filter_bar.value = query
            await pilot.pause()
            assert app.reader.filter_result.quote_ids == kept, query
        assert "filter: speaker:reyes reviewed:no conf<0.9" in app.reader.status_line.text
        await pilot.press("enter")  # jumps to the first kept quote: it is the one under review
        await pilot.press("a")
        assert verdict(app, "q4")[0] == "accepted"
        assert app.reader.filter_result.quote_ids == ("q5",)  # the filter follows the review


async def test_a_failed_save_is_shown_and_changes_nothing(review_file, monkeypatch):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "a")

        def full_disk(action):
            raise ReviewError("cannot write the review file [b]story[/b]: No space left on device")

        monkeypatch.setattr(app.reader.review_store, "apply", full_disk)
        await pilot.press("x", "s")
        assert verdict(app, "q1") == ("accepted", None)  # the previous state stands
        assert "✓ accepted" in panel(app)
        assert "✗ Not saved: cannot write the review file [b]story[/b]: No space left" in app.reader.status_line.text
        note = last_notification(app)
        assert note.severity == "error" and "[b]story[/b]" in note.message and note.markup is False
        await pilot.press("right_square_bracket", "a")
        assert verdict(app, "q2") == (None, None)
        assert "1/6 reviewed" not in app.reader.status_line.text  # the error leads the line until a save works
        monkeypatch.undo()
        await pilot.press("a")
        assert "2/6 reviewed" in app.reader.status_line.text and "Not saved" not in app.reader.status_line.text
    store = ReviewStore(review_file)
    store.load(analysed_document())
    assert {r.verdict for r in store.review.records.values()} == {"accepted"}


async def test_hostile_note_and_names_show_literally(review_file):
    hostile = "[bold]x[/bold] [@click=app.quit]y[/] [/foo]"
    app = review_app(review_file)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("right_square_bracket", "c", *hostile, "enter")
        assert app.reader.review_view.quote("q1").note == hostile
        assert f"Note {hostile}" in panel(app)
        await pilot.press("r", *"[red]Evil[/red]", "enter")
        speaker = app.reader.document.actor(app.reader.document.quote("q1").speaker)
        assert speaker.name == "[red]Evil[/red]" and "actor:" + speaker.id in app.reader.sidebar_row_ids
        assert "[red]Evil[/red]" in panel(app)
        await pilot.click("#review-panel")  # no live link: the app keeps running
        assert app.is_running
        await pilot.press("c")
        assert app.screen.value == hostile


async def test_a_note_in_progress_is_never_dropped_silently(review_file):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "c", *"quite sure")
        assert app.screen.value == "quite sure"  # q is typed, not quit
        await pilot.press("escape")
        assert isinstance(app.screen, TextPrompt)  # changed text: Esc asks first
        assert "Esc again discards" in str(app.screen.query_one("#prompt-hint").render())
        await pilot.press("!")  # typing on takes the warning back
        assert "Esc again discards" not in str(app.screen.query_one("#prompt-hint").render())
        await pilot.press("ctrl+q")  # nor does quitting drop it
        assert app.is_running and isinstance(app.screen, TextPrompt)
        assert "Esc again discards" in str(app.screen.query_one("#prompt-hint").render())
        await pilot.press("escape")
        assert not isinstance(app.screen, TextPrompt)
        assert app.reader.review_view.quote("q1").note == ""
        await pilot.press("c", "escape")  # nothing typed: one Esc closes
        assert not isinstance(app.screen, TextPrompt)
        await pilot.press("c", *"ok", "ctrl+s")
        assert app.reader.review_view.quote("q1").note == "ok"


async def test_keys_act_on_the_sidebar_quote(review_file):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("tab", "enter", "j", "j")  # open Ana Costa, cursor on her second quote
        assert isinstance(app.focused, ActorList)
        assert app.reader.review_keys.quote_under_review() == "q2"
        assert "Quote 2/6" in panel(app)
        await pilot.press("a")
        assert verdict(app, "q2")[0] == "accepted"
        assert app.reader.actor_list.highlighted_option.id == "quote:q2"


async def test_changes_from_another_instance_are_picked_up(review_file):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        other = ReviewStore(review_file)
        other.load(analysed_document())
        other.apply(Accept("q6"))
        await pilot.press("right_square_bracket", "a")  # re-reads before saving
        assert verdict(app, "q6")[0] == "accepted" and verdict(app, "q1")[0] == "accepted"
        other.refresh()
        other.apply(Accept("q5"))
        app.post_message(__import__("textual.events", fromlist=["AppFocus"]).AppFocus())
        await pilot.pause()
        assert verdict(app, "q5")[0] == "accepted"
        assert "3/6 reviewed" in app.reader.status_line.text


async def test_review_beside_the_article_and_markdown_export(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(TEXT, encoding="utf-8")
    app = NewsViewApp(analysed_document(), article_path=str(article))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "a", "right_square_bracket", "c", *"see [1]", "enter")
        app.reader.review_keys.export()
        await pilot.pause()
        report = (tmp_path / "story.txt.review.md").read_text(encoding="utf-8")
        assert str(tmp_path / "story.txt.review.md") in last_notification(app).message
    assert (tmp_path / "story.txt.review.json").is_file()
    assert "Reviewed: 1/6 quotes (1 accepted, 0 rejected)" in report
    assert "see \\[1\\]" in report


async def test_without_an_article_file_review_keys_explain():
    app = NewsViewApp(analysed_document())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "a")
        assert "needs an article file" in last_notification(app).message
        assert "reviewed" not in app.reader.status_line.text


async def test_a_damaged_review_file_is_reported_and_left_alone(review_file):
    with open(review_file, "w", encoding="utf-8") as fh:
        fh.write("{not json")
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "damaged" in last_notification(app).message
        await pilot.press("right_square_bracket", "a")
        assert "review is off" in last_notification(app).message
    assert open(review_file, encoding="utf-8").read() == "{not json"


async def test_review_actions_in_the_command_palette(review_file):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "ctrl+p", *"accept the quote")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert verdict(app, "q1") == ("accepted", None)
        await pilot.press("a")  # accepting again records nothing new
        assert len(app.reader.review_store.review.entries) == 1


async def test_escape_sequences_in_a_review_file_never_reach_the_terminal(review_file):
    from newsview.review.actions import RenameActor, SetNote

    sent = ReviewStore(review_file)  # a review someone else wrote
    sent.load(analysed_document())
    sent.apply(SetNote("q1", "ok\x1b]0;PWNED\x07 \x1b[31mred"))
    sent.apply(RenameActor("a1", "Ana\x1b[2J Costa"))
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket")
        assert "Note ok red" in panel(app) and "\x1b" not in app.reader.review_panel.text
        assert app.reader.document.actor("a1").name == "Ana Costa"
        assert "\x1b" not in row_text(app, "actor:a1")
        await pilot.press("c")
        assert "\x1b" not in app.screen.value


async def test_reviews_of_quotes_the_analysis_lost_are_reported(review_file):
    from dataclasses import replace

    earlier = ReviewStore(review_file)
    earlier.load(analysed_document())
    earlier.apply(Accept("q1"))
    earlier.apply(Accept("q2"))
    doc = analysed_document()
    app = NewsViewApp(replace(doc, quotes=doc.quotes[1:]), review_file=review_file)  # q1 no longer found
    async with app.run_test(size=(100, 30)):
        assert "1/5 reviewed · 1 orphaned" in app.reader.status_line.text
        assert "1 reviewed quote is not in this analysis" in last_notification(app).message


async def test_a_review_file_damaged_by_someone_else_is_reported_once(review_file):
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right_square_bracket", "a")
        with open(review_file, "w", encoding="utf-8") as fh:
            fh.write("{not json")
        for _ in range(3):
            app.reader.check_review_on_disk()
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "damaged" in errors[0].message
        assert "damaged" in app.reader.status_line.text
        assert verdict(app, "q1") == ("accepted", None)  # what was shown stays
        await pilot.press("x", "s")  # and nothing is written over the damaged file
        assert verdict(app, "q1") == ("accepted", None)
    assert open(review_file, encoding="utf-8").read() == "{not json"


@pytest.mark.parametrize("content", ["bad field", "fifo"])
async def test_a_review_file_newsview_cannot_use_is_refused_in_the_status_line(review_file, content):
    """A hand-edited field of the wrong type, or a pipe: the status line says the file is left alone."""
    if content == "fifo":
        os.mkfifo(review_file)
    else:
        with open(review_file, "w", encoding="utf-8") as fh:
            json.dump({"schema": "newsview-review/1", "actions": [
                {"id": "e1", "op": "note", "quote": {"ref": "r", "text": 5, "start": 0, "end": 3}, "text": "n"}]}, fh)
    before = None if content == "fifo" else open(review_file, "rb").read()
    app = review_app(review_file)
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        status = app.reader.status_line.text
        assert "will not save to it" in status, status
        assert ("actions[0].quote.text" if content != "fifo" else "named pipe") in status
        await pilot.press("right_square_bracket", "a")
    if before is None:
        assert os.path.exists(review_file) and not os.path.isfile(review_file)
    else:
        assert open(review_file, "rb").read() == before


async def test_with_no_review_file_yet_the_first_frame_shows_the_empty_review_and_it_loads_after(review_file,
                                                                                                  monkeypatch):
    """The first frame does not wait for the review code when nothing is saved yet; what it shows
    (status, sidebar rows) is what the loaded, empty review shows, and the keys work as ever."""
    from newsview.tui.reader_screen import ReaderScreen

    seen: dict = {}
    load = ReaderScreen._load_deferred_review

    def first_frame_then_load(reader: ReaderScreen) -> None:
        seen["deferred"] = reader.review_session.deferred
        seen["status"] = reader.status_line.text
        seen["rows"] = [(o.id, str(o.prompt)) for o in reader.actor_list.options]
        load(reader)

    monkeypatch.setattr(ReaderScreen, "_load_deferred_review", first_frame_then_load)
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert seen["deferred"] is True
        assert "0/6 reviewed" in seen["status"]
        reader = app.reader
        assert not reader.review_session.deferred and reader.review_store is not None
        assert reader.status_line.text == seen["status"]
        assert [(o.id, str(o.prompt)) for o in reader.actor_list.options] == seen["rows"]
        assert not os.path.exists(review_file)
        await pilot.press("right_square_bracket", "a")
        assert verdict(app, "q1") == ("accepted", None)
        assert os.path.exists(review_file)


async def test_a_saved_review_shows_in_the_first_frame(review_file):
    """A review already saved is read before the first frame, as before: verdicts show at once."""
    store = ReviewStore(review_file, source_sha256=analysed_document().source.sha256)
    store.load(analysed_document())
    store.apply(Accept("q1"))
    app = review_app(review_file)
    async with app.run_test(size=(100, 30)):
        assert not app.reader.review_session.deferred
        assert "1/6 reviewed" in app.reader.status_line.text
