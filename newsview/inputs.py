"""An input named on the command line: a file, ``-`` (standard input) or a web address.

``read_input`` gives every kind the same shape, a ``RawArticle``; whether
it is HTML or plain text is then decided by its content, not its name.  A
web address is read through the page cache (``--refresh`` fetches it
again); its ``RawArticle.path`` is the address as given.
``read_input_or_kept`` reads as the library does: a page ``--refresh``
cannot fetch again is read from the copy fetched before, with one line that
says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from .reader import RawArticle, raw_from_bytes, read_article


def is_url(arg: str) -> bool:
    from .fetch import is_url as url_like

    return url_like(arg)


def is_pattern(arg: str) -> bool:
    """A file-name pattern (``*``, ``?`` or ``[``) that is not itself the name of something there."""
    import glob
    import os

    return glob.has_magic(arg) and not os.path.lexists(arg)


def read_input(arg: str, *, refresh: bool = False, stdin: BinaryIO | None = None) -> RawArticle:
    """Read one input; raises ``reader.InputError`` (``fetch.FetchError`` for an address) with one line."""
    if "://" not in arg or not is_url(arg):
        return read_article(arg, stdin=stdin)
    from .page_cache import read_page

    page = read_page(arg, refresh=refresh)
    return raw_from_bytes(page.data, path=arg, encoding=page.charset)


@dataclass(frozen=True)
class Input:
    """An input as read, and the one line to tell the user when it is not what was asked for."""

    raw: RawArticle
    #: ``--refresh`` could not fetch the page again, and the copy fetched before was read instead
    notice: str | None = None


def read_input_or_kept(arg: str, *, refresh: bool = False, stdin: BinaryIO | None = None) -> Input:
    """``read_input``, except that a page ``--refresh`` cannot fetch again (offline, the site down)
    is read from the copy fetched before, as the library reads it: an article offline is still an
    article.  Without such a copy the fetch's error is raised as ``read_input`` raises it."""
    if "://" not in arg:  # a file (most inputs): no need to import the fetcher for its error class
        return Input(read_input(arg, refresh=refresh, stdin=stdin))
    from .fetch import FetchError

    try:
        return Input(read_input(arg, refresh=refresh, stdin=stdin))
    except FetchError as exc:
        kept = kept_copy(arg, exc.problem) if refresh else None
        if kept is None:
            raise
        return Input(*kept)


def kept_copy(address: str, problem: str) -> tuple[RawArticle, str] | None:
    """The copy of a page fetched before, when fetching it again failed with ``problem``, and the
    one line that says so; None when there is no copy (or it is damaged)."""
    from .page_cache import PageCache
    from .reader import display_name

    cache = PageCache.default()
    page = cache.get(address)
    if page is None:
        return None
    when = cache.fetched_at(address)
    notice = (f"{display_name(address)}: could not fetch it again ({problem}); "
              f"kept the copy fetched {when.replace('T', ' ').replace('Z', ' UTC') if when else 'before'}")
    return raw_from_bytes(page.data, path=address, encoding=page.charset), notice
