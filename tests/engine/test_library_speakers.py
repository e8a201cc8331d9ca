"""The speaker ledger: one row per person across articles, reviews applied."""

from __future__ import annotations

from pathlib import Path

import pytest
from library_helpers import PIPELINE, Said, analysed, write_article

from newsview import engine
from newsview.cache import ParseCache
from newsview.library import scan, speakers
from newsview.library.index import LibraryIndex
from newsview.library.speakers import ActorFact, merge_names
from newsview.reader import read_article
from newsview.review.actions import RenameActor
from newsview.review.store import ReviewStore

_REPO = Path(__file__).resolve().parents[2]
#: beside the repository (a clone), or beside the folder of worktrees
CORPUS = next((p for p in (_REPO.parent / "shared" / "corpus" / "wikinews",
                           _REPO.parent.parent / "shared" / "corpus" / "wikinews") if p.is_dir()),
              _REPO.parent / "shared" / "corpus" / "wikinews")


def _keys(*facts: tuple[str, str] | tuple[str, str, str]) -> list[str]:
    rows = [ActorFact(i, i, f[0], f[1], f[2] if len(f) > 2 else None) for i, f in enumerate(facts)]  # type: ignore[misc]
    keys = merge_names(rows)
    return [keys[r.row] for r in rows]


def test_one_person_under_several_names_is_one_speaker():
    keys = _keys(("Vladimir Putin", "PERSON"), ("Putin", "PERSON"), ("President Putin", "PERSON"),
                 ("Vladimir V. Putin", "PERSON"), ("Putin's", "PERSON"))
    assert len(set(keys)) == 1


def test_a_surname_goes_to_the_person_most_articles_name():
    donald = [("Donald Trump", "PERSON")] * 5
    keys = _keys(*donald, ("Melania Trump", "PERSON", "f"), ("Trump", "PERSON"))
    assert keys[-1] == keys[0] != keys[5]
    # ... unless a title says otherwise
    keys = _keys(*donald, ("Melania Trump", "PERSON", "f"), ("Mrs Trump", "PERSON", "f"))
    assert keys[-1] == keys[5]


def test_a_surname_two_people_share_as_much_stays_apart():
    keys = _keys(("Bill Clinton", "PERSON"), ("Hillary Clinton", "PERSON"), ("Clinton", "PERSON"))
    assert len(set(keys)) == 3


def test_unnamed_sources_are_never_merged_and_organisations_merge_by_name():
    keys = _keys(("a senior official", "NOMINAL"), ("a senior official", "NOMINAL"),
                 ("the European Commission", "ORG"), ("European Commission", "ORG"), ("Apple", "ORG"))
    assert keys[0] != keys[1]
    assert keys[2] == keys[3] != keys[4]


@pytest.fixture
def ledger(tmp_path: Path):
    """Three invented articles naming Putin three ways, plus a stray surname elsewhere."""
    folder = tmp_path / "set"
    folder.mkdir()
    cache = ParseCache(tmp_path / "cache")
    write_article(folder, "2024-03-01-kremlin.txt", "Kremlin sets terms",
                  'Vladimir Putin said "the terms are final" in Moscow.',
                  [Said("Vladimir Putin", quotes=("the terms are final",), gender="m")], cache)
    write_article(folder, "2024-03-02-talks.txt", "Talks resume",
                  'Putin told reporters "we are ready to talk" on Monday. Olaf Scholz said "good".',
                  [Said("Putin", quotes=("we are ready to talk",)), Said("Olaf Scholz", quotes=("good",))], cache)
    write_article(folder, "2024-03-05-summit.txt", "Summit ends",
                  'President Putin said "the summit was useful" and left.',
                  [Said("President Putin", quotes=("the summit was useful",))], cache)
    index = LibraryIndex(tmp_path / "lib.sqlite")
    scan.sync(index, list(scan.expand_inputs([str(folder)]).files), pipeline=PIPELINE, cache=cache)
    speakers.refresh(index)
    yield index, folder, cache
    index.close()


def test_the_ledger_across_articles(ledger):
    index, _folder, _cache = ledger
    rows = speakers.speakers(index)
    top = rows[0]
    assert top.name == "Vladimir Putin" and top.kind == "PERSON"
    assert (top.articles, top.quoted_articles, top.quotes) == (3, 3, 3)
    assert (top.first_date, top.last_date) == ("2024-03-01", "2024-03-05")
    assert speakers.count(index) == 2 and speakers.count(index, "scholz") == 1
    assert [s.name for s in speakers.speakers(index, "putin")] == ["Vladimir Putin"]

    quotes = speakers.speaker_quotes(index, top.key)
    assert [q.quote.text for q in quotes] == ["the terms are final", "we are ready to talk", "the summit was useful"]
    for q in quotes:  # the offsets open the article at the quote
        doc = engine.prepare(read_article(q.path))
        assert doc.text[q.quote.start:q.quote.end] == q.quote.text
        assert q.quote.kind == "direct" and not q.quote.reviewed


