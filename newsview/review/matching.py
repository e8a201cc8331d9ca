"""Finding reviewed quotes and actors in a (re-)analysed document.

A reviewed quote that no longer matches any quote is kept and reported as
orphaned by the reviewed view.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from ..model import ParsedDocument, Quote
from .keys import names_of, norm_name, normalize_text
from .log import QuoteRecord

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
    for r, q, _t in open_pairs():
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
    name = norm_name(ref.get("name", ""))
    names = names_of(ref)
    best: tuple[int, int, str] | None = None
    for a in doc.actors:
        a_name = norm_name(a.name)
        a_names = {a_name, *(norm_name(x) for x in a.aliases)}
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
