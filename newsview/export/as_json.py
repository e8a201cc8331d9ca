"""The newsview/1 JSON document: one document, or an array of them for several inputs."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, cast

from ..model import ParsedDocument, write_json
from ..safe_text import escape_undecodable, json_safe

if TYPE_CHECKING:  # pragma: no cover
    from ..review.log import Review


def document_fields(doc: ParsedDocument, review: Review | None = None) -> Iterator[tuple[str, Any]]:
    """The newsview/1 document's fields, a ``sources`` block once analysed, a ``review`` block when reviewed.

    A file name's bytes that are not UTF-8 are written ``\\xNN`` (JSON text is Unicode).
    """
    for key, value in doc.json_fields():
        if key == "source" and isinstance(value, dict) and isinstance(value.get("path"), str):
            value = {**value, "path": escape_undecodable(value["path"])}
        yield key, value
    if doc.analysed:
        from ..library.sources import document_sources

        yield "sources", document_sources(doc).to_dict()
    if review is not None:
        from ..review.export import review_json

        yield "review", review_json(doc, review)


def write_json_document(out: IO[str], doc: ParsedDocument, review: Review | None = None, *,
                        indent: int | None = 2) -> None:
    """Write the document a list item at a time: a long article's JSON is never whole in memory.

    What JSON leaves raw and a terminal would act on is written as ``\\u`` escapes (``json_safe``).
    """
    write_json(cast(IO[str], _JsonSafe(out)), document_fields(doc, review), indent=indent)


class _JsonSafe(io.TextIOBase):
    """A text stream passing JSON on through :func:`newsview.safe_text.json_safe`."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def write(self, text: str) -> int:
        self.out.write(json_safe(text))
        return len(text)


def to_json(doc: ParsedDocument, review: Review | None = None, *, indent: int | None = 2) -> str:
    buffer = io.StringIO()
    write_json_document(buffer, doc, review, indent=indent)
    return buffer.getvalue()


def write(out: IO[str], documents: Iterable[tuple[ParsedDocument, Review | None]], *, single: bool) -> None:
    """``--format json``: one input is one document; several (a folder, a pattern) are an array, in
    input order, even of one or none.  Written as each is analysed: a folder of thousands of articles
    is never whole in memory, and what could not be read is left out (said on stderr), so the array
    stays valid JSON."""
    if single:
        for doc, review in documents:
            write_json_document(out, doc, review)
            out.write("\n")
        return
    out.write("[\n")
    for i, (doc, review) in enumerate(documents):
        if i:
            out.write(",\n")
        write_json_document(out, doc, review)
        out.flush()
    out.write("\n]\n")
