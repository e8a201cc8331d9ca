"""Unnamed speakers ("critics", "the report", "many in the crowd"), and the
names a noun phrase still gives away (an apposition, an author, a missed name)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actors import GROUP, ROLE_NOUNS, plausible_name
from .speaker_record import NO_SPEAKER, ResolverBase, Speaker
from .speech_verbs import SPEECH_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: words that stand for a group of unnamed speakers
QUANTIFIERS = frozenset("some many most others several few both all none one another each".split())
#: plural nouns that, standing bare ("reports said"), name no source at all
BARE_SOURCES = frozenset("report rumor rumour".split())
#: singular nouns for several people ("the crowd said", "the panel concluded")
COLLECTIVE_NOUNS = frozenset("crowd audience panel public staff team majority minority jury committee family".split())


def is_group(tok: "Token") -> bool:
    """The unnamed speaker is several people: a plural noun ("people familiar with
    the matter", "the report's authors"), a quantifier ("most", "many of them") or
    a collective noun ("the crowd")."""
    low = tok.lower_
    if low in ("one", "another", "each", "none"):
        return False
    return tok.tag_ in ("NNS", "NNPS") or low in QUANTIFIERS or low in ("those", "these") \
        or tok.lemma_.lower() in COLLECTIVE_NOUNS


def _closes_clause_before(name: "Token", tok: "Token") -> bool:
    """``name`` ends a subordinate clause or a prepositional phrase that ``tok``
    is not part of ("After meeting Ruiz, officials said", "While X doubt Ruiz, many said")."""
    cur = name
    for _ in range(12):
        if tok in cur.subtree or cur.head.i == cur.i:
            return False
        if cur.dep_ in ("advcl", "prep", "agent", "relcl", "acl", "pcomp"):
            # "According to Ruiz, the media would ...": what follows is still her account
            return cur.lower_ != "according" and cur.head.lower_ != "according"
        cur = cur.head
    return False


class UnnamedSpeakers(ResolverBase):
    """Speakers described rather than named: each its own actor, unless the phrase names someone."""

    def _nominal(self, tok: "Token") -> Speaker:
        """An unnamed speaker ("critics", "the report"): its own actor."""
        if any(c.dep_ == "det" and c.lower_ in ("which", "what", "whose", "whichever") for c in tok.children):
            return NO_SPEAKER  # "Which officials would you ask ...?": a question, not a speaker
        if tok.pos_ == "NUM" and any(ch.isdigit() for ch in tok.text) and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return NO_SPEAKER  # "316 said they were raped": a count that says not who (" 18,000 of the respondents" does)
        if any(c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in ("whom", "which") for g in c.children)
               for c in tok.children):
            return self._antecedent(tok)  # "3,399 women, almost all of whom said ...": the women
        if tok.lemma_.lower() in BARE_SOURCES and tok.tag_ == "NNS" and not any(
                c.i < tok.i or c.dep_ in ("relcl", "acl") for c in tok.children):
            return NO_SPEAKER  # "Reports say ...": no one in particular, the speaker stays unknown
        # "Robert Shrum, a veteran strategist, said": the name before the appositive
        if tok.dep_ == "appos" or (tok.i >= 2 and tok.left_edge.i >= 2 and self.doc[tok.left_edge.i - 1].text == ","):
            head = tok.head if tok.dep_ == "appos" else self.doc[tok.left_edge.i - 2]
            # "While many voters doubt Ruiz, many said ...": the name closes a clause
            # of its own before the comma, it is no one the phrase describes
            cid = None if tok.dep_ != "appos" and _closes_clause_before(head, tok) \
                else self.index.cluster_of_token(head)
            if cid is not None and self.index.clusters[cid].kind == "PERSON":
                return Speaker(cid, self._entity_span(head), "name", (), 0.85)
        author = self._author(tok)
        if author is not None:
            return author
        s, e = self._phrase(tok)
        # "Haifa University expert and former official, Avinoam Idan, said": the name after it
        doc = self.doc
        for t in tok.subtree:
            cid = self.index.cluster_of_token(t)
            if t.dep_ == "appos" and t.i > tok.i and t.right_edge.i >= tok.right_edge.i - 1 and cid is not None \
                    and self.index.clusters[cid].kind == "PERSON":
                return Speaker(cid, self._entity_span(t), "name", (), 0.85)
        k = tok.right_edge.i + 1
        if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].ent_type_ == "PERSON":
            j = k + 1
            while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I" and doc[j + 1].ent_type_ == "PERSON":
                j += 1
            cid = self.index.cluster_of_token(doc[j])
            if cid is not None and j + 1 < len(doc) and doc[j + 1].text in (",", "\u2014") \
                    and self.index.clusters[cid].kind == "PERSON":
                return Speaker(cid, self._entity_span(doc[j]), "name", (), 0.85)
        phrase = self.text[s:e]
        if not plausible_name(" ".join(phrase.split()), GROUP):
            return NO_SPEAKER  # markup or a run of junk, not a phrase naming anyone
        if tok.pos_ in ("DET", "ADP", "CCONJ", "SCONJ") or (tok.lemma_.lower() not in ROLE_NOUNS and any(
                w.lower().strip(".,") in ("we", "us", "our", "my") for w in phrase.split())):
            return NO_SPEAKER  # "the an", "the money we had borrowed": no description of a source
        named = self._missed_name(tok, phrase, s, e)
        if named is not None:
            return named
        cid = self.index.nominal(phrase, s, e, is_group(tok))
        return Speaker(cid, (s, e), "nominal", (), 0.75)

    def _antecedent(self, tok: "Token") -> Speaker:
        """ "3,399 women, almost all of whom said": the noun before the comma the clause hangs on.

        Of "family members of the victims, many of whom say" it is the members: a noun that is only
        the object of "of" gives way to the noun it belongs to, whose phrase takes it in.
        """
        k = tok.left_edge.i - 1
        if k >= 1 and self.doc[k].text == "," and self.doc[k - 1].pos_ in ("NOUN", "PROPN"):
            ante = self.doc[k - 1]
            while ante.dep_ == "pobj" and ante.head.lower_ == "of" and ante.head.head.pos_ in ("NOUN", "PROPN"):
                ante = ante.head.head
            s, e = self._phrase(ante)
            if s <= ante.idx < e:
                cid = self.index.nominal(self.text[s:e], s, e, is_group(ante))
                return Speaker(cid, (s, e), "nominal", (f"{tok.text} of whom \u2192 {ante.text}",), 0.65)
        return NO_SPEAKER

    def _author(self, tok: "Token") -> Speaker | None:
        """ "Her comments drew fire", "Okafor's message urged ...": words that speak
        for someone are that person's, when the text names whose they are."""
        if tok.lemma_.lower() not in SPEECH_NOUNS or tok.pos_ != "NOUN":
            return None
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None or poss.lower_ == "its" or poss.i > tok.i:
            return None
        who = self.resolve(poss)
        if who.cluster is None or self.index.clusters[who.cluster].kind != "PERSON":
            return None
        return Speaker(who.cluster, who.span, who.kind, who.chain + (f"{tok.text} \u2192 {poss.text}'s",),
                       who.confidence * 0.9)

    def _missed_name(self, tok: "Token", phrase: str, s: int, e: int) -> Speaker | None:
        """A name the tagger left untagged here ("Facebook further claimed", "Salling
        said" after "Salling Group"): the actor of that name, not an unnamed speaker."""
        words = phrase.split()
        if tok.pos_ not in ("PROPN", "NOUN", "ADV", "ADJ") or not words or len(words) > 4 or words[0].lower() in ("the", "a", "an") \
                or not all(w[:1].isupper() for w in words):
            return None
        key = [w.lower() for w in words]
        same = [c for c in self.index.clusters if not c.nominal and c.alias_of is None
                and c.kind in ("PERSON", "ORG") and c.core
                and (c.core == key or (len(key) == 1 and key[0] in (c.core[0], c.core[-1])))]
        if same:
            # the one named most, then the one named last before here
            c = max(same, key=lambda c: (c.core == key, len(c.mentions),
                                          max((m[0] for m in c.mentions if m[0] < s), default=-1)))
            chain = (f"{phrase} \u2192 {c.display} (the same name)",)
            return Speaker(c.index, (s, e), "name", chain, 0.85)
        if len(key) > 1 or tok.i == tok.sent.start or tok.pos_ != "PROPN":
            return None  # a capitalised first word may be any word; a title-case phrase any phrase
        cid = self.index.organisation(" ".join(words), s, e)
        return Speaker(cid, (s, e), "name", (), 0.8)
