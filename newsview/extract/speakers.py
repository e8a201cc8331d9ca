"""From a cue word to the actor who spoke: names, coordinated names, descriptors.

Pronouns are ``pronoun_antecedents``'s, unnamed speakers ``unnamed_speakers``'s;
``SpeakerResolver`` joins them on the shared state of ``speaker_record``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .actors import ROLE_NOUNS
from .cues import (
    FEMALE_PRONOUNS,
    FIRST_PERSON,
    MALE_PRONOUNS,
    NEUTER_PRONOUNS,
    PERSON_NOUNS,
    PLURAL_PRONOUNS,
    TITLE_WORDS,
)
from .pronoun_antecedents import PronounAntecedents
from .speaker_record import NO_SPEAKER, Speaker, strip_span
from .speech_subjects import is_dateline, is_time, noun_before, quoting_medium, subject_of
from .unnamed_speakers import COLLECTIVE_NOUNS, QUANTIFIERS, UnnamedSpeakers, is_group

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: names other modules import from here, wherever they are defined now
__all__ = ["COLLECTIVE_NOUNS", "NO_SPEAKER", "QUANTIFIERS", "Speaker", "SpeakerResolver",
           "is_dateline", "is_time", "noun_before", "subject_of"]

#: descriptor heads and the titles they can stand for
DESCRIPTOR_TITLES = {
    "leader": {"president", "prime", "minister", "premier", "chancellor", "king", "leader"},
    "president": {"president"},
    "senator": {"senator", "sen", "sen."},
    "governor": {"governor", "gov", "gov."},
    "minister": {"minister"},
    "secretary": {"secretary"},
    "spokesman": {"spokesman", "spokesperson"},
    "spokeswoman": {"spokeswoman", "spokesperson"},
    "envoy": {"envoy", "ambassador"},
    "mayor": {"mayor"},
    "chancellor": {"chancellor"},
    "candidate": {"candidate", "nominee"},
    "nominee": {"nominee", "candidate"},
}
#: prepositions and conjunctions a parse may take for a capitalised subject ("Amongst reported ...")
NOT_SUBJECTS = frozenset(
    "among amongst despite during following after before since until although though while whereas".split())


class SpeakerResolver(PronounAntecedents, UnnamedSpeakers):
    """Who the noun phrase at a cue refers to: an actor of the document, or none."""

    def resolve_relayed(self, tok: "Token") -> Speaker:
        """Who ``tok`` refers to, with the medium that passed their words on in the
        evidence ("Reuters quoted the minister as saying": "quoted by Reuters")."""
        sp = self.resolve(tok)
        medium = quoting_medium(tok)
        if medium is None or sp.cluster is None:
            return sp
        phrase = self.text[medium.left_edge.idx : medium.right_edge.idx + len(medium.right_edge)]
        return replace(sp, chain=(*sp.chain, f"quoted by {' '.join(phrase.split())}"))

    def resolve(self, tok: "Token") -> Speaker:
        """Who the noun phrase headed by ``tok`` refers to."""
        idx = self.index
        low = tok.lower_
        if low in FIRST_PERSON or low in NOT_SUBJECTS:
            return NO_SPEAKER
        cid = idx.cluster_of_token(tok)
        if cid is not None and idx.clusters[cid].kind in ("NORP", "GPE") and any(
            c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one", "another", "two", "three", "some")
            for c in tok.children
        ):
            cid = None
            return self._nominal(tok)
        if cid is None or idx.clusters[cid].kind != "PERSON":
            ranked = self._name_after_rank(tok)
            if ranked is not None:
                return ranked
        if cid is not None:
            if idx.clusters[cid].kind != "PERSON":
                # "Trump's Indiana chairman, Rex Early, said": the person, not the place
                for c in tok.children:
                    cc = idx.cluster_of_token(c)
                    if c.dep_ == "appos" and cc is not None and idx.clusters[cc].kind == "PERSON":
                        return Speaker(cc, self._entity_span(c), "name", (), 0.9)
            together = self._coordinated(tok)
            if together is not None:
                return together
            s, e = self._entity_span(tok)
            return Speaker(cid, (s, e), "name", (), 0.95)
        # "The spokesman, John Smith," / "Trump spokesman Hope Hicks": an
        # appositive, or a compound name on a title, carries the name (the
        # appositive first: "Ruiz's Ohio chairman, Ana Lee, said" is Lee)
        for c in sorted(tok.children, key=lambda c: c.dep_ != "appos"):
            cc = idx.cluster_of_token(c)
            if cc is None:
                continue
            if c.dep_ == "appos" or (
                c.dep_ in ("compound", "nmod") and tok.lemma_.lower() in ROLE_NOUNS
                and idx.clusters[cc].kind == "PERSON" and tok.tag_ not in ("NNS", "NNPS")
                # "a top Ana Ruiz adviser", "one former Ruiz employee": someone who works for her
                and not any(d.dep_ in ("det", "nummod") and d.lower_ in ("a", "an", "one", "another")
                            for d in tok.children)
            ):
                # "The ranking members, Reps. Ana Ruiz of Ohio and Li Wei of Iowa, said": both of them
                together = self._coordinated(c) if c.dep_ == "appos" and tok.tag_ in ("NNS", "NNPS") else None
                if together is not None:
                    return together
                s, e = self._entity_span(c)
                return Speaker(cc, (s, e), "name", (), 0.9)
        if low == "who" and tok.head.dep_ != "relcl" and tok.i >= 2 and tok.nbor(-1).text == "," \
                and tok.nbor(-2).pos_ in ("NOUN", "PROPN"):
            # "according to police, who said ..." parsed as a clause of its own:
            # the noun before the comma
            head = tok.nbor(-2)
            inner = self.resolve(head)
            if inner.cluster is not None:
                return Speaker(inner.cluster, inner.span, inner.kind,
                               inner.chain + (f"who \u2192 {head.text}",), inner.confidence * 0.9)
            s, e = strip_span(self.text, head.left_edge.idx, head.idx + len(head))
            if s < e and "\n" not in self.text[s:e]:
                cid = self.index.nominal(self.text[s:e], s, e, is_group(head))
                return Speaker(cid, (s, e), "nominal", (f"who \u2192 {head.text}",), 0.65)
            return inner
        rel = tok.head
        while low == "who" and rel.dep_ == "conj" and rel.head.i != rel.i and rel.head.pos_ in ("VERB", "AUX"):
            rel = rel.head  # "X, who is running for office and who worked the crowd": both clauses are X's
        if low in ("who", "that", "which") and rel.dep_ == "relcl":
            head = rel.head
            if tok.i > 0 and self.doc[tok.i - 1].dep_ == "conj" and self.doc[tok.i - 1].head.i == head.i \
                    and self.doc[tok.i - 1].pos_ in ("NOUN", "PROPN"):
                # "both Democrats and independent voters who said ...": with no comma,
                # the clause is the nearer noun's, whatever the parse joined it to
                head = self.doc[tok.i - 1]
            named = self._named_before_apposition(head) or self._named_so(head) if low == "who" else None
            if named is not None:
                return named
            if idx.cluster_of_token(head) is None and head.pos_ in ("NOUN", "PROPN") \
                    and low not in (head.lower_,) and head.i < tok.i:
                # "a new ad that urges voters ...": the phrase ends before "that"
                # (before the first "who" of "an aide who ... and who ...")
                s, e = strip_span(self.text, head.left_edge.idx, min(tok.idx, rel.left_edge.idx))
                if s <= head.idx < e and "\n" not in self.text[s:e]:
                    cid = self.index.nominal(self.text[s:e], s, e, is_group(head))
                    return Speaker(cid, (s, e), "nominal", (f"{low} \u2192 {head.text}",), 0.7)
            inner = self.resolve(head)
            if inner.cluster is not None:
                return Speaker(inner.cluster, inner.span, inner.kind,
                               inner.chain + (f"who \u2192 {head.text}",), inner.confidence * 0.95)
            return inner
        if low in MALE_PRONOUNS or low in FEMALE_PRONOUNS:
            return self._pronoun(tok, "m" if low in MALE_PRONOUNS else "f")
        if low in NEUTER_PRONOUNS:
            return self._neuter(tok)
        if low in PLURAL_PRONOUNS:
            return self._plural(tok)
        if low in ("both", "all", "each"):
            # "Ruiz and Okafor both said", parsed with "both" as the head: the names before it
            before = next((c for c in tok.lefts if idx.cluster_of_token(c) is not None), None)
            if before is not None:
                return self.resolve(before)
        if low in QUANTIFIERS or (low in ("those", "these") and tok.pos_ == "PRON" and any(
                c.dep_ in ("acl", "relcl", "amod") or (c.dep_ == "prep" and c.lower_ in ("in", "at", "on"))
                for c in tok.rights)):
            # "Some said ...", "many of whom say ...", "Many in the crowd said ...",
            # "those surveyed said", "those who attended say": people described, a group
            return self._nominal(tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            described = self._described_subject(tok)
            if described is not None:
                return described
            d = self._descriptor(tok)
            if d is not None:
                return d
            return self._nominal(tok)
        if tok.lower_ == "old" and tok.i > 1 and self.doc[tok.i - 1].text in ("-", "year-"):
            aged = self._described_by_age(tok)
            if aged is not None:
                return aged
        if tok.pos_ in ("ADV", "ADJ") and tok.is_title and tok.i != tok.sent.start:
            # "..., Early described it": a surname the tagger took for another word
            named = self._missed_name(tok, tok.text, tok.idx, tok.idx + len(tok))
            if named is not None:
                return named
        if (tok.pos_ in ("ADJ", "X") and tok.is_alpha) or tok.pos_ == "NUM":
            # a mis-tagged noun ("the polling average", "the daily")
            return self._descriptor(tok) or self._nominal(tok)
        if tok.pos_ == "PRON" and tok.text[:1].isupper() and tok.i != tok.sent.start and len(tok.text) > 2:
            return self._nominal(tok)  # a name the tagger took for a pronoun ("fellow blogger Esra'a")
        return NO_SPEAKER

    def _described_by_age(self, tok: "Token") -> Speaker | None:
        """ "the 43-year-old asked": the person the text named last, outside quotations."""
        s, e = self._phrase(tok)
        for m in self.index.mentions_before(s, max(0, s - 1500)):
            c = self.index.clusters[m.cluster]
            if c.kind == "PERSON" and self.in_quote(m.start) is None:
                chain = (f"{self.text[s:e]} \u2192 {c.display} (the person named last)",)
                return Speaker(m.cluster, (s, e), "descriptor", chain, 0.65)
        return None

    def _name_after_rank(self, tok: "Token") -> Speaker | None:
        """ "said Air Force 1st Lt. Ana Ruiz", "said Army Sgt. Ana Ruiz": a service or
        an office tagged as the name, with the rank and the person's name after it."""
        doc = self.doc
        k = self._entity_span(tok)[1]
        j = next((t.i for t in doc[tok.i :] if t.idx >= k), len(doc))
        if not tok.text[:1].isupper() and not tok.text[:1].isdigit():
            return None  # "said a spokesman": no service or rank to read past
        ranks = 0
        while j < len(doc) and j - tok.i < 8 and doc[j].text[:1].isupper() and (
                doc[j].lower_ in TITLE_WORDS or doc[j].lower_ + "." in TITLE_WORDS):
            ranks += 1
            # "Lt." may come as "Lt" and "." (the period of the abbreviation, not a sentence's end)
            j += 2 if j + 1 < len(doc) and doc[j + 1].text == "." and doc[j].lower_ + "." in TITLE_WORDS else 1
        if not ranks or j >= len(doc) or "\n" in doc[tok.i : j].text:
            return None
        cid = self.index.cluster_of_token(doc[j])
        if cid is None or self.index.clusters[cid].kind != "PERSON":
            return None
        chain = (f"{doc[tok.i : j].text} \u2192 the rank before {self.index.clusters[cid].display}",)
        return Speaker(cid, self._entity_span(doc[j]), "name", chain, 0.9)

    def _named_so(self, head: "Token") -> Speaker | None:
        """ "a retired teacher named Ana Ruiz, who said ...": the person the noun is given the name of."""
        for acl in head.children:
            if acl.dep_ != "acl" or acl.lemma_.lower() not in ("name", "call") or acl.i < head.i:
                continue
            for c in acl.children:
                cid = self.index.cluster_of_token(c)
                if c.dep_ in ("oprd", "dobj", "attr", "npadvmod") and cid is not None \
                        and self.index.clusters[cid].kind == "PERSON":
                    chain = (f"who \u2192 {head.text} {acl.text} {self.index.clusters[cid].display}",)
                    return Speaker(cid, self._entity_span(c), "name", chain, 0.85)
        return None

    def _described_subject(self, tok: "Token") -> Speaker | None:
        """ "Ruiz was the first candidate to weigh in, tweeting ...": a noun after
        "is"/"was" describes the subject; a person named there is who spoke."""
        if tok.dep_ != "attr" or tok.head.lemma_.lower() != "be":
            return None
        subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        if subj is None or subj.lower_ in ("it", "this", "that", "there", "what"):
            return None
        who = self.resolve(subj)
        if who.cluster is None or who.kind not in ("name", "pronoun") \
                or self.index.clusters[who.cluster].kind != "PERSON":
            return None
        chain = who.chain + (f"{tok.text} \u2192 {subj.text} (what the subject is)",)
        return Speaker(who.cluster, who.span, who.kind, chain, who.confidence * 0.95)

    def _named_before_apposition(self, head: "Token") -> Speaker | None:
        """ "Ana Ruiz, a senior analyst at Foo Bank, who noted ...": "who" hangs from
        the apposition (or a noun inside it), but the person named before it speaks."""
        cur = head
        for _ in range(5):
            if cur.dep_ == "appos":
                if head.tag_ in ("NNS", "NNPS"):
                    return None  # "X and Y, two of the officials who ...": both of them
                cid = self.index.cluster_of_token(cur.head)
                if cid is not None and self.index.clusters[cid].kind == "PERSON":
                    chain = (f"who \u2192 {cur.text} \u2192 {self.index.clusters[cid].display} (apposition)",)
                    return Speaker(cid, self._entity_span(cur.head), "name", chain, 0.85)
                return None
            if cur.dep_ not in ("pobj", "prep", "compound", "conj") or cur.head is cur:
                return None
            cur = cur.head
        return None

    def _coordinated(self, tok: "Token") -> Speaker | None:
        """ "Lee, Ruiz and Okafor all said ...": several named speakers of one
        quote, kept together as a group actor that lists them."""
        members = [tok]
        k = 0
        while k < len(members) and len(members) < 8:
            # "Lee, Ruiz and Okafor" is often parsed as Lee with Ruiz in apposition
            members += [c for c in members[k].children if c.dep_ == "conj" or (
                c.dep_ == "appos" and c.pos_ == "PROPN" and any(g.dep_ == "conj" for g in c.children))]
            k += 1
        kinds = [self.index.clusters[c].kind for c in map(self.index.cluster_of_token, members[1:]) if c is not None]
        named = [k for k in kinds if k in ("PERSON", "ORG")]
        if not named or len(named) != len(members) - 1:
            return None  # "Lee and her staff": not a list of names
        s = self._entity_span(tok)[0]
        e = max(self._entity_span(m)[1] for m in members)
        # "Ted Cruz of Texas and Rand Paul of Kentucky": the last name's place or body
        # goes with it, as the first one's does
        last = max(members, key=lambda m: m.i)
        of = next((c for c in last.children if c.dep_ == "prep" and c.lower_ == "of" and c.idx >= e - 1
                   and c.idx - e <= 1), None)
        where = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if where is not None and where.ent_type_ in ("GPE", "ORG", "LOC"):
            e = max(e, self._entity_span(where)[1])
        if "\n" in self.text[s:e]:
            return None
        phrase = " ".join(self.text[s:e].split())
        cid = self.index.nominal(phrase, s, e, plural=True)
        chain = (f"{phrase} \u2192 {len(members)} named speakers together",)
        return Speaker(cid, (s, e), "nominal", chain, 0.85)

    def _descriptor(self, tok: "Token") -> Speaker | None:
        """ "the Russian leader" -> the most recent person whose title fits."""
        low = tok.lemma_.lower()
        if low not in PERSON_NOUNS and not self.index.has_role(low):
            return None
        det = [c for c in tok.children if (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
               or (c.dep_ == "poss" and c.lower_ in ("his", "her", "their"))
               # "the network's anchor": a common noun's possessive, when the text gave that role
               or (c.dep_ == "poss" and c.pos_ == "NOUN" and low not in PERSON_NOUNS and self.index.has_role(low))]
        if not det or tok.tag_ in ("NNS", "NNPS"):
            return None
        wanted = DESCRIPTOR_TITLES.get(low, {low})
        idx = self.index
        pos = tok.idx
        for m in idx.mentions_before(pos, max(0, pos - 3000)):
            c = idx.clusters[m.cluster]
            how = "title" if c.kind == "PERSON" and c.titles & wanted else "described as such" \
                if low in c.roles and c.kind in ("PERSON", "ORG") else None
            if how is not None:
                span = self._phrase(tok)
                phrase = self.text[span[0] : span[1]]
                chain = (f"{phrase} \u2192 {c.display} ({how})",)
                return Speaker(m.cluster, span, "descriptor", chain, 0.7)
        return None
