"""Places the tagger took for people or organisations.

"Hong Kong" tagged a person once and a place fourteen times is a place: an
actor whose own name mentions are mostly tagged as places takes the place
label (and so is listed as a place, with no gender); one whose last word says
it is a place ("Santos City") and that says nothing is no actor at all.  (Not
every unquoted one: the tagger also calls people places, "Amy Klobuchar".)  A US state's postal
code standing alone ("Irving, TX") is a place too, never an actor of its
own, whatever the tagger said.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from .extraction import Extraction

#: spaCy labels of places
PLACE_LABELS = ("GPE", "LOC", "FAC")
#: last words of names of settlements and districts
PLACE_HEADS = frozenset("city town village county province district municipality borough township".split())
#: the two-letter postal codes of the US states and the District of Columbia
US_STATE_CODES = frozenset(
    """
    AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH
    OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC
    """.split()
)


def correct_places(found: Extraction) -> Extraction:
    """Actors that are places by their own mentions take a place label; state codes are no actors."""
    labels: dict[str, Counter[str]] = {}
    for e in found.entities:
        if e.actor is not None:
            labels.setdefault(e.actor, Counter())[e.label] += 1
    dropped: set[str] = set()
    actors = []
    for actor in found.actors:
        if actor.kind not in ("PERSON", "ORG"):
            actors.append(actor)
            continue
        if actor.name in US_STATE_CODES and not actor.quotes:
            dropped.add(actor.id)
            continue
        counts = labels.get(actor.id)
        if counts:
            label, n = counts.most_common(1)[0]
            if label in PLACE_LABELS and n > sum(counts.values()) / 2:
                if not actor.quotes and actor.name.split()[-1].lower() in PLACE_HEADS:
                    dropped.add(actor.id)  # "Santos City" says nothing: a place, no actor at all
                    continue
                actor = replace(actor, kind=label, gender=None)
        actors.append(actor)
    if not dropped and all(a is b for a, b in zip(actors, found.actors)):
        return found
    entities = tuple(replace(e, actor=None, label="GPE") if e.actor in dropped else e for e in found.entities)
    mentions = tuple(m for m in found.mentions if m.actor not in dropped)
    return replace(found, actors=tuple(actors), entities=entities, mentions=mentions)
