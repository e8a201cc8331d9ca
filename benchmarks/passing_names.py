#!/usr/bin/env python3
"""What the text does with each hand-judged actor, and what rules on it would cost.

    python benchmarks/passing_names.py collect OUT.jsonl [--set NAME=KIND:PAGES:JUDGEMENTS ...]
    python benchmarks/passing_names.py rules OUT.jsonl

``collect`` runs the engine on every page of the judged sets (the pages are
not part of this repository) and writes one line per listed actor that has a
hand judgement: the set, the page, the name, the kind it is listed with, the
judgement, and the evidence of :func:`passing_evidence.actor_evidence`
(quotes, name mentions, all mentions, described, subject of a verb,
organisation-like, person-name shape).  The engine keeps every actor (the
passing-name rule was measured, not adopted), so every judged actor is seen.

A set is ``NAME=KIND:PAGES:JUDGEMENTS``: KIND ``web`` reads ``PAGES/*.html.gz``
through the HTML path, judged by a JSON object as ``actors_web.py --score``
takes; KIND ``wikinews`` reads ``PAGES/*.txt`` (several folders joined by
``+``), judged by the tables of ``actor-precision.md`` (✓ right, doc a
document, ✗ junk; an actor judged twice keeps its first judgement).

``rules`` prints, per set and for all web sets together, the precision of
people, organisations and groups before and after each candidate rule and how
many right actors (✓) each drops.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from passing_evidence import ActorEvidence, actor_evidence, passes_by  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_SETS = [
    f"web-fresh1=web:/work/fresh-web/sample:{HERE}/actor-judgements-web-fresh.json",
    f"web-fresh2=web:/work/fresh-web/sample2:{HERE}/actor-judgements-web-fresh2.json",
    f"web-heldout=web:/work/shared/bench/extraction/html:{HERE}/actor-judgements-web-heldout.json",
    f"web-tuned=web:/work/shared/bench/extraction/html:{HERE}/actor-judgements-web.json",
    f"wikinews=wikinews:/work/shared/corpus/wikinews+/tmp/pn/wn:{HERE}/actor-precision.md",
]
RIGHT = ("person", "org", "group")


def wikinews_judgements(md: Path) -> dict[str, dict[str, str]]:
    """{article file: {actor name: person|document|junk}} from the tables of actor-precision.md."""
    out: dict[str, dict[str, str]] = {}
    article = None
    for line in md.read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"\*\*(\S+\.txt)\*\*", line.strip())
        if m:
            article = m.group(1)
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if article is None or len(cells) < 5 or not re.fullmatch(r"a\d+", cells[0]):
            continue
        name, verdict = cells[2], cells[4]
        kind = "person" if verdict.startswith("✓") else "document" if verdict.startswith("doc") else (
            "junk" if verdict.startswith("✗") else None)
        if kind is not None:
            out.setdefault(article, {}).setdefault(name, kind)
    return out


def collect(sets: list[str], out_path: Path) -> int:
    import newsview.extract as extract_module
    from newsview.engine import analyze, prepare
    from newsview.pipeline import load_pipeline
    from newsview.reader import raw_from_text, read_article

    nlp = load_pipeline(None)
    seen: list[tuple[Any, Any]] = []
    original = extract_module.extract

    def recording(doc: Any) -> Any:
        found = original(doc)
        seen.append((doc, found))
        return found

    extract_module.extract = recording  # type: ignore[assignment]
    rows = 0
    with out_path.open("w", encoding="utf-8") as out:
        for spec in sets:
            name, rest = spec.split("=", 1)
            kind, pages, judged_path = rest.split(":", 2)
            judgements: dict[str, dict[str, Any]]
            if kind == "wikinews":
                judgements = wikinews_judgements(Path(judged_path))
            else:
                judgements = json.loads(Path(judged_path).read_text(encoding="utf-8"))
            for page_id, verdicts in sorted(judgements.items()):
                seen.clear()
                if kind == "wikinews":
                    paths = [Path(p) / page_id for p in pages.split("+") if (Path(p) / page_id).exists()]
                    if not paths:
                        continue
                    analyze(prepare(read_article(str(paths[0]))), nlp, language="en")
                else:
                    path = Path(pages) / f"{page_id}.html.gz"
                    if not path.exists():
                        continue
                    html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
                    analyze(prepare(raw_from_text(html, path=page_id + ".html")), nlp)
                for doc, found in seen:
                    evidence = actor_evidence(doc, found)
                    for actor in found.actors:
                        verdict = verdicts.get(actor.name)
                        if isinstance(verdict, dict):
                            verdict = verdict.get(actor.kind, verdict.get("*"))
                        if verdict is None:
                            continue
                        row = {"set": name, "page": page_id, "name": actor.name, "kind": actor.kind,
                               "verdict": verdict, **vars(evidence[actor.id])}
                        out.write(json.dumps(row, ensure_ascii=False) + "\n")
                        rows += 1
    print(f"{rows} judged actors -> {out_path}")
    return 0


Row = dict[str, Any]
NAMED = ("PERSON", "ORG", "GPE", "NORP")


def _passes_by(r: Row) -> bool:
    fields = {k: r[k] for k in ActorEvidence.__dataclass_fields__}
    return passes_by(r["kind"], ActorEvidence(**fields))


def _abbreviation(name: str) -> bool:
    letters = name.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _once(r: Row) -> bool:
    return r["kind"] in NAMED and r["quotes"] == 0 and r["names"] <= 1


#: candidate rules: a row the rule takes out of the actor list
RULES: dict[str, Callable[[Row], bool]] = {
    "A once, no more mentions, not described, not subject, not org-like (the brief's rule)":
        lambda r: _once(r) and r["mentions"] <= 1 and not r["described"] and not r["subject"] and not r["org_like"],
    "B = A, but a person-shaped name (given name + surname) stays":
        lambda r: _once(r) and r["mentions"] <= 1 and not r["described"] and not r["subject"]
        and not r["org_like"] and not r["person_shape"],
    "H = B, and an abbreviation in capitals (NASA, EU) stays too":
        lambda r: _once(r) and r["mentions"] <= 1 and not r["described"] and not r["subject"]
        and not r["org_like"] and not r["person_shape"] and not _abbreviation(r["name"]),
    "I = H, and an owner (X's) or a counterpart (from/with/to/via X, told X) stays too":
        lambda r: _once(r) and r["mentions"] <= 1 and not r["described"] and not r["subject"]
        and not r["org_like"] and not r["person_shape"] and not _abbreviation(r["name"])
        and not r["possessor"] and not r["counterpart"],
    "J = A, and an owner or a counterpart stays too":
        lambda r: _once(r) and r["mentions"] <= 1 and not r["described"] and not r["subject"]
        and not r["org_like"] and not r["possessor"] and not r["counterpart"],
    "K = A; a person-shaped name, an owner or a counterpart stays (the rule built: passes_by)":
        lambda r: _passes_by(r),
    "C = A for ORG/GPE/NORP only (people's names all stay)":
        lambda r: _once(r) and r["kind"] != "PERSON" and r["mentions"] <= 1 and not r["described"]
        and not r["subject"] and not r["org_like"],
    "D = A, a subject of a verb no exception":
        lambda r: _once(r) and r["mentions"] <= 1 and not r["described"] and not r["org_like"],
    "E = A, pronoun mentions allowed (name once, described no, subject no)":
        lambda r: _once(r) and not r["described"] and not r["subject"] and not r["org_like"],
    "F = A with twice instead of once":
        lambda r: r["kind"] in NAMED and r["quotes"] == 0 and r["names"] <= 2 and not r["described"]
        and not r["subject"] and not r["org_like"],
    "G = B with twice instead of once":
        lambda r: r["kind"] in NAMED and r["quotes"] == 0 and r["names"] <= 2 and not r["described"]
        and not r["subject"] and not r["org_like"] and not r["person_shape"],
}


def _figures(rows: list[Row], drop: Callable[[Row], bool] | None) -> tuple[int, int, int, int]:
    """(listed, right, junk, right dropped) among people/org/group actors (documents listed as such apart)."""
    listed = right = junk = lost = 0
    for r in rows:
        if r["kind"] == "document":
            continue
        if drop is not None and drop(r):
            lost += r["verdict"] in RIGHT
            continue
        listed += 1
        right += r["verdict"] in RIGHT
        junk += r["verdict"] == "junk"
    return listed, right, junk, lost


def rules(path: Path) -> int:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    groups: dict[str, list[Row]] = {}
    for r in rows:
        groups.setdefault(r["set"], []).append(r)
    fresh = [r for r in rows if r["set"] in ("web-fresh1", "web-fresh2", "web-heldout")]
    groups["web held-out together (fresh1+fresh2+heldout)"] = fresh
    for set_name, group in groups.items():
        listed, right, junk, _ = _figures(group, None)
        print(f"\n== {set_name}: before {right}/{listed} = {right / max(listed, 1):.3f} ({junk} junk)")
        for rule_name, drop in RULES.items():
            n, ok, bad, lost = _figures(group, drop)
            print(f"  {rule_name[:2]} after {ok}/{n} = {ok / max(n, 1):.3f}; junk dropped {junk - bad}, "
                  f"right dropped {lost}")
    print()
    for rule_name in RULES:
        print(rule_name)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=("collect", "rules"))
    ap.add_argument("path")
    ap.add_argument("--set", action="append", default=None, help="NAME=KIND:PAGES:JUDGEMENTS (default: the known sets)")
    args = ap.parse_args(argv)
    if args.command == "collect":
        return collect(args.set or DEFAULT_SETS, Path(args.path))
    return rules(Path(args.path))


if __name__ == "__main__":
    sys.exit(main())
