"""Interviews and transcripts: speaker labels, questions and answers.

A transcript gives each turn a label at the start of its paragraph:
"((Jane Roe)) ...", "((WN)) ...", "HOST: ...", "MR. OKAFOR: ...", "Q: ...",
"NG: ...".  Each labelled paragraph is that speaker's, and so are the
unlabelled paragraphs after an answer, up to the next label.  Labels become
actors: a name joins the person the article names ("MR. OKAFOR" -> Daniel
Okafor), initials join the person whose names they abbreviate ("NG" ->
Natasha Gownaris), "A:" is the interviewee the introduction names most, and a
role ("HOST", "AUDIENCE MEMBER") is an unnamed actor of its own.

Outside a transcript, a single paragraph opened by a person's name and a colon
("Ana Ruiz: We will ...", as an article prints an e-mail exchange) is that
person's too (:func:`name_label_paragraphs`), when the name is one the article
knows as a person or is shaped like one; a kicker ("Harbour row: ...",
"Update: ...") is not.

An interviewer asks; they are not a source.  Their turns are kept as quotes
with the rule :data:`QUESTION_RULE`, and :func:`is_question_turn` lets a
ranking leave them out, so that an interviewer never becomes an article's
(or a corpus's) most-quoted speaker just by asking many questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Quote
from .actors import ActorIndex, name_words, strip_titles
from .marks import paragraph_bounds
from .names import gender_of_given_name
from .speakers import Speaker

if TYPE_CHECKING:  # pragma: no cover
    from .quotes import Found

#: the rule of a quote that is an interviewer's question
QUESTION_RULE = "interview-question"
#: labels that stand for the interviewer; a value names the publication that asks
INTERVIEWER_LABELS = {"q": None, "question": None, "interviewer": None, "wn": "Wikinews", "wikinews": "Wikinews"}
#: labels that stand for whoever is being interviewed
ANSWER_LABELS = frozenset({"a", "answer"})
#: "((Jane Roe))" with an optional colon after it
_PAREN_LABEL = re.compile(r"[ \t]*\(\(([^()\n]{1,60})\)\)[ \t]*:?[ \t]*")
#: "HOST:", "MR. OKAFOR:", "Natasha Gownaris:" (judged further before it counts)
_PLAIN_LABEL = re.compile(r"[ \t]*([A-Z][A-Za-z.'\u2019\- ]{0,40}?)[ \t]*:[ \t]+(?=\S)")
#: titles that only stand before a person's name ("Dr. Walcott:"; not "General Election:")
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. prof prof. sen sen. rep rep. gov gov. rev rev. sir dame".split())
#: a caption or a heading between turns: no sentence end, a few words
_CAPTION = re.compile(r"(?:\bImage:|^[^.!?]{0,120}$)")


def is_question_turn(quote: Quote) -> bool:
    """An interviewer's question: a turn of the transcript, not a statement quoted as a source."""
    return quote.evidence is not None and quote.evidence.rule == QUESTION_RULE


@dataclass
class _Turn:
    label: str
    start: int  # where the label starts
    label_end: int  # where the words start
    end: int  # end of the paragraph
    bracketed: bool = False


def _label_key(label: str) -> str:
    return " ".join(label.lower().replace(".", "").split())


def _person_by_label(index: ActorIndex, label: str, only_labels: frozenset[int] = frozenset()) -> int | None:
    """The person an article names that a label stands for: a name, a surname, or
    initials (never a "person" the tagger read only in the labels: "HOST")."""
    words = name_words(label)
    stripped, _titles = strip_titles(words)
    people = [c for c in index.clusters if c.kind == "PERSON" and c.alias_of is None and not c.nominal
              and c.index not in only_labels]
    core = [w for w in stripped if len(w.rstrip(".")) > 1]
    if core:
        exact = [c for c in people if c.core and c.core == core]
        if exact:
            return exact[0].index
        last = [c for c in people if c.core and c.core[-1] == core[-1] and (len(core) == 1 or c.core[0] == core[0])]
        if len(last) == 1:
            return last[0].index
    letters = label.replace(".", "").replace(" ", "")
    if label.isupper() and 2 <= len(letters) <= 4 and letters.isalpha():
        initials = letters.lower()
        hits = [c for c in people if "".join(w[0] for w in c.words if w[:1].isalpha()) == initials]
        if len(hits) == 1:
            return hits[0].index
    return None


