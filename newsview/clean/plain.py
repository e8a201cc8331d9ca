"""Cleaning plain text: boilerplate lines out, the title and metadata found.

The sanitised article is cut into blocks (runs of non-blank lines, see
``split_blocks``); boilerplate is removed as whole lines, eagerly in the head
(before the first body paragraph) and the tail, sparingly in the middle,
where only a few unmistakable lines ("Advertisement", "* * *") go.  The
"By ..." line gives the byline (the people) and the publisher (the outlet).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .boilerplate import (
    as_person,
    byline_of,
    continues,
    date_of,
    is_nav,
    is_whole_match,
    join_people,
    rule_reason,
    sentence_title,
    site_like,
    title_like,
)
from .patterns import (
    HEAD_RULES,
    NOT_PLACES,
    TAIL_RULES,
    ZERO_WIDTH,
    blank_re,
    comments_re,
    copyright_re,
    credit_re,
    dateline_re,
    middle_re,
    name_re,
    names_split_re,
    separator_re,
)


@dataclass(slots=True)
class Line:
    """One line of the sanitised text, without its surrounding whitespace."""

    start: int  # stripped span in the sanitised text
    end: int

    def text(self, s: str) -> str:
        return s[self.start : self.end]


#: a block with a line this long was not hard-wrapped: each of its lines is a paragraph
_UNWRAPPED = 120


def split_blocks(s: str) -> list[list[Line]]:
    """Runs of non-blank lines (stripped spans); whitespace-only lines separate them.

    Text with one paragraph per line and no blank lines between them (common
    in copied web pages) is told from hard-wrapped text by its long lines.
    """
    blocks: list[list[Line]] = []
    current: list[Line] = []
    pos = 0
    for line in s.split("\n"):
        stripped = line.strip()
        # blank: nothing but whitespace and zero-width characters
        if not stripped or (stripped[0] in ZERO_WIDTH and blank_re().fullmatch(stripped)):
            if current:
                if len(current) > 1 and max(x.end - x.start for x in current) > _UNWRAPPED:
                    blocks.extend([x] for x in current)
                else:
                    blocks.append(current)
                current = []
        elif stripped is line:
            current.append(Line(pos, pos + len(line)))
        else:
            lead = len(line) - len(line.lstrip())
            current.append(Line(pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    if current:
        if len(current) > 1 and max(x.end - x.start for x in current) > _UNWRAPPED:
            blocks.extend([x] for x in current)
        else:
            blocks.append(current)
    return blocks


#: a title is looked for among the first blocks only
_HEAD_BLOCKS = 15


class Cleaner:
    """The passes over one sanitised article that remove its boilerplate.

    ``run`` cleans a whole article: a head pass (title, byline, date, menus
    before the first body paragraph), the dateline, a tail pass (footers,
    copyright, credits after the last one) and a middle pass that removes
    only unmistakable lines.  ``article.clean_head`` runs the same passes
    over the first part and the end of a long article.  What they find goes
    to ``removed`` (spans of the sanitised text) and the metadata fields.
    """

    def __init__(self, s: str) -> None:
        self.s = s
        self.removed: list[tuple[int, int, str]] = []  # sanitised-text span, reason
        self.title: str | None = None
        self.byline: str | None = None
        self.publisher: str | None = None
        self.date: str | None = None
        self.dateline: str | None = None

    def drop(self, line: Line, reason: str) -> None:
        self.removed.append((line.start, line.end, reason))

    # each classifier returns a reason, or None to keep the line
    def head_reason(self, t: str) -> str | None:
        # "By ..." first: "By Jane Doe | Reuters" is no breadcrumb
        if t[:3].lower() == "by " and self.take_byline(t):
            return "byline"
        if is_nav(t):
            return "navigation"
        if is_whole_match(separator_re(), t, 200):
            return "separator"
        date = date_of(t)
        if date:
            self.date = self.date or date
            return "date"
        if self.take_byline(t):
            return "byline"
        return rule_reason(t, HEAD_RULES)

    def take_byline(self, t: str) -> bool:
        by = byline_of(t)
        if by:
            self.byline = self.byline or join_people(by.people)
            self.publisher = self.publisher or by.publisher
            self.date = self.date or by.date
        return by is not None

    def tail_reason(self, t: str) -> str | None:
        if is_whole_match(separator_re(), t, 200):
            return "separator"
        if is_whole_match(comments_re(), t, 80):
            return "comments"
        if is_whole_match(copyright_re(), t, 300):
            return "copyright"
        if is_whole_match(credit_re(), t, 300):
            m = re.match(r"\(?\s*(?:additional )?reporting by (.+?)(?:;|\)|$| in )", t, re.IGNORECASE)
            if m and self.byline is None:
                names = [n for n in names_split_re().split(m.group(1).strip()) if name_re().fullmatch(n)]
                self.byline = join_people([as_person(n) for n in names])
            return "credit"
        return rule_reason(t, TAIL_RULES)

    def middle_reason(self, t: str) -> str | None:
        if is_whole_match(separator_re(), t, 80):
            return "separator"
        if is_whole_match(middle_re(), t, 60):
            return "advertisement" if t.lower().startswith(("adv", "story", "cont")) else "footer"
        return None

    def named(self) -> list[str]:
        """The byline, copyright, footer and credit lines removed so far, and the publisher (lowercase)."""
        s = self.s
        named = [s[a:b].lower() for a, b, reason in self.removed if reason in _NAMING]
        if self.publisher:
            named.append(self.publisher.lower())
        return named

    def choose_title(self, candidates: list[Line], also_named: Sequence[str] = ()) -> int:
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
            if site_like(line):
                return True
            if len(line.split()) > 4:
                return False
            low = line.lower()
            return any(low in n for n in named)

        texts = [c.text(s) for c in candidates]
        index = next((k for k, t in enumerate(texts) if not site(t)), len(texts) - 1)
        for line, text in zip(candidates[:index], texts[:index]):
            self.drop(line, "navigation" if is_nav(text) else "publisher")
        self.title = texts[index]
        return index

    def strip_block(self, block: list[Line], reason_of: Callable[[str], str | None]) -> list[Line]:
        """Drop boilerplate lines from both ends of a block; return what is left.

        Inside a hard-wrapped paragraph a line that merely looks like
        boilerplate ("March 14, 2025." closing a sentence) is left alone.
        """
        s = self.s
        while block:
            if len(block) > 1 and continues(block[0].text(s), block[1].text(s)):
                break
            reason = reason_of(block[0].text(s))
            if not reason:
                break
            self.drop(block.pop(0), reason)
        while block:
            if len(block) > 1 and continues(block[-2].text(s), block[-1].text(s)):
                break
            reason = reason_of(block[-1].text(s))
            if not reason:
                break
            self.drop(block.pop(), reason)
        return block

    def run(self) -> list[list[Line]]:
        blocks = split_blocks(self.s)
        kept: list[list[Line] | None] = [None] * len(blocks)
        body, candidates = self.head_pass(blocks, kept)
        self.find_dateline(kept, body)
        tail = self.tail_pass(blocks, kept, body)
        self.middle_pass(blocks, kept, body + 1, tail)
        self.settle_title(kept, candidates)
        return [b for b in kept if b]

    def head_pass(self, blocks: list[list[Line]], kept: list[list[Line] | None]) -> tuple[int, list[int]]:
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
            if len(left) == 1 and title_like(left[0].text(s)):
                candidates.append(i)
                continue
            if not candidates and len(left) == 1 and i + 1 < len(blocks):
                following = blocks[i + 1][0].text(s)
                if sentence_title(left[0].text(s), following):
                    candidates.append(i)
                    continue
            body = i
            break
        return body, candidates

    def find_dateline(self, kept: list[list[Line] | None], body: int) -> None:
        """The dateline at the start of the first body paragraph."""
        first = kept[body] if body < len(kept) else None
        if first:
            m = dateline_re().match(first[0].text(self.s))
            if m and len(m.group("place")) <= 60 and m.group("place").split(",")[0].strip() not in NOT_PLACES:
                self.dateline = m.group("place")
                if m.group("agency") and self.publisher is None:
                    self.publisher = m.group("agency").strip()

    def tail_pass(self, blocks: list[list[Line]], kept: list[list[Line] | None], body: int) -> int:
        """Boilerplate from the end, up to the last body paragraph; returns that paragraph's index."""
        tail = len(blocks)
        for i in range(len(blocks) - 1, body, -1):
            tail = i
            left = self.strip_block(blocks[i], self.tail_reason)
            if left:
                kept[i] = left
                break
        return tail

    def middle_pass(self, blocks: list[list[Line]], kept: list[list[Line] | None], start: int, stop: int) -> None:
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

    def settle_title(self, kept: list[list[Line] | None], candidates: list[int], also_named: Sequence[str] = ()) -> int:
        """Choose the title among the candidates; returns the chosen one's place among them (-1: none)."""
        if not candidates:
            return -1
        dropped = self.choose_title([kept[i][0] for i in candidates], also_named)  # type: ignore[index]  # candidates are kept blocks
        for i in candidates[:dropped]:
            kept[i] = None
        return dropped


#: removal reasons whose lines may name the site again (see ``Cleaner.choose_title``)
_NAMING = ("byline", "copyright", "footer", "credit")
