"""Putting actors and quotes together into an Extraction."""

from __future__ import annotations

import re

from typing import TYPE_CHECKING

from ..model import Actor, Entity, Evidence, Mention, Quote
from .actors import SPEAKING_ONLY, ActorIndex
from .cues import PERSONAL_PRONOUNS
from .documents import DOCUMENT, source_kind
from .extraction import Extraction
from .interviews import QUESTION_RULE, interview_turns, name_label_paragraphs
from .named_things import thing_kind
from .quotes import Found, QuoteFinder
from .speakers import SpeakerResolver
from .speech_nouns import noun_reports
from .unattributed import assume_speakers

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

def _alnum_outside(text: str, s: int, e: int, holes: list[tuple[int, int]]) -> tuple[int, int]:
    """Count letters/digits of text[s:e] outside and inside the ``holes``."""
    inside = outside = 0
    seg = text[s:e]
    # a leading "that" belongs to the frame, not to the content
    low = seg.lower()
    skip = 4 if low.startswith("that") else 0
    for k, ch in enumerate(seg):
        if not ch.isalnum():
            continue
        pos = s + k
        if any(a <= pos < b for a, b in holes):
            inside += 1
        elif k >= skip:
            outside += 1
    return outside, inside


def _lend(r: Found, direct: list[Found], rule: str) -> bool:
    """Give direct quotes that overlap ``r`` its speaker when they have none;
    tell whether any overlaps."""
    inner = [d for d in direct if d.start < r.end and d.end > r.start]
    for d in inner:
        if d.subj is None and r.subj is not None:
            d.subj, d.cue, d.rule = r.subj, r.cue, rule
    return bool(inner)


def _attribution_start(r: Found) -> int:
    """Where the attribution inside a parenthetical report begins."""
    starts = [r.end]
    if r.cue is not None:
        starts.append(r.cue[0])
    if r.subj is not None:
        starts.append(r.subj.left_edge.idx)
    return max(r.start, min(starts))


def _speakers_own_act(finder: QuoteFinder, s: int) -> bool:
    """ "Speaking to reporters, he said, “…”", "When asked, she said, “…”": the
    words before the attribution tell what the speaker did, not what was said."""
    first = finder.doc[finder.token_at(s)]
    return first.tag_ in ("VBG", "VBN") or first.pos_ == "SCONJ"


def combine(text: str, finder: QuoteFinder, direct: list[Found], reported: list[Found]) -> list[Found]:
    pieces = [(p.open_pos, p.close_end) for p in finder.pieces]
    dropped_direct: set[int] = set()
    kept: list[Found] = []
    verb_found = [r for r in reported if r.rule != "according-to"]
    for r in reported:
        s, e = r.start, r.end
        near = [(a, b) for a, b in pieces if a < e and b > s]
        if r.rule == "according-to":
            # "“…,” X said, according to Y" / "Z said …, according to Y": the
            # quote belongs to X or Z; Y is only the source of the report
            if _lend(r, direct, "direct-according-to"):
                continue
            if any(min(e, o.end) - max(s, o.start) > 0.9 * max(e - s, o.end - o.start) for o in verb_found):
                continue
            if any(o.cue is not None and s <= o.cue[0] < e and s <= o.start and o.end <= e and o.subj is not None
                   and o.subj.lower_ in PERSONAL_PRONOUNS for o in verb_found):
                continue  # "..., he added, according to Interfax": Interfax reports what he said
        if not near:
            kept.append(r)
            continue
        if any(len(d.spans) > 1 and d.start - 1 <= s and e <= d.end + 1 for d in direct):
            # '"A", adding, "B"': the clause is a split quotation and its attribution
            _lend(r, direct, "direct-reported-frame")
            continue
        outside, inside = _alnum_outside(text, s, e, near)
        if r.rule.endswith("parenthetical") and (
                _alnum_outside(text, s, _attribution_start(r), near)[0] < 3 or _speakers_own_act(finder, s)):
            # '"A," Blackwell added, "B."': the quotation carries its own attribution
            # (but in 'These rules, the lawyers said, "all point one way"' the words
            # before the attribution are reported too: a mixed quote)
            if _lend(r, direct, "direct-reported-frame"):
                continue
        if outside < 3:
            # the clause is a direct quote's own content: lend it the speaker
            _lend(r, direct, "direct-reported-frame")
            continue
        # mixed: reported clause with quoted fragments; take the fragments whole
        s = min(s, min(a for a, _ in near) + 1)
        e = max(e, max(b for _, b in near) - 1)
        r.spans = [(s, e)]
        r.kind = "mixed"
        for k, d in enumerate(direct):
            if d.start >= s - 1 and d.end <= e + 1:
                dropped_direct.add(k)
        kept.append(r)
    out = [d for k, d in enumerate(direct) if k not in dropped_direct] + kept
    out.sort(key=lambda f: (f.start, -f.end))
    # identical spans found twice (e.g. two cue verbs)
    uniq: list[Found] = []
    seen: set[tuple[int, int]] = set()
    for f in out:
        key = (f.start, f.end)
        if key in seen:
            continue
        seen.add(key)
        uniq.append(f)
    return uniq