def test_the_ledger_is_rebuilt_only_when_articles_changed(ledger):
    index, folder, cache = ledger
    assert not speakers.refresh(index)
    write_article(folder, "2024-03-09-more.txt", "More talks", 'Vladimir Putin said "more talks" again.',
                  [Said("Vladimir Putin", quotes=("more talks",))], cache)
    scan.sync(index, list(scan.expand_inputs([str(folder)]).files), pipeline=PIPELINE, cache=cache)
    assert speakers.refresh(index)
    assert speakers.speakers(index)[0].quotes == 4


def test_a_review_rename_joins_the_speaker_across_articles(ledger):
    index, folder, cache = ledger
    path = write_article(folder, "2024-03-07-interview.txt", "An interview",
                         'The Russian leader said "nothing has changed" in the interview.', None, None)
    doc = analysed(engine.prepare(read_article(path)), [Said("The Russian leader", kind="NOMINAL", quotes=("nothing has changed",))])
    cache.put(doc, PIPELINE)
    store = ReviewStore.for_article(str(path), doc.source.sha256)
    store.load(doc)
    store.apply(RenameActor("a1", "Vladimir Putin"))  # the reviewer names the speaker
    scan.sync(index, list(scan.expand_inputs([str(folder)]).files), pipeline=PIPELINE, cache=cache)
    speakers.refresh(index)
    top = speakers.speakers(index)[0]
    assert top.name == "Vladimir Putin" and top.quotes == 4 and top.articles == 4


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the Wikinews corpus is not beside the repository")
def test_donald_trump_is_one_speaker_in_real_articles(tmp_path, nlp):
    """Three real Wikinews articles that name him in different ways: one ledger row."""
    names = ["2019-01-07-president-trump-says-he-can-and-may-put-us-into-state-of-eme.txt",
             "2019-01-04-nancy-pelosi-again-elected-speaker-as-116th-u-s-congress-swo.txt"]
    files = [str(CORPUS / n) for n in names if (CORPUS / n).is_file()]
    files += sorted(str(p) for p in CORPUS.glob("*trump*.txt") if str(p) not in files)[:2]
    cache = ParseCache(tmp_path / "cache")
    pipeline = "real"
    for f in files:
        doc = engine.analyze(engine.prepare(read_article(f)), nlp)
        cache.put(doc, pipeline)
    with LibraryIndex(tmp_path / "lib.sqlite") as index:
        scan.sync(index, files, pipeline=pipeline, cache=cache)
        speakers.refresh(index)
        trump = [s for s in speakers.speakers(index, "trump", limit=500) if s.kind == "PERSON"
                 and "donald" in s.name.lower()]
        assert len(trump) == 1
        assert trump[0].articles == len(files)


def test_the_ledger_as_rows_for_a_table(ledger):
    index, _folder, _cache = ledger
    rows = list(speakers.ledger_rows(index, batch=1))  # a batch at a time, all of it
    assert [r["speaker"] for r in rows] == ["Vladimir Putin", "Olaf Scholz"]
    assert rows[0]["quoted_articles"] == 3 and rows[0]["first_date"] == "2024-03-01"
    assert set(rows[0]) == set(speakers.LEDGER_FIELDS)


def test_a_bare_name_taken_for_a_descriptor_joins_a_known_person_only():
    keys = _keys(("Donald Trump", "PERSON"), ("Trump", "NOMINAL"), ("Police", "NOMINAL"), ("WSS))", "NOMINAL"),
                 ("WSS))", "NOMINAL"), ("The Trump campaign", "NOMINAL"))
    assert keys[1] == keys[0]
    assert len({keys[2], keys[3], keys[4], keys[5], keys[0]}) == 5  # no new speaker made of descriptors


def test_the_speakers_filter_knows_types(ledger):
    index, _folder, _cache = ledger
    assert speakers.count(index, "type:person") == 2
    assert speakers.count(index, "type:org") == 0
    assert [s.name for s in speakers.speakers(index, "@scholz type:person")] == ["Olaf Scholz"]
