"""A list of rows read on demand: only the rows on screen (and a page around them) are ever fetched.

The library can hold thousands of articles or speakers; ``RowList`` asks its
``fetch(offset, limit)`` for a page of rows when a line of that page is drawn,
keeps a few pages, and draws each row as cells in fixed columns.  It is a
``ScrollView`` drawn line by line (the line API), so drawing does not grow with
the length of the list.  Cell text comes from articles: it is drawn as plain
segments, never parsed as markup, and made one safe line first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsview.safe_text import one_line


@dataclass(frozen=True)
class Column:
    """One column: its title, its width (the least, when flexible), its share of the spare width, its alignment."""

    title: str
    width: int
    #: 0: fixed; else the column's share (by weight) of what the fixed columns leave
    flex: int = 0
    right: bool = False


#: one cell as a row gives it: its text and the name of its style ("" plain, "dim", "warn", "error", "good")
Cell = tuple[str, str]
#: fetch(offset, limit) -> (length of the whole list, the rows from offset)
Fetch = Callable[[int, int], tuple[int, Sequence[Any]]]


def column_widths(columns: Sequence[Column], width: int) -> list[int]:
    """Each column's width in ``width`` cells (one space between columns); flexible ones share the rest."""
    gaps = max(0, len(columns) - 1)
    fixed = sum(c.width for c in columns if not c.flex)
    weights = sum(c.flex for c in columns)
    spare = max(0, width - gaps - fixed)
    widths = [max(c.width, spare * c.flex // weights) if c.flex else c.width for c in columns]
    given = sum(w for w, c in zip(widths, columns, strict=True) if c.flex)
    if weights and given < spare:  # the rounding's leftover goes to the first flexible column
        first = next(i for i, c in enumerate(columns) if c.flex)
        widths[first] += spare - given
    return widths


def layout_line(cells: Sequence[Cell], columns: Sequence[Column], width: int,
                styles: dict[str, Style], base: Style) -> list[Segment]:
    """The segments of one row laid out in the columns, exactly ``width`` cells wide."""
    segments: list[Segment] = []
    used = 0
    for i, (column, cell_width) in enumerate(zip(columns, column_widths(columns, width), strict=False)):
        text, style_name = cells[i] if i < len(cells) else ("", "")
        text = one_line(text)
        if cell_len(text) > cell_width:
            text = set_cell_size(text, max(0, cell_width - 1)) + "…" if cell_width > 1 else set_cell_size(text, cell_width)
        pad = " " * (cell_width - cell_len(text))
        text = pad + text if column.right else text + pad
        if i:
            segments.append(Segment(" ", base))
            used += 1
        segments.append(Segment(text, base + styles.get(style_name, Style())))
        used += cell_len(text)
    if used < width:
        segments.append(Segment(" " * (width - used), base))
    return Segment.adjust_line_length(segments, width, style=base) if used > width else segments


class RowList(ScrollView, can_focus=True):
    """A keyboard list over rows fetched a page at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "move(1)", "Next row", id="list.down", show=False),
        Binding("k,up", "move(-1)", "Previous row", id="list.up", show=False),
        Binding("pagedown,space", "page(1)", "Next page", id="list.page_down", show=False),
        Binding("pageup,b", "page(-1)", "Previous page", id="list.page_up", show=False),
        Binding("g,home", "first", "First row", id="list.top", show=False),
        Binding("G,end", "last", "Last row", id="list.bottom", show=False),
        Binding("enter", "choose", "Open", id="list.open"),
    ]

    HELP = "j/k or the arrows move; Enter opens the row (an article, a speaker's quotes, a quote in its article)."

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "row-list--cursor", "row-list--dim", "row-list--warn", "row-list--error", "row-list--good",
    }

    DEFAULT_CSS = """
    RowList { height: 1fr; scrollbar-size-vertical: 1; }
    RowList > .row-list--cursor { background: $panel-lighten-1; text-style: bold; }
    RowList:focus > .row-list--cursor { background: $accent 40%; }
    RowList > .row-list--dim { color: $text-muted; }
    RowList > .row-list--warn { color: $warning; }
    RowList > .row-list--error { color: $error; text-style: bold; }
    RowList > .row-list--good { color: $success; }
    """

    #: rows fetched at a time: a screenful or two, so a keystroke's query stays small
    PAGE = 60
    KEEP_PAGES = 12

    class _AtRow(Message):
        """Something about one row: which list, where, and the row itself."""

        def __init__(self, row_list: RowList, index: int, row: Any) -> None:
            super().__init__()
            self.row_list = row_list
            self.index = index
            self.row = row

        @property
        def control(self) -> RowList:
            return self.row_list

    class Chosen(_AtRow):
        """Enter on a row."""

    class Moved(_AtRow):
        """The cursor is on another row (or the rows under it changed)."""

    def __init__(self, columns: Sequence[Column], cells: Callable[[Any], Sequence[Cell]], fetch: Fetch | None = None,
                 *, empty: str = "Nothing here.", id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.cells = cells
        self.fetch = fetch
        self.empty = empty
        self.total = 0
        self.cursor = 0
        self._pages: OrderedDict[int, Sequence[Any]] = OrderedDict()

    # -- data ------------------------------------------------------------------
    def reload(self, fetch: Fetch | None = None, *, cursor: int | None = None) -> None:
        """Read the list again (another query, or the index changed); the cursor stays on its index unless given."""
        if fetch is not None:
            self.fetch = fetch
        self._pages.clear()
        self.total = 0
        if self.fetch is not None:
            total, rows = self.fetch(0, self.PAGE)
            self.total = total
            self._pages[0] = rows
        if cursor is not None:
            self.cursor = cursor
        self.cursor = max(0, min(self.cursor, self.total - 1))
        self.virtual_size = Size(self.size.width, max(1, self.total))
        self._keep_cursor_visible()
        self.refresh()
        self.post_message(self.Moved(self, self.cursor, self.row(self.cursor)))

    def row(self, index: int) -> Any | None:
        """The row at ``index`` (fetching its page when needed), None outside the list."""
        if not 0 <= index < self.total or self.fetch is None:
            return None
        page_no = index // self.PAGE
        rows = self._pages.get(page_no)
        if rows is None:
            total, rows = self.fetch(page_no * self.PAGE, self.PAGE)
            if total != self.total:  # the list changed under us: take its new length
                self.total = total
                self.virtual_size = Size(self.size.width, max(1, total))
            self._pages[page_no] = rows
            while len(self._pages) > self.KEEP_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        offset = index - page_no * self.PAGE
        return rows[offset] if offset < len(rows) else None

    @property
    def current(self) -> Any | None:
        return self.row(self.cursor)

    # -- drawing -----------------------------------------------------------------
    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, max(1, self.total))
        self._keep_cursor_visible()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_offset.y) + y
        base = self.rich_style
        if self.total == 0:
            text = self.empty if y == 0 else ""
            return Strip([Segment(set_cell_size(" " + one_line(text), width), base + self._style("row-list--dim"))])
        row = self.row(index)
        if row is None:
            return Strip.blank(width, base)
        if index == self.cursor:
            # the cursor row in the cursor's colours alone: a cell colour may be the cursor's own (ANSI themes)
            base = base + self._style("row-list--cursor")
            styles: dict[str, Style] = {}
        else:
            styles = {name: self._style("row-list--" + name) for name in ("dim", "warn", "error", "good")}
        return Strip(layout_line(self.cells(row), self.columns, width, styles, base), width)

    def _style(self, component: str) -> Style:
        # the full style, so a translucent colour ($text-muted) is blended with the real background;
        # the cells keep only its colour and weight (the row's background is the list's or the cursor's)
        style = self.get_component_rich_style(component)
        if component == "row-list--cursor":
            return style
        return Style(color=style.color, bold=style.bold, italic=style.italic)

    # -- moving ------------------------------------------------------------------
    def move_to(self, index: int) -> None:
        if self.total == 0:
            return
        index = max(0, min(index, self.total - 1))
        if index != self.cursor:
            self.cursor = index
            self.refresh()
            self.post_message(self.Moved(self, index, self.row(index)))
        self._keep_cursor_visible()

    def _keep_cursor_visible(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        self.move_to(self.total - 1)

    def action_choose(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Chosen(self, self.cursor, row))


def header_line(columns: Sequence[Column], width: int, style: Style) -> Strip:
    """The columns' titles, laid out as the rows are."""
    cells = [(c.title, "") for c in columns]
    return Strip(layout_line(cells, columns, width, {}, style), width)


class ColumnHeader(ScrollView):
    """One line: the titles of a ``RowList``'s columns, laid out as its rows are."""

    DEFAULT_CSS = """
    ColumnHeader { height: 1; text-style: bold; background: $panel; overflow: hidden hidden; }
    """

    def __init__(self, columns: Sequence[Column], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)

    def show(self, columns: Sequence[Column]) -> None:
        self.columns = tuple(columns)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        # the list below has a one-cell scrollbar: the titles stop where its rows do
        return header_line(self.columns, max(0, width - 1), self.rich_style).extend_cell_length(width, self.rich_style)
