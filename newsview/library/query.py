"""The article list: the filter language over the index, sort keys, phrase search.

The filter bar's language (:mod:`newsview.filtering`) applies to articles,
with two more fields; every term must hold:

* ``source:NAME`` — the publisher (or the file's path, or the page's address: its site) contains NAME;
* ``title:WORDS`` — the title contains WORDS (``title:"border wall"``);
* a plain word — the title, publisher, an actor's name or a quote contains it;
* ``"a quoted phrase"`` — the article's text holds the phrase (full-text
  search over every article, words in that order);
* quote terms — ``speaker:``/``@``, ``kind:``, ``unattributed``,
  ``reviewed:``, ``verdict:``, ``conf<0.5`` — the article has *one* quote that
  meets all of them (``@putin kind:direct``: a direct quote by Putin);
* ``type:person|org|...`` alone — the article has an actor of that type (with
  quote terms it narrows the speaker, as in the reader).

Every function takes a connection and returns plain rows; none holds more
than one page of them.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from ..filtering import FilterState, parse_query

#: sort keys: SQL order and whether it runs descending by default
SORTS: dict[str, tuple[str, bool]] = {
    "date": ("a.date_key IS NULL, a.date_key {dir}, lower(coalesce(a.title, a.path))", True),
    "title": ("lower(coalesce(a.title, a.path)) {dir}", False),
    "quotes": ("a.quotes {dir}", True),
    "unreviewed": ("(a.quotes - a.reviewed) {dir}", True),
    "confidence": ("a.low_confidence {dir}, coalesce(a.min_confidence, 2.0) {rdir}", True),
    "state": ("CASE a.state WHEN 'failed' THEN 0 WHEN 'unreadable' THEN 1 WHEN 'analysing' THEN 2"
              " WHEN 'queued' THEN 3 WHEN 'fetching' THEN 4 ELSE 5 END {dir}", False),
    "path": ("a.path {dir}", False),
}
#: the names the app's sort menu may use for them
SORT_ALIASES = {"least-confident": "confidence", "least_confident": "confidence", "conf": "confidence"}

_ARTICLE_COLUMNS = (
    "a.id, a.path, a.title, a.publisher, a.byline, a.date, a.date_key, a.words, a.actors, a.quotes, a.reviewed,"
    " a.low_confidence, a.min_confidence, a.state, a.reason, a.analysed, a.opened_at, a.sha256,"
    " a.accepted, a.rejected, a.orphaned"
)
_FIELD_TERM = re.compile(r'(?i)(?<!\S)(source|title):(?:"([^"]*)"?|(\S*))')
_PHRASE = re.compile(r'(?<![\w:])"([^"]+)"?')


@dataclass(frozen=True)
class ArticleRow:
    """One line of the articles view."""

    id: int
    path: str
    title: str | None
    publisher: str | None
    byline: str | None
    date: str | None
    #: the ISO date the list sorts by (the article's, else one in its file name)
    date_key: str | None
    words: int
    actors: int
    quotes: int
    reviewed: int
    low_confidence: int
    min_confidence: float | None
    #: queued, analysing, done, failed or unreadable
    state: str
    #: why it failed, one line
    reason: str | None
    #: False until an analysis has been indexed (counts are then zero, not unknown)
    analysed: bool
    opened_at: float | None
    sha256: str | None
    #: the review's verdicts, and its reviews of quotes this analysis no longer has
    accepted: int = 0
    rejected: int = 0
    orphaned: int = 0

    @property
    def progress(self) -> str:
        """Review progress as the list shows it: ``12/23``."""
        return f"{self.reviewed}/{self.quotes}"

    @property
    def display_title(self) -> str:
        import os

        if self.title:
            return self.title
        return self.path if "://" in self.path else os.path.basename(self.path)  # a web page: its address


@dataclass(frozen=True)
class QuoteRow:
    """A quote as the index holds it: enough to list it and to open the article at it."""

    article_id: int
    quote_id: str
    position: int
    start: int
    end: int
    kind: str
    confidence: float
    speaker_id: str | None
    speaker: str | None
    text: str
    words: int
    verdict: str | None
    reviewed: bool
    reassigned: bool

    def first_words(self, n: int = 12) -> str:
        words = self.text.split()
        return " ".join(words[:n]) + (" …" if len(words) > n else "")


@dataclass(frozen=True)
class SearchHit:
    """An article (or one of its quotes) holding a searched phrase."""

    article_id: int
    path: str
    title: str | None
    #: a few words around the match; ``[`` ``]`` mark it (plain text, never markup)
    snippet: str
    #: the quote's id when searching quotes
    quote_id: str | None = None
    #: where the phrase starts in the article's cleaned text, when it could be found again
    offset: int | None = None


@dataclass(frozen=True)
class ArticleQuery:
    """A parsed article filter."""

    state: FilterState
    sources: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.state.active or self.sources or self.titles or self.phrases)

    @property
    def invalid(self) -> tuple[str, ...]:
        return self.state.invalid


def parse_article_query(query: str) -> ArticleQuery:
    """Split the library's own terms off and parse the rest with the reader's filter language."""
    sources: list[str] = []
    titles: list[str] = []
    phrases: list[str] = []

    def field(m: re.Match[str]) -> str:
        value = " ".join((m.group(2) if m.group(2) is not None else m.group(3)).lower().split())
        if value:
            (sources if m.group(1).lower() == "source" else titles).append(value)
        return " "

    def phrase(m: re.Match[str]) -> str:
        value = " ".join(m.group(1).split())
        if value:
            phrases.append(value)
        return " "

    rest = _PHRASE.sub(phrase, _FIELD_TERM.sub(field, query))
    return ArticleQuery(parse_query(rest), tuple(sources), tuple(titles), tuple(phrases))


def fts_phrase(text: str) -> str:
    """An FTS5 query for ``text`` as one phrase (its own double quotes doubled, so nothing is syntax)."""
    return '"' + text.replace('"', '""') + '"'


def _where(q: ArticleQuery) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``articles a``) for a parsed query."""
    s = q.state
    clauses: list[str] = []
    args: list[Any] = []
    for value in q.sources:
        clauses.append("instr(lower(coalesce(a.publisher, '') || char(10) || a.path), ?) > 0")
        args.append(value)
    for value in q.titles:
        clauses.append("instr(lower(coalesce(a.title, '')), ?) > 0")
        args.append(value)
    for word in s.words:
        clauses.append("a.id IN (SELECT article_id FROM haystacks WHERE instr(text, ?) > 0)")
        args.append(word)
    for phrase in q.phrases:
        clauses.append("a.id IN (SELECT rowid FROM article_text WHERE article_text MATCH ?)")
        args.append(fts_phrase(phrase))
    quote_terms: list[str] = []
    quote_args: list[Any] = []
    if s.speakers:
        quote_terms.append("(" + " OR ".join("instr(s.names, ?) > 0" for _ in s.speakers) + ")")
        quote_args += list(s.speakers)
    if s.kinds:
        quote_terms.append(f"q.kind IN ({','.join('?' * len(s.kinds))})")
        quote_args += list(s.kinds)
    if s.unattributed:
        quote_terms.append("q.speaker_id IS NULL")
    r = s.review
    alone = not (s.speakers or s.kinds or s.unattributed or r.verdicts or r.confidence)
    if r.reviewed is not None and alone:
        # the article's own counters say it: no pass over every quote
        clauses.append("a.reviewed < a.quotes" if not r.reviewed else "a.reviewed > 0")
    elif r.reviewed is not None:
        quote_terms.append("q.reviewed = ?")
        quote_args.append(int(r.reviewed))
    if r.verdicts:
        ors = [f"q.verdict IN ({','.join('?' * len(r.verdicts))})"]
        quote_args += list(r.verdicts)
        if "reassigned" in r.verdicts:
            ors.append("q.reassigned = 1")
        if "none" in r.verdicts:
            ors.append("q.verdict IS NULL")
        quote_terms.append("(" + " OR ".join(ors) + ")")
    for op, threshold in r.confidence:
        quote_terms.append(f"q.confidence {op} ?" if op != "=" else "abs(q.confidence - ?) < 1e-9")
        quote_args.append(threshold)
    if quote_terms or s.speakers:
        if s.types:
            quote_terms.append(f"s.family IN ({','.join('?' * len(s.types))})")
            quote_args += list(s.types)
        # one set of articles, worked out once (not a subquery per article)
        clauses.append(
            "a.id IN (SELECT q.article_id FROM quotes q LEFT JOIN actors s ON s.article_id = q.article_id"
            " AND s.actor_id = q.speaker_id WHERE " + " AND ".join(quote_terms) + ")"
        )
        args += quote_args
    elif s.types:
        clauses.append(f"a.id IN (SELECT s.article_id FROM actors s WHERE s.family IN ({','.join('?' * len(s.types))}))")
        args += list(s.types)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _order(sort: str, descending: bool | None) -> str:
    sort = SORT_ALIASES.get(sort, sort)
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r} (one of {', '.join(SORTS)})")
    template, default_desc = SORTS[sort]
    desc = default_desc if descending is None else descending
    return " ORDER BY " + template.format(dir="DESC" if desc else "ASC", rdir="ASC" if desc else "DESC") + ", a.id"


