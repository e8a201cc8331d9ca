"""The speaker ledger: every actor across a library's articles, one row per person.

Names are merged as the engine merges them inside one article
(:mod:`newsview.extract.actors`): titles and possessives are taken off
(``President Putin`` → ``putin``), initials and ``Jr.`` do not count, two
full names are one person when their first and last words agree
(``Donald Trump`` = ``Donald J. Trump``), and a one-word name joins the full
name it is the surname (or else the given name) of.  Across articles a
one-word name is only joined when that is not a guess: one candidate, or one
named in at least twice as many articles as the next (``Trump`` goes to
Donald Trump, not Melania Trump), agreeing in gender when both are known.
Organisations and places merge by their exact name; unnamed sources ("a
senior official") are never merged, each stays its own row, except a bare
proper name the engine took for a descriptor ("Trump"), which joins a person
the library already knows (and never starts a new one: "WSS))" stays apart).

Reviews apply before merging: the index holds each article's actors as
reviewed (merged, renamed), so a rename to a full name joins that person.

The ledger is stored in the index (``speakers`` table, ``actors.speaker_key``)
and rebuilt by :func:`refresh` when articles have changed since: the
analysis loop does that as it goes, the views only read it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..extract.actors import _core as name_core
from ..extract.actors import name_words, strip_titles
from ..model import DOCUMENT_KIND, UNNAMED_KINDS, label_family
from .index import LibraryIndex
from .query import QuoteRow, quote_row

#: how many more articles the chosen full name must have than the next, for a surname to join it
DOMINANCE = 2.0

#: the ledger's orders; by default, speakers quoted in the most articles first (an interviewee
#: quoted a hundred times in one article does not outrank someone quoted across the set)
SORTS = {
    "articles": "quoted_articles DESC, quotes DESC, articles DESC, lower(name)",
    "quotes": "quotes DESC, quoted_articles DESC, articles DESC, lower(name)",
    "mentions": "articles DESC, quotes DESC, lower(name)",
    "name": "lower(name), key",
    "date": "last_date IS NULL, last_date DESC, quotes DESC",
}


@dataclass(frozen=True)
class ActorFact:
    """One article's actor, as the ledger merges it."""

    row: int
    article: int
    name: str
    kind: str
    gender: str | None = None


@dataclass(frozen=True)
class SpeakerRow:
    """One line of the speakers view."""

    key: str
    name: str
    kind: str
    #: False for unnamed sources ("a senior official")
    named: bool
    #: articles that mention them / that quote them
    articles: int
    quoted_articles: int
    quotes: int
    #: words quoted from them, all articles together
    words: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True)
class SpeakerQuote:
    """One of a speaker's quotes, with the article to open at it."""

    article_id: int
    path: str
    title: str | None
    date: str | None
    quote: QuoteRow


def person_core(name: str) -> list[str]:
    """The words that identify a person's name: lower case, no titles, possessives, initials or suffixes."""
    stripped, _titles = strip_titles(name_words(name))
    return name_core(stripped)


def merge_names(facts: Iterable[ActorFact]) -> dict[int, str]:
    """A ledger key for every actor row: rows with one key are one speaker."""
    keys: dict[int, str] = {}
    full: dict[tuple[str, str], list[ActorFact]] = defaultdict(list)
    single: list[tuple[str, ActorFact]] = []
    nominal_names: list[tuple[list[str], ActorFact]] = []
    for f in facts:
        if f.kind == DOCUMENT_KIND:
            keys[f.row] = f"document:{f.article}:{f.row}"  # "the report" of one article is not another's
            continue
        if f.kind in UNNAMED_KINDS:
            keys[f.row] = f"unnamed:{f.article}:{f.row}"
            if _proper_name(f.name):
                nominal_names.append((person_core(f.name), f))
            continue
        core = person_core(f.name) if f.kind == "PERSON" else []
        if len(core) >= 2:
            full[(core[0], core[-1])].append(f)
        elif len(core) == 1:
            single.append((core[0], f))
        else:
            words = [w for w in name_words(f.name) if w != "the"]
            keys[f.row] = f"{label_family(f.kind)}:{' '.join(words) or f.name.lower()}"
    for (first, last), members in full.items():
        for f in members:
            keys[f.row] = f"person:{first} {last}"
    spread = {k: len({f.article for f in v}) for k, v in full.items()}
    gender = {k: Counter(f.gender for f in v if f.gender).most_common(1) for k, v in full.items()}
    by_last: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_first: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k in full:
        by_last[k[1]].append(k)
        by_first[k[0]].append(k)
    for core, f in nominal_names:
        # a bare name the engine took for a descriptor ("Trump" in a garbled sentence):
        # it joins a person the library already knows, and is never a new one
        if len(core) >= 2 and (core[0], core[-1]) in full:
            keys[f.row] = f"person:{core[0]} {core[-1]}"
        elif len(core) == 1 and by_last.get(core[0]):
            single.append((core[0], f))
    for word, f in single:
        cands = by_last.get(word) or by_first.get(word) or []
        if f.gender:
            agreeing = [k for k in cands if gender[k] and gender[k][0][0] == f.gender]
            cands = agreeing or [k for k in cands if not gender[k]]
        ranked = sorted(cands, key=lambda k: -spread[k])
        if ranked and (len(ranked) == 1 or spread[ranked[0]] >= DOMINANCE * spread[ranked[1]]):
            keys[f.row] = f"person:{ranked[0][0]} {ranked[0][1]}"
        elif f.kind not in UNNAMED_KINDS:
            keys[f.row] = f"person:{word}"
    return keys


