"""The filter language of the app's filter bar, as pure functions.

A query is a list of space-separated terms, all of which must hold:

* a plain word matches actor names (and aliases) and quote text;
* ``speaker:NAME`` or ``@NAME`` keeps quotes spoken by an actor whose name
  or alias contains NAME (and those actors);
* ``type:person|org|place|date|other`` keeps entities and actors of that family
  (quotes whose speaker is of that family);
* ``kind:direct|indirect|mixed`` keeps quotes of that kind;
* ``unattributed`` keeps quotes without a known speaker;
* ``reviewed:yes|no``, ``verdict:accepted|rejected|reassigned|none`` and
  ``conf<0.5`` (also ``<=``, ``>``, ``>=``, ``=``) keep quotes by their review
  and the engine's confidence (the review state of each quote comes from
  :mod:`newsview.review.view` when the article has a review).

Several values of the same field widen it (``type:person type:org``); different
fields and plain words narrow.  Double quotes group words: ``"prime minister"``.

Nothing here imports Textual or spaCy, so the logic can be unit-tested and
reused by a headless front end.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from .model import DOCUMENT_KIND, Actor, ParsedDocument, Quote, Span, label_family

FAMILIES = ("person", "org", "place", "date", "other")
QUOTE_KINDS = ("direct", "indirect", "mixed")

#: Words a user may type for a family, mapped to the family.
_FAMILY_ALIASES = {
    "person": "person",
    "people": "person",
    "per": "person",
    "org": "org",
    "orgs": "org",
    "organisation": "org",
    "organization": "org",
    "place": "place",
    "places": "place",
    "loc": "place",
    "location": "place",
    "gpe": "place",
    "date": "date",
    "dates": "date",
    "time": "date",
    "other": "other",
}

_TOKEN = re.compile(r'(\S*?)"([^"]*)"?|(\S+)')

_CONF = re.compile(r"^(?:conf|confidence)(<=|>=|<|>|=)(\d*\.?\d+)$")
_CONF_OPS: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "=": lambda a, b: abs(a - b) < 1e-9,
}
_CONF_PREFIXES = ("conf<", "conf>", "conf=", "confidence<", "confidence>", "confidence=")
_YES = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}
VERDICT_TERMS = ("accepted", "rejected", "reassigned", "none")


class QuoteReview(Protocol):
    """What the review terms test of one quote (a reviewed quote of :mod:`newsview.review.view`)."""

    @property
    def id(self) -> str: ...

    @property
    def reviewed(self) -> bool: ...

    @property
    def verdict(self) -> str | None: ...

    @property
    def reassigned(self) -> bool: ...


class ReviewStates(Protocol):
    """The review state of a document's quotes (a reviewed view)."""

    @property
    def quotes(self) -> Iterable[QuoteReview]: ...


@dataclass(frozen=True)
class ReviewTerms:
    """The review terms of a query: ``reviewed:``, ``verdict:`` and ``conf<``."""

    reviewed: bool | None = None
    verdicts: tuple[str, ...] = ()
    confidence: tuple[tuple[str, float], ...] = ()

    @property
    def active(self) -> bool:
        return self.reviewed is not None or bool(self.verdicts or self.confidence)

    def matches(self, quote: Quote, review: QuoteReview | None) -> bool:
        """True when ``quote`` passes these terms; ``review`` None: the quote is unreviewed."""
        reviewed = review is not None and review.reviewed
        verdict = review.verdict if review is not None else None
        reassigned = review is not None and review.reassigned
        if self.reviewed is not None and reviewed != self.reviewed:
            return False
        if self.verdicts:
            ok = (
                (verdict is not None and verdict in self.verdicts)
                or ("reassigned" in self.verdicts and reassigned)
                or ("none" in self.verdicts and verdict is None)
            )
            if not ok:
                return False
        return all(_CONF_OPS[op](quote.confidence, value) for op, value in self.confidence)


