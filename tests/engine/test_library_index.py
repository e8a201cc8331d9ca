"""The library index: incremental by hash, shared by two writers, rebuilt when corrupt or of another version."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from library_helpers import PIPELINE, Said, write_article

from newsview.cache import ParseCache
from newsview.library import scan
from newsview.library.index import SCHEMA_VERSION, LibraryIndex, default_path

BODY = {
    "harbour.txt": ("Harbour council approves sea wall",
                    'Mayor Ana Costa said "the wall will protect every home on the front" on Tuesday.',
                    [Said("Ana Costa", quotes=("the wall will protect every home on the front",))]),
    "budget.txt": ("Budget talks stall in the capital",
                   'Finance minister Tom Reyes said "there is no money left for the bridge" after the vote.',
                   [Said("Tom Reyes", quotes=("there is no money left for the bridge",), confidence=0.5)]),
    "storm.txt": ("Storm closes the old port",
                  'The port stayed shut. "Nobody could have sailed in that," a harbour official said.',
                  [Said("a harbour official", kind="NOMINAL", quotes=("Nobody could have sailed in that,",))]),
}


@pytest.fixture
def library(tmp_path: Path):
    """A folder of three analysed articles (their analyses in a private parse cache), and that cache."""
    folder = tmp_path / "articles"
    folder.mkdir()
    cache = ParseCache(tmp_path / "cache")
    for name, (title, body, actors) in BODY.items():
        write_article(folder, name, title, body, actors, cache)
    return folder, cache


def _sync(index: LibraryIndex, folder: Path, cache: ParseCache | None):
    return scan.sync(index, list(scan.expand_inputs([str(folder)]).files), pipeline=PIPELINE, cache=cache)


def test_a_folder_is_listed_with_its_cached_analyses(library, tmp_path):
    folder, cache = library
    with LibraryIndex(tmp_path / "lib.sqlite") as index:
        report = _sync(index, folder, cache)
        assert len(report.from_cache) == 3 and not report.queued
        rows = index.articles(sort="title")
        assert [r.title for r in rows] == ["Budget talks stall in the capital", "Harbour council approves sea wall",
                                           "Storm closes the old port"]
        assert all(r.state == "done" and r.quotes == 1 and r.progress == "0/1" for r in rows)
        budget = rows[0]
        assert budget.low_confidence == 1  # its one quote is below 0.7
        quote = index.quotes(budget.id)[0]
        text = Path(budget.path).read_text(encoding="utf-8")
        assert quote.speaker == "Tom Reyes" and quote.text in text


def test_an_unchanged_file_is_not_added_again(library, tmp_path):
    folder, cache = library
    with LibraryIndex(tmp_path / "lib.sqlite") as index:
        _sync(index, folder, cache)
        before = index.generation()
        again = _sync(index, folder, cache)
        assert again.unchanged == 3 and not again.from_cache and not again.queued
        assert index.generation() == before  # nothing was written

        # same bytes, new time: recognised by its hash, not re-added
        path = folder / "harbour.txt"
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
        touched = _sync(index, folder, cache)
        assert touched.unchanged == 3 and not touched.from_cache and not touched.queued

        # changed bytes, no analysis for them yet: re-added with the new title, queued
        path.write_text("Harbour wall plan dropped\n\nThe council dropped the plan on Friday.\n", encoding="utf-8")
        changed = _sync(index, folder, cache)
        assert changed.queued == [str(path)] and changed.unchanged == 2
        row = index.article_by_path(str(path))
        assert row is not None and row.title == "Harbour wall plan dropped" and row.state == "queued"
        assert row.quotes == 0 and not row.analysed  # the old analysis was of other bytes


def test_a_removed_file_leaves_the_list(library, tmp_path):
    folder, cache = library
    with LibraryIndex(tmp_path / "lib.sqlite") as index:
        _sync(index, folder, cache)
        (folder / "storm.txt").unlink()
        report = _sync(index, folder, cache)
        assert report.forgotten == [str(folder / "storm.txt")]
        assert index.count() == 2 and index.search("sailed") == []


def test_phrase_search_over_every_article(library, tmp_path):
    folder, cache = library
    with LibraryIndex(tmp_path / "lib.sqlite") as index:
        _sync(index, folder, cache)
        hits = index.search("protect every home")
        assert [Path(h.path).name for h in hits] == ["harbour.txt"]
        body = index.article(hits[0].article_id)
        text = (folder / "harbour.txt").read_text(encoding="utf-8")
        assert hits[0].offset is not None and "protect every home" in hits[0].snippet.replace("[", "").replace("]", "")
        assert text.lower().find("protect every home") >= 0 and body is not None
        assert index.search("home every protect") == []  # a phrase, not a bag of words
        assert [Path(h.path).name for h in index.search("NO MONEY, left")] == ["budget.txt"]  # case and punctuation aside
        # query syntax in the user's text is only text
        for hostile in ('"', 'wall" OR "bridge', "NEAR(wall bridge)", "wall*", "-", "col:wall", "\x1b[31m"):
            assert isinstance(index.search(hostile), list)
        quoted = index.search("sailed in", in_quotes=True)
        assert [h.quote_id for h in quoted] == ["q1"] and Path(quoted[0].path).name == "storm.txt"


def test_the_filter_language_applies_to_articles(library, tmp_path):
    folder, cache = library
    with LibraryIndex(tmp_path / "lib.sqlite") as index:
        _sync(index, folder, cache)

        def names(query: str, **kw) -> list[str]:
            return [Path(r.path).name for r in index.articles(query, sort="title", **kw)]

        assert names('"no money left"') == ["budget.txt"]  # a quoted phrase: full-text search
        assert names("title:storm") == ["storm.txt"]
        assert names('title:"sea wall"') == ["harbour.txt"]
        assert names("source:budget") == ["budget.txt"]  # the path when there is no publisher
        assert names("@costa") == ["harbour.txt"]
        assert names("speaker:reyes kind:direct") == ["budget.txt"]
        assert names("speaker:reyes kind:indirect") == []  # both terms must hold for one quote
        assert names("conf<0.7") == ["budget.txt"]
        assert names("reviewed:no") == ["budget.txt", "harbour.txt", "storm.txt"]
        assert names("verdict:accepted") == []
        assert names("type:person") == ["budget.txt", "harbour.txt"]
        assert names("bridge") == ["budget.txt"]  # a plain word: quotes, names and titles
        assert index.count("port official") == 1
        assert names("", descending=True) == sorted(BODY, reverse=True)
        assert names("") == sorted(BODY)  # every article without a filter
        assert [Path(r.path).name for r in index.articles(sort="confidence")][0] == "budget.txt"
        row = index.article_by_path(str(folder / "storm.txt"))
        assert row is not None and index.position(row.id, sort="title") == 2
        with pytest.raises(ValueError):
            index.articles(sort="colour")


_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[4])
    from pathlib import Path
    from newsview.cache import ParseCache
    from newsview.library import scan
    from newsview.library.index import LibraryIndex
    from library_helpers import PIPELINE
    index_path, folder, cache_dir = sys.argv[1:4]
    files = sorted(str(p) for p in Path(folder).glob("*.txt"))
    index = LibraryIndex(index_path, timeout=60)
    for round in range(3):
        # forget_others=False: the other writer's articles are not this one's to drop
        scan.sync(index, files, pipeline=PIPELINE, cache=ParseCache(Path(cache_dir)), forget_others=False)
        for f in files:
            row = index.article_by_path(f)
            index.mark_opened(row.id)
    print(index.count())
    """
)


