"""The library's quotes as the variant finder reads them: straight from the index, no article opened.

The index keeps each quote's text, its place in the article and its speaker
after the article's review, so the Variants view of a library needs no parse:
``library_clusters(index_path)`` is the app's provider.  Quotes a reviewer
rejected are left out (the index keeps the verdict, not its reason), and so
are an interviewer's questions (the index keeps each quote's attribution
rule), as ``--format variants`` leaves them out; reported speech is the
finder's to leave out.  Without the article's text, short
quotes are matched only by their speakers' names.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..extract.interviews import QUESTION_RULE
from ..variants.documents import DESCRIBED, quoted_parts
from ..variants.model import Cluster, VariantQuote

#: actor kinds of a speaker the article only describes (no name to conflict with)
_DESCRIBED_KINDS = (DESCRIBED, "unnamed", "group")

_QUOTES = """
SELECT a.path, q.quote_id, q.speaker, q.text, q.start, q.kind, ac.kind, ac.aliases,
       CASE WHEN q.verdict = 'accepted' OR q.reassigned THEN 1.0 ELSE q.confidence END
FROM quotes q JOIN articles a ON a.id = q.article_id
LEFT JOIN actors ac ON ac.article_id = q.article_id AND ac.actor_id = q.speaker_id
WHERE a.state = 'done' AND (q.verdict IS NULL OR q.verdict != 'rejected')
  AND (q.rule IS NULL OR q.rule != ?)
ORDER BY a.path, q.position
"""


def variant_quotes(conn: sqlite3.Connection) -> list[VariantQuote]:
    """Every quote of the library's analysed articles, with its reviewed speaker's name."""
    import json

    out = []
    for path, quote_id, speaker, text, start, kind, actor_kind, aliases, confidence in conn.execute(
            _QUOTES, (QUESTION_RULE,)):
        pieces = tuple(quoted_parts(start, text)) if kind == "mixed" else ((start, text),)
        if not pieces:
            continue
        named = actor_kind not in _DESCRIBED_KINDS
        # a speaker a reviewer accepted or reassigned is sure; the engine's otherwise as confident as it said
        out.append(VariantQuote(path, quote_id, speaker or None, pieces, kind,
                                tuple(json.loads(aliases)) if aliases else (), "", named, confidence=confidence))
    return out


def article_titles(conn: sqlite3.Connection) -> dict[str, str]:
    """Article path -> its title, for the analysed articles that have one."""
    return {path: title for path, title in conn.execute(
        "SELECT path, title FROM articles WHERE state = 'done' AND title IS NOT NULL AND title != ''")}


def library_clusters(index_path: Path, *, explicit: bool = False) -> tuple[list[Cluster], dict[str, str]]:
    """The quote variants across a library's analysed articles, and the articles' titles
    (blocking: run it in a worker thread)."""
    from ..variants import find_variants
    from .index import LibraryIndex

    with LibraryIndex(index_path, explicit=explicit) as index:
        quotes = index.guarded(variant_quotes)
        titles = index.guarded(article_titles)
    return find_variants(quotes), titles
