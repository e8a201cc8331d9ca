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
#: the Wikinews corpus beside the repository (or beside the folder of worktrees)
CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "wikinews", ROOT.parent.parent / "shared" / "corpus" / "wikinews")
               if p.is_dir()), ROOT.parent / "shared" / "corpus" / "wikinews")
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
    started, cpu = time.perf_counter(), time.process_time()
    nlp = load_pipeline()
    words = 0
    for doc in nlp.pipe(texts):
        words += len(doc.text.split())
    seconds = time.perf_counter() - started
    return {"words": words, "seconds": seconds, "worker_mb": [_peak_mb()], "client_cpu": time.process_time() - cpu}


def case_run(folder: Path, out: Path, *, jobs: int = 1, cluster: str | None = None) -> dict:
    from newsview.corpus.parquet import read_table
    from newsview.corpus.runner import run_corpus

    worker_mb: list[float] = []
    worker_cpu: list[float] = []
    loading: list[tuple[float, float]] = []
    if cluster is not None:
        # read each worker's peak memory, CPU time and pipeline loading before the cluster is closed
        from newsview.corpus import dask_run

        close = dask_run.DaskExecutor.close

        def close_and_measure(self) -> None:
            worker_mb.extend(self.client.run(_peak_mb).values())
            worker_cpu.extend(self.client.run(_cpu_seconds).values())
            for times in self.client.run(dask_run.loading_times).values():
                loading.extend(times.values())
            close(self)

        dask_run.DaskExecutor.close = close_and_measure  # type: ignore[method-assign]
    started = time.perf_counter()
    summary = run_corpus([str(folder)], out, jobs=jobs, cluster=cluster, stream=open(os.devnull, "w"))
    seconds = time.perf_counter() - started
    if cluster is None:
        child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        worker_mb = [_peak_mb()] if jobs == 1 else [child] * jobs  # the largest child, for each
        if jobs > 1:
            worker_cpu = [_cpu_seconds(resource.RUSAGE_CHILDREN)]
    words = sum(row["words"] for row in read_table(out, "articles"))
    return {"words": words, "seconds": seconds, "worker_mb": worker_mb, "articles": summary.articles,
            "errors": summary.errors, "partitions": summary.partitions,
            # the process that ran the run: the client, and for local:N the scheduler too; for jobs1 all of it
            "client_cpu": _cpu_seconds(), "worker_cpu": worker_cpu, "phases": summary.phases,
            "timings": summary.timings, "loading": loading}


def _cpu_seconds(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


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
    parser.add_argument("--phases", action="store_true",
                        help="also print where each run's time went (start-up, analysis, writing, idle workers)")
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
        if args.phases:
            for name, result in results.items():
                print(phase_report(name, result))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def phase_report(name: str, r: dict) -> str:
    """Where a run's wall time went, and the CPU time each part cost."""
    lines = [f"{name}: {r['seconds']:.1f} s wall, {r['words']:,} words"]
    if "phases" not in r:
        return lines[0] + f"; CPU {r['client_cpu']:.1f} s ({r['words'] / r['client_cpu']:,.0f} words per CPU-second)"
    p, timings = r["phases"], r["timings"]
    t0 = p["started"]
    lines.append(f"  inputs scanned +{p['scanned'] - t0:.1f} s; executor ready +{p['workers_ready'] - t0:.1f} s; "
                 f"run over +{p['finished'] - t0:.1f} s")
    for started, loaded in sorted(r.get("loading") or []):
        lines.append(f"  a worker loaded the pipeline from +{started - t0:.1f} s to +{loaded - t0:.1f} s")
    if timings:
        first = min(t[2] for t in timings)
        last = max(t[3] for t in timings)
        lines.append(f"  first partition started +{first - t0:.1f} s; last finished +{last - t0:.1f} s "
                     f"({len(timings)} partitions)")
        for pid in sorted({t[1] for t in timings}):
            mine = sorted((t for t in timings if t[1] == pid), key=lambda t: t[2])
            busy = sum(t[3] - t[2] for t in mine)
            cpu = sum(t[4] for t in mine)
            span = mine[-1][3] - mine[0][2]
            lines.append(f"  process {pid}: {len(mine)} partitions from +{mine[0][2] - t0:.1f} to +{mine[-1][3] - t0:.1f} s; "
                         f"analysing {busy:.1f} s wall / {cpu:.1f} s CPU ({cpu / max(busy, 1e-9):.0%}), "
                         f"idle between partitions {span - busy:.1f} s, idle at the end {last - mine[-1][3]:.1f} s")
        cpu = sum(t[4] for t in timings)
        lines.append(f"  analysis: {r['words'] / cpu:,.0f} words per CPU-second of the analysing threads; "
                     f"result arrives {sum(t[5] - t[3] for t in timings) / len(timings) * 1000:.0f} ms after a "
                     f"partition ends (mean); writing on the client {sum(t[6] for t in timings):.1f} s in all")
    lines.append(f"  CPU: running process {r['client_cpu']:.1f} s"
                 + (f"; workers {' + '.join(f'{c:.1f}' for c in r['worker_cpu'])} s" if r.get("worker_cpu") else ""))
    return "\n".join(lines)


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
