"""Who an article's quotes come from: named and unnamed sources, shares of quoted words, who speaks first.

A quote's source is

* ``named`` — its speaker is a named actor (a person, an organisation, a place);
* ``unnamed`` — its speaker is one the attribution engine found only as a
  noun phrase (actor kind ``unnamed`` or ``group``) whose head is a person or a source
  ("a senior official", "people familiar with the matter", "two sources");
* ``document`` — a report, study, poll, filing, data set or website (actor kind
  ``document``: "the study", "a March 3 filing to investors");
* ``other`` — a noun phrase that hides no one: not a person ("police") or one
  known person ("the mayor of Yartsevo");
* ``unattributed`` — no speaker at all.

The unnamed test is deliberately conservative: the head noun must be on the
list below (or one of the engine's own person and role nouns), and the
phrase indefinite or plural, so a report, a study or "the Indian Prime
Minister" is never counted as an anonymous person.

The same summary is made from a document (for the reader and the exports)
or from the index's rows (for a library), by one function over quote facts.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..extract.actors import ROLE_NOUNS
from ..model import DOCUMENT_KIND, UNNAMED_KINDS

if TYPE_CHECKING:  # pragma: no cover
    from ..model import ParsedDocument
    from ..review.view import ReviewedView
    from .index import LibraryIndex

CATEGORIES = ("named", "unnamed", "document", "other", "unattributed")

#: head nouns of unnamed sources beyond the engine's person and role nouns
SOURCE_NOUNS = frozenset(
    ["source", "official", "people", "person", "insider", "aide", "staffer", "employee", "member", "expert", "observer", "witness", "resident", "someone", "somebody", "anyone", "spokesperson", "spokesman", "spokeswoman", "representative", "diplomat", "investigator"]
)
#: words after which a noun phrase's head has already been seen ("people familiar with ...")
_HEAD_END = frozenset(
    ["of", "with", "familiar", "who", "that", "which", "in", "at", "from", "close", "for", "on", "to", "by", "briefed", "involved", "knowledgeable", "conducted", "released", "sent", "saying", "published", "speaking"]
)
#: first words that leave a person unidentified ("a senior official", "two sources")
_INDEFINITE = frozenset(
    ["a", "an", "one", "two", "three", "four", "several", "some", "many", "other", "another", "anonymous", "unnamed", "unidentified", "few", "numerous"]
)


def _singular(word: str) -> str:
    if word.endswith("people"):
        return "people"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("men"):
        return word[:-3] + "man"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _head_end(words: list[str]) -> int:
    """Where a noun phrase's head part ends: at its first preposition or relative word (not the first word)."""
    return next((i for i, w in enumerate(words) if i and w in _HEAD_END), len(words))


def head_noun(phrase: str) -> str | None:
    """The head of a noun phrase, singular: its last word before a preposition or a relative clause."""
    words = re.findall(r"[a-z][a-z'-]*", phrase.lower())
    end = _head_end(words)
    return _singular(words[end - 1]) if end else None


def unnamed_source(phrase: str) -> bool:
    """True when a descriptor stands for a person it does not identify.

    The head must be a person or a source ("a senior official", "officials",
    "people familiar with the matter"), and the phrase indefinite or plural:
    "the mayor of Yartsevo" or "Ukrainian president" point at one known
    person, so they do not count as unnamed.
    """
    words = re.findall(r"[a-z][a-z'-]*", phrase.lower())
    head = head_noun(phrase)
    if head is None or not (head in SOURCE_NOUNS or head in ROLE_NOUNS):
        return False
    raw_head = next((w for w in reversed(words[: _head_end(words)]) if _singular(w) == head), head)
    return words[0] in _INDEFINITE or raw_head != head or "familiar" in words


def category(speaker: str | None, kind: str | None) -> str:
    """The source category of a quote by ``speaker`` (an actor name) of ``kind`` (the actor's kind)."""
    if not speaker:
        return "unattributed"
    if kind == DOCUMENT_KIND:
        return "document"
    if kind in UNNAMED_KINDS:
        return "unnamed" if unnamed_source(speaker) else "other"
    return "named"