@dataclass(frozen=True)
class FilterState:
    """A parsed filter query.  Equal queries give equal states."""

    words: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    unattributed: bool = False
    #: terms that could not be understood (``type:banana``), for the status line
    invalid: tuple[str, ...] = ()
    #: the review terms (reviewed:, verdict:, conf<)
    review: ReviewTerms = ReviewTerms()
    query: str = field(default="", compare=False)

    @property
    def active(self) -> bool:
        """True when the state narrows anything."""
        return bool(self.words or self.speakers or self.types or self.kinds or self.unattributed or self.review.active)

    @property
    def quote_only(self) -> bool:
        """True when the state has terms that only quotes can satisfy."""
        return bool(self.kinds or self.unattributed or self.review.active)

    def describe(self) -> str:
        """A normalised one-line form of the query, for display."""
        parts = [f'"{w}"' if " " in w else w for w in self.words]
        parts += [f"speaker:{s}" for s in self.speakers]
        parts += [f"type:{t}" for t in self.types]
        parts += [f"kind:{k}" for k in self.kinds]
        if self.unattributed:
            parts.append("unattributed")
        if self.review.reviewed is not None:
            parts.append(f"reviewed:{'yes' if self.review.reviewed else 'no'}")
        parts += [f"verdict:{v}" for v in self.review.verdicts]
        parts += [f"conf{op}{value:g}" for op, value in self.review.confidence]
        return " ".join(parts)


@dataclass(frozen=True)
class FilterResult:
    """What a filter keeps in one document."""

    state: FilterState
    #: actors to list: those matching the actor terms, plus speakers of kept quotes
    actor_ids: frozenset[str] = frozenset()
    #: kept quotes, in text order
    quote_ids: tuple[str, ...] = ()
    #: places in the text to highlight and step through with n/N, sorted, not overlapping
    spans: tuple[Span, ...] = ()
    #: quote_ids as a set, for keeps_quote
    _quote_set: frozenset[str] = field(init=False, repr=False, compare=False, default=frozenset())

    def keeps_actor(self, actor_id: str) -> bool:
        return not self.state.active or actor_id in self.actor_ids

    def keeps_quote(self, quote_id: str) -> bool:
        return not self.state.active or quote_id in self._quote_set

    def __post_init__(self) -> None:
        object.__setattr__(self, "_quote_set", frozenset(self.quote_ids))


def parse_query(query: str) -> FilterState:
    """Parse the text of the filter bar into a FilterState (never raises)."""
    words: list[str] = []
    speakers: list[str] = []
    types: list[str] = []
    kinds: list[str] = []
    invalid: list[str] = []
    unattributed = False
    reviewed: bool | None = None
    verdicts: list[str] = []
    confidence: list[tuple[str, float]] = []
    for m in _TOKEN.finditer(query):
        if m.group(3) is not None:
            prefix, value, quoted = "", m.group(3), False
            if ":" in value and not value.startswith(":"):
                prefix, _, value = value.partition(":")
        else:
            prefix, value, quoted = m.group(1), m.group(2), True
            if prefix.endswith(":"):
                prefix = prefix[:-1]
            elif prefix:  # text"text": treat as a word
                value, prefix = prefix + value, ""
        field_name = prefix.lower()
        value = " ".join(value.split())
        if not quoted and not field_name and value.startswith("@") and len(value) > 1:
            field_name, value = "speaker", value[1:]
        if not value:
            if field_name:
                invalid.append(m.group(0))
            continue
        low = value.lower()
        conf = None if quoted or field_name else _CONF.match(low)
        if conf:
            confidence.append((conf.group(1), float(conf.group(2))))
        elif not quoted and not field_name and low.startswith(_CONF_PREFIXES):
            invalid.append(m.group(0))  # conf<high
        elif field_name == "reviewed":
            if low in _YES:
                reviewed = _YES[low]
            else:
                invalid.append(m.group(0))
        elif field_name == "verdict":
            if low in VERDICT_TERMS:
                verdicts.append(low)
            else:
                invalid.append(m.group(0))
        elif field_name in ("speaker", "by", "who"):
            speakers.append(low)
        elif field_name in ("type", "is"):
            fam = _FAMILY_ALIASES.get(low)
            if fam is None:
                invalid.append(m.group(0))
            elif fam not in types:
                types.append(fam)
        elif field_name == "kind":
            if low not in QUOTE_KINDS:
                invalid.append(m.group(0))
            elif low not in kinds:
                kinds.append(low)
        elif field_name:
            # an unknown field: search the whole term literally (e.g. "10:30")
            words.append(m.group(0).lower().strip('"'))
        elif not quoted and low == "unattributed":
            unattributed = True
        else:
            words.append(low)
    return FilterState(
        words=tuple(words),
        speakers=tuple(speakers),
        types=tuple(types),
        kinds=tuple(kinds),
        unattributed=unattributed,
        invalid=tuple(invalid),
        review=ReviewTerms(reviewed, tuple(verdicts), tuple(confidence)),
        query=query,
    )


