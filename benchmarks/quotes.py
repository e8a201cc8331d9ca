#!/usr/bin/env python3
"""Run newsview's quote extraction over a gold JSONL file and write system output.

    python benchmarks/quotes.py GOLD.jsonl OUT.jsonl [--model NAME] [--limit N] [--cache DOCBIN]

For every gold document the engine analyses its ``text`` in-process and one
line ``{"id", "quotes": [{"start", "end", "text", "speaker"}]}`` is written,
with offsets into the gold text and the speaker given as the actor's name.
Timing for parsing and for extraction is printed at the end; score with
``score.py GOLD OUT``.

``--cache`` keeps the parsed spaCy documents in a DocBin file (created on the
first run, reused afterwards) so that extraction rules can be iterated on
without re-parsing.  The cleaner still runs; a cached parse is used only when
its text is the cleaned text, so cached runs score exactly like uncached ones.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def paragraph_starts(text: str) -> list[int]:
    starts = [0]
    k = text.find("\n\n")
    while k >= 0:
        starts.append(k + 2)
        k = text.find("\n\n", k + 2)
    return starts


def quote_rows(text: str, clean_text: str, found, to_source=lambda o: o) -> list[dict]:
    """Output rows; a speaker named by a descriptor is written as the text names it.

    PolNeAR annotates "the former president said ..." with the descriptor as
    the source, so the descriptor (not the actor it was resolved to) is what
    the gold speaker field holds.
    """
    names = {a.id: a.name for a in found.actors}
    descriptors = {(m.start, m.end) for m in found.mentions if m.kind == "descriptor"}
    rows = []
    for q in found.quotes:
        a, b = to_source(q.start), to_source(q.end)
        name = names.get(q.speaker) if q.speaker else None
        if name and q.speaker_span and tuple(q.speaker_span) in descriptors:
            name = clean_text[q.speaker_span[0] : q.speaker_span[1]]
        rows.append({"start": a, "end": b, "text": text[a:b], "kind": q.kind, "speaker": name,
                     "rule": q.evidence.rule if q.evidence else None, "confidence": q.confidence,
                     "chain": list(q.evidence.chain) if q.evidence else []})
    return rows


def _have_cleaner() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("newsview.reader", "newsview.clean"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold")
    ap.add_argument("out")
    ap.add_argument("--model", default=None, help="spaCy pipeline name or path")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--cache", default=None, help="DocBin file of parsed documents, reused when its texts match")
    args = ap.parse_args(argv)

    from newsview.extract import extract
    from newsview.pipeline import load_pipeline, parse

    with open(args.gold, encoding="utf8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    if args.limit:
        gold = gold[: args.limit]
    nlp = load_pipeline(args.model)

    use_cleaner = _have_cleaner()
    cached = None
    if args.cache and os.path.exists(args.cache):
        from spacy.tokens import DocBin

        cached = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
        if len(cached) < len(gold):
            print("cache does not match the gold file; re-parsing", file=sys.stderr)
            cached = None

    parse_s = extract_s = 0.0
    new_cache = []
    with open(args.out, "w", encoding="utf8") as out:
        for n, g in enumerate(gold):
            text = g["text"]
            if use_cleaner:
                from newsview.engine import prepare
                from newsview.reader import raw_from_text

                pdoc = prepare(raw_from_text(text))
                clean_text, to_source = pdoc.text, pdoc.to_source
                starts = [p.start for p in pdoc.paragraphs]
            else:
                clean_text, to_source, starts = text, (lambda o: o), paragraph_starts(text)
            t0 = time.perf_counter()
            hit = cached[n] if cached is not None and cached[n].text == clean_text else None
            sdoc = hit if hit is not None else parse(nlp, clean_text, starts)
            t1 = time.perf_counter()
            found = extract(sdoc)
            t2 = time.perf_counter()
            rows = quote_rows(text, clean_text, found, to_source)
            if args.cache and cached is None:
                new_cache.append(sdoc)
            if hit is None:
                parse_s += t1 - t0
            extract_s += t2 - t1
            out.write(json.dumps({"id": g["id"], "quotes": rows}, ensure_ascii=False) + "\n")
    if new_cache:
        from spacy.tokens import DocBin

        db = DocBin(store_user_data=False)
        for d in new_cache:
            db.add(d)
        db.to_disk(args.cache)
    mode = ("engine (clean + parse + extract)" if use_cleaner else "raw text") + (" from cached parses" if cached is not None else "")
    print(f"documents={len(gold)} mode={mode}")
    if cached is None:
        print(f"parse_seconds={parse_s:.2f} extract_seconds={extract_s:.2f} ratio={extract_s / max(parse_s, 1e-9):.3f}")
    else:
        print(f"extract_seconds={extract_s:.2f} (parse time not measured: cached)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
