"""The review file (schema ``newsview-review/1``, see docs/review-format.md): bytes and validation.

Where a review file lives is :mod:`.location` (re-exported here).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..durable import FileTooLarge, NotRegularFile, read_regular_file
from .errors import ReviewError
from .location import SUFFIX, data_dir, default_path, locate, review_name  # noqa: F401 (this module's names before location.py)
from .log import Review, utc_now
from .validation import InvalidReview, check_header

SCHEMA = "newsview-review/1"


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
