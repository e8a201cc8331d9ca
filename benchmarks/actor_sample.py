#!/usr/bin/env python3
"""Draw a held-out sample of Wikinews articles for judging actor precision.

    python benchmarks/actor_sample.py CORPUS_DIR [--seed 20261206] [--size 22]

The rule is fixed before anyone looks at the sample's actors, so that the
figure measured on it is not one the actor rules were tuned on.  From the
corpus's ``*.txt`` articles it leaves out:

* interviews (a title in ``SOURCES.md`` or a file name that says so): their
  actors come from transcript labels, another problem;
* any article named in a file the repository tracks (the earlier samples in
  ``benchmarks/actor-precision.md``, tests, benchmarks, the README), and any
  article of a day that has a copy in ``samples/``: those were read while
  rules were written;
* the file names given with ``--exclude`` (articles looked at while tuning);

then picks ``--size`` of the rest with ``random.Random(seed).sample`` over
the sorted names, and prints them, one per line.  ``--interviews`` draws from
the interviews and the articles whose title says someone talked to Wikinews
("X tells Wikinews ...") instead, for when the other articles have all been
seen: an interview's actor list is still one a
reader sees.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def interviews(corpus: str, names: list[str]) -> set[str]:
    """Articles whose title or file name says they are interviews."""
    out = {n for n in names if "intervi" in n}
    sources = os.path.join(corpus, "SOURCES.md")
    if os.path.exists(sources):
        with open(sources, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\| `([^`]+\.txt)` \| ([^|]*)\|", line)
                if m and "interview" in m.group(2).lower():
                    out.add(m.group(1))
    return out


TALKS = re.compile(r"\b(?:tells?|speaks? (?:to|with)|talks? (?:to|with)) Wikinews\b|\bWikinews interviews\b|\binterview", re.I)


def talks(corpus: str, names: list[str]) -> set[str]:
    """Interviews, and articles whose title says someone talked to Wikinews ("X tells Wikinews ...")."""
    out = interviews(corpus, names)
    sources = os.path.join(corpus, "SOURCES.md")
    if os.path.exists(sources):
        with open(sources, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\| `([^`]+\.txt)` \| ([^|]*)\|", line)
                if m and TALKS.search(m.group(2)):
                    out.add(m.group(1))
    return out


def named_in_repository(names: list[str]) -> set[str]:
    """Articles the repository's tracked files name, or whose day has a copy in samples/."""
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    text = []
    for path in files:
        if path.startswith("benchmarks/actor_sample"):
            continue
        try:
            with open(os.path.join(REPO, path), encoding="utf-8") as f:
                text.append(f.read())
        except (UnicodeDecodeError, OSError):
            continue
    blob = "\n".join(text)
    sample_days = {m.group(1) for p in files for m in [re.match(r"samples/wikinews-(\d{4}-\d\d-\d\d)-", p)] if m}
    return {n for n in names if n[:-4] in blob or n[:10] in sample_days}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--size", type=int, default=22)
    ap.add_argument("--exclude", nargs="*", default=[], help="file names looked at while tuning")
    ap.add_argument("--interviews", action="store_true", help="draw from the interviews only")
    args = ap.parse_args(argv)
    names = sorted(n for n in os.listdir(args.corpus) if n.endswith(".txt"))
    seen = named_in_repository(names) | set(args.exclude)
    if args.interviews:
        pool = [n for n in sorted(talks(args.corpus, names)) if n not in seen]
    else:
        left_out = interviews(args.corpus, names) | seen
        pool = [n for n in names if n not in left_out]
    print(f"# {len(names)} articles, {len(pool)} in the pool, seed {args.seed}", file=sys.stderr)
    for n in sorted(random.Random(args.seed).sample(pool, args.size)):
        print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
