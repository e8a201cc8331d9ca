"""The sidebar: actors by prominence, each expandable to its quotes.

Rows are OptionList options built from ``Content`` (never markup), so names and
quotes from the article show literally.  The list posts ``ActorChosen`` and
``QuoteChosen``; the app decides what they do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass
from functools import partial

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsview.filtering import FilterResult, quote_counts, quote_tints, rank_actors
from newsview.coverage import coverage_note
from newsview.safe_text import display_safe
from newsview.model import DOCUMENT_KIND, Actor, ParsedDocument, Quote

if TYPE_CHECKING:
    from newsview.review.view import ReviewedQuote

from .entity_styles import FAMILY_LABEL, FAMILY_STYLE, quote_style
from .review_panel import ReviewPanel, verdict_symbol, verdict_words

UNATTRIBUTED = "__unattributed__"
_ACTOR = "actor:"
_QUOTE = "quote:"
#: the sidebar heading over documents and data as sources
DOCUMENTS_HEADING = "Documents and data"


class FittedRow(Content):
    """A row's content whose lines are cut to fit the sidebar, so its height is its line count.

    An OptionList measures every row when its options are set, wrapping each
    one to find its height; for a row built to fit, that is just the number of
    lines.  Opening an actor with hundreds of quotes adds hundreds of rows at
    once, and measuring them by wrapping was most of the cost of the key.
    """

    __slots__ = ["_line_count", "_widest"]

    def __init__(self, content: Content) -> None:
        super().__init__(content.plain, list(content.spans), strip_control_codes=False)
        lines = content.plain.split("\n")
        self._line_count = len(lines)
        self._widest = max(cell_len(line) for line in lines)

    def get_height(self, rules, width: int) -> int:
        if width - 2 * rules.get("line_pad", 0) >= self._widest:  # every line fits: nothing wraps
            return self._line_count
        return super().get_height(rules, width)


def first_words(text: str, limit: int = 48) -> str:
    """The start of a quote (or a name) on one line, cut at a word near ``limit`` characters."""
    flat = display_safe(" ".join(text.split()))
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(" ,.;:") + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def actor_row(actor: Actor, n_quotes: int, *, expanded: bool, selected: bool, width: int = 40,
              tag: str = "") -> Content:
    marker = "▾ " if expanded else "▸ "
    if not n_quotes:
        marker = "  "
    family = actor.family
    head = Content.assemble(
        ("● " if selected else "", "bold"),
        marker,
        (first_words(actor.name, max(8, width - 4)), FAMILY_STYLE.get(family, FAMILY_STYLE["other"])),
    )
    label = ("document" if actor.kind == DOCUMENT_KIND else FAMILY_LABEL.get(family, family)) + (
        f" · {tag}" if tag else "")
    counts = [_plural(n_quotes, "quote")] if n_quotes else []
    counts.append(_plural(len(actor.mentions), "mention"))
    tail = " · " + " · ".join(counts)
    if 4 + len(label) + len(tail) > width:  # narrow sidebar: short counts
        tail = " · " + " ".join(([f"{n_quotes}q"] if n_quotes else []) + [f"{len(actor.mentions)}m"])
    if tag and 4 + len(label) + len(tail) > width:  # still too long: what the review did beats the family
        label = tag
    detail = Content.assemble("    ", (label, "italic"), tail).stylize("$text-muted")
    return Content("\n").join([head, detail])


def _actor_option(actor: Actor, n_quotes: int, expanded: bool, selected: bool, width: int, tag: str) -> Option:
    return Option(FittedRow(actor_row(actor, n_quotes, expanded=expanded, selected=selected, width=width, tag=tag)),
                  id=_ACTOR + actor.id)


def _documents_heading() -> Option:
    return Option(Content.styled(DOCUMENTS_HEADING, "bold $text-muted"), id="documents-heading", disabled=True)


def unattributed_row(n_quotes: int, *, expanded: bool) -> Content:
    return Content.assemble(("▾ " if expanded else "▸ "), ("Unattributed", "italic"),
                            (f"  {_plural(n_quotes, 'quote')}", "$text-muted"))


#: a quote's versions in other articles, as the sidebar marks it: (symbol, word, style)
VariantMark = tuple[str, str, str]


def quote_row(quote: Quote, tint: int | None, width: int = 40, review: ReviewedQuote | None = None,
              variant: VariantMark | None = None) -> Content:
    """Two lines: the start of the quote (after its verdict symbol and its variant mark), then kind,
    confidence, verdict and, when it is quoted in other articles, how (the symbol and a word)."""
    symbol, style = verdict_symbol(review)
    words = verdict_words(review, short=True)
    if variant is not None:
        words = [*words, (f"{variant[0]} {variant[1]}", variant[2])]
    # the second line must fit the sidebar: the kind goes first when the verdict needs the room
    kind_conf = f"{quote.kind} · {quote.confidence:.2f}"
    if 6 + len(kind_conf) + sum(3 + len(w) for w, _ in words) > width:
        kind_conf = f"{quote.confidence:.2f}"
    detail: list[tuple[str, str] | str] = [(kind_conf, "$text-muted italic")]
    for text, part_style in words:
        detail += [(" · ", "$text-muted"), (text, part_style)]
    mark = (variant[0] + " ", variant[2]) if variant is not None else ""
    return Content.assemble(
        "  ",
        (symbol, style),
        mark,
        ("“" + first_words(quote.text, max(12, width - 7 - (2 if variant else 0))) + "”", quote_style(tint)),
        "\n      ",
        *detail,
    )


@dataclass(frozen=True)
class SidebarRow:
    kind: str  # "actor", "quote"
    key: str  # actor id (or UNATTRIBUTED) / quote id


def parse_option_id(option_id: str | None) -> SidebarRow | None:
    if not option_id:
        return None
    if option_id.startswith(_ACTOR):
        return SidebarRow("actor", option_id[len(_ACTOR):])
    if option_id.startswith(_QUOTE):
        return SidebarRow("quote", option_id[len(_QUOTE):])
    return None


class ActorList(OptionList):
    """Actors and their quotes; Enter selects an actor (and opens it) or jumps to a quote."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Next row", id="sidebar.down", show=False),
        Binding("k,up", "cursor_up", "Previous row", id="sidebar.up", show=False),
        Binding("g,home", "first", "First row", id="sidebar.top", show=False),
        Binding("G,end", "last", "Last row", id="sidebar.bottom", show=False),
        Binding("enter", "select", "Select actor / jump to quote", id="sidebar.select", show=False),
        Binding("l,right", "expand", "Show quotes", id="sidebar.expand", show=False),
        Binding("h,left", "collapse", "Hide quotes", id="sidebar.collapse", show=False),
        Binding("escape", "back", "Back to the text", id="sidebar.back", show=False),
    ]

    HELP = "Actors by prominence.  Enter selects an actor; on a quote, Enter shows it in the text."

    class ActorChosen(Message):
        """An actor (or the unattributed group) was chosen; ``actor_id`` None clears."""

        def __init__(self, actor_id: str | None) -> None:
            super().__init__()
            self.actor_id = actor_id

    class QuoteChosen(Message):
        def __init__(self, quote_id: str) -> None:
            super().__init__()
            self.quote_id = quote_id

    class Back(Message):
        """Escape on the sidebar: the app returns focus to the text."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.document: ParsedDocument | None = None
        self.filter_result: FilterResult | None = None
        self.selected_actor: str | None = None
        #: each quote's review, and a word for actors the review changed
        self.review: dict[str, ReviewedQuote] = {}
        self.tags: dict[str, str] = {}
        #: quotes quoted in other articles too: quote id -> how the sidebar marks it
        self.variants: dict[str, VariantMark] = {}
        self.expanded: set[str] = set()
        self._built_width = 0
        #: the width OptionList last measured the rows at
        self._measured_width = -1
        #: rows built for this document, reused while what they show is unchanged
        #: (an OptionList measures a reused row from its cache): key -> (source object, option)
        self._rows: dict[tuple, tuple[tuple, Option]] = {}
        self._rows_for: ParsedDocument | None = None
        #: what an empty list says while there is no analysis
        self.pending_note = "Actors and quotes appear once the article is analysed."
        #: rows to build once the list's width is known (``show`` before the first layout)
        self._build_when_drawn = False

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width == self._measured_width:
            # only the height changed (the review panel below grew or shrank): the rows
            # and their measures still hold, so OptionList need not drop and redo them
            event.prevent_default()
            return
        self._measured_width = width
        # rows are cut to the width: rebuild them when it changes
        if self.document is not None and width != self._built_width:
            self._rebuild()

    # -- building ----------------------------------------------------------
    def show(
        self,
        document: ParsedDocument,
        filter_result: FilterResult | None,
        selected_actor: str | None,
        review: dict[str, ReviewedQuote] | None = None,
        tags: dict[str, str] | None = None,
        variants: dict[str, VariantMark] | None = None,
    ) -> None:
        """Rebuild the rows for this document, filter, selection, review and variants elsewhere."""
        self.document = document
        self.filter_result = filter_result
        self.selected_actor = selected_actor
        self.review = review or {}
        self.tags = tags or {}
        self.variants = variants or {}
        if not self.size.width:
            # not laid out yet (the reader's first frame): rows are cut to the list's width,
            # so they are built when the first frame draws the list and its width is known
            self._build_when_drawn = True
            self.refresh()
            return
        self._rebuild()

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._build_when_drawn and self.size.width:
            self._rebuild()
        return super().render_lines(crop)

    def _rebuild(self) -> None:
        doc = self.document
        if doc is None:
            return
        self._build_when_drawn = False
        keep_id = self.highlighted_option.id if self.highlighted_option is not None else None
        # the filter's result while a filter is on, else None
        result = self.filter_result if self.filter_result is not None and self.filter_result.state.active else None
        counts = quote_counts(doc)
        tints = quote_tints(doc)
        # leave a column for the scrollbar, which may appear once the rows are in
        width = max(1, (self.scrollable_content_region.width or 40) - (0 if self.show_vertical_scrollbar else 1))
        self._built_width = width
        if self._rows_for is not doc:
            self._rows.clear()
            self._rows_for = doc
        rows = self._rows

        def row(key: tuple, sources: tuple, build) -> Option:
            # the row is reused only if built from these very objects (the actor, or the quote and its review)
            hit = rows.get(key)
            if hit is not None and all(a is b for a, b in zip(hit[0], sources)):
                return hit[1]
            option = build()
            rows[key] = (sources, option)
            return option

        options: list[Option] = []
        headed = False
        for actor in rank_actors(doc):
            if result is not None and not result.keeps_actor(actor.id):
                continue
            if actor.kind == DOCUMENT_KIND and not headed:
                # documents and data that "say" things, apart from the people and organisations
                headed = True
                options.append(row(("documents-heading",), (), _documents_heading))
            quotes = [q for q in doc.quotes_by(actor.id) if result is None or result.keeps_quote(q.id)]
            open_ = actor.id in self.expanded or (result is not None and bool(quotes) and bool(result.quote_ids))
            n_quotes, expanded = counts.get(actor.id, 0), open_ and bool(quotes)
            selected, tag = actor.id == self.selected_actor, self.tags.get(actor.id, "")
            options.append(row(
                (_ACTOR + actor.id, n_quotes, expanded, selected, width, tag), (actor,),
                partial(_actor_option, actor, n_quotes, expanded, selected, width, tag),
            ))
            if open_:
                tint = tints.get(actor.id)
                options += [self._quote_option(row, q, tint, width) for q in quotes]
        orphans = [q for q in doc.quotes_by(None) if result is None or result.keeps_quote(q.id)]
        if orphans:
            open_ = UNATTRIBUTED in self.expanded or (result is not None and bool(result.quote_ids))
            options.append(row((_ACTOR + UNATTRIBUTED, len(orphans), open_), (),
                               lambda: Option(FittedRow(unattributed_row(len(orphans), expanded=open_)),
                                              id=_ACTOR + UNATTRIBUTED)))
            if open_:
                options += [self._quote_option(row, q, None, width) for q in orphans]
        if not options:
            if result is not None:
                why = "No actor matches the filter."
            elif doc.analysed:
                why = display_safe(coverage_note(doc) or "No actors found in this article.")
            else:
                why = self.pending_note
            options.append(Option(Content.styled(why, "italic $text-muted"), id="empty", disabled=True))
        current = self.options
        if len(current) == len(options) and all(a is b for a, b in zip(current, options)):
            return  # the very same rows: the list keeps its measures, its drawn rows and its cursor
        self.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        if first is None:
            return  # only a note, or a heading
        index = first
        if keep_id is not None:
            try:
                index = self.get_option_index(keep_id)
            except Exception:  # the row is filtered away: stay at the top
                index = first
        self.highlighted = index

    def _quote_option(self, row, quote: Quote, tint: int | None, width: int) -> Option:
        review = self.review.get(quote.id)
        variant = self.variants.get(quote.id)
        return row((_QUOTE + quote.id, tint, width, variant), (quote, review),
                   lambda: Option(FittedRow(quote_row(quote, tint, width, review, variant)), id=_QUOTE + quote.id))

    @property
    def count_shown_actors(self) -> int:
        return sum(1 for o in self.options if (o.id or "").startswith(_ACTOR) and o.id != _ACTOR + UNATTRIBUTED)

    def highlighted_row(self) -> SidebarRow | None:
        option = self.highlighted_option
        return parse_option_id(option.id) if option is not None else None

    def row_ids(self) -> list[str]:
        """Ids of the rows shown, in order (``actor:ID`` / ``quote:ID``)."""
        return [o.id or "" for o in self.options if not o.disabled]

    def select_row(self, option_id: str) -> bool:
        """Move the cursor to a row if it is shown."""
        try:
            self.highlighted = self.get_option_index(option_id)
        except Exception:
            return False
        return True

    def reveal_quote(self, quote_id: str) -> bool:
        """Open the quote's speaker (or the unattributed group) and put the cursor on the quote."""
        quote = self.document.quote(quote_id) if self.document else None
        if quote is None:
            return False
        owner = quote.speaker or UNATTRIBUTED
        if owner not in self.expanded:
            self.expanded.add(owner)
            self._rebuild()
        return self.select_row(_QUOTE + quote_id)

    # -- actions -----------------------------------------------------------
    def action_select(self) -> None:
        row = self.highlighted_row()
        if row is None:
            return
        if row.kind == "quote":
            self.post_message(self.QuoteChosen(row.key))
            return
        if row.key in self.expanded and self.selected_actor == row.key:
            self.expanded.discard(row.key)
        else:
            self.expanded.add(row.key)
        actor_id = None if row.key == UNATTRIBUTED else row.key
        self.post_message(self.ActorChosen(actor_id))

    def action_expand(self) -> None:
        row = self.highlighted_row()
        if row is not None and row.kind == "actor" and row.key not in self.expanded:
            self.expanded.add(row.key)
            self._rebuild()

    def action_collapse(self) -> None:
        row = self.highlighted_row()
        if row is None:
            return
        if row.kind == "quote":
            q = self.document.quote(row.key) if self.document else None
            owner = (q.speaker or UNATTRIBUTED) if q else None
            if owner is not None:
                self.expanded.discard(owner)
                self._rebuild()
                self.select_row(_ACTOR + owner)
        elif row.key in self.expanded:
            self.expanded.discard(row.key)
            self._rebuild()

    def action_back(self) -> None:
        self.post_message(self.Back())


class ActorSidebar(Vertical):
    """The sidebar pane: the actor list, and the quote under review below it."""

    DEFAULT_CSS = """
    ActorSidebar {
        width: 38%;
        min-width: 12;
    }
    /* OptionList crashes when narrower than 5 cells: never let it get there */
    ActorSidebar > ActorList {
        min-width: 10;
        height: 1fr;
    }
    """

    def compose(self):
        yield ActorList(id="actors")
        yield ReviewPanel(id="review-panel")
