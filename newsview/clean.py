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

Boilerplate is matched on whole, short lines; the head (before the first
body paragraph) and the tail are cleaned more eagerly than the middle, where
only a few unmistakable lines ("Advertisement", "* * *") are removed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date as _date

from .model import Meta, Paragraph, Removed

__all__ = ["Cleaned", "clean_article", "sanitize", "source_offset"]

TAB_SIZE = 4

# -- sanitising -----------------------------------------------------------------

#: terminal escape sequences, then single control characters (C0 except
#: \t and \n, DEL, C1) and lone surrogates.  String-type sequences (OSC, DCS,
#: SOS, PM, APC) end at their terminator or, for safety of the prose around
#: them, at the end of the line.
_JUNK = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (colours, cursor moves, ...)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC (title, clipboard, hyperlinks)
    r"|\x1b[PX^_][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC
    r"|\x1b[!-/]+[0-~]"  # nF escapes (character sets: ESC ( B)
    r"|\x1b[0-~]?"  # two-character escapes (ESC 7, ESC c, ...); a lone ESC
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]+"  # other controls
)

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

    for m in _JUNK.finditer(source):
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


_NON_ASCII_WORD = re.compile(r"[^ ]*[^\x00-\x7f][^ ]*")


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
    text: str
    meta: Meta
    paragraphs: tuple[Paragraph, ...]
    removed: tuple[Removed, ...]
    offset_map: tuple[tuple[int, int, int], ...]


def source_offset(offset_map: tuple[tuple[int, int, int], ...] | list, offset: int) -> int:
    """Map an offset in the cleaned text to the source text.

    Inside a run: the matching source offset.  Past a run's end (a rewritten
    character, a paragraph separator, or an end offset): the source offset
    just after that run.
    """
    k = bisect_right([r[0] for r in offset_map], offset) - 1
    if k < 0:
        return offset
    clean_start, source_start, length = offset_map[k]
    if offset < clean_start + length:
        return source_start + offset - clean_start
    # an end offset lands after the last run that starts at or before it
    return source_start + length


# -- boilerplate patterns ---------------------------------------------------------

_I = re.IGNORECASE

