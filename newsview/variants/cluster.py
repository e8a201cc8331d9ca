"""The same statement across articles: candidate pairs, word alignment, clusters, flags.

``find_variants`` takes quotes from many articles and returns the clusters of
versions of one statement quoted in two or more of them:

1. Each direct quote is one *unit* (its pieces read as one statement); each
   quoted fragment of a mixed quote is a unit of its own; reported speech is
   paraphrase, not quotation, and is left out.
2. Units with exactly the same words are one group from the start (long
   ones always; short ones only where the evidence agrees, see below).
3. Candidate pairs of distinct texts come from the rare-shingle index
   (``index.py``), never from comparing every pair.
4. Each candidate is aligned word by word; a pair is accepted when the other
   version has at least ``share`` of the shorter version's words, in order.
   When the words they share are fewer than ``short`` ("very bad"), they are
   accepted only when the evidence agrees: the same known speaker, or the
   same words around the quote in both articles (only the latter for a
   short excerpt of a longer version).  Common phrases therefore never
   chain unrelated quotes into one giant cluster.
5. Accepted pairs are joined with union-find; each joined group is then split
   around its longest version, so that every member of a cluster is itself a
   version of the cluster's reference (containment chains A ⊃ p ⊂ B do not
   make A and B one statement).
6. Flags come from every member's alignment with the reference and from the
   speakers (``names.same_speaker``).
"""

from __future__ import annotations

import hashlib
import itertools
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from .align import compare, matched_words
from .index import CAP, candidate_pairs
from .attribution import attribution_nearby
from .model import (
    CONFLICTING,
    FLAGS,
    IDENTICAL,
    SURE,
    UNATTRIBUTED_ELSEWHERE,
    Change,
    Cluster,
    Member,
    MemberDiff,
    Piece,
    VariantQuote,
)
from .documents import CONTEXT_CHARS
from .names import name_key, same_speaker
from . import spread
from .spread import GroupPayload, Workers, group_payloads
from .units import QuoteForm, Units, cut_units
from .words import Words, normalised_words, words_of

#: fewer shared words than this need the speaker or the context to agree
SHORT = 6
#: share of the shorter version's words the other version must have, in order
SHARE = 0.75
#: versions that differ inside (not only where they start and stop) and share fewer
#: words than this need the same context: one speaker reuses short sentence templates
#: ("What prompted your interest in astronomy?" / "... in archaeology?")
ALTERED_SHARED = 8
#: versions sharing fewer words than this, from two speakers the articles name differently,
#: are two statements unless the words around them agree: a campaign's talking point
#: ("temperamentally unfit to be commander-in-chief") is said by many people, and the
#: same few words from two of them are neither one statement nor a conflict
TALKING_POINT = 10
#: context word pairs two articles must share to count as "the same context"
CONTEXT_BIGRAMS = 3
#: identical short quotes compared pair by pair for evidence when this few
_SMALL_GROUP = 50
#: a version is compared with at most this many (the longest) cluster references of its group
_SPLIT_TRIES = 50

Speakers = Mapping[tuple[str, str], "str | None"]


#: what may stand between a label's colon and the quote: spaces and opening quotation marks
_MARKS_AND_SPACE = " \t\"'\u201c\u201e\u00ab\u2018"


