"""The review file (schema ``newsview-review/1``, see docs/review-format.md): bytes, validation, location."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from ..durable import FileTooLarge, NotRegularFile, read_regular_file
from .errors import ReviewError
from .log import Review, utc_now
from .validation import InvalidReview, check_header

SCHEMA = "newsview-review/1"
SUFFIX = ".review.json"


def _summary(review: Review) -> list[dict[str, Any]]:
    return [
        {
            "text": r.display,
            "start": r.start,
            "end": r.end,
            "verdict": r.verdict,
            "reason": r.reason,
            "speaker": r.speaker["name"] if r.speaker else None,
            "engine_speaker": r.engine_speaker,
            "note": r.note,
        }
        for r in sorted(review.records.values(), key=lambda r: r.start)
    ]


def serialize(review: Review, *, article_path: str | None) -> bytes:
    """The file's bytes: a header, one log entry a line, and a derived summary."""
    head = {
        "schema": SCHEMA,
        "revision": review.revision,
        "saved_at": utc_now(),
        "article": {"path": article_path, "sha256": review.source_sha256},
    }
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append('  "actions": [')
    body = [f"    {json.dumps(e, ensure_ascii=False, separators=(', ', ': '))}" for e in review.entries]
    lines.append(",\n".join(body))
    lines.append("  ],")
    lines.append(f'  "summary": {json.dumps(_summary(review), ensure_ascii=False)}')
    lines.append("}")
    return ("\n".join(x for x in lines if x) + "\n").encode("utf-8")


#: a review log is a few kilobytes a hundred actions; anything this big is not one
MAX_BYTES = 64 * 1024 * 1024

_LEFT_ALONE = "newsview leaves it as it is and will not save to it (move it aside to start afresh)"


def damaged(path: Path, why: str) -> ReviewError:
    """The one-line error for a review file that cannot be used, saying it is left untouched."""
    return ReviewError(f"the review file {path} {why}; {_LEFT_ALONE}")


def _no_constants(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def parse(data: bytes, path: Path) -> Review:
    """The review a file's bytes hold; ReviewError naming the first bad field otherwise."""
    try:
        d = json.loads(data.decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError) as exc:
        raise damaged(path, f"is damaged ({exc})") from exc
    except RecursionError:
        raise damaged(path, "is damaged (nested too deeply)") from None
    if not isinstance(d, dict) or not isinstance(d.get("schema"), str) or not d["schema"].startswith("newsview-review/"):
        raise damaged(path, "is not a newsview review file")
    if d["schema"] != SCHEMA:
        raise damaged(path, f"was written by a newer newsview ({d['schema']})")
    try:
        check_header(d)
    except InvalidReview as exc:
        raise damaged(path, f"is damaged: {exc}") from None
    article = d.get("article") or {}
    return Review(tuple(d["actions"]), d.get("revision", 0), article.get("sha256"))


def read(path: Path, *, shown: Path | None = None) -> bytes | None:
    """A review file's bytes, None when there is none; never blocks on a pipe or reads a device.

    ``shown`` is the name to give in an error (the user's name for a file reached through a link).
    """
    try:
        return read_regular_file(path, limit=MAX_BYTES)
    except FileNotFoundError:
        return None
    except (NotRegularFile, FileTooLarge) as exc:
        raise damaged(shown or path, f"cannot be read: {exc}") from exc
    except OSError as exc:
        raise ReviewError(f"cannot read the review file {shown or path}: {exc.strerror or exc}") from exc


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