def _plain_label_ok(index: ActorIndex, label: str) -> bool:
    """A label without brackets counts when it is in capitals ("HOST", "MR. OKAFOR",
    "Q") or names a person of the article ("Natasha Gownaris")."""
    letters = [ch for ch in label if ch.isalpha()]
    if not letters or len(label.split()) > 4:
        return False
    if all(ch.isupper() for ch in letters):
        return True
    return _person_by_label(index, label) is not None


def _turns(text: str, index: ActorIndex) -> list[_Turn | tuple[int, int]]:
    """Each paragraph as a labelled turn, or as its bounds when it has no label."""
    out: list[_Turn | tuple[int, int]] = []
    for a, b in paragraph_bounds(text):
        m = _PAREN_LABEL.match(text, a, b)
        if m:
            out.append(_Turn(m.group(1).strip(), a, m.end(), b, True))
            continue
        m = _PLAIN_LABEL.match(text, a, b)
        if m and _plain_label_ok(index, m.group(1).strip()):
            out.append(_Turn(m.group(1).strip(), a, m.end(), b))
            continue
        out.append((a, b))
    return out


def _is_transcript(turns: list[_Turn]) -> bool:
    """Two or more labels in brackets; or, without brackets, at least two
    different labels, one of them used twice (a lone "Update:" is no transcript)."""
    if sum(1 for t in turns if t.bracketed) >= 2:
        return True
    keys = [_label_key(t.label) for t in turns]
    return len(set(keys)) >= 2 and any(keys.count(k) >= 2 for k in set(keys))


class _Speakers:
    """Labels to speakers, for one transcript."""

    def __init__(self, index: ActorIndex, text: str, first_turn: int, labels: list[tuple[int, int]]) -> None:
        self.index = index
        #: clusters named only inside the labels
        self.only_labels = frozenset(
            c.index for c in index.clusters
            if c.mentions and all(any(a <= s < b for a, b in labels) for s, _e, _k in c.mentions))
        self.text = text
        self.first_turn = first_turn
        self._cache: dict[str, Speaker] = {}

    def interviewee(self, interviewer: int | None) -> int | None:
        """The person the introduction names most (the one being interviewed)."""
        counts: dict[int, int] = {}
        for m in self.index.mentions:
            c = self.index.clusters[m.cluster]
            if c.kind == "PERSON" and m.cluster != interviewer and c.alias_of is None \
                    and m.cluster not in self.only_labels:
                counts[m.cluster] = counts.get(m.cluster, 0) + (2 if m.start < self.first_turn else 1)
        if not counts:
            return None
        return max(counts, key=lambda k: (counts[k], -self.index.clusters[k].first))

    def speaker(self, turn: _Turn, interviewer: int | None, asks: bool = False) -> Speaker:
        key = _label_key(turn.label)
        span = (turn.start, turn.label_end)
        chain_label = f"label \u201c{turn.label}\u201d"
        if key in ANSWER_LABELS:
            cid = self.interviewee(interviewer)
            if cid is None:
                cid = self.index.nominal("the interviewee", *span)
                return Speaker(cid, span, "nominal", (f"{chain_label} \u2192 the interviewee",), 0.6)
            name = self.index.clusters[cid].display
            return Speaker(cid, span, "descriptor", (f"{chain_label} \u2192 {name} (named in the introduction)",), 0.8)
        cid = _person_by_label(self.index, turn.label, self.only_labels)
        if cid is not None:
            name = self.index.clusters[cid].display
            return Speaker(cid, span, "descriptor" if name != turn.label else "name",
                           (f"{chain_label} \u2192 {name}",), 0.9)
        if key in INTERVIEWER_LABELS:
            outlet = INTERVIEWER_LABELS[key]
            cid = self.index.organisation(outlet, *span) if outlet else self.index.nominal("the interviewer", *span)
            shown = outlet or "the interviewer"
            return Speaker(cid, span, "descriptor", (f"{chain_label} \u2192 {shown}",), 0.85)
        letters = turn.label.replace(".", "")
        if letters.isalpha() and letters.isupper() and 2 <= len(letters) <= 4:
            # initials of no one the article names ("((WSS))")
            who = f"the interviewer ({turn.label})" if asks else f"the speaker {turn.label}"
            cid = self.index.nominal(who, *span)
            return Speaker(cid, span, "nominal", (f"{chain_label} \u2192 {who}",), 0.7)
        words, titles = strip_titles(name_words(turn.label))
        if titles or (len(words) >= 2 and all(w[:1].isupper() for w in turn.label.split())
                      and not turn.label.isupper()):
            # "MR. OKAFOR" or "Jane Roe", named nowhere else in the article
            display = " ".join(w.capitalize() if w.isupper() else w for w in turn.label.split())
            cid = self.index.person(display, *span)
            return Speaker(cid, span, "name", (f"{chain_label} \u2192 {display}",), 0.8)
        # a role: "HOST", "AUDIENCE MEMBER"
        role = turn.label.lower()
        cid = self.index.nominal(f"the {role}", *span, plural=role.endswith("s") and not role.endswith("ss"))
        return Speaker(cid, span, "nominal", (f"{chain_label} \u2192 the {role}",), 0.75)


