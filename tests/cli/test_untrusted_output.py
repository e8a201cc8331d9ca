"""Nothing from outside reaches standard output as a terminal command, in any format.

File names, a tampered parse-cache entry and a review file's notes and names
are all outside text: escape sequences and control characters never come
out raw, and a file name that is not UTF-8 is written with ``\\xNN`` escapes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest
from cli_runs import assert_harmless, run_cli, share_one_pipeline

from newsview.safe_text import escape_name, escape_undecodable, json_safe

FORMATS = ["json", "jsonl", "text", "csv", "markdown"]
ARTICLE = '"We will open the bridge in May," Minister Anna Nowak said on Monday.\n\nThe council agreed with her.\n'
HOSTILE = "\x1b]0;PWNED\x07\x1b[31m\x9b2J\u202e"
def test_names_are_escaped_so_the_file_can_still_be_told():
    assert escape_name(os.fsdecode(b"bad\xff.txt")) == "bad\\xff.txt"
    assert escape_name("x\x1b]0;PWNED\x07.txt") == "x\\x1b]0;PWNED\\x07.txt"
    assert escape_name("a\tb\nc\u202ed\x9b") == "a\\tb\\nc\\u202ed\\x9b"
    assert escape_undecodable(os.fsdecode(b"caf\xe9 \xc3\xa9.txt")) == "caf\\xe9 é.txt"


def test_json_keeps_values_exact_while_escaping_what_a_terminal_would_act_on():
    value = {"text": "a\x7fb\x9bc\u202ed\ud800e é"}
    written = json_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(written) == value
    assert written.encode("utf-8").isascii() is False  # ordinary non-ASCII text stays as it is
    assert not re.search("[\x7f-\x9f\u202e\ud800]", written)


@pytest.fixture
def hostile_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    share_one_pipeline(monkeypatch)
    title_name = os.fsencode(f"x{HOSTILE}.txt")
    undecodable = b"bad\xff\xfe.txt"
    for name in (title_name, undecodable):
        Path(os.fsdecode(name)).write_text(ARTICLE, encoding="utf-8")
    return [os.fsdecode(title_name), os.fsdecode(undecodable)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_file_names_come_out_escaped_in_every_format(fmt, hostile_names, monkeypatch):
    run = run_cli([*hostile_names, "--format", fmt, "--no-cache"], monkeypatch)
    assert run.code == 0, run.stderr
    text = assert_harmless(run.stdout)
    if fmt in ("json", "jsonl"):
        docs = json.loads(text) if fmt == "json" else [json.loads(line) for line in text.splitlines()]
        assert [d["source"]["path"] for d in docs] == [f"x{HOSTILE}.txt", "bad\\xff\\xfe.txt"]
    elif fmt == "csv":
        files = {row["file"] for row in csv.DictReader(io.StringIO(text))}
        assert files == {"x\\x1b]0;PWNED\\x07\\x1b[31m\\x9b2J\\u202e.txt", "bad\\xff\\xfe.txt"}
    else:
        assert "bad\\xff\\xfe.txt" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_file_name_that_is_not_utf8_can_be_written_to_an_output_file(fmt, hostile_names, monkeypatch):
    run = run_cli([hostile_names[1], "--format", fmt, "--no-cache", "-o", "out"], monkeypatch)
    assert run.code == 0, run.stderr
    written = assert_harmless(Path("out").read_bytes()).replace("\\\\", "\\")  # JSON doubles a backslash
    assert "bad\\xff\\xfe.txt" in written


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_tampered_cache_entry_and_review_file_are_shown_harmless(fmt, tmp_path, monkeypatch):
    """Text and names read back from the cache, notes and reassigned names from the review file."""
    from newsview.review.actions import Reassign, SetNote
    from newsview.review.store import ReviewStore

    monkeypatch.chdir(tmp_path)
    share_one_pipeline(monkeypatch)
    cache = tmp_path / "cache"
    monkeypatch.setenv("NEWSVIEW_CACHE_DIR", str(cache))
    Path("a.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli(["a.txt", "--format", "json"], monkeypatch).code == 0
    (entry,) = (cache / "parses").glob("*.json")
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["meta"]["title"] = f"Title{HOSTILE}"
    data["meta"]["byline"] = f"By {HOSTILE}"
    for actor in data["actors"]:
        actor["name"] += HOSTILE
        actor["aliases"] = [f"alias{HOSTILE}"]
    for quote in data["quotes"]:
        quote["text"] = f"{HOSTILE}{quote['text']}"
        quote["cue"] = f"said{HOSTILE}"
    entry.write_text(json.dumps(data), encoding="utf-8")

    from newsview.cache import ParseCache
    from newsview.engine import source_of
    from newsview.reader import read_article

    raw = read_article("a.txt")
    doc = ParseCache(cache).get(source_of(raw), data["engine"]["pipeline"])
    assert doc is not None and doc.quotes  # the tampered entry is what the run reads
    store = ReviewStore.for_article("a.txt", doc.source.sha256)
    store.load(doc)
    store.apply(SetNote(doc.quotes[0].id, f"=cmd{HOSTILE} note"))
    store.apply(Reassign(doc.quotes[0].id, new_name=f"Someone{HOSTILE}"))

    run = run_cli(["a.txt", "--format", fmt], monkeypatch)
    assert run.code == 0, run.stderr
    text = assert_harmless(run.stdout)
    assert "open the bridge" in text
    if fmt == "json":
        document = json.loads(text)
        assert document["meta"]["title"] == f"Title{HOSTILE}"  # exact values in JSON
        assert document["review"]["quotes"][0]["note"] == f"=cmd{HOSTILE} note"
    if fmt == "csv":
        row = next(csv.DictReader(io.StringIO(text)))
        assert row["note"].startswith("'=cmd")
        assert row["reviewed_speaker"].startswith("Someone")


def test_a_line_separator_in_an_article_does_not_split_a_json_lines_line(tmp_path, monkeypatch):
    """Found by the property test: U+2028 came out raw, and str.splitlines() cut the line in two."""
    monkeypatch.chdir(tmp_path)
    share_one_pipeline(monkeypatch)
    Path("a.txt").write_bytes(b"!\xe2\x80\xa8!")
    run = run_cli(["a.txt", "--format", "jsonl", "--no-cache"], monkeypatch)
    assert run.code == 0, run.stderr
    (line,) = assert_harmless(run.stdout).splitlines()
    assert json.loads(line)["text"] == "!\u2028!"
