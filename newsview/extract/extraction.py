"""What extraction finds in one parsed text: entities, actors, mentions and quotes."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Actor, Entity, Mention, Quote

__all__ = ["Extraction"]


@dataclass(frozen=True)
class Extraction:
    """Model objects whose offsets index the parsed text."""

    entities: tuple[Entity, ...] = ()
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
