"""The library screen: a day's articles in one list, the speakers across them, and their sources.

The screen reads rows on demand from the library index (``RowList`` asks
for a page when it draws one), so a thousand articles cost what the rows on
screen cost.  It shows at once what needs no analysis (titles, cached
analyses); one worker thread syncs the folder and then runs the engine's
``AnalysisLoop`` (pipeline loaded once, the most recently opened first) while
the keys keep working.  The screen polls the index's generation and redraws
the rows on screen when any writer changed it.

Views: Articles, Speakers (Enter: that speaker's quotes across articles;
Enter on one: the article at that quote) and Sources.  The filter bar filters
the view shown, in the index's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from newsview.widgets.filter_bar import FilterBar
from newsview.widgets.key_footer import KeyFooter
from newsview.widgets.row_list import ColumnHeader, RowList
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Input, Static
from textual.worker import get_current_worker

from newsview.library import speakers as ledger
from newsview.library.index import LibraryIndex
from newsview.library.sources import sources_line
from newsview.safe_text import one_line

from .library_views import (
    ARTICLE_COLUMNS,
    ARTICLE_SORTS,
    QUOTE_COLUMNS,
    SPEAKER_COLUMNS,
    SPEAKER_SORTS,
    VIEW_TITLES,
    VIEWS,
    article_cells,
    library_sources_lines,
    speaker_cells,
    speaker_quote_cells,
)

if TYPE_CHECKING:  # pragma: no cover
    from newsview.engine import Analyzer
    from newsview.library.index import Status
    from newsview.library.query import ArticleRow
    from newsview.library.scan import LoopProgress

LIBRARY_PLACEHOLDER = '/ filter: words  "a phrase"  source:NAME  title:WORDS  @NAME  kind:direct  reviewed:no  conf<0.7'
SPEAKER_PLACEHOLDER = "/ filter speakers: words  @NAME  type:person|org|place|other"


@dataclass
class LibrarySetup:
    """Where the library's index is and which articles it holds (files and web addresses, from the command line)."""

    index_path: Path
    files: tuple[str, ...]
    explicit: bool = False
    #: inputs that were not articles (one line each), shown once at start
    problems: tuple[str, ...] = ()
    #: read by the views (the UI thread); made when the screen is
    index: LibraryIndex | None = field(default=None, repr=False)
    #: fetch the web addresses' pages again rather than read them from the page cache (``--refresh``)
    refresh: bool = False


