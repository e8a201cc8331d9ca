"""Turning review actions into log entries, and describing an entry in one line."""

from __future__ import annotations

from typing import Any

from .actions import (
    ACCEPTED,
    REASONS,
    REJECTED,
    Accept,
    Action,
    ClearVerdict,
    MergeActors,
    Reassign,
    Redo,
    Reject,
    RenameActor,
    SetNote,
    Undo,
)
from .errors import ReviewError
from .keys import actor_key, norm_name, quote_key, quote_ref
from .log import Review, utc_now
from .matching import match_quotes
from .view import ReviewedView


def _quote_entry_part(view: ReviewedView, quote_id: str) -> dict[str, Any]:
    q = view.doc.quote(quote_id)
    if q is None:
        raise ReviewError(f"there is no quote {quote_id!r} in this article")
    key = quote_key(q)
    # reviewed before (perhaps under another analysis, perhaps since cleared): keep its handle
    ref = view.ref_of.get(q.id)
    if ref is None:
        earlier = {qid: r for r, qid in match_quotes(view.doc, view.review.all_records.values()).items()}
        ref = earlier.get(q.id) or quote_ref(key)
    return {"ref": ref, **key, "display": q.text, "engine_speaker": view.doc.speaker_name(q)}


def _actor_ref(view: ReviewedView, actor_id: str) -> dict[str, Any]:
    a = view.doc.actor(actor_id)
    if a is not None:
        return actor_key(a)
    if actor_id in view.extra_refs:
        return view.extra_refs[actor_id]
    raise ReviewError(f"there is no actor {actor_id!r} in this article")


def _new_actor_ref(view: ReviewedView, name: str) -> dict[str, Any]:
    """A reference for a speaker typed by name: an actor already known by that name, else a new one."""
    name = " ".join(name.split())
    if not name:
        raise ReviewError("the new speaker's name is empty")
    n = norm_name(name)
    for a in view.actors:
        if n == norm_name(a.name):
            return _actor_ref(view, a.id)
    for a in view.actors:
        if n in {norm_name(x) for x in a.aliases}:
            return _actor_ref(view, a.id)
    return {"name": name, "new": True}


def history_entry(action: Undo | Redo, review: Review) -> dict[str, Any] | None:
    """The log entry undoing or redoing the latest change; None when there is none."""
    target = review.last_undo_target if isinstance(action, Undo) else review.last_redo_target
    if target is None:
        return None
    return {"id": action.id, "at": utc_now(), "op": "undo" if isinstance(action, Undo) else "redo", "target": target}


def make_entry(action: Action, view: ReviewedView) -> dict[str, Any] | None:
    """The log entry for ``action`` against the reviewed view; None when there is nothing to do."""
    e: dict[str, Any] = {"id": action.id, "at": utc_now()}
    if isinstance(action, (Accept, Reject, ClearVerdict)):
        e.update(op="verdict", quote=_quote_entry_part(view, action.quote_id))
        if isinstance(action, Accept):
            e["verdict"] = ACCEPTED
        elif isinstance(action, Reject):
            if action.reason is not None and action.reason not in REASONS:
                raise ReviewError(f"unknown reason {action.reason!r} (use {' or '.join(REASONS)})")
            e["verdict"], e["reason"] = REJECTED, action.reason
        else:
            e["verdict"] = None
        return e
    if isinstance(action, Reassign):
        e.update(op="reassign", quote=_quote_entry_part(view, action.quote_id))
        if action.new_name is not None:
            e["speaker"] = _new_actor_ref(view, action.new_name)
        elif action.actor_id is not None:
            e["speaker"] = _actor_ref(view, action.actor_id)
        else:
            e["speaker"] = None
        return e
    if isinstance(action, SetNote):
        return {**e, "op": "note", "quote": _quote_entry_part(view, action.quote_id), "text": action.text.strip()}
    if isinstance(action, MergeActors):
        if view.actor_of.get(action.keep_id, action.keep_id) == view.actor_of.get(action.absorb_id, action.absorb_id):
            raise ReviewError("these are already the same actor")
        return {**e, "op": "merge", "keep": _actor_ref(view, action.keep_id), "absorb": _actor_ref(view, action.absorb_id)}
    if isinstance(action, RenameActor):
        name = " ".join(action.name.split())
        if not name:
            raise ReviewError("an actor's name cannot be empty")
        ref = _actor_ref(view, action.actor_id)
        return {**e, "op": "rename", "actor": ref, "name": name}
    raise ReviewError(f"unknown review action {type(action).__name__}")


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026") + "\u201d"


def describe_entry(entry: dict[str, Any] | None, review: Review | None = None) -> str:
    """One plain-text line for a status bar: what a log entry did ("rejected “We will…”")."""
    if not entry:
        return ""
    op = entry.get("op")
    if op in ("undo", "redo") and review is not None:
        return f"{op}: {describe_entry(review.entry(entry.get('target', '')))}"
    quote = _short((entry.get("quote") or {}).get("display", ""))
    if op == "verdict":
        verdict = entry.get("verdict")
        if verdict is None:
            return f"cleared the verdict on {quote}"
        reason = entry.get("reason")
        return f"{verdict} {quote}" + (f" ({reason.replace('_', ' ')})" if reason else "")
    if op == "reassign":
        speaker = entry.get("speaker")
        return f"gave {quote} to {speaker['name']}" if speaker else f"gave {quote} back to the engine's speaker"
    if op == "note":
        return f"noted {quote}" if entry.get("text") else f"removed the note on {quote}"
    if op == "merge":
        return f"merged {entry['absorb']['name']} into {entry['keep']['name']}"
    if op == "rename":
        return f"renamed {entry['actor']['name']} to {entry['name']}"
    return str(op)


def describe_last(review: Review) -> str:
    """What the last saved action did, for the status line after apply, undo or redo."""
    return describe_entry(review.entries[-1] if review.entries else None, review)
