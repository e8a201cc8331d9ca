#!/usr/bin/env python3
"""Quote variants benchmark: planted-variant recall, flag precision, and scale.

    python benchmarks/variants.py quality [--dev ../shared/bench/dev.jsonl] [--per-kind 60]
    python benchmarks/variants.py heldout --documents ANALYSED.jsonl [--documents ...]
    python benchmarks/variants.py scale [--quotes 1000000] [--workers 1,2 [--repeat 3]]
    python benchmarks/variants.py compare-lsh [--dev ...]

**quality** reads the dev set (252 articles from seven outlets on the 2016
campaign; never copied into the repository), takes its gold direct quotes and
the quoted fragments of its gold mixed quotes, with the gold speakers, as the
quotes of each article (no spaCy run), and:

* clusters the untouched articles (and, with ``--documents``, articles that
  newsview analysed: ``newsview *.txt --format jsonl`` output, quotes and
  speakers as the engine found them), and scores the flags of a fixed sample of
  the clusters against the hand-checked verdicts in
  ``variants-verdicts.json``, writing the sample with its verdicts to
  ``variants-sample.md`` (clusters not yet checked are listed as such);
* plants variants: copies of whole articles with one quote changed (a word
  replaced, a leading or trailing clause cut, a middle clause cut and marked
  with an ellipsis, the speaker swapped for another article's, the speaker
  removed, or only its case and quotation marks restyled; the changed quote
  gets the context of a random other quote, as another outlet would surround
  it with other words) and reports, per
  kind, how many planted quotes end up in one cluster with their original
  carrying the right flag.  Originals are quotes of eight words or more that
  are in no cluster of the untouched set, so the flag can only come from the
  plant.

**scale** clusters synthetic quotes (Zipf-distributed words, one in ten a
variant of another) and reports the time and the peak resident memory.

**compare-lsh** measures MinHash LSH (datasketch) against the rare-shingle
index on the planted set: candidate recall of planted pairs, and time.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import re
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsview.model import ParsedDocument
from newsview.variants import VariantQuote, find_variants, quotes_of_document
from newsview.variants.attribution import attribution_nearby
from newsview.variants.documents import quoted_parts
from newsview.variants.names import name_key, same_speaker
from newsview.variants.words import normalised_words

HERE = Path(__file__).resolve().parent
DEV = HERE.parent.parent.parent / "shared" / "bench" / "dev.jsonl"
if not DEV.exists():
    DEV = Path("/work/shared/bench/dev.jsonl")
VERDICTS = HERE / "variants-verdicts.json"
SAMPLE = HERE / "variants-sample.md"
CONTEXT = 100



# ---------------------------------------------------------------------------
# The dev set as quotes


def quoted_pieces(text: str, spans: list[list[int]], kind: str) -> list[tuple[int, str]]:
    """The words inside quotation marks in a gold quote's spans (a direct quote without marks: all of it)."""
    pieces = []
    for s, e in spans:
        found = quoted_parts(s, text[s:e])
        if kind == "mixed" and found == [(s, text[s:e])]:
            found = []  # a gold mixed quote without marks has no quoted words
        pieces.extend(found)
    return pieces


def article_quotes(art: dict) -> list[VariantQuote]:
    text = art["text"]
    out = []
    for n, q in enumerate(art["quotes"]):
        if q["kind"] not in ("direct", "mixed"):
            continue
        pieces = quoted_pieces(text, q["spans"], q["kind"])
        if not pieces:
            continue
        start, end = q["spans"][0][0], q["spans"][-1][1]
        context = text[max(start - CONTEXT, 0):start] + " " + text[end:end + CONTEXT]
        aliases = tuple(q.get("speaker_aliases") or ())
        named = q.get("speaker_kind") != "nominal"  # "campaign officials" is a description, not a name
        out.append(VariantQuote(art["id"], f"q{n}", q["speaker"], tuple(pieces), q["kind"], aliases, context, named))
    return out


