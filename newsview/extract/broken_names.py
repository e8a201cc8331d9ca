"""Names the tagger cut in the wrong place are no actors of their own.

The small English model's spans sometimes run over a verb ("Garrett hit
Rudolph" as one organisation), take in the verb before a name ("rang
Taylor", when the article lists a Taylor already) or stop short of the word
that makes the name ("National Security" out of "the White House National
Security Council Ukraine expert").  Such an actor, unless quoted, is dropped:
its words belong to actors the article lists properly, or to none.
"""

from __future__ import annotations

import re

from .actor_drops import without_actors
from .actor_words import ORG_HEADS
from .extraction import Extraction

#: lower-case words a name may hold ("Bank of England", "Ludwig van Beethoven", "Dancing with the Stars")
NAME_PARTICLES = frozenset(
    """
    of and the for on in at to with by from under upon over a an de del della di da das dos du des van von
    der den la le y e et bin ibn al el ter ten
    """.split()
)
#: office words that a name's span may stop short of ("National Security| Adviser John Bolton");
#: "Leader" is left out, as newspapers are called it ("Argus Leader")
OFFICE_WORDS = frozenset("adviser advisor secretary minister attorney spokesman spokeswoman spokesperson".split())
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _verb_inside(name: str) -> bool:
    """A lower-case word that no name holds stands between its capitalised words: "Garrett hit Rudolph"
    (not "the state Department of Public Safety")."""
    words = _WORD.findall(name)
    caps = [i for i, w in enumerate(words) if w[0].isupper()]
    return len(caps) >= 2 and any(w.islower() and w not in NAME_PARTICLES for w in words[caps[0] : caps[-1]])


def _cut_short(text: str, mentions: tuple[tuple[int, int], ...]) -> bool:
    """Every mention runs straight into a capitalised word that ends names or titles: "National Security|
    Council", "National Security| Adviser"."""
    for _, e in mentions:
        m = re.match(r" ([A-Z][a-z]+)\b", text[e : e + 20])
        if m is None or (m.group(1).lower() not in ORG_HEADS and m.group(1).lower() not in OFFICE_WORDS):
            return False
    return bool(mentions)


def drop_broken_names(text: str, found: Extraction) -> Extraction:
    """``found`` without the unquoted actors whose names are spans cut in the wrong place."""
    listed = {a.name for a in found.actors} | {a.name.split()[-1] for a in found.actors if a.family == "person"}
    dropped: set[str] = set()
    for actor in found.actors:
        if actor.quotes or actor.family not in ("person", "org"):
            continue
        first, _, rest = actor.name.partition(" ")
        if _verb_inside(actor.name) or _cut_short(text, actor.mentions) or (
                first.islower() and first not in NAME_PARTICLES and rest in listed):
            dropped.add(actor.id)
    return without_actors(found, dropped)
