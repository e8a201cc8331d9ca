"""Running partitions on this machine: in this process, or in ``jobs``
processes that each load the pipeline once (the ``--jobs`` of a corpus run).

Partitions are handed out a few at a time (never the whole corpus at once),
and results come back as they finish; the writer does not need them in order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .partition import Partition
from .work import PartitionResult, analyse_partition

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

    def run(self, partitions: Iterator[Partition]) -> Iterator[PartitionResult]:
        if self.jobs == 1:
            return run_here(partitions, self.model)
        return run_in_processes(partitions, self.model, self.jobs)

    def close(self) -> None:
        pass


def run_here(partitions: Iterator[Partition], model: str | None) -> Iterator[PartitionResult]:
    """One partition after another in this process."""
    analyzer = _analyzer(model)
    for partition in partitions:
        yield analyse_partition(analyzer, partition)


def _analyzer(model: str | None) -> "Analyzer":
    from ..batch import make_analyzer

    # a corpus run keeps its results in its own output: no parse cache entries
    return make_analyzer(model, use_cache=False)


def _in_process(partition: Partition) -> PartitionResult:
    from .. import batch

    # each process's analyser is made by the initializer --jobs uses for files
    if isinstance(batch._worker_analyzer, Exception):
        raise batch._worker_analyzer
    return analyse_partition(batch._worker_analyzer, partition)


def run_in_processes(partitions: Iterator[Partition], model: str | None, jobs: int) -> Iterator[PartitionResult]:
    """Partitions analysed by ``jobs`` processes, yielded as each finishes."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    from ..batch import _start_worker
    from ..pipeline import resolve_model

    resolve_model(model)  # a missing pipeline is reported once, before any process starts
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(model, False))
    pending: set[Future] = set()
    complete = False
    try:
        for partition in partitions:
            pending.add(pool.submit(_in_process, partition))
            if len(pending) >= jobs * (1 + AHEAD):
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in finished)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in finished)
        complete = True
    finally:
        if not complete:
            # stopped (Ctrl-C, an error): the partitions being analysed are not wanted,
            # so the processes are not waited for (what they finished is already written)
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)