def _continuations(text: str, found: list[Found]) -> list[Found]:
    """A direct quote with no cue of its own continues the previous speaker; in
    the same paragraph, right after that quote's attribution, it is the same quote
    (The deal "looks out for Wall Street," Sanders wrote. "That is unacceptable.")."""
    out: list[Found] = []
    prev: Found | None = None
    for f in found:
        if f.kind == "direct" and f.speaker.cluster is None and f.cue is None and prev is not None:
            gap = text[prev.end : f.start]
            if "\n" not in gap and prev.cue is not None and prev.end <= prev.cue[0] and prev.cue[1] <= f.start \
                    and len(gap) < 120:
                prev.spans = prev.spans + f.spans
                if prev.kind == "indirect":
                    prev.kind = "mixed"
                continue
            if prev.kind == "direct" and prev.speaker.cluster is not None and gap.count("\n\n") == 1 \
                    and gap.count("\n") == 2 and len(gap) < 400 and _quote_only_paragraph(text, f):
                # '“A,” he said.\n\n“B.”': a paragraph that is only a quotation goes on
                # with the quotation of the paragraph before it
                prev.spans = prev.spans + f.spans
                continue
            if gap.count("\n") <= 2 and len(gap) < 400 and prev.speaker.cluster is not None:
                sp = prev.speaker
                f.speaker = type(sp)(sp.cluster, sp.span, sp.kind, sp.chain + ("continues the previous quote",),
                                     min(sp.confidence, 0.6))
                f.rule = "continuation"
        out.append(f)
        prev = f
    return out


def _quote_only_paragraph(text: str, f: Found) -> bool:
    """Nothing but the quotation (and its marks) in the quotation's paragraph."""
    a = text.rfind("\n", 0, f.start) + 1
    b = text.find("\n", f.end)
    b = len(text) if b < 0 else b
    return not any(c.isalnum() for c in text[a : f.start] + text[f.end : b])


#: what opens a clause of the writer's own inside a sentence ("X said A, while Y ...")
_OWN_CLAUSE = re.compile(r"(?:,|\s)\s*(?:while|whereas|when|as)\s", re.I)
#: what joins a second clause to the first ("…, and", "… but")
_JOINED_CLAUSE = re.compile(r"(?:,\s*|\s)(?:and|but)\s")
#: what joins a speaker's own participle to what the speaker said (", arguing", " — saying")
_PARTICIPLE_JOIN = re.compile(r"(?:,|\u2014|\s-)\s*$")


def _reports_inside(text: str, outer: Found, inner: Found) -> bool:
    """ "Aides said that the mayor had promised to resign": the inner report, cue
    and all, is part of what the outer one reports; the outer speaker is the source.
    Not a participle of the speaker's own ("said A, arguing B") nor a report in a
    clause of the writer's ("said A, while Y argued B"): those report on their own."""
    if outer.kind == "direct" or inner.cue is None or not (outer.rule.startswith("reported-speech") or (
            # "Most voters say X, according to a poll": the poll reports what they say;
            # "Lee said X, according to a pool report": Lee speaks, the report is a source
            outer.rule == "according-to" and inner.speaker.kind != "name")):
        return False
    a, b = inner.cue
    if not (outer.start <= inner.start and inner.end <= outer.end and (outer.start, outer.end) != (
            inner.start, inner.end) and any(s <= a and b <= e for s, e in outer.spans)):
        return False
    return not text[a:b].endswith("ing") and not _OWN_CLAUSE.search(text, outer.start, a)


def _end_before_own_reports(text: str, found: list[Found]) -> None:
    """ "He said the vote was lost, arguing that the party had split", "She said the
    toll was fair, while her rival has argued that ...": what the verb reports ends
    before the speaker's own participle, or before a clause of the writer's that
    holds a report of its own (the parse may have hung either inside the first
    verb's clause)."""
    for outer in found:
        if outer.kind == "direct" or not outer.rule.startswith("reported-speech"):
            continue
        for inner in found:
            s, e = outer.spans[-1]
            if inner is outer or inner.cue is None:
                continue
            a, b = inner.cue
            if not (s < a and b <= e and inner.start >= b):
                continue
            end = None
            join = _PARTICIPLE_JOIN.search(text, s, a)
            if text[a:b].endswith("ing") and join is not None and inner.speaker.cluster == outer.speaker.cluster:
                end = join.start()
            else:
                own = [m for m in _OWN_CLAUSE.finditer(text, s, a)]
                # only a clause joined on with a named or described speaker of its own:
                # "…, and he denied …" or "… and who claimed …" goes on with what was said
                lead = inner.subj.left_edge.idx if inner.subj is not None and inner.subj.pos_ != "PRON" \
                    and inner.subj.head.dep_ in ("conj", "ccomp") else -1
                joined = [m for m in _JOINED_CLAUSE.finditer(text, s, a) if m.end() == lead]
                if own and inner.speaker.cluster != outer.speaker.cluster:
                    end = own[-1].start()
                elif joined and s < lead:
                    # "The report said demand was weak, and a presentation said margins
                    # would grow": a joined clause with a speaker and a verb of its own
                    end = joined[-1].start()
            if end is None:
                continue
            while end > s and text[end - 1] in " ,":
                end -= 1
            if end - s >= 3:
                outer.spans = outer.spans[:-1] + [(s, end)]