_SEPARATOR = re.compile(r"(?:[_\-–—=~*#•·]\s*){3,}|(?:[*•·#~]\s*){3,}")
_NAV_PHRASES = {
    "current news", "latest news", "top stories", "breaking news", "news", "home", "menu", "main menu",
    "skip to content", "skip to main content", "skip navigation", "search", "sections", "more",
    "back", "back to top", "top", "next", "previous", "next article", "previous article",
}
_NAV_SYMBOLS = re.compile(r"[/|>»›<«‹•·\\:\-–—]+")
_BREADCRUMB = re.compile(r"[\w&'’ .-]{1,30}(?:\s*(?:>|»|›|/|\|)\s*[\w&'’ .-]{1,30}){1,6}")
_DOMAIN = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co\.uk|news|info|io|co|us|uk|ca|au|de|fr)", _I)
_KNOWN_SITES = {
    "arcamax", "yahoo news", "msn", "google news", "apple news", "newsbreak", "flipboard", "ground news",
    "reuters", "associated press", "ap news", "afp", "bloomberg", "bbc news", "cnn", "npr", "the guardian",
}
_SHARE = re.compile(
    r"(?:share(?: this(?: article| story| page)?| on \w+| via \w+)?|tweet|email|e-mail|print|save|copy link"
    r"|facebook|twitter|linkedin|whatsapp|reddit|pinterest|flipboard"
    r"|listen(?: to this (?:article|story))?(?:\s*[·•|-]?\s*\d+ min(?:utes?)?)?|\d+ min(?:ute)? read"
    r"|reading time:? \d+ min(?:utes?)?)\W*",
    _I,
)
_ADVERT = re.compile(
    r"(?:advertisement|advertising|sponsored(?: content)?|ad|story continues below(?: advertisement)?"
    r"|continue reading(?: below| the main story)?|article continues (?:below|after advertisement))\W*",
    _I,
)
_SECTION = re.compile(r"(?:published|posted|filed) (?:in|under):? .{1,60}", _I)
_COMMENTS = re.compile(
    r"comments?(?:\s*\(\d+\))?:?|\d+\s+comments?|blog comments powered by disqus|comments powered by disqus"
    r"|(?:leave|post|add|view|show|load|read|see) (?:a |the |all |\d+ )?comments?\W*.{0,40}|comments are closed\.?"
    r"|join the (?:conversation|discussion)\W*|disqus",
    _I,
)
#: a copyright notice: starts with ©, "(c) 2025" or "Copyright ©/(c)/2025/by", or reserves all rights
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4}|by\b)).{0,300}|.{0,200}\ball rights reserved\b.{0,100}", _I
)
_FOOTER = re.compile(
    r"visit (?:us at )?(?:www\.)?[\w-]+\.[\w.]+\b.{0,100}|distributed by .{1,100}"
    r"|follow (?:us|[\w .]{1,40}) on (?:twitter|x|facebook|instagram|linkedin|threads|bluesky|mastodon|tiktok|youtube)\b.{0,100}"
    r"|follow us\b.{0,60}|sign up (?:for|to) .{1,120}|subscribe (?:to|now|today|for)\b.{0,120}|subscribe"
    r"|(?:related|recommended)(?: articles| stories| coverage| content| reading)?(?::.{0,100})?"
    r"|more (?:from|on|about|stories from) [^.!?]{1,60}|read (?:more|next)\b.{0,100}|tags?: .{1,200}|topics?: .{1,200}"
    r"|filed under:? .{1,100}|click here\b.{0,100}|contact (?:us|the (?:author|reporter|writer|newsroom))\b.{0,100}"
    r"|(?:this|the) (?:story|article) (?:was|has been) (?:updated|corrected)\b.{0,150}",
    _I,
)
_MIDDLE = re.compile(
    r"(?:advertisement|story continues below(?: advertisement)?|continue reading(?: below)?"
    r"|share this(?: article| story)?|read more|related(?: articles| stories)?:?|sign up for .{1,40}newsletter.{0,20}"
    r"|follow us on \w+)\W*",
    _I,
)
_CREDIT = re.compile(
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
_DATE_LINE = re.compile(_DATE_PREFIX + _TIME_FIRST + _DATE_BODY + _TIME + r"\W*", _I)
_DATE_ANY = re.compile(_DATE_BODY, _I)

_OUTLET_WORDS = re.compile(
    r"\b(?:press|news|reuters|bloomberg|times|post|journal|herald|tribune|guardian|telegraph|bbc|cnn|npr|afp|ap"
    r"|agency|agence|wire|media|magazine|daily|gazette|observer|independent|economist|politico|axios|network"
    r"|radio|television|tv|service|syndicate|publishing|review|chronicle|examiner|inquirer|courier|star)\b",
    _I,
)
_ROLE_WORDS = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|bureau|chief|senior|special"
    r"|international|political|national|foreign|business|science|health|analyst|producer|photographer)\b",
    _I,
)
_PARTICLES = r"(?:de|da|di|del|della|van|von|der|den|la|le|du|bin|ibn|al|el|ben|st\.?)"
_NAME_WORD = r"[A-ZÀ-Þ][\w'’.-]*"
_NAME = _NAME_WORD + r"(?:\s+(?:" + _NAME_WORD + "|" + _PARTICLES + r")){1,3}"
_NAME_RE = re.compile(_NAME)
_NAMES_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+")
_BY = re.compile(r"by\s+(?P<rest>.{3,150})", _I)
_BARE_BYLINE = re.compile(
    r"(?P<names>" + _NAME + r"(?:\s+(?:and|&)\s+" + _NAME + r")?)\s*(?:,|\||·|•|—|–|/)\s*"
    r"(?P<rest>[A-Z][\w&.'’ -]{1,60}?)(?:\s+on\b(?P<on>.{0,60}))?"
)
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})?)"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{1,30})\)\s*)?(?:—|–|--|-|:)\s"
)

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
    if len(line) > 160 or line.endswith((".", "?", "!")) and not line.endswith(("Jr.", "Sr.")):
        return None
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
    low = line.lower().rstrip(":")
    if low in _NAV_PHRASES or _full(_NAV_SYMBOLS, line, 10):
        return True
    return _full(_BREADCRUMB, line, 100) and not line.endswith(".") and any(s in line for s in (">", "»", "›", " / ", " | "))


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


# -- cleaning -------------------------------------------------------------------------

_BLANK = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*")


