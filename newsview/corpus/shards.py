"""A run's output files, one per partition and folder, in either format:

* ``--format parquet``: ``DIR/TABLE/part-NNNNNN.parquet`` for every table
  (:mod:`.parquet`);
* ``--format jsonl``: ``DIR/documents/part-NNNNNN.jsonl``, the partition's
  newsview/1 documents one a line (the lines ``newsview FILES --format jsonl``
  writes, in input order), and ``DIR/errors/part-NNNNNN.jsonl``, its error
  rows (``ordinal``, ``article_id``, ``path``, ``reason``).

Every partition gets every file (empty ones too), so ``cat DIR/documents/*.jsonl``
is the whole corpus in input order.  Each file is written beside its final
name, fsynced and renamed (:func:`newsview.durable.atomic_write`).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .part_names import SUFFIXES, part_name
from .rows import TABLES, PartitionDocuments, PartitionRows

FORMATS = ("parquet", "jsonl")
#: every folder a run of either format writes into
FOLDERS = (*TABLES, "documents")


def write_partition(directory: str | os.PathLike, fmt: str, index: int,
                    rows: PartitionRows | PartitionDocuments) -> None:
    """Write partition ``index``'s files in ``fmt``, each atomically."""
    if fmt == "parquet":
        from .parquet import write_partition as write_parquet

        write_parquet(directory, index, rows.tables)
        return
    assert isinstance(rows, PartitionDocuments)
    _write(Path(directory) / "documents" / part_name(index, fmt), "".join(rows.lines))
    errors = rows.tables["errors"]
    lines = (json.dumps(dict(zip(errors, values)), ensure_ascii=False) + "\n" for values in zip(*errors.values()))
    _write(Path(directory) / "errors" / part_name(index, fmt), "".join(lines))


def _write(path: Path, text: str) -> None:
    from ..durable import atomic_write
    from ..safe_text import json_safe

    path.parent.mkdir(parents=True, exist_ok=True)
    # what JSON leaves raw and a terminal would act on (a path's escape sequence) is escaped
    atomic_write(path, json_safe(text).encode("utf-8", "surrogatepass"))


def read_lines(directory: str | os.PathLike, folder: str) -> list[str]:
    """Every line of a JSONL output's ``documents`` or ``errors``, in input order (tests, small corpora)."""
    lines: list[str] = []
    for path in sorted((Path(directory) / folder).glob("part-*.jsonl")):
        lines.extend(path.read_text(encoding="utf-8").splitlines(keepends=True))
    return lines


def remove_output(directory: str | os.PathLike) -> None:
    """Remove what a run wrote (part files of either format, the quote clusters, and their
    folders when emptied); nothing else."""
    from .quote_clusters import remove_quote_clusters

    remove_quote_clusters(directory)
    for name in FOLDERS:
        folder = Path(directory) / name
        if not folder.is_dir():
            continue
        for suffix in SUFFIXES.values():
            for path in folder.glob(f"part-*{suffix}"):
                path.unlink()
            for path in folder.glob(f".part-*{suffix}.*.tmp"):
                path.unlink()
        try:
            folder.rmdir()
        except OSError:
            pass  # something else lives there: it is not ours to delete
