"""Quote variants: the same statement quoted across articles, and how the versions differ.

A pure engine function over quotes from many articles (no spaCy, no
Textual): ``find_variants(quotes)`` returns ``Cluster`` objects flagged
``identical``, ``altered``, ``truncated``, ``conflicting`` and
``unattributed-elsewhere``; ``quotes_of_document`` turns a ParsedDocument
(and its review) into the quotes it reads; ``write_variants`` writes the
``--format variants`` JSON lines.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
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

#: where each public name lives.  The package imports them on first use: the
#: reader imports ``.documents`` and ``.model`` for its first frame, and
#: importing the package must not bring in the clustering (numpy, rapidfuzz,
#: difflib: about 100 ms of a start-up that is about 250 ms).
_HOME = {
    "find_variants": ".cluster", "quotes_of_document": ".documents",
    "variant_rows": ".export", "write_variants": ".export",
    **dict.fromkeys(["ALTERED", "CONFLICTING", "FLAGS", "IDENTICAL", "TRUNCATED", "UNATTRIBUTED_ELSEWHERE",
                     "Change", "Cluster", "Member", "MemberDiff", "VariantQuote", "clusters_by_quote"], ".model"),
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home, __name__), name)


__all__ = [
    "ALTERED", "CONFLICTING", "FLAGS", "IDENTICAL", "TRUNCATED", "UNATTRIBUTED_ELSEWHERE",
    "Change", "Cluster", "Member", "MemberDiff", "VariantQuote",
    "clusters_by_quote", "find_variants", "quotes_of_document", "variant_rows", "write_variants",
]
