"""The Variants view: statements quoted in several articles, one statement's versions, and an article at its quote.

``VariantsScreen`` lists the clusters (``VariantsList``); Enter opens a
``ComparisonScreen`` with the versions side by side in one column
(``VersionsList``); Enter on a version posts ``VersionChosen``, which the app
turns into the article's reader at the quote (``VersionReader``, whose Esc
comes back).  Esc goes back from each.  The screens only show what they are
given: the app finds the clusters in a worker thread and hands them over with
``show``; the screens ask for a fresh run with ``VariantsWanted``.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static

from newsview.variants.model import Cluster, Member
from newsview.widgets.key_footer import KeyFooter
from newsview.widgets.variants_list import (
    FLAG_MARKS,
    UNSURE_STYLE,
    VariantsList,
    VersionsList,
    article_count,
    flag_mark,
    legend,
    unconfirmed_note,
)

from .reader_screen import ReaderScreen
from .variant_set import VariantSet


class VariantsWanted(Message):
    """A screen wants the clusters found (again): the app runs the finder and calls ``show`` on it."""


class VersionChosen(Message):
    """Enter on a version: open its article at the quote (the app decides how)."""

    def __init__(self, member: Member) -> None:
        super().__init__()
        self.member = member


class _OwnKeysOnly(Screen[None]):
    """A screen that offers only the reader's keys it can run (the footer and help hide the others)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the app's table binds reader actions as ``screen.X``: here they would do nothing
        return hasattr(self, f"action_{action}")

    def action_back(self) -> None:
        self.dismiss()


class VariantsScreen(_OwnKeysOnly):
    """Every statement quoted in several articles, most suspicious first."""

    DEFAULT_CSS = """
    VariantsScreen { layout: vertical; }
    VariantsScreen #variants-title { height: 1; padding: 0 1; background: $panel; }
    VariantsScreen #variants { height: 1fr; border: none; padding: 0 1; }
    VariantsScreen #variants-status { height: 1; padding: 0 1; background: $panel-darken-1; }
    """

    def __init__(self, variants: VariantSet | None = None) -> None:
        super().__init__()
        self.variants = variants

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Quotes found in several articles", "bold"), id="variants-title")
        yield VariantsList(id="variants")
        yield Static(id="variants-status")
        yield KeyFooter()

    @property
    def variants_list(self) -> VariantsList:
        return self.query_one("#variants", VariantsList)

    def on_mount(self) -> None:
        self.variants_list.focus()
        self._draw()
        self.post_message(VariantsWanted())  # a fresh run: reviews may have changed since the last

    def show(self, variants: VariantSet | None, *, error: str | None = None) -> None:
        """Show a run's clusters (the cursor stays on its cluster), or say why there are none."""
        if variants is not None:
            self.variants = variants
        self._draw(error)

    def _draw(self, error: str | None = None) -> None:
        if not self.is_mounted:
            return
        variants = self.variants
        status = self.query_one("#variants-status", Static)
        if error is not None:
            self.variants_list.show(variants.clusters if variants else (),
                                    empty_note="The variants could not be found.")
            status.update(Content.styled(f"✗ {error}", "bold $text-error"))
            return
        if variants is None:
            self.variants_list.show((), empty_note="Finding quotes in several articles…")
            status.update(Content("finding variants…"))
            return
        self.variants_list.show(variants.clusters,
                                empty_note="No quote was found in more than one article.")
        counts: dict[str, int] = {}
        for c in variants.clusters:
            counts[c.flags[0]] = counts.get(c.flags[0], 0) + 1
        n = len(variants.clusters)
        parts: list[tuple[str, str] | str] = [f"{n} statement{'' if n == 1 else 's'} in {len(variants.documents)} articles"
                                              if variants.documents else f"{n} statement{'' if n == 1 else 's'}"]
        for flag, (symbol, word, style) in FLAG_MARKS.items():
            if counts.get(flag):
                parts += [" · ", (f"{symbol} {counts[flag]} {word}", style)]
        status.update(Content.assemble(*parts))

    @on(OptionList.OptionSelected, "#variants")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        cluster = self.variants.cluster(event.option.id or "") if self.variants else None
        if cluster is not None and self.variants is not None:
            self.app.push_screen(ComparisonScreen(cluster, self.variants))


class ComparisonScreen(_OwnKeysOnly):
    """One statement's versions, one per article, the words that differ from the reference marked."""

    DEFAULT_CSS = """
    ComparisonScreen { layout: vertical; }
    ComparisonScreen #comparison-title { height: auto; max-height: 2; padding: 0 1; background: $panel; }
    ComparisonScreen #versions { height: 1fr; border: none; padding: 0 1; }
    """

    def __init__(self, cluster: Cluster, variants: VariantSet, *, at: tuple[str, str] | None = None) -> None:
        """``at`` = (article, quote id): the version the cursor starts on."""
        super().__init__()
        self.cluster = cluster
        self.variants = variants
        self.start_at = at

    def compose(self) -> ComposeResult:
        symbol, word, style = flag_mark(self.cluster)
        others = [FLAG_MARKS[f][1] for f in self.cluster.flags[1:] if f in FLAG_MARKS]
        note = unconfirmed_note(self.cluster)
        title = Content.assemble((f"{symbol} {word}", style), (" + " + ", ".join(others), "$text-muted") if others else "",
                                 f" · {article_count(self.cluster)} articles", (f" · {note}", UNSURE_STYLE) if note else "",
                                 "\n", legend())
        yield Static(title, id="comparison-title")
        yield VersionsList(id="versions")
        yield KeyFooter()

    @property
    def versions(self) -> VersionsList:
        return self.query_one("#versions", VersionsList)

    def on_mount(self) -> None:
        members = self.cluster.members
        titles = [self.variants.title(m.doc) for m in members]
        texts = [doc.text if (doc := self.variants.documents.get(m.doc)) is not None else None for m in members]
        at = 0
        if self.start_at is not None:
            at = next((i for i, m in enumerate(members) if (m.doc, m.quote) == self.start_at), 0)
        self.versions.show(self.cluster, titles, texts, at=at)
        self.versions.focus()

    @on(OptionList.OptionSelected, "#versions")
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = VersionsList.index_of(event.option.id)
        if index is not None:
            self.post_message(VersionChosen(self.cluster.members[index]))


class VersionReader(ReaderScreen):
    """An article opened at a quote from a comparison: the reader, whose Esc goes back.

    Esc goes back while the reader is still as it opened (on the quote, no
    actor chosen); after the user has moved on it first clears, as the reader's Esc does.
    """

    def __init__(self, *args, quote_id: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opened_at = quote_id

    def action_back(self) -> None:
        quote = self.document.quote(self.opened_at) if self.opened_at else None
        as_opened = self.current is None or (quote is not None and self.current == (quote.start, quote.end))
        if self.focused is self.article and as_opened and self.selected_actor is None:
            self.dismiss()
            return
        super().action_back()
