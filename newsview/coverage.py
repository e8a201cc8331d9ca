"""What an analysis covered and why, in the words every output uses.

The record of an article's language (:class:`Language`), the three
coverages an analysis can have, and the sentences that explain a limited one
(:func:`coverage_note` for the summaries and the JSON document,
:func:`status_note` for the status line).  Detection itself is
:mod:`newsview.language`; this module imports nothing of newsview, so the
model and the widgets can read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

#: What an analysis covered (``ParsedDocument.coverage``).
FULL = "full"  #: entities, actors and quotes
ENTITIES = "entities"  #: entities from a non-English pipeline; no actors or quotes
TEXT = "text"  #: the text only: the article is not in the pipeline's language
COVERAGES = (FULL, ENTITIES, TEXT)


@dataclass(frozen=True)
class Language:
    """The language an article is in: an ISO 639 code and how sure newsview is.

    ``confidence`` is the share of the text found to be in that language
    (1.0 when the user named it with ``--language``, ``given``);
    ``english_share`` is the share found to be in English, which decides
    whether a page with some English in it is analysed.
    """

    code: str
    confidence: float
    given: bool = False
    #: the share of the text in English (the same as ``confidence`` for an English article)
    english_share: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": language_name(self.code), "confidence": round(self.confidence, 3),
                "english_share": round(self.english_share, 3), "source": "given" if self.given else "detected"}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Language:
        return cls(d["code"], float(d["confidence"]), d.get("source") == "given", float(d.get("english_share", 0.0)))


class _Meta(Protocol):
    @property
    def language(self) -> Language | None: ...


class Covered(Protocol):
    """What the notes read of a document (a ``ParsedDocument``)."""

    @property
    def coverage(self) -> str: ...

    @property
    def pipeline(self) -> str | None: ...

    @property
    def meta(self) -> _Meta: ...


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


def _described(language: Language) -> str:
    how = "given with --language" if language.given else f"detected, confidence {language.confidence:.2f}"
    return f"{language_name(language.code)} ({language.code}, {how})"


def coverage_note(doc: Covered) -> str | None:
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


def status_note(doc: Covered) -> str | None:
    """The status line's short form of :func:`coverage_note`."""
    language = doc.meta.language
    name = f"{language_name(language.code)} ({language.code})" if language is not None else "not English"
    if doc.coverage == TEXT:
        return f"{name}: text only, entity and quote analysis is English-only"
    if doc.coverage == ENTITIES:
        return f"{name}: entities only, quote attribution is English-only"
    return None