_PROPER_WORD = re.compile(r"^[A-Z][\w'\u2019.-]*$")


def _proper_name(name: str) -> bool:
    """A name as people are named: one to three capitalised words, no article, no stray marks."""
    words = name.split()
    return 1 <= len(words) <= 3 and words[0].lower() not in ("the", "a", "an") \
        and all(_PROPER_WORD.match(w) for w in words)


def _display(names: Counter[str], person: bool) -> str:
    """The name a merged speaker is shown under: the one most articles use (a full name for a person)."""
    ranked = sorted(names.items(), key=lambda kv: (-(len(person_core(kv[0])) >= 2) if person else 0, -kv[1], -len(kv[0]), kv[0]))
    return ranked[0][0]


def rebuild(index: LibraryIndex) -> int:
    """Recompute the ledger from the index's actors (in one write transaction); the number of speakers."""
    return index.write(_rebuild)


def _rebuild(c: sqlite3.Connection) -> int:
    rows = c.execute(
        "SELECT s.id, s.article_id, s.name, s.kind, s.gender, s.aliases, s.quotes, a.date_key,"
        " (SELECT coalesce(sum(q.words), 0) FROM quotes q WHERE q.article_id = s.article_id"
        "  AND q.speaker_id = s.actor_id) AS words"
        " FROM actors s JOIN articles a ON a.id = s.article_id"
    ).fetchall()
    keys = merge_names(ActorFact(r["id"], r["article_id"], r["name"], r["kind"], r["gender"]) for r in rows)
    groups: dict[str, list[sqlite3.Row]] = defaultdict(list)
    for r in rows:
        groups[keys[r["id"]]].append(r)
    c.executemany("UPDATE actors SET speaker_key = ? WHERE id = ?", [(keys[r["id"]], r["id"]) for r in rows])
    c.execute("DELETE FROM speakers")
    out = []
    for key, members in groups.items():
        names: Counter[str] = Counter()
        all_names: set[str] = set()
        for r in members:
            names[r["name"]] += 1
            all_names.add(r["name"].lower())
            all_names.update(a.lower() for a in json.loads(r["aliases"] or "[]"))
        kinds = Counter(r["kind"] for r in members)
        kind = "PERSON" if key.startswith("person:") else kinds.most_common(1)[0][0]
        dates = sorted(r["date_key"] for r in members if r["date_key"])
        out.append((
            key, _display(names, kind == "PERSON"), kind, int(kind not in UNNAMED_KINDS and kind != DOCUMENT_KIND), "\n".join(sorted(all_names)),
            len({r["article_id"] for r in members}), len({r["article_id"] for r in members if r["quotes"]}),
            sum(r["quotes"] for r in members), sum(r["words"] for r in members),
            dates[0] if dates else None, dates[-1] if dates else None, label_family(kind),
        ))
    c.executemany("INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", out)
    # this transaction bumps the generation by one as it commits: the ledger is of that generation
    c.execute("UPDATE meta SET value = (SELECT CAST(value AS INTEGER) + 1 FROM meta WHERE key = 'generation')"
              " WHERE key = 'ledger_generation'")
    return len(out)


def stale(index: LibraryIndex) -> bool:
    """True when articles changed since the ledger was built."""
    def run(c: sqlite3.Connection) -> bool:
        values = dict(c.execute("SELECT key, value FROM meta WHERE key IN ('generation', 'ledger_generation')").fetchall())
        return values.get("generation") != values.get("ledger_generation")

    return index.guarded(run)


def refresh(index: LibraryIndex) -> bool:
    """Rebuild the ledger if it is stale; True when it did."""
    if not stale(index):
        return False
    rebuild(index)
    return True