class _Corpus:
    """The units (quotes, or fragments of mixed quotes) and what is known about each."""

    def __init__(self, quotes: Sequence[VariantQuote], speakers: Speakers | None) -> None:
        self.quotes = quotes
        self.speakers = speakers or {}
        self.unit_quote = array("q")
        self.unit_piece = array("q")  # -1: all the quote's pieces
        #: every unit's words as 64-bit hashes, end to end, and where each unit's start
        self.word_hashes = np.empty(0, np.int64)
        self.offsets = np.zeros(1, np.int64)
        self._context: dict[int, frozenset[tuple[str, str]]] = {}

    def set_units(self, units: Units) -> None:
        self.unit_quote = array("q", units.quote.tobytes())
        self.unit_piece = array("q", units.piece.tobytes())
        self.word_hashes = units.word_hashes
        self.offsets = units.offsets

    def pieces(self, u: int) -> tuple[Piece, ...]:
        q = self.quotes[self.unit_quote[u]]
        p = self.unit_piece[u]
        return q.pieces if p < 0 else (q.pieces[p],)

    def text(self, u: int) -> str:
        return " ".join(t for _, t in self.pieces(u))

    def words(self, u: int) -> list[int]:
        """The unit's words, as hashes: all that comparing two versions' words needs."""
        return self.word_hashes[self.offsets[u]:self.offsets[u + 1]].tolist()

    def quote(self, u: int) -> VariantQuote:
        return self.quotes[self.unit_quote[u]]

    def speaker(self, u: int) -> str | None:
        q = self.quote(u)
        return self.speakers.get((q.doc, q.quote), q.speaker)

    def speaker_names(self, u: int) -> tuple[str, ...]:
        """The names of a unit's speaker; () when the speaker is unknown or only described."""
        q = self.quote(u)
        given = (q.doc, q.quote) in self.speakers
        name = self.speaker(u)
        if name is None or not name_key(name) or not (given or q.speaker_named):
            return ()
        return (name,) if given else (name, *q.speaker_aliases)

    def person_names(self, u: int) -> tuple[str, ...]:
        """The names of a unit's speaker if it may be a person; () for a body, a place or a document."""
        q = self.quote(u)
        return self.speaker_names(u) if (q.doc, q.quote) in self.speakers or q.speaker_person else ()

    def labelled(self, u: int, family: set[str]) -> bool:
        """Is a unit introduced by a line naming one of the speakers by their ``family`` name?

        'Secretary of the Air Force James Roche: "No, Sir, ..."', 'Madonna's
        introduction began: "Twenty years ago ..."': the text from the start
        of the quote's line to the quote names the speaker and ends with a
        colon.  The article attributes the quote, even where the engine did
        not read the attribution.
        """
        q = self.quote(u)
        lead = q.context[:min(q.pieces[0][0], CONTEXT_CHARS)].rsplit("\n", 1)[-1]
        return lead.rstrip(_MARKS_AND_SPACE).endswith(":") and not family.isdisjoint(normalised_words(lead))

    def sure(self, u: int) -> bool:
        """Is a unit's speaker sure enough to accuse another outlet: reviewed, or read with confidence?"""
        return self.confidence(u) >= SURE  # a reviewed speaker counts as 1.0

    def confidence(self, u: int) -> float:
        q = self.quote(u)
        return 1.0 if (q.doc, q.quote) in self.speakers else q.confidence

    def attributed_nearby(self, u: int) -> bool:
        """Does the text around an unattributed unit attribute it in a way the engine did not resolve?"""
        q = self.quote(u)
        return attribution_nearby(q, min(q.pieces[0][0], CONTEXT_CHARS))

    def unattributed(self, u: int) -> bool:
        """No attribution at all: no speaker and no attribution cue.

        A description ("a spokesman") is a speaker; a quote the article
        attributes to someone the engine could not name (a pronoun it did not
        resolve: "he referred to her as ...") is attributed, speaker unknown.
        """
        if self.quote(u).attributed:
            return False
        name = self.speaker(u)
        return name is None or not name.strip()

    def conflict(self, a: int, b: int) -> bool:
        """Do the articles name the two versions' speakers as two different people?"""
        na, nb = self.speaker_names(a), self.speaker_names(b)
        return bool(na and nb) and not same_speaker(na, nb)

    def context(self, u: int) -> frozenset[tuple[str, str]]:
        c = self._context.get(u)
        if c is None:
            w = normalised_words(self.quote(u).context)
            c = self._context[u] = frozenset(itertools.pairwise(w))
        return c

    def same_context(self, a: int, b: int) -> bool:
        """Do the words around two versions in their articles agree?"""
        return len(self.context(a) & self.context(b)) >= CONTEXT_BIGRAMS

    def evidence(self, a: int, b: int) -> bool:
        """Do the speakers (both known) or the contexts of two short versions agree?

        Joining asks more of the names than ``conflicting`` does: the speakers'
        own names must agree, not merely an alias ("Cruz and Trump") of one.
        """
        na, nb = self.speaker_names(a), self.speaker_names(b)
        if na and nb and same_speaker(na[:1], nb[:1], several=False):
            return True
        return self.same_context(a, b)

    def agree(self, need: str, a: int, b: int) -> bool:
        """Does the evidence ``_needs`` asked for hold for versions ``a`` and ``b``?"""
        if need == "none":
            return True
        if need == "speakers":
            return not self.conflict(a, b) or self.same_context(a, b)
        return self.evidence(a, b) if need == "evidence" else self.same_context(a, b)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_variants(
    quotes: Iterable[VariantQuote],
    *,
    speakers: Speakers | None = None,
    short: int = SHORT,
    share: float = SHARE,
    cap: int = CAP,
    workers: Workers | None = None,
) -> list[Cluster]:
    """Clusters of versions of one statement quoted in two or more articles, most suspicious first.

    ``speakers`` maps ``(doc, quote)`` to the reviewed speaker's name (None
    for "no speaker"): the hook through which review reassignments and actor
    merges change the ``conflicting`` flag without rebuilding the quotes.
    ``workers`` runs every step whose work grows with the quotes in tasks,
    on a Dask cluster's workers for instance (``spread.py``; the same clusters).
    """
    corpus = _Corpus(quotes if isinstance(quotes, Sequence) else list(quotes), speakers)
    forms = _forms(corpus)
    chunks = None
    if workers is None:
        units = cut_units(forms)
    else:
        chunks, units = spread.cut(workers, forms)
    del forms
    corpus.set_units(units)
    uf = _UnionFind(len(corpus.unit_quote))
    reps, copies = _join_identical(corpus, uf, units.text_hashes, corpus.offsets, short)
    del units
    if chunks is None:
        _join_candidates(corpus, uf, reps, copies, short=short, share=share, cap=cap)
        return _clusters(corpus, uf, short=short, share=share)
    include = np.zeros(len(corpus.unit_quote), bool)
    include[reps] = True
    i, j = spread.candidates(workers, chunks, include, cap=cap)  # type: ignore[arg-type]
    matched = spread.aligned(workers, chunks, i, j)  # type: ignore[arg-type]
    del chunks
    _join_aligned(corpus, uf, copies, i, j, matched, short=short, share=share)
    return _clusters(corpus, uf, short=short, share=share, workers=workers)


