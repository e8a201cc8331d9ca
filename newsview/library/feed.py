"""The signal between a library sync and the analysis loop running beside it.

Its own module so that the loop (:mod:`newsview.library.scan`) and the code that
runs the sync in a thread (:mod:`newsview.library.background`) both use it
without importing each other.
"""

from __future__ import annotations

import threading


class Feed:
    """What a sync running beside the analysis loop tells it: something was queued, or the sync ended."""

    #: how long (seconds) the loop waits at most before it looks at the stop flag again
    POLL = 0.25

    def __init__(self) -> None:
        self._news = threading.Event()
        self._ended = threading.Event()

    def member_done(self) -> None:
        """The sync is past one more member (it may have queued it)."""
        self._news.set()

    def ended(self) -> None:
        self._ended.set()
        self._news.set()

    def wait_for_more(self, stop: threading.Event) -> bool:
        """The loop found the queue empty: True when it should look again (the sync moved on), False
        when the sync has ended with nothing new since (or the loop was stopped)."""
        while not stop.is_set():
            if self._news.is_set():
                # cleared before the queue is looked at again: news after this is seen next time
                self._news.clear()
                return True
            if self._ended.is_set():
                return False
            self._news.wait(self.POLL)
        return False