class LibraryProgress(Message):
    """A report from the background work (sync or the analysis loop), posted from its thread."""

    def __init__(self, report: LoopProgress | None = None, synced: tuple[int, int] | None = None,
                 notices: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.report = report
        self.synced = synced
        #: what the user should know once the members are read (a page kept because it could not be fetched again)
        self.notices = notices


class ArticleChosen(Message):
    """Open an article in the reader (at a quote when ``quote_id`` is given)."""

    def __init__(self, row: ArticleRow, quote_id: str | None = None, offset: int | None = None) -> None:
        super().__init__()
        self.row = row
        self.quote_id = quote_id
        self.offset = offset


class LibraryFilterBar(FilterBar):
    """The filter bar, with the library's placeholder."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.placeholder = LIBRARY_PLACEHOLDER


class LibraryScreen(Screen[None], inherit_bindings=False):
    """The articles of a library, their speakers and sources.

    Tab switches views here (the keys table's ``library.next_view``), so the
    screen does not inherit Textual's tab-moves-focus binding.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+c,super+c", "screen.copy_text", "Copy selected text", show=False),
    ]

    DEFAULT_CSS = """
    LibraryScreen { layout: vertical; }
    LibraryScreen #library-title { height: 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    LibraryScreen #library-views { height: 1fr; }
    LibraryScreen #sources { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    LibraryScreen #library-detail { height: 1; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    LibraryScreen #library-filter { height: 1; border: none; padding: 0 1; background: $panel; }
    LibraryScreen #library-filter:focus { background: $boost; }
    LibraryScreen #library-status { height: 1; background: $panel-darken-1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, setup: LibrarySetup, analyzer: Analyzer | None) -> None:
        super().__init__()
        self.setup = setup
        self.analyzer = analyzer
        self.index = setup.index or LibraryIndex(setup.index_path, explicit=setup.explicit)
        setup.index = self.index
        self.view = "articles"
        self.queries = {"articles": "", "speakers": ""}
        self.article_sort = 0
        self.speaker_sort = 0
        self.reverse = {"articles": False}
        self.speaker_key: str | None = None
        self.speaker_name = ""
        self._generation = -1
        self.loop: Any = None
        self.progress_text = ""
        self._reading_text = ""
        self._analysing_text = ""
        self.failed = 0
        self._sources_lines: list[str] | None = None
        #: the index's counts by state, read again when the index changed (one query, not one a keystroke)
        self._status: Status | None = None
        #: what the line under the list was drawn for (view, row), so a keystroke that keeps the row skips it
        self._detail_for: tuple[str, object] | None = None
        #: True while the sync or the analysis loop runs in its thread
        self.background_running = False
        self._stopping = False

    # -- layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="library-title")
        yield ColumnHeader(ARTICLE_COLUMNS, id="library-header")
        with ContentSwitcher(initial="articles", id="library-views"):
            yield RowList(ARTICLE_COLUMNS, article_cells, self._fetch_articles,
                          empty="No articles match.", id="articles")
            yield RowList(SPEAKER_COLUMNS, speaker_cells, self._fetch_speakers,
                          empty="No speakers yet (they appear as articles are analysed).", id="speakers")
            yield RowList(QUOTE_COLUMNS, speaker_quote_cells, self._fetch_speaker_quotes,
                          empty="No quotes.", id="quotes")
            with VerticalScroll(id="sources"):
                yield Static(Content("Reading the sources…"), id="sources-text")
        yield Static(Content(""), id="library-detail")
        yield LibraryFilterBar(id="library-filter")
        yield Static(Content(""), id="library-status")
        yield KeyFooter()

    def list_of(self, view: str) -> RowList:
        return self.query_one("#" + view, RowList)

    @property
    def articles(self) -> RowList:
        return self.list_of("articles")

    @property
    def speakers(self) -> RowList:
        return self.list_of("speakers")

    @property
    def speaker_quotes(self) -> RowList:
        return self.list_of("quotes")

    @property
    def filter_bar(self) -> FilterBar:
        return self.query_one("#library-filter", FilterBar)

    @property
    def current_list(self) -> RowList | None:
        return self.list_of(self.view) if self.view != "sources" else None

    def on_mount(self) -> None:
        self.app.sub_title = _set_name(self.setup.files)
        self.articles.reload()
        self._generation = self.index.generation()
        self.articles.focus()
        self._show_view()
        if self.index.rebuilt_because:
            self.notify(f"Library index rebuilt: {self.index.rebuilt_because}", markup=False, timeout=6)
        for problem in self.setup.problems[:3]:
            self.notify(problem, severity="warning", markup=False, timeout=6)
        self.set_interval(0.5, self._poll_index)

    def start(self) -> None:
        """After the first frame: sync the folder and analyse what has no analysis, in one worker thread."""
        self._background()

    def stop(self) -> None:
        """Ask the sync and the analysis loop to stop (the app quits)."""
        self._stopping = True
        if self.loop is not None:
            self.loop.stop()

    def on_unmount(self) -> None:
        self.stop()

    # -- the index's rows ---------------------------------------------------------
    def _article_sort(self) -> tuple[str, bool | None]:
        key = ARTICLE_SORTS[self.article_sort][0]
        return key, (None if not self.reverse["articles"] else not _default_descending(key))

    def _fetch_articles(self, offset: int, limit: int) -> tuple[int, list[ArticleRow]]:
        sort, descending = self._article_sort()
        page = self.index.page(self.queries["articles"], sort=sort, descending=descending, limit=limit, offset=offset)
        return page.total, page.rows

    def _fetch_speakers(self, offset: int, limit: int) -> tuple[int, list[Any]]:
        query = self.queries["speakers"]
        sort = SPEAKER_SORTS[self.speaker_sort][0]
        return ledger.count(self.index, query), ledger.speakers(self.index, query, sort=sort, limit=limit, offset=offset)

    def _fetch_speaker_quotes(self, offset: int, limit: int) -> tuple[int, list[Any]]:
        if self.speaker_key is None:
            return 0, []
        row = ledger.speaker(self.index, self.speaker_key)
        rows = ledger.speaker_quotes(self.index, self.speaker_key, limit=limit, offset=offset)
        return (row.quotes if row is not None else len(rows)), rows

    def article_position(self, article_id: int) -> int | None:
        sort, descending = self._article_sort()
        return self.index.position(article_id, self.queries["articles"], sort=sort, descending=descending)

    def article_at(self, position: int) -> ArticleRow | None:
        return self.articles.row(position)

    # -- background ------------------------------------------------------------
    @work(thread=True, exclusive=True, group="library", exit_on_error=False, description="Analysing the library")
    def _background(self) -> None:

        worker = get_current_worker()
        analyzer = self.analyzer
        if analyzer is None:
            return
        self.background_running = True
        try:
            self._sync_and_analyse(worker, analyzer)
        finally:
            self.background_running = False

    def _sync_and_analyse(self, worker: Any, analyzer: Analyzer) -> None:
        from newsview.library import scan
        from newsview.library.background import sync_while_analysing

        # each member is analysed as soon as it is read or its page has arrived
        self.loop = scan.AnalysisLoop(self.setup.index_path, analyzer, explicit=self.setup.explicit,
                                      progress=lambda report: self._report(LibraryProgress(report)))
        if self._stopping:
            self.loop.stop()
        sync_while_analysing(
            self.loop, list(self.setup.files), refresh=self.setup.refresh,
            on_file=lambda done, total: self._report(LibraryProgress(synced=(done, total))),
            on_synced=lambda report: self._report(LibraryProgress(notices=tuple(report.kept_copies))),
            cancelled=lambda: worker.is_cancelled or self._stopping,
        )

    def _report(self, message: LibraryProgress) -> None:
        """From the worker thread: post the report (never waits for the UI)."""
        self.post_message(message)

    def on_library_progress(self, message: LibraryProgress) -> None:
        # the members are read (pages fetched) while the first ones are analysed: both are told
        if message.synced is not None:
            done, total = message.synced
            self._reading_text = f"reading articles {done}/{total}" if done < total else ""
        # one page: which, why and from when; several: one line (a notice each would cover the list)
        notices = message.notices if len(message.notices) <= 1 else (
            f"{len(message.notices)} pages could not be fetched again: each keeps the copy fetched before",)
        for notice in notices:
            self.notify(one_line(notice), severity="warning", markup=False, timeout=8)
        report = message.report
        if report is not None:
            self.failed = report.failed
            if report.event in ("started", "share", "done", "failed"):
                left = report.left + (1 if report.event in ("started", "share") else 0)
                share = f" ({round((report.share or 0) * 100)}%)" if report.event == "share" and report.share else ""
                self._analysing_text = f"analysing: {report.done} done, {left} left{share}"
            elif report.event == "stopped" and report.reason:
                self._analysing_text = f"analysis stopped: {one_line(report.reason)}"
            elif report.event in ("finished", "stopped"):
                self._analysing_text = ""
                self._sources_lines = None
            if report.event in ("done", "failed", "finished"):
                self._status = None
                self._poll_index()
        self.progress_text = " · ".join(t for t in (self._reading_text, self._analysing_text) if t)
        self._update_status()

    def _poll_index(self) -> None:
        """Redraw what is on screen when the index changed (our worker, or another newsview)."""
        generation = self.index.generation()
        if generation == self._generation:
            return
        self._generation = generation
        self._status = None
        self._detail_for = None
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Read the rows on screen again, keeping the cursor on the same article when it is still listed.

        A cursor on the top row stays on the top row: while members are still being read and
        analysed, rows arrive above it, and the list should open at its first row, not at
        whichever article happened to be listed first.
        """
        current = self.articles.current
        position = self.article_position(current.id) if current is not None and self.articles.cursor > 0 else None
        self.articles.reload(cursor=position)
        if self.view in ("speakers", "quotes"):
            self.list_of(self.view).reload()
        self._update_status()

    # -- views --------------------------------------------------------------
    def _show_view(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        switcher.current = self.view
        columns = {"articles": ARTICLE_COLUMNS, "speakers": SPEAKER_COLUMNS, "quotes": QUOTE_COLUMNS}.get(self.view)
        header = self.query_one(ColumnHeader)
        header.display = columns is not None
        if columns is not None:
            header.show(columns)
        query_view = "speakers" if self.view == "quotes" else self.view
        bar = self.filter_bar
        bar.display = self.view != "sources"
        bar.placeholder = SPEAKER_PLACEHOLDER if query_view == "speakers" else LIBRARY_PLACEHOLDER
        if query_view in self.queries and bar.value != self.queries[query_view]:
            with bar.prevent(Input.Changed):
                bar.value = self.queries[query_view]
        if self.view == "sources":
            self._load_sources()
        rows = self.current_list
        if rows is not None and self.focused is not bar:
            rows.focus()
        self._update_title()
        self._update_detail()
        self._update_status()

    def show_view(self, view: str) -> None:
        if view == "speakers" or view == "quotes":
            self.list_of(view).reload()
        self.view = view
        self._show_view()

    def _update_title(self) -> None:
        parts: list[tuple[str, str] | str] = []
        for view in VIEWS:
            shown = self.view == view or (self.view == "quotes" and view == "speakers")
            parts += [(f" {VIEW_TITLES[view]} ", "reverse bold" if shown else "dim"), " "]
        if self.view == "quotes":
            parts += ["› ", (one_line(self.speaker_name), "bold"), " — Enter opens the article at the quote"]
        self.query_one("#library-title", Static).update(Content.assemble(*parts))

    def status(self) -> Status:
        if self._status is None:
            self._status = self.index.status()
        return self._status

    def _update_detail(self) -> None:
        rows = self.current_list
        shown = (self.view, rows.current if rows is not None else None)
        if shown == self._detail_for:
            return
        self._detail_for = shown
        text = ""
        style = ""
        if self.view == "articles":
            row = self.articles.current
            if row is not None:
                if row.state in ("failed", "unreadable"):
                    text, style = f"{row.state}: {row.reason or 'no reason given'}", "bold $error"
                elif row.analysed:
                    from newsview.library.sources import article_sources

                    text = sources_line(article_sources(self.index, row.id))
                else:
                    waiting = {"queued": "not analysed yet", "fetching": "fetching the page"}
                    text = f"{row.path} — {waiting.get(row.state, row.state)}"
        elif self.view == "speakers":
            row = self.speakers.current
            if row is not None:
                dates = f"{row.first_date or '?'} – {row.last_date or '?'}"
                text = (f"{row.name}: quoted {row.quotes} times in {row.quoted_articles} articles, "
                        f"mentioned in {row.articles}, {dates} — Enter lists the quotes")
        elif self.view == "quotes":
            item = self.speaker_quotes.current
            if item is not None:
                text = f"“{item.quote.text}”"
        self.query_one("#library-detail", Static).update(Content.assemble((one_line(text), style)))

    def _update_status(self) -> None:
        parts: list[tuple[str, str] | str] = []
        rows = self.current_list
        if self.view == "articles":
            parts.append(f" {self.articles.total} articles")
            key = ARTICLE_SORTS[self.article_sort][1]
            parts.append(f" · sort: {key}{' (reversed)' if self.reverse['articles'] else ''}")
        elif self.view == "speakers":
            parts.append(f" {self.speakers.total} speakers")
            key = SPEAKER_SORTS[self.speaker_sort][1]
            parts.append(f" · sort: {key}")
        elif self.view == "quotes" and rows is not None:
            parts.append(f" {rows.total} quotes")
        query_view = "speakers" if self.view == "quotes" else self.view
        query = self.queries.get(query_view, "")
        if query:
            parts += [" · filter: ", (one_line(query), "bold")]
            invalid = self._invalid_terms(query) if query_view == "articles" else ()
            if invalid:
                parts += [" · not understood: ", (", ".join(invalid), "$warning")]
        if self.progress_text:
            parts += [" · ", (self.progress_text, "$warning")]
        else:
            status = self.status()
            waiting = status.queued + status.analysing
            if status.fetching:
                parts += [" · ", (f"{status.fetching} to fetch", "$warning")]
            if waiting:
                parts += [" · ", (f"{waiting} to analyse", "$warning")]
        status_failed = self.failed or self.status().failed
        if status_failed:
            parts += [" · ", (f"{status_failed} failed", "$error")]
        self.query_one("#library-status", Static).update(Content.assemble(*parts))

    @staticmethod
    def _invalid_terms(query: str) -> tuple[str, ...]:
        from newsview.library.query import parse_article_query

        return tuple(parse_article_query(query).invalid)

    def _load_sources(self) -> None:
        if self._sources_lines is not None:
            self._show_sources(self._sources_lines)
            return
        self._read_sources()

    @work(thread=True, exclusive=True, group="sources", exit_on_error=False, description="Reading the sources")
    def _read_sources(self) -> None:
        from newsview.library.sources import library_sources

        # a worker of its own: the ledger may need a rebuild (a write), never on the UI thread
        with LibraryIndex(self.setup.index_path, explicit=self.setup.explicit) as index:
            lines = library_sources_lines(library_sources(index))
        self.app.call_from_thread(self._show_sources, lines)

    def _show_sources(self, lines: list[str]) -> None:
        self._sources_lines = lines
        self.query_one("#sources-text", Static).update(Content("\n".join(lines)))

    # -- messages --------------------------------------------------------------
    @on(RowList.Moved)
    def _row_moved(self, event: RowList.Moved) -> None:
        if event.row_list is self.current_list:
            self._update_detail()
            self._update_status()

    @on(RowList.Chosen, "#articles")
    def _article_chosen(self, event: RowList.Chosen) -> None:
        self.post_message(ArticleChosen(event.row))

    @on(RowList.Chosen, "#speakers")
    def _speaker_chosen(self, event: RowList.Chosen) -> None:
        self.speaker_key = event.row.key
        self.speaker_name = event.row.name
        self.speaker_quotes.cursor = 0
        self.show_view("quotes")

    @on(RowList.Chosen, "#quotes")
    def _quote_chosen(self, event: RowList.Chosen) -> None:
        item = event.row
        row = self.index.article(item.article_id)
        if row is not None:
            self.post_message(ArticleChosen(row, quote_id=item.quote.quote_id, offset=item.quote.start))

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.set_filter(event.value)

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self) -> None:
        rows = self.current_list
        if rows is not None:
            rows.focus()

    @on(FilterBar.Cleared)
    def _filter_cleared(self) -> None:
        self.set_filter("")
        rows = self.current_list
        if rows is not None:
            rows.focus()

    def set_filter(self, query: str) -> None:
        """Filter the view shown as if ``query`` had been typed (the speakers' quotes: the speakers)."""
        view = "speakers" if self.view == "quotes" else self.view
        if view not in self.queries:
            return
        self.queries[view] = query
        if self.view == "quotes":
            self.view = "speakers"
            self._show_view()
        self.list_of(view).reload(cursor=0)  # its Moved message redraws the lines under the list

    # -- actions ------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the keys table is the app's, shared with the reader: offer only what this screen does
        return hasattr(self, "action_" + action)

    def action_next_view(self, step: int = 1) -> None:
        current = "speakers" if self.view == "quotes" else self.view
        self.show_view(VIEWS[(VIEWS.index(current) + step) % len(VIEWS)])

    def action_sort(self) -> None:
        if self.view == "articles":
            self.article_sort = (self.article_sort + 1) % len(ARTICLE_SORTS)
        elif self.view == "speakers":
            self.speaker_sort = (self.speaker_sort + 1) % len(SPEAKER_SORTS)
        else:
            self.app.bell()
            return
        self.list_of(self.view).reload(cursor=0)
        self._update_detail()
        self._update_status()

    def sort_by(self, key: str) -> None:
        """Sort the articles by one of ``ARTICLE_SORTS`` (the palette's entries)."""
        self.article_sort = [k for k, _ in ARTICLE_SORTS].index(key)
        self.show_view("articles")
        self.articles.reload(cursor=0)
        self._update_status()

    def action_reverse(self) -> None:
        view = "speakers" if self.view == "quotes" else self.view
        if view not in self.reverse:
            self.app.bell()
            return
        self.reverse[view] = not self.reverse[view]
        self.list_of(view).reload(cursor=0)
        self._update_status()

    def action_focus_filter(self) -> None:
        if self.view != "sources":
            # at once, not after the keys already waiting (focus() is deferred): typing right after / is filtered
            self.set_focus(self.filter_bar)

    def action_back(self) -> None:
        if self.view == "quotes":
            self.show_view("speakers")
            return
        rows = self.current_list
        if rows is not None:
            rows.focus()


def _set_name(members: tuple[str, ...]) -> str:
    """The header's subtitle: the folder of the first file, else the site of the first web page."""
    from newsview.library.scan import is_address

    files = [m for m in members if not is_address(m)]
    if files:
        return one_line(str(Path(files[0]).parent))
    if members:
        from urllib.parse import urlsplit

        try:
            return one_line(urlsplit(members[0]).netloc)
        except ValueError:
            return ""
    return ""


def _default_descending(key: str) -> bool:
    from newsview.library.query import SORTS

    return SORTS[key][1]
