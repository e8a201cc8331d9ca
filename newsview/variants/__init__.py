"""Quote variants: the same statement quoted across articles, and how the versions differ.

A pure engine function over quotes from many articles (no spaCy, no
Textual): ``find_variants(quotes)`` returns ``Cluster`` objects flagged
``identical``, ``altered``, ``truncated``, ``conflicting`` and
``unattributed-elsewhere``; ``quotes_of_document`` turns a ParsedDocument
(and its review) into the quotes it reads; ``write_variants`` writes the
``--format variants`` JSON lines.
"""

from .cluster import find_variants
from .documents import quotes_of_document
from .export import variant_rows, write_variants
from .model import (
    ALTERED,
    CONFLICTING,
    FLAGS,
    IDENTICAL,
    TRUNCATED,
    UNATTRIBUTED_ELSEWHERE,
    Change,
    Cluster,
    Member,
    MemberDiff,
    VariantQuote,
    clusters_by_quote,
)

__all__ = [
    "ALTERED", "CONFLICTING", "FLAGS", "IDENTICAL", "TRUNCATED", "UNATTRIBUTED_ELSEWHERE",
    "Change", "Cluster", "Member", "MemberDiff", "VariantQuote",
    "clusters_by_quote", "find_variants", "quotes_of_document", "variant_rows", "write_variants",
]
