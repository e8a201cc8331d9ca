"""The progress display of batch and corpus runs, drawn with ``rich.progress``.

``newsview: ━━━━━━╺━━━━ 12/252 files (next 40%) · 4,130 words/s · 2 workers · 0:00:41``
on standard error, only while it is a terminal (logs and pipes never see
it), and taken away at the end.  Off a terminal, a corpus run prints
:meth:`RunProgress.summary` once, at the end, instead.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import IO, Any

#: seconds between two redraws
INTERVAL = 0.2


def is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _plural(n: int, unit: str) -> str:
    return unit if n != 1 else unit.removesuffix("s")


class RunProgress:
    """Units done of a known total, words per second, time left and workers.

    ``clear()`` takes the display away (before an error message is printed,
    and at the end); the next update draws it again.
    """

    def __init__(self, total: int, *, unit: str = "articles", stream: IO[str] | None = None,
                 interval: float = INTERVAL, sizes: Sequence[int] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = is_terminal(self.stream)
        self.total = total
        #: each unit's size, in input order: the bar and the time left go by size, not by count
        #: (one big file last would otherwise be "0:01 left" with a minute to go)
        self.sizes = list(sizes) if sizes is not None and len(sizes) == total else [1] * total
        self.size_total = sum(self.sizes) or 1
        self.size_done = 0
        self.unit = unit
        self.done = 0
        self.words = 0
        self.errors = 0
        self.share = 0.0  # of the unit being analysed, when one process reports it
        #: units (and their words) analysed but not yet counted done: a corpus run's partitions
        #: still being analysed, as their workers report them
        self.running = 0
        self.running_words = 0
        self.workers: int | None = None
        self.interval = interval
        self._start = time.monotonic()
        self._drawn = 0.0
        self._progress: Any = None
        self._task: Any = None

    # -- what happened -----------------------------------------------------------
    def advance(self, units: int = 1, words: int = 0, errors: int = 0) -> None:
        self.size_done += sum(self.sizes[self.done:self.done + units])
        self.done += units
        self.words += words
        self.errors += errors
        self.share = 0.0
        self.draw(force=self.done >= self.total)

    def set_share(self, share: float | None) -> None:
        """How much of the unit being analysed is done (None: nothing known yet)."""
        if share is None:
            return
        self.share = max(0.0, min(1.0, share))
        self.draw()

    def set_running(self, units: int, words: int, *, draw: bool = True) -> None:
        """Units (and words) analysed in work not finished yet: they move the bar, not ``done``."""
        self.running = units
        self.running_words = words
        if draw:
            self.draw()

    def set_workers(self, workers: int) -> None:
        if workers != self.workers:
            self.workers = workers
            self.draw(force=True)

    # -- what is shown -----------------------------------------------------------
    def words_per_second(self) -> float:
        return (self.words + self.running_words) / max(time.monotonic() - self._start, 1e-6)

    def _size_progress(self) -> float:
        current = self.sizes[self.done] if self.done < self.total else 0
        running = sum(self.sizes[self.done:self.done + self.running])
        return min(1.0, (self.size_done + running + self.share * current) / self.size_total)

    def time_left(self) -> float | None:
        """Seconds left, estimated by size done (None before anything is done, and at the end)."""
        progress = self._size_progress()
        if not 0 < progress < 1 or self.done >= self.total:
            return None
        return (time.monotonic() - self._start) * (1 - progress) / progress

    def label(self) -> str:
        parts = [f"{min(self.total, self.done + self.running):,}/{self.total:,} {_plural(self.total, self.unit)}"]
        if 0 < self.share < 1 and self.done < self.total:
            parts[0] += f" (next {self.share:.0%})"
        if self.words or self.running_words:
            parts.append(f"{self.words_per_second():,.0f} words/s")
        if self.workers:
            parts.append(f"{self.workers} {_plural(self.workers, 'workers')}")
        return " · ".join(parts)

    def summary(self) -> str:
        """One line for the end of a run: what was done, how fast, and the errors."""
        elapsed = time.monotonic() - self._start
        text = f"{self.done:,} {_plural(self.done, self.unit)}"
        if self.errors:
            text += f" ({self.errors:,} {_plural(self.errors, 'errors')})"
        text += f" in {int(elapsed // 60)}:{int(elapsed % 60):02d}, {self.words / max(elapsed, 1e-6):,.0f} words/s"
        if self.workers:
            text += f" on {self.workers} {_plural(self.workers, 'workers')}"
        return text

    def draw(self, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn < self.interval:
            return
        self._drawn = now
        try:
            if self._progress is None:
                self._progress = self._make()
                self._task = self._progress.add_task("", total=self.size_total, label=self.label())
                self._progress.start()
            self._progress.update(self._task, completed=self._size_progress() * self.size_total,
                                  label=self.label())
            self._progress.refresh()
        except (OSError, ValueError):
            self.enabled = False  # the terminal went away: carry on without

    def _make(self) -> Any:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        console = Console(file=self.stream, highlight=False, markup=False, emoji=False)
        return Progress(
            TextColumn("newsview:", markup=False),
            BarColumn(bar_width=24),
            TextColumn("{task.fields[label]}", markup=False),
            TimeRemainingColumn(),
            console=console,
            transient=True,  # taken away at the end
            auto_refresh=False,  # drawn when something changes, never from a thread of its own
            redirect_stdout=False,  # stdout is the output, never the display's
            redirect_stderr=False,
        )

    def clear(self) -> None:
        """Take the display away (before an error message, and at the end)."""
        if self._progress is not None:
            try:
                self._progress.stop()
            except (OSError, ValueError):
                self.enabled = False
            self._progress = None
