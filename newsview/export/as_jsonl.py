"""JSON Lines: one newsview/1 document per line, written as each is analysed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from .as_json import write_json_document

if TYPE_CHECKING:  # pragma: no cover
    from ..model import ParsedDocument
    from ..review.log import Review


def write(out: IO[str], documents: Iterable[tuple[ParsedDocument, Review | None]], *, single: bool) -> None:
    for doc, review in documents:
        write_json_document(out, doc, review, indent=None)
        out.write("\n")
        out.flush()
