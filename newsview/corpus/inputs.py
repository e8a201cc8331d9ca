"""What a corpus run reads: article files, folders, globs, and tables of articles.

The arguments are expanded as every other format expands them
(:func:`newsview.library.members.each_argument`: a folder's article files
sorted by path, hidden and review files left out, a pattern's matches, each
file once), so a corpus run of a folder analyses the articles ``newsview
FOLDER --format jsonl`` does.  Every input becomes a stream of :class:`Item`
(one article each) in a stable order: the arguments in the order given, a
folder's or a glob's files sorted by path, a table's rows in file order.  An
article that cannot be analysed (a table without the text column, an empty
text, a malformed JSON line, a folder with no articles) is an ``Item`` with an
``error``: it becomes a row of the ``errors`` table, never a failed run.

* ``.txt``/``.html``/``.htm`` files (and any other file named explicitly) are
  read on the worker that analyses them: on a cluster they must be at the
  same path on every worker (a shared file system);
* ``.jsonl``/``.ndjson``, ``.csv`` and ``.parquet`` files hold one article
  per row (``text_column``, optional ``id_column`` and title/date/url
  columns); the process that starts the run reads them and sends the rows.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

#: tables of articles (a folder contributes article files only: a table is read when named, or by a glob)
TABLE_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
#: words are estimated from characters (English news: about 6 per word, space included)
CHARS_PER_WORD = 6
#: a row's text larger than this is refused, as a file of that size is
MAX_TEXT_CHARS = 10 * 1024 * 1024


class InputsError(Exception):
    """The run cannot start (e.g. no input at all); ``str(exc)`` is one line."""


@dataclass(frozen=True)
class Columns:
    """Which columns of a table hold what (only ``text`` is required)."""

    text: str = "text"
    id: str | None = "id"
    title: str | None = "title"
    date: str | None = "date"
    url: str | None = "url"


@dataclass(frozen=True)
class Item:
    """One article to analyse: a file to read, or a table row's text."""

    #: what the user knows the article by: a file path, a row's id or ``table:row``
    key: str
    #: a file to read (file inputs); None for a table row
    path: str | None = None
    #: a table row's article text
    text: str | None = None
    #: title/date/url from a table's columns
    meta: dict[str, str] = field(default_factory=dict)
    #: why this article cannot be analysed (it becomes an error row)
    error: str | None = None
    #: estimated words, for sizing partitions
    weight: int = 1

    def fingerprint(self) -> bytes:
        """What identifies this article's input for a resumed run."""
        h = hashlib.sha256()
        for part in (self.key, self.path or "", self.error or "", json.dumps(self.meta, sort_keys=True)):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        h.update((self.text or "").encode("utf-8", "surrogatepass"))
        h.update(str(self.weight).encode())
        return h.digest()


def _weight(chars: int) -> int:
    return max(1, chars // CHARS_PER_WORD)


def table_kind(path: str) -> str | None:
    """``jsonl``, ``csv`` or ``parquet`` for a table of articles, None for an article file."""
    return TABLE_SUFFIXES.get(os.path.splitext(path)[1].lower())


def items(arguments: Iterable[str], columns: Columns = Columns()) -> Iterator[Item]:
    """Every article the arguments hold, in order (tables read row by row)."""
    from ..library.members import each_argument
    from ..reader import display_name

    for argument in each_argument(arguments, as_given=True):
        # a folder with no articles, a pattern matching none: an error row where the argument stands,
        # its reason without the argument's name again (the row's id is that name); a folder a pattern
        # matched is named in it
        own = display_name(argument.given)
        for problem in argument.problems:
            yield Item(key=argument.given, error=problem.reason if problem.name == own else str(problem))
        yield from (item for path in argument.files for item in _file_items(path, columns))


def _file_items(path: str, columns: Columns) -> Iterator[Item]:
    """An article file as one item (read by the worker), or a table's rows."""
    kind = table_kind(path)
    if kind is None:
        try:
            size = os.stat(path).st_size
        except OSError:
            size = 0  # the worker's read reports the problem
        yield Item(key=path, path=path, weight=_weight(size))
        return
    try:
        yield from _TABLE_READERS[kind](path, columns)
    except (OSError, ValueError, UnicodeError) as exc:
        yield Item(key=path, error=f"cannot read this {kind} file: {_one_line(exc)}")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text[:300]


def _row_item(table: str, number: int, row: dict[str, Any], columns: Columns) -> Item:
    """An article from one table row (``number`` counts from 1, as editors do)."""
    key = f"{table}:{number}"
    if columns.id is not None:
        ident = row.get(columns.id)
        if ident not in (None, ""):
            key = str(ident)
    meta = {}
    for name, column in (("title", columns.title), ("date", columns.date), ("url", columns.url)):
        value = row.get(column) if column is not None else None
        if value not in (None, ""):
            meta[name] = str(value)
    if columns.text not in row:
        return Item(key=key, meta=meta, error=f"no {columns.text!r} column in this row")
    text = row[columns.text]
    if text is None or (isinstance(text, str) and not text.strip()):
        return Item(key=key, meta=meta, error=f"the {columns.text!r} column is empty")
    if not isinstance(text, str):
        return Item(key=key, meta=meta, error=f"the {columns.text!r} column holds a {type(text).__name__}, not text")
    if len(text) > MAX_TEXT_CHARS:
        return Item(key=key, meta=meta, error=f"the text is larger than {MAX_TEXT_CHARS // (1024 * 1024)} MB")
    return Item(key=key, text=text, meta=meta, weight=_weight(len(text)))


def _jsonl_items(path: str, columns: Columns) -> Iterator[Item]:
    with open(path, encoding="utf-8-sig", errors="strict") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                yield Item(key=f"{path}:{number}", error=f"not a JSON line: {_one_line(exc)}")
                continue
            if not isinstance(row, dict):
                yield Item(key=f"{path}:{number}", error="the line is not a JSON object")
                continue
            yield _row_item(path, number, row, columns)


def _csv_items(path: str, columns: Columns) -> Iterator[Item]:
    import csv

    # an article is longer than the csv module's default field limit (128 KiB)
    csv.field_size_limit(MAX_TEXT_CHARS + 1)
    with open(path, encoding="utf-8-sig", errors="strict", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        if columns.text not in header:
            yield Item(key=path, error=_no_column(columns.text, header))
            return
        for number, row in enumerate(reader, 1):
            yield _row_item(path, number, row, columns)


def _parquet_items(path: str, columns: Columns) -> Iterator[Item]:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own error types for a bad file
        raise ValueError(_one_line(exc)) from None
    names = table.schema_arrow.names
    if columns.text not in names:
        yield Item(key=path, error=_no_column(columns.text, names))
        return
    wanted = [c for c in (columns.text, columns.id, columns.title, columns.date, columns.url) if c and c in names]
    number = 0
    # a batch at a time: a big table is never whole in memory
    for batch in table.iter_batches(batch_size=1024, columns=list(dict.fromkeys(wanted))):
        for row in batch.to_pylist():
            number += 1
            yield _row_item(path, number, row, columns)


def _no_column(name: str, header: "Sequence[str]") -> str:
    shown = ", ".join(repr(h) for h in list(header)[:12]) or "none"
    return f"no {name!r} column (columns: {shown}); choose one with --text-column"


_TABLE_READERS = {"jsonl": _jsonl_items, "csv": _csv_items, "parquet": _parquet_items}
