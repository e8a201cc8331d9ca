"""Documents and data as sources, and things that are no source at all.

Reports, studies, polls, filings, presentations, data sets and websites
"say" things in the news ("a March 3 filing to investors said", "data from a
market tracker showed", "the study found").  The speaker finder makes such a
phrase an unnamed actor like "an official"; here it becomes an actor of kind
``document`` instead, which the sidebar lists under its own heading, the
sources summary counts apart and the speaker ledger leaves out by default.

A phrase that names neither a person, an organisation, a group nor a
document ("smoke", "the thinner screens", "her eyes") is no speaker: its
quote stays, unattributed, and the phrase is not an actor.

Only the engine's unnamed speakers (kinds ``unnamed`` and ``group``) are
judged; named people and organisations are left as they are.  The test is
the phrase's head noun (with "lines of evidence" read as "evidence", and
"a filing to investors" as the filing, not the investors).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import DOCUMENT_KIND, Evidence, Quote
from .actor_words import GROUP, ROLE_NOUNS, UNNAMED
from .extraction import Extraction
from .speakers import COLLECTIVE_NOUNS, QUANTIFIERS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: the actor kind of a document or data source
DOCUMENT = DOCUMENT_KIND

#: head nouns of written or recorded sources: documents, data, studies, websites
DOCUMENT_NOUNS = frozenset(
    """
    report study survey poll filing presentation data datum dataset database statistic statistics figure number
    estimate forecast projection analysis research paper document memo memorandum letter email e-mail
    statement release announcement website site webpage page blog post tweet chart table graph map index
    tracker audit review census assessment evaluation finding result calculation test trial experiment
    evidence fact record log transcript complaint lawsuit suit indictment affidavit ruling judgment verdict
    order filing guideline guidance regulation rule law bill proposal plan policy budget minutes notice
    manual handbook textbook book article column editorial op-ed story piece headline caption video footage
    image photo picture recording broadcast documentary model simulation projection ranking rating list
    ad advert advertisement commercial clip spot message interview account tally count average platform
    profile petition subpoena timeline program programme show briefing remark comment speech testimony
    address note letter summary readout opinion polling form overview dictum brief motion decision
    item call voicemail novel memoir
    discussion conversation debate hearing meeting conference session
    """.split()
)

#: head nouns of organisations and institutions
ORGANISATION_NOUNS = frozenset(
    """
    company firm business corporation bank government administration ministry department agency office bureau
    authority council committee commission board court police military army navy campaign party union group
    organization organisation association federation coalition alliance institute institution university
    college school hospital clinic center centre foundation charity network station channel newspaper
    magazine outlet publication team club league embassy consulate regime state city county country nation
    parliament congress senate house cabinet family household church mosque temple brand automaker airline
    carrier retailer store shop chain startup lab laboratory giant rival operator provider developer
    publisher studio label brokerage exchange market fund unit division subsidiary parent service
    industry sector prosecution defence defense side camp movement community media press push drive effort bid
    """.split()
)

#: people words the role list leaves out
PEOPLE_NOUNS = frozenset(
    """
    people person man woman men women child children kid kids resident citizen official source friend
    spokesperson spokesman spokeswoman representative executive relative colleague rep fan user customer
    consumer voter member leader parent student staffer insider observer critic opponent supporter guest
    caller viewer listener reader participant attendee delegate everyone everybody someone somebody anyone
    tycoon magnate architect admiral general lady gentleman surrogate advocate candidate graduate faction
    gathering voice crew cast couple pair twin guy folk folks nobody chair counsel clerk rabbi priest imam
    bishop cardinal pope ally hawk dove principal surgeon neurosurgeon physician champion hero heroine chief
    head boss coach captain pilot soldier trooper marine sergeant lieutenant colonel major governor senator
    president premier minister secretary ambassador envoy attorney sheriff deputy detective inspector agent
    defendant plaintiff suspect victim inmate prisoner patient client tenant landlord homeowner personnel
    leadership management democrat republican liberal conservative progressive moderate independent
    protester demonstrator rebel militant insurgent fighter guerrilla terrorist gunman hostage refugee
    migrant immigrant native local villager ceo cfo founder cofounder staff
    """.split()
)

#: endings of nouns for people and organisations ("investor", "economist", "physician", "delegate",
#: "critic", "official", "representative"); a thing with such an ending ("the deal") is kept as a
#: speaker: better an odd source than a real one lost
_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee", "eer", "man", "woman", "person", "ary", "ess",
                  "ate", "ic", "al", "ive")

#: nouns whose "of" complement is the thing meant ("lines of evidence", "a set of figures")
_CONTAINER_NOUNS = frozenset(
    "line lot set series body kind type bit piece number handful half third two-thirds three-fourths majority "
    "share portion fraction percent dozen dozens hundred hundreds thousand thousands score thirds fourths "
    "quarters".split()
)


def _head(tok: Token) -> Token:
    """The noun that names the source: through "lines of …", and from "investors" up to "a filing to investors"."""
    if tok.lemma_.lower() in _CONTAINER_NOUNS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                inner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if inner is not None:
                    return inner
    up = tok
    for _ in range(3):
        if up.dep_ != "pobj" or up.head.dep_ != "prep" or up.head.lower_ == "of" \
                or up.head.head.pos_ not in ("NOUN", "PROPN"):
            break  # "a story of a woman who claims": the woman, not the story
        up = up.head.head
        if up.lemma_.lower() in DOCUMENT_NOUNS:
            return up
    return tok


def _capitalised_word(tok: Token) -> bool:
    """A common word the tagger took for a name because it opens the sentence ("Smoke told ...").

    Told by the same word standing in lower case elsewhere in the text.
    """
    if tok.i != tok.sent.start or tok.ent_type_ or not tok.is_title:
        return False
    low = tok.lower_
    return any(t.text == low for t in tok.doc)


def source_kind(tok: Token) -> str:
    """``document``, ``speaker`` (a person, organisation or group) or ``thing`` for a phrase's head noun."""
    if tok.pos_ == "PRON" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return "speaker"
    if tok.pos_ == "PROPN" and not _capitalised_word(tok):
        return "speaker"
    lemma = tok.lemma_.lower()
    low = tok.lower_
    if lemma in DOCUMENT_NOUNS or low in DOCUMENT_NOUNS:
        return DOCUMENT
    if lemma in ROLE_NOUNS or lemma in ORGANISATION_NOUNS or lemma in PEOPLE_NOUNS or lemma in COLLECTIVE_NOUNS \
            or low in QUANTIFIERS or low in PEOPLE_NOUNS:
        return "speaker"
    if lemma.endswith(_AGENT_ENDINGS) or low.endswith(_AGENT_ENDINGS):
        return "speaker"
    if any(c.lower_ in QUANTIFIERS for c in tok.children if c.dep_ in ("det", "amod", "quantmod", "nummod")) \
            or any(g.pos_ == "PRON" for c in tok.children if c.dep_ == "prep" for g in c.children):
        return "speaker"  # "all signs", "three-fourths of them": a group the sentence counts, not a thing
    if tok.pos_ not in ("NOUN", "PROPN"):
        return "speaker"  # a number, an adjective: not for this test to judge
    return "thing"


