"""Reading ``newsview FILE [options]`` without Typer, so the app is on screen sooner.

Opening an article is the command people type most, and importing Typer
costs tens of milliseconds before the first frame.  This reads that command
line with the app's options from :data:`newsview.cli.options.OPTIONS`;
anything it is not sure of goes to the full parser, which gives the same
result.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from .options import OPTIONS, Option, app_arguments

#: every spelling of the options the app takes
_APP_FLAGS: dict[str, Option] = {flag: option for option in OPTIONS if option.app for flag in option.flags}


def plain_app_call(argv: list[str]) -> dict[str, Any] | None:
    """``{"path": FILE, **run_app keywords}`` for a plain ``newsview FILE [options]`` on a terminal, else None.

    None (the full parser decides) for help, a second file, an unknown,
    repeated or empty option, a value that looks like an option, standard
    input, or no terminal.
    """
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        return None
    files: list[str] = []
    given: dict[str, Any] = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, inline = arg.partition("=")
        # only a long option takes its value after "=" (Click reads "-m=x" as the value "=x")
        option = _APP_FLAGS.get(name if name.startswith("--") else arg)
        if option is None:
            if arg.startswith("-"):
                return None
            files.append(arg)
            i += 1
            continue
        if option.is_flag:
            if eq:
                return None
            value: Any = True
        else:
            if eq:
                value = inline
            elif i + 1 < len(argv):
                i += 1
                value = argv[i]
            else:
                return None
            if not value or value.startswith("-"):
                return None
        if option.name in given:
            return None
        given[option.name] = value
        i += 1
    if len(files) != 1:
        return None
    values = {option.name: _unset_value(option) for option in OPTIONS if option.app}
    values.update(given)
    return {"path": files[0], **app_arguments(values)}


def _unset_value(option: Option) -> Any:
    """An option's value when the command line leaves it out: its (non-empty) environment variable, else its default."""
    if option.envvar:
        return os.environ.get(option.envvar) or option.default
    return option.default
