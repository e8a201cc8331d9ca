"""Line wrapping by offsets: where each screen line of a paragraph starts and ends.

The reading pane keeps offsets into the article text rather than copies of
lines, so highlights and searches map onto wrapped lines by bisection.  Text
whose every character takes one cell is wrapped by a regex (fast); anything
else cell by cell with Rich's cell widths.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len, get_character_cell_size

_WORD = re.compile(r"\S+\s*|\s+")


def _fold(text: str, start: int, end: int, width: int) -> list[int]:
    """Cut points that fold text[start:end] (one long word) into pieces of at most ``width`` cells.

    Characters are measured one by one, except where Rich measures a sequence
    differently from its characters: after a zero-width character (a variation
    selector makes ❤ two cells, ❤️; a joiner joins two emoji into one), the
    piece so far is measured whole, as it will be drawn.
    """
    cuts: list[int] = []
    piece, col = start, 0
    for i in range(start, end):
        w = get_character_cell_size(text[i])
        if w == 0:
            w = cell_len(text[piece:i + 1]) - col
        if col + w > width and col > 0:
            cuts.append(i)
            piece, col = i, cell_len(text[i])
        else:
            col += w
    return cuts


def _hard_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each newline-separated line of text[start:end]."""
    pos = start
    while True:
        nl = text.find("\n", pos, end)
        if nl == -1:
            yield pos, end
            return
        yield pos, nl
        pos = nl + 1


def wrap_offsets(text: str, start: int, end: int, width: int, *, ascii_only: bool | None = None) -> list[tuple[int, int]]:
    """Wrap text[start:end] at word boundaries into lines of at most ``width`` cells.

    Returns (line_start, line_end) offsets into ``text``; trailing spaces stay
    on the line they follow (and are cut off when drawn).  Newlines force a break.
    ``ascii_only`` (computed when None): every character takes one cell (see
    ``one_cell_each``), which takes a much faster path to the same lines.
    """
    width = max(1, width)
    if ascii_only is None:
        ascii_only = one_cell_each(text[start:end])
    wrap_line = _wrap_ascii_line if ascii_only else _wrap_line
    lines: list[tuple[int, int]] = []
    for pos, hard_end in _hard_lines(text, start, end):
        if hard_end == pos:
            lines.append((pos, pos))
        else:
            wrap_line(text, pos, hard_end, width, lines)
    return lines


def _wrap_line(text: str, pos: int, hard_end: int, width: int, lines: list[tuple[int, int]]) -> None:
    """Wrap one line without newlines, measuring cells (any script)."""
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


#: characters other than these (and newlines) may be wide, zero-width or combining
_NOT_ONE_CELL = re.compile(
    "[^\n\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u052f\u2000-\u200a\u2010-\u2027\u202f-\u205f\u20a0-\u20bf]"
)


def one_cell_each(text: str) -> bool:
    """True when every character of ``text`` takes one cell: printable ASCII, Latin, Greek,
    Cyrillic, typographic quotes and dashes (and newlines)."""
    return _NOT_ONE_CELL.search(text) is None


_LINE_PATTERNS: dict[int, re.Pattern] = {}
_SPACE_RUN = re.compile(r"[^\S\n]+")


def _line_pattern(width: int) -> re.Pattern:
    """One wrapped line of ASCII text: as many words as end within ``width``, and the spaces after them."""
    pattern = _LINE_PATTERNS.get(width)
    if pattern is None:
        pattern = re.compile(r"[^\n]{0,%d}\S(?=\s|$)[^\S\n]*" % (width - 1))  # noqa: UP031 (braces are regex syntax)
        _LINE_PATTERNS[width] = pattern
    return pattern


def _wrap_ascii_line(text: str, pos: int, hard_end: int, width: int, lines: list[tuple[int, int]]) -> None:
    """``_wrap_line`` for text whose every character takes one cell: the same lines, found by a regex."""
    line = _line_pattern(width)
    while pos < hard_end:
        m = line.match(text, pos, hard_end)
        if m is not None:
            cut = m.end()
        elif text[pos].isspace():  # spaces, then a word too long to follow them
            cut = _SPACE_RUN.match(text, pos, hard_end).end()  # type: ignore[union-attr]  # text[pos] is a space: it matches
        else:  # a word longer than the line: fold it
            cut = pos + width
        lines.append((pos, cut))
        pos = cut
