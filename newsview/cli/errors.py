"""How the command fails: its exit codes and its one-line error message."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..engine import Analyzer

#: at least one file could not be read (the others were still processed)
EXIT_INPUT = 1
#: the command line was wrong
EXIT_USAGE = 2
#: no usable spaCy pipeline, or the analysis itself failed
EXIT_ENGINE = 3


def error(message: str) -> None:
    """``newsview: MESSAGE`` on stderr, on one line; the message may quote outside text, so it is sanitised."""
    from ..safe_text import one_line

    print(f"newsview: {one_line(message)}", file=sys.stderr)


def checked_analyzer(model: str | None, use_cache: bool, language: str | None = None) -> Analyzer | None:
    """The engine's analyser (:func:`newsview.engine.make_analyzer`), or None when no pipeline can be had.

    None means the reason (which pipeline is missing and how to install it)
    has been said in one line, and the caller exits with EXIT_ENGINE before
    anything else is started: the app, the library and ``--format speakers``
    fail the same way.
    """
    from ..engine import make_analyzer
    from ..pipeline import ModelError

    try:
        return make_analyzer(model, use_cache, language)
    except ModelError as exc:
        error(str(exc))
        return None
