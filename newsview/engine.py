"""The engine's front door: from a file (or a string) to a ParsedDocument.

Two steps, so the app can show text before spaCy has even been imported:

* ``prepare`` reads nothing but the text it is given: it sanitises and cleans
  it and returns an *unanalysed* document (text, meta, paragraphs) at once;
* ``analyze`` runs the spaCy pipeline and extraction and returns the same
  document with entities, actors, mentions and quotes filled in.

For the app's first frame, ``prepare_head`` cleans only the first part of a
long article (its text an exact prefix of what ``prepare`` gives, offsets and
meta the same) and returns it as a ``HeadDocument``, which carries the
article it was cut from; ``finish`` cleans the rest, and ``Analyzer`` does
that first of all, before the pipeline loads, and reports the whole text as
its first progress.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable

from . import ENGINE_VERSION
from .model import Entity, ParsedDocument, Source

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .cache import ParseCache
    from .clean import Cleaned
    from .reader import RawArticle


def prepare(raw: "RawArticle") -> ParsedDocument:
    """Clean a decoded article into an unanalysed document (no spaCy).

    Raises :class:`newsview.reader.InputError` when nothing but page
    boilerplate is left.
    """
    from .clean import clean_article

    return _document(raw, clean_article(raw.text))


@dataclass(frozen=True, eq=False, kw_only=True)
class HeadDocument(ParsedDocument):
    """The first paragraphs of a long article, as ``prepare_head`` gives them.

    It is a document like any other (the app shows it, the cache looks it up
    by its source) that also carries the article it was cut from, so that
    ``finish`` can clean the rest when it is wanted.
    """

    article: RawArticle


def prepare_head(raw: "RawArticle") -> ParsedDocument:
    """``prepare`` for the first frame: a long article's first paragraphs only.

    The document's text is a prefix of ``prepare(raw).text``, its paragraphs
    and offset map are the first ones of that document, its meta is the same
    and so is its source (so the parse cache finds the article's analysis).
    ``finish`` gives the whole document; until then ``is_whole`` is False.
    Short articles and HTML pages come whole at once.
    """
    from .clean import clean_head

    cleaned = clean_head(raw.text)
    if cleaned is None or not cleaned.text.strip():
        return prepare(raw)
    return _document(raw, cleaned, whole=False)


def is_whole(doc: ParsedDocument) -> bool:
    """False for a document ``prepare_head`` cut short (``finish`` gives all of it)."""
    return not isinstance(doc, HeadDocument)


def finish(doc: ParsedDocument) -> ParsedDocument:
    """The whole article of a document ``prepare_head`` cut short; any other document itself."""
    return prepare(doc.article) if isinstance(doc, HeadDocument) else doc


def source_of(raw: "RawArticle") -> Source:
    """Where a document comes from; its hash (and, for a page, its charset and the extractor) is the parse cache's key."""
    from .clean.length import looks_html  # not clean.article: a cached reopen never cleans

    return Source(raw.path, raw.sha256, raw.encoding, raw.size, page=looks_html(raw.text))


def _document(raw: "RawArticle", cleaned: Cleaned, *, whole: bool = True) -> ParsedDocument:
    if not cleaned.text.strip():
        from .reader import InputError, display_name
        from .safe_text import sanitize

        lines = len(cleaned.removed)
        if not sanitize(raw.text).strip():  # nothing was there to call boilerplate
            problem = "no text: only terminal escape sequences and control characters"
        else:
            problem = f"no article text left after removing page boilerplate ({lines} line{'s' if lines != 1 else ''} removed)"
        raise InputError(display_name(raw.path or "<text>"), problem)
    fields: dict[str, Any] = {
        "text": cleaned.text,
        "source": source_of(raw),
        "meta": cleaned.meta,
        "paragraphs": cleaned.paragraphs,
        "removed": cleaned.removed,
        "offset_map": cleaned.offset_map,
        "engine_version": ENGINE_VERSION,
    }
    return ParsedDocument(**fields) if whole else HeadDocument(**fields, article=raw)


#: Callback for progressive display: a partial document (``analysed`` False,
#: entities found so far) and the share of the text parsed, 0..1.  The share
#: is None when nothing is parsed yet: ``Analyzer`` reports the whole text of
#: a document from ``prepare_head`` that way, before it loads the pipeline.
Progress = Callable[[ParsedDocument, "float | None"], None]


def with_language(doc: ParsedDocument, given: str | None = None) -> ParsedDocument:
    """``doc`` with ``meta.language`` set: ``given`` (``--language``), else detected from its text.

    A document whose language is already known keeps it unless one is given.
    """
    from .language import article_language

    if given is None and doc.meta.language is not None:
        return doc
    return replace(doc, meta=replace(doc.meta, language=article_language(doc.text, given)))


def text_only(doc: ParsedDocument, pipeline: str) -> ParsedDocument:
    """The analysis of an article the pipeline cannot read (not English): its text alone, saying so."""
    from .coverage import TEXT

    return doc.with_analysis(entities=(), actors=(), mentions=(), quotes=(), coverage=TEXT, pipeline=pipeline,
                             engine_version=ENGINE_VERSION)


def analyze(
    doc: ParsedDocument,
    nlp: "Language",
    *,
    language: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ParsedDocument:
    """Parse ``doc.text`` with ``nlp`` and extract entities, actors and quotes.

    The article's language is detected first (``language``, a code, names it
    instead): an article that is not in English gets no English analysis
    (``newsview.language.coverage_for``), and a pipeline for another language
    gives entities only.

    With ``progress``, long articles report entities piece by piece (at most a
    few times a second) before actors and quotes arrive at the end.
    ``cancelled()`` is checked between pieces; when it returns True the parse
    stops with :class:`newsview.pipeline.Cancelled`.
    """
    from .extract import extract
    from .extract.actors import trim_span
    from .extract.sections import join_sections
    from .language import ENTITIES, TEXT, coverage_for
    from .pipeline import parse, pipeline_id, sections

    doc = with_language(doc, language)
    coverage = coverage_for(doc.meta.language, getattr(nlp, "lang", None))
    if coverage == TEXT:
        return text_only(doc, pipeline_id(nlp))
    extract_part = extract if coverage != ENTITIES else entities_only

    on_piece = None
    if progress is not None:
        found: list[Entity] = []
        shared: dict[str, str] = {}
        last = [0.0]
        total = max(len(doc.text), 1)

        def on_piece(start: int, piece) -> None:
            if start == 0 and len(piece.text) >= total:
                return  # the whole article in one piece: its analysis follows at once
            for ent in piece.ents:
                # trimmed as the final entities are, so highlights do not shift when they arrive
                s, e = trim_span(doc.text, start + ent.start_char, start + ent.end_char)
                if s < e:
                    # a name or label found again is kept once (a long article has thousands)
                    label, name = ent.label_, doc.text[s:e]
                    found.append(Entity(s, e, shared.setdefault(label, label), shared.setdefault(name, name)))
            now = time.monotonic()
            done = start + len(piece.text)
            if now - last[0] >= PROGRESS_INTERVAL or done >= total:
                last[0] = now
                progress(replace(doc, entities=tuple(found)), done / total)

    # an article longer than one section is parsed and extracted a section
    # at a time: only one section's spaCy Doc is ever in memory
    parts = []
    for a, b, starts in sections(doc.text, [p.start for p in doc.paragraphs]):
        on_section_piece = None if on_piece is None else (lambda start, piece, a=a: on_piece(a + start, piece))
        spacy_doc = parse(nlp, doc.text[a:b], starts, on_piece=on_section_piece, cancelled=cancelled)
        if cancelled is not None and cancelled():
            from .pipeline import Cancelled

            raise Cancelled()
        parts.append((a, extract_part(spacy_doc)))
        del spacy_doc
    found_all = join_sections(parts)
    return doc.with_analysis(
        entities=found_all.entities,
        actors=found_all.actors,
        mentions=found_all.mentions,
        quotes=found_all.quotes,
        coverage=coverage,
        pipeline=pipeline_id(nlp),
        engine_version=ENGINE_VERSION,
    )


def entities_only(spacy_doc: Any) -> Any:
    """The entities a pipeline found, without actors or quotes (whose rules are English-only)."""
    from .extract import Extraction
    from .extract.actors import trim_span

    text = spacy_doc.text
    found = []
    for ent in spacy_doc.ents:
        s, e = trim_span(text, ent.start_char, ent.end_char)
        if s < e:
            found.append(Entity(s, e, ent.label_, text[s:e]))
    return Extraction(entities=tuple(found))


#: Seconds between two progress reports.
PROGRESS_INTERVAL = 0.5


def analyze_text(text: str, nlp: "Language", *, path: str | None = None) -> ParsedDocument:
    """Clean and analyse an in-memory article (used by benchmarks and tests)."""
    from .reader import raw_from_text

    return analyze(prepare(raw_from_text(text, path=path)), nlp)


class Analyzer:
    """Analyses documents with one pipeline, loaded on first need, and a cache.

    A cache hit returns the stored analysis without importing spaCy; the
    pipeline is loaded (once) only when some document misses.
    """

    def __init__(self, model: str | None = None, *, cache: "ParseCache | None" = None,
                 language: str | None = None) -> None:
        """``language``: the articles' language code when the user named it (``--language``); None detects it.

        A named language bypasses the parse cache (whose entries hold the
        detected language's analysis).
        """
        from .pipeline import describe, pipeline_language, resolve_model

        self.model_name = resolve_model(model)  # raises ModelError with the fix
        self.pipeline = describe(self.model_name)
        self.pipeline_language = pipeline_language(self.model_name)
        self.language = language
        self.cache = cache if language is None else None
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

    def __call__(
        self,
        doc: ParsedDocument,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ParsedDocument:
        hit = self.cached(doc)
        if hit is not None:
            return hit
        whole = finish(doc)
        if whole is not doc:
            # the rest of the article is cleaned before the pipeline loads (or
            # fails to): the reader has all the text as soon as possible
            doc = whole
            if progress is not None:
                progress(doc, None)
            if cancelled is not None and cancelled():
                from .pipeline import Cancelled

                raise Cancelled()
        from .language import TEXT, coverage_for

        doc = with_language(doc, self.language)
        if coverage_for(doc.meta.language, self.pipeline_language) == TEXT:
            # not the pipeline's language: the text alone, without loading spaCy
            result = text_only(doc, self.pipeline)
        else:
            result = analyze(doc, self.nlp, language=self.language, progress=progress, cancelled=cancelled)
        if self.cache:
            self.cache.put(result, self.pipeline)
        return result


def make_analyzer(model: str | None, use_cache: bool, language: str | None = None) -> "Analyzer":
    """The engine with the resolved pipeline (loaded on first need) and, unless told not to, the parse cache.

    ``language`` (a code) is the articles' language when the user named it; None detects it.
    """
    from .cache import ParseCache

    return Analyzer(model, cache=ParseCache() if use_cache else None, language=language)
