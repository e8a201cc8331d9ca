"""Quote review: actions, undo/redo, actor fixes, re-analysis, two writers, triage, export."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys

import pytest

from newsview.model import ParsedDocument, Quote
from newsview.review.actions import Accept, ClearVerdict, MergeActors, Reassign, Reject, RenameActor, SetNote
from newsview.review.entries import describe_last
from newsview.review.errors import ReviewError
from newsview.review.export import markdown_report, review_csv_fields, review_json
from newsview.review.fileformat import default_path
from newsview.review.store import ReviewStore, existing_review
from newsview.review.view import ReviewFilter
from review_helpers import article_doc, open_store

@pytest.fixture
def doc() -> ParsedDocument:
    return article_doc()


@pytest.fixture
def review_path(tmp_path):
    return tmp_path / "article.txt.review.json"


def test_actions_show_in_the_view_and_survive_reopening(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(Accept("q1"))
    store.apply(Reject("q3", reason="wrong_speaker"))
    store.apply(Reassign("q3", new_name="Anna Lee"))
    store.apply(Reassign("q5", actor_id="a3"))
    store.apply(SetNote("q2", "check the recording"))
    view = store.view()
    assert view.quote("q1").verdict == "accepted"
    assert (view.quote("q3").verdict, view.quote("q3").reason) == ("rejected", "wrong_speaker")
    assert view.quote("q3").speaker_name == "Anna Lee" and view.quote("q3").reassigned
    assert view.quote("q5").speaker_name == "John Doe"
    assert view.quote("q2").note == "check the recording" and not view.quote("q2").reviewed
    assert (view.progress.reviewed, view.progress.total) == (3, 5)
    assert str(view.progress) == "3/5 reviewed"
    assert any(a.new and a.name == "Anna Lee" for a in view.actors)

    again = open_store(review_path, doc).view()
    assert [(q.verdict, q.speaker_name, q.note) for q in again.quotes] == [(q.verdict, q.speaker_name, q.note) for q in view.quotes]


def test_undo_and_redo_step_through_changes_and_are_saved(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(Accept("q1"))
    store.apply(SetNote("q1", "first"))
    store.apply(SetNote("q1", "second"))
    store.undo()
    assert store.view().quote("q1").note == "first"
    store.undo()
    store.undo()
    view = store.view()
    assert view.quote("q1").verdict is None and view.quote("q1").note == ""
    assert not store.review.can_undo
    store.undo()  # nothing left: no error, nothing changes
    store.redo()
    assert store.view().quote("q1").verdict == "accepted"

    reopened = open_store(review_path, doc)
    assert reopened.view().quote("q1").verdict == "accepted"
    reopened.redo()
    assert reopened.view().quote("q1").note == "first"
    reopened.apply(Reject("q1"))  # a new change drops what was left to redo
    assert not reopened.review.can_redo
    reopened.redo()
    assert reopened.view().quote("q1").note == "first"
    assert reopened.view().quote("q1").verdict == "rejected"


def test_clear_verdict_and_empty_note_make_a_quote_unreviewed(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(Accept("q4"))
    store.apply(SetNote("q4", "ok"))
    store.apply(ClearVerdict("q4"))
    store.apply(SetNote("q4", "   "))
    assert not store.view().quote("q4").reviewed
    assert store.review.records == {}


def test_reassign_by_name_reuses_a_known_actor(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(Reassign("q1", new_name="tom brown"))
    store.apply(Reassign("q2", new_name="Doe"))
    view = store.view()
    assert view.quote("q1").speaker_id == "a2"
    assert view.quote("q2").speaker_id == "a3"
    assert not any(a.new for a in view.actors)
    store.apply(Reassign("q2", actor_id=None))
    assert store.view().quote("q2").speaker_id == "a1"


def test_merge_and_rename_actors_are_undoable(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(MergeActors("a2", "a3"))
    view = store.view()
    assert view.quote("q4").speaker_name == "Tom Brown"
    assert [q.id for q in view.quotes_by("a3")] == ["q3", "q4", "q5"]
    brown = view.actor("a3")
    assert brown.id == "a2" and "John Doe" in brown.aliases and brown.members == ("a2", "a3")
    assert len(view.actors) == 2

    store.apply(RenameActor("a2", "Thomas Brown"))
    view = store.view()
    assert view.quote("q4").speaker_name == "Thomas Brown"
    assert view.actor("a2").renamed_from == "Tom Brown"
    assert "Tom Brown" in view.actor("a2").aliases

    store.undo()
    store.undo()
    view = store.view()
    assert view.quote("q4").speaker_name == "John Doe" and len(view.actors) == 3

    with pytest.raises(ReviewError):
        store.apply(MergeActors("a1", "a1"))
    with pytest.raises(ReviewError):
        store.apply(RenameActor("a1", "  "))


def test_actions_on_unknown_ids_are_refused(doc, review_path):
    store = open_store(review_path, doc)
    with pytest.raises(ReviewError, match="q99"):
        store.apply(Accept("q99"))
    with pytest.raises(ReviewError, match="a9"):
        store.apply(Reassign("q1", actor_id="a9"))
    assert not review_path.exists()


def test_file_is_versioned_and_keyed_by_content_not_engine_ids(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(Accept("q2"))
    store.apply(Reassign("q3", actor_id="a3"))
    store.apply(MergeActors("a1", "a2"))
    data = json.loads(review_path.read_text(encoding="utf-8"))
    assert data["schema"] == "newsview-review/1"
    assert data["revision"] == 3
    text = json.dumps(data["actions"])
    assert not re.search(r'"(q|a)\d"', text)
    assert data["actions"][0]["quote"]["text"] == "we will not raise taxes this year"
    assert data["actions"][1]["speaker"]["name"] == "John Doe"
    assert data["summary"][0]["verdict"] == "accepted"


def reanalysed() -> ParsedDocument:
    """The same article analysed by another engine: new ids, other spans, a quote lost, an actor renamed."""
    return article_doc(
        quotes=[
            ("q1", "the numbers speak for themselves", "a7", 0.5),
            ("q2", "balanced and fair for every family\u201d", "a5", 0.8),  # span now takes the closing mark
            ("q3", "We will not raise taxes this year", "a5", 0.7),  # trailing comma dropped
            ("q4", "That figure is simply not true,", "a6", 0.9),
            # "crime fell ..." is no longer found
        ],
        actors=[
            ("a5", "Mayor Jane Smith", ("Jane Smith", "Smith")),
            ("a6", "John Doe", ("Doe",)),
            ("a7", "Brown", ("Tom Brown",)),
        ],
        engine_version="0.2.0",
    )


def test_review_applies_after_reanalysis_with_orphans_kept(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(Accept("q1"))
    store.apply(Reject("q2", reason="wrong_quote"))
    store.apply(SetNote("q3", "ask the police for the source"))
    store.apply(Reassign("q4", actor_id="a1"))
    store.apply(MergeActors("a2", "a3"))

    new = reanalysed()
    store2 = open_store(review_path, new)
    view = store2.view()
    assert view.quote("q2").verdict == "accepted"
    assert (view.quote("q3").verdict, view.quote("q3").reason) == ("rejected", "wrong_quote")
    assert view.quote("q4").speaker_name == "Mayor Jane Smith" and view.quote("q4").reassigned
    # the merge of Tom Brown and John Doe still holds though the engine renamed Brown
    assert view.actor("a6").id == "a7"
    assert view.quote("q1").speaker_id == "a7"
    assert [o.text for o in view.orphans] == ["crime fell by ten percent in the last year"]
    assert view.orphans[0].record.note == "ask the police for the source"
    assert view.progress.orphaned == 1

    # reviewing a matched quote again updates its record, it does not start a second one
    store2.apply(SetNote("q2", "confirmed"))
    store2.apply(Accept("q1"))
    view = store2.view()
    assert len(store2.review.records) == 5
    assert view.quote("q2").note == "confirmed"
    assert len(view.orphans) == 1  # still kept after saving under the new analysis

    back = open_store(review_path, doc).view()  # and the old analysis still sees all of it
    assert back.quote("q1").note == "confirmed"
    assert back.quote("q3").note == "ask the police for the source"
    assert back.quote("q5").verdict == "accepted"
    assert back.orphans == ()


def test_repeated_quote_text_matches_by_position(review_path):
    text = "\u201cNo comment,\u201d said Ann. Later, \u201cNo comment,\u201d said Bob."
    first = text.index("No comment,")
    second = text.index("No comment,", first + 1)
    a = article_doc(text, quotes=[("q1", "No comment,", "a1", 0.9)], actors=[("a1", "Ann", ()), ("a2", "Bob", ())])
    a = ParsedDocument(
        text=text,
        source=a.source,
        actors=a.actors,
        quotes=(
            Quote("q1", first, first + 11, "No comment,", "direct", speaker="a1"),
            Quote("q2", second, second + 11, "No comment,", "direct", speaker="a2"),
        ),
        analysed=True,
    )
    store = open_store(review_path, a)
    store.apply(Reject("q2"))
    view = store.view()
    assert view.quote("q1").verdict is None and view.quote("q2").verdict == "rejected"


def test_second_writer_keeps_the_first_writers_entries(doc, review_path):
    first = open_store(review_path, doc)
    second = open_store(review_path, doc)  # both loaded the same (empty) state
    first.apply(Accept("q1"))
    first.apply(SetNote("q1", "from the first window"))
    second.apply(Reject("q2"))
    assert second.last_merged == 2
    view = second.view()
    assert view.quote("q1").note == "from the first window"
    assert view.quote("q2").verdict == "rejected"
    assert first.changed_on_disk()
    first.refresh()
    assert first.view().quote("q2").verdict == "rejected"
    on_disk = open_store(review_path, doc).view()
    assert [q.verdict for q in on_disk.quotes] == ["accepted", "rejected", None, None, None]


def test_filters_for_triage(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(Accept("q1"))
    store.apply(Reject("q3"))
    store.apply(Reassign("q4", actor_id="a1"))
    view = store.view()
    ids = lambda query: [q.id for q in view.filter(query)]  # noqa: E731
    assert ids("reviewed:no") == ["q2", "q5"]
    assert ids("reviewed:yes") == ["q1", "q3", "q4"]
    assert ids("verdict:accepted") == ["q1"]
    assert ids("verdict:rejected verdict:accepted") == ["q1", "q3"]
    assert ids("verdict:reassigned") == ["q4"]
    assert ids("conf<0.5") == ["q3", "q5"]
    assert ids("reviewed:no conf<0.5") == ["q5"]
    f = ReviewFilter.parse("speaker:smith conf<0.8 verdict:maybe")
    assert f.rest == "speaker:smith" and f.invalid == ("verdict:maybe",)


def test_next_unreviewed_in_reading_order_or_by_confidence(doc, review_path):
    store = open_store(review_path, doc)
    view = store.view()
    assert view.next_unreviewed() == "q1"
    assert view.next_unreviewed("q5") == "q1"
    assert view.next_unreviewed(lowest_confidence=True) == "q5"
    assert view.next_unreviewed("q5", lowest_confidence=True) == "q3"
    for qid in ("q1", "q2", "q4"):
        store.apply(Accept(qid))
    view = store.view()
    assert view.next_unreviewed("q1") == "q3"
    assert view.next_unreviewed("q3") == "q5"
    store.apply(Accept("q3"))
    store.apply(Accept("q5"))
    assert store.view().next_unreviewed() is None


def test_review_file_location(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVIEW_DATA_DIR", str(tmp_path / "data"))
    article = tmp_path / "news" / "story.txt"
    article.parent.mkdir()
    article.write_text("x")
    assert default_path(str(article), "00" * 32) == article.parent / "story.txt.review.json"
    explicit = ReviewStore.for_article(str(article), "00" * 32, explicit=str(tmp_path / "mine.json"))
    assert explicit.path == (tmp_path / "mine.json").resolve()
    stdin = ReviewStore.for_article(None, "cd" * 32)
    assert stdin.path.parent == (tmp_path / "data" / "reviews").resolve()


def test_read_only_folder_falls_back_to_the_data_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVIEW_DATA_DIR", str(tmp_path / "data"))
    article = tmp_path / "news" / "story.txt"
    article.parent.mkdir()
    article.write_text("x")
    doc = article_doc()
    beside = ReviewStore.for_article(str(article), doc.source.sha256)
    beside.load(doc)
    beside.apply(SetNote("q1", "made while the folder was writable"))
    before = beside.path.read_bytes()

    real_access = os.access
    read_only = str(article.parent)
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if str(p) == read_only else real_access(p, mode, **kw))
    store = ReviewStore.for_article(str(article), doc.source.sha256)
    assert store.path.parent == (tmp_path / "data" / "reviews").resolve()
    assert store.path.name.startswith("story.txt-") and store.path.name.endswith(".review.json")
    # the review already beside the article is carried over, not lost
    store.load(doc)
    assert store.view().quote("q1").note == "made while the folder was writable"
    store.apply(Accept("q2"))
    again = ReviewStore.for_article(str(article), doc.source.sha256)
    again.load(doc)
    view = again.view()
    assert view.quote("q1").note == "made while the folder was writable" and view.quote("q2").verdict == "accepted"
    assert beside.path.read_bytes() == before


def test_damaged_file_is_reported_and_never_overwritten(doc, review_path):
    review_path.write_text('{"schema": "newsview-review/1", "actions": [', encoding="utf-8")
    store = ReviewStore(review_path)
    with pytest.raises(ReviewError, match="damaged") as err:
        store.load(doc)
    assert "\n" not in str(err.value)
    store.doc = doc
    with pytest.raises(ReviewError, match="damaged"):
        store.apply(Accept("q1"))
    assert review_path.read_text(encoding="utf-8") == '{"schema": "newsview-review/1", "actions": ['
    review_path.write_text('{"schema": "newsview-review/1", "actions": [{"id": "x", "op": "note", "quote": {"ref": "r"}}]}', encoding="utf-8")
    with pytest.raises(ReviewError, match="damaged"):
        ReviewStore(review_path).load()
    review_path.write_text('{"schema": "newsview-review/9", "actions": []}', encoding="utf-8")
    with pytest.raises(ReviewError, match="newer"):
        ReviewStore(review_path).load()


def test_exports_carry_verdicts_reassignments_and_notes(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(Accept("q1"))
    store.apply(Reject("q3", reason="wrong_speaker"))
    store.apply(Reassign("q3", new_name="Anna Lee"))
    store.apply(SetNote("q4", "source: council minutes"))
    store.apply(RenameActor("a2", "Thomas Brown"))

    block = review_json(doc, store.review)
    json.dumps(block)
    assert block["progress"]["reviewed"] == 2 and block["progress"]["total"] == 5
    q3 = block["quotes"][2]
    assert (q3["verdict"], q3["reason"], q3["speaker_name"], q3["engine_speaker_name"]) == (
        "rejected",
        "wrong_speaker",
        "Anna Lee",
        "Thomas Brown",
    )
    assert block["quotes"][3]["note"] == "source: council minutes"

    fields = [review_csv_fields(doc, store.review, q) for q in doc.quotes]
    assert fields[0] == {"verdict": "accepted", "reviewed_speaker": "", "note": ""}
    assert fields[2] == {"verdict": "rejected (wrong speaker)", "reviewed_speaker": "Anna Lee", "note": ""}
    assert fields[3]["note"] == "source: council minutes"

    report = markdown_report(doc, store.review)
    assert "2/5 quotes" in report
    assert "rejected (wrong speaker)" in report and "Anna Lee" in report
    assert "source: council minutes" in report
    assert "Thomas Brown" in report and "renamed from Tom Brown" in report


def _cells(row: str) -> list[str]:
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_markdown_report_survives_hostile_text(review_path):
    text = "He said \u201ca | b\nc | d `code` <b>x</b> # [link](http://x)\u201d and left."
    piece = "a | b\nc | d `code` <b>x</b> # [link](http://x)"
    doc = article_doc(text, quotes=[("q1", piece, "a1", 0.5)], actors=[("a1", "Eve | Mallory\n# Boss", ())])
    store = open_store(review_path, doc)
    store.apply(Reject("q1"))
    store.apply(SetNote("q1", "line one\nline two | with pipe\n\n## not a heading"))
    store.apply(Reassign("q1", new_name="Zed *bold* | x"))
    report = markdown_report(doc, store.review)
    lines = report.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| # |"))
    table = lines[header:]
    assert len(table) == 3  # header, rule and one row: the newline in the quote did not split it
    assert all(len(_cells(row)) == 7 for row in table)
    assert not any(line.startswith("## not") for line in lines)
    assert [line for line in lines if line.startswith("#")] == ["# Quote review: Budget row", "## Quotes"]
    assert "<b>" not in report and "](" not in report.replace("\\](", "")
    assert "line one line two" in report


def test_existing_review_for_export_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVIEW_DATA_DIR", str(tmp_path / "data"))
    article = tmp_path / "story.txt"
    article.write_text("x")
    doc = article_doc()
    assert existing_review(str(article), doc) is None
    with pytest.raises(ReviewError, match="no review file"):
        existing_review(str(article), doc, explicit=str(tmp_path / "missing.json"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]
    store = ReviewStore.for_article(str(article), doc.source.sha256)
    store.load(doc)
    store.apply(Accept("q2"))
    review = existing_review(str(article), doc)
    assert review_json(doc, review)["quotes"][1]["verdict"] == "accepted"


def test_markdown_report_can_leave_out_untouched_quotes(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(Reject("q2", reason="wrong_quote"))
    store.apply(SetNote("q5", "ask for the full transcript"))
    rows = [line for line in markdown_report(doc, store.review, include_unreviewed=False).splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 3  # the header, the rejected quote and the annotated one
    assert "We will not raise taxes" in rows[1] and "ask for the full transcript" in rows[2]


def test_actor_fixes_for_actors_the_engine_no_longer_finds(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(Reassign("q1", actor_id="a3"))  # John Doe now speaks q1
    store.apply(RenameActor("a3", "Jon Doe"))
    store.apply(RenameActor("a2", "Thomas Brown"))
    without = article_doc(
        quotes=[("q1", "balanced and fair for every family", "a1", 0.9), ("q2", "We will not raise taxes this year,", "a1", 0.7)],
        actors=[("a1", "Jane Smith", ("Smith",))],
    )
    view = open_store(review_path, without).view()
    # the reassigned speaker is kept under the reviewer's name; the other fix leaves no phantom actor
    assert view.quote("q1").speaker_name == "Jon Doe"
    assert sorted(a.name for a in view.actors) == ["Jane Smith", "Jon Doe"]


def test_a_cleared_review_keeps_its_quote_after_reanalysis(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(SetNote("q1", "first thoughts"))
    grown = article_doc(quotes=[("q9", "the budget was \u201cbalanced and fair for every family", "a1", 0.6)])
    store2 = open_store(review_path, grown)  # the new engine's span takes in more words
    store2.apply(SetNote("q9", ""))
    store2.apply(Accept("q9"))
    assert len(store2.review.all_records) == 1  # the accept went to the same review, not a second one
    store2.undo()
    store2.undo()
    view = store2.view()
    assert view.quote("q9").note == "first thoughts" and view.orphans == ()


def test_status_line_says_what_was_done_and_undone(doc, review_path):
    store = open_store(review_path, doc)
    review = store.apply(Reject("q2", reason="wrong_quote"))
    assert describe_last(review) == "rejected \u201cWe will not raise taxes this year,\u201d (wrong quote)"
    review = store.apply(MergeActors("a2", "a3"))
    assert describe_last(review) == "merged John Doe into Tom Brown"
    review = store.undo()
    assert describe_last(review) == "undo: merged John Doe into Tom Brown"
    review = store.apply(Reassign("q5", new_name="A very long name for a speaker"))
    assert describe_last(review).startswith("gave \u201cthe numbers speak for themselves\u201d to A very long")


def test_engine_review_module_imports_no_ui_and_no_spacy():
    code = "import sys, newsview.review.store, newsview.review.export; print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'spacy', 'rich')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_symlinked_review_file_is_written_through_the_link(doc, tmp_path):
    real = tmp_path / "shared" / "story.review.json"
    real.parent.mkdir()
    link = tmp_path / "story.txt.review.json"
    link.symlink_to(real)
    store = ReviewStore.for_article(str(tmp_path / "story.txt"), doc.source.sha256)
    store.load(doc)
    store.apply(Accept("q1"))
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["revision"] == 1


def test_a_reassignment_alone_reads_as_reassigned_in_csv_and_markdown(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(Reassign("q1", new_name="Anna Lee"))
    assert review_csv_fields(doc, store.review, doc.quotes[0])["verdict"] == "reassigned"
    row = next(line for line in markdown_report(doc, store.review).splitlines() if line.startswith("| 1 |"))
    assert _cells(row)[3].strip() == "reassigned" and "Anna Lee" in row


def test_markdown_report_drops_escape_sequences_whole_and_defuses_bidi(doc, review_path):
    store = open_store(review_path, doc)
    store.apply(SetNote("q1", "see \x1b]0;PWNED\x07 clip \u202eevil"))
    report = markdown_report(doc, store.review)
    assert "PWNED" not in report and "\x1b" not in report and "\u202e" not in report
    assert "see clip \ufffdevil" in report


def test_an_article_without_a_review_file_shows_its_empty_review_before_loading_it(doc, tmp_path):
    """Nothing saved yet: the session answers what the reader draws first (nothing reviewed, the
    analysis unchanged) as the loaded empty review does, loads it on first use, and writes nothing."""
    from newsview.review.session import ReviewSession

    article = tmp_path / "article.txt"
    article.write_text(doc.text, encoding="utf-8")
    waiting = ReviewSession(str(article))
    assert waiting.load(doc, defer_if_absent=True) is None
    assert waiting.deferred and waiting.store is None
    loaded = ReviewSession(str(article))
    loaded.load(doc)
    assert not loaded.deferred and loaded.view is not None
    assert waiting.progress_text() == loaded.progress_text() == f"0/{len(doc.quotes)} reviewed"
    # an empty review changes nothing (documents compare by identity: field by field here)
    shown, reviewed = waiting.reviewed(doc), loaded.reviewed(doc)
    assert shown is doc and reviewed is not doc
    assert all(getattr(shown, f.name) == getattr(reviewed, f.name) for f in dataclasses.fields(ParsedDocument))
    assert all(not rq.reviewed and not rq.note for rq in loaded.view.quotes)
    assert waiting.quotes_by_id() is None and waiting.actor_tags() is None and loaded.actor_tags() == {}
    assert waiting.deferred, "drawing does not load the review"
    assert waiting.ready  # a review key: loaded now
    assert not waiting.deferred and waiting.store is not None
    assert waiting.view.progress == loaded.view.progress
    assert not list(tmp_path.glob("*.review.json")), "loading an empty review writes no file"
    saved, _ = waiting.apply(Accept("q1"))
    assert saved and (tmp_path / "article.txt.review.json").exists()


@pytest.mark.parametrize("existing", ["review", "directory"])
def test_a_review_file_or_anything_in_its_place_is_loaded_at_once(doc, tmp_path, existing):
    """Only an empty review waits: a saved review, or something the store must refuse, is read straight away."""
    from newsview.review.session import ReviewSession

    article = tmp_path / "article.txt"
    article.write_text(doc.text, encoding="utf-8")
    path = tmp_path / "article.txt.review.json"
    if existing == "review":
        store = ReviewStore.for_article(str(article), doc.source.sha256)
        store.load(doc)
        store.apply(Accept("q2"))
    else:
        path.mkdir()
    session = ReviewSession(str(article))
    notice = session.load(doc, defer_if_absent=True)
    assert not session.deferred
    if existing == "review":
        assert session.progress_text() == f"1/{len(doc.quotes)} reviewed" and notice is None
    else:
        assert session.failed and notice is not None and session.view is None
