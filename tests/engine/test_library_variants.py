"""The library's Variants view (``library_clusters``, what ``V`` shows): read from the index, it
leaves out what ``--format variants`` leaves out, an interviewer's stock questions among them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from library_helpers import PIPELINE

from newsview import engine
from newsview.cache import ParseCache
from newsview.extract.interviews import QUESTION_RULE
from newsview.library import scan
from newsview.library.index import SCHEMA_VERSION, LibraryIndex
from newsview.library.variants import library_clusters
from newsview.model import Actor, Evidence, Mention, Quote
from newsview.reader import read_article
from newsview.variants import find_variants, quotes_of_document

STOCK_QUESTION = "How did you get involved in this study of the old survey?"
ANSWER = "The telescope found the black hole because its companion stars moved in a strange way"


def _interview(folder: Path, cache: ParseCache, name: str, guest: str, turns: list[tuple[str, str]]) -> Path:
    """A Wikinews transcript on disk, its analysis in the cache as the engine makes it: the
    interviewer's ("WN") turns are quotes with the rule ``interview-question``."""
    path = folder / name
    body = "\n\n".join(f"((WN)) {words}" if who == "WN" else f"(({guest})) {words}" for who, words in turns)
    path.write_text(f"Wikinews interviews {guest}\n\n{body}\n", encoding="utf-8")
    doc = engine.prepare(read_article(path))
    text = doc.text
    quotes, at = [], 0
    for n, (who, words) in enumerate(turns, 1):
        s = text.index(words, at)
        at = s + len(words)
        rule = QUESTION_RULE if who == "WN" else "interview-turn"
        quotes.append(Quote(f"q{n}", s, at, words, "direct", "a1" if who == "WN" else "a2", spans=((s, at),),
                            evidence=Evidence(rule)))
    g = text.index(guest)
    actors = (Actor("a1", "Wikinews", "ORG", (), (), tuple(q.id for q in quotes if q.speaker == "a1")),
              Actor("a2", guest, "PERSON", (), ((g, g + len(guest)),), tuple(q.id for q in quotes if q.speaker == "a2")))
    analysed = doc.with_analysis(actors=actors, quotes=tuple(quotes), mentions=(Mention(g, g + len(guest), "a2"),),
                                 pipeline=PIPELINE)
    cache.put(analysed, PIPELINE)
    return path


@pytest.fixture
def interviews(tmp_path: Path):
    """Two interviews by one publication: the same stock question, and a guest's answer the other repeats."""
    folder = tmp_path / "interviews"
    folder.mkdir()
    cache = ParseCache(tmp_path / "cache")
    _interview(folder, cache, "2024-05-01-costa.txt", "Ana Costa", [
        ("WN", STOCK_QUESTION),
        ("Ana Costa", "A colleague asked me to look at the spectra from the old survey."),
        ("WN", "What would you tell a student who wants to start in astronomy today?"),
        ("Ana Costa", ANSWER),
    ])
    _interview(folder, cache, "2024-05-02-reyes.txt", "Tom Reyes", [
        ("WN", STOCK_QUESTION),
        ("Tom Reyes", "I was the one who built the camera that took the images."),
        ("WN", "What did your colleague find in the spectra?"),
        ("Tom Reyes", f"As she said, {ANSWER.lower()}"),
    ])
    return folder, cache


def _sync(index: LibraryIndex, folder: Path, cache: ParseCache) -> None:
    scan.sync(index, list(scan.expand_inputs([str(folder)]).files), pipeline=PIPELINE, cache=cache)


def _clustered_texts(index_path: Path) -> list[set[str]]:
    clusters, _titles = library_clusters(index_path)
    return [{m.text for m in c.members} for c in clusters]


def test_the_librarys_variants_leave_out_an_interviewers_stock_question(interviews, tmp_path):
    folder, cache = interviews
    path = tmp_path / "lib.sqlite"
    with LibraryIndex(path) as index:
        _sync(index, folder, cache)
        assert index.status().done == 2
    clustered = _clustered_texts(path)
    assert len(clustered) == 1, clustered  # the answer, not the question asked in both
    (texts,) = clustered
    assert STOCK_QUESTION not in texts and any(ANSWER in t for t in texts)
    # what --format variants finds in the same articles
    docs = [cache.get(engine.prepare(read_article(p)).source, PIPELINE) for p in sorted(folder.iterdir())]
    exported = find_variants([q for d in docs if d is not None for q in quotes_of_document(d)])
    assert [{m.text for m in c.members} for c in exported] == clustered


def test_an_index_from_before_the_rule_was_kept_is_rebuilt_and_the_reviews_stay(interviews, tmp_path):
    """An index written by the previous schema does not know which quotes are questions: it is
    rebuilt (its rows come back from the articles and the parse cache), and no review is touched."""
    from newsview.review.actions import Accept, SetNote
    from newsview.review.store import ReviewStore

    folder, cache = interviews
    article = folder / "2024-05-01-costa.txt"
    doc = cache.get(engine.prepare(read_article(article)).source, PIPELINE)
    assert doc is not None
    store = ReviewStore.for_article(str(article), doc.source.sha256)
    store.load(doc)
    store.apply(Accept("q4"))
    store.apply(SetNote("q4", "checked against the recording"))
    review_bytes = store.path.read_bytes()

    path = tmp_path / "lib.sqlite"
    with LibraryIndex(path) as index:
        _sync(index, folder, cache)
    conn = sqlite3.connect(path)  # as the previous version wrote it: no rule column, schema 1
    conn.execute("ALTER TABLE quotes DROP COLUMN rule")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()

    with LibraryIndex(path) as index:
        assert "another version" in (index.rebuilt_because or "")
        _sync(index, folder, cache)
        row = index.article_by_path(str(article))
        assert row is not None and row.state == "done" and row.accepted == 1
    assert store.path.read_bytes() == review_bytes
    (texts,) = _clustered_texts(path)
    assert STOCK_QUESTION not in texts
