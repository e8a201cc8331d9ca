"""How far what a speech verb reports reaches: one invented text per construction."""

from __future__ import annotations

from factories import extract_text

def reported(text: str, nlp, fragment: str) -> str:
    x = extract_text(nlp, text)
    hits = [q.text for q in x.quotes if fragment in q.text]
    assert len(hits) == 1, (fragment, [q.text for q in x.quotes])
    return hits[0]


def test_a_second_that_clause_goes_on_with_what_was_said(nlp):
    text = ("Ana Ruiz, an economist at the port authority, predicted that harbour fees would fall "
            "somewhat over time, but that the higher cargo volumes would more than offset any loss.")
    assert "higher cargo volumes would more than offset" in reported(text, nlp, "harbour fees would fall")


def test_a_second_predicate_in_a_reported_modal_goes_on_with_what_was_said(nlp):
    text = "Martin Okafor said he was backing the northern route but would now back the coastal one."
    assert "would now back the coastal one" in reported(text, nlp, "backing the northern route")


def test_a_report_inside_what_someone_reported_is_part_of_it(nlp):
    text = ("Harbour officials said on Monday that the ferry company had promised to restore "
            "the evening crossings by June.")
    x = extract_text(nlp, text)
    assert [q.text for q in x.quotes] == [
        "that the ferry company had promised to restore the evening crossings by June"]


def test_a_report_in_a_clause_of_the_writers_own_stays_a_report(nlp):
    text = ("Ana Ruiz said that the toll was fair, while her rival, Martin Okafor, has argued "
            "that it drives trade away.")
    assert "drives trade away" not in reported(text, nlp, "the toll was fair")
    assert reported(text, nlp, "drives trade away").startswith("that it drives")


def test_the_speakers_own_participle_ends_what_was_said(nlp):
    text = ("Martin Okafor said he did not believe the toll had cost him the vote, arguing "
            "that the split in his own party was the bigger hurdle.")
    assert reported(text, nlp, "the toll had cost") == "he did not believe the toll had cost him the vote"
    assert "the bigger hurdle" in reported(text, nlp, "the split in his own party")


def test_a_quotation_after_but_goes_on_with_the_quotation_before(nlp):
    text = ("Martin Okafor, a harbour councillor, said the vote would help both sides.\n\n"
            "\u201cI don\u2019t think it\u2019s do or die, any single vote in particular,\u201d he said outside "
            "the building. But \u201cthe ferry plan is strengthened with a vote from the most powerful "
            "person in the council. It helps.\u201d")
    x = extract_text(nlp, text)
    hits = [q for q in x.quotes if "do or die" in q.text]
    assert len(hits) == 1
    assert any("It helps" in text[a:b] for a, b in hits[0].spans)


def test_what_someone_called_for_is_reported_when_it_has_its_own_infinitive(nlp):
    text = "Ana Ruiz has called for the national harbour toll, now $9 a crossing, to be lowered to $5 by 2028."
    x = extract_text(nlp, text)
    names = {a.id: a.name for a in x.actors}
    hits = [q for q in x.quotes if "to be lowered to $5" in q.text]
    assert len(hits) == 1 and hits[0].text.startswith("the national harbour toll")
    assert names.get(hits[0].speaker) == "Ana Ruiz"


def test_a_joined_clause_with_a_speaker_of_its_own_is_a_second_report(nlp):
    text = "The harbour report said demand was weak, and a note to the council said fees would rise."
    assert reported(text, nlp, "demand was weak") == "demand was weak"
    assert reported(text, nlp, "fees would rise") == "fees would rise"