def _phrase(doc: Doc, tok: Token) -> tuple[int, int]:
    """The character span of the noun phrase ``tok`` heads (its subtree)."""
    left, right = doc[tok.left_edge.i], doc[tok.right_edge.i]
    # up to its first comma, as every speaker's phrase: "testimony from 3,399 women, almost all
    # of whom said ..." is the testimony from the women, not the clause after them
    comma = next((t for t in doc[tok.i : right.i + 1] if t.text == ","), None)
    if comma is not None and comma.i > tok.i:
        right = doc[comma.i - 1]
    return left.idx, right.idx + len(right.text)


def classify_sources(doc: Doc, found: Extraction) -> Extraction:
    """Unnamed speakers that are documents become ``document`` actors; those that are things, no actors at all."""
    text = doc.text
    documents: dict[str, tuple[int, int] | None] = {}  # actor id -> its wider phrase, when it grew
    things: dict[str, str] = {}
    for actor in found.actors:
        if actor.kind not in (UNNAMED, GROUP) or not actor.mentions:
            continue
        s, e = actor.mentions[0]
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            continue
        head = _head(span.root)
        kind = source_kind(head)
        if kind == DOCUMENT:
            grown = _phrase(doc, head) if not (s <= head.idx < e) else None
            documents[actor.id] = grown
        elif kind == "thing" and len(actor.mentions) == 1:
            things[actor.id] = text[s:e]
    if not documents and not things:
        return found

    actors = []
    mentions = [m for m in found.mentions if m.actor not in things]
    for actor in found.actors:
        if actor.id in things:
            continue
        if actor.id in documents:
            grown = documents[actor.id]
            if grown is not None:
                name = " ".join(text[grown[0] : grown[1]].split())
                old = actor.mentions[0]
                actor = replace(actor, name=name, mentions=(grown, *actor.mentions[1:]),
                                aliases=tuple(a for a in actor.aliases if a != name))
                mentions = [replace(m, start=grown[0], end=grown[1]) if m.actor == actor.id
                            and (m.start, m.end) == old else m for m in mentions]
            actor = replace(actor, kind=DOCUMENT, gender=None)
        actors.append(actor)
    quotes = [_unattributed(q, things[q.speaker]) if q.speaker in things else _grown_speaker(q, documents)
              for q in found.quotes]
    entities = tuple(replace(e, actor=None) if e.actor in things else e for e in found.entities)
    mentions.sort(key=lambda m: (m.start, m.end))
    return replace(found, actors=tuple(actors), mentions=tuple(mentions), quotes=tuple(quotes), entities=entities)


def _unattributed(q: Quote, phrase: str) -> Quote:
    chain = (q.evidence.chain if q.evidence else ()) + (f"{' '.join(phrase.split())}: not a person, "
                                                         "organisation, group or document",)
    return replace(q, speaker=None, speaker_span=None, confidence=min(q.confidence, 0.3),
                   evidence=Evidence(q.evidence.rule if q.evidence else q.kind, chain))


def _grown_speaker(q: Quote, documents: dict[str, tuple[int, int] | None]) -> Quote:
    grown = documents.get(q.speaker) if q.speaker is not None else None
    return replace(q, speaker_span=grown) if grown is not None else q
