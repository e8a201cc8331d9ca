"""A review file that is damaged, hand-edited or not a file at all: one clear line, and the file left alone."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsview.review.actions import Accept, MergeActors, Reassign, RenameActor, SetNote, Undo
from newsview.review.errors import ReviewError
from newsview.review.store import ReviewStore, existing_review
from review_helpers import article_doc

GDANSK = Path(__file__).resolve().parents[2] / "samples" / "wikinews-2019-01-14-gdansk-mayor-stabbed.txt"


@pytest.fixture(scope="module")
def good_file(tmp_path_factory) -> dict:
    """A review with every kind of entry, as newsview writes it."""
    path = tmp_path_factory.mktemp("review") / "article.txt.review.json"
    store = ReviewStore(path, source_sha256=article_doc().source.sha256)
    store.load(article_doc())
    for action in (Accept("q1"), Reassign("q3", new_name="Anna Lee"), Reassign("q5", actor_id="a3"),
                   SetNote("q2", "check"), MergeActors("a1", "a3"), RenameActor("a2", "Thomas Brown"), Undo()):
        store.apply(action)
    return json.loads(path.read_text(encoding="utf-8"))


def _entry(file: dict, op: str) -> dict:
    return next(e for e in file["actions"] if e["op"] == op)


BAD_FIELDS = {
    # name: (change to a good file, the field the error must name)
    "merge keep null": (lambda f: _entry(f, "merge").update(keep=None), "actions[4].keep"),
    "merge absorb points nowhere": (lambda f: _entry(f, "merge").update(absorb={"aliases": ["x"]}), "actions[4].absorb.name"),
    "rename actor null": (lambda f: _entry(f, "rename").update(actor=None), "actions[5].actor"),
    "reassign speaker without a name": (lambda f: _entry(f, "reassign").update(speaker={"new": True}), "actions[1].speaker.name"),
    "quote.text a number": (lambda f: _entry(f, "verdict")["quote"].update(text=5), "actions[0].quote.text"),
    "quote.start a string": (lambda f: _entry(f, "verdict")["quote"].update(start="3"), "actions[0].quote.start"),
    "quote missing": (lambda f: _entry(f, "note").pop("quote"), "actions[3].quote"),
    "note a number": (lambda f: _entry(f, "note").update(text=7), "actions[3].text"),
    "display null": (lambda f: _entry(f, "note")["quote"].update(display=None), "actions[3].quote.display"),
    "unknown verdict": (lambda f: _entry(f, "verdict").update(verdict="maybe"), "actions[0].verdict"),
    "undo target a number": (lambda f: _entry(f, "undo").update(target=1), "actions[6].target"),
    "unknown op": (lambda f: _entry(f, "note").update(op="delete"), "actions[3].op"),
    "entry a list": (lambda f: f["actions"].append([1]), "actions[7]"),
    "aliases a string": (lambda f: _entry(f, "merge")["keep"].update(aliases="Smith"), "actions[4].keep.aliases"),
    "revision text": (lambda f: f.update(revision="7"), "revision"),
    "article a list": (lambda f: f.update(article=[]), "article"),
}


@pytest.mark.parametrize("name", list(BAD_FIELDS))
def test_a_bad_field_is_one_line_naming_it_and_the_file_is_never_written(tmp_path, good_file, name):
    change, field = BAD_FIELDS[name]
    bad = copy.deepcopy(good_file)
    change(bad)
    path = tmp_path / "article.txt.review.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    before = path.read_bytes()
    doc = article_doc()
    with pytest.raises(ReviewError) as err:
        existing_review(str(tmp_path / "article.txt"), doc)
    message = str(err.value)
    assert "\n" not in message and str(path) in message
    assert f"{field} " in message, message
    assert "will not save to it" in message
    store = ReviewStore(path, source_sha256=doc.source.sha256)
    store.doc = doc
    with pytest.raises(ReviewError, match="will not save to it"):
        store.apply(Accept("q2"))
    assert path.read_bytes() == before


def test_the_good_file_loads(tmp_path, good_file):
    """The bad files above are each one change away from one newsview reads."""
    path = tmp_path / "article.txt.review.json"
    path.write_text(json.dumps(good_file), encoding="utf-8")
    review = existing_review(str(tmp_path / "article.txt"), article_doc())
    assert review is not None and len(review.entries) == 7


@pytest.mark.parametrize("special", ["fifo", "dev-zero"])
def test_a_pipe_or_device_as_review_file_is_one_line_and_left_alone(tmp_path, special):
    path = tmp_path / "article.txt.review.json"
    if special == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    doc = article_doc()
    with pytest.raises(ReviewError) as err:
        existing_review(str(tmp_path / "article.txt"), doc)
    message = str(err.value)
    assert str(path) in message and "not a regular file" in message and "\n" not in message
    store = ReviewStore(path, source_sha256=doc.source.sha256)
    store.doc = doc
    with pytest.raises(ReviewError, match="not a regular file"):
        store.apply(Accept("q1"))
    assert path.is_fifo() if special == "fifo" else os.readlink(path) == "/dev/zero"


def test_a_review_file_over_the_size_cap_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setattr("newsview.review.fileformat.MAX_BYTES", 100)
    path = tmp_path / "article.txt.review.json"
    path.write_text(json.dumps({"schema": "newsview-review/1", "actions": [], "pad": "x" * 200}), encoding="utf-8")
    with pytest.raises(ReviewError, match="over the 100-byte limit"):
        existing_review(str(tmp_path / "article.txt"), article_doc())


def _newsview(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsview", *args], capture_output=True, timeout=300)


def _one_line(proc: subprocess.CompletedProcess) -> str:
    lines = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsview: ") and "internal error" not in lines[0], lines
    return lines[0]


def test_a_fifo_beside_the_article_ends_quickly_with_one_line(tmp_path):
    """``mkfifo ARTICLE.review.json; newsview ARTICLE --format text`` used to wait for a writer forever."""
    article = tmp_path / "gdansk.txt"
    article.write_bytes(GDANSK.read_bytes())
    os.mkfifo(tmp_path / "gdansk.txt.review.json")
    proc = _newsview(str(article), "--format", "text")
    assert proc.returncode == 1
    assert "gdansk.txt.review.json" in _one_line(proc)
    assert "Tusk" in proc.stdout.decode(), "the summary is still written"


def test_exports_complete_without_a_damaged_review(tmp_path, good_file):
    """json, csv and markdown are whole documents, without the review, and the warning is on stderr."""
    article = tmp_path / "gdansk.txt"
    article.write_bytes(GDANSK.read_bytes())
    bad = copy.deepcopy(good_file)
    _entry(bad, "verdict")["quote"]["text"] = 5
    review = tmp_path / "gdansk.txt.review.json"
    review.write_text(json.dumps(bad), encoding="utf-8")
    before = review.read_bytes()

    proc = _newsview(str(article), "--format", "json")
    assert "actions[0].quote.text" in _one_line(proc) and proc.returncode == 1
    document = json.loads(proc.stdout)  # whole, not cut off where the review would have started
    assert "review" not in document and document["quotes"]

    proc = _newsview(str(article), "--format", "csv")
    _one_line(proc)
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode())))
    assert rows and all(r["verdict"] == "" for r in rows)

    proc = _newsview(str(article), "--format", "markdown")
    _one_line(proc)
    md = proc.stdout.decode()
    assert md.startswith("# Quote review:") and md.rstrip().endswith("|")
    assert review.read_bytes() == before
