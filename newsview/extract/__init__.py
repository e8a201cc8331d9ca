"""Actor and quote extraction from a parsed spaCy document.

``extract(doc)`` is the one entry point: it takes a spaCy ``Doc`` whose text is
the cleaned article and returns an :class:`Extraction` of model objects whose
offsets index ``doc.text``.  The work is split into:

* :mod:`.marks` - quotation marks to quoted pieces (pure text);
* :mod:`.actors` - entities to canonical actors with aliases and gender;
* :mod:`.speakers` - subjects, pronouns and descriptors to actors;
* :mod:`.quotes` - direct quotes, reported speech and mixed quotes;
* :mod:`.interviews` - transcripts: speaker labels, questions and answers;
* :mod:`.cues` - the word lists;
* :mod:`.extraction` - the result;
* :mod:`.assemble` - actors and quotes put together into it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .extraction import Extraction

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["Extraction", "extract"]


def extract(doc: Doc) -> Extraction:
    """Find entities, actors, mentions and quotes in a parsed document."""
    from .assemble import assemble

    return assemble(doc)
