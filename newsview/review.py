"""Quote review: verdicts, reassigned speakers, notes and actor fixes, saved at once.

An editor goes quote by quote and accepts or rejects each one, reassigns its
speaker, leaves notes, merges actors the engine kept apart and renames actors.
Every change is one call that returns only once it is durably on disk.

The review file (schema ``newsview-review/1``, see docs/review-format.md) is
an append-only log of actions; the review state is the log folded in order,
with undone actions left out.  Undo and redo are themselves logged actions, so
they are saved, survive a restart and travel with the file.

Nothing in the file names the engine's ids (``q3``, ``a1``): a quote is keyed
by its normalised text and position, an actor by its canonical name and
aliases, so a review still applies after the article is analysed again by
another model or engine version.  A reviewed quote that no longer matches any
quote is kept and reported as orphaned.

Saving is atomic (temporary file in the same directory, flush, fsync, rename,
fsync of the directory) and guarded against a second instance: under an
advisory lock, the file is re-read before each write, and when another
instance has written since we last read it, its actions are kept and ours are
appended after them (the log is a union, so nothing is overwritten).  A failed
write raises :class:`ReviewError` and leaves the previous file untouched.

No Textual, no spaCy: the UI calls in from key handlers.
"""

from __future__ import annotations

import difflib
import errno
import glob
import hashlib
import json
import os
import re
import tempfile
import time
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Union

from .clean import one_line
from .model import Actor, ParsedDocument, Quote

try:  # advisory locking where the platform has it
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

SCHEMA = "newsview-review/1"
SUFFIX = ".review.json"

ACCEPTED = "accepted"
REJECTED = "rejected"
VERDICTS = (ACCEPTED, REJECTED)
#: why a quote was rejected
REASONS = ("wrong_quote", "wrong_speaker")

#: how long to wait for another instance's write to finish
LOCK_TIMEOUT = 10.0


class ReviewError(Exception):
    """A review could not be loaded or saved; ``str()`` is one line for the UI.

    ``action`` is the action that was not saved, when there is one: applying
    it again retries without risk of recording it twice.
    """

    def __init__(self, message: str, *, action: "Action | None" = None) -> None:
        super().__init__(" ".join(str(message).split()))
        self.action = action


# ---------------------------------------------------------------------------
# Normalisation and keys
# ---------------------------------------------------------------------------

_QUOTE_CHARS = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2026": "...",
    }
)
_EDGE = " \t\n\"'.,;:!?-()[]"


def normalize_text(text: str) -> str:
    """Text as compared across analyses: case, quote marks, dashes and spacing ironed out."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS).casefold()
    return " ".join(text.split()).strip(_EDGE)


def _norm_name(name: str) -> str:
    return normalize_text(name)


def quote_key(quote: Quote) -> dict[str, Any]:
    return {"text": normalize_text(quote.text), "start": quote.start, "end": quote.end}


def _quote_ref(key: dict[str, Any]) -> str:
    """A stable handle for a reviewed quote, the same in every instance."""
    material = f"{key['text']}\0{key['start']}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:16]


def actor_key(actor: Actor) -> dict[str, Any]:
    aliases = sorted({a for a in actor.aliases if _norm_name(a) != _norm_name(actor.name)})
    return {"name": actor.name, "aliases": aliases}


def _names(key: dict[str, Any]) -> set[str]:
    return {_norm_name(n) for n in (key.get("name", ""), *key.get("aliases", ())) if n}


def _new_id(name: str) -> str:
    return "new:" + _norm_name(name)


# ---------------------------------------------------------------------------
# Actions (what the UI asks for, by the ids of the document on screen)
# ---------------------------------------------------------------------------


def _uid() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Accept:
    quote_id: str
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class Reject:
    quote_id: str
    reason: str | None = None  # "wrong_quote" | "wrong_speaker"
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class ClearVerdict:
    quote_id: str
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class Reassign:
    """Give a quote another speaker: an actor on screen, or a new actor by name.

    ``actor_id`` is a document actor id (``a1``) or an id from the reviewed
    view (``new:jane doe``); ``new_name`` names an actor the engine did not
    find.  Both None clears the reassignment.
    """

    quote_id: str
    actor_id: str | None = None
    new_name: str | None = None
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class SetNote:
    """Add, edit or (with empty text) remove a quote's note."""

    quote_id: str
    text: str
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class MergeActors:
    """``absorb_id`` is the same person as ``keep_id``: its name becomes an alias."""

    keep_id: str
    absorb_id: str
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class RenameActor:
    actor_id: str
    name: str
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class Undo:
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class Redo:
    id: str = field(default_factory=_uid)


Action = Union[Accept, Reject, ClearVerdict, Reassign, SetNote, MergeActors, RenameActor, Undo, Redo]


# ---------------------------------------------------------------------------
# The review: a log of entries, folded into per-quote records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuoteRecord:
    """The review of one quote, independent of any analysis's ids."""

    ref: str
    text: str  # normalised text (the key)
    start: int
    end: int
    display: str  # the quote as it read when last reviewed
    engine_speaker: str | None  # who the engine said, when last reviewed
    verdict: str | None = None
    reason: str | None = None
    note: str = ""
    speaker: dict[str, Any] | None = None  # actor reference, when reassigned

    @property
    def reviewed(self) -> bool:
        return self.verdict is not None or self.speaker is not None

    @property
    def empty(self) -> bool:
        return not self.reviewed and not self.note


