"""Taking actors out of an extraction, with their name highlights and mentions.

The passes that find an actor to be no actor at all (a venue in a list of tour
dates, a common abbreviation) share this, so that a dropped actor never leaves
a highlight or a mention pointing at an id that no longer exists.
"""

from __future__ import annotations

from dataclasses import replace

from .extraction import Extraction


def without_actors(found: Extraction, dropped: set[str]) -> Extraction:
    """``found`` without the actors whose ids are in ``dropped``; quoted actors are never passed here."""
    if not dropped:
        return found
    return replace(
        found,
        actors=tuple(a for a in found.actors if a.id not in dropped),
        entities=tuple(e for e in found.entities if e.actor not in dropped),
        mentions=tuple(m for m in found.mentions if m.actor not in dropped),
    )
