"""The words around a quotation: its frame, the cue verb in it and whoever that
verb's subject is, or a byline ('"..." ― Jane Roe', 'Jane Roe: "..."').

``QuoteFrames`` holds a document's tokens and quoted pieces with the look-ups
every quote rule shares; reported speech and the direct and mixed quote rules
build on it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .cues import ACCORDING, BELIEF_VERBS, SPEECH_VERBS, WEAK_SPEECH_VERBS
from .marks import ALL_MARKS, QuotedPiece, find_quoted
from .speakers import NO_SPEAKER, Speaker
from .speech_subjects import is_time, noun_before, subject_of
from .speech_verbs import FRAME_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

END_PUNCT = ".!?"
_DASH_MARKS = "\u2015\u2014\u2013-"
_TRIM_TAIL = " \t\n,;:\u2014\u2013-"


@dataclass
class Found:
    """A quote while it is being built (spans are char offsets)."""

    spans: list[tuple[int, int]]
    kind: str
    subj: "Token | None" = None  # the phrase naming the speaker, resolved later in text order
    speaker: Speaker = NO_SPEAKER
    cue: tuple[int, int] | None = None
    rule: str = ""
    pieces: list[QuotedPiece] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

class QuoteFrames:
    """A document's tokens and quoted pieces, and the frame of each piece."""

    def __init__(self, doc: "Doc", text: str | None = None, tokens: list | None = None) -> None:
        self.doc = doc
        self.text = doc.text if text is None else text
        self.pieces = find_quoted(self.text)
        self._piece_starts = [p.open_pos for p in self.pieces]
        self.tokens = list(doc) if tokens is None else tokens
        self._tok_starts = [t.idx for t in self.tokens]

    # ----------------------------------------------------------- helpers --
    def token_at(self, pos: int) -> int:
        """Index of the token containing (or first after) char ``pos``."""
        i = bisect.bisect_right(self._tok_starts, pos) - 1
        return max(0, i)

    def in_quote(self, pos: int) -> QuotedPiece | None:
        i = bisect.bisect_right(self._piece_starts, pos) - 1
        if i >= 0:
            p = self.pieces[i]
            if p.open_pos <= pos < p.close_end:
                return p
        return None

    def is_cue(self, tok: "Token", strict: bool = False) -> bool:
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB",) and not (tok.pos_ == "AUX" and lemma == "say"):
            return False
        if lemma in BELIEF_VERBS:
            return False
        if strict and lemma in WEAK_SPEECH_VERBS:
            return False
        return lemma in SPEECH_VERBS

    # ------------------------------------------------------------ direct --
    def _frame_after(self, piece: QuotedPiece) -> list["Token"]:
        """Tokens after a closing mark up to the end of the sentence, the next quote or line."""
        i = self.token_at(piece.close_end)
        doc = self.doc
        if i < len(doc) and doc[i].idx < piece.close_end:
            t = doc[i]
            if t.idx + len(t) > piece.close_end and t.text[-1] in _DASH_MARKS:
                # a closing mark glued to a signature dash ('”― Jane Roe')
                return [t] + self._walk(i + 1, 1)
            i += 1
        return self._walk(i, 1)

    def _frame_before(self, piece: QuotedPiece) -> list["Token"]:
        """Tokens before an opening mark back to the start of the sentence, a quote or line."""
        i = self.token_at(piece.open_pos)
        if self.doc[i].idx >= piece.open_pos:
            i -= 1
        return self._walk(i, -1)

    def _walk(self, i: int, step: int) -> list["Token"]:
        doc = self.doc
        out: list["Token"] = []
        while 0 <= i < len(doc):
            t = doc[i]
            if "\n" in t.text and step < 0 and not out and i > 0 and doc[i - 1].text == ":":
                # 'Kirk says:' on the line above the quotation
                i -= 1
                continue
            if "\n" in t.text or self.in_quote(t.idx) is not None or (t.is_punct and t.text in END_PUNCT):
                break
            out.append(t)
            i += step
        if step < 0:
            out.reverse()
        return out

    def _abbreviation_between(self, a: int, b: int) -> bool:
        """Between tokens ``a`` and ``b`` the only stop is an abbreviation's period
        ("No. 2", "Lt. Gov."), not a quotation or the end of a sentence."""
        doc = self.doc

        def abbreviation(t: "Token") -> bool:
            if t.text != ".":
                return len(t.text) <= 4 and t.text[:1].isupper()  # "Lt.", "Gov."
            w = doc[t.i - 1] if t.i > 0 else None  # "No" "." split by the tokenizer
            return w is not None and not w.whitespace_ and len(w.text) <= 3 and w.text[:1].isupper()

        stops = [t for t in doc[a:b] if t.text in END_PUNCT or t.text.endswith(".")]
        return bool(stops) and all(t.text[-1:] == "." and abbreviation(t) for t in stops) and not any(
            self.in_quote(t.idx) is not None or "\n" in t.text for t in doc[a:b])

    def _cue_in(self, toks: list["Token"], after: bool) -> tuple["Token", "Token | None"] | None:
        """The speech verb in a frame and who its subject is."""
        cands = [t for t in toks if self.is_cue(t, strict=False)
                 or (t.pos_ == "VERB" and t.lemma_.lower() in FRAME_VERBS) or _puts_it(t)]
        if not after and not cands and toks and toks[-1].text == ":":
            # "X agreed:" / "X, the analyst, put it this way:" - any verb with a subject
            cands = [t for t in toks if t.pos_ == "VERB" and t.lemma_.lower() not in BELIEF_VERBS
                     and any(c.dep_ == "nsubj" for c in t.children)]
        if not after:
            cands.reverse()  # the cue closest to the quote first
            # 'According to Bash, the manifesto if written by the suspect could ...: "..."'
            for t in toks[:2]:
                if t.lower_ in ACCORDING:
                    obj = according_object(t)
                    if obj is not None:
                        return t, obj
        lo, hi = (toks[0].i, toks[-1].i) if toks else (0, -1)
        for v in cands:
            subj = subject_of(v)
            if subj is not None and v.tag_ == "VBG" and self.in_quote(subj.idx) is not None:
                # '"A", adding, "B"' parsed onto a verb inside the quotation: the
                # subject of the clause outside it
                h = v.head
                for _ in range(8):
                    if self.in_quote(h.idx) is None or h.head is h:
                        break
                    h = h.head
                if self.in_quote(h.idx) is None:
                    subj = subject_of(h) if h.pos_ in ("VERB", "AUX") else None
            if subj is not None and self.in_quote(subj.idx) is None and not is_time(subj) \
                    and any(ch.isalnum() for ch in subj.text) and (lo <= subj.i <= hi or (
                        # 'Ebrard said, "A", adding, "B"': the participle's subject earlier in the sentence
                        v.tag_ == "VBG" and subj.i < lo and subj.sent.start == v.sent.start) or (
                        # 'X said they found it "troubling" and said it "A"': a second verb
                        # joined to the first shares its subject, before an earlier quotation
                        v.dep_ == "conj" and subj.i < lo and subj.sent.start == v.sent.start) or (
                        # 'As Ana Ruiz, the No. 2 in the party, put it: "..."': a frame cut
                        # short by an abbreviation's period, its verb's own subject before it
                        subj.head.i == v.i and subj.i < lo and subj.sent.start == v.sent.start
                        and self._abbreviation_between(subj.i, lo))):
                return v, subj
            # "said Rubio" parsed without nsubj: a name right after the verb
            people = [t for t in toks if 0 < t.i - v.i <= 6 and t.ent_type_ == "PERSON"]
            if people:
                return v, people[0]
            for t in toks:
                if t.i > v.i and t.i - v.i <= 3 and not is_time(t) and (
                        t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.pos_ == "PROPN"):
                    return v, phrase_head(t)
            # "Chief Chuck Jordan said Monday" parsed with "Monday" as the subject
            nb = noun_before(v)
            if nb is not None and lo <= nb.i <= hi and nb.pos_ == "PROPN" and not is_time(nb) \
                    and self.in_quote(nb.idx) is None:
                return v, nb
            # no subject in the parse: a name or noun right next to the verb
            near = [t for t in toks if 0 < abs(t.i - v.i) <= 2 and not is_time(t) and (
                t.pos_ in ("PROPN", "PRON", "NOUN") or (t.is_title and t.i != t.sent.start and t.i < v.i))]
            near.sort(key=lambda t: (t.pos_ != "PROPN", abs(t.i - v.i)))
            if near and self.in_quote(near[0].idx) is None:
                return v, near[0]
            if after:
                return v, None
        for t in toks:
            if t.lower_ in ACCORDING:
                obj = according_object(t)
                if obj is not None:
                    return t, obj
        return None

    def _byline(self, after: list["Token"], before: list["Token"]) -> tuple[tuple["Token", "Token"] | None, str]:
        """Quotes signed without a verb: '"..." ― Jane Roe' and 'Jane Roe: "..."'."""
        after = [t for t in after if not t.is_space]
        if after and after[0].text.lstrip(ALL_MARKS)[:1] in _DASH_MARKS:
            for t in after[1:5]:
                if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG"):
                    # the head of the name
                    while t.head is not t and t.dep_ in ("compound", "flat") and t.head.i < t.i + 4:
                        t = t.head
                    return (after[0], t), "direct-signed"
                if not t.is_punct:
                    break
        if len(before) >= 2 and before[-1].text == ":":
            t = before[-2]
            # the name alone before the colon, at the start of the line or after a
            # dash ("HEADLINE - Jane Roe:")
            k = len(before) - 2
            while k >= 0 and (before[k].pos_ == "PROPN" or before[k].ent_type_ in ("PERSON", "ORG")
                              or before[k].text in (".", "and", "&")
                              or (before[k].is_title and before[k].pos_ == "NOUN")):
                k -= 1
            name_only = k < 0 or before[k].text in ("-", "\u2014", "\u2013", "\u2015", "|")
            # ("Trump: 'We will win'" with the name tagged a common noun: kept only
            # when it turns out to name an actor)
            if name_only and (t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") or (t.is_title and t.pos_ == "NOUN")):
                return (before[-1], t), "direct-colon-name"
            source = _from_source(before)
            if source is not None:
                return (before[-1], source), "direct-colon-source"
            # 'X describes ... the "Hermit Kingdom" to arrest Y and Z:': the clause's cue,
            # over quoted words the frame stopped at
            colon = before[-1]
            toks = [u for u in colon.sent if u.i <= colon.i and self.in_quote(u.idx) is None and not u.is_space]
            hit = self._cue_in(toks, False) if toks else None
            if hit is not None and hit[1] is not None:
                return (hit[0], hit[1]), "direct-colon-subject"
            verbs = [v for v in before if v.pos_ in ("VERB", "AUX") and v.lemma_.lower() not in BELIEF_VERBS]
            for v in verbs:
                subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.pos_ in ("PROPN", "NOUN"):
                    return (before[-1], subj), "direct-colon-subject"
        return None, ""


#: words that may open a "from X:" line before "from"
_FROM_OPENERS = frozenset("more an a excerpt passage".split())


def _from_source(before: list["Token"]) -> "Token | None":
    """ "From the report: “…”", "- More from Blumenthal and Cohen: “…”": a line
    that only says where the quotation that follows comes from."""
    colon = before[-1]
    k = len(before) - 2
    while k >= 0 and before[k].lower_ != "from" and colon.i - before[k].i <= 8 \
            and not before[k].is_space and before[k].text not in (".", "!", "?", ";"):
        k -= 1
    if k < 0 or before[k].lower_ != "from":
        return None
    # only "more", "an excerpt" or a list's dash may open the line before "from"
    j = k - 1
    while j >= 0 and not before[j].is_space and "\n" not in before[j].text_with_ws:
        if before[j].lower_ not in _FROM_OPENERS and before[j].text not in tuple(_DASH_MARKS):
            return None
        j -= 1
    pobj = next((c for c in before[k].children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.i >= colon.i:
        return None
    return pobj


def according_object(v: "Token") -> "Token | None":
    obj = None
    for c in v.children:
        if c.lower_ == "to":
            obj = next((g for g in c.children if g.dep_ == "pobj"), obj)
    nxt = v.nbor(1) if v.i + 1 < len(v.doc) else None
    if obj is None and nxt is not None and nxt.lower_ == "to":
        obj = next((g for g in nxt.children if g.dep_ == "pobj"), None)
    if obj is not None and obj.ent_type_ != "PERSON":
        # "according to the El Paso mayor, Dee Margo, ...": the name in apposition
        doc = v.doc
        k = obj.right_edge.i + 1
        if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].ent_type_ == "PERSON":
            j = k + 1
            while j + 1 < len(doc) and doc[j + 1].ent_type_ == "PERSON" and doc[j + 1].ent_iob_ == "I":
                j += 1
            if j + 1 < len(doc) and doc[j + 1].text == ",":
                return doc[j]
    return obj


def phrase_head(t: "Token") -> "Token":
    """ "New" in "a New Hampshire Democrat" -> "Democrat"."""
    for _ in range(4):
        if t.dep_ in ("compound", "amod", "nmod", "poss") and t.head.i > t.i and t.head.i - t.i <= 4:
            t = t.head
        else:
            break
    return t


def doc_punct(t: "Token") -> bool:
    return t.is_punct or t.is_space

def token_span(tok: "Token") -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok)


def trim_quote(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,;:\u2014\u2013-":
        s += 1
    while e > s and text[e - 1] in _TRIM_TAIL:
        e -= 1
    if e > s and text[e - 1] == "." and text[e - 2 : e] != "..":
        # a sentence's final period is not part of what was said
        e -= 1
    return s, e


def _puts_it(tok: "Token") -> bool:
    """ "As Ana Ruiz puts it, “…”", "as one farmer put it": the words that follow are
    how the subject put it, a way of saying (an object other than "it" is not)."""
    return tok.lemma_.lower() == "put" and tok.pos_ == "VERB" and any(
        c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children) and any(
        c.dep_ == "nsubj" for c in tok.children)
