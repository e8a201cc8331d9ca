"""``--format variants``: one JSON object per cluster, one cluster per line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from .model import Cluster


def variant_rows(clusters: Iterable[Cluster]) -> Iterator[dict[str, Any]]:
    """The rows ``--format variants`` writes (and a Parquet ``quote_clusters`` table would hold)."""
    for cluster in clusters:
        yield cluster.to_dict()


def write_variants(out: IO[str], clusters: Iterable[Cluster]) -> int:
    """Write one JSON line per cluster; returns how many were written.

    ``ensure_ascii`` keeps article text (which may hold terminal control
    characters) from reaching a terminal raw.
    """
    n = 0
    for row in variant_rows(clusters):
        out.write(json.dumps(row, ensure_ascii=True))
        out.write("\n")
        n += 1
    return n
