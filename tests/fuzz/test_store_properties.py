"""Any JSON value as a parse cache entry or a review file: a miss or one clear line, never a crash.

Two properties, run in-process on the functions the command line calls (the
cache lookup, the review lookup, every export), so that thousands of cases fit
in a long run:

* a cache entry holding any JSON value is a miss (the entry removed, since it
  is newsview's own) or a document every export writes in full; the files
  beside it (a review file, another JSON file) are never touched, even by
  pruning past the cap;
* a review file holding any JSON value loads, or is refused with one line
  (a ReviewError); either way every export completes, and a file that was
  refused is never written to.

The values are drawn three ways: any JSON value (any nesting), a valid entry
or review file with one to three parts replaced by any JSON value or removed,
and text that is not JSON at all (cut off, nested 100,000 deep, NaN).
Profiles (``ci``, ``fuzz``) are in this folder's conftest.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import event, given
from hypothesis import strategies as st
from rich.console import Console

from newsview import export
from newsview.cache import ParseCache
from newsview.filtering import apply, parse_query
from newsview.model import ParsedDocument
from newsview.review.actions import Accept, MergeActors, Reassign, Reject, RenameActor, SetNote, Undo
from newsview.review.entries import describe_last
from newsview.review.errors import ReviewError
from newsview.review.export import markdown_report, review_csv_rows, review_json
from newsview.review.fileformat import parse
from newsview.review.store import ReviewStore, existing_review
from newsview.review.view import reviewed_view

from factories import analysed_document
from review_helpers import article_doc

PIPE = "en_test_pipeline-1.0"

#: words the formats use, so that drawn objects often look almost right
WORDS = ["a1", "a2", "a3", "q1", "q2", "q3", "direct", "indirect", "name", "pronoun", "PERSON", "accepted",
         "rejected", "wrong_speaker", "verdict", "reassign", "note", "merge", "rename", "undo", "redo",
         "newsview/1", "newsview-review/1", "", " ", "\x1b[2J", "a 1"]
KEYS = ["schema", "text", "meta", "source", "sha256", "encoding", "start", "end", "id", "op", "quote", "ref",
        "name", "aliases", "speaker", "actor", "keep", "absorb", "target", "actions", "revision", "article",
        "entities", "actors", "quotes", "mentions", "paragraphs", "spans", "new", "display", "verdict"]

LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-3, 800)
    | st.integers()
    | st.floats()  # NaN and the infinities too: json.dumps writes them as NaN and Infinity
    | st.text(max_size=12)
    | st.sampled_from(WORDS)
)
JSON_VALUES = st.recursive(
    LEAVES,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6),
                                                                     children, max_size=4),
    max_leaves=25,
)


def _paths(tree: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(tree, dict):
        for k, v in tree.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    """``base`` with one to three parts replaced by any JSON value, or removed."""
    tree = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(tree)))
        if not path:
            tree = draw(JSON_VALUES)
            continue
        parent = tree
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()):
            parent[path[-1]] = draw(JSON_VALUES)
        elif isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.pop(path[-1])
    return tree


def contents(base: Any) -> st.SearchStrategy[bytes]:
    """A file's bytes: any JSON value, a mutated valid file, or text that is not JSON."""
    as_json = st.one_of(JSON_VALUES, mutated(base)).map(lambda v: json.dumps(v).encode("utf-8"))
    valid = json.dumps(base).encode("utf-8")
    cut = st.integers(0, len(valid) - 1).map(lambda n: valid[:n])
    deep = st.integers(1, 150_000).map(lambda n: b"[" * n + b"]" * n)
    deep_object = st.integers(1, 150_000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n)
    return st.one_of(as_json, as_json, as_json, cut, deep, deep_object, st.binary(max_size=40))


