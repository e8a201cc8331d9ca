"""Names mentioned in passing: entities of the text, not actors of the story.

The small English tagger calls many things people or organisations (software,
products, venues, a game's characters, programmes, events), and each new kind
of page brings new ones no word list foresees.  What the text does with a name
tells more than its label: an actor speaks, is described ("Ana Ruiz, a
councillor", "Mayor Ruiz"), does something (the subject of a verb), comes back
later in the story, or carries an organisation's name ("... Council", "...
Inc.", an abbreviation the text spells out).  A name the text meets once and
does none of that with would be left out of the actor list, staying a named
entity (highlighted, in the JSON ``entities``, found by the filter bar).

Measured, not adopted (``passing-names.md``): on news articles it takes out
more real actors than junk.  :func:`actor_evidence` gives what the text does
with each actor (``passing_names.py`` weighs it against hand judgements);
:func:`drop_passing_names` applies the rule (``actors_web.py --with-passing-rule``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsview.extract.actor_words import COMPANY_SUFFIXES, ORG_HEADS, ROLE_NOUNS
from newsview.extract.cues import PERSON_TITLES, TITLE_WORDS
from newsview.extract.extraction import Extraction
from newsview.extract.names import gender_of_given_name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: kinds of named actors the rule judges (unnamed sources and groups come from what they say)
NAMED_KINDS = ("PERSON", "ORG", "GPE", "NORP")
#: dependencies that make a word the one doing what its verb says
_SUBJECT_DEPS = ("nsubj", "csubj")
#: words in a name that make it an organisation's, beyond the last-word list
_ORG_WORDS = ORG_HEADS | COMPANY_SUFFIXES | frozenset(
    """
    ministry office university institute agency council party inc inc. ltd ltd. corp corp. co. plc llc
    department commission committee bureau authority association foundation society trust fund
    organization organisation union federation guild academy laboratory laboratories lab labs
    """.split()
)


@dataclass(frozen=True)
class ActorEvidence:
    """What the text does with one actor."""

    quotes: int
    #: mentions by name, after merging ("Ana Ruiz" ... "Ruiz")
    names: int
    #: every mention: names, pronouns, descriptors
    mentions: int
    #: a descriptor, an apposition, a title or "X, who ..."
    described: bool
    #: the subject of a verb (a name or a pronoun for it)
    subject: bool
    #: an organisation's word in the name, or an abbreviation the text spells out
    org_like: bool
    #: a given name first and at least two words ("Ana Ruiz")
    person_shape: bool
    #: owns something or someone ("Ruiz's office", "CNN's Jason Carroll")
    possessor: bool
    #: where something comes from or who it goes to ("a survey from X", "told X", "with X", "via X")
    counterpart: bool


def _root(doc: "Doc", start: int, end: int) -> "Token | None":
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _is_subject(tok: "Token") -> bool:
    """ "Ruiz voted", "Ruiz and Lee voted", "was approved by Ruiz"."""
    while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
        tok = tok.head
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    if tok.dep_ in _SUBJECT_DEPS:
        return True
    return tok.dep_ == "pobj" and tok.head.dep_ == "agent"


#: prepositions whose object gives, sends or takes something: a party to what happens
_COUNTERPART_PREPS = frozenset("from with via to by for against between".split())
#: verbs whose object is someone who is told or asked something
_ADDRESSEE_VERBS = frozenset("tell ask contact join hire sue urge accuse thank meet call".split())


def _owns(tok: "Token") -> bool:
    """ "Ruiz's office", "CNN's Jason Carroll"."""
    while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
        tok = tok.head
    return tok.dep_ == "poss" or any(c.dep_ == "case" for c in tok.children)


def _counterpart(tok: "Token") -> bool:
    """ "a survey from Piper Jaffray", "told TRD", "an agreement with JLL"."""
    while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
        tok = tok.head
    while tok.dep_ == "conj" and tok.head.i < tok.i:
        tok = tok.head
    if tok.dep_ == "pobj":
        return tok.head.lower_ in _COUNTERPART_PREPS
    return tok.dep_ in ("dobj", "dative") and tok.head.lemma_.lower() in _ADDRESSEE_VERBS


def _is_described(doc: "Doc", tok: "Token", start: int) -> bool:
    """ "Ana Ruiz, a councillor", "the councillor, Ana Ruiz", "Mayor Ruiz",
    "councillor Ana Ruiz", "Ruiz, who ...", "Ruiz, 54,", "a chef named Ruiz"."""
    if tok.dep_ == "oprd" and tok.head.lemma_.lower() in ("name", "call") \
            and tok.head.head.lemma_.lower() in ROLE_NOUNS:
        return True  # a word for a person gives the name ("an extension called X" gives a thing's)
    for child in tok.children:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "NUM"):
            return True
        if child.dep_ == "relcl" and any(g.lower_ in ("who", "whom", "whose") for g in child.subtree):
            return True
        if child.dep_ == "compound" and child.idx < start and child.pos_ == "NOUN":
            return True  # "councillor Ana Ruiz", "actress Kate Henshaw"
    if tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and tok.head.i < tok.i:
        return True
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    if first is None:
        return False
    i = first[0].i
    # a title just before the name or kept inside it: "Justice Sandra Day O'Connor",
    # "liberal Justices Ruth Bader Ginsburg", "Hawaii Rep. Tulsi Gabbard", "Mayor Ruiz"
    return any(_title(t.lower_) for t in doc[max(0, i - 2) : i + 1])


def _title(word: str) -> bool:
    word = word.rstrip(".")
    for w in (word, word[:-1] if word.endswith("s") else word):
        if w in PERSON_TITLES or w + "." in PERSON_TITLES or (w in TITLE_WORDS and w not in _NOT_TITLES):
            return True
    return False


#: words of the title list that, alone before a name, say nothing of a person
_NOT_TITLES = frozenset(
    "the of state former u.s us u.k uk vice acting deputy assistant incoming outgoing majority minority "
    "french russian ukrainian american british german chinese israeli iranian republican democratic democrat "
    "gop senate house kremlin white foreign defense defence interior finance treasury labor labour health "
    "presidential first saint st crown chief".split()
)


def _spelt_out(text: str, name: str) -> bool:
    """ "the Environmental Awareness Group (EAG)", "EAG (Environmental Awareness Group)"."""
    if not (2 <= len(name) <= 8 and name.replace(".", "").isupper()):
        return False
    return re.search(r"\(\s*" + re.escape(name) + r"\s*\)|\b" + re.escape(name) + r"\s*\(\s*[A-Z]", text) is not None


def actor_evidence(doc: "Doc", found: Extraction) -> dict[str, ActorEvidence]:
    """What the text does with each actor of ``found``, by actor id."""
    text = doc.text
    by_actor: dict[str, list[tuple[int, int, str]]] = {}
    for m in found.mentions:
        by_actor.setdefault(m.actor, []).append((m.start, m.end, m.kind))
    out: dict[str, ActorEvidence] = {}
    for actor in found.actors:
        ms = by_actor.get(actor.id, [])
        names = [(s, e) for s, e, k in ms if k == "name"]
        described = any(k == "descriptor" for _s, _e, k in ms)
        subject = possessor = counterpart = False
        for s, e, _k in ms:
            tok = _root(doc, s, e)
            if tok is None:
                continue
            subject = subject or _is_subject(tok)
            possessor = possessor or _owns(tok)
            counterpart = counterpart or _counterpart(tok)
            if (s, e) in names and not described:
                described = _is_described(doc, tok, s)
        words = {w.lower().strip(".,") for form in (actor.name, *actor.aliases) for w in form.split()}
        org_like = bool(words & _ORG_WORDS) or any(_spelt_out(text, f) for f in (actor.name, *actor.aliases))
        first = actor.name.split()[0] if actor.name.split() else ""
        out[actor.id] = ActorEvidence(
            quotes=len(actor.quotes),
            names=len(names),
            mentions=len(ms),
            described=described,
            subject=subject,
            org_like=org_like,
            person_shape=len(actor.name.split()) >= 2 and gender_of_given_name(first) is not None,
            possessor=possessor,
            counterpart=counterpart,
        )
    return out


def passes_by(actor_kind: str, ev: ActorEvidence) -> bool:
    """A name the text only passes by: met once (no pronoun or descriptor for it
    either), never speaking, described, doing, owning or taking part in anything
    ("from X", "with X", "told X"), with no organisation's word, and not shaped
    like a person's name (a given name and a surname): the rule that
    :func:`drop_passing_names` applies."""
    return (actor_kind in NAMED_KINDS and ev.quotes == 0 and ev.names <= 1 and ev.mentions <= 1
            and not (ev.described or ev.subject or ev.possessor or ev.counterpart or ev.org_like
                     or ev.person_shape))


def drop_passing_names(doc: "Doc", found: Extraction) -> Extraction:
    """``found`` without the actors the text only passes by; their names stay entities."""
    evidence = actor_evidence(doc, found)
    dropped = {a.id for a in found.actors if passes_by(a.kind, evidence[a.id])}
    if not dropped:
        return found
    return replace(
        found,
        actors=tuple(a for a in found.actors if a.id not in dropped),
        entities=tuple(replace(e, actor=None) if e.actor in dropped else e for e in found.entities),
        mentions=tuple(m for m in found.mentions if m.actor not in dropped),
    )
