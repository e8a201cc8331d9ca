"""Terminal safety for untrusted text: nothing from outside reaches the screen as a command.

``sanitize`` makes any untrusted string safe to show in a terminal,
``one_line`` folds it onto one line for a label or a status line,
``display_safe`` draws bidirectional controls as U+FFFD (same length, so
offsets still line up), and ``printable`` does both, for text written out
by the text and CSV exports.

File names are not cleaned but escaped, so the user can still tell which
file it was: ``escape_name`` writes a byte that is not UTF-8 as ``\xff``, a
control character as ``\x1b`` (``\t``, ``\n``, ``\r``) and a bidirectional
control as ``\u202e``.  ``json_safe`` escapes, inside JSON text, what JSON
itself leaves raw (DEL, C1 controls, bidirectional controls, lone
surrogates), so the values stay exact and the bytes stay harmless.

``strip_controls`` is the machinery under ``sanitize``: it deletes escape
sequences and controls and expands tabs, and says with segments where every
output character came from, so the cleaner (``newsview.clean``) can map the
article it shows back to the file it read.

Importing this module compiles nothing: the app imports it on the way to
its first frame, and the patterns are compiled on their first use.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from functools import cache

__all__ = [
    "BIDI_CONTROLS",
    "TAB_SIZE",
    "Segment",
    "describe_controls",
    "display_safe",
    "escape_name",
    "escape_undecodable",
    "json_safe",
    "one_line",
    "printable",
    "sanitize",
    "strip_controls",
]

TAB_SIZE = 4

#: A segment of a transformed string: (out_start, out_len, src_start, src_len, exact).
#: exact: out[out_start:+out_len] == src[src_start:+src_len]; otherwise the
#: output characters were rewritten from that source span.
Segment = tuple[int, int, int, int, bool]


@cache
def _junk() -> re.Pattern[str]:
    """Terminal escape sequences, then single control characters (C0 except
    \\t and \\n, DEL, C1) and lone surrogates.  String-type sequences (OSC, DCS,
    SOS, PM, APC) end at their terminator or, for safety of the prose around
    them, at the end of the line."""
    return re.compile(
        r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI (colours, cursor moves, ...)
        r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
        r"|\x1b\][^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC (title, clipboard, hyperlinks)
        r"|\x1b[PX^_][^\x1b\x9c\n]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC
        r"|\x1b[!-/]+[0-~]"  # nF escapes (character sets: ESC ( B)
        r"|\x1b[0-~]?"  # two-character escapes (ESC 7, ESC c, ...); a lone ESC
        r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]+"  # other controls
    )


@cache
def _control() -> re.Pattern[str]:
    """The first character of every match of ``_junk()``."""
    return re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def _junk_matches(text: str) -> Iterator[re.Match[str]]:
    """``_junk().finditer(text)``, found faster: every match starts at a control
    character and one starts at each, so only those places are tried."""
    search = _control().search
    match = _junk().match
    pos = 0
    while True:
        found = search(text, pos)
        if found is None:
            return
        m = match(text, found.start())
        assert m is not None  # a control character is a match on its own
        yield m
        pos = m.end()


def strip_controls(source: str) -> tuple[str, list[Segment], list[tuple[int, int]]]:
    """Delete escapes and controls, expand tabs; return text, segments, deleted spans."""
    out: list[str] = []
    segs: list[Segment] = []
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


def sanitize(text: str) -> str:
    """Make an untrusted string safe for a terminal.

    Removes terminal escape sequences (CSI, OSC, DCS/SOS/PM/APC, two-character
    escapes, 8-bit CSI), C1 controls, C0 controls except newline and tab, DEL
    and lone surrogates; expands tabs (to multiples of 4 columns); NFC-normalises.
    """
    out, _, _ = strip_controls(text)
    return unicodedata.normalize("NFC", out)


#: Bidirectional controls can make a terminal reorder what it shows (the
#: "Trojan Source" trick).  ``display_safe`` draws them as U+FFFD, one
#: character for one, so offsets still line up with the text.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
_DISPLAY_SAFE = str.maketrans({c: "\ufffd" for c in BIDI_CONTROLS})


@cache
def _emoji_joiner() -> re.Pattern[str]:
    """A zero-width joiner after an emoji (or after the skin tone or variation selector
    that ends one): the joiner of an emoji sequence such as the family 👨‍👩‍👧‍👦."""
    return re.compile("(?<=[\u00a9\u00ae\u203c-\u3299\ufe0f\U0001f000-\U0001ffff])\u200d")


def display_safe(text: str) -> str:
    """``text`` as a terminal can draw it at the width Rich measures (same length).

    Bidirectional controls are shown as U+FFFD.  The zero-width joiners of emoji
    sequences become non-joiners: Rich measures a joined sequence (👨‍👩‍👧‍👦) as one
    two-column emoji, while many terminals (tmux, xterm, VTE) draw each emoji of
    it, so what follows on the line would shift.  Unjoined, the emoji are drawn
    side by side everywhere, at the width measured.  A joiner in a script that
    needs it (Devanagari, Arabic) is kept.
    """
    text = text.translate(_DISPLAY_SAFE)
    if "\u200d" in text:
        text = _emoji_joiner().sub("\u200c", text)
    return text


def one_line(text: str) -> str:
    """Untrusted text for a one-line display: escapes and controls removed,
    whitespace folded, bidirectional controls shown as U+FFFD."""
    return display_safe(" ".join(sanitize(text).split()))


def printable(text: str) -> str:
    """Untrusted text for any output but JSON: ``sanitize`` (escapes and controls
    removed, newlines kept), then bidirectional controls shown as U+FFFD."""
    return display_safe(sanitize(text))


#: the surrogates Python decodes a byte that is not UTF-8 to (os.fsdecode, surrogateescape)
_UNDECODABLE = range(0xDC80, 0xDD00)


@cache
def _undecodable_table() -> dict[int, str]:
    return {code: f"\\x{code - 0xDC00:02x}" for code in _UNDECODABLE}


@cache
def _name_table() -> dict[int, str]:
    table = {code: f"\\x{code:02x}" for code in (*range(0x20), *range(0x7F, 0xA0))}
    table.update({ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r"})
    table.update({ord(c): f"\\u{ord(c):04x}" for c in BIDI_CONTROLS})
    table.update({code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)})
    table.update(_undecodable_table())
    return table


def escape_undecodable(name: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name with each byte that is not UTF-8 written ``\\xNN`` (valid UTF-8, every other character kept)."""
    return os.fsdecode(name).translate(_undecodable_table())


