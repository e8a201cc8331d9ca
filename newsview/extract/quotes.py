"""Quotes: direct quotations, reported speech and mixed quotes, with speakers.

``QuoteFinder`` is the entry point: the direct quotations (and the fragments
of mixed quotes) found here, reported speech from ``reported_speech``, frames
and cues from ``quote_frames``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .cues import BELIEF_VERBS, FIRST_PERSON, INTRO_VERBS, WEAK_SPEECH_VERBS
from .marks import ALL_MARKS, QuotedPiece, paragraph_bounds
from .quote_frames import END_PUNCT, Found, doc_punct, token_span, trim_quote
from .quote_frames import trim_quote as _trim
from .reported_speech import ReportedSpeech
from .speech_subjects import is_time, speaker_phrase, subject_of
from .speech_verbs import FRAGMENT_VERBS, FRAME_VERBS, HEARERS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: names other modules import from here, wherever they are defined now
__all__ = ["Found", "QuoteFinder", "_trim", "doc_punct"]

_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I\u2019m|I've|I\u2019ve|me|my|we|We|our|Our|us)\b")
#: a speaker label opening a transcript paragraph: "((Jane Roe))"
_TURN_LABEL = re.compile(r"[ \t]*\(\(([^()\n]{1,60})\)\)[ \t]*")


#: short words a title may leave in lower case ("Lights of the Harbour")
_TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from".split())


class QuoteFinder(ReportedSpeech):
    """All the quotes of one document: direct, mixed, reported, headlines and
    blocks after a colon."""

    def fragments(self, found: list[Found]) -> list[Found]:
        """Quoted fragments no reported clause took in: 'X derided him as a man
        "who speaks evil"' becomes a mixed quote over the verb's complement."""
        doc = self.doc
        taken = [(f.start, f.end) for f in found]
        out: list[Found] = []
        for p in self.pieces:
            if any(a < p.close_end and b > p.open_pos for a, b in taken) or not self._embedded(p) \
                    or self._is_title(p):
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
            s, e = trim_quote(self.text, doc[a].idx, doc[b].idx + len(doc[b]))
            e = max(e, p.close_end if self.text[p.close_end - 1 : p.close_end] in "\u201d\"'" else p.end)
            if "\n" in self.text[s:e] or e - s > 400:
                continue
            subj = speaker_phrase(v)
            if subj is not None and s <= subj.idx < e:
                subj = None
            out.append(Found([(s, e)], "mixed", subj, cue=token_span(v), rule="mixed-fragment"))
            taken.append((s, e))
        return out

    def _is_title(self, p: QuotedPiece) -> bool:
        """ "said on the station's “Morning Quay”", "in an interview with “Island
        Evening”", "the author of “Harbour Lights”": the name of a programme or a
        work, not words anyone said."""
        words = self.text[p.start : p.end].strip(" .,!?").split()
        if not 1 <= len(words) <= 8 or not words[0][:1].isupper() or not all(
                w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL_WORDS for w in words):
            return False
        before = self.text[max(0, p.open_pos - 12) : p.open_pos].rstrip()
        last = before.split()[-1].lower() if before.split() else ""
        return last.endswith(("'s", "’s")) or last in ("on", "with", "of")

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
        if self._opens_sentence(i):
            return False  # '… he said. But "it helps."': a conjunction is no clause to be inside
        # 'he told CNN "...', 'she told him "...' - but not 'lamented the "bickering"'
        if i > 0 and (t.pos_ in ("PROPN", "PRON") or t.lower_ in HEARERS) and cue(doc[i - 1]):
            return False
        return True

    def _opens_sentence(self, i: int) -> bool:
        """Only a conjunction or an adverb or two ("But", "And still,") stand between
        the start of a sentence and token ``i``."""
        doc = self.doc
        k = i
        while k >= 0 and i - k < 3 and (doc[k].pos_ in ("CCONJ", "ADV") or doc[k].text == ","):
            k -= 1
        if k == i or (k >= 0 and i - k >= 3):
            return False
        first = doc[k + 1]
        if not first.text[:1].isupper():
            return False
        before = self.text[: first.idx].rstrip(" \t\u00a0")
        return not before or before[-1] in ".!?\n”\""

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
            closes_sentence = self.text[p.start : p.end].rstrip()[-1:] in END_PUNCT
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
            if hit is None and not before:
                intro = self._intro_sentence(p)
                if intro is not None:
                    hit, rule = intro, "direct-after-intro"
            if not self._is_full_quote(p, hit is not None):
                continue
            # join pieces of one quotation: "A," he said, "B."
            if pending is not None and self._joins(pending, p):
                pending.spans.append((p.start, p.end))
                pending.pieces.append(p)
                if pending.subj is None and hit is not None and hit[1] is not None:
                    pending.subj, pending.cue, pending.rule = hit[1], token_span(hit[0]), rule
                continue
            if pending is not None:
                out.append(pending)
            f = Found([(p.start, p.end)], "direct", pieces=[p])
            if hit is not None:
                f.subj, f.cue, f.rule = hit[1], token_span(hit[0]), rule
            pending = f
        if pending is not None:
            out.append(pending)
        return out

    def _intro_sentence(self, p: QuotedPiece) -> tuple["Token", "Token"] | None:
        """ 'Her friend Ana Ruiz, 20, chimed in. "I never thought ..."': a quotation
        opening a sentence right after one, in the same paragraph, that only says
        someone spoke (a speech verb with a subject and nothing said) is theirs."""
        doc = self.doc
        i = self.token_at(p.open_pos)
        if doc[i].idx >= p.open_pos:
            i -= 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 1 or doc[i].text not in (".", ":") or "\n" in self.text[doc[i].idx : p.open_pos]:
            return None
        sent = doc[i - 1].sent
        line = self.text.rfind("\n", 0, sent.start_char) + 1
        before = self.text[line : sent.start_char].rstrip()
        if (before and before[-1] in ALL_MARKS) or any(t.text[:1] in ALL_MARKS for t in sent):
            return None  # '"A," the message reads. "B."': the attribution of the quotation before
        verb = sent.root
        spoke = self.is_cue(verb) or (verb.pos_ == "VERB" and verb.lemma_.lower() in FRAME_VERBS)
        if len(sent) > 30 or not spoke or any(self.in_quote(t.idx) is not None for t in sent):
            return None
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd", "acomp") for c in verb.children):
            return None  # "X said the plan was dead.": something was said there already
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ not in ("PROPN", "NOUN", "PRON") or subj.lower_ in ("it", "this", "that"):
            return None
        return verb, subj

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
                self.text[last.end - 1 : last.end] in END_PUNCT:
            # 'X tweeted "A." President Y remarked, "B."': a finished quotation
            # with its own speaker; the next attribution starts another
            return False
        # the gap is only the attribution: ", he said, " / ". Barkley said. "
        toks = self._frame_after(last)
        if not toks:
            return False
        words = [t for t in toks if not t.is_punct]
        cues = [t for t in toks if self.is_cue(t)]
        if len(words) > 40 or not cues:
            return False
        if len(cues) > 1 and cues[-1].tag_ == "VBG" and _only_punct(self.text[cues[-1].idx + len(cues[-1]) : p.open_pos]):
            # '"A," she said, adding, "B."': the second quotation is what she added,
            # a quotation of its own
            return False
        # nothing but the attribution clause and punctuation between the pieces
        rest = self.text[toks[-1].idx + len(toks[-1]) : p.open_pos]
        return _only_punct(rest)

    # ---------------------------------------------------------- reported --
    def headlines(self) -> list[Found]:
        """ "Jane Roe: Nobody Will Lose Their Home" - a line that gives a name, a
        colon and what that person said (headline style)."""
        out: list[Found] = []
        doc = self.doc
        for a, b in paragraph_bounds(self.text):
            k = self.text.find(":", a, min(b, a + 60))
            if k < 0:
                continue
            rest = trim_quote(self.text, k + 1, b)
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
                spans.append(trim_quote(self.text, c, d))
            if spans:
                out.append(Found(spans, "direct", hit[1], cue=token_span(hit[0]), rule="block-after-colon"))
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


def _dash_name_colon(before: list["Token"]) -> bool:
    """The frame ends "... - Jane Roe:" (a name standing alone after a dash)."""
    if len(before) < 3 or before[-1].text != ":":
        return False
    k = len(before) - 2
    while k >= 0 and (before[k].pos_ == "PROPN" or before[k].ent_type_ == "PERSON" or before[k].text in (".", "and", "&")):
        k -= 1
    return k < len(before) - 2 and k >= 0 and before[k].text in ("-", "\u2014", "\u2013", "\u2015", "|")

def _only_punct(s: str) -> bool:
    return all(ch.isspace() or ch in ",.;:\u2014\u2013-" for ch in s)
