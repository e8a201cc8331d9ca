"""What the App does for the Variants view: find the clusters in a thread, hand them out, open versions.

``VariantsHost`` is mixed into the App.  Given a library context (the other
articles, or a function returning clusters) it finds the quote variants in a
worker thread when the app is ready and again whenever a variants screen
asks (``VariantsWanted``), then gives every reader (for its sidebar marks)
and every variants screen the result.  Without a context it does nothing,
and the reader is as it always was.

The Variants view's screens and the clustering are imported when there is a
library context to use them on, never for a single article's first frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

from .reader_screen import ReaderScreen

if TYPE_CHECKING:  # pragma: no cover
    from newsview.review.view import ReviewedView

    from .variant_set import LibraryContext, VariantSet
    from .variants_screen import VariantsWanted, VersionChosen

VARIANTS_GROUP = "variants"


class VariantsFound(Message):
    """A run of the variant finder is done."""

    def __init__(self, variants: VariantSet) -> None:
        super().__init__()
        self.variants = variants


class VariantsHost:
    """The App's part of the Variants view (a mixin: ``self`` is the App)."""

    library_context: LibraryContext | None
    #: the last run's clusters (None until the first run is done)
    variants: VariantSet | None

    # -- finding -------------------------------------------------------------------
    def find_variants(self) -> None:
        """Find the clusters again, in a thread; the readers' reviews as they stand now apply."""
        if self.library_context is None:
            return
        from newsview.variants.documents import document_name

        app: Any = self
        views: dict[str, ReviewedView | None] = {}
        for screen in app.screen_stack:
            if isinstance(screen, ReaderScreen) and screen.analysis.analysed and screen.review_view is not None:
                views[document_name(screen.analysis)] = screen.review_view
        self._find_variants(self.library_context, views)

    @work(thread=True, exclusive=True, group=VARIANTS_GROUP, exit_on_error=False,
          description="Finding quotes in several articles")
    def _find_variants(self, context: LibraryContext, views: dict[str, ReviewedView | None]) -> None:
        from .variant_set import find_variant_set

        found = find_variant_set(context, views=views)
        if get_current_worker().is_cancelled:
            return  # a newer run (after a review change) has started: its result is the one to show
        app: Any = self
        app.post_message(VariantsFound(found))

    def on_variants_found(self, message: VariantsFound) -> None:
        from .variants_screen import VariantsScreen

        self.variants = message.variants
        app: Any = self
        for screen in app.screen_stack:
            if isinstance(screen, ReaderScreen):
                screen.set_variants(message.variants)
            elif isinstance(screen, VariantsScreen):
                screen.show(message.variants)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != VARIANTS_GROUP or event.state != WorkerState.ERROR:
            return
        from .variants_screen import VariantsScreen

        error = event.worker.error
        reason = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
        app: Any = self
        app.notify(f"Quote variants could not be found. {reason}", severity="error", markup=False, timeout=8)
        for screen in app.screen_stack:
            if isinstance(screen, VariantsScreen):
                screen.show(None, error=reason)

    def on_variants_wanted(self, _message: VariantsWanted) -> None:
        self.find_variants()

    # -- showing ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "show_variants":  # with other articles, and not over itself
            if self.library_context is None:
                return False
            from .variants_screen import ComparisonScreen, VariantsScreen

            app: Any = self
            return not isinstance(app.screen, (VariantsScreen, ComparisonScreen))
        return super().check_action(action, parameters)  # type: ignore[misc]  # the App's

    def action_show_variants(self) -> None:
        self.show_variants()

    def show_variants(self) -> None:
        """The Variants view over the library context."""
        app: Any = self
        if self.library_context is None:
            app.notify("No other articles to compare with.", severity="warning", markup=False, timeout=3)
            return
        from .variants_screen import VariantsScreen

        app.push_screen(VariantsScreen(self.variants))

    def compare_quote(self, doc: str, quote_id: str | None) -> None:
        """The comparison of a quote's versions in the other articles."""
        app: Any = self
        if self.library_context is None:
            return
        if self.variants is None:
            app.notify("Still looking for this article's quotes in the others…", markup=False, timeout=3)
            return
        if quote_id is None:
            app.notify("Choose a quote first.", severity="warning", markup=False, timeout=3)
            return
        clusters = self.variants.clusters_of(doc, quote_id)
        if not clusters:
            app.notify("This quote is not found in other articles.", severity="warning", markup=False, timeout=3)
            return
        from .variants_screen import ComparisonScreen

        app.push_screen(ComparisonScreen(clusters[0], self.variants, at=(doc, quote_id)))

    def on_version_chosen(self, message: VersionChosen) -> None:
        """Open the version's article in a reader at the quote, over the comparison (Esc comes back to it)."""
        from .variants_screen import VersionReader

        app: Any = self
        member = message.member
        document = self.variants.documents.get(member.doc) if self.variants else None
        for screen in app.screen_stack:  # an article already open: as the review shows it now
            if isinstance(screen, ReaderScreen) and screen.analysis.analysed and screen.article_name == member.doc:
                document = screen.analysis
        if document is None:
            app.notify("This article cannot be opened from here.", severity="warning", markup=False, timeout=3)
            return
        reader = VersionReader(document, analyser=None, article_path=document.source.path,
                               live_filter_chars=app.LIVE_FILTER_CHARS, quote_id=member.quote)
        reader.set_variants(self.variants)  # type: ignore[arg-type]  # set: the member came from it
        app.push_screen(reader)
        app.call_after_refresh(self._at_quote, reader, member.quote)

    @staticmethod
    def _at_quote(reader: ReaderScreen, quote_id: str) -> None:
        from .variants_screen import VersionReader

        if isinstance(reader, VersionReader):
            reader.start()
        if reader.document.quote(quote_id) is not None:
            reader.show_quote(quote_id)
            reader.actor_list.reveal_quote(quote_id)
