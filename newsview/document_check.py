"""Checking a ``newsview/1`` document read back from disk before anything uses it.

A parse cache entry is a file anyone could have edited, truncated or
replaced.  ``ParsedDocument.from_dict`` builds the model from a well-formed
document; :func:`document_from_json` also turns every other JSON value
(``[1]``, ``null``, ``meta`` as a list, ``text`` as a number, a span past the
end of the text, an actor id that no widget can carry...) into one
:class:`BadDocument` naming the first field that is wrong, so the reader,
the sidebar and every export only ever see documents of the right shape.
No spaCy, no Textual.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any, TypeGuard

from .coverage import COVERAGES
from .model import ParsedDocument

#: ids the engine gives (``a1``, ``q12``): they also name widgets, whose ids are restricted
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,63}")
_QUOTE_KINDS = ("direct", "indirect", "mixed")
_MENTION_KINDS = ("name", "pronoun", "descriptor")
_GENDERS = ("m", "f")
#: what a detected or given language is named by (fastText's labels: "en", "ceb")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


class BadDocument(ValueError):
    """The value is not a usable ``newsview/1`` document; ``str()`` names the field."""


def document_from_json(value: Any) -> ParsedDocument:
    """The document ``value`` (as ``json.loads`` returned it) holds, or :class:`BadDocument`."""
    if not isinstance(value, dict):
        raise BadDocument(f"the document is {kind_of(value)}, not an object")
    for key, expected in (("source", dict), ("meta", dict), ("engine", dict)):
        if key in value and not isinstance(value[key], expected):
            raise BadDocument(f"{key} is {kind_of(value[key])}, not an object")
    try:
        doc = ParsedDocument.from_dict(value)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError, RecursionError) as exc:
        raise BadDocument(f"it does not build a document ({exc.__class__.__name__}: {exc})") from None
    check_document(doc)
    return doc


def check_document(doc: ParsedDocument) -> None:
    """Raise :class:`BadDocument` unless every field has the type and range the model promises."""
    if not isinstance(doc.text, str):
        raise BadDocument(f"text is {kind_of(doc.text)}, not text")
    n = len(doc.text)
    source = doc.source
    _text("source.sha256", source.sha256)
    _text("source.encoding", source.encoding)
    meta = doc.meta
    for name in ("title", "byline", "date", "dateline", "publisher"):
        _text(f"meta.{name}", getattr(meta, name), optional=True)
    if meta.title_span is not None:
        _span("meta.title_span", meta.title_span, n)
    if meta.language is not None:
        _text("meta.language.code", meta.language.code)
        if not _LANGUAGE_CODE.fullmatch(meta.language.code):
            raise BadDocument("meta.language.code is not a language code like en or fr")
        for name in ("confidence", "english_share"):
            value = getattr(meta.language, name)
            if not (isinstance(value, float) and math.isfinite(value) and 0.0 <= value <= 1.0):
                raise BadDocument(f"meta.language.{name} is not a number from 0 to 1")
    _word("engine.coverage", doc.coverage, COVERAGES)
    _text("engine.pipeline", doc.pipeline, optional=True)
    _text("engine.version", doc.engine_version, optional=True)

    end = 0
    for i, p in enumerate(doc.paragraphs):
        _span(f"paragraphs[{i}]", (p.start, p.end), n)
        if p.start < end:
            raise BadDocument(f"paragraphs[{i}] overlaps the paragraph before it")
        end = p.end
    for i, r in enumerate(doc.removed):
        _span(f"removed[{i}]", (r.start, r.end), None)
        _text(f"removed[{i}].text", r.text)
        _text(f"removed[{i}].reason", r.reason)

    actor_ids = _ids("actors", (a.id for a in doc.actors))
    quote_ids = _ids("quotes", (q.id for q in doc.quotes))
    for i, e in enumerate(doc.entities):
        where = f"entities[{i}]"
        _span(where, (e.start, e.end), n)
        _text(f"{where}.label", e.label)
        _text(f"{where}.text", e.text)
        _ref(f"{where}.actor", e.actor, actor_ids, "actor", optional=True)
    for i, a in enumerate(doc.actors):
        where = f"actors[{i}]"
        _text(f"{where}.name", a.name)
        _text(f"{where}.kind", a.kind)
        for j, alias in enumerate(a.aliases):
            _text(f"{where}.aliases[{j}]", alias)
        for j, span in enumerate(a.mentions):
            _span(f"{where}.mentions[{j}]", span, n)
        for j, qid in enumerate(a.quotes):
            _ref(f"{where}.quotes[{j}]", qid, quote_ids, "quote")
        if a.gender is not None:
            _word(f"{where}.gender", a.gender, _GENDERS)
    for i, q in enumerate(doc.quotes):
        where = f"quotes[{i}]"
        _span(where, (q.start, q.end), n)
        _text(f"{where}.text", q.text)
        _word(f"{where}.kind", q.kind, _QUOTE_KINDS)
        _ref(f"{where}.speaker", q.speaker, actor_ids, "actor", optional=True)
        _text(f"{where}.cue", q.cue, optional=True)
        for name, part in (("speaker_span", q.speaker_span), ("cue_span", q.cue_span)):
            if part is not None:
                _span(f"{where}.{name}", part, n)
        for j, piece in enumerate(q.spans):
            _span(f"{where}.spans[{j}]", piece, n)
        if not isinstance(q.confidence, float) or not math.isfinite(q.confidence):
            raise BadDocument(f"{where}.confidence is not a finite number")
        if q.evidence is not None:
            _text(f"{where}.evidence.rule", q.evidence.rule)
            for j, step in enumerate(q.evidence.chain):
                _text(f"{where}.evidence.chain[{j}]", step)
    for i, m in enumerate(doc.mentions):
        where = f"mentions[{i}]"
        _span(where, (m.start, m.end), n)
        _ref(f"{where}.actor", m.actor, actor_ids, "actor")
        _word(f"{where}.kind", m.kind, _MENTION_KINDS)
    for i, run in enumerate(doc.offset_map):
        if len(run) != 3 or not all(is_whole_number(x) and x >= 0 for x in run):
            raise BadDocument(f"offset_map[{i}] is not three whole numbers of 0 or more")


def is_whole_number(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def kind_of(value: object) -> str:
    """What a JSON value is, in words, for an error message (never the value itself: it may hold anything)."""
    if value is None:
        return "missing or null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _text(where: str, value: object, *, optional: bool = False) -> None:
    if isinstance(value, str) or (optional and value is None):
        return
    raise BadDocument(f"{where} is {kind_of(value)}, not text")


def _word(where: str, value: object, allowed: tuple[str, ...]) -> None:
    """One of a few fixed words (compared as text: a list or an object is never looked up in a set)."""
    if not isinstance(value, str) or value not in allowed:
        raise BadDocument(f"{where} is not {', '.join(allowed[:-1])} or {allowed[-1]}")


def _span(where: str, span: object, n: int | None) -> None:
    """A (start, end) pair of whole numbers with 0 <= start <= end (<= n, the text's length, when given)."""
    if not (isinstance(span, tuple) and len(span) == 2 and is_whole_number(span[0]) and is_whole_number(span[1])):
        raise BadDocument(f"{where} is not a pair of whole numbers")
    start, end = span
    if not 0 <= start <= end or (n is not None and end > n):
        raise BadDocument(f"{where} ({start}, {end}) is outside the text")


def _ids(where: str, ids: Iterable[object]) -> set[str]:
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if not isinstance(x, str) or not _ID.fullmatch(x):
            raise BadDocument(f"{where}[{i}].id is not an id like a1 or q2")
        if x in seen:
            raise BadDocument(f"{where}[{i}].id is used twice")
        seen.add(x)
    return seen


def _ref(where: str, value: object, known: set[str], what: str, *, optional: bool = False) -> None:
    """An id that must name one of the document's actors or quotes (``what``)."""
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise BadDocument(f"{where} is {kind_of(value)}, not an id")
    if value not in known:
        raise BadDocument(f"{where} names no {what} of the document")
