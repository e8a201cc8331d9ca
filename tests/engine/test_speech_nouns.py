"""Reports carried by a noun of saying with a that-clause: one invented text per construction."""

from __future__ import annotations

from factories import extract_text


def speakers(nlp, text: str) -> dict[str, str | None]:
    x = extract_text(nlp, text)
    names = {a.id: a.name for a in x.actors}
    return {q.text: names.get(q.speaker) for q in x.quotes}


def test_a_possessor_speaks_the_claim(nlp):
    got = speakers(nlp, "Martin Okafor's accusation that Ana Ruiz is playing games with the toll "
                        "touched off a long debate in the council.")
    assert got.get("that Ana Ruiz is playing games with the toll") == "Martin Okafor"


def test_the_subject_of_a_light_verb_speaks_the_point(nlp):
    got = speakers(nlp, "Martin Brennan also made the point that the ferry, slowed by the storm, "
                        "would be late for weeks.")
    assert got.get("that the ferry, slowed by the storm, would be late for weeks") == "Martin Brennan"


def test_a_claim_nobody_is_said_to_make_is_no_quote(nlp):
    got = speakers(nlp, "The claim that the ferry is unsafe has been around for years.")
    assert not any("the ferry is unsafe" in t for t in got)


def test_a_pledge_to_do_something_is_what_its_owner_promised(nlp):
    got = speakers(nlp, "Ana Ruiz's pledge to cut the harbour toll by half won her the vote.")
    assert got.get("to cut the harbour toll by half") == "Ana Ruiz"


def test_a_statement_with_a_that_clause_is_its_owners_report(nlp):
    got = speakers(nlp, "Martin Okafor's statement that the ferry would sail on Monday surprised the crews.")
    assert got.get("that the ferry would sail on Monday") == "Martin Okafor"
