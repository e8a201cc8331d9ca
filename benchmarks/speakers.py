#!/usr/bin/env python3
"""Who a corpus quotes most, and every actor of chosen articles.

    python benchmarks/speakers.py CORPUS_DIR [--top 15] [--cache DOCBIN] [--actors FILE ...]

Runs the engine (read, clean, parse, extract) over every ``*.txt`` file of
``CORPUS_DIR`` and prints the speakers with the most quotes across the corpus
(an actor counts once per article under its name and kind; an interviewer's
questions are not counted as quotes of the interviewer).  ``--actors`` lists
every actor of the named files (base names), one per line, for judging actor
precision by hand.  ``--cache`` keeps the parsed documents in a DocBin file so
that a second run only re-runs extraction.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--model", default=None)
    ap.add_argument("--cache", default=None, help="DocBin file of parsed documents, reused when its texts match")
    ap.add_argument("--actors", nargs="*", default=[], help="list every actor of these files")
    args = ap.parse_args(argv)

    from newsview.engine import prepare
    from newsview.extract import extract
    from newsview.extract.interviews import is_question_turn
    from newsview.pipeline import load_pipeline, parse
    from newsview.reader import read_article

    names = sorted(f for f in os.listdir(args.corpus) if f.endswith(".txt"))
    nlp = load_pipeline(args.model)
    cached = []
    if args.cache and os.path.exists(args.cache):
        from spacy.tokens import DocBin

        cached = list(DocBin().from_disk(args.cache).get_docs(nlp.vocab))
    by_text = {d.text: d for d in cached}
    parsed = []
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    articles: collections.Counter[tuple[str, str]] = collections.Counter()
    for name in names:
        pdoc = prepare(read_article(os.path.join(args.corpus, name)))
        sdoc = by_text.get(pdoc.text) or parse(nlp, pdoc.text, [p.start for p in pdoc.paragraphs])
        parsed.append(sdoc)
        found = extract(sdoc)
        quotes = {q.id: q for q in found.quotes}
        for a in found.actors:
            n = sum(1 for q in a.quotes if not is_question_turn(quotes[q]))
            if n:
                counts[(a.name, a.kind)] += n
                articles[(a.name, a.kind)] += 1
        if name in args.actors:
            print(f"== {name}")
            for a in found.actors:
                print(f"  {a.id}\t{a.kind}\t{a.name}\tquotes={len(a.quotes)}\tmentions={len(a.mentions)}")
    if args.cache and len(by_text) < len(parsed):
        from spacy.tokens import DocBin

        db = DocBin(store_user_data=False)
        for d in parsed:
            db.add(d)
        db.to_disk(args.cache)
    print(f"articles={len(names)} quotes={sum(counts.values())}")
    print("rank\tquotes\tarticles\tkind\tspeaker")
    for k, ((speaker, kind), n) in enumerate(counts.most_common(args.top), 1):
        print(f"{k}\t{n}\t{articles[(speaker, kind)]}\t{kind}\t{speaker}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
