"""Speakers a text counts rather than names: "almost all of whom said", "316 said",
"More than 18,000 of the respondents said".  The actor is who was counted, never the
pronoun or a bare number."""

from __future__ import annotations

from factories import extract_text


def speaker_names(x) -> list[str]:
    by_id = {a.id: a.name for a in x.actors}
    return [by_id[q.speaker] for q in x.quotes if q.speaker is not None]


def test_all_of_whom_are_the_people_counted_before_the_comma(nlp):
    x = extract_text(nlp, "The panel met 40 farmers, almost all of whom said the rains came late.")
    assert speaker_names(x) == ["40 farmers"]
    assert not any("whom" in a.name for a in x.actors)


def test_a_count_with_thousands_keeps_whom_it_counts(nlp):
    x = extract_text(nlp, "[More than 2,000 of the 9,512 respondents] said they had been fined twice.")
    assert "More than 2,000 of the 9,512 respondents" in [a.name for a in x.actors]


def test_a_bare_number_is_no_speaker(nlp):
    x = extract_text(nlp, "The clinic treated 400 women last year; 120 said they had been beaten at home.")
    assert "120" not in [a.name for a in x.actors]
    assert all(not a.name.strip().isdigit() for a in x.actors)


def test_a_grown_document_name_ends_before_the_comma(nlp):
    x = extract_text(nlp, "The inquiry heard testimony from 2,104 nurses, almost all of whom said they had worked unpaid.")
    # the nurses, or their testimony as the document that speaks: never with the comma after it
    assert {a.name for a in x.actors} & {"2,104 nurses", "testimony from 2,104 nurses"}


def test_whom_after_an_of_phrase_is_the_people_it_belongs_to(nlp):
    """The dead do not speak: "relatives of the victims, many of whom say" are the relatives."""
    x = extract_text(nlp, "The minister met with relatives of the crash victims, many of whom said the inquiry was a sham.")
    (name,) = speaker_names(x)
    assert name.startswith("relatives"), name
