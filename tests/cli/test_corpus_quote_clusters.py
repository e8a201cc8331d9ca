"""A corpus run's ``quote_clusters`` table: the same quote across its articles, as ``--format variants`` finds it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

from newsview.corpus.parquet import read_table  # noqa: E402
from newsview.corpus.quote_clusters import FILE, TABLE, variant_objects  # noqa: E402
from newsview.corpus.runner import run_corpus  # noqa: E402

SAID = "The new harbour wall will protect every family on the front from the winter storms"
ARTICLES = {
    "a-costa.txt": f"Harbour wall vote\n\nMayor Ana Costa spoke to reporters on Tuesday.\n\n\u201c{SAID},\u201d Ana Costa said.\n",
    # another outlet changed a word of the same statement
    "b-herald.txt": "Council backs sea wall\n\nThe council met on Wednesday.\n\n"
                    f"\u201c{SAID.replace('every family', 'every home')},\u201d Ana Costa said.\n",
    "c-weather.txt": "Storm warning\n\nForecasters expect gales.\n\n"
                     "\u201cKeep away from the sea front until Friday,\u201d Lena Park said.\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("variants-corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_planted_variant_is_a_cluster_row_equal_to_format_variants(corpus, monkeypatch):
    monkeypatch.chdir(corpus)
    files = sorted(ARTICLES)
    # partitions of a few dozen words: each article in a partition of its own
    summary = run_corpus(files, corpus / "out", size=20)
    assert summary.partitions == 3 and not summary.failed and summary.clusters == 1
    assert "1 quote cluster" in summary.line

    (cluster,) = variant_objects(corpus / "out")
    assert cluster["flags"] == ["altered"]
    assert [m["path"] for m in cluster["members"]] == ["a-costa.txt", "b-herald.txt"]
    (diff,) = cluster["diff"]
    assert [(c["op"], c["reference"], c["member"]) for c in diff["changes"]] in (
        [("replace", "family", "home")], [("replace", "home", "family")])

    # a version joins the quotes table on ordinal and quote_id
    import pyarrow.parquet as pq

    members = pq.read_table(corpus / "out" / TABLE).to_pylist()
    quotes = {(q["ordinal"], q["quote_id"]): q for q in read_table(corpus / "out", "quotes")}
    for m in members:
        q = quotes[(m["ordinal"], m["quote_id"])]
        assert q["article_id"] == m["article_id"] and q["start"] <= m["start"] < m["end"] <= q["end"]

    proc = subprocess.run([sys.executable, "-m", "newsview", *files, "--format", "variants", "--no-cache"],
                          cwd=corpus, capture_output=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr.decode()
    assert [json.loads(line) for line in proc.stdout.decode().splitlines()] == [cluster]


def test_a_rerun_keeps_the_table_and_writes_it_when_it_is_missing(corpus, monkeypatch, tmp_path):
    monkeypatch.chdir(corpus)
    out = tmp_path / "out"
    run_corpus(sorted(ARTICLES), out, size=20)
    table = out / TABLE / FILE
    before = table.stat().st_ino
    again = run_corpus(sorted(ARTICLES), out, size=20)
    assert again.skipped == 3 and table.stat().st_ino == before
    table.unlink()
    run_corpus(sorted(ARTICLES), out, size=20)  # every partition done, the last step not: it is taken now
    assert len(variant_objects(out)) == 1
    run_corpus(sorted(ARTICLES)[1:], out, size=20, restart=True)  # another corpus: the old clusters go
    assert variant_objects(out) == []


def test_on_a_dask_cluster_the_workers_find_the_same_clusters(corpus, monkeypatch, tmp_path):
    pytest.importorskip("distributed")
    monkeypatch.chdir(corpus)
    here = run_corpus(sorted(ARTICLES), tmp_path / "here", size=20)
    # local:2 starts two worker processes on 127.0.0.1; the run stops them
    there = run_corpus(sorted(ARTICLES), tmp_path / "there", size=20, cluster="local:2")
    assert here.clusters == there.clusters == 1
    assert variant_objects(tmp_path / "there") == variant_objects(tmp_path / "here")


def test_rows_that_share_an_id_stay_two_articles_in_the_clusters(tmp_path):
    # research tables do not always have unique ids: two outlets' rows both given id "42"
    rows = [{"id": "42", "text": ARTICLES["a-costa.txt"]}, {"id": "42", "text": ARTICLES["b-herald.txt"]},
            {"id": "7", "text": ARTICLES["c-weather.txt"]}]
    table = tmp_path / "articles.jsonl"
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    summary = run_corpus([str(table)], tmp_path / "out", size=20)
    assert summary.clusters == 1

    import pyarrow.parquet as pq

    members = pq.read_table(tmp_path / "out" / TABLE).to_pylist()
    # each version is its own row's: ordinals 0 and 1, both under the id the table gave them
    assert sorted((m["ordinal"], m["article_id"]) for m in members) == [(0, "42"), (1, "42")]
