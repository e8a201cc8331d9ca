"""Names a page glued to the next link's text: "Ilhan OmarIlhan" is Ilhan Omar.

A row of links whose texts stand with no space between them ("Rep. Ilhan
OmarIlhan OmarHillicon Valley: ...") reaches the tagger as one run of words,
and the person's name comes out with the start of the next link stuck to it.
Where a lower-case letter runs straight into a capital and what follows
repeats the name's own beginning, the name ends at the seam: the actor takes
the name before it, its highlights and mentions are cut there, and it joins
the actor of that name when the article has one.  Names that carry a capital
inside a word on purpose ("McDonald", "LeBron", "DeSantis") repeat nothing
and are left alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Actor, Mention
from .extraction import Extraction

_SEAM = re.compile(r"(?<=[a-z])(?=[A-Z])")


def glue_seam(name: str) -> int | None:
    """Where ``name`` runs into a repetition of its own start ("Kristi NoemKristi" -> 11), or None."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0]
    for m in _SEAM.finditer(name):
        p = m.start()
        if p <= len(first):
            continue
        rest = name[p:]
        if rest.startswith(first) or (len(rest) >= 3 and name.startswith(rest)):
            return p
    return None


def _cut(text: str, start: int, end: int) -> int:
    """The end of the span ``start:end`` cut at its own seam, or ``end``."""
    p = glue_seam(text[start:end])
    return start + p if p is not None else end


def unglue_names(text: str, found: Extraction) -> Extraction:
    """``found`` with glued link texts cut back to the names they start with."""
    renamed: dict[str, str] = {}
    for actor in found.actors:
        p = glue_seam(actor.name)
        if p is not None:
            renamed[actor.id] = actor.name[:p].strip()
    if not renamed:
        return found
    # an actor of the cut name already listed takes the glued one's mentions and quotes
    by_name = {(a.name, a.family): a.id for a in found.actors if a.id not in renamed}
    into = {a.id: by_name.get((renamed[a.id], a.family), a.id) for a in found.actors if a.id in renamed}
    merged: dict[str, Actor] = {}
    actors: list[Actor] = []
    for a in found.actors:
        target = into.get(a.id, a.id)
        spans = tuple((s, _cut(text, s, e)) for s, e in a.mentions)
        if a.id in renamed and target == a.id:
            a = replace(a, name=renamed[a.id], mentions=spans,
                        aliases=tuple(x for x in a.aliases if glue_seam(x) is None))
        elif a.id in renamed:
            merged[target] = a
            continue
        actors.append(a)
    for i, a in enumerate(actors):
        if a.id in merged:
            g = merged[a.id]
            spans = tuple(sorted({*a.mentions, *((s, _cut(text, s, e)) for s, e in g.mentions)}))
            actors[i] = replace(a, mentions=spans, quotes=tuple(sorted({*a.quotes, *g.quotes})))
    entities = tuple(
        replace(e, end=_cut(text, e.start, e.end), text=text[e.start : _cut(text, e.start, e.end)],
                actor=into[e.actor]) if e.actor in into else e
        for e in found.entities)
    mentions = tuple(
        Mention(m.start, _cut(text, m.start, m.end), into[m.actor], m.kind) if m.actor in renamed else m
        for m in found.mentions)
    quotes = tuple(replace(q, speaker=into[q.speaker]) if q.speaker in into else q for q in found.quotes)
    return replace(found, actors=tuple(actors), entities=entities, mentions=mentions, quotes=quotes)

