"""Opening a library in the app: a folder, or several articles (files or web addresses), listed at once and
analysed in the background (pages fetched there too, through the page cache).

Textual is imported only here and only when the app starts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from .errors import EXIT_ENGINE, EXIT_INPUT, EXIT_USAGE, checked_analyzer, error


def open_index(inputs: Sequence[str], index_path: str | None):
    """The library index for these inputs (``--index`` or the default place); raises LibraryIndexError."""
    from pathlib import Path

    from ..library.index import LibraryIndex, default_path

    if index_path is not None:
        return LibraryIndex(Path(index_path), explicit=True)
    return LibraryIndex(default_path(list(inputs)))


def index_refusal(index_path: str | None, members: Sequence[str]) -> str | None:
    """Why ``--index`` must not be used for these members (it is one of the articles, or a review
    file: the index would take its place), or None."""
    if index_path is None:
        return None
    from pathlib import Path

    from .output import refusal

    return refusal(Path(index_path), list(members), review_file=None, cache_dir=None, option="--index",
                   kind="index file")


def run_library(
    inputs: Sequence[str],
    *,
    model: str | None,
    theme: str | None,
    mouse: bool,
    use_cache: bool,
    review_file: str | None = None,
    keymap_file: str | None = None,
    index: str | None = None,
    refresh: bool = False,
    language: str | None = None,
) -> int:
    """Run the app on a library; its exit code.

    A library detects each article's language; ``--language`` (other than ``auto``) is refused.
    """
    from .app_settings import checked_keymap
    from ..library.members import expand_inputs
    from ..library.index import LibraryIndexError

    if review_file is not None:
        error("--review-file goes with a single article (each article of a library keeps its own review file)")
        return EXIT_USAGE
    if language is not None and language.strip().lower() != "auto":
        error("--language goes with a single article or a --format run (a library detects each article's language)")
        return EXIT_USAGE
    # web addresses are kept as given: their pages are fetched by the app's worker, after the first frame
    found = expand_inputs(inputs)
    problems = found.problems
    if not found.files:
        for problem in problems:
            error(str(problem))  # error() makes it one safe line
        return EXIT_INPUT
    clash = index_refusal(index, found.files)
    if clash is not None:
        error(clash)
        return EXIT_USAGE
    analyzer = checked_analyzer(model, use_cache)
    if analyzer is None:
        return EXIT_ENGINE
    try:
        library_index = open_index(inputs, index)
    except LibraryIndexError as exc:
        error(str(exc))
        return EXIT_INPUT
    keys = checked_keymap(theme, keymap_file)
    if keys is None:
        return EXIT_USAGE
    from ..tui.library_app import LibraryApp  # type: ignore[import-not-found]  # tui/ is mapped in by package-dir
    from ..tui.library_screen import LibrarySetup  # type: ignore[import-not-found]  # the same
    setup = LibrarySetup(library_index.path, found.files, explicit=index is not None, problems=tuple(map(str, problems)),
                         index=library_index, refresh=refresh)
    app = LibraryApp(setup, analyzer=analyzer, theme=theme, mouse=mouse)
    if keys:
        app.set_keymap(keys)
    try:
        app.run(mouse=mouse)
    finally:
        app.library.stop()
    code = int(app.return_code or 0)
    if app.library.background_running:
        # the analysis loop stops after the piece it is parsing; nothing of it is wanted now
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    library_index.close()
    return code