@dataclass(frozen=True)
class QuoteFact:
    """What the summary needs of one quote."""

    start: int
    words: int
    speaker: str | None  # a speaker id (or ledger key), None when unattributed
    name: str | None
    kind: str | None


@dataclass(frozen=True)
class SourceShare:
    """One speaker's part of the quotes."""

    speaker: str | None
    name: str | None
    category: str
    quotes: int
    words: int
    #: share of all quoted words, 0..1
    share: float


@dataclass(frozen=True)
class SourcesSummary:
    """Sources of one article, or of a whole library."""

    quotes: int
    words: int
    #: quotes per category (named, unnamed, document, other, unattributed)
    by_category: dict[str, int]
    #: speakers by quoted words, most first (the unattributed quotes as one entry with speaker None)
    speakers: tuple[SourceShare, ...]
    #: the speaker of the first quote in reading order (None when there are no quotes)
    first: SourceShare | None

    @property
    def named(self) -> int:
        return self.by_category.get("named", 0)

    def to_dict(self) -> dict[str, object]:
        """Plain data for the JSON export (a ``sources`` block)."""

        def share(x: SourceShare) -> dict[str, object]:
            return {"speaker": x.speaker, "name": x.name, "category": x.category, "quotes": x.quotes,
                    "words": x.words, "share": round(x.share, 4)}

        return {"quotes": self.quotes, "words": self.words, "by_category": dict(self.by_category),
                "speakers": [share(x) for x in self.speakers], "first": share(self.first) if self.first else None}

    @property
    def unnamed(self) -> int:
        return self.by_category.get("unnamed", 0)


def summarize(facts: Iterable[QuoteFact]) -> SourcesSummary:
    """The summary of a list of quotes (one article's, in any order)."""
    facts = sorted(facts, key=lambda f: f.start)
    total_words = sum(f.words for f in facts)
    by_category: Counter[str] = Counter()
    groups: dict[str | None, list[QuoteFact]] = defaultdict(list)
    for f in facts:
        by_category[category(f.name, f.kind)] += 1
        groups[f.speaker if f.name else None].append(f)
    shares = {
        key: SourceShare(key, fs[0].name if key is not None else None, category(fs[0].name, fs[0].kind) if key is not None
                         else "unattributed", len(fs), sum(f.words for f in fs),
                         sum(f.words for f in fs) / total_words if total_words else 0.0)
        for key, fs in groups.items()
    }
    ordered = tuple(sorted(shares.values(), key=lambda s: (-s.words, -s.quotes, s.name or "\uffff")))
    first = shares[facts[0].speaker if facts[0].name else None] if facts else None
    return SourcesSummary(len(facts), total_words, {c: by_category.get(c, 0) for c in CATEGORIES}, ordered, first)


def document_sources(doc: ParsedDocument, view: ReviewedView | None = None) -> SourcesSummary:
    """The sources of an analysed document, its review applied when ``view`` is given."""
    if view is not None:
        from .index import actor_kind

        kinds = {a.id: actor_kind(doc, a) for a in view.actors}
        facts = [QuoteFact(rq.quote.start, len(rq.quote.text.split()), rq.speaker_id, rq.speaker_name,
                           kinds.get(rq.speaker_id or "")) for rq in view.quotes]
    else:
        facts = []
        for q in doc.quotes:
            actor = doc.actor(q.speaker)
            facts.append(QuoteFact(q.start, len(q.text.split()), q.speaker, actor.name if actor else None,
                                   actor.kind if actor else None))
    return summarize(facts)


#: a quote's speaker is of the kind the ledger gives them (a bare name the engine took for a
#: descriptor and the ledger joined to a person counts as that person)
_FACTS_SQL = (
    "SELECT q.article_id, q.start, q.words, {speaker}, q.speaker, coalesce(sp.kind, s.kind) FROM quotes q"
    " LEFT JOIN actors s ON s.article_id = q.article_id AND s.actor_id = q.speaker_id"
    " LEFT JOIN speakers sp ON sp.key = s.speaker_key"
)


def article_sources(index: LibraryIndex, article_id: int) -> SourcesSummary:
    """The sources of one indexed article."""
    sql = _FACTS_SQL.format(speaker="q.speaker_id") + " WHERE q.article_id = ?"
    rows = index.guarded(lambda c: c.execute(sql, (article_id,)).fetchall())
    return summarize(QuoteFact(r[1], r[2], r[3], r[4], r[5]) for r in rows)


