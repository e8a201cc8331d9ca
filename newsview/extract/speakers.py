"""From a cue word to the actor who spoke: subjects, pronouns, descriptors."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from .actors import GROUP, ROLE_NOUNS, ActorIndex, plausible_name
from .cues import (
    FEMALE_PRONOUNS,
    FIRST_PERSON,
    MALE_PRONOUNS,
    NEUTER_PRONOUNS,
    PERSON_NOUNS,
    PLURAL_PRONOUNS,
)
from .speech_subjects import is_dateline, is_time, noun_before, subject_of
from .speech_verbs import SPEECH_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: names other modules import from here, wherever they are defined now
__all__ = ["NO_SPEAKER", "Speaker", "SpeakerResolver", "is_dateline", "is_time", "noun_before", "subject_of"]

SUBJECT_DEPS = ("nsubj", "expl")
#: how far back (in characters) a pronoun looks for its antecedent
PRONOUN_WINDOW = 1500
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



#: words that stand for a group of unnamed speakers
QUANTIFIERS = frozenset("some many most others several few both all none one another each".split())


@dataclass(frozen=True)
class Speaker:
    cluster: int | None
    span: tuple[int, int] | None
    kind: str  # name | pronoun | descriptor | nominal | none
    chain: tuple[str, ...] = ()
    confidence: float = 0.9


NO_SPEAKER = Speaker(None, None, "none", (), 0.3)

#: prepositions and conjunctions a parse may take for a capitalised subject ("Amongst reported ...")
NOT_SUBJECTS = frozenset(
    "among amongst despite during following after before since until although though while whereas".split())
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


class SpeakerResolver:
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
        # appositive, or a compound name on a title, carries the name
        for c in tok.children:
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
            s, e = _strip_span(self.text, head.left_edge.idx, head.idx + len(head))
            if s < e and "\n" not in self.text[s:e]:
                cid = self.index.nominal(self.text[s:e], s, e, is_group(head))
                return Speaker(cid, (s, e), "nominal", (f"who \u2192 {head.text}",), 0.65)
            return inner
        if low in ("who", "that", "which") and tok.head.dep_ == "relcl":
            head = tok.head.head
            named = self._named_before_apposition(head) if low == "who" else None
            if named is not None:
                return named
            if idx.cluster_of_token(head) is None and head.pos_ in ("NOUN", "PROPN") \
                    and low not in (head.lower_,) and head.i < tok.i:
                # "a new ad that urges voters ...": the phrase ends before "that"
                s, e = _strip_span(self.text, head.left_edge.idx, tok.idx)
                if s <= head.idx < e and "\n" not in self.text[s:e]:
                    cid = self.index.nominal(self.text[s:e], s, e, is_group(head))
                    return Speaker(cid, (s, e), "nominal", (f"{low} \u2192 {head.text}",), 0.7)
            inner = self.resolve(head)
            if inner.cluster is not None:
                return Speaker(inner.cluster, inner.span, inner.kind,
                               inner.chain + (f"who \u2192 {tok.head.head.text}",), inner.confidence * 0.95)
            return inner
        if low in MALE_PRONOUNS or low in FEMALE_PRONOUNS:
            return self._pronoun(tok, "m" if low in MALE_PRONOUNS else "f")
        if low in NEUTER_PRONOUNS:
            return self._neuter(tok)
        if low in PLURAL_PRONOUNS:
            return self._plural(tok)
        if low in QUANTIFIERS or (low in ("those", "these") and tok.pos_ == "PRON" and any(
                c.dep_ in ("acl", "relcl", "amod") or (c.dep_ == "prep" and c.lower_ in ("in", "at", "on"))
                for c in tok.rights)):
            # "Some said ...", "many of whom say ...", "Many in the crowd said ...",
            # "those surveyed said", "those who attended say": people described, a group
            return self._nominal(tok)
        if tok.pos_ in ("NOUN", "PROPN"):
            d = self._descriptor(tok)
            if d is not None:
                return d
            return self._nominal(tok)
        if (tok.pos_ in ("ADJ", "X") and tok.is_alpha) or tok.pos_ == "NUM":
            # a mis-tagged noun ("the polling average", "the daily")
            return self._descriptor(tok) or self._nominal(tok)
        if tok.pos_ == "PRON" and tok.text[:1].isupper() and tok.i != tok.sent.start and len(tok.text) > 2:
            return self._nominal(tok)  # a name the tagger took for a pronoun ("fellow blogger Esra'a")
        return NO_SPEAKER

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
        if "\n" in self.text[s:e]:
            return None
        phrase = " ".join(self.text[s:e].split())
        cid = self.index.nominal(phrase, s, e, plural=True)
        chain = (f"{phrase} \u2192 {len(members)} named speakers together",)
        return Speaker(cid, (s, e), "nominal", chain, 0.85)

    def _entity_span(self, tok: "Token") -> tuple[int, int]:
        for s, e, _label, _cid in self._entities_near(tok.idx):
            if s <= tok.idx < e:
                return s, e
        return tok.idx, tok.idx + len(tok)

    def _entities_near(self, pos: int):
        for ent in self.index.entities:
            if ent[0] <= pos < ent[1] + 1:
                yield ent

    def _pronoun(self, tok: "Token", gender: str, inside_reports: bool = False) -> Speaker:
        idx = self.index
        pos = tok.idx
        lo = max(0, pos - PRONOUN_WINDOW)
        best = None
        fallback = None
        sent_start = tok.sent.start_char
        cands: list[tuple[int, int, bool, int | None]] = [
            (m.start, m.cluster, m.subject, m.head) for m in idx.mentions_before(pos, lo)
            if self.in_quote(m.start) is None and (inside_reports or not self._in_content(m.start))
        ]
        cands += [(p, c, True, None) for p, c in self.recent_speakers if lo <= p < pos]
        cands.sort(key=lambda c: -c[0])
        named_after = self._named_in_own_clause(tok)
        for m in cands:
            start, cid, subject, head = m
            c = idx.clusters[cid]
            if c.kind != "PERSON" or cid in named_after:
                continue
            # a name inside the same clause as the pronoun rarely is its antecedent
            if head is not None and start >= sent_start and self._same_clause(head, tok):
                continue
            g = c.gender
            if g is not None and g != gender:
                continue
            # in the pronoun's own sentence, an object ("Speaking to Martin Smith,
            # he said") is not the one who speaks
            if subject or (start >= sent_start and not (head is not None and self.doc[head].dep_ in ("pobj", "dobj")
                                                        and not _agentive(self.doc[head]))):
                if not subject:
                    # "X, who served under Y, has flirted with being Z's running mate,
                    # though he denied it": the sentence's subject, not a nearer possessor
                    m = self._subject_before(cands, m, sent_start, tok, gender) or m
                if fallback is None or (pos - start < 600 and not self._newer_topic(fallback, m, tok)):
                    best = m
                break
            if fallback is None:
                fallback = m
        if best is not None and best[3] is not None and best[0] < sent_start and not self._main_subject(best[3]):
            # "Andrew Hale took his daughter there to explain who Ali was. He said":
            # the subject of the main clause, not of a clause inside it
            sent = self.doc[best[3]].sent
            for m in cands:
                start, cid, subject, head = m
                if head is None or not subject or not (sent.start_char <= start < best[0]):
                    continue
                c = idx.clusters[cid]
                if c.kind == "PERSON" and c.gender in (None, gender) and self._main_subject(head):
                    best = m
                    break
        picked = best or fallback
        if picked is None:
            if not inside_reports:
                # "Officials said Okafor's announcement included two measures. He
                # announced ...": with no one else to stand for, a person named
                # inside another's report will do, less surely
                inner = self._pronoun(tok, gender, inside_reports=True)
                if inner.cluster is not None:
                    return Speaker(inner.cluster, inner.span, inner.kind, inner.chain, inner.confidence - 0.1)
            return Speaker(None, (pos, pos + len(tok)), "pronoun", (), 0.3)
        start, cid = picked[0], picked[1]
        c = idx.clusters[cid]
        where = "same sentence" if start >= sent_start else self._distance(start, pos)
        conf = 0.85 if start >= sent_start else 0.8
        if c.gender != gender:
            conf -= 0.15
        if where not in ("same sentence", "previous sentence"):
            conf -= 0.15
        chain = (f"{tok.text} \u2192 {c.display} ({where})",)
        return Speaker(cid, (pos, pos + len(tok)), "pronoun", chain, conf)

    def _named_in_own_clause(self, tok: "Token") -> set[int]:
        """ "He said Obama hopes ...": a person named by name later in the clause
        whose subject the pronoun is, is someone other than the pronoun."""
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return set()
        verb = tok.head
        end = verb.right_edge.idx + len(verb.right_edge)
        lo = tok.idx + len(tok)
        brk = self.text.find("\n", lo, end)
        if brk >= 0:
            end = brk  # the parse can run a sentence on into the next paragraph
        return {m.cluster for m in self.index.mentions if lo <= m.start < end}

    def _subject_before(self, cands: list, m: tuple, sent_start: int, tok: "Token", gender: str) -> tuple | None:
        """A person who is the subject of a clause earlier in the pronoun's sentence."""
        for other in cands:
            start, cid, subject, head = other
            if start >= m[0] or start < sent_start or not subject or head is None:
                continue
            c = self.index.clusters[cid]
            if c.kind == "PERSON" and c.gender in (None, gender) and not self._same_clause(head, tok):
                return other
        return None

    def _newer_topic(self, near: tuple, subject: tuple, tok: "Token") -> bool:
        """ "Just look at Ana Ruiz. She has said ...": a person named after a
        preposition in the sentence just before the pronoun's, a sentence no person
        is the subject of, is who the pronoun goes on about, rather than the subject
        of a sentence further back."""
        doc = self.doc
        here = tok.sent.start
        if here == 0 or near[3] is None:
            return False
        before = doc[here - 1].sent
        if not (before.start_char <= near[0] < before.end_char and subject[0] < before.start_char):
            return False
        head = doc[near[3]]
        while head.dep_ in ("compound", "flat", "appos") and head.head is not head:
            head = head.head
        if head.dep_ != "pobj":
            return False
        return not any(t.dep_ in ("nsubj", "nsubjpass") and (
            t.pos_ == "PRON" or self.index.cluster_of_token(t) is not None) for t in before)

    def _plural(self, tok: "Token") -> Speaker:
        """ "they said": the group or organisation that spoke just before
        ("Day's animal foundation said ... Day, they said, ...")."""
        pos = tok.idx
        for p, cid in reversed(self.recent_speakers):
            if p >= pos:
                continue
            if pos - p > 400 or "\n\n" in self.text[p:pos]:
                break
            c = self.index.clusters[cid]
            if c.kind in ("ORG", "NORP") or (c.nominal and not (c.words and c.words[0] in QUANTIFIERS)):
                chain = (f"{tok.text} \u2192 {c.display} (the previous speaker)",)
                return Speaker(cid, (pos, pos + len(tok)), "pronoun", chain, 0.6)
            break
        # "State prosecutors charged the suspect ..., they said": a plural subject
        # earlier in the same sentence
        for t in tok.sent:
            if t.i >= tok.i:
                break
            if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS") and self.in_quote(t.idx) is None:
                sp = self.resolve(t)
                if sp.cluster is not None and sp.span is not None:
                    chain = (f"{tok.text} \u2192 {self.text[sp.span[0]:sp.span[1]]} (same sentence)",)
                    return Speaker(sp.cluster, (pos, pos + len(tok)), "pronoun", chain, 0.6)
        return Speaker(None, (pos, pos + len(tok)), "pronoun", (), 0.3)

    def _main_subject(self, head_i: int) -> bool:
        """The name is the subject of its sentence's main verb (or of one joined to it)."""
        t = self.doc[head_i]
        while t.dep_ in ("compound", "flat", "appos") and t.head is not t:
            t = t.head
        if t.dep_ not in ("nsubj", "nsubjpass"):
            return False
        v = t.head
        while v.dep_ == "conj" and v.head is not v:
            v = v.head
        return v.dep_ == "ROOT"

    def _neuter(self, tok: "Token") -> Speaker:
        idx = self.index
        pos = tok.idx
        for m in idx.mentions_before(pos, max(0, pos - 600)):
            c = idx.clusters[m.cluster]
            if c.kind in ("ORG", "GPE", "NORP") and m.subject:
                chain = (f"{tok.text} \u2192 {c.display} ({self._distance(m.start, pos)})",)
                return Speaker(m.cluster, (pos, pos + len(tok)), "pronoun", chain, 0.6)
        return Speaker(None, (pos, pos + len(tok)), "pronoun", (), 0.3)

    def _same_clause(self, head_i: int, tok: "Token") -> bool:
        doc = self.doc
        a = doc[head_i]
        # walk both to their clause heads
        return _clause(a) is _clause(tok) or _clause(a) == _clause(tok)

    def _distance(self, a: int, b: int) -> str:
        doc = self.doc
        ta = doc.char_span(a, a + 1, alignment_mode="expand")
        tb = doc.char_span(b, b + 1, alignment_mode="expand")
        if ta is None or tb is None:
            return "earlier"
        sa, sb = ta[0].sent.start, tb[0].sent.start
        if sa == sb:
            return "same sentence"
        prev = doc[sb - 1].sent.start if sb > 0 else sb
        if prev == sa:
            return "previous sentence"
        return "earlier in the text"

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

    def _phrase(self, tok: "Token") -> tuple[int, int]:
        return _noun_phrase(self.text, tok)

    def _nominal(self, tok: "Token") -> Speaker:
        """An unnamed speaker ("critics", "the report"): its own actor."""
        if any(c.dep_ == "det" and c.lower_ in ("which", "what", "whose", "whichever") for c in tok.children):
            return NO_SPEAKER  # "Which officials would you ask ...?": a question, not a speaker
        if tok.lemma_.lower() in BARE_SOURCES and tok.tag_ == "NNS" and not any(
                c.i < tok.i or c.dep_ in ("relcl", "acl") for c in tok.children):
            return NO_SPEAKER  # "Reports say ...": no one in particular, the speaker stays unknown
        # "Robert Shrum, a veteran strategist, said": the name before the appositive
        if tok.dep_ == "appos" or (tok.i >= 2 and tok.left_edge.i >= 2 and self.doc[tok.left_edge.i - 1].text == ","):
            head = tok.head if tok.dep_ == "appos" else self.doc[tok.left_edge.i - 2]
            cid = self.index.cluster_of_token(head)
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
        if tok.pos_ not in ("PROPN", "NOUN") or not words or len(words) > 4 or words[0].lower() in ("the", "a", "an") \
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


