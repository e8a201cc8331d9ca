"""Opening an article in the app: read, find a cached analysis, check theme and keymap, run.

Textual is imported only here and only when the app starts.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from .errors import EXIT_ENGINE, EXIT_INPUT, EXIT_USAGE, checked_analyzer, error

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Analyzer
    from ..model import ParsedDocument
    from ..reader import RawArticle


def _cached_analysis(analyzer: Analyzer, raw: RawArticle) -> ParsedDocument | None:
    """The cached analysis of a file just read, found by the file's hash before it is cleaned."""
    if analyzer.cache is None:
        return None
    from ..engine import source_of

    return analyzer.cache.get(source_of(raw), analyzer.pipeline)


def run_app(
    path: str,
    *,
    model: str | None,
    theme: str | None,
    mouse: bool,
    use_cache: bool,
    review_file: str | None,
    keymap_file: str | None = None,
    refresh: bool = False,
    index: str | None = None,
    language: str | None = None,
) -> int:
    """Run the app on one article (a folder or a pattern: the library); its exit code.

    ``language`` is the ``--language`` value as typed (None or ``auto``: detect it).
    """
    import gc

    from ..inputs import is_pattern

    if os.path.isdir(path) or is_pattern(path):
        from .run_library import run_library

        return run_library([path], model=model, theme=theme, mouse=mouse, use_cache=use_cache,
                           review_file=review_file, keymap_file=keymap_file, index=index, refresh=refresh)

    # Start-up allocates much and frees little: no collections until the app
    # has drawn its first frame and frozen what it keeps (tui.analysis.settle_memory)
    gc.disable()
    try:
        from .. import engine
        from ..inputs import read_input_or_kept
        from ..language import parse_language_option
        from ..reader import InputError

        try:
            language = parse_language_option(language)
        except ValueError as exc:
            error(str(exc))
            return EXIT_USAGE
        try:
            read = read_input_or_kept(path, refresh=refresh)
        except InputError as exc:
            error(str(exc))
            return EXIT_INPUT
        raw = read.raw
        analyzer = checked_analyzer(model, use_cache, language)
        if analyzer is None:
            return EXIT_ENGINE
        # A cached analysis of an article of ordinary length (a small JSON read:
        # no spaCy, no cleaning) is there in the very first frame.  A long one's
        # cache entry is big: its first part comes first, and the analyser reads
        # the cache while the reader reads.
        from ..clean import is_long

        doc = None if is_long(raw.text) else _cached_analysis(analyzer, raw)
        if doc is None:
            try:
                doc = engine.prepare_head(raw)
            except InputError as exc:
                error(str(exc))
                return EXIT_INPUT
        from .app_settings import checked_keymap

        keys = checked_keymap(theme, keymap_file)
        if keys is None:
            return EXIT_USAGE
        from ..tui.app import NewsViewApp  # type: ignore[import-not-found]  # tui/ is mapped in by package-dir, out of mypy's sight

        from ..review.location import review_name

        # a web page's review is found by its canonical address, whatever address led to it
        article_path = review_name(path, doc.meta.url)
        app = NewsViewApp(doc, analyser=analyzer, theme=theme, mouse=mouse, article_path=article_path,
                          review_file=review_file)
        if keys:
            app.set_keymap(keys)
        if read.notice:
            # --refresh could not fetch the page again: the copy fetched before is shown, and said so.
            # Posted now, it waits in the app's queue and shows with the first frame (tests check it does).
            app.notify(read.notice, severity="warning", markup=False, timeout=10)
        app.run(mouse=mouse)
        code = int(app.return_code or 0)
        if app.analysis_running:
            # quit during an analysis: the parse stops after its current piece, but
            # nothing of it is wanted any more, so don't wait for that either
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        return code
    finally:
        gc.enable()
