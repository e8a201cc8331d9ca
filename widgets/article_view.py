"""The reading pane: the cleaned article with entities, quotes and matches highlighted.

A ScrollView that draws only what is on screen (like Textual's OptionList): the
text is cut into blocks (title, meta line, paragraphs), each block is wrapped to
the pane's width once, and each block's rendered strips are cached until the
width, the highlights or the theme change.  Every piece of article text enters
as ``Content`` built from plain strings, never as markup.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size
from textual.binding import Binding
from textual.content import Content, Span as StyleSpan
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from newsview.filtering import FilterResult, quote_tints
from newsview.model import ParsedDocument, Span

#: Text style of each entity family.  Colour comes from the theme; the text
#: style alone already tells the families apart (for monochrome and NO_COLOR).
FAMILY_STYLE = {
    "person": "bold $nv-person",
    "org": "bold underline $nv-org",
    "place": "underline $nv-place",
    "date": "italic $nv-date",
    "other": "italic underline $nv-other",
}
FAMILY_LABEL = {
    "person": "person",
    "org": "organisation",
    "place": "place",
    "date": "date/time",
    "other": "other",
}
SELECTED_MENTION_STYLE = "bold reverse"
SELECTED_QUOTE_STYLE = "$nv-quote-text on $nv-selected"
MATCH_STYLE = "$nv-match-text on $nv-match"
CURRENT_STYLE = "bold underline $nv-match-text on $nv-match-current"
TITLE_STYLE = "bold"
META_STYLE = "italic"

_WORD = re.compile(r"\S+\s*|\s+")

#: Bidirectional controls can make a terminal reorder what it shows (the
#: "Trojan Source" trick).  They are drawn as U+FFFD, one character for one, so
#: every offset still lines up with the text.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_DISPLAY_SAFE = str.maketrans({c: "\ufffd" for c in BIDI_CONTROLS})


def display_safe(text: str) -> str:
    """``text`` with bidirectional controls made visible and harmless (same length)."""
    return text.translate(_DISPLAY_SAFE)


def quote_style(tint: int | None) -> str:
    """The tint of a quote whose speaker has tint number ``tint`` (None: unattributed)."""
    bg = "$nv-quote-none" if tint is None else f"$nv-quote-{tint}"
    return f"$nv-quote-text on {bg}"


def _fold(text: str, start: int, end: int, width: int) -> list[int]:
    """Cut points that fold text[start:end] (one long word) into pieces of at most ``width`` cells."""
    cuts: list[int] = []
    col = 0
    for i in range(start, end):
        w = get_character_cell_size(text[i])
        if col + w > width and col > 0:
            cuts.append(i)
            col = 0
        col += w
    return cuts


def wrap_offsets(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Wrap text[start:end] at word boundaries into lines of at most ``width`` cells.

    Returns (line_start, line_end) offsets into ``text``; trailing spaces stay
    on the line they follow (and are cut off when drawn).  Newlines force a break.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        hard_end = end if nl == -1 else nl
        if hard_end == pos:
            lines.append((pos, pos))
        else:
            line_start, col = pos, 0
            for m in _WORD.finditer(text, pos, hard_end):
                token = m.group()
                word_w = cell_len(token.rstrip())
                if col + word_w <= width:
                    col += cell_len(token)
                    continue
                if col > 0:
                    lines.append((line_start, m.start()))
                    line_start, col = m.start(), 0
                if word_w > width:
                    word_end = m.start() + len(token.rstrip())
                    for cut in _fold(text, m.start(), word_end, width):
                        lines.append((line_start, cut))
                        line_start = cut
                    col = cell_len(text[line_start:m.end()])
                else:
                    col = cell_len(token)
            lines.append((line_start, hard_end))
        if nl == -1:
            break
        pos = nl + 1
    return lines


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


class ArticleView(ScrollView, can_focus=True):
    """The article text, virtualised, with highlight layers."""

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

    CACHE_BLOCKS = 256

    def __init__(self, document: ParsedDocument, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self._selected_actor: str | None = None
        self._filter: FilterResult | None = None
        self._current: Span | None = None
        self._tints: dict[str, int] = {}
        self._blocks: list[Block] = []
        self._block_ends: list[int] = []
        self._meta: Content | None = None
        self._styles_by_block: dict[int, list[tuple[int, int, str]]] = {}
        self._layout_width = -1
        self._block_lines: list[list[tuple[int, int]]] = []
        self._block_first_line: list[int] = []
        self._lines: list[tuple[int, int]] = []  # (block, line in block); block -1 = gap
        self._strips: OrderedDict[int, list[Strip]] = OrderedDict()
        self._pending_jump: int | None = None
        self._anchor: int | None = None
        self._build_blocks()
        self._build_styles()

    # -- public API --------------------------------------------------------
    def set_document(self, document: ParsedDocument) -> None:
        """Show another version of the document (e.g. once it is analysed)."""
        old = self.document
        same_layout = (
            (document.text is old.text or document.text == old.text)
            and (document.paragraphs is old.paragraphs or document.paragraphs == old.paragraphs)
            and document.meta == old.meta
        )
        self.document = document
        self._tints = quote_tints(document)
        if same_layout and self._blocks:
            # more of the analysis (entities so far, or all of it): same layout, new styles
            self._build_styles()
            self._strips.clear()
            self.refresh()
            return
        top_offset = self.offset_at_line(self.scroll_offset.y)
        self._build_blocks()
        self._build_styles()
        self._invalidate_layout()
        if top_offset is not None:
            self.scroll_to_offset(top_offset, margin=0)

    def restyle(self, document: ParsedDocument) -> None:
        """The same text with other speakers or actors (a review change): new tints, same layout.

        The styles are rebuilt by the next ``set_highlights``.
        """
        self.document = document
        self._tints = quote_tints(document)

    def set_highlights(
        self,
        *,
        selected_actor: str | None,
        filter_result: FilterResult | None,
        current: Span | None,
    ) -> None:
        """Change what is emphasised: selected actor, filter matches, current match."""
        self._selected_actor = selected_actor
        self._filter = filter_result
        self._current = current
        self._build_styles()
        self._strips.clear()
        self.refresh()

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
        candidates = [j for j in (i - 1, i) if 0 <= j < len(self._blocks)]
        for j in candidates:
            b = self._blocks[j]
            if b.kind != "meta" and b.start <= offset <= b.end:
                lines = self._block_lines[j]
                k = bisect_right([s for s, _ in lines], offset) - 1
                return self._block_first_line[j] + max(0, k)
        # between paragraphs: the next block that starts after the offset
        for j, b in enumerate(self._blocks):
            if b.kind != "meta" and b.start >= offset:
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
        self._block_ends = [b.end for b in blocks]

    def _trim(self, span: Span) -> Span:
        start, end = span
        text = self.document.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def _build_styles(self) -> None:
        """Collect every styled span and file it under the blocks it touches."""
        doc = self.document
        if not self._tints and doc.quotes:
            self._tints = quote_tints(doc)
        spans: list[tuple[int, int, str]] = []
        selected = self._selected_actor
        for q in doc.quotes:
            if selected is not None and q.speaker == selected:
                style = SELECTED_QUOTE_STYLE
            else:
                style = quote_style(self._tints.get(q.speaker) if q.speaker else None)
            for s, e in q.spans or ((q.start, q.end),):
                spans.append((s, e, style))
        for ent in doc.entities:
            spans.append((ent.start, ent.end, FAMILY_STYLE.get(ent.family, FAMILY_STYLE["other"])))
        if selected is not None:
            for m in doc.mentions:
                if m.actor == selected:
                    spans.append((m.start, m.end, SELECTED_MENTION_STYLE))
            actor = doc.actor(selected)
            if actor is not None:
                for s, e in actor.mentions:
                    spans.append((s, e, SELECTED_MENTION_STYLE))
        if self._filter is not None:
            for s, e in self._filter.spans:
                spans.append((s, e, MATCH_STYLE))
        if self._current is not None:
            spans.append((*self._current, CURRENT_STYLE))

        by_block: dict[int, list[tuple[int, int, str]]] = {}
        blocks = self._blocks
        starts = [b.start for b in blocks]
        for s, e, style in spans:
            if e <= s:
                continue
            j = max(0, bisect_right(starts, s) - 1)
            while j < len(blocks) and blocks[j].start < e:
                b = blocks[j]
                if b.kind != "meta" and b.end > s:
                    by_block.setdefault(j, []).append((max(s, b.start), min(e, b.end), style))
                j += 1
        self._styles_by_block = by_block

    def _block_content(self, index: int) -> Content:
        block = self._blocks[index]
        if block.kind == "meta":
            return self._meta or Content("")
        text = display_safe(self.document.text[block.start:block.end])
        spans = []
        if block.kind == "title":
            spans.append(StyleSpan(0, len(text), TITLE_STYLE))
        for s, e, style in self._styles_by_block.get(index, ()):
            spans.append(StyleSpan(s - block.start, e - block.start, style))
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
        text = self.document.text
        block_lines: list[list[tuple[int, int]]] = []
        first_line: list[int] = []
        lines: list[tuple[int, int]] = []
        for j, block in enumerate(self._blocks):
            if block.kind == "meta":
                meta = self._meta.plain if self._meta else ""
                wrapped = wrap_offsets(meta, 0, len(meta), width)
            else:
                wrapped = wrap_offsets(text, block.start, block.end, width)
            # a gap line between paragraphs, none between the title and its meta line
            if j and not (block.kind == "meta" and self._blocks[j - 1].kind == "title"):
                lines.append((-1, 0))
            first_line.append(len(lines))
            block_lines.append(wrapped)
            lines.extend((j, k) for k in range(len(wrapped)))
        self._block_lines = block_lines
        self._block_first_line = first_line
        self._lines = lines
        self.virtual_size = Size(width, len(lines))
        if self._pending_jump is not None:
            offset, self._pending_jump = self._pending_jump, None
            self.call_after_refresh(self.scroll_to_offset, offset)
        elif self._anchor is not None:
            self.call_after_refresh(self._restore_anchor)
        return True

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

    def _render_block(self, index: int) -> list[Strip]:
        cached = self._strips.get(index)
        if cached is not None:
            self._strips.move_to_end(index)
            return cached
        content = self._block_content(index)
        base = self._blocks[index].start if self._blocks[index].kind != "meta" else 0
        width = self._layout_width
        style = self.visual_style
        rich_style = style.rich_style
        strips: list[Strip] = []
        for s, e in self._block_lines[index]:
            piece = content[s - base:e - base].rstrip()
            rendered = Visual.to_strips(self, piece, width, 1, style) if piece.plain else []
            strip = rendered[0] if rendered else Strip.blank(0, rich_style)
            strips.append(strip.crop_extend(0, width, rich_style))
        self._strips[index] = strips
        if len(self._strips) > self.CACHE_BLOCKS:
            self._strips.popitem(last=False)
        return strips

    def render_line(self, y: int) -> Strip:
        self._update_layout()
        width = self.scrollable_content_region.width
        rich_style = self.visual_style.rich_style
        line_no = self.scroll_offset.y + y
        if not (0 <= line_no < len(self._lines)):
            return Strip.blank(width, rich_style)
        block, k = self._lines[line_no]
        if block < 0:
            return Strip.blank(width, rich_style)
        strips = self._render_block(block)
        if k >= len(strips):
            return Strip.blank(width, rich_style)
        return strips[k].crop_extend(0, width, rich_style)

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
        self.scroll_to(y=self.max_scroll_y, animate=False)

    @property
    def top_offset(self) -> int:
        """Text offset of the first article line on screen (0 when none)."""
        return self.offset_at_line(self.scroll_offset.y) or 0
