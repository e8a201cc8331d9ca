"""Candidate pairs of quotes from an inverted index of rare word shingles.

Every quote is cut into its overlapping runs of ``SHINGLE`` words (a quote
shorter than that is one shingle of all its words).  Two quotes become a
candidate pair when they share a shingle that few quotes have: a shingle
found in more than ``cap`` distinct quotes ("i do not", "going to be") is a
common phrase, not evidence, and is left out, which is also what keeps the
number of pairs near-linear in the number of quotes.

Why an inverted index and not MinHash LSH: LSH estimates the Jaccard
similarity of two shingle sets, and a truncated quote (ten words of a
forty-word statement) has a Jaccard similarity of a quarter with its source,
far below any useful LSH threshold, whereas every one of its shingles is in
the source.  A shared rare shingle finds containment as well as alteration;
benchmarks/variants.py measures both approaches.

Everything here is numpy over flat arrays (one 64-bit hash per word), so a
million quotes fit in a few hundred megabytes.
"""

from __future__ import annotations

import numpy as np

#: words per shingle: three words survive a changed word in a quote of eight
SHINGLE = 3
#: a shingle in more distinct quotes than this is a common phrase
CAP = 64

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
                    cap: int = CAP) -> tuple[np.ndarray, np.ndarray]:
    """Pairs ``(i, j)``, ``i < j``, of quotes that share rare shingles.

    A pair needs two shared shingles, or one when either quote has only one.
    """
    n = len(offsets) - 1
    h, owner = shingle_hashes(word_hashes, offsets, k)
    if not len(h):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    shingles_of = np.bincount(owner, minlength=n)
    order = np.lexsort((owner, h))
    h, owner = h[order], owner[order]
    del order
    keep = np.ones(len(h), bool)
    keep[1:] = (h[1:] != h[:-1]) | (owner[1:] != owner[:-1])  # a shingle twice in one quote counts once
    h, owner = h[keep], owner[keep]
    del keep
    # groups of equal shingles with 2..cap members
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    sizes = np.diff(np.append(starts, len(h)))
    del h
    good = (sizes >= 2) & (sizes <= cap)
    starts, sizes = starts[good], sizes[good]
    # every element pairs with the elements after it in its group
    member = np.repeat(starts, sizes) + (np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes))
    later = np.repeat(starts + sizes, sizes) - member - 1
    left = np.repeat(member, later)
    right = left + 1 + (np.arange(later.sum()) - np.repeat(np.cumsum(later) - later, later))
    a, b = owner[left], owner[right]
    del left, right, member
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keys, shared = np.unique(lo * n + hi, return_counts=True)
    i, j = keys // n, keys % n
    need = np.minimum(2, np.minimum(shingles_of[i], shingles_of[j]))
    ok = shared >= need
    return i[ok], j[ok]
