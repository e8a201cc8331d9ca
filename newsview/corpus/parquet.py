"""Writing a partition's rows as Parquet: ``DIR/TABLE/part-NNNNNN.parquet``.

Every partition gets a file in every table (empty tables too), so the
dataset is the same whatever failed or not, and ``DIR/quotes/*.parquet`` is
the whole ``quotes`` table for pandas, polars, DuckDB or Spark.  A file is
written beside its final name and renamed into place, after an fsync
(:func:`newsview.durable.atomic_write`): a reader, or a run killed
mid-write, never sees half a file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .rows import TABLES, Columns

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa


def _arrow_type(name: str) -> "pa.DataType":
    import pyarrow as pa

    return {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(),
            "list<string>": pa.list_(pa.string()), "list<list<int64>>": pa.list_(pa.list_(pa.int64()))}[name]


def schema(table: str) -> "pa.Schema":
    import pyarrow as pa

    return pa.schema([(column, _arrow_type(kind)) for column, kind in TABLES[table]])


def write_partition(directory: str | os.PathLike, index: int, tables: dict[str, Columns]) -> None:
    """Write one file per table for partition ``index``, each atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..durable import atomic_write
    from .part_names import part_name

    for table, columns in tables.items():
        folder = Path(directory) / table
        folder.mkdir(parents=True, exist_ok=True)
        buffer = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pydict(columns, schema=schema(table)), buffer, compression="zstd")
        atomic_write(folder / part_name(index), buffer.getvalue().to_pybytes())


def read_table(directory: str | os.PathLike, table: str) -> list[dict[str, Any]]:
    """A whole table's rows in input order (for tests and small corpora)."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for path in sorted((Path(directory) / table).glob("part-*.parquet")):
        rows.extend(pq.read_table(path, schema=schema(table)).to_pylist())
    return rows
