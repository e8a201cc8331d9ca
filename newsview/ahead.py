"""Slow work (fetching web pages) started ahead, a few at a time, in daemon threads.

A run that stops early (Ctrl-C, ``| head``, the app quitting) must not wait
for a page still on its way: a thread pool's threads are joined when the
interpreter exits, so each piece of work here runs in a daemon thread of its
own and reports through a :class:`concurrent.futures.Future`.  At most
``at_once`` pieces run at a time, which also bounds what is held in memory
before it is used.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from typing import TypeVar

_Item = TypeVar("_Item")
_Result = TypeVar("_Result")


def started(work: Callable[[], _Result]) -> Future[_Result]:
    """``work()`` running in a daemon thread; its result (or its exception) in the future."""
    future: Future[_Result] = Future()

    def run() -> None:
        try:
            future.set_result(work())
        except BaseException as exc:  # handed to whoever asks the future
            future.set_exception(exc)

    threading.Thread(target=run, name="newsview-ahead", daemon=True).start()
    return future


def in_order(items: Sequence[_Item], work: Callable[[_Item], _Result], *,
             at_once: int) -> Iterator[tuple[_Item, Future[_Result]]]:
    """Each item with the future of ``work(item)``, in the items' order; the next ones are started
    while the caller is busy with this one (at most ``at_once`` started and not yet handed out)."""
    futures: dict[int, Future[_Result]] = {}
    for n, item in enumerate(items):
        for k in range(n, min(n + at_once, len(items))):
            if k not in futures:
                futures[k] = started(lambda k=k: work(items[k]))  # type: ignore[misc]
        yield item, futures.pop(n)


def as_they_finish(items: Sequence[_Item], work: Callable[[_Item], _Result], *,
                   at_once: int) -> Iterator[tuple[_Item, Future[_Result]]]:
    """Each item with its finished future, in the order they finish (at most ``at_once`` running)."""
    waiting = list(range(len(items)))
    running: dict[Future[_Result], int] = {}
    while waiting or running:
        while waiting and len(running) < at_once:
            k = waiting.pop(0)
            running[started(lambda k=k: work(items[k]))] = k  # type: ignore[misc]
        done, _ = wait(list(running), return_when=FIRST_COMPLETED)
        for future in done:
            yield items[running.pop(future)], future
