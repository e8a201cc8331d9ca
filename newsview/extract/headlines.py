"""Names that only a headline gives are not actors.

In a title-case headline every word is capitalised, so the English pipeline
takes runs of ordinary words for names: "Senators Weigh Rail Funding Delay"
yields a person "Weigh Rail Funding Delay", "Tech Giant Unveils Thinner
Screens" a person "Giant Unveils Thinner Screens".  A name found only in the
title or a section heading, in title case, is therefore dropped unless the
body names it too (or it is quoted); its highlight goes with it.  A real name
inside such a run ("Ana Ruiz On the Budget Fight") is linked to the body's
actor of that name instead.  An entity that runs across a paragraph break
("the Budget Fight Ahead\\n\\nFinance") is never a name either.

This works on the extraction's model objects and the text alone, after the
actors and quotes are assembled.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Actor, Entity, Mention
from .extraction import Extraction

#: words a title-case headline leaves in lower case
_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for by with from as is are was vs via over into onto off up out "
    "after before about than per".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
#: a heading has at most this many words
HEADING_WORDS = 14
#: share of its words (small words aside) a title-case heading capitalises
TITLE_CASE_SHARE = 0.8
#: this many heading-like lines in a row are a list or a table, not headings
LIST_LINES = 3
#: entity families that make actors; only these are dropped from headings
_NAME_FAMILIES = ("person", "org")


def title_case_runs(text: str) -> list[list[tuple[int, int]]]:
    """Runs of title-case lines with nothing but blank lines between them.

    A heading-like line is short, does not end as a sentence does and
    capitalises nearly all its words: "Senators Weigh Rail Funding Delay".
    """
    runs: list[list[tuple[int, int]]] = []
    previous_end = -1
    for m in re.finditer(r"[^\n]+", text):
        if not _is_heading(m.group().strip()):
            continue
        if runs and not text[previous_end : m.start()].strip():
            runs[-1].append((m.start(), m.end()))  # the line right after another heading-like line
        else:
            runs.append([(m.start(), m.end())])
        previous_end = m.end()
    return runs


def heading_spans(text: str) -> list[tuple[int, int]]:
    """The lines of ``text`` that are title-case headings (the title, section heads)."""
    spans = []
    for run in title_case_runs(text):
        # three or more in a row are a list or a table (venues, results, credits), whose names are
        # the body's own; the title is a heading all the same
        if len(run) < LIST_LINES:
            spans += run
        elif not text[: run[0][0]].strip():
            spans.append(run[0])
    return spans


def _is_heading(line: str) -> bool:
    if not line or line[-1] in ".,;" or line.endswith(('."', '.”')):
        return False
    words = _WORD.findall(line)
    if not 2 <= len(words) <= HEADING_WORDS:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if len(content) < 2:
        return False
    return sum(1 for w in content if w[0].isupper()) / len(content) >= TITLE_CASE_SHARE


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _named_in(body: str, name: str) -> bool:
    """Whether ``name`` stands in ``body`` as whole words, as written."""
    return bool(name.strip()) and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", body) is not None


def drop_headline_names(text: str, found: Extraction) -> Extraction:
    """``found`` without the actors and name highlights that only title-case headings give."""
    headings = heading_spans(text)
    crossing = [e for e in found.entities if "\n\n" in text[e.start : e.end]]
    if not headings and not crossing:
        return found
    body = list(text)
    for a, b in headings:
        body[a:b] = " " * (b - a)
    body_text = "".join(body)

    def heading_only(start: int, end: int, names: tuple[str, ...]) -> bool:
        return _inside(headings, start, end) and not any(_named_in(body_text, n) for n in names)

    dropped: set[str] = set()
    for actor in found.actors:
        if actor.quotes or not actor.mentions or actor.family not in _NAME_FAMILIES:
            continue
        if all(heading_only(s, e, (actor.name, *actor.aliases)) for s, e in actor.mentions):
            dropped.add(actor.id)
    kept_actors = [a for a in found.actors if a.id not in dropped]

    entities: list[Entity] = []
    links: list[tuple[Entity, Actor]] = []
    for e in found.entities:
        if e in crossing:
            continue
        if e.actor in dropped or (e.actor is None and e.family in _NAME_FAMILIES
                                  and heading_only(e.start, e.end, (e.text,))):
            # a run of headline words: gone, unless a body actor's name is inside it
            link = _body_actor_within(text, e, kept_actors)
            if link is not None:
                links.append(link)
            continue
        entities.append(e)
    mentions = [m for m in found.mentions if m.actor not in dropped]
    if links:
        added: dict[str, list[tuple[int, int]]] = {}
        for entity, actor in links:
            entities.append(entity)
            mentions.append(Mention(entity.start, entity.end, actor.id, "name"))
            added.setdefault(actor.id, []).append((entity.start, entity.end))
        kept_actors = [replace(a, mentions=tuple(sorted({*a.mentions, *added[a.id]}))) if a.id in added else a
                       for a in kept_actors]
        entities.sort(key=lambda x: (x.start, x.end))
        mentions.sort(key=lambda x: (x.start, x.end))
    return replace(found, entities=tuple(entities), actors=tuple(kept_actors), mentions=tuple(mentions))


def _body_actor_within(text: str, entity: Entity, actors: list[Actor]) -> tuple[Entity, Actor] | None:
    """The longest body actor's name standing inside a headline entity, as an entity linked to that actor."""
    inner = text[entity.start : entity.end]
    best: tuple[int, int, Actor] | None = None
    for actor in actors:
        if actor.family not in _NAME_FAMILIES:
            continue
        for name in (actor.name, *actor.aliases):
            if len(name) < 3:
                continue
            m = re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", inner)
            if m and (best is None or m.end() - m.start() > best[1] - best[0]):
                best = (entity.start + m.start(), entity.start + m.end(), actor)
    if best is None:
        return None
    s, e, actor = best
    return Entity(s, e, entity.label if entity.family == actor.family else actor.kind, text[s:e], actor.id), actor
