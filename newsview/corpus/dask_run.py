"""Running partitions on a Dask cluster (``--cluster tcp://host:8786`` or ``local:N``).

* a :class:`PipelinePlugin` (a Dask WorkerPlugin) loads the spaCy pipeline once on each worker,
  when the worker joins (workers that join later get it too);
* each partition is one task that returns compact rows
  (:class:`newsview.corpus.rows.PartitionRows`), never Docs; spaCy runs in
  the worker's own process (no spaCy multiprocessing), one partition at a
  time per worker process, whatever its thread count;
* tasks are submitted a few per worker thread at a time, so the corpus is
  never all in the scheduler's memory;
* a worker that dies has its tasks rerun elsewhere by the scheduler; only
  the process that started the run writes files, once per partition, so
  nothing is lost or written twice.  A partition whose workers die again and
  again (``distributed.scheduler.allowed-failures``, 3 by default) is
  reported and left for the next run.
"""

from __future__ import annotations

import collections
import threading
import time
import uuid
from typing import TYPE_CHECKING, Any, Iterator

from distributed.diagnostics.plugin import WorkerPlugin

from .partition import Partition
from .work import REPORT_INTERVAL, PartitionFailure, PartitionResult, Report, analyse_partition, throttled

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

#: tasks in flight per worker thread: one running, one waiting to start
AHEAD = 2

PLUGIN_NAME = "newsview-pipeline"
#: memory a worker may use: a worker with the pipeline loaded holds about 250 MiB, and
#: analysing a 10 MiB article (the largest newsview reads) adds about 400 MiB
WORKER_MEMORY = 2 * 1024**3


class ClusterError(Exception):
    """The cluster cannot be used; ``str(exc)`` is one line; ``usage``: the address is malformed."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


# -- on each worker --------------------------------------------------------------

#: the worker process's analysers by model name (None: the default pipeline)
_analyzers: dict[str | None, Any] = {}
#: one partition at a time per worker process: spaCy's pipeline is not shared between threads
_lock = threading.Lock()
#: when this worker process started and finished loading each pipeline (``time.time()``)
_loading: dict[str | None, tuple[float, float]] = {}


def loading_times() -> dict[str | None, tuple[float, float]]:
    """This worker's pipeline loading times (for benchmarks: ``client.run(loading_times)``)."""
    return dict(_loading)


def _load(model: str | None) -> Any:
    from ..pipeline import ModelError
    from .local import _analyzer

    if model not in _analyzers:
        started = time.time()
        try:
            analyzer = _analyzer(model)
            _ = analyzer.nlp  # loaded now, not in the first task's time
            _analyzers[model] = analyzer
        except ModelError as exc:
            _analyzers[model] = exc
        _loading[model] = (started, time.time())
    return _analyzers[model]


#: glibc's own ceilings for the thresholds it adjusts by itself (64-bit): a process keeps up to
#: 64 MiB freed at the top of its heap, and allocates blocks from 32 MiB up with mmap
TRIM_THRESHOLD = 64 * 1024**2
MMAP_THRESHOLD = 32 * 1024**2