def interview_turns(text: str, index: ActorIndex) -> list["Found"]:
    """The turns of a transcript as quotes whose speakers are already known."""
    from .quotes import Found, _trim

    paras = _turns(text, index)
    labelled = [p for p in paras if isinstance(p, _Turn)]
    if not _is_transcript(labelled):
        return []
    speakers = _Speakers(index, text, labelled[0].start, [(t.start, t.label_end) for t in labelled])
    keys = {_label_key(t.label) for t in labelled}
    # who asks: a label for the interviewer, or one whose turns are mostly questions
    asking: set[str] = {k for k in keys if k in INTERVIEWER_LABELS}
    for k in keys - asking - ANSWER_LABELS:
        mine = [t for t in labelled if _label_key(t.label) == k]
        questions = sum(1 for t in mine if text[t.label_end : t.end].rstrip().endswith("?"))
        if questions * 5 >= len(mine) * 3:
            asking.add(k)
    interviewer = None
    resolved: dict[str, Speaker] = {}
    for k in sorted(asking):
        t = next(t for t in labelled if _label_key(t.label) == k)
        resolved[k] = speakers.speaker(t, None, asks=True)
        interviewer = resolved[k].cluster if interviewer is None else interviewer
    out: list[Found] = []
    current: tuple[Speaker, bool] | None = None
    for p in paras:
        if isinstance(p, _Turn):
            k = _label_key(p.label)
            if k not in resolved:
                resolved[k] = speakers.speaker(p, interviewer)
            current = (resolved[k], k in asking)
            s, e = _trim(text, p.label_end, p.end)
            rule = QUESTION_RULE if current[1] else "interview-turn"
            cue = (p.start, p.label_end)
        else:
            a, b = p
            if current is None or current[1] or _CAPTION.search(text[a:b]):
                # after a question comes its answer's label; a caption or a
                # heading is nobody's turn
                continue
            s, e = _trim(text, a, b)
            rule, cue = "interview-continued", None
        if e - s < 3:
            continue
        sp = current[0]
        f = Found([(s, e)], "direct", None, cue=cue, rule=rule)
        f.speaker = sp
        out.append(f)
    return out


def _person_shaped(label: str) -> bool:
    """ "Ana Ruiz", "Dr. Walcott": capitalised words, opened by a given name or a title
    (never "Harbour row", "Breaking News", "Update")."""
    shown = label.split()
    if not 1 <= len(shown) <= 4 or not all(w[:1].isupper() for w in shown):
        return False
    words = name_words(label)
    if words[0] in _HONORIFICS:
        return len(words) >= 2
    return len(words) >= 2 and gender_of_given_name(words[0]) is not None


def name_label_paragraphs(text: str, index: ActorIndex) -> list["Found"]:
    """Paragraphs opened by a person's name in mixed case and a colon ("Ana Ruiz:
    We will ..."), each that person's words, outside a transcript."""
    from .quotes import Found, _trim

    out: list[Found] = []
    for a, b in paragraph_bounds(text):
        m = _PLAIN_LABEL.match(text, a, b)
        if not m:
            continue
        label = m.group(1).strip()
        if label.isupper() or len(label.split()) > 4 or not (
                _person_by_label(index, label) is not None or _person_shaped(label)):
            continue  # capitals are the transcripts' labels; the rest is no name
        s, e = _trim(text, m.end(), b)
        if e - s < 12:
            continue
        turn = _Turn(label, a, m.end(), b)
        f = Found([(s, e)], "direct", None, cue=(a, m.end()), rule="name-label")
        f.speaker = _Speakers(index, text, a, [(a, m.end())]).speaker(turn, None)
        out.append(f)
    return out
