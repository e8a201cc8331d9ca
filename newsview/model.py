"""The parsed-document model: the one structure every part of newsview reads.

Everything here is immutable and free of spaCy and Textual.  Every span is a
pair of character offsets into ``ParsedDocument.text`` (the cleaned article
text), end exclusive.  ``to_dict``/``from_dict`` implement the versioned JSON
contract (``newsview/1``) that export, the cache and the benchmark share.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from bisect import bisect_right
from typing import IO, Any, Iterable, Iterator, Sequence

# the record of an article's language (Meta.language) lives with the words that explain it
from .coverage import Language, coverage_note

SCHEMA = "newsview/1"

Span = tuple[int, int]

#: Entity labels grouped into the families the UI and the filter speak of.
LABEL_FAMILY = {
    "PERSON": "person",
    "PER": "person",  # the label of spaCy's pipelines for other languages
    "ORG": "org",
    "NORP": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "TIME": "date",
}


#: Actor kinds of sources the text does not name: one ("an official who spoke on
#: condition of anonymity"), several ("people familiar with the matter"), and
#: "NOMINAL", the kind both had before they were told apart (older caches, libraries).
UNNAMED_KINDS = frozenset({"unnamed", "group", "NOMINAL"})
#: The actor kind of a report, study, poll, filing, data set or website that "says" things:
#: listed apart from people, organisations and groups, and left out of speaker rankings.
DOCUMENT_KIND = "document"


def label_family(label: str) -> str:
    """Return ``person``, ``org``, ``place``, ``date`` or ``other`` for a spaCy label."""
    return LABEL_FAMILY.get(label, "other")


def map_offset(offset_map: Sequence[tuple[int, int, int]], offset: int) -> int:
    """Map a cleaned-text offset to the source through ``(clean_start, source_start, length)`` runs.

    Inside a run: the matching source offset.  Past a run's end (a rewritten
    character, a paragraph separator, or an end offset): the source offset
    just after the last run that starts at or before it.
    """
    k = bisect_right([r[0] for r in offset_map], offset) - 1
    if k < 0:
        return offset
    clean_start, source_start, length = offset_map[k]
    if offset < clean_start + length:
        return source_start + offset - clean_start
    return source_start + length


@dataclass(frozen=True)
class Source:
    path: str | None
    sha256: str
    encoding: str
    size: int = 0
    #: an HTML page (its text is what trafilatura extracts), not plain text: the parse cache keys
    #: a page by the extractor's version too.  Not part of the JSON document, nor of equality.
    page: bool = field(default=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "encoding": self.encoding, "size": self.size}


@dataclass(frozen=True)
class Meta:
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    dateline: str | None = None
    publisher: str | None = None
    #: a web page's canonical address, as the page gives it (<link rel="canonical">, og:url)
    url: str | None = None
    #: where the title stands in the cleaned text, when it is kept there as the first paragraph
    title_span: Span | None = None
    #: set by the analysis (None before it, or when there was too little text to tell)
    language: Language | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "title_span": list(self.title_span) if self.title_span else None,
            "byline": self.byline,
            "date": self.date,
            "dateline": self.dateline,
            "publisher": self.publisher,
            "url": self.url,
            "language": self.language.to_dict() if self.language else None,
        }


@dataclass(frozen=True)
class Removed:
    """A piece of the source that cleaning took out of the body, and why.

    ``start``/``end`` index the *source* text (decoded, newlines normalised),
    since removed text is by definition not in the cleaned text.
    """

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Paragraph:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str
    text: str
    actor: str | None = None

    @property
    def family(self) -> str:
        return label_family(self.label)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text, "actor": self.actor}


@dataclass(frozen=True, slots=True)
class Mention:
    """A place in the text that refers to an actor.

    ``kind`` is ``name`` (a full or partial name), ``pronoun`` or ``descriptor``
    ("the Russian leader").
    """

    start: int
    end: int
    actor: str
    kind: str = "name"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "actor": self.actor, "kind": self.kind}


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str  # PERSON, ORG, GPE, NORP ...
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    quotes: tuple[str, ...] = ()
    gender: str | None = None  # "m", "f" or None when unknown

    @property
    def family(self) -> str:
        return label_family(self.kind)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "mentions": [list(m) for m in self.mentions],
            "quotes": list(self.quotes),
            "gender": self.gender,
        }


@dataclass(frozen=True)
class Evidence:
    """Why a quote's speaker was chosen; shown to reviewers."""

    rule: str
    chain: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "chain": list(self.chain)}