@dataclass(frozen=True)
class Review:
    """A loaded review: the log, the revision it was read or written at, and its fold."""

    entries: tuple[dict[str, Any], ...] = ()
    revision: int = 0
    source_sha256: str | None = None

    def __post_init__(self) -> None:
        done, undone = _stacks(self.entries)
        object.__setattr__(self, "_done", done)
        object.__setattr__(self, "_undone", undone)
        live = set(done)
        records, actor_ops = _fold([e for e in self.entries if e["id"] in live], done)
        object.__setattr__(self, "_all_records", records)
        object.__setattr__(self, "_records", {ref: rec for ref, rec in records.items() if not rec.empty})
        object.__setattr__(self, "_actor_ops", actor_ops)

    @property
    def records(self) -> dict[str, QuoteRecord]:
        """Reviewed quotes by ref (those with a verdict, a new speaker or a note)."""
        return self._records  # type: ignore[attr-defined]

    @property
    def all_records(self) -> dict[str, QuoteRecord]:
        """Every quote ever touched, including those whose review was cleared."""
        return self._all_records  # type: ignore[attr-defined]

    @property
    def actor_ops(self) -> tuple[dict[str, Any], ...]:
        """Merges and renames in effect, in the order they were made."""
        return self._actor_ops  # type: ignore[attr-defined]

    @property
    def can_undo(self) -> bool:
        return bool(self._done)  # type: ignore[attr-defined]

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)  # type: ignore[attr-defined]

    def entry(self, entry_id: str) -> dict[str, Any] | None:
        for e in self.entries:
            if e["id"] == entry_id:
                return e
        return None

    def contains(self, entry_id: str) -> bool:
        return self.entry(entry_id) is not None

    @property
    def last_undo_target(self) -> str | None:
        return self._done[-1] if self._done else None  # type: ignore[attr-defined]

    @property
    def last_redo_target(self) -> str | None:
        return self._undone[-1] if self._undone else None  # type: ignore[attr-defined]


