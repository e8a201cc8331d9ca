"""Command-palette entries: jump to any actor by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from newsview.filtering import quote_counts, rank_actors

if TYPE_CHECKING:  # pragma: no cover
    from .app import NewsViewApp


class ActorCommands(Provider):
    """'Actor: NAME' for every actor; choosing one selects it in the text."""

    def _entries(self):
        app: NewsViewApp = self.app  # type: ignore[assignment]
        counts = quote_counts(app.document)
        for actor in rank_actors(app.document):
            label = f"Actor: {actor.name}"
            # help is markup, so it carries only our own words and numbers
            help_text = f"{actor.family} · {counts.get(actor.id, 0)} quotes · {len(actor.mentions)} mentions"
            yield label, help_text, partial(app.select_actor, actor.id)

    async def discover(self) -> Hits:
        for label, help_text, command in self._entries():
            yield DiscoveryHit(Content(label), command, text=label, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help_text, command in self._entries():
            score = matcher.match(label)
            if score > 0:
                # Content built from the plain name: never parsed as markup
                yield Hit(score, Content(label), command, text=label, help=help_text)
