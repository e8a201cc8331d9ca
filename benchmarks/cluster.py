"""Corpus throughput: Dask workers vs ``--jobs`` vs bare ``nlp.pipe``.

    python benchmarks/cluster.py [--corpus ../shared/corpus/wikinews] [--articles 2000]
                                 [--only pipe dask1 dask2 jobs1 jobs2] [--json results.json]

The corpus folder's ``.txt`` files are repeated (symbolic links in a
temporary folder, removed at the end) until there are ``--articles`` of them.  Each case runs in a child process of its own, one after another:

  pipe   bare spaCy: the same pipeline, ``nlp.pipe`` over the cleaned texts
         (one process), the ceiling for one worker
  jobs1  ``--format parquet`` in this process (``--jobs 1``)
  jobs2  ``--format parquet --jobs 2`` (two processes of this machine)
  dask1  ``--format parquet --cluster local:1`` (a LocalCluster, one worker)
  dask2  ``--format parquet --cluster local:2``

Words per second are the output's words (the ``articles`` table) over the
wall time of the whole run, cluster start-up and pipeline loading included.
Memory is the peak RSS of each worker process (``ru_maxrss``), read on the
workers themselves for Dask and from the finished child processes otherwise.
The load average before and after each case is printed: the machine may be
shared, and a busy neighbour lowers every number.

Targets (issue: corpus scale): dask2 >= 1.8 x dask1; dask2 within 10 % of
jobs2; dask1 >= 0.85 x pipe.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "wikinews"
CASES = ("pipe", "jobs1", "jobs2", "dask1", "dask2")


def make_corpus(source: Path, articles: int, folder: Path) -> int:
    """Links to ``source``'s articles, repeated until there are at least ``articles``."""
    texts = sorted(source.glob("*.txt"))
    if not texts:
        raise SystemExit(f"{source}: no .txt articles")
    n = r = 0
    while n < articles:
        sub = folder / f"r{r:02d}"
        sub.mkdir()
        for path in texts[: articles - n]:
            (sub / path.name).symlink_to(path.resolve())
            n += 1
        r += 1
    return n


# -- one case, in a child process ----------------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def case_pipe(folder: Path) -> dict:
    from newsview import engine
    from newsview.corpus.inputs import items
    from newsview.pipeline import load_pipeline
    from newsview.reader import read_article

    texts = [engine.prepare(read_article(item.path or item.key)).text for item in items([str(folder)])]
    started = time.perf_counter()
    nlp = load_pipeline()
    words = 0
    for doc in nlp.pipe(texts):
        words += len(doc.text.split())
    seconds = time.perf_counter() - started
    return {"words": words, "seconds": seconds, "worker_mb": [_peak_mb()]}


def case_run(folder: Path, out: Path, *, jobs: int = 1, cluster: str | None = None) -> dict:
    from newsview.corpus.parquet import read_table
    from newsview.corpus.runner import run_corpus

    worker_mb: list[float] = []
    if cluster is not None:
        # read each worker's peak memory before the cluster is closed
        from newsview.corpus import dask_run

        close = dask_run.DaskExecutor.close

        def close_and_measure(self) -> None:
            peaks = self.client.run(_peak_mb)
            worker_mb.extend(peaks.values())
            close(self)

        dask_run.DaskExecutor.close = close_and_measure  # type: ignore[method-assign]
    started = time.perf_counter()
    summary = run_corpus([str(folder)], out, jobs=jobs, cluster=cluster, stream=open(os.devnull, "w"))
    seconds = time.perf_counter() - started
    if cluster is None:
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        worker_mb = [_peak_mb()] if jobs == 1 else [child] * jobs  # the largest child, for each
    words = sum(row["words"] for row in read_table(out, "articles"))
    return {"words": words, "seconds": seconds, "worker_mb": worker_mb, "articles": summary.articles,
            "errors": summary.errors, "partitions": summary.partitions}


def run_case(name: str, folder: Path, out: Path) -> dict:
    if name == "pipe":
        return case_pipe(folder)
    if name.startswith("jobs"):
        return case_run(folder, out, jobs=int(name[4:]))
    return case_run(folder, out, cluster=f"local:{int(name[4:])}")


# -- the parent ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--only", nargs="*", choices=CASES, default=list(CASES))
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--case", choices=CASES, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.folder, args.out)))
        return
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: not found (the Wikinews corpus sits beside the repository)")
    tmp = Path(tempfile.mkdtemp(prefix="newsview-cluster-bench-"))
    results: dict[str, dict] = {}
    try:
        folder = tmp / "corpus"
        folder.mkdir()
        n = make_corpus(args.corpus, args.articles, folder)
        print(f"{n} articles ({args.corpus.name} repeated); cores: {len(os.sched_getaffinity(0))}", flush=True)
        for name in args.only:
            load_before = os.getloadavg()[0]
            out = tmp / f"out-{name}"
            proc = subprocess.run([sys.executable, __file__, "--case", name, "--folder", str(folder), "--out", str(out)],
                                  capture_output=True, text=True)
            if proc.returncode:
                print(f"{name}: failed\n{proc.stderr[-2000:]}")
                continue
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            result["load"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
            result["words_per_s"] = result["words"] / result["seconds"]
            results[name] = result
            shutil.rmtree(out, ignore_errors=True)
            mb = ", ".join(f"{m:,.0f}" for m in result["worker_mb"])
            print(f"{name:6} {result['words']:>10,} words  {result['seconds']:7.1f} s  "
                  f"{result['words_per_s']:8,.0f} words/s  worker peak MB: {mb}  load {result['load']}", flush=True)
        _targets(results)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _targets(r: dict[str, dict]) -> None:
    def ratio(a: str, b: str) -> float | None:
        return r[a]["words_per_s"] / r[b]["words_per_s"] if a in r and b in r else None

    for label, value, target in [
        ("dask2 / dask1 (>= 1.8)", ratio("dask2", "dask1"), lambda v: v >= 1.8),
        ("dask2 / jobs2 (>= 0.9)", ratio("dask2", "jobs2"), lambda v: v >= 0.9),
        ("dask1 / pipe  (>= 0.85)", ratio("dask1", "pipe"), lambda v: v >= 0.85),
        ("jobs1 / pipe", ratio("jobs1", "pipe"), lambda v: True),
    ]:
        if value is not None:
            print(f"{label}: {value:.2f} {'met' if target(value) else 'MISSED'}")


if __name__ == "__main__":
    main()
