"""Candidate pairs of quotes from an inverted index of rare word shingles.

Every quote is cut into its overlapping runs of ``SHINGLE`` words (a quote
shorter than that is one shingle of all its words), and every shingle has a
posting list of the distinct quotes that contain it.  A shingle found in
more than ``cap`` quotes ("i do not", "going to be") is a common phrase, not
evidence, and is left out; so is one found in a single quote (nothing to
pair with).  Each quote then looks up only its ``QUERY`` rarest remaining
shingles and pairs with the quotes in their posting lists (prefix filtering:
two versions of one statement share their rarest shingles).  This keeps the
number of pairs near-linear in the number of quotes, where pairing every
posting list in full grows with the square of the common phrases.

Why an inverted index and not MinHash LSH: LSH estimates the Jaccard
similarity of two shingle sets, and a truncated quote (ten words of a
forty-word statement) has a Jaccard similarity of a quarter with its source,
far below any useful LSH threshold, whereas every one of its shingles is in
the source.  A shared rare shingle finds containment as well as alteration;
``benchmarks/variants.py compare-lsh`` measures both approaches.

Everything here is numpy over flat arrays (one 64-bit hash per word), so a
million quotes fit in a few hundred megabytes.
"""

from __future__ import annotations

import numpy as np

#: words per shingle: three words survive a changed word in a quote of eight
SHINGLE = 3
#: a shingle in more distinct quotes than this is a common phrase
CAP = 64
#: how many of its rarest shingles a quote looks up
QUERY = 5

_MUL = np.uint64(0x9E3779B97F4A7C15)


def shingle_hashes(word_hashes: np.ndarray, offsets: np.ndarray, k: int = SHINGLE,
                   include: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the word shingles of quotes of ``k`` words or more, and the quote each belongs to.

    ``word_hashes`` holds the words of all quotes one after another; quote
    ``u`` is ``word_hashes[offsets[u]:offsets[u + 1]]``.  ``include`` (a
    mask over quotes) leaves the others out.  Quotes shorter than a shingle
    have none: they are matched only by their whole words, elsewhere.
    Arrays are combined in place: a million quotes have twenty million shingles.
    """
    words = word_hashes.view(np.uint64)
    if len(words) < k:
        return np.empty(0, np.uint64), np.empty(0, np.int32)
    h = words[: len(words) - k + 1] * _MUL
    for t in range(1, k):
        h ^= words[t: len(words) - k + 1 + t]
        h *= _MUL
    lengths = np.diff(offsets)
    counts = np.maximum(lengths - k + 1, 0)
    if include is not None:
        counts[~include] = 0
    # a shingle starts at word p of quote u when p + k <= the end of u
    valid = np.zeros(len(h), bool)
    owner = np.repeat(np.arange(len(lengths), dtype=np.int32), counts)
    first = np.repeat(offsets[:-1] - (np.cumsum(counts) - counts), counts)
    valid[first + np.arange(len(owner))] = True
    del first
    return h[valid], owner


def candidate_pairs(word_hashes: np.ndarray, offsets: np.ndarray, *, k: int = SHINGLE,
                    cap: int = CAP, query: int = QUERY,
                    include: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)``, ``i < j``, of quotes that share rare shingles.

    Quote ``i`` pairs with ``j`` when ``j`` holds two of the rarest shingles
    ``i`` looks up (one, when ``i`` looks up only one), or the other way round.
    """
    n = len(offsets) - 1
    h, owner = shingle_hashes(word_hashes, offsets, k, include)
    if not len(h):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    # a stable sort by hash keeps each shingle's quotes in order (they come in quote order)
    order = np.argsort(h, kind="stable")
    h = h[order]
    owner = owner[order]
    del order
    keep = np.ones(len(h), bool)
    keep[1:] = (h[1:] != h[:-1]) | (owner[1:] != owner[:-1])  # a shingle twice in one quote counts once
    h, owner = h[keep], owner[keep]
    del keep
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    del h
    sizes = np.diff(np.append(starts, len(owner))).astype(np.int32)
    group = np.repeat(np.arange(len(starts), dtype=np.int32), sizes)
    size = sizes[group]
    # each quote's rarest shingles that some other quote has too
    usable = np.flatnonzero((size >= 2) & (size <= cap))
    by_rarity = usable[np.lexsort((size[usable], owner[usable]))]
    del usable, size
    o = owner[by_rarity]
    first = np.flatnonzero(np.concatenate(([True], o[1:] != o[:-1])))
    rank = np.arange(len(o)) - np.repeat(first, np.diff(np.append(first, len(o))))
    asked = by_rarity[rank < query]
    del by_rarity, o, rank, first
    asked_by = np.bincount(owner[asked], minlength=n)
    asker = owner[asked]
    posting = group[asked]
    del group, asked
    # the asking quote against every quote in the posting list, a slice of askers at a time
    found = []
    work = np.cumsum(sizes[posting])
    begin = 0
    while begin < len(asker):
        end = int(np.searchsorted(work, work[begin] + _CHUNK, side="right"))
        end = max(end, begin + 1)
        while end < len(asker) and asker[end] == asker[end - 1]:
            end += 1  # one quote's lookups are counted together
        found.append(_pairs(asker[begin:end], posting[begin:end], owner, starts, sizes, asked_by, n))
        begin = end
    pairs = np.unique(np.concatenate(found)) if found else np.empty(0, np.int64)
    return pairs // n, pairs % n


#: posting-list entries expanded at once (bounds the memory of a million quotes)
_CHUNK = 2_000_000


def _pairs(asker: np.ndarray, g: np.ndarray, owner: np.ndarray, starts: np.ndarray, sizes: np.ndarray,
           asked_by: np.ndarray, n: int) -> np.ndarray:
    """Undirected pair keys ``i * n + j`` (``i < j``): quote ``asker[x]`` looking up shingle ``g[x]``."""
    sz = sizes[g]
    left = np.repeat(asker.astype(np.int64), sz)
    right = owner[np.repeat(starts[g], sz) + (np.arange(sz.sum()) - np.repeat(np.cumsum(sz) - sz, sz))]
    other = left != right
    keys, shared = np.unique(left[other] * n + right[other], return_counts=True)
    i, j = keys // n, keys % n
    ok = shared >= np.minimum(2, asked_by[i])
    i, j = i[ok], j[ok]
    return np.minimum(i, j) * n + np.maximum(i, j)
