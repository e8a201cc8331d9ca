"""Where ``-o`` writes: never over one of the run's own files, and never half a file.

:func:`refusal` names the clash when ``-o`` is the same file as an input, a
review file (given, or the default ``ARTICLE.review.json``) or lies among
the parse cache's entries (its ``parses/`` folder, which it prunes); files are compared by identity (device and inode, so a
symlink or a hard link is caught), not by spelling.

:func:`write_output` writes a regular file through a temporary file and a
rename (:func:`newsview.durable.atomic_write`): a run that fails leaves the
old file as it was and no partial one.  A device or a pipe (``/dev/stdout``,
``/dev/full``, ``>(cmd)``) cannot be replaced by a rename, so it is written
directly.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from ..reader import display_name


class OutputError(OSError):
    """``-o`` could not be written; ``started`` is False when not a byte of it was (it could not even be created)."""

    def __init__(self, cause: OSError, *, started: bool) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause))
        self.started = started


def refusal(output: Path, files: list[str], *, review_file: str | None, cache_dir: Path | None,
            option: str = "-o", kind: str = "output file") -> str | None:
    """Why ``-o output`` would overwrite what the run reads or keeps, or None when it is free to use.
    ``option`` and ``kind`` name another file the run writes (``--index``, the library's index file)."""
    shown = display_name(output)
    for path, what in _guarded(files, review_file):
        if _same_file(output, path):
            return f"{option} {shown} is the {what}; choose another {kind}"
    if cache_dir is not None and _inside(Path(os.path.realpath(output)).parent, cache_dir):
        return f"{option} {shown} is among the parse cache's entries in {display_name(cache_dir)}; choose another {kind}"
    return None


def _guarded(files: list[str], review_file: str | None) -> Iterator[tuple[str | Path, str]]:
    """Every file the run reads or keeps, with what it is to the user."""
    from ..review.fileformat import SUFFIX, locate

    for name in files:
        if name == "-":
            continue
        yield name, f"input file {display_name(name)}"
        if review_file is None:
            saved, seed = locate(name, "")
            beside = Path(name).expanduser().absolute()
            yield saved, f"review file of {display_name(name)}"
            yield beside.with_name(beside.name + SUFFIX), f"review file of {display_name(name)}"
            if seed is not None:
                yield seed, f"review file of {display_name(name)}"
    if review_file is not None:
        yield review_file, "review file"


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one of them does not exist (yet): not the same file
        return False


def _inside(folder: Path, parent: Path) -> bool:
    """``folder`` is ``parent`` or below it (both resolved, so links and ``..`` do not hide it)."""
    try:
        folder = folder.resolve()
        parent = parent.resolve()
    except (OSError, RuntimeError):
        return False
    return folder == parent or parent in folder.parents


def write_output(output: Path | None, write: Callable[[IO[str]], None]) -> None:
    """Run ``write`` on standard output, or on ``output`` as described above.

    Raises :class:`OutputError` when ``output`` cannot be written; any other
    exception from ``write`` passes through, the old file untouched.
    """
    if output is None:
        write(sys.stdout)
        sys.stdout.flush()
        return
    try:
        mode = os.stat(output).st_mode
    except OSError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(IsADirectoryError(errno.EISDIR, "is a folder"), started=False)
    if mode is not None and not stat.S_ISREG(mode):
        _write_stream(output, write)  # as named: /dev/stdout is a link to a pipe, not a path to resolve
        return
    target = Path(os.path.realpath(output))  # a symlink's target is replaced, not the symlink
    from ..durable import atomic_write

    started = False

    def content(out: IO[str]) -> None:
        nonlocal started
        started = True
        write(out)

    try:
        atomic_write(target, content)
    except OSError as exc:
        raise OutputError(exc, started=started) from exc


def _write_stream(target: Path, write: Callable[[IO[str]], None]) -> None:
    """A device or pipe, written as it goes: one error for a failed write, not a second one from closing it."""
    try:
        out = open(target, "w", encoding="utf-8", newline="")  # noqa: SIM115  closed below, so a failed close is not a second error
    except OSError as exc:
        raise OutputError(exc, started=False) from exc
    try:
        write(out)
        out.close()
    except BrokenPipeError:  # the reader went away, as with stdout: the caller decides
        _close_quietly(out)
        raise
    except OSError as exc:
        _close_quietly(out)
        raise OutputError(exc, started=True) from exc
    except BaseException:
        _close_quietly(out)
        raise


def _close_quietly(out: IO[str]) -> None:
    try:
        out.close()
    except OSError:
        pass
