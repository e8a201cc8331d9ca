"""How the command fails: its exit codes and its one-line error message."""

from __future__ import annotations

import sys

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
