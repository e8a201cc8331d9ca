"""Cleaning an article: sanitise, strip boilerplate, pull out metadata, keep offsets.

``sanitize`` makes any untrusted string safe to show in a terminal.
``clean_article`` turns a decoded article into the body text the app shows
and spaCy parses, with:

* ``meta``: title (kept in the text as the first paragraph, ``title_span``),
  byline, publisher, date (ISO when parseable) and dateline (the place);
* ``paragraphs``: spans into the cleaned text, which separates paragraphs
  with exactly one blank line;
* ``removed``: every piece of the source that was taken out, with a reason
  (``control``, ``navigation``, ``publisher``, ``byline``, ``date``,
  ``section``, ``share``, ``advertisement``, ``separator``, ``credit``,
  ``copyright``, ``footer``, ``comments``), its source offsets and its
  (sanitised) text;
* ``offset_map``: runs ``(clean_start, source_start, length)``; every
  character of the cleaned text that is a character of the source lies in a
  run (``source[source_start + k] == text[clean_start + k]``).  Characters
  that were rewritten (tabs expanded, NFC compositions) are not in a run;
  a zero-length run anchors them at the source position they came from.
  The paragraph separators are not in runs either.  ``source_offset`` reads
  the map.

  ``ParsedDocument.to_source`` reads the same runs, but it treats a run's
  end as inclusive, so for a character that starts a run right after a
  deletion inside a paragraph (an escape sequence) it answers with the end
  of the previous run; ``source_offset`` does not.

Boilerplate is matched on whole, short lines; the head (before the first
body paragraph) and the tail are cleaned more eagerly than the middle, where
only a few unmistakable lines ("Advertisement", "* * *") are removed.  The
"By ..." line goes to ``meta.byline`` (the people) and ``meta.publisher``
(the outlet); for an ArcaMax-style "Nick Wadhams, Bloomberg News on" the
publisher is the news outlet ("Bloomberg News"), not the syndication site.

HTML input (a page starting with ``<!DOCTYPE html`` or ``<html``) is reduced
to its main text first (see ``_extract_html``): the block holding the most
paragraph text, without scripts, styles, navigation, headers, footers,
asides, forms, comments and share/related widgets.  Offsets still map every
kept character into the HTML; entities and collapsed whitespace are anchored
where they stand.  ``removed`` then lists what the text cleaning removed, not
the page markup and chrome.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date as _date

from .model import Meta, Paragraph, Removed, map_offset

__all__ = ["Cleaned", "clean_article", "clean_head", "sanitize", "source_offset"]

TAB_SIZE = 4


class _Lazy:
    """A regular expression compiled on its first use, not when the module is imported.

    Importing this module is on the way to the app's first frame, and most
    articles never need the HTML patterns, many not the byline ones.  The
    first use also rebinds the module-level name to the compiled pattern, so
    code that looks the name up (the loops over every line) calls the pattern
    directly from then on; only the rule tables, which hold this object, go
    through ``__getattr__`` (for a few head and tail lines per article).
    """

    __slots__ = ("_name", "_args", "_compiled")

    def __init__(self, name: str, pattern: str, flags: int = 0) -> None:
        self._name = name
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        pattern = self._compiled
        if pattern is None:
            pattern = self._compiled = re.compile(*self._args)
            globals()[self._name] = pattern
        return pattern

    def __getattr__(self, attr: str):
        return getattr(self.compiled(), attr)


# -- sanitising -----------------------------------------------------------------

#: terminal escape sequences, then single control characters (C0 except
#: \t and \n, DEL, C1) and lone surrogates.  String-type sequences (OSC, DCS,
#: SOS, PM, APC) end at their terminator or, for safety of the prose around
#: them, at the end of the line.
_JUNK = _Lazy("_JUNK",
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (colours, cursor moves, ...)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC (title, clipboard, hyperlinks)
    r"|\x1b[PX^_][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC
    r"|\x1b[!-/]+[0-~]"  # nF escapes (character sets: ESC ( B)
    r"|\x1b[0-~]?"  # two-character escapes (ESC 7, ESC c, ...); a lone ESC
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]+"  # other controls
)

#: the first character of every match of ``_JUNK``
_CONTROL = _Lazy("_CONTROL", r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _junk_matches(text: str):
    """``_JUNK.finditer(text)``, found faster: every match starts at a control
    character and one starts at each, so only those places are tried."""
    search = _CONTROL.search
    match = _JUNK.match
    pos = 0
    while True:
        found = search(text, pos)
        if found is None:
            return
        m = match(text, found.start())
        yield m
        pos = m.end()


#: a segment of a transformed string: (out_start, out_len, src_start, src_len, exact)
#: exact: out[out_start:+out_len] == src[src_start:+src_len]; otherwise the
#: output characters were rewritten from that source span.
_Seg = tuple[int, int, int, int, bool]


def _strip_controls(source: str) -> tuple[str, list[_Seg], list[tuple[int, int]]]:
    """Delete escapes and controls, expand tabs; return text, segments, deleted spans."""
    out: list[str] = []
    segs: list[_Seg] = []
    deleted: list[tuple[int, int]] = []
    pos = 0
    out_len = 0
    column = 0  # characters since the last newline in the output

    def keep(a: int, b: int) -> None:
        nonlocal out_len, column
        while a < b:
            tab = source.find("\t", a, b)
            stop = b if tab < 0 else tab
            if stop > a:
                piece = source[a:stop]
                out.append(piece)
                segs.append((out_len, stop - a, a, stop - a, True))
                out_len += stop - a
                nl = piece.rfind("\n")
                column = len(piece) - nl - 1 if nl >= 0 else column + len(piece)
            if tab < 0:
                break
            width = TAB_SIZE - column % TAB_SIZE
            out.append(" " * width)
            segs.append((out_len, width, tab, 1, False))
            out_len += width
            column += width
            a = tab + 1

    for m in _junk_matches(source):
        keep(pos, m.start())
        if deleted and deleted[-1][1] == m.start():
            deleted[-1] = (deleted[-1][0], m.end())
        else:
            deleted.append((m.start(), m.end()))
        pos = m.end()
    keep(pos, len(source))
    return "".join(out), segs, deleted


def _nfc_chunks(line: str) -> list[str]:
    """Split a line before each starter, so each chunk normalises on its own."""
    chunks: list[str] = []
    start = 0
    for i in range(1, len(line)):
        ch = line[i]
        if unicodedata.combining(ch) == 0 and not ("\u1160" <= ch <= "\u11ff"):
            chunks.append(line[start:i])
            start = i
    chunks.append(line[start:])
    return chunks


_NON_ASCII_WORD = _Lazy("_NON_ASCII_WORD", r"[^ ]*[^\x00-\x7f][^ ]*")


def _nfc_segments(text: str) -> tuple[str, list[_Seg]]:
    """NFC-normalise ``text``; segments map the result back to ``text``."""
    out: list[str] = []
    segs: list[_Seg] = []
    out_len = 0

    def emit(piece: str, src_start: int, src_len: int, exact: bool) -> None:
        nonlocal out_len
        if exact and segs and segs[-1][4] and segs[-1][2] + segs[-1][3] == src_start:
            o, n, s, sn, _ = segs[-1]
            segs[-1] = (o, n + len(piece), s, sn + src_len, True)
        else:
            segs.append((out_len, len(piece), src_start, src_len, exact))
        out.append(piece)
        out_len += len(piece)

    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if unicodedata.is_normalized("NFC", line):
            emit(text[pos : end + 1], pos, min(end + 1, len(text)) - pos, True)
        else:
            # a space never composes with its neighbours: normalise word by
            # word, and only words with non-ASCII characters can change
            p = pos
            for m in _NON_ASCII_WORD.finditer(line):
                word = m.group()
                if unicodedata.is_normalized("NFC", word):
                    continue
                a = pos + m.start()
                if a > p:
                    emit(text[p:a], p, a - p, True)
                chunks = _nfc_chunks(word)
                normal = [unicodedata.normalize("NFC", c) for c in chunks]
                if "".join(normal) != unicodedata.normalize("NFC", word):
                    chunks, normal = [word], [unicodedata.normalize("NFC", word)]
                for chunk, norm in zip(chunks, normal):
                    emit(norm, a, len(chunk), norm == chunk)
                    a += len(chunk)
                p = a
            if end > p:
                emit(text[p:end], p, end - p, True)
            if end < len(text):
                emit("\n", end, 1, True)
        pos = end + 1
    return "".join(out), segs


def _compose(outer: list[_Seg], inner: list[_Seg]) -> list[_Seg]:
    """Chain two maps: ``outer`` maps C to B, ``inner`` B to A; result C to A."""
    starts = [s[0] for s in inner]
    result: list[_Seg] = []
    for o, n, i, i_n, exact in outer:
        if not exact:
            a = _seg_start(inner, starts, i)
            b = _seg_end(inner, starts, i + i_n) if i_n else a
            result.append((o, n, a, b - a, False))
            continue
        k = bisect_right(starts, i) - 1
        pos, end = i, i + n
        while pos < end:
            so, sn, ss, ssn, sx = inner[k]
            stop = min(end, so + sn)
            if sx:
                result.append((o + pos - i, stop - pos, ss + pos - so, stop - pos, True))
            else:
                whole = pos == so and stop == so + sn
                result.append((o + pos - i, stop - pos, ss, ssn if whole else 0, False))
            pos = stop
            k += 1
    return result


def _seg_start(segs: list[_Seg], starts: list[int], i: int) -> int:
    """Source position of output character ``i``."""
    if not segs:
        return i
    k = max(bisect_right(starts, i) - 1, 0)
    o, n, s, sn, exact = segs[k]
    if i >= o + n:
        return s + sn
    return s + (i - o) if exact else s


def _seg_end(segs: list[_Seg], starts: list[int], j: int) -> int:
    """Source position just after output character ``j - 1``."""
    if j <= 0 or not segs:
        return _seg_start(segs, starts, j)
    k = max(bisect_right(starts, j - 1) - 1, 0)
    o, n, s, sn, exact = segs[k]
    if exact:
        return s + min(j - o, n)
    return s + sn if j >= o + n else s


def _sanitize_map(source: str) -> tuple[str, list[_Seg], list[tuple[int, int]]]:
    text, segs, deleted = _strip_controls(source)
    if not unicodedata.is_normalized("NFC", text):
        text, nfc = _nfc_segments(text)
        segs = _compose(nfc, segs)
    return text, segs, deleted


#: Bidirectional controls can make a terminal reorder what it shows (the
#: "Trojan Source" trick).  ``display_safe`` draws them as U+FFFD, one
#: character for one, so offsets still line up with the text.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_DISPLAY_SAFE = str.maketrans({c: "\ufffd" for c in BIDI_CONTROLS})


def display_safe(text: str) -> str:
    """``text`` with bidirectional controls made visible and harmless (same length)."""
    return text.translate(_DISPLAY_SAFE)


def one_line(text: str) -> str:
    """Untrusted text for a one-line display: escapes and controls removed,
    whitespace folded, bidirectional controls shown as U+FFFD."""
    return display_safe(" ".join(sanitize(text).split()))


def sanitize(text: str) -> str:
    """Make an untrusted string safe for a terminal.

    Removes terminal escape sequences (CSI, OSC, DCS/SOS/PM/APC, two-character
    escapes, 8-bit CSI), C1 controls, C0 controls except newline and tab, DEL
    and lone surrogates; expands tabs (to multiples of 4 columns); NFC-normalises.
    """
    out, _, _ = _strip_controls(text)
    return unicodedata.normalize("NFC", out)


_ESCAPE_KINDS = (
    ("\x1b[", "CSI"), ("\x9b", "CSI"), ("\x1b]", "OSC"), ("\x1bP", "DCS"), ("\x1bX", "SOS"),
    ("\x1b^", "PM"), ("\x1b_", "APC"), ("\x1b", "ESC"),
)


def _describe_controls(raw: str) -> str:
    """Say what a deleted run of escapes/controls was, without repeating its payload."""
    kinds: list[str] = []
    i = 0
    for m in _JUNK.finditer(raw):
        seq = m.group()
        kind = next((name for prefix, name in _ESCAPE_KINDS if seq.startswith(prefix)), "control")
        if not kinds or kinds[-1] != kind:
            kinds.append(kind)
        i += 1
    what = ", ".join(kinds[:4]) + (", ..." if len(kinds) > 4 else "")
    return f"{i} escape/control sequence{'s' if i != 1 else ''} ({what}), {len(raw)} chars"


# -- the result --------------------------------------------------------------------


@dataclass(frozen=True)
class Cleaned:
    """A cleaned article; ``removed`` offsets index the source, all others ``text``."""

    text: str
    meta: Meta
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removed, ...]
    offset_map: tuple[tuple[int, int, int], ...]


def source_offset(offset_map: tuple[tuple[int, int, int], ...] | list, offset: int) -> int:
    """Map an offset in the cleaned text to the source text (see ``model.map_offset``)."""
    return map_offset(offset_map, offset)


# -- boilerplate patterns ---------------------------------------------------------

_I = re.IGNORECASE

_SEPARATOR = _Lazy("_SEPARATOR", r"(?:[_\-–—=~*#•·]\s*){3,}|(?:[*•·#~]\s*){3,}")
_NAV_PHRASES = {
    "current news", "latest news", "top stories", "breaking news", "news", "home", "menu", "main menu",
    "skip to content", "skip to main content", "skip navigation", "search", "sections", "more",
    "back", "back to top", "top", "next", "previous", "next article", "previous article",
}
_NAV_SYMBOLS = _Lazy("_NAV_SYMBOLS", r"[/|>»›<«‹•·\\:\-–—]+")
_CRUMB_SEPARATOR = _Lazy("_CRUMB_SEPARATOR", r"\s*[>»›]\s*|\s+[/|]\s+")
_CRUMB = _Lazy("_CRUMB", r"[\w&'’.-]+(?: [\w&'’.-]+){0,2}")
_DOMAIN = _Lazy("_DOMAIN", r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|news|info|io|co|us|uk|ca|au|de|fr)", _I)
_KNOWN_SITES = {
    "arcamax", "yahoo news", "msn", "google news", "apple news", "newsbreak", "flipboard", "ground news",
    "reuters", "associated press", "ap news", "afp", "bloomberg", "bbc news", "cnn", "npr", "the guardian",
}
_SHARE = _Lazy("_SHARE",
    r"(?:share(?: this(?: article| story| page)?| on \w+| via \w+)?|tweet|email|e-mail|print|save|copy link"
    r"|facebook|twitter|linkedin|whatsapp|reddit|pinterest|flipboard"
    r"|listen(?: to this (?:article|story))?(?:\s*[·•|-]?\s*\d+ min(?:utes?)?)?|\d+ min(?:ute)? read"
    r"|reading time:? \d+ min(?:utes?)?)\W*",
    _I,
)
_ADVERT = _Lazy("_ADVERT",
    r"(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?"
    r"|continue reading(?: below| the main story)?|article continues (?:below|after advertisement))\W*",
    _I,
)
_SECTION = _Lazy("_SECTION", r"(?:published|posted|filed) (?:in|under):? .{1,60}", _I)
_COMMENTS = _Lazy("_COMMENTS",
    r"comments?(?:\s*\(\d+\))?:?|\d+\s+comments?|blog comments powered by disqus|comments powered by disqus"
    r"|(?:leave|post|add|view|show|load|read|see) (?:a |the |all |\d+ )?comments?\W*.{0,40}|comments are closed\.?"
    r"|join the (?:conversation|discussion)\W*|disqus",
    _I,
)
#: a copyright notice: starts with ©, "(c) 2025" or "Copyright ©/(c)/2025/by", or reserves all rights
_COPYRIGHT = _Lazy("_COPYRIGHT",
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}|by\b)).{0,300}|.{0,200}\ball rights reserved\b.{0,100}", _I
)
_FOOTER = _Lazy("_FOOTER",
    r"visit (?:us at )?(?:www\.)?[\w-]+\.[\w.]+\b.{0,100}|distributed by .{1,100}"
    r"|follow (?:us|[\w .]{1,40}) on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky|mastodon|tiktok|youtube)\b.{0,100}"
    r"|follow us\b.{0,60}|sign up (?:for|to) .{1,120}|subscribe (?:to|now|today|for)\b.{0,120}|subscribe"
    r"|(?:related|recommended)(?: articles| stories| coverage| content| reading)?(?::.{0,100})?"
    r"|more (?:from|on|about|stories from) [^.!?]{1,60}|read (?:more|next)\b.{0,100}|tags?: .{1,200}|topics?: .{1,200}"
    r"|filed under:? .{1,100}|click here\b.{0,100}|contact (?:us|the (?:author|reporter|writer|newsroom))\b.{0,100}"
    r"|(?:this|the) (?:story|article) (?:was|has been) (?:updated|corrected)\b.{0,150}",
    _I,
)
_MIDDLE = _Lazy("_MIDDLE",
    r"(?:advertisement|story continues below(?: advertisement)?|continue reading(?: below)?"
    r"|share this(?: article| story)?|read more|related(?: articles| stories)?:?|sign up for .{1,40}newsletter.{0,20}"
    r"|follow us on \w+)\W*",
    _I,
)
_CREDIT = _Lazy("_CREDIT",
    r"\(\s*(?:with assistance from|with reporting by|(?:additional )?reporting by|updates? (?:with|to)|adds|writing by|editing by)"
    r"\b.{1,250}\)"
    r"|(?:additional )?reporting by (?-i:[A-Z]).{0,200}|(?:editing|writing|compiled|contributing) by (?-i:[A-Z]).{0,200}"
    r"|contributing:? (?-i:[A-Z]).{0,200}",
    _I,
)

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:\s*(?:,|at|\||·|•|-|–|—)?\s*\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}|\([A-Z]{2,5}\))?)?"
_DATE_BODY = (
    r"(?:" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
    r"|" + _WEEKDAY + r"(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.replace("month", "month2")
    + r",?\s+(?P<year2>\d{4})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|(?P<slash>\d{1,2}/\d{1,2}/\d{4}))"
)
_DATE_PREFIX = r"(?:(?:published|updated|last updated|posted|first published|date)(?: on)?:?\s*)?"
_TIME_FIRST = r"(?:\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5}\b)?\s*(?:,|on|\||·|•)?\s*)?"
_DATE_LINE = _Lazy("_DATE_LINE", _DATE_PREFIX + _TIME_FIRST + _DATE_BODY + _TIME + r"\W*", _I)
_DATE_ANY = _Lazy("_DATE_ANY", _DATE_BODY, _I)

_OUTLET_WORDS = _Lazy("_OUTLET_WORDS",
    r"\b(?:press|news|reuters|bloomberg|times|post|journal|herald|tribune|guardian|telegraph|bbc|cnn|npr|afp|ap"
    r"|agency|agence|wire|media|magazine|daily|gazette|observer|independent|economist|politico|axios|network"
    r"|radio|television|tv|service|syndicate|publishing|review|chronicle|examiner|inquirer|courier|star)\b",
    _I,
)
_ROLE_WORDS = _Lazy("_ROLE_WORDS",
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|bureau|chief|senior|special"
    r"|international|political|national|foreign|business|science|health|analyst|producer|photographer)\b",
    _I,
)
_PARTICLES = r"(?:de|da|di|del|della|van|von|der|den|la|le|du|bin|ibn|al|el|ben|st\.?)"
_NAME_WORD = r"[A-ZÀ-Þ][\w'’.-]*"
_NAME = _NAME_WORD + r"(?:\s+(?:" + _NAME_WORD + "|" + _PARTICLES + r")){1,3}"
_NAME_RE = _Lazy("_NAME_RE", _NAME)
_NAMES_SPLIT = _Lazy("_NAMES_SPLIT", r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")
_BY = _Lazy("_BY", r"(?:by|byline:)\s+(?P<rest>.{3,150})", _I)
_BARE_BYLINE = _Lazy("_BARE_BYLINE",
    r"(?P<names>" + _NAME + r"(?:\s+(?:and|&)\s+" + _NAME + r")?)\s*(?:,|\||·|•|—|–|/)\s*"
    r"(?P<rest>[A-Z][\w&.'’ -]{1,60}?)(?:\s+on\b(?P<on>.{0,60}))?"
)
#: "WASHINGTON —", "KYIV, Ukraine —", "LONDON (Reuters) -", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —"
_DATELINE = _Lazy("_DATELINE",
    r"(?P<place>[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})?)"
    r"(?:,?\s+(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+\d{1,2})?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{1,30})\)\s*)?(?:—|–|―|--|-)\s"
)

#: all-capital words that start a paragraph like a dateline but are labels
_NOT_PLACES = {
    "BREAKING", "BREAKING NEWS", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "LIVE",
    "CORRECTION", "CLARIFICATION", "EDITOR'S NOTE", "EDITOR’S NOTE", "FILE", "PHOTOS", "VIDEO", "NOTE", "FACT CHECK",
    "Q", "A", "NEW", "URGENT", "ALERT", "FLASH",
}

#: simple whole-line rules: (pattern, longest line it may match, reason)
_COMMON_RULES = ((_SECTION, 80, "section"), (_SHARE, 60, "share"), (_ADVERT, 60, "advertisement"))
_HEAD_RULES = _COMMON_RULES + ((_CREDIT, 300, "credit"), (_COMMENTS, 60, "comments"))
_TAIL_RULES = ((_FOOTER, 300, "footer"),) + _COMMON_RULES


def _rule_reason(line: str, rules: tuple[tuple[re.Pattern[str], int, str], ...]) -> str | None:
    if len(line.split()) > 30:  # a real sentence, whatever it starts with
        return None
    for pattern, max_len, reason in rules:
        if _full(pattern, line, max_len):
            return reason
    return None


_HEAD_BLOCKS = 15
_TITLE_MAX = 200


def _full(pattern: re.Pattern[str], line: str, max_len: int = 400) -> bool:
    return len(line) <= max_len and pattern.fullmatch(line) is not None


def _iso_date(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    try:
        if g.get("iso"):
            y, mo, d = (int(x) for x in g["iso"].split("-"))
        elif g.get("slash"):
            mo, d, y = (int(x) for x in g["slash"].split("/"))  # US order
        elif g.get("month"):
            y, mo, d = int(g["year"]), _MONTHS[g["month"].lower()], int(g["day"])
        else:
            y, mo, d = int(g["year2"]), _MONTHS[g["month2"].lower()], int(g["day2"])
        return _date(y, mo, d).isoformat()
    except (ValueError, KeyError, TypeError):
        return None


def _date_of(line: str) -> str | None:
    """The date a date-only line states (ISO when parseable), else None."""
    if len(line) > 100:
        return None
    m = _DATE_LINE.fullmatch(line)
    if not m:
        return None
    return _iso_date(m) or line


def _person(name: str) -> str:
    return name.title() if name.isupper() else name


@dataclass
class _Byline:
    people: list[str]
    publisher: str | None = None
    date: str | None = None


def _parse_by(rest: str) -> _Byline | None:
    """Parse what follows "By": names, then outlet / role / date items."""
    parts = [p.strip() for p in re.split(r"\s+(?:\||·|•|—|–)\s+|\s+-\s+", rest) if p.strip()]
    if not parts:
        return None
    head, *others = parts
    result = _Byline([])
    for item in [x.strip() for x in head.split(",") if x.strip()] + others:
        if _DATE_ANY.search(item):
            date = _date_of(item)
            if not date:
                return None
            result.date = result.date or date
        elif _OUTLET_WORDS.search(item):
            if not re.fullmatch(r"(?:the\s+)?[A-Z][\w&.'’ -]{1,60}", item, _I):
                return None
            result.publisher = result.publisher or item
        elif result.people and _ROLE_WORDS.search(item) and len(item.split()) <= 5:
            continue
        else:
            names = [n for n in _NAMES_SPLIT.split(re.sub(r"^and\s+", "", item)) if n]
            if not names or not all(_NAME_RE.fullmatch(n) for n in names):
                return None
            result.people.extend(_person(n) for n in names)
    if not result.people and result.publisher is None:
        return None
    return result


def _byline_of(line: str) -> _Byline | None:
    if len(line) > 160 or line.endswith(("?", "!")):
        return None
    if line.endswith(".") and not line.endswith(("Jr.", "Sr.")):
        line = line[:-1]  # "By Jane Doe." (a sentence fails the name checks anyway)
    m = _BY.fullmatch(line)
    if m:
        return _parse_by(m.group("rest"))
    m = _BARE_BYLINE.fullmatch(line)
    if m and _OUTLET_WORDS.search(m.group("rest")):
        people = [_person(n) for n in _NAMES_SPLIT.split(m.group("names")) if n]
        on = (m.group("on") or "").strip()
        date = None
        if on:
            dm = _DATE_ANY.search(on)
            if not dm:
                return None
            date = _iso_date(dm) or on
        return _Byline(people, m.group("rest").strip(), date)
    return None


def _join_people(people: list[str]) -> str | None:
    if not people:
        return None
    if len(people) == 1:
        return people[0]
    return ", ".join(people[:-1]) + " and " + people[-1]


def _is_nav(line: str) -> bool:
    """Menu words, lone separator symbols, and breadcrumbs ("Home > World > Europe")."""
    low = line.lower().rstrip(":")
    if low in _NAV_PHRASES or _full(_NAV_SYMBOLS, line, 10):
        return True
    if len(line) > 100 or line.endswith("."):
        return False
    items = [i.strip() for i in _CRUMB_SEPARATOR.split(line)]
    if len(items) < 2 or not all(_CRUMB.fullmatch(i) for i in items):
        return False
    # "Ukraine / Russia talks stall" is a headline; arrows, three crumbs or "Home" are not
    return any(s in line for s in ">»›") or len(items) >= 3 or items[0].lower() in _NAV_PHRASES


def _site_like(line: str) -> bool:
    return (
        line.lower() in _KNOWN_SITES
        or _full(_DOMAIN, line, 60)
        or (" " not in line and len(line) <= 30 and line[:1].isalpha() and not line.endswith("."))
    )


def _title_like(line: str) -> bool:
    """Short, with letters, not ending like a sentence (a final "..." is allowed)."""
    if not 0 < len(line) <= _TITLE_MAX or not any(ch.isalpha() for ch in line):
        return False
    return line.endswith("...") or not line.endswith((".", ":", ";", ","))


def _continues(line: str, following: str) -> bool:
    """Does ``following`` carry on the sentence of ``line`` (a hard-wrapped paragraph)?"""
    if following[:1].islower():
        return True
    return len(line) >= 50 and not line.endswith((".", "!", "?", ":", '"', "”", "’", "'", ")"))


def _sentence_title(line: str, following: str) -> bool:
    """A headline written with a final period ("Senate passes the budget.").

    Told from a one-sentence first paragraph by being one short sentence that
    is in Title Case, or is followed by a dateline or a byline.
    """
    if not line.endswith(".") or line.endswith("...") or len(line) > 150 or _DATELINE.match(line):
        return False
    words = line.split()
    if len(words) > 25 or re.search(r"[a-z]{2,}[.!?][\"'”’)]?\s+[A-Z]", line[:-1]):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised >= 0.6 * len(words) or bool(_DATELINE.match(following)) or _byline_of(following) is not None


# -- cleaning -------------------------------------------------------------------------

_BLANK = _Lazy("_BLANK", r"[\s\u200b-\u200d\u2060\ufeff]*")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


@dataclass(slots=True)
class _Line:
    start: int  # stripped span in the sanitised text
    end: int

    def text(self, s: str) -> str:
        return s[self.start : self.end]


#: a block with a line this long was not hard-wrapped: each of its lines is a paragraph
_UNWRAPPED = 120


def _blocks(s: str) -> list[list[_Line]]:
    """Runs of non-blank lines (stripped spans); whitespace-only lines separate them.

    Text with one paragraph per line and no blank lines between them (common
    in copied web pages) is told from hard-wrapped text by its long lines.
    """
    blocks: list[list[_Line]] = []
    current: list[_Line] = []
    pos = 0
    for line in s.split("\n"):
        stripped = line.strip()
        # blank: nothing but whitespace and zero-width characters
        if not stripped or (stripped[0] in _ZERO_WIDTH and _BLANK.fullmatch(stripped)):
            if current:
                if len(current) > 1 and max(x.end - x.start for x in current) > _UNWRAPPED:
                    blocks.extend([x] for x in current)
                else:
                    blocks.append(current)
                current = []
        elif stripped is line:
            current.append(_Line(pos, pos + len(line)))
        else:
            lead = len(line) - len(line.lstrip())
            current.append(_Line(pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    if current:
        if len(current) > 1 and max(x.end - x.start for x in current) > _UNWRAPPED:
            blocks.extend([x] for x in current)
        else:
            blocks.append(current)
    return blocks


class _Cleaner:
    def __init__(self, s: str) -> None:
        self.s = s
        self.removed: list[tuple[int, int, str]] = []  # sanitised-text span, reason
        self.title: str | None = None
        self.byline: str | None = None
        self.publisher: str | None = None
        self.date: str | None = None
        self.dateline: str | None = None

    def drop(self, line: _Line, reason: str) -> None:
        self.removed.append((line.start, line.end, reason))

    # each classifier returns a reason, or None to keep the line
    def head_reason(self, t: str) -> str | None:
        # "By ..." first: "By Jane Doe | Reuters" is no breadcrumb
        if t[:3].lower() == "by " and self.take_byline(t):
            return "byline"
        if _is_nav(t):
            return "navigation"
        if _full(_SEPARATOR, t, 200):
            return "separator"
        date = _date_of(t)
        if date:
            self.date = self.date or date
            return "date"
        if self.take_byline(t):
            return "byline"
        return _rule_reason(t, _HEAD_RULES)

    def take_byline(self, t: str) -> bool:
        by = _byline_of(t)
        if by:
            self.byline = self.byline or _join_people(by.people)
            self.publisher = self.publisher or by.publisher
            self.date = self.date or by.date
        return by is not None

    def tail_reason(self, t: str) -> str | None:
        if _full(_SEPARATOR, t, 200):
            return "separator"
        if _full(_COMMENTS, t, 80):
            return "comments"
        if _full(_COPYRIGHT, t, 300):
            return "copyright"
        if _full(_CREDIT, t, 300):
            m = re.match(r"\(?\s*(?:additional )?reporting by (.+?)(?:;|\)|$| in )", t, _I)
            if m and self.byline is None:
                names = [n for n in _NAMES_SPLIT.split(m.group(1).strip()) if _NAME_RE.fullmatch(n)]
                self.byline = _join_people([_person(n) for n in names])
            return "credit"
        return _rule_reason(t, _TAIL_RULES)

    def middle_reason(self, t: str) -> str | None:
        if _full(_SEPARATOR, t, 80):
            return "separator"
        if _full(_MIDDLE, t, 60):
            return "advertisement" if t.lower().startswith(("adv", "story", "cont")) else "footer"
        return None

    def named(self) -> list[str]:
        """The byline, copyright, footer and credit lines removed so far, and the publisher (lowercase)."""
        s = self.s
        named = [s[a:b].lower() for a, b, reason in self.removed if reason in _NAMING]
        if self.publisher:
            named.append(self.publisher.lower())
        return named

    def choose_title(self, candidates: list[_Line], also_named: list[str] = ()) -> int:  # type: ignore[assignment]
        """The title is the first short head line that is not the site's name.

        A site name is one word, a domain, a well-known outlet, or a short line
        that one of the byline, copyright or footer lines (``named``, and
        ``also_named``) names again.  Site names and crumbs before the title are
        removed; lines after it (a deck) are kept.  Returns how many candidates
        (from the first) were removed.
        """
        s = self.s
        named = list(also_named) + self.named()

        def site(line: str) -> bool:
            if _site_like(line):
                return True
            if len(line.split()) > 4:
                return False
            low = line.lower()
            return any(low in n for n in named)

        texts = [c.text(s) for c in candidates]
        index = next((k for k, t in enumerate(texts) if not site(t)), len(texts) - 1)
        for line, text in zip(candidates[:index], texts[:index]):
            self.drop(line, "navigation" if _is_nav(text) else "publisher")
        self.title = texts[index]
        return index

    def strip_block(self, block: list[_Line], reason_of) -> list[_Line]:
        """Drop boilerplate lines from both ends of a block; return what is left.

        Inside a hard-wrapped paragraph a line that merely looks like
        boilerplate ("March 14, 2025." closing a sentence) is left alone.
        """
        s = self.s
        while block:
            if len(block) > 1 and _continues(block[0].text(s), block[1].text(s)):
                break
            reason = reason_of(block[0].text(s))
            if not reason:
                break
            self.drop(block.pop(0), reason)
        while block:
            if len(block) > 1 and _continues(block[-2].text(s), block[-1].text(s)):
                break
            reason = reason_of(block[-1].text(s))
            if not reason:
                break
            self.drop(block.pop(), reason)
        return block

    def run(self) -> list[list[_Line]]:
        blocks = _blocks(self.s)
        kept: list[list[_Line] | None] = [None] * len(blocks)
        body, candidates = self.head_pass(blocks, kept)
        self.find_dateline(kept, body)
        tail = self.tail_pass(blocks, kept, body)
        self.middle_pass(blocks, kept, body + 1, tail)
        self.settle_title(kept, candidates)
        return [b for b in kept if b]

    def head_pass(self, blocks: list[list[_Line]], kept: list[list[_Line] | None]) -> tuple[int, list[int]]:
        """Boilerplate lines, the title and any deck lines (short single lines)
        until the first body paragraph; returns its index and the title candidates.

        Reads no block after ``body + 1``.
        """
        s = self.s
        body = len(blocks)
        candidates: list[int] = []
        for i, block in enumerate(blocks):
            if i >= _HEAD_BLOCKS:
                body = i
                break
            left = self.strip_block(block, self.head_reason)
            if not left:
                continue
            kept[i] = left
            if len(left) == 1 and _title_like(left[0].text(s)):
                candidates.append(i)
                continue
            if not candidates and len(left) == 1 and i + 1 < len(blocks):
                following = blocks[i + 1][0].text(s)
                if _sentence_title(left[0].text(s), following):
                    candidates.append(i)
                    continue
            body = i
            break
        return body, candidates

    def find_dateline(self, kept: list[list[_Line] | None], body: int) -> None:
        """The dateline at the start of the first body paragraph."""
        first = kept[body] if body < len(kept) else None
        if first:
            m = _DATELINE.match(first[0].text(self.s))
            if m and len(m.group("place")) <= 60 and m.group("place").split(",")[0].strip() not in _NOT_PLACES:
                self.dateline = m.group("place")
                if m.group("agency") and self.publisher is None:
                    self.publisher = m.group("agency").strip()

    def tail_pass(self, blocks: list[list[_Line]], kept: list[list[_Line] | None], body: int) -> int:
        """Boilerplate from the end, up to the last body paragraph; returns that paragraph's index."""
        tail = len(blocks)
        for i in range(len(blocks) - 1, body, -1):
            tail = i
            left = self.strip_block(blocks[i], self.tail_reason)
            if left:
                kept[i] = left
                break
        return tail

    def middle_pass(self, blocks: list[list[_Line]], kept: list[list[_Line] | None], start: int, stop: int) -> None:
        """Between head and tail only unmistakable single lines go."""
        s = self.s
        middle_reason = self.middle_reason
        for i in range(start, stop):
            block = blocks[i]
            reason = middle_reason(block[0].text(s)) if len(block) == 1 else None
            if reason:
                self.drop(block[0], reason)
            else:
                kept[i] = block

    def settle_title(self, kept: list[list[_Line] | None], candidates: list[int], also_named: list[str] = ()) -> int:  # type: ignore[assignment]
        """Choose the title among the candidates; returns the chosen one's place among them (-1: none)."""
        if not candidates:
            return -1
        dropped = self.choose_title([kept[i][0] for i in candidates], also_named)  # type: ignore[index]
        for i in candidates[:dropped]:
            kept[i] = None
        return dropped


