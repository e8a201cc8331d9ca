"""From a decoded article to a ``Cleaned`` one: the whole of it, or a long one's head first.

``clean_article`` sanitises the text (keeping a map to the source), cleans
it (``plain``; an HTML page is first reduced to its text by ``html``) and
puts the result together: the kept paragraphs one blank line apart, what
was removed and why, the offset map and the metadata.  ``clean_head`` does
the same for the first part of a long plain-text article, so the app can
show it before the rest is cleaned.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Meta, Paragraph, Removed
from ..safe_text import Segment, describe_controls, sanitize
from .length import HEAD_CHARS, is_long, looks_html  # noqa: F401 (is_long: this module's name before length.py)
from .offsets import compose, offset_runs, sanitize_map, seg_end, seg_start
from .plain import Cleaner, Line, split_blocks


@dataclass(frozen=True)
class Cleaned:
    """A cleaned article; ``removed`` offsets index the source, all others ``text``."""

    text: str
    meta: Meta
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removed, ...]
    offset_map: tuple[tuple[int, int, int], ...]


def clean_article(source: str) -> Cleaned:
    """Sanitise and clean a decoded article (see ``newsview.clean``).

    An HTML page is first reduced to its article by ``web.extract_page``; its text is
    then cleaned as plain text is, and ``removed`` also lists, block by
    block, the page text that was left out.
    """
    hints: dict[str, str] = {}
    left_out: list[Removed] = []
    if looks_html(source):
        # only pages need trafilatura and the HTML parser
        from .web import decode_control_refs, extract_page

        # the page is made safe first: an escape sequence in it (even one written
        # as character references) is never read as text
        decoded, decoded_segs = decode_control_refs(source)
        html, html_segs, deleted = sanitize_map(decoded)
        html_segs = compose(html_segs, decoded_segs)
        decoded_starts = [seg[0] for seg in decoded_segs]
        controls = [
            (seg_start(decoded_segs, decoded_starts, a), seg_end(decoded_segs, decoded_starts, b),
             describe_controls(decoded[a:b]))
            for a, b in deleted
        ]
        page = extract_page(html)
        html_starts = [seg[0] for seg in html_segs]
        left_out = [
            Removed(seg_start(html_segs, html_starts, a), seg_end(html_segs, html_starts, b), text, reason)
            for a, b, text, reason in page.removed
        ]
        hints = page.meta
        page_segs = compose(page.segments, html_segs)
        # and the text once more: an entity (&#27;) can decode to a control character
        s, segs, deleted = sanitize_map(page.text)
        page_starts = [seg[0] for seg in page_segs]
        controls += [
            (seg_start(page_segs, page_starts, a), seg_end(page_segs, page_starts, b), describe_controls(page.text[a:b]))
            for a, b in deleted
        ]
        segs = compose(segs, page_segs)
    else:
        s, segs, deleted = sanitize_map(source)
        controls = [(a, b, describe_controls(source[a:b])) for a, b in deleted]
    cleaner = Cleaner(s)
    return _assemble(s, segs, controls, cleaner, cleaner.run(), hints, left_out)


def clean_head(source: str, chars: int = HEAD_CHARS) -> Cleaned | None:
    """The first paragraphs of a long plain-text article, cleaned exactly as
    ``clean_article(source)`` cleans them, from its first ``chars`` characters
    or so (up to the next blank line) and its last ``chars / 2``.

    Every decision of the whole clean that could depend on text after the
    first part is made the same way here: the head (title, byline, date,
    dateline) lies in the part; the closing boilerplate (whose credit line can
    give the byline and whose lines can name the site) is found by cleaning
    the end of the article as the whole clean does; the middle is cleaned
    line by line.  So, against ``clean_article(source)``: ``text`` is a prefix,
    ``paragraphs`` and ``offset_map`` are its first items, ``removed`` holds
    those that lie in the part, and ``meta`` is equal.

    Returns None when that cannot be made sure, and the whole clean is needed:
    a short article, an HTML page, no blank line to cut at, a head longer than
    the part, an end that is all boilerplate, or a title that a removed line
    in the unread middle might name as the site.
    """
    if not is_long(source, chars):
        return None
    # cut before a blank line: the part's lines and blocks are the whole's
    cut = source.find("\n\n", chars)
    if cut < 0 or cut > len(source) // 2:
        return None
    end_at = source.rfind("\n\n", cut + 2, len(source) - chars // 2)
    if end_at < 0:
        return None
    part = source[:cut]
    s, segs, deleted = sanitize_map(part)
    controls = [(a, b, describe_controls(part[a:b])) for a, b in deleted]
    blocks = split_blocks(s)
    kept: list[list[Line] | None] = [None] * len(blocks)
    cleaner = Cleaner(s)
    body, candidates = cleaner.head_pass(blocks, kept)
    if body >= len(blocks) - 1:  # the head pass would have read a block beyond the part
        return None
    cleaner.find_dateline(kept, body)

    # the end, from a blank line (so from a block boundary) on: sanitising and
    # blocks work line by line, so these are the whole clean's last blocks
    end = Cleaner(sanitize_map(source[end_at + 1 :])[0])
    end.byline = cleaner.byline
    end_blocks = split_blocks(end.s)
    tail = end.tail_pass(end_blocks, [None] * len(end_blocks), -1)
    if tail >= len(end_blocks) or not end_blocks[tail]:  # all boilerplate: the tail reaches further back
        return None
    cleaner.byline = end.byline

    cleaner.middle_pass(blocks, kept, body + 1, len(blocks))
    chosen = cleaner.settle_title(kept, candidates, end.named())
    if 0 <= chosen < len(candidates) - 1 and len((cleaner.title or "").split()) <= 4:
        # a short title followed by more short lines: a removed line in the
        # middle not read here could name it as the site
        return None
    return _assemble(s, segs, controls, cleaner, [b for b in kept if b], {}, [])


def _assemble(
    s: str,
    segs: list[Segment],
    controls: list[tuple[int, int, str]],
    cleaner: Cleaner,
    paragraphs_s: list[list[Line]],
    hints: dict[str, str],
    left_out: list[Removed],
) -> Cleaned:
    """The cleaned text, its paragraphs, removals, offset map and meta."""
    # the cleaned text: kept paragraphs, one blank line apart
    pieces: list[str] = []
    outer: list[Segment] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for block in paragraphs_s:
        if pieces:
            pieces.append("\n\n")
            pos += 2
        a, b = block[0].start, block[-1].end
        pieces.append(s[a:b])
        outer.append((pos, b - a, a, b - a, True))
        paragraphs.append(Paragraph(pos, pos + b - a))
        pos += b - a
    text = "".join(pieces)

    offset_map = offset_runs(outer, segs, len(s))

    starts = [seg[0] for seg in segs]
    removed = [Removed(a, b, what, "control") for a, b, what in controls] + left_out
    for a, b, reason in cleaner.removed:
        src_a, src_b = seg_start(segs, starts, a), seg_end(segs, starts, b)
        removed.append(Removed(src_a, src_b, s[a:b], reason))
    removed.sort(key=lambda r: (r.start, r.end))

    title_span = None
    title = cleaner.title
    if hints.get("title") and paragraphs and text[: paragraphs[0].end] == sanitize(hints["title"]):
        title = text[: paragraphs[0].end]  # a page names its title: no need to guess it from the text
    if title is not None and paragraphs and text[: paragraphs[0].end] == title:
        title_span = (0, paragraphs[0].end)
    def hint(key: str) -> str | None:
        return sanitize(hints[key]) if hints.get(key) else None

    # what a page says of itself (its metadata) comes before what its text suggests
    meta = Meta(
        title=title if title_span else None,
        byline=hint("byline") or cleaner.byline,
        date=hint("date") or cleaner.date,
        dateline=cleaner.dateline,
        publisher=hint("publisher") or cleaner.publisher,
        url=hint("url"),
        title_span=title_span,
    )
    return Cleaned(text, meta, tuple(paragraphs), tuple(removed), tuple(offset_map))
