"""The quotes of one analysed article, as the variant finder reads them.

Speakers are given by name, after the article's own name merging and, when
a review is passed, after the reviewer's merges, renames and reassignments:
that is the review hook for the ``conflicting`` flag.  A quote the reviewer
rejected as not a quote is left out; one rejected for its speaker (and not
reassigned) has no speaker.

An interviewer's questions (the turns of a transcript the engine marks as
questions) are left out too: a publication asks its stock questions ("How did
you get involved in this study?", "What would a Collins administration look
like?") in every interview, word for word or with the interviewee's name
changed, and neither is a statement a fact-checker traces across articles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..extract.interviews import is_question_turn
from ..model import DOCUMENT_KIND, UNNAMED_KINDS, ParsedDocument, label_family
from .model import VariantQuote

if TYPE_CHECKING:  # pragma: no cover
    from ..review.view import ReviewedView

#: characters of article text on each side of a quote kept as its context
CONTEXT_CHARS = 100
#: the actor kind of a speaker the article only describes, in older caches and libraries
DESCRIBED = "NOMINAL"


def named_kind(kind: str | None) -> bool:
    """Does an actor of this kind have a name?  Not a source the article only describes
    ("the man", "critics", "people familiar with the matter"): such a speaker
    contradicts no name and confirms none."""
    return kind not in UNNAMED_KINDS


def person_kind(kind: str | None, name: str | None) -> bool:
    """Could a speaker of this kind and name be a person?

    A document ("Indymedia web site", "a joint statement") is not, nor a
    body the article names as one ("the British Medical Association").  The
    entity kind alone is not enough: the small model tags some people as
    organisations ("Mayor Ana Costa" as ORG), so a body must also be named
    with its article, as people are not.
    """
    if kind == DOCUMENT_KIND:
        return False
    # a body or a place (the entity families "org" and "place") speaks through people
    return not (label_family(kind or "") in ("org", "place") and (name or "").lower().startswith("the "))


_MARKS = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb]")
_OPENING = "\u201c\u201e\u00ab"
_CLOSING = "\u201d\u00bb"


def quoted_parts(offset: int, text: str) -> list[tuple[int, str]]:
    """The pieces of ``text`` inside quotation marks, as ``(offset, text)``.

    A mixed quote's span can hold the reporter's words around the quoted
    ones (it "null and void" and "geographically ridiculous): only the
    quoted words are the speaker's.  A span that starts or ends inside a
    quotation counts from its start or to its end; one with no marks is all
    quoted.
    """
    marks = list(_MARKS.finditer(text))
    if not marks:
        return [(offset, text)] if text.strip() else []
    parts = []
    inside = marks[0].group() in _CLOSING  # the span began inside the quotation
    start = 0
    for m in marks:
        ch = m.group()
        if inside and ch not in _OPENING:
            parts.append((start, m.start()))
            inside = False
        elif not inside and ch not in _CLOSING:
            start, inside = m.end(), True
    if inside:
        parts.append((start, len(text)))
    return [(offset + a, text[a:b]) for a, b in parts if text[a:b].strip()]


def document_name(doc: ParsedDocument) -> str:
    """How a member names its article: the path, or the text's hash for stdin."""
    return doc.source.path or f"sha256:{doc.source.sha256[:16]}"


def quotes_of_document(doc: ParsedDocument, view: ReviewedView | None = None, *,
                       name: str | None = None) -> list[VariantQuote]:
    """Every quote of ``doc`` with its (reviewed) speaker's name; ``name`` overrides the article's name."""
    doc_name = name or document_name(doc)
    actors = {a.id: a for a in doc.actors}
    reviewed = {rq.id: rq for rq in view.quotes} if view is not None else {}
    out = []
    for q in doc.quotes:
        if is_question_turn(q):
            continue
        speaker: str | None = None
        aliases: tuple[str, ...] = ()
        named = person = True
        confidence = q.confidence
        rq = reviewed.get(q.id)
        if rq is not None:
            if rq.verdict == "rejected" and rq.reason == "wrong_quote":
                continue
            wrong = rq.verdict == "rejected" and rq.reason == "wrong_speaker" and not rq.reassigned
            actor = None if wrong else view.actor(rq.speaker_id)  # type: ignore[union-attr]
            if rq.verdict == "accepted" or rq.reassigned:
                confidence = 1.0  # a speaker a person checked is sure
            if actor is not None:
                speaker, aliases = actor.name, actor.aliases
                # an actor the reviewer added is a name; an engine actor may be a description
                root = actors.get(actor.id)
                named = root is None or named_kind(root.kind)
                person = root is None or person_kind(root.kind, actor.name)
        elif q.speaker in actors:
            actor_ = actors[q.speaker]
            speaker, aliases, named = actor_.name, actor_.aliases, named_kind(actor_.kind)
            person = person_kind(actor_.kind, actor_.name)
        out.append(variant_quote(doc_name, doc.text, q.id, q.kind, q.spans or ((q.start, q.end),),
                                 speaker, aliases, named, cue=q.cue, person=person, confidence=confidence))
    return out


def variant_quote(doc_name: str, text: str, quote_id: str, kind: str, spans: Sequence[Sequence[int]],
                  speaker: str | None, aliases: Sequence[str] = (), named: bool = True, *,
                  cue: str | None = None, person: bool = True, confidence: float = 1.0) -> VariantQuote:
    """One quote of an article as the finder reads it, from the quote's parts.

    ``cue`` is the attribution cue the engine found ("said", "referred"):
    with one, the quote is attributed even when its speaker is unknown.
    ``person`` is False for a speaker that is a body, a place or a document.
    ``confidence`` is the engine's confidence in the speaker (1.0 once a reviewer checked it).

    ``quotes_of_document`` and a corpus run's ``quote_clusters`` step (which
    has the quote's rows, not the document) both make their quotes here, so
    both give the finder the same quotes.
    """
    pieces = tuple((s, text[s:e]) for s, e in spans)
    if kind == "mixed":
        pieces = tuple(part for s, t in pieces for part in quoted_parts(s, t)) or pieces
    start, end = spans[0][0], spans[-1][1]
    context = text[max(start - CONTEXT_CHARS, 0):start] + " " + text[end:end + CONTEXT_CHARS]
    return VariantQuote(doc_name, quote_id, speaker, pieces, kind, tuple(aliases), context, named, bool(cue), person,
                        confidence)