def exports_complete(doc: ParsedDocument, review: Any = None) -> None:
    """Every format the command line writes, written in full (and the app's filter applied)."""
    json.loads(export.to_json(doc, review))
    assert export.to_csv(doc, review).startswith("file,")
    assert export.to_markdown(doc, review).startswith("# Quote review:")
    console = Console(file=io.StringIO(), width=100, markup=False, highlight=False, emoji=False)
    export.print_summary(doc, console)
    apply(doc, parse_query("said type:person kind:direct conf<0.9"))


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A fresh folder for one case, on which writes are not fsynced (durability is tested elsewhere; speed is wanted here)."""
    with tempfile.TemporaryDirectory() as d, mock.patch("os.fsync"):
        yield Path(d)


# -- the parse cache -----------------------------------------------------------

CACHED = analysed_document()
OTHER_REVIEW = b'{"schema": "newsview-review/1", "actions": []}\n'


def _valid_entry() -> dict:
    with tempfile.TemporaryDirectory() as d:
        cache = ParseCache(Path(d))
        assert cache.put(CACHED, PIPE)
        (entry,) = cache.entries.glob("*.json")
        return json.loads(entry.read_text(encoding="utf-8"))


@given(content=contents(_valid_entry()))
def test_any_json_as_a_cache_entry_is_a_miss_or_a_whole_document(content: bytes) -> None:
    with scratch_folder() as folder:  # the article's folder, used as the cache folder
        review = folder / "article.txt.review.json"
        review.write_bytes(OTHER_REVIEW)
        unrelated = folder / "notes.json"
        unrelated.write_bytes(content)
        cache = ParseCache(folder)
        assert cache.put(CACHED, PIPE)
        entry = cache.entries / f"{cache.key(CACHED.source.sha256, PIPE)}.json"
        entry.write_bytes(content)

        hit = cache.get(CACHED.source, PIPE)
        event("cache entry: " + ("miss" if hit is None else "hit"))
        if hit is None:
            assert not entry.exists(), "a bad entry is removed, so that it is rebuilt"
            assert cache.put(CACHED, PIPE) and cache.get(CACHED.source, PIPE) is not None
        else:
            assert entry.read_bytes() == content
            exports_complete(hit)

        ParseCache(folder, max_bytes=0).prune()  # past the cap: every entry goes, nothing else
        assert not list(cache.entries.iterdir())
        assert review.read_bytes() == OTHER_REVIEW
        assert unrelated.read_bytes() == content


# -- the review file -----------------------------------------------------------

REVIEWED = article_doc()
ACTIONS = [Accept("q1"), Reject("q4", reason="wrong_quote"), SetNote("q2", "check"), Reassign("q3", new_name="Anna Lee"),
           Reassign("q5", actor_id="a3"), MergeActors("a1", "a3"), RenameActor("a2", "Thomas Brown"), Undo()]


def _valid_review() -> dict:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "article.txt.review.json"
        store = ReviewStore(path, source_sha256=REVIEWED.source.sha256)
        store.load(REVIEWED)
        for action in ACTIONS:
            store.apply(action)
        return json.loads(path.read_text(encoding="utf-8"))


@given(content=contents(_valid_review()), action=st.sampled_from(ACTIONS[:-1] + [Undo()]))
def test_any_json_as_a_review_file_loads_or_is_one_line_and_never_written_over(content: bytes, action: Any) -> None:
    with scratch_folder() as folder:
        path = folder / "article.txt.review.json"
        path.write_bytes(content)
        try:
            review = existing_review(str(folder / "article.txt"), REVIEWED)
        except ReviewError as exc:
            assert "\n" not in str(exc) and str(path) in str(exc)
            review = None
            event("review file: refused")
            exports_complete(REVIEWED)  # the command line goes on without the review
        else:
            assert review is not None
            event("review file: loaded")
            view = reviewed_view(REVIEWED, review)
            json.dumps(review_json(REVIEWED, view))
            review_csv_rows(REVIEWED, view)
            markdown_report(REVIEWED, view)
            describe_last(review)
            exports_complete(REVIEWED, review)
        assert path.read_bytes() == content, "reading never changes the file"

        store = ReviewStore(path, source_sha256=REVIEWED.source.sha256)
        store.set_document(REVIEWED)
        try:
            store.apply(action)
        except ReviewError as exc:
            event("review action: refused")
            assert "\n" not in str(exc)
            assert path.read_bytes() == content
        else:
            event("review action: saved")
            assert review is not None, "a file newsview could not load was written over"
            saved = parse(path.read_bytes(), path)
            assert saved.entries[: len(review.entries)] == review.entries, "what was there is kept"
