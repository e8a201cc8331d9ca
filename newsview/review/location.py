"""Where an article's review file is, and what it is found by: no file code, no review classes.

The app names its article's review before the first frame; that must not load
the file format, the log or the actions (see :mod:`.fileformat` for those).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

SUFFIX = ".review.json"


def data_dir() -> Path:
    env = os.environ.get("NEWSVIEW_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsview", appauthor=False))


def _writable_dir(directory: Path) -> bool:
    return directory.is_dir() and os.access(directory, os.W_OK | os.X_OK)


def locate(article_path: str | None, source_sha256: str) -> tuple[Path, Path | None]:
    """Where an article's review is saved when no path is given, and where to read it first.

    A web page's (``article_path`` is its address, the canonical one when
    the page names it: see ``review_name``) is in the user data directory
    under a name derived from the address, so it is found again whatever
    address led to the page.  A file's is beside the article as
    ``<article>.review.json`` when that folder is writable; otherwise in the
    user data directory, under a name derived from the article's absolute path (for standard input, from its content).  The
    second path is a review already beside an article in a read-only folder:
    it is read until the first save writes the data-directory copy.
    """
    if article_path in (None, "", "-"):
        return data_dir() / "reviews" / f"stdin-{source_sha256[:32]}{SUFFIX}", None
    if _is_address(article_path):
        return data_dir() / "reviews" / _address_file_name(article_path), None
    article = Path(article_path).expanduser().absolute()
    beside = article.with_name(article.name + SUFFIX)
    if _writable_dir(beside.parent):
        return beside, None
    tag = hashlib.sha256(str(article).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    fallback = data_dir() / "reviews" / f"{article.name}-{tag}{SUFFIX}"
    return fallback, (beside if beside.exists() and not fallback.exists() else None)


def default_path(article_path: str | None, source_sha256: str) -> Path:
    return locate(article_path, source_sha256)[0]


def _is_address(article_path: str | None) -> bool:
    return bool(article_path) and re.match(r"https?://", article_path or "", re.IGNORECASE) is not None


def _address_file_name(address: str) -> str:
    """``web-<host>-<hash of the address>.review.json``: readable in a listing, unique by the hash."""
    from urllib.parse import urlsplit

    host = re.sub(r"[^A-Za-z0-9.-]", "_", urlsplit(address).hostname or "page")[:64]
    tag = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return f"web-{host}-{tag}{SUFFIX}"


def review_name(article_path: str | None, canonical_url: str | None) -> str | None:
    """What an article's review is found by: for a web address, the page's canonical
    address (``meta.url``) when it has one, else the address; for a file or standard input, its path."""
    if _is_address(article_path) and canonical_url and _is_address(canonical_url):
        return canonical_url
    return article_path
