"""Turning folders into articles, keeping the index in step, and analysing in the background.

Three steps, each safe to run in a worker thread with its own
:class:`~newsview.library.index.LibraryIndex`:

* :func:`~newsview.library.members.expand_inputs` — folders, patterns, files
  and web addresses into a list of members (no reading, no fetching);
* :func:`sync` — the index brought in line with those members, without spaCy:
  an unchanged file (same size and time, or same bytes) is not read again;
  a web address gets a row at once (state ``fetching``, its address for a
  title), then its page is read through the page cache (fetched when not
  there, or with ``refresh``) and treated like a file's bytes; a page that
  cannot be fetched is a ``failed`` row with the one-line reason; a member
  whose analysis is in the parse cache gets its rows at once; any other
  gets its title and text (phrase search works) and is queued;
* :class:`AnalysisLoop` — the queued articles analysed one at a time with one
  pipeline, loaded once, most recently opened first; a failing article
  records its reason and the loop goes on to the next.

Progress is reported through callbacks called *in the worker thread*: the
app hands them on with ``call_from_thread``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .index import ArticleFile, LibraryIndex, Stamp
# expand_inputs is the first step of a sync: named here too
from .members import expand_inputs as expand_inputs
from .members import is_address

if TYPE_CHECKING:  # pragma: no cover
    from ..cache import ParseCache
    from .feed import Feed
    from ..engine import Analyzer
    from ..model import ParsedDocument, Source
    from ..reader import RawArticle

#: how often (seconds, at least) the analysis loop rebuilds the speaker ledger while it runs
LEDGER_INTERVAL = 5.0


@dataclass
class SyncReport:
    """What one sync did, by path."""

    unchanged: int = 0
    from_cache: list[str] = field(default_factory=list)
    queued: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    #: web addresses whose page could not be fetched (their rows say why)
    not_fetched: list[str] = field(default_factory=list)
    #: ``--refresh`` could not fetch these pages again: the copy fetched before was kept (one line each)
    kept_copies: list[str] = field(default_factory=list)
    forgotten: list[str] = field(default_factory=list)


def analysis_key(cache: ParseCache | None, source: Source, pipeline: str) -> str:
    """The key an analysis of this source by this pipeline and engine has (the parse cache's own:
    a page's has the extractor's version too)."""
    from ..cache import ParseCache

    return (cache or ParseCache(Path(os.devnull))).source_key(source, pipeline)


def _stamp_source(old: Stamp, *, page: bool) -> Source:
    """The source an index row was read from, as a file or as a page (the row does not say which)."""
    from ..model import Source

    return Source(old.path, old.sha256 or "", old.encoding or "utf-8", old.size or 0, page=page)


def _review_stamp(path: str | None) -> str | None:
    if not path:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}"


def _review_of(article_path: str, doc: ParsedDocument):
    """The article's review applied to ``doc`` (or None), where it lives and its stamp."""
    from ..review.errors import ReviewError
    from ..review.fileformat import locate, parse
    from ..review.log import Review
    from ..review.view import reviewed_view

    from ..review.fileformat import review_name

    # a page's review is found by its canonical address, as when the address is opened on its own
    path, seed = locate(review_name(article_path, doc.meta.url), doc.source.sha256)
    where = path if path.exists() else seed
    if where is None or not where.exists():
        return None, str(path), None  # watched there: the first verdict saved shows as a change
    try:
        review: Review = parse(where.read_bytes(), where)
    except (OSError, ReviewError):
        return None, str(where), _review_stamp(str(where))
    return reviewed_view(doc, review), str(where), _review_stamp(str(where))


def index_document(index: LibraryIndex, file: ArticleFile, doc: ParsedDocument, key: str) -> int:
    """Put an analysed document, with its review, into the index."""
    view, review_path, review_stamp = _review_of(file.path, doc)
    return index.put_analysis(file, doc, analysis_key=key, view=view, review_path=review_path, review_stamp=review_stamp)


def _file_of(raw: RawArticle, st: os.stat_result | None) -> ArticleFile:
    """What the index keys a member by: a file by its path, size and time; a page by its address
    and its bytes (no time: whether it changed is said by its hash)."""
    if st is None:
        return ArticleFile(raw.path or "", raw.size, 0, raw.sha256, raw.encoding)
    return ArticleFile(raw.path or "", st.st_size, st.st_mtime_ns, raw.sha256, raw.encoding)


