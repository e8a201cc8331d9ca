"""Analysing many files for the export formats: in input order, in one
process or several (``--jobs``), with a progress bar on a terminal
(:mod:`newsview.progress`).

Each worker process loads the pipeline once and sends back plain data
(``ParsedDocument.to_dict``), which the parent turns back into documents, so
the output is the same whatever the number of jobs.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, Iterator

from .progress import INTERVAL, RunProgress

if TYPE_CHECKING:  # pragma: no cover
    from concurrent.futures import Future

    from .engine import Analyzer
    from .inputs import Input
    from .model import ParsedDocument


@dataclass
class Result:
    """One input file: its analysis, or why it has none."""

    path: str
    document: "ParsedDocument | None" = None
    #: a one-line message when the file could not be read
    input_error: str | None = None
    #: a one-line message about a file that was read: ``--refresh`` could not fetch a page again,
    #: and the copy fetched before was analysed
    notice: str | None = None


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class ProgressLine(RunProgress):
    """``newsview: ━━━╺━━ 12/252 files · 4,130 words/s · 0:00:41`` on stderr while it is a terminal."""

    def __init__(self, total: int, stream: IO[str] | None = None, *, interval: float = INTERVAL,
                 sizes: Sequence[int] | None = None) -> None:
        super().__init__(total, unit="files", stream=stream, interval=interval, sizes=sizes)

    def file_done(self, words: int = 0) -> None:
        self.advance(1, words)

    def file_share(self, share: float | None) -> None:
        """How much of the file being analysed is parsed (None: only its text is complete)."""
        self.set_share(share)

    def text(self) -> str:
        """What the bar says, as one line: ``newsview: 3/4 files · 20 words/s · 1:37 left``."""
        left = self.time_left()
        tail = f" · {int(left // 60)}:{int(left % 60):02d} left" if left is not None else ""
        return f"newsview: {self.label()}{tail}"


def input_sizes(files: Sequence[str]) -> list[int]:
    """Each input's size in bytes, for the time-left estimate; standard input, a pipe or
    a file that cannot be read counts as the mean of the others (at least one byte)."""
    sizes: list[int | None] = []
    for path in files:
        try:
            st = os.stat(path) if path != "-" else None
        except (OSError, ValueError):
            st = None
        sizes.append(st.st_size if st is not None and stat.S_ISREG(st.st_mode) else None)
    known = [s for s in sizes if s is not None]
    mean = max(1, sum(known) // len(known)) if known else 1
    return [max(1, s) if s is not None else mean for s in sizes]


_WORD = re.compile(r"\S+")


def word_count(text: str) -> int:
    """``len(text.split())`` without making the list: a 10 MiB article has ~1.7 million words (~100 MiB as strings)."""
    # re's \s is str.isspace, as str.split's is
    return sum(1 for _ in _WORD.finditer(text))


def analyse(
    files: list[str],
    *,
    model: str | None,
    use_cache: bool,
    jobs: int = 1,
    progress: ProgressLine | None = None,
    refresh: bool = False,
    language: str | None = None,
) -> Iterator[Result]:
    """Yield one Result per input (a file, ``-`` or a web address), in input order.

    ``refresh`` fetches web addresses again instead of reading the copy kept (a page
    that cannot be fetched again is still read from that copy: the result's ``notice`` says so).

    Raises :class:`newsview.pipeline.ModelError` when no pipeline can be
    loaded (before the first result when it cannot even be found).
    """
    if jobs > 1 and len(files) > 1:
        yield from _in_processes(files, model=model, use_cache=use_cache, jobs=min(jobs, len(files)),
                                 refresh=refresh, language=language)
        return
    from .engine import make_analyzer

    analyzer = make_analyzer(model, use_cache, language)
    # partial documents are made for progress reports: only when they are drawn
    report = progress.file_share if progress is not None and progress.enabled else None
    pages = _PagesAhead(files, refresh=refresh)
    for path in files:
        yield _analyse_one(analyzer, path, report, refresh=refresh, page=pages.get(path))


#: web pages fetched ahead of the analysis in a one-process run
PAGES_AHEAD = 4


class _PagesAhead:
    """The web addresses among the inputs, fetched a few ahead of the one being analysed,
    so the next pages download while this one is analysed (files are read at their turn)."""

    def __init__(self, files: Sequence[str], *, refresh: bool) -> None:
        from .ahead import in_order
        from .inputs import is_url, read_input_or_kept

        addresses = [path for path in files if path != "-" and is_url(path)]
        self._fetched = in_order(addresses, lambda a: read_input_or_kept(a, refresh=refresh), at_once=PAGES_AHEAD) \
            if len(addresses) > 1 else None
        self._addresses = set(addresses)

    def get(self, path: str) -> Future[Input] | None:
        """The future of ``path``'s page (the inputs are asked for in order), or None: read it at its turn."""
        if self._fetched is None or path not in self._addresses:
            return None
        _address, future = next(self._fetched)
        return future


def _analyse_one(analyzer: "Analyzer", path: str, report=None, *, refresh: bool = False,
                 page: "Future[Input] | None" = None) -> Result:
    """One input analysed; ``page``: the future of its page, when it was fetched ahead."""
    from . import engine
    from .inputs import read_input_or_kept
    from .reader import InputError

    try:
        read = page.result() if page is not None else read_input_or_kept(path, refresh=refresh)
        doc = engine.prepare(read.raw)
    except InputError as exc:
        return Result(path, input_error=str(exc))
    if report is None:
        return Result(path, analyzer(doc), notice=read.notice)
    return Result(path, analyzer(doc, progress=lambda _partial, share: report(share)), notice=read.notice)


# -- several processes ---------------------------------------------------------

_worker_analyzer: Any = None


def _start_worker(model: str | None, use_cache: bool, language: str | None = None) -> None:
    import signal

    # Ctrl-C is the parent's to handle: it stops the workers itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker_analyzer
    from .pipeline import ModelError

    try:
        from .engine import make_analyzer

        _worker_analyzer = make_analyzer(model, use_cache, language)
    except ModelError as exc:
        _worker_analyzer = exc


def _work(job: tuple[str, bool]) -> tuple[str, dict | None, str | None, str | None, str | None]:
    """(path, document as plain data, input error, pipeline error, notice) of ``(path, refresh)``."""
    from .pipeline import ModelError

    path, refresh = job
    analyzer = _worker_analyzer
    if isinstance(analyzer, ModelError):
        return path, None, None, str(analyzer), None
    try:
        result = _analyse_one(analyzer, path, refresh=refresh)
    except ModelError as exc:
        return path, None, None, str(exc), None
    data = result.document.to_dict() if result.document is not None else None
    return path, data, result.input_error, None, result.notice


def _in_processes(
    files: list[str], *, model: str | None, use_cache: bool, jobs: int, refresh: bool = False,
    language: str | None = None,
) -> Iterator[Result]:
    import multiprocessing

    from .model import ParsedDocument
    from .pipeline import ModelError, resolve_model

    resolve_model(model)  # a missing pipeline is reported once, before any worker starts
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = context.Pool(jobs, initializer=_start_worker, initargs=(model, use_cache, language))
    try:
        for path, data, input_error, model_error, notice in pool.imap(_work, [(path, refresh) for path in files],
                                                                      chunksize=1):
            if model_error is not None:
                raise ModelError(model_error)
            document = ParsedDocument.from_dict(data) if data is not None else None
            yield Result(path, document, input_error, notice)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
