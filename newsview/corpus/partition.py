"""Partitions: the unit of work of a corpus run, sized in words.

A partition is a run of consecutive articles (in input order) of about
``size`` words.  Its number and contents depend on the inputs and the size
alone, never on how many workers there are, so ``--jobs`` and ``--cluster``
write the same files, and a resumed run finds the partitions it finished.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from .inputs import Item

#: words per partition for a big corpus: a few tens of seconds of one core
PARTITION_WORDS = 200_000
#: a smaller corpus is cut into at least this many partitions, so that a few
#: workers share it evenly (and a killed worker loses little)
MIN_PARTITIONS = 64
#: ...but no partition is smaller than this (per-task overhead)
MIN_PARTITION_WORDS = 2_000


@dataclass(frozen=True)
class Partition:
    index: int
    #: position of the first item in the whole input (items are numbered from 0)
    first: int
    items: tuple[Item, ...]

    @property
    def weight(self) -> int:
        return sum(item.weight for item in self.items)


def partition_words(total_words: int) -> int:
    """The partition size for a corpus of ``total_words`` (estimated) words."""
    return max(MIN_PARTITION_WORDS, min(PARTITION_WORDS, total_words // MIN_PARTITIONS))


def partitions(items: Iterable[Item], size: int) -> Iterator[Partition]:
    """Consecutive items, grouped until a group holds ``size`` words or more."""
    group: list[Item] = []
    weight = 0
    index = first = 0
    for item in items:
        group.append(item)
        weight += item.weight
        if weight >= size:
            yield Partition(index, first, tuple(group))
            index += 1
            first += len(group)
            group, weight = [], 0
    if group:
        yield Partition(index, first, tuple(group))
