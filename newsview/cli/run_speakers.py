"""``--format speakers``: one CSV row per speaker across the files, their articles, quotes and dates.

The files are indexed as the library indexes them (the same index the app
would use, or ``--index``), what has no cached analysis is analysed, and
the speaker ledger is written, with every cell a spreadsheet would run as a
formula neutralised.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO

from .errors import EXIT_ENGINE, EXIT_INPUT, EXIT_USAGE, checked_analyzer, error


def write_speakers(out: IO[str], rows) -> None:
    """The ledger's rows as CSV (``speakers.LEDGER_FIELDS``), formula cells neutralised."""
    from ..export.common import spreadsheet_cell
    from ..library.speakers import LEDGER_FIELDS

    writer = csv.DictWriter(out, fieldnames=LEDGER_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_cell(v) for k, v in row.items()})


def run_speakers(files: list[str], *, output: Path | None, model: str | None, use_cache: bool,
                 index: str | None, refresh: bool = False) -> int:
    """Index and analyse ``files`` (folders too), then write the speaker ledger; the exit code.

    ``refresh`` fetches web addresses again; a page that cannot be had keeps the copy fetched before, said on stderr.
    """
    from ..library import scan
    from ..library.members import expand_inputs
    from ..library.background import sync_while_analysing
    from ..library.index import LibraryIndex, LibraryIndexError
    from ..library.speakers import ledger_rows
    from ..reader import display_name
    from .run_library import index_refusal, open_index

    found = expand_inputs(files)
    clash = index_refusal(index, found.files)
    if output is not None and clash is None:
        from .output import refusal

        clash = refusal(output, list(found.files), review_file=None, cache_dir=None)
    if clash is not None:
        error(clash)
        return EXIT_USAGE
    for problem in found.problems:
        error(str(problem))
    analyzer = checked_analyzer(model, use_cache)
    if analyzer is None:
        return EXIT_ENGINE
    try:
        with open_index(files, index) as library:  # made (or checked) before the two threads open it
            path = library.path
        # each member analysed as soon as it is read or fetched
        loop = scan.AnalysisLoop(path, analyzer, explicit=index is not None)
        report, final = sync_while_analysing(loop, list(found.files), refresh=refresh)
        with LibraryIndex(path, explicit=index is not None) as library:
            for unreadable in report.unreadable:
                row = library.article_by_path(unreadable)
                reason = (row.reason if row is not None else None) or "cannot be read"
                error(reason if unreadable in reason else f"{unreadable}: {reason}")
            for address in report.not_fetched:  # a web page that could not be fetched: its one-line reason
                row = library.article_by_path(address)
                error(f"{display_name(address)}: {(row.reason if row is not None else None) or 'cannot be fetched'}")
        for notice in report.kept_copies:
            error(notice)
    except LibraryIndexError as exc:
        error(str(exc))
        return EXIT_INPUT
    if final.event == "stopped" and final.reason:
        error(final.reason)
        return EXIT_ENGINE
    from .output import OutputError, write_output

    try:
        with LibraryIndex(path, explicit=index is not None) as library:
            # as every format's -o: written whole through a temporary file, or not at all
            write_output(output, lambda out: write_speakers(out, ledger_rows(library)))
    except BrokenPipeError:
        return 0
    except OutputError as exc:
        error(f"{display_name(output or '')}: cannot write: {exc.strerror}")
        return EXIT_INPUT if exc.started else EXIT_USAGE
    failed = final.failed or found.problems or report.unreadable or report.not_fetched
    return EXIT_INPUT if failed else 0