def _names(actor: Actor) -> str:
    return "\n".join((actor.name, *actor.aliases)).lower()


def _actor_matches(actor: Actor, state: FilterState) -> bool:
    names = _names(actor)
    if state.types and actor.family not in state.types:
        return False
    if state.speakers and not any(s in names for s in state.speakers):
        return False
    return all(w in names for w in state.words)


def _quote_matches(quote: Quote, speaker: Actor | None, state: FilterState) -> bool:
    if state.unattributed and quote.speaker is not None:
        return False
    if state.kinds and quote.kind not in state.kinds:
        return False
    if state.types and (speaker is None or speaker.family not in state.types):
        return False
    if state.speakers:
        if speaker is None or not any(s in _names(speaker) for s in state.speakers):
            return False
    if state.words:
        haystack = quote.text.lower() + "\n" + (_names(speaker) if speaker else "")
        if not all(w in haystack for w in state.words):
            return False
    return True


def _quote_spans(quote: Quote) -> tuple[Span, ...]:
    return quote.spans or ((quote.start, quote.end),)


_lower_cache: tuple[str, str] = ("", "")


def _lowered(text: str) -> str:
    """``text.lower()``, kept for the last text (every keystroke of a filter searches the same article).

    Lowercasing keeps offsets only where no character changes length (e.g. 'İ'
    becomes two); then the search runs on a casefold that keeps them.
    """
    global _lower_cache
    cached_text, cached_lower = _lower_cache
    if text is cached_text or (len(text) == len(cached_text) and text == cached_text):
        return cached_lower
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    _lower_cache = (text, lowered)
    return lowered


def prepare_search(doc: ParsedDocument) -> None:
    """Do now the work the first search of ``doc`` would do (lowercase its text)."""
    _lowered(doc.text)


def _find_all(text_lower: str, word: str, within: list[Span] | None) -> list[Span]:
    if not word:
        return []
    # one scan in C: on a long article a short word matches hundreds of thousands of times
    pattern = re.compile(re.escape(word))
    if within is None:
        return [m.span() for m in pattern.finditer(text_lower)]
    out: list[Span] = []
    for start, end in within:
        out += [m.span() for m in pattern.finditer(text_lower, start, end)]
    return out


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """Sort spans and merge the ones that overlap or touch."""
    ordered = sorted(s for s in spans if s[1] > s[0])
    if not ordered:
        return ()
    merged: list[Span] = []
    start, end = ordered[0]
    for s, e in ordered:
        if s <= end:
            if e > end:
                end = e
        else:
            merged.append((start, end))
            start, end = s, e
    merged.append((start, end))
    return tuple(merged)