def _row(r: sqlite3.Row | tuple[Any, ...]) -> ArticleRow:
    values = list(r)
    values[15] = bool(values[15])
    return ArticleRow(*values)


def count(conn: sqlite3.Connection, query: str = "") -> int:
    where, args = _where(parse_article_query(query))
    return int(conn.execute("SELECT count(*) FROM articles a" + where, args).fetchone()[0])


def articles(conn: sqlite3.Connection, query: str = "", *, sort: str = "date", descending: bool | None = None,
             limit: int = 100, offset: int = 0) -> list[ArticleRow]:
    where, args = _where(parse_article_query(query))
    sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles a{where}{_order(sort, descending)} LIMIT ? OFFSET ?"
    return [_row(r) for r in conn.execute(sql, [*args, max(0, limit), max(0, offset)])]


@dataclass(frozen=True)
class Page:
    """One window of the article list and the length of the whole list: one query per keystroke."""

    total: int
    offset: int
    rows: list[ArticleRow]


def page(conn: sqlite3.Connection, query: str = "", *, sort: str = "date", descending: bool | None = None,
         limit: int = 100, offset: int = 0) -> Page:
    where, args = _where(parse_article_query(query))
    sql = (f"SELECT {_ARTICLE_COLUMNS}, count(*) OVER () FROM articles a{where}{_order(sort, descending)}"
           " LIMIT ? OFFSET ?")
    raw = conn.execute(sql, [*args, max(0, limit), max(0, offset)]).fetchall()
    if raw:
        return Page(int(raw[0][-1]), offset, [_row(r[:-1]) for r in raw])
    total = int(conn.execute("SELECT count(*) FROM articles a" + where, args).fetchone()[0])
    return Page(total, offset, [])