def read_page_member(address: str, *, refresh: bool = False, fetch: bool = True) -> RawArticle:
    """A web member's page as an article: from the page cache, fetched when not there (or ``refresh``).

    With ``fetch=False`` only the cache is read (the reader opening a row: never the network on a key).
    Raises :class:`newsview.reader.InputError` (``FetchError``) with one line.
    """
    from ..page_cache import PageCache, read_page
    from ..reader import InputError, display_name, raw_from_bytes

    if fetch:
        page = read_page(address, refresh=refresh)
    else:
        hit = PageCache.default().get(address)
        if hit is None:
            raise InputError(display_name(address), "the page has not been fetched")
        page = hit
    return raw_from_bytes(page.data, path=address, encoding=page.charset)


def sync(
    index: LibraryIndex,
    files: Sequence[str],
    *,
    pipeline: str,
    cache: ParseCache | None,
    forget_others: bool = True,
    on_file: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    refresh: bool = False,
) -> SyncReport:
    """Bring the index in line with ``files`` (absolute paths and web addresses, as
    :func:`expand_inputs` gives them; no spaCy).  ``on_file(done, total)`` after each member.

    Web addresses get their rows first (``fetching``), then the files are read,
    then the pages fetched, :data:`FETCHES_AT_ONCE` at a time, each added as it
    arrives (a slow site holds up no file and few pages); ``refresh`` fetches
    every page again instead of reading the page cache.
    """
    report = SyncReport()
    stamps = index.stamps()
    addresses = [m for m in files if is_address(m)]
    index.note_fetching([a for a in addresses if a not in stamps or not stamps[a].sha256])
    done = 0

    def stop() -> bool:
        return cancelled is not None and cancelled()

    def member_done() -> None:
        nonlocal done
        done += 1
        if on_file:
            on_file(done, len(files))

    for path in (m for m in files if not is_address(m)):
        if stop():
            break
        _sync_one(index, path, stamps.get(path), pipeline, cache, report)
        member_done()
    kept: dict[str, str] = {}
    if addresses and not stop():
        for address, page in _pages_as_they_arrive(addresses, refresh=refresh, cancelled=stop):
            notice = _sync_address(index, address, stamps.get(address), pipeline, cache, report, page)
            if notice:
                kept[address] = notice
            member_done()
    # said in the order the members were given, whichever page came first
    position = {address: n for n, address in enumerate(addresses)}
    report.not_fetched.sort(key=position.__getitem__)
    report.kept_copies = [kept[a] for a in addresses if a in kept]
    if forget_others and not stop():
        keep = set(files)
        report.forgotten = [p for p in stamps if p not in keep]
        index.forget(report.forgotten)
    return report


#: how many pages a sync fetches at once: a slow site holds up few others, and no site is sent many requests at once
FETCHES_AT_ONCE = 4


@dataclass(frozen=True)
class FetchedPage:
    """A web member's page as a fetching thread got it: the article, or the one-line problem;
    ``notice`` when ``--refresh`` could not fetch it and the copy fetched before was kept."""

    raw: RawArticle | None
    problem: str | None = None
    notice: str | None = None


def _fetch_page(address: str, refresh: bool) -> FetchedPage:
    """Fetch (or read from the page cache) one page: in a fetching thread, so nothing here touches the index."""
    from ..inputs import kept_copy
    from ..reader import InputError

    try:
        return FetchedPage(read_page_member(address, refresh=refresh))
    except InputError as exc:
        kept = kept_copy(address, exc.problem) if refresh else None
        if kept is None:
            return FetchedPage(None, problem=exc.problem)
        return FetchedPage(kept[0], notice=kept[1])


def _pages_as_they_arrive(addresses: Sequence[str], *, refresh: bool,
                          cancelled: Callable[[], bool]) -> Iterator[tuple[str, FetchedPage]]:
    """Each address with its page, as the pages arrive (several fetched at once; a stopped sync
    does not wait for the pages still on their way, which only fill the page cache)."""
    from ..ahead import as_they_finish

    for address, arrived in as_they_finish(addresses, lambda a: _fetch_page(a, refresh), at_once=FETCHES_AT_ONCE):
        yield address, arrived.result()
        if cancelled():
            return


