"""Finding quote variants with the heavy work spread over processes (a Dask cluster's workers).

Most of ``find_variants``'s time goes to two kinds of independent work: the
word alignment of each candidate pair, and the splitting, diffing and
flagging of each joined group.  With a ``mapper`` (``find_variants(quotes,
mapper=...)``) both are cut into tasks that carry only what they need (the
words of the pair's quotes as hashes; the quotes of the group) and are run by
``mapper(task, payloads)``, which yields the results in order: builtin
``map`` here, or :func:`dask_mapper` on a cluster.  (The groups' task,
``cluster.cluster_groups``, lives with the code it runs.)  Everything that needs the
whole corpus stays in the calling process and is cheap next to the tasks:
cutting quotes into words, the rare-shingle index, the union-find.

The result is the same clusters as without a mapper: a pair is joined on its
own alignment and evidence whatever was joined before it, and the
union-find's roots are each component's smallest unit, whatever the order of
the unions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .align import matched_words

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

    from .model import VariantQuote

#: runs ``task`` on each payload, yielding the results in the payloads' order
Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterable[Any]]

#: candidate pairs aligned per task
PAIRS_PER_TASK = 20_000
#: units (versions) of joined groups per task
UNITS_PER_TASK = 5_000


# -- candidate pairs -----------------------------------------------------------------------


def pair_payloads(word_hashes: np.ndarray, offsets: np.ndarray, i: np.ndarray,
                  j: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """For each slice of pairs: the words of just its units (hashes, end to end), their offsets, and the pairs."""
    for begin in range(0, len(i), PAIRS_PER_TASK):
        ci, cj = i[begin:begin + PAIRS_PER_TASK], j[begin:begin + PAIRS_PER_TASK]
        units = np.unique(np.concatenate((ci, cj)))
        lengths = offsets[units + 1] - offsets[units]
        local = np.concatenate(([0], np.cumsum(lengths)))
        take = np.repeat(offsets[units] - local[:-1], lengths) + np.arange(int(local[-1]))
        yield word_hashes[take], local, np.searchsorted(units, ci), np.searchsorted(units, cj)


def align_pairs(payload: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """The task: how many words each pair shares (``matched_words``)."""
    words, offsets, li, lj = payload
    at = offsets.tolist()
    flat = words.tolist()
    return np.fromiter((matched_words(flat[at[a]:at[a + 1]], flat[at[b]:at[b + 1]])
                        for a, b in zip(li.tolist(), lj.tolist())), np.int64, len(li))


def matched_of_pairs(word_hashes: np.ndarray, offsets: np.ndarray, i: np.ndarray, j: np.ndarray,
                     mapper: Mapper) -> np.ndarray:
    """``matched_words`` of every candidate pair ``(i[k], j[k])``, aligned by ``mapper``'s tasks."""
    parts = list(mapper(align_pairs, pair_payloads(word_hashes, offsets, i, j)))
    return np.concatenate(parts) if parts else np.empty(0, np.int64)


# -- joined groups --------------------------------------------------------------------------

#: one task's groups: the quotes they come from, each unit as (quote, piece), the groups as
#: lists of units, the reviewed speakers of those quotes, and the finder's ``short`` and ``share``
GroupPayload = tuple[list["VariantQuote"], list[tuple[int, int]], list[list[int]], dict, int, float]


def group_payloads(quote_of: Callable[[int], int], piece_of: Callable[[int], int], quotes: Sequence[VariantQuote],
                   speakers: dict, groups: Iterable[list[int]], short: int, share: float) -> Iterator[GroupPayload]:
    """Groups of units cut into tasks of about ``UNITS_PER_TASK`` units, each with just its quotes.

    A group's units keep their order (the split breaks ties by it).
    """
    batch: list[list[int]] = []
    size = 0
    for units in groups:
        batch.append(units)
        size += len(units)
        if size >= UNITS_PER_TASK:
            yield _group_payload(quote_of, piece_of, quotes, speakers, batch, short, share)
            batch, size = [], 0
    if batch:
        yield _group_payload(quote_of, piece_of, quotes, speakers, batch, short, share)


def _group_payload(quote_of: Callable[[int], int], piece_of: Callable[[int], int], quotes: Sequence[VariantQuote],
                   speakers: dict, batch: list[list[int]], short: int, share: float) -> GroupPayload:
    local_quote: dict[int, int] = {}
    mine: list[VariantQuote] = []
    units: list[tuple[int, int]] = []
    groups: list[list[int]] = []
    for group in batch:
        local = []
        for u in group:
            qi = quote_of(u)
            if qi not in local_quote:
                local_quote[qi] = len(mine)
                mine.append(quotes[qi])
            local.append(len(units))
            units.append((local_quote[qi], piece_of(u)))
        groups.append(local)
    wanted = {(q.doc, q.quote) for q in mine}
    return mine, units, groups, {k: v for k, v in speakers.items() if k in wanted}, short, share


# -- on a Dask cluster ---------------------------------------------------------------------------


def dask_mapper(client: Client, ahead: int = 2) -> Mapper:
    """A mapper that runs each task on the cluster, a few per worker thread at a time, in order."""

    def run(task: Callable[[Any], Any], payloads: Iterable[Any]) -> Iterator[Any]:
        from collections import deque

        window = max(2, ahead * sum(client.nthreads().values()))
        pending: deque = deque()
        for payload in payloads:
            pending.append(client.submit(task, payload, pure=False))
            if len(pending) >= window:
                future = pending.popleft()
                yield future.result()
                future.release()
        while pending:
            future = pending.popleft()
            yield future.result()
            future.release()

    return run
