"""The reviewed view: a document as its review shows it (what the UI and the exports show).

Effective speakers, verdicts and notes per quote, merged and renamed actors,
and orphaned reviews.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..filtering import ReviewTerms, parse_query
from ..model import ParsedDocument, Quote
from .actions import ACCEPTED, REJECTED
from .keys import new_actor_id, norm_name
from .log import QuoteRecord, Review
from .matching import match_quotes, resolve_actor
from .progress import Progress


@dataclass(frozen=True)
class ReviewedActor:
    id: str  # a document actor id, or "new:<name>" for an actor the reviewer added
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]  # document actor ids merged into this one (itself first)
    renamed_from: str | None = None
    new: bool = False


@dataclass(frozen=True)
class ReviewedQuote:
    quote: Quote
    verdict: str | None
    reason: str | None
    note: str
    speaker_id: str | None  # effective speaker (a ReviewedActor id)
    speaker_name: str | None
    #: the engine's speaker, under its reviewed name (renames and merges applied)
    engine_speaker_name: str | None
    reassigned: bool

    @property
    def id(self) -> str:
        return self.quote.id

    @property
    def reviewed(self) -> bool:
        return self.verdict is not None or self.reassigned


@dataclass(frozen=True)
class OrphanedReview:
    """A review of a quote the current analysis no longer has."""

    record: QuoteRecord
    speaker_name: str | None

    @property
    def text(self) -> str:
        return self.record.display


@dataclass(frozen=True)
class ReviewFilter:
    """The review terms of a filter query, for triage in a reviewed view.

    The query is parsed by :func:`newsview.filtering.parse_query`, the one
    parser of the filter language; ``rest`` is the query's other terms (in
    their normalised form), ``invalid`` the terms it could not understand.
    """

    terms: ReviewTerms
    rest: str = ""
    invalid: tuple[str, ...] = ()

    @classmethod
    def parse(cls, query: str) -> ReviewFilter:
        state = parse_query(query)
        return cls(state.review, replace(state, review=ReviewTerms()).describe(), state.invalid)

    @property
    def active(self) -> bool:
        return self.terms.active

    def matches(self, q: ReviewedQuote) -> bool:
        return self.terms.matches(q.quote, q)


@dataclass(frozen=True, eq=False)
class ReviewedView:
    doc: ParsedDocument
    review: Review
    quotes: tuple[ReviewedQuote, ...]
    actors: tuple[ReviewedActor, ...]
    orphans: tuple[OrphanedReview, ...]
    #: any actor id (document or reviewer-added) to the id of the actor it now belongs to
    actor_of: dict[str, str]
    #: record ref by document quote id
    ref_of: dict[str, str]
    #: the stored reference of each actor that is not in the document (reviewer-added or gone)
    extra_refs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def progress(self) -> Progress:
        return Progress(
            reviewed=sum(1 for q in self.quotes if q.reviewed),
            total=len(self.quotes),
            accepted=sum(1 for q in self.quotes if q.verdict == ACCEPTED),
            rejected=sum(1 for q in self.quotes if q.verdict == REJECTED),
            orphaned=len(self.orphans),
        )

    def quote(self, quote_id: str) -> ReviewedQuote | None:
        for q in self.quotes:
            if q.id == quote_id:
                return q
        return None

    def actor(self, actor_id: str | None) -> ReviewedActor | None:
        if actor_id is None:
            return None
        root = self.actor_of.get(actor_id, actor_id)
        for a in self.actors:
            if a.id == root:
                return a
        return None

    def quotes_by(self, actor_id: str | None) -> tuple[ReviewedQuote, ...]:
        root = self.actor_of.get(actor_id, actor_id) if actor_id else None
        return tuple(q for q in self.quotes if q.speaker_id == root)

    def next_unreviewed(self, after: str | None = None, *, lowest_confidence: bool = False) -> str | None:
        """The id of the next quote to review, or None when all are reviewed.

        In reading order after ``after`` (wrapping round), or the least
        confident unreviewed quote other than ``after`` when
        ``lowest_confidence``.
        """
        todo = [q for q in self.quotes if not q.reviewed]
        if not todo:
            return None
        if lowest_confidence:
            others = [q for q in todo if q.id != after] or todo
            return min(others, key=lambda q: (q.quote.confidence, q.quote.start)).id
        ids = [q.id for q in self.quotes]
        pos = ids.index(after) if after in ids else -1
        ordered = self.quotes[pos + 1 :] + self.quotes[: pos + 1]
        for q in ordered:
            if not q.reviewed:
                return q.id
        return None  # pragma: no cover - todo was not empty

    def filter(self, query: str | ReviewFilter) -> tuple[ReviewedQuote, ...]:
        """The quotes a query's review terms keep (its other terms are ignored here)."""
        f = ReviewFilter.parse(query) if isinstance(query, str) else query
        return tuple(q for q in self.quotes if f.matches(q))


