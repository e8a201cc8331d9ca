"""The library in the app, with 1,000 cached articles: first frame, keystrokes, phrase search, opening, memory.

    python benchmarks/library_ui.py [--corpus ../shared/corpus/wikinews] [--articles 1000] [--runs 5]

The articles are made as ``library.py`` makes them (Wikinews repeated with
numbered titles, every analysis in a fresh parse cache).  Then:

  single    ``newsview ARTICLE`` (one of them, its analysis cached) in an 80x24 pty until the
            status line reads ``analysed · N actors``: the cached-reopen figure (perf.py's floor)
  library   ``newsview FOLDER/`` in the same pty, its index already built (a second start), until the
            status line reads ``1000 articles`` with the first title drawn: ≤ 1.5× single
  rss       the library app's peak RSS, from wait4 on the pty child: ≤ 400 MiB
  keys      Pilot in a child process: each prefix of a few typed filters, all six sorts; the time
            from the filter's new value to the visible rows drawn (the query, the list's length, the
            line under the list, the status line and every line on screen rendered), p50 / p95:
            p95 ≤ 50 ms
  phrase    the same for a quoted phrase (full text of every article, FTS5): p95 ≤ 100 ms
  open      Enter on a row until the reader shows the analysed article (Pilot): ≤ the single figure

Everything lives in a temporary directory that is removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from library import CORPUS, make_library  # noqa: E402
from perf import ANALYSED, child_env, run_pty  # noqa: E402

NEWSVIEW = str(Path(sys.executable).with_name("newsview"))
TYPED = ["trump", "@trump kind:direct", "source:wikinews", "title:election", "conf<0.5", "reviewed:no"]
PHRASES = ['"prime minister"', '"border wall"', '"said on Friday"', '"climate change"', '"according to"']
SORT_KEYS = 6


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


async def pilot_figures(folder: Path, cache_dir: Path, index_path: Path) -> dict:
    """The child's Pilot figures (ms): keystrokes, phrases, opening an article."""
    from newsview.tui.library_app import LibraryApp, LibraryReader
    from newsview.tui.library_screen import LibrarySetup

    from newsview.cache import ParseCache
    from newsview.engine import Analyzer
    from newsview.library import scan

    setup = LibrarySetup(index_path, scan.expand_inputs([str(folder)]).files)
    app = LibraryApp(setup, analyzer=Analyzer(None, cache=ParseCache(cache_dir, max_bytes=1 << 40)))
    out: dict = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.library
        rows = screen.articles

        def keystroke(value: str) -> float:
            t = time.perf_counter()
            screen.set_filter(value)
            screen._update_detail()  # what the list's Moved message runs
            screen._update_status()
            for y in range(rows.size.height):
                rows.render_line(y)
            return 1000 * (time.perf_counter() - t)

        keys: list[float] = []
        for _ in range(SORT_KEYS):
            for query in TYPED:
                keys += [keystroke(query[:n]) for n in range(1, len(query) + 1)]
            screen.action_sort()
        screen.set_filter("")
        phrases = [keystroke(p) for _ in range(5) for p in PHRASES]
        screen.set_filter("")
        out.update(keys_p50_ms=_p(keys, 0.5), keys_p95_ms=_p(keys, 0.95), keys_n=len(keys),
                   phrase_p50_ms=_p(phrases, 0.5), phrase_p95_ms=_p(phrases, 0.95))
        opens = []
        for i in range(5):
            rows.move_to(i * 7)
            t = time.perf_counter()
            await pilot.press("enter")
            while not (isinstance(app.screen, LibraryReader) and app.screen.document.analysed
                       and app.screen.is_mounted):
                await asyncio.sleep(0.001)
            await pilot.pause()
            opens.append(1000 * (time.perf_counter() - t))
            await pilot.press("escape")
            await pilot.pause()
        out["open_median_ms"] = statistics.median(opens)
    return out


def first_frame(folder: Path, cache_dir: Path, data_dir: Path, runs: int, articles: int) -> dict:
    """Pty timings of the single article and of the library (index built by a first start)."""
    env = child_env(cache_dir)
    env["NEWSVIEW_DATA_DIR"] = str(data_dir)
    one = min(folder.glob("*.txt"))
    listed = re.compile(rf"{articles} articles · sort")
    prime = run_pty([NEWSVIEW, str(folder)], env, {"listed": listed}, timeout=300)
    time.sleep(1)
    if "listed" not in prime.found:
        raise RuntimeError(f"the library never listed {articles} articles: {prime.tail!r}")
    single, library, rss = [], [], []
    for _ in range(runs):
        s = run_pty([NEWSVIEW, str(one)], env, {"done": ANALYSED}, timeout=60)
        single.append(s.found.get("done"))
        r = run_pty([NEWSVIEW, str(folder)], env, {"listed": listed}, timeout=60)
        library.append(r.found.get("listed"))
        rss.append(r.maxrss_mib)
    med = statistics.median
    return {"single_s": med([x for x in single if x is not None]),
            "library_s": med([x for x in library if x is not None]), "library_rss_mib": max(rss)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--child", nargs=3, metavar=("FOLDER", "CACHE", "INDEX"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        folder, cache_dir, index_path = map(Path, args.child)
        os.environ["NEWSVIEW_CACHE_DIR"] = str(cache_dir)
        print(json.dumps(asyncio.run(pilot_figures(folder, cache_dir, index_path))))
        return 0
    if not args.corpus.is_dir():
        print(f"library_ui.py: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="newsview-library-ui-bench-"))
    try:
        make_library(args.corpus, work / "articles", work / "cache", args.articles)
        result = first_frame(work / "articles", work / "cache", work / "data", args.runs, args.articles)
        env = dict(os.environ, NEWSVIEW_DATA_DIR=str(work / "data"), TEXTUAL_ANIMATIONS="none")
        out = subprocess.run([sys.executable, __file__, "--child", str(work / "articles"), str(work / "cache"),
                              str(work / "pilot-index.sqlite")], env=env, capture_output=True, text=True,
                             check=False)
        if out.returncode != 0:
            print(out.stderr[-2000:], file=sys.stderr)
            return 1
        result.update(json.loads(out.stdout.strip().splitlines()[-1]))
        result["first_frame_ratio"] = result["library_s"] / result["single_s"]
        result["open_vs_single"] = result["open_median_ms"] / 1000 / result["single_s"]
        for key, value in result.items():
            print(f"{key:22} {value:.3f}" if isinstance(value, float) else f"{key:22} {value}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
