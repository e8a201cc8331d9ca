"""NewsViewApp: read an article, see who is in it and who said what.

The app shows the cleaned text at once and runs the (slow) analyser in a
worker thread; when the analysed document arrives it swaps it in.  The app is
the coordinator: widgets post messages up, the app calls widget methods down.
The document and the filter state are immutable values the app replaces.
"""

from __future__ import annotations

from typing import Callable, Iterable

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.theme import Theme
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import Worker, WorkerState, get_current_worker

from newsview.filtering import FilterResult, FilterState, apply, next_span, parse_query
from newsview.model import ParsedDocument, Span
from newsview.themes import DEFAULT_THEME, builtin_themes, variable_defaults
from newsview.widgets.actor_sidebar import ActorList, ActorSidebar
from newsview.widgets.article_view import ArticleView
from newsview.widgets.filter_bar import FilterBar
from newsview.widgets.status_line import StatusLine

from .commands import ActorCommands
from .help import HelpScreen, binding_rows, entity_legend

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


class NewsViewApp(App[int]):
    """The newsview reader."""

    CSS_PATH = "app.tcss"
    TITLE = "newsview"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-wide")]
    COMMANDS = App.COMMANDS | {ActorCommands}
    #: articles longer than this filter after a short pause in typing, not on every key
    LIVE_FILTER_CHARS = 200_000

    BINDINGS = [
        Binding("q", "quit", "Quit", id="newsview.quit"),
        Binding("question_mark,f1", "help", "Help", id="newsview.help"),
        Binding("slash", "focus_filter", "Filter", id="newsview.filter"),
        Binding("n", "step_match(1)", "Next match", id="newsview.next_match"),
        Binding("N", "step_match(-1)", "Previous match", id="newsview.previous_match"),
        Binding("right_square_bracket", "step_quote(1)", "Next quote", id="newsview.next_quote"),
        Binding("left_square_bracket", "step_quote(-1)", "Previous quote", id="newsview.previous_quote"),
        Binding("y", "copy", "Copy the current quote or match", id="newsview.copy"),
        Binding("s", "toggle_sidebar", "Sidebar", id="newsview.sidebar"),
        Binding("t", "next_theme", "Next theme", id="newsview.theme"),
        Binding("tab", "focus_next", "Next pane", id="newsview.next_pane", show=False),
        Binding("shift+tab", "focus_previous", "Previous pane", id="newsview.previous_pane", show=False),
        Binding("escape", "back", "Back / clear selection", id="newsview.back", show=False),
    ]

    def __init__(
        self,
        document: ParsedDocument,
        *,
        analyser: Analyser | None = None,
        theme: str | None = None,
        mouse: bool = True,
    ) -> None:
        super().__init__()
        self.document = document
        self.analyser = analyser
        self.mouse = mouse
        self.engine_state = "waiting" if analyser is not None and not document.analysed else (
            "done" if document.analysed else "off"
        )
        self.analysis_error: BaseException | None = None
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

    def on_mount(self) -> None:
        self.sub_title = self.document.meta.title or ""
        self.article.focus()
        self._refresh_all()
        if self._bad_theme is not None:
            self.notify(f"Unknown theme {self._bad_theme!r}; using {DEFAULT_THEME}.",
                        severity="warning", markup=False)

    def on_ready(self) -> None:
        if self.analyser is not None and not self.document.analysed:
            self.engine_state = "analysing"
            self._update_status()
            self._analyse(self.document)

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

    # -- analysis ----------------------------------------------------------
    @work(thread=True, exclusive=True, exit_on_error=False, group="analysis", description="Analysing the article")
    def _analyse(self, document: ParsedDocument) -> None:
        assert self.analyser is not None
        analysed = self.analyser(document)
        if not get_current_worker().is_cancelled:
            self.post_message(DocumentAnalysed(analysed))

    def on_document_analysed(self, message: DocumentAnalysed) -> None:
        self.engine_state = "done"
        self.set_document(message.document)

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
        self.document = document
        if self.selected_actor is not None and document.actor(self.selected_actor) is None:
            self.selected_actor = None
        self.filter_result = apply(document, self.filter_state)
        self.current = None
        self.match_index = None
        self.article.set_document(document)
        self._refresh_all()

    # -- state changes -----------------------------------------------------
    def _refresh_all(self) -> None:
        self._push_highlights()
        self.actor_list.pending_note = PENDING_NOTES.get(self.engine_state, "")
        self.actor_list.show(self.document, self.filter_result, self.selected_actor)
        self._update_status()

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
            actors=len(doc.actors),
            quotes=len(doc.quotes),
            entities=len(doc.entities),
            filter_text=state.describe(),
            matches=len(self.filter_result.spans) if state.active else None,
            current=self.match_index,
            invalid=state.invalid,
        )

    def set_filter(self, query: str) -> None:
        """Filter as if ``query`` had been typed in the filter bar."""
        state = parse_query(query)
        if state == self.filter_state:
            self.filter_state = state
            self._update_status()
            return
        self.filter_state = state
        self.filter_result = apply(self.document, state)
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
        self.match_index = None
        self._push_highlights()
        self.article.scroll_to_offset(quote.start)
        self._update_status()

    def _actor_spans(self, actor_id: str) -> list[Span]:
        doc = self.document
        spans = {(m.start, m.end) for m in doc.mentions if m.actor == actor_id}
        actor = doc.actor(actor_id)
        if actor is not None:
            spans.update(actor.mentions)
        spans.update((q.start, q.end) for q in doc.quotes_by(actor_id))
        return sorted(spans)

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
        self._push_highlights()
        self.article.scroll_to_offset(self.current[0])
        self._update_status()

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

    def action_step_quote(self, direction: int) -> None:
        quotes = sorted(self.document.quotes, key=lambda q: (q.start, q.end))
        if self.filter_state.active and self.filter_result.quote_ids:
            keep = set(self.filter_result.quote_ids)
            quotes = [q for q in quotes if q.id in keep]
        if not quotes:
            self.bell()
            return
        index = self._step([(q.start, q.end) for q in quotes], direction, "quote")
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
                self.match_index = None
                self._refresh_all()
            elif self.selected_actor is not None:
                self.select_actor(None)
            return
        self.article.focus()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.help_sections(), entity_legend()))

    def help_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """Key tables for the help screen, read from the real bindings and keymap."""
        panes: list[tuple[str, Iterable]] = [
            ("Everywhere", [*self.BINDINGS, *App.BINDINGS]),
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


