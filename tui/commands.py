"""Command-palette entries: jump to any actor by name; the review actions by name."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from newsview.filtering import quote_counts, rank_actors

if TYPE_CHECKING:  # pragma: no cover
    from .app import NewsViewApp


class _Entries(Provider):
    """A provider over ``_entries()``: (label, help, command) triples; labels shown as plain text."""

    def _entries(self):  # pragma: no cover - overridden
        return iter(())

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


class ActorCommands(_Entries):
    """'Actor: NAME' for every actor; choosing one selects it in the text."""

    def _entries(self):
        app: NewsViewApp = self.app  # type: ignore[assignment]
        counts = quote_counts(app.document)
        for actor in rank_actors(app.document):
            label = f"Actor: {actor.name}"
            # help is markup, so it carries only our own words and numbers
            help_text = f"{actor.family} · {counts.get(actor.id, 0)} quotes · {len(actor.mentions)} mentions"
            yield label, help_text, partial(app.select_actor, actor.id)


class ReviewCommands(_Entries):
    """The review actions by name, and 'Export review as Markdown'."""

    ENTRIES = (
        ("Review: accept the quote", "review_accept", "a"),
        ("Review: reject the quote…", "review_reject", "x"),
        ("Review: reassign the speaker…", "review_reassign", "r"),
        ("Review: note on the quote…", "review_note", "c"),
        ("Review: undo", "review_undo", "u"),
        ("Review: redo", "review_redo", "U"),
        ("Review: next unreviewed quote", "review_next(False)", "."),
        ("Review: least confident unreviewed quote", "review_next(True)", ">"),
        ("Review: merge the actor into another…", "review_merge", "m"),
        ("Review: rename the actor…", "review_rename", "R"),
        ("Export review as Markdown", "export_review", ""),
    )

    def _entries(self):
        for label, action, key in self.ENTRIES:
            yield label, (f"key {key}" if key else "writes ARTICLE.review.md beside the review file"), partial(
                self.app.run_action, action)
