"""What the UI asks a review to record, by the ids of the document on screen."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

ACCEPTED = "accepted"
REJECTED = "rejected"
VERDICTS = (ACCEPTED, REJECTED)
#: why a quote was rejected
REASONS = ("wrong_quote", "wrong_speaker")


def _uid() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Accept:
    quote_id: str
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class Reject:
    quote_id: str
    reason: str | None = None  # "wrong_quote" | "wrong_speaker"
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class ClearVerdict:
    quote_id: str
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class Reassign:
    """Give a quote another speaker: an actor on screen, or a new actor by name.

    ``actor_id`` is a document actor id (``a1``) or an id from the reviewed
    view (``new:jane doe``); ``new_name`` names an actor the engine did not
    find.  Both None clears the reassignment.
    """

    quote_id: str
    actor_id: str | None = None
    new_name: str | None = None
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class SetNote:
    """Add, edit or (with empty text) remove a quote's note."""

    quote_id: str
    text: str
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class MergeActors:
    """``absorb_id`` is the same person as ``keep_id``: its name becomes an alias."""

    keep_id: str
    absorb_id: str
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class RenameActor:
    actor_id: str
    name: str
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class Undo:
    id: str = field(default_factory=_uid)


@dataclass(frozen=True)
class Redo:
    id: str = field(default_factory=_uid)


Action = Accept | Reject | ClearVerdict | Reassign | SetNote | MergeActors | RenameActor | Undo | Redo
