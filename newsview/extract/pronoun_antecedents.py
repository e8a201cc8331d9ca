"""Pronouns: the person a "he", "she", "they" or "it" at a cue stands for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .speaker_record import ResolverBase, Speaker
from .unnamed_speakers import QUANTIFIERS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: how far back (in characters) a pronoun looks for its antecedent
PRONOUN_WINDOW = 1500
#: labels of the longer names a place's name opens ("Sandy Hook Elementary School")
_NAMED_AFTER_LABELS = ("ORG", "FAC", "GPE", "LOC")
#: words before a name that use it as a place ("at Sandy Hook", "entered Sandy Hook")
_PLACE_WORDS = frozenset("at in near outside inside entered enter enters visited".split())


class PronounAntecedents(ResolverBase):
    """Antecedents of personal pronouns, by recency, subjecthood, clause and gender."""

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
            if c.kind != "PERSON" or cid in named_after or cid in self._place_names():
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

    def _place_names(self) -> set[int]:
        """Names tagged as people that the text uses as a place: the name opens the
        name of an institution or a place ("Sandy Hook Elementary School") and
        stands after "at", "in" or "entered" somewhere, and no title goes with it."""
        if self._place_names_cache is not None:
            return self._place_names_cache
        idx = self.index
        longer = [self.text[s:e] for s, e, label, _c in idx.entities if label in _NAMED_AFTER_LABELS]
        found: set[int] = set()
        for c in idx.clusters:
            if c.kind != "PERSON" or c.titles or len(c.words) < 2 or c.nominal:
                continue
            name = c.display
            if not any(t.startswith(name + " ") for t in longer):
                continue
            if any(self._used_as_place(m.start) for m in idx.mentions if m.cluster == c.index):
                found.add(c.index)
        self._place_names_cache = found
        return found

    def _used_as_place(self, start: int) -> bool:
        before = self.text[max(0, start - 12) : start].split()
        return bool(before) and before[-1].lower() in _PLACE_WORDS

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
