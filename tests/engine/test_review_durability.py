"""Review durability: every acknowledged change survives kill -9 and SIGHUP; failed writes lose nothing."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from newsview.review.actions import Accept, Reject, SetNote
from newsview.review.errors import ReviewError
from newsview.review.store import ReviewStore
from review_helpers import article_doc, open_store

#: Applies actions in a loop and prints one line per action once apply() has returned.
WRITER = textwrap.dedent(
    """
    import itertools, json, signal, sys
    # a hang-up must end this writer as it ends an editor's session, even when the tests were
    # started under nohup (which a child would inherit as "ignore SIGHUP" and never die)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    from newsview.model import ParsedDocument
    from newsview.review.actions import Accept, Reject, SetNote
    from newsview.review.store import ReviewStore

    doc_path, review_path, tag = sys.argv[1:4]
    limit = int(sys.argv[4]) if len(sys.argv) > 4 else None
    with open(doc_path, encoding="utf-8") as fh:
        doc = ParsedDocument.from_dict(json.load(fh))
    store = ReviewStore(review_path)
    store.load(doc)
    print("ready", flush=True)
    ids = [q.id for q in doc.quotes]
    for n in itertools.count():
        if limit is not None and n >= limit:
            break
        qid = ids[n % len(ids)]
        kind = n % 3
        action = SetNote(qid, f"{tag} note {n}") if kind == 0 else Accept(qid) if kind == 1 else Reject(qid)
        store.apply(action)
        print("ack", action.id, flush=True)
    """
)


@pytest.fixture
def doc_file(tmp_path):
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(article_doc().to_dict()), encoding="utf-8")
    return path


def start_writer(doc_file, review_path, tag: str, limit: int | None = None) -> subprocess.Popen:
    args = [sys.executable, "-c", WRITER, str(doc_file), str(review_path), tag]
    if limit is not None:
        args.append(str(limit))
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGHUP], ids=["SIGKILL", "SIGHUP"])
def test_acknowledged_actions_survive_the_process_being_killed(tmp_path, doc_file, sig):
    review_path = tmp_path / "article.txt.review.json"
    rng = random.Random()
    acknowledged: list[str] = []
    for round_ in range(8):
        proc = start_writer(doc_file, review_path, f"round{round_}")
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        stop_after = rng.randrange(1, 40)
        for _ in range(stop_after):
            line = proc.stdout.readline()
            assert line.startswith("ack "), proc.stderr.read()
            acknowledged.append(line.split()[1])
        time.sleep(rng.uniform(0, 0.01))  # an action takes a few ms: land anywhere inside the next ones
        os.kill(proc.pid, sig)
        rest, _ = proc.communicate()
        # only whole lines count: the process may die half-way through printing one
        acknowledged += [line.split()[1] for line in rest.split("\n")[:-1] if line.startswith("ack ")]
        assert proc.returncode == -sig

        data = json.loads(review_path.read_text(encoding="utf-8"))  # the file parses after every kill
        saved = {e["id"] for e in data["actions"]}
        missing = [a for a in acknowledged if a not in saved]
        assert not missing, f"round {round_}: {len(missing)} acknowledged actions lost"
    store = ReviewStore(review_path)
    review = store.load(article_doc())
    assert review.revision >= len(acknowledged)
    (tmp_path / f".{review_path.name}.k1ll3d.tmp").write_text('{"schema": "newsview-rev')
    store.apply(Accept("q1"))  # the next save clears temporary files a killed writer left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([review_path.name, doc_file.name])


def test_two_processes_writing_at_once_lose_nothing(tmp_path, doc_file):
    review_path = tmp_path / "article.txt.review.json"
    procs = [start_writer(doc_file, review_path, tag, limit=25) for tag in ("left", "right")]
    outputs = [p.communicate() for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    acked = [line.split()[1] for out, _ in outputs for line in out.splitlines() if line.startswith("ack ")]
    assert len(acked) == 50
    review = ReviewStore(review_path).load()
    assert sorted(e["id"] for e in review.entries) == sorted(acked)
    assert review.revision == 50


def _fail_with(err: int):
    def fail(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    return fail


def test_full_disk_during_fsync_keeps_the_previous_file(tmp_path, monkeypatch):
    doc = article_doc()
    review_path = tmp_path / "article.txt.review.json"
    store = open_store(review_path, doc)
    store.apply(Accept("q1"))
    store.apply(SetNote("q1", "keep me"))
    before = review_path.read_bytes()

    monkeypatch.setattr(os, "fsync", _fail_with(errno.ENOSPC))
    with pytest.raises(ReviewError) as err:
        store.apply(SetNote("q2", "written while the disk was full"))
    message = str(err.value)
    assert "disk is full" in message and str(review_path) in message and "\n" not in message
    assert review_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [review_path.name]  # no temporary file left behind
    assert store.view().quote("q2").note == ""  # not acknowledged, so not shown as saved

    monkeypatch.undo()
    reloaded = open_store(review_path, doc).view()
    assert reloaded.quote("q1").note == "keep me"
    # the unsaved change travels with the error: retrying saves it once
    store.apply(err.value.action)
    store.apply(err.value.action)
    assert store.view().quote("q2").note == "written while the disk was full"
    assert len(ReviewStore(review_path).load().entries) == 3


def test_full_disk_part_way_through_writing(tmp_path, monkeypatch):
    doc = article_doc()
    review_path = tmp_path / "article.txt.review.json"
    store = open_store(review_path, doc)
    store.apply(Reject("q3", reason="wrong_speaker"))
    before = review_path.read_bytes()
    real_write = os.write

    def short_write(fd, data):
        if len(data) > 64:
            return real_write(fd, bytes(data[:64]))  # the disk fills up after a few bytes
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", short_write)
    with pytest.raises(ReviewError, match="disk is full"):
        store.apply(Accept("q4"))
    monkeypatch.undo()
    assert review_path.read_bytes() == before
    view = open_store(review_path, doc).view()
    assert view.quote("q3").verdict == "rejected" and view.quote("q4").verdict is None


def test_permission_denied_is_a_clear_error(tmp_path, monkeypatch):
    doc = article_doc()
    review_path = tmp_path / "article.txt.review.json"
    store = open_store(review_path, doc)
    store.apply(Accept("q1"))
    before = review_path.read_bytes()
    monkeypatch.setattr(os, "replace", _fail_with(errno.EACCES))
    with pytest.raises(ReviewError, match="permission denied"):
        store.apply(Accept("q2"))
    monkeypatch.undo()
    assert review_path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [review_path.name]
