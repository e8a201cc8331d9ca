"""ReviewStore: one review file, loaded, applied to (each change saved before returning), undone and redone.

Saving is atomic (see :mod:`newsview.durable`) and guarded against a second
instance: under an advisory lock, the file is re-read before each write, and
when another instance has written since we last read it, its actions are kept
and ours are appended after them (the log is a union, so nothing is
overwritten).  A failed write raises :class:`ReviewError` and leaves the
previous file untouched.
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path
from typing import Any

from ..durable import DirLock, LockTimeout, atomic_write, remove_stale_temporaries
from ..model import ParsedDocument
from .actions import Action, Redo, Undo
from .entries import history_entry, make_entry
from .errors import ReviewError
from .fileformat import parse, read, serialize
from .location import locate, review_name
from .log import Review
from .view import ReviewedView, reviewed_view

#: how long to wait for another instance's write to finish
LOCK_TIMEOUT = 10.0


class ReviewStore:
    """One review file: load it, apply actions (each saved before returning), undo, redo.

    Typical use from the app::

        store = ReviewStore.for_article(path, doc.source.sha256, explicit=review_file)
        store.load(doc)                    # once the analysis is ready
        store.apply(Accept("q3"))          # saved when it returns
        view = store.view()                # verdicts, speakers, progress, orphans
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        source_sha256: str | None = None,
        article_path: str | None = None,
        seed: Path | None = None,
    ) -> None:
        # the real file: a symlinked review stays a symlink, and two instances that reach
        # the article through different links still lock and merge in one place
        self.path = Path(os.path.realpath(Path(path).expanduser()))
        #: the path as the user named it, for messages (``path`` may be where a link leads, such as /dev/zero)
        self.named = Path(path).expanduser().absolute()
        #: a review to start from while ``path`` does not exist yet (one beside a read-only article)
        self.seed = seed
        self.source_sha256 = source_sha256
        self.article_path = article_path
        self.doc: ParsedDocument | None = None
        self.review = Review(source_sha256=source_sha256)
        #: how many actions another instance had saved that the last write or refresh picked up
        self.last_merged = 0
        self._disk_digest: str | None = None  # sha256 of the file as last read or written; None: no file

    @classmethod
    def for_article(cls, article_path: str | None, source_sha256: str, *, explicit: str | None = None) -> ReviewStore:
        path, seed = (Path(explicit).expanduser(), None) if explicit else locate(article_path, source_sha256)
        shown = None if article_path in (None, "", "-") else str(Path(article_path).expanduser().absolute())
        return cls(path, source_sha256=source_sha256, article_path=shown, seed=seed)

    # -- reading ---------------------------------------------------------
    def _read(self) -> tuple[bytes | None, str | None]:
        data = read(self.path, shown=self.named)
        return data, None if data is None else hashlib.sha256(data).hexdigest()

    def load(self, doc: ParsedDocument | None = None) -> Review:
        """Read the file (an absent file is an empty review); remember ``doc`` for actions."""
        if doc is not None:
            self.doc = doc
        data, digest = self._read()
        if data is None:
            self.review = Review(source_sha256=self.source_sha256)
            if self.seed is not None and (seeded := read(self.seed)) is not None:
                self.review = parse(seeded, self.seed)
        else:
            self.review = parse(data, self.named)
        self._disk_digest = digest
        return self.review

    @property
    def article_changed(self) -> bool:
        """True when the review was last saved for different article bytes (it is matched by content)."""
        saved = self.review.source_sha256
        return bool(saved and self.source_sha256 and saved != self.source_sha256)

    def set_document(self, doc: ParsedDocument) -> None:
        """The analysis the UI now shows (quote and actor ids in actions refer to it)."""
        self.doc = doc

    def changed_on_disk(self) -> bool:
        """True when another instance has saved since we last read or wrote."""
        return self._read()[1] != self._disk_digest

    def refresh(self) -> Review:
        """Pick up what another instance saved."""
        before = {e["id"] for e in self.review.entries}
        self.load()
        self.last_merged = sum(1 for e in self.review.entries if e["id"] not in before)
        return self.review

    def view(self, doc: ParsedDocument | None = None) -> ReviewedView:
        doc = doc or self.doc
        if doc is None:
            raise ReviewError("no analysed article to review yet")
        return reviewed_view(doc, self.review)

    # -- writing ---------------------------------------------------------
    def apply(self, action: Action) -> Review:
        """Record ``action``; returns once it is durably saved (raises ReviewError otherwise)."""
        if self.doc is None and not isinstance(action, (Undo, Redo)):
            raise ReviewError("no analysed article to review yet", action=action)
        try:
            return self._commit(action)
        except ReviewError as exc:
            if exc.action is None:
                exc.action = action
            raise

    def undo(self) -> Review:
        return self.apply(Undo())

    def redo(self) -> Review:
        return self.apply(Redo())

    def _commit(self, action: Action) -> Review:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReviewError(f"cannot create {self.path.parent} for the review: {exc.strerror or exc}") from exc
        try:
            with DirLock(self.path.parent, timeout=LOCK_TIMEOUT) as lock:
                return self._commit_locked(action, lock_held=lock.held)
        except LockTimeout as exc:
            raise ReviewError(f"{exc.strerror}; try again") from exc

    def _commit_locked(self, action: Action, *, lock_held: bool) -> Review:
        """Merge what another instance saved, add ``action``'s entry and write (under the folder lock)."""
        if lock_held:
            remove_stale_temporaries(self.path)
        data, digest = self._read()
        if data is None:
            disk_entries: tuple[dict[str, Any], ...] = ()
            disk_revision = 0
        elif digest == self._disk_digest:
            disk_entries, disk_revision = self.review.entries, self.review.revision
        else:  # another instance saved since we read: keep all of its actions
            disk = parse(data, self.named)
            disk_entries, disk_revision = disk.entries, disk.revision
        known = {e["id"] for e in disk_entries}
        mine = tuple(e for e in self.review.entries if e["id"] not in known)
        have = {e["id"] for e in self.review.entries}
        merged = sum(1 for e in disk_entries if e["id"] not in have)
        base = Review(disk_entries + mine, disk_revision, self.source_sha256)
        if base.contains(action.id):  # a retry of a write that did land
            entry = None
        elif isinstance(action, (Undo, Redo)):
            entry = history_entry(action, base)
        else:
            assert self.doc is not None  # apply() refuses any other action before there is a document
            entry = make_entry(action, reviewed_view(self.doc, base))
        self.last_merged = merged
        if entry is None and not mine:
            self.review, self._disk_digest = base, digest
            return base  # nothing new to save
        new = Review(base.entries + ((entry,) if entry else ()), disk_revision + 1, self.source_sha256)
        payload = serialize(new, article_path=self.article_path)
        try:
            atomic_write(self.path, payload)
        except OSError as exc:
            raise ReviewError(_write_failure(self.path, exc)) from exc
        self.review = new
        self._disk_digest = hashlib.sha256(payload).hexdigest()
        return new


def existing_review(
    article_path: str | None, doc: ParsedDocument, *, explicit: str | None = None
) -> Review | None:
    """The saved review of an article for export, or None when it has none (nothing is created)."""
    name = review_name(article_path, doc.meta.url)
    store = ReviewStore.for_article(name, doc.source.sha256, explicit=explicit)
    if not store.path.exists() and not (store.seed and store.seed.exists()):
        if explicit:
            raise ReviewError(f"there is no review file {store.path}")
        return None
    return store.load(doc)


def _write_failure(path: Path, exc: OSError) -> str:
    reason = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return f"could not save the review to {path}: {reason}; the last change was not saved (the file holds everything before it)"
