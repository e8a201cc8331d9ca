"""``main()``: the console script, and the boundary no traceback crosses.

A plain ``newsview FILE`` goes straight to the app (:mod:`.fast`); every other
command line goes through the Typer parser.  Any failure ends as one line on
stderr and an exit code (:mod:`.errors`); NEWSVIEW_DEBUG=1 shows the traceback
of a failure of ours instead.
"""

from __future__ import annotations

import os
import sys

from .errors import EXIT_ENGINE, error
from .fast import plain_app_call


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point (``argv`` defaults to the process's): never lets a traceback reach the user."""
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        plain = plain_app_call(args)
        if plain is not None:
            from .run_app import run_app

            sys.exit(run_app(plain.pop("path"), **plain))
        from .parser import run_parser

        sys.exit(run_parser(args))
    except KeyboardInterrupt:
        print(file=sys.stderr)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # a bug of ours: one line, and a way to see more
        if os.environ.get("NEWSVIEW_DEBUG"):
            raise
        error(f"internal error: {exc.__class__.__name__}: {exc} (set NEWSVIEW_DEBUG=1 for details)")
        sys.exit(EXIT_ENGINE)
