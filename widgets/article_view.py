"""The reading pane: the cleaned article with entities, quotes and matches highlighted.

A ScrollView that draws only what is on screen (like Textual's OptionList): the
text is cut into blocks (title, meta line, paragraphs), each block is wrapped to
the pane's width once, and each block's rendered strips are cached until the
width, the highlights or the theme change.  Every piece of article text enters
as ``Content`` built from plain strings, never as markup.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat
from typing import Any, Generic, TypeVar

from textual.binding import Binding
from textual.content import Content, Span as StyleSpan
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.visual import Visual

from newsview.filtering import FilterResult, quote_tints
from newsview.model import ParsedDocument, Span
from newsview.safe_text import display_safe

from .entity_styles import (
    CURRENT_STYLE,
    FAMILY_STYLE,
    MATCH_STYLE,
    META_STYLE,
    SELECTED_MENTION_STYLE,
    SELECTED_QUOTE_STYLE,
    TITLE_STYLE,
    quote_style,
)
from .wrapping import one_cell_each, wrap_offsets

# Bidirectional controls are drawn as U+FFFD, one character for one, so
# every offset still lines up with the text (see newsview.safe_text.display_safe).
# The lines are wrapped from that drawn text, not from the article's: Rich
# measures a bidi control as zero cells and U+FFFD as one, so a line measured
# before the swap is too long once drawn, and its tail is cut off.


def _carries_on(old: ParsedDocument, new: ParsedDocument) -> bool:
    """``new`` is ``old`` with more text after it: the same paragraphs first, the same meta."""
    n = len(old.paragraphs)
    return (
        len(new.text) > len(old.text)
        and new.meta == old.meta
        and n > 0
        and new.paragraphs[:n] == old.paragraphs
        and new.text.startswith(old.text)
    )


@dataclass(frozen=True)
class Block:
    """A run of the reading pane: text from the article, or the meta line."""

    start: int
    end: int
    kind: str  # "title", "meta", "para"


def _paragraph_spans(doc: ParsedDocument) -> list[Span]:
    if doc.paragraphs:
        return [(p.start, p.end) for p in doc.paragraphs if p.end > p.start]
    out: list[Span] = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", doc.text):
        out.append((m.start(), m.end()))
    return out


def meta_content(doc: ParsedDocument) -> Content | None:
    """The line under the title: byline, date, publisher (article strings as plain text).

    When the title is not part of the text (no ``title_span``), it heads this block.
    """
    meta = doc.meta
    parts = [p for p in (meta.byline, meta.date, meta.publisher) if p and p.strip()]
    pieces: list[tuple[str, str] | str] = []
    for i, part in enumerate(parts):
        if i:
            pieces.append(" · ")
        pieces.append((display_safe(" ".join(part.split())), META_STYLE))
    line = Content.assemble(*pieces).stylize("$text-muted") if pieces else None
    title = " ".join((meta.title or "").split())
    if meta.title_span is None and title:
        heading = Content.styled(display_safe(title), TITLE_STYLE)
        return heading if line is None else Content("\n").join([heading, line])
    return line


T = TypeVar("T")


class _Layer(Generic[T]):
    """Spans, each with a ``T`` (a style, a speaker), sorted by start: those touching a range are found by bisection."""

    __slots__ = ("items", "starts", "reach")

    def __init__(self, items: Iterable[tuple[int, int, T]], *, ordered: bool = False) -> None:
        kept = [it for it in items if it[1] > it[0]]
        if not ordered:
            kept.sort(key=lambda it: (it[0], it[1]))
        self.items = kept
        self.starts = [it[0] for it in kept]
        #: the longest span: how far before a range a span touching it may start
        self.reach = max((e - s for s, e, _ in kept), default=0)

    def touching(self, start: int, end: int) -> list[tuple[int, int, T]]:
        lo = bisect_left(self.starts, start - self.reach)
        hi = bisect_left(self.starts, end)
        return [it for it in self.items[lo:hi] if it[1] > start]


_EMPTY: _Layer[Any] = _Layer([])


class ArticleView(ScrollView, can_focus=True):
    """The article text, virtualised, with highlight layers.

    Layers: entities and quotes (built once per version of the document),
    then the selected actor's mentions, the filter's matches and the current
    place (built when they change).  A line is drawn from the spans of each
    layer that touch it, found by bisection, so neither a new highlight nor a
    jump costs more than the lines on screen.
    """

    DEFAULT_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
    }
    """

    BINDINGS = [
        Binding("j,down", "line_down", "Line down", id="reader.down", show=False),
        Binding("k,up", "line_up", "Line up", id="reader.up", show=False),
        Binding("space,f,pagedown", "page_down", "Page down", id="reader.page_down", show=False),
        Binding("b,pageup", "page_up", "Page up", id="reader.page_up", show=False),
        Binding("ctrl+d", "half_page(1)", "Half page down", id="reader.half_down", show=False),
        Binding("ctrl+u", "half_page(-1)", "Half page up", id="reader.half_up", show=False),
        Binding("g,home", "top", "Top", id="reader.top", show=False),
        Binding("G,end", "bottom", "Bottom", id="reader.bottom", show=False),
    ]

    HELP = "The article.  Entities are highlighted by type, quotes tinted by speaker."

    #: rendered lines kept (a few screens' worth)
    CACHE_LINES = 2000
    #: when the text grows (the rest of a long article arrives), the new
    #: paragraphs are wrapped in slices of this many seconds between which
    #: the pane handles keys and redraws
    GROW_SLICE = 0.015

    def __init__(self, document: ParsedDocument, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self._selected_actor: str | None = None
        self._filter: FilterResult | None = None
        self._current: Span | None = None
        self._tints: dict[str, int] = {}
        self._blocks: list[Block] = []
        self._block_starts: list[int] = []
        self._block_ends: list[int] = []
        self._meta: Content | None = None
        self._one_cell = False
        #: the article as drawn (``display_safe``): what lines are measured and wrapped on
        self._shown_text = ""
        self._quote_layer: _Layer[str | None] = _EMPTY  # each quote's speaker
        self._entity_layer: _Layer[str] = _EMPTY  # styles, as are the next two
        self._actor_layer: _Layer[str] = _EMPTY
        self._match_layer: _Layer[str] = _EMPTY
        self._layout_width = -1
        self._block_lines: list[list[tuple[int, int]]] = []
        self._block_first_line: list[int] = []
        self._lines: list[tuple[int, int]] = []  # (block, line in block); block -1 = gap
        self._strips: OrderedDict[int, Strip] = OrderedDict()
        self._pending_jump: int | None = None
        self._anchor: int | None = None
        self._grow_timer: Timer | None = None
        self._build_blocks()
        self._build_document_layers()

    # -- public API --------------------------------------------------------
    def set_document(self, document: ParsedDocument) -> None:
        """Show another version of the document (e.g. once it is analysed, or whole).

        When the new text carries on the old one (the rest of a long article
        arriving), what is on screen stays put: the lines already wrapped are
        kept and the new paragraphs are wrapped a slice at a time.
        """
        old = self.document
        same_layout = (
            (document.text is old.text or document.text == old.text)
            and (document.paragraphs is old.paragraphs or document.paragraphs == old.paragraphs)
            and document.meta == old.meta
        )
        grows = not same_layout and _carries_on(old, document)
        self.document = document
        self._tints = quote_tints(document)
        self._build_document_layers()
        self._build_actor_layer()
        if same_layout and self._blocks:
            # more of the analysis (entities so far, or all of it): same layout, new styles
            self._strips.clear()
            self.refresh()
            return
        top_offset = self.offset_at_line(self.scroll_offset.y)
        if grows and self._grow():
            return
        self._build_blocks()
        self._invalidate_layout()
        if top_offset is not None:
            self.scroll_to_offset(top_offset, margin=0)

    def restyle(self, document: ParsedDocument) -> None:
        """The same text with other speakers or actors (a review change): new tints, same layout.

        """
        self.document = document
        self._tints = quote_tints(document)
        self._build_document_layers()
        self._build_actor_layer()
        self._strips.clear()
        self.refresh()

    def set_highlights(
        self,
        *,
        selected_actor: str | None,
        filter_result: FilterResult | None,
        current: Span | None,
    ) -> None:
        """Change what is emphasised: selected actor, filter matches, current match."""
        everything = False
        if selected_actor != self._selected_actor:
            self._selected_actor = selected_actor
            self._build_actor_layer()
            everything = True
        if filter_result is not self._filter:
            self._filter = filter_result
            spans = filter_result.spans if filter_result is not None else ()
            self._match_layer = _Layer([(s, e, MATCH_STYLE) for s, e in spans], ordered=True) if spans else _EMPTY
            everything = True
        previous, self._current = self._current, current
        if everything:
            self._strips.clear()
        elif previous != current:
            # only the current place moved: redraw the lines it left and the lines it reached
            for span in (previous, current):
                if span is not None:
                    self._forget_lines(*span)
        else:
            return
        self.refresh()

    def _forget_lines(self, start: int, end: int) -> None:
        """Drop the drawn lines that show text[start:end]."""
        first = self.line_of_offset(start)
        last = self.line_of_offset(max(start, end - 1))
        if first is None or last is None:
            self._strips.clear()
            return
        for y in range(first, last + 1):
            self._strips.pop(y, None)

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def scroll_to_offset(self, offset: int, *, margin: int = 2) -> None:
        """Scroll so the line holding text ``offset`` is near the top (``margin`` lines below it)."""
        if not self._update_layout():
            self._pending_jump = offset
            return
        line = self.line_of_offset(offset)
        if line is None:
            return
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if top <= line < top + height - margin and margin:
            return  # already comfortably visible
        self.scroll_to(y=max(0, line - margin), animate=False, force=True)

    def line_of_offset(self, offset: int) -> int | None:
        """The pane line that shows text ``offset`` (after layout)."""
        if not self._blocks or not self._lines:
            return None
        i = bisect_right(self._block_ends, offset)
        need = min(max(i, bisect_left(self._block_starts, offset)) + 2, len(self._blocks))
        if need > len(self._block_lines):  # not wrapped yet (the text just grew)
            self._wrap_blocks(need)
        for j in (i - 1, i):
            if 0 <= j < len(self._blocks):
                b = self._blocks[j]
                if b.kind != "meta" and b.start <= offset <= b.end:
                    lines = self._block_lines[j]
                    k = bisect_right(lines, (offset, len(self.document.text) + 1)) - 1
                    return self._block_first_line[j] + max(0, k)
        # between paragraphs: the next block that starts after the offset
        j = bisect_left(self._block_starts, offset)
        while j < len(self._blocks) and self._blocks[j].kind == "meta":
            j += 1
        if j < len(self._blocks):
            return self._block_first_line[j]
        return self._block_first_line[-1] if self._block_first_line else None

    def offset_at_line(self, line: int) -> int | None:
        """The text offset at the start of pane line ``line``, if it shows article text."""
        if not (0 <= line < len(self._lines)):
            return None
        for y in range(line, len(self._lines)):
            block, k = self._lines[y]
            if block >= 0 and self._blocks[block].kind != "meta":
                return self._block_lines[block][k][0]
        return None

    def visible_text(self) -> str:
        """The text currently drawn in the pane, one line per row (for tests and screen readers)."""
        return "\n".join(self.render_line(y).text.rstrip() for y in range(self.scrollable_content_region.height))

    # -- building ----------------------------------------------------------
    def _build_blocks(self) -> None:
        doc = self.document
        blocks: list[Block] = []
        paras = _paragraph_spans(doc)
        self._meta = meta_content(doc)
        title_span = doc.meta.title_span
        title_block_added = False
        for start, end in paras:
            if title_span and not title_block_added and start <= title_span[0] < end + 1:
                blocks.append(Block(title_span[0], title_span[1], "title"))
                title_block_added = True
                if self._meta is not None:
                    blocks.append(Block(title_span[1], title_span[1], "meta"))
                rest = (max(start, title_span[1]), end)
                if rest[1] > rest[0] and doc.text[rest[0]:rest[1]].strip():
                    blocks.append(Block(*self._trim(rest), "para"))
                continue
            blocks.append(Block(start, end, "para"))
        if not title_block_added and self._meta is not None:
            blocks.insert(0, Block(0, 0, "meta"))
        self._blocks = blocks
        self._block_starts = [b.start for b in blocks]
        self._block_ends = [b.end for b in blocks]
        self._shown_text = display_safe(doc.text)
        self._one_cell = one_cell_each(self._shown_text)

    def _trim(self, span: Span) -> Span:
        start, end = span
        text = self.document.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def _build_document_layers(self) -> None:
        """Entities and quotes: once per version of the document."""
        doc = self.document
        quotes: list[tuple[int, int, str | None]] = []
        for q in doc.quotes:
            for s, e in q.spans or ((q.start, q.end),):
                quotes.append((s, e, q.speaker))
        self._quote_layer = _Layer(quotes) if quotes else _EMPTY
        other = FAMILY_STYLE["other"]
        entities = [(e.start, e.end, FAMILY_STYLE.get(e.family, other)) for e in doc.entities]
        self._entity_layer = _Layer(entities) if entities else _EMPTY

    def _build_actor_layer(self) -> None:
        """The selected actor's mentions: once per selection."""
        selected = self._selected_actor
        if selected is None:
            self._actor_layer = _EMPTY
            return
        doc = self.document
        spans = [(m.start, m.end, SELECTED_MENTION_STYLE) for m in doc.mentions if m.actor == selected]
        actor = doc.actor(selected)
        if actor is not None:
            spans += [(s, e, SELECTED_MENTION_STYLE) for s, e in actor.mentions]
        self._actor_layer = _Layer(spans) if spans else _EMPTY

    def _line_spans(self, start: int, end: int) -> list[StyleSpan]:
        """The styles of text[start:end] (one line of one block), relative to ``start``, in drawing order."""
        out: list[StyleSpan] = []
        selected = self._selected_actor
        tints = self._tints
        for s, e, speaker in self._quote_layer.touching(start, end):
            if selected is not None and speaker == selected:
                style = SELECTED_QUOTE_STYLE
            else:
                style = quote_style(tints.get(speaker) if speaker else None)
            out.append(StyleSpan(max(s, start) - start, min(e, end) - start, style))
        for layer in (self._entity_layer, self._actor_layer, self._match_layer):
            for s, e, style in layer.touching(start, end):
                out.append(StyleSpan(max(s, start) - start, min(e, end) - start, style))
        current = self._current
        if current is not None and current[0] < end and current[1] > start:
            out.append(StyleSpan(max(current[0], start) - start, min(current[1], end) - start, CURRENT_STYLE))
        return out

    def _line_content(self, block_index: int, k: int) -> Content:
        block = self._blocks[block_index]
        start, end = self._block_lines[block_index][k]
        if block.kind == "meta":
            meta = self._meta or Content("")
            return meta[start:end].rstrip()
        text = self._shown_text[start:end].rstrip()
        end = start + len(text)
        if not text:
            return Content("")
        spans = [StyleSpan(0, len(text), TITLE_STYLE)] if block.kind == "title" else []
        spans += self._line_spans(start, end)
        return Content(text, spans)

    # -- layout ------------------------------------------------------------
    def _invalidate_layout(self) -> None:
        self._layout_width = -1
        self._strips.clear()
        self._update_layout()
        self.refresh()

    def _update_layout(self) -> bool:
        """Wrap every block to the current width; False if the pane has no size yet."""
        width = self.scrollable_content_region.width
        if width <= 0:
            return False
        if width == self._layout_width:
            return True
        # keep the text at the top of the pane in view across a re-wrap (and
        # across several re-wraps before the scroll is restored)
        if self._anchor is None and self._lines and self.scroll_offset.y:
            self._anchor = self.offset_at_line(self.scroll_offset.y)
        self._layout_width = width
        self._strips.clear()
        self._block_lines = []
        self._block_first_line = []
        self._lines = []
        self._wrap_blocks(len(self._blocks))
        if self._pending_jump is not None:
            offset, self._pending_jump = self._pending_jump, None
            self.call_after_refresh(self.scroll_to_offset, offset)
        elif self._anchor is not None:
            self.call_after_refresh(self._restore_anchor)
        return True

    def _wrap_blocks(self, stop: int, deadline: float | None = None) -> None:
        """Wrap the blocks not wrapped yet, up to block ``stop`` (or until ``deadline``)."""
        width = self._layout_width
        text = self._shown_text
        one_cell = self._one_cell
        blocks = self._blocks
        block_lines = self._block_lines
        first_line = self._block_first_line
        lines = self._lines
        j = len(block_lines)
        while j < stop:
            block = blocks[j]
            if block.kind == "meta":
                meta = self._meta.plain if self._meta else ""
                wrapped = wrap_offsets(meta, 0, len(meta), width)
            else:
                wrapped = wrap_offsets(text, block.start, block.end, width, ascii_only=one_cell or None)
            # a gap line between paragraphs, none between the title and its meta line
            if j and not (block.kind == "meta" and blocks[j - 1].kind == "title"):
                lines.append((-1, 0))
            first_line.append(len(lines))
            block_lines.append(wrapped)
            lines.extend(zip(repeat(j), range(len(wrapped))))
            j += 1
            if deadline is not None and not j % 64 and time.perf_counter() > deadline:
                break
        self.virtual_size = Size(width, len(lines))
        if j >= len(blocks) and self._grow_timer is not None:
            self._grow_timer.stop()
            self._grow_timer = None

    @property
    def layout_complete(self) -> bool:
        """Every block is wrapped (False for a moment after the text grew)."""
        return self._layout_width > 0 and len(self._block_lines) == len(self._blocks)

    def _grow(self) -> bool:
        """The text carries on the old one: keep its lines, wrap the new blocks in slices.

        False when there is no layout to keep (the caller lays out from scratch).
        """
        kept = len(self._block_lines)
        old_blocks = self._blocks[:kept]
        self._build_blocks()
        if self._layout_width <= 0 or self._blocks[:kept] != old_blocks:
            return False
        self._strips.clear()
        self._wrap_blocks(len(self._blocks), time.perf_counter() + self.GROW_SLICE)
        if not self.layout_complete and self._grow_timer is None:
            self._grow_timer = self.set_interval(0.005, self._grow_slice, name="wrap the new paragraphs")
        self.refresh()
        return True

    def _grow_slice(self) -> None:
        self._wrap_blocks(len(self._blocks), time.perf_counter() + self.GROW_SLICE)

    def _restore_anchor(self) -> None:
        anchor, self._anchor = self._anchor, None
        if anchor is not None:
            self.scroll_to_offset(anchor, margin=0)

    # -- rendering ---------------------------------------------------------
    def on_mount(self) -> None:
        self._tints = quote_tints(self.document)
        self.app.theme_changed_signal.subscribe(self, self._retheme)

    def _retheme(self, _theme: object) -> None:
        self._strips.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._update_layout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def _render_pane_line(self, line_no: int) -> Strip:
        cached = self._strips.get(line_no)
        if cached is not None:
            return cached
        block, k = self._lines[line_no]
        width = self._layout_width
        style = self.visual_style
        rich_style = style.rich_style
        piece = self._line_content(block, k)
        rendered = Visual.to_strips(self, piece, width, 1, style) if piece.plain else []
        strip = (rendered[0] if rendered else Strip.blank(0, rich_style)).crop_extend(0, width, rich_style)
        self._strips[line_no] = strip
        if len(self._strips) > self.CACHE_LINES:
            self._strips.popitem(last=False)
        return strip

    def render_line(self, y: int) -> Strip:
        self._update_layout()
        width = self.scrollable_content_region.width
        rich_style = self.visual_style.rich_style
        line_no = self.scroll_offset.y + y
        if not (0 <= line_no < len(self._lines)) or self._lines[line_no][0] < 0:
            return Strip.blank(width, rich_style)
        return self._render_pane_line(line_no).crop_extend(0, width, rich_style)

    # -- actions -----------------------------------------------------------
    def action_line_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def action_line_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)

    def action_page_down(self) -> None:
        self.scroll_relative(y=max(1, self.scrollable_content_region.height - 1), animate=False)

    def action_page_up(self) -> None:
        self.scroll_relative(y=-max(1, self.scrollable_content_region.height - 1), animate=False)

    def action_half_page(self, direction: int) -> None:
        self.scroll_relative(y=direction * max(1, self.scrollable_content_region.height // 2), animate=False)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        if not self.layout_complete and self._layout_width > 0:
            self._wrap_blocks(len(self._blocks))  # the end of a text that just grew
        self.scroll_to(y=self.max_scroll_y, animate=False)

    @property
    def top_offset(self) -> int:
        """Text offset of the first article line on screen (0 when none)."""
        return self.offset_at_line(self.scroll_offset.y) or 0