def _malloc_as_usual() -> None:
    """Undo the ``MALLOC_TRIM_THRESHOLD_=65536`` a Dask nanny gives its worker.

    With it, glibc hands freed memory back to the system at every chance (and
    stops adjusting its thresholds), and spaCy, which allocates and frees all
    the time, took 9-10% more CPU time for the same articles (3,976 -> 3,580
    and 4,075 -> 3,731 words per CPU-second, measured in one process); with
    glibc's usual ceilings set back, the same as without it, at the same peak memory.
    """
    import ctypes
    import ctypes.util
    import os

    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return  # glibc adjusts its thresholds itself: left alone
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        libc.mallopt(-1, TRIM_THRESHOLD)  # M_TRIM_THRESHOLD
        libc.mallopt(-3, MMAP_THRESHOLD)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError, TypeError):
        pass  # not glibc: nothing to undo


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts, or joins later."""

    name = PLUGIN_NAME

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        _malloc_as_usual()
        with _lock:
            _load(self.model)


def _report_to_client(topic: str) -> Report:
    """Progress sent to the client as Dask events of ``topic``."""
    from distributed import get_worker

    worker = get_worker()
    return throttled(lambda report: worker.log_event(topic, list(report)))


def analyse_on_worker(partition: Partition, model: str | None, fmt: str = "parquet",
                      topic: str | None = None) -> PartitionResult:
    with _lock:
        analyzer = _load(model)
        if isinstance(analyzer, Exception):
            raise analyzer
        return analyse_partition(analyzer, partition, fmt, _report_to_client(topic) if topic else None)


# -- in the process that starts the run ---------------------------------------------------


def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


#: Dask settings for the LocalCluster of ``local:N`` (the nannies pass them on to their workers).
#: An idle local:2 cluster took 5-6% of a core in all (the scheduler and each worker's event
#: loop checking itself every 20 ms, its memory every 100 ms, the machine every 500 ms),
#: 1.4% with these; and the profiler samples the analysing thread every 10 ms for the
#: dashboard's profile page.  Workers you start yourself: see the README.
QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "500ms",
}


def worker_memory(workers: int) -> int:
    """Bytes a ``local:N`` worker may use: ``WORKER_MEMORY``, or its share of this machine's memory if less.

    Dask's own default (the machine's memory over N) lets one runaway article
    take a shared machine's memory; past 80% of the limit a worker pauses, past
    95% its nanny restarts it and the partition is rerun elsewhere.
    """
    import psutil

    return min(WORKER_MEMORY, psutil.virtual_memory().total // max(1, workers))


def connect(spec: str) -> "Client":
    """A client of the scheduler at ``tcp://host:port``, or of a new LocalCluster for ``local:N``."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    if spec.startswith("local:"):
        count = spec.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ClusterError(f"--cluster {spec}: expected local:N with N a number of workers (local:2)", usage=True)
        # one thread per worker (a worker analyses one partition at a time: more threads only
        # wait), each in its own process; started in parallel, the pipeline loaded on each
        # by the plugin while the run reads its inputs
        with dask.config.set(QUIET):
            cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                                   memory_limit=worker_memory(int(count)), dashboard_address=":0",
                                   silence_logs=logging.ERROR)
            return Client(cluster)
    if "://" not in spec:
        raise ClusterError(f"--cluster {spec}: expected tcp://HOST:PORT (a dask scheduler) or local:N", usage=True)
    try:
        return Client(spec, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {spec}: {exc}") from None


class DaskExecutor:
    """Partitions as Dask tasks; results yielded as each finishes."""

    def __init__(self, client: "Client", model: str | None) -> None:
        self.client = client
        self.model = model
        self.client.register_plugin(PipelinePlugin(model), name=PLUGIN_NAME)
        self.dashboard = self._dashboard()

    def _dashboard(self) -> str | None:
        info = self.client.scheduler_info()
        if "dashboard" not in (info.get("services") or {}):
            return None
        try:
            # the address serves no charts without bokeh on the scheduler
            if not self.client.run_on_scheduler(_has_bokeh):
                return None
        except Exception:  # an older scheduler that refuses to run code: say what it reports
            pass
        return self.client.dashboard_link

    def workers(self) -> int:
        return len(self.client.nthreads())

    @property
    def variant_finder(self) -> Any:
        """The run's last step on the cluster: quote variants, their alignment and flagging spread over the workers."""
        from functools import partial

        from ..variants import find_variants
        from ..variants.spread import DaskWorkers

        return partial(find_variants, workers=DaskWorkers(self.client))

    def _window(self) -> int:
        return max(2, AHEAD * sum(self.client.nthreads().values()))

    def run(self, partitions: Iterator[Partition], fmt: str = "parquet",
            report: Report | None = None) -> Iterator["PartitionResult | PartitionFailure"]:
        run = uuid.uuid4().hex[:8]
        topic = f"newsview-progress-{run}" if report is not None else None
        events: collections.deque = collections.deque()
        if topic is not None:
            # called on the client's event loop thread: the reports are passed on from this one
            self.client.subscribe_topic(topic, events.append)
        try:
            yield from self._run(partitions, fmt, run, topic, events, report)
        finally:
            if topic is not None:
                self.client.unsubscribe_topic(topic)

    def _run(self, partitions: Iterator[Partition], fmt: str, run: str, topic: str | None,
             events: collections.deque, report: Report | None) -> Iterator["PartitionResult | PartitionFailure"]:
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        queue = as_completed(with_results=False)
        index_of: dict[Any, int] = {}

        def collect() -> "PartitionResult | PartitionFailure":
            while not queue.has_ready():
                time.sleep(REPORT_INTERVAL / 4)
                while events and report is not None:
                    _when, (index, articles, words) = events.popleft()
                    report(index, articles, words)
            future = next(queue)
            try:
                return future.result()
            except KilledWorker:
                return PartitionFailure(index_of[future.key], "the workers analysing it died, again and again")
            finally:
                index_of.pop(future.key, None)
                future.release()

        window = self._window()
        for n, partition in enumerate(partitions):
            future = self.client.submit(analyse_on_worker, partition, self.model, fmt, topic, pure=False,
                                        key=f"newsview-{run}-partition-{partition.index}")
            index_of[future.key] = partition.index
            queue.add(future)
            if n % 16 == 0:
                window = self._window()  # workers come and go
            while queue.count() >= window:
                yield collect()
        while queue.count():
            yield collect()

    def close(self) -> None:
        cluster = getattr(self.client, "cluster", None)
        self.client.close()
        if cluster is not None:
            cluster.close()