def _where(query: str, named_only: bool, documents: bool = False) -> tuple[str, list[str]]:
    """Words (and ``@name``) must be in a name or alias; ``type:`` terms keep those families.

    Documents and data ("the report", "a poll") are left out unless ``documents``.
    """
    from ..filtering import parse_query

    state = parse_query(query)
    clauses = ["named = 1"] if named_only else []
    if not documents:
        clauses.append(f"kind != '{DOCUMENT_KIND}'")
    words = [*state.words, *state.speakers]
    clauses += ["instr(names, ?) > 0"] * len(words)
    if state.types:
        clauses.append(f"family IN ({','.join('?' * len(state.types))})")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", [*words, *state.types]


def speakers(index: LibraryIndex, query: str = "", *, sort: str = "articles", named_only: bool = False,
             limit: int = 100, offset: int = 0, documents: bool = False) -> list[SpeakerRow]:
    """One page of the ledger; ``query`` words must all be in a name or alias of the speaker
    (``type:person`` and the like keep one family of speakers).  Documents and data as sources
    are ranked only with ``documents``."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r} (one of {', '.join(SORTS)})")
    where, args = _where(query, named_only, documents)
    sql = ("SELECT key, name, kind, named, articles, quoted_articles, quotes, words, first_date, last_date"
           f" FROM speakers{where} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?")

    def run(c: sqlite3.Connection) -> list[SpeakerRow]:
        return [SpeakerRow(r[0], r[1], r[2], bool(r[3]), *r[4:]) for r in c.execute(sql, [*args, limit, offset])]

    return index.guarded(run)


def count(index: LibraryIndex, query: str = "", *, named_only: bool = False, documents: bool = False) -> int:
    where, args = _where(query, named_only, documents)
    return int(index.guarded(lambda c: c.execute(f"SELECT count(*) FROM speakers{where}", args).fetchone()[0]))


def speaker(index: LibraryIndex, key: str) -> SpeakerRow | None:
    rows = index.guarded(lambda c: c.execute(
        "SELECT key, name, kind, named, articles, quoted_articles, quotes, words, first_date, last_date"
        " FROM speakers WHERE key = ?", (key,)).fetchall())
    return SpeakerRow(rows[0][0], rows[0][1], rows[0][2], bool(rows[0][3]), *rows[0][4:]) if rows else None


def speaker_key(index: LibraryIndex, article_id: int, actor_id: str) -> str | None:
    """The ledger row of one article's actor (from the reader's sidebar to the ledger)."""
    row = index.guarded(lambda c: c.execute(
        "SELECT speaker_key FROM actors WHERE article_id = ? AND actor_id = ?", (article_id, actor_id)).fetchone())
    return row[0] if row else None


def speaker_quotes(index: LibraryIndex, key: str, *, limit: int = 200, offset: int = 0) -> list[SpeakerQuote]:
    """A speaker's quotes across articles: oldest article first, in reading order within one."""
    sql = (
        "SELECT a.id, a.path, a.title, a.date_key, q.article_id, q.quote_id, q.position, q.start, q.end, q.kind,"
        " q.confidence, q.speaker_id, q.speaker, q.text, q.words, q.verdict, q.reviewed, q.reassigned"
        " FROM actors s JOIN quotes q ON q.article_id = s.article_id AND q.speaker_id = s.actor_id"
        " JOIN articles a ON a.id = s.article_id WHERE s.speaker_key = ?"
        " ORDER BY a.date_key IS NULL, a.date_key, a.id, q.position LIMIT ? OFFSET ?"
    )

    def run(c: sqlite3.Connection) -> list[SpeakerQuote]:
        return [SpeakerQuote(r[0], r[1], r[2], r[3], quote_row(tuple(r)[4:])) for r in c.execute(sql, (key, limit, offset))]

    return index.guarded(run)


#: the columns of the headless speakers table (``--format speakers``)
LEDGER_FIELDS = ("speaker", "kind", "named", "articles", "quoted_articles", "quotes", "words", "first_date", "last_date")


def ledger_rows(index: LibraryIndex, *, sort: str = "articles", named_only: bool = False,
                batch: int = 500, documents: bool = False) -> Iterator[dict[str, object]]:
    """The whole ledger as plain rows (``LEDGER_FIELDS``), a batch at a time, for CSV.

    The writer must still neutralise cells a spreadsheet would run as
    formulas, as the other CSV exports do: names come from article text.
    """
    refresh(index)
    offset = 0
    while True:
        rows = speakers(index, sort=sort, named_only=named_only, limit=batch, offset=offset, documents=documents)
        for r in rows:
            yield {"speaker": r.name, "kind": r.kind, "named": r.named, "articles": r.articles,
                   "quoted_articles": r.quoted_articles, "quotes": r.quotes, "words": r.words,
                   "first_date": r.first_date, "last_date": r.last_date}
        if len(rows) < batch:
            return
        offset += batch