def _forms(corpus: _Corpus) -> list[QuoteForm]:
    """The quotes as ``cut_units`` reads them; ``named``: the (reviewed) speaker is a name."""
    if not corpus.speakers:
        return [(q.doc, q.kind, q.pieces, q.speaker is not None and q.speaker_named) for q in corpus.quotes]
    return [(q.doc, q.kind, q.pieces, corpus.speakers.get((q.doc, q.quote), q.speaker) is not None and q.speaker_named)
            for q in corpus.quotes]


def _join_identical(corpus: _Corpus, uf: _UnionFind, seq_hashes: np.ndarray, offsets: np.ndarray,
                    short: int) -> tuple[np.ndarray, dict[int, list[int]]]:
    """Join units with the same words.

    Returns one representative unit per distinct text, and for each text
    found more than once, its representative's copies (itself first).
    """
    order = np.argsort(seq_hashes, kind="stable")
    s = seq_hashes[order]
    starts = np.flatnonzero(np.concatenate(([True], s[1:] != s[:-1]))) if len(s) else np.empty(0, np.int64)
    sizes = np.diff(np.append(starts, len(s)))
    lengths = np.diff(offsets)
    copies: dict[int, list[int]] = {}
    for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
        group = order[start:start + size].tolist()
        copies[group[0]] = group
        if lengths[group[0]] >= TALKING_POINT:
            for u in group[1:]:
                uf.union(group[0], u)
        elif lengths[group[0]] >= short:
            _join_by_evidence(corpus, uf, group, group, "speakers")
        else:
            _join_short(corpus, uf, group)
    return order[starts], copies


