"""Quote variants found with the work spread over processes are the ones found here."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

from newsview.variants import VariantQuote, find_variants
from newsview.variants import spread
from newsview.variants.index import candidate_pairs
from newsview.variants.units import cut_units

WORDS = ("harbour wall storm family council vote mayor winter front build protect promise money late "
         "plan river bridge school road tax budget fair people city port ship fish market rain wind").split()
PEOPLE = ["Ana Costa", "Tom Reyes", "Lena Park", "Omar Haddad", "Costa", None]


def _quotes(n: int, seed: int = 3) -> list[VariantQuote]:
    """Statements and their versions elsewhere: copies, a word changed, cut short, another speaker, short phrases."""
    rng = random.Random(seed)
    out: list[VariantQuote] = []
    for k in range(n):
        doc = f"a{k // 7}.txt"
        if out and rng.random() < 0.4:
            src = rng.choice(out)
            words = src.pieces[0][1].split()
            change = rng.randrange(4)
            if change == 0 and len(words) > 4:
                words[len(words) // 2] = rng.choice(WORDS)
            elif change == 1 and len(words) > 6:
                words = words[: len(words) * 2 // 3]
            speaker = rng.choice(PEOPLE) if change == 2 else src.speaker
            context = src.context if rng.random() < 0.5 else " ".join(rng.choices(WORDS, k=12))
        else:
            words = rng.choices(WORDS, k=rng.choice((2, 3, 4, 8, 12, 20)))
            speaker, context = rng.choice(PEOPLE), " ".join(rng.choices(WORDS, k=12))
        out.append(VariantQuote.of_text(doc, f"q{k % 7}", speaker, " ".join(words), start=5 * k, context=context))
    return out


@pytest.fixture
def small_tasks(monkeypatch):
    """Tasks of a few pairs and groups: a small corpus is cut into many of them."""
    monkeypatch.setattr(spread, "PAIRS_PER_TASK", 37)
    monkeypatch.setattr(spread, "UNITS_PER_TASK", 11)
    monkeypatch.setattr(spread, "PARTS_PER_THREAD", 3)


def test_spread_over_tasks_the_clusters_are_the_same(small_tasks):
    quotes = _quotes(3000)
    here = find_variants(quotes)
    assert len(here) > 50 and {f for c in here for f in c.flags} >= {"altered", "truncated", "conflicting"}
    assert find_variants(quotes, workers=spread.LocalWorkers(threads=2)) == here


def test_on_a_dask_cluster_the_clusters_are_the_same(small_tasks):
    distributed = pytest.importorskip("distributed")
    quotes = _quotes(1500, seed=5)
    here = find_variants(quotes)
    # two worker processes on this machine, stopped by the test
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert find_variants(quotes, workers=spread.DaskWorkers(client)) == here


SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _news_quotes(seed: int = 11) -> list[VariantQuote]:
    """Every sentence of the shipped news samples as a quote, and versions of a third of them in other articles.

    Real text has what the synthetic words lack: common phrases shared by
    unrelated sentences, short sentences, names and punctuation.
    """
    rng = random.Random(seed)
    sentences = [s.strip() for path in sorted(SAMPLES.glob("*.txt"))
                 for s in re.split(r"(?<=[.!?])\s+", path.read_text(encoding="utf-8")) if len(s.split()) >= 2]
    out: list[VariantQuote] = []
    for k, text in enumerate(sentences):
        out.append(VariantQuote.of_text(f"s{k // 9}.txt", f"q{k}", rng.choice(PEOPLE), text, start=k,
                                        context=" ".join(sentences[max(k - 1, 0):k])))
    for k, src in enumerate(rng.sample(out, len(out) // 3)):
        words = src.pieces[0][1].split()
        change = k % 5
        if change == 0 and len(words) > 4:
            words[len(words) // 2] = rng.choice(WORDS)
        elif change == 1 and len(words) > 6:
            words = words[: len(words) * 2 // 3]
        elif change == 2 and len(words) > 8:
            words = [*words[:3], "...", *words[6:]]
        elif change == 3:
            words = [w.upper() for w in words]
        speaker = rng.choice(PEOPLE) if change == 4 else src.speaker
        context = src.context if k % 2 else ""
        out.append(VariantQuote.of_text(f"v{k // 9}.txt", f"q{k}", speaker, " ".join(words), start=k, context=context))
    return out


def test_news_sentences_on_a_dask_cluster_the_clusters_are_the_same():
    distributed = pytest.importorskip("distributed")
    quotes = _news_quotes()
    here = find_variants(quotes)
    assert len(here) > 100 and {f for c in here for f in c.flags} >= {"altered", "truncated", "conflicting"}
    assert find_variants(quotes, workers=spread.LocalWorkers(threads=3)) == here
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert find_variants(quotes, workers=spread.DaskWorkers(client)) == here


@pytest.mark.parametrize("threads", [1, 2, 5])
def test_the_index_built_in_chunks_and_buckets_gives_the_same_candidate_pairs(threads):
    quotes = _news_quotes() + _quotes(1500, seed=8)
    forms = [(q.doc, q.kind, q.pieces, q.speaker is not None) for q in quotes]
    whole = cut_units(forms)
    include = np.ones(len(whole), bool)
    include[::7] = False  # some units are copies of others, left out of the index
    expected = candidate_pairs(whole.word_hashes, whole.offsets, include=include)
    workers = spread.LocalWorkers(threads=threads)
    chunks, units = spread.cut(workers, forms)
    assert np.array_equal(units.text_hashes, whole.text_hashes)
    i, j = spread.candidates(workers, chunks, include)
    assert len(i) > 1000 and np.array_equal(i, expected[0]) and np.array_equal(j, expected[1])