@dataclass(frozen=True)
class Quote:
    """A quotation or a piece of reported speech.

    ``spans`` are the content pieces without quotation marks (a quote broken by
    its attribution has several); ``start``/``end`` run from the first piece's
    start to the last one's end.  ``kind`` is ``direct``, ``indirect`` or
    ``mixed``.  ``speaker`` is an actor id, or None when the speaker is unknown.
    """

    id: str
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    confidence: float = 0.0
    spans: tuple[Span, ...] = ()
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_span": list(self.speaker_span) if self.speaker_span else None,
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "confidence": round(self.confidence, 3),
            "spans": [list(s) for s in (self.spans or ((self.start, self.end),))],
            "evidence": self.evidence.to_dict() if self.evidence else None,
        }


@dataclass(frozen=True, eq=False)
class ParsedDocument:
    """One article, cleaned and (once ``analysed``) annotated.

    ``eq=False``: compared by identity, so that assigning a new document to a
    reactive never deep-compares two whole articles.
    """

    text: str
    source: Source
    meta: Meta = field(default_factory=Meta)
    paragraphs: tuple[Paragraph, ...] = ()
    removed: tuple[Removed, ...] = ()
    entities: tuple[Entity, ...] = ()
    actors: tuple[Actor, ...] = ()
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[Mention, ...] = ()
    analysed: bool = False
    #: what the analysis covered: ``full``, ``entities`` (a non-English pipeline) or ``text``
    #: (not English: no entities, actors or quotes); see ``newsview.language``
    coverage: str = "full"
    pipeline: str | None = None
    engine_version: str | None = None
    #: (clean_start, source_start, length) runs mapping cleaned offsets back to the source
    offset_map: tuple[tuple[int, int, int], ...] = ()

    # -- lookups ---------------------------------------------------------
    @cached_property
    def _actor_index(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def _quote_index(self) -> dict[str, Quote]:
        return {q.id: q for q in self.quotes}

    @cached_property
    def _quotes_by_speaker(self) -> dict[str | None, tuple[Quote, ...]]:
        groups: dict[str | None, list[Quote]] = {}
        for q in self.quotes:
            groups.setdefault(q.speaker, []).append(q)
        return {k: tuple(v) for k, v in groups.items()}

    def actor(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        return self._actor_index.get(actor_id)

    def quote(self, quote_id: str) -> Quote | None:
        return self._quote_index.get(quote_id)

    def quotes_by(self, actor_id: str | None) -> tuple[Quote, ...]:
        """The quotes attributed to ``actor_id`` (None: the unattributed ones), in text order."""
        return self._quotes_by_speaker.get(actor_id, ())

    def speaker_name(self, quote: Quote) -> str | None:
        a = self.actor(quote.speaker)
        return a.name if a else None

    def to_source(self, offset: int) -> int:
        """Map an offset in ``text`` to the matching offset in the source text."""
        return map_offset(self.offset_map, offset)

    def with_analysis(self, **changes: Any) -> "ParsedDocument":
        return replace(self, analysed=True, **changes)

    # -- JSON contract -----------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {key: (list(value) if isinstance(value, Iterator) else value) for key, value in self.json_fields()}

    def json_fields(self) -> Iterator[tuple[str, Any]]:
        """The JSON document's fields in order; the long lists come as iterators of item dicts.

        ``write_json`` writes them one item at a time, so a long article's
        JSON never exists whole in memory (``to_dict`` makes the lists).
        """
        yield "schema", SCHEMA
        yield "source", self.source.to_dict()
        yield "meta", self.meta.to_dict()
        yield "engine", {"version": self.engine_version, "pipeline": self.pipeline, "analysed": self.analysed,
                         "coverage": self.coverage, "note": coverage_note(self) if self.analysed else None}
        yield "text", self.text
        yield "paragraphs", ([p.start, p.end] for p in self.paragraphs)
        yield "removed", (r.to_dict() for r in self.removed)
        yield "entities", (e.to_dict() for e in self.entities)
        yield "actors", (a.to_dict() for a in self.actors)
        yield "quotes", (q.to_dict() for q in self.quotes)
        yield "mentions", (m.to_dict() for m in self.mentions)
        yield "offset_map", (list(r) for r in self.offset_map)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ParsedDocument":
        if d.get("schema") != SCHEMA:
            raise ValueError(f"unsupported schema {d.get('schema')!r} (expected {SCHEMA})")
        engine = d.get("engine") or {}

        def span(v: Sequence[int] | None) -> Span | None:
            return (int(v[0]), int(v[1])) if v else None

        def evidence(v: dict[str, Any] | None) -> Evidence | None:
            return Evidence(v["rule"], tuple(v.get("chain", ()))) if v else None

        src = d["source"]
        meta = d.get("meta", {})
        language = meta.get("language")
        return cls(
            text=d["text"],
            source=Source(src.get("path"), src["sha256"], src["encoding"], src.get("size", 0)),
            meta=Meta(
                **{k: meta.get(k) for k in Meta.__dataclass_fields__ if k not in ("title_span", "language")},
                title_span=span(meta.get("title_span")),
                language=Language.from_dict(language) if language is not None else None,
            ),
            paragraphs=tuple(Paragraph(s, e) for s, e in d.get("paragraphs", ())),
            removed=tuple(Removed(**r) for r in d.get("removed", ())),
            entities=tuple(Entity(**e) for e in d.get("entities", ())),
            actors=tuple(
                Actor(
                    id=a["id"],
                    name=a["name"],
                    kind=a["kind"],
                    aliases=tuple(a.get("aliases", ())),
                    mentions=tuple((s, e) for s, e in a.get("mentions", ())),
                    quotes=tuple(a.get("quotes", ())),
                    gender=a.get("gender"),
                )
                for a in d.get("actors", ())
            ),
            quotes=tuple(
                Quote(
                    id=q["id"],
                    start=q["start"],
                    end=q["end"],
                    text=q["text"],
                    kind=q["kind"],
                    speaker=q.get("speaker"),
                    speaker_span=span(q.get("speaker_span")),
                    cue=q.get("cue"),
                    cue_span=span(q.get("cue_span")),
                    confidence=float(q.get("confidence", 0.0)),
                    spans=tuple((s, e) for s, e in q.get("spans", ())),
                    evidence=evidence(q.get("evidence")),
                )
                for q in d.get("quotes", ())
            ),
            mentions=tuple(Mention(**m) for m in d.get("mentions", ())),
            analysed=bool(engine.get("analysed", True)),
            coverage=engine.get("coverage", "full"),
            pipeline=engine.get("pipeline"),
            engine_version=engine.get("version"),
            offset_map=tuple(tuple(r) for r in d.get("offset_map", ())),
        )


#: Characters of a long string field escaped at a time by ``write_json``.
_TEXT_PIECE = 1 << 16


def write_json(out: "IO[str]", fields: Iterable[tuple[str, Any]], *, indent: int | None = 2) -> None:
    """Write a JSON object from ``(key, value)`` fields, as ``json.dumps`` would lay it out.

    A value that is an iterator is written as a list, one item at a time.
    With ``indent`` the text is that of ``json.dumps(..., indent=indent)``;
    without, it is compact (``separators=(",", ":")``).
    """
    import json

    if indent:
        def dumps(value: Any, depth: int) -> str:
            text = json.dumps(value, ensure_ascii=False, indent=indent)
            return text.replace("\n", "\n" + " " * (indent * depth)) if depth else text

        def gap(depth: int) -> str:
            return "\n" + " " * (indent * depth)

        colon = ": "
    else:
        def dumps(value: Any, depth: int) -> str:
            return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

        def gap(depth: int) -> str:
            return ""

        colon = ":"
    out.write("{")
    empty = True
    for key, value in fields:
        out.write(("" if empty else ",") + gap(1) + json.dumps(key, ensure_ascii=False) + colon)
        empty = False
        if isinstance(value, str) and len(value) > _TEXT_PIECE:
            # the article's text: escaped and written a piece at a time (JSON escapes
            # each character on its own), never as one more copy of a 10 MiB text
            out.write('"')
            for i in range(0, len(value), _TEXT_PIECE):
                out.write(dumps(value[i:i + _TEXT_PIECE], 1)[1:-1])
            out.write('"')
            continue
        if not isinstance(value, Iterator):
            out.write(dumps(value, 1))
            continue
        first = True
        for item in value:
            out.write(("[" if first else ",") + gap(2) + dumps(item, 2))
            first = False
        out.write("[]" if first else gap(1) + "]")
    out.write("}" if empty else gap(0) + "}")
