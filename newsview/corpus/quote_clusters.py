"""The ``quote_clusters`` table: the same quote across a corpus run's articles.

Finding the versions of one statement needs every quote of the corpus, so
this is the run's last step, taken once every partition is written: by the
run that writes the last one, and by a rerun that finds them all done and
the table missing.  The quotes are read back from the run's own tables
(``articles`` for the text around each quote, ``quotes``, ``actors`` for the
speakers' other names), one partition at a time, and made into the finder's
quotes by the same function as ``--format variants``
(:func:`newsview.variants.documents.variant_quote`), so the clusters are the
same as ``newsview FILES --format variants`` on the same articles, with the
article's ``article_id`` where ``--format variants`` has its path.

One row per version (a member of a cluster), the cluster's columns repeated
on each: a version joins the ``quotes`` table on ``ordinal`` and
``quote_id``.  :func:`variant_objects` gives the rows back as the
``--format variants`` JSON objects.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa

    from ..variants.model import Cluster, VariantQuote

TABLE = "quote_clusters"
#: the whole table is one file, written at once after every partition (not a partition's ``part-N``)
FILE = "clusters.parquet"

Finder = Callable[[list["VariantQuote"]], list["Cluster"]]


def schema() -> pa.Schema:
    import pyarrow as pa

    span = pa.list_(pa.int64())
    change = pa.struct([("op", pa.string()), ("reference", pa.string()), ("member", pa.string()),
                        ("reference_span", span), ("member_span", span)])
    return pa.schema([
        ("cluster", pa.string()),
        ("flags", pa.list_(pa.string())),
        ("reference", pa.int64()),  # which member the others are compared with
        ("member", pa.int64()),  # this version's place among the cluster's members
        ("ordinal", pa.int64()),
        ("article_id", pa.string()),
        ("quote_id", pa.string()),
        ("speaker", pa.string()),
        ("kind", pa.string()),
        ("text", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        # how this version differs from the reference (empty for the reference and its copies)
        ("relation", pa.list_(pa.string())),
        ("longer", pa.string()),
        ("changes", pa.list_(change)),
        # the speaker's attribution confidence (1.0 reviewed), and the cluster's accusing flags
        # the speakers would raise but the attribution is not sure enough for
        ("confidence", pa.float64()),
        ("unconfirmed", pa.list_(pa.string())),
    ])


def _partitions(directory: Path) -> list[str]:
    return sorted(p.name for p in (directory / "articles").glob("part-*.parquet"))


def corpus_quotes(directory: str | os.PathLike, names: dict[int, str] | None = None) -> Iterator[VariantQuote]:
    """Every quote of a finished run, in input order, as the variant finder reads it.

    The finder tells articles apart by name: ``names`` (an ordinal's, from
    :func:`article_names`) keeps two rows that share an id two articles.
    """
    import pyarrow.parquet as pq

    from ..extract.interviews import QUESTION_RULE
    from ..variants.documents import named_kind, person_kind, variant_quote

    folder = Path(directory)
    if names is None:
        names = {ordinal: name for name, (ordinal, _id) in article_names(folder).items()}
    for name in _partitions(folder):
        articles = pq.read_table(folder / "articles" / name, columns=["ordinal", "article_id", "text"]).to_pydict()
        texts = dict(zip(articles["ordinal"], articles["text"]))
        actors = pq.read_table(folder / "actors" / name, columns=["ordinal", "actor_id", "aliases"]).to_pydict()
        aliases = {(o, a): tuple(al or ()) for o, a, al in zip(actors["ordinal"], actors["actor_id"], actors["aliases"])}
        table = pq.read_table(folder / "quotes" / name)
        has_spans = "spans" in table.column_names  # a run written before the column was added
        for row in table.to_pylist():
            if row["rule"] == QUESTION_RULE:
                continue  # an interviewer's question, left out as --format variants leaves it out
            ordinal = row["ordinal"]
            spans = (row["spans"] if has_spans else None) or [[row["start"], row["end"]]]
            named = named_kind(row["speaker_kind"])
            yield variant_quote(names[ordinal], texts[ordinal], row["quote_id"], row["kind"], spans, row["speaker"],
                                aliases.get((ordinal, row["speaker_id"]), ()), named, cue=row.get("cue"),
                                person=person_kind(row["speaker_kind"], row["speaker"]),
                                confidence=row.get("confidence", 1.0))


def cluster_rows(clusters: Iterable[Cluster], articles: dict[str, tuple[int, str]]) -> dict[str, list[Any]]:
    """The table's columns for ``clusters``; ``articles`` maps the finder's name of an article to
    its ordinal and article_id (:func:`article_names`)."""
    columns: dict[str, list[Any]] = {name: [] for name in schema().names}
    for c in clusters:
        diffs = {d.member: d for d in c.diffs}
        for k, m in enumerate(c.members):
            d = diffs.get(k)
            changes = [ch.to_dict() for ch in d.changes] if d else []
            for name, value in (("cluster", c.id), ("flags", list(c.flags)), ("reference", c.reference),
                                ("member", k), ("ordinal", articles[m.doc][0]), ("article_id", articles[m.doc][1]),
                                ("quote_id", m.quote), ("speaker", m.speaker), ("kind", m.kind), ("text", m.text),
                                ("start", m.start), ("end", m.end), ("relation", list(d.relation) if d else []),
                                ("longer", d.longer if d else None), ("changes", changes),
                                ("confidence", round(m.confidence, 3)), ("unconfirmed", list(c.unconfirmed))):
                columns[name].append(value)
    return columns


def write_quote_clusters(directory: str | os.PathLike, find: Finder | None = None) -> int:
    """Cluster a finished run's quotes into ``DIR/quote_clusters/``; returns how many clusters.

    ``find`` is the finder (``find_variants`` in this process by default; a
    Dask run may pass one that spreads the work over its workers).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..durable import atomic_write
    from ..variants import find_variants

    folder = Path(directory)
    articles = article_names(folder)
    quotes = list(corpus_quotes(folder, {ordinal: name for name, (ordinal, _id) in articles.items()}))
    clusters = (find or find_variants)(quotes)
    del quotes
    table = pa.Table.from_pydict(cluster_rows(clusters, articles), schema=schema())
    buffer = pa.BufferOutputStream()
    pq.write_table(table, buffer, compression="zstd")
    (folder / TABLE).mkdir(parents=True, exist_ok=True)
    atomic_write(folder / TABLE / FILE, buffer.getvalue().to_pybytes())
    return len(clusters)


