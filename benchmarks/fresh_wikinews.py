#!/usr/bin/env python3
"""Fresh Wikinews articles for a held-out actor sample: the page offsets the sampling
rule reads, and the articles' plain text from the wikitext kept in benchmarks/fresh-wikinews.

    python benchmarks/fresh_wikinews.py offsets [--count 34]
    python benchmarks/fresh_wikinews.py text benchmarks/fresh-wikinews/sample-i.wiki OUT_DIR

The 294 articles of the shared corpus have all been looked at while actor rules were
written, so samples I and J (benchmarks/actor-precision.md) come from English Wikinews
articles of November 2004 - January 2005 stored, as wikitext paragraphs with their sources,
in ``endataset.json`` of the public WikinewsSum repository (airKlizz/WikinewsSum, commit
1d985031625909c908766812e8a18d0c88116ec8, 1,355,768 characters, one article a line).  The
rule: ``random.Random(20261206)`` draws offsets into that file; the 16,000-character page
read at each offset, in draw order (an offset inside a page already read moves to that page's
end), gives every article whose line starts in it; an article cut by a page's end is finished
from the next page, whose own starts count too.  Interviews and articles with no text are
left out.  See benchmarks/fresh-wikinews/SOURCES.md for the articles and their licence.

Wikitext to text, rules fixed before any actor was looked at: lines of templates, tables,
images or comments only are dropped; ``{{w|X|Y}}``, ``[[w:X|Y]]``, ``[[X]]``, ``[url Y]``
keep their label; ``''`` goes; the source lost the first word of most leads under a broken
``{{byline|date...`` template, and that template with the truncated word is dropped.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

FILE_CHARS = 1355768
SEED = 20261206
DROPPED_LINES = ("!--", "{|", "[[Image:", "[[File:", "_NOTOC")


def offsets(count: int) -> list[int]:
    """The first ``count`` offsets the sampling rule draws."""
    rng = random.Random(SEED)
    return [rng.randrange(FILE_CHARS) for _ in range(count)]


def plain_line(s: str) -> str:
    """One wikitext line as plain text."""
    s = re.sub(r"<!--.*?-->", "", s)
    m = re.search(r"\{\{byline\|date", s, re.I)
    if m:
        rest = s[m.end() :]
        if rest.startswith("[w:"):
            rest = "[" + rest  # the truncated link keeps its label
        else:
            rest = rest.split(" ", 1)[1] if " " in rest else ""  # the truncated first word goes
        s = s[: m.start()] + rest
    s = re.sub(r"\{\{w\|[^|}]*\|([^}]*)\}\}", r"\1", s)
    s = re.sub(r"\{\{w\|([^}]*)\}\}", r"\1", s)
    s = re.sub(r"\{\{[^{}]*\}\}", "", s)
    s = re.sub(r"\{[a-z]+\}\}", "", s)
    s = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", s)
    s = re.sub(r"\[https?://\S+ ([^\]]*)\]", r"\1", s)
    s = s.replace("'''", "").replace("''", "")
    s = s.replace("&mdash;", "\u2014").replace("&nbsp;", " ")
    s = re.sub(r"^:", "", s)
    return re.sub(r"  +", " ", s).strip()


def articles(wiki: str) -> list[tuple[str, str, list[str]]]:
    """(number, title, paragraphs) of each ``### NN | title`` block of a .wiki file."""
    out = []
    in_comment = False
    for block in wiki.split("### ")[1:]:
        head, *lines = block.split("\n")
        num, title = (x.strip() for x in head.split("|", 1))
        paras = []
        for line in lines:
            if line.startswith("<!--"):
                in_comment = True
            if in_comment:
                in_comment = "-->" not in line
                continue
            if line.startswith(DROPPED_LINES):
                continue
            text = plain_line(line)
            if text:
                paras.append(text)
        out.append((num, title, paras))
    return out


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    o = sub.add_parser("offsets")
    o.add_argument("--count", type=int, default=34)
    t = sub.add_parser("text")
    t.add_argument("wiki")
    t.add_argument("out")
    args = ap.parse_args(argv)
    if args.cmd == "offsets":
        for k, off in enumerate(offsets(args.count), 1):
            print(k, off)
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for num, title, paras in articles(Path(args.wiki).read_text(encoding="utf-8")):
        name = f"wn2004-{num}-{slug(title)}.txt"
        (out / name).write_text(title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
        print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
