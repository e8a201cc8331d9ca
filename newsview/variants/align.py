"""Word alignment of two versions of a quote, and what their differences mean.

Whether two versions are the same statement is decided on how many words
they share in order, in runs of two or more (rapidfuzz's Indel alignment,
fast enough for every candidate pair).  How they differ is shown with difflib's matcher, which
aligns the longest common runs first: a longest-common-subsequence alignment
would pair a lone "the" at the start of a long version with one in a short
excerpt and report a cut as a string of deletions.

A difference is a *cut* when it lies before or after every shared word and
one side has no words there (an outlet started the quote later or stopped it
earlier), or when the shorter side marks it with an ellipsis.  Anything else
inside the quote (a word changed, added or dropped without an ellipsis) is an
*alteration*.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz.distance import Indel

from .model import ALTERED, TRUNCATED
from .words import Words

#: shared words count only in runs of at least this many
MIN_RUN = 2


def matched_words(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """How many words ``a`` and ``b`` share in order, in runs of ``MIN_RUN`` words or more.

    Single words matched here and there are not evidence: any short quote of
    common words is a scattered subsequence of many long ones.  Nor are runs
    far apart: words between the first and the last shared run that only one
    version has count against the match (a few words of a short quote found
    in two places of a long answer are not that answer cut short).
    """
    if a == b:
        return len(a)
    runs = [op for op in Indel.opcodes(a, b) if op.tag == "equal" and op.src_end - op.src_start >= MIN_RUN]
    if not runs:
        return 0
    matched = sum(op.src_end - op.src_start for op in runs)
    inside = max(runs[-1].src_end - runs[0].src_start, runs[-1].dest_end - runs[0].dest_start) - matched
    return matched if inside <= max(3, matched // 2) else 0


@dataclass(frozen=True, slots=True)
class Block:
    """Reference words ``i1:i2`` stand where the member has words ``j1:j2``."""

    op: str
    i1: int
    i2: int
    j1: int
    j2: int


def _blocks(ref: Sequence[str], mem: Sequence[str]) -> list[tuple[int, int, int, int]]:
    """Runs of differing words (``replace`` blocks are one run)."""
    matcher = SequenceMatcher(None, ref, mem, autojunk=False)
    return [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _at_ellipsis(longer: Sequence[str], i1: int, i2: int, j: int, gaps: Sequence[bool]) -> bool:
    """Is there an ellipsis in the other version where words ``longer[i1:i2]`` could be left out?

    A run of dropped words can often slide ("to the X the" loses "the X" or
    "X the"): any position it can slide to counts.
    """
    if j < len(gaps) and gaps[j]:
        return True
    a, b, k = i1, i2, j
    while a > 0 and k > 0 and longer[a - 1] == longer[b - 1]:
        a, b, k = a - 1, b - 1, k - 1
        if gaps[k]:
            return True
    a, b, k = i1, i2, j
    while b < len(longer) and k < len(gaps) and longer[a] == longer[b]:
        a, b, k = a + 1, b + 1, k + 1
        if k < len(gaps) and gaps[k]:
            return True
    return False


def compare(ref: Words, mem: Words) -> tuple[tuple[str, ...], list[Block]]:
    """How ``mem`` differs from ``ref``: its relation (``altered``, ``truncated``) and the blocks."""
    n, m = len(ref), len(mem)
    blocks: list[Block] = []
    relation: set[str] = set()
    for i1, i2, j1, j2 in _blocks(ref.words, mem.words):
        one_sided = i1 == i2 or j1 == j2
        if one_sided and i1 == 0 and j1 == 0:
            op = "cut-start"
        elif one_sided and i2 == n and j2 == m:
            op = "cut-end"
        elif j1 == j2 and _at_ellipsis(ref.words, i1, i2, j1, mem.gaps):
            op = "elided"  # the member shows an ellipsis where the reference has these words
        elif i1 == i2 and _at_ellipsis(mem.words, j1, j2, i1, ref.gaps):
            op = "elided"  # the reference shows an ellipsis where the member has these words
        else:
            op = "replace" if i1 < i2 and j1 < j2 else ("delete" if j1 == j2 else "insert")
        relation.add(TRUNCATED if op in ("cut-start", "cut-end", "elided") else ALTERED)
        blocks.append(Block(op, i1, i2, j1, j2))
    return tuple(sorted(relation)), blocks
