"""Command-palette entries: jump to any actor by name; the review actions by name."""

from __future__ import annotations

from functools import partial
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Protocol, cast

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from newsview.filtering import quote_counts, rank_actors

from .bindings import palette_entries

if TYPE_CHECKING:  # pragma: no cover
    from .reader_screen import ReaderScreen


class ReaderApp(Protocol):
    """What the palette needs of the app: its reader screen and the user's keymap."""

    reader: ReaderScreen
    keymap: dict[str, str]

    def get_key_display(self, binding: Binding) -> str: ...


def shown_reader(screen: object) -> ReaderScreen | None:
    """The reader the palette was opened on (the app's own, or an article opened from the Variants view).

    None on other screens (the Variants view), where a reader's commands would act on a hidden article.
    """
    from .reader_screen import ReaderScreen

    return screen if isinstance(screen, ReaderScreen) else None


#: a palette entry: its label, its help (markup: only our own words) and what choosing it does
Entry = tuple[str, str, Callable[[], object]]


class _Entries(Provider):
    """A provider over ``_entries()``: (label, help, command) triples; labels shown as plain text."""

    def _entries(self) -> Iterator[Entry]:  # pragma: no cover - overridden
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

    def _entries(self) -> Iterator[Entry]:
        reader = shown_reader(self.screen)
        if reader is None:
            return
        counts = quote_counts(reader.document)
        for actor in rank_actors(reader.document):
            label = f"Actor: {actor.name}"
            # help is markup, so it carries only our own words and numbers
            help_text = f"{actor.family} · {counts.get(actor.id, 0)} quotes · {len(actor.mentions)} mentions"
            yield label, help_text, partial(reader.select_actor, actor.id)


class ReviewCommands(_Entries):
    """The review actions by name (with the key the user's keymap gives them), and 'Export review as Markdown'."""

    def _entries(self) -> Iterator[Entry]:
        app = cast(ReaderApp, self.app)  # the palette is only ever opened on NewsViewApp
        reader = shown_reader(self.screen)
        if reader is None:
            return
        for label, help_text, action in palette_entries(app, app.keymap):
            if reader.check_action(action.split("(")[0], ()) is False:
                continue  # e.g. the variants' commands without other articles to compare with
            yield label, help_text, partial(reader.run_action, action)
