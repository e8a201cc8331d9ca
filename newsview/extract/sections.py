"""One Extraction from the extractions of consecutive sections of a text.

An article longer than ``newsview.pipeline.SECTION_CHARS`` is parsed and
extracted a section at a time (``newsview.pipeline.sections``), so that only one section's spaCy
``Doc`` and working structures are in memory at once.  ``join_sections`` puts
the pieces back together: offsets are moved to the whole text, quotes are
numbered in text order, and actors of different sections that carry the same
name and kind become one actor, ranked as a single extraction ranks them
(most quotes that are not an interviewer's questions, then most mentions,
then first seen).  A quotation that runs
across a section boundary is found as two pieces, and a pronoun at the start
of a section cannot refer to a name in the one before.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Actor, Entity, Mention, Quote
from .extraction import Extraction
from .interviews import is_question_turn

Span = tuple[int, int]


def _shift(span: Span | None, by: int) -> Span | None:
    return None if span is None else (span[0] + by, span[1] + by)


@dataclass
class _Merged:
    name: str
    kind: str
    first: int  # where it is first named or quoted
    aliases: dict[str, None] = field(default_factory=dict)  # ordered set
    n_mentions: int = 0
    mentions: list[Span] = field(default_factory=list)  # filled as the parts are let go
    quotes: list[str] = field(default_factory=list)  # joined quote ids
    n_quotes: int = 0
    genders: list[str] = field(default_factory=list)


def join_sections(parts: list[tuple[int, Extraction]]) -> Extraction:
    """Join ``(offset, extraction)`` pairs, in text order, into one Extraction.

    ``parts`` is emptied as it is read, so that each section's objects can be
    freed once their joined copies exist.
    """
    if len(parts) == 1 and parts[0][0] == 0:
        return parts.pop()[1]
    merged: list[_Merged] = []
    by_name: dict[tuple[str, str], int] = {}
    owners: list[dict[str, int]] = []  # per part: its actor id -> index into merged
    for offset, part in parts:
        owner: dict[str, int] = {}
        starts = {q.id: q.start + offset for q in part.quotes}
        questions = {q.id for q in part.quotes if is_question_turn(q)}
        for actor in part.actors:
            first = min([s + offset for s, _ in actor.mentions[:1]] + [starts[q] for q in actor.quotes[:1]],
                        default=offset)
            key = (actor.kind, actor.name)
            k = by_name.get(key)
            if k is None:
                k = by_name[key] = len(merged)
                merged.append(_Merged(actor.name, actor.kind, first))
            m = merged[k]
            m.aliases.update(dict.fromkeys(actor.aliases))
            m.n_mentions += len(actor.mentions)
            m.n_quotes += sum(1 for q in actor.quotes if q not in questions)
            if actor.gender is not None:
                m.genders.append(actor.gender)
            owner[actor.id] = k
        owners.append(owner)
    # ranked as one extraction ranks its actors
    order = sorted(range(len(merged)), key=lambda k: (-merged[k].n_quotes, -merged[k].n_mentions, merged[k].first))
    ids = {k: f"a{n}" for n, k in enumerate(order, 1)}

    entities: list[Entity] = []
    mentions: list[Mention] = []
    quotes: list[Quote] = []
    parts.reverse()
    owners.reverse()
    while parts:
        offset, part = parts.pop()
        ids_here = {local: ids[k] for local, k in owners.pop().items()}
        entities.extend(replace(e, start=e.start + offset, end=e.end + offset, actor=None if e.actor is None else ids_here.get(e.actor))
                        for e in part.entities)
        mentions.extend(Mention(m.start + offset, m.end + offset, ids_here[m.actor], m.kind) for m in part.mentions)
        renamed: dict[str, str] = {}
        for q in part.quotes:
            renamed[q.id] = qid = f"q{len(quotes) + 1}"
            quotes.append(replace(
                q, id=qid, start=q.start + offset, end=q.end + offset, speaker=None if q.speaker is None else ids_here.get(q.speaker),
                speaker_span=_shift(q.speaker_span, offset), cue_span=_shift(q.cue_span, offset),
                spans=tuple((s + offset, e + offset) for s, e in q.spans)))
        for actor in part.actors:
            m = merged[by_name[(actor.kind, actor.name)]]
            m.quotes.extend(renamed[q] for q in actor.quotes)
            # copied here rather than while ranking, so that each part's own spans are freed as the copies are made
            m.mentions.extend((s + offset, e + offset) for s, e in actor.mentions)
        del part
    mentions.sort(key=lambda m: (m.start, m.end))
    actors = []
    for k in order:
        m = merged[k]
        gender = max(dict.fromkeys(m.genders), key=m.genders.count) if m.genders else None
        actors.append(Actor(
            id=ids[k], name=m.name, kind=m.kind, aliases=tuple(a for a in m.aliases if a != m.name),
            mentions=tuple(sorted(set(m.mentions))), quotes=tuple(m.quotes), gender=gender))
    return Extraction(entities=tuple(entities), actors=tuple(actors), mentions=tuple(mentions), quotes=tuple(quotes))
