"""Actors while they are being built: clusters of mentions, and the store the
actor index keeps them in, with the look-ups quote attribution uses."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .actor_words import GROUP, ORG_HEADS, UNNAMED
from .cues import PERSON_TITLES
from .name_text import core_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token


@dataclass
class Cluster:
    """One actor while it is being built."""

    index: int
    label: str
    words: tuple[str, ...]  # normalised name words (lower case), the longest seen
    display: str  # best display name so far
    first: int  # offset of first mention
    labels: dict[str, int] = field(default_factory=dict)
    forms: dict[str, int] = field(default_factory=dict)  # surface forms -> count
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    gender_votes: dict[str, float] = field(default_factory=dict)
    titles: set[str] = field(default_factory=set)
    #: nouns the text describes it with ("Ana Ruiz, a city councillor", "the daily
    #: Kathimerini"), for a later "the councillor said" / "the daily reported"
    roles: set[str] = field(default_factory=set)
    quotes: list[str] = field(default_factory=list)
    last_seen: int = 0
    #: an unnamed speaker ("an official", "critics"): kind "unnamed", or "group" when plural
    nominal: bool = False
    plural: bool = False
    #: (offset, was the subject) of each mention noted so far, in offset order
    seen: list[tuple[int, bool]] = field(default_factory=list)
    #: the cluster this one was merged into (a birth name), if any
    alias_of: int | None = None
    #: the kind the text's evidence gives a "person" that is not one ("ORG", "GPE", "" to drop)
    demoted: str | None = None
    #: not an actor after all (a name that only ever modifies a noun, a one-off word)
    hidden: bool = False

    @property
    def core(self) -> list[str]:
        """The name words that identify a person (no initials, no Jr.)."""
        if self._core_for is not self.words:
            self._core = core_words(self.words)
            self._core_for = self.words
        return self._core

    _core: list[str] = field(default_factory=list, repr=False)
    _core_for: tuple[str, ...] | None = field(default=None, repr=False)

    @property
    def gender(self) -> str | None:
        m = self.gender_votes.get("m", 0.0)
        f = self.gender_votes.get("f", 0.0)
        if m > f:
            return "m"
        if f > m:
            return "f"
        return None

    @property
    def kind(self) -> str:
        if self.nominal:
            return GROUP if self.plural else UNNAMED
        if self.demoted:
            return self.demoted
        if self.label == "PERSON" or not self.labels:
            # a cluster founded on a full personal name stays a person even
            # when the model tags some of its mentions ORG or GPE
            return self.label
        if self.titles & PERSON_TITLES and not (self.words and self.words[-1] in ORG_HEADS):
            return "PERSON"
        return max(self.labels.items(), key=lambda kv: (kv[1], kv[0] == "PERSON"))[0]

    def vote(self, gender: str, weight: float) -> None:
        self.gender_votes[gender] = self.gender_votes.get(gender, 0.0) + weight


@dataclass(frozen=True)
class NameMention:
    """An entity mention linked to a cluster."""

    start: int
    end: int
    cluster: int
    head: int  # token index of the mention's last token
    subject: bool  # the mention is the subject of its clause


class ClusterStore:
    """The clusters and name mentions of one document; the actor index fills
    them in (``ActorIndex.__init__``), the rules that judge them read them here."""

    doc: "Doc"
    text: str
    #: the document's tokens, made once (spaCy builds a new object on every access)
    tokens: list["Token"]
    clusters: list[Cluster]
    entities: list[tuple[int, int, str, int | None]]  # start, end, label, cluster
    mentions: list[NameMention]
    _mention_starts: list[int]
    token_cluster: dict[int, int]

    def has_role(self, noun: str) -> bool:
        return any(noun in c.roles for c in self.clusters)

    def _mentions_between(self, lo: int, hi: int) -> list[NameMention]:
        a = bisect.bisect_left(self._mention_starts, lo)
        b = bisect.bisect_left(self._mention_starts, hi)
        return self.mentions[a:b]

    def cluster_of_token(self, tok: "Token") -> int | None:
        return self.token_cluster.get(tok.i)

    def mention_span(self, m: NameMention) -> "Span | None":
        """The tokens of a name mention (widened to whole tokens)."""
        return self.doc.char_span(m.start, m.end, alignment_mode="expand")

    def mentions_before(self, pos: int, lo: int) -> list[NameMention]:
        """Name mentions starting in [lo, pos), nearest first."""
        return list(reversed(self._mentions_between(lo, pos)))

