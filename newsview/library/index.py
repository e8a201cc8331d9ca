"""The library index: a SQLite file of many articles' rows, read on demand.

Derived data only: every row comes from an article file, the parse cache and
the article's review file, so the index can always be thrown away and built
again.  That is what happens, without a traceback, when the file is corrupt,
is not a newsview index, or was written by another schema version (the
article paths an older index lists are kept, so the caller can add them back).

Two newsview instances may share one index: the file is in WAL mode (readers
never wait for the writer), every write is one short ``BEGIN IMMEDIATE``
transaction per article, and a busy timeout makes a second writer wait its
turn instead of failing.  Opening and rebuilding happen under an advisory
lock on the index's folder, so two instances never rebuild at once; an
instance that finds the file replaced under it reopens it.

A connection belongs to the thread that opened it: the app keeps one
``LibraryIndex`` for its reads, the analysis worker opens its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import UNNAMED_KINDS, ParsedDocument, label_family
from .storage import DerivedDatabase, LibraryIndexError  # noqa: F401  (LibraryIndexError: raised by LibraryIndex)

if TYPE_CHECKING:  # pragma: no cover
    from ..review.view import ReviewedActor, ReviewedView
    from .query import ArticleRow, Page, QuoteRow, SearchHit

#: Bump when the tables change: an index of another version is rebuilt (its rows are derived:
#: the articles, the parse cache and the review files give them again).
#: 2: quotes keep their attribution rule (an interviewer's questions are left out of the variants)
SCHEMA_VERSION = 2
#: "nvli" in the file header: a newsview library index, not some other database
APPLICATION_ID = 0x6E766C69
#: quotes below this confidence are counted as "low confidence"
LOW_CONFIDENCE = 0.7
#: ``fetching``: a web address whose page is not read yet (never claimed for analysis until it is)
STATES = ("queued", "analysing", "done", "failed", "unreadable", "fetching")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT, encoding TEXT, size INTEGER, mtime_ns INTEGER,
    title TEXT, publisher TEXT, byline TEXT, date TEXT, date_key TEXT,
    words INTEGER NOT NULL DEFAULT 0,
    actors INTEGER NOT NULL DEFAULT 0,
    quotes INTEGER NOT NULL DEFAULT 0,
    reviewed INTEGER NOT NULL DEFAULT 0,
    -- the review's summary: verdicts, and reviews of quotes the analysis no longer has
    accepted INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    orphaned INTEGER NOT NULL DEFAULT 0,
    low_confidence INTEGER NOT NULL DEFAULT 0,
    min_confidence REAL,
    state TEXT NOT NULL DEFAULT 'queued',
    reason TEXT,
    -- the parse-cache key of the analysis the rows come from (engine, pipeline, bytes)
    analysis_key TEXT,
    analysed INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT, claimed_at REAL,
    opened_at REAL,
    review_path TEXT, review_stamp TEXT,
    updated_at REAL
);
-- lower-cased title, publisher, actor names and quote texts, for plain filter words
-- (a table of its own: the article rows stay small, so sorting them stays quick)
CREATE TABLE haystacks (article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, text TEXT NOT NULL);
CREATE INDEX articles_state ON articles(state, opened_at);
CREATE TABLE actors (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id TEXT NOT NULL,
    name TEXT NOT NULL, kind TEXT NOT NULL, family TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    names TEXT NOT NULL DEFAULT '',
    gender TEXT,
    mentions INTEGER NOT NULL DEFAULT 0,
    quotes INTEGER NOT NULL DEFAULT 0,
    speaker_key TEXT
);
CREATE INDEX actors_article ON actors(article_id, actor_id);
CREATE INDEX actors_speaker ON actors(speaker_key);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    quote_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    confidence REAL NOT NULL,
    speaker_id TEXT,
    speaker TEXT,
    text TEXT NOT NULL,
    words INTEGER NOT NULL,
    verdict TEXT,
    reviewed INTEGER NOT NULL DEFAULT 0,
    reassigned INTEGER NOT NULL DEFAULT 0,
    -- the engine's attribution rule (``interview-question``: an interviewer's turn of a transcript)
    rule TEXT
);
CREATE INDEX quotes_article ON quotes(article_id, position);
CREATE INDEX quotes_speaker ON quotes(article_id, speaker_id);
CREATE TABLE speakers (
    key TEXT PRIMARY KEY,
    name TEXT NOT NULL, kind TEXT NOT NULL, named INTEGER NOT NULL,
    names TEXT NOT NULL,
    articles INTEGER NOT NULL, quoted_articles INTEGER NOT NULL,
    quotes INTEGER NOT NULL, words INTEGER NOT NULL,
    first_date TEXT, last_date TEXT,
    family TEXT NOT NULL
);
CREATE VIRTUAL TABLE article_text USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE quote_text USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO meta VALUES ('generation', '0'), ('ledger_generation', '-1');
"""


