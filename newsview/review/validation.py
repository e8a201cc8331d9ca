"""Checking a review file's log before anything folds, shows or exports it.

A review file is a user's file: edited by hand, merged by a tool, damaged.
Every field the fold, the reviewed view and the exports read is checked here,
once, on load; the first wrong one is reported by its place in the file
(``actions[3].quote.text is a number, not text``), and the file is then left
exactly as it is (the store refuses to save over it).
"""

from __future__ import annotations

from typing import Any

from ..document_check import is_whole_number, kind_of
from .actions import REASONS, VERDICTS

_QUOTE_OPS = frozenset({"verdict", "reassign", "note"})
_OPS = ("verdict", "reassign", "note", "merge", "rename", "undo", "redo")


class InvalidReview(ValueError):
    """A field of the review file is missing or of the wrong type; ``str()`` names it."""


def check_header(d: dict[str, Any]) -> None:
    """``revision``, ``article`` and ``actions`` (each entry in it) as the file format describes them."""
    revision = d.get("revision", 0)
    if not is_whole_number(revision) or revision < 0:
        raise InvalidReview(f"revision is {kind_of(revision)}, not a whole number of 0 or more")
    article = d.get("article")
    if article is not None:
        if not isinstance(article, dict):
            raise InvalidReview(f"article is {kind_of(article)}, not an object")
        for key in ("path", "sha256"):
            _text(f"article.{key}", article.get(key), optional=True)
    entries = d.get("actions")
    if not isinstance(entries, list):
        raise InvalidReview(f"actions is {kind_of(entries)}, not a list")
    for i, entry in enumerate(entries):
        check_entry(entry, f"actions[{i}]")


def check_entry(e: object, where: str) -> None:
    """One log entry: its id, its op, and the fields that op reads."""
    if not isinstance(e, dict):
        raise InvalidReview(f"{where} is {kind_of(e)}, not an object")
    _text(f"{where}.id", e.get("id"), nonempty=True)
    _text(f"{where}.at", e.get("at"), optional=True)
    op = e.get("op")
    if op not in _OPS:
        raise InvalidReview(f"{where}.op is not one of {', '.join(_OPS)}")
    if op in _QUOTE_OPS:
        _quote(f"{where}.quote", e.get("quote"))
    if op == "verdict":
        if e.get("verdict") not in (*VERDICTS, None):
            raise InvalidReview(f"{where}.verdict is not {' or '.join(VERDICTS)} or null")
        if e.get("reason") not in (*REASONS, None):
            raise InvalidReview(f"{where}.reason is not {' or '.join(REASONS)} or null")
    elif op == "reassign":
        if e.get("speaker") is not None:
            _actor(f"{where}.speaker", e["speaker"])
    elif op == "note":
        if "text" in e:
            _text(f"{where}.text", e["text"])
    elif op == "merge":
        _actor(f"{where}.keep", e.get("keep"))
        _actor(f"{where}.absorb", e.get("absorb"))
    elif op == "rename":
        _actor(f"{where}.actor", e.get("actor"))
        _text(f"{where}.name", e.get("name"), nonempty=True)
    else:  # undo, redo
        _text(f"{where}.target", e.get("target"), nonempty=True)


def _quote(where: str, q: object) -> None:
    """A quote reference: ``ref``, normalised ``text``, ``start``/``end``, and what it showed."""
    if not isinstance(q, dict):
        raise InvalidReview(f"{where} is {kind_of(q)}, not a quote reference")
    _text(f"{where}.ref", q.get("ref"), nonempty=True)
    _text(f"{where}.text", q.get("text"))
    start, end = _offset(f"{where}.start", q.get("start")), _offset(f"{where}.end", q.get("end"))
    if end < start:
        raise InvalidReview(f"{where}.end is before its start")
    if "display" in q:
        _text(f"{where}.display", q["display"])
    _text(f"{where}.engine_speaker", q.get("engine_speaker"), optional=True)


def _offset(where: str, value: object) -> int:
    if not is_whole_number(value) or value < 0:
        raise InvalidReview(f"{where} is {kind_of(value)}, not a whole number of 0 or more")
    return value


def _actor(where: str, ref: object) -> None:
    """An actor reference: a ``name``, its other names, and whether the reviewer added it."""
    if not isinstance(ref, dict):
        raise InvalidReview(f"{where} is {kind_of(ref)}, not an actor reference")
    _text(f"{where}.name", ref.get("name"), nonempty=True)
    aliases = ref.get("aliases", [])
    if not isinstance(aliases, list):
        raise InvalidReview(f"{where}.aliases is {kind_of(aliases)}, not a list")
    for j, alias in enumerate(aliases):
        _text(f"{where}.aliases[{j}]", alias)
    if not isinstance(ref.get("new", False), bool):
        raise InvalidReview(f"{where}.new is {kind_of(ref['new'])}, not true or false")


def _text(where: str, value: object, *, optional: bool = False, nonempty: bool = False) -> None:
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise InvalidReview(f"{where} is {kind_of(value)}, not text")
    if nonempty and not value.strip():
        raise InvalidReview(f"{where} is empty")
