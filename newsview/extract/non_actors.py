"""Names the tagger calls people that are not actors: places, organisations,
products, events, common nouns at the start of a sentence."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from .actor_clusters import ClusterStore, NameMention
from .actor_words import EVENT_HEADS, FACILITY_NOUNS, ORG_HEADS, PLACE_FIRST, PLACE_NOUNS, PRODUCT_HEADS, ROLE_NOUNS
from .names import gender_of_given_name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


class NonActorFilter(ClusterStore):
    """Demotes or hides clusters whose names the text never treats as a person's."""

    def demote_non_people(self, quoted: set[int]) -> None:
        """Names the tagger calls people though the text never treats them as one.

        Only clusters that speak nowhere are judged.  A person has evidence (a
        title, a given name, a he/she, 'X, who ...'); without it, a name tagged
        an organisation or place elsewhere, ending like one ("Rocky Linux"),
        standing after a noun for a thing ("supergroup Blind Faith"), taking
        'which', or after 'the' becomes an organisation; one that only ever
        modifies a noun ("the EastMed project") or is a single word met once
        in no subject role ("Wings's album") is no actor; "Ciudad Juárez" is a place.
        """
        by_cluster: dict[int, list[NameMention]] = {}
        for m in self.mentions:
            by_cluster.setdefault(m.cluster, []).append(m)
        places = {ent.text.lower() for ent in self.doc.ents if ent.label_ in ("GPE", "LOC")}
        for c in self.clusters:
            if c.nominal or c.alias_of is not None or c.index in quoted or c.kind not in ("PERSON", "ORG"):
                continue
            ms = by_cluster.get(c.index, [])
            core = c.core
            if not ms or not core:
                continue
            heads = [self.tokens[m.head] for m in ms]
            if (len(core) >= 2 and core[0] in PLACE_FIRST and not gender_of_given_name(core[0])) or (
                    core[-1] not in ORG_HEADS and not c.titles and (
                        any(self._place_role(t) for t in heads)
                        # "a hospital in Omsk", "stores in Slovakia": only ever somewhere things are
                        or (not c.display.isupper() and all(self._located(t) for t in heads))
                        # "Crete and Cyprus" with Cyprus a place elsewhere
                        or ("and" in c.words and any(w in places for w in c.words if w != "and")))):
                c.demoted = "GPE"
                continue
            if all(t.dep_ == "compound" and t.head.lemma_.lower() in FACILITY_NOUNS and t.head.i > t.i
                   or (t.i + 1 < len(self.tokens) and self.tokens[t.i + 1].lemma_.lower() in FACILITY_NOUNS)
                   for t in heads) and not c.titles:
                c.hidden = True  # "KSR Bangalore station", "the Khurais oil field": a place
                continue
            if core[-1] in EVENT_HEADS and len(core) >= 2:
                c.hidden = True  # an event, not an actor
                continue
            if len(core) == 1 and len(c.words) == 1 and not c.titles and all(
                    self.tokens[m.head].is_sent_start and self.tokens[m.head].pos_ != "PROPN" for m in ms):
                c.hidden = True  # "Scholars have long wondered", "Infection with ...": a capitalised common noun
                continue
            if c.kind != "PERSON":
                continue
            if c.titles or c.gender_votes or any(self._relative(t) == "who" or self._named(t) for t in heads) \
                    or re.search(re.escape(c.display) + r",? who\b", self.text):
                continue
            modifier = [t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.i > t.i for t in heads]
            if all(modifier):
                c.hidden = True
                continue
            other = set(c.labels) - {"PERSON"}
            if len(core) >= 2 and not gender_of_given_name(core[0]) and any(
                    (len(w) >= 7 and w.endswith("ing")) or (len(w) >= 6 and w.endswith("ed")) for w in core[1:]):
                # "High Performance Computing", "Public Licensed": words of a phrase, not a name
                c.hidden = True
                continue
            thing = (
                any(modifier)
                or core[-1] in PRODUCT_HEADS
                or any(self._relative(t) == "which" for t in heads)
                or any(self._thing_appos(t) for t in heads)
                or any(self._after_the(m) for m in ms)
            )
            if other or thing:
                c.demoted = "ORG" if other - {"GPE"} or thing else "GPE"
            elif len(core) == 1 and len(ms) == 1 and not ms[0].subject:
                c.hidden = True
        relabel = {c.index: c.demoted for c in self.clusters if c.demoted}
        if relabel:
            self.entities = [(s, e, relabel[cid] if cid in relabel and lab == "PERSON" else lab, cid)
                             for s, e, lab, cid in self.entities]

    @staticmethod
    def _relative(tok: "Token") -> str | None:
        """ "who" or "which" opening a relative clause on the name."""
        for c in tok.children:
            if c.dep_ == "relcl":
                for g in c.subtree:
                    if g.lower_ in ("who", "whom", "whose"):
                        return "who"
                    if g.lower_ == "which":
                        return "which"
                    break
        return None

    @staticmethod
    def _located(tok: "Token") -> bool:
        """The name is where something is or happens ("in Omsk", "near Ghazni"),
        or listed with such a place."""
        while tok.dep_ in ("compound", "flat") and tok.head.i > tok.i:
            tok = tok.head
        while tok.dep_ in ("conj", "appos") and tok.head.i < tok.i:
            tok = tok.head
        return tok.dep_ == "pobj" and tok.head.lower_ in ("in", "near", "outside", "across", "throughout", "inside")

    @staticmethod
    def _place_role(tok: "Token") -> bool:
        """ "cities like X and Y", "our biggest island X": a noun for a place gives the name."""
        while tok.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        h = tok.head
        if tok.dep_ == "pobj" and h.lower_ in ("like", "including", "as") and h.head is not h:
            h = h.head
        elif not (tok.dep_ == "appos" and h.i < tok.i):
            return False
        return h.pos_ == "NOUN" and h.lemma_.lower() in PLACE_NOUNS

    @staticmethod
    def _named(tok: "Token") -> bool:
        """ "a Polish chef named X": a role noun gives the name."""
        v = tok.head
        return tok.dep_ == "oprd" and v.lemma_.lower() in ("name", "call") and v.head.lemma_.lower() in ROLE_NOUNS

    @staticmethod
    def _thing_appos(tok: "Token") -> bool:
        """In apposition with a common noun that is no word for a person."""
        if tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and tok.head.i < tok.i:
            return tok.head.lemma_.lower() not in ROLE_NOUNS
        return False

    def _after_the(self, m: NameMention) -> bool:
        i = bisect.bisect_right([t.idx for t in self.tokens[max(0, m.head - 8) : m.head + 1]], m.start) - 1
        i += max(0, m.head - 8)
        return i > 0 and self.tokens[i - 1].lower_ == "the" and self.tokens[i].idx == m.start