def escape_name(name: str | bytes | os.PathLike[str] | os.PathLike[bytes]) -> str:
    """A file name as every output shows it: one line, inert, and telling which file it was.

    A byte that is not UTF-8 is written ``\\xNN``; tab, newline and carriage
    return as ``\\t``, ``\\n``, ``\\r``; any other control character (C0,
    DEL, C1: ESC is ``\\x1b``) as ``\\xNN``; a bidirectional control, which
    would reorder the name on screen, as ``\\u202e`` and the like.
    """
    return os.fsdecode(name).translate(_name_table())


@cache
def _json_unsafe() -> re.Pattern[str]:
    """What ``json.dumps(ensure_ascii=False)`` leaves raw that a terminal acts on, that UTF-8
    cannot carry, or that a line-splitting reader takes for the end of a JSON Lines line
    (U+2028, U+2029: Python's ``str.splitlines`` and older JavaScript do)."""
    return re.compile("[\x7f-\x9f\u2028\u2029" + BIDI_CONTROLS + "\ud800-\udfff]")


def json_safe(json_text: str) -> str:
    """JSON text with DEL, C1 controls, line and paragraph separators, bidirectional controls
    and lone surrogates as ``\\uXXXX`` escapes.

    These characters only occur inside JSON strings, where the escape means
    the same character: the decoded values are unchanged.
    """
    if _json_unsafe().search(json_text) is None:
        return json_text
    return _json_unsafe().sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


_ESCAPE_KINDS = (
    ("\x1b[", "CSI"), ("\x9b", "CSI"), ("\x1b]", "OSC"), ("\x1bP", "DCS"), ("\x1bX", "SOS"),
    ("\x1b^", "PM"), ("\x1b_", "APC"), ("\x1b", "ESC"),
)


def describe_controls(raw: str) -> str:
    """Say what a deleted run of escapes/controls was, without repeating its payload."""
    kinds: list[str] = []
    i = 0
    for m in _junk().finditer(raw):
        seq = m.group()
        kind = next((name for prefix, name in _ESCAPE_KINDS if seq.startswith(prefix)), "control")
        if not kinds or kinds[-1] != kind:
            kinds.append(kind)
        i += 1
    what = ", ".join(kinds[:4]) + (", ..." if len(kinds) > 4 else "")
    return f"{i} escape/control sequence{'s' if i != 1 else ''} ({what}), {len(raw)} chars"
