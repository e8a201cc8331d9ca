"""NewsViewApp: read an article, see who is in it and who said what.

The app shows the cleaned text at once and runs the (slow) analyser in a
worker thread; when the analysed document arrives it swaps it in.  The app is
the coordinator: widgets post messages up, the app calls widget methods down.
The document and the filter state are immutable values the app replaces.

Quote review: the app loads the article's review file once the analysis is
there and shows the document as the review says it is (reassigned speakers,
merged and renamed actors).  Every review key is one ``ReviewStore.apply``,
which returns only once the change is saved; when it raises, the error is
shown and nothing on screen changes.
"""

from __future__ import annotations

import gc
import inspect
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterable

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Input, OptionList
from textual.worker import Worker, WorkerState, get_current_worker

from newsview.safe_text import sanitize
from newsview.filtering import FilterResult, FilterState, apply, next_span, parse_query, prepare_search, rank_actors
from newsview.model import ParsedDocument, Span
from newsview.themes import DEFAULT_THEME, builtin_themes, variable_defaults
from newsview.widgets.actor_sidebar import UNATTRIBUTED, ActorList, ActorSidebar
from newsview.widgets.article_view import ArticleView
from newsview.widgets.filter_bar import FilterBar
from newsview.widgets.key_footer import KeyFooter
from newsview.widgets.review_panel import ReviewPanel
from newsview.widgets.status_line import StatusLine

from .commands import ActorCommands, ReviewCommands
from .dialogs import ActorPicker, Pick, RejectReason, TextPrompt
from .help import HelpScreen, binding_rows, entity_legend
from .reviewing import actor_tags, export_path, reviewed_document

if TYPE_CHECKING:  # the review module is imported on first use, not before the first frame
    from newsview.review.actions import Action, Redo, Undo
    from newsview.review.errors import ReviewError
    from newsview.review.store import ReviewStore
    from newsview.review.view import ReviewedView

Analyser = Callable[[ParsedDocument], ParsedDocument]

#: What the empty sidebar says before (or without) an analysis.
PENDING_NOTES = {
    "waiting": "Finding actors and quotes…",
    "analysing": "Finding actors and quotes…",
    "failed": "The analysis failed: no actors or quotes. The text is all there.",
    "off": "Text only: no analysis was run.",
}


class DocumentAnalysed(Message):
    """The analyser finished; ``document`` is the analysed version."""

    def __init__(self, document: ParsedDocument) -> None:
        super().__init__()
        self.document = document


class AnalysisProgress(Message):
    """Part of a long article is parsed: ``document`` holds the entities found so far."""

    def __init__(self, document: ParsedDocument, share: float | None) -> None:
        """``share`` of the text parsed; None when only the text is new (the rest of a long article)."""
        super().__init__()
        self.document = document
        self.share = share

    def can_replace(self, message: Message) -> bool:
        # a newer partial document holds everything an older one did
        return isinstance(message, AnalysisProgress)


def _settle_memory() -> None:
    """Leave what is in memory now (the app, the document, the pipeline) out of later garbage collections.

    A full collection walks every object the process holds: with an
    analysed article and the spaCy pipeline in memory that takes ~50 ms, and it
    lands on whichever key happens to allocate at that moment.  Objects that
    live as long as the app are frozen instead (``gc.freeze``), so a
    collection only walks what keys and redraws create.
    """
    gc.freeze()
    gc.enable()  # the command line keeps it off while the app starts


def _takes_progress(analyser: Callable) -> bool:
    """True when ``analyser`` accepts the ``progress`` and ``cancelled`` keywords (engine.Analyzer does)."""
    try:
        params = inspect.signature(analyser).parameters
    except (TypeError, ValueError):
        return False
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return True
    return "progress" in params and "cancelled" in params


