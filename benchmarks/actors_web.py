#!/usr/bin/env python3
"""The actors and languages newsview finds on real web pages, for judging by hand.

    python benchmarks/actors_web.py PAGES_DIR OUT.json [--ids a,b,...] [--model NAME] [--with-passing-rule]
    python benchmarks/actors_web.py --score JUDGEMENTS.json RUN.json [RUN2.json ...]

The first form reads every ``*.html.gz`` page in PAGES_DIR (the extraction
benchmark's pages, which are not part of this repository), runs newsview's
own HTML path and analysis on it (language detection included, when the
engine has it), and writes per page: the detected language, what the
analysis covered, the number of quotes, and every actor with its kind,
quote and mention counts.  ``--with-passing-rule`` also leaves out the names
the text only passes by (``passing_evidence.py``: measured in
``passing-names.md``, not the engine's rule).

The second form scores runs against hand judgements: a JSON object
``{page id: {actor name: judgement}}`` where a judgement is ``person``,
``org``, ``group``, ``document`` or ``junk`` (or an object of judgements
by the kind the actor is listed with, as ``{"PERSON": "junk", "GPE":
"org"}`` for a place listed as a person).  It prints, per run, the
actors judged, how many are junk, and the precision of people,
organisations and groups together (a document among them counts as wrong
unless the engine listed it as a document).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

#: judgements that are sources a reader wants listed as people, organisations or groups
SPEAKER_KINDS = ("person", "org", "group")


def run(pages: Path, out: Path, ids: list[str] | None, model: str | None, passing_rule: bool = False) -> int:
    import newsview.extract.documents as documents
    from newsview.engine import analyze, prepare
    from newsview.pipeline import load_pipeline
    from newsview.reader import raw_from_text

    if passing_rule:
        # the engine's extraction ends with classify_sources: the rule runs on what it gives
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from passing_evidence import drop_passing_names

        classify = documents.classify_sources
        documents.classify_sources = lambda doc, found: drop_passing_names(doc, classify(doc, found))  # type: ignore[assignment]
    nlp = load_pipeline(model)
    paths = sorted(pages.glob("*.html.gz"))
    if ids:
        paths = [p for p in paths if p.name.split(".")[0] in ids]
    result: dict[str, dict] = {}
    started = time.perf_counter()
    for path in paths:
        page_id = path.name.split(".")[0]
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        doc = analyze(prepare(raw_from_text(html, path=page_id + ".html")), nlp)
        language = getattr(doc.meta, "language", None)
        result[page_id] = {
            "title": doc.meta.title,
            "chars": len(doc.text),
            "language": language.to_dict() if language is not None else None,
            "coverage": getattr(doc, "coverage", "full"),
            "quotes": len(doc.quotes),
            "entities": len(doc.entities),
            "actors": [
                {"name": a.name, "kind": a.kind, "quotes": len(a.quotes), "mentions": len(a.mentions)}
                for a in doc.actors
            ],
        }
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(paths)} pages in {time.perf_counter() - started:.1f} s -> {out}")
    return 0


def score(judgements_path: Path, runs: list[Path]) -> int:
    judgements: dict[str, dict[str, str]] = json.loads(judgements_path.read_text(encoding="utf-8"))
    for run_path in runs:
        pages = json.loads(run_path.read_text(encoding="utf-8"))
        listed = right = junk = unjudged = documents_listed = documents_right = 0
        for page_id, verdicts in judgements.items():
            page = pages.get(page_id)
            if page is None:
                continue
            for actor in page["actors"]:
                verdict = verdicts.get(actor["name"])
                if isinstance(verdict, dict):  # judged by the kind it is listed with ("Hong Kong" as a person)
                    verdict = verdict.get(actor["kind"], verdict.get("*"))
                if verdict is None:
                    unjudged += 1
                    continue
                if actor["kind"] == "document":
                    documents_listed += 1
                    documents_right += verdict == "document"
                    continue
                listed += 1
                right += verdict in SPEAKER_KINDS
                junk += verdict == "junk"
        precision = right / listed if listed else 0.0
        print(f"{run_path.name}: {listed} people/org/group actors, {right} right, {junk} junk, "
              f"{listed - right - junk} documents among them; precision {precision:.3f}; "
              f"{documents_listed} listed as documents ({documents_right} right); {unjudged} not judged")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--ids", default="", help="comma-separated page ids (default: every page)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--with-passing-rule", action="store_true", help="leave out names met only in passing")
    ap.add_argument("--score", default=None, metavar="JUDGEMENTS", help="score runs against hand judgements")
    args = ap.parse_args(argv)
    if args.score:
        return score(Path(args.score), [Path(p) for p in args.paths])
    if len(args.paths) != 2:
        ap.error("give PAGES_DIR and OUT.json")
    ids = [i for i in args.ids.split(",") if i] or None
    return run(Path(args.paths[0]), Path(args.paths[1]), ids, args.model, args.with_passing_rule)


if __name__ == "__main__":
    sys.exit(main())