def _drop_nested(text: str, found: list[Found]) -> list[Found]:
    """ "X said A, which he said would B": the inner report of the same speaker
    is part of the outer one, not a second quote."""
    out = []
    for f in found:
        c = f.speaker.cluster
        if c is not None and f.kind == "indirect" and f.rule.endswith("parenthetical") and any(
                g is not f and g.speaker.cluster == c and g.start <= f.start and f.end <= g.end
                and (g.start, g.end) != (f.start, f.end) for g in found):
            continue
        if f.kind == "indirect" and f.cue is not None and any(_reports_inside(text, g, f) for g in found if g is not f):
            continue
        out.append(f)
    return out


def assemble(doc: "Doc") -> Extraction:
    text = doc.text
    index = ActorIndex(doc, text)
    finder = QuoteFinder(doc, text, index.tokens)
    resolver = SpeakerResolver(index, finder.in_quote)
    direct = finder.direct()
    reported = finder.reported(direct) + finder.headlines() + noun_reports(doc, text, finder.in_quote)
    found = combine(text, finder, direct, reported)
    blocks = finder.colon_blocks()
    found = found + finder.fragments(found)
    # what an intro clause ('X writes:') seemed to report inside its block quotation
    found = [f for f in found if not any(
        b.spans[0][0] <= f.start and f.end <= b.spans[-1][1] and f.cue is not None and f.cue[1] <= b.spans[0][0]
        for b in blocks)]
    turns = interview_turns(text, index)
    labels: list[tuple[int, int]] = []
    if turns:
        # a transcript's labels are not "Name: what they said" headlines or introductions
        labels = [f.cue for f in turns if f.cue is not None]
        found = [f for f in found + blocks if not (f.cue is not None and any(
            a <= f.cue[0] < b for a, b in labels))]
        blocks = []
    # "Ana Ruiz: We will ...": a name's line that no other rule read as a quote
    named_lines = [] if turns else [f for f in name_label_paragraphs(text, index) if not any(
        f.start < g.end and g.start < f.end for g in found + blocks)]
    found = sorted(found + blocks + turns + named_lines, key=lambda f: (f.start, -f.end))
    # speakers in text order, so that "he" can follow the previous speaker
    # ("the affidavit said that Ruiz had seen bruises. \"...\" she wrote": a person
    # named in what a document says is who a pronoun after it goes on about)
    resolver.set_contents([span for f in found for span in f.spans
                           if f.subj is None or source_kind(f.subj) != DOCUMENT])
    for f in sorted(found, key=lambda f: f.subj.idx if f.subj is not None else f.start):
        if f.subj is not None:
            f.speaker = resolver.resolve_relayed(f.subj)
            resolver.note_speaker(f.subj.idx, f.speaker.cluster)
    # "Jane Roe: Nobody Will Lose Their Home" is Jane Roe speaking; "Leaked Memo:
    # Minister Mocked Rivals" is a label over a headline, not anyone's words
    # "HS Roundup: Viera Defeats Rockledge" is a page section's label too
    found = [f for f in found if f.rule not in ("headline-colon", "direct-colon-name") or (
        f.speaker.cluster is not None and not index.clusters[f.speaker.cluster].nominal
        and thing_kind(list(index.clusters[f.speaker.cluster].words)) != "page section")]
    found = _continuations(text, found)
    assume_speakers(doc, found, resolver)
    _end_before_own_reports(text, found)
    found = _drop_nested(text, found)
    if turns:
        # what a question seems to report ("You suggest that ...", "Which officials
        # would you ask ...?") is the interviewer's wording, not a speaker's quote
        questions = [(f.start, f.end) for f in turns if f.rule == QUESTION_RULE]
        found = [f for f in found if f.rule.startswith("interview") or f.speaker.kind == "name"
                 or not any(a <= f.start and f.end <= b for a, b in questions)]

    # which clusters become actors
    quoted: dict[int, list[int]] = {}
    #: what ranks an actor: its quotes, an interviewer's questions left out
    statements: dict[int, int] = {}
    for k, f in enumerate(found):
        if f.speaker.cluster is not None:
            quoted.setdefault(f.speaker.cluster, []).append(k)
            if f.rule != QUESTION_RULE:
                statements[f.speaker.cluster] = statements.get(f.speaker.cluster, 0) + 1
    keep = []
    common = {t.text for t in index.tokens if t.is_lower and t.is_alpha}
    index.demote_non_people(set(quoted))
    index.demote_known_places(set(quoted))
    index.hide_named_things(set(quoted))
    for c in index.clusters:
        if c.alias_of is not None:
            continue  # a birth name, merged into the person's actor
        if c.index not in quoted:
            if c.kind in SPEAKING_ONLY or c.nominal or c.hidden:
                continue
            if len(c.words) == 1 and c.words[0] in common:
                continue  # "Band", "Run": a common word the model took for a name
            if (len(c.words) == 1 or c.kind == "PERSON") and c.mentions \
                    and all(finder.in_quote(s) is not None for s, _e, _k in c.mentions):
                # "'Bloody hell'", "'being Miss Prim'": a name only ever inside someone's words
                continue
            if c.mentions and labels and all(any(a <= s < b for a, b in labels) for s, _e, _k in c.mentions):
                continue  # "WN" read in a transcript's labels: the label's speaker stands for it
        keep.append(c)
    extra_by_cluster: dict[int, list[tuple[int, int, str]]] = {}
    for f in found:
        sp = f.speaker
        if sp.cluster is not None and sp.span is not None and sp.kind in ("pronoun", "descriptor", "nominal"):
            kind = "descriptor" if sp.kind == "nominal" else sp.kind
            extra_by_cluster.setdefault(sp.cluster, []).append((sp.span[0], sp.span[1], kind))
    # other personal pronouns, where the antecedent is clear enough
    speaker_spans = {f.speaker.span for f in found}
    for tok in index.tokens:
        low = tok.lower_
        if low not in PERSONAL_PRONOUNS or finder.in_quote(tok.idx) is not None:
            continue
        span = (tok.idx, tok.idx + len(tok))
        if span in speaker_spans:
            continue
        sp = resolver.resolve(tok)
        if sp.cluster is not None and sp.confidence >= 0.8:
            extra_by_cluster.setdefault(sp.cluster, []).append((span[0], span[1], "pronoun"))
    keep.sort(key=lambda c: (-statements.get(c.index, 0), -len(c.mentions), c.first))
    ids = {c.index: f"a{n}" for n, c in enumerate(keep, 1)}

    quote_objs: list[Quote] = []
    qids: dict[int, str] = {}
    for n, f in enumerate(found, 1):
        qid = f"q{n}"
        qids[id(f)] = qid
        sp = f.speaker
        actor = ids.get(sp.cluster) if sp.cluster is not None else None
        cue = text[f.cue[0] : f.cue[1]] if f.cue else None
        conf = sp.confidence if actor else min(sp.confidence, 0.3)
        chain = sp.chain
        rule = f.rule or f.kind
        quote_objs.append(
            Quote(
                id=qid,
                start=f.start,
                end=f.end,
                text=" ".join(text[a:b] for a, b in f.spans),
                kind=f.kind,
                speaker=actor,
                speaker_span=sp.span if actor or sp.span else None,
                cue=cue,
                cue_span=f.cue,
                confidence=round(max(0.0, min(1.0, conf)), 3),
                spans=tuple(f.spans),
                evidence=Evidence(rule, chain),
            )
        )

    actors = []
    mentions: list[Mention] = []
    for c in keep:
        aid = ids[c.index]
        spans = [(s, e, kind) for s, e, kind in c.mentions] + extra_by_cluster.get(c.index, [])
        spans = sorted(set(spans))
        for s, e, kind in spans:
            mentions.append(Mention(s, e, aid, kind))
        aliases = sorted({a for a in c.forms if a != c.display}, key=lambda a: (-c.forms[a], a))
        actors.append(
            Actor(
                id=aid,
                name=c.display,
                kind=c.kind,
                aliases=tuple(aliases),
                mentions=tuple((s, e) for s, e, _ in spans),
                quotes=tuple(qids[id(found[k])] for k in quoted.get(c.index, [])),
                gender=c.gender if c.kind == "PERSON" else None,
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    # a name or a label found many times is kept once (a long article has thousands)
    shared: dict[str, str] = {}
    entities = tuple(
        Entity(s, e, shared.setdefault(label, label), shared.setdefault(name, name),
               ids.get(cid) if cid is not None else None)
        for s, e, label, cid in index.entities
        for name in (text[s:e],)
    )
    return Extraction(entities=entities, actors=tuple(actors), mentions=tuple(mentions), quotes=tuple(quote_objs))
