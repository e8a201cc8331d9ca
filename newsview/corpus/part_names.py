"""What a run's part files are called: ``part-NNNNNN`` and the format's suffix.

A module of its own because both the format dispatch (:mod:`.shards`) and the
Parquet writer (:mod:`.parquet`) name files, and neither may import the other.
"""

from __future__ import annotations

SUFFIXES = {"parquet": ".parquet", "jsonl": ".jsonl"}


def part_name(index: int, fmt: str = "parquet") -> str:
    """The file name of partition ``index`` in ``fmt`` (zero-padded, so names sort in input order)."""
    return f"part-{index:06d}{SUFFIXES[fmt]}"
