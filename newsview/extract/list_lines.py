"""Names that only lists, datelines and footnotes give are not actors.

A web page carries lines that are not prose: a tour's dates ("June 9 -- Coral
Sky Amphitheatre, West Palm Beach, FL"), a block of links to other articles,
a numbered section heading ("4. Questioning Vindman's judgment"), a dateline
standing alone ("BAAR, SWITZERLAND"), a footnote ("[1] Ruskin KJ,
Hueske-Kraus D. Curr Opin Anaesthesiol. 2015").  The tagger takes their
venues, towns, products and authors for organisations and people the article
never speaks of.  A name whose every mention lies in such lines, and that
the prose does not name, is therefore no actor - unless it is plainly a
person's name (a known given name first), as in a list of players or credits.
A quoted actor always stays.
"""

from __future__ import annotations

import re

from .actor_drops import without_actors
from .extraction import Extraction
from .headlines import LIST_LINES, title_case_runs
from .names import gender_of_given_name

#: a line longer than this is prose, whatever its neighbours
LIST_LINE_CHARS = 150
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: "June 9 -- Venue, Town, ST", "12/03 | Venue", "Oct. 3: Venue": a dated entry of a schedule
_SCHEDULE = re.compile(
    rf"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTH}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}(?:[/.]\d{{2,4}})?)\s*(?:--|[-–—:|])\s*\S",
    re.IGNORECASE,
)
#: "4. Questioning Vindman's judgment": a numbered section heading (short, with no full stop at its end)
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}[.)]\s+\S.{0,80}$")
#: "[1] Author A, Author B. Journal. 2015": a footnote or reference
_FOOTNOTE = re.compile(r"^\s*(?:\[\d{1,3}\]|\^)")
#: last words of venues and places that a given name may start ("Virginia Beach", "Marion Center")
_VENUE_HEADS = frozenset(
    "beach center centre arena pavilion amphitheatre amphitheater stadium theater theatre hall park garden gardens "
    "square club bar hotel casino field falls".split()
)


def _dateline(line: str) -> bool:
    """A line of capitals alone, a town and its country: "BAAR, SWITZERLAND"."""
    letters = [c for c in line if c.isalpha()]
    return 3 <= len(letters) and all(c.isupper() for c in letters) and len(line.split()) <= 6 \
        and not re.search(r"[.!?]$", line.strip())


def list_line_spans(text: str) -> list[tuple[int, int]]:
    """The lines of ``text`` that are entries of a list, a dateline or a footnote rather than prose."""
    spans: set[tuple[int, int]] = set()
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    # three or more short lines with no blank line between them: a list, a table, an address
    blocks: list[list[tuple[int, int]]] = []
    for a, b in lines:
        if blocks and text[blocks[-1][-1][1] : a] == "\n" and b - a <= LIST_LINE_CHARS \
                and blocks[-1][-1][1] - blocks[-1][-1][0] <= LIST_LINE_CHARS:
            blocks[-1].append((a, b))
        else:
            blocks.append([(a, b)])
    for block in blocks:
        if len(block) >= LIST_LINES:
            spans.update(block)
    for a, b in lines:
        line = text[a:b]
        numbered_heading = _NUMBERED_HEADING.match(line) and not re.search(r"[.!?:;,\"”]$", line.strip())
        if _SCHEDULE.match(line) or _FOOTNOTE.match(line) or _dateline(line) or numbered_heading:
            spans.add((a, b))
    # three or more title-case lines in a row (related links, a menu); the title opening the text is a heading
    for run in title_case_runs(text):
        if len(run) >= LIST_LINES:
            spans.update(run[1:] if not text[: run[0][0]].strip() else run)
    return sorted(spans)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _person_name(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and gender_of_given_name(words[0].lower()) is not None \
        and words[-1].lower() not in _VENUE_HEADS


def drop_list_names(text: str, found: Extraction) -> Extraction:
    """``found`` without the actors that only list entries, datelines and footnotes name."""
    spans = list_line_spans(text)
    if not spans:
        return found
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    prose = "".join(chars)
    dropped: set[str] = set()
    for actor in found.actors:
        if actor.quotes or not actor.mentions or actor.family not in ("person", "org", "place"):
            continue
        if actor.kind == "PERSON" and _person_name(actor.name):
            continue
        if not all(_inside(spans, s, e) for s, e in actor.mentions):
            continue
        names = (actor.name, *actor.aliases)
        if any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", prose) for n in names if n.strip()):
            continue
        dropped.add(actor.id)
    return without_actors(found, dropped)
