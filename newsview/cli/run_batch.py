"""Headless runs: analyse the files in order and write them in an export format.

Unreadable files are reported (one line each) and skipped, and make the exit
code 1; the others are still written.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..safe_text import escape_name
from .errors import EXIT_ENGINE, EXIT_INPUT, EXIT_USAGE, error
from .options import Format

if TYPE_CHECKING:  # pragma: no cover
    from ..batch import ProgressLine, Result
    from ..model import ParsedDocument
    from ..review.log import Review


def _report(progress: ProgressLine, message: str) -> None:
    """An error line, with the progress line taken away first so the two do not mix."""
    progress.clear()
    error(message)


def _documents(results: Iterator[Result], failures: list[str], progress: ProgressLine, *,
               tell_coverage: bool = False) -> Iterator[ParsedDocument]:
    """Yield analysed documents in input order; unreadable files are reported and skipped.

    With ``tell_coverage`` (a format with no room for it, CSV), an article
    analysed only in part because it is not English is said so on stderr.
    """
    from ..batch import word_count
    from ..coverage import status_note

    for result in results:
        if result.document is None:
            _report(progress, result.input_error or f"{escape_name(result.path)}: cannot be analysed")
            failures.append(result.path)
        else:
            if result.notice:  # a page --refresh could not fetch again: its copy fetched before is used
                _report(progress, result.notice)
            note = status_note(result.document) if tell_coverage else None
            if note:
                _report(progress, f"{escape_name(result.path)}: {note}")
            yield result.document
        # counted without splitting the text into a list of its words (a 10 MiB article: ~100 MiB)
        progress.file_done(word_count(result.document.text) if result.document is not None else 0)


def _with_reviews(docs: Iterator[ParsedDocument], review_file: str | None, failures: list[str],
                  progress: ProgressLine) -> Iterator[tuple[ParsedDocument, Review | None]]:
    """Pair each document with its saved review (None when it has none)."""
    from ..review.errors import ReviewError
    from ..review.store import existing_review

    for doc in docs:
        review: Review | None
        try:
            review = existing_review(doc.source.path, doc, explicit=review_file)
        except ReviewError as exc:
            _report(progress, str(exc))
            failures.append(doc.source.path or "")
            review = None
        yield doc, review


def run_batch(
    files: list[str],
    fmt: Format,
    *,
    output: Path | None,
    model: str | None,
    use_cache: bool,
    review_file: str | None,
    jobs: int = 1,
    refresh: bool = False,
    language: str | None = None,
) -> int:
    """Write the articles' analyses to ``output`` (stdout when None) in ``fmt``; the exit code.

    ``files`` are the arguments as typed: a folder or a pattern stands for the
    articles in it (sorted, each once, :func:`newsview.library.members.expand_inputs`,
    as the library reads them).  ``language`` is the ``--language`` value as typed
    (None or ``auto``: detect it).
    """
    from ..batch import ProgressLine, input_sizes
    from ..language import parse_language_option
    from ..library.members import expand_inputs

    try:
        language = parse_language_option(language)
    except ValueError as exc:
        error(str(exc))
        return EXIT_USAGE

    found = expand_inputs(files, as_given=True)
    # a folder is several articles whatever it holds today: its shape (a JSON array) is the command line's
    single = len(files) == 1 and not found.expanded
    if review_file is not None and not single:
        error("--review-file goes with a single article (each article of a folder keeps its own review file)")
        return EXIT_USAGE
    for problem in found.problems:
        error(str(problem))
    if not found.files and fmt is not Format.json:
        return EXIT_INPUT
    articles = list(found.files)
    if output is not None:
        from ..cache import ParseCache
        from .output import refusal

        clash = refusal(output, articles, review_file=review_file, cache_dir=ParseCache().entries if use_cache else None)
        if clash is not None:
            error(clash)
            return EXIT_USAGE
    progress = ProgressLine(len(articles), sizes=input_sizes(articles))
    try:
        if articles:
            code = _analyse_and_write(articles, fmt, progress, single=single, output=output, model=model,
                                      use_cache=use_cache, review_file=review_file, jobs=jobs, refresh=refresh,
                                      language=language)
        else:
            # nothing to analyse (said above); --format json still writes its array, empty, so a script
            # reads the output the same way whatever the folder holds; no pipeline is looked for
            from ..export import WRITERS

            written = _write_reporting(output, lambda out: WRITERS[fmt.value](out, iter(()), single=False), progress)
            code = 0 if written is None else written
    finally:
        # gone before whatever comes next, even an internal error's line from main()
        progress.clear()
    return EXIT_INPUT if code == 0 and found.problems else code


def _analyse_and_write(files: list[str], fmt: Format, progress: ProgressLine, *, single: bool, output: Path | None,
                       model: str | None, use_cache: bool, review_file: str | None, jobs: int,
                       refresh: bool = False, language: str | None = None) -> int:
    from .. import batch
    from ..export import WRITERS
    from ..pipeline import ModelError

    write = WRITERS[fmt.value]
    results = batch.analyse(files, model=model, use_cache=use_cache, jobs=jobs, progress=progress, refresh=refresh,
                            language=language)
    try:
        first = next(results, None)  # a missing pipeline is an error before any output is opened
    except ModelError as exc:
        _report(progress, str(exc))
        return EXIT_ENGINE
    if first is not None:
        results = itertools.chain([first], results)
    failures: list[str] = []

    def write_all(out: IO[str]) -> None:
        docs = _with_reviews(_documents(results, failures, progress, tell_coverage=fmt is Format.csv), review_file,
                             failures, progress)
        write(out, docs, single=single)

    written = _write_reporting(output, write_all, progress)
    if written is not None:
        return written
    return EXIT_INPUT if failures else 0


def _write_reporting(output: Path | None, write: Callable[[IO[str]], None], progress: ProgressLine) -> int | None:
    """Run ``write`` on ``output`` (stdout when None): None when all was written, else the exit code
    (what went wrong said in one line; 0 when the reader of stdout went away)."""
    from ..pipeline import ModelError
    from ..reader import display_name
    from .output import OutputError, write_output

    try:
        write_output(output, write)
    except ModelError as exc:
        _report(progress, str(exc))
        return EXIT_ENGINE
    except OutputError as exc:
        _report(progress, f"{display_name(output or '')}: cannot write: {exc.strerror}")
        # not even created: the command line named a place that cannot be written
        return EXIT_INPUT if exc.started else EXIT_USAGE
    except BrokenPipeError:
        # the reader went away (e.g. `| head`); that is not an error of ours
        _silence_stdout()
        return 0
    except OSError as exc:
        _report(progress, f"stdout: cannot write: {exc.strerror or exc}")
        return EXIT_INPUT
    return None


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
