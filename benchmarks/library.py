"""The library index with 1,000 cached articles: build, filter, search, ledger, memory.

    python benchmarks/library.py [--corpus ../shared/corpus/wikinews] [--articles 1000] [--runs 30]

The Wikinews corpus is repeated with changed titles (each copy's title ends
in its own number, the same length as before, so the copy's analysis is the
original's with the new title and bytes) until there are ``--articles``
files, each with its analysis in a fresh parse cache.  The originals are
analysed once with the installed pipeline, or taken from the parse cache
named by NEWSVIEW_CACHE_DIR when they are already there.

Then, in a child process (so its peak RSS is the library's alone):

  build     sync of an empty index from the folder, every analysis from the cache
  reopen    the same sync again: every file unchanged (what a second start does)
  ledger    the speaker ledger rebuilt from the index
  filter    one keystroke of the articles view: the first 50 rows and the list's length,
            for each prefix of a few typed queries, all sort keys (p50, p95)
  search    a phrase over every article's text (FTS5), first 50 hits (p50, p95)
  speakers  the speakers view's first page, and one speaker's quotes
  rss       peak RSS of the child (ru_maxrss)

Everything lives in a temporary directory that is removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"

QUERIES = ["trump", "@trump kind:direct", "source:wikinews", "title:election", "conf<0.5", "reviewed:no",
           "type:org unattributed", '"prime minister"']
PHRASES = ["prime minister", "border wall", "said on Friday", "climate change", "the United States",
           "national emergency", "coronavirus pandemic", "according to"]


def _pipeline() -> str:
    from newsview.pipeline import describe, resolve_model

    return describe(resolve_model(None))


def make_library(corpus: Path, folder: Path, cache_dir: Path, count: int) -> None:
    """``count`` article files under ``folder``, each analysis in the cache at ``cache_dir``."""
    from newsview import engine
    from newsview.cache import ParseCache
    from newsview.model import Meta
    from newsview.reader import read_article

    originals = sorted(corpus.glob("*.txt"))
    source_cache = ParseCache()
    target = ParseCache(cache_dir, max_bytes=1 << 40)
    pipeline = _pipeline()
    analyzer = None
    docs = []
    for path in originals:
        doc = engine.prepare(read_article(path))
        hit = source_cache.get(doc.source, pipeline)
        if hit is None:
            if analyzer is None:
                from newsview.engine import Analyzer

                analyzer = Analyzer(None, cache=source_cache)
            hit = analyzer(doc)
        docs.append((path, hit))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        path, doc = docs[i % len(docs)]
        raw_text = path.read_text(encoding="utf-8")
        title = doc.meta.title or ""
        tag = f"#{i:04d}"
        if len(title) <= len(tag) or not raw_text.startswith(title):
            new_title = title
        else:
            new_title = title[: -len(tag)] + tag
        text = new_title + raw_text[len(title):]
        out = folder / f"{i:04d}-{path.name}"
        out.write_text(text, encoding="utf-8")
        fresh = engine.prepare(read_article(out))
        copy = replace(doc, text=new_title + doc.text[len(title):], source=fresh.source,
                       meta=replace(doc.meta, title=new_title) if isinstance(doc.meta, Meta) else doc.meta)
        target.put(copy, pipeline)


def _time(fn, runs: int = 1) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def measure(folder: Path, cache_dir: Path, index_path: Path, runs: int) -> dict:
    """The child's work: every figure, in seconds, and the peak RSS."""
    from newsview.cache import ParseCache
    from newsview.library import scan, speakers
    from newsview.library.index import LibraryIndex
    from newsview.library.query import SORTS

    cache = ParseCache(cache_dir, max_bytes=1 << 40)
    pipeline = _pipeline()
    files = list(scan.expand_inputs([str(folder)]).files)
    result: dict = {"articles": len(files)}
    index = LibraryIndex(index_path)
    t = time.perf_counter()
    report = scan.sync(index, files, pipeline=pipeline, cache=cache)
    result["build_s"] = time.perf_counter() - t
    result["from_cache"] = len(report.from_cache)
    result["reopen_s"] = _time(lambda: scan.sync(index, files, pipeline=pipeline, cache=cache))[0]
    result["ledger_s"] = _time(lambda: speakers.rebuild(index))[0]
    result["index_mib"] = index_path.stat().st_size / 2**20

    keystrokes = []
    for _ in range(max(1, runs // 10)):
        for query in QUERIES:
            for n in range(1, len(query) + 1):
                for sort in SORTS:
                    prefix = query[:n]
                    keystrokes += _time(partial(index.page, prefix, sort=sort, limit=50))
    result["filter_p50_ms"] = 1000 * _p(keystrokes, 0.5)
    result["filter_p95_ms"] = 1000 * _p(keystrokes, 0.95)
    result["filter_max_ms"] = 1000 * max(keystrokes)
    result["filter_samples"] = len(keystrokes)

    searches = []
    hits = {}
    for _ in range(runs):
        for phrase in PHRASES:
            searches += _time(lambda phrase=phrase: hits.__setitem__(phrase, len(index.search(phrase, limit=50))))
    result["search_p50_ms"] = 1000 * _p(searches, 0.5)
    result["search_p95_ms"] = 1000 * _p(searches, 0.95)
    result["search_hits"] = hits

    page = _time(lambda: speakers.speakers(index, limit=50), runs)
    result["speakers_page_p95_ms"] = 1000 * _p(page, 0.95)
    trump = speakers.speakers(index, "donald trump", limit=1)
    if trump:
        result["trump"] = {"articles": trump[0].articles, "quoted_articles": trump[0].quoted_articles,
                           "quotes": trump[0].quotes}
        quotes = _time(lambda: speakers.speaker_quotes(index, trump[0].key, limit=200), runs)
        result["speaker_quotes_p95_ms"] = 1000 * _p(quotes, 0.95)
    top = speakers.speakers(index, limit=3)
    result["top_speakers"] = [(s.name, s.quotes, s.quoted_articles) for s in top]
    index.close()
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--child", nargs=3, metavar=("FOLDER", "CACHE", "INDEX"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        folder, cache_dir, index_path = map(Path, args.child)
        print(json.dumps(measure(folder, cache_dir, index_path, args.runs)))
        return 0
    if not args.corpus.is_dir():
        print(f"library.py: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="newsview-library-bench-"))
    try:
        t = time.perf_counter()
        make_library(args.corpus, work / "articles", work / "cache", args.articles)
        print(f"prepared {args.articles} cached articles in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        env = dict(os.environ, NEWSVIEW_DATA_DIR=str(work / "data"))
        out = subprocess.run([sys.executable, __file__, "--runs", str(args.runs), "--child", str(work / "articles"),
                              str(work / "cache"), str(work / "index.sqlite")], env=env, capture_output=True, text=True)
        if out.returncode != 0:
            print(out.stderr, file=sys.stderr)
            return 1
        result = json.loads(out.stdout)
        for key, value in result.items():
            print(f"{key:24} {value:.1f}" if isinstance(value, float) else f"{key:24} {value}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