def _join_short(corpus: _Corpus, uf: _UnionFind, group: list[int]) -> None:
    """Identical short quotes: joined only where the speaker or the context agrees."""
    _join_by_evidence(corpus, uf, group, group, "evidence")


def _join_by_evidence(corpus: _Corpus, uf: _UnionFind, xs: list[int], ys: list[int], need: str) -> None:
    """Join the versions in ``xs`` with those in ``ys`` for which the evidence ``need`` holds."""
    if len(xs) * len(ys) <= _SMALL_GROUP * _SMALL_GROUP:
        for x in xs:
            for y in ys:
                if x != y and uf.find(x) != uf.find(y) and corpus.agree(need, x, y):
                    uf.union(x, y)
        return
    if need == "context":
        return  # too many copies to compare contexts pair by pair
    # a phrase quoted very often: by family name only, no pairwise context check; for a
    # talking point, the versions without a named speaker go with the first version
    by_name: dict[str, int] = {}
    first = xs[0]
    for u in (*xs, *ys):
        key = name_key(corpus.speaker(u)) if need == "evidence" or corpus.speaker_names(u) else ()
        if key:
            uf.union(by_name.setdefault(key[-1], u), u)
        elif need == "speakers":
            uf.union(first, u)


def _join_candidates(corpus: _Corpus, uf: _UnionFind, reps: np.ndarray, copies: dict[int, list[int]], *,
                     short: int, share: float, cap: int) -> None:
    """Align the candidate pairs of distinct texts and join those that are versions of one statement."""
    include = np.zeros(len(corpus.unit_quote), bool)
    include[reps] = True
    i, j = candidate_pairs(corpus.word_hashes, corpus.offsets, cap=cap, include=include)
    del include
    for a, b in zip(i.tolist(), j.tolist()):
        if uf.find(a) == uf.find(b):
            continue
        wa, wb = corpus.words(a), corpus.words(b)
        matched = matched_words(wa, wb)
        shorter = min(len(wa), len(wb))
        if matched < share * shorter:
            continue
        need = _needs(matched, shorter, max(len(wa), len(wb)), short)
        if need == "none":
            uf.union(a, b)
        else:  # every identical copy of either side is checked for evidence
            _join_by_evidence(corpus, uf, copies.get(a, [a]), copies.get(b, [b]), need)


def _join_aligned(corpus: _Corpus, uf: _UnionFind, copies: dict[int, list[int]], i: np.ndarray, j: np.ndarray,
                  matched: np.ndarray, *, short: int, share: float) -> None:
    """Join the pairs aligned elsewhere: the same decisions as the loop of ``_join_candidates``."""
    lengths = np.diff(corpus.offsets)
    shorter = np.minimum(lengths[i], lengths[j])
    ok = np.flatnonzero(matched >= share * shorter)
    longer = np.maximum(lengths[i], lengths[j])
    for a, b, m, s, n in zip(i[ok].tolist(), j[ok].tolist(), matched[ok].tolist(), shorter[ok].tolist(),
                             longer[ok].tolist()):
        if uf.find(a) == uf.find(b):
            continue
        need = _needs(m, s, n, short)
        if need == "none":
            uf.union(a, b)
        else:
            _join_by_evidence(corpus, uf, copies.get(a, [a]), copies.get(b, [b]), need)


