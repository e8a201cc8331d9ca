"""A parse cache: analysed documents stored as plain JSON.

Reopening an article should not pay for spaCy at all: loading a cached
document is a JSON read, with no spaCy import.  An entry is keyed by the
article's bytes (sha256), the pipeline's name and version, and the engine
version, so a changed article, another model or a newer engine never sees a
stale result.

Writes are atomic (:func:`newsview.durable.atomic_write`), so a concurrent
reader sees either the old entry or the new one, and two writers of the same
entry both write a complete file.  A corrupt or foreign file is ignored,
removed and rebuilt.  The directory is kept under a size cap by dropping the
least recently used entries.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import ENGINE_VERSION
from .durable import atomic_write
from .model import SCHEMA, ParsedDocument, Source, write_json

#: Default size cap for the whole cache directory.
MAX_BYTES = 256 * 1024 * 1024


def default_dir() -> Path:
    env = os.environ.get("NEWSVIEW_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsview", appauthor=False))


#: The modules whose code decides what an analysis contains.
_ENGINE_SOURCES = ("safe_text.py", "clean", "engine.py", "model.py", "pipeline.py", "extract")


@lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """A hash of the engine's own code, so any change to it misses the cache.

    ``ENGINE_VERSION`` names releases; this also covers an engine changed in
    place (an upgrade that kept the version, a development checkout).
    """
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for name in _ENGINE_SOURCES:
        path = root / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            try:
                digest.update(f.relative_to(root).as_posix().encode())
                digest.update(f.read_bytes())
            except OSError:
                continue
    return digest.hexdigest()[:16]


class ParseCache:
    def __init__(self, directory: Path | None = None, *, max_bytes: int = MAX_BYTES) -> None:
        self.directory = Path(directory) if directory is not None else default_dir()
        self.max_bytes = max_bytes

    def key(self, source_sha256: str, pipeline: str) -> str:
        material = "\0".join((SCHEMA, ENGINE_VERSION, engine_fingerprint(), pipeline, source_sha256))
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def get(self, source: Source, pipeline: str) -> ParsedDocument | None:
        """The cached analysis of ``source`` by ``pipeline``, or None."""
        path = self._path(self.key(source.sha256, pipeline))
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
            doc = ParsedDocument.from_dict(data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            self._discard(path)
            return None
        if doc.source.sha256 != source.sha256 or doc.pipeline != pipeline or not doc.analysed:
            self._discard(path)
            return None
        try:
            os.utime(path)  # recently used: the last to be pruned
        except OSError:
            pass
        return replace(doc, source=source)

    def put(self, doc: ParsedDocument, pipeline: str) -> bool:
        """Store an analysed document; False when it could not be written."""
        if not doc.analysed:
            return False
        path = self._path(self.key(doc.source.sha256, pipeline))
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fields = replace(doc, pipeline=pipeline).json_fields()
            # an item at a time: a long article's analysis is never one big string
            atomic_write(path, lambda fh: write_json(fh, fields, indent=None))
        except OSError:
            return False
        self.prune()
        return True

    def prune(self) -> None:
        """Drop least recently used entries until the directory fits the cap."""
        try:
            entries = []
            # with the temporary files a killed writer left behind (a write in progress is the newest)
            for p in (*self.directory.glob("*.json"), *self.directory.glob(".*.json.*.tmp")):
                st = p.stat()
                entries.append((st.st_mtime, st.st_size, p))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, p in sorted(entries):
            if total <= self.max_bytes:
                break
            self._discard(p)
            total -= size

    @staticmethod
    def _discard(path: Path) -> None:
        try:
            path.unlink()
        except OSError:
            pass
