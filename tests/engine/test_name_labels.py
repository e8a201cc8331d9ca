"""A person's name and a colon opening a paragraph, as articles print an e-mail
exchange ("Ana Ruiz: We will ..."): that person's words. A kicker ("Harbour
row: ...", "Update: ...") stays nobody's. Invented texts."""

from __future__ import annotations

from factories import extract_text, quote_with, who

run = extract_text


def test_a_line_opened_by_a_person_the_article_names_is_theirs(nlp):
    text = (
        "Ana Ruiz, the harbour master, answered our questions by e-mail.\n\n"
        "Ana Ruiz: We will reopen the ferry line in May, whatever the council decides."
    )
    x = run(nlp, text)
    assert who(x, "reopen the ferry line") == "Ana Ruiz"
    q = quote_with(x, "reopen the ferry line")
    assert q.kind == "direct"
    assert q.text.startswith("We will")


def test_a_title_and_a_surname_make_a_speaker_the_article_names_nowhere_else(nlp):
    text = (
        "The council wrote to the laboratory about the water tests.\n\n"
        "Dr. Brannigan: The samples were tested twice and both results showed the same lead levels."
    )
    x = run(nlp, text)
    assert who(x, "tested twice") is not None
    assert "Brannigan" in who(x, "tested twice")


def test_kickers_before_a_colon_are_not_speakers(nlp):
    text = (
        "The harbour board held a long meeting on Monday.\n\n"
        "Harbour row: the council rejects the new ferry plan after a long debate.\n\n"
        "Update: the ferry will run again on Sunday after the repairs.\n\n"
        "Breaking News: the ferry will run again on Sunday after the repairs."
    )
    x = run(nlp, text)
    assert not [q for q in x.quotes if q.evidence and q.evidence.rule == "name-label"]
    names = {a.name for a in x.actors}
    assert not names & {"Harbour row", "Update", "Breaking News"}
