"""The engine's front door: from a file (or a string) to a ParsedDocument.

Two steps, so the app can show text before spaCy has even been imported:

* ``prepare`` reads nothing but the text it is given: it sanitises and cleans
  it and returns an *unanalysed* document (text, meta, paragraphs) at once;
* ``analyze`` runs the spaCy pipeline and extraction and returns the same
  document with entities, actors, mentions and quotes filled in.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from . import ENGINE_VERSION
from .model import ParsedDocument, Source

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .cache import ParseCache
    from .reader import RawArticle


def prepare(raw: "RawArticle") -> ParsedDocument:
    """Clean a decoded article into an unanalysed document (no spaCy)."""
    from .clean import clean_article

    cleaned = clean_article(raw.text)
    return ParsedDocument(
        text=cleaned.text,
        source=Source(raw.path, raw.sha256, raw.encoding, raw.size),
        meta=cleaned.meta,
        paragraphs=cleaned.paragraphs,
        removed=cleaned.removed,
        offset_map=cleaned.offset_map,
        engine_version=ENGINE_VERSION,
    )


def analyze(doc: ParsedDocument, nlp: "Language") -> ParsedDocument:
    """Parse ``doc.text`` with ``nlp`` and extract entities, actors and quotes."""
    from .extract import extract
    from .pipeline import parse, pipeline_id

    spacy_doc = parse(nlp, doc.text, [p.start for p in doc.paragraphs])
    found = extract(spacy_doc)
    return doc.with_analysis(
        entities=found.entities,
        actors=found.actors,
        mentions=found.mentions,
        quotes=found.quotes,
        pipeline=pipeline_id(nlp),
        engine_version=ENGINE_VERSION,
    )


def analyze_text(text: str, nlp: "Language", *, path: str | None = None) -> ParsedDocument:
    """Clean and analyse an in-memory article (used by benchmarks and tests)."""
    from .reader import raw_from_text

    return analyze(prepare(raw_from_text(text, path=path)), nlp)


class Analyzer:
    """Analyses documents with one pipeline, loaded on first need, and a cache.

    A cache hit returns the stored analysis without importing spaCy; the
    pipeline is loaded (once) only when some document misses.
    """

    def __init__(self, model: str | None = None, *, cache: "ParseCache | None" = None) -> None:
        from .pipeline import describe, resolve_model

        self.model_name = resolve_model(model)  # raises ModelError with the fix
        self.pipeline = describe(self.model_name)
        self.cache = cache
        self._nlp: "Language | None" = None
        self._lock = threading.Lock()

    @property
    def nlp(self) -> "Language":
        with self._lock:
            if self._nlp is None:
                from .pipeline import load_pipeline

                self._nlp = load_pipeline(self.model_name)
            return self._nlp

    def cached(self, doc: ParsedDocument) -> ParsedDocument | None:
        return self.cache.get(doc.source, self.pipeline) if self.cache else None

    def __call__(self, doc: ParsedDocument) -> ParsedDocument:
        hit = self.cached(doc)
        if hit is not None:
            return hit
        result = analyze(doc, self.nlp)
        if self.cache:
            self.cache.put(result, self.pipeline)
        return result
