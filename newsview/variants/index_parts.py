"""The rare-shingle index of ``index.py`` built in parts, each part a task another process can run.

``candidate_pairs`` needs every quote's shingles at once.  Here the units
are cut into *chunks* (runs of units, each cut in its own task) and the
shingles into *buckets* (by their hash, so all the quotes of one shingle meet
in one bucket).  The rule is the same, and so are the pairs:

1. ``chunk_shingles`` (per chunk): the chunk's shingles, sent to their buckets;
2. ``bucket_postings`` (per bucket): each shingle's posting list, and each
   quote's rarest usable shingles *of this bucket*, sent to the quote's chunk
   (a quote's ``QUERY`` rarest shingles overall are among them);
3. ``chunk_lookups`` (per chunk): each quote's ``QUERY`` rarest shingles
   overall, ranked by (posting size, hash) as ``candidate_pairs`` ranks them,
   sent back to their buckets;
4. ``bucket_pairs`` (per bucket): the asking quote against every quote in the
   posting lists it looks up, sent to the asker's chunk;
5. ``chunk_pairs`` (per chunk): the (asker, other) pairs counted over every
   bucket; a pair is kept when the other quote holds two
   of the asker's lookups (one, when it looks up only one), as undirected
   keys ``i * n + j``.

What travels between tasks is a few numbers per shingle or per lookup; the
words stay with their chunk.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .index import CAP, QUERY, SHINGLE, shingle_hashes
from .units import Units

#: (hashes, owners) of one chunk's shingles in one bucket
Shingles = tuple[np.ndarray, np.ndarray]
#: (owner, posting size, hash, group) of the rarest shingles offered for one chunk's quotes
Offers = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
#: (asker, group): the posting lists of one bucket that one chunk's quotes look up
Lookups = tuple[np.ndarray, np.ndarray]


def _split(values: Sequence[np.ndarray], by: np.ndarray, bounds: np.ndarray) -> list[tuple[np.ndarray, ...]]:
    """``values`` (sorted by ``by``) cut where ``by`` crosses each of ``bounds``."""
    cuts = np.searchsorted(by, bounds)
    return [tuple(v[cuts[c]:cuts[c + 1]] for v in values) for c in range(len(bounds) - 1)]


def chunk_shingles(units: Units, base: int, include: np.ndarray, buckets: int, k: int = SHINGLE) -> list[Shingles]:
    """Step 1: the shingles of a chunk's included units, one part per bucket, owners as global unit ids."""
    h, owner = shingle_hashes(units.word_hashes, units.offsets, k, include)
    owner = owner.astype(np.int64) + base
    bucket = (h >> np.uint64(40)) % np.uint64(buckets)
    order = np.argsort(bucket, kind="stable")  # owners stay in order within a bucket
    h, owner, bucket = h[order], owner[order], bucket[order]
    return [(h[a:b], owner[a:b]) for a, b in
            zip(*(np.searchsorted(bucket, np.arange(buckets, dtype=np.uint64), side=s) for s in ("left", "right")))]


class Postings:
    """One bucket's posting lists: ``owner[starts[g]:starts[g] + sizes[g]]`` are the quotes of shingle ``g``."""

    def __init__(self, owner: np.ndarray, starts: np.ndarray, sizes: np.ndarray, offers: list[Offers]) -> None:
        self.owner = owner
        self.starts = starts
        self.sizes = sizes
        #: for each chunk: its quotes' rarest shingles in this bucket
        self.offers = offers


def bucket_postings(parts: Sequence[Shingles], bounds: np.ndarray, cap: int = CAP,
                    query: int = QUERY) -> Postings:
    """Step 2: a bucket's posting lists from every chunk's part (given in chunk order)."""
    h = np.concatenate([p[0] for p in parts]).astype(np.uint64, copy=False)
    owner = np.concatenate([p[1] for p in parts])
    order = np.argsort(h, kind="stable")  # chunks come in order: each shingle's quotes stay in order
    h, owner = h[order], owner[order]
    keep = np.ones(len(h), bool)
    keep[1:] = (h[1:] != h[:-1]) | (owner[1:] != owner[:-1])  # a shingle twice in one quote counts once
    h, owner = h[keep], owner[keep]
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1]))) if len(h) else np.empty(0, np.int64)
    sizes = np.diff(np.append(starts, len(owner))).astype(np.int64)
    group = np.repeat(np.arange(len(starts), dtype=np.int64), sizes)
    size = sizes[group]
    usable = np.flatnonzero((size >= 2) & (size <= cap))
    ranked = usable[np.lexsort((h[usable], size[usable], owner[usable]))]
    ranked = ranked[_rank(owner[ranked]) < query]
    offers = _split((owner[ranked], size[ranked], h[ranked], group[ranked]), owner[ranked], bounds)
    return Postings(owner, starts, sizes, offers)  # type: ignore[arg-type]


