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
