"""Quotes: direct quotations, reported speech and mixed quotes, with speakers."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .cues import ACCORDING, BELIEF_VERBS, FIRST_PERSON, INTRO_VERBS, SPEECH_VERBS, WEAK_SPEECH_VERBS
from .marks import ALL_MARKS, QuotedPiece, find_quoted, paragraph_bounds
from .speakers import NO_SPEAKER, Speaker, is_time, noun_before, subject_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

#: speech verbs whose clause may open with a gerund ("said legalizing it could ...")
GERUND_SPEECH = frozenset("say write add argue insist suggest claim note state".split())
#: verbs whose infinitive complement is what was said ("vowed to block it")
XCOMP_SPEECH = frozenset("vow pledge promise threaten urge ask call demand offer refuse propose tell".split())
#: ... and whose object belongs to it ("urged Congress to act", "called on X to resign")
OBJECT_XCOMP = frozenset("urge call".split())
#: verbs whose direct object is what was said ("denied the report", "called it a hoax")
OBJECT_SPEECH = frozenset(
    """
    deny emphasize emphasise recall cite announce propose demand reiterate promise claim acknowledge
    describe question reject criticize criticise praise blame dismiss predict reveal confirm disclose
    mention stress tout dispute call accuse report defend condemn unveil
    outline detail tweet pledge vow label dub characterize characterise say write assert
    """.split()
)
#: nouns for things said ("rejected the claims")
CONTENT_NOUNS = frozenset(
    "claim allegation accusation report suggestion notion idea charge criticism assertion statement view argument".split()
)
#: object verbs that need a predicate too ("called it a hoax", not "called a meeting")
NEEDS_PREDICATE = frozenset("call label dub characterize characterise accuse say write".split())
#: verbs that only report speech when they stand next to a quotation
#: ("Clinton cracked, '...'", "the message reads", "Trump implored")
FRAME_VERBS = frozenset(
    """
    crack boom read implore exhort gush snap bark scoff chime quip marvel tease muse concede declare
    interject offer shoot fire laugh smile sigh plead bellow growl thunder cheer chant sing text email
    message caution insist recount recall conclude begin open close start finish react
    """.split()
)
#: verbs that can frame a quoted fragment ("slammed the story as \"faulty\"")
FRAGMENT_VERBS = SPEECH_VERBS | OBJECT_SPEECH | frozenset(
    """
    slam blast deride mock brand refer attack hail decry lambast ridicule label dub characterize
    characterise term nickname insist vow promise pledge swear complain lament warn
    liken portray depict paint cast compare exhort
    """.split()
)
#: verbs whose prepositional object is the topic of speech ("spoke about the economy")
PREP_SPEECH = {
    "speak": ("about", "of", "on"),
    "talk": ("about", "of"),
    "comment": ("on", "about"),
    "complain": ("about", "of"),
    "testify": ("about", "on"),
    "warn": ("of", "about", "against"),
    "boast": ("about", "of"),
    "brag": ("about",),
    "joke": ("about",),
    "call": ("for",),
    "write": ("about", "of"),
    "ask": ("about",),
    "point": ("to",),
}
#: object verbs whose object can be the person addressed ("promised them", "wrote him")
_TO_HEARER = frozenset("promise pledge vow report tweet write announce say".split())
#: objects that are hearers, not content ("told reporters", "asked him")
_HEARERS = frozenset("reporters journalists me him her them us you audience crowd supporters".split())


def _hearer(tok: "Token") -> bool:
    return tok.lower_ in _HEARERS or (tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and tok.dep_ == "dative")


_END_PUNCT = ".!?"
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I\u2019m|I've|I\u2019ve|me|my|we|We|our|Our|us)\b")
#: a speaker label opening a transcript paragraph: "((Jane Roe))"
_TURN_LABEL = re.compile(r"[ \t]*\(\(([^()\n]{1,60})\)\)[ \t]*")
_DASH_MARKS = "\u2015\u2014\u2013-"
_THAT_ACCORDING = re.compile(r",\s*(according)\s+to\b", re.IGNORECASE)
_REASON_MARKS = ("because", "since", "although", "though", "unless", "if", "so")
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


class QuoteFinder:
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
            if "\n" in t.text or self.in_quote(t.idx) is not None or (t.is_punct and t.text in _END_PUNCT):
                break
            out.append(t)
            i += step
        if step < 0:
            out.reverse()
        return out

    def _cue_in(self, toks: list["Token"], after: bool) -> tuple["Token", "Token | None"] | None:
        """The speech verb in a frame and who its subject is."""
        cands = [t for t in toks if self.is_cue(t, strict=False)
                 or (t.pos_ == "VERB" and t.lemma_.lower() in FRAME_VERBS)]
        if not after and not cands and toks and toks[-1].text == ":":
            # "X agreed:" / "X, the analyst, put it this way:" - any verb with a subject
            cands = [t for t in toks if t.pos_ == "VERB" and t.lemma_.lower() not in BELIEF_VERBS
                     and any(c.dep_ == "nsubj" for c in t.children)]
        if not after:
            cands.reverse()  # the cue closest to the quote first
            # 'According to Bash, the manifesto if written by the suspect could ...: "..."'
            for t in toks[:2]:
                if t.lower_ in ACCORDING:
                    obj = _according_object(t)
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
                        v.tag_ == "VBG" and subj.i < lo and subj.sent.start == v.sent.start)):
                return v, subj
            # "said Rubio" parsed without nsubj: a name right after the verb
            people = [t for t in toks if 0 < t.i - v.i <= 6 and t.ent_type_ == "PERSON"]
            if people:
                return v, people[0]
            for t in toks:
                if t.i > v.i and t.i - v.i <= 3 and not is_time(t) and (
                        t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.pos_ == "PROPN"):
                    return v, _phrase_head(t)
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
                obj = _according_object(t)
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

    def fragments(self, found: list[Found]) -> list[Found]:
        """Quoted fragments no reported clause took in: 'X derided him as a man
        "who speaks evil"' becomes a mixed quote over the verb's complement."""
        doc = self.doc
        taken = [(f.start, f.end) for f in found]
        out: list[Found] = []
        for p in self.pieces:
            if any(a < p.close_end and b > p.open_pos for a, b in taken) or not self._embedded(p):
                continue
            t = doc[self.token_at(p.start)]
            v = t
            for _ in range(12):
                # a verb inside the quoted words ('a man "who speaks evil"') is not the frame
                if (v.pos_ == "VERB" and self.in_quote(v.idx) is None) or v.head is v:
                    break
                v = v.head
            if v.pos_ != "VERB" or v.i >= t.i or self.in_quote(v.idx) is not None:
                continue
            if v.lemma_.lower() not in FRAGMENT_VERBS and not self._person_verb(v, t):
                continue
            if v.dep_ == "acl" and v.tag_ == "VBN":
                continue  # 'a song called "Day after Day"': a name, not speech
            after = [c for c in v.rights if not c.is_punct and c.dep_ not in ("cc", "conj", "advmod", "npadvmod", "agent", "prt")]
            if not after:
                continue
            a = after[0].left_edge.i
            first = after[0]
            if first.i == v.i + 1 and first.lower_ in ("off", "up", "out", "down", "away", "back"):
                # "waves off the audit as ..." parsed with a preposition: the particle is the verb's
                a = next((c.left_edge.i for c in first.children if c.dep_ == "pobj"), a)
            # 'was in a "serious" condition': the noun phrase the quoted words are part of
            np_ = t
            while np_.pos_ not in ("NOUN", "PROPN") and np_.head.i != np_.i and np_.head.i != v.i:
                np_ = np_.head
            last = np_.right_edge.i if np_.pos_ in ("NOUN", "PROPN") else t.i
            b = self._right_extent(v, max(after[0].right_edge.i, self.token_at(p.end - 1), last))
            s, e = _trim(self.text, doc[a].idx, doc[b].idx + len(doc[b]))
            e = max(e, p.close_end if self.text[p.close_end - 1 : p.close_end] in "\u201d\"'" else p.end)
            if "\n" in self.text[s:e] or e - s > 400:
                continue
            subj = subject_of(v) or noun_before(v)
            if subj is not None and s <= subj.idx < e:
                subj = None
            out.append(Found([(s, e)], "mixed", subj, cue=_span(v), rule="mixed-fragment"))
            taken.append((s, e))
        return out

    @staticmethod
    def _person_verb(v: "Token", t: "Token") -> bool:
        """Any verb with a named person as its subject may frame a quoted fragment
        ("waves off the report as \u201cfake\u201d", "likened it to \u201ca circus\u201d"),
        unless the words are someone else's ("Y's suggestion that she was \u201c...\u201d")
        or the verb only says what might be ("would represent")."""
        if v.lemma_.lower() in BELIEF_VERBS or any(c.dep_ == "aux" and c.tag_ == "MD" for c in v.children):
            return False
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.ent_type_ != "PERSON":
            return False
        k = t
        for _ in range(12):
            if k.i == v.i or k.head.i == k.i:
                break
            if any(c.dep_ == "poss" for c in k.children):
                return False
            k = k.head
        return True

    def _embedded(self, p: QuotedPiece) -> bool:
        """A quoted fragment inside a clause ('called it a "very decent man" on
        Tuesday'), unless a speech verb stands right before it ('he said "...').)"""
        k = p.open_pos - 1
        while k >= 0 and self.text[k] in " \t\u00a0":
            k -= 1
        if k < 0 or not self.text[k].isalnum():
            return False
        i = self.token_at(k)
        doc = self.doc

        def cue(t: "Token") -> bool:
            return self.is_cue(t, strict=True) or (t.pos_ == "VERB" and t.lemma_.lower() in INTRO_VERBS - WEAK_SPEECH_VERBS)

        t = doc[i]
        # 'said on Friday "...', 'told reporters Monday "...': over a time
        j = i
        while j > 0 and i - j < 4 and (is_time(doc[j]) or (doc[j].pos_ == "ADP" and j < i and is_time(doc[j + 1]))):
            j -= 1
        if j < i and cue(doc[j]):
            return False
        # 'wrote in the announcement "...', 'said on Twitter "...': over a short phrase
        j = i
        while j > 0 and i - j < 4 and doc[j].pos_ in ("NOUN", "PROPN", "DET", "ADJ", "NUM"):
            j -= 1
        if j < i and doc[j].pos_ == "ADP" and doc[j].lower_ in ("in", "on", "at", "to") and j > 0 \
                and cue(doc[j - 1]) and doc[j - 1].lemma_.lower() != "call":
            return False
        if cue(t):
            return False  # 'he said "...'
        # 'he told CNN "...', 'she told him "...' - but not 'lamented the "bickering"'
        if i > 0 and (t.pos_ in ("PROPN", "PRON") or t.lower_ in _HEARERS) and cue(doc[i - 1]):
            return False
        return True

    def _is_full_quote(self, p: QuotedPiece, has_cue: bool) -> bool:
        content = self.text[p.start : p.end]
        words = content.split()
        if not words:
            return False
        if self._embedded(p):
            return False
        if len(words) >= 8:
            return True
        ends = content.rstrip()[-1:] in ".,!?\u2026-\u2014" if content.strip() else False
        if has_cue and (len(words) >= 3 or ends):
            return True
        # a whole sentence standing on its own
        before = self.text[max(0, p.open_pos - 3) : p.open_pos].rstrip(" \t\u00a0")
        starts = not before or before[-1] in "\n:.!?\u201d\"'"
        return len(words) >= 3 and ends and starts

    def direct(self) -> list[Found]:
        out: list[Found] = []
        pending: Found | None = None
        for p in self.pieces:
            after = self._frame_after(p)
            hit = self._cue_in(after, True) if after else None
            rule = "direct-before-cue"
            before = self._frame_before(p)
            closes_sentence = self.text[p.start : p.end].rstrip()[-1:] in _END_PUNCT
            signed = hit is None and _dash_name_colon(before)
            if signed:
                # "Pollsters agree - Carl Bialik: \u201c...\u201d": the name after the dash signs it
                hit, rule = self._byline([], before)
            if not signed and (hit is None or closes_sentence):
                # 'Y tweeted "A." President X remarked, "B."': a quotation that ends
                # its sentence belongs to the cue before it, when there is one
                early = self._cue_in(before, False) if before else None
                if early is not None and (hit is None or early[1] is not None):
                    hit, rule = early, "direct-after-cue"
            if hit is None:
                hit, rule = self._byline(after, before)
            if not self._is_full_quote(p, hit is not None):
                continue
            # join pieces of one quotation: "A," he said, "B."
            if pending is not None and self._joins(pending, p):
                pending.spans.append((p.start, p.end))
                pending.pieces.append(p)
                if pending.subj is None and hit is not None and hit[1] is not None:
                    pending.subj, pending.cue, pending.rule = hit[1], _span(hit[0]), rule
                continue
            if pending is not None:
                out.append(pending)
            f = Found([(p.start, p.end)], "direct", pieces=[p])
            if hit is not None:
                f.subj, f.cue, f.rule = hit[1], _span(hit[0]), rule
            pending = f
        if pending is not None:
            out.append(pending)
        return out

    def _joins(self, prev: Found, p: QuotedPiece) -> bool:
        last = prev.pieces[-1]
        if last.continues:
            return True
        gap = self.text[last.close_end : p.open_pos]
        if "\n" in gap:
            return False
        if _only_punct(gap):
            return True
        if prev.subj is not None and prev.rule == "direct-after-cue" and \
                self.text[last.end - 1 : last.end] in _END_PUNCT:
            # 'X tweeted "A." President Y remarked, "B."': a finished quotation
            # with its own speaker; the next attribution starts another
            return False
        # the gap is only the attribution: ", he said, " / ". Barkley said. "
        toks = self._frame_after(last)
        if not toks:
            return False
        words = [t for t in toks if not t.is_punct]
        if len(words) > 40 or not any(self.is_cue(t) for t in toks):
            return False
        # nothing but the attribution clause and punctuation between the pieces
        rest = self.text[toks[-1].idx + len(toks[-1]) : p.open_pos]
        return _only_punct(rest)

    # ---------------------------------------------------------- reported --
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
            if not self.is_cue(v) and not self._quoted_thought(v):
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
            found = self._content(v)
            if found is None:
                continue
            a, b, rule = found
            if b == a and doc[a].pos_ not in ("PROPN", "NOUN"):
                continue
            s, e = _trim(self.text, doc[a].idx, doc[b].idx + len(doc[b]))
            # what was said stays in the cue's paragraph
            if b < v.i:
                s = max(s, self.text.rfind("\n", s, e) + 1)
            elif "\n" in self.text[s:e]:
                e = self.text.index("\n", s, e)
            k = self.text.find(", according to", s, e)
            if k > s and b > v.i:
                e = k  # "X said that ..., according to state media": the report's source is not what was said
            s, e = _trim(self.text, s, e)
            if self.text[s:e].lower() == "that":
                # "The agency reported that, according to a review, the mine had
                # flooded": what follows the source is what the agency reported
                m = _THAT_ACCORDING.match(self.text, e)
                obj = _according_object(doc[self.token_at(m.start(1))]) if m else None
                if obj is None or obj.sent.start != v.sent.start:
                    continue
                s, e = _trim(self.text, obj.right_edge.idx + len(obj.right_edge), obj.sent.end_char)
            if e - s < 3:
                continue
            subj = self._misparsed_subject(v) if rule == "reported-speech-amod" else subject_of(v) or noun_before(v)
            inside = subj is not None and (s <= subj.idx < e) and not (
                (rule.endswith("inverted") and subj.i > v.i - 4) or rule.endswith("parenthetical"))
            out.append(Found([(s, e)], "indirect", subj if not inside else None, cue=_span(v), rule=rule))
        return out

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
        s, e = _trim(self.text, max(sent.start_char, self.text.rfind("\n", 0, v.idx) + 1), doc[v.i - 1].idx)
        if e - s < 10 or self.in_quote(s) is not None:
            return None
        return Found([(s, e)], "indirect", obj, cue=_span(v), rule="reported-speech-inverted")

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
        if lemma in OBJECT_SPEECH and obj is not None and obj.dep_ == "dobj" and not (lemma in _TO_HEARER and _hearer(obj)):
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
        return None

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
            if c.dep_ in ("cc", "conj"):
                break
            if self.doc[c.left_edge.i - 1].text == "," and not (
                # ", because ..." still gives the reason that was stated
                (c.dep_ in ("advcl", "ccomp") and any(g.dep_ == "mark" and g.lower_ in _REASON_MARKS for g in c.children))
                # ", including ..." goes on with the object
                or (c.dep_ == "prep" and c.lower_ in ("including", "such", "like"))
            ):
                break
            b = max(b, c.right_edge.i)
        return b

    def headlines(self) -> list[Found]:
        """ "Jane Roe: Nobody Will Lose Their Home" - a line that gives a name, a
        colon and what that person said (headline style)."""
        out: list[Found] = []
        doc = self.doc
        for a, b in paragraph_bounds(self.text):
            k = self.text.find(":", a, min(b, a + 60))
            if k < 0:
                continue
            rest = _trim(self.text, k + 1, b)
            if rest[1] - rest[0] < 12 or self.text[rest[0]] in ALL_MARKS or self.in_quote(rest[0]) is not None:
                continue
            i = self.token_at(k)
            if doc[i].idx != k or i == 0:
                continue
            name = doc[i - 1]
            if name.ent_type_ not in ("PERSON", "ORG") or doc[self.token_at(a)].ent_type_ not in ("PERSON", "ORG"):
                continue
            if any(not (t.ent_type_ or t.is_punct or t.is_space) for t in doc[self.token_at(a) : i]):
                continue
            out.append(Found([rest], "indirect", name, cue=(k, k + 1), rule="headline-colon"))
        return out

    def colon_blocks(self) -> list[Found]:
        """Block quotations without quotation marks: 'Jane Roe writes:' ending a
        paragraph introduces the next paragraph (and up to two more that carry no
        attribution of their own and introduce nothing)."""
        paras = paragraph_bounds(self.text)
        doc = self.doc
        out: list[Found] = []
        for k, (a, b) in enumerate(paras[:-1]):
            if self.text[a:b].rstrip()[-1:] != ":":
                continue
            last = doc[self.token_at(self.text.rfind(":", a, b))]
            toks = [t for t in last.sent if t.idx >= a and t.i <= last.i and not t.is_space]
            hit = self._cue_in(toks, False) if toks else None
            if hit is None or hit[1] is None or hit[1].lower_ in FIRST_PERSON or _TURN_LABEL.match(self.text, a, b):
                continue  # "you only need to run:" introduces a command, not someone's words
            spans: list[tuple[int, int]] = []
            for c, d in paras[k + 1 : k + 4]:
                body = self.text[c:d].strip()
                if not body or body[0] in ALL_MARKS or body.endswith(":"):
                    break
                if spans and (self._attributes_itself(c, d) or not _FIRST_PERSON.search(body)):
                    break  # goes on only in the writer's own voice ("I", "we")
                spans.append(_trim(self.text, c, d))
            if spans:
                out.append(Found(spans, "direct", hit[1], cue=_span(hit[0]), rule="block-after-colon"))
        return out

    def _attributes_itself(self, a: int, b: int) -> bool:
        """The paragraph reports someone named speaking ("Smith said ...")."""
        doc = self.doc
        for t in doc[self.token_at(a) : self.token_at(b - 1) + 1]:
            if self.in_quote(t.idx) is None and self.is_cue(t):
                subj = subject_of(t)
                if subj is not None and subj.pos_ == "PROPN":
                    return True
        return False

    def _inverted_ok(self, comp: "Token", v: "Token") -> bool:
        """ "The plan failed, he said." - only a comma and the subject between."""
        doc = self.doc
        subj = subject_of(v)
        skip = set(range(subj.left_edge.i, subj.right_edge.i + 1)) if subj is not None else set()
        between = doc[comp.right_edge.i + 1 : v.i]
        if any(t.text in (".", "!", "?") or "\n" in t.text for t in between):
            return False  # the clause ended a sentence before this one
        if not any(t.text in ",\u2014" or t.text in "\"\u201d'" for t in between[:2]):
            return False
        extra = [t for t in between if not t.is_punct and t.i not in skip and t.pos_ not in ("ADV", "AUX", "PART")]
        return len(extra) <= 1

    def _according(self, v: "Token") -> Found | None:
        obj = _according_object(v)
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
        s, e = _trim(self.text, s, e)
        if e - s < 10 or "\n" in self.text[s:e]:
            return None
        cue_end = v.idx + len(v)
        nxt = v.nbor(1) if v.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ == "to":
            cue_end = nxt.idx + len(nxt)
        return Found([(s, e)], "indirect", obj, cue=(v.idx, cue_end), rule="according-to")


def _dash_name_colon(before: list["Token"]) -> bool:
    """The frame ends "... - Jane Roe:" (a name standing alone after a dash)."""
    if len(before) < 3 or before[-1].text != ":":
        return False
    k = len(before) - 2
    while k >= 0 and (before[k].pos_ == "PROPN" or before[k].ent_type_ == "PERSON" or before[k].text in (".", "and", "&")):
        k -= 1
    return k < len(before) - 2 and k >= 0 and before[k].text in ("-", "\u2014", "\u2013", "\u2015", "|")


def _according_object(v: "Token") -> "Token | None":
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


def _phrase_head(t: "Token") -> "Token":
    """ "New" in "a New Hampshire Democrat" -> "Democrat"."""
    for _ in range(4):
        if t.dep_ in ("compound", "amod", "nmod", "poss") and t.head.i > t.i and t.head.i - t.i <= 4:
            t = t.head
        else:
            break
    return t


def doc_punct(t: "Token") -> bool:
    return t.is_punct or t.is_space


def _only_punct(s: str) -> bool:
    return all(ch.isspace() or ch in ",.;:\u2014\u2013-" for ch in s)


def _span(tok: "Token") -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n,;:\u2014\u2013-":
        s += 1
    while e > s and text[e - 1] in _TRIM_TAIL:
        e -= 1
    if e > s and text[e - 1] == "." and text[e - 2 : e] != "..":
        # a sentence's final period is not part of what was said
        e -= 1
    return s, e
