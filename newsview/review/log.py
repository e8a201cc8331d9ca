"""The review as an append-only log of entries, folded into one record per quote.

The review state is the log folded in order, with undone actions left out.
Undo and redo are themselves logged entries, so they are saved, survive a
restart and travel with the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .actions import REJECTED


def utc_now() -> str:
    """The time an entry or a file is written, as stored in the file."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class QuoteRecord:
    """The review of one quote, independent of any analysis's ids."""

    ref: str
    text: str  # normalised text (the key)
    start: int
    end: int
    display: str  # the quote as it read when last reviewed
    engine_speaker: str | None  # who the engine said, when last reviewed
    verdict: str | None = None
    reason: str | None = None
    note: str = ""
    speaker: dict[str, Any] | None = None  # actor reference, when reassigned

    @property
    def reviewed(self) -> bool:
        return self.verdict is not None or self.speaker is not None

    @property
    def empty(self) -> bool:
        return not self.reviewed and not self.note


@dataclass(frozen=True)
class Review:
    """A loaded review: the log, the revision it was read or written at, and its fold."""

    entries: tuple[dict[str, Any], ...] = ()
    revision: int = 0
    source_sha256: str | None = None
    # the fold, worked out once from the fields above
    _done: list[str] = field(init=False, repr=False, compare=False)
    _undone: list[str] = field(init=False, repr=False, compare=False)
    _all_records: dict[str, QuoteRecord] = field(init=False, repr=False, compare=False)
    _records: dict[str, QuoteRecord] = field(init=False, repr=False, compare=False)
    _actor_ops: tuple[dict[str, Any], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        done, undone = _stacks(self.entries)
        object.__setattr__(self, "_done", done)
        object.__setattr__(self, "_undone", undone)
        live = set(done)
        records, actor_ops = _fold([e for e in self.entries if e["id"] in live], done)
        object.__setattr__(self, "_all_records", records)
        object.__setattr__(self, "_records", {ref: rec for ref, rec in records.items() if not rec.empty})
        object.__setattr__(self, "_actor_ops", actor_ops)

    @property
    def records(self) -> dict[str, QuoteRecord]:
        """Reviewed quotes by ref (those with a verdict, a new speaker or a note)."""
        return self._records

    @property
    def all_records(self) -> dict[str, QuoteRecord]:
        """Every quote ever touched, including those whose review was cleared."""
        return self._all_records

    @property
    def actor_ops(self) -> tuple[dict[str, Any], ...]:
        """Merges and renames in effect, in the order they were made."""
        return self._actor_ops

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def entry(self, entry_id: str) -> dict[str, Any] | None:
        for e in self.entries:
            if e["id"] == entry_id:
                return e
        return None

    def contains(self, entry_id: str) -> bool:
        return self.entry(entry_id) is not None

    @property
    def last_undo_target(self) -> str | None:
        return self._done[-1] if self._done else None

    @property
    def last_redo_target(self) -> str | None:
        return self._undone[-1] if self._undone else None


def _stacks(entries: Iterable[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The done and undone stacks (entry ids, oldest first) after the whole log."""
    done: list[str] = []
    undone: list[str] = []
    for e in entries:
        op = e.get("op")
        target = e.get("target")
        if op == "undo":
            if target in done:
                done.remove(target)
                undone.append(target)
        elif op == "redo":
            if target in undone:
                undone.remove(target)
                done.append(target)
        else:
            done.append(e["id"])
            undone.clear()
    return done, undone


def _fold(entries: list[dict[str, Any]], order: list[str]) -> tuple[dict[str, QuoteRecord], tuple[dict[str, Any], ...]]:
    by_id = {e["id"]: e for e in entries}
    records: dict[str, QuoteRecord] = {}
    actor_ops: list[dict[str, Any]] = []
    for eid in order:
        e = by_id[eid]
        op = e["op"]
        if op in ("merge", "rename"):
            actor_ops.append(e)
            continue
        q = e.get("quote")
        if not q:
            continue
        ref = q["ref"]
        old = records.get(ref)
        base = {
            "ref": ref,
            "text": q["text"],
            "start": q["start"],
            "end": q["end"],
            "display": q.get("display", q["text"]),
            "engine_speaker": q.get("engine_speaker"),
            "verdict": old.verdict if old else None,
            "reason": old.reason if old else None,
            "note": old.note if old else "",
            "speaker": old.speaker if old else None,
        }
        if op == "verdict":
            base["verdict"] = e.get("verdict")
            base["reason"] = e.get("reason") if e.get("verdict") == REJECTED else None
        elif op == "reassign":
            base["speaker"] = e.get("speaker")
        elif op == "note":
            base["note"] = e.get("text", "")
        records[ref] = QuoteRecord(**base)
    return records, tuple(actor_ops)
