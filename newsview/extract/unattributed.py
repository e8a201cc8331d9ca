"""A quotation with no attribution at all ("Okafor spoke only in careful phrases.
“We have to be tougher.”"): the person the sentence before it is about said it,
as a reader would assume, at a low confidence."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from .quote_frames import Found
from .speakers import Speaker, SpeakerResolver

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: how sure the reader's assumption is (below a pronoun from an earlier sentence)
CONFIDENCE = 0.5


def assume_speakers(doc: "Doc", found: list[Found], resolver: SpeakerResolver) -> None:
    """Give each direct quotation that has neither a cue nor a speaker the person
    who is the subject of the sentence right before it (same or previous paragraph)."""
    text = doc.text
    starts = [t.idx for t in doc]
    for f in found:
        if f.kind != "direct" or f.speaker.cluster is not None or f.cue is not None:
            continue
        subj = _subject_before(doc, starts, f.start, resolver)
        if subj is None or text[subj.idx : f.start].count("\n\n") > 1:
            continue
        sp = resolver.resolve(subj)
        if sp.cluster is None or resolver.index.clusters[sp.cluster].kind != "PERSON":
            continue
        name = resolver.index.clusters[sp.cluster].display
        chain = sp.chain + (f"no attribution \u2192 {name}, whom the sentence before is about",)
        f.speaker = Speaker(sp.cluster, sp.span, sp.kind, chain, min(sp.confidence, CONFIDENCE))


def _subject_before(doc: "Doc", starts: list[int], pos: int, resolver: SpeakerResolver) -> "Token | None":
    """The subject of the main verb of the last sentence that ends before ``pos``,
    when that sentence is not itself inside a quotation."""
    k = bisect.bisect_left(starts, pos) - 1
    while k > 0 and (doc[k].is_space or doc[k].is_punct):
        k -= 1
    if k < 0:
        return None
    sent = doc[k].sent
    if sent.end_char > pos or resolver.in_quote(sent.root.idx) is not None:
        return None
    return next((c for c in sent.root.children if c.dep_ == "nsubj" and resolver.in_quote(c.idx) is None), None)
