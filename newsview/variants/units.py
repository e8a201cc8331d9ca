"""Quotes cut into units (the versions the finder compares), their words as process-stable hashes.

Each direct quote is one *unit* (its pieces read as one statement); each
quoted fragment of a mixed quote is a unit of its own; reported speech is
paraphrase, not quotation, and is left out, as is a unit of fewer than
``MIN_WORDS`` words, and a second unit at the same place of one article
(two overlapping quotes of the same words) or inside another unit of the
article (a mixed quote's fragment that a direct quote also holds).

A word is compared as a 64-bit hash of its normalised form.  The hash is
blake2b's, not Python's ``hash``: Python salts string hashes per process, and
the finder may cut the quotes in several processes (``spread.py``) whose
hashes must agree, and agree with this process's (the rare-shingle index
breaks ties between equally rare shingles by their hash, so the candidate
pairs depend on the hash values).  Hashing each distinct word once per call
keeps it about as fast as ``hash``: most words of a corpus repeat.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from hashlib import blake2b

import numpy as np

from .model import Piece
from .words import normalised_words

#: a quote of fewer words ("Yes") is never clustered
MIN_WORDS = 2


@dataclass(frozen=True, slots=True)
class Units:
    """Units of a run of quotes: arrays indexed by unit, words end to end."""

    #: the quote each unit comes from (its index in the finder's quotes)
    quote: np.ndarray
    #: the piece of a mixed quote; -1 for all the quote's pieces
    piece: np.ndarray
    #: every unit's words as hashes, one unit after another
    word_hashes: np.ndarray
    #: unit ``u``'s words are ``word_hashes[offsets[u]:offsets[u + 1]]``
    offsets: np.ndarray
    #: a hash of each unit's whole sequence of words
    text_hashes: np.ndarray

    def __len__(self) -> int:
        return len(self.quote)


def _stable(data: bytes) -> int:
    return int.from_bytes(blake2b(data, digest_size=8).digest(), "little", signed=True)


#: a quote as ``cut_units`` reads it: its article, kind, pieces, and whether it names its speaker
QuoteForm = tuple[str, str, tuple[Piece, ...], bool]


def cut_units(quotes: Iterable[QuoteForm], first: int = 0) -> Units:
    """The units of quotes given as ``(doc, kind, pieces, named)``, the first being the finder's quote ``first``."""
    known: dict[str, int] = {}
    word_hashes: list[np.ndarray] = []
    lengths = array("q")
    unit_quote = array("q")
    unit_piece = array("q")
    words: list[str] = []  # the words not yet hashed, end to end
    for qi, pieces, parts in _kept_parts(quotes, first):
        for p in parts:
            unit = normalised_words(pieces[p][1] if p >= 0 else " ".join(t for _, t in pieces))
            if len(unit) < MIN_WORDS:
                continue
            words += unit
            lengths.append(len(unit))
            unit_quote.append(qi)
            unit_piece.append(p)
        if len(words) >= _BATCH:
            word_hashes.append(_hashes(words, known))
            words = []
    word_hashes.append(_hashes(words, known))
    flat = np.concatenate(word_hashes)
    offsets = np.concatenate(([0], np.cumsum(np.frombuffer(lengths, np.int64) if lengths else []))).astype(np.int64)
    text_hashes = np.fromiter((_stable(flat[a:b].tobytes()) for a, b in itertools.pairwise(offsets.tolist())),
                              np.int64, len(lengths))
    return Units(_int64(unit_quote), _int64(unit_piece), flat, offsets, text_hashes)


def _parts(kind: str, pieces: tuple[Piece, ...]) -> list[int]:
    """The units of one quote: each piece of a mixed quote (by index), or all of a direct quote's (-1)."""
    if kind == "indirect" or not pieces:
        return []
    return list(range(len(pieces))) if kind == "mixed" else [-1]


def _place(pieces: tuple[Piece, ...], p: int) -> tuple[Piece, ...]:
    """Where a unit stands in its article, with its words: its pieces."""
    return pieces if p < 0 else (pieces[p],)


