"""Finding quote variants with the work spread over processes (a Dask cluster's workers).

With ``find_variants(quotes, workers=...)`` every step whose work grows with
the quotes runs in tasks, and the calling process only merges small results:

1. the quotes are cut into chunks, and each chunk's task cuts its quotes into
   units and hashes their words (``units.py``: a hash every process agrees on);
   the words stay with their chunk, the calling process gets back a few numbers
   per unit (its quote, its length, a hash of its whole text) and joins the
   units with the same words;
2. the rare-shingle index is built in chunks and buckets (``index_parts.py``):
   the calling process gets back the candidate pairs;
3. the pairs are aligned by tasks that each take two chunks' words;
4. the calling process joins the accepted pairs (union-find), and the joined
   groups are split and flagged in tasks that carry only their quotes
   (``cluster.cluster_groups``, which lives with the code it runs).

Tasks are given to a :class:`Workers`: :class:`DaskWorkers` on a cluster,
:class:`LocalWorkers` in this process (the same steps, for tests).  Tasks that
need another task's result are handed its handle, and the workers move the
data between themselves.

The result is the same clusters as without workers: the index gives the same
pairs, a pair is joined on its own alignment and evidence whatever was joined
before it, and the union-find's roots are each component's smallest unit,
whatever the order of the unions.
"""

from __future__ import annotations

import operator
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from . import index_parts as parts
from .align import matched_words
from .index import CAP
from .units import QuoteForm, Units, cut_units

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Client

    from .model import VariantQuote

#: candidate pairs aligned per task
PAIRS_PER_TASK = 20_000
#: units (versions) of joined groups per task
UNITS_PER_TASK = 5_000
#: chunks of quotes (and buckets of shingles) per worker thread: a few, so a slow task is not the tail
PARTS_PER_THREAD = 2


class Workers(Protocol):
    """Runs tasks; a task's handle passed to another task (alone, or in a list) stands for its result."""

    def threads(self) -> int: ...

    def put(self, data: Any) -> Any:
        """A handle for ``data``, sent to a worker once (not with every task that takes it)."""

    def submit(self, task: Callable[..., Any], *args: Any) -> Any: ...

    def fetch(self, handles: Sequence[Any]) -> list[Any]: ...


class _Done:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _resolve(arg: Any) -> Any:
    if isinstance(arg, _Done):
        return arg.value
    if isinstance(arg, list):
        return [_resolve(a) for a in arg]
    return arg


class LocalWorkers:
    """Every task run at once in this process: the spread steps without a cluster."""

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads

    def threads(self) -> int:
        return self._threads

    def put(self, data: Any) -> _Done:
        return _Done(data)

    def submit(self, task: Callable[..., Any], *args: Any) -> _Done:
        return _Done(task(*(_resolve(a) for a in args)))

    def fetch(self, handles: Sequence[Any]) -> list[Any]:
        return [h.value for h in handles]


class DaskWorkers:
    """Tasks run on a Dask cluster's workers through ``client``."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def threads(self) -> int:
        return sum(self.client.nthreads().values())

    def put(self, data: Any) -> Any:
        # pickled here in one piece: Dask serialises a list item by item, some forty times slower
        packed = self.client.scatter(pickle.dumps(data, protocol=5), hash=False)
        return self.client.submit(pickle.loads, packed, pure=False)

    def submit(self, task: Callable[..., Any], *args: Any) -> Any:
        return self.client.submit(task, *args, pure=False)

    def fetch(self, handles: Sequence[Any]) -> list[Any]:
        return list(self.client.gather(list(handles)))


# -- units, in chunks --------------------------------------------------------------------------


def _summary(units: Units) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """What the calling process needs of a chunk's units: quote, piece, length, text hash."""
    return units.quote, units.piece, np.diff(units.offsets), units.text_hashes


class Chunks:
    """The units cut in chunks on the workers: their handles and where each chunk's units start."""

    def __init__(self, handles: list[Any], bounds: np.ndarray) -> None:
        self.handles = handles
        #: chunk ``c`` holds units ``bounds[c]`` to ``bounds[c + 1] - 1``
        self.bounds = bounds

    def __len__(self) -> int:
        return len(self.handles)

    def chunk_of(self, units: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.bounds, units, side="right") - 1


def cut(workers: Workers, quotes: Sequence[QuoteForm]) -> tuple[Chunks, Units]:
    """Step 1: the quotes' units cut on the workers; all but their words (kept there) come back.

    A chunk ends where an article's run of quotes ends: ``cut_units`` compares
    the quotes of one article for places quoted twice.
    """
    count = max(1, min(PARTS_PER_THREAD * workers.threads(), len(quotes)))
    edges = [0]
    for edge in np.linspace(0, len(quotes), count + 1).astype(int).tolist()[1:]:
        while 0 < edge < len(quotes) and quotes[edge][0] == quotes[edge - 1][0]:
            edge += 1
        if edge > edges[-1]:
            edges.append(edge)
    handles = [workers.submit(cut_units, workers.put(list(quotes[a:b])), a) for a, b in zip(edges, edges[1:])]
    summaries = workers.fetch([workers.submit(_summary, h) for h in handles])
    quote, piece, lengths, text = (np.concatenate([s[f] for s in summaries]) for f in range(4))
    bounds = np.concatenate(([0], np.cumsum([len(s[0]) for s in summaries]))).astype(np.int64)
    offsets = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    return Chunks(handles, bounds), Units(quote, piece, np.empty(0, np.int64), offsets, text)


