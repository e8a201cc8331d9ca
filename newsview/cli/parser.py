"""The full command line, as Typer reads it, generated from :data:`newsview.cli.options.OPTIONS`.

Imported only when the fast path (:mod:`newsview.cli.fast`) is not sure of a
command line: Typer costs tens of milliseconds before the app is on screen.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
import typer.core

from .. import __version__
from . import run_app, run_batch
from .errors import EXIT_USAGE, error
from .options import FILES, OPTIONS, Format, Option, app_arguments

cli = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="See who said what in a news article.",
)


def run_parser(argv: list[str]) -> int:
    """Run the full command line; its exit code.  A usage error is one line with a pointer to ``--help``."""
    try:
        code = cli(args=argv, prog_name="newsview", standalone_mode=False)
    except typer.TyperException as exc:  # Click's errors, as the Click inside Typer raises them
        error(usage_message(exc, argv))
        return exc.exit_code
    except typer.Abort:  # end of input at a prompt
        print(file=sys.stderr)
        return 130
    return code if isinstance(code, int) else 0


def usage_message(exc: typer.TyperException, argv: list[str]) -> str:
    """Click's complaint on one line, worded like our other errors, with what to do next."""
    kind = type(exc).__name__  # the Click inside Typer is private: its classes are known by name
    if kind == "MissingParameter" and getattr(getattr(exc, "param", None), "name", None) == FILES.name:
        message = "no article given: newsview FILE... [OPTIONS]"
    else:
        message = " ".join(exc.format_message().split()).replace("Value error, ", "").rstrip(".")
        message = message[:1].lower() + message[1:]
    option = getattr(exc, "option_name", "")
    if kind == "NoSuchOption" and not option.startswith("--"):
        # "-leading.txt" reads as the options -l -e -a ...: say how to reach such a file
        dashed = next((a for a in argv if a.startswith(option) and os.path.exists(a)), None)
        if dashed is not None:
            message += f"; to open the file {dashed!r}, put it after '--': newsview [OPTIONS] -- {dashed}"
        else:
            message += "; a file whose name starts with '-' goes after '--': newsview [OPTIONS] -- -FILE"
    return f"{message} (see 'newsview --help')"


def _show_version(value: bool) -> None:
    if value:
        print(f"newsview {__version__}")
        raise typer.Exit()


#: what an eager option does as soon as it is read
_EAGER_ACTIONS: dict[str, Callable[[bool], None]] = {"version": _show_version}


def _typer_option(option: Option) -> Any:
    return typer.Option(
        option.default,
        *option.flags,
        envvar=option.envvar,
        help=option.help,
        min=option.minimum,
        case_sensitive=option.case_sensitive,
        is_eager=option.eager,
        callback=_EAGER_ACTIONS[option.name] if option.eager else None,
        # a flag takes no value: nothing to name (Typer would print <bool>)
        metavar="" if option.is_flag else option.metavar,
    )


def _with_table_signature(command: Callable[..., None]) -> Callable[..., None]:
    """Give ``command(files, **values)`` the signature Typer reads its parameters from: the option table's."""
    parameters = [
        inspect.Parameter(
            FILES.name,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=typer.Argument(..., metavar=FILES.metavar, help=FILES.help),
            annotation=FILES.type,
        ),
        *(
            inspect.Parameter(option.name, inspect.Parameter.KEYWORD_ONLY, default=_typer_option(option),
                              annotation=option.type)
            for option in OPTIONS
        ),
    ]
    target: Any = command  # a plain function, which takes the attributes inspect.signature and Typer read
    target.__signature__ = inspect.Signature(parameters, return_annotation=None)
    target.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": None}
    return command


class _Command(typer.core.TyperCommand):
    """The command, its ``--help`` flag shown as the table's flags are: with no ``<bool>`` after it."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.metavar = ""
        return option


@cli.command(cls=_Command)
@_with_table_signature
def run(files: list[str], **values: Any) -> None:
    """Analyse news articles: entities, actors, and who said what."""
    fmt = values["fmt"]
    output = values["output"]
    if fmt is None:
        fmt = Format.app if sys.stdout.isatty() and output is None else Format.text
    if fmt is Format.app:
        if not sys.stdout.isatty():
            error("the app needs a terminal; use --format json, jsonl, text or csv")
            raise typer.Exit(EXIT_USAGE)
        if len(files) != 1:
            from .run_library import run_library

            raise typer.Exit(run_library(files, **app_arguments(values)))
        raise typer.Exit(run_app.run_app(files[0], **app_arguments(values)))
    if fmt is Format.speakers:
        from .run_speakers import run_speakers

        raise typer.Exit(run_speakers(files, output=output, model=values["model"], use_cache=not values["no_cache"],
                                      index=values["index"], refresh=values["refresh"]))
    if fmt is Format.parquet or (fmt is Format.jsonl and _jsonl_into_folder(output, values)):
        from .run_corpus import run_corpus_command

        raise typer.Exit(run_corpus_command(files, output, fmt=fmt.value, model=values["model"],
                                            jobs=_jobs(values["jobs"]), cluster=values["cluster"],
                                            text_column=values["text_column"], id_column=values["id_column"],
                                            restart=values["restart"]))
    if values["cluster"] is not None:
        error("--cluster goes with --format parquet, or --format jsonl -o DIR")
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(
        run_batch.run_batch(files, fmt, output=output, model=values["model"], use_cache=not values["no_cache"],
                            review_file=values["review_file"], jobs=_jobs(values["jobs"]), refresh=values["refresh"],
                            language=values["language"])
    )


def _jsonl_into_folder(output: Path | None, values: dict[str, Any]) -> bool:
    """``--format jsonl`` is a corpus run, into JSONL shards, when ``-o`` is a folder
    (or with the options only a corpus run has: ``--cluster``, ``--restart``)."""
    return (output is not None and output.is_dir()) or values["cluster"] is not None or values["restart"]


def _jobs(jobs: int) -> int:
    """``--jobs``: 0 is one per core."""
    if jobs == 0:
        from ..batch import default_jobs

        return default_jobs()
    return jobs
