"""Folders into articles, and the background analysis loop."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from library_helpers import PIPELINE, FakeAnalyzer, write_article

from newsview.cache import ParseCache
from newsview.library import scan, speakers
from newsview.library.index import LibraryIndex
from newsview.library.scan import AnalysisLoop, LoopProgress

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_a_folder_becomes_its_article_files(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.txt", "a.html", "sub/c.txt", ".secret.txt", ".hidden/d.txt", "a.txt.review.json", "notes.md", "x.png"):
        (tmp_path / name).write_text("text")
    found = scan.expand_inputs([str(tmp_path), str(tmp_path / "b.txt"), str(tmp_path / "missing.txt")])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found.files] == ["a.html", "b.txt", "sub/c.txt"]
    assert len(found.problems) == 1 and str(found.problems[0]).endswith("missing.txt: no such file")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert tuple(map(str, scan.expand_inputs([str(empty)]).problems)) == (f"{empty}: no articles in this folder",)



def test_a_pattern_becomes_the_articles_it_matches_as_a_folder_does(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.html", "sub/c.txt", "a.txt.review.json", "notes.md"):
        (tmp_path / name).write_text("text")
    found = scan.expand_inputs([str(tmp_path / "*.txt"), str(tmp_path / "s*"), str(tmp_path / "*.review.json")])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found.files] == ["b.txt", "sub/c.txt"]
    assert found.expanded and tuple(map(str, found.problems)) == (f"{tmp_path}/*.review.json: no articles match this pattern",)


def test_names_as_given_keep_their_spelling_and_leave_the_rest_to_the_reader(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "day").mkdir()
    (tmp_path / "day" / "a.txt").write_text("text")
    found = scan.expand_inputs(["day", "-", "missing.txt", "day/a.txt"], as_given=True)
    assert found.files == ("day/a.txt", "-", "missing.txt") and found.problems == ()
    assert not scan.expand_inputs(["day/a.txt"], as_given=True).expanded


def test_a_named_pipe_in_a_folder_is_not_an_article_to_wait_on(tmp_path: Path):
    import os

    (tmp_path / "a.txt").write_text("text")
    os.mkfifo(tmp_path / "pipe.txt")
    assert [Path(p).name for p in scan.expand_inputs([str(tmp_path)]).files] == ["a.txt"]
    assert [Path(p).name for p in scan.expand_inputs([str(tmp_path / "*.txt")]).files] == ["a.txt"]

def _queued_library(tmp_path: Path, names: list[str]):
    folder = tmp_path / "set"
    folder.mkdir()
    cache = ParseCache(tmp_path / "cache")
    for i, name in enumerate(names):
        write_article(folder, f"2024-01-{i + 10}-{i}.txt", f"{name} says yes", f'{name} said "yes" on day {i}.')
    index_path = tmp_path / "lib.sqlite"
    with LibraryIndex(index_path) as index:
        report = scan.sync(index, list(scan.expand_inputs([str(folder)]).files), pipeline=PIPELINE, cache=cache)
        assert len(report.queued) == len(names)
    return folder, cache, index_path


def test_the_loop_analyses_everything_and_a_failure_stops_nothing(tmp_path: Path):
    folder, cache, index_path = _queued_library(tmp_path, ["Ana Costa", "Broken Bob", "Tom Reyes"])
    events: list[LoopProgress] = []
    analyzer = FakeAnalyzer(cache, fail="Broken Bob")
    final = AnalysisLoop(index_path, analyzer, progress=events.append).run()  # type: ignore[arg-type]
    assert final.event == "finished" and (final.done, final.failed, final.left) == (2, 1, 0)
    with LibraryIndex(index_path) as index:
        rows = {Path(r.path).name: r for r in index.articles()}
        broken = rows["2024-01-11-1.txt"]
        assert broken.state == "failed" and "the parser tripped over something" in (broken.reason or "")
        assert rows["2024-01-12-2.txt"].state == "done" and rows["2024-01-12-2.txt"].quotes == 1
        assert [s.name for s in speakers.speakers(index)] == ["Ana Costa", "Tom Reyes"]  # the ledger is up to date
        # a failed article is not tried again until it changes
        assert scan.sync(index, list(scan.expand_inputs([str(folder)]).files), pipeline=PIPELINE, cache=cache).unchanged == 3
    kinds = [e.event for e in events]
    assert kinds.count("started") == 3 and kinds.count("failed") == 1 and kinds[-1] == "finished"
    assert any(e.event == "share" and e.share == 0.5 for e in events)


def test_the_most_recently_opened_article_goes_first(tmp_path: Path):
    _folder, cache, index_path = _queued_library(tmp_path, ["Ana Costa", "Tom Reyes", "Lia Moss"])
    with LibraryIndex(index_path) as index:
        rows = {Path(r.path).name: r for r in index.articles()}
        index.mark_opened(rows["2024-01-10-0.txt"].id)
        index.mark_opened(rows["2024-01-11-1.txt"].id)
    analyzer = FakeAnalyzer(cache)
    AnalysisLoop(index_path, analyzer).run()  # type: ignore[arg-type]
    # opened last first, then the newest of the others
    assert analyzer.order == ["2024-01-11-1.txt", "2024-01-10-0.txt", "2024-01-12-2.txt"]


def test_a_missing_pipeline_stops_the_loop_with_the_articles_still_queued(tmp_path: Path):
    _folder, cache, index_path = _queued_library(tmp_path, ["Ana Costa", "Tom Reyes"])
    final = AnalysisLoop(index_path, FakeAnalyzer(cache, model_error=True)).run()  # type: ignore[arg-type]
    assert final.event == "stopped" and "no spaCy pipeline" in (final.reason or "")
    with LibraryIndex(index_path) as index:
        assert index.status().queued == 2


def test_stopping_the_loop_gives_the_article_back(tmp_path: Path):
    _folder, cache, index_path = _queued_library(tmp_path, ["Ana Costa", "Tom Reyes"])
    analyzer = FakeAnalyzer(cache)
    loop = AnalysisLoop(index_path, analyzer, progress=lambda e: loop.stop() if e.event == "done" else None)  # type: ignore[arg-type]
    thread = threading.Thread(target=loop.run)
    thread.start()
    thread.join(60)
    with LibraryIndex(index_path) as index:
        status = index.status()
        assert (status.done, status.queued, status.analysing) == (1, 1, 0)


def test_an_abandoned_claim_is_taken_back(tmp_path: Path):
    _folder, cache, index_path = _queued_library(tmp_path, ["Ana Costa"])
    with LibraryIndex(index_path) as index:
        assert index.claim_next("elsewhere:999999999") is not None  # a process that is gone...
    import os

    with LibraryIndex(index_path) as index:
        assert index.status().analysing == 1
        claim = index.claim_next(f"{os.uname().nodename}:{os.getpid()}")
        assert claim is None  # ...on another host: trusted
        index.write(lambda c: c.execute("UPDATE articles SET claimed_by = ?", (f"{os.uname().nodename}:999999999",)))
        assert index.claim_next(f"{os.uname().nodename}:{os.getpid()}") is not None  # on this host, and dead: taken back


def test_the_real_engine_fills_the_library(tmp_path: Path):
    """Two sample articles analysed by the real pipeline in the background loop."""
    from newsview.engine import Analyzer

    folder = tmp_path / "set"
    folder.mkdir()
    for name in ("wikinews-2019-01-07-trump-state-of-emergency.txt", "wikinews-2019-09-29-khashoggi-fiancee-un.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    analyzer = Analyzer(None, cache=ParseCache(tmp_path / "cache"))
    index_path = tmp_path / "lib.sqlite"
    with LibraryIndex(index_path) as index:
        report = scan.sync(index, list(scan.expand_inputs([str(folder)]).files), pipeline=analyzer.pipeline,
                           cache=analyzer.cache)
        assert len(report.queued) == 2
        assert index.count('"state of emergency"') == 1  # searchable before it is analysed
    final = AnalysisLoop(index_path, analyzer).run()
    assert (final.done, final.failed) == (2, 0)
    with LibraryIndex(index_path) as index:
        assert all(r.state == "done" and r.quotes > 0 for r in index.articles())
        trump = speakers.speakers(index, "trump")
        assert trump and trump[0].name == "Donald Trump" and trump[0].quotes >= 3
        # a second sync finds every analysis in the parse cache: nothing to redo
        again = scan.sync(index, list(scan.expand_inputs([str(folder)]).files), pipeline=analyzer.pipeline,
                          cache=analyzer.cache)
        assert again.unchanged == 2
        row = index.articles("@trump")[0]
        doc = scan.open_article(row.path, analyzer)
        assert doc.analysed and len(doc.quotes) == row.quotes


def test_a_sync_that_fails_beside_the_analysis_stops_it_and_its_error_reaches_the_caller(tmp_path: Path, monkeypatch):
    import pytest

    from newsview.library import background

    folder, cache, index_path = _queued_library(tmp_path, ["Ana Costa"])

    def broken_sync(*args, **kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(background, "sync", broken_sync)
    loop = AnalysisLoop(index_path, FakeAnalyzer(cache))  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="the disk went away"):
        background.sync_while_analysing(loop, list(scan.expand_inputs([str(folder)]).files))
    assert loop.stopped


def test_ctrl_c_in_the_analysis_stops_the_sync_beside_it_at_its_next_member(tmp_path: Path, monkeypatch):
    """``--format speakers`` on a big folder, Ctrl-C: the run ends then, not after every other member is read."""
    import pytest

    from newsview.library import background

    folder, cache, index_path = _queued_library(tmp_path, [f"Person {i}" for i in range(4)])
    loop = AnalysisLoop(index_path, FakeAnalyzer(cache))  # type: ignore[arg-type]
    first_member = threading.Event()
    synced: list[int] = []

    def on_file(done: int, total: int) -> None:
        synced.append(done)
        first_member.set()
        loop._stop.wait(5)  # the sync's first member stays in hand until the loop has been stopped

    def interrupted_run(feed=None):
        first_member.wait(10)
        raise KeyboardInterrupt

    monkeypatch.setattr(loop, "run", interrupted_run)
    with pytest.raises(KeyboardInterrupt):
        background.sync_while_analysing(loop, list(scan.expand_inputs([str(folder)]).files), on_file=on_file)
    assert synced == [1]