def _noun_phrase(text: str, tok: "Token") -> tuple[int, int]:
    """The noun phrase headed by ``tok`` up to its first comma, dash or bracket,
    within its line ("an official who was briefed on the talks")."""
    right = tok
    for c in tok.rights:
        if c.dep_ in ("advmod", "npadvmod") or c.ent_type_ in ("DATE", "TIME") or (
                c.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)):
            break  # "Her campaign workers here", "The letters Monday", "A report during the weekend"
        right = c.right_edge
    s, e = tok.left_edge.idx, right.idx + len(right)
    s = max(s, text.rfind("\n", s, tok.idx) + 1)
    # never reach back into a quotation ('... safe" tweeted the mayor')
    s = max([s] + [text.rfind(m, s, tok.idx) + 1 for m in "\"\u201d\u201c\u00bb"])
    cuts = (text.find(sep, tok.idx, e) for sep in (",", " \u2014", " (", "\n", ";", ":"))
    e = min([e] + [k for k in cuts if k > tok.idx])
    s, e = _strip_span(text, s, e)
    if e - s > 160 or not (s <= tok.idx < e):
        return tok.idx, tok.idx + len(tok)
    return s, e



def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not (text[e - 1].isalnum() or text[e - 1] in ".)"):
        e -= 1
    return s, e


def _agentive(tok: "Token") -> bool:
    """ "a plea from Trump", "a statement by Smith": the name is who spoke."""
    t = tok
    while t.dep_ in ("compound", "flat") and t.head is not t:
        t = t.head
    return t.dep_ == "pobj" and t.head.lower_ in ("from", "by") and t.head.head.pos_ == "NOUN"


def _clause(tok: "Token") -> "Token":
    cur = tok
    for _ in range(20):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT" or cur.head is cur:
            return cur
        cur = cur.head
    return cur
