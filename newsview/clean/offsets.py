"""Offsets: where each character of the cleaned text came from in the source.

Every step that changes the text (stripping escapes and expanding tabs,
NFC-normalising, keeping only the body paragraphs, reducing an HTML page to
its text) says so with segments (``newsview.safe_text.Segment``): runs of
output characters and the source span they came from, copied exactly or
rewritten.  ``compose`` chains two steps' segments; ``offset_runs`` turns
the chain into the document's ``offset_map``, which ``source_offset`` reads.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from ..model import map_offset
from ..safe_text import Segment, strip_controls

__all__ = ["compose", "offset_runs", "sanitize_map", "seg_end", "seg_start", "source_offset"]


def source_offset(offset_map: tuple[tuple[int, int, int], ...] | list, offset: int) -> int:
    """Map an offset in the cleaned text to the source text (see ``model.map_offset``)."""
    return map_offset(offset_map, offset)


def sanitize_map(source: str) -> tuple[str, list[Segment], list[tuple[int, int]]]:
    """``safe_text.sanitize(source)``, with segments into ``source`` and the deleted spans."""
    text, segs, deleted = strip_controls(source)
    if not unicodedata.is_normalized("NFC", text):
        text, nfc = _nfc_segments(text)
        segs = compose(nfc, segs)
    return text, segs, deleted


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


@cache
def _non_ascii_word() -> re.Pattern[str]:
    return re.compile(r"[^ ]*[^\x00-\x7f][^ ]*")


def _nfc_segments(text: str) -> tuple[str, list[Segment]]:
    """NFC-normalise ``text``; segments map the result back to ``text``."""
    out: list[str] = []
    segs: list[Segment] = []
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
            for m in _non_ascii_word().finditer(line):
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


def compose(outer: Sequence[Segment], inner: list[Segment]) -> list[Segment]:
    """Chain two maps: ``outer`` maps C to B, ``inner`` B to A; result C to A."""
    starts = [s[0] for s in inner]
    result: list[Segment] = []
    for o, n, i, i_n, exact in outer:
        if not exact:
            a = seg_start(inner, starts, i)
            b = seg_end(inner, starts, i + i_n) if i_n else a
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


def seg_start(segs: list[Segment], starts: list[int], i: int) -> int:
    """Source position of output character ``i`` (``starts``: each segment's output start)."""
    if not segs:
        return i
    k = max(bisect_right(starts, i) - 1, 0)
    o, n, s, sn, exact = segs[k]
    if i >= o + n:
        return s + sn
    return s + (i - o) if exact else s


def seg_end(segs: list[Segment], starts: list[int], j: int) -> int:
    """Source position just after output character ``j - 1``."""
    if j <= 0 or not segs:
        return seg_start(segs, starts, j)
    k = max(bisect_right(starts, j - 1) - 1, 0)
    o, n, s, sn, exact = segs[k]
    if exact:
        return s + min(j - o, n)
    return s + sn if j >= o + n else s


def offset_runs(outer: list[Segment], segs: list[Segment], length: int) -> list[tuple[int, int, int]]:
    """The ``offset_map`` runs of a text whose pieces (``outer``) were cut from
    a sanitised text of ``length`` characters that ``segs`` maps to the source.

    A character copied exactly lies in a run; a rewritten one (a tab, an NFC
    composition) is anchored by a zero-length run where its source starts.
    """
    offset_map: list[tuple[int, int, int]] = []
    if len(segs) == 1 and segs[0] == (0, length, 0, length, True):
        # sanitising changed nothing (no escapes, tabs or compositions): each
        # paragraph is one run (they never touch: a blank line lies between)
        offset_map = [(o, src, n) for o, n, src, _sn, _exact in outer]
        final: list[Segment] = []
    else:
        final = compose(outer, segs)
    for o, n, src, _sn, exact in final:
        if offset_map:
            po, ps, pn = offset_map[-1]
            if po + pn == o and ps + pn == src:  # continues the previous run
                if exact:
                    offset_map[-1] = (po, ps, pn + n)
                continue
        offset_map.append((o, src, n) if exact else (o, src, 0))
    return offset_map
