"""A corpus run from start to end: inputs -> partitions -> rows -> Parquet.

The inputs are read twice: once to count the articles and fingerprint them
(which sizes the partitions and identifies the run for a resume), then again
as the partitions are handed out.  Only the process that calls
:func:`run_corpus` writes files, one partition at a time as results arrive,
and records each in the manifest once its files are in place.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from typing import IO, Iterable

from .inputs import Columns, items
from .manifest import ManifestError, check_output, open_manifest
from .partition import partition_words, partitions
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
) -> RunSummary:
    """Analyse every article of ``inputs`` into the Parquet dataset ``output``.

    Raises :class:`CorpusError` (or :class:`newsview.pipeline.ModelError`)
    when the run cannot start or cannot go on; a bad article is an error row.
    """
    from .. import ENGINE_VERSION
    from ..pipeline import describe, resolve_model

    stream = stream if stream is not None else sys.stderr
    columns = columns or Columns()
    name = resolve_model(model)  # one error before anything is read or started
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise CorpusError('--format parquet needs pyarrow: pip install "newsview[cluster]"') from None
    scan = _scan(inputs, columns, size)
    if not scan.articles:
        raise CorpusError("no articles in the inputs")
    size = size or partition_words(scan.words)
    header = {"fingerprint": scan.fingerprint, "pipeline": describe(name), "engine": ENGINE_VERSION,
              "partition_words": size, "partitions": scan.partitions, "articles": scan.articles}
    try:
        # the folder is checked before a cluster is started, and changed only once it is there
        check_output(output, header, restart=restart)
        executor = _executor(name, jobs, cluster)
        try:
            manifest = open_manifest(output, header, restart=restart)
        except BaseException:
            executor.close()
            raise
    except ManifestError as exc:
        raise CorpusError(str(exc)) from None
    summary = RunSummary(partitions=scan.partitions, skipped=len(manifest.done))
    progress = RunProgress(scan.articles, unit="articles", stream=stream)
    try:
        summary.dashboard = executor.dashboard
        if summary.dashboard:
            _say(stream, progress, f"Dask dashboard: {summary.dashboard}")
        for line in manifest.done.values():
            progress.advance(line["articles"] + line["errors"], 0, line["errors"])
        progress.set_workers(executor.workers())
        todo = (p for p in partitions(items(inputs, columns), size) if p.index not in manifest.done)
        for result in executor.run(todo):
            if not hasattr(result, "rows"):
                summary.failed.append((result.index, result.reason))
                _say(stream, progress, f"partition {result.index}: {result.reason}; rerun to retry it")
                continue
            rows = result.rows
            try:
                from .parquet import write_partition

                write_partition(output, result.index, rows.tables)
                manifest.finished(result.index, articles=rows.articles, words=rows.words, errors=rows.errors)
            except OSError as exc:
                raise CorpusError(f"{output}: cannot write: {exc.strerror or exc}", exit_code=1) from None
            progress.advance(rows.articles + rows.errors, rows.words, rows.errors)
            progress.set_workers(executor.workers())
        if len(manifest.done) == scan.partitions:
            summary.clusters = _quote_clusters(output, executor, rewrite=summary.skipped < scan.partitions)
    finally:
        progress.clear()
        executor.close()
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