def _sync_one(index: LibraryIndex, path: str, old: Stamp | None, pipeline: str, cache: ParseCache | None,
              report: SyncReport) -> None:
    from .. import engine
    from ..reader import InputError, read_article

    try:
        st = os.stat(path)
    except OSError as exc:
        index.mark(path, "unreadable", f"cannot read ({exc.strerror or exc})")
        report.unreadable.append(path)
        return
    if old is not None and old.sha256 and old.size == st.st_size and old.mtime_ns == st.st_mtime_ns \
            and _still_current(index, old, pipeline, cache, report):
        report.unchanged += 1
        return
    try:
        raw = read_article(path)
    except InputError as exc:
        index.mark(path, "unreadable", str(exc))
        report.unreadable.append(path)
        return
    key = analysis_key(cache, engine.source_of(raw), pipeline)
    if old is not None and old.sha256 == raw.sha256 and old.analysis_key == key and old.state in ("done", "failed"):
        index.touch(path, st.st_size, st.st_mtime_ns)  # rewritten with the same bytes
        report.unchanged += 1
        return
    _add_read(index, path, raw, st, pipeline, cache, report)


def _sync_address(index: LibraryIndex, address: str, old: Stamp | None, pipeline: str, cache: ParseCache | None,
                  report: SyncReport, page: FetchedPage) -> str | None:
    """A fetched page into the index, as a file's bytes go; the notice when an old copy was kept."""
    if page.raw is None:
        index.mark_not_fetched(address, page.problem or "cannot be fetched")
        report.not_fetched.append(address)
        return None
    raw = page.raw
    if old is not None and old.sha256 == raw.sha256 and _still_current(index, old, pipeline, cache, report):
        report.unchanged += 1
        return page.notice
    _add_read(index, address, raw, None, pipeline, cache, report)
    return page.notice


def _add_read(index: LibraryIndex, path: str, raw: RawArticle, st: os.stat_result | None, pipeline: str,
              cache: ParseCache | None, report: SyncReport) -> None:
    """A member whose bytes are new to the index: its rows from the parse cache, else its text, queued."""
    from .. import engine
    from ..reader import InputError

    source = engine.source_of(raw)
    key = analysis_key(cache, source, pipeline)
    file = _file_of(raw, st)
    hit = cache.get(source, pipeline) if cache is not None else None
    if hit is not None:
        index_document(index, file, hit, key)
        report.from_cache.append(path)
        return
    try:
        index.note_unanalysed(file, engine.prepare(raw), analysis_key=key)
        report.queued.append(path)
    except InputError as exc:
        index.mark(path, "unreadable", str(exc))
        report.unreadable.append(path)


def _still_current(index: LibraryIndex, old: Stamp, pipeline: str, cache: ParseCache | None, report: SyncReport) -> bool:
    """An unchanged file: True when its rows need nothing; otherwise they are refreshed here if the
    parse cache allows (a newer engine, an edited review), and False sends it to be read again."""
    # the row's key says whether it was read as a file or as a page: a key of neither (a newer
    # engine or extractor) sends the member to be read again, which tells the two apart
    source = next((s for s in (_stamp_source(old, page=False), _stamp_source(old, page=True))
                   if analysis_key(cache, s, pipeline) == old.analysis_key), None)
    review_changed = old.analysed and _review_stamp(old.review_path) != old.review_stamp
    if source is not None and not review_changed:
        return old.state != "unreadable"
    if cache is None or source is None:
        return False
    key = analysis_key(cache, source, pipeline)
    hit = cache.get(source, pipeline)
    if hit is None:
        return False
    index_document(index, ArticleFile(old.path, old.size or 0, old.mtime_ns or 0, old.sha256 or "", old.encoding or ""), hit, key)
    report.from_cache.append(old.path)
    return True


def refresh_reviews(index: LibraryIndex, cache: ParseCache | None, pipeline: str) -> list[str]:
    """Re-apply the review files edited since they were indexed (another instance, the reader); their paths."""
    report = SyncReport()
    for stamp in index.stamps().values():
        if stamp.analysed and stamp.state == "done" and _review_stamp(stamp.review_path) != stamp.review_stamp:
            _still_current(index, stamp, pipeline, cache, report)
    return report.from_cache


def open_article(row_path: str, analyzer: Analyzer | None = None) -> ParsedDocument:
    """The article to show in the reader: its cached analysis when there is one, else its prepared text.

    A web member is read from the page cache only (never fetched here: this runs on a key).
    Raises :class:`newsview.reader.InputError` when it cannot be read.
    """
    from .. import engine
    from ..reader import read_article

    raw = read_page_member(row_path, fetch=False) if is_address(row_path) else read_article(row_path)
    doc = engine.prepare(raw)
    if analyzer is not None:
        hit = analyzer.cached(doc)
        if hit is not None:
            return hit
    return doc


# -- the background analysis loop ------------------------------------------------