@dataclass(frozen=True)
class ArticleFile:
    """An article file as read from disk: what the index keys it by."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    encoding: str


@dataclass(frozen=True)
class Stamp:
    """What the index holds about one file, for deciding whether to read it again."""

    id: int
    path: str
    size: int | None
    mtime_ns: int | None
    sha256: str | None
    encoding: str | None
    state: str
    analysis_key: str | None
    analysed: bool
    review_path: str | None
    review_stamp: str | None


@dataclass(frozen=True)
class Status:
    """Counts for the status line."""

    total: int
    queued: int
    analysing: int
    done: int
    failed: int
    unreadable: int
    fetching: int = 0


def _is_address(member: str) -> bool:
    from ..fetch import is_url

    return is_url(member)


def set_folder(inputs: Sequence[str]) -> Path:
    """The folder a set of inputs lives in: the folder given, or the deepest folder holding every file
    (web addresses aside)."""
    paths = [Path(p).expanduser().absolute() for p in inputs if not _is_address(p)] or [Path.cwd()]
    folders = [p if p.is_dir() else p.parent for p in paths]
    return Path(os.path.commonpath([str(f) for f in folders]))


def default_path(inputs: Sequence[str]) -> Path:
    """Where the index of these inputs lives: the user data folder, one file per set folder
    (a set of web addresses alone: one per set of addresses, named after the first one's site)."""
    from ..review.fileformat import data_dir

    if inputs and all(_is_address(p) for p in inputs):
        from urllib.parse import urlsplit

        addresses = sorted(set(inputs))
        tag = hashlib.sha256("\n".join(addresses).encode("utf-8", "surrogateescape")).hexdigest()[:16]
        try:
            site = urlsplit(addresses[0]).hostname or "web"
        except ValueError:
            site = "web"
        name = re.sub(r"[^A-Za-z0-9._-]+", "_", f"web-{site}")[:40]
        return data_dir() / "libraries" / f"{name}-{tag}.sqlite"
    folder = set_folder(inputs)
    tag = hashlib.sha256(os.fsencode(folder)).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", folder.name or "root")[:40]
    return data_dir() / "libraries" / f"{name}-{tag}.sqlite"


def date_key(date: str | None, path: str | None) -> str | None:
    """An ISO date to sort by: the article's own, else one in its file name (``2019-01-07-…``)."""
    for candidate in (date or "", os.path.basename(path or "")):
        m = re.search(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)", candidate)
        if m:
            return m.group(0)
    return None


class LibraryIndex(DerivedDatabase):
    """One connection to a library index.  See the module's doc for the rules of sharing."""

    SCHEMA = _SCHEMA
    VERSION = SCHEMA_VERSION
    APPLICATION_ID = APPLICATION_ID
    WHAT = "newsview library index"
    TABLES = ("articles", "article_text")
    SALVAGE = "SELECT path FROM articles"

    # -- reading small things ------------------------------------------------------
    def generation(self) -> int:
        """A number that grows with every write by any instance: poll it to know when to refresh rows."""
        return int(self.guarded(lambda c: c.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0]))

    def status(self) -> Status:
        def run(c: sqlite3.Connection) -> Status:
            counts = dict(c.execute("SELECT state, count(*) FROM articles GROUP BY state").fetchall())
            return Status(sum(counts.values()), *(counts.get(s, 0) for s in STATES))

        return self.guarded(run)

    def stamps(self) -> dict[str, Stamp]:
        """What the index holds for every file, by path (for incremental syncing)."""

        def run(c: sqlite3.Connection) -> dict[str, Stamp]:
            rows = c.execute(
                "SELECT id, path, size, mtime_ns, sha256, encoding, state, analysis_key, analysed,"
                " review_path, review_stamp FROM articles"
            )
            return {r["path"]: Stamp(*r) for r in rows}

        return self.guarded(run)

    # -- writing ------------------------------------------------------------------------
    def _article_id(self, c: sqlite3.Connection, path: str) -> int:
        c.execute("INSERT INTO articles(path, updated_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING", (path, time.time()))
        return int(c.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()[0])

    @staticmethod
    def _drop_analysis(c: sqlite3.Connection, article_id: int) -> None:
        c.execute("DELETE FROM quote_text WHERE rowid IN (SELECT id FROM quotes WHERE article_id = ?)", (article_id,))
        c.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        c.execute("DELETE FROM actors WHERE article_id = ?", (article_id,))

    @staticmethod
    def _set_text(c: sqlite3.Connection, article_id: int, doc: ParsedDocument) -> None:
        c.execute("DELETE FROM article_text WHERE rowid = ?", (article_id,))
        c.execute("INSERT INTO article_text(rowid, title, body) VALUES (?, ?, ?)", (article_id, doc.meta.title or "", doc.text))

    @staticmethod
    def _set_haystack(c: sqlite3.Connection, article_id: int, text: str) -> None:
        c.execute("INSERT INTO haystacks(article_id, text) VALUES (?, ?)"
                  " ON CONFLICT(article_id) DO UPDATE SET text = excluded.text", (article_id, text))

    def note_unanalysed(self, file: ArticleFile, doc: ParsedDocument, *, analysis_key: str) -> int:
        """Record an article whose analysis is not at hand: its meta and text now, queued for analysis.

        Rows of an earlier analysis of the same bytes are kept (shown as stale
        until the new one lands); those of other bytes are dropped.
        """

        def run(c: sqlite3.Connection) -> int:
            aid = self._article_id(c, file.path)
            old = c.execute("SELECT sha256, analysis_key, state, analysed FROM articles WHERE id = ?", (aid,)).fetchone()
            if old["sha256"] != file.sha256:
                self._drop_analysis(c, aid)
                c.execute("UPDATE articles SET actors = 0, quotes = 0, reviewed = 0, accepted = 0, rejected = 0,"
                          " orphaned = 0, low_confidence = 0,"
                          " min_confidence = NULL, analysed = 0 WHERE id = ?", (aid,))
            if old["sha256"] != file.sha256 or not old["analysed"]:
                self._set_haystack(c, aid, _haystack(doc.meta.title, doc.meta.publisher, (), ()))
            requeue = old["sha256"] != file.sha256 or old["analysis_key"] != analysis_key or old["state"] != "analysing"
            meta = doc.meta
            c.execute(
                "UPDATE articles SET sha256 = ?, encoding = ?, size = ?, mtime_ns = ?, title = ?, publisher = ?,"
                " byline = ?, date = ?, date_key = ?, words = ?, updated_at = ? WHERE id = ?",
                (file.sha256, file.encoding, file.size, file.mtime_ns, meta.title, meta.publisher, meta.byline,
                 meta.date, date_key(meta.date, file.path), len(doc.text.split()), time.time(), aid),
            )
            if requeue:
                c.execute("UPDATE articles SET state = 'queued', reason = NULL, analysis_key = ?, claimed_by = NULL"
                          " WHERE id = ?", (analysis_key, aid))
            self._set_text(c, aid, doc)
            return aid

        return self.write(run)

    def put_analysis(
        self,
        file: ArticleFile,
        doc: ParsedDocument,
        *,
        analysis_key: str,
        view: ReviewedView | None = None,
        review_path: str | None = None,
        review_stamp: str | None = None,
    ) -> int:
        """Record an analysed article: its rows replace whatever the index held for it.

        ``view`` is the article's review applied to ``doc`` (merges, renames,
        reassigned speakers, verdicts); without it every quote is unreviewed.
        """
        actors, quotes, orphaned = _rows(doc, view)

        def run(c: sqlite3.Connection) -> int:
            aid = self._article_id(c, file.path)
            self._drop_analysis(c, aid)
            c.executemany(
                "INSERT INTO actors(article_id, actor_id, name, kind, family, aliases, names, gender, mentions, quotes)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(aid, *a) for a in actors],
            )
            for q in quotes:
                cur = c.execute(
                    "INSERT INTO quotes(article_id, quote_id, position, start, end, kind, confidence, speaker_id,"
                    " speaker, text, words, verdict, reviewed, reassigned, rule)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (aid, *q),
                )
                c.execute("INSERT INTO quote_text(rowid, text) VALUES (?, ?)", (cur.lastrowid, q[8]))
            confidences = [q[5] for q in quotes]
            meta = doc.meta
            c.execute(
                "UPDATE articles SET sha256 = ?, encoding = ?, size = ?, mtime_ns = ?, title = ?, publisher = ?,"
                " byline = ?, date = ?, date_key = ?, words = ?, actors = ?, quotes = ?, reviewed = ?,"
                " accepted = ?, rejected = ?, orphaned = ?, low_confidence = ?, min_confidence = ?, state = 'done', reason = NULL, analysis_key = ?,"
                " analysed = 1, claimed_by = NULL, review_path = ?, review_stamp = ?, updated_at = ?"
                " WHERE id = ?",
                (file.sha256, file.encoding, file.size, file.mtime_ns, meta.title, meta.publisher, meta.byline,
                 meta.date, date_key(meta.date, file.path), len(doc.text.split()), len(actors), len(quotes),
                 sum(q[11] for q in quotes), sum(1 for q in quotes if q[10] == "accepted"),
                 sum(1 for q in quotes if q[10] == "rejected"), orphaned,
                 sum(1 for x in confidences if x < LOW_CONFIDENCE),
                 min(confidences) if confidences else None, analysis_key, review_path, review_stamp,
                 time.time(), aid),
            )
            self._set_haystack(c, aid, _haystack(meta.title, meta.publisher, [a[5] for a in actors],
                                                 [q[8] for q in quotes]))
            self._set_text(c, aid, doc)
            return aid

        return self.write(run)

    def mark(self, path: str, state: str, reason: str | None = None, *, analysis_key: str | None = None) -> None:
        """Set an article's analysis state (``failed``/``unreadable`` with a one-line reason)."""
        if state not in STATES:
            raise ValueError(f"unknown state {state!r}")

        def run(c: sqlite3.Connection) -> None:
            aid = self._article_id(c, path)
            c.execute(
                "UPDATE articles SET state = ?, reason = ?, claimed_by = NULL,"
                " analysis_key = coalesce(?, analysis_key), updated_at = ? WHERE id = ?",
                (state, " ".join((reason or "").split())[:500] or None, analysis_key, time.time(), aid),
            )

        self.write(run)

    def note_fetching(self, addresses: Sequence[str]) -> None:
        """Rows for web addresses whose page is still to be read: listed at once (the address for a
        title), state ``fetching``; one that failed to fetch before is tried again."""

        def run(c: sqlite3.Connection) -> None:
            for address in addresses:
                aid = self._article_id(c, address)
                c.execute("UPDATE articles SET state = 'fetching', reason = NULL, claimed_by = NULL"
                          " WHERE id = ? AND sha256 IS NULL", (aid,))

        if addresses:
            self.write(run)

    def mark_not_fetched(self, address: str, reason: str) -> None:
        """A web address whose page could not be fetched: ``failed`` with the one-line reason.

        Its bytes are forgotten (so the next sync tries again) but an earlier
        analysis's rows stay until the page is read again.
        """

        def run(c: sqlite3.Connection) -> None:
            aid = self._article_id(c, address)
            c.execute("UPDATE articles SET state = 'failed', reason = ?, sha256 = NULL, claimed_by = NULL,"
                      " updated_at = ? WHERE id = ?", (" ".join(reason.split())[:500] or None, time.time(), aid))

        self.write(run)

    def touch(self, path: str, size: int, mtime_ns: int) -> None:
        """The file was rewritten with the same bytes: remember its new size and time."""
        self.write(lambda c: c.execute("UPDATE articles SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path)))

    def forget(self, paths: Sequence[str]) -> None:
        """Drop articles (files gone from the set)."""

        def run(c: sqlite3.Connection) -> None:
            for path in paths:
                row = c.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()
                if row is not None:
                    self._drop_analysis(c, row[0])
                    c.execute("DELETE FROM article_text WHERE rowid = ?", (row[0],))
                    c.execute("DELETE FROM haystacks WHERE article_id = ?", (row[0],))
                    c.execute("DELETE FROM articles WHERE id = ?", (row[0],))

        if paths:
            self.write(run)

    def mark_opened(self, article_id: int) -> None:
        """The user opened this article: it is analysed next if it still waits."""
        self.write(lambda c: c.execute("UPDATE articles SET opened_at = ? WHERE id = ?", (time.time(), article_id)))

    def claim_next(self, owner: str) -> Stamp | None:
        """Take the next article to analyse (most recently opened first, then newest), or None.

        Claims by instances that are gone (their process ended) are taken back first.
        """

        def run(c: sqlite3.Connection) -> Stamp | None:
            for row in c.execute("SELECT id, claimed_by FROM articles WHERE state = 'analysing'").fetchall():
                if not _owner_alive(row["claimed_by"]):
                    c.execute("UPDATE articles SET state = 'queued', claimed_by = NULL WHERE id = ?", (row["id"],))
            row = c.execute(
                "SELECT id FROM articles WHERE state = 'queued'"
                " ORDER BY opened_at IS NULL, opened_at DESC, date_key IS NULL, date_key DESC, path LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            c.execute("UPDATE articles SET state = 'analysing', claimed_by = ?, claimed_at = ? WHERE id = ?",
                      (owner, time.time(), row[0]))
            r = c.execute(
                "SELECT id, path, size, mtime_ns, sha256, encoding, state, analysis_key, analysed,"
                " review_path, review_stamp FROM articles WHERE id = ?", (row[0],)
            ).fetchone()
            return Stamp(*r)

        return self.write(run)

    def release(self, path: str) -> None:
        """Give back a claimed article unanalysed (the worker was stopped)."""
        self.write(lambda c: c.execute(
            "UPDATE articles SET state = 'queued', claimed_by = NULL WHERE path = ? AND state = 'analysing'", (path,)))

    # -- the article list (see .query) ------------------------------------------------
    def count(self, query: str = "") -> int:
        from . import query as q

        return self.guarded(lambda c: q.count(c, query))

    def articles(self, query: str = "", *, sort: str = "date", descending: bool | None = None,
                 limit: int = 100, offset: int = 0) -> list[ArticleRow]:
        """One page of the article list, filtered and sorted (see :mod:`newsview.library.query`)."""
        from . import query as q

        return self.guarded(lambda c: q.articles(c, query, sort=sort, descending=descending, limit=limit, offset=offset))

    def page(self, query: str = "", *, sort: str = "date", descending: bool | None = None,
             limit: int = 100, offset: int = 0) -> Page:
        """A window of the article list with the list's length (what the view asks on each keystroke)."""
        from . import query as q

        return self.guarded(lambda c: q.page(c, query, sort=sort, descending=descending, limit=limit, offset=offset))

    def article(self, article_id: int) -> ArticleRow | None:
        from . import query as q

        return self.guarded(lambda c: q.article(c, article_id))

    def article_by_path(self, path: str) -> ArticleRow | None:
        from . import query as q

        return self.guarded(lambda c: q.article_by_path(c, path))

    def position(self, article_id: int, query: str = "", *, sort: str = "date", descending: bool | None = None) -> int | None:
        """Where an article stands in the filtered, sorted list (to come back to it, or step to its neighbours)."""
        from . import query as q

        return self.guarded(lambda c: q.position(c, article_id, query, sort=sort, descending=descending))

    def quotes(self, article_id: int) -> list[QuoteRow]:
        from . import query as q

        return self.guarded(lambda c: q.quotes(c, article_id))

    def search(self, phrase: str, *, limit: int = 50, in_quotes: bool = False) -> list[SearchHit]:
        """Articles (or quotes) whose text holds ``phrase``, best match first."""
        from . import query as q

        return self.guarded(lambda c: q.search(c, phrase, limit=limit, in_quotes=in_quotes))


def _owner_alive(owner: str | None) -> bool:
    """True while the process that claimed an article (``host:pid``) still runs on this host."""
    if not owner:
        return False
    host, _, pid = owner.rpartition(":")
    if host != os.uname().nodename:
        return True  # another machine's claim: trust it
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def owner_id() -> str:
    """This process, as a claim on an article reads it."""
    return f"{os.uname().nodename}:{os.getpid()}"


def _haystack(title: str | None, publisher: str | None, names: Sequence[str], texts: Sequence[str]) -> str:
    return "\n".join([title or "", publisher or "", *names, *texts]).lower()


def actor_kind(doc: ParsedDocument, actor: ReviewedActor) -> str:
    """The kind of a reviewed actor: its first member's, with what the reviewer's changes tell."""
    first = next((a for a in map(doc.actor, actor.members) if a is not None), None)
    if first is None:
        return "PERSON"  # a speaker the reviewer named
    if first.kind in UNNAMED_KINDS and actor.renamed_from and all(w[:1].isupper() for w in actor.name.split()):
        return "PERSON"  # "the Russian leader" renamed "Vladimir Putin": named now
    return first.kind


def _rows(doc: ParsedDocument, view: ReviewedView | None) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], int]:
    """Actor and quote rows of an analysed document, its review applied when there is one,
    and how many reviews of quotes the document no longer has."""
    from collections import Counter

    if view is None:
        from ..review.log import Review
        from ..review.view import reviewed_view

        view = reviewed_view(doc, Review())
    from ..extract.interviews import is_question_turn

    # an interviewer's questions are turns of a transcript, not quotes that make a source
    said = Counter(q.speaker_id for q in view.quotes if not is_question_turn(q.quote))
    actors = []
    for ra in view.actors:
        members = [doc.actor(m) for m in ra.members]
        first = next((m for m in members if m is not None), None)
        kind = actor_kind(doc, ra)
        if not members or (first is None and not said.get(ra.id)):
            continue
        names = "\n".join((ra.name, *ra.aliases)).lower()
        mentions = sum(len(m.mentions) for m in members if m is not None)
        actors.append((ra.id, ra.name, kind, label_family(kind), json.dumps(list(ra.aliases), ensure_ascii=False),
                       names, first.gender if first is not None else None, mentions, said.get(ra.id, 0)))
    quotes = [
        (rq.quote.id, i, rq.quote.start, rq.quote.end, rq.quote.kind, float(rq.quote.confidence), rq.speaker_id,
         rq.speaker_name, rq.quote.text, len(rq.quote.text.split()), rq.verdict, int(rq.reviewed), int(rq.reassigned),
         rq.quote.evidence.rule if rq.quote.evidence is not None else None)
        for i, rq in enumerate(view.quotes)
    ]
    return actors, quotes, len(view.orphans)