#: removal reasons whose lines may name the site again (see ``_Cleaner.choose_title``)
_NAMING = ("byline", "copyright", "footer", "credit")


# -- HTML input ------------------------------------------------------------------------

_HTML_START = _Lazy("_HTML_START", r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
_HTML_SKIP = {
    "script", "style", "nav", "header", "footer", "aside", "noscript", "form", "iframe", "svg", "button",
    "select", "template", "object", "embed", "menu", "textarea", "head",
}
_HTML_VOID = {"br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "param", "source", "track", "wbr"}
_HTML_BLOCK = {
    "p", "div", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "pre", "table", "tr", "td",
    "th", "section", "article", "main", "dd", "dt", "dl", "figure", "figcaption", "center", "address", "body", "html",
}
_HTML_CONTAINERS = {"div", "article", "section", "main", "td", "body", "center"}
#: class/id words of page chrome whose text is never the article
_HTML_CHROME = _Lazy("_HTML_CHROME",
    r"(?:^|[\s_-])(?:comments?|share|sharing|social|related|sidebar|footer|nav|navigation|menu|promo|newsletter"
    r"|advert|ads|breadcrumbs?|widget|subscribe|signup|popup|modal|cookie)(?:$|[\s_-])",
    re.I,
)
_HTML_AUTHOR = _Lazy("_HTML_AUTHOR", r"(?:^|\s)(?:author|byline|by-line)(?:$|\s)", re.I)
_TITLE_SEPARATORS = _Lazy("_TITLE_SEPARATORS", r"\s+(?:\||-|–|—|»|::|·|•)\s+|\s*[»|]\s*")


def _looks_html(source: str) -> bool:
    head = source[:8192]
    if head.lstrip()[:1] != "<":  # plain text: no need to compile the pattern
        return False
    return _HTML_START.match(head) is not None


@dataclass
class _HtmlPara:
    tag: str
    path: tuple[int, ...]  # ids of the open elements (outermost first)
    pieces: list[tuple[str, int, int, bool]]  # text, source start, source length, exact


class _HtmlText:
    """Pull paragraphs (with source offsets) and page metadata out of HTML."""

    def __init__(self, source: str) -> None:
        from html.parser import HTMLParser

        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.stack: list[tuple[str, int, bool]] = []  # tag, element id, chrome
        self.next_id = 0
        self.skip = 0
        self.paragraphs: list[_HtmlPara] = []
        self.current: _HtmlPara | None = None
        self.title_para: _HtmlPara | None = None
        self.in_title = False
        self.meta: dict[str, str] = {}
        self.author_depth: int | None = None
        self.author_text: list[str] = []
        self.chrome: set[int] = set()
        self.parents: dict[int, int | None] = {}
        self.tags: dict[int, str] = {}
        outer = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                outer.start(tag, dict(attrs), self.getpos())

            def handle_startendtag(self, tag, attrs):
                outer.start(tag, dict(attrs), self.getpos())
                if tag not in _HTML_VOID:
                    outer.end(tag)

            def handle_endtag(self, tag):
                outer.end(tag)

            def handle_data(self, data):
                outer.data(data, self.getpos())

            def handle_entityref(self, name):
                outer.ref(self.getpos())

            def handle_charref(self, name):
                outer.ref(self.getpos())

        parser = Parser(convert_charrefs=False)
        parser.feed(source)
        parser.close()
        self.flush()

    def offset(self, pos: tuple[int, int]) -> int:
        line, col = pos
        return self.line_starts[min(line - 1, len(self.line_starts) - 1)] + col

    # -- structure
    def start(self, tag: str, attrs: dict[str, str | None], pos: tuple[int, int]) -> None:
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or "").lower()
            if key and attrs.get("content"):
                self.meta.setdefault(key, attrs["content"] or "")
            return
        if tag == "time" and attrs.get("datetime"):
            self.meta.setdefault("time", attrs["datetime"] or "")
        if tag == "br" and not self.skip and self.current is not None:
            at = self.offset(pos)
            end = self.source.find(">", at) + 1 or at
            self.current.pieces.append(("\n", at, end - at, False))
            return
        if tag in _HTML_VOID:
            return
        if tag in _HTML_BLOCK:
            self.flush()
        if tag == "p" and any(t == "p" for t, _, _ in self.stack):
            self.end("p")
        ident = self.next_id
        self.next_id += 1
        self.parents[ident] = self.stack[-1][1] if self.stack else None
        self.tags[ident] = tag
        marks = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        chrome = bool(_HTML_CHROME.search(marks))
        if chrome:
            self.chrome.add(ident)
        skip = tag in _HTML_SKIP
        self.stack.append((tag, ident, skip))
        if skip:
            self.skip += 1
        if tag == "title" and self.title_para is None:
            self.in_title = True
            self.title_para = _HtmlPara("title", (), [])
        # the first author/byline element outside page chrome (comment authors are not bylines)
        if (
            self.author_depth is None
            and not self.author_text
            and (_HTML_AUTHOR.search(marks) or attrs.get("rel") == "author")
            and not any(i in self.chrome for _, i, _ in self.stack)
        ):
            self.author_depth = len(self.stack)

    def end(self, tag: str) -> None:
        if tag in _HTML_VOID or not any(t == tag for t, _, _ in self.stack):
            return
        if tag in _HTML_BLOCK:
            self.flush()
        while self.stack:
            open_tag, _, skip = self.stack.pop()
            if skip:
                self.skip -= 1
            if self.author_depth is not None and len(self.stack) < self.author_depth:
                self.author_depth = None
            if open_tag == "title":
                self.in_title = False
            if open_tag == tag:
                break

    def flush(self) -> None:
        if self.current is not None and any(not p[0].isspace() for p in self.current.pieces):
            self.paragraphs.append(self.current)
        self.current = None

    # -- text
    def add(self, piece: tuple[str, int, int, bool]) -> None:
        if self.in_title and self.title_para is not None:
            self.title_para.pieces.append(piece)
            return
        if self.author_depth is not None:
            self.author_text.append(piece[0])
        if self.skip:
            return
        if self.current is None:
            tag = next((t for t, _, _ in reversed(self.stack) if t in _HTML_BLOCK), "body")
            self.current = _HtmlPara(tag, tuple(i for _, i, _ in self.stack), [])
        self.current.pieces.append(piece)

    def data(self, data: str, pos: tuple[int, int]) -> None:
        self.add((data, self.offset(pos), len(data), True))

    def ref(self, pos: tuple[int, int]) -> None:
        import html

        at = self.offset(pos)
        m = _HTML_REF.match(self.source, at)
        raw = m.group() if m else "&"
        self.add((html.unescape(raw), at, len(raw), False))


_HTML_REF = _Lazy("_HTML_REF", r"&(?:#[xX]?[0-9a-fA-F]+|\w+);?")
_HTML_SPACE = " \t\n\r\f"
_HTML_SPACE_OR_WORD = _Lazy("_HTML_SPACE_OR_WORD", r"[ \t\n\r\f]+|[^ \t\n\r\f]+")


def _fold(text: str) -> str:
    """Text compared loosely: case, quote marks and spacing folded."""
    return " ".join(text.translate(_QUOTE_FOLD).lower().split())


_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def _html_para_text(para: _HtmlPara) -> tuple[str, list[_Seg]]:
    """Collapse a paragraph's whitespace; segments map its text into the source."""
    out: list[str] = []
    segs: list[_Seg] = []
    pos = 0
    pending_space: tuple[int, int, bool] | None = None  # source start, length, exact

    def emit(text: str, src: int, src_len: int, exact: bool) -> None:
        nonlocal pos
        out.append(text)
        segs.append((pos, len(text), src, src_len, exact))
        pos += len(text)

    for text, src, src_len, exact in para.pieces:
        if text == "\n" and not exact:  # <br>
            pending_space = None
            if out and out[-1] != "\n":
                emit("\n", src, src_len, False)
            continue
        if not exact:
            if pending_space and out and out[-1] != "\n":
                emit(" ", pending_space[0], pending_space[1], pending_space[2])
            pending_space = None
            if text and all(ch in _HTML_SPACE for ch in text):
                pending_space = (src, src_len, False)
                continue
            emit(text, src, src_len, False)
            continue
        for m in _HTML_SPACE_OR_WORD.finditer(text):  # HTML collapses ASCII whitespace only
            a = src + m.start()
            if m.group()[0] in _HTML_SPACE:
                if pending_space is None:
                    pending_space = (a, len(m.group()), m.group() == " ")
                continue
            if pending_space and out and out[-1] != "\n":
                emit(" ", pending_space[0], pending_space[1], pending_space[2])
            pending_space = None
            emit(m.group(), a, len(m.group()), True)
    return "".join(out), segs


def _html_title(parser: _HtmlText, paras: list[tuple[_HtmlPara, str, list[_Seg]]]) -> tuple[str, list[_Seg], str | None]:
    """The article title (text, segments) and, when the page title names it, the site."""
    page_title = ""
    page_segs: list[_Seg] = []
    if parser.title_para is not None:
        page_title, page_segs = _html_para_text(parser.title_para)
    og = (parser.meta.get("og:title") or "").strip()
    site = None
    headings = [(text, segs) for para, text, segs in paras if para.tag in ("h1", "h2") and len(text) <= _TITLE_MAX]
    for reference in (og, page_title):
        named = [(text, segs) for text, segs in headings if reference and _fold(text) in _fold(reference)]
        if named:
            text, segs = max(named, key=lambda h: len(h[0]))
            rest = [p.strip() for p in _TITLE_SEPARATORS.split(page_title) if p.strip() and _fold(p) not in _fold(text)]
            if len(rest) == 1 and len(rest[0].split()) <= 5:
                site = rest[0].strip()
            return text, segs, site
    if og:
        return og, [(0, len(og), 0, 0, False)], None
    if page_title:
        parts = [(m.start(), m.end()) for m in re.finditer(r"(?:(?!\s+(?:\||-|–|—|»|::)\s+|\s*[»|]\s*).)+", page_title)]
        if parts:
            a, b = max(parts, key=lambda ab: ab[1] - ab[0])
            text = page_title[a:b].strip()
            a = page_title.index(text, a)
            clipped = _compose([(0, len(text), a, len(text), True)], page_segs)
            others = [page_title[x:y].strip() for x, y in parts if (x, y) != (a, b) and page_title[x:y].strip()]
            if len(others) == 1 and len(others[0].split()) <= 5:
                site = others[0]
            return text, clipped, site
    return "", [], None


def _extract_html(source: str) -> tuple[str, list[_Seg], dict[str, str]]:
    """The article in an HTML page as plain paragraphs, with segments into the page.

    The main text is the block (div, article, ...) holding the most paragraph
    text; scripts, styles, navigation, headers, footers, asides, forms and
    blocks whose class or id names page chrome (comments, share, related, ...)
    are left out.  Headings, paragraphs, list items and block quotes each
    become a paragraph; the title (the heading the page's <title> names, else
    og:title, else the <title>) comes first.  Every text character maps to
    its place in the page; entities and collapsed whitespace are anchored to
    where they stand.
    """
    parser = _HtmlText(source)
    chrome = parser.chrome
    paras = []
    for para in parser.paragraphs:
        if any(i in chrome for i in para.path):
            continue
        text, segs = _html_para_text(para)
        if text.strip():
            paras.append((para, text, segs))

    # score containers: a paragraph's text counts fully for its nearest
    # container and half for the one around that
    scores: dict[int, float] = {}
    for para, text, _ in paras:
        if para.tag not in ("p", "blockquote", "pre", "li") or len(text) < 25:
            continue
        containers = [i for i in reversed(para.path) if parser.tags[i] in _HTML_CONTAINERS]
        for weight, ident in zip((1.0, 0.5), containers):
            scores[ident] = scores.get(ident, 0.0) + weight * len(text)
    best = max(scores, key=lambda i: scores[i]) if scores else None
    body = [(p, t, s) for p, t, s in paras if best is None or best in p.path]
    title, title_segs, site = _html_title(parser, paras)

    hints: dict[str, str] = {}
    author = " ".join("".join(parser.author_text).split())
    author = re.sub(r"^(?:posted|written|published)?\s*by\s+", "", author, flags=re.I)
    if author and len(author) <= 80:
        hints["byline"] = author
    elif parser.meta.get("author") and "/" not in parser.meta["author"]:
        hints["byline"] = parser.meta["author"]
    publisher = parser.meta.get("og:site_name") or site
    if publisher:
        hints["publisher"] = publisher
    for key in ("article:published_time", "date", "dc.date", "time"):
        if parser.meta.get(key):
            m = _DATE_ANY.search(parser.meta[key])
            hints["date"] = (_iso_date(m) if m else None) or parser.meta[key]
            break

    pieces: list[str] = []
    segs: list[_Seg] = []
    pos = 0
    blocks = ([(title, title_segs)] if title else []) + [(t, s) for _, t, s in body if t != title]
    for text, para_segs in blocks:
        if pieces:
            pieces.append("\n\n")
            pos += 2
        pieces.append(text)
        segs.extend((o + pos, n, src, src_n, exact) for o, n, src, src_n, exact in para_segs)
        pos += len(text)
    return "".join(pieces), segs, hints


def clean_article(source: str) -> Cleaned:
    """Sanitise and clean a decoded article (see the module docstring)."""
    hints: dict[str, str] = {}
    if _looks_html(source):
        page_text, page_segs, hints = _extract_html(source)
        s, segs, deleted = _sanitize_map(page_text)
        controls = [(a, b, _describe_controls(page_text[a:b])) for a, b in deleted]
        page_starts = [seg[0] for seg in page_segs]
        controls = [
            (_seg_start(page_segs, page_starts, a), _seg_end(page_segs, page_starts, b), what) for a, b, what in controls
        ]
        segs = _compose(segs, page_segs)
    else:
        s, segs, deleted = _sanitize_map(source)
        controls = [(a, b, _describe_controls(source[a:b])) for a, b in deleted]
    cleaner = _Cleaner(s)
    return _assemble(s, segs, controls, cleaner, cleaner.run(), hints)


#: ``clean_head`` cleans this much of a long article (a dozen screens) before its first frame,
#: and only of an article four times as long (a shorter one is cleaned whole in milliseconds)
HEAD_CHARS = 32_768


def is_long(source: str, chars: int = HEAD_CHARS) -> bool:
    """True for an article long enough that ``clean_head`` may show its first part first."""
    return len(source) >= 4 * chars and not _looks_html(source)


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
    s, segs, deleted = _sanitize_map(part)
    controls = [(a, b, _describe_controls(part[a:b])) for a, b in deleted]
    blocks = _blocks(s)
    kept: list[list[_Line] | None] = [None] * len(blocks)
    cleaner = _Cleaner(s)
    body, candidates = cleaner.head_pass(blocks, kept)
    if body >= len(blocks) - 1:  # the head pass would have read a block beyond the part
        return None
    cleaner.find_dateline(kept, body)

    # the end, from a blank line (so from a block boundary) on: sanitising and
    # blocks work line by line, so these are the whole clean's last blocks
    end = _Cleaner(_sanitize_map(source[end_at + 1 :])[0])
    end.byline = cleaner.byline
    end_blocks = _blocks(end.s)
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
    return _assemble(s, segs, controls, cleaner, [b for b in kept if b], {})


def _assemble(
    s: str,
    segs: list[_Seg],
    controls: list[tuple[int, int, str]],
    cleaner: _Cleaner,
    paragraphs_s: list[list[_Line]],
    hints: dict[str, str],
) -> Cleaned:
    """The cleaned text, its paragraphs, removals, offset map and meta."""
    # the cleaned text: kept paragraphs, one blank line apart
    pieces: list[str] = []
    outer: list[_Seg] = []
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

    offset_map: list[tuple[int, int, int]] = []
    if len(segs) == 1 and segs[0] == (0, len(s), 0, len(s), True):
        # sanitising changed nothing (no escapes, tabs or compositions): each
        # paragraph is one run (they never touch: a blank line lies between)
        offset_map = [(o, src, n) for o, n, src, _sn, _exact in outer]
        final: list[_Seg] = []
    else:
        final = _compose(outer, segs)
    for o, n, src, _sn, exact in final:
        if offset_map:
            po, ps, pn = offset_map[-1]
            if po + pn == o and ps + pn == src:  # continues the previous run
                if exact:
                    offset_map[-1] = (po, ps, pn + n)
                continue
        offset_map.append((o, src, n) if exact else (o, src, 0))

    starts = [seg[0] for seg in segs]
    removed = [Removed(a, b, what, "control") for a, b, what in controls]
    for a, b, reason in cleaner.removed:
        src_a, src_b = _seg_start(segs, starts, a), _seg_end(segs, starts, b)
        removed.append(Removed(src_a, src_b, s[a:b], reason))
    removed.sort(key=lambda r: (r.start, r.end))

    title_span = None
    if cleaner.title is not None and paragraphs and text[: paragraphs[0].end] == cleaner.title:
        title_span = (0, paragraphs[0].end)
    meta = Meta(
        title=cleaner.title if title_span else None,
        byline=cleaner.byline or (sanitize(hints["byline"]) if "byline" in hints else None),
        date=cleaner.date or (sanitize(hints["date"]) if "date" in hints else None),
        dateline=cleaner.dateline,
        publisher=cleaner.publisher or (sanitize(hints["publisher"]) if "publisher" in hints else None),
        title_span=title_span,
    )
    return Cleaned(text, meta, tuple(paragraphs), tuple(removed), tuple(offset_map))
