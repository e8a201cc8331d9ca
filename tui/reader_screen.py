"""The reader screen: the article, the sidebar, the filter bar, and what ties them together.

The screen shows the cleaned text at once and runs the analyser in the
background (``analysis``); when the analysed document arrives it swaps it in.
It is the coordinator: widgets post messages up, the screen calls widget
methods down.  The document and the filter state are immutable values the
screen replaces.

Quote review: once the analysis is there the screen loads the article's
review (``ReviewSession``) and shows the document as the review says it is
(reassigned speakers, merged and renamed actors); the review keys are
``ReviewKeys``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsview.widgets.actor_sidebar import ActorList, ActorSidebar
from newsview.widgets.article_view import ArticleView
from newsview.widgets.filter_bar import FilterBar
from newsview.widgets.key_footer import KeyFooter
from newsview.widgets.review_panel import ReviewPanel
from newsview.widgets.status_line import StatusLine, StatusState
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from newsview.filtering import (
    FilterResult,
    FilterState,
    apply,
    parse_query,
    prepare_search,
)
from newsview.coverage import TEXT, status_note
from newsview.model import ParsedDocument, Span
from newsview.safe_text import one_line

from .analysis import (
    Analyser,
    AnalysisProgress,
    AnalysisRun,
    AnalysisState,
    DocumentAnalysed,
    settle_memory,
)
from .reader_steps import QuotesInOrder, quote_at, step_from
from .review_keys import ReviewKeys

if TYPE_CHECKING:  # pragma: no cover
    from newsview.review.store import ReviewStore
    from newsview.review.view import ReviewedView
    from newsview.widgets.actor_sidebar import VariantMark

    from .variant_set import VariantSet

#: reader actions that need other articles (the app's library context)
VARIANT_ACTIONS = frozenset({"show_variants", "compare_versions"})


class ReaderScreen(Screen[None]):
    """One article: the reading pane, the sidebar, the filter bar, the status line and the keys."""

    def __init__(
        self,
        document: ParsedDocument,
        *,
        analyser: Analyser | None,
        article_path: str | None = None,
        review_file: str | None = None,
        live_filter_chars: int,
    ) -> None:
        """``article_path`` and/or ``review_file`` turn the review on (see ReviewStore.for_article).

        Articles longer than ``live_filter_chars`` filter after a short pause in typing, not on every key.
        """
        # imported here: importing the app loads no review code (the session loads the store when the review opens)
        from newsview.review.session import ReviewSession

        super().__init__()
        #: the engine's analysis; ``document`` is what is shown (the review applied)
        self.analysis = document
        self.document = document
        self.analyser = analyser
        self.live_filter_chars = live_filter_chars
        self.review_session = ReviewSession(article_path, review_file)
        self.review_keys = ReviewKeys(self, self.review_session)
        #: the quote the review keys act on when the sidebar is not on a quote
        self.current_quote: str | None = None
        self.engine_state = AnalysisState.at_start(document, analyser is not None)
        self.analysis_error: BaseException | None = None
        #: share of the text parsed so far while analysing (None: no report yet)
        self.analysis_share: float | None = None
        self.analysis_run = AnalysisRun(analyser, self, long_text_chars=live_filter_chars) if analyser else None
        self._quotes_in_order = QuotesInOrder()
        self._actor_spans_cache: tuple[ParsedDocument | None, str | None, list[Span]] = (None, None, [])
        self.filter_state = FilterState()
        self.filter_result: FilterResult = apply(document, self.filter_state)
        self.selected_actor: str | None = None
        self.current: Span | None = None
        self.match_index: int | None = None
        self._filter_timer: Timer | None = None
        #: the quote variants found across the app's other articles (None: none given, or not found yet)
        self.variants: VariantSet | None = None

    # -- setup -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield ArticleView(self.document, id="article")
            yield ActorSidebar(id="sidebar")
        yield FilterBar(id="filter")
        yield StatusLine(id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.app.sub_title = self.document.meta.title or ""
        self.article.focus()
        session = self.review_session
        if self.document.analysed:
            # an article with no review file yet has an empty review, which changes nothing on
            # screen: the first frame does not wait for the review code, loaded just after it
            self._load_review(self.analysis, defer_if_absent=True)
        if session.deferred:
            self._refresh_all()
            self.call_after_refresh(self._load_deferred_review)
        elif self.review_view is not None:
            self._show_reviewed(session.reviewed(self.analysis), rebuild_text=False)
        else:
            self._refresh_all()
        if session.enabled:
            self.set_interval(2.0, self.check_review_on_disk)

    def start(self) -> None:
        """After the first frame: start the analysis, and get a long article ready for the filter."""
        if self.analysis_run is not None and not self.document.analysed:
            self.engine_state = AnalysisState.ANALYSING
            self._update_status()
            self._analyse(self.document)
        if len(self.document.text) >= self.live_filter_chars:
            # a long article: lowercase it for the filter while the reader is idle, not on the first key
            self.set_timer(0.5, lambda: prepare_search(self.document))

    # -- widgets -----------------------------------------------------------
    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def actor_list(self) -> ActorList:
        return self.query_one("#actors", ActorList)

    @property
    def sidebar(self) -> ActorSidebar:
        return self.query_one("#sidebar", ActorSidebar)

    @property
    def filter_bar(self) -> FilterBar:
        return self.query_one("#filter", FilterBar)

    @property
    def status_line(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    @property
    def review_panel(self) -> ReviewPanel:
        return self.query_one("#review-panel", ReviewPanel)

    @property
    def sidebar_row_ids(self) -> list[str]:
        return self.actor_list.row_ids()

    # -- analysis ----------------------------------------------------------
    @property
    def analysis_running(self) -> bool:
        """True while the analyser's thread still runs (e.g. finishing a piece after a quit)."""
        return self.analysis_run is not None and self.analysis_run.running

    @property
    def analysis_failed(self) -> bool:
        return self.engine_state is AnalysisState.FAILED

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis", description="Analysing the article")
    def _analyse(self, document: ParsedDocument) -> None:
        assert self.analysis_run is not None
        self.analysis_run.run(document, get_current_worker())

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        """Show the entities found so far; actors and quotes come with the whole analysis."""
        if self.engine_state is not AnalysisState.ANALYSING:
            return
        self.analysis_share = message.share
        partial = message.document
        self.analysis = partial
        self.document = partial
        if self.filter_state.active:
            self.filter_result = apply(partial, self.filter_state, self.review_view)
        self.article.set_document(partial)
        self._push_highlights()
        self._update_status()

    def on_document_analysed(self, message: DocumentAnalysed) -> None:
        self.engine_state = AnalysisState.DONE
        self.analysis_share = None
        self.set_document(message.document)
        settle_memory()

    @on(Worker.StateChanged)
    def _analysis_state(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "analysis" or event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        self.analysis_error = error
        self.engine_state = AnalysisState.FAILED
        self._refresh_all()
        # the error's text may quote the article (escape sequences, many lines): one safe line
        reason = one_line(f"{type(error).__name__}: {error}") if error is not None else "unknown error"
        self.notify(f"Analysis failed, showing the plain text. {reason}",
                    title="newsview", severity="error", timeout=10, markup=False)

    def set_document(self, document: ParsedDocument) -> None:
        """Show a new version of the document, keeping the filter and position."""
        self.analysis = document
        if document.analysed:
            self._load_review(document)
        self.current = None
        self.current_quote = None
        self.match_index = None
        self._show_reviewed(self.review_session.reviewed(document), rebuild_text=True)

    def _show_reviewed(self, document: ParsedDocument, *, rebuild_text: bool) -> None:
        self.document = document
        if self.selected_actor is not None and document.actor(self.selected_actor) is None:
            view = self.review_view
            moved = view.actor_of.get(self.selected_actor) if view is not None else None
            self.selected_actor = moved if moved and document.actor(moved) else None
        self.filter_result = apply(document, self.filter_state, self.review_view)
        if rebuild_text:
            self.article.set_document(document)
        else:
            self.article.restyle(document)
        self._refresh_all()

    # -- the review ----------------------------------------------------------
    @property
    def review_view(self) -> ReviewedView | None:
        return self.review_session.view

    @property
    def review_store(self) -> ReviewStore | None:
        return self.review_session.store

    def _load_review(self, analysis: ParsedDocument, *, defer_if_absent: bool = False) -> None:
        self.review_keys.tell(self.review_session.load(analysis, defer_if_absent=defer_if_absent))
        if self.review_session.failed and self.is_mounted:
            self._update_status()

    def _load_deferred_review(self) -> None:
        """After the first frame: load the review the first frame did without (see ``on_mount``)."""
        session = self.review_session
        if not session.deferred:
            return  # loaded already: a key or a newer analysis needed it
        self.review_keys.tell(session.load_deferred())
        view = session.view
        if view is not None and (view.review.entries or view.orphans):
            # saved meanwhile by another newsview: show it
            self._show_reviewed(session.reviewed(self.analysis), rebuild_text=False)
        elif self.is_mounted:
            # still empty, as the first frame showed it (nothing to redraw); a file that could not be read says so
            self._update_status()

    def catch_up(self) -> None:
        """The terminal has the focus again: show what other programs changed meanwhile (the review file)."""
        self.check_review_on_disk()

    def check_review_on_disk(self) -> None:
        """Pick up changes another newsview saved to the same review file."""
        changed, notice = self.review_session.follow_disk()
        self.review_keys.tell(notice)
        if changed:
            self.review_changed()
        elif notice is not None and self.is_mounted:
            self._update_status()

    def review_changed(self) -> None:
        """Show the review as the session has it now (and find the variants again: speakers may have changed)."""
        if self.review_session.store is not None:
            self._show_reviewed(self.review_session.reviewed(self.analysis), rebuild_text=False)
        if self.variants is not None:
            self.app.find_variants()  # type: ignore[attr-defined]  # NewsViewApp (VariantsHost)

    def action_review(self, name: str) -> None:
        self.review_keys.run(name)

    # -- redrawing -----------------------------------------------------------
    def _refresh_all(self) -> None:
        self._push_highlights()
        self.actor_list.pending_note = self.engine_state.words.pending_note
        session = self.review_session
        self.actor_list.show(self.document, self.filter_result, self.selected_actor,
                             session.quotes_by_id(), session.actor_tags(), self.variant_marks())
        self._update_status()
        self.update_review_panel()

    def update_review_panel(self) -> None:
        qid = self.review_keys.quote_under_review()
        self.review_panel.show_quote(self.document, qid, self.review_session.quote(qid))

    def _push_highlights(self) -> None:
        self.article.set_highlights(
            selected_actor=self.selected_actor,
            filter_result=self.filter_result if self.filter_state.active else None,
            current=self.current,
        )

    def _update_status(self) -> None:
        doc = self.document
        state = self.filter_state
        session = self.review_session
        done = self.engine_state is AnalysisState.DONE
        # an article not in English is read as text: the line says so in place of "analysed"
        limited = status_note(doc) if done else None
        self.status_line.show(StatusState(
            engine=limited or self.engine_state.words.status,
            engine_style="$text-warning" if limited else self.engine_state.words.style,
            analysed=done and doc.coverage != TEXT,
            progress=self.analysis_share if self.engine_state is AnalysisState.ANALYSING else None,
            actors=len(doc.actors),
            quotes=len(doc.quotes),
            entities=len(doc.entities),
            filter_text=state.describe(),
            matches=len(self.filter_result.spans) if state.active else None,
            current=self.match_index,
            invalid=state.invalid,
            review=session.progress_text(),
            review_message=session.message,
            review_failed=session.failed,
        ))

    # -- quotes in other articles ------------------------------------------------
    @property
    def article_name(self) -> str:
        """How the variant finder names this article."""
        from newsview.variants.documents import document_name

        return document_name(self.analysis)

    def set_variants(self, variants: VariantSet) -> None:
        """The quote variants across the app's articles: the sidebar marks this article's quotes found elsewhere."""
        self.variants = variants
        if self.is_mounted:
            self._refresh_all()

    def variant_marks(self) -> dict[str, VariantMark]:
        """Quote id -> the sidebar's mark (symbol, word, style) for quotes of this article quoted elsewhere."""
        if self.variants is None or not self.document.analysed:
            return {}
        from newsview.widgets.variants_list import flag_mark

        return {qid: flag_mark(clusters[0]) for qid, clusters in self.variants.quotes_of(self.article_name).items()}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in VARIANT_ACTIONS:  # only with other articles to compare with
            return getattr(self.app, "library_context", None) is not None
        return True

    def action_show_variants(self) -> None:
        self.app.show_variants()  # type: ignore[attr-defined]  # NewsViewApp (VariantsHost)

    def action_compare_versions(self) -> None:
        quote_id = self.review_keys.quote_under_review() or self.current_quote
        self.app.compare_quote(self.article_name, quote_id)  # type: ignore[attr-defined]  # NewsViewApp (VariantsHost)

    # -- filtering, selection, navigation --------------------------------------
    def set_filter(self, query: str) -> None:
        """Filter as if ``query`` had been typed in the filter bar."""
        state = parse_query(query)
        if state == self.filter_state:
            self.filter_state = state
            self._update_status()
            return
        self.filter_state = state
        self.filter_result = apply(self.document, state, self.review_view)
        self.match_index = None
        self.current = None
        self._refresh_all()

    def select_actor(self, actor_id: str | None, *, jump: bool = True) -> None:
        """Emphasise an actor's mentions and quotes (None clears)."""
        self.selected_actor = actor_id
        self.current = None
        self.match_index = None
        self._refresh_all()
        if actor_id is not None:
            self.actor_list.select_row("actor:" + actor_id)
            spans = self._actor_spans(actor_id)
            if jump and spans:
                self.article.scroll_to_offset(spans[0][0])

    def show_quote(self, quote_id: str) -> None:
        """Scroll the text to a quote and mark it as the current place."""
        quote = self.document.quote(quote_id)
        if quote is None:
            return
        self.current = (quote.start, quote.end)
        self.current_quote = quote.id
        self.match_index = None
        self._push_highlights()
        self.article.scroll_to_offset(quote.start)
        self._update_status()
        self.update_review_panel()

    def _actor_spans(self, actor_id: str) -> list[Span]:
        doc = self.document
        cached_doc, cached_actor, cached = self._actor_spans_cache
        if cached_doc is doc and cached_actor == actor_id:
            return cached
        spans = {(m.start, m.end) for m in doc.mentions if m.actor == actor_id}
        actor = doc.actor(actor_id)
        if actor is not None:
            spans.update(actor.mentions)
        spans.update((q.start, q.end) for q in doc.quotes_by(actor_id))
        ordered = sorted(spans)
        self._actor_spans_cache = (doc, actor_id, ordered)
        return ordered

    def _match_spans(self) -> list[Span]:
        if self.filter_state.active:
            return list(self.filter_result.spans)
        if self.selected_actor is not None:
            return self._actor_spans(self.selected_actor)
        return []

    # -- messages from widgets ---------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if len(self.document.text) < self.live_filter_chars:
            self.set_filter(event.value)
            return
        # a long article: wait for a pause in the typing before re-filtering
        self._stop_filter_timer()
        value = event.value
        self._filter_timer = self.set_timer(0.12, lambda: self.set_filter(value))

    def _stop_filter_timer(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self._stop_filter_timer()
        self.set_filter(event.value)
        self.set_focus(self.article)
        if self.filter_result.spans:
            self._go_to_match(0)
        elif self.filter_state.active:
            self.notify("Nothing matches the filter.", severity="warning", markup=False, timeout=3)

    @on(FilterBar.Cleared)
    def _filter_cleared(self) -> None:
        self._stop_filter_timer()
        self.set_filter("")
        self.set_focus(self.article)

    @on(ActorList.ActorChosen)
    def _actor_chosen(self, event: ActorList.ActorChosen) -> None:
        self.select_actor(event.actor_id)

    @on(ActorList.QuoteChosen)
    def _quote_chosen(self, event: ActorList.QuoteChosen) -> None:
        self.show_quote(event.quote_id)

    @on(ActorList.Back)
    def _sidebar_back(self) -> None:
        self.action_back()

    @on(OptionList.OptionHighlighted, "#actors")
    def _sidebar_moved(self) -> None:
        self.update_review_panel()

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _focus_moved(self) -> None:
        # the quote under review follows the sidebar cursor only while the sidebar has focus
        if self.is_mounted and self.app.screen is self:
            self.update_review_panel()

    # -- actions -----------------------------------------------------------
    def action_focus_filter(self) -> None:
        # Focus moves at once, not after the keys already queued (Widget.focus() is deferred): whatever is
        # typed straight after / is the filter's, never a command key of the reader.
        self.set_focus(self.filter_bar)

    def _go_to_match(self, index: int) -> None:
        spans = self._match_spans()
        if not spans:
            return
        index %= len(spans)
        self.match_index = index if self.filter_state.active else None
        self.current = spans[index]
        self.current_quote = quote_at(self.document, self.filter_state, self.current)
        self._push_highlights()
        self.article.scroll_to_offset(self.current[0])
        self._update_status()
        self.update_review_panel()

    def action_step_match(self, direction: int) -> None:
        spans = self._match_spans()
        if not spans:
            self.app.bell()
            return
        index = self._step(spans, direction, "match")
        if index is not None:
            self._go_to_match(index)

    def _step(self, spans: list[Span], direction: int, what: str) -> int | None:
        """Index of the next (previous) span from the current place, saying so when it wraps."""
        if self.current is not None:
            origin = self.current[0]
        else:  # from the top of the screen: a match on the first line counts as next
            origin = self.article.top_offset - (1 if direction > 0 else 0)
        found = step_from(spans, origin, direction)
        if found is None:
            return None
        index, wrapped = found
        if wrapped:
            where = "first" if direction > 0 else "last"
            self.notify(f"Back to the {where} {what}.", timeout=1.5, markup=False)
        return index

    def action_step_quote(self, direction: int) -> None:
        quotes, spans = self._quotes_in_order.to_step(self.document, self.filter_state, self.filter_result)
        if not quotes:
            self.app.bell()
            return
        index = self._step(spans, direction, "quote")
        if index is None:
            return
        quote = quotes[index]
        self.show_quote(quote.id)
        self.actor_list.reveal_quote(quote.id)

    def action_copy(self) -> None:
        """Copy the quote under the cursor (sidebar) or the current place in the text (OSC 52)."""
        text = None
        row = self.actor_list.highlighted_row() if self.focused is self.actor_list else None
        if row is not None and row.kind == "quote":
            quote = self.document.quote(row.key)
            text = quote.text if quote else None
        elif self.current is not None:
            text = self.document.text[self.current[0]:self.current[1]]
        if not text:
            self.notify("Nothing to copy: choose a quote or a match first.", severity="warning",
                        markup=False, timeout=3)
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {len(text)} characters.", markup=False, timeout=2)

    def action_toggle_sidebar(self) -> None:
        sidebar = self.sidebar
        if sidebar.display:
            sidebar.remove_class("-shown")
            sidebar.add_class("-hidden")
            if self.focused is not None and sidebar in self.focused.ancestors_with_self:
                self.article.focus()
        else:
            sidebar.remove_class("-hidden")
            sidebar.add_class("-shown")

    def action_back(self) -> None:
        """Esc: in the text, undo one thing at a time (an applied filter, then the current place,
        then the selected actor); elsewhere, back to the text."""
        if self.focused is self.article:
            if self.filter_state.active or self.filter_bar.value:
                # the filter was applied with Enter: Esc here clears it as Esc in the bar does
                self._stop_filter_timer()
                self.filter_bar.value = ""
                self.set_filter("")
                self.current_quote = None
            elif self.current is not None:
                self.current = None
                self.current_quote = None
                self.match_index = None
                self._refresh_all()
            elif self.selected_actor is not None:
                self.select_actor(None)
            return
        self.article.focus()