@dataclass(frozen=True)
class LoopProgress:
    """One report from the analysis loop."""

    #: ``started``, ``done``, ``failed``, ``share`` (part of the current article parsed), ``stopped``, ``finished``
    event: str
    path: str | None = None
    done: int = 0
    failed: int = 0
    #: articles still queued (not counting the current one)
    left: int = 0
    share: float | None = None
    #: one line: why an article failed, or why the loop stopped
    reason: str | None = None


class AnalysisLoop:
    """Analyses the index's queued articles with one :class:`~newsview.engine.Analyzer`.

    ``run`` is meant for a worker thread: it opens its own connection to the
    index, loads the pipeline on the first article that needs it, and
    returns when the queue is empty or ``stop()`` was called.  An article's
    failure is recorded on it (state ``failed`` and the reason) and never
    stops the others; a missing pipeline stops the loop (every article would
    fail the same way) with the articles left queued.
    """

    def __init__(self, index_path: str | os.PathLike[str], analyzer: Analyzer, *, explicit: bool = False,
                 progress: Callable[[LoopProgress], None] | None = None) -> None:
        self.index_path = index_path
        self.explicit = explicit
        self.analyzer = analyzer
        self.progress = progress
        self._stop = threading.Event()

    def stop(self) -> None:
        """Ask the loop to end: the current parse stops at its next piece, and that article is queued again."""
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def _say(self, event: LoopProgress) -> None:
        if self.progress is not None:
            self.progress(event)

    def run(self, feed: Feed | None = None) -> LoopProgress:
        """Analyse until the queue is empty or ``stop()``; returns the last report.

        With a ``feed`` (a sync still reading or fetching members), an empty queue is waited
        on until the feed says the sync has ended: each member is analysed as soon as it is queued.
        """
        import time

        from ..pipeline import Cancelled, ModelError
        from ..reader import InputError
        from . import speakers
        from .index import owner_id

        owner = owner_id()
        done = failed = 0
        last_ledger = time.monotonic()
        ledger_cost = 0.0
        with LibraryIndex(self.index_path, explicit=self.explicit) as index:
            while not self.stopped:
                item = index.claim_next(owner)
                if item is None:
                    if feed is not None and feed.wait_for_more(self._stop):
                        continue
                    break
                left = index.status().queued
                self._say(LoopProgress("started", item.path, done, failed, left))
                try:
                    self._analyse(index, item, left, done, failed)
                except Cancelled:
                    index.release(item.path)
                    break
                except ModelError as exc:
                    index.release(item.path)
                    speakers.refresh(index)
                    final = LoopProgress("stopped", item.path, done, failed, left + 1, reason=str(exc))
                    self._say(final)
                    return final
                except InputError as exc:
                    failed += 1
                    index.mark(item.path, "unreadable", str(exc))
                    self._say(LoopProgress("failed", item.path, done, failed, left, reason=str(exc)))
                except Exception as exc:  # one article's bug must not stop the library
                    failed += 1
                    reason = f"analysis failed: {type(exc).__name__}: {exc}"
                    index.mark(item.path, "failed", reason, analysis_key=item.analysis_key)
                    self._say(LoopProgress("failed", item.path, done, failed, left, reason=" ".join(reason.split())))
                else:
                    done += 1
                    self._say(LoopProgress("done", item.path, done, failed, left))
                if time.monotonic() - last_ledger >= max(LEDGER_INTERVAL, 10 * ledger_cost):
                    # a big library's ledger takes longer: rebuilt less often, never a tenth of the time
                    started = time.monotonic()
                    speakers.refresh(index)
                    last_ledger = time.monotonic()
                    ledger_cost = last_ledger - started
            speakers.refresh(index)
            final = LoopProgress("stopped" if self.stopped else "finished", None, done, failed, index.status().queued)
        self._say(final)
        return final

    def _analyse(self, index: LibraryIndex, item: Stamp, left: int, done: int, failed: int) -> None:
        from .. import engine
        from ..reader import read_article

        if is_address(item.path):  # fetched by the sync: in the page cache (fetched again if it was lost)
            raw, st = read_page_member(item.path), None
        else:
            raw, st = read_article(item.path), os.stat(item.path)
        doc = engine.prepare(raw)

        def share(_partial: ParsedDocument, value: float | None) -> None:
            self._say(LoopProgress("share", item.path, done, failed, left, share=value))

        result = self.analyzer(doc, progress=share if self.progress else None, cancelled=self._stop.is_set)
        key = analysis_key(self.analyzer.cache, engine.source_of(raw), self.analyzer.pipeline)
        index_document(index, _file_of(raw, st), result, key)
