"""The article in an HTML page, as plain paragraphs with offsets into the page.

A page (one starting with ``<!DOCTYPE html`` or ``<html``, see
``article.looks_html``) is reduced to its main text before it is cleaned:
the block holding the most paragraph text, without scripts, styles,
navigation, headers, footers, asides, forms, comments and share/related
widgets.  Offsets still map every kept character into the HTML; entities and
collapsed whitespace are anchored where they stand.

This module is imported only for HTML pages, so its patterns are compiled
when it is imported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..safe_text import Segment
from .boilerplate import TITLE_MAX, iso_date
from .offsets import compose
from .patterns import date_any_re

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
_HTML_CHROME = re.compile(
    r"(?:^|[\s_-])(?:comments?|share|sharing|social|related|sidebar|footer|nav|navigation|menu|promo|newsletter"
    r"|advert|ads|breadcrumbs?|widget|subscribe|signup|popup|modal|cookie)(?:$|[\s_-])",
    re.IGNORECASE,
)
_HTML_AUTHOR = re.compile(r"(?:^|\s)(?:author|byline|by-line)(?:$|\s)", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|»|::|·|•)\s+|\s*[»|]\s*")


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


_HTML_REF = re.compile(r"&(?:#[xX]?[0-9a-fA-F]+|\w+);?")
_HTML_SPACE = " \t\n\r\f"

_HTML_SPACE_OR_WORD = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+")


def _fold(text: str) -> str:
    """Text compared loosely: case, quote marks and spacing folded."""
    return " ".join(text.translate(_QUOTE_FOLD).lower().split())


_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


def _html_para_text(para: _HtmlPara) -> tuple[str, list[Segment]]:
    """Collapse a paragraph's whitespace; segments map its text into the source."""
    out: list[str] = []
    segs: list[Segment] = []
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


def _html_title(parser: _HtmlText, paras: list[tuple[_HtmlPara, str, list[Segment]]]) -> tuple[str, list[Segment], str | None]:
    """The article title (text, segments) and, when the page title names it, the site."""
    page_title = ""
    page_segs: list[Segment] = []
    if parser.title_para is not None:
        page_title, page_segs = _html_para_text(parser.title_para)
    og = (parser.meta.get("og:title") or "").strip()
    site = None
    headings = [(text, segs) for para, text, segs in paras if para.tag in ("h1", "h2") and len(text) <= TITLE_MAX]
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
            clipped = compose([(0, len(text), a, len(text), True)], page_segs)
            others = [page_title[x:y].strip() for x, y in parts if (x, y) != (a, b) and page_title[x:y].strip()]
            if len(others) == 1 and len(others[0].split()) <= 5:
                site = others[0]
            return text, clipped, site
    return "", [], None


def extract_html(source: str) -> tuple[str, list[Segment], dict[str, str]]:
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
        text, text_segs = _html_para_text(para)
        if text.strip():
            paras.append((para, text, text_segs))

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
    author = re.sub(r"^(?:posted|written|published)?\s*by\s+", "", author, flags=re.IGNORECASE)
    if author and len(author) <= 80:
        hints["byline"] = author
    elif parser.meta.get("author") and "/" not in parser.meta["author"]:
        hints["byline"] = parser.meta["author"]
    publisher = parser.meta.get("og:site_name") or site
    if publisher:
        hints["publisher"] = publisher
    for key in ("article:published_time", "date", "dc.date", "time"):
        if parser.meta.get(key):
            m = date_any_re().search(parser.meta[key])
            hints["date"] = (iso_date(m) if m else None) or parser.meta[key]
            break

    pieces: list[str] = []
    segs: list[Segment] = []
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
