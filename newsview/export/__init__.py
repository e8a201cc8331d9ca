"""Writing analysed documents out, one module per format.

:data:`WRITERS` is the one place a format is chosen: a new format is a module
with a ``write`` function (see :class:`~newsview.export.common.Writer`) and a
row here.  Every format is written from the model alone, so the app, scripts
and the benchmark all see the same thing.
"""

from __future__ import annotations

from . import as_csv, as_json, as_jsonl, as_markdown, as_text, as_variants
from .as_csv import CSV_FIELDS, csv_rows, to_csv, write_csv
from .as_json import document_fields, to_json, write_json_document
from .as_markdown import to_markdown
from .as_text import print_summary, summary
from .common import Writer, spreadsheet_cell

#: ``--format`` name -> the writer of that format
WRITERS: dict[str, Writer] = {
    "json": as_json.write,
    "jsonl": as_jsonl.write,
    "text": as_text.write,
    "csv": as_csv.write,
    "markdown": as_markdown.write,
    "variants": as_variants.write,
}

__all__ = [
    "CSV_FIELDS",
    "WRITERS",
    "Writer",
    "csv_rows",
    "document_fields",
    "print_summary",
    "spreadsheet_cell",
    "summary",
    "to_csv",
    "to_json",
    "to_markdown",
    "write_csv",
    "write_json_document",
]
