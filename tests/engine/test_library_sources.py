"""Sources summary: named versus unnamed sources, shares of quoted words, who is quoted first."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_helpers import PIPELINE, Said, analysed, write_article

from newsview import engine
from newsview.cache import ParseCache
from newsview.library import scan, sources
from newsview.library.index import LibraryIndex
from newsview.reader import read_article

BODY = (
    '"Nobody could have sailed in that storm last night," a senior official said. '
    'Mayor Ana Costa said "the wall holds". '
    'The study found "a rise in floods". '
    'People familiar with the matter said "repairs will take a year". '
    '"It was loud," someone wrote.'
)
ACTORS = [
    Said("a senior official", kind="NOMINAL", quotes=("Nobody could have sailed in that storm last night,",)),
    Said("Ana Costa", quotes=("the wall holds",)),
    Said("The study", kind="NOMINAL", quotes=("a rise in floods",)),
    Said("People familiar with the matter", kind="NOMINAL", quotes=("repairs will take a year",)),
]


@pytest.mark.parametrize("phrase, unnamed", [
    ("a senior official", True), ("people familiar with the matter", True), ("two sources", True),
    ("officials", True), ("one resident", True),
    ("the study", False), ("police", False), ("the mayor of Yartsevo", False), ("Ukrainian president", False),
    ("a report by researchers", False),
])
def test_the_unnamed_source_test_is_conservative(phrase, unnamed):
    assert sources.unnamed_source(phrase) is unnamed


def test_one_article(tmp_path: Path):
    path = write_article(tmp_path, "storm.txt", "Storm hits the port", BODY)
    doc = analysed(engine.prepare(read_article(path)), ACTORS, unattributed=("It was loud,",))
    summary = sources.document_sources(doc)
    assert summary.quotes == 5
    assert summary.by_category == {"named": 1, "unnamed": 2, "document": 0, "other": 1, "unattributed": 1}
    assert summary.first is not None and summary.first.name == "a senior official" and summary.first.category == "unnamed"
    top = summary.speakers[0]
    assert top.name == "a senior official" and top.words == 9
    assert abs(sum(s.share for s in summary.speakers) - 1.0) < 1e-9
    assert abs(top.share - 9 / summary.words) < 1e-9
    data = summary.to_dict()
    assert data["by_category"]["unnamed"] == 2 and data["first"]["name"] == "a senior official"
    import json

    assert json.loads(json.dumps(data)) == data  # plain JSON


def test_across_a_library_speakers_merge(tmp_path: Path):
    folder = tmp_path / "set"
    folder.mkdir()
    cache = ParseCache(tmp_path / "cache")
    write_article(folder, "storm.txt", "Storm hits the port", BODY, ACTORS, cache, unattributed=("It was loud,",))
    write_article(folder, "wall.txt", "Wall repaired", 'Costa said "we rebuilt it in a week" on Friday.',
                  [Said("Costa", quotes=("we rebuilt it in a week",))], cache)
    with LibraryIndex(tmp_path / "lib.sqlite") as index:
        scan.sync(index, list(scan.expand_inputs([str(folder)]).files), pipeline=PIPELINE, cache=cache)
        storm = index.article_by_path(str(folder / "storm.txt"))
        assert storm is not None
        one = sources.article_sources(index, storm.id)
        assert one.by_category == {"named": 1, "unnamed": 2, "document": 0, "other": 1, "unattributed": 1}
        lib = sources.library_sources(index)
        assert lib.articles == 2 and lib.articles_with_unnamed == 1
        assert lib.overall.quotes == 6 and lib.overall.named == 2
        costa = [s for s in lib.overall.speakers if s.name == "Ana Costa"]
        assert len(costa) == 1 and costa[0].quotes == 2  # "Costa" in the other article is the same speaker
        assert dict(((n, c), k) for n, c, k in lib.first_quoted) == {(None, "unnamed"): 1, ("Ana Costa", "named"): 1}


@pytest.mark.parametrize("kind", ["unnamed", "group", "NOMINAL"])
def test_the_engines_unnamed_and_group_kinds_are_unnamed_sources(kind):
    # the engine writes "unnamed" and "group"; older caches and libraries hold "NOMINAL"
    assert sources.category("people familiar with the matter", kind) == "unnamed"
    assert sources.category("The study", kind) == "other"
    assert sources.category("Ines Walcott", "PERSON") == "named"