def test_two_writers_at_once(tmp_path):
    """Two processes fill one index at the same moment: both finish, nothing is lost or doubled."""
    tests = Path(__file__).resolve().parents[1]  # where library_helpers.py is
    cache = ParseCache(tmp_path / "cache")
    folders = []
    for w in range(2):
        folder = tmp_path / f"set{w}"
        folder.mkdir()
        for i in range(25):
            write_article(folder, f"a{i:02}.txt", f"Story {w}-{i}", f'Ana Costa{w}{i} said "we shall see {w} {i}" today.',
                          [Said(f"Ana Costa{w}{i}", quotes=(f"we shall see {w} {i}",))], cache)
        folders.append(folder)
    index_path = tmp_path / "shared.sqlite"
    procs = [subprocess.Popen([sys.executable, "-c", _WRITER, str(index_path), str(f), str(tmp_path / "cache"), str(tests)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in folders]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    with LibraryIndex(index_path) as index:
        assert index.count() == 50
        assert index.status().done == 50
        assert sum(r.quotes for r in index.articles(limit=100)) == 50
    conn = sqlite3.connect(index_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 50
    assert conn.execute("SELECT count(*) FROM article_text").fetchone()[0] == 50
    conn.close()


def _filled_index(library, tmp_path: Path) -> Path:
    """An index of the three articles, closed."""
    folder, cache = library
    path = tmp_path / "lib.sqlite"
    with LibraryIndex(path) as index:
        _sync(index, folder, cache)
    return path


def test_a_corrupt_index_is_rebuilt(library, tmp_path):
    folder, cache = library
    path = _filled_index(library, tmp_path)
    path.write_bytes(b"this is not a database at all" * 100)
    with LibraryIndex(path) as index:
        assert index.rebuilt_because and "corrupt" in index.rebuilt_because
        assert index.count() == 0
        _sync(index, folder, cache)  # rebuilt from the articles and the parse cache
        assert index.count() == 3 and index.status().done == 3
    assert not Path(f"{path}.broken").exists()  # our own derived file: deleted, not kept


def test_damage_beyond_the_header_is_found_on_opening(library, tmp_path):
    folder, cache = library
    path = _filled_index(library, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[page:] = b"\xa5" * (len(data) - page)  # every page but the header's
    path.write_bytes(bytes(data))
    with LibraryIndex(path) as index:
        assert index.count() == 0  # unusable rows are dropped...
        assert index.rebuilt_because
        _sync(index, folder, cache)
        assert index.count() == 3  # ...and come back from the parse cache


def test_damage_while_the_index_is_open_rebuilds_on_the_next_read(library, tmp_path):
    folder, cache = library
    path = tmp_path / "lib.sqlite"
    with LibraryIndex(path) as index:
        _sync(index, folder, cache)
        assert index.rebuilt_because is None
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        size = path.stat().st_size
        with open(path, "r+b") as fh:  # damaged in place: same file, same inode
            fh.seek(4096)
            fh.write(b"\xa5" * (size - 4096))
        rows = index.articles()  # no traceback
        assert rows == [] and index.rebuilt_because and "corrupt" in index.rebuilt_because
        _sync(index, folder, cache)
        assert index.count() == 3


def test_a_users_file_at_an_explicit_path_is_moved_aside_never_lost(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"my own notes, not an index")
    with LibraryIndex(path, explicit=True) as index:
        assert index.rebuilt_because
        assert index.count() == 0
    assert Path(f"{path}.broken").read_bytes() == b"my own notes, not an index"
    other = sqlite3.connect(tmp_path / "other.db")  # someone else's SQLite database
    other.execute("CREATE TABLE t(x)")
    other.execute("INSERT INTO t VALUES (42)")
    other.commit()
    other.close()
    with LibraryIndex(tmp_path / "other.db", explicit=True) as index:
        assert index.rebuilt_because == "not a newsview library index"
    kept = sqlite3.connect(tmp_path / "other.db.broken")
    assert kept.execute("SELECT x FROM t").fetchone()[0] == 42
    kept.close()


def test_an_index_of_another_version_is_rebuilt_and_its_articles_kept(library, tmp_path):
    folder, cache = library
    path = _filled_index(library, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with LibraryIndex(path) as index:
        assert "another version" in (index.rebuilt_because or "")
        assert sorted(Path(p).name for p in index.salvaged_paths) == sorted(BODY)
        assert index.count() == 0
        scan.sync(index, index.salvaged_paths, pipeline=PIPELINE, cache=cache)
        assert index.count() == 3 and index.status().done == 3
    with LibraryIndex(path) as index:
        assert index.rebuilt_because is None  # the rebuilt file is of this version


def test_the_index_lives_in_the_data_folder_keyed_by_the_set_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSVIEW_DATA_DIR", str(tmp_path / "data"))
    a, b = tmp_path / "monday", tmp_path / "tuesday"
    a.mkdir(), b.mkdir()
    (a / "x.txt").write_text("x"), (a / "y.txt").write_text("y")
    assert default_path([str(a)]) == default_path([str(a / "x.txt"), str(a / "y.txt")])
    assert default_path([str(a)]) != default_path([str(b)])
    assert default_path([str(a)]).parent == tmp_path / "data" / "libraries"


def test_the_library_needs_neither_textual_nor_spacy_to_read():
    """The app's views read the index from the UI thread: that must not import spaCy (nor the engine Textual)."""
    import json

    code = ("import json, sys\nimport newsview.library.index, newsview.library.query, newsview.library.speakers,"
            " newsview.library.sources, newsview.library.scan\nprint(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    roots = {m.split(".")[0] for m in json.loads(out.stdout)}
    assert "newsview" in roots
    assert not roots & {"textual", "spacy", "thinc"}


def test_a_page_of_the_list_knows_the_whole_lists_length(library, tmp_path):
    folder, cache = library
    with LibraryIndex(tmp_path / "lib.sqlite") as index:
        _sync(index, folder, cache)
        first = index.page(sort="title", limit=2)
        assert first.total == 3 and [Path(r.path).name for r in first.rows] == ["budget.txt", "harbour.txt"]
        rest = index.page(sort="title", limit=2, offset=2)
        assert rest.total == 3 and [Path(r.path).name for r in rest.rows] == ["storm.txt"]
        beyond = index.page("@costa", limit=2, offset=5)
        assert beyond.total == 1 and beyond.rows == []


def test_a_review_saved_since_is_picked_up_by_the_next_sync(library, tmp_path):
    from newsview import engine
    from newsview.reader import read_article
    from newsview.review.actions import Accept
    from newsview.review.store import ReviewStore

    folder, cache = library
    with LibraryIndex(tmp_path / "lib.sqlite") as index:
        _sync(index, folder, cache)
        assert index.count("reviewed:yes") == 0
        path = folder / "budget.txt"
        doc = cache.get(engine.prepare(read_article(path)).source, PIPELINE)
        assert doc is not None
        store = ReviewStore.for_article(str(path), doc.source.sha256)
        store.load(doc)
        store.apply(Accept("q1"))  # the reader saves a verdict
        report = _sync(index, folder, cache)
        assert report.from_cache == [str(path)]  # re-read from the cache, with its review
        row = index.article_by_path(str(path))
        assert row is not None and row.progress == "1/1" and (row.accepted, row.rejected, row.orphaned) == (1, 0, 0)
        assert [Path(r.path).name for r in index.articles("reviewed:yes")] == ["budget.txt"]
        assert [Path(r.path).name for r in index.articles("verdict:accepted @reyes")] == ["budget.txt"]
        assert index.count("reviewed:no") == 2
        assert index.quotes(row.id)[0].verdict == "accepted"


def test_an_index_with_other_tables_under_the_same_version_is_rebuilt(library, tmp_path):
    """A build that changed the tables but not the version number still never reads the old file as its own."""
    path = _filled_index(library, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_text SET digest = 'from another build'")
    conn.commit()
    conn.close()
    with LibraryIndex(path) as index:
        assert "another version" in (index.rebuilt_because or "")
        assert len(index.salvaged_paths) == 3 and index.count() == 0


def test_an_unusable_index_path_is_one_clear_error(tmp_path):
    from newsview.library.index import LibraryIndexError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LibraryIndexError, match="cannot create"):
        LibraryIndex(blocker / "lib.sqlite")
    (tmp_path / "folder.sqlite").mkdir()
    with pytest.raises(LibraryIndexError) as info:
        LibraryIndex(tmp_path / "folder.sqlite", explicit=True)
    assert "\n" not in str(info.value)
    assert (tmp_path / "folder.sqlite").is_dir()  # left as it was


def test_an_unreadable_file_is_listed_with_its_reason(library, tmp_path):
    folder, cache = library
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    with LibraryIndex(tmp_path / "lib.sqlite") as index:
        seen: list[tuple[int, int]] = []
        report = scan.sync(index, list(scan.expand_inputs([str(folder)]).files), pipeline=PIPELINE, cache=cache,
                           on_file=lambda done, total: seen.append((done, total)))
        assert sorted(Path(p).name for p in report.unreadable) == ["binary.txt", "empty.txt"]
        assert seen[-1] == (5, 5) and len(seen) == 5
        empty = index.article_by_path(str(folder / "empty.txt"))
        assert empty is not None and empty.state == "unreadable" and "empty" in (empty.reason or "")
        assert index.status().unreadable == 2 and index.status().done == 3
        assert [Path(r.path).name for r in index.articles(sort="state")][:2] == ["binary.txt", "empty.txt"]