def _needs(matched: int, shorter: int, longer: int, short: int) -> str:
    """What else two versions sharing ``matched`` words need to be one statement.

    ``context`` for a short statement with words changed inside, and for a
    short excerpt of a longer version: a speaker's catchphrase ("law and
    order") in one article is not a cut of a speech ("the president of law
    and order") in another just because the speaker is the same.
    ``evidence`` (the same speaker or context) for the same few words,
    ``speakers`` (no two different named speakers, unless the context agrees)
    for a talking point, ``none`` otherwise.
    """
    if matched < shorter and matched < ALTERED_SHARED:
        return "context"  # the same speaker is no evidence here: templates are one speaker's habit
    if matched < short:
        return "evidence" if matched == longer else "context"
    if matched < TALKING_POINT:
        return "speakers"
    return "none"


def _clusters(corpus: _Corpus, uf: _UnionFind, *, short: int, share: float,
              workers: Workers | None = None) -> list[Cluster]:
    roots = np.fromiter((uf.find(u) for u in range(len(corpus.unit_quote))), np.int64, len(corpus.unit_quote))
    joined = np.flatnonzero(np.bincount(roots, minlength=len(roots))[roots] > 1)
    groups: dict[int, list[int]] = {}
    for u, r in zip(joined.tolist(), roots[joined].tolist()):
        groups.setdefault(r, []).append(u)
    several = [units for units in groups.values() if len({corpus.quote(u).doc for u in units}) >= 2]
    if workers is None:
        out = clusters_of_groups(corpus, several, short=short, share=share)
    else:
        payloads = group_payloads(corpus.unit_quote.__getitem__, corpus.unit_piece.__getitem__, corpus.quotes,
                                  dict(corpus.speakers), several, short, share)
        out = spread.flag_groups(workers, cluster_groups, payloads)
    out.sort(key=lambda c: (min(FLAGS.index(f) for f in c.flags), -len(c.members), c.id))
    return out


def clusters_of_groups(corpus: _Corpus, groups: Iterable[list[int]], *, short: int, share: float) -> list[Cluster]:
    """Each joined group split around its longest versions, and its parts from two articles or more flagged."""
    out: list[Cluster] = []
    for units in groups:
        words = {u: words_of(corpus.pieces(u)) for u in units}
        for part in _split(corpus, units, words, short=short, share=share):
            if len({corpus.quote(u).doc for u in part}) >= 2:
                out.append(_cluster(corpus, part, words))
    return out


def cluster_groups(payload: GroupPayload) -> list[Cluster]:
    """The task that flags joined groups in another process (``spread.py`` makes its payloads)."""
    quotes, units, groups, speakers, short, share = payload
    corpus = _Corpus(quotes, speakers)
    for qi, p in units:
        corpus.unit_quote.append(qi)
        corpus.unit_piece.append(p)
    return clusters_of_groups(corpus, groups, short=short, share=share)


def _split(corpus: _Corpus, units: list[int], words: dict[int, Words], *, short: int,
           share: float) -> list[list[int]]:
    """Split a joined group around its longest versions: each member fits its cluster's reference."""
    parts: list[list[int]] = []
    for u in sorted(units, key=lambda u: (-len(words[u]), u)):
        for part in parts[:_SPLIT_TRIES]:
            ref = part[0]
            matched = matched_words(words[ref].words, words[u].words)
            if matched < share * len(words[u]):
                continue
            need = _needs(matched, len(words[u]), len(words[ref]), short)
            # a talking point joins no version whose named speaker is another person
            agreeing = all if need == "speakers" else any
            if agreeing(corpus.agree(need, v, u) for v in part):
                part.append(u)
                break
        else:
            parts.append([u])
    return parts


def _slice(pieces: tuple[Piece, ...], span: tuple[int, int] | None) -> str:
    """The text of a version between two offsets of its article."""
    if span is None:
        return ""
    s, e = span
    return " ".join(t[max(s - ps, 0):e - ps] for ps, t in pieces if ps < e and ps + len(t) > s)


