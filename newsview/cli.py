"""The ``newsview`` command.

``newsview FILE`` opens the app when stdout is a terminal; ``--format``
writes the analysis instead (json, jsonl, text, csv).  Errors are one line on
stderr and a non-zero exit code, never a traceback:

* 0  every file was processed
* 1  at least one file could not be read (the others were still processed)
* 2  the command line was wrong
* 3  no usable spaCy pipeline, or the analysis itself failed
"""

from __future__ import annotations

import enum
import itertools
import os
import sys
from pathlib import Path
from typing import IO, Iterator

EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_ENGINE = 3


class Format(str, enum.Enum):
    app = "app"
    json = "json"
    jsonl = "jsonl"
    text = "text"
    csv = "csv"
    markdown = "markdown"


#: the batch progress line on stderr, taken away before an error is printed
_progress = None


def _err(message: str) -> None:
    from .safe_text import sanitize

    if _progress is not None:
        _progress.clear()
    print(f"newsview: {sanitize(message)}", file=sys.stderr)


def _cached_analysis(analyzer, raw):
    """The cached analysis of a file just read, found by the file's hash before it is cleaned."""
    if analyzer.cache is None:
        return None
    from .engine import source_of

    return analyzer.cache.get(source_of(raw), analyzer.pipeline)


def _run_app(
    path: str,
    *,
    model: str | None,
    theme: str | None,
    mouse: bool,
    use_cache: bool,
    review_file: str | None,
    keymap_file: str | None = None,
) -> int:
    import gc

    # Start-up allocates much and frees little: no collections until the app
    # has drawn its first frame and frozen what it keeps (tui.app._settle_memory)
    gc.disable()
    try:
        from . import engine
        from .batch import make_analyzer
        from .pipeline import ModelError
        from .reader import InputError, read_article

        try:
            raw = read_article(path)
        except InputError as exc:
            _err(str(exc))
            return EXIT_INPUT
        try:
            analyzer = make_analyzer(model, use_cache)
        except ModelError as exc:
            _err(str(exc))
            return EXIT_ENGINE
        # A cached analysis of an article of ordinary length (a small JSON read:
        # no spaCy, no cleaning) is there in the very first frame.  A long one's
        # cache entry is big: its first part comes first, and the analyser reads
        # the cache while the reader reads.
        from .clean import is_long

        doc = None if is_long(raw.text) else _cached_analysis(analyzer, raw)
        if doc is None:
            try:
                doc = engine.prepare_head(raw)
            except InputError as exc:
                _err(str(exc))
                return EXIT_INPUT
        if theme is not None:
            from .themes import available_themes

            if theme not in available_themes():
                _err(f"unknown theme {theme!r}; choose one of: {', '.join(available_themes())}")
                return EXIT_USAGE
        from .keymap import KeymapError, load_keymap
        from .tui.app import NewsViewApp, binding_ids

        try:
            keys = load_keymap(keymap_file, known_ids=binding_ids())
        except KeymapError as exc:
            _err(str(exc))
            return EXIT_USAGE
        app = NewsViewApp(doc, analyser=analyzer, theme=theme, mouse=mouse, article_path=path, review_file=review_file)
        if keys:
            app.set_keymap(keys)
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


def _open_output(output: Path | None) -> IO[str]:
    if output is None:
        return sys.stdout
    return open(output, "w", encoding="utf-8", newline="")


def _documents(results: Iterator, failures: list[str], progress) -> Iterator:
    """Yield analysed documents in input order; unreadable files are reported and skipped."""
    for result in results:
        if result.document is None:
            _err(result.input_error or f"{result.path}: cannot be analysed")
            failures.append(result.path)
        else:
            yield result.document
        progress.file_done(len(result.document.text.split()) if result.document is not None else 0)


def _with_reviews(docs: Iterator, review_file: str | None, failures: list[str]) -> Iterator:
    """Pair each document with its saved review (None when it has none)."""
    from .review.errors import ReviewError
    from .review.store import existing_review

    for doc in docs:
        try:
            review = existing_review(doc.source.path, doc, explicit=review_file)
        except ReviewError as exc:
            _err(str(exc))
            failures.append(doc.source.path or "")
            review = None
        yield doc, review


