"""The library's Variants view (``library_clusters``, what ``V`` shows): read from the index, it
leaves out what ``--format variants`` leaves out, an interviewer's stock questions among them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from library_helpers import ANSWER, PIPELINE, STOCK_QUESTION, write_two_interviews

from newsview import engine
from newsview.cache import ParseCache
from newsview.library import scan
from newsview.library.index import SCHEMA_VERSION, LibraryIndex
from newsview.library.variants import library_clusters
from newsview.reader import read_article
from newsview.variants import find_variants, quotes_of_document


@pytest.fixture
def interviews(tmp_path: Path):
    """Two interviews by one publication: the same stock question, and a guest's answer the other repeats."""
    folder = tmp_path / "interviews"
    folder.mkdir()
    cache = ParseCache(tmp_path / "cache")
    write_two_interviews(folder, cache)
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
    # and with the same attribution confidence, which decides whether speakers that differ are flagged
    library, _titles = library_clusters(path)
    assert [sorted(round(m.confidence, 3) for m in c.members) for c in library] == [
        sorted(round(m.confidence, 3) for m in c.members) for c in exported]
    assert all(m.confidence < 1.0 for c in library for m in c.members)  # the engine's, none reviewed


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