@dataclass(frozen=True)
class LibrarySources:
    """Sources across a library."""

    articles: int
    #: all quotes together, speakers merged across articles (the ledger's keys)
    overall: SourcesSummary
    #: articles quoting at least one unnamed source
    articles_with_unnamed: int
    #: who is quoted first, over articles: (ledger name or None for unattributed, category, articles)
    first_quoted: tuple[tuple[str | None, str, int], ...]


def library_sources(index: LibraryIndex, article_ids: Iterable[int] | None = None) -> LibrarySources:
    """Sources across the library (or the given articles), speakers merged by the ledger.

    Streams quote rows (a few numbers and a name each): never a whole document.
    """
    from .speakers import refresh

    refresh(index)
    wanted = set(article_ids) if article_ids is not None else None
    sql = _FACTS_SQL.format(speaker="coalesce(s.speaker_key, q.article_id || ':' || q.speaker_id)")
    sql += " ORDER BY q.article_id, q.start"

    def run(c: sqlite3.Connection) -> LibrarySources:
        ledger_names = dict(c.execute("SELECT key, name FROM speakers").fetchall())
        all_facts: list[QuoteFact] = []
        firsts: Counter[tuple[str | None, str]] = Counter()
        with_unnamed: set[int] = set()
        seen: set[int] = set()
        for article, start, words, key, name, kind in c.execute(sql):
            if wanted is not None and article not in wanted:
                continue
            fact = QuoteFact(start, words, key if name else None, ledger_names.get(key, name) if name else None, kind)
            cat = category(name, kind)
            if article not in seen:
                seen.add(article)
                firsts[(fact.name if cat == "named" else None, cat)] += 1
            if cat == "unnamed":
                with_unnamed.add(article)
            # one running list is enough: summarize() orders by start only to find the first quote
            all_facts.append(QuoteFact(len(all_facts), words, fact.speaker, fact.name, kind))
        total = c.execute("SELECT count(*) FROM articles WHERE analysed = 1").fetchone()[0]
        ranked = tuple((n, cat, k) for (n, cat), k in firsts.most_common())
        return LibrarySources(total if wanted is None else len(wanted), summarize(all_facts), len(with_unnamed), ranked)

    return index.guarded(run)


def percent(share: float) -> str:
    """A share (0..1) as a whole percentage."""
    return f"{round(share * 100)}%"


def sources_line(summary: SourcesSummary, top: int = 2) -> str:
    """One line (the library's article line, the text export).

    How many quotes of each kind of source, who has most of the quoted words, who is quoted first.
    """
    if not summary.quotes:
        return "Sources: no quotes"
    cats = summary.by_category
    parts = [f"{cats.get('named', 0)} named", f"{cats.get('unnamed', 0)} unnamed"]
    for extra in ("document", "other", "unattributed"):
        if cats.get(extra):
            parts.append(f"{cats[extra]} {extra}")
    shares = ", ".join(f"{s.name or 'unattributed'} {percent(s.share)}" for s in summary.speakers[:top])
    line = f"Sources: {' · '.join(parts)} — words: {shares}"
    if summary.first is not None:
        line += f" — first: {summary.first.name or 'unattributed'}"
    return line


def sources_markdown(summary: SourcesSummary, escape: Callable[[str], str], top: int = 5) -> str:
    """The markdown export's ``Sources`` section; names (article text) pass through ``escape``."""
    lines = ["## Sources", ""]
    if not summary.quotes:
        return "\n".join([*lines, "No quotes.", ""])
    cats = summary.by_category
    lines.append("- Quotes by source: " + ", ".join(f"{cats.get(c, 0)} {c}" for c in CATEGORIES))
    lines.append("- Shares of the quoted words: " + ", ".join(
        f"{escape(s.name or 'unattributed')} {percent(s.share)}" for s in summary.speakers[:top]))
    if summary.first is not None:
        lines.append(f"- Quoted first: {escape(summary.first.name or 'unattributed')} ({summary.first.category})")
    return "\n".join([*lines, ""])
