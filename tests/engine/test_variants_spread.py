"""Quote variants found with the work spread over processes are the ones found here."""

from __future__ import annotations

import random

import pytest

from newsview.variants import VariantQuote, find_variants
from newsview.variants import spread

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


def test_spread_over_tasks_the_clusters_are_the_same(small_tasks):
    quotes = _quotes(3000)
    here = find_variants(quotes)
    assert len(here) > 50 and {f for c in here for f in c.flags} >= {"altered", "truncated", "conflicting"}
    assert find_variants(quotes, mapper=map) == here


def test_on_a_dask_cluster_the_clusters_are_the_same(small_tasks):
    distributed = pytest.importorskip("distributed")
    quotes = _quotes(1500, seed=5)
    here = find_variants(quotes)
    # two worker processes on this machine, stopped by the test
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        assert find_variants(quotes, mapper=spread.dask_mapper(client)) == here
