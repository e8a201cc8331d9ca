"""An input named on the command line: a file, ``-`` (standard input) or a web address.

``read_input`` gives every kind the same shape, a ``RawArticle``; whether
it is HTML or plain text is then decided by its content, not its name.  A
web address is read through the page cache (``--refresh`` fetches it
again); its ``RawArticle.path`` is the address as given.
"""

from __future__ import annotations

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