def _stacks(entries: Iterable[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The done and undone stacks (entry ids, oldest first) after the whole log."""
    done: list[str] = []
    undone: list[str] = []
    for e in entries:
        op = e.get("op")
        target = e.get("target")
        if op == "undo":
            if target in done:
                done.remove(target)
                undone.append(target)
        elif op == "redo":
            if target in undone:
                undone.remove(target)
                done.append(target)
        else:
            done.append(e["id"])
            undone.clear()
    return done, undone


def _fold(entries: list[dict[str, Any]], order: list[str]) -> tuple[dict[str, QuoteRecord], tuple[dict[str, Any], ...]]:
    by_id = {e["id"]: e for e in entries}
    records: dict[str, QuoteRecord] = {}
    actor_ops: list[dict[str, Any]] = []
    for eid in order:
        e = by_id[eid]
        op = e["op"]
        if op in ("merge", "rename"):
            actor_ops.append(e)
            continue
        q = e.get("quote")
        if not q:
            continue
        ref = q["ref"]
        old = records.get(ref)
        base = dict(
            ref=ref,
            text=q["text"],
            start=q["start"],
            end=q["end"],
            display=q.get("display", q["text"]),
            engine_speaker=q.get("engine_speaker"),
            verdict=old.verdict if old else None,
            reason=old.reason if old else None,
            note=old.note if old else "",
            speaker=old.speaker if old else None,
        )
        if op == "verdict":
            base["verdict"] = e.get("verdict")
            base["reason"] = e.get("reason") if e.get("verdict") == REJECTED else None
        elif op == "reassign":
            base["speaker"] = e.get("speaker")
        elif op == "note":
            base["note"] = e.get("text", "")
        records[ref] = QuoteRecord(**base)
    return records, tuple(actor_ops)


# ---------------------------------------------------------------------------
# Matching a review to an analysis
# ---------------------------------------------------------------------------

#: below this similarity a changed quote is no longer the same quote
MATCH_RATIO = 0.75


#: how many candidates per unmatched review are compared character by character
FUZZY_CANDIDATES = 6

_MATCH_CACHE: list[tuple[ParsedDocument, tuple[tuple[str, str, int, int], ...], dict[str, str]]] = []


def match_quotes(doc: ParsedDocument, records: Iterable[QuoteRecord]) -> dict[str, str]:
    """Map record refs to the ids of ``doc``'s quotes, one to one.

    Exact normalised text first (nearest position wins among repeats); then
    text contained in the other (a span grown or cut by a few words); then
    similar text (at least ``MATCH_RATIO``), comparing each review only with
    the quotes nearest its old position and those sharing most of its words,
    so that the cost stays linear in the article.  The last few results are
    cached per document, since the UI asks again after every key press.
    """
    records = list(records)
    sig = tuple((r.ref, r.text, r.start, r.end) for r in records)
    for cached_doc, cached_sig, cached in _MATCH_CACHE:
        if cached_doc is doc and cached_sig == sig:
            return dict(cached)
    result = _match(doc, records)
    _MATCH_CACHE.insert(0, (doc, sig, result))
    del _MATCH_CACHE[4:]
    return dict(result)


def _match(doc: ParsedDocument, records: list[QuoteRecord]) -> dict[str, str]:
    quotes = [q for q in doc.quotes]
    norm = {q.id: normalize_text(q.text) for q in quotes}
    result: dict[str, str] = {}
    taken: set[str] = set()

    def assign(pairs: list[tuple[float, int, str, str]]) -> None:
        for _, _, ref, qid in sorted(pairs, key=lambda p: (-p[0], p[1])):
            if ref not in result and qid not in taken:
                result[ref] = qid
                taken.add(qid)

    def open_pairs() -> Iterable[tuple[QuoteRecord, Quote, str]]:
        for r in records:
            if r.ref in result or not r.text:
                continue
            for q in quotes:
                if q.id not in taken and norm[q.id]:
                    yield r, q, norm[q.id]

    by_text: dict[str, list[Quote]] = {}
    for q in quotes:
        by_text.setdefault(norm[q.id], []).append(q)
    assign([(1.0, abs(q.start - r.start), r.ref, q.id) for r in records for q in by_text.get(r.text, ())])

    contained = []
    for r, q, t in open_pairs():
        if r.text in t or t in r.text:
            overlap = min(r.end, q.end) - max(r.start, q.start)
            if overlap > 0 or min(len(t), len(r.text)) >= 0.6 * max(len(t), len(r.text)):
                contained.append((0.9, abs(q.start - r.start), r.ref, q.id))
    assign(contained)

    words = {q.id: set(norm[q.id].split()) for q in quotes}
    candidates: dict[str, list[tuple[float, int, Quote]]] = {}
    for r, q, t in open_pairs():
        r_words = set(r.text.split())
        shared = len(r_words & words[q.id]) / max(1, len(r_words | words[q.id]))
        candidates.setdefault(r.ref, []).append((shared, abs(q.start - r.start), q))
    similar = []
    by_ref = {r.ref: r for r in records}
    for ref, cands in candidates.items():
        r = by_ref[ref]
        nearest = sorted(cands, key=lambda c: c[1])[:FUZZY_CANDIDATES]
        wordiest = sorted(cands, key=lambda c: (-c[0], c[1]))[:FUZZY_CANDIDATES]
        seen = set()
        for _, distance, q in nearest + wordiest:
            if q.id in seen:
                continue
            seen.add(q.id)
            sm = difflib.SequenceMatcher(None, r.text, norm[q.id], autojunk=False)
            if sm.real_quick_ratio() < MATCH_RATIO or sm.quick_ratio() < MATCH_RATIO:
                continue
            ratio = sm.ratio()
            if ratio >= MATCH_RATIO:
                similar.append((min(ratio, 0.89), distance, ref, q.id))
    assign(similar)
    return result


def resolve_actor(doc: ParsedDocument, ref: dict[str, Any] | None) -> str | None:
    """The id of ``doc``'s actor a stored reference names, or None.

    Same canonical name first, then the stored name among the actor's aliases
    (or the actor's name among the stored aliases), then shared aliases.
    """
    if not ref or ref.get("new"):
        return None
    name = _norm_name(ref.get("name", ""))
    names = _names(ref)
    best: tuple[int, int, str] | None = None
    for a in doc.actors:
        a_name = _norm_name(a.name)
        a_names = {a_name, *(_norm_name(x) for x in a.aliases)}
        if a_name == name:
            score = 3
        elif name in a_names or a_name in names:
            score = 2
        elif names & a_names:
            score = 1
        else:
            continue
        cand = (score, len(names & a_names), a.id)
        if best is None or cand[:2] > best[:2]:
            best = cand
    return best[2] if best else None


# ---------------------------------------------------------------------------
# The reviewed view: what the UI and the exports show
# ---------------------------------------------------------------------------


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
class Progress:
    reviewed: int
    total: int
    accepted: int
    rejected: int
    orphaned: int

    def __str__(self) -> str:
        return f"{self.reviewed}/{self.total} reviewed"


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

    def filter(self, query: str | "ReviewFilter") -> tuple[ReviewedQuote, ...]:
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

    def ensure(ref: dict[str, Any] | None) -> str | None:
        if not ref:
            return None
        aid = resolve_actor(doc, ref)
        if aid is None:
            # a reviewer-added actor, or one the engine no longer finds: keep it by name
            aid = _new_id(ref["name"])
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
        if aid is None and (ref.get("new") or _new_id(ref["name"]) in parent):
            aid = ensure(ref)
        return aid

    def add_alias(root: str, name: str) -> None:
        if _norm_name(name) != _norm_name(names[root]) and all(_norm_name(name) != _norm_name(x) for x in aliases[root]):
            aliases[root].append(name)

    # speakers given by the reviewer first: someone the engine lost still speaks
    record_list = list(review.records.values())
    for rec in record_list:
        ensure(rec.speaker)

    for op in review.actor_ops:
        if op["op"] == "rename":
            aid = known(op["actor"])
            if aid is None:
                continue
            root = find(aid)
            old = names[root]
            if _norm_name(old) == _norm_name(op["name"]):
                continue
            renamed.setdefault(root, old)
            names[root] = op["name"]
            add_alias(root, old)
            aliases[root] = [x for x in aliases[root] if _norm_name(x) != _norm_name(op["name"])]
        elif op["op"] == "merge":
            keep, absorb = known(op["keep"]), known(op["absorb"])
            if keep is None or absorb is None:
                continue
            k, a = find(keep), find(absorb)
            if k == a:
                continue
            parent[a] = k
            for n in (names[a], *aliases[a]):
                add_alias(k, n)

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
        rec = rec_by_qid.get(q.id)
        engine_id = actor_of.get(q.speaker) if q.speaker else None
        speaker_id = engine_id
        if rec is not None and rec.speaker is not None:
            speaker_id = actor_of[ensure(rec.speaker)]  # type: ignore[index]
        quotes.append(
            ReviewedQuote(
                quote=q,
                verdict=rec.verdict if rec else None,
                reason=rec.reason if rec else None,
                note=rec.note if rec else "",
                speaker_id=speaker_id,
                speaker_name=names.get(speaker_id) if speaker_id else None,
                engine_speaker_name=names.get(engine_id) if engine_id else None,
                reassigned=rec is not None and rec.speaker is not None and speaker_id != engine_id,
            )
        )
    orphans = tuple(
        OrphanedReview(rec, names.get(actor_of[ensure(rec.speaker)]) if rec.speaker else rec.engine_speaker)  # type: ignore[index]
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


# ---------------------------------------------------------------------------
# Filters: reviewed:no, verdict:accepted|rejected|reassigned|none, conf<0.5
# ---------------------------------------------------------------------------

_CONF = re.compile(r"^(?:conf|confidence)(<=|>=|<|>|=)(\d*\.?\d+)$")
_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "=": lambda a, b: abs(a - b) < 1e-9,
}
_YES = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}
_VERDICT_TERMS = ("accepted", "rejected", "reassigned", "none")


@dataclass(frozen=True)
class ReviewFilter:
    """The review terms of a filter query; ``rest`` is the query without them."""

    reviewed: bool | None = None
    verdicts: tuple[str, ...] = ()
    confidence: tuple[tuple[str, float], ...] = ()
    rest: str = ""
    invalid: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return self.reviewed is not None or bool(self.verdicts or self.confidence)

    @classmethod
    def parse(cls, query: str) -> "ReviewFilter":
        reviewed: bool | None = None
        verdicts: list[str] = []
        conf: list[tuple[str, float]] = []
        rest: list[str] = []
        invalid: list[str] = []
        for term in query.split():
            low = term.lower()
            field_, _, value = low.partition(":")
            m = _CONF.match(low)
            if m:
                conf.append((m.group(1), float(m.group(2))))
            elif low.startswith(("conf<", "conf>", "conf=", "confidence<", "confidence>", "confidence=")):
                invalid.append(term)
            elif field_ == "reviewed" and value:
                if value in _YES:
                    reviewed = _YES[value]
                else:
                    invalid.append(term)
            elif field_ == "verdict" and value:
                if value in _VERDICT_TERMS:
                    verdicts.append(value)
                else:
                    invalid.append(term)
            else:
                rest.append(term)
        return cls(reviewed, tuple(verdicts), tuple(conf), " ".join(rest), tuple(invalid))

    def matches(self, q: ReviewedQuote) -> bool:
        if self.reviewed is not None and q.reviewed != self.reviewed:
            return False
        if self.verdicts:
            ok = (
                (q.verdict is not None and q.verdict in self.verdicts)
                or ("reassigned" in self.verdicts and q.reassigned)
                or ("none" in self.verdicts and q.verdict is None)
            )
            if not ok:
                return False
        return all(_OPS[op](q.quote.confidence, value) for op, value in self.confidence)


# ---------------------------------------------------------------------------
# Turning actions into log entries
# ---------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _quote_entry_part(view: ReviewedView, quote_id: str) -> dict[str, Any]:
    q = view.doc.quote(quote_id)
    if q is None:
        raise ReviewError(f"there is no quote {quote_id!r} in this article")
    key = quote_key(q)
    # reviewed before (perhaps under another analysis, perhaps since cleared): keep its handle
    ref = view.ref_of.get(q.id)
    if ref is None:
        earlier = {qid: r for r, qid in match_quotes(view.doc, view.review.all_records.values()).items()}
        ref = earlier.get(q.id) or _quote_ref(key)
    return {"ref": ref, **key, "display": q.text, "engine_speaker": view.doc.speaker_name(q)}


def _actor_ref(view: ReviewedView, actor_id: str) -> dict[str, Any]:
    a = view.doc.actor(actor_id)
    if a is not None:
        return actor_key(a)
    if actor_id in view.extra_refs:
        return view.extra_refs[actor_id]
    raise ReviewError(f"there is no actor {actor_id!r} in this article")


def _new_actor_ref(view: ReviewedView, name: str) -> dict[str, Any]:
    """A reference for a speaker typed by name: an actor already known by that name, else a new one."""
    name = " ".join(name.split())
    if not name:
        raise ReviewError("the new speaker's name is empty")
    n = _norm_name(name)
    for a in view.actors:
        if n == _norm_name(a.name):
            return _actor_ref(view, a.id)
    for a in view.actors:
        if n in {_norm_name(x) for x in a.aliases}:
            return _actor_ref(view, a.id)
    return {"name": name, "new": True}


def history_entry(action: Undo | Redo, review: Review) -> dict[str, Any] | None:
    """The log entry undoing or redoing the latest change; None when there is none."""
    target = review.last_undo_target if isinstance(action, Undo) else review.last_redo_target
    if target is None:
        return None
    return {"id": action.id, "at": _now(), "op": "undo" if isinstance(action, Undo) else "redo", "target": target}


def make_entry(action: Action, view: ReviewedView) -> dict[str, Any] | None:
    """The log entry for ``action`` against the reviewed view; None when there is nothing to do."""
    e: dict[str, Any] = {"id": action.id, "at": _now()}
    if isinstance(action, (Accept, Reject, ClearVerdict)):
        e.update(op="verdict", quote=_quote_entry_part(view, action.quote_id))
        if isinstance(action, Accept):
            e["verdict"] = ACCEPTED
        elif isinstance(action, Reject):
            if action.reason is not None and action.reason not in REASONS:
                raise ReviewError(f"unknown reason {action.reason!r} (use {' or '.join(REASONS)})")
            e["verdict"], e["reason"] = REJECTED, action.reason
        else:
            e["verdict"] = None
        return e
    if isinstance(action, Reassign):
        e.update(op="reassign", quote=_quote_entry_part(view, action.quote_id))
        if action.new_name is not None:
            e["speaker"] = _new_actor_ref(view, action.new_name)
        elif action.actor_id is not None:
            e["speaker"] = _actor_ref(view, action.actor_id)
        else:
            e["speaker"] = None
        return e
    if isinstance(action, SetNote):
        return {**e, "op": "note", "quote": _quote_entry_part(view, action.quote_id), "text": action.text.strip()}
    if isinstance(action, MergeActors):
        if view.actor_of.get(action.keep_id, action.keep_id) == view.actor_of.get(action.absorb_id, action.absorb_id):
            raise ReviewError("these are already the same actor")
        return {**e, "op": "merge", "keep": _actor_ref(view, action.keep_id), "absorb": _actor_ref(view, action.absorb_id)}
    if isinstance(action, RenameActor):
        name = " ".join(action.name.split())
        if not name:
            raise ReviewError("an actor's name cannot be empty")
        ref = _actor_ref(view, action.actor_id)
        return {**e, "op": "rename", "actor": ref, "name": name}
    raise ReviewError(f"unknown review action {type(action).__name__}")


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026") + "\u201d"


def describe_entry(entry: dict[str, Any] | None, review: Review | None = None) -> str:
    """One plain-text line for a status bar: what a log entry did ("rejected “We will…”")."""
    if not entry:
        return ""
    op = entry.get("op")
    if op in ("undo", "redo") and review is not None:
        return f"{op}: {describe_entry(review.entry(entry.get('target', '')))}"
    quote = _short((entry.get("quote") or {}).get("display", ""))
    if op == "verdict":
        verdict = entry.get("verdict")
        if verdict is None:
            return f"cleared the verdict on {quote}"
        reason = entry.get("reason")
        return f"{verdict} {quote}" + (f" ({reason.replace('_', ' ')})" if reason else "")
    if op == "reassign":
        speaker = entry.get("speaker")
        return f"gave {quote} to {speaker['name']}" if speaker else f"gave {quote} back to the engine's speaker"
    if op == "note":
        return f"noted {quote}" if entry.get("text") else f"removed the note on {quote}"
    if op == "merge":
        return f"merged {entry['absorb']['name']} into {entry['keep']['name']}"
    if op == "rename":
        return f"renamed {entry['actor']['name']} to {entry['name']}"
    return str(op)


def describe_last(review: Review) -> str:
    """What the last saved action did, for the status line after apply, undo or redo."""
    return describe_entry(review.entries[-1] if review.entries else None, review)


# ---------------------------------------------------------------------------
# The file
# ---------------------------------------------------------------------------


def _summary(review: Review) -> list[dict[str, Any]]:
    return [
        {
            "text": r.display,
            "start": r.start,
            "end": r.end,
            "verdict": r.verdict,
            "reason": r.reason,
            "speaker": r.speaker["name"] if r.speaker else None,
            "engine_speaker": r.engine_speaker,
            "note": r.note,
        }
        for r in sorted(review.records.values(), key=lambda r: r.start)
    ]


def serialize(review: Review, *, article_path: str | None) -> bytes:
    """The file's bytes: a header, one log entry a line, and a derived summary."""
    head = {
        "schema": SCHEMA,
        "revision": review.revision,
        "saved_at": _now(),
        "article": {"path": article_path, "sha256": review.source_sha256},
    }
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append('  "actions": [')
    body = [f"    {json.dumps(e, ensure_ascii=False, separators=(', ', ': '))}" for e in review.entries]
    lines.append(",\n".join(body))
    lines.append("  ],")
    lines.append(f'  "summary": {json.dumps(_summary(review), ensure_ascii=False)}')
    lines.append("}")
    return ("\n".join(x for x in lines if x) + "\n").encode("utf-8")


def parse(data: bytes, path: Path) -> Review:
    try:
        d = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ReviewError(f"the review file {path} is damaged ({exc}); it was left as it is: move it aside to start afresh") from exc
    if not isinstance(d, dict) or not str(d.get("schema", "")).startswith("newsview-review/"):
        raise ReviewError(f"{path} is not a newsview review file; it was left as it is")
    if d["schema"] != SCHEMA:
        raise ReviewError(f"the review file {path} was written by a newer newsview ({d['schema']}); it was left as it is")
    entries = d.get("actions")
    if not isinstance(entries, list) or not all(isinstance(e, dict) and "id" in e and "op" in e for e in entries):
        raise ReviewError(f"the review file {path} is damaged (bad actions list); it was left as it is")
    try:
        article = d.get("article") or {}
        return Review(tuple(entries), int(d.get("revision", 0)), article.get("sha256"))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ReviewError(f"the review file {path} is damaged (bad entry: {exc!r}); it was left as it is") from exc


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some filesystems cannot sync a directory
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file, whole."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        finally:
            os.close(fd)
        try:  # keep the mode of the file it replaces (a shared review stays shared)
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
            os.chmod(tmp, mode)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _DirLock:
    """An advisory lock on the review file's directory, held while reading and writing.

    Locking the directory (not a lock file) leaves nothing beside the article.
    Where locking is not supported the write goes ahead unlocked: the
    re-read before writing still catches all but a simultaneous write.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.fd: int | None = None
        self.held = False

    def __enter__(self) -> "_DirLock":
        if fcntl is None:
            return self
        try:
            self.fd = os.open(self.directory, os.O_RDONLY)
        except OSError:
            return self
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self.held = True
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(self.fd)
                    self.fd = None
                    raise ReviewError(f"another newsview is still writing in {self.directory}; try again")
                time.sleep(0.01)
            except OSError:
                return self  # no locking here

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            finally:
                os.close(self.fd)
                self.fd = None


def data_dir() -> Path:
    env = os.environ.get("NEWSVIEW_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsview", appauthor=False))


def _writable_dir(directory: Path) -> bool:
    return directory.is_dir() and os.access(directory, os.W_OK | os.X_OK)


def locate(article_path: str | None, source_sha256: str) -> tuple[Path, Path | None]:
    """Where an article's review is saved when no path is given, and where to read it first.

    Beside the article as ``<article>.review.json`` when that folder is
    writable; otherwise in the user data directory, under a name derived from
    the article's absolute path (for standard input, from its content).  The
    second path is a review already beside an article in a read-only folder:
    it is read until the first save writes the data-directory copy.
    """
    if article_path in (None, "", "-"):
        return data_dir() / "reviews" / f"stdin-{source_sha256[:32]}{SUFFIX}", None
    article = Path(article_path).expanduser().absolute()
    beside = article.with_name(article.name + SUFFIX)
    if _writable_dir(beside.parent):
        return beside, None
    tag = hashlib.sha256(str(article).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    fallback = data_dir() / "reviews" / f"{article.name}-{tag}{SUFFIX}"
    return fallback, (beside if beside.is_file() and not fallback.exists() else None)


def default_path(article_path: str | None, source_sha256: str) -> Path:
    return locate(article_path, source_sha256)[0]


class ReviewStore:
    """One review file: load it, apply actions (each saved before returning), undo, redo.

    Typical use from the app::

        store = ReviewStore.for_article(path, doc.source.sha256, explicit=review_file)
        store.load(doc)                    # once the analysis is ready
        store.apply(Accept("q3"))          # saved when it returns
        view = store.view()                # verdicts, speakers, progress, orphans
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        source_sha256: str | None = None,
        article_path: str | None = None,
        seed: Path | None = None,
    ) -> None:
        # the real file: a symlinked review stays a symlink, and two instances that reach
        # the article through different links still lock and merge in one place
        self.path = Path(os.path.realpath(Path(path).expanduser()))
        #: a review to start from while ``path`` does not exist yet (one beside a read-only article)
        self.seed = seed
        self.source_sha256 = source_sha256
        self.article_path = article_path
        self.doc: ParsedDocument | None = None
        self.review = Review(source_sha256=source_sha256)
        #: how many actions another instance had saved that the last write or refresh picked up
        self.last_merged = 0
        self._disk_digest: str | None = None  # sha256 of the file as last read or written; None: no file

    @classmethod
    def for_article(cls, article_path: str | None, source_sha256: str, *, explicit: str | None = None) -> "ReviewStore":
        path, seed = (Path(explicit).expanduser(), None) if explicit else locate(article_path, source_sha256)
        shown = None if article_path in (None, "", "-") else str(Path(article_path).expanduser().absolute())
        return cls(path, source_sha256=source_sha256, article_path=shown, seed=seed)

    # -- reading ---------------------------------------------------------
    def _read(self) -> tuple[bytes | None, str | None]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None, None
        except OSError as exc:
            raise ReviewError(f"cannot read the review file {self.path}: {exc.strerror or exc}") from exc
        return data, hashlib.sha256(data).hexdigest()

    def load(self, doc: ParsedDocument | None = None) -> Review:
        """Read the file (an absent file is an empty review); remember ``doc`` for actions."""
        if doc is not None:
            self.doc = doc
        data, digest = self._read()
        if data is None:
            self.review = Review(source_sha256=self.source_sha256)
            if self.seed is not None and self.seed.is_file():
                try:
                    self.review = parse(self.seed.read_bytes(), self.seed)
                except OSError as exc:
                    raise ReviewError(f"cannot read the review file {self.seed}: {exc.strerror or exc}") from exc
        else:
            self.review = parse(data, self.path)
        self._disk_digest = digest
        return self.review

    @property
    def article_changed(self) -> bool:
        """True when the review was last saved for different article bytes (it is matched by content)."""
        saved = self.review.source_sha256
        return bool(saved and self.source_sha256 and saved != self.source_sha256)

    def set_document(self, doc: ParsedDocument) -> None:
        """The analysis the UI now shows (quote and actor ids in actions refer to it)."""
        self.doc = doc

    def changed_on_disk(self) -> bool:
        """True when another instance has saved since we last read or wrote."""
        return self._read()[1] != self._disk_digest

    def refresh(self) -> Review:
        """Pick up what another instance saved."""
        before = {e["id"] for e in self.review.entries}
        self.load()
        self.last_merged = sum(1 for e in self.review.entries if e["id"] not in before)
        return self.review

    def view(self, doc: ParsedDocument | None = None) -> ReviewedView:
        doc = doc or self.doc
        if doc is None:
            raise ReviewError("no analysed article to review yet")
        return reviewed_view(doc, self.review)

    # -- writing ---------------------------------------------------------
    def apply(self, action: Action) -> Review:
        """Record ``action``; returns once it is durably saved (raises ReviewError otherwise)."""
        if self.doc is None and not isinstance(action, (Undo, Redo)):
            raise ReviewError("no analysed article to review yet", action=action)
        try:
            return self._commit(action)
        except ReviewError as exc:
            if exc.action is None:
                exc.action = action
            raise

    def _remove_stale_temporaries(self) -> None:
        """Temporary files a killed instance left behind (only called while holding the lock)."""
        try:
            for tmp in self.path.parent.glob(f".{glob.escape(self.path.name)}.*.tmp"):
                tmp.unlink()
        except OSError:
            pass

    def undo(self) -> Review:
        return self.apply(Undo())

    def redo(self) -> Review:
        return self.apply(Redo())

    def _commit(self, action: Action) -> Review:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReviewError(f"cannot create {self.path.parent} for the review: {exc.strerror or exc}") from exc
        with _DirLock(self.path.parent) as lock:
            if lock.held:
                self._remove_stale_temporaries()
            data, digest = self._read()
            if data is None:
                disk_entries: tuple[dict[str, Any], ...] = ()
                disk_revision = 0
            elif digest == self._disk_digest:
                disk_entries, disk_revision = self.review.entries, self.review.revision
            else:  # another instance saved since we read: keep all of its actions
                disk = parse(data, self.path)
                disk_entries, disk_revision = disk.entries, disk.revision
            known = {e["id"] for e in disk_entries}
            mine = tuple(e for e in self.review.entries if e["id"] not in known)
            have = {e["id"] for e in self.review.entries}
            merged = sum(1 for e in disk_entries if e["id"] not in have)
            base = Review(disk_entries + mine, disk_revision, self.source_sha256)
            if base.contains(action.id):  # a retry of a write that did land
                entry = None
            elif isinstance(action, (Undo, Redo)):
                entry = history_entry(action, base)
            else:
                entry = make_entry(action, reviewed_view(self.doc, base))  # type: ignore[arg-type]
            self.last_merged = merged
            if entry is None and not mine:
                self.review, self._disk_digest = base, digest
                return base  # nothing new to save
            new = Review(base.entries + ((entry,) if entry else ()), disk_revision + 1, self.source_sha256)
            payload = serialize(new, article_path=self.article_path)
            try:
                atomic_write(self.path, payload)
            except OSError as exc:
                raise ReviewError(_write_failure(self.path, exc)) from exc
            self.review = new
            self._disk_digest = hashlib.sha256(payload).hexdigest()
            return new


def existing_review(
    article_path: str | None, doc: ParsedDocument, *, explicit: str | None = None
) -> Review | None:
    """The saved review of an article for export, or None when it has none (nothing is created)."""
    store = ReviewStore.for_article(article_path, doc.source.sha256, explicit=explicit)
    if not store.path.exists() and not (store.seed and store.seed.exists()):
        if explicit:
            raise ReviewError(f"there is no review file {store.path}")
        return None
    return store.load(doc)


def _write_failure(path: Path, exc: OSError) -> str:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"could not save the review to {path}: {reason}; the last change was not saved (the file holds everything before it)"


# ---------------------------------------------------------------------------
# Export: JSON block, CSV columns, Markdown report
# ---------------------------------------------------------------------------

REVIEW_CSV_FIELDS = ("verdict", "reviewed_speaker", "note")


def _as_view(doc: ParsedDocument, review: Review | ReviewedView) -> ReviewedView:
    if isinstance(review, ReviewedView):
        return review
    return reviewed_view(doc, review)


def _verdict_label(verdict: str | None, reason: str | None) -> str:
    if verdict is None:
        return ""
    return f"{verdict} ({reason.replace('_', ' ')})" if reason else verdict


def review_json(doc: ParsedDocument, review: Review | ReviewedView) -> dict[str, Any]:
    """The ``review`` block of a ``newsview/1`` document."""
    view = _as_view(doc, review)
    p = view.progress
    return {
        "schema": SCHEMA,
        "revision": view.review.revision,
        "progress": {"reviewed": p.reviewed, "total": p.total, "accepted": p.accepted, "rejected": p.rejected, "orphaned": p.orphaned},
        "quotes": [
            {
                "id": q.id,
                "verdict": q.verdict,
                "reason": q.reason,
                "reviewed": q.reviewed,
                "speaker": q.speaker_id,
                "speaker_name": q.speaker_name,
                "engine_speaker": q.quote.speaker,
                "engine_speaker_name": q.engine_speaker_name,
                "reassigned": q.reassigned,
                "note": q.note,
            }
            for q in view.quotes
        ],
        "actors": [
            {
                "id": a.id,
                "name": a.name,
                "aliases": list(a.aliases),
                "members": list(a.members),
                "renamed_from": a.renamed_from,
                "new": a.new,
            }
            for a in view.actors
        ],
        "orphans": [
            {
                "text": o.text,
                "start": o.record.start,
                "end": o.record.end,
                "verdict": o.record.verdict,
                "reason": o.record.reason,
                "speaker_name": o.speaker_name,
                "engine_speaker_name": o.record.engine_speaker,
                "note": o.record.note,
            }
            for o in view.orphans
        ],
    }


def review_csv_rows(doc: ParsedDocument, review: Review | ReviewedView) -> dict[str, dict[str, Any]]:
    """Extra CSV columns for every quote, by quote id: verdict, reviewed_speaker, note."""
    view = _as_view(doc, review)
    return {
        q.id: {
            "verdict": _verdict_label(q.verdict, q.reason) or ("reassigned" if q.reassigned else ""),
            "reviewed_speaker": q.speaker_name if q.reassigned else "",
            "note": q.note,
        }
        for q in view.quotes
    }


def review_csv_fields(doc: ParsedDocument, review: Review | ReviewedView, quote: Quote) -> dict[str, Any]:
    """Extra CSV columns for one quote (empty when unreviewed); see ``review_csv_rows`` for many."""
    return review_csv_rows(doc, review).get(quote.id, {k: "" for k in REVIEW_CSV_FIELDS})


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_escape(text: str | None, *, limit: int | None = None) -> str:
    """Text safe inside a Markdown table cell or line: one line, no markup, no pipes."""
    if not text:
        return ""
    text = one_line(text)
    if limit and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return _MD_SPECIAL.sub(r"\\\1", text)


def markdown_report(doc: ParsedDocument, review: Review | ReviewedView, *, include_unreviewed: bool = True) -> str:
    """A review report an editor can paste into a ticket (every quote, or only the reviewed and annotated ones)."""
    view = _as_view(doc, review)
    p = view.progress
    title = doc.meta.title or (Path(doc.source.path).name if doc.source.path else "article")
    out = [f"# Quote review: {md_escape(title)}", ""]
    if doc.source.path:
        out.append(f"- Source: `{one_line(doc.source.path).replace('`', '')}`")
    out.append(f"- Reviewed: {p.reviewed}/{p.total} quotes ({p.accepted} accepted, {p.rejected} rejected)")
    if p.orphaned:
        out.append(f"- Orphaned: {p.orphaned} reviewed quote(s) no longer found in the analysis")
    if doc.engine_version or doc.pipeline:
        out.append(f"- Analysis: newsview {md_escape(doc.engine_version or '?')}, model {md_escape(doc.pipeline or '?')}")
    out += ["", "## Quotes", ""]
    out.append("| # | Quote | Engine speaker | Verdict | Reviewed speaker | Confidence | Note |")
    out.append("|---|---|---|---|---|---|---|")
    for n, q in enumerate(view.quotes, 1):
        if not include_unreviewed and not (q.reviewed or q.note):
            continue
        out.append(
            "| "
            + " | ".join(
                (
                    str(n),
                    md_escape(q.quote.text, limit=300),
                    md_escape(q.engine_speaker_name) or "—",
                    md_escape(_verdict_label(q.verdict, q.reason)) or ("reassigned" if q.reassigned else "unreviewed"),
                    md_escape(q.speaker_name) if q.reassigned else "",
                    f"{q.quote.confidence:.2f}",
                    md_escape(q.note),
                )
            )
            + " |"
        )
    changes = [a for a in view.actors if a.renamed_from or len(a.members) > 1]
    if changes:
        out += ["", "## Actor corrections", ""]
        for a in changes:
            bits = []
            if a.renamed_from:
                bits.append(f"renamed from {md_escape(a.renamed_from)}")
            merged = [view.doc.actor(m).name for m in a.members[1:] if view.doc.actor(m)]  # type: ignore[union-attr]
            if merged:
                bits.append("merged with " + ", ".join(md_escape(m) for m in merged))
            out.append(f"- **{md_escape(a.name)}**: {'; '.join(bits)}")
    if view.orphans:
        out += ["", "## Orphaned reviews", "", "Reviewed quotes the current analysis no longer finds:", ""]
        out.append("| Quote | Verdict | Speaker | Note |")
        out.append("|---|---|---|---|")
        for o in view.orphans:
            out.append(
                f"| {md_escape(o.text, limit=300)} | {md_escape(_verdict_label(o.record.verdict, o.record.reason)) or 'unreviewed'} "
                f"| {md_escape(o.speaker_name)} | {md_escape(o.record.note)} |"
            )
    return "\n".join(out) + "\n"
