"""A corpus run from start to end: inputs -> partitions -> rows -> Parquet or JSONL shards.

A cluster is started (and the pipeline loaded on its workers) while the
inputs are scanned.  The inputs are read twice: once to count the articles and fingerprint them
(which sizes the partitions and identifies the run for a resume), then again
as the partitions are handed out.  Only the process that calls
:func:`run_corpus` writes files, one partition at a time as results arrive,
and records each in the manifest once its files are in place.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import IO, Any, Iterable

from .inputs import Columns, items
from .manifest import Manifest, ManifestError, check_folder, check_output, open_manifest
from .partition import partition_words, partitions
from .work import PartitionFailure, PartitionResult
from ..progress import RunProgress


class CorpusError(Exception):
    """The run cannot start or go on; ``str(exc)`` is one line for the user.

    ``exit_code``: 2 for a wrong command line or output folder, 1 when the
    output cannot be written, 3 when the cluster cannot be used.
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class RunSummary:
    articles: int = 0
    errors: int = 0
    words: int = 0
    partitions: int = 0
    #: partitions a previous run had finished
    skipped: int = 0
    #: (partition index, reason) of partitions left for the next run
    failed: list[tuple[int, str]] = field(default_factory=list)
    dashboard: str | None = None
    line: str = ""
    #: quote clusters written at the end (None: not written, some partition is missing)
    clusters: int | None = None
    #: when each phase of the run was reached (``time.time()``): started, scanned,
    #: workers_ready, written (every partition), finished (quote clusters written, workers closed); and each partition analysed by this run, as
    #: (index, pid, started, finished, analysis CPU seconds, received, seconds to write)
    phases: dict[str, float] = field(default_factory=dict)
    timings: list[tuple[int, int, float, float, float, float, float]] = field(default_factory=list)


@dataclass(frozen=True)
class _Scan:
    articles: int
    words: int
    partitions: int
    fingerprint: str


def _scan(inputs: list[str], columns: Columns, size: int | None) -> _Scan:
    digest = hashlib.sha256()
    count = words = 0
    for item in items(inputs, columns):
        digest.update(item.fingerprint())
        count += 1
        words += item.weight
    size = size or partition_words(words)
    groups = sum(1 for _ in partitions(_weights_only(inputs, columns), size)) if count else 0
    return _Scan(count, words, groups, digest.hexdigest())


def _weights_only(inputs: list[str], columns: Columns) -> Iterable:
    """The items without their text, for counting partitions without holding a table's rows."""
    from dataclasses import replace

    return (replace(item, text=None) for item in items(inputs, columns))


def run_corpus(
    inputs: list[str],
    output: str | os.PathLike,
    *,
    model: str | None = None,
    columns: Columns | None = None,
    jobs: int = 1,
    cluster: str | None = None,
    restart: bool = False,
    size: int | None = None,
    stream: IO[str] | None = None,
    fmt: str = "parquet",
) -> RunSummary:
    """Analyse every article of ``inputs`` into the folder ``output``: a Parquet
    dataset, or JSONL shards (``fmt``, see :mod:`.shards`).

    Raises :class:`CorpusError` (or :class:`newsview.pipeline.ModelError`)
    when the run cannot start or cannot go on; a bad article is an error row.
    """
    from .. import ENGINE_VERSION
    from ..pipeline import describe, resolve_model

    stream = stream if stream is not None else sys.stderr
    columns = columns or Columns()
    phases = {"started": time.time()}
    name = resolve_model(model)  # one error before anything is read or started
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise CorpusError('--format parquet needs pyarrow: pip install "newsview[cluster]"') from None
    try:
        check_folder(output)  # what no scan can change, before a cluster is started
    except ManifestError as exc:
        raise CorpusError(str(exc)) from None
    # a cluster's workers start and load the pipeline while the inputs are scanned
    starting = _Starting(name, jobs, cluster, phases)
    try:
        scan = _scan(inputs, columns, size)
        if not scan.articles:
            raise CorpusError("no articles in the inputs")
        phases["scanned"] = time.time()
        size = size or partition_words(scan.words)
        header = {"fingerprint": scan.fingerprint, "pipeline": describe(name), "engine": ENGINE_VERSION,
                  "output": fmt, "partition_words": size, "partitions": scan.partitions, "articles": scan.articles}
        try:
            check_output(output, header, restart=restart)
            executor = starting.result()
            try:
                manifest = open_manifest(output, header, restart=restart)
            except BaseException:
                executor.close()
                raise
        except ManifestError as exc:
            raise CorpusError(str(exc)) from None
    except BaseException:
        starting.discard()
        raise
    phases["workers_ready"] = time.time()
    summary = RunSummary(partitions=scan.partitions, skipped=len(manifest.done), phases=phases)
    progress = RunProgress(scan.articles, unit="articles", stream=stream)
    try:
        summary.dashboard = executor.dashboard
        if summary.dashboard:
            _say(stream, progress, f"Dask dashboard: {summary.dashboard}")
        for line in manifest.done.values():
            progress.advance(line["articles"] + line["errors"], 0, line["errors"])
        progress.set_workers(executor.workers())
        todo = (p for p in partitions(items(inputs, columns), size) if p.index not in manifest.done)
        running = _Running(progress)
        for result in executor.run(todo, fmt, running.report):
            if isinstance(result, PartitionFailure):
                running.finished(result.index)
                progress.draw()
                summary.failed.append((result.index, result.reason))
                _say(stream, progress, f"partition {result.index}: {result.reason}; rerun to retry it")
                continue
            _write(output, fmt, manifest, result, summary)
            running.finished(result.index)
            progress.advance(result.rows.articles + result.rows.errors, result.rows.words, result.rows.errors)
            progress.set_workers(executor.workers())
        phases["written"] = time.time()
        if fmt == "parquet" and len(manifest.done) == scan.partitions:
            summary.clusters = _quote_clusters(output, executor, rewrite=summary.skipped < scan.partitions)
    finally:
        progress.clear()
        executor.close()
        phases["finished"] = time.time()
    # the run's end: every partition is written (or in summary.failed, left for the next
    # run) and the workers are gone; a step over the whole output goes here
    summary.articles = sum(line["articles"] for line in manifest.done.values())
    summary.errors = sum(line["errors"] for line in manifest.done.values())
    summary.words = sum(line["words"] for line in manifest.done.values())
    summary.line = progress.summary()
    if summary.clusters is not None:
        summary.line += f"; {summary.clusters:,} quote cluster{'s' if summary.clusters != 1 else ''}"
    if summary.skipped == summary.partitions:
        summary.line = f"all {scan.articles:,} articles were analysed by an earlier run (--restart starts over)"
    elif summary.skipped:
        summary.line += f"; {summary.skipped:,} of {summary.partitions:,} partitions were done by an earlier run"
    return summary


