#!/usr/bin/env python3
"""Run newsview's own HTML path over the article-extraction benchmark pages.

    python benchmarks/extraction.py [BENCH_DIR] [-o predictions.json] [--halves DIR]

``BENCH_DIR`` (default ``../shared/bench/extraction`` beside the repository)
holds ``html/<id>.html.gz`` and ``ground-truth.json``.  Every page goes
through what ``newsview page.html`` does to it (decoding, then
``engine.prepare``: extraction and cleaning), and the article body, without
the title paragraph, is written in the scorer's prediction format
``{"<id>": {"articleBody": "..."}}``.  Score it with

    python3 BENCH_DIR/score.py BENCH_DIR/ground-truth.json predictions.json

``--halves DIR`` also writes the ground truth and the predictions split in
two by sorted id (``even``: positions 0, 2, 4, ... used for tuning; ``odd``:
the others, held out), so each half can be scored on its own.  Pages whose
text comes out empty while the ground truth is not are listed on stderr.
The benchmark pages are never copied into the repository.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def body_of(html_bytes: bytes) -> str:
    """The article body newsview reads in a page: its cleaned text without the title paragraph."""
    from newsview.engine import prepare
    from newsview.reader import InputError, raw_from_bytes

    try:
        doc = prepare(raw_from_bytes(html_bytes, path="page.html"))
    except InputError:
        return ""
    text = doc.text
    if doc.meta.title_span is not None:
        text = text[doc.meta.title_span[1] :]
    return text.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", nargs="?", default=str(HERE.parent.parent / "shared" / "bench" / "extraction"))
    parser.add_argument("-o", "--output", default="extraction-predictions.json")
    parser.add_argument("--halves", metavar="DIR", help="also write even/odd ground truth and predictions here")
    args = parser.parse_args()

    bench = Path(args.bench)
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    predictions: dict[str, dict[str, str]] = {}
    empty: list[str] = []
    started = time.perf_counter()
    for page_id in sorted(truth):
        data = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes())
        body = body_of(data)
        predictions[page_id] = {"articleBody": body}
        if not body and truth[page_id].get("articleBody", "").strip():
            empty.append(page_id)
    seconds = time.perf_counter() - started
    Path(args.output).write_text(json.dumps(predictions, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.halves:
        out = Path(args.halves)
        out.mkdir(parents=True, exist_ok=True)
        ids = sorted(truth)
        for name, part in (("even", ids[0::2]), ("odd", ids[1::2])):
            (out / f"truth-{name}.json").write_text(json.dumps({k: truth[k] for k in part}), encoding="utf-8")
            (out / f"pred-{name}.json").write_text(json.dumps({k: predictions[k] for k in part}), encoding="utf-8")
    print(f"{len(predictions)} pages in {seconds:.1f} s ({1000 * seconds / max(len(predictions), 1):.0f} ms a page)")
    for page_id in empty:
        print(f"empty text where the ground truth has a body: {page_id}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
