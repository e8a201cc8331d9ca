"""What the command line names, as a list of articles: folders, patterns, files and web addresses.

The library (app, ``--format speakers``) and every export format (a corpus run too) expand their
inputs here, so ``newsview FOLDER`` means the same articles in the same order
whatever it produces.  Nothing is read or fetched: this only lists.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

#: file endings a folder is searched for
ARTICLE_SUFFIXES = (".txt", ".text", ".html", ".htm")


def is_address(member: str) -> bool:
    """Is this library member a web address (its row is keyed by the address), not a file path?"""
    from ..fetch import is_url

    return is_url(member)


@dataclass(frozen=True)
class InputProblem:
    """A name on the command line that gives no articles, and why: kept apart so that a caller
    showing it beside the name already (a corpus run's error row) can say the reason alone."""

    #: the name as it may be shown (control characters escaped)
    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass(frozen=True)
class Inputs:
    """What the command line named: article files and web addresses (``files``, in that order of
    the command line), and the names that were no use (one line each)."""

    files: tuple[str, ...]
    problems: tuple[InputProblem, ...] = ()
    #: some argument was a folder or a pattern: how many articles it holds is not the command line's to say
    expanded: bool = False


@dataclass(frozen=True)
class Argument:
    """What one argument names, without the articles an earlier argument named already."""

    #: the argument as typed
    given: str
    files: tuple[str, ...]
    problems: tuple[InputProblem, ...] = ()
    #: a folder or a pattern
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
    files: list[str] = []
    problems: list[InputProblem] = []
    expanded = False
    for argument in each_argument(args, recursive=recursive, as_given=as_given):
        files.extend(argument.files)
        problems.extend(argument.problems)
        expanded = expanded or argument.expanded
    return Inputs(tuple(files), tuple(problems), expanded)


def each_argument(args: Iterable[str], *, recursive: bool = True, as_given: bool = False) -> Iterator[Argument]:
    """:func:`expand_inputs` an argument at a time, in the order given: for a caller that keeps
    each problem beside the argument it belongs to (a corpus run makes it an error row there)."""
    from ..inputs import is_pattern
    from ..reader import display_name
    from ..review.fileformat import SUFFIX as REVIEW_SUFFIX

    seen: set[str] = set()

    def kept(paths: Iterable[str], problems: list[InputProblem]) -> tuple[str, ...]:
        """The paths not seen before (as the library keys them); a name it cannot key is a problem."""
        new: list[str] = []
        for path in paths:
            if not as_given and not _utf8(path):
                # the index keeps a member by its name, as UTF-8 text: it cannot key this one
                problems.append(InputProblem(display_name(path), "the library cannot keep a file whose name is not UTF-8; "
                                             "rename it to have it in the library"))
                continue
            key = path if as_given and path == "-" else os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                new.append(path if as_given else os.path.abspath(path))
        return tuple(new)

    def folder_members(folder: str, problems: list[InputProblem]) -> list[str]:
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
            problems.append(InputProblem(display_name(folder), f"cannot read this folder ({_reason(unreadable[0])})"))
        elif not found:
            problems.append(InputProblem(display_name(folder), "no articles in this folder"))
        return sorted(found)

    for arg in args:
        problems: list[InputProblem] = []
        if is_address(arg):
            new = () if arg in seen else (arg,)  # the address as given is its key: no fetching here
            seen.add(arg)
            yield Argument(arg, new)
        elif os.path.isdir(arg):
            members = folder_members(arg, problems)
            yield Argument(arg, kept(members, problems), tuple(problems), expanded=True)
        elif is_pattern(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            # a matched folder stands for its articles; a pipe or a device matched is left out, as in a folder
            members = [m for match in matches
                       for m in (folder_members(match, problems) if os.path.isdir(match)
                                 else [match] if os.path.isfile(match) else [])
                       if not m.endswith(REVIEW_SUFFIX)]
            if not members:
                problems.append(InputProblem(display_name(arg), "no articles match this pattern"))
            yield Argument(arg, kept(members, problems), tuple(problems), expanded=True)
        elif as_given or os.path.exists(arg):
            yield Argument(arg, kept([arg], problems), tuple(problems))
        else:
            yield Argument(arg, (), (InputProblem(display_name(arg), "no such file"),))


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