@dataclass
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

    def flush() -> None:
        if len(current) > 1 and max(line.end - line.start for line in current) > _UNWRAPPED:
            blocks.extend([line] for line in current)
        elif current:
            blocks.append(list(current))
        current.clear()

    pos = 0
    n = len(s)
    while pos <= n:
        nl = s.find("\n", pos)
        end = n if nl < 0 else nl
        line = s[pos:end]
        if _BLANK.fullmatch(line):
            flush()
        else:
            lead = len(line) - len(line.lstrip())
            trail = len(line.rstrip())
            current.append(_Line(pos + lead, pos + trail))
        if nl < 0:
            break
        pos = nl + 1
    flush()
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

    def choose_title(self, candidates: list[_Line]) -> int:
        """The title is the first short head line that is not the site's name.

        A site name is one word, a domain, a well-known outlet, or a short line
        that the byline, copyright or footer lines name again.  Site names and
        crumbs before the title are removed; lines after it (a deck) are kept.
        Returns how many candidates (from the first) were removed.
        """
        s = self.s
        named = " | ".join(
            s[a:b].lower() for a, b, reason in self.removed if reason in ("byline", "copyright", "footer", "credit")
        )
        if self.publisher:
            named += " | " + self.publisher.lower()

        def site(line: str) -> bool:
            return _site_like(line) or (len(line.split()) <= 4 and line.lower() in named)

        texts = [c.text(s) for c in candidates]
        index = next((k for k, t in enumerate(texts) if not site(t)), len(texts) - 1)
        for line, text in zip(candidates[:index], texts[:index]):
            self.drop(line, "navigation" if _is_nav(text) else "publisher")
        self.title = texts[index]
        return index

    def strip_block(self, block: list[_Line], reason_of) -> list[_Line]:
        """Drop boilerplate lines from both ends of a block; return what is left."""
        s = self.s
        while block:
            reason = reason_of(block[0].text(s))
            if not reason:
                break
            self.drop(block.pop(0), reason)
        while block:
            reason = reason_of(block[-1].text(s))
            if not reason:
                break
            self.drop(block.pop(), reason)
        return block

    def run(self) -> list[list[_Line]]:
        s = self.s
        blocks = _blocks(s)
        kept: list[list[_Line] | None] = [None] * len(blocks)
        # head: boilerplate lines, the title and any deck lines (short single
        # lines) until the first body paragraph
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
            body = i
            break
        # dateline at the start of the first body paragraph
        first = kept[body] if body < len(blocks) else None
        if first:
            m = _DATELINE.match(first[0].text(s))
            if m and len(m.group("place")) <= 60:
                self.dateline = m.group("place")
                if m.group("agency") and self.publisher is None:
                    self.publisher = m.group("agency").strip()
        # tail: boilerplate from the end, up to the last body paragraph
        tail = len(blocks)
        for i in range(len(blocks) - 1, body, -1):
            tail = i
            left = self.strip_block(blocks[i], self.tail_reason)
            if left:
                kept[i] = left
                break
        # middle: only unmistakable single lines
        for i in range(body + 1, tail):
            block = blocks[i]
            reason = self.middle_reason(block[0].text(s)) if len(block) == 1 else None
            if reason:
                self.drop(block[0], reason)
            else:
                kept[i] = block
        if candidates:
            dropped = self.choose_title([kept[i][0] for i in candidates])  # type: ignore[index]
            for i in candidates[:dropped]:
                kept[i] = None
        return [b for b in kept if b]


def clean_article(source: str) -> Cleaned:
    """Sanitise and clean a decoded article (see the module docstring)."""
    s, segs, deleted = _sanitize_map(source)
    cleaner = _Cleaner(s)
    paragraphs_s = cleaner.run()

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
    final = _compose(outer, segs)

    offset_map: list[tuple[int, int, int]] = []
    for o, n, src, _sn, exact in final:
        if offset_map:
            po, ps, pn = offset_map[-1]
            if po + pn == o and ps + pn == src:  # continues the previous run
                if exact:
                    offset_map[-1] = (po, ps, pn + n)
                continue
        offset_map.append((o, src, n) if exact else (o, src, 0))

    starts = [seg[0] for seg in segs]
    removed = [
        Removed(a, b, _describe_controls(source[a:b]), "control") for a, b in deleted
    ]
    for a, b, reason in cleaner.removed:
        src_a, src_b = _seg_start(segs, starts, a), _seg_end(segs, starts, b)
        removed.append(Removed(src_a, src_b, s[a:b], reason))
    removed.sort(key=lambda r: (r.start, r.end))

    title_span = None
    if cleaner.title is not None and paragraphs and text[: paragraphs[0].end] == cleaner.title:
        title_span = (0, paragraphs[0].end)
    meta = Meta(
        title=cleaner.title if title_span else None,
        byline=cleaner.byline,
        date=cleaner.date,
        dateline=cleaner.dateline,
        publisher=cleaner.publisher,
        title_span=title_span,
    )
    return Cleaned(text, meta, tuple(paragraphs), tuple(removed), tuple(offset_map))
