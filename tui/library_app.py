"""The app on a library: the library screen first, an article's reader pushed over it.

``LibraryApp`` is the reader's App (themes, keymap, help, quit) whose default
screen is the ``LibraryScreen``.  Enter on a row opens the article in a
``LibraryReader`` (the reader, plus going back to the list and stepping to the
next or previous article of it); Esc or ``q`` there pops back to the library,
whose cursor never moved.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, on, work
from textual.app import App
from textual.binding import BindingType
from textual.markup import escape

from newsview.library.variants import library_clusters

from .analysis import DocumentAnalysed
from .app import NewsViewApp
from .bindings import KEYS, LIBRARY, bindings, key_display
from .commands import ActorCommands, Entry, ReviewCommands, _Entries
from .library_screen import ArticleChosen, LibraryScreen, LibrarySetup
from .library_views import ARTICLE_SORTS
from .reader_screen import ReaderScreen
from .variants_screen import VersionChosen

if TYPE_CHECKING:  # pragma: no cover
    from textual.screen import Screen

    from newsview.engine import Analyzer
    from newsview.library.query import ArticleRow


class LibraryReader(ReaderScreen):
    """The reader of one of the library's articles."""

    COMMANDS: ClassVar[set[Any]] = {ActorCommands, ReviewCommands}

    def __init__(self, row: ArticleRow, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.row = row
        #: the quote it was opened at, shown again once the analysis arrives (when it was not cached)
        self.pending_quote: str | None = None

    def on_document_analysed(self, _message: DocumentAnalysed) -> None:
        # runs before the reader's own handler (Textual calls the most derived first): show it after that
        if self.pending_quote is not None:
            self.call_after_refresh(self._show_pending_quote)

    def _show_pending_quote(self) -> None:
        quote_id, self.pending_quote = self.pending_quote, None
        if quote_id is not None and self.document.quote(quote_id) is not None:
            self.show_quote(quote_id)
            self.actor_list.reveal_quote(quote_id)

    def action_back(self) -> None:
        # Esc clears the place, then the actor, then goes back to the library
        if self.focused is self.article and self.current is None and self.selected_actor is None:
            self.app.close_article()  # type: ignore[attr-defined]
            return
        super().action_back()


class LibraryCommands(_Entries):
    """The library's keys by name (with the key the user's keymap gives them), and 'Sort articles by …'."""

    def _entries(self) -> Iterator[Entry]:
        app = cast(LibraryApp, self.app)
        for k in KEYS:
            if k.group == LIBRARY and k.palette:
                keys = escape(key_display(app, app.keymap.get(k.id, k.keys)))
                yield k.palette, f"key {keys}", partial(app.run_action, k.action)
        for key, words in ARTICLE_SORTS:
            yield f"Library: sort articles by {words}", "", partial(app.library.sort_by, key)


class LibraryApp(NewsViewApp, inherit_bindings=False):
    """newsview on many articles.

    Its bindings are the whole keys table, the library's keys included, in the
    table's order (q goes back to the list in the reader before it quits).
    """

    COMMANDS = App.COMMANDS | {LibraryCommands}
    BINDINGS: ClassVar[list[BindingType]] = [*App.BINDINGS, *bindings()]
    #: actions of the list, and of the reader of one of its articles
    ON_LIST = frozenset({"library_view", "library_sort", "library_reverse"})
    IN_READER = frozenset({"library_step_article", "library_close"})

    def __init__(self, setup: LibrarySetup, *, analyzer: Analyzer | None, theme: str | None = None,
                 mouse: bool = True) -> None:
        super().__init__(None, analyser=None, theme=theme, mouse=mouse)  # type: ignore[arg-type]  # no article yet
        self.setup = setup
        self.analyzer = analyzer
        self.library = LibraryScreen(setup, analyzer)
        # the Variants view reads the library's quotes from its index, in a worker thread
        self.library_context = partial(library_clusters, setup.index_path, explicit=setup.explicit)

    @property
    def reader(self) -> ReaderScreen:
        """The reader of the article open now (the palette's actor and review commands act on it)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ReaderScreen):
                return screen
        raise LookupError("no article is open")

    @property
    def open_reader(self) -> LibraryReader | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, LibraryReader):
                return screen
        return None

    def get_default_screen(self) -> Screen:
        return self.library

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # each library key works (and is shown) where it means something
        if action in self.ON_LIST:
            return self.screen is self.library
        if action in self.IN_READER:
            return isinstance(self.screen, LibraryReader)
        return super().check_action(action, parameters)

    def action_library_view(self, step: int) -> None:
        self.library.action_next_view(step)

    def action_library_sort(self) -> None:
        self.library.action_sort()

    def action_library_reverse(self) -> None:
        self.library.action_reverse()

    def action_library_close(self) -> None:
        self.close_article()

    def action_library_step_article(self, step: int) -> None:
        self.step_article(step)

    # Textual runs the handlers of every class of the app: prevent_default keeps the reader app's from running
    def on_ready(self, event: events.Ready) -> None:  # type: ignore[override]  # Textual passes the event
        event.prevent_default()
        self.library.start()

    def on_app_focus(self, event: events.AppFocus) -> None:
        event.prevent_default()
        reader = self.open_reader
        if reader is not None:
            reader.catch_up()

    async def action_quit(self) -> None:
        if self.open_reader is not None and self.screen is self.open_reader:
            self.close_article()
            return
        self.library.stop()
        await super().action_quit()

    # -- opening articles -----------------------------------------------------
    @on(ArticleChosen)
    def _article_chosen(self, event: ArticleChosen) -> None:
        self.open_article(event.row, quote_id=event.quote_id, offset=event.offset)

    def open_article(self, row: ArticleRow, *, quote_id: str | None = None, offset: int | None = None) -> None:
        """Show an article of the library in the reader (at a quote when given)."""
        from newsview.library import scan
        from newsview.reader import InputError

        try:
            document = scan.open_article(row.path, self.analyzer)
        except InputError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=6)
            return
        from newsview.review.fileformat import review_name

        analyser = self.analyser if self.analyser is not None else self.analyzer
        # a web page's review is where opening its address alone puts it (found by its canonical address)
        reader = LibraryReader(row, document, analyser=analyser if not document.analysed else None,
                               article_path=review_name(row.path, document.meta.url),
                               live_filter_chars=self.LIVE_FILTER_CHARS)
        self._note_opened(row.id)
        if self.variants is not None:
            reader.set_variants(self.variants)
        else:  # the sidebar marks quotes found in other articles once the variants are found
            self.find_variants()
        self.push_screen(reader)
        self.call_after_refresh(self._reader_shown, reader, quote_id, offset)

    def _reader_shown(self, reader: LibraryReader, quote_id: str | None, offset: int | None) -> None:
        reader.start()
        if quote_id is not None and reader.document.quote(quote_id) is not None:
            reader.show_quote(quote_id)
            reader.actor_list.reveal_quote(quote_id)
        elif offset is not None:
            # not analysed yet: the quote's place in the text is known from the index; the quote once it is
            reader.article.scroll_to_offset(offset)
            reader.pending_quote = quote_id

    def close_article(self) -> None:
        """Back to where the article was opened from: the library, on the same row, or the Variants view."""
        reader = self.open_reader
        if reader is None:
            return
        while self.screen is not reader:
            self.pop_screen()
        self.pop_screen()
        self._refresh_reviews()

    def on_version_chosen(self, message: VersionChosen) -> None:
        """A version in the Variants view: its article, from the library, at the quote."""
        from newsview.library import query

        message.prevent_default()  # the reader app's handler (a document to open) has none here
        path = message.member.doc
        index = self.setup.index
        row = index.guarded(lambda conn: query.article_by_path(conn, path)) if index is not None else None
        if row is None:
            self.notify("This article is no longer in the library.", severity="warning", markup=False, timeout=3)
            return
        self.open_article(row, quote_id=message.member.quote, offset=message.member.start)

    def step_article(self, step: int) -> None:
        """Open the next (previous) article of the library's list, as it is sorted and filtered."""
        reader = self.open_reader
        if reader is None:
            return
        library = self.library
        position = library.article_position(reader.row.id)
        if position is None:
            position = library.articles.cursor
        target = library.article_at(position + step)
        if target is None:
            self.notify("No next article." if step > 0 else "No previous article.", markup=False, timeout=2)
            return
        while self.screen is not library:
            self.pop_screen()
        library.articles.move_to(position + step)
        self.open_article(target)

    # -- writes, in threads of their own (never in a key handler) -------------------
    @work(thread=True, group="library-writes", exit_on_error=False, description="Noting the opened article")
    def _note_opened(self, article_id: int) -> None:
        from newsview.library.index import LibraryIndex

        with LibraryIndex(self.setup.index_path, explicit=self.setup.explicit) as index:
            index.mark_opened(article_id)

    @work(thread=True, group="library-writes", exit_on_error=False, description="Reading saved reviews")
    def _refresh_reviews(self) -> None:
        from newsview.library import scan
        from newsview.library.index import LibraryIndex

        if self.analyzer is None:
            return
        with LibraryIndex(self.setup.index_path, explicit=self.setup.explicit) as index:
            scan.refresh_reviews(index, self.analyzer.cache, self.analyzer.pipeline)