def _quote_clusters(output: str | os.PathLike, executor, *, rewrite: bool) -> int | None:
    """The run's last step: the quotes of all partitions clustered into ``quote_clusters``."""
    from .quote_clusters import has_quote_clusters, write_quote_clusters

    if not rewrite and has_quote_clusters(output):
        return None  # an earlier run wrote it from these very partitions
    try:
        return write_quote_clusters(output, getattr(executor, "variant_finder", None))
    except OSError as exc:
        raise CorpusError(f"{output}: cannot write the quote clusters: {exc.strerror or exc}", exit_code=1) from None


def _write(output: str | os.PathLike, fmt: str, manifest: Manifest, result: PartitionResult,
           summary: RunSummary) -> None:
    """A partition's files, then its line in the manifest (and its timing in the summary)."""
    from .shards import write_partition

    rows = result.rows
    received = time.time()
    try:
        write_partition(output, fmt, result.index, rows)
        manifest.finished(result.index, articles=rows.articles, words=rows.words, errors=rows.errors)
    except OSError as exc:
        raise CorpusError(f"{output}: cannot write: {exc.strerror or exc}", exit_code=1) from None
    t = result.timing
    summary.timings.append((result.index, t.pid, t.started, t.finished, t.cpu, received, time.time() - received))


class _Running:
    """The articles of the partitions being analysed, as their workers report them, on the progress bar."""

    def __init__(self, progress: RunProgress) -> None:
        self.progress = progress
        #: partition index -> (articles, words) done so far (a rerun partition starts again from 0)
        self.partitions: dict[int, tuple[int, int]] = {}
        #: partitions whose result is in: a report that arrives after it is stale
        self.done: set[int] = set()

    def report(self, index: int, articles: int, words: int) -> None:
        if index not in self.done:
            self.partitions[index] = (articles, words)
            self._show()

    def finished(self, index: int) -> None:
        """The partition's result is in (the next ``advance`` counts it, and draws)."""
        self.done.add(index)
        self.partitions.pop(index, None)
        self._show(draw=False)

    def _show(self, draw: bool = True) -> None:
        self.progress.set_running(sum(a for a, _w in self.partitions.values()),
                                  sum(w for _a, w in self.partitions.values()), draw=draw)


class _Starting:
    """The executor, made in a thread of its own (for a cluster: started, and
    the pipeline loaded on every worker) while this thread reads the inputs."""

    def __init__(self, model: str, jobs: int, cluster: str | None, phases: dict[str, float]) -> None:
        self._executor: Any = None
        self._error: BaseException | None = None
        self._phases = phases
        self._thread = threading.Thread(target=self._start, args=(model, jobs, cluster), daemon=True,
                                        name="newsview-cluster-start")
        self._thread.start()

    def _start(self, model: str, jobs: int, cluster: str | None) -> None:
        try:
            self._executor = _executor(model, jobs, cluster)
            self._phases["executor_started"] = time.time()
        except BaseException as exc:  # given to the run's own thread by result()
            self._error = exc

    def result(self) -> Any:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._executor

    def discard(self) -> None:
        """The run stopped before it began: the executor is closed once it is there."""
        self._thread.join()
        if self._executor is not None:
            self._executor.close()


def _say(stream: IO[str], progress: RunProgress, message: str) -> None:
    from ..safe_text import sanitize

    progress.clear()
    print(f"newsview: {sanitize(message)}", file=stream)


def _executor(model: str, jobs: int, cluster: str | None):
    if cluster is None:
        from .local import LocalExecutor

        return LocalExecutor(model, jobs)
    try:
        from . import dask_run
    except ImportError:
        raise CorpusError('--cluster needs Dask: pip install "newsview[cluster]"') from None
    try:
        return dask_run.DaskExecutor(dask_run.connect(cluster), model)
    except dask_run.ClusterError as exc:
        raise CorpusError(str(exc), exit_code=2 if exc.usage else 3) from None
