"""The article in a web page, found by trafilatura, with offsets into the page.

trafilatura (the well-kept extractor the field measures others by) chooses
the main text and reads the page's metadata: title, authors, date, site
name, canonical address.  newsview then finds that text again in the page's
own visible text (``page_text``), so every kept character maps to where it
stands in the HTML, and every block of visible text trafilatura left out is
listed once in ``removed``, with the reason its element gives (navigation,
comments, share buttons...) or "not main text".

This module is imported only for HTML pages: trafilatura and lxml are not
loaded for a plain-text article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..safe_text import Segment
from .boilerplate import TITLE_MAX
from .page_text import PageText, align, page_text

#: trafilatura's settings for news pages: its precision mode leaves out more of
#: the page's teasers and link lists, and comments are never the article
_EXTRACT_OPTIONS: dict[str, Any] = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "with_metadata": True,
    "deduplicate": False,
}


#: pages up to this many characters get trafilatura's fallback extractors (news pages are a few hundred KB)
_FALLBACKS_UP_TO = 2_000_000


@dataclass(frozen=True)
class PageArticle:
    """A page reduced to its article.

    ``text`` is the title then the body paragraphs, one blank line apart;
    ``segments`` map every character of it into the page (characters not
    found in the page are anchored where the nearest found one stands);
    ``removed`` lists the page's left-out text block by block as
    ``(source start, source end, text, reason)``; ``meta`` holds what the page
    says of itself (``title``, ``byline``, ``date``, ``publisher``, ``url``).
    """

    text: str
    segments: list[Segment]
    meta: dict[str, str]
    removed: list[tuple[int, int, str, str]]


# -- character references to control characters ------------------------------------------


@cache
def _control_ref_re() -> re.Pattern[str]:
    return re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}));?")


def decode_control_refs(source: str) -> tuple[str, list[Segment]]:
    """The page with references to control characters (``&#27;``) turned into the characters.

    An HTML parser drops or keeps them in ways of its own; decoded first,
    they are stripped with the escape sequences they start, as raw ones are.
    Segments map the result back to ``source``.
    """
    out: list[str] = []
    segs: list[Segment] = []
    pos = 0
    length = 0
    for m in _control_ref_re().finditer(source):
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if not (code < 0x20 and code not in (9, 10, 13)) and not (0x7F <= code <= 0x9F):
            continue
        if m.start() > pos:
            segs.append((length, m.start() - pos, pos, m.start() - pos, True))
            out.append(source[pos : m.start()])
            length += m.start() - pos
        segs.append((length, 1, m.start(), m.end() - m.start(), False))
        out.append(chr(code))
        length += 1
        pos = m.end()
    if not segs:
        return source, [(0, len(source), 0, len(source), True)]
    if pos < len(source):
        segs.append((length, len(source) - pos, pos, len(source) - pos, True))
        out.append(source[pos:])
    return "".join(out), segs


# -- trafilatura's answer as paragraphs ----------------------------------------------

#: trafilatura's output elements whose children are paragraphs of their own
_CONTAINERS = frozenset({"body", "div", "list", "quote", "table", "section", "article"})


def _element_text(el: Any) -> str:
    """An element's text, whitespace collapsed, line breaks (``<lb/>``) kept."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "lb":
            parts.append("\x00")  # a line break; no text holds this character any more
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    lines = " ".join("".join(parts).split()).split("\x00")
    return "\n".join(line.strip() for line in lines if line.strip())


def _paragraphs(body: Any) -> list[str]:
    """The extracted body's paragraphs in reading order: a list item, a table row, a heading each one."""
    out: list[str] = []

    def walk(el: Any) -> None:
        if el.tag in _CONTAINERS:
            if el.text and el.text.strip():
                out.append(" ".join(el.text.split()))
            for child in el:
                walk(child)
                if child.tail and child.tail.strip():
                    out.append(" ".join(child.tail.split()))
        elif el.tag == "row":
            cells = [_element_text(cell).replace("\n", " ") for cell in el]
            row = " ".join(c for c in cells if c)
            if row:
                out.append(row)
        elif el.tag != "graphic":
            text = _element_text(el)
            if text:
                out.append(text)

    walk(body)
    return out


# -- title and site -----------------------------------------------------------------------


def _fold(text: str) -> str:
    """Text compared loosely: case, quote marks and spacing folded."""
    return " ".join(text.translate(_QUOTE_FOLD).lower().split())


_QUOTE_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})


@cache
def _title_separator_re() -> re.Pattern[str]:
    return re.compile(r"\s+(?:\||-|–|—|»|::|·|•)\s+|\s*[»|]\s*")


@cache
def _head_title_re() -> re.Pattern[str]:
    return re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def _page_title(source: str) -> str:
    from html import unescape

    m = _head_title_re().search(source, 0, 200_000)
    return " ".join(unescape(m.group(1)).split()) if m else ""


def _choose_title(source: str, page: PageText, found: str | None) -> tuple[str, str | None]:
    """The article's title and, when the page's <title> names it beside the title, the site.

    A heading (h1, h2) that the page's <title> contains is the title as the
    page shows it (sites put their name in the <title> beside it, and
    trafilatura sometimes takes the site's name for the title); otherwise
    trafilatura's title.
    """
    head_title = _page_title(source)
    references = [r for r in (head_title, found or "") if r]
    headings = [
        page.text[a:b] for a, b, _reason, tag in page.blocks if tag in ("h1", "h2") and b - a <= TITLE_MAX
    ]
    for reference in references:
        named = [h for h in headings if _fold(h) in _fold(reference) and len(h.split()) >= 2]
        if named:
            title = max(named, key=len)
            break
    else:
        title = found or head_title
    site = None
    if head_title and title:
        rest = [p.strip() for p in _title_separator_re().split(head_title) if p.strip() and _fold(p) not in _fold(title)]
        if len(rest) == 1 and len(rest[0].split()) <= 5 and _fold(title) in _fold(head_title):
            site = rest[0]
    return title, site


