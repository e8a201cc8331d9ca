"""Fetched pages kept on disk, so a web article reopens offline.

Two kinds of file under ``<cache folder>/pages``:

* ``<sha256 of the page bytes>.page``: the page exactly as it was received
  (after gzip/deflate), stored once whatever address led to it;
* ``url-<sha256 of the address>.json``: what an address gave last time: the
  page's hash, the address it was answered from after redirects, its charset
  and when it was fetched.

Reopening an address reads its record and then the page it names, checking
the page's hash, so a damaged or missing file is a miss (the page is fetched
again), never a wrong article.  Both are written atomically.  ``--refresh``
fetches anyway and replaces the record.  The cache is data like any other
input: it is read with the same limits and decoded with the same care.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

from .durable import atomic_write
from .fetch import Page
from .reader import MAX_BYTES


def default_dir() -> Path:
    from .cache import default_dir as cache_dir

    return cache_dir() / "pages"


@dataclass(frozen=True)
class PageCache:
    directory: Path

    @classmethod
    def default(cls) -> PageCache:
        return cls(default_dir())

    def _record(self, url: str) -> Path:
        return self.directory / f"url-{hashlib.sha256(url.encode('utf-8', 'surrogateescape')).hexdigest()}.json"

    def _body(self, sha256: str) -> Path:
        return self.directory / f"{sha256}.page"

    def get(self, url: str) -> Page | None:
        """The page this address gave last time, or None (never fetched, or its files are damaged)."""
        try:
            record = json.loads(self._record(url).read_text(encoding="utf-8"))
            sha = str(record["sha256"])
            if len(sha) != 64 or not all(c in "0123456789abcdef" for c in sha):
                return None
            body = self._body(sha)
            if body.stat().st_size > MAX_BYTES:
                return None
            data = body.read_bytes()
            if hashlib.sha256(data).hexdigest() != sha:
                return None
            charset = record.get("charset")
            return Page(
                url=url,
                final_url=str(record.get("final_url") or url),
                data=data,
                charset=str(charset) if charset else None,
                content_type=str(record.get("content_type") or "text/html"),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def fetched_at(self, url: str) -> str | None:
        """When this address was last fetched (``2025-03-14T08:00:00Z``), or None when it is not known."""
        try:
            when = json.loads(self._record(url).read_text(encoding="utf-8")).get("fetched_at")
        except (OSError, ValueError, AttributeError):
            return None
        return when if isinstance(when, str) and re.fullmatch(r"[0-9T:Z-]{1,25}", when) else None

    def put(self, page: Page) -> None:
        """Keep a fetched page; a cache that cannot be written is no reason to fail."""
        sha = hashlib.sha256(page.data).hexdigest()
        record = {
            "url": page.url,
            "final_url": page.final_url,
            "sha256": sha,
            "charset": page.charset,
            "content_type": page.content_type,
            "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            body = self._body(sha)
            if not body.is_file() or body.stat().st_size != len(page.data):
                atomic_write(body, page.data)
            atomic_write(self._record(page.url), json.dumps(record, ensure_ascii=False).encode("utf-8"))
        except OSError:
            pass


def read_page(url: str, *, refresh: bool = False, cache: PageCache | None = None) -> Page:
    """The page at ``url``: from the cache unless ``refresh``, else fetched (and cached)."""
    from .fetch import fetch

    cache = cache if cache is not None else PageCache.default()
    if not refresh:
        hit = cache.get(url)
        if hit is not None:
            return hit
    page = fetch(url)
    cache.put(page)
    return page