def reviewed_view(doc: ParsedDocument, review: Review) -> ReviewedView:
    """Apply ``review`` to ``doc``: effective speakers, verdicts, notes, merged and renamed actors, orphans."""
    # actors: every document actor is its own group until merged
    parent: dict[str, str] = {}
    names: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    renamed: dict[str, str] = {}
    new_ids: set[str] = set()
    extra_refs: dict[str, dict[str, Any]] = {}
    for a in doc.actors:
        parent[a.id] = a.id
        names[a.id] = a.name
        aliases[a.id] = list(a.aliases)

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def ensure(ref: dict[str, Any]) -> str:
        aid = resolve_actor(doc, ref)
        if aid is None:
            # a reviewer-added actor, or one the engine no longer finds: keep it by name
            aid = new_actor_id(ref["name"])
            if aid not in parent:
                parent[aid] = aid
                names[aid] = ref["name"]
                aliases[aid] = list(ref.get("aliases", ()))
                new_ids.add(aid)
                extra_refs[aid] = ref
        return aid

    def known(ref: dict[str, Any]) -> str | None:
        """An actor an actor fix names: not re-created when the engine no longer finds it."""
        aid = resolve_actor(doc, ref)
        if aid is None and (ref.get("new") or new_actor_id(ref["name"]) in parent):
            aid = ensure(ref)
        return aid

    def add_alias(root: str, name: str) -> None:
        if norm_name(name) != norm_name(names[root]) and all(norm_name(name) != norm_name(x) for x in aliases[root]):
            aliases[root].append(name)

    # speakers given by the reviewer first: someone the engine lost still speaks
    record_list = list(review.records.values())
    for rec in record_list:
        if rec.speaker:
            ensure(rec.speaker)

    for op in review.actor_ops:
        if op["op"] == "rename":
            aid = known(op["actor"])
            if aid is None:
                continue
            root = find(aid)
            old = names[root]
            if norm_name(old) == norm_name(op["name"]):
                continue
            renamed.setdefault(root, old)
            names[root] = op["name"]
            add_alias(root, old)
            aliases[root] = [x for x in aliases[root] if norm_name(x) != norm_name(op["name"])]
        elif op["op"] == "merge":
            keep, absorb = known(op["keep"]), known(op["absorb"])
            if keep is None or absorb is None:
                continue
            kept_root, absorbed_root = find(keep), find(absorb)
            if kept_root == absorbed_root:
                continue
            parent[absorbed_root] = kept_root
            for n in (names[absorbed_root], *aliases[absorbed_root]):
                add_alias(kept_root, n)

    groups: dict[str, list[str]] = {}
    for x in parent:
        groups.setdefault(find(x), []).append(x)
    order = [a.id for a in doc.actors] + sorted(new_ids)
    actors = tuple(
        ReviewedActor(
            id=root,
            name=names[root],
            aliases=tuple(aliases[root]),
            members=tuple(m for m in order if m in groups[root] and m not in new_ids) or (root,),
            renamed_from=renamed.get(root),
            new=root in new_ids,
        )
        for root in order
        if root in groups
    )
    actor_of = {x: find(x) for x in parent}

    matched = match_quotes(doc, record_list)
    rec_by_qid = {qid: review.records[ref] for ref, qid in matched.items()}
    quotes = []
    for q in doc.quotes:
        record = rec_by_qid.get(q.id)
        engine_id = actor_of.get(q.speaker) if q.speaker else None
        speaker_id = engine_id
        if record is not None and record.speaker is not None:
            speaker_id = actor_of[ensure(record.speaker)]
        quotes.append(
            ReviewedQuote(
                quote=q,
                verdict=record.verdict if record else None,
                reason=record.reason if record else None,
                note=record.note if record else "",
                speaker_id=speaker_id,
                speaker_name=names.get(speaker_id) if speaker_id else None,
                engine_speaker_name=names.get(engine_id) if engine_id else None,
                reassigned=record is not None and record.speaker is not None and speaker_id != engine_id,
            )
        )
    orphans = tuple(
        OrphanedReview(rec, names.get(actor_of[ensure(rec.speaker)]) if rec.speaker else rec.engine_speaker)
        for rec in record_list
        if rec.ref not in matched
    )
    return ReviewedView(
        doc=doc,
        review=review,
        quotes=tuple(quotes),
        actors=actors,
        orphans=tuple(sorted(orphans, key=lambda o: o.record.start)),
        actor_of=actor_of,
        ref_of={qid: ref for ref, qid in matched.items()},
        extra_refs=extra_refs,
    )