def offers_for(postings: Postings, chunk: int) -> Offers:
    return postings.offers[chunk]


def _rank(sorted_owner: np.ndarray) -> np.ndarray:
    """Each entry's place among the entries of its owner (entries grouped by owner)."""
    if not len(sorted_owner):
        return np.empty(0, np.int64)
    first = np.flatnonzero(np.concatenate(([True], sorted_owner[1:] != sorted_owner[:-1])))
    return np.arange(len(sorted_owner)) - np.repeat(first, np.diff(np.append(first, len(sorted_owner))))


class ChunkLookups:
    """A chunk's quotes' lookups: how many each makes, and for each bucket the posting lists asked for."""

    def __init__(self, asked_by: np.ndarray, per_bucket: list[Lookups]) -> None:
        self.asked_by = asked_by
        self.per_bucket = per_bucket


def chunk_lookups(offers: Sequence[Offers], base: int, count: int, query: int = QUERY) -> ChunkLookups:
    """Step 3: each of a chunk's quotes looks up its ``query`` rarest shingles, ranked over every bucket."""
    owner, size, h, group = (np.concatenate([o[f] for o in offers]) for f in range(4))
    bucket = np.repeat(np.arange(len(offers)), [len(o[0]) for o in offers])
    ranked = np.lexsort((h.astype(np.uint64, copy=False), size, owner))
    ranked = ranked[_rank(owner[ranked]) < query]
    asker, group, bucket = owner[ranked], group[ranked], bucket[ranked]
    asked_by = np.bincount(asker - base, minlength=count)
    order = np.argsort(bucket, kind="stable")
    asker, group, bucket = asker[order], group[order], bucket[order]
    return ChunkLookups(asked_by, _split((asker, group), bucket, np.arange(len(offers) + 1)))  # type: ignore[arg-type]


def lookups_for(lookups: ChunkLookups, bucket: int) -> Lookups:
    return lookups.per_bucket[bucket]


def bucket_pairs(postings: Postings, lookups: Sequence[Lookups], bounds: np.ndarray, n: int) -> list[np.ndarray]:
    """Step 4: every asker against the quotes of the posting lists it looks up here, as keys ``asker * n + other``.

    One part per asker's chunk; a key comes once for each of the asker's lookups here that holds the other.
    """
    asker = np.concatenate([lk[0] for lk in lookups])
    g = np.concatenate([lk[1] for lk in lookups])
    sz = postings.sizes[g]
    left = np.repeat(asker, sz)  # askers come in order: chunk by chunk, each chunk's in order
    right = postings.owner[np.repeat(postings.starts[g], sz) + (np.arange(sz.sum()) - np.repeat(np.cumsum(sz) - sz, sz))]
    other = left != right
    left, right = left[other], right[other]
    return [keys for (keys,) in _split((left * n + right,), left, bounds)]


def keys_for(keys: list[np.ndarray], chunk: int) -> np.ndarray:
    return keys[chunk]


def chunk_pairs(keys: Sequence[np.ndarray], lookups: ChunkLookups, base: int, n: int) -> np.ndarray:
    """Step 5: the chunk's askers' pairs that share enough lookups, as undirected keys ``i * n + j``, ``i < j``."""
    found, shared = np.unique(np.concatenate(keys), return_counts=True)
    i, j = found // n, found % n
    ok = shared >= np.minimum(2, lookups.asked_by[i - base])
    i, j = i[ok], j[ok]
    return np.unique(np.minimum(i, j) * n + np.maximum(i, j))
