"""What every export writer shares: the document pairs they write, their
signature, and the two ways article text is made safe for where it lands."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Protocol

from ..safe_text import one_line, printable

if TYPE_CHECKING:  # pragma: no cover
    from ..model import ParsedDocument
    from ..review.log import Review



class Writer(Protocol):
    """Writes a run's documents, in order, to ``out``.

    ``single`` is true when the run had one input file: a format that frames
    several documents (a JSON array) writes a lone document unframed.
    """

    def __call__(self, out: IO[str], documents: Iterable[tuple[ParsedDocument, Review | None]], *,
                 single: bool) -> None: ...


#: Characters that make a spreadsheet treat a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> object:
    """Text safe in a terminal (``printable``) that a spreadsheet will not run as a formula (a leading quote mark)."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    # a spreadsheet skips leading spaces before it looks for a formula
    if value.startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START):
        return "'" + value
    return value


def short_line(text: str, limit: int = 160) -> str:
    """Article text on one line, cut to ``limit`` characters with an ellipsis."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