def apply(doc: ParsedDocument, state: FilterState, review: ReviewStates | None = None) -> FilterResult:
    """Work out which actors, quotes and places in the text ``state`` keeps.

    ``review`` gives each quote's verdict for the review terms; without it
    every quote counts as unreviewed.
    """
    if not state.active:
        return FilterResult(state=state)
    actors = {a.id: a for a in doc.actors}
    kept_quotes = [q for q in doc.quotes if _quote_matches(q, actors.get(q.speaker or ""), state)]
    if state.review.active:
        reviewed = {rq.id: rq for rq in review.quotes} if review is not None else {}
        kept_quotes = [q for q in kept_quotes if state.review.matches(q, reviewed.get(q.id))]
    kept_quotes.sort(key=lambda q: (q.start, q.end))
    actor_ids = {q.speaker for q in kept_quotes if q.speaker is not None}
    if not state.quote_only:
        actor_ids.update(a.id for a in doc.actors if _actor_matches(a, state))

    text_lower = _lowered(doc.text)
    spans: list[Span] = []
    if state.speakers or state.quote_only:
        regions = [s for q in kept_quotes for s in _quote_spans(q)]
        if state.words:
            for w in state.words:
                spans += _find_all(text_lower, w, regions)
        else:
            spans = regions
    elif state.types:
        families = set(state.types)
        for e in doc.entities:
            if label_family(e.label) in families:
                if all(w in e.text.lower() for w in state.words):
                    spans.append((e.start, e.end))
    else:
        for w in state.words:
            spans += _find_all(text_lower, w, None)
    return FilterResult(
        state=state,
        actor_ids=frozenset(actor_ids),
        quote_ids=tuple(q.id for q in kept_quotes),
        spans=merge_spans(spans),
    )


def next_span(spans: tuple[Span, ...], offset: int, *, backwards: bool = False) -> int | None:
    """Index of the first span starting after ``offset`` (or before it, backwards), wrapping."""
    if not spans:
        return None
    starts = [s for s, _ in spans]
    if backwards:
        i = bisect_left(starts, offset) - 1
        return i if i >= 0 else len(spans) - 1
    i = bisect_left(starts, offset + 1)
    return i if i < len(spans) else 0


#: How many speaker tints the themes define (nv-quote-1 ... nv-quote-6).
TINT_COUNT = 6


#: per document (documents are immutable): results of the functions below
_PER_DOCUMENT: "weakref.WeakKeyDictionary[ParsedDocument, dict[str, object]]" = weakref.WeakKeyDictionary()


def _per_document(doc: ParsedDocument, name: str, compute):
    """``compute(doc)``, worked out once per document (the app asks on every redraw of the sidebar)."""
    memo = _PER_DOCUMENT.get(doc)
    if memo is None:
        memo = _PER_DOCUMENT[doc] = {}
    if name not in memo:
        memo[name] = compute(doc)
    return memo[name]


def quote_counts(doc: ParsedDocument) -> dict[str | None, int]:
    """Number of quotes per speaker id (None: unattributed)."""
    return dict(_per_document(doc, "counts", _quote_counts))


def _quote_counts(doc: ParsedDocument) -> dict[str | None, int]:
    counts: dict[str | None, int] = {}
    for q in doc.quotes:
        counts[q.speaker] = counts.get(q.speaker, 0) + 1
    return counts


def rank_actors(doc: ParsedDocument) -> list[Actor]:
    """Actors by prominence: most quotes first, then most mentions, then name; documents last."""
    return list(_per_document(doc, "ranked", _rank_actors))


def _rank_actors(doc: ParsedDocument) -> list[Actor]:
    counts = _per_document(doc, "counts", _quote_counts)
    # documents and data come after every person, organisation and group, under their own heading
    return sorted(doc.actors, key=lambda a: (a.kind == DOCUMENT_KIND, -counts.get(a.id, 0), -len(a.mentions),
                                             a.name.lower(), a.id))


def quote_tints(doc: ParsedDocument) -> dict[str, int]:
    """A tint number (1..TINT_COUNT) for every actor who speaks, by prominence."""
    return dict(_per_document(doc, "tints", _quote_tints))


def _quote_tints(doc: ParsedDocument) -> dict[str, int]:
    counts = _per_document(doc, "counts", _quote_counts)
    speakers = [a for a in _per_document(doc, "ranked", _rank_actors) if counts.get(a.id)]
    return {a.id: i % TINT_COUNT + 1 for i, a in enumerate(speakers)}
