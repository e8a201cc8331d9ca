"""What a speaker resolver finds, and the document state its parts share."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterator

from .actors import ActorIndex
from .cues import SPEECH_VERBS
from .speech_verbs import OBJECT_SPEECH, XCOMP_SPEECH

#: what a participle after a noun may do that makes it the message, not part of its name
_MESSAGE_PARTICIPLES = SPEECH_VERBS | OBJECT_SPEECH | XCOMP_SPEECH

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


@dataclass(frozen=True)
class Speaker:
    cluster: int | None
    span: tuple[int, int] | None
    kind: str  # name | pronoun | descriptor | nominal | none
    chain: tuple[str, ...] = ()
    confidence: float = 0.9


NO_SPEAKER = Speaker(None, None, "none", (), 0.3)


class ResolverBase:
    """The document, its actors and what has been attributed so far; the
    pronoun and unnamed-speaker rules build on it, ``SpeakerResolver`` joins them."""

    def __init__(self, index: ActorIndex, in_quote: Callable[[int], object] = lambda pos: None) -> None:
        self.index = index
        #: tells whether an offset is inside a quotation (names there are not antecedents)
        self.in_quote = in_quote
        self.doc = index.doc
        self.text = index.text
        self._contents: list[tuple[int, int]] = []
        self._content_starts: list[int] = []
        #: (offset, cluster) of speakers already attributed, for pronoun preference
        self.recent_speakers: list[tuple[int, int]] = []
        #: names tagged as people that the text uses as places (worked out once, when first asked)
        self._place_names_cache: set[int] | None = None

    def set_contents(self, spans: list[tuple[int, int]]) -> None:
        """What quotes report: people named there are rarely the next "he said"."""
        self._contents = sorted(spans)
        self._content_starts = [a for a, _ in self._contents]

    def _in_content(self, pos: int) -> bool:
        k = bisect.bisect_right(self._content_starts, pos) - 1
        return k >= 0 and self._contents[k][0] <= pos < self._contents[k][1]

    def note_speaker(self, pos: int, cluster: int | None) -> None:
        if cluster is not None:
            self.recent_speakers.append((pos, cluster))

    # ----------------------------------------------------------------------

    def resolve(self, tok: "Token") -> Speaker:
        """Who the noun phrase headed by ``tok`` refers to (``SpeakerResolver``)."""
        raise NotImplementedError

    def _entity_span(self, tok: "Token") -> tuple[int, int]:
        for s, e, _label, _cid in self._entities_near(tok.idx):
            if s <= tok.idx < e:
                return s, e
        return tok.idx, tok.idx + len(tok)

    def _entities_near(self, pos: int) -> Iterator[tuple]:
        for ent in self.index.entities:
            if ent[0] <= pos < ent[1] + 1:
                yield ent

    def _phrase(self, tok: "Token") -> tuple[int, int]:
        return noun_phrase(self.text, tok)


def noun_phrase(text: str, tok: "Token") -> tuple[int, int]:
    """The noun phrase headed by ``tok`` up to its first comma, dash or bracket,
    within its line ("an official who was briefed on the talks")."""
    right = tok
    for c in tok.rights:
        if c.dep_ in ("advmod", "npadvmod") or c.ent_type_ in ("DATE", "TIME") or (
                c.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)):
            break  # "Her campaign workers here", "The letters Monday", "A report during the weekend"
        if c.dep_ == "acl" and c.lemma_.lower() in _MESSAGE_PARTICIPLES and (
                c.tag_ == "VBG" or tok.lower_ == "old"):  # '"...?" the 43-year-old asked', parsed so
            break  # "an item suggesting that ...", "calls saying ...": what it says is not its name
        right = c.right_edge
    s, e = tok.left_edge.idx, right.idx + len(right)
    s = max(s, text.rfind("\n", s, tok.idx) + 1)
    # never reach back into a quotation ('... safe" tweeted the mayor')
    s = max([s] + [text.rfind(m, s, tok.idx) + 1 for m in "\"\u201d\u201c\u00bb"])
    cuts = [text.find(sep, tok.idx, e) for sep in (" \u2014", " (", "\n", ";", ":")]
    # a comma ends the phrase, but not one inside a number ("More than 18,000 of the respondents")
    cuts += [k for k in range(tok.idx, e) if text[k] == "," and not (
        0 < k < len(text) - 1 and text[k - 1].isdigit() and text[k + 1].isdigit())][:1]
    e = min([e] + [k for k in cuts if k > tok.idx])
    s, e = strip_span(text, s, e)
    if e - s > 160 or not (s <= tok.idx < e):
        return tok.idx, tok.idx + len(tok)
    return s, e


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not (text[e - 1].isalnum() or text[e - 1] in ".)"):
        e -= 1
    return s, e
