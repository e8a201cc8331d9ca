"""Reading a library's members and analysing them at the same time.

The sync (:func:`newsview.library.scan.sync`) reads the files, then fetches
the web pages (a few at once); a page can take seconds to arrive.  Here the
sync runs in a thread of its own while the
:class:`~newsview.library.scan.AnalysisLoop` runs in the caller's thread and
analyses each member as soon as the sync has queued it: the first article is
ready while the others are still downloading.  The two talk through a
:class:`Feed`, and each has its own connection to the index (the index takes
two writers).

Used by the app's library screen and by ``--format speakers``.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Sequence

from .feed import Feed
from .index import LibraryIndex
from .scan import AnalysisLoop, LoopProgress, SyncReport, sync


def sync_while_analysing(
    loop: AnalysisLoop,
    files: Sequence[str],
    *,
    refresh: bool = False,
    on_file: Callable[[int, int], None] | None = None,
    on_synced: Callable[[SyncReport], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> tuple[SyncReport, LoopProgress]:
    """Sync ``files`` into ``loop``'s index in a thread while ``loop`` analyses what is queued.

    ``on_file(done, total)`` after each member and ``on_synced(report)`` when the sync
    ends are called in the sync's thread.  Returns when both have ended: the sync's
    report and the loop's last report.  An error of the sync (e.g.
    :class:`~newsview.library.index.LibraryIndexError`) is raised here, after the loop stopped.
    The sync stops at its next member when ``cancelled()`` or the loop is stopped, or when the
    loop ends with an error (Ctrl-C): the caller does not wait for every other member first.
    """
    feed = Feed()
    outcome: dict[str, object] = {}

    def member_done(done: int, total: int) -> None:
        feed.member_done()
        if on_file is not None:
            on_file(done, total)

    def sync_cancelled() -> bool:
        return loop.stopped or (cancelled is not None and cancelled())

    def run_sync() -> None:
        try:
            with LibraryIndex(loop.index_path, explicit=loop.explicit) as index:
                report = sync(index, list(files), pipeline=loop.analyzer.pipeline, cache=loop.analyzer.cache,
                              on_file=member_done, cancelled=sync_cancelled, refresh=refresh)
            outcome["report"] = report
            if on_synced is not None:
                on_synced(report)
        except BaseException as exc:  # handed to the caller's thread, which raises it
            outcome["error"] = exc
            loop.stop()  # the members will not come: nothing more to wait for
        finally:
            feed.ended()

    # the caller's context goes along: callbacks may rely on it (the app's worker has the active app in it)
    syncing = threading.Thread(target=contextvars.copy_context().run, args=(run_sync,), name="newsview-library-sync",
                               daemon=True)
    syncing.start()
    try:
        final = loop.run(feed)
    except BaseException:
        loop.stop()  # Ctrl-C (or a bug) in the loop: the sync ends at its next member, not after all of them
        raise
    finally:
        syncing.join()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    report = outcome.get("report")
    return (report if isinstance(report, SyncReport) else SyncReport()), final