def load_dev(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


# ---------------------------------------------------------------------------
# Planting variants


def _words_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\w+(?:['\u2019]\w+)*", text)]


def _longest(q: VariantQuote) -> int:
    return max(range(len(q.pieces)), key=lambda i: len(q.pieces[i][1]))


def plant_word(q: VariantQuote, rng: random.Random, vocab: list[str]) -> tuple[VariantQuote, int] | None:
    """One word inside the quote (not its first or last) replaced by another word."""
    p = _longest(q)
    start, text = q.pieces[p]
    spans = _words_spans(text)
    inner = [sp for sp in spans[1:-1] if len(text[sp[0]:sp[1]]) >= 3]
    if not inner:
        return None
    s, e = rng.choice(inner)
    old = normalised_words(text[s:e])
    new = rng.choice([w for w in vocab[:1000] if [w] != old])
    return _with_piece(q, p, start, text[:s] + new + text[e:]), p


def plant_cut(q: VariantQuote, rng: random.Random) -> tuple[VariantQuote, int] | None:
    """A leading or trailing clause (or a third of the words) cut, without an ellipsis."""
    at_start = rng.random() < 0.5
    # a direct quote in pieces is cut in its first or last piece; a mixed quote in one fragment
    p = _longest(q) if q.kind == "mixed" else (0 if at_start else len(q.pieces) - 1)
    start, text = q.pieces[p]
    spans = _words_spans(text)
    n = len(spans)
    if n < 6:
        return None
    cut = max(2, n // 3)
    if at_start:
        commas = [i for i, (s, _) in enumerate(spans) if n // 4 <= i <= n // 2 and text[:s].rstrip().endswith((",", ";"))]
        k = commas[-1] if commas else cut
        s0 = spans[k][0]
        return _with_piece(q, p, start + s0, text[s0:]), p
    commas = [i for i, (_, e) in enumerate(spans) if n // 2 <= i < n - 2 and text[e:].lstrip().startswith((",", ";"))]
    k = commas[0] if commas else n - cut - 1
    return _with_piece(q, p, start, text[:spans[k][1]]), p


def plant_elision(q: VariantQuote, rng: random.Random) -> tuple[VariantQuote, int] | None:
    """Words from the middle left out and marked with an ellipsis."""
    p = _longest(q)
    start, text = q.pieces[p]
    spans = _words_spans(text)
    n = len(spans)
    if n < 10:
        return None
    a = rng.randrange(2, n // 2)
    b = min(a + max(2, n // 4), n - 2)
    return _with_piece(q, p, start, text[:spans[a - 1][1]] + " \u2026 " + text[spans[b][0]:]), p


def plant_restyle(q: VariantQuote) -> tuple[VariantQuote, int]:
    """The same words: upper case, straight quotation marks and apostrophes, extra spaces."""
    pieces = tuple((s, '"' + t.upper().replace("\u2019", "'").replace(",", " ,  ") + '"') for s, t in q.pieces)
    return VariantQuote(q.doc, q.quote, q.speaker, pieces, q.kind, q.speaker_aliases, q.context), _longest(q)


def _with_piece(q: VariantQuote, p: int, start: int, text: str) -> VariantQuote:
    pieces = list(q.pieces)
    pieces[p] = (start, text)
    return VariantQuote(q.doc, q.quote, q.speaker, tuple(pieces), q.kind, q.speaker_aliases, q.context)


def unattributed_context(q: VariantQuote, quotes: list[VariantQuote], rng: random.Random) -> VariantQuote:
    """``q`` with the context of another quote that does not attribute it.

    An outlet that prints a statement without attribution has no speech verb in the quote's
    sentence, no 'said:' before it: the dev set's quotes are all attributed, so most of their
    contexts ('..., Smith said.') would attribute a planted unattributed version, and the finder
    rightly holds the flag back there (``--attributed-contexts`` plants it so, to measure that).
    """
    for _ in range(200):
        candidate = VariantQuote(q.doc, q.quote, q.speaker, q.pieces, q.kind, q.speaker_aliases,
                                 rng.choice(quotes).context, q.speaker_named)
        if not attribution_nearby(candidate, min(q.pieces[0][0], CONTEXT)):
            return candidate
    return q


KINDS = {
    "word changed": "altered",
    "clause cut": "truncated",
    "middle cut with ellipsis": "truncated",
    "speaker swapped": "conflicting",
    "speaker removed": "unattributed-elsewhere",
    "restyled only": "identical",
}


def quality(args: argparse.Namespace) -> None:
    arts = load_dev(Path(args.dev))
    by_doc = {a["id"]: article_quotes(a) for a in arts}
    quotes = [q for qs in by_doc.values() for q in qs]
    t0 = time.perf_counter()
    clusters = find_variants(quotes)
    took = time.perf_counter() - t0
    units = sum(len(q.pieces) if q.kind == "mixed" else 1 for q in quotes)
    print(f"dev set: {len(arts)} articles, {len(quotes)} direct and mixed quotes ({units} units), "
          f"{len(clusters)} clusters in {took:.2f} s")
    print("  flags:", dict(Counter(f for c in clusters for f in c.flags)))
    sizes = Counter(len(c.members) for c in clusters)
    print("  cluster sizes:", dict(sorted(sizes.items())))
    natural = list(clusters)
    for path in args.documents:
        with open(path, encoding="utf-8") as f:
            docs = [ParsedDocument.from_dict(json.loads(line)) for line in f if line.strip()]
        analysed = [q for d in docs for q in quotes_of_document(d, name=Path(d.source.path or "-").name)]
        found = find_variants(analysed)
        print(f"{path}: {len(docs)} articles analysed by newsview, {len(analysed)} quotes, {len(found)} clusters, "
              f"flags {dict(Counter(f for c in found for f in c.flags))}")
        natural += found
    precision(natural, args.sample, set(by_doc))

    clustered = {(m.doc, m.quote) for c in clusters for m in c.members}
    rng = random.Random(args.seed)
    vocab = sorted({w for q in quotes for _, t in q.pieces for w in normalised_words(t) if len(w) >= 4})
    rng.shuffle(vocab)
    originals = [q for q in quotes if (q.doc, q.quote) not in clustered
                 and min(len(normalised_words(t)) for _, t in q.pieces) >= 8]
    rng.shuffle(originals)
    speakers = sorted({q.speaker for q in quotes if q.speaker and q.speaker_named})
    planted: list[tuple[str, VariantQuote, VariantQuote, int]] = []
    extra: list[VariantQuote] = []
    pool = iter(originals)
    for kind in KINDS:
        n = 0
        while n < args.per_kind:
            orig = next(pool)
            if kind == "word changed":
                made = plant_word(orig, rng, vocab)
            elif kind == "clause cut":
                made = plant_cut(orig, rng)
            elif kind == "middle cut with ellipsis":
                made = plant_elision(orig, rng)
            elif kind == "restyled only":
                made = plant_restyle(orig)
            elif kind == "speaker removed":
                if not name_key(orig.speaker):
                    continue
                made = VariantQuote(orig.doc, orig.quote, None, orig.pieces, orig.kind, (), orig.context), _longest(orig)
            else:
                others = [s for s in rng.sample(speakers, 20) if not same_speaker([s], [orig.speaker or ""])]
                if not name_key(orig.speaker) or not orig.speaker_named or not others:
                    continue
                made = VariantQuote(orig.doc, orig.quote, others[0], orig.pieces, orig.kind, (), orig.context), _longest(orig)
            if made is None:
                continue
            new, p = made
            copy = f"planted/{len(planted)}/{orig.doc}"
            # another outlet quotes it in other words: the planted quote keeps none of its context
            new = VariantQuote(new.doc, new.quote, new.speaker, new.pieces, new.kind, new.speaker_aliases,
                               rng.choice(quotes).context, new.speaker_named)
            if kind == "speaker removed" and not args.attributed_contexts:
                new = unattributed_context(new, quotes, rng)
            # the whole article is copied: its other quotes become identical versions too
            for q in by_doc[orig.doc]:
                src = new if q.quote == orig.quote else q
                extra.append(VariantQuote(copy, src.quote, src.speaker, src.pieces, src.kind,
                                          src.speaker_aliases, src.context, src.speaker_named))
            planted.append((kind, orig, new, p))
            n += 1
    t0 = time.perf_counter()
    found = find_variants(quotes + extra)
    took = time.perf_counter() - t0
    home = {}
    for c in found:
        for m in c.members:
            home[(m.doc, m.quote, m.start)] = c
    print(f"\nplanted: {len(planted)} variants in {len(planted)} article copies "
          f"({len(quotes) + len(extra)} quotes, clustered in {took:.2f} s)")
    hits: Counter[str] = Counter()
    misses: list[str] = []
    for n, (kind, orig, new, p) in enumerate(planted):
        want = KINDS[kind]
        unit = p if orig.kind == "mixed" else 0
        a = home.get((orig.doc, orig.quote, orig.pieces[unit][0]))
        b = home.get((f"planted/{n}/{orig.doc}", orig.quote, new.pieces[unit][0]))
        ok = a is not None and a is b and want in a.flags
        if ok and want == "identical":
            ok = a.flags == ("identical",)  # type: ignore[union-attr]
        if ok and want == "truncated":
            ok = "altered" not in a.flags  # type: ignore[union-attr]
        if ok:
            hits[kind] += 1
        else:
            got = "not clustered together" if a is None or a is not b else ",".join(a.flags)
            misses.append(f"  {kind}: {orig.doc} {orig.quote} -> {got}")
            if a is not None and a is b:
                misses.extend(f"      {d.relation} {[(x.op, x.reference, x.member) for x in d.changes]}" for d in a.diffs)
    total = 0
    for kind, flag in KINDS.items():
        total += hits[kind]
        print(f"  {kind:26s} -> {flag:23s} {hits[kind]:3d}/{args.per_kind}")
    print(f"planted-variant recall with the right flag: {total}/{len(planted)} = {total / len(planted):.3f}")
    for line in misses[:20]:
        print(line)


# ---------------------------------------------------------------------------
# Flag precision on a hand-checked sample


def _short(text: str, words: int = 8) -> str:
    w = " ".join(text.split()).split(" ")
    return " ".join(w[:words]) + (" …" if len(w) > words else "")


def precision(clusters: list, size: int, dev_ids: set[str], *, verdicts_path: Path = VERDICTS,
              out: Path = SAMPLE, header: list[str] | None = None) -> None:
    verdicts = json.loads(verdicts_path.read_text()) if verdicts_path.exists() else {}
    rng = random.Random(16)
    sample = sorted(rng.sample(clusters, min(size, len(clusters))), key=lambda c: c.id)
    lines = header or [
        "# Quote variants: hand-checked sample of clusters in untouched articles",
        "",
        "Written by `python benchmarks/variants.py quality --documents WIKINEWS.jsonl`: clusters among the",
        "dev set's gold quotes (PolNeAR news, 2015-16; only the first words of each version are shown, the",
        "dev set stays out of the repository) and among the quotes newsview itself found in the Wikinews",
        "corpus (CC BY 2.5). The verdicts come from `variants-verdicts.json`",
        "(`\"CLUSTER FLAG\": \"ok: ...\" | \"wrong: ...\"`): a flag is right when the versions are one",
        "statement and the flag says truly how they differ.",
        "",
    ]
    score: dict[str, list[int]] = {}
    unchecked = seen = 0
    body: list[str] = []
    for c in sample:
        source = "dev set" if c.members[0].doc in dev_ids else "analysed documents"
        body.append(f"## {c.id}: {', '.join(c.flags)} ({source})")
        body.append("")
        for k, m in enumerate(c.members):
            ref = " (reference)" if k == c.reference else ""
            body.append(f"- {k}{ref} `{m.doc}` {m.quote} [{m.start}:{m.end}], speaker {m.speaker!r}: “{_short(m.text)}”")
        for d in c.diffs:
            ch = "; ".join(f"{x.op} “{_short(x.reference, 6)}” → “{_short(x.member, 6)}”" for x in d.changes)
            body.append(f"- diff {d.member} vs {d.against} ({', '.join(d.relation)}): {ch}")
        if c.unconfirmed:
            sure = ", ".join(f"{k} {m.confidence:.2f}" for k, m in enumerate(c.members))
            body.append(f"- held back, attribution not sure enough: {', '.join(c.unconfirmed)} (confidence {sure})")
        body.append("")
        for f in c.flags:
            v = verdicts.get(f"{c.id} {f}")
            if v is None:
                unchecked += 1
                body.append(f"- **{f}**: not checked yet")
            elif v.startswith("seen"):
                seen += 1  # judged before: not evidence for a held-out figure
                body.append(f"- **{f}**: {v}")
            else:
                good_bad = score.setdefault(source, [0, 0])
                good_bad[0 if v.startswith("ok") else 1] += 1
                body.append(f"- **{f}**: {v}")
        body.append("")
    good = sum(g for g, _ in score.values())
    checked = good + sum(b for _, b in score.values())
    parts = [f"{name} {g}/{g + b}" for name, (g, b) in sorted(score.items())]
    summary = (f"flag precision on the hand-checked sample: {good}/{checked} = {good / checked:.3f} ({', '.join(parts)})"
               if checked else "flag precision: no verdicts yet")
    seen_note = f"; {seen} flags of statements judged before, not counted" if seen else ""
    lines += [f"{len(sample)} clusters; {summary}; {unchecked} flags not checked{seen_note}.", "", *body]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"  sample of {len(sample)} clusters -> {out.name}: {summary} ({unchecked} flags unchecked)")


HELDOUT_VERDICTS = HERE / "variants-heldout-verdicts.json"
HELDOUT_SAMPLE = HERE / "variants-heldout.md"


def heldout(args: argparse.Namespace) -> None:
    """Flag precision on articles whose clusters no rule was tuned on: every cluster, each judged by hand."""
    docs = []
    for path in args.documents:
        with open(path, encoding="utf-8") as f:
            docs += [ParsedDocument.from_dict(json.loads(line)) for line in f if line.strip()]
    quotes = [q for d in docs for q in quotes_of_document(d, name=Path(d.source.path or "-").name)]
    clusters = find_variants(quotes)
    print(f"held-out: {len(docs)} articles analysed by newsview, {len(quotes)} quotes, {len(clusters)} clusters, "
          f"flags {dict(Counter(f for c in clusters for f in c.flags))}")
    header = [
        "# Quote variants: flag precision on held-out articles",
        "",
        "Written by `python benchmarks/variants.py heldout --documents DEV.jsonl --documents OTHER.jsonl",
        "--documents FRESH.jsonl`: every cluster newsview finds among articles that no rule of the finder",
        "was tuned on, analysed by newsview itself (its quotes and speakers, not gold ones): the dev set's",
        "252 texts, ten PolNeAR articles of October-November 2016 (`networkdynamics/PolNeAR`, test split),",
        "the 91 web pages of the extraction benchmark, in a second round 61 more PolNeAR articles (dev,",
        "test and train splits, none in the dev set; read through the stored-file look-up, some long AP",
        "live blogs saved in part, 2015-12 to 2016-11) and in a third 47 more (train split, 2015-11 to",
        "2016-07). None of these texts is in the repository; only",
        "the first words of each version are shown. Each cluster was judged by hand in",
        "`variants-heldout-verdicts.json`, with the same criterion as `variants-sample.md`: a flag is right",
        "when the versions are one statement and the flag says truly how they differ.",
        "",
        "First round (rules fixed before the clusters were looked at): 4/5 = 0.800 on 4 clusters (a fifth",
        "repeats a statement of `variants-sample.md` and is not counted). The wrong flag was a bug:",
        "`quotes_of_document` read the engine's `unnamed` sources (\"the man\") as names; fixed since.",
        "",
        "Second round (the finder's rules as on main at a43a1be, every text analysed again by that",
        "engine, no rule changed after): 8 new clusters, 13 flags, 7 right: **7/13 = 0.538**. The six",
        "wrong flags have four causes: a six-word talking point ('temperamentally unfit to be",
        "commander-in-chief') joins two speakers' different statements as an excerpt and its source (3",
        "flags); the engine's overlapping quotes of the same words in one article (a nested mixed quote)",
        "give a second version there with another or no speaker, which makes `conflicting` and",
        "`unattributed-elsewhere` (2 flags, with the first); a quote attributed by a pronoun the engine",
        "did not resolve reads as unattributed (1); a typo ('2.6million') reads as a changed word (1).",
        "Both rounds together, as measured: 11/17 = 0.647 on 12 held-out clusters; the target of 0.9 is",
        "not met, and 12 clusters are still few (natural repeats are rare: 61 more articles gave 8).",
        "",
        "Since then the finder keeps a place of an article quoted by two overlapping quotes as one version",
        "(a bug, not a rule: the same words at the same place were two versions). Three rules followed",
        "from the second round's wrong flags (87bcafd): the same few words (fewer than 10) from two",
        "speakers the articles name as different people are two statements unless the text around them",
        "agrees; a quote with an attribution cue but no resolved speaker ('he referred to her as') is",
        "attributed, speaker unknown, not unattributed; digits and letters are separate words",
        "('2.6million' = '2.6 million'). Planted-variant recall with the right flag went from 359/360 to",
        "356/360 (four 8-9-word quotes with a swapped speaker and another context are no longer joined).",
        "",
        "Third round (rules fixed and committed at 87bcafd before any of its clusters was looked at; no",
        "rule changed after): 47 more PolNeAR articles, none used before (train split, all Breitbart,",
        "2015-11 to 2016-07: the stored-file listing of the train split reaches only its first 100 files,",
        "all Breitbart; saved outside the repository), analysed with the dev set's texts and the second",
        "round's articles again by the engine of this commit (the first round's pages as analysed then).",
        "Only clusters with a round-3 article count: 7 new clusters, 7 flags, 6 right: **6/7 = 0.857**.",
        "It is thin evidence: six of the seven are one pair of articles (two versions of AP's live blog of",
        "March 15, one from the second round), word for word in the same context, the easy case. The",
        "wrong flag: a two-word phrase ('anchor baby') joined on the speaker's name alone, where the",
        "engine gave Trump a phrase AFP only mentions. All three rounds as measured: 17/25 = 0.680 on 19",
        "held-out clusters; the target of 0.9 is not met. Not found (recall, not scored): Kasich's 'The",
        "campaign goes on' (AP) inside his speech's transcript (a short excerpt needs the same context).",
        "",
        "Fourth round, rule written before any cluster was looked at (only page 0 had been read, for the",
        "format): the public repository",
        "airKlizz/WikinewsSum, `endataset.json` at commit 1d985031625909c908766812e8a18d0c88116ec8",
        "(1,355,768 characters, one record a line: a 2004-05 English Wikinews article and the news",
        "articles it was written from), read in 16,000-character pages at offsets 0, 16000, 32000, ... in",
        "order, until the pages read hold the starts of at least 40 records with at least one English",
        "source. Every record whose line starts in a page read counts; a record cut by the last page's end",
        "is finished from the next page, whose other records do not count. Documents: each record's",
        "Wikinews article as plain text (`benchmarks/fresh_wikinews.py`'s line rules, with its title as",
        "first line) and the `maintext` of each of its English sources, as given (sources in other",
        "languages left out; the sources are copyrighted and stay outside the repository, named",
        "`wns-RECORD-wikinews.txt` and `wns-RECORD-sN-HOST.txt`). They are analysed by newsview as on main",
        "at eaf9b46 (`newsview FILES --format jsonl`) and clustered with all the earlier rounds' documents;",
        "no rule of the finder changes before the round is judged. Round 4 = the clusters with at least",
        "one member from these documents, each judged by hand with the same criterion. Amended while the",
        "pages were read, before any cluster: a source whose `maintext` is character for character an",
        "earlier source's of the same record (the same page archived twice) is left out, so that copies do",
        "not make trivial identical clusters; the same story on two sites, if not equal, stays. Stopped",
        "short, also before any cluster: the pages are copied through a 16,000-character look-up, and",
        "after 44 pages (offsets 0 to 688000) record 42 ('USL v. BSDi settlement agreement unsealed', an",
        "empty Wikinews text and one source of more than 60,000 characters of legal exhibits, mostly file",
        "names) was still not finished; it is left out, and the round has records 0 to 41: 42 records, 34",
        "of them with an English source (not the 40 planned).",
        "",
        "Round 4 as measured (every text analysed by newsview as on main at eaf9b46, 122 documents: 42",
        "Wikinews texts and 80 English sources, six archived twice left out; clustered with the earlier",
        "rounds' documents, no rule changed): 20 new clusters, all within one record (none joins an",
        "earlier round), 31 flags, 21 right: **21/31 = 0.677** (Wilson 95% 0.501-0.814). By flag:",
        "identical 9/9, truncated 9/11, altered 3/4, conflicting 0/2, unattributed-elsewhere 0/5. Eleven",
        "clusters join a Wikinews text to its source, nine join sources (three of them copies of one PA",
        "story, two the e-mails McCain had printed twice). The ten wrong flags have six causes, three of",
        "them in how the engine reads the articles rather than in the finder's rules: a speaker label",
        "line ('James Roche: \"No, Sir...\"', as Wikinews sets out e-mails) is not read as attribution (3",
        "unattributed-elsewhere); a quote continued after a sidebar or after another quote of the same",
        "speaker, or opened by 'X's introduction began:', loses its speaker (2 unattributed-elsewhere, and",
        "the two halves of one BBC quote read as a truncated version: 1 truncated); 'Indymedia web site",
        "quotes Elizabeth Nadeau as saying' gives the quote to the web site (1 conflicting); an",
        "organisation and its chairman ('the British Medical Association', 'James Johnson, BMA",
        "chairman') read as two speakers in conflict (1 conflicting); an editor's bracketed insertion",
        "('[of the spending bill]') read as a changed word (1 altered); a mixed quote ending inside a",
        "direct quote of the same article kept as a second, shorter version (1 truncated). Twelve of the",
        "42 Wikinews texts were in the actor samples I and J (actor rules, not finder rules, were tuned",
        "on them); one round-4 cluster (Taricani, right) has such a text. All four rounds as measured:",
        "38/56 = 0.679 (Wilson 95% 0.548-0.786) on 39 held-out clusters; the target of 0.9 is not met.",
        "",
        "Since round 4 (rules changed after it was measured, so what follows is not held out): words in",
        "square brackets inside a quote are the writer's and left out of the comparison; a mixed quote's",
        "fragment lying inside a longer quote of the same article is no second version; only people",
        "conflict (a document, or a body the article names with its article, 'the British Medical",
        "Association', speaks through people); a quote whose line introduces it with the name another",
        "version gives and a colon ('James Roche: \"No, Sir...\"') is attributed. Planted-variant recall",
        "with the right flag: 356/360 before, 355/360 = 0.986 after (one middle cut planted through an",
        "editor's '[or]' reads as altered). Round 4's clusters re-scored with these rules: 22/25; the",
        "three wrong flags left (a BBC quote continued after a sidebar read as a cut and as unattributed,",
        "Madonna's introduction continued after another quote read as unattributed) are the engine's",
        "reading of quote continuations, not the finder's.",
        "",
        "Before round 5 (a rule, not held out, written and committed before any round-5 cluster was",
        "looked at): the accusing flags need sure attributions. `conflicting` is raised only when two",
        "differing speakers were both read with confidence 0.9 or more (calibration on the dev set: 0.975",
        "right at 0.9 or more, 0.90 from 0.7 to 0.9; a conflict needs both right, 0.975^2 = 0.95, one",
        "speaker below 0.9 gives 0.88 at best); `unattributed-elsewhere` only when the attributed version",
        "is that sure and a version in another article has nothing attributing it (no cue, no label, no",
        "speech verb in its sentence, no 'said:' before it, no quote it runs on from, no other version of",
        "its article attributed). Otherwise the flag is held back (`unconfirmed` in `--format variants`,",
        "said in words in the app) and the speakers are shown as read. The threshold comes from the",
        "calibration table and the earlier rounds: all twelve accusing flags they raised were wrong, and",
        "the speakers under them were read at 0.65-0.85 on one side in seven. Applied to each earlier",
        "round's clusters as measured (the finder of that round plus this rule alone; re-scored, not held",
        "out): 9 of the 12 wrong accusing flags are held back (round 1 'the man', 0.75 as analysed now;",
        "round 2 all four; round 4 four of seven: Nadeau's web site 0.75, the BBC quote continued after a",
        "sidebar, two label lines with Roche at 0.65, Druyun at 0.85); kept: the BMA and its chairman (both",
        "0.95; fixed since by 'only people conflict'), Roche's label line against his 0.95 'answered' (fixed",
        "since by the label rule), Madonna's introduction in ITV (no cue anywhere near). Rounds 1-4 so",
        "re-scored: 4/4, 7/9, 6/7, 21/27 = 38/47 = 0.809 (as measured 38/56). Planted-variant recall with",
        "the right flag: 354/360 = 0.983 (355 before; the one lost is a quote its article repeats with",
        "another speaker, so the copy still attributes it). The planted unattributed version now takes",
        "the context of another quote that does not attribute it: the dev set's quotes are all",
        "attributed, and with their contexts ('..., Smith said.') as before 31 more plants are held back",
        "(323/360, `quality --attributed-contexts`), which is the rule working, not a miss. The current",
        "finder over rounds 1-4's documents: 39/42 (39/43 before: the BBC quote continued after a sidebar",
        "is no longer unattributed-elsewhere; Madonna's introduction in ITV still is, wrongly).",
        "",
        "Fifth round, rule written before any of its clusters was looked at: the same file at the same",
        "commit, read only through pages other work had already copied (16,000 characters each, saved",
        "by their offset; other work was still saving pages, so the round has the 108 pages saved when",
        "this rule was first committed, 12:15:44 UTC, copied aside; pages saved later do not count).",
        "Round 5 = every record whose JSON line starts in a saved page at offset 704000",
        "or later (round 4 read the consecutive pages up to offset 704000) and whose whole line is",
        "covered by saved pages, overlapping or adjacent pages joined by offset; a record not wholly",
        "covered is left out. Documents as in round 4 (the same code): the Wikinews text by",
        "`fresh_wikinews.py`'s line rules with its title first, each English source's `maintext`, a",
        "source character for character an earlier source's of the same record left out; named",
        "`wns-oOFFSET-wikinews.txt` and `wns-oOFFSET-sN-HOST.txt` (OFFSET: where the record's line",
        "starts). That gives 24 records, 19 of them with an English source, 64 documents, outside the",
        "repository. They are analysed by newsview as on this branch and clustered with every earlier",
        "round's documents; round 5 = the clusters with at least one round-5 member, each judged by hand",
        "with the same criterion, the finder's rules fixed before (no rule changes after).",
        "",
        "Round 5 as measured (the 64 documents analysed by newsview at 2e3769c, which fixed the",
        "sure-attribution rule above; clustered with every earlier round's documents, no rule changed",
        "after): 8 new clusters, all within one record (none joins an earlier round; seven join a",
        "Wikinews text to a source, one Reuters to the BBC), 8 flags, 8 right: **8/8 = 1.000** (Wilson",
        "95% 0.676-1.000). By flag: identical 4/4, truncated 4/4; no `conflicting` or",
        "`unattributed-elsewhere` raised. One `conflicting` was held back and would have been right:",
        "Reuters gives 'If in the past, geography divided us, today it unites us' to Lula ('he said'",
        "after a paragraph on Lula, read at 0.80), the BBC to Toledo; the outlets really differ (the",
        "rule's cost: a true accusation on an unsure pronoun is not raised, only shown as held back).",
        "Eight flags are thin evidence, and all of them are the easy kinds (identical, truncated). All",
        "five rounds as measured: 46/64 = 0.719 (Wilson 95% 0.599-0.814) on 47 held-out clusters; the",
        "target of 0.9 is not met over all rounds, which were each measured with the rules of their time.",
        "",
        "Sixth round, rule written and committed before any new page was read and before any of its",
        "clusters was looked at, to add held-out evidence for the finder as it is (the sure-attribution",
        "rule of af23f0a; no rule of the finder or the engine changes for or after this round): the same",
        "file at the same commit. The file's text is taken consecutively from offset 704000 upwards: where",
        "pages already saved (at any offset, by any work, before or after this rule) cover a stretch, from",
        "them, joined by offset as in round 5; where they do not, a 16,000-character page is read at the",
        "first offset not covered and saved beside the others. Round 6 = the records whose JSON line",
        "starts at offset 704000 or later, taken in order of that offset, leaving out every record round 5",
        "used (its 24 start offsets) and every record whose line exceeds 60,000 characters (decided now:",
        "such a line is an exhibit list like round 4's record 42, and would cost pages for nothing); a",
        "record cut by the end of what is read is finished from the next page. Reading stops when the",
        "records taken hold 25 new records with at least one English source, or at 13:15 UTC, whichever",
        "comes first; if the time comes first, the round has the records whose lines were wholly read by",
        "then. Documents as in rounds 4 and 5 (the same code, `build5.py`'s naming: the Wikinews text by",
        "`fresh_wikinews.py`'s line rules with its title first, each English source's `maintext`, a source",
        "character for character an earlier source's of the same record left out, other languages left",
        "out), kept outside the repository. They are analysed by newsview as on main and clustered with",
        "every earlier round's documents; round 6 = the clusters with at least one round-6 member, each",
        "judged by hand with the same criterion; measured once.",
        "",
        "Round 6 as measured (pages read 12:36-12:43 UTC, before any of its clusters was looked at; the",
        "25th new record with an English source was reached before 13:15): 28 records, 25 with an English",
        "source and three with only their Wikinews text, from offset 725181 (round 4's record 42 runs to",
        "725180) to 1297469; one record left out by the length rule (offset 915431, 'Lycos Europe ends its",
        "anti-spam campaign', 91,995 characters). Sixteen 16,000-character pages were read and saved",
        "beside the others (offsets 730988, 746988, 827715, 843715, 859715, 964926, 984666, 1056226,",
        "1080170, 1113019, 1156294, 1210531, 1226531, 1251597, 1279084, 1295084); where a page ran into",
        "saved pages, its typed part ends where they begin and the rest is theirs (the returned text",
        "agreed), and each page typed in full that overlaps a saved one agrees with it character for",
        "character. Three more pages (1314123, 1338619, 1354619) were read after the 25th record had been",
        "reached, before it was counted; their records are not in the round, as the rule says. 92",
        "documents (28 Wikinews texts, 64 English sources; no exact copy left out), analysed by newsview as",
        "on main at f2ac7f1 and clustered with every earlier round's documents, no rule of the finder or",
        "the engine changed: 5 new clusters, all within one record (three in the Nobel peace prize record:",
        "MSNBC and the BBC, Grist and Wikinews twice; Xinhua and Sophos's release; the New York Times and",
        "Wikinews), 5 flags, 5 right: **5/5 = 1.000** (Wilson 95% 0.566-1.000). By flag: identical 3/3,",
        "truncated 2/2; no `conflicting` or `unattributed-elsewhere` raised and none held back. Misses",
        "(not scored): none among the quotes of five words or more whose words appear in another document",
        "of the same record; every such hit was indirect speech, or a speech or release printed without",
        "quotation marks (Maathai's lecture on nobelprize.org), which are not quotes to the finder.",
        "",
        "The current finder held out (rounds 5 and 6, the sure-attribution rule fixed before both, no rule",
        "changed since): **13/13 = 1.000** on 13 clusters (Wilson 95% 0.772-1.000); identical 7/7,",
        "truncated 6/6. The lower bound is still under 0.9, and all thirteen flags are the easy kinds:",
        "the accusing flags have not been raised once on held-out articles since the rule (one held back",
        "in round 5 would have been right), so their held-out precision is unmeasured. All six rounds as",
        "measured: 51/69 = 0.739 (Wilson 95% 0.625-0.828) on 52 held-out clusters.",
        "",
        "The clusters below are the current finder's over all these articles, so the summary line counts",
        "the fixes made after rounds one and two and is not a held-out figure.",
        "",
    ]
    precision(clusters, len(clusters), set(), verdicts_path=HELDOUT_VERDICTS, out=HELDOUT_SAMPLE, header=header)


# ---------------------------------------------------------------------------
# Scale


def synthetic(n: int, seed: int = 7, sources: dict[int, tuple[int, str]] | None = None) -> list[VariantQuote]:
    """``n`` quotes in ``n // 10`` articles: Zipf words, 5 to 40 per quote, one in ten a variant of another."""
    import numpy as np

    rng = np.random.default_rng(seed)
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    vocab = ["".join(letters[rng.integers(0, 26, rng.integers(2, 10))]) for _ in range(50_000)]
    names = [f"{vocab[i].title()} {vocab[-i - 1].title()}" for i in range(5000)]
    lengths = rng.integers(5, 41, n)
    words = np.minimum(rng.zipf(1.3, int(lengths.sum())) - 1, len(vocab) - 1)
    cuts = np.cumsum(lengths)
    out: list[VariantQuote] = []
    base = int(n * 0.9)
    start = 0
    for i in range(n):
        end = int(cuts[i])
        doc = f"synthetic/{i // 10}"
        if i < base:
            text = " ".join(vocab[w] for w in words[start:end].tolist())
            speaker = names[int(words[start]) % len(names)] if i % 7 else None
        else:  # a variant of an earlier quote
            src_i = int(rng.integers(0, base))
            src = out[src_i]
            text = src.pieces[0][1]
            speaker = src.speaker
            kind = i % 4
            w = text.split(" ")
            if kind == 0 and len(w) > 3:
                w[len(w) // 2] = vocab[int(rng.integers(0, len(vocab)))]
            elif kind == 1 and len(w) > 6:
                w = w[: len(w) * 2 // 3]
            elif kind == 2:
                speaker = names[int(rng.integers(0, len(names)))]
            text = " ".join(w)
            if sources is not None:
                sources[i] = (src_i, ("word changed", "clause cut", "speaker swapped", "identical")[kind])
        # each quote at its own place of its article, as in a real one
        out.append(VariantQuote(doc, f"q{i % 10}", speaker, ((1000 * (i % 10), text),)))
        start = end
    return out


def scale(args: argparse.Namespace) -> None:
    if args.workers:
        return scale_workers(args)
    load = os.getloadavg()
    t0 = time.perf_counter()
    quotes = synthetic(args.quotes)
    made = time.perf_counter() - t0
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0, c0 = time.perf_counter(), time.process_time()
    clusters = find_variants(quotes)
    took, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"scale: {len(quotes):,} synthetic quotes made in {made:.1f} s (peak RSS so far {rss0:.0f} MiB)")
    print(f"  clustered in {took:.1f} s ({cpu:.1f} s of CPU): {len(clusters):,} clusters, flags {dict(Counter(f for c in clusters for f in c.flags))}")
    print(f"  peak RSS of the whole run {rss:.0f} MiB; load average at start {load[0]:.1f}, "
          f"at end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


def _peak_mib() -> float:
    """This process's own peak resident memory, MiB: the kernel's high-water mark of its memory
    (``VmHWM``), not ``ru_maxrss``, which a worker started by forking inherits from its parent."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def scale_workers(args: argparse.Namespace) -> None:
    """The same quotes clustered here and on Dask LocalClusters of N worker processes (the --cluster path).

    Besides the wall time, each run reports the CPU seconds of this process
    (which runs the LocalCluster's scheduler too) and of each worker: on
    cores shared with other work the wall time says little, the split of
    the workers' CPU says how the work was shared.
    """
    import logging

    import dask
    from distributed import Client, LocalCluster

    from newsview.variants.spread import DaskWorkers

    quotes = synthetic(args.quotes)
    print(f"scale: {len(quotes):,} synthetic quotes; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    here = None
    if not args.dask_only:
        t0 = time.perf_counter()
        here = find_variants(quotes)
        print(f"  this process, no Dask: {time.perf_counter() - t0:.1f} s, {len(here):,} clusters")
    dask.config.set({"distributed.worker.profile.enabled": False})
    for n in (int(w) for w in args.workers.split(",")):
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
            client.wait_for_workers(n)
            client.run(importlib.import_module, "newsview.variants.cluster")  # workers start warm, as in a corpus run
            for _ in range(args.repeat):
                load = os.getloadavg()[0]
                workers0, cpu0, t0 = client.run(_cpu_seconds), _cpu_seconds(), time.perf_counter()
                found = find_variants(quotes, workers=DaskWorkers(client))
                took, cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0
                workers = sorted(round(c - workers0[w], 1) for w, c in client.run(_cpu_seconds).items())
                # memory is each process's own peak: the worker processes and this one (client and scheduler)
                peaks = sorted(round(m) for m in client.run(_peak_mib).values())
                same = (f"{len(found):,} clusters" if here is None
                        else "the same clusters" if found == here else "DIFFERENT clusters")
                print(f"  {n} Dask worker{'s' if n != 1 else ''}: {took:.1f} s, {same}; CPU s: this process "
                      f"{cpu:.1f}, workers {workers}; peak RSS MiB: this process {_peak_mib():.0f}, workers {peaks} "
                      f"(sum {_peak_mib() + sum(peaks):.0f}); load average {load:.1f} at start, "
                      f"{os.getloadavg()[0]:.1f} at end")


# ---------------------------------------------------------------------------
# MinHash LSH against the rare-shingle index


def compare_lsh(args: argparse.Namespace) -> None:
    import numpy as np
    from datasketch import MinHash, MinHashLSH

    from newsview.variants.index import candidate_pairs

    sources: dict[int, tuple[int, str]] = {}
    quotes = synthetic(args.quotes, sources=sources)
    texts = [q.pieces[0][1] for q in quotes]
    # every variant's source: the earlier quote whose text it was made from
    words = [normalised_words(t) for t in texts]
    t0 = time.perf_counter()
    offsets = np.cumsum([0] + [len(w) for w in words])
    flat = np.array([hash(x) for w in words for x in w], np.int64)
    i, j = candidate_pairs(flat, offsets)
    t_index = time.perf_counter() - t0
    index_pairs = set(zip(i.tolist(), j.tolist()))
    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=64)
    sketches = []
    for n, w in enumerate(words):
        m = MinHash(num_perm=64)
        m.update_batch([" ".join(w[k:k + 3]).encode() for k in range(max(len(w) - 2, 1))])
        lsh.insert(n, m)
        sketches.append(m)
    lsh_pairs = {(min(n, x), max(n, x)) for n, m in enumerate(sketches) for x in lsh.query(m) if x != n}
    t_lsh = time.perf_counter() - t0
    truth = {(min(a, b), max(a, b)): kind for b, (a, kind) in sources.items() if texts[a] != texts[b] or kind != "identical"}
    for name, pairs, t in (("rare-shingle index", index_pairs, t_index), ("MinHash LSH (64 perm, J>=0.5)", lsh_pairs, t_lsh)):
        by_kind: Counter[str] = Counter()
        for (a, b), kind in truth.items():
            by_kind[kind] += (a, b) in pairs
        kinds = Counter(truth.values())
        rec = ", ".join(f"{k} {by_kind[k]}/{kinds[k]}" for k in sorted(kinds))
        print(f"{name:32s} {t:6.1f} s, {len(pairs):7d} candidate pairs; planted pairs found: {rec}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    q = sub.add_parser("quality")
    q.add_argument("--dev", default=str(DEV))
    q.add_argument("--documents", action="append", default=[],
                   help="newsview --format jsonl output of other articles: their clusters join the checked sample")
    q.add_argument("--per-kind", type=int, default=60)
    q.add_argument("--sample", type=int, default=60)
    q.add_argument("--seed", type=int, default=16)
    q.add_argument("--attributed-contexts", action="store_true",
                   help="plant unattributed versions in any other quote's context, attributing ones included")
    h = sub.add_parser("heldout")
    h.add_argument("--documents", action="append", required=True,
                   help="newsview --format jsonl output of articles no rule was tuned on")
    s = sub.add_parser("scale")
    s.add_argument("--quotes", type=int, default=1_000_000)
    s.add_argument("--workers", default="", help="e.g. 1,2: also on Dask LocalClusters of that many worker processes")
    s.add_argument("--dask-only", action="store_true",
                   help="with --workers: skip the run in this process (its memory would count in this process's peak)")
    s.add_argument("--repeat", type=int, default=1, help="runs on each LocalCluster (shared cores: take the best)")
    c = sub.add_parser("compare-lsh")
    c.add_argument("--quotes", type=int, default=20_000)
    args = p.parse_args()
    {"quality": quality, "heldout": heldout, "scale": scale, "compare-lsh": compare_lsh}[args.cmd](args)


if __name__ == "__main__":
    main()
