"""Finding quoted stretches of text from quotation marks alone (no spaCy).

Handles curly and straight double quotes, guillemets, German „low-high“
quotes, TeX-style ``…'' and doubled apostrophes ''…'', and single quotes used
as primary marks ('…' and ‘…’) while telling them apart from apostrophes
(don't, Trump's, Sanders' campaign, '90s).  Quotes never cross a paragraph
break, except that a quote whose paragraph ends without a closing mark
continues when the next paragraph opens with a quotation mark (the newspaper
convention for multi-paragraph quotations), and a paragraph whose only mark
closes it at its end goes on from a quotation that filled the paragraph before
(block quotations wrapped in one pair of marks).  A mark that is never closed is
dropped, so a stray mark cannot swallow the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

Span = tuple[int, int]

OPEN_DOUBLE = "\u201c\u201e\u00ab"  # “ „ «
CLOSE_DOUBLE = "\u201d\u00bb"  # ” »
OPEN_SINGLE = "\u2018\u2039"  # ‘ ‹
CLOSE_SINGLE = "\u2019\u203a"  # ’ ›
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
#: every character that can be (part of) a quotation mark
ALL_MARKS = OPEN_DOUBLE + CLOSE_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE + "`"
#: characters that may stand between a closing mark and the end of a word
_AFTER_CLOSE = " \t\n.,;:!?)]}\u2014\u2013-\u2026" + CLOSE_DOUBLE + CLOSE_SINGLE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE
_BEFORE_OPEN = " \t\n([{\u2014\u2013-/" + OPEN_DOUBLE + OPEN_SINGLE + STRAIGHT_DOUBLE + STRAIGHT_SINGLE
#: words that begin with an apostrophe ('em, 'til, '90s ...)
_APOSTROPHE_WORD = re.compile(r"(?:em|til|tis|twas|cause|n|bout|round|\d0s|\d\d)\b", re.I)


@dataclass(frozen=True)
class Mark:
    pos: int  # offset of the mark's first character
    size: int  # 1, or 2 for `` and ''
    level: str  # "double" or "single"
    role: str  # "open", "close" or "either"


@dataclass(frozen=True)
class QuotedPiece:
    """Text between one opening and one closing mark (content only)."""

    start: int
    end: int
    open_pos: int  # offset of the opening mark
    close_end: int  # offset just after the closing mark (== end when unclosed)
    closed: bool
    level: str
    #: True when the piece is part of a multi-paragraph quotation that goes on
    #: in the next paragraph
    continues: bool = False


def _classify(text: str, i: int) -> Mark | None:
    ch = text[i]
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if ch in OPEN_DOUBLE:
        # „ and « open; “ opens in English text
        return Mark(i, 1, "double", "open")
    if ch in CLOSE_DOUBLE:
        return Mark(i, 1, "double", "close")
    if ch == "`" and nxt == "`":
        return Mark(i, 2, "double", "open")
    if ch == STRAIGHT_DOUBLE:
        return Mark(i, 1, "double", _side(prev, nxt))
    if ch in (STRAIGHT_SINGLE, "\u2019", "\u2018"):
        if nxt == ch and ch == STRAIGHT_SINGLE:
            # '' used as a double quotation mark
            nn = text[i + 2] if i + 2 < len(text) else "\n"
            return Mark(i, 2, "double", _side(prev, nn))
        if prev.isalnum() and nxt.isalnum():
            return None  # don't, Trump's
        if ch == "\u2018":
            return Mark(i, 1, "single", "open")
        side = _side(prev, nxt)
        if side == "open" and _APOSTROPHE_WORD.match(text, i + 1):
            return None
        if side == "either":
            return None
        return Mark(i, 1, "single", side)
    if ch in CLOSE_SINGLE:
        return Mark(i, 1, "single", "close")
    if ch in OPEN_SINGLE:
        return Mark(i, 1, "single", "open")
    return None


def _side(prev: str, nxt: str) -> str:
    before_ok = prev in _BEFORE_OPEN or prev.isspace()
    after_ok = nxt in _AFTER_CLOSE or nxt.isspace()
    if before_ok and not after_ok:
        return "open"
    if after_ok and not before_ok:
        return "close"
    return "either"


def scan_marks(text: str, start: int = 0, end: int | None = None) -> list[Mark]:
    """All quotation marks in ``text[start:end]``, apostrophes excluded."""
    end = len(text) if end is None else end
    out: list[Mark] = []
    i = start
    while i < end:
        if text[i] in ALL_MARKS:
            m = _classify(text, i)
            if m is not None:
                out.append(m)
                i += m.size
                continue
        i += 1
    return out


def paragraph_bounds(text: str) -> list[Span]:
    """Non-empty lines of ``text`` (each newline ends a paragraph)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _pair(text: str, marks: list[Mark], level: str) -> tuple[list[tuple[Mark, Mark]], Mark | None]:
    """Pair marks of one level within one paragraph; return pairs and an unclosed opener."""
    pairs = []
    opener: Mark | None = None
    for m in marks:
        if m.level != level:
            continue
        if opener is None:
            if m.role in ("open", "either"):
                opener = m
            continue
        if m.role in ("close", "either") or (text[opener.pos] == "\u201e" and text[m.pos] == "\u201c"):
            pairs.append((opener, m))
            opener = None
        elif m.role == "open":
            # a second opener: the first one was never closed
            opener = m
    return pairs, opener


