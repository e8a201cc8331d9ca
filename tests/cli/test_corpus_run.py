"""Corpus runs into Parquet: the same tables in one process, in several, and on
a real Dask cluster (a scheduler and two workers started here on 127.0.0.1),
even when a worker is killed mid-run; a rerun resumes where a run stopped."""

from __future__ import annotations

import json
import re
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

pytest.importorskip("pyarrow")
pytest.importorskip("distributed")

from newsview.corpus.manifest import MANIFEST_NAME  # noqa: E402
from newsview.corpus.parquet import read_table  # noqa: E402
from newsview.corpus.rows import TABLES  # noqa: E402
from newsview.corpus.runner import CorpusError, run_corpus  # noqa: E402

#: small partitions, so a handful of articles make many tasks
SIZE = 1_000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The sample articles, three of them twice, and a file that cannot be read."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SAMPLES, folder / "one")
    (folder / "two").mkdir()
    for name in sorted(p.name for p in SAMPLES.glob("wikinews-*.txt"))[:3]:
        shutil.copy(SAMPLES / name, folder / "two" / name)
    (folder / "two" / "zz-empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    """The corpus analysed in this one process."""
    out = tmp_path_factory.mktemp("reference") / "out"
    summary = run_corpus([str(corpus)], out, size=SIZE)
    assert summary.articles == 18 and summary.errors == 1 and not summary.failed
    return out


def _tables(out: Path) -> dict[str, list[dict]]:
    return {table: read_table(out, table) for table in TABLES}


def _part_files(out: Path) -> dict[str, int]:
    """Every part file and its inode (a rewritten file gets a new one)."""
    return {str(p.relative_to(out)): p.stat().st_ino for p in sorted(out.glob("*/part-*.parquet"))}


def test_the_tables_hold_every_article_quote_and_error(reference, corpus):
    tables = _tables(reference)
    articles = tables["articles"]
    assert [a["ordinal"] for a in articles + tables["errors"]] != []
    ordinals = sorted(a["ordinal"] for a in articles) + [e["ordinal"] for e in tables["errors"]]
    assert sorted(ordinals) == list(range(len(ordinals)))  # each article once, in a table
    error = tables["errors"][0]
    assert error["article_id"].endswith("zz-empty.txt") and "empty" in error["reason"]
    gdansk = [a for a in articles if a["article_id"].endswith("one/wikinews-2019-01-14-gdansk-mayor-stabbed.txt")]
    assert len(gdansk) == 1 and gdansk[0]["quotes"] > 0 and gdansk[0]["words"] > 100
    quotes = [q for q in tables["quotes"] if q["ordinal"] == gdansk[0]["ordinal"]]
    assert len(quotes) == gdansk[0]["quotes"]
    assert all(gdansk[0]["text"][q["start"]:q["end"]] for q in quotes)
    # the same article analysed twice gives the same rows
    twin = [a for a in articles if a["article_id"].endswith("two/wikinews-2019-01-14-gdansk-mayor-stabbed.txt")][0]
    assert twin["text"] == gdansk[0]["text"] and twin["quotes"] == gdansk[0]["quotes"]


def test_several_processes_write_the_same_tables(reference, corpus, tmp_path):
    summary = run_corpus([str(corpus)], tmp_path / "out", size=SIZE, jobs=2)
    assert not summary.failed
    assert _tables(tmp_path / "out") == _tables(reference)
    assert list(_part_files(tmp_path / "out")) == list(_part_files(reference))


def test_a_rerun_skips_finished_partitions_and_restart_starts_over(reference, corpus, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    manifest = out / MANIFEST_NAME
    lines = manifest.read_text(encoding="utf-8").splitlines()
    total = json.loads(lines[0])["partitions"]
    assert total >= 6 and len(lines) == total + 1
    kept = lines[1:4]
    # a run that stopped after three partitions, killed while recording a fourth
    manifest.write_text("\n".join([lines[0], *kept]) + '\n{"partition": 5, "arti', encoding="utf-8")
    for line in lines[4:]:
        index = json.loads(line)["partition"]
        (out / "quotes" / f"part-{index:06d}.parquet").unlink()
    before = _part_files(out)
    summary = run_corpus([str(corpus)], out, size=SIZE)
    assert summary.skipped == 3 and summary.partitions == total
    after = _part_files(out)
    finished = {json.loads(line)["partition"] for line in kept}
    for name, inode in after.items():
        index = int(name.split("-")[1].split(".")[0])
        assert (inode == before.get(name)) == (index in finished), name
    assert _tables(out) == _tables(reference)
    assert len(manifest.read_text(encoding="utf-8").splitlines()) == total + 2  # plus the cut line
    # --restart: everything written again
    started = time.time_ns()
    summary = run_corpus([str(corpus)], out, size=SIZE, restart=True)
    assert summary.skipped == 0 and len(manifest.read_text(encoding="utf-8").splitlines()) == total + 1
    assert all((out / name).stat().st_mtime_ns >= started for name in _part_files(out))
    assert _tables(out) == _tables(reference)


def test_a_folder_of_something_else_or_another_runs_output_is_refused(reference, corpus, tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my notes", encoding="utf-8")
    with pytest.raises(CorpusError, match="not empty"):
        run_corpus([str(corpus)], mine, size=SIZE, restart=True)
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "my notes" and len(list(mine.iterdir())) == 1
    other = tmp_path / "other"
    shutil.copytree(reference, other)
    with pytest.raises(CorpusError, match="--restart"):
        run_corpus([str(corpus / "one")], other, size=SIZE)
    assert _tables(other) == _tables(reference)


def test_table_inputs_become_articles_and_error_rows(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = (SAMPLES / "wikinews-2019-05-16-doris-day-dies.txt").read_text(encoding="utf-8")
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"id": "dd", "text": text, "title": "Given title", "date": "2019-05-13",
                                 "url": "https://example.org/dd"}) + "\n" + json.dumps({"id": "blank", "text": ""}) + "\n",
                     encoding="utf-8")
    csv_file = tmp_path / "b.csv"
    csv_file.write_text("id,body\n1,hello\n", encoding="utf-8")
    parquet = tmp_path / "c.parquet"
    pq.write_table(pa.table({"id": ["p1"], "text": [None]}, schema=pa.schema([("id", pa.string()), ("text", pa.string())])),
                   parquet)
    out = tmp_path / "out"
    summary = run_corpus([str(jsonl), str(csv_file), str(parquet)], out, size=SIZE)
    tables = _tables(out)
    assert [a["article_id"] for a in tables["articles"]] == ["dd"]
    dd = tables["articles"][0]
    assert (dd["title"], dd["date"], dd["url"]) == ("Given title", "2019-05-13", "https://example.org/dd")
    assert dd["quotes"] == len(tables["quotes"]) and dd["actors"] == len(tables["actors"]) > 0
    assert [e["article_id"] for e in tables["errors"]] == ["blank", str(csv_file), "p1"]
    assert summary.articles == 1 and summary.errors == 3


# -- a real Dask cluster ------------------------------------------------------------


def _dask(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("dask")), *args]


class Cluster:
    """A `dask scheduler` and `dask worker` processes on 127.0.0.1, stopped at the end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.processes: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        address_file = folder / "scheduler.json"
        self._start(_dask("scheduler", "--host", "127.0.0.1", "--port", "0", "--dashboard-address", "127.0.0.1:0",
                          "--scheduler-file", str(address_file)), "scheduler")
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.address = json.loads(address_file.read_text())["address"]

    def _start(self, command: list[str], name: str) -> subprocess.Popen:
        log = open(self.folder / f"{name}.log", "w")
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        self.processes.append(process)
        return process

    def add_worker(self) -> subprocess.Popen:
        # no nanny: the worker is the process, so killing it kills the worker
        worker = self._start(_dask("worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard",
                                   "--host", "127.0.0.1", "--name", f"w{len(self.workers)}"), f"worker{len(self.workers)}")
        self.workers.append(worker)
        return worker

    def wait_for_workers(self, n: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=30) as client:
            client.wait_for_workers(n, timeout=120)

    def stop(self) -> None:
        # the workers hold nothing worth a graceful close; the scheduler is asked first
        for process in self.processes:
            if process.poll() is None and process in self.workers:
                process.kill()
            elif process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture
def cluster(tmp_path):
    started = Cluster(tmp_path)
    try:
        started.add_worker()
        started.add_worker()
        started.wait_for_workers(2)
        yield started
    finally:
        started.stop()


def test_a_dask_cluster_writes_the_same_tables(reference, corpus, cluster, tmp_path):
    summary = run_corpus([str(corpus)], tmp_path / "out", size=SIZE, cluster=cluster.address)
    assert not summary.failed and summary.skipped == 0
    assert _tables(tmp_path / "out") == _tables(reference)
    assert list(_part_files(tmp_path / "out")) == list(_part_files(reference))


def test_a_worker_killed_mid_run_loses_nothing_and_duplicates_nothing(reference, corpus, cluster, tmp_path):
    out = tmp_path / "out"
    manifest = out / MANIFEST_NAME
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["summary"] = run_corpus([str(corpus)], out, size=SIZE, cluster=cluster.address)
        except BaseException as exc:  # reported by the test below
            outcome["error"] = exc

    runner = threading.Thread(target=run)
    runner.start()
    deadline = time.monotonic() + 180
    # kill a worker as soon as the first partition is written: the others are still to do
    while time.monotonic() < deadline and runner.is_alive():
        if manifest.exists() and len(manifest.read_text(encoding="utf-8").splitlines()) >= 2:
            break
        time.sleep(0.05)
    victim = cluster.workers[0]
    os.kill(victim.pid, signal.SIGKILL)
    done_at_kill = len(manifest.read_text(encoding="utf-8").splitlines()) - 1
    runner.join(timeout=300)
    assert not runner.is_alive()
    assert "error" not in outcome, outcome.get("error")
    assert victim.wait(timeout=10) == -signal.SIGKILL
    summary = outcome["summary"]
    assert done_at_kill < summary.partitions  # the kill came mid-run
    assert not summary.failed
    assert _tables(out) == _tables(reference)
    entries = [json.loads(line)["partition"] for line in manifest.read_text(encoding="utf-8").splitlines()[1:]]
    assert sorted(entries) == list(range(summary.partitions))  # each partition recorded once


# -- the command line ---------------------------------------------------------------


def _newsview(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsview", *args], capture_output=True, text=True, timeout=300)


def test_the_command_writes_a_parquet_folder_and_says_how_it_went(tmp_path):
    table = tmp_path / "articles.jsonl"
    text = (SAMPLES / "wikinews-2019-05-16-doris-day-dies.txt").read_text(encoding="utf-8")
    table.write_text(json.dumps({"key": "dd", "body": text}) + "\n" + json.dumps({"key": "none"}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    proc = _newsview(str(table), "--format", "parquet", "-o", str(out), "--text-column", "body", "--id-column", "key")
    assert proc.returncode == 1  # one article is an error row
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert any("2 articles (1 error)" in line for line in lines) and any(f"{out}/errors" in line for line in lines)
    assert [a["article_id"] for a in read_table(out, "articles")] == ["dd"]
    assert [e["article_id"] for e in read_table(out, "errors")] == ["none"]
    again = _newsview(str(table), "--format", "parquet", "-o", str(out), "--text-column", "body", "--id-column", "key")
    assert again.returncode == 1 and "earlier run" in again.stderr


def test_wrong_corpus_command_lines_are_one_line_and_exit_2(tmp_path):
    sample = str(SAMPLES / "hostile.txt")
    for args, says in [
        (["--format", "parquet"], "-o DIR"),
        (["--format", "parquet", "-o", str(tmp_path / "o"), "--cluster", "nowhere"], "tcp://HOST:PORT"),
        (["--format", "jsonl", "--cluster", "local:2"], "-o DIR"),
        (["--format", "text", "--cluster", "local:2"], "--format jsonl -o DIR"),
    ]:
        proc = _newsview(sample, *args)
        assert proc.returncode == 2, args
        assert len(proc.stderr.strip().splitlines()) == 1 and says in proc.stderr, proc.stderr


def test_the_everyday_commands_do_not_import_dask_or_pyarrow():
    code = "import sys, newsview.cli, newsview.cli.parser, newsview.batch, newsview.cli.run_corpus; " \
           "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed', 'pyarrow'}))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


# -- JSONL shards ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def local_jsonl(corpus) -> list[str]:
    """``newsview CORPUS --format jsonl``: the documents a local run of the same folder writes, one a line."""
    proc = _newsview(str(corpus), "--format", "jsonl")
    assert proc.returncode == 1 and "zz-empty.txt" in proc.stderr  # the empty file is skipped, and said
    return proc.stdout.splitlines(keepends=True)


def test_jsonl_shards_hold_the_documents_a_local_jsonl_run_writes_in_order(local_jsonl, corpus, tmp_path):
    from newsview.corpus.shards import read_lines

    out = tmp_path / "out"
    summary = run_corpus([str(corpus)], out, size=SIZE, fmt="jsonl")
    assert summary.articles == 18 and summary.errors == 1 and summary.partitions >= 6
    assert read_lines(out, "documents") == local_jsonl
    assert len(list((out / "documents").glob("part-*.jsonl"))) == summary.partitions
    [error] = [json.loads(line) for line in read_lines(out, "errors")]
    assert error["article_id"].endswith("zz-empty.txt") and "empty" in error["reason"]
    assert not list(out.glob("*/*.parquet"))  # JSONL only
    # a rerun with two partitions lost resumes: only they are written again, and the whole is the same
    manifest = out / MANIFEST_NAME
    lines = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text("\n".join(lines[:-2]) + "\n", encoding="utf-8")
    lost = [json.loads(line)["partition"] for line in lines[-2:]]
    for index in lost:
        (out / "documents" / f"part-{index:06d}.jsonl").unlink()
    kept = {p.name: p.stat().st_ino for p in (out / "documents").glob("part-*.jsonl")}
    again = run_corpus([str(corpus)], out, size=SIZE, fmt="jsonl")
    assert again.skipped == summary.partitions - 2
    assert all((out / "documents" / name).stat().st_ino == inode for name, inode in kept.items())
    assert read_lines(out, "documents") == local_jsonl


def test_a_parquet_folder_is_not_resumed_as_jsonl(reference, corpus, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    with pytest.raises(CorpusError, match="--restart"):
        run_corpus([str(corpus)], out, size=SIZE, fmt="jsonl")
    run_corpus([str(corpus)], out, size=SIZE, fmt="jsonl", restart=True)
    assert not list(out.glob("*/*.parquet"))  # the Parquet run's files are gone, only its own are left


def test_a_dask_cluster_writes_the_same_jsonl_shards(local_jsonl, corpus, cluster, tmp_path):
    from newsview.corpus.shards import read_lines

    out = tmp_path / "out"
    summary = run_corpus([str(corpus)], out, size=SIZE, cluster=cluster.address, fmt="jsonl")
    assert not summary.failed
    assert read_lines(out, "documents") == local_jsonl


def test_the_command_writes_jsonl_shards_into_a_folder(local_jsonl, corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    proc = _newsview(str(corpus), "--format", "jsonl", "-o", str(out), "-j", "2")
    assert proc.returncode == 1 and proc.stdout == ""  # one article is an error row
    documents = sorted((out / "documents").glob("part-*.jsonl"))
    assert "".join(p.read_text(encoding="utf-8") for p in documents).splitlines(keepends=True) == local_jsonl


# -- progress ---------------------------------------------------------------------------


class _Terminal:
    """A stream that says it is a terminal, keeping what is drawn on it."""

    def __init__(self) -> None:
        import io

        self.buffer = io.StringIO()

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return self.buffer.write(text)

    def flush(self) -> None:
        pass


def test_the_bar_moves_article_by_article_within_a_partition(corpus, tmp_path):
    import re

    terminal = _Terminal()
    # one partition holds every article: only per-article reports can move the count before the end
    summary = run_corpus([str(corpus)], tmp_path / "out", size=10**9, stream=terminal, fmt="jsonl")  # type: ignore[arg-type]
    assert summary.partitions == 1
    counts = {int(n) for n in re.findall(r"(\d+)/19 articles", terminal.buffer.getvalue())}
    assert any(0 < n < 19 for n in counts), counts
    assert "words/s" in terminal.buffer.getvalue() and "1 worker" in terminal.buffer.getvalue()


def test_off_a_terminal_the_run_ends_with_one_summary_line_and_no_bar(corpus, tmp_path):
    proc = _newsview(str(corpus / "two"), "--format", "parquet", "-o", str(tmp_path / "out"), "-j", "2")
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert len(lines) == 2, lines  # the summary, and where the error rows are
    assert re.fullmatch(r"newsview: 4 articles \(1 error\) in \d+:\d\d, [\d,]+ words/s on 2 workers; .*out",
                        lines[0]), lines[0]
    assert "\x1b" not in proc.stderr and "━" not in proc.stderr


def test_the_dashboard_address_is_printed_when_the_cluster_serves_one(corpus, tmp_path, monkeypatch):
    import io

    from newsview.corpus import runner
    from newsview.corpus.local import LocalExecutor

    class WithDashboard(LocalExecutor):
        dashboard = "http://127.0.0.1:8787/status"

    monkeypatch.setattr(runner, "_executor", lambda model, jobs, cluster: WithDashboard(model, jobs))
    stream = io.StringIO()  # not a terminal: the address is still said, once
    summary = run_corpus([str(corpus / "two")], tmp_path / "out", size=SIZE, stream=stream)
    assert summary.dashboard == WithDashboard.dashboard
    assert stream.getvalue() == f"newsview: Dask dashboard: {WithDashboard.dashboard}\n"
