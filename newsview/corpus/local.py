"""Running partitions on this machine: in this process, or in ``jobs``
processes that each load the pipeline once (the ``--jobs`` of a corpus run).

Partitions are handed out a few at a time (never the whole corpus at once),
and results come back as they finish; the writer does not need them in order.
"""

from __future__ import annotations

import queue
from typing import TYPE_CHECKING, Any, Iterator

from .partition import Partition
from .work import REPORT_INTERVAL, PartitionResult, Report, analyse_partition, throttled

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Analyzer

#: partitions queued per process beyond the one it works on
AHEAD = 1

class LocalExecutor:
    """``jobs`` processes (or this process, for one job) on this machine."""

    dashboard: str | None = None

    def __init__(self, model: str | None, jobs: int = 1) -> None:
        self.model = model
        self.jobs = max(1, jobs)

    def workers(self) -> int:
        return self.jobs

    def run(self, partitions: Iterator[Partition], fmt: str = "parquet",
            report: Report | None = None) -> Iterator[PartitionResult]:
        if self.jobs == 1:
            return run_here(partitions, self.model, fmt, report)
        return run_in_processes(partitions, self.model, self.jobs, fmt, report)

    def close(self) -> None:
        pass


def run_here(partitions: Iterator[Partition], model: str | None, fmt: str = "parquet",
             report: Report | None = None) -> Iterator[PartitionResult]:
    """One partition after another in this process."""
    analyzer = _analyzer(model)
    for partition in partitions:
        yield analyse_partition(analyzer, partition, fmt, report)


def _analyzer(model: str | None) -> "Analyzer":
    from ..engine import make_analyzer

    # a corpus run keeps its results in its own output: no parse cache entries
    return make_analyzer(model, use_cache=False)


#: in a worker process: where it sends its progress (None: nobody listens)
_reports: Any = None


def _start_process(model: str | None, reports: Any) -> None:
    from ..batch import _start_worker

    global _reports
    _reports = reports
    # the analyser is made by the initializer --jobs uses for files
    _start_worker(model, False)


def _in_process(partition: Partition, fmt: str) -> PartitionResult:
    from .. import batch

    if isinstance(batch._worker_analyzer, Exception):
        raise batch._worker_analyzer
    report = throttled(_reports.put) if _reports is not None else None
    return analyse_partition(batch._worker_analyzer, partition, fmt, report)


def _drain(reports: Any, report: Report | None) -> None:
    while report is not None:
        try:
            report(*reports.get_nowait())
        except queue.Empty:
            return


def run_in_processes(partitions: Iterator[Partition], model: str | None, jobs: int, fmt: str = "parquet",
                     report: Report | None = None) -> Iterator[PartitionResult]:
    """Partitions analysed by ``jobs`` processes, yielded as each finishes."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    from ..pipeline import resolve_model

    resolve_model(model)  # a missing pipeline is reported once, before any process starts
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    reports = context.Queue() if report is not None else None
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_process, initargs=(model, reports))
    pending: set[Future] = set()
    complete = False

    def next_finished() -> Iterator[PartitionResult]:
        nonlocal pending
        finished: set[Future] = set()
        while not finished:  # looking for the workers' reports as often as they send them
            finished, pending = wait(pending, timeout=REPORT_INTERVAL, return_when=FIRST_COMPLETED)
            _drain(reports, report)
        return (future.result() for future in finished)

    try:
        for partition in partitions:
            pending.add(pool.submit(_in_process, partition, fmt))
            if len(pending) >= jobs * (1 + AHEAD):
                yield from next_finished()
        while pending:
            yield from next_finished()
        complete = True
    finally:
        if not complete:
            # stopped (Ctrl-C, an error): the partitions being analysed are not wanted,
            # so the processes are not waited for (what they finished is already written)
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
        if reports is not None:
            reports.close()
            reports.join_thread()
