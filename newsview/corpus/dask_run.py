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

import threading
import uuid
from typing import TYPE_CHECKING, Any, Iterator

from distributed.diagnostics.plugin import WorkerPlugin

from .partition import Partition
from .work import PartitionResult, analyse_partition

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

#: tasks in flight per worker thread: one running, one waiting to start
AHEAD = 2

PLUGIN_NAME = "newsview-pipeline"


class ClusterError(Exception):
    """The cluster cannot be used; ``str(exc)`` is one line; ``usage``: the address is malformed."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


class PartitionFailure:
    """A partition that could not be analysed (its workers kept dying)."""

    def __init__(self, index: int, reason: str) -> None:
        self.index = index
        self.reason = reason


# -- on each worker --------------------------------------------------------------

#: the worker process's analysers by model name (None: the default pipeline)
_analyzers: dict[str | None, Any] = {}
#: one partition at a time per worker process: spaCy's pipeline is not shared between threads
_lock = threading.Lock()


def _load(model: str | None) -> Any:
    from ..pipeline import ModelError
    from .local import _analyzer

    if model not in _analyzers:
        try:
            analyzer = _analyzer(model)
            _ = analyzer.nlp  # loaded now, not in the first task's time
            _analyzers[model] = analyzer
        except ModelError as exc:
            _analyzers[model] = exc
    return _analyzers[model]


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts, or joins later."""

    name = PLUGIN_NAME

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        with _lock:
            _load(self.model)


def analyse_on_worker(partition: Partition, model: str | None) -> PartitionResult:
    with _lock:
        analyzer = _load(model)
        if isinstance(analyzer, Exception):
            raise analyzer
        return analyse_partition(analyzer, partition)


# -- in the process that starts the run ---------------------------------------------------


def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


def connect(spec: str) -> "Client":
    """A client of the scheduler at ``tcp://host:port``, or of a new LocalCluster for ``local:N``."""
    import logging

    import dask
    from distributed import Client, LocalCluster

    if spec.startswith("local:"):
        count = spec.removeprefix("local:")
        if not count.isdigit() or int(count) < 1:
            raise ClusterError(f"--cluster {spec}: expected local:N with N a number of workers (local:2)", usage=True)
        # the workers' statistical profiler samples the analysing thread every
        # 10 ms, for the dashboard's profile page: not worth its cost here
        dask.config.set({"distributed.worker.profile.enabled": False})
        cluster = LocalCluster(n_workers=int(count), threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
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
        from ..variants.spread import dask_mapper

        return partial(find_variants, mapper=dask_mapper(self.client))

    def _window(self) -> int:
        return max(2, AHEAD * sum(self.client.nthreads().values()))

    def run(self, partitions: Iterator[Partition]) -> Iterator["PartitionResult | PartitionFailure"]:
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        run = uuid.uuid4().hex[:8]
        queue = as_completed(with_results=False)
        index_of: dict[Any, int] = {}

        def collect() -> "PartitionResult | PartitionFailure":
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
            future = self.client.submit(analyse_on_worker, partition, self.model, pure=False,
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
