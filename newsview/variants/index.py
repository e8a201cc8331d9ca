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


def shingle_hashes(word_hashes: np.ndarray, offsets: np.ndarray, k: int = SHINGLE) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every quote's word shingles, and the quote each belongs to.

    ``word_hashes`` holds the words of all quotes one after another;
    quote ``u`` is ``word_hashes[offsets[u]:offsets[u + 1]]``.
    """
    lengths = np.diff(offsets)
    counts = np.where(lengths >= k, lengths - k + 1, (lengths > 0).astype(lengths.dtype))
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), counts)
    if not len(owner):
        return np.empty(0, np.uint64), owner
    first = np.cumsum(counts) - counts
    pos = offsets[:-1][owner] + (np.arange(len(owner), dtype=np.int64) - np.repeat(first, counts))
    words = word_hashes.view(np.uint64)
    last = len(words) - 1
    own_len = lengths[owner]
    h = words[pos] * _MUL
    for t in range(1, k):
        nxt = words[np.minimum(pos + t, last)]
        h = (h ^ np.where(t < own_len, nxt, np.uint64(t))) * _MUL
    return h, owner


def candidate_pairs(word_hashes: np.ndarray, offsets: np.ndarray, *, k: int = SHINGLE,
                    cap: int = CAP, query: int = QUERY) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)``, ``i < j``, of quotes that share rare shingles.

    Quote ``i`` pairs with ``j`` when ``j`` holds two of the rarest shingles
    ``i`` looks up (one, when ``i`` looks up only one), or the other way round.
    """
    n = len(offsets) - 1
    h, owner = shingle_hashes(word_hashes, offsets, k)
    if not len(h):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    order = np.lexsort((owner, h))
    h, owner = h[order], owner[order]
    del order
    keep = np.ones(len(h), bool)
    keep[1:] = (h[1:] != h[:-1]) | (owner[1:] != owner[:-1])  # a shingle twice in one quote counts once
    h, owner = h[keep], owner[keep]
    del keep
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    del h
    sizes = np.diff(np.append(starts, len(owner)))
    group = np.repeat(np.arange(len(starts)), sizes)
    size = sizes[group]
    # each quote's rarest shingles that some other quote has too
    usable = np.flatnonzero((size >= 2) & (size <= cap))
    by_rarity = usable[np.lexsort((size[usable], owner[usable]))]
    o = owner[by_rarity]
    first = np.flatnonzero(np.concatenate(([True], o[1:] != o[:-1])))
    rank = np.arange(len(o)) - np.repeat(first, np.diff(np.append(first, len(o))))
    asked = by_rarity[rank < query]
    del by_rarity, o, rank, first, usable
    asked_by = np.bincount(owner[asked], minlength=n)
    # the asking quote against every quote in the posting list, a slice of askers at a time
    found = []
    work = np.cumsum(sizes[group[asked]])
    begin = 0
    while begin < len(asked):
        end = int(np.searchsorted(work, work[begin] + _CHUNK, side="right"))
        end = max(end, begin + 1)
        while end < len(asked) and owner[asked[end]] == owner[asked[end - 1]]:
            end += 1  # one quote's lookups are counted together
        found.append(_pairs(asked[begin:end], owner, group, starts, sizes, asked_by, n))
        begin = end
    pairs = np.unique(np.concatenate(found)) if found else np.empty(0, np.int64)
    return pairs // n, pairs % n


#: posting-list entries expanded at once (bounds the memory of a million quotes)
_CHUNK = 2_000_000


def _pairs(asked: np.ndarray, owner: np.ndarray, group: np.ndarray, starts: np.ndarray, sizes: np.ndarray,
           asked_by: np.ndarray, n: int) -> np.ndarray:
    """Undirected pair keys ``i * n + j`` (``i < j``) the lookups ``asked`` find."""
    g = group[asked]
    sz = sizes[g]
    left = np.repeat(owner[asked], sz)
    right = owner[np.repeat(starts[g], sz) + (np.arange(sz.sum()) - np.repeat(np.cumsum(sz) - sz, sz))]
    other = left != right
    keys, shared = np.unique(left[other] * n + right[other], return_counts=True)
    i, j = keys // n, keys % n
    ok = shared >= np.minimum(2, asked_by[i])
    i, j = i[ok], j[ok]
    return np.minimum(i, j) * n + np.maximum(i, j)