# -- candidate pairs ------------------------------------------------------------------------------


def candidates(workers: Workers, chunks: Chunks, include: np.ndarray, *,
               cap: int = CAP) -> tuple[np.ndarray, np.ndarray]:
    """Step 2: ``index.candidate_pairs`` of the included units, built in chunks and buckets on the workers."""
    bounds, n = chunks.bounds, int(chunks.bounds[-1])
    buckets = len(chunks)
    shingles = [workers.submit(parts.chunk_shingles, h, int(bounds[c]), include[bounds[c]:bounds[c + 1]], buckets)
                for c, h in enumerate(chunks.handles)]
    postings = [workers.submit(parts.bucket_postings, [workers.submit(operator.getitem, s, b) for s in shingles],
                               bounds, cap) for b in range(buckets)]
    lookups = [workers.submit(parts.chunk_lookups, [workers.submit(parts.offers_for, p, c) for p in postings],
                              int(bounds[c]), int(bounds[c + 1] - bounds[c])) for c in range(len(chunks))]
    asked = [workers.submit(parts.bucket_pairs, postings[b], [workers.submit(parts.lookups_for, lk, b)
                                                               for lk in lookups], bounds, n)
             for b in range(buckets)]
    pairs = [workers.submit(parts.chunk_pairs, [workers.submit(parts.keys_for, k, c) for k in asked],
                            lookups[c], int(bounds[c]), n) for c in range(len(chunks))]
    keys = np.unique(np.concatenate(workers.fetch(pairs)))
    return keys // max(n, 1), keys % max(n, 1)


# -- alignment ------------------------------------------------------------------------------------------


def _words(units: Units, local: np.ndarray) -> tuple[list[int], list[int]]:
    """The words of some of a chunk's units, end to end, and where each starts (and the last ends)."""
    lengths = units.offsets[local + 1] - units.offsets[local]
    at = np.concatenate(([0], np.cumsum(lengths)))
    take = np.repeat(units.offsets[local] - at[:-1], lengths) + np.arange(int(at[-1]))
    return units.word_hashes[take].tolist(), at.tolist()


def align_pairs(left: Units, right: Units, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """The task: ``matched_words`` of pairs ``(i[k], j[k])``, ``i`` local units of ``left``, ``j`` of ``right``."""
    ui, ii = np.unique(i, return_inverse=True)
    uj, jj = np.unique(j, return_inverse=True)
    wi, ai = _words(left, ui)
    wj, aj = _words(right, uj)
    return np.fromiter((matched_words(wi[ai[a]:ai[a + 1]], wj[aj[b]:aj[b + 1]])
                        for a, b in zip(ii.ravel().tolist(), jj.ravel().tolist())), np.int64, len(i))


def aligned(workers: Workers, chunks: Chunks, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Step 3: ``matched_words`` of every candidate pair, aligned where the two chunks' words are."""
    ci, cj = chunks.chunk_of(i), chunks.chunk_of(j)
    block = ci * len(chunks) + cj
    order = np.argsort(block, kind="stable")
    cuts = np.flatnonzero(np.diff(block[order])) + 1
    tasks: list[tuple[np.ndarray, Any]] = []
    for run in np.split(order, cuts) if len(order) else []:
        a, b = int(ci[run[0]]), int(cj[run[0]])
        for begin in range(0, len(run), PAIRS_PER_TASK):
            k = run[begin:begin + PAIRS_PER_TASK]
            tasks.append((k, workers.submit(align_pairs, chunks.handles[a], chunks.handles[b],
                                            i[k] - chunks.bounds[a], j[k] - chunks.bounds[b])))
    matched = np.zeros(len(i), np.int64)
    for (k, _), result in zip(tasks, workers.fetch([t for _, t in tasks])):
        matched[k] = result
    return matched


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


def flag_groups(workers: Workers, task: Callable[[GroupPayload], list[Any]],
                payloads: Iterable[GroupPayload]) -> list[Any]:
    """Step 4: every payload's groups flagged by ``task``, the results in the payloads' order."""
    parts = workers.fetch([workers.submit(_pickled, task, workers.put(p)) for p in payloads])
    return [c for part in parts for c in pickle.loads(part)]


def _pickled(task: Callable[[Any], Any], payload: Any) -> bytes:
    """``task``'s result in one piece: a list of thousands of clusters travels much faster as bytes."""
    return pickle.dumps(task(payload), protocol=5)
