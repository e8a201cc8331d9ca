"""Analysing one partition: the task every executor runs (in this process,
in a ``--jobs`` process or on a Dask worker), so they all give the same rows.

A bad article (unreadable file, nothing left after cleaning, an analysis
that raises) becomes an error row; only a missing pipeline stops the run.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .inputs import Item
from .partition import Partition
from .rows import PartitionRows

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Analyzer
    from ..model import ParsedDocument


class PartitionResult:
    """What a worker sends back: the partition's index and its rows."""

    def __init__(self, index: int, rows: PartitionRows) -> None:
        self.index = index
        self.rows = rows


def analyse_partition(analyzer: "Analyzer", partition: Partition) -> PartitionResult:
    from ..pipeline import ModelError

    rows = PartitionRows()
    for ordinal, item in enumerate(partition.items, partition.first):
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
    return PartitionResult(partition.index, rows)


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
