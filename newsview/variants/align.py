"""Word alignment of two versions of a quote, and what their differences mean.

Alignment is rapidfuzz's Indel (longest common subsequence of words), so the
words two versions share are as many as they can be; a run of words dropped
next to a run of words added is shown as one replacement.

A difference is a *cut* when it lies before or after every shared word and
one side has no words there (an outlet started the quote later or stopped it
earlier), or when the shorter side marks it with an ellipsis.  Anything else
inside the quote (a word changed, added or dropped without an ellipsis) is an
*alteration*.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from .model import ALTERED, TRUNCATED
from .words import Words


def matched_words(a: Sequence[str], b: Sequence[str]) -> int:
    """How many words ``a`` and ``b`` share, in order."""
    return (len(a) + len(b) - Indel.distance(a, b)) // 2


@dataclass(frozen=True, slots=True)
class Block:
    """Reference words ``i1:i2`` stand where the member has words ``j1:j2``."""

    op: str
    i1: int
    i2: int
    j1: int
    j2: int


def _blocks(ref: Sequence[str], mem: Sequence[str]) -> list[tuple[int, int, int, int]]:
    """Runs of differing words, a deletion and insertion side by side joined into one."""
    out: list[tuple[int, int, int, int]] = []
    for op in Indel.opcodes(ref, mem):
        if op.tag == "equal":
            continue
        if out and out[-1][1] == op.src_start and out[-1][3] == op.dest_start:
            i1, _, j1, _ = out[-1]
            out[-1] = (i1, op.src_end, j1, op.dest_end)
        else:
            out.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    return out


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
        elif j1 == j2 and j1 < m and mem.gaps[j1]:
            op = "elided"  # the member shows an ellipsis where the reference has these words
        elif i1 == i2 and i1 < n and ref.gaps[i1]:
            op = "elided"  # the reference shows an ellipsis where the member has these words
        else:
            op = "replace" if i1 < i2 and j1 < j2 else ("delete" if j1 == j2 else "insert")
        relation.add(TRUNCATED if op in ("cut-start", "cut-end", "elided") else ALTERED)
        blocks.append(Block(op, i1, i2, j1, j2))
    return tuple(sorted(relation)), blocks
