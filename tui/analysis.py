"""The analysis in the background: its state, its messages, and the thread it runs in.

The reader shows the cleaned text at once; the (slow) analyser runs in a
daemon thread watched by a Textual worker, and reports back with messages:
``AnalysisProgress`` while a long article is parsed piece by piece, and
``DocumentAnalysed`` at the end.  A failure arrives as the worker's error.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker

from newsview.filtering import prepare_search
from newsview.model import ParsedDocument

#: what the analyser calls with a partial document and the share of the text parsed (None: only more text)
Progress = Callable[[ParsedDocument, "float | None"], None]


class Analyser(Protocol):
    """The one way the reader calls an analyser (``engine.Analyzer`` is one)."""

    def __call__(
        self, document: ParsedDocument, *, progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ParsedDocument: ...


class AnalysisState(StrEnum):
    """Where the analysis is; ``words`` says it on the status line and in the empty sidebar."""

    WAITING = "waiting"  # an analyser is given, not started yet
    ANALYSING = "analysing"
    DONE = "done"  # the document shown is analysed
    FAILED = "failed"
    OFF = "off"  # text only: no analyser

    @classmethod
    def at_start(cls, document: ParsedDocument, has_analyser: bool) -> AnalysisState:
        if document.analysed:
            return cls.DONE
        return cls.WAITING if has_analyser else cls.OFF

    @property
    def words(self) -> StateWords:
        return _WORDS[self]


@dataclass(frozen=True)
class StateWords:
    """How a state of the analysis is shown."""

    status: str  #: on the status line
    style: str  #: its style there
    pending_note: str  #: what the empty sidebar says ("" once there is an analysis)


_FINDING = "Finding actors and quotes…"
_WORDS = {
    AnalysisState.WAITING: StateWords("text only", "$text-muted", _FINDING),
    AnalysisState.ANALYSING: StateWords("analysing…", "$text-warning", _FINDING),
    AnalysisState.DONE: StateWords("analysed", "$text-success", ""),
    AnalysisState.FAILED: StateWords("analysis failed", "bold $text-error",
                                     "The analysis failed: no actors or quotes. The text is all there."),
    AnalysisState.OFF: StateWords("text only", "$text-muted", "Text only: no analysis was run."),
}


class DocumentAnalysed(Message):
    """The analyser finished; ``document`` is the analysed version."""

    def __init__(self, document: ParsedDocument) -> None:
        super().__init__()
        self.document = document


class AnalysisProgress(Message):
    """Part of a long article is parsed: ``document`` holds the entities found so far."""

    def __init__(self, document: ParsedDocument, share: float | None) -> None:
        """``share`` of the text parsed; None when only the text is new (the rest of a long article)."""
        super().__init__()
        self.document = document
        self.share = share

    def can_replace(self, message: Message) -> bool:
        # a newer partial document holds everything an older one did
        return isinstance(message, AnalysisProgress)


def settle_memory() -> None:
    """Leave what is in memory now (the app, the document, the pipeline) out of later garbage collections.

    A full collection walks every object the process holds: with an
    analysed article and the spaCy pipeline in memory that takes ~50 ms, and it
    lands on whichever key happens to allocate at that moment.  Objects that
    live as long as the app are frozen instead (``gc.freeze``), so a
    collection only walks what keys and redraws create.
    """
    gc.freeze()
    gc.enable()  # the command line keeps it off while the app starts


class AnalysisRun:
    """One analysis of a document in its own daemon thread, reporting to ``target`` with messages."""

    def __init__(self, analyser: Analyser, target: MessagePump, *, long_text_chars: int) -> None:
        """``long_text_chars``: text this long is lowercased for the filter in the thread, as it arrives."""
        self.analyser = analyser
        self.target = target
        self.long_text_chars = long_text_chars
        self.thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """True while the analyser's thread still runs (e.g. finishing a piece after a quit)."""
        return self.thread is not None and self.thread.is_alive()

    def run(self, document: ParsedDocument, worker: Worker) -> None:
        """The worker's body: start the thread, wait for it, post the result (or raise its error).

        The worker returns as soon as it is cancelled (the app quits), so
        neither the event loop's executor nor the interpreter waits for a long
        parse; the analyser sees the cancellation through ``cancelled()`` and
        stops after the piece it is parsing.
        """
        outcome: dict[str, object] = {}

        def progress(partial: ParsedDocument, share: float | None) -> None:
            if worker.is_cancelled:
                return
            if share is None and len(partial.text) >= self.long_text_chars:
                # the rest of a long article: lowercase it for the filter here,
                # with the text, rather than on the first filter key
                prepare_search(partial)
            self.target.post_message(AnalysisProgress(partial, share))

        def body() -> None:
            try:
                outcome["document"] = self.analyser(document, progress=progress,
                                                     cancelled=lambda: worker.is_cancelled)
            except BaseException as exc:  # noqa: BLE001 (handed to the worker, which reports it)
                outcome["error"] = exc

        self.thread = threading.Thread(target=body, name="newsview-analysis", daemon=True)
        self.thread.start()
        while self.thread.is_alive():
            self.thread.join(0.05)
            if worker.is_cancelled:
                return
        if worker.is_cancelled:
            return
        error = outcome.get("error")
        if isinstance(error, BaseException):
            raise error
        document = outcome["document"]  # type: ignore[assignment]  # set whenever no error was
        self.target.post_message(DocumentAnalysed(document))
