"""Words of a quote for comparison across articles, each with its place in the text.

Two outlets quoting the same sentence differ in what a reader does not count
as a difference: capitals, punctuation, curly or straight quotation marks and
apostrophes, ellipses, accents, line breaks.  A quote is therefore compared as
its sequence of *normalised words*; every word keeps the character offsets it
came from, so a word diff can be shown (and marked) in the original text.

An ellipsis is not a word, but where it stands matters: it is the writer
saying "I cut something here", which turns a dropped clause from an
alteration into an acknowledged cut.  ``Words.gaps`` remembers, for each
word, whether an ellipsis comes just before it.

Words in square brackets are the writer's, not the speaker's: an editor's
note ("The House language [of the spending bill] ignores ...") or "[sic]".
They are no words of the quote, so a version with the note and one without
are the same words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: a word: letters with inner apostrophes kept together ("don't", "o'clock"), or a run of digits.
#: Digits and letters are separate words, so that spacing a typesetter or a typo changed
#: ("2.6million" / "2.6 million", "9am" / "9 am", "1990's" / "1990s") is no changed word.
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\u02bc\u2018`][^\W\d_]+)*|\d+")
_APOSTROPHES = str.maketrans("", "", "'\u2019\u02bc\u2018`")
_ELLIPSIS = re.compile(r"\.\s*\.\s*\.|\u2026")
#: a writer's insertion inside a quote: "[of the spending bill]", "[sic]"
_BRACKETED = re.compile(r"\[[^\[\]]*\]")


def normalise_word(word: str) -> str:
    """The comparison form of one word: no case, accents or apostrophes."""
    if word.isascii():
        word = word.lower()
        return word.translate(_APOSTROPHES) if "'" in word or "`" in word else word
    word = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in word if not unicodedata.combining(c)).translate(_APOSTROPHES)


def normalised_words(text: str) -> list[str]:
    """Just the normalised words of ``text`` (the fast path for indexing).

    The same words ``words_of`` gives, a few times faster: most quotes are
    plain ASCII and need only lower-casing.
    """
    if "[" in text:
        text = _BRACKETED.sub(" ", text)
    if text.isascii():
        words = _WORD.findall(text.lower())
        if "'" in text or "`" in text:
            return [w.translate(_APOSTROPHES) for w in words]
        return words
    return [normalise_word(w) for w in _WORD.findall(text)]


@dataclass(frozen=True, slots=True)
class Words:
    """A quote's normalised words and, for each, where it is in its article."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    #: for each word: an ellipsis stands between it and the word before it
    gaps: tuple[bool, ...]

    def __len__(self) -> int:
        return len(self.words)

    def span(self, i: int, j: int) -> tuple[int, int] | None:
        """Character offsets covering words ``i`` to ``j - 1`` (None when empty)."""
        if i >= j:
            return None
        return self.starts[i], self.ends[j - 1]

    def at(self, i: int) -> int:
        """Where words put before word ``i`` would stand: just after word ``i - 1`` (the start, for the first)."""
        return self.ends[i - 1] if i > 0 else self.starts[0]


def words_of(pieces: Iterable[tuple[int, str]]) -> Words:
    """The words of a quote given as pieces ``(start offset, text)``.

    A quote broken by its attribution ("We will win," she said, "and soon.")
    has several pieces; they are read as one statement, and the break between
    them is not an ellipsis.
    """
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    gaps: list[bool] = []
    for offset, text in pieces:
        if "[" in text:  # the writer's words: blanked, so the speaker's keep their offsets
            text = _BRACKETED.sub(lambda m: " " * len(m.group()), text)
        cuts = [m.start() for m in _ELLIPSIS.finditer(text)]
        k = 0
        last_end = 0
        for m in _WORD.finditer(text):
            gap = False
            has_previous = bool(words)
            while k < len(cuts) and cuts[k] < m.start():
                gap = gap or cuts[k] >= last_end
                k += 1
            words.append(normalise_word(m.group()))
            starts.append(offset + m.start())
            ends.append(offset + m.end())
            gaps.append(gap and has_previous)
            last_end = m.end()
    return Words(tuple(words), tuple(starts), tuple(ends), tuple(gaps))
