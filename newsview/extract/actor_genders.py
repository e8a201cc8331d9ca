"""A person's gender, voted from given names, pronouns and kinship nouns.

Used to pick which of two people a "he" or "she" refers to; titles vote too,
when a mention is noted (``ActorIndex._note``).
"""

from __future__ import annotations

import bisect

from .actor_clusters import ClusterStore
from .cues import FEMALE_NOUNS, FEMALE_PRONOUNS, MALE_NOUNS, MALE_PRONOUNS
from .marks import find_quoted
from .names import gender_of_given_name


class GenderGuesser(ClusterStore):
    """Gender votes for the clusters of a document."""

    def _guess_genders(self) -> None:
        """Vote a gender for people from given names and from pronouns that can refer to one person only."""
        doc = self.doc
        #: clusters whose given name says the gender: a "she" that happens to fall
        #: next to "Donald Trump" in a story about a woman does not outvote it
        given: dict[int, str] = {}
        for c in self.clusters:
            core = c.core
            if c.label == "PERSON" and len(core) >= 2:
                g = gender_of_given_name(core[0])
                if g:
                    c.vote(g, 1.5)
                    given[c.index] = g
            elif c.label == "PERSON" and len(core) == 1 and (g := gender_of_given_name(core[0])):
                # "Melanie said": a person the text calls by a given name only (a weaker
                # hint: many given names are surnames too)
                c.vote(g, 1.0)
        # a quotation's "she" is whoever the speaker talks about, not a vote for
        # the person named next to it ('"She won't change a thing," Garcia said')
        quoted = [(q.start, q.end) for q in find_quoted(self.text)]
        starts = [a for a, _b in quoted]
        for t in self.tokens:
            w = t.lower_
            if w in MALE_PRONOUNS:
                g = "m"
            elif w in FEMALE_PRONOUNS:
                g = "f"
            else:
                continue
            k = bisect.bisect_right(starts, t.idx) - 1
            if k >= 0 and t.idx < quoted[k][1]:
                continue
            sent = t.sent
            lo = sent.start_char
            prev_i = sent.start - 1
            if prev_i >= 0:
                lo = doc[prev_i].sent.start_char
            people = {m.cluster for m in self._mentions_between(lo, t.idx) if self.clusters[m.cluster].kind == "PERSON"}
            if len(people) == 1:
                only = people.pop()
                if given.get(only, g) == g:
                    self.clusters[only].vote(g, 1.0)
        # kinship nouns in apposition: "his daughter, Ivanka"
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            root = ent.root
            if root.dep_ == "appos" and root.head.lower_ in MALE_NOUNS | FEMALE_NOUNS:
                cid = self.token_cluster.get(root.i)
                if cid is not None:
                    self.clusters[cid].vote("m" if root.head.lower_ in MALE_NOUNS else "f", 2.0)
