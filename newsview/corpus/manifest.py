"""The manifest of a corpus run: which partitions are finished.

``DIR/_newsview_manifest.jsonl`` is an append-only log: a header line that
identifies the run (a fingerprint of the inputs, the pipeline, the engine
version and the partition size), then one line per finished partition,
appended and fsynced only after all of that partition's files are in place.
A rerun with the same fingerprint skips the partitions listed; a half-written
last line (a run killed while appending) is ignored, so that partition is
done again.  A folder holding something else is never written into, and
``restart`` removes only what a run wrote.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_NAME = "_newsview_manifest.jsonl"
FORMAT = "newsview-corpus/1"


class ManifestError(Exception):
    """The output folder cannot be used; ``str(exc)`` is one line."""


@dataclass
class Manifest:
    directory: Path
    header: dict[str, Any]
    #: finished partition index -> its line (articles, words, errors)
    done: dict[int, dict[str, Any]] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return self.directory / MANIFEST_NAME

    def finished(self, index: int, *, articles: int, words: int, errors: int) -> None:
        """Record a partition whose files are all written."""
        line = {"partition": index, "articles": articles, "words": words, "errors": errors}
        with open(self.path, "a", encoding="utf-8") as f:
            f.write(json.dumps(line) + "\n")
            f.flush()
            os.fsync(f.fileno())
        self.done[index] = line


def check_folder(directory: str | os.PathLike) -> None:
    """Raise :class:`ManifestError` when ``directory`` can hold no run's output at all
    (a file, or a folder of other things), whatever the inputs."""
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise ManifestError(f"{folder}: is not a folder (a corpus run writes a folder of part files)")
    if folder.is_dir() and not (folder / MANIFEST_NAME).is_file() and any(folder.iterdir()):
        raise ManifestError(f"{folder}: is not empty and holds no newsview output; choose a new or empty folder")


def check_output(directory: str | os.PathLike, header: dict[str, Any], *, restart: bool = False) -> str:
    """What a run may do with ``directory``: ``new``, ``resume`` or ``replace`` (nothing is changed yet).

    Raises :class:`ManifestError` when the folder holds something other than
    a newsview run, or another run's output and ``restart`` is not given.
    """
    folder = Path(directory)
    path = folder / MANIFEST_NAME
    check_folder(folder)
    if path.is_file():
        old_header, _done = _read(path)
        if old_header == {"format": FORMAT, **header} and not restart:
            return "resume"
        if not restart:
            raise ManifestError(
                f"{folder}: holds the output of another run (other inputs, pipeline or options); "
                "add --restart to replace it, or choose another folder"
            )
        return "replace"
    return "new"


def open_manifest(directory: str | os.PathLike, header: dict[str, Any], *, restart: bool = False) -> Manifest:
    """The manifest of ``directory`` for a run described by ``header`` (created when new).

    Raises :class:`ManifestError` as :func:`check_output` does, or when the
    folder cannot be written.
    """
    from ..durable import atomic_write
    from .shards import remove_output

    folder = Path(directory)
    verdict = check_output(folder, header, restart=restart)
    header = {"format": FORMAT, **header}
    path = folder / MANIFEST_NAME
    if verdict == "resume":
        _end_last_line(path)
        return Manifest(folder, header, _read(path)[1])
    try:
        if verdict == "replace":
            remove_output(folder)
            path.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, (json.dumps(header) + "\n").encode("utf-8"))
    except OSError as exc:
        raise ManifestError(f"{folder}: cannot write: {exc.strerror or exc}") from None
    return Manifest(folder, header)


def _end_last_line(path: Path) -> None:
    """A line cut short stays alone on its line: the next one appended is whole."""
    with open(path, "rb+") as f:
        f.seek(0, os.SEEK_END)
        if f.tell() and (f.seek(-1, os.SEEK_END), f.read(1))[1] != b"\n":
            f.write(b"\n")


def _read(path: Path) -> tuple[dict[str, Any] | None, dict[int, dict[str, Any]]]:
    header: dict[str, Any] | None = None
    done: dict[int, dict[str, Any]] = {}
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeError) as exc:
        raise ManifestError(f"{path}: cannot read the run's manifest: {exc}") from None
    for number, line in enumerate(lines):
        try:
            value = json.loads(line)
        except ValueError:
            continue  # a line cut short by a killed run: that partition is done again
        if number == 0:
            header = value if isinstance(value, dict) else None
        elif isinstance(value, dict) and isinstance(value.get("partition"), int):
            done[value["partition"]] = value
    return header, done
