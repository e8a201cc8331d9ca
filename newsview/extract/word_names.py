"""Capitalised words the tagger takes for actors by their place in the sentence.

"a democratic State in which ...": a one-word name under "a" or "an" is a
common noun written with a capital.  "French Guiana" where
the tagger kept "Guiana" alone: the word before it and the name make a known
place.  "the Boeing-Air Force contract": two names the text uses on their
own, joined by a hyphen, qualify a noun and are no third actor.  Quoted names
are kept: whoever the text gives words to is someone.
"""

from __future__ import annotations

import re

from .actor_clusters import Cluster, ClusterStore, NameMention
from .known_places import place_kind


class WordNameFilter(ClusterStore):
    """Finds names that are a common noun, a grade, part of a place or a pair of names."""

    def word_name(self, c: Cluster, mentions: list[NameMention]) -> str | None:
        """What the cluster's name is when the sentence shows it is no actor's, or None.  ("Level 4"
        is left alone: "a Boeing 737" is the company's name before a number too.)"""
        if not mentions:
            return None
        if len(c.words) == 1:
            if all(self._under_indefinite(m) for m in mentions):
                return "common noun"  # "a democratic State"
            if all(self._place_with_word_before(m, c.words[0]) for m in mentions):
                return "place"  # "French Guiana" cut to "Guiana"
        if self._two_names_joined(c):
            return "pair of names"  # "the Boeing-Air Force contract"
        return None


    def _under_indefinite(self, m: NameMention) -> bool:
        """The one-word name at this mention has its own "a" or "an" ("a democratic State")."""
        span = self.mention_span(m)
        if span is None or len(span) != 1:
            return False
        tok = span[0]
        if tok.i + 1 < len(self.tokens) and (self.tokens[tok.i + 1].like_num or self.tokens[tok.i + 1].is_title):
            return False  # "a Boeing 737": a maker's name before its model's
        lefts = list(tok.lefts)
        # only an article and adjectives before it: "a non-profit organisation SpamHaus" is a name
        return any(ch.dep_ == "det" and ch.lower_ in ("a", "an") for ch in lefts) \
            and all(ch.dep_ in ("det", "amod", "advmod") and ch.pos_ not in ("NOUN", "PROPN") for ch in lefts)

    def _place_with_word_before(self, m: NameMention, word: str) -> bool:
        """The capitalised word before the name and the name make a known place ("French Guiana")."""
        before = re.search(r"([A-Z][a-z]+) $", self.text[max(0, m.start - 30) : m.start])
        return before is not None and place_kind([before.group(1).lower(), word]) is not None

    def _two_names_joined(self, c: Cluster) -> bool:
        """The name is two names the text uses on their own, joined by a hyphen ("Boeing-Air Force")."""
        if c.display.count("-") != 1 or " - " in c.display:
            return False
        left, right = (part.strip().lower() for part in c.display.split("-"))
        if not left or not right:
            return False
        others = {" ".join(o.words) for o in self.clusters if o is not c and not o.hidden}
        others |= {" ".join(w for w in o.words if w != "the") for o in self.clusters if o is not c}
        return left in others and right in others