def _run_batch(
    files: list[str],
    fmt: Format,
    *,
    output: Path | None,
    model: str | None,
    use_cache: bool,
    review_file: str | None,
    jobs: int = 1,
) -> int:
    from . import batch, export
    from .pipeline import ModelError

    global _progress
    progress = _progress = batch.ProgressLine(len(files))
    results = batch.analyse(files, model=model, use_cache=use_cache, jobs=jobs, progress=progress)
    try:
        first = next(results, None)  # a missing pipeline is an error before any output is opened
    except ModelError as exc:
        _err(str(exc))
        return EXIT_ENGINE
    if first is not None:
        results = itertools.chain([first], results)
    failures: list[str] = []
    try:
        out = _open_output(output)
    except OSError as exc:
        _err(f"{output}: cannot write: {exc.strerror or exc}")
        return EXIT_USAGE
    try:
        docs = _with_reviews(_documents(results, failures, progress), review_file, failures)
        if fmt is Format.json:
            collected = list(docs)
            if len(files) == 1:
                if collected:
                    export.write_json_document(out, *collected[0])
                    out.write("\n")
            else:
                out.write("[\n")
                for i, (d, r) in enumerate(collected):
                    if i:
                        out.write(",\n")
                    export.write_json_document(out, d, r)
                out.write("\n]\n")
        elif fmt is Format.jsonl:
            for d, r in docs:
                export.write_json_document(out, d, r, indent=None)
                out.write("\n")
                out.flush()
        elif fmt is Format.csv:
            header = True
            for d, r in docs:
                export.write_csv([(d, r)], out, header=header)
                header = False
                out.flush()
        elif fmt is Format.markdown:
            for i, (d, r) in enumerate(docs):
                out.write(("\n" if i else "") + export.to_markdown(d, r))
                out.flush()
        else:
            from rich.console import Console

            console = Console(file=out, highlight=False, soft_wrap=False, emoji=False, markup=False)
            for i, (d, _review) in enumerate(docs):
                if i:
                    console.print()
                export.print_summary(d, console)
        out.flush()
    except ModelError as exc:
        _err(str(exc))
        return EXIT_ENGINE
    except BrokenPipeError:
        # the reader went away (e.g. `| head`); that is not an error of ours
        _silence_stdout()
        return 0
    except OSError as exc:
        _err(f"{output or 'stdout'}: cannot write: {exc.strerror or exc}")
        return EXIT_INPUT
    finally:
        progress.clear()
        _progress = None
        if out is not sys.stdout:
            out.close()
    return EXIT_INPUT if failures else 0


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


#: ``newsview FILE [options]`` on a terminal: options the app path takes, with
#: their keyword in ``_run_app`` and, for those with a value, its environment variable
_APP_FLAGS = {"--no-cache": "use_cache", "--no-mouse": "mouse"}
_APP_OPTIONS = {
    "--model": ("model", "NEWSVIEW_MODEL"),
    "-m": ("model", "NEWSVIEW_MODEL"),
    "--theme": ("theme", "NEWSVIEW_THEME"),
    "--keymap": ("keymap_file", "NEWSVIEW_KEYMAP"),
    "--review-file": ("review_file", None),
}


def _plain_app_call(argv: list[str]) -> dict | None:
    """The ``_run_app`` arguments of a plain ``newsview FILE [options]`` on a terminal, else None.

    Opening an article is the command people type most, and the app should be
    on screen as soon as possible: this recognises that command line without
    importing Typer (tens of milliseconds).  Anything it is not sure of (help,
    a second file, an unknown, repeated or empty option, a value that looks
    like an option, standard input, no terminal) returns None and goes through
    the full command line parser, which gives exactly the same result.
    """
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        return None
    files: list[str] = []
    flags: dict[str, object] = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, inline = arg.partition("=")
        if arg in _APP_FLAGS:
            key, value = _APP_FLAGS[arg], False
        elif name in _APP_OPTIONS:
            key = _APP_OPTIONS[name][0]
            if eq:
                value = inline
            elif i + 1 < len(argv):
                i += 1
                value = argv[i]
            else:
                return None
            if not value or value.startswith("-"):
                return None
        elif arg.startswith("-"):
            return None
        else:
            files.append(arg)
            i += 1
            continue
        if key in flags:
            return None
        flags[key] = value
        i += 1
    if len(files) != 1:
        return None
    call: dict[str, object] = {"model": None, "theme": None, "mouse": True, "use_cache": True,
                               "review_file": None, "keymap_file": None}
    for _name, (key, envvar) in _APP_OPTIONS.items():
        if envvar and key not in flags:
            call[key] = os.environ.get(envvar) or None
    call.update(flags)
    return {"path": files[0], **call}


def main() -> None:
    """Console-script entry point: never lets a traceback reach the user."""
    try:
        plain = _plain_app_call(sys.argv[1:])
        if plain is not None:
            sys.exit(_run_app(plain.pop("path"), **plain))
        from .command import cli

        cli(prog_name="newsview")
    except KeyboardInterrupt:
        print(file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # a bug of ours: one line, and a way to see more
        if os.environ.get("NEWSVIEW_DEBUG"):
            raise
        _err(f"internal error: {exc.__class__.__name__}: {exc} (set NEWSVIEW_DEBUG=1 for details)")
        sys.exit(EXIT_ENGINE)


if __name__ == "__main__":  # pragma: no cover
    main()
