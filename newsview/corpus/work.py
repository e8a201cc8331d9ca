"""Analysing one partition: the task every executor runs (in this process,
in a ``--jobs`` process or on a Dask worker), so they all give the same rows.

A bad article (unreadable file, nothing left after cleaning, an analysis
that raises) becomes an error row; only a missing pipeline stops the run.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Union

from .inputs import Item
from .partition import Partition
from .rows import PartitionDocuments, PartitionRows

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Analyzer
    from ..model import ParsedDocument


@dataclass(frozen=True)
class Timing:
    """When and where a partition was analysed, so a run's time can be told
    apart into analysis and everything else (start-up, transfer, writing, waiting)."""

    #: wall clock (``time.time()``, comparable across processes of one machine)
    started: float
    finished: float
    #: CPU seconds of the analysing thread: what the analysis cost, whatever the machine's load
    cpu: float
    #: the analysing process
    pid: int


#: what a partition becomes: table rows (``--format parquet``) or JSON lines (``--format jsonl``)
Output = Union[PartitionRows, PartitionDocuments]
OUTPUTS: dict[str, type[PartitionRows] | type[PartitionDocuments]] = {
    "parquet": PartitionRows, "jsonl": PartitionDocuments}

#: called after each article of a partition with (partition index, articles done, words done)
Report = Callable[[int, int, int], None]


#: seconds between two progress reports of a worker
REPORT_INTERVAL = 0.2


def throttled(send: Callable[[tuple[int, int, int]], None], interval: float = REPORT_INTERVAL) -> Report:
    """A :data:`Report` that sends (partition, articles, words) at most once every ``interval`` seconds
    (the partition's result says the rest): a worker's reports stay few, however short its articles."""
    last = 0.0

    def report(index: int, articles: int, words: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= interval:
            last = now
            send((index, articles, words))

    return report


class PartitionResult:
    """What a worker sends back: the partition's index, its rows and its timing."""

    def __init__(self, index: int, rows: Output, timing: Timing) -> None:
        self.index = index
        self.rows = rows
        self.timing = timing


class PartitionFailure:
    """A partition that could not be analysed (on a cluster: its workers kept dying)."""

    def __init__(self, index: int, reason: str) -> None:
        self.index = index
        self.reason = reason


def analyse_partition(analyzer: "Analyzer", partition: Partition, output: str = "parquet",
                      report: Report | None = None) -> PartitionResult:
    from ..pipeline import ModelError

    started, cpu = time.time(), time.thread_time()
    rows = OUTPUTS[output]()
    for ordinal, item in enumerate(partition.items, partition.first):
        if report is not None and ordinal > partition.first:
            report(partition.index, rows.articles + rows.errors, rows.words)
        if item.error is not None:
            rows.add_error(ordinal, item.key, item.path, item.error)
            continue
        try:
            doc = analyzer(_prepared(item))
        except _ArticleProblem as exc:
            rows.add_error(ordinal, item.key, item.path, str(exc))
            continue
        except ModelError:
            raise
        except Exception as exc:  # one article's failure is that article's error row
            rows.add_error(ordinal, item.key, item.path, f"analysis failed: {exc.__class__.__name__}: {exc}")
            continue
        rows.add_document(ordinal, item.key, doc)
    timing = Timing(started, time.time(), time.thread_time() - cpu, os.getpid())
    return PartitionResult(partition.index, rows, timing)


class _ArticleProblem(Exception):
    """The article cannot be read or cleaned; the message is its error row's reason."""


def _prepared(item: Item) -> "ParsedDocument":
    from .. import engine
    from ..reader import InputError, raw_from_text, read_article

    try:
        raw = read_article(item.path) if item.path is not None else raw_from_text(item.text or "", path=item.key)
        doc = engine.prepare(raw)
    except InputError as exc:
        raise _ArticleProblem(exc.problem) from None
    if not item.meta:
        return doc
    # a table's own title, date and address are better than what cleaning found in the text
    meta = replace(doc.meta, title=item.meta.get("title", doc.meta.title), date=item.meta.get("date", doc.meta.date),
                   url=item.meta.get("url", doc.meta.url))
    return replace(doc, meta=meta)
