"""Reported speech: a speech verb's subject and what it says without quotation
marks ("she said the plan would fail", "denied the report", "vowed to block
it", "according to officials, ..."), and the mixed quotes inside it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import ACCORDING, BELIEF_VERBS, FIRST_PERSON
from .marks import ALL_MARKS
from .quote_frames import Found, QuoteFrames, according_object, doc_punct, token_span, trim_quote
from .speech_subjects import is_time, participle_owner, quoting_medium, speaker_phrase, subject_of
from .speech_verbs import (
    CONTENT_NOUNS,
    GERUND_SPEECH,
    NEEDS_PREDICATE,
    OBJECT_SPEECH,
    OBJECT_XCOMP,
    PREP_SPEECH,
    TO_HEARER,
    XCOMP_SPEECH,
    is_hearer,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_THAT_ACCORDING = re.compile(r",\s*(according)\s+to\b", re.IGNORECASE)
#: words that stand for what was said ("said so", "said as much")
_PRO_FORMS = frozenset(["so", "as much", "the same", "the opposite", "otherwise", "yes", "no", "nothing"])
#: what follows "spoke on" / "talked on" without being what was said
_NOT_TOPICS = frozenset(
    "behalf phone telephone air radio television show program programme stage floor camera record condition occasion"
    " background basis".split()
)
#: modals a reported clause is put into ("would", not "will"): a clause in them goes on with what was said
_REPORTED_MODALS = frozenset("would could might should".split())
_REASON_MARKS = ("because", "since", "although", "though", "unless", "if", "so")


class ReportedSpeech(QuoteFrames):
    """Quotes without quotation marks, found from speech verbs."""

    def reported(self, direct: list[Found]) -> list[Found]:
        doc = self.doc
        out: list[Found] = []
        for v in self.tokens:
            if self.in_quote(v.idx) is not None:
                continue
            if v.lower_ in ACCORDING:
                f = self._according(v)
                if f is not None:
                    out.append(f)
                continue
            if not self.is_cue(v) and not self._quoted_thought(v) and not self._topic_verb(v):
                continue
            if v.lower_ == "said" and v.i > 0 and doc[v.i - 1].lower_ == "that" and v.i - v.sent.start <= 1:
                continue  # "That said, ..."
            if v.dep_ == "amod" and v.tag_ == "VBN" and v.head.i > v.i and (v.i == 0 or doc[v.i - 1].text != ","):
                continue  # "reported incidents", "alleged crimes": an adjective, not a report
            if v.tag_ in ("VBN", "VBD") and v.i > 0 and v.i + 1 < len(doc) and doc[v.i + 1].pos_ == "NOUN" and (
                    doc[v.i - 1].tag_ in ("DT", "CD", "PRP$", "POS")):
                continue  # "Trump's reported net worth", "475 pledged delegates"
            inverted = self._inverted_outlet(v)
            if inverted is not None:
                out.append(inverted)
                continue
            if v.dep_ == "xcomp" and v.head.pos_ in ("ADJ", "ADV") and v.lemma_.lower() in ("say", "tell", "predict"):
                continue  # "it is fair to say", "too soon to tell", "needless to say"
            if v.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) \
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
                continue  # a purpose: "tests will be carried out to confirm if ..."
            pro = self._pro_form(v)
            if pro is not None:
                out.append(pro)
                continue
            found = self._content(v)
            if found is None:
                continue
            a, b, rule = found
            b = self._cut_own_participle(v, a, b)
            if b == a and doc[a].pos_ not in ("PROPN", "NOUN"):
                continue
            s, e = trim_quote(self.text, doc[a].idx, doc[b].idx + len(doc[b]))
            # what was said stays in the cue's paragraph
            if b < v.i:
                s = max(s, self.text.rfind("\n", s, e) + 1)
            elif "\n" in self.text[s:e]:
                e = self.text.index("\n", s, e)
            k = self.text.find(", according to", s, e)
            if k > s and b > v.i:
                e = k  # "X said that ..., according to state media": the report's source is not what was said
            s, e = trim_quote(self.text, s, e)
            if self.text[s:e].lower() == "that":
                # "The agency reported that, according to a review, the mine had
                # flooded": what follows the source is what the agency reported
                m = _THAT_ACCORDING.match(self.text, e)
                obj = according_object(doc[self.token_at(m.start(1))]) if m else None
                if obj is None or obj.sent.start != v.sent.start:
                    continue
                s, e = trim_quote(self.text, obj.right_edge.idx + len(obj.right_edge), obj.sent.end_char)
            if e - s < 3:
                continue
            subj = self._misparsed_subject(v) if rule == "reported-speech-amod" else speaker_phrase(v)
            subj = self._paraphrasing_medium(subj, v, s) or subj
            inside = subj is not None and (s <= subj.idx < e) and not (
                (rule.endswith("inverted") and subj.i > v.i - 4) or rule.endswith("parenthetical"))
            if inside and subj is not None and v.i < subj.i <= v.i + 3 and subj.left_edge.idx <= s:
                continue  # '“…,” said Ana Ruiz, a council member': the speaker after the verb, not what was said
            out.append(Found([(s, e)], "indirect", subj if not inside else None, cue=token_span(v), rule=rule))
        return out

    @staticmethod
    def _topic_verb(v: "Token") -> bool:
        """ "She spoke about her father", "talks about how ...": a verb of talking
        that is no cue on its own reports its topic through its preposition."""
        preps = PREP_SPEECH.get(v.lemma_.lower())
        if v.pos_ != "VERB" or preps is None:
            return False
        for c in v.children:
            if c.dep_ == "prep" and c.i > v.i and c.lower_ in preps:
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                # "spoke on Thursday", "talked on the phone", "spoke on condition of anonymity": when and how, not what
                if pobj is not None and not is_time(pobj) and pobj.lemma_.lower() not in _NOT_TOPICS:
                    return True
        return False

    def _pro_form(self, v: "Token") -> Found | None:
        """ "Okafor said as much", "neither side would say so", "most islanders say
        the same of the ferry": a word standing for what was said is what was said."""
        if v.lemma_.lower() != "say" or v.i + 1 >= len(self.doc):
            return None
        doc = self.doc
        k = v.i + 1
        while k + 1 < len(doc) and k <= v.i + 2 and doc[k].pos_ == "ADV" and doc[k].lower_ not in _PRO_FORMS \
                and f"{doc[k].lower_} {doc[k + 1].lower_}" not in _PRO_FORMS:
            k += 1  # "said publicly so"
        words = [t.lower_ for t in doc[k : k + 2]]
        size = 2 if " ".join(words) in _PRO_FORMS else 1 if words[:1] and words[0] in _PRO_FORMS else 0
        if not size:
            return None
        last = doc[k + size - 1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        if nxt is not None and (nxt.lower_ in ("to", "about", "that") or nxt.pos_ in ("VERB", "AUX", "NOUN", "PROPN")):
            return None  # "said no to the war", "says nothing about X", "said so many", "say the same thing"
        if nxt is not None and nxt.lower_ == "of" and nxt.head.i in (v.i, last.i):
            last = nxt.right_edge  # "the same of the ferry"
        s, e = doc[k].idx, last.idx + len(last)
        if self.in_quote(s) is not None:
            return None
        subj = speaker_phrase(v)
        return Found([(s, e)], "indirect", subj, cue=token_span(v), rule="reported-speech-pro-form")

    def _quoted_thought(self, v: "Token") -> bool:
        """ "Bolton thought some of the \u201cbuzz\u201d was artificial": a belief whose
        clause quotes the believer's own words is reported speech after all."""
        if v.pos_ != "VERB" or v.lemma_.lower() not in BELIEF_VERBS | {"anticipate", "imagine"}:
            return False
        comp = next((c for c in v.children if c.dep_ == "ccomp" and c.i > v.i), None)
        subj = subject_of(v)
        if comp is None or subj is None or subj.lower_ in FIRST_PERSON:
            return False  # "I remember feeling that ...": the writer's own thought
        a, b = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge)
        return any(a <= p.open_pos and p.close_end <= b + 1 for p in self.pieces)

    def _inverted_outlet(self, v: "Token") -> Found | None:
        """ "... is central to the platform, reported the Washington Examiner.": the
        clause before the comma is what the named outlet or person reported."""
        doc = self.doc
        if v.i < 3 or doc[v.i - 1].text != "," or v.lemma_.lower() not in ("report", "say", "write", "tell", "note", "add"):
            return None
        obj = next((c for c in v.children if c.dep_ in ("dobj", "nsubj") and c.i > v.i), None)
        if obj is None or obj.ent_type_ not in ("ORG", "PERSON") or obj.right_edge.i + 1 >= len(doc):
            return None
        end = doc[obj.right_edge.i + 1]
        if end.text not in (".", "!") or self.in_quote(obj.idx) is not None:
            return None
        sent = v.sent
        s, e = trim_quote(self.text, max(sent.start_char, self.text.rfind("\n", 0, v.idx) + 1), doc[v.i - 1].idx)
        if e - s < 10 or self.in_quote(s) is not None:
            return None
        return Found([(s, e)], "indirect", obj, cue=token_span(v), rule="reported-speech-inverted")

    def _content(self, v: "Token") -> tuple[int, int, str] | None:
        """Token range (first, last) of what a speech verb reports, and the rule."""
        lemma = v.lemma_.lower()
        kids = list(v.children)
        comps = [c for c in kids if c.dep_ == "ccomp"]
        # the clause after the verb first: one before it may belong to another sentence
        comp = next((c for c in comps if c.i > v.i), comps[0] if comps else None)
        if comp is None:
            # "Trump said after the convention he would not accept ...": a clause
            # with its own subject and no conjunction, mis-parsed as adverbial
            comp = next((c for c in kids if c.dep_ == "advcl" and c.i > v.i
                         and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                         and not any(g.dep_ == "mark" for g in c.children)), None)
        if comp is None and lemma in GERUND_SPEECH:
            # "He said legalizing it could put thousands to work": a clause with a
            # gerund subject, parsed as the verb's xcomp
            ger = next((c for c in kids if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i == v.i + 1
                        and any(g.dep_ == "ccomp" or g.dep_ == "aux" and g.tag_ == "MD" for g in c.subtree)), None)
            if ger is not None:
                return ger.left_edge.i, self._right_extent(v, ger.right_edge.i), "reported-speech"
        if comp is None:
            # "said following a vote in 2001 that he had ...": the that-clause parsed
            # as a relative clause inside the phrase after the verb
            comp = next((t for c in kids if c.dep_ == "prep" and c.i == v.i + 1 for t in c.subtree
                         if t.dep_ == "relcl" and any(g.dep_ == "mark" and g.lower_ == "that" for g in t.children)
                         and any(g.dep_ in ("nsubj", "nsubjpass") for g in t.children)), None)
            if comp is not None:
                mark = next(g for g in comp.children if g.dep_ == "mark")
                return mark.i, comp.right_edge.i, "reported-speech"
        if comp is None and v.dep_ == "amod" and v.tag_ in ("VBD", "VBN") and v.head.i == v.i + 1 \
                and v.i > 0 and v.nbor(-1).text == ",":
            # "X, a UN rapporteur, cautioned justice does not come swiftly" parsed with
            # the verb as an adjective: the rest of the sentence, when its verb follows
            root = v.sent.root
            if root.i > v.head.i and root.pos_ in ("VERB", "AUX") and self._misparsed_subject(v) is not None:
                end = v.sent.end - 1
                while end > v.i and doc_punct(self.doc[end]):
                    end -= 1
                return v.i + 1, end, "reported-speech-amod"
        if v.dep_ == "parataxis" and comp is None:
            # "The only problem, Ms. Bigbee said, is that ...": the whole sentence
            head = v.head
            sent = v.sent
            return max(head.left_edge.i, sent.start), min(head.right_edge.i, sent.end - 1), "reported-speech-parenthetical"
        if comp is not None:
            a, b = comp.left_edge.i, comp.right_edge.i
            if a <= v.i <= b:
                # "which he said were evenly split": the clause around its attribution
                return a, b, "reported-speech-parenthetical"
            if b < v.i:
                if not self._inverted_ok(comp, v):
                    return None
                # "X is true, Y said, because Z": the rest of the sentence too
                tail = [c for c in v.rights if c.dep_ == "ccomp" or (
                    c.dep_ == "advcl" and any(g.dep_ == "mark" for g in c.children))]
                if tail and any(t.text == "," for t in v.rights) and self.in_quote(comp.idx) is None:
                    b = max(t.right_edge.i for t in tail)
                return a, b, "reported-speech-inverted"
            b = self._cut_coordinated_cue(comp, b)
            return a, self._cut_inner_attribution(v, self._right_extent(v, b)), "reported-speech"
        right = [c for c in kids if c.i > v.i]
        obj = next((c for c in right if c.dep_ in ("dobj", "dative")), None)
        on = next((c for c in right if c.dep_ == "prep" and c.lower_ in ("on", "upon")), None)
        xcomp = next((c for c in right if c.dep_ == "xcomp"), None)
        if xcomp is not None and lemma in XCOMP_SPEECH:
            start = xcomp
            if lemma in OBJECT_XCOMP:
                if obj is not None and obj.i < xcomp.i:
                    start = obj
                elif on is not None and on.i < xcomp.i:
                    start = next((g for g in on.children if g.dep_ == "pobj"), xcomp)
            return start.left_edge.i, self._right_extent(v, xcomp.right_edge.i), "reported-speech-infinitive"
        if lemma == "dismiss" and obj is not None and obj.ent_type_ == "PERSON":
            return None  # "did not dismiss Lewandowski": fired, not said
        if lemma in OBJECT_SPEECH and obj is not None and obj.dep_ == "dobj" and not (lemma in TO_HEARER and is_hearer(obj)):
            extra = [c for c in right if c.i > obj.i and (
                c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("as", "of")))]
            if lemma == "reject" and not extra and obj.lemma_.lower() not in CONTENT_NOUNS and not any(
                    t.pos_ in ("VERB", "AUX") for t in obj.subtree):
                return None  # "rejected calls for a halt": a refusal, not what was said
            if lemma == "describe" and not extra and obj.pos_ in ("PROPN", "PRON"):
                return None  # "described Day to the BBC:" - the person described, not what was said
            if lemma in NEEDS_PREDICATE and not extra:
                span = obj.subtree
                sub = list(span)
                # "said [[ending the programme would gut them]]", "accused him of sexism"
                clause_like = len(sub) >= 4 and any(t.pos_ == "VERB" for t in sub)
                if not (lemma in ("say", "write") and clause_like) and not (
                    lemma == "accuse" and any(t.lower_ == "of" for t in sub)
                ):
                    return None
            b = max([obj.right_edge.i] + [c.right_edge.i for c in extra])
            return obj.left_edge.i, self._right_extent(v, b), "reported-speech-object"
        if lemma in PREP_SPEECH:
            for c in right:
                if c.dep_ == "prep" and c.lower_ in PREP_SPEECH[lemma]:
                    pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                    if pobj is not None:
                        return pobj.left_edge.i, self._right_extent(v, pobj.right_edge.i), "reported-speech-topic"
                if c.dep_ == "advcl" and c.left_edge.i == v.i + 1 and c.left_edge.lower_ in PREP_SPEECH[lemma] \
                        and c.left_edge.dep_ == "mark":
                    # "called for the wage to be raised": a for-clause parsed as the verb's adverbial
                    return c.left_edge.i + 1, self._right_extent(v, c.right_edge.i), "reported-speech-topic"
        return None

    def _paraphrasing_medium(self, subj: "Token | None", v: "Token", start: int) -> "Token | None":
        """ "Reuters quoted the minister as saying that the talks would resume": a
        paraphrase after the verb is worded by the medium that passes it on, so it
        stays the medium's (the news benchmarks annotate it so); the person's own
        words in quotation marks, or a report before the verb, are the person's."""
        if subj is None or start < v.idx or any(ch in ALL_MARKS for ch in self.text[max(0, start - 1) : start + 1]):
            return None
        return quoting_medium(subj)

    @staticmethod
    def _misparsed_subject(v: "Token") -> "Token | None":
        """The subject a sentence's verb has before a speech verb parsed as an adjective."""
        root = v.sent.root
        return next((c for c in root.children if c.dep_ == "nsubj" and c.i < v.i
                     and (c.pos_ in ("PROPN", "PRON") or c.ent_type_ == "PERSON")), None)

    def _cut_coordinated_cue(self, comp: "Token", b: int) -> int:
        """ "X said A and called B “C”", "says A and says B": the parse
        hangs the second speech verb inside the first one's clause; what the
        first verb reports ends before it (the second is a report of its own)."""
        for c in comp.children:
            if c.dep_ == "conj" and c.i > comp.i and c.i <= b and self.is_cue(c) \
                    and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                k = c.i - 1
                while k > comp.i and (self.doc[k].dep_ == "cc" or self.doc[k].is_punct or self.doc[k].pos_ == "ADV"):
                    k -= 1
                return min(b, k)
        return b

    def _cut_own_participle(self, v: "Token", a: int, b: int) -> int:
        """ "dismissed claims that X broke the law — saying Y": the speaker's own
        participle ends what the verb reports, wherever the parse hung it."""
        doc = self.doc
        for k in range(max(a + 2, v.i + 2), b + 1):
            t = doc[k]
            owner = participle_owner(t) if t.tag_ == "VBG" and self.is_cue(t) else None
            if owner is not None and owner.i == v.i:
                j = k - 1
                while j > a and doc[j].head.i == t.i and doc[j].dep_ in ("neg", "advmod"):
                    j -= 1  # ", not even suggesting"
                return j - 1
        return b

    def _cut_inner_attribution(self, v: "Token", b: int) -> int:
        """ "an official said that X, Cyprus Mail reported": what was said ends
        before the second attribution."""
        doc = self.doc
        if b >= len(doc) or not self.is_cue(doc[b]) or doc[b].i <= v.i + 2:
            return b
        k = b - 1
        while k > v.i and b - k <= 5 and doc[k].text != "," and doc[k].pos_ in ("PROPN", "NOUN", "DET", "PRON"):
            k -= 1
        return k - 1 if doc[k].text == "," and k - 1 > v.i else b

    def _right_extent(self, v: "Token", b: int) -> int:
        """Stretch what was said over the verb's later dependents ("promised to act
        should he win", "criticized X for Y") up to a comma or a coordinated verb."""
        for c in v.rights:
            if c.i <= b:
                continue
            if c.is_punct:
                continue
            if c.dep_ == "cc":
                continue
            if c.dep_ == "conj":
                if self._goes_on_reporting(v, c):
                    b = max(b, c.right_edge.i)
                    continue
                break
            if self.doc[c.left_edge.i - 1].text in (",", "\u2014", "\u2013") and not (
                # ", because ..." still gives the reason that was stated
                (c.dep_ in ("advcl", "ccomp") and any(g.dep_ == "mark" and g.lower_ in _REASON_MARKS for g in c.children))
                # ", including ..." goes on with the object
                or (c.dep_ == "prep" and c.lower_ in ("including", "such", "like"))
                # "said the inquiry had stalled, had restarted in May and ...": a second
                # predicate of what was said, parsed as a clause of its own with no subject
                or (c.dep_ == "ccomp" and self.in_quote(c.idx) is None
                    and not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for g in c.children)
                    and any(g.dep_ in ("aux", "auxpass") for g in c.children))
            ):
                break
            b = max(b, c.right_edge.i)
        return b

    def _goes_on_reporting(self, v: "Token", conj: "Token") -> bool:
        """ "She says she hopes to win, but she knows it will be hard": a clause joined
        by "but" whose subject is the speaker's own pronoun, with no speech verb of its
        own, goes on with what she says."""
        if self.is_cue(conj) or self.in_quote(conj.idx) is not None:
            return False
        kids = list(conj.children)
        if any(g.dep_ == "mark" and g.lower_ in ("that", "whether") and g.i < conj.i for g in kids):
            return True  # "predicted that wages would fall, but that overtime would make up for it"
        if not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in kids) and any(
                g.dep_ == "aux" and g.tag_ == "MD" and g.lower_ in _REPORTED_MODALS for g in kids):
            # "said he was rooting for one team but would now root for the other": a
            # second predicate in the tense of what was said, not a deed of the speaker's
            return True
        if not any(c.dep_ == "cc" and c.lower_ == "but" for c in v.children if v.i < c.i < conj.i):
            return False
        subj = next((c for c in conj.children if c.dep_ == "nsubj"), None)
        own = subject_of(v)
        return subj is not None and subj.lower_ in ("he", "she", "they") and own is not None and (
            own.i != subj.i) and self.in_quote(conj.idx) is None

    def _inverted_ok(self, comp: "Token", v: "Token") -> bool:
        """ "The plan failed, he said." - only a comma and the subject between."""
        doc = self.doc
        subj = subject_of(v)
        skip = set(range(subj.left_edge.i, subj.right_edge.i + 1)) if subj is not None else set()
        medium = quoting_medium(subj) if subj is not None else None
        if medium is not None:  # "..., the BBC quoted Ana Ruiz as saying."
            skip |= set(range(medium.left_edge.i, medium.right_edge.i + 1))
        between = doc[comp.right_edge.i + 1 : v.i]
        if any(t.text in (".", "!", "?") or "\n" in t.text for t in between):
            return False  # the clause ended a sentence before this one
        if not any(t.text in ",\u2014" or t.text in "\"\u201d'" for t in between[:2]):
            return False
        extra = [t for t in between if not t.is_punct and t.i not in skip and t.pos_ not in ("ADV", "AUX", "PART")]
        return len(extra) <= 1

    def _according(self, v: "Token") -> Found | None:
        obj = according_object(v)
        if obj is None or obj.lower_ in ("which", "whom", "that", "what"):
            return None  # "an agreement, according to which ..."
        k = v.i - 1
        while k >= 0 and self.doc[k].is_punct:
            k -= 1
        if k >= 0 and self.doc[k].lower_ == "that" and k < v.i - 1:
            return None  # "X reported that, according to Y, ...": X's report; Y is X's source
        sent = v.sent
        phrase_a = v.left_edge.i
        phrase_b = obj.right_edge.i
        doc = self.doc
        # the sentence within its line (a dateline or a name above may share the parse)
        line_start = self.text.rfind("\n", sent.start_char, v.idx) + 1
        k = self.text.find("\n", v.idx, sent.end_char)
        line_end = k if k >= 0 else sent.end_char
        lo = max(sent.start_char, line_start)
        before = [t for t in doc[sent.start : phrase_a] if t.idx >= lo and not (t.is_punct or t.is_space)]
        if len(before) <= 4:
            # "According to X, ..." / "By Sept. 30, according to filings, the party had ..."
            s, e = (doc[phrase_b].idx + len(doc[phrase_b]) if not before else lo), line_end
        else:
            # "... demeaned women, according to show insiders, although ..."
            s, e = lo, doc[phrase_a].idx
        s, e = trim_quote(self.text, s, e)
        if e - s < 10 or "\n" in self.text[s:e]:
            return None
        spans = [(s, e)]
        if before and len(before) > 4 and sent.root.i > phrase_b and phrase_b + 1 < len(doc) \
                and doc[phrase_b + 1].text == ",":
            # "Absent from the talks, according to members, was any mention of X": the
            # sentence's verb comes after the source, so what was said goes on after it
            a2, e2 = trim_quote(self.text, doc[phrase_b + 1].idx + 1, line_end)
            if e2 - a2 >= 3:
                spans.append((a2, e2))
        cue_end = v.idx + len(v)
        nxt = v.nbor(1) if v.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ == "to":
            cue_end = nxt.idx + len(nxt)
        return Found(spans, "indirect", obj, cue=(v.idx, cue_end), rule="according-to")