def _kept_parts(quotes: Iterable[QuoteForm], first: int) -> Iterator[tuple[int, tuple[Piece, ...], list[int]]]:
    """Each quote's units, where a place of an article quoted twice is kept once.

    The engine can find two overlapping quotes around the same quoted words
    (a mixed quote inside a longer one, one with a speaker and one without):
    both hold the same words at the same place, and the finder would read two
    versions of the statement in one article, one with another speaker or
    none.  The place stays with the quote that names its speaker, the first
    such (or the first) in input order.  Quotes are compared within each run
    of consecutive quotes of one article, so chunks cut at runs' edges
    (``spread.cut``) keep the same units.
    """
    for _, run in itertools.groupby(enumerate(quotes, first), key=lambda item: item[1][0]):
        entries = [(qi, pieces, named, _parts(kind, pieces)) for qi, (_, kind, pieces, named) in run]
        entries = _without_nested(entries)
        starts = [pieces[max(p, 0)][0] for _, pieces, _, parts in entries for p in parts]
        if len(set(starts)) == len(starts):  # no two units start at one place: nothing to compare
            for qi, pieces, _, parts in entries:
                yield qi, pieces, parts
            continue
        owner: dict[tuple[Piece, ...], tuple[int, int]] = {}
        for qi, pieces, named, parts in entries:
            for p in parts:
                place, rank = _place(pieces, p), (0 if named else 1, qi)
                if owner.get(place, rank) >= rank:
                    owner[place] = rank
        for qi, pieces, _, parts in entries:
            yield qi, pieces, [p for p in parts if owner[_place(pieces, p)][1] == qi]


_Entry = tuple[int, tuple[Piece, ...], bool, list[int]]


def _span(place: tuple[Piece, ...]) -> tuple[int, int]:
    return place[0][0], place[-1][0] + len(place[-1][1])


def _without_nested(entries: list[_Entry]) -> list[_Entry]:
    """The run's entries without the mixed quotes' fragments that lie inside a longer unit of the article.

    The engine can find a mixed quote whose quoted fragment ends inside a
    direct quote of the same words (a 'Senate aide' as saying: "The House
    language ..." ends at the first sentence; the direct quote around it goes
    on): the finder would read the fragment as a second, shorter version in
    the same article, a cut the article never made.  The fragment goes unless
    it names its speaker and the longer unit does not.
    """
    units = sorted(((*_span(_place(pieces, p)), not named, k, p) for k, (_, pieces, named, parts) in enumerate(entries)
                    for p in parts), key=lambda u: (u[0], -u[1]))
    dropped: set[tuple[int, int]] = set()
    # the unit reaching furthest so far (every unit so far starts no later than the next)
    reach_start, reach_end, reach_unnamed = -1, -1, True
    for start, end, unnamed, k, p in units:
        inside = end <= reach_end and (start, end) != (reach_start, reach_end)  # one place: ``owner`` decides
        if inside and p >= 0 and (unnamed or not reach_unnamed):  # a mixed quote's fragment
            dropped.add((k, p))
        if end > reach_end:
            reach_start, reach_end, reach_unnamed = start, end, unnamed
    if not dropped:
        return entries
    return [(qi, pieces, named, [p for p in parts if (k, p) not in dropped])
            for k, (qi, pieces, named, parts) in enumerate(entries)]


#: words hashed at once: a batch of word strings costs about 60 bytes a word
_BATCH = 1_000_000


def _hashes(words: list[str], known: dict[str, int]) -> np.ndarray:
    """The words' hashes, each distinct word hashed once (``known`` remembers them between batches)."""
    for w in dict.fromkeys(words).keys() - known.keys():
        known[w] = _stable(w.encode())
    return np.fromiter(map(known.__getitem__, words), np.int64, len(words))


def _int64(a: array) -> np.ndarray:
    return np.frombuffer(a, np.int64) if len(a) else np.empty(0, np.int64)