class NewsViewApp(App[int]):
    """The newsview reader."""

    CSS_PATH = "app.tcss"
    TITLE = "newsview"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    COMMANDS = App.COMMANDS | {ActorCommands, ReviewCommands}
    #: articles longer than this filter after a short pause in typing, not on every key
    LIVE_FILTER_CHARS = 200_000

    #: review keys: they act on the quote under review (the current quote, or the sidebar's)
    REVIEW_BINDINGS = [
        Binding("a", "review_accept", "Accept", id="review.accept", tooltip="Accept the quote and its speaker"),
        Binding("x", "review_reject", "Reject", id="review.reject",
                tooltip="Reject, then s wrong speaker, q wrong quote, x no reason"),
        Binding("r", "review_reassign", "Reassign", id="review.reassign",
                tooltip="Reassign the speaker (type to narrow; a new name adds an actor)"),
        Binding("c", "review_note", "Note", id="review.note", tooltip="Add or edit the quote's note"),
        Binding("u", "review_undo", "Undo the last review change", id="review.undo", show=False),
        Binding("U", "review_redo", "Redo", id="review.redo", show=False),
        Binding("full_stop", "review_next(False)", "Next unreviewed quote", id="review.next", show=False),
        Binding("greater_than_sign", "review_next(True)", "Least confident unreviewed quote",
                id="review.next_least_confident", show=False),
        Binding("m", "review_merge", "Merge the actor into another", id="review.merge", show=False),
        Binding("R", "review_rename", "Rename the actor", id="review.rename", show=False),
    ]

    # the footer shows the keys a reviewer needs most; ? lists them all
    BINDINGS = [
        Binding("q", "quit", "Quit", id="newsview.quit"),
        Binding("question_mark,f1", "help", "Help", id="newsview.help"),
        Binding("slash", "focus_filter", "Filter", id="newsview.filter"),
        Binding("n", "step_match(1)", "Next match", id="newsview.next_match", show=False),
        Binding("N", "step_match(-1)", "Previous match", id="newsview.previous_match", show=False),
        Binding("right_square_bracket", "step_quote(1)", "Next quote", id="newsview.next_quote"),
        Binding("left_square_bracket", "step_quote(-1)", "Previous quote", id="newsview.previous_quote", show=False),
        Binding("y", "copy", "Copy the current quote or match", id="newsview.copy", show=False),
        Binding("s", "toggle_sidebar", "Sidebar", id="newsview.sidebar", show=False),
        Binding("t", "next_theme", "Next theme", id="newsview.theme", show=False),
        Binding("tab", "focus_next", "Next pane", id="newsview.next_pane", show=False),
        Binding("shift+tab", "focus_previous", "Previous pane", id="newsview.previous_pane", show=False),
        Binding("escape", "back", "Back / clear selection", id="newsview.back", show=False),
        *REVIEW_BINDINGS,
    ]

    def __init__(
        self,
        document: ParsedDocument,
        *,
        analyser: Analyser | None = None,
        theme: str | None = None,
        mouse: bool = True,
        article_path: str | None = None,
        review_file: str | None = None,
    ) -> None:
        """``article_path`` and/or ``review_file`` turn the review on (see ReviewStore.for_article)."""
        super().__init__()
        #: the engine's analysis; ``document`` is what is shown (the review applied)
        self.analysis = document
        self.document = document
        self.analyser = analyser
        self.article_path = article_path
        self.review_file = review_file
        self.review_store: ReviewStore | None = None
        self.review_view: ReviewedView | None = None
        #: why there is no review (a damaged file...), or None
        self.review_problem: str | None = None
        #: what the last review change did, or why it was not saved
        self.review_message = ""
        self.review_failed = False
        #: the quote the review keys act on when the sidebar is not on a quote
        self.current_quote: str | None = None
        self.mouse = mouse
        self.engine_state = "waiting" if analyser is not None and not document.analysed else (
            "done" if document.analysed else "off"
        )
        self.analysis_error: BaseException | None = None
        #: share of the text parsed so far while analysing (None: no report yet)
        self.analysis_share: float | None = None
        self._analysis_thread: threading.Thread | None = None
        #: the document's quotes in reading order, and their (start, end), built once per document
        self._ordered_quotes: tuple[ParsedDocument | None, list, list[tuple[int, int]]] = (None, [], [])
        self._actor_spans_cache: tuple[ParsedDocument | None, str | None, list[Span]] = (None, None, [])
        self.filter_state = FilterState()
        self.filter_result: FilterResult = apply(document, self.filter_state)
        self.selected_actor: str | None = None
        self.current: Span | None = None
        self.match_index: int | None = None
        self.keymap: dict[str, str] = {}
        self._filter_timer: Timer | None = None
        for t in builtin_themes().values():
            self.register_theme(t)
        self._bad_theme: str | None = None
        wanted = theme or DEFAULT_THEME
        if self.get_theme(wanted) is None:
            self._bad_theme, wanted = wanted, DEFAULT_THEME
        self.theme = wanted

    # -- setup -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield ArticleView(self.document, id="article")
            yield ActorSidebar(id="sidebar")
        yield FilterBar(id="filter")
        yield StatusLine(id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = self.document.meta.title or ""
        self.article.focus()
        if self.document.analysed:
            self._load_review(self.analysis)
        if self.review_view is not None:
            self._show_reviewed(self._reviewed(self.analysis), rebuild_text=False)
        else:
            self._refresh_all()
        if self.review_enabled:
            self.set_interval(2.0, self._check_review_on_disk)
        if self._bad_theme is not None:
            self.notify(f"Unknown theme {self._bad_theme!r}; using {DEFAULT_THEME}.",
                        severity="warning", markup=False)
        _settle_memory()

    def on_ready(self) -> None:
        if self.analyser is not None and not self.document.analysed:
            self.engine_state = "analysing"
            self._update_status()
            self._analyse(self.document)
        if len(self.document.text) >= self.LIVE_FILTER_CHARS:
            # a long article: lowercase it for the filter while the reader is idle, not on the first key
            self.set_timer(0.5, lambda: prepare_search(self.document))

    def run(self, *args, mouse: bool | None = None, **kwargs):  # type: ignore[override]
        """Run the app; ``mouse`` defaults to the value given to the constructor."""
        return super().run(*args, mouse=self.mouse if mouse is None else mouse, **kwargs)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        # Textual's own themes (from the command palette) lack newsview's
        # variables: lend them those of the closest newsview theme.
        try:
            current: Theme | None = self.current_theme
        except Exception:
            current = None
        return variable_defaults(current)

    def set_keymap(self, keymap: dict[str, str]) -> None:
        self.keymap = dict(keymap)
        super().set_keymap(keymap)

    def update_keymap(self, keymap: dict[str, str]) -> None:
        self.keymap = {**self.keymap, **keymap}
        super().update_keymap(keymap)

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

    # -- analysis ----------------------------------------------------------
    @property
    def analysis_running(self) -> bool:
        """True while the analyser's thread still runs (e.g. finishing a piece after a quit)."""
        thread = self._analysis_thread
        return thread is not None and thread.is_alive()

    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis", description="Analysing the article")
    def _analyse(self, document: ParsedDocument) -> None:
        # The analyser runs in a daemon thread of its own: the worker waits for
        # it but returns as soon as it is cancelled (the app quits), so neither
        # the event loop's executor nor the interpreter waits for a long parse.
        # The analyser sees the cancellation through ``cancelled()`` and stops
        # after the piece it is parsing.
        worker = get_current_worker()
        outcome: dict[str, object] = {}

        def run() -> None:
            try:
                outcome["document"] = self._call_analyser(document, worker)
            except BaseException as exc:  # handed to the worker, which reports it
                outcome["error"] = exc

        thread = threading.Thread(target=run, name="newsview-analysis", daemon=True)
        self._analysis_thread = thread
        thread.start()
        while thread.is_alive():
            thread.join(0.05)
            if worker.is_cancelled:
                return
        if worker.is_cancelled:
            return
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        self.post_message(DocumentAnalysed(outcome["document"]))  # type: ignore[arg-type]

    def _call_analyser(self, document: ParsedDocument, worker: Worker) -> ParsedDocument:
        analyser = self.analyser
        assert analyser is not None
        if not _takes_progress(analyser):
            return analyser(document)

        def progress(partial: ParsedDocument, share: float | None) -> None:
            if worker.is_cancelled:
                return
            if share is None and len(partial.text) >= self.LIVE_FILTER_CHARS:
                # the rest of a long article: lowercase it for the filter here,
                # with the text, rather than on the first filter key
                prepare_search(partial)
            self.post_message(AnalysisProgress(partial, share))

        return analyser(document, progress=progress, cancelled=lambda: worker.is_cancelled)

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        """Show the entities found so far; actors and quotes come with the whole analysis."""
        if self.engine_state != "analysing":
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
        self.engine_state = "done"
        self.analysis_share = None
        self.set_document(message.document)
        _settle_memory()

    @on(Worker.StateChanged)
    def _analysis_state(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "analysis" or event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        self.analysis_error = error
        self.engine_state = "failed"
        self._refresh_all()
        reason = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
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
        self._show_reviewed(self._reviewed(document), rebuild_text=True)

    def _reviewed(self, analysis: ParsedDocument) -> ParsedDocument:
        """The analysis as the review says it is (itself when there is no review)."""
        return reviewed_document(self.review_view) if self.review_view is not None else analysis

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

    # -- review: loading ---------------------------------------------------
    @property
    def review_enabled(self) -> bool:
        return self.article_path is not None or self.review_file is not None

    def _load_review(self, analysis: ParsedDocument) -> None:
        from newsview.review.errors import ReviewError
        from newsview.review.store import ReviewStore
        if not self.review_enabled:
            return
        try:
            if self.review_store is None:
                self.review_store = ReviewStore.for_article(
                    self.article_path, analysis.source.sha256, explicit=self.review_file)
            self.review_store.load(analysis)
            self.review_view = self.review_store.view(analysis)
            self.review_problem = None
            lost = len(self.review_view.orphans)
            if lost:
                self.notify(f"{lost} reviewed quote{'s are' if lost != 1 else ' is'} not in this analysis of the "
                            "article; kept in the review file and in the Markdown export.",
                            title="Review", severity="warning", markup=False, timeout=8)
        except ReviewError as exc:
            self.review_view = None
            self.review_problem = str(exc)
            self._review_error(exc, "The review could not be loaded")

    def _check_review_on_disk(self) -> None:
        """Pick up changes another newsview saved to the same review file."""
        from newsview.review.errors import ReviewError
        store = self.review_store
        if store is None or self.review_view is None:
            return
        try:
            if not store.changed_on_disk():
                return
            store.refresh()
        except ReviewError as exc:
            if not (self.review_failed and str(exc) in self.review_message):  # said once, not every tick
                self._review_error(exc, "The review could not be re-read")
            return
        if store.last_merged:
            n = store.last_merged
            self.notify(f"Picked up {n} review change{'s' if n != 1 else ''} saved by another newsview.",
                        markup=False, timeout=4)
        self._review_updated()

    def on_app_focus(self, _event: events.AppFocus) -> None:
        self._check_review_on_disk()

    def _review_updated(self) -> None:
        """Show the store's current review."""
        if self.review_store is None:
            return
        self.review_view = self.review_store.view(self.analysis)
        self._show_reviewed(self._reviewed(self.analysis), rebuild_text=False)

    def _review_error(self, exc: ReviewError, what: str) -> None:
        """Say what failed in a notification and on the status line (which keeps it until a save works)."""
        self.review_failed = True
        self.review_message = f"{what}: {exc}"
        self.notify(self.review_message, title="Review", severity="error", timeout=10, markup=False)
        if self.is_mounted:
            self._update_status()

    # -- state changes -----------------------------------------------------
    def _refresh_all(self) -> None:
        self._push_highlights()
        self.actor_list.pending_note = PENDING_NOTES.get(self.engine_state, "")
        view = self.review_view
        self.actor_list.show(self.document, self.filter_result, self.selected_actor,
                             {rq.id: rq for rq in view.quotes} if view is not None else None,
                             actor_tags(view) if view is not None else None)
        self._update_status()
        self._update_review_panel()

    def _update_review_panel(self) -> None:
        qid = self.quote_under_review()
        view = self.review_view
        self.review_panel.show_quote(self.document, qid, view.quote(qid) if view is not None and qid else None)

    def _push_highlights(self) -> None:
        self.article.set_highlights(
            selected_actor=self.selected_actor,
            filter_result=self.filter_result if self.filter_state.active else None,
            current=self.current,
        )

    def _update_status(self) -> None:
        doc = self.document
        state = self.filter_state
        self.status_line.show(
            engine=self.engine_state,
            progress=self.analysis_share if self.engine_state == "analysing" else None,
            actors=len(doc.actors),
            quotes=len(doc.quotes),
            entities=len(doc.entities),
            filter_text=state.describe(),
            matches=len(self.filter_result.spans) if state.active else None,
            current=self.match_index,
            invalid=state.invalid,
            review=self._progress_text(),
            review_message=self.review_message,
            review_failed=self.review_failed,
        )

    def _progress_text(self) -> str:
        if self.review_view is None:
            return ""
        progress = self.review_view.progress
        return str(progress) + (f" · {progress.orphaned} orphaned" if progress.orphaned else "")

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
        self._update_review_panel()

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
        if len(self.document.text) < self.LIVE_FILTER_CHARS:
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
        self.article.focus()
        if self.filter_result.spans:
            self._go_to_match(0)
        elif self.filter_state.active:
            self.notify("Nothing matches the filter.", severity="warning", markup=False, timeout=3)

    @on(FilterBar.Cleared)
    def _filter_cleared(self) -> None:
        self._stop_filter_timer()
        self.set_filter("")
        self.article.focus()

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
        self._update_review_panel()

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _focus_moved(self) -> None:
        # the quote under review follows the sidebar cursor only while the sidebar has focus
        if self.is_mounted and self.screen is self.screen_stack[0]:
            self._update_review_panel()

    # -- actions -----------------------------------------------------------
    def action_focus_filter(self) -> None:
        self.filter_bar.focus()

    def _go_to_match(self, index: int) -> None:
        spans = self._match_spans()
        if not spans:
            return
        index %= len(spans)
        self.match_index = index if self.filter_state.active else None
        self.current = spans[index]
        self.current_quote = self._quote_at(self.current)
        self._push_highlights()
        self.article.scroll_to_offset(self.current[0])
        self._update_status()
        self._update_review_panel()

    def _quote_at(self, span: Span) -> str | None:
        """The quote a match lies in, when the filter matches within quotes."""
        state = self.filter_state
        if not (state.quote_only or state.speakers):
            return None
        for q in self.document.quotes:
            if any(s <= span[0] < e for s, e in (q.spans or ((q.start, q.end),))):
                return q.id
        return None

    def action_step_match(self, direction: int) -> None:
        spans = self._match_spans()
        if not spans:
            self.bell()
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
        index = next_span(tuple(spans), origin, backwards=direction < 0)
        if index is None:
            return None
        wrapped = spans[index][0] <= origin if direction > 0 else spans[index][0] >= origin
        if wrapped:
            where = "first" if direction > 0 else "last"
            self.notify(f"Back to the {where} {what}.", timeout=1.5, markup=False)
        return index

    def _quotes_in_order(self) -> list:
        """The document's quotes in text order (sorted once per version of the document)."""
        doc = self.document
        if self._ordered_quotes[0] is not doc:
            ordered = sorted(doc.quotes, key=lambda q: (q.start, q.end))
            self._ordered_quotes = (doc, ordered, [(q.start, q.end) for q in ordered])
        return self._ordered_quotes[1]

    def action_step_quote(self, direction: int) -> None:
        quotes = self._quotes_in_order()
        spans = self._ordered_quotes[2]
        if self.filter_state.active and self.filter_result.quote_ids:
            keep = set(self.filter_result.quote_ids)
            quotes = [q for q in quotes if q.id in keep]
            spans = [(q.start, q.end) for q in quotes]
        if not quotes:
            self.bell()
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
        self.copy_to_clipboard(text)
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

    def action_next_theme(self) -> None:
        names = list(builtin_themes())
        try:
            index = names.index(self.theme)
        except ValueError:
            index = -1
        self.theme = names[(index + 1) % len(names)]
        self.notify(f"Theme: {self.theme}", markup=False, timeout=2)

    def action_back(self) -> None:
        if self.focused is self.article:
            if self.current is not None:
                self.current = None
                self.current_quote = None
                self.match_index = None
                self._refresh_all()
            elif self.selected_actor is not None:
                self.select_actor(None)
            return
        self.article.focus()

    # -- review actions ----------------------------------------------------
    def quote_under_review(self) -> str | None:
        """The sidebar's quote while the sidebar has focus and its cursor is on one, else the current quote."""
        if self.is_mounted and self.focused is self.actor_list:
            row = self.actor_list.highlighted_row()
            if row is not None and row.kind == "quote":
                return row.key
        if self.current_quote is not None and self.document.quote(self.current_quote) is not None:
            return self.current_quote
        return None

    def actor_under_review(self) -> str | None:
        """The sidebar's actor (cursor on it or on one of its quotes), else the selected actor, else the speaker."""
        if self.focused is self.actor_list:
            row = self.actor_list.highlighted_row()
            if row is not None and row.kind == "actor" and row.key != UNATTRIBUTED:
                return row.key
        if self.selected_actor is not None:
            return self.selected_actor
        qid = self.quote_under_review()
        quote = self.document.quote(qid) if qid else None
        return quote.speaker if quote else None

    def _review_ready(self) -> bool:
        if self.review_view is not None and self.review_store is not None:
            return True
        if self.review_problem:
            why = f"The review is off: {self.review_problem}"
        elif not self.review_enabled:
            why = "Reviewing needs an article file: open one with `newsview FILE`."
        elif self.engine_state == "failed":
            why = "The analysis failed: there are no quotes to review."
        elif not self.document.analysed:
            why = "The review starts once the article is analysed."
        else:
            why = "The review is off."
        self.notify(why, severity="warning", markup=False, timeout=4)
        return False

    def _target_quote(self) -> str | None:
        if not self._review_ready():
            return None
        qid = self.quote_under_review()
        if qid is None:
            self.notify("No quote to review: ] goes to the next quote, . to the next unreviewed one.",
                        severity="warning", markup=False, timeout=4)
        return qid

    def review(self, action: Action) -> bool:
        """Apply one review action; True once it is saved.  A failure is shown and changes nothing."""
        from newsview.review.entries import describe_last
        from newsview.review.errors import ReviewError
        store = self.review_store
        if store is None:
            return False
        try:
            if store.changed_on_disk():
                store.refresh()
            review = store.apply(action)
        except ReviewError as exc:
            self._review_error(exc, "Not saved")
            # what another instance saved (picked up before the failure) is still shown
            self._review_updated()
            return False
        self.review_failed = False
        self.review_message = describe_last(review)
        self._review_updated()
        # the quote stays under the cursor, under its speaker of now
        qid = getattr(action, "quote_id", None) or self.quote_under_review()
        if qid is not None and self.document.quote(qid) is not None:
            self.actor_list.reveal_quote(qid)
        return True

    def action_review_accept(self) -> None:
        from newsview.review.actions import ACCEPTED, Accept
        qid = self._target_quote()
        if qid is None:
            return
        rq = self.review_view.quote(qid) if self.review_view else None
        if rq is not None and rq.verdict == ACCEPTED:
            self.notify("Already accepted (u undoes, x rejects).", markup=False, timeout=2)
            return
        self.review(Accept(qid))

    def action_review_reject(self) -> None:
        from newsview.review.actions import Reject
        qid = self._target_quote()
        if qid is None:
            return
        quote = self.document.quote(qid)

        def done(reason: str | None) -> None:
            if reason is not None:
                self.review(Reject(qid, reason=reason or None))

        self.push_screen(RejectReason(quote.text if quote else ""), done)

    def _actor_choices(self, exclude: str | None = None) -> list[tuple[str, str, str]]:
        counts: dict[str, int] = {}
        for q in self.document.quotes:
            if q.speaker:
                counts[q.speaker] = counts.get(q.speaker, 0) + 1
        return [
            (a.id, a.name, f"{a.family} · {counts.get(a.id, 0)} quote{'' if counts.get(a.id, 0) == 1 else 's'}")
            for a in rank_actors(self.document) if a.id != exclude
        ]

    def action_review_reassign(self) -> None:
        from newsview.review.actions import Reassign
        qid = self._target_quote()
        if qid is None:
            return
        rq = self.review_view.quote(qid) if self.review_view else None
        quote = self.document.quote(qid)
        engine = (rq.engine_speaker_name or "nobody") if rq is not None and rq.reassigned else None

        def done(pick: Pick | None) -> None:
            if pick is None:
                return
            if pick.kind == "engine":
                self.review(Reassign(qid))
            elif pick.kind == "new":
                self.review(Reassign(qid, new_name=pick.value))
            elif quote is not None and pick.value == quote.speaker and not (rq and rq.reassigned):
                self.notify("That is already the speaker.", markup=False, timeout=3)
            else:
                self.review(Reassign(qid, actor_id=pick.value))

        self.push_screen(ActorPicker("Who said it?", self._actor_choices(quote.speaker if quote else None),
                                     allow_new=True, engine_speaker=engine), done)

    def action_review_note(self) -> None:
        from newsview.review.actions import SetNote
        qid = self._target_quote()
        if qid is None:
            return
        rq = self.review_view.quote(qid) if self.review_view else None
        quote = self.document.quote(qid)
        initial = sanitize(rq.note) if rq is not None else ""

        def done(text: str | None) -> None:
            if text is not None and text.strip() != initial.strip():
                self.review(SetNote(qid, text))

        self.push_screen(TextPrompt("Note on this quote", initial, context="“" + (quote.text if quote else "") + "”",
                                    placeholder="what you checked, a source… (empty removes the note)"), done)

    def action_review_undo(self) -> None:
        from newsview.review.actions import Undo
        self._history(Undo())

    def action_review_redo(self) -> None:
        from newsview.review.actions import Redo
        self._history(Redo())

    def _history(self, action: Undo | Redo) -> None:
        from newsview.review.actions import Undo
        if not self._review_ready():
            return
        review = self.review_store.review
        if not (review.can_undo if isinstance(action, Undo) else review.can_redo):
            self.notify(f"Nothing to {'undo' if isinstance(action, Undo) else 'redo'}.", markup=False, timeout=2)
            return
        self.review(action)

    def _target_actor(self) -> str | None:
        if not self._review_ready():
            return None
        actor_id = self.actor_under_review()
        if actor_id is None or self.document.actor(actor_id) is None:
            self.notify("Choose an actor first: its row in the sidebar, or a quote it said.",
                        severity="warning", markup=False, timeout=4)
            return None
        return actor_id

    def action_review_merge(self) -> None:
        from newsview.review.actions import MergeActors
        absorb = self._target_actor()
        if absorb is None:
            return
        name = self.document.actor(absorb).name  # type: ignore[union-attr]

        def done(pick: Pick | None) -> None:
            if pick is not None and pick.value and self.review(MergeActors(keep_id=pick.value, absorb_id=absorb)):
                if self.selected_actor == absorb:
                    self.select_actor(self.review_view.actor_of.get(absorb, pick.value), jump=False)
                self.actor_list.select_row("actor:" + self.review_view.actor_of.get(absorb, pick.value))

        self.push_screen(ActorPicker(f"Merge {name} into…", self._actor_choices(absorb)), done)

    def action_review_rename(self) -> None:
        from newsview.review.actions import RenameActor
        actor_id = self._target_actor()
        if actor_id is None:
            return
        name = self.document.actor(actor_id).name  # type: ignore[union-attr]

        def done(text: str | None) -> None:
            if text is not None and " ".join(text.split()) and " ".join(text.split()) != name:
                self.review(RenameActor(actor_id, text))

        self.push_screen(TextPrompt("Rename actor", name, context=f"Now: {name}"), done)

    def action_review_next(self, least_confident: bool = False) -> None:
        """Go to the next unreviewed quote (in reading order, or the least confident), within the filter."""
        if not self._review_ready():
            return
        view = self.review_view
        if self.filter_state.active:
            view = replace(view, quotes=tuple(q for q in view.quotes if self.filter_result.keeps_quote(q.id)))
        qid = view.next_unreviewed(self.quote_under_review(), lowest_confidence=least_confident)
        if qid is None:
            where = " among the filtered quotes" if self.filter_state.active else ""
            self.notify(f"Every quote{where} is reviewed.", markup=False, timeout=3)
            return
        self.show_quote(qid)
        self.actor_list.reveal_quote(qid)
        self._update_review_panel()

    def action_export_review(self) -> None:
        """Write the review as a Markdown report beside the review file."""
        from newsview.review.export import markdown_report
        if not self._review_ready():
            return
        store = self.review_store
        target = export_path(store.path, self.article_path)
        try:
            target.write_text(markdown_report(self.analysis, store.review), encoding="utf-8")
        except OSError as exc:
            self.notify(f"Could not write {target}: {exc.strerror or exc}", title="Review", severity="error",
                        markup=False, timeout=10)
            return
        self.notify(f"Review written to {target}", markup=False, timeout=6)

    async def action_quit(self) -> None:
        # a note or name being typed is never dropped by a stray quit key
        screen = self.screen
        if isinstance(screen, TextPrompt) and screen.changed:
            screen.warn()
            return
        await super().action_quit()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.help_sections(), entity_legend()))

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Key tables for the help screen, read from the real bindings and keymap."""
        review = set(id(b) for b in self.REVIEW_BINDINGS)
        panes: list[tuple[str, Iterable]] = [
            ("Everywhere", [b for b in (*self.BINDINGS, *App.BINDINGS) if id(b) not in review]),
            ("Review (the current quote, or the sidebar's)", self.REVIEW_BINDINGS),
            ("Reading pane", ArticleView.BINDINGS),
            ("Sidebar", ActorList.BINDINGS),
            ("Filter bar", FilterBar.BINDINGS),
        ]
        sections = [(title, binding_rows(self, bindings, self.keymap)) for title, bindings in panes]
        sections[0][1].append((self.get_key_display(Binding(self.COMMAND_PALETTE_BINDING, "")), "Command palette"))
        return sections

    # -- helpers for tests and the CLI -------------------------------------
    @property
    def sidebar_row_ids(self) -> list[str]:
        return self.actor_list.row_ids()




def binding_ids() -> set[str]:
    """Every binding id a keymap may name (the app's, its panes' and its dialogs')."""
    from textual.binding import Binding as _Binding

    from .dialogs import ActorPicker, RejectReason, TextPrompt
    from .help import HelpScreen

    ids: set[str] = set()
    for cls in (NewsViewApp, ArticleView, ActorList, FilterBar, RejectReason, ActorPicker, TextPrompt, HelpScreen):
        for klass in cls.__mro__:
            for b in vars(klass).get("BINDINGS", ()):
                if isinstance(b, _Binding) and b.id:
                    ids.add(b.id)
    return ids