# -- putting it together ----------------------------------------------------------------


def _segments(paragraphs: list[str], where: list[list[int]], page: PageText) -> tuple[str, list[Segment]]:
    """The paragraphs one blank line apart, with segments covering every character.

    A character found in the page maps to it (exactly when it was copied
    exactly); any other is anchored at the source position of the last
    character before it that was found.
    """
    pieces: list[str] = []
    segs: list[Segment] = []
    pos = 0
    anchor = 0

    def add(n: int, src: int, src_len: int, exact: bool) -> None:
        if exact and segs and segs[-1][4] and segs[-1][0] + segs[-1][1] == pos and segs[-1][2] + segs[-1][3] == src:
            o, length, s, sn, _ = segs[-1]
            segs[-1] = (o, length + n, s, sn + n, True)
        else:
            segs.append((pos, n, src, src_len, exact))

    text = page.text
    for para, para_where in zip(paragraphs, where):
        if pieces:
            pieces.append("\n\n")
            add(2, anchor, 0, False)
            pos += 2
        pieces.append(para)
        k = 0
        while k < len(para):
            i = para_where[k]
            if i < 0:
                add(1, anchor, 0, False)
                pos += 1
                k += 1
                continue
            run_start, run_src, run_length, run_exact = page.run_at(i)
            # a stretch of characters found side by side in one exact run of the page: one segment
            stop = min(len(para), k + run_start + run_length - i) if run_exact else k + 1
            m = k + 1
            while m < stop and para_where[m] == i + m - k:
                m += 1
            if run_exact and para[k:m] == text[i : i + m - k]:
                src = run_src + i - run_start
                add(m - k, src, m - k, True)
                anchor = src + m - k
            else:  # an entity, collapsed spacing, a block break: anchored where it stands
                m = k + 1
                start, end, _exact = page.source_span(i)
                add(1, start, end - start, False)
                anchor = end
            pos += m - k
            k = m
    return "".join(pieces), segs


def _left_out(page: PageText, kept: bytearray) -> list[tuple[int, int, str, str]]:
    """The page's visible text that is not in the article, one entry per block."""
    removed: list[tuple[int, int, str, str]] = []
    text = page.text
    for a, b, reason, _tag in page.blocks:
        if kept.find(0, a, b) < 0:
            continue  # all of it is in the article
        out = [i for i in range(a, b) if not kept[i] and not text[i].isspace()]
        if not out:
            continue
        first, last = out[0], out[-1]
        chunk = " ".join("".join(ch if not kept[i] else " " for i, ch in enumerate(text[first : last + 1], first)).split())
        if not chunk:
            continue
        removed.append((page.source_span(first)[0], page.source_span(last)[1], chunk, reason or "not main text"))
    return removed


def _authors(author: str | None) -> str | None:
    if not author:
        return None
    names = [" ".join(n.split()) for n in author.split(";") if n.strip()]
    if not names:
        return None
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def extract_page(source: str) -> PageArticle:
    """The article of an HTML page (see the module's description).

    Everything here comes from the page's bytes alone (not from the address
    it was fetched from), so a page's document is the same however it was
    read, and the parse cache, keyed by those bytes, can hold it.
    """
    import trafilatura

    page = page_text(source)
    # jusText, trafilatura's last fallback, takes time that grows with the square of a
    # page's paragraphs: a page far bigger than any article page goes without the fallbacks
    fast = len(source) > _FALLBACKS_UP_TO
    doc: Any = trafilatura.bare_extraction(source, fast=fast, **_EXTRACT_OPTIONS)
    body = _paragraphs(doc.body) if doc is not None and doc.body is not None else []
    if not body:
        # too little for trafilatura to call an article (a fragment, a very short page):
        # the page's text, less what its markup calls navigation, footer and the like
        body = [page.text[a:b] for a, b, reason, _tag in page.blocks if not reason]
    title, site = _choose_title(source, page, doc.title if doc is not None else None)
    if title and body and _fold(body[0]) == _fold(title):
        body = body[1:]  # the heading trafilatura kept is the title already
    paragraphs = ([title] if title else []) + body
    aligned = align(paragraphs, page)
    paragraphs = [para for para, _ in aligned]
    where = [w for _, w in aligned]
    text, segments = _segments(paragraphs, where, page)
    kept = bytearray(len(page.text))
    for para_where in where:
        for i in para_where:
            if i >= 0:
                kept[i] = 1
    removed = _left_out(page, kept)

    meta: dict[str, str] = {"title": title} if title else {}
    if doc is not None:
        byline = _authors(doc.author)
        if byline:
            meta["byline"] = byline
        if doc.date:
            meta["date"] = doc.date
        if doc.sitename or site:
            meta["publisher"] = site or doc.sitename
        if doc.url:
            meta["url"] = doc.url
    elif site:
        meta["publisher"] = site
    return PageArticle(text, segments, meta, removed)
