"""The visible text of an HTML page, with where every character stands in the page.

trafilatura decides *what* the article is; it does not say where its text
came from.  This module reads the page once more with Python's own HTML
parser, which reports positions, and keeps its visible text (no scripts,
styles or ``<head>``) as one string, ``PageText.text``: whitespace collapsed
as a browser collapses it, entities decoded, blocks (paragraphs, headings,
list items, cells...) separated by ``"\\n"``.  Runs map it back to the page,
and every character knows its block, and every block why a reader would not
count it as the article (it sits in a ``<nav>``, a footer, a block whose
class names comments or sharing...).  ``align`` then finds extracted text in
it, word by word, so the document's offset map and its list of what was
removed both point into the page.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from html import unescape
from html.parser import HTMLParser

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "iframe",
        "object",
        "embed",
        "select",
        "textarea",
        "canvas",
        "button",
    }
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
#: what an element's own tag says about text inside it
_TAG_REASON = {
    "nav": "navigation",
    "menu": "navigation",
    "header": "page header",
    "footer": "footer",
    "aside": "sidebar",
    "form": "form",
    "figcaption": "caption",
    "caption": "caption",
    "time": "date",
    "address": "byline",
}
#: class or id words, first match wins
_CLASS_REASONS = (
    ("comments", r"comments?|disqus|replies|respond"),
    ("share", r"share|sharing|social|sharethis|addthis"),
    ("related", r"related|recommended|more-stories|read-more|trending|popular|outbrain|taboola"),
    ("advertisement", r"ad|ads|advert|advertisement|sponsor(?:ed)?|promo|dfp"),
    ("newsletter", r"newsletter|subscribe|subscription|signup|paywall"),
    ("navigation", r"nav|navbar|navigation|menu|breadcrumbs?|pagination|skip"),
    ("byline", r"byline|author|authors|by-line|contributor"),
    ("date", r"date|dateline|timestamp|published|updated"),
    ("caption", r"caption|credit|photo-credit"),
    ("tags", r"tags?|topics|categories"),
    ("cookie notice", r"cookie|consent|gdpr"),
    ("footer", r"footer|copyright"),
    ("sidebar", r"sidebar"),
)


@cache
def _class_reason_re() -> re.Pattern[str]:
    alternatives = "|".join(f"(?P<g{i}>{words})" for i, (_reason, words) in enumerate(_CLASS_REASONS))
    return re.compile(rf"(?:^|[\s_-])(?:{alternatives})(?=$|[\s_-])", re.IGNORECASE)


#: elements that hold the whole page or the whole article
_WHOLE_PAGE = frozenset({"html", "body", "main", "article"})


def reason_of(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    """Why text inside this element would not be the article ('' when its tag and names say nothing)."""
    if tag in _TAG_REASON:
        return _TAG_REASON[tag]
    if tag in _WHOLE_PAGE:
        return ""  # their classes describe the page ("single-post has-sidebar"), not a part of it
    marks = " ".join(v for k, v in attrs if k in ("class", "id", "role", "itemprop") and v)
    if not marks:
        return ""
    m = _class_reason_re().search(marks)
    if m is None:
        return ""
    return _CLASS_REASONS[int(m.lastgroup[1:])][0] if m.lastgroup else ""


@dataclass
class PageText:
    """The page's visible text; ``runs`` are ``(text_start, source_start, length, exact)``.

    An exact run is copied from the page character for character; a run that
    is not exact is one character standing for ``length`` source characters
    (an entity such as ``&amp;``, collapsed whitespace, a block break).
    """

    text: str = ""
    runs: list[tuple[int, int, int, bool]] = field(default_factory=list)
    #: per block: (text start, text end, reason, innermost block tag)
    blocks: list[tuple[int, int, str, str]] = field(default_factory=list)

    def run_at(self, i: int) -> tuple[int, int, int, bool]:
        """The run holding text character ``i``."""
        return self.runs[bisect_right(self._starts, i) - 1]

    def source_span(self, i: int) -> tuple[int, int, bool]:
        """Where text character ``i`` stands in the page: start, end, exact."""
        k = bisect_right(self._starts, i) - 1
        start, src, length, exact = self.runs[k]
        if exact:
            return src + i - start, src + i - start + 1, True
        return src, src + length, False

    @property
    def _starts(self) -> list[int]:
        starts = self.__dict__.get("_starts_cache")
        if starts is None or len(starts) != len(self.runs):
            starts = [r[0] for r in self.runs]
            self.__dict__["_starts_cache"] = starts
        return starts

    def block_at(self, i: int) -> int:
        return bisect_right(self._block_starts, i) - 1

    @property
    def _block_starts(self) -> list[int]:
        starts = self.__dict__.get("_block_starts_cache")
        if starts is None or len(starts) != len(self.blocks):
            starts = [b[0] for b in self.blocks]
            self.__dict__["_block_starts_cache"] = starts
        return starts


_WS = " \t\n\r\f"
_SPACE_OR_TEXT = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+")
_REF = re.compile(r"&(?:#[xX]?[0-9a-fA-F]+|\w+);?")


class _Reader(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.out: list[str] = []
        self.length = 0
        self.page = PageText()
        self.stack: list[tuple[str, str]] = []  # tag, reason
        self.skip = 0
        self.block_start = 0
        self.block_reason = ""
        self.block_tag = "body"
        self.pending_space: tuple[int, int] | None = None  # source start, length

    def position(self) -> int:
        line, col = self.getpos()
        return self.line_starts[min(line - 1, len(self.line_starts) - 1)] + col

    # -- output
    def _emit(self, text: str, src: int, src_len: int, exact: bool) -> None:
        runs = self.page.runs
        if (
            exact
            and runs
            and runs[-1][3]
            and runs[-1][0] + runs[-1][2] == self.length
            and runs[-1][1] + runs[-1][2] == src
        ):
            start, s, n, _ = runs[-1]
            runs[-1] = (start, s, n + len(text), True)
        else:
            runs.append((self.length, src, src_len if not exact else len(text), exact))
        self.out.append(text)
        self.length += len(text)

    def _word(self, text: str, src: int, src_len: int, exact: bool) -> None:
        if self.pending_space is not None and self.length > self.block_start:
            a, n = self.pending_space
            self._emit(" ", a, n, n == 1 and self.source[a] == " ")
        self.pending_space = None
        self._emit(text, src, src_len, exact)

    def _break(self) -> None:
        """End the current block (if it has text) and start the next."""
        self.pending_space = None
        if self.length > self.block_start:
            self.page.blocks.append((self.block_start, self.length, self.block_reason, self.block_tag))
            self._emit("\n", self.position(), 0, False)
        self.block_start = self.length
        self.block_reason = next((r for _t, r in reversed(self.stack) if r), "")
        self.block_tag = next((t for t, _r in reversed(self.stack) if t in _BLOCK), "body")

    # -- parser events
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            if not self.skip and self.pending_space is None:
                self.pending_space = (self.position(), 0)
            return
        if tag in _VOID:
            if tag == "hr" and not self.skip:
                self._break()
            return
        reason = reason_of(tag, attrs)
        self.stack.append((tag, reason))
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK and not self.skip:
            self._break()
        elif reason and not self.skip and self.length > self.block_start:
            # an inline element that names its own role (a byline link, a date):
            # its text is a block of its own, so it can be listed with its reason
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            open_tag, reason = self.stack.pop()
            if open_tag in _SKIP:
                self.skip -= 1
            elif (open_tag in _BLOCK or reason) and not self.skip:
                self._break()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        base = self.position()
        for m in _SPACE_OR_TEXT.finditer(data):
            piece = m.group()
            if piece[0] in _WS:
                if self.pending_space is None:
                    self.pending_space = (base + m.start(), len(piece))
            else:
                self._word(piece, base + m.start(), len(piece), True)

    def _ref(self) -> None:
        if self.skip:
            return
        at = self.position()
        m = _REF.match(self.source, at)
        raw = m.group() if m else "&"
        text = unescape(raw)
        if text and all(ch in _WS for ch in text):
            if self.pending_space is None:
                self.pending_space = (at, len(raw))
            return
        self._word(text, at, len(raw), text == raw)

    def handle_entityref(self, name: str) -> None:
        self._ref()

    def handle_charref(self, name: str) -> None:
        self._ref()

    def finish(self) -> PageText:
        self.close()
        self.stack.clear()
        self._break()
        self.page.text = "".join(self.out)
        return self.page


def page_text(source: str) -> PageText:
    """The visible text of an HTML page (see the module's description)."""
    reader = _Reader(source)
    reader.feed(source)
    return reader.finish()


# -- finding extracted text in the page ------------------------------------------------

_TOKEN = re.compile(r"\S+")


def _find_word(text: str, word: str, start: int, stop: int) -> int:
    """``word`` in ``text[start:stop]`` not glued to letters on either side, or -1."""
    n = len(word)
    head_word, tail_word = word[0].isalnum(), word[-1].isalnum()
    at = text.find(word, start, stop)
    while at >= 0:
        before_ok = not head_word or at == 0 or not text[at - 1].isalnum()
        after_ok = not tail_word or at + n >= len(text) or not text[at + n].isalnum()
        if before_ok and after_ok:
            return at
        at = text.find(word, at + 1, stop)
    return -1


#: how far after the previous paragraph the next one is looked for whole
_NEAR = 20_000
#: how many following words a candidate start of a paragraph is checked on
_LOOKAHEAD = 24
#: how far after a word the next one may stand and still count as following it
_GAP = 40


def _run_length(text: str, words: list[str], k: int, at: int) -> int:
    """How many of the words after ``words[k]`` follow it closely from ``at`` on."""
    end = at + len(words[k])
    count = 0
    for word in words[k + 1 : k + 1 + _LOOKAHEAD]:
        nxt = _find_word(text, word, end, min(len(text), end + _GAP))
        if nxt < 0:
            break
        count += 1
        end = nxt + len(word)
    return count


def _anchor(text: str, words: list[str], k: int, cursor: int) -> tuple[int, int]:
    """Where ``words[k]`` stands in the page: the place most of the words after it follow.

    Pages repeat their opening lines (a teaser, a summary): the occurrence
    after which the paragraph goes on longest wins, the first one after
    ``cursor`` (the previous paragraph) on a tie.  Returns (-1, 0) when the
    word is not in the page.
    """
    best, best_run = -1, -1
    for start, stop in ((cursor, len(text)), (0, cursor)):
        at = _find_word(text, words[k], start, stop)
        tries = 0
        while at >= 0 and tries < 200:
            run = _run_length(text, words, k, at)
            if run > best_run:
                best, best_run = at, run
                if run >= min(_LOOKAHEAD, len(words) - k - 1):
                    return best, best_run
            tries += 1
            at = _find_word(text, words[k], at + 1, stop)
    return best, best_run


def align(paragraphs: list[str], page: PageText) -> list[tuple[str, list[int]]]:
    """Each paragraph as the page writes it, and for each of its characters its
    index in ``page.text`` (-1: not found there).

    Words are looked for in reading order: a word just after the word before
    when it is there, else where the words after it follow it best (see
    ``_anchor``).  Between two words found close together, the page's own
    spacing (a no-break space, say) replaces the extractor's single space.
    """
    text = page.text
    cursor = 0
    result: list[tuple[str, list[int]]] = []
    for para in paragraphs:
        # most paragraphs stand in the page just as they are, a little after the one before
        at = text.find(para, cursor, cursor + len(para) + _NEAR) if para else -1
        if at >= 0:
            result.append((para, list(range(at, at + len(para)))))
            cursor = at + len(para)
            continue
        out: list[str] = []
        where: list[int] = []
        matches = list(_TOKEN.finditer(para))
        words = [m.group() for m in matches]
        last_end = -1  # page index after the last word found in this paragraph
        clean_end = 0  # end of the last word in ``para``
        for k, m in enumerate(matches):
            word = words[k]
            at = -1
            if last_end >= 0:
                at = _find_word(text, word, last_end, min(len(text), last_end + _GAP))
            if at < 0:
                at, run = _anchor(text, words, k, cursor)
                if at >= 0 and last_end >= 0 and run < 2 and k + 1 < len(words):
                    at = -1  # a lone word elsewhere in the page: not this paragraph's
            gap = para[clean_end : m.start()]
            page_gap = text[last_end:at] if 0 <= last_end < at else None
            if (
                page_gap
                and gap == " "
                and len(page_gap) <= 4
                and all(ch.isspace() for ch in page_gap)
                and "\n" not in page_gap
            ):
                out.append(page_gap)
                where.extend(range(last_end, at))
            else:
                out.append(gap)
                where.extend([-1] * len(gap))
            out.append(word)
            if at < 0:
                where.extend([-1] * len(word))
                last_end = -1 if last_end < 0 else last_end
            else:
                where.extend(range(at, at + len(word)))
                last_end = at + len(word)
                if at >= cursor:
                    cursor = last_end
            clean_end = m.end()
        out.append(para[clean_end:])
        where.extend([-1] * (len(para) - clean_end))
        result.append(("".join(out), where))
    return result