def _cluster(corpus: _Corpus, units: list[int], words: dict[int, Words]) -> Cluster:
    units = sorted(units, key=lambda u: (corpus.quote(u).doc, corpus.quote(u).quote, corpus.pieces(u)[0][0]))
    members = []
    for u in units:
        q, pieces = corpus.quote(u), corpus.pieces(u)
        members.append(Member(q.doc, q.quote, corpus.speaker(u), corpus.text(u), pieces[0][0],
                              pieces[-1][0] + len(pieces[-1][1]), q.kind, corpus.confidence(u)))
    common = Counter(words[u].words for u in units)
    ref = min(range(len(units)), key=lambda k: (-len(words[units[k]]), -common[words[units[k]].words], k))
    r = words[units[ref]]
    flags: set[str] = set()
    diffs = []
    for k, u in enumerate(units):
        w = words[u]
        if k == ref or w.words == r.words:
            continue
        relation, blocks = compare(r, w)
        flags.update(relation)
        ref_pieces, pieces = corpus.pieces(units[ref]), corpus.pieces(u)
        changes = tuple(
            Change(b.op, _slice(ref_pieces, r.span(b.i1, b.i2)), _slice(pieces, w.span(b.j1, b.j2)),
                   r.span(b.i1, b.i2), w.span(b.j1, b.j2), w.at(b.j1))
            for b in blocks
        )
        longer = "reference" if len(r) > len(w) else "member" if len(w) > len(r) else "same"
        diffs.append(MemberDiff(k, ref, relation, longer, changes))
    if not flags:
        flags.add(IDENTICAL)
    unconfirmed: set[str] = set()
    for flag, sure in _accusations(corpus, units):
        (flags if sure else unconfirmed).add(flag)
    digest = hashlib.sha256("\n".join(f"{m.doc}\x1f{m.quote}\x1f{m.start}" for m in members).encode()).hexdigest()
    return Cluster("v" + digest[:15], tuple(f for f in FLAGS if f in flags), tuple(members), ref, tuple(diffs),
                   tuple(f for f in FLAGS if f in unconfirmed))


def _accusations(corpus: _Corpus, units: list[int]) -> list[tuple[str, bool]]:
    """The accusing flags the speakers raise, each with whether the attribution is sure enough to.

    Where versions' speakers differ, an engine slip (attribution is about 0.93
    right) is far likelier than an outlet's misattribution, so ``conflicting``
    needs two differing speakers both sure (``SURE``).  ``unattributed-elsewhere``
    needs a sure speaker in one version and, in another article, a version that
    nothing around attributes: no speaker, no cue, no label, no colon or speech
    verb beside it, no other version of that article attributed.
    """
    out = []
    people = [(n, corpus.sure(u)) for u in units if (n := corpus.person_names(u))]
    differ = [sa and sb for i, (a, sa) in enumerate(people) for b, sb in people[i + 1:] if not same_speaker(a, b)]
    if differ:
        out.append((CONFLICTING, any(differ)))
    # the family names of the speakers the versions have, for a line that names one before its quote
    family = {k[-1] for u in units for k in map(name_key, corpus.speaker_names(u)) if k}
    missing = [corpus.unattributed(u) and not corpus.labelled(u, family) for u in units]
    # an article that attributes one version of the statement (another piece of the quote) attributes it
    attributing = {corpus.quote(u).doc for u, m in zip(units, missing) if not m}
    bare = [u for u, m in zip(units, missing) if m and corpus.quote(u).doc not in attributing]
    if bare and attributing:
        sure_speaker = any(corpus.sure(u) and bool(corpus.speaker(u)) for u, m in zip(units, missing) if not m)
        out.append((UNATTRIBUTED_ELSEWHERE, sure_speaker and not all(map(corpus.attributed_nearby, bare))))
    return out

