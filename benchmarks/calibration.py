#!/usr/bin/env python3
"""Precision of speaker attribution by confidence band.

    python benchmarks/calibration.py SCORE_PY GOLD.jsonl OUT.jsonl [--errors N]

``OUT.jsonl`` is what ``benchmarks/quotes.py`` wrote (each row carries the
engine's ``confidence``).  The scorer at ``SCORE_PY`` is imported for its
name matching and overlap helpers; quotes are paired with gold quotes the way
it pairs them (share >= 50% of the gold quote's characters, one-to-one,
greedy by that share).  For each confidence band the table gives the number of
predicted quotes, how many of them match a gold quote with a usable speaker,
and the share of those whose speaker is right (lenient), plus the share of all
predictions in the band that are both a real quote and rightly attributed.

``--errors N`` also prints up to N wrongly attributed quotes (for error
analysis on the dev set only; nothing is written to disk).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys

BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))


def load_scorer(path: str):
    spec = importlib.util.spec_from_file_location("quote_scorer", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import the scorer at {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def match(scorer, gdoc: dict, preds: list[dict]) -> dict[int, dict]:
    """Prediction index -> the gold quote it is paired with (speech quotes only)."""
    gold = []
    for q in gdoc.get("quotes", []):
        spans = [(int(s), int(e)) for s, e in (q.get("spans") or [[q["start"], q["end"]]]) if int(e) > int(s)]
        if spans and q.get("speech", True):
            gold.append((q, spans, sum(e - s for s, e in spans)))
    cands = []
    for gi, (_q, spans, glen) in enumerate(gold):
        for pi, p in enumerate(preds):
            a, b = int(p["start"]), int(p["end"])
            if b <= a:
                continue
            ov = scorer.overlap(a, b, spans)
            if ov and ov >= 0.5 * glen:
                cands.append((ov / glen, ov / (b - a), gi, pi))
    cands.sort(key=lambda x: (-x[0], -x[1], x[2], x[3]))
    g_used: set[int] = set()
    out: dict[int, dict] = {}
    for _, _, gi, pi in cands:
        if gi in g_used or pi in out:
            continue
        g_used.add(gi)
        out[pi] = gold[gi][0]
    return out


def band_of(conf: float) -> int:
    for k, (lo, hi) in enumerate(BANDS):
        if lo <= conf < hi:
            return k
    return len(BANDS) - 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scorer", help="path to score.py")
    ap.add_argument("gold")
    ap.add_argument("system")
    ap.add_argument("--errors", type=int, default=0, help="print up to N wrong attributions")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.scorer)
    gold = {d["id"]: d for d in scorer.load_jsonl(args.gold)}
    n = [0] * len(BANDS)
    usable = [0] * len(BANDS)
    right = [0] * len(BANDS)
    errors = []
    for row in scorer.load_jsonl(args.system):
        gdoc = gold.get(row.get("id"))
        if gdoc is None:
            continue
        preds = row.get("quotes") or []
        paired = match(scorer, gdoc, preds)
        for pi, p in enumerate(preds):
            k = band_of(float(p.get("confidence") or 0.0))
            n[k] += 1
            g = paired.get(pi)
            if g is None or not scorer.usable_speaker(g):
                continue
            usable[k] += 1
            ok, _strict = scorer.speaker_match(p.get("speaker"), g.get("speaker"), g.get("speaker_aliases"))
            if ok:
                right[k] += 1
            else:
                errors.append((gdoc, p, g))
    print(f"{'confidence':<12} {'quotes':>7} {'matched':>8} {'right speaker':>14} {'right of all':>13}")
    for k, (lo, hi) in enumerate(BANDS):
        label = f"<{hi}" if lo == 0 else (f">={lo}" if hi > 1 else f"{lo}-{hi}")
        acc = right[k] / usable[k] if usable[k] else 0.0
        share = right[k] / n[k] if n[k] else 0.0
        print(f"{label:<12} {n[k]:>7} {usable[k]:>8} {acc:>14.3f} {share:>13.3f}")
    tot_u, tot_r = sum(usable), sum(right)
    print(f"{'all':<12} {sum(n):>7} {tot_u:>8} {tot_r / max(tot_u, 1):>14.3f} {tot_r / max(sum(n), 1):>13.3f}")
    for gdoc, p, g in errors[: args.errors]:
        text = gdoc["text"]
        a, b = int(p["start"]), int(p["end"])
        ctx = text[max(0, a - 250) : min(len(text), b + 150)].replace("\n", " / ")
        print(f"\n--- {gdoc['id']} conf={p.get('confidence')} rule={p.get('rule')} chain={p.get('chain')}")
        print(f"pred={p.get('speaker')!r} gold={g.get('speaker')!r} ({g.get('speaker_resolution')}) "
              f"aliases={g.get('speaker_aliases')}")
        print(f"quote: {p.get('text', '')[:200]!r}")
        print(f"context: {ctx}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
