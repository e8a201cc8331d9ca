"""What the variant finder reads (quotes from many articles) and what it finds (clusters)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

#: a quoted piece: its start offset in the article's text, and its text
Piece = tuple[int, str]

IDENTICAL = "identical"
ALTERED = "altered"
TRUNCATED = "truncated"
CONFLICTING = "conflicting"
UNATTRIBUTED_ELSEWHERE = "unattributed-elsewhere"
#: flags in the order a fact-checker cares about them (most suspicious first)
FLAGS = (CONFLICTING, ALTERED, TRUNCATED, UNATTRIBUTED_ELSEWHERE, IDENTICAL)
#: the flags that accuse an outlet of getting the speaker wrong or dropping it: raised only on sure attributions
ACCUSING = (CONFLICTING, UNATTRIBUTED_ELSEWHERE)
#: the engine's attribution confidence from which its speaker is sure enough to accuse another outlet.
#: ``benchmarks/calibration.py`` on the dev set: 0.975 of speakers at 0.9 or more are right, 0.90
#: from 0.7 to 0.9; a conflict needs both speakers right, so both at 0.9 or more (0.975² = 0.95;
#: a speaker from 0.7 to 0.9 makes it 0.88 at best)
SURE = 0.9


@dataclass(frozen=True, slots=True)
class VariantQuote:
    """One quote of one article, as the variant finder sees it.

    ``doc`` names the article (its path or corpus id); ``quote`` is the
    quote's id in that article.  ``speaker`` is the speaker's name as the
    reader should see it: after the article's name merging and after review
    (merges, renames, reassignments); None when unknown.  ``pieces`` are the
    quoted words without quotation marks, each with its offset in the
    article's text (a direct quote broken by its attribution has several; a
    mixed quote has one per quoted fragment).  ``context`` is some text
    around the quote in its article: short quotes are matched only when the
    speaker or this context agrees.  ``speaker_named`` is False when the
    speaker is only described ("a campaign spokesman", "critics"): such a
    speaker contradicts no name and confirms none.  ``attributed`` is True
    when the article attributes the quote (the engine found its attribution
    cue, "he referred to her as ...") even if the speaker is not known (a
    pronoun the engine did not resolve): such a quote is attributed, speaker
    unknown, not unattributed.  ``speaker_person`` is False when the speaker
    is an organisation, a place or a document ("the British Medical
    Association", "Indymedia web site"), not a person: it may speak through a
    person another outlet names, so it conflicts with no one.  ``confidence``
    is the engine's confidence in the speaker (calibrated: see ``SURE``); a
    speaker a reviewer gave, or one a caller knows (gold data), is 1.0.
    """

    doc: str
    quote: str
    speaker: str | None
    pieces: tuple[Piece, ...]
    kind: str = "direct"
    speaker_aliases: tuple[str, ...] = ()
    context: str = ""
    speaker_named: bool = True
    attributed: bool = False
    speaker_person: bool = True
    confidence: float = 1.0

    @classmethod
    def of_text(cls, doc: str, quote: str, speaker: str | None, text: str, *, start: int = 0,
                kind: str = "direct", context: str = "") -> VariantQuote:
        """A quote that is one piece of text starting at ``start``."""
        return cls(doc, quote, speaker, ((start, text),), kind, (), context)


@dataclass(frozen=True, slots=True)
class Member:
    """One version of a clustered statement: a quote (or a mixed quote's fragment) in one article."""

    doc: str
    quote: str
    speaker: str | None
    text: str
    start: int
    end: int
    kind: str
    #: how sure the speaker is (the engine's calibrated confidence; 1.0 when reviewed or given)
    confidence: float = 1.0

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.doc, self.quote, self.start)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.doc, "quote": self.quote, "speaker": self.speaker, "text": self.text,
                "start": self.start, "end": self.end, "kind": self.kind, "confidence": round(self.confidence, 3)}


@dataclass(frozen=True, slots=True)
class Change:
    """One place where a version's words differ from the reference version.

    ``op`` is ``replace``, ``insert`` (words only the member has), ``delete``
    (words only the reference has), ``cut-start``/``cut-end`` (words one
    version has before or after all of the other's) or ``elided`` (words the
    other version left out where it shows an ellipsis).  Spans are offsets in
    each version's article text; None where that side has no words.
    ``member_at`` is where the change stands in the member's article (just
    after the member's word before it; its first word's start at the start):
    a reader that shows dropped words inside the member's text puts them there.
    """

    op: str
    reference: str
    member: str
    reference_span: tuple[int, int] | None
    member_span: tuple[int, int] | None
    member_at: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "reference": self.reference, "member": self.member,
                "reference_span": list(self.reference_span) if self.reference_span else None,
                "member_span": list(self.member_span) if self.member_span else None}


@dataclass(frozen=True, slots=True)
class MemberDiff:
    """How member ``member`` differs from the cluster's reference version (``against``)."""

    member: int
    against: int
    #: ``altered`` and/or ``truncated``
    relation: tuple[str, ...]
    #: which version has more words: ``reference``, ``member`` or ``same``
    longer: str
    changes: tuple[Change, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"member": self.member, "against": self.against, "relation": list(self.relation),
                "longer": self.longer, "changes": [c.to_dict() for c in self.changes]}


@dataclass(frozen=True, slots=True)
class Cluster:
    """Versions of one statement found in two or more articles.

    ``reference`` indexes the version the others are compared with (the one
    with most words); ``diffs`` holds one entry per member whose words differ
    from it.  ``unconfirmed`` holds the accusing flags (``ACCUSING``) the
    speakers as read would raise but the attribution is not sure enough for:
    the speakers differ, or one version has none, and an engine slip is
    likelier than an outlet's; the reader sees the speakers, not an accusation.
    """

    id: str
    flags: tuple[str, ...]
    members: tuple[Member, ...]
    reference: int
    diffs: tuple[MemberDiff, ...]
    unconfirmed: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"cluster": self.id, "flags": list(self.flags),
                               "members": [m.to_dict() for m in self.members], "reference": self.reference}
        if self.unconfirmed:
            row["unconfirmed"] = list(self.unconfirmed)
        if ALTERED in self.flags or TRUNCATED in self.flags:
            row["diff"] = [d.to_dict() for d in self.diffs]
        return row


def clusters_by_quote(clusters: Iterable[Cluster]) -> dict[tuple[str, str], list[Cluster]]:
    """``(doc, quote)`` -> the clusters that quote is in: for marking quotes that have variants elsewhere."""
    out: dict[tuple[str, str], list[Cluster]] = {}
    for c in clusters:
        for m in c.members:
            found = out.setdefault((m.doc, m.quote), [])
            if not found or found[-1] is not c:
                found.append(c)
    return out
