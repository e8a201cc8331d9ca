"""Whether two articles name the same speaker.

Within an article the engine (and the reviewer) has already merged "Donald
Trump", "Mr. Trump" and "Trump" into one actor; across articles each outlet
picks its own form.  ``same_speaker`` is deliberately forgiving: a quote is
only flagged ``conflicting`` when the names cannot be the same person ("Bill
Clinton" and "Hillary Clinton"), never because one outlet wrote "Trump" and
another "Donald J. Trump".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .words import normalised_words

#: words around a name that say what someone is, not who
_TITLES = frozenset((
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev",
    "reverend", "fr", "father", "president", "vice", "presidentelect", "former", "then", "late", "the",
    "a", "an", "sen", "senator", "rep", "representative", "congressman", "congresswoman", "gov",
    "governor", "mayor", "secretary", "gen", "general", "col", "colonel", "adm", "admiral", "capt",
    "captain", "sgt", "lt", "minister", "prime", "chancellor", "premier", "speaker", "leader",
    "chairman", "chairwoman", "chair", "ceo", "judge", "justice", "attorney", "candidate", "nominee",
    "democrat", "republican", "democratic", "us", "gop", "jr", "sr", "ii", "iii", "iv",
))
#: a "speaker" that is only a pronoun names nobody
_PRONOUNS = frozenset((
    "i", "me", "we", "us", "he", "him", "she", "her", "they", "them", "it", "you", "one", "who",
    "weve", "ive", "hes", "shes", "theyve",
))


#: several people named as one speaker ("Cruz and Trump")
_SEVERAL = re.compile(r"\s+(?:and|&)\s+|\s*[,;/]\s*", re.IGNORECASE)


@lru_cache(maxsize=65536)
def name_key(name: str | None) -> tuple[str, ...]:
    """The words of a name that identify the person; () when it names nobody."""
    if not name:
        return ()
    words = [w for w in normalised_words(name) if w not in _TITLES and len(w) > 1]
    if all(w in _PRONOUNS for w in words):
        return ()
    return tuple(words)


def _people(names: Iterable[str], several: bool = True) -> list[tuple[str, ...]]:
    parts = (p for name in names for p in (_SEVERAL.split(name) if several else (name,)))
    return [k for p in parts if (k := name_key(p))]


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a == b or a == b[:len(a)] or b == a[:len(b)]:
        return True  # also "Breitbart" and "Breitbart News"
    if a[-1] != b[-1]:
        return False  # "Trump" is not "the pro-Trump students"
    # one family name: the same person unless both give first names that cannot be one another's
    return len(a) == 1 or len(b) == 1 or a[0].startswith(b[0]) or b[0].startswith(a[0])


def same_speaker(a: Iterable[str], b: Iterable[str], *, several: bool = True) -> bool:
    """Could any name of speaker ``a`` (name and aliases) be any name of ``b``?

    With ``several``, a name of several people ("Cruz and Trump") matches each
    of them.  Names that identify nobody (only titles or pronouns) are
    compatible with anyone: there is nothing to contradict.
    """
    keys_a, keys_b = _people(a, several), _people(b, several)
    if not keys_a or not keys_b:
        return True
    return any(_compatible(x, y) for x in keys_a for y in keys_b)