def find_quoted(text: str) -> list[QuotedPiece]:
    """Quoted pieces of ``text`` in order (outermost level only)."""
    pieces: list[QuotedPiece] = []
    paras = paragraph_bounds(text)
    carry = False  # previous paragraph ended inside a multi-paragraph quote
    for k, (pa, pb) in enumerate(paras):
        marks = scan_marks(text, pa, pb)
        doubles = [m for m in marks if m.level == "double"]
        if not carry and k > 0 and len(doubles) == 1 and not text[doubles[0].pos + doubles[0].size : pb].strip() \
                and pieces and _fills(text, pieces[-1], paras[k - 1]):
            # a block quotation whose marks wrap several paragraphs: the first opens, the
            # last (unmarked at its start) ends with the closing mark
            m = doubles[0]
            content = _trim(text, pa, m.pos)
            if content[1] - content[0] > 20:
                pieces[-1] = replace(pieces[-1], continues=True)
                pieces.append(QuotedPiece(content[0], content[1], content[0], m.pos + m.size, True, "double"))
                continue
        if carry and not (doubles and doubles[0].pos <= _first_nonspace(text, pa)):
            carry = False
        if carry:
            # the repeated opening mark starts the paragraph; the quote goes on
            first = doubles[0]
            rest = doubles[1:]
            closer = next((m for m in rest if m.role in ("close", "either")), None)
            if closer is None:
                nxt_opens = _next_para_opens(text, paras, k)
                content = _trim(text, first.pos + first.size, pb)
                if content[1] > content[0]:
                    pieces.append(QuotedPiece(content[0], content[1], first.pos, pb, False, "double", nxt_opens))
                carry = nxt_opens
                continue
            pieces.append(QuotedPiece(first.pos + first.size, closer.pos, first.pos, closer.pos + closer.size, True, "double"))
            marks = [m for m in marks if m.pos > closer.pos]
            carry = False
        pairs, opener = _pair(text, marks, "double")
        doubles = [m for m in marks if m.level == "double"]
        if len(doubles) >= 3 and doubles[0].role == "open" and doubles[0].pos <= _first_nonspace(text, pa) \
                and doubles[-1].role in ("close", "either") and not text[doubles[-1].pos + doubles[-1].size : pb].strip() \
                and all(a is not doubles[0] for a, _b in pairs) and (opener is None or opener is not doubles[0]):
            # '"Unfortunately ... an unspecified "grave crime."': a quotation that fills
            # its paragraph, with a nested quote in the same marks that shares its close
            pairs, opener = [(doubles[0], doubles[-1])], None
        spans_taken = [(a.pos, b.pos + b.size) for a, b in pairs]
        for a, b in pairs:
            if b.pos > a.pos + a.size:
                pieces.append(QuotedPiece(a.pos + a.size, b.pos, a.pos, b.pos + b.size, True, "double"))
        if opener is not None and not _next_para_opens(text, paras, k) and opener.pos <= _first_nonspace(text, pa) \
                and len([m for m in marks if m.level == "double"]) == 1:
            # a block quotation that opens its paragraph and never closes
            # ('Kirk says:' / '"The North Koreans also ...'): it ends with the paragraph
            content = _trim(text, opener.pos + opener.size, pb)
            if content[1] - content[0] > 20:
                pieces.append(QuotedPiece(content[0], content[1], opener.pos, pb, False, "double"))
                spans_taken.append((opener.pos, pb))
        if opener is not None and _next_para_opens(text, paras, k):
            content = _trim(text, opener.pos + opener.size, pb)
            if content[1] > content[0]:
                pieces.append(QuotedPiece(content[0], content[1], opener.pos, pb, False, "double", True))
                spans_taken.append((opener.pos, pb))
            carry = True
        # single quotes as primary marks, outside any double-quoted stretch
        singles = [m for m in marks if m.level == "single" and not _inside(m.pos, spans_taken)]
        spairs, _ = _pair(text, singles, "single")
        for a, b in spairs:
            if b.pos > a.pos + a.size and "\n" not in text[a.pos : b.pos]:
                pieces.append(QuotedPiece(a.pos + a.size, b.pos, a.pos, b.pos + b.size, True, "single"))
    pieces.sort(key=lambda p: p.start)
    return pieces


def _fills(text: str, piece: QuotedPiece, para: Span) -> bool:
    """The piece opens its paragraph and runs to its end."""
    return piece.open_pos <= _first_nonspace(text, para[0]) and piece.open_pos >= para[0] \
        and not text[piece.close_end : para[1]].strip()


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _first_nonspace(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\u00a0":
        pos += 1
    return pos


def _next_para_opens(text: str, paras: list[Span], k: int) -> bool:
    if k + 1 >= len(paras):
        return False
    a = _first_nonspace(text, paras[k + 1][0])
    if a >= len(text):
        return False
    ch = text[a]
    return ch in OPEN_DOUBLE or ch == STRAIGHT_DOUBLE or text.startswith("``", a) or text.startswith("''", a)


def _trim(text: str, a: int, b: int) -> Span:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
