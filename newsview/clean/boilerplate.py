"""What one line of page boilerplate looks like: dates, bylines, menus, site names, titles.

Each function here judges a single stripped line (or a line and the one
after it); the passes over the whole article (``plain``) decide where in the
article such a line may be removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date

from .patterns import (
    KNOWN_SITES,
    MONTHS,
    NAV_PHRASES,
    Rules,
    bare_byline_re,
    by_re,
    crumb_re,
    crumb_separator_re,
    date_any_re,
    date_line_re,
    dateline_re,
    domain_re,
    name_re,
    names_split_re,
    nav_symbols_re,
    outlet_words_re,
    role_words_re,
)


def rule_reason(line: str, rules: Rules) -> str | None:
    """The reason of the first rule whose pattern is the whole line, else None."""
    if len(line.split()) > 30:  # a real sentence, whatever it starts with
        return None
    for pattern, max_len, reason in rules:
        if is_whole_match(pattern(), line, max_len):
            return reason
    return None


#: the longest line that may be a title
TITLE_MAX = 200


def is_whole_match(pattern: re.Pattern[str], line: str, max_len: int = 400) -> bool:
    """``pattern`` matches all of ``line``, which is at most ``max_len`` characters long."""
    return len(line) <= max_len and pattern.fullmatch(line) is not None


def iso_date(m: re.Match[str]) -> str | None:
    """The ISO form of a date matched by ``date_line_re`` or ``date_any_re``; None if it is no real date."""
    g = m.groupdict()
    try:
        if g.get("iso"):
            y, mo, d = (int(x) for x in g["iso"].split("-"))
        elif g.get("slash"):
            mo, d, y = (int(x) for x in g["slash"].split("/"))  # US order
        elif g.get("month"):
            y, mo, d = int(g["year"]), MONTHS[g["month"].lower()], int(g["day"])
        else:
            y, mo, d = int(g["year2"]), MONTHS[g["month2"].lower()], int(g["day2"])
        return _date(y, mo, d).isoformat()
    except (ValueError, KeyError, TypeError):
        return None


def date_of(line: str) -> str | None:
    """The date a date-only line states (ISO when parseable), else None."""
    if len(line) > 100:
        return None
    m = date_line_re().fullmatch(line)
    if not m:
        return None
    return iso_date(m) or line


def as_person(name: str) -> str:
    """A name as people write it ("JANE DOE" in a shouted byline is "Jane Doe")."""
    return name.title() if name.isupper() else name


@dataclass
class Byline:
    """What a byline line says: who wrote the article, and maybe for whom and when."""

    people: list[str]
    publisher: str | None = None
    date: str | None = None


def _parse_by(rest: str) -> Byline | None:
    """Parse what follows "By": names, then outlet / role / date items."""
    parts = [p.strip() for p in re.split(r"\s+(?:\||·|•|—|–)\s+|\s+-\s+", rest) if p.strip()]
    if not parts:
        return None
    head, *others = parts
    result = Byline([])
    for item in [x.strip() for x in head.split(",") if x.strip()] + others:
        if date_any_re().search(item):
            date = date_of(item)
            if not date:
                return None
            result.date = result.date or date
        elif outlet_words_re().search(item):
            if not re.fullmatch(r"(?:the\s+)?[A-Z][\w&.'’ -]{1,60}", item, re.IGNORECASE):
                return None
            result.publisher = result.publisher or item
        elif result.people and role_words_re().search(item) and len(item.split()) <= 5:
            continue
        else:
            names = [n for n in names_split_re().split(re.sub(r"^and\s+", "", item)) if n]
            if not names or not all(name_re().fullmatch(n) for n in names):
                return None
            result.people.extend(as_person(n) for n in names)
    if not result.people and result.publisher is None:
        return None
    return result


def byline_of(line: str) -> Byline | None:
    """The byline a line is ("By Jane Doe, Reuters", "Nick Wadhams, Bloomberg News on ..."), else None."""
    if len(line) > 160 or line.endswith(("?", "!")):
        return None
    if line.endswith(".") and not line.endswith(("Jr.", "Sr.")):
        line = line[:-1]  # "By Jane Doe." (a sentence fails the name checks anyway)
    m = by_re().fullmatch(line)
    if m:
        return _parse_by(m.group("rest"))
    m = bare_byline_re().fullmatch(line)
    if m and outlet_words_re().search(m.group("rest")):
        people = [as_person(n) for n in names_split_re().split(m.group("names")) if n]
        on = (m.group("on") or "").strip()
        date = None
        if on:
            dm = date_any_re().search(on)
            if not dm:
                return None
            date = iso_date(dm) or on
        return Byline(people, m.group("rest").strip(), date)
    return None


def join_people(people: list[str]) -> str | None:
    """People as a byline names them: "A", "A and B", "A, B and C"; None for nobody."""
    if not people:
        return None
    if len(people) == 1:
        return people[0]
    return ", ".join(people[:-1]) + " and " + people[-1]


def is_nav(line: str) -> bool:
    """Menu words, lone separator symbols, and breadcrumbs ("Home > World > Europe")."""
    low = line.lower().rstrip(":")
    if low in NAV_PHRASES or is_whole_match(nav_symbols_re(), line, 10):
        return True
    if len(line) > 100 or line.endswith("."):
        return False
    items = [i.strip() for i in crumb_separator_re().split(line)]
    if len(items) < 2 or not all(crumb_re().fullmatch(i) for i in items):
        return False
    # "Ukraine / Russia talks stall" is a headline; arrows, three crumbs or "Home" are not
    return any(s in line for s in ">»›") or len(items) >= 3 or items[0].lower() in NAV_PHRASES


def site_like(line: str) -> bool:
    """A well-known outlet, a domain, or a single short word: the site's name, not a title."""
    return (
        line.lower() in KNOWN_SITES
        or is_whole_match(domain_re(), line, 60)
        or (" " not in line and len(line) <= 30 and line[:1].isalpha() and not line.endswith("."))
    )


def title_like(line: str) -> bool:
    """Short, with letters, not ending like a sentence (a final "..." is allowed)."""
    if not 0 < len(line) <= TITLE_MAX or not any(ch.isalpha() for ch in line):
        return False
    return line.endswith("...") or not line.endswith((".", ":", ";", ","))


def continues(line: str, following: str) -> bool:
    """Does ``following`` carry on the sentence of ``line`` (a hard-wrapped paragraph)?"""
    if following[:1].islower():
        return True
    return len(line) >= 50 and not line.endswith((".", "!", "?", ":", '"', "”", "’", "'", ")"))


def sentence_title(line: str, following: str) -> bool:
    """A headline written with a final period ("Senate passes the budget.").

    Told from a one-sentence first paragraph by being one short sentence that
    is in Title Case, or is followed by a dateline or a byline.
    """
    if not line.endswith(".") or line.endswith("...") or len(line) > 150 or dateline_re().match(line):
        return False
    words = line.split()
    if len(words) > 25 or re.search(r"[a-z]{2,}[.!?][\"'”’)]?\s+[A-Z]", line[:-1]):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised >= 0.6 * len(words) or bool(dateline_re().match(following)) or byline_of(following) is not None
