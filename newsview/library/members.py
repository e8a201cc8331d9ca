"""What the command line names, as a list of articles: folders, patterns, files and web addresses.

The library (app, ``--format speakers``) and every export format expand their
inputs here, so ``newsview FOLDER`` means the same articles in the same order
whatever it produces.  Nothing is read or fetched: this only lists.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass

#: file endings a folder is searched for
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm")


def is_address(member: str) -> bool:
    """Is this library member a web address (its row is keyed by the address), not a file path?"""
    from ..fetch import is_url

    return is_url(member)


@dataclass(frozen=True)
class Inputs:
    """What the command line named: article files and web addresses (``files``, in that order of
    the command line), and the names that were no use (one line each)."""

    files: tuple[str, ...]
    problems: tuple[str, ...] = ()
    #: some argument was a folder or a pattern: how many articles it holds is not the command line's to say
    expanded: bool = False


def expand_inputs(args: Iterable[str], *, recursive: bool = True, as_given: bool = False) -> Inputs:
    """Folders become the article files in them (sorted; hidden files, review files and other
    kinds of file left out), a pattern (``*``, ``?``, ``[``: quoted, or that the shell left
    alone) the files and folders it matches (sorted; review files left out); files and web
    addresses are kept as given; each article once.

    The library keys its rows by absolute path, and a name that is not there is a problem here.
    ``as_given`` (the export formats) keeps names as typed (a folder's files under the folder's
    name as typed) and leaves what is not a folder or a pattern, ``-`` or a missing file, for
    the reader to read or to say what is wrong with it.
    """
    from ..inputs import is_pattern
    from ..reader import display_name
    from ..review.fileformat import SUFFIX as REVIEW_SUFFIX

    files: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()
    expanded = False

    def add(path: str) -> None:
        if not as_given and not _utf8(path):
            # the index keeps a member by its name, as UTF-8 text: it cannot key this one
            problems.append(f"{display_name(path)}: the library cannot keep a file whose name is not UTF-8; "
                            "rename it to have it in the library")
            return
        key = path if as_given and path == "-" else os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path if as_given else os.path.abspath(path))

    def folder_members(folder: str) -> list[str]:
        found = []
        unreadable: list[OSError] = []
        for root, dirs, names in os.walk(folder, onerror=unreadable.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
            for name in names:
                if name.startswith(".") or name.endswith(REVIEW_SUFFIX) or not name.lower().endswith(ARTICLE_SUFFIXES):
                    continue
                path = os.path.join(root, name)
                if os.path.isfile(path):  # not a named pipe or a device, which would be waited on for ever
                    found.append(path)
        if not found and unreadable:
            problems.append(f"{display_name(folder)}: cannot read this folder ({_reason(unreadable[0])})")
        elif not found:
            problems.append(f"{display_name(folder)}: no articles in this folder")
        return sorted(found)

    for arg in args:
        if is_address(arg):
            if arg not in seen:  # the address as given is its key: no fetching here
                seen.add(arg)
                files.append(arg)
        elif os.path.isdir(arg):
            expanded = True
            for path in folder_members(arg):
                add(path)
        elif is_pattern(arg):
            expanded = True
            matches = sorted(glob.glob(arg, recursive=True))
            # a matched folder stands for its articles; a pipe or a device matched is left out, as in a folder
            members = [m for match in matches
                       for m in (folder_members(match) if os.path.isdir(match) else [match] if os.path.isfile(match) else [])
                       if not m.endswith(REVIEW_SUFFIX)]
            if not members:
                problems.append(f"{display_name(arg)}: no articles match this pattern")
            for path in members:
                add(path)
        elif as_given or os.path.exists(arg):
            add(arg)
        else:
            problems.append(f"{display_name(arg)}: no such file")
    return Inputs(tuple(files), tuple(problems), expanded)


def _utf8(path: str) -> bool:
    """Is this name text (a name that is not UTF-8 comes from the OS with its bytes as surrogates)?"""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reason(exc: OSError) -> str:
    """``permission denied``: an OS error's reason as our one-line messages word it."""
    reason = exc.strerror or type(exc).__name__
    return reason[:1].lower() + reason[1:]