def article_names(folder: Path) -> dict[str, tuple[int, str]]:
    """The name the variant finder knows each article by, with its ordinal and article_id.

    The name is the article_id, unless rows of a table share one (an id column
    need not be unique): then each of them is ``ID#ORDINAL``, so their quotes
    are never taken for one article's.
    """
    import pyarrow.parquet as pq

    rows: list[tuple[int, str]] = []
    for name in _partitions(folder):
        articles = pq.read_table(folder / "articles" / name, columns=["ordinal", "article_id"]).to_pydict()
        rows.extend(zip(articles["ordinal"], articles["article_id"]))
    counts = Counter(article_id for _ordinal, article_id in rows)
    return {(article_id if counts[article_id] == 1 else f"{article_id}#{ordinal}"): (ordinal, article_id)
            for ordinal, article_id in rows}


def has_quote_clusters(directory: str | os.PathLike) -> bool:
    return (Path(directory) / TABLE / FILE).is_file()


def remove_quote_clusters(directory: str | os.PathLike) -> None:
    """Remove the table (and its folder when that leaves it empty); nothing else."""
    folder = Path(directory) / TABLE
    for path in (folder / FILE, *folder.glob(f".{FILE}.*.tmp")):
        path.unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass  # absent, or something else lives there: not ours to delete


def variant_objects(directory: str | os.PathLike) -> list[dict[str, Any]]:
    """The table as the ``--format variants`` objects (``path`` is the article_id), in the table's order."""
    import pyarrow.parquet as pq

    table = pq.read_table(Path(directory) / TABLE / FILE)
    # a table written before the columns were added reads as sure attributions with nothing held back
    rows = table.select([n for n in schema().names if n in table.column_names]).to_pylist()
    out: list[dict[str, Any]] = []
    for row in rows:
        if not out or out[-1]["cluster"] != row["cluster"]:
            out.append({"cluster": row["cluster"], "flags": row["flags"], "members": [],
                        "reference": row["reference"], "diff": []})
            if row.get("unconfirmed"):
                out[-1]["unconfirmed"] = row["unconfirmed"]
        obj = out[-1]
        obj["members"].append({"path": row["article_id"], "quote": row["quote_id"], "speaker": row["speaker"],
                               "text": row["text"], "start": row["start"], "end": row["end"], "kind": row["kind"],
                               "confidence": row.get("confidence", 1.0)})
        if row["relation"]:
            obj["diff"].append({"member": row["member"], "against": row["reference"], "relation": row["relation"],
                                "longer": row["longer"], "changes": row["changes"]})
    for obj in out:
        if "altered" not in obj["flags"] and "truncated" not in obj["flags"]:
            del obj["diff"]
    return out
