"""A partition's analyses as compact rows: the tables of the Parquet dataset.

Workers send these columns (plain lists of str/int/float), never spaCy Docs
or documents: a partition's rows are a small fraction of its Docs' memory
and pickle quickly.  ``TABLES`` is the dataset's schema, documented in the
README; every table has ``ordinal`` (the article's position in the input,
unique in a run) and ``article_id`` (a file path, a row's id or ``table:row``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..model import ParsedDocument

#: table -> ((column, type), ...); types: string, int64, float64, list<string>, list<list<int64>>
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (
        ("ordinal", "int64"),
        ("article_id", "string"),
        ("path", "string"),
        ("sha256", "string"),
        ("title", "string"),
        ("byline", "string"),
        ("date", "string"),
        ("dateline", "string"),
        ("publisher", "string"),
        ("url", "string"),
        ("words", "int64"),
        ("entities", "int64"),
        ("actors", "int64"),
        ("quotes", "int64"),
        ("attributed_quotes", "int64"),
        ("pipeline", "string"),
        ("engine_version", "string"),
        ("text", "string"),
    ),
    "quotes": (
        ("ordinal", "int64"),
        ("article_id", "string"),
        ("quote_id", "string"),
        ("kind", "string"),
        ("speaker_id", "string"),
        ("speaker", "string"),
        ("speaker_kind", "string"),
        ("speaker_gender", "string"),
        ("cue", "string"),
        ("confidence", "float64"),
        ("start", "int64"),
        ("end", "int64"),
        ("text", "string"),
        ("rule", "string"),
        ("spans", "list<list<int64>>"),
    ),
    "actors": (
        ("ordinal", "int64"),
        ("article_id", "string"),
        ("actor_id", "string"),
        ("name", "string"),
        ("kind", "string"),
        ("family", "string"),
        ("gender", "string"),
        ("aliases", "list<string>"),
        ("mentions", "int64"),
        ("quotes", "int64"),
    ),
    "mentions": (
        ("ordinal", "int64"),
        ("article_id", "string"),
        ("actor_id", "string"),
        ("kind", "string"),
        ("start", "int64"),
        ("end", "int64"),
        ("text", "string"),
    ),
    "errors": (
        ("ordinal", "int64"),
        ("article_id", "string"),
        ("path", "string"),
        ("reason", "string"),
    ),
}

Columns = dict[str, list[Any]]


class _PartitionOutput:
    """What every output of a partition holds: its counts, and its bad articles as ``errors`` rows."""

    #: the tables this output has, each built column by column
    table_names: tuple[str, ...] = ("errors",)

    def __init__(self) -> None:
        self.tables: dict[str, Columns] = {name: {c: [] for c, _t in TABLES[name]} for name in self.table_names}
        self.articles = 0
        self.words = 0
        self.errors = 0

    def _add(self, table: str, **values: Any) -> None:
        columns = self.tables[table]
        for name in columns:
            columns[name].append(values[name])

    def add_error(self, ordinal: int, article_id: str, path: str | None, reason: str) -> None:
        self._add("errors", ordinal=ordinal, article_id=article_id, path=path, reason=reason)
        self.errors += 1


class PartitionRows(_PartitionOutput):
    """The rows of every table for one partition (``--format parquet``)."""

    table_names = tuple(TABLES)

    def add_document(self, ordinal: int, article_id: str, doc: "ParsedDocument") -> None:
        words = len(doc.text.split())
        meta = doc.meta
        self._add(
            "articles",
            ordinal=ordinal,
            article_id=article_id,
            path=doc.source.path,
            sha256=doc.source.sha256,
            title=meta.title,
            byline=meta.byline,
            date=meta.date,
            dateline=meta.dateline,
            publisher=meta.publisher,
            url=meta.url,
            words=words,
            entities=len(doc.entities),
            actors=len(doc.actors),
            quotes=len(doc.quotes),
            attributed_quotes=sum(1 for q in doc.quotes if q.speaker),
            pipeline=doc.pipeline,
            engine_version=doc.engine_version,
            text=doc.text,
        )
        for q in doc.quotes:
            speaker = doc.actor(q.speaker)
            self._add(
                "quotes",
                ordinal=ordinal,
                article_id=article_id,
                quote_id=q.id,
                kind=q.kind,
                speaker_id=q.speaker,
                speaker=speaker.name if speaker else None,
                speaker_kind=speaker.kind if speaker else None,
                speaker_gender=speaker.gender if speaker else None,
                cue=q.cue,
                confidence=round(q.confidence, 3),
                start=q.start,
                end=q.end,
                text=q.text,
                rule=q.evidence.rule if q.evidence else None,
                # the quoted pieces: a quote broken by its attribution has several
                spans=[[s, e] for s, e in (q.spans or ((q.start, q.end),))],
            )
        for a in doc.actors:
            self._add(
                "actors",
                ordinal=ordinal,
                article_id=article_id,
                actor_id=a.id,
                name=a.name,
                kind=a.kind,
                family=a.family,
                gender=a.gender,
                aliases=list(a.aliases),
                mentions=len(a.mentions),
                quotes=len(a.quotes),
            )
        for m in doc.mentions:
            self._add(
                "mentions",
                ordinal=ordinal,
                article_id=article_id,
                actor_id=m.actor,
                kind=m.kind,
                start=m.start,
                end=m.end,
                text=doc.text[m.start : m.end],
            )
        self.articles += 1
        self.words += words


class PartitionDocuments(_PartitionOutput):
    """A partition's analyses as newsview/1 JSON documents, one line each (``--format jsonl``),
    exactly the lines ``newsview FILES --format jsonl`` writes; its bad articles as ``errors`` rows."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def add_document(self, ordinal: int, article_id: str, doc: "ParsedDocument") -> None:
        from ..export import to_json

        self.lines.append(to_json(doc, indent=None) + "\n")
        self.articles += 1
        self.words += len(doc.text.split())