def article(conn: sqlite3.Connection, article_id: int) -> ArticleRow | None:
    r = conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)).fetchone()
    return _row(r) if r else None


def article_by_path(conn: sqlite3.Connection, path: str) -> ArticleRow | None:
    r = conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.path = ?", (path,)).fetchone()
    return _row(r) if r else None


def position(conn: sqlite3.Connection, article_id: int, query: str = "", *, sort: str = "date",
             descending: bool | None = None) -> int | None:
    where, args = _where(parse_article_query(query))
    sql = f"SELECT a.id FROM articles a{where}{_order(sort, descending)}"
    for i, (aid,) in enumerate(conn.execute(sql, args)):
        if aid == article_id:
            return i
    return None


_QUOTE_COLUMNS = ("article_id, quote_id, position, start, end, kind, confidence, speaker_id, speaker, text, words,"
                  " verdict, reviewed, reassigned")


def quote_row(r: sqlite3.Row | tuple[Any, ...]) -> QuoteRow:
    v = list(r)
    v[12], v[13] = bool(v[12]), bool(v[13])
    return QuoteRow(*v)


def quotes(conn: sqlite3.Connection, article_id: int) -> list[QuoteRow]:
    rows = conn.execute(f"SELECT {_QUOTE_COLUMNS} FROM quotes WHERE article_id = ? ORDER BY position", (article_id,))
    return [quote_row(r) for r in rows]


def search(conn: sqlite3.Connection, phrase: str, *, limit: int = 50, in_quotes: bool = False) -> list[SearchHit]:
    phrase = " ".join(phrase.strip().strip('"').split())
    if not phrase:
        return []
    if in_quotes:
        sql = (
            "SELECT a.id, a.path, a.title, snippet(quote_text, 0, '[', ']', '…', 12), q.quote_id, q.start, q.text"
            " FROM quote_text JOIN quotes q ON q.id = quote_text.rowid JOIN articles a ON a.id = q.article_id"
            " WHERE quote_text MATCH ? ORDER BY rank LIMIT ?"
        )
    else:
        sql = (
            "SELECT a.id, a.path, a.title, snippet(article_text, 1, '[', ']', '…', 12), NULL, 0, article_text.body"
            " FROM article_text JOIN articles a ON a.id = article_text.rowid"
            " WHERE article_text MATCH ? ORDER BY rank LIMIT ?"
        )
    hits = []
    for aid, path, title, snippet, quote_id, base, text in conn.execute(sql, (fts_phrase(phrase), limit)):
        found = _find_phrase(text, phrase)
        hits.append(SearchHit(aid, path, title, " ".join(snippet.split()), quote_id,
                              None if found is None else base + found))
    return hits


def _find_phrase(text: str, phrase: str) -> int | None:
    """Where the phrase's words stand in ``text``, punctuation and case aside (FTS5 matched on tokens)."""
    words = [re.escape(w) for w in re.findall(r"\w+", phrase)]
    if not words:
        return None
    m = re.search(r"\b" + r"\W+".join(words) + r"\b", text, re.IGNORECASE)
    return m.start() if m else None
